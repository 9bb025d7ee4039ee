//! The `docker` program on the kind preset's host, where every node is a
//! container of kindest/node (kind v0.29): `docker ps [-a]`, `docker stop`
//! and `docker start` of node containers (of every kind cluster the
//! playground has), with docker 28's texts. Stopping
//! a node container stops its kubelet; the control plane notices through
//! the node lease (see controllers/node_lifecycle.rs).

use crate::clusters::Fleet;
use crate::leases::fnv;
use crate::world::World;
use kubeplay_shell::Output;

const IMAGE: &str = "kindest/node:v1.33.1";
/// ENTRYPOINT + CMD of kindest/node, as `docker ps` cuts it to 20 runes.
const COMMAND: &str = "\"/usr/local/bin/entr…\"";
/// The code systemd (PID 1 of a kind node) exits with when halted by the
/// image's STOPSIGNAL (SIGRTMIN+3), as kind issue #148 shows it.
const EXIT_CODE: i32 = 130;

/// A container's ID: 12 hex digits, stable per node name.
fn container_id(name: &str) -> String {
    format!("{:012x}", fnv(name) & 0xffff_ffff_ffff)
}

/// go-units `HumanDuration`.
fn human_duration(ms: i64) -> String {
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

/// Go's text/tabwriter as docker's formatter sets it up (minwidth 10,
/// padding 3); the last column is not padded.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count() + 3)
                .max()
                .unwrap_or(0)
                .max(10)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            if i + 1 == cols {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i] - cell.chars().count()));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The node containers, newest first (kind creates each cluster's control
/// plane first): (cluster, kubelet) indexes into `clusters`.
fn containers(clusters: &[Node<'_>]) -> Vec<(usize, usize)> {
    (0..clusters.len())
        .rev()
        .flat_map(|c| (0..clusters[c].3.kubelets.len()).rev().map(move |k| (c, k)))
        .collect()
}

/// A kind cluster as docker sees it: name, API server port, created, world.
type Node<'a> = (String, u16, crate::clock::Time, &'a mut World);

fn find(clusters: &[Node<'_>], name: &str) -> Option<(usize, usize)> {
    containers(clusters).into_iter().find(|&(c, i)| {
        let k = &clusters[c].3.kubelets[i];
        k.node == name || (!name.is_empty() && container_id(&k.node).starts_with(name))
    })
}

fn ps(clusters: &[Node<'_>], now: i64, all: bool, out: &mut Output) {
    let mut rows = vec![[
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]
    .map(String::from)
    .to_vec()];
    for (c, i) in containers(clusters) {
        let (_, port, created, world) = &clusters[c];
        let k = &world.kubelets[i];
        let stopped = k.stopped_since();
        if stopped.is_some() && !all {
            continue;
        }
        let status = match stopped {
            Some(at) => format!("Exited ({EXIT_CODE}) {} ago", human_duration(now - at)),
            None => format!(
                "Up {}",
                human_duration(now - k.started_since().unwrap_or(created.0))
            ),
        };
        let ports = if i == 0 && stopped.is_none() {
            format!("127.0.0.1:{port}->6443/tcp")
        } else {
            String::new()
        };
        rows.push(vec![
            container_id(&k.node),
            IMAGE.into(),
            COMMAND.into(),
            format!("{} ago", human_duration(now - created.0)),
            status,
            ports,
            k.node.clone(),
        ]);
    }
    out.out(table(&rows));
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

/// `docker ARGS` on the host of every kind cluster of the playground.
pub fn run(fleet: &mut Fleet, args: &[String]) -> Output {
    let mut out = Output::default();
    let now = fleet.now().0;
    let mut clusters = fleet.kind_clusters_mut();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["ps"] => ps(&clusters, now, false, &mut out),
        ["ps", "-a" | "--all"] => ps(&clusters, now, true, &mut out),
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
        _ => {
            out.err("kubeplay: this docker knows only `docker ps [-a]`, `docker stop` and `docker start`\n");
            out.status = 1;
        }
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

    #[test]
    fn columns_pad_to_the_widest_cell_plus_three() {
        let rows = vec![
            vec!["A".to_string(), "BB".into(), "C".into()],
            vec!["xxxxxxxxxxxx".into(), "".into(), "z".into()],
        ];
        assert_eq!(
            table(&rows),
            "A              BB        C\nxxxxxxxxxxxx             z\n"
        );
    }
}
