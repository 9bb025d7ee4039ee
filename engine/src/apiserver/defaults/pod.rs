//! Pod and pod-template defaults (`pkg/apis/core/v1/defaults.go`, DEFAULTS.md §4.1–4.2),
//! and the QoS class (`pkg/apis/core/helper/qos`, §4.5).

use super::quantity::{self, Quantity};
use super::{child, default_nonzero, default_str, default_value, each, existing, persistentvolume};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A Pod: the spec defaults every template also gets, then the Pod-only ones.
pub fn pod(obj: &mut Value) {
    let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    spec_defaults(spec);
    // SetDefaults_Pod: requests default to limits, per resource.
    for key in ["containers", "initContainers"] {
        each(spec, key, |c| {
            let Some(res) = existing(c, "resources") else {
                return;
            };
            let Some(limits) = res.get("limits").and_then(Value::as_object).cloned() else {
                return;
            };
            if let Some(requests) = child(res, "requests") {
                for (k, v) in limits {
                    requests.entry(k).or_insert(v);
                }
            }
        });
    }
    default_value(spec, "enableServiceLinks", json!(true));
    if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        for key in ["containers", "initContainers"] {
            each(spec, key, |c| {
                each(c, "ports", |p| {
                    let host = p.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
                    if host == 0 {
                        if let Some(cp) = p.get("containerPort").cloned() {
                            p.insert("hostPort".into(), cp);
                        }
                    }
                });
            });
        }
    }
}

/// A pod template at `obj[key]` (Deployment `spec.template`, PodTemplate `template`...):
/// its `metadata` always prints (a zero creationTimestamp marshals as null), and its
/// spec gets the §4.1 defaults.
pub fn template_at(obj: &mut Value, key: &str) {
    let Some(t) = obj.get_mut(key).and_then(Value::as_object_mut) else {
        return;
    };
    template(t);
}

pub fn template(t: &mut Map<String, Value>) {
    template_metadata(t);
    if let Some(spec) = existing(t, "spec") {
        spec_defaults(spec);
    }
}

/// An embedded ObjectMeta: always present, with `creationTimestamp: null`.
pub fn template_metadata(t: &mut Map<String, Value>) {
    if let Some(m) = child(t, "metadata") {
        m.entry("creationTimestamp").or_insert(Value::Null);
        for key in ["labels", "annotations"] {
            if m.get(key)
                .is_some_and(|v| v.is_null() || v.as_object().is_some_and(Map::is_empty))
            {
                m.remove(key);
            }
        }
    }
}

/// `SetDefaults_PodSpec` and everything nested in it.
pub fn spec_defaults(spec: &mut Map<String, Value>) {
    service_account_alias(spec);
    default_str(spec, "dnsPolicy", "ClusterFirst");
    default_str(spec, "restartPolicy", "Always");
    default_value(spec, "securityContext", json!({}));
    default_value(spec, "terminationGracePeriodSeconds", json!(30));
    default_str(spec, "schedulerName", "default-scheduler");
    for key in ["containers", "initContainers", "ephemeralContainers"] {
        each(spec, key, container);
    }
    each(spec, "volumes", volume);
    quantity::resource_list(spec.get_mut("overhead"));
}

/// v1 conversion: the deprecated `serviceAccount` fills an empty
/// `serviceAccountName`, and is then always written equal to it.
fn service_account_alias(spec: &mut Map<String, Value>) {
    let name = |k: &str| {
        spec.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (sa_name, alias) = (name("serviceAccountName"), name("serviceAccount"));
    let effective = if sa_name.is_empty() { alias } else { sa_name };
    if effective.is_empty() {
        spec.remove("serviceAccount");
        if spec
            .get("serviceAccountName")
            .is_some_and(|v| v.as_str() == Some("") || v.is_null())
        {
            spec.remove("serviceAccountName");
        }
    } else {
        spec.insert("serviceAccountName".into(), json!(effective));
        spec.insert("serviceAccount".into(), json!(effective));
    }
}

fn container(c: &mut Map<String, Value>) {
    if c.get("imagePullPolicy")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
    {
        let image = c.get("image").and_then(Value::as_str).unwrap_or("");
        let policy = if image_tag(image).as_deref() == Some("latest") {
            "Always"
        } else {
            "IfNotPresent"
        };
        c.insert("imagePullPolicy".into(), json!(policy));
    }
    default_str(c, "terminationMessagePath", "/dev/termination-log");
    default_str(c, "terminationMessagePolicy", "File");
    each(c, "ports", |p| default_str(p, "protocol", "TCP"));
    each(c, "env", |e| {
        if let Some(fr) = existing(e, "valueFrom").and_then(|vf| existing(vf, "fieldRef")) {
            default_str(fr, "apiVersion", "v1");
        }
    });
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = existing(c, probe) {
            default_nonzero(p, "timeoutSeconds", 1);
            default_nonzero(p, "periodSeconds", 10);
            default_nonzero(p, "successThreshold", 1);
            default_nonzero(p, "failureThreshold", 3);
            handler(p);
            if let Some(g) = existing(p, "grpc") {
                default_value(g, "service", json!(""));
            }
        }
    }
    if let Some(lc) = existing(c, "lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = existing(lc, hook) {
                handler(h);
            }
        }
    }
    // ResourceRequirements is a struct: it always prints, `{}` when empty.
    if let Some(res) = child(c, "resources") {
        quantity::resource_list(res.get_mut("requests"));
        quantity::resource_list(res.get_mut("limits"));
    }
}

/// `SetDefaults_HTTPGetAction` on a probe or lifecycle handler.
fn handler(h: &mut Map<String, Value>) {
    if let Some(g) = existing(h, "httpGet") {
        default_str(g, "path", "/");
        default_str(g, "scheme", "HTTP");
    }
}

fn field_refs(items_owner: &mut Map<String, Value>) {
    each(items_owner, "items", |i| {
        if let Some(fr) = existing(i, "fieldRef") {
            default_str(fr, "apiVersion", "v1");
        }
    });
}

fn volume(v: &mut Map<String, Value>) {
    if v.iter().all(|(k, val)| k == "name" || val.is_null()) {
        v.insert("emptyDir".into(), json!({}));
    }
    for key in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(src) = existing(v, key) {
            default_value(src, "defaultMode", json!(420));
        }
    }
    if let Some(d) = existing(v, "downwardAPI") {
        field_refs(d);
    }
    if let Some(p) = existing(v, "projected") {
        each(p, "sources", |s| {
            if let Some(t) = existing(s, "serviceAccountToken") {
                default_value(t, "expirationSeconds", json!(3600));
            }
            if let Some(d) = existing(s, "downwardAPI") {
                field_refs(d);
            }
        });
    }
    if let Some(h) = existing(v, "hostPath") {
        default_value(h, "type", json!(""));
    }
    if let Some(e) = existing(v, "emptyDir") {
        if let Some(limit) = e.get_mut("sizeLimit") {
            quantity::canonicalize(limit);
        }
    }
    if let Some(t) = existing(v, "ephemeral").and_then(|e| existing(e, "volumeClaimTemplate")) {
        template_metadata(t);
        if let Some(spec) = existing(t, "spec") {
            persistentvolume::claim_spec(spec);
        }
    }
    legacy_sources(v);
}

/// Defaults of the in-tree volume plugins few people still use.
pub fn legacy_sources(v: &mut Map<String, Value>) {
    if let Some(s) = existing(v, "iscsi") {
        default_str(s, "iscsiInterface", "default");
    }
    if let Some(s) = existing(v, "rbd") {
        default_str(s, "pool", "rbd");
        default_str(s, "user", "admin");
        default_str(s, "keyring", "/etc/ceph/keyring");
    }
    if let Some(s) = existing(v, "azureDisk") {
        default_value(s, "cachingMode", json!("ReadWrite"));
        default_value(s, "kind", json!("Shared"));
        default_value(s, "fsType", json!("ext4"));
        default_value(s, "readOnly", json!(false));
    }
    if let Some(s) = existing(v, "scaleIO") {
        default_str(s, "storageMode", "ThinProvisioned");
        default_str(s, "fsType", "xfs");
    }
}

/// The tag `parsers.ParseImageName` finds: `latest` when the reference has neither
/// tag nor digest; `None` when it is not a valid reference (e.g. upper case).
pub fn image_tag(image: &str) -> Option<String> {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let (algo, hex) = d.split_once(':')?;
        let algo_ok = algo.starts_with(|c: char| c.is_ascii_alphabetic())
            && algo
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_+.".contains(c));
        if !algo_ok || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
    }
    let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag {
        let ok = t.len() <= 128
            && t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return None;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return None;
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts[0];
        let is_domain = first.contains(['.', ':'])
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase());
        if is_domain {
            if !domain_ok(first) {
                return None;
            }
            parts.remove(0);
        }
    }
    if !parts.iter().all(|p| path_component_ok(p)) {
        return None;
    }
    match (tag, digest) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) => Some(String::new()),
        (None, None) => Some("latest".into()),
    }
}

fn domain_ok(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || d.starts_with('[') => (h, Some(p)),
        _ => (d, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    if host.starts_with('[') && host.ends_with(']') {
        return host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':');
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component_ok(p: &str) -> bool {
    let b = p.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &p[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.chars().all(|c| c == '-')) {
            return false;
        }
    }
    true
}

/// `qos.GetPodQOS` on a defaulted pod: a status `qosClass` already present wins,
/// else it is computed from the cpu/memory requests and limits of the containers
/// and init containers.
pub fn pod_qos_class(pod: &Value) -> String {
    if let Some(q) = pod.pointer("/status/qosClass").and_then(Value::as_str) {
        if !q.is_empty() {
            return q.to_string();
        }
    }
    let mut requests: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut guaranteed = true;
    let empty = vec![];
    let containers = ["containers", "initContainers"].into_iter().flat_map(|k| {
        pod.pointer(&format!("/spec/{k}"))
            .and_then(Value::as_array)
            .unwrap_or(&empty)
            .iter()
    });
    for c in containers {
        let list = |which: &str| -> Vec<(String, Quantity)> {
            c.pointer(&format!("/resources/{which}"))
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter(|(k, _)| *k == "cpu" || *k == "memory")
                        .filter_map(|(k, v)| Some((k.clone(), Quantity::from_json(v)?)))
                        .filter(|(_, q)| q.is_positive())
                        .collect()
                })
                .unwrap_or_default()
        };
        for (k, q) in list("requests") {
            let sum = requests.get(&k).map(|s| s.add(&q)).unwrap_or(q);
            requests.insert(k, sum);
        }
        let found = list("limits");
        for (k, q) in &found {
            let sum = limits.get(k).map(|s| s.add(q)).unwrap_or(*q);
            limits.insert(k.clone(), sum);
        }
        let has = |r: &str| found.iter().any(|(k, _)| k == r);
        if !(has("cpu") && has("memory")) {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".into();
    }
    if guaranteed {
        guaranteed = requests
            .iter()
            .all(|(k, req)| limits.get(k).is_some_and(|lim| lim == req));
    }
    if guaranteed && requests.len() == limits.len() {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}
