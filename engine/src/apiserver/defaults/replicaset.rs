//! ReplicaSet decode defaults (`SetDefaults_ReplicaSet`).

use super::{child, default_value, pod, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_value(spec, "replicas", json!(1));
    if let Some(t) = child(spec, "template") {
        pod::template(t);
    }
}
