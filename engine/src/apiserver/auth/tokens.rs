//! Bound ServiceAccount tokens: the TokenRequest subresource
//! (`serviceaccounts/token`, what `kubectl create token` calls) and the
//! authenticator that accepts them. Tokens look like the real JWTs (header,
//! claims, signature) and are remembered by the server that issued them.

use super::user::UserInfo;
use crate::api::{Registry, Status};
use crate::apiserver::defaults::secret::base64;
use crate::apiserver::ApiServer;
use crate::store::Key;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";
/// `--service-account-max-token-expiration` unset: the server's default is 1h.
const DEFAULT_EXPIRATION: i64 = 3600;
const MIN_EXPIRATION: i64 = 600;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IssuedToken {
    namespace: String,
    name: String,
    uid: String,
    jti: String,
    expires: i64,
}

fn b64url(bytes: &[u8]) -> String {
    base64(bytes)
        .replace('+', "-")
        .replace('/', "_")
        .trim_end_matches('=')
        .to_string()
}

impl ApiServer {
    /// The token the kubelet projects into a pod (`kube-api-access-*`'s
    /// serviceAccountToken source): bound to the pod and its node, valid
    /// for `seconds` from now; drawn from the pod's own stream, so the
    /// server's names never shift (it is not in the issued list).
    pub fn pod_token(&self, pod: &Value, seconds: i64) -> String {
        self.pod_token_at(pod, self.now.secs(), seconds)
    }

    /// The pod's token as issued at `now` (seconds): the same pod, service
    /// account and node give the same bytes, which is how the server
    /// recognises the tokens it projected.
    fn pod_token_at(&self, pod: &Value, now: i64, seconds: i64) -> String {
        let at = |p: &[&str]| crate::api::meta::str_at(pod, p).unwrap_or("").to_string();
        let (namespace, sa) = (
            at(&["metadata", "namespace"]),
            at(&["spec", "serviceAccountName"]),
        );
        let sa = if sa.is_empty() {
            "default".to_string()
        } else {
            sa
        };
        let mut rng = crate::rng::Rng::seeded(crate::leases::fnv(&at(&["metadata", "uid"])));
        let kid: Vec<u8> = (0..32).map(|_| rng.next_u64() as u8).collect();
        let sa_uid = Registry::default()
            .resolve("serviceaccounts")
            .and_then(|r| self.store.get(&Key::new(&r.key(), &namespace, &sa)))
            .and_then(|o| crate::api::meta::str_at(o, &["metadata", "uid"]).map(String::from))
            .unwrap_or_default();
        let node = at(&["spec", "nodeName"]);
        let node_uid = Registry::default()
            .resolve("nodes")
            .and_then(|r| self.store.get(&Key::new(&r.key(), "", &node)))
            .and_then(|o| crate::api::meta::str_at(o, &["metadata", "uid"]).map(String::from))
            .unwrap_or_default();
        let claims = json!({
            "aud": [ISSUER], "exp": now + seconds, "iat": now, "iss": ISSUER, "jti": rng.uuid(),
            "kubernetes.io": {
                "namespace": namespace,
                "node": {"name": node, "uid": node_uid},
                "pod": {"name": at(&["metadata", "name"]), "uid": at(&["metadata", "uid"])},
                "serviceaccount": {"name": sa, "uid": sa_uid},
                "warnafter": now + 3600,
            },
            "nbf": now, "sub": format!("system:serviceaccount:{namespace}:{sa}"),
        });
        let signature: Vec<u8> = (0..256).map(|_| rng.next_u64() as u8).collect();
        jwt(&kid, &claims, &signature)
    }

    /// POST serviceaccounts/NAME/token: a TokenRequest with its status filled.
    pub fn create_token(
        &mut self,
        namespace: &str,
        name: &str,
        expiration_seconds: Option<i64>,
    ) -> Result<Value, Status> {
        let sa_res = Registry::default()
            .resolve("serviceaccounts")
            .cloned()
            .ok_or_else(|| Status::internal("serviceaccounts are not served"))?;
        self.authorize("create", &sa_res, "token", namespace, name)?;
        let sa = self
            .store
            .get(&Key::new(&sa_res.key(), namespace, name))
            .cloned()
            .ok_or_else(|| Status::not_found(&sa_res, name))?;
        let seconds = expiration_seconds.unwrap_or(DEFAULT_EXPIRATION);
        let too = if seconds < MIN_EXPIRATION {
            Some("may not specify a duration less than 10 minutes")
        } else if seconds > 1 << 32 {
            Some("may not specify a duration larger than 2^32 seconds")
        } else {
            None
        };
        if let Some(detail) = too {
            return Err(Status::invalid(
                &self.token_request_resource(),
                "",
                vec![crate::api::status::FieldError::invalid(
                    "spec.expirationSeconds",
                    &seconds.to_string(),
                    detail,
                )],
            ));
        }
        let uid = crate::api::meta::str_at(&sa, &["metadata", "uid"])
            .unwrap_or("")
            .to_string();
        let now = self.now.secs();
        let exp = now + seconds;
        let kid: Vec<u8> = (0..32).map(|_| self.rng.next_u64() as u8).collect();
        let jti = self.rng.uuid();
        let token_jti = jti.clone();
        let claims = json!({
            "aud": [ISSUER], "exp": exp, "iat": now, "iss": ISSUER, "jti": token_jti,
            "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": name, "uid": uid}},
            "nbf": now, "sub": format!("system:serviceaccount:{namespace}:{name}"),
        });
        let signature: Vec<u8> = (0..256).map(|_| self.rng.next_u64() as u8).collect();
        let token = jwt(&kid, &claims, &signature);
        self.tokens.insert(
            token.clone(),
            IssuedToken {
                namespace: namespace.into(),
                name: name.into(),
                uid,
                jti,
                expires: exp,
            },
        );
        Ok(json!({
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "TokenRequest",
            "metadata": {"creationTimestamp": self.now.rfc3339(), "name": name, "namespace": namespace},
            "spec": {"audiences": [ISSUER], "boundObjectRef": null, "expirationSeconds": seconds},
            "status": {"expirationTimestamp": crate::clock::Time(exp * 1000).rfc3339(), "token": token},
        }))
    }

    fn token_request_resource(&self) -> crate::api::registry::ApiResource {
        crate::api::registry::ApiResource {
            name: "serviceaccounts".into(),
            singular: "".into(),
            short_names: vec![],
            group: "authentication.k8s.io".into(),
            version: "v1".into(),
            namespaced: true,
            kind: "TokenRequest".into(),
            verbs: vec![],
            categories: vec![],
            subresources: vec![],
        }
    }

    /// The bearer-token authenticator: a live token of an existing
    /// ServiceAccount, issued by TokenRequest, projected into a pod that
    /// still exists, or kept in a legacy token Secret.
    pub fn authenticate_token(&self, token: &str) -> Result<UserInfo, Status> {
        if let Some(user) = self.pod_bound(token).or_else(|| self.legacy(token)) {
            return Ok(user);
        }
        let t = self.tokens.get(token).ok_or_else(Status::unauthorized)?;
        let sa = self
            .store
            .get(&Key::new("/serviceaccounts", &t.namespace, &t.name))
            .ok_or_else(Status::unauthorized)?;
        let live = crate::api::meta::str_at(sa, &["metadata", "uid"]) == Some(t.uid.as_str())
            && self.now.secs() < t.expires;
        if !live {
            return Err(Status::unauthorized());
        }
        Ok(UserInfo::service_account(
            &t.namespace,
            &t.name,
            &t.uid,
            &t.jti,
        ))
    }

    /// A token the kubelet projected: its pod (same UID), service account
    /// and node still exist and issuing it again gives the same bytes.
    fn pod_bound(&self, token: &str) -> Option<UserInfo> {
        let claims = jwt_claims(token)?;
        let k = &claims["kubernetes.io"];
        let (ns, pod_name) = (k["namespace"].as_str()?, k["pod"]["name"].as_str()?);
        let pod = self.store.get(&Key::new("/pods", ns, pod_name))?;
        let uid = crate::api::meta::str_at(pod, &["metadata", "uid"])?;
        let (iat, exp) = (claims["iat"].as_i64()?, claims["exp"].as_i64()?);
        let live = k["pod"]["uid"].as_str() == Some(uid)
            && self.now.secs() < exp
            && self.pod_token_at(pod, iat, exp - iat) == token;
        live.then(|| {
            let mut user = UserInfo::service_account(
                ns,
                k["serviceaccount"]["name"].as_str().unwrap_or(""),
                k["serviceaccount"]["uid"].as_str().unwrap_or(""),
                claims["jti"].as_str().unwrap_or(""),
            );
            // What the token is bound to (ServiceAccountTokenPodNodeInfo).
            for (key, value) in [
                ("pod-name", &k["pod"]["name"]),
                ("pod-uid", &k["pod"]["uid"]),
                ("node-name", &k["node"]["name"]),
                ("node-uid", &k["node"]["uid"]),
            ] {
                user.extra.insert(
                    format!("authentication.kubernetes.io/{key}"),
                    vec![value.as_str().unwrap_or("").to_string()],
                );
            }
            user
        })
    }

    /// A token the token controller wrote into a
    /// `kubernetes.io/service-account-token` Secret, while that Secret
    /// holds it and its ServiceAccount (same UID) exists.
    fn legacy(&self, token: &str) -> Option<UserInfo> {
        let claims = jwt_claims(token)?;
        let at = |k: &str| claims[format!("kubernetes.io/serviceaccount/{k}")].as_str();
        let (ns, secret, sa, uid) = (
            at("namespace")?,
            at("secret.name")?,
            at("service-account.name")?,
            at("service-account.uid")?,
        );
        let s = self.store.get(&Key::new("/secrets", ns, secret))?;
        let stored = crate::kubelet::env::decode_base64(s["data"]["token"].as_str()?);
        let account = self.store.get(&Key::new("/serviceaccounts", ns, sa))?;
        let live = stored == token.as_bytes()
            && crate::api::meta::str_at(account, &["metadata", "uid"]) == Some(uid);
        live.then(|| UserInfo::service_account(ns, sa, uid, ""))
    }

    /// The token the token controller signs for a legacy Secret.
    pub fn legacy_token(&self, namespace: &str, secret: &str, sa: &str, sa_uid: &str) -> String {
        let mut rng = crate::rng::Rng::seeded(crate::leases::fnv(&format!(
            "{namespace}/{secret}/{sa_uid}"
        )));
        let kid: Vec<u8> = (0..32).map(|_| rng.next_u64() as u8).collect();
        // The legacy claims, in Go's (sorted) order.
        let claims = json!({
            "iss": "kubernetes/serviceaccount",
            "kubernetes.io/serviceaccount/namespace": namespace,
            "kubernetes.io/serviceaccount/secret.name": secret,
            "kubernetes.io/serviceaccount/service-account.name": sa,
            "kubernetes.io/serviceaccount/service-account.uid": sa_uid,
            "sub": format!("system:serviceaccount:{namespace}:{sa}"),
        });
        let signature: Vec<u8> = (0..256).map(|_| rng.next_u64() as u8).collect();
        jwt(&kid, &claims, &signature)
    }
}

/// `header.claims.signature`, each base64url without padding.
fn jwt(kid: &[u8], claims: &Value, signature: &[u8]) -> String {
    let header = json!({"alg": "RS256", "kid": b64url(kid)});
    format!(
        "{}.{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes()),
        b64url(signature)
    )
}

/// The claims of a `header.claims.signature` token, if it is one.
fn jwt_claims(token: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (_, claims, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let std: String = claims
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    serde_json::from_slice(&crate::kubelet::env::decode_base64(&std)).ok()
}
