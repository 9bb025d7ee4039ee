//! `kubeplay serve`: the cluster as a Kubernetes API server on 127.0.0.1, for a
//! real kubectl (see the `kubeplay-server` crate).

use kubeplay_engine::Preset;
use kubeplay_server::{kubeconfig_yaml, Config, Server};
use std::process::ExitCode;

pub const HELP: &str = "\
Usage:
  kubeplay serve [--port P] [--kubeconfig FILE] [--preset NAME | --kind-config FILE]
                 [--seed N] [--speed X]

Serves the cluster over HTTP on 127.0.0.1:P as a Kubernetes v1.33 API server
and writes a kubeconfig for it (context `kubeplay`), so a real kubectl works:
  kubectl --kubeconfig FILE get nodes

Options:
  --port P           port on 127.0.0.1 (default 0: any free port)
  --kubeconfig FILE  where to write the kubeconfig (default: kubeplay-<port>.kubeconfig
                     in the temporary directory)
  --preset NAME      minikube (default) or kind
  --kind-config FILE the cluster a kind config (kind.x-k8s.io/v1alpha4 Cluster) describes
  --seed N           fix all randomness (default 1)
  --speed X          virtual seconds per real second (default 1; 0 stops the clock:
                     then only POST /kubeplay/advance?seconds=N moves it)
";

fn parse(args: &[String]) -> Result<Option<(Config, Option<String>)>, String> {
    let mut c = Config::default();
    let mut kubeconfig = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-h" || a == "--help" {
            return Ok(None);
        }
        i += 1;
        let v = args
            .get(i)
            .cloned()
            .ok_or_else(|| format!("kubeplay serve: {a} needs a value"))?;
        let bad = |what: &str| format!("kubeplay serve: {a} wants {what}, got {v:?}");
        match a {
            "--port" => c.port = v.parse().map_err(|_| bad("a port number"))?,
            "--seed" => c.seed = v.parse().map_err(|_| bad("a number"))?,
            "--speed" => {
                c.speed = v
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| bad("a number >= 0"))?
            }
            "--preset" => {
                c.preset = Preset::from_name(&v).ok_or_else(|| {
                    format!("kubeplay serve: unknown preset {v:?} (known: minikube, kind)")
                })?
            }
            "--kind-config" => c.preset = crate::kind_config::load(&v)?,
            "--kubeconfig" => kubeconfig = Some(v),
            other => {
                return Err(format!(
                    "kubeplay serve: unknown argument {other:?}; see kubeplay serve --help"
                ))
            }
        }
        i += 1;
    }
    Ok(Some((c, kubeconfig)))
}

pub fn main(args: &[String]) -> ExitCode {
    let (config, kubeconfig) = match parse(args) {
        Ok(Some(p)) => p,
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
    let server = match Server::start(&config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "kubeplay serve: cannot listen on 127.0.0.1:{}: {e}",
                config.port
            );
            return ExitCode::from(1);
        }
    };
    let path = kubeconfig.unwrap_or_else(|| {
        std::env::temp_dir()
            .join(format!("kubeplay-{}.kubeconfig", server.port()))
            .display()
            .to_string()
    });
    if let Err(e) = std::fs::write(&path, kubeconfig_yaml(server.port())) {
        eprintln!("kubeplay serve: writing {path}: {e}");
        return ExitCode::from(1);
    }
    println!(
        "kubeplay: serving at {} (seed {}, speed {})",
        server.url(),
        config.seed,
        config.speed
    );
    println!("  kubectl --kubeconfig {path} get nodes");
    server.wait();
    ExitCode::SUCCESS
}
