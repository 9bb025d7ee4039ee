//! `pods/exec`: runs a command in a running container, in the file system,
//! environment and tools the container has at this moment. On a real
//! cluster the API server upgrades the connection to the node's kubelet;
//! here the world hands the request to the kubelet that runs the pod.

use super::container::State;
use super::probe::{self, ExecResult};
use super::Kubelet;
use crate::network::{InPod, View};
use crate::world::World;

impl Kubelet {
    /// Runs `argv` in `container` of the pod with `uid`; Err is the
    /// kubelet's refusal (the container is not running). `net` is the pod's
    /// network, for wget and curl.
    #[allow(clippy::too_many_arguments)]
    pub fn exec(
        &mut self,
        uid: &str,
        container: &str,
        argv: &[String],
        stdin: &str,
        tty: bool,
        now: i64,
        net: Option<&mut dyn crate::network::NetTools>,
    ) -> Result<ExecResult, String> {
        let not_found = || format!("container not found (\"{container}\")");
        let run = self.pods.get_mut(uid).ok_or_else(not_found)?;
        let c = run
            .containers
            .iter_mut()
            .chain(run.init_containers.iter_mut())
            .chain(run.ephemeral_containers.iter_mut())
            .find(|c| c.name == container)
            .ok_or_else(not_found)?;
        match (&c.state, c.process.as_mut()) {
            (State::Running { .. }, Some(p)) => {
                let result = probe::run_in_net(p, argv, stdin, tty, now, net);
                // What it wrote stays in the container.
                p.record_exec(now, argv, stdin);
                Ok(result)
            }
            _ => Err(not_found()),
        }
    }
}

impl World {
    /// Runs `argv` in a container of a pod, as `kubectl exec` does (output
    /// to a pipe). Err is the error kubectl prints after `error: `.
    pub fn exec(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        argv: &[String],
        stdin: &str,
    ) -> Result<ExecResult, String> {
        self.exec_with_tty(namespace, pod, container, argv, stdin, false)
    }

    /// `exec` with `-t`: the command's output goes to a terminal.
    pub fn exec_with_tty(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        argv: &[String],
        stdin: &str,
        tty: bool,
    ) -> Result<ExecResult, String> {
        let r = self
            .api
            .registry()
            .resolve("pods")
            .cloned()
            .ok_or("pods are not served")?;
        let obj = self
            .api
            .get(&r, namespace, pod)
            .map_err(|_| format!("pods \"{pod}\" not found"))?;
        let node = obj["spec"]["nodeName"].as_str().unwrap_or("");
        let uid = obj["metadata"]["uid"].as_str().unwrap_or("");
        let ip = obj["status"]["podIP"].as_str().unwrap_or("").to_string();
        let upgrade = |e: String| format!("unable to upgrade connection: {e}");
        let now = self.now().0;
        // The command may reach the network (wget, curl): the network as
        // this moment has it, and what the requests left behind afterwards.
        let mut view = View::of(self);
        let mut in_pod = InPod {
            view: &mut view,
            namespace: namespace.to_string(),
            ip,
            api: Some(&mut self.api),
        };
        let kubelet = self
            .kubelets
            .iter_mut()
            .find(|k| k.node == node)
            .ok_or_else(|| upgrade("pod does not exist".into()))?;
        let result = kubelet
            .exec(uid, container, argv, stdin, tty, now, Some(&mut in_pod))
            .map_err(upgrade);
        view.apply(self);
        result
    }
}
