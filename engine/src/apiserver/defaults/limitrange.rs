//! LimitRange decode defaults (`SetDefaults_LimitRangeItem`): for `type: Container`
//! items, `default` ← `max`, then `defaultRequest` ← `default`, else ← `min`.

use super::{each, existing, quantity, top};
use serde_json::{Map, Value};

const LISTS: [&str; 5] = [
    "max",
    "min",
    "default",
    "defaultRequest",
    "maxLimitRequestRatio",
];

pub fn apply(obj: &mut Value) {
    let Some(spec) = existing(top(obj), "spec") else {
        return;
    };
    each(spec, "limits", |item| {
        if item.get("type").and_then(Value::as_str) == Some("Container") {
            fill(item, "default", "max");
            fill(item, "defaultRequest", "default");
            fill(item, "defaultRequest", "min");
        }
        for key in LISTS {
            quantity::resource_list(item.get_mut(key));
        }
    });
}

/// Copies every resource of `from` missing in `to`; an empty `to` stays omitted.
fn fill(item: &mut Map<String, Value>, to: &str, from: &str) {
    let Some(src) = item.get(from).and_then(Value::as_object).cloned() else {
        return;
    };
    if src.is_empty() {
        return;
    }
    if !item.get(to).is_some_and(Value::is_object) {
        item.insert(to.into(), Value::Object(Map::new()));
    }
    let dst = item[to].as_object_mut().expect("just made a map");
    for (k, v) in src {
        dst.entry(k).or_insert(v);
    }
}
