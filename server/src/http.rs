//! The request and reply as the handlers see them, the response body type
//! (whole or streamed), and the small parsers for queries and media types.

use bytes::Bytes;
use hyper::body::{Body as HttpBody, Frame};
use kubeplay_engine::api::Status;
use serde_json::{json, Value};
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// Upstream's limit on request bodies (`apiserver/pkg/server/config.go`, 3 MiB).
pub const MAX_BODY: usize = 3 * 1024 * 1024;

/// A request, already read whole.
pub struct Req {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub accept: String,
    pub content_type: String,
    /// `User-Agent`: its part before `/` names the field manager when the
    /// request gives none (handlers/rest.go managerOrUserAgent).
    pub user_agent: String,
    pub body: Bytes,
    /// Authorization and Impersonate-* headers.
    pub credentials: crate::auth::Credentials,
    /// `Sec-WebSocket-Protocol` of a WebSocket upgrade request (exec).
    pub websocket_protocol: Option<String>,
}

impl Req {
    /// The first value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, name: &str) -> bool {
        matches!(self.param(name), Some("true" | "1"))
    }
}

/// A whole response.
#[derive(Debug)]
pub struct Reply {
    pub code: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// `Warning: 299 - "..."` headers (kubectl prints each as `Warning: ...`).
    pub warnings: Vec<String>,
}

impl Reply {
    pub fn json(code: u16, v: &Value) -> Reply {
        Reply::raw(
            code,
            "application/json",
            serde_json::to_vec(v).unwrap_or_default(),
        )
    }

    /// A discovery document, in the struct order the real server writes.
    pub fn discovery(v: &Value) -> Reply {
        let body = kubeplay_engine::kubectl::printers::go_order::to_compact_ordered(
            v,
            kubeplay_engine::api::discovery::field_order,
        );
        Reply::raw(200, "application/json", body.into_bytes())
    }

    pub fn raw(code: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            code,
            content_type: content_type.into(),
            body,
            warnings: vec![],
        }
    }

    /// An API object, as protobuf when the client prefers it (kubectl's typed
    /// clients send `Accept: application/vnd.kubernetes.protobuf,application/json`)
    /// and the kind has a protobuf form; JSON otherwise.
    pub fn object(req: &Req, code: u16, v: &Value) -> Reply {
        if prefers_protobuf(&req.accept) {
            if let Some(body) = crate::protobuf::encode(v) {
                return Reply::raw(code, crate::protobuf::MEDIA_TYPE, body);
            }
        }
        Reply::json(code, v)
    }

    pub fn with_warnings(mut self, warnings: Vec<String>) -> Reply {
        self.warnings.extend(warnings);
        self
    }

    pub fn text(code: u16, body: &str) -> Reply {
        Reply::raw(code, "text/plain; charset=utf-8", body.as_bytes().to_vec())
    }

    /// An API error, as `metav1.Status` with its HTTP code.
    pub fn status(s: &Status) -> Reply {
        let mut v = s.to_json();
        if v.get("details").is_none() && matches!(s.code, 404 | 405) {
            v["details"] = json!({});
        }
        Reply::json(s.code, &v)
    }

    /// The 404 for a path nothing is served at.
    pub fn not_found() -> Reply {
        Reply::status(&Status {
            code: 404,
            reason: "NotFound".into(),
            message: "the server could not find the requested resource".into(),
            details: None,
        })
    }

    pub fn method_not_allowed() -> Reply {
        Reply::status(&Status::method_not_allowed(
            "the server does not allow this method on the requested resource",
        ))
    }
}

/// A Warning header value as upstream writes it: `299 - "<text, Go-quoted>"`.
pub fn warning_header(text: &str) -> String {
    let mut q = String::from("299 - \"");
    for c in text.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c if c.is_control() => q.push_str(&format!("\\u{:04x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A response body: whole, or a stream of chunks (watches).
pub enum Body {
    Full(Option<Bytes>),
    Stream(mpsc::Receiver<Bytes>),
}

impl HttpBody for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream(rx) => rx.poll_recv(cx).map(|o| o.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Full(Some(b)) => hyper::body::SizeHint::with_exact(b.len() as u64),
            Body::Full(None) => hyper::body::SizeHint::with_exact(0),
            Body::Stream(_) => hyper::body::SizeHint::default(),
        }
    }
}

pub use kubeplay_engine::api::query::parse_query;

/// One entry of an Accept header: `application/json;as=Table;v=v1;g=meta.k8s.io`.
pub struct MediaType {
    pub essence: String,
    pub params: Vec<(String, String)>,
}

impl MediaType {
    pub fn param(&self, k: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(pk, _)| pk == k)
            .map(|(_, v)| v.as_str())
    }
}

pub fn parse_accept(accept: &str) -> Vec<MediaType> {
    accept
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|entry| {
            let mut parts = entry.split(';');
            let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let params = parts
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
                .collect();
            MediaType { essence, params }
        })
        .collect()
}

/// Whether protobuf comes before JSON in an Accept header.
pub fn prefers_protobuf(accept: &str) -> bool {
    parse_accept(accept)
        .iter()
        .find(|m| {
            m.essence == crate::protobuf::MEDIA_TYPE
                || m.essence.contains("json")
                || m.essence == "*/*"
        })
        .is_some_and(|m| m.essence == crate::protobuf::MEDIA_TYPE && m.param("as").is_none())
}

/// The `as=` conversion a client asks for first among those the server can
/// give (`Table`, `PartialObjectMetadata[List]`, `APIGroupDiscoveryList`),
/// with its version; None for plain JSON.
pub fn wanted_conversion(accept: &str, group: &str, kinds: &[&str]) -> Option<(String, String)> {
    for m in parse_accept(accept) {
        if !(m.essence == "application/json" || m.essence == "*/*" || m.essence == "application/*")
        {
            continue;
        }
        match m.param("as") {
            None => return None,
            Some(kind) if kinds.contains(&kind) && m.param("g") == Some(group) => {
                return Some((kind.to_string(), m.param("v").unwrap_or("").to_string()));
            }
            Some(_) => continue,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_conversion_asked_first() {
        let kubectl_get = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assert_eq!(
            wanted_conversion(kubectl_get, "meta.k8s.io", &["Table"]),
            Some(("Table".into(), "v1".into()))
        );
        assert_eq!(
            wanted_conversion("application/json", "meta.k8s.io", &["Table"]),
            None
        );
        let discovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        assert_eq!(
            wanted_conversion(discovery, "apidiscovery.k8s.io", &["APIGroupDiscoveryList"]),
            Some(("APIGroupDiscoveryList".into(), "v2".into()))
        );
    }
}
