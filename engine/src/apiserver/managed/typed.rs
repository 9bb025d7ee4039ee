//! The structural type of a field, read from the kind's OpenAPI schema as
//! kube-openapi's schemaconv does (list types and keys, atomic maps), and the
//! walks structured-merge-diff makes over typed values: compare (typed/
//! compare.go), ToFieldSet (typed/tofieldset.go) and merge (typed/merge.go).

use super::set::Set;
use crate::api::openapi::{schemas, Schemas};
use serde_json::{Map, Value};

/// A schema node (None: unknown, typed from the value as SMD's deduced type).
#[derive(Clone, Copy)]
pub struct Ty<'a> {
    outer: Option<&'a Value>,
    inner: Option<&'a Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ListKind {
    Atomic,
    Set,
    Map(Vec<String>),
}

impl<'a> Ty<'a> {
    pub const UNKNOWN: Ty<'static> = Ty {
        outer: None,
        inner: None,
    };

    pub fn of(s: Option<&'a Value>) -> Ty<'a> {
        let sch: &'static Schemas = schemas();
        Ty {
            outer: s,
            inner: s.map(|s| sch.resolve(s)),
        }
    }

    fn ext(&self, key: &str) -> Option<&'a Value> {
        self.outer
            .and_then(|o| o.get(key))
            .or_else(|| self.inner.and_then(|i| i.get(key)))
    }

    /// A declared field of a struct.
    pub fn field(&self, name: &str) -> Option<Ty<'a>> {
        self.inner
            .and_then(|i| i.get("properties"))
            .and_then(|p| p.get(name))
            .map(|s| Ty::of(Some(s)))
    }

    /// The type of `name` in a map: its field, or the map's element type.
    pub fn child(&self, name: &str) -> Ty<'a> {
        self.field(name)
            .unwrap_or_else(|| Ty::of(self.inner.and_then(|i| i.get("additionalProperties"))))
    }

    pub fn item(&self) -> Ty<'a> {
        Ty::of(self.inner.and_then(|i| i.get("items")))
    }

    pub fn map_atomic(&self) -> bool {
        self.ext("x-kubernetes-map-type").and_then(Value::as_str) == Some("atomic")
    }

    /// Lists are atomic unless typed: `x-kubernetes-list-type`, or the
    /// patch strategy `merge` (with a key: a map; without: a set).
    pub fn list_kind(&self) -> ListKind {
        if self.outer.is_none() {
            return ListKind::Atomic;
        }
        let keys = |v: Option<&Value>| -> Vec<String> {
            v.and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        match self.ext("x-kubernetes-list-type").and_then(Value::as_str) {
            Some("map") => ListKind::Map(keys(self.ext("x-kubernetes-list-map-keys"))),
            Some("set") => ListKind::Set,
            Some(_) => ListKind::Atomic,
            None => {
                let merge = self
                    .ext("x-kubernetes-patch-strategy")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.split(',').any(|p| p == "merge"));
                match (merge, self.ext("x-kubernetes-patch-merge-key")) {
                    (true, Some(k)) => ListKind::Map(keys(Some(&Value::Array(vec![k.clone()])))),
                    (true, None) => ListKind::Set,
                    _ => ListKind::Atomic,
                }
            }
        }
    }
}

/// The path element of a list item (`k:{...}`, `v:...` or `i:N`).
pub fn item_key(kind: &ListKind, item: &Value, index: usize) -> String {
    match kind {
        ListKind::Map(keys) => {
            let mut m = Map::new();
            for k in keys {
                if let Some(v) = item.get(k) {
                    m.insert(k.clone(), v.clone());
                }
            }
            format!("k:{}", Value::Object(m))
        }
        ListKind::Set => format!("v:{item}"),
        ListKind::Atomic => format!("i:{index}"),
    }
}

fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Object(m)) => m.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// What changed between two values: added or modified paths, and removed ones.
#[derive(Default, Debug)]
pub struct Diff {
    pub changed: Set,
    pub removed: Set,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Compares `old` and `new` at `path` (typed/compare.go): a node added or
/// removed is itself a path of the diff; atomic and empty nodes are leaves.
pub fn compare(
    path: &mut Vec<String>,
    old: Option<&Value>,
    new: Option<&Value>,
    ty: Ty,
    out: &mut Diff,
) {
    let leaf = |path: &Vec<String>, out: &mut Diff| {
        match (old, new) {
            (None, Some(_)) => out.changed.insert(path),
            (Some(_), None) => out.removed.insert(path),
            (Some(a), Some(b)) if a != b => out.changed.insert(path),
            _ => {}
        };
    };
    let shape = new.filter(|v| !v.is_null()).or(old).unwrap_or(&Value::Null);
    match shape {
        Value::Object(_) => {
            let (lo, ro) = (
                old.and_then(Value::as_object),
                new.and_then(Value::as_object),
            );
            let mismatched = old.is_some_and(|v| !v.is_object() && !v.is_null())
                || new.is_some_and(|v| !v.is_object() && !v.is_null());
            if ty.map_atomic() || (is_empty(old) && is_empty(new)) || mismatched {
                return leaf(path, out);
            }
            let empty = Map::new();
            let (lo, ro) = (lo.unwrap_or(&empty), ro.unwrap_or(&empty));
            for (k, lv) in lo {
                path.push(format!("f:{k}"));
                compare(path, Some(lv), ro.get(k), ty.child(k), out);
                path.pop();
            }
            for (k, rv) in ro {
                if !lo.contains_key(k) {
                    path.push(format!("f:{k}"));
                    compare(path, None, Some(rv), ty.child(k), out);
                    path.pop();
                }
            }
        }
        Value::Array(_) => {
            let kind = ty.list_kind();
            let mismatched = old.is_some_and(|v| !v.is_array() && !v.is_null())
                || new.is_some_and(|v| !v.is_array() && !v.is_null());
            if kind == ListKind::Atomic || (is_empty(old) && is_empty(new)) || mismatched {
                return leaf(path, out);
            }
            let empty = vec![];
            let la = old.and_then(Value::as_array).unwrap_or(&empty);
            let ra = new.and_then(Value::as_array).unwrap_or(&empty);
            let lk: Vec<String> = la
                .iter()
                .enumerate()
                .map(|(i, v)| item_key(&kind, v, i))
                .collect();
            let rk: Vec<String> = ra
                .iter()
                .enumerate()
                .map(|(i, v)| item_key(&kind, v, i))
                .collect();
            let item_ty = ty.item();
            for (i, k) in lk.iter().enumerate() {
                let r = rk.iter().position(|x| x == k).map(|j| &ra[j]);
                path.push(k.clone());
                compare(path, Some(&la[i]), r, item_ty, out);
                path.pop();
            }
            for (j, k) in rk.iter().enumerate() {
                if !lk.contains(k) {
                    path.push(k.clone());
                    compare(path, None, Some(&ra[j]), item_ty, out);
                    path.pop();
                }
            }
        }
        _ => return leaf(path, out),
    }
    match (old, new) {
        (None, Some(_)) => out.changed.insert(path),
        (Some(_), None) => out.removed.insert(path),
        _ => {}
    }
}

/// The fields an applied configuration sets (typed/tofieldset.go).
pub fn to_field_set(path: &mut Vec<String>, v: &Value, ty: Ty, out: &mut Set) {
    match v {
        Value::Object(m) => {
            if ty.map_atomic() {
                return out.insert(path);
            }
            for (k, child) in m {
                path.push(format!("f:{k}"));
                let cty = ty.child(k);
                to_field_set(path, child, cty, out);
                let empty_map = child.as_object().is_some_and(Map::is_empty);
                if child.is_null() || empty_map || ty.field(k).is_none() {
                    out.insert(path);
                }
                path.pop();
            }
        }
        Value::Array(a) => {
            let kind = ty.list_kind();
            if kind == ListKind::Atomic {
                return out.insert(path);
            }
            let item_ty = ty.item();
            for (i, item) in a.iter().enumerate() {
                path.push(item_key(&kind, item, i));
                to_field_set(path, item, item_ty, out);
                out.insert(path);
                path.pop();
            }
        }
        _ => out.insert(path),
    }
}

/// Merges an applied configuration into the live object (typed/merge.go):
/// maps field by field, keyed lists item by item, the rest replaced.
pub fn merge(live: &mut Value, config: &Value, ty: Ty) {
    match config {
        Value::Object(c) if !ty.map_atomic() => {
            if !live.is_object() {
                *live = Value::Object(Map::new());
            }
            let l = live.as_object_mut().expect("just made an object");
            for (k, v) in c {
                let slot = l.entry(k.clone()).or_insert(Value::Null);
                if slot.is_null() {
                    *slot = v.clone();
                } else {
                    merge(slot, v, ty.child(k));
                }
            }
        }
        Value::Array(c) => {
            let kind = ty.list_kind();
            let Some(l) = live.as_array_mut().filter(|_| kind != ListKind::Atomic) else {
                *live = config.clone();
                return;
            };
            let item_ty = ty.item();
            for (i, item) in c.iter().enumerate() {
                let key = item_key(&kind, item, i);
                let at = l
                    .iter()
                    .enumerate()
                    .position(|(j, x)| item_key(&kind, x, j) == key);
                match at {
                    Some(j) => merge(&mut l[j], item, item_ty),
                    None => l.push(item.clone()),
                }
            }
        }
        other => *live = other.clone(),
    }
}

/// Removes the field or list item at `path` from `v` (what a manager stopped applying).
pub fn remove_path(v: &mut Value, path: &[String], ty: Ty) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if let Some(f) = first.strip_prefix("f:") {
        let Some(m) = v.as_object_mut() else { return };
        if rest.is_empty() {
            m.remove(f);
        } else if let Some(child) = m.get_mut(f) {
            remove_path(child, rest, ty.child(f));
        }
    } else if let Some(a) = v.as_array_mut() {
        let kind = ty.list_kind();
        let Some(i) = a
            .iter()
            .enumerate()
            .position(|(i, x)| &item_key(&kind, x, i) == first)
        else {
            return;
        };
        if rest.is_empty() {
            a.remove(i);
        } else {
            remove_path(&mut a[i], rest, ty.item());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod_ty() -> Ty<'static> {
        Ty::of(schemas().of_kind("", "v1", "Pod"))
    }

    #[test]
    fn added_list_items_and_maps_are_members() {
        let old = json!({"spec": {"containers": null}});
        let new = json!({"metadata": {"labels": {"run": "x"}},
                         "spec": {"containers": [{"name": "c", "image": "nginx", "resources": {}}]}});
        let mut d = Diff::default();
        compare(&mut vec![], Some(&old), Some(&new), pod_ty(), &mut d);
        assert_eq!(
            d.changed.to_fields_v1(),
            json!({"f:metadata": {".": {}, "f:labels": {".": {}, "f:run": {}}},
                   "f:spec": {"f:containers": {"k:{\"name\":\"c\"}": {
                       ".": {}, "f:image": {}, "f:name": {}, "f:resources": {}}}}})
        );
    }

    #[test]
    fn apply_field_set_has_no_dot_for_maps() {
        let cfg = json!({"metadata": {"labels": {"app": "x"}},
                         "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
        let mut s = Set::default();
        to_field_set(&mut vec![], &cfg, pod_ty(), &mut s);
        assert_eq!(
            s.to_fields_v1(),
            json!({"f:metadata": {"f:labels": {"f:app": {}}},
                   "f:spec": {"f:containers": {"k:{\"name\":\"c\"}": {
                       ".": {}, "f:image": {}, "f:name": {}}}}})
        );
    }

    #[test]
    fn owner_references_are_atomic_items() {
        let new = json!({"metadata": {"ownerReferences": [{"uid": "u1", "kind": "ReplicaSet"}]}});
        let mut d = Diff::default();
        compare(
            &mut vec![],
            Some(&json!({"metadata": {}})),
            Some(&new),
            pod_ty(),
            &mut d,
        );
        assert_eq!(
            d.changed.to_fields_v1(),
            json!({"f:metadata": {"f:ownerReferences": {".": {}, "k:{\"uid\":\"u1\"}": {}}}})
        );
    }
}
