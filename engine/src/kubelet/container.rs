//! One container's life on the node: waiting (creating, pulling, back-off),
//! running, terminated, restarted. `advance` moves it to a point in time and
//! returns the steps taken, which become events and logs.

use super::probe::{Kind, Probe};
use super::process::{self, Exit, ProcSpec, Process};
use crate::api::meta;
use crate::apiserver::ApiServer;
use crate::images;
use crate::recorder::{self, Source};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How soon the kubelet retries a container whose config could not be made.
const CONFIG_RETRY_MS: i64 = 10_000;
/// How soon after a failed pull the kubelet syncs the pod again.
const PULL_RESYNC_MS: i64 = 1_000;
/// The pod worker's back-off after a failed sync (pod_workers.go backOffPeriod).
const NEVER_PULL_RESYNC_MS: i64 = 10_000;
/// How long a pull takes to fail at an unknown repository.
const FAILED_PULL_MS: i64 = 1_500;
/// Back-off of the kubelet: 10 s doubling to 5 min.
const BACKOFF_START_MS: i64 = 10_000;
const BACKOFF_MAX_MS: i64 = 300_000;
/// A container stops this long after SIGTERM (programs here exit promptly).
const STOP_MS: i64 = 600;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// Not started; `reason` is what `kubectl get pods` shows.
    Waiting {
        reason: String,
        message: Option<String>,
        next_at: i64,
        pulling: bool,
    },
    Running {
        started_at: i64,
    },
    Terminated {
        exit_code: i32,
        reason: String,
        started_at: i64,
        finished_at: i64,
    },
}

/// What the node's runtime needs to know to get a container's image.
#[derive(Clone, Copy, Debug)]
pub struct Pull {
    /// The image is not on the node, or the pull policy is Always.
    pub needed: bool,
    pub runtime: images::Runtime,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub pull_policy: String,
    pub state: State,
    pub restarts: i64,
    pub last_terminated: Option<State>,
    backoff_ms: i64,
    pub(super) stop_at: Option<i64>,
    /// The main process while the container runs (and after it exited).
    #[serde(default)]
    pub process: Option<Process>,
    #[serde(default)]
    pub probes: Vec<Probe>,
    /// An init container (`spec.initContainers`); `sidecar` if it has
    /// restartPolicy Always and runs alongside the pod's containers.
    #[serde(default)]
    pub init: bool,
    #[serde(default)]
    pub sidecar: bool,
    /// A debug container added through `pods/ephemeralcontainers`.
    #[serde(default)]
    pub ephemeral: bool,
    /// What the status says while nothing runs yet: ContainerCreating, or
    /// PodInitializing in a pod with init containers.
    #[serde(default)]
    pub default_reason: String,
    /// `lifecycle.postStart` / `lifecycle.preStop` handlers.
    #[serde(default)]
    post_start: Option<Hook>,
    #[serde(default)]
    pre_stop: Option<Hook>,
    /// The exit code a stop ends with: 0 when the program handles
    /// SIGTERM, 137 when it is SIGKILLed at the end of the grace period.
    #[serde(default)]
    stop_code: i32,
}

/// A lifecycle handler.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Hook {
    Exec(Vec<String>),
    Sleep(i64),
    /// httpGet and tcpSocket handlers: nothing observable to simulate.
    Other,
}

impl Hook {
    fn parse(v: &Value) -> Option<Hook> {
        if !v.is_object() {
            return None;
        }
        Some(if let Some(cmd) = v["exec"]["command"].as_array() {
            Hook::Exec(
                cmd.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect(),
            )
        } else if let Some(secs) = v["sleep"]["seconds"].as_i64() {
            Hook::Sleep(secs)
        } else {
            Hook::Other
        })
    }
}

/// What the kubelet works out for a start: the process to run, or the
/// error that keeps it in CreateContainerConfigError.
pub type Prepare<'a> = &'a mut dyn FnMut(&Container) -> Result<ProcSpec, String>;

/// Something that happened to a container, to be reported.
pub enum Step {
    Event {
        kind: &'static str,
        reason: &'static str,
        message: String,
    },
    Pulled {
        message: String,
    },
    /// Output with the moment it was written.
    Log(Vec<(i64, String)>),
    Restarted,
}

/// Go's time.Duration String() of a millisecond count (`5.237s`, `523ms`, `1m2.5s`).
pub fn go_duration(ms: i64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let secs = ms as f64 / 1000.0;
    let fmt = |x: f64| {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if ms < 60_000 {
        format!("{}s", fmt(secs))
    } else {
        let m = ms / 60_000;
        format!("{m}m{}s", fmt((ms % 60_000) as f64 / 1000.0))
    }
}

impl Container {
    pub fn from_spec(spec: &Value) -> Container {
        let image = meta::str_at(spec, &["image"]).unwrap_or("").to_string();
        let default_policy = match images::parse(&image) {
            Ok(r) if r.tag != "latest" => "IfNotPresent",
            _ => "Always",
        };
        Container {
            name: meta::str_at(spec, &["name"]).unwrap_or("").into(),
            pull_policy: meta::str_at(spec, &["imagePullPolicy"])
                .unwrap_or(default_policy)
                .into(),
            image,
            state: State::Waiting {
                reason: "ContainerCreating".into(),
                message: None,
                next_at: 0,
                pulling: false,
            },
            restarts: 0,
            last_terminated: None,
            backoff_ms: 0,
            stop_at: None,
            process: None,
            probes: Probe::from_container(spec),
            init: false,
            sidecar: false,
            ephemeral: false,
            default_reason: "ContainerCreating".into(),
            post_start: Hook::parse(&spec["lifecycle"]["postStart"]),
            pre_stop: Hook::parse(&spec["lifecycle"]["preStop"]),
            stop_code: 0,
        }
    }

    /// An init container of a pod, or a regular container of a pod that
    /// has init containers.
    pub fn from_spec_in(spec: &Value, init: bool, pod_has_init: bool) -> Container {
        let mut c = Container::from_spec(spec);
        c.init = init;
        c.sidecar = init && spec["restartPolicy"].as_str() == Some("Always");
        if pod_has_init {
            c.default_reason = "PodInitializing".into();
            c.state = Self::waiting("PodInitializing", None, 0, false);
        }
        c
    }

    /// Done for the init sequence: a regular init container exited 0, a
    /// sidecar has started.
    pub fn init_done(&self) -> bool {
        if self.sidecar {
            return self.is_started();
        }
        matches!(self.state, State::Terminated { exit_code: 0, .. })
    }

    /// Whether this container's image must come from the registry.
    pub fn pull(
        &self,
        on_node: &std::collections::BTreeSet<String>,
        runtime: images::Runtime,
    ) -> Pull {
        Pull {
            needed: !on_node.contains(&self.image) || self.pull_policy == "Always",
            runtime,
        }
    }

    pub fn field_path(&self) -> String {
        let list = if self.ephemeral {
            "ephemeralContainers"
        } else if self.init {
            "initContainers"
        } else {
            "containers"
        };
        format!("spec.{list}{{{}}}", self.name)
    }

    fn next_backoff(&mut self) -> i64 {
        // 1 marks "restarted once without back-off".
        self.backoff_ms = if self.backoff_ms <= 1 {
            BACKOFF_START_MS
        } else {
            (self.backoff_ms * 2).min(BACKOFF_MAX_MS)
        };
        self.backoff_ms
    }

    fn waiting(reason: &str, message: Option<String>, next_at: i64, pulling: bool) -> State {
        State::Waiting {
            reason: reason.into(),
            message,
            next_at,
            pulling,
        }
    }

    /// Creates and starts the container, unless its config cannot be made
    /// (then it waits in CreateContainerConfigError and is retried).
    fn start(&mut self, now: i64, steps: &mut Vec<Step>, prepare: Prepare) -> bool {
        let spec = match prepare(self) {
            Ok(spec) => spec,
            Err(msg) => {
                failed(steps, &msg);
                self.state = Self::waiting(
                    "CreateContainerConfigError",
                    Some(msg),
                    now + CONFIG_RETRY_MS,
                    false,
                );
                return false;
            }
        };
        steps.push(Step::Event {
            kind: "Normal",
            reason: "Created",
            message: format!("Created container: {}", self.name),
        });
        let missing = process::image_of(&spec.image).and_then(|img| {
            let argv0 = spec.argv.first().cloned().unwrap_or_default();
            (!process::executable(img, &argv0)).then_some(argv0)
        });
        if let Some(argv0) = missing {
            // The runtime cannot exec the command: the container never runs.
            let msg = format!("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{argv0}\": executable file not found in $PATH: unknown");
            failed(steps, &msg);
            self.process = None;
            self.state = State::Terminated {
                exit_code: 127,
                reason: "ContainerCannotRun".into(),
                started_at: now,
                finished_at: now,
            };
            return true;
        }
        steps.push(Step::Event {
            kind: "Normal",
            reason: "Started",
            message: format!("Started container {}", self.name),
        });
        let mut proc = Process::start(spec, now);
        let (log, _) = proc.advance_timed(now);
        if !log.is_empty() {
            steps.push(Step::Log(log));
        }
        self.process = Some(proc);
        self.state = State::Running { started_at: now };
        for p in &mut self.probes {
            p.reset(now);
        }
        self.post_start(now, steps);
        true
    }

    /// Runs the postStart handler in the fresh container; when it fails the
    /// kubelet kills the container (and restarts it with back-off).
    fn post_start(&mut self, now: i64, steps: &mut Vec<Step>) {
        let (Some(Hook::Exec(argv)), Some(p)) = (self.post_start.clone(), self.process.as_mut())
        else {
            return;
        };
        let result = super::probe::run_in(p, &argv, "", false, now);
        p.record_exec(now, &argv, "");
        if result.exit_code == 0 {
            return;
        }
        steps.push(Step::Event {
            kind: "Warning",
            reason: "FailedPostStartHook",
            message: "PostStartHook failed".into(),
        });
        steps.push(Step::Event {
            kind: "Normal",
            reason: "Killing",
            message: "FailedPostStartHook".into(),
        });
        self.kill(now, 30);
    }

    fn probe(&self, kind: Kind) -> Option<&Probe> {
        self.probes.iter().find(|p| p.kind == kind)
    }

    /// Running and past its startup probe (status `started`).
    pub fn is_started(&self) -> bool {
        matches!(self.state, State::Running { .. })
            && self.probe(Kind::Startup).is_none_or(|p| p.ok)
    }

    /// Started and passing its readiness probe, if it has one (status `ready`).
    pub fn is_ready(&self) -> bool {
        self.is_started() && self.probe(Kind::Readiness).is_none_or(|p| p.ok)
    }

    /// The probes due by `now`, in spec order; liveness and readiness wait
    /// for the startup probe.
    pub fn due_probes(&self, now: i64) -> Vec<usize> {
        if !matches!(self.state, State::Running { .. }) {
            return vec![];
        }
        let started = self.probe(Kind::Startup).is_none_or(|p| p.ok);
        self.probes
            .iter()
            .enumerate()
            .filter(|(_, p)| p.next_at <= now && (p.kind == Kind::Startup) != started)
            .map(|(i, _)| i)
            .collect()
    }

    /// The kubelet kills the container (a failed liveness or startup
    /// probe): a program that handles SIGTERM exits 0 at once; a shell as
    /// PID 1 ignores it and is SIGKILLed after the grace period (137).
    pub fn kill(&mut self, now: i64, grace_s: i64) {
        if let Some(p) = self.process.as_mut() {
            let (at, code) = if p.serving_at(now).is_some() {
                (now + STOP_MS, 0)
            } else {
                (now + grace_s * 1000, 137)
            };
            p.kill(at, code);
        }
        for p in &mut self.probes {
            p.next_at = i64::MAX;
        }
    }

    /// Moves the container forward to `now`.
    pub fn advance(
        &mut self,
        now: i64,
        restart_policy: &str,
        pull: Pull,
        prepare: Prepare,
    ) -> Vec<Step> {
        let mut steps = vec![];
        for _ in 0..8 {
            if !self.advance_once(now, restart_policy, pull, &mut steps, prepare) {
                break;
            }
        }
        steps
    }

    fn advance_once(
        &mut self,
        now: i64,
        restart_policy: &str,
        pull: Pull,
        steps: &mut Vec<Step>,
        prepare: Prepare,
    ) -> bool {
        let parsed = images::parse(&self.image);
        match self.state.clone() {
            State::Waiting {
                reason,
                message,
                next_at,
                pulling,
            } => {
                if now < next_at || reason == "InvalidImageName" {
                    return false;
                }
                let reference = match parsed {
                    Err(e) => {
                        let msg = format!("Failed to apply default image tag \"{0}\": couldn't parse image name \"{0}\": {e}", self.image);
                        steps.push(Step::Event {
                            kind: "Warning",
                            reason: "InspectFailed",
                            message: msg.clone(),
                        });
                        failed(steps, "InvalidImageName");
                        self.state = Self::waiting("InvalidImageName", Some(msg), i64::MAX, false);
                        return false;
                    }
                    Ok(r) => r,
                };
                let known = images::lookup(&reference);
                let refusal = images::pull_error(pull.runtime, &reference, known.is_some());
                if reason == "CrashLoopBackOff" {
                    self.restarts += 1;
                    steps.push(Step::Restarted);
                    steps.push(Step::Event {
                        kind: "Normal",
                        reason: "Pulled",
                        message: format!(
                            "Container image \"{}\" already present on machine",
                            self.image
                        ),
                    });
                    return self.start(now, steps, prepare);
                }
                if reason == "ErrImagePull" && !pulling {
                    // The failed pull's next sync puts the image in back-off.
                    let wait = self.next_backoff();
                    steps.push(Step::Event {
                        kind: "Normal",
                        reason: "BackOff",
                        message: format!("Back-off pulling image \"{}\"", self.image),
                    });
                    failed(steps, "ImagePullBackOff");
                    // Since v1.32 the waiting message carries the failed
                    // pull's error (image_manager.go prevPullErrMsg).
                    let mut why = format!("Back-off pulling image \"{}\"", self.image);
                    if let Some(err) = message {
                        why = format!("{why}: ErrImagePull: {err}");
                    }
                    self.state = Self::waiting("ImagePullBackOff", Some(why), now + wait, false);
                    return false;
                }
                if !pulling {
                    // An image on the node (preloaded, pulled, or put there
                    // by `kind load`) needs no registry.
                    if !pull.needed {
                        steps.push(Step::Event {
                            kind: "Normal",
                            reason: "Pulled",
                            message: format!(
                                "Container image \"{}\" already present on machine",
                                self.image
                            ),
                        });
                        return self.start(now, steps, prepare);
                    }
                    if self.pull_policy == "Never" {
                        // kuberuntime_image.go EnsureImageExists; the pod
                        // worker syncs again after its 10s back-off period.
                        let msg = format!(
                            "Container image \"{}\" is not present with pull policy of Never",
                            self.image
                        );
                        steps.push(Step::Event {
                            kind: "Warning",
                            reason: "ErrImageNeverPull",
                            message: msg.clone(),
                        });
                        failed(steps, "ErrImageNeverPull");
                        self.state = Self::waiting(
                            "ErrImageNeverPull",
                            Some(msg),
                            now + NEVER_PULL_RESYNC_MS,
                            false,
                        );
                        return false;
                    }
                    steps.push(Step::Event {
                        kind: "Normal",
                        reason: "Pulling",
                        message: format!("Pulling image \"{}\"", self.image),
                    });
                    let took = match (known, &refusal) {
                        (Some(img), None) => img.pull_ms,
                        _ => FAILED_PULL_MS,
                    };
                    // The status keeps what the last sync wrote while the
                    // next pull runs.
                    let (shown, kept) = if reason == "ImagePullBackOff" {
                        ("ImagePullBackOff", message)
                    } else if self.default_reason.is_empty() {
                        ("ContainerCreating", None)
                    } else {
                        (self.default_reason.as_str(), None)
                    };
                    self.state = Self::waiting(shown, kept, now + took, true);
                    return true;
                }
                match (known, refusal) {
                    (Some(img), None) => {
                        let d = go_duration(img.pull_ms);
                        steps.push(Step::Pulled {
                            message: format!("Successfully pulled image \"{}\" in {d} ({d} including waiting). Image size: {} bytes.", self.image, img.size_bytes),
                        });
                        self.start(now, steps, prepare)
                    }
                    (_, refusal) => {
                        // The event names the image; the waiting message is
                        // the runtime's error alone.
                        let err = refusal.unwrap_or_default();
                        steps.push(Step::Event {
                            kind: "Warning",
                            reason: "Failed",
                            message: format!("Failed to pull image \"{}\": {err}", self.image),
                        });
                        failed(steps, "ErrImagePull");
                        // The kubelet syncs the pod again a moment later.
                        self.state =
                            Self::waiting("ErrImagePull", Some(err), now + PULL_RESYNC_MS, false);
                        false
                    }
                }
            }
            State::Running { started_at } => {
                let Some(proc) = self.process.as_mut() else {
                    return false;
                };
                let (log, exit) = proc.advance_timed(now);
                if !log.is_empty() {
                    steps.push(Step::Log(log));
                }
                let Some(Exit {
                    at, code, reason, ..
                }) = exit
                else {
                    return false;
                };
                self.state = State::Terminated {
                    exit_code: code,
                    reason,
                    started_at,
                    finished_at: at,
                };
                true
            }
            State::Terminated {
                exit_code,
                finished_at,
                ..
            } => {
                let restart =
                    restart_policy == "Always" || (restart_policy == "OnFailure" && exit_code != 0);
                if !restart {
                    return false;
                }
                self.last_terminated = Some(self.state.clone());
                if self.restarts == 0 && self.backoff_ms == 0 {
                    // The first exit is restarted at once; later ones back off.
                    self.backoff_ms = 1;
                    self.state = Self::waiting("CrashLoopBackOff", None, finished_at, false);
                    return true;
                }
                let wait = self.next_backoff();
                let wait = if wait == 1 { BACKOFF_START_MS } else { wait };
                self.state = Self::waiting(
                    "CrashLoopBackOff",
                    Some(format!(
                        "back-off {} restarting failed container={} pod=",
                        go_duration(wait).replace(".0s", "s"),
                        self.name
                    )),
                    finished_at.max(now) + wait,
                    false,
                );
                steps.push(Step::Event {
                    kind: "Warning",
                    reason: "BackOff",
                    message: format!("Back-off restarting failed container {} in pod ", self.name),
                });
                false
            }
        }
    }

    /// When this container next changes on its own (a pull ends, a back-off
    /// expires, a program exits, a stop completes).
    pub fn next_wakeup(&self) -> Option<i64> {
        if let Some(t) = self.stop_at {
            return Some(t);
        }
        match &self.state {
            State::Waiting { next_at, .. } if *next_at != i64::MAX => Some(*next_at),
            State::Running { .. } => {
                let probes = self
                    .probes
                    .iter()
                    .map(|p| p.next_at)
                    .filter(|t| *t != i64::MAX);
                self.process
                    .as_ref()
                    .and_then(Process::next_wakeup)
                    .into_iter()
                    .chain(probes)
                    .min()
            }
            _ => None,
        }
    }

    /// SIGTERM: the container stops shortly after.
    /// The preStop handler runs first (its time counts against the grace
    /// period), then SIGTERM: a program that handles it exits at once; a
    /// shell as PID 1 ignores it and is killed when the grace period ends.
    /// Returns true if a preStop handler failed.
    pub fn stop(&mut self, now: i64, grace_s: i64) -> bool {
        let grace_ms = grace_s.max(0) * 1000;
        let State::Running { .. } = self.state else {
            self.stop_at = Some(now);
            return false;
        };
        let mut hook_ms = 0;
        let mut failed = false;
        if let Some(p) = self.process.as_mut() {
            match &self.pre_stop {
                Some(Hook::Exec(argv)) => {
                    let mut shell = p.shell_at(now);
                    let at = process::ExecAt::next_in(p, now);
                    let (out, end) = process::exec_in(&mut shell, &p.spec, argv, "", at);
                    p.record_exec(now, argv, "");
                    hook_ms = end - now;
                    failed = out.status != 0;
                }
                Some(Hook::Sleep(s)) => hook_ms = s * 1000,
                _ => {}
            }
        }
        let handles_term = self
            .process
            .as_ref()
            .is_some_and(|p| p.serving_at(now).is_some());
        let (at, code) = if handles_term && hook_ms + STOP_MS < grace_ms {
            (now + hook_ms + STOP_MS, 0)
        } else if grace_ms == 0 {
            (now, 137)
        } else {
            (now + grace_ms, 137)
        };
        self.stop_at = Some(at);
        self.stop_code = code;
        failed
    }

    /// The main process ended by the stop: 0 Completed after a clean
    /// SIGTERM, 137 Error after SIGKILL.
    pub fn mark_stopped(&mut self, now: i64) {
        if let State::Running { started_at } = self.state {
            let code = self.stop_code;
            self.state = State::Terminated {
                exit_code: code,
                reason: if code == 0 { "Completed" } else { "Error" }.into(),
                started_at,
                finished_at: now,
            };
        }
    }

    /// The node stopped under the running container (`docker stop` of the
    /// node): once the kubelet is back it finds it gone — terminated with
    /// reason Unknown, exit code 255 — and starts it again at once.
    pub fn lost(&mut self, stopped_at: i64, now: i64) {
        if let State::Running { started_at } = self.state {
            self.last_terminated = Some(State::Terminated {
                exit_code: 255,
                reason: "Unknown".into(),
                started_at,
                finished_at: stopped_at,
            });
            self.state = Self::waiting("CrashLoopBackOff", None, now, false);
        }
    }

    pub fn stopped_by(&self, now: i64) -> bool {
        self.stop_at.is_some_and(|t| now >= t)
    }
}

impl Step {
    pub fn report(
        &self,
        api: &mut ApiServer,
        pod: &Value,
        c: &Container,
        source: &Source,
        ns: &str,
        name: &str,
    ) {
        let fp = c.field_path();
        match self {
            Step::Event {
                kind,
                reason,
                message,
            } => {
                // The back-off texts name the pod as `<pod>_<ns>(<uid>)`.
                let mut message = message.clone();
                if message.ends_with(" in pod ") || message.ends_with(" pod=") {
                    let uid = meta::str_at(pod, &["metadata", "uid"]).unwrap_or("");
                    message.push_str(&format!("{name}_{ns}({uid})"));
                }
                recorder::record(api, pod, Some(&fp), kind, reason, &message, source);
            }
            Step::Pulled { message } => {
                recorder::record(api, pod, Some(&fp), "Normal", "Pulled", message, source)
            }
            Step::Log(chunks) => {
                for (t, text) in chunks {
                    api.append_log_at(ns, name, &c.name, text, *t);
                }
            }
            Step::Restarted => api.rotate_log(ns, name, &c.name),
        }
    }
}

/// The kubelet's `Failed` warning for an error it puts the container in
/// (`Error: <reason or message>`).
fn failed(steps: &mut Vec<Step>, what: &str) {
    steps.push(Step::Event {
        kind: "Warning",
        reason: "Failed",
        message: format!("Error: {what}"),
    });
}

#[cfg(test)]
mod tests {
    use super::go_duration;

    #[test]
    fn durations_like_go() {
        assert_eq!(go_duration(523), "523ms");
        assert_eq!(go_duration(5237), "5.237s");
        assert_eq!(go_duration(2000), "2s");
        assert_eq!(go_duration(2500), "2.5s");
        assert_eq!(go_duration(62_500), "1m2.5s");
    }
}
