//! Name, label and metadata validation with the API server's messages
//! (`k8s.io/apimachinery/pkg/util/validation`, `api/validation/generic.go`, v1.33).

use super::meta;
use super::status::{go_quote, FieldError};
use serde_json::Value;

const LABEL_FMT: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_FMT: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_FMT: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_FMT: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_FMT: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/// Which rule a kind's names follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    Dns1123Label,
    Dns1123Subdomain,
    Dns1035Label,
    /// Only the path-segment rule (RBAC, PodDisruptionBudget).
    PathSegment,
}

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

fn label_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| is_lower_alnum(c) || c == '-')
        && s.starts_with(is_lower_alnum)
        && s.ends_with(is_lower_alnum)
}

fn subdomain_ok(s: &str) -> bool {
    s.split('.').all(label_ok)
}

/// Messages for a DNS-1123 label (length first, then pattern).
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !label_ok(s) {
        if subdomain_ok(s) {
            errs.push("must not contain dots".into());
        } else {
            errs.push(LABEL_FMT.into());
        }
    }
    errs
}

pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if !subdomain_ok(s) {
        errs.push(SUBDOMAIN_FMT.into());
    }
    errs
}

pub fn dns1035_label(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !(label_ok(s) && s.starts_with(|c: char| c.is_ascii_lowercase())) {
        errs.push(DNS1035_FMT.into());
    }
    errs
}

fn path_segment(s: &str) -> Vec<String> {
    match s {
        "." => vec!["may not be '.'".into()],
        ".." => vec!["may not be '..'".into()],
        _ => {
            let mut e = vec![];
            if s.contains('/') {
                e.push("may not contain '/'".into());
            }
            if s.contains('%') {
                e.push("may not contain '%'".into());
            }
            e
        }
    }
}

fn check_name(rule: NameRule, name: &str) -> Vec<String> {
    let mut errs = match rule {
        NameRule::Dns1123Label => dns1123_label(name),
        NameRule::Dns1123Subdomain => dns1123_subdomain(name),
        NameRule::Dns1035Label => dns1035_label(name),
        NameRule::PathSegment => vec![],
    };
    if errs.is_empty() {
        errs = path_segment(name);
    }
    errs
}

/// The qualified name's pattern, `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
/// (which no empty name matches).
fn qualified_name_ok(name: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
    !name.is_empty()
        && name.chars().all(ok_char)
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// A label or annotation key, a taint's key: `[prefix/]name`
/// (apimachinery's IsQualifiedName).
pub fn key_errors(key: &str) -> Vec<String> {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) if !n.contains('/') => (Some(p), n),
        Some(_) => {
            return vec!["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".into()]
        }
        None => (None, key),
    };
    let mut errs = vec![];
    if let Some(p) = prefix {
        if p.is_empty() {
            errs.push("prefix part must be non-empty".into());
        } else {
            errs.extend(
                dns1123_subdomain(p)
                    .into_iter()
                    .map(|m| format!("prefix part {m}")),
            );
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 characters".into());
    }
    if !qualified_name_ok(name) {
        errs.push(QUALIFIED_NAME_FMT.into());
    }
    errs
}

/// A label's value, a taint's value (IsValidLabelValue).
pub fn label_value_errors(v: &str) -> Vec<String> {
    let mut errs = vec![];
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
    let pattern_ok = v.chars().all(ok_char)
        && v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !v.is_empty() && !pattern_ok {
        errs.push(LABEL_VALUE_FMT.into());
    }
    errs
}

/// `ValidateObjectMeta`: name (by the kind's rule), namespace presence, labels, annotations.
pub fn object_meta(obj: &Value, rule: NameRule, namespaced: bool) -> Vec<FieldError> {
    let mut errs = vec![];
    let name = meta::name(obj);
    let generate = meta::str_at(obj, &["metadata", "generateName"]).unwrap_or("");
    if name.is_empty() && generate.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else if !name.is_empty() {
        for m in check_name(rule, name) {
            errs.push(FieldError::invalid("metadata.name", &go_quote(name), &m));
        }
    }
    let ns = meta::namespace(obj);
    if namespaced && ns.is_empty() {
        errs.push(FieldError::required("metadata.namespace", ""));
    } else if !namespaced && !ns.is_empty() {
        errs.push(FieldError::forbidden(
            "metadata.namespace",
            "not allowed on this type",
        ));
    }
    errs.extend(labels(
        meta::at(obj, &["metadata", "labels"]),
        "metadata.labels",
    ));
    errs.extend(annotations(
        meta::at(obj, &["metadata", "annotations"]),
        "metadata.annotations",
    ));
    errs
}

/// `ValidateLabels` of a label map at `path` (also node selectors, template labels).
pub fn labels(map: Option<&Value>, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    for (k, v) in meta::string_map(map) {
        for m in key_errors(k) {
            errs.push(FieldError::invalid(path, &go_quote(k), &m));
        }
        for m in label_value_errors(v) {
            errs.push(FieldError::invalid(path, &go_quote(v), &m));
        }
    }
    errs
}

/// `ValidateAnnotations`: keys only (lowercased, as upstream checks them).
pub fn annotations(map: Option<&Value>, path: &str) -> Vec<FieldError> {
    let mut errs = vec![];
    for (k, _) in meta::string_map(map) {
        for m in key_errors(&k.to_lowercase()) {
            errs.push(FieldError::invalid(path, &go_quote(k), &m));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_names() {
        assert!(dns1123_label("demo").is_empty());
        assert!(dns1123_label("my-ns-1").is_empty());
        assert_eq!(dns1123_label("Demo"), vec![LABEL_FMT.to_string()]);
        assert_eq!(
            dns1123_label("a.b"),
            vec!["must not contain dots".to_string()]
        );
        assert_eq!(dns1123_label(&"a".repeat(64)).len(), 1);
    }

    #[test]
    fn subdomains_and_1035() {
        assert!(dns1123_subdomain("web.example").is_empty());
        assert!(!dns1123_subdomain("-web").is_empty());
        assert!(!dns1035_label("1web").is_empty());
        assert!(dns1035_label("web1").is_empty());
    }

    #[test]
    fn label_keys() {
        assert!(key_errors("app").is_empty());
        assert!(key_errors("app.kubernetes.io/name").is_empty());
        assert_eq!(key_errors("a/b/c").len(), 1);
        assert_eq!(key_errors("-x"), vec![QUALIFIED_NAME_FMT.to_string()]);
        assert_eq!(
            key_errors("x/"),
            vec![
                "name part must be non-empty".to_string(),
                QUALIFIED_NAME_FMT.to_string()
            ]
        );
    }
}
