//! DaemonSet decode defaults (`SetDefaults_DaemonSet`, DEFAULTS.md §5).

use super::{child, default_str, default_value, pod, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    if let Some(us) = child(spec, "updateStrategy") {
        default_str(us, "type", "RollingUpdate");
        if us.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            if let Some(ru) = child(us, "rollingUpdate") {
                default_value(ru, "maxUnavailable", json!(1));
                default_value(ru, "maxSurge", json!(0));
            }
        }
    }
    default_value(spec, "revisionHistoryLimit", json!(10));
    if let Some(t) = child(spec, "template") {
        pod::template(t);
    }
}
