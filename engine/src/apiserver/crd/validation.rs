//! `ValidateCustomResourceDefinition` (apiextensions-apiserver v1.33,
//! `pkg/apis/apiextensions/validation`): the checks a learner meets, with their
//! field paths as the internal version reports them — a schema, subresources
//! or printer columns shared by every version are hoisted to `spec.validation`,
//! `spec.subresources` and `spec.additionalPrinterColumns` by the v1→internal
//! conversion, so their errors carry those paths.

use crate::api::meta;
use crate::api::status::{go_quote, FieldError};
use crate::api::validation::{dns1035_label, dns1123_subdomain, object_meta, NameRule};
use serde_json::{json, Value};

const COLUMN_TYPES: &str = "boolean,date,integer,number,string";
const COLUMN_FORMATS: &str = "byte,date,date-time,double,float,int32,int64,password";
const SCHEMA_TYPES: [&str; 6] = ["array", "boolean", "integer", "number", "object", "string"];

fn versions(crd: &Value) -> Vec<Value> {
    meta::at(crd, &["spec", "versions"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The value of a per-version field if every version has the same one (the
/// conversion then moves it to the top level).
fn hoisted(versions: &[Value], key: &str) -> Option<Value> {
    let first = versions.first()?.get(key).cloned();
    versions
        .iter()
        .all(|v| v.get(key).cloned() == first)
        .then_some(first)
        .flatten()
}

pub fn validate(crd: &Value) -> Vec<FieldError> {
    let spec = crd.get("spec").cloned().unwrap_or(json!({}));
    let s = |k: &str| {
        spec.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let names = spec.get("names").cloned().unwrap_or(json!({}));
    let n = |k: &str| {
        names
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (group, plural) = (s("group"), n("plural"));

    let mut errs = object_meta(crd, NameRule::Dns1123Subdomain, false);
    let name = meta::name(crd);
    if !name.is_empty() && name != format!("{plural}.{group}") {
        let at = errs
            .iter()
            .take_while(|e| e.field == "metadata.name")
            .count();
        errs.insert(
            at,
            FieldError::invalid(
                "metadata.name",
                &go_quote(name),
                "must be spec.names.plural+\".\"+spec.group",
            ),
        );
    }

    // spec.group
    if group.is_empty() {
        errs.push(FieldError::required("spec.group", ""));
    } else if !dns1123_subdomain(&group).is_empty() {
        errs.push(FieldError::invalid(
            "spec.group",
            &go_quote(&group),
            &dns1123_subdomain(&group).join(","),
        ));
    } else if group.split('.').count() < 2 {
        errs.push(FieldError::invalid(
            "spec.group",
            &go_quote(&group),
            "should be a domain with at least one dot",
        ));
    }
    // spec.scope
    let scope = s("scope");
    if scope.is_empty() {
        errs.push(FieldError::required("spec.scope", ""));
    } else if scope != "Cluster" && scope != "Namespaced" {
        errs.push(FieldError::not_supported(
            "spec.scope",
            &go_quote(&scope),
            &["Cluster", "Namespaced"],
        ));
    }

    let vs = versions(crd);
    let schema_of = |v: &Value| {
        v.get("schema")
            .and_then(|s| s.get("openAPIV3Schema"))
            .cloned()
    };
    for (i, v) in vs.iter().enumerate() {
        if schema_of(v).is_none() {
            errs.push(FieldError::required(
                &format!("spec.versions[{i}].schema.openAPIV3Schema"),
                "schemas are required",
            ));
        }
    }
    let top_schema = hoisted(&vs, "schema");
    let top_columns = hoisted(&vs, "additionalPrinterColumns");
    let top_subresources = hoisted(&vs, "subresources");
    let mut storage = 0;
    let mut seen: Vec<String> = vec![];
    let mut unique = true;
    for (i, v) in vs.iter().enumerate() {
        let vname = v.get("name").and_then(Value::as_str).unwrap_or("");
        if v.get("storage").and_then(Value::as_bool) == Some(true) {
            storage += 1;
        }
        if seen.iter().any(|s| s == vname) {
            unique = false;
        } else {
            seen.push(vname.to_string());
        }
        let name_errs = dns1035_label(vname);
        if !name_errs.is_empty() {
            errs.push(FieldError::invalid(
                &format!("spec.versions[{i}].name"),
                &go_quote(vname),
                &name_errs.join(","),
            ));
        }
        let path = format!("spec.versions[{i}]");
        if top_schema.is_none() {
            if let Some(schema) = schema_of(v) {
                errs.extend(schema_errors(&schema, &format!("{path}.schema")));
            }
        }
        if top_columns.is_none() {
            errs.extend(column_errors(
                v.get("additionalPrinterColumns"),
                &format!("{path}.additionalPrinterColumns"),
            ));
        }
    }
    if !unique {
        errs.push(FieldError::invalid(
            "spec.versions",
            &internal_versions(&vs, &top_schema, &top_subresources, &top_columns),
            "must contain unique version names",
        ));
    }
    if storage != 1 {
        errs.push(FieldError::invalid(
            "spec.versions",
            &internal_versions(&vs, &top_schema, &top_subresources, &top_columns),
            "must have exactly one version marked as storage version",
        ));
    }
    for (k, label) in [
        ("plural", "plural"),
        ("singular", "singular"),
        ("kind", "kind"),
        ("listKind", "listKind"),
    ] {
        if n(k).is_empty() {
            errs.push(FieldError::required(&format!("spec.names.{label}"), ""));
        }
    }
    errs.extend(name_errors(&names, "spec.names"));
    if let Some(schema) = top_schema
        .as_ref()
        .and_then(|s| s.get("openAPIV3Schema").cloned())
    {
        errs.extend(schema_errors(&schema, "spec.validation"));
    }
    if top_columns.is_some() {
        errs.extend(column_errors(
            top_columns.as_ref(),
            "spec.additionalPrinterColumns",
        ));
    }
    let strategy = meta::str_at(&spec, &["conversion", "strategy"]).unwrap_or("");
    if strategy.is_empty() {
        errs.push(FieldError::required("spec.conversion.strategy", ""));
    } else if strategy != "None" && strategy != "Webhook" {
        errs.push(FieldError::not_supported(
            "spec.conversion.strategy",
            &go_quote(strategy),
            &["None", "Webhook"],
        ));
    }
    // status.storedVersions, as PrepareForCreate filled them.
    let stored: Vec<String> = meta::at(crd, &["status", "storedVersions"])
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if stored.is_empty() {
        errs.push(FieldError::invalid(
            "status.storedVersions",
            "[]string(nil)",
            "must have at least one stored version",
        ));
    } else {
        for v in &vs {
            let vname = v.get("name").and_then(Value::as_str).unwrap_or("");
            if v.get("storage").and_then(Value::as_bool) == Some(true)
                && !stored.iter().any(|s| s == vname)
            {
                errs.push(FieldError::invalid(
                    "status.storedVersions",
                    &go_string_slice(&stored),
                    &format!("must have the storage version {vname}"),
                ));
            }
        }
    }
    errs
}

/// `ValidateCustomResourceDefinitionUpdate`: the create checks but the
/// name rule, then group and plural (and, once established, scope and kind)
/// may not change.
pub fn validate_update(crd: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> = validate(crd)
        .into_iter()
        .filter(|e| {
            !(e.field == "metadata.name"
                && e.body()
                    .ends_with("must be spec.names.plural+\".\"+spec.group"))
        })
        .collect();
    let established = meta::at(old, &["status", "conditions"])
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Established" && c["status"] == "True")
        });
    let mut immutable = vec![];
    let mut check = |path: &[&str], field: &str| {
        let (n, o) = (meta::str_at(crd, path), meta::str_at(old, path));
        if n != o {
            immutable.push(FieldError::invalid(
                field,
                &go_quote(n.unwrap_or("")),
                "field is immutable",
            ));
        }
    };
    if established {
        check(&["spec", "scope"], "spec.scope");
        check(&["spec", "names", "kind"], "spec.names.kind");
    }
    check(&["spec", "group"], "spec.group");
    check(&["spec", "names", "plural"], "spec.names.plural");
    let at = errs
        .iter()
        .position(|e| e.field.starts_with("status."))
        .unwrap_or(errs.len());
    errs.splice(at..at, immutable);
    errs
}

/// `ValidateCustomResourceDefinitionNames`.
fn name_errors(names: &Value, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    let n = |k: &str| {
        names
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    for k in ["plural", "singular"] {
        let v = n(k);
        let e = dns1035_label(&v);
        if !v.is_empty() && !e.is_empty() {
            errs.push(FieldError::invalid(
                &format!("{path}.{k}"),
                &go_quote(&v),
                &e.join(","),
            ));
        }
    }
    for k in ["kind", "listKind"] {
        let v = n(k);
        let e = dns1035_label(&v.to_lowercase());
        if !v.is_empty() && !e.is_empty() {
            errs.push(FieldError::invalid(
                &format!("{path}.{k}"),
                &go_quote(&v),
                &format!(
                    "may have mixed case, but should otherwise match: {}",
                    e.join(",")
                ),
            ));
        }
    }
    let list = |k: &str| -> Vec<String> {
        names
            .get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    for (i, s) in list("shortNames").iter().enumerate() {
        let e = dns1035_label(s);
        if !e.is_empty() {
            errs.push(FieldError::invalid(
                &format!("{path}.shortNames[{i}]"),
                &go_quote(s),
                &e.join(","),
            ));
        }
    }
    if !n("kind").is_empty() && n("kind") == n("listKind") {
        errs.push(FieldError::invalid(
            &format!("{path}.listKind"),
            &go_quote(&n("listKind")),
            "kind and listKind may not be the same",
        ));
    }
    for (i, s) in list("categories").iter().enumerate() {
        let e = dns1035_label(s);
        if !e.is_empty() {
            errs.push(FieldError::invalid(
                &format!("{path}.categories[{i}]"),
                &go_quote(s),
                &e.join(","),
            ));
        }
    }
    errs
}

/// `ValidateCustomResourceColumnDefinition` for each column.
fn column_errors(columns: Option<&Value>, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    let Some(cols) = columns.and_then(Value::as_array) else {
        return errs;
    };
    for (i, c) in cols.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let f = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        if f("name").is_empty() {
            errs.push(FieldError::required(&format!("{p}.name"), ""));
        }
        let t = f("type");
        let types_msg = format!("must be one of {COLUMN_TYPES}");
        if t.is_empty() {
            errs.push(FieldError::required(&format!("{p}.type"), &types_msg));
        } else if !COLUMN_TYPES.split(',').any(|x| x == t) {
            errs.push(FieldError::invalid(
                &format!("{p}.type"),
                &go_quote(&t),
                &types_msg,
            ));
        }
        let fmt = f("format");
        if !fmt.is_empty() && !COLUMN_FORMATS.split(',').any(|x| x == fmt) {
            errs.push(FieldError::invalid(
                &format!("{p}.format"),
                &go_quote(&fmt),
                &format!("must be one of {COLUMN_FORMATS}"),
            ));
        }
        let jp = f("jsonPath");
        if jp.is_empty() {
            errs.push(FieldError::required(&format!("{p}.JSONPath"), ""));
        } else if !jp.starts_with('.') {
            errs.push(FieldError::invalid(
                &format!("{p}.JSONPath"),
                &go_quote(&jp),
                "must be a simple json path starting with .",
            ));
        }
    }
    errs
}

/// The structural-schema checks on `<path>.openAPIV3Schema` (sorted by their
/// text, as `ValidateStructural` sorts), then the OpenAPI type check.
fn schema_errors(schema: &Value, path: &str) -> Vec<FieldError> {
    let root = format!("{path}.openAPIV3Schema");
    let mut structural = vec![];
    structural_walk(schema, Level::Root, &root, &mut structural);
    structural.sort_by_key(|e| format!("{}: {}", e.field, e.body()));
    let mut errs = structural;
    if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        errs.push(FieldError::forbidden(
            &format!("{root}.nullable"),
            "nullable cannot be true at the root",
        ));
    }
    type_walk(schema, &root, &mut errs);
    errs
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Root,
    Item,
    Field,
}

fn structural_walk(s: &Value, level: Level, path: &str, errs: &mut Vec<FieldError>) {
    let t = s.get("type").and_then(Value::as_str).unwrap_or("");
    if t == "array" && s.get("items").is_none() {
        errs.push(FieldError::required(
            &format!("{path}.items"),
            "must be specified",
        ));
    }
    if let Some(items) = s.get("items").filter(|i| i.is_object()) {
        structural_walk(items, Level::Item, &format!("{path}.items"), errs);
    }
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            structural_walk(v, Level::Field, &format!("{path}.properties[{k}]"), errs);
        }
    }
    if let Some(a) = s.get("additionalProperties").filter(|a| a.is_object()) {
        if level == Level::Root {
            errs.push(FieldError::forbidden(
                &format!("{path}.additionalProperties"),
                "must not be used at the root",
            ));
        }
        structural_walk(
            a,
            Level::Field,
            &format!("{path}.additionalProperties"),
            errs,
        );
    }
    let flag = |k: &str| s.get(k).and_then(Value::as_bool) == Some(true);
    if t.is_empty()
        && !flag("x-kubernetes-int-or-string")
        && !flag("x-kubernetes-preserve-unknown-fields")
    {
        let msg = match level {
            Level::Root => "must not be empty at the root",
            Level::Item => "must not be empty for specified array items",
            Level::Field => "must not be empty for specified object fields",
        };
        errs.push(FieldError::required(&format!("{path}.type"), msg));
    }
    if level == Level::Root && !t.is_empty() && t != "object" {
        errs.push(FieldError::invalid(
            &format!("{path}.type"),
            &go_quote(t),
            "must be object at the root",
        ));
    }
}

/// `type` must be an OpenAPI v3 type wherever it is set.
fn type_walk(s: &Value, path: &str, errs: &mut Vec<FieldError>) {
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        if !t.is_empty() && !SCHEMA_TYPES.contains(&t) {
            errs.push(FieldError::not_supported(
                &format!("{path}.type"),
                &go_quote(t),
                &SCHEMA_TYPES,
            ));
        }
    }
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            type_walk(v, &format!("{path}.properties[{k}]"), errs);
        }
    }
    if let Some(items) = s.get("items").filter(|i| i.is_object()) {
        type_walk(items, &format!("{path}.items"), errs);
    }
}

/// Go's `%#v` of a `[]string`.
fn go_string_slice(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| go_quote(s)).collect();
    format!("[]string{{{}}}", items.join(", "))
}

/// `spec.versions` as Go's `%#v` prints the internal type in an Invalid
/// error. Fields hoisted to the top level are nil; a per-version one that is
/// set prints as a pointer, whose address is the process's (a fixed one here).
fn internal_versions(
    vs: &[Value],
    schema: &Option<Value>,
    subresources: &Option<Value>,
    columns: &Option<Value>,
) -> String {
    let items: Vec<String> = vs
        .iter()
        .map(|v| {
            let b = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
            let ptr = |k: &str, top: &Option<Value>, ty: &str| -> String {
                match v.get(k) {
                    Some(x) if top.is_none() && !x.is_null() => format!("(*{ty})(0xc000a1c000)"),
                    _ => format!("(*{ty})(nil)"),
                }
            };
            let warning = match v.get("deprecationWarning").and_then(Value::as_str) {
                Some(_) => "(*string)(0xc000a1c010)".to_string(),
                None => "(*string)(nil)".to_string(),
            };
            let cols = match v.get("additionalPrinterColumns").and_then(Value::as_array) {
                Some(c) if columns.is_none() && !c.is_empty() => format!(
                    "[]apiextensions.CustomResourceColumnDefinition{{{}}}",
                    c.iter().map(go_column).collect::<Vec<_>>().join(", ")
                ),
                _ => "[]apiextensions.CustomResourceColumnDefinition(nil)".to_string(),
            };
            format!(
                "apiextensions.CustomResourceDefinitionVersion{{Name:{}, Served:{}, Storage:{}, Deprecated:{}, DeprecationWarning:{}, Schema:{}, Subresources:{}, AdditionalPrinterColumns:{}, SelectableFields:[]apiextensions.SelectableField(nil)}}",
                go_quote(v.get("name").and_then(Value::as_str).unwrap_or("")),
                b("served"),
                b("storage"),
                b("deprecated"),
                warning,
                ptr("schema", schema, "apiextensions.CustomResourceValidation"),
                ptr("subresources", subresources, "apiextensions.CustomResourceSubresources"),
                cols,
            )
        })
        .collect();
    format!(
        "[]apiextensions.CustomResourceDefinitionVersion{{{}}}",
        items.join(", ")
    )
}

fn go_column(c: &Value) -> String {
    let s = |k: &str| go_quote(c.get(k).and_then(Value::as_str).unwrap_or(""));
    format!(
        "apiextensions.CustomResourceColumnDefinition{{Name:{}, Type:{}, Format:{}, Description:{}, Priority:{}, JSONPath:{}}}",
        s("name"),
        s("type"),
        s("format"),
        s("description"),
        c.get("priority").and_then(Value::as_i64).unwrap_or(0),
        s("jsonPath"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crd() -> Value {
        json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "crontabs.stable.example.com"},
            "spec": {"group": "stable.example.com", "scope": "Namespaced",
                "conversion": {"strategy": "None"},
                "names": {"plural": "crontabs", "singular": "crontab", "kind": "CronTab", "listKind": "CronTabList"},
                "versions": [{"name": "v1", "served": true, "storage": true,
                    "schema": {"openAPIV3Schema": {"type": "object"}}}]},
            "status": {"storedVersions": ["v1"]}})
    }

    fn lines(errs: Vec<FieldError>) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{}: {}", e.field, e.body()))
            .collect()
    }

    #[test]
    fn a_valid_crd_passes() {
        assert!(validate(&crd()).is_empty());
    }

    #[test]
    fn name_must_be_plural_dot_group() {
        let mut c = crd();
        c["metadata"]["name"] = json!("crontab");
        assert_eq!(
            lines(validate(&c)),
            vec![
                r#"metadata.name: Invalid value: "crontab": must be spec.names.plural+"."+spec.group"#
            ]
        );
    }

    #[test]
    fn storage_and_schema_and_names() {
        let mut c = crd();
        c["spec"]["versions"][0]["storage"] = json!(false);
        c["status"]["storedVersions"] = json!([]);
        c["spec"]["versions"][0]["schema"]["openAPIV3Schema"] =
            json!({"type": "object", "properties": {"spec": {"properties": {}}}});
        c["spec"]["scope"] = json!("Global");
        assert_eq!(
            lines(validate(&c)),
            vec![
                r#"spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced""#.to_string(),
                r#"spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}: must have exactly one version marked as storage version"#.into(),
                "spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields".into(),
                "status.storedVersions: Invalid value: []string(nil): must have at least one stored version".into(),
            ]
        );
    }
}
