//! Custom resources whose CRD version lists additionalPrinterColumns: NAME,
//! then each column as the apiextensions table convertor builds it
//! (`registry/customresource/tableconvertor`): the JSONPath's first result,
//! printed for `string` columns, typed for the others, empty when missing.

use super::common::NAME;
use crate::api::table::{age, Column, Row, Table};
use crate::clock::Time;
use crate::kubectl::printers::jsonpath;
use serde_json::{json, Value};
use std::borrow::Cow;

fn column(def: &Value) -> Column {
    let s = |k: &str| def.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let description = if s("description").is_empty() {
        format!(
            "Custom resource definition column (in JSONPath format): {}",
            s("jsonPath")
        )
    } else {
        s("description")
    };
    Column {
        name: Cow::Owned(s("name")),
        kind: Cow::Owned(s("type")),
        format: Cow::Owned(s("format")),
        description: Cow::Owned(description),
        priority: def.get("priority").and_then(Value::as_u64).unwrap_or(0) as u8,
    }
}

/// `cellForJSONValue`: a value converted to the column's type, or null.
fn typed_cell(kind: &str, v: &Value, now: Time) -> Value {
    match (kind, v) {
        ("integer", Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .map(Value::from)
            .unwrap_or(Value::Null),
        ("number", Value::Number(n)) => n.as_f64().map(Value::from).unwrap_or(Value::Null),
        ("boolean", Value::Bool(b)) => json!(b),
        ("date", Value::String(s)) => match crate::clock::Time::parse_rfc3339(s) {
            Some(_) => json!(age(Some(s), now)),
            None => json!("<invalid>"),
        },
        _ => Value::Null,
    }
}

fn cell(def: &Value, kind: &str, obj: &Value, now: Time) -> Value {
    let path = def.get("jsonPath").and_then(Value::as_str).unwrap_or("");
    let found = jsonpath::find_path(path, obj).unwrap_or_default();
    let Some(first) = found.first() else {
        return Value::Null;
    };
    if kind == "string" {
        json!(jsonpath::value_text(first))
    } else {
        typed_cell(kind, first, now)
    }
}

pub fn table(defs: &[Value], objects: &[&Value], now: Time) -> Table {
    let mut columns = vec![NAME];
    columns.extend(defs.iter().map(column));
    let rows = objects
        .iter()
        .map(|o| {
            let mut cells = vec![json!(crate::api::meta::name(o))];
            for (def, col) in defs.iter().zip(columns.iter().skip(1)) {
                cells.push(cell(def, &col.kind, o, now));
            }
            Row::new(cells, o)
        })
        .collect();
    Table { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_take_the_first_result_typed() {
        let defs = vec![
            json!({"name": "Spec", "type": "string", "jsonPath": ".spec.cronSpec"}),
            json!({"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"}),
            json!({"name": "Missing", "type": "string", "jsonPath": ".status.nope", "priority": 1}),
        ];
        let obj = json!({"metadata": {"name": "c"}, "spec": {"cronSpec": "* * * * */5", "replicas": 2.0}});
        let t = table(&defs, &[&obj], Time(0));
        assert_eq!(t.columns.len(), 4);
        assert_eq!(
            t.columns[1].description,
            "Custom resource definition column (in JSONPath format): .spec.cronSpec"
        );
        assert_eq!(t.columns[3].priority, 1);
        assert_eq!(
            t.rows[0].cells,
            vec![json!("c"), json!("* * * * */5"), json!(2), Value::Null]
        );
    }
}
