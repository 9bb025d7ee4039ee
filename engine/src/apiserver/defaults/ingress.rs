//! IngressClass: `spec.parameters.scope: Cluster` when parameters are set without
//! a scope. (Ingress itself has no decode defaults: `pathType` is required.)

use super::{default_value, existing, spec_of};
use serde_json::{json, Value};

pub fn ingress_class(obj: &mut Value) {
    if let Some(p) = spec_of(obj).and_then(|s| existing(s, "parameters")) {
        default_value(p, "scope", json!("Cluster"));
    }
}
