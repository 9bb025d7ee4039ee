//! The garbage collector, over every kind: an object whose owners are all
//! gone is deleted (background cascading); an owner being deleted in the
//! foreground (finalizer `foregroundDeletion`) waits until its dependents are
//! gone; an owner deleted with `orphan` first has its dependents' references
//! to it removed. Owners are matched by uid, as ownerReferences name them.

use crate::api::meta;
use crate::api::registry::ApiResource;
use crate::apiserver::{ApiServer, ListOptions, Propagation, WriteOptions};
use crate::store::{WatchRecord, WatchType};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

const FOREGROUND: &str = "foregroundDeletion";
const ORPHAN: &str = "orphan";

/// Every listable resource, and every stored object with the index of its
/// resource among them (an index, not a copy of the resource per object:
/// at 1,000 pods the copies were a third of the pass).
fn everything(api: &ApiServer) -> (Vec<ApiResource>, Vec<(usize, Arc<Value>)>) {
    let resources: Vec<ApiResource> = api
        .registry()
        .resources()
        .iter()
        .filter(|r| r.has_verb("list") && !r.name.contains('/'))
        .cloned()
        .collect();
    let mut out = vec![];
    for (i, r) in resources.iter().enumerate() {
        for obj in api
            .list_shared(r, None, &ListOptions::default())
            .unwrap_or_default()
        {
            out.push((i, obj));
        }
    }
    (resources, out)
}

fn uid(obj: &Value) -> &str {
    meta::str_at(obj, &["metadata", "uid"]).unwrap_or("")
}

fn owner_uids(obj: &Value) -> Vec<&str> {
    meta::at(obj, &["metadata", "ownerReferences"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("uid").and_then(Value::as_str))
        .collect()
}

fn has_finalizer(obj: &Value, f: &str) -> bool {
    meta::at(obj, &["metadata", "finalizers"])
        .and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(|v| v == f))
}

fn deleting(obj: &Value) -> bool {
    meta::at(obj, &["metadata", "deletionTimestamp"]).is_some()
}

/// Whether a change cannot give a quiet collector work although it lists
/// everything: the object's owners are all there and not being deleted,
/// and either it is not being deleted (nor was before: that is for good),
/// or nothing names it as an owner and no finalizer asks the collector to
/// act (it is being deleted without one, or is gone). Its uid is new or
/// unchanged, so no other object's owners changed; and any owner
/// references it dropped cannot have held back a deletion, since a quiet
/// pass leaves no dependent of one undeleted.
pub fn unaffected_by(api: &ApiServer, change: &WatchRecord) -> bool {
    let obj = &change.object;
    let stays = change.kind != WatchType::Deleted && !deleting(obj);
    let unowned_end =
        !has_finalizer(obj, ORPHAN) && !has_finalizer(obj, FOREGROUND) && !api.owns_any(uid(obj));
    (stays || unowned_end) && owners_present(api, obj)
}

/// Whether every owner `obj` references exists, with that uid, and is not
/// being deleted.
fn owners_present(api: &ApiServer, obj: &Value) -> bool {
    let refs = meta::at(obj, &["metadata", "ownerReferences"]).and_then(Value::as_array);
    refs.into_iter().flatten().all(|r| {
        let field = |f: &str| r.get(f).and_then(Value::as_str).unwrap_or("");
        let Some(res) = api.registry().for_kind(field("apiVersion"), field("kind")) else {
            return false;
        };
        let ns = if res.namespaced {
            meta::namespace(obj)
        } else {
            ""
        };
        api.get(res, ns, field("name"))
            .is_ok_and(|owner| uid(&owner) == field("uid") && !deleting(&owner))
    })
}

pub fn reconcile(api: &mut ApiServer) {
    let (resources, all) = everything(api);
    if !all.iter().any(|(_, o)| !owner_uids(o).is_empty()) {
        return;
    }
    let by_uid: HashSet<&str> = all.iter().map(|(_, o)| uid(o)).collect();
    // Dependents are looked up only for owners being deleted: collected for
    // those owners alone, in the order of `all` as before.
    let deleting_owners: HashSet<&str> = all
        .iter()
        .filter(|(_, o)| deleting(o))
        .map(|(_, o)| uid(o))
        .collect();
    let mut dependents: HashMap<&str, Vec<(&ApiResource, &Value)>> = HashMap::new();
    if !deleting_owners.is_empty() {
        for (i, o) in &all {
            for owner in owner_uids(o) {
                if deleting_owners.contains(owner) {
                    dependents
                        .entry(owner)
                        .or_default()
                        .push((&resources[*i], o));
                }
            }
        }
    }
    let mut owners_done: Vec<(ApiResource, Value, &str)> = vec![];
    let mut to_delete: Vec<(&ApiResource, &Value, Propagation)> = vec![];
    let mut to_unlink: Vec<(&ApiResource, &Value, BTreeSet<String>)> = vec![];
    for (i, owner) in &all {
        if !deleting(owner) {
            continue;
        }
        let r = &resources[*i];
        let deps = dependents.get(uid(owner)).cloned().unwrap_or_default();
        if has_finalizer(owner, ORPHAN) {
            for (dr, d) in &deps {
                to_unlink.push((dr, d, BTreeSet::from([uid(owner).to_string()])));
            }
            owners_done.push((r.clone(), (**owner).clone(), ORPHAN));
        } else if has_finalizer(owner, FOREGROUND) {
            for (dr, d) in &deps {
                if !deleting(d) {
                    to_delete.push((dr, d, Propagation::Foreground));
                }
            }
            // Only dependents that block their owner's deletion hold it back.
            let blocking = deps.iter().any(|(_, d)| blocks(d, uid(owner)));
            if !blocking {
                owners_done.push((r.clone(), (**owner).clone(), FOREGROUND));
            }
        }
    }
    // Dependents whose owners are all gone are deleted; missing owners of a
    // dependent that still has others are dropped from its references.
    for (i, obj) in &all {
        let owners = owner_uids(obj);
        if owners.is_empty() || deleting(obj) {
            continue;
        }
        if owners.iter().all(|u| by_uid.contains(u)) {
            continue;
        }
        let missing: BTreeSet<String> = owners
            .iter()
            .filter(|u| !by_uid.contains(*u))
            .map(|u| u.to_string())
            .collect();
        let r = &resources[*i];
        if missing.len() == owners.len() {
            to_delete.push((r, obj, Propagation::Background));
        } else if !missing.is_empty() {
            to_unlink.push((r, obj, missing));
        }
    }
    let deletes: Vec<(ApiResource, String, String, Propagation)> = to_delete
        .into_iter()
        .map(|(r, o, p)| {
            let (ns, name) = (meta::namespace(o).to_string(), meta::name(o).to_string());
            (r.clone(), ns, name, p)
        })
        .collect();
    let unlinks: Vec<(ApiResource, Value, BTreeSet<String>)> = to_unlink
        .into_iter()
        .map(|(r, o, u)| (r.clone(), o.clone(), u))
        .collect();
    drop(dependents);
    drop(by_uid);
    drop(all);
    for (r, ns, name, propagation) in deletes {
        let opts = WriteOptions {
            propagation: Some(propagation),
            ..Default::default()
        };
        let _ = api.delete(&r, &ns, &name, &opts);
    }
    for (r, mut obj, gone) in unlinks {
        if let Some(refs) = obj["metadata"]
            .get_mut("ownerReferences")
            .and_then(Value::as_array_mut)
        {
            refs.retain(|o| !gone.contains(o.get("uid").and_then(Value::as_str).unwrap_or("")));
            if refs.is_empty() {
                meta::metadata_mut(&mut obj).remove("ownerReferences");
            }
        }
        let ns = meta::namespace(&obj).to_string();
        let _ = api.update(&r, &ns, obj);
    }
    for (r, mut owner, finalizer) in owners_done {
        if let Some(list) = owner["metadata"]
            .get_mut("finalizers")
            .and_then(Value::as_array_mut)
        {
            list.retain(|f| f != &json!(finalizer));
        }
        let ns = meta::namespace(&owner).to_string();
        let _ = api.update(&r, &ns, owner);
    }
}

/// Whether `dep`'s reference to `owner_uid` has blockOwnerDeletion set.
fn blocks(dep: &Value, owner_uid: &str) -> bool {
    meta::at(dep, &["metadata", "ownerReferences"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|r| {
            r.get("uid").and_then(Value::as_str) == Some(owner_uid)
                && r.get("blockOwnerDeletion").and_then(Value::as_bool) == Some(true)
        })
}
