//! A container's main process over virtual time. The command runs in the
//! project's own shell (`kubeplay-shell`) against the image's file system;
//! `sleep` moves the process's own clock, and the image's programs (nginx,
//! redis-server, ...) print their logs and keep serving. A process is
//! simulated from its start up to a moment (`until`) and stopped there;
//! because everything is deterministic, simulating again to a later moment
//! gives the same past, so the kubelet extends the window as time passes
//! and never runs an endless loop for real. The shell's step and output
//! limits bound every run.

pub use super::main_net::{NetAnswer, NetCall, Steady};
use crate::images::{self, userland, Image, Program, Then, Tools};
use crate::network::NetTools;
use kubeplay_shell::{Invocation, Output, Programs, Shell, Stream, Vfs};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far past the needed moment a simulation looks (fewer re-runs).
const MIN_WINDOW_MS: i64 = 60_000;
/// File-system snapshots one simulation keeps (each when the files changed).
const MAX_SNAPSHOTS: usize = 200;

/// What the kubelet starts: the image, argv after ENTRYPOINT/CMD, the
/// environment, and the limits that matter to the process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcSpec {
    pub image: String,
    pub argv: Vec<String>,
    pub env: BTreeMap<String, String>,
    pub workdir: Option<String>,
    pub hostname: String,
    pub pod_ip: String,
    pub memory_limit_mib: Option<u64>,
    /// The CPU limit: usage above it is throttled away.
    #[serde(default)]
    pub cpu_limit_milli: Option<u64>,
    /// Files the kubelet mounts (configMap/secret volumes): path → content.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// `stdin: true`: a shell started without a script waits for input
    /// (`kubectl run -it`, `kubectl debug -it`) instead of exiting.
    #[serde(default)]
    pub stdin: bool,
    /// The cluster API server's port (the `kubernetes` Service's target),
    /// which system components name in their logs.
    #[serde(default)]
    pub api_port: u16,
    /// The holder identity of the leader-election Lease named after the
    /// container (kube-scheduler, kube-controller-manager), when it holds one.
    #[serde(default)]
    pub leader: Option<String>,
    /// The processes of the containers that share this one's PID
    /// namespace (`kubectl debug --target`, `shareProcessNamespace`).
    #[serde(default)]
    pub pid_peers: Vec<super::ps::Peer>,
}

/// How a process ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exit {
    pub at: i64,
    pub code: i32,
    pub reason: String,
    pub message: Option<String>,
}

/// A program of the image that is serving (listening, using resources).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Serving {
    pub since: i64,
    pub program: String,
}

/// What a simulation up to some moment found.
pub struct Sim {
    pub shell: Shell,
    pub output: Vec<(i64, String)>,
    pub exit: Option<Exit>,
    pub serving: Vec<Serving>,
    /// The run hit the shell's step or output limit: it is treated as
    /// running on silently.
    pub frozen: bool,
    /// The files from each moment they changed (None: too many to keep).
    pub snapshots: Option<Vec<(i64, Vfs)>>,
    /// The network call the run stopped at, for the world to answer.
    pub pending: Option<NetCall>,
    /// The run settled into a loop repeating one call (a load generator).
    pub steady: Option<Steady>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Process {
    pub spec: ProcSpec,
    pub started_at: i64,
    /// Simulated up to here (absolute ms).
    pub(super) horizon: i64,
    pub(super) output: Vec<(i64, String)>,
    emitted: usize,
    pub exit: Option<Exit>,
    pub serving: Vec<Serving>,
    pub(super) frozen: bool,
    /// Commands run inside the container besides the main process
    /// (`kubectl exec`, lifecycle hooks): when, argv and stdin. They are
    /// replayed on the file system so their writes last.
    #[serde(default)]
    execs: Vec<(i64, Vec<String>, String)>,
    /// When a command of `execs` (by index) was stopped before its end
    /// (Ctrl-C at its terminal): it wrote nothing after.
    #[serde(default)]
    exec_stops: BTreeMap<usize, i64>,
    /// The files as the main process left them, from each moment they
    /// changed up to the horizon: exec and probes start from these instead
    /// of simulating again.
    #[serde(default)]
    snapshots: Option<Vec<(i64, Vfs)>>,
    /// The answers the world gave the main process's network calls (wget,
    /// curl), each at its moment: a simulation again replays them.
    #[serde(default)]
    pub(super) answers: Vec<NetAnswer>,
    /// The call the process waits on until the world reaches its moment.
    #[serde(default)]
    pub(super) pending: Option<NetCall>,
    /// A loop of one call: from here on the rate model goes on without
    /// the shell (`main_net.rs`).
    #[serde(default)]
    pub(super) steady: Option<Steady>,
}

impl Process {
    pub fn start(spec: ProcSpec, now: i64) -> Process {
        let mut p = Process {
            spec,
            started_at: now,
            horizon: now,
            output: vec![],
            emitted: 0,
            exit: None,
            serving: vec![],
            frozen: false,
            execs: vec![],
            exec_stops: BTreeMap::new(),
            snapshots: None,
            answers: vec![],
            pending: None,
            steady: None,
        };
        p.extend_to(now);
        p
    }

    /// Simulates (again) far enough to know what happens up to `now`.
    pub(super) fn extend_to(&mut self, now: i64) {
        if self.exit.is_some()
            || self.frozen
            || self.pending.is_some()
            || self.steady.is_some()
            || (now < self.horizon && self.horizon > self.started_at)
        {
            return;
        }
        let window = (now - self.started_at).max(MIN_WINDOW_MS);
        let until = now + window;
        let sim = simulate_with(&self.spec, self.started_at, until, &self.answers);
        self.output = sim.output;
        self.exit = sim.exit;
        self.serving = sim.serving;
        self.frozen = sim.frozen;
        self.snapshots = sim.snapshots;
        self.horizon = until;
        if let Some(call) = sim.pending {
            // Nothing is known past the call until the world answers it.
            self.horizon = call.at;
            self.pending = Some(call);
        }
        if let Some(steady) = sim.steady {
            self.pending = None;
            self.horizon = i64::MAX / 4;
            self.steady = Some(steady);
        }
    }

    /// Output written up to `now` not handed out before, and the exit if it
    /// happened by then.
    pub fn advance(&mut self, now: i64) -> (String, Option<Exit>) {
        let (chunks, exit) = self.advance_timed(now);
        (chunks.into_iter().map(|(_, c)| c).collect(), exit)
    }

    /// `advance` with the moment each piece of output was written (for
    /// the log's timestamps).
    pub fn advance_timed(&mut self, now: i64) -> (Vec<(i64, String)>, Option<Exit>) {
        self.extend_to(now);
        let mut chunks = vec![];
        while let Some((t, chunk)) = self.output.get(self.emitted) {
            if *t > now {
                break;
            }
            chunks.push((*t, chunk.clone()));
            self.emitted += 1;
        }
        let exit = self.exit.clone().filter(|e| e.at <= now);
        (chunks, exit)
    }

    /// Stops the process at `at` with `code` (the kubelet's kill), unless
    /// it exits sooner by itself.
    pub fn kill(&mut self, at: i64, code: i32) {
        self.extend_to(at);
        if self.exit.as_ref().is_some_and(|e| e.at <= at) {
            return;
        }
        self.exit = Some(Exit {
            at,
            code,
            reason: if code == 0 { "Completed" } else { "Error" }.into(),
            message: None,
        });
    }

    /// When something next happens on its own: it exits, or the simulated
    /// window runs out.
    pub fn next_wakeup(&self) -> Option<i64> {
        match &self.exit {
            Some(e) => Some(e.at),
            None if self.frozen => None,
            None => Some(self.net_wakeup().unwrap_or(self.horizon)),
        }
    }

    /// The program serving at `now`, if any (for probes and usage).
    pub fn serving_at(&self, now: i64) -> Option<(&'static Program, i64)> {
        let image = image_of(&self.spec.image)?;
        self.serving
            .iter()
            .rev()
            .find(|s| s.since <= now)
            .and_then(|s| image.program(&s.program).map(|p| (p, s.since)))
    }

    /// The container's state at `now`: its shell with the file system the
    /// process left, for exec and exec probes.
    pub fn shell_at(&self, now: i64) -> Shell {
        self.shell_before(now, usize::MAX)
    }

    /// `shell_at` with only the first `execs` commands run in the container
    /// replayed (an exec simulated again must not see its own writes twice).
    pub fn shell_before(&self, now: i64, execs: usize) -> Shell {
        let snapshot = self
            .snapshots
            .as_ref()
            .filter(|_| now < self.horizon)
            .and_then(|s| {
                s.iter()
                    .rev()
                    .find(|(t, _)| *t <= now)
                    .map(|(_, v)| v.clone())
            });
        let mut shell = match snapshot {
            Some(vfs) => {
                let mut sh = container_shell(&self.spec, image_of(&self.spec.image), now);
                *sh.vfs_mut() = vfs;
                sh.vfs_mut().set_now(now);
                sh
            }
            None => {
                simulate_with(
                    &self.spec,
                    self.started_at,
                    now.max(self.started_at),
                    &self.answers,
                )
                .shell
            }
        };
        shell.set_now(now);
        let execs = self.execs.iter().enumerate().take(execs);
        for (i, (t, argv, stdin)) in execs.filter(|(_, (t, ..))| *t <= now) {
            // A command still running by `now` has written only so far.
            let stop = self.exec_stops.get(&i).copied().unwrap_or(i64::MAX);
            let until = (*t + EXEC_BOUND_MS).min(now).min(stop);
            let at = ExecAt {
                start: *t,
                until,
                index: i,
                since: self.started_at,
            };
            exec_until(&mut shell, &self.spec, argv, stdin, at, None);
        }
        shell
    }

    /// Remembers a command run in the container at `t`, so what it wrote
    /// stays in the container's files.
    pub fn record_exec(&mut self, t: i64, argv: &[String], stdin: &str) {
        self.execs.push((t, argv.to_vec(), stdin.to_string()));
    }

    /// The command run `index`-th in the container stopped at `at`.
    pub fn stop_exec(&mut self, index: usize, at: i64) {
        if index < self.execs.len() {
            self.exec_stops.insert(index, at);
        }
    }

    /// How many commands were run in the container so far.
    pub fn exec_count(&self) -> usize {
        self.execs.len()
    }
}

/// Runs `argv` in a container's shell as a second process starting at
/// `at.start`: its output and status, and when it ended (its own `sleep`s count).
pub fn exec_in(
    shell: &mut Shell,
    spec: &ProcSpec,
    argv: &[String],
    stdin: &str,
    at: ExecAt,
) -> (Output, i64) {
    let run = exec_until(shell, spec, argv, stdin, at, None);
    (run.out, run.end)
}

/// How far a command run in a container is simulated at once: an endless
/// loop stops there.
pub const EXEC_BOUND_MS: i64 = 3_600_000;

/// When a command runs in a container: from `start` up to `until`, the
/// `index`-th command run there, in a container started at `since`.
#[derive(Clone, Copy, Debug)]
pub struct ExecAt {
    pub start: i64,
    pub until: i64,
    pub index: usize,
    pub since: i64,
}

impl ExecAt {
    /// The next command run in `proc` from `start`, as far as it goes.
    pub fn next_in(proc: &Process, start: i64) -> ExecAt {
        ExecAt {
            start,
            until: start + EXEC_BOUND_MS,
            index: proc.exec_count(),
            since: proc.started_at,
        }
    }
}

/// A command run in a container up to a moment.
pub struct ExecRun {
    pub out: Output,
    /// Where its clock got to.
    pub end: i64,
    /// Each chunk written with its moment (`true`: stderr).
    pub timed: Vec<(i64, bool, String)>,
    /// It was still running at `until`.
    pub halted: bool,
}

/// Runs `argv` in the container from `at.start` up to `at.until`.
pub fn exec_until(
    shell: &mut Shell,
    spec: &ProcSpec,
    argv: &[String],
    stdin: &str,
    at: ExecAt,
    net: Option<&mut dyn NetTools>,
) -> ExecRun {
    let image = image_of(&spec.image);
    let t = at.start;
    let mut host = ProcHost {
        net,
        image,
        spec,
        now: t,
        until: at.until,
        halted: false,
        timed: Some(vec![]),
        output: vec![],
        killed: None,
        serving: vec![],
        snapshots: None,
        woke_at: None,
        answers: None,
        used: 0,
        pending: None,
        calls: vec![],
        deadline: None,
        pids: super::ps::Pids::exec(&spec.pid_peers, &spec.argv, at.since, at.index, argv, t),
    };
    let first = argv.first().cloned().unwrap_or_default();
    let mut line: Vec<String> = argv.iter().map(|a| quote(a)).collect();
    if let Some(f) = line.first_mut() {
        if first.contains('/') && !shell.vfs().exists(&first) {
            *f = quote(first.rsplit('/').next().unwrap_or(""));
        }
    }
    let text = line.join(" ");
    shell.set_now(t);
    // Exactly the bytes `kubectl exec -i` sent: no newline added or lost.
    let out = shell.run_with_stdin(&text, stdin, &mut host);
    ExecRun {
        out,
        end: host.now,
        timed: host.timed.unwrap_or_default(),
        halted: host.halted,
    }
}

pub fn image_of(image: &str) -> Option<&'static Image> {
    images::parse(image).ok().as_ref().and_then(images::lookup)
}

/// The binary named after the image, which system pods that name no
/// command run (static pods, kindnet).
pub fn own_binary(image: &Image) -> Option<String> {
    let own = image.repository.rsplit('/').next().unwrap_or("");
    image.program(own).map(|_| own.to_string())
}

/// Whether `name` can be executed in the image (its programs, or its
/// userland's shell and tools).
pub fn executable(image: &Image, name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    if image.program(base).is_some() || is_wrapper(image, name) {
        return true;
    }
    let provided = kubeplay_shell::is_tool(base)
        || crate::network::net_tool(Some(image), base)
        || (base == "ps" && userland::has_busybox_ps(image));
    image.has_shell() && provided && userland::has_tool(image, base)
}

/// What a container whose argv is `argv` ends up running: the image's own
/// binary when nothing is named, past the entrypoint scripts that only
/// exec their arguments.
pub fn runs(image: &Image, mut argv: Vec<String>) -> Vec<String> {
    if argv.is_empty() {
        argv.extend(own_binary(image));
    }
    while argv.len() > 1 && is_wrapper(image, &argv[0]) {
        argv.remove(0);
    }
    argv
}

/// An entrypoint script that only runs its arguments (docker-entrypoint.sh).
fn is_wrapper(image: &Image, name: &str) -> bool {
    image.entrypoint.first() == Some(&name)
        && image.program(name).is_none()
        && (name.ends_with("entrypoint.sh") || name.ends_with("-entrypoint"))
}

/// A fresh container: the shell, its environment and the image's files.
pub fn container_shell(spec: &ProcSpec, image: Option<&Image>, now: i64) -> Shell {
    let mut sh = Shell::new("root", &spec.hostname);
    sh.set_now(now);
    sh.set_sh_flavor(match image.map(|i| i.tools) {
        Some(Tools::Busybox) => kubeplay_shell::ShFlavor::Ash,
        Some(Tools::Gnu) => kubeplay_shell::ShFlavor::Dash,
        _ => kubeplay_shell::ShFlavor::Bash,
    });
    // A container's root, not the terminal's home.
    sh.vfs_mut().remove_all("/root/.kube");
    let dirs: &[&str] = match image.map(|i| i.tools) {
        Some(Tools::Busybox) => &["/bin", "/lib", "/proc", "/sys", "/var/spool"],
        _ => &[
            "/bin", "/boot", "/lib", "/media", "/mnt", "/opt", "/proc", "/run", "/sbin", "/srv",
            "/sys",
        ],
    };
    for d in dirs {
        let _ = sh.vfs_mut().mkdir_p(d);
    }
    if let Some(img) = image {
        match userland::os_release(img) {
            Some(Some(text)) => sh.vfs_mut().write("/etc/os-release", text),
            Some(None) => sh.vfs_mut().remove_all("/etc/os-release"),
            None => {}
        }
        for (path, content) in img.files {
            sh.vfs_mut().write(path, content);
        }
    }
    for (path, content) in &spec.files {
        sh.vfs_mut().write(path, content);
    }
    sh.set_env(spec.env.clone());
    let cwd = spec.workdir.clone().unwrap_or_else(|| "/".into());
    let _ = sh.vfs_mut().mkdir_p(&cwd);
    sh.set_cwd(&cwd);
    sh
}

/// Runs the process from `start` until it exits or `until` comes.
pub fn simulate(spec: &ProcSpec, start: i64, until: i64) -> Sim {
    simulate_with(spec, start, until, &[])
}

/// `simulate` with the answers its network calls got: it stops at the
/// first call not answered yet.
pub fn simulate_with(spec: &ProcSpec, start: i64, until: i64, answers: &[NetAnswer]) -> Sim {
    let image = image_of(&spec.image);
    let mut shell = container_shell(spec, image, start);
    // The main process writes to the container runtime's log pipe.
    shell.set_tty(false);
    let mut argv = spec.argv.clone();
    if let Some(img) = image {
        argv = runs(img, argv);
    }
    // The runtime execs argv[0] itself: a path to a tool the simulation
    // provides (`/hello`, `/bin/sh`) runs that tool.
    if let Some(first) = argv.first_mut() {
        if first.contains('/') && !shell.vfs().exists(first) {
            *first = first.rsplit('/').next().unwrap_or("").to_string();
        }
    }
    let mut host = ProcHost {
        image,
        spec,
        now: start,
        until,
        halted: false,
        timed: None,
        output: vec![],
        killed: None,
        serving: vec![],
        snapshots: Some(vec![(start, shell.vfs().clone())]),
        woke_at: None,
        net: None,
        answers: Some(answers),
        used: 0,
        pending: None,
        calls: vec![],
        deadline: None,
        pids: super::ps::Pids::main(&spec.pid_peers, &argv, start),
    };
    let line = argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
    if spec.stdin && waits_for_input(&argv) {
        host.halted = true;
    }
    let out = if host.halted {
        Output::default()
    } else {
        shell.run(&line, &mut host)
    };
    let limited = out.stderr().contains("limit exceeded (");
    let exit = if let Some(k) = host.killed.take() {
        Some(k)
    } else if host.halted || limited {
        None
    } else {
        Some(Exit {
            at: host.now,
            code: out.status,
            reason: if out.status == 0 {
                "Completed"
            } else {
                "Error"
            }
            .into(),
            message: None,
        })
    };
    let steady = super::main_net::steady(&host, answers, &line);
    let mut snapshots = host.snapshots.take();
    host.snapshot(shell.vfs());
    if let (Some(s), Some(h)) = (snapshots.as_mut(), host.snapshots) {
        *s = h;
    }
    Sim {
        shell,
        output: host.output,
        exit,
        serving: host.serving,
        frozen: limited && !host.halted,
        snapshots,
        pending: host.pending,
        steady,
    }
}

/// A shell with no script to run reads its commands from stdin.
pub fn waits_for_input(argv: &[String]) -> bool {
    let shells = ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"];
    match argv {
        [one] => shells.contains(&one.as_str()),
        [one, flag] => shells.contains(&one.as_str()) && matches!(flag.as_str(), "-i" | "-l"),
        _ => false,
    }
}

/// Single-quotes a word for the shell.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// The programs a container provides to its shell: `sleep` on the
/// process's clock, `tail -f` that never ends, and the image's programs.
pub struct ProcHost<'a, 'n> {
    /// The pod's network, for a command run by `kubectl exec`.
    pub net: Option<&'n mut dyn NetTools>,
    pub image: Option<&'static Image>,
    pub spec: &'a ProcSpec,
    pub now: i64,
    pub until: i64,
    pub halted: bool,
    /// What an exec wrote to its terminal, with the moment and stream
    /// (`true`: stderr): its output as time passes (None: the main process).
    pub timed: Option<Vec<(i64, bool, String)>>,
    pub output: Vec<(i64, String)>,
    pub killed: Option<Exit>,
    pub serving: Vec<Serving>,
    /// The files each time they changed (the main process only).
    pub snapshots: Option<Vec<(i64, Vfs)>>,
    /// When the last wait ended: what the process does right after a
    /// `sleep` happens a hair after that moment (a probe at that very
    /// moment still sees the files as they were).
    pub woke_at: Option<i64>,
    /// The main process: its network calls' answers so far (None in exec).
    pub answers: Option<&'a [NetAnswer]>,
    /// How many answers the run used.
    pub used: usize,
    /// The first call without an answer: the run stops there.
    pub pending: Option<NetCall>,
    /// The processes in the container's PID namespace, for `ps`.
    pub pids: super::ps::Pids,
    /// Every network call of the run: when, what, and how much output
    /// came before it (to recognise a loop).
    pub calls: Vec<super::main_net::CallMark>,
    /// A `timeout`'s deadline: a wait ends there (the shell kills its
    /// command).
    pub deadline: Option<i64>,
}

impl ProcHost<'_, '_> {
    /// Keeps the files as they are now if they changed since the last snapshot.
    fn snapshot(&mut self, vfs: &Vfs) {
        let Some(list) = self.snapshots.as_mut() else {
            return;
        };
        if list.last().is_some_and(|(_, v)| v.same_files(vfs)) {
            return;
        }
        if list.len() >= MAX_SNAPSHOTS {
            self.snapshots = None;
            return;
        }
        let at = if self.woke_at == Some(self.now) {
            self.now + 1
        } else {
            self.now
        };
        list.push((at, vfs.clone()));
    }

    /// Waits `ms` on the process clock; past `until` the run stops.
    pub(super) fn wait(&mut self, ms: i64) {
        let target = self.now.saturating_add(ms);
        let target = self
            .deadline
            .map_or(target, |d| target.min(d.max(self.now)));
        if target >= self.until {
            self.now = self.until;
            self.halted = true;
        } else {
            self.now = target;
            self.woke_at = Some(target);
        }
    }

    fn say(&mut self, text: &str) {
        if !text.is_empty() {
            self.output.push((self.now, text.to_string()));
        }
    }

    fn render(&self, text: &str, env: &BTreeMap<String, String>) -> String {
        let host = images::LogHost {
            hostname: &self.spec.hostname,
            pod_ip: &self.spec.pod_ip,
            api_port: self.spec.api_port,
            leader: self.spec.leader.as_deref(),
        };
        let mut s = images::render_log(text, self.now, &host);
        let mut keys: Vec<&String> = env.keys().collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        for k in keys {
            s = s.replace(&format!("${k}"), &env[k]);
        }
        s
    }

    fn run_program(
        &mut self,
        p: &'static Program,
        name: &str,
        env: &BTreeMap<String, String>,
    ) -> i32 {
        if let Some(req) = &p.requires {
            let ok = req
                .any_of
                .iter()
                .any(|k| env.get(*k).is_some_and(|v| !v.is_empty()));
            if !ok {
                let text = self.render(req.stderr, env);
                self.say(&text);
                return req.exit_code;
            }
        }
        let log = self.render(p.log, env);
        self.say(&log);
        match p.then {
            Then::Serve | Then::Burn { .. } | Then::Busy { .. } => {
                self.serving.push(Serving {
                    since: self.now,
                    program: name.to_string(),
                });
                self.wait(i64::MAX / 4);
                0
            }
            Then::Exit {
                after_ms,
                after_env,
                code,
                last_words,
            } => {
                let ms = after_env
                    .and_then(|k| env.get(k))
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .map_or(after_ms, |s| s.saturating_mul(1000));
                self.serving.push(Serving {
                    since: self.now,
                    program: name.to_string(),
                });
                self.wait(ms);
                if self.halted {
                    return 0;
                }
                let words = self.render(last_words, env);
                self.say(&words);
                code
            }
            Then::Leak { mib_per_sec } => {
                self.serving.push(Serving {
                    since: self.now,
                    program: name.to_string(),
                });
                let rate = i64::from(mib_per_sec.max(1));
                match self.spec.memory_limit_mib {
                    Some(limit) => {
                        let over = (limit as i64 - i64::from(p.memory_mib)).max(0);
                        let secs = over / rate + 1;
                        let at = self.now + secs * 1000;
                        self.wait(secs * 1000);
                        if !self.halted {
                            self.killed = Some(Exit {
                                at,
                                code: 137,
                                reason: "OOMKilled".into(),
                                message: None,
                            });
                            self.halted = true;
                        }
                    }
                    None => self.wait(i64::MAX / 4),
                }
                0
            }
        }
    }
}

/// GNU/busybox sleep intervals: `N`, `Ns`, `Nm`, `Nh`, `Nd`, `infinity`.
fn interval_ms(a: &str) -> Option<i64> {
    if a == "infinity" || a == "inf" {
        return Some(i64::MAX / 4);
    }
    let (num, factor) = match a.chars().last()? {
        's' => (&a[..a.len() - 1], 1.0),
        'm' => (&a[..a.len() - 1], 60.0),
        'h' => (&a[..a.len() - 1], 3600.0),
        'd' => (&a[..a.len() - 1], 86400.0),
        _ => (a, 1.0),
    };
    let n: f64 = num.parse().ok()?;
    Some((n.max(0.0) * factor * 1000.0).min(1e15) as i64)
}

impl Programs for ProcHost<'_, '_> {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        let name = inv.argv.first()?.clone();
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        let pid = self.pids.start(&inv.argv);
        let mut out = Output::default();
        if base == "ps" && self.image.is_some_and(userland::has_busybox_ps) {
            let args = inv.argv.join(" ");
            let procs = self.pids.listing(pid, &args, self.now);
            return Some(super::ps::busybox_ps(
                &inv.argv[1..],
                &procs,
                inv.stdout_tty,
            ));
        }
        // Time is about to pass: remember the files as they are.
        self.snapshot(inv.vfs);
        if let Some(net) = self.net.as_deref_mut() {
            if let Some(ran) = net.run(
                self.image,
                &base,
                &inv.argv[1..],
                inv.vfs,
                inv.cwd,
                inv.stdout_tty,
            ) {
                self.now += ran.elapsed_ms;
                return Some(ran.out);
            }
        }
        if self.answers.is_some() && crate::network::net_tool(self.image, &base) {
            return Some(self.net_call(base, &inv.argv[1..], inv.vfs, inv.cwd));
        }
        if let Some(img) = self.image {
            if let Some(p) = img.program(&base) {
                // `nginx -s reload`, `-t`, `-v` answer and return.
                if base == "nginx" {
                    let version = inv.env.get("NGINX_VERSION").cloned().unwrap_or_default();
                    let stamp = self.render("{nginx}", inv.env);
                    if let Some(o) = super::nginx_cli::answer(&inv.argv[1..], &version, &stamp, pid)
                    {
                        return Some(o);
                    }
                }
                out.status = self.run_program(p, &base, inv.env);
                return Some(out);
            }
            if !img.has_shell() {
                return None;
            }
        }
        match base.as_str() {
            "sleep" => {
                let mut total: i64 = 0;
                for a in &inv.argv[1..] {
                    match interval_ms(a) {
                        Some(ms) => total = total.saturating_add(ms),
                        None => {
                            out.err(format!("sleep: invalid number '{a}'\n"));
                            out.status = 1;
                            return Some(out);
                        }
                    }
                }
                if inv.argv.len() < 2 {
                    out.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
                    out.status = 1;
                    return Some(out);
                }
                self.wait(total);
                Some(out)
            }
            _ => None,
        }
    }

    fn names(&self) -> Vec<&'static str> {
        let ps = self.image.is_some_and(userland::has_busybox_ps);
        if ps {
            vec!["sleep", "ps"]
        } else {
            vec!["sleep"]
        }
    }

    fn installed(&self, name: &str) -> bool {
        self.image.is_none_or(|i| userland::has_tool(i, name))
    }

    fn clock(&self) -> Option<i64> {
        Some(self.now)
    }

    fn halted(&self) -> bool {
        self.halted
    }

    /// `tail -f`: waits until the process is stopped.
    fn hold(&mut self) -> Option<i32> {
        self.wait(i64::MAX / 4);
        Some(0)
    }

    fn deadline(&self) -> Option<i64> {
        self.deadline
    }

    fn set_deadline(&mut self, at: Option<i64>) {
        self.deadline = at;
    }

    fn wrote(&mut self, stream: Stream, text: &str) {
        if let Some(timed) = self.timed.as_mut() {
            timed.push((self.now, stream == Stream::Stderr, text.to_string()));
        }
        self.say(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(image: &str, argv: &[&str], env: &[(&str, &str)]) -> ProcSpec {
        ProcSpec {
            image: image.into(),
            argv: argv.iter().map(|s| s.to_string()).collect(),
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            workdir: None,
            hostname: "pod-1".into(),
            pod_ip: "10.244.0.5".into(),
            memory_limit_mib: None,
            cpu_limit_milli: None,
            files: BTreeMap::new(),
            stdin: false,
            api_port: 8443,
            leader: None,
            pid_peers: vec![],
        }
    }

    const T0: i64 = 1_748_768_400_000;

    #[test]
    fn echo_then_sleep_keeps_running() {
        let mut p = Process::start(
            spec("busybox", &["sh", "-c", "echo hi; sleep 3600"], &[]),
            T0,
        );
        assert_eq!(p.advance(T0), ("hi\n".to_string(), None));
        let (more, exit) = p.advance(T0 + 3_599_000);
        assert_eq!(more, "");
        assert!(exit.is_none());
        let (_, exit) = p.advance(T0 + 3_600_000);
        assert_eq!(
            exit.map(|e| (e.code, e.reason)),
            Some((0, "Completed".into()))
        );
    }

    #[test]
    fn endless_loop_logs_over_virtual_time() {
        let mut p = Process::start(
            spec(
                "busybox",
                &[
                    "sh",
                    "-c",
                    "i=0; while true; do i=$((i+1)); echo tick $i; sleep 5; done",
                ],
                &[],
            ),
            T0,
        );
        assert_eq!(p.advance(T0 + 1).0, "tick 1\n");
        assert_eq!(p.advance(T0 + 12_000).0, "tick 2\ntick 3\n");
        // Far beyond the first window: simulated again, same past.
        let (text, exit) = p.advance(T0 + 200_000);
        assert!(
            text.starts_with("tick 4\n") && text.ends_with("tick 41\n"),
            "{text}"
        );
        assert!(exit.is_none());
    }

    #[test]
    fn exit_codes_and_date_follow_the_clock() {
        let mut p = Process::start(
            spec("alpine", &["sh", "-c", "sleep 2; date +%T; exit 3"], &[]),
            T0,
        );
        let (text, exit) = p.advance(T0 + 5_000);
        assert_eq!(text, "09:00:02\n");
        let e = exit.unwrap();
        assert_eq!((e.code, e.at, e.reason.as_str()), (3, T0 + 2_000, "Error"));
    }

    #[test]
    fn images_run_their_programs() {
        let mut redis = Process::start(
            spec("redis", &["docker-entrypoint.sh", "redis-server"], &[]),
            T0,
        );
        let (log, exit) = redis.advance(T0 + 1000);
        assert!(log.contains("Ready to accept connections tcp"));
        assert!(exit.is_none());
        assert!(redis.serving_at(T0).is_some_and(|(p, _)| p.ports == [6379]));

        let mut pg = Process::start(
            spec("postgres", &["docker-entrypoint.sh", "postgres"], &[]),
            T0,
        );
        let (log, exit) = pg.advance(T0 + 1000);
        assert!(log.starts_with("Error: Database is uninitialized"));
        assert_eq!(exit.unwrap().code, 1);

        let mut pg = Process::start(
            spec(
                "postgres",
                &["docker-entrypoint.sh", "postgres"],
                &[("POSTGRES_PASSWORD", "x")],
            ),
            T0,
        );
        let (log, exit) = pg.advance(T0 + 1000);
        assert!(log.ends_with("database system is ready to accept connections\n"));
        assert!(exit.is_none());
    }

    #[test]
    fn leaks_until_the_limit_kills() {
        let mut s = spec("kubeplay/memory-leak", &["memory-leak"], &[]);
        s.memory_limit_mib = Some(100);
        let mut p = Process::start(s, T0);
        let (_, exit) = p.advance(T0 + 60_000);
        let e = exit.unwrap();
        assert_eq!(
            (e.code, e.reason.as_str(), e.at),
            (137, "OOMKilled", T0 + 10_000)
        );
    }

    #[test]
    fn files_at_a_moment() {
        let p = Process::start(
            spec(
                "busybox",
                &[
                    "sh",
                    "-c",
                    "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
                ],
                &[],
            ),
            T0,
        );
        assert!(p.shell_at(T0).vfs().exists("/tmp/healthy"));
        assert!(p.shell_at(T0 + 10_000).vfs().exists("/tmp/healthy"));
        // At the very moment the sleep ends the removal has not happened yet.
        assert!(p.shell_at(T0 + 30_000).vfs().exists("/tmp/healthy"));
        assert!(!p.shell_at(T0 + 30_001).vfs().exists("/tmp/healthy"));
        assert!(!p.shell_at(T0 + 40_000).vfs().exists("/tmp/healthy"));
    }

    #[test]
    fn hello_world_prints_and_exits() {
        let mut p = Process::start(spec("hello-world", &["/hello"], &[]), T0);
        let (log, exit) = p.advance(T0);
        assert!(log.starts_with("\nHello from Docker!\n"));
        assert_eq!(exit.map(|e| e.code), Some(0));
    }

    #[test]
    fn only_the_images_tools_exist() {
        let hello = image_of("hello-world").unwrap();
        assert!(!executable(hello, "sh"));
        assert!(executable(hello, "/hello"));
        let busybox = image_of("busybox").unwrap();
        assert!(executable(busybox, "sh"));
        assert!(!executable(busybox, "bash"));
    }
}
