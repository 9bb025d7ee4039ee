//! The network as one moment sees it: pods with their IPs and open ports,
//! Services, EndpointSlices and nodes, read once (as kube-proxy and
//! CoreDNS would have them), plus what the requests leave behind (access
//! log lines) for the world to apply afterwards.

use super::Net;
use crate::api::meta;
use crate::images::Http;
use crate::world::World;
use serde_json::Value;

/// One pod on the pod network.
#[derive(Clone, Debug)]
pub struct PodNet {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub ip: String,
    pub phase: String,
    /// `spec.hostname` or the pod's name; `spec.subdomain` (StatefulSets).
    pub hostname: String,
    pub subdomain: Option<String>,
    /// The node's IP (the source address host-network traffic shows).
    pub node_ip: String,
    /// What listens: (container, port, how it answers HTTP, since).
    pub open: Vec<(String, u16, Http, i64)>,
    /// How long answering one request takes (a busy server's CPU work).
    pub busy_ms: i64,
}

/// An access log line a server wrote while answering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub text: String,
}

pub struct View {
    pub now: i64,
    pub pods: Vec<PodNet>,
    pub services: Vec<std::sync::Arc<Value>>,
    pub slices: Vec<std::sync::Arc<Value>>,
    /// (name, InternalIP) of every node.
    pub nodes: Vec<(String, String)>,
    pub net: Net,
    pub logs: Vec<LogLine>,
    /// (namespace, pod) of every request a pod served: the load the images'
    /// CPU model follows (`World::record_request`).
    pub served: Vec<(String, String)>,
    /// Requests counted in bulk by the main processes' rate model:
    /// (namespace, pod, when, how many).
    pub served_counts: Vec<(String, String, i64, u32)>,
    /// How long the servers took to answer so far (busy servers' time).
    pub waited_ms: i64,
    /// (address, port) of every running cluster's API server as the
    /// learner's machine reaches it (the kubeconfig's `server`).
    pub api_servers: Vec<(String, u16)>,
    /// The certificate this cluster's API server presents.
    pub api_cert: super::api_tls::ServingCert,
}

/// Shared, not copied: a view is built for every request.
fn list(world: &World, resource: &str) -> Vec<std::sync::Arc<Value>> {
    let Some(r) = world.api.registry().resolve(resource).cloned() else {
        return vec![];
    };
    world
        .api
        .list_shared(&r, None, &Default::default())
        .unwrap_or_default()
}

impl View {
    /// Reads the network as the system components see it (no RBAC).
    pub fn of(world: &mut World) -> View {
        let who = world.api.set_requester(Default::default());
        let now = world.now().0;
        let listening: Vec<_> = world
            .kubelets
            .iter()
            .flat_map(|k| k.listening(now))
            .collect();
        let nodes: Vec<(String, String)> = world
            .kubelets
            .iter()
            .map(|k| (k.node.clone(), k.node_ip.clone()))
            .collect();
        let pods: Vec<PodNet> = list(world, "pods")
            .iter()
            .filter_map(|p| {
                let ip = meta::str_at(p, &["status", "podIP"])?.to_string();
                let uid = meta::str_at(p, &["metadata", "uid"]).unwrap_or("");
                let node = meta::str_at(p, &["spec", "nodeName"]).unwrap_or("");
                Some(PodNet {
                    namespace: meta::namespace(p).to_string(),
                    name: meta::name(p).to_string(),
                    uid: uid.to_string(),
                    ip,
                    phase: meta::str_at(p, &["status", "phase"])
                        .unwrap_or("")
                        .to_string(),
                    hostname: meta::str_at(p, &["spec", "hostname"])
                        .unwrap_or(meta::name(p))
                        .to_string(),
                    subdomain: meta::str_at(p, &["spec", "subdomain"]).map(String::from),
                    node_ip: nodes
                        .iter()
                        .find(|(n, _)| n == node)
                        .map(|(_, ip)| ip.clone())
                        .unwrap_or_default(),
                    open: listening
                        .iter()
                        .filter(|l| l.pod_uid == uid)
                        .map(|l| (l.container.clone(), l.port, l.http, l.since))
                        .collect(),
                    busy_ms: listening
                        .iter()
                        .filter(|l| l.pod_uid == uid)
                        .map(|l| l.busy_ms)
                        .max()
                        .unwrap_or(0),
                })
            })
            .collect();
        let mut net = world.net.clone();
        net.prune(|ns, name, uid| {
            pods.iter().any(|p: &PodNet| {
                p.namespace == ns && p.name == name && p.uid == uid && p.phase == "Running"
            })
        });
        let view = View {
            now,
            pods,
            services: list(world, "services"),
            slices: list(world, "endpointslices"),
            nodes,
            net,
            logs: vec![],
            served: vec![],
            served_counts: vec![],
            waited_ms: 0,
            api_servers: vec![],
            api_cert: super::api_tls::ServingCert::of(world),
        };
        world.api.set_requester(who);
        view
    }

    /// Writes back what the requests changed: the round-robin position,
    /// port-forwards that ended with their pod, and the servers' access logs.
    pub fn apply(self, world: &mut World) {
        world.net = self.net;
        for l in self.logs {
            world
                .api
                .append_log(&l.namespace, &l.pod, &l.container, &l.text);
        }
        for (namespace, pod) in self.served {
            world.record_request(&namespace, &pod);
        }
        for (namespace, pod, at, count) in self.served_counts {
            world.record_requests(&namespace, &pod, at, count);
        }
    }

    /// Whether a background job still runs: it listens, and a port-forward's
    /// pod is still there.
    pub fn job_running(world: &World, job: u32) -> bool {
        let Some(r) = world.api.registry().resolve("pods") else {
            return false;
        };
        world.net.exit_status(job).is_none()
            && world.net.listeners.iter().any(|l| {
                l.job == Some(job)
                    && match &l.forward {
                        super::Forward::Pod {
                            namespace,
                            pod,
                            uid,
                            ..
                        } => world.api.get(r, namespace, pod).is_ok_and(|p| {
                            meta::str_at(&p, &["metadata", "uid"]) == Some(uid.as_str())
                                && meta::str_at(&p, &["status", "phase"]) == Some("Running")
                        }),
                        super::Forward::Proxy => true,
                    }
            })
    }

    pub fn pod_by_ip(&self, ip: &str) -> Option<&PodNet> {
        self.pods
            .iter()
            .find(|p| p.ip == ip && p.phase != "Succeeded" && p.phase != "Failed")
    }

    pub fn pod(&self, namespace: &str, name: &str) -> Option<&PodNet> {
        self.pods
            .iter()
            .find(|p| p.namespace == namespace && p.name == name)
    }

    pub fn service(&self, namespace: &str, name: &str) -> Option<&Value> {
        self.services
            .iter()
            .find(|s| meta::namespace(s) == namespace && meta::name(s) == name)
            .map(|s| &**s)
    }
}
