//! Running a compiled script over the input, cycle by cycle, the way GNU
//! sed's execute.c does: its range states, `$` look-ahead across files,
//! the append queue and the "missing newline" of a last line.

use super::script::{Addr, Op, Program, Range, Sink, Subst, CASE_ONE_SHOT};
use super::text::{list, push_cased};
use super::Fail;
use crate::coreutils::Ctx;
use crate::regex::Caps;
use crate::vfs::VfsError;

/// Executed commands plus characters scanned by regexes: a script such
/// as `:a;s/x*/y/;ta` stops here instead of running forever.
const WORK_LIMIT: u64 = 40_000_000;
/// Pattern plus hold space, in bytes.
const SPACE_LIMIT: usize = 8 << 20;

pub(super) struct Opts {
    pub quiet: bool,
    pub separate: bool,
    /// `-i`'s backup name pattern: `*` is the file's name; "*" alone
    /// means no backup.
    pub in_place: Option<String>,
    pub delim: char,
    pub line_len: u64,
    /// Whether `N` on the last line prints the pattern space (GNU mode).
    pub n_prints: bool,
    /// Where "no previous regular expression" is reported.
    pub last_place: String,
}

/// Why a run ended early.
pub(super) enum Stop {
    Fail(Fail),
    /// A budget ran out: the run ends quietly, as if killed.
    Limit,
}

impl From<Fail> for Stop {
    fn from(f: Fail) -> Stop {
        Stop::Fail(f)
    }
}

#[derive(Clone, Default)]
struct Line {
    text: String,
    /// False for a last line that had no newline.
    chomped: bool,
}

/// The input file being read.
struct Cur {
    name: String,
    data: String,
    pos: usize,
    /// For `-i`: the file's path and its new contents.
    path: Option<String>,
    out: String,
}

impl Cur {
    fn has_data(&self) -> bool {
        self.pos < self.data.len()
    }

    fn next_line(&mut self, d: char) -> Option<(String, bool)> {
        let rest = self.data.get(self.pos..).filter(|r| !r.is_empty())?;
        Some(match rest.find(d) {
            Some(i) => {
                let l = rest[..i].to_string();
                self.pos += i + d.len_utf8();
                (l, true)
            }
            None => {
                let l = rest.to_string();
                self.pos = self.data.len();
                (l, false)
            }
        })
    }
}

enum Queued {
    Text(Option<String>),
    File(String),
    Raw(String),
}

#[derive(Clone, Copy)]
enum Target {
    Main,
    Out(usize),
}

pub(super) struct Runner<'p> {
    prog: &'p mut Program,
    opts: &'p Opts,
    files: Vec<String>,
    next_file: usize,
    cur: Option<Cur>,
    line_no: u64,
    reset_next: bool,
    /// Files that could not be read (status 2).
    pub bad: usize,
    ps: Line,
    hold: Line,
    replaced: bool,
    queue: Vec<Queued>,
    missing_newline: bool,
    last_re: Option<usize>,
    work: u64,
}

impl<'p> Runner<'p> {
    pub fn new(prog: &'p mut Program, opts: &'p Opts, files: Vec<String>) -> Runner<'p> {
        Runner {
            prog,
            opts,
            files,
            next_file: 0,
            cur: None,
            line_no: 0,
            reset_next: true,
            bad: 0,
            ps: Line::default(),
            hold: Line {
                text: String::new(),
                chomped: true,
            },
            replaced: false,
            queue: Vec::new(),
            missing_newline: false,
            last_re: None,
            work: 0,
        }
    }

    /// Runs every cycle; the exit status a `q`/`Q` asked for, if any.
    pub fn run(&mut self, ctx: &mut Ctx) -> Result<i32, Stop> {
        let mut status = 0;
        while self.read_pattern_space(ctx, false)? {
            if let Some(code) = self.execute(ctx)? {
                status = code;
                break;
            }
        }
        self.closedown(ctx)?;
        Ok(status)
    }

    /// Writes the `w` files' contents (what GNU flushes at exit).
    pub fn flush_files(&mut self, ctx: &mut Ctx) {
        for o in &self.prog.outputs {
            if let Sink::File(p) = &o.sink {
                let _ = ctx.vfs.write_checked(p, &o.text, false);
            }
        }
    }

    fn tick(&mut self, n: usize) -> Result<(), Stop> {
        self.work = self.work.saturating_add(n as u64 + 1);
        if self.work > WORK_LIMIT || self.ps.text.len() + self.hold.text.len() > SPACE_LIMIT {
            return Err(Stop::Limit);
        }
        Ok(())
    }

    // ---- input ----

    fn open_next_file(&mut self, ctx: &mut Ctx, lookahead: bool) -> Result<(), Stop> {
        let Some(name) = self.files.get(self.next_file).cloned() else {
            return Ok(());
        };
        self.next_file += 1;
        let in_place = self.opts.in_place.is_some();
        let read = if in_place {
            let p = ctx.path(&name);
            ctx.vfs.read_checked(&p).map(str::to_string)
        } else {
            ctx.read(&name)
        };
        let data = match read {
            Ok(d) => d,
            // A directory opens but cannot be read; looking ahead for `$`
            // GNU just sees no data in it.
            Err(VfsError::IsDir) if lookahead => String::new(),
            Err(VfsError::IsDir) if in_place => {
                return Err(
                    Fail::Panic(format!("couldn't edit {}: not a regular file", name)).into(),
                )
            }
            Err(VfsError::IsDir) => {
                return Err(Fail::Panic(format!("read error on {}: Is a directory", name)).into())
            }
            Err(e) => {
                ctx.err(&format!("sed: can't read {}: {}\n", name, e.msg()));
                self.bad += 1;
                self.cur = None;
                return Ok(());
            }
        };
        self.missing_newline = self.missing_newline && !in_place;
        self.cur = Some(Cur {
            path: in_place.then(|| ctx.path(&name)),
            name,
            data,
            pos: 0,
            out: String::new(),
        });
        Ok(())
    }

    /// Done with the current file: `-i` writes it (and its backup).
    fn closedown(&mut self, ctx: &mut Ctx) -> Result<(), Stop> {
        let Some(cur) = self.cur.take() else {
            return Ok(());
        };
        let (Some(path), Some(ext)) = (&cur.path, &self.opts.in_place) else {
            return Ok(());
        };
        let cannot = |e: VfsError| Fail::Panic(format!("cannot rename {}: {}", cur.name, e.msg()));
        if ext != "*" {
            let backup = ctx.path(&ext.replace('*', &cur.name));
            ctx.vfs
                .write_checked(&backup, &cur.data, false)
                .map_err(cannot)?;
        }
        ctx.vfs
            .write_checked(path, &cur.out, false)
            .map_err(cannot)?;
        Ok(())
    }

    fn read_pattern_space(&mut self, ctx: &mut Ctx, append: bool) -> Result<bool, Stop> {
        if !self.queue.is_empty() {
            self.dump_append(ctx)?;
        }
        self.replaced = false;
        if !append {
            self.ps.text.clear();
        }
        self.ps.chomped = true;
        loop {
            let d = self.opts.delim;
            if let Some((l, chomped)) = self.cur.as_mut().and_then(|c| c.next_line(d)) {
                self.ps.text.push_str(&l);
                self.ps.chomped = chomped;
                break;
            }
            self.closedown(ctx)?;
            if self.next_file >= self.files.len() {
                return Ok(false);
            }
            if self.reset_next {
                self.line_no = 0;
                self.hold.text.clear();
                for c in self.prog.cmds.iter_mut() {
                    c.range = if matches!(c.a1, Some(Addr::Num(0))) {
                        Range::Active
                    } else {
                        Range::Inactive
                    };
                }
                for r in self.prog.rfiles.iter_mut() {
                    r.pos = 0;
                }
                self.reset_next = self.opts.separate;
            }
            self.open_next_file(ctx, false)?;
        }
        self.line_no = self.line_no.saturating_add(1);
        Ok(true)
    }

    /// Whether this is the last line (`$`): of this file with -s/-i, else
    /// of the last file that has any data.
    fn test_eof(&mut self, ctx: &mut Ctx) -> Result<bool, Stop> {
        if self.cur.as_ref().is_some_and(Cur::has_data) {
            return Ok(false);
        }
        if self.opts.separate {
            return Ok(true);
        }
        loop {
            self.closedown(ctx)?;
            if self.next_file >= self.files.len() {
                return Ok(true);
            }
            self.open_next_file(ctx, true)?;
            if self.cur.as_ref().is_some_and(Cur::has_data) {
                return Ok(false);
            }
        }
    }

    // ---- output ----

    fn emit(&mut self, ctx: &mut Ctx, t: Target, s: &str) -> Result<(), Stop> {
        match t {
            Target::Main => match self.cur.as_mut().filter(|c| c.path.is_some()) {
                Some(c) => {
                    c.out.push_str(s);
                    if c.out.len() > ctx.limit {
                        return Err(Stop::Limit);
                    }
                }
                None => ctx.out(s),
            },
            Target::Out(i) => match self.prog.outputs.get_mut(i).map(|o| (&o.sink, &mut o.text)) {
                Some((Sink::Stdout, _)) => ctx.out(s),
                Some((Sink::Stderr, _)) => ctx.err(s),
                Some((Sink::File(_), text)) => {
                    text.push_str(s);
                    if text.len() > ctx.limit {
                        return Err(Stop::Limit);
                    }
                }
                None => {}
            },
        }
        if ctx.full() {
            return Err(Stop::Limit);
        }
        Ok(())
    }

    fn missing_flag(&mut self, t: Target) -> Option<&mut bool> {
        match t {
            Target::Main => Some(&mut self.missing_newline),
            Target::Out(i) => self.prog.outputs.get_mut(i).map(|o| &mut o.missing_newline),
        }
    }

    /// GNU's output_missing_newline: a line printed without its newline
    /// gets it once something follows.
    fn finish_line(&mut self, ctx: &mut Ctx, t: Target) -> Result<(), Stop> {
        let owed = self.missing_flag(t).map(std::mem::take).unwrap_or(false);
        if owed {
            let d = self.opts.delim.to_string();
            self.emit(ctx, t, &d)?;
        }
        Ok(())
    }

    /// GNU's output_line: text, then the delimiter unless `nl` is false.
    fn put(&mut self, ctx: &mut Ctx, t: Target, text: &str, nl: bool) -> Result<(), Stop> {
        self.finish_line(ctx, t)?;
        let mut s = String::with_capacity(text.len() + 1);
        s.push_str(text);
        if nl {
            s.push(self.opts.delim);
        } else if let Some(f) = self.missing_flag(t) {
            *f = true;
        }
        self.emit(ctx, t, &s)
    }

    fn put_ps(&mut self, ctx: &mut Ctx, t: Target) -> Result<(), Stop> {
        let ps = std::mem::take(&mut self.ps);
        let r = self.put(ctx, t, &ps.text, ps.chomped);
        self.ps = ps;
        r
    }

    /// The pattern space up to its first delimiter (`P`, `W`).
    fn put_first_line(&mut self, ctx: &mut Ctx, t: Target) -> Result<(), Stop> {
        let ps = std::mem::take(&mut self.ps);
        let r = match ps.text.find(self.opts.delim) {
            Some(i) => self.put(ctx, t, &ps.text[..i], true),
            None => self.put(ctx, t, &ps.text, ps.chomped),
        };
        self.ps = ps;
        r
    }

    /// `i` and `c` text: its own newline becomes the delimiter.
    fn put_text(&mut self, ctx: &mut Ctx, text: &Option<String>) -> Result<(), Stop> {
        if let Some(t) = text {
            let body = t.strip_suffix('\n').unwrap_or(t);
            self.put(ctx, Target::Main, body, true)?;
        }
        Ok(())
    }

    /// A file's contents, as they are (`r`); a missing file is empty.
    fn print_file(&mut self, ctx: &mut Ctx, name: &str) -> Result<(), Stop> {
        match ctx.read(name) {
            Ok(d) => self.emit(ctx, Target::Main, &d),
            Err(VfsError::IsDir) => {
                Err(Fail::Panic(format!("read error on {}: Is a directory", name)).into())
            }
            Err(_) => Ok(()),
        }
    }

    fn dump_append(&mut self, ctx: &mut Ctx) -> Result<(), Stop> {
        self.finish_line(ctx, Target::Main)?;
        for q in std::mem::take(&mut self.queue) {
            match q {
                Queued::Text(Some(t)) | Queued::Raw(t) => self.emit(ctx, Target::Main, &t)?,
                Queued::Text(None) => {}
                Queued::File(f) => self.print_file(ctx, &f)?,
            }
        }
        Ok(())
    }

    // ---- matching ----

    fn find(&mut self, re: Option<usize>, cs: &[char], start: usize) -> Result<Option<Caps>, Stop> {
        let Some(idx) = re.or(self.last_re) else {
            return Err(Fail::Usage(format!(
                "{}: no previous regular expression",
                self.opts.last_place
            ))
            .into());
        };
        self.last_re = Some(idx);
        let found = self
            .prog
            .regexes
            .get(idx)
            .and_then(|r| r.find_at(cs, start));
        // What the search went over: up to its match, or to the end.
        let end = found
            .as_ref()
            .and_then(|c| c.first().copied().flatten())
            .map_or(cs.len(), |(_, e)| e);
        self.tick(end.saturating_sub(start))?;
        Ok(found)
    }

    fn match_addr(&mut self, ctx: &mut Ctx, a: Addr, end_line: u64) -> Result<bool, Stop> {
        let n = self.line_no;
        Ok(match a {
            Addr::Null => true,
            Addr::Re(r) => {
                let cs: Vec<char> = self.ps.text.chars().collect();
                self.tick(cs.len())?;
                self.find(r, &cs, 0)?.is_some()
            }
            Addr::NumMod(first, step) => n >= first && (n - first).is_multiple_of(step),
            Addr::Plus(_) | Addr::Tilde(_) => end_line <= n,
            Addr::Last => self.test_eof(ctx)?,
            Addr::Num(k) => k == n,
        })
    }

    /// GNU's match_address_p, range bookkeeping included.
    fn selected(&mut self, ctx: &mut Ctx, i: usize) -> Result<bool, Stop> {
        let (a1, a2, range, end_line) = {
            let c = &self.prog.cmds[i];
            (c.a1, c.a2, c.range, c.end_line)
        };
        let Some(a1) = a1 else { return Ok(true) };
        let n = self.line_no;
        let Some(a2) = a2 else {
            return self.match_addr(ctx, a1, end_line);
        };
        if range != Range::Active {
            if let Addr::Num(k) = a1 {
                if range == Range::Closed || n < k {
                    return Ok(false);
                }
            } else if !self.match_addr(ctx, a1, end_line)? {
                return Ok(false);
            }
            let c = &mut self.prog.cmds[i];
            c.range = Range::Active;
            match a2 {
                Addr::Re(_) => return Ok(true),
                Addr::Num(k) => {
                    if n >= k {
                        c.range = Range::Closed;
                    }
                    return Ok(n <= k || self.match_addr(ctx, a1, end_line)?);
                }
                Addr::Plus(s) => {
                    c.end_line = n.saturating_add(s);
                    return Ok(true);
                }
                Addr::Tilde(s) => {
                    c.end_line = n.saturating_add(s) - n % s.max(1);
                    return Ok(true);
                }
                _ => {}
            }
        }
        let end_line = self.prog.cmds[i].end_line;
        if let Addr::Num(k) = a2 {
            if n >= k {
                self.prog.cmds[i].range = Range::Closed;
            }
            return Ok(n <= k);
        }
        if self.match_addr(ctx, a2, end_line)? {
            self.prog.cmds[i].range = Range::Closed;
        }
        Ok(true)
    }

    // ---- commands ----

    /// One cycle; `Some(status)` when the script quits.
    fn execute(&mut self, ctx: &mut Ctx) -> Result<Option<i32>, Stop> {
        let mut pc = 0;
        while pc < self.prog.cmds.len() {
            self.tick(0)?;
            let bang = self.prog.cmds[pc].bang;
            if self.selected(ctx, pc)? == bang {
                pc = match self.prog.cmds[pc].op {
                    Op::Block(end) => end,
                    _ => pc + 1,
                };
                continue;
            }
            let d = self.opts.delim;
            match &self.prog.cmds[pc].op {
                Op::Block(_) | Op::Nop => {}
                Op::Branch(kind, to) => {
                    let (kind, to) = (*kind, *to);
                    let jump = match kind {
                        'b' => true,
                        't' => std::mem::take(&mut self.replaced),
                        _ => !std::mem::take(&mut self.replaced),
                    };
                    if jump {
                        pc = to;
                        continue;
                    }
                }
                Op::Text('a', t) => {
                    let t = t.clone();
                    self.queue.push(Queued::Text(t));
                }
                Op::Text('i', t) => {
                    let t = t.clone();
                    self.put_text(ctx, &t)?;
                }
                Op::Text(_, t) => {
                    if self.prog.cmds[pc].range != Range::Active {
                        let t = t.clone();
                        self.put_text(ctx, &t)?;
                    }
                    return Ok(None);
                }
                Op::Read { file, first } => {
                    let (file, first) = (file.clone(), *first);
                    if first {
                        self.print_file(ctx, &file)?;
                    } else {
                        self.queue.push(Queued::File(file));
                    }
                }
                Op::ReadLine(r) => {
                    if let Some(rf) = self.prog.rfiles.get_mut(*r) {
                        let rest = rf.text.get(rf.pos..).unwrap_or("");
                        if !rest.is_empty() {
                            let end = rest.find(d).map_or(rest.len(), |i| i + d.len_utf8());
                            let line = rest[..end].to_string();
                            rf.pos += end;
                            self.queue.push(Queued::Raw(line));
                        }
                    }
                }
                Op::Write { out, first_line } => {
                    let (t, first) = (Target::Out(*out), *first_line);
                    if first {
                        self.put_first_line(ctx, t)?;
                    } else {
                        self.put_ps(ctx, t)?;
                    }
                }
                Op::Subst(_) => self.subst(ctx, pc)?,
                Op::Translit(map) => {
                    let text: String = self
                        .ps
                        .text
                        .chars()
                        .map(|c| map.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| *b))
                        .collect();
                    self.ps.text = text;
                    self.tick(self.ps.text.len())?;
                }
                Op::Quit { print, code } => {
                    let (print, code) = (*print, *code);
                    if print {
                        if !self.opts.quiet {
                            self.put_ps(ctx, Target::Main)?;
                        }
                        self.dump_append(ctx)?;
                    }
                    return Ok(Some(code));
                }
                Op::List(n) => {
                    let width = n.unwrap_or(self.opts.line_len);
                    self.finish_line(ctx, Target::Main)?;
                    let s = list(&self.ps.text, width, d);
                    self.emit(ctx, Target::Main, &s)?;
                }
                Op::Exec => return Err(Fail::Panic("`e' command not supported".into()).into()),
                Op::Simple(c) => {
                    let c = *c;
                    match self.simple(ctx, c)? {
                        Flow::Next => {}
                        Flow::EndCycle => return Ok(None),
                        Flow::Restart => {
                            pc = 0;
                            continue;
                        }
                    }
                }
            }
            pc += 1;
        }
        if !self.opts.quiet {
            self.put_ps(ctx, Target::Main)?;
        }
        Ok(None)
    }

    fn simple(&mut self, ctx: &mut Ctx, c: char) -> Result<Flow, Stop> {
        let d = self.opts.delim;
        match c {
            'd' => return Ok(Flow::EndCycle),
            'D' => {
                let Some(i) = self.ps.text.find(d) else {
                    return Ok(Flow::EndCycle);
                };
                // The rest starts the next cycle, with no new line read.
                self.ps.text.drain(..i + d.len_utf8());
                return Ok(Flow::Restart);
            }
            'g' => {
                self.tick(self.hold.text.len())?;
                self.ps = self.hold.clone();
            }
            'G' => {
                self.tick(self.hold.text.len())?;
                self.ps.text.push(d);
                self.ps.text.push_str(&self.hold.text);
                self.ps.chomped = self.hold.chomped;
            }
            'h' => {
                self.tick(self.ps.text.len())?;
                self.hold = self.ps.clone();
            }
            'H' => {
                self.tick(self.ps.text.len())?;
                self.hold.text.push(d);
                self.hold.text.push_str(&self.ps.text);
                self.hold.chomped = self.ps.chomped;
            }
            'x' => std::mem::swap(&mut self.ps, &mut self.hold),
            'z' => self.ps.text.clear(),
            'p' => self.put_ps(ctx, Target::Main)?,
            'P' => self.put_first_line(ctx, Target::Main)?,
            'n' => {
                if !self.opts.quiet {
                    self.put_ps(ctx, Target::Main)?;
                }
                if self.test_eof(ctx)? || !self.read_pattern_space(ctx, false)? {
                    return Ok(Flow::EndCycle);
                }
            }
            'N' => {
                self.ps.text.push(d);
                if self.test_eof(ctx)? || !self.read_pattern_space(ctx, true)? {
                    self.ps.text.pop();
                    if self.opts.n_prints && !self.opts.quiet {
                        self.put_ps(ctx, Target::Main)?;
                    }
                    return Ok(Flow::EndCycle);
                }
            }
            '=' => {
                self.finish_line(ctx, Target::Main)?;
                let s = format!("{}{}", self.line_no, d);
                self.emit(ctx, Target::Main, &s)?;
            }
            'F' => {
                self.finish_line(ctx, Target::Main)?;
                let name = self.cur.as_ref().map_or("-", |c| c.name.as_str());
                let s = format!("{}{}", name, d);
                self.emit(ctx, Target::Main, &s)?;
            }
            _ => return Err(Fail::Panic(format!("INTERNAL ERROR: Bad cmd {}", c)).into()),
        }
        Ok(Flow::Next)
    }

    /// GNU's do_subst: the Nth and later (with g) matches, an empty match
    /// right after a previous match skipped.
    fn subst(&mut self, ctx: &mut Ctx, pc: usize) -> Result<(), Stop> {
        let Op::Subst(s) = &self.prog.cmds[pc].op else {
            return Ok(());
        };
        let (re, nth, global) = (s.re, s.nth, s.global);
        let cs: Vec<char> = self.ps.text.chars().collect();
        self.tick(cs.len())?;
        let Some(mut m) = self.find(re, &cs, 0)? else {
            return Ok(());
        };
        let mut out = String::new();
        let (mut start, mut last_end, mut count) = (0usize, 0usize, 0u64);
        while let Some((off, end)) = m.first().copied().flatten() {
            let mut matched = end.saturating_sub(off);
            if start < off {
                out.extend(&cs[start..off]);
                start = off;
            }
            let mut again = true;
            if (matched > 0 || count == 0 || off > last_end) && {
                count += 1;
                count >= nth
            } {
                self.replaced = true;
                if let Op::Subst(s) = &self.prog.cmds[pc].op {
                    append_replacement(&mut out, s, &m, &cs);
                }
                again = global;
            } else {
                if matched == 0 {
                    if start < cs.len() {
                        matched = 1;
                    } else {
                        break;
                    }
                }
                out.extend(&cs[off..(off + matched).min(cs.len())]);
            }
            start = off + matched;
            last_end = end;
            if !again || start > cs.len() {
                break;
            }
            match self.find(re, &cs, start)? {
                Some(next) => m = next,
                None => break,
            }
        }
        if start < cs.len() {
            out.extend(&cs[start..]);
        }
        self.ps.text = out;
        if count < nth {
            return Ok(());
        }
        let Op::Subst(s) = &self.prog.cmds[pc].op else {
            return Ok(());
        };
        let (print, eval, dest) = (s.print, s.eval, s.out);
        if print & 1 != 0 {
            self.put_ps(ctx, Target::Main)?;
        }
        if eval {
            return Err(Fail::Panic("option `e' not supported".into()).into());
        }
        if print & 2 != 0 {
            self.put_ps(ctx, Target::Main)?;
        }
        if let Some(o) = dest {
            self.put_ps(ctx, Target::Out(o))?;
        }
        Ok(())
    }
}

enum Flow {
    Next,
    EndCycle,
    /// `D` with a newline left: run the script again on what remains.
    Restart,
}

/// Builds one replacement; a `\u`/`\l` before an empty group waits for
/// the next piece.
fn append_replacement(out: &mut String, s: &Subst, caps: &Caps, cs: &[char]) {
    let mut waiting = 0u8;
    for p in &s.rep {
        let mut case = if p.case & CASE_ONE_SHOT != 0 {
            p.case
        } else {
            p.case | waiting
        };
        waiting = 0;
        if !p.prefix.is_empty() {
            push_cased(out, &p.prefix, case);
            case &= !CASE_ONE_SHOT;
        }
        let Some(g) = p.group.filter(|&g| g < caps.len()) else {
            continue;
        };
        match caps[g] {
            Some((a, b)) if b > a && b <= cs.len() => {
                let text: String = cs[a..b].iter().collect();
                push_cased(out, &text, case);
            }
            _ => {
                if p.case & CASE_ONE_SHOT != 0 {
                    waiting = case & CASE_ONE_SHOT;
                }
            }
        }
    }
}
