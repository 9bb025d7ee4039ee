//! A set of field paths as structured-merge-diff keeps it (`fieldpath.Set`),
//! stored by the path elements' FieldsV1 keys (`f:name`, `k:{"name":"c"}`,
//! `v:"x"`, `i:0`), so it reads and writes `fieldsV1` directly.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Set {
    /// This path itself is in the set (FieldsV1 writes `.` when it also has children).
    pub member: bool,
    pub children: BTreeMap<String, Set>,
}

impl Set {
    pub fn is_empty(&self) -> bool {
        !self.member && self.children.values().all(Set::is_empty)
    }

    pub fn insert(&mut self, path: &[String]) {
        let mut at = self;
        for pe in path {
            at = at.children.entry(pe.clone()).or_default();
        }
        at.member = true;
    }

    pub fn child(&self, pe: &str) -> Option<&Set> {
        self.children.get(pe)
    }

    pub fn union(&mut self, other: &Set) {
        self.member |= other.member;
        for (k, v) in &other.children {
            self.children.entry(k.clone()).or_default().union(v);
        }
    }

    /// Removes the paths `other` holds (exact paths: `Set.Difference`).
    pub fn subtract(&mut self, other: &Set) {
        if other.member {
            self.member = false;
        }
        for (k, v) in &other.children {
            if let Some(mine) = self.children.get_mut(k) {
                mine.subtract(v);
                if mine.is_empty() {
                    self.children.remove(k);
                }
            }
        }
    }

    /// Removes every path under a path `other` holds (`RecursiveDifference`).
    pub fn subtract_recursive(&mut self, other: &Set) {
        for (k, v) in &other.children {
            if v.member {
                self.children.remove(k);
            } else if let Some(mine) = self.children.get_mut(k) {
                mine.subtract_recursive(v);
                if mine.is_empty() {
                    self.children.remove(k);
                }
            }
        }
    }

    /// The paths in both.
    pub fn intersect(&self, other: &Set) -> Set {
        let mut out = Set {
            member: self.member && other.member,
            children: BTreeMap::new(),
        };
        for (k, v) in &self.children {
            if let Some(o) = other.children.get(k) {
                let both = v.intersect(o);
                if !both.is_empty() {
                    out.children.insert(k.clone(), both);
                }
            }
        }
        out
    }

    /// Every path, members of a level before its children (`Set.Iterate`).
    pub fn paths(&self) -> Vec<Vec<String>> {
        let mut out = vec![];
        self.walk(&mut vec![], &mut out);
        out
    }

    fn walk(&self, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        for (k, v) in &self.children {
            if v.member {
                let mut p = prefix.clone();
                p.push(k.clone());
                out.push(p);
            }
        }
        for (k, v) in &self.children {
            prefix.push(k.clone());
            v.walk(prefix, out);
            prefix.pop();
        }
    }

    /// The `fieldsV1` object.
    pub fn to_fields_v1(&self) -> Value {
        let mut m = Map::new();
        if self.member && !self.children.is_empty() {
            m.insert(".".into(), Value::Object(Map::new()));
        }
        for (k, v) in &self.children {
            if !v.is_empty() {
                m.insert(k.clone(), v.to_fields_v1());
            }
        }
        Value::Object(m)
    }

    /// Reads a `fieldsV1` object (unknown shapes are skipped).
    pub fn from_fields_v1(v: &Value) -> Set {
        let mut s = Set::default();
        if let Some(m) = v.as_object() {
            for (k, child) in m {
                if k == "." {
                    s.member = true;
                    continue;
                }
                let mut c = Set::from_fields_v1(child);
                if child.as_object().is_some_and(Map::is_empty) {
                    c.member = true;
                }
                s.children.insert(k.clone(), c);
            }
        }
        s
    }
}

/// A path as upstream prints it in conflicts: `.spec.containers[name="c"].image`.
pub fn path_string(path: &[String]) -> String {
    let mut out = String::new();
    for pe in path {
        if let Some(f) = pe.strip_prefix("f:") {
            out.push('.');
            out.push_str(f);
        } else if let Some(k) = pe.strip_prefix("k:") {
            let fields: Map<String, Value> = serde_json::from_str(k).unwrap_or_default();
            let parts: Vec<String> = fields
                .iter()
                .map(|(n, v)| format!("{n}={}", value_string(v)))
                .collect();
            out.push_str(&format!("[{}]", parts.join(",")));
        } else if let Some(v) = pe.strip_prefix("v:") {
            let v: Value = serde_json::from_str(v).unwrap_or(Value::Null);
            out.push_str(&format!("[={}]", value_string(&v)));
        } else if let Some(i) = pe.strip_prefix("i:") {
            out.push_str(&format!("[{i}]"));
        }
    }
    out
}

/// `value.ToString`: strings quoted as Go's %q, other values as JSON.
fn value_string(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn fields_v1_round_trip_with_dot() {
        let mut s = Set::default();
        s.insert(&p(&["f:metadata", "f:labels"]));
        s.insert(&p(&["f:metadata", "f:labels", "f:app"]));
        s.insert(&p(&["f:spec", "f:replicas"]));
        let v = s.to_fields_v1();
        assert_eq!(
            v,
            json!({"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:replicas": {}}})
        );
        assert_eq!(Set::from_fields_v1(&v), s);
    }

    #[test]
    fn difference_and_paths() {
        let mut a = Set::default();
        a.insert(&p(&["f:spec", "f:replicas"]));
        a.insert(&p(&["f:spec", "f:paused"]));
        let mut b = Set::default();
        b.insert(&p(&["f:spec", "f:replicas"]));
        assert_eq!(a.intersect(&b).paths(), vec![p(&["f:spec", "f:replicas"])]);
        a.subtract(&b);
        assert_eq!(a.paths(), vec![p(&["f:spec", "f:paused"])]);
    }

    #[test]
    fn conflict_path_text() {
        let path = p(&["f:spec", "f:containers", r#"k:{"name":"nginx"}"#, "f:image"]);
        assert_eq!(
            path_string(&path),
            r#".spec.containers[name="nginx"].image"#
        );
    }
}
