//! DefaultStorageClass: a claim naming no class (neither `spec.storageClassName`
//! nor the beta annotation; an explicit `""` counts as named) gets the default
//! StorageClass — the newest one marked default.

use super::{annotation, list, newest_default};
use crate::api::meta;
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

const BETA_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

pub fn admit(api: &ApiServer, pvc: &mut Value) {
    let has_class = !meta::at(pvc, &["spec", "storageClassName"]).is_none_or(Value::is_null)
        || annotation(pvc, BETA_CLASS_ANNOTATION).is_some();
    if has_class || !pvc["spec"].is_object() {
        return;
    }
    let classes = list(api, "storage.k8s.io", "storageclasses", None);
    let default = newest_default(&classes, |c| {
        annotation(c, "storageclass.kubernetes.io/is-default-class") == Some("true")
            || annotation(c, "storageclass.beta.kubernetes.io/is-default-class") == Some("true")
    });
    if let Some(c) = default {
        pvc["spec"]["storageClassName"] = json!(meta::name(c));
    }
}
