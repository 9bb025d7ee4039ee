//! NetworkPolicy decode defaults: `policyTypes` (Ingress, plus Egress when egress
//! rules exist) and port `protocol: TCP`; `podSelector` always prints (a struct).

use super::{child, default_str, each, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    child(spec, "podSelector");
    let empty = |v: Option<&Value>| v.and_then(Value::as_array).is_none_or(|a| a.is_empty());
    if empty(spec.get("policyTypes")) {
        let mut types = vec![json!("Ingress")];
        if !empty(spec.get("egress")) {
            types.push(json!("Egress"));
        }
        spec.insert("policyTypes".into(), Value::Array(types));
    }
    for dir in ["ingress", "egress"] {
        each(spec, dir, |rule| {
            each(rule, "ports", |p| default_str(p, "protocol", "TCP"))
        });
    }
}
