//! ServiceAccount: nothing is defaulted (no token Secret in 1.33); `secrets[]`
//! entries keep only their `name` (DEFAULTS.md §7).

use super::{each, top};
use serde_json::Value;

pub fn apply(obj: &mut Value) {
    each(top(obj), "secrets", |s| s.retain(|k, _| k == "name"));
}
