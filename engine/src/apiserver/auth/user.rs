//! Who a request comes from (`user.Info`): name, uid, groups. The API server
//! works for one requester at a time; system components (controllers, the
//! scheduler, kubelets) run unrestricted.

use crate::api::Status;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MASTERS: &str = "system:masters";
pub const AUTHENTICATED: &str = "system:authenticated";
pub const UNAUTHENTICATED: &str = "system:unauthenticated";
pub const ANONYMOUS: &str = "system:anonymous";
pub const SA_PREFIX: &str = "system:serviceaccount:";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub name: String,
    pub uid: String,
    pub groups: Vec<String>,
    #[serde(default)]
    pub extra: BTreeMap<String, Vec<String>>,
}

/// The extra key authenticators fill with the credential's id.
pub const CREDENTIAL_ID: &str = "authentication.kubernetes.io/credential-id";
/// SHA-256 of the client certificate minikube wrote (the simulation's own).
const MINIKUBE_CERT_SHA256: &str =
    "8f2c6e0b5a3d41c97e6b2a0d9c4f18e3b7a5d2c90e1f4a6b8c3d5e7f9a1b2c4d";

impl UserInfo {
    /// The admin minikube's client certificate names (CN=minikube-user, O=system:masters).
    pub fn minikube_admin() -> UserInfo {
        UserInfo {
            name: "minikube-user".into(),
            uid: String::new(),
            groups: vec![MASTERS.into(), AUTHENTICATED.into()],
            extra: BTreeMap::from([(
                CREDENTIAL_ID.to_string(),
                vec![format!("X509SHA256={MINIKUBE_CERT_SHA256}")],
            )]),
        }
    }

    pub fn anonymous() -> UserInfo {
        UserInfo {
            name: ANONYMOUS.into(),
            uid: String::new(),
            groups: vec![UNAUTHENTICATED.into()],
            extra: BTreeMap::new(),
        }
    }

    /// A ServiceAccount's identity (`serviceaccount.UserInfo`).
    pub fn service_account(namespace: &str, name: &str, uid: &str, jti: &str) -> UserInfo {
        let mut groups = service_account_groups(namespace);
        groups.push(AUTHENTICATED.into());
        UserInfo {
            name: format!("{SA_PREFIX}{namespace}:{name}"),
            uid: uid.into(),
            groups,
            extra: BTreeMap::from([(CREDENTIAL_ID.to_string(), vec![format!("JTI={jti}")])]),
        }
    }

    pub fn in_group(&self, g: &str) -> bool {
        self.groups.iter().any(|x| x == g)
    }
}

pub fn service_account_groups(namespace: &str) -> Vec<String> {
    vec![
        "system:serviceaccounts".into(),
        format!("system:serviceaccounts:{namespace}"),
    ]
}

/// `system:serviceaccount:NS:NAME` split into (NS, NAME).
pub fn split_service_account(user: &str) -> Option<(&str, &str)> {
    let rest = user.strip_prefix(SA_PREFIX)?;
    let (ns, name) = rest.split_once(':')?;
    (!ns.is_empty() && !name.is_empty() && !name.contains(':')).then_some((ns, name))
}

/// Whose request the server is serving.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Requester {
    /// A component of the cluster itself: never checked.
    #[default]
    System,
    User(UserInfo),
    /// Credentials that did not authenticate: every request gets this 401.
    Rejected(Status),
}

/// What the client asks to act as (`--as`, `--as-group`, `--as-uid`;
/// the Impersonate-* headers).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impersonation {
    pub user: Option<String>,
    pub groups: Vec<String>,
    pub uid: Option<String>,
}

impl Impersonation {
    pub fn is_empty(&self) -> bool {
        self.user.is_none() && self.groups.is_empty() && self.uid.is_none()
    }
}

impl Status {
    /// 401, as the authentication filter writes it.
    pub fn unauthorized() -> Status {
        Status {
            code: 401,
            reason: "Unauthorized".into(),
            message: "Unauthorized".into(),
            details: None,
        }
    }
}
