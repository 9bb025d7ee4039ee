//! `pods/portforward` as kubectl v1.33 dials it by default (the
//! PortForwardWebsockets feature, client-go `tools/portforward/tunneling_*`):
//! a WebSocket with the subprotocol `SPDY/3.1+portforward.k8s.io` whose binary
//! messages carry a SPDY/3.1 session, the kubelet's port-forward protocol
//! (`portforward.k8s.io`) inside. For each connection to a local port kubectl
//! opens two streams with the same `requestid` and `port` headers: `error`
//! (which it half-closes at once and reads to the end) and `data`. What
//! arrives on a data stream is HTTP to the simulated program on that port in
//! the pod ([`http1`], `World::port_forward_http`); its answers go back on
//! the same stream. When nothing listens the kubelet's message goes on the
//! error stream. kubectl's SPDY fallback (a plain `Upgrade: SPDY/3.1`) is not
//! served: it gets a 400.

mod http1;
mod spdy;

use crate::exec::websocket;
use crate::http::{Reply, Req};
use crate::sim::{lock, Shared, Sim};
use kubeplay_engine::api::{ApiResource, Status};
use kubeplay_engine::network::forward::ForwardError;
use spdy::{Frame, FLAG_FIN};
use std::collections::HashMap;
use tokio::io::{AsyncRead, AsyncWrite};

/// `constants.WebsocketsSPDYTunnelingPortForwardV1` (apimachinery `util/portforward`).
pub const PROTOCOL: &str = "SPDY/3.1+portforward.k8s.io";
/// The largest data frame written (spdystream's reads are 32 KiB).
const CHUNK: usize = 32 * 1024;

/// A checked port-forward request, waiting for its connection to be upgraded.
pub struct Plan {
    pub namespace: String,
    pub pod: String,
}

/// Checks a port-forward request before the upgrade.
pub fn prepare(sim: &Sim, req: &Req, r: &ApiResource, ns: &str, name: &str) -> Result<Plan, Reply> {
    sim.api().get(r, ns, name).map_err(|s| Reply::status(&s))?;
    let offered = req.websocket_protocol.as_deref().unwrap_or("");
    if !offered.split(',').any(|p| p.trim() == PROTOCOL) {
        return Err(Reply::status(&Status::bad_request(format!(
            "kubeplay serves port-forward over WebSockets ({PROTOCOL}) only"
        ))));
    }
    Ok(Plan {
        namespace: ns.to_string(),
        pod: name.to_string(),
    })
}

/// The WebSocket side: SPDY bytes in, SPDY frames out as binary messages.
struct Tunnel<S> {
    io: S,
    input: Vec<u8>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Tunnel<S> {
    /// Reads one more message into `input`; false when the client is gone.
    async fn fill(&mut self) -> bool {
        loop {
            let Ok(frame) =
                tokio::time::timeout(websocket::IDLE, websocket::read_frame(&mut self.io)).await
            else {
                return false;
            };
            match frame {
                None | Some((websocket::CLOSE, _)) => return false,
                Some((websocket::PING, p)) => {
                    websocket::write(&mut self.io, websocket::PONG, &p).await;
                }
                Some((0 | websocket::BINARY, p)) => {
                    self.input.extend_from_slice(&p);
                    return true;
                }
                Some(_) => {}
            }
        }
    }

    async fn send(&mut self, frame: &[u8]) -> bool {
        websocket::write(&mut self.io, websocket::BINARY, frame).await
    }
}

/// One forwarded connection: its two streams and the bytes not yet read.
#[derive(Default)]
struct Pair {
    port: u16,
    data: Option<u32>,
    error: Option<u32>,
    pending: Vec<u8>,
    done: bool,
}

pub async fn run<S: AsyncRead + AsyncWrite + Unpin>(shared: Shared, plan: Plan, io: S) {
    let mut t = Tunnel { io, input: vec![] };
    let mut headers = spdy::Headers::default();
    let mut pairs: HashMap<String, Pair> = HashMap::new();
    // stream id -> request id
    let mut streams: HashMap<u32, String> = HashMap::new();
    loop {
        let frame = match spdy::take_frame(&mut t.input) {
            Err(()) => return,
            Ok(None) => {
                if !t.fill().await {
                    return;
                }
                continue;
            }
            Ok(Some(f)) => f,
        };
        let out = match frame {
            Frame::Control { kind, data, .. } => match kind {
                spdy::SYN_STREAM => {
                    let Some(id) = spdy::stream_id(&data) else {
                        return;
                    };
                    let Some(h) = data.get(10..).and_then(|b| headers.read(b)) else {
                        return; // a header block that does not inflate ends the session
                    };
                    let get = |k: &str| h.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                    let request = get("requestid").unwrap_or_default();
                    let pair = pairs.entry(request.clone()).or_default();
                    pair.port = get("port").and_then(|p| p.parse().ok()).unwrap_or(0);
                    match get("streamtype").as_deref() {
                        Some("error") => pair.error = Some(id),
                        _ => pair.data = Some(id),
                    }
                    streams.insert(id, request);
                    let mut reply = id.to_be_bytes().to_vec();
                    reply.extend(headers.write(&[]));
                    vec![spdy::control(spdy::SYN_REPLY, 0, &reply)]
                }
                spdy::PING => vec![spdy::control(spdy::PING, 0, &data)],
                spdy::RST_STREAM => {
                    if let Some(id) = spdy::stream_id(&data) {
                        streams.remove(&id);
                    }
                    vec![]
                }
                spdy::GOAWAY => return,
                _ => vec![],
            },
            Frame::Data {
                stream,
                flags,
                data,
            } => {
                let Some(pair) = streams.get(&stream).and_then(|r| pairs.get_mut(r)) else {
                    continue;
                };
                if pair.data != Some(stream) || pair.done {
                    continue;
                }
                pair.pending.extend_from_slice(&data);
                let mut out = serve(&shared, &plan, pair);
                if flags & FLAG_FIN != 0 && !pair.done {
                    out.extend(close(pair, None));
                }
                out
            }
        };
        for f in out {
            if !t.send(&f).await {
                return;
            }
        }
    }
}

/// Answers every whole request the data stream holds.
fn serve(shared: &Shared, plan: &Plan, pair: &mut Pair) -> Vec<Vec<u8>> {
    let mut out = vec![];
    let Some(data) = pair.data else {
        return out;
    };
    loop {
        let (req, used) = match http1::parse(&pair.pending) {
            http1::Parsed::NeedMore => return out,
            http1::Parsed::Bad => {
                out.extend(close(pair, None));
                return out;
            }
            http1::Parsed::Request(r, n) => (r, n),
        };
        pair.pending.drain(..used);
        let answer = {
            let mut sim = lock(shared);
            sim.sync();
            sim.cluster
                .world_mut()
                .port_forward_http(&plan.namespace, &plan.pod, pair.port, &req)
        };
        match answer {
            Ok(resp) => {
                let bytes = http1::write(&resp, req.method == "HEAD");
                for chunk in bytes.chunks(CHUNK) {
                    out.push(spdy::data(data, 0, chunk));
                }
            }
            Err(ForwardError::Refused(msg)) => {
                out.extend(close(pair, Some(&msg)));
                return out;
            }
            Err(ForwardError::Closed) => {
                out.extend(close(pair, None));
                return out;
            }
        }
    }
}

/// Ends both streams of a connection, with the kubelet's message if any.
fn close(pair: &mut Pair, error: Option<&str>) -> Vec<Vec<u8>> {
    pair.done = true;
    pair.pending.clear();
    let mut out = vec![];
    if let Some(d) = pair.data {
        out.push(spdy::data(d, FLAG_FIN, b""));
    }
    if let Some(e) = pair.error {
        if let Some(msg) = error {
            out.push(spdy::data(e, 0, msg.as_bytes()));
        }
        out.push(spdy::data(e, FLAG_FIN, b""));
    }
    out
}
