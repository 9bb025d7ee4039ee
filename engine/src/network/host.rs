//! `curl` and `wget` in the learner's terminal: the network as the
//! learner's machine sees it (ports kubectl opened, NodePorts on the node
//! IP; ClusterIPs and pod IPs route nowhere), in virtual time.

use super::curl::{self, Ctx, Ran};
use super::route::Origin;
use super::{gnu_wget, View};
use crate::world::World;
use kubeplay_shell::{Invocation, Output};

/// The terminal machine's curl (Ubuntu 24.04's).
const CURL_AGENT: &str = "curl/8.5.0";

/// Runs curl; returns its output and what background kubectls printed to
/// the terminal meanwhile (`Handling connection for 8080`).
/// `api_servers`: where the clusters' API servers answer (see `View`).
pub fn curl(
    world: &mut World,
    inv: Invocation<'_>,
    api_servers: Vec<(String, u16)>,
) -> (Output, String) {
    on_host(world, inv, api_servers, CURL_AGENT, curl::run)
}

/// Runs GNU wget; `deadline_ms` is what an enclosing `timeout` leaves it,
/// `tty` whether the terminal is interactive (wget then draws its bar).
pub fn wget(
    world: &mut World,
    inv: Invocation<'_>,
    deadline_ms: Option<i64>,
    tty: bool,
    api_servers: Vec<(String, u16)>,
) -> (Output, String) {
    on_host(world, inv, api_servers, gnu_wget::AGENT, |ctx, args| {
        gnu_wget::run(ctx, args, deadline_ms, tty)
    })
}

/// Runs a network tool against the machine's view of the world, then
/// applies what it changed and the time it took.
fn on_host(
    world: &mut World,
    inv: Invocation<'_>,
    api_servers: Vec<(String, u16)>,
    agent: &str,
    tool: impl FnOnce(Ctx, &[String]) -> Ran,
) -> (Output, String) {
    let mut view = View::of(world);
    view.api_servers = api_servers;
    let ran = tool(
        Ctx {
            view: &mut view,
            origin: Origin::Host,
            api: Some(&mut world.api),
            vfs: inv.vfs,
            cwd: inv.cwd,
            agent,
            stdout_tty: inv.stdout_tty,
        },
        &inv.argv[1..],
    );
    view.apply(world);
    world.advance(ran.elapsed_ms);
    (ran.out, ran.terminal)
}
