//! PriorityClass: `NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY`
//! (`printPriorityClass`; PREEMPTIONPOLICY is a priority-0 column after AGE).

use super::common::{age, at, col, int, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Value", "integer", 0, "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
        col("Global-Default", "boolean", 0, "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."),
        AGE,
        col("PreemptionPolicy", "string", 0, "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
    ],
    row,
};

fn row(pc: &Value, now: Time) -> Vec<Value> {
    vec![
        s(pc, &["metadata", "name"]).into(),
        int(pc, &["value"]).into(),
        at(pc, &["globalDefault"])
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .into(),
        age(pc, now),
        at(pc, &["preemptionPolicy"])
            .and_then(Value::as_str)
            .unwrap_or("PreemptLowerPriority")
            .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn priority_classes() {
        let pc = json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
            "metadata": {"name": "system-node-critical", "creationTimestamp": ago(85 * 60)},
            "value": 2000001000, "preemptionPolicy": "PreemptLowerPriority", "description": "Used for system critical pods that must not be moved from their current node."});
        assert_eq!(
            cells(&PRINTER, &pc),
            vec![
                json!("system-node-critical"),
                json!(2000001000),
                json!(false),
                json!("85m"),
                json!("PreemptLowerPriority")
            ]
        );
        let pc = json!({"metadata": {"name": "batch", "creationTimestamp": ago(1)}, "value": -10, "globalDefault": true, "preemptionPolicy": "Never"});
        assert_eq!(
            cells(&PRINTER, &pc)[1..5],
            [json!(-10), json!(true), json!("1s"), json!("Never")]
        );
    }
}
