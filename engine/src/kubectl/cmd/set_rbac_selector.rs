//! `kubectl set subject` (pkg/cmd/set/set_subject.go): users, groups and
//! service accounts added to role bindings; and `kubectl set selector`
//! (set_selector.go): a Service's selector replaced.

use super::set_objects::{self as objects, Target};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use serde_json::{json, Value};

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// The subjects the flags name, in set_subject.go's order: users, groups,
/// then service accounts.
fn wanted(p: &Parsed, namespace: &str) -> Result<Vec<Value>, CmdError> {
    let mut out = vec![];
    for user in p.all("user") {
        out.push(json!({"kind": "User", "apiGroup": RBAC_GROUP, "name": user}));
    }
    for group in p.all("group") {
        out.push(json!({"kind": "Group", "apiGroup": RBAC_GROUP, "name": group}));
    }
    for sa in p.all("serviceaccount") {
        let Some((ns, name)) = sa.split_once(':').filter(|(_, n)| !n.is_empty()) else {
            return Err(CmdError::Plain(
                "serviceaccount must be <namespace>:<name>".into(),
            ));
        };
        let ns = if ns.is_empty() { namespace } else { ns };
        out.push(json!({"kind": "ServiceAccount", "name": name, "namespace": ns}));
    }
    Ok(out)
}

pub fn subject_cmd(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mode = objects::mode(p)?;
    if p.all("user").is_empty() && p.all("group").is_empty() && p.all("serviceaccount").is_empty() {
        return Err(CmdError::Plain(
            "you must specify at least one value of user, group or serviceaccount".into(),
        ));
    }
    mode.refuse_local_server()?;
    let namespace = env.namespace(p);
    let subjects = wanted(p, &namespace)?;
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in objects::targets(env, p, &mode, &p.args[1..], false)? {
        if !matches!(
            t.resource.kind.as_str(),
            "RoleBinding" | "ClusterRoleBinding"
        ) {
            errors.push_str(&format!(
                "error: {} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n",
                t.object_name(mode.local)
            ));
            continue;
        }
        let mut after = t.object.clone();
        let list = after["subjects"].as_array().cloned().unwrap_or_default();
        let mut list = list;
        let same = |a: &Value, b: &Value| {
            ["kind", "apiGroup", "name", "namespace"]
                .iter()
                .all(|k| a[*k].as_str().unwrap_or("") == b[*k].as_str().unwrap_or(""))
        };
        let before = list.len();
        for s in &subjects {
            if !list.iter().any(|e| same(e, s)) {
                list.push(s.clone());
            }
        }
        // No change, no patch and nothing printed.
        if list.len() == before {
            continue;
        }
        after["subjects"] = json!(list);
        changed.push((t, after));
    }
    let what = (
        "subjects updated",
        "failed to patch subjects to rolebinding: ",
    );
    objects::finish_all(env, p, &mode, changed, what, errors)
}

pub fn selector_cmd(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mode = objects::mode(p)?;
    let args = &p.args[1..];
    // The expression is the last argument; what comes before names objects.
    let Some((expression, names)) = args.split_last() else {
        return Err(CmdError::Plain("one selector is required".into()));
    };
    let targets = objects::targets(env, p, &mode, names, false)?;
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in targets {
        if t.resource.kind != "Service" {
            errors.push_str("error: setting a selector is only supported for Services\n");
            continue;
        }
        let selector = service_selector(expression).map_err(CmdError::Plain)?;
        let mut after = t.object.clone();
        if selector.is_empty() {
            if let Some(spec) = after["spec"].as_object_mut() {
                spec.remove("selector");
            }
        } else {
            after["spec"]["selector"] = Value::Object(selector);
        }
        changed.push((t, after));
    }
    let what = ("selector updated", "");
    objects::finish_all(env, p, &mode, changed, what, errors)
}

/// `metav1.ParseToLabelSelector`, then a Service's map: equality
/// requirements only; the others are refused as set_selector.go words it
/// (Go's `%v` of the LabelSelectorRequirements).
fn service_selector(expression: &str) -> Result<serde_json::Map<String, Value>, String> {
    let mut map = serde_json::Map::new();
    let mut other = vec![];
    for part in split_requirements(expression) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        let set = |rest: &str| {
            let inner = rest.trim().trim_start_matches('(').trim_end_matches(')');
            let mut v: Vec<&str> = inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            v.sort_unstable();
            v.join(" ")
        };
        match words.as_slice() {
            [key, op, ..] if *op == "in" || *op == "notin" => {
                let rest = part.split_once(op).map(|(_, r)| r).unwrap_or("");
                let op = if *op == "in" { "In" } else { "NotIn" };
                other.push(format!("{{{key} {op} [{}]}}", set(rest)));
            }
            _ if part.contains("!=") => {
                let (k, v) = part.split_once("!=").unwrap_or((part, ""));
                other.push(format!("{{{} NotIn [{}]}}", k.trim(), v.trim()));
            }
            _ if part.contains('=') => {
                let (k, v) = part
                    .split_once("==")
                    .or_else(|| part.split_once('='))
                    .unwrap_or((part, ""));
                map.insert(k.trim().to_string(), json!(v.trim()));
            }
            _ => match part.strip_prefix('!') {
                Some(k) => other.push(format!("{{{} DoesNotExist []}}", k.trim())),
                None => other.push(format!("{{{part} Exists []}}")),
            },
        }
    }
    if other.is_empty() {
        Ok(map)
    } else {
        Err(format!(
            "match expression [{}] not supported on this object",
            other.join(" ")
        ))
    }
}

/// Commas separate requirements except inside a set's parentheses.
fn split_requirements(expression: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0;
    for c in expression.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}
