//! `GET .../pods/{name}/log`: a container's log, as the API server proxies it
//! from the kubelet (`container`, `previous`, `tailLines`, `limitBytes`,
//! `follow`). With `follow=true` the reply streams what the container writes
//! as virtual time moves on, and ends when the container has stopped or the
//! pod is gone.
//!
//! The checks and the text are the engine's (`apiserver/log_request.rs`,
//! also `timestamps`, `sinceSeconds`, `sinceTime`); followed lines carry no
//! timestamps yet.

use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use bytes::Bytes;
use kubeplay_engine::api::{meta, ApiResource};
use kubeplay_engine::apiserver::log_request::{self, floor_char_boundary};
use serde_json::Value;
use std::time::Duration;
use tokio::sync::mpsc;

const POLL: Duration = Duration::from_millis(20);

/// A followed log: who, and how much was sent.
pub struct Follow {
    resource: ApiResource,
    namespace: String,
    pod: String,
    container: String,
    sent: usize,
    limit: Option<usize>,
    restarts: i64,
}

/// `validateContainer` of pkg/registry/core/pod (the engine's), as a reply.
pub fn container_of(pod: &Value, name: &str, asked: Option<&str>) -> Result<String, Reply> {
    log_request::container_of(pod, name, asked).map_err(|s| Reply::status(&s))
}

pub enum LogOutcome {
    Whole(Reply),
    Follow(Box<Follow>, Bytes),
}

pub fn get(
    sim: &Sim,
    req: &Req,
    r: &ApiResource,
    ns: &str,
    name: &str,
) -> Result<LogOutcome, Reply> {
    let param = |k: &str| req.param(k).map(String::from);
    let checked = sim
        .api()
        .log_request(r, ns, name, &param)
        .map_err(|s| Reply::status(&s))?;
    let text = sim
        .api()
        .log_text(ns, name, &checked)
        .map_err(|s| Reply::status(&s))?;
    if req.flag("follow") && !checked.previous && !checked.unscheduled {
        let pod = sim.api().get(r, ns, name).map_err(|s| Reply::status(&s))?;
        let container = checked.container;
        let log = sim
            .api()
            .pod_log(ns, name, &container, false)
            .map_err(|s| Reply::status(&s))?;
        let follow = Follow {
            resource: r.clone(),
            namespace: ns.to_string(),
            pod: name.to_string(),
            sent: log.len(),
            limit: checked
                .window
                .limit_bytes
                .map(|l| l.saturating_sub(text.len())),
            restarts: restarts(&pod, &container),
            container,
        };
        return Ok(LogOutcome::Follow(Box::new(follow), Bytes::from(text)));
    }
    Ok(LogOutcome::Whole(Reply::text(200, &text)))
}

fn status_of<'a>(pod: &'a Value, container: &str) -> Option<&'a Value> {
    ["containerStatuses", "initContainerStatuses"]
        .iter()
        .filter_map(|k| meta::at(pod, &["status", k]).and_then(Value::as_array))
        .flatten()
        .find(|s| s["name"] == container)
}

fn restarts(pod: &Value, container: &str) -> i64 {
    status_of(pod, container).map_or(0, |s| s["restartCount"].as_i64().unwrap_or(0))
}

/// Whether the followed container instance has ended: the kubelet closes a
/// followed log when the container exits (a restart is a new instance).
fn finished(pod: &Value, container: &str, restarts_then: i64) -> bool {
    let status = status_of(pod, container);
    status.is_some_and(|s| s["state"].get("terminated").is_some())
        || restarts(pod, container) != restarts_then
}

/// Streams a followed log until the container stops, the pod goes or the client leaves.
pub async fn run(shared: Shared, mut f: Follow, first: Bytes, tx: mpsc::Sender<Bytes>) {
    if !first.is_empty() && tx.send(first).await.is_err() {
        return;
    }
    loop {
        if tx.is_closed() {
            return;
        }
        let (chunk, done) = {
            let mut sim = lock(&shared);
            sim.sync();
            match sim.api().get(&f.resource, &f.namespace, &f.pod) {
                Err(_) => (String::new(), true),
                Ok(pod) => {
                    let log = sim
                        .api()
                        .pod_log(&f.namespace, &f.pod, &f.container, false)
                        .unwrap_or_default();
                    let mut new = log.get(f.sent..).unwrap_or("").to_string();
                    f.sent = log.len();
                    if let Some(left) = f.limit.as_mut() {
                        new.truncate(floor_char_boundary(&new, *left));
                        *left -= new.len();
                    }
                    let out_of_bytes = f.limit == Some(0);
                    (
                        new,
                        finished(&pod, &f.container, f.restarts) || out_of_bytes,
                    )
                }
            }
        };
        if !chunk.is_empty() && tx.send(Bytes::from(chunk)).await.is_err() {
            return;
        }
        if done {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
}
