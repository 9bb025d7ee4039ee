//! The type errors of the API server's JSON decoder. A body whose field has
//! the wrong JSON type (`replicas: "3"`, `containers: ["x"]`, a label
//! value `1`) cannot be decoded into the Go type, and the request fails with
//! encoding/json's text: `json: cannot unmarshal string into Go struct field
//! DeploymentSpec.spec.replicas of type int32` — the innermost struct, the
//! field's whole path without indexes or map keys, the Go type. The decoder
//! keeps the first such error; types with their own unmarshalling
//! (Quantity, IntOrString, Time, RawExtension) are not checked here.

use crate::api::openapi::{schemas, Schemas};
use crate::api::{ApiResource, Status};
use serde_json::Value;

/// A create or update body of a built-in kind: 400 with the decoder's
/// first type error (handlers' transformDecodeError text).
pub fn check(r: &ApiResource, obj: &Value) -> Result<(), Status> {
    match type_error(r, obj, Decoder::Json) {
        None => Ok(()),
        Some(e) => Err(Status::bad_request(format!(
            "{kind} in version \"{v}\" cannot be handled as a {kind}: {e}",
            kind = r.kind,
            v = r.version
        ))),
    }
}

/// The first type error of a built-in kind's object, in `how`'s words.
pub fn type_error(r: &ApiResource, obj: &Value, how: Decoder) -> Option<String> {
    let all = schemas();
    let schema = all.of_kind(&r.group, &r.version, &r.kind)?;
    first_error(all, schema, &r.kind, obj, how)
}

/// The first type error in `obj`, a `root` kind's body (e.g. `Pod`).
pub fn first_error(
    all: &Schemas,
    schema: &Value,
    root: &str,
    obj: &Value,
    how: Decoder,
) -> Option<String> {
    let (props, m) = (
        all.resolve(schema)["properties"].as_object()?,
        obj.as_object()?,
    );
    fields(all, props, m, root, &mut vec![], how)
}

/// A struct's fields, in the body's order.
fn fields(
    all: &Schemas,
    props: &serde_json::Map<String, Value>,
    m: &serde_json::Map<String, Value>,
    within: &str,
    path: &mut Vec<String>,
    how: Decoder,
) -> Option<String> {
    for (k, child) in m {
        let Some(ps) = props.get(k) else {
            continue;
        };
        path.push(k.clone());
        let found = walk(all, ps, child, within, path, how);
        path.pop();
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The Go type a schema decodes into; None for a type that unmarshals
/// itself (a schema by reference without properties) or an open one.
fn go_type(all: &Schemas, schema: &Value) -> Option<String> {
    if let Some(name) = all.ref_name(schema) {
        let s = all.resolve(schema);
        s["properties"].as_object()?;
        let mut parts = name.rsplit('.');
        let (ty, pkg) = (parts.next()?, parts.next()?);
        return Some(format!("{pkg}.{ty}"));
    }
    match schema["type"].as_str()? {
        "integer" => Some(
            match schema["format"].as_str() {
                Some("int32") => "int32",
                Some("int64") => "int64",
                _ => "int",
            }
            .to_string(),
        ),
        "number" => Some("float64".to_string()),
        "boolean" => Some("bool".to_string()),
        // Bytes are base64 text, checked by their own decoder.
        "string" if schema["format"] == "byte" => None,
        "string" => Some("string".to_string()),
        "array" => Some(format!("[]{}", go_type(all, &schema["items"])?)),
        "object" if schema["additionalProperties"].is_object() => Some(format!(
            "map[string]{}",
            go_type(all, &schema["additionalProperties"])?
        )),
        _ => None,
    }
}

/// Who turns the body into the Go type, and so whose words a mismatch gets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Decoder {
    /// encoding/json, for create and update bodies and merge or JSON patches.
    Json,
    /// The unstructured converter, for a strategic merge patch's result.
    Converter,
}

/// encoding/json's name for the JSON value it met.
fn json_kind(v: &Value) -> String {
    match v {
        Value::String(_) => "string".into(),
        Value::Number(_) => "number".into(),
        Value::Bool(_) => "bool".into(),
        Value::Array(_) => "array".into(),
        Value::Object(_) => "object".into(),
        Value::Null => "null".into(),
    }
}

/// Go's reflect kind of the value an unstructured map holds.
fn go_kind(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Bool(_) => "bool",
        Value::Array(_) => "slice",
        Value::Object(_) => "map",
        Value::Null => "ptr",
    }
}

fn fits_integer(v: &Value, ty: &str) -> bool {
    let Some(n) = v.as_i64() else {
        return false;
    };
    ty != "int32" || i32::try_from(n).is_ok()
}

/// The converter's word on a scalar that does not fit `ty` (fromUnstructured:
/// what reflect can convert is converted within its group, the rest is
/// "unrecognized").
fn converter_scalar(v: &Value, ty: &str) -> Option<String> {
    let whole = |f: f64| f == f.trunc();
    let ok = match (v, ty) {
        (Value::String(_), "string") | (Value::Bool(_), "bool") => true,
        (Value::Number(n), "int32" | "int64" | "int") => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(whole)
        }
        (Value::Number(n), "float64") => n.is_f64(),
        _ => false,
    };
    if ok {
        return None;
    }
    // reflect converts any number to another number type, and an integer
    // to a string (a rune); those conversions JSON forbids are refused.
    let convertible = match v {
        Value::Number(n) => ty != "bool" && (ty != "string" || !n.is_f64()),
        _ => false,
    };
    Some(if convertible {
        format!("cannot convert {} to {ty}", go_kind(v))
    } else {
        format!("unrecognized type: {ty}")
    })
}

fn walk(
    all: &Schemas,
    schema: &Value,
    v: &Value,
    within: &str,
    path: &mut Vec<String>,
    how: Decoder,
) -> Option<String> {
    // null decodes into anything (the zero value).
    if v.is_null() {
        return None;
    }
    let ty = go_type(all, schema)?;
    let s = all.resolve(schema);
    let json_error = |met: String| {
        format!(
            "json: cannot unmarshal {met} into Go struct field {within}.{} of type {ty}",
            path.join(".")
        )
    };
    // A container that is not what it should be.
    let restore = |what: &str| match how {
        Decoder::Json => json_error(json_kind(v)),
        Decoder::Converter => format!("cannot restore {what} {}", go_kind(v)),
    };
    if let Some(props) = s["properties"].as_object() {
        let Value::Object(m) = v else {
            return Some(restore("struct from:"));
        };
        let inner = ty.rsplit('.').next().unwrap_or(&ty).to_string();
        return fields(all, props, m, &inner, path, how);
    }
    match (s["type"].as_str(), v) {
        (Some("array"), Value::Array(items)) => items
            .iter()
            .find_map(|item| walk(all, &s["items"], item, within, path, how)),
        (Some("array"), _) => Some(restore("slice from")),
        (Some("object"), Value::Object(m)) => m
            .values()
            .find_map(|child| walk(all, &s["additionalProperties"], child, within, path, how)),
        (Some("object"), _) => Some(restore("map from")),
        _ if how == Decoder::Converter => converter_scalar(v, &ty),
        (Some("integer"), Value::Number(n)) if !fits_integer(v, &ty) => {
            Some(json_error(format!("number {n}")))
        }
        (Some("integer" | "number"), Value::Number(_)) => None,
        (Some("string"), Value::String(_)) | (Some("boolean"), Value::Bool(_)) => None,
        _ => Some(json_error(json_kind(v))),
    }
}

#[cfg(test)]
mod tests {
    use super::{first_error, schemas, Decoder};
    use serde_json::{json, Value};

    fn error_of(group: &str, kind: &str, obj: Value) -> Option<String> {
        let all = schemas();
        let schema = all.of_kind(group, "v1", kind).expect("a built-in kind");
        first_error(all, schema, kind, &obj, Decoder::Json)
    }

    fn converter_error_of(kind: &str, obj: Value) -> Option<String> {
        let all = schemas();
        let schema = all.of_kind("apps", "v1", kind).expect("a built-in kind");
        first_error(all, schema, kind, &obj, Decoder::Converter)
    }

    #[test]
    fn a_strategic_patch_result_reads_as_the_unstructured_converter_reports_it() {
        let cases = [
            (
                json!({"spec": {"replicas": "3"}}),
                Some("unrecognized type: int32"),
            ),
            (
                json!({"spec": {"replicas": 1.5}}),
                Some("cannot convert float64 to int32"),
            ),
            (json!({"spec": {"replicas": 2.0}}), None),
            (
                json!({"metadata": {"labels": {"a": 1}}}),
                Some("cannot convert int64 to string"),
            ),
            (
                json!({"metadata": {"labels": {"a": true}}}),
                Some("unrecognized type: string"),
            ),
            (
                json!({"spec": {"template": {"spec": {"containers": {"name": "x"}}}}}),
                Some("cannot restore slice from map"),
            ),
            (
                json!({"spec": "x"}),
                Some("cannot restore struct from: string"),
            ),
            (
                json!({"metadata": {"labels": ["a"]}}),
                Some("cannot restore map from slice"),
            ),
        ];
        for (obj, want) in cases {
            assert_eq!(
                converter_error_of("Deployment", obj.clone()).as_deref(),
                want,
                "{obj}"
            );
        }
    }

    #[test]
    fn wrong_json_types_read_as_encoding_json_reports_them() {
        let deploy =
            |spec: Value| json!({"apiVersion": "apps/v1", "kind": "Deployment", "spec": spec});
        assert_eq!(
            error_of("apps", "Deployment", deploy(json!({"replicas": "3"}))).as_deref(),
            Some("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
        );
        assert_eq!(
            error_of("apps", "Deployment", deploy(json!({"replicas": 1.5}))).as_deref(),
            Some("json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")
        );
        let env = json!({"template": {"spec": {"containers": [{"name": "a", "env": [{"name": "P", "value": 80}]}]}}});
        assert_eq!(
            error_of("apps", "Deployment", deploy(env)).as_deref(),
            Some("json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string")
        );
        assert_eq!(
            error_of("", "Pod", json!({"spec": {"containers": ["x"]}})).as_deref(),
            Some("json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container")
        );
        assert_eq!(
            error_of("", "Pod", json!({"spec": "x"})).as_deref(),
            Some("json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec")
        );
        assert_eq!(
            error_of("", "Pod", json!({"metadata": {"labels": {"a": 1}}})).as_deref(),
            Some("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")
        );
        assert_eq!(
            error_of("", "Service", json!({"spec": {"ports": {"port": 80}}})).as_deref(),
            Some("json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort")
        );
    }

    #[test]
    fn well_typed_and_self_decoding_fields_pass() {
        let pod = json!({"metadata": {"name": "p", "labels": {"a": "1"}, "creationTimestamp": null},
            "spec": {"containers": [{"name": "a", "image": "nginx",
                "resources": {"limits": {"cpu": 1, "memory": "1Gi"}},
                "ports": [{"containerPort": 80}],
                "livenessProbe": {"httpGet": {"port": "http"}}}]}});
        assert_eq!(error_of("", "Pod", pod), None);
        assert_eq!(error_of("", "Secret", json!({"data": {"k": "dg=="}})), None);
    }
}
