//! `minikube stop`, `minikube start` of the existing profile, and `minikube
//! status` (minikube v1.36.0: cmd/minikube/cmd/stop.go, start.go,
//! status.go; styles from pkg/minikube/style). Stopping powers off every
//! node container and the control plane with it; by default it also unsets
//! the kubeconfig's current context if it is the profile's
//! (`--keep-context-active` keeps it), so kubectl then dials localhost:8080.

use super::PROFILE;
use crate::kubectl::kubeconfig::DEFAULT_PATH;
use crate::kubectl::printers::yaml;
use crate::world::World;
use kubeplay_shell::{Output, Vfs};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How long the restarted node containers take until kubeadm's restart
/// phases are through.
const RESTART_MS: i64 = 20_000;

/// The kubeconfig minikube edits: the first `$KUBECONFIG` entry, else ~/.kube/config.
fn kubeconfig_path(env: &BTreeMap<String, String>) -> String {
    env.get("KUBECONFIG")
        .and_then(|k| k.split(':').find(|s| !s.is_empty()))
        .map(String::from)
        .unwrap_or_else(|| DEFAULT_PATH.into())
}

fn set_current_context(vfs: &mut Vfs, path: &str, only_if: Option<&str>, to: &str) {
    let Some(text) = vfs.read(path) else { return };
    let Ok(mut doc) = serde_yaml::from_str::<Value>(text) else {
        return;
    };
    let current = doc["current-context"].as_str().unwrap_or("");
    if only_if.is_some_and(|c| c != current) {
        return;
    }
    doc["current-context"] = json!(to);
    vfs.write(path, &yaml::to_yaml(&doc));
}

pub fn stop(
    world: &mut World,
    vfs: &mut Vfs,
    env: &BTreeMap<String, String>,
    args: &[&str],
    out: &mut Output,
) {
    let keep = args
        .iter()
        .any(|a| *a == "--keep-context-active" || *a == "--keep-context-active=true");
    let mut stopped = 0;
    let now = world.now().0;
    for i in 0..world.kubelets.len() {
        let machine = world.kubelets[i].node.clone();
        out.out(format!("✋  Stopping node \"{machine}\"  ...\n"));
        if !world.kubelets[i].is_stopped() {
            out.out(format!("🛑  Powering off \"{machine}\" via SSH ...\n"));
            let (kubelets, api) = (&mut world.kubelets, &mut world.api);
            kubelets[i].stop(api, now);
        }
        stopped += 1;
    }
    world.stop_control_plane();
    let s = if stopped > 1 { "s" } else { "" };
    out.out(format!("🛑  {stopped} node{s} stopped.\n"));
    if !keep {
        set_current_context(vfs, &kubeconfig_path(env), Some(PROFILE), "");
    }
}

pub fn start(world: &mut World, vfs: &mut Vfs, env: &BTreeMap<String, String>, out: &mut Output) {
    out.out("😄  minikube v1.36.0 on Ubuntu 22.04 (amd64)\n");
    out.out("✨  Using the docker driver based on existing profile\n");
    out.out(format!(
        "👍  Starting \"{PROFILE}\" primary control-plane node in \"{PROFILE}\" cluster\n"
    ));
    out.out("🚜  Pulling base image v0.0.47 ...\n");
    let restarting = !world.control_plane_running();
    if restarting {
        out.out(format!(
            "🔄  Restarting existing docker container for \"{PROFILE}\" ...\n"
        ));
    } else {
        out.out(format!(
            "🏃  Updating the running docker \"{PROFILE}\" container ...\n"
        ));
    }
    out.out("🐳  Preparing Kubernetes v1.33.1 on Docker 28.1.1 ...\n");
    if restarting {
        world.advance(RESTART_MS);
        world.start_control_plane();
        let now = world.now().0;
        let (kubelets, api) = (&mut world.kubelets, &mut world.api);
        for k in kubelets.iter_mut() {
            k.start(api, now);
        }
        world.settle();
    }
    out.out("🔎  Verifying Kubernetes components...\n");
    out.out("    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5\n");
    let mut enabled = vec!["storage-provisioner", "default-storageclass"];
    if world.addons.get("metrics-server") == Some(&true) {
        out.out("    ▪ Using image registry.k8s.io/metrics-server/metrics-server:v0.7.2\n");
        enabled.insert(0, "metrics-server");
    }
    out.out(format!("🌟  Enabled addons: {}\n", enabled.join(", ")));
    set_current_context(vfs, &kubeconfig_path(env), None, PROFILE);
    out.out(format!("🏄  Done! kubectl is now configured to use \"{PROFILE}\" cluster and \"default\" namespace by default\n"));
}

/// `minikube status`: exit status 7 when stopped (status.go: host, kubelet
/// and apiserver bits all set).
pub fn status(world: &World, out: &mut Output) {
    let running = world.control_plane_running();
    for (i, k) in world.kubelets.iter().enumerate() {
        if i > 0 {
            out.out("\n");
        }
        let up = if k.is_stopped() { "Stopped" } else { "Running" };
        out.out(format!("{}\n", k.node));
        if i == 0 {
            let api = if running { "Running" } else { "Stopped" };
            let config = if running { "Configured" } else { "Stopped" };
            out.out(format!("type: Control Plane\nhost: {up}\nkubelet: {up}\napiserver: {api}\nkubeconfig: {config}\n"));
        } else {
            out.out(format!("type: Worker\nhost: {up}\nkubelet: {up}\n"));
        }
    }
    if !running {
        out.status = 7;
    }
    out.out("\n");
}
