//! HorizontalPodAutoscaler: `NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS
//! AGE` (`printHorizontalPodAutoscaler`, `formatHPAMetrics`).
//!
//! The internal type is autoscaling/v2's; autoscaling/v1 objects (with
//! `targetCPUUtilizationPercentage`) convert to one CPU utilization metric.

use super::common::{age, at, col, int, list, quantity, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::{json, Value};

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Reference", "string", 0, "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        col("Targets", "string", 0, "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond."),
        col("MinPods", "string", 0, "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available."),
        col("MaxPods", "string", 0, "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas."),
        col("Replicas", "string", 0, "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        AGE,
    ],
    row,
};

/// The v2 metric specs, converting autoscaling/v1's target and applying the
/// v2 default (CPU at 80%) when none are given (the server stores v2 and
/// defaults on decode).
fn metric_specs(hpa: &Value) -> Vec<Value> {
    if let Some(v1) = at(hpa, &["spec", "targetCPUUtilizationPercentage"]).and_then(Value::as_i64) {
        return vec![cpu_utilization(v1)];
    }
    match list(hpa, &["spec", "metrics"]) {
        [] => vec![cpu_utilization(80)],
        specs => specs.to_vec(),
    }
}

fn cpu_utilization(percent: i64) -> Value {
    json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": percent}}})
}

fn metric_statuses(hpa: &Value) -> Vec<Value> {
    if at(hpa, &["spec", "targetCPUUtilizationPercentage"]).is_some() {
        return match at(hpa, &["status", "currentCPUUtilizationPercentage"]).and_then(Value::as_i64)
        {
            Some(c) => vec![
                json!({"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": c}}}),
            ],
            None => vec![],
        };
    }
    list(hpa, &["status", "currentMetrics"]).to_vec()
}

/// `(*resource.Quantity).String()`: `<nil>` for a nil pointer.
fn q(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "<nil>".into(),
        v => quantity(v),
    }
}

fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

/// One metric as `formatHPAMetrics` writes it; the status is the one at the
/// same index, whatever its type.
fn format_metric(spec: &Value, status: Option<&Value>) -> String {
    // status.<source>, when set, and its `current` value.
    let source_status = |source: &str| status.and_then(|s| present(s.get(source)));
    let current = |source: &str, field: &str| {
        source_status(source)
            .and_then(|s| present(s.get("current")))
            .and_then(|c| present(c.get(field)))
    };
    let unknown = || "<unknown>".to_string();
    match spec.get("type").and_then(Value::as_str).unwrap_or("") {
        kind @ ("External" | "Object") => {
            let source = if kind == "External" {
                "external"
            } else {
                "object"
            };
            let target = &spec[source]["target"];
            if let Some(avg) = present(target.get("averageValue")) {
                let cur = current(source, "averageValue").map_or_else(unknown, |v| q(Some(v)));
                format!("{cur}/{} (avg)", q(Some(avg)))
            } else {
                let cur = match source_status(source) {
                    Some(_) => q(current(source, "value")),
                    None => unknown(),
                };
                format!("{cur}/{}", q(target.get("value")))
            }
        }
        "Pods" => {
            let cur = match source_status("pods") {
                Some(_) => q(current("pods", "averageValue")),
                None => unknown(),
            };
            format!("{cur}/{}", q(spec["pods"]["target"].get("averageValue")))
        }
        kind @ ("Resource" | "ContainerResource") => {
            let source = if kind == "Resource" {
                "resource"
            } else {
                "containerResource"
            };
            let name = spec[source]
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let target = &spec[source]["target"];
            if let Some(avg) = present(target.get("averageValue")) {
                let cur = match source_status(source) {
                    Some(_) => q(current(source, "averageValue")),
                    None => unknown(),
                };
                format!("{name}: {cur}/{}", q(Some(avg)))
            } else {
                let cur = current(source, "averageUtilization")
                    .and_then(Value::as_i64)
                    .map_or_else(unknown, |c| format!("{c}%"));
                let tgt = match target.get("averageUtilization").and_then(Value::as_i64) {
                    Some(t) => format!("{t}%"),
                    None => "<auto>".into(),
                };
                format!("{name}: {cur}/{tgt}")
            }
        }
        _ => "<unknown type>".into(),
    }
}

fn targets(hpa: &Value) -> String {
    let specs = metric_specs(hpa);
    if specs.is_empty() {
        return "<none>".into();
    }
    let statuses = metric_statuses(hpa);
    let all: Vec<String> = specs
        .iter()
        .enumerate()
        .map(|(i, m)| format_metric(m, statuses.get(i)))
        .collect();
    const MAX: usize = 2;
    if all.len() > MAX {
        format!("{} + {} more...", all[..MAX].join(", "), all.len() - MAX)
    } else {
        all.join(", ")
    }
}

fn row(hpa: &Value, now: Time) -> Vec<Value> {
    let min = match at(hpa, &["spec", "minReplicas"]).and_then(Value::as_i64) {
        Some(m) => m.to_string(),
        None => "1".into(),
    };
    vec![
        s(hpa, &["metadata", "name"]).into(),
        format!(
            "{}/{}",
            s(hpa, &["spec", "scaleTargetRef", "kind"]),
            s(hpa, &["spec", "scaleTargetRef", "name"])
        )
        .into(),
        targets(hpa).into(),
        min.into(),
        int(hpa, &["spec", "maxReplicas"]).into(),
        int(hpa, &["status", "currentReplicas"]).into(),
        age(hpa, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;

    fn hpa(metrics: Value, current: Value) -> Value {
        json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "php-apache", "namespace": "default", "creationTimestamp": ago(180)},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "php-apache"},
                     "minReplicas": 1, "maxReplicas": 10, "metrics": metrics},
            "status": {"currentReplicas": 1, "desiredReplicas": 1, "currentMetrics": current}})
    }

    fn cpu(target: i64) -> Value {
        json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}})
    }

    #[test]
    fn cpu_utilization() {
        let h = hpa(
            json!([cpu(50)]),
            json!([{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 45, "averageValue": "89m"}}}]),
        );
        assert_eq!(
            cells(&PRINTER, &h),
            vec![
                json!("php-apache"),
                json!("Deployment/php-apache"),
                json!("cpu: 45%/50%"),
                json!("1"),
                json!(10),
                json!(1),
                json!("3m")
            ]
        );
    }

    #[test]
    fn unknown_before_metrics_and_defaults() {
        let h = hpa(json!([cpu(50)]), json!(null));
        assert_eq!(cells(&PRINTER, &h)[2], json!("cpu: <unknown>/50%"));
        let h = hpa(
            json!([{"type": "Pods", "pods": {"metric": {"name": "x"}, "target": {"type": "AverageValue"}}}]),
            json!([{"type": "Pods", "pods": {"metric": {"name": "x"}, "current": {}}}]),
        );
        assert_eq!(cells(&PRINTER, &h)[2], json!("<nil>/<nil>"));
        let mut h = hpa(json!(null), json!(null));
        h["spec"].as_object_mut().unwrap().remove("minReplicas");
        assert_eq!(
            cells(&PRINTER, &h)[2..4],
            [json!("cpu: <unknown>/80%"), json!("1")]
        );
    }

    #[test]
    fn autoscaling_v1_object() {
        let h = json!({"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "web", "creationTimestamp": ago(1)},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 2, "maxReplicas": 5,
                     "targetCPUUtilizationPercentage": 70},
            "status": {"currentReplicas": 2, "desiredReplicas": 2, "currentCPUUtilizationPercentage": 12}});
        assert_eq!(
            cells(&PRINTER, &h)[2..6],
            [json!("cpu: 12%/70%"), json!("2"), json!(5), json!(2)]
        );
    }

    #[test]
    fn other_metric_kinds_and_more() {
        let metrics = json!([
            {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "0.5Gi"}}},
            {"type": "Pods", "pods": {"metric": {"name": "packets-per-second"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
            {"type": "Object", "object": {"metric": {"name": "requests-per-second"}, "describedObject": {"kind": "Ingress", "name": "main"},
                                          "target": {"type": "Value", "value": "10k"}}}]);
        let current = json!([
            {"type": "Resource", "resource": {"name": "memory", "current": {"averageValue": "268435456"}}},
            {"type": "Pods", "pods": {"metric": {"name": "packets-per-second"}, "current": {"averageValue": "1500m"}}}]);
        let h = hpa(metrics.clone(), current);
        assert_eq!(
            cells(&PRINTER, &h)[2],
            json!("memory: 268435456/512Mi, 1500m/1k + 1 more...")
        );
        let h = hpa(
            json!([metrics[2].clone(),
            {"type": "External", "external": {"metric": {"name": "queue"}, "target": {"type": "AverageValue", "averageValue": "30"}}}]),
            json!([]),
        );
        assert_eq!(
            cells(&PRINTER, &h)[2],
            json!("<unknown>/10k, <unknown>/30 (avg)")
        );
        let h = hpa(
            json!([{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "app", "target": {"type": "Utilization"}}},
                           {"type": "Bogus"}]),
            json!([]),
        );
        assert_eq!(
            cells(&PRINTER, &h)[2],
            json!("cpu: <unknown>/<auto>, <unknown type>")
        );
    }
}
