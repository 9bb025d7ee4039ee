//! `?watch=true`: a chunked stream of `{"type":"ADDED","object":{...}}` lines,
//! read from the engine's event stream (every store change, in order).
//!
//! With time standing still (speed 0), a watch on one named object
//! (`fieldSelector=metadata.name=x`, as `kubectl delete` and `kubectl wait`
//! use, and `kubectl run -i` waiting for its pod) moves virtual time on in
//! 1 s steps while it waits, for at most 60 virtual seconds: the same steps
//! the in-engine kubectl takes (`World::advance_until`), so both end at the
//! same virtual time. After it delivers events the clock only moves on once
//! the client has had time to read them and hang up if they were what it
//! waited for.

use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use crate::table;
use bytes::Bytes;
use kubeplay_engine::api::selector::{FieldSelector, Selector};
use kubeplay_engine::api::{meta, ApiResource, Status};
use kubeplay_engine::apiserver::ListOptions;
use kubeplay_engine::events::{Change, EngineEvent, Poll};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// How often an open watch looks for new events (real time).
const POLL: Duration = Duration::from_millis(20);
/// How long a waiting single-object watch may move a standing clock.
const STEP_BUDGET_MS: i64 = 60_000;
const STEP_MS: i64 = 1000;
/// How long a client gets to react to delivered events before the clock moves on.
const REACT: Duration = Duration::from_millis(300);
/// How often a watch that allows bookmarks gets one (upstream: about a minute).
const BOOKMARK_EVERY: Duration = Duration::from_secs(60);

/// A BOOKMARK event: an empty object of the kind carrying the revision.
fn bookmark(r: &ApiResource, rv: u64) -> Bytes {
    let obj = json!({
        "kind": r.kind, "apiVersion": r.api_version(),
        "metadata": {"resourceVersion": rv.to_string(), "creationTimestamp": null},
    });
    line("BOOKMARK", &obj)
}

/// Everything a watch needs after its request was read.
pub struct Setup {
    resource: ApiResource,
    namespace: Option<String>,
    labels: Selector,
    fields: FieldSelector,
    /// The event-stream sequence number to continue from.
    cursor: u64,
    /// Lines to send before any change (initial ADDED events, a bookmark, an error).
    initial: Vec<Bytes>,
    /// Ends the stream after `initial` (e.g. a 410 Gone error event).
    finished: bool,
    /// Some(version) when events carry Tables (`as=Table`).
    table: Option<String>,
    include_object: String,
    step_while_waiting: bool,
    timeout: Duration,
    /// `allowWatchBookmarks=true`: a BOOKMARK with the current revision now and then.
    bookmarks: bool,
}

fn line(kind: &str, object: &Value) -> Bytes {
    let mut v = serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap_or_default();
    v.push(b'\n');
    Bytes::from(v)
}

fn expired(message: String) -> Bytes {
    let s = Status {
        code: 410,
        reason: "Expired".into(),
        message,
        details: None,
    };
    line("ERROR", &s.to_json())
}

fn object_rv(obj: &Value) -> u64 {
    meta::str_at(obj, &["metadata", "resourceVersion"])
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

impl Setup {
    fn matches(&self, group: &str, resource: &str, namespace: Option<&str>, obj: &Value) -> bool {
        group == self.resource.group
            && resource == self.resource.name
            && self
                .namespace
                .as_deref()
                .is_none_or(|ns| namespace == Some(ns))
            && self.labels.matches(&meta::labels(obj))
            && self.fields.matches(obj)
    }

    fn render(&self, sim: &Sim, kind: &str, obj: &Value) -> Bytes {
        match &self.table {
            Some(v) => {
                let t = table::single(sim, &self.resource, obj, v, &self.include_object);
                line(kind, &t)
            }
            None => line(kind, obj),
        }
    }

    /// The events after the cursor that this watch delivers, as lines.
    fn collect(&mut self, sim: &Sim) -> Result<Vec<Bytes>, Bytes> {
        let events = match sim.api().events().since(self.cursor) {
            Poll::Events(evs) => evs,
            Poll::Resync { .. } => {
                return Err(expired(
                    "too old resource version: the watch fell behind".into(),
                ))
            }
        };
        let mut out = vec![];
        for e in events {
            self.cursor = e.seq + 1;
            let EngineEvent::Object {
                change,
                resource,
                group,
                namespace,
                object,
                ..
            } = &e.event
            else {
                continue;
            };
            if self.matches(group, resource, namespace.as_deref(), object) {
                let kind = match change {
                    Change::Added => "ADDED",
                    Change::Modified => "MODIFIED",
                    Change::Deleted => "DELETED",
                };
                out.push(self.render(sim, kind, object));
            }
        }
        Ok(out)
    }
}

/// Reads a watch request: selectors, where to start, what to send first.
pub fn setup(
    sim: &Sim,
    req: &Req,
    r: &ApiResource,
    namespace: Option<&str>,
) -> Result<Setup, Reply> {
    let label_str = req.param("labelSelector").unwrap_or("");
    let field_str = req.param("fieldSelector").unwrap_or("");
    let labels = Selector::parse(label_str).map_err(|e| Reply::status(&Status::bad_request(e)))?;
    let fields = FieldSelector::parse(field_str)
        .and_then(|f| f.check(&r.group, &r.kind).map(|_| f))
        .map_err(|e| Reply::status(&Status::bad_request(e)))?;
    let table = crate::table::wanted(req).map(|(_, v)| v);
    let timeout = req
        .param("timeoutSeconds")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(1800);
    let mut setup = Setup {
        resource: r.clone(),
        namespace: namespace.map(String::from),
        step_while_waiting: fields.single_name().is_some(),
        labels,
        fields,
        cursor: sim.api().events().next_seq(),
        initial: vec![],
        finished: false,
        table,
        include_object: req.param("includeObject").unwrap_or("Metadata").to_string(),
        timeout: Duration::from_secs(timeout.min(24 * 3600)),
        bookmarks: req.flag("allowWatchBookmarks"),
    };
    let rv = req.param("resourceVersion").unwrap_or("");
    let send_initial = req.param("sendInitialEvents") == Some("true");
    if rv.is_empty() || rv == "0" || send_initial {
        let opts = ListOptions {
            label_selector: Some(label_str.to_string()).filter(|s| !s.is_empty()),
            field_selector: Some(field_str.to_string()).filter(|s| !s.is_empty()),
        };
        let items = sim
            .api()
            .list(r, namespace, &opts)
            .map_err(|s| Reply::status(&s))?;
        for o in &items {
            setup.initial.push(setup.render(sim, "ADDED", o));
        }
        if send_initial && req.flag("allowWatchBookmarks") {
            let bookmark = json!({
                "kind": r.kind, "apiVersion": r.api_version(),
                "metadata": {
                    "resourceVersion": sim.api().revision().to_string(),
                    "annotations": {"k8s.io/initial-events-end": "true"},
                },
            });
            setup.initial.push(line("BOOKMARK", &bookmark));
        }
        return Ok(setup);
    }
    let Ok(since) = rv.parse::<u64>() else {
        let msg = format!("invalid resource version: {rv}");
        return Err(Reply::status(&Status::bad_request(msg)));
    };
    match sim.api().events().since(1) {
        Poll::Resync { .. } => {
            setup
                .initial
                .push(expired(format!("too old resource version: {since}")));
            setup.finished = true;
        }
        Poll::Events(evs) => {
            // Start just after the first event newer than `since`.
            let first_newer = evs
                .iter()
                .find(|e| {
                    let EngineEvent::Object { object, .. } = &e.event else {
                        return false;
                    };
                    object_rv(object) > since
                })
                .map(|e| e.seq);
            setup.cursor = first_newer.unwrap_or(setup.cursor);
            match setup.collect(sim) {
                Ok(lines) => setup.initial = lines,
                Err(e) => {
                    setup.initial = vec![e];
                    setup.finished = true;
                }
            }
        }
    }
    Ok(setup)
}

/// Streams a watch until the client goes, the timeout passes or an error ends it.
pub async fn run(shared: Shared, mut setup: Setup, tx: mpsc::Sender<Bytes>) {
    let deadline = Instant::now() + setup.timeout;
    let mut last_bookmark = Instant::now();
    // A client that listed first (an informer) may already have what it
    // waits for: it gets the same time to hang up before the clock moves.
    let mut delivered_at = Some(Instant::now());
    let mut stepped = 0;
    for l in std::mem::take(&mut setup.initial) {
        if tx.send(l).await.is_err() {
            return;
        }
    }
    if setup.finished {
        return;
    }
    loop {
        if tx.is_closed() || Instant::now() >= deadline {
            return;
        }
        let batch = {
            let mut sim = lock(&shared);
            sim.sync();
            let mut batch = setup.collect(&sim);
            if setup.bookmarks && last_bookmark.elapsed() >= BOOKMARK_EVERY {
                last_bookmark = Instant::now();
                if let Ok(lines) = batch.as_mut() {
                    lines.push(bookmark(&setup.resource, sim.api().revision()));
                }
            }
            let waiting = matches!(&batch, Ok(l) if l.is_empty());
            if waiting
                && setup.step_while_waiting
                && delivered_at.is_none_or(|t: Instant| t.elapsed() >= REACT)
                && sim.stepped()
                && stepped < STEP_BUDGET_MS
            {
                sim.advance(STEP_MS);
                stepped += STEP_MS;
                batch = setup.collect(&sim);
            }
            batch
        };
        let (lines, end) = match batch {
            Ok(lines) => (lines, false),
            Err(e) => (vec![e], true),
        };
        if !lines.is_empty() {
            delivered_at = Some(Instant::now());
        }
        for l in lines {
            if tx.send(l).await.is_err() {
                return;
            }
        }
        if end {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
}
