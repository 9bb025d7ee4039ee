//! Builtins that steer execution: loops and functions (break, continue,
//! return, exit), running text (eval, source, bash -c) and running other
//! commands (command, env, xargs).

use crate::exec::{Exec, Flow};

fn count_arg(ex: &mut Exec, name: &str, arg: Option<&String>) -> Result<u32, Flow> {
    match arg {
        None => Ok(1),
        Some(a) => match a.parse::<i64>() {
            Ok(n) if n >= 1 => Ok(n.min(u32::MAX as i64) as u32),
            Ok(_) => {
                ex.err(&format!("bash: {}: {}: loop count out of range\n", name, a));
                ex.set_status(1);
                Err(Flow::Next)
            }
            Err(_) => {
                ex.err(&format!(
                    "bash: {}: {}: numeric argument required\n",
                    name, a
                ));
                ex.set_status(128);
                Err(Flow::Next)
            }
        },
    }
}

pub fn break_continue(ex: &mut Exec, argv: &[String]) -> Flow {
    let name = argv[0].as_str();
    if ex.loop_depth == 0 {
        ex.err(&format!(
            "bash: {}: only meaningful in a `for', `while', or `until' loop\n",
            name
        ));
        ex.set_status(0);
        return Flow::Next;
    }
    let n = match count_arg(ex, name, argv.get(1)) {
        Ok(n) => n.min(ex.loop_depth),
        Err(f) => return f,
    };
    ex.set_status(0);
    if name == "break" {
        Flow::Break(n)
    } else {
        Flow::Continue(n)
    }
}

fn status_arg(ex: &mut Exec, name: &str, arg: Option<&String>) -> Option<i32> {
    match arg {
        None => Some(ex.status()),
        Some(a) => match a.trim().parse::<i64>() {
            Ok(n) => Some((n & 0xff) as i32),
            Err(_) => {
                ex.err(&format!(
                    "bash: {}: {}: numeric argument required\n",
                    name, a
                ));
                None
            }
        },
    }
}

pub fn return_(ex: &mut Exec, argv: &[String]) -> Flow {
    if !ex.in_function() && ex.nest <= 1 {
        ex.err("bash: return: can only `return' from a function or sourced script\n");
        ex.set_status(2);
        return Flow::Next;
    }
    let st = status_arg(ex, "return", argv.get(1)).unwrap_or(2);
    ex.set_status(st);
    Flow::Return
}

/// `exit` does not close the playground's terminal: it ends the current
/// input (or subshell / script) with the given status.
pub fn exit(ex: &mut Exec, argv: &[String]) -> Flow {
    if ex.nest <= 1 && ex.sub_depth == 0 {
        // What an interactive bash says on its way out.
        ex.err("exit\n");
    }
    let st = status_arg(ex, "exit", argv.get(1)).unwrap_or(2);
    ex.set_status(st);
    if ex.sub_depth == 0 {
        super::trap::run_exit_trap(ex);
    }
    Flow::Exit
}

pub fn eval(ex: &mut Exec, argv: &[String]) -> Flow {
    let text = argv[1..].join(" ");
    ex.set_status(0);
    let f = ex.run_script(&text, false);
    match f {
        Flow::Exit => Flow::Exit,
        Flow::Return => Flow::Return,
        Flow::Break(n) => Flow::Break(n),
        Flow::Continue(n) => Flow::Continue(n),
        _ => Flow::Next,
    }
}

pub fn source(ex: &mut Exec, argv: &[String]) -> Flow {
    let name = argv[0].as_str();
    let Some(file) = argv.get(1) else {
        ex.err(&format!(
            "bash: {}: filename argument required\n{}: usage: {} filename [arguments]\n",
            name, name, name
        ));
        ex.set_status(2);
        return Flow::Next;
    };
    let path = ex.resolve(file);
    let text = match ex.sh.vfs.read_checked(&path) {
        Ok(t) => t.to_string(),
        Err(e) => {
            ex.err(&format!("bash: {}: {}\n", file, e.msg()));
            ex.set_status(1);
            return Flow::Next;
        }
    };
    let saved = if argv.len() > 2 {
        Some(std::mem::replace(&mut ex.sh.positional, argv[2..].to_vec()))
    } else {
        None
    };
    ex.set_status(0);
    let f = ex.run_script(&text, false);
    if let Some(p) = saved {
        ex.sh.positional = p;
    }
    match f {
        Flow::Exit => Flow::Exit,
        _ => Flow::Next,
    }
}

/// `command`, `builtin` and `exec`: run a command skipping functions.
pub fn command(ex: &mut Exec, argv: &[String]) -> Flow {
    let name = argv[0].as_str();
    let mut i = 1;
    let mut describe = false;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-v" | "-V" if name == "command" => describe = true,
            "-p" if name == "command" => {}
            "--" => {
                i += 1;
                break;
            }
            _ => break,
        }
        i += 1;
    }
    let rest = &argv[i.min(argv.len())..];
    if rest.is_empty() {
        ex.set_status(0);
        return Flow::Next;
    }
    if describe {
        let mut st = 0;
        for n in rest {
            match super::info::resolve_name(ex, n) {
                Some(super::info::Found::Alias(v)) => {
                    ex.out(&format!("alias {}={}\n", n, super::quote_single(&v)))
                }
                Some(super::info::Found::File(p)) => ex.out(&format!("{}\n", p)),
                Some(_) => ex.out(&format!("{}\n", n)),
                None => st = 1,
            }
        }
        ex.set_status(st);
        return Flow::Next;
    }
    if name == "builtin" {
        return match super::lookup(&rest[0]) {
            Some(b) => {
                let st = b(ex, rest);
                ex.set_status(st);
                Flow::Next
            }
            None => match super::run_special(ex, rest) {
                Some(f) => f,
                None => {
                    ex.err(&format!(
                        "bash: builtin: {}: not a shell builtin\n",
                        rest[0]
                    ));
                    ex.set_status(1);
                    Flow::Next
                }
            },
        };
    }
    if let Some(f) = super::run_special(ex, rest) {
        return f;
    }
    if let Some(b) = super::lookup(&rest[0]) {
        let st = b(ex, rest);
        ex.set_status(st);
        return Flow::Next;
    }
    ex.run_external(rest, &[])
}

const KILL_USAGE: &str = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";

/// bash's kill: `-l` lists or translates signals; `-s SIG`, `-n N`,
/// `-SIG` choose one; jobs (`%1`, a job's pid) and the shell itself are
/// the processes there are.
pub fn kill(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut signal = 15;
    let mut i = 1;
    let bad = |ex: &mut Exec, spec: &str| {
        ex.err(&format!(
            "bash: kill: {spec}: invalid signal specification\n"
        ));
        1
    };
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "--" => {
                i += 1;
                break;
            }
            "-l" | "-L" => return list_signals(ex, &argv[i + 1..]),
            "-s" | "-n" => {
                let Some(spec) = argv.get(i + 1) else {
                    ex.err(&format!("bash: kill: {a}: option requires an argument\n"));
                    return 1;
                };
                match crate::signals::number(spec) {
                    Some(n) => signal = n,
                    None => return bad(ex, spec),
                }
                i += 2;
                continue;
            }
            s if s.len() > 1 && s.starts_with('-') => match crate::signals::number(&s[1..]) {
                Some(n) => signal = n,
                None if s == "-0" => signal = 0,
                None => return bad(ex, &s[1..]),
            },
            _ => break,
        }
        i += 1;
    }
    let args = &argv[i..];
    if args.is_empty() {
        ex.err(KILL_USAGE);
        return 2;
    }
    let mut status = 0;
    for a in args {
        // An interactive shell ignores TERM; its own pid is there.
        if a == "4242" {
            continue;
        }
        if a.starts_with('%') || a.chars().all(|c| c.is_ascii_digit()) {
            if let Err(e) = ex.kill_job_spec(a, signal) {
                ex.err(&e);
                status = 1;
            }
        } else {
            status = 1;
            ex.err(&format!(
                "bash: kill: {}: arguments must be process or job IDs\n",
                a
            ));
        }
    }
    status
}

/// `kill -l [SIG...]`: the table, or each name as its number and each
/// number (or exit status past 128) as its name.
fn list_signals(ex: &mut Exec, specs: &[String]) -> i32 {
    if specs.is_empty() {
        ex.out(&crate::signals::table());
        return 0;
    }
    let mut status = 0;
    for spec in specs {
        let answer = match spec.parse::<i32>() {
            Ok(0) => Some("EXIT".to_string()),
            Ok(n) => crate::signals::name(if n > 128 { n - 128 } else { n }),
            Err(_) if spec.eq_ignore_ascii_case("EXIT") => Some("0".into()),
            Err(_) => crate::signals::number(spec).map(|n| n.to_string()),
        };
        match answer {
            Some(a) => ex.out(&format!("{a}\n")),
            None => {
                ex.err(&format!(
                    "bash: kill: {spec}: invalid signal specification\n"
                ));
                status = 1;
            }
        }
    }
    status
}

pub fn env(ex: &mut Exec, argv: &[String], temp: &[(String, String)]) -> Flow {
    let mut i = 1;
    let mut clear = false;
    let mut unset = Vec::new();
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-i" | "-" => clear = true,
            "-u" => {
                i += 1;
                if let Some(n) = argv.get(i) {
                    unset.push(n.clone());
                }
            }
            "--" => {
                i += 1;
                break;
            }
            _ => break,
        }
        i += 1;
    }
    let mut sets: Vec<(String, String)> = temp.to_vec();
    while let Some(a) = argv.get(i) {
        match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => sets.push((k.to_string(), v.to_string())),
            _ => break,
        }
        i += 1;
    }
    if i >= argv.len() {
        let mut env = if clear {
            Default::default()
        } else {
            ex.sh.env.clone()
        };
        for u in &unset {
            env.remove(u);
        }
        for (k, v) in sets {
            env.insert(k, v);
        }
        let mut out = String::new();
        for (k, v) in &env {
            out.push_str(&format!("{}={}\n", k, v));
        }
        ex.out(&out);
        ex.set_status(0);
        return Flow::Next;
    }
    let saved_env = ex.sh.env.clone();
    if clear {
        ex.sh.env.clear();
    }
    for u in &unset {
        ex.sh.env.remove(u);
    }
    let rest = argv[i..].to_vec();
    let f = ex.exec_program(&rest, &sets);
    ex.sh.env = saved_env;
    f.unwrap_or_else(|e| {
        ex.err(&format!("env: ‘{}’: {}\n", rest[0], e.msg()));
        ex.set_status(e.status());
        Flow::Next
    })
}

pub fn xargs(ex: &mut Exec, argv: &[String]) -> Flow {
    let mut i = 1;
    let mut max_args: Option<usize> = None;
    let mut replace: Option<String> = None;
    let mut delim: Option<char> = None;
    let mut no_run_empty = false;
    let mut trace = false;
    let mut max_lines: Option<usize> = None;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-n" => {
                i += 1;
                max_args = argv.get(i).and_then(|s| s.parse().ok());
            }
            "-L" => {
                i += 1;
                max_lines = argv.get(i).and_then(|s| s.parse().ok());
            }
            s if s.starts_with("-L") && s.len() > 2 => max_lines = s[2..].parse().ok(),
            "-i" => replace = Some("{}".into()),
            "-P" => i += 1,
            s if s.starts_with("-P") => {}
            "-t" | "--verbose" => trace = true,
            "-I" => {
                i += 1;
                replace = argv.get(i).cloned();
            }
            "-0" => delim = Some('\0'),
            "-d" => {
                i += 1;
                delim = argv.get(i).and_then(|s| s.chars().next());
            }
            "-r" | "--no-run-if-empty" => no_run_empty = true,
            "-p" => {}
            s if s.starts_with("-n") && s.len() > 2 => max_args = s[2..].parse().ok(),
            s if s.starts_with("-I") && s.len() > 2 => replace = Some(s[2..].to_string()),
            _ => break,
        }
        i += 1;
    }
    let cmd: Vec<String> = if i < argv.len() {
        argv[i..].to_vec()
    } else {
        vec!["echo".into()]
    };
    let input = ex.take_stdin();
    let items: Vec<String> = match (delim, &replace) {
        (Some(d), _) => input
            .split(d)
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        (None, Some(_)) => input
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        (None, None) => split_xargs(&input),
    };
    if items.is_empty() && (no_run_empty || replace.is_some()) {
        ex.set_status(0);
        return Flow::Next;
    }
    let mut runs: Vec<Vec<String>> = Vec::new();
    if let Some(r) = &replace {
        for it in &items {
            runs.push(cmd.iter().map(|c| c.replace(r.as_str(), it)).collect());
        }
    } else if let Some(n) = max_lines.filter(|_| delim.is_none()) {
        // -L N: the arguments of N input lines per command.
        let per_line: Vec<Vec<String>> = input
            .lines()
            .map(split_xargs)
            .filter(|l| !l.is_empty())
            .collect();
        for group in per_line.chunks(n.max(1)) {
            let mut c = cmd.clone();
            c.extend(group.iter().flatten().cloned());
            runs.push(c);
        }
    } else {
        let chunk = max_args.unwrap_or(usize::MAX).max(1);
        if items.is_empty() {
            runs.push(cmd.clone());
        }
        for group in items.chunks(chunk.min(items.len().max(1))) {
            let mut c = cmd.clone();
            c.extend(group.iter().cloned());
            runs.push(c);
        }
    }
    let mut worst = 0;
    let saved_input = ex.fds.input;
    ex.fds.input = None;
    for r in runs {
        if ex.dead {
            break;
        }
        if trace {
            ex.err(&format!("{}\n", r.join(" ")));
        }
        let f = match ex.exec_program(&r, &[]) {
            Ok(f) => f,
            Err(e) => {
                ex.err(&format!("xargs: {}: {}\n", r[0], e.msg()));
                worst = e.status();
                break;
            }
        };
        if f == Flow::Exit {
            break;
        }
        let st = ex.status();
        if st == 127 {
            worst = 127;
            break;
        }
        if st != 0 {
            worst = 123;
        }
    }
    ex.fds.input = saved_input;
    ex.set_status(worst);
    Flow::Next
}

/// xargs's default splitting: blanks and newlines, with simple quoting.
fn split_xargs(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut quote: Option<char> = None;
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    has = true;
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                        has = true;
                    }
                }
                c if c.is_whitespace() => {
                    if has {
                        out.push(std::mem::take(&mut cur));
                        has = false;
                    }
                }
                c => {
                    cur.push(c);
                    has = true;
                }
            },
        }
    }
    if has {
        out.push(cur);
    }
    out
}

/// `bash -c 'cmd'`, `bash script.sh args`, or `bash` reading stdin.
/// `bash --version` on the node (Ubuntu 22.04's bash).
const BASH_VERSION_TEXT: &str = "GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2020 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n";

pub fn bash(ex: &mut Exec, argv: &[String]) -> Flow {
    let mut i = 1;
    let mut xtrace = false;
    let mut errexit = false;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-c" => {
                let Some(text) = argv.get(i + 1).cloned() else {
                    ex.err("bash: -c: option requires an argument\n");
                    ex.set_status(2);
                    return Flow::Next;
                };
                // `bash -c TEXT NAME ARGS…`: NAME becomes $0.
                let mut fake: Vec<String> = argv[(i + 2).min(argv.len())..].to_vec();
                if fake.is_empty() {
                    fake.push(argv[0].clone());
                }
                return run_child(ex, &text, &fake, xtrace, errexit);
            }
            "-x" => xtrace = true,
            "-e" => errexit = true,
            "-ex" | "-xe" => {
                xtrace = true;
                errexit = true;
            }
            "-l" | "-i" | "--login" | "--norc" | "--noprofile" | "-s" => {}
            "--version" => {
                ex.out(BASH_VERSION_TEXT);
                ex.set_status(0);
                return Flow::Next;
            }
            _ => break,
        }
        i += 1;
    }
    match argv.get(i) {
        Some(file) => {
            let path = ex.resolve(file);
            match ex.sh.vfs.read_checked(&path) {
                Ok(t) => {
                    let text = t.to_string();
                    run_child(ex, &text, &argv[i..], xtrace, errexit)
                }
                Err(e) => {
                    ex.err(&format!("{}: {}: {}\n", argv[0], file, e.msg()));
                    ex.set_status(127);
                    Flow::Next
                }
            }
        }
        None => {
            let text = ex.take_stdin();
            run_child(ex, &text, &argv[..1], xtrace, errexit)
        }
    }
}

fn run_child(ex: &mut Exec, text: &str, argv: &[String], xtrace: bool, errexit: bool) -> Flow {
    let saved = ex.sh.opts.clone();
    ex.sh.opts.xtrace |= xtrace;
    ex.sh.opts.errexit |= errexit;
    let f = ex.run_script_file(text, argv);
    ex.sh.opts = saved;
    f
}
