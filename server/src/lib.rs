//! `kubeplay-server`: one simulated cluster served over HTTP the way a
//! Kubernetes v1.33 API server serves itself, so a real kubectl (or any
//! client) can drive it. The engine knows nothing of HTTP: this crate only
//! translates requests into the engine's API-server verbs and back.
//!
//! Served (127.0.0.1 only, plain HTTP):
//!
//! - `/version`; `/healthz`, `/readyz`, `/livez` (`ok`).
//! - Discovery: `/api` (APIVersions), `/apis` (APIGroupList), `/apis/{g}`
//!   (APIGroup), `/api/v1` and `/apis/{g}/{v}` (APIResourceList, with
//!   subresources as `pods/status`), and the aggregated form
//!   (`Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`)
//!   that kubectl v1.33 asks for first.
//! - `/openapi/v2` and `/openapi/v3` (one document per group/version): the
//!   v1.33 API server's own documents, so `kubectl explain` works.
//! - Every resource: `/api/v1/[namespaces/{ns}/]{resource}[/{name}[/{sub}]]`
//!   and `/apis/{g}/{v}/...`: GET (get, list with `labelSelector`,
//!   `fieldSelector`, `limit`/`continue`; `watch=true` as a chunked stream of
//!   `{"type":"ADDED","object":...}` lines), POST (create), PUT (update, and
//!   the `status` and namespace `finalize` subresources), PATCH (merge, JSON,
//!   and strategic merge approximated as merge), DELETE (one object, or a
//!   collection), `dryRun=All`; Tables for `Accept: ...;as=Table;v=v1;g=meta.k8s.io`
//!   (rows carry PartialObjectMetadata unless `includeObject` says otherwise).
//!   Errors are `Status` objects with their HTTP code; bodies over 3 MiB are
//!   refused (413) as upstream does.
//! - Bodies and replies in JSON or `application/vnd.kubernetes.protobuf`
//!   (every built-in kind, [`protobuf`]); `fieldValidation` against the
//!   OpenAPI schemas; the `scale`, `log` (also followed), `eviction` and
//!   `exec` (WebSockets, `v5.channel.k8s.io`) subresources.
//!
//! Control endpoints, outside the Kubernetes paths:
//!
//! - `POST /kubeplay/advance?seconds=N` (or `ms=N`): move virtual time on at once.
//! - `GET /kubeplay/time`: `{"now": "<RFC 3339>", "speed": X}`.
//! - `GET /kubeplay/seed`: `{"seed": N}`.
//!
//! Time: virtual time follows real time × `speed`, brought up to date before
//! each request. With speed 0 it moves only through `/kubeplay/advance` and
//! while a single-object watch waits (see [`watch`]).

mod auth;
mod body;
mod discovery;
mod eviction;
mod exec;
mod fields;
mod http;
mod kubeconfig;
mod logs;
mod openapi;
mod portforward;
pub mod protobuf;
mod resources;
mod scale;
mod sim;
mod table;
mod watch;

pub use kubeconfig::kubeconfig_yaml;

use bytes::Bytes;
use http::{Body, Reply, Req, MAX_BODY};
use http_body_util::{BodyExt, Limited};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use kubeplay_engine::Preset;
use resources::Outcome;
use serde_json::json;
use sim::{lock, Shared, Sim};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

/// How long a client may take to send its request headers.
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(32);
/// How long a client may take to send its request body.
const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// How to start a server.
#[derive(Clone, Debug)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub preset: Preset,
    pub seed: u64,
    /// Virtual seconds per real second; 0 stops the clock (see the crate doc).
    pub speed: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            preset: Preset::Minikube,
            seed: 1,
            speed: 1.0,
        }
    }
}

/// A running server on its own thread. Dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1:port and serves a new cluster on a background thread.
    pub fn start(config: &Config) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared: Shared = Arc::new(Mutex::new(Sim::new(
            config.preset.clone(),
            config.seed,
            config.speed,
        )));
        // Unpack the OpenAPI documents now rather than in the first request.
        std::thread::spawn(|| {
            openapi::documents();
        });
        let (tx, rx) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name(format!("kubeplay-server-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    if let Ok(l) = tokio::net::TcpListener::from_std(listener) {
                        serve(l, shared, rx).await;
                    }
                });
            })?;
        Ok(Server {
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Blocks until the server stops (it does not, unless it fails to serve).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn serve(listener: tokio::net::TcpListener, shared: Shared, mut stop: oneshot::Receiver<()>) {
    loop {
        tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = shared.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req| handle(shared.clone(), req));
                    // A client that stalls while sending its headers is cut off
                    // (upstream's ReadHeaderTimeout is 32 s).
                    let _ = http1::Builder::new()
                        .timer(hyper_util::rt::TokioTimer::new())
                        .header_read_timeout(HEADER_TIMEOUT)
                        .serve_connection(TokioIo::new(stream), svc)
                        .with_upgrades()
                        .await;
                });
            }
        }
    }
}

fn respond(reply: Reply) -> hyper::Response<Body> {
    let mut resp = hyper::Response::new(Body::Full(Some(Bytes::from(reply.body))));
    *resp.status_mut() =
        hyper::StatusCode::from_u16(reply.code).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = hyper::header::HeaderValue::from_str(&reply.content_type) {
        resp.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
    }
    for w in &reply.warnings {
        if let Ok(v) = hyper::header::HeaderValue::from_str(&http::warning_header(w)) {
            resp.headers_mut().append(hyper::header::WARNING, v);
        }
    }
    resp
}

fn too_large() -> Reply {
    Reply::status(&kubeplay_engine::api::Status {
        code: 413,
        reason: "RequestEntityTooLarge".into(),
        message: format!("Request entity too large: limit is {MAX_BODY}"),
        details: None,
    })
}

async fn handle(
    shared: Shared,
    mut req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Body>, Infallible> {
    let websocket = req
        .headers()
        .get(hyper::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let on_upgrade = websocket.then(|| hyper::upgrade::on(&mut req));
    let (parts, body) = req.into_parts();
    let declared_too_big = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY);
    if declared_too_big {
        return Ok(respond(too_large()));
    }
    let collected =
        tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await;
    let Ok(collected) = collected else {
        return Ok(respond(Reply::status(&kubeplay_engine::api::Status {
            code: 408,
            reason: "Timeout".into(),
            message: "Timeout: the request body did not arrive within 60s".into(),
            details: None,
        })));
    };
    let body = match collected {
        Ok(b) => b.to_bytes(),
        Err(e)
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            return Ok(respond(too_large()));
        }
        Err(_) => {
            return Ok(respond(Reply::status(
                &kubeplay_engine::api::Status::bad_request("error reading the request body"),
            )))
        }
    };
    let header = |name: hyper::header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let r = Req {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: http::parse_query(parts.uri.query().unwrap_or("")),
        accept: header(hyper::header::ACCEPT),
        content_type: header(hyper::header::CONTENT_TYPE),
        user_agent: header(hyper::header::USER_AGENT),
        body,
        credentials: auth::Credentials::from_headers(&parts.headers),
        websocket_protocol: websocket.then(|| header(hyper::header::SEC_WEBSOCKET_PROTOCOL)),
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| route(&shared, &r))).unwrap_or_else(|_| {
        Outcome::Reply(Reply::status(&kubeplay_engine::api::Status::internal(
            "an error on the server (\"kubeplay: the request could not be handled\") has prevented the request from succeeding",
        )))
    });
    match outcome {
        Outcome::Reply(reply) => Ok(respond(reply)),
        Outcome::Watch(setup) => {
            let ct = setup_content_type(&r);
            let (tx, rx) = mpsc::channel(64);
            tokio::spawn(watch::run(shared.clone(), *setup, tx));
            let mut resp = hyper::Response::new(Body::Stream(rx));
            if let Ok(v) = hyper::header::HeaderValue::from_str(&ct) {
                resp.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
            }
            Ok(resp)
        }
        Outcome::Exec(plan) => {
            let resp = switching(&header(hyper::header::SEC_WEBSOCKET_KEY), plan.protocol);
            if let Some(on_upgrade) = on_upgrade {
                let shared = shared.clone();
                tokio::spawn(async move {
                    if let Ok(upgraded) = on_upgrade.await {
                        exec::run(shared, *plan, upgraded).await;
                    }
                });
            }
            Ok(resp)
        }
        Outcome::PortForward(plan) => {
            let resp = switching(
                &header(hyper::header::SEC_WEBSOCKET_KEY),
                portforward::PROTOCOL,
            );
            if let Some(on_upgrade) = on_upgrade {
                let shared = shared.clone();
                tokio::spawn(async move {
                    if let Ok(upgraded) = on_upgrade.await {
                        portforward::run(shared, *plan, TokioIo::new(upgraded)).await;
                    }
                });
            }
            Ok(resp)
        }
        Outcome::Log(follow, first) => {
            let (tx, rx) = mpsc::channel(64);
            tokio::spawn(logs::run(shared.clone(), *follow, first, tx));
            let mut resp = hyper::Response::new(Body::Stream(rx));
            resp.headers_mut().insert(
                hyper::header::CONTENT_TYPE,
                hyper::header::HeaderValue::from_static("text/plain"),
            );
            Ok(resp)
        }
    }
}

/// `101 Switching Protocols` to a WebSocket speaking `protocol`.
fn switching(key: &str, protocol: &'static str) -> hyper::Response<Body> {
    let mut resp = hyper::Response::new(Body::Full(None));
    *resp.status_mut() = hyper::StatusCode::SWITCHING_PROTOCOLS;
    let h = resp.headers_mut();
    h.insert(
        hyper::header::UPGRADE,
        hyper::header::HeaderValue::from_static("websocket"),
    );
    h.insert(
        hyper::header::CONNECTION,
        hyper::header::HeaderValue::from_static("Upgrade"),
    );
    if let Ok(v) = hyper::header::HeaderValue::from_str(&exec::accept_key(key)) {
        h.insert(hyper::header::SEC_WEBSOCKET_ACCEPT, v);
    }
    h.insert(
        hyper::header::SEC_WEBSOCKET_PROTOCOL,
        hyper::header::HeaderValue::from_static(protocol),
    );
    resp
}

fn setup_content_type(req: &Req) -> String {
    match table::wanted(req) {
        Some((kind, v)) => table::content_type(&kind, &v),
        None => "application/json".into(),
    }
}

/// Routes one request (the simulation locked only as long as it takes).
fn route(shared: &Shared, req: &Req) -> Outcome {
    let path = req.path.trim_end_matches('/');
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    let get_only = |reply: Reply| -> Outcome {
        if req.method == "GET" || req.method == "HEAD" {
            Outcome::Reply(reply)
        } else {
            Outcome::Reply(Reply::method_not_allowed())
        }
    };
    match segs.as_slice() {
        ["version"] => get_only(Reply::raw(
            200,
            "application/json",
            version_json().into_bytes(),
        )),
        ["healthz" | "readyz" | "livez", ..] => get_only(Reply::text(200, "ok")),
        ["kubeplay", what] => control(shared, req, what),
        ["openapi", "v2"] => get_only(openapi::v2(req)),
        ["openapi", "v3"] => get_only(openapi::v3_root(lock(shared).api().registry())),
        ["openapi", "v3", rest @ ..] => {
            let sim = lock(shared);
            match openapi::v3_group_version(sim.api().registry(), &rest.join("/")) {
                Some(reply) => get_only(reply),
                None => Outcome::Reply(Reply::not_found()),
            }
        }
        ["api"] => get_only(discovery::root(lock(shared).api(), req, true)),
        ["apis"] => get_only(discovery::root(lock(shared).api(), req, false)),
        ["api", "v1"] => get_only(
            discovery::api_resource_list(lock(shared).api().registry(), "", "v1")
                .map_or_else(Reply::not_found, |v| Reply::discovery(&v)),
        ),
        ["apis", group] => get_only(
            discovery::api_group_doc(lock(shared).api().registry(), group)
                .map_or_else(Reply::not_found, |v| Reply::discovery(&v)),
        ),
        ["apis", group, version] => get_only(
            discovery::api_resource_list(lock(shared).api().registry(), group, version)
                .map_or_else(Reply::not_found, |v| Reply::discovery(&v)),
        ),
        ["api", "v1", rest @ ..] => resource(shared, req, "", "v1", rest),
        ["apis", group, version, rest @ ..] => resource(shared, req, group, version, rest),
        _ => Outcome::Reply(Reply::not_found()),
    }
}

fn resource(shared: &Shared, req: &Req, group: &str, version: &str, rest: &[&str]) -> Outcome {
    let mut sim = lock(shared);
    if !sim.api().registry().serves_group_version(group, version) {
        return Outcome::Reply(Reply::not_found());
    }
    sim.sync();
    let before = sim.api().revision();
    // The request runs as its user; the warnings it collects go back as headers.
    let who = req.credentials.requester(&sim);
    sim.api().clear_warnings();
    let caller = sim.api_mut().set_requester(who);
    let mut out = match resources::parse_target(&sim, group, version, rest) {
        Some(t) => match auth::special(&mut sim, req, &t) {
            Some(reply) => Outcome::Reply(reply),
            None => resources::handle(&mut sim, req, &t),
        },
        None => Outcome::Reply(Reply::not_found()),
    };
    if let Outcome::Reply(reply) = &mut out {
        reply.warnings.extend(sim.api().take_warnings());
    }
    sim.api_mut().set_requester(caller);
    // Controllers react to a write before the next request, as the in-engine
    // kubectl sees them react before the next prompt. A read changes nothing
    // and the store was quiet before it, so only a write needs the pass.
    if sim.api().revision() != before {
        sim.settle();
    }
    out
}

/// The control endpoints under `/kubeplay/`.
fn control(shared: &Shared, req: &Req, what: &str) -> Outcome {
    let mut sim = lock(shared);
    sim.sync();
    let reply = match (req.method.as_str(), what) {
        ("POST", "advance") => {
            let secs = req
                .param("seconds")
                .map(|s| s.parse::<f64>().map(|s| s * 1000.0));
            let ms = req.param("ms").map(|s| s.parse::<f64>());
            match secs.or(ms) {
                Some(Ok(ms)) if ms.is_finite() && ms >= 0.0 => {
                    let ms = ms.min(1e12) as i64;
                    sim.advance(ms);
                    Reply::json(
                        200,
                        &json!({"advancedMs": ms, "now": sim.cluster.now().rfc3339()}),
                    )
                }
                _ => Reply::status(&kubeplay_engine::api::Status::bad_request(
                    "advance wants seconds=N or ms=N, a number >= 0",
                )),
            }
        }
        ("GET", "time") => Reply::json(
            200,
            &json!({"now": sim.cluster.now().rfc3339(), "speed": sim.speed()}),
        ),
        ("GET", "seed") => Reply::json(200, &json!({"seed": sim.seed})),
        (_, "advance" | "time" | "seed") => Reply::method_not_allowed(),
        _ => Reply::not_found(),
    };
    Outcome::Reply(reply)
}

/// The API server's `/version`, in Go's field order (the engine's data).
pub use kubeplay_engine::kubectl::SERVER_VERSION;

fn version_json() -> String {
    kubeplay_engine::kubectl::server_version_json()
}
