//! `describe poddisruptionbudget` (describePodDisruptionBudgetV1): the
//! budget, its selector and the disruption controller's counts.

use super::events::{self, Ref};
use super::{selector_string, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

fn int_or_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let pdb = ctx.get("poddisruptionbudgets.policy", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    if let Some(min) = meta::at(&pdb, &["spec", "minAvailable"]) {
        w.write(0, &format!("Min available:\t{}\n", int_or_string(min)));
    } else if let Some(max) = meta::at(&pdb, &["spec", "maxUnavailable"]) {
        w.write(0, &format!("Max unavailable:\t{}\n", int_or_string(max)));
    }
    match meta::at(&pdb, &["spec", "selector"]) {
        Some(sel) => {
            let text = selector_string(Some(sel));
            let text = if text.is_empty() {
                "<none>".into()
            } else {
                text
            };
            w.write(0, &format!("Selector:\t{text}\n"))
        }
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    let count = |k: &str| {
        meta::at(&pdb, &["status", k])
            .and_then(Value::as_i64)
            .unwrap_or(0)
    };
    w.write(0, "Status:\n");
    w.write(
        2,
        &format!("Allowed disruptions:\t{}\n", count("disruptionsAllowed")),
    );
    w.write(2, &format!("Current:\t{}\n", count("currentHealthy")));
    w.write(2, &format!("Desired:\t{}\n", count("desiredHealthy")));
    w.write(2, &format!("Total:\t{}\n", count("expectedPods")));
    if ctx.show_events {
        events::section(ctx, &Ref::of(&pdb), &mut w);
    }
    Ok(w.finish())
}
