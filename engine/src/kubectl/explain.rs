//! `kubectl explain`'s plaintext view of the OpenAPI v3 schemas: the layout
//! of kubectl v1.33's explain template (KIND/VERSION, FIELD, DESCRIPTION,
//! FIELDS), its type guesses (`<[]Container>`, `<map[string]string>`), enum
//! lines, and go-wordwrap's line breaking.

use crate::api::openapi::Schemas;
use serde_json::Value;
use std::collections::BTreeSet;

/// The explanation of a kind, or of the field `fields` leads to; on an error,
/// what was printed before it (the template streams its output) and the error.
pub fn render(
    all: &Schemas,
    (group, version, kind): (&str, &str, &str),
    fields: &[String],
    recursive: bool,
) -> Result<String, (String, String)> {
    let mut out = String::new();
    if !group.is_empty() {
        out += &format!("GROUP:      {group}\n");
    }
    out += &format!("KIND:       {kind}\nVERSION:    {version}\n\n");
    let Some(schema) = all.of_kind(group, version, kind) else {
        let err = format!("GVK {group}/{version}, Kind={kind} not found in OpenAPI schema");
        return Err((out, err));
    };
    let ctx = Ctx { all, recursive };
    let body = ctx.output(schema, fields, &BTreeSet::new());
    if body.is_empty() {
        let last = fields.last().map_or("", String::as_str);
        return Err((out, format!("field \"{last}\" does not exist")));
    }
    out += &body;
    out.push('\n');
    Ok(out)
}

struct Ctx<'a> {
    all: &'a Schemas,
    recursive: bool,
}

/// `$ref` of the schema itself (not through allOf), as the template reads it.
fn direct_ref(s: &Value) -> &str {
    s["$ref"].as_str().unwrap_or("")
}

fn is_schema_map(v: &Value) -> bool {
    v.is_object()
}

impl<'a> Ctx<'a> {
    /// `resolveRef`: the schema a `#/components/schemas/...` reference names.
    fn resolve_ref(&self, r: &str) -> Option<&'a Value> {
        let name = r.strip_prefix("#/components/schemas/")?;
        self.all.by_name.get(name)
    }

    fn resolved<'b>(&self, s: &'b Value) -> &'b Value
    where
        'a: 'b,
    {
        self.resolve_ref(direct_ref(s)).unwrap_or(s)
    }

    /// Follows the field path, then prints FIELD/DESCRIPTION/FIELDS.
    fn output(&self, schema: &Value, path: &[String], history: &BTreeSet<String>) -> String {
        let r = direct_ref(schema);
        let resolved = self.resolved(schema);
        let Some(first) = path.first() else {
            let mut out = String::from("DESCRIPTION:\n");
            let desc = self.description(resolved);
            let desc = if desc.is_empty() {
                "<empty>".to_string()
            } else {
                desc
            };
            out += &indent(4, &wrap(&desc, 76));
            out.push('\n');
            let list = self.field_list(resolved, 1, &BTreeSet::new());
            if !list.is_empty() {
                out += "FIELDS:\n";
                out += &list;
            }
            return out;
        };
        // A reference already followed on the way here: a cycle.
        if !r.is_empty() && history.contains(r) {
            return String::new();
        }
        let mut history = history.clone();
        history.insert(r.to_string());
        if let Some(sub) = resolved["properties"].get(first.as_str()) {
            let mut out = String::new();
            if path.len() == 1 {
                out += &format!("FIELD: {first} <{}>\n", self.type_guess(sub));
                out += &enum_long(sub);
                out += "\n\n";
            }
            return out + &self.output(sub, &path[1..], &BTreeSet::new());
        }
        if is_schema_map(&resolved["items"]) {
            return self.output(&resolved["items"], path, &history);
        }
        if is_schema_map(&resolved["additionalProperties"]) {
            return self.output(&resolved["additionalProperties"], path, &history);
        }
        for sub in resolved["allOf"].as_array().into_iter().flatten() {
            let out = self.output(sub, path, &history);
            if !out.is_empty() {
                return out;
            }
        }
        String::new()
    }

    /// The schema's description and those of what it wraps (allOf, items,
    /// map values), each ending in a newline.
    fn description(&self, schema: &Value) -> String {
        let s = self.resolved(schema);
        let mut out = String::new();
        if let Some(d) = s["description"].as_str().filter(|d| !d.is_empty()) {
            out += d;
            out.push('\n');
        }
        for sub in s["allOf"].as_array().into_iter().flatten() {
            out += &self.description(sub);
        }
        if is_schema_map(&s["items"]) {
            out += &self.description(&s["items"]);
        }
        if is_schema_map(&s["additionalProperties"]) {
            out += &self.description(&s["additionalProperties"]);
        }
        out
    }

    /// The fields of a schema, sorted; with --recursive, their fields too.
    fn field_list(&self, schema: &Value, level: usize, history: &BTreeSet<String>) -> String {
        let r = direct_ref(schema);
        if !r.is_empty() && history.contains(r) {
            return String::new();
        }
        let mut next = history.clone();
        next.insert(r.to_string());
        let resolved = self.resolved(schema);
        let mut out = String::new();
        if let Some(props) = resolved["properties"].as_object() {
            let mut names: Vec<&String> = props.keys().collect();
            names.sort();
            for name in names {
                out += &self.field_detail(resolved, name, level);
                if self.recursive {
                    out += &self.field_list(&props[name], level + 1, &next);
                }
            }
        }
        for sub in resolved["allOf"].as_array().into_iter().flatten() {
            out += &self.field_list(sub, level, &next);
        }
        if is_schema_map(&resolved["items"]) {
            out += &self.field_list(&resolved["items"], level, &next);
        }
        if is_schema_map(&resolved["additionalProperties"]) {
            out += &self.field_list(&resolved["additionalProperties"], level, &next);
        }
        out
    }

    /// `name\t<type> -required-`, its enum values, and (unless recursive)
    /// the wrapped description.
    fn field_detail(&self, parent: &Value, name: &str, level: usize) -> String {
        let pad = level * 2;
        let field = &parent["properties"][name];
        let mut out = format!("{}\t<{}>", indent(pad, name), self.type_guess(field));
        let required = parent["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == name));
        if required {
            out += " -required-";
        }
        out += &enum_short(field, pad);
        out.push('\n');
        if !self.recursive {
            let desc = field["description"].as_str().unwrap_or("<no description>");
            out += &indent(pad + 2, &wrap(desc, 78 - pad));
            out += "\n\n";
        }
        out
    }

    /// What a field holds: `string`, `Object`, `[]Container`, `map[string]string`.
    fn type_guess(&self, s: &Value) -> String {
        if is_schema_map(&s["items"]) {
            return format!("[]{}", self.type_guess(&s["items"]));
        }
        if is_schema_map(&s["additionalProperties"]) {
            return format!("map[string]{}", self.type_guess(&s["additionalProperties"]));
        }
        if let Some([only]) = s["allOf"].as_array().map(Vec::as_slice) {
            if s.get("properties").is_none() {
                return self.type_guess(only);
            }
        }
        if let Some(r) = s["$ref"].as_str().filter(|r| !r.is_empty()) {
            let target = self.resolve_ref(r);
            let ty = target.and_then(|t| t["type"].as_str()).unwrap_or("");
            if ty.is_empty() || ty == "object" {
                let name = r.rsplit('/').next().unwrap_or("");
                let short = name.rsplit('.').next().unwrap_or("");
                return if short.is_empty() {
                    "Object".into()
                } else {
                    short.into()
                };
            }
            return ty.into();
        }
        match s["type"].as_str() {
            Some("object") | None | Some("") => "Object".into(),
            Some(t) => t.into(),
        }
    }
}

fn enum_values(s: &Value) -> Vec<String> {
    s["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| match e {
            Value::String(x) if x.is_empty() => "\"\"".to_string(),
            Value::String(x) => x.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The FIELD view: `ENUM:` and one value per line.
fn enum_long(s: &Value) -> String {
    let values = enum_values(s);
    if values.is_empty() {
        return String::new();
    }
    let mut out = String::from("ENUM:");
    for v in values {
        out += "\n    ";
        out += &v;
    }
    out
}

/// The FIELDS list: `enum: a, b, c, d, ....` under the field, four at most.
fn enum_short(s: &Value, pad: usize) -> String {
    let values = enum_values(s);
    if values.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}enum: ", " ".repeat(pad));
    for (i, v) in values.iter().enumerate() {
        if i >= 4 {
            out += ", ....";
            break;
        }
        if i > 0 {
            out += ", ";
        }
        out += v;
    }
    out
}

/// sprig-style indent: every line, including a last empty one, padded.
fn indent(n: usize, s: &str) -> String {
    let pad = " ".repeat(n);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

/// go-wordwrap's WrapString: breaks at spaces so lines stay within `lim`
/// bytes; words longer than the limit stay whole; existing newlines stay.
pub fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::with_capacity(s.len());
    let (mut current, mut word, mut space) = (0usize, String::new(), String::new());
    for c in s.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space.len() <= lim {
                    buf += &space;
                }
            } else {
                buf += &space;
                buf += &word;
                word.clear();
            }
            space.clear();
            buf.push(c);
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space.len() + word.len();
                buf += &space;
                buf += &word;
                space.clear();
                word.clear();
            }
            space.push(c);
        } else {
            word.push(c);
            if current + space.len() + word.len() > lim && word.len() < lim {
                buf.push('\n');
                current = 0;
                space.clear();
            }
        }
    }
    if word.is_empty() {
        if current + space.len() <= lim {
            buf += &space;
        }
    } else {
        buf += &space;
        buf += &word;
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_keeping_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("a verylongword b", 5), "a\nverylongword\nb");
        assert_eq!(wrap("one\n\ntwo", 10), "one\n\ntwo");
    }
}
