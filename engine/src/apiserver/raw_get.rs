//! A GET of an API path as `kubeplay serve` answers it, for the clients
//! inside the engine (`kubectl get --raw`, `kubectl proxy`): health checks,
//! `/version`, discovery, the OpenAPI documents (with the
//! `openapi-documents` feature), objects and lists (with selectors and
//! paging) and pod logs. What only the HTTP server serves (a followed log,
//! exec, the verbose health checks) answers `None`.

use super::paging::PageOptions;
use super::{ApiServer, ListOptions};
use crate::api::{discovery, query, Status};
use serde_json::{json, Value};

/// The body of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum RawBody {
    /// `application/json`, written compact with sorted keys (as the server does).
    Json(Value),
    /// Already formatted text (`ok`, `/version`) and its media type.
    Text(&'static str, String),
    /// An error, sent as a `metav1.Status` object.
    Status(Status),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawReply {
    pub code: u16,
    pub body: RawBody,
}

impl RawReply {
    fn ok(v: Value) -> RawReply {
        RawReply {
            code: 200,
            body: RawBody::Json(v),
        }
    }

    fn status(s: &Status) -> RawReply {
        RawReply {
            code: s.code,
            body: RawBody::Status(s.clone()),
        }
    }

    fn text(content_type: &'static str, text: String) -> RawReply {
        RawReply {
            code: 200,
            body: RawBody::Text(content_type, text),
        }
    }

    /// The body as JSON, for answers that are JSON.
    pub fn json(&self) -> Option<Value> {
        match &self.body {
            RawBody::Json(v) => Some(v.clone()),
            RawBody::Status(s) => {
                let mut v = s.to_json();
                // The server's 404/405 carry an empty details object.
                if v.get("details").is_none() && matches!(s.code, 404 | 405) {
                    v["details"] = json!({});
                }
                Some(v)
            }
            RawBody::Text(..) => None,
        }
    }

    /// The bytes as the server sends them (discovery documents in Go's
    /// field order).
    pub fn bytes(&self) -> String {
        match &self.body {
            RawBody::Text(_, t) => t.clone(),
            RawBody::Json(v) if discovery::is_document(v) => {
                crate::kubectl::printers::go_order::to_compact_ordered(v, discovery::field_order)
            }
            _ => self.json().map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    /// The Status of an error answer (what kubectl prints for it).
    pub fn error(&self) -> Option<Status> {
        match &self.body {
            RawBody::Status(s) => Some(s.clone()),
            RawBody::Json(v) if self.code >= 400 => Some(Status {
                code: self.code,
                reason: v["reason"].as_str().unwrap_or("").into(),
                message: v["message"].as_str().unwrap_or("").into(),
                details: None,
            }),
            _ => None,
        }
    }
}

/// The 404 for a path nothing is served at.
/// `/api[s]/GROUP/VERSION/...` of a served group: the namespace, if the
/// path names one for a namespaced resource, and the resource's part
/// (`pods`, `pods/x`, `pods/x/log`). None: the server's 404.
pub(super) fn split_path<'p>(
    reg: &crate::api::Registry,
    group: &str,
    version: &str,
    rest: &'p [&'p str],
) -> Option<(Option<&'p str>, &'p [&'p str])> {
    if !reg.serves_group_version(group, version) {
        return None;
    }
    let namespaced =
        |name: &str| discovery::find(reg, group, version, name).is_some_and(|r| r.namespaced);
    let (ns, rest) = match rest {
        ["namespaces", ns, res, ..] if namespaced(res) => (Some(*ns), &rest[2..]),
        _ => (None, rest),
    };
    if rest.is_empty() || rest.len() > 3 || rest.iter().any(|s| s.is_empty()) {
        return None;
    }
    Some((ns, rest))
}

fn not_found() -> RawReply {
    RawReply::status(&Status {
        code: 404,
        reason: "NotFound".into(),
        message: "the server could not find the requested resource".into(),
        details: None,
    })
}

impl ApiServer {
    /// `ip:port` the server advertises: its own `kubernetes` endpoints.
    pub fn advertise_address(&self) -> Option<String> {
        let ep = self.store.get(&crate::store::Key::new(
            "/endpoints",
            "default",
            "kubernetes",
        ))?;
        let subset = &ep["subsets"][0];
        Some(format!(
            "{}:{}",
            subset["addresses"][0]["ip"].as_str()?,
            subset["ports"][0]["port"].as_i64()?
        ))
    }

    /// GET `path` (with an optional `?query`); `None` for paths the engine
    /// does not serve itself.
    pub fn raw_get(&self, path_and_query: &str) -> Option<RawReply> {
        let (path, q) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let params = query::parse_query(q);
        let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let path = path.trim_end_matches('/');
        let segs: Vec<&str> = path.split('/').skip(1).collect();
        let reg = self.registry();
        let doc = |v: Option<Value>| Some(v.map_or_else(not_found, RawReply::ok));
        match segs.as_slice() {
            ["version"] => Some(RawReply::text(
                "application/json",
                crate::kubectl::server_version_json(),
            )),
            // The verbose list of checks is the real server's configuration,
            // not simulated; a single check answers `ok` too.
            ["healthz" | "readyz" | "livez", ..] if param("verbose").is_some() => None,
            ["healthz" | "readyz" | "livez", ..] => {
                Some(RawReply::text("text/plain; charset=utf-8", "ok".into()))
            }
            ["openapi", ..] => self.raw_openapi(&segs[1..]),
            ["api"] => doc(Some(discovery::api_versions(
                self.advertise_address().as_deref(),
            ))),
            ["apis"] => doc(Some(discovery::api_group_list(reg))),
            ["api", "v1"] => doc(discovery::api_resource_list(reg, "", "v1")),
            ["apis", group] => doc(discovery::api_group_doc(reg, group)),
            ["apis", group, version] => doc(discovery::api_resource_list(reg, group, version)),
            ["api", "v1", rest @ ..] => self.raw_resource("", "v1", rest, &param),
            ["apis", group, version, rest @ ..] => self.raw_resource(group, version, rest, &param),
            _ => Some(not_found()),
        }
    }

    /// `/openapi/v2`, `/openapi/v3` and its documents (with the
    /// `openapi-documents` feature; without it, not served here).
    #[cfg(feature = "openapi-documents")]
    fn raw_openapi(&self, rest: &[&str]) -> Option<RawReply> {
        use crate::api::openapi_docs;
        let text =
            |b: &[u8]| RawReply::text("application/json", String::from_utf8_lossy(b).into_owned());
        Some(match rest {
            ["v2"] => text(&openapi_docs::documents().v2),
            ["v3"] => RawReply::ok(openapi_docs::v3_root(self.registry())),
            ["v3", gv @ ..] => openapi_docs::v3_document(self.registry(), &gv.join("/"))
                .map_or_else(not_found, |d| text(&d)),
            _ => not_found(),
        })
    }

    #[cfg(not(feature = "openapi-documents"))]
    fn raw_openapi(&self, _rest: &[&str]) -> Option<RawReply> {
        None
    }

    /// `[namespaces/{ns}/]{resource}[/{name}[/status]]` under a group/version.
    fn raw_resource<'a>(
        &self,
        group: &str,
        version: &str,
        rest: &[&str],
        param: &dyn Fn(&str) -> Option<&'a str>,
    ) -> Option<RawReply> {
        let reg = self.registry();
        let Some((ns, rest)) = split_path(reg, group, version, rest) else {
            return Some(not_found());
        };
        let Some(r) = discovery::find(reg, group, version, rest[0]) else {
            return Some(not_found());
        };
        if r.namespaced && ns.is_none() && rest.len() > 1 {
            return Some(not_found());
        }
        match rest {
            [_] => {
                let nonempty = |k: &str| param(k).filter(|s| !s.is_empty()).map(String::from);
                let opts = ListOptions {
                    label_selector: nonempty("labelSelector"),
                    field_selector: nonempty("fieldSelector"),
                };
                let page = PageOptions {
                    limit: param("limit").and_then(|s| s.parse().ok()).unwrap_or(0),
                    continue_token: param("continue").unwrap_or("").to_string(),
                };
                Some(match self.list_page(&r, ns, &opts, &page) {
                    Ok(paged) => {
                        let items = paged.items.iter().map(|o| (**o).clone()).collect();
                        let mut v = self.list_object(&r, items);
                        v["metadata"]["resourceVersion"] =
                            json!(paged.resource_version.to_string());
                        paged.annotate(&mut v);
                        RawReply::ok(v)
                    }
                    Err(e) => match e.continue_token {
                        // A 410 tells where to go on: the Status with a continue token.
                        Some(token) => {
                            let mut v = e.status.to_json();
                            v["metadata"]["continue"] = json!(token);
                            RawReply {
                                code: e.status.code,
                                body: RawBody::Json(v),
                            }
                        }
                        None => RawReply::status(&e.status),
                    },
                })
            }
            [_, name] | [_, name, "status"] => Some(
                self.get(&r, ns.unwrap_or(""), name)
                    .map_or_else(|s| RawReply::status(&s), RawReply::ok),
            ),
            // A followed log streams: only `kubeplay serve` does that.
            [_, name, "log"]
                if discovery::subresources(&r).contains(&"log")
                    && param("follow").is_none_or(|f| f != "true") =>
            {
                let param = |k: &str| param(k).map(String::from);
                let ns = ns.unwrap_or("");
                let text = self
                    .log_request(&r, ns, name, &param)
                    .and_then(|req| self.log_text(ns, name, &req));
                Some(match text {
                    Ok(t) => RawReply::text("text/plain", t),
                    Err(s) => RawReply::status(&s),
                })
            }
            [_, _, sub] if discovery::subresources(&r).contains(sub) => None,
            _ => Some(not_found()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    fn get(path: &str) -> (String, String) {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let o = c.run(&format!("kubectl get --raw '{path}'"));
        (o.stdout(), o.stderr())
    }

    #[test]
    fn health_version_and_discovery() {
        assert_eq!(get("/healthz").0, "ok");
        assert!(get("/version").0.starts_with("{\n  \"major\": \"1\",\n"));
        assert!(get("/api").0.starts_with("{\"kind\":\"APIVersions\""));
        assert!(get("/apis/apps").0.contains("\"preferredVersion\""));
        assert_eq!(
            get("/nope").1,
            "Error from server (NotFound): the server could not find the requested resource\n"
        );
    }

    #[test]
    fn objects_and_lists() {
        let list = get("/api/v1/namespaces?limit=2").0;
        assert!(list.starts_with("{\"apiVersion\":\"v1\",\"items\":[{"));
        assert!(list.contains("\"remainingItemCount\":2"));
        assert!(get("/api/v1/namespaces/default")
            .0
            .contains("\"kind\":\"Namespace\""));
        assert_eq!(
            get("/api/v1/namespaces/default/pods/x").1,
            "Error from server (NotFound): pods \"x\" not found\n"
        );
        assert!(get("/api/v1/pods/x")
            .1
            .contains("the server could not find"));
    }
}
