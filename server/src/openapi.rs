//! Minimal OpenAPI documents: enough for kubectl's `create`/`apply` to find
//! that the server validates fields itself (`fieldValidation` on each kind's
//! PATCH operation), with no schemas. kubectl then needs no client-side
//! schema and falls back to its built-in types where it wants patch metadata.

use crate::discovery::resources_in;
use crate::http::{parse_accept, Reply, Req};
use kubeplay_engine::api::{ApiResource, Registry};
use serde_json::{json, Map, Value};

const TITLE: &str = "Kubernetes";
const VERSION: &str = "v1.33.1";
/// Fixed: the documents never change while a server runs.
const HASH: &str = "9F6C2B1D0A7E4C53";

/// `/openapi/v2`: protobuf when asked (client-go asks for it), else JSON.
pub fn v2(req: &Req) -> Reply {
    let wants_pb = parse_accept(&req.accept).iter().any(|m| {
        m.essence
            .starts_with("application/com.github.proto-openapi.spec.v2")
    });
    if wants_pb {
        return Reply::raw(
            200,
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
            v2_protobuf(),
        );
    }
    Reply::json(
        200,
        &json!({"swagger": "2.0", "info": {"title": TITLE, "version": VERSION}, "paths": {}, "definitions": {}}),
    )
}

/// gnostic's `openapi_v2.Document{swagger: "2.0", info: {title, version}}` in protobuf.
fn v2_protobuf() -> Vec<u8> {
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

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

/// `/openapi/v3`: where each group/version's document is.
pub fn v3_root(reg: &Registry) -> Reply {
    let mut paths = Map::new();
    for (g, vs) in reg.group_versions() {
        for v in vs {
            let p = gv_path(g, v);
            paths.insert(
                p.clone(),
                json!({"serverRelativeURL": format!("/openapi/v3/{p}?hash={HASH}")}),
            );
        }
    }
    Reply::json(200, &json!({ "paths": paths }))
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
