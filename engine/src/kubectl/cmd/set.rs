//! `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER=IMAGE ...`
//! (k8s.io/kubectl pkg/cmd/set/set_image.go); the other subcommands are in
//! `set_more`, what they share in `set_objects`.

use super::set_objects::{self as objects, Target};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "set",
    aliases: &[],
    group: "Basic Commands (Beginner)",
    short: "Set specific features on objects",
    flags: &[],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        Some("image") => image(env, p),
        Some("env") => super::set_more::env_cmd(env, p),
        Some("resources") => super::set_more::resources_cmd(env, p),
        Some("serviceaccount" | "sa") => super::set_more::serviceaccount_cmd(env, p),
        Some("subject") => super::set_rbac_selector::subject_cmd(env, p),
        Some("selector") => super::set_rbac_selector::selector_cmd(env, p),
        Some(_) => Err(super::help::unknown_subcommand("set", &p.args.join(" "))),
        None => Err(super::help::group_alone("set")),
    }
}

/// cmdutil.GetResourcesAndPairs: objects first, then `NAME=VALUE` pairs.
pub fn resources_and_pairs(
    args: &[String],
    pair_type: &str,
) -> Result<(Vec<String>, Vec<String>), CmdError> {
    let mut objects = vec![];
    let mut pairs = vec![];
    for a in args {
        let pair = (a.contains('=') && !a.starts_with('=')) || (a.ends_with('-') && a != "-");
        if pair {
            pairs.push(a.clone());
        } else if !pairs.is_empty() {
            return Err(CmdError::Plain(format!(
                "all resources must be specified before {pair_type} changes: {a}"
            )));
        } else {
            objects.push(a.clone());
        }
    }
    Ok((objects, pairs))
}

fn image(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mode = objects::mode(p)?;
    let (names, pairs) = resources_and_pairs(&p.args[1..], "image")?;
    // cmdutil.ParsePairs: the last pair for a container wins.
    let invalid: Vec<&str> = pairs
        .iter()
        .filter(|a| !a.contains('='))
        .map(String::as_str)
        .collect();
    if !invalid.is_empty() {
        return Err(CmdError::Plain(format!(
            "invalid image format: {}",
            invalid.join(", ")
        )));
    }
    let mut images: Vec<(String, String)> = vec![];
    for pair in &pairs {
        let (name, image) = pair.split_once('=').unwrap_or((pair, ""));
        images.retain(|(n, _)| n != name);
        images.push((name.to_string(), image.to_string()));
    }
    let targets = objects::targets(env, p, &mode, &names, true)?;
    // SetImageOptions.Validate.
    objects::refuse_all_and_selector(p)?;
    if images.is_empty() {
        return Err(CmdError::Plain(
            "at least one image update is required".into(),
        ));
    }
    if images.len() > 1 && images.iter().any(|(n, _)| n == "*") {
        return Err(CmdError::Plain("all containers are already specified by *, but saw more than one container_name=container_image pairs".into()));
    }
    mode.refuse_local_server()?;
    // Every object is changed first, then the changed ones are sent.
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in targets {
        let mut after = t.object.clone();
        let Some(spec) = objects::pod_spec_or_report(&t, mode.local, &mut after, &mut errors)
        else {
            continue;
        };
        for (name, image) in &images {
            let mut found = false;
            for field in ["initContainers", "containers"] {
                for c in spec
                    .get_mut(field)
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if name == "*" || c["name"] == name.as_str() {
                        c["image"] = json!(image);
                        found = true;
                    }
                }
            }
            if !found {
                errors.push_str(&format!(
                    "error: unable to find container named \"{name}\"\n"
                ));
            }
        }
        crate::kubectl::record::record(p, &mut after);
        // An empty patch is skipped: nothing sent, nothing printed.
        if after != t.object {
            changed.push((t, after));
        }
    }
    let what = (
        "image updated",
        "failed to patch image update to pod template: ",
    );
    objects::finish_all(env, p, &mode, changed, what, errors)
}
