//! Node: `status.allocatable` ← `capacity` when nil (`SetDefaults_NodeStatus`);
//! resource lists canonical.

use super::{existing, quantity, top};
use serde_json::Value;

pub fn apply(obj: &mut Value) {
    let Some(status) = existing(top(obj), "status") else {
        return;
    };
    quantity::resource_list(status.get_mut("capacity"));
    quantity::resource_list(status.get_mut("allocatable"));
    if super::is_unset(status, "allocatable") {
        if let Some(cap) = status.get("capacity").filter(|c| c.is_object()).cloned() {
            status.insert("allocatable".into(), cap);
        }
    }
}
