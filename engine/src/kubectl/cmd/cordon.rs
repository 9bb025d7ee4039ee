//! `kubectl cordon|uncordon NODE`: mark a node (un)schedulable.

use super::create::{dry_run, DryRun};
use crate::api::meta;
use crate::apiserver::{ListOptions, PatchType};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

const FLAGS: &[Flag] = &[
    Flag::new(
        "dry-run",
        FlagKind::String,
        "none",
        "none, client or server: only show what would change.",
    ),
    Flag::new(
        "selector",
        FlagKind::String,
        "",
        "Nodes matching this label selector.",
    )
    .short('l'),
];

pub const CORDON: Command = Command {
    name: "cordon",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Mark node as unschedulable",
    flags: FLAGS,
    run: |env, p| set_unschedulable(env, p, true),
};

pub const UNCORDON: Command = Command {
    name: "uncordon",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Mark node as schedulable",
    flags: FLAGS,
    run: |env, p| set_unschedulable(env, p, false),
};

/// The nodes named, or those matching -l.
pub fn nodes(env: &mut Env, p: &Parsed, command: &str) -> Result<Vec<Value>, CmdError> {
    let r = env
        .world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .ok_or_else(|| CmdError::Plain("nodes are not served".into()))?;
    let selector = p.str("selector").filter(|s| !s.is_empty());
    if p.args.is_empty() && selector.is_none() {
        return Err(CmdError::Usage {
            msg: "USAGE: {command} NODE [flags]".replace("{command}", command),
            command: format!("kubectl {command}"),
        });
    }
    if let Some(sel) = selector {
        let opts = ListOptions {
            label_selector: Some(sel.to_string()),
            field_selector: None,
        };
        return Ok(env.world.api.list(&r, None, &opts)?);
    }
    let mut out = vec![];
    for a in &p.args {
        let name = a
            .strip_prefix("node/")
            .or_else(|| a.strip_prefix("nodes/"))
            .unwrap_or(a);
        out.push(env.world.api.get(&r, "", name)?);
    }
    Ok(out)
}

fn set_unschedulable(env: &mut Env, p: &Parsed, desired: bool) -> Result<(), CmdError> {
    let d = dry_run(p)?;
    let command = if desired { "cordon" } else { "uncordon" };
    let r = env
        .world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .expect("nodes are served");
    for node in nodes(env, p, command)? {
        let name = meta::name(&node).to_string();
        let current = node
            .pointer("/spec/unschedulable")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let verb = if desired { "cordoned" } else { "uncordoned" };
        // The printer names the dry run after either message.
        let suffix = match d {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        };
        if current == desired {
            env.print(format!("node/{name} already {verb}{suffix}\n"));
            continue;
        }
        if d == DryRun::None {
            let patch = if desired {
                json!({"spec": {"unschedulable": true}})
            } else {
                json!({"spec": {"unschedulable": null}})
            };
            env.world
                .api
                .patch(&r, "", &name, PatchType::Strategic, &patch)?;
        }
        env.print(format!("node/{name} {verb}{suffix}\n"));
    }
    Ok(())
}
