//! `kubectl set image TYPE/NAME CONTAINER=IMAGE ...`.

use crate::api::meta;
use crate::apiserver::PatchType;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::resources;
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

/// Where a kind keeps its pod spec.
fn pod_spec_path(kind: &str) -> &'static [&'static str] {
    match kind {
        "Pod" => &["spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => &["spec", "template", "spec"],
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        Some("image") => {}
        Some("env") => return super::set_more::env_cmd(env, p),
        Some("resources") => return super::set_more::resources_cmd(env, p),
        Some("serviceaccount" | "sa") => return super::set_more::serviceaccount_cmd(env, p),
        Some(other @ ("selector" | "subject")) => {
            return Err(CmdError::Raw(super::help::not_simulated(&format!(
                "set {other}"
            ))))
        }
        Some(other) => return Err(super::help::unknown_subcommand("set", other)),
        None => return Err(super::help::group_alone("set")),
    }
    let args = &p.args[1..];
    let (pairs, objects): (Vec<String>, Vec<String>) =
        args.iter().cloned().partition(|a| a.contains('='));
    if pairs.is_empty() {
        return Err(CmdError::Plain(
            "at least one image update is required".into(),
        ));
    }
    let ns = env.namespace(p);
    for req in resources::parse(env.world.api.registry(), &objects)? {
        for name in &req.names {
            let obj = env.world.api.get(&req.resource, &ns, name)?;
            let path = pod_spec_path(&req.resource.kind);
            let spec = meta::at(&obj, path).cloned().unwrap_or(json!({}));
            let mut containers: Vec<Value> = vec![];
            let mut init: Vec<Value> = vec![];
            for pair in &pairs {
                let (cname, image) = pair.split_once('=').unwrap_or((pair, ""));
                let mut found = false;
                for (field, out) in [
                    ("containers", &mut containers),
                    ("initContainers", &mut init),
                ] {
                    for c in spec
                        .get(field)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if cname == "*" || c["name"] == cname {
                            out.push(json!({"name": c["name"], "image": image}));
                            found = true;
                        }
                    }
                }
                if !found {
                    return Err(CmdError::Plain(format!(
                        "unable to find container named \"{cname}\""
                    )));
                }
            }
            let mut patch_spec = json!({});
            if !containers.is_empty() {
                patch_spec["containers"] = json!(containers);
            }
            if !init.is_empty() {
                patch_spec["initContainers"] = json!(init);
            }
            let mut patch = patch_spec;
            for key in path.iter().rev() {
                patch = json!({ *key: patch });
            }
            // set_image.go records the change in the same patch.
            crate::kubectl::record::record(p, &mut patch);
            env.world
                .api
                .patch(&req.resource, &ns, name, PatchType::Strategic, &patch)?;
            env.print(format!(
                "{}/{name} image updated\n",
                req.resource.qualified_singular()
            ));
        }
    }
    Ok(())
}
