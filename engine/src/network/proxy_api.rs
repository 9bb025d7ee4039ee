//! What `kubectl proxy` serves: the API server's paths, including the
//! `proxy` subresource of services and pods, which the API server passes on
//! to a pod over the same network (D13:
//! `/api/v1/namespaces/<ns>/services/<[scheme:]name[:port]>/proxy/<path>`).

use super::http::{http_date, Request, Response};
use super::route::{bridge_of, Reach};
use super::view::View;
use crate::api::{discovery, Status};
use crate::apiserver::raw_get::RawBody;
use crate::apiserver::ApiServer;
use serde_json::Value;

pub fn handle(view: &mut View, req: &Request, api: Option<&ApiServer>) -> Response {
    let path = req.path.split('?').next().unwrap_or("/").to_string();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["api", "v1", "namespaces", ns, kind @ ("services" | "pods"), target, "proxy"] => {
            // No trailing slash: the API server redirects to add one
            // (Go's http.Redirect body).
            let _ = (ns, kind, target);
            let body = format!("<a href=\"{path}/\">Moved Permanently</a>.\n\n");
            let mut r = Response {
                status: 301,
                headers: vec![
                    ("Content-Type".into(), "text/html; charset=utf-8".into()),
                    ("Location".into(), format!("{path}/")),
                    ("Date".into(), http_date(view.now)),
                    ("Content-Length".into(), body.len().to_string()),
                ],
                body,
            };
            if req.method == "HEAD" {
                r.body.clear();
            }
            r
        }
        ["api", "v1", "namespaces", ns, kind @ ("services" | "pods"), target, "proxy", rest @ ..] =>
        {
            let rest = format!("/{}", rest.join("/"));
            let query = req.path.find('?').map(|i| &req.path[i..]).unwrap_or("");
            let inner = Request {
                method: req.method.clone(),
                path: format!("{rest}{query}"),
                user_agent: req.user_agent.clone(),
                ..Default::default()
            };
            let r = if *kind == "services" {
                to_service(view, ns, target, &inner)
            } else {
                to_pod(view, ns, target, &inner)
            };
            r.unwrap_or_else(|s| status_response(view.now, &s))
        }
        _ => api_get(view.now, &req.path, api),
    }
}

/// `[scheme:]name[:port]`.
fn split_target(t: &str) -> (&str, &str) {
    let parts: Vec<&str> = t.split(':').collect();
    match parts.as_slice() {
        [name] => (name, ""),
        [a, b] if *a == "http" || *a == "https" => (b, ""),
        [name, port] => (name, port),
        [_, name, port, ..] => (name, port),
        _ => (t, ""),
    }
}

fn unavailable(msg: String) -> Status {
    Status {
        code: 503,
        reason: "ServiceUnavailable".into(),
        message: msg,
        details: None,
    }
}

fn not_found(kind: &str, name: &str) -> Status {
    Status {
        code: 404,
        reason: "NotFound".into(),
        message: format!("{kind} \"{name}\" not found"),
        details: Some(Box::new(crate::api::status::StatusDetails {
            name: name.into(),
            group: String::new(),
            kind: kind.into(),
            causes: vec![],
        })),
    }
}

fn to_service(view: &mut View, ns: &str, target: &str, req: &Request) -> Result<Response, Status> {
    let (name, port) = split_target(target);
    let svc = view
        .service(ns, name)
        .cloned()
        .ok_or_else(|| not_found("services", name))?;
    let ports = svc["spec"]["ports"].as_array().cloned().unwrap_or_default();
    let sp: Option<&Value> = if port.is_empty() {
        ports.first()
    } else {
        ports.iter().find(|p| {
            p["name"].as_str() == Some(port)
                || p["port"].as_i64().map(|n| n.to_string()).as_deref() == Some(port)
        })
    };
    let Some(sp) = sp else {
        return Err(unavailable(format!(
            "no service port \"{port}\" found for service \"{name}\""
        )));
    };
    let port_name = sp["name"].as_str().unwrap_or("");
    let ready = view.ready_endpoints(&svc);
    if ready.is_empty() {
        return Err(unavailable(format!(
            "no endpoints available for service \"{name}\""
        )));
    }
    let (ip, ports) = ready[(view.net.picks % ready.len() as u64) as usize].clone();
    view.net.picks += 1;
    let port = ports
        .iter()
        .find(|(n, _)| n == port_name)
        .map_or(0, |(_, p)| *p) as u16;
    dial(view, &ip, port, req)
}

fn to_pod(view: &mut View, ns: &str, target: &str, req: &Request) -> Result<Response, Status> {
    let (name, port) = split_target(target);
    let pod = view.pod(ns, name).ok_or_else(|| not_found("pods", name))?;
    let port: u16 = port.parse().unwrap_or(80);
    let ip = pod.ip.clone();
    dial(view, &ip, port, req)
}

/// The API server (on the control-plane node) connects to the pod.
fn dial(view: &mut View, ip: &str, port: u16, req: &Request) -> Result<Response, Status> {
    let client = view.pod_by_ip(ip).map(bridge_of).unwrap_or_default();
    match view.to_pod(ip, port, &client) {
        Reach::Pod { pod, port, client } => view.serve(pod, port, req, &client).map_err(|_| {
            unavailable(format!(
                "error trying to reach service: read tcp {client}:44782->{ip}:{port}: read: connection reset by peer"
            ))
        }),
        _ => Err(unavailable(format!(
            "error trying to reach service: dial tcp {ip}:{port}: connect: connection refused"
        ))),
    }
}

/// Field order of Go's structs for the keys the API server writes first.
const TOP: &[&str] = &[
    "kind",
    "apiVersion",
    "groupVersion",
    "metadata",
    "spec",
    "status",
    "message",
    "reason",
    "details",
    "code",
    "items",
    // The discovery documents (APIVersions, APIGroupList, APIResourceList).
    "versions",
    "serverAddressByClientCIDRs",
    "groups",
    "resources",
];
const META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];
const DETAILS: &[&str] = &["name", "group", "kind", "causes"];
/// StatusCause's fields: `reason` is its Type.
const CAUSE: &[&str] = &["reason", "message", "field"];

/// `json.MarshalIndent`-style text with Go's field order where it is
/// known (top level, metadata, Status details), else sorted keys.
fn pretty(v: &Value, order: &[&str], indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| (order.iter().position(|o| o == k).unwrap_or(usize::MAX), *k));
            let fields: Vec<String> = keys
                .iter()
                .map(|k| {
                    let child_order: &[&str] = match k.as_str() {
                        "metadata" => META,
                        "details" => DETAILS,
                        "causes" => CAUSE,
                        "items" => TOP,
                        "groups" => discovery::GROUP_FIELDS,
                        "versions" | "preferredVersion" => discovery::GROUP_VERSION_FIELDS,
                        "resources" => discovery::RESOURCE_FIELDS,
                        _ => &[],
                    };
                    format!(
                        "{pad}{}: {}",
                        Value::String((*k).clone()),
                        pretty(&m[*k], child_order, indent + 1)
                    )
                })
                .collect();
            format!("{{\n{}\n{}}}", fields.join(",\n"), "  ".repeat(indent))
        }
        Value::Array(a) if !a.is_empty() => {
            let items: Vec<String> = a
                .iter()
                .map(|x| format!("{pad}{}", pretty(x, order, indent + 1)))
                .collect();
            format!("[\n{}\n{}]", items.join(",\n"), "  ".repeat(indent))
        }
        other => other.to_string(),
    }
}

/// A JSON answer, indented as the API server does for curl and browsers.
pub(super) fn json_response(now: i64, status: u16, v: &Value) -> Response {
    let body = pretty(v, TOP, 0);
    Response {
        status,
        headers: vec![
            ("Cache-Control".into(), "no-cache, private".into()),
            ("Content-Type".into(), "application/json".into()),
            ("Date".into(), http_date(now)),
            ("Content-Length".into(), body.len().to_string()),
        ],
        body,
    }
}

/// A Status in the API server's field order.
fn status_response(now: i64, s: &Status) -> Response {
    json_response(now, s.code, &s.to_json())
}

/// Plain API reads (`/version`, `/healthz`, discovery, objects and lists),
/// answered as `kubeplay serve` answers them, indented for curl.
/// A non-JSON answer of the API server with its headers (text/* bodies
/// also get `X-Content-Type-Options: nosniff`).
pub fn text_response(now: i64, status: u16, content_type: &str, body: String) -> Response {
    let mut headers = vec![
        ("Cache-Control".into(), "no-cache, private".into()),
        ("Content-Type".into(), content_type.to_string()),
    ];
    if content_type.starts_with("text/") {
        headers.push(("X-Content-Type-Options".into(), "nosniff".into()));
    }
    headers.push(("Date".into(), http_date(now)));
    headers.push(("Content-Length".into(), body.len().to_string()));
    Response {
        status,
        headers,
        body,
    }
}

fn api_get(now: i64, path: &str, api: Option<&ApiServer>) -> Response {
    reply_response(now, api.and_then(|api| api.raw_get(path)))
}

/// The HTTP answer for what the engine's server replied (None: a path it
/// does not serve itself, the server's 404).
pub(super) fn reply_response(
    now: i64,
    reply: Option<crate::apiserver::raw_get::RawReply>,
) -> Response {
    let Some(reply) = reply else {
        return status_response(
            now,
            &Status {
                code: 404,
                reason: "NotFound".into(),
                message: "the server could not find the requested resource".into(),
                details: None,
            },
        );
    };
    match &reply.body {
        RawBody::Status(s) => status_response(now, s),
        RawBody::Text(content_type, body) => {
            text_response(now, reply.code, content_type, body.clone())
        }
        _ => json_response(now, reply.code, &reply.json().unwrap_or_default()),
    }
}
