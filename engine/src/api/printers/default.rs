//! `rest.DefaultTableConvertor`: the table of kinds with no printer of their own.

use super::Printer;
use crate::api::meta;
use crate::api::table::Column;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        Column::name_column(),
        Column {
            name: "Created At",
            kind: "date",
            format: "",
            description: "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            priority: 0,
        },
    ],
    row,
};

fn row(obj: &Value, _now: Time) -> Vec<Value> {
    vec![
        meta::name(obj).into(),
        meta::str_at(obj, &["metadata", "creationTimestamp"])
            .unwrap_or("")
            .into(),
    ]
}
