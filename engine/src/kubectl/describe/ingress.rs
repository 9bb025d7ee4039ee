//! `describe ingress` (networking/v1: backends with their endpoints) and
//! `describe ingressclass`.

use super::events::{self, Ref};
use super::{annotations_multiline, arr, int, labels_multiline, map, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let ing = ctx.get("ingresses.networking.k8s.io", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&ing, &["metadata", "name"])));
    labels_multiline(&mut w, "", "Labels", &map(&ing, &["metadata", "labels"]));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(0, &format!("Address:\t{}\n", address(&ing)));
    let class = meta::str_at(&ing, &["spec", "ingressClassName"]).unwrap_or("<none>");
    w.write(0, &format!("Ingress Class:\t{class}\n"));
    let default_backend = match meta::at(&ing, &["spec", "defaultBackend"]) {
        Some(b) if b.is_object() => backend(ctx, ns, b),
        _ => "<default>".to_string(),
    };
    w.write(0, &format!("Default backend:\t{default_backend}\n"));
    let tls = arr(&ing, &["spec", "tls"]);
    if !tls.is_empty() {
        w.write(0, "TLS:\n");
        for t in tls {
            let hosts: Vec<&str> = arr(t, &["hosts"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            match s(t, &["secretName"]) {
                "" => w.write(1, &format!("SNI routes {}\n", hosts.join(","))),
                secret => w.write(1, &format!("{secret} terminates {}\n", hosts.join(","))),
            }
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    let mut count = 0;
    for rule in arr(&ing, &["spec", "rules"]) {
        let Some(http) = rule.get("http").filter(|h| h.is_object()) else {
            continue;
        };
        count += 1;
        let host = match s(rule, &["host"]) {
            "" => "*",
            h => h,
        };
        w.write(1, &format!("{host}\t\n"));
        for path in arr(http, &["paths"]) {
            let b = path.get("backend").cloned().unwrap_or(Value::Null);
            w.write(
                2,
                &format!("\t{} \t{}\n", s(path, &["path"]), backend(ctx, ns, &b)),
            );
        }
    }
    if count == 0 {
        w.write(1, &format!("*\t*\t{default_backend}\n"));
    }
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&ing, &["metadata", "annotations"]),
    );
    if ctx.show_events {
        events::section(ctx, &Ref::of(&ing), &mut w);
    }
    Ok(w.finish())
}

/// `ingressLoadBalancerStatusStringerV1` (wide): IPs or hostnames, sorted, unique.
fn address(ing: &Value) -> String {
    let mut list: Vec<&str> = arr(ing, &["status", "loadBalancer", "ingress"])
        .iter()
        .map(|i| match s(i, &["ip"]) {
            "" => s(i, &["hostname"]),
            ip => ip,
        })
        .filter(|a| !a.is_empty())
        .collect();
    list.sort();
    list.dedup();
    list.join(",")
}

/// `describeBackendV1`: `svc:port (endpoints)`, or a resource backend.
fn backend(ctx: &Ctx, ns: &str, b: &Value) -> String {
    if let Some(svc) = b.get("service").filter(|v| v.is_object()) {
        let svc_name = s(svc, &["name"]);
        let number = int(svc, &["port", "number"]);
        let port_name = s(svc, &["port", "name"]);
        let label = if number != 0 {
            format!("{svc_name}:{number}")
        } else {
            format!("{svc_name}:{port_name}")
        };
        let slices = match ctx.list(
            "endpointslices",
            Some(ns),
            Some(format!("kubernetes.io/service-name={svc_name}")),
            None,
        ) {
            Ok(l) => l,
            Err(e) => return format!("{label} (<error: {}>)", e.message),
        };
        let service = match ctx.get("services", ns, svc_name) {
            Ok(v) => v,
            Err(e) => return format!("{label} (<error: {}>)", e.message),
        };
        let mut sp_name = "";
        for sp in arr(&service, &["spec", "ports"]) {
            let matches_number = number != 0 && number == int(sp, &["port"]);
            let matches_name = !port_name.is_empty() && port_name == s(sp, &["name"]);
            if matches_number || matches_name {
                sp_name = s(sp, &["name"]);
            }
        }
        return format!("{label} ({})", super::service::endpoints(&slices, sp_name));
    }
    if let Some(r) = b.get("resource").filter(|v| v.is_object()) {
        let group = meta::str_at(r, &["apiGroup"]).unwrap_or("<none>");
        return format!(
            "APIGroup: {group}, Kind: {}, Name: {}",
            s(r, &["kind"]),
            s(r, &["name"])
        );
    }
    String::new()
}

pub fn describe_class(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let ic = ctx.get("ingressclasses.networking.k8s.io", "", name)?;
    let mut w = Writer::default();
    super::name_labels_annotations(&mut w, &ic);
    w.write(
        0,
        &format!("Controller:\t{}\n", s(&ic, &["spec", "controller"])),
    );
    if let Some(p) = meta::at(&ic, &["spec", "parameters"]).filter(|p| p.is_object()) {
        w.write(0, "Parameters:\n");
        if let Some(g) = meta::str_at(p, &["apiGroup"]) {
            w.write(1, &format!("APIGroup:\t{g}\n"));
        }
        w.write(1, &format!("Kind:\t{}\n", s(p, &["kind"])));
        w.write(1, &format!("Name:\t{}\n", s(p, &["name"])));
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&ic), &mut w);
    }
    Ok(w.finish())
}
