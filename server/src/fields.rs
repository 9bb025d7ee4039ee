//! The `fieldValidation` query parameter over HTTP: the engine's field
//! validation (kubeplay_engine::apiserver::field_validation), its Status
//! errors as replies. The server runs it itself because it applies patches
//! itself before handing the engine an update.

use crate::http::Reply;
use kubeplay_engine::api::ApiResource;
use kubeplay_engine::apiserver::field_validation::{self as engine, FieldValidation};
use serde_json::Value;

pub use engine::prune;

/// The `fieldValidation` query parameter.
pub fn directive(param: Option<&str>) -> Result<FieldValidation, Reply> {
    FieldValidation::from_param(param).map_err(|s| Reply::status(&s))
}

/// Checks a body: Err(400) under Strict, warnings under Warn; the unknown
/// fields are dropped either way.
pub fn check(d: &FieldValidation, r: &ApiResource, obj: &mut Value) -> Result<Vec<String>, Reply> {
    engine::check(*d, r, obj).map_err(|s| Reply::status(&s))
}

/// A merge or strategic patch's unknown fields, found on the patched object.
pub fn check_patch(
    d: &FieldValidation,
    r: &ApiResource,
    patch: &Value,
    patched: &mut Value,
) -> Result<Vec<String>, Reply> {
    engine::check_patch(*d, r, patch, patched).map_err(|s| Reply::status(&s))
}
