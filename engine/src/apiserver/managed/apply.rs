//! Server-side apply (PATCH application/apply-patch+yaml): the applied
//! configuration is merged into the live object (or creates it), the
//! manager's Apply entry becomes exactly the applied fields, fields it
//! applied before and no one owns now are removed, and changing a field
//! another manager owns is a conflict unless forced (structured-merge-diff
//! merge/update.go Apply; apiserver fieldmanager/internal/conflict.go).

use super::set::{path_string, Set};
use super::typed::{self, Diff};
use super::{decode, diff_object, encode, kind_ty, Entry, STRIPPED_META};
use crate::api::registry::ApiResource;
use crate::api::{meta, Status};
use crate::apiserver::{ApiServer, WriteOptions};
use serde_json::{json, Value};

/// The applied fields, without those no manager owns.
fn applied_set(r: &ApiResource, config: &Value) -> Set {
    let mut s = Set::default();
    typed::to_field_set(&mut vec![], config, kind_ty(r), &mut s);
    s.children.remove("f:apiVersion");
    s.children.remove("f:kind");
    if let Some(m) = s.children.get_mut("f:metadata") {
        m.member = false;
        for f in STRIPPED_META {
            m.children.remove(&format!("f:{f}"));
        }
    }
    if r.has_subresource("status") {
        s.children.remove("f:status");
    }
    s.children.retain(|_, v| !v.is_empty());
    s
}

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// fieldmanager's lastAppliedUpdater: an apply by `kubectl` keeps an existing
/// client-side-apply annotation in step with the applied configuration.
fn sync_last_applied(manager: &str, config: &Value, obj: &mut Value) {
    if manager != "kubectl" || meta::at(obj, &["metadata", "annotations", LAST_APPLIED]).is_none() {
        return;
    }
    let mut applied = config.clone();
    if let Some(m) = applied.get_mut("metadata").and_then(Value::as_object_mut) {
        if let Some(a) = m.get_mut("annotations").and_then(Value::as_object_mut) {
            a.remove(LAST_APPLIED);
        }
    }
    // runtime.Encode of unstructured: compact JSON with a newline.
    let text = format!("{}\n", crate::kubectl::printers::json::to_compact(&applied));
    obj["metadata"]["annotations"][LAST_APPLIED] = Value::String(text);
}

/// 409 with upstream's text: `Apply failed with N conflict(s): ...`.
fn conflict_error(conflicts: &[(Entry, Set)]) -> Status {
    let mut per: Vec<(String, Vec<String>)> = conflicts
        .iter()
        .map(|(e, s)| {
            (
                e.describe(),
                s.paths().iter().map(|p| path_string(p)).collect(),
            )
        })
        .collect();
    per.sort();
    let total: usize = per.iter().map(|(_, p)| p.len()).sum();
    let message = if total == 1 {
        format!(
            "Apply failed with 1 conflict: conflict with {}: {}",
            per[0].0, per[0].1[0]
        )
    } else {
        let mut lines = vec![];
        for (who, paths) in &per {
            lines.push(format!("conflicts with {who}:"));
            lines.extend(paths.iter().map(|p| format!("- {p}")));
        }
        format!("Apply failed with {total} conflicts: {}", lines.join("\n"))
    };
    Status {
        code: 409,
        reason: "Conflict".into(),
        message,
        details: None,
    }
}

impl ApiServer {
    /// PATCH with the apply patch type, as the current field manager.
    pub fn apply_patch(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        config: &Value,
        force: bool,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        self.as_requester(("patch", r, "", namespace, name), |s| {
            s.apply_checked(r, namespace, name, config, force, opts)
        })
    }

    fn apply_checked(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        config: &Value,
        force: bool,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        if !config.is_object() {
            return Err(Status::bad_request(
                "error decoding YAML: error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}",
            ));
        }
        let Some(fm) = self.field_manager.clone().filter(|m| !m.name.is_empty()) else {
            return Err(Status::bad_request(
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
            ));
        };
        // structuredmerge.go Apply's checks.
        let version = r.api_version();
        let patch_version = config
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or("");
        if patch_version != version {
            return Err(Status::bad_request(format!(
                "Incorrect version specified in apply patch. Specified patch version: {patch_version}, expected: {version}"
            )));
        }
        if meta::at(config, &["metadata", "managedFields"]).is_some_and(|v| !v.is_null()) {
            return Err(Status::bad_request("metadata.managedFields must be nil"));
        }
        let body_name = meta::name(config);
        if !body_name.is_empty() && body_name != name {
            return Err(Status::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        let ty = kind_ty(r);
        let now = json!(self.now.rfc3339());
        let applied = applied_set(r, config);
        let current = self.stored_view(r, namespace, name);
        let Some(current) = current else {
            // Apply creates what does not exist: its only manager is the applier.
            let mut obj = json!({});
            typed::merge(&mut obj, config, ty);
            meta::metadata_mut(&mut obj).insert("name".into(), json!(name));
            let entry = Entry {
                manager: fm.name.clone(),
                operation: "Apply".into(),
                api_version: version,
                subresource: String::new(),
                time: Some(now),
                set: applied,
            };
            encode(vec![entry], &mut obj);
            let before = self.set_field_manager(None);
            let out = self.create_in_version(r, namespace, obj, opts);
            self.field_manager = before;
            return out;
        };
        let mut entries = decode(&current);
        let own = |e: &Entry| e.same(&fm.name, "Apply", &version, "");
        let last = entries.iter().find(|e| own(e)).map(|e| e.set.clone());
        let mut merged = current.clone();
        typed::merge(&mut merged, config, ty);
        // Fields applied last time, no longer applied and owned by no one, go.
        if let Some(last) = last {
            let mut owned = applied.clone();
            for e in entries.iter().filter(|e| !own(e)) {
                owned.union(&e.set);
            }
            let mut gone = last;
            gone.subtract(&owned);
            for p in gone.paths() {
                let mut under = owned.clone();
                for pe in &p {
                    under = under.child(pe).cloned().unwrap_or_default();
                }
                if under.is_empty() {
                    typed::remove_path(&mut merged, &p, ty);
                }
            }
        }
        let d: Diff = diff_object(r, &current, &merged, "");
        let conflicts: Vec<(Entry, Set)> = entries
            .iter()
            .filter(|e| !own(e))
            .map(|e| (e.clone(), e.set.intersect(&d.changed)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        if !conflicts.is_empty() && !force {
            return Err(conflict_error(&conflicts));
        }
        for e in entries.iter_mut().filter(|e| !own(e)) {
            e.set.subtract(&d.changed);
            e.set.subtract(&d.removed);
        }
        let changed = !d.is_empty();
        match entries.iter_mut().find(|e| own(e)) {
            Some(e) => {
                e.set = applied;
                if changed {
                    e.time = Some(now);
                }
            }
            None => entries.push(Entry {
                manager: fm.name.clone(),
                operation: "Apply".into(),
                api_version: version,
                subresource: String::new(),
                time: changed.then_some(now),
                set: applied,
            }),
        }
        encode(entries, &mut merged);
        sync_last_applied(&fm.name, config, &mut merged);
        merged["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"].clone();
        let before = self.set_field_manager(None);
        let out = if opts.dry_run {
            let mut scratch = self.clone();
            scratch.update_in_version(r, namespace, merged)
        } else {
            self.update_in_version(r, namespace, merged)
        };
        self.field_manager = before;
        out
    }
}
