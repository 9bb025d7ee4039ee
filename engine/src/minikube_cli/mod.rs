//! The `minikube` program on the minikube preset's host: `minikube addons
//! enable|disable|list`, `minikube ip` and `minikube node ...` (node.rs), with minikube v1.36.0's texts (emoji included, as
//! on a terminal). Enabling an addon applies its manifests as minikube does
//! (`kubectl apply` as the cluster admin); disabling deletes them. Only
//! metrics-server has manifests here; the other addons only change state.

mod addons_list;
mod lifecycle;
mod node;

use crate::kubectl;
use crate::world::World;
use kubeplay_shell::{Output, Stdin, Vfs};
use std::collections::BTreeMap;

const PROFILE: &str = "minikube";
const METRICS_SERVER_YAML: &str = include_str!("metrics-server.yaml");
/// The image line minikube prints (its digest cut off).
const METRICS_SERVER_IMAGE: &str = "registry.k8s.io/metrics-server/metrics-server:v0.7.2";

/// `exit.Message`: an empty line, the failure, an empty line; exit code.
fn exit_message(out: &mut Output, id: &str, message: &str, code: i32) {
    out.out("\n");
    out.err(format!("❌  Exiting due to {id}: {message}\n"));
    out.out("\n");
    out.status = code;
}

/// `minikube ip [-n NODE]`: the node container's address on the docker
/// network (the control plane's by default).
fn ip(world: &World, node: &str, out: &mut Output) {
    match world.kubelets.iter().find(|k| k.node == node) {
        Some(k) => out.out(format!("{}\n", k.node_ip)),
        None => {
            out.err(format!(
                "kubeplay: minikube has no node {node:?} (see `minikube node list`)\n"
            ));
            out.status = 1;
        }
    }
}

/// Whether an addon is on: what was set, else its default.
fn is_enabled(world: &World, name: &str, default: bool) -> bool {
    world.addons.get(name).copied().unwrap_or(default)
}

pub fn run(
    world: &mut World,
    vfs: &mut Vfs,
    env: &BTreeMap<String, String>,
    args: &[String],
) -> Output {
    let mut out = Output::default();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["stop", flags @ ..] => lifecycle::stop(world, vfs, env, flags, &mut out),
        ["start", ..] => lifecycle::start(world, vfs, env, &mut out),
        ["status", ..] => lifecycle::status(world, &mut out),
        ["addons", "list"] => {
            let table = addons_list::render(PROFILE, |n, d| is_enabled(world, n, d));
            out.out(table);
        }
        ["addons", "enable", addon] => enable(world, addon, &mut out),
        ["addons", "disable", addon] => disable(world, addon, &mut out),
        ["addons", "enable", ..] => exit_message(
            &mut out,
            "MK_USAGE",
            "usage: minikube addons enable ADDON_NAME",
            14,
        ),
        ["addons", "disable", ..] => exit_message(
            &mut out,
            "MK_USAGE",
            "usage: minikube addons disable ADDON_NAME",
            14,
        ),
        ["addons", "list", ..] => {
            exit_message(&mut out, "MK_USAGE", "usage: minikube addons list", 14)
        }
        ["node", rest @ ..] => node::run(world, rest, &mut out),
        ["ip"] => ip(world, PROFILE, &mut out),
        ["ip", "-n" | "--node", node] => ip(world, node, &mut out),
        ["ip", flag] if flag.starts_with("--node=") => {
            ip(world, &flag["--node=".len()..], &mut out)
        }
        _ => {
            out.err("kubeplay: this minikube knows only `minikube start|stop|status|ip`, `minikube addons enable|disable|list` and `minikube node add|start|stop|delete|list`\n");
            out.status = 1;
        }
    }
    out
}

fn maintainer(addon: &str) -> Option<&'static str> {
    addons_list::ADDONS
        .iter()
        .find(|(n, _, _)| *n == addon)
        .map(|(_, m, _)| *m)
}

/// The 3rd-party addons' `VerifiedMaintainer`s.
fn verified_maintainer(addon: &str) -> Option<&'static str> {
    match addon {
        "inspektor-gadget" => Some("https://github.com/orgs/inspektor-gadget/people"),
        "kong" => Some("@gAmUssA"),
        "volcano" => Some("hwdef"),
        "headlamp" => Some("yolossn"),
        "yakd" => Some("manusa"),
        _ => None,
    }
}

fn enable(world: &mut World, addon: &str, out: &mut Output) {
    let Some(maintainer) = maintainer(addon) else {
        exit_message(
            out,
            "MK_ADDON_ENABLE",
            &format!("enable failed: run callbacks: {addon} is not a valid addon"),
            10,
        );
        return;
    };
    if matches!(maintainer, "Google" | "Kubernetes" | "minikube") {
        out.out(format!("💡  {addon} is an addon maintained by {maintainer}. For any concerns contact minikube on GitHub.\nYou can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n"));
    } else {
        out.out(format!("❗  {addon} is a 3rd party addon and is not maintained or verified by minikube maintainers, enable at your own risk.\n"));
        match verified_maintainer(addon) {
            Some(v) => out.out(format!("💡  {addon} is maintained by {maintainer} for any concerns contact {v} on GitHub.\n")),
            None => out.out(format!(
                "❗  {addon} does not currently have an associated maintainer.\n"
            )),
        }
    }
    if addon == "metrics-server" {
        out.out(format!("    ▪ Using image {METRICS_SERVER_IMAGE}\n"));
        admin_kubectl(world, &["apply", "-f", "-"], METRICS_SERVER_YAML);
    }
    world.addons.insert(addon.to_string(), true);
    out.out(format!("🌟  The '{addon}' addon is enabled\n"));
}

fn disable(world: &mut World, addon: &str, out: &mut Output) {
    let Some(_) = maintainer(addon) else {
        exit_message(
            out,
            "SVC_ADDON_UNSUPPORTED",
            &format!("\"'{addon}' is not a valid minikube addon"),
            116,
        );
        return;
    };
    let default = addons_list::ADDONS
        .iter()
        .any(|(n, _, d)| *n == addon && *d);
    if is_enabled(world, addon, default) {
        if addon == "metrics-server" {
            admin_kubectl(
                world,
                &["delete", "--ignore-not-found", "-f", "-"],
                METRICS_SERVER_YAML,
            );
        }
        world.addons.insert(addon.to_string(), false);
    }
    // minikube's format string really starts with a quote.
    out.out(format!("🌑  \"The '{addon}' addon is disabled\n"));
}

/// minikube's own kubectl on the node, as the cluster admin whatever the
/// learner's kubeconfig says; its output is not shown.
fn admin_kubectl(world: &mut World, args: &[&str], stdin: &str) {
    let mut vfs = Vfs::default();
    let config = kubectl::kubeconfig::minikube(&kubectl::kubeconfig::rfc1123(world.now()));
    vfs.write(kubectl::kubeconfig::DEFAULT_PATH, &config);
    let env = BTreeMap::new();
    let stdin = Stdin::new(stdin);
    let mut e = kubectl::Env::scripted(world, &mut vfs, &env, "/root", &stdin);
    let argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    kubectl::run(&argv, &mut e);
}
