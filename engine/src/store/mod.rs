//! The etcd stand-in: objects by key, one global revision that gives every
//! write its resourceVersion, and a bounded history of changes for watches.
//!
//! The store knows nothing of kinds, defaults or validation: that is the API
//! server's job. Keys sort like etcd's (resource, then namespace, then name),
//! so lists come out in the order a real server returns them.

mod index;
mod reads;

pub use index::{event_key, IndexField};
pub use reads::ALL as ALL_READS;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, OnceLock};

/// Where an object lives: `("apps/deployments", "default", "web")`.
/// Cluster-scoped objects have an empty namespace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub resource: String,
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(resource: &str, namespace: &str, name: &str) -> Key {
        Key {
            resource: resource.into(),
            namespace: namespace.into(),
            name: name.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WatchType {
    Added,
    Modified,
    Deleted,
}

/// One change, as a watch delivers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchRecord {
    pub revision: u64,
    pub kind: WatchType,
    pub key: Key,
    /// Shared with the stored object: a write copies nothing.
    pub object: Arc<Value>,
    /// What a MODIFIED replaced (shared too), so a reader can tell what changed.
    #[serde(skip)]
    pub previous: Option<Arc<Value>>,
}

/// Why a write was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    AlreadyExists,
    NotFound,
    /// The caller's resourceVersion is not the stored one.
    Conflict,
}

/// Why a watch could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchError {
    /// The revision is older than the history kept: 410 Gone.
    Expired { oldest: u64 },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Store {
    /// Shared, so lists and watches hand out objects without copying them.
    #[serde(with = "object_map")]
    objects: BTreeMap<Key, Arc<Value>>,
    revision: u64,
    history: VecDeque<WatchRecord>,
    history_limit: usize,
    /// Built on the first indexed read (so a restored store rebuilds it),
    /// then kept up to date by every write.
    #[serde(skip)]
    indexes: OnceLock<index::Indexes>,
    #[serde(skip)]
    reads: reads::ReadLog,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            objects: BTreeMap::new(),
            revision: 1,
            history: VecDeque::new(),
            history_limit: 10_000,
            indexes: OnceLock::new(),
            reads: Default::default(),
        }
    }
}

fn set_resource_version(obj: &mut Value, rev: u64) {
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("resourceVersion".into(), Value::String(rev.to_string()));
    }
}

fn resource_version(obj: &Value) -> Option<&str> {
    obj.get("metadata")?.get("resourceVersion")?.as_str()
}

impl Store {
    /// The current revision (the last write's resourceVersion).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Starts recording which resources are read (and written: a refused
    /// write's outcome depends on what is stored).
    pub fn start_reads(&self) {
        self.reads.start();
    }

    /// The resources read since `start_reads`; stops recording.
    pub fn take_reads(&self) -> std::collections::BTreeSet<String> {
        self.reads.take()
    }

    /// Records a read of `resource` (see `start_reads`).
    pub fn note_read(&self, resource: &str) {
        self.reads.note(resource);
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.reads.note(&key.resource);
        self.objects.get(key).map(|v| &**v)
    }

    /// The stored object, shared: cloning it costs no copy.
    pub fn get_shared(&self, key: &Key) -> Option<&Arc<Value>> {
        self.reads.note(&key.resource);
        self.objects.get(key)
    }

    /// Objects of one resource, in key order; `namespace` None means all namespaces.
    pub fn list<'a>(
        &'a self,
        resource: &'a str,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a Key, &'a Arc<Value>)> + 'a {
        self.reads.note(resource);
        let start = Key::new(resource, namespace.unwrap_or(""), "");
        self.objects.range(start..).take_while(move |(k, _)| {
            k.resource == resource && namespace.is_none_or(|ns| k.namespace == ns)
        })
    }

    /// Objects of one resource filed under `value` in an index, in key
    /// order: exactly what `list` would give filtered by that field.
    pub fn list_indexed<'a>(
        &'a self,
        resource: &'a str,
        namespace: Option<&'a str>,
        field: IndexField,
        value: &str,
    ) -> Vec<(&'a Key, &'a Arc<Value>)> {
        self.reads.note(resource);
        if !field.covers(resource) {
            // Not indexed for this resource: nothing can be filed under it.
            return vec![];
        }
        self.indexes()
            .keys(field, value)
            .filter(|k| k.resource == resource && namespace.is_none_or(|ns| k.namespace == ns))
            .filter_map(|k| self.objects.get_key_value(k))
            .collect()
    }

    /// Names of one resource's objects in a namespace from `from` to `to`
    /// (inclusive), in order.
    pub fn names_between<'a>(
        &'a self,
        resource: &str,
        namespace: &str,
        from: &str,
        to: &str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.reads.note(resource);
        let (lo, hi) = (
            Key::new(resource, namespace, from),
            Key::new(resource, namespace, to),
        );
        let range = if lo <= hi {
            Some(self.objects.range(lo..=hi))
        } else {
            None
        };
        range.into_iter().flatten().map(|(k, _)| k.name.as_str())
    }

    /// Whether any stored object names `uid` among its owners.
    pub fn owns_any(&self, uid: &str) -> bool {
        self.reads.note(reads::ALL);
        self.indexes()
            .keys(IndexField::OwnerUid, uid)
            .next()
            .is_some()
    }

    fn indexes(&self) -> &index::Indexes {
        self.indexes.get_or_init(|| {
            let mut ix = index::Indexes::default();
            for (k, v) in &self.objects {
                ix.insert(k, v);
            }
            ix
        })
    }

    pub fn create(&mut self, key: Key, obj: Value) -> Result<Value, StoreError> {
        self.create_shared(key, obj).map(Arc::unwrap_or_clone)
    }

    /// `create`, returning the stored object shared (not copied: a caller
    /// that only reads it, e.g. the scheduler's bind and events).
    pub fn create_shared(&mut self, key: Key, mut obj: Value) -> Result<Arc<Value>, StoreError> {
        self.reads.note(&key.resource);
        if self.objects.contains_key(&key) {
            return Err(StoreError::AlreadyExists);
        }
        self.revision += 1;
        set_resource_version(&mut obj, self.revision);
        if let Some(ix) = self.indexes.get_mut() {
            ix.insert(&key, &obj);
        }
        let obj = Arc::new(obj);
        self.objects.insert(key.clone(), obj.clone());
        self.record(WatchType::Added, key, obj.clone(), None);
        Ok(obj)
    }

    /// Replaces an object. With `expected_rv` set, refuses if the stored
    /// resourceVersion differs (optimistic concurrency).
    pub fn update(
        &mut self,
        key: &Key,
        obj: Value,
        expected_rv: Option<&str>,
    ) -> Result<Value, StoreError> {
        self.update_shared(key, obj, expected_rv)
            .map(Arc::unwrap_or_clone)
    }

    /// `update`, returning the stored object shared.
    pub fn update_shared(
        &mut self,
        key: &Key,
        mut obj: Value,
        expected_rv: Option<&str>,
    ) -> Result<Arc<Value>, StoreError> {
        self.reads.note(&key.resource);
        let current = self.objects.get(key).ok_or(StoreError::NotFound)?;
        if let Some(rv) = expected_rv {
            if resource_version(current) != Some(rv) {
                return Err(StoreError::Conflict);
            }
        }
        self.revision += 1;
        set_resource_version(&mut obj, self.revision);
        if let Some(ix) = self.indexes.get_mut() {
            ix.update(key, current, &obj);
        }
        let obj = Arc::new(obj);
        let previous = self.objects.insert(key.clone(), obj.clone());
        self.record(WatchType::Modified, key.clone(), obj.clone(), previous);
        Ok(obj)
    }

    pub fn delete(&mut self, key: &Key) -> Result<Value, StoreError> {
        self.reads.note(&key.resource);
        let obj = self.objects.remove(key).ok_or(StoreError::NotFound)?;
        if let Some(ix) = self.indexes.get_mut() {
            ix.remove(key, &obj);
        }
        let mut obj = Arc::unwrap_or_clone(obj);
        self.revision += 1;
        // A watch's DELETED event carries the object at the deletion's revision.
        set_resource_version(&mut obj, self.revision);
        let obj = Arc::new(obj);
        self.record(WatchType::Deleted, key.clone(), obj.clone(), None);
        Ok(Arc::unwrap_or_clone(obj))
    }

    fn record(
        &mut self,
        kind: WatchType,
        key: Key,
        object: Arc<Value>,
        previous: Option<Arc<Value>>,
    ) {
        self.history.push_back(WatchRecord {
            revision: self.revision,
            kind,
            key,
            object,
            previous,
        });
        while self.history.len() > self.history_limit {
            self.history.pop_front();
        }
    }

    /// Lends out the watch history: a saved snapshot leaves it out, as no
    /// watch survives a reload. `put_history` gives it back.
    pub(crate) fn take_history(&mut self) -> VecDeque<WatchRecord> {
        std::mem::take(&mut self.history)
    }

    pub(crate) fn put_history(&mut self, history: VecDeque<WatchRecord>) {
        self.history = history;
    }

    /// Changes to `resource` after revision `since`, oldest first.
    pub fn changes_since(
        &self,
        resource: &str,
        since: u64,
    ) -> Result<Vec<&WatchRecord>, WatchError> {
        self.reads.note(resource);
        if let Some(first) = self.history.front() {
            if since + 1 < first.revision {
                return Err(WatchError::Expired {
                    oldest: first.revision,
                });
            }
        }
        Ok(self
            .history
            .iter()
            .filter(|r| r.revision > since && r.key.resource == resource)
            .collect())
    }

    /// Whether the state at revision `rv` is older than the history kept
    /// (etcd's compaction): a list can no longer continue from it.
    pub fn is_compacted(&self, rv: u64) -> bool {
        self.history
            .front()
            .is_some_and(|first| rv + 1 < first.revision)
    }

    /// Every change after revision `since`, unrecorded (the loop gates'
    /// own check); None when the kept history no longer holds them all.
    pub fn complete_changes_since(&self, since: u64) -> Option<impl Iterator<Item = &WatchRecord>> {
        let first = self.history.partition_point(|r| r.revision <= since);
        let kept = (self.history.len() - first) as u64;
        (kept == self.revision.saturating_sub(since)).then(|| self.history.range(first..))
    }

    /// Every change after revision `since` (for the engine's event stream).
    pub fn all_changes_since(&self, since: u64) -> impl Iterator<Item = &WatchRecord> {
        self.reads.note(reads::ALL);
        // The history is in revision order: skip to the first newer one.
        let first = self.history.partition_point(|r| r.revision <= since);
        self.history.range(first..)
    }
}

/// JSON maps need string keys; store the object map as a list of pairs.
mod object_map {
    use super::Key;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    type Objects = BTreeMap<Key, Arc<Value>>;

    pub fn serialize<S: Serializer>(m: &Objects, s: S) -> Result<S::Ok, S::Error> {
        let pairs: Vec<(&Key, &Value)> = m.iter().map(|(k, v)| (k, &**v)).collect();
        pairs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Objects, D::Error> {
        let pairs: Vec<(Key, Value)> = Vec::deserialize(d)?;
        Ok(pairs.into_iter().map(|(k, v)| (k, Arc::new(v))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(name: &str) -> Value {
        json!({"metadata": {"name": name}})
    }

    #[test]
    fn every_write_gets_the_next_revision() {
        let mut s = Store::default();
        let a = s
            .create(Key::new("/pods", "default", "a"), obj("a"))
            .unwrap();
        let b = s
            .create(Key::new("/pods", "default", "b"), obj("b"))
            .unwrap();
        assert_eq!(resource_version(&a), Some("2"));
        assert_eq!(resource_version(&b), Some("3"));
        assert_eq!(
            s.create(Key::new("/pods", "default", "a"), obj("a")),
            Err(StoreError::AlreadyExists)
        );
    }

    #[test]
    fn stale_update_is_a_conflict() {
        let mut s = Store::default();
        let k = Key::new("/pods", "default", "a");
        s.create(k.clone(), obj("a")).unwrap();
        assert!(s.update(&k, obj("a"), Some("2")).is_ok());
        assert_eq!(s.update(&k, obj("a"), Some("2")), Err(StoreError::Conflict));
    }

    #[test]
    fn lists_in_namespace_then_name_order() {
        let mut s = Store::default();
        for (ns, n) in [("b", "x"), ("a", "z"), ("a", "y")] {
            s.create(Key::new("/pods", ns, n), obj(n)).unwrap();
        }
        s.create(Key::new("/services", "a", "q"), obj("q")).unwrap();
        let names: Vec<&str> = s
            .list("/pods", None)
            .map(|(k, _)| k.name.as_str())
            .collect();
        assert_eq!(names, ["y", "z", "x"]);
        assert_eq!(s.list("/pods", Some("a")).count(), 2);
    }

    #[test]
    fn watch_history_is_bounded() {
        let mut s = Store {
            history_limit: 2,
            ..Store::default()
        };
        for n in ["a", "b", "c"] {
            s.create(Key::new("/pods", "d", n), obj(n)).unwrap();
        }
        assert!(matches!(
            s.changes_since("/pods", 1),
            Err(WatchError::Expired { .. })
        ));
        assert_eq!(s.changes_since("/pods", 3).unwrap().len(), 1);
        assert!(s.is_compacted(1));
        assert!(!s.is_compacted(2));
    }

    #[test]
    fn indexed_lists_follow_every_write() {
        let mut s = Store::default();
        let pod = |name: &str, node: &str, owner: &str| {
            json!({"metadata": {"name": name, "ownerReferences": [{"uid": owner}]},
                   "spec": {"nodeName": node}})
        };
        let names = |s: &Store, f: IndexField, v: &str| -> Vec<String> {
            s.list_indexed("/pods", None, f, v)
                .into_iter()
                .map(|(k, _)| k.name.clone())
                .collect()
        };
        s.create(Key::new("/pods", "d", "b"), pod("b", "n1", "rs1"))
            .unwrap();
        assert_eq!(names(&s, IndexField::NodeName, "n1"), ["b"]);
        // Writes after the index is built keep it current.
        s.create(Key::new("/pods", "d", "a"), pod("a", "", "rs1"))
            .unwrap();
        assert_eq!(names(&s, IndexField::OwnerUid, "rs1"), ["a", "b"]);
        assert_eq!(names(&s, IndexField::NodeName, ""), ["a"]);
        let k = Key::new("/pods", "d", "a");
        s.update(&k, pod("a", "n1", "rs2"), None).unwrap();
        assert_eq!(names(&s, IndexField::NodeName, "n1"), ["a", "b"]);
        assert_eq!(names(&s, IndexField::OwnerUid, "rs1"), ["b"]);
        s.delete(&Key::new("/pods", "d", "b")).unwrap();
        assert_eq!(names(&s, IndexField::NodeName, "n1"), ["a"]);
        assert!(names(&s, IndexField::OwnerUid, "rs1").is_empty());
        // Only the resources an index covers are filed.
        assert!(s
            .list_indexed("/services", None, IndexField::NodeName, "n1")
            .is_empty());
    }
}
