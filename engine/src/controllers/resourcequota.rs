//! The resourcequota controller: every ResourceQuota's `status.hard` follows
//! its spec and `status.used` sums what the matching objects in its
//! namespace use.

use crate::api::{meta, Registry};
use crate::apiserver::quota_usage;
use crate::apiserver::{ApiServer, ListOptions};
use serde_json::{json, Map, Value};

/// The resources a quota name is charged by.
fn resources_for(name: &str) -> Vec<String> {
    if let Some(r) = name.strip_prefix("count/") {
        return vec![r.to_string()];
    }
    let r = match name {
        "pods" | "cpu" | "memory" | "ephemeral-storage" => "pods",
        n if (n.starts_with("requests.") && n != "requests.storage")
            || n.starts_with("limits.") =>
        {
            "pods"
        }
        n if n == "services" || n.starts_with("services.") => "services",
        "persistentvolumeclaims" | "requests.storage" => "persistentvolumeclaims",
        n @ ("configmaps" | "secrets" | "replicationcontrollers" | "resourcequotas") => n,
        _ => return vec![],
    };
    vec![r.to_string()]
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(rq) = api.registry().resolve("resourcequotas").cloned() else {
        return;
    };
    let quotas = api
        .list(&rq, None, &ListOptions::default())
        .unwrap_or_default();
    if quotas.is_empty() {
        return;
    }
    let reg = Registry::default();
    for quota in quotas {
        let ns = meta::namespace(&quota).to_string();
        let hard: Map<String, Value> = quota["spec"]["hard"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            json!(crate::api::quantity::canonical(v.as_str().unwrap_or(""))),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let keys: Vec<&str> = hard.keys().map(String::as_str).collect();
        let mut resources: Vec<String> = keys.iter().flat_map(|k| resources_for(k)).collect();
        resources.sort();
        resources.dedup();
        let mut usages = vec![];
        for res in resources {
            let Some(r) = reg.resolve(&res).cloned() else {
                continue;
            };
            for obj in api
                .list(&r, Some(&ns), &ListOptions::default())
                .unwrap_or_default()
            {
                if quota_usage::matches_scopes(&r, &obj, &quota) {
                    usages.push(quota_usage::usage(&r, &obj));
                }
            }
        }
        let used: Map<String, Value> = quota_usage::total(usages.into_iter(), &keys)
            .into_iter()
            .map(|(k, q)| (k.to_string(), json!(q.to_string())))
            .collect();
        let status = json!({"hard": hard, "used": used});
        if quota.get("status") == Some(&status) {
            continue;
        }
        let mut next = quota.clone();
        next["status"] = status;
        let _ = api.update(&rq, &ns, next);
    }
}
