//! The DaemonSet controller (`pkg/controller/daemon`): one pod per eligible
//! node (name, nodeSelector/affinity, taints against the pod's tolerations
//! plus the ones the controller adds), pinned to its node through node
//! affinity and placed by the scheduler; a ControllerRevision per template;
//! RollingUpdate (maxUnavailable / maxSurge) or OnDelete; and the status
//! counts `kubectl get ds` shows.

use super::backoff::Backoff;
use super::deployment::template_hash;
use super::history::{self, HASH_LABEL};
use super::owned::{controller_ref, owner_reference, pod_from_template};
use crate::api::meta;
use crate::api::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use crate::scheduler::plugins;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

const SOURCE: Source = Source {
    component: "daemonset-controller",
    host: String::new(),
};
const GENERATION_LABEL: &str = "pod-template-generation";
const GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// The tolerations every daemon pod gets (`AddOrUpdateDaemonPodTolerations`).
fn daemon_tolerations(host_network: bool) -> Vec<Value> {
    let mut out = vec![];
    for (key, effect) in [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ] {
        out.push(json!({"key": key, "operator": "Exists", "effect": effect}));
    }
    if host_network {
        out.push(json!({"key": "node.kubernetes.io/network-unavailable", "operator": "Exists", "effect": "NoSchedule"}));
    }
    out
}

/// The template generation pods are labelled with.
fn template_generation(ds: &Value) -> String {
    meta::str_at(ds, &["metadata", "annotations", GENERATION_ANNOTATION])
        .map(String::from)
        .unwrap_or_else(|| {
            meta::at(ds, &["metadata", "generation"])
                .and_then(Value::as_i64)
                .unwrap_or(1)
                .to_string()
        })
}

/// The current template's hash (its `collisionCount` folded in).
pub fn current_hash(ds: &Value) -> String {
    let template = meta::at(ds, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    let collisions = meta::at(ds, &["status", "collisionCount"])
        .and_then(Value::as_i64)
        .unwrap_or(0);
    template_hash(&template, collisions)
}

/// The revision's data: a patch replacing `spec.template` (`getPatch`).
pub fn revision_data(ds: &Value) -> Value {
    let mut template = meta::at(ds, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    if let Some(t) = template.as_object_mut() {
        t.insert("$patch".into(), json!("replace"));
    }
    json!({"spec": {"template": template}})
}

/// The pod the controller creates for `node` (`CreatePodTemplate` plus the
/// node-name affinity), without name or owner.
pub fn pod_for_node(ds: &Value, node: &str, hash: &str) -> Value {
    let mut pod = pod_from_template(meta::at(ds, &["spec", "template"]));
    {
        let m = meta::metadata_mut(&mut pod);
        let labels = m.entry("labels").or_insert_with(|| json!({}));
        if !labels.is_object() {
            *labels = json!({});
        }
        labels[HASH_LABEL] = json!(hash);
        labels[GENERATION_LABEL] = json!(template_generation(ds));
    }
    if !pod["spec"].is_object() {
        pod["spec"] = json!({});
    }
    let host_network = pod["spec"]["hostNetwork"].as_bool() == Some(true);
    let mut tolerations = pod["spec"]["tolerations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for t in daemon_tolerations(host_network) {
        let same = |x: &Value| {
            x["key"] == t["key"] && x["effect"] == t["effect"] && x["operator"] == t["operator"]
        };
        match tolerations.iter_mut().find(|x| same(x)) {
            Some(x) => *x = t,
            None => tolerations.push(t),
        }
    }
    pod["spec"]["tolerations"] = json!(tolerations);
    let field = json!([{"key": "metadata.name", "operator": "In", "values": [node]}]);
    let terms = pod
        .pointer_mut("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
        .and_then(Value::as_array_mut);
    match terms {
        Some(terms) if !terms.is_empty() => {
            for t in terms.iter_mut() {
                t["matchFields"] = field.clone();
            }
        }
        _ => {
            if !pod["spec"]["affinity"].is_object() {
                pod["spec"]["affinity"] = json!({});
            }
            if !pod["spec"]["affinity"]["nodeAffinity"].is_object() {
                pod["spec"]["affinity"]["nodeAffinity"] = json!({});
            }
            pod["spec"]["affinity"]["nodeAffinity"]
                ["requiredDuringSchedulingIgnoredDuringExecution"] =
                json!({"nodeSelectorTerms": [{"matchFields": field}]});
        }
    }
    pod
}

/// `nodeShouldRunDaemonPod`: (should run, should continue running).
fn should_run(ds: &Value, node: &Value) -> (bool, bool) {
    let pod = pod_for_node(ds, meta::name(node), "");
    let wanted = meta::str_at(&pod, &["spec", "nodeName"]).unwrap_or("");
    if (!wanted.is_empty() && wanted != meta::name(node))
        || plugins::node_affinity(&pod, node).is_some()
    {
        return (false, false);
    }
    if plugins::taint_toleration(&pod, node).is_some() {
        let no_execute = meta::at(node, &["spec", "taints"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|t| {
                let s = |f: &str| t[f].as_str().unwrap_or("");
                s("effect") == "NoExecute"
                    && !plugins::tolerates(&pod, s("key"), s("value"), "NoExecute")
            });
        return (false, !no_execute);
    }
    (true, true)
}

/// The node a daemon pod is for: its nodeName, else its node-name affinity.
fn target_node(pod: &Value) -> String {
    if let Some(n) = meta::str_at(pod, &["spec", "nodeName"]).filter(|n| !n.is_empty()) {
        return n.to_string();
    }
    meta::at(
        pod,
        &[
            "spec",
            "affinity",
            "nodeAffinity",
            "requiredDuringSchedulingIgnoredDuringExecution",
            "nodeSelectorTerms",
        ],
    )
    .and_then(Value::as_array)
    .into_iter()
    .flatten()
    .flat_map(|t| t["matchFields"].as_array().cloned().unwrap_or_default())
    .find(|f| f["key"] == "metadata.name" && f["operator"] == "In")
    .and_then(|f| f["values"][0].as_str().map(String::from))
    .unwrap_or_default()
}

fn deleting(obj: &Value) -> bool {
    meta::at(obj, &["metadata", "deletionTimestamp"]).is_some()
}

fn phase(pod: &Value) -> &str {
    meta::str_at(pod, &["status", "phase"]).unwrap_or("")
}

fn created(pod: &Value) -> String {
    meta::str_at(pod, &["metadata", "creationTimestamp"])
        .unwrap_or("")
        .to_string()
}

fn hash_label(pod: &Value) -> &str {
    meta::str_at(pod, &["metadata", "labels", HASH_LABEL]).unwrap_or("")
}

/// Ready for at least minReadySeconds.
pub fn available(pod: &Value, min_ready: i64, now: i64) -> bool {
    let Some(c) = meta::at(pod, &["status", "conditions"])
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
    else {
        return false;
    };
    if c["status"] != "True" {
        return false;
    }
    min_ready <= 0
        || c["lastTransitionTime"]
            .as_str()
            .and_then(crate::clock::Time::parse_rfc3339)
            .is_some_and(|t| t.0 + min_ready * 1000 <= now)
}

/// An int-or-percent of `total`, rounded up (`GetScaledValueFromIntOrPercent`).
fn scaled_up(v: Option<&Value>, total: i64) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) if s.ends_with('%') => {
            let pct: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
            (total * pct + 99) / 100
        }
        Some(Value::String(s)) => s.parse().unwrap_or(0),
        _ => 0,
    }
}

struct Plan {
    create: Vec<String>,
    delete: Vec<String>,
}

/// One pass over the DaemonSets; a DaemonSet whose pod creation failed is
/// retried when its `backoff` ends (a rate-limited requeue).
pub fn reconcile(api: &mut ApiServer, backoff: &mut Backoff) {
    let (Some(ds_r), Some(pods_r), Some(nodes_r)) = (
        api.registry().resolve("daemonsets").cloned(),
        api.registry().resolve("pods").cloned(),
        api.registry().resolve("nodes").cloned(),
    ) else {
        return;
    };
    let nodes = api
        .list(&nodes_r, None, &ListOptions::default())
        .unwrap_or_default();
    let all = api
        .list(&ds_r, None, &ListOptions::default())
        .unwrap_or_default();
    let live: BTreeSet<&str> = all
        .iter()
        .filter_map(|ds| meta::str_at(ds, &["metadata", "uid"]))
        .collect();
    backoff.retain(|uid| live.contains(uid));
    for ds in &all {
        if deleting(ds) {
            continue;
        }
        sync(api, &ds_r, &pods_r, &nodes, ds.clone(), backoff);
    }
}

/// The pods `ds` controls, through the store's owner index (shared, not copied).
fn owned_pods(api: &ApiServer, pods_r: &ApiResource, ds: &Value) -> Vec<Arc<Value>> {
    let uid = meta::str_at(ds, &["metadata", "uid"]).unwrap_or("");
    api.list_owned_shared(
        pods_r,
        Some(meta::namespace(ds)),
        uid,
        &ListOptions::default(),
    )
    .unwrap_or_default()
    .into_iter()
    .filter(|p| controller_ref(p).and_then(|r| r["uid"].as_str()) == Some(uid))
    .collect()
}

fn sync(
    api: &mut ApiServer,
    ds_r: &ApiResource,
    pods_r: &ApiResource,
    nodes: &[Value],
    ds: Value,
    backoff: &mut Backoff,
) {
    let ns = meta::namespace(&ds).to_string();
    let now = api.now().0;
    let annotations = meta::at(&ds, &["metadata", "annotations"]).cloned();
    let Some(cr) = history::ensure(
        api,
        &ds,
        "DaemonSet",
        revision_data(&ds),
        &current_hash(&ds),
        annotations,
    ) else {
        return;
    };
    let hash = history::hash_of(&cr);
    let owned = owned_pods(api, pods_r, &ds);
    let pods: Vec<&Value> = owned.iter().map(|p| &**p).collect();
    let mut by_node: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for p in &pods {
        let terminal = matches!(phase(p), "Succeeded" | "Failed");
        if terminal && deleting(p) {
            continue;
        }
        by_node.entry(target_node(p)).or_default().push(p);
    }
    for v in by_node.values_mut() {
        v.sort_by_key(|p| (created(p), meta::name(p).to_string()));
    }
    let min_ready = meta::at(&ds, &["spec", "minReadySeconds"])
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let surge_allowed = surge(&ds, nodes) > 0;
    let mut plan = Plan {
        create: vec![],
        delete: vec![],
    };
    let mut events: Vec<(&str, &str, String)> = vec![];
    for node in nodes {
        let name = meta::name(node).to_string();
        let (run, keep) = should_run(&ds, node);
        let here: Vec<&Value> = by_node.get(&name).cloned().unwrap_or_default();
        if run && here.is_empty() {
            plan.create.push(name);
        } else if keep {
            let mut running: Vec<&Value> = vec![];
            for p in here.iter().filter(|p| !deleting(p)) {
                let what = format!("{}/{} on node {name}", meta::namespace(p), meta::name(p));
                match phase(p) {
                    "Failed" => {
                        events.push((
                            "Warning",
                            "FailedDaemonPod",
                            format!("Found failed daemon pod {what}, will try to kill it"),
                        ));
                        plan.delete.push(meta::name(p).to_string());
                    }
                    "Succeeded" => {
                        events.push((
                            "Normal",
                            "SucceededDaemonPod",
                            format!("Found succeeded daemon pod {what}, will try to delete it"),
                        ));
                        plan.delete.push(meta::name(p).to_string());
                    }
                    _ => running.push(p),
                }
            }
            if !surge_allowed {
                plan.delete
                    .extend(running.iter().skip(1).map(|p| meta::name(p).to_string()));
            } else if running.is_empty() && run {
                plan.create.push(name);
            } else if running.len() > 1 {
                let new = running.iter().find(|p| hash_label(p) == hash);
                let old = running.iter().find(|p| hash_label(p) != hash);
                for p in &running {
                    let keep_it = Some(p) == new || Some(p) == old;
                    if !keep_it {
                        plan.delete.push(meta::name(p).to_string());
                    }
                }
                if let (Some(n), Some(o)) = (new, old) {
                    if !super::replicaset::is_ready(o) || available(n, min_ready, now) {
                        plan.delete.push(meta::name(o).to_string());
                    }
                }
            }
        } else {
            plan.delete.extend(
                here.iter()
                    .filter(|p| !deleting(p))
                    .map(|p| meta::name(p).to_string()),
            );
        }
    }
    let strategy =
        meta::str_at(&ds, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate");
    if strategy == "RollingUpdate" {
        rolling_update(&ds, nodes, &by_node, &hash, min_ready, now, &mut plan);
    }
    let uid = meta::str_at(&ds, &["metadata", "uid"]).unwrap_or("");
    if plan.create.is_empty() {
        backoff.forget(uid);
    } else if backoff.waiting(uid, now) {
        plan.create.clear();
    }
    let mut failed = false;
    for node in &plan.create {
        if failed {
            break;
        }
        let mut pod = pod_for_node(&ds, node, &hash);
        let m = meta::metadata_mut(&mut pod);
        m.insert(
            "generateName".into(),
            json!(format!("{}-", meta::name(&ds))),
        );
        m.insert(
            "ownerReferences".into(),
            json!([owner_reference(&ds, "apps/v1", "DaemonSet")]),
        );
        match api.create(pods_r, &ns, pod, &WriteOptions::default()) {
            Ok(p) => recorder::record(
                api,
                &ds,
                None,
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {}", meta::name(&p)),
                &SOURCE,
            ),
            Err(s) => {
                failed = true;
                recorder::record(
                    api,
                    &ds,
                    None,
                    "Warning",
                    "FailedCreate",
                    &format!("Error creating: {}", s.message),
                    &SOURCE,
                )
            }
        }
    }
    if failed {
        backoff.failed(uid, now);
    } else if !plan.create.is_empty() {
        backoff.forget(uid);
    }
    plan.delete.dedup();
    for (kind, reason, msg) in events {
        recorder::record(api, &ds, None, kind, reason, &msg, &SOURCE);
    }
    for name in &plan.delete {
        match api.delete(pods_r, &ns, name, &WriteOptions::default()) {
            Ok(_) => recorder::record(
                api,
                &ds,
                None,
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {name}"),
                &SOURCE,
            ),
            Err(s) => recorder::record(
                api,
                &ds,
                None,
                "Warning",
                "FailedDelete",
                &format!("Error deleting: {}", s.message),
                &SOURCE,
            ),
        }
    }
    let live: Vec<String> = pods.iter().map(|p| hash_label(p).to_string()).collect();
    let limit = meta::at(&ds, &["spec", "revisionHistoryLimit"])
        .and_then(Value::as_i64)
        .unwrap_or(10);
    history::truncate(api, &ds, &live, &hash, limit);
    update_status(api, ds_r, pods_r, nodes, &ds, &hash, min_ready);
}

fn surge(ds: &Value, nodes: &[Value]) -> i64 {
    if meta::str_at(ds, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate")
        != "RollingUpdate"
    {
        return 0;
    }
    let desired = nodes.iter().filter(|n| should_run(ds, n).0).count() as i64;
    scaled_up(
        meta::at(ds, &["spec", "updateStrategy", "rollingUpdate", "maxSurge"]),
        desired,
    )
}

/// `rollingUpdate`: replace old pods within maxUnavailable, or surge new ones.
fn rolling_update(
    ds: &Value,
    nodes: &[Value],
    by_node: &BTreeMap<String, Vec<&Value>>,
    hash: &str,
    min_ready: i64,
    now: i64,
    plan: &mut Plan,
) {
    let desired = nodes.iter().filter(|n| should_run(ds, n).0).count() as i64;
    let ru = meta::at(ds, &["spec", "updateStrategy", "rollingUpdate"]);
    let max_surge = scaled_up(ru.and_then(|r| r.get("maxSurge")), desired);
    let mut max_unavailable = scaled_up(ru.and_then(|r| r.get("maxUnavailable")), desired);
    if max_surge == 0 && max_unavailable == 0 {
        max_unavailable = 1;
    }
    let mut unavailable = 0;
    let mut candidates: Vec<String> = vec![];
    let mut surge_in_progress = 0;
    let mut surge_candidates: Vec<String> = vec![];
    for node in nodes {
        let name = meta::name(node);
        if !should_run(ds, node).0 {
            continue;
        }
        let pods: Vec<&&Value> = by_node
            .get(name)
            .map(|v| v.iter().filter(|p| !deleting(p)).collect())
            .unwrap_or_default();
        let new = pods.iter().find(|p| hash_label(p) == hash);
        let old = pods.iter().find(|p| hash_label(p) != hash);
        match (old, new) {
            (None, None) => unavailable += 1,
            (None, Some(n)) => {
                if !available(n, min_ready, now) {
                    unavailable += 1;
                    surge_in_progress += 0;
                }
            }
            (Some(o), None) => {
                if max_surge == 0 {
                    if !available(o, min_ready, now) {
                        plan.delete.push(meta::name(o).to_string());
                    } else {
                        candidates.push(meta::name(o).to_string());
                    }
                } else if !available(o, min_ready, now) {
                    plan.create.push(name.to_string());
                } else {
                    surge_candidates.push(name.to_string());
                }
            }
            (Some(_), Some(n)) => {
                if !available(n, min_ready, now) {
                    surge_in_progress += 1;
                }
            }
        }
    }
    if max_surge == 0 {
        let room = (max_unavailable - unavailable).max(0) as usize;
        plan.delete.extend(candidates.into_iter().take(room));
    } else {
        let room = (max_surge - surge_in_progress).max(0) as usize;
        plan.create.extend(surge_candidates.into_iter().take(room));
    }
}

fn update_status(
    api: &mut ApiServer,
    ds_r: &ApiResource,
    pods_r: &ApiResource,
    nodes: &[Value],
    ds: &Value,
    hash: &str,
    min_ready: i64,
) {
    let now = api.now().0;
    let owned = owned_pods(api, pods_r, ds);
    let pods: Vec<&Value> = owned
        .iter()
        .map(|p| &**p)
        .filter(|p| !(matches!(phase(p), "Succeeded" | "Failed") && deleting(p)))
        .collect();
    let generation = template_generation(ds);
    let (mut desired, mut current, mut mis, mut ready, mut updated, mut avail) = (0, 0, 0, 0, 0, 0);
    for node in nodes {
        let mut here: Vec<&Value> = pods
            .iter()
            .copied()
            .filter(|p| target_node(p) == meta::name(node))
            .collect();
        here.sort_by_key(|p| (created(p), meta::name(p).to_string()));
        if should_run(ds, node).0 {
            desired += 1;
            let Some(pod) = here.first() else {
                continue;
            };
            current += 1;
            if super::replicaset::is_ready(pod) {
                ready += 1;
                if available(pod, min_ready, now) {
                    avail += 1;
                }
            }
            let gen_ok = meta::str_at(pod, &["metadata", "labels", GENERATION_LABEL])
                == Some(generation.as_str());
            if hash_label(pod) == hash || gen_ok && hash_label(pod).is_empty() {
                updated += 1;
            }
        } else if !here.is_empty() {
            mis += 1;
        }
    }
    let mut status = json!({
        "currentNumberScheduled": current,
        "desiredNumberScheduled": desired,
        "numberMisscheduled": mis,
        "numberReady": ready,
        "observedGeneration": meta::at(ds, &["metadata", "generation"]).cloned().unwrap_or(json!(1)),
    });
    for (k, v) in [
        ("updatedNumberScheduled", updated),
        ("numberAvailable", avail),
        ("numberUnavailable", desired - avail),
    ] {
        if v != 0 {
            status[k] = json!(v);
        }
    }
    if let Some(c) = meta::at(ds, &["status", "collisionCount"]) {
        status["collisionCount"] = c.clone();
    }
    if ds.get("status") != Some(&status) {
        let mut next = ds.clone();
        next["status"] = status;
        let _ = api.write_status(ds_r, meta::namespace(ds), next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(spec: Value) -> Value {
        json!({"metadata": {"name": "agent", "generation": 1}, "spec": {"template": {"metadata": {"labels": {"app": "a"}}, "spec": spec}}})
    }

    fn node(labels: Value, taints: Value) -> Value {
        json!({"metadata": {"name": "n1", "labels": labels}, "spec": {"taints": taints}})
    }

    #[test]
    fn daemon_pods_are_pinned_and_tolerate_node_conditions() {
        let pod = pod_for_node(&ds(json!({"hostNetwork": true})), "n1", "abc");
        assert_eq!(pod["metadata"]["labels"][HASH_LABEL], "abc");
        assert_eq!(pod["metadata"]["labels"][GENERATION_LABEL], "1");
        assert_eq!(
            pod["spec"]["affinity"]["nodeAffinity"]
                ["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"][0]
                ["matchFields"][0]["values"][0],
            "n1"
        );
        let keys: Vec<&str> = pod["spec"]["tolerations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys.first(), Some(&"node.kubernetes.io/not-ready"));
        assert_eq!(keys.last(), Some(&"node.kubernetes.io/network-unavailable"));
    }

    #[test]
    fn taints_and_selectors_decide_where_daemons_run() {
        let plain = ds(json!({}));
        assert_eq!(
            should_run(&plain, &node(json!({}), json!([]))),
            (true, true)
        );
        let tainted = node(json!({}), json!([{"key": "gpu", "effect": "NoSchedule"}]));
        assert_eq!(should_run(&plain, &tainted), (false, true));
        let evicting = node(json!({}), json!([{"key": "gpu", "effect": "NoExecute"}]));
        assert_eq!(should_run(&plain, &evicting), (false, false));
        let tolerant = ds(json!({"tolerations": [{"key": "gpu", "operator": "Exists"}]}));
        assert_eq!(should_run(&tolerant, &evicting), (true, true));
        let picky = ds(json!({"nodeSelector": {"disk": "ssd"}}));
        assert_eq!(
            should_run(&picky, &node(json!({}), json!([]))),
            (false, false)
        );
        assert_eq!(
            should_run(&picky, &node(json!({"disk": "ssd"}), json!([]))),
            (true, true)
        );
    }
}
