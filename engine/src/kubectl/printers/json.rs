//! `-o json`: Go's `json.MarshalIndent(obj, "", "    ")` over an unstructured
//! object: keys sorted, four-space indent, HTML characters escaped.

use serde_json::Value;

pub fn to_json(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, 0, "    ");
    out.push('\n');
    out
}

/// The same with a two-space indent (what `kubectl version -o json` uses).
pub fn to_json_indent2(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, 0, "  ");
    out.push('\n');
    out
}

fn newline(out: &mut String, level: usize, unit: &str) {
    out.push('\n');
    for _ in 0..level {
        out.push_str(unit);
    }
}

fn write(out: &mut String, v: &Value, level: usize, unit: &str) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1, unit);
                write_string(out, k);
                out.push_str(": ");
                write(out, v, level + 1, unit);
            }
            newline(out, level, unit);
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1, unit);
                write(out, v, level + 1, unit);
            }
            newline(out, level, unit);
            out.push(']');
        }
        Value::String(s) => write_string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

/// Go's encoder escapes `<`, `>`, `&`, U+2028 and U+2029 as `\u00XX`.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Go's compact `json.Marshal` of an unstructured object: keys sorted, HTML escaped.
pub fn to_compact(v: &Value) -> String {
    let mut out = String::new();
    write_compact(&mut out, v);
    out
}

fn write_compact(out: &mut String, v: &Value) {
    match v {
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_compact(out, v);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, v);
            }
            out.push(']');
        }
        Value::String(s) => write_string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_style_indent_and_escapes() {
        let v = json!({"b": [1, "<x>"], "a": {}, "c": []});
        assert_eq!(
            to_json(&v),
            "{\n    \"a\": {},\n    \"b\": [\n        1,\n        \"\\u003cx\\u003e\"\n    ],\n    \"c\": []\n}\n"
        );
    }
}
