//! `patches`, `patchesStrategicMerge` and `patchesJson6902`: a patch from a
//! file or inline, strategic merge (the API server's merge keys) or an
//! RFC 6902 list, applied to the resources its `target` selects, or for a
//! strategic merge patch without one, to the object it names.

use super::Res;
use crate::api::selector::Selector;
use crate::apiserver::patch::{json_patch, strategic_merge};
use crate::kubectl::manifests::absolute;
use kubeplay_shell::Vfs;
use serde::Deserialize;
use serde_json::Value;

/// `patches` and `patchesStrategicMerge`, which run before the other transformers.
pub fn apply_early(vfs: &Vfs, dir: &str, k: &Value, res: &mut [Res]) -> Result<(), String> {
    for p in k["patchesStrategicMerge"].as_array().into_iter().flatten() {
        let text = match p.as_str() {
            Some(s) if !s.contains('\n') => read(vfs, dir, s)?,
            Some(s) => s.to_string(),
            None => continue,
        };
        apply_text(&text, &Value::Null, res)?;
    }
    apply_listed(vfs, dir, &k["patches"], res)
}

/// `patchesJson6902`, which kustomize runs after labels and annotations.
pub fn apply_json6902(vfs: &Vfs, dir: &str, k: &Value, res: &mut [Res]) -> Result<(), String> {
    apply_listed(vfs, dir, &k["patchesJson6902"], res)
}

/// Each `{path | patch, target}` entry of a patch list, in order.
fn apply_listed(vfs: &Vfs, dir: &str, list: &Value, res: &mut [Res]) -> Result<(), String> {
    for p in list.as_array().into_iter().flatten() {
        let text = match (p["path"].as_str(), p["patch"].as_str()) {
            (Some(path), _) => read(vfs, dir, path)?,
            (None, Some(inline)) => inline.to_string(),
            _ => return Err("must specify one of patch and path in patch".into()),
        };
        apply_text(&text, &p["target"], res)?;
    }
    Ok(())
}

fn read(vfs: &Vfs, dir: &str, path: &str) -> Result<String, String> {
    let abs = absolute(dir, path);
    vfs.read(&abs).map(String::from).ok_or_else(|| {
        format!("evalsymlink failure on '{abs}' : lstat {abs}: no such file or directory")
    })
}

fn apply_text(text: &str, target: &Value, res: &mut [Res]) -> Result<(), String> {
    let mut docs = vec![];
    for doc in serde_yaml::Deserializer::from_str(text) {
        let v = Value::deserialize(doc).map_err(|e| e.to_string())?;
        if !v.is_null() {
            docs.push(v);
        }
    }
    for patch in docs {
        let own_target;
        let target = if target.is_object() {
            target
        } else {
            own_target = target_of(&patch);
            &own_target
        };
        let mut matched = 0;
        for r in res.iter_mut().filter(|r| selects(target, r)) {
            matched += 1;
            if patch.is_array() {
                json_patch(&mut r.obj, &patch)?;
            } else {
                let mut p = patch.clone();
                // The patch's own identity does not rename its target.
                if let Some(m) = p.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("name");
                    m.remove("namespace");
                }
                strategic_merge(&mut r.obj, &p, "");
            }
        }
        if matched == 0 && target["exact"] == true {
            let id = id_text(target);
            return Err(format!("no resource matches strategic merge patch \"{id}\": no matches for Id {id}; failed to find unique target for patch {id}"));
        }
    }
    Ok(())
}

/// kustomize's ResId text: `Service.v1.[noGrp]/web.[noNs]`.
fn id_text(t: &Value) -> String {
    let or = |f: &str, none: &str| match t[f].as_str().unwrap_or("") {
        "" => none.to_string(),
        s => s.to_string(),
    };
    format!(
        "{}.{}.{}/{}.{}",
        or("kind", "[noKind]"),
        or("version", "[noVer]"),
        or("group", "[noGrp]"),
        or("name", "[noName]"),
        or("namespace", "[noNs]")
    )
}

/// A strategic merge patch without a target names its own: kind, apiVersion, name.
fn target_of(patch: &Value) -> Value {
    let (group, version) = match patch["apiVersion"].as_str().unwrap_or("").split_once('/') {
        Some((g, v)) => (g.to_string(), v.to_string()),
        None => (
            String::new(),
            patch["apiVersion"].as_str().unwrap_or("").to_string(),
        ),
    };
    serde_json::json!({
        "group": group,
        "version": version,
        "kind": patch["kind"],
        "name": patch["metadata"]["name"],
        "namespace": patch["metadata"]["namespace"],
        "exact": true,
    })
}

/// kustomize's selector: each given field must match (name and namespace
/// as anchored regular expressions; label and annotation selectors).
fn selects(target: &Value, r: &Res) -> bool {
    let o = &r.obj;
    let api_version = o["apiVersion"].as_str().unwrap_or("");
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let regex_match = |pattern: &str, value: &str| {
        regex::Regex::new(&format!("^(?:{pattern})$")).is_ok_and(|re| re.is_match(value))
    };
    let field = |f: &str| target[f].as_str().filter(|s| !s.is_empty());
    if let Some(g) = field("group") {
        if g != group {
            return false;
        }
    }
    if let Some(v) = field("version") {
        if v != version {
            return false;
        }
    }
    if let Some(k) = field("kind") {
        if Some(k) != o["kind"].as_str() {
            return false;
        }
    }
    let name = crate::api::meta::name(o);
    if let Some(n) = field("name") {
        let ok = if target["exact"] == true {
            n == name || n == r.original_name
        } else {
            regex_match(n, name) || regex_match(n, &r.original_name)
        };
        if !ok {
            return false;
        }
    }
    if let Some(ns) = field("namespace") {
        if !regex_match(ns, crate::api::meta::namespace(o)) {
            return false;
        }
    }
    for (f, meta) in [
        ("labelSelector", "labels"),
        ("annotationSelector", "annotations"),
    ] {
        if let Some(sel) = field(f) {
            let Ok(sel) = Selector::parse(sel) else {
                return false;
            };
            let pairs: Vec<(&str, &str)> = o["metadata"][meta]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
                .collect();
            if !sel.matches(&pairs) {
                return false;
            }
        }
    }
    true
}
