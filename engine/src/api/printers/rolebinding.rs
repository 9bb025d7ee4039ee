//! RoleBinding and ClusterRoleBinding: `NAME ROLE AGE`, wide `USERS GROUPS
//! SERVICEACCOUNTS` (`printRoleBinding`, `printClusterRoleBinding`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const ROLE_BINDING: Printer = Printer {
    columns: &[
        NAME,
        col("Role", "string", 0, "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error."),
        AGE,
        col("Users", "string", 1, "Users in the roleBinding"),
        col("Groups", "string", 1, "Groups in the roleBinding"),
        col("ServiceAccounts", "string", 1, "ServiceAccounts in the roleBinding"),
    ],
    row,
};

pub const CLUSTER_ROLE_BINDING: Printer = Printer {
    columns: &[
        NAME,
        col("Role", "string", 0, "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error."),
        AGE,
        col("Users", "string", 1, "Users in the clusterRoleBinding"),
        col("Groups", "string", 1, "Groups in the clusterRoleBinding"),
        col("ServiceAccounts", "string", 1, "ServiceAccounts in the clusterRoleBinding"),
    ],
    row,
};

/// `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts.
fn subjects(binding: &Value) -> (Vec<&str>, Vec<&str>, Vec<String>) {
    let (mut users, mut groups, mut sas) = (vec![], vec![], vec![]);
    for subject in list(binding, &["subjects"]) {
        let f = |k: &str| subject.get(k).and_then(Value::as_str).unwrap_or("");
        match f("kind") {
            "ServiceAccount" => sas.push(format!("{}/{}", f("namespace"), f("name"))),
            "User" => users.push(f("name")),
            "Group" => groups.push(f("name")),
            _ => {}
        }
    }
    (users, groups, sas)
}

fn row(binding: &Value, now: Time) -> Vec<Value> {
    let (users, groups, sas) = subjects(binding);
    vec![
        s(binding, &["metadata", "name"]).into(),
        format!(
            "{}/{}",
            s(binding, &["roleRef", "kind"]),
            s(binding, &["roleRef", "name"])
        )
        .into(),
        age(binding, now),
        users.join(", ").into(),
        groups.join(", ").into(),
        sas.join(", ").into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn role_binding_with_every_subject_kind() {
        let rb = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": {"name": "read-pods", "namespace": "default", "creationTimestamp": ago(15)},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "pod-reader"},
            "subjects": [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
                         {"kind": "User", "name": "bob", "apiGroup": "rbac.authorization.k8s.io"},
                         {"kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"},
                         {"kind": "ServiceAccount", "name": "builder", "namespace": "ci"}]});
        assert_eq!(
            cells(&ROLE_BINDING, &rb),
            vec![
                json!("read-pods"),
                json!("Role/pod-reader"),
                json!("15s"),
                json!("jane, bob"),
                json!("devs"),
                json!("ci/builder")
            ]
        );
    }

    #[test]
    fn cluster_role_binding_with_group_only() {
        let crb = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": "cluster-admin", "creationTimestamp": ago(85 * 60)},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
            "subjects": [{"kind": "Group", "name": "system:masters", "apiGroup": "rbac.authorization.k8s.io"}]});
        assert_eq!(
            cells(&CLUSTER_ROLE_BINDING, &crb),
            vec![
                json!("cluster-admin"),
                json!("ClusterRole/cluster-admin"),
                json!("85m"),
                json!(""),
                json!("system:masters"),
                json!("")
            ]
        );
        assert_eq!(
            CLUSTER_ROLE_BINDING.columns[3].description,
            "Users in the clusterRoleBinding"
        );
    }
}
