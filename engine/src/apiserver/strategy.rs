//! Per-kind rules of the generic registry, like the `strategy.go` of each
//! kind upstream: how names are checked, what create sets, what it validates.

use crate::api::meta;
use crate::api::registry::ApiResource;
use crate::api::validation::NameRule;
use crate::apiserver::defaults::pod_qos_class;
use serde_json::{json, Value};

/// The name rule of a kind (VALIDATION.md §4).
pub fn name_rule(r: &ApiResource) -> NameRule {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "namespaces") | ("apps", "statefulsets") => NameRule::Dns1123Label,
        ("", "services") => NameRule::Dns1035Label,
        ("rbac.authorization.k8s.io", _) | ("policy", "poddisruptionbudgets") => {
            NameRule::PathSegment
        }
        _ => NameRule::Dns1123Subdomain,
    }
}

/// Kinds whose objects get `metadata.generation` (DEFAULTS.md §2).
fn has_generation(r: &ApiResource) -> bool {
    matches!(
        (r.group.as_str(), r.name.as_str()),
        ("", "pods")
            | ("", "replicationcontrollers")
            | ("", "podtemplates")
            | ("apps", _)
            | ("batch", _)
            | ("networking.k8s.io", "ingresses")
            | ("networking.k8s.io", "ingressclasses")
            | ("networking.k8s.io", "networkpolicies")
            | ("policy", "poddisruptionbudgets")
            | ("scheduling.k8s.io", "priorityclasses")
            | ("discovery.k8s.io", "endpointslices")
    ) && r.name != "controllerrevisions"
}

/// `PrepareForCreate`: status reset and the fields the server owns.
/// Runs after `uid`, `creationTimestamp` and a generated name are set.
pub fn prepare_for_create(r: &ApiResource, obj: &mut Value) {
    if has_generation(r) {
        meta::metadata_mut(obj).insert("generation".into(), json!(1));
    }
    let zeros =
        |keys: &[&str]| Value::Object(keys.iter().map(|k| (k.to_string(), json!(0))).collect());
    let status = match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => Some(pod_status(obj)),
        ("", "services") | ("networking.k8s.io", "ingresses") => Some(json!({"loadBalancer": {}})),
        ("", "replicationcontrollers") | ("apps", "replicasets") => Some(zeros(&["replicas"])),
        ("apps", "statefulsets") => Some(zeros(&["availableReplicas", "replicas"])),
        ("apps", "daemonsets") => {
            let annotations = meta::metadata_mut(obj)
                .entry("annotations")
                .or_insert_with(|| json!({}));
            if let Some(a) = annotations.as_object_mut() {
                a.insert(
                    "deprecated.daemonset.template.generation".into(),
                    json!("1"),
                );
            }
            Some(zeros(&[
                "currentNumberScheduled",
                "desiredNumberScheduled",
                "numberMisscheduled",
                "numberReady",
            ]))
        }
        ("apps", "deployments") | ("batch", "cronjobs") | ("", "resourcequotas") => Some(json!({})),
        ("batch", "jobs") => {
            generate_job_selector(obj);
            Some(json!({}))
        }
        ("autoscaling", "horizontalpodautoscalers") => {
            Some(json!({"currentMetrics": null, "desiredReplicas": 0}))
        }
        ("policy", "poddisruptionbudgets") => Some(zeros(&[
            "currentHealthy",
            "desiredHealthy",
            "disruptionsAllowed",
            "expectedPods",
        ])),
        ("", "persistentvolumeclaims") => Some(json!({"phase": "Pending"})),
        ("", "persistentvolumes") => {
            let now = meta::str_at(obj, &["metadata", "creationTimestamp"])
                .unwrap_or("")
                .to_string();
            Some(json!({"phase": "Pending", "lastPhaseTransitionTime": now}))
        }
        _ => None,
    };
    if let Some(status) = status {
        obj["status"] = status;
    }
    if let ("", "namespaces") = (r.group.as_str(), r.name.as_str()) {
        let name = meta::name(obj).to_string();
        let labels = meta::metadata_mut(obj)
            .entry("labels")
            .or_insert_with(|| json!({}));
        if let Some(l) = labels.as_object_mut() {
            l.insert("kubernetes.io/metadata.name".into(), json!(name));
        }
        let finalizers = obj
            .get("spec")
            .and_then(|s| s.get("finalizers"))
            .cloned()
            .unwrap_or_else(|| json!(["kubernetes"]));
        obj["spec"] = json!({ "finalizers": finalizers });
        obj["status"] = json!({ "phase": "Active" });
    }
}

/// A new Pod's status: `Pending` with its QoS class, and the `SchedulingGated`
/// condition when it has scheduling gates.
fn pod_status(pod: &Value) -> Value {
    let mut status = json!({"phase": "Pending", "qosClass": pod_qos_class(pod)});
    let gated = meta::at(pod, &["spec", "schedulingGates"])
        .and_then(Value::as_array)
        .is_some_and(|g| !g.is_empty());
    if gated {
        let mut conditions: Vec<Value> = meta::at(pod, &["status", "conditions"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if !conditions.iter().any(|c| c["type"] == "PodScheduled") {
            conditions.push(json!({
                "lastProbeTime": null,
                "lastTransitionTime": null,
                "message": "Scheduling is blocked due to non-empty scheduling gates",
                "reason": "SchedulingGated",
                "status": "False",
                "type": "PodScheduled",
            }));
        }
        status["conditions"] = Value::Array(conditions);
    }
    status
}

/// Job `generateSelector`: unless `manualSelector: true`, the template gets the
/// job-name and controller-uid labels (legacy and prefixed; user values kept), and
/// the selector matches the prefixed controller-uid.
fn generate_job_selector(job: &mut Value) {
    if meta::at(job, &["spec", "manualSelector"]).and_then(Value::as_bool) == Some(true) {
        return;
    }
    let name = meta::name(job).to_string();
    let uid = meta::str_at(job, &["metadata", "uid"])
        .unwrap_or("")
        .to_string();
    let Some(spec) = job.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    let template = spec.entry("template").or_insert_with(|| json!({}));
    if !template.is_object() {
        return;
    }
    if !template["metadata"].is_object() {
        template["metadata"] = json!({});
    }
    if !template["metadata"]["labels"].is_object() {
        template["metadata"]["labels"] = json!({});
    }
    if let Some(labels) = template["metadata"]["labels"].as_object_mut() {
        for (k, v) in [
            ("job-name", &name),
            ("batch.kubernetes.io/job-name", &name),
            ("controller-uid", &uid),
            ("batch.kubernetes.io/controller-uid", &uid),
        ] {
            labels.entry(k).or_insert_with(|| json!(v));
        }
    }
    let selector = spec.entry("selector").or_insert_with(|| json!({}));
    if !selector.is_object() {
        *selector = json!({});
    }
    if !selector["matchLabels"].is_object() {
        selector["matchLabels"] = json!({});
    }
    if let Some(ml) = selector["matchLabels"].as_object_mut() {
        ml.entry("batch.kubernetes.io/controller-uid")
            .or_insert_with(|| json!(uid));
    }
}
