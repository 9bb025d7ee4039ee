//! The control plane going down and coming back: `minikube stop|start`,
//! `docker stop|start kind-control-plane`. While it is down nothing
//! reconciles (no API server, controllers or scheduler; the kubelets have
//! nothing to report to), the clock runs on, and kubectl finds no server
//! (kubectl/unreachable.rs). Coming back, the node containers that stopped
//! restart their pods in new sandboxes (kubelet/node_status.rs).

use crate::clock::Time;
use crate::world::World;

impl World {
    pub fn control_plane_running(&self) -> bool {
        self.control_plane_stopped.is_none()
    }

    /// When the control plane stopped, while it is down.
    pub fn control_plane_stopped_at(&self) -> Option<Time> {
        self.control_plane_stopped
    }

    /// The API server, etcd, the controller manager and the scheduler stop.
    pub fn stop_control_plane(&mut self) {
        if self.control_plane_stopped.is_none() {
            self.settle();
            self.control_plane_stopped = Some(self.now());
        }
    }

    /// They run again from now on.
    pub fn start_control_plane(&mut self) {
        self.control_plane_stopped = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    #[test]
    fn nothing_reconciles_while_the_control_plane_is_down() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create deployment web --image=nginx");
        c.world_mut().stop_control_plane();
        let (revision, before) = (c.world().api.revision(), c.now());
        c.run("sleep 120");
        assert_eq!(c.world().api.revision(), revision);
        assert_eq!(c.now().0 - before.0, 120_000);
        c.world_mut().start_control_plane();
        c.run("sleep 1");
        assert!(c.world().api.revision() > revision);
    }
}
