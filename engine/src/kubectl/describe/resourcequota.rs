//! `describe quota` (`describeQuota`): scopes with their help text, then
//! each resource of `status.hard` with its used and hard amounts.

use super::{Ctx, Writer};
use crate::api::Status;
use serde_json::Value;

fn scope_help(scope: &str) -> &'static str {
    match scope {
        "Terminating" => "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
        "NotTerminating" => "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
        "BestEffort" => "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
        "NotBestEffort" => "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
        _ => "",
    }
}

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let q = ctx.get("resourcequotas", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    let mut scopes: Vec<&str> = q["spec"]["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !scopes.is_empty() {
        scopes.sort();
        w.write(0, &format!("Scopes:\t{}\n", scopes.join(", ")));
        for s in &scopes {
            let help = scope_help(s);
            if !help.is_empty() {
                w.write(0, &format!(" * {help}\n"));
            }
        }
    }
    w.write(0, "Resource\tUsed\tHard\n");
    w.write(0, "--------\t----\t----\n");
    if let Some(hard) = q["status"]["hard"].as_object() {
        for (resource, h) in hard {
            let used = q["status"]["used"][resource].as_str().unwrap_or("0");
            w.write(
                0,
                &format!("{resource}\t{used}\t{}\n", h.as_str().unwrap_or("")),
            );
        }
    }
    Ok(w.finish())
}
