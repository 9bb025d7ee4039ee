//! What changed since the scheduler's last pass, read from the store's
//! history: the real scheduler's queueing hints. An unschedulable pod waits
//! until a node, a claim or the set of bound pods changes (the digests in
//! `seen`); while none has, and the last pass left every pending pod
//! waiting, a pass at the same instant need try only the pods that changed,
//! not walk the whole pending queue again.

use crate::api::meta;
use crate::apiserver::ApiServer;
use crate::store::WatchType;
use serde_json::Value;
use std::collections::BTreeSet;

/// Where the last pass started, and whether it left every pending pod
/// waiting for a change.
#[derive(Clone, Copy, Debug)]
pub struct LastPass {
    pub revision: u64,
    pub at: i64,
    pub all_waiting: bool,
}

/// The changes since the last pass, as the queue sees them.
#[derive(Debug, Default)]
pub struct SinceLast {
    /// Pods written, as (namespace, name).
    pub pods: BTreeSet<(String, String)>,
    /// A node, a claim, or which pods are bound changed: what a waiting
    /// pod's digest covers.
    pub digests_moved: bool,
    /// The uids of the pods deleted: their memory goes.
    pub deleted: Vec<String>,
}

fn bound(pod: &Value) -> bool {
    !meta::str_at(pod, &["spec", "nodeName"])
        .unwrap_or("")
        .is_empty()
}

impl SinceLast {
    /// None when there was no last pass or the kept history no longer
    /// holds every change since.
    pub fn read(api: &ApiServer, last: Option<LastPass>) -> Option<SinceLast> {
        let mut out = SinceLast::default();
        for rec in api.complete_changes_since(last?.revision)? {
            match rec.key.resource.as_str() {
                "/pods" => {
                    let obj = &*rec.object;
                    let was_bound = match rec.kind {
                        WatchType::Added => false,
                        WatchType::Deleted => {
                            let uid = meta::str_at(obj, &["metadata", "uid"]).unwrap_or("");
                            out.deleted.push(uid.to_string());
                            false
                        }
                        WatchType::Modified => match rec.previous.as_deref() {
                            Some(p) => bound(p),
                            None => {
                                out.digests_moved = true;
                                false
                            }
                        },
                    };
                    let is_bound = rec.kind != WatchType::Deleted && bound(obj);
                    // A deleted pod that was bound frees its node.
                    let freed = rec.kind == WatchType::Deleted && bound(obj);
                    out.digests_moved |= was_bound != is_bound || freed;
                    out.pods
                        .insert((rec.key.namespace.clone(), rec.key.name.clone()));
                }
                "/nodes" | "/persistentvolumeclaims" => out.digests_moved = true,
                _ => {}
            }
        }
        Some(out)
    }
}
