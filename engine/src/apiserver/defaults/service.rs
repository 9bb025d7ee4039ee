//! Service decode defaults (`SetDefaults_Service`, DEFAULTS.md §6). ClusterIP,
//! NodePort and IP-family allocation happen on create in the registry, not here.

use super::{default_str, default_value, each, existing, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    if let Some(spec) = spec_of(obj) {
        default_str(spec, "sessionAffinity", "None");
        match spec.get("sessionAffinity").and_then(Value::as_str) {
            Some("None") => {
                spec.remove("sessionAffinityConfig");
            }
            Some("ClientIP") => {
                let has_timeout = spec
                    .get("sessionAffinityConfig")
                    .and_then(|c| c.get("clientIP"))
                    .and_then(|c| c.get("timeoutSeconds"))
                    .is_some_and(|t| !t.is_null());
                if !has_timeout {
                    spec.insert(
                        "sessionAffinityConfig".into(),
                        json!({"clientIP": {"timeoutSeconds": 10800}}),
                    );
                }
            }
            _ => {}
        }
        default_str(spec, "type", "ClusterIP");
        each(spec, "ports", |p| {
            default_str(p, "protocol", "TCP");
            let unset = match p.get("targetPort") {
                None | Some(Value::Null) => true,
                Some(Value::Number(n)) => n.as_i64() == Some(0),
                Some(Value::String(s)) => s.is_empty(),
                _ => false,
            };
            if unset {
                let port = p.get("port").cloned().unwrap_or(json!(0));
                p.insert("targetPort".into(), port);
            }
        });
        let ty = spec
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let has_external_ips = spec
            .get("externalIPs")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        if ty == "NodePort" || ty == "LoadBalancer" || (ty == "ClusterIP" && has_external_ips) {
            default_str(spec, "externalTrafficPolicy", "Cluster");
        }
        if matches!(ty.as_str(), "ClusterIP" | "NodePort" | "LoadBalancer") {
            default_value(spec, "internalTrafficPolicy", json!("Cluster"));
        }
        if ty == "LoadBalancer" {
            default_value(spec, "allocateLoadBalancerNodePorts", json!(true));
        }
    }
    // LoadBalancerIPMode (GA): an ingress point with an IP gets `ipMode: VIP`.
    let top = super::top(obj);
    if let Some(lb) = existing(top, "status").and_then(|s| existing(s, "loadBalancer")) {
        each(lb, "ingress", |i| {
            if i.get("ip")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
            {
                default_value(i, "ipMode", json!("VIP"));
            }
        });
    }
}
