//! Server-side printing: the `meta.k8s.io/v1` Table the API server returns for
//! `kubectl get`. Columns and cells per kind live in `printers/`; kubectl only
//! lays the table out.

use super::printers;
use super::registry::ApiResource;
use crate::clock::Time;
use serde_json::{json, Value};
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: Cow<'static, str>,
    /// `string`, `integer`, `date`, ...
    pub kind: Cow<'static, str>,
    /// `name` marks the column `--show-kind` prefixes.
    pub format: Cow<'static, str>,
    pub description: Cow<'static, str>,
    /// 0 = always shown; 1 = only with `-o wide`.
    pub priority: u8,
}

impl Column {
    pub const fn new(name: &'static str, kind: &'static str, priority: u8) -> Column {
        Column {
            name: Cow::Borrowed(name),
            kind: Cow::Borrowed(kind),
            format: Cow::Borrowed(""),
            description: Cow::Borrowed(""),
            priority,
        }
    }
    pub const fn name_column() -> Column {
        Column {
            name: Cow::Borrowed("Name"),
            kind: Cow::Borrowed("string"),
            format: Cow::Borrowed("name"),
            description: Cow::Borrowed("Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"),
            priority: 0,
        }
    }
}

/// What a row keeps of its object besides the cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowObject {
    /// Nothing (kubectl's layout without namespace or label columns).
    None,
    /// `metadata.namespace` and `metadata.labels` only: what kubectl's
    /// NAMESPACE, `-L` and `--show-labels` columns read (no managedFields).
    Slim,
    /// The whole metadata, as the server's PartialObjectMetadata carries it.
    Metadata,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<Value>,
    /// The row's object as PartialObjectMetadata carries it: `{"metadata": ...}`
    /// only (a table of 10,000 pods copies no specs or statuses).
    pub object: Value,
}

impl Row {
    /// A row for `obj`, keeping only its metadata.
    pub fn new(cells: Vec<Value>, obj: &Value) -> Row {
        // Built by hand: `json!` would serialise the copied metadata again.
        let metadata = obj
            .get("metadata")
            .cloned()
            .unwrap_or_else(|| Value::Object(serde_json::Map::new()));
        let mut object = serde_json::Map::new();
        object.insert("metadata".into(), metadata);
        Row {
            cells,
            object: Value::Object(object),
        }
    }

    /// A row for `obj` keeping what `keep` says.
    pub fn keeping(cells: Vec<Value>, obj: &Value, keep: RowObject) -> Row {
        match keep {
            RowObject::Metadata => Row::new(cells, obj),
            RowObject::None => Row {
                cells,
                object: Value::Null,
            },
            RowObject::Slim => {
                let mut metadata = serde_json::Map::new();
                for k in ["namespace", "labels"] {
                    if let Some(v) = obj.get("metadata").and_then(|m| m.get(k)) {
                        metadata.insert(k.into(), v.clone());
                    }
                }
                let mut object = serde_json::Map::new();
                object.insert("metadata".into(), Value::Object(metadata));
                Row {
                    cells,
                    object: Value::Object(object),
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The wire form (`kind: Table`), with rows' objects as
    /// PartialObjectMetadata. It takes the table: cells and metadata move
    /// into the JSON rather than being copied (1,000 pods' managedFields).
    pub fn into_json(self, resource_version: &str) -> Value {
        let columns: Vec<Value> = self
            .columns
            .iter()
            .map(|c| {
                json!({"name": c.name, "type": c.kind, "format": c.format,
                       "description": c.description, "priority": c.priority})
            })
            .collect();
        let rows: Vec<Value> = self
            .rows
            .into_iter()
            .map(|r| {
                let metadata = match r.object {
                    Value::Object(mut o) => o.remove("metadata"),
                    _ => None,
                };
                let mut object = serde_json::Map::new();
                object.insert("kind".into(), json!("PartialObjectMetadata"));
                object.insert("apiVersion".into(), json!("meta.k8s.io/v1"));
                object.insert("metadata".into(), metadata.unwrap_or_else(|| json!({})));
                let mut row = serde_json::Map::new();
                row.insert("cells".into(), Value::Array(r.cells));
                row.insert("object".into(), Value::Object(object));
                Value::Object(row)
            })
            .collect();
        // By hand: `json!` would copy the rows again (it serialises a
        // variable it is given by reference).
        let mut table = serde_json::Map::new();
        table.insert("kind".into(), json!("Table"));
        table.insert("apiVersion".into(), json!("meta.k8s.io/v1"));
        table.insert(
            "metadata".into(),
            json!({"resourceVersion": resource_version}),
        );
        table.insert("columnDefinitions".into(), Value::Array(columns));
        table.insert("rows".into(), Value::Array(rows));
        Value::Object(table)
    }
}

/// The table for some objects of one resource, as of `now`.
pub fn convert(r: &ApiResource, objects: &[&Value], now: Time) -> Table {
    printers::table(r, objects, now)
}

/// kubectl's `duration.HumanDuration` (apimachinery v0.33).
pub fn human_duration(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    // int(d.Seconds()) truncates toward zero.
    let s = if millis < 0 {
        -((-millis) / 1000)
    } else {
        secs
    };
    if s < -1 {
        return "<invalid>".into();
    }
    if s < 0 {
        return "0s".into();
    }
    if s < 120 {
        return format!("{s}s");
    }
    let minutes = s / 60;
    let secs = s % 60;
    if minutes < 10 {
        return if secs == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{secs}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = s / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 192 {
        let (d, h) = (hours / 24, hours % 24);
        return if h == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{h}h")
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    let years = hours / 24 / 365;
    if hours < 24 * 365 * 8 {
        let days = (hours / 24) % 365;
        return if days == 0 {
            format!("{years}y")
        } else {
            format!("{years}y{days}d")
        };
    }
    format!("{years}y")
}

/// HumanDuration since an RFC 3339 timestamp, or `<unknown>` if absent.
pub fn age(ts: Option<&str>, now: Time) -> String {
    match ts.and_then(Time::parse_rfc3339) {
        Some(t) => human_duration(now.0 - t.0),
        None => "<unknown>".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::human_duration as hd;

    #[test]
    fn human_duration_matches_apimachinery() {
        let s = |n: i64| n * 1000;
        assert_eq!(hd(-500), "0s");
        assert_eq!(hd(-1500), "0s");
        assert_eq!(hd(s(-2)), "<invalid>");
        assert_eq!(hd(s(52)), "52s");
        assert_eq!(hd(s(119)), "119s");
        assert_eq!(hd(s(120)), "2m");
        assert_eq!(hd(s(123)), "2m3s");
        assert_eq!(hd(s(599)), "9m59s");
        assert_eq!(hd(s(85 * 60)), "85m");
        assert_eq!(hd(s(179 * 60 + 59)), "179m");
        assert_eq!(hd(s(3 * 3600)), "3h");
        assert_eq!(hd(s(3 * 3600 + 5 * 60)), "3h5m");
        assert_eq!(hd(s(47 * 3600)), "47h");
        assert_eq!(hd(s(3 * 86400 + 5 * 3600)), "3d5h");
        assert_eq!(hd(s(729 * 86400)), "729d");
        assert_eq!(hd(s(2 * 365 * 86400 + 15 * 86400)), "2y15d");
        assert_eq!(hd(s(9 * 365 * 86400)), "9y");
    }
}
