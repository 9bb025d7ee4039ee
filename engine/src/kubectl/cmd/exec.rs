//! `kubectl exec POD [-c C] -- COMMAND [args...]`: runs a command in a
//! container through the world's `pods/exec`, prints its output and exits
//! with its status (`command terminated with exit code N`).

use super::exec_stream::ExecFollow;
use crate::api::meta;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "exec",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Execute a command in a container",
    flags: &[
        Flag::new(
            "container",
            FlagKind::String,
            "",
            "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
        )
        .short('c'),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "to use to exec into the resource",
        )
        .short('f'),
        Flag::new(
            "pod-running-timeout",
            FlagKind::Duration,
            "1m0s",
            "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
        ),
        Flag::new(
            "quiet",
            FlagKind::Bool,
            "false",
            "Only print output from the remote session",
        )
        .short('q'),
        Flag::new("stdin", FlagKind::Bool, "false", "Pass stdin to the container").short('i'),
        Flag::new("tty", FlagKind::Bool, "false", "Stdin is a TTY").short('t'),
    ],
    run,
};

fn usage(msg: &str) -> CmdError {
    CmdError::Usage {
        msg: msg.into(),
        command: "kubectl exec".into(),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let (target, argv) = match p.dash_index {
        Some(0) => (None, p.args.clone()),
        Some(1) => (p.args.first().cloned(), p.args[1..].to_vec()),
        Some(_) => return Err(usage(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        )),
        None if p.args.len() > 1 => return Err(usage(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        )),
        None => (p.args.first().cloned(), vec![]),
    };
    let Some(target) = target else {
        return Err(CmdError::Plain(
            "pod, type/name or --filename must be specified".into(),
        ));
    };
    if argv.is_empty() {
        return Err(CmdError::Plain(
            "you must specify at least one command for the container".into(),
        ));
    }
    let ns = env.namespace(p);
    // POD, or TYPE/NAME: a workload's or Service's most active pod, as
    // attach picks it (attachablePodForObject).
    let (kind, name) = match target.split_once('/') {
        Some((t, n)) => (t.to_string(), n.to_string()),
        None => ("pods".to_string(), target),
    };
    let timeout = p.str("pod-running-timeout").unwrap_or("1m0s").to_string();
    let pod = super::attach::find_pod(env, &ns, &kind, &name, &timeout)?;
    let name = meta::name(&pod).to_string();
    let phase = meta::str_at(&pod, &["status", "phase"]).unwrap_or("");
    if matches!(phase, "Succeeded" | "Failed") {
        return Err(CmdError::Plain(format!(
            "cannot exec into a container in a completed pod; current phase is {phase}"
        )));
    }
    let names: Vec<String> = meta::at(&pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let container = match p.str("container").filter(|c| !c.is_empty()) {
        Some(c) => {
            // The API server's check (kubectl leaves it to the server):
            // any container, init or ephemeral, of the pod.
            let known = ["containers", "initContainers", "ephemeralContainers"]
                .iter()
                .filter_map(|f| pod["spec"][f].as_array())
                .flatten()
                .any(|x| x["name"] == c);
            if !known {
                return Err(CmdError::Api(crate::api::Status::bad_request(format!(
                    "container {c} is not valid for pod {name}"
                ))));
            }
            c.to_string()
        }
        None => {
            let annotated = meta::str_at(
                &pod,
                &[
                    "metadata",
                    "annotations",
                    "kubectl.kubernetes.io/default-container",
                ],
            )
            .filter(|a| names.iter().any(|n| n == a));
            match annotated {
                Some(a) => a.to_string(),
                None => super::attach::pick_container(env, &pod, None, p.bool("quiet"))
                    .map_err(CmdError::Plain)?,
            }
        }
    };
    let stdin = if p.bool("stdin") {
        env.stdin.read().to_string()
    } else {
        String::new()
    };
    // The API server dials the kubelet of the pod's node for the stream.
    let node = meta::str_at(&pod, &["spec", "nodeName"]).unwrap_or("");
    if let Some(ip) = env.world.api.unreachable_kubelets.get(node) {
        return Err(CmdError::Raw(format!(
            "Error from server: error dialing backend: dial tcp {ip}:10250: connect: no route to host\n"
        )));
    }
    // SetupTTY: a TTY needs -i, and a terminal to read from; -t alone is
    // dropped silently, -it with piped input with a warning.
    let mut tty = p.bool("tty") && p.bool("stdin");
    if tty && !env.stdin_tty {
        if !p.bool("quiet") {
            env.eprint("Unable to use a TTY - input is not a terminal or the right kind of file\n");
        }
        tty = false;
    }
    let place = env.world.exec_place(&ns, &name, &container);
    let result = env
        .world
        .exec_with_tty(&ns, &name, &container, &argv, &stdin, tty)
        .map_err(CmdError::Plain)?;
    // kubectl copies the two streams as they arrive: a terminal shows them
    // in the order the command wrote them (with a TTY both are stdout).
    let start = env.world.now().0;
    // A command that takes time prints as it passes. A terminal that
    // cannot keep it running (the native REPL) gets it all at once, as
    // before, rather than what the first instant printed.
    let follows = env.deadline.is_some() || !env.interactive || env.can_stream;
    if let Some(place) = place.filter(|_| follows && ExecFollow::takes_time(&result, start)) {
        let f = ExecFollow::new(&ns, place, &argv, &stdin, tty, start, result);
        return super::exec_stream::follow(env, f);
    }
    for (stderr, text) in result.chunks {
        if stderr && !tty {
            env.eprint(text);
        } else {
            env.print(text);
        }
    }
    if result.exit_code != 0 {
        return Err(CmdError::Exit {
            text: format!("command terminated with exit code {}\n", result.exit_code),
            code: result.exit_code,
        });
    }
    Ok(())
}
