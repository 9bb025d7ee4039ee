//! IngressClass: `NAME CONTROLLER PARAMETERS AGE` (`printIngressClass`).

use super::common::{age, at, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Controller",
            "string",
            0,
            "Controller that is responsible for handling this class",
        ),
        col(
            "Parameters",
            "string",
            0,
            "A reference to a resource with additional parameters",
        ),
        AGE,
    ],
    row,
};

fn parameters(ic: &Value) -> String {
    let Some(p) = at(ic, &["spec", "parameters"]).filter(|p| p.is_object()) else {
        return "<none>".into();
    };
    let mut text = p
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(group) = p.get("apiGroup").and_then(Value::as_str) {
        text = format!("{text}.{group}");
    }
    format!(
        "{text}/{}",
        p.get("name").and_then(Value::as_str).unwrap_or("")
    )
}

fn row(ic: &Value, now: Time) -> Vec<Value> {
    vec![
        s(ic, &["metadata", "name"]).into(),
        s(ic, &["spec", "controller"]).into(),
        parameters(ic).into(),
        age(ic, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn ingress_classes() {
        let ic = json!({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
            "metadata": {"name": "nginx", "creationTimestamp": ago(3600),
                         "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
            "spec": {"controller": "k8s.io/ingress-nginx"}});
        assert_eq!(
            cells(&PRINTER, &ic),
            vec![
                json!("nginx"),
                json!("k8s.io/ingress-nginx"),
                json!("<none>"),
                json!("60m")
            ]
        );
        let ic = json!({"metadata": {"name": "lb", "creationTimestamp": ago(1)},
            "spec": {"controller": "example.com/lb", "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "lb"}}});
        assert_eq!(
            cells(&PRINTER, &ic)[2],
            json!("IngressParameters.k8s.example.com/lb")
        );
        let ic = json!({"metadata": {"name": "cm", "creationTimestamp": ago(1)},
            "spec": {"controller": "example.com/lb", "parameters": {"kind": "ConfigMap", "name": "cfg", "scope": "Namespace", "namespace": "ing"}}});
        assert_eq!(cells(&PRINTER, &ic)[2], json!("ConfigMap/cfg"));
    }
}
