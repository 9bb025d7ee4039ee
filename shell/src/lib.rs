//! A small POSIX-like shell over a virtual file system: the terminal's bash.
//! This file is the public face: `Shell` and the types the host sees; the
//! work is done by the modules below.

mod arith;
pub(crate) mod assoc;
mod ast;
mod builtins;
mod complete;
mod coreutils;
mod deparse;
mod exec;
mod expand;
mod glob;
mod jobs;
mod lexer;
pub mod line_diff;
mod parser;
mod regex;
mod shell;
mod signals;
mod timefmt;
mod vfs;

pub use builtins::info::is_tool;
pub use coreutils::tar::archive as tar_archive;
pub use shell::{ShFlavor, Shell};
pub use vfs::{Kind, Node, Vfs, VfsError, DEV_STDIN};

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::BTreeMap;

/// Which stream a chunk of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What a command line printed, in order, and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    pub chunks: Vec<(Stream, String)>,
    pub status: i32,
}

impl Output {
    pub fn stdout(&self) -> String {
        self.stream(Stream::Stdout)
    }
    pub fn stderr(&self) -> String {
        self.stream(Stream::Stderr)
    }
    fn stream(&self, which: Stream) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == which)
            .map(|(_, t)| t.as_str())
            .collect()
    }
    pub fn out(&mut self, text: impl Into<String>) {
        self.chunks.push((Stream::Stdout, text.into()));
    }
    pub fn err(&mut self, text: impl Into<String>) {
        self.chunks.push((Stream::Stderr, text.into()));
    }
}

/// A host program's standard input: what is left of the pipe or file the
/// shell gave it. A program that reads it takes it all (as a real one
/// reads a pipe in blocks); one that never reads it leaves it for the next
/// command, as `sleep` does in `while read x; do sleep 1; done`.
#[derive(Debug, Default)]
pub struct Stdin {
    text: String,
    /// Bytes the program consumed.
    taken: Cell<usize>,
}

impl Stdin {
    pub fn new(text: impl Into<String>) -> Stdin {
        Stdin {
            text: text.into(),
            taken: Cell::new(0),
        }
    }

    /// Reads the rest of it: the shell counts it consumed.
    pub fn read(&self) -> &str {
        let from = self.taken.replace(self.text.len());
        &self.text[from..]
    }

    /// Reads one line without its newline, as a program reading a byte at
    /// a time does (Go's `fmt.Fscanln` on os.Stdin): the rest stays for
    /// the next command. None at the end.
    pub fn read_line(&self) -> Option<&str> {
        let from = self.taken.get();
        let rest = &self.text[from..];
        if rest.is_empty() {
            return None;
        }
        let (line, used) = match rest.find('\n') {
            Some(n) => (&rest[..n], n + 1),
            None => (rest, rest.len()),
        };
        self.taken.set(from + used);
        Some(line)
    }

    /// Whether nothing is there (looking does not consume it).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// How many bytes the program consumed.
    pub fn consumed(&self) -> usize {
        self.taken.get()
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

/// One run of a host program (kubectl, sleep, ...).
pub struct Invocation<'a> {
    pub argv: Vec<String>,
    pub stdin: &'a Stdin,
    pub cwd: &'a str,
    pub env: &'a BTreeMap<String, String>,
    pub vfs: &'a mut Vfs,
    /// Whether the program's stdout is the terminal (curl draws its
    /// progress meter only when it is not).
    pub stdout_tty: bool,
    /// Whether its stdin is the terminal (not a pipe, file or here-doc).
    pub stdin_tty: bool,
}

/// Programs the host (the cluster) provides.
pub trait Programs {
    /// Runs `inv.argv[0]` if the host knows it; `None` if it does not.
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output>;
    /// Names of the host's programs, for completion and `which`.
    fn names(&self) -> Vec<&'static str>;
    /// Whether a tool the shell itself provides (a coreutil, `find`,
    /// `bash`) is installed here: a container's image may lack it.
    fn installed(&self, _name: &str) -> bool {
        true
    }
    /// The host's virtual time (unix ms) after a host program ran: a
    /// container's `sleep` moves it, so `date` follows. None leaves it.
    fn clock(&self) -> Option<i64> {
        None
    }
    /// True once the host wants the run stopped (a simulated process
    /// reached the moment it is simulated up to).
    fn halted(&self) -> bool {
        false
    }
    /// Sees every chunk the run writes to its terminal, so a host can
    /// stamp it with its own clock (a container's log).
    fn wrote(&mut self, _stream: Stream, _text: &str) {}
    /// The next command runs in the background as job `pid` (`cmd &`);
    /// None when the shell is back in the foreground.
    fn background(&mut self, _pid: Option<u32>) {}
    /// How long (virtual ms) the background job that just ran takes: its
    /// `sleep`s, which did not hold the terminal.
    fn job_duration(&self) -> i64 {
        0
    }
    /// Whether a program a background job started is still running (a
    /// `kubectl port-forward` listening).
    fn job_running(&self, _pid: u32) -> bool {
        false
    }
    /// The status a background job's program exited with on its own
    /// (None: it ran to its end when started, or still runs).
    fn job_exit(&self, _pid: u32) -> Option<i32> {
        None
    }
    /// What background jobs printed to the terminal while the last host
    /// program ran (`Handling connection for 8080`): it goes to the
    /// terminal itself, whatever the program's redirections.
    fn take_terminal(&mut self) -> String {
        String::new()
    }
    /// `kill`: stops what job `pid` still runs; true if something ran.
    fn kill_job(&mut self, _pid: u32) -> bool {
        false
    }
    /// When a `timeout` kills what runs now (host ms), if one does: the
    /// host's waiting programs stop there (`sleep` exits 124 at it).
    fn deadline(&self) -> Option<i64> {
        None
    }
    /// `timeout` sets (and afterwards restores) the deadline.
    fn set_deadline(&mut self, _at: Option<i64>) {}
    /// A program that has printed what it had and now waits until it is
    /// stopped (`tail -f`): the host holds it (until the deadline, Ctrl-C,
    /// or a cap) and says its status; None: it ends at once.
    fn hold(&mut self) -> Option<i32> {
        None
    }
}
