//! Tab completion for kubectl command lines: subcommands, flags, resource
//! types and the names of live objects (read through the API server).

use super::flags::Flag;
use super::GLOBAL_FLAGS;
use super::{commands, Command};
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};

/// Commands whose first argument is a resource type, then object names.
const TYPE_THEN_NAME: &[&str] = &[
    "get",
    "describe",
    "delete",
    "edit",
    "label",
    "annotate",
    "patch",
    "scale",
    "rollout",
    "set",
    "expose",
    "wait",
    "replace",
    "autoscale",
];

/// Candidates for the last word of `words` (the word being typed is
/// `current`, empty after a space). None if the line is not a kubectl line.
pub fn complete(
    api: &ApiServer,
    namespace: &str,
    words: &[&str],
    current: &str,
) -> Option<Vec<String>> {
    if words.first() != Some(&"kubectl") {
        return None;
    }
    // The words before the one being completed, without flags.
    let done: Vec<&str> = words[1..]
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-'))
        .collect();
    let starts = |c: &String| c.starts_with(current);
    if current.starts_with('-') {
        let cmd = done
            .first()
            .and_then(|w| commands().iter().find(|c| c.name == *w));
        // The flags of the subcommand the words name (cobra hides deprecated ones).
        let flags: Vec<&Flag> = cmd
            .map(|c| {
                let rest: Vec<String> = done[1..].iter().map(|w| w.to_string()).collect();
                super::command_line::own_flags(super::command_line::find_path(c, &rest))
            })
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.deprecated.is_none())
            .collect();
        let mut out: Vec<String> = flags
            .into_iter()
            .chain(GLOBAL_FLAGS.iter())
            .map(|f| format!("--{}", f.long))
            .filter(starts)
            .collect();
        out.sort();
        out.dedup();
        return Some(out);
    }
    let Some(cmd) = done.first() else {
        return Some(
            commands()
                .iter()
                .map(|c: &Command| c.name.to_string())
                .filter(starts)
                .collect(),
        );
    };
    let args = &done[1..];
    let pods = || names(api, "pods", namespace);
    let mut out: Vec<String> = match (*cmd, args.len()) {
        ("logs" | "exec" | "attach" | "port-forward", 0) => pods(),
        ("rollout", 0) => ["history", "pause", "restart", "resume", "status", "undo"]
            .map(String::from)
            .to_vec(),
        ("rollout", 1) => vec!["deployment".into()],
        ("rollout", 2) => names(api, "deployments", namespace),
        ("create", 0) => super::cmd::create_sub::subcommands()
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect(),
        ("create", 1) if matches!(args[0], "service" | "svc" | "secret") => {
            let group = if args[0] == "svc" { "service" } else { args[0] };
            super::cmd::create_sub::group_members(group)
                .into_iter()
                .map(String::from)
                .collect()
        }
        ("cordon" | "uncordon" | "drain", 0) => names(api, "nodes", namespace),
        ("taint", 0) => vec!["nodes".into()],
        ("taint", 1) => names(api, "nodes", namespace),
        ("config", 0) => [
            "current-context",
            "delete-context",
            "get-clusters",
            "get-contexts",
            "get-users",
            "rename-context",
            "set-context",
            "use-context",
            "view",
        ]
        .map(String::from)
        .to_vec(),
        (c, 0) if TYPE_THEN_NAME.contains(&c) => {
            let mut types: Vec<String> = api
                .registry()
                .resources()
                .iter()
                .map(|r| r.name.clone())
                .collect();
            types.sort();
            types
        }
        (c, n) if TYPE_THEN_NAME.contains(&c) && n >= 1 => names(api, args[0], namespace),
        _ => vec![],
    };
    out.retain(starts);
    out.dedup();
    Some(out)
}

/// Names of the objects of a resource type in the namespace (all, if cluster-scoped).
fn names(api: &ApiServer, typed: &str, namespace: &str) -> Vec<String> {
    let Some(r) = api.registry().resolve(typed).cloned() else {
        return vec![];
    };
    api.list(&r, Some(namespace), &ListOptions::default())
        .unwrap_or_default()
        .iter()
        .map(|o| meta::name(o).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    #[test]
    fn completes_commands_types_names_and_flags() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        assert!(c.complete("kubectl ge").contains(&"get".to_string()));
        assert!(c.complete("kubectl get po").contains(&"pods".to_string()));
        c.run("kubectl run web --image=nginx");
        assert_eq!(c.complete("kubectl get pods w"), vec!["web".to_string()]);
        assert_eq!(c.complete("kubectl logs "), vec!["web".to_string()]);
        assert!(c
            .complete("kubectl get pods --all-n")
            .contains(&"--all-namespaces".to_string()));
        assert!(c
            .complete("kubectl create ")
            .contains(&"poddisruptionbudget".to_string()));
        assert_eq!(c.complete("kubectl drain "), vec!["minikube".to_string()]);
        assert_eq!(
            c.complete("kubectl create service n"),
            vec!["nodeport".to_string()]
        );
        assert_eq!(
            c.complete("kubectl describe node "),
            vec!["minikube".to_string()]
        );
    }
}
