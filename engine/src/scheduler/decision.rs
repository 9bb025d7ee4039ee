//! What the scheduler keeps of each decision. Every node's verdict (the
//! filter that rejected it, every score plugin's score) is a few hundred
//! bytes, and a pass looks at hundreds of nodes per pod: kept for every
//! pod, 10,000 pods held over a gigabyte. So each decision keeps a small
//! summary — how many nodes were looked at and fit, the rejections counted
//! by plugin and reason, the chosen node's scores — and the full verdicts
//! only while the pod is Pending (why it is not placed) and for the last
//! `KEEP_VERDICTS` pods placed (why there).

use super::{NodeVerdict, Scores};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

/// Placed pods whose full verdicts are kept (the most recent).
pub const KEEP_VERDICTS: usize = 256;

/// A decision in a few dozen bytes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Nodes the filters ran on, and how many of them fit.
    pub evaluated: usize,
    pub feasible: usize,
    /// (plugin, reason, nodes) for every rejection, in the order first seen.
    pub rejections: Vec<(String, String, usize)>,
    /// The chosen node's weighted total and each score plugin's score.
    pub score: i64,
    pub scores: Scores,
}

impl Summary {
    pub fn of(verdicts: &[NodeVerdict], chosen: Option<&str>) -> Summary {
        let mut rejections: Vec<(String, String, usize)> = vec![];
        let mut at: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut feasible = 0;
        for v in verdicts {
            let Some((plugin, reasons)) = &v.rejected_by else {
                feasible += 1;
                continue;
            };
            for r in reasons {
                match at.get(&(plugin.as_str(), r.as_str())) {
                    Some(&i) => rejections[i].2 += 1,
                    None => {
                        at.insert((plugin, r), rejections.len());
                        rejections.push((plugin.clone(), r.clone(), 1));
                    }
                }
            }
        }
        let best = chosen.and_then(|c| verdicts.iter().find(|v| &*v.node == c));
        Summary {
            evaluated: verdicts.len(),
            feasible,
            rejections,
            score: best.map_or(0, |v| v.score),
            scores: best.map(|v| v.scores).unwrap_or_default(),
        }
    }

    /// Whether a filter plugin `f` accepts rejected some node.
    pub fn rejected_by(&self, f: &dyn Fn(&str) -> bool) -> bool {
        self.rejections.iter().any(|(p, ..)| f(p))
    }
}

/// The last scheduling attempt of a pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub namespace: String,
    pub pod: String,
    pub node: Option<String>,
    #[serde(default)]
    pub summary: Summary,
    /// Every node's verdict (shared with the `Scheduled` engine event);
    /// None once the pod is placed and `KEEP_VERDICTS` others came after.
    #[serde(default)]
    pub verdicts: Option<Arc<Vec<NodeVerdict>>>,
}

/// Placed pods with full verdicts, oldest first: the verdicts of the
/// oldest are dropped when there are too many.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Recent(VecDeque<String>);

impl Recent {
    pub fn placed(&mut self, uid: &str, decisions: &mut BTreeMap<String, Decision>) {
        self.0.retain(|u| u != uid);
        self.0.push_back(uid.to_string());
        while self.0.len() > KEEP_VERDICTS {
            if let Some(old) = self.0.pop_front() {
                if let Some(d) = decisions.get_mut(&old) {
                    d.verdicts = None;
                }
            }
        }
    }

    pub fn retain(&mut self, live: impl Fn(&str) -> bool) {
        self.0.retain(|u| live(u));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(node: &str, rejected: Option<(&str, &str)>, score: i64) -> NodeVerdict {
        let mut scores = Scores::default();
        scores.set(2, score);
        NodeVerdict {
            node: node.into(),
            rejected_by: rejected.map(|(p, r)| (p.to_string(), vec![r.to_string()])),
            score,
            scores,
        }
    }

    #[test]
    fn summaries_count_rejections_and_keep_the_chosen_scores() {
        let verdicts = vec![
            v("a", Some(("NodeResourcesFit", "Insufficient cpu")), 0),
            v("b", None, 70),
            v("c", Some(("NodeResourcesFit", "Insufficient cpu")), 0),
            v(
                "d",
                Some(("TaintToleration", "node(s) had untolerated taint(s)")),
                0,
            ),
        ];
        let s = Summary::of(&verdicts, Some("b"));
        assert_eq!((s.evaluated, s.feasible, s.score), (4, 1, 70));
        assert_eq!(
            s.rejections,
            vec![
                ("NodeResourcesFit".into(), "Insufficient cpu".into(), 2),
                (
                    "TaintToleration".into(),
                    "node(s) had untolerated taint(s)".into(),
                    1
                )
            ]
        );
        assert!(s.rejected_by(&|p| p == "TaintToleration"));
    }

    #[test]
    fn only_the_last_placed_keep_their_verdicts() {
        let mut decisions = BTreeMap::new();
        let mut recent = Recent::default();
        for i in 0..KEEP_VERDICTS + 2 {
            let uid = format!("u{i}");
            decisions.insert(
                uid.clone(),
                Decision {
                    namespace: "default".into(),
                    pod: uid.clone(),
                    node: Some("a".into()),
                    summary: Summary::default(),
                    verdicts: Some(Arc::new(vec![])),
                },
            );
            recent.placed(&uid, &mut decisions);
        }
        assert!(decisions["u0"].verdicts.is_none() && decisions["u1"].verdicts.is_none());
        assert!(decisions["u2"].verdicts.is_some());
    }
}
