//! The script compiler. It reads the way GNU sed's compile.c does (one
//! character at a time, with push-back) so that error positions match.

use super::script::{Addr, Cmd, Op, OutFile, Program, RFile, Range, Sink, Subst};
use super::text::{normalize, replacement, TextKind};
use super::Fail;
use crate::coreutils::Ctx;
use crate::regex::Regex;

/// Settings that apply while a script is compiled (set by the options
/// before it on the command line).
#[derive(Clone, Copy, Default)]
pub(super) struct Mode {
    pub ere: bool,
    pub posix: bool,
    pub sandbox: bool,
}

/// One `-e` expression or `-f` file being read.
pub(super) struct Source {
    cs: Vec<char>,
    i: usize,
    /// The script file's name; `None` for `-e` (and the script operand).
    file: Option<String>,
    expr_no: usize,
}

impl Source {
    pub fn expr(text: &str, expr_no: usize) -> Source {
        Source {
            cs: text.chars().collect(),
            i: 0,
            file: None,
            expr_no,
        }
    }

    pub fn file(text: &str, name: &str) -> Source {
        Source {
            cs: text.chars().collect(),
            i: 0,
            file: Some(name.to_string()),
            expr_no: 0,
        }
    }

    fn inchar(&mut self) -> Option<char> {
        let c = self.cs.get(self.i).copied();
        if c.is_some() {
            self.i += 1;
        }
        c
    }

    fn savchar(&mut self, c: Option<char>) {
        if c.is_some() {
            self.i = self.i.saturating_sub(1);
        }
    }

    fn in_nonblank(&mut self) -> Option<char> {
        loop {
            let c = self.inchar();
            if !matches!(c, Some(' ' | '\t')) {
                return c;
            }
        }
    }

    /// Where an error is: GNU counts bytes for `-e` and lines for files.
    fn place(&self) -> String {
        let done = &self.cs[..self.i.min(self.cs.len())];
        match &self.file {
            Some(f) => format!(
                "file {} line {}",
                f,
                1 + done.iter().filter(|&&c| c == '\n').count()
            ),
            None => format!(
                "-e expression #{}, char {}",
                self.expr_no,
                done.iter().map(|c| c.len_utf8()).sum::<usize>()
            ),
        }
    }

    /// Where errors found while running are reported: GNU names the last
    /// script it compiled, as it stood at its end.
    pub fn end_place(&self) -> String {
        match &self.file {
            Some(f) => format!(
                "file {} line {}",
                f,
                1 + self.cs.iter().filter(|&&c| c == '\n').count()
            ),
            None => format!("-e expression #{}, char 0", self.expr_no),
        }
    }

    /// GNU reads a multibyte delimiter's first byte only before it stops.
    fn bad_delim(&self) -> Fail {
        let before = &self.cs[..self.i.saturating_sub(1).min(self.cs.len())];
        let bytes: usize = before.iter().map(|c| c.len_utf8()).sum::<usize>() + 1;
        let place = match &self.file {
            Some(_) => self.place(),
            None => format!("-e expression #{}, char {}", self.expr_no, bytes),
        };
        Fail::Usage(format!(
            "{}: delimiter character is not a single-byte character",
            place
        ))
    }

    fn bad(&self, msg: &str) -> Fail {
        Fail::Usage(format!("{}: {}", self.place(), msg))
    }

    /// After a command: only blanks, then `;`, a newline, `}` or `#`.
    fn end_of_cmd(&mut self) -> Result<(), Fail> {
        let c = self.in_nonblank();
        match c {
            Some('}' | '#') => self.savchar(c),
            None | Some('\n' | ';') => {}
            _ => return Err(self.bad("extra characters after command")),
        }
        Ok(())
    }

    /// GNU's in_integer: digits, wrapping like its unsigned counter.
    fn integer(&mut self, first: char) -> u64 {
        let mut n: u64 = 0;
        let mut c = Some(first);
        while let Some(d) = c.and_then(|c| c.to_digit(10)) {
            n = n.wrapping_mul(10).wrapping_add(u64::from(d));
            c = self.inchar();
        }
        self.savchar(c);
        n
    }

    /// Text up to an unescaped `delim` (not inside a bracket expression
    /// for a regex). `\delim` loses its backslash, `\` + newline is a
    /// newline; `None` if the line or script ends first.
    fn delimited(&mut self, delim: char, regex: bool) -> Option<String> {
        let mut b = String::new();
        loop {
            let mut c = self.inchar()?;
            if c == '\n' {
                self.savchar(Some(c));
                return None;
            }
            if c == delim {
                return Some(b);
            }
            if c == '\\' {
                c = self.inchar()?;
                if c != '\n' && (c != delim || (!regex && c == '&')) {
                    b.push('\\');
                }
            } else if c == '[' && regex {
                b.push(c);
                match self.bracket(&mut b) {
                    Some(']') => c = ']',
                    other => {
                        self.savchar(other.filter(|&c| c == '\n'));
                        return None;
                    }
                }
            }
            b.push(c);
        }
    }

    /// The inside of `[...]`, where the delimiter is an ordinary
    /// character; returns the char that ended it (`]`, newline or end).
    fn bracket(&mut self, b: &mut String) -> Option<char> {
        let mut c = self.inchar();
        if c == Some('^') {
            b.push('^');
            c = self.inchar();
        }
        if c == Some(']') {
            b.push(']');
            c = self.inchar();
        }
        // 0: plain, 1: after `[`, 2: inside `[:`/`[.`/`[=`, 3: at its closer.
        let (mut state, mut open) = (0, ' ');
        loop {
            let ch = c?;
            match ch {
                '\n' => return c,
                '.' | ':' | '=' if state == 1 => {
                    open = ch;
                    state = 2;
                }
                '.' | ':' | '=' if state == 2 && ch == open => state = 3,
                '[' if state == 0 => state = 1,
                '[' => {}
                ']' if state < 2 => return c,
                ']' if state == 3 => state = 0,
                _ => state &= !1,
            }
            b.push(ch);
            c = self.inchar();
        }
    }

    /// A file name for `r R w W`: the rest of the line.
    fn filename(&mut self) -> String {
        let mut s = String::new();
        let mut c = self.in_nonblank();
        while let Some(ch) = c.filter(|&c| c != '\n') {
            s.push(ch);
            c = self.inchar();
        }
        s
    }

    /// A label for `: b t T`.
    fn label(&mut self) -> String {
        let mut s = String::new();
        let mut c = self.in_nonblank();
        while let Some(ch) = c.filter(|&c| !matches!(c, '\n' | ' ' | '\t' | ';' | '}' | '#')) {
            s.push(ch);
            c = self.inchar();
        }
        self.savchar(c);
        s
    }
}

/// Text of an `a`, `i` or `c` still being read (it may go on in the
/// next `-e`), and the command it belongs to.
struct Pending {
    cmd: usize,
    text: String,
}

pub(super) struct Compiler {
    pub prog: Program,
    /// `#n` on the script's first line.
    pub hash_n: bool,
    blocks: Vec<(usize, String)>,
    labels: Vec<(String, usize)>,
    jumps: Vec<(usize, String)>,
    pending: Option<Pending>,
    first_script: bool,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

impl Compiler {
    pub fn new() -> Compiler {
        Compiler {
            prog: Program::default(),
            hash_n: false,
            blocks: Vec::new(),
            labels: Vec::new(),
            jumps: Vec::new(),
            pending: None,
            first_script: true,
        }
    }

    pub fn compile(&mut self, ctx: &mut Ctx, src: &mut Source, mode: Mode) -> Result<(), Fail> {
        let r = self.program(ctx, src, mode);
        self.first_script = false;
        r
    }

    fn program(&mut self, ctx: &mut Ctx, src: &mut Source, mode: Mode) -> Result<(), Fail> {
        if let Some(cmd) = self.pending.as_ref().map(|p| p.cmd) {
            if let Some(text) = self.read_text(src, None) {
                self.set_text(cmd, Some(text));
            }
        }
        loop {
            let mut ch = loop {
                match src.inchar() {
                    Some(c) if c == ';' || is_space(c) => {}
                    other => break other,
                }
            };
            let Some(first) = ch else { return Ok(()) };
            let mut cmd = Cmd {
                a1: None,
                a2: None,
                bang: false,
                op: Op::Nop,
                range: Range::Inactive,
                end_line: 0,
            };
            if let Some(a) = self.address(src, first, mode)? {
                if matches!(a, Addr::Plus(_) | Addr::Tilde(_)) {
                    return Err(src.bad("invalid usage of +N or ~N as first address"));
                }
                cmd.a1 = Some(a);
                ch = src.in_nonblank();
                if ch == Some(',') {
                    let next = src.in_nonblank();
                    let a2 = match next {
                        Some(c) => self.address(src, c, mode)?,
                        None => None,
                    };
                    let Some(a2) = a2 else {
                        return Err(src.bad("unexpected `,'"));
                    };
                    cmd.a2 = Some(a2);
                    ch = src.in_nonblank();
                }
                if matches!(cmd.a1, Some(Addr::Num(0)))
                    && ((cmd.a2.is_none() && ch != Some('r'))
                        || (cmd.a2.is_some() && !matches!(cmd.a2, Some(Addr::Re(_))))
                        || mode.posix)
                {
                    return Err(src.bad("invalid usage of line address 0"));
                }
            }
            if ch == Some('!') {
                cmd.bang = true;
                ch = src.in_nonblank();
                if ch == Some('!') {
                    return Err(src.bad("multiple `!'s"));
                }
            }
            let Some(c) = ch else {
                return Err(src.bad("missing command"));
            };
            if mode.posix {
                if "eFvzLQTRW".contains(c) {
                    return Err(src.bad(&format!("unknown command: `{}'", c)));
                }
                if "ail=r".contains(c) && cmd.a2.is_some() {
                    return Err(src.bad("command only uses one address"));
                }
            }
            cmd.op = match c {
                '#' => {
                    if cmd.a1.is_some() {
                        return Err(src.bad("comments don't accept any addresses"));
                    }
                    let mut n = src.inchar();
                    if n == Some('n') && self.first_script && src.i == 2 {
                        self.hash_n = true;
                    }
                    while n.is_some_and(|c| c != '\n') {
                        n = src.inchar();
                    }
                    continue;
                }
                'v' => {
                    let v = src.label();
                    if newer_than_us(&v) {
                        return Err(src.bad("expected newer version of sed"));
                    }
                    continue;
                }
                '{' => {
                    self.blocks
                        .push((self.prog.cmds.len(), self.unmatched_place(src)));
                    Op::Block(0)
                }
                '}' => {
                    let Some((start, _)) = self.blocks.pop() else {
                        return Err(src.bad("unexpected `}'"));
                    };
                    if cmd.a1.is_some() {
                        return Err(src.bad("`}' doesn't want any addresses"));
                    }
                    src.end_of_cmd()?;
                    let here = self.prog.cmds.len();
                    if let Some(b) = self.prog.cmds.get_mut(start) {
                        b.op = Op::Block(here);
                    }
                    Op::Nop
                }
                'e' => {
                    if mode.sandbox {
                        return Err(src.bad("e/r/w commands disabled in sandbox mode"));
                    }
                    let n = src.in_nonblank();
                    if !matches!(n, None | Some('\n')) {
                        src.savchar(n);
                        self.text_cmd(src, 'e', mode)?;
                    }
                    Op::Exec
                }
                'a' | 'i' | 'c' => Op::Text(c, self.text_cmd(src, c, mode)?),
                ':' => {
                    if cmd.a1.is_some() {
                        return Err(src.bad(": doesn't want any addresses"));
                    }
                    let l = src.label();
                    if l.is_empty() {
                        return Err(src.bad("\":\" lacks a label"));
                    }
                    self.labels.push((l, self.prog.cmds.len()));
                    Op::Nop
                }
                'b' | 't' | 'T' => {
                    let l = src.label();
                    self.jumps.push((self.prog.cmds.len(), l));
                    Op::Branch(c, 0)
                }
                'q' | 'Q' | 'l' | 'L' => {
                    if "qQ".contains(c) && cmd.a2.is_some() {
                        return Err(src.bad("command only uses one address"));
                    }
                    let n = src.in_nonblank();
                    let arg = match n {
                        Some(d) if d.is_ascii_digit() && !mode.posix => Some(src.integer(d)),
                        _ => {
                            src.savchar(n);
                            None
                        }
                    };
                    src.end_of_cmd()?;
                    match c {
                        'l' => Op::List(arg),
                        'L' => Op::Simple('L'),
                        // The exit status is the low byte, as exit(3) keeps.
                        _ => Op::Quit {
                            print: c == 'q',
                            code: arg.map_or(0, |n| (n & 0xff) as i32),
                        },
                    }
                }
                '=' | 'd' | 'D' | 'F' | 'g' | 'G' | 'h' | 'H' | 'n' | 'N' | 'p' | 'P' | 'z'
                | 'x' => {
                    src.end_of_cmd()?;
                    Op::Simple(c)
                }
                'r' => {
                    if mode.sandbox {
                        return Err(src.bad("e/r/w commands disabled in sandbox mode"));
                    }
                    let file = src.filename();
                    if file.is_empty() {
                        return Err(src.bad("missing filename in r/R/w/W commands"));
                    }
                    let first = matches!(cmd.a1, Some(Addr::Num(0))) && cmd.a2.is_none();
                    if first {
                        cmd.a1 = Some(Addr::Num(1));
                    }
                    Op::Read { file, first }
                }
                'R' => Op::ReadLine(self.rfile(ctx, src, mode)?),
                'w' | 'W' => Op::Write {
                    out: self.outfile(ctx, src, mode)?,
                    first_line: c == 'W',
                },
                's' => Op::Subst(Box::new(self.subst(ctx, src, mode)?)),
                'y' => Op::Translit(self.translit(src)?),
                other => return Err(src.bad(&format!("unknown command: `{}'", other))),
            };
            self.prog.cmds.push(cmd);
        }
    }

    /// Where an unclosed `{` is reported: GNU names the expression (or
    /// file line) it was in, with no character position.
    fn unmatched_place(&self, src: &Source) -> String {
        match &src.file {
            Some(_) => src.place(),
            None => format!("-e expression #{}, char 0", src.expr_no),
        }
    }

    fn address(&mut self, src: &mut Source, ch: char, mode: Mode) -> Result<Option<Addr>, Fail> {
        if ch == '/' || ch == '\\' {
            let delim = if ch == '\\' { src.inchar() } else { Some(ch) };
            if delim.is_some_and(|d| d.len_utf8() > 1) {
                return Err(src.bad_delim());
            }
            let pat = match delim {
                Some(d) => src.delimited(d, true),
                None => None,
            };
            let Some(pat) = pat else {
                return Err(src.bad("unterminated address regex"));
            };
            let (mut icase, mut multi) = (false, false);
            loop {
                let f = src.in_nonblank();
                match f {
                    Some('I') if !mode.posix => icase = true,
                    Some('M') if !mode.posix => multi = true,
                    _ => {
                        src.savchar(f);
                        break;
                    }
                }
            }
            return Ok(Some(Addr::Re(
                self.regex(src, &pat, icase, multi, mode, 0)?,
            )));
        }
        if ch.is_ascii_digit() {
            let n = src.integer(ch);
            let c = src.in_nonblank();
            if c != Some('~') || mode.posix {
                src.savchar(c);
                return Ok(Some(Addr::Num(n)));
            }
            let s = src.in_nonblank();
            let step = match s {
                Some(d) => src.integer(d),
                None => 0,
            };
            return Ok(Some(if step > 0 {
                Addr::NumMod(n, step)
            } else {
                Addr::Num(n)
            }));
        }
        if (ch == '+' || ch == '~') && !mode.posix {
            let s = src.in_nonblank();
            let n = match s {
                Some(d) => src.integer(d),
                None => 0,
            };
            return Ok(Some(match (n, ch) {
                (0, _) => Addr::Null,
                (_, '+') => Addr::Plus(n),
                _ => Addr::Tilde(n),
            }));
        }
        if ch == '$' {
            return Ok(Some(Addr::Last));
        }
        Ok(None)
    }

    /// Compiles a regex; an empty one means "the last regex used".
    fn regex(
        &mut self,
        src: &Source,
        pat: &str,
        icase: bool,
        multi: bool,
        mode: Mode,
        refs: usize,
    ) -> Result<Option<usize>, Fail> {
        if pat.is_empty() {
            if icase || multi {
                return Err(src.bad("cannot specify modifiers on empty regexp"));
            }
            return Ok(None);
        }
        let mut pat = normalize(pat, TextKind::Regex).map_err(|e| src.bad(e))?;
        if mode.posix {
            pat = without_gnu_ops(&pat, mode.ere);
        }
        let re = Regex::new(&pat, mode.ere, icase)
            .map_err(|e| src.bad(&e))?
            .pattern_space(multi);
        if refs > re.groups() && !mode.posix {
            return Err(src.bad(&format!(
                "invalid reference \\{} on `s' command's RHS",
                refs
            )));
        }
        self.prog.regexes.push(re);
        Ok(Some(self.prog.regexes.len() - 1))
    }

    fn subst(&mut self, ctx: &mut Ctx, src: &mut Source, mode: Mode) -> Result<Subst, Fail> {
        let delim = src.inchar();
        if delim.is_some_and(|d| d.len_utf8() > 1) {
            return Err(src.bad_delim());
        }
        let unterminated = |src: &Source| src.bad("unterminated `s' command");
        let Some(d) = delim else {
            return Err(unterminated(src));
        };
        let pat = src.delimited(d, true).ok_or_else(|| unterminated(src))?;
        let rep = src.delimited(d, false).ok_or_else(|| unterminated(src))?;
        let rep = normalize(&rep, TextKind::Replacement).map_err(|e| src.bad(e))?;
        let (rep, max_id) = replacement(&rep, mode.posix);
        let mut s = Subst {
            re: None,
            rep,
            global: false,
            print: 0,
            nth: 0,
            eval: false,
            out: None,
        };
        let (mut icase, mut multi) = (false, false);
        let unknown = "unknown option to `s'";
        loop {
            let c = src.in_nonblank();
            match c {
                Some('i' | 'I') if !mode.posix => icase = true,
                Some('m' | 'M') if !mode.posix => multi = true,
                Some('e') if !mode.posix => s.eval = true,
                Some('p') => {
                    if s.print != 0 {
                        return Err(src.bad("multiple `p' options to `s' command"));
                    }
                    s.print = if s.eval { 2 } else { 1 };
                }
                Some('g') => {
                    if s.global {
                        return Err(src.bad("multiple `g' options to `s' command"));
                    }
                    s.global = true;
                }
                Some('w') => {
                    s.out = Some(self.outfile(ctx, src, mode)?);
                    break;
                }
                Some(d) if d.is_ascii_digit() => {
                    if s.nth != 0 {
                        return Err(src.bad("multiple number options to `s' command"));
                    }
                    s.nth = src.integer(d);
                    if s.nth == 0 {
                        return Err(src.bad("number option to `s' command may not be zero"));
                    }
                }
                Some('}' | '#') => {
                    src.savchar(c);
                    break;
                }
                None | Some('\n' | ';') => break,
                Some('\r') => {
                    if src.inchar() == Some('\n') {
                        break;
                    }
                    return Err(src.bad(unknown));
                }
                _ => return Err(src.bad(unknown)),
            }
        }
        s.re = self.regex(src, &pat, icase, multi, mode, max_id)?;
        if s.eval && mode.sandbox {
            return Err(src.bad("e/r/w commands disabled in sandbox mode"));
        }
        Ok(s)
    }

    fn translit(&mut self, src: &mut Source) -> Result<Vec<(char, char)>, Fail> {
        let unterminated = |src: &Source| src.bad("unterminated `y' command");
        let Some(d) = src.inchar() else {
            return Err(unterminated(src));
        };
        if d.len_utf8() > 1 {
            return Err(src.bad_delim());
        }
        let a = src.delimited(d, false).ok_or_else(|| unterminated(src))?;
        let a = normalize(&a, TextKind::Buffer).map_err(|e| src.bad(e))?;
        let b = src.delimited(d, false).ok_or_else(|| unterminated(src))?;
        let b = normalize(&b, TextKind::Buffer).map_err(|e| src.bad(e))?;
        if a.chars().count() != b.chars().count() {
            return Err(src.bad("strings for `y' command are different lengths"));
        }
        src.end_of_cmd()?;
        Ok(a.chars().zip(b.chars()).collect())
    }

    /// `a`, `i`, `c` (and `e CMD`): the one-liner `a text` or the classic
    /// `a\` + newline + lines ending in `\`. `None` while the text is still
    /// open (or empty).
    fn text_cmd(&mut self, src: &mut Source, c: char, mode: Mode) -> Result<Option<String>, Fail> {
        let mut ch = if c == 'e' {
            src.inchar()
        } else {
            src.in_nonblank()
        };
        let Some(first) = ch else {
            return Err(src.bad("expected \\ after `a', `c' or `i'"));
        };
        if first == '\\' {
            ch = src.inchar();
        } else {
            if mode.posix {
                return Err(src.bad("expected \\ after `a', `c' or `i'"));
            }
            src.savchar(ch);
            ch = Some('\n');
        }
        self.pending = Some(Pending {
            cmd: self.prog.cmds.len(),
            text: String::new(),
        });
        Ok(match ch {
            Some(lead) => self.read_text(src, Some(lead)),
            None => None,
        })
    }

    /// GNU's read_text: up to an unescaped newline; a backslash at the
    /// very end leaves the text open for the next `-e`. Returns the text
    /// once complete.
    fn read_text(&mut self, src: &mut Source, lead: Option<char>) -> Option<String> {
        let p = self.pending.as_mut()?;
        if let Some(l) = lead.filter(|&l| l != '\n') {
            p.text.push(l);
        }
        let mut ch = src.inchar();
        while let Some(c) = ch.filter(|&c| c != '\n') {
            let mut c = c;
            if c == '\\' {
                match src.inchar() {
                    Some(n) => {
                        p.text.push('\\');
                        c = n;
                    }
                    None => {
                        p.text.push('\n');
                        return None;
                    }
                }
            }
            p.text.push(c);
            ch = src.inchar();
        }
        p.text.push('\n');
        let p = self.pending.take()?;
        Some(normalize(&p.text, TextKind::Buffer).unwrap_or(p.text))
    }

    fn set_text(&mut self, idx: usize, text: Option<String>) {
        if let Some(cmd) = self.prog.cmds.get_mut(idx) {
            if let Op::Text(_, t) = &mut cmd.op {
                *t = text;
            }
        }
    }

    /// A `w` target, opened (so created or emptied) when compiled, as
    /// GNU does; each name is opened once.
    fn outfile(&mut self, ctx: &mut Ctx, src: &mut Source, mode: Mode) -> Result<usize, Fail> {
        if mode.sandbox {
            return Err(src.bad("e/r/w commands disabled in sandbox mode"));
        }
        let name = src.filename();
        if name.is_empty() {
            return Err(src.bad("missing filename in r/R/w/W commands"));
        }
        if let Some(i) = self.prog.outputs.iter().position(|o| o.name == name) {
            return Ok(i);
        }
        let sink = match name.as_str() {
            "/dev/stdout" => Sink::Stdout,
            "/dev/stderr" => Sink::Stderr,
            _ => {
                let path = ctx.path(&name);
                if let Err(e) = ctx.vfs.write_checked(&path, "", false) {
                    return Err(Fail::Panic(format!(
                        "couldn't open file {}: {}",
                        name,
                        e.msg()
                    )));
                }
                Sink::File(path)
            }
        };
        self.prog.outputs.push(OutFile {
            name,
            sink,
            text: String::new(),
            missing_newline: false,
        });
        Ok(self.prog.outputs.len() - 1)
    }

    /// An `R` source: read once, when compiled; a missing file has no lines.
    fn rfile(&mut self, ctx: &mut Ctx, src: &mut Source, mode: Mode) -> Result<usize, Fail> {
        if mode.sandbox {
            return Err(src.bad("e/r/w commands disabled in sandbox mode"));
        }
        let name = src.filename();
        if name.is_empty() {
            return Err(src.bad("missing filename in r/R/w/W commands"));
        }
        if let Some(i) = self.prog.rfiles.iter().position(|r| r.name == name) {
            return Ok(i);
        }
        let text = ctx.read(&name).unwrap_or_default();
        self.prog.rfiles.push(RFile { name, text, pos: 0 });
        Ok(self.prog.rfiles.len() - 1)
    }

    /// The checks GNU makes once every script is read: open blocks, a
    /// text left open by a final backslash, and branch targets.
    pub fn finish(&mut self) -> Result<(), Fail> {
        if let Some((_, place)) = self.blocks.pop() {
            return Err(Fail::Usage(format!("{}: unmatched `{{'", place)));
        }
        if let Some(p) = self.pending.take() {
            // GNU keeps such a text exactly as read, escapes and all.
            let text = if p.text.is_empty() {
                None
            } else {
                Some(p.text)
            };
            self.set_text(p.cmd, text);
        }
        let end = self.prog.cmds.len();
        for (at, name) in std::mem::take(&mut self.jumps) {
            let target = if name.is_empty() {
                end
            } else {
                match self.labels.iter().find(|(l, _)| *l == name) {
                    Some((_, t)) => *t,
                    None => {
                        return Err(Fail::Panic(format!(
                            "can't find label for jump to `{}'",
                            name
                        )))
                    }
                }
            };
            if let Some(Cmd {
                op: Op::Branch(_, t),
                ..
            }) = self.prog.cmds.get_mut(at)
            {
                *t = target;
            }
        }
        Ok(())
    }
}

/// --posix: GNU's regex extensions (`\+ \? \|` in a BRE, `\w \s \b \<`
/// and the like) become the plain characters they escape.
fn without_gnu_ops(pat: &str, ere: bool) -> String {
    let cs: Vec<char> = pat.chars().collect();
    let mut out = String::with_capacity(pat.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c == '[' {
            // A bracket expression is copied whole: `\` is literal there.
            out.push(c);
            let start = i;
            while i < cs.len()
                && (cs[i] != ']' || i == start || (i == start + 1 && cs[start] == '^'))
            {
                out.push(cs[i]);
                i += 1;
            }
            continue;
        }
        if c != '\\' || i >= cs.len() {
            out.push(c);
            continue;
        }
        let e = cs[i];
        i += 1;
        let gnu = "wWsSbB<>`'".contains(e) || (!ere && "+?|".contains(e));
        if !gnu {
            out.push('\\');
        }
        out.push(e);
    }
    out
}

/// The `v VERSION` command: whether the script wants a newer sed than 4.9.
fn newer_than_us(v: &str) -> bool {
    let want = if v.is_empty() { "4.0" } else { v };
    let nums = |s: &str| -> Vec<u64> {
        s.split('.')
            .map(|p| {
                p.chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0)
            })
            .collect()
    };
    nums(want) > nums("4.9")
}
