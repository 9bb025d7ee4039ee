//! Services (`ValidateService`, v1.33): ports (required unless headless or
//! ExternalName, names, numbers, protocols, target ports), externalName,
//! sessionAffinity, type, nodePorts; clusterIP may not change.

use super::go;
use super::pod::port_name_errors;
use crate::api::meta;
use crate::api::status::go_quote;
use crate::api::validation::{dns1123_label, dns1123_subdomain, labels};
use crate::api::FieldError;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const TYPES: [&str; 4] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn headless(spec: &Value) -> bool {
    s(spec, "clusterIP") == "None"
}

pub fn service(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let ports: &[Value] = spec
        .get("ports")
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or(&[]);
    let kind = s(spec, "type");
    let mut errs = vec![];
    if ports.is_empty() && !headless(spec) && kind != "ExternalName" {
        errs.push(FieldError::required("spec.ports", ""));
    }
    match kind {
        "LoadBalancer" | "NodePort" if headless(spec) => errs.push(FieldError::invalid(
            "spec.clusterIPs[0]",
            "\"None\"",
            &format!("may not be set to 'None' for {kind} services"),
        )),
        "ExternalName" => {
            let cname = s(spec, "externalName").trim_end_matches('.');
            if cname.is_empty() {
                errs.push(FieldError::required("spec.externalName", ""));
            } else {
                for m in dns1123_subdomain(cname) {
                    errs.push(FieldError::invalid(
                        "spec.externalName",
                        &go_quote(cname),
                        &m,
                    ));
                }
            }
        }
        _ => {}
    }
    let mut names = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        port(
            p,
            ports.len() > 1,
            &mut names,
            &format!("spec.ports[{i}]"),
            &mut errs,
        );
    }
    errs.extend(labels(spec.get("selector"), "spec.selector"));
    match s(spec, "sessionAffinity") {
        "" => errs.push(FieldError::required("spec.sessionAffinity", "")),
        "ClientIP" | "None" => {}
        other => errs.push(FieldError::not_supported(
            "spec.sessionAffinity",
            &go_quote(other),
            &["ClientIP", "None"],
        )),
    }
    if kind.is_empty() {
        errs.push(FieldError::required("spec.type", ""));
    } else if !TYPES.contains(&kind) {
        errs.push(FieldError::not_supported(
            "spec.type",
            &go_quote(kind),
            &TYPES,
        ));
    }
    if kind == "ClusterIP" {
        for (i, p) in ports.iter().enumerate() {
            if p.get("nodePort").and_then(Value::as_i64).unwrap_or(0) != 0 {
                errs.push(FieldError::forbidden(
                    &format!("spec.ports[{i}].nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }
    let mut node_ports = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let np = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
        if np != 0 && !node_ports.insert((np, s(p, "protocol").to_string())) {
            errs.push(FieldError::duplicate(
                &format!("spec.ports[{i}].nodePort"),
                &np.to_string(),
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
        let proto = s(p, "protocol");
        if !seen.insert((port, proto.to_string())) {
            errs.push(FieldError::duplicate(
                &format!("spec.ports[{i}]"),
                &format!(
                    "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}",
                    go_quote(proto)
                ),
            ));
        }
    }
    errs
}

/// `validateServicePort`.
fn port(
    p: &Value,
    require_name: bool,
    names: &mut BTreeSet<String>,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let name = s(p, "name");
    if require_name && name.is_empty() {
        errs.push(FieldError::required(&format!("{path}.name"), ""));
    } else if !name.is_empty() {
        for m in dns1123_label(name) {
            errs.push(FieldError::invalid(
                &format!("{path}.name"),
                &go_quote(name),
                &m,
            ));
        }
        if !names.insert(name.to_string()) {
            errs.push(FieldError::duplicate(
                &format!("{path}.name"),
                &go_quote(name),
            ));
        }
    }
    let num = p.get("port").and_then(Value::as_i64).unwrap_or(0);
    if !(1..=65535).contains(&num) {
        errs.push(FieldError::invalid(
            &format!("{path}.port"),
            &num.to_string(),
            "must be between 1 and 65535, inclusive",
        ));
    }
    let proto = s(p, "protocol");
    if proto.is_empty() {
        errs.push(FieldError::required(&format!("{path}.protocol"), ""));
    } else if !["SCTP", "TCP", "UDP"].contains(&proto) {
        errs.push(FieldError::not_supported(
            &format!("{path}.protocol"),
            &go_quote(proto),
            &["SCTP", "TCP", "UDP"],
        ));
    }
    // ValidatePortNumOrName.
    let field = format!("{path}.targetPort");
    match p.get("targetPort") {
        Some(Value::String(t)) => {
            if t.is_empty() {
                errs.push(FieldError::required(&field, ""));
            } else {
                for m in port_name_errors(t) {
                    errs.push(FieldError::invalid(&field, &go_quote(t), &m));
                }
            }
        }
        Some(n) => {
            let v = n.as_i64().unwrap_or(0);
            if !(1..=65535).contains(&v) {
                errs.push(FieldError::invalid(
                    &field,
                    &v.to_string(),
                    "must be between 1 and 65535, inclusive",
                ));
            }
        }
        None => {}
    }
}

/// `ValidateServiceUpdate`: clusterIPs may not change once set. A changed
/// `clusterIP` with unchanged `clusterIPs` counts as a new first clusterIP
/// (`normalizeClusterIPs`).
pub fn service_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    if meta::str_at(old, &["spec", "type"]) == Some("ExternalName")
        || meta::str_at(obj, &["spec", "type"]) == Some("ExternalName")
    {
        return vec![];
    }
    let ips = |o: &Value| -> Vec<String> {
        meta::at(o, &["spec", "clusterIPs"])
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old_ips, mut new_ips) = (ips(old), ips(obj));
    let new_ip = meta::str_at(obj, &["spec", "clusterIP"]).unwrap_or("");
    let old_ip = meta::str_at(old, &["spec", "clusterIP"]).unwrap_or("");
    if !new_ip.is_empty() && new_ip != old_ip && new_ips == old_ips {
        match new_ips.first_mut() {
            Some(first) => *first = new_ip.to_string(),
            None => new_ips.push(new_ip.to_string()),
        }
    }
    if old_ip == "None" && new_ip == "None" {
        return vec![];
    }
    match (old_ips.first(), new_ips.first()) {
        (Some(a), Some(b)) if a != b => vec![FieldError::invalid(
            "spec.clusterIPs[0]",
            &go::string_slice(Some(&json!(new_ips))),
            "may not change once set",
        )],
        _ => vec![],
    }
}
