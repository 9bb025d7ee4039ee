//! Patches as the API server applies them to a stored object: JSON merge
//! patch (RFC 7386), JSON patch (RFC 6902), and strategic merge patch
//! approximated as a merge patch whose `$` directives are dropped (lists are
//! replaced whole, not merged by key).

use serde_json::Value;

/// The kinds of PATCH body, by Content-Type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    /// `application/merge-patch+json`
    Merge,
    /// `application/json-patch+json`
    Json,
    /// `application/strategic-merge-patch+json`
    Strategic,
}

impl PatchType {
    pub fn from_content_type(ct: &str) -> Option<PatchType> {
        match ct.split(';').next().unwrap_or("").trim() {
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/json-patch+json" => Some(PatchType::Json),
            "application/strategic-merge-patch+json" => Some(PatchType::Strategic),
            _ => None,
        }
    }
}

/// Applies a patch; the error is the message of a 400 (or 422 for JSON patch tests).
pub fn apply(t: PatchType, target: &Value, patch: &Value) -> Result<Value, String> {
    match t {
        PatchType::Merge => {
            if !patch.is_object() {
                return Err(
                    "json: cannot unmarshal into Go value of type map[string]interface {}".into(),
                );
            }
            Ok(merge(target, patch, false))
        }
        PatchType::Strategic => {
            if !patch.is_object() {
                return Err(
                    "json: cannot unmarshal into Go value of type map[string]interface {}".into(),
                );
            }
            Ok(merge(target, patch, true))
        }
        PatchType::Json => json_patch(target, patch),
    }
}

/// RFC 7386; with `strategic`, keys starting with `$` are directives and skipped.
fn merge(target: &Value, patch: &Value, strategic: bool) -> Value {
    let Value::Object(p) = patch else {
        return patch.clone();
    };
    let mut out = match target {
        Value::Object(t) => t.clone(),
        _ => serde_json::Map::new(),
    };
    for (k, v) in p {
        if strategic && k.starts_with('$') {
            continue;
        }
        if v.is_null() {
            out.remove(k);
        } else {
            let merged = merge(out.get(k).unwrap_or(&Value::Null), v, strategic);
            out.insert(k.clone(), merged);
        }
    }
    Value::Object(out)
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(vec![]);
    }
    let rest = pointer
        .strip_prefix('/')
        .ok_or_else(|| format!("JSON pointer must be empty or start with a \"/\": {pointer:?}"))?;
    Ok(rest.split('/').map(unescape).collect())
}

fn get<'a>(doc: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(doc, |v, t| match v {
        Value::Object(m) => m.get(t),
        Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn parent_mut<'a>(doc: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(doc, |v, t| match v {
        Value::Object(m) => m.get_mut(t),
        Value::Array(a) => t.parse::<usize>().ok().and_then(move |i| a.get_mut(i)),
        _ => None,
    })
}

fn add(doc: &mut Value, path: &[String], value: Value) -> Result<(), String> {
    let Some((last, parent)) = path.split_last() else {
        *doc = value;
        return Ok(());
    };
    let missing = || format!("doc is missing path: \"/{}\"", path.join("/"));
    match parent_mut(doc, parent).ok_or_else(missing)? {
        Value::Object(m) => {
            m.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(a) => {
            let i = if last == "-" {
                a.len()
            } else {
                last.parse::<usize>().map_err(|_| missing())?
            };
            if i > a.len() {
                return Err(missing());
            }
            a.insert(i, value);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, path: &[String]) -> Result<Value, String> {
    let missing = || format!("doc is missing path: \"/{}\"", path.join("/"));
    let (last, parent) = path.split_last().ok_or_else(missing)?;
    match parent_mut(doc, parent).ok_or_else(missing)? {
        Value::Object(m) => m.remove(last).ok_or_else(missing),
        Value::Array(a) => {
            let i = last.parse::<usize>().map_err(|_| missing())?;
            if i >= a.len() {
                return Err(missing());
            }
            Ok(a.remove(i))
        }
        _ => Err(missing()),
    }
}

/// RFC 6902.
fn json_patch(target: &Value, patch: &Value) -> Result<Value, String> {
    let ops = patch
        .as_array()
        .ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    let mut doc = target.clone();
    for op in ops {
        let name = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = tokens(op.get("path").and_then(Value::as_str).unwrap_or(""))?;
        let from = || tokens(op.get("from").and_then(Value::as_str).unwrap_or(""));
        let value = || {
            op.get("value")
                .cloned()
                .ok_or_else(|| format!("missing value for {name} operation"))
        };
        match name {
            "add" => add(&mut doc, &path, value()?)?,
            "remove" => {
                remove(&mut doc, &path)?;
            }
            "replace" => {
                remove(&mut doc, &path)?;
                add(&mut doc, &path, value()?)?;
            }
            "move" => {
                let v = remove(&mut doc, &from()?)?;
                add(&mut doc, &path, v)?;
            }
            "copy" => {
                let src = from()?;
                let v = get(&doc, &src)
                    .cloned()
                    .ok_or_else(|| format!("doc is missing from path: \"/{}\"", src.join("/")))?;
                add(&mut doc, &path, v)?;
            }
            "test" => {
                if get(&doc, &path) != Some(&value()?) {
                    return Err(format!(
                        "testing value /{} failed: test failed",
                        path.join("/")
                    ));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_sets_and_removes() {
        let t = json!({"a": 1, "m": {"x": 1, "y": 2}, "l": [1, 2]});
        let p = json!({"a": null, "m": {"y": 3}, "l": [3], "$retainKeys": ["a"]});
        assert_eq!(
            apply(PatchType::Strategic, &t, &p).unwrap(),
            json!({"m": {"x": 1, "y": 3}, "l": [3]})
        );
    }

    #[test]
    fn json_patch_ops() {
        let t = json!({"metadata": {"labels": {"a": "b"}}, "l": [1, 2]});
        let p = json!([
            {"op": "add", "path": "/metadata/labels/c~1d", "value": "e"},
            {"op": "remove", "path": "/metadata/labels/a"},
            {"op": "add", "path": "/l/-", "value": 3},
            {"op": "replace", "path": "/l/0", "value": 0},
            {"op": "test", "path": "/l/2", "value": 3},
        ]);
        assert_eq!(
            apply(PatchType::Json, &t, &p).unwrap(),
            json!({"metadata": {"labels": {"c/d": "e"}}, "l": [0, 2, 3]})
        );
        assert!(apply(
            PatchType::Json,
            &t,
            &json!([{"op": "remove", "path": "/nope"}])
        )
        .is_err());
    }
}
