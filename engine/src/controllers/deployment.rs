//! The Deployment controller: one ReplicaSet per pod template
//! (`<deployment>-<pod-template-hash>`), rolled out with RollingUpdate
//! (maxSurge / maxUnavailable) or Recreate, revisions in annotations, and the
//! status and conditions `kubectl rollout status` reads.

use super::deployment_progress as progress;
use super::owned::{is_owned_by, owner_reference};
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use serde_json::{json, Value};
use std::sync::Arc;

const SOURCE: Source = Source {
    component: "deployment-controller",
    host: String::new(),
};
const REVISION: &str = "deployment.kubernetes.io/revision";
const HASH_LABEL: &str = "pod-template-hash";

/// The pod-template-hash: FNV-32a of the template, its decimal digits mapped
/// onto the name alphabet as `rand.SafeEncodeString` does.
pub fn template_hash(template: &Value, collisions: i64) -> String {
    let text = format!(
        "{}{}",
        crate::kubectl::printers::json::to_compact(template),
        if collisions > 0 {
            collisions.to_string()
        } else {
            String::new()
        }
    );
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h.to_string()
        .bytes()
        .map(|c| {
            crate::rng::NAME_ALPHABET[usize::from(c) % crate::rng::NAME_ALPHABET.len()] as char
        })
        .collect()
}

/// An int-or-percent of `total`, rounded up (surge) or down (unavailable).
fn scaled(v: Option<&Value>, total: i64, default_pct: i64, round_up: bool) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) if s.ends_with('%') => {
            let pct: i64 = s.trim_end_matches('%').parse().unwrap_or(default_pct);
            if round_up {
                (total * pct + 99) / 100
            } else {
                total * pct / 100
            }
        }
        _ => {
            if round_up {
                (total * default_pct + 99) / 100
            } else {
                total * default_pct / 100
            }
        }
    }
}

fn replicas(obj: &Value) -> i64 {
    meta::at(obj, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1)
}

fn status_i64(obj: &Value, field: &str) -> i64 {
    meta::at(obj, &["status", field])
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// The template without the hash label, for comparing RS templates with the deployment's.
fn bare_template(t: &Value) -> Value {
    let mut t = t.clone();
    if let Some(l) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        l.remove(HASH_LABEL);
    }
    if let Some(m) = t.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("creationTimestamp");
    }
    t
}

fn revision(obj: &Value) -> i64 {
    meta::str_at(obj, &["metadata", "annotations", REVISION])
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

pub fn reconcile(api: &mut ApiServer) {
    let (Some(d_r), Some(rs_r)) = (
        api.registry().resolve("deployments").cloned(),
        api.registry().resolve("replicasets").cloned(),
    ) else {
        return;
    };
    for d in api
        .list_shared(&d_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if meta::at(&d, &["metadata", "deletionTimestamp"]).is_some() {
            continue;
        }
        let ns = meta::namespace(&d).to_string();
        let name = meta::name(&d).to_string();
        let owned: Vec<Value> = api
            .list_shared(&rs_r, Some(&ns), &ListOptions::default())
            .unwrap_or_default()
            .into_iter()
            .filter(|rs| is_owned_by(rs, &d))
            .map(Arc::unwrap_or_clone)
            .collect();
        let template = meta::at(&d, &["spec", "template"])
            .cloned()
            .unwrap_or(json!({}));
        let want_tpl = bare_template(&template);
        let new_rs = owned
            .iter()
            .find(|rs| {
                meta::at(rs, &["spec", "template"]).map(bare_template) == Some(want_tpl.clone())
            })
            .cloned();
        let max_rev = owned.iter().map(revision).max().unwrap_or(0);
        let paused = meta::at(&d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true);
        let want = replicas(&d);
        let strategy = meta::str_at(&d, &["spec", "strategy", "type"])
            .unwrap_or("RollingUpdate")
            .to_string();
        let old: Vec<Value> = owned
            .iter()
            .filter(|rs| {
                new_rs
                    .as_ref()
                    .is_none_or(|n| meta::name(n) != meta::name(rs))
            })
            .cloned()
            .collect();
        let old_pods: i64 = old.iter().map(|rs| status_i64(rs, "replicas")).sum();
        let created = new_rs.is_none();
        let new_rs = match new_rs {
            Some(rs) => {
                let mut rs2 = rs.clone();
                let mut changed = copy_annotations(&d, &mut rs2);
                if revision(&rs) < max_rev && !old.is_empty() {
                    // A rollback to an older template: it becomes the newest revision.
                    rs2["metadata"]["annotations"][REVISION] = json!((max_rev + 1).to_string());
                    changed = true;
                }
                match changed {
                    true => api.update(&rs_r, &ns, rs2).unwrap_or(rs),
                    false => rs,
                }
            }
            None if paused => continue,
            None => {
                let hash = template_hash(&want_tpl, 0);
                let mut tpl = template.clone();
                tpl["metadata"]["labels"][HASH_LABEL] = json!(hash);
                let mut selector = meta::at(&d, &["spec", "selector"])
                    .cloned()
                    .unwrap_or(json!({}));
                selector["matchLabels"][HASH_LABEL] = json!(hash);
                let mut labels = meta::at(&template, &["metadata", "labels"])
                    .cloned()
                    .unwrap_or(json!({}));
                labels[HASH_LABEL] = json!(hash);
                let surge = if strategy == "Recreate" {
                    0
                } else {
                    scaled(
                        meta::at(&d, &["spec", "strategy", "rollingUpdate", "maxSurge"]),
                        want,
                        25,
                        true,
                    )
                };
                let initial = if old.is_empty() { want } else { 0 };
                let mut rs = json!({
                    "apiVersion": "apps/v1", "kind": "ReplicaSet",
                    "metadata": {
                        "name": format!("{name}-{hash}"),
                        "namespace": ns,
                        "labels": labels,
                        "annotations": {
                            "deployment.kubernetes.io/desired-replicas": want.to_string(),
                            "deployment.kubernetes.io/max-replicas": (want + surge).to_string(),
                            REVISION: (max_rev + 1).to_string(),
                        },
                        "ownerReferences": [owner_reference(&d, "apps/v1", "Deployment")],
                    },
                    "spec": {"replicas": initial, "selector": selector, "template": tpl},
                });
                copy_annotations(&d, &mut rs);
                match api.create(&rs_r, &ns, rs, &WriteOptions::default()) {
                    Ok(created) => {
                        if initial > 0 {
                            let msg = format!(
                                "Scaled up replica set {} from 0 to {initial}",
                                meta::name(&created)
                            );
                            recorder::record(
                                api,
                                &d,
                                None,
                                "Normal",
                                "ScalingReplicaSet",
                                &msg,
                                &SOURCE,
                            );
                        }
                        created
                    }
                    Err(_) => continue,
                }
            }
        };
        if !paused {
            roll(api, &rs_r, &d, &new_rs, &old, want, &strategy, old_pods);
        }
        // Revision annotation follows the new ReplicaSet.
        let rev = meta::str_at(&new_rs, &["metadata", "annotations", REVISION])
            .unwrap_or("1")
            .to_string();
        let d_now = api.get(&d_r, &ns, &name).unwrap_or_else(|_| (*d).clone());
        if meta::str_at(&d_now, &["metadata", "annotations", REVISION]) != Some(rev.as_str()) {
            let mut next = d_now.clone();
            next["metadata"]["annotations"][REVISION] = json!(rev);
            let _ = api.write_status(&d_r, &ns, next);
        }
        update_status(api, &d_r, &rs_r, &ns, &name, &new_rs, created);
    }
}

/// When a rollout that makes no progress reaches its deadline.
pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    let Some(d_r) = api.registry().resolve("deployments").cloned() else {
        return vec![];
    };
    api.list_shared(&d_r, None, &ListOptions::default())
        .unwrap_or_default()
        .iter()
        .filter_map(|d| progress::next_check(d))
        .filter(|t| *t > now)
        .collect()
}

/// Annotations a Deployment does not hand to its ReplicaSets (deployment
/// controller util annotationsToSkip).
pub(crate) const NOT_COPIED: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

/// The Deployment's annotations onto its new ReplicaSet (a `--record`ed
/// change-cause among them, which `rollout history` shows); true if any
/// changed (deployment_util.go copyDeploymentAnnotationsToReplicaSet).
fn copy_annotations(d: &Value, rs: &mut Value) -> bool {
    let Some(from) = meta::at(d, &["metadata", "annotations"]).and_then(Value::as_object) else {
        return false;
    };
    let metadata = meta::metadata_mut(rs);
    let to = metadata.entry("annotations").or_insert_with(|| json!({}));
    if !to.is_object() {
        *to = json!({});
    }
    let mut changed = false;
    for (k, v) in from {
        if NOT_COPIED.contains(&k.as_str()) || to.get(k) == Some(v) {
            continue;
        }
        to[k] = v.clone();
        changed = true;
    }
    changed
}

fn scale(api: &mut ApiServer, rs_r: &crate::api::ApiResource, d: &Value, rs: &Value, to: i64) {
    let from = replicas(rs);
    if from == to {
        return;
    }
    let mut next = rs.clone();
    next["spec"]["replicas"] = json!(to);
    if api.update(rs_r, meta::namespace(rs), next).is_ok() {
        let verb = if to > from { "up" } else { "down" };
        let msg = format!(
            "Scaled {verb} replica set {} from {from} to {to}",
            meta::name(rs)
        );
        recorder::record(api, d, None, "Normal", "ScalingReplicaSet", &msg, &SOURCE);
    }
}

#[allow(clippy::too_many_arguments)]
fn roll(
    api: &mut ApiServer,
    rs_r: &crate::api::ApiResource,
    d: &Value,
    new_rs: &Value,
    old: &[Value],
    want: i64,
    strategy: &str,
    old_pods: i64,
) {
    let ns = meta::namespace(d).to_string();
    let fresh =
        |api: &ApiServer, rs: &Value| api.get(rs_r, &ns, meta::name(rs)).unwrap_or(rs.clone());
    let new_rs = fresh(api, new_rs);
    if strategy == "Recreate" {
        for rs in old {
            scale(api, rs_r, d, &fresh(api, rs), 0);
        }
        if old_pods == 0 {
            scale(api, rs_r, d, &new_rs, want);
        }
        return;
    }
    let surge = scaled(
        meta::at(d, &["spec", "strategy", "rollingUpdate", "maxSurge"]),
        want,
        25,
        true,
    );
    let unavailable = scaled(
        meta::at(d, &["spec", "strategy", "rollingUpdate", "maxUnavailable"]),
        want,
        25,
        false,
    );
    let unavailable = if surge == 0 && unavailable == 0 {
        1
    } else {
        unavailable
    };
    let old_specs: i64 = old.iter().map(|rs| replicas(&fresh(api, rs))).sum();
    // Scale up the new ReplicaSet within the surge budget.
    let new_replicas = replicas(&new_rs);
    let room = (want + surge) - (old_specs + new_replicas);
    let target = if old_specs == 0 {
        want
    } else {
        (new_replicas + room.max(0)).min(want)
    };
    if target != new_replicas && (target > new_replicas || old_specs == 0) {
        scale(api, rs_r, d, &new_rs, target);
    }
    // Scale down old ReplicaSets while enough pods stay available
    // (rolling.go reconcileOldReplicaSets). The budget counts replicas by
    // spec, so a ReplicaSet status that lags behind its scale never lets a
    // second pass cut below the minimum.
    let new_rs = fresh(api, &new_rs);
    let mut old: Vec<Value> = old.iter().map(|rs| fresh(api, rs)).collect();
    old.sort_by(|a, b| {
        let created = |rs: &Value| {
            meta::str_at(rs, &["metadata", "creationTimestamp"])
                .unwrap_or("")
                .to_string()
        };
        created(a)
            .cmp(&created(b))
            .then_with(|| meta::name(a).cmp(meta::name(b)))
    });
    let old_specs: i64 = old.iter().map(replicas).sum();
    if old_specs == 0 {
        return;
    }
    let min_available = want - unavailable;
    let new_unavailable = replicas(&new_rs) - status_i64(&new_rs, "availableReplicas");
    let max_scaled_down = old_specs + replicas(&new_rs) - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return;
    }
    // First the old pods that are not available anyway (cleanupUnhealthyReplicas).
    let mut cleaned = 0;
    for rs in old.iter_mut() {
        let current = replicas(rs);
        let unhealthy = current - status_i64(rs, "availableReplicas");
        if cleaned >= max_scaled_down || current == 0 || unhealthy <= 0 {
            continue;
        }
        let cut = (max_scaled_down - cleaned).min(unhealthy);
        scale(api, rs_r, d, rs, current - cut);
        *rs = fresh(api, rs);
        cleaned += cut;
    }
    // Then available ones, down to the minimum (scaleDownOldReplicaSetsForRollingUpdate).
    let available: i64 = status_i64(&new_rs, "availableReplicas")
        + old
            .iter()
            .map(|rs| status_i64(rs, "availableReplicas"))
            .sum::<i64>();
    let mut to_cut = available - min_available;
    for rs in &old {
        let current = replicas(rs);
        if to_cut <= 0 || current == 0 {
            continue;
        }
        let cut = current.min(to_cut);
        scale(api, rs_r, d, rs, current - cut);
        to_cut -= cut;
    }
}

fn update_status(
    api: &mut ApiServer,
    d_r: &crate::api::ApiResource,
    rs_r: &crate::api::ApiResource,
    ns: &str,
    name: &str,
    new_rs: &Value,
    created: bool,
) {
    let Ok(d) = api.get(d_r, ns, name) else {
        return;
    };
    let owned: Vec<Value> = api
        .list_shared(rs_r, Some(ns), &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|rs| is_owned_by(rs, &d))
        .map(Arc::unwrap_or_clone)
        .collect();
    let sum = |f: &str| owned.iter().map(|rs| status_i64(rs, f)).sum::<i64>();
    let want = replicas(&d);
    let new_now = owned
        .iter()
        .find(|rs| meta::name(rs) == meta::name(new_rs))
        .cloned()
        .unwrap_or(new_rs.clone());
    let updated = status_i64(&new_now, "replicas");
    let total = sum("replicas");
    let available = sum("availableReplicas");
    let ready = sum("readyReplicas");
    let now = api.now().rfc3339();
    let old_conditions = meta::at(&d, &["status", "conditions"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let min_available = want
        - scaled(
            meta::at(&d, &["spec", "strategy", "rollingUpdate", "maxUnavailable"]),
            want,
            25,
            false,
        );
    let is_available = available >= min_available;
    let complete = updated == want && total == want && available == want;
    let (avail_status, avail_reason, avail_msg) = if is_available {
        (
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.",
        )
    } else {
        (
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.",
        )
    };
    let sync = progress::Sync {
        deployment: &d,
        counts: progress::Counts {
            replicas: total,
            updated,
            ready,
            available,
        },
        complete,
        created,
        rs_name: meta::name(&new_now),
        now: api.now(),
    };
    let progressing = progress::progressing(
        &sync,
        old_conditions.iter().find(|c| c["type"] == "Progressing"),
    );
    let available_cond = json!({"type": "Available", "status": avail_status, "reason": avail_reason,
        "message": avail_msg, "lastUpdateTime": now, "lastTransitionTime": now});
    // The conditions in the order the real controller's writes leave them:
    // SetDeploymentCondition keeps an unchanged one in place and moves a
    // changed one to the end. A new ReplicaSet's Progressing is written
    // first (getNewReplicaSet updates the status at once); then Available,
    // Progressing and the ReplicaSets' ReplicaFailure (syncRolloutStatus).
    let mut conditions = old_conditions.clone();
    if created {
        if let Some(c) = &progressing {
            put_condition(&mut conditions, c.clone());
        }
    }
    set_condition(&mut conditions, available_cond);
    match progressing {
        Some(c) => put_condition(&mut conditions, c),
        None => conditions.retain(|c| c["type"] != "Progressing"),
    }
    match replica_failure(&owned, meta::name(&new_now)) {
        Some(c) => set_condition(&mut conditions, c),
        None => conditions.retain(|c| c["type"] != "ReplicaFailure"),
    }
    let mut status = json!({
        "observedGeneration": meta::at(&d, &["metadata", "generation"]).cloned().unwrap_or(json!(1)),
        "replicas": total,
        "updatedReplicas": updated,
        "readyReplicas": ready,
        "availableReplicas": available,
        "unavailableReplicas": (want.max(total) - available).max(0),
        "conditions": conditions,
    });
    for k in [
        "replicas",
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "unavailableReplicas",
    ] {
        if status[k] == json!(0) {
            status.as_object_mut().map(|m| m.remove(k));
        }
    }
    if d.get("status") != Some(&status) {
        let mut next = d.clone();
        next["status"] = status;
        let _ = api.write_status(d_r, ns, next);
    }
}

/// SetDeploymentCondition: the same status and reason leave the current
/// condition as it is (and where it is); otherwise the new one, keeping the
/// transition time when only the reason changed, goes to the end.
fn set_condition(conditions: &mut Vec<Value>, mut next: Value) {
    let kind = next["type"].clone();
    if let Some(c) = conditions.iter().find(|c| c["type"] == kind) {
        if c["status"] == next["status"] && c["reason"] == next["reason"] {
            return;
        }
        if c["status"] == next["status"] {
            next["lastTransitionTime"] = c["lastTransitionTime"].clone();
        }
    }
    conditions.retain(|c| c["type"] != kind);
    conditions.push(next);
}

/// A condition decided in full elsewhere (Progressing): unchanged it stays
/// in place, changed it moves to the end.
fn put_condition(conditions: &mut Vec<Value>, next: Value) {
    let kind = next["type"].clone();
    if conditions.contains(&next) {
        return;
    }
    conditions.retain(|c| c["type"] != kind);
    conditions.push(next);
}

/// getReplicaFailures: the new ReplicaSet's ReplicaFailure, else an old
/// one's, as a Deployment condition (both times its transition time).
fn replica_failure(owned: &[Value], new_rs: &str) -> Option<Value> {
    let failure = |rs: &Value| {
        meta::at(rs, &["status", "conditions"])
            .and_then(Value::as_array)?
            .iter()
            .find(|c| c["type"] == "ReplicaFailure")
            .cloned()
    };
    let c = owned
        .iter()
        .filter(|rs| meta::name(rs) == new_rs)
        .chain(owned.iter().filter(|rs| meta::name(rs) != new_rs))
        .find_map(failure)?;
    Some(
        json!({"type": "ReplicaFailure", "status": c["status"], "reason": c["reason"],
        "message": c["message"], "lastUpdateTime": c["lastTransitionTime"],
        "lastTransitionTime": c["lastTransitionTime"]}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_uses_the_safe_alphabet() {
        let h = template_hash(&json!({"spec": {"containers": [{"name": "a"}]}}), 0);
        assert!(h.len() <= 10 && !h.is_empty());
        assert!(h.chars().all(|c| "4567891bcdf".contains(c)), "{h}");
    }

    #[test]
    fn int_or_percent() {
        assert_eq!(scaled(Some(&json!("25%")), 3, 25, true), 1);
        assert_eq!(scaled(Some(&json!("25%")), 3, 25, false), 0);
        assert_eq!(scaled(Some(&json!(2)), 3, 25, false), 2);
        assert_eq!(scaled(None, 10, 25, true), 3);
    }
}
