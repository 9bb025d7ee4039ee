//! `describe role|clusterrole` (rules broken down, compacted and sorted as
//! `pkg/util/rbac` does) and `describe rolebinding|clusterrolebinding`.
//! None of the four prints a namespace or an Events section.

use super::{arr, name_labels_annotations, s, Ctx, Writer};
use crate::api::policy_rule::{compact_sorted, resource_group};
use crate::api::Status;

/// Role (namespaced) or ClusterRole (`ns` empty).
pub fn describe_role(ctx: &Ctx, plural: &str, ns: &str, name: &str) -> Result<String, Status> {
    let role = ctx.get(plural, ns, name)?;
    let mut w = Writer::default();
    name_labels_annotations(&mut w, &role);
    w.write(0, "PolicyRule:\n");
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(1, "---------\t-----------------\t--------------\t-----\n");
    let bracket = |v: &[String]| format!("[{}]", v.join(" "));
    for r in compact_sorted(arr(&role, &["rules"])) {
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\t{}\n",
                resource_group(&r),
                bracket(&r.urls),
                bracket(&r.names),
                bracket(&r.verbs)
            ),
        );
    }
    Ok(w.finish())
}

/// RoleBinding (namespaced) or ClusterRoleBinding (`ns` empty).
pub fn describe_binding(ctx: &Ctx, plural: &str, ns: &str, name: &str) -> Result<String, Status> {
    let binding = ctx.get(plural, ns, name)?;
    let mut w = Writer::default();
    name_labels_annotations(&mut w, &binding);
    w.write(0, "Role:\n");
    w.write(
        1,
        &format!("Kind:\t{}\n", s(&binding, &["roleRef", "kind"])),
    );
    w.write(
        1,
        &format!("Name:\t{}\n", s(&binding, &["roleRef", "name"])),
    );
    w.write(0, "Subjects:\n");
    w.write(1, "Kind\tName\tNamespace\n");
    w.write(1, "----\t----\t---------\n");
    for subject in arr(&binding, &["subjects"]) {
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\n",
                s(subject, &["kind"]),
                s(subject, &["name"]),
                s(subject, &["namespace"])
            ),
        );
    }
    Ok(w.finish())
}
