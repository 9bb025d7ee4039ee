//! What an object counts against a ResourceQuota (`pkg/quota/v1/evaluator`):
//! `count/<resource>[.<group>]` for every object, and for pods, services and
//! claims the legacy counts and compute/storage amounts. Shared by the
//! ResourceQuota admission plugin and the resourcequota controller.

use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::api::registry::ApiResource;
use serde_json::Value;
use std::collections::BTreeMap;

pub type ResourceList = BTreeMap<String, Quantity>;

fn one() -> Quantity {
    Quantity::parse("1").unwrap_or_else(Quantity::zero)
}

fn add(list: &mut ResourceList, key: &str, q: &Quantity) {
    let sum = list.get(key).map_or_else(|| q.clone(), |have| have.plus(q));
    list.insert(key.to_string(), sum);
}

/// `count/pods`, `count/deployments.apps`.
pub fn count_name(r: &ApiResource) -> String {
    if r.group.is_empty() {
        format!("count/{}", r.name)
    } else {
        format!("count/{}.{}", r.name, r.group)
    }
}

fn quantity(v: &Value) -> Option<Quantity> {
    v.as_str()
        .and_then(Quantity::parse)
        .or_else(|| v.as_i64().and_then(|n| Quantity::parse(&n.to_string())))
}

/// A container's requests and limits as quota names (`podComputeUsageHelper`).
fn container_usage(c: &Value) -> ResourceList {
    let mut out = ResourceList::new();
    let res = &c["resources"];
    for (kind, field) in [("requests", "requests"), ("limits", "limits")] {
        for name in ["cpu", "memory", "ephemeral-storage"] {
            if let Some(q) = quantity(&res[field][name]) {
                if kind == "requests" {
                    out.insert(name.to_string(), q.clone());
                }
                out.insert(format!("{kind}.{name}"), q);
            }
        }
    }
    out
}

fn is_terminal(pod: &Value) -> bool {
    matches!(
        meta::str_at(pod, &["status", "phase"]),
        Some("Succeeded" | "Failed")
    )
}

pub fn is_best_effort(pod: &Value) -> bool {
    ["initContainers", "containers"].iter().all(|f| {
        pod["spec"][*f].as_array().into_iter().flatten().all(|c| {
            let r = &c["resources"];
            r["requests"].as_object().is_none_or(|m| m.is_empty())
                && r["limits"].as_object().is_none_or(|m| m.is_empty())
        })
    })
}

pub fn is_terminating(pod: &Value) -> bool {
    pod["spec"]["activeDeadlineSeconds"].as_i64().is_some()
}

/// Which of a quota's scopes an object is in; non-pods match scoped quotas never.
pub fn matches_scopes(r: &ApiResource, obj: &Value, quota: &Value) -> bool {
    let scopes: Vec<&str> = quota["spec"]["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if scopes.is_empty() {
        return true;
    }
    let is_pod = r.group.is_empty() && r.name == "pods";
    is_pod
        && scopes.iter().all(|s| match *s {
            "Terminating" => is_terminating(obj),
            "NotTerminating" => !is_terminating(obj),
            "BestEffort" => is_best_effort(obj),
            "NotBestEffort" => !is_best_effort(obj),
            _ => false,
        })
}

/// The usage of one object.
pub fn usage(r: &ApiResource, obj: &Value) -> ResourceList {
    let mut out = ResourceList::new();
    out.insert(count_name(r), one());
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => {
            if is_terminal(obj) {
                return out;
            }
            out.insert("pods".into(), one());
            let mut sum = ResourceList::new();
            for c in obj["spec"]["containers"].as_array().into_iter().flatten() {
                for (k, q) in container_usage(c) {
                    add(&mut sum, &k, &q);
                }
            }
            // An init container runs alone: the pod needs the larger of the two.
            for c in obj["spec"]["initContainers"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for (k, q) in container_usage(c) {
                    if sum.get(&k).is_none_or(|have| q.nanos() > have.nanos()) {
                        sum.insert(k, q);
                    }
                }
            }
            out.extend(sum);
        }
        ("", "services") => {
            out.insert("services".into(), one());
            let kind = meta::str_at(obj, &["spec", "type"]).unwrap_or("ClusterIP");
            let ports = obj["spec"]["ports"].as_array().map_or(0, Vec::len);
            if kind == "LoadBalancer" {
                out.insert("services.loadbalancers".into(), one());
            }
            if kind == "LoadBalancer" || kind == "NodePort" {
                let n = Quantity::parse(&ports.to_string()).unwrap_or_else(Quantity::zero);
                out.insert("services.nodeports".into(), n);
            }
        }
        ("", "persistentvolumeclaims") => {
            out.insert("persistentvolumeclaims".into(), one());
            if let Some(q) = quantity(&obj["spec"]["resources"]["requests"]["storage"]) {
                out.insert("requests.storage".into(), q);
            }
        }
        ("", name @ ("configmaps" | "secrets" | "replicationcontrollers" | "resourcequotas")) => {
            out.insert(name.to_string(), one());
        }
        _ => {}
    }
    out
}

/// The sum of usages, kept to the resources a quota limits.
pub fn total<'a>(
    usages: impl Iterator<Item = ResourceList>,
    hard: &[&'a str],
) -> BTreeMap<&'a str, Quantity> {
    let mut out: BTreeMap<&str, Quantity> = hard.iter().map(|h| (*h, Quantity::zero())).collect();
    for u in usages {
        for (k, q) in u {
            if let Some((key, have)) = out.iter_mut().find(|(h, _)| **h == k) {
                let _ = key;
                *have = have.plus(&q);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Registry;
    use serde_json::json;

    #[test]
    fn pods_count_requests_and_limits() {
        let reg = Registry::default();
        let pods = reg.resolve("pods").unwrap();
        let pod = json!({"spec": {"containers": [
            {"name": "a", "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}, "limits": {"cpu": "500m"}}},
            {"name": "b", "resources": {"requests": {"cpu": "250m"}}}]}});
        let u = usage(pods, &pod);
        let s = |k: &str| u.get(k).map(|q| q.to_string());
        assert_eq!(s("requests.cpu").as_deref(), Some("500m"));
        assert_eq!(s("cpu").as_deref(), Some("500m"));
        assert_eq!(s("limits.cpu").as_deref(), Some("500m"));
        assert_eq!(s("requests.memory").as_deref(), Some("64Mi"));
        assert_eq!(s("pods").as_deref(), Some("1"));
        assert_eq!(s("count/pods").as_deref(), Some("1"));
        let deploy = reg.resolve("deployments").unwrap();
        assert_eq!(count_name(deploy), "count/deployments.apps");
    }
}
