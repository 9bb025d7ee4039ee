//! `kubectl drain NODE`: cordon it, then evict its pods, refusing (unless
//! told otherwise) DaemonSet pods, pods with emptyDir data and pods no
//! controller would bring back; mirror pods are left alone. Evictions run in
//! virtual time until the pods are gone.

use super::create::{dry_run, DryRun};
use crate::api::meta;
use crate::apiserver::ListOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::Value;

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "drain",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Drain node in preparation for maintenance",
    flags: &[
        f(
            "chunk-size",
            FlagKind::Int,
            "500",
            "List in chunks of this size.",
        ),
        f(
            "delete-emptydir-data",
            FlagKind::Bool,
            "false",
            "Also evict pods using emptyDir (their data is lost).",
        ),
        f(
            "disable-eviction",
            FlagKind::Bool,
            "false",
            "Delete pods instead of evicting them.",
        ),
        f(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        f(
            "force",
            FlagKind::Bool,
            "false",
            "Also delete pods no controller manages.",
        ),
        f(
            "grace-period",
            FlagKind::Int,
            "-1",
            "Seconds each pod gets to terminate (-1: the pod's own).",
        ),
        f(
            "ignore-daemonsets",
            FlagKind::Bool,
            "false",
            "Leave DaemonSet-managed pods alone.",
        ),
        f(
            "pod-selector",
            FlagKind::String,
            "",
            "Only pods matching this label selector.",
        ),
        f(
            "selector",
            FlagKind::String,
            "",
            "Nodes matching this label selector.",
        )
        .short('l'),
        f(
            "skip-wait-for-delete-timeout",
            FlagKind::Int,
            "0",
            "Skip pods deleted longer ago than this.",
        ),
        f(
            "timeout",
            FlagKind::Duration,
            "0s",
            "How long to wait before giving up (0: forever).",
        ),
    ],
    run,
};

const DAEMONSET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING: &str = "ignoring DaemonSet-managed Pods";
const LOCAL_FATAL: &str = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_WARNING: &str = "deleting Pods with local storage";
// The real message repeats "cannot delete" once its error wraps it.
const UNMANAGED_FATAL: &str =
    "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING: &str = "deleting Pods that declare no controller";

enum Verdict {
    Delete,
    Skip,
    Warn(bool, &'static str),
    Fatal(&'static str),
}

/// kubectl's pod filters, in their order; the first that does not say Okay decides.
fn verdict(p: &Parsed, pod: &Value) -> Verdict {
    let phase = pod
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("");
    let finished = phase == "Succeeded" || phase == "Failed";
    let controller = pod
        .pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|o| o["controller"] == true);
    let mut warnings: Vec<(bool, &'static str)> = vec![];
    if let Some(c) = controller {
        if c["kind"] == "DaemonSet" && c["apiVersion"] == "apps/v1" && !finished {
            if !p.bool("ignore-daemonsets") {
                return Verdict::Fatal(DAEMONSET_FATAL);
            }
            return Verdict::Warn(false, DAEMONSET_WARNING);
        }
    }
    if pod
        .pointer("/metadata/annotations/kubernetes.io~1config.mirror")
        .is_some()
    {
        return Verdict::Skip;
    }
    let empty_dir = pod
        .pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|v| v.get("emptyDir").is_some());
    if empty_dir && !finished {
        if !p.bool("delete-emptydir-data") {
            return Verdict::Fatal(LOCAL_FATAL);
        }
        warnings.push((true, LOCAL_WARNING));
    }
    if controller.is_none() && !finished {
        if !p.bool("force") {
            return Verdict::Fatal(UNMANAGED_FATAL);
        }
        warnings.push((true, UNMANAGED_WARNING));
    }
    match warnings.last() {
        Some((d, m)) => Verdict::Warn(*d, m),
        None => Verdict::Delete,
    }
}

/// Messages with the pods they name, in first-seen order.
fn grouped(items: &[(&'static str, String)]) -> Vec<(&'static str, Vec<String>)> {
    let mut out: Vec<(&'static str, Vec<String>)> = vec![];
    for (m, pod) in items {
        match out.iter_mut().find(|(k, _)| k == m) {
            Some((_, v)) => v.push(pod.clone()),
            None => out.push((m, vec![pod.clone()])),
        }
    }
    out
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let d = dry_run(p)?;
    if !p.args.is_empty() && p.str("selector").is_some_and(|s| !s.is_empty()) {
        return Err(CmdError::Usage {
            msg: "error: cannot specify both a node name and a --selector option".into(),
            command: "kubectl drain".into(),
        });
    }
    let nodes = super::cordon::nodes(env, p, "drain NODE")?;
    // Cordon first, printing as cordon does.
    let node_r = env
        .world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .expect("nodes are served");
    for n in &nodes {
        let name = meta::name(n);
        if n.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
            env.print(format!("node/{name} already cordoned\n"));
            continue;
        }
        if d == DryRun::None {
            let patch = serde_json::json!({"spec": {"unschedulable": true}});
            env.world.api.patch(
                &node_r,
                "",
                name,
                crate::apiserver::PatchType::Strategic,
                &patch,
            )?;
        }
        let suffix = if d == DryRun::Client {
            " (dry run)"
        } else if d == DryRun::Server {
            " (server dry run)"
        } else {
            ""
        };
        env.print(format!("node/{name} cordoned{suffix}\n"));
    }
    let pods_r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .expect("pods are served");
    // Each node's failure: the pod filters' errors (an aggregate) or one error.
    let mut fatal: Vec<Result<Vec<String>, String>> = vec![];
    let mut remaining: Vec<String> = vec![];
    for n in &nodes {
        let node = meta::name(n).to_string();
        let opts = ListOptions {
            label_selector: p
                .str("pod-selector")
                .filter(|s| !s.is_empty())
                .map(String::from),
            field_selector: Some(format!("spec.nodeName={node}")),
        };
        let pods = env.world.api.list(&pods_r, None, &opts)?;
        let mut to_delete: Vec<(String, String)> = vec![];
        let mut warns: Vec<(&'static str, String)> = vec![];
        let mut errors: Vec<(&'static str, String)> = vec![];
        for pod in &pods {
            let id = format!("{}/{}", meta::namespace(pod), meta::name(pod));
            match verdict(p, pod) {
                Verdict::Delete => {
                    to_delete.push((meta::namespace(pod).into(), meta::name(pod).into()))
                }
                Verdict::Skip => {}
                Verdict::Warn(delete, m) => {
                    warns.push((m, id));
                    if delete {
                        to_delete.push((meta::namespace(pod).into(), meta::name(pod).into()));
                    }
                }
                Verdict::Fatal(m) => errors.push((m, id)),
            }
        }
        if !errors.is_empty() {
            let errs: Vec<String> = grouped(&errors)
                .into_iter()
                .map(|(m, pods)| format!("cannot delete {m}: {}", pods.join(", ")))
                .collect();
            let text = aggregate_text(&errs);
            env.eprint(format!(
                "error: unable to drain node \"{node}\" due to error: {text}, continuing command...\n"
            ));
            fatal.push(Ok(errs));
            remaining.push(node);
            continue;
        }
        if !warns.is_empty() {
            let msgs: Vec<String> = grouped(&warns)
                .into_iter()
                .map(|(m, pods)| format!("{m}: {}", pods.join(", ")))
                .collect();
            env.eprint(format!("Warning: {}\n", msgs.join("; ")));
        }
        if d == DryRun::Client {
            for (ns, name) in &to_delete {
                env.print(format!("evicting pod {ns}/{name} (dry run)\n"));
            }
            env.print(format!("node/{node} drained (dry run)\n"));
            continue;
        }
        if let Err(e) = super::drain_evict::remove_pods(env, p, d == DryRun::Server, &to_delete) {
            let left: Vec<String> = to_delete
                .iter()
                .filter(|(ns, name)| {
                    env.world.api.get(&pods_r, ns, name).is_ok_and(|o| {
                        o.pointer("/spec/nodeName").and_then(Value::as_str) == Some(node.as_str())
                    })
                })
                .map(|(_, name)| format!("pod/{name}\n"))
                .collect();
            if !left.is_empty() {
                env.eprint(format!(
                    "There are pending pods in node \"{node}\" when an error occurred: {e}\n{}",
                    left.concat()
                ));
            }
            env.eprint(format!(
                "error: unable to drain node \"{node}\" due to error: {e}, continuing command...\n"
            ));
            fatal.push(Err(e));
            remaining.push(node);
            continue;
        }
        if d == DryRun::Server {
            env.print(format!("node/{node} drained (server dry run)\n"));
        } else {
            env.print(format!("node/{node} drained\n"));
        }
    }
    if !remaining.is_empty() {
        env.eprint("There are pending nodes to be drained:\n");
        for n in &remaining {
            env.eprint(format!(" {n}\n"));
        }
        return Err(fatal_error(&fatal));
    }
    Ok(())
}

/// kubectl's CheckErr on the aggregate of the nodes' failures: an aggregate
/// of one is unwrapped once; an aggregate prints one error per line with no
/// `error:` prefix; a single plain error gets the prefix.
fn fatal_error(fatal: &[Result<Vec<String>, String>]) -> CmdError {
    let lines: Vec<String> = match fatal {
        [Ok(errs)] => errs.clone(),
        [Err(e)] => return CmdError::Plain(e.clone()),
        many => many
            .iter()
            .map(|f| match f {
                Ok(errs) => aggregate_text(errs),
                Err(e) => e.clone(),
            })
            .collect(),
    };
    CmdError::Raw(lines.iter().map(|l| format!("{l}\n")).collect())
}

/// An aggregate error's text: its one error, or all in brackets.
fn aggregate_text(errs: &[String]) -> String {
    match errs {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}
