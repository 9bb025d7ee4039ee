//! `describe service`, endpoints from its EndpointSlices.

use super::events::{self, Ref};
use super::{annotations_multiline, arr, int, labels_multiline, map, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let svc = ctx.get("services", ns, name)?;
    let slices = ctx
        .list(
            "endpointslices",
            Some(ns),
            Some(format!("kubernetes.io/service-name={name}")),
            None,
        )
        .unwrap_or_default();
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&svc, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&svc, &["metadata", "annotations"]),
    );
    let selector: Vec<String> = map(&svc, &["spec", "selector"])
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let selector = if selector.is_empty() {
        "<none>".to_string()
    } else {
        selector.join(",")
    };
    w.write(0, &format!("Selector:\t{selector}\n"));
    w.write(0, &format!("Type:\t{}\n", s(&svc, &["spec", "type"])));
    if let Some(p) = meta::str_at(&svc, &["spec", "ipFamilyPolicy"]) {
        w.write(0, &format!("IP Family Policy:\t{p}\n"));
    }
    let strings =
        |path: &[&str]| -> Vec<&str> { arr(&svc, path).iter().filter_map(Value::as_str).collect() };
    let or_none = |v: Vec<&str>| {
        if v.is_empty() {
            "<none>".to_string()
        } else {
            v.join(",")
        }
    };
    w.write(
        0,
        &format!(
            "IP Families:\t{}\n",
            or_none(strings(&["spec", "ipFamilies"]))
        ),
    );
    w.write(0, &format!("IP:\t{}\n", s(&svc, &["spec", "clusterIP"])));
    w.write(
        0,
        &format!("IPs:\t{}\n", or_none(strings(&["spec", "clusterIPs"]))),
    );
    let external = strings(&["spec", "externalIPs"]);
    if !external.is_empty() {
        w.write(0, &format!("External IPs:\t{}\n", external.join(",")));
    }
    for (label, field) in [
        ("Desired LoadBalancer IP", "loadBalancerIP"),
        ("External Name", "externalName"),
    ] {
        let v = s(&svc, &["spec", field]);
        if !v.is_empty() {
            w.write(0, &format!("{label}:\t{v}\n"));
        }
    }
    let ingress = arr(&svc, &["status", "loadBalancer", "ingress"]);
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| match (s(i, &["ip"]), meta::str_at(i, &["ipMode"])) {
                ("", _) => s(i, &["hostname"]).to_string(),
                (ip, Some(mode)) => format!("{ip} ({mode})"),
                (ip, None) => ip.to_string(),
            })
            .collect();
        w.write(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    for p in arr(&svc, &["spec", "ports"]) {
        let pname = match s(p, &["name"]) {
            "" => "<unset>",
            n => n,
        };
        let proto = s(p, &["protocol"]);
        w.write(
            0,
            &format!("Port:\t{pname}\t{}/{proto}\n", int(p, &["port"])),
        );
        let target = match p.get("targetPort") {
            Some(Value::String(t)) => t.clone(),
            Some(v) => v.as_i64().unwrap_or(0).to_string(),
            None => "0".into(),
        };
        w.write(0, &format!("TargetPort:\t{target}/{proto}\n"));
        let node_port = int(p, &["nodePort"]);
        if node_port != 0 {
            w.write(0, &format!("NodePort:\t{pname}\t{node_port}/{proto}\n"));
        }
        w.write(
            0,
            &format!("Endpoints:\t{}\n", endpoints(&slices, s(p, &["name"]))),
        );
    }
    w.write(
        0,
        &format!(
            "Session Affinity:\t{}\n",
            s(&svc, &["spec", "sessionAffinity"])
        ),
    );
    for (label, field) in [
        ("External Traffic Policy", "externalTrafficPolicy"),
        ("Internal Traffic Policy", "internalTrafficPolicy"),
    ] {
        let v = s(&svc, &["spec", field]);
        if !v.is_empty() {
            w.write(0, &format!("{label}:\t{v}\n"));
        }
    }
    let hc = int(&svc, &["spec", "healthCheckNodePort"]);
    if hc != 0 {
        w.write(0, &format!("HealthCheck NodePort:\t{hc}\n"));
    }
    let ranges = strings(&["spec", "loadBalancerSourceRanges"]);
    if !ranges.is_empty() {
        w.write(
            0,
            &format!("LoadBalancer Source Ranges:\t{}\n", ranges.join(",")),
        );
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&svc), &mut w);
    }
    Ok(w.finish())
}

/// `formatEndpointSlices` for one port name: ready addresses, at most three.
pub(super) fn endpoints(slices: &[Value], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let mut list: Vec<String> = vec![];
    let mut more = false;
    let mut count = 0;
    let ready = |e: &Value| {
        meta::at(e, &["conditions", "ready"])
            .and_then(Value::as_bool)
            .unwrap_or(true)
    };
    let first_addr = |e: &Value| {
        arr(e, &["addresses"])
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    for slice in slices {
        let ports = arr(slice, &["ports"]);
        if ports.is_empty() {
            for e in arr(slice, &["endpoints"]) {
                if list.len() == 3 {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    list.push(first_addr(e));
                }
                count += 1;
            }
            continue;
        }
        for port in ports {
            if s(port, &["name"]) != port_name {
                continue;
            }
            for e in arr(slice, &["endpoints"]) {
                if list.len() == 3 {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    let addr = first_addr(e);
                    let n = int(port, &["port"]);
                    list.push(if addr.contains(':') {
                        format!("[{addr}]:{n}")
                    } else {
                        format!("{addr}:{n}")
                    });
                }
                count += 1;
            }
        }
    }
    let joined = list.join(",");
    if more {
        format!("{joined} + {} more...", count - 3)
    } else {
        joined
    }
}
