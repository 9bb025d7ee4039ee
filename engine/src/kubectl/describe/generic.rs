//! The generic describer for kinds without their own: name, namespace,
//! labels, annotations, then every other field by its "smart label".

use super::events::{self, Ref};
use super::{annotations_multiline, labels_multiline, map, s, Ctx, Writer};
use crate::api::{ApiResource, Status};
use serde_json::Value;

const SKIP: [&str; 5] = [
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

pub fn describe(ctx: &Ctx, r: &ApiResource, ns: &str, name: &str) -> Result<String, Status> {
    let obj = ctx.api.get(r, ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&obj, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(&obj, &["metadata", "namespace"])),
    );
    labels_multiline(&mut w, "", "Labels", &map(&obj, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&obj, &["metadata", "annotations"]),
    );
    if let Some(m) = obj.as_object() {
        content(&mut w, 0, m, "");
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&obj), &mut w);
    }
    Ok(w.finish())
}

/// Go's `%v` of a JSON scalar as unstructured content holds it.
fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.0);
            if f.abs() >= 1e21 || (f != 0.0 && f.abs() < 1e-4) {
                let s = format!("{f:e}");
                // Go writes the exponent with a sign and at least two digits.
                match s.split_once('e') {
                    Some((m, e)) => {
                        let (sign, digits) = match e.strip_prefix('-') {
                            Some(d) => ('-', d),
                            None => ('+', e),
                        };
                        format!("{m}e{sign}{digits:0>2}")
                    }
                    None => s,
                }
            } else {
                format!("{f}")
            }
        }
        other => other.to_string(),
    }
}

/// `printUnstructuredContent`: fields sorted; maps and lists nest one level.
fn content(w: &mut Writer, level: usize, m: &serde_json::Map<String, Value>, prefix: &str) {
    let mut fields: Vec<&String> = m.keys().collect();
    fields.sort();
    for field in fields {
        let path = format!("{prefix}.{field}");
        if SKIP.contains(&path.as_str()) {
            continue;
        }
        match &m[field] {
            Value::Object(child) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                content(w, level + 1, child, &path);
            }
            Value::Array(items) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for item in items {
                    match item {
                        Value::Object(child) => content(w, level + 1, child, &path),
                        other => w.write(level + 1, &format!("{}\n", list_item(other))),
                    }
                }
            }
            v => w.write(level, &format!("{}:\t{}\n", smart_label(field), scalar(v))),
        }
    }
}

/// Go's `%v` of a list item that is not a map: a nested list prints as
/// `[a b]`, a map inside it as `map[k:v]` (keys sorted).
fn list_item(v: &Value) -> String {
    match v {
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(list_item).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let pairs: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k}:{}", list_item(&m[k])))
                .collect();
            format!("map[{}]", pairs.join(" "))
        }
        other => scalar(other),
    }
}

/// fatih/camelcase's Split: runs of lower, upper, digit and other characters,
/// an upper run followed by a lower run giving its last letter to it.
fn camel_split(s: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = vec![];
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        if k == last && !runs.is_empty() {
            if let Some(r) = runs.last_mut() {
                r.push(c);
            }
        } else {
            runs.push(vec![c]);
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

/// `smartLabelFor`: `apiVersion` → `API Version`, `creationTimestamp` →
/// `Creation Timestamp`; fields with other than letters and `-` stay as is.
pub fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: [&str; 5] = ["API", "URL", "UID", "OSB", "GUID"];
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ACRONYMS.contains(&upper.as_str()) {
                upper
            } else {
                let mut cs = p.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => p,
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::smart_label;

    #[test]
    fn nested_list_items_print_as_go_prints_them() {
        let v = serde_json::json!([["a", 1, {"b": true, "a": null}]]);
        assert_eq!(super::list_item(&v[0]), "[a 1 map[a:<nil> b:true]]");
    }

    #[test]
    fn smart_labels() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("holderIdentity"), "Holder Identity");
        assert_eq!(smart_label("podIPs"), "Pod I Ps");
        assert_eq!(smart_label("x.y"), "x.y");
    }
}
