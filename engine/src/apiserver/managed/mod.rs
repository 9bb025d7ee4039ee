//! `metadata.managedFields`: who set which field (apiserver's fieldmanager
//! over structured-merge-diff). Every tracked write records the fields it
//! added or changed under its manager (operation Update), taking them from
//! other managers; server-side apply (`apply.rs`) records the applied set
//! (operation Apply) and refuses to take fields from others without force.

pub mod apply;
pub mod set;
pub mod typed;

use super::ApiServer;
use crate::api::openapi::schemas;
use crate::api::registry::ApiResource;
use serde_json::{json, Map, Value};
use set::Set;
use typed::{Diff, Ty};

/// The manager of the requests being served and the subresource they write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldManager {
    pub name: String,
    /// "" for the object itself, "status" or "scale".
    pub subresource: String,
}

impl FieldManager {
    pub fn new(name: &str) -> FieldManager {
        FieldManager {
            name: name.into(),
            subresource: String::new(),
        }
    }

    pub fn on(mut self, subresource: &str) -> FieldManager {
        self.subresource = subresource.into();
        self
    }

    /// A request's manager: its `fieldManager` parameter, else its user
    /// agent up to `/` (handlers/rest.go managerOrUserAgent), writing
    /// `sub` if it is status or scale.
    pub fn of_request(param: Option<&str>, user_agent: &str, sub: Option<&str>) -> FieldManager {
        let name = param.unwrap_or_else(|| user_agent.split('/').next().unwrap_or(""));
        let sub = sub.filter(|s| matches!(*s, "status" | "scale"));
        FieldManager::new(name).on(sub.unwrap_or(""))
    }
}

/// One `managedFields` entry, its field set parsed.
#[derive(Clone, Debug)]
pub struct Entry {
    pub manager: String,
    pub operation: String,
    pub api_version: String,
    pub subresource: String,
    pub time: Option<Value>,
    pub set: Set,
}

impl Entry {
    fn same(&self, manager: &str, operation: &str, api_version: &str, sub: &str) -> bool {
        self.manager == manager
            && self.operation == operation
            && self.api_version == api_version
            && self.subresource == sub
    }

    /// How a conflict names the manager (fieldmanager/internal/conflict.go printManager).
    fn describe(&self) -> String {
        let mut s = format!("{:?}", self.manager);
        if !self.subresource.is_empty() {
            s.push_str(&format!(" with subresource {:?}", self.subresource));
        }
        if self.operation == "Update" {
            s.push_str(&format!(" using {}", self.api_version));
        }
        s
    }
}

pub fn decode(obj: &Value) -> Vec<Entry> {
    let Some(list) = obj
        .get("metadata")
        .and_then(|m| m.get("managedFields"))
        .and_then(Value::as_array)
    else {
        return vec![];
    };
    let text = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    list.iter()
        .map(|e| Entry {
            manager: text(e, "manager"),
            operation: text(e, "operation"),
            api_version: text(e, "apiVersion"),
            subresource: text(e, "subresource"),
            time: e.get("time").cloned(),
            set: e
                .get("fieldsV1")
                .map(Set::from_fields_v1)
                .unwrap_or_default(),
        })
        .collect()
}

/// Writes the entries back, in upstream's order (operation, time, manager,
/// apiVersion, subresource); none leaves the field out.
pub fn encode(mut entries: Vec<Entry>, obj: &mut Value) {
    entries.retain(|e| !e.set.is_empty());
    entries.sort_by(|a, b| {
        let t = |e: &Entry| {
            e.time
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        (
            a.operation.as_str(),
            t(a),
            &a.manager,
            &a.api_version,
            &a.subresource,
        )
            .cmp(&(
                b.operation.as_str(),
                t(b),
                &b.manager,
                &b.api_version,
                &b.subresource,
            ))
    });
    let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    if entries.is_empty() {
        m.remove("managedFields");
        return;
    }
    let list: Vec<Value> = entries
        .into_iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("apiVersion".into(), json!(e.api_version));
            o.insert("fieldsType".into(), json!("FieldsV1"));
            o.insert("fieldsV1".into(), e.set.to_fields_v1());
            o.insert("manager".into(), json!(e.manager));
            o.insert("operation".into(), json!(e.operation));
            if !e.subresource.is_empty() {
                o.insert("subresource".into(), json!(e.subresource));
            }
            if let Some(t) = e.time {
                o.insert("time".into(), t);
            }
            Value::Object(o)
        })
        .collect();
    m.insert("managedFields".into(), Value::Array(list));
}

/// Whether an entry's fields hold `metadata.annotations[key]`.
pub fn owns_annotation(e: &Entry, key: &str) -> bool {
    e.set
        .child("f:metadata")
        .and_then(|m| m.child("f:annotations"))
        .and_then(|a| a.child(&format!("f:{key}")))
        .is_some_and(|s| s.member)
}

/// client-go csaupgrade.UpgradeManagedFields for each of `csa` (in order):
/// their Update entries' fields move into `ssa`'s Apply entry (an Update
/// entry becomes it when there is none yet). None: nothing to move.
pub fn upgrade_csa(mut entries: Vec<Entry>, csa: &[String], ssa: &str) -> Option<Vec<Entry>> {
    let is_csa = |e: &Entry, name: &str| {
        e.manager == name && e.operation == "Update" && e.subresource.is_empty()
    };
    let mut changed = false;
    for name in csa {
        let target = match entries
            .iter()
            .position(|e| e.manager == ssa && e.operation == "Apply" && e.subresource.is_empty())
        {
            Some(i) => i,
            None => {
                let Some(i) = entries.iter().position(|e| is_csa(e, name)) else {
                    continue;
                };
                entries[i].operation = "Apply".into();
                entries[i].manager = ssa.into();
                i
            }
        };
        let version = entries[target].api_version.clone();
        if let Some(from) = entries
            .iter()
            .find(|e| is_csa(e, name) && e.api_version == version)
            .map(|e| e.set.clone())
        {
            entries[target].set.union(&from);
        }
        entries.retain(|e| !is_csa(e, name));
        changed = true;
    }
    changed.then_some(entries)
}

/// The entries as the `managedFields` list they encode to.
pub fn encoded(entries: Vec<Entry>) -> Value {
    let mut holder = json!({"metadata": {}});
    encode(entries, &mut holder);
    holder["metadata"]
        .get("managedFields")
        .cloned()
        .unwrap_or(Value::Array(vec![]))
}

/// The kind's schema.
fn kind_ty(r: &ApiResource) -> Ty<'static> {
    Ty::of(schemas().of_kind(&r.group, &r.version, &r.kind))
}

/// Metadata no manager owns (fieldmanager's StripMetaManager).
const STRIPPED_META: &[&str] = &[
    "name",
    "namespace",
    "creationTimestamp",
    "selfLink",
    "uid",
    "clusterName",
    "generation",
    "managedFields",
    "resourceVersion",
];

/// What a write of `subresource` changed between `old` and `new`, without
/// the fields no manager owns or the subresource resets (status behind a
/// status subresource; only status through it; only replicas through scale).
fn diff_object(r: &ApiResource, old: &Value, new: &Value, subresource: &str) -> Diff {
    let ty = kind_ty(r);
    let mut d = Diff::default();
    let mut path = vec![];
    let one = |path: &mut Vec<String>, keys: &[&str], d: &mut Diff| {
        let mut ty = ty;
        let (mut o, mut n) = (Some(old), Some(new));
        for k in keys {
            ty = ty.child(k);
            o = o.and_then(|v| v.get(*k));
            n = n.and_then(|v| v.get(*k));
            path.push(format!("f:{k}"));
        }
        typed::compare(path, o, n, ty, d);
        path.clear();
    };
    match subresource {
        "status" => one(&mut path, &["status"], &mut d),
        "scale" => one(&mut path, &["spec", "replicas"], &mut d),
        _ => {
            let skip_status = r.has_subresource("status");
            let keys = union_keys(old, new);
            for k in keys {
                match k {
                    "apiVersion" | "kind" => {}
                    "status" if skip_status => {}
                    "metadata" => {
                        for mk in union_keys(&old["metadata"], &new["metadata"]) {
                            if !STRIPPED_META.contains(&mk) {
                                one(&mut path, &["metadata", mk], &mut d);
                            }
                        }
                    }
                    _ => one(&mut path, &[k], &mut d),
                }
            }
        }
    }
    d
}

fn union_keys<'a>(a: &'a Value, b: &'a Value) -> Vec<&'a str> {
    let mut keys: Vec<&str> = a
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(b.as_object().into_iter().flat_map(|m| m.keys()))
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What an empty object of the kind serializes to (Go structs are never
/// omitted): a create compares against it, so the fields it already has
/// (`spec`, a template's `metadata`, a pod spec's `containers: null`) are
/// not themselves recorded as added.
fn skeleton(r: &ApiResource) -> Value {
    const STRUCTS: &[&str] = &[
        "spec",
        "status",
        "spec.strategy",
        "spec.updateStrategy",
        "spec.template",
        "spec.template.metadata",
        "spec.template.spec",
        "spec.jobTemplate",
        "spec.jobTemplate.metadata",
        "spec.jobTemplate.spec",
        "spec.jobTemplate.spec.template",
        "spec.jobTemplate.spec.template.metadata",
        "spec.jobTemplate.spec.template.spec",
        "status.loadBalancer",
        "roleRef",
    ];
    const NULL_LISTS: &[&str] = &[
        "spec.containers",
        "spec.template.spec.containers",
        "spec.jobTemplate.spec.template.spec.containers",
        "rules",
    ];
    let ty = kind_ty(r);
    let mut out = json!({"metadata": {}});
    for (paths, leaf) in [(STRUCTS, json!({})), (NULL_LISTS, Value::Null)] {
        for p in paths {
            let parts: Vec<&str> = p.split('.').collect();
            let mut t = Some(ty);
            for part in &parts {
                t = t.and_then(|t| t.field(part));
            }
            if t.is_none() {
                continue;
            }
            let mut at = &mut out;
            for (i, part) in parts.iter().enumerate() {
                let Some(m) = at.as_object_mut() else { break };
                let v = if i + 1 == parts.len() {
                    leaf.clone()
                } else {
                    json!({})
                };
                at = m.entry(part.to_string()).or_insert(v);
            }
        }
    }
    out
}

impl ApiServer {
    /// Sets the field manager of the requests that follow; returns the previous one.
    pub fn set_field_manager(&mut self, m: Option<FieldManager>) -> Option<FieldManager> {
        std::mem::replace(&mut self.field_manager, m)
    }

    /// The field manager of the requests being served.
    pub fn field_manager(&self) -> Option<&FieldManager> {
        self.field_manager.as_ref()
    }

    /// The current field manager's name ("" for none).
    pub fn field_manager_name(&self) -> String {
        self.field_manager
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    /// Runs `f` as the writes of `manager`.
    pub fn as_manager<T>(
        &mut self,
        manager: FieldManager,
        f: impl FnOnce(&mut ApiServer) -> T,
    ) -> T {
        let before = self.set_field_manager(Some(manager));
        let out = f(self);
        self.field_manager = before;
        out
    }

    /// `track_update` of a write through the status subresource.
    pub(crate) fn track_status(&mut self, r: &ApiResource, old: &Value, new: &mut Value) {
        let before = self.field_manager.clone();
        if let Some(m) = &mut self.field_manager {
            m.subresource = "status".into();
        }
        self.track_update(r, Some(old), new);
        self.field_manager = before;
    }

    /// Records an Update of `new` over `old` (None: a create) by the
    /// current manager (fieldmanager's managedFieldsUpdater): the fields
    /// it added or changed become its own and leave every other manager;
    /// removed fields leave everyone. Without a manager the stored entries stay.
    pub(crate) fn track_update(&self, r: &ApiResource, old: Option<&Value>, new: &mut Value) {
        let given = decode(new);
        let mut entries = match (given.is_empty(), old) {
            (true, Some(o)) => decode(o),
            _ => given,
        };
        let Some(fm) = &self.field_manager else {
            encode(entries, new);
            return;
        };
        let base;
        let old = match old {
            Some(o) => o,
            None => {
                base = skeleton(r);
                &base
            }
        };
        let d = diff_object(r, old, new, &fm.subresource);
        if !d.is_empty() {
            for e in &mut entries {
                e.set.subtract(&d.changed);
                e.set.subtract(&d.removed);
            }
            if !d.changed.is_empty() {
                let v = r.api_version();
                let now = json!(self.now.rfc3339());
                match entries
                    .iter_mut()
                    .find(|e| e.same(&fm.name, "Update", &v, &fm.subresource))
                {
                    Some(e) => {
                        e.set.union(&d.changed);
                        e.time = Some(now);
                    }
                    None => entries.push(Entry {
                        manager: fm.name.clone(),
                        operation: "Update".into(),
                        api_version: v,
                        subresource: fm.subresource.clone(),
                        time: Some(now),
                        set: d.changed,
                    }),
                }
            }
        }
        encode(entries, new);
    }
}

#[cfg(test)]
mod tests;
