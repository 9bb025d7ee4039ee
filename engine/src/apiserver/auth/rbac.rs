//! The RBAC authorizer (`plugin/pkg/auth/authorizer/rbac`): which rules of
//! which Roles and ClusterRoles a user's bindings grant, and whether one of
//! them allows a request.

use super::user::UserInfo;
use crate::api::meta;
use serde_json::Value;

/// What a request asks to do (`authorizer.Attributes`).
#[derive(Clone, Debug, Default)]
pub struct Attributes<'a> {
    pub verb: &'a str,
    pub group: &'a str,
    pub resource: &'a str,
    pub subresource: &'a str,
    pub namespace: &'a str,
    pub name: &'a str,
    /// For non-resource requests (`/healthz`, `/api`).
    pub path: &'a str,
    pub resource_request: bool,
}

/// Where the RBAC objects are read from.
pub trait PolicySource {
    fn cluster_role_bindings(&self) -> Vec<&Value>;
    fn role_bindings(&self, namespace: &str) -> Vec<&Value>;
    fn cluster_role(&self, name: &str) -> Option<&Value>;
    fn role(&self, namespace: &str, name: &str) -> Option<&Value>;
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.get(field)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn has(list: &[String], s: &str) -> bool {
    list.iter().any(|x| x == "*" || x == s)
}

/// `RuleAllows`: verbs, then either groups/resources/names or non-resource URLs.
pub fn rule_allows(a: &Attributes, rule: &Value) -> bool {
    if !has(&strings(rule, "verbs"), a.verb) {
        return false;
    }
    if !a.resource_request {
        return strings(rule, "nonResourceURLs").iter().any(|u| {
            u == "*"
                || u == a.path
                || (u.ends_with('*') && a.path.starts_with(u.trim_end_matches('*')))
        });
    }
    if !has(&strings(rule, "apiGroups"), a.group) {
        return false;
    }
    let combined = if a.subresource.is_empty() {
        a.resource.to_string()
    } else {
        format!("{}/{}", a.resource, a.subresource)
    };
    let resource_ok = strings(rule, "resources").iter().any(|r| {
        r == "*"
            || *r == combined
            || (!a.subresource.is_empty() && r.strip_prefix("*/") == Some(a.subresource))
    });
    if !resource_ok {
        return false;
    }
    let names = strings(rule, "resourceNames");
    names.is_empty() || names.iter().any(|n| n == a.name)
}

/// Whether a binding's subjects include the user (`appliesTo`).
fn applies_to(user: &UserInfo, binding: &Value, binding_ns: &str) -> bool {
    let subjects = binding
        .get("subjects")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    subjects.iter().any(|s| {
        let name = s.get("name").and_then(Value::as_str).unwrap_or("");
        match s.get("kind").and_then(Value::as_str).unwrap_or("") {
            "User" => user.name == name,
            "Group" => user.in_group(name),
            "ServiceAccount" => {
                let ns = s
                    .get("namespace")
                    .and_then(Value::as_str)
                    .filter(|n| !n.is_empty())
                    .unwrap_or(binding_ns);
                !ns.is_empty() && user.name == format!("system:serviceaccount:{ns}:{name}")
            }
            _ => false,
        }
    })
}

/// The rules a roleRef points at, or the not-found error the resolver reports.
fn role_rules(src: &dyn PolicySource, binding: &Value, ns: &str) -> Result<Vec<Value>, String> {
    let kind = meta::str_at(binding, &["roleRef", "kind"]).unwrap_or("");
    let name = meta::str_at(binding, &["roleRef", "name"]).unwrap_or("");
    let role = match kind {
        "ClusterRole" => src
            .cluster_role(name)
            .ok_or_else(|| format!("clusterrole.rbac.authorization.k8s.io \"{name}\" not found"))?,
        "Role" => src
            .role(ns, name)
            .ok_or_else(|| format!("role.rbac.authorization.k8s.io \"{name}\" not found"))?,
        _ => return Err(format!("unsupported role reference kind: \"{kind}\"")),
    };
    Ok(role
        .get("rules")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default())
}

/// Every rule that applies to `user` in `namespace` (cluster-wide bindings
/// first), with the errors met; `visit` returns false to stop early.
pub fn visit_rules(
    src: &dyn PolicySource,
    user: &UserInfo,
    namespace: &str,
    visit: &mut dyn FnMut(Option<&Value>, Option<String>) -> bool,
) {
    for b in src.cluster_role_bindings() {
        if !applies_to(user, b, "") {
            continue;
        }
        match role_rules(src, b, "") {
            Ok(rules) => {
                for r in &rules {
                    if !visit(Some(r), None) {
                        return;
                    }
                }
            }
            Err(e) => {
                if !visit(None, Some(e)) {
                    return;
                }
            }
        }
    }
    if namespace.is_empty() {
        return;
    }
    for b in src.role_bindings(namespace) {
        if !applies_to(user, b, namespace) {
            continue;
        }
        match role_rules(src, b, namespace) {
            Ok(rules) => {
                for r in &rules {
                    if !visit(Some(r), None) {
                        return;
                    }
                }
            }
            Err(e) => {
                if !visit(None, Some(e)) {
                    return;
                }
            }
        }
    }
}

/// Allowed, or the denial's reason (empty, or `RBAC: <errors>`).
pub fn authorize(src: &dyn PolicySource, user: &UserInfo, a: &Attributes) -> Result<(), String> {
    let mut allowed = false;
    let mut errors: Vec<String> = vec![];
    visit_rules(src, user, a.namespace, &mut |rule, err| {
        if rule.is_some_and(|r| rule_allows(a, r)) {
            allowed = true;
            return false;
        }
        if let Some(e) = err {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
        true
    });
    if allowed {
        return Ok(());
    }
    Err(match errors.len() {
        0 => String::new(),
        1 => format!("RBAC: {}", errors[0]),
        _ => format!("RBAC: [{}]", errors.join(", ")),
    })
}

/// The rules that apply in a namespace and whether the list is complete
/// (`RulesFor`, behind SelfSubjectRulesReview).
pub fn rules_for(src: &dyn PolicySource, user: &UserInfo, namespace: &str) -> (Vec<Value>, bool) {
    let mut rules = vec![];
    let mut incomplete = false;
    visit_rules(src, user, namespace, &mut |rule, err| {
        if let Some(r) = rule {
            rules.push(r.clone());
        }
        incomplete |= err.is_some();
        true
    });
    (rules, incomplete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Fake {
        crbs: Vec<Value>,
        rbs: BTreeMap<String, Vec<Value>>,
        crs: BTreeMap<String, Value>,
        roles: BTreeMap<(String, String), Value>,
    }

    impl PolicySource for Fake {
        fn cluster_role_bindings(&self) -> Vec<&Value> {
            self.crbs.iter().collect()
        }
        fn role_bindings(&self, ns: &str) -> Vec<&Value> {
            self.rbs
                .get(ns)
                .map(|v| v.iter().collect())
                .unwrap_or_default()
        }
        fn cluster_role(&self, name: &str) -> Option<&Value> {
            self.crs.get(name)
        }
        fn role(&self, ns: &str, name: &str) -> Option<&Value> {
            self.roles.get(&(ns.to_string(), name.to_string()))
        }
    }

    fn jane() -> UserInfo {
        UserInfo {
            name: "jane".into(),
            groups: vec!["devs".into(), "system:authenticated".into()],
            ..Default::default()
        }
    }

    fn req<'a>(verb: &'a str, resource: &'a str, ns: &'a str) -> Attributes<'a> {
        Attributes {
            verb,
            resource,
            namespace: ns,
            resource_request: true,
            ..Default::default()
        }
    }

    fn pod_reader() -> Fake {
        let mut f = Fake::default();
        f.roles.insert(
            ("dev".into(), "pod-reader".into()),
            json!({"rules": [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list"]},
                              {"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"], "verbs": ["*"]}]}),
        );
        f.rbs.insert(
            "dev".into(),
            vec![json!({"roleRef": {"kind": "Role", "name": "pod-reader"},
                        "subjects": [{"kind": "User", "name": "jane"}]})],
        );
        f
    }

    #[test]
    fn role_binding_grants_only_in_its_namespace() {
        let f = pod_reader();
        assert!(authorize(&f, &jane(), &req("list", "pods", "dev")).is_ok());
        assert!(authorize(&f, &jane(), &req("list", "pods", "default")).is_err());
        assert!(authorize(&f, &jane(), &req("delete", "pods", "dev")).is_err());
        assert!(authorize(&f, &jane(), &req("list", "pods", "")).is_err());
    }

    #[test]
    fn subresources_and_resource_names() {
        let f = pod_reader();
        let mut a = req("get", "pods", "dev");
        a.subresource = "log";
        assert!(authorize(&f, &jane(), &a).is_ok());
        a.subresource = "exec";
        assert!(authorize(&f, &jane(), &a).is_err());
        let mut d = req("delete", "deployments", "dev");
        d.group = "apps";
        d.name = "web";
        assert!(authorize(&f, &jane(), &d).is_ok());
        d.name = "api";
        assert!(authorize(&f, &jane(), &d).is_err());
        d.name = "";
        assert!(
            authorize(&f, &jane(), &d).is_err(),
            "names never match a collection"
        );
    }

    #[test]
    fn groups_service_accounts_and_wildcards() {
        let mut f = Fake::default();
        f.crs.insert(
            "all".into(),
            json!({"rules": [{"apiGroups": ["*"], "resources": ["*/status"], "verbs": ["*"]},
                              {"nonResourceURLs": ["/healthz", "/api/*"], "verbs": ["get"]}]}),
        );
        f.crbs.push(json!({"roleRef": {"kind": "ClusterRole", "name": "all"},
                            "subjects": [{"kind": "Group", "name": "devs"},
                                         {"kind": "ServiceAccount", "name": "bot", "namespace": "ci"}]}));
        let mut a = req("update", "deployments", "x");
        a.group = "apps";
        a.subresource = "status";
        assert!(authorize(&f, &jane(), &a).is_ok());
        a.subresource = "";
        assert!(authorize(&f, &jane(), &a).is_err());
        let bot = UserInfo {
            name: "system:serviceaccount:ci:bot".into(),
            ..Default::default()
        };
        let path = |p| Attributes {
            verb: "get",
            path: p,
            ..Default::default()
        };
        assert!(authorize(&f, &bot, &path("/healthz")).is_ok());
        assert!(authorize(&f, &bot, &path("/api/v1")).is_ok());
        assert!(authorize(&f, &bot, &path("/apis")).is_err());
    }

    #[test]
    fn missing_roles_are_reported_once() {
        let mut f = Fake::default();
        f.rbs.insert(
            "dev".into(),
            vec![
                json!({"roleRef": {"kind": "Role", "name": "gone"}, "subjects": [{"kind": "User", "name": "jane"}]}),
                json!({"roleRef": {"kind": "Role", "name": "gone"}, "subjects": [{"kind": "User", "name": "jane"}]}),
            ],
        );
        assert_eq!(
            authorize(&f, &jane(), &req("get", "pods", "dev")),
            Err("RBAC: role.rbac.authorization.k8s.io \"gone\" not found".into())
        );
        f.crbs.push(json!({"roleRef": {"kind": "ClusterRole", "name": "nope"}, "subjects": [{"kind": "User", "name": "jane"}]}));
        assert_eq!(
            authorize(&f, &jane(), &req("get", "pods", "dev")),
            Err("RBAC: [clusterrole.rbac.authorization.k8s.io \"nope\" not found, role.rbac.authorization.k8s.io \"gone\" not found]".into())
        );
        assert!(rules_for(&f, &jane(), "dev").1, "incomplete");
    }
}
