//! DaemonSets (`ValidateDaemonSetSpec`, v1.33).

use super::{go, nonnegative, pod, selector};
use crate::api::meta;
use crate::api::FieldError;
use serde_json::{json, Value};

pub fn daemon_set(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let sel = spec.get("selector").filter(|s| !s.is_null());
    let mut errs = crate::api::validation::labels(
        sel.and_then(|s| s.get("matchLabels")),
        "spec.selector.matchLabels",
    );
    // A nil selector is an error only through the label check.
    let labels = meta::at(spec, &["template", "metadata", "labels"]);
    let matches = match sel {
        None => false,
        Some(s) => selector::matches(s, labels),
    };
    if !matches {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            &go::string_map(labels),
            "`selector` does not match template `labels`",
        ));
    }
    if let Some(s) = sel {
        if selector::is_empty(s) {
            errs.extend(selector::selector_errors(spec, "daemonset"));
        }
    }
    errs.extend(pod::template(spec, "spec.template"));
    errs.extend(selector::always_restart(spec, "DaemonSet"));
    errs.extend(nonnegative(
        obj,
        &["spec", "minReadySeconds"],
        "spec.minReadySeconds",
    ));
    errs.extend(nonnegative(
        obj,
        &["spec", "revisionHistoryLimit"],
        "spec.revisionHistoryLimit",
    ));
    errs
}
