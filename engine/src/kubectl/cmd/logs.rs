//! `kubectl logs`: a container's log, read through the API server's
//! `pods/log` subresource.

use super::logs_window;
use super::pod_for_object::{self, Order};
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
        Flag::new("all-containers", FlagKind::Bool, "false", "Get all containers' logs in the pod(s)."),
        Flag::new("all-pods", FlagKind::Bool, "false", "Get logs from all pod(s). Sets prefix to true."),
        Flag::new("container", FlagKind::String, "", "Print the logs of this container").short('c'),
        Flag::new("follow", FlagKind::Bool, "false", "Specify if the logs should be streamed.").short('f'),
        Flag::new("ignore-errors", FlagKind::Bool, "false", "If watching / following pod logs, allow for any errors that occur to be non-fatal"),
        Flag::new("insecure-skip-tls-verify-backend", FlagKind::Bool, "false", "Skip verifying the identity of the kubelet that logs are requested from."),
        Flag::new("limit-bytes", FlagKind::Int, "0", "Maximum bytes of logs to return. Defaults to no limit."),
        Flag::new("max-log-requests", FlagKind::Int, "5", "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5."),
        Flag::new("pod-running-timeout", FlagKind::Duration, "20s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
        Flag::new("prefix", FlagKind::Bool, "false", "Prefix each log line with the log source (pod name and container name)"),
        Flag::new("previous", FlagKind::Bool, "false", "If true, print the logs for the previous instance of the container in a pod if it exists.").short('p'),
        Flag::new("selector", FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.").short('l'),
        Flag::new("since", FlagKind::Duration, "0s", "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
        Flag::new("since-time", FlagKind::String, "", "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used."),
        Flag::new("tail", FlagKind::Int, "-1", "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided."),
        Flag::new("timestamps", FlagKind::Bool, "false", "Include timestamps on each line in the log output"),
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let window = logs_window::Window::from_flags(p)?;
    let Some(target) = p.args.first() else {
        return Err(CmdError::Usage {
            msg: "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command".into(),
            command: "kubectl logs".into(),
        });
    };
    let ns = env.namespace(p);
    let name = match target.split_once('/') {
        Some((t, n)) if !matches!(t.to_lowercase().as_str(), "pod" | "pods" | "po") => {
            pod_of_object(env, p, &ns, t, n)?
        }
        Some((_, n)) => n.to_string(),
        None => target.clone(),
    };
    let r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| CmdError::Plain("pods are not served".into()))?;
    // kubectl v1.33 words a missing pod this way (its log request's error).
    let pod = env
        .world
        .api
        .get(&r, &ns, &name)
        .map_err(|s| match s.code {
            404 => CmdError::Plain(format!(
                "error from server (NotFound): pods \"{name}\" not found in namespace \"{ns}\""
            )),
            _ => s.into(),
        })?;
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
            if !names.iter().chain(&init_names).any(|n| n == c)
                && super::attach::container_spec(&pod, c).is_none()
            {
                // kubectl checks the name itself, before any log request.
                return Err(CmdError::Plain(format!(
                    "container {c} is not valid for pod {name}"
                )));
            }
            c.to_string()
        }
        None => super::attach::pick_container(env, &pod, None, false).map_err(CmdError::Plain)?,
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
    let lines = env
        .world
        .api
        .pod_log_lines(&ns, &name, &container, previous)?;
    let now = env.world.now().0;
    let text = window.render(lines, now);
    env.print(text.clone());
    if p.bool("follow") && !previous {
        let follow = logs_window::Follow::new(&ns, &name, &container, window, text.len());
        logs_window::follow(env, follow);
    }
    Ok(())
}

/// `logs TYPE/NAME`: the pod kubectl reads for a workload or Service
/// (`LogsForObject`), saying which when there are several.
fn pod_of_object(
    env: &mut Env,
    p: &Parsed,
    ns: &str,
    kind: &str,
    name: &str,
) -> Result<String, CmdError> {
    let r = env
        .world
        .api
        .registry()
        .resolve(kind)
        .cloned()
        .ok_or_else(|| {
            CmdError::Plain(format!(
                "the server doesn't have a resource type \"{kind}\""
            ))
        })?;
    // kubectl v1.33 words a missing object as it words a missing pod.
    let obj = env.world.api.get(&r, ns, name).map_err(|s| match s.code {
        404 => {
            let resource = if r.group.is_empty() {
                r.name.clone()
            } else {
                format!("{}.{}", r.name, r.group)
            };
            CmdError::Plain(format!(
                "error from server (NotFound): {resource} \"{name}\" not found in namespace \"{ns}\""
            ))
        }
        _ => s.into(),
    })?;
    let selector = pod_for_object::selector_for(&obj).map_err(|e| {
        CmdError::Plain(format!(
            "cannot get the logs from {}: {e}",
            pod_for_object::go_type(&obj)
        ))
    })?;
    let timeout = crate::kubectl::duration_ms(p.str("pod-running-timeout").unwrap_or("20s"))
        .unwrap_or(20_000);
    let (pod, n) = pod_for_object::first_pod(env, ns, &selector, timeout, Order::Logging)?;
    let pod_name = meta::name(&pod).to_string();
    if n > 1 {
        env.eprint(format!("Found {n} pods, using pod/{pod_name}\n"));
    }
    Ok(pod_name)
}
