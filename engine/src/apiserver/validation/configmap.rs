//! ConfigMaps (`ValidateConfigMap`, v1.33): key names, no key in both data
//! and binaryData, total size.

use crate::api::status::go_quote;
use crate::api::FieldError;
use serde_json::Value;

const MAX_SIZE: usize = 1024 * 1024;

/// `IsConfigMapKey` (ConfigMap and Secret keys).
pub fn key_errors(key: &str) -> Vec<String> {
    let mut errs = vec![];
    if key.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
    if !ok {
        errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".into());
    }
    match key {
        "." => errs.push("must not be '.'".into()),
        ".." => errs.push("must not be '..'".into()),
        k if k.starts_with("..") => errs.push("must not start with '..'".into()),
        _ => {}
    }
    errs
}

pub fn config_map(obj: &Value) -> Vec<FieldError> {
    let mut errs = vec![];
    let data = obj.get("data").and_then(Value::as_object);
    let binary = obj.get("binaryData").and_then(Value::as_object);
    let mut total = 0;
    for (k, v) in data.into_iter().flatten() {
        for m in key_errors(k) {
            errs.push(FieldError::invalid(&format!("data[{k}]"), &go_quote(k), &m));
        }
        if binary.is_some_and(|b| b.contains_key(k)) {
            errs.push(FieldError::invalid(
                &format!("data[{k}]"),
                &go_quote(k),
                "duplicate of key present in binaryData",
            ));
        }
        total += v.as_str().map_or(0, str::len);
    }
    for (k, v) in binary.into_iter().flatten() {
        for m in key_errors(k) {
            errs.push(FieldError::invalid(
                &format!("binaryData[{k}]"),
                &go_quote(k),
                &m,
            ));
        }
        // Stored base64: the bytes are three quarters of it.
        total += v.as_str().map_or(0, |s| s.len() / 4 * 3);
    }
    if total > MAX_SIZE {
        errs.push(FieldError {
            field: "<nil>".into(),
            kind: crate::api::status::FieldErrorKind::TooLong(MAX_SIZE),
        });
    }
    errs
}
