//! ResourceQuota: its resource lists are rounded and canonical.

use super::{existing, quantity, top};
use serde_json::Value;

pub fn apply(obj: &mut Value) {
    let m = top(obj);
    if let Some(spec) = existing(m, "spec") {
        quantity::resource_list(spec.get_mut("hard"));
    }
    if let Some(status) = existing(m, "status") {
        quantity::resource_list(status.get_mut("hard"));
        quantity::resource_list(status.get_mut("used"));
    }
}
