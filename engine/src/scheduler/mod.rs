//! The scheduler: for every pod without a node, run the filter plugins on
//! each node in the framework's order, score the feasible ones, bind to the
//! best; otherwise record FailedScheduling with the real FitError text. Every
//! verdict is kept so the UI can explain *why*.

pub(crate) mod plugins;

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};
use crate::recorder;
use plugins::NodeInfo;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What one node said about one pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeVerdict {
    pub node: String,
    /// The first failing filter plugin and its reasons, or None if the node fits.
    pub rejected_by: Option<(String, Vec<String>)>,
    /// Score (0-100) for feasible nodes.
    pub score: i64,
}

/// The last scheduling attempt of a pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub namespace: String,
    pub pod: String,
    pub node: Option<String>,
    pub verdicts: Vec<NodeVerdict>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Scheduler {
    /// By pod uid.
    pub decisions: BTreeMap<String, Decision>,
    /// When each unschedulable pod may be retried (virtual ms), by uid.
    retry_at: BTreeMap<String, i64>,
    /// What the nodes and bound pods looked like at each pod's last attempt:
    /// a change (a node labelled, a pod gone) moves it back to the active queue.
    seen: BTreeMap<String, String>,
}

/// A digest of what could make an unschedulable pod fit now.
fn cluster_state(pods: &[Arc<Value>], nodes: &[Arc<Value>], pods_matter: bool) -> String {
    let mut s = String::new();
    for n in nodes {
        s.push_str(meta::str_at(n, &["metadata", "resourceVersion"]).unwrap_or(""));
        s.push(',');
    }
    let bound: Vec<&str> = pods
        .iter()
        .filter(|p| {
            !meta::str_at(p, &["spec", "nodeName"])
                .unwrap_or("")
                .is_empty()
        })
        .map(|p| meta::str_at(p, &["metadata", "uid"]).unwrap_or(""))
        .collect();
    if pods_matter {
        s.push_str(&bound.join(","));
    }
    s
}

/// An unschedulable pod waits this long, unless the cluster changes first
/// (podMaxInUnschedulablePodsDuration).
const RETRY_MS: i64 = 300_000;
const NAME: &str = "default-scheduler";

impl Scheduler {
    /// When the next unschedulable pod is retried.
    pub fn next_wakeup(&self, now: i64) -> Option<i64> {
        self.retry_at.values().copied().filter(|t| *t > now).min()
    }

    pub fn reconcile(&mut self, api: &mut ApiServer) {
        let (Some(pods_r), Some(nodes_r)) = (
            api.registry().resolve("pods").cloned(),
            api.registry().resolve("nodes").cloned(),
        ) else {
            return;
        };
        let pods = api
            .list_shared(&pods_r, None, &ListOptions::default())
            .unwrap_or_default();
        let nodes = api
            .list_shared(&nodes_r, None, &ListOptions::default())
            .unwrap_or_default();
        // The digests are the same for every pod of this pass.
        let (mut nodes_only, mut with_pods) = (None, None);
        let mut infos = plugins::node_infos(pods.iter().map(|p| &**p));
        for pod in &pods {
            let unbound = meta::str_at(pod, &["spec", "nodeName"])
                .unwrap_or("")
                .is_empty();
            let ours = meta::str_at(pod, &["spec", "schedulerName"]).unwrap_or(NAME) == NAME;
            let deleting = meta::at(pod, &["metadata", "deletionTimestamp"]).is_some();
            if !unbound || !ours || deleting {
                continue;
            }
            let uid = meta::str_at(pod, &["metadata", "uid"])
                .unwrap_or("")
                .to_string();
            // Like the real queueing hints: node failures wait for node
            // changes; resource and port failures also for pods going away.
            let pods_matter = self.decisions.get(&uid).is_some_and(|d| {
                d.verdicts.iter().any(|v| {
                    v.rejected_by
                        .as_ref()
                        .is_some_and(|(p, _)| p == "NodeResourcesFit" || p == "NodePorts")
                })
            });
            let state = if pods_matter {
                with_pods.get_or_insert_with(|| cluster_state(&pods, &nodes, true))
            } else {
                nodes_only.get_or_insert_with(|| cluster_state(&pods, &nodes, false))
            }
            .clone();
            let waiting = self.retry_at.get(&uid).is_some_and(|t| api.now().0 < *t);
            if waiting && self.seen.get(&uid) == Some(&state) {
                continue;
            }
            self.seen.insert(uid.clone(), state);
            self.schedule(api, pod, &nodes, &mut infos, &uid);
        }
        let live: Vec<String> = pods
            .iter()
            .map(|p| {
                meta::str_at(p, &["metadata", "uid"])
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        self.decisions.retain(|uid, _| live.contains(uid));
        self.retry_at.retain(|uid, _| live.contains(uid));
        self.seen.retain(|uid, _| live.contains(uid));
    }

    fn schedule(
        &mut self,
        api: &mut ApiServer,
        pod: &Value,
        nodes: &[Arc<Value>],
        infos: &mut BTreeMap<String, NodeInfo>,
        uid: &str,
    ) {
        let ns = meta::namespace(pod).to_string();
        let name = meta::name(pod).to_string();
        let mut verdicts: Vec<NodeVerdict> = nodes
            .iter()
            .map(|n| {
                let empty = NodeInfo::default();
                let info = infos.get(meta::name(n)).unwrap_or(&empty);
                let rejected_by = plugins::filter(pod, n, info);
                let score = if rejected_by.is_none() {
                    plugins::score(pod, n, info)
                } else {
                    0
                };
                NodeVerdict {
                    node: meta::name(n).to_string(),
                    rejected_by,
                    score,
                }
            })
            .collect();
        verdicts.sort_by(|a, b| a.node.cmp(&b.node));
        let best = verdicts
            .iter()
            .filter(|v| v.rejected_by.is_none())
            .max_by(|a, b| a.score.cmp(&b.score).then(b.node.cmp(&a.node)))
            .map(|v| v.node.clone());
        self.decisions.insert(
            uid.to_string(),
            Decision {
                namespace: ns.clone(),
                pod: name.clone(),
                node: best.clone(),
                verdicts: verdicts.clone(),
            },
        );
        match best {
            Some(node) => {
                if let Ok(bound) = api.bind(&ns, &name, &node) {
                    infos.entry(node.clone()).or_default().add(&bound);
                    let msg = format!("Successfully assigned {ns}/{name} to {node}");
                    let instance = format!("{NAME}-{}", plugins::control_plane_host(nodes));
                    let by = recorder::Reporter {
                        controller: NAME,
                        instance: &instance,
                        action: "Binding",
                    };
                    recorder::record_new(api, &bound, "Normal", "Scheduled", &msg, &by);
                }
                self.retry_at.remove(uid);
            }
            None => {
                let msg = plugins::fit_error(&verdicts);
                let instance = format!("{NAME}-{}", plugins::control_plane_host(nodes));
                let _ = api.set_unschedulable(&ns, &name, &msg);
                let by = recorder::Reporter {
                    controller: NAME,
                    instance: &instance,
                    action: "Scheduling",
                };
                recorder::record_new(api, pod, "Warning", "FailedScheduling", &msg, &by);
                self.retry_at
                    .insert(uid.to_string(), api.now().0 + RETRY_MS);
            }
        }
    }
}
