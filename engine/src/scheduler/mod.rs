//! The scheduler: for every pod without a node, run the filter plugins on
//! each node in the framework's order, score the feasible ones, bind to the
//! best; otherwise record FailedScheduling with the real FitError text. Every
//! verdict is kept so the UI can explain *why*.

pub(crate) mod plugins;

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};
use crate::events::EngineEvent;
use crate::recorder;
use crate::rng::Rng;
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
    /// The weighted sum of the score plugins, for feasible nodes.
    pub score: i64,
    /// Each score plugin's normalized score (0-100, before its weight).
    #[serde(default)]
    pub scores: Vec<(String, i64)>,
}

/// The last scheduling attempt of a pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub namespace: String,
    pub pod: String,
    pub node: Option<String>,
    pub verdicts: Vec<NodeVerdict>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scheduler {
    /// Picks among equally best nodes (the real one picks at random).
    #[serde(default = "tie_breaker")]
    rng: Rng,
    /// Where the next pod's filtering starts (nextStartNodeIndex).
    #[serde(default)]
    next_start: usize,
    /// By pod uid.
    pub decisions: BTreeMap<String, Decision>,
    /// When each unschedulable pod may be retried (virtual ms), by uid.
    retry_at: BTreeMap<String, i64>,
    /// What the nodes and bound pods looked like at each pod's last attempt:
    /// a change (a node labelled, a pod gone) moves it back to the active queue.
    seen: BTreeMap<String, String>,
}

fn tie_breaker() -> Rng {
    Rng::seeded(0x7363_6865_6475_6c65)
}

impl Default for Scheduler {
    fn default() -> Scheduler {
        Scheduler {
            rng: tie_breaker(),
            next_start: 0,
            decisions: BTreeMap::new(),
            retry_at: BTreeMap::new(),
            seen: BTreeMap::new(),
        }
    }
}

/// How many feasible nodes to find before scoring (numFeasibleNodesToFind
/// with the adaptive percentageOfNodesToScore).
pub fn feasible_nodes_to_find(all: usize) -> usize {
    if all < 100 {
        return all;
    }
    let percentage = (50 - all as i64 / 125).max(5) as usize;
    (all * percentage / 100).max(100)
}

/// What every pod of one pass reads, computed once.
struct Pass {
    images: BTreeMap<String, BTreeMap<String, i64>>,
    volumes: Volumes,
}

/// The claims and binding modes VolumeBinding reads, listed once per pass.
#[derive(Default)]
struct Volumes {
    pvcs: BTreeMap<(String, String), Arc<Value>>,
    modes: BTreeMap<String, String>,
    /// Changes when a claim does (binding moves a waiting pod back).
    digest: String,
}

impl Volumes {
    fn list(api: &ApiServer) -> Volumes {
        let mut out = Volumes::default();
        let all = |name: &str| {
            api.registry()
                .resolve(name)
                .cloned()
                .and_then(|r| api.list_shared(&r, None, &ListOptions::default()).ok())
                .unwrap_or_default()
        };
        for c in all("persistentvolumeclaims") {
            out.digest
                .push_str(meta::str_at(&c, &["metadata", "resourceVersion"]).unwrap_or(""));
            out.digest.push(',');
            let key = (meta::namespace(&c).to_string(), meta::name(&c).to_string());
            out.pvcs.insert(key, c);
        }
        for sc in all("storageclasses") {
            let mode = meta::str_at(&sc, &["volumeBindingMode"]).unwrap_or("Immediate");
            out.modes
                .insert(meta::name(&sc).to_string(), mode.to_string());
        }
        out
    }
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

/// Runs the score plugins on the feasible nodes: each normalized to 0-100,
/// then weighted and summed as the framework does.
fn score(
    pod: &Value,
    nodes: &[Arc<Value>],
    infos: &BTreeMap<String, NodeInfo>,
    images: &BTreeMap<String, BTreeMap<String, i64>>,
    verdicts: &mut [NodeVerdict],
) {
    let by_name: BTreeMap<&str, &Value> = nodes.iter().map(|n| (meta::name(n), &**n)).collect();
    let empty = NodeInfo::default();
    let feasible: Vec<usize> = (0..verdicts.len())
        .filter(|i| verdicts[*i].rejected_by.is_none())
        .collect();
    for (plugin, weight) in plugins::SCORE_PLUGINS {
        let mut raw: Vec<Option<i64>> = feasible
            .iter()
            .map(|i| {
                let name = verdicts[*i].node.as_str();
                let node = by_name.get(name).copied().unwrap_or(&Value::Null);
                let info = infos.get(name).unwrap_or(&empty);
                match plugin {
                    "TaintToleration" => Some(plugins::intolerable_prefer_no_schedule(pod, node)),
                    "NodeAffinity" => plugins::preferred_node_affinity(pod, node),
                    "NodeResourcesFit" => Some(plugins::least_allocated(pod, node, info)),
                    "NodeResourcesBalancedAllocation" => {
                        plugins::balanced_allocation(pod, node, info)
                    }
                    _ => Some(plugins::image_locality(pod, name, images)),
                }
            })
            .collect();
        // A plugin that skips (PreScore Skip) scores nothing on any node.
        if raw.iter().any(Option::is_none) {
            continue;
        }
        let mut values: Vec<i64> = raw.iter_mut().map(|r| r.unwrap_or(0)).collect();
        match plugin {
            "TaintToleration" => plugins::normalize(&mut values, true),
            "NodeAffinity" => plugins::normalize(&mut values, false),
            _ => {}
        }
        for (i, v) in feasible.iter().zip(values) {
            verdicts[*i].scores.push((plugin.to_string(), v));
            verdicts[*i].score += v * weight;
        }
    }
}

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
        let pass = Pass {
            images: plugins::node_images(&nodes),
            volumes: Volumes::list(api),
        };
        let volumes = &pass.volumes;
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
            let volume_wait = self.decisions.get(&uid).is_some_and(|d| {
                d.verdicts.iter().any(|v| {
                    v.rejected_by
                        .as_ref()
                        .is_some_and(|(p, _)| p.starts_with("Volume"))
                })
            });
            let state = if volume_wait {
                format!("{state}|{}", volumes.digest)
            } else {
                state
            };
            let waiting = self.retry_at.get(&uid).is_some_and(|t| api.now().0 < *t);
            if waiting && self.seen.get(&uid) == Some(&state) {
                continue;
            }
            self.seen.insert(uid.clone(), state);
            self.schedule(api, pod, &nodes, &mut infos, &pass, &uid);
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
        pass: &Pass,
        uid: &str,
    ) {
        let (images, volumes) = (&pass.images, &pass.volumes);
        let ns = meta::namespace(pod).to_string();
        let name = meta::name(pod).to_string();
        let empty = NodeInfo::default();
        // Filter from where the last pod stopped, until enough feasible nodes.
        let wanted = feasible_nodes_to_find(nodes.len());
        let mut verdicts: Vec<NodeVerdict> = vec![];
        let mut feasible = 0;
        let prefilter = plugins::volume_prefilter(pod, &volumes.pvcs, &volumes.modes);
        if let Some((plugin, msg)) = &prefilter {
            // The framework gives every node the PreFilter's status.
            verdicts = nodes
                .iter()
                .map(|n| NodeVerdict {
                    node: meta::name(n).to_string(),
                    rejected_by: Some((plugin.clone(), vec![msg.clone()])),
                    score: 0,
                    scores: vec![],
                })
                .collect();
        }
        for k in 0..nodes.len() {
            if feasible >= wanted || prefilter.is_some() {
                break;
            }
            let n = &nodes[(self.next_start + k) % nodes.len()];
            let info = infos.get(meta::name(n)).unwrap_or(&empty);
            let rejected_by = plugins::filter(pod, n, info);
            feasible += usize::from(rejected_by.is_none());
            verdicts.push(NodeVerdict {
                node: meta::name(n).to_string(),
                rejected_by,
                score: 0,
                scores: vec![],
            });
        }
        if !nodes.is_empty() && prefilter.is_none() {
            self.next_start = (self.next_start + verdicts.len()) % nodes.len();
        }
        score(pod, nodes, infos, images, &mut verdicts);
        verdicts.sort_by(|a, b| a.node.cmp(&b.node));
        // selectHost: the best total, a tie decided by reservoir sampling.
        let (mut best, mut ties) = (None::<&NodeVerdict>, 0u64);
        for v in verdicts.iter().filter(|v| v.rejected_by.is_none()) {
            match best {
                Some(b) if v.score < b.score => {}
                Some(b) if v.score == b.score => {
                    ties += 1;
                    if self.rng.below(ties) == 0 {
                        best = Some(v);
                    }
                }
                _ => {
                    best = Some(v);
                    ties = 1;
                }
            }
        }
        let best = best.map(|v| v.node.clone());
        api.publish_event(EngineEvent::Scheduled {
            namespace: ns.clone(),
            pod: name.clone(),
            node: best.clone(),
            verdicts: verdicts.clone(),
        });
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
                let msg = plugins::fit_error(&verdicts, prefilter.as_ref().map(|p| p.1.as_str()));
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

#[cfg(test)]
mod tests {
    use super::feasible_nodes_to_find;

    #[test]
    fn adaptive_percentage_of_nodes_to_score() {
        assert_eq!(feasible_nodes_to_find(3), 3);
        assert_eq!(feasible_nodes_to_find(150), 100);
        // 50% - 1000/125 = 42%.
        assert_eq!(feasible_nodes_to_find(1000), 420);
        // The 5% floor.
        assert_eq!(feasible_nodes_to_find(10_000), 500);
    }
}
