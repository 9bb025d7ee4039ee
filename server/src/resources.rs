//! The resource paths: `/api/v1/[namespaces/{ns}/]{resource}[/{name}[/{sub}]]`
//! and the same under `/apis/{group}/{version}`, with the verbs of the engine's
//! API server behind them.

use crate::body::{body_object, check_namespace};
use crate::discovery;
use crate::fields;
use crate::http::{Reply, Req};
use crate::sim::Sim;
use crate::table;
use crate::watch;
use kubeplay_engine::api::{ApiResource, Status};
use kubeplay_engine::apiserver::managed::FieldManager;
use kubeplay_engine::apiserver::patch_request::PatchRequest;
use kubeplay_engine::apiserver::raw_write::Deleted;
use kubeplay_engine::apiserver::request_body;
use kubeplay_engine::apiserver::{ListOptions, PageOptions, WriteOptions};
use serde_json::{json, Value};

/// A resource path, split up.
#[derive(Debug, PartialEq)]
pub struct Target {
    pub group: String,
    pub version: String,
    pub namespace: Option<String>,
    pub resource: String,
    pub name: Option<String>,
    pub sub: Option<String>,
}

/// What a resource request turns into.
pub enum Outcome {
    Reply(Reply),
    Watch(Box<watch::Setup>),
    /// `pods/log?follow=true`: the log so far, then what follows.
    Log(Box<crate::logs::Follow>, bytes::Bytes),
    /// `pods/exec` over a WebSocket, once the connection is upgraded.
    Exec(Box<crate::exec::Plan>),
    /// `pods/portforward` over a WebSocket, once the connection is upgraded.
    PortForward(Box<crate::portforward::Plan>),
}

impl From<Reply> for Outcome {
    fn from(r: Reply) -> Self {
        Outcome::Reply(r)
    }
}

/// Splits what follows `/api/v1` or `/apis/{g}/{v}`. `namespaces/{ns}/{res}`
/// is a namespaced path when `{res}` is a namespaced resource of the group/version.
pub fn parse_target(sim: &Sim, group: &str, version: &str, rest: &[&str]) -> Option<Target> {
    let reg = sim.api().registry();
    let namespaced_res =
        |name: &str| discovery::find(reg, group, version, name).is_some_and(|r| r.namespaced);
    let (namespace, rest) = match rest {
        ["namespaces", ns, res, ..] if namespaced_res(res) => (Some(ns.to_string()), &rest[2..]),
        _ => (None, rest),
    };
    let t = |name: Option<&&str>, sub: Option<&&str>| Target {
        group: group.into(),
        version: version.into(),
        namespace: namespace.clone(),
        resource: rest[0].to_string(),
        name: name.map(|s| s.to_string()),
        sub: sub.map(|s| s.to_string()),
    };
    match rest.len() {
        1..=3 if rest.iter().all(|s| !s.is_empty()) => Some(t(rest.get(1), rest.get(2))),
        _ => None,
    }
}

fn dry_run(req: &Req) -> Result<bool, Reply> {
    request_body::dry_run(req.param("dryRun")).map_err(|s| Reply::status(&s))
}

fn bad(msg: impl Into<String>) -> Reply {
    Reply::status(&Status::bad_request(msg))
}

pub fn handle(sim: &mut Sim, req: &Req, t: &Target) -> Outcome {
    let manager = field_manager(req, t.sub.as_deref());
    let before = sim.api_mut().set_field_manager(Some(manager));
    let out = match handle_inner(sim, req, t) {
        Ok(o) => o,
        Err(reply) => Outcome::Reply(reply),
    };
    sim.api_mut().set_field_manager(before);
    out
}

/// The request's field manager (its parameter, else its user agent).
fn field_manager(req: &Req, sub: Option<&str>) -> FieldManager {
    FieldManager::of_request(req.param("fieldManager"), &req.user_agent, sub)
}

fn handle_inner(sim: &mut Sim, req: &Req, t: &Target) -> Result<Outcome, Reply> {
    let r = discovery::find(sim.api().registry(), &t.group, &t.version, &t.resource)
        .ok_or_else(Reply::not_found)?;
    if t.namespace.is_some() && !r.namespaced {
        return Err(Reply::not_found());
    }
    // A namespaced object is only reached through its namespace.
    if r.namespaced && t.namespace.is_none() && t.name.is_some() {
        return Err(Reply::not_found());
    }
    let ns = t.namespace.clone().unwrap_or_default();
    let subs = discovery::subresources(&r);
    if let Some(sub) = &t.sub {
        if !subs.contains(&sub.as_str()) {
            return Err(Reply::not_found());
        }
    }
    let sub = t.sub.as_deref();
    if sub == Some("log") {
        if req.method != "GET" {
            return Err(Reply::method_not_allowed());
        }
        let name = t.name.as_deref().unwrap_or("");
        return Ok(match crate::logs::get(sim, req, &r, &ns, name)? {
            crate::logs::LogOutcome::Whole(reply) => Outcome::Reply(reply),
            crate::logs::LogOutcome::Follow(f, first) => Outcome::Log(f, first),
        });
    }
    if matches!(sub, Some("exec" | "attach")) {
        if !matches!(req.method.as_str(), "GET" | "POST") {
            return Err(Reply::method_not_allowed());
        }
        let name = t.name.as_deref().unwrap_or("");
        let plan = if sub == Some("exec") {
            crate::exec::prepare(sim, req, &r, &ns, name)?
        } else {
            crate::exec::prepare_attach(sim, req, &r, &ns, name)?
        };
        return Ok(Outcome::Exec(Box::new(plan)));
    }
    if sub == Some("portforward") {
        if !matches!(req.method.as_str(), "GET" | "POST") {
            return Err(Reply::method_not_allowed());
        }
        let name = t.name.as_deref().unwrap_or("");
        let plan = crate::portforward::prepare(sim, req, &r, &ns, name)?;
        return Ok(Outcome::PortForward(Box::new(plan)));
    }
    if sub == Some("eviction") {
        if req.method != "POST" {
            return Err(Reply::method_not_allowed());
        }
        let name = t.name.as_deref().unwrap_or("");
        return crate::eviction::create(sim, req, &r, &ns, name).map(Outcome::Reply);
    }
    // certificatesigningrequests/NAME/approval: the conditions of the body.
    if sub == Some("approval") {
        if req.method != "PUT" {
            return Err(Reply::method_not_allowed());
        }
        let body = body_object(req, &r)?;
        let out = sim
            .api_mut()
            .update_approval(&r, body)
            .map_err(|s| Reply::status(&s))?;
        return Ok(Outcome::Reply(Reply::object(req, 200, &out)));
    }
    if sub == Some("scale") {
        let name = t.name.as_deref().unwrap_or("");
        return crate::scale::handle(sim, req, &r, &ns, name).map(Outcome::Reply);
    }
    let watching = req.flag("watch");
    let verb = match (req.method.as_str(), &t.name, sub) {
        ("GET", None, None) if watching => "watch",
        ("GET", None, None) => "list",
        ("GET", Some(_), None | Some("status")) => "get",
        ("POST", None, None) if t.namespace.is_some() || !r.namespaced => "create",
        ("PUT", Some(_), None | Some("status")) => "update",
        ("PUT", Some(_), Some("finalize")) => "update",
        ("PATCH", Some(_), None | Some("status") | Some("ephemeralcontainers")) => "patch",
        ("DELETE", Some(_), None) => "delete",
        ("DELETE", None, None) if t.namespace.is_some() || !r.namespaced => "deletecollection",
        _ => return Err(Reply::method_not_allowed()),
    };
    if !r.has_verb(verb) {
        return Err(Reply::method_not_allowed());
    }
    let scope = t.namespace.as_deref();
    let reply = match verb {
        "watch" => return Ok(Outcome::Watch(Box::new(watch::setup(sim, req, &r, scope)?))),
        "list" => list(sim, req, &r, scope)?,
        "get" => get(sim, req, &r, &ns, t.name.as_deref().unwrap_or(""))?,
        "create" => {
            let mut obj = body_object(req, &r)?;
            let directive = fields::directive(req.param("fieldValidation"))?;
            let warnings = fields::check(&directive, &r, &mut obj)?;
            check_namespace(&r, &obj, &ns)?;
            let opts = WriteOptions {
                dry_run: dry_run(req)?,
                ..Default::default()
            };
            let created = sim
                .api_mut()
                .create(&r, &ns, obj, &opts)
                .map_err(|s| Reply::status(&s))?;
            Reply::object(req, 201, &created).with_warnings(warnings)
        }
        "update" => {
            let mut obj = body_object(req, &r)?;
            let directive = fields::directive(req.param("fieldValidation"))?;
            let warnings = fields::check(&directive, &r, &mut obj)?;
            let name = t.name.as_deref().unwrap_or("");
            let out = update(sim, &r, &ns, name, sub, obj, dry_run(req)?)?;
            Reply::object(req, 200, &out).with_warnings(warnings)
        }
        "patch" => {
            let name = t.name.as_deref().unwrap_or("");
            let (out, warnings) = patch(sim, req, &r, &ns, name, sub)?;
            Reply::object(req, 200, &out).with_warnings(warnings)
        }
        "delete" => delete(sim, req, &r, &ns, t.name.as_deref().unwrap_or(""))?,
        _ => delete_collection(sim, req, &r, scope)?,
    };
    Ok(Outcome::Reply(reply))
}

fn list_options(req: &Req) -> ListOptions {
    let nonempty = |k: &str| req.param(k).filter(|s| !s.is_empty()).map(String::from);
    ListOptions {
        label_selector: nonempty("labelSelector"),
        field_selector: nonempty("fieldSelector"),
    }
}

/// `limit` and `continue`, paged by the engine's API server as etcd does.
fn page_options(req: &Req) -> PageOptions {
    PageOptions {
        limit: req
            .param("limit")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0),
        continue_token: req.param("continue").unwrap_or("").to_string(),
    }
}

fn list(sim: &Sim, req: &Req, r: &ApiResource, scope: Option<&str>) -> Result<Reply, Reply> {
    let paged = sim
        .api()
        .list_page(r, scope, &list_options(req), &page_options(req))
        .map_err(|e| {
            let mut reply = e.status.to_json();
            if let Some(token) = e.continue_token {
                reply["metadata"]["continue"] = json!(token);
            }
            Reply::json(e.status.code, &reply)
        })?;
    // The stored objects, shared: each form below copies only what it sends.
    let page: Vec<&Value> = paged.items.iter().map(|o| &**o).collect();
    let rv = paged.resource_version.to_string();
    let paging = |v: &mut Value| paged.annotate(v);
    match table::wanted_any(req) {
        Some((kind, version)) if kind == "Table" => {
            let include = req.param("includeObject").unwrap_or("Metadata");
            let mut t = table::render(sim, r, &page, &rv, &version, include);
            paging(&mut t);
            let ct = table::content_type(&kind, &version);
            Ok(Reply::raw(
                200,
                &ct,
                serde_json::to_vec(&t).unwrap_or_default(),
            ))
        }
        Some((kind, version)) if kind == "PartialObjectMetadataList" => {
            let items: Vec<Value> = page.iter().map(|o| table::partial(o, &version)).collect();
            let mut v = json!({
                "kind": "PartialObjectMetadataList",
                "apiVersion": format!("meta.k8s.io/{version}"),
                "metadata": {"resourceVersion": rv},
            });
            // Moved in: `json!` would copy the items once more.
            v["items"] = Value::Array(items);
            paging(&mut v);
            let ct = table::content_type(&kind, &version);
            Ok(Reply::raw(
                200,
                &ct,
                serde_json::to_vec(&v).unwrap_or_default(),
            ))
        }
        _ => {
            let items = page.into_iter().cloned().collect();
            let mut v = sim.api().list_object(r, items);
            v["metadata"]["resourceVersion"] = json!(rv);
            paging(&mut v);
            Ok(Reply::object(req, 200, &v))
        }
    }
}

fn get(sim: &Sim, req: &Req, r: &ApiResource, ns: &str, name: &str) -> Result<Reply, Reply> {
    let obj = sim.api().get(r, ns, name).map_err(|s| Reply::status(&s))?;
    Ok(match table::wanted_any(req) {
        Some((kind, version)) if kind == "Table" => {
            let include = req.param("includeObject").unwrap_or("Metadata");
            let t = table::single(sim, r, &obj, &version, include);
            let ct = table::content_type(&kind, &version);
            Reply::raw(200, &ct, serde_json::to_vec(&t).unwrap_or_default())
        }
        Some((kind, version)) if kind == "PartialObjectMetadata" => {
            let ct = table::content_type(&kind, &version);
            Reply::raw(
                200,
                &ct,
                serde_json::to_vec(&table::partial(&obj, &version)).unwrap_or_default(),
            )
        }
        _ => Reply::object(req, 200, &obj),
    })
}

/// PUT: the engine's steps ([`kubeplay_engine::apiserver::ApiServer::put_object`]).
fn update(
    sim: &mut Sim,
    r: &ApiResource,
    ns: &str,
    name: &str,
    sub: Option<&str>,
    obj: Value,
    dry_run: bool,
) -> Result<Value, Reply> {
    sim.api_mut()
        .put_object(r, ns, name, sub, obj, dry_run)
        .map_err(|s| Reply::status(&s))
}

fn patch(
    sim: &mut Sim,
    req: &Req,
    r: &ApiResource,
    ns: &str,
    name: &str,
    sub: Option<&str>,
) -> Result<(Value, Vec<String>), Reply> {
    let request = PatchRequest {
        content_type: &req.content_type,
        body: &req.body,
        field_validation: req.param("fieldValidation"),
        dry_run: dry_run(req)?,
        force: req.param("force"),
        field_manager: req.param("fieldManager"),
    };
    sim.api_mut()
        .patch_request(r, ns, name, sub, &request)
        .map_err(|s| Reply::status(&s))
}

fn delete(sim: &mut Sim, req: &Req, r: &ApiResource, ns: &str, name: &str) -> Result<Reply, Reply> {
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    let options: Value = if req.body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else if ct == crate::protobuf::MEDIA_TYPE {
        crate::protobuf::decode(&req.body).map_err(bad)?
    } else {
        serde_json::from_slice(&req.body)
            .map_err(|e| bad(format!("couldn't get version/kind; json parse error: {e}")))?
    };
    let param = |k: &str| req.param(k).map(String::from);
    match sim.api_mut().delete_request(r, ns, name, &options, &param) {
        Ok(Deleted::Object(out)) => Ok(Reply::object(req, 200, &out)),
        Ok(Deleted::Status(s)) => Ok(Reply::json(200, &s)),
        Err(s) => Err(Reply::status(&s)),
    }
}

fn delete_collection(
    sim: &mut Sim,
    req: &Req,
    r: &ApiResource,
    scope: Option<&str>,
) -> Result<Reply, Reply> {
    let dry = dry_run(req)?;
    let list = sim
        .api_mut()
        .delete_collection_request(r, scope, &list_options(req), dry)
        .map_err(|s| Reply::status(&s))?;
    Ok(Reply::json(200, &list))
}
