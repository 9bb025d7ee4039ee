//! StatefulSets (`ValidateStatefulSetSpec`, v1.33): policies, replicas,
//! serviceName, selector and template labels, restart policy. (Upstream does
//! not validate the pod spec of a StatefulSet template at create.)

use super::{nonnegative, selector};
use crate::api::meta;
use crate::api::status::go_quote;
use crate::api::validation::{annotations, dns1123_label, labels};
use crate::api::FieldError;
use serde_json::{json, Value};

pub fn stateful_set(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = vec![];
    match spec
        .get("podManagementPolicy")
        .and_then(Value::as_str)
        .unwrap_or("")
    {
        "" => errs.push(FieldError::required("spec.podManagementPolicy", "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(FieldError::invalid(
            "spec.podManagementPolicy",
            &go_quote(other),
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    match meta::str_at(spec, &["updateStrategy", "type"]).unwrap_or("") {
        "" => errs.push(FieldError::required("spec.updateStrategy", "")),
        "OnDelete" | "RollingUpdate" => {}
        other => errs.push(FieldError::invalid(
            "spec.updateStrategy",
            &format!(
                "apps.StatefulSetUpdateStrategy{{Type:{}, RollingUpdate:{}}}",
                go_quote(other),
                if meta::at(spec, &["updateStrategy", "rollingUpdate"]).is_some() {
                    "(*apps.RollingUpdateStatefulSetStrategy)(0xc000a1c000)"
                } else {
                    "(*apps.RollingUpdateStatefulSetStrategy)(nil)"
                }
            ),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    errs.extend(nonnegative(obj, &["spec", "replicas"], "spec.replicas"));
    errs.extend(nonnegative(
        obj,
        &["spec", "minReadySeconds"],
        "spec.minReadySeconds",
    ));
    let service = spec
        .get("serviceName")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !service.is_empty() {
        for m in dns1123_label(service) {
            errs.push(FieldError::invalid(
                "spec.serviceName",
                &go_quote(service),
                &m,
            ));
        }
    }
    errs.extend(selector::selector_errors(spec, "statefulset"));
    errs.extend(selector::template_labels_match(spec));
    errs.extend(labels(
        meta::at(spec, &["template", "metadata", "labels"]),
        "spec.template.labels",
    ));
    errs.extend(annotations(
        meta::at(spec, &["template", "metadata", "annotations"]),
        "spec.template.annotations",
    ));
    errs.extend(selector::always_restart(spec, "StatefulSet"));
    errs
}

/// `ValidateStatefulSetUpdate`: only some spec fields may change.
pub fn stateful_set_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let (new_spec, old_spec) = (
        obj.get("spec").unwrap_or(&empty),
        old.get("spec").unwrap_or(&empty),
    );
    let mut clone = new_spec.clone();
    for k in [
        "replicas",
        "template",
        "updateStrategy",
        "minReadySeconds",
        "ordinals",
        "revisionHistoryLimit",
        "persistentVolumeClaimRetentionPolicy",
    ] {
        match old_spec.get(k) {
            Some(v) => clone[k] = v.clone(),
            None => {
                if let Some(m) = clone.as_object_mut() {
                    m.remove(k);
                }
            }
        }
    }
    if clone == *old_spec {
        return vec![];
    }
    vec![FieldError::forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    )]
}
