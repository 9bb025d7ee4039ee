//! A small POSIX-like shell over a virtual file system: the terminal's bash.
//!
//! STUB: the public API is fixed; the internals are being written.

use serde::{Deserialize, Serialize};
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

/// The virtual file system.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Vfs {
    files: BTreeMap<String, String>,
}

impl Vfs {
    pub fn read(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|s| s.as_str())
    }
    pub fn write(&mut self, path: &str, contents: &str) {
        self.files.insert(path.to_string(), contents.to_string());
    }
}

/// One run of a host program (kubectl, sleep, ...).
pub struct Invocation<'a> {
    pub argv: Vec<String>,
    pub stdin: String,
    pub cwd: &'a str,
    pub env: &'a BTreeMap<String, String>,
    pub vfs: &'a mut Vfs,
}

/// Programs the host (the cluster) provides.
pub trait Programs {
    /// Runs `inv.argv[0]` if the host knows it; `None` if it does not.
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output>;
    /// Names of the host's programs, for completion and `which`.
    fn names(&self) -> Vec<&'static str>;
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Shell {
    user: String,
    host: String,
    cwd: String,
    env: BTreeMap<String, String>,
    vfs: Vfs,
    history: Vec<String>,
}

impl Shell {
    pub fn new(user: &str, host: &str) -> Shell {
        Shell {
            user: user.into(),
            host: host.into(),
            cwd: "/root".into(),
            env: BTreeMap::new(),
            vfs: Vfs::default(),
            history: vec![],
        }
    }
    pub fn run(&mut self, input: &str, programs: &mut dyn Programs) -> Output {
        self.history.push(input.to_string());
        let argv: Vec<String> = input.split_whitespace().map(String::from).collect();
        if argv.is_empty() {
            return Output::default();
        }
        let inv = Invocation {
            argv: argv.clone(),
            stdin: String::new(),
            cwd: &self.cwd,
            env: &self.env,
            vfs: &mut self.vfs,
        };
        match programs.run(inv) {
            Some(o) => o,
            None => {
                let mut o = Output {
                    status: 127,
                    ..Default::default()
                };
                o.err(format!("{}: command not found\n", argv[0]));
                o
            }
        }
    }
    pub fn prompt(&self) -> String {
        format!("{}@{}:~# ", self.user, self.host)
    }
    pub fn is_complete(&self, _input: &str) -> bool {
        true
    }
    pub fn vfs(&self) -> &Vfs {
        &self.vfs
    }
    pub fn vfs_mut(&mut self) -> &mut Vfs {
        &mut self.vfs
    }
    pub fn complete(&self, _line: &str, _programs: &dyn Programs) -> Vec<String> {
        vec![]
    }
}
