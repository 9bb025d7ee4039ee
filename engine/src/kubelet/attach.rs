//! `pods/attach`: a terminal joined to a container's main process. The
//! process is a shell waiting on stdin (`stdin: true`); each line typed runs
//! in the container, and `exit` ends the process, and so the container.

use super::container::State;
use super::probe::ExecResult;
use super::Kubelet;
use crate::world::World;
use serde_json::Value;

impl Kubelet {
    /// Ends the main process of a running container now with `code`.
    fn end_process(&mut self, uid: &str, container: &str, code: i32, now: i64) -> bool {
        let Some(run) = self.pods.get_mut(uid) else {
            return false;
        };
        let found = run
            .containers
            .iter_mut()
            .chain(run.init_containers.iter_mut())
            .chain(run.ephemeral_containers.iter_mut())
            .find(|c| c.name == container);
        match found {
            Some(c) if matches!(c.state, State::Running { .. }) => match c.process.as_mut() {
                Some(p) => {
                    p.kill(now, code);
                    true
                }
                None => false,
            },
            _ => false,
        }
    }
}

impl Kubelet {
    /// Whether a container's main process is a shell reading its commands
    /// from stdin (`sh` with `stdin: true`), rather than a program or script.
    fn reads_commands(&self, uid: &str, container: &str) -> bool {
        let Some(run) = self.pods.get(uid) else {
            return false;
        };
        run.containers
            .iter()
            .chain(run.init_containers.iter())
            .chain(run.ephemeral_containers.iter())
            .find(|c| c.name == container)
            .and_then(|c| c.process.as_ref())
            .is_some_and(|p| p.spec.stdin && super::process::waits_for_input(&p.spec.argv))
    }
}

impl World {
    /// Whether an attach to the container joins a shell waiting for typed
    /// commands; otherwise it joins a process that only writes output.
    pub fn attach_reads_commands(&self, namespace: &str, pod: &str, container: &str) -> bool {
        let Some((node, uid)) = self.pod_location(namespace, pod) else {
            return false;
        };
        self.kubelets
            .iter()
            .find(|k| k.node == node)
            .is_some_and(|k| k.reads_commands(&uid, container))
    }

    fn pod_location(&self, namespace: &str, pod: &str) -> Option<(String, String)> {
        let r = self.api.registry().resolve("pods")?.clone();
        let obj = self.api.get(&r, namespace, pod).ok()?;
        Some((
            obj["spec"]["nodeName"].as_str().unwrap_or("").to_string(),
            obj["metadata"]["uid"].as_str().unwrap_or("").to_string(),
        ))
    }

    /// One line typed into an attached container's shell.
    pub fn attach_line(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        line: &str,
    ) -> Result<ExecResult, String> {
        let argv = vec!["sh".to_string(), "-c".to_string(), line.to_string()];
        self.exec_with_tty(namespace, pod, container, &argv, "", true)
    }

    /// The attached shell exits with `code`: the container's main process ends.
    pub fn attach_exit(&mut self, namespace: &str, pod: &str, container: &str, code: i32) {
        let Some((node, uid)) = self.pod_location(namespace, pod) else {
            return;
        };
        let now = self.now().0;
        if let Some(k) = self.kubelets.iter_mut().find(|k| k.node == node) {
            if k.end_process(&uid, container, code, now) {
                self.settle();
            }
        }
    }
}

/// Where an attach without stdin joined a container: its instance (restart
/// count) and how much of that instance's log was written before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachPoint {
    pub restarts: i64,
    pub offset: usize,
}

impl World {
    fn container_status(&self, namespace: &str, pod: &str, container: &str) -> Option<Value> {
        let r = self.api.registry().resolve("pods")?;
        let obj = self.api.get(r, namespace, pod).ok()?;
        [
            "containerStatuses",
            "initContainerStatuses",
            "ephemeralContainerStatuses",
        ]
        .iter()
        .filter_map(|k| obj["status"][k].as_array())
        .flatten()
        .find(|s| s["name"] == container)
        .cloned()
    }

    /// The attach point of a container now.
    pub fn attach_point(&self, namespace: &str, pod: &str, container: &str) -> AttachPoint {
        let restarts = self
            .container_status(namespace, pod, container)
            .and_then(|s| s["restartCount"].as_i64())
            .unwrap_or(0);
        let offset = self
            .api
            .pod_log(namespace, pod, container, false)
            .map_or(0, |l| l.len());
        AttachPoint { restarts, offset }
    }

    /// What the attached instance wrote since `at`, and whether it has ended
    /// (stopped, restarted as a new instance, or its pod gone): the kubelet
    /// closes an attach's streams when the process it joined exits.
    pub fn attach_output(
        &self,
        namespace: &str,
        pod: &str,
        container: &str,
        at: &AttachPoint,
    ) -> (String, bool) {
        let Some(status) = self.container_status(namespace, pod, container) else {
            return (String::new(), true);
        };
        let restarted = status["restartCount"].as_i64().unwrap_or(0) > at.restarts;
        let log = self
            .api
            .pod_log(namespace, pod, container, restarted)
            .unwrap_or_default();
        let text = log.get(at.offset..).unwrap_or("").to_string();
        let ended = restarted || status["state"].get("running").is_none();
        (text, ended)
    }
}
