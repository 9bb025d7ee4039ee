//! Server-side printing: `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
//! gets a `meta.k8s.io` Table whose rows carry PartialObjectMetadata (or the
//! whole object, or nothing, per `includeObject`).

use crate::http::{wanted_conversion, Req};
use crate::sim::Sim;
use kubeplay_engine::api::{meta, ApiResource};
use serde_json::{json, Value};

/// `("Table" | "PartialObjectMetadata" | "PartialObjectMetadataList", version)`
/// when the client asks for a conversion the server gives.
pub fn wanted_any(req: &Req) -> Option<(String, String)> {
    let kinds = [
        "Table",
        "PartialObjectMetadata",
        "PartialObjectMetadataList",
    ];
    wanted_conversion(&req.accept, "meta.k8s.io", &kinds)
        .filter(|(_, v)| v == "v1" || v == "v1beta1")
}

/// A Table conversion the client asks for, with its version.
pub fn wanted(req: &Req) -> Option<(String, String)> {
    wanted_any(req).filter(|(k, _)| k == "Table")
}

/// The media type a converted response is sent as.
pub fn content_type(kind: &str, version: &str) -> String {
    format!("application/json;as={kind};v={version};g=meta.k8s.io")
}

/// The Table of some objects.
pub fn render(
    sim: &Sim,
    r: &ApiResource,
    objs: &[&Value],
    rv: &str,
    version: &str,
    include: &str,
) -> Value {
    let mut t = sim.api().table(r, objs).into_json(rv);
    let api_version = json!(format!("meta.k8s.io/{version}"));
    t["apiVersion"] = api_version.clone();
    if let Some(rows) = t["rows"].as_array_mut() {
        for (row, obj) in rows.iter_mut().zip(objs) {
            match include {
                "Object" => row["object"] = (*obj).clone(),
                "None" => {
                    if let Some(m) = row.as_object_mut() {
                        m.remove("object");
                    }
                }
                _ => row["object"]["apiVersion"] = api_version.clone(),
            }
        }
    }
    t
}

/// The Table of one object (a GET by name, a watch event).
pub fn single(sim: &Sim, r: &ApiResource, obj: &Value, version: &str, include: &str) -> Value {
    let rv = meta::str_at(obj, &["metadata", "resourceVersion"]).unwrap_or("");
    render(sim, r, &[obj], rv, version, include)
}

/// `PartialObjectMetadata` of one object.
pub fn partial(obj: &Value, version: &str) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": format!("meta.k8s.io/{version}"),
        "metadata": obj.get("metadata").cloned().unwrap_or(json!({})),
    })
}
