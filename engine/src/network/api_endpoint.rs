//! A cluster's API server as curl meets it over the network: from the
//! learner's machine at the kubeconfig's address (`https://127.0.0.1:<port>`
//! for kind, `https://192.168.49.2:8443` for minikube), or from a pod at
//! `https://kubernetes.default.svc`. Without credentials a request is
//! `system:anonymous`'s, which may read only what
//! system:public-info-viewer grants (`/version`, `/healthz`, `/livez`,
//! `/readyz`); with a ServiceAccount's bearer token it is that account's,
//! checked by RBAC; a token the server does not accept is a 401.

use super::http::{http_date, Request, Response};
use super::proxy_api::{json_response, reply_response, text_response};
use crate::apiserver::auth;
use crate::apiserver::auth::rbac::Attributes;
use crate::apiserver::auth::user::{Requester, UserInfo};
use crate::apiserver::managed::FieldManager;
use crate::apiserver::ApiServer;
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

/// The answer to a request over TLS: anonymous without a bearer token,
/// else as the token's ServiceAccount.
pub fn answer(now: i64, req: &Request, api: Option<&mut ApiServer>) -> Response {
    let Some(token) = req.bearer() else {
        return anonymous(now, req);
    };
    match api.map(|api| (api.authenticate_token(token), api)) {
        Some((Ok(user), api)) => as_user(now, req, api, &user),
        _ => json_response(
            now,
            401,
            &json!({
                "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": "Unauthorized", "reason": "Unauthorized", "code": 401
            }),
        ),
    }
}

/// The answer to an anonymous request.
pub fn anonymous(now: i64, req: &Request) -> Response {
    let path = req.path.split('?').next().unwrap_or("/");
    let answer = |content_type: &str, body: String| text_response(now, 200, content_type, body);
    match path {
        // version.Info in its Go field order.
        "/version" | "/version/" => {
            answer("application/json", crate::kubectl::server_version_json())
        }
        "/healthz" | "/livez" | "/readyz" => answer("text/plain; charset=utf-8", "ok".into()),
        _ => {
            let user = UserInfo {
                name: "system:anonymous".into(),
                uid: String::new(),
                groups: vec!["system:unauthenticated".into()],
                extra: Default::default(),
            };
            let parts = parts(path);
            json_response(
                now,
                403,
                &forbidden(&user, &attributes(&req.path, &parts), ""),
            )
        }
    }
}

/// A GET by an authenticated user: the authorization filter, then the
/// server's answer as that user sees it.
fn as_user(now: i64, req: &Request, api: &mut ApiServer, user: &UserInfo) -> Response {
    let parts = parts(&req.path);
    let mut a = attributes(&req.path, &parts);
    // The verb a write asks for (a collection's DELETE is deletecollection).
    a.verb = match (req.method.as_str(), a.resource_request, a.name.is_empty()) {
        ("POST", true, _) => "create",
        ("PUT", true, _) => "update",
        ("PATCH", true, _) => "patch",
        ("DELETE", true, true) => "deletecollection",
        ("DELETE", true, false) => "delete",
        // A non-resource path is asked for with the method's name.
        ("POST", false, _) => "post",
        ("PUT", false, _) => "put",
        ("PATCH", false, _) => "patch",
        ("DELETE", false, _) => "delete",
        (_, _, _) => a.verb,
    };
    if let Err(reason) = api.allows(user, &a) {
        return json_response(now, 403, &forbidden(user, &a, &reason));
    }
    let who = api.set_requester(Requester::User(user.clone()));
    let query = req.path.split_once('?').map_or("", |(_, q)| q);
    let param = crate::api::query::parse_query(query)
        .into_iter()
        .find(|(k, _)| k == "fieldManager")
        .map(|(_, v)| v);
    let sub = Some(a.subresource).filter(|s| !s.is_empty());
    let manager = FieldManager::of_request(param.as_deref(), &req.user_agent, sub);
    let before = api.set_field_manager(Some(manager));
    let content_type = req.header("content-type").unwrap_or("");
    let reply = match req.method.as_str() {
        "GET" | "HEAD" => api.raw_get(&req.path),
        method => api.raw_request(method, &req.path, content_type, req.body.as_bytes()),
    };
    api.set_field_manager(before);
    api.set_requester(who);
    reply_response(now, reply)
}

/// The path's segments, without its query.
fn parts(path_and_query: &str) -> Vec<&str> {
    let path = path_and_query.split('?').next().unwrap_or("/");
    path.trim_matches('/').split('/').collect()
}

/// What the authorization filter asks about a GET of this path
/// (`/api/v1/...` and `/apis/<group>/<version>/...` are resource requests).
fn attributes<'p>(path_and_query: &'p str, parts: &'p [&'p str]) -> Attributes<'p> {
    let path = path_and_query.split('?').next().unwrap_or("/");
    let watch = path_and_query.contains("watch=true") || path_and_query.contains("watch=1");
    let (group, rest) = match parts {
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
    let verb = match (resource.is_empty(), name.is_empty(), watch) {
        (false, true, true) => "watch",
        (false, true, false) => "list",
        _ => "get",
    };
    Attributes {
        verb,
        group,
        resource,
        subresource,
        namespace,
        name,
        path,
        resource_request: !resource.is_empty(),
    }
}

/// The authorization filter's 403, as a Status with the details
/// `NewForbidden` gives it.
fn forbidden(user: &UserInfo, a: &Attributes, reason: &str) -> Value {
    let message = auth::forbidden(user, a, reason).message;
    let mut details = Map::new();
    if a.resource_request {
        if !a.name.is_empty() {
            details.insert("name".into(), json!(a.name));
        }
        if !a.group.is_empty() {
            details.insert("group".into(), json!(a.group));
        }
        details.insert("kind".into(), json!(a.resource));
    }
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
            ..Default::default()
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
