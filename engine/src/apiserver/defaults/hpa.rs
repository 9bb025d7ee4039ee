//! HorizontalPodAutoscaler autoscaling/v2 decode defaults (DEFAULTS.md §9).

use super::{default_value, each, existing, quantity, spec_of};
use serde_json::{json, Map, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_value(spec, "minReplicas", json!(1));
    let no_metrics = spec
        .get("metrics")
        .and_then(Value::as_array)
        .is_none_or(|a| a.is_empty());
    if no_metrics {
        spec.insert(
            "metrics".into(),
            json!([{"type": "Resource", "resource": {"name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": 80}}}]),
        );
    }
    each(spec, "metrics", |m| {
        for source in [
            "resource",
            "containerResource",
            "pods",
            "object",
            "external",
        ] {
            if let Some(t) = existing(m, source).and_then(|s| existing(s, "target")) {
                for q in ["value", "averageValue"] {
                    if let Some(v) = t.get_mut(q) {
                        quantity::canonicalize(v);
                    }
                }
            }
        }
    });
    // Behavior is only filled in when present; each missing part is merged per field.
    if let Some(behavior) = existing(spec, "behavior") {
        let up = json!({"selectPolicy": "Max", "stabilizationWindowSeconds": 0, "policies": [
            {"type": "Pods", "value": 4, "periodSeconds": 15},
            {"type": "Percent", "value": 100, "periodSeconds": 15}]});
        let down = json!({"selectPolicy": "Max", "policies": [
            {"type": "Percent", "value": 100, "periodSeconds": 15}]});
        merge_rules(behavior, "scaleUp", up);
        merge_rules(behavior, "scaleDown", down);
    }
}

fn merge_rules(behavior: &mut Map<String, Value>, key: &str, defaults: Value) {
    let mut rules = defaults;
    if let Some(user) = behavior.get(key).and_then(Value::as_object) {
        for field in ["selectPolicy", "stabilizationWindowSeconds", "policies"] {
            if let Some(v) = user.get(field).filter(|v| !v.is_null()) {
                rules[field] = v.clone();
            }
        }
    }
    behavior.insert(key.into(), rules);
}
