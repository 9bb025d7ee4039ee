//! The cluster a viewer shows (the web diagram): the one `kubectl get`
//! would reach with the terminal's current context, so that the diagram
//! follows `kubectl config use-context` to a `kind create cluster` cluster.

use super::{boot_server, Cluster};
use crate::clusters::{Fleet, Target};
use crate::kubectl::kubeconfig::Kubeconfig;
use crate::kubectl::route::{route, Route};
use crate::world::World;

impl Cluster {
    /// Which cluster the terminal's current context reaches now. It parses
    /// the kubeconfig: call it after a command, not every frame. None when
    /// the context names a server the playground does not run.
    pub fn current_target(&self) -> Option<Target> {
        let args = ["get".to_string(), "pods".to_string()];
        let sh = &self.shell;
        let Route::Server(url) = route(&args, sh.vfs(), sh.env(), sh.cwd()) else {
            return None;
        };
        let url = url.trim_end_matches('/');
        if !self.more.boot_deleted && url == boot_server(&self.preset) {
            return Some(Target::Boot);
        }
        self.more
            .created
            .iter()
            .find(|c| Fleet::server_of(c.port) == url)
            .map(|c| Target::Port(c.port))
    }

    /// The kubeconfig's current context ("" when it names none), as the
    /// title of what the diagram draws.
    pub fn current_context(&self) -> String {
        let sh = &self.shell;
        let path = Kubeconfig::path_in(sh.env(), sh.cwd(), None);
        Kubeconfig::load_at(sh.vfs(), path)
            .map(|k| k.current_context().to_string())
            .unwrap_or_default()
    }

    /// The world of `target`, if it still runs.
    pub fn world_of(&self, target: &Target) -> Option<&World> {
        match target {
            Target::Boot if !self.more.boot_deleted => Some(&self.world),
            Target::Boot => None,
            Target::Port(p) => self
                .more
                .created
                .iter()
                .find(|c| c.port == *p)
                .map(|c| &c.world),
        }
    }
}

/// Every stored object of `world` with its resource and group, for a
/// subscriber of its event stream that has to rebuild (`Poll::Resync`).
pub fn objects_of(world: &World) -> Vec<(String, String, serde_json::Value)> {
    let api = &world.api;
    let mut out = vec![];
    for r in api.registry().resources() {
        if !r.has_verb("list") {
            continue;
        }
        for o in api.list(r, None, &Default::default()).unwrap_or_default() {
            out.push((r.name.clone(), r.group.clone(), o));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::clusters::Target;
    use crate::{Cluster, Preset};

    #[test]
    fn the_current_target_follows_use_context_to_a_kind_cluster() {
        let mut c = Cluster::new(Preset::Minikube, 3);
        assert_eq!(c.current_target(), Some(Target::Boot));
        c.run("kind create cluster");
        let Some(Target::Port(port)) = c.current_target() else {
            panic!("kind switches the context to its cluster");
        };
        assert!(c.world_of(&Target::Port(port)).is_some());
        assert_eq!(c.current_context(), "kind-kind");
        c.run("kubectl config use-context minikube");
        assert_eq!(c.current_target(), Some(Target::Boot));
        assert_eq!(c.current_context(), "minikube");
        c.run("kubectl config set-cluster minikube --server=https://10.9.9.9:1");
        assert_eq!(c.current_target(), None);
    }
}
