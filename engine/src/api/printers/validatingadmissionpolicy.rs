//! ValidatingAdmissionPolicy: `NAME VALIDATIONS PARAMKIND AGE`, and its
//! binding: `NAME POLICYNAME PARAMREF AGE` (`printValidatingAdmissionPolicy[Binding]`).

use super::common::{age, at, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const POLICY: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Validations",
            "integer",
            0,
            "Validations indicates the number of validation rules defined in this configuration",
        ),
        col(
            "ParamKind",
            "string",
            0,
            "ParamKind specifies the kind of resources used to parameterize this policy",
        ),
        AGE,
    ],
    row: policy_row,
};

pub const BINDING: Printer = Printer {
    columns: &[
        NAME,
        col(
            "PolicyName",
            "string",
            0,
            "PolicyName indicates the policy definition which the policy binding binded to",
        ),
        col(
            "ParamRef",
            "string",
            0,
            "ParamRef indicates the param resource which sets the configration param",
        ),
        AGE,
    ],
    row: binding_row,
};

fn policy_row(p: &Value, now: Time) -> Vec<Value> {
    let param_kind = match at(p, &["spec", "paramKind"]).filter(|v| v.is_object()) {
        Some(k) => format!(
            "{}/{}",
            k.get("apiVersion").and_then(Value::as_str).unwrap_or(""),
            k.get("kind").and_then(Value::as_str).unwrap_or("")
        ),
        None => "<unset>".into(),
    };
    vec![
        s(p, &["metadata", "name"]).into(),
        (list(p, &["spec", "validations"]).len() as i64).into(),
        param_kind.into(),
        age(p, now),
    ]
}

/// The generated `(*metav1.LabelSelector).String()`.
fn label_selector_go_string(sel: &Value) -> String {
    let mut labels: Vec<(&String, &Value)> = sel
        .get("matchLabels")
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    labels.sort_by(|a, b| a.0.cmp(b.0));
    let labels: String = labels
        .iter()
        .map(|(k, v)| format!("{k}: {},", v.as_str().unwrap_or("")))
        .collect();
    let exprs: String = sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|e| {
            let f = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
            let values: Vec<&str> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|v| v.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            format!(
                "LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},",
                f("key"),
                f("operator"),
                values.join(" ")
            )
        })
        .collect();
    format!("&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{exprs}}},}}")
}

fn binding_row(b: &Value, now: Time) -> Vec<Value> {
    let param = match at(b, &["spec", "paramRef"]).filter(|v| v.is_object()) {
        Some(pr) => {
            let f = |k: &str| pr.get(k).and_then(Value::as_str).unwrap_or("");
            if !f("name").is_empty() {
                if f("namespace").is_empty() {
                    format!("*/{}", f("name"))
                } else {
                    format!("{}/{}", f("namespace"), f("name"))
                }
            } else if let Some(sel) = pr.get("selector").filter(|v| v.is_object()) {
                label_selector_go_string(sel)
            } else {
                "<unset>".into()
            }
        }
        None => "<unset>".into(),
    };
    vec![
        s(b, &["metadata", "name"]).into(),
        s(b, &["spec", "policyName"]).into(),
        param.into(),
        age(b, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn policies() {
        let p = json!({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
            "metadata": {"name": "demo-policy.example.com", "creationTimestamp": ago(9)},
            "spec": {"failurePolicy": "Fail", "validations": [{"expression": "object.spec.replicas <= 5"}],
                     "paramKind": {"apiVersion": "rules.example.com/v1", "kind": "ReplicaLimit"}}});
        assert_eq!(
            cells(&POLICY, &p),
            vec![
                json!("demo-policy.example.com"),
                json!(1),
                json!("rules.example.com/v1/ReplicaLimit"),
                json!("9s")
            ]
        );
        let p = json!({"metadata": {"name": "p", "creationTimestamp": ago(9)}, "spec": {}});
        assert_eq!(cells(&POLICY, &p)[1..3], [json!(0), json!("<unset>")]);
    }

    #[test]
    fn bindings() {
        let b = |param: Value| {
            json!({"metadata": {"name": "b", "creationTimestamp": ago(9)},
            "spec": {"policyName": "demo-policy.example.com", "paramRef": param, "validationActions": ["Deny"]}})
        };
        assert_eq!(
            cells(
                &BINDING,
                &b(json!({"name": "limit", "namespace": "default"}))
            )[1..3],
            [json!("demo-policy.example.com"), json!("default/limit")]
        );
        assert_eq!(
            cells(&BINDING, &b(json!({"name": "limit"})))[2],
            json!("*/limit")
        );
        assert_eq!(cells(&BINDING, &b(json!(null)))[2], json!("<unset>"));
        assert_eq!(cells(&BINDING, &b(json!({"selector": {"matchLabels": {"b": "2", "a": "1"},
                "matchExpressions": [{"key": "env", "operator": "In", "values": ["x", "y"]}]}})))[2],
            json!("&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[x y],},},}"));
    }
}
