//! DefaultIngressClass: an Ingress with neither `spec.ingressClassName` nor the
//! `kubernetes.io/ingress.class` annotation gets the default IngressClass.

use super::{annotation, list, newest_default};
use crate::api::meta;
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

pub fn admit(api: &ApiServer, ingress: &mut Value) {
    let has_class = !meta::at(ingress, &["spec", "ingressClassName"]).is_none_or(Value::is_null)
        || annotation(ingress, "kubernetes.io/ingress.class").is_some();
    if has_class || !ingress["spec"].is_object() {
        return;
    }
    let classes = list(api, "networking.k8s.io", "ingressclasses", None);
    let default = newest_default(&classes, |c| {
        annotation(c, "ingressclass.kubernetes.io/is-default-class") == Some("true")
    });
    if let Some(c) = default {
        ingress["spec"]["ingressClassName"] = json!(meta::name(c));
    }
}
