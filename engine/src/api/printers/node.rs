//! Node: `NAME STATUS ROLES AGE VERSION`, wide `INTERNAL-IP EXTERNAL-IP OS-IMAGE
//! KERNEL-VERSION CONTAINER-RUNTIME`.

use super::Printer;
use crate::api::meta;
use crate::api::table::{age, Column};
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        Column::name_column(),
        Column::new("Status", "string", 0),
        Column::new("Roles", "string", 0),
        Column::new("Age", "string", 0),
        Column::new("Version", "string", 0),
        Column::new("Internal-IP", "string", 1),
        Column::new("External-IP", "string", 1),
        Column::new("OS-Image", "string", 1),
        Column::new("Kernel-Version", "string", 1),
        Column::new("Container-Runtime", "string", 1),
    ],
    row,
};

const ROLE_PREFIX: &str = "node-role.kubernetes.io/";

fn status(obj: &Value) -> String {
    let ready = meta::at(obj, &["status", "conditions"])
        .and_then(Value::as_array)
        .and_then(|cs| {
            // printNode keys conditions by type in a map: the last one wins.
            cs.iter()
                .rev()
                .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"))
        })
        .map(|c| c.get("status").and_then(Value::as_str) == Some("True"));
    let mut s = match ready {
        Some(true) => "Ready",
        Some(false) => "NotReady",
        None => "Unknown",
    }
    .to_string();
    if meta::at(obj, &["spec", "unschedulable"]).and_then(Value::as_bool) == Some(true) {
        s.push_str(",SchedulingDisabled");
    }
    s
}

fn roles(obj: &Value) -> String {
    let mut roles: Vec<&str> = vec![];
    for (k, v) in meta::labels(obj) {
        if let Some(role) = k.strip_prefix(ROLE_PREFIX) {
            if !role.is_empty() {
                roles.push(role);
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.push(v);
        }
    }
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        "<none>".into()
    } else {
        roles.join(",")
    }
}

fn address(obj: &Value, kind: &str) -> String {
    meta::at(obj, &["status", "addresses"])
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .find(|x| x.get("type").and_then(Value::as_str) == Some(kind))
        })
        .and_then(|x| x.get("address").and_then(Value::as_str))
        .unwrap_or("<none>")
        .into()
}

fn info(obj: &Value, field: &str) -> String {
    match meta::str_at(obj, &["status", "nodeInfo", field]) {
        Some(s) if !s.is_empty() => s.into(),
        _ => "<unknown>".into(),
    }
}

fn row(obj: &Value, now: Time) -> Vec<Value> {
    vec![
        meta::name(obj).into(),
        status(obj).into(),
        roles(obj).into(),
        age(meta::str_at(obj, &["metadata", "creationTimestamp"]), now).into(),
        meta::str_at(obj, &["status", "nodeInfo", "kubeletVersion"])
            .unwrap_or("")
            .into(),
        address(obj, "InternalIP").into(),
        address(obj, "ExternalIP").into(),
        info(obj, "osImage").into(),
        info(obj, "kernelVersion").into(),
        info(obj, "containerRuntimeVersion").into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn minikube_node() {
        let node = json!({"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": "minikube", "creationTimestamp": ago(85 * 60),
                "labels": {"kubernetes.io/hostname": "minikube", "node-role.kubernetes.io/control-plane": "",
                           "node.kubernetes.io/exclude-from-external-load-balancers": ""}},
            "spec": {"podCIDR": "10.244.0.0/24"},
            "status": {"addresses": [{"type": "InternalIP", "address": "192.168.49.2"}, {"type": "Hostname", "address": "minikube"}],
                "conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True"}],
                "nodeInfo": {"kubeletVersion": "v1.33.1", "osImage": "Ubuntu 22.04.5 LTS",
                             "kernelVersion": "6.8.0-1015-gcp", "containerRuntimeVersion": "docker://28.1.1"}}});
        assert_eq!(
            cells(&PRINTER, &node),
            vec![
                json!("minikube"),
                json!("Ready"),
                json!("control-plane"),
                json!("85m"),
                json!("v1.33.1"),
                json!("192.168.49.2"),
                json!("<none>"),
                json!("Ubuntu 22.04.5 LTS"),
                json!("6.8.0-1015-gcp"),
                json!("docker://28.1.1")
            ]
        );
    }

    #[test]
    fn not_ready_cordoned_and_unknown() {
        let mut node = json!({"metadata": {"name": "n", "creationTimestamp": ago(1), "labels": {"kubernetes.io/role": "worker"}},
            "spec": {"unschedulable": true},
            "status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Ready", "status": "Unknown"}], "nodeInfo": {}}});
        assert_eq!(
            cells(&PRINTER, &node)[1..3],
            [json!("NotReady,SchedulingDisabled"), json!("worker")]
        );
        node["status"]["conditions"] = json!([]);
        assert_eq!(
            cells(&PRINTER, &node)[1],
            json!("Unknown,SchedulingDisabled")
        );
        assert_eq!(cells(&PRINTER, &node)[7], json!("<unknown>"));
    }
}
