//! CustomResourceDefinitions (apiextensions-apiserver v1.33): the CRD's own
//! strategy (defaults, status, validation) and what serving its resource means
//! for the API server — the registry entry, and the decode/strategy steps of
//! custom resources (pruning, schema defaults, status subresource, generation,
//! schema validation). The naming, establishing and finalizing controllers
//! live in `controllers/crd.rs`.

pub mod schema;
pub mod validation;

use crate::api::meta;
use crate::api::registry::{version_priority, ApiResource};
use crate::api::validation::{object_meta, NameRule};
use crate::api::FieldError;
use serde_json::{json, Value};

/// The finalizer a CRD carries while its custom resources are deleted.
pub const CLEANUP_FINALIZER: &str = "customresourcecleanup.apiextensions.k8s.io";

pub fn is_crd(r: &ApiResource) -> bool {
    r.group == "apiextensions.k8s.io" && r.name == "customresourcedefinitions"
}

/// `SetDefaults_CustomResourceDefinitionSpec`: singular and listKind from the
/// kind, conversion strategy `None`.
pub fn defaults(crd: &mut Value) {
    let Some(spec) = crd.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(names) = spec.get_mut("names").and_then(Value::as_object_mut) {
        let kind = names
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let empty = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").is_empty();
        if empty(names.get("singular")) {
            names.insert("singular".into(), json!(kind.to_lowercase()));
        }
        if empty(names.get("listKind")) && !kind.is_empty() {
            names.insert("listKind".into(), json!(format!("{kind}List")));
        }
    }
    if !spec.get("conversion").is_some_and(Value::is_object) {
        spec.insert("conversion".into(), json!({"strategy": "None"}));
    }
}

fn storage_version(crd: &Value) -> Option<String> {
    meta::at(crd, &["spec", "versions"])
        .and_then(Value::as_array)?
        .iter()
        .find(|v| v.get("storage").and_then(Value::as_bool) == Some(true))
        .and_then(|v| v.get("name").and_then(Value::as_str).map(String::from))
}

/// `PrepareForCreate`: a fresh status (empty accepted names, the storage
/// version stored) and generation 1.
pub fn prepare_for_create(crd: &mut Value) {
    meta::metadata_mut(crd).insert("generation".into(), json!(1));
    let stored: Vec<String> = storage_version(crd).into_iter().collect();
    crd["status"] = json!({
        "acceptedNames": {"kind": "", "plural": ""},
        "storedVersions": stored,
    });
}

/// `PrepareForUpdate`: status is kept, generation moves with the spec, a new
/// storage version is added to storedVersions.
pub fn prepare_for_update(crd: &mut Value, old: &Value) {
    crd["status"] = old.get("status").cloned().unwrap_or(json!({}));
    let generation = meta::at(old, &["metadata", "generation"])
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let bumped = if crd.get("spec") != old.get("spec") {
        generation + 1
    } else {
        generation
    };
    meta::metadata_mut(crd).insert("generation".into(), json!(bumped));
    if let Some(v) = storage_version(crd) {
        if let Some(stored) = crd["status"]
            .as_object_mut()
            .map(|s| s.entry("storedVersions").or_insert_with(|| json!([])))
            .and_then(Value::as_array_mut)
        {
            if !stored.iter().any(|s| s.as_str() == Some(v.as_str())) {
                stored.push(json!(v));
            }
        }
    }
}

/// The served versions of a CRD, preferred (kube-aware highest) first.
pub fn served_versions(crd: &Value) -> Vec<String> {
    let mut vs: Vec<String> = meta::at(crd, &["spec", "versions"])
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|v| v.get("served").and_then(Value::as_bool) == Some(true))
                .filter_map(|v| v.get("name").and_then(Value::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default();
    vs.sort_by(|a, b| version_priority(a).cmp(&version_priority(b)).then(a.cmp(b)));
    vs
}

/// The version entry of a CRD by name.
pub fn version<'a>(crd: &'a Value, name: &str) -> Option<&'a Value> {
    meta::at(crd, &["spec", "versions"])
        .and_then(Value::as_array)?
        .iter()
        .find(|v| v.get("name").and_then(Value::as_str) == Some(name))
}

/// The resource an established CRD serves (from its accepted names).
pub fn served_resource(crd: &Value) -> Option<ApiResource> {
    let names = meta::at(crd, &["status", "acceptedNames"])?;
    let s = |k: &str| {
        names
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let list = |k: &str| -> Vec<String> {
        names
            .get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    if s("plural").is_empty() || s("kind").is_empty() {
        return None;
    }
    let preferred = served_versions(crd).into_iter().next()?;
    let subresources = version(crd, &preferred)
        .and_then(|v| v.get("subresources"))
        .and_then(Value::as_object)
        .map(|m| {
            ["status", "scale"]
                .iter()
                .filter(|k| m.contains_key(**k))
                .map(|k| k.to_string())
                .collect()
        })
        .unwrap_or_default();
    Some(ApiResource {
        name: s("plural"),
        singular: s("singular"),
        short_names: list("shortNames"),
        group: meta::str_at(crd, &["spec", "group"])
            .unwrap_or("")
            .to_string(),
        version: preferred,
        namespaced: meta::str_at(crd, &["spec", "scope"]) == Some("Namespaced"),
        kind: s("kind"),
        verbs: [
            "delete",
            "deletecollection",
            "get",
            "list",
            "patch",
            "create",
            "update",
            "watch",
        ]
        .iter()
        .map(|v| v.to_string())
        .collect(),
        categories: list("categories"),
        subresources,
    })
}

/// The schema and subresources a custom resource is handled with.
pub struct CustomKind {
    pub schema: Option<Value>,
    pub status_subresource: bool,
    pub columns: Option<Vec<Value>>,
}

impl CustomKind {
    pub fn of(crd: &Value, version_name: &str) -> CustomKind {
        let v = version(crd, version_name).cloned().unwrap_or(json!({}));
        CustomKind {
            schema: meta::at(&v, &["schema", "openAPIV3Schema"]).cloned(),
            status_subresource: meta::at(&v, &["subresources", "status"]).is_some(),
            columns: v
                .get("additionalPrinterColumns")
                .and_then(Value::as_array)
                .cloned(),
        }
    }

    /// Decoding a custom resource: unknown fields pruned, schema defaults set.
    pub fn decode(&self, obj: &mut Value) {
        if let Some(s) = &self.schema {
            schema::prune(obj, s);
            schema::default(obj, s);
        }
    }

    /// Strict field validation (kubectl's default `--validate=strict`):
    /// unknown fields make the body undecodable.
    pub fn strict_decode_error(&self, obj: &Value, kind: &str, version: &str) -> Option<String> {
        let unknown = schema::unknown_fields(obj, self.schema.as_ref()?);
        if unknown.is_empty() {
            return None;
        }
        let list: Vec<String> = unknown
            .iter()
            .map(|u| format!("unknown field \"{u}\""))
            .collect();
        Some(format!(
            "{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: {}",
            list.join(", ")
        ))
    }

    /// `PrepareForCreate`: create cannot set status when it is a subresource.
    pub fn prepare_for_create(&self, obj: &mut Value) {
        if self.status_subresource {
            if let Some(m) = obj.as_object_mut() {
                m.remove("status");
            }
        }
        meta::metadata_mut(obj).insert("generation".into(), json!(1));
    }

    /// `PrepareForUpdate`: status kept from the stored object when it is a
    /// subresource; any change outside metadata bumps the generation.
    pub fn prepare_for_update(&self, obj: &mut Value, old: &Value) {
        if self.status_subresource {
            match old.get("status") {
                Some(s) => obj["status"] = s.clone(),
                None => {
                    if let Some(m) = obj.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
        let content = |v: &Value| {
            let mut c = v.clone();
            if let Some(m) = c.as_object_mut() {
                m.remove("metadata");
            }
            c
        };
        let generation = meta::at(old, &["metadata", "generation"])
            .and_then(Value::as_i64)
            .unwrap_or(1);
        let next = if content(obj) != content(old) {
            generation + 1
        } else {
            generation
        };
        meta::metadata_mut(obj).insert("generation".into(), json!(next));
    }

    /// `Validate`: metadata, then the schema.
    pub fn validate(&self, obj: &Value, namespaced: bool) -> Vec<FieldError> {
        let mut errs = object_meta(obj, NameRule::Dns1123Subdomain, namespaced);
        if let Some(s) = &self.schema {
            errs.extend(schema::validate(obj, s));
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_singular_list_kind_and_conversion() {
        let mut crd = json!({"spec": {"names": {"kind": "CronTab", "plural": "crontabs"}}});
        defaults(&mut crd);
        assert_eq!(crd["spec"]["names"]["singular"], "crontab");
        assert_eq!(crd["spec"]["names"]["listKind"], "CronTabList");
        assert_eq!(crd["spec"]["conversion"], json!({"strategy": "None"}));
    }

    #[test]
    fn preferred_version_is_kube_aware_highest() {
        let crd = json!({"spec": {"versions": [
            {"name": "v1beta1", "served": true}, {"name": "v1", "served": true},
            {"name": "v2alpha1", "served": true}, {"name": "v3", "served": false}]}});
        assert_eq!(served_versions(&crd), vec!["v1", "v1beta1", "v2alpha1"]);
    }

    #[test]
    fn generation_moves_on_content_not_metadata() {
        let kind = CustomKind {
            schema: None,
            status_subresource: true,
            columns: None,
        };
        let old = json!({"metadata": {"generation": 1}, "spec": {"a": 1}, "status": {"s": 1}});
        let mut same =
            json!({"metadata": {"labels": {"x": "y"}}, "spec": {"a": 1}, "status": {"s": 2}});
        kind.prepare_for_update(&mut same, &old);
        assert_eq!(same["metadata"]["generation"], 1);
        assert_eq!(same["status"], json!({"s": 1}));
        let mut changed = json!({"metadata": {}, "spec": {"a": 2}});
        kind.prepare_for_update(&mut changed, &old);
        assert_eq!(changed["metadata"]["generation"], 2);
    }
}
