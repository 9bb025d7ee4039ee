//! The v1.33 API server's OpenAPI v3 schemas (`data/openapi-schemas.json.gz`,
//! written by `scripts/engine_schemas.py`), unpacked on first use: what field
//! validation and `kubectl explain` know about every built-in kind.

use flate2::read::GzDecoder;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

const PACKED: &[u8] = include_bytes!("../../data/openapi-schemas.json.gz");

pub struct Schemas {
    /// `io.k8s.api.core.v1.Pod` → its schema.
    pub by_name: Map<String, Value>,
    /// `(group, version, kind)` → the name of its schema.
    by_kind: HashMap<(String, String, String), String>,
}

fn unpack() -> Schemas {
    let mut text = Vec::new();
    let by_name = match GzDecoder::new(PACKED).read_to_end(&mut text) {
        Ok(_) => serde_json::from_slice(&text).unwrap_or_default(),
        Err(_) => Map::new(),
    };
    let mut by_kind = HashMap::new();
    for (name, s) in &by_name {
        for gvk in s["x-kubernetes-group-version-kind"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let part = |k: &str| gvk[k].as_str().unwrap_or("").to_string();
            by_kind.insert((part("group"), part("version"), part("kind")), name.clone());
        }
    }
    Schemas { by_name, by_kind }
}

pub fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(unpack)
}

impl Schemas {
    /// The name of a kind's schema (`io.k8s.api.apps.v1.Deployment`).
    pub fn name_of(&self, group: &str, version: &str, kind: &str) -> Option<&str> {
        self.by_kind
            .get(&(group.to_string(), version.to_string(), kind.to_string()))
            .map(String::as_str)
    }

    /// A kind's schema.
    pub fn of_kind(&self, group: &str, version: &str, kind: &str) -> Option<&Value> {
        self.name_of(group, version, kind)
            .and_then(|n| self.by_name.get(n))
    }

    /// Follows `$ref` and single-entry `allOf` wrappers to the schema itself.
    pub fn resolve<'a>(&'a self, mut s: &'a Value) -> &'a Value {
        for _ in 0..8 {
            match self.ref_name(s).and_then(|n| self.by_name.get(n)) {
                Some(next) => s = next,
                None => break,
            }
        }
        s
    }

    /// The schema name a `$ref` (or `allOf: [{$ref}]`) points at.
    pub fn ref_name<'a>(&self, s: &'a Value) -> Option<&'a str> {
        s["$ref"]
            .as_str()
            .or_else(|| s["allOf"][0]["$ref"].as_str())
            .and_then(|t| t.rsplit('/').next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_kind_has_a_schema() {
        let s = schemas();
        for (g, v, k) in [
            ("", "v1", "Pod"),
            ("apps", "v1", "Deployment"),
            ("batch", "v1", "CronJob"),
        ] {
            assert!(s.of_kind(g, v, k).is_some(), "{k}");
        }
        let pod = s.of_kind("", "v1", "Pod").unwrap();
        let spec = s.resolve(&pod["properties"]["spec"]);
        assert!(spec["properties"]["containers"].is_object());
    }
}
