//! Server-side field validation (`fieldValidation=Strict|Warn|Ignore`):
//! fields the kind's OpenAPI schema does not know, reported the way the
//! strict JSON decoder does (`unknown field "spec.contianers"`,
//! `unknown field "spec.template.spec.containers[0].imagee"`). Unknown
//! fields are dropped whatever the directive, as decoding into the Go type
//! drops them.

use crate::api::openapi::{schemas, Schemas};
use crate::api::status::{Cause, StatusDetails};
use crate::api::{ApiResource, Status};
use serde_json::Value;

/// The `fieldValidation` directive of a write request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    /// Drop unknown fields silently (the cluster's own components).
    #[default]
    Ignore,
    /// Drop them and warn (the server's default when a request names none).
    Warn,
    /// Reject the request (kubectl's `--validate=strict`, its default).
    Strict,
}

impl FieldValidation {
    /// The `fieldValidation` query parameter; absent means Warn.
    pub fn from_param(param: Option<&str>) -> Result<FieldValidation, Status> {
        match param {
            None | Some("") | Some("Warn") => Ok(FieldValidation::Warn),
            Some("Strict") => Ok(FieldValidation::Strict),
            Some("Ignore") => Ok(FieldValidation::Ignore),
            Some(other) => Err(Status::bad_request(format!(
                "fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{other}\""
            ))),
        }
    }

    /// kubectl's `--validate` value (already checked by the command).
    pub fn from_flag(value: &str) -> FieldValidation {
        match value {
            "warn" => FieldValidation::Warn,
            "ignore" | "false" => FieldValidation::Ignore,
            _ => FieldValidation::Strict,
        }
    }
}

/// Collects the unknown fields under `path`, removing them from `v`.
fn walk(all: &Schemas, schema: &Value, v: &mut Value, path: &str, out: &mut Vec<String>) {
    let s = all.resolve(schema);
    if s["x-kubernetes-preserve-unknown-fields"] == true {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Object(m) => {
            if let Some(props) = s["properties"].as_object() {
                m.retain(|k, child| match props.get(k) {
                    Some(ps) => {
                        walk(all, ps, child, &join(k), out);
                        true
                    }
                    None => {
                        out.push(join(k));
                        false
                    }
                });
            } else if s["additionalProperties"].is_object() {
                for (k, child) in m.iter_mut() {
                    walk(all, &s["additionalProperties"], child, &join(k), out);
                }
            }
        }
        Value::Array(items) if s["items"].is_object() => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(all, &s["items"], item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Removes the fields a built-in kind's schema does not know and returns
/// their paths, in the order the decoder meets them. Custom resources are
/// pruned by their own structural schema (apiserver/crd), not here.
pub fn prune(r: &ApiResource, obj: &mut Value) -> Vec<String> {
    let all = schemas();
    let Some(schema) = all.of_kind(&r.group, &r.version, &r.kind) else {
        return vec![];
    };
    let mut out = vec![];
    walk(all, schema, obj, "", &mut out);
    out
}

fn quoted(unknown: Vec<String>) -> Vec<String> {
    unknown
        .into_iter()
        .map(|f| format!("unknown field \"{f}\""))
        .collect()
}

/// Checks a create or update body: 400 under Strict, the warnings under Warn.
pub fn check(d: FieldValidation, r: &ApiResource, obj: &mut Value) -> Result<Vec<String>, Status> {
    let unknown = prune(r, obj);
    if unknown.is_empty() || d == FieldValidation::Ignore {
        return Ok(vec![]);
    }
    let unknown = quoted(unknown);
    if d == FieldValidation::Warn {
        return Ok(unknown);
    }
    Err(Status::bad_request(format!(
        "{kind} in version \"{v}\" cannot be handled as a {kind}: strict decoding error: {}",
        unknown.join(", "),
        kind = r.kind,
        v = r.version
    )))
}

/// A merge or strategic patch's unknown fields, found on the patched object:
/// dropped always; Warn: warnings; Strict: upstream's 422 on the patch.
pub fn check_patch(
    d: FieldValidation,
    r: &ApiResource,
    patch: &Value,
    patched: &mut Value,
) -> Result<Vec<String>, Status> {
    let unknown = prune(r, patched);
    if unknown.is_empty() || d == FieldValidation::Ignore {
        return Ok(vec![]);
    }
    let unknown = quoted(unknown);
    if d == FieldValidation::Warn {
        return Ok(unknown);
    }
    Err(invalid_patch(
        patch_as_quoted(patch),
        format!("strict decoding error: {}", unknown.join(", ")),
    ))
}

/// A strategic merge patch as its handler quotes it: Go's `%+v`, quoted.
pub fn patch_as_quoted(patch: &Value) -> String {
    serde_json::to_string(&go_value(patch)).unwrap_or_default()
}

/// The patch handler's 422: `"" is invalid: patch: Invalid value: …: why`.
pub fn invalid_patch(value: String, why: String) -> Status {
    let error = format!("Invalid value: {value}: {why}");
    Status {
        code: 422,
        reason: "Invalid".into(),
        message: format!(" \"\" is invalid: patch: {error}"),
        details: Some(Box::new(StatusDetails {
            name: String::new(),
            group: String::new(),
            kind: String::new(),
            causes: vec![Cause {
                reason: "FieldValueInvalid".into(),
                message: error,
                field: "patch".into(),
            }],
        })),
    }
}

/// Go's `%+v` of a decoded JSON value (`map[spec:map[replica:2]]`), as the
/// patch handler quotes a patch in its errors.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", go_value(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Registry;
    use serde_json::json;

    #[test]
    fn finds_misspelt_fields_with_their_paths() {
        let reg = Registry::default();
        let deploy = reg.resolve("deployments").unwrap();
        let mut obj = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "labels": {"any": "thing"}},
            "spec": {"replica": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"spec": {"containers": [{"name": "c", "imagee": "nginx",
                                                           "resources": {"limits": {"cpu": "1"}}}]}}}
        });
        let err = check(FieldValidation::Strict, deploy, &mut obj.clone()).unwrap_err();
        assert_eq!(err.message, "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagee\"");
        assert_eq!(
            check(FieldValidation::Warn, deploy, &mut obj.clone()).unwrap(),
            vec![
                "unknown field \"spec.replica\"",
                "unknown field \"spec.template.spec.containers[0].imagee\""
            ]
        );
        assert!(check(FieldValidation::Ignore, deploy, &mut obj)
            .unwrap()
            .is_empty());
        assert!(obj["spec"].get("replica").is_none());
        assert_eq!(obj["metadata"]["labels"]["any"], "thing");
        let patch = json!({"spec": {"replica": 2, "paused": true}});
        let mut patched = json!({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replica": 2, "paused": true}});
        let err = check_patch(FieldValidation::Strict, deploy, &patch, &mut patched).unwrap_err();
        assert_eq!(err.message, " \"\" is invalid: patch: Invalid value: \"map[spec:map[paused:true replica:2]]\": strict decoding error: unknown field \"spec.replica\"");
        assert_eq!(
            err.to_json()["details"],
            json!({"causes": [{"reason": "FieldValueInvalid", "message": "Invalid value: \"map[spec:map[paused:true replica:2]]\": strict decoding error: unknown field \"spec.replica\"", "field": "patch"}]})
        );
    }
}
