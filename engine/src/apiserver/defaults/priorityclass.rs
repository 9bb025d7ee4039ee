//! PriorityClass: `preemptionPolicy: PreemptLowerPriority`; `value` has no
//! omitempty, so it prints as 0 when absent.

use super::{default_value, top};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let m = top(obj);
    default_value(m, "preemptionPolicy", json!("PreemptLowerPriority"));
    default_value(m, "value", json!(0));
}
