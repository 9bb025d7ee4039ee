//! The ReplicaSet controller's pod cache, as the real one keeps an
//! informer: for each ReplicaSet, the pods it controls, kept current from
//! the store's change history instead of walked again on every pass. A
//! write that creates or deletes one pod at 1,000 then costs the few
//! changes since the last pass, not 1,000 pods.

use super::owned::controller_ref;
use super::replicaset::{active, is_ready};
use crate::api::meta;
use crate::api::registry::ApiResource;
use crate::api::selector::Selector;
use crate::apiserver::{ApiServer, ListOptions};
use crate::store::WatchType;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the ReplicaSet controller needs of one pod it controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Matches the selector and is neither being deleted nor finished.
    pub active: bool,
    pub ready: bool,
}

/// The pods one ReplicaSet controls, by name.
#[derive(Clone, Debug)]
struct Owned {
    namespace: String,
    selector: Selector,
    pods: BTreeMap<String, Mark>,
}

#[derive(Clone, Debug, Default)]
pub struct OwnedPods {
    /// The store revision the cache is current at.
    revision: u64,
    /// By ReplicaSet uid; filled on a ReplicaSet's first sync.
    owners: BTreeMap<String, Owned>,
}

/// Counts of a ReplicaSet's active pods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub active: usize,
    pub ready: usize,
}

fn controller_uid(pod: &Value) -> Option<&str> {
    controller_ref(pod)?.get("uid")?.as_str()
}

impl Owned {
    fn mark(&self, pod: &Value) -> Mark {
        let matches =
            meta::namespace(pod) == self.namespace && self.selector.matches(&meta::labels(pod));
        Mark {
            active: matches && active(pod),
            ready: is_ready(pod),
        }
    }
}

impl OwnedPods {
    /// Brings the cache up to the store's revision. Reading the pod
    /// changes counts as reading pods, so the loop gate wakes on them.
    pub fn catch_up(&mut self, api: &ApiServer, pods: &ApiResource) {
        let now = api.revision();
        if self.owners.is_empty() {
            api.note_read(pods);
            self.revision = now;
            return;
        }
        let Some(changes) = api.changes_of(pods, self.revision) else {
            self.owners.clear();
            self.revision = now;
            return;
        };
        for rec in changes {
            let pod = &*rec.object;
            let name = meta::name(pod);
            if let Some(old) = rec.previous.as_deref().and_then(controller_uid) {
                if Some(old) != controller_uid(pod) {
                    if let Some(o) = self.owners.get_mut(old) {
                        o.pods.remove(name);
                    }
                }
            }
            let Some(owner) = controller_uid(pod).and_then(|uid| self.owners.get_mut(uid)) else {
                continue;
            };
            if rec.kind == WatchType::Deleted {
                owner.pods.remove(name);
            } else {
                let mark = owner.mark(pod);
                owner.pods.insert(name.to_string(), mark);
            }
        }
        self.revision = now;
    }

    /// The counts for `rs`, listing its pods on its first sync.
    /// None when its selector does not parse.
    pub fn counts(&mut self, api: &ApiServer, pods: &ApiResource, rs: &Value) -> Option<Counts> {
        let uid = meta::str_at(rs, &["metadata", "uid"])?;
        let selector = super::replicaset::selector_string(meta::at(rs, &["spec", "selector"]));
        let parsed = Selector::parse(&selector).ok()?;
        let namespace = meta::namespace(rs);
        let fresh = self
            .owners
            .get(uid)
            .is_some_and(|o| o.selector == parsed && o.namespace == namespace);
        if !fresh {
            let mut owned = Owned {
                namespace: namespace.to_string(),
                selector: parsed,
                pods: BTreeMap::new(),
            };
            let opts = ListOptions {
                label_selector: Some(selector),
                ..Default::default()
            };
            for pod in api
                .list_owned_shared(pods, Some(namespace), uid, &opts)
                .unwrap_or_default()
            {
                if controller_uid(&pod) == Some(uid) {
                    let mark = owned.mark(&pod);
                    owned.pods.insert(meta::name(&pod).to_string(), mark);
                }
            }
            self.owners.insert(uid.to_string(), owned);
        }
        let owned = self.owners.get(uid)?;
        Some(owned.pods.values().fold(Counts::default(), |c, m| Counts {
            active: c.active + m.active as usize,
            ready: c.ready + (m.active && m.ready) as usize,
        }))
    }

    /// Forgets ReplicaSets that are gone.
    pub fn retain(&mut self, live: &[&str]) {
        self.owners.retain(|uid, _| live.contains(&uid.as_str()));
    }
}
