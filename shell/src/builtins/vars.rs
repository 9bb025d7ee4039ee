//! Builtins about names: variables (export, unset, local, declare, set,
//! shift, let) and aliases.

use super::quote_single;
use crate::exec::Exec;
use crate::lexer::is_name;

fn declare_quote(v: &str) -> String {
    let mut s = String::from("\"");
    for c in v.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('"');
    s
}

/// The elements of an array value as the expansion quoted them (or as a
/// user wrote them in a quoted string): blanks separate, quotes group,
/// a backslash takes the next character.
fn unquote_list(s: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                let next = chars.next().unwrap_or('\\');
                cur.get_or_insert_with(String::new).push(next);
            }
            (Some(_), c) => cur.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.get_or_insert_with(String::new);
            }
            (None, '\\') => {
                let next = chars.next().unwrap_or('\\');
                cur.get_or_insert_with(String::new).push(next);
            }
            (None, c) if c.is_whitespace() => out.extend(cur.take()),
            (None, c) => cur.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(cur);
    out
}

fn invalid_ident(ex: &mut Exec, name: &str, arg: &str) {
    ex.err(&format!(
        "bash: {}: `{}': not a valid identifier\n",
        name, arg
    ));
}

pub fn export(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut unexport = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-n" => unexport = true,
            "-p" | "-f" => {}
            "--" => {
                i += 1;
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let opt: String = s.chars().take(2).collect();
                return super::invalid_option(
                    ex,
                    "export",
                    &opt,
                    "export [-fn] [name[=value] ...] or export -p",
                );
            }
            _ => break,
        }
        i += 1;
    }
    if i >= argv.len() {
        let mut out = String::new();
        for (k, v) in &ex.sh.env {
            out.push_str(&format!("declare -x {}={}\n", k, declare_quote(v)));
        }
        ex.out(&out);
        return 0;
    }
    let mut st = 0;
    for a in &argv[i..] {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        if !is_name(name) {
            // bash names an element without its value.
            let shown = if crate::lexer::subscripted(name).is_some() {
                name
            } else {
                a
            };
            invalid_ident(ex, "export", shown);
            st = 1;
            continue;
        }
        if unexport {
            if let Some(v) = ex.sh.env.remove(name) {
                ex.sh.vars.insert(name.to_string(), v);
            }
        } else {
            ex.export_var(name, value);
        }
    }
    st
}

pub fn unset(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut funcs = false;
    let mut st = 0;
    for a in &argv[1..] {
        match a.as_str() {
            "-f" => funcs = true,
            "-v" => funcs = false,
            "-n" => {}
            n => {
                if funcs {
                    ex.sh.funcs.remove(n);
                } else if !is_name(n) && crate::lexer::subscripted(n).is_none() {
                    invalid_ident(ex, "unset", n);
                    st = 1;
                } else if ex.sh.readonly.contains(n) {
                    ex.err(&format!(
                        "bash: unset: {n}: cannot unset: readonly variable\n"
                    ));
                    st = 1;
                } else if ex.get_var(n).is_some()
                    || crate::lexer::subscripted(n).is_some_and(|(base, _)| {
                        ex.sh.arrays.contains_key(base) || ex.is_assoc(base)
                    })
                    || ex.sh.integers.contains(n)
                    || ex.sh.arrays.contains_key(n)
                    || ex.is_assoc(n)
                {
                    ex.unset_var(n);
                } else {
                    ex.sh.funcs.remove(n);
                }
            }
        }
    }
    st
}

pub fn set(ex: &mut Exec, argv: &[String]) -> i32 {
    if argv.len() == 1 {
        let mut all: Vec<(String, String)> = ex
            .sh
            .env
            .iter()
            .chain(ex.sh.vars.iter())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        all.sort();
        let mut out = String::new();
        for (k, v) in all {
            let q = if v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_.-:+,@%".contains(c))
                && !v.is_empty()
            {
                v
            } else {
                quote_single(&v)
            };
            out.push_str(&format!("{}={}\n", k, q));
        }
        // Then the functions, as `declare -f` prints them.
        for (name, f) in &ex.sh.funcs {
            out.push_str(&crate::deparse::function(name, &f.body));
            out.push('\n');
        }
        ex.out(&out);
        return 0;
    }
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        let on = a.starts_with('-');
        if a == "--" || a == "-" {
            ex.sh.positional = argv[i + 1..].to_vec();
            return 0;
        }
        if !(on || a.starts_with('+')) {
            ex.sh.positional = argv[i..].to_vec();
            return 0;
        }
        for c in a[1..].chars() {
            match c {
                'e' => ex.sh.opts.errexit = on,
                'x' => ex.sh.opts.xtrace = on,
                'u' => ex.sh.opts.nounset = on,
                'o' => {
                    i += 1;
                    match argv.get(i).map(|s| s.as_str()) {
                        Some("pipefail") => ex.sh.opts.pipefail = on,
                        Some("errexit") => ex.sh.opts.errexit = on,
                        Some("xtrace") => ex.sh.opts.xtrace = on,
                        Some("nounset") => ex.sh.opts.nounset = on,
                        Some(
                            "vi" | "emacs" | "noclobber" | "history" | "monitor" | "notify"
                            | "noglob" | "posix" | "allexport" | "hashall",
                        ) => {}
                        None => {
                            let o = ex.sh.opts.clone();
                            let mut out = String::new();
                            for (n, v) in [
                                ("errexit", o.errexit),
                                ("nounset", o.nounset),
                                ("pipefail", o.pipefail),
                                ("xtrace", o.xtrace),
                            ] {
                                out.push_str(&format!(
                                    "{:<15}\t{}\n",
                                    n,
                                    if v { "on" } else { "off" }
                                ));
                            }
                            ex.out(&out);
                        }
                        Some(other) => {
                            ex.err(&format!("bash: set: {}: invalid option name\n", other));
                            return 1;
                        }
                    }
                }
                'a' | 'b' | 'f' | 'h' | 'k' | 'm' | 'n' | 'p' | 't' | 'v' | 'B' | 'C' | 'E'
                | 'H' | 'P' | 'T' => {}
                other => {
                    return super::invalid_option(
                        ex,
                        "set",
                        &format!("{}{}", &a[..1], other),
                        "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
                    );
                }
            }
        }
        i += 1;
    }
    0
}

pub fn shift(ex: &mut Exec, argv: &[String]) -> i32 {
    let n = match argv.get(1) {
        None => 1,
        Some(a) => match a.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                ex.err(&format!("bash: shift: {}: numeric argument required\n", a));
                return 1;
            }
        },
    };
    if n > ex.sh.positional.len() {
        return 1;
    }
    ex.sh.positional.drain(..n);
    0
}

fn assign_words(ex: &mut Exec, name: &str, args: &[String], local: bool, export: bool) -> i32 {
    let mut st = 0;
    for a in args {
        if a.starts_with('-') || a.starts_with('+') {
            continue;
        }
        let (n, v) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let n = n.strip_suffix('+').unwrap_or(n);
        // `declare a[$i]=x` and `local` set an element; export refuses it.
        if let Some((base, _)) = crate::lexer::subscripted(n).filter(|(b, _)| is_name(b)) {
            if !matches!(name, "declare" | "typeset" | "local") {
                invalid_ident(ex, name, n);
                st = 1;
                continue;
            }
            if local {
                ex.make_local(base);
            }
            if let Some(v) = v {
                ex.set_var(n, v);
            }
            continue;
        }
        if !is_name(n) {
            invalid_ident(ex, name, a);
            st = 1;
            continue;
        }
        if local {
            ex.make_local(n);
            if v.is_none() {
                // `local x` makes x unset-but-declared: empty is close enough.
                ex.set_var(n, String::new());
            }
        }
        match v {
            // `declare -a a=(x y)` / `local a=(x y)`: an array value.
            Some(v) if v.starts_with('(') && v.ends_with(')') => {
                ex.set_array(n, unquote_list(&v[1..v.len() - 1]), false);
            }
            Some(v) => ex.set_var(n, v),
            None => {}
        }
        if export {
            ex.export_var(n, None);
        }
    }
    st
}

pub fn local(ex: &mut Exec, argv: &[String]) -> i32 {
    if !ex.in_function() {
        ex.err("bash: local: can only be used in a function\n");
        return 1;
    }
    assign_words(ex, "local", &argv[1..], true, false)
}

pub fn declare(ex: &mut Exec, argv: &[String]) -> i32 {
    let name = argv[0].clone();
    let flags: String = argv[1..]
        .iter()
        .filter(|a| a.starts_with('-'))
        .flat_map(|a| a.chars().skip(1))
        .collect();
    let names: Vec<&String> = argv[1..].iter().filter(|a| !a.starts_with('-')).collect();
    if flags.contains('f') || flags.contains('F') {
        let mut out = String::new();
        let mut st = 0;
        let list: Vec<String> = if names.is_empty() {
            ex.sh.funcs.keys().cloned().collect()
        } else {
            names.iter().map(|s| s.to_string()).collect()
        };
        for n in list {
            match ex.sh.funcs.get(&n) {
                // `declare -F` lists `declare -f name`; `declare -F name`
                // only says the name.
                Some(_) if flags.contains('F') && names.is_empty() => {
                    out.push_str(&format!("declare -f {}\n", n))
                }
                Some(_) if flags.contains('F') => out.push_str(&format!("{}\n", n)),
                Some(f) => out.push_str(&format!("{}\n", crate::deparse::function(&n, &f.body))),
                None => st = 1,
            }
        }
        ex.out(&out);
        return st;
    }
    if flags.contains('p') || (names.is_empty() && argv.len() == 1) {
        let mut out = String::new();
        let mut st = 0;
        let list: Vec<String> = if names.is_empty() {
            let mut v: Vec<String> = ex.sh.env.keys().chain(ex.sh.vars.keys()).cloned().collect();
            v.sort();
            v
        } else {
            names.iter().map(|s| s.to_string()).collect()
        };
        for n in list {
            let attrs = attributes(ex, &n);
            if let Some(m) = ex.sh.assocs.get(&n) {
                // bash leaves a space before the closing parenthesis.
                let items: String = m
                    .entries()
                    .into_iter()
                    .map(|(k, v)| format!("[{}]={} ", crate::assoc::shown_key(k), declare_quote(v)))
                    .collect();
                match m.is_empty() {
                    true => out.push_str(&format!("declare {attrs} {n}\n")),
                    false => out.push_str(&format!("declare {attrs} {n}=({items})\n")),
                }
                continue;
            }
            if let Some(a) = ex.sh.arrays.get(&n) {
                let items: Vec<String> = a
                    .iter()
                    .map(|(i, v)| format!("[{i}]={}", declare_quote(v)))
                    .collect();
                out.push_str(&format!("declare {attrs} {n}=({})\n", items.join(" ")));
                continue;
            }
            match ex.get_var(&n) {
                Some(v) => out.push_str(&format!("declare {attrs} {n}={}\n", declare_quote(&v))),
                // Declared with an attribute, never given a value.
                None if attrs != "--" => out.push_str(&format!("declare {attrs} {n}\n")),
                None => {
                    ex.err(&format!("bash: {}: {}: not found\n", name, n));
                    st = 1;
                }
            }
        }
        ex.out(&out);
        return st;
    }
    let args: Vec<String> = names.into_iter().cloned().collect();
    mark_integers(ex, argv);
    if flags.contains('A') {
        make_assocs(ex, &args);
    }
    let local = ex.in_function() && !flags.contains('g');
    let st = assign_words(ex, &name, &args, local, flags.contains('x'));
    // A readonly local would outlive its function here: only globals.
    if flags.contains('r') && !local {
        mark_readonly(ex, &args);
    }
    st
}

pub fn readonly(ex: &mut Exec, argv: &[String]) -> i32 {
    let st = assign_words(ex, "readonly", &argv[1..], false, false);
    mark_readonly(ex, &argv[1..]);
    st
}

/// `declare -i NAME...` gives the names the integer attribute (before
/// their values are assigned), `declare +i` takes it away.
fn mark_integers(ex: &mut Exec, argv: &[String]) {
    let attr = |sign: char| {
        argv[1..].iter().any(|a| {
            a.starts_with(sign)
                && a.len() > 1
                && a[1..].chars().all(|c| c.is_ascii_alphabetic())
                && a.contains('i')
        })
    };
    let (on, off) = (attr('-'), attr('+'));
    for w in argv[1..].iter().filter(|w| !w.starts_with(['-', '+'])) {
        let name = w.split('=').next().unwrap_or("").trim_end_matches('+');
        if !is_name(name) {
            continue;
        }
        if on {
            ex.sh.integers.insert(name.to_string());
        } else if off {
            ex.sh.integers.remove(name);
        }
    }
}

/// `declare -A NAME...`: the names become (empty) associative arrays
/// unless they are already.
fn make_assocs(ex: &mut Exec, words: &[String]) {
    for w in words {
        let name = w.split('=').next().unwrap_or("").trim_end_matches('+');
        if is_name(name) && !ex.is_assoc(name) {
            ex.sh.vars.remove(name);
            ex.sh.arrays.remove(name);
            ex.sh.assocs.insert(name.to_string(), Default::default());
        }
    }
}

/// `declare -p`'s attribute letters, in bash's order.
fn attributes(ex: &Exec, name: &str) -> String {
    let mut f = String::new();
    if ex.sh.arrays.contains_key(name) {
        f.push('a');
    }
    if ex.is_assoc(name) {
        f.push('A');
    }
    if ex.sh.integers.contains(name) {
        f.push('i');
    }
    if ex.sh.readonly.contains(name) {
        f.push('r');
    }
    if ex.sh.env.contains_key(name) {
        f.push('x');
    }
    if f.is_empty() {
        "--".into()
    } else {
        format!("-{f}")
    }
}

/// The names of `NAME[=value]` words become readonly.
fn mark_readonly(ex: &mut Exec, words: &[String]) {
    for w in words.iter().filter(|w| !w.starts_with('-')) {
        let name = w.split('=').next().unwrap_or("").trim_end_matches('+');
        if is_name(name) {
            ex.sh.readonly.insert(name.to_string());
        }
    }
}

pub fn let_(ex: &mut Exec, argv: &[String]) -> i32 {
    if argv.len() < 2 {
        ex.err("bash: let: expression expected\n");
        return 1;
    }
    let mut last = 0;
    for a in &argv[1..] {
        match crate::arith::eval(a, ex) {
            Ok(v) => last = v,
            Err(e) => {
                ex.err(&format!("bash: let: {}\n", e));
                return 1;
            }
        }
    }
    if last != 0 {
        0
    } else {
        1
    }
}

pub fn alias(ex: &mut Exec, argv: &[String]) -> i32 {
    let args: Vec<&String> = argv[1..].iter().filter(|a| a.as_str() != "-p").collect();
    if args.is_empty() {
        let mut out = String::new();
        for (k, v) in &ex.sh.aliases {
            out.push_str(&format!("alias {}={}\n", k, quote_single(v)));
        }
        ex.out(&out);
        return 0;
    }
    let mut st = 0;
    for a in args {
        match a.split_once('=') {
            Some((n, v)) => {
                if n.is_empty() || n.contains(['/', '$', '`', '\'', '"', ' ']) {
                    ex.err(&format!("bash: alias: `{}': invalid alias name\n", n));
                    st = 1;
                } else {
                    ex.sh.aliases.insert(n.to_string(), v.to_string());
                }
            }
            None => match ex.sh.aliases.get(a.as_str()).cloned() {
                Some(v) => ex.out(&format!("alias {}={}\n", a, quote_single(&v))),
                None => {
                    ex.err(&format!("bash: alias: {}: not found\n", a));
                    st = 1;
                }
            },
        }
    }
    st
}

pub fn unalias(ex: &mut Exec, argv: &[String]) -> i32 {
    if argv.len() < 2 {
        ex.err("unalias: usage: unalias [-a] name [name ...]\n");
        return 2;
    }
    let mut st = 0;
    for a in &argv[1..] {
        if a == "-a" {
            ex.sh.aliases.clear();
            continue;
        }
        if ex.sh.aliases.remove(a.as_str()).is_none() {
            ex.err(&format!("bash: unalias: {}: not found\n", a));
            st = 1;
        }
    }
    st
}
