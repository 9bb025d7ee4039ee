//! `pods/exec` over WebSockets with the `v5.channel.k8s.io` framing, as
//! kubectl v1.33 speaks it (`kubectl exec`): the request is checked like any
//! other (pod, container, a running container), answered with `101 Switching
//! Protocols`, then every binary message is one channel — a first byte of 0
//! stdin, 1 stdout, 2 stderr, 3 the error channel (a `Status`: Success, or
//! Failure with reason `NonZeroExitCode` and the exit code as a cause), 4
//! resize, 255 close (v5). The command itself runs through
//! [`engine_call::exec`].

mod attach;
pub mod engine_call;
pub(crate) mod websocket;

use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use engine_call::{ExecOutput, ExecRequest, Started};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use kubeplay_engine::api::{meta, ApiResource, Status};
use kubeplay_engine::kubectl::ExecFollow;
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};

pub use websocket::accept_key;

/// The subprotocols served, best first.
const PROTOCOLS: &[&str] = &["v5.channel.k8s.io", "v4.channel.k8s.io"];

/// A checked exec request, waiting for its connection to be upgraded.
pub struct Plan {
    pub request: ExecRequest,
    pub protocol: &'static str,
    pub stdin: bool,
    /// `pods/attach`: join the main process instead of running a command.
    pub attach: bool,
}

/// The subprotocol to speak, from `Sec-WebSocket-Protocol`.
pub fn pick_protocol(offered: &str) -> Option<&'static str> {
    let offered: Vec<&str> = offered.split(',').map(str::trim).collect();
    PROTOCOLS.iter().copied().find(|p| offered.contains(p))
}

fn bad(msg: String) -> Reply {
    Reply::status(&Status::bad_request(msg))
}

/// Checks an exec request before the upgrade; errors are plain Status replies.
pub fn prepare(sim: &Sim, req: &Req, r: &ApiResource, ns: &str, name: &str) -> Result<Plan, Reply> {
    prepare_checked(sim, req, r, ns, name, true)
}

/// The checks exec and attach share: the pod, its container, running.
fn prepare_checked(
    sim: &Sim,
    req: &Req,
    r: &ApiResource,
    ns: &str,
    name: &str,
    exec: bool,
) -> Result<Plan, Reply> {
    let pod = sim.api().get(r, ns, name).map_err(|s| Reply::status(&s))?;
    let container = crate::logs::container_of(&pod, name, req.param("container"))?;
    let phase = meta::str_at(&pod, &["status", "phase"]).unwrap_or("");
    if matches!(phase, "Succeeded" | "Failed") {
        let verb = if exec { "exec into" } else { "attach to" };
        return Err(bad(format!(
            "cannot {verb} a container in a completed pod; current phase is {phase}"
        )));
    }
    let running = [
        "containerStatuses",
        "initContainerStatuses",
        "ephemeralContainerStatuses",
    ]
    .iter()
    .filter_map(|k| meta::at(&pod, &["status", k]).and_then(Value::as_array))
    .flatten()
    .any(|s| s["name"] == container.as_str() && s["state"].get("running").is_some());
    if !running && exec {
        return Err(bad(format!("container not found (\"{container}\")")));
    }
    if !running {
        // The kubelet's GetAttach (`findContainer`), written as plain text
        // with a 500 (`streaming.WriteError`); kubectl prints it as
        // `unable to upgrade connection: ...`.
        return Err(Reply::text(
            500,
            &format!("container {container} not found in pod {name}_{ns}"),
        ));
    }
    // Checked last, so that kubectl's SPDY fallback meets the same errors.
    let Some(protocol) = req.websocket_protocol.as_deref().and_then(pick_protocol) else {
        return Err(bad(
            "kubeplay serves exec over WebSockets (v4/v5.channel.k8s.io) only".into(),
        ));
    };
    let command: Vec<String> = req
        .query
        .iter()
        .filter(|(k, _)| k == "command")
        .map(|(_, v)| v.clone())
        .collect();
    Ok(Plan {
        request: ExecRequest {
            namespace: ns.to_string(),
            pod: name.to_string(),
            container,
            command,
            stdin: vec![],
            tty: req.flag("tty"),
        },
        protocol,
        stdin: req.flag("stdin"),
        attach: false,
    })
}

pub use attach::prepare as prepare_attach;

pub(crate) fn channel(id: u8, data: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(data.len() + 1);
    m.push(id);
    m.extend_from_slice(data);
    m
}

/// The error channel's Status for a finished command.
fn outcome_status(plan: &Plan, out: &Result<ExecOutput, String>) -> Value {
    match out {
        Ok(o) if o.exit_code == 0 => json!({"metadata": {}, "status": "Success"}),
        Ok(o) => json!({
            "metadata": {},
            "status": "Failure",
            "message": format!(
                "command terminated with non-zero exit code: error executing command [{}], exit code {}",
                plan.request.command.join(" "),
                o.exit_code
            ),
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": o.exit_code.to_string()}]},
        }),
        Err(e) => json!({"metadata": {}, "status": "Failure", "message": e}),
    }
}

/// Speaks the channel protocol on an upgraded connection.
pub async fn run(shared: Shared, mut plan: Plan, upgraded: Upgraded) {
    let mut io = TokioIo::new(upgraded);
    if plan.attach {
        return attach::run(shared, plan, io).await;
    }
    // stdin: read until the client's close signal (v5) or close frame.
    if plan.stdin {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let frame = tokio::time::timeout_at(deadline, websocket::read_frame(&mut io)).await;
            let Ok(Some((op, payload))) = frame else {
                break;
            };
            match (op, payload.first()) {
                (websocket::CLOSE, _) => break,
                (websocket::PING, _) => {
                    websocket::write(&mut io, websocket::PONG, &payload).await;
                }
                (_, Some(0)) => plan.request.stdin.extend_from_slice(&payload[1..]),
                (_, Some(255)) if payload.get(1) == Some(&0) => break,
                _ => {}
            }
        }
    }
    let started = {
        let mut sim = lock(&shared);
        sim.sync();
        engine_call::exec(&mut sim, &plan.request)
    };
    let out = match started {
        Ok(Started::Streaming(f)) => return follow(&shared, &plan, *f, &mut io).await,
        Ok(Started::Done(o)) => Ok(o),
        Err(e) => Err(e),
    };
    if let Ok(o) = &out {
        for (id, data) in &o.chunks {
            if !data.is_empty()
                && !websocket::write(&mut io, websocket::BINARY, &channel(*id, data)).await
            {
                return;
            }
        }
    }
    let status = serde_json::to_vec(&outcome_status(&plan, &out)).unwrap_or_default();
    finish(&mut io, &status).await;
}

/// A command that takes virtual time: what it writes is sent as the clock
/// passes it, then its exit status. A stopped clock (`--speed 0`) moves on
/// as long as the in-engine kubectl's script wait, a second at a time.
async fn follow<S: AsyncRead + AsyncWrite + Unpin>(
    shared: &Shared,
    plan: &Plan,
    mut f: ExecFollow,
    io: &mut S,
) {
    let mut waited = 0;
    loop {
        let (chunks, code, stepped) = {
            let mut sim = lock(shared);
            sim.sync();
            let stepped = sim.stepped();
            if stepped && waited > 0 {
                sim.cluster.world_mut().advance(1000);
            }
            let (chunks, code) = f.poll_streams(sim.cluster.world_mut());
            (chunks, code, stepped)
        };
        for (stderr, text) in chunks {
            // With a terminal both streams are the terminal's output.
            let id = if stderr && !plan.request.tty { 2 } else { 1 };
            if !websocket::write(io, websocket::BINARY, &channel(id, text.as_bytes())).await {
                return;
            }
        }
        let ended = match code {
            Some(exit_code) => Ok(ExecOutput {
                chunks: vec![],
                exit_code,
            }),
            None if stepped && waited >= attach::STEPPED_WAIT_MS => Ok(ExecOutput {
                chunks: vec![],
                exit_code: 0,
            }),
            None => {
                waited += 1000;
                if !stepped && !wait_a_second(io).await {
                    return;
                }
                continue;
            }
        };
        let status = serde_json::to_vec(&outcome_status(plan, &ended)).unwrap_or_default();
        return finish(io, &status).await;
    }
}

/// Real time moves the clock: wait a second, answering pings. False when
/// the client went away.
async fn wait_a_second<S: AsyncRead + AsyncWrite + Unpin>(io: &mut S) -> bool {
    let frame = tokio::time::timeout(Duration::from_secs(1), websocket::read_frame(io)).await;
    match frame {
        Ok(None | Some((websocket::CLOSE, _))) => false,
        Ok(Some((websocket::PING, p))) => {
            websocket::write(io, websocket::PONG, &p).await;
            true
        }
        _ => true,
    }
}

/// Sends the error channel's Status, closes, and waits (briefly) for the
/// client's close frame so that it reads everything first.
pub(crate) async fn finish<S: AsyncRead + AsyncWrite + Unpin>(io: &mut S, status: &[u8]) {
    if !websocket::write(io, websocket::BINARY, &channel(3, status)).await {
        return;
    }
    websocket::write(io, websocket::CLOSE, &1000u16.to_be_bytes()).await;
    // Wait (briefly) for the client's close frame so it reads everything first.
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some((op, _)) = websocket::read_frame(io).await {
            if op == websocket::CLOSE {
                break;
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaks_the_newest_protocol_offered() {
        assert_eq!(
            pick_protocol("v5.channel.k8s.io, v4.channel.k8s.io, channel.k8s.io"),
            Some("v5.channel.k8s.io")
        );
        assert_eq!(
            pick_protocol("v4.channel.k8s.io"),
            Some("v4.channel.k8s.io")
        );
        assert_eq!(pick_protocol("channel.k8s.io"), None);
    }
}
