//! What `kubectl CMD [SUB] --help` says about each command, as data: the
//! description and examples (in our own words), and kubectl v1.33's usage
//! line, aliases and subcommands' own flags (what they parse, too). One
//! file per group of `kubectl --help`; `cmd/help.rs` lays a topic out as
//! kubectl's help template does.

mod advanced;
mod basic;
mod cluster;
mod create;
mod debug;
mod deploy;
pub mod flags;
mod other;
mod settings;

use crate::kubectl::flags::Flag;

/// The help of one command path (`get`, `rollout undo`, `create secret tls`).
pub struct Topic {
    /// The words after `kubectl`.
    pub path: &'static str,
    /// Other names of the last word (the `Aliases:` line lists them after it).
    pub aliases: &'static [&'static str],
    /// Its line in the parent's `Available Commands` (subcommands whose short
    /// line no other table holds).
    pub short: &'static str,
    /// The description: first line, then paragraphs (kubectl's text layout:
    /// later paragraphs start with a space).
    pub long: &'static str,
    /// `# what` and `kubectl ...` lines, a blank line between examples.
    pub examples: &'static str,
    /// The usage line after `kubectl `, as kubectl v1.33 prints it.
    pub usage: &'static str,
    /// The flags a subcommand parses and, but for deprecated ones, lists
    /// (top-level commands and create's generators: those of their own
    /// tables).
    pub flags: &'static [Flag],
}

impl Topic {
    pub const NONE: Topic = Topic {
        path: "",
        aliases: &[],
        short: "",
        long: "",
        examples: "",
        usage: "",
        flags: &[],
    };

    /// The last word of the path.
    pub fn name(&self) -> &'static str {
        self.path.rsplit(' ').next().unwrap_or(self.path)
    }

    /// The path of the parent ("" for top-level commands).
    pub fn parent(&self) -> &'static str {
        self.path.rsplit_once(' ').map_or("", |(p, _)| p)
    }
}

const TABLES: &[&[Topic]] = &[
    basic::TOPICS,
    create::TOPICS,
    deploy::TOPICS,
    cluster::TOPICS,
    debug::TOPICS,
    advanced::TOPICS,
    settings::TOPICS,
    other::TOPICS,
];

/// Every topic.
pub fn topics() -> impl Iterator<Item = &'static Topic> {
    TABLES.iter().flat_map(|t| t.iter())
}

pub fn topic(path: &str) -> Option<&'static Topic> {
    topics().find(|t| t.path == path)
}

/// The subcommands of `path`, sorted by name as cobra lists them.
pub fn children(path: &str) -> Vec<&'static Topic> {
    let mut out: Vec<&Topic> = topics().filter(|t| t.parent() == path).collect();
    out.sort_by_key(|t| t.name());
    out
}

/// The deepest topic the words name, starting from top-level command
/// `command`: `rollout` + `[undo, deploy/web]` is `rollout undo`, `top` +
/// `[po]` is `top pod` (cobra finds subcommands by name or alias).
pub fn resolve(command: &str, words: &[String]) -> Option<&'static Topic> {
    let mut found = topic(command)?;
    for w in words {
        let next = children(found.path)
            .into_iter()
            .find(|t| t.name() == w || t.aliases.contains(&w.as_str()));
        match next {
            Some(t) => found = t,
            None => break,
        }
    }
    Some(found)
}
