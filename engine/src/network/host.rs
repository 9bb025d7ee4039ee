//! `curl` in the learner's terminal: the network as the learner's machine
//! sees it (ports kubectl opened, NodePorts on the node IP; ClusterIPs and
//! pod IPs route nowhere), in virtual time.

use super::curl::{self, Ctx};
use super::route::Origin;
use super::View;
use crate::world::World;
use kubeplay_shell::{Invocation, Output};

/// The terminal machine's curl (Ubuntu 24.04's).
const AGENT: &str = "curl/8.5.0";

/// Runs curl; returns its output and what background kubectls printed to
/// the terminal meanwhile (`Handling connection for 8080`).
pub fn curl(world: &mut World, inv: Invocation<'_>) -> (Output, String) {
    let mut view = View::of(world);
    let ran = curl::run(
        Ctx {
            view: &mut view,
            origin: Origin::Host,
            api: Some(&world.api),
            vfs: inv.vfs,
            cwd: inv.cwd,
            agent: AGENT,
        },
        &inv.argv[1..],
    );
    view.apply(world);
    world.advance(ran.elapsed_ms);
    (ran.out, ran.terminal)
}
