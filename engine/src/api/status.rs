//! API errors as `metav1.Status`, with the constructors and message texts of
//! `k8s.io/apimachinery/pkg/api/errors` (v1.33).

use super::registry::ApiResource;
use serde::{Deserialize, Serialize};

/// One field error inside an Invalid status (`details.causes[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    /// `FieldValueRequired`, `FieldValueInvalid`, ...
    pub reason: String,
    /// `<field path>: <body>` is how kubectl prints it; here the body alone.
    pub message: String,
    pub field: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDetails {
    pub name: String,
    pub group: String,
    pub kind: String,
    pub causes: Vec<Cause>,
}

/// A failed request: HTTP code, reason and message, as the API server returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub code: u16,
    /// `NotFound`, `AlreadyExists`, ...; empty for StatusReasonUnknown.
    pub reason: String,
    pub message: String,
    pub details: Option<Box<StatusDetails>>,
}

impl Status {
    fn new(
        code: u16,
        reason: &str,
        message: String,
        details: Option<Box<StatusDetails>>,
    ) -> Status {
        Status {
            code,
            reason: reason.into(),
            message,
            details,
        }
    }

    fn details(r: &ApiResource, name: &str, causes: Vec<Cause>) -> Option<Box<StatusDetails>> {
        Some(Box::new(StatusDetails {
            name: name.into(),
            group: r.group.clone(),
            kind: r.name.clone(),
            causes,
        }))
    }

    pub fn not_found(r: &ApiResource, name: &str) -> Status {
        let msg = format!("{} \"{}\" not found", r.qualified_name(), name);
        Status::new(404, "NotFound", msg, Status::details(r, name, vec![]))
    }

    pub fn already_exists(r: &ApiResource, name: &str) -> Status {
        let msg = format!("{} \"{}\" already exists", r.qualified_name(), name);
        Status::new(409, "AlreadyExists", msg, Status::details(r, name, vec![]))
    }

    pub fn conflict(r: &ApiResource, name: &str, err: &str) -> Status {
        let msg = format!(
            "Operation cannot be fulfilled on {} \"{}\": {}",
            r.qualified_name(),
            name,
            err
        );
        Status::new(409, "Conflict", msg, Status::details(r, name, vec![]))
    }

    /// The stale-resourceVersion conflict.
    pub fn modified(r: &ApiResource, name: &str) -> Status {
        Status::conflict(
            r,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )
    }

    pub fn forbidden(r: &ApiResource, name: &str, err: &str) -> Status {
        let msg = if name.is_empty() {
            format!("{} is forbidden: {}", r.qualified_name(), err)
        } else {
            format!("{} \"{}\" is forbidden: {}", r.qualified_name(), name, err)
        };
        Status::new(403, "Forbidden", msg, Status::details(r, name, vec![]))
    }

    pub fn bad_request(message: impl Into<String>) -> Status {
        Status::new(400, "BadRequest", message.into(), None)
    }

    pub fn method_not_allowed(message: impl Into<String>) -> Status {
        Status::new(405, "MethodNotAllowed", message.into(), None)
    }

    /// An error the client found itself, with no HTTP code: kubectl prints
    /// it as `error: …` (a describer that cannot read what it fetched).
    pub fn client(message: impl Into<String>) -> Status {
        Status::new(0, "", message.into(), None)
    }

    pub fn internal(message: impl Into<String>) -> Status {
        Status::new(500, "", message.into(), None)
    }

    /// 422 Invalid from field errors (kept in validation order, duplicates dropped).
    pub fn invalid(r: &ApiResource, name: &str, errors: Vec<FieldError>) -> Status {
        let mut causes: Vec<Cause> = vec![];
        for e in errors {
            let c = Cause {
                reason: e.kind.reason().into(),
                message: e.body(),
                field: e.field.clone(),
            };
            if !causes.contains(&c) {
                causes.push(c);
            }
        }
        let parts: Vec<String> = causes
            .iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect();
        let aggregate = if parts.len() == 1 {
            parts[0].clone()
        } else {
            format!("[{}]", parts.join(", "))
        };
        let msg = format!(
            "{} \"{}\" is invalid: {}",
            r.qualified_kind(),
            name,
            aggregate
        );
        let details = StatusDetails {
            name: name.into(),
            group: r.group.clone(),
            kind: r.kind.clone(),
            causes,
        };
        Status::new(422, "Invalid", msg, Some(Box::new(details)))
    }

    /// The Status object as JSON, as the API server writes it on the wire.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if let Some(d) = &self.details {
            // Go's `omitempty` on every StatusDetails field.
            let mut dj = serde_json::json!({});
            if !d.name.is_empty() {
                dj["name"] = d.name.clone().into();
            }
            if !d.kind.is_empty() {
                dj["kind"] = d.kind.clone().into();
            }
            if !d.group.is_empty() {
                dj["group"] = d.group.clone().into();
            }
            if !d.causes.is_empty() {
                dj["causes"] = d
                    .causes
                    .iter()
                    .map(|c| serde_json::json!({"reason": c.reason, "message": c.message, "field": c.field}))
                    .collect();
            }
            v["details"] = dj;
        }
        v
    }
}

/// The kinds of field error (`k8s.io/apimachinery/pkg/util/validation/field`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldErrorKind {
    Required(String),
    Invalid(String, String),
    Forbidden(String),
    NotSupported(String, Vec<String>),
    Duplicate(String),
    TooLong(usize),
    /// `TypeInvalid`: printed like Invalid, its own reason.
    TypeInvalid(String, String),
    /// Actual count (None: omitted) and maximum.
    TooMany(Option<i64>, i64),
    NotFound(String),
}

impl FieldErrorKind {
    fn reason(&self) -> &'static str {
        match self {
            FieldErrorKind::Required(_) => "FieldValueRequired",
            FieldErrorKind::Invalid(..) => "FieldValueInvalid",
            FieldErrorKind::Forbidden(_) => "FieldValueForbidden",
            FieldErrorKind::NotSupported(..) => "FieldValueNotSupported",
            FieldErrorKind::Duplicate(_) => "FieldValueDuplicate",
            FieldErrorKind::TooLong(_) => "FieldValueTooLong",
            FieldErrorKind::TypeInvalid(..) => "FieldValueTypeInvalid",
            FieldErrorKind::TooMany(..) => "FieldValueTooMany",
            FieldErrorKind::NotFound(_) => "FieldValueNotFound",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub kind: FieldErrorKind,
}

impl FieldError {
    pub fn required(field: &str, detail: &str) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Required(detail.into()),
        }
    }
    /// `value` already rendered the way Go prints it (`"x"` for strings).
    pub fn invalid(field: &str, value: &str, detail: &str) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Invalid(value.into(), detail.into()),
        }
    }
    pub fn not_supported(field: &str, value: &str, options: &[&str]) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::NotSupported(
                value.into(),
                options.iter().map(|o| o.to_string()).collect(),
            ),
        }
    }
    pub fn duplicate(field: &str, value: &str) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Duplicate(value.into()),
        }
    }
    pub fn not_found(field: &str, value: &str) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::NotFound(value.into()),
        }
    }
    pub fn forbidden(field: &str, detail: &str) -> FieldError {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Forbidden(detail.into()),
        }
    }

    /// The text after `<field>: `.
    pub fn body(&self) -> String {
        match &self.kind {
            FieldErrorKind::Required(d) if d.is_empty() => "Required value".into(),
            FieldErrorKind::Required(d) => format!("Required value: {d}"),
            FieldErrorKind::Invalid(v, d) if d.is_empty() => format!("Invalid value: {v}"),
            FieldErrorKind::Invalid(v, d) => format!("Invalid value: {v}: {d}"),
            FieldErrorKind::Forbidden(d) => format!("Forbidden: {d}"),
            FieldErrorKind::NotSupported(v, options) => {
                let quoted: Vec<String> = options.iter().map(|o| format!("\"{o}\"")).collect();
                format!(
                    "Unsupported value: {v}: supported values: {}",
                    quoted.join(", ")
                )
            }
            FieldErrorKind::Duplicate(v) => format!("Duplicate value: {v}"),
            // v1.33 always says "bytes" and "items".
            FieldErrorKind::TooLong(n) => format!("Too long: may not be more than {n} bytes"),
            FieldErrorKind::TypeInvalid(v, d) => format!("Invalid value: {v}: {d}"),
            FieldErrorKind::TooMany(actual, max) => match actual {
                Some(a) => format!("Too many: {a}: must have at most {max} items"),
                None => format!("Too many: must have at most {max} items"),
            },
            FieldErrorKind::NotFound(v) => format!("Not found: {v}"),
        }
    }
}

/// Go's `%q` for a string value in an error message.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
