//! A cluster's API server as curl on the learner's machine meets it at the
//! kubeconfig's address (`https://127.0.0.1:<port>` for kind,
//! `https://192.168.49.2:8443` for minikube): TLS with the cluster's own
//! CA (curl needs `-k`), and no credentials, so the request is
//! `system:anonymous`'s, which may read only what system:public-info-viewer
//! grants (`/version`, `/healthz`, `/livez`, `/readyz`); anything else is
//! the authorization filter's 403.

use super::http::{http_date, Request, Response};
use super::proxy_api::{json_response, text_response};
use crate::apiserver::auth::rbac::Attributes;
use crate::apiserver::auth::{self, user::UserInfo};
use serde_json::{json, Map, Value};

/// What the API server answers a plain-HTTP request on its TLS port
/// (Go's net/http, verbatim).
pub fn plain_http(now: i64) -> Response {
    let body = "Client sent an HTTP request to an HTTPS server.\n".to_string();
    Response {
        status: 400,
        headers: vec![("Date".into(), http_date(now))],
        body,
    }
}

/// The answer to an anonymous request over TLS.
pub fn anonymous(now: i64, req: &Request) -> Response {
    let path = req.path.split('?').next().unwrap_or("/");
    let answer = |content_type: &str, body: String| text_response(now, 200, content_type, body);
    match path {
        // version.Info in its Go field order.
        "/version" | "/version/" => {
            answer("application/json", crate::kubectl::server_version_json())
        }
        "/healthz" | "/livez" | "/readyz" => answer("text/plain; charset=utf-8", "ok".into()),
        _ => json_response(now, 403, &forbidden(path)),
    }
}

/// The authorization filter's 403 for `system:anonymous`, as a Status.
fn forbidden(path: &str) -> Value {
    let user = UserInfo {
        name: "system:anonymous".into(),
        uid: String::new(),
        groups: vec!["system:unauthenticated".into()],
        extra: Default::default(),
    };
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    // /api/v1/... or /apis/<group>/<version>/...: a resource request.
    let (group, rest) = match parts.as_slice() {
        ["api", _v, rest @ ..] if !rest.is_empty() => ("", rest),
        ["apis", g, _v, rest @ ..] if !rest.is_empty() => (*g, rest),
        _ => ("", &[][..]),
    };
    let (namespace, rest) = match rest {
        ["namespaces", ns, rest @ ..] if !rest.is_empty() => (*ns, rest),
        _ => ("", rest),
    };
    let (resource, name, subresource) = match rest {
        [r] => (*r, "", ""),
        [r, n] => (*r, *n, ""),
        [r, n, s, ..] => (*r, *n, *s),
        _ => ("", "", ""),
    };
    let a = Attributes {
        verb: if name.is_empty() && !resource.is_empty() {
            "list"
        } else {
            "get"
        },
        group,
        resource,
        subresource,
        namespace,
        name,
        path,
        resource_request: !resource.is_empty(),
    };
    let (message, mut details) = if a.resource_request {
        let s = auth::forbidden(&user, &a, "");
        let mut d = Map::new();
        if !name.is_empty() {
            d.insert("name".into(), json!(name));
        }
        if !group.is_empty() {
            d.insert("group".into(), json!(group));
        }
        d.insert("kind".into(), json!(resource));
        (s.message, d)
    } else {
        (
            format!("forbidden: User \"system:anonymous\" cannot get path \"{path}\""),
            Map::new(),
        )
    };
    details.retain(|_, v| v != "");
    json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": "Forbidden",
        "details": details,
        "code": 403
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str) -> Response {
        let req = Request {
            method: "GET".into(),
            path: path.into(),
            user_agent: "curl/8.5.0".into(),
        };
        anonymous(0, &req)
    }

    #[test]
    fn anonymous_reads_version_and_health_and_nothing_else() {
        assert_eq!(get("/healthz").body, "ok");
        let v = get("/version");
        assert!(v.body.starts_with("{\n  \"major\": \"1\",\n"), "{}", v.body);
        let root = get("/");
        assert_eq!(root.status, 403);
        assert!(root.body.contains(
            "\"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\""
        ));
        assert!(root.body.contains("\"details\": {}"), "{}", root.body);
        let pods = get("/api/v1/namespaces/default/pods");
        assert!(pods.body.contains("pods is forbidden: User \\\"system:anonymous\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"default\\\""), "{}", pods.body);
    }
}
