//! The `fieldValidation` query parameter over HTTP: the engine's field
//! validation (kubeplay_engine::apiserver::field_validation), its Status
//! errors as replies, for creates and updates (the engine's
//! `patch_request` checks patches itself).

use crate::http::Reply;
use kubeplay_engine::api::ApiResource;
use kubeplay_engine::apiserver::field_validation::{self as engine, FieldValidation};
use serde_json::Value;

/// The `fieldValidation` query parameter.
pub fn directive(param: Option<&str>) -> Result<FieldValidation, Reply> {
    FieldValidation::from_param(param).map_err(|s| Reply::status(&s))
}

/// Checks a body: Err(400) under Strict, warnings under Warn; the unknown
/// fields are dropped either way.
pub fn check(d: &FieldValidation, r: &ApiResource, obj: &mut Value) -> Result<Vec<String>, Reply> {
    engine::check(*d, r, obj).map_err(|s| Reply::status(&s))
}
