//! Pods and pod templates (`ValidatePodCreate`, `ValidatePodSpec`,
//! `ValidatePodTemplateSpec`, v1.33): volumes, containers (name, image,
//! ports, env, volume mounts, pull policy, resources), restart and DNS
//! policies, node selector, hostname.

use crate::api::meta;
use crate::api::quantity::{canonical, Quantity};
use crate::api::status::go_quote;
use crate::api::validation::{annotations, dns1123_label, labels};
use crate::api::FieldError;
use serde_json::Value;
use std::collections::BTreeSet;

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or(&[])
}

fn label_errors(value: &str, field: &str) -> Vec<FieldError> {
    dns1123_label(value)
        .into_iter()
        .map(|m| FieldError::invalid(field, &go_quote(value), &m))
        .collect()
}

/// A Pod: its spec, then the checks only pods get.
pub fn pod(obj: &Value) -> Vec<FieldError> {
    let empty = Value::Null;
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = pod_spec(spec, "spec");
    for kind in ["containers", "initContainers"] {
        for (i, c) in list(spec, kind).iter().enumerate() {
            let image = s(c, "image");
            if image.len() != image.trim().len() {
                errs.push(FieldError::invalid(
                    &format!("spec.{kind}[{i}].image"),
                    &go_quote(image),
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    if !list(spec, "ephemeralContainers").is_empty() {
        errs.push(FieldError::forbidden(
            "spec.ephemeralContainers",
            "cannot be set on create",
        ));
    }
    errs
}

/// `ValidatePodTemplateSpec` of `<parent>.template`.
pub fn template(parent: &Value, path: &str) -> Vec<FieldError> {
    let empty = Value::Null;
    let t = parent.get("template").unwrap_or(&empty);
    let mut errs = labels(
        meta::at(t, &["metadata", "labels"]),
        &format!("{path}.labels"),
    );
    errs.extend(annotations(
        meta::at(t, &["metadata", "annotations"]),
        &format!("{path}.annotations"),
    ));
    errs.extend(pod_spec(
        t.get("spec").unwrap_or(&empty),
        &format!("{path}.spec"),
    ));
    if !list(t.get("spec").unwrap_or(&empty), "ephemeralContainers").is_empty() {
        errs.push(FieldError::forbidden(
            &format!("{path}.spec.ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

/// `ValidatePodSpec`, in its order.
pub fn pod_spec(spec: &Value, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    if spec.get("terminationGracePeriodSeconds").is_none() {
        errs.push(FieldError::required(
            &format!("{path}.terminationGracePeriodSeconds"),
            "",
        ));
    }
    let volumes = volumes(spec, path, &mut errs);
    containers(spec, "containers", path, &volumes, &mut errs);
    containers(spec, "initContainers", path, &volumes, &mut errs);
    let restart = s(spec, "restartPolicy");
    errs.extend(one_of(
        restart,
        &format!("{path}.restartPolicy"),
        &["Always", "OnFailure", "Never"],
    ));
    errs.extend(one_of(
        s(spec, "dnsPolicy"),
        &format!("{path}.dnsPolicy"),
        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
    ));
    errs.extend(labels(
        spec.get("nodeSelector"),
        &format!("{path}.nodeSelector"),
    ));
    if let Some(d) = spec.get("activeDeadlineSeconds").and_then(Value::as_i64) {
        if !(1..=i32::MAX as i64).contains(&d) {
            errs.push(FieldError::invalid(
                &format!("{path}.activeDeadlineSeconds"),
                &d.to_string(),
                "must be between 1 and 2147483647, inclusive",
            ));
        }
    }
    for k in ["hostname", "subdomain"] {
        let v = s(spec, k);
        if !v.is_empty() {
            errs.extend(label_errors(v, &format!("{path}.{k}")));
        }
    }
    errs
}

/// Required when empty, else one of the values (in the order upstream lists them).
fn one_of(value: &str, field: &str, allowed: &[&str]) -> Vec<FieldError> {
    if value.is_empty() {
        vec![FieldError::required(field, "")]
    } else if !allowed.contains(&value) {
        vec![FieldError::not_supported(field, &go_quote(value), allowed)]
    } else {
        vec![]
    }
}

/// `ValidateVolumes`: the names of the valid volumes.
fn volumes(spec: &Value, path: &str, errs: &mut Vec<FieldError>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, v) in list(spec, "volumes").iter().enumerate() {
        let name = s(v, "name");
        let field = format!("{path}.volumes[{i}].name");
        let mut el = volume_source(v, &format!("{path}.volumes[{i}]"));
        if name.is_empty() {
            el.push(FieldError::required(&field, ""));
        } else {
            el.extend(label_errors(name, &field));
        }
        if names.contains(name) {
            el.push(FieldError::duplicate(&field, &go_quote(name)));
        }
        if el.is_empty() {
            names.insert(name.to_string());
        } else {
            errs.extend(el);
        }
    }
    names
}

/// Volume sources in the order `validateVolumeSource` checks them.
const SOURCES: [&str; 30] = [
    "emptyDir",
    "hostPath",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "cinder",
    "cephfs",
    "quobyte",
    "downwardAPI",
    "fc",
    "flexVolume",
    "configMap",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "projected",
    "scaleIO",
    "csi",
    "ephemeral",
    "image",
];

/// `validateVolumeSource`: exactly one source, and the names the common
/// ones require.
fn volume_source(v: &Value, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    let mut count = 0;
    for src in SOURCES {
        let Some(body) = v.get(src).filter(|b| !b.is_null()) else {
            continue;
        };
        if count > 0 {
            errs.push(FieldError::forbidden(
                &format!("{path}.{src}"),
                "may not specify more than 1 volume type",
            ));
            continue;
        }
        count += 1;
        let required = match src {
            "secret" => Some("secretName"),
            "configMap" => Some("name"),
            "persistentVolumeClaim" => Some("claimName"),
            "hostPath" => Some("path"),
            _ => None,
        };
        if let Some(k) = required {
            if s(body, k).is_empty() {
                errs.push(FieldError::required(&format!("{path}.{src}.{k}"), ""));
            }
        }
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    errs
}

fn containers(
    spec: &Value,
    kind: &str,
    path: &str,
    volumes: &BTreeSet<String>,
    errs: &mut Vec<FieldError>,
) {
    let cs = list(spec, kind);
    if cs.is_empty() {
        if kind == "containers" {
            errs.push(FieldError::required(&format!("{path}.containers"), ""));
        }
        return;
    }
    let mut names = BTreeSet::new();
    for (i, c) in cs.iter().enumerate() {
        let p = format!("{path}.{kind}[{i}]");
        container(c, &p, volumes, errs);
        let name = s(c, "name");
        if !names.insert(name.to_string()) {
            errs.push(FieldError::duplicate(&format!("{p}.name"), &go_quote(name)));
        }
    }
}

/// `validateContainerCommon`.
fn container(c: &Value, p: &str, volumes: &BTreeSet<String>, errs: &mut Vec<FieldError>) {
    let name = s(c, "name");
    if name.is_empty() {
        errs.push(FieldError::required(&format!("{p}.name"), ""));
    } else {
        errs.extend(label_errors(name, &format!("{p}.name")));
    }
    if s(c, "image").is_empty() {
        errs.push(FieldError::required(&format!("{p}.image"), ""));
    }
    errs.extend(one_of(
        s(c, "terminationMessagePolicy"),
        &format!("{p}.terminationMessagePolicy"),
        &["File", "FallbackToLogsOnError"],
    ));
    ports(c, p, errs);
    for (i, e) in list(c, "env").iter().enumerate() {
        let n = s(e, "name");
        let field = format!("{p}.env[{i}].name");
        if n.is_empty() {
            errs.push(FieldError::required(&field, ""));
        } else if n
            .chars()
            .any(|ch| !ch.is_ascii_graphic() && ch != ' ' || ch == '=')
        {
            errs.push(FieldError::invalid(
                &field,
                &go_quote(n),
                "a valid environment variable name must consist only of printable ASCII characters other than '='",
            ));
        }
    }
    let mut paths = BTreeSet::new();
    for (i, m) in list(c, "volumeMounts").iter().enumerate() {
        let mp = format!("{p}.volumeMounts[{i}]");
        let n = s(m, "name");
        if n.is_empty() {
            errs.push(FieldError::required(&format!("{mp}.name"), ""));
        }
        if !volumes.contains(n) {
            errs.push(FieldError::not_found(&format!("{mp}.name"), &go_quote(n)));
        }
        let path = s(m, "mountPath");
        if path.is_empty() {
            errs.push(FieldError::required(&format!("{mp}.mountPath"), ""));
        }
        if !paths.insert(path.to_string()) {
            errs.push(FieldError::invalid(
                &format!("{mp}.mountPath"),
                &go_quote(path),
                "must be unique",
            ));
        }
    }
    let pull = s(c, "imagePullPolicy");
    errs.extend(one_of(
        pull,
        &format!("{p}.imagePullPolicy"),
        &["Always", "IfNotPresent", "Never"],
    ));
    resources(c, p, errs);
}

fn port_num(v: i64) -> bool {
    (1..=65535).contains(&v)
}

/// `validateContainerPorts`.
fn ports(c: &Value, p: &str, errs: &mut Vec<FieldError>) {
    let mut names = BTreeSet::new();
    for (i, port) in list(c, "ports").iter().enumerate() {
        let pp = format!("{p}.ports[{i}]");
        let name = s(port, "name");
        if !name.is_empty() {
            let msgs = port_name_errors(name);
            if !msgs.is_empty() {
                for m in msgs {
                    errs.push(FieldError::invalid(
                        &format!("{pp}.name"),
                        &go_quote(name),
                        &m,
                    ));
                }
            } else if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(
                    &format!("{pp}.name"),
                    &go_quote(name),
                ));
            }
        }
        match port
            .get("containerPort")
            .and_then(Value::as_i64)
            .unwrap_or(0)
        {
            0 => errs.push(FieldError::required(&format!("{pp}.containerPort"), "")),
            n if !port_num(n) => errs.push(FieldError::invalid(
                &format!("{pp}.containerPort"),
                &n.to_string(),
                "must be between 1 and 65535, inclusive",
            )),
            _ => {}
        }
        let host = port.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
        if host != 0 && !port_num(host) {
            errs.push(FieldError::invalid(
                &format!("{pp}.hostPort"),
                &host.to_string(),
                "must be between 1 and 65535, inclusive",
            ));
        }
        let proto = s(port, "protocol");
        if proto.is_empty() {
            errs.push(FieldError::required(&format!("{pp}.protocol"), ""));
        } else if !["SCTP", "TCP", "UDP"].contains(&proto) {
            errs.push(FieldError::not_supported(
                &format!("{pp}.protocol"),
                &go_quote(proto),
                &["SCTP", "TCP", "UDP"],
            ));
        }
    }
}

/// `IsValidPortName`.
pub fn port_name_errors(name: &str) -> Vec<String> {
    let mut errs = vec![];
    if name.len() > 15 {
        errs.push("must be no more than 15 characters".to_string());
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !name.chars().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if name.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if name.starts_with('-') || name.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// Requests may not exceed limits (`validateResourceRequirements`).
fn resources(c: &Value, p: &str, errs: &mut Vec<FieldError>) {
    let limits = meta::at(c, &["resources", "limits"]).and_then(Value::as_object);
    let Some(requests) = meta::at(c, &["resources", "requests"]).and_then(Value::as_object) else {
        return;
    };
    for (name, q) in requests {
        let (Some(req), Some(lim)) = (
            q.as_str(),
            limits.and_then(|l| l.get(name)).and_then(Value::as_str),
        ) else {
            continue;
        };
        let (Some(rq), Some(lq)) = (Quantity::parse(req), Quantity::parse(lim)) else {
            continue;
        };
        if rq.nanos() > lq.nanos() {
            errs.push(FieldError::invalid(
                &format!("{p}.resources.requests"),
                &go_quote(&canonical(req)),
                &format!(
                    "must be less than or equal to {name} limit of {}",
                    canonical(lim)
                ),
            ));
        }
    }
}
