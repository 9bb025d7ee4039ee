//! ReplicationController decode defaults (`SetDefaults_ReplicationController`):
//! selector and object labels come from the template's labels when empty.

use super::{default_value, existing, pod, spec_of};
use crate::api::meta;
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let labels = obj
        .pointer("/spec/template/metadata/labels")
        .filter(|l| l.is_object())
        .cloned();
    if let Some(labels) = &labels {
        let empty = |v: Option<&Value>| v.and_then(Value::as_object).is_none_or(|m| m.is_empty());
        if empty(meta::at(obj, &["metadata", "labels"])) {
            meta::metadata_mut(obj).insert("labels".into(), labels.clone());
        }
        if let Some(spec) = spec_of(obj) {
            if empty(spec.get("selector")) {
                spec.insert("selector".into(), labels.clone());
            }
        }
    }
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_value(spec, "replicas", json!(1));
    // The RC template is a pointer: only an existing one is defaulted.
    if let Some(t) = existing(spec, "template") {
        pod::template(t);
    }
}
