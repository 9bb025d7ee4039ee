//! Server-side field validation (`fieldValidation=Strict|Warn|Ignore`, Warn
//! when absent): fields the kind's OpenAPI schema does not know, reported the
//! way the strict JSON decoder does: `unknown field "spec.contianers"`,
//! `unknown field "spec.template.spec.containers[0].imagee"`.

use crate::http::Reply;
use crate::openapi::documents;
use kubeplay_engine::api::{ApiResource, Status};
use serde_json::{Map, Value};

pub enum Directive {
    Strict,
    Warn,
    Ignore,
}

/// The `fieldValidation` query parameter.
pub fn directive(param: Option<&str>) -> Result<Directive, Reply> {
    match param {
        None | Some("") | Some("Warn") => Ok(Directive::Warn),
        Some("Strict") => Ok(Directive::Strict),
        Some("Ignore") => Ok(Directive::Ignore),
        Some(other) => Err(Reply::status(&Status::bad_request(format!(
            "fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{other}\""
        )))),
    }
}

/// The schema of a kind: the component whose group-version-kind it is.
fn kind_schema(r: &ApiResource) -> Option<&'static Value> {
    let docs = documents();
    let key = (r.group.clone(), r.version.clone(), r.kind.clone());
    docs.by_kind.get(&key).and_then(|n| docs.schemas.get(n))
}

/// Follows `$ref` and single-entry `allOf` wrappers to the schema itself.
fn resolve<'a>(schemas: &'a Map<String, Value>, mut s: &'a Value) -> &'a Value {
    for _ in 0..8 {
        let target = s["$ref"]
            .as_str()
            .or_else(|| s["allOf"][0]["$ref"].as_str());
        match target
            .and_then(|t| t.rsplit('/').next())
            .and_then(|n| schemas.get(n))
        {
            Some(next) => s = next,
            None => break,
        }
    }
    s
}

/// Collects the unknown fields under `path`, removing them from `v`.
fn walk(
    schemas: &Map<String, Value>,
    schema: &Value,
    v: &mut Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let s = resolve(schemas, schema);
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
                        walk(schemas, ps, child, &join(k), out);
                        true
                    }
                    None => {
                        out.push(join(k));
                        false
                    }
                });
            } else if s["additionalProperties"].is_object() {
                for (k, child) in m.iter_mut() {
                    walk(schemas, &s["additionalProperties"], child, &join(k), out);
                }
            }
        }
        Value::Array(items) if s["items"].is_object() => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(schemas, &s["items"], item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Removes the fields the kind's schema does not know (as decoding into the
/// Go type does) and returns their paths, in the order the decoder meets them.
pub fn prune(r: &ApiResource, obj: &mut Value) -> Vec<String> {
    let Some(schema) = kind_schema(r) else {
        return vec![];
    };
    let mut out = vec![];
    walk(&documents().schemas, schema, obj, "", &mut out);
    out
}

/// Checks a body: Err(400) under Strict, warnings under Warn; the unknown
/// fields are dropped either way.
pub fn check(
    directive: &Directive,
    r: &ApiResource,
    obj: &mut Value,
) -> Result<Vec<String>, Reply> {
    let unknown = prune(r, obj);
    if matches!(directive, Directive::Ignore) {
        return Ok(vec![]);
    }
    let unknown: Vec<String> = unknown
        .into_iter()
        .map(|f| format!("unknown field \"{f}\""))
        .collect();
    if unknown.is_empty() {
        return Ok(vec![]);
    }
    match directive {
        Directive::Strict => Err(Reply::status(&Status::bad_request(format!(
            "{kind} in version \"{v}\" cannot be handled as a {kind}: strict decoding error: {}",
            unknown.join(", "),
            kind = r.kind,
            v = r.version
        )))),
        _ => Ok(unknown),
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

/// A merge or strategic patch's unknown fields, found on the patched object:
/// dropped always; Warn: warnings; Strict: upstream's 422 on the patch.
pub fn check_patch(
    directive: &Directive,
    r: &ApiResource,
    patch: &Value,
    patched: &mut Value,
) -> Result<Vec<String>, Reply> {
    let unknown = prune(r, patched);
    if unknown.is_empty() || matches!(directive, Directive::Ignore) {
        return Ok(vec![]);
    }
    let unknown: Vec<String> = unknown
        .into_iter()
        .map(|f| format!("unknown field \"{f}\""))
        .collect();
    if !matches!(directive, Directive::Strict) {
        return Ok(unknown);
    }
    let value = serde_json::to_string(&go_value(patch)).unwrap_or_default();
    let error = format!(
        "Invalid value: {value}: strict decoding error: {}",
        unknown.join(", ")
    );
    Err(Reply::json(
        422,
        &serde_json::json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": format!(" \"\" is invalid: patch: {error}"),
            "reason": "Invalid",
            "details": {"causes": [{"reason": "FieldValueInvalid", "message": error, "field": "patch"}]},
            "code": 422,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kubeplay_engine::api::Registry;
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
        let err = check(&Directive::Strict, deploy, &mut obj.clone()).unwrap_err();
        let body: Value = serde_json::from_slice(&err.body).unwrap();
        assert_eq!(body["message"], "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagee\"");
        assert_eq!(
            check(&Directive::Warn, deploy, &mut obj.clone()).unwrap(),
            vec![
                "unknown field \"spec.replica\"",
                "unknown field \"spec.template.spec.containers[0].imagee\""
            ]
        );
        assert!(check(&Directive::Ignore, deploy, &mut obj)
            .unwrap()
            .is_empty());
        assert!(obj["spec"].get("replica").is_none());
        assert_eq!(obj["metadata"]["labels"]["any"], "thing");
        let patch = json!({"spec": {"replica": 2, "paused": true}});
        let mut patched = json!({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replica": 2, "paused": true}});
        let err = check_patch(&Directive::Strict, deploy, &patch, &mut patched).unwrap_err();
        let body: Value = serde_json::from_slice(&err.body).unwrap();
        assert_eq!(body["message"], " \"\" is invalid: patch: Invalid value: \"map[spec:map[paused:true replica:2]]\": strict decoding error: unknown field \"spec.replica\"");
    }
}
