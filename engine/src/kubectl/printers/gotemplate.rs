//! `-o go-template=...`: the part of Go's text/template kubectl users write.
//! Actions `{{...}}` with `{{-`/`-}}` trimming and comments; pipelines
//! (`a | b`), parentheses, variables (`$x := ...`, `$`), field chains
//! (`.a.b`, `$x.a`); if/else if/else, range (with `$i, $v :=` and else),
//! with/else; functions index, printf, print, println, len, eq, ne, lt, le,
//! gt, ge, and, or, not, plus kubectl's base64decode. The data is the
//! object as unstructured JSON, so a missing key prints `<no value>`.

use serde_json::Value;

#[derive(Debug, Clone)]
enum Arg {
    /// `.a.b` on dot, `$x.a.b` on a variable (`$` is the root).
    Field(Option<String>, Vec<String>),
    Lit(Value),
    Call(String),
    Pipe(Box<Pipeline>),
    /// `(pipeline).a.b`
    Chain(Box<Arg>, Vec<String>),
}

#[derive(Debug, Clone)]
struct Cmd {
    args: Vec<Arg>,
}

#[derive(Debug, Clone, Default)]
struct Pipeline {
    decl: Vec<String>,
    assign: bool,
    cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipeline),
    If(Pipeline, Vec<Node>, Vec<Node>),
    Range(Pipeline, Vec<Node>, Vec<Node>),
    With(Pipeline, Vec<Node>, Vec<Node>),
}

/// One `{{ }}` or the text between.
enum Token {
    Text(String),
    Action(String),
}

fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let mut out = vec![];
    let mut rest = src;
    let mut trim_next = false;
    while !rest.is_empty() {
        let Some(start) = rest.find("{{") else {
            let t = if trim_next { rest.trim_start() } else { rest };
            out.push(Token::Text(t.to_string()));
            break;
        };
        let mut text = &rest[..start];
        if trim_next {
            text = text.trim_start();
        }
        let after = &rest[start + 2..];
        let trim_left =
            after.starts_with("- ") || after.starts_with("-\t") || after.starts_with("-\n");
        if trim_left {
            text = text.trim_end();
        }
        if !text.is_empty() {
            out.push(Token::Text(text.to_string()));
        }
        let body_start = if trim_left { 1 } else { 0 };
        let end = find_close(after).ok_or("unclosed action")?;
        let mut body = &after[body_start..end];
        trim_next = false;
        if body.ends_with(" -") || body.ends_with("\t-") || body.ends_with("\n-") {
            body = &body[..body.len() - 1];
            trim_next = true;
        }
        let body = body.trim();
        if !(body.starts_with("/*") && body.ends_with("*/")) {
            out.push(Token::Action(body.to_string()));
        }
        rest = &after[end + 2..];
    }
    Ok(out)
}

/// The `}}` closing an action, skipping quoted strings.
fn find_close(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match quote {
            Some(q) => {
                if b[i] == b'\\' && q == b'"' {
                    i += 1;
                } else if b[i] == q {
                    quote = None;
                }
            }
            None => {
                if b[i] == b'"' || b[i] == b'`' {
                    quote = Some(b[i]);
                } else if b[i..].starts_with(b"}}") {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

fn words(s: &str) -> Result<Vec<String>, String> {
    let mut out = vec![];
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '`' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != c {
                if c == '"' && chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            if i >= chars.len() {
                return Err("unterminated quoted string".into());
            }
            i += 1;
            out.push(chars[start..i].iter().collect());
        } else if c == '(' || c == ')' || c == '|' {
            out.push(c.to_string());
            i += 1;
            // `(...).field`: mark the field as chained onto the group.
            if c == ')' && chars.get(i) == Some(&'.') {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()|".contains(chars[i]) {
                    i += 1;
                }
                out.push(format!(
                    "\u{1}{}",
                    chars[start..i].iter().collect::<String>()
                ));
            }
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !"()|".contains(chars[i]) {
                bad_character(chars[i])?;
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        }
    }
    Ok(out)
}

/// text/template's lexer takes letters, digits and printable ASCII inside
/// an action; anything else is `bad character %#U`.
fn bad_character(c: char) -> Result<(), String> {
    if c.is_alphanumeric() || c == '_' || (c.is_ascii() && !c.is_ascii_control()) {
        return Ok(());
    }
    if c.is_control() {
        return Err(format!("bad character U+{:04X}", c as u32));
    }
    Err(format!("bad character U+{:04X} '{c}'", c as u32))
}

fn unquote(w: &str) -> String {
    if let Some(raw) = w.strip_prefix('`') {
        return raw.trim_end_matches('`').to_string();
    }
    serde_json::from_str::<String>(w).unwrap_or_else(|_| w.trim_matches('"').to_string())
}

fn parse_pipeline(src: &str) -> Result<Pipeline, String> {
    let w = words(src)?;
    let mut pos = 0;
    let p = pipeline(&w, &mut pos)?;
    if pos != w.len() {
        return Err(format!("unexpected \"{}\" in command", w[pos]));
    }
    Ok(p)
}

fn pipeline(w: &[String], pos: &mut usize) -> Result<Pipeline, String> {
    let mut p = Pipeline::default();
    // `$x :=`, `$i, $v :=`, `$x =`
    let mut look = *pos;
    while look < w.len() && (w[look].starts_with('$') || w[look] == ",") {
        look += 1;
    }
    if look > *pos && look < w.len() && (w[look] == ":=" || w[look] == "=") {
        p.assign = w[look] == "=";
        p.decl = w[*pos..look]
            .iter()
            .flat_map(|t| t.split(','))
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        *pos = look + 1;
    }
    let mut cmd = Cmd { args: vec![] };
    while *pos < w.len() {
        let t = w[*pos].as_str();
        match t {
            ")" => break,
            "|" => {
                *pos += 1;
                p.cmds
                    .push(std::mem::replace(&mut cmd, Cmd { args: vec![] }));
            }
            "(" => {
                *pos += 1;
                let inner = pipeline(w, pos)?;
                if w.get(*pos).map(String::as_str) != Some(")") {
                    return Err("unclosed left paren".into());
                }
                *pos += 1;
                let mut group = Arg::Pipe(Box::new(inner));
                if let Some(chain) = w.get(*pos).and_then(|t| t.strip_prefix("\u{1}.")) {
                    *pos += 1;
                    group = Arg::Chain(
                        Box::new(group),
                        chain.split('.').map(String::from).collect(),
                    );
                }
                cmd.args.push(group);
            }
            _ => {
                *pos += 1;
                cmd.args.push(arg(t)?);
            }
        }
    }
    if cmd.args.is_empty() {
        if !p.cmds.is_empty() {
            return Err("missing command".into());
        }
    } else {
        p.cmds.push(cmd);
    }
    if p.cmds.is_empty() {
        return Err("missing value for command".into());
    }
    Ok(p)
}

fn arg(t: &str) -> Result<Arg, String> {
    if t.starts_with('"') || t.starts_with('`') {
        return Ok(Arg::Lit(Value::String(unquote(t))));
    }
    if t == "." {
        return Ok(Arg::Field(None, vec![]));
    }
    if let Some(rest) = t.strip_prefix('.') {
        return Ok(Arg::Field(
            None,
            rest.split('.').map(String::from).collect(),
        ));
    }
    if t.starts_with('$') {
        let mut parts = t.split('.');
        let var = parts.next().unwrap_or("$").to_string();
        return Ok(Arg::Field(Some(var), parts.map(String::from).collect()));
    }
    match t {
        "true" => return Ok(Arg::Lit(Value::Bool(true))),
        "false" => return Ok(Arg::Lit(Value::Bool(false))),
        "nil" => return Ok(Arg::Lit(Value::Null)),
        _ => {}
    }
    if let Ok(n) = t.parse::<i64>() {
        return Ok(Arg::Lit(n.into()));
    }
    if let Ok(f) = t.parse::<f64>() {
        return Ok(Arg::Lit(serde_json::json!(f)));
    }
    if t.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Ok(Arg::Call(t.to_string()));
    }
    Err(format!("unexpected \"{t}\" in command"))
}

fn parse(src: &str) -> Result<Vec<Node>, String> {
    let tokens = tokenize(src)?;
    let mut pos = 0;
    let (nodes, end) = parse_list(&tokens, &mut pos)?;
    if let Some(e) = end {
        return Err(format!("unexpected {{{{{e}}}}}"));
    }
    Ok(nodes)
}

/// Nodes up to `{{else ...}}`/`{{end}}` (returned as the second value).
fn parse_list(tokens: &[Token], pos: &mut usize) -> Result<(Vec<Node>, Option<String>), String> {
    let mut out = vec![];
    while *pos < tokens.len() {
        let t = &tokens[*pos];
        *pos += 1;
        match t {
            Token::Text(s) => out.push(Node::Text(s.clone())),
            Token::Action(a) => {
                let kw = a.split_whitespace().next().unwrap_or("");
                match kw {
                    "end" | "else" => return Ok((out, Some(a.clone()))),
                    "if" | "range" | "with" => {
                        let pipe = parse_pipeline(a[kw.len()..].trim())?;
                        out.push(parse_block(tokens, pos, kw, pipe)?);
                    }
                    _ => out.push(Node::Action(parse_pipeline(a)?)),
                }
            }
        }
    }
    Ok((out, None))
}

fn parse_block(
    tokens: &[Token],
    pos: &mut usize,
    kw: &str,
    pipe: Pipeline,
) -> Result<Node, String> {
    let (body, end) = parse_list(tokens, pos)?;
    let end = end.ok_or_else(|| format!("unexpected EOF in {kw}"))?;
    let mut other = vec![];
    if end != "end" {
        let rest = end["else".len()..].trim();
        if let Some(cond) = rest.strip_prefix("if ") {
            // `else if` nests an if that shares this block's end.
            let inner = parse_pipeline(cond.trim())?;
            other.push(parse_block(tokens, pos, "if", inner)?);
        } else if let Some(cond) = rest.strip_prefix("with ") {
            let inner = parse_pipeline(cond.trim())?;
            other.push(parse_block(tokens, pos, "with", inner)?);
        } else {
            let (els, end2) = parse_list(tokens, pos)?;
            if end2.as_deref() != Some("end") {
                return Err(format!("expected end; found {}", end2.unwrap_or_default()));
            }
            other = els;
        }
    }
    Ok(match kw {
        "if" => Node::If(pipe, body, other),
        "range" => Node::Range(pipe, body, other),
        _ => Node::With(pipe, body, other),
    })
}

/// A value during execution; `Missing` is Go's invalid reflect.Value.
#[derive(Clone, Debug)]
enum Val {
    V(Value),
    Missing,
}

impl Val {
    fn value(&self) -> Value {
        match self {
            Val::V(v) => v.clone(),
            Val::Missing => Value::Null,
        }
    }
}

struct Exec<'a> {
    vars: Vec<(String, Value)>,
    root: &'a Value,
}

fn truthy(v: &Val) -> bool {
    match v {
        Val::Missing => false,
        Val::V(v) => match v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(m) => !m.is_empty(),
        },
    }
}

/// fmt.Sprint of an unstructured value.
pub fn sprint(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(sprint).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", sprint(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn show(v: &Val) -> String {
    match v {
        Val::Missing => "<no value>".into(),
        Val::V(v) => sprint(v),
    }
}

fn field(mut cur: Val, path: &[String]) -> Result<Val, String> {
    for f in path {
        cur = match cur {
            Val::V(Value::Object(m)) => m.get(f).cloned().map_or(Val::Missing, Val::V),
            Val::Missing | Val::V(Value::Null) => Val::Missing,
            Val::V(other) => {
                return Err(format!(
                    "can't evaluate field {f} in type {}",
                    go_type(&other)
                ))
            }
        };
    }
    Ok(cur)
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Bool(_) => "bool",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
        Value::Null => "interface {}",
    }
}

impl Exec<'_> {
    fn var(&self, name: &str) -> Result<Value, String> {
        if name == "$" {
            return Ok(self.root.clone());
        }
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("undefined variable \"{name}\""))
    }

    fn pipeline(&mut self, p: &Pipeline, dot: &Val) -> Result<Val, String> {
        let mut last: Option<Val> = None;
        for c in &p.cmds {
            last = Some(self.command(c, dot, last)?);
        }
        let v = last.unwrap_or(Val::Missing);
        if let Some(name) = p.decl.last() {
            if p.assign {
                if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                    slot.1 = v.value();
                }
            } else {
                self.vars.push((name.clone(), v.value()));
            }
        }
        Ok(v)
    }

    fn eval_arg(&mut self, a: &Arg, dot: &Val) -> Result<Val, String> {
        match a {
            Arg::Lit(v) => Ok(Val::V(v.clone())),
            Arg::Field(None, path) => field(dot.clone(), path),
            Arg::Field(Some(var), path) => field(Val::V(self.var(var)?), path),
            Arg::Pipe(p) => self.pipeline(p, dot),
            Arg::Chain(inner, path) => {
                let base = self.eval_arg(inner, dot)?;
                field(base, path)
            }
            Arg::Call(name) => self.call(name, &[], dot, None),
        }
    }

    fn command(&mut self, c: &Cmd, dot: &Val, piped: Option<Val>) -> Result<Val, String> {
        match &c.args[0] {
            Arg::Call(name) => {
                let rest = c.args[1..].to_vec();
                self.call(name, &rest, dot, piped)
            }
            first => {
                if c.args.len() > 1 || piped.is_some() {
                    return Err("can't give argument to non-function".into());
                }
                self.eval_arg(first, dot)
            }
        }
    }

    fn call(
        &mut self,
        name: &str,
        args: &[Arg],
        dot: &Val,
        piped: Option<Val>,
    ) -> Result<Val, String> {
        // and/or evaluate lazily, returning the deciding argument.
        if name == "and" || name == "or" {
            let mut last = Val::Missing;
            let mut all: Vec<Option<&Arg>> = args.iter().map(Some).collect();
            if piped.is_some() {
                all.push(None);
            }
            for a in all {
                last = match a {
                    Some(a) => self.eval_arg(a, dot)?,
                    None => piped.clone().unwrap_or(Val::Missing),
                };
                if truthy(&last) != (name == "and") {
                    return Ok(last);
                }
            }
            return Ok(last);
        }
        let mut vals = vec![];
        for a in args {
            vals.push(self.eval_arg(a, dot)?);
        }
        if let Some(p) = piped {
            vals.push(p);
        }
        let want = |n: usize| -> Result<(), String> {
            if vals.len() == n {
                Ok(())
            } else {
                Err(format!(
                    "wrong number of args for {name}: want {n} got {}",
                    vals.len()
                ))
            }
        };
        Ok(match name {
            "not" => {
                want(1)?;
                Val::V(Value::Bool(!truthy(&vals[0])))
            }
            "len" => {
                want(1)?;
                let n = match vals[0].value() {
                    Value::String(s) => s.len(),
                    Value::Array(a) => a.len(),
                    Value::Object(m) => m.len(),
                    other => {
                        return Err(format!(
                            "error calling len: len of type {}",
                            go_type(&other)
                        ))
                    }
                };
                Val::V(n.into())
            }
            "index" => {
                let mut cur = vals.first().cloned().unwrap_or(Val::Missing).value();
                for k in &vals[1.min(vals.len())..] {
                    cur = match (cur, k.value()) {
                        (Value::Object(m), Value::String(s)) => {
                            m.get(&s).cloned().unwrap_or(Value::Null)
                        }
                        (Value::Array(a), Value::Number(n)) => {
                            let i = n.as_i64().unwrap_or(-1);
                            a.get(usize::try_from(i).map_err(|_| {
                                format!("error calling index: index out of range: {i}")
                            })?)
                            .cloned()
                            .ok_or_else(|| {
                                format!("error calling index: index out of range: {i}")
                            })?
                        }
                        (Value::Null, _) => Value::Null,
                        (other, _) => {
                            return Err(format!(
                                "error calling index: can't index item of type {}",
                                go_type(&other)
                            ))
                        }
                    };
                }
                Val::V(cur)
            }
            "print" => Val::V(Value::String(go_print(&vals))),
            "println" => Val::V(Value::String(format!(
                "{}\n",
                vals.iter().map(show).collect::<Vec<_>>().join(" ")
            ))),
            "printf" => {
                let Some(Val::V(Value::String(f))) = vals.first() else {
                    return Err("wrong number of args for printf".into());
                };
                Val::V(Value::String(printf(f, &vals[1..])))
            }
            "base64decode" => {
                want(1)?;
                let s = sprint(&vals[0].value());
                Val::V(Value::String(base64_decode(&s).ok_or_else(|| {
                    format!("base64decode: illegal base64 data: {s}")
                })?))
            }
            "eq" | "ne" | "lt" | "le" | "gt" | "ge" => {
                if vals.len() < 2 {
                    return Err(format!(
                        "wrong number of args for {name}: want 2 got {}",
                        vals.len()
                    ));
                }
                let a = vals[0].value();
                let result = if name == "eq" {
                    vals[1..].iter().any(|b| equal(&a, &b.value()))
                } else if name == "ne" {
                    !equal(&a, &vals[1].value())
                } else {
                    let ord = order(&a, &vals[1].value())?;
                    match name {
                        "lt" => ord.is_lt(),
                        "le" => ord.is_le(),
                        "gt" => ord.is_gt(),
                        _ => ord.is_ge(),
                    }
                };
                Val::V(Value::Bool(result))
            }
            _ => return Err(format!("function \"{name}\" not defined")),
        })
    }

    fn run(&mut self, nodes: &[Node], dot: &Val, out: &mut String) -> Result<(), String> {
        for n in nodes {
            let depth = self.vars.len();
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Action(p) => {
                    let v = self.pipeline(p, dot)?;
                    if p.decl.is_empty() {
                        out.push_str(&show(&v));
                    }
                    continue; // declarations live to the end of the enclosing block
                }
                Node::If(p, body, other) => {
                    let v = self.pipeline(p, dot)?;
                    let branch = if truthy(&v) { body } else { other };
                    self.run(branch, dot, out)?;
                }
                Node::With(p, body, other) => {
                    let v = self.pipeline(p, dot)?;
                    if truthy(&v) {
                        self.run(body, &v, out)?;
                    } else {
                        self.run(other, dot, out)?;
                    }
                }
                Node::Range(p, body, other) => {
                    let mut plain = p.clone();
                    let decl = std::mem::take(&mut plain.decl);
                    let v = self.pipeline(&plain, dot)?;
                    let items: Vec<(Value, Value)> = match v.value() {
                        Value::Array(a) => a
                            .into_iter()
                            .enumerate()
                            .map(|(i, x)| (i.into(), x))
                            .collect(),
                        Value::Object(m) => {
                            m.into_iter().map(|(k, x)| (Value::String(k), x)).collect()
                        }
                        Value::Null => vec![],
                        Value::Number(n) => (0..n.as_i64().unwrap_or(0))
                            .map(|i| (i.into(), i.into()))
                            .collect(),
                        other => {
                            return Err(format!("range can't iterate over {}", sprint(&other)))
                        }
                    };
                    if items.is_empty() {
                        self.run(other, dot, out)?;
                    }
                    for (k, x) in items {
                        let inner = self.vars.len();
                        match decl.as_slice() {
                            [v] => self.vars.push((v.clone(), x.clone())),
                            [kname, vname] => {
                                self.vars.push((kname.clone(), k));
                                self.vars.push((vname.clone(), x.clone()));
                            }
                            _ => {}
                        }
                        self.run(body, &Val::V(x), out)?;
                        self.vars.truncate(inner);
                    }
                }
            }
            self.vars.truncate(depth);
        }
        Ok(())
    }
}

fn go_print(vals: &[Val]) -> String {
    // fmt.Sprint adds spaces between operands when neither is a string.
    let mut out = String::new();
    for (i, v) in vals.iter().enumerate() {
        let is_str = |v: &Val| matches!(v, Val::V(Value::String(_)));
        if i > 0 && !is_str(v) && !is_str(&vals[i - 1]) {
            out.push(' ');
        }
        out.push_str(&show(v));
    }
    out
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn order(a: &Value, b: &Value) -> Result<std::cmp::Ordering, String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Ok(x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(std::cmp::Ordering::Equal)),
        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
        _ => Err("incompatible types for comparison".into()),
    }
}

/// Go's fmt verbs kubectl templates use: %s %d %v %q %f %x %%, width, `-`, `0`.
fn printf(f: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut next = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut left = false;
        let mut zero = false;
        while i < chars.len() && (chars[i] == '-' || chars[i] == '0' || chars[i] == '+') {
            left |= chars[i] == '-';
            zero |= chars[i] == '0';
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            prec = Some(p.parse().unwrap_or(0));
        }
        let Some(&verb) = chars.get(i) else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += 1;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(next) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        next += 1;
        let v = arg.value();
        let text = match verb {
            'q' => serde_json::to_string(&sprint(&v)).unwrap_or_default(),
            'd' => match &v {
                Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
                other => format!("%!d({}={})", go_type(other), show(arg)),
            },
            'f' => {
                let f = v.as_f64().unwrap_or(0.0);
                format!("{:.*}", prec.unwrap_or(6), f)
            }
            'x' => match &v {
                Value::Number(n) => format!("{:x}", n.as_i64().unwrap_or(0)),
                other => sprint(other).bytes().map(|b| format!("{b:02x}")).collect(),
            },
            't' | 's' | 'v' => {
                let s = show(arg);
                match prec {
                    Some(p) if verb == 's' => s.chars().take(p).collect(),
                    _ => s,
                }
            }
            other => format!("%!{other}({}={})", go_type(&v), show(arg)),
        };
        let w: usize = width.parse().unwrap_or(0);
        let len = text.chars().count();
        if len < w {
            let pad = w - len;
            if left {
                out.push_str(&text);
                out.extend(std::iter::repeat_n(' ', pad));
            } else {
                let c = if zero { '0' } else { ' ' };
                out.extend(std::iter::repeat_n(c, pad));
                out.push_str(&text);
            }
        } else {
            out.push_str(&text);
        }
    }
    if next < args.len() {
        let extra: Vec<String> = args[next..]
            .iter()
            .map(|a| format!("{}={}", go_type(&a.value()), show(a)))
            .collect();
        out.push_str(&format!("%!(EXTRA {})", extra.join(", ")));
    }
    out
}

fn base64_decode(s: &str) -> Option<String> {
    let table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = vec![];
    for c in s.trim_end_matches('=').chars() {
        let v = table.find(c)? as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push(((bits >> n) & 0xff) as u8);
        }
    }
    String::from_utf8(out).ok()
}

/// Parses a template without running it (kubectl builds its printer first).
pub fn check(template: &str) -> Result<(), String> {
    parse(template).map(|_| ())
}

/// Runs a template on an object; errors carry text/template's message.
pub fn execute(template: &str, obj: &Value) -> Result<String, String> {
    let nodes = parse(template)?;
    let mut exec = Exec {
        vars: vec![],
        root: obj,
    };
    let mut out = String::new();
    exec.run(&nodes, &Val::V(obj.clone()), &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{execute, parse_pipeline};
    use serde_json::json;

    #[test]
    fn fields_ranges_conditions_and_functions() {
        let list = json!({"items": [
            {"metadata": {"name": "a", "labels": {"app": "web"}}, "spec": {"replicas": 3}},
            {"metadata": {"name": "b"}, "spec": {"replicas": 1}}
        ]});
        let t = |s: &str| execute(s, &list).unwrap();
        assert_eq!(t("{{range .items}}{{.metadata.name}} {{end}}"), "a b ");
        assert_eq!(t("{{(index .items 0).metadata.name}}"), "a");
        assert_eq!(t("{{len .items}}"), "2");
        assert_eq!(t("{{.nope}}"), "<no value>");
        assert_eq!(
            t("{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}}{{if gt $p.spec.replicas 1}}!{{else}}.{{end}};{{end}}"),
            "0=a!;1=b.;"
        );
        assert_eq!(
            t("{{range .items}}{{with .metadata.labels}}{{.app}}{{else}}none{{end}},{{end}}"),
            "web,none,"
        );
        assert_eq!(t("{{printf \"%-4s|%3d\" \"ab\" 7}}"), "ab  |  7");
        assert_eq!(t("{{if and .items (eq (len .items) 2)}}two{{end}}"), "two");
        assert_eq!(t("{{- \"x\" -}}\n  {{ \"y\" }}"), "xy");
        assert_eq!(t("{{$n := len .items}}{{$n}}"), "2");
        assert!(t("{{index .items 0 | printf \"%v\"}}").starts_with("map["));
        assert_eq!(t("{{\"aGk=\" | base64decode}}"), "hi");
        assert!(execute("{{.a", &list).is_err());
    }

    #[test]
    fn bad_characters_are_lexer_errors() {
        assert_eq!(
            parse_pipeline(".meta\u{92}ta.name").unwrap_err(),
            "bad character U+0092"
        );
        assert_eq!(
            parse_pipeline(".a\u{20ac}").unwrap_err(),
            "bad character U+20AC '\u{20ac}'"
        );
        assert!(parse_pipeline(".metadata.name").is_ok());
    }
}
