//! Per-kind rules of the generic registry, like the `strategy.go` of each
//! kind upstream: how names are checked, what create sets, what it validates.

use crate::api::meta;
use crate::api::registry::ApiResource;
use crate::api::validation::{object_meta, NameRule};
use crate::api::FieldError;
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
pub fn prepare_for_create(r: &ApiResource, obj: &mut Value) {
    if has_generation(r) {
        meta::metadata_mut(obj).insert("generation".into(), json!(1));
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

/// `Validate` on create.
pub fn validate_create(r: &ApiResource, obj: &Value) -> Vec<FieldError> {
    object_meta(obj, name_rule(r), r.namespaced)
}
