//! ResourceQuota admission (`apiserver/pkg/admission/plugin/resourcequota`):
//! a create in a namespace with quotas must fit every quota that matches it —
//! pods must name the compute resources a quota limits, and usage plus the
//! request may not pass `hard`.

use super::super::quota_usage::{self, ResourceList};
use crate::api::quantity::Quantity;
use crate::api::registry::ApiResource;
use crate::api::Status;
use crate::apiserver::ApiServer;
use serde_json::Value;

/// Compute resources every container must set when a quota limits them.
const VALIDATION_SET: &[&str] = &[
    "cpu",
    "limits.cpu",
    "limits.memory",
    "memory",
    "requests.cpu",
    "requests.memory",
];

/// The quota names a resource's evaluator can charge (`MatchingResources`).
fn matching(r: &ApiResource, name: &str) -> bool {
    if name == quota_usage::count_name(r) {
        return true;
    }
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => {
            matches!(name, "pods" | "cpu" | "memory" | "ephemeral-storage")
                || name.starts_with("requests.") && name != "requests.storage"
                || name.starts_with("limits.")
        }
        ("", "services") => name == "services" || name.starts_with("services."),
        ("", "persistentvolumeclaims") => {
            name == "persistentvolumeclaims" || name == "requests.storage"
        }
        ("", n @ ("configmaps" | "secrets" | "replicationcontrollers" | "resourcequotas")) => {
            name == n
        }
        _ => false,
    }
}

fn list_of(v: &Value) -> ResourceList {
    v.as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), Quantity::parse(v.as_str()?)?)))
                .collect()
        })
        .unwrap_or_default()
}

fn pretty(list: &ResourceList) -> String {
    list.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// `podEvaluator.Constraints`: containers missing a limited compute resource.
fn missing(obj: &Value, required: &[String]) -> Option<String> {
    let mut by_resource: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for field in ["containers", "initContainers"] {
        for c in obj["spec"][field].as_array().into_iter().flatten() {
            let res = &c["resources"];
            let has = |name: &str| match name.split_once('.') {
                Some((kind, n)) => res[kind].get(n).is_some(),
                None => res["requests"].get(name).is_some(),
            };
            for r in required {
                if !has(r) {
                    let names = by_resource.entry(r.clone()).or_default();
                    let name = c["name"].as_str().unwrap_or("").to_string();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
    }
    (!by_resource.is_empty()).then(|| {
        let parts: Vec<String> = by_resource
            .into_iter()
            .map(|(r, mut names)| {
                names.sort();
                format!("{r} for: {}", names.join(","))
            })
            .collect();
        format!("must specify {}", parts.join("; "))
    })
}

pub fn admit(api: &ApiServer, r: &ApiResource, namespace: &str, obj: &Value) -> Result<(), Status> {
    if !r.namespaced {
        return Ok(());
    }
    let quotas = super::list(api, "", "resourcequotas", Some(namespace));
    if quotas.is_empty() {
        return Ok(());
    }
    let is_pod = r.group.is_empty() && r.name == "pods";
    let mut interesting = vec![];
    for q in &quotas {
        if !quota_usage::matches_scopes(r, obj, q) {
            continue;
        }
        let name = q["metadata"]["name"].as_str().unwrap_or("");
        let hard = list_of(&q["status"]["hard"]);
        let spec_hard = list_of(&q["spec"]["hard"]);
        let restricted: Vec<String> = spec_hard
            .keys()
            .chain(hard.keys())
            .filter(|k| matching(r, k))
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if restricted.is_empty() {
            continue;
        }
        if is_pod {
            let required: Vec<String> = restricted
                .iter()
                .filter(|k| VALIDATION_SET.contains(&k.as_str()))
                .cloned()
                .collect();
            if let Some(msg) = missing(obj, &required) {
                return Err(super::forbidden(
                    r,
                    obj,
                    &format!("failed quota: {name}: {msg}"),
                ));
            }
        }
        let used = list_of(&q["status"]["used"]);
        if !restricted
            .iter()
            .all(|k| hard.contains_key(k) && used.contains_key(k))
        {
            return Err(super::forbidden(
                r,
                obj,
                &format!(
                    "status unknown for quota: {name}, resources: {}",
                    restricted.join(",")
                ),
            ));
        }
        interesting.push((name.to_string(), hard, used));
    }
    let usage = quota_usage::usage(r, obj);
    for (name, hard, used) in interesting {
        let requested: ResourceList = usage
            .iter()
            .filter(|(k, q)| hard.contains_key(*k) && !q.is_zero())
            .map(|(k, q)| (k.clone(), q.clone()))
            .collect();
        let exceeded: Vec<&String> = requested
            .iter()
            .filter(|(k, q)| {
                let now = used.get(*k).map_or_else(|| (*q).clone(), |u| u.plus(q));
                hard.get(*k).is_some_and(|h| now.nanos() > h.nanos())
            })
            .map(|(k, _)| k)
            .collect();
        if exceeded.is_empty() {
            continue;
        }
        let mask = |l: &ResourceList| -> ResourceList {
            l.iter()
                .filter(|(k, _)| exceeded.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        return Err(super::forbidden(
            r,
            obj,
            &format!(
                "exceeded quota: {name}, requested: {}, used: {}, limited: {}",
                pretty(&mask(&requested)),
                pretty(&mask(&used)),
                pretty(&mask(&hard))
            ),
        ));
    }
    Ok(())
}
