//! Label selectors (`app=web,tier!=db,env in (a,b),!legacy`) as
//! `k8s.io/apimachinery/pkg/labels` parses and matches them; field selectors
//! (`metadata.name=x,status.phase!=Running`) as the API server matches them.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    Eq(String),
    NotEq(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Exists,
    DoesNotExist,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Requirement {
    key: String,
    op: Op,
}

/// A parsed selector; the empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    requirements: Vec<Requirement>,
}

/// Splits at commas that are not inside parentheses.
fn split_top(s: &str) -> Vec<String> {
    let (mut parts, mut cur, mut depth) = (vec![], String::new(), 0i32);
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
}

fn set_values(s: &str) -> Option<Vec<String>> {
    let inner = s.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(inner.split(',').map(|v| v.trim().to_string()).collect())
}

impl Selector {
    /// Whether it selects everything (no requirement).
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    pub fn parse(s: &str) -> Result<Selector, String> {
        let mut requirements = vec![];
        if s.trim().is_empty() {
            return Ok(Selector::default());
        }
        for part in split_top(s) {
            let p = part.trim();
            let bad = || format!("unable to parse requirement: found '{p}', expected: identifier");
            let req = if let Some(k) = p.strip_prefix('!') {
                Requirement {
                    key: k.trim().into(),
                    op: Op::DoesNotExist,
                }
            } else if let Some((k, v)) = p.split_once("!=") {
                Requirement {
                    key: k.trim().into(),
                    op: Op::NotEq(v.trim().into()),
                }
            } else if let Some((k, v)) = p.split_once("==") {
                Requirement {
                    key: k.trim().into(),
                    op: Op::Eq(v.trim().into()),
                }
            } else if let Some((k, v)) = p.split_once('=') {
                Requirement {
                    key: k.trim().into(),
                    op: Op::Eq(v.trim().into()),
                }
            } else if let Some((k, v)) = p.split_once(" notin ") {
                Requirement {
                    key: k.trim().into(),
                    op: Op::NotIn(set_values(v).ok_or_else(bad)?),
                }
            } else if let Some((k, v)) = p.split_once(" in ") {
                Requirement {
                    key: k.trim().into(),
                    op: Op::In(set_values(v).ok_or_else(bad)?),
                }
            } else if !p.is_empty() && !p.contains(char::is_whitespace) {
                Requirement {
                    key: p.into(),
                    op: Op::Exists,
                }
            } else {
                return Err(bad());
            };
            if req.key.is_empty() {
                return Err(bad());
            }
            requirements.push(req);
        }
        Ok(Selector { requirements })
    }

    pub fn matches(&self, labels: &[(&str, &str)]) -> bool {
        let get = |k: &str| labels.iter().find(|(lk, _)| *lk == k).map(|(_, v)| *v);
        self.requirements.iter().all(|r| match &r.op {
            Op::Eq(v) => get(&r.key) == Some(v.as_str()),
            Op::NotEq(v) => get(&r.key) != Some(v.as_str()),
            Op::In(vs) => get(&r.key).is_some_and(|x| vs.iter().any(|v| v == x)),
            Op::NotIn(vs) => get(&r.key).is_none_or(|x| !vs.iter().any(|v| v == x)),
            Op::Exists => get(&r.key).is_some(),
            Op::DoesNotExist => get(&r.key).is_none(),
        })
    }
}

/// Field selectors: `metadata.name=x`, `metadata.namespace!=y`, `status.phase=Running`.
#[derive(Clone, Debug, Default)]
pub struct FieldSelector {
    terms: Vec<(String, bool, String)>,
}

impl FieldSelector {
    pub fn parse(s: &str) -> Result<FieldSelector, String> {
        let mut terms = vec![];
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, neg, v) = if let Some((k, v)) = part.split_once("!=") {
                (k, true, v)
            } else if let Some((k, v)) = part.split_once("==") {
                (k, false, v)
            } else if let Some((k, v)) = part.split_once('=') {
                (k, false, v)
            } else {
                return Err(format!(
                    "invalid selector: '{s}'; can't understand '{part}'"
                ));
            };
            terms.push((k.trim().to_string(), neg, v.trim().to_string()));
        }
        Ok(FieldSelector { terms })
    }

    pub fn matches(&self, obj: &Value) -> bool {
        self.terms
            .iter()
            .all(|(k, neg, v)| (super::field_labels::value(obj, k) == *v) != *neg)
    }

    /// The API server's refusal of a field the kind cannot select on.
    pub fn check(&self, group: &str, kind: &str) -> Result<(), String> {
        self.terms
            .iter()
            .try_for_each(|(k, _, _)| super::field_labels::check(group, kind, k))
    }

    /// The `field=value` terms (not `!=`), for lists that can use an index.
    pub fn equalities(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms
            .iter()
            .filter(|(_, neg, _)| !neg)
            .map(|(k, _, v)| (k.as_str(), v.as_str()))
    }

    /// The name a `metadata.name=x` term pins a watch to.
    pub fn single_name(&self) -> Option<&str> {
        self.terms
            .iter()
            .find(|(k, neg, _)| k == "metadata.name" && !neg)
            .map(|(_, _, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_every_operator() {
        let l = [("app", "web"), ("tier", "front")];
        let m = |s: &str| Selector::parse(s).unwrap().matches(&l);
        assert!(m("app=web"));
        assert!(m("app==web,tier"));
        assert!(!m("app!=web"));
        assert!(m("tier in (front, back)"));
        assert!(!m("tier notin (front)"));
        assert!(m("!legacy"));
        assert!(!m("legacy"));
        assert!(m(""));
    }
}
