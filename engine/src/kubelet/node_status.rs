//! The kubelet's side of node health: its node lease, renewed every 10s
//! (pkg/kubelet/nodelease.go), the node status it posts — every
//! `nodeStatusUpdateFrequency` (10s) it computes the status, and patches it
//! when something changed or `nodeStatusReportFrequency` (5m) passed since
//! the last report; after a start or a change the next report comes after
//! 5m ± a one-time random delay of up to half that
//! (`delayAfterNodeStatusChange`) — and stopping and starting with its node.

use super::Kubelet;
use crate::api::meta;
use crate::apiserver::ApiServer;
use crate::clock::Time;
use crate::leases;
use crate::recorder::{self, Source};
use serde_json::{json, Value};

const UPDATE_MS: i64 = 10_000;
const REPORT_MS: i64 = 300_000;

/// The conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go).
const HEALTHY: [(&str, &str, &str, &str); 4] = [
    (
        "MemoryPressure",
        "False",
        "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available",
    ),
    (
        "DiskPressure",
        "False",
        "KubeletHasNoDiskPressure",
        "kubelet has no disk pressure",
    ),
    (
        "PIDPressure",
        "False",
        "KubeletHasSufficientPID",
        "kubelet has sufficient PID available",
    ),
    (
        "Ready",
        "True",
        "KubeletReady",
        "kubelet is posting ready status",
    ),
];

/// The event reason a condition's transition records (`recordNodeStatusEvent`).
fn event_reason(kind: &str) -> &'static str {
    match kind {
        "MemoryPressure" => "NodeHasSufficientMemory",
        "DiskPressure" => "NodeHasNoDiskPressure",
        "PIDPressure" => "NodeHasSufficientPID",
        _ => "NodeReady",
    }
}

fn nodes(api: &ApiServer) -> Option<crate::api::ApiResource> {
    api.registry().resolve("nodes").cloned()
}

impl Kubelet {
    /// The kubelet registered its node: it starts renewing the node lease
    /// and reporting status.
    pub fn register(&mut self, api: &mut ApiServer) {
        let Some(r) = nodes(api) else { return };
        let Ok(node) = api.get(&r, "", &self.node) else {
            return;
        };
        self.lease = Some(leases::node_lease(api, &node));
        self.schedule_report(api.now().0);
    }

    /// The first report after a start or change: 5m plus the one-time
    /// delay, on the 10s update loop's ticks.
    fn schedule_report(&mut self, from: i64) {
        let span = REPORT_MS + 1;
        let delay =
            (leases::fnv(&format!("{}@{from}", self.node)) % span as u64) as i64 - REPORT_MS / 2;
        let due = from + REPORT_MS + delay;
        let ticks = (due - from + UPDATE_MS - 1).div_euclid(UPDATE_MS);
        self.report_at = from + ticks * UPDATE_MS;
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.is_some()
    }

    /// When the node was stopped, while it is.
    pub fn stopped_since(&self) -> Option<i64> {
        self.stopped
    }

    /// When the node was last started again, if ever.
    pub fn started_since(&self) -> Option<i64> {
        self.restarted
    }

    /// Lease renewal and the periodic status report, caught up to `now`.
    pub fn keep_alive(&mut self, api: &mut ApiServer, now: i64) {
        if self.is_stopped() {
            return;
        }
        if let Some(lease) = self.lease.as_mut() {
            lease.renew(api, now);
        }
        if self.report_at == 0 || now < self.report_at {
            return;
        }
        let due = self.report_at + (now - self.report_at) / REPORT_MS * REPORT_MS;
        self.report_at = due + REPORT_MS;
        let Some(r) = nodes(api) else { return };
        let Ok(mut node) = api.get(&r, "", &self.node) else {
            return;
        };
        let at = Time(due).rfc3339();
        if let Some(cs) = node["status"]["conditions"].as_array_mut() {
            for c in cs.iter_mut() {
                c["lastHeartbeatTime"] = json!(at);
            }
        }
        let _ = api.write_status(&r, "", node);
    }

    /// The node's container stops (`docker stop`, `minikube node stop`):
    /// nothing runs, renews or reports any more.
    pub fn stop(&mut self, api: &mut ApiServer, now: i64) {
        if self.stopped.is_none() {
            self.stopped = Some(now);
        }
        api.unreachable_kubelets
            .insert(self.node.clone(), self.node_ip.clone());
    }

    /// The node starts again: the kubelet renews its lease, posts a healthy
    /// status (recording the transitions), and the pods it still has lost
    /// their containers with the old sandbox.
    pub fn start(&mut self, api: &mut ApiServer, now: i64) {
        let Some(stopped_at) = self.stopped.take() else {
            return;
        };
        self.restarted = Some(now);
        api.unreachable_kubelets.remove(&self.node);
        let source = Source {
            component: "kubelet",
            host: self.node.clone(),
        };
        let involved = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": self.node, "uid": self.node}});
        recorder::record(
            api,
            &involved,
            None,
            "Normal",
            "Starting",
            "Starting kubelet.",
            &source,
        );
        recorder::record(
            api,
            &involved,
            None,
            "Normal",
            "NodeAllocatableEnforced",
            "Updated Node Allocatable limit across pods",
            &source,
        );
        if let Some(lease) = self.lease.as_mut() {
            lease.restart(api, now);
        }
        self.post_healthy(api, now, &involved, &source);
        self.schedule_report(now);
        for run in self.pods.values_mut() {
            for c in run
                .containers
                .iter_mut()
                .chain(run.init_containers.iter_mut())
            {
                c.lost(stopped_at, now);
            }
        }
        // Each re-created sandbox gets its address from the CNI again:
        // host-local IPAM hands out the next free one, not the old one.
        let uids: Vec<String> = self.pods.keys().cloned().collect();
        for uid in &uids {
            // Host-network pods keep the node's address.
            let ip = self.pods[uid].ip.as_deref();
            if ip.is_some_and(|ip| ip != self.node_ip) {
                let ip = self.allocate_ip();
                if let Some(run) = self.pods.get_mut(uid) {
                    run.ip = Some(ip);
                }
            }
        }
        self.lost_sandboxes = uids.into_iter().collect();
        self.stepped.clear();
    }

    /// `setNodeStatus` after a start: each condition the kubelet reports,
    /// its transition recorded as an event when it changed.
    fn post_healthy(&mut self, api: &mut ApiServer, now: i64, involved: &Value, source: &Source) {
        let Some(r) = nodes(api) else { return };
        let Ok(mut node) = api.get(&r, "", &self.node) else {
            return;
        };
        let at = Time(now).rfc3339();
        let mut changed = vec![];
        if let Some(cs) = node["status"]["conditions"].as_array_mut() {
            for (kind, status, reason, message) in HEALTHY {
                let Some(c) = cs.iter_mut().find(|c| c["type"] == kind) else {
                    continue;
                };
                if c["status"] != status {
                    c["lastTransitionTime"] = json!(at);
                    changed.push(kind);
                }
                c["status"] = json!(status);
                c["reason"] = json!(reason);
                c["message"] = json!(message);
                c["lastHeartbeatTime"] = json!(at);
            }
        }
        let _ = api.write_status(&r, "", node);
        for kind in changed {
            let reason = event_reason(kind);
            let msg = format!("Node {} status is now: {reason}", self.node);
            recorder::record(api, involved, None, "Normal", reason, &msg, source);
        }
    }

    /// Pods whose sandbox died with the node: SandboxChanged once started again.
    pub(super) fn report_lost_sandbox(&mut self, api: &mut ApiServer, pod: &Value, uid: &str) {
        if !self.lost_sandboxes.remove(uid) {
            return;
        }
        if meta::at(pod, &["metadata", "deletionTimestamp"]).is_some() {
            return;
        }
        let source = Source {
            component: "kubelet",
            host: self.node.clone(),
        };
        recorder::record(
            api,
            pod,
            None,
            "Normal",
            "SandboxChanged",
            "Pod sandbox changed, it will be killed and re-created.",
            &source,
        );
    }
}
