//! Mutating admission, run on create after NamespaceLifecycle, in the order
//! kube-apiserver v1.33 enables its plugins (DEFAULTS.md §1 step 5):
//! LimitRanger, ServiceAccount, (TaintNodesByCondition), Priority,
//! DefaultTolerationSeconds, DefaultStorageClass, StorageObjectInUseProtection,
//! RuntimeClass, DefaultIngressClass. Errors are the plugins' 403s.

// `Status` is the API server's error everywhere (`create` returns it unboxed too).
#![allow(clippy::result_large_err)]

mod default_ingress_class;
mod default_storage_class;
mod default_tolerations;
mod limit_ranger;
mod pod_security;
mod priority;
mod resource_quota;
mod runtime_class;
mod service_account;
mod storage_protection;

#[cfg(test)]
mod tests;

use super::{ApiServer, ListOptions};
use crate::api::registry::ApiResource;
use crate::api::{meta, Status};
use serde_json::Value;

/// Mutating admission of a create request.
pub fn mutate(
    api: &mut ApiServer,
    r: &ApiResource,
    namespace: &str,
    obj: &mut Value,
) -> Result<(), Status> {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => {
            limit_ranger::admit(api, namespace, obj);
            service_account::admit(api, r, namespace, obj)?;
            priority::admit(api, r, obj)?;
            default_tolerations::admit(obj);
            runtime_class::admit(api, r, obj)?;
        }
        ("", "persistentvolumeclaims") => {
            default_storage_class::admit(api, obj);
            storage_protection::admit(obj, "kubernetes.io/pvc-protection");
        }
        ("", "persistentvolumes") => storage_protection::admit(obj, "kubernetes.io/pv-protection"),
        ("networking.k8s.io", "ingresses") => default_ingress_class::admit(api, obj),
        ("scheduling.k8s.io", "priorityclasses") => priority::admit_class(api, r, obj)?,
        ("", "limitranges") => {
            // Not admission: the LimitRange strategy names a nameless LimitRange with
            // a UUID. Done here because it needs the RNG and precedes validation.
            let unnamed = meta::name(obj).is_empty()
                && meta::str_at(obj, &["metadata", "generateName"]).is_none_or(str::is_empty);
            if unnamed {
                let uid = api.rng_mut().uuid();
                meta::metadata_mut(obj).insert("name".into(), uid.into());
            }
        }
        _ => {}
    }
    Ok(())
}

/// Validating admission of a create (or, with `old`, an update), after the
/// object passed validation: PodSecurity, then ResourceQuota.
pub fn validate(
    api: &mut ApiServer,
    r: &ApiResource,
    namespace: &str,
    obj: &Value,
    old: Option<&Value>,
) -> Result<(), Status> {
    if r.group.is_empty() && r.name == "namespaces" {
        return pod_security::admit_namespace(api, r, obj, old);
    }
    if old.is_none() {
        pod_security::admit(api, r, namespace, obj)?;
        resource_quota::admit(api, r, namespace, obj)?;
    }
    Ok(())
}

/// A served resource by group and plural name.
fn resource(api: &ApiServer, group: &str, name: &str) -> Option<ApiResource> {
    api.registry()
        .resources()
        .iter()
        .find(|r| r.group == group && r.name == name)
        .cloned()
}

/// Every object of a resource (in one namespace, or cluster-wide).
fn list(api: &ApiServer, group: &str, name: &str, namespace: Option<&str>) -> Vec<Value> {
    resource(api, group, name)
        .and_then(|r| api.list(&r, namespace, &ListOptions::default()).ok())
        .unwrap_or_default()
}

/// `admission.NewForbidden`: named after the object, else its generateName.
fn forbidden(r: &ApiResource, obj: &Value, err: &str) -> Status {
    let name = match meta::name(obj) {
        "" => meta::str_at(obj, &["metadata", "generateName"]).unwrap_or(""),
        n => n,
    };
    Status::forbidden(r, name, err)
}

/// The default of several classes marked default: newest creationTimestamp wins,
/// ties by name (DefaultStorageClass, DefaultIngressClass).
fn newest_default(classes: &[Value], is_default: impl Fn(&Value) -> bool) -> Option<&Value> {
    let mut defaults: Vec<&Value> = classes.iter().filter(|c| is_default(c)).collect();
    defaults.sort_by(|a, b| {
        let ts = |v: &Value| {
            meta::str_at(v, &["metadata", "creationTimestamp"])
                .unwrap_or("")
                .to_string()
        };
        ts(b)
            .cmp(&ts(a))
            .then_with(|| meta::name(a).cmp(meta::name(b)))
    });
    defaults.first().copied()
}

fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}
