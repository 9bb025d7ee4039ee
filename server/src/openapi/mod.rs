//! `/openapi/v2` and `/openapi/v3`: the v1.33 API server's own documents
//! (every built-in kind's schema, with descriptions), so `kubectl explain`
//! prints what it prints against a real cluster, and the schemas the server
//! checks `fieldValidation` against ([`crate::fields`]). Group/versions with
//! no upstream document get a minimal one ([`minimal`]).

mod data;
pub mod minimal;

use crate::http::{parse_accept, Reply, Req};
use kubeplay_engine::api::Registry;
use serde_json::{json, Map, Value};

pub use data::documents;

/// `/openapi/v2`: swagger.json; a client asking for gnostic protobuf gets the
/// minimal document in that form.
pub fn v2(req: &Req) -> Reply {
    let wants_pb = parse_accept(&req.accept).iter().any(|m| {
        m.essence
            .starts_with("application/com.github.proto-openapi.spec.v2")
    });
    if wants_pb {
        return Reply::raw(
            200,
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
            minimal::v2_protobuf(),
        );
    }
    Reply::raw(200, "application/json", documents().v2.clone())
}

/// `/openapi/v3`: where each served group/version's document is.
pub fn v3_root(reg: &Registry) -> Reply {
    let mut paths = Map::new();
    for (g, vs) in reg.group_versions() {
        for v in vs {
            let p = minimal::gv_path(g, v);
            let hash = match documents().v3.get(&p) {
                Some(doc) => data::hash(doc),
                None => data::hash(p.as_bytes()),
            };
            paths.insert(
                p.clone(),
                json!({"serverRelativeURL": format!("/openapi/v3/{p}?hash={hash}")}),
            );
        }
    }
    Reply::json(200, &json!({ "paths": Value::Object(paths) }))
}

/// `/openapi/v3/<api/v1 | apis/g/v>`.
pub fn v3_group_version(reg: &Registry, gv: &str) -> Option<Reply> {
    let (group, version) = match gv.strip_prefix("api/") {
        Some(v) => ("", v),
        None => gv.strip_prefix("apis/")?.split_once('/')?,
    };
    if !reg.serves_group_version(group, version) {
        return None;
    }
    match documents().v3.get(gv) {
        Some(doc) => Some(Reply::raw(200, "application/json", doc.clone())),
        None => minimal::v3_group_version(reg, gv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_served_group_version_has_its_upstream_document() {
        let reg = Registry::default();
        for (g, vs) in reg.group_versions() {
            for v in vs {
                let p = minimal::gv_path(g, v);
                assert!(documents().v3.contains_key(&p), "{p}");
            }
        }
        let pod = &documents().schemas["io.k8s.api.core.v1.Pod"];
        assert_eq!(
            pod["x-kubernetes-group-version-kind"][0]["kind"],
            json!("Pod")
        );
    }
}
