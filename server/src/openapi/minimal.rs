//! Minimal OpenAPI documents, for group/versions without an upstream document
//! (kinds added at run time): enough for kubectl's `create`/`apply` to find
//! that the server validates fields itself (`fieldValidation` on each kind's
//! PATCH operation), with no schemas. The v2 protobuf form is always this one.

use crate::discovery::resources_in;
use crate::http::Reply;
use kubeplay_engine::api::{ApiResource, Registry};
use serde_json::{json, Map, Value};

const TITLE: &str = "Kubernetes";
const VERSION: &str = "v1.33.1";

/// gnostic's `openapi_v2.Document{swagger: "2.0", info: {title, version}}` in protobuf.
pub fn v2_protobuf() -> Vec<u8> {
    fn field(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
        out.push(tag << 3 | 2);
        out.push(bytes.len() as u8);
        out.extend_from_slice(bytes);
    }
    let mut info = vec![];
    field(&mut info, 1, TITLE.as_bytes());
    field(&mut info, 2, VERSION.as_bytes());
    let mut doc = vec![];
    field(&mut doc, 1, b"2.0");
    field(&mut doc, 2, &info);
    doc
}

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
pub fn v3_group_version(reg: &Registry, gv: &str) -> Option<Reply> {
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
    let doc = json!({
        "openapi": "3.0.0",
        "info": {"title": TITLE, "version": VERSION},
        "paths": paths,
        "components": {"schemas": Value::Object(Map::new())},
    });
    Some(Reply::json(200, &doc))
}

#[cfg(test)]
mod tests {
    #[test]
    fn v2_protobuf_is_a_document_with_swagger_and_info() {
        let pb = super::v2_protobuf();
        assert_eq!(&pb[..5], &[0x0a, 3, b'2', b'.', b'0']);
        assert_eq!(pb[5], 0x12);
        assert_eq!(pb[6] as usize, pb.len() - 7);
    }
}
