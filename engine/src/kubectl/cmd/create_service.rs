//! `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME
//! --tcp=port[:targetPort] [--node-port=N] [--clusterip=IP|None]
//! [--external-name=host]`.

use super::create::create_generated;
use super::create_sub::Generator;
use crate::api::validation;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use serde_json::{json, Value};

/// utilsnet.ParsePort with zero allowed: Go's ParseUint(s, 10, 16) texts.
fn parse_port(s: &str) -> Result<i64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.ParseUint: parsing \"{s}\": invalid syntax"
        ));
    }
    match s.parse::<u64>() {
        Ok(n) if n <= 65535 => Ok(n as i64),
        _ => Err(format!(
            "strconv.ParseUint: parsing \"{s}\": value out of range"
        )),
    }
}

/// IsValidPortName's messages, in its order.
fn port_name_errors(s: &str) -> Vec<&'static str> {
    let mut errs = vec![];
    if s.len() > 15 {
        errs.push("must be no more than 15 characters");
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if !s.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)");
    }
    if s.contains("--") {
        errs.push("must not contain consecutive hyphens");
    }
    if s.starts_with('-') || s.ends_with('-') {
        errs.push("must not begin or end with a hyphen");
    }
    errs
}

/// `80` or `80:8080` or `80:http` → (port, targetPort).
fn parse_ports(spec: &str) -> Result<(i64, Value), String> {
    let mut parts = spec.split(':');
    let port = parse_port(parts.next().unwrap_or(""))?;
    let Some(target) = parts.next() else {
        return Ok((port, json!(port)));
    };
    match target.parse::<i64>() {
        Ok(n) if (1..=65535).contains(&n) => Ok((port, json!(n))),
        Ok(_) => Err("must be between 1 and 65535, inclusive".into()),
        Err(_) => {
            let errs = port_name_errors(target);
            if errs.is_empty() {
                Ok((port, json!(target)))
            } else {
                Err(errs.join(","))
            }
        }
    }
}

pub fn run(env: &mut Env, p: &Parsed, g: &Generator, name: &str) -> Result<(), CmdError> {
    let svc_type = match g.path[1] {
        "nodeport" => "NodePort",
        "loadbalancer" => "LoadBalancer",
        "externalname" => "ExternalName",
        _ => "ClusterIP",
    };
    let external = p.str("external-name").unwrap_or("").to_string();
    if svc_type == "ExternalName" && !p.has("external-name") {
        return Err(CmdError::Plain(
            "required flag(s) \"external-name\" not set".into(),
        ));
    }
    let cluster_ip = p.str("clusterip").unwrap_or("").to_string();
    let tcp = p.all("tcp");
    if cluster_ip == "None" && svc_type != "ClusterIP" {
        return Err(CmdError::Plain(
            "ClusterIP=None can only be used with ClusterIP service type".into(),
        ));
    }
    if cluster_ip != "None" && tcp.is_empty() && svc_type != "ExternalName" {
        return Err(CmdError::Plain(
            "at least one tcp port specifier must be provided".into(),
        ));
    }
    if svc_type == "ExternalName" && !validation::dns1123_subdomain(&external).is_empty() {
        return Err(CmdError::Plain(format!(
            "invalid service external name {external}"
        )));
    }
    let node_port = p.int("node-port").unwrap_or(0);
    let mut ports = vec![];
    for t in &tcp {
        let (port, target) = parse_ports(t).map_err(CmdError::Plain)?;
        let mut sp = json!({"name": t.replace(':', "-"), "port": port, "protocol": "TCP", "targetPort": target});
        if node_port != 0 {
            sp["nodePort"] = json!(node_port);
        }
        ports.push(sp);
    }
    let mut spec = json!({"selector": {"app": name}, "type": svc_type});
    if !ports.is_empty() {
        spec["ports"] = json!(ports);
    }
    if !cluster_ip.is_empty() {
        spec["clusterIP"] = json!(cluster_ip);
    }
    if !external.is_empty() {
        spec["externalName"] = json!(external);
    }
    let obj = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"creationTimestamp": null, "labels": {"app": name}, "name": name},
        "spec": spec,
        "status": {"loadBalancer": {}},
    });
    // kubectl's service generators accept --save-config but never read it.
    let mut p = p.clone();
    p.unset("save-config");
    create_generated(env, &p, "services", &format!("service/{name}"), obj, |s| {
        CmdError::Plain(format!(
            "failed to create {svc_type} service: {}",
            s.message
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_specs_as_kubectl_parses_them() {
        assert_eq!(parse_ports("80").unwrap(), (80, json!(80)));
        assert_eq!(parse_ports("80:http").unwrap(), (80, json!("http")));
        assert_eq!(
            parse_ports("abc").unwrap_err(),
            "strconv.ParseUint: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            parse_ports("80:99999").unwrap_err(),
            "must be between 1 and 65535, inclusive"
        );
        assert_eq!(
            parse_ports("70000").unwrap_err(),
            "strconv.ParseUint: parsing \"70000\": value out of range"
        );
    }
}
