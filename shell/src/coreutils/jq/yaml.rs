//! Values printed as YAML the way yq v4 (go-yaml v3, indent 2) prints
//! them: block style, sequences indented under their key, scalars plain
//! unless they would read back as another type.

use super::value::{num, quote, V};

pub fn to_yaml(v: &V) -> String {
    let mut out = String::new();
    match v {
        V::Arr(a) if !a.is_empty() => seq(a, 0, &mut out),
        V::Obj(m) if !m.is_empty() => map(m, 0, &mut out),
        // yq unwraps a lone scalar: a string prints as its raw text.
        V::Str(s) => {
            out.push_str(s);
            if !s.ends_with('\n') {
                out.push('\n');
            }
        }
        _ => {
            out.push_str(&scalar(v, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

/// Whether a string must be quoted to stay a string.
fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s != s.trim() {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    if [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]
    .contains(&lower.as_str())
    {
        return true;
    }
    if s.parse::<f64>().is_ok() || lower == ".inf" || lower == "-.inf" || lower == ".nan" {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !(first == '-' && s.len() > 1 && !s[1..].starts_with(' ') && first != ':')
    {
        return true;
    }
    s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(|c| c.is_control())
}

fn scalar(v: &V, indent: usize) -> String {
    match v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(n) => num(*n),
        V::Str(s) if s.contains('\n') && !s.chars().any(|c| c.is_control() && c != '\n') => {
            let body = s.strip_suffix('\n').unwrap_or(s);
            let mut out = String::from(if s.ends_with('\n') { "|" } else { "|-" });
            for l in body.split('\n') {
                out.push('\n');
                if !l.is_empty() {
                    out.push_str(&pad(indent));
                    out.push_str(l);
                }
            }
            out
        }
        V::Str(s) if needs_quotes(s) => {
            let mut q = String::new();
            quote(s, &mut q);
            q
        }
        V::Str(s) => s.clone(),
        V::Arr(_) => "[]".into(),
        V::Obj(_) => "{}".into(),
    }
}

fn is_block(v: &V) -> bool {
    matches!(v, V::Arr(a) if !a.is_empty()) || matches!(v, V::Obj(m) if !m.is_empty())
}

fn map(m: &[(String, V)], indent: usize, out: &mut String) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push_str(&pad(indent));
        }
        out.push_str(&scalar(&V::Str(k.clone()), indent));
        out.push(':');
        match v {
            V::Obj(x) if !x.is_empty() => {
                out.push('\n');
                out.push_str(&pad(indent + 2));
                map(x, indent + 2, out);
            }
            V::Arr(x) if !x.is_empty() => {
                out.push('\n');
                out.push_str(&pad(indent + 2));
                seq(x, indent + 2, out);
            }
            _ => {
                out.push(' ');
                out.push_str(&scalar(v, indent + 2));
                out.push('\n');
            }
        }
    }
}

/// A sequence starting at the current column (the caller wrote the indent).
fn seq(a: &[V], indent: usize, out: &mut String) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 {
            out.push_str(&pad(indent));
        }
        out.push_str("- ");
        match v {
            V::Obj(x) if is_block(v) => map(x, indent + 2, out),
            V::Arr(x) if is_block(v) => seq(x, indent + 2, out),
            _ => {
                out.push_str(&scalar(v, indent + 2));
                out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_yaml_like_yq() {
        let v: V = serde_json::from_str(
            r#"{"spec":{"replicas":3,"containers":[{"name":"web","ports":[{"containerPort":80}]}],"args":["a","true",""],"e":{},"l":[]}}"#,
        )
        .unwrap();
        assert_eq!(
            to_yaml(&v),
            "spec:\n  replicas: 3\n  containers:\n    - name: web\n      ports:\n        - containerPort: 80\n  args:\n    - a\n    - \"true\"\n    - \"\"\n  e: {}\n  l: []\n"
        );
        assert_eq!(to_yaml(&V::Str("nginx".into())), "nginx\n");
        assert_eq!(to_yaml(&V::Str("true".into())), "true\n");
        let m = V::Obj(vec![("s".into(), V::Str("a\n\nb\n".into()))]);
        assert_eq!(to_yaml(&m), "s: |\n  a\n\n  b\n");
    }
}
