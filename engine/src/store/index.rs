//! Secondary indexes over the stored objects, kept up to date on every
//! write, so a control loop that asks "the pods on node X", "what this
//! ReplicaSet owns" or "the events about this pod" reads only those objects
//! instead of walking the whole resource on every pass.
//!
//! Each index maps a value to the keys holding it, in key order, so an
//! indexed list comes out in the same order as a full one.

use super::Key;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// What an index is keyed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndexField {
    /// A pod's `spec.nodeName` ("" while unscheduled), the kubelets' and
    /// the field selector `spec.nodeName=`.
    NodeName,
    /// Every `metadata.ownerReferences[].uid` of any object.
    OwnerUid,
    /// A core event's `involvedObject.uid` (the recorder's aggregation).
    InvolvedUid,
    /// A core event's `involvedObject.uid`, `reason` and `message`, joined
    /// by NULs (see `event_key`): the legacy recorder's aggregation key, so
    /// a ReplicaSet's thousand `Created pod: …` events are not all read.
    EventKey,
}

/// The `EventKey` value of an event about `uid`.
pub fn event_key(uid: &str, reason: &str, message: &str) -> String {
    format!("{uid}\0{reason}\0{message}")
}

impl IndexField {
    /// The field selector path this index answers for, if any.
    pub fn from_selector_path(path: &str, resource: &str) -> Option<IndexField> {
        match (resource, path) {
            ("/pods", "spec.nodeName") => Some(IndexField::NodeName),
            ("/events", "involvedObject.uid") => Some(IndexField::InvolvedUid),
            _ => None,
        }
    }

    /// Whether the store keeps this index for objects of `resource`.
    pub fn covers(self, resource: &str) -> bool {
        match self {
            IndexField::NodeName => resource == "/pods",
            IndexField::InvolvedUid | IndexField::EventKey => resource == "/events",
            IndexField::OwnerUid => true,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Indexes {
    by: HashMap<(IndexField, String), BTreeSet<Key>>,
}

fn str_at<'a>(obj: &'a Value, path: &[&str]) -> &'a str {
    let mut v = obj;
    for p in path {
        match v.get(p) {
            Some(next) => v = next,
            None => return "",
        }
    }
    v.as_str().unwrap_or("")
}

/// The (index, value) pairs an object is filed under.
fn entries(key: &Key, obj: &Value) -> Vec<(IndexField, String)> {
    let mut out = vec![];
    match key.resource.as_str() {
        "/pods" => out.push((
            IndexField::NodeName,
            str_at(obj, &["spec", "nodeName"]).to_string(),
        )),
        "/events" => {
            let uid = str_at(obj, &["involvedObject", "uid"]);
            out.push((IndexField::InvolvedUid, uid.to_string()));
            out.push((
                IndexField::EventKey,
                event_key(uid, str_at(obj, &["reason"]), str_at(obj, &["message"])),
            ));
        }
        _ => {}
    }
    if let Some(refs) = obj
        .get("metadata")
        .and_then(|m| m.get("ownerReferences"))
        .and_then(Value::as_array)
    {
        for r in refs {
            if let Some(uid) = r.get("uid").and_then(Value::as_str) {
                out.push((IndexField::OwnerUid, uid.to_string()));
            }
        }
    }
    out
}

impl Indexes {
    pub fn insert(&mut self, key: &Key, obj: &Value) {
        for e in entries(key, obj) {
            self.by.entry(e).or_default().insert(key.clone());
        }
    }

    pub fn remove(&mut self, key: &Key, obj: &Value) {
        for e in entries(key, obj) {
            if let Some(set) = self.by.get_mut(&e) {
                set.remove(key);
                if set.is_empty() {
                    self.by.remove(&e);
                }
            }
        }
    }

    /// Replaces `old`'s entries by `new`'s, touching only what moved.
    pub fn update(&mut self, key: &Key, old: &Value, new: &Value) {
        let (before, after) = (entries(key, old), entries(key, new));
        if before == after {
            return;
        }
        self.remove(key, old);
        self.insert(key, new);
    }

    /// The keys filed under `value`, in key order.
    pub fn keys(&self, field: IndexField, value: &str) -> impl Iterator<Item = &Key> {
        self.by
            .get(&(field, value.to_string()))
            .into_iter()
            .flat_map(|set| set.iter())
    }
}
