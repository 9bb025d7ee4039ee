//! Renames and the references that follow them (kustomize's
//! namereference transformer for the common fields: ConfigMaps, Secrets,
//! ServiceAccounts, PersistentVolumeClaims and Services named from pod
//! templates and a few other kinds), and the content-hash suffix of
//! generated ConfigMaps and Secrets (`api/hasher`).

use super::Res;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// Where a workload keeps its pod spec.
pub fn pod_spec_mut(obj: &mut Value) -> Option<&mut Value> {
    let path: &[&str] = match obj.get("kind").and_then(Value::as_str).unwrap_or("") {
        "Pod" => &["spec"],
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController" => &["spec", "template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => return None,
    };
    at(obj, path)
}

/// The value at a path of object keys, if every step exists.
pub fn at<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, k| v.get_mut(*k))
}

/// Every `(kind, old) → new` rename applied to the references in `res`.
pub fn update_refs(res: &mut [Res], renames: &[(String, String, String)]) {
    if renames.is_empty() {
        return;
    }
    let find = |kind: &str, old: &str| {
        renames
            .iter()
            .find(|(k, o, _)| k == kind && o == old)
            .map(|(_, _, n)| n.clone())
    };
    let set = |v: &mut Value, path: &[&str], kind: &str| {
        if let Some(v) = at(v, path) {
            if let Some(new) = v.as_str().and_then(|old| find(kind, old)) {
                *v = json!(new);
            }
        }
    };
    for r in res.iter_mut() {
        let kind = r.obj["kind"].as_str().unwrap_or("").to_string();
        match kind.as_str() {
            "StatefulSet" => set(&mut r.obj, &["spec", "serviceName"], "Service"),
            "HorizontalPodAutoscaler" => {
                let target = r.obj["spec"]["scaleTargetRef"]["kind"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                set(&mut r.obj, &["spec", "scaleTargetRef", "name"], &target);
            }
            "RoleBinding" | "ClusterRoleBinding" => {
                let role = r.obj["roleRef"]["kind"].as_str().unwrap_or("").to_string();
                set(&mut r.obj, &["roleRef", "name"], &role);
                for s in at(&mut r.obj, &["subjects"])
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if s["kind"] == "ServiceAccount" {
                        set(s, &["name"], "ServiceAccount");
                    }
                }
            }
            "Ingress" => {
                let rules = at(&mut r.obj, &["spec", "rules"]).and_then(Value::as_array_mut);
                for rule in rules.into_iter().flatten() {
                    let paths = at(rule, &["http", "paths"]).and_then(Value::as_array_mut);
                    for p in paths.into_iter().flatten() {
                        set(p, &["backend", "service", "name"], "Service");
                    }
                }
                set(
                    &mut r.obj,
                    &["spec", "defaultBackend", "service", "name"],
                    "Service",
                );
                for t in at(&mut r.obj, &["spec", "tls"])
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    set(t, &["secretName"], "Secret");
                }
            }
            _ => {}
        }
        let Some(spec) = pod_spec_mut(&mut r.obj) else {
            continue;
        };
        set(spec, &["serviceAccountName"], "ServiceAccount");
        for s in at(spec, &["imagePullSecrets"])
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            set(s, &["name"], "Secret");
        }
        for v in at(spec, &["volumes"])
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            set(v, &["configMap", "name"], "ConfigMap");
            set(v, &["secret", "secretName"], "Secret");
            set(
                v,
                &["persistentVolumeClaim", "claimName"],
                "PersistentVolumeClaim",
            );
            let sources = at(v, &["projected", "sources"]).and_then(Value::as_array_mut);
            for s in sources.into_iter().flatten() {
                set(s, &["configMap", "name"], "ConfigMap");
                set(s, &["secret", "name"], "Secret");
            }
        }
        for list in ["containers", "initContainers"] {
            for c in at(spec, &[list])
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                for e in at(c, &["env"])
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    set(e, &["valueFrom", "configMapKeyRef", "name"], "ConfigMap");
                    set(e, &["valueFrom", "secretKeyRef", "name"], "Secret");
                }
                for e in at(c, &["envFrom"])
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    set(e, &["configMapRef", "name"], "ConfigMap");
                    set(e, &["secretRef", "name"], "Secret");
                }
            }
        }
    }
}

/// The suffix kustomize's hasher gives a ConfigMap or Secret: sha256 of
/// a JSON of its kind, data (and type) with an empty name — what
/// kustomize v5.6.0 hashes, checked against kubectl.1.33 — as ten hex
/// digits with 0,1,3,a,e spelled g,h,k,m,t.
pub fn content_hash(obj: &Value) -> String {
    let mut m = Map::new();
    let kind = obj["kind"].as_str().unwrap_or("");
    m.insert("kind".into(), json!(kind));
    m.insert("name".into(), json!(""));
    let field = |f: &str| match &obj[f] {
        Value::Null => json!(""),
        v => v.clone(),
    };
    m.insert("data".into(), field("data"));
    if kind == "Secret" {
        m.insert("type".into(), field("type"));
        if obj["stringData"].is_object() {
            m.insert("stringData".into(), obj["stringData"].clone());
        }
    } else if obj["binaryData"].is_object() {
        m.insert("binaryData".into(), obj["binaryData"].clone());
    }
    let text = go_json(&Value::Object(m));
    let digest = Sha256::digest(text.as_bytes());
    digest
        .iter()
        .flat_map(|b| [b >> 4, b & 15])
        .take(10)
        .map(|n| match n {
            0 => 'g',
            1 => 'h',
            3 => 'k',
            10 => 'm',
            14 => 't',
            n => char::from_digit(n as u32, 16).unwrap_or('0'),
        })
        .collect()
}

/// Go's `json.Marshal`: sorted keys, and `<`, `>`, `&` escaped.
fn go_json(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Appends the hash to every generated object that wants one and updates
/// the references to it.
pub fn add_hashes(res: &mut [Res]) {
    let mut renames = vec![];
    for r in res.iter_mut().filter(|r| r.hash_pending) {
        let old = crate::api::meta::name(&r.obj).to_string();
        let new = format!("{old}-{}", content_hash(&r.obj));
        let kind = r.obj["kind"].as_str().unwrap_or("").to_string();
        r.obj["metadata"]["name"] = json!(new);
        r.hash_pending = false;
        renames.push((kind, old, new));
    }
    update_refs(res, &renames);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Suffixes kubectl.1.33 (kustomize v5.6.0) gives these generated objects.
    #[test]
    fn hashes_as_kustomize_does() {
        let cm = json!({"kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"A": "1", "B": "<two>"}});
        assert_eq!(content_hash(&cm), "7bbff6b2h8");
        let cm = json!({"kind": "ConfigMap", "metadata": {"name": "zzz"}, "data": {"one": "two"}});
        assert_eq!(content_hash(&cm), "h468698b8f");
        let secret = json!({"kind": "Secret", "type": "Opaque", "data": {"password": "czNjcjN0"}});
        assert_eq!(content_hash(&secret), "25k92892fb");
    }
}
