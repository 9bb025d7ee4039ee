//! Which API server a kubectl run talks to: client-go's loading rules over
//! the kubeconfig in the virtual file system (`--kubeconfig`, `$KUBECONFIG`,
//! `~/.kube/config`), `--context`, `--cluster` and `--server`. The
//! playground maps the server URL to one of its clusters.

use super::flags::Parsed;
use super::kubeconfig::{Kubeconfig, Vars};
use super::{commands, first_positional};
use crate::api::meta;
use kubeplay_shell::Vfs;

/// Where a kubectl run goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// It needs no server (`config`, help, `version --client`, a usage error).
    Local,
    /// The URL of the API server of the context in effect.
    Server(String),
    /// The kubeconfig names no such context: what kubectl prints (exit 1).
    Error(String),
}

/// client-go's default when the kubeconfig names no server.
const NO_SERVER: &str = "http://localhost:8080";

/// Commands that never reach a server.
const LOCAL: &[&str] = &[
    "config",
    "completion",
    "help",
    "kustomize",
    "plugin",
    "options",
];

/// The route of `kubectl <args>` run in `cwd` with the shell's `vars`.
pub fn route(args: &[String], vfs: &Vfs, vars: &Vars, cwd: &str) -> Route {
    let Some(pos) = first_positional(args) else {
        return Route::Local;
    };
    let word = &args[pos];
    let Some(command) = commands()
        .iter()
        .find(|c| c.name == word || c.aliases.contains(&word.as_str()))
    else {
        return Route::Local;
    };
    let mut rest: Vec<String> = args[..pos].to_vec();
    rest.extend_from_slice(&args[pos + 1..]);
    let Ok(line) = super::command_line::parse(command, word, &rest) else {
        return Route::Local;
    };
    let p = line.parsed;
    let client_only = command.name == "version" && p.bool("client");
    if p.bool("help") || LOCAL.contains(&command.name) || client_only {
        return Route::Local;
    }
    server(&p, vfs, vars, cwd, command.name)
}

/// Commands whose first look at the kubeconfig is for the namespace, when
/// `-n` does not give it (checked against kubectl v1.33.1).
const NAMESPACE_FIRST: &[&str] = &[
    "get",
    "describe",
    "delete",
    "logs",
    "exec",
    "attach",
    "port-forward",
    "cp",
    "debug",
    "label",
    "annotate",
    "patch",
    "scale",
    "set",
    "edit",
    "rollout",
    "taint",
    "events",
];

fn namespace_first(p: &Parsed, command: &str) -> bool {
    let sub = p.args.first().map(String::as_str);
    let first = NAMESPACE_FIRST.contains(&command)
        || (command == "top" && matches!(sub, Some("pod" | "pods" | "po")))
        || (command == "create" && sub == Some("token"));
    first && given(p, "namespace").is_none()
}

fn given<'a>(p: &'a Parsed, flag: &str) -> Option<&'a str> {
    p.str(flag).filter(|s| !s.is_empty())
}

/// The server URL, or kubectl's configuration error.
fn server(p: &Parsed, vfs: &Vfs, vars: &Vars, cwd: &str, command: &str) -> Route {
    let path = Kubeconfig::path_in(vars, cwd, p.str("kubeconfig"));
    let Ok(k) = Kubeconfig::load_at(vfs, path) else {
        return Route::Local;
    };
    if let Some(s) = given(p, "server") {
        return Route::Server(s.to_string());
    }
    let context = given(p, "context")
        .unwrap_or(k.current_context())
        .to_string();
    let ctx = k.context(&context);
    if ctx.is_none() && !context.is_empty() {
        // A --context that is not there: client-go's getContext says so,
        // unless the command first asks for its namespace, whose check
        // calls the configuration invalid (a current-context always is).
        let text = if given(p, "context").is_some() && !namespace_first(p, command) {
            format!("error: context \"{context}\" does not exist\n")
        } else {
            format!(
                "Error in configuration: context was not found for specified context: {context}\n"
            )
        };
        return Route::Error(text);
    }
    let cluster = match given(p, "cluster") {
        Some(c) => c.to_string(),
        None => ctx
            .as_ref()
            .and_then(|c| meta::str_at(c, &["context", "cluster"]))
            .unwrap_or("")
            .to_string(),
    };
    let entry = k
        .list("clusters")
        .into_iter()
        .find(|c| c["name"] == cluster.as_str());
    match entry
        .as_ref()
        .and_then(|c| meta::str_at(c, &["cluster", "server"]))
    {
        Some(s) if !s.is_empty() => Route::Server(s.to_string()),
        _ if given(p, "cluster").is_some() => Route::Error(format!(
            "error: no server found for cluster \"{cluster}\"\n"
        )),
        _ => Route::Server(NO_SERVER.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vfs_with(config: &str) -> Vfs {
        let mut vfs = Vfs::default();
        vfs.write(super::super::kubeconfig::DEFAULT_PATH, config);
        vfs
    }

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    const TWO: &str = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:40000\n  name: kind-a\n- cluster:\n    server: https://192.168.49.2:8443\n  name: minikube\ncontexts:\n- context:\n    cluster: kind-a\n    user: kind-a\n  name: kind-a\n- context:\n    cluster: minikube\n    user: minikube\n  name: minikube\ncurrent-context: minikube\n";

    #[test]
    fn the_context_in_effect_names_the_server() {
        let vfs = vfs_with(TWO);
        let vars = Vars::new();
        let r = |l: &str| route(&args(l), &vfs, &vars, "/root");
        assert_eq!(
            r("get pods"),
            Route::Server("https://192.168.49.2:8443".into())
        );
        assert_eq!(
            r("get pods --context kind-a"),
            Route::Server("https://127.0.0.1:40000".into())
        );
        assert_eq!(
            r("--context=kind-a get nodes"),
            Route::Server("https://127.0.0.1:40000".into())
        );
        assert_eq!(
            r("get pods --cluster kind-a"),
            Route::Server("https://127.0.0.1:40000".into())
        );
        assert_eq!(
            r("get pods -s https://x:1"),
            Route::Server("https://x:1".into())
        );
        assert_eq!(r("config use-context kind-a"), Route::Local);
        assert_eq!(r("version --client"), Route::Local);
        assert_eq!(r("get --help"), Route::Local);
    }

    #[test]
    fn missing_contexts_and_clusters_fail_as_kubectl_does() {
        let vfs = vfs_with(TWO);
        let vars = Vars::new();
        let r = |l: &str| route(&args(l), &vfs, &vars, "/root");
        assert_eq!(
            r("get pods --context nope"),
            Route::Error(
                "Error in configuration: context was not found for specified context: nope\n"
                    .into()
            )
        );
        let missing = Route::Error("error: context \"nope\" does not exist\n".into());
        let invalid = Route::Error(
            "Error in configuration: context was not found for specified context: nope\n".into(),
        );
        for line in [
            "version",
            "get pods -n x",
            "logs -n kube-system etcd",
            "apply -f a.yaml",
            "run a --image=nginx",
            "create ns a",
            "top node",
            "api-resources",
        ] {
            assert_eq!(r(&format!("{line} --context nope")), missing, "{line}");
        }
        for line in [
            "get pods -A",
            "top pod",
            "create token a",
            "rollout status deploy/a",
        ] {
            assert_eq!(r(&format!("{line} --context nope")), invalid, "{line}");
        }
        assert_eq!(
            r("get pods --cluster nope"),
            Route::Error("error: no server found for cluster \"nope\"\n".into())
        );
        // No current context: client-go's default server.
        let vfs = vfs_with(&TWO.replace("current-context: minikube\n", ""));
        assert_eq!(
            route(&args("get pods"), &vfs, &vars, "/root"),
            Route::Server("http://localhost:8080".into())
        );
    }
}
