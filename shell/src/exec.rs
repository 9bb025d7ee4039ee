//! The executor: walks the syntax tree, wires stdin/stdout/stderr between
//! commands, and dispatches to functions, builtins, host programs and the
//! built-in coreutils. Everything runs to completion in order; a pipe is a
//! string handed from one stage to the next.

use crate::ast::*;
use crate::parser::{PErr, Parser};
use crate::shell::{Func, ShFlavor, Shell};
use crate::vfs::{resolve, VfsError};
use crate::{builtins, coreutils, Invocation, Output, Programs, Stdin, Stream};
use std::collections::BTreeMap;

/// Commands one run may execute before it is stopped.
pub const STEP_LIMIT: u64 = 100_000;
/// Bytes one run may write before it is stopped.
pub const OUTPUT_LIMIT: usize = 1 << 20;
const FUNC_NEST_LIMIT: usize = 100;

/// Where a file descriptor writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sink {
    Term(Stream),
    Buf(usize),
    File(String),
    Null,
}

#[derive(Clone, Debug)]
pub struct Fds {
    pub out: Sink,
    pub err: Sink,
    /// Index into `Exec::inputs`; None reads as empty (the terminal).
    pub input: Option<usize>,
}

struct Input {
    data: String,
    pos: usize,
}

/// How control leaves a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Next,
    Break(u32),
    Continue(u32),
    Return,
    /// Abandon the current top-level command (an expansion error).
    Abort,
    /// Stop the whole run (`exit`, `set -e`, a limit).
    Exit,
}

/// Why a program could not be started (`exec` failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecError {
    /// ENOENT: no such file on the PATH or at the path.
    NotFound,
    /// EACCES: a directory, or a file without its execute bit.
    Denied,
}

impl ExecError {
    /// strerror's text.
    pub fn msg(self) -> &'static str {
        match self {
            ExecError::NotFound => "No such file or directory",
            ExecError::Denied => "Permission denied",
        }
    }

    /// The status a wrapper exits with: 127 or 126.
    pub fn status(self) -> i32 {
        match self {
            ExecError::NotFound => 127,
            ExecError::Denied => 126,
        }
    }
}

pub struct Exec<'a> {
    pub sh: &'a mut Shell,
    pub progs: &'a mut dyn Programs,
    out: Output,
    bufs: Vec<String>,
    inputs: Vec<Input>,
    pub fds: Fds,
    steps: u64,
    bytes: usize,
    /// Set once a limit is hit: everything unwinds.
    pub dead: bool,
    /// Per function call: the variables `local` saved, to restore on return.
    locals: Vec<Vec<(String, Option<String>, bool)>>,
    pub func_depth: usize,
    pub loop_depth: u32,
    /// Inside an `if`/`while` condition or before `&&`/`||`: no errexit.
    cond_depth: u32,
    procsub_seq: u32,
    procsubs: Vec<String>,
    /// Nesting of sourced files, evals and command substitutions.
    pub nest: usize,
    /// Status of the last command substitution (`x=$(false)` sets `$?`).
    pub last_subst_status: Option<i32>,
    /// How many subshells deep we are (`exit` only talks at the top).
    pub sub_depth: usize,
    /// Inside a script: its name for error messages, and the current line.
    pub script: Option<String>,
    pub lineno: usize,
    /// Names of the functions being run, innermost last ($FUNCNAME).
    pub funcnames: Vec<String>,
    /// In a subshell, the parent's traps: `trap -p` still shows them until
    /// the subshell sets one of its own.
    pub shown_traps: Option<BTreeMap<String, String>>,
    /// The deadlines of the `timeout`s running (host ms), outermost first.
    pub timeouts: Vec<i64>,
    /// `dead` because a `timeout`'s deadline passed: that timeout's
    /// command unwinds, and the timeout carries on after it.
    pub timed_out: bool,
}

impl<'a> Exec<'a> {
    pub fn new(sh: &'a mut Shell, progs: &'a mut dyn Programs) -> Exec<'a> {
        Exec {
            sh,
            progs,
            out: Output::default(),
            bufs: vec![],
            inputs: vec![],
            fds: Fds {
                out: Sink::Term(Stream::Stdout),
                err: Sink::Term(Stream::Stderr),
                input: None,
            },
            steps: 0,
            bytes: 0,
            dead: false,
            locals: vec![],
            func_depth: 0,
            loop_depth: 0,
            cond_depth: 0,
            procsub_seq: 0,
            procsubs: vec![],
            nest: 0,
            last_subst_status: None,
            sub_depth: 0,
            script: None,
            lineno: 1,
            funcnames: vec![],
            shown_traps: None,
            timeouts: vec![],
            timed_out: false,
        }
    }

    pub fn finish(mut self) -> Output {
        self.out.status = self.sh.status;
        self.out
    }

    // ---- output -------------------------------------------------------

    fn write_sink(&mut self, sink: &Sink, text: &str) {
        if text.is_empty() || self.dead {
            return;
        }
        self.bytes += text.len();
        if self.bytes > OUTPUT_LIMIT {
            self.die(&format!(
                "bash: output limit exceeded ({} bytes in one run): stopped\n",
                OUTPUT_LIMIT
            ));
            return;
        }
        match sink {
            Sink::Term(s) => {
                self.progs.wrote(*s, text);
                push_chunk(&mut self.out, *s, text)
            }
            Sink::Buf(i) => {
                if let Some(b) = self.bufs.get_mut(*i) {
                    b.push_str(text);
                }
            }
            Sink::File(p) => {
                let _ = self.sh.vfs.write_checked(p, text, true);
            }
            Sink::Null => {}
        }
    }

    /// Writes an error with bash's prefix: `bash: ` at the prompt,
    /// `script.sh: line N: ` inside a script.
    pub fn errp(&mut self, msg: &str) {
        let text = match &self.script {
            None => format!("bash: {}\n", msg),
            Some(name) => format!("{}: line {}: {}\n", name, self.lineno, msg),
        };
        self.err(&text);
    }

    /// A missing command, in the words of the shell that looked for it:
    /// bash's `bash: x: command not found`, busybox ash's `sh: x: not
    /// found`, dash's `sh: 1: x: not found`.
    pub fn not_found(&mut self, name: &str) {
        let arg0 = self.script.clone().unwrap_or_else(|| "sh".into());
        let as_sh = matches!(arg0.rsplit('/').next(), Some("sh" | "ash"));
        let text = match (self.sh.sh_flavor, as_sh) {
            (ShFlavor::Ash, true) => format!("{arg0}: {name}: not found\n"),
            (ShFlavor::Dash, true) => format!("{arg0}: {}: {name}: not found\n", self.lineno),
            _ => return self.errp(&format!("{name}: command not found")),
        };
        self.err(&text);
    }

    /// Stops the run: prints the reason straight to the terminal.
    pub fn die(&mut self, msg: &str) {
        if !self.dead {
            push_chunk(&mut self.out, Stream::Stderr, msg);
            self.dead = true;
            self.sh.status = 1;
        }
    }

    pub fn out(&mut self, text: &str) {
        let s = self.fds.out.clone();
        self.write_sink(&s, text);
    }

    pub fn err(&mut self, text: &str) {
        let s = self.fds.err.clone();
        self.write_sink(&s, text);
    }

    /// Routes a program's output through the current descriptors.
    pub fn emit(&mut self, o: &Output) {
        for (s, t) in &o.chunks {
            match s {
                Stream::Stdout => self.out(t),
                Stream::Stderr => self.err(t),
            }
        }
    }

    /// Whether stdout is the terminal (for `ls` columns).
    pub fn stdout_is_tty(&self) -> bool {
        self.fds.out == Sink::Term(Stream::Stdout) && !self.sh.no_tty
    }

    /// Whether stdin is the terminal: no pipe, redirection or here-doc.
    pub fn stdin_is_tty(&self) -> bool {
        self.fds.input.is_none() && !self.sh.no_tty
    }

    pub fn bytes_left(&self) -> usize {
        OUTPUT_LIMIT.saturating_sub(self.bytes)
    }

    // ---- input --------------------------------------------------------

    pub fn push_input(&mut self, data: String) -> usize {
        self.inputs.push(Input { data, pos: 0 });
        self.inputs.len() - 1
    }

    /// The rest of stdin (a program reads it all).
    pub fn take_stdin(&mut self) -> String {
        match self.fds.input.and_then(|i| self.inputs.get_mut(i)) {
            Some(inp) => {
                let s = inp.data[inp.pos..].to_string();
                inp.pos = inp.data.len();
                s
            }
            None => String::new(),
        }
    }

    /// The rest of stdin without consuming it.
    pub fn take_stdin_peek(&self) -> String {
        match self.fds.input.and_then(|i| self.inputs.get(i)) {
            Some(inp) => inp.data[inp.pos..].to_string(),
            None => String::new(),
        }
    }

    /// Consumes `n` bytes of stdin.
    pub fn consume_stdin(&mut self, n: usize) {
        if let Some(inp) = self.fds.input.and_then(|i| self.inputs.get_mut(i)) {
            inp.pos = (inp.pos + n).min(inp.data.len());
            while !inp.data.is_char_boundary(inp.pos) {
                inp.pos += 1;
            }
        }
    }

    /// One line of stdin without its newline, and whether a newline ended it.
    pub fn read_line(&mut self) -> Option<(String, bool)> {
        let inp = self.fds.input.and_then(|i| self.inputs.get_mut(i))?;
        if inp.pos >= inp.data.len() {
            return None;
        }
        let rest = &inp.data[inp.pos..];
        match rest.find('\n') {
            Some(n) => {
                let line = rest[..n].to_string();
                inp.pos += n + 1;
                Some((line, true))
            }
            None => {
                let line = rest.to_string();
                inp.pos = inp.data.len();
                Some((line, false))
            }
        }
    }

    fn new_buf(&mut self) -> usize {
        self.bufs.push(String::new());
        self.bufs.len() - 1
    }

    fn take_buf(&mut self, i: usize) -> String {
        let s = std::mem::take(&mut self.bufs[i]);
        self.bufs.truncate(i);
        s
    }

    // ---- state helpers ------------------------------------------------

    pub fn status(&self) -> i32 {
        self.sh.status
    }

    pub fn set_status(&mut self, s: i32) {
        self.sh.status = s;
    }

    /// Counts one command; false (and the run stops) past the limit.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            self.die(&format!(
                "bash: step limit exceeded ({} commands in one run): stopped\n",
                STEP_LIMIT
            ));
            return false;
        }
        if self.progs.halted() {
            self.dead = true;
        }
        self.check_deadlines();
        !self.dead
    }

    /// A `timeout` whose deadline the clock has passed kills its command.
    pub(crate) fn check_deadlines(&mut self) {
        if self.timeouts.iter().any(|&at| self.sh.now >= at) {
            self.dead = true;
            self.timed_out = true;
        }
    }

    /// After a host program: take its clock, and stop if it says so.
    pub(crate) fn after_host(&mut self) {
        if let Some(t) = self.progs.clock() {
            self.sh.set_now(t);
        }
        if self.progs.halted() {
            self.dead = true;
        }
        self.check_deadlines();
    }

    pub fn get_var(&self, name: &str) -> Option<String> {
        if let Some((base, idx)) = crate::lexer::subscripted(name) {
            return self.element(base, idx);
        }
        if let Some(v) = self.sh.env.get(name) {
            return Some(v.clone());
        }
        self.sh
            .vars
            .get(name)
            .cloned()
            .or_else(|| self.sh.arrays.get(name)?.get(&0).cloned())
            .or_else(|| self.sh.assocs.get(name)?.get("0").cloned())
    }

    pub fn is_assoc(&self, name: &str) -> bool {
        self.sh.assocs.contains_key(name)
    }

    /// An associative array's subscript as written (`$k`, `"a b"`): its
    /// expansions done and its quotes removed.
    pub fn assoc_key(&mut self, idx: &str) -> Result<String, String> {
        let word = Parser::subscript_word(idx).map_err(|e| e.message())?;
        self.expand_string(&word)
    }

    /// An array by index; a scalar is an array of its element 0.
    fn array(&self, name: &str) -> BTreeMap<usize, String> {
        match self.sh.arrays.get(name) {
            Some(a) => a.clone(),
            None => self.get_var(name).map(|v| (0, v)).into_iter().collect(),
        }
    }

    /// An array's indices (`${!a[@]}`): an associative one's keys in
    /// bash's order.
    pub fn array_indices(&self, name: &str) -> Vec<String> {
        if let Some(m) = self.sh.assocs.get(name) {
            return m.entries().into_iter().map(|(k, _)| k.clone()).collect();
        }
        self.array(name)
            .into_keys()
            .map(|k| k.to_string())
            .collect()
    }

    /// An array's elements in index order.
    pub fn array_items(&self, name: &str) -> Vec<String> {
        if let Some(m) = self.sh.assocs.get(name) {
            return m.entries().into_iter().map(|(_, v)| v.clone()).collect();
        }
        self.array(name).into_values().collect()
    }

    /// An index counted from the end (`-1`) made absolute: past the
    /// highest index, as bash counts.
    fn absolute_index(a: &BTreeMap<usize, String>, n: i64) -> Option<usize> {
        let end = a.keys().next_back().map_or(0, |k| k + 1) as i64;
        usize::try_from(if n < 0 { end + n } else { n }).ok()
    }

    /// `name[idx]` with `idx` a number (negative: from the end), `@` or `*`.
    fn element(&self, base: &str, idx: &str) -> Option<String> {
        if let Some(m) = self.sh.assocs.get(base) {
            if matches!(idx, "@" | "*") {
                let items = self.array_items(base);
                return (!items.is_empty()).then(|| items.join(" "));
            }
            return m.get(idx).cloned();
        }
        let a = self.array(base);
        if matches!(idx, "@" | "*") {
            let items: Vec<String> = a.into_values().collect();
            return (!items.is_empty()).then(|| items.join(" "));
        }
        let i = Self::absolute_index(&a, idx.parse().ok()?)?;
        a.get(&i).cloned()
    }

    /// An indexed array's subscript: expanded (`$i`, `$((n-1))`,
    /// `${#a[@]}`), then evaluated as arithmetic.
    pub fn subscript(&mut self, idx: &str) -> Result<i64, String> {
        if !idx.contains(['$', '`']) {
            return crate::arith::eval(idx, self);
        }
        let word = crate::parser::Parser::arith_word(idx).map_err(|e| e.message())?;
        let text = self.expand_string(&word)?;
        crate::arith::eval(&text, self)
    }

    /// `name=(...)` (`name+=(...)`: after the highest index): the array
    /// replaces any scalar of that name.
    pub fn set_array(&mut self, name: &str, items: Vec<String>, append: bool) {
        if self.is_assoc(name) {
            return self.set_assoc(name, items, append);
        }
        let mut a = match append {
            true => self.array(name),
            false => BTreeMap::new(),
        };
        let mut next = a.keys().next_back().map_or(0, |k| k + 1);
        for item in items {
            // `[5]=x` places the item; the next ones follow it.
            if let Some((idx, value)) = bracketed(&item) {
                match self.subscript(idx) {
                    Ok(n) if n >= 0 => next = n as usize,
                    _ => {
                        self.err(&format!("bash: [{idx}]: bad array subscript\n"));
                        continue;
                    }
                }
                a.insert(next, value.to_string());
            } else {
                a.insert(next, item);
            }
            next = next.saturating_add(1);
        }
        self.sh.env.remove(name);
        self.sh.vars.remove(name);
        self.sh.arrays.insert(name.to_string(), a);
    }

    /// `m=([k]=v ...)` for an associative array (bash 5.1's `m=(k v k2 v2)`
    /// too); `+=` adds to what is there.
    fn set_assoc(&mut self, name: &str, items: Vec<String>, append: bool) {
        let mut m = match append {
            true => self.sh.assocs.get(name).cloned().unwrap_or_default(),
            false => Default::default(),
        };
        let mut pending: Option<String> = None;
        for item in items {
            if let Some(key) = pending.take() {
                m.insert(key, item);
                continue;
            }
            match bracketed(&item) {
                Some((k, v)) => m.insert(k.to_string(), v.to_string()),
                None => pending = Some(item),
            }
        }
        if let Some(key) = pending {
            m.insert(key, String::new());
        }
        self.sh.assocs.insert(name.to_string(), m);
    }

    /// Whether `name` (or the array it subscripts) is readonly; says so
    /// as bash does when it is.
    pub fn refuse_readonly(&mut self, name: &str) -> bool {
        let base = crate::lexer::subscripted(name).map_or(name, |(b, _)| b);
        if !self.sh.readonly.contains(base) {
            return false;
        }
        self.err(&format!("bash: {base}: readonly variable\n"));
        true
    }

    pub fn set_var(&mut self, name: &str, value: String) {
        if self
            .sh
            .readonly
            .contains(crate::lexer::subscripted(name).map_or(name, |(b, _)| b))
        {
            self.refuse_readonly(name);
            return;
        }
        if value.len() > OUTPUT_LIMIT {
            self.die("bash: variable too large: stopped\n");
            return;
        }
        let base = crate::lexer::subscripted(name).map_or(name, |(b, _)| b);
        let value = if self.sh.integers.contains(base) && value.parse::<i64>().is_err() {
            match crate::arith::eval(&value, self) {
                Ok(n) => n.to_string(),
                Err(e) => {
                    self.errp(&e);
                    self.sh.status = 1;
                    return;
                }
            }
        } else {
            value
        };
        if let Some((base, idx)) = crate::lexer::subscripted(name) {
            if self.is_assoc(base) {
                match self.assoc_key(idx) {
                    Ok(key) => {
                        if let Some(m) = self.sh.assocs.get_mut(base) {
                            m.insert(key, value);
                        }
                    }
                    Err(e) => self.errp(&e),
                }
                return;
            }
            let n = match self.subscript(idx) {
                Ok(n) => n,
                Err(e) => {
                    self.err(&format!("bash: {idx}: {e}\n"));
                    return;
                }
            };
            let mut a = self.array(base);
            let Some(i) = Self::absolute_index(&a, n) else {
                self.err(&format!("bash: {name}: bad array subscript\n"));
                return;
            };
            a.insert(i, value);
            self.sh.env.remove(base);
            self.sh.vars.remove(base);
            self.sh.arrays.insert(base.to_string(), a);
            return;
        }
        if let Some(a) = self.sh.arrays.get_mut(name) {
            a.insert(0, value);
            return;
        }
        if name == "PWD" {
            // Keeping $PWD and the real cwd apart confuses everyone.
            self.sh.env.insert("PWD".into(), value);
            return;
        }
        if let Some(v) = self.sh.env.get_mut(name) {
            *v = value;
        } else {
            self.sh.vars.insert(name.to_string(), value);
        }
    }

    pub fn unset_var(&mut self, name: &str) {
        if let Some((base, idx)) = crate::lexer::subscripted(name) {
            if self.is_assoc(base) {
                if let Ok(key) = self.assoc_key(idx) {
                    if let Some(m) = self.sh.assocs.get_mut(base) {
                        m.remove(&key);
                    }
                }
                return;
            }
            let n = self.subscript(idx).ok();
            if let (Some(a), Some(n)) = (self.sh.arrays.get_mut(base), n) {
                if let Some(i) = Self::absolute_index(a, n) {
                    a.remove(&i);
                }
            }
            return;
        }
        self.sh.env.remove(name);
        self.sh.vars.remove(name);
        self.sh.arrays.remove(name);
        self.sh.assocs.remove(name);
        self.sh.integers.remove(name);
    }

    pub fn export_var(&mut self, name: &str, value: Option<String>) {
        let v = value
            .or_else(|| self.sh.vars.remove(name))
            .or_else(|| self.sh.env.get(name).cloned())
            .unwrap_or_default();
        self.sh.vars.remove(name);
        self.sh.env.insert(name.to_string(), v);
    }

    /// `local NAME`: remembers the outer value for the function's return.
    pub fn make_local(&mut self, name: &str) -> bool {
        let exported = self.sh.env.contains_key(name);
        let old = self.get_var(name);
        match self.locals.last_mut() {
            Some(frame) => {
                if !frame.iter().any(|(n, _, _)| n == name) {
                    frame.push((name.to_string(), old, exported));
                }
                true
            }
            None => false,
        }
    }

    pub fn in_function(&self) -> bool {
        !self.locals.is_empty()
    }

    pub fn home(&self) -> String {
        self.get_var("HOME").unwrap_or_else(|| "/".into())
    }

    pub fn resolve(&self, path: &str) -> String {
        resolve(&self.sh.cwd, path)
    }

    /// Runs `f` with the shell state saved and restored, as a subshell.
    pub fn subshell<F: FnOnce(&mut Exec) -> Flow>(&mut self, f: F) -> Flow {
        let saved = (
            self.sh.cwd.clone(),
            self.sh.env.clone(),
            self.sh.vars.clone(),
            self.sh.funcs.clone(),
            self.sh.aliases.clone(),
            self.sh.positional.clone(),
            self.sh.opts.clone(),
            self.locals.clone(),
            self.sh.arrays.clone(),
        );
        // A subshell starts without the traps and attributes' changes leak
        // nowhere; its own EXIT trap runs as it ends.
        let saved_traps = std::mem::take(&mut self.sh.traps);
        let shown = match saved_traps.is_empty() {
            true => self.shown_traps.clone(),
            false => Some(saved_traps.clone()),
        };
        let saved_shown = std::mem::replace(&mut self.shown_traps, shown);
        let saved_integers = self.sh.integers.clone();
        let saved_assocs = self.sh.assocs.clone();
        self.sub_depth += 1;
        let flow = f(self);
        crate::builtins::trap::run_exit_trap(self);
        self.sub_depth -= 1;
        self.sh.traps = saved_traps;
        self.shown_traps = saved_shown;
        self.sh.integers = saved_integers;
        self.sh.assocs = saved_assocs;
        self.sh.cwd = saved.0;
        self.sh.env = saved.1;
        self.sh.vars = saved.2;
        self.sh.funcs = saved.3;
        self.sh.aliases = saved.4;
        self.sh.positional = saved.5;
        self.sh.opts = saved.6;
        self.locals = saved.7;
        self.sh.arrays = saved.8;
        match flow {
            Flow::Exit if self.dead => Flow::Exit,
            _ => Flow::Next,
        }
    }

    // ---- running text -------------------------------------------------

    /// Parses and runs a script one complete command at a time.
    pub fn run_script(&mut self, text: &str, top: bool) -> Flow {
        if self.nest > 50 {
            self.err("bash: maximum nesting level exceeded\n");
            self.set_status(1);
            return Flow::Abort;
        }
        self.nest += 1;
        let mut p = Parser::new(text, self.sh.aliases.clone());
        p.heredoc_eof_ok = true;
        let mut flow = Flow::Next;
        loop {
            if self.dead {
                flow = Flow::Exit;
                break;
            }
            let parsed = p.next_command();
            self.lineno = p.command_line();
            for w in std::mem::take(&mut p.warnings) {
                self.err(&format!("bash: {}\n", w));
            }
            match parsed {
                Ok(None) => break,
                Ok(Some(list)) => {
                    flow = self.run_list(&list);
                    p.set_aliases(&self.sh.aliases);
                    match flow {
                        Flow::Next | Flow::Abort => flow = Flow::Next,
                        Flow::Break(_) | Flow::Continue(_) if top => flow = Flow::Next,
                        _ => break,
                    }
                }
                Err(e) => {
                    self.errp(&e.message());
                    if self.script.is_some() {
                        if let PErr::Syntax(_) = e {
                            let line = p.current_line();
                            self.errp(&format!("`{}'", line));
                        }
                    }
                    self.set_status(2);
                    if matches!(e, PErr::Incomplete(_)) {
                        break;
                    }
                    p.recover();
                }
            }
        }
        self.nest -= 1;
        flow
    }

    pub fn run_list(&mut self, list: &List) -> Flow {
        for (ao, bg) in &list.0 {
            if *bg {
                self.run_background(ao);
                continue;
            }
            let f = self.run_and_or(ao);
            if f != Flow::Next {
                return f;
            }
        }
        Flow::Next
    }

    pub(crate) fn run_and_or(&mut self, ao: &AndOr) -> Flow {
        let has_rest = !ao.rest.is_empty();
        if has_rest {
            self.cond_depth += 1;
        }
        let mut f = self.run_pipeline(&ao.first);
        if has_rest {
            self.cond_depth -= 1;
        }
        for (i, (and, p)) in ao.rest.iter().enumerate() {
            if f != Flow::Next {
                return f;
            }
            let ok = self.sh.status == 0;
            if *and != ok {
                continue;
            }
            let last = i + 1 == ao.rest.len();
            if !last {
                self.cond_depth += 1;
            }
            f = self.run_pipeline(p);
            if !last {
                self.cond_depth -= 1;
            }
        }
        f
    }

    fn run_pipeline(&mut self, p: &Pipeline) -> Flow {
        let Some(posix) = p.timed else {
            return self.run_untimed(p);
        };
        let start = self.sh.now;
        let flow = if p.cmds.is_empty() {
            self.sh.status = 0;
            Flow::Next
        } else {
            self.run_untimed(p)
        };
        let report = crate::builtins::time_report(self.sh.now - start, posix);
        self.err(&report);
        flow
    }

    fn run_untimed(&mut self, p: &Pipeline) -> Flow {
        if p.bang {
            self.cond_depth += 1;
        }
        let flow = if p.cmds.len() == 1 {
            let flow = self.run_cmd(&p.cmds[0].0);
            // A compound command leaves the statuses of the last pipeline
            // it ran; a simple one records its own.
            if !matches!(p.cmds[0].0, Cmd::Compound(..)) {
                let st = self.sh.status;
                self.set_array("PIPESTATUS", vec![st.to_string()], false);
            }
            flow
        } else {
            let (flow, statuses) = self.run_stages(&p.cmds);
            let st = self.sh.status;
            self.set_array("PIPESTATUS", statuses, false);
            self.sh.status = st;
            flow
        };
        if p.bang {
            self.cond_depth -= 1;
            let s = self.sh.status;
            self.sh.status = if s == 0 { 1 } else { 0 };
            return flow;
        }
        if flow == Flow::Next && self.sh.status != 0 && self.cond_depth == 0 && err_traps(p) {
            // Not inside function bodies: ERR is not inherited without -E.
            if self.funcnames.is_empty() {
                crate::builtins::trap::run_err_trap(self);
            }
        }
        if flow == Flow::Next && self.sh.status != 0 && self.sh.opts.errexit && self.cond_depth == 0
        {
            return Flow::Exit;
        }
        flow
    }

    /// A pipeline of several commands: its flow and each stage's status.
    fn run_stages(&mut self, cmds: &[(Cmd, bool)]) -> (Flow, Vec<String>) {
        let saved = self.fds.clone();
        let inputs_len = self.inputs.len();
        let mut input = saved.input;
        let mut statuses = Vec::new();
        let mut flow = Flow::Next;
        for (i, (cmd, amp)) in cmds.iter().enumerate() {
            let last = i + 1 == cmds.len();
            let buf = if last { None } else { Some(self.new_buf()) };
            self.fds = Fds {
                out: buf.map(Sink::Buf).unwrap_or_else(|| saved.out.clone()),
                err: if *amp {
                    buf.map(Sink::Buf).unwrap_or_else(|| saved.err.clone())
                } else {
                    saved.err.clone()
                },
                input,
            };
            flow = self.subshell(|ex| ex.run_cmd(cmd));
            statuses.push(self.sh.status);
            if let Some(b) = buf {
                let data = self.take_buf(b);
                input = Some(self.push_input(data));
            }
            if self.dead {
                break;
            }
        }
        self.fds = saved;
        self.inputs.truncate(inputs_len);
        let last = statuses.last().copied().unwrap_or(0);
        self.sh.status = if self.sh.opts.pipefail {
            statuses
                .iter()
                .rev()
                .find(|s| **s != 0)
                .copied()
                .unwrap_or(0)
        } else {
            last
        };
        (flow, statuses.iter().map(i32::to_string).collect())
    }

    pub fn run_cmd(&mut self, cmd: &Cmd) -> Flow {
        if self.dead {
            return Flow::Exit;
        }
        match cmd {
            Cmd::Simple(s) => self.run_simple(s),
            Cmd::FuncDef(name, body, src) => {
                if !self.step() {
                    return Flow::Exit;
                }
                self.sh.funcs.insert(
                    name.clone(),
                    Func {
                        body: (**body).clone(),
                        src: src.clone(),
                    },
                );
                self.sh.status = 0;
                Flow::Next
            }
            Cmd::Compound(c, redirs) => {
                let saved = self.fds.clone();
                let inputs_len = self.inputs.len();
                let flow = match self.apply_redirs(redirs) {
                    Ok(()) => self.run_compound(c),
                    Err(f) => f,
                };
                self.fds = saved;
                self.inputs.truncate(inputs_len);
                flow
            }
        }
    }

    fn run_compound(&mut self, c: &Compound) -> Flow {
        match c {
            Compound::Group(l) => self.run_list(l),
            Compound::Subshell(l) => {
                let f = self.subshell(|ex| ex.run_list(l));
                if f == Flow::Exit && !self.dead {
                    return Flow::Next;
                }
                f
            }
            Compound::If { branches, else_ } => {
                for (cond, body) in branches {
                    self.cond_depth += 1;
                    let f = self.run_list(cond);
                    self.cond_depth -= 1;
                    if f != Flow::Next {
                        return f;
                    }
                    if self.sh.status == 0 {
                        return self.run_list(body);
                    }
                }
                match else_ {
                    Some(l) => self.run_list(l),
                    None => {
                        self.sh.status = 0;
                        Flow::Next
                    }
                }
            }
            Compound::While { until, cond, body } => {
                let mut status = 0;
                self.loop_depth += 1;
                let flow = loop {
                    if !self.step() {
                        break Flow::Exit;
                    }
                    self.cond_depth += 1;
                    let f = self.run_list(cond);
                    self.cond_depth -= 1;
                    if f != Flow::Next {
                        break f;
                    }
                    if (self.sh.status == 0) == *until {
                        break Flow::Next;
                    }
                    match self.run_list(body) {
                        Flow::Next => {}
                        Flow::Break(n) if n <= 1 => break Flow::Next,
                        Flow::Break(n) => break Flow::Break(n - 1),
                        Flow::Continue(n) if n <= 1 => {}
                        Flow::Continue(n) => break Flow::Continue(n - 1),
                        f => break f,
                    }
                    status = self.sh.status;
                };
                self.loop_depth -= 1;
                if flow == Flow::Next {
                    self.sh.status = status;
                }
                flow
            }
            Compound::For { var, words, body } => {
                let items = match words {
                    Some(ws) => match self.expand_words(ws) {
                        Ok(v) => v,
                        Err(e) => return self.expansion_error(&e),
                    },
                    None => self.sh.positional.clone(),
                };
                self.sh.status = 0;
                self.loop_depth += 1;
                let mut flow = Flow::Next;
                for it in items {
                    if !self.step() {
                        flow = Flow::Exit;
                        break;
                    }
                    self.set_var(var, it);
                    match self.run_list(body) {
                        Flow::Next => {}
                        Flow::Break(n) if n <= 1 => break,
                        Flow::Break(n) => {
                            flow = Flow::Break(n - 1);
                            break;
                        }
                        Flow::Continue(n) if n <= 1 => {}
                        Flow::Continue(n) => {
                            flow = Flow::Continue(n - 1);
                            break;
                        }
                        f => {
                            flow = f;
                            break;
                        }
                    }
                }
                self.loop_depth -= 1;
                flow
            }
            Compound::ArithFor {
                init,
                cond,
                step,
                body,
            } => {
                if let Err(e) = self.arith_word(init) {
                    return self.expansion_error(&e);
                }
                self.loop_depth += 1;
                let mut flow = Flow::Next;
                self.sh.status = 0;
                loop {
                    if !self.step() {
                        flow = Flow::Exit;
                        break;
                    }
                    let c = if cond.0.is_empty() {
                        Ok(1)
                    } else {
                        self.arith_word(cond)
                    };
                    match c {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) => {
                            flow = self.expansion_error(&e);
                            break;
                        }
                    }
                    match self.run_list(body) {
                        Flow::Next => {}
                        Flow::Break(n) if n <= 1 => break,
                        Flow::Break(n) => {
                            flow = Flow::Break(n - 1);
                            break;
                        }
                        Flow::Continue(n) if n <= 1 => {}
                        Flow::Continue(n) => {
                            flow = Flow::Continue(n - 1);
                            break;
                        }
                        f => {
                            flow = f;
                            break;
                        }
                    }
                    if let Err(e) = self.arith_word(step) {
                        flow = self.expansion_error(&e);
                        break;
                    }
                }
                self.loop_depth -= 1;
                flow
            }
            Compound::Case { word, arms } => {
                let subject = match self.expand_string(word) {
                    Ok(s) => s,
                    Err(e) => return self.expansion_error(&e),
                };
                self.sh.status = 0;
                let mut i = 0;
                let mut run_next = false;
                while i < arms.len() {
                    let arm = &arms[i];
                    let mut hit = run_next;
                    if !hit {
                        for p in &arm.pats {
                            let pat = match self.expand_pattern(p) {
                                Ok(p) => p,
                                Err(e) => return self.expansion_error(&e),
                            };
                            if crate::glob::matches(&pat, &subject) {
                                hit = true;
                                break;
                            }
                        }
                    }
                    if hit {
                        let f = self.run_list(&arm.body);
                        if f != Flow::Next {
                            return f;
                        }
                        match arm.fallthrough.as_deref() {
                            Some(";&") => run_next = true,
                            Some(";;&") => run_next = false,
                            _ => return Flow::Next,
                        }
                    }
                    i += 1;
                }
                Flow::Next
            }
            Compound::Arith(w) => {
                if !self.step() {
                    return Flow::Exit;
                }
                match self.arith_word(w) {
                    Ok(v) => {
                        self.sh.status = if v != 0 { 0 } else { 1 };
                        Flow::Next
                    }
                    Err(e) => self.expansion_error(&e),
                }
            }
            Compound::Cond(toks) => {
                if !self.step() {
                    return Flow::Exit;
                }
                match builtins::cond::eval_cond(self, toks) {
                    Ok(b) => {
                        self.sh.status = if b { 0 } else { 1 };
                        Flow::Next
                    }
                    Err(e) => {
                        if !e.is_empty() {
                            self.err(&format!("bash: {}\n", e));
                        }
                        self.sh.status = 2;
                        Flow::Next
                    }
                }
            }
        }
    }

    /// Prints an expansion error and abandons the command line, as bash does.
    pub fn expansion_error(&mut self, msg: &str) -> Flow {
        if !msg.is_empty() {
            self.errp(msg);
        }
        self.sh.status = 1;
        Flow::Abort
    }

    fn arith_word(&mut self, w: &Word) -> Result<i64, String> {
        let text = self.expand_string(w)?;
        crate::arith::eval(&text, self)
    }

    // ---- simple commands ----------------------------------------------

    fn run_simple(&mut self, s: &Simple) -> Flow {
        if !self.step() {
            return Flow::Exit;
        }
        let procsubs_before = self.procsubs.len();
        let words = match self.expand_words(&s.words) {
            Ok(w) => w,
            Err(e) => {
                self.cleanup_procsubs(procsubs_before);
                return self.expansion_error(&e);
            }
        };
        let saved = self.fds.clone();
        let inputs_len = self.inputs.len();
        let flow = if words.is_empty() {
            self.assign_only(s)
        } else {
            let mut temp = Vec::new();
            let mut err = None;
            for a in &s.assigns {
                match self.assign_value(a) {
                    Ok(v) => temp.push((a.name.clone(), v)),
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            match err {
                Some(e) => self.expansion_error(&e),
                None => {
                    if self.sh.opts.xtrace {
                        let mut line = String::from("+");
                        for (n, v) in &temp {
                            line.push_str(&format!(" {}={}", n, builtins::quote_xtrace(v)));
                        }
                        for w in &words {
                            line.push(' ');
                            line.push_str(&builtins::quote_xtrace(w));
                        }
                        line.push('\n');
                        self.err(&line);
                    }
                    let flow = match self.apply_redirs(&s.redirs) {
                        Ok(()) => self.dispatch(&words, &temp),
                        Err(f) => f,
                    };
                    if let Some(last) = words.last() {
                        self.sh.vars.insert("_".into(), last.clone());
                    }
                    flow
                }
            }
        };
        self.fds = saved;
        self.inputs.truncate(inputs_len);
        self.cleanup_procsubs(procsubs_before);
        flow
    }

    fn cleanup_procsubs(&mut self, keep: usize) {
        while self.procsubs.len() > keep {
            if let Some(p) = self.procsubs.pop() {
                self.sh.vfs.remove_all(&p);
            }
        }
    }

    /// Registers a process-substitution file to delete after the command.
    pub fn procsub_path(&mut self, data: &str) -> String {
        // bash hands out descriptors downwards from 63 while a command's
        // substitutions are open.
        self.procsub_seq += 1;
        let path = format!(
            "/dev/fd/{}",
            63usize.saturating_sub(self.procsubs.len()).max(10)
        );
        let _ = self.sh.vfs.mkdir_p("/dev/fd");
        let _ = self.sh.vfs.write_checked(&path, data, false);
        self.procsubs.push(path.clone());
        path
    }

    fn assign_value(&mut self, a: &Assign) -> Result<String, String> {
        let v = self.expand_string(&a.value)?;
        let base = crate::lexer::subscripted(&a.name).map_or(a.name.as_str(), |(b, _)| b);
        if a.append && self.sh.integers.contains(base) {
            // `n+=2` adds when n is an integer.
            let old = self.get_var(&a.name).unwrap_or_default();
            let sum = crate::arith::eval(&format!("({})+({v})", old.trim()), self)?;
            return Ok(sum.to_string());
        }
        if a.append {
            Ok(format!(
                "{}{}",
                self.get_var(&a.name).unwrap_or_default(),
                v
            ))
        } else {
            Ok(v)
        }
    }

    fn assign_only(&mut self, s: &Simple) -> Flow {
        let before = self.sh.status;
        self.sh.status = 0;
        self.last_subst_status = None;
        for a in &s.assigns {
            // bash abandons the rest of the command line.
            if self.refuse_readonly(&a.name) {
                self.sh.status = 1;
                return Flow::Abort;
            }
            if let [Part::Array(words)] = a.value.0.as_slice() {
                match self.expand_words(words) {
                    Ok(items) => self.set_array(&a.name, items, a.append),
                    Err(e) => return self.expansion_error(&e),
                }
                continue;
            }
            match self.assign_value(a) {
                Ok(v) => {
                    if self.sh.opts.xtrace {
                        let line = format!("+ {}={}\n", a.name, builtins::quote_xtrace(&v));
                        self.err(&line);
                    }
                    self.set_var(&a.name, v)
                }
                Err(e) => return self.expansion_error(&e),
            }
        }
        let _ = before;
        let st = self.last_subst_status.take().unwrap_or(0);
        if let Err(f) = self.apply_redirs(&s.redirs) {
            return f;
        }
        self.sh.status = st;
        Flow::Next
    }

    /// Runs an already expanded command line.
    pub fn dispatch(&mut self, argv: &[String], temp: &[(String, String)]) -> Flow {
        let name = argv[0].as_str();
        if let Some(f) = self.sh.funcs.get(name).cloned() {
            return self.with_temp_vars(temp, |ex| ex.call_function(&f, argv));
        }
        if let Some(flow) = builtins::run_special(self, argv) {
            return flow;
        }
        if let Some(b) = builtins::lookup(name) {
            return self.with_temp_vars(temp, |ex| {
                let st = b(ex, argv);
                ex.sh.status = st;
                Flow::Next
            });
        }
        self.run_external(argv, temp)
    }

    /// Runs something that would be a file on disk: a host program, a
    /// coreutil, or a script in the VFS.
    pub fn run_external(&mut self, argv: &[String], temp: &[(String, String)]) -> Flow {
        if argv[0].contains('/') {
            let env = self.env_with(temp);
            return self.run_path(argv, &env);
        }
        match self.exec_program(argv, temp) {
            Ok(flow) => flow,
            Err(_) => {
                self.not_found(&argv[0]);
                self.sh.status = 127;
                Flow::Next
            }
        }
    }

    /// What a program that runs another one (`env`, `xargs`, `nohup`,
    /// `timeout`) does: exec `argv[0]` as a file, found on the PATH or by
    /// its path. Shell builtins and functions are not files; a missing
    /// program is the caller's to report, in its own words.
    pub fn exec_program(
        &mut self,
        argv: &[String],
        temp: &[(String, String)],
    ) -> Result<Flow, ExecError> {
        // A link on the PATH to a program (`k` -> kubectl) runs its target.
        if !argv[0].contains('/') {
            let path_var = self.get_var("PATH").unwrap_or_default();
            if let Some(link) = self.sh.vfs.link_on_path(&path_var, &argv[0]) {
                let mut linked = argv.to_vec();
                linked[0] = link;
                return self.exec_program(&linked, temp);
            }
        }
        let name = argv[0].as_str();
        let env = self.env_with(temp);
        if name.contains('/') {
            let path = self.resolve(name);
            let base = crate::vfs::base(&path);
            let in_bin = matches!(
                crate::vfs::parent(&path),
                "/usr/bin" | "/bin" | "/usr/sbin" | "/sbin" | "/usr/local/bin"
            );
            return match self.sh.vfs.stat(&path).map(|n| (n.is_dir(), n.mode)) {
                None if in_bin && self.progs.installed(base) => Ok(self.run_path(argv, &env)),
                None => Err(ExecError::NotFound),
                Some((true, _)) => Err(ExecError::Denied),
                Some((false, mode)) if mode & 0o111 == 0 => Err(ExecError::Denied),
                Some(_) => Ok(self.run_path(argv, &env)),
            };
        }
        let mark = self.stdin_mark();
        let stdin = Stdin::new(self.take_stdin());
        let stdout_tty = self.stdout_is_tty();
        let stdin_tty = self.stdin_is_tty();
        let inv = Invocation {
            argv: argv.to_vec(),
            stdin: &stdin,
            cwd: &self.sh.cwd,
            env: &env,
            vfs: &mut self.sh.vfs,
            stdout_tty,
            stdin_tty,
        };
        if let Some(o) = self.progs.run(inv) {
            self.unread_stdin(&stdin, mark);
            let jobs_wrote = self.progs.take_terminal();
            self.write_sink(&Sink::Term(Stream::Stdout), &jobs_wrote);
            self.emit(&o);
            self.sh.status = o.status;
            self.after_host();
            return Ok(Flow::Next);
        }
        // The host did not take it: give the stdin back.
        self.rewind_stdin(mark);
        if !self.progs.installed(name) {
            return Err(ExecError::NotFound);
        }
        if let Some(f) = coreutils::lookup(name) {
            return Ok(self.run_coreutil(f, argv, &env));
        }
        if builtins::EXEC_LEVEL.contains(&name) {
            return Ok(self.with_temp_vars(temp, |ex| {
                builtins::run_exec_level(ex, argv, &[]).unwrap_or(Flow::Next)
            }));
        }
        // /usr/bin/echo, /usr/bin/printf, …: the builtin does what they do.
        if builtins::info::is_tool(name) {
            if let Some(b) = builtins::lookup(name) {
                return Ok(self.with_temp_vars(temp, |ex| {
                    let st = b(ex, argv);
                    ex.sh.status = st;
                    Flow::Next
                }));
            }
        }
        Err(ExecError::NotFound)
    }

    /// The environment a program started with `temp` assignments gets.
    fn env_with(&self, temp: &[(String, String)]) -> BTreeMap<String, String> {
        let mut env = self.sh.env.clone();
        for (k, v) in temp {
            env.insert(k.clone(), v.clone());
        }
        env
    }

    fn stdin_mark(&self) -> Option<(usize, usize)> {
        self.fds
            .input
            .and_then(|i| self.inputs.get(i).map(|x| (i, x.pos)))
    }

    fn rewind_stdin(&mut self, mark: Option<(usize, usize)>) {
        if let Some((i, p)) = mark {
            if let Some(x) = self.inputs.get_mut(i) {
                x.pos = p;
            }
        }
    }

    /// What a host program did not read of its stdin stays for the next
    /// command (`while read x; do kubectl get $x; done`).
    fn unread_stdin(&mut self, stdin: &Stdin, mark: Option<(usize, usize)>) {
        self.rewind_stdin(mark);
        self.consume_stdin(stdin.consumed());
    }

    /// Runs a coreutil on the rest of stdin. A utility reads it by taking
    /// `Ctx::stdin`; one that leaves it there (`sleep`, `ls`, `cat FILE`)
    /// leaves it for the next command.
    pub fn run_coreutil(
        &mut self,
        f: coreutils::Util,
        argv: &[String],
        env: &BTreeMap<String, String>,
    ) -> Flow {
        let mark = self.stdin_mark();
        let stdin = self.take_stdin();
        let tty = self.stdout_is_tty();
        let limit = self.bytes_left();
        let draw = self.sh.next_random();
        let mut ctx = coreutils::Ctx {
            vfs: &mut self.sh.vfs,
            cwd: &self.sh.cwd,
            env,
            stdin,
            out: Output::default(),
            now: self.sh.now,
            user: &self.sh.user,
            host: &self.sh.host,
            tty,
            busybox: self.sh.sh_flavor == ShFlavor::Ash,
            written: 0,
            limit,
            draw,
            follow: false,
        };
        let st = f(&mut ctx, argv);
        let o = std::mem::take(&mut ctx.out);
        let follow = ctx.follow;
        if !ctx.stdin.is_empty() {
            self.rewind_stdin(mark);
        }
        self.emit(&o);
        self.sh.status = st;
        if follow {
            if let Some(st) = self.progs.hold() {
                self.sh.status = st;
                self.after_host();
            }
        }
        Flow::Next
    }

    fn run_path(&mut self, argv: &[String], env: &BTreeMap<String, String>) -> Flow {
        let name = &argv[0];
        let path = self.resolve(name);
        // Through links: `./k` -> /usr/local/bin/kubectl runs kubectl.
        let path = self
            .sh
            .vfs
            .canonical(&path, crate::vfs::Canon::AllButLast)
            .unwrap_or(path);
        let dir = crate::vfs::parent(&path);
        let base = crate::vfs::base(&path);
        if !self.sh.vfs.exists(&path)
            && matches!(
                dir,
                "/usr/bin" | "/bin" | "/usr/sbin" | "/sbin" | "/usr/local/bin"
            )
            && self.progs.installed(base)
        {
            let mut a = argv.to_vec();
            a[0] = base.to_string();
            let mark = self.stdin_mark();
            let stdin = Stdin::new(self.take_stdin());
            let stdout_tty = self.stdout_is_tty();
            let stdin_tty = self.stdin_is_tty();
            let inv = Invocation {
                argv: a.clone(),
                stdin: &stdin,
                cwd: &self.sh.cwd,
                env,
                vfs: &mut self.sh.vfs,
                stdout_tty,
                stdin_tty,
            };
            if let Some(o) = self.progs.run(inv) {
                self.unread_stdin(&stdin, mark);
                self.emit(&o);
                self.sh.status = o.status;
                self.after_host();
                return Flow::Next;
            }
            self.rewind_stdin(mark);
            if let Some(f) = coreutils::lookup(base) {
                return self.run_coreutil(f, &a, env);
            }
            if builtins::EXEC_LEVEL.contains(&base) {
                return builtins::run_exec_level(self, &a, &[]).unwrap_or(Flow::Next);
            }
        }
        match self.sh.vfs.stat(&path).map(|n| (n.is_dir(), n.mode)) {
            None => {
                // dash and busybox ash say `not found` for a path too.
                if self.sh.sh_flavor == ShFlavor::Bash {
                    self.err(&format!("bash: {}: No such file or directory\n", name));
                } else {
                    self.not_found(name);
                }
                self.sh.status = 127;
                Flow::Next
            }
            Some((true, _)) => {
                self.err(&format!("bash: {}: Is a directory\n", name));
                self.sh.status = 126;
                Flow::Next
            }
            Some((false, mode)) if mode & 0o111 == 0 => {
                self.err(&format!("bash: {}: Permission denied\n", name));
                self.sh.status = 126;
                Flow::Next
            }
            Some(_) => {
                let text = self.sh.vfs.read(&path).unwrap_or("").to_string();
                self.run_script_file(&text, argv)
            }
        }
    }

    /// Runs a script as a child bash: its own variables, positional args.
    pub fn run_script_file(&mut self, text: &str, argv: &[String]) -> Flow {
        let args = argv[1..].to_vec();
        self.subshell(|ex| {
            ex.sh.positional = args;
            ex.sh.vars.retain(|k, _| {
                matches!(
                    k.as_str(),
                    "BASH" | "BASH_VERSION" | "HOSTTYPE" | "OSTYPE" | "UID" | "EUID"
                )
            });
            ex.sh.funcs.clear();
            ex.sh.aliases.clear();
            let saved_locals = std::mem::take(&mut ex.locals);
            // A new bash process: nothing of the parent's traps.
            ex.shown_traps = None;
            let saved_script = ex.script.replace(argv[0].clone());
            let saved_line = ex.lineno;
            let f = ex.run_script(text, false);
            ex.script = saved_script;
            ex.lineno = saved_line;
            ex.locals = saved_locals;
            f
        })
    }

    pub(crate) fn with_temp_vars<F: FnOnce(&mut Exec) -> Flow>(
        &mut self,
        temp: &[(String, String)],
        f: F,
    ) -> Flow {
        if temp.is_empty() {
            return f(self);
        }
        // A readonly name keeps its value; bash says so and runs the command.
        let allowed: Vec<(String, String)> = temp
            .iter()
            .filter(|(k, _)| !self.refuse_readonly(k))
            .cloned()
            .collect();
        let temp = allowed.as_slice();
        let saved: Vec<(String, Option<String>, Option<String>)> = temp
            .iter()
            .map(|(k, _)| {
                (
                    k.clone(),
                    self.sh.env.get(k).cloned(),
                    self.sh.vars.get(k).cloned(),
                )
            })
            .collect();
        for (k, v) in temp {
            self.sh.vars.remove(k);
            self.sh.env.insert(k.clone(), v.clone());
        }
        let flow = f(self);
        for (k, e, v) in saved {
            self.sh.env.remove(&k);
            self.sh.vars.remove(&k);
            if let Some(e) = e {
                self.sh.env.insert(k.clone(), e);
            }
            if let Some(v) = v {
                self.sh.vars.insert(k, v);
            }
        }
        flow
    }

    /// `FUNCNAME`: the functions being run, innermost first; unset
    /// outside them.
    fn sync_funcname(&mut self) {
        let stack: BTreeMap<usize, String> =
            self.funcnames.iter().rev().cloned().enumerate().collect();
        if stack.is_empty() {
            self.sh.arrays.remove("FUNCNAME");
        } else {
            self.sh.arrays.insert("FUNCNAME".into(), stack);
        }
    }

    fn call_function(&mut self, f: &Func, argv: &[String]) -> Flow {
        if self.func_depth >= FUNC_NEST_LIMIT {
            self.err(&format!(
                "bash: {}: maximum function nesting level exceeded ({})\n",
                argv[0], FUNC_NEST_LIMIT
            ));
            self.sh.status = 1;
            return Flow::Abort;
        }
        self.func_depth += 1;
        let saved_pos = std::mem::replace(&mut self.sh.positional, argv[1..].to_vec());
        self.locals.push(Vec::new());
        self.funcnames.push(argv[0].clone());
        self.sync_funcname();
        let flow = self.run_cmd(&f.body);
        self.funcnames.pop();
        self.sync_funcname();
        if let Some(frame) = self.locals.pop() {
            for (name, old, exported) in frame.into_iter().rev() {
                self.sh.env.remove(&name);
                self.sh.vars.remove(&name);
                if let Some(v) = old {
                    if exported {
                        self.sh.env.insert(name, v);
                    } else {
                        self.sh.vars.insert(name, v);
                    }
                }
            }
        }
        self.sh.positional = saved_pos;
        self.func_depth -= 1;
        match flow {
            Flow::Return | Flow::Break(_) | Flow::Continue(_) => Flow::Next,
            f => f,
        }
    }

    // ---- redirections -------------------------------------------------

    fn apply_redirs(&mut self, redirs: &[Redir]) -> Result<(), Flow> {
        for r in redirs {
            if let Err(msg) = self.apply_redir(r) {
                if !msg.is_empty() {
                    self.errp(&msg);
                }
                self.sh.status = 1;
                return Err(Flow::Next);
            }
        }
        Ok(())
    }

    fn redir_path(&mut self, w: &Word) -> Result<String, String> {
        let fields = self.expand_words(std::slice::from_ref(w))?;
        if fields.len() != 1 || fields[0].is_empty() && !word_has_quotes(w) {
            return Err(format!(
                "{}: ambiguous redirect",
                crate::expand::word_source(w)
            ));
        }
        Ok(fields[0].clone())
    }

    pub(crate) fn open_out(&mut self, name: &str, append: bool) -> Result<Sink, String> {
        let path = self.resolve(name);
        if path == "/dev/null" {
            return Ok(Sink::Null);
        }
        if path == "/dev/stdout" {
            return Ok(self.fds.out.clone());
        }
        if path == "/dev/stderr" {
            return Ok(self.fds.err.clone());
        }
        let res = if append {
            self.sh.vfs.write_checked(&path, "", true)
        } else {
            self.sh.vfs.write_checked(&path, "", false)
        };
        match res {
            Ok(()) => Ok(Sink::File(path)),
            Err(e) => Err(format!("{}: {}", name, e.msg())),
        }
    }

    fn set_fd(&mut self, fd: u32, sink: Sink) {
        match fd {
            1 => self.fds.out = sink,
            2 => self.fds.err = sink,
            _ => {}
        }
    }

    fn apply_redir(&mut self, r: &Redir) -> Result<(), String> {
        match r.op {
            RedirOp::In | RedirOp::ReadWrite => {
                let name = self.redir_path(&r.target)?;
                let path = self.resolve(&name);
                if path == crate::vfs::DEV_STDIN && r.fd.unwrap_or(0) == 0 {
                    // `< /dev/stdin`: stdin stays what it is.
                    return Ok(());
                }
                let data = match self.sh.vfs.read_checked(&path) {
                    Ok(d) => d.to_string(),
                    Err(VfsError::NotFound) if r.op == RedirOp::ReadWrite => {
                        self.sh
                            .vfs
                            .write_checked(&path, "", true)
                            .map_err(|e| format!("{}: {}", name, e.msg()))?;
                        String::new()
                    }
                    Err(VfsError::IsDir) if r.op == RedirOp::In => String::new(),
                    Err(e) => return Err(format!("{}: {}", name, e.msg())),
                };
                if r.fd.unwrap_or(0) == 0 {
                    let i = self.push_input(data);
                    self.fds.input = Some(i);
                }
            }
            RedirOp::Out | RedirOp::Clobber | RedirOp::Append => {
                let name = self.redir_path(&r.target)?;
                let sink = self.open_out(&name, r.op == RedirOp::Append)?;
                self.set_fd(r.fd.unwrap_or(1), sink);
            }
            RedirOp::OutErr | RedirOp::AppendOutErr => {
                let name = self.redir_path(&r.target)?;
                let sink = self.open_out(&name, r.op == RedirOp::AppendOutErr)?;
                self.fds.out = sink.clone();
                self.fds.err = sink;
            }
            RedirOp::DupOut | RedirOp::DupIn => {
                let target = self.expand_string(&r.target)?;
                let default = if r.op == RedirOp::DupIn { 0 } else { 1 };
                let fd = r.fd.unwrap_or(default);
                match target.as_str() {
                    "-" => self.set_fd(fd, Sink::Null),
                    "0" if fd == 0 => {}
                    "1" => {
                        let s = self.fds.out.clone();
                        self.set_fd(fd, s);
                    }
                    "2" => {
                        let s = self.fds.err.clone();
                        self.set_fd(fd, s);
                    }
                    t if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() => {
                        return Err(format!("{}: Bad file descriptor", t));
                    }
                    t if r.fd.is_none() && r.op == RedirOp::DupOut => {
                        let sink = self.open_out(t, false)?;
                        self.fds.out = sink.clone();
                        self.fds.err = sink;
                    }
                    t => return Err(format!("{}: ambiguous redirect", t)),
                }
            }
            RedirOp::HereDoc | RedirOp::HereStr => {
                let mut data = self.expand_string(&r.target)?;
                if r.op == RedirOp::HereStr {
                    data.push('\n');
                }
                if r.fd.unwrap_or(0) == 0 {
                    let i = self.push_input(data);
                    self.fds.input = Some(i);
                }
            }
        }
        Ok(())
    }

    // ---- command substitution -----------------------------------------

    /// Runs a list with stdout captured; trailing newlines removed.
    pub fn capture(&mut self, list: &List) -> String {
        let buf = self.new_buf();
        let saved = self.fds.clone();
        self.fds.out = Sink::Buf(buf);
        self.nest += 1;
        if self.nest > 60 {
            self.err("bash: maximum nesting level exceeded\n");
        } else if let Some(redir) = lone_input_redirect(list) {
            // `$(< file)`: bash reads the file itself, no command runs.
            self.subshell(|ex| {
                let saved = ex.fds.input;
                if ex.apply_redirs(std::slice::from_ref(redir)).is_ok() {
                    let data = ex.take_stdin();
                    ex.out(&data);
                    ex.sh.status = 0;
                }
                ex.fds.input = saved;
                Flow::Next
            });
        } else {
            self.subshell(|ex| ex.run_list(list));
        }
        self.nest -= 1;
        self.fds = saved;
        self.last_subst_status = Some(self.sh.status);
        self.take_buf(buf)
    }

    /// Like `capture` for text that still has to be parsed (backquotes).
    pub fn capture_text(&mut self, text: &str) -> String {
        let buf = self.new_buf();
        let saved = self.fds.clone();
        self.fds.out = Sink::Buf(buf);
        self.subshell(|ex| ex.run_script(text, false));
        self.fds = saved;
        self.last_subst_status = Some(self.sh.status);
        self.take_buf(buf)
    }
}

/// The redirection of a command substitution that is only `< file`.
fn lone_input_redirect(list: &List) -> Option<&Redir> {
    let [(and_or, _)] = list.0.as_slice() else {
        return None;
    };
    let [(Cmd::Simple(simple), _)] = and_or.first.cmds.as_slice() else {
        return None;
    };
    let lone = and_or.rest.is_empty()
        && !and_or.first.bang
        && simple.assigns.is_empty()
        && simple.words.is_empty();
    match simple.redirs.as_slice() {
        [r] if lone && r.op == RedirOp::In && r.fd.unwrap_or(0) == 0 => Some(r),
        _ => None,
    }
}

impl crate::arith::Vars for Exec<'_> {
    fn get_var(&self, name: &str) -> Option<String> {
        self.lookup_param(name)
    }
    fn set_var(&mut self, name: &str, value: i64) {
        Exec::set_var(self, name, value.to_string());
    }
}

fn push_chunk(out: &mut Output, s: Stream, text: &str) {
    if let Some((last, t)) = out.chunks.last_mut() {
        if *last == s {
            t.push_str(text);
            return;
        }
    }
    out.chunks.push((s, text.to_string()));
}

fn word_has_quotes(w: &Word) -> bool {
    w.0.iter()
        .any(|p| matches!(p, Part::Quoted(_) | Part::Dq(_)))
}

/// Whether a failing pipeline triggers the ERR trap itself: a compound
/// command that runs in this shell (`{ }`, `if`, loops) has already let
/// its own failing command do so.
fn err_traps(p: &Pipeline) -> bool {
    match p.cmds.as_slice() {
        [(Cmd::Compound(c, _), _)] => matches!(
            **c,
            Compound::Subshell(_) | Compound::Arith(_) | Compound::Cond(_)
        ),
        [(Cmd::FuncDef(..), _)] => false,
        _ => true,
    }
}

/// `[idx]=value`, an array item that names its place.
fn bracketed(item: &str) -> Option<(&str, &str)> {
    let rest = item.strip_prefix('[')?;
    let (idx, value) = rest.split_once("]=")?;
    (!idx.is_empty()).then_some((idx, value))
}
