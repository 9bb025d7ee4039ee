//! The v1.33 API server's own OpenAPI documents (`data/openapi.json.gz`,
//! written by `server/scripts/openapi_data.py` from kubernetes'
//! api/openapi-spec), unpacked on first use: `/openapi/v2` and
//! `/openapi/v3` for `kubeplay serve` and `kubectl get --raw`. Built only
//! with the `openapi-documents` feature (0.8 MB: the server and the CLI
//! have it, the browser bundle does not).

use super::openapi_minimal::{gv_path, v3_group_version as minimal_v3};
use super::Registry;
use flate2::read::GzDecoder;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

const PACKED: &[u8] = include_bytes!("../../data/openapi.json.gz");

pub struct Documents {
    /// swagger.json, compact.
    pub v2: Vec<u8>,
    /// `api/v1`, `apis/apps/v1`, ... → the document, compact.
    pub v3: BTreeMap<String, Vec<u8>>,
}

fn unpack() -> Documents {
    let mut text = Vec::new();
    let parsed: Value = match GzDecoder::new(PACKED).read_to_end(&mut text) {
        Ok(_) => serde_json::from_slice(&text).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    let mut docs = Documents {
        v2: serde_json::to_vec(&parsed["v2"]).unwrap_or_default(),
        v3: BTreeMap::new(),
    };
    if let Some(v3) = parsed["v3"].as_object() {
        for (gv, doc) in v3 {
            docs.v3
                .insert(gv.clone(), serde_json::to_vec(doc).unwrap_or_default());
        }
    }
    docs
}

pub fn documents() -> &'static Documents {
    static DOCS: OnceLock<Documents> = OnceLock::new();
    DOCS.get_or_init(unpack)
}

/// A short, stable hash of a document, for `?hash=` in the v3 root (clients
/// only compare it; upstream uses SHA-512).
fn hash(b: &[u8]) -> String {
    let h = b.iter().fold(0xcbf29ce484222325u64, |h, x| {
        (h ^ u64::from(*x)).wrapping_mul(0x100000001b3)
    });
    format!("{h:016X}")
}

/// `/openapi/v3`: where each served group/version's document is.
pub fn v3_root(reg: &Registry) -> Value {
    let mut paths = Map::new();
    for (g, vs) in reg.group_versions() {
        for v in vs {
            let p = gv_path(g, v);
            let hash = match documents().v3.get(&p) {
                Some(doc) => hash(doc),
                None => hash(p.as_bytes()),
            };
            paths.insert(
                p.clone(),
                json!({"serverRelativeURL": format!("/openapi/v3/{p}?hash={hash}")}),
            );
        }
    }
    json!({ "paths": Value::Object(paths) })
}

/// `/openapi/v3/<api/v1 | apis/g/v>`: the upstream document, else a minimal
/// one for a group/version added at run time; None when it is not served.
pub fn v3_document(reg: &Registry, gv: &str) -> Option<Vec<u8>> {
    let (group, version) = match gv.strip_prefix("api/") {
        Some(v) => ("", v),
        None => gv.strip_prefix("apis/")?.split_once('/')?,
    };
    if !reg.serves_group_version(group, version) {
        return None;
    }
    match documents().v3.get(gv) {
        Some(doc) => Some(doc.clone()),
        None => minimal_v3(reg, gv).map(|v| serde_json::to_vec(&v).unwrap_or_default()),
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
                let p = gv_path(g, v);
                assert!(documents().v3.contains_key(&p), "{p}");
            }
        }
        assert!(documents().v2.starts_with(b"{"));
    }
}
