//! The API server: the verbs (create, get, list, update, delete) over the store,
//! with defaulting, validation and admission, returning real `Status` errors.
//! Everything that changes the cluster — kubectl, controllers, kubelets — comes
//! through here.

mod access;
mod admission;
pub mod auth;
pub mod crd;
mod crd_hooks;
pub mod csr;
mod decode_types;
pub(crate) mod defaults;
mod ephemeral;
pub mod eviction;
pub mod field_validation;
pub mod log_request;
mod logs;
pub mod managed;
pub mod metrics_api;
pub mod paging;
pub mod patch;
pub mod patch_request;
pub mod pod_status;
pub mod quota_usage;
pub mod raw_get;
pub mod raw_write;
pub mod request_body;
mod service_alloc;
mod service_cidr;
mod strategy;
mod system_priority;
pub(crate) mod validation;
mod versions;
pub mod watch;

pub use paging::{Page, PageError, PageOptions};
pub use patch::PatchType;

use crate::api::registry::ApiResource;
use crate::api::selector::{FieldSelector, Selector};
use crate::api::{meta, table, Registry, Status};
use crate::clock::Time;
use crate::events::{Change, EngineEvent, EventLog};
use crate::rng::Rng;
use crate::store::{IndexField, Key, Store, StoreError, WatchType};
use field_validation::FieldValidation;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

/// Namespaces that can never be deleted (NamespaceLifecycle).
const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public"];

#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    pub dry_run: bool,
    /// For delete: seconds the object gets to stop; None uses its own default.
    pub grace_period: Option<i64>,
    /// For delete: what happens to the object's dependents (None: Background).
    pub propagation: Option<Propagation>,
}

/// DeleteOptions.propagationPolicy: how the garbage collector treats dependents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    /// The owner goes at once; the collector deletes dependents afterwards.
    #[default]
    Background,
    /// The owner waits (finalizer `foregroundDeletion`) until its blocking dependents are gone.
    Foreground,
    /// The owner goes; dependents stay, their ownerReferences removed (finalizer `orphan`).
    Orphan,
}

impl Propagation {
    pub fn parse(s: &str) -> Option<Propagation> {
        match s {
            "Background" => Some(Propagation::Background),
            "Foreground" => Some(Propagation::Foreground),
            "Orphan" => Some(Propagation::Orphan),
            _ => None,
        }
    }

    /// The finalizer the garbage collector acts on, if the policy needs one.
    pub fn finalizer(self) -> Option<&'static str> {
        match self {
            Propagation::Background => None,
            Propagation::Foreground => Some("foregroundDeletion"),
            Propagation::Orphan => Some("orphan"),
        }
    }
}

/// The buffers `take_replay` lends out.
pub(crate) struct Replay(
    std::collections::VecDeque<crate::store::WatchRecord>,
    std::collections::VecDeque<crate::events::Sequenced>,
);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiServer {
    registry: Registry,
    store: Store,
    rng: Rng,
    now: Time,
    events: EventLog,
    /// The store revision up to which changes were copied into `events`.
    published: u64,
    /// Container logs the kubelets report (served as `pods/log`).
    logs: logs::LogTable,
    /// Kubelets the server cannot reach (their node stopped), by node: the
    /// node's address, for the errors of requests proxied to them.
    #[serde(default)]
    pub unreachable_kubelets: std::collections::BTreeMap<String, String>,
    /// Whose request is being served (kubectl sets it; components leave it System).
    #[serde(skip)]
    requester: auth::user::Requester,
    #[serde(skip)]
    warnings: auth::Warnings,
    /// The user whose verb is running (its own steps run unchecked but still
    /// warn, and RBAC writes are checked for escalation).
    #[serde(skip)]
    serving: Option<auth::user::UserInfo>,
    /// ServiceAccount tokens issued by TokenRequest.
    #[serde(default)]
    tokens: std::collections::BTreeMap<String, auth::tokens::IssuedToken>,
    /// The current request's `fieldValidation` (kubectl sets it per command).
    #[serde(skip)]
    field_validation: FieldValidation,
    /// metrics-server's scraped points (served as metrics.k8s.io).
    #[serde(default)]
    pub metrics: metrics_api::Storage,
    /// The legacy event recorder's aggregation memory (see recorder.rs).
    #[serde(default)]
    pub recorder: crate::recorder::Aggregator,
    /// The field manager of the current writes (kubectl per command, the
    /// components around their loops); None records no managedFields.
    #[serde(skip)]
    field_manager: Option<managed::FieldManager>,
}

impl ApiServer {
    pub fn new(seed: u64, now: Time) -> ApiServer {
        ApiServer {
            registry: Registry::default(),
            store: Store::default(),
            rng: Rng::seeded(seed ^ 0x6b75_6265_6170_6973),
            now,
            events: EventLog::default(),
            published: 0,
            logs: Default::default(),
            unreachable_kubelets: Default::default(),
            requester: Default::default(),
            warnings: Default::default(),
            serving: None,
            tokens: Default::default(),
            field_validation: FieldValidation::Ignore,
            metrics: Default::default(),
            recorder: Default::default(),
            field_manager: None,
        }
    }

    /// Sets the `fieldValidation` of the requests that follow; returns the previous one.
    pub fn set_field_validation(&mut self, d: FieldValidation) -> FieldValidation {
        std::mem::replace(&mut self.field_validation, d)
    }

    /// The `fieldValidation` of the requests being served.
    pub fn field_validation(&self) -> FieldValidation {
        self.field_validation
    }

    /// Drops the fields a built-in kind does not know; warns or fails as the
    /// request's `fieldValidation` says.
    fn validate_fields(&self, r: &ApiResource, obj: &mut Value) -> Result<(), Status> {
        decode_types::check(r, obj)?;
        for w in field_validation::check(self.field_validation, r, obj)? {
            self.warn(w);
        }
        Ok(())
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    pub fn now(&self) -> Time {
        self.now
    }

    pub fn set_now(&mut self, now: Time) {
        self.now = now;
    }

    pub fn events(&self) -> &EventLog {
        &self.events
    }

    /// What only live watchers and subscribers read (the store's watch
    /// history, the event log's past events), lent out while a snapshot is
    /// saved without them; `put_replay` gives them back.
    pub(crate) fn take_replay(&mut self) -> Replay {
        Replay(self.store.take_history(), self.events.take_events())
    }

    pub(crate) fn put_replay(&mut self, replay: Replay) {
        self.store.put_history(replay.0);
        self.events.put_events(replay.1);
    }

    /// Publishes a component's event after the store changes made so far.
    pub fn publish_event(&mut self, e: EngineEvent) {
        self.publish();
        self.events.push(self.now, e);
    }

    /// Copies store changes into the engine's event stream.
    fn publish(&mut self) {
        let changes: Vec<EngineEvent> = self
            .store
            .all_changes_since(self.published)
            .map(|rec| {
                let (group, resource) = rec.key.resource.split_once('/').unwrap_or(("", ""));
                EngineEvent::Object {
                    change: match rec.kind {
                        WatchType::Added => Change::Added,
                        WatchType::Modified => Change::Modified,
                        WatchType::Deleted => Change::Deleted,
                    },
                    resource: resource.into(),
                    group: group.into(),
                    namespace: (!rec.key.namespace.is_empty()).then(|| rec.key.namespace.clone()),
                    name: rec.key.name.clone(),
                    object: rec.object.clone(),
                }
            })
            .collect();
        for e in changes {
            self.events.push(self.now, e);
        }
        self.published = self.store.revision();
    }

    fn key(r: &ApiResource, namespace: &str, name: &str) -> Key {
        Key::new(&r.key(), if r.namespaced { namespace } else { "" }, name)
    }

    pub fn get(&self, r: &ApiResource, namespace: &str, name: &str) -> Result<Value, Status> {
        if let Some(c) = Self::converted(r) {
            return self.get(&c.storage, namespace, name).map(|o| c.out(&o));
        }
        self.authorize("get", r, "", namespace, name)?;
        if Self::is_metrics(r) {
            return self.metrics_get(r, namespace, name);
        }
        self.store
            .get(&Self::key(r, namespace, name))
            .cloned()
            .ok_or_else(|| Status::not_found(r, name))
    }

    /// Whether the object exists (a `get` without copying it).
    pub fn exists(&self, r: &ApiResource, namespace: &str, name: &str) -> bool {
        self.store.get(&Self::key(r, namespace, name)).is_some()
    }

    /// Names of `r`'s objects in `namespace` from `from` to `to` inclusive,
    /// in order (a range read of the store, for picking a free name).
    pub fn names_between(
        &self,
        r: &ApiResource,
        namespace: &str,
        from: &str,
        to: &str,
    ) -> Vec<&str> {
        let ns = if r.namespaced { namespace } else { "" };
        self.store.names_between(&r.key(), ns, from, to).collect()
    }

    /// The objects of a resource (one namespace, or all with `None`), filtered.
    pub fn list(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
    ) -> Result<Vec<Value>, Status> {
        let shared = self.list_shared(r, namespace, opts)?;
        Ok(shared.into_iter().map(Arc::unwrap_or_clone).collect())
    }

    /// `list` without copying: the stored objects themselves, for control
    /// loops that read many objects and change few.
    pub fn list_shared(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
    ) -> Result<Vec<Arc<Value>>, Status> {
        if let Some(c) = Self::converted(r) {
            let stored = self.list_shared(&c.storage, namespace, opts)?;
            return Ok(stored.iter().map(|o| Arc::new(c.out(o))).collect());
        }
        let (labels, fields) = self.list_filters(r, namespace, opts)?;
        if Self::is_metrics(r) {
            let items = self.metrics_list(r, namespace, opts)?;
            return Ok(items.into_iter().map(Arc::new).collect());
        }
        let ns = if r.namespaced { namespace } else { None };
        let resource = r.key();
        // An empty selector matches everything: no labels to collect.
        let keep = |v: &&Arc<Value>| {
            (labels.is_empty() || labels.matches(&meta::labels(v))) && fields.matches(v)
        };
        // A field an index answers (a kubelet's `spec.nodeName=`) reads only
        // the objects filed under it; the filter still checks every term.
        let indexed = fields.equalities().find_map(|(path, value)| {
            Some((IndexField::from_selector_path(path, &resource)?, value))
        });
        Ok(match indexed {
            Some((field, value)) => self
                .store
                .list_indexed(&resource, ns, field, value)
                .into_iter()
                .map(|(_, v)| v)
                .filter(keep)
                .cloned()
                .collect(),
            None => self
                .store
                .list(&resource, ns)
                .map(|(_, v)| v)
                .filter(keep)
                .cloned()
                .collect(),
        })
    }

    /// `list_shared` of the objects whose ownerReferences name `owner_uid`
    /// (what a controller owns), read through the store's owner index.
    pub fn list_owned_shared(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        owner_uid: &str,
        opts: &ListOptions,
    ) -> Result<Vec<Arc<Value>>, Status> {
        self.list_indexed_shared(r, namespace, IndexField::OwnerUid, owner_uid, opts)
    }

    /// `list_shared` narrowed to the objects an index files under `value`
    /// (pods by node, objects by owner uid, events by involved uid).
    pub fn list_indexed_shared(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        field: IndexField,
        value: &str,
        opts: &ListOptions,
    ) -> Result<Vec<Arc<Value>>, Status> {
        let (labels, fields) = self.list_filters(r, namespace, opts)?;
        let ns = if r.namespaced { namespace } else { None };
        Ok(self
            .store
            .list_indexed(&r.key(), ns, field, value)
            .into_iter()
            .map(|(_, v)| v)
            .filter(|v| labels.matches(&meta::labels(v)) && fields.matches(v))
            .cloned()
            .collect())
    }

    /// A list's permission and verb checks, then its parsed selectors.
    fn list_filters(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
    ) -> Result<(Selector, FieldSelector), Status> {
        self.authorize("list", r, "", namespace.unwrap_or(""), "")?;
        if !r.has_verb("list") {
            return Err(Status::method_not_allowed(
                "the server does not allow this method on the requested resource",
            ));
        }
        Self::selectors(r, opts)
    }

    fn selectors(r: &ApiResource, opts: &ListOptions) -> Result<(Selector, FieldSelector), Status> {
        let labels = match &opts.label_selector {
            Some(s) => Selector::parse(s).map_err(Status::bad_request)?,
            None => Selector::default(),
        };
        let fields = match &opts.field_selector {
            Some(s) => FieldSelector::parse(s).map_err(Status::bad_request)?,
            None => FieldSelector::default(),
        };
        fields
            .check(&r.group, &r.kind)
            .map_err(Status::bad_request)?;
        Ok((labels, fields))
    }

    /// The stored objects of a resource that match the selectors, unchecked
    /// (metrics-server's own reads).
    fn store_list(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
    ) -> Result<Vec<Arc<Value>>, Status> {
        let (labels, fields) = Self::selectors(r, opts)?;
        let ns = if r.namespaced { namespace } else { None };
        Ok(self
            .store
            .list(&r.key(), ns)
            .map(|(_, v)| v)
            .filter(|v| labels.matches(&meta::labels(v)) && fields.matches(v))
            .cloned()
            .collect())
    }

    /// The list as a `<Kind>List` object, as `kubectl get -o yaml` shows it.
    pub fn list_object(&self, r: &ApiResource, items: Vec<Value>) -> Value {
        let mut list = json!({
            "apiVersion": r.api_version(),
            "kind": format!("{}List", r.kind),
            "metadata": {"resourceVersion": self.store.revision().to_string()},
        });
        // Moved in: `json!` would copy every item once more.
        list["items"] = Value::Array(items);
        list
    }

    /// `table` with the rows keeping only what `keep` says of their
    /// objects (see `printers::table_opts`; a custom resource's printer
    /// columns keep the metadata).
    pub fn table_cells(
        &self,
        r: &ApiResource,
        objects: &[&Value],
        keep: table::RowObject,
    ) -> table::Table {
        if let Some(c) = Self::converted(r) {
            let stored: Vec<Value> = objects.iter().map(|o| c.stored(o)).collect();
            return self.table_cells(&c.storage, &stored.iter().collect::<Vec<_>>(), keep);
        }
        if let Some(t) = self.custom_table(r, objects) {
            return t;
        }
        crate::api::printers::table_opts(r, objects, self.now, keep)
    }

    /// Server-side printing of some objects.
    pub fn table(&self, r: &ApiResource, objects: &[&Value]) -> table::Table {
        if let Some(c) = Self::converted(r) {
            let stored: Vec<Value> = objects.iter().map(|o| c.stored(o)).collect();
            return self.table(&c.storage, &stored.iter().collect::<Vec<_>>());
        }
        if let Some(t) = self.custom_table(r, objects) {
            return t;
        }
        table::convert(r, objects, self.now)
    }

    pub fn create(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        obj: Value,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        self.create_shared(r, namespace, obj, opts)
            .map(Arc::unwrap_or_clone)
    }

    /// `create`, returning the stored object shared, not copied (for a
    /// caller that only reads it: the event recorder).
    pub fn create_shared(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        obj: Value,
        opts: &WriteOptions,
    ) -> Result<Arc<Value>, Status> {
        if let Some(c) = Self::converted(r) {
            let mut obj = obj;
            self.validate_fields(r, &mut obj)?;
            let obj = c.incoming(obj)?;
            let created = self.create_shared(&c.storage, namespace, obj, opts)?;
            return Ok(Arc::new(c.out(&created)));
        }
        self.as_requester(("create", r, "", namespace, ""), |s| {
            s.create_checked_shared(r, namespace, obj, opts)
        })
    }

    fn create_checked(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        obj: Value,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        self.create_checked_shared(r, namespace, obj, opts)
            .map(Arc::unwrap_or_clone)
    }

    fn create_checked_shared(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        mut obj: Value,
        opts: &WriteOptions,
    ) -> Result<Arc<Value>, Status> {
        self.confirm_no_escalation(r, namespace, &obj)?;
        if !obj.is_object() {
            return Err(Status::bad_request(
                "the body of the request was in an unknown format",
            ));
        }
        obj["apiVersion"] = json!(r.api_version());
        obj["kind"] = json!(r.kind);
        self.validate_fields(r, &mut obj)?;
        self.strict_decode(r, &obj)?;
        // Decoding the body runs the defaulters (DEFAULTS.md §1 step 2).
        self.decode(r, &mut obj);
        {
            let m = meta::metadata_mut(&mut obj);
            for f in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
                "selfLink",
            ] {
                m.remove(f);
            }
            if m.get("resourceVersion")
                .is_some_and(|v| v.as_str() != Some(""))
            {
                return Err(Status::internal(
                    "resourceVersion should not be set on objects to be created",
                ));
            }
            m.remove("resourceVersion");
            if r.namespaced {
                m.insert("namespace".into(), json!(namespace));
            } else {
                // EnsureObjectNamespaceMatchesRequestNamespace: cluster-scoped, cleared.
                m.remove("namespace");
            }
        }
        // The creator's managedFields entry, before admission (DEFAULTS.md §1 step 4).
        self.track_update(r, None, &mut obj);
        // NamespaceLifecycle runs before validation.
        if r.namespaced {
            self.admit_namespace(namespace)?;
        }
        // The other mutating admission plugins, in kube-apiserver's order.
        admission::mutate(self, r, namespace, &mut obj)?;
        if meta::name(&obj).is_empty() {
            if let Some(prefix) = meta::str_at(&obj, &["metadata", "generateName"]) {
                let prefix: String = prefix.chars().take(58).collect();
                let name = format!("{prefix}{}", self.rng.name_suffix(5));
                meta::metadata_mut(&mut obj).insert("name".into(), json!(name));
            }
        }
        let uid = self.rng.uuid();
        {
            let m = meta::metadata_mut(&mut obj);
            m.insert("uid".into(), json!(uid));
            m.insert("creationTimestamp".into(), json!(self.now.rfc3339()));
        }
        // Service ClusterIP / NodePort allocation (BeginCreate), before validation.
        if r.group.is_empty() && r.name == "services" {
            self.allocate_service(r, &mut obj)?;
        }
        strategy::prepare_for_create(r, &mut obj);
        if csr::is_csr(r) {
            self.prepare_csr(&mut obj);
        }
        self.prepare_custom_create(r, &mut obj);
        let errors = self.validate(r, &obj);
        let name = meta::name(&obj).to_string();
        if !errors.is_empty() {
            return Err(Status::invalid(r, &name, errors));
        }
        admission::validate(self, r, namespace, &obj, None)?;
        // What is stored is what every read returns: re-decoded, so re-defaulted
        // (step 11; e.g. a Job's labels copied from its generated template labels).
        self.decode(r, &mut obj);
        if opts.dry_run {
            return match self.store.get(&Self::key(r, namespace, &name)) {
                Some(_) => Err(Status::already_exists(r, &name)),
                None => Ok(Arc::new(obj)),
            };
        }
        let key = Self::key(r, namespace, &name);
        // The ipallocator writes the IPAddress objects before the Service.
        if r.group.is_empty() && r.name == "services" && self.store.get(&key).is_none() {
            self.claim_service_ips(&obj);
        }
        let created = self
            .store
            .create_shared(key, obj)
            .map_err(|_| Status::already_exists(r, &name))?;
        self.publish();
        Ok(created)
    }

    fn admit_namespace(&self, namespace: &str) -> Result<(), Status> {
        let ns_res = self.namespaces_resource();
        let ns = self
            .store
            .get(&Key::new(&ns_res.key(), "", namespace))
            .ok_or_else(|| Status::not_found(ns_res, namespace))?;
        if meta::str_at(ns, &["status", "phase"]) == Some("Terminating") {
            return Err(Status::forbidden_plain(format!(
                "unable to create new content in namespace {namespace} because it is being terminated"
            )));
        }
        Ok(())
    }

    fn namespaces_resource(&self) -> &ApiResource {
        self.registry
            .resolve("namespaces")
            .expect("namespaces are always served")
    }

    /// Replaces an object (PUT). A non-empty resourceVersion in `obj` must match.
    pub fn update(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        mut obj: Value,
    ) -> Result<Value, Status> {
        if let Some(c) = Self::converted(r) {
            self.validate_fields(r, &mut obj)?;
            let mut obj = c.incoming(obj)?;
            self.keep_stored_status(&c, namespace, &mut obj);
            return self.update(&c.storage, namespace, obj).map(|o| c.out(&o));
        }
        let name = meta::name(&obj).to_string();
        self.as_requester(("update", r, "", namespace, &name), |s| {
            s.validate_fields(r, &mut obj)?;
            s.update_checked(r, namespace, obj)
        })
    }

    pub(crate) fn update_checked(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        mut obj: Value,
    ) -> Result<Value, Status> {
        self.confirm_no_escalation(r, namespace, &obj)?;
        let name = meta::name(&obj).to_string();
        let key = Self::key(r, namespace, &name);
        let current = self
            .store
            .get(&key)
            .cloned()
            .ok_or_else(|| Status::not_found(r, &name))?;
        let expected = meta::str_at(&obj, &["metadata", "resourceVersion"])
            .filter(|s| !s.is_empty())
            .map(String::from);
        // Fields the server owns are carried over.
        {
            let m = meta::metadata_mut(&mut obj);
            for f in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "generation",
            ] {
                match current["metadata"].get(f) {
                    Some(v) => m.insert(f.into(), v.clone()),
                    None => m.remove(f),
                };
            }
            if r.namespaced {
                m.insert("namespace".into(), json!(namespace));
            }
        }
        obj["apiVersion"] = json!(r.api_version());
        obj["kind"] = json!(r.kind);
        self.decode(r, &mut obj);
        self.track_update(r, Some(&current), &mut obj);
        // Generation moves on spec changes only.
        if let Some(g) = current["metadata"]
            .get("generation")
            .and_then(Value::as_i64)
        {
            if obj.get("spec") != current.get("spec") {
                obj["metadata"]["generation"] = json!(g + 1);
            }
        }
        self.prepare_custom_update(r, &mut obj, &current);
        let errors = self.validate_update(r, &obj, &current);
        if !errors.is_empty() {
            return Err(Status::invalid(r, &name, errors));
        }
        admission::validate(self, r, namespace, &obj, Some(&current))?;
        // GuaranteedUpdate writes nothing when the object did not change.
        let unchanged = {
            let mut same = obj.clone();
            same["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"].clone();
            same == current
        };
        let stale = expected
            .as_deref()
            .is_some_and(|rv| meta::str_at(&current, &["metadata", "resourceVersion"]) != Some(rv));
        if unchanged && !stale {
            return Ok(current);
        }
        let out = self
            .store
            .update(&key, obj, expected.as_deref())
            .map_err(|e| match e {
                StoreError::Conflict => Status::modified(r, &name),
                _ => Status::not_found(r, &name),
            })?;
        let out = self.finish_if_finalized(r, &key, out);
        self.publish();
        Ok(out)
    }

    /// An object being deleted whose finalizers are all gone is removed.
    fn finish_if_finalized(&mut self, r: &ApiResource, key: &Key, obj: Value) -> Value {
        if !Self::finalized(r, &obj) {
            return obj;
        }
        let out = self.store.delete(key).unwrap_or(obj);
        self.after_removal(r, &out);
        out
    }

    /// `finish_if_finalized` of a shared object (not copied unless removed).
    pub(crate) fn finish_if_finalized_shared(
        &mut self,
        r: &ApiResource,
        key: &Key,
        obj: Arc<Value>,
    ) -> Arc<Value> {
        if !Self::finalized(r, &obj) {
            return obj;
        }
        Arc::new(self.finish_if_finalized(r, key, Arc::unwrap_or_clone(obj)))
    }

    /// Whether a stored object being deleted has nothing left to wait for.
    fn finalized(r: &ApiResource, obj: &Value) -> bool {
        let deleting = meta::at(obj, &["metadata", "deletionTimestamp"]).is_some();
        let finalizers_empty = meta::at(obj, &["metadata", "finalizers"])
            .and_then(Value::as_array)
            .is_none_or(|a| a.is_empty());
        let ns_finalizers_empty = !(r.group.is_empty() && r.name == "namespaces")
            || meta::at(obj, &["spec", "finalizers"])
                .and_then(Value::as_array)
                .is_none_or(|a| a.is_empty());
        // A pod still stopping gracefully waits for its kubelet (grace 0).
        let grace_over = meta::at(obj, &["metadata", "deletionGracePeriodSeconds"])
            .and_then(Value::as_i64)
            .is_none_or(|g| g == 0);
        deleting && finalizers_empty && ns_finalizers_empty && grace_over
    }

    /// Deletes an object: at once, or by marking it (deletionTimestamp) while
    /// finalizers remain. Returns the object as the server reports it.
    pub fn delete(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        if let Some(c) = Self::converted(r) {
            return self
                .delete(&c.storage, namespace, name, opts)
                .map(|o| c.out(&o));
        }
        self.as_requester(("delete", r, "", namespace, name), |s| {
            s.delete_checked(r, namespace, name, opts)
        })
    }

    fn delete_checked(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        opts: &WriteOptions,
    ) -> Result<Value, Status> {
        let key = Self::key(r, namespace, name);
        let mut obj = self
            .store
            .get(&key)
            .cloned()
            .ok_or_else(|| Status::not_found(r, name))?;
        let is_namespace = r.group.is_empty() && r.name == "namespaces";
        if is_namespace && IMMORTAL_NAMESPACES.contains(&name) {
            return Err(Status::forbidden(
                r,
                name,
                "this namespace may not be deleted",
            ));
        }
        if opts.dry_run {
            return Ok(obj);
        }
        if crd::is_crd(r) {
            return self.delete_crd(r, &key, obj);
        }
        // Foreground and Orphan hand the object to the garbage collector.
        if let Some(f) = opts.propagation.and_then(Propagation::finalizer) {
            if meta::at(&obj, &["metadata", "deletionTimestamp"]).is_none() {
                let m = meta::metadata_mut(&mut obj);
                let list = m.entry("finalizers").or_insert_with(|| json!([]));
                if let Some(list) = list.as_array_mut() {
                    if !list.iter().any(|v| v == f) {
                        list.push(json!(f));
                    }
                }
            }
        }
        let has_finalizers = meta::at(&obj, &["metadata", "finalizers"])
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
            || (is_namespace
                && meta::at(&obj, &["spec", "finalizers"])
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty()));
        // Pods on a node stop gracefully: the kubelet finishes the deletion.
        let is_pod = r.group.is_empty() && r.name == "pods";
        let on_node = !meta::str_at(&obj, &["spec", "nodeName"])
            .unwrap_or("")
            .is_empty();
        let grace = opts.grace_period.unwrap_or_else(|| {
            meta::at(&obj, &["spec", "terminationGracePeriodSeconds"])
                .and_then(Value::as_i64)
                .unwrap_or(30)
        });
        let finished = matches!(
            meta::str_at(&obj, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        );
        if is_pod && on_node && grace > 0 && !finished {
            if meta::at(&obj, &["metadata", "deletionTimestamp"]).is_some() {
                return Ok(obj);
            }
            let m = meta::metadata_mut(&mut obj);
            m.insert(
                "deletionTimestamp".into(),
                json!(self.now.plus_secs(grace).rfc3339()),
            );
            m.insert("deletionGracePeriodSeconds".into(), json!(grace));
            let out = self
                .store
                .update(&key, obj, None)
                .map_err(|_| Status::not_found(r, name))?;
            self.publish();
            return Ok(out);
        }
        let out = if has_finalizers {
            if meta::at(&obj, &["metadata", "deletionTimestamp"]).is_some() {
                // A shorter grace period (the kubelet's final 0) still counts.
                let current = meta::at(&obj, &["metadata", "deletionGracePeriodSeconds"])
                    .and_then(Value::as_i64);
                if opts.grace_period == Some(0) && current.is_some_and(|g| g > 0) {
                    obj["metadata"]["deletionGracePeriodSeconds"] = json!(0);
                    let out = self
                        .store
                        .update(&key, obj, None)
                        .map_err(|_| Status::not_found(r, name))?;
                    self.publish();
                    return Ok(out);
                }
                return Ok(obj);
            }
            let m = meta::metadata_mut(&mut obj);
            m.insert("deletionTimestamp".into(), json!(self.now.rfc3339()));
            m.insert("deletionGracePeriodSeconds".into(), json!(0));
            if is_namespace {
                obj["status"]["phase"] = json!("Terminating");
            }
            self.store
                .update(&key, obj, None)
                .map_err(|_| Status::not_found(r, name))?
        } else {
            let out = self
                .store
                .delete(&key)
                .map_err(|_| Status::not_found(r, name))?;
            self.after_removal(r, &out);
            out
        };
        self.publish();
        Ok(out)
    }

    /// What the registry does once an object has left the store (AfterDelete).
    fn after_removal(&mut self, r: &ApiResource, obj: &Value) {
        if r.group.is_empty() && r.name == "services" {
            self.release_service_ips(obj);
        }
    }

    /// Runs `f` with names and UIDs drawn from a stream seeded by `salt`, so
    /// what it creates (e.g. ControllerRevisions) never shifts the names of
    /// everything created after it.
    pub fn with_rng_stream<T>(&mut self, salt: u64, f: impl FnOnce(&mut ApiServer) -> T) -> T {
        let main = std::mem::replace(&mut self.rng, Rng::seeded(salt));
        let out = f(self);
        self.rng = main;
        out
    }

    /// The store revision, as list responses report it.
    pub fn revision(&self) -> u64 {
        self.store.revision()
    }

    /// Whether any object names `uid` among its ownerReferences.
    pub fn owns_any(&self, uid: &str) -> bool {
        self.store.owns_any(uid)
    }

    /// Records which resources the requests that follow read (see `Store::start_reads`).
    pub fn start_reads(&self) {
        self.store.start_reads();
    }

    pub fn take_reads(&self) -> std::collections::BTreeSet<String> {
        self.store.take_reads()
    }

    /// Every change after revision `since`, if the history still holds them all.
    pub fn complete_changes_since(
        &self,
        since: u64,
    ) -> Option<impl Iterator<Item = &crate::store::WatchRecord>> {
        self.store.complete_changes_since(since)
    }

    /// The changes to `r` after revision `since`, oldest first, read as a
    /// controller's informer reads them (recorded as reading `r`); None when
    /// the kept history no longer holds them all: list again.
    pub fn changes_of(
        &self,
        r: &ApiResource,
        since: u64,
    ) -> Option<impl Iterator<Item = &crate::store::WatchRecord>> {
        let resource = r.key();
        self.store.note_read(&resource);
        let changes = self.store.complete_changes_since(since)?;
        Some(changes.filter(move |c| c.key.resource == resource))
    }

    /// Records a read of `r` without reading it (a cache that is current).
    pub fn note_read(&self, r: &ApiResource) {
        self.store.note_read(&r.key());
    }
}

impl Status {
    /// A Forbidden error with no resource prefix (NamespaceLifecycle's).
    pub fn forbidden_plain(message: String) -> Status {
        Status {
            code: 403,
            reason: "Forbidden".into(),
            message,
            details: None,
        }
    }
}
