//! FlowSchema: `NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE
//! MISSINGPL` (`printFlowSchema`). Lists come sorted by matching precedence,
//! then name (`printFlowSchemaList`).

use super::common::{age, at, col, condition, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;
use std::cmp::Ordering;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("PriorityLevel", "string", 0, "`name` is the name of the priority level configuration being referenced Required."),
        col("MatchingPrecedence", "string", 0, "`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default."),
        col("DistinguisherMethod", "string", 0, "`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string."),
        AGE,
        col("MissingPL", "string", 0, "references a broken or non-existent PriorityLevelConfiguration"),
    ],
    row,
};

/// The defaulted matching precedence.
fn precedence(fs: &Value) -> i64 {
    match at(fs, &["spec", "matchingPrecedence"]).and_then(Value::as_i64) {
        None | Some(0) => 1000,
        Some(p) => p,
    }
}

/// `FlowSchemaSequence` order.
pub fn order(a: &Value, b: &Value) -> Ordering {
    precedence(a)
        .cmp(&precedence(b))
        .then_with(|| s(a, &["metadata", "name"]).cmp(s(b, &["metadata", "name"])))
}

fn row(fs: &Value, now: Time) -> Vec<Value> {
    let distinguisher = match at(fs, &["spec", "distinguisherMethod"]).filter(|v| v.is_object()) {
        Some(d) => d.get("type").and_then(Value::as_str).unwrap_or(""),
        None => "<none>",
    };
    let missing = match condition(fs, &["status", "conditions"], "Dangling") {
        Some(c) => c.get("status").and_then(Value::as_str).unwrap_or(""),
        None => "?",
    };
    vec![
        s(fs, &["metadata", "name"]).into(),
        s(fs, &["spec", "priorityLevelConfiguration", "name"]).into(),
        precedence(fs).into(),
        distinguisher.into(),
        age(fs, now),
        missing.into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn flow_schemas() {
        let fs = json!({"apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "FlowSchema",
            "metadata": {"name": "exempt", "creationTimestamp": ago(85 * 60)},
            "spec": {"matchingPrecedence": 1, "priorityLevelConfiguration": {"name": "exempt"}, "rules": []},
            "status": {"conditions": [{"type": "Dangling", "status": "False", "reason": "Found"}]}});
        assert_eq!(
            cells(&PRINTER, &fs),
            vec![
                json!("exempt"),
                json!("exempt"),
                json!(1),
                json!("<none>"),
                json!("85m"),
                json!("False")
            ]
        );
        let fs = json!({"metadata": {"name": "service-accounts", "creationTimestamp": ago(1)},
            "spec": {"priorityLevelConfiguration": {"name": "workload-low"}, "distinguisherMethod": {"type": "ByUser"}}});
        assert_eq!(
            cells(&PRINTER, &fs)[1..6],
            [
                json!("workload-low"),
                json!(1000),
                json!("ByUser"),
                json!("1s"),
                json!("?")
            ]
        );
    }

    #[test]
    fn ordered_by_precedence_then_name() {
        let f = |name: &str, p: i64| json!({"metadata": {"name": name}, "spec": {"matchingPrecedence": p}});
        let mut v = [f("b", 1000), f("a", 9000), f("c", 800), f("a2", 1000)];
        v.sort_by(order);
        let names: Vec<&str> = v.iter().map(|x| s(x, &["metadata", "name"])).collect();
        assert_eq!(names, ["c", "a2", "b", "a"]);
    }
}
