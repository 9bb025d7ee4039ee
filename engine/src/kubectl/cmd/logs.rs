//! `kubectl logs`: a container's log, read through the API server's
//! `pods/log` subresource.

use super::logs_window;
use super::pod_for_object::{self, Order};
use crate::api::meta;
use crate::api::Status;
use crate::apiserver::ListOptions;
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

const USAGE: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

fn usage(msg: &str) -> CmdError {
    CmdError::Usage {
        msg: msg.into(),
        command: "kubectl logs".into(),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mut window = logs_window::Window::from_flags(p)?;
    let selector = p
        .str("selector")
        .filter(|s| !s.is_empty())
        .map(String::from);
    // `logs POD [CONTAINER]`, or `-l SELECTOR` alone (Complete's cases).
    let inline = match (p.args.len(), &selector) {
        (0, None) => return Err(usage(USAGE)),
        (1, Some(_)) => return Err(usage("only a selector (-l) or a POD name is allowed")),
        (0 | 1, _) => None,
        (2, _) => Some(p.args[1].clone()),
        _ => return Err(usage(USAGE)),
    };
    let ns = env.namespace(p);
    let r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| CmdError::Plain("pods are not served".into()))?;
    let pods: Vec<Value> = match (&selector, p.args.first()) {
        (Some(sel), _) => {
            // A selector reads the last 10 lines of each unless --tail says.
            if !p.has("tail") {
                window.set_tail(10);
            }
            let opts = ListOptions {
                label_selector: Some(sel.clone()),
                ..Default::default()
            };
            let found = env.world.api.list(&r, Some(&ns), &opts)?;
            if found.is_empty() {
                env.eprint(format!("No resources found in {ns} namespace.\n"));
                return Ok(());
            }
            found
        }
        (None, Some(target)) => vec![named_pod(env, p, &r, &ns, target)?],
        (None, None) => return Err(usage(USAGE)),
    };
    // Validate, after the pods were found (as kubectl's order has it).
    let flag_container = p.str("container").filter(|c| !c.is_empty());
    let wanted = inline.as_deref().or(flag_container).map(String::from);
    let all_containers = p.bool("all-containers");
    if let (true, Some(c)) = (all_containers, &wanted) {
        return Err(CmdError::Plain(format!(
            "--all-containers=true should not be specified with container name {c}"
        )));
    }
    if inline.is_some() && p.has("container") {
        return Err(CmdError::Plain(
            "only one of -c or an inline [CONTAINER] arg is allowed".into(),
        ));
    }
    let prefix = p.bool("prefix") || p.bool("all-pods");
    let mut sources = vec![];
    for pod in &pods {
        let containers = if all_containers {
            all_container_names(pod)
        } else {
            vec![chosen_container(env, pod, wanted.as_deref())?]
        };
        for c in containers {
            let label = prefix.then(|| format!("[pod/{}/{c}] ", meta::name(pod)));
            sources.push((pod, c, label));
        }
    }
    let follow = p.bool("follow") && !p.bool("previous");
    let most = p.int("max-log-requests").unwrap_or(5);
    if follow && sources.len() as i64 > most {
        return Err(CmdError::Plain(format!(
            "you are attempting to follow {} log streams, but maximum allowed concurrency is {most}, use --max-log-requests to increase the limit",
            sources.len()
        )));
    }
    let previous = p.bool("previous");
    let now = env.world.now().0;
    let mut printed = 0;
    let mut followed = vec![];
    for (pod, container, label) in sources {
        let name = meta::name(pod).to_string();
        if !previous {
            if let Some(reason) = crate::apiserver::pod_status::waiting_reason(pod, &container) {
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
        let text = logs_window::prefixed(&window.render(lines, now), label.as_deref());
        printed += text.len();
        env.print(text);
        followed.push(logs_window::Source::new(&ns, &name, &container, label));
    }
    if follow {
        let timeout = p
            .str("request-timeout")
            .and_then(crate::go_duration::parse_timeout_ms)
            .filter(|ms| *ms > 0);
        let f = logs_window::Follow::new(followed, window, printed);
        return logs_window::follow(env, f, timeout);
    }
    Ok(())
}

/// `logs POD` or `logs TYPE/NAME`: the one pod.
fn named_pod(
    env: &mut Env,
    p: &Parsed,
    r: &crate::api::ApiResource,
    ns: &str,
    target: &str,
) -> Result<Value, CmdError> {
    let name = match target.split_once('/') {
        Some((t, n)) if !matches!(t.to_lowercase().as_str(), "pod" | "pods" | "po") => {
            pod_of_object(env, p, ns, t, n)?
        }
        Some((_, n)) => n.to_string(),
        None => target.to_string(),
    };
    // kubectl v1.33 words a missing pod this way (its log request's error).
    env.world.api.get(r, ns, &name).map_err(|s| match s.code {
        404 => CmdError::Plain(format!(
            "error from server (NotFound): pods \"{name}\" not found in namespace \"{ns}\""
        )),
        _ => s.into(),
    })
}

fn names_at(pod: &Value, field: &str) -> Vec<String> {
    meta::at(pod, &["spec", field])
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `--all-containers`: init containers, then containers, then ephemeral ones.
fn all_container_names(pod: &Value) -> Vec<String> {
    ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|f| names_at(pod, f))
        .collect()
}

/// The container `-c` (or the inline name) names, checked; else the
/// default one (with kubectl's "Defaulted container" note).
fn chosen_container(env: &mut Env, pod: &Value, wanted: Option<&str>) -> Result<String, CmdError> {
    match wanted {
        Some(c) => {
            // `-c` may also name an init container (they have logs too).
            let known = names_at(pod, "containers")
                .iter()
                .chain(&names_at(pod, "initContainers"))
                .any(|n| n == c);
            if !known && super::attach::container_spec(pod, c).is_none() {
                // kubectl checks the name itself, before any log request.
                return Err(CmdError::Plain(format!(
                    "container {c} is not valid for pod {}",
                    meta::name(pod)
                )));
            }
            Ok(c.to_string())
        }
        None => super::attach::pick_container(env, pod, None, false).map_err(CmdError::Plain),
    }
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
