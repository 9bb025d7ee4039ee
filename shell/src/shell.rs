//! The `Shell` value: everything that survives between runs (variables,
//! functions, aliases, history, the VFS), serde-able for snapshots, and
//! the host-facing methods.

use crate::ast::Cmd;
use crate::exec::Exec;
use crate::parser::{PErr, Parser};
use crate::vfs::Vfs;
use crate::{Output, Programs};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A shell function: its body and its source text (for `type`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Func {
    pub body: Cmd,
    pub src: String,
}

/// `set` options.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Opts {
    pub errexit: bool,
    pub xtrace: bool,
    pub pipefail: bool,
    pub nounset: bool,
}

/// Which program answers as `sh`: bash itself (the terminal), busybox
/// ash (busybox and alpine images) or dash (Debian-based images). They
/// differ in how they report a missing command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShFlavor {
    #[default]
    Bash,
    Ash,
    Dash,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Shell {
    #[serde(default)]
    pub(crate) sh_flavor: ShFlavor,
    pub(crate) user: String,
    pub(crate) host: String,
    pub(crate) cwd: String,
    /// Exported variables: what programs see as their environment.
    pub(crate) env: BTreeMap<String, String>,
    /// Shell variables that are not exported.
    pub(crate) vars: BTreeMap<String, String>,
    /// Indexed arrays (`a=(x y)`, `a[5]=z`), sparse as bash's are; a
    /// scalar of the same name is their element 0.
    #[serde(default)]
    pub(crate) arrays: BTreeMap<String, BTreeMap<usize, String>>,
    pub(crate) funcs: BTreeMap<String, Func>,
    pub(crate) aliases: BTreeMap<String, String>,
    pub(crate) vfs: Vfs,
    pub(crate) history: Vec<String>,
    pub(crate) now: i64,
    pub(crate) status: i32,
    pub(crate) opts: Opts,
    pub(crate) positional: Vec<String>,
    pub(crate) random: u64,
    /// Output goes to a pipe, not a terminal (`kubectl exec` without -t).
    #[serde(default)]
    pub(crate) no_tty: bool,
    /// Background jobs still known (`jobs`, `kill %1`).
    #[serde(default)]
    pub(crate) jobs: Vec<crate::jobs::Job>,
    #[serde(default)]
    pub(crate) next_pid: u32,
    /// `$!`.
    #[serde(default)]
    pub(crate) last_bg: Option<u32>,
    /// Where `getopts` stopped inside a cluster of flags: (OPTIND, letter).
    #[serde(default)]
    pub(crate) getopts_at: Option<(usize, usize)>,
    /// Names made readonly (`readonly`, `declare -r`).
    #[serde(default)]
    pub(crate) readonly: std::collections::BTreeSet<String>,
    /// Names with the integer attribute (`declare -i`): what is assigned
    /// to them is evaluated as arithmetic.
    #[serde(default)]
    pub(crate) integers: std::collections::BTreeSet<String>,
    /// Associative arrays (`declare -A`).
    #[serde(default)]
    pub(crate) assocs: BTreeMap<String, crate::assoc::Assoc>,
    /// `trap` actions by signal (`EXIT`, `ERR`, `SIGINT`).
    #[serde(default)]
    pub(crate) traps: BTreeMap<String, String>,
    /// An interactive shell prints `[1] 4243` and job notices.
    #[serde(default)]
    pub(crate) job_notices: bool,
    /// Programmable completions (`complete -F __start_kubectl k`): command
    /// name → its `complete -p` line.
    #[serde(default)]
    pub(crate) completions: crate::assoc::Assoc,
    /// The `shopt` options that are on.
    #[serde(default = "crate::builtins::shopt_defaults")]
    pub(crate) shopts: std::collections::BTreeSet<String>,
}

impl Shell {
    /// The next value of the shell's seeded stream: `$RANDOM` reads it, and
    /// each program run gets one (`openssl rand`, new keys).
    pub(crate) fn next_random(&mut self) -> u64 {
        self.random = self
            .random
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.random
    }

    /// The function `complete -F` registered for `command`, if any.
    pub fn completion_function(&self, command: &str) -> Option<String> {
        let line = self.completions.get(command)?;
        let words: Vec<&str> = line.split(' ').collect();
        let i = words.iter().position(|w| *w == "-F")?;
        words.get(i + 1).map(|f| f.to_string())
    }

    pub fn new(user: &str, host: &str) -> Shell {
        let home = if user == "root" {
            "/root".to_string()
        } else {
            format!("/home/{}", user)
        };
        let mut vfs = Vfs::with_layout(host);
        let _ = vfs.mkdir_p(&home);
        let mut env = BTreeMap::new();
        for (k, v) in [
            ("HOME", home.as_str()),
            ("HOSTNAME", host),
            ("LANG", "C.UTF-8"),
            ("LOGNAME", user),
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("PWD", home.as_str()),
            ("SHELL", "/bin/bash"),
            ("SHLVL", "1"),
            ("TERM", "xterm-256color"),
            ("USER", user),
        ] {
            env.insert(k.to_string(), v.to_string());
        }
        let mut vars = BTreeMap::new();
        let uid = if user == "root" { "0" } else { "1000" };
        for (k, v) in [
            ("BASH", "/bin/bash"),
            ("BASH_VERSION", "5.1.16(1)-release"),
            ("HISTFILE", "/root/.bash_history"),
            ("HISTSIZE", "1000"),
            ("HOSTTYPE", "x86_64"),
            ("OSTYPE", "linux-gnu"),
            ("PS1", "\\u@\\h:\\w\\$ "),
            ("PS2", "> "),
            ("UID", uid),
            ("EUID", uid),
        ] {
            vars.insert(k.to_string(), v.to_string());
        }
        Shell {
            sh_flavor: ShFlavor::Bash,
            user: user.into(),
            host: host.into(),
            cwd: home,
            env,
            vars,
            arrays: BTreeMap::from([(
                "BASH_VERSINFO".to_string(),
                ["5", "1", "16", "1", "release", "x86_64-pc-linux-gnu"]
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i, v.to_string()))
                    .collect(),
            )]),
            funcs: BTreeMap::new(),
            aliases: BTreeMap::new(),
            vfs,
            history: vec![],
            now: 0,
            status: 0,
            opts: Opts::default(),
            positional: vec![],
            random: 0x2545_f491_4f6c_dd1d,
            no_tty: false,
            jobs: vec![],
            next_pid: 0,
            last_bg: None,
            getopts_at: None,
            readonly: Default::default(),
            integers: Default::default(),
            traps: BTreeMap::new(),
            assocs: BTreeMap::new(),
            job_notices: false,
            shopts: crate::builtins::shopt_defaults(),
            completions: Default::default(),
        }
    }

    /// Runs every command in `input` (one or more lines) and returns what
    /// they printed and the status of the last one.
    pub fn run(&mut self, input: &str, programs: &mut dyn Programs) -> Output {
        self.run_with_stdin(input, "", programs)
    }

    /// `run` with `stdin` as the commands' standard input, byte for byte
    /// (what `kubectl exec -i` hands the container's command); empty reads
    /// as the terminal.
    pub fn run_with_stdin(
        &mut self,
        input: &str,
        stdin: &str,
        programs: &mut dyn Programs,
    ) -> Output {
        let entry = input.trim_end_matches('\n');
        if !entry.trim().is_empty() {
            self.history.push(entry.to_string());
        }
        let mut ex = Exec::new(self, programs);
        if !stdin.is_empty() {
            ex.fds.input = Some(ex.push_input(stdin.to_string()));
        }
        ex.run_script(input, true);
        if ex.sh.job_notices {
            ex.announce_done();
        }
        ex.finish()
    }

    /// Sets the virtual time (unix milliseconds) used for mtimes and `date`.
    pub fn set_now(&mut self, unix_millis: i64) {
        self.now = unix_millis;
        self.vfs.set_now(unix_millis);
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// The exported variables.
    pub fn env(&self) -> &BTreeMap<String, String> {
        &self.env
    }

    /// Replaces the exported variables (a container's environment).
    pub fn set_env(&mut self, env: BTreeMap<String, String>) {
        self.env = env;
    }

    /// Whether the terminal is a TTY (`ls` columns); a container's output
    /// without `-t` is a pipe.
    /// What `sh` is in this shell's world (a container's image).
    pub fn set_sh_flavor(&mut self, f: ShFlavor) {
        self.sh_flavor = f;
    }

    pub fn set_tty(&mut self, on: bool) {
        self.no_tty = !on;
    }

    /// An interactive shell reports jobs (`[1] 4243`, `Terminated`).
    pub fn set_interactive(&mut self, on: bool) {
        self.job_notices = on;
    }

    /// Sets the working directory (a container's workingDir).
    pub fn set_cwd(&mut self, cwd: &str) {
        self.cwd = cwd.to_string();
    }

    /// Sets `$?`: a command the host ran outside the shell (a terminal
    /// attached to a container, an editor) ended with this status.
    pub fn set_status(&mut self, status: i32) {
        self.status = status;
    }

    /// The status of the last command (`$?`).
    pub fn status(&self) -> i32 {
        self.status
    }

    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.aliases
    }

    /// `user@host:cwd# ` with the home directory shown as `~`.
    pub fn prompt(&self) -> String {
        let sigil = if self.user == "root" { '#' } else { '$' };
        format!("{}@{}:{}{} ", self.user, self.host, self.tilde_cwd(), sigil)
    }

    fn tilde_cwd(&self) -> String {
        let home = self.env.get("HOME").cloned().unwrap_or_default();
        if !home.is_empty() && home != "/" {
            if self.cwd == home {
                return "~".into();
            }
            if let Some(rest) = self.cwd.strip_prefix(&format!("{}/", home)) {
                return format!("~/{}", rest);
            }
        }
        self.cwd.clone()
    }

    /// False while the input leaves a quote, a here-document, a compound
    /// command or a trailing operator open: the terminal then asks for more.
    pub fn is_complete(&self, input: &str) -> bool {
        let mut p = Parser::new(input, self.aliases.clone());
        loop {
            match p.next_command() {
                Ok(None) => return true,
                Ok(Some(_)) => {}
                Err(PErr::Incomplete(_)) => return false,
                Err(_) => {
                    p.recover();
                    if p.at_end() {
                        return true;
                    }
                }
            }
        }
    }

    pub fn vfs(&self) -> &Vfs {
        &self.vfs
    }

    pub fn vfs_mut(&mut self) -> &mut Vfs {
        &mut self.vfs
    }

    /// Tab-completion candidates for the last word of `line`.
    pub fn complete(&self, line: &str, programs: &dyn Programs) -> Vec<String> {
        crate::complete::complete(self, line, programs)
    }
}
