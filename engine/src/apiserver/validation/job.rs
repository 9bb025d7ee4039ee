//! Jobs (`ValidateJob`, v1.33): counts, selector and template labels, the
//! template (restartPolicy OnFailure or Never), and what may not change.

use super::{go, nonnegative, pod};
use crate::api::meta;
use crate::api::status::go_quote;
use crate::api::FieldError;
use serde_json::{json, Value};

pub fn job(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = vec![];
    for k in [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
    ] {
        errs.extend(nonnegative(obj, &["spec", k], &format!("spec.{k}")));
    }
    errs.extend(pod::template(spec, "spec.template"));
    match meta::str_at(spec, &["template", "spec", "restartPolicy"]).unwrap_or("") {
        "Always" | "" => errs.push(FieldError::required(
            "spec.template.spec.restartPolicy",
            "valid values: \"OnFailure\", \"Never\"",
        )),
        "OnFailure" | "Never" => {}
        other => errs.push(FieldError::not_supported(
            "spec.template.spec.restartPolicy",
            &go_quote(other),
            &["OnFailure", "Never"],
        )),
    }
    match spec.get("selector").filter(|s| !s.is_null()) {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(sel) => {
            let labels = meta::at(spec, &["template", "metadata", "labels"]);
            if !super::selector::matches(sel, labels) {
                errs.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    &go::string_map(labels),
                    "`selector` does not match template `labels`",
                ));
            }
        }
    }
    errs
}

/// `ValidateJobSpecUpdate`: the selector (and completions) may not change.
pub fn job_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = vec![];
    let (n, o) = (
        meta::at(obj, &["spec", "selector"]),
        meta::at(old, &["spec", "selector"]),
    );
    if n != o {
        errs.push(FieldError::invalid(
            "spec.selector",
            &go::label_selector(n.unwrap_or(&Value::Null)),
            "field is immutable",
        ));
    }
    errs
}
