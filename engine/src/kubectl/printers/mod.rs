//! Output printers, separate from the commands (like cli-runtime's printers).

pub mod go_order;
pub mod gotemplate;
pub mod json;
pub mod jsonpath;
pub mod table;
pub mod yaml;

/// kubectl's OmitManagedFieldsPrinter: JSON and YAML output drops
/// `metadata.managedFields` (of a list's items too) unless
/// `--show-managed-fields` (cli-runtime genericclioptions/json_yaml_flags.go).
pub fn omit_managed_fields(obj: &serde_json::Value) -> std::borrow::Cow<'_, serde_json::Value> {
    let has = |o: &serde_json::Value| {
        o.get("metadata")
            .is_some_and(|m| m.get("managedFields").is_some())
    };
    let items = obj.get("items").and_then(serde_json::Value::as_array);
    if !has(obj) && !items.is_some_and(|i| i.iter().any(has)) {
        return std::borrow::Cow::Borrowed(obj);
    }
    let mut out = obj.clone();
    let strip = |o: &mut serde_json::Value| {
        if let Some(m) = o
            .get_mut("metadata")
            .and_then(serde_json::Value::as_object_mut)
        {
            m.remove("managedFields");
        }
    };
    strip(&mut out);
    if let Some(items) = out
        .get_mut("items")
        .and_then(serde_json::Value::as_array_mut)
    {
        items.iter_mut().for_each(strip);
    }
    std::borrow::Cow::Owned(out)
}
