use super::*;
use serde_json::json;

fn v2_full() -> Value {
    json!({
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "h", "namespace": "n", "annotations": {"keep": "me"}},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
            "minReplicas": 2,
            "maxReplicas": 5,
            "metrics": [
                {"type": "Resource", "resource": {"name": "cpu",
                    "target": {"type": "Utilization", "averageUtilization": 60}}},
                {"type": "Resource", "resource": {"name": "memory",
                    "target": {"type": "AverageValue", "averageValue": "200Mi"}}},
                {"type": "Pods", "pods": {"metric": {"name": "packets",
                    "selector": {"matchLabels": {"app": "web"}}},
                    "target": {"type": "AverageValue", "averageValue": "1k"}}},
                {"type": "Object", "object": {
                    "describedObject": {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "name": "main"},
                    "metric": {"name": "requests"},
                    "target": {"type": "Value", "value": "10k"}}},
                {"type": "External", "external": {"metric": {"name": "queue"},
                    "target": {"type": "AverageValue", "averageValue": "30"}}},
                {"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "app",
                    "target": {"type": "Utilization", "averageUtilization": 70}}}
            ],
            "behavior": {
                "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                    "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15}]},
                "scaleDown": {"stabilizationWindowSeconds": 300, "selectPolicy": "Min",
                    "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}]}
            }
        },
        "status": {
            "observedGeneration": 1,
            "lastScaleTime": "2025-06-01T09:00:00Z",
            "currentReplicas": 3,
            "desiredReplicas": 4,
            "currentMetrics": [
                {"type": "Resource", "resource": {"name": "cpu",
                    "current": {"averageUtilization": 55, "averageValue": "55m"}}},
                {"type": "Pods", "pods": {"metric": {"name": "packets"},
                    "current": {"averageValue": "900"}}}
            ],
            "conditions": [
                {"type": "AbleToScale", "status": "True", "lastTransitionTime": "2025-06-01T09:00:00Z",
                    "reason": "ReadyForNewScale", "message": "recommended size matches current size"}
            ]
        }
    })
}

#[test]
fn v2_to_v1_takes_cpu_out_and_the_rest_into_annotations() {
    let v1 = to_v1(&v2_full());
    assert_eq!(v1["apiVersion"], "autoscaling/v1");
    assert_eq!(v1["spec"]["targetCPUUtilizationPercentage"], 60);
    assert_eq!(v1["spec"]["minReplicas"], 2);
    assert_eq!(v1["status"]["currentCPUUtilizationPercentage"], 55);
    assert_eq!(v1["status"]["currentReplicas"], 3);
    let a = &v1["metadata"]["annotations"];
    assert_eq!(a["keep"], "me");
    assert_eq!(
        a[METRICS_ANNOTATION],
        concat!(
            r#"[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"200Mi"}},"#,
            r#"{"type":"Pods","pods":{"metricName":"packets","targetAverageValue":"1k","selector":{"matchLabels":{"app":"web"}}}},"#,
            r#"{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},"metricName":"requests","targetValue":"10k"}},"#,
            r#"{"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}},"#,
            r#"{"type":"ContainerResource","containerResource":{"name":"cpu","targetAverageUtilization":70,"container":"app"}}]"#
        )
    );
    assert_eq!(
        a[CURRENT_METRICS_ANNOTATION],
        concat!(
            r#"[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":55,"currentAverageValue":"55m"}},"#,
            r#"{"type":"Pods","pods":{"metricName":"packets","currentAverageValue":"900"}}]"#
        )
    );
    assert_eq!(
        a[BEHAVIOR_ANNOTATION],
        concat!(
            r#"{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}],"Tolerance":null},"#,
            r#""ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Min","Policies":[{"Type":"Percent","Value":10,"PeriodSeconds":60}],"Tolerance":null}}"#
        )
    );
    assert_eq!(
        a[CONDITIONS_ANNOTATION],
        r#"[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-06-01T09:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"}]"#
    );
}

#[test]
fn round_trip_keeps_everything_but_moves_cpu_last() {
    let v2 = v2_full();
    let back = from_v1(&to_v1(&v2)).unwrap();
    let mut want = v2.clone();
    // The cpu utilization metric comes back after the annotation's metrics.
    let metrics = want["spec"]["metrics"].as_array_mut().unwrap();
    let cpu = metrics.remove(0);
    metrics.push(cpu);
    assert_eq!(back, want);
    // And a second trip changes nothing more.
    assert_eq!(from_v1(&to_v1(&back)).unwrap(), back);
}

#[test]
fn v1_without_cpu_target_gets_80_percent_and_no_annotations() {
    let mut v1 = json!({
        "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "h"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 3}
    });
    default_v1(&mut v1);
    let v2 = from_v1(&v1).unwrap();
    assert_eq!(v2["apiVersion"], "autoscaling/v2");
    assert_eq!(v2["spec"]["minReplicas"], 1);
    assert_eq!(
        v2["spec"]["metrics"],
        json!([{"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": 80}}}])
    );
    assert!(v2["spec"].get("behavior").is_none());
    assert_eq!(v2["status"]["currentMetrics"], Value::Null);
    let again = to_v1(&v2);
    assert_eq!(again["spec"]["targetCPUUtilizationPercentage"], 80);
    assert!(again["metadata"].get("annotations").is_none());
    assert_eq!(
        again["status"],
        json!({"currentReplicas": 0, "desiredReplicas": 0})
    );
}

#[test]
fn stale_round_trip_annotations_are_dropped_and_bad_ones_refused() {
    let mut v2 = v2_full();
    v2["metadata"]["annotations"][METRICS_ANNOTATION] = json!("stale");
    v2["spec"]["metrics"] = json!([{"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": 60}}}]);
    let v1 = to_v1(&v2);
    assert!(v1["metadata"]["annotations"]
        .get(METRICS_ANNOTATION)
        .is_none());
    let mut bad = v1.clone();
    bad["metadata"]["annotations"][METRICS_ANNOTATION] = json!("{nope");
    assert!(from_v1(&bad).is_err());
    bad["metadata"]["annotations"][METRICS_ANNOTATION] = json!("{}");
    assert!(from_v1(&bad).is_err());
}

#[test]
fn v1_status_cpu_becomes_a_current_metric() {
    let v1 = json!({
        "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "h"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 3,
            "minReplicas": 1, "targetCPUUtilizationPercentage": 50},
        "status": {"currentReplicas": 2, "desiredReplicas": 2, "currentCPUUtilizationPercentage": 40}
    });
    let v2 = from_v1(&v1).unwrap();
    assert_eq!(
        v2["status"],
        json!({"currentReplicas": 2, "desiredReplicas": 2, "currentMetrics": [
            {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 40}}}]})
    );
}
