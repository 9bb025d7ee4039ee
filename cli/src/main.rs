//! `kubeplay`: the playground's engine in a real terminal.

mod edit;
mod interrupt;
mod kind_config;
mod repl;
mod script;
mod serve;

use kubeplay_engine::{Cluster, Preset};
use std::io::IsTerminal;
use std::process::ExitCode;

const HELP: &str = "\
kubeplay: a simulated Kubernetes v1.33 cluster (minikube) with kubectl and a bash-like shell.

Usage:
  kubeplay [--seed N] [--preset NAME | --kind-config FILE]
                                                 interactive shell when stdin is a terminal,
                                                 otherwise run stdin as a script
  kubeplay run FILE [--seed N] [--preset NAME]   run FILE as a script
  kubeplay serve [--port P] [--kubeconfig FILE]  serve the cluster over HTTP to a real kubectl
          [--preset NAME] [--seed N] [--speed X] (see kubeplay serve --help)
  kubeplay --help                                this text

Interactive: a prompt like `root@minikube:~# `, line editing and history; the
cluster's clock follows real time. Type `exit` or press Ctrl-D to leave.

Script: every line runs as it would in the browser terminal (here-documents may
span lines); output goes to stdout and stderr exactly as bash + kubectl print
it, with no prompt echoed. Time is virtual: it moves only through `sleep N`
(instantly) and commands that wait, such as `kubectl delete`. The exit status
is the last command's.

Options:
  --seed N       fix all randomness (default 1): same seed + same script = same bytes
  --preset NAME  the cluster to start: minikube (default) or kind
  --kind-config FILE
                 start the cluster a kind config describes (kind.x-k8s.io/v1alpha4
                 Cluster: its name and nodes), as `kind create cluster --config FILE`
";

struct Options {
    seed: u64,
    preset: Preset,
    script: Option<String>,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        seed: 1,
        preset: Preset::Minikube,
        script: None,
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut value = || {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("kubeplay: {a} needs a value"))
        };
        match a {
            "-h" | "--help" => return Ok(None),
            "--seed" => {
                let v = value()?;
                o.seed = v
                    .parse()
                    .map_err(|_| format!("kubeplay: --seed wants a number, got {v:?}"))?;
            }
            "--preset" => {
                let v = value()?;
                o.preset = Preset::from_name(&v).ok_or_else(|| {
                    format!("kubeplay: unknown preset {v:?} (known: minikube, kind)")
                })?;
            }
            "--kind-config" => {
                let v = value()?;
                o.preset = kind_config::load(&v)?;
            }
            "run" if o.script.is_none() => o.script = Some(value()?),
            other => {
                return Err(format!(
                    "kubeplay: unknown argument {other:?}; see kubeplay --help"
                ))
            }
        }
        i += 1;
    }
    Ok(Some(o))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        return serve::main(&args[1..]);
    }
    let opts = match parse(&args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}");
            // A bad kind config fails as `kind create cluster` does (status 1).
            return ExitCode::from(if e.starts_with("ERROR: ") { 1 } else { 2 });
        }
    };
    let cluster = Cluster::new(opts.preset, opts.seed);
    let status = match opts.script {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => script::run(cluster, &text),
            Err(e) => {
                eprintln!("kubeplay: {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None if std::io::stdin().is_terminal() => {
            let mut cluster = cluster;
            cluster.set_interactive(true);
            repl::run(cluster)
        }
        None => {
            let mut text = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                eprintln!("kubeplay: reading stdin: {e}");
                return ExitCode::from(2);
            }
            script::run(cluster, &text)
        }
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}
