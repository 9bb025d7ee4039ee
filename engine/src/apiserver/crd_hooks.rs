//! Where CustomResourceDefinitions and custom resources step into the generic
//! verbs: decoding, PrepareForCreate/Update, validation, deletion of a CRD
//! (the cleanup finalizer) and server-side printing with printer columns.

use super::crd::{self, CustomKind};
use super::{defaults, ApiServer};
use crate::api::registry::ApiResource;
use crate::api::{meta, table, FieldError, Status};
use crate::store::Key;
use serde_json::{json, Value};

impl ApiServer {
    /// The stored CRD that defines a custom resource.
    pub fn crd_for(&self, r: &ApiResource) -> Option<Value> {
        if !r.is_custom() {
            return None;
        }
        let crds = self
            .registry
            .resolve("customresourcedefinitions.apiextensions.k8s.io")?;
        self.store
            .list(&crds.key(), None)
            .map(|(_, v)| v)
            .find(|c| {
                meta::str_at(c, &["spec", "group"]) == Some(r.group.as_str())
                    && meta::str_at(c, &["spec", "names", "plural"]) == Some(r.name.as_str())
            })
            .map(|c| (**c).clone())
    }

    fn custom_kind(&self, r: &ApiResource) -> Option<CustomKind> {
        self.crd_for(r).map(|c| CustomKind::of(&c, &r.version))
    }

    /// Decoding a body: the kind's defaulters; for a CRD its own defaults;
    /// for a custom resource pruning and the schema's defaults.
    pub(super) fn decode(&self, r: &ApiResource, obj: &mut Value) {
        defaults::apply(r, obj);
        if crd::is_crd(r) {
            crd::defaults(obj);
        } else if let Some(k) = self.custom_kind(r) {
            k.decode(obj);
        }
    }

    /// A custom resource body with fields its schema does not know is
    /// refused on create (strict field validation, kubectl's default).
    pub(super) fn strict_decode(&self, r: &ApiResource, obj: &Value) -> Result<(), Status> {
        match self
            .custom_kind(r)
            .and_then(|k| k.strict_decode_error(obj, &r.kind, &r.version))
        {
            Some(msg) => Err(Status::bad_request(msg)),
            None => Ok(()),
        }
    }

    pub(super) fn prepare_custom_create(&self, r: &ApiResource, obj: &mut Value) {
        if crd::is_crd(r) {
            crd::prepare_for_create(obj);
        } else if let Some(k) = self.custom_kind(r) {
            k.prepare_for_create(obj);
        }
    }

    pub(super) fn prepare_custom_update(&self, r: &ApiResource, obj: &mut Value, old: &Value) {
        if crd::is_crd(r) {
            crd::prepare_for_update(obj, old);
        } else if let Some(k) = self.custom_kind(r) {
            k.prepare_for_update(obj, old);
        }
    }

    /// `Validate` of the kind's strategy.
    pub(super) fn validate(&self, r: &ApiResource, obj: &Value) -> Vec<FieldError> {
        if crd::is_crd(r) {
            return crd::validation::validate(obj);
        }
        match self.custom_kind(r) {
            Some(k) => k.validate(obj, r.namespaced),
            None => super::validation::validate_create(r, obj),
        }
    }

    /// `ValidateUpdate` of the kind's strategy.
    pub(super) fn validate_update(
        &self,
        r: &ApiResource,
        obj: &Value,
        old: &Value,
    ) -> Vec<FieldError> {
        if crd::is_crd(r) {
            return crd::validation::validate_update(obj, old);
        }
        if r.is_custom() {
            return self.validate(r, obj);
        }
        super::validation::validate_update(r, obj, old)
    }

    /// Deleting a CRD marks it (deletionTimestamp, the cleanup finalizer, the
    /// Terminating condition); the finalizer controller deletes its custom
    /// resources and then the CRD.
    pub(super) fn delete_crd(
        &mut self,
        r: &ApiResource,
        key: &Key,
        mut obj: Value,
    ) -> Result<Value, Status> {
        if meta::at(&obj, &["metadata", "deletionTimestamp"]).is_some() {
            return Ok(obj);
        }
        let now = self.now.rfc3339();
        let m = meta::metadata_mut(&mut obj);
        m.insert("deletionTimestamp".into(), json!(now));
        m.insert("deletionGracePeriodSeconds".into(), json!(0));
        let finalizers = m.entry("finalizers").or_insert_with(|| json!([]));
        if let Some(f) = finalizers.as_array_mut() {
            if !f.iter().any(|x| x == crd::CLEANUP_FINALIZER) {
                f.push(json!(crd::CLEANUP_FINALIZER));
            }
        }
        super::pod_status::set_condition(
            &mut obj,
            json!({
                "type": "Terminating",
                "status": "True",
                "reason": "InstanceDeletionPending",
                "message": "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
            }),
            &now,
        );
        let name = meta::name(&obj).to_string();
        let out = self
            .store
            .update(key, obj, None)
            .map_err(|_| Status::not_found(r, &name))?;
        self.publish();
        Ok(out)
    }

    /// The table of custom resources whose CRD version has printer columns.
    pub(super) fn custom_table(&self, r: &ApiResource, objects: &[&Value]) -> Option<table::Table> {
        let columns = self.custom_kind(r)?.columns.filter(|c| !c.is_empty())?;
        Some(crate::api::printers::custom_columns::table(
            &columns, objects, self.now,
        ))
    }

    /// The registry, for the CRD controllers that make resources served.
    pub(crate) fn registry_mut(&mut self) -> &mut crate::api::Registry {
        &mut self.registry
    }
}

impl ApiServer {
    /// PUT <resource>/status: only the status of `obj` is taken; for a
    /// custom resource it is pruned, defaulted and validated against the
    /// schema, and the generation stays.
    pub fn update_status(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        obj: Value,
    ) -> Result<Value, Status> {
        let name = meta::name(&obj).to_string();
        let key = Self::key(r, namespace, &name);
        let current = self
            .store
            .get(&key)
            .cloned()
            .ok_or_else(|| Status::not_found(r, &name))?;
        let mut next = current.clone();
        match obj.get("status") {
            Some(s) => next["status"] = s.clone(),
            None => {
                if let Some(m) = next.as_object_mut() {
                    m.remove("status");
                }
            }
        }
        if let Some(kind) = self.custom_kind(r) {
            kind.decode(&mut next);
            let errors = kind.validate(&next, r.namespaced);
            if !errors.is_empty() {
                return Err(Status::invalid(r, &name, errors));
            }
        }
        self.track_status(r, &current, &mut next);
        if next == current {
            return Ok(current);
        }
        let expected = meta::str_at(&obj, &["metadata", "resourceVersion"])
            .filter(|s| !s.is_empty())
            .map(String::from);
        let out = self
            .store
            .update(&key, next, expected.as_deref())
            .map_err(|e| match e {
                crate::store::StoreError::Conflict => Status::modified(r, &name),
                _ => Status::not_found(r, &name),
            })?;
        self.publish();
        Ok(out)
    }

    /// PATCH <resource>/status.
    pub fn patch_status(
        &mut self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
        kind: super::PatchType,
        patch: &Value,
    ) -> Result<Value, Status> {
        if !r.has_subresource("status") {
            return Err(Status {
                code: 404,
                reason: "NotFound".into(),
                message: "the server could not find the requested resource".into(),
                details: None,
            });
        }
        if kind == super::PatchType::Strategic && r.is_custom() {
            return Err(Status::unsupported_media_type(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            ));
        }
        let current = self.get(r, namespace, name)?;
        let patched = super::patch::apply(kind, &current, patch).map_err(Status::bad_request)?;
        let mut obj = current.clone();
        match patched.get("status") {
            Some(s) => obj["status"] = s.clone(),
            None => {
                if let Some(m) = obj.as_object_mut() {
                    m.remove("status");
                }
            }
        }
        self.update_status(r, namespace, obj)
    }
}
