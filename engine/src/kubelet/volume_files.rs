//! What the kubelet writes into a container's volumes: configMap, secret,
//! downwardAPI and projected volumes (every pod's `kube-api-access-*`:
//! its token, the cluster CA and its namespace), each key or item at
//! mountPath/path.

use super::env::{config_map, field_value, secret};
use crate::api::meta;
use crate::apiserver::ApiServer;
use serde_json::Value;
use std::collections::BTreeMap;

/// Files of the pod's volumes mounted into `container` (path → content),
/// or the FailedMount error of the first volume that cannot be set up:
/// (volume name, error text). A Null container checks the volumes only.
pub fn volume_files(
    api: &ApiServer,
    pod: &Value,
    container: &Value,
) -> Result<BTreeMap<String, String>, (String, String)> {
    let volumes = meta::at(pod, &["spec", "volumes"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut files = BTreeMap::new();
    for v in &volumes {
        let vname = v["name"].as_str().unwrap_or("").to_string();
        let data = match contents(api, pod, v) {
            Ok(Some(d)) => d,
            Ok(None) => continue,
            Err(e) => return Err((vname, e)),
        };
        for m in container["volumeMounts"].as_array().into_iter().flatten() {
            if m["name"].as_str() != Some(vname.as_str()) {
                continue;
            }
            let base = m["mountPath"].as_str().unwrap_or("/").trim_end_matches('/');
            for (k, content) in &data {
                files.insert(format!("{base}/{k}"), content.clone());
            }
        }
    }
    Ok(files)
}

/// A volume's files by relative path; None for kinds that hold no files
/// the simulation knows (emptyDir, hostPath, PVCs).
fn contents(
    api: &ApiServer,
    pod: &Value,
    v: &Value,
) -> Result<Option<BTreeMap<String, String>>, String> {
    if let Some(sources) = v["projected"]["sources"].as_array() {
        let mut all = BTreeMap::new();
        for source in sources {
            all.extend(contents(api, pod, source)?.unwrap_or_default());
        }
        return Ok(Some(all));
    }
    let ns = meta::namespace(pod);
    let keyed = |data: Result<BTreeMap<String, String>, String>, src: &Value| match data {
        Ok(d) => Ok(Some(select(d, &src["items"]))),
        Err(_) if src["optional"].as_bool() == Some(true) => Ok(Some(BTreeMap::new())),
        Err(e) => Err(e),
    };
    if let Some(cm) = v.get("configMap") {
        return keyed(config_map(api, ns, cm["name"].as_str().unwrap_or("")), cm);
    }
    if let Some(s) = v.get("secret") {
        let name = s["secretName"]
            .as_str()
            .or(s["name"].as_str())
            .unwrap_or("");
        return keyed(secret(api, ns, name), s);
    }
    if let Some(d) = v.get("downwardAPI") {
        let mut out = BTreeMap::new();
        for item in d["items"].as_array().into_iter().flatten() {
            let path = item["path"].as_str().unwrap_or("").to_string();
            if let Some(field) = item["fieldRef"]["fieldPath"].as_str() {
                out.insert(path, downward(pod, field)?);
            }
        }
        return Ok(Some(out));
    }
    if let Some(t) = v.get("serviceAccountToken") {
        let seconds = t["expirationSeconds"].as_i64().unwrap_or(3600);
        let path = t["path"].as_str().unwrap_or("token").to_string();
        return Ok(Some(BTreeMap::from([(path, api.pod_token(pod, seconds))])));
    }
    Ok(None)
}

/// `items` picks keys and names their files; without it every key is a file.
fn select(data: BTreeMap<String, String>, items: &Value) -> BTreeMap<String, String> {
    let Some(items) = items.as_array() else {
        return data;
    };
    items
        .iter()
        .filter_map(|i| {
            let key = i["key"].as_str()?;
            let path = i["path"].as_str().unwrap_or(key);
            data.get(key).map(|c| (path.to_string(), c.clone()))
        })
        .collect()
}

/// A downwardAPI file: one field, or all labels/annotations as `k="v"`
/// lines in key order.
fn downward(pod: &Value, field: &str) -> Result<String, String> {
    if let Some(which) = ["labels", "annotations"]
        .into_iter()
        .find(|w| field == format!("metadata.{w}"))
    {
        let map = meta::string_map(meta::at(pod, &["metadata", which]));
        let lines: Vec<String> = map
            .iter()
            .map(|(k, v)| format!("{k}={}", serde_json::to_string(v).unwrap_or_default()))
            .collect();
        return Ok(lines.join("\n"));
    }
    field_value(pod, field, "", "")
}
