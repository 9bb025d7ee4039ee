//! `kubectl rollout` for DaemonSets and StatefulSets, whose history is
//! ControllerRevisions rather than ReplicaSets (kubectl v0.33.1
//! polymorphichelpers: rollout_status.go, history.go, rollback.go,
//! objectpauser.go, objectresumer.go).

use super::create::DryRun;
use crate::api::{meta, ApiResource};
use crate::apiserver::PatchType;
use crate::controllers::history;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use serde_json::Value;

fn int(v: &Value, path: &[&str]) -> i64 {
    meta::at(v, path).and_then(Value::as_i64).unwrap_or(0)
}

/// The message kubectl's DaemonSet or StatefulSet status viewer gives, and
/// whether the rollout is done.
pub(super) fn status_message(r: &ApiResource, o: &Value) -> Result<(String, bool), CmdError> {
    let name = meta::name(o);
    let strategy = meta::str_at(o, &["spec", "updateStrategy", "type"]).unwrap_or("");
    if strategy != "RollingUpdate" {
        return Err(CmdError::Plain(
            "rollout status is only available for RollingUpdate strategy type".into(),
        ));
    }
    let generation = int(o, &["metadata", "generation"]);
    let observed = int(o, &["status", "observedGeneration"]);
    if r.name == "daemonsets" {
        if generation > observed {
            return Ok((
                "Waiting for daemon set spec update to be observed...\n".into(),
                false,
            ));
        }
        let desired = int(o, &["status", "desiredNumberScheduled"]);
        let updated = int(o, &["status", "updatedNumberScheduled"]);
        let available = int(o, &["status", "numberAvailable"]);
        if updated < desired {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...\n"), false));
        }
        if available < desired {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...\n"), false));
        }
        return Ok((
            format!("daemon set \"{name}\" successfully rolled out\n"),
            true,
        ));
    }
    if observed == 0 || generation > observed {
        return Ok((
            "Waiting for statefulset spec update to be observed...\n".into(),
            false,
        ));
    }
    let replicas = meta::at(o, &["spec", "replicas"]).and_then(Value::as_i64);
    let ready = int(o, &["status", "readyReplicas"]);
    if let Some(want) = replicas.filter(|w| ready < *w) {
        return Ok((
            format!("Waiting for {} pods to be ready...\n", want - ready),
            false,
        ));
    }
    let updated = int(o, &["status", "updatedReplicas"]);
    if let Some(rolling) = meta::at(o, &["spec", "updateStrategy", "rollingUpdate"]) {
        let partition = rolling.get("partition").and_then(Value::as_i64);
        if let (Some(want), Some(partition)) = (replicas, partition) {
            if updated < want - partition {
                return Ok((format!("Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n", want - partition), false));
            }
        }
        return Ok((
            format!("partitioned roll out complete: {updated} new pods have been updated...\n"),
            true,
        ));
    }
    let current = meta::str_at(o, &["status", "currentRevision"]).unwrap_or("");
    let update = meta::str_at(o, &["status", "updateRevision"]).unwrap_or("");
    if update != current {
        return Ok((format!("waiting for statefulset rolling update to complete {updated} pods at revision {update}...\n"), false));
    }
    let current_replicas = int(o, &["status", "currentReplicas"]);
    Ok((
        format!("statefulset rolling update complete {current_replicas} pods at revision {current}...\n"),
        true,
    ))
}

/// The pod template a revision holds: its data is a strategic patch
/// replacing the owner's template.
fn template_of(cr: &Value) -> Value {
    let mut t = cr["data"]["spec"]["template"].clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("$patch");
    }
    t
}

/// The owner with a revision's patch applied (applyDaemonSetHistory).
fn applied(owner: &Value, cr: &Value) -> Result<Value, CmdError> {
    crate::apiserver::patch::apply(PatchType::Strategic, owner, &cr["data"])
        .map_err(CmdError::Plain)
}

/// history, undo, pause and resume of one DaemonSet or StatefulSet.
pub(super) fn run(
    env: &mut Env,
    p: &Parsed,
    sub: &str,
    r: &ApiResource,
    owner: &Value,
) -> Result<(), CmdError> {
    let name = meta::name(owner).to_string();
    let ns = meta::namespace(owner).to_string();
    let kind_name = format!("{}/{name}", r.qualified_singular());
    let revisions = history::list(&env.world.api, owner);
    match sub {
        // With -o, the owner as each revision would make it.
        "history" if !super::create::output_format(p).is_empty() => {
            let wanted = p.int("revision").unwrap_or(0);
            let chosen: Vec<&Value> = revisions
                .iter()
                .filter(|cr| wanted == 0 || history::revision(cr) == wanted)
                .collect();
            if wanted > 0 && chosen.is_empty() {
                return Err(CmdError::Plain(
                    "unable to find the specified revision".into(),
                ));
            }
            for cr in chosen {
                let applied = applied(owner, cr)?;
                super::create::print_result(env, p, &kind_name, &applied, "", DryRun::None);
            }
        }
        "history" => {
            let wanted = p.int("revision").unwrap_or(0);
            if revisions.is_empty() {
                env.print(format!("{kind_name} \nNo rollout history found.\n"));
            } else if wanted > 0 {
                let Some(cr) = revisions.iter().find(|cr| history::revision(cr) == wanted) else {
                    return Err(CmdError::Plain(
                        "unable to find the specified revision".into(),
                    ));
                };
                let mut w = crate::kubectl::describe::Writer::default();
                crate::kubectl::describe::pod_template(&mut w, Some(&template_of(cr)));
                env.print(format!(
                    "{kind_name} with revision #{wanted}\n{}\n",
                    w.unaligned()
                ));
            } else {
                env.print(format!(
                    "{kind_name} \n{}\n",
                    super::rollout::history_table(&revisions, history::revision)
                ));
            }
        }
        "undo" => {
            let dry = super::create::dry_run(p)?;
            let wanted = p.int("to-revision").unwrap_or(0);
            let not_found = || {
                CmdError::Plain(format!(
                    "unable to find specified revision {wanted} in history"
                ))
            };
            if wanted < 0 {
                return Err(not_found());
            }
            if wanted == 0 && revisions.len() <= 1 {
                return Err(CmdError::Plain("no last revision to roll back to".into()));
            }
            let to = if wanted == 0 {
                revisions.get(revisions.len() - 2)
            } else {
                revisions.iter().find(|cr| history::revision(cr) == wanted)
            };
            let to = to.ok_or_else(not_found)?;
            if owner["spec"]["template"] == template_of(to) {
                // kubectl names the revision asked for: 0 when none was.
                env.print(format!("{kind_name} skipped rollback (current template already matches revision {wanted})\n"));
                return Ok(());
            }
            // rollback.go: a client dry run describes the template it
            // would restore; a server dry run patches a copy of the server.
            if dry == DryRun::Client {
                let mut w = crate::kubectl::describe::Writer::default();
                let template = &applied(owner, to)?["spec"]["template"];
                crate::kubectl::describe::pod_template(&mut w, Some(template));
                env.print(format!(
                    "{kind_name} will roll back to {} (dry run)\n",
                    w.unaligned()
                ));
                return Ok(());
            }
            let mut copy = (dry == DryRun::Server).then(|| env.world.api.clone());
            let api = copy.as_mut().unwrap_or(&mut env.world.api);
            api.patch(r, &ns, &name, PatchType::Strategic, &to["data"])?;
            let suffix = match dry {
                DryRun::Server => " (server dry run)",
                _ => "",
            };
            env.print(format!("{kind_name} rolled back{suffix}\n"));
        }
        "pause" | "resume" => {
            let verb = if sub == "pause" {
                "pausing"
            } else {
                "resuming"
            };
            return Err(CmdError::Raw(format!(
                "error: {} \"{name}\" {verb} is not supported\n",
                r.qualified_name()
            )));
        }
        _ => unreachable!("status and restart are shared with Deployments"),
    }
    Ok(())
}
