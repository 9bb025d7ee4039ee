//! The environment a kubelet gives a container (`makeEnvironmentVariables`):
//! service links, `envFrom` ConfigMaps and Secrets, `env` with `$(VAR)`
//! expansion and `valueFrom` (configMapKeyRef, secretKeyRef, fieldRef,
//! resourceFieldRef). Errors carry the kubelet's texts; the container then
//! waits in CreateContainerConfigError.

use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::apiserver::{ApiServer, ListOptions};
use serde_json::Value;
use std::collections::BTreeMap;

pub type Env = BTreeMap<String, String>;

fn object(api: &ApiServer, resource: &str, ns: &str, name: &str) -> Option<Value> {
    let r = api.registry().resolve(resource)?.clone();
    api.get(&r, ns, name).ok()
}

/// A ConfigMap's data, or the kubelet's not-found text.
pub(super) fn config_map(
    api: &ApiServer,
    ns: &str,
    name: &str,
) -> Result<BTreeMap<String, String>, String> {
    let cm =
        object(api, "configmaps", ns, name).ok_or(format!("configmap \"{name}\" not found"))?;
    Ok(meta::string_map(cm.get("data"))
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// A Secret's data, decoded, or the kubelet's not-found text.
pub(super) fn secret(
    api: &ApiServer,
    ns: &str,
    name: &str,
) -> Result<BTreeMap<String, String>, String> {
    let s = object(api, "secrets", ns, name).ok_or(format!("secret \"{name}\" not found"))?;
    Ok(meta::string_map(s.get("data"))
        .into_iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(&decode_base64(v)).into_owned(),
            )
        })
        .collect())
}

/// Standard base64; characters outside the alphabet are skipped.
pub fn decode_base64(s: &str) -> Vec<u8> {
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// `KUBERNETES_SERVICE_HOST` and friends: the `kubernetes` Service always,
/// the pod's namespace's Services when enableServiceLinks (the default).
fn service_env(api: &ApiServer, pod: &Value) -> Env {
    let ns = meta::namespace(pod);
    let links =
        meta::at(pod, &["spec", "enableServiceLinks"]).and_then(Value::as_bool) != Some(false);
    let mut env = Env::new();
    let Some(r) = api.registry().resolve("services").cloned() else {
        return env;
    };
    let all = api
        .list(&r, None, &ListOptions::default())
        .unwrap_or_default();
    for svc in all {
        let sns = meta::namespace(&svc);
        let name = meta::name(&svc);
        let master = sns == "default" && name == "kubernetes";
        if !(master || (sns == ns && links)) {
            continue;
        }
        let ip = meta::str_at(&svc, &["spec", "clusterIP"]).unwrap_or("");
        if ip.is_empty() || ip == "None" {
            continue;
        }
        let prefix = name.to_uppercase().replace('-', "_");
        let ports = meta::at(&svc, &["spec", "ports"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        env.insert(format!("{prefix}_SERVICE_HOST"), ip.into());
        for (i, p) in ports.iter().enumerate() {
            let port = p["port"].as_i64().unwrap_or(0);
            let proto = p["protocol"].as_str().unwrap_or("TCP");
            let url = format!("{}://{ip}:{port}", proto.to_lowercase());
            if i == 0 {
                env.insert(format!("{prefix}_SERVICE_PORT"), port.to_string());
                env.insert(format!("{prefix}_PORT"), url.clone());
            }
            if let Some(pn) = p["name"].as_str().filter(|n| !n.is_empty()) {
                env.insert(
                    format!(
                        "{prefix}_SERVICE_PORT_{}",
                        pn.to_uppercase().replace('-', "_")
                    ),
                    port.to_string(),
                );
            }
            let key = format!("{prefix}_PORT_{port}_{}", proto.to_uppercase());
            env.insert(key.clone(), url);
            env.insert(format!("{key}_PROTO"), proto.to_lowercase());
            env.insert(format!("{key}_PORT"), port.to_string());
            env.insert(format!("{key}_ADDR"), ip.into());
        }
    }
    env
}

/// `$(VAR)` expansion against what is defined so far; `$$` escapes.
fn expand(value: &str, defined: &Env, services: &Env) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        if let Some(after) = tail.strip_prefix('$') {
            out.push('$');
            rest = after;
        } else if let Some(inner) = tail.strip_prefix('(') {
            match inner.find(')') {
                Some(j) => {
                    let name = &inner[..j];
                    match defined.get(name).or_else(|| services.get(name)) {
                        Some(v) => out.push_str(v),
                        None => out.push_str(&format!("$({name})")),
                    }
                    rest = &inner[j + 1..];
                }
                None => {
                    out.push_str("$(");
                    rest = inner;
                }
            }
        } else {
            out.push('$');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn field_value(
    pod: &Value,
    path: &str,
    pod_ip: &str,
    host_ip: &str,
) -> Result<String, String> {
    let s = |p: &[&str]| meta::str_at(pod, p).unwrap_or("").to_string();
    let keyed = |field: &str| -> Option<String> {
        let key = path
            .strip_prefix(&format!("metadata.{field}['"))?
            .strip_suffix("']")?;
        Some(s(&["metadata", field, key]))
    };
    Ok(match path {
        "metadata.name" => s(&["metadata", "name"]),
        "metadata.namespace" => s(&["metadata", "namespace"]),
        "metadata.uid" => s(&["metadata", "uid"]),
        "spec.nodeName" => s(&["spec", "nodeName"]),
        "spec.serviceAccountName" => s(&["spec", "serviceAccountName"]),
        "status.hostIP" | "status.hostIPs" => host_ip.into(),
        "status.podIP" | "status.podIPs" => pod_ip.into(),
        _ => keyed("labels")
            .or_else(|| keyed("annotations"))
            .ok_or_else(|| format!("unsupported fieldPath: {path}"))?,
    })
}

/// `resourceFieldRef`: a limit (the node's allocatable when unset) or a
/// request, divided by the divisor and rounded up.
fn resource_value(
    api: &ApiServer,
    pod: &Value,
    container: &Value,
    r: &Value,
) -> Result<String, String> {
    let resource = r["resource"].as_str().unwrap_or("");
    let (kind, what) = resource.split_once('.').unwrap_or(("", ""));
    let kind = match kind {
        "limits" => "limits",
        "requests" => "requests",
        _ => return Err(format!("unsupported container resource : {resource}")),
    };
    let set = container["resources"][kind][what]
        .as_str()
        .map(String::from);
    let set = set.or_else(|| {
        if kind == "requests" {
            // An unset request defaults to the limit, or reads as 0.
            container["resources"]["limits"][what]
                .as_str()
                .map(String::from)
        } else {
            None
        }
    });
    let value = match set {
        Some(v) => v,
        None if kind == "limits" => {
            let node = meta::str_at(pod, &["spec", "nodeName"]).unwrap_or("");
            object(api, "nodes", "", node)
                .and_then(|n| n["status"]["allocatable"][what].as_str().map(String::from))
                .unwrap_or_else(|| "0".into())
        }
        None => "0".into(),
    };
    let q = Quantity::parse(&value).unwrap_or_else(Quantity::zero);
    let divisor = r["divisor"]
        .as_str()
        .and_then(Quantity::parse)
        .filter(|d| !d.is_zero());
    let out = if what == "cpu" {
        let d = divisor.map_or(1000, |d| d.milli_value()).max(1);
        (q.milli_value() + d - 1) / d
    } else {
        let d = divisor.map_or(1, |d| d.value()).max(1);
        (q.value() + d - 1) / d
    };
    Ok(out.to_string())
}

/// The container's environment, or why it cannot be made.
pub fn resolve(
    api: &ApiServer,
    pod: &Value,
    container: &Value,
    pod_ip: &str,
    host_ip: &str,
) -> Result<Env, String> {
    let ns = meta::namespace(pod);
    let services = service_env(api, pod);
    let mut env = Env::new();
    let optional = |v: &Value| v["optional"].as_bool() == Some(true);
    for from in container["envFrom"].as_array().into_iter().flatten() {
        let prefix = from["prefix"].as_str().unwrap_or("");
        let (data, reference) = if from.get("configMapRef").is_some() {
            let r = &from["configMapRef"];
            (config_map(api, ns, r["name"].as_str().unwrap_or("")), r)
        } else if from.get("secretRef").is_some() {
            let r = &from["secretRef"];
            (secret(api, ns, r["name"].as_str().unwrap_or("")), r)
        } else {
            continue;
        };
        match data {
            Ok(d) => {
                for (k, v) in d {
                    env.insert(format!("{prefix}{k}"), v);
                }
            }
            Err(_) if optional(reference) => {}
            Err(e) => return Err(e),
        }
    }
    for e in container["env"].as_array().into_iter().flatten() {
        let name = e["name"].as_str().unwrap_or("").to_string();
        let value = e["value"].as_str().unwrap_or("");
        let from = &e["valueFrom"];
        let v = if !value.is_empty() {
            expand(value, &env, &services)
        } else if from.get("configMapKeyRef").is_some() {
            let r = &from["configMapKeyRef"];
            let (cm, key) = (
                r["name"].as_str().unwrap_or(""),
                r["key"].as_str().unwrap_or(""),
            );
            match config_map(api, ns, cm) {
                Ok(d) => match d.get(key) {
                    Some(v) => v.clone(),
                    None if optional(r) => continue,
                    None => return Err(format!("couldn't find key {key} in ConfigMap {ns}/{cm}")),
                },
                Err(_) if optional(r) => continue,
                Err(e) => return Err(e),
            }
        } else if from.get("secretKeyRef").is_some() {
            let r = &from["secretKeyRef"];
            let (s, key) = (
                r["name"].as_str().unwrap_or(""),
                r["key"].as_str().unwrap_or(""),
            );
            match secret(api, ns, s) {
                Ok(d) => match d.get(key) {
                    Some(v) => v.clone(),
                    None if optional(r) => continue,
                    None => return Err(format!("couldn't find key {key} in Secret {ns}/{s}")),
                },
                Err(_) if optional(r) => continue,
                Err(e) => return Err(e),
            }
        } else if from.get("fieldRef").is_some() {
            let path = from["fieldRef"]["fieldPath"].as_str().unwrap_or("");
            field_value(pod, path, pod_ip, host_ip)?
        } else if from.get("resourceFieldRef").is_some() {
            resource_value(api, pod, container, &from["resourceFieldRef"])?
        } else {
            String::new()
        };
        env.insert(name, v);
    }
    let mut all = services;
    all.extend(env);
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependent_variables() {
        let mut defined = Env::new();
        defined.insert("A".into(), "x".into());
        let services = Env::new();
        assert_eq!(
            expand("$(A)-$(B)-$$(A)", &defined, &services),
            "x-$(B)-$(A)"
        );
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(decode_base64("YWRtaW4="), b"admin");
    }
}
