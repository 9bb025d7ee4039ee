//! Who kubectl's requests come from: the kubeconfig user of the context
//! (`--user`, `--token`), authenticated by the server, then `--as`,
//! `--as-group`, `--as-uid` impersonation.

use super::flags::Parsed;
use super::kubeconfig::Kubeconfig;
use super::Env;
use crate::api::meta;
use crate::apiserver::auth::user::{Impersonation, Requester, UserInfo};
use crate::cluster_ca;
use serde_json::Value;

/// What the server's x509 authenticator makes of the client certificate
/// (a file or inline data): the user minikube's own certificate names, or
/// the CN and O of a real certificate the cluster CA signed (401 when it
/// did not, or it expired). `None`: no client certificate.
fn certificate_user(env: &Env, user: &Value) -> Option<Result<UserInfo, ()>> {
    let now = env.world.api.now().secs();
    if let Some(path) = user.get("client-certificate").and_then(Value::as_str) {
        if path.ends_with("/.minikube/profiles/minikube/client.crt") {
            return Some(Ok(UserInfo::minikube_admin()));
        }
        let pem = env
            .vfs
            .read(&crate::kubectl::manifests::absolute(env.cwd, path));
        return Some(
            pem.and_then(|p| cluster_ca::authenticate(p, now))
                .unwrap_or(Ok(UserInfo::anonymous())),
        );
    }
    let data = user
        .get("client-certificate-data")
        .and_then(Value::as_str)?;
    let pem = String::from_utf8_lossy(&crate::kubelet::env::decode_base64(data)).into_owned();
    Some(cluster_ca::authenticate(&pem, now).unwrap_or(Ok(UserInfo::minikube_admin())))
}

/// Commands whose own `--user` (a binding's subjects) shadows the global
/// one, as a command's local flag does in cobra.
const LOCAL_USER: &[&str] = &[
    "create rolebinding",
    "create clusterrolebinding",
    "set subject",
    "config set-context",
];

/// The kubeconfig `user` entry kubectl uses for this run.
fn kubeconfig_user(env: &Env, p: &Parsed, path: &str) -> Option<Value> {
    let k = Kubeconfig::load(env, p).ok()?;
    let global_user = if LOCAL_USER.contains(&path) {
        None
    } else {
        p.str("user")
    };
    let name = match global_user.filter(|s| !s.is_empty()) {
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
pub fn requester(env: &Env, p: &Parsed, path: &str) -> Requester {
    let api = &env.world.api;
    // No user entry at all: the simulation has no "connection refused", so
    // such runs keep the admin's identity.
    let user = kubeconfig_user(env, p, path)
        .unwrap_or_else(|| serde_json::json!({"client-certificate-data": "admin"}));
    let token = p
        .str("token")
        .filter(|t| !t.is_empty())
        .or_else(|| user.get("token").and_then(Value::as_str));
    // The x509 authenticator runs before the token ones: a client
    // certificate wins over a bearer token sent with it.
    let authenticated = if let Some(cert) = certificate_user(env, &user) {
        cert.map_err(|()| crate::api::Status::unauthorized())
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
