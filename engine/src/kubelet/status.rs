//! The pod status a kubelet reports: phase, conditions, IPs and one
//! containerStatus per container, in the shape a v1.33 kubelet writes.

use super::container::{Container, State};
use super::PodRun;
use crate::api::meta;
use crate::apiserver::pod_status::set_condition;
use crate::clock::Time;
use serde_json::{json, Value};

fn ts(ms: i64) -> String {
    Time(ms).rfc3339()
}

/// A stable fake digest (64 hex digits) for container and image IDs.
pub(crate) fn digest(seed: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::new();
    for round in 0..4u64 {
        for b in seed.bytes().chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

fn state_json(s: &State, pod_ref: &str) -> Value {
    match s {
        State::Waiting {
            reason, message, ..
        } => {
            let mut w = json!({"reason": reason});
            if let Some(m) = message {
                let m = if m.ends_with("pod=") {
                    format!("{m}{pod_ref}")
                } else {
                    m.clone()
                };
                w["message"] = json!(m);
            }
            json!({"waiting": w})
        }
        State::Running { started_at } => json!({"running": {"startedAt": ts(*started_at)}}),
        State::Terminated {
            exit_code,
            reason,
            started_at,
            finished_at,
        } => json!({"terminated": {
            "containerID": "", "exitCode": exit_code, "finishedAt": ts(*finished_at),
            "reason": reason, "startedAt": ts(*started_at)}}),
    }
}

fn container_status(c: &Container, spec: Option<&Value>, uid: &str, pod_ref: &str) -> Value {
    let started_once = c.restarts > 0 || !matches!(c.state, State::Waiting { .. });
    let container_id = format!(
        "docker://{}",
        digest(&format!("{uid}/{}/{}", c.name, c.restarts))
    );
    let repo = crate::images::parse(&c.image).map(|r| (r.repository, r.tag));
    let mut s = json!({
        "image": match (&repo, started_once) {
            (Ok((r, t)), true) => format!("{r}:{t}"),
            _ => c.image.clone(),
        },
        "imageID": match (&repo, started_once) {
            (Ok((r, _)), true) => format!("docker-pullable://{r}@sha256:{}", digest(r)),
            _ => String::new(),
        },
        "lastState": match &c.last_terminated {
            Some(t) => state_json(t, pod_ref),
            None => json!({}),
        },
        "name": c.name,
        "ready": c.is_ready(),
        "restartCount": c.restarts,
        "started": c.is_started(),
        "state": state_json(&c.state, pod_ref),
    });
    if started_once {
        s["containerID"] = json!(container_id);
        if let Some(t) = s["state"].get_mut("terminated") {
            t["containerID"] = json!(container_id);
        }
    }
    if let Some(t) = s["lastState"].get_mut("terminated") {
        t["containerID"] = json!(format!(
            "docker://{}",
            digest(&format!("{uid}/{}/{}", c.name, c.restarts - 1))
        ));
    }
    let mounts: Vec<Value> = spec
        .and_then(|s| s.get("volumeMounts"))
        .and_then(Value::as_array)
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    let mut v = json!({"mountPath": m["mountPath"], "name": m["name"]});
                    if m.get("readOnly").and_then(Value::as_bool) == Some(true) {
                        v["readOnly"] = json!(true);
                        v["recursiveReadOnly"] = json!("Disabled");
                    }
                    v
                })
                .collect()
        })
        .unwrap_or_default();
    if !mounts.is_empty() && started_once {
        s["volumeMounts"] = json!(mounts);
    }
    s
}

fn phase(run: &PodRun, restart_policy: &str) -> &'static str {
    // A failed init container with nowhere to go fails the pod.
    let init_failed = run.init_containers.iter().any(|c| {
        !c.sidecar && matches!(c.state, State::Terminated { exit_code, .. } if exit_code != 0)
    });
    if init_failed && restart_policy == "Never" {
        return "Failed";
    }
    let all_terminated = !run.containers.is_empty()
        && run
            .containers
            .iter()
            .all(|c| matches!(c.state, State::Terminated { .. }));
    let any_started = run
        .containers
        .iter()
        .any(|c| c.restarts > 0 || !matches!(c.state, State::Waiting { .. }));
    if all_terminated && restart_policy != "Always" {
        let failed = run
            .containers
            .iter()
            .any(|c| matches!(c.state, State::Terminated { exit_code, .. } if exit_code != 0));
        if failed && restart_policy == "Never" {
            return "Failed";
        }
        if !failed {
            return "Succeeded";
        }
    }
    if any_started {
        "Running"
    } else {
        "Pending"
    }
}

/// The status this kubelet reports for `pod` at `now`.
pub fn pod_status(pod: &Value, run: &PodRun, node_ip: &str, now: i64) -> Value {
    let now_s = ts(now);
    let restart_policy = meta::str_at(pod, &["spec", "restartPolicy"]).unwrap_or("Always");
    let phase = phase(run, restart_policy);
    // Only the status is read and rewritten, and the specs only read: copying
    // them (or the whole pod) cost most of a kubelet pass.
    let old = pod.get("status").unwrap_or(&Value::Null);
    let list = |f: &str| -> &[Value] {
        meta::at(pod, &["spec", f])
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    };
    let specs = list("containers");
    let init_specs = list("initContainers");
    let pod_ref = format!("{}_{}({})", run.name, run.namespace, run.uid);
    let init_statuses: Vec<Value> = run
        .init_containers
        .iter()
        .map(|c| {
            let spec = init_specs
                .iter()
                .find(|s| s.get("name").and_then(Value::as_str) == Some(c.name.as_str()));
            let mut st = container_status(c, spec, &run.uid, &pod_ref);
            if !c.sidecar {
                // A finished init container reports ready, as the kubelet does.
                st["ready"] = serde_json::json!(c.init_done());
                st["started"] = serde_json::json!(matches!(c.state, State::Running { .. }));
            }
            st
        })
        .collect();
    let incomplete: Vec<&str> = run
        .init_containers
        .iter()
        .filter(|c| !c.init_done())
        .map(|c| c.name.as_str())
        .collect();
    let statuses: Vec<Value> = run
        .containers
        .iter()
        .map(|c| {
            let spec = specs
                .iter()
                .find(|s| s.get("name").and_then(Value::as_str) == Some(c.name.as_str()));
            container_status(c, spec, &run.uid, &pod_ref)
        })
        .collect();
    let unready: Vec<&str> = run
        .init_containers
        .iter()
        .filter(|c| c.sidecar)
        .chain(&run.containers)
        .filter(|c| !c.is_ready())
        .map(|c| c.name.as_str())
        .collect();
    let sandbox = run.ip.is_some();
    let terminal = matches!(phase, "Succeeded" | "Failed");
    let cond = |t: &str, ok: bool| {
        let mut c =
            json!({"type": t, "status": if ok { "True" } else { "False" }, "lastProbeTime": null});
        if !ok && t == "Initialized" {
            c["reason"] = json!("ContainersNotInitialized");
            c["message"] = json!(format!(
                "containers with incomplete status: [{}]",
                incomplete.join(" ")
            ));
        }
        if !ok && (t == "Ready" || t == "ContainersReady") {
            if terminal {
                c["reason"] = json!("PodCompleted");
            } else {
                c["reason"] = json!("ContainersNotReady");
                c["message"] = json!(format!(
                    "containers with unready status: [{}]",
                    unready.join(" ")
                ));
            }
        }
        c
    };
    let ready = unready.is_empty() && !terminal;
    // Conditions keep their order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
    let scheduled = old["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "PodScheduled").cloned());
    // Built by hand: `json!` would copy a value it is given once more.
    let mut kept = serde_json::Map::new();
    kept.insert(
        "conditions".into(),
        old.get("conditions").cloned().unwrap_or(json!([])),
    );
    let mut next = json!({});
    next["status"] = Value::Object(kept);
    for (t, ok) in [
        ("PodReadyToStartContainers", sandbox && !terminal),
        ("Initialized", incomplete.is_empty()),
        ("Ready", ready),
        ("ContainersReady", ready),
    ] {
        set_condition(&mut next, cond(t, ok), &now_s);
    }
    let mut conditions: Vec<Value> = [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
    ]
    .iter()
    .filter_map(|t| {
        next["status"]["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == *t).cloned())
    })
    .collect();
    conditions.extend(scheduled);
    let mut status = json!({
        "hostIP": node_ip,
        "hostIPs": [{"ip": node_ip}],
        "phase": phase,
        "qosClass": old.get("qosClass").cloned().unwrap_or(json!("BestEffort")),
        "startTime": ts(run.started_at),
    });
    status["conditions"] = Value::Array(conditions);
    status["containerStatuses"] = Value::Array(statuses);
    if !init_statuses.is_empty() {
        status["initContainerStatuses"] = Value::Array(init_statuses);
    }
    let ephemeral_specs = list("ephemeralContainers");
    let ephemeral: Vec<Value> = run
        .ephemeral_containers
        .iter()
        .map(|c| {
            let spec = ephemeral_specs
                .iter()
                .find(|s| s.get("name").and_then(Value::as_str) == Some(c.name.as_str()));
            let mut st = container_status(c, spec, &run.uid, &pod_ref);
            // The readiness manager only reports regular and init containers.
            st["ready"] = json!(false);
            st
        })
        .collect();
    if !ephemeral.is_empty() {
        status["ephemeralContainerStatuses"] = Value::Array(ephemeral);
    }
    if let Some(ip) = &run.ip {
        status["podIP"] = json!(ip);
        status["podIPs"] = json!([{"ip": ip}]);
    }
    status
}
