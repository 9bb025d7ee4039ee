//! The CronJob controller (`cronjob_controllerv2.go`): at each scheduled
//! time it creates the Job `<cronjob>-<scheduled unix minutes>` from the
//! job template, honours concurrencyPolicy (Allow / Forbid / Replace),
//! startingDeadlineSeconds and suspend, keeps `status.active`,
//! lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond
//! the history limits.

use super::cron_schedule::Schedule;
use super::job;
use super::owned::{controller_ref, owner_reference};
use super::time_zone;
use crate::api::meta;
use crate::api::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use serde_json::{json, Value};

const SOURCE: Source = Source {
    component: "cronjob-controller",
    host: String::new(),
};
/// The controller requeues 100ms after a scheduled time (`nextScheduleDelta`).
const NEXT_SCHEDULE_DELTA_MS: i64 = 100;
pub const SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

fn resources(api: &ApiServer) -> Option<(ApiResource, ApiResource)> {
    Some((
        api.registry().resolve("cronjobs.batch")?.clone(),
        api.registry().resolve("jobs.batch")?.clone(),
    ))
}

fn uid(obj: &Value) -> &str {
    meta::str_at(obj, &["metadata", "uid"]).unwrap_or("")
}

/// The schedule in the CronJob's time zone; Err is the event to record.
fn schedule(cj: &Value) -> Result<Schedule, (&'static str, String)> {
    let text = meta::str_at(cj, &["spec", "schedule"]).unwrap_or("");
    let zone = match meta::str_at(cj, &["spec", "timeZone"]) {
        Some(tz) => time_zone::load(tz)
            .map_err(|e| ("UnknownTimeZone", format!("invalid timeZone: {tz:?}: {e}")))?,
        None => time_zone::UTC,
    };
    Schedule::parse(text)
        .map(|s| s.in_zone(zone, text.contains("TZ")))
        .map_err(|e| {
            (
                "UnparseableSchedule",
                format!("unparseable schedule: {text:?} : {e}"),
            )
        })
}

fn suspended(cj: &Value) -> bool {
    meta::at(cj, &["spec", "suspend"]).and_then(Value::as_bool) == Some(true)
}

fn time_at(obj: &Value, path: &[&str]) -> Option<i64> {
    meta::str_at(obj, path)
        .and_then(Time::parse_rfc3339)
        .map(|t| t.secs())
}

/// `mostRecentScheduleTime`: the latest unmet scheduled time at or before
/// `now` (unix seconds) since the last schedule (or creation), optionally
/// not earlier than the starting deadline; and roughly how many were missed
/// (the controller's estimate from the first two intervals).
fn most_recent_counted(
    cj: &Value,
    sched: &Schedule,
    now: i64,
    with_deadline: bool,
) -> (Option<i64>, i64) {
    let Some(mut earliest) = time_at(cj, &["status", "lastScheduleTime"])
        .or_else(|| time_at(cj, &["metadata", "creationTimestamp"]))
    else {
        return (None, 0);
    };
    if with_deadline {
        if let Some(sds) =
            meta::at(cj, &["spec", "startingDeadlineSeconds"]).and_then(Value::as_i64)
        {
            earliest = earliest.max(now - sds);
        }
    }
    let Some(t1) = sched.next(earliest) else {
        return (None, 0);
    };
    if now < t1 {
        return (None, 0);
    }
    let Some(t2) = sched.next(t1) else {
        return (Some(t1), 1);
    };
    if now < t2 {
        return (Some(t1), 1);
    }
    let interval = (t2 - t1).max(1);
    let missed = (now - t1) / interval + 1;
    let mut t = sched.next(t1 + (missed - 2) * interval);
    let mut recent = None;
    while let Some(x) = t.filter(|x| *x <= now) {
        recent = Some(x);
        t = sched.next(x);
    }
    (recent, missed)
}

fn most_recent(cj: &Value, sched: &Schedule, now: i64, with_deadline: bool) -> Option<i64> {
    most_recent_counted(cj, sched, now, with_deadline).0
}

/// The next moment (ms) the controller wakes for this CronJob.
fn next_sync_ms(cj: &Value, sched: &Schedule, now_ms: i64) -> Option<i64> {
    let now = now_ms.div_euclid(1000);
    let base = most_recent(cj, sched, now, false)
        .or_else(|| time_at(cj, &["status", "lastScheduleTime"]))
        .or_else(|| time_at(cj, &["metadata", "creationTimestamp"]))?;
    let mut next = sched.next(base.max(now - 1))?;
    if next * 1000 + NEXT_SCHEDULE_DELTA_MS <= now_ms {
        next = sched.next(now)?;
    }
    Some(next * 1000 + NEXT_SCHEDULE_DELTA_MS)
}

pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    let Some((cj_r, _)) = resources(api) else {
        return vec![];
    };
    api.list(&cj_r, None, &ListOptions::default())
        .unwrap_or_default()
        .iter()
        .filter(|cj| !suspended(cj) && meta::at(cj, &["metadata", "deletionTimestamp"]).is_none())
        .filter_map(|cj| next_sync_ms(cj, &schedule(cj).ok()?, now))
        .filter(|t| *t > now)
        .collect()
}

pub fn reconcile(api: &mut ApiServer) {
    let Some((cj_r, job_r)) = resources(api) else {
        return;
    };
    for cj in api
        .list(&cj_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        sync(api, &cj_r, &job_r, cj);
    }
}

/// Records an event unless the same one was already recorded at or after `since` (secs).
fn record_once(api: &mut ApiServer, cj: &Value, kind: &str, reason: &str, msg: &str, since: i64) {
    let seen = api
        .registry()
        .resolve("events")
        .cloned()
        .and_then(|r| {
            api.list(&r, Some(meta::namespace(cj)), &ListOptions::default())
                .ok()
        })
        .unwrap_or_default()
        .iter()
        .any(|e| {
            e["reason"] == reason
                && e["message"] == msg
                && meta::str_at(e, &["involvedObject", "uid"]) == Some(uid(cj))
                && time_at(e, &["lastTimestamp"]).is_some_and(|t| t >= since)
        });
    if !seen {
        recorder::record(api, cj, None, kind, reason, msg, &SOURCE);
    }
}

fn sync(api: &mut ApiServer, cj_r: &ApiResource, job_r: &ApiResource, cj: Value) {
    let ns = meta::namespace(&cj).to_string();
    let now_ms = api.now().0;
    let now = now_ms.div_euclid(1000);
    let jobs: Vec<Value> = api
        .list(job_r, Some(&ns), &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|j| controller_ref(j).and_then(|r| r["uid"].as_str()) == Some(uid(&cj)))
        .collect();
    let mut status = cj.get("status").cloned().unwrap_or(json!({}));
    if !status.is_object() {
        status = json!({});
    }
    let mut active: Vec<Value> = status["active"].as_array().cloned().unwrap_or_default();
    let mut events: Vec<(&str, &str, String)> = vec![];

    // History limits first (`cleanupFinishedJobs`), oldest start first.
    let mut remaining = jobs.clone();
    for (kind, field) in [
        ("Complete", "successfulJobsHistoryLimit"),
        ("Failed", "failedJobsHistoryLimit"),
    ] {
        let Some(limit) = meta::at(&cj, &["spec", field]).and_then(Value::as_i64) else {
            continue;
        };
        let mut done: Vec<&Value> = jobs
            .iter()
            .filter(|j| job::finished(j) == Some(kind))
            .collect();
        done.sort_by_key(|j| {
            (
                time_at(j, &["status", "startTime"]).unwrap_or(i64::MAX),
                meta::name(j).to_string(),
            )
        });
        let extra = done.len().saturating_sub(limit.max(0) as usize);
        for j in done.into_iter().take(extra) {
            if delete_job(api, job_r, &cj, j) {
                active.retain(|a| a["uid"].as_str() != Some(uid(j)));
                remaining.retain(|r| uid(r) != uid(j));
            }
        }
    }

    // Finished jobs leave the active list; successes move lastSuccessfulTime.
    for j in &remaining {
        let listed = active.iter().any(|a| a["uid"].as_str() == Some(uid(j)));
        match job::finished(j) {
            None if !listed => events.push((
                "Warning",
                "UnexpectedJob",
                format!(
                    "Saw a job that the controller did not create or forgot: {}",
                    meta::name(j)
                ),
            )),
            None => {}
            Some(cond) => {
                if listed {
                    active.retain(|a| a["uid"].as_str() != Some(uid(j)));
                    events.push((
                        "Normal",
                        "SawCompletedJob",
                        format!("Saw completed job: {}, condition: {cond}", meta::name(j)),
                    ));
                }
                if cond == "Complete" {
                    if let Some(done) = meta::str_at(j, &["status", "completionTime"]) {
                        let later = status["lastSuccessfulTime"].as_str().is_none_or(|prev| {
                            time_at(j, &["status", "completionTime"])
                                > Time::parse_rfc3339(prev).map(|t| t.secs())
                        });
                        if later {
                            status["lastSuccessfulTime"] = json!(done);
                        }
                    }
                }
            }
        }
    }
    // Active references whose Job is gone.
    let before = active.clone();
    active.retain(|a| remaining.iter().any(|j| Some(uid(j)) == a["uid"].as_str()));
    for gone in before.iter().filter(|a| !active.contains(a)) {
        events.push((
            "Normal",
            "MissingJob",
            format!(
                "Active job went missing: {}",
                gone["name"].as_str().unwrap_or("")
            ),
        ));
    }

    if meta::at(&cj, &["metadata", "deletionTimestamp"]).is_none() && !suspended(&cj) {
        schedule_next(api, job_r, &cj, &mut status, &mut active, &mut events, now);
    }

    if active.is_empty() {
        status.as_object_mut().map(|m| m.remove("active"));
    } else {
        status["active"] = json!(active);
    }
    if cj.get("status") != Some(&status) {
        let mut next = cj.clone();
        next["status"] = status;
        let _ = api.write_status(cj_r, &ns, next);
    }
    for (kind, reason, msg) in events {
        recorder::record(api, &cj, None, kind, reason, &msg, &SOURCE);
    }
}

/// `syncCronJob`'s scheduling half: create the Job for an unmet scheduled time.
fn schedule_next(
    api: &mut ApiServer,
    job_r: &ApiResource,
    cj: &Value,
    status: &mut Value,
    active: &mut Vec<Value>,
    events: &mut Vec<(&str, &str, String)>,
    now: i64,
) {
    let sched = match schedule(cj) {
        Ok(s) => s,
        Err((reason, msg)) => {
            let since = time_at(cj, &["metadata", "creationTimestamp"]).unwrap_or(0);
            record_once(api, cj, "Warning", reason, &msg, since);
            return;
        }
    };
    let (Some(scheduled), missed) = most_recent_counted(cj, &sched, now, true) else {
        return;
    };
    if missed > 100 {
        let msg = "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew";
        record_once(api, cj, "Warning", "TooManyMissedTimes", msg, scheduled);
    }
    if let Some(sds) = meta::at(cj, &["spec", "startingDeadlineSeconds"]).and_then(Value::as_i64) {
        if scheduled + sds < now {
            let msg = format!(
                "Missed scheduled time to start a job: {}",
                crate::kubectl::describe::rfc1123z(Some(&Time::from_secs(scheduled).rfc3339()))
            );
            record_once(api, cj, "Warning", "MissSchedule", &msg, scheduled);
            return;
        }
    }
    let name = format!("{}-{}", meta::name(cj), scheduled.div_euclid(60));
    let last = time_at(cj, &["status", "lastScheduleTime"]);
    if active.iter().any(|a| a["name"] == name.as_str()) || last == Some(scheduled) {
        return;
    }
    let policy = meta::str_at(cj, &["spec", "concurrencyPolicy"]).unwrap_or("Allow");
    if policy == "Forbid" && !active.is_empty() {
        record_once(
            api,
            cj,
            "Normal",
            "JobAlreadyActive",
            "Not starting job because prior execution is running and concurrency policy is Forbid",
            scheduled,
        );
        return;
    }
    if policy == "Replace" {
        for a in active.clone() {
            let jname = a["name"].as_str().unwrap_or("");
            if let Ok(j) = api.get(job_r, meta::namespace(cj), jname) {
                if delete_job(api, job_r, cj, &j) {
                    active.retain(|x| x["uid"] != a["uid"]);
                }
            }
        }
    }
    let job = job_from_template(cj, &name, scheduled);
    match api.create(job_r, meta::namespace(cj), job, &WriteOptions::default()) {
        Ok(created) => {
            events.push(("Normal", "SuccessfulCreate", format!("Created job {name}")));
            active.push(json!({
                "apiVersion": "batch/v1",
                "kind": "Job",
                "name": name,
                "namespace": meta::namespace(cj),
                "resourceVersion": meta::str_at(&created, &["metadata", "resourceVersion"]).unwrap_or(""),
                "uid": uid(&created),
            }));
            status["lastScheduleTime"] = json!(Time::from_secs(scheduled).rfc3339());
        }
        Err(e) if e.reason == "AlreadyExists" => {}
        Err(e) => events.push((
            "Warning",
            "FailedCreate",
            format!("Error creating job: {}", e.message),
        )),
    }
}

/// `getJobFromTemplate2`: the template's labels and annotations, plus the
/// scheduled-timestamp annotation (RFC 3339 in the CronJob's zone).
fn job_from_template(cj: &Value, name: &str, scheduled: i64) -> Value {
    let t = meta::at(cj, &["spec", "jobTemplate"])
        .cloned()
        .unwrap_or(json!({}));
    let mut annotations = t["metadata"]["annotations"].clone();
    if !annotations.is_object() {
        annotations = json!({});
    }
    let zone = meta::str_at(cj, &["spec", "timeZone"])
        .and_then(|z| time_zone::load(z).ok())
        .unwrap_or(time_zone::UTC);
    annotations[SCHEDULED_TIMESTAMP] = json!(local_rfc3339(scheduled, zone));
    let mut m = json!({
        "name": name,
        "annotations": annotations,
        "ownerReferences": [owner_reference(cj, "batch/v1", "CronJob")],
    });
    if let Some(l) = t["metadata"].get("labels").filter(|l| l.is_object()) {
        m["labels"] = l.clone();
    }
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": m,
        "spec": t.get("spec").cloned().unwrap_or(json!({})),
    })
}

/// Go's `Format(time.RFC3339)` in a zone: `Z` for UTC, else `+hh:mm`.
fn local_rfc3339(secs: i64, zone: time_zone::Zone) -> String {
    let off = zone.offset_at(secs);
    let local = Time::from_secs(secs + off).rfc3339();
    if off == 0 {
        return local;
    }
    let sign = if off < 0 { '-' } else { '+' };
    format!(
        "{}{sign}{:02}:{:02}",
        local.trim_end_matches('Z'),
        off.abs() / 3600,
        (off.abs() / 60) % 60
    )
}

/// Deletes a Job (background propagation) and records it.
fn delete_job(api: &mut ApiServer, job_r: &ApiResource, cj: &Value, j: &Value) -> bool {
    match api.delete(
        job_r,
        meta::namespace(j),
        meta::name(j),
        &WriteOptions::default(),
    ) {
        Ok(_) => {
            let msg = format!("Deleted job {}", meta::name(j));
            recorder::record(api, cj, None, "Normal", "SuccessfulDelete", &msg, &SOURCE);
            true
        }
        Err(e) => {
            let msg = format!("Deleted job: {}", e.message);
            recorder::record(api, cj, None, "Warning", "FailedDelete", &msg, &SOURCE);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduled_timestamps_carry_the_zone_offset() {
        let tokyo = time_zone::load("Asia/Tokyo").unwrap();
        assert_eq!(
            local_rfc3339(1_748_768_400, tokyo),
            "2025-06-01T18:00:00+09:00"
        );
        assert_eq!(
            local_rfc3339(1_748_768_400, time_zone::UTC),
            "2025-06-01T09:00:00Z"
        );
    }

    #[test]
    fn the_most_recent_unmet_time() {
        let cj = json!({"metadata": {"creationTimestamp": "2025-06-01T09:00:30Z"}, "spec": {}});
        let s = Schedule::parse("* * * * *").unwrap();
        let t0 = 1_748_768_400;
        assert_eq!(most_recent(&cj, &s, t0 + 59, false), None);
        assert_eq!(most_recent(&cj, &s, t0 + 60, false), Some(t0 + 60));
        assert_eq!(most_recent(&cj, &s, t0 + 200, false), Some(t0 + 180));
    }
}
