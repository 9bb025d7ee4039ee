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
}

/// Logs by `namespace/pod/container` (a string key, so snapshots are JSON).
pub type LogTable = BTreeMap<String, ContainerLog>;

fn key(namespace: &str, pod: &str, container: &str) -> String {
    format!("{namespace}/{pod}/{container}")
}

impl ApiServer {
    /// Appends to a container's current log (the kubelet's side).
    pub fn append_log(&mut self, namespace: &str, pod: &str, container: &str, text: &str) {
        self.logs
            .entry(key(namespace, pod, container))
            .or_default()
            .current
            .push_str(text);
    }

    /// A container restarted: its log becomes the previous one.
    pub fn rotate_log(&mut self, namespace: &str, pod: &str, container: &str) {
        let e = self.logs.entry(key(namespace, pod, container)).or_default();
        e.previous = Some(std::mem::take(&mut e.current));
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
