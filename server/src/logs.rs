//! `GET .../pods/{name}/log`: a container's log, as the API server proxies it
//! from the kubelet (`container`, `previous`, `tailLines`, `limitBytes`,
//! `follow`). With `follow=true` the reply streams what the container writes
//! as virtual time moves on, and ends when the container has stopped or the
//! pod is gone.
//!
//! Not yet: `timestamps`, `sinceSeconds` and `sinceTime` — the engine keeps
//! no time per log line, so they are ignored (the whole log is sent).

use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use bytes::Bytes;
use kubeplay_engine::api::{meta, ApiResource, Status};
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

fn bad(msg: String) -> Reply {
    Reply::status(&Status::bad_request(msg))
}

/// `validateContainer` of pkg/registry/core/pod: the one container, or the named one.
pub fn container_of(pod: &Value, name: &str, asked: Option<&str>) -> Result<String, Reply> {
    let names: Vec<String> = ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|k| {
            meta::at(pod, &["spec", k])
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|c| c["name"].as_str().map(String::from))
        .collect();
    let regular = meta::at(pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    match asked.filter(|c| !c.is_empty()) {
        Some(c) if names.iter().any(|n| n == c) => Ok(c.to_string()),
        Some(c) => Err(bad(format!("container {c} is not valid for pod {name}"))),
        None if regular == 1 => Ok(pod["spec"]["containers"][0]["name"]
            .as_str()
            .unwrap_or("")
            .to_string()),
        None if regular == 0 => Err(bad(format!(
            "a container name must be specified for pod {name}"
        ))),
        None => Err(bad(format!(
            "a container name must be specified for pod {name}, choose one of: [{}]",
            names.join(" ")
        ))),
    }
}

fn tail(log: &str, n: usize) -> String {
    let lines: Vec<&str> = log.split_inclusive('\n').collect();
    lines[lines.len().saturating_sub(n)..].concat()
}

fn number(req: &Req, name: &str) -> Result<Option<i64>, Reply> {
    match req.param(name) {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| bad(format!("strconv.ParseInt: parsing \"{v}\": invalid syntax"))),
    }
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
    let pod = sim.api().get(r, ns, name).map_err(|s| Reply::status(&s))?;
    let container = container_of(&pod, name, req.param("container"))?;
    let tail_lines = number(req, "tailLines")?;
    let limit = number(req, "limitBytes")?;
    for (field, v) in [("tailLines", tail_lines), ("limitBytes", limit)] {
        if let Some(v) = v.filter(|v| *v < 0 || (field == "limitBytes" && *v == 0)) {
            let rule = if field == "limitBytes" {
                "must be greater than 0"
            } else {
                "must be greater than or equal to 0"
            };
            return Err(Reply::status(&Status {
                code: 422,
                reason: "Invalid".into(),
                message: format!(
                    "PodLogOptions \"{name}\" is invalid: {field}: Invalid value: {v}: {rule}"
                ),
                details: None,
            }));
        }
    }
    if meta::str_at(&pod, &["spec", "nodeName"])
        .unwrap_or("")
        .is_empty()
    {
        // Not scheduled: upstream has no kubelet to ask and answers nothing.
        return Ok(LogOutcome::Whole(Reply::text(200, "")));
    }
    let previous = req.flag("previous");
    if !previous {
        if let Some(reason) =
            kubeplay_engine::apiserver::pod_status::waiting_reason(&pod, &container)
        {
            return Err(bad(format!(
                "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
            )));
        }
    }
    let log = sim
        .api()
        .pod_log(ns, name, &container, previous)
        .map_err(|s| Reply::status(&s))?;
    let mut text = match tail_lines {
        Some(n) => tail(&log, n as usize),
        None => log.clone(),
    };
    let limit = limit.map(|l| l as usize);
    if let Some(l) = limit {
        text.truncate(floor_char_boundary(&text, l));
    }
    if req.flag("follow") && !previous {
        let follow = Follow {
            resource: r.clone(),
            namespace: ns.to_string(),
            pod: name.to_string(),
            container: container.clone(),
            sent: log.len(),
            limit: limit.map(|l| l.saturating_sub(text.len())),
            restarts: restarts(&pod, &container),
        };
        return Ok(LogOutcome::Follow(Box::new(follow), Bytes::from(text)));
    }
    Ok(LogOutcome::Whole(Reply::text(200, &text)))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn picks_the_container_as_upstream_does() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]}});
        assert!(container_of(&pod, "p", Some("b")).is_ok());
        let err = container_of(&pod, "p", None).unwrap_err();
        assert!(String::from_utf8_lossy(&err.body)
            .contains("a container name must be specified for pod p, choose one of: [a b]"));
        let err = container_of(&pod, "p", Some("z")).unwrap_err();
        assert!(String::from_utf8_lossy(&err.body).contains("container z is not valid for pod p"));
        assert_eq!(tail("1\n2\n3\n", 2), "2\n3\n");
        assert_eq!(tail("1\n2\n3", 1), "3");
    }
}
