//! The `docker` program on the kind preset's host, where every node is a
//! container of kindest/node (kind v0.29): `docker ps`, `inspect`,
//! `exec`, `network ls`, `stop` and `start` of node containers (of every
//! kind cluster the playground has), with docker 28.5.1's texts. Stopping
//! a node container stops its kubelet; the control plane notices through
//! the node lease (see controllers/node_lifecycle.rs).

mod context;
mod crictl;
mod exec;
mod inspect;
mod logs;
mod network;
mod node_shell;
mod ps;
pub mod stats;
mod template;
mod units;

use crate::clusters::Fleet;
use crate::leases::fnv;
use crate::world::World;
pub use exec::kubectl_in_node;
use kubeplay_shell::Output;
pub use node_shell::{open as open_node_shell, NodeShell};

pub const IMAGE: &str = "kindest/node:v1.33.1";
/// ENTRYPOINT + CMD of kindest/node, as `docker ps` cuts it to 20 runes.
pub const COMMAND: &str = "\"/usr/local/bin/entr…\"";
/// The code systemd (PID 1 of a kind node) exits with when halted by the
/// image's STOPSIGNAL (SIGRTMIN+3), as kind issue #148 shows it.
pub const EXIT_CODE: i32 = 130;

/// The docker release of the host: 28.5.1, whose CLI commit is e180ab8
/// (docker/cli tag v28.5.1; docs/reference/commandline/version.md).
const VERSION: &str = "28.5.1";
const BUILD: &str = "e180ab8";

/// docker 28's commands (`docker --help`): these are real but not simulated.
const COMMANDS: &[&str] = &[
    "attach",
    "build",
    "builder",
    "buildx",
    "commit",
    "compose",
    "container",
    "context",
    "cp",
    "create",
    "diff",
    "events",
    "exec",
    "export",
    "history",
    "image",
    "images",
    "import",
    "info",
    "inspect",
    "kill",
    "load",
    "login",
    "logout",
    "logs",
    "manifest",
    "network",
    "pause",
    "plugin",
    "port",
    "ps",
    "pull",
    "push",
    "rename",
    "restart",
    "rm",
    "rmi",
    "run",
    "save",
    "search",
    "start",
    "stats",
    "stop",
    "swarm",
    "system",
    "tag",
    "top",
    "trust",
    "unpause",
    "update",
    "version",
    "volume",
    "wait",
];

/// `docker version --format F`: the Client and Server versions.
fn version(format: &str, out: &mut Output) {
    let v = serde_json::json!({
        "Client": {"Version": VERSION, "GitCommit": BUILD, "APIVersion": "1.51"},
        "Server": {"Version": VERSION, "APIVersion": "1.51"},
    });
    match template::execute(format, &v) {
        Ok(text) => out.out(format!("{text}\n")),
        Err(e) => {
            out.err(format!("template: {e}\n"));
            out.status = 1;
        }
    }
}

/// cli/cobra.go FlagErrorFunc: a flag error, the usage line (`docker
/// VERB USE`) and the help hint, status 125.
pub fn flag_error(out: &mut Output, verb: &str, usage: &str, msg: &str) {
    out.err(format!("{msg}\n\nUsage:  docker {verb} {usage}\n\nRun 'docker {verb} --help' for more information\n"));
    out.status = 125;
}

/// A container's ID: 12 hex digits, stable per node name.
pub fn container_id(name: &str) -> String {
    format!("{:012x}", fnv(name) & 0xffff_ffff_ffff)
}

/// go-units `HumanDuration`.
pub fn human_duration(ms: i64) -> String {
    let seconds = ms / 1000;
    let minutes = seconds / 60;
    let hours = (ms + 1_800_000) / 3_600_000;
    match () {
        _ if seconds < 1 => "Less than a second".into(),
        _ if seconds == 1 => "1 second".into(),
        _ if seconds < 60 => format!("{seconds} seconds"),
        _ if minutes == 1 => "About a minute".into(),
        _ if minutes < 60 => format!("{minutes} minutes"),
        _ if hours == 1 => "About an hour".into(),
        _ if hours < 48 => format!("{hours} hours"),
        _ if hours < 24 * 7 * 2 => format!("{} days", hours / 24),
        _ if hours < 24 * 30 * 2 => format!("{} weeks", hours / 24 / 7),
        _ if hours < 24 * 365 * 2 => format!("{} months", hours / 24 / 30),
        _ => format!("{} years", ms / 3_600_000 / 24 / 365),
    }
}

/// The node containers, newest first (kind creates each cluster's control
/// plane first): (cluster, kubelet) indexes into `clusters`.
pub fn containers(clusters: &[Cluster<'_>]) -> Vec<(usize, usize)> {
    (0..clusters.len())
        .rev()
        .flat_map(|c| (0..clusters[c].3.kubelets.len()).rev().map(move |k| (c, k)))
        .collect()
}

/// A kind cluster as docker sees it: name, API server port, created, world.
pub type Cluster<'a> = (String, u16, crate::clock::Time, &'a mut World);

pub fn find(clusters: &[Cluster<'_>], name: &str) -> Option<(usize, usize)> {
    containers(clusters).into_iter().find(|&(c, i)| {
        let k = &clusters[c].3.kubelets[i];
        k.node == name || (!name.is_empty() && container_id(&k.node).starts_with(name))
    })
}

/// Whether more than half of the control-plane nodes run (etcd has a
/// quorum): with one control plane, whether it runs.
fn etcd_quorum(world: &World) -> bool {
    let planes: Vec<bool> = world
        .kubelets
        .iter()
        .filter(|k| k.node.contains("control-plane"))
        .map(|k| !k.is_stopped())
        .collect();
    let running = planes.iter().filter(|r| **r).count();
    running * 2 > planes.len()
}

/// `docker ARGS` on the host of every kind cluster of the playground;
/// `deadline_ms` is what an enclosing `timeout` leaves a streaming command.
pub fn run(fleet: &mut Fleet, args: &[String], deadline_ms: Option<i64>) -> Output {
    let mut out = Output::default();
    let now = fleet.now().0;
    let mut ran_ms = 0;
    let mut clusters = fleet.kind_clusters_mut();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["--version"] => out.out(format!("Docker version {VERSION}, build {BUILD}\n")),
        ["version", "--format" | "-f", f] => version(f, &mut out),
        ["context", "use", name] => context::use_context(name, &mut out),
        ["ps", rest @ ..] => ps::run(&clusters, now, rest, &mut out),
        ["network", rest @ ..] => network::run(&clusters, rest, &mut out),
        ["exec", rest @ ..] => exec::run(&clusters, rest, &mut out),
        ["inspect", rest @ ..] => inspect::run(&clusters, rest, &mut out),
        ["logs", rest @ ..] => {
            ran_ms = logs::run(&clusters, rest, deadline_ms, &mut out);
        }
        ["stats", rest @ ..] => {
            ran_ms = stats::run(&clusters, now, rest, deadline_ms, &mut out);
        }
        [verb @ ("stop" | "start"), names @ ..] if !names.is_empty() => {
            for name in names {
                let Some((c, i)) = find(&clusters, name) else {
                    out.err(format!(
                        "Error response from daemon: No such container: {name}\n"
                    ));
                    out.status = 1;
                    continue;
                };
                let world = &mut *clusters[c].3;
                if *verb == "stop" {
                    let (kubelets, api) = (&mut world.kubelets, &mut world.api);
                    kubelets[i].stop(api, now);
                    if !etcd_quorum(world) {
                        world.stop_control_plane();
                    }
                } else {
                    let (kubelets, api) = (&mut world.kubelets, &mut world.api);
                    kubelets[i].start(api, now);
                    // A control-plane node's static pods bring it back.
                    if !world.control_plane_running() && etcd_quorum(world) {
                        world.start_control_plane();
                    }
                    world.settle();
                }
                out.out(format!("{name}\n"));
            }
        }
        [verb @ ("stop" | "start"), ..] => {
            out.err(format!("docker: 'docker {verb}' requires at least 1 argument\n\nUsage:  docker {verb} [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker {verb} --help' for more information\n"));
            out.status = 1;
        }
        // cmd/docker/docker.go in docker/cli v28.5.1.
        [verb, ..] if !verb.starts_with('-') && !COMMANDS.contains(verb) => {
            out.err(format!("docker: unknown command: docker {verb}\n\nRun 'docker --help' for more information\n"));
            out.status = 1;
        }
        _ => {
            out.err("kubeplay: this docker knows only ps, inspect, context use, exec, logs, stats, network ls, stop, start, --version and version --format\n");
            out.status = 1;
        }
    }
    drop(clusters);
    if ran_ms > 0 {
        fleet.advance(ran_ms);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_docker_prints_them() {
        assert_eq!(human_duration(500), "Less than a second");
        assert_eq!(human_duration(45_000), "45 seconds");
        assert_eq!(human_duration(90_000), "About a minute");
        assert_eq!(human_duration(5 * 60_000), "5 minutes");
        assert_eq!(human_duration(65 * 60_000), "About an hour");
        assert_eq!(human_duration(3 * 3_600_000), "3 hours");
    }
}
