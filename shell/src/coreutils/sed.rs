//! `sed`: the common subset (s, d, p, q, =, a, i, c, y, line/regex/range
//! addresses, `!`, -n, -e, -E, -i).

use super::{lines, Ctx};
use crate::regex::Regex;

enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

enum Rep {
    Lit(String),
    Group(usize),
    /// GNU's case conversions: `\U` `\L` (until `\E`), `\u` `\l` (one letter).
    Case(char),
}

enum Kind {
    Subst {
        re: Regex,
        rep: Vec<Rep>,
        global: bool,
        nth: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit(i32),
    LineNo,
    Append(String),
    Insert(String),
    Change(String),
    Translit(Vec<char>, Vec<char>),
    /// `{`: when its address does not select the line, the commands up to
    /// the matching `}` (at this index) are passed over.
    Block(usize),
    Nop,
}

struct Cmd {
    a1: Option<Addr>,
    a2: Option<Addr>,
    neg: bool,
    kind: Kind,
    active: bool,
}

struct Parser<'a> {
    cs: Vec<char>,
    i: usize,
    ere: bool,
    expr_no: usize,
    _p: std::marker::PhantomData<&'a ()>,
}

impl Parser<'_> {
    fn err(&self, msg: &str) -> String {
        format!(
            "sed: -e expression #{}, char {}: {}",
            self.expr_no, self.i, msg
        )
    }

    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.i += 1;
        }
    }

    /// Reads up to an unescaped delimiter; `\delim` becomes `delim`.
    fn delimited(&mut self, d: char, what: &str) -> Result<String, String> {
        let mut s = String::new();
        loop {
            let c = match self.peek() {
                None => return Err(self.err(&format!("unterminated {}", what))),
                Some(c) => c,
            };
            self.i += 1;
            if c == d {
                return Ok(s);
            }
            if c == '\\' {
                match self.peek() {
                    Some(n) if n == d => {
                        s.push(n);
                        self.i += 1;
                    }
                    Some('n') => {
                        s.push('\n');
                        self.i += 1;
                    }
                    Some(n) => {
                        s.push('\\');
                        s.push(n);
                        self.i += 1;
                    }
                    None => return Err(self.err(&format!("unterminated {}", what))),
                }
                continue;
            }
            s.push(c);
        }
    }

    fn regex(&self, pat: &str, icase: bool) -> Result<Regex, String> {
        Regex::new(pat, self.ere, icase).map_err(|e| self.err(&e))
    }

    fn addr(&mut self) -> Result<Option<Addr>, String> {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                let mut n = 0usize;
                while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d as usize);
                    self.i += 1;
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some('/') | Some('\\') => {
                let d = if self.peek() == Some('\\') {
                    self.i += 1;
                    self.peek().unwrap_or('/')
                } else {
                    '/'
                };
                self.i += 1;
                let pat = self.delimited(d, "address regex")?;
                let icase = self.peek() == Some('I');
                if icase {
                    self.i += 1;
                }
                Ok(Some(Addr::Re(self.regex(&pat, icase)?)))
            }
            _ => Ok(None),
        }
    }

    fn text_arg(&mut self) -> String {
        // GNU one-liner form: `a text`, or `a\` followed by text.
        if self.peek() == Some('\\') {
            self.i += 1;
            if self.peek() == Some('\n') {
                self.i += 1;
            }
        }
        self.skip_ws();
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.i += 1;
            if c == '\\' {
                if let Some(n) = self.peek() {
                    self.i += 1;
                    s.push(if n == 't' { '\t' } else { n });
                    continue;
                }
            }
            s.push(c);
        }
        s
    }

    fn commands(&mut self, out: &mut Vec<Cmd>) -> Result<(), String> {
        let mut open: Vec<usize> = vec![];
        loop {
            while self.peek().is_some_and(|c| c.is_whitespace() || c == ';') {
                self.i += 1;
            }
            if self.peek().is_none() {
                if !open.is_empty() {
                    // GNU sed names no position for this one.
                    self.i = 0;
                    return Err(self.err("unmatched `{'"));
                }
                return Ok(());
            }
            let a1 = self.addr()?;
            let mut a2 = None;
            if a1.is_some() && self.peek() == Some(',') {
                self.i += 1;
                a2 = self.addr()?;
                if a2.is_none() {
                    return Err(self.err("unexpected `,'"));
                }
            }
            self.skip_ws();
            let mut neg = false;
            while self.peek() == Some('!') {
                neg = true;
                self.i += 1;
                self.skip_ws();
            }
            let Some(c) = self.peek() else {
                return Err(self.err("missing command"));
            };
            self.i += 1;
            let kind = match c {
                's' => {
                    let d = self
                        .peek()
                        .ok_or_else(|| self.err("unterminated `s' command"))?;
                    self.i += 1;
                    let pat = self.delimited(d, "`s' command")?;
                    let rep_s = self.delimited(d, "`s' command")?;
                    let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
                    while let Some(f) = self.peek() {
                        match f {
                            'g' => global = true,
                            'p' => print = true,
                            'i' | 'I' => icase = true,
                            '0'..='9' => nth = f.to_digit(10).unwrap_or(1) as usize,
                            _ => break,
                        }
                        self.i += 1;
                    }
                    let re = self.regex(&pat, icase)?;
                    Kind::Subst {
                        re,
                        rep: parse_rep(&rep_s),
                        global,
                        nth: nth.max(1),
                        print,
                    }
                }
                'd' => Kind::Delete,
                'p' => Kind::Print,
                'q' => {
                    self.skip_ws();
                    let mut code = 0;
                    while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                        code = code * 10 + d as i32;
                        self.i += 1;
                    }
                    Kind::Quit(code)
                }
                '=' => Kind::LineNo,
                'a' => Kind::Append(self.text_arg()),
                'i' => Kind::Insert(self.text_arg()),
                'c' => Kind::Change(self.text_arg()),
                'y' => {
                    let d = self
                        .peek()
                        .ok_or_else(|| self.err("unterminated `y' command"))?;
                    self.i += 1;
                    let a: Vec<char> = self.delimited(d, "`y' command")?.chars().collect();
                    let b: Vec<char> = self.delimited(d, "`y' command")?.chars().collect();
                    if a.len() != b.len() {
                        return Err(self.err("strings for `y' command are different lengths"));
                    }
                    Kind::Translit(a, b)
                }
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                    Kind::Nop
                }
                '{' => {
                    open.push(out.len());
                    Kind::Block(0)
                }
                '}' => {
                    let Some(start) = open.pop() else {
                        return Err(self.err("unexpected `}'"));
                    };
                    out[start].kind = Kind::Block(out.len());
                    Kind::Nop
                }
                other => return Err(self.err(&format!("unknown command: `{}'", other))),
            };
            out.push(Cmd {
                a1,
                a2,
                neg,
                kind,
                active: false,
            });
        }
    }
}

fn parse_rep(s: &str) -> Vec<Rep> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut cs = s.chars();
    while let Some(c) = cs.next() {
        match c {
            '&' => {
                if !lit.is_empty() {
                    out.push(Rep::Lit(std::mem::take(&mut lit)));
                }
                out.push(Rep::Group(0));
            }
            '\\' => match cs.next() {
                Some(d @ '0'..='9') => {
                    if !lit.is_empty() {
                        out.push(Rep::Lit(std::mem::take(&mut lit)));
                    }
                    out.push(Rep::Group(d as usize - '0' as usize));
                }
                Some('n') => lit.push('\n'),
                Some('t') => lit.push('\t'),
                Some(k @ ('U' | 'L' | 'u' | 'l' | 'E')) => {
                    if !lit.is_empty() {
                        out.push(Rep::Lit(std::mem::take(&mut lit)));
                    }
                    out.push(Rep::Case(k));
                }
                Some(o) => lit.push(o),
                None => lit.push('\\'),
            },
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Rep::Lit(lit));
    }
    out
}

/// A replacement being built under GNU's case conversions.
#[derive(Default)]
struct Cased {
    out: String,
    /// `\U` or `\L` in force.
    all: Option<char>,
    /// `\u` or `\l` for the next letter.
    one: Option<char>,
}

impl Cased {
    fn set(&mut self, k: char) {
        match k {
            'U' | 'L' => self.all = Some(k),
            'E' => {
                self.all = None;
                self.one = None;
            }
            _ => self.one = Some(k),
        }
    }

    fn push(&mut self, chars: impl Iterator<Item = char>) {
        for c in chars {
            let mode = self.one.take().or(self.all);
            match mode {
                Some('U' | 'u') => self.out.extend(c.to_uppercase()),
                Some('L' | 'l') => self.out.extend(c.to_lowercase()),
                _ => self.out.push(c),
            }
        }
    }
}

fn substitute(line: &str, re: &Regex, rep: &[Rep], global: bool, nth: usize) -> Option<String> {
    let cs: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut last = 0;
    let mut count = 0;
    let mut did = false;
    while pos <= cs.len() {
        let Some(caps) = re.find_at(&cs, pos) else {
            break;
        };
        let Some((s, e)) = caps[0] else { break };
        count += 1;
        if count >= nth {
            out.extend(&cs[last..s]);
            let mut text = Cased::default();
            for r in rep {
                match r {
                    Rep::Lit(t) => text.push(t.chars()),
                    Rep::Group(g) => {
                        if let Some(Some((a, b))) = caps.get(*g) {
                            text.push(cs[*a..*b].iter().copied());
                        }
                    }
                    Rep::Case(k) => text.set(*k),
                }
            }
            out.push_str(&text.out);
            last = e;
            did = true;
            if !global {
                break;
            }
        }
        pos = if e > s { e } else { e + 1 };
        if e == s && s < cs.len() && count >= nth {
            out.push(cs[s]);
            last = s + 1;
        }
    }
    if !did {
        return None;
    }
    if last < cs.len() {
        out.extend(&cs[last..]);
    }
    Some(out)
}

fn addr_match(a: &Addr, n: usize, last: bool, line: &str) -> bool {
    match a {
        Addr::Line(k) => *k == n,
        Addr::Last => last,
        Addr::Re(r) => r.is_match(line),
    }
}

fn selected(c: &mut Cmd, n: usize, last: bool, line: &str) -> bool {
    let hit = match (&c.a1, &c.a2) {
        (None, _) => true,
        (Some(a), None) => addr_match(a, n, last, line),
        (Some(a), Some(b)) => {
            if c.active {
                let end = match b {
                    Addr::Line(k) => n >= *k,
                    other => addr_match(other, n, last, line),
                };
                if end {
                    c.active = false;
                }
                true
            } else if addr_match(a, n, last, line) {
                let end_now = matches!(b, Addr::Line(k) if *k <= n);
                c.active = !end_now;
                true
            } else {
                false
            }
        }
    };
    hit != c.neg
}

pub fn sed(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut quiet = false;
    let mut ere = false;
    let mut in_place = false;
    let mut scripts: Vec<String> = Vec::new();
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "-n" | "--quiet" | "--silent" => quiet = true,
            "-E" | "-r" | "--regexp-extended" => ere = true,
            "-i" | "--in-place" => in_place = true,
            "-s" | "-u" | "-z" => {}
            "-e" | "--expression" => {
                i += 1;
                match argv.get(i) {
                    Some(s) => scripts.push(s.clone()),
                    None => {
                        ctx.err("sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
                        return 1;
                    }
                }
            }
            s if s.starts_with("-i") => in_place = true,
            s if s.starts_with("-e") && s.len() > 2 => scripts.push(s[2..].to_string()),
            s if s.starts_with('-')
                && s.len() > 1
                && s[1..].chars().all(|c| "nErsu".contains(c)) =>
            {
                quiet |= s.contains('n');
                ere |= s.contains('E') || s.contains('r');
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                ctx.err(&format!("sed: invalid option -- '{}'\nUsage: sed [OPTION]... {{script-only-if-no-other-script}} [input-file]...\n", c));
                return 1;
            }
            _ => {
                if scripts.is_empty()
                    && files.is_empty()
                    && !argv[1..i].iter().any(|x| x == "-e" || x.starts_with("-e"))
                {
                    scripts.push(a.clone());
                } else {
                    files.push(a.clone());
                }
            }
        }
        i += 1;
    }
    if scripts.is_empty() {
        ctx.err("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
        return 1;
    }
    let mut cmds = Vec::new();
    for (k, s) in scripts.iter().enumerate() {
        let mut p = Parser {
            cs: s.chars().collect(),
            i: 0,
            ere,
            expr_no: k + 1,
            _p: std::marker::PhantomData,
        };
        if let Err(e) = p.commands(&mut cmds) {
            ctx.err(&format!("{}\n", e));
            return 1;
        }
    }
    let mut st = 0;
    let inputs: Vec<String> = if files.is_empty() {
        vec!["-".into()]
    } else {
        files.clone()
    };
    if in_place {
        for f in &files {
            match ctx.read(f) {
                Ok(d) => {
                    let (out, _) = run(&mut cmds, &d, quiet);
                    let p = ctx.path(f);
                    let _ = ctx.vfs.write_checked(&p, &out, false);
                }
                Err(e) => {
                    ctx.err(&format!("sed: can't read {}: {}\n", f, e.msg()));
                    st = 2;
                }
            }
        }
        return st;
    }
    let mut data = String::new();
    for f in &inputs {
        match ctx.read(f) {
            Ok(d) => {
                data.push_str(&d);
                if !d.is_empty() && !d.ends_with('\n') && f != inputs.last().unwrap_or(f) {
                    data.push('\n');
                }
            }
            Err(e) => {
                ctx.err(&format!("sed: can't read {}: {}\n", f, e.msg()));
                st = 2;
            }
        }
    }
    let (out, code) = run(&mut cmds, &data, quiet);
    ctx.out(&out);
    if st != 0 {
        st
    } else {
        code
    }
}

fn run(cmds: &mut [Cmd], data: &str, quiet: bool) -> (String, i32) {
    let ls = lines(data);
    let no_final_newline = !data.is_empty() && !data.ends_with('\n');
    let mut out = String::new();
    let total = ls.len();
    for c in cmds.iter_mut() {
        c.active = false;
    }
    for (idx, l) in ls.iter().enumerate() {
        let n = idx + 1;
        let last = n == total;
        let mut line = l.to_string();
        let mut deleted = false;
        let mut quit = None;
        let mut append_after: Vec<String> = Vec::new();
        let mut k = 0;
        while k < cmds.len() {
            let c = &mut cmds[k];
            k += 1;
            if !selected(c, n, last, &line) {
                if let Kind::Block(end) = c.kind {
                    k = end + 1;
                }
                continue;
            }
            match &c.kind {
                Kind::Subst {
                    re,
                    rep,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(&line, re, rep, *global, *nth) {
                        line = new;
                        if *print {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                }
                Kind::Delete => {
                    deleted = true;
                    break;
                }
                Kind::Print => {
                    out.push_str(&line);
                    out.push('\n');
                }
                Kind::Quit(code) => {
                    quit = Some(*code);
                    break;
                }
                Kind::LineNo => out.push_str(&format!("{}\n", n)),
                Kind::Append(t) => append_after.push(t.clone()),
                Kind::Insert(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Kind::Change(t) => {
                    if c.a2.is_none() || !c.active {
                        out.push_str(t);
                        out.push('\n');
                    }
                    deleted = true;
                    break;
                }
                Kind::Translit(a, b) => {
                    line = line
                        .chars()
                        .map(|ch| match a.iter().position(|x| *x == ch) {
                            Some(p) => b[p],
                            None => ch,
                        })
                        .collect();
                }
                Kind::Block(_) | Kind::Nop => {}
            }
        }
        if !deleted && !quiet {
            out.push_str(&line);
            if !(last && no_final_newline) {
                out.push('\n');
            }
        }
        for t in append_after {
            out.push_str(&t);
            out.push('\n');
        }
        if let Some(code) = quit {
            return (out, code);
        }
    }
    (out, 0)
}
