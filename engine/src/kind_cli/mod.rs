//! The `kind` program (kind v0.29.0, sigs.k8s.io/kind pkg/cmd/kind): create,
//! list and delete kind clusters of the playground, print their kubeconfig,
//! load images into their nodes, export their logs and kubeconfig. Each
//! cluster is a world of its own
//! (`clusters.rs`). kind logs to stderr; only listings go to stdout.

mod create;
mod export;
pub(crate) mod manage;

use crate::clusters::Fleet;
use crate::kubectl::kubeconfig::Vars;
use kubeplay_shell::{Output, Stdin, Vfs};

/// What a kind run may touch.
pub struct KindEnv<'a, 'b> {
    pub fleet: &'a mut Fleet<'b>,
    pub vfs: &'a mut Vfs,
    pub vars: &'a Vars,
    pub cwd: &'a str,
    pub stdin: &'a Stdin,
}

/// The flags a kind subcommand was given (pflag: `--f v`, `--f=v`, `-n v`).
#[derive(Default)]
struct Flags {
    values: Vec<(String, String)>,
    args: Vec<String>,
}

impl Flags {
    fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn bool(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v != "false")
    }
}

/// (long, short, takes a value) of the flags every kind command has.
const GLOBAL: &[(&str, Option<char>, bool)] = &[
    ("verbosity", Some('v'), true),
    ("quiet", Some('q'), false),
    ("help", Some('h'), false),
];

/// pflag's parse against `known`; the error is cobra's text.
fn parse(args: &[String], known: &[(&str, Option<char>, bool)]) -> Result<Flags, String> {
    let mut f = Flags::default();
    let all = || known.iter().chain(GLOBAL);
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(body) = a.strip_prefix("--") {
            if body.is_empty() {
                f.args.extend(args[i..].iter().cloned());
                break;
            }
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some((long, _, takes)) = all().find(|(l, _, _)| *l == name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (takes, inline) {
                (_, Some(v)) => v,
                (false, None) => "true".into(),
                (true, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                },
            };
            f.values.push((long.to_string(), value));
        } else if a.len() > 1 && a.starts_with('-') {
            let c = a.chars().nth(1).unwrap_or('-');
            let Some((long, _, takes)) = all().find(|(_, s, _)| *s == Some(c)) else {
                return Err(format!("unknown shorthand flag: '{c}' in {a}"));
            };
            let rest = &a[1 + c.len_utf8()..];
            let value = match (takes, rest.is_empty()) {
                (false, _) => "true".into(),
                (true, false) => rest.trim_start_matches('=').to_string(),
                (true, true) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(format!("flag needs an argument: '{c}' in -{c}"));
                    }
                },
            };
            f.values.push((long.to_string(), value));
        } else {
            f.args.push(a.clone());
        }
    }
    Ok(f)
}

/// The cluster a command is about: `--name`, else `$KIND_CLUSTER_NAME`,
/// else `kind` (cli.OverrideDefaultName).
fn cluster_name(f: &Flags, vars: &Vars) -> String {
    f.get("name")
        .map(String::from)
        .or_else(|| {
            vars.get("KIND_CLUSTER_NAME")
                .filter(|s| !s.is_empty())
                .cloned()
        })
        .unwrap_or_else(|| "kind".into())
}

/// `kind version`'s DisplayVersion (kind v0.29.0 was built with go1.24.2).
const VERSION: &str = "kind v0.29.0 go1.24.2 linux/amd64\n";

/// cobra's help of the root command (root.go's Long, its subcommands' Short).
const ROOT_HELP: &str =
    "kind creates and manages local Kubernetes clusters using Docker container 'nodes'

Usage:
  kind [command]

Available Commands:
  build       Build one of [node-image]
  completion  Output shell completion code for the specified shell (bash, zsh or fish)
  create      Creates one of [cluster]
  delete      Deletes one of [cluster]
  export      Exports one of [kubeconfig, logs]
  get         Gets one of [clusters, nodes, kubeconfig]
  help        Help about any command
  load        Loads images into nodes
  version     Prints the kind CLI version

Flags:
  -h, --help              help for kind
  -q, --quiet             silence all stderr output
  -v, --verbosity int32   info log verbosity, higher value produces more output
      --version           version for kind

Use \"kind [command] --help\" for more information about a command.
";

/// Runs `kind <args>`.
pub fn run(env: &mut KindEnv, args: &[String]) -> Output {
    let mut out = Output::default();
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
    let result = match words.as_slice() {
        _ if args.iter().any(|a| a == "--version") && words.is_empty() => {
            out.out("kind version 0.29.0\n");
            Ok(())
        }
        [] | ["help", ..] => {
            out.out(ROOT_HELP);
            Ok(())
        }
        _ if args.iter().any(|a| a == "-h" || a == "--help") => {
            out.out(ROOT_HELP);
            Ok(())
        }
        ["version", ..] => {
            out.out(VERSION);
            Ok(())
        }
        ["create", "cluster", ..] => create::cluster(env, &rest(args, 2), &mut out),
        ["delete", "cluster", ..] => manage::delete(env, &rest(args, 2), &mut out),
        ["get", "clusters", ..] => manage::get_clusters(env, &rest(args, 2), &mut out),
        ["get", "nodes", ..] => manage::get_nodes(env, &rest(args, 2), &mut out),
        ["get", "kubeconfig", ..] => manage::get_kubeconfig(env, &rest(args, 2), &mut out),
        ["load", "docker-image", ..] => manage::load(env, &rest(args, 2), &mut out),
        ["export", "logs", ..] => export::logs(env, &rest(args, 2), &mut out),
        ["export", "kubeconfig", ..] => export::kubeconfig(env, &rest(args, 2), &mut out),
        [cmd @ ("build" | "export" | "completion"), ..] => Err(format!(
            "kubeplay: `kind {cmd}` is not simulated in this playground"
        )),
        [other, ..] => Err(format!("unknown command \"{other}\" for \"kind\"")),
    };
    if let Err(e) = result {
        // app/main.go logError, without colour (not a terminal that asks).
        out.err(format!("ERROR: {e}\n"));
        out.status = 1;
    }
    if quiet {
        out.chunks
            .retain(|(s, _)| *s != kubeplay_shell::Stream::Stderr);
    }
    out
}

/// `args` without the first `n` words (the subcommand path).
fn rest(args: &[String], n: usize) -> Vec<String> {
    let mut skipped = 0;
    args.iter()
        .filter(|a| {
            if skipped < n && !a.starts_with('-') {
                skipped += 1;
                false
            } else {
                true
            }
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags_parse_as_pflag_does() {
        let known = &[("name", Some('n'), true), ("retain", None, false)];
        let f = parse(&strings("--name a -n=b --retain x"), known).unwrap();
        assert_eq!(f.get("name"), Some("b"));
        assert!(f.bool("retain"));
        assert_eq!(f.args, vec!["x"]);
        assert_eq!(
            parse(&strings("--nope"), known).err().unwrap(),
            "unknown flag: --nope"
        );
        assert_eq!(
            parse(&strings("-z"), known).err().unwrap(),
            "unknown shorthand flag: 'z' in -z"
        );
    }

    #[test]
    fn the_subcommand_path_is_dropped_but_flags_before_it_stay() {
        assert_eq!(
            rest(&strings("-q create cluster --name x"), 2),
            strings("-q --name x")
        );
    }
}
