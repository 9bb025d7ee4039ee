//! IPAddress: `NAME PARENTREF` (`printIPAddress`). The row also carries the
//! age, a cell without a column, as upstream.

use super::common::{age, at, col, s, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("ParentRef", "string", 0, "ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object."),
    ],
    row,
};

fn parent_ref(ip: &Value) -> String {
    let Some(p) = at(ip, &["spec", "parentRef"]).filter(|p| p.is_object()) else {
        return "<none>".into();
    };
    let f = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("");
    // schema.GroupResource.String(): `resource` or `resource.group`.
    let mut text = if f("group").is_empty() {
        f("resource").to_string()
    } else {
        format!("{}.{}", f("resource"), f("group"))
    }
    .to_lowercase();
    if !f("namespace").is_empty() {
        text = format!("{text}/{}", f("namespace"));
    }
    format!("{text}/{}", f("name"))
}

fn row(ip: &Value, now: Time) -> Vec<Value> {
    vec![
        s(ip, &["metadata", "name"]).into(),
        parent_ref(ip).into(),
        age(ip, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, now};
    use super::*;
    use serde_json::json;

    #[test]
    fn service_ip() {
        let ip = json!({"apiVersion": "networking.k8s.io/v1", "kind": "IPAddress",
            "metadata": {"name": "10.96.0.1", "creationTimestamp": ago(600)},
            "spec": {"parentRef": {"group": "", "resource": "services", "namespace": "default", "name": "kubernetes"}}});
        assert_eq!(PRINTER.columns.len(), 2);
        assert_eq!(
            row(&ip, now()),
            vec![
                json!("10.96.0.1"),
                json!("services/default/kubernetes"),
                json!("10m")
            ]
        );
    }
}
