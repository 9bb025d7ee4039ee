//! `POST pods/{name}/eviction` (policy/v1 Eviction), as `kubectl drain` uses
//! it: the pod is deleted unless a PodDisruptionBudget forbids it, with the
//! checks and texts of pkg/registry/core/pod/storage/eviction.go.

use crate::http::{Reply, Req};
use crate::sim::Sim;
use kubeplay_engine::api::selector::Selector;
use kubeplay_engine::api::{meta, ApiResource, Status};
use kubeplay_engine::apiserver::WriteOptions;
use serde_json::{json, Value};

fn too_many_requests(retry_after: i64, cause: String) -> Reply {
    let mut v = json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "Cannot evict pod as it would violate the pod's disruption budget.",
        "reason": "TooManyRequests",
        "details": {"causes": [{"reason": "DisruptionBudget", "message": cause}]},
        "code": 429,
    });
    if retry_after > 0 {
        v["details"]["retryAfterSeconds"] = json!(retry_after);
    }
    Reply::json(429, &v)
}

/// Terminal, pending and terminating pods are deleted without asking any budget.
fn can_ignore_pdb(pod: &Value) -> bool {
    let phase = meta::str_at(pod, &["status", "phase"]).unwrap_or("");
    matches!(phase, "Succeeded" | "Failed" | "Pending")
        || meta::at(pod, &["metadata", "deletionTimestamp"]).is_some()
}

fn matching_budgets(sim: &Sim, ns: &str, pod: &Value) -> Vec<Value> {
    let Some(pdbs) = sim
        .api()
        .registry()
        .resolve("poddisruptionbudgets.policy")
        .cloned()
    else {
        return vec![];
    };
    let labels = meta::labels(pod);
    sim.api()
        .list(&pdbs, Some(ns), &Default::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|pdb| {
            let sel = meta::at(pdb, &["spec", "selector"]);
            let text = crate::scale::selector_string(sel);
            // policy/v1: a missing selector matches nothing, `{}` every pod.
            sel.is_some() && Selector::parse(&text).is_ok_and(|s| s.matches(&labels))
        })
        .collect()
}

pub fn create(
    sim: &mut Sim,
    req: &Req,
    pods: &ApiResource,
    ns: &str,
    name: &str,
) -> Result<Reply, Reply> {
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    let eviction: Value = if ct == crate::protobuf::MEDIA_TYPE {
        crate::protobuf::decode(&req.body)
    } else {
        serde_json::from_slice(&req.body).map_err(|e| e.to_string())
    }
    .map_err(|e| Reply::status(&Status::bad_request(e)))?;
    if meta::name(&eviction) != name {
        return Err(Reply::status(&Status::bad_request(
            "name in URL does not match name in Eviction object",
        )));
    }
    let options = eviction.get("deleteOptions").cloned().unwrap_or(json!({}));
    let dry_run = req.param("dryRun") == Some("All")
        || options["dryRun"]
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v == "All"));
    let pod = sim
        .api()
        .get(pods, ns, name)
        .map_err(|s| Reply::status(&s))?;
    if !can_ignore_pdb(&pod) {
        let budgets = matching_budgets(sim, ns, &pod);
        if budgets.len() > 1 {
            return Err(Reply::status(&Status::internal(
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
            )));
        }
        if let Some(pdb) = budgets.first() {
            let pdb_name = meta::name(pdb);
            let observed = meta::at(pdb, &["status", "observedGeneration"])
                .and_then(Value::as_i64)
                .unwrap_or(0);
            let generation = meta::at(pdb, &["metadata", "generation"])
                .and_then(Value::as_i64)
                .unwrap_or(0);
            if observed < generation {
                return Err(too_many_requests(
                    10,
                    format!(
                        "The disruption budget {pdb_name} is still being processed by the server."
                    ),
                ));
            }
            let status = |k: &str| {
                meta::at(pdb, &["status", k])
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
            };
            if status("disruptionsAllowed") == 0 {
                return Err(too_many_requests(
                    0,
                    format!(
                        "The disruption budget {pdb_name} needs {} healthy pods and has {} currently",
                        status("desiredHealthy"),
                        status("currentHealthy")
                    ),
                ));
            }
        }
    }
    let opts = WriteOptions {
        dry_run,
        grace_period: options["gracePeriodSeconds"].as_i64(),
        ..Default::default()
    };
    sim.api_mut()
        .delete(pods, ns, name, &opts)
        .map_err(|s| Reply::status(&s))?;
    Ok(Reply::json(
        201,
        &json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success"}),
    ))
}
