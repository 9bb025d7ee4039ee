//! Namespace decode defaults: the `kubernetes.io/metadata.name` label (for named
//! namespaces; generateName gets it in the strategy) and `status.phase: Active`.

use super::{child, default_str, top};
use crate::api::meta;
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let name = meta::name(obj).to_string();
    if !name.is_empty() {
        let labels = meta::metadata_mut(obj)
            .entry("labels")
            .or_insert_with(|| json!({}));
        if !labels.is_object() {
            *labels = json!({});
        }
        labels["kubernetes.io/metadata.name"] = json!(name);
    }
    if let Some(status) = child(top(obj), "status") {
        default_str(status, "phase", "Active");
    }
}
