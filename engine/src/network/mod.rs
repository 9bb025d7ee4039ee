//! The simulated network: who can reach what, and what answers. A request
//! names a host and a port; it is resolved the way the cluster's DNS,
//! kube-proxy and the pod network would (Service ClusterIP → a ready
//! endpoint, NodePort on a node IP, pod IPs, `svc.ns.svc.cluster.local`),
//! or, from the learner's machine, only what the machine itself offers
//! (ports opened by `kubectl port-forward` and `kubectl proxy`, NodePorts on
//! the minikube node IP). The program found there answers as its image
//! says (`images::Http`), and access logs land in `kubectl logs`.

mod api_endpoint;
pub mod api_tls;
pub mod curl;
pub mod forward;
pub mod gnu_wget;
pub mod host;
pub mod http;
mod in_pod;
mod nslookup;
mod proxy_api;
pub mod route;
pub mod view;
pub mod wget;

use serde::{Deserialize, Serialize};

pub use in_pod::{net_tool, InPod, NetTools};
pub use view::LogLine;
pub use view::View;

/// What a port on the learner's machine leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Forward {
    /// `kubectl port-forward`: to `remote` in one pod.
    Pod {
        namespace: String,
        pod: String,
        uid: String,
        remote: u16,
    },
    /// `kubectl proxy`: the API server, services/pods `proxy` included.
    Proxy,
}

/// A port kubectl listens on in the learner's machine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listener {
    /// `127.0.0.1`, `::1`, `0.0.0.0` or another local address.
    pub addresses: Vec<String>,
    pub port: u16,
    pub forward: Forward,
    /// The shell job (its pid) that runs the kubectl; None in the foreground.
    pub job: Option<u32>,
}

/// The network's own state: the machine's listeners and the round-robin
/// position kube-proxy-like choices take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Net {
    pub listeners: Vec<Listener>,
    /// Counts connections through Services (which endpoint is next).
    pub picks: u64,
    /// Background jobs whose kubectl exited on its own, with the status.
    #[serde(default)]
    pub exited: Vec<(u32, i32)>,
}

impl Net {
    /// Whether `port` is taken on `address` (a wildcard takes every address).
    pub fn in_use(&self, address: &str, port: u16) -> bool {
        self.listeners.iter().any(|l| {
            l.port == port
                && l.addresses
                    .iter()
                    .any(|a| a == address || a == "0.0.0.0" || address == "0.0.0.0")
        })
    }

    /// Ends what a job (or the foreground, None) was listening on.
    pub fn close_job(&mut self, job: Option<u32>) {
        self.listeners.retain(|l| l.job != job);
    }

    /// Whether a background job still listens.
    pub fn job_running(&self, job: u32) -> bool {
        self.listeners.iter().any(|l| l.job == Some(job))
    }

    /// A port-forward ends when its pod goes away (kubectl exits with
    /// `error: lost connection to pod`): forgets those listeners.
    pub fn prune(&mut self, pod_alive: impl Fn(&str, &str, &str) -> bool) {
        let mut exited = vec![];
        self.listeners.retain(|l| {
            let alive = match &l.forward {
                Forward::Pod {
                    namespace,
                    pod,
                    uid,
                    ..
                } => pod_alive(namespace, pod, uid),
                Forward::Proxy => true,
            };
            if let (false, Some(job)) = (alive, l.job) {
                exited.push((job, 1));
            }
            alive
        });
        self.exited.extend(exited);
    }

    /// How a background job's kubectl ended (1: lost connection to pod).
    pub fn exit_status(&self, job: u32) -> Option<i32> {
        self.exited.iter().find(|(j, _)| *j == job).map(|(_, s)| *s)
    }
}
