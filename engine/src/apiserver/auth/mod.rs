//! Authentication, impersonation and authorization in front of the verbs
//! (the filter chain of kube-apiserver: authn → impersonation → authz with
//! system:masters privileged, then Node,RBAC), and the warnings a request
//! collects for its response.

pub mod bootstrap;
pub(crate) mod escalation;
pub mod rbac;
pub mod reviews;
pub mod tokens;
pub mod user;

use super::ApiServer;
use crate::api::registry::ApiResource;
use crate::api::Status;
use crate::store::{Key, Store};
use rbac::{Attributes, PolicySource};
use serde_json::Value;
use std::cell::RefCell;
use user::{Impersonation, Requester, UserInfo};

const RBAC: &str = "rbac.authorization.k8s.io";

impl PolicySource for Store {
    fn cluster_role_bindings(&self) -> Vec<&Value> {
        self.list("rbac.authorization.k8s.io/clusterrolebindings", None)
            .map(|(_, v)| &**v)
            .collect()
    }
    fn role_bindings(&self, namespace: &str) -> Vec<&Value> {
        self.list("rbac.authorization.k8s.io/rolebindings", None)
            .filter(|(k, _)| k.namespace == namespace)
            .map(|(_, v)| &**v)
            .collect()
    }
    fn cluster_role(&self, name: &str) -> Option<&Value> {
        self.get(&Key::new(&format!("{RBAC}/clusterroles"), "", name))
    }
    fn role(&self, namespace: &str, name: &str) -> Option<&Value> {
        self.get(&Key::new(&format!("{RBAC}/roles"), namespace, name))
    }
}

/// Warnings for the current request, de-duplicated as kubectl's handler does.
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    pending: RefCell<Vec<String>>,
    shown: RefCell<Vec<String>>,
}

/// The 403 the authorization filter writes (`responsewriters.ForbiddenStatusError`).
pub fn forbidden(user: &UserInfo, a: &Attributes, reason: &str) -> Status {
    let msg = if !a.resource_request {
        format!("User {:?} cannot {} path {:?}", user.name, a.verb, a.path)
    } else {
        let resource = if a.subresource.is_empty() {
            a.resource.to_string()
        } else {
            format!("{}/{}", a.resource, a.subresource)
        };
        let scope = if a.namespace.is_empty() {
            "at the cluster scope".to_string()
        } else {
            format!("in the namespace {:?}", a.namespace)
        };
        format!(
            "User {:?} cannot {} resource {:?} in API group {:?} {scope}",
            user.name, a.verb, resource, a.group
        )
    };
    let err = if reason.is_empty() {
        msg
    } else {
        format!("{msg}: {reason}")
    };
    let qualified = if a.group.is_empty() {
        a.resource.to_string()
    } else {
        format!("{}.{}", a.resource, a.group)
    };
    let message = if qualified.is_empty() {
        format!("forbidden: {err}")
    } else if a.name.is_empty() {
        format!("{qualified} is forbidden: {err}")
    } else {
        format!("{qualified} {:?} is forbidden: {err}", a.name)
    };
    Status {
        code: 403,
        reason: "Forbidden".into(),
        message,
        details: None,
    }
}

impl ApiServer {
    /// Sets whose requests follow; returns the previous requester.
    pub fn set_requester(&mut self, r: Requester) -> Requester {
        std::mem::replace(&mut self.requester, r)
    }

    /// Forgets the warnings shown so far (a new client session).
    pub fn clear_warnings(&self) {
        self.warnings.shown.borrow_mut().clear();
        self.warnings.pending.borrow_mut().clear();
    }

    pub fn requester(&self) -> &Requester {
        &self.requester
    }

    /// The user a request runs as, or None for the cluster's own components.
    pub fn requesting_user(&self) -> Option<&UserInfo> {
        match &self.requester {
            Requester::User(u) => Some(u),
            _ => None,
        }
    }

    /// The user whose authorized request is being carried out (inside
    /// `as_requester`, where the checks are done), else the requester.
    pub fn served_user(&self) -> Option<&UserInfo> {
        self.serving.as_ref().or_else(|| self.requesting_user())
    }

    /// Adds a warning to the current user request's response.
    pub fn warn(&self, text: impl Into<String>) {
        if matches!(self.requester, Requester::System) && self.serving.is_none() {
            return;
        }
        let text = text.into();
        let seen = self.warnings.shown.borrow().contains(&text)
            || self.warnings.pending.borrow().contains(&text);
        if !seen {
            self.warnings.pending.borrow_mut().push(text);
        }
    }

    /// The warnings collected since the last call (each shown once per requester).
    pub fn take_warnings(&self) -> Vec<String> {
        let out: Vec<String> = self.warnings.pending.borrow_mut().drain(..).collect();
        self.warnings.shown.borrow_mut().extend(out.iter().cloned());
        out
    }

    /// Whether `user` may do what `a` describes (privileged group, then RBAC).
    pub fn allows(&self, user: &UserInfo, a: &Attributes) -> Result<(), String> {
        if user.in_group(user::MASTERS) {
            return Ok(());
        }
        rbac::authorize(&self.store, user, a)
    }

    /// The check in front of every verb: the requester may `verb` this resource.
    pub(crate) fn authorize(
        &self,
        verb: &str,
        r: &ApiResource,
        subresource: &str,
        namespace: &str,
        name: &str,
    ) -> Result<(), Status> {
        let user = match &self.requester {
            Requester::System => return Ok(()),
            Requester::Rejected(s) => return Err(s.clone()),
            Requester::User(u) => u,
        };
        if r.group.is_empty() && r.name == "endpoints" {
            self.warn(
                "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice",
            );
        }
        let a = Attributes {
            verb,
            group: &r.group,
            resource: &r.name,
            subresource,
            namespace: if r.namespaced { namespace } else { "" },
            name,
            path: "",
            resource_request: true,
        };
        self.allows(user, &a)
            .map_err(|reason| forbidden(user, &a, &reason))
    }

    /// Runs one verb for the requester: checks it, then lets the server's own
    /// steps (admission lookups, nested verbs) run unchecked.
    pub(crate) fn as_requester<T>(
        &mut self,
        check: (&str, &ApiResource, &str, &str, &str),
        f: impl FnOnce(&mut ApiServer) -> Result<T, Status>,
    ) -> Result<T, Status> {
        let (verb, r, sub, ns, name) = check;
        self.authorize(verb, r, sub, ns, name)?;
        let who = std::mem::take(&mut self.requester);
        let serving = std::mem::replace(
            &mut self.serving,
            match &who {
                Requester::User(u) => Some(u.clone()),
                _ => None,
            },
        );
        let out = f(self);
        self.serving = serving;
        self.requester = who;
        out
    }

    /// The impersonation filter: `who` must be allowed to impersonate each
    /// part; the result is the user the request then runs as.
    pub fn impersonate(&self, who: &UserInfo, imp: &Impersonation) -> Result<UserInfo, Status> {
        if imp.is_empty() {
            return Ok(who.clone());
        }
        let Some(name) = &imp.user else {
            return Err(Status::internal(format!(
                "requested {:?} without impersonating a user",
                imp.groups
            )));
        };
        let mut groups: Vec<String> = vec![];
        let check = |resource: &str, ns: &str, n: &str, group: &str| {
            let a = Attributes {
                verb: "impersonate",
                group,
                resource,
                namespace: ns,
                name: n,
                resource_request: true,
                ..Default::default()
            };
            self.allows(who, &a)
                .map_err(|reason| forbidden(who, &a, &reason))
        };
        match user::split_service_account(name) {
            Some((ns, sa)) => {
                check("serviceaccounts", ns, sa, "")?;
                if imp.groups.is_empty() {
                    groups = user::service_account_groups(ns);
                }
            }
            None => check("users", "", name, "")?,
        }
        for g in &imp.groups {
            check("groups", "", g, "")?;
            groups.push(g.clone());
        }
        if let Some(uid) = &imp.uid {
            check("uids", "", uid, "authentication.k8s.io")?;
        }
        if name != user::ANONYMOUS {
            if !groups
                .iter()
                .any(|g| g == user::AUTHENTICATED || g == user::UNAUTHENTICATED)
            {
                groups.push(user::AUTHENTICATED.into());
            }
        } else if !groups.iter().any(|g| g == user::UNAUTHENTICATED) {
            groups.push(user::UNAUTHENTICATED.into());
        }
        Ok(UserInfo {
            name: name.clone(),
            uid: imp.uid.clone().unwrap_or_default(),
            groups,
            extra: Default::default(),
        })
    }
}
