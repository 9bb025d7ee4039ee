//! What listens in the pods this kubelet runs: the network model asks
//! which program answers on a pod's port at a moment.

use super::container::State;
use super::Kubelet;
use crate::images::{Http, Then};

/// One open port in a running container.
#[derive(Clone, Debug, PartialEq)]
pub struct Listening {
    pub pod_uid: String,
    pub container: String,
    pub port: u16,
    pub http: Http,
    /// When the program started serving (HealthyFor counts from here).
    pub since: i64,
    /// How long one request takes: a busy server's work per request at
    /// the CPU its limit allows (one request runs on one core at most).
    pub busy_ms: i64,
}

impl Kubelet {
    /// Every port a running container's program listens on at `t`.
    pub fn listening(&self, t: i64) -> Vec<Listening> {
        let mut out = vec![];
        for run in self.pods.values() {
            for c in run.containers.iter().chain(run.init_containers.iter()) {
                if !matches!(c.state, State::Running { .. }) {
                    continue;
                }
                let Some(p) = c.process.as_ref() else {
                    continue;
                };
                if p.exit.as_ref().is_some_and(|e| e.at <= t) {
                    continue;
                }
                if let Some((prog, since)) = p.serving_at(t) {
                    let busy_ms = match prog.then {
                        Then::Busy { milli_per_rps } => {
                            let cpu = p.spec.cpu_limit_milli.unwrap_or(1000).clamp(1, 1000);
                            i64::from(milli_per_rps) * 1000 / cpu as i64
                        }
                        _ => 0,
                    };
                    for port in prog.ports {
                        out.push(Listening {
                            pod_uid: run.uid.clone(),
                            container: c.name.clone(),
                            port: *port,
                            http: prog.http,
                            since,
                            busy_ms,
                        });
                    }
                }
            }
        }
        out
    }
}
