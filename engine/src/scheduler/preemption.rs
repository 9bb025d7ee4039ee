//! DefaultPreemption (the PostFilter, framework/preemption): when no node
//! fits, find nodes where evicting lower-priority pods would make room,
//! keep as many of them as still fit (PDB-protected ones first), and pick
//! the node the real candidate order prefers.

use super::facts::{LabelSelector, NodeView, PodFacts};
use super::plugins::{self, CycleState, NodeInfo};
use super::NodeVerdict;
use crate::api::meta;
use crate::rng::Rng;
use serde_json::Value;
use std::sync::Arc;

pub const NO_VICTIMS: &str = "No preemption victims found for incoming pod";
pub const NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";

/// What the PostFilter decided.
#[derive(Debug)]
pub enum Outcome {
    /// Preemption failed: the `preemption: ...` text for the FitError.
    Failed(String),
    /// Evict `victims` from `node` and nominate the pod there.
    Nominated {
        node: String,
        victims: Vec<Arc<PodFacts>>,
    },
}

/// A PodDisruptionBudget as filterPodsWithPDBViolation reads it.
pub struct Pdb {
    namespace: String,
    selector: Option<LabelSelector>,
    allowed: i64,
    disrupted: Vec<String>,
}

impl Pdb {
    pub fn new(pdb: &Value) -> Pdb {
        Pdb {
            namespace: meta::namespace(pdb).to_string(),
            selector: LabelSelector::parse(meta::at(pdb, &["spec", "selector"])),
            allowed: meta::at(pdb, &["status", "disruptionsAllowed"])
                .and_then(Value::as_i64)
                .unwrap_or(0),
            disrupted: meta::at(pdb, &["status", "disruptedPods"])
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default(),
        }
    }
}

/// What a candidate node would lose.
struct Candidate {
    node: String,
    victims: Vec<Arc<PodFacts>>,
    pdb_violations: i64,
}

/// MoreImportantPod: higher priority, then the one that started first (a
/// pod not started yet counts as starting now).
fn more_important(a: &PodFacts, b: &PodFacts) -> std::cmp::Ordering {
    let start = |p: &PodFacts| {
        if p.start_time.is_empty() {
            "~".to_string()
        } else {
            p.start_time.clone()
        }
    };
    b.priority
        .cmp(&a.priority)
        .then_with(|| start(a).cmp(&start(b)))
}

fn split_by_pdb(
    pods: Vec<Arc<PodFacts>>,
    pdbs: &[Pdb],
) -> (Vec<Arc<PodFacts>>, Vec<Arc<PodFacts>>) {
    let mut allowed: Vec<i64> = pdbs.iter().map(|p| p.allowed).collect();
    let (mut violating, mut other) = (vec![], vec![]);
    for p in pods {
        let mut violated = false;
        if !p.labels.is_empty() {
            for (i, pdb) in pdbs.iter().enumerate() {
                let Some(sel) = pdb.selector.as_ref() else {
                    continue;
                };
                if pdb.namespace != p.namespace || sel.is_empty() || !sel.matches(&p.labels) {
                    continue;
                }
                if pdb.disrupted.contains(&p.name) {
                    continue;
                }
                allowed[i] -= 1;
                violated |= allowed[i] < 0;
            }
        }
        if violated {
            violating.push(p);
        } else {
            other.push(p);
        }
    }
    (violating, other)
}

/// The state of the cycle as if `p` were added (`by` 1) or removed (-1).
fn update(
    state: &mut CycleState,
    p: &PodFacts,
    node: &NodeView,
    nss: &super::interpod_affinity::Namespaces,
    by: i64,
) {
    if let Some(s) = state.spread.as_mut() {
        s.update_with_pod(p, node, by);
    }
    if let Some(s) = state.affinity.as_mut() {
        s.update_with_pod(p, node, nss, by);
    }
}

/// SelectVictimsOnNode: Err carries the node's status reasons.
fn select_victims(
    pod: &PodFacts,
    i: usize,
    node: &NodeView,
    info: &NodeInfo,
    state: &CycleState,
    ctx: &Context,
) -> Result<(Vec<Arc<PodFacts>>, i64), Vec<String>> {
    let (mut info, mut state) = (info.clone(), state.clone());
    let mut potential: Vec<Arc<PodFacts>> = vec![];
    for p in info.pods.clone() {
        if p.priority < pod.priority {
            info.remove(&p.uid);
            update(&mut state, &p, node, ctx.namespaces, -1);
            potential.push(p);
        }
    }
    if potential.is_empty() {
        return Err(vec![NO_VICTIMS.into()]);
    }
    if let Some((_, reasons)) = ctx.nominated.filter(pod, i, node, &info, &state) {
        return Err(reasons);
    }
    potential.sort_by(|a, b| more_important(a, b));
    let (violating, other) = split_by_pdb(potential, ctx.pdbs);
    let mut victims = vec![];
    let mut violations = 0;
    let both = !violating.is_empty() && !other.is_empty();
    for (p, is_violating) in violating
        .into_iter()
        .map(|p| (p, true))
        .chain(other.into_iter().map(|p| (p, false)))
    {
        info.add(p.clone());
        update(&mut state, &p, node, ctx.namespaces, 1);
        if ctx.nominated.filter(pod, i, node, &info, &state).is_some() {
            info.remove(&p.uid);
            update(&mut state, &p, node, ctx.namespaces, -1);
            violations += i64::from(is_violating);
            victims.push(p);
        }
    }
    if both {
        victims.sort_by(|a, b| more_important(a, b));
    }
    Ok((victims, violations))
}

/// What the PostFilter reads besides the pod.
pub struct Context<'a> {
    pub nodes: &'a [NodeView],
    pub infos: &'a [NodeInfo],
    pub index: &'a std::collections::BTreeMap<String, usize>,
    pub namespaces: &'a super::interpod_affinity::Namespaces,
    pub pdbs: &'a [Pdb],
    pub nominated: &'a super::nominated::Nominated,
}

/// calculateNumCandidates: 10% of the nodes, at least 100.
fn candidates_wanted(n: usize) -> usize {
    (n / 10).max(100).min(n)
}

fn terminating_by_preemption(p: &PodFacts) -> bool {
    p.terminating
        && meta::at(&p.value, &["status", "conditions"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|c| c["type"] == "DisruptionTarget")
            .is_some_and(|c| c["status"] == "True" && c["reason"] == "PreemptionByScheduler")
}

pub fn preempt(
    pod: &PodFacts,
    verdicts: &[NodeVerdict],
    state: &CycleState,
    ctx: &Context,
    rng: &mut Rng,
) -> Outcome {
    let n = verdicts.len();
    if meta::str_at(&pod.value, &["spec", "preemptionPolicy"]) == Some("Never") {
        return Outcome::Failed("preemption: not eligible due to preemptionPolicy=Never.".into());
    }
    let nominated = meta::str_at(&pod.value, &["status", "nominatedNodeName"]).unwrap_or("");
    if !nominated.is_empty() {
        let unresolvable = verdicts.iter().any(|v| {
            &*v.node == nominated
                && v.rejected_by
                    .as_ref()
                    .is_some_and(|(p, r)| !plugins::resolvable(p, r))
        });
        let blocked = ctx.index.get(nominated).is_some_and(|i| {
            ctx.infos[*i]
                .pods
                .iter()
                .any(|p| p.priority < pod.priority && terminating_by_preemption(p))
        });
        if !unresolvable && blocked {
            return Outcome::Failed(
                "preemption: not eligible due to a terminating pod on the nominated node.".into(),
            );
        }
    }
    let potential: Vec<&NodeVerdict> = verdicts
        .iter()
        .filter(|v| {
            v.rejected_by
                .as_ref()
                .is_some_and(|(p, r)| plugins::resolvable(p, r))
        })
        .collect();
    let mut failed: Vec<String> = vec![];
    let mut candidates: (Vec<Candidate>, Vec<Candidate>) = (vec![], vec![]);
    if !potential.is_empty() {
        let wanted = candidates_wanted(potential.len());
        let offset = rng.below(potential.len() as u64) as usize;
        for k in 0..potential.len() {
            let v = potential[(offset + k) % potential.len()];
            let Some(&i) = ctx.index.get(&*v.node) else {
                continue;
            };
            match select_victims(pod, i, &ctx.nodes[i], &ctx.infos[i], state, ctx) {
                Ok((victims, pdb_violations)) if !victims.is_empty() => {
                    let c = Candidate {
                        node: v.node.to_string(),
                        victims,
                        pdb_violations,
                    };
                    if pdb_violations == 0 {
                        candidates.0.push(c);
                    } else {
                        candidates.1.push(c);
                    }
                    if !candidates.0.is_empty() && candidates.0.len() + candidates.1.len() >= wanted
                    {
                        break;
                    }
                }
                Ok(_) => failed.push(format!(
                    "expected at least one victim pod on node \"{}\"",
                    v.node
                )),
                Err(reasons) => failed.extend(reasons),
            }
        }
    }
    let all: Vec<Candidate> = candidates.0.into_iter().chain(candidates.1).collect();
    if all.is_empty() {
        let not_helpful = std::iter::repeat_n(NOT_HELPFUL.to_string(), n - potential.len());
        return Outcome::Failed(format!(
            "preemption: 0/{n} nodes are available: {}.",
            plugins::histogram(failed.into_iter().chain(not_helpful))
        ));
    }
    let best = pick_one(all);
    Outcome::Nominated {
        node: best.node,
        victims: best.victims,
    }
}

/// pickOneNodeForPreemption: fewest PDB violations, lowest highest victim
/// priority, lowest priority sum, fewest victims, latest start of the
/// highest-priority victims; then the first.
fn pick_one(mut all: Vec<Candidate>) -> Candidate {
    let keys: [fn(&Candidate) -> i128; 4] = [
        |c| -(c.pdb_violations as i128),
        |c| -(c.victims[0].priority as i128),
        |c| {
            -c.victims
                .iter()
                .map(|p| p.priority as i128 + i32::MAX as i128 + 1)
                .sum::<i128>()
        },
        |c| -(c.victims.len() as i128),
    ];
    for key in keys {
        let best = all.iter().map(key).max().unwrap_or(0);
        all.retain(|c| key(c) == best);
        if all.len() == 1 {
            break;
        }
    }
    if all.len() > 1 {
        // The earliest start among each node's highest-priority victims; the latest such wins.
        let earliest = |c: &Candidate| {
            let top = c.victims.iter().map(|p| p.priority).max().unwrap_or(0);
            c.victims
                .iter()
                .filter(|p| p.priority == top)
                .map(|p| {
                    if p.start_time.is_empty() {
                        "~".to_string()
                    } else {
                        p.start_time.clone()
                    }
                })
                .min()
                .unwrap_or_default()
        };
        let latest = all.iter().map(earliest).max().unwrap_or_default();
        all.retain(|c| earliest(c) == latest);
    }
    all.swap_remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn node(name: &str) -> NodeView {
        NodeView::new(Arc::new(
            json!({"metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
            "status": {"allocatable": {"cpu": "1", "memory": "1Gi", "pods": "110"}}}),
        ))
    }

    fn pod(name: &str, cpu: &str, priority: i64, labels: Value) -> Arc<PodFacts> {
        Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": name, "namespace": "default", "uid": name, "labels": labels},
            "spec": {"priority": priority, "containers": [{"resources": {"requests": {"cpu": cpu}}}]}}))))
    }

    fn rejected(node: &str) -> NodeVerdict {
        NodeVerdict {
            node: node.into(),
            rejected_by: Some(("NodeResourcesFit".into(), vec!["Insufficient cpu".into()])),
            score: 0,
            scores: Default::default(),
        }
    }

    fn run(
        placed: &[(usize, Arc<PodFacts>)],
        nodes: &[NodeView],
        incoming: &PodFacts,
        pdbs: &[Pdb],
    ) -> Outcome {
        let mut infos = vec![NodeInfo::default(); nodes.len()];
        for (i, p) in placed {
            infos[*i].add(p.clone());
        }
        let index: BTreeMap<String, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        let nss = Default::default();
        let nominated = Default::default();
        let ctx = Context {
            nodes,
            infos: &infos,
            index: &index,
            namespaces: &nss,
            pdbs,
            nominated: &nominated,
        };
        let verdicts: Vec<NodeVerdict> = nodes.iter().map(|n| rejected(&n.name)).collect();
        preempt(
            incoming,
            &verdicts,
            &CycleState::default(),
            &ctx,
            &mut Rng::seeded(1),
        )
    }

    #[test]
    fn evicts_only_what_is_needed() {
        let nodes = [node("a")];
        let placed = [
            (0, pod("low1", "400m", 0, json!({}))),
            (0, pod("low2", "400m", 0, json!({}))),
        ];
        let high = pod("high", "500m", 1000, json!({}));
        match run(&placed, &nodes, &high, &[]) {
            Outcome::Nominated { node, victims } => {
                assert_eq!(node, "a");
                assert_eq!(victims.len(), 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_lower_priority_pods_means_no_victims() {
        let nodes = [node("a")];
        let placed = [(0, pod("peer", "800m", 1000, json!({})))];
        let high = pod("high", "500m", 1000, json!({}));
        match run(&placed, &nodes, &high, &[]) {
            Outcome::Failed(msg) => assert_eq!(
                msg,
                "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
            ),
            other => panic!("{other:?}"),
        }
        // Too big even for an empty node: the filter's own reason.
        let huge = pod("huge", "2", 1000, json!({}));
        let placed = [(0, pod("low", "100m", 0, json!({})))];
        match run(&placed, &nodes, &huge, &[]) {
            Outcome::Failed(msg) => {
                assert_eq!(
                    msg,
                    "preemption: 0/1 nodes are available: 1 Insufficient cpu."
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn prefers_the_node_without_pdb_violations_then_lower_priorities() {
        let nodes = [node("a"), node("b"), node("c")];
        let placed = [
            (0, pod("guarded", "800m", 0, json!({"app": "db"}))),
            (1, pod("mid", "800m", 500, json!({}))),
            (2, pod("low", "800m", 100, json!({}))),
        ];
        let pdb = Pdb::new(&json!({"metadata": {"namespace": "default"},
            "spec": {"selector": {"matchLabels": {"app": "db"}}},
            "status": {"disruptionsAllowed": 0}}));
        let high = pod("high", "500m", 1000, json!({}));
        match run(&placed, &nodes, &high, &[pdb]) {
            Outcome::Nominated { node, .. } => assert_eq!(node, "c"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn preemption_policy_never() {
        let nodes = [node("a")];
        let never = Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": "n", "namespace": "default", "uid": "n"},
            "spec": {"priority": 1000, "preemptionPolicy": "Never", "containers": [{}]}}))));
        match run(&[], &nodes, &never, &[]) {
            Outcome::Failed(msg) => {
                assert_eq!(
                    msg,
                    "preemption: not eligible due to preemptionPolicy=Never."
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
