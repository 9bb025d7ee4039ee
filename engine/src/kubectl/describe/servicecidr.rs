//! `describe servicecidr` and `describe ipaddress` (networking/v1).

use super::events::{self, Ref};
use super::{arr, name_labels_annotations, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe_cidr(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let cidr = ctx.get("servicecidrs.networking.k8s.io", "", name)?;
    let mut w = Writer::default();
    name_labels_annotations(&mut w, &cidr);
    let cidrs: Vec<&str> = arr(&cidr, &["spec", "cidrs"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    w.write(0, &format!("CIDRs:\t{}\n", cidrs.join(", ")));
    let conditions = arr(&cidr, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(0, "Status:\n");
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t------------------\t------\t-------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    rfc1123z(meta::str_at(c, &["lastTransitionTime"])),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&cidr), &mut w);
    }
    Ok(w.finish())
}

pub fn describe_ip(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let ip = ctx.get("ipaddresses.networking.k8s.io", "", name)?;
    let mut w = Writer::default();
    name_labels_annotations(&mut w, &ip);
    if let Some(p) = meta::at(&ip, &["spec", "parentRef"]).filter(|p| p.is_object()) {
        w.write(0, "Parent Reference:\n");
        for (label, field) in [
            ("Group", "group"),
            ("Resource", "resource"),
            ("Namespace", "namespace"),
            ("Name", "name"),
        ] {
            w.write(1, &format!("{label}:\t{}\n", s(p, &[field])));
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&ip), &mut w);
    }
    Ok(w.finish())
}
