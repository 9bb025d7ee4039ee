//! configMapGenerator and secretGenerator (kustomize api `kv/kv.go`,
//! `generators/utils.go`): literals `K=V`, files `[key=]path`, env files
//! of `K=V` lines; generatorOptions and per-generator `options`.

use super::{strings, Res};
use crate::kubectl::manifests::absolute;
use kubeplay_shell::Vfs;
use serde_json::{json, Map, Value};

pub fn generate(vfs: &Vfs, dir: &str, k: &Value) -> Result<Vec<Res>, String> {
    let mut out = vec![];
    let global = &k["generatorOptions"];
    for (field, secret) in [("configMapGenerator", false), ("secretGenerator", true)] {
        for g in k[field].as_array().into_iter().flatten() {
            out.push(one(vfs, dir, g, global, secret)?);
        }
    }
    Ok(out)
}

fn one(vfs: &Vfs, dir: &str, g: &Value, global: &Value, secret: bool) -> Result<Res, String> {
    let name = g["name"].as_str().unwrap_or("").to_string();
    let mut data: Vec<(String, String)> = vec![];
    for lit in strings(&g["literals"]) {
        let (k, v) = lit
            .split_once('=')
            .ok_or_else(|| format!("invalid literal source {lit}, expected key=value"))?;
        data.push((k.to_string(), unquote(v)));
    }
    for env in strings(&g["envs"]).into_iter().chain(strings(&g["env"])) {
        let text = read(vfs, dir, &env)?;
        for line in text.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('=') {
                Some((k, v)) => data.push((k.to_string(), v.to_string())),
                None => data.push((line.to_string(), String::new())),
            }
        }
    }
    for f in strings(&g["files"]) {
        let (key, path) = match f.split_once('=') {
            Some((k, p)) => (k.to_string(), p.to_string()),
            None => (f.rsplit('/').next().unwrap_or(&f).to_string(), f.clone()),
        };
        data.push((key, read(vfs, dir, &path)?));
    }
    let mut map = Map::new();
    for (k, v) in data {
        let v = if secret {
            crate::apiserver::defaults::secret::base64(v.as_bytes())
        } else {
            v
        };
        map.insert(k, Value::String(v));
    }
    let mut meta = json!({"name": name});
    if let Some(ns) = g["namespace"].as_str() {
        meta["namespace"] = json!(ns);
    }
    let opts = &g["options"];
    for field in ["labels", "annotations"] {
        let mut m = Map::new();
        for src in [&global[field], &opts[field]] {
            if let Some(o) = src.as_object() {
                m.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        if !m.is_empty() {
            meta[field] = Value::Object(m);
        }
    }
    let mut obj = json!({
        "apiVersion": "v1",
        "kind": if secret { "Secret" } else { "ConfigMap" },
        "metadata": meta,
    });
    if !map.is_empty() {
        obj["data"] = Value::Object(map);
    }
    if secret {
        obj["type"] = json!(g["type"].as_str().unwrap_or("Opaque"));
    }
    let disabled = opts["disableNameSuffixHash"]
        .as_bool()
        .or_else(|| global["disableNameSuffixHash"].as_bool())
        .unwrap_or(false);
    Ok(Res {
        obj,
        original_name: name,
        hash_pending: !disabled,
    })
}

/// A literal's value loses one pair of surrounding quotes.
fn unquote(v: &str) -> String {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

fn read(vfs: &Vfs, dir: &str, path: &str) -> Result<String, String> {
    let abs = absolute(dir, path);
    vfs.read(&abs).map(String::from).ok_or_else(|| {
        format!("evalsymlink failure on '{abs}' : lstat {abs}: no such file or directory")
    })
}
