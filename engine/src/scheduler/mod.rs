//! The scheduler: for every pod without a node, run the filter plugins on
//! each node in the framework's order, score the feasible ones, bind to the
//! best; otherwise record FailedScheduling with the real FitError text. Every
//! verdict is kept so the UI can explain *why*.

mod decision;
pub(crate) mod facts;
pub(crate) mod interpod_affinity;
pub(crate) mod nominated;
pub(crate) mod plugins;
pub(crate) mod preemption;
mod since_last;
pub(crate) mod topology_spread;
mod verdict;

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::events::EngineEvent;
use crate::recorder;
use crate::rng::Rng;
use crate::store::IndexField;
use facts::{NodeView, PodFacts};
use plugins::{CycleState, NodeInfo};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use since_last::{LastPass, NodeHelp, SinceLast};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use decision::{Decision, Summary, KEEP_VERDICTS};
pub use verdict::{NodeVerdict, Scores};

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
    /// The placed pods whose decisions still hold every verdict.
    #[serde(default)]
    recent: decision::Recent,
    /// When each unschedulable pod may be retried (virtual ms), by uid.
    retry_at: BTreeMap<String, i64>,
    /// What the nodes and bound pods looked like at each pod's last attempt:
    /// a change (a node labelled, a pod gone) moves it back to the active queue.
    seen: BTreeMap<String, String>,
    /// The nodes' resourceVersions when last looked at (hashed): without
    /// the history since (a reload), any difference requeues every pod.
    #[serde(default)]
    nodes_looked_at: u64,
    /// The last pass (not saved: the first pass after a reload walks all).
    #[serde(skip)]
    last_pass: Option<LastPass>,
    #[serde(skip)]
    digests: Digests,
    /// Whether this pass bound a pod (the digests with pods move).
    #[serde(skip)]
    bound_in_pass: bool,
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
            recent: Default::default(),
            retry_at: BTreeMap::new(),
            nodes_looked_at: 0,
            last_pass: None,
            digests: Digests::default(),
            bound_in_pass: false,
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

/// What every pod of one pass reads, computed once: the snapshot of nodes
/// and their pods, updated as the pass binds.
struct Pass {
    nodes: Vec<NodeView>,
    index: BTreeMap<String, usize>,
    infos: Vec<NodeInfo>,
    images: plugins::Images,
    volumes: Volumes,
    owners: topology_spread::Owners,
    namespaces: interpod_affinity::Namespaces,
    pdbs: Vec<preemption::Pdb>,
    control_plane: String,
    nominated: nominated::Nominated,
}

fn list_all(api: &ApiServer, name: &str) -> Vec<Arc<Value>> {
    api.registry()
        .resolve(name)
        .cloned()
        .and_then(|r| api.list_shared(&r, None, &ListOptions::default()).ok())
        .unwrap_or_default()
}

impl Pass {
    fn new(api: &ApiServer, pods: &[Arc<Value>], nodes: &[Arc<Value>]) -> Pass {
        let views: Vec<NodeView> = nodes.iter().cloned().map(NodeView::new).collect();
        let index: BTreeMap<String, usize> = views
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        let mut infos = vec![NodeInfo::default(); views.len()];
        // Each node's pods through the store's node index: the pending
        // pods are not walked.
        if let Some(pods_r) = api.registry().resolve("pods") {
            for (view, info) in views.iter().zip(&mut infos) {
                let on_node = api.list_indexed_shared(
                    pods_r,
                    None,
                    IndexField::NodeName,
                    &view.name,
                    &ListOptions::default(),
                );
                for p in on_node.unwrap_or_default() {
                    info.add(Arc::new(PodFacts::new(p)));
                }
            }
        }
        let mut owners = topology_spread::Owners::default();
        for svc in list_all(api, "services") {
            owners.add_service(&svc);
        }
        for (resource, kind) in [
            ("replicationcontrollers", "ReplicationController"),
            ("replicasets", "ReplicaSet"),
            ("statefulsets", "StatefulSet"),
        ] {
            for obj in list_all(api, resource) {
                owners.add_controller(kind, &obj);
            }
        }
        let namespaces = list_all(api, "namespaces")
            .iter()
            .map(|n| (meta::name(n).to_string(), facts::labels_of(n)))
            .collect();
        let pdbs = list_all(api, "poddisruptionbudgets")
            .iter()
            .map(|p| preemption::Pdb::new(p))
            .collect();
        Pass {
            images: plugins::Images::of(&views),
            control_plane: plugins::control_plane_host(nodes),
            nominated: nominated::Nominated::new(pods, &index),
            nodes: views,
            index,
            infos,
            volumes: Volumes::list(api),
            owners,
            namespaces,
            pdbs,
        }
    }
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

/// The nodes' resourceVersions, hashed.
fn nodes_hash(nodes: &[Arc<Value>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for n in nodes {
        meta::str_at(n, &["metadata", "resourceVersion"]).hash(&mut h);
    }
    h.finish()
}

/// A digest of what could make an unschedulable pod fit now, beside node
/// changes (those requeue through `NodeHelp`): which pods are bound, when
/// they matter (a hash: it is kept for every pod).
fn cluster_state(pods: &[Arc<Value>], pods_matter: bool) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    if pods_matter {
        for p in pods {
            if !meta::str_at(p, &["spec", "nodeName"])
                .unwrap_or("")
                .is_empty()
            {
                meta::str_at(p, &["metadata", "uid"]).hash(&mut h);
            }
        }
    }
    format!("{:016x}", h.finish())
}

/// The digests a waiting pod's `seen` holds, kept from pass to pass while
/// nothing they cover changes (see `SinceLast`): each walks every pod.
#[derive(Clone, Debug, Default)]
struct Digests {
    nodes_only: Option<String>,
    with_pods: Option<String>,
}

impl Digests {
    fn of(&mut self, pods_matter: bool, compute: impl FnOnce() -> String) -> String {
        let slot = if pods_matter {
            &mut self.with_pods
        } else {
            &mut self.nodes_only
        };
        slot.get_or_insert_with(compute).clone()
    }
}

/// An unschedulable pod waits this long, unless the cluster changes first
/// (podMaxInUnschedulablePodsDuration).
const RETRY_MS: i64 = 300_000;
const NAME: &str = "default-scheduler";

/// Runs the score plugins on the feasible nodes: each normalized to 0-100,
/// then weighted and summed as the framework does. `at` is each verdict's
/// node index.
fn score(pod: &PodFacts, pass: &Pass, at: &[usize], verdicts: &mut [NodeVerdict]) {
    let feasible: Vec<usize> = (0..verdicts.len())
        .filter(|i| verdicts[*i].rejected_by.is_none())
        .collect();
    if feasible.is_empty() {
        return;
    }
    let nodes: Vec<usize> = feasible.iter().map(|i| at[*i]).collect();
    let (views, infos) = (&pass.nodes, &pass.infos);
    for (k, (plugin, weight)) in plugins::SCORE_PLUGINS.into_iter().enumerate() {
        let raw: Option<Vec<i64>> = match plugin {
            "TaintToleration" => {
                let mut v: Vec<i64> = nodes
                    .iter()
                    .map(|n| plugins::intolerable_prefer_no_schedule(pod, &views[*n]))
                    .collect();
                plugins::normalize(&mut v, true);
                Some(v)
            }
            "NodeAffinity" if pod.node_constrained => {
                let v: Option<Vec<i64>> = nodes
                    .iter()
                    .map(|n| plugins::preferred_node_affinity(&pod.value, &views[*n].value))
                    .collect();
                v.map(|mut v| {
                    plugins::normalize(&mut v, false);
                    v
                })
            }
            "NodeAffinity" => None,
            "NodeResourcesFit" => Some(
                nodes
                    .iter()
                    .map(|n| plugins::least_allocated(pod, &views[*n], &infos[*n]))
                    .collect(),
            ),
            "PodTopologySpread" => {
                topology_spread::PreScore::new(pod, views, infos, &nodes, &pass.owners).map(|s| {
                    let mut v: Vec<i64> = nodes
                        .iter()
                        .map(|n| s.score(pod, &views[*n], &infos[*n]))
                        .collect();
                    let names: Vec<&str> = nodes.iter().map(|n| views[*n].name.as_str()).collect();
                    s.normalize(&names, &mut v);
                    v
                })
            }
            "InterPodAffinity" => interpod_affinity::prescore(pod, views, infos, &pass.namespaces)
                .map(|ts| {
                    let mut v: Vec<i64> = nodes
                        .iter()
                        .map(|n| interpod_affinity::score(&ts, &views[*n]))
                        .collect();
                    interpod_affinity::normalize(&mut v);
                    v
                }),
            "NodeResourcesBalancedAllocation" => nodes
                .iter()
                .map(|n| plugins::balanced_allocation(pod, &views[*n], &infos[*n]))
                .collect(),
            // No image of the pod on any node: 0 everywhere.
            _ if !pod
                .images
                .iter()
                .any(|i| pass.images.spread.contains_key(i)) =>
            {
                Some(vec![0; nodes.len()])
            }
            _ => Some(
                nodes
                    .iter()
                    .map(|n| plugins::image_locality(pod, &views[*n].name, &pass.images))
                    .collect(),
            ),
        };
        // A plugin that skips (PreScore Skip) scores nothing on any node.
        let Some(values) = raw else {
            continue;
        };
        for (i, v) in feasible.iter().zip(values) {
            verdicts[*i].scores.set(k, v);
            verdicts[*i].score += v * weight;
        }
    }
}

/// Filter plugins whose rejection waits for pods to go away, not only for
/// nodes to change.
fn pods_matter(plugin: &str) -> bool {
    matches!(
        plugin,
        "NodeResourcesFit" | "NodePorts" | "PodTopologySpread" | "InterPodAffinity"
    )
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
        let (start, now) = (api.revision(), api.now().0);
        let since = SinceLast::read(api, self.last_pass);
        if since.as_ref().is_none_or(|s| s.digests_moved) {
            self.digests = Digests::default();
        }
        let nodes = api
            .list_shared(&nodes_r, None, &ListOptions::default())
            .unwrap_or_default();
        let looked_at = nodes_hash(&nodes);
        let node_help = match &since {
            Some(s) => s.node_help.clone(),
            None if looked_at != self.nodes_looked_at => NodeHelp::everything(),
            None => NodeHelp::default(),
        };
        self.nodes_looked_at = looked_at;
        let requeued = self.requeue(&node_help);
        self.bound_in_pass = false;
        // Only the pods that changed, when everything else still waits.
        let only = since.as_ref().filter(|s| {
            !s.digests_moved
                && !requeued
                && self.last_pass.is_some_and(|l| l.at == now && l.all_waiting)
        });
        let pods = api
            .list_shared(&pods_r, None, &ListOptions::default())
            .unwrap_or_default();
        let candidates: Vec<&Arc<Value>> = match only {
            Some(s) => s
                .pods
                .iter()
                .filter_map(|(ns, name)| {
                    let at = pods
                        .binary_search_by(|p| {
                            (meta::namespace(p), meta::name(p)).cmp(&(ns.as_str(), name.as_str()))
                        })
                        .ok()?;
                    Some(&pods[at])
                })
                .collect(),
            None => pods.iter().collect(),
        };
        // PrioritySort: higher priority first, then in the order listed.
        let mut queue: Vec<&Arc<Value>> = candidates
            .into_iter()
            .filter(|pod| {
                let unbound = meta::str_at(pod, &["spec", "nodeName"])
                    .unwrap_or("")
                    .is_empty();
                let ours = meta::str_at(pod, &["spec", "schedulerName"]).unwrap_or(NAME) == NAME;
                let deleting = meta::at(pod, &["metadata", "deletionTimestamp"]).is_some();
                unbound && ours && !deleting
            })
            .collect();
        queue.sort_by_key(|p| {
            std::cmp::Reverse(
                meta::at(p, &["spec", "priority"])
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
            )
        });
        // The snapshot is built only when a pod is to be tried.
        let mut pass: Option<Pass> = None;
        let mut tried: Vec<String> = vec![];
        for pod in queue {
            let uid = meta::str_at(pod, &["metadata", "uid"])
                .unwrap_or("")
                .to_string();
            // Like the real queueing hints: node failures wait for node
            // changes; resource, port, spread and affinity failures also for
            // pods going away.
            let rejected = |f: &dyn Fn(&str) -> bool| {
                self.decisions
                    .get(&uid)
                    .is_some_and(|d| d.summary.rejected_by(f))
            };
            let with_pods = rejected(&pods_matter);
            let state = self
                .digests
                .of(with_pods, || cluster_state(&pods, with_pods));
            let waiting = self.retry_at.get(&uid).is_some_and(|t| api.now().0 < *t);
            if waiting && rejected(&|p| p.starts_with("Volume")) {
                let digest = &pass
                    .get_or_insert_with(|| Pass::new(api, &pods, &nodes))
                    .volumes
                    .digest;
                if self.seen.get(&uid) == Some(&format!("{state}|{digest}")) {
                    continue;
                }
            } else if waiting && self.seen.get(&uid) == Some(&state) {
                continue;
            }
            let pass = pass.get_or_insert_with(|| Pass::new(api, &pods, &nodes));
            self.schedule(api, pod, pass, &uid);
            tried.push(uid);
        }
        self.remember_state(api, &tried);
        let all_waiting = tried
            .iter()
            .all(|uid| self.retry_at.get(uid).is_some_and(|t| now < *t));
        self.last_pass = Some(LastPass {
            revision: start,
            at: now,
            all_waiting,
        });
        // The memory of pods deleted since the last pass goes; without the
        // history since, everything not listed goes.
        if let Some(since) = since {
            for uid in &since.deleted {
                self.forget(uid);
            }
            return;
        }
        let live: BTreeSet<&str> = pods
            .iter()
            .map(|p| meta::str_at(p, &["metadata", "uid"]).unwrap_or(""))
            .collect();
        self.decisions.retain(|uid, _| live.contains(uid.as_str()));
        self.recent.retain(|uid| live.contains(uid));
        self.retry_at.retain(|uid, _| live.contains(uid.as_str()));
        self.seen.retain(|uid, _| live.contains(uid.as_str()));
    }

    /// A node change moves the waiting pods it might let in back to the
    /// active queue: those a plugin it helps rejected. Whether any moved.
    fn requeue(&mut self, help: &NodeHelp) -> bool {
        let before = self.seen.len();
        if help.all {
            self.seen.clear();
        } else if help.any() {
            let decisions = &self.decisions;
            self.seen.retain(|uid, _| {
                !decisions
                    .get(uid)
                    .is_some_and(|d| d.summary.rejected_by(&|p| help.helps(p)))
            });
        }
        help.all || self.seen.len() != before
    }

    fn forget(&mut self, uid: &str) {
        self.decisions.remove(uid);
        self.recent.retain(|u| u != uid);
        self.retry_at.remove(uid);
        self.seen.remove(uid);
    }

    /// What the cluster looks like after this pass (its own bindings
    /// included), for each pod that failed in it: the pod is tried again
    /// when that changes.
    fn remember_state(&mut self, api: &ApiServer, tried: &[String]) {
        let failed: Vec<&String> = tried
            .iter()
            .filter(|uid| self.retry_at.contains_key(*uid))
            .collect();
        if failed.is_empty() {
            return;
        }
        if self.bound_in_pass {
            self.digests = Digests::default();
        }
        let pods = std::cell::OnceCell::new();
        let pods = || pods.get_or_init(|| list_all(api, "pods"));
        let mut volumes = None;
        for uid in failed {
            let rejected = |f: &dyn Fn(&str) -> bool| {
                self.decisions
                    .get(uid)
                    .is_some_and(|d| d.summary.rejected_by(f))
            };
            let with_pods = rejected(&pods_matter);
            let state = self
                .digests
                .of(with_pods, || cluster_state(pods(), with_pods));
            let state = if rejected(&|p| p.starts_with("Volume")) {
                let digest = volumes.get_or_insert_with(|| Volumes::list(api).digest);
                format!("{state}|{digest}")
            } else {
                state
            };
            self.seen.insert(uid.clone(), state);
        }
    }

    fn schedule(&mut self, api: &mut ApiServer, pod: &Arc<Value>, pass: &mut Pass, uid: &str) {
        let facts = Arc::new(PodFacts::new(pod.clone()));
        let ns = facts.namespace.clone();
        let name = facts.name.clone();
        let n = pass.nodes.len();
        // Filter from where the last pod stopped, until enough feasible nodes.
        let wanted = feasible_nodes_to_find(n);
        let mut verdicts: Vec<NodeVerdict> = Vec::with_capacity(n.min(wanted * 2));
        let mut at: Vec<usize> = Vec::with_capacity(n.min(wanted * 2));
        let mut feasible = 0;
        let prefilter = plugins::volume_prefilter(pod, &pass.volumes.pvcs, &pass.volumes.modes);
        let state = CycleState {
            spread: topology_spread::PreFilter::new(&facts, &pass.nodes, &pass.infos, &pass.owners),
            affinity: interpod_affinity::PreFilter::new(
                &facts,
                &pass.nodes,
                &pass.infos,
                &pass.namespaces,
            ),
        };
        if let Some((plugin, msg)) = &prefilter {
            // The framework gives every node the PreFilter's status.
            for (i, node) in pass.nodes.iter().enumerate() {
                verdicts.push(NodeVerdict {
                    node: node.shared_name.clone(),
                    rejected_by: Some((plugin.clone(), vec![msg.clone()])),
                    score: 0,
                    scores: Scores::default(),
                });
                at.push(i);
            }
        }
        for k in 0..n {
            if feasible >= wanted || prefilter.is_some() {
                break;
            }
            let i = (self.next_start + k) % n;
            let rejected_by =
                pass.nominated
                    .filter(&facts, i, &pass.nodes[i], &pass.infos[i], &state);
            feasible += usize::from(rejected_by.is_none());
            verdicts.push(NodeVerdict {
                node: pass.nodes[i].shared_name.clone(),
                rejected_by,
                score: 0,
                scores: Scores::default(),
            });
            at.push(i);
        }
        if n > 0 && prefilter.is_none() {
            self.next_start = (self.next_start + verdicts.len()) % n;
        }
        score(&facts, pass, &at, &mut verdicts);
        // By node name (the nodes are listed in name order): filtering went
        // round from `next_start`, so the verdicts are a rotation of it.
        let first = (0..at.len()).min_by_key(|k| at[*k]).unwrap_or(0);
        verdicts.rotate_left(first);
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
        let best = best.map(|v| v.node.to_string());
        let summary = Summary::of(&verdicts, best.as_deref());
        let verdicts = Arc::new(verdicts);
        // The event log keeps tens of thousands of events: it carries the
        // verdicts only of a pod that found no node.
        api.publish_event(EngineEvent::Scheduled {
            namespace: ns.clone(),
            pod: name.clone(),
            node: best.clone(),
            summary: summary.clone(),
            verdicts: best.is_none().then(|| verdicts.clone()),
        });
        let mut placed = false;
        let instance = format!("{NAME}-{}", pass.control_plane);
        match best.clone() {
            Some(node) => {
                if let Ok(bound) = api.bind(&ns, &name, &node) {
                    pass.nominated.remove(uid);
                    let msg = format!("Successfully assigned {ns}/{name} to {node}");
                    let by = recorder::Reporter {
                        controller: NAME,
                        instance: &instance,
                        action: "Binding",
                    };
                    recorder::record_new_once(api, &bound, "Normal", "Scheduled", &msg, &by);
                    // The binding sets only spec.nodeName and a condition:
                    // the pod's facts stand, not parsed again.
                    let mut facts = Arc::unwrap_or_clone(facts);
                    facts.node_name.clone_from(&node);
                    facts.value = bound;
                    pass.infos[pass.index[&node]].add(Arc::new(facts));
                    placed = true;
                    self.bound_in_pass = true;
                }
                self.retry_at.remove(uid);
            }
            None => {
                // PostFilter: preemption, unless a PreFilter rejected the pod.
                let outcome = match &prefilter {
                    Some(_) => preemption::Outcome::Failed(format!(
                        "preemption: 0/{n} nodes are available: {n} {}.",
                        preemption::NOT_HELPFUL
                    )),
                    None if n == 0 => preemption::Outcome::Failed(String::new()),
                    None => {
                        let ctx = preemption::Context {
                            nodes: &pass.nodes,
                            infos: &pass.infos,
                            index: &pass.index,
                            namespaces: &pass.namespaces,
                            pdbs: &pass.pdbs,
                            nominated: &pass.nominated,
                        };
                        preemption::preempt(&facts, &verdicts, &state, &ctx, &mut self.rng)
                    }
                };
                let (post, nominated) = match outcome {
                    preemption::Outcome::Failed(msg) => (msg, None),
                    preemption::Outcome::Nominated { node, victims } => {
                        self.evict(api, &facts, &node, &victims, &instance);
                        if let Some(&i) = pass.index.get(&node) {
                            pass.nominated.add(i, facts.clone());
                        }
                        (String::new(), Some(node))
                    }
                };
                let msg = plugins::fit_error(
                    &verdicts,
                    prefilter.as_ref().map(|p| p.1.as_str()),
                    Some(post.as_str()).filter(|p| !p.is_empty()),
                );
                let _ = set_unschedulable(api, &ns, &name, &msg, nominated.as_deref());
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
        self.decisions.insert(
            uid.to_string(),
            Decision {
                namespace: ns,
                pod: name,
                node: best,
                summary,
                verdicts: Some(verdicts),
            },
        );
        if placed {
            self.recent.placed(uid, &mut self.decisions);
        }
    }

    /// PreemptPod for each victim: the DisruptionTarget condition, a
    /// graceful delete, and the Preempted event.
    fn evict(
        &mut self,
        api: &mut ApiServer,
        preemptor: &PodFacts,
        node: &str,
        victims: &[Arc<PodFacts>],
        instance: &str,
    ) {
        let Some(r) = api.registry().resolve("pods").cloned() else {
            return;
        };
        for v in victims {
            let Ok(mut pod) = api.get(&r, &v.namespace, &v.name) else {
                continue;
            };
            let now = api.now().rfc3339();
            crate::apiserver::pod_status::set_condition(
                &mut pod,
                json!({"type": "DisruptionTarget", "status": "True", "lastProbeTime": null,
                       "reason": "PreemptionByScheduler",
                       "message": format!("{NAME}: preempting to accommodate a higher priority pod")}),
                &now,
            );
            let _ = api.write_status(&r, &v.namespace, pod);
            if api
                .delete(&r, &v.namespace, &v.name, &WriteOptions::default())
                .is_err()
            {
                continue;
            }
            let msg = format!("Preempted by pod {} on node {node}", preemptor.uid);
            let by = recorder::Reporter {
                controller: NAME,
                instance,
                action: "Preempting",
            };
            recorder::record_new(api, &v.value, "Normal", "Preempted", &msg, &by);
        }
    }
}

/// The scheduler's PodScheduled=False condition and, after a preemption,
/// status.nominatedNodeName, in one status write.
fn set_unschedulable(
    api: &mut ApiServer,
    ns: &str,
    name: &str,
    msg: &str,
    nominated: Option<&str>,
) -> Result<Value, crate::api::Status> {
    let Some(node) = nominated else {
        return api.set_unschedulable(ns, name, msg);
    };
    let r = api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| crate::api::Status::internal("pods are not served"))?;
    let mut pod = api.get(&r, ns, name)?;
    let now = api.now().rfc3339();
    crate::apiserver::pod_status::set_condition(
        &mut pod,
        json!({"type": "PodScheduled", "status": "False", "lastProbeTime": null,
               "reason": "Unschedulable", "message": msg}),
        &now,
    );
    if pod["status"].get("phase").is_none() {
        pod["status"]["phase"] = json!("Pending");
    }
    pod["status"]["nominatedNodeName"] = json!(node);
    api.write_status(&r, ns, pod)
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
