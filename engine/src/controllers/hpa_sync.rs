//! The HorizontalPodAutoscaler control loop (`reconcileAutoscaler`): every
//! HPA is processed 15s after it appears and every 15s after that
//! (`--horizontal-pod-autoscaler-sync-period`). It reads the target's scale,
//! the pods' resource metrics from metrics.k8s.io, computes a proposal per
//! metric (`hpa::resource_replicas`, `hpa::raw_replicas`), normalizes it
//! (`hpa_normalize`), writes the target's replicas, and reports status,
//! conditions and events with the controller's texts.

use super::hpa::{self, PodSample, PodState};
use super::hpa_normalize::Memory;
use super::replicaset::selector_string;
use crate::api::aggregated_resources::METRICS_GROUP;
use crate::api::meta;
use crate::api::quantity::{canonical, Quantity};
use crate::apiserver::{ApiServer, ListOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const SOURCE: Source = Source {
    component: "horizontal-pod-autoscaler",
    host: String::new(),
};
pub const SYNC_PERIOD_MS: i64 = 15_000;
/// `--horizontal-pod-autoscaler-cpu-initialization-period`.
const CPU_INITIALIZATION_MS: i64 = 5 * 60 * 1000;
/// `--horizontal-pod-autoscaler-initial-readiness-delay`.
const INITIAL_READINESS_DELAY_MS: i64 = 30_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Tracked {
    uid: String,
    next_sync: i64,
    memory: Memory,
    /// The target's selector, known once a sync computed metrics with it
    /// (upstream's `hpaSelectors`, for AmbiguousSelector).
    #[serde(default)]
    selector: Option<String>,
}

/// The controller's memory, by `namespace/name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HpaState {
    hpas: BTreeMap<String, Tracked>,
}

fn hpas(api: &ApiServer) -> Vec<Value> {
    let Some(r) = api
        .registry()
        .resolve("horizontalpodautoscalers.autoscaling")
        .cloned()
    else {
        return vec![];
    };
    api.list(&r, None, &ListOptions::default())
        .unwrap_or_default()
}

fn key(hpa: &Value) -> String {
    format!("{}/{}", meta::namespace(hpa), meta::name(hpa))
}

pub fn next_wakeup(state: &HpaState) -> Option<i64> {
    state.hpas.values().map(|t| t.next_sync).min()
}

pub fn reconcile(api: &mut ApiServer, state: &mut HpaState) {
    let now = api.now().0;
    let all = hpas(api);
    state
        .hpas
        .retain(|k, t| all.iter().any(|h| key(h) == *k && uid(h) == t.uid));
    for hpa in all {
        let me = key(&hpa);
        let prefix = format!("{}/", meta::namespace(&hpa));
        let others: Vec<(String, String)> = state
            .hpas
            .iter()
            .filter(|(k, _)| **k != me && k.starts_with(&prefix))
            .filter_map(|(k, t)| Some((k.clone(), t.selector.clone()?)))
            .collect();
        let tracked = state.hpas.entry(me).or_insert_with(|| Tracked {
            uid: uid(&hpa).to_string(),
            next_sync: now + SYNC_PERIOD_MS,
            memory: Memory::default(),
            selector: None,
        });
        if now < tracked.next_sync {
            continue;
        }
        tracked.next_sync = now + SYNC_PERIOD_MS;
        if let Some(sel) = reconcile_one(api, hpa, &mut tracked.memory, now, &others) {
            tracked.selector = Some(sel);
        }
    }
}

fn uid(obj: &Value) -> &str {
    meta::str_at(obj, &["metadata", "uid"]).unwrap_or("")
}

/// The v2 metric specs (an autoscaling/v1 object's CPU target converted).
fn metric_specs(hpa: &Value) -> Vec<Value> {
    if let Some(p) =
        meta::at(hpa, &["spec", "targetCPUUtilizationPercentage"]).and_then(Value::as_i64)
    {
        return vec![json!({"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": p}}})];
    }
    meta::at(hpa, &["spec", "metrics"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The status being built, with `setCondition`'s rules.
struct Status {
    conditions: Vec<Value>,
    now: String,
}

impl Status {
    fn set(&mut self, (kind, status, reason, message): (&str, bool, &str, &str)) {
        let status = if status { "True" } else { "False" };
        let pos = match self.conditions.iter().position(|c| c["type"] == kind) {
            Some(p) => p,
            None => {
                self.conditions.push(json!({"type": kind}));
                self.conditions.len() - 1
            }
        };
        let c = &mut self.conditions[pos];
        if c["status"] != status {
            c["lastTransitionTime"] = json!(self.now);
        }
        c["status"] = json!(status);
        c["reason"] = json!(reason);
        c["message"] = json!(message);
    }

    fn set_owned(&mut self, kind: &str, status: bool, reason: &str, message: String) {
        self.set((kind, status, reason, &message));
    }
}

fn event(api: &mut ApiServer, hpa: &Value, kind: &str, reason: &str, message: &str) {
    recorder::record(api, hpa, None, kind, reason, message, &SOURCE);
}

/// The scale subresource of the target: (resource, object, spec replicas, selector).
fn scale_of(
    api: &ApiServer,
    hpa: &Value,
) -> Result<(crate::api::ApiResource, Value, i32, String), String> {
    let target = meta::at(hpa, &["spec", "scaleTargetRef"])
        .cloned()
        .unwrap_or(json!({}));
    let kind = target["kind"].as_str().unwrap_or("");
    let api_version = target["apiVersion"].as_str().unwrap_or("");
    let name = target["name"].as_str().unwrap_or("");
    let r = api
        .registry()
        .for_kind(api_version, kind)
        .filter(|r| r.has_subresource("scale"))
        .cloned()
        .ok_or_else(|| {
            format!(
                "no matches for kind {kind:?} in group {:?}",
                api_version.split_once('/').map_or("", |(g, _)| g)
            )
        })?;
    let obj = api
        .get(&r, meta::namespace(hpa), name)
        .map_err(|s| s.message)?;
    let replicas = meta::at(&obj, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1) as i32;
    let selector = selector_string(meta::at(&obj, &["spec", "selector"]));
    Ok((r, obj, replicas, selector))
}

/// One sync of one HPA; returns the target's selector once metrics were
/// computed with it. `others`: the selectors of the namespace's other HPAs.
fn reconcile_one(
    api: &mut ApiServer,
    hpa: Value,
    memory: &mut Memory,
    now: i64,
    others: &[(String, String)],
) -> Option<String> {
    let mut st = Status {
        conditions: meta::at(&hpa, &["status", "conditions"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        now: Time(now).rfc3339(),
    };
    let old_status = hpa.get("status").cloned().unwrap_or(json!({}));
    let (r, target, current, selector) = match scale_of(api, &hpa) {
        Ok(s) => s,
        Err(e) => {
            event(api, &hpa, "Warning", "FailedGetScale", &e);
            st.set_owned(
                "AbleToScale",
                false,
                "FailedGetScale",
                format!("the HPA controller was unable to get the target's current scale: {e}"),
            );
            let status = status_json(&old_status, None, None, None, st.conditions, None);
            write_status(api, &hpa, &old_status, status);
            return None;
        }
    };
    st.set((
        "AbleToScale",
        true,
        "SucceededGetScale",
        "the HPA controller was able to get the target's current scale",
    ));
    memory.record_initial(current, now);
    let min = meta::at(&hpa, &["spec", "minReplicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1) as i32;
    let max = meta::at(&hpa, &["spec", "maxReplicas"])
        .and_then(Value::as_i64)
        .unwrap_or(0) as i32;
    let behavior = meta::at(&hpa, &["spec", "behavior"])
        .cloned()
        .unwrap_or(Value::Null);
    let mut metric_statuses: Option<Vec<Value>> = None;
    let mut registered = None;
    let (desired, reason, rescale) = if current == 0 && min != 0 {
        st.set((
            "ScalingActive",
            false,
            "ScalingDisabled",
            "scaling is disabled since the replica count of the target is zero",
        ));
        (0, String::new(), false)
    } else if current > max {
        (
            max,
            "Current number of replicas above Spec.MaxReplicas".to_string(),
            true,
        )
    } else if current < min {
        (
            min,
            "Current number of replicas below Spec.MinReplicas".to_string(),
            true,
        )
    } else {
        registered = Some(selector.clone());
        if let Some(err) = ambiguous_selector(api, &hpa, &selector, others) {
            event(api, &hpa, "Warning", "AmbiguousSelector", &err);
            st.set_owned("ScalingActive", false, "AmbiguousSelector", err.clone());
            let status = status_json(&old_status, Some(current), None, None, st.conditions, None);
            write_status(api, &hpa, &old_status, status);
            event(api, &hpa, "Warning", "FailedComputeMetricsReplicas", &err);
            return registered;
        }
        let specs = metric_specs(&hpa);
        let mut statuses = vec![json!({"type": ""}); specs.len()];
        let mut best: Option<(i32, String)> = None;
        let mut invalid: Vec<(MetricFailure, String)> = vec![];
        for (i, spec) in specs.iter().enumerate() {
            match compute_metric(api, &hpa, spec, current, &selector, now) {
                Ok((replicas, name, status)) => {
                    statuses[i] = status;
                    if best.as_ref().is_none_or(|(b, _)| replicas > *b) {
                        best = Some((replicas, name));
                    }
                }
                Err((cond, err)) => invalid.push((cond, err)),
            }
        }
        let proposal = best.as_ref().map_or(0, |(b, _)| *b);
        if !invalid.is_empty() && (invalid.len() >= specs.len() || proposal < current) {
            let (cond, first) = &invalid[0];
            st.set_owned("ScalingActive", false, cond.0, cond.1.clone());
            let err = format!(
                "invalid metrics ({} invalid out of {}), first error is: {first}",
                invalid.len(),
                specs.len()
            );
            let status = status_json(
                &old_status,
                Some(current),
                None,
                Some(statuses),
                st.conditions,
                None,
            );
            write_status(api, &hpa, &old_status, status);
            event(api, &hpa, "Warning", "FailedComputeMetricsReplicas", &err);
            return registered;
        }
        let metric = best.map(|(_, n)| n).unwrap_or_default();
        st.set_owned(
            "ScalingActive",
            true,
            "ValidMetricFound",
            format!("the HPA was able to successfully calculate a replica count from {metric}"),
        );
        let reason = if proposal > current {
            format!("{metric} above target")
        } else if proposal < current {
            "All metrics below target".to_string()
        } else {
            String::new()
        };
        let outcome = if behavior.is_null() {
            memory.normalize(current, proposal, min, max, now)
        } else {
            memory.normalize_with_behavior(&behavior, current, proposal, min, max, now)
        };
        st.set(outcome.able_to_scale);
        st.set(outcome.scaling_limited);
        metric_statuses = Some(statuses);
        (outcome.replicas, reason, outcome.replicas != current)
    };
    let mut last_scale = meta::at(&hpa, &["status", "lastScaleTime"]).cloned();
    let desired = if rescale {
        let mut scaled = target.clone();
        scaled["spec"]["replicas"] = json!(desired);
        if let Err(e) = api.update(&r, meta::namespace(&hpa), scaled) {
            event(
                api,
                &hpa,
                "Warning",
                "FailedRescale",
                &format!(
                    "New size: {desired}; reason: {reason}; error: {}",
                    e.message
                ),
            );
            st.set_owned(
                "AbleToScale",
                false,
                "FailedUpdateScale",
                format!(
                    "the HPA controller was unable to update the target scale: {}",
                    e.message
                ),
            );
            let status = status_json(
                &old_status,
                Some(current),
                None,
                metric_statuses,
                st.conditions,
                None,
            );
            write_status(api, &hpa, &old_status, status);
            return registered;
        }
        st.set_owned(
            "AbleToScale",
            true,
            "SucceededRescale",
            format!("the HPA controller was able to update the target scale to {desired}"),
        );
        event(
            api,
            &hpa,
            "Normal",
            "SuccessfulRescale",
            &format!("New size: {desired}; reason: {reason}"),
        );
        memory.store_scale_event(&behavior, current, desired, now);
        last_scale = Some(json!(Time(now).rfc3339()));
        desired
    } else {
        current
    };
    let status = status_json(
        &old_status,
        Some(current),
        Some(desired),
        metric_statuses,
        st.conditions,
        last_scale,
    );
    write_status(api, &hpa, &old_status, status);
    registered
}

/// `validateAndParseSelector`'s AmbiguousSelector check: the HPAs (this one
/// and the namespace's others) whose selectors take any pod of `selector`.
/// Upstream lists them in map order; here by name, to stay deterministic.
fn ambiguous_selector(
    api: &ApiServer,
    hpa: &Value,
    selector: &str,
    others: &[(String, String)],
) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let ns = meta::namespace(hpa);
    let pods = |sel: &str| -> Vec<String> {
        let Some(r) = api.registry().resolve("pods").cloned() else {
            return vec![];
        };
        let opts = ListOptions {
            label_selector: Some(sel.to_string()),
            ..ListOptions::default()
        };
        let list = api.list(&r, Some(ns), &opts).unwrap_or_default();
        list.iter().map(|p| meta::name(p).to_string()).collect()
    };
    let mine = pods(selector);
    if mine.is_empty() {
        return None;
    }
    let mut selecting = vec![key(hpa)];
    for (other, sel) in others {
        if pods(sel).iter().any(|p| mine.contains(p)) {
            selecting.push(other.clone());
        }
    }
    if selecting.len() < 2 {
        return None;
    }
    selecting.sort();
    Some(format!(
        "pods by selector {selector} are controlled by multiple HPAs: [{}]",
        selecting.join(" ")
    ))
}

/// (reason, condition message) of a metric that could not be computed.
type MetricFailure = (&'static str, String);

/// The status as `setStatus` rebuilds it (None keeps what was there).
fn status_json(
    old: &Value,
    current: Option<i32>,
    desired: Option<i32>,
    metrics: Option<Vec<Value>>,
    conditions: Vec<Value>,
    last_scale: Option<Value>,
) -> Value {
    let mut s = json!({
        "currentReplicas": current.map_or_else(|| old["currentReplicas"].clone(), |c| json!(c)),
        "desiredReplicas": desired.map_or_else(|| old.get("desiredReplicas").cloned().unwrap_or(json!(0)), |d| json!(d)),
        "conditions": conditions,
    });
    if s["currentReplicas"].is_null() {
        s["currentReplicas"] = json!(0);
    }
    if let Some(m) = metrics {
        s["currentMetrics"] = json!(m);
    }
    if let Some(t) = last_scale.or_else(|| old.get("lastScaleTime").cloned()) {
        s["lastScaleTime"] = t;
    }
    s
}

fn write_status(api: &mut ApiServer, hpa: &Value, old: &Value, status: Value) {
    if *old == status {
        return;
    }
    let Some(r) = api
        .registry()
        .resolve("horizontalpodautoscalers.autoscaling")
        .cloned()
    else {
        return;
    };
    let mut next = hpa.clone();
    next["status"] = status;
    let _ = api.update_status(&r, meta::namespace(hpa), next);
}

/// One resource metric's proposal: (replicas, metric name, MetricStatus),
/// or the failure's condition and error (events already recorded).
fn compute_metric(
    api: &mut ApiServer,
    hpa: &Value,
    spec: &Value,
    current: i32,
    selector: &str,
    now: i64,
) -> Result<(i32, String, Value), (MetricFailure, String)> {
    let kind = spec["type"].as_str().unwrap_or("");
    // `computeStatusForResourceMetricGeneric`: Resource, and ContainerResource
    // (one container's usage against its request).
    let (source, container, reason) = match kind {
        "Resource" => ("resource", None, "FailedGetResourceMetric"),
        "ContainerResource" => (
            "containerResource",
            Some(
                spec["containerResource"]["container"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            ),
            "FailedGetContainerResourceMetric",
        ),
        _ => return Err(unsupported(api, hpa, kind, spec)),
    };
    let resource = spec[source]["name"].as_str().unwrap_or("cpu").to_string();
    let target = &spec[source]["target"];
    let wrap = match &container {
        None => format!("failed to get {resource} resource metric value"),
        Some(c) => format!("failed to get {c} container metric value"),
    };
    // The MetricStatus of this source with `current`.
    let status = |current: Value| match &container {
        None => json!({"type": "Resource", "resource": {"name": resource, "current": current}}),
        Some(c) => json!({"type": "ContainerResource", "containerResource": {
            "name": resource, "container": c, "current": current}}),
    };
    let average_value = target["averageValue"].as_str().and_then(Quantity::parse);
    let utilization = target["averageUtilization"].as_i64();
    let what = if average_value.is_some() {
        "usage"
    } else {
        "utilization"
    };
    let fetched =
        fetch_metrics(api, hpa, &resource, container.as_deref(), selector, now).map_err(|e| {
            format!(
            "failed to get {resource} {what}: unable to get metrics for resource {resource}: {e}"
        )
        });
    let samples = match fetched {
        Ok(s) => s,
        Err(e) => return Err(fail(api, hpa, reason, e, &wrap)),
    };
    if let Some(v) = average_value {
        let target_milli = v.milli_value() as i64;
        return match hpa::raw_replicas(current, target_milli, &samples) {
            Ok((replicas, usage)) => Ok((
                replicas,
                format!("{resource} resource"),
                status(json!({"averageValue": canonical(&format!("{usage}m"))})),
            )),
            Err(e) => Err(fail(
                api,
                hpa,
                reason,
                format!("failed to get {resource} usage: {e}"),
                &wrap,
            )),
        };
    }
    let Some(target) = utilization else {
        let e = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set".to_string();
        return Err(fail(api, hpa, reason, e, &wrap));
    };
    match hpa::resource_replicas(current, target as i32, &resource, &samples) {
        Ok(c) => Ok((
            c.replicas,
            match container {
                None => format!("{resource} resource utilization (percentage of request)"),
                Some(_) => {
                    format!("{resource} container resource utilization (percentage of request)")
                }
            },
            status(json!({
                "averageUtilization": c.utilization,
                "averageValue": canonical(&format!("{}m", c.raw_average))})),
        )),
        Err(e) => Err(fail(
            api,
            hpa,
            reason,
            format!("failed to get {resource} utilization: {e}"),
            &wrap,
        )),
    }
}

/// Pods, Object and External metrics need a metrics adapter, which no
/// cluster has out of the box: the custom/external metrics clients' errors.
fn unsupported(
    api: &mut ApiServer,
    hpa: &Value,
    kind: &str,
    spec: &Value,
) -> (MetricFailure, String) {
    let custom = "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";
    let metric = |source: &str| {
        spec[source]["metric"]["name"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    match kind {
        "Pods" => {
            let err = format!("unable to get metric {}: {custom}", metric("pods"));
            fail(
                api,
                hpa,
                "FailedGetPodsMetric",
                err,
                "failed to get pods metric value",
            )
        }
        "Object" => {
            let target = &spec["object"]["describedObject"];
            let err = format!(
                "unable to get metric {}: {} on {} {}/{custom}",
                metric("object"),
                target["kind"].as_str().unwrap_or(""),
                meta::namespace(hpa),
                target["name"].as_str().unwrap_or("")
            );
            fail(
                api,
                hpa,
                "FailedGetObjectMetric",
                err,
                "failed to get object metric value",
            )
        }
        "External" => {
            // The external metrics client is a plain REST client: without an
            // adapter the group's resource is not found. The selector is
            // printed with `%+v` of *LabelSelector (its generated String()).
            let name = metric("external");
            let err = format!(
                "unable to get external metric {}/{name}/{}: unable to fetch metrics from external metrics API: the server could not find the requested resource (get {name}.external.metrics.k8s.io)",
                meta::namespace(hpa),
                go_label_selector(&spec["external"]["metric"]["selector"])
            );
            let wrap = format!("failed to get {name} external metric value");
            fail(api, hpa, "FailedGetExternalMetric", err, &wrap)
        }
        _ => {
            // Rejected by validation; `unknown metric source type %q`.
            let err = format!("unknown metric source type \"{kind}\"");
            fail(api, hpa, "InvalidMetricSourceType", err, "")
        }
    }
}

/// Go's `%+v` of a `*metav1.LabelSelector`: the gogo-generated `String()`
/// (apimachinery v0.33 generated.pb.go), `nil` when unset.
fn go_label_selector(sel: &Value) -> String {
    if !sel.is_object() {
        return "nil".into();
    }
    let labels: String = sel["matchLabels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}: {},", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    let exprs: String = sel["matchExpressions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let values: Vec<&str> = e["values"]
                        .as_array()
                        .map(|v| v.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    format!(
                        "LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},",
                        e["key"].as_str().unwrap_or(""),
                        e["operator"].as_str().unwrap_or(""),
                        values.join(" ")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!("&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{exprs}}},}}")
}

/// `getUnableComputeReplicaCountCondition`: the event now, the condition
/// and the wrapped error for later.
fn fail(
    api: &mut ApiServer,
    hpa: &Value,
    reason: &'static str,
    err: String,
    wrap: &str,
) -> (MetricFailure, String) {
    event(api, hpa, "Warning", reason, &err);
    (
        (
            reason,
            format!("the HPA was unable to compute the replica count: {err}"),
        ),
        if wrap.is_empty() {
            err
        } else {
            format!("{wrap}: {err}")
        },
    )
}

/// The pods of the target as `groupPods` sees them, with their requests
/// and metrics; Err is the metrics client's error.
fn fetch_metrics(
    api: &ApiServer,
    hpa: &Value,
    resource: &str,
    container: Option<&str>,
    selector: &str,
    now: i64,
) -> Result<Vec<PodSample>, String> {
    let ns = meta::namespace(hpa);
    let opts = ListOptions {
        label_selector: Some(selector.to_string()),
        ..Default::default()
    };
    let Some(mr) = api
        .registry()
        .resolve(&format!("pods.{METRICS_GROUP}"))
        .cloned()
    else {
        let unavailable = api
            .registry()
            .resolve("apiservices.apiregistration.k8s.io")
            .and_then(|r| api.get(r, "", "v1beta1.metrics.k8s.io").ok())
            .is_some();
        return Err(format!(
            "unable to fetch metrics from resource metrics API: {}",
            if unavailable {
                "the server is currently unable to handle the request (get pods.metrics.k8s.io)"
            } else {
                "the server could not find the requested resource (get pods.metrics.k8s.io)"
            }
        ));
    };
    let metrics = api.list(&mr, Some(ns), &opts).map_err(|s| s.message)?;
    if metrics.is_empty() {
        return Err("no metrics returned from resource metrics API".into());
    }
    // `getContainerMetrics`: every pod's metrics must name the container.
    if let Some(c) = container {
        if let Some(m) = metrics.iter().find(|m| {
            !m["containers"]
                .as_array()
                .is_some_and(|cs| cs.iter().any(|x| x["name"] == c))
        }) {
            return Err(format!(
                "failed to get container metrics: container {c} not present in metrics for pod {}/{}",
                meta::namespace(m),
                meta::name(m)
            ));
        }
    }
    let pods_r = api.registry().resolve("pods").cloned().ok_or("no pods")?;
    let pods = api.list(&pods_r, Some(ns), &opts).map_err(|s| s.message)?;
    Ok(pods
        .iter()
        .map(|pod| {
            sample(
                pod,
                metrics.iter().find(|m| meta::name(m) == meta::name(pod)),
                resource,
                container,
                now,
            )
        })
        .collect())
}

fn millis_of(q: Option<&Value>) -> Option<i64> {
    q.and_then(Value::as_str)
        .and_then(Quantity::parse)
        .map(|q| q.milli_value() as i64)
}

fn time_of(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_str)
        .and_then(Time::parse_rfc3339)
        .map(|t| t.0)
}

/// One pod for the replica calculation (`groupPods`, `calculatePodRequests`).
fn sample(
    pod: &Value,
    metric: Option<&Value>,
    resource: &str,
    container: Option<&str>,
    now: i64,
) -> PodSample {
    let name = meta::name(pod).to_string();
    let mut containers: Vec<&Value> = meta::at(pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    if let Some(inits) = meta::at(pod, &["spec", "initContainers"]).and_then(Value::as_array) {
        containers.extend(inits.iter().filter(|c| c["restartPolicy"] == "Always"));
    }
    let mut request = 0;
    let mut without = None;
    for c in containers
        .iter()
        .filter(|c| container.is_none_or(|n| c["name"] == n))
    {
        match millis_of(c["resources"]["requests"].get(resource)) {
            Some(m) => request += m,
            None => {
                without.get_or_insert_with(|| c["name"].as_str().unwrap_or("").to_string());
            }
        }
    }
    let phase = meta::str_at(pod, &["status", "phase"]).unwrap_or("");
    let state = if meta::at(pod, &["metadata", "deletionTimestamp"]).is_some() || phase == "Failed"
    {
        PodState::Ignored
    } else if phase == "Pending" {
        PodState::Unready
    } else {
        match metric.and_then(|m| pod_usage(m, resource, container)) {
            None => PodState::Missing,
            Some((value, timestamp, window)) => {
                if resource == "cpu" && cpu_unready(pod, timestamp, window, now) {
                    PodState::Unready
                } else {
                    PodState::Ready(value)
                }
            }
        }
    };
    PodSample {
        name,
        container_without_request: without,
        request,
        state,
    }
}

/// A PodMetrics' sum over containers (millis), or one container's usage;
/// its timestamp and window.
fn pod_usage(m: &Value, resource: &str, container: Option<&str>) -> Option<(i64, i64, i64)> {
    let containers = m["containers"].as_array().filter(|c| !c.is_empty())?;
    let mut sum = 0;
    for c in containers
        .iter()
        .filter(|c| container.is_none_or(|n| c["name"] == n))
    {
        sum += millis_of(c["usage"].get(resource))?;
    }
    let timestamp = time_of(m.get("timestamp")).unwrap_or(0);
    let window = m["window"]
        .as_str()
        .and_then(crate::metrics_server::parse_duration_ms)
        .unwrap_or(0);
    Some((sum, timestamp, window))
}

/// `groupPods`' CPU readiness rule: young pods count as unready until ready
/// for a whole metrics window; older ones while never ready since start.
fn cpu_unready(pod: &Value, timestamp: i64, window: i64, now: i64) -> bool {
    let ready = meta::at(pod, &["status", "conditions"])
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"));
    let start = time_of(meta::at(pod, &["status", "startTime"]));
    let (Some(ready), Some(start)) = (ready, start) else {
        return true;
    };
    let transition = time_of(ready.get("lastTransitionTime")).unwrap_or(0);
    let is_false = ready["status"] == "False";
    if start + CPU_INITIALIZATION_MS > now {
        is_false || timestamp < transition + window
    } else {
        is_false && start + INITIAL_READINESS_DELAY_MS > transition
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    fn events(c: &mut Cluster, name: &str) -> String {
        let q = format!("kubectl get events --field-selector involvedObject.name={name} -o custom-columns=AT:.lastTimestamp,REASON:.reason,COUNT:.count --no-headers");
        c.run(&q).stdout()
    }

    use super::{cpu_unready, sample, PodState};
    use serde_json::json;

    fn pod(start: i64, ready: &str, transition: i64) -> serde_json::Value {
        let t = |ms| crate::clock::Time(ms).rfc3339();
        json!({"metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "100m"}}}]},
            "status": {"phase": "Running", "startTime": t(start),
                "conditions": [{"type": "Ready", "status": ready, "lastTransitionTime": t(transition)}]}})
    }

    #[test]
    fn young_pods_count_once_ready_for_a_whole_window() {
        let min = 60_000;
        // Started 2 minutes ago, ready for 30s: the 60s window reaches back
        // before readiness, so its CPU is start-up noise.
        assert!(cpu_unready(&pod(0, "True", 90_000), 120_000, min, 120_000));
        assert!(!cpu_unready(&pod(0, "True", 30_000), 120_000, min, 120_000));
        // Past the 5 minute initialization, only never-ready pods are unready.
        assert!(!cpu_unready(
            &pod(0, "True", 250_000),
            400_000,
            min,
            400_000
        ));
        assert!(cpu_unready(&pod(0, "False", 10_000), 400_000, min, 400_000));
        assert!(!cpu_unready(
            &pod(0, "False", 40_000),
            400_000,
            min,
            400_000
        ));
    }

    #[test]
    fn samples_carry_requests_and_states() {
        let metric = json!({"metadata": {"name": "p"}, "timestamp": crate::clock::Time(400_000).rfc3339(),
            "window": "1m0s", "containers": [{"name": "c", "usage": {"cpu": "42m", "memory": "1Mi"}}]});
        let s = sample(&pod(0, "True", 30_000), Some(&metric), "cpu", None, 400_000);
        assert_eq!((s.request, s.state), (100, PodState::Ready(42)));
        let s = sample(&pod(0, "True", 30_000), None, "cpu", None, 400_000);
        assert_eq!(s.state, PodState::Missing);
        let s = sample(
            &pod(0, "True", 30_000),
            Some(&metric),
            "memory",
            None,
            400_000,
        );
        assert_eq!(s.container_without_request.as_deref(), Some("c"));
    }

    #[test]
    fn first_sync_fifteen_seconds_after_creation() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl apply -f - <<'EOF'\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: nope\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: nope\n  maxReplicas: 3\nEOF");
        let created = c.now().0;
        c.run("sleep 14");
        assert_eq!(events(&mut c, "nope"), "");
        c.run("sleep 6");
        let at = crate::clock::Time(created + 15_000).rfc3339();
        assert_eq!(
            events(&mut c, "nope"),
            format!("{at}   FailedGetScale   1\n")
        );
    }
}
