//! `kubectl taint nodes NODE key[=value]:Effect ... key[:Effect]-`.

use crate::api::meta;
use crate::apiserver::PatchType;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "taint",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Update the taints on one or more nodes",
    flags: &[
        Flag::new("all", FlagKind::Bool, "false", "Every node in the cluster."),
        Flag::new(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        Flag::new(
            "field-manager",
            FlagKind::String,
            "kubectl-taint",
            "Name of the manager used to track field ownership.",
        ),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Output format: json, yaml, name.",
        )
        .short('o'),
        Flag::new(
            "overwrite",
            FlagKind::Bool,
            "false",
            "Replace taints with the same key and effect.",
        ),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Nodes matching this label selector.",
        )
        .short('l'),
        Flag::new(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "Keep managedFields in JSON or YAML output.",
        ),
        Flag::new(
            "template",
            FlagKind::String,
            "",
            "Template for -o go-template.",
        ),
        Flag::new(
            "validate",
            FlagKind::String,
            "strict",
            "strict (or true), warn, ignore (or false).",
        ),
    ],
    run,
};

#[derive(Clone, PartialEq)]
struct Taint {
    key: String,
    value: String,
    effect: String,
}

impl Taint {
    /// corev1.Taint.ToString.
    fn text(&self) -> String {
        match (self.value.is_empty(), self.effect.is_empty()) {
            (true, true) => self.key.clone(),
            (true, false) => format!("{}:{}", self.key, self.effect),
            (false, true) => format!("{}={}", self.key, self.value),
            (false, false) => format!("{}={}:{}", self.key, self.value, self.effect),
        }
    }
    fn json(&self) -> Value {
        let mut t = json!({"effect": self.effect, "key": self.key});
        if !self.value.is_empty() {
            t["value"] = json!(self.value);
        }
        t
    }
    fn from_json(v: &Value) -> Taint {
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        Taint {
            key: s("key"),
            value: s("value"),
            effect: s("effect"),
        }
    }
}

/// kubectl's parseTaint: `key[=value]:effect`, or a bare `key`.
fn parse_taint(st: &str) -> Result<Taint, CmdError> {
    let invalid = |errs: Vec<String>| {
        CmdError::Plain(format!("invalid taint spec: {st}, {}", errs.join("; ")))
    };
    let parts: Vec<&str> = st.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [k] => (*k, "", ""),
        [kv, e] => {
            check_effect(e)?;
            let kvs: Vec<&str> = kv.split('=').collect();
            if kvs.len() > 2 {
                return Err(CmdError::Plain(format!("invalid taint spec: {st}")));
            }
            let value = kvs.get(1).copied().unwrap_or("");
            let errs = crate::api::validation::label_value_errors(value);
            if !errs.is_empty() {
                return Err(invalid(errs));
            }
            (kvs[0], value, *e)
        }
        _ => return Err(CmdError::Plain(format!("invalid taint spec: {st}"))),
    };
    let errs = crate::api::validation::key_errors(key);
    if !errs.is_empty() {
        return Err(invalid(errs));
    }
    Ok(Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
    })
}

fn check_effect(e: &str) -> Result<(), CmdError> {
    if matches!(e, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        return Ok(());
    }
    Err(CmdError::Plain(format!(
        "invalid taint effect: {e}, unsupported taint effect"
    )))
}

/// The taints to add and to remove (kubectl's parseTaints).
fn parse_specs(specs: &[String]) -> Result<(Vec<Taint>, Vec<Taint>), CmdError> {
    let mut add: Vec<Taint> = vec![];
    let mut remove: Vec<Taint> = vec![];
    for s in specs {
        if let Some(r) = s.strip_suffix('-') {
            remove.push(parse_taint(r)?);
        } else {
            let t = parse_taint(s)?;
            if t.effect.is_empty() {
                return Err(CmdError::Plain(format!("invalid taint spec: {s}")));
            }
            if add.iter().any(|a| a.key == t.key && a.effect == t.effect) {
                return Err(CmdError::Plain(format!(
                    "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                    t.key, t.value, t.effect
                )));
            }
            add.push(t);
        }
    }
    Ok((add, remove))
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let split = p
        .args
        .iter()
        .position(|a| a.contains([':', '=']) || a.ends_with('-'))
        .unwrap_or(p.args.len());
    let (targets, specs) = p.args.split_at(split);
    if specs
        .iter()
        .any(|s| !(s.contains([':', '=']) || s.ends_with('-')))
    {
        return Err(CmdError::Plain(format!(
            "all resources must be specified before taint changes: {}",
            specs.join(" ")
        )));
    }
    if targets.is_empty() {
        return Err(CmdError::Plain(
            "one or more resources must be specified as <resource> <name>".into(),
        ));
    }
    if specs.is_empty() {
        return Err(CmdError::Plain(
            "at least one taint update is required".into(),
        ));
    }
    let (add, remove) = parse_specs(specs).map_err(|e| CmdError::Usage {
        msg: match e {
            CmdError::Plain(m) => m,
            other => other.text(),
        },
        command: "kubectl taint".into(),
    })?;
    let (kind, names): (&str, Vec<String>) = match targets {
        [t] if t.contains('/') => {
            let (k, n) = t.split_once('/').unwrap_or((t, ""));
            (k, vec![n.to_string()])
        }
        [t, rest @ ..] => (t.as_str(), rest.to_vec()),
        [] => unreachable!("checked above"),
    };
    if !matches!(kind, "node" | "nodes" | "no") {
        return Err(CmdError::Plain(format!(
            "invalid resource type {kind}, only node types are supported"
        )));
    }
    let r = env
        .world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .expect("nodes are served");
    let names = if p.bool("all") {
        env.world
            .api
            .list(&r, None, &Default::default())?
            .iter()
            .map(|n| meta::name(n).to_string())
            .collect()
    } else {
        names
    };
    if names.is_empty() {
        return Err(CmdError::Plain(
            "at least one resource name must be specified since 'all' parameter is not set".into(),
        ));
    }
    let overwrite = p.bool("overwrite");
    for name in names {
        let node = env.world.api.get(&r, "", &name)?;
        let old: Vec<Taint> = node
            .pointer("/spec/taints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(Taint::from_json)
            .collect();
        if !overwrite {
            let exists: Vec<&str> = add
                .iter()
                .filter(|t| old.iter().any(|o| o.key == t.key && o.effect == t.effect))
                .map(|t| t.key.as_str())
                .collect();
            if !exists.is_empty() {
                return Err(CmdError::Plain(format!(
                    "node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                    exists.join(",")
                )));
            }
        }
        // reorganizeTaints: new ones first, then the old ones they do not match.
        let mut new = add.clone();
        for o in &old {
            if !new.iter().any(|t| t.key == o.key && t.effect == o.effect) {
                new.push(o.clone());
            }
        }
        let added = old.len() != new.len();
        let mut errors = vec![];
        let mut removed = false;
        for t in &remove {
            let before = new.len();
            new.retain(|n| !(n.key == t.key && (t.effect.is_empty() || n.effect == t.effect)));
            removed = new.len() != before;
            if !removed {
                errors.push(format!("taint \"{}\" not found", t.text()));
            }
        }
        if !errors.is_empty() {
            return Err(CmdError::Plain(if errors.len() == 1 {
                errors.remove(0)
            } else {
                format!("[{}]", errors.join(", "))
            }));
        }
        let operation = if (added && removed) || overwrite {
            "modified"
        } else if added {
            "tainted"
        } else {
            "untainted"
        };
        let taints: Vec<Value> = new.iter().map(Taint::json).collect();
        let patch = if taints.is_empty() {
            json!({"spec": {"taints": null}})
        } else {
            json!({"spec": {"taints": taints}})
        };
        if super::create::dry_run(p)? == super::create::DryRun::None {
            env.world
                .api
                .patch(&r, "", &name, PatchType::Merge, &patch)?;
        }
        env.print(format!("node/{name} {operation}\n"));
    }
    Ok(())
}
