//! `/openapi/v2` and `/openapi/v3`: the v1.33 API server's own documents
//! (every built-in kind's schema, with descriptions; the engine's
//! `api::openapi_docs`), so `kubectl explain` prints what it prints against
//! a real cluster. Group/versions with no upstream document get a minimal one.

pub mod minimal;

use crate::http::{parse_accept, Reply, Req};
use kubeplay_engine::api::openapi_docs;
use kubeplay_engine::api::Registry;

pub use openapi_docs::documents;

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
    Reply::json(200, &openapi_docs::v3_root(reg))
}

/// `/openapi/v3/<api/v1 | apis/g/v>`.
pub fn v3_group_version(reg: &Registry, gv: &str) -> Option<Reply> {
    openapi_docs::v3_document(reg, gv).map(|doc| Reply::raw(200, "application/json", doc))
}
