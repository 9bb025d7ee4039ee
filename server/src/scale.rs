//! The `scale` subresource (`deployments/scale`, `replicasets/scale`,
//! `statefulsets/scale`, `replicationcontrollers/scale`): an autoscaling/v1
//! `Scale` view of `.spec.replicas`, as `kubectl scale` reads and patches it.

use crate::http::{Reply, Req};
use crate::sim::Sim;
use kubeplay_engine::api::{meta, ApiResource, Status};
use kubeplay_engine::apiserver::patch::{self, PatchType};
use serde_json::{json, Value};

/// `metav1.FormatLabelSelector` of a selector (a map for ReplicationControllers).
pub fn selector_string(sel: Option<&Value>) -> String {
    let Some(sel) = sel else { return String::new() };
    let mut parts: Vec<String> = vec![];
    let labels = sel.get("matchLabels").unwrap_or(sel);
    if let Some(m) = labels.as_object() {
        for (k, v) in m {
            if let Some(v) = v.as_str() {
                parts.push(format!("{k}={v}"));
            }
        }
    }
    for e in sel["matchExpressions"].as_array().into_iter().flatten() {
        let key = e["key"].as_str().unwrap_or("");
        let values: Vec<&str> = e["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        parts.push(match e["operator"].as_str().unwrap_or("") {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            _ => format!("!{key}"),
        });
    }
    parts.join(",")
}

fn scale_of(obj: &Value) -> Value {
    let m = &obj["metadata"];
    let mut metadata = json!({});
    for k in [
        "name",
        "namespace",
        "uid",
        "resourceVersion",
        "creationTimestamp",
    ] {
        if let Some(v) = m.get(k) {
            metadata[k] = v.clone();
        }
    }
    let replicas = meta::at(obj, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1);
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": metadata,
        "spec": {"replicas": replicas},
        "status": {
            "replicas": meta::at(obj, &["status", "replicas"]).and_then(Value::as_i64).unwrap_or(0),
            "selector": selector_string(meta::at(obj, &["spec", "selector"])),
        },
    })
}

/// GET, PUT or PATCH of `<resource>/<name>/scale`.
pub fn handle(
    sim: &mut Sim,
    req: &Req,
    r: &ApiResource,
    ns: &str,
    name: &str,
) -> Result<Reply, Reply> {
    let status = |s: Status| Reply::status(&s);
    let current = sim.api().get(r, ns, name).map_err(status)?;
    let scale = scale_of(&current);
    let wanted = match req.method.as_str() {
        "GET" => return Ok(Reply::object(req, 200, &scale)),
        "PUT" => {
            let body = if req.content_type.starts_with(crate::protobuf::MEDIA_TYPE) {
                crate::protobuf::decode(&req.body)
            } else {
                serde_json::from_slice(&req.body).map_err(|e| e.to_string())
            };
            body.map_err(|e| Reply::status(&Status::bad_request(e)))?
        }
        "PATCH" => {
            let pt = PatchType::from_content_type(&req.content_type).ok_or_else(|| {
                Reply::status(&Status {
                    code: 415,
                    reason: "UnsupportedMediaType".into(),
                    message: format!("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got {}", req.content_type),
                    details: None,
                })
            })?;
            let body: Value = serde_json::from_slice(&req.body)
                .map_err(|e| Reply::status(&Status::bad_request(e.to_string())))?;
            patch::apply(pt, &scale, &body).map_err(|e| Reply::status(&Status::bad_request(e)))?
        }
        _ => return Err(Reply::method_not_allowed()),
    };
    let Some(replicas) = meta::at(&wanted, &["spec", "replicas"]).and_then(Value::as_i64) else {
        return Err(Reply::status(&Status::bad_request(
            "the Scale has no spec.replicas",
        )));
    };
    let want_rv = meta::str_at(&wanted, &["metadata", "resourceVersion"]).unwrap_or("");
    let have_rv = meta::str_at(&current, &["metadata", "resourceVersion"]).unwrap_or("");
    if req.method == "PUT" && !want_rv.is_empty() && want_rv != have_rv {
        return Err(status(Status::conflict(
            r,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )));
    }
    let mut new = current.clone();
    new["spec"]["replicas"] = json!(replicas);
    let dry = req.param("dryRun") == Some("All");
    let updated = if dry {
        let mut scratch = sim.api().clone();
        scratch.update(r, ns, new)
    } else {
        sim.api_mut().update(r, ns, new)
    }
    .map_err(status)?;
    Ok(Reply::object(req, 200, &scale_of(&updated)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_print_as_label_selector_strings() {
        let sel = json!({"matchLabels": {"app": "web", "tier": "fe"},
                         "matchExpressions": [{"key": "env", "operator": "In", "values": ["a", "b"]}]});
        assert_eq!(selector_string(Some(&sel)), "app=web,tier=fe,env in (a,b)");
        assert_eq!(selector_string(Some(&json!({"app": "rc"}))), "app=rc");
    }
}
