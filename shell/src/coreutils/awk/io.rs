//! Everything awk reads and writes beyond its own variables: the main
//! input (ARGV's files and assignments), getline's files and commands,
//! output files and pipes, system(). Buffering follows mawk: stdout is
//! block-buffered unless it is a terminal and is flushed before a command
//! starts; a `print | cmd` pipe's command runs (and prints) when closed,
//! at the latest at exit, before awk's own stdout is flushed.

use super::interp::Interp;
use super::parse::{Expr, GetSrc};
use super::value::Val;
use crate::regex::Regex;
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Truncate,
    Append,
    Pipe,
}

struct Out {
    name: String,
    /// The file's resolved path; None for a pipe.
    path: Option<String>,
    buf: String,
}

/// An open input: a file's or a command's whole text, read record by
/// record.
struct In {
    name: String,
    data: String,
    pos: usize,
    status: i32,
}

pub struct Io {
    tty: bool,
    stdout: String,
    stdin: Option<String>,
    outs: Vec<Out>,
    ins: Vec<In>,
    main: Option<In>,
    argi: usize,
    saw_file: bool,
    main_done: bool,
    /// Bytes written to files, bounded like the terminal's output.
    file_bytes: usize,
    /// `exit` ran inside a function: the program unwinds.
    pub exiting: bool,
}

/// How much awk may write into files in one run.
const FILE_BUDGET: usize = 8 << 20;
/// What running a command costs in steps: loops over commands end.
const COMMAND_STEPS: u64 = 2_000;

impl Io {
    pub fn new(tty: bool) -> Io {
        Io {
            tty,
            stdout: String::new(),
            stdin: None,
            outs: vec![],
            ins: vec![],
            main: None,
            argi: 1,
            saw_file: false,
            main_done: false,
            file_bytes: 0,
            exiting: false,
        }
    }
}

/// The next record of `data` from `pos` under the record separator `rs`:
/// a newline (or any one character), paragraphs when empty, else a regex.
fn next_record(
    data: &str,
    pos: &mut usize,
    rs: &str,
    cache: &mut BTreeMap<String, Regex>,
) -> Option<String> {
    if rs.is_empty() {
        while data[*pos..].starts_with('\n') {
            *pos += 1;
        }
        if *pos >= data.len() {
            return None;
        }
        let rest = &data[*pos..];
        return Some(match rest.find("\n\n") {
            Some(n) => {
                let rec = rest[..n].to_string();
                *pos += n;
                while data[*pos..].starts_with('\n') {
                    *pos += 1;
                }
                rec
            }
            None => {
                *pos = data.len();
                rest.trim_end_matches('\n').to_string()
            }
        });
    }
    if *pos >= data.len() {
        return None;
    }
    let rest = &data[*pos..];
    let mut cs = rs.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return Some(match rest.find(c) {
            Some(n) => {
                *pos += n + c.len_utf8();
                rest[..n].to_string()
            }
            None => {
                *pos = data.len();
                rest.to_string()
            }
        });
    }
    let re = match cache.get(rs) {
        Some(r) => r.clone(),
        None => {
            let r = Regex::new(rs, true, false).ok()?;
            cache.insert(rs.to_string(), r.clone());
            r
        }
    };
    let chars: Vec<char> = rest.chars().collect();
    let mut from = 0;
    while let Some((a, b)) = re.find_at(&chars, from).and_then(|c| c[0]) {
        if b > a {
            let rec: String = chars[..a].iter().collect();
            *pos += chars[..b].iter().map(|c| c.len_utf8()).sum::<usize>();
            return Some(rec);
        }
        from = a + 1;
        if from > chars.len() {
            break;
        }
    }
    *pos = data.len();
    Some(rest.to_string())
}

/// Escapes in `-v var=value` and command-line assignments, as in strings.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('/') => out.push('/'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

impl Interp<'_> {
    fn take_stdin(&mut self) -> String {
        if self.io.stdin.is_none() {
            self.io.stdin = Some(self.host.stdin());
        }
        std::mem::take(self.io.stdin.as_mut().expect("stdin"))
    }

    /// A file's text for reading; `-` and /dev/stdin are stdin.
    fn read_file(&mut self, name: &str) -> Result<String, String> {
        let path = crate::vfs::resolve(&self.host.cwd(), name);
        if name == "-" || path == crate::vfs::DEV_STDIN {
            return Ok(self.take_stdin());
        }
        self.host
            .vfs()
            .read_checked(&path)
            .map(|s| s.to_string())
            .map_err(|e| e.msg().to_string())
    }

    // ---- main input -------------------------------------------------------

    /// The next record of the main input (counting NR and FNR), walking
    /// ARGV: files, `var=value` assignments, stdin when there is no file.
    pub fn next_main(&mut self) -> Option<String> {
        loop {
            if self.stopped() {
                return None;
            }
            if let Some(mut inp) = self.io.main.take() {
                let rs = self.var("RS").string();
                if let Some(rec) = next_record(&inp.data, &mut inp.pos, &rs, self.regex_cache()) {
                    self.io.main = Some(inp);
                    for v in ["NR", "FNR"] {
                        let n = self.num_var(v) + 1.0;
                        self.set_var(v, Val::Num(n));
                    }
                    return Some(rec);
                }
            }
            if self.io.main_done {
                return None;
            }
            let argc = self.num_var("ARGC").clamp(0.0, 1e6) as usize;
            let mut opened = false;
            while self.io.argi < argc {
                let i = self.io.argi;
                self.io.argi += 1;
                let a = self
                    .array("ARGV")
                    .get(&i.to_string())
                    .map(|v| v.string())
                    .unwrap_or_default();
                if a.is_empty() {
                    continue;
                }
                if let Some((k, v)) = a.split_once('=') {
                    if crate::lexer::is_name(k) {
                        self.set_var(k, Val::StrNum(unescape(v)));
                        continue;
                    }
                }
                match self.read_file(&a) {
                    Ok(data) => {
                        self.open_main(&a, data);
                        opened = true;
                        break;
                    }
                    Err(e) => {
                        self.err = Some(format!("awk: cannot open {} ({})", a, e));
                        return None;
                    }
                }
            }
            if opened {
                continue;
            }
            if !self.io.saw_file {
                let data = self.take_stdin();
                self.open_main("-", data);
                continue;
            }
            self.io.main_done = true;
            return None;
        }
    }

    fn open_main(&mut self, name: &str, data: String) {
        self.io.saw_file = true;
        self.set_var("FILENAME", Val::Str(name.to_string()));
        self.set_var("FNR", Val::Num(0.0));
        self.io.main = Some(In {
            name: name.to_string(),
            data,
            pos: 0,
            status: 0,
        });
    }

    /// `nextfile`: the rest of the current file is skipped.
    pub fn skip_file(&mut self) {
        self.io.main = None;
    }

    // ---- getline ----------------------------------------------------------

    /// getline in its forms: 1 with a record, 0 at the end, -1 when the
    /// file cannot be read. Only the main-input forms count NR and FNR.
    pub fn getline(&mut self, src: &GetSrc, var: Option<&Expr>) -> Val {
        let rec = match src {
            GetSrc::Main => match self.next_main() {
                Some(r) => r,
                None => return Val::Num(0.0),
            },
            GetSrc::File(e) | GetSrc::Cmd(e) => {
                let name = self.eval(e).string();
                let cmd = matches!(src, GetSrc::Cmd(_));
                let Some(r) = self.read_from(&name, cmd) else {
                    return Val::Num(self.last_get as f64);
                };
                r
            }
        };
        match var {
            Some(v) => self.assign(v, Val::StrNum(rec)),
            None => self.set_record(rec),
        }
        Val::Num(1.0)
    }

    /// The next record from a file or command, opening it on first use.
    /// None at the end (`last_get` 0) or when it cannot be opened (-1).
    fn read_from(&mut self, name: &str, cmd: bool) -> Option<String> {
        let idx = match self.io.ins.iter().position(|i| i.name == name) {
            Some(i) => i,
            None => {
                let (data, status) = if cmd {
                    self.flush_stdout();
                    self.steps += COMMAND_STEPS;
                    self.host.run(name, "", true)
                } else {
                    match self.read_file(name) {
                        Ok(d) => (d, 0),
                        Err(_) => {
                            self.last_get = -1;
                            return None;
                        }
                    }
                };
                self.io.ins.push(In {
                    name: name.to_string(),
                    data,
                    pos: 0,
                    status,
                });
                self.io.ins.len() - 1
            }
        };
        let rs = self.var("RS").string();
        let mut inp = self.io.ins.swap_remove(idx);
        let rec = next_record(&inp.data, &mut inp.pos, &rs, self.regex_cache());
        self.io.ins.push(inp);
        let last = self.io.ins.len() - 1;
        self.io.ins.swap(idx, last);
        self.last_get = 0;
        rec
    }

    // ---- output -----------------------------------------------------------

    pub fn write_stdout(&mut self, s: &str) {
        self.io.stdout.push_str(s);
        if self.io.tty || self.io.stdout.len() > 1 << 16 {
            self.flush_stdout();
        }
    }

    pub fn flush_stdout(&mut self) {
        if !self.io.stdout.is_empty() {
            let s = std::mem::take(&mut self.io.stdout);
            self.host.out(&s);
        }
    }

    /// `print > name`, `>> name`, `| name`: the stream opens on first use
    /// (a `>` file is emptied then) and stays open until close().
    pub fn write_to(&mut self, name: &str, mode: Mode, text: &str) {
        if mode != Mode::Pipe {
            match name {
                "/dev/stdout" => return self.write_stdout(text),
                "/dev/stderr" => return self.host.err(text),
                _ => {}
            }
        }
        if let Some(o) = self.io.outs.iter_mut().find(|o| o.name == name) {
            o.buf.push_str(text);
            if o.path.is_some() && o.buf.len() > 1 << 16 {
                let name = name.to_string();
                self.flush_out(&name);
            }
            return;
        }
        let path = if mode == Mode::Pipe {
            self.flush_stdout();
            None
        } else {
            let p = crate::vfs::resolve(&self.host.cwd(), name);
            if let Err(e) = self.host.vfs().write_checked(&p, "", mode == Mode::Append) {
                if self.err.is_none() {
                    self.err = Some(format!(
                        "awk: cannot open \"{}\" for output ({})",
                        name,
                        e.msg()
                    ));
                }
                return;
            }
            Some(p)
        };
        self.io.outs.push(Out {
            name: name.to_string(),
            path,
            buf: text.to_string(),
        });
    }

    /// Writes a file's buffered text out (pipes wait for their close).
    fn flush_out(&mut self, name: &str) {
        let Some(o) = self.io.outs.iter_mut().find(|o| o.name == name) else {
            return;
        };
        let Some(p) = o.path.clone() else {
            return;
        };
        let buf = std::mem::take(&mut o.buf);
        self.io.file_bytes += buf.len();
        if self.io.file_bytes > FILE_BUDGET {
            self.runtime_error(&format!(
                "write failure on \"{}\" (No space left on device)",
                name
            ));
            return;
        }
        let _ = self.host.vfs().write_checked(&p, &buf, true);
    }

    /// Ends an output stream: a file's text is written, a pipe's command
    /// runs on what was printed to it. Its exit status.
    fn finish_out(&mut self, o: Out) -> i32 {
        match o.path {
            Some(_) => {
                let name = o.name.clone();
                self.io.outs.push(o);
                self.flush_out(&name);
                self.io.outs.retain(|x| x.name != name);
                0
            }
            None => {
                self.steps += COMMAND_STEPS;
                self.host.run(&o.name, &o.buf, false).1
            }
        }
    }

    /// close(): ends the output and the input of that name.
    pub fn close(&mut self, name: &str) -> i32 {
        let mut st = -1;
        if let Some(i) = self.io.outs.iter().position(|o| o.name == name) {
            let o = self.io.outs.remove(i);
            st = self.finish_out(o);
        }
        if let Some(i) = self.io.ins.iter().position(|x| x.name == name) {
            st = self.io.ins.remove(i).status;
        }
        st
    }

    pub fn fflush(&mut self, name: Option<&str>) -> i32 {
        match name {
            None | Some("/dev/stdout") => {
                self.flush_stdout();
                0
            }
            Some("") => {
                self.flush_stdout();
                let names: Vec<String> = self.io.outs.iter().map(|o| o.name.clone()).collect();
                for n in names {
                    self.flush_out(&n);
                }
                0
            }
            Some(n) => {
                if self.io.outs.iter().any(|o| o.name == n) {
                    self.flush_out(n);
                    0
                } else {
                    -1
                }
            }
        }
    }

    /// system(): awk's output so far goes first, then the command runs
    /// with its output straight to awk's stdout. Its exit status.
    pub fn system(&mut self, cmd: &str) -> i32 {
        self.fflush(Some(""));
        self.steps += COMMAND_STEPS;
        self.host.run(cmd, "", false).1
    }

    /// At exit: pipes' commands run and files are written, in the order
    /// they were opened; then awk's stdout is flushed.
    pub fn close_all(&mut self) {
        while !self.io.outs.is_empty() {
            let o = self.io.outs.remove(0);
            self.finish_out(o);
        }
        self.flush_stdout();
    }
}
