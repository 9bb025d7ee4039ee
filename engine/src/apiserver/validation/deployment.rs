//! Deployments (`ValidateDeploymentSpec`, v1.33): replicas, selector,
//! template, strategy, and the durations.

use super::{go, nonnegative, pod, selector};
use crate::api::meta;
use crate::api::FieldError;
use serde_json::{json, Value};

pub fn deployment(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = nonnegative(obj, &["spec", "replicas"], "spec.replicas");
    errs.extend(selector::selector_errors(spec, "deployment"));
    errs.extend(selector::template_labels_match(spec));
    errs.extend(pod::template(spec, "spec.template"));
    errs.extend(selector::always_restart(spec, "ReplicaSet"));
    errs.extend(strategy(spec));
    errs.extend(nonnegative(
        obj,
        &["spec", "minReadySeconds"],
        "spec.minReadySeconds",
    ));
    errs.extend(nonnegative(
        obj,
        &["spec", "revisionHistoryLimit"],
        "spec.revisionHistoryLimit",
    ));
    if let Some(p) = meta::at(obj, &["spec", "progressDeadlineSeconds"]).and_then(Value::as_i64) {
        errs.extend(nonnegative(
            obj,
            &["spec", "progressDeadlineSeconds"],
            "spec.progressDeadlineSeconds",
        ));
        let min_ready = spec
            .get("minReadySeconds")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if p <= min_ready {
            errs.push(FieldError::invalid(
                "spec.progressDeadlineSeconds",
                &p.to_string(),
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

/// `ValidateDeploymentStrategy`.
fn strategy(spec: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let st = spec.get("strategy").unwrap_or(&empty);
    let rolling = st.get("rollingUpdate").filter(|r| !r.is_null());
    match st.get("type").and_then(Value::as_str).unwrap_or("") {
        "Recreate" if rolling.is_some() => vec![FieldError::forbidden(
            "spec.strategy.rollingUpdate",
            "may not be specified when strategy `type` is 'Recreate'",
        )],
        "Recreate" => vec![],
        "RollingUpdate" => match rolling {
            None => vec![FieldError::required(
                "spec.strategy.rollingUpdate",
                "this should be defaulted and never be nil",
            )],
            Some(r) => rolling_update(r),
        },
        other => vec![FieldError::not_supported(
            "spec.strategy",
            &format!(
                "apps.DeploymentStrategy{{Type:{}, RollingUpdate:{}}}",
                crate::api::status::go_quote(other),
                if rolling.is_some() {
                    "(*apps.RollingUpdateDeployment)(0xc000a1c000)"
                } else {
                    "(*apps.RollingUpdateDeployment)(nil)"
                }
            ),
            &["Recreate", "RollingUpdate"],
        )],
    }
}

/// An int, or a percent's number (`getIntOrPercentValue`).
fn int_or_percent(v: Option<&Value>) -> (i64, bool) {
    match v {
        Some(Value::String(s)) => (
            s.strip_suffix('%')
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
            true,
        ),
        Some(n) => (n.as_i64().unwrap_or(0), false),
        None => (0, false),
    }
}

/// `ValidateRollingUpdateDeployment`.
fn rolling_update(r: &Value) -> Vec<FieldError> {
    let mut errs = vec![];
    for k in ["maxUnavailable", "maxSurge"] {
        let field = format!("spec.strategy.rollingUpdate.{k}");
        match r.get(k) {
            Some(Value::String(s)) => {
                let ok = s
                    .strip_suffix('%')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                if !ok {
                    errs.push(FieldError::invalid(
                        &field,
                        &go::int_or_string(r.get(k)),
                        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                    ));
                }
            }
            Some(n) if n.as_i64().unwrap_or(0) < 0 => errs.push(FieldError::invalid(
                &field,
                &n.as_i64().unwrap_or(0).to_string(),
                "must be greater than or equal to 0",
            )),
            _ => {}
        }
    }
    let (mu, mu_pct) = int_or_percent(r.get("maxUnavailable"));
    let (ms, _) = int_or_percent(r.get("maxSurge"));
    if mu == 0 && ms == 0 {
        errs.push(FieldError::invalid(
            "spec.strategy.rollingUpdate.maxUnavailable",
            &go::int_or_string(r.get("maxUnavailable")),
            "may not be 0 when `maxSurge` is 0",
        ));
    }
    if mu_pct && mu > 100 {
        errs.push(FieldError::invalid(
            "spec.strategy.rollingUpdate.maxUnavailable",
            &go::int_or_string(r.get("maxUnavailable")),
            "must not be greater than 100%",
        ));
    }
    errs
}
