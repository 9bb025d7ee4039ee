//! Liveness, readiness and startup probes (`pkg/kubelet/prober`): each runs
//! every periodSeconds once initialDelaySeconds have passed, counts
//! consecutive results against success/failureThreshold, and is judged
//! against the simulated pod: which programs listen on which ports, how
//! they answer HTTP, and what an exec command prints in the container.

use super::process::{self, Process};
use crate::images::Http;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Liveness,
    Readiness,
    Startup,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Liveness => "Liveness",
            Kind::Readiness => "Readiness",
            Kind::Startup => "Startup",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Exec(Vec<String>),
    Http {
        scheme: String,
        host: Option<String>,
        port: Value,
        path: String,
    },
    Tcp {
        host: Option<String>,
        port: Value,
    },
    Grpc {
        port: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Probe {
    pub kind: Kind,
    pub action: Action,
    pub initial_delay_ms: i64,
    pub period_ms: i64,
    pub timeout_s: i64,
    pub success_threshold: u32,
    pub failure_threshold: u32,
    /// When the next probe runs; consecutive results so far; the verdict.
    pub next_at: i64,
    pub successes: u32,
    pub failures: u32,
    pub ok: bool,
}

fn int(v: &Value, key: &str, default: i64) -> i64 {
    v[key].as_i64().unwrap_or(default)
}

impl Probe {
    /// The container's probes as written in its spec.
    pub fn from_container(spec: &Value) -> Vec<Probe> {
        [
            ("startupProbe", Kind::Startup),
            ("livenessProbe", Kind::Liveness),
            ("readinessProbe", Kind::Readiness),
        ]
        .iter()
        .filter_map(|(field, kind)| Probe::parse(&spec[*field], *kind))
        .collect()
    }

    fn parse(p: &Value, kind: Kind) -> Option<Probe> {
        if !p.is_object() {
            return None;
        }
        let action = if let Some(e) = p.get("exec") {
            Action::Exec(
                e["command"]
                    .as_array()?
                    .iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect(),
            )
        } else if let Some(h) = p.get("httpGet") {
            Action::Http {
                scheme: h["scheme"].as_str().unwrap_or("HTTP").to_lowercase(),
                host: h["host"].as_str().map(String::from),
                port: h["port"].clone(),
                path: h["path"].as_str().unwrap_or("/").to_string(),
            }
        } else if let Some(t) = p.get("tcpSocket") {
            Action::Tcp {
                host: t["host"].as_str().map(String::from),
                port: t["port"].clone(),
            }
        } else if let Some(g) = p.get("grpc") {
            Action::Grpc {
                port: g["port"].as_i64().unwrap_or(0),
            }
        } else {
            return None;
        };
        Some(Probe {
            kind,
            action,
            initial_delay_ms: int(p, "initialDelaySeconds", 0) * 1000,
            period_ms: int(p, "periodSeconds", 10).max(1) * 1000,
            timeout_s: int(p, "timeoutSeconds", 1),
            success_threshold: int(p, "successThreshold", 1).max(1) as u32,
            failure_threshold: int(p, "failureThreshold", 3).max(1) as u32,
            next_at: i64::MAX,
            successes: 0,
            failures: 0,
            ok: kind == Kind::Liveness,
        })
    }

    /// A (re)started container: counting starts afresh. The worker ticks
    /// every period from the start; ticks inside the initial delay skip.
    pub fn reset(&mut self, started_at: i64) {
        let ticks = (self.initial_delay_ms + self.period_ms - 1) / self.period_ms;
        self.next_at = started_at + ticks * self.period_ms;
        self.successes = 0;
        self.failures = 0;
        self.ok = self.kind == Kind::Liveness;
    }

    /// Records one result; returns true when the verdict flipped.
    pub fn record(&mut self, success: bool) -> bool {
        let before = self.ok;
        if success {
            self.failures = 0;
            self.successes += 1;
            if self.successes >= self.success_threshold {
                self.ok = true;
            }
        } else {
            self.successes = 0;
            self.failures += 1;
            if self.failures >= self.failure_threshold {
                self.ok = false;
            }
        }
        self.next_at += self.period_ms;
        before != self.ok
    }
}

/// What the pod offers the prober at one moment.
pub struct PodView<'a> {
    pub ip: &'a str,
    /// Every container's process with its declared ports (name, number).
    pub containers: Vec<(&'a Process, Vec<(String, i64)>)>,
}

impl PodView<'_> {
    fn port_number(&self, port: &Value) -> Option<i64> {
        if let Some(n) = port.as_i64() {
            return Some(n);
        }
        let name = port.as_str()?;
        if let Ok(n) = name.parse() {
            return Some(n);
        }
        self.containers
            .iter()
            .flat_map(|(_, ports)| ports.iter())
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }

    /// How the program listening on `port` at `t` answers HTTP (and since
    /// when it serves), if one listens.
    fn listener(&self, port: i64, t: i64) -> Option<(Http, i64)> {
        self.containers.iter().find_map(|(p, _)| {
            if p.exit.as_ref().is_some_and(|e| e.at <= t) {
                return None;
            }
            p.serving_at(t)
                .filter(|(prog, _)| prog.ports.iter().any(|x| i64::from(*x) == port))
                .map(|(prog, since)| (prog.http, since))
        })
    }
}

/// Runs one probe at `t` against the pod; Err is the failure output.
pub fn check(probe: &Probe, own: &Process, pod: &PodView, t: i64) -> Result<(), String> {
    match &probe.action {
        Action::Exec(argv) => {
            let r = run_in(own, argv, "", false, t);
            if r.exit_code == 0 {
                Ok(())
            } else {
                Err(r.stdout + &r.stderr)
            }
        }
        Action::Http {
            scheme,
            host,
            port,
            path,
        } => {
            let host = host.clone().unwrap_or_else(|| pod.ip.to_string());
            let port = pod.port_number(port).unwrap_or(0);
            let url = format!("{scheme}://{host}:{port}{path}");
            match pod.listener(port, t) {
                None => Err(format!(
                    "Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"
                )),
                Some((Http::None, _)) => Err(format!("Get \"{url}\": EOF")),
                Some((Http::Any { .. }, _)) => Ok(()),
                Some((Http::HealthyFor { ok_ms, then_status }, since)) => {
                    if t - since < ok_ms {
                        Ok(())
                    } else {
                        Err(format!("HTTP probe failed with statuscode: {then_status}"))
                    }
                }
                Some((Http::ReadyzAfter { ready_ms }, since)) => {
                    if path.split('?').next() != Some("/readyz") || t - since >= ready_ms {
                        Ok(())
                    } else {
                        Err("HTTP probe failed with statuscode: 500".into())
                    }
                }
                Some((Http::Root { .. }, _)) => {
                    let p = path.split('?').next().unwrap_or("/");
                    if matches!(p, "/" | "/index.html" | "") {
                        Ok(())
                    } else {
                        Err("HTTP probe failed with statuscode: 404".into())
                    }
                }
            }
        }
        Action::Tcp { host, port } => {
            let host = host.clone().unwrap_or_else(|| pod.ip.to_string());
            let port = pod.port_number(port).unwrap_or(0);
            match pod.listener(port, t) {
                Some(_) => Ok(()),
                None => Err(format!("dial tcp {host}:{port}: connect: connection refused")),
            }
        }
        Action::Grpc { port } => match pod.listener(*port, t) {
            // None of the simulated programs implement grpc.health.v1.
            Some(_) => Err(
                "rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health"
                    .into(),
            ),
            None => Err(format!(
                "timeout: failed to connect service \"{}:{port}\" within {}s: context deadline exceeded",
                pod.ip, probe.timeout_s
            )),
        },
    }
}

/// What a command run inside a container printed and how it exited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Both streams in the order they were written (`true`: stderr), as
    /// a terminal shows kubectl exec's copies of them.
    pub chunks: Vec<(bool, String)>,
    /// The chunks with the moment each was written (an exec streamed as
    /// virtual time passes).
    pub timed: Vec<(i64, bool, String)>,
    /// When the command ended; None while it runs on past the moment it
    /// was simulated up to, or once the shell's limits stopped it.
    pub ended_at: Option<i64>,
}

/// Runs `argv` in the container as it is at `t` (its files, environment
/// and tools), the way `kubectl exec` and exec probes do.
pub fn run_in(proc: &Process, argv: &[String], stdin: &str, tty: bool, t: i64) -> ExecResult {
    run_in_net(proc, argv, stdin, tty, t, None)
}

/// `run_in` with the pod's network reachable (`kubectl exec ... wget`).
pub fn run_in_net(
    proc: &Process,
    argv: &[String],
    stdin: &str,
    tty: bool,
    t: i64,
    net: Option<&mut dyn crate::network::NetTools>,
) -> ExecResult {
    let shell = proc.shell_at(t);
    let at = process::ExecAt::next_in(proc, t);
    run_window(proc, shell, argv, stdin, tty, at, net)
}

/// Runs `argv` from `shell` (the container at the command's start) over
/// the window `at` of virtual time.
pub fn run_window(
    proc: &Process,
    mut shell: kubeplay_shell::Shell,
    argv: &[String],
    stdin: &str,
    tty: bool,
    at: process::ExecAt,
    net: Option<&mut dyn crate::network::NetTools>,
) -> ExecResult {
    let t = at.start;
    let Some(first) = argv.first() else {
        return ExecResult {
            ended_at: Some(t),
            ..ExecResult::default()
        };
    };
    let image = process::image_of(&proc.spec.image);
    if let Some(img) = image {
        if !process::executable(img, first) {
            let stdout = format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{first}\": executable file not found in $PATH: unknown\n");
            return ExecResult {
                chunks: vec![(false, stdout.clone())],
                timed: vec![(t, false, stdout.clone())],
                stdout,
                stderr: String::new(),
                exit_code: 126,
                ended_at: Some(t),
            };
        }
    }
    shell.set_tty(tty);
    let run = process::exec_until(&mut shell, &proc.spec, argv, stdin, at, net);
    let out = run.out;
    let limited = out.stderr().contains("limit exceeded (");
    let busybox = image.is_some_and(|i| i.tools == crate::images::Tools::Busybox);
    let fix = |s: String| if busybox { busybox_texts(&s) } else { s };
    ExecResult {
        timed: run
            .timed
            .into_iter()
            .map(|(at, err, text)| (at, err, fix(text)))
            .collect(),
        ended_at: (!run.halted && !limited).then_some(run.end),
        stdout: fix(out.stdout()),
        stderr: fix(out.stderr()),
        exit_code: out.status,
        chunks: out
            .chunks
            .iter()
            .map(|(s, text)| (*s == kubeplay_shell::Stream::Stderr, fix(text.clone())))
            .collect(),
    }
}

/// Busybox applets word some errors differently from GNU's.
fn busybox_texts(s: &str) -> String {
    s.lines()
        .map(|l| {
            let fixed = l
                .strip_prefix("cat: ")
                .and_then(|r| r.strip_suffix(": No such file or directory"))
                .map(|path| format!("cat: can't open '{path}': No such file or directory"));
            fixed.unwrap_or_else(|| l.to_string())
        })
        .map(|l| l + "\n")
        .collect::<String>()
        .trim_end_matches('\n')
        .to_string()
        + if s.ends_with('\n') { "\n" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_first_tick() {
        let spec = json!({"livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5, "periodSeconds": 5}});
        let mut ps = Probe::from_container(&spec);
        assert_eq!(ps.len(), 1);
        let p = &mut ps[0];
        assert_eq!(
            (p.failure_threshold, p.success_threshold, p.timeout_s),
            (3, 1, 1)
        );
        p.reset(1000);
        assert_eq!(p.next_at, 6000);
        assert!(!p.record(false));
        assert!(!p.record(false));
        assert!(p.record(false));
        assert!(!p.ok);
    }

    #[test]
    fn busybox_cat_wording() {
        assert_eq!(
            busybox_texts("cat: /tmp/healthy: No such file or directory\n"),
            "cat: can't open '/tmp/healthy': No such file or directory\n"
        );
    }
}
