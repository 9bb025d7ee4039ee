//! Job decode defaults (`SetDefaults_Job`, DEFAULTS.md §5). The selector and the
//! generated template labels are added by the strategy (`PrepareForCreate`).

use super::{child, default_value, each, existing, pod, spec_of};
use crate::api::meta;
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let template_labels = obj
        .pointer("/spec/template/metadata/labels")
        .filter(|l| l.is_object())
        .cloned();
    let Some(spec) = spec_of(obj) else {
        return;
    };
    spec_defaults(spec);
    if let Some(labels) = template_labels {
        let has_labels = meta::at(obj, &["metadata", "labels"])
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        if !has_labels && labels.as_object().is_some_and(|m| !m.is_empty()) {
            meta::metadata_mut(obj).insert("labels".into(), labels);
        }
    }
}

fn spec_defaults(spec: &mut serde_json::Map<String, Value>) {
    if super::is_unset(spec, "completions") && super::is_unset(spec, "parallelism") {
        spec.insert("completions".into(), json!(1));
        spec.insert("parallelism".into(), json!(1));
    }
    default_value(spec, "parallelism", json!(1));
    let backoff = if super::is_unset(spec, "backoffLimitPerIndex") {
        6
    } else {
        i64::from(i32::MAX)
    };
    default_value(spec, "backoffLimit", json!(backoff));
    default_value(spec, "completionMode", json!("NonIndexed"));
    default_value(spec, "suspend", json!(false));
    let has_failure_policy = !super::is_unset(spec, "podFailurePolicy");
    if let Some(pfp) = existing(spec, "podFailurePolicy") {
        each(pfp, "rules", |rule| {
            each(rule, "onPodConditions", |c| {
                super::default_str(c, "status", "True")
            });
        });
    }
    let replacement = if has_failure_policy {
        "Failed"
    } else {
        "TerminatingOrFailed"
    };
    default_value(spec, "podReplacementPolicy", json!(replacement));
    default_value(spec, "manualSelector", json!(false));
    if let Some(t) = child(spec, "template") {
        pod::template(t);
    }
}
