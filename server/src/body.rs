//! Request bodies: JSON or protobuf, of the endpoint's kind, in the path's
//! namespace; what cannot be read is answered with upstream's texts.

use crate::http::{Reply, Req};
use kubeplay_engine::api::{meta, ApiResource, Status};
use serde_json::Value;

fn bad(msg: impl Into<String>) -> Reply {
    Reply::status(&Status::bad_request(msg))
}

/// The request body as a JSON object of the resource's kind.
pub fn body_object(req: &Req, r: &ApiResource) -> Result<Value, Reply> {
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    if ct == crate::protobuf::MEDIA_TYPE {
        let v = crate::protobuf::decode(&req.body).map_err(bad)?;
        return check_kind(v, r);
    }
    if !(ct.is_empty() || ct == "application/json" || ct == "*/*") {
        return Err(Reply::status(&Status {
            code: 415,
            reason: "UnsupportedMediaType".into(),
            message: format!("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf; got {ct}"),
            details: None,
        }));
    }
    let v: Value = serde_json::from_slice(&req.body).map_err(|e| unrecognized(req, r, &e))?;
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
            summarize(&req.body)
        )));
    }
    check_kind(v, r)
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
fn unrecognized(req: &Req, r: &ApiResource, e: &serde_json::Error) -> Reply {
    let first = req.body.iter().find(|b| !b.is_ascii_whitespace());
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
        _ => go_json_error(&req.body, e),
    };
    bad(format!(
        "the object provided is unrecognized (must be of type {}): couldn't get version/kind; json parse error: {go} ({})",
        r.kind,
        summarize(&req.body)
    ))
}

pub use kubeplay_engine::api::go_json::syntax_error as go_json_error;

/// The body's kind and apiVersion, where given, must be the endpoint's.
fn check_kind(v: Value, r: &ApiResource) -> Result<Value, Reply> {
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
pub fn check_namespace(r: &ApiResource, obj: &Value, ns: &str) -> Result<(), Reply> {
    let body_ns = meta::namespace(obj);
    if r.namespaced && !body_ns.is_empty() && body_ns != ns {
        return Err(bad(
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    Ok(())
}
