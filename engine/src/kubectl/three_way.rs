//! Client-side apply's three-way strategic merge patch (sigs.k8s.io
//! strategicpatch.CreateThreeWayMergePatch, in its common cases): changes
//! from the live object to the new configuration, plus deletions of fields
//! the last applied configuration had and the new one drops.

use crate::apiserver::patch::merge_key;
use serde_json::{Map, Value};

/// The patch that turns `current` into `modified`, deleting what `original`
/// had and `modified` lacks. An empty map means "unchanged".
pub fn patch(original: Option<&Value>, modified: &Value, current: &Value) -> Value {
    Value::Object(diff_maps(
        original.and_then(Value::as_object),
        modified.as_object().unwrap_or(&Map::new()),
        current.as_object().unwrap_or(&Map::new()),
        "",
        true,
    ))
}

/// The three-way JSON merge patch kubectl sends for kinds outside its scheme
/// (custom resources, CRDs): the same, but every list is replaced whole.
pub fn json_merge_patch(original: Option<&Value>, modified: &Value, current: &Value) -> Value {
    Value::Object(diff_maps(
        original.and_then(Value::as_object),
        modified.as_object().unwrap_or(&Map::new()),
        current.as_object().unwrap_or(&Map::new()),
        "",
        false,
    ))
}

fn diff_maps(
    original: Option<&Map<String, Value>>,
    modified: &Map<String, Value>,
    current: &Map<String, Value>,
    parent: &str,
    keyed: bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(orig) = original {
        for k in orig.keys() {
            if !modified.contains_key(k) && current.contains_key(k) {
                out.insert(k.clone(), Value::Null);
            }
        }
    }
    for (k, m) in modified {
        let o = original.and_then(|o| o.get(k));
        match (m, current.get(k)) {
            (Value::Object(mm), Some(Value::Object(cm))) => {
                let d = diff_maps(o.and_then(Value::as_object), mm, cm, k, keyed);
                if !d.is_empty() {
                    out.insert(k.clone(), Value::Object(d));
                }
            }
            (Value::Array(ml), Some(Value::Array(cl))) => {
                if let Some(key) = merge_key(parent, k).filter(|_| keyed) {
                    let ol = o
                        .and_then(Value::as_array)
                        .map(|v| v.as_slice())
                        .unwrap_or(&[]);
                    if let Some(d) = diff_keyed(ol, ml, cl, key, k) {
                        out.insert(k.clone(), Value::Array(d));
                    }
                } else if ml != cl {
                    out.insert(k.clone(), m.clone());
                }
            }
            (m, Some(c)) if m == c => {}
            _ => {
                out.insert(k.clone(), m.clone());
            }
        }
    }
    out
}

fn diff_keyed(
    original: &[Value],
    modified: &[Value],
    current: &[Value],
    key: &str,
    field: &str,
) -> Option<Vec<Value>> {
    let mut out = vec![];
    let find = |list: &[Value], id: &Value| list.iter().find(|e| e.get(key) == Some(id)).cloned();
    for m in modified {
        let Some(id) = m.get(key) else { continue };
        match find(current, id) {
            Some(c) => {
                let o = find(original, id);
                let d = diff_maps(
                    o.as_ref().and_then(Value::as_object),
                    m.as_object().unwrap_or(&Map::new()),
                    c.as_object().unwrap_or(&Map::new()),
                    field,
                    true,
                );
                if !d.is_empty() {
                    let mut d = d;
                    d.insert(key.into(), id.clone());
                    out.push(Value::Object(d));
                }
            }
            None => out.push(m.clone()),
        }
    }
    for o in original {
        let Some(id) = o.get(key) else { continue };
        let gone = !modified.iter().any(|m| m.get(key) == Some(id));
        if gone && find(current, id).is_some() {
            let mut d = Map::new();
            d.insert("$patch".into(), Value::String("delete".into()));
            d.insert(key.into(), id.clone());
            out.push(Value::Object(d));
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unchanged_when_config_matches_live() {
        let cfg = json!({"metadata": {"name": "a", "labels": {"x": "1"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
        let live = json!({"metadata": {"name": "a", "labels": {"x": "1"}, "uid": "u"}, "spec": {"containers": [{"name": "c", "image": "nginx", "imagePullPolicy": "Always"}], "dnsPolicy": "ClusterFirst"}});
        assert_eq!(patch(Some(&cfg), &cfg, &live), json!({}));
    }

    #[test]
    fn changes_and_deletions() {
        let orig = json!({"metadata": {"labels": {"x": "1", "y": "2"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}, {"name": "d", "image": "redis"}]}});
        let modified = json!({"metadata": {"labels": {"x": "1"}}, "spec": {"containers": [{"name": "c", "image": "nginx:1.16"}]}});
        let live = orig.clone();
        assert_eq!(
            patch(Some(&orig), &modified, &live),
            json!({"metadata": {"labels": {"y": null}}, "spec": {"containers": [{"name": "c", "image": "nginx:1.16"}, {"$patch": "delete", "name": "d"}]}})
        );
    }
}
