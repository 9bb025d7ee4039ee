//! The ReplicaSet controller: keeps `spec.replicas` pods matching the selector
//! alive (creating `<rs>-<5 chars>` pods from the template, deleting extras),
//! and reports counts in status.

use super::backoff::Backoff;
use super::owned::{is_owned_by, owner_reference, pod_from_template};
use super::replicaset_pods::{Counts, OwnedPods};
use crate::api::meta;
use crate::api::registry::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use serde_json::{json, Value};
use std::sync::Arc;

const SOURCE: Source = Source {
    component: "replicaset-controller",
    host: String::new(),
};

/// `matchLabels` (and simple `matchExpressions`) as a selector string.
pub fn selector_string(sel: Option<&Value>) -> String {
    let mut parts: Vec<String> = meta::string_map(sel.and_then(|s| s.get("matchLabels")))
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for e in sel
        .and_then(|s| s.get("matchExpressions"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = e["key"].as_str().unwrap_or("");
        let values: Vec<&str> = e["values"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        parts.push(match e["operator"].as_str().unwrap_or("") {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            _ => format!("!{key}"),
        });
    }
    parts.join(",")
}

pub fn is_ready(pod: &Value) -> bool {
    meta::at(pod, &["status", "conditions"])
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

pub(super) fn active(pod: &Value) -> bool {
    meta::at(pod, &["metadata", "deletionTimestamp"]).is_none()
        && !matches!(
            meta::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        )
}

/// One pass over the ReplicaSets. A ReplicaSet whose pod creation failed is
/// retried only when its back-off ends (`backoff`), as the real controller
/// requeues a failed sync rate-limited; a sync with nothing left to create
/// forgets its failures.
pub fn reconcile(api: &mut ApiServer, cache: &mut OwnedPods, backoff: &mut Backoff) {
    let (Some(rs_r), Some(pods_r)) = (
        api.registry().resolve("replicasets").cloned(),
        api.registry().resolve("pods").cloned(),
    ) else {
        return;
    };
    let all = api
        .list_shared(&rs_r, None, &ListOptions::default())
        .unwrap_or_default();
    cache.catch_up(api, &pods_r);
    let live: Vec<&str> = all
        .iter()
        .filter_map(|rs| meta::str_at(rs, &["metadata", "uid"]))
        .collect();
    cache.retain(&live);
    backoff.retain(|uid| live.contains(&uid));
    let now = api.now().0;
    for rs in &all {
        if meta::at(rs, &["metadata", "deletionTimestamp"]).is_some() {
            continue;
        }
        let Some(counts) = cache.counts(api, &pods_r, rs) else {
            continue;
        };
        let want = meta::at(rs, &["spec", "replicas"])
            .and_then(Value::as_i64)
            .unwrap_or(1);
        let have = counts.active as i64;
        let uid = meta::str_at(rs, &["metadata", "uid"]).unwrap_or("");
        // What this pass's sync did: Some(error) when it ran (None: it
        // went through), None when the back-off held it.
        let mut synced: Option<Option<String>> = Some(None);
        if have < want {
            if backoff.waiting(uid, now) {
                synced = None;
            } else {
                match create_pods(api, &pods_r, rs, want - have) {
                    Ok(()) => backoff.forget(uid),
                    Err(e) => {
                        backoff.failed(uid, now);
                        synced = Some(Some(e));
                    }
                }
            }
        } else {
            backoff.forget(uid);
            if have > want {
                delete_pods(api, &pods_r, rs, (have - want) as usize);
            }
        }
        update_status(api, &rs_r, rs, counts, synced);
    }
}

/// Creates `n` pods from the template, stopping at the first refusal,
/// whose error it returns.
fn create_pods(
    api: &mut ApiServer,
    pods_r: &ApiResource,
    rs: &Value,
    n: i64,
) -> Result<(), String> {
    let (ns, name) = (meta::namespace(rs), meta::name(rs));
    for _ in 0..n {
        let mut pod = pod_from_template(meta::at(rs, &["spec", "template"]));
        let m = meta::metadata_mut(&mut pod);
        m.insert("generateName".into(), json!(format!("{name}-")));
        m.insert(
            "ownerReferences".into(),
            json!([owner_reference(rs, "apps/v1", "ReplicaSet")]),
        );
        match api.create(pods_r, ns, pod, &WriteOptions::default()) {
            Ok(p) => recorder::record(
                api,
                rs,
                None,
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {}", meta::name(&p)),
                &SOURCE,
            ),
            Err(s) => {
                recorder::record(
                    api,
                    rs,
                    None,
                    "Warning",
                    "FailedCreate",
                    &format!("Error creating: {}", s.message),
                    &SOURCE,
                );
                return Err(s.message);
            }
        }
    }
    Ok(())
}

/// Deletes the `n` least useful pods: not ready first, then the newest.
fn delete_pods(api: &mut ApiServer, pods_r: &ApiResource, rs: &Value, n: usize) {
    let ns = meta::namespace(rs);
    let opts = ListOptions {
        label_selector: Some(selector_string(meta::at(rs, &["spec", "selector"]))),
        ..Default::default()
    };
    let listed = match meta::str_at(rs, &["metadata", "uid"]) {
        Some(uid) => api.list_owned_shared(pods_r, Some(ns), uid, &opts),
        None => return,
    };
    let pods: Vec<Arc<Value>> = listed.unwrap_or_default();
    let mut victims: Vec<&Value> = pods
        .iter()
        .map(|p| &**p)
        .filter(|p| is_owned_by(p, rs) && active(p))
        .collect();
    victims.sort_by_key(|p| {
        (
            is_ready(p),
            std::cmp::Reverse(
                meta::str_at(p, &["metadata", "creationTimestamp"])
                    .unwrap_or("")
                    .to_string(),
            ),
            meta::name(p).to_string(),
        )
    });
    for p in victims.into_iter().take(n) {
        let pname = meta::name(p).to_string();
        if api
            .delete(pods_r, ns, &pname, &WriteOptions::default())
            .is_ok()
        {
            recorder::record(
                api,
                rs,
                None,
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {pname}"),
                &SOURCE,
            );
        }
    }
}

fn update_status(
    api: &mut ApiServer,
    rs_r: &ApiResource,
    rs: &Value,
    counts: Counts,
    synced: Option<Option<String>>,
) {
    let mut status = json!({
        "replicas": counts.active,
        "fullyLabeledReplicas": counts.active,
        "readyReplicas": counts.ready,
        "availableReplicas": counts.ready,
        "observedGeneration": meta::at(rs, &["metadata", "generation"]).cloned().unwrap_or(json!(1)),
    });
    // Zero counts are omitted, as the Go types' omitempty does (replicas stays).
    for k in ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"] {
        if status[k] == json!(0) {
            status.as_object_mut().map(|m| m.remove(k));
        }
    }
    let conditions = replica_failure(rs, synced, &api.now().rfc3339());
    if !conditions.is_empty() {
        status["conditions"] = Value::Array(conditions);
    }
    if rs.get("status") != Some(&status) {
        let mut next = rs.clone();
        next["status"] = status;
        let _ = api.write_status(rs_r, meta::namespace(rs), next);
    }
}

/// calculateStatus's ReplicaFailure: a failed sync adds it (once: a later
/// failure keeps the first message), a sync that went through removes it,
/// a sync the back-off held leaves the conditions as they are.
fn replica_failure(rs: &Value, synced: Option<Option<String>>, now: &str) -> Vec<Value> {
    let mut conditions = meta::at(rs, &["status", "conditions"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let has = conditions.iter().any(|c| c["type"] == "ReplicaFailure");
    match synced {
        Some(Some(message)) if !has => conditions.push(json!({
            "type": "ReplicaFailure", "status": "True", "lastTransitionTime": now,
            "reason": "FailedCreate", "message": message,
        })),
        Some(None) => conditions.retain(|c| c["type"] != "ReplicaFailure"),
        _ => {}
    }
    conditions
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    /// FailedCreate events: (how many, their total count).
    fn failed_creates(c: &mut Cluster) -> (usize, i64) {
        let out = c.run(
            "kubectl get events --field-selector reason=FailedCreate \
             -o custom-columns=C:.count --no-headers",
        );
        let counts: Vec<i64> = out
            .stdout()
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        (counts.len(), counts.iter().sum())
    }

    #[test]
    fn failed_creates_back_off_exponentially_and_the_backoff_is_saved() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create quota q --hard=pods=10,cpu=4");
        c.run("kubectl create deployment web --image=nginx --replicas=2");
        let start = c.now().0;
        let mut attempts = vec![];
        let mut seen = 0;
        let mut step = |c: &mut Cluster, until: i64| {
            while c.now().0 - start <= until {
                let (_, total) = failed_creates(c);
                if total > seen {
                    assert_eq!(total, seen + 1, "one attempt at a time");
                    attempts.push(c.now().0 - start);
                    seen = total;
                }
                c.tick(1);
            }
        };
        step(&mut c, 700);
        // The back-off survives a snapshot.
        let mut c = Cluster::restore(c.snapshot());
        step(&mut c, 1300);
        assert_eq!(attempts, [0, 5, 15, 35, 75, 155, 315, 635, 1275]);
        c.run("sleep 119");
        // 15 attempts in two minutes: 9 events, then one combined event.
        assert_eq!(failed_creates(&mut c), (10, 15));
        // Once the quota is gone, the next retry (at 163.835 s) creates the pods.
        c.run("kubectl delete quota q");
        c.run("sleep 40");
        assert_eq!(c.run("kubectl get pods --no-headers").stdout(), "");
        c.run("sleep 5");
        let pods = c.run("kubectl get pods --no-headers");
        assert_eq!(pods.stdout().lines().count(), 2, "{}", pods.stdout());
        assert_eq!(failed_creates(&mut c), (10, 15));
    }
}
