//! Deployment decode defaults (`pkg/apis/apps/v1/defaults.go`, DEFAULTS.md §5).

use super::{child, default_value, pod, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_value(spec, "replicas", json!(1));
    // DeploymentStrategy is a struct: it is always there to default.
    if let Some(strategy) = child(spec, "strategy") {
        super::default_str(strategy, "type", "RollingUpdate");
        if strategy.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            if let Some(ru) = child(strategy, "rollingUpdate") {
                default_value(ru, "maxUnavailable", json!("25%"));
                default_value(ru, "maxSurge", json!("25%"));
            }
        }
    }
    default_value(spec, "revisionHistoryLimit", json!(10));
    default_value(spec, "progressDeadlineSeconds", json!(600));
    if let Some(t) = child(spec, "template") {
        pod::template(t);
    }
}
