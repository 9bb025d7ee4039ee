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
            cs.iter()
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
