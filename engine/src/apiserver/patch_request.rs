//! A PATCH request as the API server's patch handler takes it: the
//! Content-Type names the patch (JSON, merge, strategic, or server-side
//! apply), the body is decoded and applied to the stored object, and the
//! result is checked and stored as an update. Shared by `kubeplay serve`
//! and requests made inside the playground (curl with a token).

use super::field_validation::{self, FieldValidation};
use super::patch::{self, PatchType};
use super::request_body::media_type;
use super::{ApiServer, WriteOptions};
use crate::api::{meta, ApiResource, FieldError, Status};
use serde_json::{json, Value};

/// What a PATCH request carries besides its path.
pub struct PatchRequest<'a> {
    pub content_type: &'a str,
    pub body: &'a [u8],
    /// The `fieldValidation` parameter.
    pub field_validation: Option<&'a str>,
    pub dry_run: bool,
    /// The `force` parameter (server-side apply only).
    pub force: Option<&'a str>,
    /// The `fieldManager` parameter, which an apply patch must have.
    pub field_manager: Option<&'a str>,
}

/// The patch media types a resource's PATCH accepts (the installer's
/// supportedTypes; custom resources take no strategic merge patch).
fn accepted(r: &ApiResource) -> &'static str {
    if r.is_custom() {
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
    } else {
        "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"
    }
}

/// ValidatePatchOptions' 422: an apply patch names its manager, and only
/// an apply patch may force.
fn invalid_options(error: FieldError) -> Status {
    let options = ApiResource {
        kind: "PatchOptions".into(),
        group: "meta.k8s.io".into(),
        ..ApiResource::default()
    };
    Status::invalid(&options, "", vec![error])
}

/// A query parameter's bool as Go's strconv.ParseBool reads it.
fn is_true(v: Option<&str>) -> bool {
    matches!(v, Some("1" | "t" | "T" | "true" | "TRUE" | "True"))
}

impl ApiServer {
    /// Patches `name` (or its `sub`resource); the stored object and the
    /// field-validation warnings.
    pub fn patch_request(
        &mut self,
        r: &ApiResource,
        ns: &str,
        name: &str,
        sub: Option<&str>,
        req: &PatchRequest,
    ) -> Result<(Value, Vec<String>), Status> {
        let directive = FieldValidation::from_param(req.field_validation)?;
        let ct = media_type(req.content_type);
        if ct == "application/apply-patch+yaml" {
            if req.field_manager.is_none_or(str::is_empty) {
                return Err(invalid_options(FieldError::required(
                    "fieldManager",
                    "is required for apply patch",
                )));
            }
            return self.apply_request(r, ns, name, req).map(|v| (v, vec![]));
        }
        let pt = PatchType::from_content_type(ct)
            .filter(|pt| *pt != PatchType::Strategic || !r.is_custom())
            .ok_or_else(|| {
                Status::unsupported_media_type(&format!(
                    "the body of the request was in an unknown format - accepted media types include: {}",
                    accepted(r)
                ))
            })?;
        if req.force.is_some() {
            return Err(invalid_options(FieldError::forbidden(
                "force",
                "may not be specified for non-apply patch",
            )));
        }
        let body: Value = serde_json::from_slice(req.body).map_err(|e| {
            let msg = crate::api::go_json::syntax_error(req.body, &e);
            Status::bad_request(patch::undecodable_patch(pt, directive, &msg))
        })?;
        let current = self.get(r, ns, name)?;
        let mut patched = patch::apply(pt, &current, &body).map_err(|e| {
            if pt == PatchType::Json && e.starts_with("testing value") {
                Status {
                    code: 422,
                    reason: "Invalid".into(),
                    message: e,
                    details: None,
                }
            } else {
                Status::bad_request(e)
            }
        })?;
        // `kubectl debug`: the patched pod's ephemeral containers are what
        // the subresource takes; nothing else of the pod changes.
        if sub == Some("ephemeralcontainers") {
            let list = meta::at(&patched, &["spec", "ephemeralContainers"])
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            return self
                .set_ephemeral_containers(ns, name, list)
                .map(|v| (v, vec![]));
        }
        // A patch applies to the version it read unless it names one itself.
        let body_rv = meta::str_at(&body, &["metadata", "resourceVersion"]);
        if body_rv.is_none() || pt == PatchType::Json {
            let rv = meta::str_at(&current, &["metadata", "resourceVersion"])
                .unwrap_or("")
                .to_string();
            if pt != PatchType::Json
                || meta::str_at(&patched, &["metadata", "resourceVersion"]).is_none()
            {
                meta::metadata_mut(&mut patched).insert("resourceVersion".into(), json!(rv));
            }
        }
        if meta::name(&patched) != name {
            return Err(Status::bad_request(
                "metadata.name: Invalid value: the name of a patched object may not change",
            ));
        }
        patch::type_check_patch(r, pt, &body, &patched)?;
        let warnings = if pt == PatchType::Json {
            field_validation::prune(r, &mut patched);
            vec![]
        } else {
            field_validation::check_patch(directive, r, &body, &mut patched)?
        };
        let out = self.put_object(r, ns, name, sub, patched, req.dry_run)?;
        Ok((out, warnings))
    }

    /// PATCH application/apply-patch+yaml: server-side apply.
    fn apply_request(
        &mut self,
        r: &ApiResource,
        ns: &str,
        name: &str,
        req: &PatchRequest,
    ) -> Result<Value, Status> {
        let text = std::str::from_utf8(req.body).map_err(|e| Status::bad_request(e.to_string()))?;
        let config: Value = serde_yaml::from_str(text)
            .map_err(|e| Status::bad_request(format!("error decoding YAML: {e}")))?;
        let opts = WriteOptions {
            dry_run: req.dry_run,
            ..Default::default()
        };
        self.apply_patch(r, ns, name, &config, is_true(req.force), &opts)
    }
}
