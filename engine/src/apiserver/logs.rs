//! Container logs behind `pods/log`. On a real cluster the API server proxies
//! this to the node's kubelet; here kubelets hand their logs to the API
//! server's log table, and readers go through the same verb.

use super::ApiServer;
use crate::api::Status;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerLog {
    pub current: String,
    pub previous: Option<String>,
    /// Where each write starts in `current` (byte offset) and when it was
    /// written: the runtime's timestamp of every line.
    #[serde(default)]
    pub times: Vec<(usize, i64)>,
    #[serde(default)]
    pub previous_times: Vec<(usize, i64)>,
}

/// Logs by `namespace/pod/container` (a string key, so snapshots are JSON).
pub type LogTable = BTreeMap<String, ContainerLog>;

fn key(namespace: &str, pod: &str, container: &str) -> String {
    format!("{namespace}/{pod}/{container}")
}

impl ApiServer {
    /// Appends to a container's current log (the kubelet's side).
    pub fn append_log(&mut self, namespace: &str, pod: &str, container: &str, text: &str) {
        let now = self.now().0;
        self.append_log_at(namespace, pod, container, text, now);
    }

    /// Appends what a container wrote at `at` (ms).
    pub fn append_log_at(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        text: &str,
        at: i64,
    ) {
        let e = self.logs.entry(key(namespace, pod, container)).or_default();
        e.times.push((e.current.len(), at));
        e.current.push_str(text);
    }

    /// A container restarted: its log becomes the previous one.
    pub fn rotate_log(&mut self, namespace: &str, pod: &str, container: &str) {
        let e = self.logs.entry(key(namespace, pod, container)).or_default();
        e.previous = Some(std::mem::take(&mut e.current));
        e.previous_times = std::mem::take(&mut e.times);
    }

    /// GET pods/log, line by line with the moment each line was written
    /// (`timestamps=true`, `sinceSeconds`, `sinceTime`).
    pub fn pod_log_lines(
        &self,
        namespace: &str,
        pod: &str,
        container: &str,
        previous: bool,
    ) -> Result<Vec<(i64, String)>, Status> {
        let text = self.pod_log(namespace, pod, container, previous)?;
        let times = self
            .logs
            .get(&key(namespace, pod, container))
            .map(|l| {
                if previous {
                    &l.previous_times
                } else {
                    &l.times
                }
            })
            .cloned()
            .unwrap_or_default();
        let mut out = vec![];
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let at = times
                .iter()
                .take_while(|(o, _)| *o <= offset)
                .last()
                .map_or(0, |(_, t)| *t);
            out.push((at, line.to_string()));
            offset += line.len();
        }
        Ok(out)
    }

    /// The API server proxies pods/log and exec to the pod's kubelet: on a
    /// stopped node the connection fails (an address nobody answers on the
    /// docker network: "no route to host").
    pub fn kubelet_reachable(
        &self,
        pods: &crate::api::ApiResource,
        namespace: &str,
        pod: &str,
        path: &str,
    ) -> Result<(), Status> {
        let node = self
            .store
            .get(&Self::key(pods, namespace, pod))
            .and_then(|p| p["spec"]["nodeName"].as_str().map(String::from));
        match node.and_then(|n| self.unreachable_kubelets.get(&n)) {
            Some(ip) => Err(Status::internal(format!(
                "Get \"https://{ip}:10250/{path}\": dial tcp {ip}:10250: connect: no route to host"
            ))),
            None => Ok(()),
        }
    }

    pub fn forget_logs(&mut self, namespace: &str, pod: &str) {
        let prefix = format!("{namespace}/{pod}/");
        self.logs.retain(|k, _| !k.starts_with(&prefix));
    }

    /// GET pods/log.
    pub fn pod_log(
        &self,
        namespace: &str,
        pod: &str,
        container: &str,
        previous: bool,
    ) -> Result<String, Status> {
        if let Some(pods) = self.registry.resolve("pods") {
            self.authorize("get", pods, "log", namespace, pod)?;
            self.kubelet_reachable(
                pods,
                namespace,
                pod,
                &format!("containerLogs/{namespace}/{pod}/{container}"),
            )?;
        }
        let log = self.logs.get(&key(namespace, pod, container));
        match (log, previous) {
            (Some(l), false) => Ok(l.current.clone()),
            (
                Some(ContainerLog {
                    previous: Some(p), ..
                }),
                true,
            ) => Ok(p.clone()),
            (_, true) => Err(Status::bad_request(format!(
                "previous terminated container \"{container}\" in pod \"{pod}\" not found"
            ))),
            (None, false) => Ok(String::new()),
        }
    }
}
