//! ComponentStatus: `NAME STATUS MESSAGE ERROR` (`printComponentStatus`).

use super::common::{col, condition, s, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Status", "string", 0, "Status of the component conditions"),
        col(
            "Message",
            "string",
            0,
            "Message of the component conditions",
        ),
        col("Error", "string", 0, "Error of the component conditions"),
    ],
    row,
};

fn row(cs: &Value, _now: Time) -> Vec<Value> {
    let (status, message, error) = match condition(cs, &["conditions"], "Healthy") {
        Some(c) => {
            let f = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let status = if f("status") == "True" {
                "Healthy"
            } else {
                "Unhealthy"
            };
            (status, f("message"), f("error"))
        }
        None => ("Unknown", String::new(), String::new()),
    };
    vec![
        s(cs, &["metadata", "name"]).into(),
        status.into(),
        message.into(),
        error.into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::cells;
    use super::*;
    use serde_json::json;

    #[test]
    fn component_statuses() {
        let cs = json!({"apiVersion": "v1", "kind": "ComponentStatus", "metadata": {"name": "etcd-0"},
            "conditions": [{"type": "Healthy", "status": "True", "message": "ok"}]});
        assert_eq!(
            cells(&PRINTER, &cs),
            vec![json!("etcd-0"), json!("Healthy"), json!("ok"), json!("")]
        );
        let cs = json!({"metadata": {"name": "scheduler"},
            "conditions": [{"type": "Healthy", "status": "False", "message": "", "error": "connection refused"}]});
        assert_eq!(
            cells(&PRINTER, &cs)[1..4],
            [json!("Unhealthy"), json!(""), json!("connection refused")]
        );
        let cs = json!({"metadata": {"name": "x"}});
        assert_eq!(cells(&PRINTER, &cs)[1], json!("Unknown"));
    }
}
