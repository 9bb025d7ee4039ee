//! `kubectl logs`: a container's log, read through the API server's
//! `pods/log` subresource.

use crate::api::meta;
use crate::api::Status;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "logs",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Print what a container wrote to stdout and stderr",
    flags: &[
        Flag::new(
            "container",
            FlagKind::String,
            "",
            "The container to read; the pod's first by default.",
        )
        .short('c'),
        Flag::new(
            "follow",
            FlagKind::Bool,
            "false",
            "Keep printing new lines.",
        )
        .short('f'),
        Flag::new(
            "previous",
            FlagKind::Bool,
            "false",
            "The log of the container's previous run.",
        )
        .short('p'),
        Flag::new("tail", FlagKind::Int, "-1", "Only the last N lines."),
        Flag::new(
            "timestamps",
            FlagKind::Bool,
            "false",
            "Prefix lines with their time.",
        ),
        Flag::new(
            "since",
            FlagKind::String,
            "0s",
            "Only lines newer than this duration.",
        ),
        Flag::new(
            "all-containers",
            FlagKind::Bool,
            "false",
            "Every container of the pod.",
        ),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Pods matching a label selector.",
        )
        .short('l'),
        Flag::new(
            "prefix",
            FlagKind::Bool,
            "false",
            "Prefix lines with the pod and container name.",
        ),
        Flag::new(
            "limit-bytes",
            FlagKind::Int,
            "0",
            "At most this many bytes.",
        ),
        Flag::new(
            "max-log-requests",
            FlagKind::Int,
            "5",
            "Concurrent log streams with a selector.",
        ),
        Flag::new(
            "ignore-errors",
            FlagKind::Bool,
            "false",
            "Keep going when a stream fails.",
        ),
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let Some(target) = p.args.first() else {
        return Err(CmdError::Usage {
            msg: "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command".into(),
            command: "kubectl logs".into(),
        });
    };
    let name = match target.split_once('/') {
        Some((t, n)) if matches!(t.to_lowercase().as_str(), "pod" | "pods" | "po") => n.to_string(),
        Some((t, _)) => {
            return Err(CmdError::Plain(format!(
                "cannot get the logs from {t}: selecting pods of other kinds is not simulated yet"
            )))
        }
        None => target.clone(),
    };
    let ns = env.namespace(p);
    let r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| CmdError::Plain("pods are not served".into()))?;
    let pod = env.world.api.get(&r, &ns, &name)?;
    let names: Vec<String> = meta::at(&pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    // `-c` may also name an init container (they have logs too).
    let init_names: Vec<String> = meta::at(&pod, &["spec", "initContainers"])
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let container = match p.str("container").filter(|c| !c.is_empty()) {
        Some(c) => {
            if !names.iter().chain(&init_names).any(|n| n == c) {
                return Err(Status::bad_request(format!(
                    "container {c} is not valid for pod {name}"
                ))
                .into());
            }
            c.to_string()
        }
        None => {
            let first = names.first().cloned().unwrap_or_default();
            if names.len() > 1 {
                env.eprint(format!(
                    "Defaulted container \"{first}\" out of: {}\n",
                    names.join(", ")
                ));
            }
            first
        }
    };
    let previous = p.bool("previous");
    if !previous {
        if let Some(reason) = crate::apiserver::pod_status::waiting_reason(&pod, &container) {
            return Err(Status::bad_request(format!(
                "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
            ))
            .into());
        }
    }
    let log = env.world.api.pod_log(&ns, &name, &container, previous)?;
    let tail = p.int("tail").unwrap_or(-1);
    let text = if tail >= 0 {
        let lines: Vec<&str> = log.lines().collect();
        let start = lines.len().saturating_sub(tail as usize);
        lines[start..].iter().map(|l| format!("{l}\n")).collect()
    } else {
        log
    };
    env.print(text);
    Ok(())
}
