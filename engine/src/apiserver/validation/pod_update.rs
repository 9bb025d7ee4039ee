//! `ValidatePodUpdate` (v1.33): a pod's spec is immutable but for container
//! images, activeDeadlineSeconds, added tolerations and a negative grace period
//! set to 1; containers may not be added or removed.

use crate::api::status::go_quote;
use crate::api::FieldError;
use serde_json::{json, Value};

const UPDATABLE: &str = "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

fn containers<'a>(spec: &'a Value, kind: &str) -> &'a [Value] {
    spec.get(kind)
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or(&[])
}

pub fn pod_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let (new_spec, old_spec) = (
        obj.get("spec").unwrap_or(&empty),
        old.get("spec").unwrap_or(&empty),
    );
    let mut errs = vec![];
    for kind in ["containers", "initContainers"] {
        let (n, o) = (containers(new_spec, kind), containers(old_spec, kind));
        if n.len() != o.len() {
            errs.push(FieldError::forbidden(
                &format!("spec.{kind}"),
                "pod updates may not add or remove containers",
            ));
            return errs;
        }
        for (i, c) in n.iter().enumerate() {
            let image = c.get("image").and_then(Value::as_str).unwrap_or("");
            if image.is_empty() {
                errs.push(FieldError::required(&format!("spec.{kind}[{i}].image"), ""));
            } else if image.trim() != image {
                errs.push(FieldError::invalid(
                    &format!("spec.{kind}[{i}].image"),
                    &go_quote(image),
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    if new_spec == old_spec {
        return errs;
    }
    // Munge the updatable fields to their old values, then compare.
    let mut munged = new_spec.clone();
    for kind in ["containers", "initContainers"] {
        if let Some(cs) = munged.get_mut(kind).and_then(Value::as_array_mut) {
            for (c, o) in cs.iter_mut().zip(containers(old_spec, kind)) {
                c["image"] = o.get("image").cloned().unwrap_or(Value::Null);
            }
        }
    }
    for k in [
        "activeDeadlineSeconds",
        "tolerations",
        "terminationGracePeriodSeconds",
    ] {
        match old_spec.get(k) {
            Some(v) => munged[k] = v.clone(),
            None => {
                if let Some(m) = munged.as_object_mut() {
                    m.remove(k);
                }
            }
        }
    }
    if munged != *old_spec {
        errs.push(FieldError::forbidden(
            "spec",
            &format!(
                "pod updates may not change fields other than {UPDATABLE}\n{}",
                diff(old_spec, &munged)
            ),
        ));
    }
    errs
}

/// A go-cmp style summary of what changed, by PodSpec field (the real diff
/// is of the internal type and randomizes its spacing; only its first line
/// is stable).
fn diff(old: &Value, new: &Value) -> String {
    let mut keys: Vec<&String> = old
        .as_object()
        .into_iter()
        .chain(new.as_object())
        .flat_map(|m| m.keys())
        .collect();
    keys.sort();
    keys.dedup();
    let mut out = String::from("  core.PodSpec{\n");
    for k in keys {
        let (o, n) = (old.get(k), new.get(k));
        if o == n {
            continue;
        }
        let field = {
            let mut cs = k.chars();
            cs.next()
                .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
                .unwrap_or_default()
        };
        if let Some(o) = o {
            out.push_str(&format!("- \t{field}: {o},\n"));
        }
        if let Some(n) = n {
            out.push_str(&format!("+ \t{field}: {n},\n"));
        }
    }
    out.push_str("  }\n");
    out
}
