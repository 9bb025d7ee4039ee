//! Who a request comes from (`user.Info`): name, uid, groups. The API server
//! works for one requester at a time; system components (controllers, the
//! scheduler, kubelets) run unrestricted.

use crate::api::Status;
use serde::{Deserialize, Serialize};

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
}

impl UserInfo {
    /// The admin minikube's client certificate names (CN=minikube-user, O=system:masters).
    pub fn minikube_admin() -> UserInfo {
        UserInfo {
            name: "minikube-user".into(),
            uid: String::new(),
            groups: vec![MASTERS.into(), AUTHENTICATED.into()],
        }
    }

    pub fn anonymous() -> UserInfo {
        UserInfo {
            name: ANONYMOUS.into(),
            uid: String::new(),
            groups: vec![UNAUTHENTICATED.into()],
        }
    }

    /// A ServiceAccount's identity (`serviceaccount.UserInfo`).
    pub fn service_account(namespace: &str, name: &str, uid: &str) -> UserInfo {
        let mut groups = service_account_groups(namespace);
        groups.push(AUTHENTICATED.into());
        UserInfo {
            name: format!("{SA_PREFIX}{namespace}:{name}"),
            uid: uid.into(),
            groups,
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
