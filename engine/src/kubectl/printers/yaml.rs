//! `-o yaml`: JSON values written the way kubectl's printer writes them
//! (sigs.k8s.io/yaml over go-yaml v2): keys sorted, sequences not indented
//! under their key, strings quoted only when a plain scalar would read back as
//! something else, multi-line strings as literal blocks, long lines folded
//! at spaces past column 80.

use serde_json::Value;

const BEST_WIDTH: usize = 80;

pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0),
        other => {
            write_scalar(&mut out, other, 0, 0);
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn column(out: &str) -> usize {
    out.len() - out.rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// Writes a map whose first key goes where the cursor is (after indentation
/// or a `- `); later keys start at `indent`.
fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        write_key(out, k);
        out.push(':');
        write_value(out, v, indent);
    }
}

/// Writes what follows `key:` (the colon already written).
fn write_value(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            pad(out, indent + 2);
            write_map(out, m, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            pad(out, indent);
            write_seq(out, a, indent);
        }
        _ => {
            out.push(' ');
            write_scalar(out, v, indent + 2, indent);
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, a: &[Value], indent: usize) {
    for (i, item) in a.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(m) if !m.is_empty() => write_map(out, m, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_seq(out, inner, indent + 2),
            _ => {
                write_scalar(out, item, indent + 2, indent);
                out.push('\n');
            }
        }
    }
}

fn write_key(out: &mut String, k: &str) {
    match style_for(k, true) {
        Style::Plain => out.push_str(k),
        Style::Single => write_single(out, k, 0, false),
        _ => write_double(out, k, 0, false),
    }
}

/// `indent` is where continuation lines start; `block_indent` is the indent of
/// the owning key (literal blocks are indented two past it).
fn write_scalar(out: &mut String, v: &Value, indent: usize, block_indent: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_number(n)),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        Value::String(s) => match style_for(s, false) {
            Style::Plain => write_plain(out, s, indent),
            Style::Single => write_single(out, s, indent, true),
            Style::Double => write_double(out, s, indent, true),
            Style::Literal => write_literal(out, s, block_indent + 2),
        },
    }
}

fn format_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        let s = format!("{f}");
        if s.contains('e') {
            s.replace("e", "e+").replace("e+-", "e-")
        } else {
            s
        }
    }
}

#[derive(Debug, PartialEq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

fn style_for(s: &str, is_key: bool) -> Style {
    if s.contains('\n') && !is_key {
        return if block_allowed(s) {
            Style::Literal
        } else {
            Style::Double
        };
    }
    if resolves_to_non_string(s) {
        return Style::Double;
    }
    let a = analyze(s);
    if a.plain_allowed {
        Style::Plain
    } else if a.single_allowed {
        Style::Single
    } else {
        Style::Double
    }
}

/// Whether go-yaml v2 would read a plain `s` as a bool, number, null or
/// timestamp (then it must be quoted to stay a string).
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
        ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    is_yaml_int(s) || is_yaml_float(s) || is_timestamp(s) || is_base60_float(s)
}

fn is_yaml_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let plain: String = body.chars().filter(|c| *c != '_').collect();
    if plain.is_empty() {
        return false;
    }
    if let Some(b) = plain.strip_prefix("0b") {
        return !b.is_empty() && b.chars().all(|c| c == '0' || c == '1');
    }
    if let Some(h) = plain.strip_prefix("0x") {
        return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit());
    }
    plain.chars().all(|c| c.is_ascii_digit()) && !body.starts_with('_')
}

fn is_yaml_float(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let body: String = body.chars().filter(|c| *c != '_').collect();
    let (mant, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m.to_string(), Some(e.to_string())),
        None => (body.clone(), None),
    };
    let digits_dot = !mant.is_empty()
        && mant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mant.matches('.').count() <= 1
        && mant != ".";
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(&e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    digits_dot && exp_ok && (mant.contains('.') || body.contains(['e', 'E']))
}

fn is_base60_float(s: &str) -> bool {
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int_part, _frac) = body.split_once('.').unwrap_or((body, ""));
    let mut parts = int_part.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && first.starts_with(|c: char| c.is_ascii_digit())
        && first.chars().all(|c| c.is_ascii_digit() || c == '_')
        && rest.iter().all(|p| {
            !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()) && {
                let n: u32 = p.parse().unwrap_or(99);
                n < 60 && (p.len() == 1 || p.as_bytes()[0] <= b'5')
            }
        })
}

fn is_timestamp(s: &str) -> bool {
    // go-yaml v2 reads `2006-01-02` and RFC 3339-like forms as timestamps.
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' ' | b'\t'))
}

struct Analysis {
    plain_allowed: bool,
    single_allowed: bool,
}

fn is_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{85}')
        || (' '..='~').contains(&c)
        || ('\u{a0}'..='\u{d7ff}').contains(&c)
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
        || c >= '\u{10000}'
}

/// libyaml's `yaml_emitter_analyze_scalar`, for the block context.
fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            plain_allowed: false,
            single_allowed: true,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = false;
    let mut special = false;
    let mut line_breaks = false;
    let (mut space_break, mut break_space) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    if s.starts_with("---") || s.starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_ws = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_ws = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_ws => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_ws => block_indicators = true,
                '#' if preceded_by_ws => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) || (!c.is_ascii() && c == '\u{feff}') {
            special = true;
        }
        if c == '\n' || c == '\r' {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == chars.len() {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if c == '\n' || c == '\r' {
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == chars.len() {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = c.is_whitespace();
    }
    let mut plain = !(leading_space
        || leading_break
        || trailing_space
        || trailing_break
        || break_space
        || space_break
        || line_breaks
        || special
        || block_indicators);
    let mut single = !(special || space_break || break_space);
    if leading_space || leading_break || trailing_space || trailing_break {
        plain = false;
    }
    if space_break || special {
        single = false;
    }
    Analysis {
        plain_allowed: plain,
        single_allowed: single,
    }
}

fn block_allowed(s: &str) -> bool {
    // libyaml refuses block scalars with trailing spaces before a break,
    // special characters, or a space-only edge case.
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !is_printable(*c) {
            return false;
        }
        if *c == ' ' && chars.get(i + 1) == Some(&'\n') {
            return false;
        }
    }
    !s.ends_with(' ')
}

/// Plain scalar, folding at a single space once past the best width.
fn write_plain(out: &mut String, s: &str, indent: usize) {
    write_folded(out, s, indent, |o, c| o.push(c));
}

fn write_folded(out: &mut String, s: &str, indent: usize, emit: impl Fn(&mut String, char)) {
    let chars: Vec<char> = s.chars().collect();
    let mut prev_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_is_space = chars.get(i + 1) == Some(&' ');
            if !prev_space && column(out) > BEST_WIDTH && !next_is_space && i + 1 < chars.len() {
                out.push('\n');
                pad(out, indent);
            } else {
                out.push(' ');
            }
            prev_space = true;
        } else {
            emit(out, c);
            prev_space = false;
        }
    }
}

fn write_single(out: &mut String, s: &str, indent: usize, allow_breaks: bool) {
    out.push('\'');
    if allow_breaks {
        write_folded(out, s, indent, |o, c| {
            if c == '\'' {
                o.push_str("''")
            } else {
                o.push(c)
            }
        });
    } else {
        out.push_str(&s.replace('\'', "''"));
    }
    out.push('\'');
}

fn write_double(out: &mut String, s: &str, indent: usize, allow_breaks: bool) {
    out.push('"');
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !is_printable(c) || c == '\u{feff}' => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02X}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04X}"));
                } else {
                    out.push_str(&format!("\\U{n:08X}"));
                }
            }
            ' ' if allow_breaks
                && i > 0
                && i + 1 < chars.len()
                && chars[i - 1] != ' '
                && chars[i + 1] != ' '
                && column(out) > BEST_WIDTH =>
            {
                // A folded line in a double-quoted scalar ends with `\`.
                out.push('\\');
                out.push('\n');
                pad(out, indent);
                out.push_str("\\ ");
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_literal(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    if s.starts_with(' ') || s.starts_with('\n') {
        out.push('2');
    }
    if !s.ends_with('\n') {
        out.push('-');
    } else if s.ends_with("\n\n") {
        out.push('+');
    }
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
    // The caller writes the final newline.
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn namespace_as_kubectl_prints_it() {
        let ns = json!({
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": {"creationTimestamp": "2025-06-01T09:00:00Z",
                         "labels": {"kubernetes.io/metadata.name": "demo"},
                         "name": "demo", "resourceVersion": "412",
                         "uid": "2f0e6f6c-6b1a-4a57-9b8e-0c6f3f6a1b2c"},
            "spec": {"finalizers": ["kubernetes"]},
            "status": {"phase": "Active"}
        });
        assert_eq!(
            to_yaml(&ns),
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: \"2025-06-01T09:00:00Z\"\n  labels:\n    kubernetes.io/metadata.name: demo\n  name: demo\n  resourceVersion: \"412\"\n  uid: 2f0e6f6c-6b1a-4a57-9b8e-0c6f3f6a1b2c\nspec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n"
        );
    }

    #[test]
    fn quoting_rules() {
        let y = |s: &str| to_yaml(&json!({ "k": s }));
        assert_eq!(y("true"), "k: \"true\"\n");
        assert_eq!(y("123"), "k: \"123\"\n");
        assert_eq!(y(""), "k: \"\"\n");
        assert_eq!(y("*"), "k: '*'\n");
        assert_eq!(y("a: b"), "k: 'a: b'\n");
        assert_eq!(y("nginx:1.17"), "k: nginx:1.17\n");
        assert_eq!(y("a\nb\n"), "k: |\n  a\n  b\n");
        assert_eq!(y("a\nb"), "k: |-\n  a\n  b\n");
        assert_eq!(y("1.5"), "k: \"1.5\"\n");
        assert_eq!(y("10.96.0.1"), "k: 10.96.0.1\n");
    }

    #[test]
    fn sequences_of_maps() {
        let v = json!({"c": [{"image": "nginx", "name": "web"}], "e": {}, "l": []});
        assert_eq!(
            to_yaml(&v),
            "c:\n- image: nginx\n  name: web\ne: {}\nl: []\n"
        );
    }

    #[test]
    fn long_plain_strings_fold_past_column_80() {
        let msg = "word ".repeat(30);
        let out = to_yaml(&json!({ "message": msg.trim_end() }));
        assert!(out.lines().count() > 1);
        assert!(out.lines().nth(1).unwrap().starts_with("  word"));
    }
}
