//! `pods/attach` over the same WebSocket channels as exec: the client joins
//! the container's main process. With `stdin=true` each line it sends runs
//! in the container's shell (the kubelet's attach, `World::attach_line`) and
//! `exit [n]` or the end of stdin ends the process; without stdin it reads
//! what the process writes from then on until the container stops.

use super::{channel, finish, websocket, Plan};
use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use kubeplay_engine::api::ApiResource;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncWrite};

/// How long a stopped clock moves on while an attach without stdin waits
/// for its container to end: what the in-engine kubectl waits.
pub const STEPPED_WAIT_MS: i64 = kubeplay_engine::kubectl::ATTACH_WAIT_MS;

/// Checks an attach request before the upgrade.
pub fn prepare(sim: &Sim, req: &Req, r: &ApiResource, ns: &str, name: &str) -> Result<Plan, Reply> {
    let mut plan = super::prepare_checked(sim, req, r, ns, name, false)?;
    plan.attach = true;
    Ok(plan)
}

pub async fn run<S: AsyncRead + AsyncWrite + Unpin>(shared: Shared, plan: Plan, mut io: S) {
    let ok = serde_json::to_vec(&json!({"metadata": {}, "status": "Success"})).unwrap_or_default();
    if plan.stdin {
        shell(&shared, &plan, &mut io).await;
    } else {
        follow(&shared, &plan, &mut io).await;
    }
    finish(&mut io, &ok).await;
}

/// Without stdin: the output from now until the process ends.
async fn follow<S: AsyncRead + AsyncWrite + Unpin>(shared: &Shared, plan: &Plan, io: &mut S) {
    let r = &plan.request;
    let (ns, pod, c) = (r.namespace.as_str(), r.pod.as_str(), r.container.as_str());
    let mut at = lock(shared).cluster.world().attach_point(ns, pod, c);
    let mut first = true;
    loop {
        let (text, ended) = {
            let mut sim = lock(shared);
            sim.sync();
            if first && sim.stepped() {
                // A stopped clock moves on as the in-engine kubectl's wait does.
                sim.cluster
                    .world_mut()
                    .advance_until(STEPPED_WAIT_MS, |w| w.attach_output(ns, pod, c, &at).1);
            }
            sim.cluster.world().attach_output(ns, pod, c, &at)
        };
        first = false;
        if !text.is_empty() {
            at.offset += text.len();
            if !websocket::write(io, websocket::BINARY, &channel(1, text.as_bytes())).await {
                return;
            }
        }
        if ended {
            return;
        }
        // Real time moves the clock (or the control endpoint does).
        if !super::wait_a_second(io).await {
            return;
        }
    }
}

/// With stdin: each line runs in the container's shell; `exit [n]` or the
/// end of stdin (v5's close signal, or the connection's end) ends it.
async fn shell<S: AsyncRead + AsyncWrite + Unpin>(shared: &Shared, plan: &Plan, io: &mut S) {
    let r = &plan.request;
    let mut pending: Vec<u8> = vec![];
    loop {
        // A client that stops sending, pings included, is gone.
        let frame = tokio::time::timeout(websocket::IDLE, websocket::read_frame(io))
            .await
            .unwrap_or(None);
        let mut eof = false;
        match &frame {
            None | Some((websocket::CLOSE, _)) => eof = true,
            Some((websocket::PING, p)) => {
                websocket::write(io, websocket::PONG, p).await;
            }
            Some((_, p)) if p.first() == Some(&0) => pending.extend_from_slice(&p[1..]),
            Some((_, p)) if p.first() == Some(&255) && p.get(1) == Some(&0) => eof = true,
            _ => {}
        }
        let mut lines: Vec<String> = vec![];
        while let Some(i) = pending.iter().position(|b| *b == b'\n' || *b == b'\r') {
            let line: Vec<u8> = pending.drain(..=i).collect();
            lines.push(String::from_utf8_lossy(&line[..i]).into_owned());
        }
        if eof && !pending.is_empty() {
            lines.push(String::from_utf8_lossy(&std::mem::take(&mut pending)).into_owned());
        }
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.first() == Some(&"exit") {
                let code = words
                    .get(1)
                    .and_then(|c| c.parse::<i32>().ok())
                    .unwrap_or(0)
                    & 255;
                end(shared, plan, code);
                return;
            }
            if words.is_empty() {
                continue;
            }
            let out = {
                let mut sim = lock(shared);
                sim.sync();
                sim.cluster
                    .world_mut()
                    .attach_line(&r.namespace, &r.pod, &r.container, &line)
            };
            let Ok(out) = out else {
                return; // the container is gone
            };
            let chunks = if r.tty {
                vec![(1u8, format!("{}{}", out.stdout, out.stderr))]
            } else {
                vec![(1u8, out.stdout), (2u8, out.stderr)]
            };
            for (id, text) in chunks {
                if !text.is_empty()
                    && !websocket::write(io, websocket::BINARY, &channel(id, text.as_bytes())).await
                {
                    return;
                }
            }
        }
        if eof {
            // The shell reads the end of its input and exits 0.
            end(shared, plan, 0);
            return;
        }
    }
}

fn end(shared: &Shared, plan: &Plan, code: i32) {
    let r = &plan.request;
    let mut sim = lock(shared);
    sim.sync();
    sim.cluster
        .world_mut()
        .attach_exit(&r.namespace, &r.pod, &r.container, code);
}
