//! The v1.33 API server's own OpenAPI documents (`data/openapi.json.gz`,
//! written by `scripts/openapi_data.py` from kubernetes' api/openapi-spec),
//! unpacked on first use.

use flate2::read::GzDecoder;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::OnceLock;

const PACKED: &[u8] = include_bytes!("../../data/openapi.json.gz");

pub struct Documents {
    /// swagger.json, compact.
    pub v2: Vec<u8>,
    /// `api/v1`, `apis/apps/v1`, ... → the document, compact.
    pub v3: BTreeMap<String, Vec<u8>>,
    /// Every `components.schemas` entry of every v3 document.
    pub schemas: serde_json::Map<String, Value>,
    /// `(group, version, kind)` → the name of its schema.
    pub by_kind: HashMap<(String, String, String), String>,
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
        schemas: serde_json::Map::new(),
        by_kind: HashMap::new(),
    };
    if let Some(v3) = parsed["v3"].as_object() {
        for (gv, doc) in v3 {
            docs.v3
                .insert(gv.clone(), serde_json::to_vec(doc).unwrap_or_default());
            if let Some(s) = doc["components"]["schemas"].as_object() {
                for (k, v) in s {
                    docs.schemas.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
    }
    for (name, s) in &docs.schemas {
        for gvk in s["x-kubernetes-group-version-kind"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let part = |k: &str| gvk[k].as_str().unwrap_or("").to_string();
            docs.by_kind
                .insert((part("group"), part("version"), part("kind")), name.clone());
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
pub fn hash(b: &[u8]) -> String {
    let h = b.iter().fold(0xcbf29ce484222325u64, |h, x| {
        (h ^ u64::from(*x)).wrapping_mul(0x100000001b3)
    });
    format!("{h:016X}")
}
