//! ControllerRevisions (`pkg/controller/history`): the template history of
//! DaemonSets and StatefulSets, named `<owner>-<hash>`, labelled with
//! `controller-revision-hash`, numbered by `revision`.

use super::owned::{is_owned_by, owner_reference};
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::{json, Value};

pub const HASH_LABEL: &str = "controller-revision-hash";

/// The revisions `owner` controls, oldest revision first.
pub fn list(api: &ApiServer, owner: &Value) -> Vec<Value> {
    let Some(r) = api.registry().resolve("controllerrevisions").cloned() else {
        return vec![];
    };
    let mut out: Vec<Value> = api
        .list(&r, Some(meta::namespace(owner)), &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|cr| is_owned_by(cr, owner))
        .collect();
    out.sort_by_key(|cr| (revision(cr), meta::name(cr).to_string()));
    out
}

pub fn revision(cr: &Value) -> i64 {
    cr.get("revision").and_then(Value::as_i64).unwrap_or(0)
}

pub fn hash_of(cr: &Value) -> String {
    meta::str_at(cr, &["metadata", "labels", HASH_LABEL])
        .unwrap_or("")
        .to_string()
}

/// A stream salt from a name, so each revision's UID is its own and stable.
fn salt(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The current revision for `data`: an existing one with equal data (its
/// revision raised to the newest if it was older), else a new one.
pub fn ensure(
    api: &mut ApiServer,
    owner: &Value,
    kind: &str,
    data: Value,
    hash: &str,
    annotations: Option<Value>,
) -> Option<Value> {
    let r = api.registry().resolve("controllerrevisions").cloned()?;
    let existing = list(api, owner);
    let max = existing.iter().map(revision).max().unwrap_or(0);
    if let Some(cr) = existing.iter().find(|cr| cr.get("data") == Some(&data)) {
        if revision(cr) < max {
            let mut next = cr.clone();
            next["revision"] = json!(max + 1);
            return api.update(&r, meta::namespace(owner), next).ok();
        }
        return Some(cr.clone());
    }
    let name = format!("{}-{hash}", meta::name(owner));
    let mut labels = meta::at(owner, &["spec", "template", "metadata", "labels"])
        .cloned()
        .filter(Value::is_object)
        .unwrap_or(json!({}));
    labels[HASH_LABEL] = json!(hash);
    let mut m = json!({
        "name": name,
        "labels": labels,
        "ownerReferences": [owner_reference(owner, "apps/v1", kind)],
    });
    if let Some(a) = annotations.filter(|a| a.as_object().is_some_and(|o| !o.is_empty())) {
        m["annotations"] = a;
    }
    let cr = json!({
        "apiVersion": "apps/v1",
        "kind": "ControllerRevision",
        "metadata": m,
        "data": data,
        "revision": max + 1,
    });
    let ns = meta::namespace(owner).to_string();
    let seed = salt(&format!(
        "{}/{}",
        meta::str_at(owner, &["metadata", "uid"]).unwrap_or(""),
        name
    ));
    api.with_rng_stream(seed, |api| {
        api.create(&r, &ns, cr, &WriteOptions::default()).ok()
    })
}

/// Deletes the oldest revisions no pod uses beyond `limit` (`cleanupHistory`).
pub fn truncate(
    api: &mut ApiServer,
    owner: &Value,
    live_hashes: &[String],
    current: &str,
    limit: i64,
) {
    let Some(r) = api.registry().resolve("controllerrevisions").cloned() else {
        return;
    };
    let unused: Vec<Value> = list(api, owner)
        .into_iter()
        .filter(|cr| {
            let h = hash_of(cr);
            h != current && !live_hashes.contains(&h)
        })
        .collect();
    let extra = unused.len().saturating_sub(limit.max(0) as usize);
    for cr in unused.into_iter().take(extra) {
        let _ = api.delete(
            &r,
            meta::namespace(&cr),
            meta::name(&cr),
            &WriteOptions::default(),
        );
    }
}
