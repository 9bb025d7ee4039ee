//! `kubectl create role|clusterrole|rolebinding|clusterrolebinding`: one
//! rule per group of the resources named (kubectl's
//! generateResourcePolicyRules), and bindings to users, groups and service
//! accounts.

use super::create::create_generated;
use super::create_sub::Generator;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const RESOURCE_VERBS: &[&str] = &[
    "*",
    "get",
    "delete",
    "list",
    "create",
    "update",
    "patch",
    "watch",
    "proxy",
    "deletecollection",
    "use",
    "bind",
    "escalate",
    "impersonate",
];
const NON_RESOURCE_VERBS: &[&str] = &[
    "*", "get", "post", "put", "delete", "patch", "head", "options",
];

/// Verbs that only make sense on some group/resources.
fn special_verb(verb: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match verb {
        "use" => Some(&[
            ("policy", "podsecuritypolicies"),
            ("extensions", "podsecuritypolicies"),
        ]),
        "bind" | "escalate" => Some(&[
            ("rbac.authorization.k8s.io", "roles"),
            ("rbac.authorization.k8s.io", "clusterroles"),
        ]),
        "impersonate" => Some(&[
            ("", "users"),
            ("", "serviceaccounts"),
            ("", "groups"),
            ("authentication.k8s.io", "userextras"),
        ]),
        _ => None,
    }
}

struct ResourceArg {
    resource: String,
    group: String,
    sub: String,
}

struct RuleInput {
    verbs: Vec<String>,
    resources: Vec<ResourceArg>,
    names: Vec<String>,
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn rule_input(p: &Parsed) -> RuleInput {
    let mut verbs = vec![];
    for v in p.all("verb") {
        if v == "*" {
            verbs = vec!["*".to_string()];
            break;
        }
        verbs.push(v);
    }
    let mut resources = vec![];
    for r in p.all("resource") {
        let (main, sub) = r.split_once('/').unwrap_or((&r, ""));
        let (resource, group) = main.split_once('.').unwrap_or((main, ""));
        let arg = ResourceArg {
            resource: resource.into(),
            group: group.into(),
            sub: sub.into(),
        };
        if resource == "*" && group.is_empty() && sub.is_empty() && !main.contains('.') {
            resources = vec![arg];
            break;
        }
        resources.push(arg);
    }
    RuleInput {
        verbs: dedup(verbs),
        resources,
        names: dedup(p.all("resource-name")),
    }
}

/// The (group, resource) the mapper finds for what was typed, or it as typed.
fn mapped(env: &Env, r: &ResourceArg) -> (String, String, bool) {
    let typed = if r.group.is_empty() {
        r.resource.clone()
    } else {
        format!("{}.{}", r.resource, r.group)
    };
    match env.world.api.registry().resolve(&typed) {
        Some(found) if r.group.is_empty() || found.group == r.group => {
            (found.group.clone(), found.name.clone(), true)
        }
        _ => (r.group.clone(), r.resource.clone(), false),
    }
}

fn warn_verbs(env: &mut Env, input: &RuleInput) {
    for v in &input.verbs {
        if !RESOURCE_VERBS.contains(&v.as_str()) {
            env.eprint(format!("Warning: '{v}' is not a standard resource verb\n"));
        }
    }
}

fn validate_resources(env: &Env, input: &RuleInput) -> Result<(), CmdError> {
    for r in &input.resources {
        if r.resource.is_empty() {
            return Err(CmdError::Plain(
                "resource must be specified if apiGroup/subresource specified".into(),
            ));
        }
        if r.resource == "*" {
            return Ok(());
        }
        let (group, resource, found) = mapped(env, r);
        let mut special = false;
        for v in &input.verbs {
            if let Some(allowed) = special_verb(v) {
                if !allowed
                    .iter()
                    .any(|(g, res)| *g == group && *res == resource)
                {
                    return Err(CmdError::Plain(format!(
                        "can not perform '{v}' on '{resource}' in group '{group}'"
                    )));
                }
                special = true;
            }
        }
        if !found && !special {
            // The discovery lookup's error, printed bare.
            return Err(CmdError::Raw(format!(
                "the server doesn't have a resource type \"{}\"\n",
                r.resource
            )));
        }
    }
    Ok(())
}

fn rules(env: &Env, input: &RuleInput, urls: &[String]) -> Vec<Value> {
    let mut by_group: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &input.resources {
        let (group, mut resource, _) = mapped(env, r);
        if !r.sub.is_empty() {
            resource = format!("{resource}/{}", r.sub);
        }
        let list = by_group.entry(group).or_default();
        if !list.contains(&resource) {
            list.push(resource);
        }
    }
    let mut out: Vec<Value> = by_group
        .into_iter()
        .map(|(g, resources)| {
            let mut rule = json!({"apiGroups": [g], "resources": resources, "verbs": input.verbs});
            if !input.names.is_empty() {
                rule["resourceNames"] = json!(input.names);
            }
            rule
        })
        .collect();
    if !urls.is_empty() {
        out.push(json!({"nonResourceURLs": urls, "verbs": input.verbs}));
    }
    out
}

pub fn role(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let input = rule_input(p);
    if input.verbs.is_empty() {
        return Err(CmdError::Plain(
            "at least one verb must be specified".into(),
        ));
    }
    warn_verbs(env, &input);
    if input.resources.is_empty() {
        return Err(CmdError::Plain(
            "at least one resource must be specified".into(),
        ));
    }
    validate_resources(env, &input)?;
    let obj = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"creationTimestamp": null, "name": name}, "rules": rules(env, &input, &[])});
    create_generated(
        env,
        p,
        "roles.rbac.authorization.k8s.io",
        &format!("role.rbac.authorization.k8s.io/{name}"),
        obj,
        CmdError::Api,
    )
}

pub fn clusterrole(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let input = rule_input(p);
    let urls = p.all("non-resource-url");
    let aggregation = p.str("aggregation-rule").unwrap_or("").to_string();
    let plain = |m: &str| Err(CmdError::Plain(m.into()));
    let mut obj = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"creationTimestamp": null, "name": name}});
    if !aggregation.is_empty() {
        if !urls.is_empty()
            || !input.verbs.is_empty()
            || !input.resources.is_empty()
            || !input.names.is_empty()
        {
            return plain("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames");
        }
        let mut labels = Map::new();
        for kv in aggregation.split(',') {
            let Some((k, v)) = kv.split_once('=') else {
                return Err(CmdError::Flag {
                    msg: format!("invalid argument \"{aggregation}\" for \"--aggregation-rule\" flag: {kv} must be formatted as key=value"),
                    command: "kubectl create clusterrole".into(),
                });
            };
            labels.insert(k.into(), json!(v));
        }
        obj["aggregationRule"] = json!({"clusterRoleSelectors": [{"matchLabels": labels}]});
    } else {
        if input.verbs.is_empty() {
            return plain("at least one verb must be specified");
        }
        if input.resources.is_empty() && urls.is_empty() {
            return plain("one of resource or nonResourceURL must be specified");
        }
        if !input.resources.is_empty() {
            warn_verbs(env, &input);
            validate_resources(env, &input)?;
        }
        if !urls.is_empty() {
            if let Some(v) = input
                .verbs
                .iter()
                .find(|v| !NON_RESOURCE_VERBS.contains(&v.as_str()))
            {
                return Err(CmdError::Plain(format!(
                    "invalid verb: '{v}' for nonResourceURL"
                )));
            }
            for u in urls.iter().filter(|u| *u != "*") {
                if !u.starts_with('/') {
                    return plain("nonResourceURL should start with /");
                }
                // Bytes, as Go slices the string (a multibyte end is no boundary).
                if u.as_bytes()[..u.len() - 1].contains(&b'*') {
                    return plain(
                        "nonResourceURL only supports wildcard matches when '*' is at the end",
                    );
                }
            }
        }
        obj["rules"] = json!(rules(env, &input, &urls));
    }
    create_generated(
        env,
        p,
        "clusterroles.rbac.authorization.k8s.io",
        &format!("clusterrole.rbac.authorization.k8s.io/{name}"),
        obj,
        CmdError::Api,
    )
}

/// rolebinding and clusterrolebinding.
pub fn binding(env: &mut Env, p: &Parsed, g: &Generator, name: &str) -> Result<(), CmdError> {
    let cluster = g.path[0] == "clusterrolebinding";
    let role = if cluster {
        ""
    } else {
        p.str("role").unwrap_or("")
    };
    let clusterrole = p.str("clusterrole").unwrap_or("");
    if cluster {
        if clusterrole.is_empty() {
            return Err(CmdError::Plain(
                "required flag(s) \"clusterrole\" not set".into(),
            ));
        }
    } else if role.is_empty() == clusterrole.is_empty() {
        return Err(CmdError::Plain(
            "exactly one of clusterrole or role must be specified".into(),
        ));
    }
    let role_ref = if role.is_empty() {
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": clusterrole})
    } else {
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": role})
    };
    let mut subjects = vec![];
    for u in p.all("user") {
        subjects.push(json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": u}));
    }
    for g in p.all("group") {
        subjects.push(json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": g}));
    }
    for sa in p.all("serviceaccount") {
        let parts: Vec<&str> = sa.split(':').collect();
        if parts.len() != 2 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(CmdError::Plain(
                "serviceaccount must be <namespace>:<name>".into(),
            ));
        }
        subjects.push(json!({"kind": "ServiceAccount", "name": parts[1], "namespace": parts[0]}));
    }
    let kind = if cluster {
        "ClusterRoleBinding"
    } else {
        "RoleBinding"
    };
    let mut obj = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
        "metadata": {"creationTimestamp": null, "name": name}, "roleRef": role_ref});
    if !subjects.is_empty() {
        obj["subjects"] = json!(subjects);
    }
    let lower = kind.to_lowercase();
    let what: &'static str = if cluster {
        "clusterrolebinding"
    } else {
        "rolebinding"
    };
    create_generated(
        env,
        p,
        &format!("{lower}s.rbac.authorization.k8s.io"),
        &format!("{lower}.rbac.authorization.k8s.io/{name}"),
        obj,
        move |s: crate::api::Status| {
            CmdError::Plain(format!("failed to create {what}: {}", s.message))
        },
    )
}
