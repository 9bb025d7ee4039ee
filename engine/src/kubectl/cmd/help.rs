//! Help texts and cobra's unknown-command suggestions. Command lists and flag
//! names are kubectl's; descriptions are in our own words.

use crate::kubectl::flags::FlagKind;
use crate::kubectl::{commands, Command, GLOBAL_FLAGS};

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
    "Other Commands",
];

pub fn root_help() -> String {
    let mut s = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n",
    );
    for g in GROUPS {
        let cmds: Vec<&Command> = commands().iter().filter(|c| c.group == *g).collect();
        if cmds.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{g}:\n"));
        for c in cmds {
            s.push_str(&format!("  {:<16}{}\n", c.name, c.short));
        }
    }
    s.push_str("\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n");
    s
}

/// Commands whose flags belong to their subcommands: kubectl's help for
/// the parent lists no Options.
const PARENTS: &[&str] = &["set", "rollout", "top", "auth", "config", "plugin"];

pub fn command_help(c: &Command) -> String {
    if PARENTS.contains(&c.name) {
        return format!(
            "{}.\n\nUsage:\n  kubectl {} SUBCOMMAND [options]\n\nUse \"kubectl {} <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
            c.short, c.name, c.name
        );
    }
    let mut s = format!("{}.\n\nOptions:\n", c.short);
    let mut flags: Vec<_> = c.flags.iter().collect();
    flags.sort_by_key(|f| f.long);
    for f in flags {
        let short = f.short.map(|c| format!("-{c}, ")).unwrap_or_default();
        let default = match f.kind {
            FlagKind::String => format!("'{}'", f.default),
            // Go prints an empty slice as [] and a set one as [a,b].
            FlagKind::StringSlice | FlagKind::StringArray if f.default.is_empty() => "[]".into(),
            _ => f.default.to_string(),
        };
        s.push_str(&format!(
            "    {short}--{}={default}:\n\t{}\n\n",
            f.long, f.usage
        ));
    }
    s.push_str(&format!(
        "Usage:\n  kubectl {} [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
        c.name
    ));
    let _ = GLOBAL_FLAGS;
    s
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
