//! The token controller's legacy half (tokens_controller.go): a Secret of
//! type `kubernetes.io/service-account-token` that names a ServiceAccount
//! gets that account's UID, the cluster CA, its namespace and a signed
//! token; one whose account does not exist (or has another UID) is
//! deleted. The API server accepts the token while the Secret holds it.

use super::serviceaccount::CA_CRT;
use crate::api::meta;
use crate::apiserver::defaults::secret::base64;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::{json, Value};

const TYPE: &str = "kubernetes.io/service-account-token";
const SA_NAME: &str = "kubernetes.io/service-account.name";
const SA_UID: &str = "kubernetes.io/service-account.uid";

pub fn reconcile(api: &mut ApiServer) {
    let (Some(secret_r), Some(sa_r)) = (
        api.registry().resolve("secrets").cloned(),
        api.registry().resolve("serviceaccounts").cloned(),
    ) else {
        return;
    };
    let secrets = api
        .list_shared(&secret_r, None, &ListOptions::default())
        .unwrap_or_default();
    for secret in secrets.iter().filter(|s| s["type"] == TYPE) {
        if meta::str_at(secret, &["metadata", "deletionTimestamp"]).is_some() {
            continue;
        }
        let (ns, name) = (meta::namespace(secret), meta::name(secret));
        let annotation = |k: &str| meta::str_at(secret, &["metadata", "annotations", k]);
        let sa_name = annotation(SA_NAME).unwrap_or("");
        let account = api.get(&sa_r, ns, sa_name).ok();
        let sa_uid = account
            .as_ref()
            .and_then(|a| meta::str_at(a, &["metadata", "uid"]))
            .unwrap_or("")
            .to_string();
        let gone = account.is_none() || annotation(SA_UID).is_some_and(|u| u != sa_uid);
        if gone {
            let _ = api.delete(&secret_r, ns, name, &WriteOptions::default());
            continue;
        }
        if let Some(filled) = filled(api, secret, &sa_uid) {
            let _ = api.update(&secret_r, ns, filled);
        }
    }
}

/// The Secret with what the controller adds, or None when it has it all.
fn filled(api: &ApiServer, secret: &Value, sa_uid: &str) -> Option<Value> {
    let (ns, name) = (meta::namespace(secret), meta::name(secret));
    let data = &secret["data"];
    let has = |k: &str, want: Option<&str>| match (data[k].as_str(), want) {
        (Some(v), Some(w)) => v == base64(w.as_bytes()),
        (Some(v), None) => !v.is_empty(),
        (None, _) => false,
    };
    let complete = has("ca.crt", Some(CA_CRT))
        && has("namespace", Some(ns))
        && has("token", None)
        && meta::str_at(secret, &["metadata", "annotations", SA_UID]) == Some(sa_uid);
    if complete {
        return None;
    }
    let mut out = secret.clone();
    out["metadata"]["annotations"][SA_UID] = json!(sa_uid);
    if !out["data"].is_object() {
        out["data"] = json!({});
    }
    out["data"]["ca.crt"] = json!(base64(CA_CRT.as_bytes()));
    out["data"]["namespace"] = json!(base64(ns.as_bytes()));
    if !has("token", None) {
        let sa = meta::str_at(secret, &["metadata", "annotations", SA_NAME]).unwrap_or("");
        let token = api.legacy_token(ns, name, sa, sa_uid);
        out["data"]["token"] = json!(base64(token.as_bytes()));
    }
    Some(out)
}
