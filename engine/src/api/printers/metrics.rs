//! PodMetrics and NodeMetrics (metrics-server's table convertor):
//! `NAME CPU MEMORY WINDOW`, a pod's usage summed over its containers.

use super::common::{col, NAME};
use super::Printer;
use crate::api::quantity::Quantity;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("cpu", "string", 0, ""),
        col("memory", "string", 0, ""),
        col("Window", "string", 0, ""),
    ],
    row,
};

fn row(m: &Value, _now: Time) -> Vec<Value> {
    let usages: Vec<&Value> = match m.get("containers").and_then(Value::as_array) {
        Some(cs) => cs.iter().map(|c| &c["usage"]).collect(),
        None => vec![&m["usage"]],
    };
    let sum = |k: &str| {
        usages
            .iter()
            .filter_map(|u| u.get(k).and_then(Value::as_str).and_then(Quantity::parse))
            .fold(Quantity::zero(), |a, q| a.plus(&q))
            .to_string()
    };
    vec![
        m["metadata"]["name"].clone(),
        sum("cpu").into(),
        sum("memory").into(),
        m["window"].clone(),
    ]
}
