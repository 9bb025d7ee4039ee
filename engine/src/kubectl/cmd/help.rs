//! Help texts and cobra's unknown-command suggestions. Command lists and flag
//! names are kubectl's; descriptions are in our own words.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind};
use crate::kubectl::help::{self, Topic};
use crate::kubectl::{commands, GLOBAL_FLAGS};

/// Every kubectl v1.33 command, in the order kubectl registers them (the order
/// cobra's "Did you mean this?" suggestions follow).
const ALL_COMMANDS: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "alpha",
    "api-resources",
    "api-versions",
    "config",
    "plugin",
    "version",
    "options",
];

const GROUPS: &[&str] = &[
    "Basic Commands (Beginner)",
    "Basic Commands (Intermediate)",
    "Deploy Commands",
    "Cluster Management Commands",
    "Troubleshooting and Debugging Commands",
    "Advanced Commands",
    "Settings Commands",
    // Listed even when no plugin is installed (kubectl v1.33 does).
    "Subcommands provided by plugins",
    "Other Commands",
];

const ROOT_LONG: &str = "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/";

/// cobra's help command's own help.
pub const HELP_HELP: &str = "Help provides help for any command in the application.\nSimply type kubectl help [path to command] for full details.\n\nUsage:\n  kubectl help [command] [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const OPTIONS_TIP: &str = "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

/// The root command's usage: its command groups and tips (templates.go
/// MainUsageTemplate for the root command).
fn root_usage() -> String {
    let mut groups = vec![];
    for g in GROUPS {
        let mut lines = vec![format!("{g}:")];
        for c in commands().iter().filter(|c| c.group == *g) {
            lines.push(format!("  {:<16}{}", c.name, c.short));
        }
        if lines.len() > 1 || g.starts_with("Subcommands") {
            groups.push(lines.join("\n"));
        }
    }
    format!(
        "\n\n{}\n\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\n{OPTIONS_TIP}",
        groups.join("\n\n")
    )
}

/// `kubectl`, `kubectl --help`, `kubectl help`.
pub fn root_help() -> String {
    format!("{ROOT_LONG}{}", root_usage())
}

/// `kubectl help WORDS` when WORDS name no command: cobra's text on stderr,
/// then the root usage (exit 0).
pub fn unknown_topic(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    format!(
        "Unknown help topic [{}]\n{}",
        quoted.join(" "),
        root_usage()
    )
}

/// `kubectl options`: the flags every command accepts, those the playground
/// does not simulate included (help is each command's own flag).
pub fn options() -> String {
    let mut flags: Vec<&Flag> = GLOBAL_FLAGS
        .iter()
        .filter(|f| f.long != "help")
        .chain(crate::kubectl::help::flags::UNSIMULATED_GLOBALS)
        .collect();
    flags.sort_by_key(|f| f.long);
    let mut s = String::from("The following options can be passed to any command:\n\n");
    for f in flags {
        s.push_str(&flag_usage(f));
    }
    s
}

/// One flag as kubectl's help flag printer lays it out.
fn flag_usage(f: &Flag) -> String {
    let short = f.short.map(|c| format!("-{c}, ")).unwrap_or_default();
    let default = match f.kind {
        FlagKind::String => format!("'{}'", f.default),
        // Go prints an empty slice as [] and a set one as [a,b].
        FlagKind::StringSlice | FlagKind::StringArray if f.default.is_empty() => "[]".into(),
        _ => f.default.to_string(),
    };
    format!("    {short}--{}={default}:\n\t{}\n\n", f.long, f.usage)
}

/// A subcommand's line in its parent's `Available Commands`.
fn short_of(t: &Topic) -> &'static str {
    if !t.short.is_empty() {
        return t.short;
    }
    if let Some(c) = commands().iter().find(|c| c.name == t.path) {
        return c.short;
    }
    super::create_sub::short(t.path).unwrap_or("")
}

/// The flags a topic's help lists, sorted by name as pflag does: those it
/// parses, but not the deprecated ones (cobra hides them).
fn flags_of(t: &Topic) -> Vec<&'static Flag> {
    let mut flags = crate::kubectl::command_line::own_flags(t.path);
    flags.retain(|f| f.deprecated.is_none());
    flags.sort_by_key(|f| f.long);
    flags
}

/// A topic's help as kubectl's help template lays it out (templates.go:
/// the description, then Aliases, Examples, Available Commands, Options,
/// Usage and the tips; each section ends with a blank line).
pub fn render(t: &Topic) -> String {
    let mut s = format!("{}\n\n", t.long);
    if !t.aliases.is_empty() {
        s.push_str(&format!(
            "Aliases:\n{}, {}\n\n",
            t.name(),
            t.aliases.join(", ")
        ));
    }
    if !t.examples.is_empty() {
        s.push_str("Examples:\n");
        for line in t.examples.lines() {
            s.push_str(&format!("  {line}\n"));
        }
        s.push('\n');
    }
    let children = help::children(t.path);
    if !children.is_empty() {
        let width = children
            .iter()
            .map(|c| c.name().len())
            .max()
            .unwrap_or(0)
            .max(11);
        s.push_str("Available Commands:\n");
        for c in &children {
            s.push_str(&format!("  {:<width$}   {}\n", c.name(), short_of(c)));
        }
        s.push('\n');
    }
    let flags = flags_of(t);
    if !flags.is_empty() {
        s.push_str("Options:\n");
        for f in flags {
            s.push_str(&flag_usage(f));
        }
    }
    s.push_str(&format!("Usage:\n  kubectl {}\n\n", t.usage));
    if !children.is_empty() {
        s.push_str(&format!(
            "Use \"kubectl {} <command> --help\" for more information about a given command.\n",
            t.path
        ));
    }
    s.push_str(OPTIONS_TIP);
    s
}

/// `kubectl COMMAND WORDS... --help`: the help of the deepest subcommand the
/// words name.
pub fn command_help(command: &str, words: &[String]) -> String {
    help::resolve(command, words).map_or_else(String::new, render)
}

/// A command group run without a subcommand (`kubectl set`): cobra's
/// DefaultSubCommandRun prints its help to stderr and exits 1.
pub fn group_alone(path: &str) -> CmdError {
    let words: Vec<String> = path.split(' ').skip(1).map(String::from).collect();
    let first = path.split(' ').next().unwrap_or(path);
    CmdError::Raw(command_help(first, &words))
}

/// `kubectl help WORDS...`: the same help, found from the first word.
pub fn help_command(words: &[String]) -> Result<String, String> {
    let Some(first) = words.first() else {
        return Ok(root_help());
    };
    let name = commands()
        .iter()
        .find(|c| c.name == first || c.aliases.contains(&first.as_str()))
        .map(|c| c.name)
        .or_else(|| (first == "options").then_some("options"));
    match name {
        // `options` has an empty help template.
        Some("options") => Ok(String::new()),
        Some(n) => Ok(command_help(n, &words[1..])),
        None => Err(unknown_topic(words)),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A group command's unknown subcommand, as kubectl's DefaultSubCommandRun
/// words it: `error: unknown command "x y"` (every argument) and the `-h` hint.
pub fn unknown_subcommand(parent: &str, sub: &str) -> CmdError {
    CmdError::Usage {
        msg: format!("unknown command \"{sub}\""),
        command: format!("kubectl {parent}"),
    }
}

/// `error: unknown command "x" for "kubectl"` with cobra's suggestions.
pub fn unknown_command(word: &str) -> String {
    let lower = word.to_lowercase();
    let suggestions: Vec<&str> = ALL_COMMANDS
        .iter()
        .copied()
        .filter(|c| levenshtein(&lower, c) <= 2 || c.starts_with(&lower))
        .collect();
    let mut s = format!("error: unknown command \"{word}\" for \"kubectl\"\n");
    if !suggestions.is_empty() {
        s.push_str("\nDid you mean this?\n");
        for c in suggestions {
            s.push_str(&format!("\t{c}\n"));
        }
    }
    s
}

/// Whether `word` is one of kubectl's own commands.
pub fn is_kubectl_command(word: &str) -> bool {
    ALL_COMMANDS.contains(&word)
}

/// What kubectl commands this playground does not simulate yet print.
pub fn not_simulated(name: &str) -> String {
    format!("error: \"kubectl {name}\" is not available in this playground yet\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_cobra() {
        assert_eq!(
            unknown_command("gett"),
            "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n"
        );
        assert_eq!(
            unknown_command("ge"),
            "error: unknown command \"ge\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n\tcp\n"
        );
        assert!(unknown_command("port-foward").ends_with("\tport-forward\n"));
        assert!(unknown_command("foo").ends_with("\ttop\n"));
    }
}
