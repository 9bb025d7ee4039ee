//! `awk`, behaving as Ubuntu's mawk 1.3.4 20200120: patterns and
//! actions, user functions, getline, output redirection and pipes.
//! It runs beside the executor (builtins/awk_host.rs) because `cmd |
//! getline`, `print | cmd` and system() run shell commands.
//!
//! lex → parse → interp (expressions, statements), with builtins.rs for
//! the built-in functions and io.rs for input, output and commands.

mod builtins;
mod interp;
mod io;
mod lex;
mod parse;
mod value;

use crate::vfs::Vfs;
use interp::{Flow, Interp};
use parse::{Pattern, Stmt, P};
use std::collections::BTreeMap;
use value::Val;

/// What awk needs from the shell that runs it.
pub trait AwkHost {
    fn vfs(&mut self) -> &mut Vfs;
    fn cwd(&self) -> String;
    fn env(&self) -> BTreeMap<String, String>;
    /// The virtual clock, in milliseconds.
    fn now(&self) -> i64;
    /// A draw from the shell's seeded stream (the initial rand() seed).
    fn draw(&mut self) -> u64;
    /// Whether stdout is a terminal (mawk then flushes every write).
    fn tty(&self) -> bool;
    /// The rest of stdin, consumed.
    fn stdin(&mut self) -> String;
    fn out(&mut self, s: &str);
    fn err(&mut self, s: &str);
    /// Runs a command line as `sh -c` with `stdin`: its stdout when
    /// `capture` (else it goes to awk's stdout) and its exit status.
    fn run(&mut self, cmd: &str, stdin: &str, capture: bool) -> (String, i32);
    /// True once the output budget is spent or the run is over.
    fn full(&self) -> bool;
}

/// Longest string awk builds by concatenation.
pub const MAX_STRING: usize = 16 << 20;

const USAGE: &str = "Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a \"--\" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with \"-W\".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider \"\\n\" a space.
    -W usage         show this message and exit.
";

const VERSION: &str = "mawk 1.3.4 20200120
Copyright 2008-2019,2020, Thomas E. Dickey
Copyright 1991-1996,2014, Michael D. Brennan

";

/// `-F t` is a tab, as in POSIX awk.
fn unescape_fs(s: &str) -> String {
    match s {
        "\\t" | "t" => "\t".into(),
        _ => io::unescape(s),
    }
}

struct Opts {
    progfiles: Vec<String>,
    fs: Option<String>,
    assigns: Vec<String>,
    rest: Vec<String>,
}

/// mawk's options: `-f file`, `-F fs`, `-v a=b` (value attached or
/// next), `-W ...`, `--`; the first operand ends them.
fn options(host: &mut dyn AwkHost, argv: &[String]) -> Result<Opts, i32> {
    let mut o = Opts {
        progfiles: vec![],
        fs: None,
        assigns: vec![],
        rest: vec![],
    };
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        if a == "--version" {
            host.out(VERSION);
            return Err(0);
        }
        let c = a[1..].chars().next().unwrap_or('-');
        if !matches!(c, 'f' | 'F' | 'v' | 'W') {
            host.err(&format!("awk: not an option: {}\n", a));
            return Err(2);
        }
        let val = if a.len() > 2 {
            a[2..].to_string()
        } else {
            i += 1;
            match argv.get(i) {
                Some(v) => v.clone(),
                None => {
                    host.err(&format!("awk: option requires an argument -- {}\n", c));
                    host.err(USAGE);
                    return Err(2);
                }
            }
        };
        i += 1;
        match c {
            'f' => o.progfiles.push(val),
            'F' => o.fs = Some(val),
            'v' => o.assigns.push(val),
            _ => {
                if val.starts_with('v') {
                    host.out(VERSION);
                    return Err(0);
                }
                if val.starts_with('h') || val.starts_with('u') {
                    host.out(USAGE);
                    return Err(0);
                }
            }
        }
    }
    o.rest = argv[i.min(argv.len())..].to_vec();
    Ok(o)
}

pub fn awk(host: &mut dyn AwkHost, argv: &[String]) -> i32 {
    let mut o = match options(host, argv) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let src = if o.progfiles.is_empty() {
        if o.rest.is_empty() {
            host.err(USAGE);
            return 0;
        }
        o.rest.remove(0)
    } else {
        let mut text = String::new();
        for f in &o.progfiles {
            let path = crate::vfs::resolve(&host.cwd(), f);
            let got = if f == "-" || path == crate::vfs::DEV_STDIN {
                Ok(host.stdin())
            } else {
                host.vfs()
                    .read_checked(&path)
                    .map(|s| s.to_string())
                    .map_err(|e| e.msg().to_string())
            };
            match got {
                Ok(t) => {
                    text.push_str(&t);
                    text.push('\n');
                }
                Err(e) => {
                    host.err(&format!("awk: cannot open {} ({})\n", f, e));
                    return 2;
                }
            }
        }
        text
    };
    let prog = match lex::lex(&src).and_then(|t| {
        let mut p = P {
            t,
            i: 0,
            no_in: false,
            no_gt: false,
            in_func: false,
            called: vec![],
        };
        p.program(src.matches('\n').count() + 1)
    }) {
        Ok(p) => p,
        Err(e) => {
            host.err(&format!("awk: {}\n", e));
            return 2;
        }
    };
    let env = host.env();
    let items = prog.items;
    let mut it = Interp::new(host, prog.funcs);
    it.ranges = vec![false; items.len()];
    {
        let argv_arr = it.array("ARGV");
        argv_arr.insert("0".into(), Val::Str("awk".into()));
        for (i, a) in o.rest.iter().enumerate() {
            argv_arr.insert((i + 1).to_string(), Val::StrNum(a.clone()));
        }
    }
    it.set_var("ARGC", Val::Num((o.rest.len() + 1) as f64));
    let environ = it.array("ENVIRON");
    for (k, v) in env {
        environ.insert(k, Val::StrNum(v));
    }
    if let Some(fs) = &o.fs {
        it.set_var("FS", Val::Str(unescape_fs(fs)));
    }
    for a in &o.assigns {
        match a.split_once('=') {
            Some((k, v)) if crate::lexer::is_name(k) => {
                it.set_var(k, Val::StrNum(io::unescape(v)));
            }
            _ => {
                it.host
                    .err(&format!("awk: improper assignment: -v {}\n", a));
                return 2;
            }
        }
    }
    run(&mut it, &items);
    let err = it.err.take();
    if let Some(e) = &err {
        if !e.is_empty() {
            it.host.err(&format!("{}\n", e));
        }
    }
    it.close_all();
    match err {
        Some(e) if !e.is_empty() => 2,
        _ => it.exit_code,
    }
}

/// BEGIN, the main loop over the input's records, END.
fn run(it: &mut Interp, items: &[parse::Item]) {
    let mut exited = false;
    for item in items {
        if let (Pattern::Begin, Some(a)) = (&item.pat, &item.action) {
            if matches!(it.exec_block(a), Flow::Exit) || it.stopped() {
                exited = true;
                break;
            }
        }
    }
    let has_main = items.iter().any(|i| !matches!(i.pat, Pattern::Begin));
    if !exited && has_main {
        'records: while let Some(rec) = it.next_main() {
            it.set_record(rec);
            for (idx, item) in items.iter().enumerate() {
                let hit = match &item.pat {
                    Pattern::Begin | Pattern::End => continue,
                    Pattern::All => true,
                    Pattern::Expr(e) => it.eval(e).truthy(),
                    Pattern::Range(a, b) => {
                        if it.ranges[idx] {
                            if it.eval(b).truthy() {
                                it.ranges[idx] = false;
                            }
                            true
                        } else if it.eval(a).truthy() {
                            it.ranges[idx] = !it.eval(b).truthy();
                            true
                        } else {
                            false
                        }
                    }
                };
                if !hit {
                    continue;
                }
                let flow = match &item.action {
                    Some(a) => it.exec_block(a),
                    None => it.exec(&Stmt::Print(vec![], None)),
                };
                match flow {
                    Flow::Next => break,
                    Flow::NextFile => {
                        it.skip_file();
                        break;
                    }
                    Flow::Exit => break 'records,
                    _ => {}
                }
            }
            if it.stopped() {
                break;
            }
        }
    }
    // `exit` still runs END (an error does not); an `exit` there ends it.
    it.io.exiting = false;
    if it.err.is_some() {
        return;
    }
    for item in items {
        if let (Pattern::End, Some(a)) = (&item.pat, &item.action) {
            if matches!(it.exec_block(a), Flow::Exit) || it.stopped() {
                break;
            }
        }
    }
}
