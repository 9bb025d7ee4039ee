//! `minikube node add|start|stop|delete|list` (minikube v1.36.0,
//! cmd/minikube/cmd/node_*.go; styles from pkg/minikube/style): workers
//! `minikube-m02`, `minikube-m03`, ... are containers on the `minikube`
//! docker network; stopping one stops its kubelet.

use super::exit_message;
use crate::world::World;
use kubeplay_shell::Output;

const PROFILE: &str = "minikube";
/// How long `node add` takes until the new node's kubelet registers, and
/// then until minikube has verified it.
const ADD_MS: i64 = 15_000;
const VERIFY_MS: i64 = 10_000;
/// How long a stopped node's container takes to come back.
const START_MS: i64 = 10_000;

/// The cluster's nodes in order: the primary, then the workers.
fn nodes(world: &World) -> Vec<String> {
    world.kubelets.iter().map(|k| k.node.clone()).collect()
}

/// `node.Retrieve`: a node by its name (`m02`) or machine name (`minikube-m02`).
fn retrieve(world: &World, name: &str) -> Option<usize> {
    world
        .kubelets
        .iter()
        .position(|k| k.node == name || k.node == format!("{PROFILE}-{name}"))
        .or_else(|| (name == PROFILE && !world.kubelets.is_empty()).then_some(0))
}

fn not_found(out: &mut Output, name: &str) {
    exit_message(
        out,
        "GUEST_NODE_RETRIEVE",
        &format!("retrieving node: Could not find node {name}"),
        85,
    );
}

pub fn run(world: &mut World, args: &[&str], out: &mut Output) {
    match args {
        ["list"] => {
            for k in &world.kubelets {
                out.out(format!("{}\t{}\n", k.node, k.node_ip));
            }
        }
        ["add"] => add(world, out),
        ["stop", name, ..] => stop(world, name, out),
        ["start", name, ..] => start(world, name, out),
        ["delete", name, ..] => delete(world, name, out),
        ["list", ..] => exit_message(out, "MK_USAGE", "Usage: minikube node list", 14),
        ["stop"] => exit_message(out, "MK_USAGE", "Usage: minikube node stop [name]", 14),
        ["start"] => exit_message(out, "MK_USAGE", "Usage: minikube node start [name]", 14),
        ["delete"] => exit_message(out, "MK_USAGE", "Usage: minikube node delete [name]", 14),
        _ => {
            out.err(
                "kubeplay: this minikube knows only `minikube node add|start|stop|delete|list`\n",
            );
            out.status = 1;
        }
    }
}

/// The next node number after the last node's (`node.ID` + 1).
fn next_id(world: &World) -> usize {
    nodes(world)
        .last()
        .and_then(|n| {
            n.rsplit_once("-m")
                .and_then(|(_, id)| id.parse::<usize>().ok())
        })
        .unwrap_or(1)
        + 1
}

fn add(world: &mut World, out: &mut Output) {
    let id = next_id(world);
    let short = format!("m{id:02}");
    let machine = format!("{PROFILE}-{short}");
    out.out(format!(
        "😄  Adding node {short} to cluster {PROFILE} as [worker]\n"
    ));
    if world.kubelets.len() == 1 {
        // warnAboutMultiNodeCNI: `minikube start` without --nodes picked no CNI.
        out.err("❗  Cluster was created without any CNI, adding a node to it might cause broken networking.\n");
    }
    out.out(format!(
        "👍  Starting \"{machine}\" worker node in \"{PROFILE}\" cluster\n"
    ));
    out.out("🚜  Pulling base image v0.0.47 ...\n");
    out.out("🔥  Creating docker container (CPUs=2, Memory=2200MB) ...\n");
    out.out("🐳  Preparing Kubernetes v1.33.1 on Docker 28.1.1 ...\n");
    world.advance(ADD_MS);
    crate::presets::add_minikube_worker(world, id);
    world.advance(VERIFY_MS);
    out.out("🔎  Verifying Kubernetes components...\n");
    out.out(format!("🏄  Successfully added {short} to {PROFILE}!\n"));
}

fn stop(world: &mut World, name: &str, out: &mut Output) {
    let Some(i) = retrieve(world, name) else {
        return not_found(out, name);
    };
    if i == 0 {
        out.err("kubeplay: stopping the control-plane node is not simulated\n");
        out.status = 1;
        return;
    }
    let machine = world.kubelets[i].node.clone();
    out.out(format!("✋  Stopping node \"{machine}\"  ...\n"));
    if !world.kubelets[i].is_stopped() {
        out.out(format!("🛑  Powering off \"{machine}\" via SSH ...\n"));
        let now = world.now().0;
        let (kubelets, api) = (&mut world.kubelets, &mut world.api);
        kubelets[i].stop(api, now);
    }
    out.out(format!("🛑  Successfully stopped node {machine}\n"));
}

fn start(world: &mut World, name: &str, out: &mut Output) {
    let Some(i) = retrieve(world, name) else {
        return not_found(out, name);
    };
    let machine = world.kubelets[i].node.clone();
    if !world.kubelets[i].is_stopped() {
        out.out(format!("✅  {name} is already running\n"));
        return;
    }
    out.out(format!(
        "👍  Starting \"{machine}\" worker node in \"{PROFILE}\" cluster\n"
    ));
    out.out("🚜  Pulling base image v0.0.47 ...\n");
    out.out(format!(
        "🔄  Restarting existing docker container for \"{machine}\" ...\n"
    ));
    out.out("🐳  Preparing Kubernetes v1.33.1 on Docker 28.1.1 ...\n");
    world.advance(START_MS);
    let now = world.now().0;
    let (kubelets, api) = (&mut world.kubelets, &mut world.api);
    kubelets[i].start(api, now);
    world.settle();
    out.out("🔎  Verifying Kubernetes components...\n");
    out.out(format!("😄  Successfully started node {machine}!\n"));
}

fn delete(world: &mut World, name: &str, out: &mut Output) {
    let Some(i) = retrieve(world, name) else {
        return not_found(out, name);
    };
    if i == 0 {
        out.err("kubeplay: deleting the control-plane node is not simulated\n");
        out.status = 1;
        return;
    }
    let machine = world.kubelets[i].node.clone();
    out.out(format!("🔥  Deleting node {name} from cluster {PROFILE}\n"));
    // teardown: drain and delete the Node (their output is only logged).
    super::admin_kubectl(
        world,
        &[
            "drain",
            &machine,
            "--force",
            "--grace-period=1",
            "--ignore-daemonsets",
            "--delete-emptydir-data",
            "--disable-eviction",
        ],
        "",
    );
    super::admin_kubectl(world, &["delete", "node", &machine], "");
    out.out(format!("✋  Stopping node \"{machine}\"  ...\n"));
    if !world.kubelets[i].is_stopped() {
        out.out(format!("🛑  Powering off \"{machine}\" via SSH ...\n"));
    }
    out.out(format!("🔥  Deleting \"{machine}\" in docker ...\n"));
    world.kubelets.remove(i);
    world.api.unreachable_kubelets.remove(&machine);
    world.settle();
    out.out(format!("💀  Node {name} was successfully deleted.\n"));
}
