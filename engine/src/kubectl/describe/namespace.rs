//! `describe namespace`, with its resource quotas and limit ranges.

use super::{annotations_multiline, arr, map, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let ns = ctx.get("namespaces", "", name)?;
    let quotas = ctx.list("resourcequotas", Some(name), None, None)?;
    let limit_ranges = ctx.list("limitranges", Some(name), None, None)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    super::labels_multiline(&mut w, "", "Labels", &map(&ns, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&ns, &["metadata", "annotations"]),
    );
    w.write(0, &format!("Status:\t{}\n", s(&ns, &["status", "phase"])));
    let conditions = arr(&ns, &["status", "conditions"]);
    if !conditions.is_empty() {
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
                    rfc1123z(c.get("lastTransitionTime").and_then(Value::as_str)),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    w.write(0, "\n");
    resource_quotas(&quotas, &mut w);
    w.write(0, "\n");
    limit_ranges_section(&limit_ranges, &mut w);
    Ok(w.finish())
}

fn quantity_at(v: &Value, path: &[&str]) -> String {
    match meta::str_at(v, path) {
        Some(q) => super::quantity(q),
        None => "0".into(),
    }
}

const SCOPE_HELP: [(&str, &str); 4] = [
    ("Terminating", "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."),
    ("NotTerminating", "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."),
    ("BestEffort", "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."),
    ("NotBestEffort", "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."),
];

/// `DescribeResourceQuotas`.
fn resource_quotas(quotas: &[Value], w: &mut Writer) {
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
        return;
    }
    let mut sorted: Vec<&Value> = quotas.iter().collect();
    sorted.sort_by_key(|q| s(q, &["metadata", "name"]).to_string());
    w.write(0, "Resource Quotas\n");
    for q in sorted {
        w.write(1, &format!("Name:\t{}\n", s(q, &["metadata", "name"])));
        let mut scopes: Vec<&str> = arr(q, &["spec", "scopes"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if !scopes.is_empty() {
            scopes.sort();
            w.write(1, &format!("Scopes:\t{}\n", scopes.join(", ")));
            for scope in scopes {
                if let Some((_, help)) = SCOPE_HELP.iter().find(|(s, _)| *s == scope) {
                    w.write(1, &format!("* {help}\n"));
                }
            }
        }
        w.write(1, "Resource\tUsed\tHard\n");
        w.write(1, "--------\t---\t---\n");
        for (res, hard) in map(q, &["status", "hard"]) {
            w.write(
                1,
                &format!(
                    "{res}\t{}\t{}\n",
                    quantity_at(q, &["status", "used", res]),
                    super::quantity(hard)
                ),
            );
        }
    }
}

/// `DescribeLimitRanges`.
fn limit_ranges_section(ranges: &[Value], w: &mut Writer) {
    if ranges.is_empty() {
        w.write(0, "No LimitRange resource.\n");
        return;
    }
    w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(
        0,
        " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    for lr in ranges {
        limit_range_rows(w, lr, " ");
    }
}

/// `describeLimitRangeSpec`: one row per limit type and resource. kubectl
/// walks a Go map here (random order); the rows go by resource name.
pub(super) fn limit_range_rows(w: &mut Writer, lr: &Value, prefix: &str) {
    for item in arr(lr, &["spec", "limits"]) {
        let fields = [
            "min",
            "max",
            "defaultRequest",
            "default",
            "maxLimitRequestRatio",
        ];
        let mut names: Vec<&str> = fields
            .iter()
            .flat_map(|f| map(item, &[f]).into_iter().map(|(k, _)| k))
            .collect();
        names.sort();
        names.dedup();
        for n in names {
            let cell = |f: &str| match meta::str_at(item, &[f, n]) {
                Some(q) => super::quantity(q),
                None => "-".into(),
            };
            w.write(
                0,
                &format!(
                    "{prefix}{}\t{n}\t{}\t{}\t{}\t{}\t{}\n",
                    s(item, &["type"]),
                    cell("min"),
                    cell("max"),
                    cell("defaultRequest"),
                    cell("default"),
                    cell("maxLimitRequestRatio")
                ),
            );
        }
    }
}
