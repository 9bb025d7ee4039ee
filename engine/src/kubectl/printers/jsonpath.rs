//! Kubernetes JSONPath templates (`-o jsonpath=...`): literal text with
//! `{...}` actions — field paths (`.a.b`, `['k']`), indexes and slices
//! (`[0]`, `[-1]`, `[*]`, `[1:3]`), recursive descent (`..name`), filters
//! (`[?(@.status=="True")]`), `range`/`end` and quoted literals (`{"\n"}`).
//! Missing keys print nothing (kubectl's `--allow-missing-template-keys`).

use super::json::to_compact;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Field(String),
    Wildcard,
    Index(i64),
    Slice(Option<i64>, Option<i64>),
    Recursive(String),
    Filter {
        path: Vec<Step>,
        op: Option<(String, String)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

fn parse_path(s: &str) -> Result<Vec<Step>, String> {
    let s = s.trim();
    let s = s.strip_prefix('$').unwrap_or(s);
    let chars: Vec<char> = s.chars().collect();
    let mut steps = vec![];
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '.' if chars.get(i + 1) == Some(&'.') => {
                i += 2;
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || "_-".contains(chars[i])) {
                    i += 1;
                }
                steps.push(Step::Recursive(chars[start..i].iter().collect()));
            }
            '.' => {
                i += 1;
                let name = field_name(&chars, &mut i);
                if name == "*" {
                    steps.push(Step::Wildcard);
                } else if !name.is_empty() {
                    steps.push(Step::Field(name));
                }
            }
            '[' => {
                let mut depth = 0;
                let start = i + 1;
                while i < chars.len() {
                    match chars[i] {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if i >= chars.len() {
                    return Err("unterminated array".to_string());
                }
                let inner: String = chars[start..i].iter().collect();
                i += 1;
                steps.push(parse_bracket(inner.trim())?);
            }
            c if c.is_whitespace() => i += 1,
            _ => {
                let name = field_name(&chars, &mut i);
                steps.push(Step::Field(name));
            }
        }
    }
    Ok(steps)
}

/// A field name up to the next `.` or `[`; `\.` is a literal dot (`{.data.tls\.crt}`).
fn field_name(chars: &[char], i: &mut usize) -> String {
    let mut name = String::new();
    while *i < chars.len() && chars[*i] != '.' && chars[*i] != '[' {
        if chars[*i] == '\\' && chars.get(*i + 1) == Some(&'.') {
            name.push('.');
            *i += 2;
            continue;
        }
        name.push(chars[*i]);
        *i += 1;
    }
    name
}

fn parse_bracket(inner: &str) -> Result<Step, String> {
    if inner == "*" {
        return Ok(Step::Wildcard);
    }
    if let Some(f) = inner.strip_prefix("?(").and_then(|f| f.strip_suffix(')')) {
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if let Some((l, r)) = f.split_once(op) {
                let path = parse_path(l.trim().trim_start_matches('@'))?;
                let r = r.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
                return Ok(Step::Filter {
                    path,
                    op: Some((op.to_string(), r)),
                });
            }
        }
        return Ok(Step::Filter {
            path: parse_path(f.trim().trim_start_matches('@'))?,
            op: None,
        });
    }
    if let Some(q) = inner.strip_prefix('\'').and_then(|q| q.strip_suffix('\'')) {
        return Ok(Step::Field(q.to_string()));
    }
    if let Some((a, b)) = inner.split_once(':') {
        let n = |s: &str| s.trim().parse::<i64>().ok();
        return Ok(Step::Slice(n(a), n(b.split(':').next().unwrap_or(""))));
    }
    inner
        .parse::<i64>()
        .map(Step::Index)
        .map_err(|_| format!("invalid array index {inner}"))
}

fn parse_template(t: &str) -> Result<Vec<Node>, String> {
    let mut stack: Vec<(Vec<Step>, Vec<Node>)> = vec![(vec![], vec![])];
    let mut rest = t;
    while !rest.is_empty() {
        match rest.find('{') {
            None => {
                stack
                    .last_mut()
                    .expect("root")
                    .1
                    .push(Node::Text(rest.to_string()));
                break;
            }
            Some(i) => {
                if i > 0 {
                    stack
                        .last_mut()
                        .expect("root")
                        .1
                        .push(Node::Text(rest[..i].to_string()));
                }
                let Some(end) = rest[i..].find('}').map(|e| e + i) else {
                    // The lexer reads the action to the end first: an
                    // open `[` fails before the missing `}`.
                    let tail = rest[i + 1..].trim();
                    parse_path(tail.strip_prefix("range ").unwrap_or(tail))?;
                    return Err("unclosed action".into());
                };
                let action = rest[i + 1..end].trim();
                rest = &rest[end + 1..];
                if let Some(p) = action.strip_prefix("range ") {
                    stack.push((parse_path(p)?, vec![]));
                } else if action == "end" {
                    if stack.len() < 2 {
                        return Err("not in range, nothing to end".into());
                    }
                    let (path, body) = stack.pop().expect("checked");
                    stack
                        .last_mut()
                        .expect("root")
                        .1
                        .push(Node::Range(path, body));
                } else if action.starts_with('"') || action.starts_with('\'') {
                    let text = quoted_literal(action)?;
                    stack.last_mut().expect("root").1.push(Node::Text(text));
                } else {
                    stack
                        .last_mut()
                        .expect("root")
                        .1
                        .push(Node::Path(parse_path(action)?));
                }
            }
        }
    }
    if stack.len() != 1 {
        return Err("unclosed range".into());
    }
    Ok(stack.pop().expect("root").1)
}

/// `{"\n"}` or `{'-'}`: the text between matching quotes, with `\n` and
/// `\t` unescaped. A quote that never closes is the parser's
/// "unterminated quoted string".
fn quoted_literal(action: &str) -> Result<String, String> {
    let mut chars = action.chars();
    let quote = chars.next().unwrap_or('"');
    let inner = chars.as_str();
    let lit = inner
        .strip_suffix(quote)
        .ok_or_else(|| "unterminated quoted string".to_string())?;
    Ok(lit.replace("\\n", "\n").replace("\\t", "\t"))
}

fn eval<'a>(steps: &[Step], roots: Vec<&'a Value>) -> Vec<&'a Value> {
    let mut cur = roots;
    for step in steps {
        let mut next = vec![];
        for v in cur {
            match step {
                Step::Field(f) => next.extend(v.get(f.as_str())),
                Step::Wildcard => match v {
                    Value::Array(a) => next.extend(a.iter()),
                    Value::Object(m) => next.extend(m.values()),
                    _ => {}
                },
                Step::Index(i) => {
                    if let Value::Array(a) = v {
                        let idx = if *i < 0 { a.len() as i64 + i } else { *i };
                        next.extend(usize::try_from(idx).ok().and_then(|i| a.get(i)));
                    }
                }
                Step::Slice(a, b) => {
                    if let Value::Array(arr) = v {
                        let len = arr.len() as i64;
                        let norm = |x: i64| if x < 0 { (len + x).max(0) } else { x.min(len) };
                        let (s, e) = (norm(a.unwrap_or(0)), norm(b.unwrap_or(len)));
                        if s < e {
                            next.extend(arr[s as usize..e as usize].iter());
                        }
                    }
                }
                Step::Recursive(name) => collect_recursive(v, name, &mut next),
                Step::Filter { path, op } => {
                    if let Value::Array(a) = v {
                        for item in a {
                            let found = eval(path, vec![item]);
                            let keep = match op {
                                None => !found.is_empty(),
                                Some((op, want)) => {
                                    found.first().is_some_and(|x| compare(x, op, want))
                                }
                            };
                            if keep {
                                next.push(item);
                            }
                        }
                    }
                }
            }
        }
        cur = next;
    }
    cur
}

fn collect_recursive<'a>(v: &'a Value, name: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get(name) {
                out.push(x);
            }
            for c in m.values() {
                collect_recursive(c, name, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| collect_recursive(c, name, out)),
        _ => {}
    }
}

fn compare(x: &Value, op: &str, want: &str) -> bool {
    let text = text(x);
    match (text.parse::<f64>(), want.parse::<f64>()) {
        (Ok(a), Ok(b)) if op != "==" && op != "!=" => match op {
            "<" => a < b,
            ">" => a > b,
            "<=" => a <= b,
            _ => a >= b,
        },
        _ => match op {
            "==" => text == want,
            "!=" => text != want,
            _ => false,
        },
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(_) | Value::Array(_) => to_compact(v),
        other => other.to_string(),
    }
}

fn render(nodes: &[Node], root: &Value, current: &Value, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Path(steps) => {
                let base = if steps.is_empty() {
                    current
                } else {
                    root_or_current(root, current)
                };
                let vals = eval(steps, vec![base]);
                out.push_str(&vals.iter().map(|v| text(v)).collect::<Vec<_>>().join(" "));
            }
            Node::Range(steps, body) => {
                for item in eval(steps, vec![root_or_current(root, current)]) {
                    render(body, root, item, out);
                }
            }
        }
    }
}

/// Inside `range`, paths are relative to the current item.
fn root_or_current<'a>(_root: &'a Value, current: &'a Value) -> &'a Value {
    current
}

/// The values one path (`.spec.replicas`) finds in an object, as a CRD's
/// printer column evaluates it (missing keys find nothing).
pub fn find_path<'a>(path: &str, obj: &'a Value) -> Result<Vec<&'a Value>, String> {
    let steps = parse_path(path)?;
    Ok(eval(&steps, vec![obj]))
}

/// How a found value prints (strings raw, objects and lists as JSON).
pub fn value_text(v: &Value) -> String {
    text(v)
}

/// The values a template's paths find (what custom-columns and --sort-by use).
pub fn find(template: &str, obj: &Value) -> Result<Vec<Value>, String> {
    let nodes = parse_template(template)?;
    let mut out = vec![];
    for n in &nodes {
        if let Node::Path(steps) = n {
            out.extend(eval(steps, vec![obj]).into_iter().cloned());
        }
    }
    Ok(out)
}

/// `-o jsonpath-as-json`: each path's results as an indented JSON array.
pub fn execute_json(template: &str, obj: &Value) -> Result<String, String> {
    fn walk(nodes: &[Node], current: &Value, out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Path(steps) => {
                    let vals: Vec<Value> =
                        eval(steps, vec![current]).into_iter().cloned().collect();
                    out.push_str(&super::json::to_json(&Value::Array(vals)));
                }
                Node::Range(steps, body) => {
                    for item in eval(steps, vec![current]) {
                        walk(body, item, out);
                    }
                }
            }
        }
    }
    let nodes = parse_template(template)?;
    let mut out = String::new();
    walk(&nodes, obj, &mut out);
    Ok(out)
}

/// Applies a template to an object. The error is kubectl's parse error text.
pub fn execute(template: &str, obj: &Value) -> Result<String, String> {
    let nodes = parse_template(template)?;
    let mut out = String::new();
    render(&nodes, obj, obj, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::execute;
    use serde_json::json;

    #[test]
    fn paths_ranges_filters() {
        let list = json!({"items": [
            {"metadata": {"name": "a"}, "status": {"phase": "Running"}},
            {"metadata": {"name": "b"}, "status": {"phase": "Pending"}}
        ]});
        assert_eq!(execute("{.items[*].metadata.name}", &list).unwrap(), "a b");
        assert_eq!(execute("{.items[0].metadata.name}", &list).unwrap(), "a");
        let secret = json!({"data": {"tls.crt": "Y2VydA=="}});
        assert_eq!(execute("{.data.tls\\.crt}", &secret).unwrap(), "Y2VydA==");
        assert_eq!(execute("{.items[-1].metadata.name}", &list).unwrap(), "b");
        assert_eq!(
            execute(
                "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
                &list
            )
            .unwrap(),
            "a\tRunning\nb\tPending\n"
        );
        assert_eq!(
            execute(
                "{.items[?(@.status.phase==\"Pending\")].metadata.name}",
                &list
            )
            .unwrap(),
            "b"
        );
        assert_eq!(execute("{..name}", &list).unwrap(), "a b");
        assert_eq!(
            execute("name={.items[0].metadata.name}", &list).unwrap(),
            "name=a"
        );
        assert_eq!(execute("{.nope}", &list).unwrap(), "");
        assert_eq!(
            execute("{.items[0].metadata}", &list).unwrap(),
            "{\"name\":\"a\"}"
        );
    }

    #[test]
    fn quoted_literals_close_or_fail_even_with_multibyte_text() {
        let v = json!({});
        assert_eq!(execute("{'é'}", &v).unwrap(), "é");
        assert_eq!(execute("{\"→\\n\"}", &v).unwrap(), "→\n");
        for t in ["{\"é}", "{'}", "{\"}"] {
            assert_eq!(
                execute(t, &v).unwrap_err(),
                "unterminated quoted string",
                "{t}"
            );
        }
    }
}
