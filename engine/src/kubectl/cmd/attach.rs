//! `kubectl attach (POD | TYPE/NAME) [-c C] [-i] [-t]`, and the attached
//! terminal that `run -it` and `debug -it` open too: while it lasts, each
//! line typed goes to the container's shell (the host routes it through
//! `Session::feed`), and `exit` ends the shell and so the container.

use super::pod_for_object;
use crate::api::meta;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env, Stream};
use crate::world::World;
use kubeplay_shell::Output;
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "attach",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Attach to a running container",
    flags: &[
        Flag::new(
            "container",
            FlagKind::String,
            "",
            "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
        )
        .short('c'),
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

/// How long an attach without stdin, in a script, waits for the container
/// to end (kubectl itself waits as long as it runs; `kubeplay serve` moves
/// a stopped clock on by as much).
pub const WAIT_MS: i64 = 60_000;

/// What kubectl prints before it joins the container's streams.
pub const PROMPT_HINT: &str = "If you don't see a command prompt, try pressing enter.\n";

/// An attached terminal, kept by the host between command lines.
#[derive(Clone, Debug)]
pub struct Session {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    /// `kubectl attach` (what the reattach hint tells to run).
    pub command_name: String,
    /// The hint after the session: the pod restarts its containers.
    pub reattach_hint: Option<String>,
    /// `run --rm`: the pod is deleted when the session ends.
    pub remove: bool,
    /// `run` with restartPolicy Never/OnFailure reports the exit code.
    pub wait_exit: bool,
    prompt: String,
    ended: bool,
    /// Without a terminal, the shell's stderr stays apart from its stdout.
    tty: bool,
}

impl Session {
    pub fn new(world: &World, namespace: &str, pod: &str, container: &str) -> Session {
        let busybox = pod_object(world, namespace, pod)
            .and_then(|p| container_spec(&p, container))
            .and_then(|c| c["image"].as_str().map(String::from))
            .and_then(|i| crate::kubelet::process::image_of(&i))
            .is_some_and(|i| i.tools == crate::images::Tools::Busybox);
        Session {
            namespace: namespace.into(),
            pod: pod.into(),
            container: container.into(),
            command_name: "kubectl attach".into(),
            reattach_hint: None,
            remove: false,
            wait_exit: false,
            prompt: if busybox { "/ # " } else { "# " }.into(),
            ended: false,
            tty: true,
        }
    }

    /// The container shell's prompt.
    pub fn prompt(&self) -> String {
        self.prompt.clone()
    }

    pub fn ended(&self) -> bool {
        self.ended
    }

    /// One line typed at the attached terminal.
    pub fn feed(&mut self, line: &str, world: &mut World) -> Output {
        let mut out = Output::default();
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(&"exit") = words.first() {
            let code = words
                .get(1)
                .and_then(|c| c.parse::<i32>().ok())
                .unwrap_or(0)
                & 255;
            world.attach_exit(&self.namespace, &self.pod, &self.container, code);
            self.finish(world, &mut out);
            return out;
        }
        if words.is_empty() {
            return out;
        }
        match world.attach_line(&self.namespace, &self.pod, &self.container, line) {
            // A terminal joins stderr to stdout.
            Ok(r) if self.tty => out.out(format!("{}{}", r.stdout, r.stderr)),
            Ok(r) => {
                out.out(r.stdout);
                out.err(r.stderr);
            }
            Err(_) => {
                // The container is gone (the pod was deleted meanwhile).
                self.finish(world, &mut out);
            }
        }
        out
    }

    /// After the shell ended: the hint, `--rm`'s deletion, the exit code.
    fn finish(&mut self, world: &mut World, out: &mut Output) {
        self.ended = true;
        let (ns, name) = (self.namespace.clone(), self.pod.clone());
        end_attach(
            world,
            &ns,
            &name,
            &self.reattach_hint,
            self.wait_exit,
            self.remove,
            out,
        );
    }
}

/// What follows an attach whose process ended: the reattach hint, the pod's
/// exit code (run with restartPolicy Never/OnFailure), `--rm`'s deletion.
pub fn end_attach(
    world: &mut World,
    ns: &str,
    name: &str,
    hint: &Option<String>,
    wait_exit: bool,
    remove: bool,
    out: &mut Output,
) {
    if let Some(h) = hint {
        out.out(format!("{h}\n"));
    }
    let failed = if wait_exit {
        world.advance_until(60_000, |w| {
            pod_object(w, ns, name).is_none_or(|p| {
                matches!(
                    meta::str_at(&p, &["status", "phase"]),
                    Some("Succeeded" | "Failed")
                )
            })
        });
        pod_object(world, ns, name).and_then(|p| terminated_failure(&p))
    } else {
        None
    };
    if remove {
        delete_pod(world, ns, name, out);
    }
    if let Some((text, code)) = failed {
        out.err(text);
        out.status = code;
    }
}

/// `pod ns/x terminated (Error)` and the container's exit code, for a pod
/// that failed.
fn terminated_failure(pod: &Value) -> Option<(String, i32)> {
    if meta::str_at(pod, &["status", "phase"]) != Some("Failed") {
        return None;
    }
    let ns = meta::namespace(pod);
    let name = meta::name(pod);
    let t = &pod["status"]["containerStatuses"][0]["state"]["terminated"];
    let rc = t["exitCode"].as_i64().unwrap_or(0) as i32;
    if rc == 0 {
        return Some((
            format!("error: pod {ns}/{name} failed with unknown exit code\n"),
            1,
        ));
    }
    let reason = t["reason"].as_str().unwrap_or("");
    let message = t["message"].as_str().unwrap_or("");
    let mut text = format!("pod {ns}/{name} terminated ({reason})\n{message}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Some((text, rc))
}

/// `--rm`: kubectl deletes the pod and waits for it to go.
pub fn delete_pod(world: &mut World, ns: &str, name: &str, out: &mut Output) {
    let Some(r) = world.api.registry().resolve("pods").cloned() else {
        return;
    };
    match world.api.delete(&r, ns, name, &Default::default()) {
        Ok(_) => {
            world.advance_until(120_000, |w| pod_object(w, ns, name).is_none());
            out.out(format!("pod \"{name}\" deleted\n"));
        }
        Err(s) => out.err(status_text(&s)),
    }
}

pub fn pod_object(world: &World, ns: &str, name: &str) -> Option<Value> {
    let r = world.api.registry().resolve("pods")?;
    world.api.get(r, ns, name).ok()
}

/// A container of any kind (regular, init, ephemeral) by name.
pub fn container_spec(pod: &Value, name: &str) -> Option<Value> {
    ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .filter_map(|f| meta::at(pod, &["spec", f]).and_then(Value::as_array))
        .flatten()
        .find(|c| c["name"] == name)
        .cloned()
}

fn names(pod: &Value, field: &str) -> Vec<String> {
    meta::at(pod, &["spec", field])
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// podcmd.FindOrDefaultContainerByName: `-c`, else the default-container
/// annotation, else the first container (saying so when there are others).
pub fn pick_container(
    env: &mut Env,
    pod: &Value,
    wanted: Option<&str>,
    quiet: bool,
) -> Result<String, String> {
    let name = meta::name(pod);
    if let Some(c) = wanted.filter(|c| !c.is_empty()) {
        return match container_spec(pod, c) {
            Some(_) => Ok(c.to_string()),
            None => Err(format!("container {c} not found in pod {name}")),
        };
    }
    let containers = names(pod, "containers");
    let Some(first) = containers.first().cloned() else {
        return Err(format!(
            "pod {}/{name} does not have any containers",
            meta::namespace(pod)
        ));
    };
    let annotated = meta::str_at(
        pod,
        &[
            "metadata",
            "annotations",
            "kubectl.kubernetes.io/default-container",
        ],
    );
    if let Some(a) = annotated.filter(|a| container_spec(pod, a).is_some()) {
        return Ok(a.to_string());
    }
    let ephemeral = names(pod, "ephemeralContainers");
    let init = names(pod, "initContainers");
    if !quiet && (containers.len() > 1 || !init.is_empty() || !ephemeral.is_empty()) {
        let all: Vec<String> = containers
            .iter()
            .cloned()
            .chain(ephemeral.iter().map(|e| format!("{e} (ephem)")))
            .chain(init.iter().map(|i| format!("{i} (init)")))
            .collect();
        env.eprint(format!(
            "Defaulted container \"{first}\" out of: {}\n",
            all.join(", ")
        ));
    }
    Ok(first)
}

/// Whether the container's spec allocated a terminal.
fn has_tty(pod: &Value, container: &str) -> bool {
    container_spec(pod, container).is_some_and(|c| c["tty"].as_bool() == Some(true))
}

/// Whether the container's status says it runs.
pub fn is_running(pod: &Value, container: &str) -> bool {
    [
        "containerStatuses",
        "initContainerStatuses",
        "ephemeralContainerStatuses",
    ]
    .iter()
    .filter_map(|f| meta::at(pod, &["status", f]).and_then(Value::as_array))
    .flatten()
    .find(|s| s["name"] == container)
    .is_some_and(|s| s["state"].get("running").is_some())
}

/// Prints what a command wrote, each chunk on its own stream.
pub fn print_chunks(env: &mut Env, out: Output) {
    for (stream, text) in out.chunks {
        match stream {
            kubeplay_shell::Stream::Stdout => env.print(text),
            kubeplay_shell::Stream::Stderr => env.eprint(text),
        }
    }
}

/// Joins the container: the hint, then (with `-i` at a terminal) the
/// session the host keeps; without stdin, what the process prints.
pub fn join(
    env: &mut Env,
    pod: &Value,
    container: &str,
    stdin: bool,
    tty: bool,
    quiet: bool,
) -> Option<Session> {
    let tty = announce(env, pod, container, tty, quiet);
    let ns = meta::namespace(pod).to_string();
    let name = meta::name(pod).to_string();
    if stdin && env.stdin.is_empty() {
        let mut s = Session::new(env.world, &ns, &name, container);
        s.reattach_hint = reattach_hint(pod, container, tty, quiet, &s.command_name);
        return Some(s);
    }
    if stdin {
        // Piped input: the shell reads it, runs it and ends.
        let text = env.stdin.read().to_string();
        let mut s = Session::new(env.world, &ns, &name, container);
        s.tty = tty;
        for line in text.lines() {
            let o = s.feed(line, env.world);
            print_chunks(env, o);
            if s.ended() {
                return None;
            }
        }
        let o = s.feed("exit", env.world);
        print_chunks(env, o);
        return None;
    }
    if !env.interactive {
        // No stdin: what the process writes from now until it ends.
        let at = env.world.attach_point(&ns, &name, container);
        env.world
            .advance_until(WAIT_MS, |w| w.attach_output(&ns, &name, container, &at).1);
        let (text, _) = env.world.attach_output(&ns, &name, container, &at);
        env.print(text);
    }
    None
}

/// What kubectl says before it joins: a TTY it cannot use, then the hint.
/// Returns whether the terminal is a TTY.
pub fn announce(env: &mut Env, pod: &Value, container: &str, tty: bool, quiet: bool) -> bool {
    let mut tty = tty;
    if tty && !has_tty(pod, container) {
        tty = false;
        if !quiet {
            env.eprint(format!(
                "error: Unable to use a TTY - container {container} did not allocate one\n"
            ));
        }
    } else if !tty && has_tty(pod, container) {
        tty = true;
    }
    if !quiet {
        env.eprint(PROMPT_HINT);
    }
    tty
}

/// attach.go reattachMessage: after a session at a terminal, for a pod that
/// restarts its containers.
pub fn reattach_hint(
    pod: &Value,
    container: &str,
    tty: bool,
    quiet: bool,
    command_name: &str,
) -> Option<String> {
    let always = meta::str_at(pod, &["spec", "restartPolicy"]).unwrap_or("Always") == "Always";
    if !tty || !always || quiet {
        return None;
    }
    let name = meta::name(pod);
    let ephemeral = meta::at(pod, &["spec", "ephemeralContainers"])
        .and_then(Value::as_array)
        .is_some_and(|es| es.iter().any(|e| e["name"] == container));
    Some(if ephemeral {
        format!("Session ended, the ephemeral container will not be restarted but may be reattached using '{command_name} {name} -c {container} -i -t' if it is still running")
    } else {
        format!("Session ended, resume using '{command_name} {name} -c {container} -i -t' command when the pod is running")
    })
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.is_empty() {
        return Err(CmdError::Plain(
            "at least 1 argument is required for attach".into(),
        ));
    }
    if p.args.len() > 2 {
        return Err(CmdError::Plain(format!(
            "expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw {}: [{}]",
            p.args.len(),
            p.args.join(" ")
        )));
    }
    let (kind, name) = match (p.args.len(), p.args[0].split_once('/')) {
        (2, _) => (p.args[0].clone(), p.args[1].clone()),
        (_, Some((t, n))) => (t.to_string(), n.to_string()),
        _ => ("pods".to_string(), p.args[0].clone()),
    };
    let ns = env.namespace(p);
    let timeout = p.str("pod-running-timeout").unwrap_or("1m0s").to_string();
    let pod = find_pod(env, &ns, &kind, &name, &timeout)?;
    let phase = meta::str_at(&pod, &["status", "phase"]).unwrap_or("");
    if matches!(phase, "Succeeded" | "Failed") {
        return Err(CmdError::Plain(format!(
            "cannot attach a container in a completed pod; current phase is {phase}"
        )));
    }
    let quiet = p.bool("quiet");
    let container = pick_container(env, &pod, p.str("container"), quiet)
        .map_err(|e| CmdError::Plain(format!("cannot attach to the container: {e}")))?;
    if !is_running(&pod, &container) {
        // kubectl prints the hint, then its attach request fails.
        if !quiet {
            env.eprint(PROMPT_HINT);
        }
        return Err(CmdError::Plain(format!(
            "unable to upgrade connection: container {container} not found in pod {name}_{ns}"
        )));
    }
    let pod_name = meta::name(&pod).to_string();
    if !env.world.attach_reads_commands(&ns, &pod_name, &container) {
        // A program or a `sh -c` script: its output, as it writes it.
        let tty = announce(env, &pod, &container, p.bool("tty"), quiet);
        let after = super::attach_stream::After {
            reattach_hint: p
                .bool("stdin")
                .then(|| reattach_hint(&pod, &container, tty, quiet, "kubectl attach"))
                .flatten(),
            ..Default::default()
        };
        let f =
            super::attach_stream::AttachFollow::new(env.world, &ns, &pod_name, &container, after);
        super::attach_stream::follow(env, f);
        return Ok(());
    }
    if let Some(s) = join(env, &pod, &container, p.bool("stdin"), p.bool("tty"), quiet) {
        env.stream = Some(Stream::Session(Box::new(s)));
    }
    Ok(())
}

/// The pod behind POD or TYPE/NAME (a workload's or Service's most active pod).
pub(super) fn find_pod(
    env: &mut Env,
    ns: &str,
    kind: &str,
    name: &str,
    timeout: &str,
) -> Result<Value, CmdError> {
    let registry = env.world.api.registry();
    let r = registry.resolve(kind).cloned().ok_or_else(|| {
        CmdError::Plain(format!(
            "the server doesn't have a resource type \"{kind}\""
        ))
    })?;
    let obj = env.world.api.get(&r, ns, name)?;
    if r.name == "pods" {
        return Ok(obj);
    }
    let selector = pod_for_object::selector_for(&obj).map_err(|e| {
        CmdError::Plain(format!(
            "cannot attach to {}: {e}",
            pod_for_object::go_type(&obj)
        ))
    })?;
    let timeout = crate::kubectl::duration_ms(timeout).unwrap_or(60_000);
    pod_for_object::first_pod(env, ns, &selector, timeout, pod_for_object::Order::Active)
        .map(|(pod, _)| pod)
}
