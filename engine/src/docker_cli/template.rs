//! The part of Go's text/template that docker's `--format` flags use:
//! `{{.A.B}}`, `{{range .X}}…{{end}}`, `{{json .X}}`, over JSON values;
//! and docker's `table` formats, aligned as its formatter's tabwriter
//! does (cli/command/formatter/formatter.go in docker/cli v28.5.1).

use serde_json::Value;

enum Node {
    Text(String),
    Field(String, bool),
    Range(String, Vec<Node>),
}

/// Splits `{{…}}` actions from text; Err on an unclosed action or range.
fn parse(src: &str) -> Result<Vec<Node>, String> {
    let mut stack: Vec<(String, Vec<Node>)> = vec![(String::new(), vec![])];
    let mut rest = src;
    while let Some(at) = rest.find("{{") {
        let Some(len) = rest[at..].find("}}") else {
            return Err("unclosed action".into());
        };
        let text = &rest[..at];
        if !text.is_empty() {
            stack.last_mut().unwrap().1.push(Node::Text(text.into()));
        }
        let action = rest[at + 2..at + len].trim();
        rest = &rest[at + len + 2..];
        let words: Vec<&str> = action.split_whitespace().collect();
        match words.as_slice() {
            ["range", path] => stack.push((path.to_string(), vec![])),
            ["end"] if stack.len() > 1 => {
                let (path, body) = stack.pop().unwrap();
                stack.last_mut().unwrap().1.push(Node::Range(path, body));
            }
            ["json", path] => stack
                .last_mut()
                .unwrap()
                .1
                .push(Node::Field(path.to_string(), true)),
            [path] if path.starts_with('.') => stack
                .last_mut()
                .unwrap()
                .1
                .push(Node::Field(path.to_string(), false)),
            _ => return Err(format!("function {action:?} not defined")),
        }
    }
    if stack.len() > 1 {
        return Err("unexpected EOF".into());
    }
    let mut nodes = stack.pop().unwrap().1;
    if !rest.is_empty() {
        nodes.push(Node::Text(rest.into()));
    }
    Ok(nodes)
}

/// `.A.B` from `dot`; Err names a field the value does not have.
fn lookup<'a>(dot: &'a Value, path: &str) -> Result<&'a Value, String> {
    let mut v = dot;
    for key in path.split('.').filter(|k| !k.is_empty()) {
        v = v
            .get(key)
            .ok_or_else(|| format!("can't evaluate field {key}"))?;
    }
    Ok(v)
}

/// A value as Go's fmt prints it (`map[k:v]` for maps, `[a b]` for slices).
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Array(a) => format!("[{}]", a.iter().map(text).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", text(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => other.to_string(),
    }
}

fn render(nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Field(path, false) => out.push_str(&text(lookup(dot, path)?)),
            Node::Field(path, true) => out.push_str(&lookup(dot, path)?.to_string()),
            // Go ranges over a map's values in key order (serde's map is sorted).
            Node::Range(path, body) => match lookup(dot, path)? {
                Value::Object(m) => m.values().try_for_each(|v| render(body, v, out))?,
                Value::Array(a) => a.iter().try_for_each(|v| render(body, v, out))?,
                _ => {}
            },
        }
    }
    Ok(())
}

/// Executes `src` on `dot`; Err carries template's message.
pub fn execute(src: &str, dot: &Value) -> Result<String, String> {
    let nodes = parse(src)?;
    let mut out = String::new();
    render(&nodes, dot, &mut out)?;
    Ok(out)
}

/// Docker's formatter: `\t`/`\n` escapes become tabs/newlines; a `table`
/// format prints `headers` of its fields first and aligns the columns;
/// any other prints one line per row. `headers` maps a field to its title.
pub fn format_rows(
    format: &str,
    rows: &[Value],
    headers: &[(&str, &str)],
) -> Result<String, String> {
    // `json` is `{{json .}}` (cli/command/formatter/formatter.go).
    let format = if format.trim() == "json" {
        "{{json .}}"
    } else {
        format
    };
    let (is_table, body) = match format.strip_prefix("table") {
        Some(rest) => (true, rest),
        None => (false, format),
    };
    let body = body
        .trim_matches(' ')
        .replace("\\t", "\t")
        .replace("\\n", "\n");
    let mut lines = vec![];
    if is_table {
        let titles: serde_json::Map<String, Value> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        lines.push(execute(&body, &Value::Object(titles))?);
    }
    for r in rows {
        lines.push(execute(&body, r)?);
    }
    if !is_table {
        return Ok(lines.iter().map(|l| format!("{l}\n")).collect());
    }
    let cells: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    Ok(table(&cells))
}

/// Go's text/tabwriter as docker's formatter sets it up (minwidth 10,
/// padding 3); the last column is not padded.
pub fn table(rows: &[Vec<String>]) -> String {
    table_min(rows, 10)
}

/// The same tabwriter with another minimum cell width (crictl's is 20).
pub fn table_min(rows: &[Vec<String>], minwidth: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter(|r| i + 1 < r.len())
                .map(|r| r[i].chars().count() + 3)
                .max()
                .unwrap_or(0)
                .max(minwidth)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - cell.chars().count()));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_and_ranges_render_as_go_templates_do() {
        let v =
            json!({"Name": "n", "Nets": {"kind": {"IP": "172.18.0.2"}}, "L": {"b": "2", "a": "1"}});
        assert_eq!(execute("{{.Name}}", &v).unwrap(), "n");
        assert_eq!(
            execute("{{range .Nets}}{{.IP}}{{end}}", &v).unwrap(),
            "172.18.0.2"
        );
        assert_eq!(execute("{{ .Nets.kind.IP }}", &v).unwrap(), "172.18.0.2");
        assert_eq!(execute("{{.L}}", &v).unwrap(), "map[a:1 b:2]");
        assert_eq!(execute("{{json .L}}", &v).unwrap(), r#"{"a":"1","b":"2"}"#);
        assert!(execute("{{.Nope}}", &v).is_err());
        assert!(execute("{{range .L}}", &v).is_err());
    }

    #[test]
    fn table_formats_print_titles_and_align() {
        let rows = vec![json!({"Names": "kind-control-plane", "Status": "Up 1 second"})];
        let h = [("Names", "NAMES"), ("Status", "STATUS")];
        assert_eq!(
            format_rows("table {{.Names}}\\t{{.Status}}", &rows, &h).unwrap(),
            "NAMES                STATUS\nkind-control-plane   Up 1 second\n"
        );
        assert_eq!(
            format_rows("{{.Names}}", &rows, &h).unwrap(),
            "kind-control-plane\n"
        );
        assert_eq!(
            format_rows("json", &rows, &h).unwrap(),
            "{\"Names\":\"kind-control-plane\",\"Status\":\"Up 1 second\"}\n"
        );
    }

    #[test]
    fn columns_pad_to_the_widest_cell_plus_three() {
        let rows = vec![
            vec!["A".to_string(), "BB".into(), "C".into()],
            vec!["xxxxxxxxxxxx".into(), "".into(), "z".into()],
        ];
        assert_eq!(
            table(&rows),
            "A              BB        C\nxxxxxxxxxxxx             z\n"
        );
    }
}
