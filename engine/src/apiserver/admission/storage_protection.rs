//! StorageObjectInUseProtection: new PVCs and PVs get their protection finalizer.

use crate::api::meta;
use serde_json::{json, Value};

pub fn admit(obj: &mut Value, finalizer: &str) {
    let m = meta::metadata_mut(obj);
    let list = m.entry("finalizers").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let items = list.as_array_mut().expect("just made an array");
    if !items.iter().any(|f| f.as_str() == Some(finalizer)) {
        items.push(json!(finalizer));
    }
}
