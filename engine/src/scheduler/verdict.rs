//! What one node said about one pod. A pass builds one verdict per node it
//! filters for every pod (hundreds), so a verdict's scores are inline: no
//! allocation for a node that fits.

use super::plugins::SCORE_PLUGINS;
use serde::de::Deserializer;
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What one node said about one pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeVerdict {
    /// Shared with the pass's node (one allocation per node, not per verdict).
    pub node: Arc<str>,
    /// The first failing filter plugin and its reasons, or None if the node fits.
    pub rejected_by: Option<(String, Vec<String>)>,
    /// The weighted sum of the score plugins, for feasible nodes.
    pub score: i64,
    /// Each score plugin's normalized score (0-100, before its weight).
    #[serde(default)]
    pub scores: Scores,
}

/// The score plugins' normalized scores (0-100) by their place in
/// `SCORE_PLUGINS`; a plugin that skipped has none. Serialized as the list
/// of (plugin, score) pairs, in the plugins' order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    given: u8,
    values: [i32; SCORE_PLUGINS.len()],
}

impl Scores {
    /// Plugin `i` of `SCORE_PLUGINS` scored `v` (normalized: 0-100).
    pub fn set(&mut self, i: usize, v: i64) {
        self.given |= 1 << i;
        self.values[i] = v.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, i64)> + '_ {
        SCORE_PLUGINS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.given & (1 << i) != 0)
            .map(|(i, (name, _))| (*name, self.values[i] as i64))
    }

    pub fn is_empty(&self) -> bool {
        self.given == 0
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.given.count_ones() as usize))?;
        for pair in self.iter() {
            seq.serialize_element(&pair)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scores, D::Error> {
        let pairs: Vec<(String, i64)> = Vec::deserialize(d)?;
        let mut out = Scores::default();
        for (name, v) in pairs {
            if let Some(i) = SCORE_PLUGINS.iter().position(|(p, _)| *p == name) {
                out.set(i, v);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_serialize_as_the_list_of_pairs() {
        let mut s = Scores::default();
        s.set(2, 70);
        s.set(0, 100);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"[["TaintToleration",100],["NodeResourcesFit",70]]"#);
        assert_eq!(serde_json::from_str::<Scores>(&json).unwrap(), s);
    }
}
