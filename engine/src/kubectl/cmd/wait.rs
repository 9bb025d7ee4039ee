//! `kubectl wait --for=condition=C[=v] | delete | create | jsonpath=P[=v]`:
//! checks the objects as virtual time advances (bounded by --timeout and a
//! surrounding `timeout`), printing `kind/name condition met` for each.

use crate::api::{meta, ApiResource};
use crate::apiserver::ListOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::jsonpath;
use crate::kubectl::{duration_ms, resources, Command, Env};
use crate::world::World;
use serde_json::Value;

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "wait",
    aliases: &[],
    group: "Advanced Commands",
    short: "Experimental: Wait for a specific condition on one or many resources",
    flags: &[
        f(
            "all",
            FlagKind::Bool,
            "false",
            "Every object of the given types.",
        ),
        f(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "Look in every namespace.",
        )
        .short('A'),
        f(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        f(
            "field-selector",
            FlagKind::String,
            "",
            "Objects matching this field selector.",
        ),
        f(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files identifying the resources.",
        )
        .short('f'),
        f(
            "for",
            FlagKind::String,
            "",
            "The condition: delete, create, condition=NAME[=value] or jsonpath='{PATH}'[=value].",
        ),
        f(
            "local",
            FlagKind::Bool,
            "false",
            "Use the files given, not the server.",
        ),
        f(
            "output",
            FlagKind::String,
            "",
            "Output format: json, yaml, name.",
        )
        .short('o'),
        f(
            "recursive",
            FlagKind::Bool,
            "true",
            "Process -f directories recursively.",
        )
        .short('R'),
        f(
            "selector",
            FlagKind::String,
            "",
            "Objects matching this label selector.",
        )
        .short('l'),
        f(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "Keep managedFields in JSON or YAML output.",
        ),
        f(
            "template",
            FlagKind::String,
            "",
            "Template for -o go-template.",
        ),
        f(
            "timeout",
            FlagKind::Duration,
            "30s",
            "How long to wait; 0 checks once, a negative value waits a week.",
        ),
    ],
    run,
};

#[derive(Clone)]
enum Cond {
    Delete,
    Create,
    Condition(String, String),
    JsonPath(String, Option<String>),
}

fn parse_conditions(fors: &[String]) -> Result<Vec<Cond>, CmdError> {
    let mut out = vec![];
    for c in fors {
        let lower = c.to_lowercase();
        if lower == "delete" {
            out.push(Cond::Delete);
        } else if lower == "create" {
            out.push(Cond::Create);
        } else if let Some(rest) = c.strip_prefix("condition=") {
            let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
            out.push(Cond::Condition(name.into(), value.into()));
        } else if let Some(rest) = c.strip_prefix("jsonpath=") {
            out.push(json_path_cond(rest)?);
        } else {
            return Err(CmdError::Plain(format!("unrecognized condition: \"{c}\"")));
        }
    }
    if out.is_empty() {
        // --for defaults to one empty condition.
        return Err(CmdError::Plain("unrecognized condition: \"\"".into()));
    }
    Ok(out)
}

/// Splits on single `=` (a `==` stays inside a part), as kubectl does.
fn split_single_equals(input: &str) -> Vec<String> {
    let b: Vec<char> = input.chars().collect();
    let mut out = vec![];
    let mut cur = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '=' {
            let mut j = i;
            while j < b.len() && b[j] == '=' {
                j += 1;
            }
            if j - i == 1 {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.extend(&b[i..j]);
            }
            i = j;
        } else {
            cur.push(b[i]);
            i += 1;
        }
    }
    out.push(cur);
    out
}

/// `{.status.phase}=Running` or `{.status.phase}` (kubectl's processJSONPathInput).
fn json_path_cond(input: &str) -> Result<Cond, CmdError> {
    let parts = split_single_equals(input);
    if parts.is_empty() || parts.len() > 2 {
        return Err(CmdError::Plain("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".into()));
    }
    let path = super::get::relaxed(&parts[0])?;
    if path.is_empty() {
        return Err(CmdError::Plain(
            "jsonpath expression cannot be empty".into(),
        ));
    }
    let value = match parts.get(1) {
        None => None,
        Some(v) => {
            let v = v.trim_matches(|c| c == '\'' || c == '"');
            if v.is_empty() {
                return Err(CmdError::Plain("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".into()));
            }
            Some(v.to_string())
        }
    };
    jsonpath::find(&path, &Value::Null).map_err(CmdError::Plain)?;
    Ok(Cond::JsonPath(path, value))
}

/// Whether `obj` meets a condition (ConditionalWait / JSONPathWait).
fn met(obj: &Value, cond: &Cond) -> bool {
    match cond {
        Cond::Condition(name, value) => {
            let generation = obj.pointer("/metadata/generation").and_then(Value::as_i64);
            obj.pointer("/status/conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|c| {
                    let observed = c.get("observedGeneration").and_then(Value::as_i64);
                    c["type"]
                        .as_str()
                        .is_some_and(|t| t.eq_ignore_ascii_case(name))
                        && c["status"]
                            .as_str()
                            .is_some_and(|s| s.eq_ignore_ascii_case(value))
                        && (observed.is_none() || generation.is_none() || observed == generation)
                })
        }
        Cond::JsonPath(path, value) => {
            let found = jsonpath::find(path, obj).unwrap_or_default();
            match value {
                None => !found.is_empty(),
                Some(v) => {
                    found.len() == 1
                        && match &found[0] {
                            Value::String(s) => s == v,
                            Value::Null => false,
                            other => other.to_string().as_str() == v.as_str(),
                        }
                }
            }
        }
        Cond::Delete | Cond::Create => true,
    }
}

fn lookup(world: &World, r: &ApiResource, ns: &str, name: &str) -> Option<Value> {
    world.api.get(r, ns, name).ok()
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let conds = parse_conditions(&p.all("for"))?;
    let timeout_text = p.str("timeout").unwrap_or("30s");
    let timeout = duration_ms(timeout_text).ok_or_else(|| {
        CmdError::Plain(format!(
            "invalid argument \"{timeout_text}\" for \"--timeout\" flag: time: invalid duration \"{timeout_text}\""
        ))
    })?;
    let timeout = if timeout < 0 {
        7 * 24 * 3_600_000
    } else {
        timeout
    };
    let files = crate::kubectl::manifests::Sources::from(p);
    if !files.is_empty() && !p.args.is_empty() {
        return Err(CmdError::Plain(
            crate::kubectl::manifests::PATHS_AND_ARGS.into(),
        ));
    }
    let ns = env.namespace(p);
    // -f: the objects the files name, each in its own namespace or ours.
    let mut from_files: Vec<(ApiResource, String, String)> = vec![];
    for m in crate::kubectl::manifests::load_sources(env, &files)? {
        let r = m
            .resource(env.world.api.registry())
            .map_err(CmdError::Raw)?;
        let at = match (r.namespaced, meta::namespace(&m.object)) {
            (false, _) => String::new(),
            (true, "") => ns.clone(),
            (true, given) => given.to_string(),
        };
        from_files.push((r, at, meta::name(&m.object).to_string()));
    }
    let reqs = resources::parse(env.world.api.registry(), &p.args)?;
    if reqs.is_empty() && files.is_empty() {
        return Err(CmdError::Raw("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into()));
    }
    let by_selector = p.bool("all")
        || p.str("selector").is_some_and(|s| !s.is_empty())
        || p.str("field-selector").is_some_and(|s| !s.is_empty());
    if !by_selector && reqs.iter().any(|r| r.names.is_empty()) {
        return Err(CmdError::Plain(
            "resource(s) were provided, but no name was specified".into(),
        ));
    }
    let now = env.world.now().0;
    let end = match env.deadline {
        Some(d) => (now + timeout).min(d.0),
        None => now + timeout,
    };
    let all_ns = p.bool("all-namespaces");
    let is_delete = conds.iter().any(|c| matches!(c, Cond::Delete));
    // --for=create: wait until every named object exists.
    if conds.iter().any(|c| matches!(c, Cond::Create)) {
        let named: Vec<(ApiResource, String, String)> = reqs
            .iter()
            .flat_map(|r| {
                let ns = ns.clone();
                r.names
                    .iter()
                    .map(move |n| (r.resource.clone(), ns.clone(), n.clone()))
            })
            .chain(from_files.iter().cloned())
            .collect();
        let ok = env.world.advance_until(end - env.world.now().0, |w| {
            named.iter().all(|(r, ns, n)| lookup(w, r, ns, n).is_some())
        });
        if !ok {
            if killed(env, end) {
                return Ok(());
            }
            return Err(CmdError::Plain(
                "timed out waiting for the condition".into(),
            ));
        }
    }
    // The objects to watch: (resource, namespace, name).
    let mut targets: Vec<(ApiResource, String, String)> = vec![];
    for (r, at, name) in from_files {
        match env.world.api.get(&r, &at, &name) {
            Ok(_) => targets.push((r, at, name)),
            Err(s) if s.code == 404 && is_delete => {}
            Err(s) => return Err(CmdError::Api(s)),
        }
    }
    for req in &reqs {
        if req.names.is_empty() {
            let opts = ListOptions {
                label_selector: p
                    .str("selector")
                    .filter(|s| !s.is_empty())
                    .map(String::from),
                field_selector: p
                    .str("field-selector")
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            };
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            let found = env.world.api.list(&req.resource, scope, &opts);
            let found = found.map_err(|e| resources::selector_error(&req.resource, &opts, e))?;
            for o in found {
                targets.push((
                    req.resource.clone(),
                    meta::namespace(&o).to_string(),
                    meta::name(&o).to_string(),
                ));
            }
        } else {
            for n in &req.names {
                match env.world.api.get(&req.resource, &ns, n) {
                    Ok(_) => targets.push((req.resource.clone(), ns.clone(), n.clone())),
                    Err(s) if s.code == 404 && is_delete => {}
                    Err(s) => return Err(CmdError::Api(s)),
                }
            }
        }
    }
    if targets.is_empty() && !is_delete {
        return Err(CmdError::Plain("no matching resources found".into()));
    }
    for (r, obj_ns, name) in targets {
        let kind_name = format!("{}/{name}", r.qualified_singular());
        let uid = lookup(env.world, &r, &obj_ns, &name)
            .and_then(|o| meta::str_at(&o, &["metadata", "uid"]).map(String::from));
        for cond in &conds {
            if matches!(cond, Cond::Create) {
                env.print(format!("{kind_name} condition met\n"));
                continue;
            }
            let c = cond.clone();
            let (rr, nn, ns3, uid2) = (r.clone(), name.clone(), obj_ns.clone(), uid.clone());
            let ok = env
                .world
                .advance_until((end - env.world.now().0).max(0), move |w| {
                    match (lookup(w, &rr, &ns3, &nn), &c) {
                        (None, Cond::Delete) => true,
                        (Some(o), Cond::Delete) => {
                            meta::str_at(&o, &["metadata", "uid"]).map(String::from) != uid2
                        }
                        (Some(o), c) => met(&o, c),
                        (None, _) => false,
                    }
                });
            if !ok {
                if killed(env, end) {
                    return Ok(());
                }
                return Err(CmdError::Plain(format!(
                    "timed out waiting for the condition on {}/{name}",
                    r.name
                )));
            }
            env.print(format!("{kind_name} condition met\n"));
        }
    }
    Ok(())
}

/// Whether a surrounding `timeout` ended the command first (it exits 124
/// without a word of its own).
fn killed(env: &mut Env, end: i64) -> bool {
    if env.deadline.is_some_and(|d| d.0 <= end) {
        env.timed_out = true;
    }
    env.timed_out
}
