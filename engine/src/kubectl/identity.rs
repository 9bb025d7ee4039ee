//! Who kubectl's requests come from: the kubeconfig user of the context
//! (`--user`, `--token`), authenticated by the server, then `--as`,
//! `--as-group`, `--as-uid` impersonation.

use super::flags::Parsed;
use super::kubeconfig::Kubeconfig;
use super::Env;
use crate::api::meta;
use crate::apiserver::auth::user::{Impersonation, Requester, UserInfo};
use serde_json::Value;

/// The client certificates minikube writes, by the subject the server reads.
fn certificate_subject(path: &str) -> Option<UserInfo> {
    path.ends_with("/.minikube/profiles/minikube/client.crt")
        .then(UserInfo::minikube_admin)
}

/// The kubeconfig `user` entry kubectl uses for this run.
fn kubeconfig_user(env: &Env, p: &Parsed) -> Option<Value> {
    let k = Kubeconfig::load(env, p).ok()?;
    let name = match p.str("user").filter(|s| !s.is_empty()) {
        Some(u) => u.to_string(),
        None => {
            let ctx_name = p
                .str("context")
                .filter(|c| !c.is_empty())
                .map(String::from)
                .unwrap_or_else(|| k.current_context().to_string());
            let ctx = k.context(&ctx_name)?;
            meta::str_at(&ctx, &["context", "user"])?.to_string()
        }
    };
    k.list("users")
        .into_iter()
        .find(|u| u["name"] == name.as_str())
        .map(|u| u["user"].clone())
}

/// The requester the server sees for this kubectl run.
pub fn requester(env: &Env, p: &Parsed) -> Requester {
    let api = &env.world.api;
    // No user entry at all: the simulation has no "connection refused", so
    // such runs keep the admin's identity.
    let user = kubeconfig_user(env, p)
        .unwrap_or_else(|| serde_json::json!({"client-certificate-data": "admin"}));
    let token = p
        .str("token")
        .filter(|t| !t.is_empty())
        .or_else(|| user.get("token").and_then(Value::as_str));
    // The x509 authenticator runs before the token ones: a client
    // certificate wins over a bearer token sent with it.
    let cert = user.get("client-certificate").and_then(Value::as_str);
    let authenticated = if let Some(cert) = cert {
        Ok(certificate_subject(cert).unwrap_or_else(UserInfo::anonymous))
    } else if user.get("client-certificate-data").is_some() {
        Ok(UserInfo::minikube_admin())
    } else if let Some(t) = token {
        api.authenticate_token(t)
    } else {
        Ok(UserInfo::anonymous())
    };
    let who = match authenticated {
        Ok(u) => u,
        Err(s) => return Requester::Rejected(s),
    };
    let imp = Impersonation {
        user: p.str("as").filter(|s| !s.is_empty()).map(String::from),
        groups: p.all("as-group"),
        uid: p.str("as-uid").filter(|s| !s.is_empty()).map(String::from),
    };
    match api.impersonate(&who, &imp) {
        Ok(u) => Requester::User(u),
        Err(s) => Requester::Rejected(s),
    }
}
