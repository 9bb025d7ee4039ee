//! Secrets (`ValidateSecret`, v1.33): key names, total size, and the keys
//! each type requires.

use super::configmap::key_errors;
use crate::api::status::{go_quote, FieldErrorKind};
use crate::api::FieldError;
use serde_json::Value;

const MAX_SIZE: usize = 1024 * 1024;

pub fn secret(obj: &Value) -> Vec<FieldError> {
    let mut errs = vec![];
    let data = obj.get("data").and_then(Value::as_object);
    let mut total = 0;
    for (k, v) in data.into_iter().flatten() {
        for m in key_errors(k) {
            errs.push(FieldError::invalid(&format!("data[{k}]"), &go_quote(k), &m));
        }
        total += v.as_str().map_or(0, |s| s.len() / 4 * 3);
    }
    if total > MAX_SIZE {
        errs.push(FieldError {
            field: "data".into(),
            kind: FieldErrorKind::TooLong(MAX_SIZE),
        });
    }
    let has = |k: &str| data.is_some_and(|d| d.contains_key(k));
    let required = |k: &str| FieldError::required(&format!("data[{k}]"), "");
    match obj.get("type").and_then(Value::as_str).unwrap_or("") {
        "kubernetes.io/service-account-token" => {
            let name = obj
                .get("metadata")
                .and_then(|m| m.get("annotations"))
                .and_then(|a| a.get("kubernetes.io/service-account.name"))
                .and_then(Value::as_str)
                .unwrap_or("");
            if name.is_empty() {
                errs.push(FieldError::required(
                    "metadata.annotations[kubernetes.io/service-account.name]",
                    "",
                ));
            }
        }
        "kubernetes.io/dockercfg" if !has(".dockercfg") => errs.push(required(".dockercfg")),
        "kubernetes.io/dockerconfigjson" if !has(".dockerconfigjson") => {
            errs.push(required(".dockerconfigjson"))
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            errs.push(required("username"));
            errs.push(required("password"));
        }
        "kubernetes.io/ssh-auth" if !has("ssh-privatekey") => errs.push(required("ssh-privatekey")),
        "kubernetes.io/tls" => {
            if !has("tls.crt") {
                errs.push(required("tls.crt"));
            }
            if !has("tls.key") {
                errs.push(required("tls.key"));
            }
        }
        _ => {}
    }
    errs
}
