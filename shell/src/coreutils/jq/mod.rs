//! `jq` (1.7's common filters and options) and `yq` (mikefarah v4, reading
//! only) over the VFS: both parse the filter once, read every input value
//! (JSON stream, or YAML documents) and print each result.

mod eval;
mod parse;
mod paths;
mod value;
mod yaml;

use super::Ctx;
use eval::{Ev, Vars};
use parse::E;
use serde::Deserialize;
use value::{to_json, V};

/// What the filter and options are; shared by jq and yq.
struct Run {
    filter: E,
    vars: Vars,
}

/// Parses and checks the filter; the error is jq's compile message.
fn compile(src: &str, vars: &Vars) -> Result<E, String> {
    let e = parse::parse(src).map_err(|m| {
        if m.starts_with("syntax error") {
            format!("{} (Unix shell quoting issues?)", m)
        } else {
            m
        }
    })?;
    let names: Vec<String> = vars.iter().map(|(k, _)| k.clone()).collect();
    match eval::undefined(&e, &names) {
        Some(m) => Err(m),
        None => Ok(e),
    }
}

/// An error value as jq words it after `jq: error (at …)`.
fn err_text(v: &V) -> String {
    match v {
        V::Str(s) => format!(": {}", s),
        _ => format!(" (not a string): {}", to_json(v, None)),
    }
}

/// JSON values of a text, each with the line jq reports it at; a parse
/// error ends the stream with jq's `parse error: …` text.
fn json_values(text: &str) -> (Vec<(V, usize)>, Option<String>) {
    let mut out = Vec::new();
    let mut it = serde_json::Deserializer::from_str(text).into_iter::<V>();
    loop {
        match it.next() {
            None => return (out, None),
            Some(Ok(v)) => {
                let end = it.byte_offset();
                let mut line = text[..end].matches('\n').count();
                if text[end..].starts_with('\n') || end == text.len() && !text.ends_with('\n') {
                    line += 1;
                }
                out.push((v, line.max(1)));
            }
            Some(Err(e)) => {
                // jq's parser messages (src/jv_parse.c): EOF inside a value
                // versus anything else it cannot read.
                let msg = if e.is_eof() {
                    format!(
                        "Unfinished JSON term at EOF at line {}, column 0",
                        text.matches('\n').count() + 1
                    )
                } else {
                    bad_literal(text, e.line(), e.column())
                };
                return (out, Some(msg));
            }
        }
    }
}

/// jq reads a bare word as a literal and reports it where the word ends:
/// after its delimiter (`line 2, column 0` after a newline) or `at EOF`.
fn bad_literal(text: &str, line: usize, col: usize) -> String {
    let row = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let start = col.saturating_sub(1);
    let rest: Vec<char> = row.chars().skip(start).collect();
    let word = rest
        .iter()
        .take_while(|c| !c.is_whitespace() && !"[]{},:\"".contains(**c))
        .count()
        .max(1);
    let last_line = text.split('\n').count() == line;
    match rest.get(word) {
        Some(_) => format!(
            "Invalid numeric literal at line {}, column {}",
            line,
            start + word + 1
        ),
        None if !last_line => format!("Invalid numeric literal at line {}, column 0", line + 1),
        None => format!(
            "Invalid numeric literal at EOF at line {}, column {}",
            line,
            start + word
        ),
    }
}

pub fn jq(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (mut raw, mut join, mut compact, mut exit, mut null_in, mut slurp, mut tab) =
        (false, false, false, false, false, false, false);
    let mut indent = 2;
    let mut vars: Vars = Vec::new();
    let mut filter: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 1;
    let usage = "Usage:\tjq [OPTIONS] FILTER [FILES...]\n";
    while i < argv.len() {
        let a = argv[i].as_str();
        i += 1;
        if filter.is_some() && !a.starts_with('-') || a == "-" {
            files.push(a.to_string());
            continue;
        }
        if filter.is_none() && (!a.starts_with('-') || a.len() == 1) {
            filter = Some(a.to_string());
            continue;
        }
        match a {
            "--raw-output" => raw = true,
            "--join-output" => (raw, join) = (true, true),
            "--compact-output" => compact = true,
            "--exit-status" => exit = true,
            "--null-input" => null_in = true,
            "--slurp" => slurp = true,
            "--tab" => tab = true,
            "--sort-keys" | "--monochrome-output" | "--color-output" | "--ascii-output" => {}
            "--indent" => {
                indent = argv.get(i).and_then(|n| n.parse().ok()).unwrap_or(2).min(7);
                i += 1;
            }
            "--arg" | "--argjson" => {
                let (Some(n), Some(v)) = (argv.get(i), argv.get(i + 1)) else {
                    ctx.err(&format!(
                        "jq: {} takes two parameters (e.g. {} varname value)\n",
                        a, a
                    ));
                    return 2;
                };
                i += 2;
                let val = if a == "--arg" {
                    V::Str(v.clone())
                } else {
                    match serde_json::from_str::<V>(v) {
                        Ok(x) => x,
                        Err(_) => {
                            ctx.err(&format!(
                                "jq: invalid JSON text passed to --argjson\n{}",
                                usage
                            ));
                            return 2;
                        }
                    }
                };
                vars.push((n.clone(), val));
            }
            "--help" | "-h" => {
                ctx.out(usage);
                return 0;
            }
            "--version" => {
                ctx.out("jq-1.7.1\n");
                return 0;
            }
            s if s.starts_with('-') && !s.starts_with("--") => {
                for c in s[1..].chars() {
                    match c {
                        'r' => raw = true,
                        'j' => (raw, join) = (true, true),
                        'c' => compact = true,
                        'e' => exit = true,
                        'n' => null_in = true,
                        's' => slurp = true,
                        'S' | 'M' | 'C' | 'a' => {}
                        'h' => {
                            ctx.out(usage);
                            return 0;
                        }
                        _ => {
                            ctx.err(&format!("jq: Unknown option: {}\n{}", s, usage));
                            return 2;
                        }
                    }
                }
            }
            _ => {
                ctx.err(&format!("jq: Unknown option: {}\n{}", a, usage));
                return 2;
            }
        }
    }
    // jq 1.6+ (src/main.c) runs `.` when no filter is given and stdin or
    // stdout is not a terminal: `kubectl get pods -o json | jq`.
    let src = match filter {
        Some(f) => f,
        None if !ctx.tty || !ctx.stdin.is_empty() => ".".to_string(),
        None => {
            ctx.err(usage);
            return 2;
        }
    };
    let e = match compile(&src, &vars) {
        Ok(e) => e,
        Err(m) => {
            ctx.err(&format!(
                "jq: error: {} at <top-level>, line 1:\n{}\njq: 1 compile error\n",
                m, src
            ));
            return 3;
        }
    };
    let run = Run { filter: e, vars };
    // Every input value, with where it came from for error messages.
    let mut inputs: Vec<(V, String)> = Vec::new();
    let mut parse_err = None;
    let list = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files
    };
    let mut status = 0;
    if !null_in || slurp {
        for f in &list {
            let text = match ctx.read(f) {
                Ok(t) => t,
                Err(e) => {
                    ctx.err(&format!("jq: error: Could not open {}: {}\n", f, e.msg()));
                    status = 2;
                    continue;
                }
            };
            let name = if f == "-" {
                "<stdin>".to_string()
            } else {
                f.clone()
            };
            let (vs, perr) = json_values(&text);
            inputs.extend(vs.into_iter().map(|(v, l)| (v, format!("{}:{}", name, l))));
            if perr.is_some() {
                parse_err = perr;
                break;
            }
        }
    }
    if slurp {
        let all = V::Arr(inputs.drain(..).map(|(v, _)| v).collect());
        inputs.push((all, "<unknown>".into()));
    }
    if null_in {
        inputs = vec![(V::Null, "<unknown>".into())];
    }
    let ind = if compact {
        None
    } else if tab {
        Some(1)
    } else {
        Some(indent)
    };
    let mut last: Option<V> = None;
    let mut ev = Ev::new();
    for (v, at) in &inputs {
        match ev.run(&run.filter, v, &run.vars) {
            Ok(outs) => {
                for o in outs {
                    let mut s = match (&o, raw) {
                        (V::Str(s), true) => s.clone(),
                        _ => to_json(&o, ind),
                    };
                    if tab {
                        s = tabify(&s);
                    }
                    if !join {
                        s.push('\n');
                    }
                    ctx.out(&s);
                    last = Some(o);
                }
            }
            Err(x) => {
                ctx.err(&format!("jq: error (at {}){}\n", at, err_text(&x)));
                status = 5;
            }
        }
    }
    if let Some(m) = parse_err {
        // jq 1.7 prefixes the parser message with "jq: " (1.6 did not).
        ctx.err(&format!("jq: parse error: {}\n", m));
        return 2;
    }
    if status != 0 {
        return status;
    }
    if exit {
        return match last {
            None => 4,
            Some(v) if !v.truthy() => 1,
            Some(_) => 0,
        };
    }
    0
}

/// `--tab`: one tab per indent level instead of the single space.
fn tabify(s: &str) -> String {
    s.lines()
        .map(|l| {
            let n = l.len() - l.trim_start_matches(' ').len();
            format!("{}{}", "\t".repeat(n), &l[n..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// YAML documents of a text (yq reads JSON the same way).
fn yaml_docs(text: &str) -> Result<Vec<V>, String> {
    let mut out = Vec::new();
    for doc in serde_yaml::Deserializer::from_str(text) {
        out.push(V::deserialize(doc).map_err(|e| e.to_string())?);
    }
    Ok(out)
}

pub fn yq(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut json = false;
    let mut null_in = false;
    let mut filter: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 1;
    let mut first = true;
    while i < argv.len() {
        let a = argv[i].as_str();
        i += 1;
        if first && (a == "e" || a == "eval") {
            first = false;
            continue;
        }
        first = false;
        let fmt = match a {
            "-o" | "--output-format" => {
                i += 1;
                argv.get(i - 1).map(String::as_str)
            }
            _ => a
                .strip_prefix("-o=")
                .or_else(|| a.strip_prefix("--output-format="))
                .or_else(|| a.strip_prefix("-o").filter(|s| !s.is_empty())),
        };
        if let Some(f) = fmt {
            match f {
                "json" | "j" => json = true,
                "yaml" | "y" => json = false,
                _ => {
                    ctx.err(&format!("Error: unknown format '{}'\n", f));
                    return 1;
                }
            }
            continue;
        }
        match a {
            "-n" | "--null-input" => null_in = true,
            "-r" | "--unwrapScalar" | "-P" | "--prettyPrint" | "-M" | "-C" | "-e" => {}
            "-i" | "--inplace" => {
                ctx.err(
                    "Error: in-place editing is not supported in this playground (yq reads only)\n",
                );
                return 1;
            }
            "-h" | "--help" => {
                ctx.out("Usage:\n  yq [flags]\n  yq [command]\n");
                return 0;
            }
            "-V" | "--version" => {
                ctx.out("yq (https://github.com/mikefarah/yq/) version v4.44.3\n");
                return 0;
            }
            "-" => files.push(a.to_string()),
            s if s.starts_with('-') && s.len() > 1 => {
                ctx.err(&format!(
                    "Error: unknown shorthand flag: '{}' in {}\n",
                    s.chars().nth(1).unwrap_or('-'),
                    s
                ));
                return 1;
            }
            _ if filter.is_none() => filter = Some(a.to_string()),
            _ => files.push(a.to_string()),
        }
    }
    let src = filter.unwrap_or_else(|| ".".into());
    let e = match compile(&src, &Vec::new()) {
        Ok(e) => e,
        Err(m) => {
            ctx.err(&format!("Error: {}\n", m));
            return 1;
        }
    };
    let mut docs = Vec::new();
    if null_in {
        docs.push(V::Null);
    } else {
        let list = if files.is_empty() {
            vec!["-".to_string()]
        } else {
            files
        };
        for f in &list {
            let text = match ctx.read(f) {
                Ok(t) => t,
                Err(e) => {
                    ctx.err(&format!("Error: open {}: {}\n", f, e.msg().to_lowercase()));
                    return 1;
                }
            };
            match yaml_docs(&text) {
                Ok(d) => docs.extend(d),
                Err(m) => {
                    ctx.err(&format!("Error: bad file '{}': {}\n", f, m));
                    return 1;
                }
            }
        }
    }
    let mut ev = Ev::new();
    ev.lenient = true;
    for (n, d) in docs.iter().enumerate() {
        match ev.run(&e, d, &Vec::new()) {
            Ok(outs) => {
                if n > 0 && !json && !outs.is_empty() {
                    ctx.out("---\n");
                }
                for o in outs {
                    let s = if json {
                        to_json(&o, Some(2)) + "\n"
                    } else {
                        yaml::to_yaml(&o)
                    };
                    ctx.out(&s);
                }
            }
            Err(x) => {
                let m = match x {
                    V::Str(s) => s,
                    other => to_json(&other, None),
                };
                ctx.err(&format!("Error: {}\n", m));
                return 1;
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a filter over JSON text: (stdout lines as jq -c prints, error).
    fn jqc(filter: &str, input: &str) -> Result<Vec<String>, String> {
        super::tests_api::run(filter, input)
    }

    fn ok(filter: &str, input: &str) -> String {
        jqc(filter, input).unwrap().join(" ")
    }

    const PODS: &str = r#"{"items":[{"metadata":{"name":"a","labels":{"app":"web"}},"status":{"phase":"Running"}},{"metadata":{"name":"b"},"status":{"phase":"Pending"}}]}"#;

    #[test]
    fn paths() {
        assert_eq!(ok(".items[].metadata.name", PODS), r#""a" "b""#);
        assert_eq!(ok(".items[0].status.phase", PODS), r#""Running""#);
        assert_eq!(ok(".items[-1].metadata", PODS), r#"{"name":"b"}"#);
        assert_eq!(ok(r#".items[0].metadata.labels."app""#, PODS), r#""web""#);
        assert_eq!(ok(r#".["items"] | length"#, PODS), "2");
        assert_eq!(ok(".a?, .x.y", "{}"), "null null");
        assert_eq!(ok(".[1:]", "[1,2,3]"), "[2,3]");
        assert_eq!(ok(".[]?", "3"), "");
        assert_eq!(ok("..|numbers", "[1,[2]]"), "1 2");
    }

    #[test]
    fn select_map_and_construction() {
        assert_eq!(
            ok(
                r#".items[] | select(.status.phase == "Running") | .metadata.name"#,
                PODS
            ),
            r#""a""#
        );
        assert_eq!(
            ok(
                r#"[.items[] | select(.status.phase != "Running" and (.metadata.labels | not))] | length"#,
                PODS
            ),
            "1"
        );
        assert_eq!(
            ok(
                ".items | map({name: .metadata.name, phase: .status.phase})",
                PODS
            ),
            r#"[{"name":"a","phase":"Running"},{"name":"b","phase":"Pending"}]"#
        );
        assert_eq!(ok("{a, b: 2}", r#"{"a":1}"#), r#"{"a":1,"b":2}"#);
        assert_eq!(
            ok("keys, has(\"b\"), to_entries", r#"{"b":1,"a":2}"#),
            r#"["a","b"] true [{"key":"b","value":1},{"key":"a","value":2}]"#
        );
        assert_eq!(ok("first, last", "[1,2,3]"), "1 3");
        assert_eq!(ok(r#""\(.a)-\(.b)""#, r#"{"a":1,"b":"x"}"#), r#""1-x""#);
        assert_eq!(ok(".a // \"d\"", "{}"), r#""d""#);
        assert_eq!(ok("[.[] | . * 2] | add", "[1,2]"), "6");
        assert_eq!(
            ok("if . > 1 then \"big\" else \"small\" end", "2"),
            r#""big""#
        );
        assert_eq!(
            ok(
                ".data.password | @base64d",
                r#"{"data":{"password":"czNjcjN0"}}"#
            ),
            r#""s3cr3t""#
        );
        assert_eq!(ok("reduce .[] as $x (0; . + $x)", "[1,2,3]"), "6");
        assert_eq!(ok("sort_by(.n) | map(.n)", r#"[{"n":2},{"n":1}]"#), "[1,2]");
        assert_eq!(
            ok(".spec.replicas = 3 | .spec", r#"{"spec":{"replicas":1}}"#),
            r#"{"replicas":3}"#
        );
        assert_eq!(
            ok(".items[].x += 1", r#"{"items":[{"x":1},{"x":2}]}"#),
            r#"{"items":[{"x":2},{"x":3}]}"#
        );
        assert_eq!(
            ok(
                "del(.metadata.managedFields, .status)",
                r#"{"metadata":{"name":"a","managedFields":[]},"status":{}}"#
            ),
            r#"{"metadata":{"name":"a"}}"#
        );
        assert_eq!(ok("del(.[] | select(. > 1))", "[1,2,3,1]"), "[1,1]");
        assert_eq!(ok("[paths]", r#"{"a":[1]}"#), r#"[["a"],["a",0]]"#);
        assert_eq!(ok("try error(\"x\") catch .", "null"), r#""x""#);
    }

    #[test]
    fn errors_like_jq() {
        assert_eq!(
            jqc(".a.b", r#"{"a":1}"#),
            Err(r#": Cannot index number with "b""#.into())
        );
        assert_eq!(
            jqc(".[]", "5"),
            Err(": Cannot iterate over number (5)".into())
        );
        assert_eq!(
            jqc(".[0]", "{}"),
            Err(": Cannot index object with number".into())
        );
        assert_eq!(jqc("error({})", "1"), Err(" (not a string): {}".into()));
        assert_eq!(
            jqc(".a |", "1"),
            Err("syntax error, unexpected $end (Unix shell quoting issues?)".into())
        );
        assert_eq!(jqc("foo", "1"), Err("foo/0 is not defined".into()));
        assert_eq!(
            jqc(".", "{"),
            Err("Unfinished JSON term at EOF at line 1, column 0".into())
        );
        assert_eq!(
            jqc(".", "NAME   READY\n"),
            Err("Invalid numeric literal at line 1, column 5".into())
        );
        assert_eq!(
            jqc(".", "{\"a\":1} xx\n"),
            Err("Invalid numeric literal at line 2, column 0".into())
        );
        assert_eq!(
            jqc(".", "abc"),
            Err("Invalid numeric literal at EOF at line 1, column 3".into())
        );
    }

    #[test]
    fn hostile_input_is_bounded() {
        let deep = "[".repeat(100_000);
        assert!(jqc(".", &deep).is_err());
        assert!(jqc("reduce range(0;100000) as $i (null; [.])", "null").is_err());
        assert!(jqc("[range(1e9)]", "null").is_err());
        assert!(jqc(r#""x" * 1e12"#, "null").is_err());
        assert!(jqc("[.[]|.[]|.[]|.[]]", "[[[[1]]]]").is_ok());
        assert!(yaml_docs(&"- ".repeat(100_000)).is_err());
        assert!(jqc("getpath([range(100000) | \"a\"]) = 1", "null").is_err());
        assert_eq!(ok(".[nan], .[-0.5]", "[]"), "null null");
        assert!(jqc(".", &"{\"a\":".repeat(1000)).is_err());
        assert!(yaml_docs("a: [").is_err());
        let _ = yaml_docs("a: !Foo x\nb: &x [1]\nc: *x\n? [1]\n: 2\n");
        let laughs = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(yaml_docs(laughs).is_err());
    }

    /// A cheap deterministic fuzz: every pair and many triples of filter
    /// fragments over odd inputs must return, never panic.
    #[test]
    fn fragment_combinations_never_panic() {
        let frags = [
            ".",
            "..",
            ".a",
            ".[",
            "]",
            "[]",
            ".[0]",
            ".[-1]",
            "|",
            ",",
            "(",
            ")",
            "{",
            "}",
            ":",
            "a",
            "$x",
            "\"s\"",
            "\"\\(",
            "1",
            "-",
            "+",
            "*",
            "/",
            "%",
            "==",
            "<",
            "and",
            "or",
            "not",
            "?",
            "//",
            "=",
            "|=",
            "+=",
            "select(",
            "map(",
            "keys",
            "length",
            "to_entries",
            "from_entries",
            "del(",
            "paths",
            "if",
            "then",
            "else",
            "end",
            "reduce",
            "as",
            "try",
            "catch",
            "@base64d",
            "@csv",
            "[.[]?]",
            ".[1:]",
            "nan",
            "infinite",
            "range(3)",
            ";",
        ];
        let inputs = [
            "null",
            "1",
            "\"abc\"",
            "[1,[2,{\"a\":null}]]",
            "{\"a\":{\"b\":[true]}}",
            "[]",
            "{}",
        ];
        let mut n = 0;
        for a in frags {
            for b in frags {
                for (k, c) in frags.iter().enumerate() {
                    if k % 7 != n % 7 && !(a.len() == 1 && b.len() == 1) {
                        continue;
                    }
                    n += 1;
                    let f = format!("{} {}{}", a, b, c);
                    for i in inputs {
                        let _ = jqc(&f, i);
                    }
                }
            }
        }
        assert!(n > 1000);
    }

    #[test]
    fn yaml_keeps_order() {
        let d = yaml_docs("b: 1\na:\n  - x\n  - y: 2\n").unwrap();
        assert_eq!(to_json(&d[0], None), r#"{"b":1,"a":["x",{"y":2}]}"#);
    }
}

#[cfg(test)]
/// Runs a filter over JSON text as `jq -c` would, for the unit tests.
mod tests_api {
    use super::*;
    pub fn run(filter: &str, input: &str) -> Result<Vec<String>, String> {
        let e = compile(filter, &Vec::new())?;
        let (vs, perr) = json_values(input);
        if let Some(p) = perr {
            return Err(p);
        }
        let mut out = Vec::new();
        for (v, _) in vs {
            for o in Ev::new()
                .run(&e, &v, &Vec::new())
                .map_err(|x| err_text(&x))?
            {
                out.push(to_json(&o, None));
            }
        }
        Ok(out)
    }
}
