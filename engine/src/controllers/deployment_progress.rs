//! A Deployment's Progressing condition and its progress deadline
//! (pkg/controller/deployment/progress.go `syncRolloutStatus`, and
//! deployment/util `DeploymentProgressing`, `DeploymentTimedOut`,
//! `SetDeploymentCondition`): progress moves lastUpdateTime; a rollout that
//! makes none for `progressDeadlineSeconds` turns False with
//! ProgressDeadlineExceeded, which `kubectl rollout status` reports.

use crate::api::meta;
use crate::clock::Time;
use serde_json::{json, Value};

/// The replica counts of a Deployment's status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub replicas: i64,
    pub updated: i64,
    pub ready: i64,
    pub available: i64,
}

impl Counts {
    /// The counts a stored status holds (absent = 0).
    pub fn of_status(d: &Value) -> Counts {
        let n = |f: &str| {
            meta::at(d, &["status", f])
                .and_then(Value::as_i64)
                .unwrap_or(0)
        };
        Counts {
            replicas: n("replicas"),
            updated: n("updatedReplicas"),
            ready: n("readyReplicas"),
            available: n("availableReplicas"),
        }
    }
}

/// What this sync saw of the Deployment.
pub struct Sync<'a> {
    pub deployment: &'a Value,
    pub counts: Counts,
    /// `DeploymentComplete`: every replica updated and available.
    pub complete: bool,
    /// The new ReplicaSet was created by this sync.
    pub created: bool,
    pub rs_name: &'a str,
    pub now: Time,
}

const TIMED_OUT: &str = "ProgressDeadlineExceeded";
const AVAILABLE: &str = "NewReplicaSetAvailable";

fn condition(status: &str, reason: &str, message: String, now: &Value) -> Value {
    json!({"type": "Progressing", "status": status, "reason": reason, "message": message,
           "lastUpdateTime": now, "lastTransitionTime": now})
}

/// SetDeploymentCondition: the same status and reason leave the current
/// one as it is; the same status keeps its lastTransitionTime.
fn set(current: Option<&Value>, mut next: Value) -> Value {
    match current {
        Some(c) if c["status"] == next["status"] && c["reason"] == next["reason"] => c.clone(),
        Some(c) if c["status"] == next["status"] => {
            next["lastTransitionTime"] = c["lastTransitionTime"].clone();
            next
        }
        _ => next,
    }
}

fn deadline_ms(d: &Value) -> Option<i64> {
    meta::at(d, &["spec", "progressDeadlineSeconds"])
        .and_then(Value::as_i64)
        .map(|s| s * 1000)
}

fn last_update(c: &Value) -> Option<i64> {
    c["lastUpdateTime"]
        .as_str()
        .and_then(Time::parse_rfc3339)
        .map(|t| t.0)
}

/// The Progressing condition after this sync; None when the Deployment has
/// no progress deadline (the condition is then dropped).
pub fn progressing(s: &Sync, current: Option<&Value>) -> Option<Value> {
    let d = s.deployment;
    let deadline = deadline_ms(d)?;
    let now = json!(s.now.rfc3339());
    let paused = meta::at(d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true);
    let rs = s.rs_name;
    if s.created {
        let c = condition(
            "True",
            "NewReplicaSetCreated",
            format!("Created new replica set \"{rs}\""),
            &now,
        );
        return Some(set(current, c));
    }
    let Some(current) = current else {
        let c = condition(
            "True",
            "FoundNewReplicaSet",
            format!("Found new replica set \"{rs}\""),
            &now,
        );
        return Some(c);
    };
    // A paused rollout is not checked for progress.
    let done = s.counts.replicas == s.counts.updated && current["reason"] == AVAILABLE;
    if paused || done {
        return Some(current.clone());
    }
    let old = Counts::of_status(d);
    let new = s.counts;
    if s.complete {
        let msg = format!("ReplicaSet \"{rs}\" has successfully progressed.");
        return Some(set(Some(current), condition("True", AVAILABLE, msg, &now)));
    }
    let progressed = new.updated > old.updated
        || new.replicas - new.updated < old.replicas - old.updated
        || new.ready > old.ready
        || new.available > old.available;
    if progressed {
        let mut c = condition(
            "True",
            "ReplicaSetUpdated",
            format!("ReplicaSet \"{rs}\" is progressing."),
            &now,
        );
        if current["status"] == "True" {
            c["lastTransitionTime"] = current["lastTransitionTime"].clone();
        }
        return Some(c);
    }
    let timed_out = current["reason"] == TIMED_OUT
        || last_update(current).is_some_and(|from| from + deadline < s.now.0);
    if timed_out {
        let msg = format!("ReplicaSet \"{rs}\" has timed out progressing.");
        return Some(set(Some(current), condition("False", TIMED_OUT, msg, &now)));
    }
    Some(current.clone())
}

/// When a rollout in progress next needs its deadline checked: the
/// controller requeues a stuck Deployment a second after its deadline.
pub fn next_check(d: &Value) -> Option<i64> {
    let deadline = deadline_ms(d)?;
    if meta::at(d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let c = meta::at(d, &["status", "conditions"])?
        .as_array()?
        .iter()
        .find(|c| c["type"] == "Progressing")?;
    if c["status"] != "True" || c["reason"] == AVAILABLE {
        return None;
    }
    Some(last_update(c)? + deadline + 1000)
}
