//! `pods/attach`: a terminal joined to a container's main process. The
//! process is a shell waiting on stdin (`stdin: true`); each line typed runs
//! in the container, and `exit` ends the process, and so the container.

use super::container::State;
use super::probe::ExecResult;
use super::Kubelet;
use crate::world::World;

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

impl World {
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
