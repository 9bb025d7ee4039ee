//! `POST pods/{name}/eviction` (policy/v1 Eviction), as `kubectl drain` uses
//! it: the request is decoded here; the engine's `ApiServer::evict` checks
//! the PodDisruptionBudgets and deletes the pod.

use crate::http::{Reply, Req};
use crate::sim::Sim;
use kubeplay_engine::api::{meta, ApiResource, Status};
use kubeplay_engine::apiserver::WriteOptions;
use serde_json::{json, Value};

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
    sim.api()
        .get(pods, ns, name)
        .map_err(|s| Reply::status(&s))?;
    let opts = WriteOptions {
        dry_run,
        grace_period: options["gracePeriodSeconds"].as_i64(),
        ..Default::default()
    };
    sim.api_mut()
        .evict(ns, name, &opts)
        .map_err(|e| Reply::json(e.code(), &e.to_json()))?;
    Ok(Reply::json(
        201,
        &json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success"}),
    ))
}
