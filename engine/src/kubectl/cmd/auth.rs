//! `kubectl auth can-i` (SelfSubjectAccessReview, `--list` from a
//! SelfSubjectRulesReview laid out as kubectl does) and `kubectl auth whoami`
//! (SelfSubjectReview).

use crate::api::policy_rule::{compact, resource_group, strings, Rule};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::printers::{json, table::Layout, yaml};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "auth",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Inspect authorization",
    flags: &[],
    run,
};

/// Verbs kubectl knows (`resourceVerbs`, `nonResourceURLVerbs` in cani.go).
const RESOURCE_VERBS: &[&str] = &[
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "delete",
    "deletecollection",
    "use",
    "bind",
    "impersonate",
    "*",
    "approve",
    "sign",
    "escalate",
    "attest",
];
const NON_RESOURCE_VERBS: &[&str] = &[
    "get", "put", "post", "head", "options", "delete", "patch", "*",
];
/// Resource words that are not API resources but mean something to RBAC.
const NON_STANDARD: &[&str] = &["users", "groups", "signers", "userextras", "uids"];

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        Some("can-i") => can_i(env, p, &p.args[1..]),
        Some("whoami") => whoami(env, p),
        Some("reconcile") => super::auth_reconcile::run(env, p),
        Some(_) => Err(super::help::unknown_subcommand("auth", &p.args.join(" "))),
        None => Err(super::help::group_alone("auth")),
    }
}

fn can_i(env: &mut Env, p: &Parsed, args: &[String]) -> Result<(), CmdError> {
    let list = p.bool("list");
    let all = p.bool("all-namespaces");
    let quiet = p.bool("quiet");
    let sub = p.str("subresource").unwrap_or("").to_string();
    let namespace = if all { String::new() } else { env.namespace(p) };
    if list {
        if !args.is_empty() {
            return Err(CmdError::Plain(
                "list option must be specified with no arguments".into(),
            ));
        }
        if quiet || all || !sub.is_empty() {
            return Err(CmdError::Plain("list option can't be specified with neither quiet, all-namespaces nor subresource options".into()));
        }
        return list_rules(env, p, &namespace);
    }
    let usage = |msg: &str| {
        CmdError::Raw(format!(
            "error: {msg}\nSee 'kubectl auth can-i -h' for help and examples.\n"
        ))
    };
    let (verb, target) = match args {
        [v, t] => (v.clone(), t.clone()),
        _ => {
            return Err(usage(
                "you must specify two arguments: verb resource or verb resource/resourceName.",
            ))
        }
    };
    let spec = if target.starts_with('/') {
        if !sub.is_empty() {
            return Err(CmdError::Plain(
                "--subresource can not be used with NonResourceURL".into(),
            ));
        }
        if !NON_RESOURCE_VERBS.contains(&verb.as_str()) {
            env.eprint(format!("Warning: verb '{verb}' is not a known verb\n\n"));
        }
        json!({"nonResourceAttributes": {"path": target, "verb": verb}})
    } else {
        let (word, name) = match target.split_once('/') {
            Some((w, n)) => (w.to_string(), n.to_string()),
            None => (target.clone(), String::new()),
        };
        let (group, resource, namespaced) = resolve(env, &word);
        if !all && !namespaced {
            env.eprint(if group.is_empty() {
                format!("Warning: resource '{resource}' is not namespace scoped\n\n")
            } else {
                format!(
                    "Warning: resource '{resource}' is not namespace scoped in group '{group}'\n\n"
                )
            });
        }
        if !RESOURCE_VERBS.contains(&verb.as_str()) {
            env.eprint(format!("Warning: verb '{verb}' is not a known verb\n\n"));
        }
        let mut ra = json!({"namespace": namespace, "verb": verb, "resource": resource});
        for (k, v) in [("group", &group), ("subresource", &sub), ("name", &name)] {
            if !v.is_empty() {
                ra[k] = json!(v);
            }
        }
        json!({"resourceAttributes": ra})
    };
    let review = env.world.api.self_subject_access_review(&spec)?;
    let allowed = review["status"]["allowed"] == true;
    if !quiet {
        if allowed {
            env.print("yes\n");
        } else {
            let mut line = "no".to_string();
            if let Some(r) = review["status"]["reason"]
                .as_str()
                .filter(|r| !r.is_empty())
            {
                line.push_str(&format!(" - {r}"));
            }
            env.print(format!("{line}\n"));
        }
    }
    if allowed {
        Ok(())
    } else {
        Err(CmdError::Raw(String::new()))
    }
}

/// What the RESTMapper makes of a word: (group, resource, namespaced).
fn resolve(env: &mut Env, word: &str) -> (String, String, bool) {
    if word == "*" {
        return (String::new(), "*".into(), true);
    }
    let lower = word.to_lowercase();
    if let Some(r) = env.world.api.registry().resolve(&lower) {
        return (r.group.clone(), r.name.clone(), r.namespaced);
    }
    let (resource, group) = match lower.split_once('.') {
        Some((r, g)) => (r.to_string(), g.to_string()),
        None => (lower.clone(), String::new()),
    };
    if !NON_STANDARD.contains(&lower.as_str()) {
        env.eprint(if group.is_empty() {
            format!("Warning: the server doesn't have a resource type '{resource}'\n\n")
        } else {
            format!("Warning: the server doesn't have a resource type '{resource}' in group '{group}'\n\n")
        });
    }
    // An unknown resource is sent as typed; its scope cannot be checked.
    (String::new(), word.to_string(), true)
}

fn breakdown(rule: &Value, out: &mut Vec<Rule>) {
    out.extend(crate::api::policy_rule::breakdown(rule));
}

fn list_rules(env: &mut Env, p: &Parsed, namespace: &str) -> Result<(), CmdError> {
    let review = env.world.api.self_subject_rules_review(namespace)?;
    let status = &review["status"];
    if status["incomplete"] == true {
        let err = status["evaluationError"].as_str().unwrap_or("");
        env.eprint(format!("Warning: the list may be incomplete: {err}"));
    }
    let mut broken = vec![];
    for r in status["resourceRules"].as_array().into_iter().flatten() {
        breakdown(r, &mut broken);
    }
    for r in status["nonResourceRules"].as_array().into_iter().flatten() {
        breakdown(r, &mut broken);
    }
    let mut rules = compact(broken);
    rules.sort_by_key(Rule::go_string);
    let bracket = |v: &[String]| format!("[{}]", v.join(" "));
    let mut lines: Vec<Vec<String>> = vec![];
    if !p.bool("no-headers") {
        lines.push(
            ["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]
                .map(String::from)
                .to_vec(),
        );
    }
    for r in &rules {
        lines.push(vec![
            resource_group(r),
            bracket(&r.urls),
            bracket(&r.names),
            bracket(&r.verbs),
        ]);
    }
    let text = Layout::default().render(&lines);
    env.print(text);
    Ok(())
}

fn whoami(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let review = env.world.api.self_subject_review()?;
    let info = &review["status"]["userInfo"];
    match p.str("output").unwrap_or("") {
        "yaml" => env.print(yaml::to_yaml(&review)),
        "json" => env.print(json::to_json(&review)),
        "" => {
            let mut lines = vec![vec!["ATTRIBUTE".to_string(), "VALUE".to_string()]];
            if let Some(u) = info["username"].as_str().filter(|u| !u.is_empty()) {
                lines.push(vec!["Username".into(), u.into()]);
            }
            if let Some(u) = info["uid"].as_str().filter(|u| !u.is_empty()) {
                lines.push(vec!["UID".into(), u.into()]);
            }
            let groups = strings(&info["groups"]);
            if !groups.is_empty() {
                lines.push(vec!["Groups".into(), format!("[{}]", groups.join(" "))]);
            }
            if let Some(extra) = info["extra"].as_object() {
                for (k, v) in extra {
                    lines.push(vec![format!("Extra: {k}"), format!("[{}]", strings(v).join(" "))]);
                }
            }
            let text = Layout::default().render(&lines);
            env.print(text);
        }
        other => {
            return Err(CmdError::Plain(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,yaml"
            )))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_are_compacted_and_sorted_as_kubectl() {
        let mut b = vec![];
        breakdown(
            &json!({"apiGroups": ["", "apps"], "resources": ["pods"], "verbs": ["get", "list"]}),
            &mut b,
        );
        breakdown(
            &json!({"apiGroups": [""], "resources": ["pods"], "verbs": ["watch"]}),
            &mut b,
        );
        breakdown(
            &json!({"nonResourceURLs": ["/healthz"], "verbs": ["get"]}),
            &mut b,
        );
        let mut rules = compact(b);
        rules.sort_by_key(Rule::go_string);
        let rows: Vec<(String, Vec<String>)> = rules
            .iter()
            .map(|r| (resource_group(r), r.verbs.clone()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "pods".into(),
                    vec!["get".into(), "list".into(), "watch".into()]
                ),
                ("pods.apps".into(), vec!["get".into(), "list".into()]),
                ("".into(), vec!["get".into()]),
            ]
        );
    }
}
