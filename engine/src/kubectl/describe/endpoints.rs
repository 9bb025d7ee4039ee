//! `describe endpoints` (subsets with ready and not-ready addresses) and
//! `describe endpointslice` (discovery/v1 layout).

use super::events::{self, Ref};
use super::{arr, int, namespaced_head, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

fn ips(subset: &Value, field: &str) -> String {
    let list: Vec<&str> = arr(subset, &[field])
        .iter()
        .map(|a| s(a, &["ip"]))
        .collect();
    match list.join(",") {
        j if j.is_empty() => "<none>".into(),
        j => j,
    }
}

fn or_unset(v: &str) -> &str {
    if v.is_empty() {
        "<unset>"
    } else {
        v
    }
}

pub fn describe_endpoints(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let ep = ctx.get("endpoints", ns, name)?;
    let mut w = Writer::default();
    namespaced_head(&mut w, &ep);
    w.write(0, "Subsets:\n");
    for subset in arr(&ep, &["subsets"]) {
        w.write(1, &format!("Addresses:\t{}\n", ips(subset, "addresses")));
        w.write(
            1,
            &format!("NotReadyAddresses:\t{}\n", ips(subset, "notReadyAddresses")),
        );
        let ports = arr(subset, &["ports"]);
        if !ports.is_empty() {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for p in ports {
                w.write(
                    2,
                    &format!(
                        "{}\t{}\t{}\n",
                        or_unset(s(p, &["name"])),
                        int(p, &["port"]),
                        s(p, &["protocol"])
                    ),
                );
            }
        }
        w.write(0, "\n");
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&ep), &mut w);
    }
    Ok(w.finish())
}

/// A pointer field's text: `<unset>` when absent (an empty string stays empty).
fn opt_str(v: &Value, path: &[&str]) -> String {
    match meta::at(v, path) {
        Some(Value::String(x)) => x.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "<unset>".into(),
    }
}

pub fn describe_slice(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let eps = ctx.get("endpointslices.discovery.k8s.io", ns, name)?;
    let mut w = Writer::default();
    namespaced_head(&mut w, &eps);
    w.write(0, &format!("AddressType:\t{}\n", s(&eps, &["addressType"])));
    let ports = arr(&eps, &["ports"]);
    if ports.is_empty() {
        w.write(0, "Ports: <unset>\n");
    } else {
        w.write(0, "Ports:\n");
        w.write(1, "Name\tPort\tProtocol\n");
        w.write(1, "----\t----\t--------\n");
        for p in ports {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\n",
                    or_unset(s(p, &["name"])),
                    opt_str(p, &["port"]),
                    s(p, &["protocol"])
                ),
            );
        }
    }
    let endpoints = arr(&eps, &["endpoints"]);
    if endpoints.is_empty() {
        w.write(0, "Endpoints: <none>\n");
    } else {
        w.write(0, "Endpoints:\n");
        for e in endpoints {
            let addrs: Vec<&str> = arr(e, &["addresses"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let addrs = match addrs.join(", ") {
                a if a.is_empty() => "<none>".into(),
                a => a,
            };
            w.write(1, &format!("- Addresses:\t{addrs}\n"));
            w.write(2, "Conditions:\n");
            w.write(
                3,
                &format!("Ready:\t{}\n", opt_str(e, &["conditions", "ready"])),
            );
            w.write(2, &format!("Hostname:\t{}\n", opt_str(e, &["hostname"])));
            if let Some(t) = e.get("targetRef").filter(|t| t.is_object()) {
                w.write(
                    2,
                    &format!("TargetRef:\t{}/{}\n", s(t, &["kind"]), s(t, &["name"])),
                );
            }
            w.write(2, &format!("NodeName:\t{}\n", opt_str(e, &["nodeName"])));
            w.write(2, &format!("Zone:\t{}\n", opt_str(e, &["zone"])));
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&eps), &mut w);
    }
    Ok(w.finish())
}
