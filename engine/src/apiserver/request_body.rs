//! A write request's JSON body: an object of the endpoint's kind, in the
//! path's namespace; what cannot be read is answered with upstream's texts
//! (apimachinery's `runtime.NewNotRegisteredErr`/json serializer and the
//! REST handlers' namespace check). Shared by `kubeplay serve` and the
//! in-engine `kubectl create|replace --raw`; the server adds protobuf.

use crate::api::{meta, ApiResource, Status};
use serde_json::Value;

fn bad(msg: impl Into<String>) -> Status {
    Status::bad_request(msg)
}

/// The 415 for a create or update body in a media type the server does
/// not decode (negotiation's NewUnsupportedMediaTypeError).
pub fn unsupported() -> Status {
    Status::unsupported_media_type(
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    )
}

/// A Content-Type without its parameters (`application/json; charset=utf-8`).
pub fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// A JSON or YAML body (`ct`: the Content-Type) as an object of the
/// resource's kind. No Content-Type is JSON, the first the server serves.
pub fn json_object(body: &[u8], ct: &str, r: &ApiResource) -> Result<Value, Status> {
    let converted;
    let body = match media_type(ct) {
        "" | "application/json" | "*/*" => body,
        "application/yaml" => {
            converted = yaml_to_json(body, r)?;
            converted.as_slice()
        }
        _ => return Err(unsupported()),
    };
    let v: Value = serde_json::from_slice(body).map_err(|e| unrecognized(body, r, &e))?;
    if !v.is_object() {
        let what = match v {
            Value::Array(_) => "array",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            _ => "null",
        };
        return Err(bad(format!(
            "the object provided is unrecognized (must be of type {}): couldn't get version/kind; json parse error: json: cannot unmarshal {what} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }} ({})",
            r.kind,
            summarize(body)
        )));
    }
    check_kind(v, r)
}

/// The yaml serializer's first step: the document as JSON bytes.
fn yaml_to_json(body: &[u8], r: &ApiResource) -> Result<Vec<u8>, Status> {
    let text = String::from_utf8_lossy(body);
    let text = crate::kubectl::yaml11::resolve_booleans(&text);
    let v: Value = serde_yaml::from_str(&text).map_err(|e| {
        bad(format!(
            "the object provided is unrecognized (must be of type {}): yaml: {} ({})",
            r.kind,
            crate::kubectl::manifests::yaml_error_text(&e),
            summarize(body)
        ))
    })?;
    Ok(serde_json::to_vec(&v).unwrap_or_default())
}

/// upstream's `summarizeData(body, 30)`: the start of a body, for error texts.
fn summarize(body: &[u8]) -> String {
    match body.first() {
        None => "<empty>".into(),
        Some(b'{') if body.len() > 30 => format!("{} ...", String::from_utf8_lossy(&body[..30])),
        Some(b'{') => String::from_utf8_lossy(body).into_owned(),
        _ if body.len() > 30 => format!("{} ...", hex(&body[..30])),
        _ => hex(body),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A body that is not JSON: Go's json error where it is simple to name.
fn unrecognized(body: &[u8], r: &ApiResource, e: &serde_json::Error) -> Status {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let go = match first {
        None => "unexpected end of JSON input".to_string(),
        Some(c)
            if !matches!(
                c,
                b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
            ) =>
        {
            format!(
                "invalid character '{}' looking for beginning of value",
                *c as char
            )
        }
        _ => crate::api::go_json::syntax_error(body, e),
    };
    bad(format!(
        "the object provided is unrecognized (must be of type {}): couldn't get version/kind; json parse error: {go} ({})",
        r.kind,
        summarize(body)
    ))
}

/// The body's kind and apiVersion, where given, must be the endpoint's.
pub fn check_kind(v: Value, r: &ApiResource) -> Result<Value, Status> {
    let api_version = meta::str_at(&v, &["apiVersion"]).unwrap_or("");
    let kind = meta::str_at(&v, &["kind"]).unwrap_or("");
    if (!kind.is_empty() && kind != r.kind)
        || (!api_version.is_empty() && api_version != r.api_version())
    {
        return Err(bad(format!(
            "{kind} in version \"{api_version}\" cannot be handled as a {}: the object's kind or version does not match the endpoint's",
            r.kind
        )));
    }
    Ok(v)
}

/// The namespace in the body must be the one in the path.
pub fn check_namespace(r: &ApiResource, obj: &Value, ns: &str) -> Result<(), Status> {
    let body_ns = meta::namespace(obj);
    if r.namespaced && !body_ns.is_empty() && body_ns != ns {
        return Err(bad(
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    Ok(())
}

/// `dryRun`: only `All` is known.
pub fn dry_run(param: Option<&str>) -> Result<bool, Status> {
    match param {
        None | Some("") => Ok(false),
        Some("All") => Ok(true),
        Some(other) => Err(bad(format!(
            "dryRun: Unsupported value: \"{other}\": supported values: \"All\""
        ))),
    }
}
