//! Direct access to a cluster's world, for hosts that serve it another way
//! than through the shell (the HTTP API server in `kubeplay-server`).

use crate::cluster::Cluster;
use crate::world::World;

impl Cluster {
    /// The simulated world: clock, API server and control loops — always
    /// the boot cluster's (what `kubeplay serve` serves), whichever context
    /// the terminal's kubeconfig has current (the web diagram follows the
    /// context instead: see `current_target`);
    /// an empty world once `kind delete cluster` removed the boot cluster.
    /// Kind clusters made from the terminal are reached through kubectl.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The boot cluster's world (see `world`), to call API verbs on or
    /// advance its clock.
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// Writes a file into the terminal's virtual file system (a lesson's
    /// starting files, a fuzzer's input).
    pub fn write_file(&mut self, path: &str, contents: &str) {
        self.shell.vfs_mut().write(path, contents);
    }
}
