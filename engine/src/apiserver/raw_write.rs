//! POST, PUT and DELETE of an API path as `kubeplay serve` answers them:
//! what `kubectl create|replace|delete --raw` send (kubectl's
//! `rawhttp.raw`: the file's bytes as the body, `application/json`). The
//! PUT and DELETE steps here are the server's own (`server/src/resources.rs`
//! calls them), so both answer alike.

use super::patch_request::PatchRequest;
use super::raw_get::{split_path, RawBody, RawReply};
use super::request_body::{check_namespace, dry_run, json_object};
use super::{ApiServer, ListOptions, Propagation, WriteOptions};
use crate::api::{discovery, meta, query, ApiResource, Status};
use serde_json::{json, Value};

/// What a DELETE answers: the object (pods and Services, and anything its
/// finalizers keep), or a Success Status.
pub enum Deleted {
    Object(Value),
    Status(Value),
}

/// Kinds whose DELETE answers with the deleted object rather than a Status.
fn returns_deleted_object(r: &ApiResource) -> bool {
    r.group.is_empty() && matches!(r.name.as_str(), "pods" | "services")
}

impl ApiServer {
    /// PUT of an object or its `status`/`finalize` subresource. What the main
    /// resource may not change (status behind a status subresource; a
    /// namespace's finalizers) is carried over from the stored object.
    pub fn put_object(
        &mut self,
        r: &ApiResource,
        ns: &str,
        name: &str,
        sub: Option<&str>,
        mut obj: Value,
        dry_run: bool,
    ) -> Result<Value, Status> {
        if let Some(c) = Self::converted(r) {
            let obj = c.incoming(obj)?;
            let out = self.put_object(&c.storage, ns, name, sub, obj, dry_run)?;
            return Ok(c.out(&out));
        }
        let body_name = meta::name(&obj).to_string();
        if body_name.is_empty() {
            meta::metadata_mut(&mut obj).insert("name".into(), json!(name));
        } else if body_name != name {
            return Err(Status::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        check_namespace(r, &obj, ns)?;
        let current = self.get(r, ns, name)?;
        let is_namespace = r.group.is_empty() && r.name == "namespaces";
        let new = match sub {
            Some("status") | Some("finalize") => {
                let mut new = current.clone();
                if sub == Some("status") {
                    new["status"] = obj.get("status").cloned().unwrap_or(json!({}));
                } else {
                    let f = meta::at(&obj, &["spec", "finalizers"])
                        .cloned()
                        .unwrap_or(json!([]));
                    new["spec"]["finalizers"] = f;
                }
                let rv = meta::str_at(&obj, &["metadata", "resourceVersion"])
                    .unwrap_or("")
                    .to_string();
                meta::metadata_mut(&mut new).insert("resourceVersion".into(), json!(rv));
                new
            }
            _ => {
                if discovery::subresources(r).contains(&"status") {
                    match current.get("status") {
                        Some(s) => obj["status"] = s.clone(),
                        None => {
                            if let Some(m) = obj.as_object_mut() {
                                m.remove("status");
                            }
                        }
                    }
                }
                if is_namespace {
                    let f = meta::at(&current, &["spec", "finalizers"])
                        .cloned()
                        .unwrap_or(json!([]));
                    obj["spec"]["finalizers"] = f;
                }
                obj
            }
        };
        let status_only = sub == Some("status") && r.is_custom();
        if dry_run {
            // Run it on a copy: nothing is written, nothing is drawn from the real RNG.
            let mut scratch = self.clone();
            return if status_only {
                scratch.update_status(r, ns, new)
            } else {
                scratch.update(r, ns, new)
            };
        }
        if status_only {
            // A custom resource's main endpoint would keep the old status.
            self.update_status(r, ns, new)
        } else {
            self.update(r, ns, new)
        }
    }

    /// DELETE of one object with its DeleteOptions (`options`, the body) and
    /// the query's `gracePeriodSeconds`/`propagationPolicy`/`dryRun`.
    pub fn delete_request(
        &mut self,
        r: &ApiResource,
        ns: &str,
        name: &str,
        options: &Value,
        param: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Deleted, Status> {
        let body_dry = options
            .get("dryRun")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|v| v == "All"));
        let dry = dry_run(param("dryRun").as_deref())? || body_dry;
        let grace_period = options
            .get("gracePeriodSeconds")
            .and_then(Value::as_i64)
            .or_else(|| param("gracePeriodSeconds").and_then(|g| g.parse().ok()));
        let current = self.get(r, ns, name)?;
        for (field, path) in [("UID", "uid"), ("ResourceVersion", "resourceVersion")] {
            let want = meta::str_at(options, &["preconditions", path]);
            let have = meta::str_at(&current, &["metadata", path]).unwrap_or("");
            if let Some(want) = want.filter(|w| *w != have) {
                return Err(Status::conflict(
                    r,
                    name,
                    &format!("Precondition failed: {field} in precondition: {want}, {field} in object meta: {have}"),
                ));
            }
        }
        let policy = options
            .get("propagationPolicy")
            .and_then(Value::as_str)
            .map(String::from)
            .or_else(|| param("propagationPolicy"));
        let propagation = match policy.as_deref() {
            None | Some("") => None,
            Some(p) => Some(Propagation::parse(p).ok_or_else(|| {
                Status::bad_request(format!(
                    "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{p}\": supported values: \"Foreground\", \"Background\", \"Orphan\""
                ))
            })?),
        };
        let opts = WriteOptions {
            dry_run: dry,
            grace_period,
            propagation,
        };
        let out = self.delete(r, ns, name, &opts)?;
        let pending = meta::at(&out, &["metadata", "deletionTimestamp"]).is_some();
        if pending || returns_deleted_object(r) {
            return Ok(Deleted::Object(out));
        }
        let mut details = json!({"name": name, "kind": r.name, "uid": meta::str_at(&out, &["metadata", "uid"]).unwrap_or("")});
        if !r.group.is_empty() {
            details["group"] = json!(r.group);
        }
        Ok(Deleted::Status(
            json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details}),
        ))
    }

    /// DELETE of a collection: each object that matches, deleted as one
    /// DELETE would; the answer lists what was deleted.
    pub fn delete_collection_request(
        &mut self,
        r: &ApiResource,
        scope: Option<&str>,
        list: &ListOptions,
        dry_run: bool,
    ) -> Result<Value, Status> {
        let items = self.list(r, scope, list)?;
        let mut deleted = vec![];
        for o in items {
            let (ns, name) = (meta::namespace(&o).to_string(), meta::name(&o).to_string());
            let opts = WriteOptions {
                dry_run,
                ..Default::default()
            };
            if let Ok(d) = self.delete(r, &ns, &name, &opts) {
                deleted.push(d);
            }
        }
        Ok(self.list_object(r, deleted))
    }

    /// `method` (POST, PUT, PATCH or DELETE; GET goes to
    /// [`ApiServer::raw_get`]) of `path_and_query` with a `body` in
    /// `content_type`; `None` for what only the HTTP server serves (the
    /// log, exec, eviction and scale subresources).
    pub fn raw_request(
        &mut self,
        method: &str,
        path_and_query: &str,
        content_type: &str,
        body: &[u8],
    ) -> Option<RawReply> {
        if method == "GET" {
            return self.raw_get(path_and_query);
        }
        let (path, q) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let params = query::parse_query(q);
        let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let path = path.trim_end_matches('/');
        let segs: Vec<&str> = path.split('/').skip(1).collect();
        let not_allowed = || {
            Some(status_reply(&Status::method_not_allowed(
                "the server does not allow this method on the requested resource",
            )))
        };
        let (group, version, rest) = match segs.as_slice() {
            ["api", "v1", rest @ ..] if !rest.is_empty() => ("", "v1", rest),
            ["apis", group, version, rest @ ..] if !rest.is_empty() => (*group, *version, rest),
            // Everything else is served for GET only.
            _ => {
                return match self.raw_get(path_and_query) {
                    Some(r) if r.code == 404 => Some(r),
                    _ => not_allowed(),
                }
            }
        };
        self.raw_write(group, version, rest, method, &param, (content_type, body))
            .unwrap_or_else(|s| Some(status_reply(&s)))
    }

    fn raw_write(
        &mut self,
        group: &str,
        version: &str,
        rest: &[&str],
        method: &str,
        param: &dyn Fn(&str) -> Option<String>,
        (content_type, body): (&str, &[u8]),
    ) -> Result<Option<RawReply>, Status> {
        let reg = self.registry();
        let (ns, rest) = split_path(reg, group, version, rest).ok_or_else(not_found)?;
        let r = discovery::find(reg, group, version, rest[0]).ok_or_else(not_found)?;
        if r.namespaced && ns.is_none() && rest.len() > 1 {
            return Err(not_found());
        }
        let sub = rest.get(2).copied();
        if let Some(s) = sub {
            if !discovery::subresources(&r).contains(&s) {
                return Err(not_found());
            }
            if !matches!(s, "status" | "finalize" | "ephemeralcontainers") {
                // Served by the HTTP server only (log, exec, eviction, scale, ...).
                return Ok(None);
            }
        }
        let name = rest.get(1).copied();
        let allowed = || {
            Status::method_not_allowed(
                "the server does not allow this method on the requested resource",
            )
        };
        let verb = match (method, name, sub) {
            ("POST", None, None) if ns.is_some() || !r.namespaced => "create",
            ("PUT", Some(_), None | Some("status") | Some("finalize")) => "update",
            ("PATCH", Some(_), None | Some("status") | Some("ephemeralcontainers")) => "patch",
            ("DELETE", Some(_), None) => "delete",
            ("DELETE", None, None) if ns.is_some() || !r.namespaced => "deletecollection",
            _ => return Err(allowed()),
        };
        if !r.has_verb(verb) {
            return Err(allowed());
        }
        let scope = ns;
        let ns = ns.unwrap_or("");
        let validation = super::field_validation::FieldValidation::from_param(
            param("fieldValidation").as_deref(),
        )?;
        let before = self.set_field_validation(validation);
        let out = match verb {
            "create" => json_object(body, content_type, &r).and_then(|obj| {
                check_namespace(&r, &obj, ns)?;
                let opts = WriteOptions {
                    dry_run: dry_run(param("dryRun").as_deref())?,
                    ..Default::default()
                };
                self.create(&r, ns, obj, &opts).map(|v| (201, v))
            }),
            "update" => json_object(body, content_type, &r).and_then(|obj| {
                let dry = dry_run(param("dryRun").as_deref())?;
                self.put_object(&r, ns, name.unwrap_or(""), sub, obj, dry)
                    .map(|v| (200, v))
            }),
            "patch" => {
                let validation = param("fieldValidation");
                let manager = param("fieldManager");
                let force = param("force");
                let request = PatchRequest {
                    field_manager: manager.as_deref(),
                    content_type,
                    body,
                    field_validation: validation.as_deref(),
                    dry_run: dry_run(param("dryRun").as_deref())?,
                    force: force.as_deref(),
                };
                self.patch_request(&r, ns, name.unwrap_or(""), sub, &request)
                    .map(|(v, _warnings)| (200, v))
            }
            "deletecollection" => {
                let nonempty = |k: &str| param(k).filter(|s| !s.is_empty());
                let list = ListOptions {
                    label_selector: nonempty("labelSelector"),
                    field_selector: nonempty("fieldSelector"),
                };
                dry_run(param("dryRun").as_deref())
                    .and_then(|dry| self.delete_collection_request(&r, scope, &list, dry))
                    .map(|v| (200, v))
            }
            _ => {
                let options: Result<Value, Status> = if body.iter().all(u8::is_ascii_whitespace) {
                    Ok(json!({}))
                } else {
                    serde_json::from_slice(body).map_err(|e| {
                        Status::bad_request(format!(
                            "couldn't get version/kind; json parse error: {e}"
                        ))
                    })
                };
                options
                    .and_then(|o| self.delete_request(&r, ns, name.unwrap_or(""), &o, param))
                    .map(|d| match d {
                        Deleted::Object(v) | Deleted::Status(v) => (200, v),
                    })
            }
        };
        self.set_field_validation(before);
        let (code, v) = out?;
        Ok(Some(RawReply {
            code,
            body: RawBody::Json(v),
        }))
    }
}

fn not_found() -> Status {
    Status {
        code: 404,
        reason: "NotFound".into(),
        message: "the server could not find the requested resource".into(),
        details: None,
    }
}

fn status_reply(s: &Status) -> RawReply {
    RawReply {
        code: s.code,
        body: RawBody::Status(s.clone()),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    fn run(c: &mut Cluster, line: &str) -> (String, String) {
        let o = c.run(line);
        (o.stdout(), o.stderr())
    }

    #[test]
    fn create_replace_delete_raw() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run(r#"echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"r"},"data":{"a":"b"}}' > cm.json"#);
        let path = "/api/v1/namespaces/default/configmaps";
        let (out, _) = run(&mut c, &format!("kubectl create --raw {path} -f cm.json"));
        assert!(out.starts_with(r#"{"apiVersion":"v1","data":{"a":"b"},"kind":"ConfigMap""#));
        assert!(out.contains(r#""manager":"kubectl","operation":"Update""#));
        let (_, err) = run(&mut c, &format!("kubectl create --raw {path} -f cm.json"));
        assert_eq!(
            err,
            "Error from server (AlreadyExists): configmaps \"r\" already exists\n"
        );
        c.run("sed -i 's/\"b\"/\"c\"/' cm.json");
        let (out, _) = run(
            &mut c,
            &format!("kubectl replace --raw {path}/r -f cm.json"),
        );
        assert!(out.contains(r#""data":{"a":"c"}"#));
        let (out, _) = run(&mut c, &format!("kubectl delete --raw {path}/r"));
        assert!(out.starts_with(r#"{"apiVersion":"v1","details":{"kind":"configmaps","name":"r""#));
        let (_, err) = run(&mut c, &format!("kubectl delete --raw {path}/r"));
        assert_eq!(
            err,
            "Error from server (NotFound): configmaps \"r\" not found\n"
        );
        let (_, err) = run(&mut c, "kubectl create --raw /healthz -f cm.json");
        assert!(err.starts_with("Error from server (MethodNotAllowed)"));
    }

    #[test]
    fn raw_flag_checks_come_first() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let cases = [
            (
                "kubectl create --raw /x",
                "error: must specify one of -f and -k\n",
            ),
            (
                "kubectl create --raw /x -f a -f b",
                "error: --raw can only use a single local file or stdin\n",
            ),
            (
                "kubectl replace --raw /x -f http://a",
                "error: --raw cannot read from a url\n",
            ),
            (
                "kubectl delete --raw /x -o name",
                "error: --raw and --output are mutually exclusive\n",
            ),
            (
                "kubectl create --raw /x -f nope.json",
                "error: open nope.json: no such file or directory\n",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(run(&mut c, line).1, want, "{line}");
        }
    }
}
