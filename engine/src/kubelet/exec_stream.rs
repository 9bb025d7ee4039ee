//! A `pods/exec` command that runs on in virtual time (`sh -c 'while
//! true; do ...; sleep 1; done'`): where it runs (the container instance),
//! and the command simulated again over a later window, from the container
//! as it was when the command started. Deterministic, so the part already
//! shown never changes; the container's end ends it.

use super::container::State;
use super::probe::{self, ExecResult};
use super::Kubelet;
use crate::network::{InPod, View};
use crate::world::World;

/// The container instance an exec runs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecPlace {
    pub node: String,
    pub uid: String,
    pub container: String,
    /// When the container's main process started (a restart is another).
    pub started_at: i64,
    /// Commands run in the container before this one.
    pub execs_before: usize,
}

/// Why an exec can run no further.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecEnd {
    /// Its container stopped at this moment: the runtime kills every
    /// process in it.
    Container(i64),
    /// The node went down at this moment (its kubelet with it).
    Node(i64),
}

impl Kubelet {
    fn exec_container(&self, place: &ExecPlace) -> Option<&super::container::Container> {
        let run = self.pods.get(&place.uid)?;
        run.containers
            .iter()
            .chain(run.init_containers.iter())
            .chain(run.ephemeral_containers.iter())
            .find(|c| c.name == place.container)
            .filter(|c| {
                c.process
                    .as_ref()
                    .is_some_and(|p| p.started_at == place.started_at)
            })
    }
}

/// When a container stops, if known already: its main process exits by
/// itself or is killed, or the kubelet stops it (a deletion's grace period).
fn stops_at(c: &super::container::Container) -> Option<i64> {
    let exit = c
        .process
        .as_ref()
        .and_then(|p| p.exit.as_ref())
        .map(|e| e.at);
    match (exit, c.stop_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl World {
    /// The exec was stopped now (its terminal's Ctrl-C): what it would
    /// have written to the container's files later never happens.
    pub fn exec_stopped(&mut self, place: &ExecPlace) {
        let now = self.now().0;
        let Some(k) = self.kubelets.iter_mut().find(|k| k.node == place.node) else {
            return;
        };
        let process = k.pods.get_mut(&place.uid).and_then(|run| {
            run.containers
                .iter_mut()
                .chain(run.init_containers.iter_mut())
                .chain(run.ephemeral_containers.iter_mut())
                .find(|c| c.name == place.container)
                .and_then(|c| c.process.as_mut())
        });
        if let Some(p) = process.filter(|p| p.started_at == place.started_at) {
            p.stop_exec(place.execs_before, now);
        }
    }

    /// Where an exec into `container` of a pod runs now (None when it
    /// cannot run: the world's exec says why).
    pub fn exec_place(&self, namespace: &str, pod: &str, container: &str) -> Option<ExecPlace> {
        let r = self.api.registry().resolve("pods")?;
        let obj = self.api.get(r, namespace, pod).ok()?;
        let node = obj["spec"]["nodeName"].as_str()?.to_string();
        let uid = obj["metadata"]["uid"].as_str()?.to_string();
        let kubelet = self.kubelets.iter().find(|k| k.node == node)?;
        let run = kubelet.pods.get(&uid)?;
        let c = run
            .containers
            .iter()
            .chain(run.init_containers.iter())
            .chain(run.ephemeral_containers.iter())
            .find(|c| c.name == container)?;
        let p = c.process.as_ref()?;
        matches!(c.state, State::Running { .. }).then(|| ExecPlace {
            node,
            uid,
            container: container.into(),
            started_at: p.started_at,
            execs_before: p.exec_count(),
        })
    }

    /// Whether the exec's container has stopped by now (or will at a
    /// moment its process already knows), or its node went down.
    pub fn exec_end(&self, place: &ExecPlace) -> Option<ExecEnd> {
        let now = self.now().0;
        let Some(kubelet) = self.kubelets.iter().find(|k| k.node == place.node) else {
            return Some(ExecEnd::Node(now));
        };
        if let Some(at) = kubelet.stopped_since() {
            return Some(ExecEnd::Node(at));
        }
        let Some(c) = kubelet.exec_container(place) else {
            return Some(ExecEnd::Container(now));
        };
        let at = stops_at(c);
        if !matches!(c.state, State::Running { .. }) {
            return Some(ExecEnd::Container(at.unwrap_or(now).min(now)));
        }
        at.filter(|at| *at <= now).map(ExecEnd::Container)
    }

    /// When the exec's container stops, if its main process knows already
    /// (it exits by itself, is being killed or stopped).
    pub fn exec_container_exit(&self, place: &ExecPlace) -> Option<i64> {
        let k = self.kubelets.iter().find(|k| k.node == place.node)?;
        stops_at(k.exec_container(place)?)
    }

    /// Simulates the exec again from `start` up to `until`; Err when its
    /// container is gone. What its network calls leave behind (access
    /// logs, served requests) was kept from the first run and is not
    /// recorded again.
    #[allow(clippy::too_many_arguments)]
    pub fn exec_window(
        &mut self,
        namespace: &str,
        place: &ExecPlace,
        argv: &[String],
        stdin: &str,
        tty: bool,
        start: i64,
        until: i64,
    ) -> Result<ExecResult, ExecEnd> {
        if let Some(end) = self.exec_end(place) {
            return Err(end);
        }
        let ip = self
            .api
            .registry()
            .resolve("pods")
            .cloned()
            .and_then(|r| self.api.get(&r, namespace, &self.pod_name(place)?).ok())
            .and_then(|p| p["status"]["podIP"].as_str().map(String::from))
            .unwrap_or_default();
        let mut view = View::of(self);
        let now = self.now().0;
        let mut in_pod = InPod {
            view: &mut view,
            namespace: namespace.to_string(),
            ip,
            api: Some(&mut self.api),
        };
        let kubelet = self.kubelets.iter().find(|k| k.node == place.node);
        let p = kubelet
            .and_then(|k| k.exec_container(place))
            .and_then(|c| c.process.as_ref())
            .ok_or(ExecEnd::Container(now))?;
        let shell = p.shell_before(start, place.execs_before);
        let at = super::process::ExecAt {
            start,
            until,
            index: place.execs_before,
            since: p.started_at,
        };
        Ok(probe::run_window(
            p,
            shell,
            argv,
            stdin,
            tty,
            at,
            Some(&mut in_pod),
        ))
    }

    fn pod_name(&self, place: &ExecPlace) -> Option<String> {
        let k = self.kubelets.iter().find(|k| k.node == place.node)?;
        k.pods.get(&place.uid).map(|r| r.name.clone())
    }
}
