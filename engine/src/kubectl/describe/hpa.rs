//! `describe horizontalpodautoscaler` in the autoscaling/v2 layout: each
//! metric as `current / target`, the bounds, the behavior, the conditions.

use super::events::{self, Ref};
use super::{arr, int, namespaced_head, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

/// A quantity field as `Quantity.String()` prints it (`0` when absent).
fn q(v: Option<&Value>) -> String {
    match v.and_then(Value::as_str) {
        Some(x) => super::quantity(x),
        None => match v.and_then(Value::as_i64) {
            Some(n) => n.to_string(),
            None => "0".into(),
        },
    }
}

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let hpa = ctx.get("horizontalpodautoscalers.autoscaling", ns, name)?;
    let mut w = Writer::default();
    namespaced_head(&mut w, &hpa);
    let created = meta::str_at(&hpa, &["metadata", "creationTimestamp"]);
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(created)));
    let target_kind = s(&hpa, &["spec", "scaleTargetRef", "kind"]);
    w.write(
        0,
        &format!(
            "Reference:\t{target_kind}/{}\n",
            s(&hpa, &["spec", "scaleTargetRef", "name"])
        ),
    );
    w.write(0, "Metrics:\t( current / target )\n");
    let current = arr(&hpa, &["status", "currentMetrics"]);
    for (i, m) in arr(&hpa, &["spec", "metrics"]).iter().enumerate() {
        metric(&mut w, m, current.get(i));
    }
    let min = match hpa["spec"].get("minReplicas").and_then(Value::as_i64) {
        Some(n) => n.to_string(),
        None => "<unset>".into(),
    };
    w.write(0, &format!("Min replicas:\t{min}\n"));
    w.write(
        0,
        &format!("Max replicas:\t{}\n", int(&hpa, &["spec", "maxReplicas"])),
    );
    if let Some(b) = meta::at(&hpa, &["spec", "behavior"]).filter(|b| b.is_object()) {
        w.write(0, "Behavior:\n");
        direction(&mut w, "Scale Up", b.get("scaleUp"));
        direction(&mut w, "Scale Down", b.get("scaleDown"));
    }
    w.write(0, &format!("{target_kind} pods:\t"));
    w.write(
        0,
        &format!(
            "{} current / {} desired\n",
            int(&hpa, &["status", "currentReplicas"]),
            int(&hpa, &["status", "desiredReplicas"])
        ),
    );
    let conditions = arr(&hpa, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tReason\tMessage\n");
        w.write(1, "----\t------\t------\t-------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&hpa), &mut w);
    }
    Ok(w.finish())
}

/// One metric line; `cur` is the status entry at the same index, if any.
fn metric(w: &mut Writer, m: &Value, cur: Option<&Value>) {
    // The current value of `source` at `field`, when the status has that source.
    let current = |source: &str, field: &str| -> Option<String> {
        let c = cur?.get(source).filter(|v| v.is_object())?;
        Some(q(meta::at(c, &["current", field])))
    };
    let unknown = || "<unknown>".to_string();
    match s(m, &["type"]) {
        "External" => {
            let e = &m["external"];
            let name = s(e, &["metric", "name"]);
            if let Some(avg) = meta::at(e, &["target", "averageValue"]) {
                let c = cur
                    .and_then(|c| meta::at(c, &["external", "current", "averageValue"]))
                    .map(|v| q(Some(v)))
                    .unwrap_or_else(unknown);
                w.write(
                    1,
                    &format!("{name:?} (target average value):\t{c} / {}\n", q(Some(avg))),
                );
            } else {
                let c = current("external", "value").unwrap_or_else(unknown);
                let t = q(meta::at(e, &["target", "value"]));
                w.write(1, &format!("{name:?} (target value):\t{c} / {t}\n"));
            }
        }
        "Pods" => {
            let p = &m["pods"];
            let c = current("pods", "averageValue").unwrap_or_else(unknown);
            let t = q(meta::at(p, &["target", "averageValue"]));
            w.write(
                1,
                &format!("{:?} on pods:\t{c} / {t}\n", s(p, &["metric", "name"])),
            );
        }
        "Object" => {
            let o = &m["object"];
            w.write(
                1,
                &format!(
                    "\"{}\" on {}/{} ",
                    s(o, &["metric", "name"]),
                    s(o, &["describedObject", "kind"]),
                    s(o, &["describedObject", "name"])
                ),
            );
            if s(o, &["target", "type"]) == "AverageValue" {
                let c = current("object", "averageValue").unwrap_or_else(unknown);
                let t = q(meta::at(o, &["target", "averageValue"]));
                w.write(0, &format!("(target average value):\t{c} / {t}\n"));
            } else {
                let c = current("object", "value").unwrap_or_else(unknown);
                let t = q(meta::at(o, &["target", "value"]));
                w.write(0, &format!("(target value):\t{c} / {t}\n"));
            }
        }
        kind @ ("Resource" | "ContainerResource") => {
            let field = if kind == "Resource" {
                "resource"
            } else {
                "containerResource"
            };
            let r = &m[field];
            if kind == "Resource" {
                w.write(1, &format!("resource {} on pods", s(r, &["name"])));
            } else {
                w.write(
                    1,
                    &format!(
                        "resource {} of container \"{}\" on pods",
                        s(r, &["name"]),
                        s(r, &["container"])
                    ),
                );
            }
            if let Some(avg) = meta::at(r, &["target", "averageValue"]) {
                let c = current(field, "averageValue").unwrap_or_else(unknown);
                w.write(0, &format!(":\t{c} / {}\n", q(Some(avg))));
            } else {
                let c = cur
                    .and_then(|c| c.get(field).filter(|v| v.is_object()))
                    .and_then(|c| {
                        let pct = meta::at(c, &["current", "averageUtilization"])?.as_i64()?;
                        Some(format!(
                            "{pct}% ({})",
                            q(meta::at(c, &["current", "averageValue"]))
                        ))
                    })
                    .unwrap_or_else(unknown);
                let t = match meta::at(r, &["target", "averageUtilization"]).and_then(Value::as_i64)
                {
                    Some(p) => format!("{p}%"),
                    None => "<auto>".into(),
                };
                w.write(1, &format!("(as a percentage of request):\t{c} / {t}\n"));
            }
        }
        other => w.write(1, &format!("<unknown metric type {other:?}>\n")),
    }
}

/// `printDirectionBehavior`.
fn direction(w: &mut Writer, title: &str, rules: Option<&Value>) {
    let Some(rules) = rules.filter(|r| r.is_object()) else {
        return;
    };
    w.write(1, &format!("{title}:\n"));
    if let Some(secs) = rules
        .get("stabilizationWindowSeconds")
        .and_then(Value::as_i64)
    {
        w.write(2, &format!("Stabilization Window: {secs} seconds\n"));
    }
    let policies = arr(rules, &["policies"]);
    if !policies.is_empty() {
        let select = meta::str_at(rules, &["selectPolicy"]).unwrap_or("Max");
        w.write(2, &format!("Select Policy: {select}\n"));
        w.write(2, "Policies:\n");
        for p in policies {
            w.write(
                3,
                &format!(
                    "- Type: {}\tValue: {}\tPeriod: {} seconds\n",
                    s(p, &["type"]),
                    int(p, &["value"]),
                    int(p, &["periodSeconds"])
                ),
            );
        }
    }
}
