//! What changed since the scheduler's last pass, read from the store's
//! history: the real scheduler's queueing hints. An unschedulable pod waits
//! until a claim or the set of bound pods changes (the digests in `seen`),
//! or a node changes in a way that could undo what rejected it
//! (`NodeHelp`); while none has, and the last pass left every pending pod
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
    /// A claim, or which pods are bound changed: what a waiting pod's
    /// digest covers.
    pub digests_moved: bool,
    /// The uids of the pods deleted: their memory goes.
    pub deleted: Vec<String>,
    /// Which rejections the node changes might undo.
    pub node_help: NodeHelp,
}

/// The filter plugins whose rejections a node change might undo: the real
/// plugins' queueing hints for Node events.
#[derive(Clone, Debug, Default)]
pub struct NodeHelp {
    /// A node added or removed, or changed beyond what the hints know.
    pub all: bool,
    pub plugins: BTreeSet<&'static str>,
}

impl NodeHelp {
    pub fn everything() -> NodeHelp {
        NodeHelp {
            all: true,
            plugins: BTreeSet::new(),
        }
    }

    pub fn any(&self) -> bool {
        self.all || !self.plugins.is_empty()
    }

    pub fn helps(&self, plugin: &str) -> bool {
        self.all || self.plugins.contains(plugin)
    }

    fn add(&mut self, other: NodeHelp) {
        self.all |= other.all;
        self.plugins.extend(other.plugins);
    }
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
                "/nodes" => {
                    let help = match (rec.kind, rec.previous.as_deref()) {
                        (WatchType::Modified, Some(before)) => {
                            node_update_helps(before, &rec.object)
                        }
                        _ => NodeHelp::everything(),
                    };
                    out.node_help.add(help);
                }
                "/persistentvolumeclaims" => out.digests_moved = true,
                _ => {}
            }
        }
        Some(out)
    }
}

/// What a node update might let in. Becoming unschedulable, gaining taints,
/// a heartbeat or a new image list turn no pod away that fitted and let
/// none in (QueueSkip); uncordoning helps NodeUnschedulable, a taint gone
/// TaintToleration, new allocatable NodeResourcesFit; anything else (labels
/// above all) might help any plugin.
pub fn node_update_helps(before: &Value, after: &Value) -> NodeHelp {
    let (mut a, mut b) = (scrub(before), scrub(after));
    let mut help = NodeHelp::default();
    let cordoned = |v: &Value| v["spec"]["unschedulable"].as_bool() == Some(true);
    if cordoned(&a) && !cordoned(&b) {
        help.plugins.insert("NodeUnschedulable");
    }
    let taints = |v: &Value| v["spec"]["taints"].as_array().cloned().unwrap_or_default();
    let after_taints = taints(&b);
    if taints(&a).iter().any(|t| !after_taints.contains(t)) {
        help.plugins.insert("TaintToleration");
    }
    if a["status"]["allocatable"] != b["status"]["allocatable"] {
        help.plugins.insert("NodeResourcesFit");
    }
    for v in [&mut a, &mut b] {
        remove(v, "spec", &["unschedulable", "taints"]);
        remove(v, "status", &["allocatable", "capacity"]);
    }
    help.all = a != b;
    help
}

fn remove(v: &mut Value, part: &str, fields: &[&str]) {
    if let Some(o) = v.get_mut(part).and_then(Value::as_object_mut) {
        for f in fields {
            o.remove(*f);
        }
    }
}

/// The node without what every write changes, the heartbeat, and the
/// image list (only ImageLocality, a score, reads it).
fn scrub(node: &Value) -> Value {
    let mut v = node.clone();
    remove(&mut v, "metadata", &["resourceVersion", "managedFields"]);
    remove(&mut v, "status", &["images"]);
    let conditions = v
        .get_mut("status")
        .and_then(|s| s.get_mut("conditions"))
        .and_then(Value::as_array_mut);
    for c in conditions.into_iter().flatten() {
        if let Some(c) = c.as_object_mut() {
            c.remove("lastHeartbeatTime");
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::node_update_helps;
    use serde_json::{json, Value};

    fn node(spec: Value, rv: &str, beat: &str) -> Value {
        json!({"metadata": {"name": "n", "resourceVersion": rv, "labels": {"a": "1"}},
               "spec": spec,
               "status": {"allocatable": {"pods": "110"}, "images": [],
                          "conditions": [{"type": "Ready", "status": "True", "lastHeartbeatTime": beat}]}})
    }

    fn helped(before: &Value, after: &Value) -> Vec<String> {
        let h = node_update_helps(before, after);
        if h.all {
            return vec!["*".into()];
        }
        h.plugins.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn each_node_update_helps_only_the_rejections_it_could_undo() {
        let taint = json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"});
        let open = node(json!({}), "1", "t1");
        let cordoned = node(json!({"unschedulable": true}), "2", "t1");
        let tainted = node(json!({"unschedulable": true, "taints": [taint]}), "3", "t1");
        let none: Vec<String> = vec![];
        assert_eq!(helped(&open, &cordoned), none);
        assert_eq!(helped(&cordoned, &tainted), none);
        assert_eq!(helped(&open, &node(json!({}), "4", "t2")), none);
        let mut pulled = open.clone();
        pulled["status"]["images"] = json!([{"names": ["nginx"]}]);
        assert_eq!(helped(&open, &pulled), none);
        assert_eq!(helped(&tainted, &cordoned), ["TaintToleration"]);
        assert_eq!(helped(&cordoned, &open), ["NodeUnschedulable"]);
        let mut bigger = open.clone();
        bigger["status"]["allocatable"]["pods"] = json!("220");
        assert_eq!(helped(&open, &bigger), ["NodeResourcesFit"]);
        let mut relabelled = open.clone();
        relabelled["metadata"]["labels"]["b"] = json!("2");
        assert_eq!(helped(&open, &relabelled), ["*"]);
        let mut not_ready = open.clone();
        not_ready["status"]["conditions"][0]["status"] = json!("False");
        assert_eq!(helped(&not_ready, &open), ["*"]);
    }
}
