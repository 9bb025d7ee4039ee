//! RBAC decode defaults (`pkg/apis/rbac/v1/defaults.go`, DEFAULTS.md §11).

use super::{child, default_str, each, top};
use serde_json::Value;

pub fn binding(obj: &mut Value) {
    let m = top(obj);
    if let Some(role_ref) = child(m, "roleRef") {
        default_str(role_ref, "apiGroup", "rbac.authorization.k8s.io");
    }
    each(m, "subjects", |s| {
        if matches!(
            s.get("kind").and_then(Value::as_str),
            Some("User" | "Group")
        ) {
            default_str(s, "apiGroup", "rbac.authorization.k8s.io");
        }
    });
}

/// Role and ClusterRole: `rules` has no omitempty (`rules: null` when absent).
pub fn role(obj: &mut Value) {
    top(obj).entry("rules").or_insert(Value::Null);
}
