//! Pod: `NAME READY STATUS RESTARTS AGE`, wide `IP NODE NOMINATED NODE
//! READINESS GATES` (`printPod`).

use super::common::{age, at, col, condition, list, s, time, NAME};
use super::Printer;
use crate::api::table::human_duration;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Ready", "string", 0, "The aggregate readiness state of this pod for accepting traffic."),
        col("Status", "string", 0, "The aggregate status of the containers in this pod."),
        col("Restarts", "string", 0, "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        super::common::AGE,
        col("IP", "string", 1, "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        col("Node", "string", 1, "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
        col("Nominated Node", "string", 1, "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled."),
        col("Readiness Gates", "string", 1, "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"),
    ],
    row,
};

/// The pod's Ready/Initialized-style condition is `True`.
fn condition_true(pod: &Value, kind: &str) -> bool {
    condition(pod, &["status", "conditions"], kind)
        .is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("True"))
}

fn state<'a>(c: &'a Value, which: &str) -> Option<&'a Value> {
    at(c, &["state", which]).filter(|v| v.is_object())
}

fn reason_of(v: &Value) -> &str {
    v.get("reason").and_then(Value::as_str).unwrap_or("")
}

fn int_of(v: &Value, k: &str) -> i64 {
    v.get(k).and_then(Value::as_i64).unwrap_or(0)
}

/// `lastState.terminated.finishedAt`, the moment of the last restart.
fn last_finished(c: &Value) -> Option<Time> {
    time(c, &["lastState", "terminated", "finishedAt"])
}

fn later(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Exit status of a terminated container whose reason is empty.
fn exit_text(t: &Value) -> String {
    let signal = int_of(t, "signal");
    if signal != 0 {
        format!("Signal:{signal}")
    } else {
        format!("ExitCode:{}", int_of(t, "exitCode"))
    }
}

/// READY, STATUS and RESTARTS, as `printPod` computes them.
pub fn status_cells(pod: &Value, now: Time) -> (String, String, String) {
    let spec_inits = list(pod, &["spec", "initContainers"]);
    let is_sidecar = |name: &str| {
        spec_inits.iter().any(|c| {
            c.get("name").and_then(Value::as_str) == Some(name)
                && c.get("restartPolicy").and_then(Value::as_str) == Some("Always")
        })
    };
    let mut total = list(pod, &["spec", "containers"]).len();
    total += spec_inits
        .iter()
        .filter(|c| c.get("restartPolicy").and_then(Value::as_str) == Some("Always"))
        .count();
    let mut ready = 0;
    let mut restarts = 0i64;
    let mut sidecar_restarts = 0i64;
    let mut last_restart: Option<Time> = None;
    let mut sidecar_last_restart: Option<Time> = None;

    let phase = s(pod, &["status", "phase"]);
    let status_reason = s(pod, &["status", "reason"]);
    let mut reason = if status_reason.is_empty() {
        phase
    } else {
        status_reason
    }
    .to_string();
    for c in list(pod, &["status", "conditions"]) {
        if c.get("type").and_then(Value::as_str) == Some("PodScheduled")
            && c.get("reason").and_then(Value::as_str) == Some("SchedulingGated")
        {
            reason = "SchedulingGated".into();
        }
    }

    let mut initializing = false;
    for (i, c) in list(pod, &["status", "initContainerStatuses"])
        .iter()
        .enumerate()
    {
        let count = int_of(c, "restartCount");
        restarts += count;
        last_restart = later(last_restart, last_finished(c));
        let sidecar = is_sidecar(c.get("name").and_then(Value::as_str).unwrap_or(""));
        if sidecar {
            sidecar_restarts += count;
            sidecar_last_restart = later(sidecar_last_restart, last_finished(c));
        }
        let terminated = state(c, "terminated");
        let waiting = state(c, "waiting");
        if terminated.is_some_and(|t| int_of(t, "exitCode") == 0) {
            continue;
        }
        if sidecar && c.get("started").and_then(Value::as_bool) == Some(true) {
            if c.get("ready").and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            reason = match reason_of(t) {
                "" => format!("Init:{}", exit_text(t)),
                r => format!("Init:{r}"),
            };
        } else if let Some(r) = waiting
            .map(reason_of)
            .filter(|r| !r.is_empty() && *r != "PodInitializing")
        {
            reason = format!("Init:{r}");
        } else {
            reason = format!("Init:{i}/{}", spec_inits.len());
        }
        initializing = true;
        break;
    }

    if !initializing || condition_true(pod, "Initialized") {
        restarts = sidecar_restarts;
        last_restart = sidecar_last_restart;
        let mut has_running = false;
        for c in list(pod, &["status", "containerStatuses"]).iter().rev() {
            restarts += int_of(c, "restartCount");
            last_restart = later(last_restart, last_finished(c));
            let waiting_reason = state(c, "waiting").map(reason_of).unwrap_or("");
            if !waiting_reason.is_empty() {
                reason = waiting_reason.into();
            } else if let Some(t) = state(c, "terminated") {
                reason = match reason_of(t) {
                    "" => exit_text(t),
                    r => r.into(),
                };
            } else if c.get("ready").and_then(Value::as_bool) == Some(true)
                && state(c, "running").is_some()
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if condition_true_any(pod, "Ready") {
                "Running"
            } else {
                "NotReady"
            }
            .into();
        }
    }

    if super::common::deleting(pod) && status_reason == "NodeLost" {
        reason = "Unknown".into();
    } else if super::common::deleting(pod) && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".into();
    }

    let restarts_text = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now.0 - t.0)),
        _ => restarts.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_text)
}

/// `hasPodReadyCondition`: any Ready condition with status True.
fn condition_true_any(pod: &Value, kind: &str) -> bool {
    list(pod, &["status", "conditions"]).iter().any(|c| {
        c.get("type").and_then(Value::as_str) == Some(kind)
            && c.get("status").and_then(Value::as_str) == Some("True")
    })
}

fn or_none(v: &str) -> Value {
    if v.is_empty() { "<none>" } else { v }.into()
}

fn readiness_gates(pod: &Value) -> String {
    let gates = list(pod, &["spec", "readinessGates"]);
    if gates.is_empty() {
        return "<none>".into();
    }
    let conditions = list(pod, &["status", "conditions"]);
    let true_count = gates
        .iter()
        .filter(|g| {
            let kind = g.get("conditionType").and_then(Value::as_str);
            conditions
                .iter()
                .find(|c| c.get("type").and_then(Value::as_str) == kind)
                .is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("True"))
        })
        .count();
    format!("{true_count}/{}", gates.len())
}

/// The pod IP as the internal type holds it: `status.podIP` wins over `podIPs[0]`.
fn pod_ip(pod: &Value) -> &str {
    match s(pod, &["status", "podIP"]) {
        "" => list(pod, &["status", "podIPs"])
            .first()
            .and_then(|p| p.get("ip"))
            .and_then(Value::as_str)
            .unwrap_or(""),
        ip => ip,
    }
}

fn row(pod: &Value, now: Time) -> Vec<Value> {
    let (ready, status, restarts) = status_cells(pod, now);
    vec![
        s(pod, &["metadata", "name"]).into(),
        ready.into(),
        status.into(),
        restarts.into(),
        age(pod, now),
        or_none(pod_ip(pod)),
        or_none(s(pod, &["spec", "nodeName"])),
        or_none(s(pod, &["status", "nominatedNodeName"])),
        readiness_gates(pod).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells, now};
    use super::*;
    use serde_json::json;

    fn pod(spec: Value, status: Value) -> Value {
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(300)},
            "spec": spec,
            "status": status,
        })
    }

    fn one(image: &str) -> Value {
        json!({"containers": [{"name": "app", "image": image}], "nodeName": "minikube"})
    }

    fn st(pod: &Value) -> (String, String, String) {
        status_cells(pod, now())
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn pending_unscheduled() {
        let p = pod(
            json!({"containers": [{"name": "app", "image": "nginx"}]}),
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}),
        );
        assert_eq!(
            cells(&PRINTER, &p),
            vec![
                json!("web"),
                json!("0/1"),
                json!("Pending"),
                json!("0"),
                json!("5m"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>")
            ]
        );
    }

    #[test]
    fn scheduling_gated() {
        let p = pod(
            json!({"containers": [{"name": "app", "image": "nginx"}], "schedulingGates": [{"name": "x"}]}),
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}),
        );
        assert_eq!(st(&p), t("0/1", "SchedulingGated", "0"));
    }

    #[test]
    fn container_creating() {
        let p = pod(
            one("nginx"),
            json!({"phase": "Pending", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "started": false, "image": "nginx", "imageID": "",
             "state": {"waiting": {"reason": "ContainerCreating"}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "ContainerCreating", "0"));
    }

    #[test]
    fn running_and_wide_cells() {
        let p = pod(
            one("nginx"),
            json!({
            "phase": "Running", "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}], "hostIP": "192.168.49.2",
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "started": true,
                "state": {"running": {"startedAt": ago(290)}}}]}),
        );
        assert_eq!(
            cells(&PRINTER, &p),
            vec![
                json!("web"),
                json!("1/1"),
                json!("Running"),
                json!("0"),
                json!("5m"),
                json!("10.244.0.5"),
                json!("minikube"),
                json!("<none>"),
                json!("<none>")
            ]
        );
    }

    #[test]
    fn running_but_not_ready_keeps_the_phase() {
        let p = pod(
            one("nginx"),
            json!({"phase": "Running", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"running": {"startedAt": ago(10)}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Running", "0"));
    }

    #[test]
    fn completed_and_error() {
        let done = pod(
            one("busybox"),
            json!({"phase": "Succeeded", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed", "finishedAt": ago(60)}}}]}),
        );
        assert_eq!(st(&done), t("0/1", "Completed", "0"));
        let failed = pod(
            one("busybox"),
            json!({"phase": "Failed", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}),
        );
        assert_eq!(st(&failed), t("0/1", "Error", "0"));
        let signal = pod(
            one("busybox"),
            json!({"phase": "Failed", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 137, "signal": 9}}}]}),
        );
        assert_eq!(st(&signal), t("0/1", "Signal:9", "0"));
        let code = pod(
            one("busybox"),
            json!({"phase": "Failed", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 2}}}]}),
        );
        assert_eq!(st(&code), t("0/1", "ExitCode:2", "0"));
    }

    #[test]
    fn crash_loop_back_off_with_restarts_ago() {
        let p = pod(
            one("busybox"),
            json!({"phase": "Running", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 3,
             "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s restarting failed container"}},
             "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ago(52)}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "CrashLoopBackOff", "3 (52s ago)"));
    }

    #[test]
    fn image_pull_errors() {
        let p = pod(
            one("nginx:nope"),
            json!({"phase": "Pending", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "ErrImagePull"}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "ErrImagePull", "0"));
    }

    #[test]
    fn lowest_index_container_wins() {
        let spec =
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        let p = pod(
            spec,
            json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "False"}], "containerStatuses": [
            {"name": "a", "ready": false, "restartCount": 1, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
             "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(125)}}},
            {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": ago(200)}}}]}),
        );
        assert_eq!(st(&p), t("1/2", "CrashLoopBackOff", "1 (2m5s ago)"));
    }

    #[test]
    fn completed_container_next_to_a_running_one() {
        let spec =
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        let status = |ready: &str| {
            json!({"phase": "Running", "conditions": [{"type": "Ready", "status": ready}], "containerStatuses": [
            {"name": "a", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
            {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {}}}]})
        };
        assert_eq!(
            st(&pod(spec.clone(), status("False"))),
            t("1/2", "NotReady", "0")
        );
        assert_eq!(st(&pod(spec, status("True"))), t("1/2", "Running", "0"));
    }

    fn init_spec() -> Value {
        json!({"initContainers": [{"name": "init-a", "image": "busybox"}, {"name": "init-b", "image": "busybox"}],
               "containers": [{"name": "app", "image": "nginx"}]})
    }

    #[test]
    fn init_containers_in_progress() {
        let p = pod(
            init_spec(),
            json!({"phase": "Pending",
            "conditions": [{"type": "Initialized", "status": "False"}],
            "initContainerStatuses": [
                {"name": "init-a", "ready": false, "restartCount": 0, "state": {"running": {"startedAt": ago(3)}}},
                {"name": "init-b", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}],
            "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Init:0/2", "0"));
        let p = pod(
            init_spec(),
            json!({"phase": "Pending",
            "initContainerStatuses": [
                {"name": "init-a", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                {"name": "init-b", "ready": false, "restartCount": 0, "state": {"running": {}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Init:1/2", "0"));
    }

    #[test]
    fn init_container_failures() {
        let p = pod(
            init_spec(),
            json!({"phase": "Pending", "initContainerStatuses": [
            {"name": "init-a", "ready": false, "restartCount": 2, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
             "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ago(30)}}},
            {"name": "init-b", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Init:CrashLoopBackOff", "2 (30s ago)"));
        let p = pod(
            init_spec(),
            json!({"phase": "Failed", "initContainerStatuses": [
            {"name": "init-a", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Init:Error", "0"));
        let p = pod(
            init_spec(),
            json!({"phase": "Pending", "initContainerStatuses": [
            {"name": "init-a", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 3}}}]}),
        );
        assert_eq!(st(&p), t("0/1", "Init:ExitCode:3", "0"));
    }

    #[test]
    fn initialized_pods_drop_regular_init_restarts() {
        let p = pod(
            init_spec(),
            json!({"phase": "Running",
            "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
            "initContainerStatuses": [
                {"name": "init-a", "ready": false, "restartCount": 4, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}},
                 "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(100)}}},
                {"name": "init-b", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}],
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        assert_eq!(st(&p), t("1/1", "Running", "0"));
    }

    #[test]
    fn sidecars_count_towards_ready_and_restarts() {
        let spec = json!({"initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}],
                          "containers": [{"name": "app", "image": "nginx"}]});
        let p = pod(
            spec.clone(),
            json!({"phase": "Running",
            "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
            "initContainerStatuses": [{"name": "proxy", "ready": true, "started": true, "restartCount": 1,
                "state": {"running": {}}, "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(7200)}}}],
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        assert_eq!(st(&p), t("2/2", "Running", "1 (120m ago)"));
        // A sidecar that has not started yet holds up initialisation.
        let p = pod(
            spec,
            json!({"phase": "Pending",
            "initContainerStatuses": [{"name": "proxy", "ready": false, "started": false, "restartCount": 0,
                "state": {"running": {}}}]}),
        );
        assert_eq!(st(&p), t("0/2", "Init:0/1", "0"));
    }

    #[test]
    fn terminating_unless_terminal() {
        let mut p = pod(
            one("nginx"),
            json!({"phase": "Running", "containerStatuses": [
            {"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        p["metadata"]["deletionTimestamp"] = json!(ago(1));
        assert_eq!(st(&p), t("1/1", "Terminating", "0"));
        let mut done = pod(
            one("busybox"),
            json!({"phase": "Succeeded", "containerStatuses": [
            {"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}),
        );
        done["metadata"]["deletionTimestamp"] = json!(ago(1));
        assert_eq!(st(&done), t("0/1", "Completed", "0"));
        let mut lost = pod(
            one("nginx"),
            json!({"phase": "Running", "reason": "NodeLost"}),
        );
        lost["metadata"]["deletionTimestamp"] = json!(ago(1));
        assert_eq!(st(&lost), t("0/1", "Unknown", "0"));
    }

    #[test]
    fn evicted_pods_show_the_status_reason() {
        let p = pod(
            one("nginx"),
            json!({"phase": "Failed", "reason": "Evicted", "message": "The node was low on resource: memory."}),
        );
        assert_eq!(st(&p), t("0/1", "Evicted", "0"));
    }

    #[test]
    fn readiness_gates_and_nominated_node() {
        let mut p = pod(
            one("nginx"),
            json!({"phase": "Pending", "nominatedNodeName": "node-2", "podIPs": [{"ip": "10.0.0.9"}],
            "conditions": [{"type": "example.com/ready", "status": "True"}]}),
        );
        p["spec"]["readinessGates"] =
            json!([{"conditionType": "example.com/ready"}, {"conditionType": "example.com/other"}]);
        let c = cells(&PRINTER, &p);
        assert_eq!(
            c[5..],
            [
                json!("10.0.0.9"),
                json!("minikube"),
                json!("node-2"),
                json!("1/2")
            ]
        );
    }
}
