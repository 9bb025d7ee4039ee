//! The endpoints and endpointslice controllers: for every Service with a
//! selector, the pods it selects (ready ones as addresses, others as
//! not-ready) as an Endpoints object and an EndpointSlice.

use super::owned::owner_reference;
use super::replicaset::is_ready;
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::{json, Map, Value};
use std::sync::Arc;

const MANAGED_BY: &str = "endpointslice-controller.k8s.io";

/// The container port a service port's targetPort means for one pod.
fn target_port(pod: &Value, port: &Value) -> Option<i64> {
    match port.get("targetPort") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(name)) => meta::at(pod, &["spec", "containers"])
            .and_then(Value::as_array)?
            .iter()
            .flat_map(|c| {
                c.get("ports")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
            .and_then(|p| p.get("containerPort").and_then(Value::as_i64)),
        _ => port.get("port").and_then(Value::as_i64),
    }
}

fn pod_address(pod: &Value) -> Value {
    json!({
        "ip": meta::str_at(pod, &["status", "podIP"]).unwrap_or(""),
        "nodeName": meta::str_at(pod, &["spec", "nodeName"]).unwrap_or(""),
        "targetRef": {"kind": "Pod", "name": meta::name(pod), "namespace": meta::namespace(pod),
                      "uid": meta::str_at(pod, &["metadata", "uid"]).unwrap_or("")},
    })
}

pub fn reconcile(api: &mut ApiServer) {
    let reg = api.registry();
    let (Some(svc_r), Some(pod_r), Some(ep_r), Some(eps_r)) = (
        reg.resolve("services").cloned(),
        reg.resolve("pods").cloned(),
        reg.resolve("endpoints").cloned(),
        reg.resolve("endpointslices.discovery.k8s.io").cloned(),
    ) else {
        return;
    };
    let services = api
        .list_shared(&svc_r, None, &ListOptions::default())
        .unwrap_or_default();
    // Endpoints of a Service that is gone go with it; a leader-election
    // lock has no Service and stays (endpoints_controller.go).
    for ep in api
        .list_shared(&ep_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        let (ns, name) = (meta::namespace(&ep), meta::name(&ep));
        let lock = meta::at(
            &ep,
            &[
                "metadata",
                "annotations",
                "control-plane.alpha.kubernetes.io/leader",
            ],
        )
        .is_some();
        if !lock
            && !services
                .iter()
                .any(|s| meta::namespace(s) == ns && meta::name(s) == name)
        {
            let _ = api.delete(&ep_r, ns, name, &WriteOptions::default());
        }
    }
    for svc in services {
        let Some(selector) = meta::at(&svc, &["spec", "selector"]).and_then(Value::as_object)
        else {
            continue;
        };
        if selector.is_empty() {
            continue;
        }
        let ns = meta::namespace(&svc).to_string();
        let name = meta::name(&svc).to_string();
        let sel: Vec<String> = selector
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
            .collect();
        let opts = ListOptions {
            label_selector: Some(sel.join(",")),
            ..Default::default()
        };
        let pods: Vec<Value> = api
            .list_shared(&pod_r, Some(&ns), &opts)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| meta::str_at(p, &["status", "podIP"]).is_some_and(|ip| !ip.is_empty()))
            .filter(|p| {
                !matches!(
                    meta::str_at(p, &["status", "phase"]),
                    Some("Succeeded" | "Failed")
                )
            })
            .map(Arc::unwrap_or_clone)
            .collect();
        let ports: Vec<Value> = meta::at(&svc, &["spec", "ports"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let endpoint_ports = |pod: Option<&Value>| -> Vec<Value> {
            ports
                .iter()
                .map(|p| {
                    let mut e = json!({"port": pod.and_then(|pod| target_port(pod, p)).or_else(|| p["targetPort"].as_i64()).unwrap_or(0),
                                       "protocol": p.get("protocol").cloned().unwrap_or(json!("TCP"))});
                    if let Some(n) = p.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()) {
                        e["name"] = json!(n);
                    }
                    e
                })
                .collect()
        };
        // Endpoints: one subset (all pods here expose the same ports).
        let alive: Vec<&Value> = pods
            .iter()
            .filter(|p| meta::at(p, &["metadata", "deletionTimestamp"]).is_none())
            .collect();
        let ready: Vec<Value> = alive
            .iter()
            .filter(|p| is_ready(p))
            .map(|p| pod_address(p))
            .collect();
        let not_ready: Vec<Value> = alive
            .iter()
            .filter(|p| !is_ready(p))
            .map(|p| pod_address(p))
            .collect();
        let mut subset = Map::new();
        if !ready.is_empty() {
            subset.insert("addresses".into(), json!(ready));
        }
        if !not_ready.is_empty() {
            subset.insert("notReadyAddresses".into(), json!(not_ready));
        }
        let mut endpoints = json!({"apiVersion": "v1", "kind": "Endpoints",
            "metadata": {"name": name, "namespace": ns, "labels": meta::at(&svc, &["metadata", "labels"]).cloned().unwrap_or(json!({}))}});
        if !subset.is_empty() {
            subset.insert(
                "ports".into(),
                json!(endpoint_ports(alive.first().copied())),
            );
            endpoints["subsets"] = json!([Value::Object(subset)]);
        }
        if endpoints["metadata"]["labels"]
            .as_object()
            .is_some_and(Map::is_empty)
        {
            endpoints["metadata"]
                .as_object_mut()
                .map(|m| m.remove("labels"));
        }
        write(api, &ep_r, &ns, &name, endpoints, |cur| {
            cur.get("subsets").cloned()
        });

        // EndpointSlice: every pod with its conditions.
        let slice_endpoints: Vec<Value> = pods
            .iter()
            .map(|p| {
                let terminating = meta::at(p, &["metadata", "deletionTimestamp"]).is_some();
                let serving = is_ready(p);
                json!({"addresses": [meta::str_at(p, &["status", "podIP"]).unwrap_or("")],
                       "conditions": {"ready": serving && !terminating, "serving": serving, "terminating": terminating},
                       "nodeName": meta::str_at(p, &["spec", "nodeName"]).unwrap_or(""),
                       "targetRef": pod_address(p)["targetRef"].clone()})
            })
            .collect();
        let mut labels = meta::at(&svc, &["metadata", "labels"])
            .cloned()
            .unwrap_or(json!({}));
        labels["endpointslice.kubernetes.io/managed-by"] = json!(MANAGED_BY);
        labels["kubernetes.io/service-name"] = json!(name);
        let existing = api
            .list_shared(
                &eps_r,
                Some(&ns),
                &ListOptions {
                    label_selector: Some(format!("kubernetes.io/service-name={name}")),
                    ..Default::default()
                },
            )
            .unwrap_or_default();
        let mut slice = match existing.into_iter().next() {
            Some(s) => Arc::unwrap_or_clone(s),
            None => json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                           "metadata": {"generateName": format!("{name}-"), "namespace": ns,
                                        "ownerReferences": [owner_reference(&svc, "v1", "Service")]},
                           "addressType": "IPv4"}),
        };
        let before = slice.clone();
        slice["metadata"]["labels"] = labels;
        slice["endpoints"] = if slice_endpoints.is_empty() {
            Value::Null
        } else {
            json!(slice_endpoints)
        };
        let mut slice_ports = endpoint_ports(pods.first());
        for p in &mut slice_ports {
            if p.get("name").is_none() {
                p["name"] = json!("");
            }
        }
        slice["ports"] = json!(slice_ports);
        if meta::name(&slice).is_empty() {
            let _ = api.create(&eps_r, &ns, slice, &WriteOptions::default());
        } else if slice != before {
            let _ = api.update(&eps_r, &ns, slice);
        }
    }
}

/// Creates the object, or updates it when the part `key` picks out changed.
fn write(
    api: &mut ApiServer,
    r: &crate::api::ApiResource,
    ns: &str,
    name: &str,
    obj: Value,
    key: impl Fn(&Value) -> Option<Value>,
) {
    match api.get(r, ns, name) {
        Err(_) => {
            let _ = api.create(r, ns, obj, &WriteOptions::default());
        }
        Ok(current) => {
            if key(&current) != key(&obj) {
                let mut next = current.clone();
                match obj.get("subsets") {
                    Some(s) => next["subsets"] = s.clone(),
                    None => {
                        next.as_object_mut().map(|m| m.remove("subsets"));
                    }
                }
                let _ = api.update(r, ns, next);
            }
        }
    }
}
