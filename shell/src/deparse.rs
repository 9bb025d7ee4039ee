//! Functions printed back as bash prints them (`type f`, `declare -f`): the
//! parsed body laid out by bash 5.2's print_cmd.c — four-space indentation,
//! `;` after each command of a list but the last, `; then`, `;\ndo`,
//! here-document bodies after the line that opens them — with each word as
//! it was written, as near as the syntax tree keeps it: `$(...)` is re-printed
//! from its parse, as bash 5.2 does, but on one line (the tree does not say
//! where a newline stood); `\x` and `'x'` are one piece in the tree, so a
//! guess picks between them.
//!
//! The syntax tree is first rebuilt in bash's shape (binary connections,
//! pipelines to the right, `elif` as a nested `if`, `|&` as `2>&1 |`), then
//! printed by a port of print_cmd.c, whose quirks (a blank line after a
//! here-document, the `;` it swallows after one) are part of the format.

use crate::ast::*;

/// `name () \n{ \n    ...\n}`, without a final newline: bash's
/// `named_function_string` for `type` and `declare -f`.
pub fn function(name: &str, body: &Cmd) -> String {
    let mut p = Printer::default();
    if RESERVED.contains(&name) {
        p.put("function ");
    }
    p.put(name);
    p.put(" () \n");
    p.indentation += INDENT;
    p.in_function += 1;
    p.put("{ \n");
    let redirs = p.body(&build_cmd(body, None));
    p.indentation -= INDENT;
    p.in_function -= 1;
    p.func_end(&redirs);
    p.out
}

const INDENT: usize = 4;

/// Names bash prints with `function ` in front (find_reserved_word).
const RESERVED: [&str; 22] = [
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
];

// ---- bash's command tree ---------------------------------------------

#[derive(Clone, Copy, Default)]
struct Flags {
    time: bool,
    posix: bool,
    invert: bool,
}

#[derive(Default)]
struct Node {
    flags: Flags,
    kind: Kind,
    /// A compound command's redirections (a simple command keeps its own).
    redirs: Vec<Rd>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Conn {
    Semi,
    Amp,
    Pipe,
    And,
    Or,
}

enum Kind {
    Simple {
        words: Vec<String>,
        redirs: Vec<Rd>,
    },
    Conn(Box<Node>, Conn, Option<Box<Node>>),
    For {
        var: String,
        words: Vec<String>,
        body: Box<Node>,
    },
    ArithFor {
        exprs: [String; 3],
        body: Box<Node>,
    },
    Case {
        word: String,
        arms: Vec<Arm>,
    },
    While {
        until: bool,
        test: Box<Node>,
        body: Box<Node>,
    },
    If {
        test: Box<Node>,
        then: Box<Node>,
        else_: Option<Box<Node>>,
    },
    Arith(String),
    Cond(String),
    Group(Box<Node>),
    Subshell(Box<Node>),
    Func(String, Box<Node>),
}

impl Default for Kind {
    fn default() -> Kind {
        Kind::Simple {
            words: vec![],
            redirs: vec![],
        }
    }
}

struct Arm {
    pats: Vec<String>,
    body: Option<Node>,
    end: &'static str,
}

/// A redirection as printed: here-documents keep their body apart, to be
/// printed after the line.
#[derive(Clone)]
enum Rd {
    Plain(String),
    HereDoc {
        header: String,
        body: String,
        delim: String,
    },
}

fn node(kind: Kind) -> Node {
    Node {
        kind,
        ..Node::default()
    }
}

fn connect(first: Node, conn: Conn, second: Option<Node>) -> Node {
    node(Kind::Conn(Box::new(first), conn, second.map(Box::new)))
}

/// bash's connect_async_list: in `a; b &` only `b` goes to the background.
fn connect_async(mut first: Node, second: Option<Node>) -> Node {
    match &mut first.kind {
        Kind::Conn(_, Conn::Semi, Some(last)) => {
            attach_async(last, second);
            first
        }
        _ => connect(first, Conn::Amp, second),
    }
}

fn attach_async(slot: &mut Box<Node>, second: Option<Node>) {
    if let Kind::Conn(_, Conn::Semi, Some(next)) = &mut slot.kind {
        return attach_async(next, second);
    }
    let last = std::mem::take(&mut **slot);
    **slot = connect(last, Conn::Amp, second);
}

/// A list as bash's grammar builds it: `;` and `&` to the left, a trailing
/// `;` dropped, a trailing `&` kept.
fn build_list(l: &List) -> Option<Node> {
    let mut acc: Option<Node> = None;
    let mut prev_bg = false;
    for (ao, bg) in &l.0 {
        let n = build_and_or(ao);
        acc = Some(match acc {
            None => n,
            Some(a) if prev_bg => connect_async(a, Some(n)),
            Some(a) => connect(a, Conn::Semi, Some(n)),
        });
        prev_bg = *bg;
    }
    match acc {
        Some(a) if prev_bg => Some(match a.kind {
            Kind::Conn(..) => connect_async(a, None),
            _ => connect(a, Conn::Amp, None),
        }),
        a => a,
    }
}

fn build_body(l: &List) -> Box<Node> {
    Box::new(build_list(l).unwrap_or_default())
}

fn build_and_or(ao: &AndOr) -> Node {
    let mut acc = build_pipeline(&ao.first);
    for (and, p) in &ao.rest {
        let conn = if *and { Conn::And } else { Conn::Or };
        acc = connect(acc, conn, Some(build_pipeline(p)));
    }
    acc
}

fn build_pipeline(p: &Pipeline) -> Node {
    let mut nodes: Vec<Node> = p
        .cmds
        .iter()
        .map(|(c, amp)| {
            // `a |& b` is `a 2>&1 | b`.
            let dup = amp.then(|| Rd::Plain("2>&1".into()));
            build_cmd(c, dup)
        })
        .collect();
    let mut acc = nodes.pop().unwrap_or_default();
    while let Some(n) = nodes.pop() {
        acc = connect(n, Conn::Pipe, Some(acc));
    }
    acc.flags.time |= p.timed.is_some();
    acc.flags.posix |= p.timed == Some(true);
    acc.flags.invert ^= p.bang;
    acc
}

fn build_cmd(c: &Cmd, extra: Option<Rd>) -> Node {
    match c {
        Cmd::Simple(s) => {
            let mut words: Vec<String> = s
                .assigns
                .iter()
                .map(|a| {
                    let op = if a.append { "+=" } else { "=" };
                    format!("{}{op}{}", a.name, word(&a.value))
                })
                .collect();
            words.extend(s.words.iter().map(word));
            let mut redirs: Vec<Rd> = s.redirs.iter().map(redir).collect();
            redirs.extend(extra);
            node(Kind::Simple { words, redirs })
        }
        Cmd::Compound(c, rs) => {
            let mut n = node(build_compound(c));
            n.redirs = rs.iter().map(redir).collect();
            n.redirs.extend(extra);
            n
        }
        Cmd::FuncDef(name, body, _) => {
            let mut n = node(Kind::Func(name.clone(), Box::new(build_cmd(body, None))));
            n.redirs.extend(extra);
            n
        }
    }
}

fn build_compound(c: &Compound) -> Kind {
    match c {
        Compound::Group(l) => Kind::Group(build_body(l)),
        Compound::Subshell(l) => Kind::Subshell(build_body(l)),
        Compound::If { branches, else_ } => {
            // `elif` is an `if` in the `else`.
            let mut else_node = else_.as_ref().map(build_body);
            let mut kind = Kind::default();
            for (test, then) in branches.iter().rev() {
                kind = Kind::If {
                    test: build_body(test),
                    then: build_body(then),
                    else_: else_node.take(),
                };
                else_node = Some(Box::new(node(std::mem::take(&mut kind))));
            }
            else_node.map(|n| n.kind).unwrap_or(kind)
        }
        Compound::For { var, words, body } => Kind::For {
            var: var.clone(),
            words: match words {
                Some(ws) => ws.iter().map(word).collect(),
                None => vec!["\"$@\"".into()],
            },
            body: build_body(body),
        },
        Compound::ArithFor {
            init,
            cond,
            step,
            body,
        } => {
            // Leading blanks go, an empty expression is `1`.
            let expr = |w: &Word| {
                let s = parts(&w.0, Ctx::Here);
                match s.trim_start_matches([' ', '\t']) {
                    "" => "1".to_string(),
                    t => t.to_string(),
                }
            };
            Kind::ArithFor {
                exprs: [expr(init), expr(cond), expr(step)],
                body: build_body(body),
            }
        }
        Compound::While { until, cond, body } => Kind::While {
            until: *until,
            test: build_body(cond),
            body: build_body(body),
        },
        Compound::Case { word: w, arms } => Kind::Case {
            word: word(w),
            arms: arms
                .iter()
                .map(|a| Arm {
                    pats: a.pats.iter().map(pattern).collect(),
                    body: build_list(&a.body),
                    end: match a.fallthrough.as_deref() {
                        Some(";&") => ";&",
                        Some(";;&") => ";;&",
                        _ => ";;",
                    },
                })
                .collect(),
        },
        Compound::Arith(w) => Kind::Arith(parts(&w.0, Ctx::Here)),
        Compound::Cond(toks) => Kind::Cond(cond(toks)),
    }
}

/// `[[ ... ]]` as bash re-prints its parse: one space between tokens, and
/// a lone word tested as `-n word`.
fn cond(toks: &[CondTok]) -> String {
    const UNARY: &str = "abcdefghknoprstuvwxzGLNORS";
    const BINARY: [&str; 15] = [
        "=", "==", "!=", "=~", "<", ">", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt",
        "-ge",
    ];
    let text = |t: &CondTok| match t {
        CondTok::Word(w) | CondTok::Regex(w) => word(w),
        CondTok::Op(o) => o.clone(),
    };
    let is_binop = |t: Option<&CondTok>| match t {
        Some(CondTok::Word(w)) => w.as_plain().is_some_and(|o| BINARY.contains(&o)),
        Some(CondTok::Op(o)) => o == "<" || o == ">",
        _ => false,
    };
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < toks.len() {
        let CondTok::Word(w) = &toks[i] else {
            out.push(text(&toks[i]));
            i += 1;
            continue;
        };
        let unary = w.as_plain().is_some_and(|o| {
            o.len() == 2 && o.starts_with('-') && o[1..].chars().all(|c| UNARY.contains(c))
        });
        if unary && matches!(toks.get(i + 1), Some(CondTok::Word(_))) {
            out.extend([text(&toks[i]), text(&toks[i + 1])]);
            i += 2;
        } else if is_binop(toks.get(i + 1)) {
            out.extend(toks[i..(i + 3).min(toks.len())].iter().map(text));
            i += 3;
        } else {
            out.extend(["-n".to_string(), word(w)]);
            i += 1;
        }
    }
    out.join(" ")
}

// ---- redirections -----------------------------------------------------

fn redir(r: &Redir) -> Rd {
    let fd = |default: u32| match r.fd {
        Some(n) if n != default => n.to_string(),
        _ => String::new(),
    };
    let t = word(&r.target);
    let s = match r.op {
        RedirOp::In => format!("{}< {t}", fd(0)),
        RedirOp::Out => format!("{}> {t}", fd(1)),
        RedirOp::Append => format!("{}>> {t}", fd(1)),
        RedirOp::Clobber => format!("{}>| {t}", fd(1)),
        // `<>` reads fd 0 but prints it unless it is 1.
        RedirOp::ReadWrite => match r.fd.unwrap_or(0) {
            1 => format!("<> {t}"),
            n => format!("{n}<> {t}"),
        },
        RedirOp::OutErr => format!("&> {t}"),
        RedirOp::AppendOutErr => format!("&>> {t}"),
        RedirOp::HereStr => format!("{}<<< {t}", fd(0)),
        RedirOp::DupOut | RedirOp::DupIn => {
            let (default, op) = match r.op {
                RedirOp::DupOut => (1, ">&"),
                _ => (0, "<&"),
            };
            let src = r.fd.unwrap_or(default);
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            // A number or `-` is an fd, always printed with the source fd;
            // a word (`>&$fd`) drops the default one.
            match r.target.as_plain() {
                // `<&-` closes too, and prints as `0>&-`.
                Some("-") => format!("{src}>&-"),
                Some(n) if digits(n) => format!("{src}{op}{}", n.trim_start_matches('0').max("0")),
                _ if t.ends_with('-') || src != default => format!("{src}{op}{t}"),
                _ => format!("{op}{t}"),
            }
        }
        RedirOp::HereDoc => {
            let quoted = matches!(r.target.0.as_slice(), [Part::Quoted(_)]);
            let (delim, strip) = match &r.here_end {
                Some(h) => (h.delim.clone(), h.strip_tabs),
                None => ("EOF".to_string(), false),
            };
            let shown = if quoted {
                single_quote(&delim)
            } else {
                delim.clone()
            };
            let dash = if strip { "-" } else { "" };
            let body = match r.target.0.as_slice() {
                [Part::Quoted(s)] => s.clone(),
                [Part::Dq(ps)] => parts(ps, Ctx::Here),
                ps => parts(ps, Ctx::Here),
            };
            return Rd::HereDoc {
                header: format!("{}<<{dash}{shown}", fd(0)),
                body,
                delim,
            };
        }
    };
    Rd::Plain(s)
}

// ---- words ------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// A shell word.
    Normal,
    /// Inside double quotes.
    Dq,
    /// A case pattern or a word inside `${...}`.
    Pattern,
    /// A here-document body or an arithmetic expression: only `$`, `` ` ``
    /// and `\` are special.
    Here,
}

/// A word's text as written (approximately: the tree does not say whether
/// `\x` or `'x'` was typed, nor whether a newline ended a command in `$(...)`).
fn word(w: &Word) -> String {
    parts(&w.0, Ctx::Normal)
}

/// A case pattern or a word inside `${...}`, where `\%` and `\"` are the
/// usual spellings.
fn pattern(w: &Word) -> String {
    parts(&w.0, Ctx::Pattern)
}

fn parts(ps: &[Part], ctx: Ctx) -> String {
    let mut s = String::new();
    for (i, p) in ps.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| ps.get(j));
        part(p, prev, ps.get(i + 1), ctx, &mut s);
    }
    s
}

fn part(p: &Part, prev: Option<&Part>, next: Option<&Part>, ctx: Ctx, s: &mut String) {
    match p {
        Part::Lit(t) if ctx == Ctx::Dq => dq_lit(t, next.is_some(), s),
        Part::Lit(t) => s.push_str(t),
        Part::Quoted(t) => {
            // bash's strings end at a NUL: `$'\0'` prints as `''`.
            let t = t.split('\0').next().unwrap_or_default();
            let mut cs = t.chars();
            let one = match (cs.next(), cs.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            };
            let escape = one.is_some_and(|c| match ctx {
                Ctx::Here => true,
                Ctx::Pattern if "\"'$`\\;&|()<>*?[]{}!#~%./".contains(c) => true,
                _ => backslashed(c, prev, next),
            });
            match one {
                Some(c) if escape => {
                    s.push('\\');
                    s.push(c);
                }
                _ => s.push_str(&single_quote(t)),
            }
        }
        Part::Dq(inner) => {
            // In a here-document only `$"..."` makes one.
            if ctx == Ctx::Here {
                s.push('$');
            }
            s.push('"');
            s.push_str(&parts(inner, Ctx::Dq));
            s.push('"');
        }
        Part::Param(p) => param(p, next, s),
        Part::CmdSub(l) => {
            s.push_str("$(");
            s.push_str(&comsub(l));
            s.push(')');
        }
        Part::Backtick(t) => {
            s.push('`');
            backtick_text(t, s);
            s.push('`');
        }
        Part::Arith(w) => {
            s.push_str("$((");
            s.push_str(&parts(&w.0, Ctx::Here));
            s.push_str("))");
        }
        Part::Tilde(u) => {
            s.push('~');
            s.push_str(u);
        }
        Part::ProcSub(l) => {
            s.push_str("<(");
            s.push_str(&comsub(l));
            s.push(')');
        }
        Part::Array(ws) => {
            s.push('(');
            s.push_str(&ws.iter().map(word).collect::<Vec<_>>().join(" "));
            s.push(')');
        }
    }
}

/// Whether a one-character quoted piece was more likely typed `\c` than
/// `'c'`: shell syntax characters are escaped (`\;`, `\*`, `\$`), but a
/// whole word of one operator character is quoted (`tr -d '"'`,
/// `IFS='|'`), and a blank is escaped only inside a word (`a\ b`, not
/// `-d' '` or `' '$x`).
fn backslashed(c: char, prev: Option<&Part>, next: Option<&Part>) -> bool {
    // Text around, not counting the `name=` of a declaration's argument.
    let text_before = matches!(prev, Some(Part::Lit(t)) if !t.ends_with('='));
    let text_after = matches!(next, Some(Part::Lit(_)));
    match c {
        ' ' | '\t' => text_after || (text_before && next.is_some()),
        '"' | '|' | '&' | '#' | '<' | '>' | '(' | ')' => prev.is_some() || next.is_some(),
        // `\ls`: a letter escaped against an alias.
        c if c.is_ascii_alphanumeric() => text_before || text_after,
        c => "'$`\\;*?[]{}!~.".contains(c),
    }
}

/// sh_single_quote: `'...'`, a `'` inside as `'\''`.
fn single_quote(t: &str) -> String {
    format!("'{}'", t.replace('\'', "'\\''"))
}

/// Literal text inside double quotes, its `"`, `` ` ``, and the `$` and
/// `\` that would otherwise mean something, escaped again.
fn dq_lit(t: &str, more: bool, s: &mut String) {
    let cs: Vec<char> = t.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        let next = cs.get(i + 1).copied();
        let escape = match c {
            '"' | '`' => true,
            '$' => next.map_or(more, |n| {
                n.is_ascii_alphanumeric() || "_{(?#@*$!-".contains(n)
            }),
            '\\' => next.is_none_or(|n| matches!(n, '$' | '`' | '"' | '\\' | '\n')),
            _ => false,
        };
        if escape {
            s.push('\\');
        }
        s.push(c);
    }
}

/// Backquoted text: its backslashes before `$`, `` ` `` and `\` were
/// taken off when it was read; a `` ` `` inside must have had one.
fn backtick_text(t: &str, s: &mut String) {
    let cs: Vec<char> = t.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        let escape =
            c == '`' || (c == '\\' && cs.get(i + 1).is_none_or(|n| matches!(n, '$' | '`' | '\\')));
        if escape {
            s.push('\\');
        }
        s.push(c);
    }
}

fn param(p: &Param, next: Option<&Part>, s: &mut String) {
    let name = &p.name;
    let inner = match &p.op {
        ParamOp::Plain => {
            let special = name.len() == 1 && name.chars().all(|c| "0123456789?#@*$!-".contains(c));
            let glued = matches!(next, Some(Part::Lit(t))
                if t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
            if !p.braced && (special || (crate::lexer::is_name(name) && !glued)) {
                s.push('$');
                s.push_str(name);
                return;
            }
            name.clone()
        }
        ParamOp::Length => format!("#{name}"),
        ParamOp::Test {
            colon,
            kind,
            word: w,
        } => {
            format!(
                "{name}{}{kind}{}",
                if *colon { ":" } else { "" },
                pattern(w)
            )
        }
        ParamOp::Trim {
            suffix,
            longest,
            pat,
        } => {
            let c = if *suffix { "%" } else { "#" };
            format!("{name}{c}{}{}", if *longest { c } else { "" }, pattern(pat))
        }
        ParamOp::Replace {
            all,
            anchor,
            pat,
            rep,
        } => {
            let mut t = format!("{name}/");
            if *all {
                t.push('/');
            } else if let Some(a) = anchor {
                t.push(*a);
            }
            t.push_str(&pattern(pat));
            if !rep.0.is_empty() {
                t.push('/');
                t.push_str(&pattern(rep));
            }
            t
        }
        ParamOp::Substr { off, len } => match len {
            Some(l) => format!("{name}:{}:{}", pattern(off), pattern(l)),
            None => format!("{name}:{}", pattern(off)),
        },
        ParamOp::Case { upper, all } => {
            let c = if *upper { "^" } else { "," };
            format!("{name}{c}{}", if *all { c } else { "" })
        }
        ParamOp::Indirect => format!("!{name}"),
        ParamOp::Bad(t) => {
            s.push_str(t);
            return;
        }
    };
    s.push_str("${");
    s.push_str(&inner);
    s.push('}');
}

/// The inside of `$(...)` as bash 5.2 re-prints it when it parses it: on
/// one line, out of any function's layout, a leading `(` spaced off.
fn comsub(l: &List) -> String {
    let mut p = Printer::default();
    p.command(build_list(l).as_ref());
    match p.out.starts_with('(') {
        true => format!(" {}", p.out),
        false => p.out,
    }
}

// ---- the printer (print_cmd.c) -----------------------------------------

#[derive(Default)]
struct Printer {
    out: String,
    indentation: usize,
    skip_indent: usize,
    /// The last redirection list printed held a here-document: the `;`
    /// after it is left out.
    was_heredoc: bool,
    printing_connection: usize,
    /// Here-document bodies waiting for the connector after their command.
    deferred: Vec<(String, String)>,
    in_function: usize,
}

impl Printer {
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn indent(&mut self) {
        let n = self.indentation;
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn newline(&mut self, s: &str) {
        self.put("\n");
        self.indent();
        self.put(s);
    }

    fn semicolon(&mut self) {
        if !self.out.ends_with(['&', '\n']) {
            self.put(";");
        }
    }

    /// A function body: a group's commands without its braces (its
    /// redirections go after the closing one), anything else as itself.
    fn body(&mut self, n: &Node) -> Vec<Rd> {
        let redirs = match &n.kind {
            Kind::Group(inner) => {
                self.command(Some(inner));
                n.redirs.clone()
            }
            _ => {
                self.command(Some(n));
                vec![]
            }
        };
        self.flush_deferred("");
        redirs
    }

    /// The closing brace, the body's redirections after it.
    fn func_end(&mut self, redirs: &[Rd]) {
        if redirs.is_empty() {
            self.newline("}");
            // bash 5.2 patch 3: no here-document is being printed now.
            self.was_heredoc = false;
        } else {
            self.newline("} ");
            self.redirect_list(redirs);
        }
    }

    fn command(&mut self, n: Option<&Node>) {
        let Some(n) = n else { return };
        if self.skip_indent > 0 {
            self.skip_indent -= 1;
        } else {
            self.indent();
        }
        if n.flags.time {
            self.put("time ");
            if n.flags.posix {
                self.put("-p ");
            }
        }
        if n.flags.invert {
            self.put("! ");
        }
        match &n.kind {
            Kind::Simple { words, redirs } => {
                self.put(&words.join(" "));
                if !redirs.is_empty() {
                    if !words.is_empty() {
                        self.put(" ");
                    }
                    self.redirect_list(redirs);
                }
            }
            Kind::Conn(first, conn, second) => self.connection(first, *conn, second.as_deref()),
            Kind::For { var, words, body } => {
                self.put(&format!("for {var} in {};", words.join(" ")));
                self.do_done(body);
            }
            Kind::ArithFor { exprs, body } => {
                self.put(&format!("for (({}; {}; {}))", exprs[0], exprs[1], exprs[2]));
                self.do_done(body);
            }
            Kind::Case { word, arms } => {
                self.put(&format!("case {word} in "));
                self.indentation += INDENT;
                for arm in arms {
                    self.newline("");
                    self.put(&arm.pats.join(" | "));
                    self.put(")\n");
                    self.indentation += INDENT;
                    self.command(arm.body.as_ref());
                    self.indentation -= INDENT;
                    self.flush_deferred("");
                    self.newline(arm.end);
                }
                self.indentation -= INDENT;
                self.newline("esac");
            }
            Kind::While { until, test, body } => {
                self.put(if *until { "until " } else { "while " });
                self.skip_indent += 1;
                self.command(Some(test));
                self.flush_deferred("");
                self.semicolon();
                self.put(" do\n");
                self.indentation += INDENT;
                self.command(Some(body));
                self.flush_deferred("");
                self.indentation -= INDENT;
                self.semicolon();
                self.newline("done");
            }
            Kind::If { test, then, else_ } => {
                self.put("if ");
                self.skip_indent += 1;
                self.command(Some(test));
                self.semicolon();
                self.put(" then\n");
                self.indented(then);
                if let Some(e) = else_ {
                    self.semicolon();
                    self.newline("else\n");
                    self.indented(e);
                }
                self.semicolon();
                self.newline("fi");
            }
            Kind::Arith(t) => self.put(&format!("(({t}))")),
            Kind::Cond(t) => self.put(&format!("[[ {t} ]]")),
            Kind::Group(body) => {
                self.put("{ ");
                if self.in_function == 0 {
                    self.skip_indent += 1;
                } else {
                    self.put("\n");
                    self.indentation += INDENT;
                }
                self.command(Some(body));
                self.flush_deferred("");
                if self.in_function > 0 {
                    self.put("\n");
                    self.indentation -= INDENT;
                    self.indent();
                } else {
                    self.semicolon();
                    self.put(" ");
                }
                self.put("}");
            }
            Kind::Subshell(body) => {
                self.put("( ");
                self.skip_indent += 1;
                self.command(Some(body));
                self.flush_deferred("");
                self.put(" )");
            }
            Kind::Func(name, body) => {
                // print_function_def: the `function` form, outside posix mode.
                self.put(&format!("function {name} () \n"));
                self.indent();
                self.put("{ \n");
                self.in_function += 1;
                self.indentation += INDENT;
                let redirs = self.body(body);
                self.indentation -= INDENT;
                self.in_function -= 1;
                self.func_end(&redirs);
            }
        }
        if !n.redirs.is_empty() && !matches!(n.kind, Kind::Simple { .. }) {
            self.put(" ");
            self.redirect_list(&n.redirs);
        }
    }

    fn indented(&mut self, n: &Node) {
        self.indentation += INDENT;
        self.command(Some(n));
        self.flush_deferred("");
        self.indentation -= INDENT;
    }

    fn do_done(&mut self, body: &Node) {
        self.newline("do\n");
        self.indentation += INDENT;
        self.command(Some(body));
        self.flush_deferred("");
        self.semicolon();
        self.indentation -= INDENT;
        self.newline("done");
    }

    fn connection(&mut self, first: &Node, conn: Conn, second: Option<&Node>) {
        self.skip_indent += 1;
        self.printing_connection += 1;
        self.command(Some(first));
        match conn {
            Conn::Amp | Conn::Pipe => {
                self.print_deferred(if conn == Conn::Amp { " &" } else { " |" });
                if conn != Conn::Amp || second.is_some() {
                    self.put(" ");
                    self.skip_indent += 1;
                }
            }
            Conn::And | Conn::Or => {
                self.print_deferred(if conn == Conn::And { " && " } else { " || " });
                if second.is_some() {
                    self.skip_indent += 1;
                }
            }
            Conn::Semi => {
                if self.deferred.is_empty() {
                    if !self.was_heredoc {
                        self.put(";");
                    } else {
                        self.was_heredoc = false;
                    }
                } else {
                    self.print_deferred(if self.in_function > 0 { "" } else { ";" });
                }
                if self.in_function > 0 {
                    self.put("\n");
                } else {
                    self.put(" ");
                    if second.is_some() {
                        self.skip_indent += 1;
                    }
                }
            }
        }
        self.command(second);
        self.flush_deferred("");
        self.printing_connection -= 1;
    }

    /// PRINT_DEFERRED_HEREDOCS.
    fn flush_deferred(&mut self, s: &str) {
        if !self.deferred.is_empty() {
            self.print_deferred(s);
        }
    }

    /// print_deferred_heredocs: the connector, then the bodies held back.
    fn print_deferred(&mut self, s: &str) {
        let shown = !s.is_empty() && s != ";";
        if shown {
            self.put(s);
        }
        if !self.deferred.is_empty() {
            let docs = std::mem::take(&mut self.deferred);
            self.heredoc_bodies(&docs);
            if shown {
                self.put(" ");
            }
            self.was_heredoc = true;
        }
    }

    fn heredoc_bodies(&mut self, docs: &[(String, String)]) {
        self.put("\n");
        for (body, delim) in docs {
            self.put(body);
            self.put(delim);
            self.put("\n");
        }
        self.was_heredoc = true;
    }

    fn redirect_list(&mut self, rs: &[Rd]) {
        self.was_heredoc = false;
        let mut docs = vec![];
        for (i, r) in rs.iter().enumerate() {
            match r {
                Rd::Plain(s) => self.put(s),
                Rd::HereDoc {
                    header,
                    body,
                    delim,
                } => {
                    self.put(header);
                    docs.push((body.clone(), delim.clone()));
                }
            }
            if i + 1 < rs.len() {
                self.put(" ");
            }
        }
        if docs.is_empty() {
            return;
        }
        if self.printing_connection > 0 {
            self.deferred = docs;
        } else {
            self.heredoc_bodies(&docs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::Parser;

    /// The name and body of the function the source defines.
    fn parse_fn(src: &str) -> (String, Cmd) {
        let mut p = Parser::new(src, Default::default());
        let list = p.next_command().unwrap().unwrap();
        match &list.0[0].0.first.cmds[0].0 {
            Cmd::FuncDef(name, body, _) => (name.clone(), (**body).clone()),
            c => panic!("not a function: {c:?}"),
        }
    }

    #[test]
    fn bash_layout() {
        let (name, body) = parse_fn("g() { local x=1; if [ $x -eq 1 ]; then echo one; fi; }");
        assert_eq!(
            function(&name, &body),
            "g () \n{ \n    local x=1;\n    if [ $x -eq 1 ]; then\n        echo one;\n    fi\n}"
        );
        let (name, body) = parse_fn("f() { cat <<'E' | wc\n$x\nE\n}");
        assert_eq!(
            function(&name, &body),
            "f () \n{ \n    cat <<'E' |\n$x\nE\n  wc\n}"
        );
    }

    /// What is printed parses back to the same tree.
    #[test]
    fn printed_functions_parse_back() {
        for src in [
            r#"f() { echo "a\"b\$c\`d\\" 'x'\''y' \; a\ b $'t\tu' ${x:-"d e"} ${x}y; }"#,
            "f() { a | b && ! d || time -p e & f; g > o 2>&1 3<&0 4<> rw; }",
            "f() { case $x in a|b) x;& *) ;; esac; [[ -n $y && ! ( $z =~ ^a.$ ) ]]; }",
            "f() { x=$( (a) ) y=`b \\` c` z=(1 \"2 3\"); { p; } 1>&2; ( q ) & }",
            "f() { cat <<-X <<Y; echo\n\tone $v\n\tX\ntwo\nY\n}",
            "f() { while a; do if b; then c; else g; fi; done; }",
        ] {
            let (name, body) = parse_fn(src);
            let printed = function(&name, &body);
            let (_, again) = parse_fn(&printed);
            assert_eq!(body, again, "{src}\n{printed}");
        }
    }

    /// What bash rewrites (`|&`, `<&-`, `for x;`, empty arithmetic, `elif`,
    /// nested functions) prints the same again.
    #[test]
    fn printing_is_a_fixed_point() {
        for src in [
            "f() { if b; then c; elif d; then e; fi; }",
            "f() { a |& b; exec <&-; for i; do :; done; for ((;;)); do break; done; }",
            "f() { g() { cat <<E; }; g; }\nx\nE\n",
        ] {
            let (name, body) = parse_fn(src);
            let printed = function(&name, &body);
            let (_, again) = parse_fn(&printed);
            assert_eq!(function(&name, &again), printed);
        }
    }

    /// Functions saved before the tree kept `${...}` and here-document
    /// delimiters still load, and print with `$x` and `EOF`.
    #[test]
    fn old_snapshots_load() {
        let r: Redir =
            serde_json::from_str(r#"{"fd":null,"op":"HereDoc","target":[{"Quoted":"x\n"}]}"#)
                .unwrap();
        let p: Param = serde_json::from_str(r#"{"name":"x","op":"Plain"}"#).unwrap();
        let body = Cmd::Simple(Simple {
            assigns: vec![],
            words: vec![Word::lit("cat"), Word(vec![Part::Param(Box::new(p))])],
            redirs: vec![r],
        });
        assert_eq!(
            function("f", &body),
            "f () \n{ \n    cat $x <<'EOF'\nx\nEOF\n\n}"
        );
    }
}
