//! Validation of the built-in kinds, as `pkg/apis/<group>/validation` of
//! Kubernetes v1.33 does it: the same checks in the same order, the same field
//! paths and messages. One file per kind; `go.rs` renders values the way the
//! API server's `%v`/`%q`/`%#v` do in `Invalid value: ...`.

pub(crate) mod configmap;
mod cronjob;
mod daemonset;
mod deployment;
mod go;
mod job;
mod pod;
mod pod_update;
mod replicaset;
mod secret;
mod selector;
mod service;
mod statefulset;

use crate::api::registry::ApiResource;
use crate::api::validation::object_meta;
use crate::api::FieldError;
use crate::apiserver::strategy::name_rule;
use serde_json::Value;

/// `Validate` on create: metadata, then the kind's own checks.
pub fn validate_create(r: &ApiResource, obj: &Value) -> Vec<FieldError> {
    let mut errs = object_meta(obj, name_rule(r), r.namespaced);
    errs.extend(kind_errors(r, obj));
    errs.extend(create_only_errors(r, obj));
    errs
}

fn kind_errors(r: &ApiResource, obj: &Value) -> Vec<FieldError> {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => pod::pod(obj),
        ("", "services") => service::service(obj),
        ("", "configmaps") => configmap::config_map(obj),
        ("", "secrets") => secret::secret(obj),
        ("apps", "deployments") => deployment::deployment(obj),
        ("apps", "replicasets") => replicaset::replica_set(obj),
        ("apps", "statefulsets") => statefulset::stateful_set(obj),
        ("apps", "daemonsets") => daemonset::daemon_set(obj),
        ("batch", "jobs") => job::job(obj),
        _ => vec![],
    }
}

/// The create-only checks (`ValidateCronJobCreate`'s name length).
fn create_only_errors(r: &ApiResource, obj: &Value) -> Vec<FieldError> {
    match (r.group.as_str(), r.name.as_str()) {
        ("batch", "cronjobs") => cronjob::cron_job_create(obj),
        _ => vec![],
    }
}

/// `ValidateUpdate`: the create checks on the new object, then what may
/// not change.
pub fn validate_update(r: &ApiResource, obj: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = object_meta(obj, name_rule(r), r.namespaced);
    errs.extend(kind_errors(r, obj));
    errs.extend(match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => pod_update::pod_update(obj, old),
        ("", "services") => service::service_update(obj, old),
        ("apps", "deployments" | "replicasets" | "daemonsets") => {
            selector::selector_immutable(obj, old)
        }
        ("apps", "statefulsets") => statefulset::stateful_set_update(obj, old),
        ("batch", "jobs") => job::job_update(obj, old),
        ("batch", "cronjobs") => cronjob::cron_job_update(obj, old),
        _ => vec![],
    });
    errs
}

/// `ValidateNonnegativeField`.
pub(crate) fn nonnegative(obj: &Value, path: &[&str], field: &str) -> Vec<FieldError> {
    match crate::api::meta::at(obj, path).and_then(Value::as_i64) {
        Some(v) if v < 0 => vec![FieldError::invalid(
            field,
            &v.to_string(),
            "must be greater than or equal to 0",
        )],
        _ => vec![],
    }
}
