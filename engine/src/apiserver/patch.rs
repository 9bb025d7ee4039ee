//! The PATCH verb: JSON merge patch (RFC 7386), strategic merge patch (with
//! the patch-merge keys of the built-in types) and JSON patch (RFC 6902).

use super::decode_types::{self, Decoder};
use super::field_validation::{self, FieldValidation};
use super::ApiServer;
use crate::api::registry::ApiResource;
use crate::api::Status;
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    Merge,
    Strategic,
    Json,
}

impl PatchType {
    /// The Content-Type a client sends it with.
    pub fn content_type(self) -> &'static str {
        match self {
            PatchType::Merge => "application/merge-patch+json",
            PatchType::Strategic => "application/strategic-merge-patch+json",
            PatchType::Json => "application/json-patch+json",
        }
    }

    /// From a Content-Type header value.
    pub fn from_content_type(ct: &str) -> Option<PatchType> {
        match ct.split(';').next().unwrap_or("").trim() {
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/strategic-merge-patch+json" => Some(PatchType::Strategic),
            "application/json-patch+json" => Some(PatchType::Json),
            _ => None,
        }
    }
}

/// RFC 7386: objects merge recursively, `null` deletes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let t = target.as_object_mut().expect("just made an object");
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// The merge key of a list field of the built-in types (`patchMergeKey`),
/// given the field name and its parent's field name. None: the list is atomic.
pub fn merge_key(parent: &str, field: &str) -> Option<&'static str> {
    Some(match field {
        "containers" | "initContainers" | "ephemeralContainers" => "name",
        "env" | "volumes" | "imagePullSecrets" | "resourceClaims" => "name",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "hostAliases" => "ip",
        "conditions" => "type",
        "ownerReferences" => "uid",
        "topologySpreadConstraints" => "topologyKey",
        "ports" if parent == "containers" || parent == "initContainers" => "containerPort",
        "ports" => "port",
        _ => return None,
    })
}

/// Lists merged as sets of scalars (`patchStrategy:"merge"` without a key).
fn is_scalar_set(field: &str) -> bool {
    field == "finalizers"
}

fn key_of<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key)
}

/// Strategic merge patch: like a merge patch, but lists with a merge key are
/// merged element by element (`$patch: delete` removes one), and `$patch:
/// replace` / `$retainKeys` are honoured in their common forms.
pub fn strategic_merge(target: &mut Value, patch: &Value, parent: &str) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if p.get("$patch").and_then(Value::as_str) == Some("replace") {
        let mut clean = p.clone();
        clean.remove("$patch");
        *target = Value::Object(clean);
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let t = target.as_object_mut().expect("just made an object");
    for (k, v) in p {
        if k.starts_with('$') {
            continue;
        }
        if v.is_null() {
            t.remove(k);
            continue;
        }
        match (v, merge_key(parent, k)) {
            (Value::Array(items), Some(key)) => {
                let current = t.entry(k.clone()).or_insert(Value::Array(vec![]));
                if !current.is_array() {
                    *current = Value::Array(vec![]);
                }
                let list = current.as_array_mut().expect("just made an array");
                for item in items {
                    let Some(id) = key_of(item, key).cloned() else {
                        continue;
                    };
                    let pos = list.iter().position(|e| key_of(e, key) == Some(&id));
                    let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
                    match (pos, delete) {
                        (Some(i), true) => {
                            list.remove(i);
                        }
                        (None, true) => {}
                        (Some(i), false) => strategic_merge(&mut list[i], item, k),
                        (None, false) => {
                            let mut fresh = Value::Null;
                            strategic_merge(&mut fresh, item, k);
                            list.push(fresh);
                        }
                    }
                }
            }
            (Value::Array(items), None) if is_scalar_set(k) => {
                let current = t.entry(k.clone()).or_insert(Value::Array(vec![]));
                if let Some(list) = current.as_array_mut() {
                    for item in items {
                        if !list.contains(item) {
                            list.push(item.clone());
                        }
                    }
                }
            }
            (Value::Object(_), _) => {
                strategic_merge(t.entry(k.clone()).or_insert(Value::Null), v, k);
            }
            _ => {
                t.insert(k.clone(), v.clone());
            }
        }
    }
}

/// RFC 6902 JSON patch. Errors carry the upstream texts where they exist.
pub fn json_patch(target: &mut Value, ops: &Value) -> Result<(), String> {
    let ops = ops
        .as_array()
        .ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        match kind {
            "add" | "replace" => {
                let value = op.get("value").cloned().ok_or("missing value")?;
                set_pointer(target, path, value, kind == "add")?;
            }
            "remove" => remove_pointer(target, path)?,
            "test" => {
                let want = op.get("value").cloned().unwrap_or(Value::Null);
                if target.pointer(path) != Some(&want) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            "copy" | "move" => {
                let from = op.get("from").and_then(Value::as_str).unwrap_or("");
                let v = target.pointer(from).cloned().ok_or_else(|| {
                    format!("{kind} operation does not apply: doc is missing from path: {from}")
                })?;
                if kind == "move" {
                    remove_pointer(target, from)?;
                }
                set_pointer(target, path, v, true)?;
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

fn split_pointer(path: &str) -> Result<(String, String), String> {
    let i = path
        .rfind('/')
        .ok_or_else(|| format!("add operation does not apply: doc is missing path: \"{path}\""))?;
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    Ok((path[..i].to_string(), unescape(&path[i + 1..])))
}

fn set_pointer(target: &mut Value, path: &str, value: Value, insert: bool) -> Result<(), String> {
    let (parent, last) = split_pointer(path)?;
    let missing = || format!("add operation does not apply: doc is missing path: \"{path}\"");
    let p = target.pointer_mut(&parent).ok_or_else(missing)?;
    match p {
        Value::Object(m) => {
            if !insert && !m.contains_key(&last) {
                return Err(format!(
                    "replace operation does not apply: doc is missing key: {path}"
                ));
            }
            m.insert(last, value);
        }
        Value::Array(a) => {
            if last == "-" {
                a.push(value);
            } else {
                let i: usize = last.parse().map_err(|_| missing())?;
                if insert && i <= a.len() {
                    a.insert(i, value);
                } else if !insert && i < a.len() {
                    a[i] = value;
                } else {
                    return Err(missing());
                }
            }
        }
        _ => return Err(missing()),
    }
    Ok(())
}

fn remove_pointer(target: &mut Value, path: &str) -> Result<(), String> {
    let (parent, last) = split_pointer(path)?;
    let missing = || format!("remove operation does not apply: doc is missing path: \"{path}\"");
    match target.pointer_mut(&parent).ok_or_else(missing)? {
        Value::Object(m) => m.remove(&last).map(|_| ()).ok_or_else(missing),
        Value::Array(a) => {
            let i: usize = last.parse().map_err(|_| missing())?;
            if i < a.len() {
                a.remove(i);
                Ok(())
            } else {
                Err(missing())
            }
        }
        _ => Err(missing()),
    }
}

/// Applies a patch of any kind to a copy of `target`. The error is the text
/// of a 400 (or of a 422 for a failed JSON-patch `test`).
pub fn apply(kind: PatchType, target: &Value, patch: &Value) -> Result<Value, String> {
    if kind != PatchType::Json && !patch.is_object() {
        return Err("json: cannot unmarshal into Go value of type map[string]interface {}".into());
    }
    let mut out = target.clone();
    match kind {
        PatchType::Merge => merge_patch(&mut out, patch),
        PatchType::Strategic => strategic_merge(&mut out, patch, ""),
        PatchType::Json => json_patch(&mut out, patch)?,
    }
    Ok(out)
}

/// The 400 for a patch body that is not JSON (`msg`: encoding/json's
/// error): patcher.go decodes a JSON or merge patch strictly under Strict
/// and Warn validation ("error decoding patch: ..."); otherwise a JSON
/// patch fails in DecodePatch and a merge patch in MergePatch.
pub fn undecodable_patch(kind: PatchType, validation: FieldValidation, msg: &str) -> String {
    let strict = validation != FieldValidation::Ignore;
    match kind {
        PatchType::Strategic => msg.to_string(),
        _ if strict => format!("error decoding patch: {msg}"),
        PatchType::Json => msg.to_string(),
        PatchType::Merge => "Invalid JSON Patch".into(),
    }
}

impl ApiServer {
    /// PATCH: applies `patch` to the stored object and updates it.
    pub fn patch(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        kind: PatchType,
        patch: &Value,
    ) -> Result<Value, Status> {
        self.as_requester(("patch", r, "", namespace, name), |s| {
            s.patch_checked(r, namespace, name, kind, patch)
        })
    }

    fn patch_checked(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        kind: PatchType,
        patch: &Value,
    ) -> Result<Value, Status> {
        // Custom resources have no patch-merge keys, so no strategic merge.
        if kind == PatchType::Strategic && r.is_custom() {
            return Err(Status::unsupported_media_type(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            ));
        }
        let current = self.get(r, namespace, name)?;
        let mut next =
            apply(kind, &current, patch).map_err(|e| Status::unprocessable_patch(r, name, &e))?;
        // A patch never moves the object or races with itself.
        next["metadata"]["name"] = Value::String(name.into());
        next["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"].clone();
        type_check_patch(r, kind, patch, &next)?;
        if kind != PatchType::Json {
            for w in field_validation::check_patch(self.field_validation, r, patch, &mut next)? {
                self.warn(w);
            }
        } else {
            field_validation::prune(r, &mut next);
        }
        // Patched in the request's version, stored in the storage version.
        self.update_in_version(r, namespace, next)
    }
}

/// A patched object whose fields have the wrong JSON types cannot become
/// the Go object: a strategic patch's result fails in the unstructured
/// converter (the patch quoted), a merge or JSON patch's in the JSON
/// decoder (the patched object quoted).
pub fn type_check_patch(
    r: &ApiResource,
    kind: PatchType,
    patch: &Value,
    next: &Value,
) -> Result<(), Status> {
    let (how, quoted) = match kind {
        PatchType::Strategic => (Decoder::Converter, field_validation::patch_as_quoted(patch)),
        _ => (
            Decoder::Json,
            serde_json::to_string(&next.to_string()).unwrap_or_default(),
        ),
    };
    match decode_types::type_error(r, next, how) {
        Some(why) => Err(field_validation::invalid_patch(quoted, why)),
        None => Ok(()),
    }
}

impl Status {
    /// 415: a patch type the resource does not accept.
    pub fn unsupported_media_type(message: &str) -> Status {
        Status {
            code: 415,
            reason: "UnsupportedMediaType".into(),
            message: message.into(),
            details: None,
        }
    }

    /// A patch that does not apply: the patcher's 400, except a failed
    /// JSON-patch `test` (422), as `kubeplay serve` answers them.
    fn unprocessable_patch(_r: &ApiResource, _name: &str, err: &str) -> Status {
        if err.starts_with("testing value") {
            return Status {
                code: 422,
                reason: "Invalid".into(),
                message: err.into(),
                details: None,
            };
        }
        Status::bad_request(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_rfc7386() {
        let mut t = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(&mut t, &json!({"a": null, "b": {"c": 5}, "l": [9]}));
        assert_eq!(t, json!({"b": {"c": 5, "d": 3}, "l": [9]}));
    }

    #[test]
    fn strategic_merge_by_key() {
        let mut t = json!({"spec": {"containers": [
            {"name": "web", "image": "nginx:1.14", "ports": [{"containerPort": 80}]},
            {"name": "side", "image": "busybox"}
        ]}});
        strategic_merge(
            &mut t,
            &json!({"spec": {"containers": [
                {"name": "web", "image": "nginx:1.16"},
                {"name": "side", "$patch": "delete"},
                {"name": "new", "image": "redis"}
            ]}}),
            "",
        );
        assert_eq!(
            t,
            json!({"spec": {"containers": [
                {"name": "web", "image": "nginx:1.16", "ports": [{"containerPort": 80}]},
                {"name": "new", "image": "redis"}
            ]}})
        );
    }

    #[test]
    fn json_patch_ops() {
        let mut t = json!({"spec": {"replicas": 1, "l": [1, 2]}});
        json_patch(
            &mut t,
            &json!([{"op": "replace", "path": "/spec/replicas", "value": 3},
                    {"op": "add", "path": "/spec/l/-", "value": 3},
                    {"op": "remove", "path": "/spec/l/0"}]),
        )
        .unwrap();
        assert_eq!(t, json!({"spec": {"replicas": 3, "l": [2, 3]}}));
        assert!(json_patch(&mut t, &json!([{"op": "remove", "path": "/nope"}])).is_err());
    }
}
