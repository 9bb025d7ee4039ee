//! A CRD version's `openAPIV3Schema` applied to custom resources, as
//! apiextensions-apiserver v1.33 does on decode and validation: pruning of
//! unknown fields, defaults, and kube-openapi validation with its messages
//! (`kube-openapi/pkg/validation/{validate,errors}`, turned into field errors by
//! `apiserver/validation.kubeOpenAPIResultToFieldErrors`).

use crate::api::status::{go_quote, FieldError, FieldErrorKind};
use serde_json::{Map, Value};

fn properties(s: &Value) -> Option<&Map<String, Value>> {
    s.get("properties")?.as_object()
}

fn flag(s: &Value, name: &str) -> bool {
    s.get(name).and_then(Value::as_bool) == Some(true)
}

/// `additionalProperties` given as a schema (maps).
fn additional(s: &Value) -> Option<&Value> {
    s.get("additionalProperties").filter(|a| a.is_object())
}

fn items(s: &Value) -> Option<&Value> {
    s.get("items").filter(|i| i.is_object())
}

/// Drops the fields the schema does not specify, unless
/// `x-kubernetes-preserve-unknown-fields` keeps them. At the root of a
/// resource (and of embedded resources) apiVersion, kind and metadata stay.
pub fn prune(obj: &mut Value, schema: &Value) {
    prune_at(obj, schema, true);
}

fn prune_at(v: &mut Value, s: &Value, resource_root: bool) {
    match v {
        Value::Object(m) => {
            let root = resource_root || flag(s, "x-kubernetes-embedded-resource");
            let keep_unknown = flag(s, "x-kubernetes-preserve-unknown-fields");
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                if root && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                    continue;
                }
                let child_schema = properties(s)
                    .and_then(|p| p.get(&k))
                    .or_else(|| additional(s));
                match child_schema {
                    Some(cs) => {
                        if let Some(child) = m.get_mut(&k) {
                            prune_at(child, cs, false);
                        }
                    }
                    None if keep_unknown => {}
                    None => {
                        m.remove(&k);
                    }
                }
            }
        }
        Value::Array(a) => {
            if let Some(it) = items(s) {
                for e in a {
                    prune_at(e, it, false);
                }
            }
        }
        _ => {}
    }
}

/// The paths pruning would drop (`spec.foo`, `spec.list[0].bar`), sorted, as
/// strict field validation reports them (`pruning.PruneWithOptions`).
pub fn unknown_fields(obj: &Value, schema: &Value) -> Vec<String> {
    let mut out = vec![];
    unknown_at(obj, Some(schema), true, "", &mut out);
    out.sort();
    out
}

fn unknown_at(
    v: &Value,
    s: Option<&Value>,
    resource_root: bool,
    path: &str,
    out: &mut Vec<String>,
) {
    let key_path = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    if s.is_some_and(|s| flag(s, "x-kubernetes-preserve-unknown-fields")) {
        // Unknown fields are kept here; known ones below are still checked.
        if let (Value::Object(m), Some(s)) = (v, s) {
            for (k, child) in m {
                if let Some(cs) = properties(s)
                    .and_then(|p| p.get(k))
                    .or_else(|| additional(s))
                {
                    unknown_at(child, Some(cs), false, &key_path(k), out);
                }
            }
        }
        return;
    }
    match v {
        Value::Object(m) => {
            let Some(s) = s else {
                out.extend(m.keys().map(|k| key_path(k)));
                return;
            };
            let root = resource_root || flag(s, "x-kubernetes-embedded-resource");
            for (k, child) in m {
                if root && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                    continue;
                }
                match properties(s)
                    .and_then(|p| p.get(k))
                    .or_else(|| additional(s))
                {
                    Some(cs) => unknown_at(child, Some(cs), false, &key_path(k), out),
                    None => out.push(key_path(k)),
                }
            }
        }
        Value::Array(a) => {
            for (i, e) in a.iter().enumerate() {
                unknown_at(e, s.and_then(items), false, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Sets the schema's `default`s on absent fields (and on nulls where null is
/// not allowed), top-down, then descends into the result.
pub fn default(v: &mut Value, s: &Value) {
    match v {
        Value::Object(m) => {
            if let Some(props) = properties(s) {
                for (k, ps) in props {
                    let Some(d) = ps.get("default") else {
                        continue;
                    };
                    let missing = match m.get(k) {
                        None => true,
                        Some(Value::Null) => !flag(ps, "nullable"),
                        Some(_) => false,
                    };
                    if missing {
                        m.insert(k.clone(), d.clone());
                    }
                }
                for (k, ps) in props {
                    if let Some(child) = m.get_mut(k) {
                        default(child, ps);
                    }
                }
            }
            if let Some(a) = additional(s) {
                for child in m.values_mut() {
                    default(child, a);
                }
            }
        }
        Value::Array(arr) => {
            if let Some(it) = items(s) {
                for e in arr {
                    default(e, it);
                }
            }
        }
        _ => {}
    }
}

/// Validates a custom resource against its schema (the whole object, from
/// the root). Errors come in kube-openapi's order; properties are visited in
/// name order where Go's map order would be random.
pub fn validate(obj: &Value, schema: &Value) -> Vec<FieldError> {
    let mut errs = vec![];
    check(obj, schema, "", &mut errs);
    errs
}

/// The JSON type name kube-openapi infers for a decoded value.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_ok(expected: &str, v: &Value) -> bool {
    let actual = json_type(v);
    if expected == actual {
        return true;
    }
    match (expected, v) {
        // A float holding an integer passes as integer; an integer is a number.
        ("integer", Value::Number(n)) => n.as_f64().is_some_and(|f| f.fract() == 0.0),
        ("number", Value::Number(_)) => true,
        _ => false,
    }
}

/// Go's `%v` of a float64 (`%g` with the shortest representation).
pub fn go_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// How a field error prints a decoded value (`ErrorBody`): numbers and bools
/// with `%v`, strings quoted, anything else as JSON.
pub fn bad_value(v: &Value) -> String {
    match v {
        Value::String(s) => go_quote(s),
        Value::Number(n) if n.is_f64() => go_float(n.as_f64().unwrap_or(0.0)),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn limit(s: &Value, key: &str) -> Option<f64> {
    s.get(key).and_then(Value::as_f64)
}

fn field(path: &str) -> String {
    if path.is_empty() {
        "<nil>".into()
    } else {
        path.to_string()
    }
}

fn invalid(path: &str, v: &Value, detail: String) -> FieldError {
    FieldError::invalid(&field(path), &bad_value(v), &detail)
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn check(v: &Value, s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let types = s
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    if v.is_null() {
        if let Some(t) = types {
            if !flag(s, "nullable") {
                errs.push(type_invalid(path, t, "null"));
            }
        }
        check_enum(v, s, path, errs);
        return;
    }
    if let Some(t) = types {
        if !type_ok(t, v) {
            errs.push(type_invalid(path, t, json_type(v)));
        }
    }
    match v {
        Value::String(st) => check_string(st, v, s, path, errs),
        Value::Number(_) => check_number(v, s, path, errs),
        Value::Array(a) => check_array(a, s, path, errs),
        _ => {}
    }
    check_enum(v, s, path, errs);
    if let Value::Object(m) = v {
        check_object(m, s, path, errs);
    }
}

fn type_invalid(path: &str, expected: &str, actual: &str) -> FieldError {
    FieldError {
        field: field(path),
        kind: FieldErrorKind::TypeInvalid(
            go_quote(actual),
            format!(
                "{path} in body must be of type {expected}: {}",
                go_quote(actual)
            ),
        ),
    }
}

fn check_string(st: &str, v: &Value, s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let len = st.chars().count() as f64;
    if let Some(max) = limit(s, "maxLength") {
        if len > max {
            errs.push(FieldError {
                field: field(path),
                kind: FieldErrorKind::TooLong(max as usize),
            });
        }
    }
    if let Some(min) = limit(s, "minLength") {
        if len < min {
            let msg = format!(
                "{path} in body should be at least {} chars long",
                min as i64
            );
            errs.push(invalid(path, v, msg));
        }
    }
    if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
        let matched = regex::Regex::new(pattern).map(|re| re.is_match(st));
        match matched {
            Ok(true) => {}
            Ok(false) => {
                errs.push(invalid(
                    path,
                    v,
                    format!("{path} in body should match '{pattern}'"),
                ));
            }
            Err(e) => errs.push(invalid(
                path,
                v,
                format!("{path} in body should match '{pattern}, but pattern is invalid: {e}'"),
            )),
        }
    }
}

fn check_number(v: &Value, s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let x = v.as_f64().unwrap_or(0.0);
    if let Some(f) = limit(s, "multipleOf") {
        if f > 0.0 && (x / f).fract() != 0.0 {
            let msg = format!("{path} in body should be a multiple of {}", go_float(f));
            errs.push(invalid(path, v, msg));
        }
    }
    if let Some(max) = limit(s, "maximum") {
        let exclusive = flag(s, "exclusiveMaximum");
        if x > max || (exclusive && x == max) {
            let how = if exclusive {
                "less than"
            } else {
                "less than or equal to"
            };
            let msg = format!("{path} in body should be {how} {}", go_float(max));
            errs.push(invalid(path, v, msg));
        }
    }
    if let Some(min) = limit(s, "minimum") {
        let exclusive = flag(s, "exclusiveMinimum");
        if x < min || (exclusive && x == min) {
            let how = if exclusive {
                "greater than"
            } else {
                "greater than or equal to"
            };
            let msg = format!("{path} in body should be {how} {}", go_float(min));
            errs.push(invalid(path, v, msg));
        }
    }
}

fn check_array(a: &[Value], s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    if let Some(it) = items(s) {
        for (i, e) in a.iter().enumerate() {
            check(e, it, &format!("{path}[{i}]"), errs);
        }
    }
    let size = a.len() as i64;
    if let Some(min) = limit(s, "minItems") {
        if (size as f64) < min {
            errs.push(FieldError::invalid(
                &field(path),
                &size.to_string(),
                &format!("{path} in body should have at least {} items", min as i64),
            ));
        }
    }
    if let Some(max) = limit(s, "maxItems") {
        if (size as f64) > max {
            errs.push(FieldError {
                field: field(path),
                kind: FieldErrorKind::TooMany(Some(size), max as i64),
            });
        }
    }
    if flag(s, "uniqueItems") {
        let dup = a
            .iter()
            .enumerate()
            .any(|(i, x)| a[..i].iter().any(|y| y == x));
        if dup {
            errs.push(FieldError::invalid(
                &field(path),
                "\"\"",
                &format!("{path} in body shouldn't contain duplicates"),
            ));
        }
    }
}

fn check_enum(v: &Value, s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let Some(allowed) = s.get("enum").and_then(Value::as_array) else {
        return;
    };
    if allowed.iter().any(|a| a == v) {
        return;
    }
    let options: Vec<String> = allowed
        .iter()
        .map(|a| match a {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    errs.push(FieldError {
        field: field(path),
        kind: FieldErrorKind::NotSupported(bad_value(v), options),
    });
}

fn check_object(m: &Map<String, Value>, s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let n = m.len() as i64;
    if let Some(min) = limit(s, "minProperties") {
        if (n as f64) < min {
            let msg = format!(
                "{path} in body should have at least {} properties",
                min as i64
            );
            errs.push(FieldError::invalid(&field(path), &n.to_string(), &msg));
        }
    }
    if let Some(max) = limit(s, "maxProperties") {
        if (n as f64) > max {
            errs.push(FieldError {
                field: field(path),
                kind: FieldErrorKind::TooMany(Some(n), max as i64),
            });
        }
    }
    let props = properties(s);
    if let Some(a) = additional(s) {
        for (k, value) in m {
            if props.is_some_and(|p| p.contains_key(k)) {
                continue;
            }
            check(value, a, &child(path, k), errs);
        }
    }
    if let Some(props) = props {
        for (k, ps) in props {
            if let Some(value) = m.get(k) {
                check(value, ps, &child(path, k), errs);
            }
        }
    }
    if let Some(required) = s.get("required").and_then(Value::as_array) {
        for k in required.iter().filter_map(Value::as_str) {
            if !m.contains_key(k) {
                errs.push(FieldError::required(&child(path, k), ""));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::status::Status;
    use serde_json::json;

    fn crontab_schema() -> Value {
        json!({"type": "object", "properties": {
            "spec": {"type": "object", "required": ["cronSpec"], "properties": {
                "cronSpec": {"type": "string", "pattern": "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$"},
                "image": {"type": "string", "maxLength": 5},
                "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "default": 1},
                "mode": {"type": "string", "enum": ["a", "b"]},
                "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
            }},
        }})
    }

    fn bodies(obj: Value) -> Vec<String> {
        validate(&obj, &crontab_schema())
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.body()))
            .collect()
    }

    #[test]
    fn type_errors_read_like_kube_openapi() {
        let errs = bodies(json!({"spec": {"cronSpec": "* * * * */5", "replicas": "string"}}));
        assert_eq!(
            errs,
            vec![
                r#"spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string""#
            ]
        );
    }

    #[test]
    fn required_enum_pattern_limits() {
        let errs = bodies(
            json!({"spec": {"image": "toolong", "replicas": 0, "mode": "c",
            "tags": ["x", "y", "z"]}}),
        );
        assert_eq!(
            errs,
            vec![
                "spec.image: Too long: may not be more than 5 bytes".to_string(),
                r#"spec.mode: Unsupported value: "c": supported values: "a", "b""#.into(),
                "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1".into(),
                "spec.tags: Too many: 3: must have at most 2 items".into(),
                "spec.cronSpec: Required value".into(),
            ]
        );
        let errs = bodies(json!({"spec": {"cronSpec": "nope"}}));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with(
            r#"spec.cronSpec: Invalid value: "nope": spec.cronSpec in body should match '^"#
        ));
    }

    #[test]
    fn integral_floats_pass_as_integers() {
        assert!(bodies(json!({"spec": {"cronSpec": "* * * * *", "replicas": 2.0}})).is_empty());
        let errs = bodies(json!({"spec": {"cronSpec": "* * * * *", "replicas": 2.5}}));
        assert_eq!(
            errs[0],
            r#"spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number""#
        );
    }

    #[test]
    fn pruning_keeps_known_and_preserved_fields() {
        let mut obj = json!({"apiVersion": "stable.example.com/v1", "kind": "CronTab",
            "metadata": {"name": "x"}, "junk": 1,
            "spec": {"cronSpec": "* * * * *", "unknown": true, "extra": {"anything": [1]}}});
        prune(&mut obj, &crontab_schema());
        assert_eq!(
            obj,
            json!({"apiVersion": "stable.example.com/v1", "kind": "CronTab",
                "metadata": {"name": "x"},
                "spec": {"cronSpec": "* * * * *", "extra": {"anything": [1]}}})
        );
    }

    #[test]
    fn unknown_fields_are_listed_for_strict_decoding() {
        let obj = json!({"apiVersion": "v", "kind": "K", "metadata": {"name": "x"}, "zed": 1,
            "spec": {"cronSpec": "*", "bogus": {"a": 1}, "tags": ["a"], "extra": {"free": 1}}});
        assert_eq!(
            unknown_fields(&obj, &crontab_schema()),
            vec!["spec.bogus", "zed"]
        );
    }

    #[test]
    fn defaults_fill_absent_fields() {
        let mut obj = json!({"spec": {"cronSpec": "* * * * *"}});
        default(&mut obj, &crontab_schema());
        assert_eq!(obj["spec"]["replicas"], json!(1));
        let mut obj = json!({"spec": {"replicas": 3}});
        default(&mut obj, &crontab_schema());
        assert_eq!(obj["spec"]["replicas"], json!(3));
    }

    #[test]
    fn kubectl_prints_one_cause_on_one_line() {
        let r = crate::api::ApiResource {
            name: "crontabs".into(),
            singular: "crontab".into(),
            short_names: vec![],
            group: "stable.example.com".into(),
            version: "v1".into(),
            namespaced: true,
            kind: "CronTab".into(),
            verbs: vec![],
            categories: vec![],
            subresources: vec![],
        };
        let errs = validate(
            &json!({"spec": {"cronSpec": "* * * * *", "replicas": "string"}}),
            &crontab_schema(),
        );
        let s = Status::invalid(&r, "x", errs);
        assert_eq!(
            crate::kubectl::errors::status_text(&s),
            "The CronTab \"x\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"\n"
        );
    }
}
