//! What many printers share: the Name and Age columns, reading fields of an
//! object held as JSON, and the formatting helpers of printers.go
//! (`layoutContainerCells`, `FormatLabels`, `FormatLabelSelector`, ...).

use crate::api::meta;
use crate::api::quantity;
use crate::api::table::{self, Column};
use crate::clock::Time;
use serde_json::Value;

pub const CREATION_TIMESTAMP_DOC: &str = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

pub const NAME: Column = Column::name_column();
pub const AGE: Column = col("Age", "string", 0, CREATION_TIMESTAMP_DOC);

/// A column with its upstream description.
pub const fn col(
    name: &'static str,
    kind: &'static str,
    priority: u8,
    description: &'static str,
) -> Column {
    Column {
        name: std::borrow::Cow::Borrowed(name),
        kind: std::borrow::Cow::Borrowed(kind),
        format: std::borrow::Cow::Borrowed(""),
        description: std::borrow::Cow::Borrowed(description),
        priority,
    }
}

/// The value at a path of object keys.
pub fn at<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a Value> {
    meta::at(obj, path)
}

/// The string at a path, or `""`.
pub fn s<'a>(obj: &'a Value, path: &[&str]) -> &'a str {
    meta::str_at(obj, path).unwrap_or("")
}

/// The integer at a path, or 0 (Go's zero value).
pub fn int(obj: &Value, path: &[&str]) -> i64 {
    at(obj, path).and_then(Value::as_i64).unwrap_or(0)
}

/// The integer at a path, or `default` when absent (API defaulting).
pub fn int_or(obj: &Value, path: &[&str], default: i64) -> i64 {
    at(obj, path).and_then(Value::as_i64).unwrap_or(default)
}

/// The list at a path, or empty.
pub fn list<'a>(obj: &'a Value, path: &[&str]) -> &'a [Value] {
    at(obj, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The number of entries of the map at a path.
pub fn map_len(obj: &Value, path: &[&str]) -> usize {
    at(obj, path)
        .and_then(Value::as_object)
        .map_or(0, |m| m.len())
}

/// `translateTimestampSince(creationTimestamp)`.
pub fn age(obj: &Value, now: Time) -> Value {
    since(obj, &["metadata", "creationTimestamp"], now).into()
}

/// `translateTimestampSince` of the timestamp at a path (`<unknown>` if unset).
pub fn since(obj: &Value, path: &[&str], now: Time) -> String {
    table::age(meta::str_at(obj, path).filter(|t| !t.is_empty()), now)
}

/// The timestamp at a path.
pub fn time(obj: &Value, path: &[&str]) -> Option<Time> {
    meta::str_at(obj, path).and_then(Time::parse_rfc3339)
}

/// `metadata.deletionTimestamp != nil`.
pub fn deleting(obj: &Value) -> bool {
    at(obj, &["metadata", "deletionTimestamp"]).is_some_and(|v| !v.is_null())
}

/// `layoutContainerCells`: container names and images of a pod spec, `,`-joined.
pub fn containers(pod_spec: Option<&Value>) -> (Value, Value) {
    let cs = pod_spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let field = |k: &str| {
        cs.iter()
            .map(|c| c.get(k).and_then(Value::as_str).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(",")
    };
    (field("name").into(), field("image").into())
}

/// `labels.FormatLabels` of a string map: `k=v` sorted by key, or `<none>`.
pub fn format_labels(map: Option<&Value>) -> String {
    meta::format_labels(&meta::string_map(map))
}

/// `metav1.LabelSelectorAsSelector(sel).String()`: `Err` if invalid; `""` for
/// nil or empty.
pub fn label_selector(sel: Option<&Value>) -> Result<String, ()> {
    let Some(sel) = sel.filter(|v| !v.is_null()) else {
        return Ok(String::new());
    };
    let mut reqs: Vec<(String, String)> = vec![];
    for (k, v) in meta::string_map(sel.get("matchLabels")) {
        reqs.push((k.into(), format!("{k}={v}")));
    }
    for e in sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let key = e.get("key").and_then(Value::as_str).unwrap_or("");
        let mut values: Vec<&str> = e
            .get("values")
            .and_then(Value::as_array)
            .map(|vs| vs.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        values.sort_unstable();
        let op = e.get("operator").and_then(Value::as_str).unwrap_or("");
        let text = match op {
            "In" | "NotIn" if values.is_empty() => return Err(()),
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" | "DoesNotExist" if !values.is_empty() => return Err(()),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            _ => return Err(()),
        };
        if key.is_empty() {
            return Err(());
        }
        reqs.push((key.into(), text));
    }
    reqs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(reqs
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(","))
}

/// `metav1.FormatLabelSelector`: the selector, `<none>` if it selects
/// everything (or is nil), `<error>` if invalid.
pub fn format_label_selector(sel: Option<&Value>) -> String {
    match label_selector(sel) {
        Ok(s) if s.is_empty() => "<none>".into(),
        Ok(s) => s,
        Err(()) => "<error>".into(),
    }
}

/// `Quantity.String()` of a `ResourceList` entry as the server holds it;
/// a missing entry is the zero quantity, `0`.
pub fn resource_quantity(v: Option<&Value>) -> String {
    match v.and_then(Value::as_str) {
        Some(s) => quantity::resource_list_value(s),
        None => "0".into(),
    }
}

/// `Quantity.String()` of a quantity field.
pub fn quantity(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => quantity::canonical(s),
        Some(Value::Number(n)) => quantity::canonical(&n.to_string()),
        _ => "0".into(),
    }
}

/// The first condition of a type in a `conditions` list.
pub fn condition<'a>(obj: &'a Value, path: &[&str], kind: &str) -> Option<&'a Value> {
    list(obj, path)
        .iter()
        .find(|c| c.get("type").and_then(Value::as_str) == Some(kind))
}

/// `"<lowercase kind>[.group]"` of an `apiVersion` and kind (`schema.GroupKind.String()`).
pub fn group_kind(api_version: &str, kind: &str) -> String {
    let group = match api_version.split_once('/') {
        Some((g, _)) => g,
        None => "",
    };
    if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    }
}

#[cfg(test)]
pub mod test_support {
    use crate::clock::Time;
    use serde_json::Value;

    /// 2025-06-01T12:00:00Z: the `now` of every printer test.
    pub fn now() -> Time {
        Time::parse_rfc3339("2025-06-01T12:00:00Z").unwrap()
    }

    /// `now` minus some seconds, as an RFC 3339 timestamp.
    pub fn ago(secs: i64) -> String {
        now().plus_secs(-secs).rfc3339()
    }

    pub fn cells(p: &super::super::Printer, obj: &Value) -> Vec<Value> {
        let cells = (p.row)(obj, now());
        assert_eq!(cells.len(), p.columns.len(), "one cell per column");
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors_print_as_apimachinery_does() {
        let f = |v: Value| format_label_selector(Some(&v));
        assert_eq!(format_label_selector(None), "<none>");
        assert_eq!(f(json!({})), "<none>");
        assert_eq!(
            f(json!({"matchLabels": {"app": "web", "a": "b"}})),
            "a=b,app=web"
        );
        assert_eq!(
            f(json!({"matchLabels": {"app": "web"}, "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["b", "a"]},
                {"key": "env", "operator": "NotIn", "values": ["prod"]},
                {"key": "legacy", "operator": "DoesNotExist"},
                {"key": "canary", "operator": "Exists"}]})),
            "app=web,canary,env notin (prod),!legacy,tier in (a,b)"
        );
        assert_eq!(
            f(json!({"matchExpressions": [{"key": "x", "operator": "Foo"}]})),
            "<error>"
        );
        assert_eq!(
            f(json!({"matchExpressions": [{"key": "x", "operator": "In", "values": []}]})),
            "<error>"
        );
    }

    #[test]
    fn container_cells_join_names_and_images() {
        let spec = json!({"containers": [{"name": "a", "image": "nginx"}, {"name": "b", "image": "busybox:1.36"}]});
        assert_eq!(
            containers(Some(&spec)),
            (json!("a,b"), json!("nginx,busybox:1.36"))
        );
        assert_eq!(containers(None), (json!(""), json!("")));
    }
}
