//! The StatefulSet controller (`pkg/controller/statefulset`): pods with
//! stable identities `<sts>-<ordinal>` (hostname, subdomain, pod-name and
//! pod-index labels) and claims `<template>-<sts>-<ordinal>`, created in
//! order and each waiting for the one before to be Running and Ready
//! (OrderedReady) or all at once (Parallel), removed highest ordinal first,
//! updated from the highest ordinal down to the partition (RollingUpdate)
//! or only when deleted (OnDelete), with ControllerRevisions and status.

use super::backoff::Backoff;
use super::deployment::template_hash;
use super::history;
use super::owned::{controller_ref, owner_reference, pod_from_template};
use crate::api::meta;
use crate::api::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const SOURCE: Source = Source {
    component: "statefulset-controller",
    host: String::new(),
};
const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

struct Res {
    sts: ApiResource,
    pods: ApiResource,
    pvcs: ApiResource,
}

fn resources(api: &ApiServer) -> Option<Res> {
    let r = |n: &str| api.registry().resolve(n).cloned();
    Some(Res {
        sts: r("statefulsets")?,
        pods: r("pods")?,
        pvcs: r("persistentvolumeclaims")?,
    })
}

fn deleting(obj: &Value) -> bool {
    meta::at(obj, &["metadata", "deletionTimestamp"]).is_some()
}

fn phase(pod: &Value) -> &str {
    meta::str_at(pod, &["status", "phase"]).unwrap_or("")
}

fn running_and_ready(pod: &Value) -> bool {
    phase(pod) == "Running" && super::replicaset::is_ready(pod)
}

/// `<sts>-<n>` → n.
fn ordinal(sts: &str, pod: &str) -> Option<i64> {
    let rest = pod.strip_prefix(sts)?.strip_prefix('-')?;
    if rest.is_empty()
        || !rest.bytes().all(|b| b.is_ascii_digit())
        || (rest.len() > 1 && rest.starts_with('0'))
    {
        return None;
    }
    rest.parse().ok()
}

fn revision_label(pod: &Value) -> &str {
    meta::str_at(pod, &["metadata", "labels", history::HASH_LABEL]).unwrap_or("")
}

/// A template as stored in a revision (`$patch` removed).
fn template_of(cr: &Value) -> Value {
    let mut t = meta::at(cr, &["data", "spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    if let Some(m) = t.as_object_mut() {
        m.remove("$patch");
    }
    t
}

fn claim_name(template: &Value, pod: &str) -> String {
    format!("{}-{pod}", meta::name(template))
}

/// The pod for `ordinal` from a revision's template (`newVersionedStatefulSetPod`).
fn new_pod(sts: &Value, template: &Value, revision: &str, ord: i64) -> Value {
    let name = format!("{}-{ord}", meta::name(sts));
    let mut pod = pod_from_template(Some(template));
    {
        let m = meta::metadata_mut(&mut pod);
        m.insert("name".into(), json!(name));
        m.insert(
            "ownerReferences".into(),
            json!([owner_reference(sts, "apps/v1", "StatefulSet")]),
        );
        let labels = m.entry("labels").or_insert_with(|| json!({}));
        if !labels.is_object() {
            *labels = json!({});
        }
        labels[history::HASH_LABEL] = json!(revision);
        labels[POD_NAME_LABEL] = json!(name);
        labels[POD_INDEX_LABEL] = json!(ord.to_string());
    }
    if !pod["spec"].is_object() {
        pod["spec"] = json!({});
    }
    pod["spec"]["hostname"] = json!(name);
    if let Some(svc) = meta::str_at(sts, &["spec", "serviceName"]).filter(|s| !s.is_empty()) {
        pod["spec"]["subdomain"] = json!(svc);
    }
    let mut volumes: Vec<Value> = pod["spec"]["volumes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for t in claim_templates(sts) {
        let v = json!({"name": meta::name(&t), "persistentVolumeClaim": {"claimName": claim_name(&t, &name)}});
        match volumes
            .iter_mut()
            .find(|x| x["name"] == t["metadata"]["name"])
        {
            Some(x) => *x = v,
            None => volumes.push(v),
        }
    }
    if !volumes.is_empty() {
        pod["spec"]["volumes"] = json!(volumes);
    }
    pod
}

fn claim_templates(sts: &Value) -> Vec<Value> {
    meta::at(sts, &["spec", "volumeClaimTemplates"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Creates the pod's missing claims; false if one could not be created.
fn ensure_claims(api: &mut ApiServer, res: &Res, sts: &Value, pod: &str) -> bool {
    let ns = meta::namespace(sts).to_string();
    for t in claim_templates(sts) {
        let name = claim_name(&t, pod);
        if api.get(&res.pvcs, &ns, &name).is_ok() {
            continue;
        }
        let mut labels = t["metadata"]["labels"].clone();
        if !labels.is_object() {
            labels = json!({});
        }
        for (k, v) in meta::string_map(meta::at(sts, &["spec", "selector", "matchLabels"])) {
            labels[k] = json!(v);
        }
        let mut m = json!({"name": name, "labels": labels});
        if let Some(a) = t["metadata"].get("annotations").filter(|a| a.is_object()) {
            m["annotations"] = a.clone();
        }
        if meta::str_at(
            sts,
            &[
                "spec",
                "persistentVolumeClaimRetentionPolicy",
                "whenDeleted",
            ],
        ) == Some("Delete")
        {
            m["ownerReferences"] = json!([owner_reference(sts, "apps/v1", "StatefulSet")]);
        }
        let claim = json!({
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": m,
            "spec": t.get("spec").cloned().unwrap_or(json!({})),
        });
        let sname = meta::name(sts).to_string();
        match api.create(&res.pvcs, &ns, claim, &WriteOptions::default()) {
            Ok(_) => {
                let msg = format!("create Claim {name} Pod {pod} in StatefulSet {sname} success");
                recorder::record(api, sts, None, "Normal", "SuccessfulCreate", &msg, &SOURCE);
            }
            Err(e) => {
                let msg = format!(
                    "create Claim {name} for Pod {pod} in StatefulSet {sname} failed error: {}",
                    e.message
                );
                recorder::record(api, sts, None, "Warning", "FailedCreate", &msg, &SOURCE);
                return false;
            }
        }
    }
    true
}

/// Creates a pod (and its claims); false if a create was refused.
fn create_pod(api: &mut ApiServer, res: &Res, sts: &Value, pod: Value) -> bool {
    let name = meta::name(&pod).to_string();
    let sname = meta::name(sts).to_string();
    if !ensure_claims(api, res, sts, &name) {
        return false;
    }
    match api.create(
        &res.pods,
        meta::namespace(sts),
        pod,
        &WriteOptions::default(),
    ) {
        Ok(_) => {
            let msg = format!("create Pod {name} in StatefulSet {sname} successful");
            recorder::record(api, sts, None, "Normal", "SuccessfulCreate", &msg, &SOURCE);
            true
        }
        Err(e) => {
            let msg = format!(
                "create Pod {name} in StatefulSet {sname} failed error: {}",
                e.message
            );
            recorder::record(api, sts, None, "Warning", "FailedCreate", &msg, &SOURCE);
            false
        }
    }
}

fn delete_pod(api: &mut ApiServer, res: &Res, sts: &Value, pod: &Value) {
    let name = meta::name(pod).to_string();
    let sname = meta::name(sts).to_string();
    match api.delete(
        &res.pods,
        meta::namespace(sts),
        &name,
        &WriteOptions::default(),
    ) {
        Ok(_) => {
            let msg = format!("delete Pod {name} in StatefulSet {sname} successful");
            recorder::record(api, sts, None, "Normal", "SuccessfulDelete", &msg, &SOURCE);
        }
        Err(e) => {
            let msg = format!(
                "delete Pod {name} in StatefulSet {sname} failed error: {}",
                e.message
            );
            recorder::record(api, sts, None, "Warning", "FailedDelete", &msg, &SOURCE);
        }
    }
}

/// One pass over the StatefulSets; one whose pod creation failed is
/// retried when its `backoff` ends (a rate-limited requeue).
pub fn reconcile(api: &mut ApiServer, backoff: &mut Backoff) {
    let Some(res) = resources(api) else {
        return;
    };
    let all = api
        .list(&res.sts, None, &ListOptions::default())
        .unwrap_or_default();
    let live: Vec<&str> = all
        .iter()
        .filter_map(|s| meta::str_at(s, &["metadata", "uid"]))
        .collect();
    backoff.retain(|uid| live.contains(&uid));
    for sts in &all {
        if !deleting(sts) {
            sync(api, &res, sts.clone(), backoff);
        }
    }
}

fn sync(api: &mut ApiServer, res: &Res, sts: Value, backoff: &mut Backoff) {
    let ns = meta::namespace(&sts).to_string();
    let sname = meta::name(&sts).to_string();
    let template = meta::at(&sts, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    let collisions = meta::at(&sts, &["status", "collisionCount"])
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let mut tpl = template.clone();
    if let Some(m) = tpl.as_object_mut() {
        m.insert("$patch".into(), json!("replace"));
    }
    let data = json!({"spec": {"template": tpl}});
    let Some(update_cr) = history::ensure(
        api,
        &sts,
        "StatefulSet",
        data,
        &template_hash(&template, collisions),
        None,
    ) else {
        return;
    };
    let update_rev = meta::name(&update_cr).to_string();
    let revisions = history::list(api, &sts);
    let current_rev = meta::str_at(&sts, &["status", "currentRevision"])
        .filter(|r| revisions.iter().any(|cr| meta::name(cr) == *r))
        .unwrap_or(&update_rev)
        .to_string();
    let current_tpl = revisions
        .iter()
        .find(|cr| meta::name(cr) == current_rev)
        .map(template_of)
        .unwrap_or_else(|| template.clone());
    let uid = meta::str_at(&sts, &["metadata", "uid"])
        .unwrap_or("")
        .to_string();
    let pods: Vec<Value> = api
        .list(&res.pods, Some(&ns), &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| controller_ref(p).and_then(|r| r["uid"].as_str()) == Some(uid.as_str()))
        .collect();
    let by_ord: BTreeMap<i64, &Value> = pods
        .iter()
        .filter_map(|p| ordinal(&sname, meta::name(p)).map(|o| (o, p)))
        .collect();
    let replicas = meta::at(&sts, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1)
        .max(0);
    let ordered = meta::str_at(&sts, &["spec", "podManagementPolicy"]) != Some("Parallel");
    let strategy =
        meta::str_at(&sts, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate");
    let partition = meta::at(
        &sts,
        &["spec", "updateStrategy", "rollingUpdate", "partition"],
    )
    .and_then(Value::as_i64)
    .unwrap_or(0);
    // Which revision a (re)created pod gets.
    let revision_for = |ord: i64| -> (&Value, &str) {
        if strategy == "RollingUpdate" && ord < partition {
            (&current_tpl, current_rev.as_str())
        } else {
            (&template, update_rev.as_str())
        }
    };

    let mut blocked = false;
    let now = api.now().0;
    let backing_off = backoff.waiting(&uid, now);
    let (mut failed, mut skipped) = (false, false);
    for ord in 0..replicas {
        match by_ord.get(&ord) {
            None => {
                if backing_off || failed {
                    skipped = true;
                    if ordered {
                        blocked = true;
                        break;
                    }
                    continue;
                }
                let (t, rev) = revision_for(ord);
                let pod = new_pod(&sts, t, rev, ord);
                failed = !create_pod(api, res, &sts, pod);
                if ordered {
                    blocked = true;
                    break;
                }
            }
            Some(p) => {
                if matches!(phase(p), "Failed" | "Succeeded") && !deleting(p) {
                    delete_pod(api, res, &sts, p);
                    if ordered {
                        blocked = true;
                        break;
                    }
                    continue;
                }
                if !deleting(p) {
                    ensure_claims(api, res, &sts, meta::name(p));
                }
                if ordered && (deleting(p) || !running_and_ready(p)) {
                    blocked = true;
                    break;
                }
            }
        }
    }
    if !blocked {
        // Scale down: highest ordinal first.
        let condemned: Vec<&Value> = by_ord
            .iter()
            .rev()
            .filter(|(o, _)| **o >= replicas)
            .map(|(_, p)| *p)
            .collect();
        let mut waiting = false;
        for p in condemned {
            if deleting(p) {
                if ordered {
                    waiting = true;
                    break;
                }
                continue;
            }
            delete_pod(api, res, &sts, p);
            if ordered {
                waiting = true;
                break;
            }
        }
        if !waiting && strategy == "RollingUpdate" {
            // Replace out-of-date pods from the highest ordinal down to the partition.
            for ord in (partition.max(0)..replicas).rev() {
                let Some(p) = by_ord.get(&ord) else {
                    break;
                };
                if revision_label(p) != update_rev && !deleting(p) {
                    delete_pod(api, res, &sts, p);
                    break;
                }
                if !running_and_ready(p) || deleting(p) {
                    break;
                }
            }
        }
    }
    if failed {
        backoff.failed(&uid, now);
    } else if !skipped {
        backoff.forget(&uid);
    }
    update_status(api, res, &sts, &current_rev, &update_rev, strategy);
    let live: Vec<String> = pods
        .iter()
        .map(|p| {
            revision_label(p)
                .trim_start_matches(&format!("{sname}-"))
                .to_string()
        })
        .collect();
    let current_hash = update_rev
        .trim_start_matches(&format!("{sname}-"))
        .to_string();
    let old_hash = current_rev
        .trim_start_matches(&format!("{sname}-"))
        .to_string();
    let mut keep = live;
    keep.push(old_hash);
    let limit = meta::at(&sts, &["spec", "revisionHistoryLimit"])
        .and_then(Value::as_i64)
        .unwrap_or(10);
    history::truncate(api, &sts, &keep, &current_hash, limit);
}

fn update_status(
    api: &mut ApiServer,
    res: &Res,
    sts: &Value,
    current_rev: &str,
    update_rev: &str,
    strategy: &str,
) {
    let now = api.now().0;
    let uid = meta::str_at(sts, &["metadata", "uid"]).unwrap_or("");
    let pods: Vec<Value> = api
        .list(
            &res.pods,
            Some(meta::namespace(sts)),
            &ListOptions::default(),
        )
        .unwrap_or_default()
        .into_iter()
        .filter(|p| controller_ref(p).and_then(|r| r["uid"].as_str()) == Some(uid))
        .collect();
    let min_ready = meta::at(sts, &["spec", "minReadySeconds"])
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let (mut replicas, mut ready, mut available, mut current, mut updated) = (0, 0, 0, 0, 0);
    for p in &pods {
        replicas += 1;
        if running_and_ready(p) {
            ready += 1;
            if super::daemonset::available(p, min_ready, now) {
                available += 1;
            }
        }
        if !deleting(p) {
            if revision_label(p) == current_rev {
                current += 1;
            }
            if revision_label(p) == update_rev {
                updated += 1;
            }
        }
    }
    let want = meta::at(sts, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let mut current_rev = current_rev.to_string();
    if strategy == "RollingUpdate" && updated == want && ready == want && replicas == want {
        current_rev = update_rev.to_string();
        current = updated;
    }
    let mut status = json!({
        "availableReplicas": available,
        "collisionCount": meta::at(sts, &["status", "collisionCount"]).cloned().unwrap_or(json!(0)),
        "currentRevision": current_rev,
        "observedGeneration": meta::at(sts, &["metadata", "generation"]).cloned().unwrap_or(json!(1)),
        "replicas": replicas,
        "updateRevision": update_rev,
    });
    for (k, v) in [
        ("readyReplicas", ready),
        ("currentReplicas", current),
        ("updatedReplicas", updated),
    ] {
        if v != 0 {
            status[k] = json!(v);
        }
    }
    if sts.get("status") != Some(&status) {
        let mut next = sts.clone();
        next["status"] = status;
        let _ = api.write_status(&res.sts, meta::namespace(sts), next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_parse_only_canonical_suffixes() {
        assert_eq!(ordinal("web", "web-0"), Some(0));
        assert_eq!(ordinal("web", "web-12"), Some(12));
        assert_eq!(ordinal("web", "web-01"), None);
        assert_eq!(ordinal("web", "web-x"), None);
        assert_eq!(ordinal("web", "webx-1"), None);
    }

    #[test]
    fn pods_get_identity_and_claims() {
        let sts = json!({"metadata": {"name": "web", "uid": "u"},
            "spec": {"serviceName": "nginx", "volumeClaimTemplates": [{"metadata": {"name": "www"}}]}});
        let tpl = json!({"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": []}});
        let pod = new_pod(&sts, &tpl, "web-abc", 1);
        assert_eq!(pod["metadata"]["name"], "web-1");
        assert_eq!(pod["metadata"]["labels"][POD_INDEX_LABEL], "1");
        assert_eq!(pod["metadata"]["labels"][POD_NAME_LABEL], "web-1");
        assert_eq!(pod["spec"]["hostname"], "web-1");
        assert_eq!(pod["spec"]["subdomain"], "nginx");
        assert_eq!(
            pod["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"],
            "www-web-1"
        );
    }
}
