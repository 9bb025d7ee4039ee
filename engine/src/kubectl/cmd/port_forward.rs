//! `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...`: picks one pod (a
//! Service's, Deployment's, ... first active pod), maps service ports to
//! container ports as kubectl does, and opens the local ports on the
//! learner's machine (`network::Net`). It then blocks until Ctrl-C: as a
//! background job (`cmd &`) it keeps listening; in the browser it streams;
//! in a script it holds the terminal in virtual time like `get -w`.

use super::pod_for_object;
use crate::api::meta;
use crate::clock::Time;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env, Stream};
use crate::network::{Forward, Listener};
use crate::rng::Rng;
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "port-forward",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Forward one or more local ports to a pod",
    flags: &[
        Flag::new(
            "address",
            FlagKind::StringSlice,
            "[localhost]",
            "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.",
        ),
        Flag::new(
            "pod-running-timeout",
            FlagKind::Duration,
            "1m0s",
            "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
        ),
    ],
    run,
};

/// How long a blocking command holds a script's terminal (as `get -w`).
const HOLD_LIMIT_MS: i64 = 600_000;

fn usage(msg: &str) -> CmdError {
    CmdError::Usage {
        msg: msg.into(),
        command: "kubectl port-forward".into(),
    }
}

/// A free local port from the ephemeral range, chosen by a seeded RNG.
pub fn random_port(env: &Env, addresses: &[String]) -> u16 {
    let mut rng = Rng::seeded(env.world.api.revision() ^ env.world.now().0 as u64 ^ 0x7066);
    loop {
        let port = 32768 + rng.below(60999 - 32768) as u16;
        if !addresses.iter().any(|a| env.world.net.in_use(a, port)) {
            return port;
        }
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.len() < 2 {
        return Err(usage(
            "TYPE/NAME and list of ports are required for port-forward",
        ));
    }
    let ns = env.namespace(p);
    let target = &p.args[0];
    let (kind, name) = match target.split_once('/') {
        Some((k, n)) => (k.to_lowercase(), n.to_string()),
        None => ("pods".to_string(), target.clone()),
    };
    let reg = env.world.api.registry();
    let r = reg.resolve(&kind).cloned().ok_or_else(|| {
        CmdError::Plain(format!(
            "the server doesn't have a resource type \"{kind}\""
        ))
    })?;
    let obj = env.world.api.get(&r, &ns, &name)?;
    let timeout = p.str("pod-running-timeout").unwrap_or("1m0s").to_string();
    let (pod, service) = match r.name.as_str() {
        "pods" => (obj, None),
        "services" => (first_pod(env, &ns, &obj, &timeout)?, Some(obj)),
        _ => (first_pod(env, &ns, &obj, &timeout)?, None),
    };
    // Port pairs (local, remote) after kubectl's translation.
    let mut pairs: Vec<(Option<u16>, u16)> = vec![];
    for spec in &p.args[1..] {
        let (local, remote) = match spec.split_once(':') {
            Some((l, r)) => (l.to_string(), r.to_string()),
            None => (spec.clone(), spec.clone()),
        };
        let remote_port = match &service {
            Some(svc) => service_target(svc, &pod, &remote)?,
            None => pod_port(&pod, &remote)?,
        };
        let local = if local == remote && remote.parse::<u16>().is_err() {
            Some(remote_port)
        } else if local.is_empty() {
            None
        } else {
            Some(local.parse::<u16>().map_err(|_| {
                CmdError::Plain(format!("error parsing local port '{local}': strconv.ParseUint: parsing \"{local}\": invalid syntax"))
            })?)
        };
        pairs.push((local, remote_port));
    }
    let phase = meta::str_at(&pod, &["status", "phase"]).unwrap_or("");
    if phase != "Running" {
        return Err(CmdError::Plain(format!(
            "unable to forward port because pod is not running. Current status={phase}"
        )));
    }
    let mut addresses: Vec<String> = vec![];
    for a in p.all("address") {
        for a in a.split(',').filter(|a| !a.is_empty()) {
            if a == "localhost" {
                addresses.extend(["127.0.0.1".to_string(), "::1".to_string()]);
            } else {
                addresses.push(a.to_string());
            }
        }
    }
    if addresses.is_empty() {
        addresses = vec!["127.0.0.1".into(), "::1".into()];
    }
    let pod_name = meta::name(&pod).to_string();
    let uid = meta::str_at(&pod, &["metadata", "uid"])
        .unwrap_or("")
        .to_string();
    let mut text = String::new();
    let mut opened = 0;
    let mut failed = vec![];
    for (local, remote) in pairs {
        let port = local.unwrap_or_else(|| random_port(env, &addresses));
        let free: Vec<String> = addresses
            .iter()
            .filter(|a| !env.world.net.in_use(a, port))
            .cloned()
            .collect();
        if free.is_empty() {
            let errs: Vec<String> = addresses
                .iter()
                .map(|a| {
                    let (family, shown) = if a.contains(':') {
                        ("tcp6", format!("[{a}]"))
                    } else {
                        ("tcp4", a.clone())
                    };
                    format!("unable to create listener: Error listen {family} {shown}:{port}: bind: address already in use")
                })
                .collect();
            env.print(std::mem::take(&mut text));
            env.eprint(format!(
                "Unable to listen on port {port}: Listeners failed to create with the following errors: [{}]\n",
                errs.join(" ")
            ));
            failed.push(format!("{{{port} {remote}}}"));
            continue;
        }
        for a in &free {
            let shown = if a.contains(':') {
                format!("[{a}]:{port}")
            } else {
                format!("{a}:{port}")
            };
            text.push_str(&format!("Forwarding from {shown} -> {remote}\n"));
        }
        env.world.net.listeners.push(Listener {
            addresses: free,
            port,
            forward: Forward::Pod {
                namespace: ns.clone(),
                pod: pod_name.clone(),
                uid: uid.clone(),
                remote,
            },
            job: env.job,
        });
        opened += 1;
    }
    env.print(text);
    if opened == 0 {
        return Err(CmdError::Plain(format!(
            "unable to listen on any of the requested ports: [{}]",
            failed.join(" ")
        )));
    }
    hold(env)
}

/// What a program that runs until it is stopped does with the terminal
/// (a listening kubectl, `tail -f`).
pub enum Hold {
    /// It returns now: a background job (its ports stay open), or a
    /// person at a REPL.
    Now,
    /// The browser keeps it as a stream until Ctrl-C.
    Stream,
    /// A script waits in virtual time until `end`; `timed_out` if that is
    /// a `timeout`'s deadline.
    Until { end: i64, timed_out: bool },
}

impl Hold {
    pub fn decide(
        job: bool,
        interactive: bool,
        can_stream: bool,
        deadline: Option<Time>,
        now: i64,
    ) -> Hold {
        if job {
            return Hold::Now;
        }
        match deadline {
            None if interactive && can_stream => Hold::Stream,
            None if interactive => Hold::Now,
            None => Hold::Until {
                end: now + HOLD_LIMIT_MS,
                timed_out: false,
            },
            Some(d) => Hold::Until {
                end: d.0,
                timed_out: true,
            },
        }
    }
}

/// Blocks as a listening kubectl does (`Hold`), then closes its ports.
pub fn hold(env: &mut Env) -> Result<(), CmdError> {
    let now = env.world.now().0;
    match Hold::decide(
        env.job.is_some(),
        env.interactive,
        env.can_stream,
        env.deadline,
        now,
    ) {
        Hold::Now if env.job.is_some() => return Ok(()),
        Hold::Now => {}
        Hold::Stream => {
            env.stream = Some(Stream::Listen);
            return Ok(());
        }
        Hold::Until { end, timed_out } => {
            env.world.advance((end - now).max(0));
            env.timed_out = timed_out;
        }
    }
    env.world.net.close_job(None);
    Ok(())
}

/// The pod kubectl attaches to for a workload or Service: the most active
/// of the pods its selector matches.
fn first_pod(env: &mut Env, ns: &str, obj: &Value, timeout: &str) -> Result<Value, CmdError> {
    let selector = pod_for_object::selector_for(obj).map_err(|e| {
        CmdError::Plain(format!(
            "cannot attach to {}: {e}",
            pod_for_object::go_type(obj)
        ))
    })?;
    // GetFirstPod waits up to --pod-running-timeout for a pod to match.
    let timeout = crate::kubectl::duration_ms(timeout).unwrap_or(60_000);
    pod_for_object::first_pod(env, ns, &selector, timeout, pod_for_object::Order::Active)
        .map(|(pod, _)| pod)
}

/// A service port (number or name) to the container port of `pod`
/// (`translateServicePortToTargetPort`).
fn service_target(svc: &Value, pod: &Value, remote: &str) -> Result<u16, CmdError> {
    let name = meta::name(svc);
    let ports = svc["spec"]["ports"].as_array().cloned().unwrap_or_default();
    let number: i64 = match remote.parse() {
        Ok(n) => n,
        Err(_) => ports
            .iter()
            .find(|p| p["name"].as_str() == Some(remote))
            .and_then(|p| p["port"].as_i64())
            .ok_or_else(|| {
                CmdError::Plain(format!(
                    "Service '{name}' does not have a named port '{remote}'"
                ))
            })?,
    };
    let sp = ports
        .iter()
        .find(|p| p["port"].as_i64() == Some(number))
        .ok_or_else(|| {
            CmdError::Plain(format!(
                "Service {name} does not have a service port {number}"
            ))
        })?;
    if svc["spec"]["clusterIP"].as_str() == Some("None") {
        return Ok(number as u16);
    }
    match &sp["targetPort"] {
        Value::Number(n) if n.as_i64() != Some(0) => Ok(n.as_i64().unwrap_or(0) as u16),
        Value::String(named) => pod_port(pod, named),
        _ => Ok(number as u16),
    }
}

/// A pod's port by number, or by a container port's name.
fn pod_port(pod: &Value, remote: &str) -> Result<u16, CmdError> {
    if remote.is_empty() {
        return Err(CmdError::Plain("remote port cannot be empty".into()));
    }
    if let Ok(n) = remote.parse::<u16>() {
        return Ok(n);
    }
    for field in ["containers", "initContainers"] {
        for c in pod["spec"][field].as_array().into_iter().flatten() {
            for p in c["ports"].as_array().into_iter().flatten() {
                if p["name"].as_str() == Some(remote) {
                    return Ok(p["containerPort"].as_i64().unwrap_or(0) as u16);
                }
            }
        }
    }
    Err(CmdError::Plain(format!(
        "Pod '{}' does not have a named port '{remote}'",
        meta::name(pod)
    )))
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    fn with_nginx() -> Cluster {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create deployment nginx --image=nginx");
        c.run("kubectl expose deployment nginx --port=80");
        c.run("sleep 30");
        c
    }

    #[test]
    fn a_streaming_terminal_forwards_until_interrupted() {
        let mut c = with_nginx();
        c.set_interactive(true);
        c.set_streaming(true);
        let o = c.run("kubectl port-forward svc/nginx 8080:80");
        assert_eq!(
            o.stdout(),
            "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n"
        );
        assert!(c.is_streaming());
        assert_eq!(c.poll_stream(), "");
        let page = c.run("curl -s localhost:8080");
        assert!(page.stdout().contains("Welcome to nginx!"), "{page:?}");
        c.interrupt();
        assert!(!c.is_streaming());
        let refused = c.run("curl -s localhost:8080");
        assert_eq!(refused.status, 7);
    }

    #[test]
    fn an_interactive_shell_prints_the_job_line() {
        let mut c = with_nginx();
        c.set_interactive(true);
        let o = c.run("kubectl proxy &");
        assert_eq!(o.stdout(), "Starting to serve on 127.0.0.1:8001\n");
        assert_eq!(o.stderr(), "[1] 4243\n");
        let o = c.run("kill %1");
        assert_eq!(o.stderr(), "[1]+  Terminated              kubectl proxy\n");
        assert_eq!(c.run("jobs").stdout(), "");
    }

    #[test]
    fn the_forward_ends_with_its_pod() {
        let mut c = with_nginx();
        c.run("kubectl run web --image=nginx");
        c.run("sleep 10");
        c.run("kubectl port-forward pod/web 8080:80 &");
        assert_eq!(
            c.run("curl -s localhost:8080 -o /dev/null -w '%{http_code}'")
                .stdout(),
            "Handling connection for 8080\n200"
        );
        c.run("kubectl delete pod web");
        assert_eq!(
            c.run("jobs").stdout(),
            "[1]+  Exit 1                  kubectl port-forward pod/web 8080:80\n"
        );
        assert_eq!(c.run("curl -s localhost:8080").status, 7);
    }
}
