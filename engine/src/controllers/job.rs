//! The Job controller (`pkg/controller/job`): runs pods to completion. It
//! keeps `parallelism` pods active until `completions` have succeeded (or,
//! Indexed, every index has), counts finished pods through the
//! `batch.kubernetes.io/job-tracking` finalizer, backs off after failures,
//! and finishes the Job with SuccessCriteriaMet → Complete or FailureTarget →
//! Failed (BackoffLimitExceeded, DeadlineExceeded) once no pod is terminating.

use super::backoff::Backoff;
use super::job_failure_policy;
use super::owned::{controller_ref, is_owned_by, owner_reference, pod_from_template};
use crate::api::meta;
use crate::api::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const SOURCE: Source = Source {
    component: "job-controller",
    host: String::new(),
};
pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
pub const INDEX_KEY: &str = "batch.kubernetes.io/job-completion-index";
/// Pod failure back-off: 10s doubling per failure since the last success, at most 10m.
const BACKOFF_MS: i64 = 10_000;
const MAX_BACKOFF_MS: i64 = 600_000;

fn num(obj: &Value, path: &[&str]) -> Option<i64> {
    meta::at(obj, path).and_then(Value::as_i64)
}

fn phase(pod: &Value) -> &str {
    meta::str_at(pod, &["status", "phase"]).unwrap_or("")
}

fn deleting(obj: &Value) -> bool {
    meta::at(obj, &["metadata", "deletionTimestamp"]).is_some()
}

fn terminal(pod: &Value) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

fn has_finalizer(pod: &Value) -> bool {
    meta::at(pod, &["metadata", "finalizers"])
        .and_then(Value::as_array)
        .is_some_and(|f| f.iter().any(|x| x == TRACKING_FINALIZER))
}

/// Active: neither finished nor being deleted.
fn is_active(pod: &Value) -> bool {
    !terminal(pod) && !deleting(pod)
}

/// podReplacementPolicy Failed (the default with a podFailurePolicy):
/// replacements wait for terminating pods to finish.
fn only_replace_failed(job: &Value) -> bool {
    meta::str_at(job, &["spec", "podReplacementPolicy"]) == Some("Failed")
}

/// `isPodFailed`: phase Failed, or (unless only failed pods are replaced)
/// deleted before it succeeded.
fn is_failed(job: &Value, pod: &Value) -> bool {
    phase(pod) == "Failed"
        || (!only_replace_failed(job) && deleting(pod) && phase(pod) != "Succeeded")
}

/// Being deleted but still stopping on its node.
fn is_terminating(pod: &Value, now: Time) -> bool {
    deleting(pod) && !terminal(pod) && !stopped(pod, now)
}

/// The kubelet is done with a deleted pod: unscheduled, every container
/// stopped, or its grace period over (a pod deleted before its containers
/// started keeps their waiting states here).
fn stopped(pod: &Value, now: Time) -> bool {
    meta::str_at(pod, &["spec", "nodeName"])
        .unwrap_or("")
        .is_empty()
        || meta::at(pod, &["status", "containerStatuses"])
            .and_then(Value::as_array)
            .is_some_and(|cs| cs.iter().all(|c| c["state"].get("terminated").is_some()))
        || meta::str_at(pod, &["metadata", "deletionTimestamp"])
            .and_then(Time::parse_rfc3339)
            .is_some_and(|t| t <= now)
}

pub fn condition<'a>(job: &'a Value, kind: &str) -> Option<&'a Value> {
    meta::at(job, &["status", "conditions"])
        .and_then(Value::as_array)?
        .iter()
        .find(|c| c["type"] == kind && c["status"] == "True")
}

/// Complete or Failed: the Job is done and creates nothing more.
pub fn finished(job: &Value) -> Option<&'static str> {
    if condition(job, "Complete").is_some() {
        Some("Complete")
    } else if condition(job, "Failed").is_some() {
        Some("Failed")
    } else {
        None
    }
}

/// When the Job finished (its Complete or Failed condition's transition).
pub fn finished_at(job: &Value) -> Option<Time> {
    let kind = finished(job)?;
    condition(job, kind)
        .and_then(|c| c.get("lastTransitionTime"))
        .and_then(Value::as_str)
        .and_then(Time::parse_rfc3339)
}

fn index_of(pod: &Value) -> Option<i64> {
    meta::str_at(pod, &["metadata", "annotations", INDEX_KEY]).and_then(|s| s.parse().ok())
}

fn indexed(job: &Value) -> bool {
    meta::str_at(job, &["spec", "completionMode"]) == Some("Indexed")
}

/// When a pod stopped: its containers' latest finishedAt, else now.
fn finish_time(pod: &Value, now: Time) -> i64 {
    meta::at(pod, &["status", "containerStatuses"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c["state"]["terminated"]["finishedAt"].as_str())
        .filter_map(Time::parse_rfc3339)
        .map(|t| t.0)
        .max()
        .unwrap_or(now.0)
}

/// `1,3-5,7`: sorted indexes with runs of three or more... (any run of 2+ joins).
pub fn format_indexes(ix: &BTreeSet<i64>) -> String {
    let mut out: Vec<String> = vec![];
    let v: Vec<i64> = ix.iter().copied().collect();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}-{}", v[i], v[j])
        } else {
            v[i].to_string()
        });
        i = j + 1;
    }
    out.join(",")
}

fn parse_indexes(s: &str) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<i64>(), b.parse::<i64>()) {
                    out.extend(a..=b.min(a + 100_000));
                }
            }
            None => out.extend(part.parse::<i64>().ok()),
        }
    }
    out
}

fn new_condition(kind: &str, status: &str, reason: &str, message: &str, now: Time) -> Value {
    json!({
        "type": kind,
        "status": status,
        "reason": reason,
        "message": message,
        "lastProbeTime": now.rfc3339(),
        "lastTransitionTime": now.rfc3339(),
    })
}

fn resources(api: &ApiServer) -> Option<(ApiResource, ApiResource)> {
    Some((
        api.registry().resolve("jobs.batch")?.clone(),
        api.registry().resolve("pods")?.clone(),
    ))
}

/// The pods a Job owns (its selector in its namespace, controlled by it).
pub fn owned_pods(api: &ApiServer, pods_r: &ApiResource, job: &Value) -> Vec<Value> {
    let sel = super::replicaset::selector_string(meta::at(job, &["spec", "selector"]));
    let opts = ListOptions {
        label_selector: Some(sel),
        ..Default::default()
    };
    let ns = Some(meta::namespace(job));
    // Pods it controls are filed under its uid: read (and copy) only those.
    match meta::str_at(job, &["metadata", "uid"]) {
        Some(uid) => api.list_owned_shared(pods_r, ns, uid, &opts),
        None => api.list_shared(pods_r, ns, &opts),
    }
    .unwrap_or_default()
    .into_iter()
    .filter(|p| is_owned_by(p, job))
    .map(std::sync::Arc::unwrap_or_clone)
    .collect()
}

/// One pass over the Jobs; a Job whose pod creation failed is retried when
/// its `backoff` ends (a rate-limited requeue).
pub fn reconcile(api: &mut ApiServer, backoff: &mut Backoff) {
    let Some((job_r, pods_r)) = resources(api) else {
        return;
    };
    let jobs = api
        .list(&job_r, None, &ListOptions::default())
        .unwrap_or_default();
    release_orphans(api, &pods_r, &jobs);
    let live: BTreeSet<&str> = jobs.iter().map(uid_of).collect();
    backoff.retain(|uid| live.contains(uid));
    for job in &jobs {
        if deleting(job) {
            continue;
        }
        sync(api, &job_r, &pods_r, job.clone(), backoff);
    }
}

/// Pods whose Job is gone keep no tracking finalizer.
fn release_orphans(api: &mut ApiServer, pods_r: &ApiResource, jobs: &[Value]) {
    let uids: BTreeSet<&str> = jobs
        .iter()
        .filter_map(|j| meta::str_at(j, &["metadata", "uid"]))
        .collect();
    for pod in api
        .list_shared(pods_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if !has_finalizer(&pod) {
            continue;
        }
        let owner_uid = controller_ref(&pod)
            .and_then(|r| r["uid"].as_str())
            .unwrap_or("");
        if !uids.contains(owner_uid) && (deleting(&pod) || terminal(&pod)) {
            remove_finalizer(api, pods_r, &pod);
        }
    }
}

/// Removes the tracking finalizer from the pod as it is now.
fn remove_finalizer(api: &mut ApiServer, pods_r: &ApiResource, pod: &Value) {
    let Ok(mut next) = api.get(pods_r, meta::namespace(pod), meta::name(pod)) else {
        return;
    };
    if uid_of(&next) != uid_of(pod) || !has_finalizer(&next) {
        return;
    }
    if let Some(f) = next
        .pointer_mut("/metadata/finalizers")
        .and_then(Value::as_array_mut)
    {
        f.retain(|x| x != TRACKING_FINALIZER);
    }
    let _ = api.update(pods_r, meta::namespace(pod), next);
}

fn sync(
    api: &mut ApiServer,
    job_r: &ApiResource,
    pods_r: &ApiResource,
    job: Value,
    backoff: &mut Backoff,
) {
    let now = api.now();
    let pods = owned_pods(api, pods_r, &job);
    let mut status = job.get("status").cloned().unwrap_or(json!({}));
    if !status.is_object() {
        status = json!({});
    }
    if finished(&job).is_some() {
        // Done: only release whatever still carries the finalizer.
        for p in pods.iter().filter(|p| has_finalizer(p)) {
            if terminal(p) || (deleting(p) && stopped(p, now)) {
                remove_finalizer(api, pods_r, p);
            }
        }
        return;
    }
    let ns = meta::namespace(&job).to_string();
    let suspended = meta::at(&job, &["spec", "suspend"]).and_then(Value::as_bool) == Some(true);
    let is_indexed = indexed(&job);
    let completions = num(&job, &["spec", "completions"]);
    let parallelism = num(&job, &["spec", "parallelism"]).unwrap_or(1).max(0);
    let backoff_limit = num(&job, &["spec", "backoffLimit"]).unwrap_or(6);
    let mut conditions: Vec<Value> = status["conditions"].as_array().cloned().unwrap_or_default();

    // Count finished pods and release their finalizers: succeeded ones, and
    // failed ones (a pod being deleted counts as failed at once).
    let mut succeeded = num(&status, &["succeeded"]).unwrap_or(0);
    let mut failed = num(&status, &["failed"]).unwrap_or(0);
    let mut done_indexes = parse_indexes(status["completedIndexes"].as_str().unwrap_or(""));
    for p in pods.iter().filter(|p| has_finalizer(p)) {
        if phase(p) == "Succeeded" {
            match (is_indexed, index_of(p)) {
                (true, Some(ix)) if ix < completions.unwrap_or(0) => {
                    done_indexes.insert(ix);
                }
                (true, _) => {}
                (false, _) => succeeded += 1,
            }
            remove_finalizer(api, pods_r, p);
        } else if is_failed(&job, p) {
            if job_failure_policy::judge(&job, p).count {
                failed += 1;
            }
            remove_finalizer(api, pods_r, p);
        }
    }
    if is_indexed {
        succeeded = done_indexes.len() as i64;
    }
    let active_pods: Vec<&Value> = pods.iter().filter(|p| is_active(p)).collect();
    let mut terminating = pods.iter().filter(|p| is_terminating(p, now)).count() as i64;
    let mut active = active_pods.len() as i64;
    let mut ready = active_pods
        .iter()
        .filter(|p| super::replicaset::is_ready(p))
        .count() as i64;
    if status.get("startTime").is_none() && !suspended {
        status["startTime"] = json!(now.rfc3339());
    }

    // The end state: a pending FailureTarget / SuccessCriteriaMet, else failure, else success.
    let mut target: Option<(String, String, String)> = None; // (type, reason, message)
    if has(&conditions, "SuccessCriteriaMet") || has(&conditions, "FailureTarget") {
        let t = if has(&conditions, "SuccessCriteriaMet") {
            "SuccessCriteriaMet"
        } else {
            "FailureTarget"
        };
        let c = conditions.iter().find(|c| c["type"] == t).cloned();
        let c = c.unwrap_or(json!({}));
        target = Some((
            t.into(),
            c["reason"].as_str().unwrap_or("").into(),
            c["message"].as_str().unwrap_or("").into(),
        ));
    } else if let Some(msg) = pods
        .iter()
        .filter(|p| is_failed(&job, p))
        .find_map(|p| job_failure_policy::judge(&job, p).fail_job)
    {
        target = Some(("FailureTarget".into(), "PodFailurePolicy".into(), msg));
    } else if failed > backoff_limit || past_backoff_on_failure(&job, &pods, backoff_limit) {
        target = Some((
            "FailureTarget".into(),
            "BackoffLimitExceeded".into(),
            "Job has reached the specified backoff limit".into(),
        ));
    } else if past_deadline(&job, &status, now) && !suspended {
        target = Some((
            "FailureTarget".into(),
            "DeadlineExceeded".into(),
            "Job was active longer than specified deadline".into(),
        ));
    }

    let mut events: Vec<(&str, String, String)> = vec![];
    if let Some((ref t, _, _)) = target {
        if t == "FailureTarget" {
            let (deleted, deleted_ready) = delete_pods(api, pods_r, &job, &active_pods);
            // When the Job is finishing, every pod not succeeded counts as failed.
            for p in &active_pods {
                failed += 1;
                remove_finalizer(api, pods_r, p);
            }
            active -= deleted;
            ready -= deleted_ready;
            terminating += deleted;
        }
    } else {
        let want = if suspended {
            0
        } else {
            match completions {
                None if succeeded > 0 => active,
                None => parallelism,
                Some(c) => (c - succeeded).clamp(0, parallelism),
            }
        };
        if active > want {
            let victims = removal_order(&active_pods, (active - want) as usize);
            let (deleted, deleted_ready) = delete_pods(api, pods_r, &job, &victims);
            active -= deleted;
            ready -= deleted_ready;
            terminating += deleted;
        } else if want - waiting_for(&job, terminating) - active <= 0 {
            backoff.forget(uid_of(&job));
        } else if backoff_remaining(&job, &pods, now) == 0 && !backoff.waiting(uid_of(&job), now.0)
        {
            let mut diff = want - waiting_for(&job, terminating) - active;
            let mut indexes: Vec<Option<i64>> = vec![None; diff as usize];
            if is_indexed {
                let busy: BTreeSet<i64> = active_pods.iter().filter_map(|p| index_of(p)).collect();
                indexes = (0..completions.unwrap_or(0))
                    .filter(|i| !done_indexes.contains(i) && !busy.contains(i))
                    .take(diff as usize)
                    .map(Some)
                    .collect();
                diff = indexes.len() as i64;
            }
            let _ = diff;
            let mut failed = false;
            for ix in indexes {
                if create_pod(api, pods_r, &job, ix) {
                    active += 1;
                } else {
                    failed = true;
                    break;
                }
            }
            if failed {
                backoff.failed(uid_of(&job), now.0);
            } else {
                backoff.forget(uid_of(&job));
            }
        }
        let complete = match completions {
            None => succeeded > 0 && active == 0,
            Some(c) => succeeded >= c && active == 0,
        };
        if complete {
            target = Some((
                "SuccessCriteriaMet".into(),
                "CompletionsReached".into(),
                "Reached expected number of succeeded pods".into(),
            ));
        } else {
            // Suspended / resumed.
            let was_suspended = conditions
                .iter()
                .find(|c| c["type"] == "Suspended")
                .map(|c| c["status"] == "True");
            if suspended && was_suspended != Some(true) {
                set_condition(
                    &mut conditions,
                    new_condition("Suspended", "True", "JobSuspended", "Job suspended", now),
                );
                status.as_object_mut().map(|m| m.remove("startTime"));
                events.push(("Normal", "Suspended".into(), "Job suspended".into()));
            } else if !suspended && was_suspended == Some(true) {
                set_condition(
                    &mut conditions,
                    new_condition("Suspended", "False", "JobResumed", "Job resumed", now),
                );
                status["startTime"] = json!(now.rfc3339());
                events.push(("Normal", "Resumed".into(), "Job resumed".into()));
            }
        }
    }

    // Interim condition first; the final one once nothing is terminating.
    if let Some((t, reason, message)) = &target {
        if !has(&conditions, t) {
            conditions.push(new_condition(t, "True", reason, message, now));
        }
        if terminating == 0 {
            let final_type = if t == "SuccessCriteriaMet" {
                "Complete"
            } else {
                "Failed"
            };
            conditions.push(new_condition(final_type, "True", reason, message, now));
            if final_type == "Complete" {
                status["completionTime"] = json!(now.rfc3339());
                events.push(("Normal", "Completed".into(), "Job completed".into()));
            } else {
                events.push(("Warning", reason.clone(), message.clone()));
            }
        }
    }

    let m = status.as_object_mut().expect("status is an object");
    for (k, v) in [
        ("active", active),
        ("succeeded", succeeded),
        ("failed", failed),
    ] {
        if v > 0 {
            m.insert(k.into(), json!(v));
        } else {
            m.remove(k);
        }
    }
    m.insert("ready".into(), json!(ready.max(0)));
    m.insert("terminating".into(), json!(terminating.max(0)));
    m.insert("uncountedTerminatedPods".into(), json!({}));
    if is_indexed && !done_indexes.is_empty() {
        m.insert(
            "completedIndexes".into(),
            json!(format_indexes(&done_indexes)),
        );
    } else {
        m.remove("completedIndexes");
    }
    if conditions.is_empty() {
        m.remove("conditions");
    } else {
        m.insert("conditions".into(), json!(conditions));
    }
    if job.get("status") != Some(&status) {
        let mut next = job.clone();
        next["status"] = status;
        let _ = api.write_status(job_r, &ns, next);
    }
    for (kind, reason, message) in events {
        recorder::record(api, &job, None, kind, &reason, &message, &SOURCE);
    }
}

fn uid_of(obj: &Value) -> &str {
    meta::str_at(obj, &["metadata", "uid"]).unwrap_or("")
}

fn has(conditions: &[Value], t: &str) -> bool {
    conditions
        .iter()
        .any(|c| c["type"] == t && c["status"] == "True")
}

/// Replaces the condition of the same type (or appends it).
fn set_condition(conditions: &mut Vec<Value>, c: Value) {
    match conditions.iter_mut().find(|x| x["type"] == c["type"]) {
        Some(x) => *x = c,
        None => conditions.push(c),
    }
}

/// restartPolicy OnFailure: container restarts of running pods count against the limit.
fn past_backoff_on_failure(job: &Value, pods: &[Value], limit: i64) -> bool {
    if meta::str_at(job, &["spec", "template", "spec", "restartPolicy"]) != Some("OnFailure") {
        return false;
    }
    let restarts: i64 = pods
        .iter()
        .filter(|p| matches!(phase(p), "Running" | "Pending"))
        .flat_map(|p| {
            ["initContainerStatuses", "containerStatuses"]
                .into_iter()
                .flat_map(move |k| {
                    meta::at(p, &["status", k])
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                })
        })
        .filter_map(|c| c["restartCount"].as_i64())
        .sum();
    if limit == 0 {
        restarts > 0
    } else {
        restarts >= limit
    }
}

fn deadline(job: &Value, status: &Value) -> Option<i64> {
    let secs = num(job, &["spec", "activeDeadlineSeconds"])?;
    let start = Time::parse_rfc3339(status["startTime"].as_str()?)?;
    Some(start.0 + secs * 1000)
}

fn past_deadline(job: &Value, status: &Value, now: Time) -> bool {
    deadline(job, status).is_some_and(|d| now.0 >= d)
}

/// Failures since the last success, and when the latest of them stopped.
fn backoff_until(job: &Value, pods: &[Value], now: Time) -> Option<i64> {
    let last_success = pods
        .iter()
        .filter(|p| phase(p) == "Succeeded")
        .map(|p| finish_time(p, now))
        .max()
        .unwrap_or(i64::MIN);
    let failures: Vec<i64> = pods
        .iter()
        .filter(|p| is_failed(job, p) && (terminal(p) || stopped(p, now)))
        .filter(|p| job_failure_policy::judge(job, p).count)
        .map(|p| finish_time(p, now))
        .filter(|t| *t > last_success)
        .collect();
    let last = *failures.iter().max()?;
    let n = failures.len().min(20) as u32;
    let backoff = (BACKOFF_MS.saturating_mul(1 << (n - 1))).min(MAX_BACKOFF_MS);
    Some(last + backoff)
}

fn backoff_remaining(job: &Value, pods: &[Value], now: Time) -> i64 {
    backoff_until(job, pods, now).map_or(0, |t| (t - now.0).max(0))
}

/// Terminating pods hold back replacements only under podReplacementPolicy Failed.
fn waiting_for(job: &Value, terminating: i64) -> i64 {
    if only_replace_failed(job) {
        terminating
    } else {
        0
    }
}

/// Not-ready and pending pods go first, then the newest (`activePodsForRemoval`).
fn removal_order<'a>(pods: &[&'a Value], n: usize) -> Vec<&'a Value> {
    let mut v: Vec<&Value> = pods.to_vec();
    v.sort_by_key(|p| {
        (
            !meta::str_at(p, &["spec", "nodeName"])
                .unwrap_or("")
                .is_empty(),
            super::replicaset::is_ready(p),
            std::cmp::Reverse(
                meta::str_at(p, &["metadata", "creationTimestamp"])
                    .unwrap_or("")
                    .to_string(),
            ),
        )
    });
    v.truncate(n);
    v
}

/// Deletes pods (recording each); returns how many, and how many were ready.
fn delete_pods(
    api: &mut ApiServer,
    pods_r: &ApiResource,
    job: &Value,
    pods: &[&Value],
) -> (i64, i64) {
    let (mut n, mut r) = (0, 0);
    for p in pods {
        let name = meta::name(p).to_string();
        match api.delete(pods_r, meta::namespace(p), &name, &WriteOptions::default()) {
            Ok(_) => {
                n += 1;
                r += i64::from(super::replicaset::is_ready(p));
                let msg = format!("Deleted pod: {name}");
                recorder::record(api, job, None, "Normal", "SuccessfulDelete", &msg, &SOURCE);
            }
            Err(e) => {
                let msg = format!("Error deleting: {}", e.message);
                recorder::record(api, job, None, "Warning", "FailedDelete", &msg, &SOURCE);
            }
        }
    }
    (n, r)
}

/// Creates one pod from the template: `<job>-` (Indexed: `<job>-<index>-`,
/// with the index annotation, label, hostname and JOB_COMPLETION_INDEX).
fn create_pod(api: &mut ApiServer, pods_r: &ApiResource, job: &Value, index: Option<i64>) -> bool {
    let name = meta::name(job).to_string();
    let mut pod = pod_from_template(meta::at(job, &["spec", "template"]));
    let generate = match index {
        Some(ix) => format!("{name}-{ix}-"),
        None => format!("{name}-"),
    };
    {
        let m = meta::metadata_mut(&mut pod);
        m.insert("generateName".into(), json!(generate));
        m.insert(
            "ownerReferences".into(),
            json!([owner_reference(job, "batch/v1", "Job")]),
        );
        let fins = m.entry("finalizers").or_insert_with(|| json!([]));
        if let Some(f) = fins.as_array_mut() {
            if !f.iter().any(|x| x == TRACKING_FINALIZER) {
                f.push(json!(TRACKING_FINALIZER));
            }
        }
        if let Some(ix) = index {
            for key in ["annotations", "labels"] {
                let e = m.entry(key).or_insert_with(|| json!({}));
                if let Some(o) = e.as_object_mut() {
                    o.insert(INDEX_KEY.into(), json!(ix.to_string()));
                }
            }
        }
    }
    if let Some(ix) = index {
        pod["spec"]["hostname"] = json!(format!("{name}-{ix}"));
        add_index_env(&mut pod);
    }
    match api.create(pods_r, meta::namespace(job), pod, &WriteOptions::default()) {
        Ok(p) => {
            let msg = format!("Created pod: {}", meta::name(&p));
            recorder::record(api, job, None, "Normal", "SuccessfulCreate", &msg, &SOURCE);
            true
        }
        Err(s) => {
            let msg = format!("Error creating: {}", s.message);
            recorder::record(api, job, None, "Warning", "FailedCreate", &msg, &SOURCE);
            false
        }
    }
}

/// `addCompletionIndexEnvVariables`: JOB_COMPLETION_INDEX from the annotation.
fn add_index_env(pod: &mut Value) {
    for key in ["initContainers", "containers"] {
        let Some(cs) = pod["spec"].get_mut(key).and_then(Value::as_array_mut) else {
            continue;
        };
        for c in cs {
            if !c["env"].is_array() {
                c["env"] = json!([]);
            }
            let env = c["env"].as_array_mut().expect("env is an array");
            if env.iter().any(|e| e["name"] == "JOB_COMPLETION_INDEX") {
                continue;
            }
            env.push(json!({
                "name": "JOB_COMPLETION_INDEX",
                "valueFrom": {"fieldRef": {
                    "apiVersion": "v1",
                    "fieldPath": format!("metadata.annotations['{INDEX_KEY}']"),
                }},
            }));
        }
    }
}

/// The next moment a Job needs a sync: back-off ending, deadline, TTL.
pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    let Some((job_r, pods_r)) = resources(api) else {
        return vec![];
    };
    let mut out = vec![];
    for job in api
        .list(&job_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if finished(&job).is_some() {
            continue;
        }
        let status = job.get("status").cloned().unwrap_or(json!({}));
        out.extend(deadline(&job, &status));
        let pods = owned_pods(api, &pods_r, &job);
        out.extend(backoff_until(&job, &pods, Time(now)));
    }
    out.into_iter().filter(|t| *t > now).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::EPOCH;

    fn server() -> (ApiServer, ApiResource, ApiResource) {
        let mut api = ApiServer::new(7, EPOCH);
        let r = |api: &ApiServer, n: &str| api.registry().resolve(n).unwrap().clone();
        let (ns_r, sa_r) = (r(&api, "namespaces"), r(&api, "serviceaccounts"));
        api.create(
            &ns_r,
            "",
            json!({"metadata": {"name": "default"}}),
            &WriteOptions::default(),
        )
        .unwrap();
        api.create(
            &sa_r,
            "default",
            json!({"metadata": {"name": "default"}}),
            &WriteOptions::default(),
        )
        .unwrap();
        let (job_r, pods_r) = (r(&api, "jobs.batch"), r(&api, "pods"));
        (api, job_r, pods_r)
    }

    fn set_phase(api: &mut ApiServer, pods_r: &ApiResource, pod: &Value, phase: &str) {
        let mut p = api.get(pods_r, "default", meta::name(pod)).unwrap();
        p["status"]["phase"] = json!(phase);
        api.write_status(pods_r, "default", p).unwrap();
    }

    #[test]
    fn a_job_runs_its_pods_to_completion() {
        let (mut api, job_r, pods_r) = server();
        let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
            "spec": {"completions": 2, "parallelism": 1, "template": {"spec": {"restartPolicy": "Never",
                "containers": [{"name": "c", "image": "busybox"}]}}}});
        api.create(&job_r, "default", job, &WriteOptions::default())
            .unwrap();
        reconcile(&mut api, &mut Backoff::default());
        let pods = api
            .list(&pods_r, Some("default"), &ListOptions::default())
            .unwrap();
        assert_eq!(pods.len(), 1);
        assert!(meta::name(&pods[0]).starts_with("pi-"));
        assert!(has_finalizer(&pods[0]));
        assert_eq!(
            pods[0]["metadata"]["labels"]["batch.kubernetes.io/job-name"],
            "pi"
        );
        set_phase(&mut api, &pods_r, &pods[0], "Succeeded");
        reconcile(&mut api, &mut Backoff::default());
        reconcile(&mut api, &mut Backoff::default());
        let pods = api
            .list(&pods_r, Some("default"), &ListOptions::default())
            .unwrap();
        assert_eq!(pods.len(), 2);
        assert!(pods.iter().any(|p| !has_finalizer(p)));
        let second = pods.iter().find(|p| has_finalizer(p)).unwrap().clone();
        set_phase(&mut api, &pods_r, &second, "Succeeded");
        reconcile(&mut api, &mut Backoff::default());
        let job = api.get(&job_r, "default", "pi").unwrap();
        assert_eq!(job["status"]["succeeded"], 2);
        assert_eq!(finished(&job), Some("Complete"));
        let types: Vec<&str> = job["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["SuccessCriteriaMet", "Complete"]);
    }

    #[test]
    fn failures_past_the_backoff_limit_fail_the_job() {
        let (mut api, job_r, pods_r) = server();
        let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "bad"},
            "spec": {"backoffLimit": 0, "template": {"spec": {"restartPolicy": "Never",
                "containers": [{"name": "c", "image": "busybox"}]}}}});
        api.create(&job_r, "default", job, &WriteOptions::default())
            .unwrap();
        reconcile(&mut api, &mut Backoff::default());
        let pods = api
            .list(&pods_r, Some("default"), &ListOptions::default())
            .unwrap();
        set_phase(&mut api, &pods_r, &pods[0], "Failed");
        reconcile(&mut api, &mut Backoff::default());
        reconcile(&mut api, &mut Backoff::default());
        let job = api.get(&job_r, "default", "bad").unwrap();
        assert_eq!(job["status"]["failed"], 1);
        let failed = condition(&job, "Failed").unwrap();
        assert_eq!(failed["reason"], "BackoffLimitExceeded");
        assert_eq!(
            failed["message"],
            "Job has reached the specified backoff limit"
        );
        // No replacement pod once the job has failed.
        assert_eq!(
            api.list(&pods_r, Some("default"), &ListOptions::default())
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn indexes_format_as_ranges() {
        let s: BTreeSet<i64> = [0, 1, 2, 4, 6, 7].into_iter().collect();
        assert_eq!(format_indexes(&s), "0-2,4,6-7");
        assert_eq!(parse_indexes("0-2,4,6-7"), s);
        assert_eq!(format_indexes(&BTreeSet::new()), "");
    }

    #[test]
    fn backoff_doubles_after_each_failure() {
        let failed = |t: &str| {
            json!({"status": {"phase": "Failed", "containerStatuses": [
                {"state": {"terminated": {"finishedAt": t}}}]}})
        };
        let t0 = Time::parse_rfc3339("2025-06-01T09:00:00Z").unwrap();
        let pods = vec![failed("2025-06-01T09:00:00Z")];
        assert_eq!(backoff_until(&json!({}), &pods, t0), Some(t0.0 + 10_000));
        let pods = vec![
            failed("2025-06-01T09:00:00Z"),
            failed("2025-06-01T09:00:00Z"),
        ];
        assert_eq!(backoff_until(&json!({}), &pods, t0), Some(t0.0 + 20_000));
        assert_eq!(backoff_until(&json!({}), &[], t0), None);
    }
}
