//! The façade: one simulated cluster and the terminal session attached to it.
//! Hosts (the CLI, the web app, tests) use only this.

use crate::clock::{Time, EPOCH};
use crate::clusters::{Clusters, Fleet, Target};
use crate::events::Poll;
use crate::kubectl;
use crate::presets;
use crate::world::World;
use kubeplay_shell::{Invocation, Output, Programs, Shell};
use serde::{Deserialize, Serialize};

// `world()` / `world_mut()` for hosts like the HTTP server; a child module so
// it may read the private fields.
#[path = "cluster_access.rs"]
mod access;
// `save_to` / `load_from`: what a host persists (the browser's storage).
#[path = "cluster_save.rs"]
mod save;
// `current_target` / `world_of`: the cluster the web diagram follows.
#[path = "cluster_view.rs"]
pub mod view;
// `watch COMMAND`: runs it through the shell on the clock (`crate::watch`).
#[path = "cluster_watch.rs"]
mod watch_host;

/// Which cluster to start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// One node `minikube`, control plane, Kubernetes v1.33.1.
    Minikube,
    /// `kind create cluster`: `kind-control-plane` and two workers.
    Kind,
    /// A kind config with `nodes:` roles: one control plane and N workers.
    KindWorkers(u8),
    /// A kind `Cluster` config file (`kind create cluster --config FILE`).
    KindConfig(presets::KindConfig),
}

impl Preset {
    pub fn from_name(name: &str) -> Option<Preset> {
        match name {
            "minikube" => Some(Preset::Minikube),
            "kind" => Some(Preset::Kind),
            _ => None,
        }
    }
}

/// A whole playground: the cluster and the shell the learner types into.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    preset: Preset,
    /// The cluster the playground booted (an empty world once `kind delete
    /// cluster` removed it).
    world: World,
    /// The kind clusters made from the terminal since (`kind create cluster`).
    #[serde(default)]
    more: Clusters,
    shell: Shell,
    /// A person is at the terminal (browser, REPL): time runs on its own, so
    /// an unbounded watch must not jump it ahead.
    #[serde(default)]
    interactive: bool,
    /// The terminal keeps streaming commands running (see `poll_stream`).
    #[serde(skip)]
    can_stream: bool,
    /// The host draws an editor (see `editing`).
    #[serde(skip)]
    can_edit: bool,
    /// The command still running in the foreground (`get -w`), if any.
    #[serde(skip)]
    stream: Option<kubectl::Stream>,
    /// A terminal attached to a container (`kubectl run -it`): the lines
    /// typed go to the container's shell until it exits.
    #[serde(skip)]
    session: Option<kubectl::Stream>,
    /// The clusters the stream and the session run on.
    #[serde(skip)]
    stream_on: Option<Target>,
    #[serde(skip)]
    session_on: Option<Target>,
    /// Virtual time one line may take before it is stopped as under
    /// `timeout` (the fuzz targets' bound; None for people and scripts).
    #[serde(skip)]
    line_time_limit: Option<i64>,
    /// `watch` redrawing its screen between ticks (the browser), and the
    /// terminal's rows and columns when the host knows them.
    #[serde(skip)]
    watching: Option<watch_host::Running>,
    #[serde(skip)]
    term_size: Option<(usize, usize)>,
}

/// Everything needed to bring a playground back, as plain serde data.
pub type Snapshot = Cluster;

/// The programs the cluster adds to the shell: kubectl, and the ones that
/// take (virtual) time.
struct Host<'a> {
    fleet: Fleet<'a>,
    interactive: bool,
    /// Set while a `timeout` runs its command (virtual time).
    deadline: Option<Time>,
    can_stream: bool,
    can_edit: bool,
    /// A command that goes on printing after it returned, and its cluster.
    stream: Option<(kubectl::Stream, Target)>,
    /// A `watch` left running on a streaming terminal; the screen's size.
    watching: Option<watch_host::Running>,
    term_size: Option<(usize, usize)>,
    preset: Preset,
    /// The shell job the command runs as (`cmd &`), if in the background.
    job: Option<u32>,
    /// The virtual time the background job's sleeps take: it runs on that
    /// long while the terminal goes on.
    job_ms: i64,
    /// What background jobs printed while a program ran.
    terminal: String,
    /// Every program run so far only read the cluster (see `READ_ONLY_VERBS`).
    only_reads: bool,
    /// Every program run so far was kubectl making API requests only (see
    /// `API_WRITE_VERBS`): no exec, attach, copy, network or node change.
    api_only: bool,
}

impl<'a> Host<'a> {
    /// A host for one command line: no terminal powers (streaming, an
    /// editor, real time) until the caller grants them.
    fn new(fleet: Fleet<'a>, preset: Preset, term_size: Option<(usize, usize)>) -> Host<'a> {
        Host {
            fleet,
            interactive: false,
            deadline: None,
            can_stream: false,
            can_edit: false,
            stream: None,
            watching: None,
            term_size,
            preset,
            job: None,
            job_ms: 0,
            terminal: String::new(),
            only_reads: true,
            api_only: true,
        }
    }
}

/// kubectl verbs that only make API requests (besides `READ_ONLY_VERBS`):
/// what they change is in the store (see `World::settle_after_api_writes`).
const API_WRITE_VERBS: &[&str] = &[
    "label",
    "annotate",
    "scale",
    "patch",
    "apply",
    "create",
    "delete",
    "set",
    "rollout",
    "replace",
    "autoscale",
    "expose",
    "taint",
    "cordon",
    "uncordon",
];

/// kubectl verbs that change nothing outside the store (a write they make
/// still moves the revision, so the control loops run after it).
const READ_ONLY_VERBS: &[&str] = &[
    "get",
    "describe",
    "logs",
    "top",
    "events",
    "explain",
    "api-resources",
    "api-versions",
    "version",
    "cluster-info",
    "config",
    "auth",
    "diff",
];

const HOST_PROGRAMS: &[&str] = &[
    "curl", "docker", "kind", "kubectl", "minikube", "nano", "sleep", "vi", "vim", "watch", "wget",
];

/// GNU timeout's exit status when the command ran out of time.
const TIMED_OUT: i32 = 124;

impl Programs for Host<'_> {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        let name = inv.argv.first()?.as_str();
        let verb = inv.argv.iter().skip(1).find(|a| !a.starts_with('-'));
        if name != "kubectl" || !verb.is_some_and(|v| READ_ONLY_VERBS.contains(&v.as_str())) {
            self.only_reads = false;
        }
        let api_verb = |v: &String| {
            READ_ONLY_VERBS.contains(&v.as_str()) || API_WRITE_VERBS.contains(&v.as_str())
        };
        if name != "kubectl" || !verb.is_some_and(api_verb) {
            self.api_only = false;
        }
        // One clock: a command that waited on one cluster moved only it.
        self.fleet.sync();
        match name {
            "kubectl" => {
                let route = kubectl::route::route(&inv.argv[1..], inv.vfs, inv.env, inv.cwd);
                let target = match route {
                    kubectl::route::Route::Local => self.fleet.any(),
                    kubectl::route::Route::Server(url) => match self.fleet.target_of(&url) {
                        Some(t) => t,
                        None => {
                            let now = self.fleet.now();
                            match kubectl::refused(&inv.argv[1..], &url, now) {
                                Some(out) => return Some(out),
                                // It needs no server (a client-side dry run).
                                None => self.fleet.any(),
                            }
                        }
                    },
                    kubectl::route::Route::Error(text) => {
                        let mut out = Output::default();
                        out.err(text);
                        out.status = 1;
                        return Some(out);
                    }
                };
                let mut scratch = None;
                let world = match self.fleet.world(&target) {
                    Some(w) => w,
                    // No cluster is left: `config` and help need none.
                    None => scratch.insert(World::new(0, self.fleet.now())),
                };
                let mut env = kubectl::Env {
                    world,
                    vfs: inv.vfs,
                    env: inv.env,
                    cwd: inv.cwd,
                    stdin: inv.stdin,
                    out: Output::default(),
                    deadline: self.deadline,
                    timed_out: false,
                    interactive: self.interactive,
                    can_stream: self.can_stream,
                    stream: None,
                    job: self.job,
                    can_edit: self.can_edit,
                    stdout_tty: inv.stdout_tty,
                    stdin_tty: inv.stdin_tty,
                };
                let status = kubectl::run(&inv.argv[1..], &mut env);
                if let Some(stream) = env.stream.take() {
                    self.stream = Some((stream, target));
                }
                let mut out = env.out;
                out.status = if env.timed_out { TIMED_OUT } else { status };
                Some(out)
            }
            "minikube" if self.preset == Preset::Minikube => Some(crate::minikube_cli::run(
                self.fleet.boot,
                inv.vfs,
                inv.env,
                &inv.argv[1..],
            )),
            "docker" if self.preset != Preset::Minikube || !self.fleet.more.created.is_empty() => {
                let args = &inv.argv[1..];
                let left = self.deadline.map(|d| d.0 - self.fleet.now().0);
                if self.interactive && self.can_stream && self.deadline.is_none() {
                    // `docker logs -f`: the log, then it waits for Ctrl-C.
                    let follow = |a: &String| a == "-f" || a == "--follow";
                    if args.first().is_some_and(|a| a == "logs") && args.iter().any(follow) {
                        let rest: Vec<String> =
                            args.iter().filter(|a| !follow(a)).cloned().collect();
                        let out = crate::docker_cli::run(&mut self.fleet, &rest, None);
                        if out.status == 0 {
                            self.stream = Some((kubectl::Stream::Listen, Target::Boot));
                        }
                        return Some(out);
                    }
                    if let Some((s, target)) =
                        crate::docker_cli::stats::stream(&mut self.fleet, args)
                    {
                        self.stream = Some((kubectl::Stream::DockerStats(Box::new(s)), target));
                        return Some(Output::default());
                    }
                }
                if let Some((shell, target)) =
                    crate::docker_cli::open_node_shell(&mut self.fleet, args)
                {
                    self.stream = Some((kubectl::Stream::Node(Box::new(shell)), target));
                    return Some(Output::default());
                }
                crate::docker_cli::kubectl_in_node(&mut self.fleet, args, inv.stdin)
                    .or_else(|| Some(crate::docker_cli::run(&mut self.fleet, args, left)))
            }
            "kind" => {
                let mut env = crate::kind_cli::KindEnv {
                    fleet: &mut self.fleet,
                    vfs: inv.vfs,
                    vars: inv.env,
                    cwd: inv.cwd,
                    stdin: inv.stdin,
                };
                Some(crate::kind_cli::run(&mut env, &inv.argv[1..]))
            }
            "curl" | "wget" => {
                // A request to an API server is answered by that cluster
                // (its tokens, its RBAC); anything else sees the same network.
                let target = inv.argv[1..]
                    .iter()
                    .filter_map(|a| crate::network::http::Url::parse(a).ok())
                    .find_map(|u| {
                        let host = if u.host == "localhost" {
                            "127.0.0.1"
                        } else {
                            &u.host
                        };
                        self.fleet.target_of(&format!("https://{host}:{}", u.port))
                    })
                    .unwrap_or_else(|| self.fleet.any());
                let api_servers = self.fleet.api_addresses();
                let left = self.deadline.map(|d| d.0 - self.fleet.now().0);
                let mut scratch = None;
                let world = match self.fleet.world(&target) {
                    Some(w) => w,
                    None => scratch.insert(World::new(0, self.fleet.now())),
                };
                let (out, jobs_wrote) = if name == "curl" {
                    crate::network::host::curl(world, inv, api_servers)
                } else {
                    crate::network::host::wget(world, inv, left, self.interactive, api_servers)
                };
                self.terminal.push_str(&jobs_wrote);
                Some(out)
            }
            // A background sleep does not hold the terminal: it makes the
            // job run on that much longer.
            "sleep" if self.job.is_some() => {
                let ms: Option<i64> = inv.argv[1..].iter().map(|a| parse_interval(a)).sum();
                self.job_ms = self.job_ms.saturating_add(ms.unwrap_or(0));
                Some(Output::default())
            }
            "sleep" => Some(sleep(&mut self.fleet, &inv.argv[1..], self.deadline)),
            "watch" => Some(self.watch(inv)),
            // The minikube terminal is the node itself: its ps, df, free, ip...
            n if self.preset == Preset::Minikube && crate::node_os::PROGRAMS.contains(&n) => {
                let cols = self.term_size.map(|(_, c)| c);
                Some(crate::node_os::run(&mut self.fleet, inv, cols))
            }
            "vi" | "vim" | "nano" => {
                let (out, edit) = crate::editor::program(&inv, self.can_edit && self.job.is_none());
                if let Some(edit) = edit {
                    self.stream = Some((kubectl::Stream::Edit(Box::new(edit)), self.fleet.any()));
                }
                Some(out)
            }
            _ => None,
        }
    }

    fn names(&self) -> Vec<&'static str> {
        let mut names = HOST_PROGRAMS.to_vec();
        if self.preset == Preset::Minikube {
            names.extend(crate::node_os::PROGRAMS);
        }
        names
    }

    /// The clock after a program ran (a `sleep`, a `kubectl wait`): the
    /// shell's `date` and `time` follow it within one line.
    fn clock(&self) -> Option<i64> {
        Some(self.fleet.now().0)
    }

    fn background(&mut self, job: Option<u32>) {
        if job.is_some() {
            self.job_ms = 0;
        }
        self.job = job;
    }

    fn job_duration(&self) -> i64 {
        self.job_ms
    }

    fn job_running(&self, job: u32) -> bool {
        self.fleet
            .live_ref()
            .into_iter()
            .any(|w| crate::network::View::job_running(w, job))
    }

    fn job_exit(&self, job: u32) -> Option<i32> {
        let ended = !self.job_running(job);
        let worlds = self.fleet.live_ref();
        let lost = worlds
            .iter()
            .any(|w| w.net.listeners.iter().any(|l| l.job == Some(job)));
        worlds
            .iter()
            .find_map(|w| w.net.exit_status(job))
            .or((ended && lost).then_some(1))
    }

    fn take_terminal(&mut self) -> String {
        std::mem::take(&mut self.terminal)
    }

    /// `tail -f` holds the terminal as a listening kubectl does
    /// (`port_forward::Hold`): until Ctrl-C in the browser (`Stream::Held`).
    fn hold(&mut self) -> Option<i32> {
        use kubectl::Hold;
        let now = self.fleet.now().0;
        let job = self.job.is_some();
        Some(
            match Hold::decide(job, self.interactive, self.can_stream, self.deadline, now) {
                Hold::Now => 0,
                Hold::Stream => {
                    self.stream = Some((kubectl::Stream::Held, Target::Boot));
                    0
                }
                Hold::Until { end, timed_out } => {
                    self.fleet.advance((end - now).max(0));
                    if timed_out {
                        TIMED_OUT
                    } else {
                        0
                    }
                }
            },
        )
    }

    fn deadline(&self) -> Option<i64> {
        self.deadline.map(|d| d.0)
    }

    fn set_deadline(&mut self, at: Option<i64>) {
        self.deadline = at.map(Time);
    }

    fn kill_job(&mut self, job: u32) -> bool {
        let was = self.job_running(job);
        for w in self.fleet.live() {
            w.net.close_job(Some(job));
        }
        was
    }
}

/// A GNU sleep interval (`N`, `Ns`, `Nm`, `Nh`, `Nd`, fractions) in ms.
fn parse_interval(a: &str) -> Option<i64> {
    let (num, unit) = match a.char_indices().last() {
        Some((i, c)) if "smhd".contains(c) => (&a[..i], c),
        _ => (a, 's'),
    };
    let n: f64 = num.parse().ok()?;
    let factor = match unit {
        'm' => 60.0,
        'h' => 3600.0,
        'd' => 86400.0,
        _ => 1.0,
    };
    Some((n.max(0.0) * factor * 1000.0).min(1e15) as i64)
}

/// GNU sleep: `N`, `Ns`, `Nm`, `Nh`, `Nd`, fractions, several arguments added up.
/// Under `timeout`, it stops at the deadline and exits 124.
fn sleep(fleet: &mut Fleet, args: &[String], deadline: Option<Time>) -> Output {
    let mut out = Output::default();
    if args.is_empty() {
        out.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        out.status = 1;
        return out;
    }
    let mut total_ms: i64 = 0;
    for a in args {
        let Some(ms) = parse_interval(a) else {
            out.err(format!(
                "sleep: invalid time interval ‘{a}’\nTry 'sleep --help' for more information.\n"
            ));
            out.status = 1;
            return out;
        };
        total_ms = total_ms.saturating_add(ms);
    }
    let left = deadline.map(|d| d.0 - fleet.now().0);
    match left {
        Some(left) if left < total_ms => {
            fleet.advance(left.max(0));
            out.status = TIMED_OUT;
        }
        _ => fleet.advance(total_ms),
    }
    out
}

impl Cluster {
    pub fn new(preset: Preset, seed: u64) -> Cluster {
        let mut world = World::new(seed, EPOCH);
        match preset {
            Preset::Minikube => presets::boot_minikube(&mut world, seed),
            Preset::Kind => presets::boot_kind(&mut world, seed, 2),
            Preset::KindWorkers(n) => presets::boot_kind(&mut world, seed, n.into()),
            Preset::KindConfig(ref c) => presets::boot_kind_config(&mut world, seed, c),
        }
        // minikube and kind write the kubeconfig when the cluster is up.
        let (host, kubeconfig) = match preset {
            Preset::Minikube => (
                "minikube",
                kubectl::kubeconfig::minikube(&kubectl::kubeconfig::rfc1123(world.now())),
            ),
            Preset::Kind | Preset::KindWorkers(_) => {
                ("kind", kubectl::kubeconfig::kind(presets::KIND_HOST_PORT))
            }
            Preset::KindConfig(ref c) => (
                "kind",
                kubectl::kubeconfig::kind_named(&c.name, presets::KIND_HOST_PORT),
            ),
        };
        let mut shell = Shell::new("root", host);
        shell.set_now(world.now().0);
        shell
            .vfs_mut()
            .write(kubectl::kubeconfig::DEFAULT_PATH, &kubeconfig);
        if preset == Preset::Minikube {
            // The node's kubeadm kubeconfig, mode 0600 as kubeadm writes it.
            let path = kubectl::kubeconfig::MINIKUBE_ADMIN_PATH;
            let vfs = shell.vfs_mut();
            vfs.write(path, &kubectl::kubeconfig::minikube_admin());
            vfs.set_mode(path, 0o600);
            for (path, pem, mode) in kubectl::kubeconfig::minikube_files() {
                vfs.write(path, &pem);
                vfs.set_mode(path, mode);
            }
            crate::node_os::write_node_files(vfs, &world);
        }
        Cluster {
            preset,
            world,
            more: Clusters {
                seed,
                ..Default::default()
            },
            shell,
            interactive: false,
            can_stream: false,
            can_edit: false,
            stream: None,
            session: None,
            stream_on: None,
            session_on: None,
            line_time_limit: None,
            watching: None,
            term_size: None,
        }
    }

    /// The boot world and the created ones, borrowed together.
    fn fleet(&mut self) -> Fleet<'_> {
        fleet(&self.preset, &mut self.world, &mut self.more)
    }

    /// Runs one command line (it may span lines, e.g. with a here-document).
    /// Stops each line after `ms` of virtual time, as `timeout` would: the
    /// fuzz targets' bound on what one input may cost.
    pub fn limit_time_per_line(&mut self, ms: i64) {
        self.line_time_limit = Some(ms);
    }

    pub fn run(&mut self, line: &str) -> Output {
        if let Some(mut session) = self.session.take() {
            let target = self.session_on.clone().unwrap_or(Target::Boot);
            let mut fleet = fleet(&self.preset, &mut self.world, &mut self.more);
            let Some(world) = fleet.world(&target) else {
                // Its cluster was deleted: the attached terminal is gone.
                return Output::default();
            };
            let out = session.feed_line(line, world).unwrap_or_default();
            world.settle();
            if !session.session_ended() {
                self.session = Some(session);
            } else if matches!(
                session,
                kubectl::Stream::Node(_) | kubectl::Stream::Confirm(_)
            ) {
                // `docker exec` exits with the shell's status; `delete -i`
                // with the deletion's.
                self.shell.set_status(out.status);
            }
            return out;
        }
        let now = self.fleet().now();
        self.shell.set_now(now.0);
        let fleet = fleet(&self.preset, &mut self.world, &mut self.more);
        let mut host = Host {
            interactive: self.interactive,
            deadline: self.line_time_limit.map(|ms| now.plus_millis(ms)),
            can_stream: self.can_stream && self.stream.is_none(),
            can_edit: self.can_edit && self.stream.is_none(),
            ..Host::new(fleet, self.preset.clone(), self.term_size)
        };
        let out = self.shell.run(line, &mut host);
        let (only_reads, api_only) = (host.only_reads, host.api_only);
        self.watching = host.watching.take().or(self.watching.take());
        if let Some((stream, target)) = host.stream.take() {
            if stream.is_session() {
                self.session = Some(stream);
                self.session_on = Some(target);
            } else {
                self.stream = Some(stream);
                self.stream_on = Some(target);
            }
        }
        let mut fleet = host.fleet;
        fleet.sync();
        // Controllers react within milliseconds on a real cluster: let them
        // see the command's writes before the next prompt.
        for world in fleet.live() {
            if only_reads {
                world.settle_after_reads();
            } else if api_only {
                world.settle_after_api_writes();
            } else {
                world.settle();
            }
        }
        out
    }

    /// Lets commands go on running between ticks (`kubectl get -w` until
    /// Ctrl-C), for a terminal that polls them (the browser).
    pub fn set_streaming(&mut self, on: bool) {
        self.can_stream = on;
    }

    /// Whether a command is still running in the foreground.
    pub fn is_streaming(&self) -> bool {
        self.stream.is_some() || self.watching.is_some()
    }

    /// What the foreground command printed since the last poll.
    pub fn poll_stream(&mut self) -> String {
        if self.watching.is_some() {
            return self.poll_watch();
        }
        let target = self.stream_on.clone().unwrap_or(Target::Boot);
        let mut fleet = fleet(&self.preset, &mut self.world, &mut self.more);
        let text = match (&mut self.stream, fleet.world(&target)) {
            (Some(s), Some(world)) => s.poll(world),
            // Its cluster was deleted.
            (Some(_), None) => {
                self.stream = None;
                String::new()
            }
            _ => String::new(),
        };
        if self.stream.as_ref().is_some_and(kubectl::Stream::finished) {
            self.stream = None;
        }
        text
    }

    /// Ctrl-C: ends the foreground command; returns what it prints as it
    /// stops (`run -it --rm`: the pod's deletion).
    pub fn interrupt(&mut self) -> String {
        if let Some(text) = self.interrupt_watch() {
            return text;
        }
        let target = self.stream_on.clone().unwrap_or(Target::Boot);
        let stream = self.stream.take();
        // kubectl does not catch SIGINT here: it dies of it, and bash says 130.
        if matches!(
            stream,
            Some(kubectl::Stream::Watch(_) | kubectl::Stream::Logs(_) | kubectl::Stream::Held)
        ) {
            self.shell.set_status(130);
        }
        let mut fleet = fleet(&self.preset, &mut self.world, &mut self.more);
        let text = match (stream, fleet.world(&target)) {
            (Some(mut s), Some(world)) => s.interrupt(world),
            _ => String::new(),
        };
        for world in self.fleet().live() {
            world.net.close_job(None);
        }
        text
    }

    /// The host draws an editor: `vi FILE` and `kubectl edit` (with vi, vim
    /// or nano) leave the file open in the foreground (`editing`) until the
    /// host calls `finish_edit`. Without one they fail as without a terminal.
    pub fn set_editor(&mut self, on: bool) {
        self.can_edit = on;
    }

    /// The file an editor is open on, for the host to show.
    pub fn editing(&self) -> Option<crate::editor::EditRequest> {
        match &self.stream {
            Some(kubectl::Stream::Edit(e)) => Some(e.request()),
            _ => None,
        }
    }

    /// The editor closed: `saved` is the text saved, None to quit without
    /// saving. Returns what the command prints then (`kubectl edit`: the
    /// result, or the file reopened with its failures: `editing` again).
    pub fn finish_edit(&mut self, saved: Option<String>) -> Output {
        let Some(kubectl::Stream::Edit(edit)) = self
            .stream
            .take_if(|s| matches!(s, kubectl::Stream::Edit(_)))
        else {
            return Output::default();
        };
        // The file is written now, not when the editor opened.
        self.shell.set_now(self.now().0);
        let target = self.stream_on.clone().unwrap_or(Target::Boot);
        let mut fleet = fleet(&self.preset, &mut self.world, &mut self.more);
        let (out, next) = edit.finish(saved, self.shell.vfs_mut(), fleet.world(&target));
        if let Some(world) = fleet.world(&target) {
            world.settle();
        }
        self.stream = next.map(|e| kubectl::Stream::Edit(Box::new(e)));
        self.shell.set_status(out.status);
        out
    }

    /// Marks the cluster as driven by a person at a terminal whose clock
    /// follows real time (the browser, the REPL), not by a script.
    pub fn set_interactive(&mut self, on: bool) {
        self.interactive = on;
        self.shell.set_interactive(on);
    }

    /// Whether `input` is a whole command line, or the shell waits for more
    /// (an open quote, a here-document, a trailing `|`).
    pub fn is_complete(&self, input: &str) -> bool {
        self.shell.is_complete(input)
    }

    /// The prompt to show before the next command: `root@minikube:~# `.
    pub fn prompt(&self) -> String {
        match self
            .session
            .as_ref()
            .and_then(kubectl::Stream::session_prompt)
        {
            Some(p) => p,
            None => self.shell.prompt(),
        }
    }

    /// Whether the terminal is attached to a container's shell (`exit`
    /// then ends that shell, not the host's).
    pub fn in_session(&self) -> bool {
        self.session.is_some()
    }

    /// Tab-completion candidates for `line` (the cursor at its end).
    pub fn complete(&self, line: &str) -> Vec<String> {
        struct Names;
        impl Programs for Names {
            fn run(&mut self, _: Invocation<'_>) -> Option<Output> {
                None
            }
            fn names(&self) -> Vec<&'static str> {
                HOST_PROGRAMS.to_vec()
            }
        }
        let mut words: Vec<&str> = line.split_whitespace().collect();
        // `complete -o default -F __start_kubectl k`: k's arguments complete
        // as kubectl's.
        let past_command = words.len() > 1 || line.ends_with(char::is_whitespace);
        if let Some(first) = words.first_mut().filter(|_| past_command) {
            if self.shell.completion_function(first).as_deref() == Some("__start_kubectl") {
                *first = "kubectl";
            }
        }
        let current = if line.ends_with(char::is_whitespace) {
            ""
        } else {
            words.last().copied().unwrap_or("")
        };
        let before = if current.is_empty() {
            &words[..]
        } else {
            &words[..words.len() - 1]
        };
        // File names after -f come from the shell; everything else kubectl knows.
        let before = watch_host::watched(before);
        let wants_file = matches!(before.last(), Some(&"-f" | &"--filename"));
        if !wants_file && !before.is_empty() {
            let ns = self.current_namespace();
            if let Some(c) = kubectl::complete::complete(&self.world.api, &ns, before, current) {
                return c;
            }
        }
        self.shell.complete(line, &Names)
    }

    /// The namespace of the kubeconfig's current context.
    fn current_namespace(&self) -> String {
        let config = self
            .shell
            .vfs()
            .read(kubectl::kubeconfig::DEFAULT_PATH)
            .unwrap_or("");
        serde_yaml::from_str::<serde_json::Value>(config)
            .ok()
            .and_then(|doc| {
                let current = doc.get("current-context")?.as_str()?.to_string();
                let ctxs = doc.get("contexts")?.as_array()?.clone();
                let ctx = ctxs.iter().find(|c| c["name"] == current.as_str())?;
                ctx["context"]["namespace"].as_str().map(String::from)
            })
            .unwrap_or_else(|| "default".into())
    }

    /// Advances virtual time and lets every component react.
    pub fn tick(&mut self, millis: i64) {
        self.fleet().advance(millis);
    }

    /// The playground's time (every cluster's clock).
    pub fn now(&self) -> Time {
        self.more.now(&self.world)
    }

    /// Events with sequence number `>= cursor` (start with 0 to get all).
    pub fn events_since(&self, cursor: u64) -> Poll<'_> {
        self.world.api.events().since(cursor)
    }

    /// Every stored object of the boot cluster with its resource and
    /// group, for a subscriber that has to rebuild after `Poll::Resync`.
    pub fn objects(&self) -> Vec<(String, String, serde_json::Value)> {
        view::objects_of(&self.world)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.clone()
    }

    pub fn restore(snapshot: Snapshot) -> Cluster {
        snapshot
    }

    pub fn preset(&self) -> Preset {
        self.preset.clone()
    }
}

/// The URL the boot cluster's kubeconfig names (see `kubectl::kubeconfig`).
fn boot_server(preset: &Preset) -> String {
    match preset {
        Preset::Minikube => kubectl::kubeconfig::MINIKUBE_SERVER.into(),
        _ => format!("https://127.0.0.1:{}", presets::KIND_HOST_PORT),
    }
}

/// The boot cluster's kind name, for a kind preset.
fn boot_kind(preset: &Preset) -> Option<String> {
    match preset {
        Preset::Minikube => None,
        Preset::Kind | Preset::KindWorkers(_) => Some("kind".into()),
        Preset::KindConfig(c) => Some(c.name.clone()),
    }
}

fn fleet<'a>(preset: &Preset, world: &'a mut World, more: &'a mut Clusters) -> Fleet<'a> {
    Fleet {
        boot: world,
        boot_server: boot_server(preset),
        boot_kind: boot_kind(preset),
        more,
    }
}
