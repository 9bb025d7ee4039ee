//! ReplicaSets (`ValidateReplicaSetSpec`, v1.33).

use super::{nonnegative, pod, selector};
use crate::api::FieldError;
use serde_json::{json, Value};

pub fn replica_set(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = nonnegative(obj, &["spec", "replicas"], "spec.replicas");
    errs.extend(nonnegative(
        obj,
        &["spec", "minReadySeconds"],
        "spec.minReadySeconds",
    ));
    // Upstream says "deployment" here too.
    errs.extend(selector::selector_errors(spec, "deployment"));
    errs.extend(selector::template_labels_match(spec));
    errs.extend(pod::template(spec, "spec.template"));
    errs.extend(selector::always_restart(spec, "ReplicaSet"));
    errs
}
