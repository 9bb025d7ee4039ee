//! How `kubectl drain` removes a node's pods (k8s.io/kubectl/pkg/drain):
//! each pod is evicted — retried every 5 s while a PodDisruptionBudget says
//! 429 — then awaited, polling every second, until it is gone; or, with
//! `--disable-eviction`, deleted outright. `--timeout` bounds it all.

use crate::api::meta;
use crate::apiserver::eviction::EvictError;
use crate::apiserver::WriteOptions;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;

enum State {
    /// Evict (again) at this virtual time.
    Evict(i64),
    /// Evicted; waiting for the pod with this uid to be gone.
    Waiting(Option<String>),
    Done,
}

fn uid(env: &Env, ns: &str, name: &str) -> Option<Option<String>> {
    let r = env.world.api.registry().resolve("pods")?.clone();
    let pod = env.world.api.get(&r, ns, name).ok()?;
    Some(meta::str_at(&pod, &["metadata", "uid"]).map(String::from))
}

/// Evicts (or deletes) `pods` and waits for them; the error is drain's aggregate text.
pub fn remove_pods(
    env: &mut Env,
    p: &Parsed,
    server_dry_run: bool,
    pods: &[(String, String)],
) -> Result<(), String> {
    let timeout = p
        .str("timeout")
        .and_then(crate::kubectl::duration_ms)
        .filter(|t| *t > 0);
    let start = env.world.now().0;
    // With no timeout, drain waits forever; the simulation gives up after an hour.
    let deadline = start + timeout.unwrap_or(3_600_000);
    let grace = p.int("grace-period").filter(|g| *g >= 0);
    let opts = WriteOptions {
        dry_run: server_dry_run,
        grace_period: grace,
        ..Default::default()
    };
    let evicting = !p.bool("disable-eviction");
    let mut states: Vec<State> = pods.iter().map(|_| State::Evict(start)).collect();
    let mut errors: Vec<String> = vec![];
    loop {
        let now = env.world.now().0;
        let timed_out = now >= deadline;
        for (i, (ns, name)) in pods.iter().enumerate() {
            match &states[i] {
                State::Evict(at) if *at <= now => {
                    let verb = if evicting { "evicting" } else { "deleting" };
                    let suffix = if server_dry_run {
                        " (server dry run)"
                    } else {
                        ""
                    };
                    env.print(format!("{verb} pod {ns}/{name}{suffix}\n"));
                    if timed_out {
                        errors.push(format!(
                            "error when evicting pods/\"{name}\" -n \"{ns}\": global timeout reached: {}",
                            go_duration(deadline - start)
                        ));
                        states[i] = State::Done;
                        continue;
                    }
                    let before = uid(env, ns, name);
                    let result = if evicting {
                        env.world.api.evict(ns, name, &opts)
                    } else {
                        let r = env.world.api.registry().resolve("pods").cloned();
                        match r {
                            Some(r) => env
                                .world
                                .api
                                .delete(&r, ns, name, &opts)
                                .map(|_| ())
                                .map_err(EvictError::from),
                            None => Ok(()),
                        }
                    };
                    states[i] = match result {
                        Ok(()) if server_dry_run => State::Done,
                        Ok(()) => State::Waiting(before.flatten()),
                        Err(e) if e.code() == 404 => State::Done,
                        Err(e @ EvictError::Budget { .. }) => {
                            env.eprint(format!(
                                "error when evicting pods/\"{name}\" -n \"{ns}\" (will retry after 5s): {}\n",
                                e.message()
                            ));
                            State::Evict(now + 5000)
                        }
                        Err(e) => {
                            errors.push(format!(
                                "error when evicting pods/\"{name}\" -n \"{ns}\": {}",
                                e.message()
                            ));
                            State::Done
                        }
                    };
                }
                State::Waiting(old) => {
                    let gone = uid(env, ns, name).is_none_or(|u| u != *old);
                    if gone {
                        let verb = if evicting { "evicted" } else { "deleted" };
                        env.print(format!("pod/{name} {verb}\n"));
                        states[i] = State::Done;
                    } else if timed_out {
                        errors.push(format!(
                            "error when waiting for pod \"{name}\" in namespace \"{ns}\" to terminate: context deadline exceeded"
                        ));
                        states[i] = State::Done;
                    }
                }
                _ => {}
            }
        }
        if states.iter().all(|s| matches!(s, State::Done)) {
            break;
        }
        let next = states
            .iter()
            .filter_map(|s| match s {
                State::Evict(at) => Some(*at),
                State::Waiting(_) => Some(now + 1000),
                State::Done => None,
            })
            .min()
            .unwrap_or(now + 1000)
            .min(deadline.max(now + 1))
            .max(now + 1);
        env.world.advance(next - now);
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(format!("[{}]", errors.join(", "))),
    }
}

/// Go's Duration String() for whole seconds or more (`20s`, `1m30s`, `1h0m0s`).
fn go_duration(ms: i64) -> String {
    let (h, m, s) = (
        ms / 3_600_000,
        ms / 60_000 % 60,
        (ms % 60_000) as f64 / 1000.0,
    );
    let secs = format!("{s}");
    match (h, m) {
        (0, 0) => format!("{secs}s"),
        (0, _) => format!("{m}m{secs}s"),
        _ => format!("{h}h{m}m{secs}s"),
    }
}
