//! Namespace: `NAME STATUS AGE`.

use super::Printer;
use crate::api::meta;
use crate::api::table::{age, Column};
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        Column::name_column(),
        Column::new("Status", "string", 0),
        Column::new("Age", "string", 0),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    vec![
        meta::name(obj).into(),
        meta::str_at(obj, &["status", "phase"]).unwrap_or("").into(),
        age(meta::str_at(obj, &["metadata", "creationTimestamp"]), now).into(),
    ]
}
