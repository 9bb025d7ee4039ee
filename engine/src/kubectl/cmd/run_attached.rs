//! `kubectl run -i/--attach [--rm]`: wait for the pod, attach to it as
//! `kubectl attach` would (or print its log if it already finished), then
//! report the exit code and delete the pod with `--rm`.

use super::attach::{self, delete_pod, pod_object};
use super::attach_stream::{self, After, AttachFollow, Followed};
use crate::api::meta;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{duration_ms, Env, Stream};
use kubeplay_shell::Output;
use serde_json::Value;

fn phase(pod: &Value) -> &str {
    meta::str_at(pod, &["status", "phase"]).unwrap_or("")
}

fn finished(pod: &Value) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

/// Waits until the pod runs with `container` up, or finished; None if it
/// is gone.
pub fn wait_running(
    env: &mut Env,
    ns: &str,
    name: &str,
    container: &str,
    ms: i64,
) -> Option<Value> {
    env.world.advance_until(ms, |w| {
        pod_object(w, ns, name).is_none_or(|p| finished(&p) || attach::is_running(&p, container))
    });
    pod_object(env.world, ns, name)
}

/// The container's whole log (kubectl's fallback when it cannot attach).
fn print_log(env: &mut Env, ns: &str, name: &str, container: &str) {
    if let Ok(log) = env.world.api.pod_log(ns, name, container, false) {
        env.print(log);
    }
}

pub fn attach_after_run(env: &mut Env, p: &Parsed, created: &Value) -> Result<(), CmdError> {
    let ns = meta::namespace(created).to_string();
    let name = meta::name(created).to_string();
    let timeout = duration_ms(p.str("pod-running-timeout").unwrap_or("1m0s")).unwrap_or(60_000);
    let restart = p.str("restart").unwrap_or("Always").to_string();
    let wait_exit = !p.bool("leave-stdin-open") && restart != "Always";
    let quiet = p.bool("quiet");
    let Some(pod) = wait_running(env, &ns, &name, &name, timeout) else {
        return Err(CmdError::Plain(format!("pods \"{name}\" not found")));
    };
    if !finished(&pod) && !attach::is_running(&pod, &name) {
        return Err(CmdError::Plain(
            "timed out waiting for the condition".into(),
        ));
    }
    let shell = env.world.attach_reads_commands(&ns, &name, &name);
    if !finished(&pod) && !shell {
        // A program or a `sh -c` script: its output, as it writes it.
        let tty = attach::announce(env, &pod, &name, p.bool("tty"), quiet);
        let hint = p
            .bool("stdin")
            .then(|| attach::reattach_hint(&pod, &name, tty, quiet, "kubectl attach"));
        let after = After {
            reattach_hint: hint.flatten(),
            wait_exit,
            remove: p.bool("rm"),
        };
        let f = AttachFollow::new(env.world, &ns, &name, &name, after);
        if attach_stream::follow(env, f) == Followed::Left {
            return Ok(());
        }
    } else if !finished(&pod) {
        if let Some(mut s) = attach::join(env, &pod, &name, p.bool("stdin"), p.bool("tty"), quiet) {
            s.remove = p.bool("rm");
            s.wait_exit = wait_exit;
            env.stream = Some(Stream::Session(Box::new(s)));
            return Ok(());
        }
        if p.bool("stdin") {
            // Piped stdin was fed to the shell, which ended.
        } else {
            // No stdin: the output streams until the container ends.
            env.world.advance_until(timeout, |w| {
                pod_object(w, &ns, &name).is_none_or(|p| !attach::is_running(&p, &name))
            });
            print_log(env, &ns, &name, &name);
        }
    } else {
        print_log(env, &ns, &name, &name);
    }
    let mut out = Output::default();
    let mut failure = None;
    if wait_exit {
        env.world.advance_until(timeout, |w| {
            pod_object(w, &ns, &name).is_none_or(|p| finished(&p))
        });
        if let Some(pod) = pod_object(env.world, &ns, &name) {
            failure = exit_error(&pod, &restart);
        }
    }
    if p.bool("rm") {
        delete_pod(env.world, &ns, &name, &mut out);
    }
    attach::print_chunks(env, out);
    failure.map_or(Ok(()), Err)
}

/// run's verdict on a finished pod: its container's exit code.
fn exit_error(pod: &Value, restart: &str) -> Option<CmdError> {
    let ns = meta::namespace(pod);
    let name = meta::name(pod);
    match phase(pod) {
        "Succeeded" => None,
        "Failed" => {
            let t = &pod["status"]["containerStatuses"][0]["state"]["terminated"];
            let rc = t["exitCode"].as_i64().unwrap_or(0) as i32;
            if rc == 0 {
                return Some(CmdError::Plain(format!(
                    "pod {ns}/{name} failed with unknown exit code"
                )));
            }
            let mut text = format!(
                "pod {ns}/{name} terminated ({})\n{}",
                t["reason"].as_str().unwrap_or(""),
                t["message"].as_str().unwrap_or("")
            );
            if !text.ends_with('\n') {
                text.push('\n');
            }
            Some(CmdError::Exit { text, code: rc })
        }
        other if restart == "OnFailure" && other == "Running" => None,
        other => Some(CmdError::Plain(format!(
            "pod {ns}/{name} left in phase {other}"
        ))),
    }
}
