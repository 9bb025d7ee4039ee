//! The selector/template rules the workload kinds share
//! (`ValidatePodTemplateSpecForReplicaSet` and friends) and label-selector
//! matching.

use super::go;
use crate::api::meta;
use crate::api::FieldError;
use serde_json::Value;

/// Whether a `metav1.LabelSelector` matches a label map.
pub fn matches(sel: &Value, labels: Option<&Value>) -> bool {
    let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    let ml_ok = sel
        .get("matchLabels")
        .and_then(Value::as_object)
        .is_none_or(|m| m.iter().all(|(k, v)| get(k) == v.as_str()));
    let me_ok = sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .is_none_or(|es| {
            es.iter().all(|e| {
                let key = e.get("key").and_then(Value::as_str).unwrap_or("");
                let values: Vec<&str> = e
                    .get("values")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                match e.get("operator").and_then(Value::as_str).unwrap_or("") {
                    "In" => get(key).is_some_and(|v| values.contains(&v)),
                    "NotIn" => get(key).is_none_or(|v| !values.contains(&v)),
                    "Exists" => get(key).is_some(),
                    "DoesNotExist" => get(key).is_none(),
                    _ => false,
                }
            })
        });
    ml_ok && me_ok
}

pub fn is_empty(sel: &Value) -> bool {
    let n = |k: &str| {
        sel.get(k)
            .map(|v| match v {
                Value::Object(m) => m.len(),
                Value::Array(a) => a.len(),
                _ => 0,
            })
            .unwrap_or(0)
    };
    n("matchLabels") + n("matchExpressions") == 0
}

/// `spec.selector` required, not empty (`for <what>`).
pub fn selector_errors(spec: &Value, what: &str) -> Vec<FieldError> {
    match spec.get("selector").filter(|s| !s.is_null()) {
        None => vec![FieldError::required("spec.selector", "")],
        Some(sel) if is_empty(sel) => vec![FieldError::invalid(
            "spec.selector",
            &go::label_selector(sel),
            &format!("empty selector is invalid for {what}"),
        )],
        // ValidateLabelSelector: the matchLabels are labels.
        Some(sel) => {
            crate::api::validation::labels(sel.get("matchLabels"), "spec.selector.matchLabels")
        }
    }
}

/// The template's labels must match the selector; a missing selector
/// matches nothing, an empty one everything.
pub fn template_labels_match(spec: &Value) -> Vec<FieldError> {
    let labels = meta::at(spec, &["template", "metadata", "labels"]);
    let ok = match spec.get("selector").filter(|s| !s.is_null()) {
        None => false,
        Some(sel) => is_empty(sel) || matches(sel, labels),
    };
    if ok {
        return vec![];
    }
    vec![FieldError::invalid(
        "spec.template.metadata.labels",
        &go::string_map(labels),
        "`selector` does not match template `labels`",
    )]
}

/// A replicated pod template restarts `Always`, with no deadline.
pub fn always_restart(spec: &Value, what: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    let policy = meta::str_at(spec, &["template", "spec", "restartPolicy"]).unwrap_or("");
    if policy != "Always" {
        errs.push(FieldError::not_supported(
            "spec.template.spec.restartPolicy",
            &crate::api::status::go_quote(policy),
            &["Always"],
        ));
    }
    if meta::at(spec, &["template", "spec", "activeDeadlineSeconds"]).is_some() {
        errs.push(FieldError::forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            &format!("activeDeadlineSeconds in {what} is not Supported"),
        ));
    }
    errs
}

/// apps/v1 selectors are immutable (the registry strategies add this).
pub fn selector_immutable(obj: &Value, old: &Value) -> Vec<FieldError> {
    let new_sel = meta::at(obj, &["spec", "selector"]);
    if new_sel == meta::at(old, &["spec", "selector"]) {
        return vec![];
    }
    vec![FieldError::invalid(
        "spec.selector",
        &go::label_selector(new_sel.unwrap_or(&Value::Null)),
        "field is immutable",
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selectors_match_labels_and_expressions() {
        let labels = json!({"app": "web", "tier": "front"});
        assert!(matches(
            &json!({"matchLabels": {"app": "web"}}),
            Some(&labels)
        ));
        assert!(!matches(
            &json!({"matchLabels": {"app": "db"}}),
            Some(&labels)
        ));
        let expr = |op: &str, values: Value| json!({"matchExpressions": [{"key": "tier", "operator": op, "values": values}]});
        assert!(matches(
            &expr("In", json!(["front", "back"])),
            Some(&labels)
        ));
        assert!(!matches(&expr("NotIn", json!(["front"])), Some(&labels)));
        assert!(matches(&expr("Exists", Value::Null), Some(&labels)));
        assert!(!matches(&expr("DoesNotExist", Value::Null), Some(&labels)));
    }

    #[test]
    fn a_missing_selector_matches_nothing_an_empty_one_everything() {
        let spec = |sel: Value| json!({"selector": sel, "template": {"metadata": {"labels": {"app": "web"}}}});
        assert_eq!(template_labels_match(&spec(Value::Null)).len(), 1);
        assert!(template_labels_match(&spec(json!({}))).is_empty());
        let errs = template_labels_match(&spec(json!({"matchLabels": {"app": "x"}})));
        assert_eq!(
            format!("{}: {}", errs[0].field, errs[0].body()),
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
        );
    }
}
