//! ControllerRevision: `NAME CONTROLLER REVISION AGE` (`printControllerRevision`).

use super::common::{age, col, group_kind, int, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Controller", "string", 0, "Controller of the object"),
        col(
            "Revision",
            "string",
            0,
            "revision indicates the revision of the state represented by Data.",
        ),
        AGE,
    ],
    row,
};

/// `<lowercase kind.group>/<name>` of the controlling owner, or `<none>`.
fn controller(cr: &Value) -> String {
    let Some(owner) = list(cr, &["metadata", "ownerReferences"])
        .iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
    else {
        return "<none>".into();
    };
    let f = |k: &str| owner.get(k).and_then(Value::as_str).unwrap_or("");
    let gk = group_kind(f("apiVersion"), f("kind"));
    if gk.is_empty() {
        f("name").to_string()
    } else {
        format!("{}/{}", gk.to_lowercase(), f("name"))
    }
}

fn row(cr: &Value, now: Time) -> Vec<Value> {
    vec![
        s(cr, &["metadata", "name"]).into(),
        controller(cr).into(),
        int(cr, &["revision"]).into(),
        age(cr, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn revisions() {
        let cr = json!({"apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": "kube-proxy-6b8d9c7f5", "namespace": "kube-system", "creationTimestamp": ago(85 * 60),
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "kube-proxy", "uid": "u",
                                     "controller": true, "blockOwnerDeletion": true}]},
            "data": {}, "revision": 1});
        assert_eq!(
            cells(&PRINTER, &cr),
            vec![
                json!("kube-proxy-6b8d9c7f5"),
                json!("daemonset.apps/kube-proxy"),
                json!(1),
                json!("85m")
            ]
        );
        let cr = json!({"metadata": {"name": "orphan", "creationTimestamp": ago(1),
            "ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "p", "uid": "u"}]}, "revision": 3});
        assert_eq!(cells(&PRINTER, &cr)[1..3], [json!("<none>"), json!(3)]);
        let cr = json!({"metadata": {"name": "core", "creationTimestamp": ago(1),
            "ownerReferences": [{"apiVersion": "v1", "kind": "Custom", "name": "c", "uid": "u", "controller": true}]}, "revision": 2});
        assert_eq!(cells(&PRINTER, &cr)[1], json!("custom/c"));
    }
}
