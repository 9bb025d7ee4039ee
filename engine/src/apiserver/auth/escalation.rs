//! RBAC escalation prevention (`pkg/registry/rbac/*/policybased`): a user may
//! write a Role or ClusterRole only with rules they already hold (or the
//! `escalate` verb), and bind a role only if they hold its rules (or `bind`).

use super::rbac::{self, Attributes};
use super::user::{UserInfo, MASTERS};
use crate::api::policy_rule::{breakdown, strings, Rule};
use crate::api::registry::ApiResource;
use crate::api::{meta, Status};
use crate::apiserver::ApiServer;
use serde_json::Value;

fn has(list: &[String], s: &str) -> bool {
    list.iter().any(|x| x == "*" || x == s)
}

/// `ruleCovers`: whether an owner rule grants a broken-down rule.
pub(crate) fn covers(owner: &Value, r: &Rule) -> bool {
    let verbs = strings(&owner["verbs"]);
    if !r.verbs.iter().all(|v| has(&verbs, v)) {
        return false;
    }
    if !r.urls.is_empty() {
        let urls = strings(&owner["nonResourceURLs"]);
        return r.urls.iter().all(|u| {
            urls.iter().any(|o| {
                o == "*" || o == u || (o.ends_with('*') && u.starts_with(o.trim_end_matches('*')))
            })
        });
    }
    let groups = strings(&owner["apiGroups"]);
    let resources = strings(&owner["resources"]);
    let names = strings(&owner["resourceNames"]);
    r.groups.iter().all(|g| has(&groups, g))
        && r.resources.iter().all(|res| {
            resources.iter().any(|o| {
                o == "*"
                    || o == res
                    || res
                        .split_once('/')
                        .is_some_and(|(_, sub)| o.strip_prefix("*/") == Some(sub))
            })
        })
        && (names.is_empty() || r.names.iter().all(|n| names.contains(n)))
}

/// `CompactString`: `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`.
fn compact_string(r: &Rule) -> String {
    let q = |v: &[String]| {
        format!(
            "[{}]",
            v.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(" ")
        )
    };
    let mut parts = vec![];
    for (label, v) in [
        ("APIGroups", &r.groups),
        ("Resources", &r.resources),
        ("NonResourceURLs", &r.urls),
        ("ResourceNames", &r.names),
        ("Verbs", &r.verbs),
    ] {
        if !v.is_empty() {
            parts.push(format!("{label}:{}", q(v)));
        }
    }
    format!("{{{}}}", parts.join(", "))
}

/// The error when `user` lacks some of `rules` in `namespace`.
fn confirm_no_escalation(
    api: &ApiServer,
    user: &UserInfo,
    namespace: &str,
    rules: &[Value],
) -> Result<(), String> {
    let (owner, incomplete) = rbac::rules_for(&api.store, user, namespace);
    let mut missing: Vec<Rule> = vec![];
    for rule in rules {
        for r in breakdown(rule) {
            if !owner.iter().any(|o| covers(o, &r)) {
                // CompactRules: simple rules on the same target merge their verbs.
                match missing.iter_mut().find(|m| {
                    m.urls.is_empty()
                        && r.urls.is_empty()
                        && m.groups == r.groups
                        && m.resources == r.resources
                        && m.names == r.names
                }) {
                    Some(m) => {
                        if !m.verbs.contains(&r.verbs[0]) {
                            m.verbs.push(r.verbs[0].clone());
                        }
                    }
                    None => missing.push(r),
                }
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = missing.iter().map(compact_string).collect();
    lines.sort();
    lines.dedup();
    let groups = format!(
        "[{}]",
        user.groups
            .iter()
            .map(|g| format!("{g:?}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut msg = format!(
        "user {:?} (groups={groups}) is attempting to grant RBAC permissions not currently held:\n{}",
        user.name,
        lines.join("\n")
    );
    if incomplete {
        msg.push_str("; resolution errors: [unable to resolve every binding]");
    }
    Err(msg)
}

impl ApiServer {
    /// Roles and bindings a user writes may not grant more than they hold.
    pub(crate) fn confirm_no_escalation(
        &self,
        r: &ApiResource,
        namespace: &str,
        obj: &Value,
    ) -> Result<(), Status> {
        if r.group != "rbac.authorization.k8s.io" {
            return Ok(());
        }
        // Runs inside the verb, where the requester's identity is `serving`.
        let Some(user) = self.serving.as_ref().or(self.requesting_user()) else {
            return Ok(());
        };
        if user.in_group(MASTERS) {
            return Ok(());
        }
        let ns = if r.namespaced { namespace } else { "" };
        let name = meta::name(obj);
        let allowed = |verb: &str, resource: &str, target: &str| {
            let a = Attributes {
                verb,
                group: "rbac.authorization.k8s.io",
                resource,
                namespace: ns,
                name: target,
                resource_request: true,
                ..Default::default()
            };
            self.allows(user, &a).is_ok()
        };
        let rules: Vec<Value> = match r.name.as_str() {
            "roles" | "clusterroles" => {
                if allowed("escalate", &r.name, name) {
                    return Ok(());
                }
                obj["rules"].as_array().cloned().unwrap_or_default()
            }
            "rolebindings" | "clusterrolebindings" => {
                let kind = meta::str_at(obj, &["roleRef", "kind"]).unwrap_or("");
                let role = meta::str_at(obj, &["roleRef", "name"]).unwrap_or("");
                let resource = if kind == "ClusterRole" {
                    "clusterroles"
                } else {
                    "roles"
                };
                if allowed("bind", resource, role) {
                    return Ok(());
                }
                let found = if kind == "ClusterRole" {
                    rbac::PolicySource::cluster_role(&self.store, role)
                } else {
                    rbac::PolicySource::role(&self.store, ns, role)
                };
                match found {
                    Some(role) => role["rules"].as_array().cloned().unwrap_or_default(),
                    None => {
                        let what = if kind == "ClusterRole" {
                            "clusterrole"
                        } else {
                            "role"
                        };
                        return Err(Status::forbidden(
                            r,
                            name,
                            &format!("{what}.rbac.authorization.k8s.io {role:?} not found"),
                        ));
                    }
                }
            }
            _ => return Ok(()),
        };
        confirm_no_escalation(self, user, ns, &rules)
            .map_err(|msg| Status::forbidden(r, name, &msg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_rights_are_compacted_like_upstream() {
        let owner = json!({"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]});
        let wanted = json!({"apiGroups": ["", "apps"], "resources": ["pods"], "verbs": ["get", "delete", "create"]});
        let missing: Vec<String> = breakdown(&wanted)
            .into_iter()
            .filter(|r| !covers(&owner, r))
            .map(|r| compact_string(&r))
            .collect();
        assert_eq!(
            missing[0],
            "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}"
        );
        assert_eq!(missing.len(), 5, "2 for core pods, 3 for apps pods");
    }
}
