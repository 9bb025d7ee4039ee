//! The self-review APIs kubectl's `auth` commands call:
//! SelfSubjectAccessReview (`auth can-i`), SelfSubjectRulesReview
//! (`auth can-i --list`) and SelfSubjectReview (`auth whoami`).

use super::rbac::{self, Attributes};
use super::user::{Requester, UserInfo};
use crate::api::Status;
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

impl ApiServer {
    fn reviewer(&self) -> Result<UserInfo, Status> {
        match &self.requester {
            Requester::User(u) => Ok(u.clone()),
            Requester::Rejected(s) => Err(s.clone()),
            Requester::System => Ok(UserInfo::minikube_admin()),
        }
    }

    /// POST selfsubjectaccessreviews: whether the requester may do `spec`.
    pub fn self_subject_access_review(&self, spec: &Value) -> Result<Value, Status> {
        let user = self.reviewer()?;
        let s = |o: &str, k: &str| spec[o][k].as_str().unwrap_or("").to_string();
        let (ra, nra) = ("resourceAttributes", "nonResourceAttributes");
        let resource_request = spec.get(ra).is_some_and(|v| !v.is_null());
        let (verb, group, resource, sub, ns, name, path) = if resource_request {
            (
                s(ra, "verb"),
                s(ra, "group"),
                s(ra, "resource"),
                s(ra, "subresource"),
                s(ra, "namespace"),
                s(ra, "name"),
                String::new(),
            )
        } else {
            (
                s(nra, "verb"),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                s(nra, "path"),
            )
        };
        let a = Attributes {
            verb: &verb,
            group: &group,
            resource: &resource,
            subresource: &sub,
            namespace: &ns,
            name: &name,
            path: &path,
            resource_request,
        };
        let status = match self.allows(&user, &a) {
            Ok(()) => json!({"allowed": true}),
            Err(reason) if reason.is_empty() => json!({"allowed": false}),
            Err(reason) => json!({"allowed": false, "reason": reason}),
        };
        Ok(json!({
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "metadata": {"creationTimestamp": null},
            "spec": spec,
            "status": status,
        }))
    }

    /// POST selfsubjectrulesreviews: the rules that apply in a namespace.
    pub fn self_subject_rules_review(&self, namespace: &str) -> Result<Value, Status> {
        let user = self.reviewer()?;
        let (rules, incomplete) = if user.in_group(super::user::MASTERS) {
            (
                vec![
                    json!({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}),
                    json!({"nonResourceURLs": ["*"], "verbs": ["*"]}),
                ],
                false,
            )
        } else {
            rbac::rules_for(&self.store, &user, namespace)
        };
        let (mut resource_rules, mut non_resource_rules) = (vec![], vec![]);
        for r in rules {
            if r.get("nonResourceURLs")
                .is_some_and(|u| u.as_array().is_some_and(|a| !a.is_empty()))
            {
                non_resource_rules
                    .push(json!({"verbs": r["verbs"], "nonResourceURLs": r["nonResourceURLs"]}));
            }
            if r.get("resources")
                .is_some_and(|u| u.as_array().is_some_and(|a| !a.is_empty()))
            {
                let mut rr = json!({"verbs": r["verbs"], "apiGroups": r["apiGroups"], "resources": r["resources"]});
                if let Some(n) = r.get("resourceNames").filter(|n| !n.is_null()) {
                    rr["resourceNames"] = n.clone();
                }
                resource_rules.push(rr);
            }
        }
        Ok(json!({
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectRulesReview",
            "metadata": {"creationTimestamp": null},
            "spec": {"namespace": namespace},
            "status": {"resourceRules": resource_rules, "nonResourceRules": non_resource_rules,
                       "incomplete": incomplete},
        }))
    }

    /// POST selfsubjectreviews: who the server thinks the requester is.
    pub fn self_subject_review(&self) -> Result<Value, Status> {
        let user = self.reviewer()?;
        let mut info = json!({"username": user.name, "groups": user.groups});
        if !user.uid.is_empty() {
            info["uid"] = json!(user.uid);
        }
        if !user.extra.is_empty() {
            info["extra"] = json!(user.extra);
        }
        Ok(json!({
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "SelfSubjectReview",
            "metadata": {"creationTimestamp": null},
            "status": {"userInfo": info},
        }))
    }
}
