//! `kubectl rollout status|history|undo|restart|pause|resume` for
//! Deployments (DaemonSets and StatefulSets: `rollout_revisions`).
//! `status` waits in virtual time, printing each new progress message as
//! kubectl's watch loop does.

use super::create::DryRun;
use crate::api::status::go_quote;
use crate::api::{meta, ApiResource};
use crate::apiserver::{ListOptions, PatchType};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "rollout",
    aliases: &[],
    group: "Deploy Commands",
    short: "Follow, list, undo, restart, pause or resume the rollout of a deployment",
    flags: &[],
    run,
};

const REVISION: &str = "deployment.kubernetes.io/revision";
/// The deployment's own annotations a rollback keeps (rollback.go's
/// annotationsToSkip: those the controller does not copy to ReplicaSets).
const ROLLBACK_KEEPS: &[&str] = crate::controllers::deployment::NOT_COPIED;
/// How long `rollout status` waits in virtual time without --timeout.
const STATUS_LIMIT_MS: i64 = 600_000;

fn int(v: &Value, path: &[&str]) -> i64 {
    meta::at(v, path).and_then(Value::as_i64).unwrap_or(0)
}

fn int_annotation(v: &Value, key: &str) -> i64 {
    meta::str_at(v, &["metadata", "annotations", key])
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The message kubectl's DeploymentStatusViewer gives, and whether it is done.
fn status_message(d: &Value) -> Result<(String, bool), CmdError> {
    let name = meta::name(d);
    if int(d, &["metadata", "generation"]) > int(d, &["status", "observedGeneration"]) {
        return Ok((
            "Waiting for deployment spec update to be observed...\n".into(),
            false,
        ));
    }
    let progressing = meta::at(d, &["status", "conditions"])
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Progressing"));
    if progressing.is_some_and(|c| c["reason"] == "ProgressDeadlineExceeded") {
        return Err(CmdError::Plain(format!(
            "deployment \"{name}\" exceeded its progress deadline"
        )));
    }
    let want = meta::at(d, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let updated = int(d, &["status", "updatedReplicas"]);
    let replicas = int(d, &["status", "replicas"]);
    let available = int(d, &["status", "availableReplicas"]);
    let wait = |m: String| {
        Ok((
            format!("Waiting for deployment \"{name}\" rollout to finish: {m}\n"),
            false,
        ))
    };
    if updated < want {
        return wait(format!(
            "{updated} out of {want} new replicas have been updated..."
        ));
    }
    if replicas > updated {
        return wait(format!(
            "{} old replicas are pending termination...",
            replicas - updated
        ));
    }
    if available < updated {
        return wait(format!(
            "{available} of {updated} updated replicas are available..."
        ));
    }
    Ok((
        format!("deployment \"{name}\" successfully rolled out\n"),
        true,
    ))
}

fn owned_replicasets(env: &Env, d: &Value) -> Vec<Value> {
    let Some(rs_r) = env
        .world
        .api
        .registry()
        .resolve("replicasets.apps")
        .cloned()
    else {
        return vec![];
    };
    let uid = meta::str_at(d, &["metadata", "uid"]).unwrap_or("");
    let mut list: Vec<Value> = env
        .world
        .api
        .list(&rs_r, Some(meta::namespace(d)), &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|rs| {
            meta::at(rs, &["metadata", "ownerReferences"])
                .and_then(Value::as_array)
                .is_some_and(|o| o.iter().any(|r| r["uid"] == uid))
        })
        .collect();
    list.sort_by_key(revision);
    list
}

/// A revision's pod template as kubectl's history viewer prints it
/// (polymorphichelpers printTemplate): the ReplicaSet's template with its
/// change cause added to the annotations, described without alignment.
fn revision_template(rs: &Value) -> String {
    let mut template = rs["spec"]["template"].clone();
    let cause = meta::str_at(rs, &["metadata", "annotations", CHANGE_CAUSE]);
    if let (Some(cause), Some(t)) = (cause.filter(|c| !c.is_empty()), template.as_object_mut()) {
        let meta = t.entry("metadata").or_insert_with(|| json!({}));
        meta["annotations"][CHANGE_CAUSE] = json!(cause);
    }
    described_template(&template)
}

/// A pod template described without alignment (printTemplate).
fn described_template(template: &Value) -> String {
    let template = template.clone();
    let mut w = crate::kubectl::describe::Writer::default();
    crate::kubectl::describe::pod_template(&mut w, Some(&template));
    w.unaligned()
}

const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// REVISION and CHANGE-CAUSE of each revision, oldest first, laid out as
/// kubectl's tabbedString (a tabwriter with padding 2).
pub(super) fn history_table(revisions: &[Value], revision: fn(&Value) -> i64) -> String {
    let rows: Vec<(String, &str)> = revisions
        .iter()
        .map(|o| {
            let cause = meta::str_at(o, &["metadata", "annotations", CHANGE_CAUSE])
                .filter(|c| !c.is_empty())
                .unwrap_or("<none>");
            (revision(o).to_string(), cause)
        })
        .collect();
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0).max(8) + 2;
    let mut out = format!("{:<width$}CHANGE-CAUSE\n", "REVISION");
    for (r, cause) in rows {
        out.push_str(&format!("{r:<width$}{cause}\n"));
    }
    out
}

fn revision(rs: &Value) -> i64 {
    meta::str_at(rs, &["metadata", "annotations", REVISION])
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The objects named, in order (`deploy/a pod/b`, `deploy a b`).
fn target(env: &Env, p: &Parsed) -> Result<Vec<(ApiResource, String)>, CmdError> {
    let args = &p.args[1..];
    if args.is_empty() {
        return Err(CmdError::Plain("required resource not specified".into()));
    }
    let reqs = resources::parse(env.world.api.registry(), args)?;
    Ok(reqs
        .into_iter()
        .flat_map(|req| {
            let r = req.resource;
            req.names.into_iter().map(move |n| (r.clone(), n))
        })
        .collect())
}

/// What kubectl says of a kind its rollout `sub` has no implementation for
/// (polymorphichelpers): a Pod, a Service, a ReplicaSet.
fn unsupported(sub: &str, r: &ApiResource, name: &str) -> Option<CmdError> {
    if matches!(
        r.name.as_str(),
        "deployments" | "daemonsets" | "statefulsets"
    ) {
        return None;
    }
    let kind = go_quote(&r.qualified_kind());
    let text = match sub {
        "history" => format!("no history viewer has been implemented for {kind}"),
        "status" => format!("no status viewer has been implemented for {}", r.kind),
        "undo" => format!("no rollbacker has been implemented for {kind}"),
        _ => {
            let doing = match sub {
                "pause" => "pausing",
                "resume" => "resuming",
                _ => "restarting",
            };
            format!(
                "{} {} {doing} is not supported",
                r.qualified_name(),
                go_quote(name)
            )
        }
    };
    Some(CmdError::Plain(text))
}

/// The status message of a Deployment, DaemonSet or StatefulSet.
fn any_status(r: &ApiResource, o: &Value) -> Result<(String, bool), CmdError> {
    if r.name == "deployments" {
        status_message(o)
    } else {
        super::rollout_revisions::status_message(r, o)
    }
}

/// `rollout status`: kubectl's UntilWithSync prints the message of the
/// object as listed, then once per change to it (the same message again
/// when a change leaves it as it was), until done; waits in virtual time.
fn rollout_status(
    env: &mut Env,
    p: &Parsed,
    r: &ApiResource,
    ns: &str,
    d: Value,
) -> Result<(), CmdError> {
    let name = meta::name(&d).to_string();
    // --timeout (0: no end but ours, as a script must end; past the
    // progress deadline, which ends a stuck rollout).
    let deadline = int(&d, &["spec", "progressDeadlineSeconds"]) * 1000 + 2000;
    let limit = p
        .str("timeout")
        .and_then(crate::kubectl::duration_ms)
        .filter(|t| *t > 0)
        .unwrap_or(STATUS_LIMIT_MS.max(deadline));
    let mut seen = resource_version(&d);
    let mut pending = vec![d];
    let mut waited = 0;
    loop {
        for o in pending.drain(..) {
            let (msg, done) = any_status(r, &o)?;
            env.print(msg);
            if done || !p.bool("watch") {
                return Ok(());
            }
        }
        if waited >= limit {
            return Err(CmdError::Plain(
                "timed out waiting for the condition".into(),
            ));
        }
        let now = env.world.now().0;
        let mut step = 1000.min(limit - waited);
        if let Some(end) = env.deadline {
            // A surrounding `timeout` ends it first (124, no word).
            if end.0 <= now {
                env.timed_out = true;
                return Ok(());
            }
            step = step.min(end.0 - now);
        }
        env.world.advance(step);
        waited += step;
        match env.world.api.watch(r, Some(ns), seen) {
            Ok(events) => {
                for e in events {
                    if meta::name(&e.object) != name {
                        continue;
                    }
                    seen = seen.max(resource_version(&e.object));
                    if e.kind == crate::store::WatchType::Deleted {
                        return Err(CmdError::Plain("object has been deleted".into()));
                    }
                    pending.push(e.object);
                }
            }
            // History too short: relist, as the informer would.
            Err(_) => {
                let o = env.world.api.get(r, ns, &name)?;
                if resource_version(&o) != seen {
                    seen = resource_version(&o);
                    pending.push(o);
                }
            }
        }
    }
}

fn resource_version(o: &Value) -> u64 {
    meta::str_at(o, &["metadata", "resourceVersion"])
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let Some(sub) = p.args.first().cloned() else {
        // kubectl prints this group's help to stdout, and still exits 1.
        env.print(super::help::command_help("rollout", &[]));
        return Err(CmdError::Exit {
            text: String::new(),
            code: 1,
        });
    };
    if !matches!(
        sub.as_str(),
        "status" | "history" | "undo" | "restart" | "pause" | "resume"
    ) {
        return Err(super::help::unknown_subcommand(
            "rollout",
            &p.args.join(" "),
        ));
    }
    let objects = target(env, p)?;
    let ns = env.namespace(p);
    // pause, resume and restart go on past an object they cannot change,
    // and name each such object at the end.
    let mut errors: Vec<String> = vec![];
    // kubectl reads every object first, then acts on what it read.
    let mut read = vec![];
    for (r, name) in objects {
        let d = env.world.api.get(&r, &ns, &name)?;
        read.push((r, name, d));
    }
    for (r, name, d) in read {
        if let Some(e) = unsupported(&sub, &r, &name) {
            match (sub.as_str(), e) {
                ("pause" | "resume" | "restart", CmdError::Plain(text)) => {
                    errors.push(text);
                    continue;
                }
                (_, e) => return Err(e),
            }
        }
        let kind_name = format!("{}/{name}", r.qualified_singular());
        let deployment = r.name == "deployments";
        match sub.as_str() {
            "history" | "undo" | "pause" | "resume" if !deployment => {
                super::rollout_revisions::run(env, p, &sub, &r, &d)?;
            }
            "status" => {
                let wanted = p.int("revision").unwrap_or(0);
                let running = int_annotation(&d, REVISION);
                if deployment && wanted > 0 && wanted != running {
                    return Err(CmdError::Plain(format!(
                        "desired revision ({wanted}) is different from the running revision ({running})"
                    )));
                }
                rollout_status(env, p, &r, &ns, d)?;
            }
            // With -o, the revisions' ReplicaSets themselves.
            "history" if !super::create::output_format(p).is_empty() => {
                let wanted = p.int("revision").unwrap_or(0);
                let rss: Vec<Value> = owned_replicasets(env, &d)
                    .into_iter()
                    .filter(|rs| revision(rs) > 0 && (wanted == 0 || revision(rs) == wanted))
                    .collect();
                if wanted > 0 && rss.is_empty() {
                    return Err(CmdError::Plain(
                        "unable to find the specified revision".into(),
                    ));
                }
                for rs in rss {
                    let rs_name = format!("replicaset.apps/{}", meta::name(&rs));
                    super::create::print_result(env, p, &rs_name, &rs, "", DryRun::None);
                }
            }
            "history" if p.int("revision").unwrap_or(0) > 0 => {
                let wanted = p.int("revision").unwrap_or(0);
                let rss = owned_replicasets(env, &d);
                let Some(rs) = rss.iter().find(|rs| revision(rs) == wanted) else {
                    return Err(CmdError::Plain(
                        "unable to find the specified revision".into(),
                    ));
                };
                env.print(format!(
                    "{kind_name} with revision #{wanted}\n{}\n",
                    revision_template(rs)
                ));
            }
            "history" => {
                let rss: Vec<Value> = owned_replicasets(env, &d)
                    .into_iter()
                    .filter(|rs| revision(rs) > 0)
                    .collect();
                if rss.is_empty() {
                    env.print(format!("{kind_name} \nNo rollout history found.\n"));
                } else {
                    env.print(format!("{kind_name} \n{}\n", history_table(&rss, revision)));
                }
            }
            "undo" => {
                let dry = super::create::dry_run(p)?;
                let rss = owned_replicasets(env, &d);
                let current = int_annotation(&d, REVISION);
                let wanted = p.int("to-revision").unwrap_or(0);
                let rs = if wanted > 0 {
                    rss.iter().find(|rs| revision(rs) == wanted)
                } else {
                    rss.iter().rev().find(|rs| revision(rs) < current)
                };
                let Some(rs) = rs else {
                    return Err(CmdError::Plain(if wanted > 0 {
                        format!("unable to find specified revision {wanted} in history")
                    } else {
                        "no rollout history found for deployment \"".to_string() + &name + "\""
                    }));
                };
                // rollback.go: a client dry run shows the revision's template.
                if dry == DryRun::Client {
                    let template = described_template(&rs["spec"]["template"]);
                    env.print(format!("{kind_name} {template} (dry run)\n"));
                    continue;
                }
                if meta::at(&d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true) {
                    return Err(CmdError::Plain("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again".into()));
                }
                if revision(rs) == current {
                    env.print(format!("{kind_name} skipped rollback (current template already matches revision {current})\n"));
                    continue;
                }
                let mut template = meta::at(rs, &["spec", "template"])
                    .cloned()
                    .unwrap_or(json!({}));
                if let Some(l) = template
                    .pointer_mut("/metadata/labels")
                    .and_then(Value::as_object_mut)
                {
                    l.remove("pod-template-hash");
                }
                // The deployment takes the revision's annotations, keeping
                // its own bookkeeping ones (rollback.go annotationsToSkip).
                let mut annotations = serde_json::Map::new();
                for (k, v) in d["metadata"]["annotations"]
                    .as_object()
                    .into_iter()
                    .flatten()
                {
                    if ROLLBACK_KEEPS.contains(&k.as_str()) {
                        annotations.insert(k.clone(), v.clone());
                    }
                }
                for (k, v) in rs["metadata"]["annotations"]
                    .as_object()
                    .into_iter()
                    .flatten()
                {
                    if !ROLLBACK_KEEPS.contains(&k.as_str()) {
                        annotations.insert(k.clone(), v.clone());
                    }
                }
                // One JSON patch, as kubectl's rollbacker sends it (no
                // intermediate object without a template); a server dry
                // run patches a copy of the server.
                let patch = json!([
                    {"op": "replace", "path": "/spec/template", "value": template},
                    {"op": "replace", "path": "/metadata/annotations", "value": annotations},
                ]);
                let mut copy = (dry == DryRun::Server).then(|| env.world.api.clone());
                let api = copy.as_mut().unwrap_or(&mut env.world.api);
                api.patch(&r, &ns, &name, PatchType::Json, &patch)?;
                let suffix = match dry {
                    DryRun::Server => " (server dry run)",
                    _ => "",
                };
                env.print(format!("{kind_name} rolled back{suffix}\n"));
            }
            "restart" => {
                if meta::at(&d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true) {
                    errors.push(format!(
                        "{} \"{name}\" can't restart paused deployment (run rollout resume first)",
                        r.qualified_name()
                    ));
                    continue;
                }
                let now = env.world.now().rfc3339();
                let patch = json!({"spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": now}}}}});
                env.world
                    .api
                    .patch(&r, &ns, &name, PatchType::Strategic, &patch)?;
                env.print(format!("{kind_name} restarted\n"));
            }
            "pause" | "resume" => {
                let pause = sub == "pause";
                let already =
                    meta::at(&d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true);
                if already == pause {
                    errors.push(format!(
                        "deployments.apps \"{name}\" is {}",
                        if pause {
                            "already paused"
                        } else {
                            "not paused"
                        }
                    ));
                    continue;
                }
                let value = if pause { json!(true) } else { Value::Null };
                env.world.api.patch(
                    &r,
                    &ns,
                    &name,
                    PatchType::Merge,
                    &json!({"spec": {"paused": value}}),
                )?;
                env.print(format!(
                    "{kind_name} {}\n",
                    if pause { "paused" } else { "resumed" }
                ));
            }
            _ => unreachable!("checked above"),
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(CmdError::Raw(
        errors.iter().map(|e| format!("error: {e}\n")).collect(),
    ))
}
