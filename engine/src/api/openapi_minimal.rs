//! Minimal OpenAPI v3 documents, for group/versions without an upstream
//! document (kinds added at run time): enough for kubectl's `create`/`apply`
//! to find that the server validates fields itself (`fieldValidation` on
//! each kind's PATCH operation), with no schemas.

use super::discovery::resources_in;
use super::{ApiResource, Registry};
use serde_json::{json, Map, Value};

pub const TITLE: &str = "Kubernetes";
pub const VERSION: &str = "v1.33.1";

/// `api/v1` or `apis/{g}/{v}`.
pub fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

fn item_path(r: &ApiResource) -> String {
    let base = gv_path(&r.group, &r.version);
    if r.namespaced {
        format!("/{base}/namespaces/{{namespace}}/{}/{{name}}", r.name)
    } else {
        format!("/{base}/{}/{{name}}", r.name)
    }
}

/// `/openapi/v3/<api/v1 | apis/g/v>`: one PATCH operation per kind.
pub fn v3_group_version(reg: &Registry, gv: &str) -> Option<Value> {
    let (group, version) = match gv.strip_prefix("api/") {
        Some(v) => ("", v),
        None => gv.strip_prefix("apis/")?.split_once('/')?,
    };
    if !reg.serves_group_version(group, version) {
        return None;
    }
    let mut paths = Map::new();
    for r in resources_in(reg, group, version) {
        if !r.has_verb("patch") {
            continue;
        }
        let op = json!({
            "x-kubernetes-group-version-kind": {"group": r.group, "version": r.version, "kind": r.kind},
            "x-kubernetes-action": "patch",
            "parameters": [
                {"name": "dryRun", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                {"name": "fieldManager", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
            ],
            "responses": {"200": {"description": "OK"}},
        });
        paths.insert(item_path(&r), json!({ "patch": op }));
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": TITLE, "version": VERSION},
        "paths": paths,
        "components": {"schemas": Value::Object(Map::new())},
    }))
}
