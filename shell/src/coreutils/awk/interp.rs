//! The tree-walking interpreter: variables (global, or a function's
//! parameters), arrays (shared by reference through an arena), fields,
//! expressions and statements. Built-in functions live in builtins.rs,
//! everything that reads or writes outside awk in io.rs.

use super::io::Io;
use super::parse::{Expr, Func, Redir, Stmt};
use super::value::{fmt_num, sprintf, Val};
use super::AwkHost;
use crate::regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

pub enum Flow {
    Normal,
    Next,
    NextFile,
    Exit,
    Break,
    Continue,
    Return,
}

/// A function call's parameters: scalars, and arrays (arena ids).
struct Frame {
    names: Vec<String>,
    scalars: HashMap<String, Val>,
    arrays: HashMap<String, usize>,
}

/// Each statement and expression is a step; a running program stops here.
const STEP_LIMIT: u64 = 3_000_000;
/// Calls deeper than this stop as mawk does when its eval stack
/// overflows (lower than mawk's own depth: the interpreter recurses
/// on the native stack, which must not overflow).
const MAX_DEPTH: usize = 200;

pub struct Interp<'h> {
    pub host: &'h mut dyn AwkHost,
    pub funcs: HashMap<String, Rc<Func>>,
    globals: HashMap<String, Val>,
    garrays: HashMap<String, usize>,
    arena: Vec<BTreeMap<String, Val>>,
    frames: Vec<Frame>,
    pub fields: Vec<String>,
    pub record: String,
    pub nf: usize,
    pub io: Io,
    pub steps: u64,
    pub exit_code: i32,
    regex_cache: BTreeMap<String, Regex>,
    pub ranges: Vec<bool>,
    /// Set to stop the run: a message (empty when the stop is silent).
    pub err: Option<String>,
    ret: Val,
    /// What the last getline from a file or command returned at its end.
    pub last_get: i32,
    pub rand: super::builtins::Rand,
}

impl<'h> Interp<'h> {
    pub fn new(host: &'h mut dyn AwkHost, funcs: HashMap<String, Rc<Func>>) -> Interp<'h> {
        let tty = host.tty();
        let seed = host.draw();
        let mut it = Interp {
            host,
            funcs,
            globals: HashMap::new(),
            garrays: HashMap::new(),
            arena: Vec::new(),
            frames: Vec::new(),
            fields: vec![],
            record: String::new(),
            nf: 0,
            io: Io::new(tty),
            steps: 0,
            exit_code: 0,
            regex_cache: BTreeMap::new(),
            ranges: vec![],
            err: None,
            ret: Val::Str(String::new()),
            last_get: 0,
            rand: super::builtins::Rand::new(seed),
        };
        for (k, v) in [
            ("FS", " "),
            ("OFS", " "),
            ("ORS", "\n"),
            ("RS", "\n"),
            ("SUBSEP", "\x1c"),
            ("OFMT", "%.6g"),
            ("CONVFMT", "%.6g"),
            ("FILENAME", ""),
        ] {
            it.globals.insert(k.into(), Val::Str(v.into()));
        }
        for k in ["NR", "FNR", "RSTART"] {
            it.globals.insert(k.into(), Val::Num(0.0));
        }
        it.globals.insert("RLENGTH".into(), Val::Num(-1.0));
        it
    }

    // ---- variables ------------------------------------------------------

    fn local(&self, n: &str) -> Option<&Frame> {
        self.frames
            .last()
            .filter(|f| f.names.iter().any(|x| x == n))
    }

    pub fn var(&self, n: &str) -> Val {
        if let Some(f) = self.local(n) {
            return f.scalars.get(n).cloned().unwrap_or(Val::Str(String::new()));
        }
        match n {
            "NF" => Val::Num(self.nf as f64),
            _ => self
                .globals
                .get(n)
                .cloned()
                .unwrap_or(Val::Str(String::new())),
        }
    }

    pub fn set_var(&mut self, n: &str, v: Val) {
        if self.local(n).is_some() {
            if let Some(f) = self.frames.last_mut() {
                f.scalars.insert(n.to_string(), v);
            }
            return;
        }
        if n == "NF" {
            self.nf = (v.num().max(0.0) as usize).min(100_000);
            self.rebuild_record();
        } else {
            self.globals.insert(n.to_string(), v);
        }
    }

    pub fn num_var(&self, n: &str) -> f64 {
        self.var(n).num()
    }

    /// The array a name stands for, created on first use.
    pub fn arr_id(&mut self, n: &str) -> usize {
        let next = self.arena.len();
        let id = if self.local(n).is_some() {
            let f = self.frames.last_mut().expect("local frame");
            *f.arrays.entry(n.to_string()).or_insert(next)
        } else {
            *self.garrays.entry(n.to_string()).or_insert(next)
        };
        if id == next {
            self.arena.push(BTreeMap::new());
        }
        id
    }

    pub fn array(&mut self, n: &str) -> &mut BTreeMap<String, Val> {
        let id = self.arr_id(n);
        &mut self.arena[id]
    }

    /// Whether a name is already an array.
    pub fn has_array(&self, n: &str) -> bool {
        match self.local(n) {
            Some(f) => f.arrays.contains_key(n),
            None => self.garrays.contains_key(n),
        }
    }

    /// Whether a name is (or may still become) an array: an argument
    /// passed to a function by reference.
    fn array_like(&self, n: &str) -> bool {
        if let Some(f) = self.local(n) {
            return f.arrays.contains_key(n) || !f.scalars.contains_key(n);
        }
        self.garrays.contains_key(n) || (!self.globals.contains_key(n) && n != "NF")
    }

    pub fn fs(&self) -> String {
        self.var("FS").string()
    }

    // ---- fields ---------------------------------------------------------

    pub fn split_record(&mut self) {
        let mut fs = self.fs();
        if self.var("RS").string().is_empty() && fs == " " {
            fs = " ".into();
        }
        self.fields = super::builtins::split_fields(&self.record, &fs, &mut self.regex_cache);
        if self.var("RS").string().is_empty() && fs != " " {
            // Paragraph mode: a newline always separates fields too.
            self.fields = self
                .fields
                .iter()
                .flat_map(|f| f.split('\n').map(String::from).collect::<Vec<_>>())
                .collect();
        }
        self.nf = self.fields.len();
    }

    pub fn set_record(&mut self, s: String) {
        self.record = s;
        self.split_record();
    }

    fn rebuild_record(&mut self) {
        let ofs = self.var("OFS").string();
        self.fields.resize(self.nf, String::new());
        self.record = self.fields.join(&ofs);
    }

    fn get_field(&self, i: usize) -> Val {
        if i == 0 {
            return Val::StrNum(self.record.clone());
        }
        Val::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.set_record(v);
            return;
        }
        if i > 100_000 {
            return;
        }
        if i > self.fields.len() {
            self.fields.resize(i, String::new());
        }
        self.fields[i - 1] = v;
        self.nf = self.nf.max(i);
        self.rebuild_record();
    }

    pub fn regex(&mut self, pat: &str) -> Option<Regex> {
        if let Some(r) = self.regex_cache.get(pat) {
            return Some(r.clone());
        }
        match Regex::new(pat, true, false) {
            Ok(r) => {
                self.regex_cache.insert(pat.to_string(), r.clone());
                Some(r)
            }
            Err(e) => {
                self.err = Some(format!(
                    "awk: line 1: regular expression compile failed ({})\n{}",
                    e, pat
                ));
                None
            }
        }
    }

    pub fn regex_cache(&mut self) -> &mut BTreeMap<String, Regex> {
        &mut self.regex_cache
    }

    /// mawk's run-time error: the message, where the input stood, exit 2.
    pub fn runtime_error(&mut self, msg: &str) {
        if self.err.is_none() {
            self.err = Some(format!(
                "awk: run time error: {}\n\tFILENAME=\"{}\" FNR={} NR={}",
                msg,
                self.var("FILENAME").string(),
                fmt_num(self.num_var("FNR")),
                fmt_num(self.num_var("NR"))
            ));
        }
    }

    fn key(&mut self, idx: &[Expr]) -> String {
        let sep = self.var("SUBSEP").string();
        let parts: Vec<String> = idx.iter().map(|e| self.eval(e).string()).collect();
        parts.join(&sep)
    }

    pub fn assign(&mut self, target: &Expr, v: Val) {
        match target {
            Expr::Var(n) => self.set_var(n, v),
            Expr::Field(e) => {
                let i = self.eval(e).num().max(0.0) as usize;
                self.set_field(i, v.string());
            }
            Expr::Index(n, idx) => {
                let k = self.key(idx);
                self.array(n).insert(k, v);
            }
            Expr::Group(e) => self.assign(e, v),
            _ => {}
        }
    }

    // ---- expressions ----------------------------------------------------

    pub fn eval(&mut self, e: &Expr) -> Val {
        self.steps += 1;
        match e {
            Expr::Num(n) => Val::Num(*n),
            Expr::Str(s) => Val::Str(s.clone()),
            Expr::Re(r) => {
                let rec = self.record.clone();
                let m = self.regex(r).is_some_and(|re| re.is_match(&rec));
                Val::Num(m as i32 as f64)
            }
            Expr::Var(n) => self.var(n),
            Expr::Field(i) => {
                let i = self.eval(i).num().max(0.0) as usize;
                self.get_field(i)
            }
            Expr::Index(n, idx) => {
                let k = self.key(idx);
                self.array(n)
                    .entry(k)
                    .or_insert(Val::Str(String::new()))
                    .clone()
            }
            Expr::Group(e) => self.eval(e),
            Expr::Assign(t, op, rhs) => {
                let r = self.eval(rhs);
                let v = if *op == "=" {
                    r
                } else {
                    let cur = self.eval(t).num();
                    Val::Num(arith(&op[..1], cur, r.num()))
                };
                self.assign(t, v.clone());
                v
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c).truthy() {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            Expr::And(a, b) => {
                Val::Num((self.eval(a).truthy() && self.eval(b).truthy()) as i32 as f64)
            }
            Expr::Or(a, b) => {
                Val::Num((self.eval(a).truthy() || self.eval(b).truthy()) as i32 as f64)
            }
            Expr::In(idx, arr) => {
                let k = self.key(idx);
                Val::Num(self.array(arr).contains_key(&k) as i32 as f64)
            }
            Expr::Match(neg, l, r) => {
                let s = self.eval(l).string();
                let pat = match &**r {
                    Expr::Re(p) => p.clone(),
                    other => self.eval(other).string(),
                };
                let m = self.regex(&pat).is_some_and(|re| re.is_match(&s));
                Val::Num((m != *neg) as i32 as f64)
            }
            Expr::Bin(op, a, b) => {
                let x = self.eval(a);
                let y = self.eval(b);
                match *op {
                    "<" | "<=" | ">" | ">=" | "==" | "!=" => {
                        let ord = match (x.numeric_for_cmp(), y.numeric_for_cmp()) {
                            (Some(p), Some(q)) => p.partial_cmp(&q),
                            _ => Some(x.string().cmp(&y.string())),
                        };
                        let Some(o) = ord else {
                            return Val::Num(0.0);
                        };
                        use std::cmp::Ordering::*;
                        let r = match *op {
                            "<" => o == Less,
                            "<=" => o != Greater,
                            ">" => o == Greater,
                            ">=" => o != Less,
                            "==" => o == Equal,
                            _ => o != Equal,
                        };
                        Val::Num(r as i32 as f64)
                    }
                    _ => Val::Num(arith(op, x.num(), y.num())),
                }
            }
            Expr::Concat(a, b) => {
                let mut s = self.eval(a).string();
                s.push_str(&self.eval(b).string());
                if s.len() > super::MAX_STRING {
                    self.err = Some("awk: string too long".into());
                    s.truncate(0);
                }
                Val::Str(s)
            }
            Expr::Not(a) => Val::Num(!self.eval(a).truthy() as i32 as f64),
            Expr::Neg(a) => Val::Num(-self.eval(a).num()),
            Expr::Plus(a) => Val::Num(self.eval(a).num()),
            Expr::IncDec(pre, inc, t) => {
                let cur = self.eval(t).num();
                let new = if *inc { cur + 1.0 } else { cur - 1.0 };
                self.assign(t, Val::Num(new));
                Val::Num(if *pre { new } else { cur })
            }
            Expr::Call(f, args) => self.call(f, args),
            Expr::UCall(f, args) => self.call_user(f, args),
            Expr::Getline(src, var) => self.getline(src, var.as_deref()),
        }
    }

    /// A user function: arguments evaluated in the caller, arrays passed
    /// by reference, missing parameters are fresh locals.
    fn call_user(&mut self, name: &str, args: &[Expr]) -> Val {
        let Some(f) = self.funcs.get(name).cloned() else {
            return Val::Str(String::new());
        };
        if self.frames.len() >= MAX_DEPTH {
            if self.err.is_none() {
                self.err = Some("awk: program limit exceeded: eval stack size=1024".into());
            }
            return Val::Str(String::new());
        }
        let mut frame = Frame {
            names: f.params.clone(),
            scalars: HashMap::new(),
            arrays: HashMap::new(),
        };
        for (i, a) in args.iter().enumerate() {
            let p = f.params.get(i).cloned();
            match (a, p) {
                (Expr::Var(n), Some(p)) if self.array_like(n) => {
                    let v = self.var(n);
                    let id = self.arr_id(n);
                    frame.arrays.insert(p.clone(), id);
                    // Still untyped: usable as a scalar too.
                    if !matches!(&v, Val::Str(s) if s.is_empty()) {
                        frame.scalars.insert(p, v);
                    }
                }
                (e, Some(p)) => {
                    let v = self.eval(e);
                    frame.scalars.insert(p, v);
                }
                (e, None) => {
                    self.eval(e);
                }
            }
        }
        self.frames.push(frame);
        self.ret = Val::Str(String::new());
        let flow = self.exec_block(&f.body);
        self.frames.pop();
        if matches!(flow, Flow::Exit) {
            // `exit` inside a function ends the program: carry it on.
            self.io.exiting = true;
        }
        std::mem::replace(&mut self.ret, Val::Str(String::new()))
    }

    // ---- statements -----------------------------------------------------

    pub fn exec_block(&mut self, v: &[Stmt]) -> Flow {
        for s in v {
            match self.exec(s) {
                Flow::Normal => {}
                f => return f,
            }
        }
        Flow::Normal
    }

    /// Whether the run must stop: an error, a limit, or an `exit` from a
    /// function still unwinding.
    pub fn stopped(&mut self) -> bool {
        if self.err.is_some() || self.io.exiting {
            return true;
        }
        if self.steps > STEP_LIMIT {
            self.err = Some("awk: program ran too long: stopped".into());
            return true;
        }
        if self.host.full() {
            self.err = Some(String::new());
            return true;
        }
        false
    }

    fn looping(&mut self, f: Flow) -> Option<Flow> {
        match f {
            Flow::Break => Some(Flow::Normal),
            Flow::Normal | Flow::Continue => {
                if self.stopped() {
                    Some(Flow::Exit)
                } else {
                    None
                }
            }
            other => Some(other),
        }
    }

    pub fn exec(&mut self, s: &Stmt) -> Flow {
        self.steps += 1;
        if self.stopped() {
            return Flow::Exit;
        }
        match s {
            Stmt::Print(args, redir) => {
                let text = if args.is_empty() {
                    self.record.clone()
                } else {
                    let ofs = self.var("OFS").string();
                    let mut parts = Vec::with_capacity(args.len());
                    for a in args {
                        let v = match self.eval(a) {
                            Val::Num(n) if n != n.trunc() => {
                                let ofmt = self.var("OFMT");
                                sprintf(&[ofmt, Val::Num(n)]).unwrap_or_default()
                            }
                            v => v.string(),
                        };
                        parts.push(v);
                    }
                    parts.join(&ofs)
                };
                let ors = self.var("ORS").string();
                self.emit(&format!("{}{}", text, ors), redir);
                Flow::Normal
            }
            Stmt::Printf(args, redir) => {
                let vals: Vec<Val> = args.iter().map(|e| self.eval(e)).collect();
                match sprintf(&vals) {
                    Ok(text) => self.emit(&text, redir),
                    Err(part) => {
                        self.emit(&part, redir);
                        let fmt = vals.first().map(|v| v.string()).unwrap_or_default();
                        self.runtime_error(&format!(
                            "not enough arguments passed to printf(\"{}\")",
                            fmt
                        ));
                    }
                }
                Flow::Normal
            }
            Stmt::Expr(e) => {
                self.eval(e);
                Flow::Normal
            }
            Stmt::If(c, a, b) => {
                if self.eval(c).truthy() {
                    self.exec(a)
                } else if let Some(b) = b {
                    self.exec(b)
                } else {
                    Flow::Normal
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c).truthy() {
                    let f = self.exec(body);
                    if let Some(f) = self.looping(f) {
                        return f;
                    }
                }
                Flow::Normal
            }
            Stmt::Do(body, c) => loop {
                let f = self.exec(body);
                if let Some(f) = self.looping(f) {
                    return f;
                }
                if !self.eval(c).truthy() {
                    return Flow::Normal;
                }
            },
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.exec(i);
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c).truthy() {
                            return Flow::Normal;
                        }
                    }
                    let f = self.exec(body);
                    if let Some(f) = self.looping(f) {
                        return f;
                    }
                    if let Some(s) = step {
                        self.exec(s);
                    }
                }
            }
            Stmt::ForIn(v, arr, body) => {
                let keys: Vec<String> = self.array(arr).keys().cloned().collect();
                for k in keys {
                    self.set_var(v, Val::StrNum(k));
                    let f = self.exec(body);
                    if let Some(f) = self.looping(f) {
                        return f;
                    }
                }
                Flow::Normal
            }
            Stmt::Block(v) => self.exec_block(v),
            Stmt::Next => Flow::Next,
            Stmt::NextFile => Flow::NextFile,
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e).num() as i32;
                }
                Flow::Exit
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e),
                    None => Val::Str(String::new()),
                };
                self.ret = v;
                Flow::Return
            }
            Stmt::Break => Flow::Break,
            Stmt::Continue => Flow::Continue,
            Stmt::Delete(n, idx) => {
                match idx {
                    Some(idx) => {
                        let k = self.key(idx);
                        self.array(n).remove(&k);
                    }
                    None => self.array(n).clear(),
                }
                Flow::Normal
            }
        }
    }

    fn emit(&mut self, text: &str, redir: &Option<Redir>) {
        match redir {
            None => self.write_stdout(text),
            Some(r) => {
                let (e, mode) = match r {
                    Redir::File(e) => (e, super::io::Mode::Truncate),
                    Redir::Append(e) => (e, super::io::Mode::Append),
                    Redir::Pipe(e) => (e, super::io::Mode::Pipe),
                };
                let name = self.eval(e).string();
                self.write_to(&name, mode, text);
            }
        }
    }
}

/// IEEE arithmetic as mawk does it: `1/0` is inf, `0/0` and `1%0` are
/// the x86 "-nan".
pub fn arith(op: &str, a: f64, b: f64) -> f64 {
    let r = match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "%" => a % b,
        "^" => a.powf(b),
        _ => 0.0,
    };
    if r.is_nan() {
        -f64::NAN
    } else {
        r
    }
}
