//! The in-engine kubectl: parses a command line as kubectl v1.33 does and
//! prints what it prints. It reaches the cluster only through the API server's
//! verbs, never the store.

mod cmd;
pub mod go_sort;
pub mod kustomize;
pub use cmd::attach::WAIT_MS as ATTACH_WAIT_MS;
pub use cmd::edit::EditSession;
pub use cmd::exec_stream::ExecFollow;
pub use cmd::port_forward::Hold;
/// The API server's `/version` fields in Go's order (shared with `kubeplay serve`).
pub use cmd::version::server_json as server_version_json;
pub use cmd::version::SERVER as SERVER_VERSION;

mod command_line;
pub mod complete;
pub mod describe;
pub mod errors;
mod explain;
pub mod flags;
pub mod help;
mod identity;
pub mod kubeconfig;
pub mod manifests;
pub mod printers;
pub mod record;
mod refused;
pub mod request_context;
mod resources;
pub mod route;
mod three_way;
pub mod unreachable;
pub(crate) mod yaml11;

use crate::apiserver::field_validation::FieldValidation;
use crate::apiserver::managed::FieldManager;
use crate::world::World;
use errors::CmdError;
use flags::{Flag, FlagKind, Parsed};
use kubeplay_shell::{Output, Stdin, Vfs};
use request_context::RequestContext;

/// Everything a kubectl run can touch.
pub struct Env<'a> {
    pub world: &'a mut World,
    pub vfs: &'a mut Vfs,
    /// The shell's exported variables (KUBECONFIG).
    pub env: &'a std::collections::BTreeMap<String, String>,
    pub cwd: &'a str,
    /// What was piped in; `-f -` and `exec -i` read it, other commands
    /// leave it for the next one.
    pub stdin: &'a Stdin,
    pub out: Output,
    /// When a surrounding `timeout` ends the command (virtual time).
    pub deadline: Option<crate::clock::Time>,
    /// Set when the command ran until `deadline` (timeout exits 124).
    pub timed_out: bool,
    /// A person at a terminal whose clock follows real time: unbounded
    /// watches print what is there and return instead of jumping time ahead.
    pub interactive: bool,
    /// The terminal can keep a command running between ticks (the browser):
    /// an unbounded watch then leaves its `stream` behind instead.
    pub can_stream: bool,
    /// What goes on printing after the command returns, until Ctrl-C.
    pub stream: Option<Stream>,
    /// The shell job (pid) when the command runs in the background (`cmd &`).
    pub job: Option<u32>,
    /// The host draws an editor (`Cluster::editing`): `kubectl edit` with
    /// vi, vim or nano leaves a `Stream::Edit` instead of running one.
    pub can_edit: bool,
    /// Whether stdout is the terminal (`create token` ends its line only then).
    pub stdout_tty: bool,
    /// Whether stdin is the terminal (`exec -it` falls back without one).
    pub stdin_tty: bool,
}

/// A command still running in the foreground after it returned its first
/// output: the host polls it as time passes.
#[derive(Clone, Debug)]
pub enum Stream {
    Watch(Box<cmd::get_watch::WatchStream>),
    /// `port-forward` or `proxy` listening in the foreground: prints nothing
    /// more; Ctrl-C closes its ports (`Cluster::interrupt`).
    Listen,
    /// A program that printed what it had and waits for more that never
    /// comes (`tail -f`): Ctrl-C ends it, and bash says 130.
    Held,
    /// A terminal attached to a container (`attach -i`, `run -it`, `debug -it`):
    /// the host sends it the lines typed instead of running them.
    Session(Box<cmd::attach::Session>),
    /// `logs -f`: the lines a container writes, until it ends.
    Logs(Box<cmd::logs_window::Follow>),
    /// `run -it ... -- sh -c '<loop>'`: an attached process's output.
    Attached(Box<cmd::attach_stream::AttachFollow>),
    /// `exec ... -- sh -c '<loop>'`: a command's output as time passes.
    Exec(Box<cmd::exec_stream::ExecFollow>),
    /// `docker exec -it NODE bash`: a terminal in a kind node container,
    /// fed typed lines like `Session`.
    Node(Box<crate::docker_cli::NodeShell>),
    /// `kubectl delete -i` at a terminal, waiting for the answer typed.
    Confirm(Box<cmd::delete_interactive::Pending>),
    /// `docker stats` redrawing its table in the learner's terminal.
    DockerStats(Box<crate::docker_cli::stats::StatsStream>),
    /// An editor open on a file (`vi FILE`, `kubectl edit`): the host shows
    /// it and hands back what was saved (`Cluster::finish_edit`).
    Edit(Box<crate::editor::Edit>),
}

impl Stream {
    /// An attached terminal: the host feeds it typed lines (`feed_line`).
    pub fn is_session(&self) -> bool {
        matches!(
            self,
            Stream::Session(_) | Stream::Node(_) | Stream::Confirm(_)
        )
    }

    /// A line typed at an attached terminal; None for other streams.
    pub fn feed_line(&mut self, line: &str, world: &mut World) -> Option<Output> {
        match self {
            Stream::Session(s) => Some(s.feed(line, world)),
            Stream::Node(s) => Some(s.feed(line, world)),
            Stream::Confirm(c) => Some(c.feed(line, world)),
            _ => None,
        }
    }

    /// The prompt of the attached container's shell.
    pub fn session_prompt(&self) -> Option<String> {
        match self {
            Stream::Session(s) => Some(s.prompt()),
            Stream::Node(s) => Some(s.prompt()),
            Stream::Confirm(c) => Some(c.prompt()),
            _ => None,
        }
    }

    /// The attached shell exited.
    pub fn session_ended(&self) -> bool {
        match self {
            Stream::Session(s) => s.ended(),
            Stream::Node(s) => s.ended(),
            Stream::Confirm(c) => c.ended(),
            _ => false,
        }
    }

    /// What the command prints for the changes since the last poll.
    pub fn poll(&mut self, world: &mut World) -> String {
        match self {
            Stream::Watch(w) => w
                .poll(world)
                .unwrap_or_else(|s| format!("{}\n", errors::status_text(&s))),
            Stream::Listen | Stream::Held | Stream::Session(_) | Stream::Edit(_) => String::new(),
            Stream::Node(_) | Stream::Confirm(_) => String::new(),
            Stream::DockerStats(d) => d.poll(world),
            Stream::Logs(f) => f.poll(world),
            Stream::Attached(a) => a.poll(world),
            Stream::Exec(e) => e.poll(world),
        }
    }

    /// Ctrl-C: what the command prints as it stops (`run --rm` deletes its pod).
    pub fn interrupt(&mut self, world: &mut World) -> String {
        match self {
            Stream::Attached(a) => a.interrupt(world),
            Stream::Exec(e) => e.interrupt(world),
            _ => String::new(),
        }
    }

    /// The command ended by itself (a followed container exited).
    pub fn finished(&self) -> bool {
        match self {
            Stream::Logs(f) => f.finished(),
            Stream::Attached(a) => a.finished(),
            Stream::Exec(e) => e.finished(),
            _ => false,
        }
    }
}

/// A Go-style duration (`30s`, `1m`, `1m30s`, `500ms`, or plain seconds) in ms.
pub fn duration_ms(s: &str) -> Option<i64> {
    if let Ok(secs) = s.parse::<f64>() {
        return Some((secs * 1000.0) as i64);
    }
    let mut total = 0.0;
    let mut num = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            i += 1;
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let (factor, len) = match (c, chars.get(i + 1)) {
            ('m', Some('s')) => (1.0, 2),
            ('h', _) => (3_600_000.0, 1),
            ('m', _) => (60_000.0, 1),
            ('s', _) => (1000.0, 1),
            _ => return None,
        };
        total += n * factor;
        i += len;
    }
    if !num.is_empty() {
        return None;
    }
    Some(total as i64)
}

impl<'a> Env<'a> {
    /// A kubectl run by a program rather than at the terminal (`docker
    /// exec NODE kubectl`, minikube's own calls): no timeout, no streaming.
    pub fn scripted(
        world: &'a mut World,
        vfs: &'a mut Vfs,
        env: &'a std::collections::BTreeMap<String, String>,
        cwd: &'a str,
        stdin: &'a Stdin,
    ) -> Env<'a> {
        Env {
            world,
            vfs,
            env,
            cwd,
            stdin,
            out: Output::default(),
            deadline: None,
            timed_out: false,
            interactive: false,
            can_stream: false,
            stream: None,
            job: None,
            can_edit: false,
            stdout_tty: false,
            stdin_tty: false,
        }
    }

    pub fn print(&mut self, s: impl Into<String>) {
        self.flush_warnings();
        self.out.out(s);
    }
    pub fn eprint(&mut self, s: impl Into<String>) {
        self.flush_warnings();
        self.out.err(s);
    }
    /// The server's warnings so far, on stderr as kubectl's warning handler prints them.
    pub fn flush_warnings(&mut self) {
        for w in self.world.api.take_warnings() {
            self.out.err(format!("Warning: {w}\n"));
        }
    }
    /// The namespace commands act in: `-n`, else the context's, else `default`.
    pub fn namespace(&self, p: &Parsed) -> String {
        if let Some(ns) = p.str("namespace").filter(|s| !s.is_empty()) {
            return ns.to_string();
        }
        kubeconfig::Kubeconfig::load(self, p)
            .ok()
            .and_then(|k| k.context_namespace(p.str("context").filter(|c| !c.is_empty())))
            .unwrap_or_else(|| "default".into())
    }
}

type RunFn = fn(&mut Env, &Parsed) -> Result<(), CmdError>;

/// One kubectl subcommand: the same table drives dispatch, help and completion.
pub struct Command {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Section of `kubectl --help` it is listed in.
    pub group: &'static str,
    pub short: &'static str,
    pub flags: &'static [Flag],
    pub run: RunFn,
}

/// Flags every command accepts (`kubectl options`).
pub const GLOBAL_FLAGS: &[Flag] = &[
    Flag::new(
        "namespace",
        FlagKind::String,
        "",
        "If present, the namespace scope for this CLI request",
    )
    .short('n'),
    Flag::new(
        "context",
        FlagKind::String,
        "",
        "The name of the kubeconfig context to use",
    ),
    Flag::new(
        "kubeconfig",
        FlagKind::String,
        "",
        "Path to the kubeconfig file to use for CLI requests.",
    ),
    Flag::new(
        "cluster",
        FlagKind::String,
        "",
        "The name of the kubeconfig cluster to use",
    ),
    Flag::new(
        "user",
        FlagKind::String,
        "",
        "The name of the kubeconfig user to use",
    ),
    Flag::new(
        "as",
        FlagKind::String,
        "",
        "Username to impersonate for the operation.",
    ),
    Flag::new(
        "as-group",
        FlagKind::StringArray,
        "[]",
        "Group to impersonate for the operation.",
    ),
    Flag::new(
        "as-uid",
        FlagKind::String,
        "",
        "UID to impersonate for the operation.",
    ),
    Flag::new(
        "request-timeout",
        FlagKind::String,
        "0",
        "The length of time to wait before giving up on a single server request.",
    ),
    Flag::new(
        "server",
        FlagKind::String,
        "",
        "The address and port of the Kubernetes API server",
    )
    .short('s'),
    Flag::new(
        "token",
        FlagKind::String,
        "",
        "Bearer token for authentication to the API server",
    ),
    Flag::new(
        "insecure-skip-tls-verify",
        FlagKind::Bool,
        "false",
        "If true, the server's certificate will not be checked for validity.",
    ),
    Flag::new(
        "v",
        FlagKind::Int,
        "0",
        "number for the log level verbosity",
    )
    .short('v'),
    Flag::new(
        "warnings-as-errors",
        FlagKind::Bool,
        "false",
        "Treat warnings received from the server as errors and exit with a non-zero exit code",
    ),
    Flag::new(
        "match-server-version",
        FlagKind::Bool,
        "false",
        "Require server version to match client version",
    ),
    Flag::new(
        "cache-dir",
        FlagKind::String,
        // kubectl's default, $HOME/.kube/cache, with the playground's HOME.
        "/root/.kube/cache",
        "Default cache directory",
    ),
    Flag::new("help", FlagKind::Bool, "false", "help").short('h'),
];

pub fn commands() -> &'static [Command] {
    cmd::COMMANDS
}

/// What `kubectl <args>` prints when nothing answers at `server`.
/// None: the command needs no server after all (a client-side dry run).
pub fn refused(args: &[String], server: &str, now: crate::clock::Time) -> Option<Output> {
    refused::run(args, server, now)
}

/// Runs `kubectl <args>` (args without the leading `kubectl`).
pub fn run(args: &[String], env: &mut Env) -> i32 {
    let result = dispatch(args, env);
    status(result, env)
}

/// kubectl's exit: an error is printed, and its status returned.
pub(crate) fn status(result: Result<(), CmdError>, env: &mut Env) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            env.eprint(e.text());
            match e {
                CmdError::Exit { code, .. } => code,
                _ => 1,
            }
        }
    }
}

/// Subcommands kubectl v1.33 has that the playground does not simulate.
const UNSIMULATED_PATHS: &[&str] = &[
    "apply edit-last-applied",
    "apply set-last-applied",
    "apply view-last-applied",
];

fn dispatch(args: &[String], env: &mut Env) -> Result<(), CmdError> {
    // The first word that is not a flag names the command.
    let pos = first_positional(args);
    let Some(pos) = pos else {
        let p = flags::parse(args, &[GLOBAL_FLAGS]).map_err(|msg| CmdError::Flag {
            msg,
            command: "kubectl".into(),
        })?;
        let _ = p;
        env.print(cmd::help::root_help());
        return Ok(());
    };
    let word = &args[pos];
    match word.as_str() {
        // cobra's own help command, and kubectl's global options list.
        "help" => {
            let words: Vec<String> = args[pos + 1..]
                .iter()
                .filter(|a| !a.starts_with('-'))
                .cloned()
                .collect();
            // Help about help itself: `help help`, `help --help`.
            let asked = args[pos + 1..].iter().any(|a| a == "-h" || a == "--help");
            if asked || words.first().is_some_and(|w| w == "help") {
                env.print(cmd::help::HELP_HELP);
                return Ok(());
            }
            match cmd::help::help_command(&words) {
                Ok(text) => env.print(text),
                Err(text) => env.eprint(text),
            }
            return Ok(());
        }
        "options" => {
            if !args.iter().any(|a| a == "-h" || a == "--help") {
                env.print(cmd::help::options());
            }
            return Ok(());
        }
        _ => {}
    }
    // kubectl v1.33 has no alpha commands; the group says so, on stderr.
    if word == "alpha" {
        env.eprint("No alpha commands are available in this version of kubectl\n");
        return Ok(());
    }
    let Some(command) = commands()
        .iter()
        .find(|c| c.name == word || c.aliases.contains(&word.as_str()))
    else {
        if cmd::help::is_kubectl_command(word) {
            return Err(CmdError::Raw(cmd::help::not_simulated(word)));
        }
        return Err(CmdError::Raw(cmd::help::unknown_command(word)));
    };
    let mut rest: Vec<String> = args[..pos].to_vec();
    rest.extend_from_slice(&args[pos + 1..]);
    let command_line::Line { path, parsed: p } = command_line::parse(command, word, &rest)?;
    // cobra prints pflag's deprecation notices once the line parsed.
    for w in &p.warnings {
        env.eprint(w.clone());
    }
    if p.bool("help") {
        env.print(cmd::help_text(command, &p));
        return Ok(());
    }
    if UNSIMULATED_PATHS.contains(&path) {
        return Err(CmdError::Raw(cmd::help::not_simulated(path)));
    }
    // The commands whose `--record` does not write the change cause yet.
    if p.bool("record") && !record::RECORDED.contains(&path) {
        return Err(CmdError::Raw(cmd::help::not_simulated(&format!(
            "{path} --record"
        ))));
    }
    // Flags kubectl lists that change what a command does but are not simulated.
    let unsimulated: &[&str] = match path {
        "get" | "apply" => &["subresource"],
        "create" | "replace" | "delete" | "diff" => &[],
        "config set-credentials" => &[
            "auth-provider-arg",
            "exec-env",
            "exec-interactive-mode",
            "exec-provide-cluster-info",
        ],
        _ => &["kustomize"],
    };
    if let Some(f) = unsimulated.iter().find(|f| p.has(f)) {
        return Err(CmdError::Raw(cmd::help::not_simulated(&format!(
            "{path} --{f}"
        ))));
    }
    if needs_client_config(command.name, &p)
        && p.str("request-timeout")
            .is_some_and(|t| crate::go_duration::parse_timeout_ms(t).is_none())
    {
        return Err(CmdError::Plain(crate::go_duration::INVALID_TIMEOUT.into()));
    }
    if let Some(code) = unreachable::refuse_if_down(env, command.name, &p) {
        return Err(CmdError::Exit {
            text: String::new(),
            code,
        });
    }
    let context = RequestContext {
        // Every request of this run comes from the kubeconfig's (or --as) user.
        requester: identity::requester(env, &p, path),
        // `--validate` becomes the requests' fieldValidation; commands without
        // the flag send none, which the server takes as Warn.
        validation: match p.str("validate") {
            Some(v) => FieldValidation::from_flag(v),
            None => FieldValidation::Warn,
        },
        manager: Some(FieldManager::new(&field_manager(command, &p))),
    };
    warn_ambiguous_short_names(env, command.name, &p);
    if p.str("dry-run") == Some("unchanged") {
        let at = crate::network::http::klog_time(env.world.now().0);
        env.eprint(format!(
            "W{at} helpers.go:703] --dry-run is deprecated and can be replaced with --dry-run=client.\n"
        ));
    }
    context.run(env, |env| (command.run)(env, &p))
}

/// The shortcut expander's warning when a short name (`ev`) also belongs
/// to a resource of a lower-priority group (`events.events.k8s.io`).
fn warn_ambiguous_short_names(env: &mut Env, command: &str, p: &Parsed) {
    let takes_types = matches!(
        command,
        "get"
            | "describe"
            | "delete"
            | "edit"
            | "label"
            | "annotate"
            | "patch"
            | "wait"
            | "explain"
    );
    let Some(first) = p.args.first().filter(|_| takes_types) else {
        return;
    };
    let types = first.split(',').map(|t| t.split('/').next().unwrap_or(t));
    for t in types {
        if let Some(other) = env.world.api.registry().shadowed_by_short_name(t) {
            env.eprint(format!(
                "Warning: short name \"{t}\" could also match lower priority resource {other}\n"
            ));
        }
    }
}

/// Whether the command builds a REST client config (where client-go reads
/// `--request-timeout`): all but the ones that never talk to a server.
fn needs_client_config(command: &str, p: &Parsed) -> bool {
    match command {
        "config" | "kustomize" | "completion" | "plugin" => false,
        "version" => !p.bool("client"),
        _ => true,
    }
}

/// The field manager a command's writes are recorded under: its
/// `--field-manager` (default `kubectl-<command>`), `kubectl` for
/// server-side apply's default (apply.go GetServerSideFieldManager), and for
/// commands that send none the server's default, the user agent's
/// `kubectl` — but `rollout`'s restart/pause/resume name `kubectl-rollout`.
fn field_manager(command: &Command, p: &Parsed) -> String {
    // Only the subcommands declaring the flag have a value (or default).
    let flag = p.str("field-manager");
    match (command.name, flag) {
        // A --raw request names no manager: the server takes the user agent's.
        (_, _) if p.str("raw").is_some_and(|r| !r.is_empty()) => "kubectl".into(),
        ("apply", Some(_)) if p.bool("server-side") && !p.has("field-manager") => "kubectl".into(),
        (_, Some(m)) => m.into(),
        ("rollout", None) => "kubectl-rollout".into(),
        _ => "kubectl".into(),
    }
}

/// Index of the first argument that is not a (global) flag or a flag's value.
pub(crate) fn first_positional(args: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            return None;
        }
        if let Some(body) = a.strip_prefix("--") {
            let takes_value = GLOBAL_FLAGS
                .iter()
                .any(|f| f.long == body && f.kind != FlagKind::Bool);
            i += if takes_value { 2 } else { 1 };
        } else if a.len() == 2 && a.starts_with('-') {
            let c = a.chars().nth(1);
            let takes_value = GLOBAL_FLAGS
                .iter()
                .any(|f| f.short == c && f.kind != FlagKind::Bool);
            i += if takes_value { 2 } else { 1 };
        } else if a.starts_with('-') && a.len() > 1 {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}
