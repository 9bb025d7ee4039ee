//! The grammar: turns text into `ast` lists, one complete command (one
//! input line, or more while a compound command is open) at a time, so
//! that aliases defined on one line apply to the next, as in bash.

use crate::ast::*;
use crate::lexer::{is_name, Mode};
use std::collections::BTreeMap;

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PErr {
    /// The input ended inside a construct: more lines are needed. The text
    /// is what bash says if the input really ends there (empty: generic).
    Incomplete(String),
    /// `syntax error near unexpected token `X'`.
    Syntax(String),
    TooDeep,
}

impl PErr {
    /// The message bash prints (without the `bash: ` prefix).
    pub fn message(&self) -> String {
        match self {
            PErr::Incomplete(m) if !m.is_empty() => m.clone(),
            PErr::Incomplete(_) => "syntax error: unexpected end of file".into(),
            PErr::Syntax(t) => format!("syntax error near unexpected token `{}'", t),
            PErr::TooDeep => "expression nesting level exceeded".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Tok {
    Word {
        word: Word,
        raw: String,
        start: usize,
    },
    IoNum(u32),
    Op(&'static str),
    Newline,
    Eof,
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Word { raw, .. } => raw.clone(),
            Tok::IoNum(n) => n.to_string(),
            Tok::Op(o) => o.to_string(),
            Tok::Newline => "newline".into(),
            Tok::Eof => String::new(),
        }
    }
    fn kw(&self) -> Option<&str> {
        match self {
            Tok::Word { word, .. } => word.as_plain(),
            _ => None,
        }
    }
}

const TERMINATORS: [&str; 8] = ["then", "else", "elif", "fi", "do", "done", "esac", "}"];

/// An alias expansion in progress: its name may not expand again inside
/// the text it produced (positions `< end`).
#[derive(Clone, Debug)]
struct AliasGuard {
    name: String,
    end: usize,
}

pub struct Parser {
    pub(crate) s: Vec<char>,
    pub(crate) pos: usize,
    peeked: Option<Tok>,
    pub(crate) aliases: BTreeMap<String, String>,
    /// (position of the newline, where to resume after the bodies).
    pub(crate) heredoc_jump: Option<(usize, usize)>,
    pub(crate) depth: usize,
    pub(crate) trailing_backslash_ok: bool,
    /// Reading the arguments of a command that assigns nothing: `a[$i]=x`
    /// there is a plain word, its `$i` expanded.
    pub(crate) plain_args: bool,
    /// When set, a here-document missing its delimiter ends at end of input
    /// with a warning instead of asking for more lines.
    pub heredoc_eof_ok: bool,
    pub warnings: Vec<String>,
    guards: Vec<AliasGuard>,
    alias_next_from: Option<usize>,
    cmd_start: usize,
}

impl Parser {
    pub fn new(src: &str, aliases: BTreeMap<String, String>) -> Parser {
        Parser {
            s: src.chars().collect(),
            pos: 0,
            peeked: None,
            aliases,
            heredoc_jump: None,
            depth: 0,
            trailing_backslash_ok: false,
            plain_args: false,
            heredoc_eof_ok: false,
            warnings: vec![],
            guards: vec![],
            alias_next_from: None,
            cmd_start: 0,
        }
    }

    pub fn set_aliases(&mut self, aliases: &BTreeMap<String, String>) {
        self.aliases = aliases.clone();
    }

    /// 1-based line of the command `next_command` returned last.
    pub fn command_line(&self) -> usize {
        let end = self.cmd_start.min(self.s.len());
        1 + self.s[..end].iter().filter(|c| **c == '\n').count()
    }

    /// The text of the line holding the parse position (for script errors).
    pub fn current_line(&self) -> String {
        let pos = self.pos.min(self.s.len());
        let mut a = pos;
        while a > 0 && self.s[a - 1] != '\n' {
            a -= 1;
        }
        let mut b = pos;
        while b < self.s.len() && self.s[b] != '\n' {
            b += 1;
        }
        if a == b && a > 0 {
            // At a newline: show the line just finished.
            let mut c = a - 1;
            while c > 0 && self.s[c - 1] != '\n' {
                c -= 1;
            }
            return self.s[c..a - 1].iter().collect();
        }
        self.s[a..b].iter().collect()
    }

    pub fn at_end(&self) -> bool {
        self.peeked.is_none() && self.pos >= self.s.len()
    }

    pub(crate) fn enter(&mut self) -> Result<(), PErr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PErr::TooDeep);
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<&Tok, PErr> {
        if self.peeked.is_none() {
            let t = self.lex()?;
            self.peeked = Some(t);
        }
        Ok(self.peeked.as_ref().unwrap_or(&Tok::Eof))
    }

    fn next(&mut self) -> Result<Tok, PErr> {
        self.peek()?;
        Ok(self.peeked.take().unwrap_or(Tok::Eof))
    }

    fn peek_is_op(&mut self, op: &str) -> Result<bool, PErr> {
        Ok(matches!(self.peek()?, Tok::Op(o) if *o == op))
    }

    fn peek_is_kw(&mut self, kw: &str) -> Result<bool, PErr> {
        Ok(self.peek()?.kw() == Some(kw))
    }

    fn unexpected(&mut self) -> PErr {
        match self.peek() {
            Ok(Tok::Eof) => PErr::Incomplete(String::new()),
            Ok(t) => PErr::Syntax(t.text()),
            Err(e) => e,
        }
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), PErr> {
        if self.peek_is_kw(kw)? {
            self.next()?;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<(), PErr> {
        if self.peek_is_op(op)? {
            self.next()?;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn skip_newlines(&mut self) -> Result<(), PErr> {
        while matches!(self.peek()?, Tok::Newline) {
            self.next()?;
        }
        Ok(())
    }

    /// Skips the rest of the current line after a syntax error.
    pub fn recover(&mut self) {
        self.peeked = None;
        self.heredoc_jump = None;
        while self.pos < self.s.len() && self.s[self.pos] != '\n' {
            self.pos += 1;
        }
        if self.pos < self.s.len() {
            self.pos += 1;
        }
    }

    /// The next complete command, or None at the end of the input.
    pub fn next_command(&mut self) -> Result<Option<List>, PErr> {
        self.depth = 0;
        self.skip_newlines()?;
        self.cmd_start = self.pos;
        if matches!(self.peek()?, Tok::Eof) {
            return Ok(None);
        }
        if let Some(Tok::Word { start, .. }) = &self.peeked {
            self.cmd_start = *start;
        }
        let list = self.parse_list(true)?;
        match self.next()? {
            Tok::Newline | Tok::Eof if !list.0.is_empty() => Ok(Some(list)),
            t => Err(match t {
                Tok::Eof => PErr::Incomplete(String::new()),
                t => PErr::Syntax(t.text()),
            }),
        }
    }

    /// After `$(` or `<(`: a list up to the closing `)`.
    pub(crate) fn parse_sub_list(&mut self) -> Result<List, PErr> {
        self.enter()?;
        let saved = self.peeked.take();
        let list = self.parse_list(false)?;
        if list.0.is_empty() && !self.peek_is_op(")")? {
            return Err(self.unexpected());
        }
        self.expect_op(")")?;
        self.peeked = saved;
        self.depth -= 1;
        Ok(list)
    }

    fn is_terminator(t: &Tok) -> bool {
        match t {
            Tok::Eof => true,
            Tok::Op(o) => matches!(*o, ")" | ";;" | ";&" | ";;&"),
            t => t.kw().is_some_and(|k| TERMINATORS.contains(&k)),
        }
    }

    fn parse_list(&mut self, top: bool) -> Result<List, PErr> {
        let mut items = Vec::new();
        loop {
            if !top {
                self.skip_newlines()?;
            }
            let t = self.peek()?;
            if Parser::is_terminator(t) || (top && matches!(t, Tok::Newline)) {
                break;
            }
            let ao = self.parse_and_or()?;
            match self.peek()? {
                Tok::Op(";") => {
                    self.next()?;
                    items.push((ao, false));
                }
                Tok::Op("&") => {
                    self.next()?;
                    items.push((ao, true));
                }
                Tok::Newline if !top => items.push((ao, false)),
                _ => {
                    items.push((ao, false));
                    break;
                }
            }
        }
        Ok(List(items))
    }

    fn parse_nonempty_list(&mut self) -> Result<List, PErr> {
        let l = self.parse_list(false)?;
        if l.0.is_empty() {
            return Err(self.unexpected());
        }
        Ok(l)
    }

    fn parse_and_or(&mut self) -> Result<AndOr, PErr> {
        let first = self.parse_pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = match self.peek()? {
                Tok::Op("&&") => true,
                Tok::Op("||") => false,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((and, self.parse_pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn parse_pipeline(&mut self) -> Result<Pipeline, PErr> {
        let mut timed = None;
        if self.peek_is_kw("time")? {
            self.next()?;
            let posix = matches!(self.peek()?, Tok::Word { raw, .. } if raw == "-p");
            if posix {
                self.next()?;
            }
            timed = Some(posix);
            // `time` alone times nothing.
            if !matches!(self.peek()?, Tok::Word { .. } | Tok::Op("(" | "((")) {
                return Ok(Pipeline {
                    bang: false,
                    timed,
                    cmds: vec![],
                });
            }
        }
        let mut bang = false;
        while self.peek_is_kw("!")? {
            self.next()?;
            bang = !bang;
        }
        let mut cmds = Vec::new();
        loop {
            let cmd = self.parse_command()?;
            let amp = match self.peek()? {
                Tok::Op("|") => false,
                Tok::Op("|&") => true,
                _ => {
                    cmds.push((cmd, false));
                    break;
                }
            };
            self.next()?;
            self.skip_newlines()?;
            cmds.push((cmd, amp));
        }
        Ok(Pipeline { bang, timed, cmds })
    }

    fn parse_command(&mut self) -> Result<Cmd, PErr> {
        self.enter()?;
        let start_tok = self.peek()?.clone();
        let cmd = match &start_tok {
            Tok::Eof => return Err(PErr::Incomplete(String::new())),
            Tok::Newline => return Err(PErr::Syntax("newline".into())),
            Tok::Op("(") => {
                if self.at(self.pos) == Some('(') {
                    if let Some(end) = self.find_arith_end(self.pos + 1)? {
                        let inner: String = self.s[self.pos + 1..end].iter().collect();
                        self.pos = end + 2;
                        self.peeked = None;
                        let w = self.nested_here_word(&inner)?;
                        let redirs = self.parse_redirs()?;
                        self.depth -= 1;
                        return Ok(Cmd::Compound(Box::new(Compound::Arith(w)), redirs));
                    }
                }
                self.next()?;
                let l = self.parse_nonempty_list()?;
                self.expect_op(")")?;
                Compound::Subshell(l)
            }
            Tok::Op(o) if is_redir_op(o) => return self.parse_simple(),
            Tok::Op(o) => return Err(PErr::Syntax(o.to_string())),
            Tok::IoNum(_) => return self.parse_simple(),
            t => match t.kw() {
                Some("if") => self.parse_if()?,
                Some("for") => self.parse_for()?,
                Some(k @ ("while" | "until")) => {
                    let until = k == "until";
                    self.next()?;
                    let cond = self.parse_nonempty_list()?;
                    self.expect_kw("do")?;
                    let body = self.parse_nonempty_list()?;
                    self.expect_kw("done")?;
                    Compound::While { until, cond, body }
                }
                Some("case") => self.parse_case()?,
                Some("{") => {
                    self.next()?;
                    let l = self.parse_nonempty_list()?;
                    self.expect_kw("}")?;
                    Compound::Group(l)
                }
                Some("[[") => self.parse_cond()?,
                Some("function") => {
                    let start = match &start_tok {
                        Tok::Word { start, .. } => *start,
                        _ => self.pos,
                    };
                    self.next()?;
                    let name = match self.next()? {
                        Tok::Word { raw, .. } => raw,
                        t => return Err(PErr::Syntax(t.text())),
                    };
                    if self.peek_is_op("(")? {
                        self.next()?;
                        self.expect_op(")")?;
                    }
                    return self.parse_func_body(name, start);
                }
                Some(k) if TERMINATORS.contains(&k) => return Err(PErr::Syntax(k.to_string())),
                _ => return self.parse_simple(),
            },
        };
        let redirs = self.parse_redirs()?;
        self.depth -= 1;
        Ok(Cmd::Compound(Box::new(cmd), redirs))
    }

    fn parse_func_body(&mut self, name: String, start: usize) -> Result<Cmd, PErr> {
        self.skip_newlines()?;
        let body = self.parse_command()?;
        if !matches!(body, Cmd::Compound(..)) {
            return Err(PErr::Syntax(name));
        }
        let end = self.pos.min(self.s.len());
        let src: String = self.s[start.min(end)..end].iter().collect();
        self.depth -= 1;
        Ok(Cmd::FuncDef(
            name,
            Box::new(body),
            src.trim_end().to_string(),
        ))
    }

    fn parse_redirs(&mut self) -> Result<Vec<Redir>, PErr> {
        let mut redirs = Vec::new();
        loop {
            match self.peek()? {
                Tok::IoNum(n) => {
                    let n = *n;
                    self.next()?;
                    redirs.push(self.parse_redir(Some(n))?);
                }
                Tok::Op(o) if is_redir_op(o) => redirs.push(self.parse_redir(None)?),
                _ => return Ok(redirs),
            }
        }
    }

    fn parse_if(&mut self) -> Result<Compound, PErr> {
        self.next()?;
        let mut branches = Vec::new();
        let mut else_ = None;
        loop {
            let cond = self.parse_nonempty_list()?;
            self.expect_kw("then")?;
            let body = self.parse_nonempty_list()?;
            branches.push((cond, body));
            match self.peek()?.kw() {
                Some("elif") => {
                    self.next()?;
                }
                Some("else") => {
                    self.next()?;
                    else_ = Some(self.parse_nonempty_list()?);
                    self.expect_kw("fi")?;
                    break;
                }
                Some("fi") => {
                    self.next()?;
                    break;
                }
                _ => return Err(self.unexpected()),
            }
        }
        Ok(Compound::If { branches, else_ })
    }

    fn parse_for(&mut self) -> Result<Compound, PErr> {
        self.next()?;
        if self.peek_is_op("(")? && self.at(self.pos) == Some('(') {
            let end = match self.find_arith_end(self.pos + 1)? {
                Some(e) => e,
                None => return Err(PErr::Syntax("(".into())),
            };
            let inner: String = self.s[self.pos + 1..end].iter().collect();
            self.pos = end + 2;
            self.peeked = None;
            let parts: Vec<&str> = inner.split(';').collect();
            if parts.len() != 3 {
                return Err(PErr::Syntax("((".into()));
            }
            let init = self.nested_here_word(parts[0])?;
            let cond = self.nested_here_word(parts[1])?;
            let step = self.nested_here_word(parts[2])?;
            if self.peek_is_op(";")? {
                self.next()?;
            }
            self.skip_newlines()?;
            let body = self.parse_do_group()?;
            return Ok(Compound::ArithFor {
                init,
                cond,
                step,
                body,
            });
        }
        let var = match self.next()? {
            Tok::Word { raw, .. } if is_name(&raw) => raw,
            Tok::Eof => return Err(PErr::Incomplete(String::new())),
            t => return Err(PErr::Syntax(t.text())),
        };
        let mut words = None;
        if self.peek_is_op(";")? {
            self.next()?;
        }
        self.skip_newlines()?;
        if self.peek_is_kw("in")? {
            self.next()?;
            let mut ws = Vec::new();
            loop {
                match self.next()? {
                    Tok::Word { word, .. } => ws.push(word),
                    Tok::Op(";") | Tok::Newline => break,
                    Tok::Eof => return Err(PErr::Incomplete(String::new())),
                    t => return Err(PErr::Syntax(t.text())),
                }
            }
            words = Some(ws);
            self.skip_newlines()?;
        }
        let body = self.parse_do_group()?;
        Ok(Compound::For { var, words, body })
    }

    fn parse_do_group(&mut self) -> Result<List, PErr> {
        if self.peek_is_kw("{")? {
            self.next()?;
            let body = self.parse_nonempty_list()?;
            self.expect_kw("}")?;
            return Ok(body);
        }
        self.expect_kw("do")?;
        let body = self.parse_nonempty_list()?;
        self.expect_kw("done")?;
        Ok(body)
    }

    fn parse_case(&mut self) -> Result<Compound, PErr> {
        self.next()?;
        let word = match self.next()? {
            Tok::Word { word, .. } => word,
            Tok::Eof => return Err(PErr::Incomplete(String::new())),
            t => return Err(PErr::Syntax(t.text())),
        };
        self.skip_newlines()?;
        self.expect_kw("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines()?;
            if self.peek_is_kw("esac")? {
                self.next()?;
                break;
            }
            if self.peek_is_op("(")? {
                self.next()?;
            }
            let mut pats = Vec::new();
            loop {
                match self.next()? {
                    Tok::Word { word, .. } => pats.push(word),
                    Tok::Eof => return Err(PErr::Incomplete(String::new())),
                    t => return Err(PErr::Syntax(t.text())),
                }
                if self.peek_is_op("|")? {
                    self.next()?;
                } else {
                    break;
                }
            }
            self.expect_op(")")?;
            let body = self.parse_list(false)?;
            let fallthrough = match self.peek()? {
                Tok::Op(";;") => {
                    self.next()?;
                    None
                }
                Tok::Op(o @ (";&" | ";;&")) => {
                    let o = o.to_string();
                    self.next()?;
                    Some(o)
                }
                t if t.kw() == Some("esac") => None,
                _ => return Err(self.unexpected()),
            };
            arms.push(CaseArm {
                pats,
                body,
                fallthrough,
            });
        }
        Ok(Compound::Case { word, arms })
    }

    /// `[[ ... ]]`: operators and words, with `<`/`>` as comparisons.
    fn parse_cond(&mut self) -> Result<Compound, PErr> {
        self.next()?;
        let mut toks = Vec::new();
        loop {
            self.skip_blanks();
            while self.at(self.pos) == Some('\n') {
                self.eat_newline();
                self.skip_blanks();
            }
            let c = match self.at(self.pos) {
                None => return Err(PErr::Incomplete(String::new())),
                Some(c) => c,
            };
            let two: String = self.s[self.pos..(self.pos + 2).min(self.s.len())]
                .iter()
                .collect();
            let after_two = self.at(self.pos + 2);
            if two == "]]" && after_two.is_none_or(crate::lexer::is_meta) {
                self.pos += 2;
                break;
            }
            // After `=~` comes a regex, whose `(` and `|` are its own.
            if matches!(toks.last(), Some(CondTok::Word(w)) if w.as_plain() == Some("=~"))
                && !matches!(c, '&' | ')')
            {
                toks.push(CondTok::Regex(self.read_regex_word()?));
                continue;
            }
            if two == "&&" || two == "||" {
                self.pos += 2;
                toks.push(CondTok::Op(two));
                continue;
            }
            if matches!(c, '(' | ')' | '<' | '>') {
                self.pos += 1;
                toks.push(CondTok::Op(c.to_string()));
                continue;
            }
            if matches!(c, ';' | '&' | '|') {
                return Err(PErr::Syntax(c.to_string()));
            }
            let w = self.read_word(Mode::Normal)?;
            if w.as_plain() == Some("!") {
                toks.push(CondTok::Op("!".into()));
            } else {
                toks.push(CondTok::Word(w));
            }
        }
        self.peeked = None;
        Ok(Compound::Cond(toks))
    }

    fn read_regex_word(&mut self) -> Result<Word, PErr> {
        let mut parts = Vec::new();
        let mut depth = 0usize;
        loop {
            let c = match self.at(self.pos) {
                None => break,
                Some(c) => c,
            };
            if depth == 0 && matches!(c, ' ' | '\t' | '\n') {
                break;
            }
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if matches!(c, '\\' | '\'' | '"' | '$') {
                let w = self.read_word(Mode::Brace(" \t\n()|"))?;
                parts.extend(w.0);
                if self.pos < self.s.len() && matches!(self.s[self.pos], '(' | ')' | '|') {
                    continue;
                }
                continue;
            }
            parts.push(Part::Lit(c.to_string()));
            self.pos += 1;
        }
        Ok(Word(parts))
    }

    fn parse_simple(&mut self) -> Result<Cmd, PErr> {
        let mut s = Simple {
            assigns: vec![],
            words: vec![],
            redirs: vec![],
        };
        loop {
            self.plain_args = s.words.first().is_some_and(|w| !declares(w));
            match self.peek()?.clone() {
                Tok::IoNum(n) => {
                    self.next()?;
                    s.redirs.push(self.parse_redir(Some(n))?);
                }
                Tok::Op(o) if is_redir_op(o) => s.redirs.push(self.parse_redir(None)?),
                Tok::Word { word, raw, start } => {
                    if s.words.is_empty() {
                        if let Some(a) = as_assignment(&word) {
                            self.next()?;
                            s.assigns.push(a);
                            continue;
                        }
                    }
                    let check_alias = s.words.is_empty()
                        || self.alias_next_from.is_some_and(|from| start >= from);
                    if check_alias && self.try_alias(&word, start) {
                        continue;
                    }
                    if !s.words.is_empty() {
                        self.alias_next_from = None;
                    }
                    self.next()?;
                    // The word after a command name is lexed as its argument.
                    self.plain_args = s.words.is_empty() && !declares(&word);
                    if s.words.is_empty()
                        && s.assigns.is_empty()
                        && s.redirs.is_empty()
                        && is_func_name(&raw)
                        && self.peek_is_op("(")?
                    {
                        self.plain_args = false;
                        self.next()?;
                        self.expect_op(")")?;
                        return self.parse_func_body(raw, start);
                    }
                    // `name=(...)` is an assignment, or an argument of a
                    // declaration builtin; anywhere else `(` is unexpected.
                    let declaring = s.words.first().is_some_and(declares);
                    if !declaring && word.0.iter().any(|p| matches!(p, Part::Array(_))) {
                        return Err(PErr::Syntax("(".into()));
                    }
                    s.words.push(word);
                }
                _ => break,
            }
        }
        self.alias_next_from = None;
        self.plain_args = false;
        self.depth -= 1;
        if s.words.is_empty() && s.assigns.is_empty() && s.redirs.is_empty() {
            return Err(self.unexpected());
        }
        Ok(Cmd::Simple(s))
    }

    /// Replaces an alias name at `start` with its value in the input text.
    fn try_alias(&mut self, word: &Word, start: usize) -> bool {
        let name = match word.as_plain() {
            Some(n) => n.to_string(),
            None => return false,
        };
        let value = match self.aliases.get(&name) {
            Some(v) => v.clone(),
            None => return false,
        };
        if self.guards.iter().any(|g| g.name == name && start < g.end) {
            return false;
        }
        let old_len = self.pos - start;
        let new: Vec<char> = value.chars().collect();
        let new_len = new.len();
        if self.s.len() + new_len > 1_000_000 {
            return false;
        }
        self.s.splice(start..self.pos, new);
        let shift = |p: usize| {
            if p >= start + old_len {
                p + new_len - old_len
            } else {
                p
            }
        };
        if let Some((a, b)) = self.heredoc_jump {
            self.heredoc_jump = Some((shift(a), shift(b)));
        }
        for g in &mut self.guards {
            g.end = shift(g.end).max(start + new_len);
        }
        self.guards.retain(|g| g.end > start);
        self.guards.push(AliasGuard {
            name,
            end: start + new_len,
        });
        self.alias_next_from = if value.ends_with(' ') || value.ends_with('\t') {
            Some(start + new_len)
        } else {
            None
        };
        self.pos = start;
        self.peeked = None;
        true
    }

    fn parse_redir(&mut self, fd: Option<u32>) -> Result<Redir, PErr> {
        let op = match self.next()? {
            Tok::Op(o) => o,
            t => return Err(PErr::Syntax(t.text())),
        };
        let op = match op {
            "<" => RedirOp::In,
            ">" => RedirOp::Out,
            ">>" => RedirOp::Append,
            ">|" => RedirOp::Clobber,
            ">&" => RedirOp::DupOut,
            "<&" => RedirOp::DupIn,
            "&>" => RedirOp::OutErr,
            "&>>" => RedirOp::AppendOutErr,
            "<<<" => RedirOp::HereStr,
            "<>" => RedirOp::ReadWrite,
            "<<" | "<<-" => {
                let (raw, start_tok) = match self.next()? {
                    Tok::Word { raw, start, .. } => (raw, start),
                    Tok::Eof => return Err(PErr::Incomplete(String::new())),
                    t => return Err(PErr::Syntax(t.text())),
                };
                let _ = start_tok;
                let target = self.read_heredoc(&raw, op == "<<-")?;
                let delim = raw
                    .chars()
                    .filter(|c| !matches!(c, '\'' | '"' | '\\'))
                    .collect();
                return Ok(Redir {
                    fd,
                    op: RedirOp::HereDoc,
                    target,
                    here_end: Some(HereEnd {
                        delim,
                        strip_tabs: op == "<<-",
                    }),
                });
            }
            o => return Err(PErr::Syntax(o.to_string())),
        };
        match self.next()? {
            Tok::Word { word, .. } => Ok(Redir {
                fd,
                op,
                target: word,
                here_end: None,
            }),
            Tok::Eof => Err(PErr::Syntax("newline".into())),
            t => Err(PErr::Syntax(t.text())),
        }
    }

    /// Reads the body of a here-document whose operator was just parsed:
    /// it starts on the line after the current one (or after the bodies
    /// already claimed on this line).
    fn read_heredoc(&mut self, raw_delim: &str, strip_tabs: bool) -> Result<Word, PErr> {
        let quoted = raw_delim.contains(['\'', '"', '\\']);
        let delim: String = raw_delim
            .chars()
            .filter(|c| !matches!(c, '\'' | '"' | '\\'))
            .collect();
        let (nl, mut i) = match self.heredoc_jump {
            Some((nl, resume)) => (nl, resume),
            None => {
                let mut j = self.pos;
                while j < self.s.len() && self.s[j] != '\n' {
                    j += 1;
                }
                if j >= self.s.len() {
                    if self.heredoc_eof_ok {
                        self.warnings.push(format!(
                            "warning: here-document at line 1 delimited by end-of-file (wanted `{}')",
                            delim
                        ));
                        return Ok(Word(vec![Part::Quoted(String::new())]));
                    }
                    return Err(PErr::Incomplete(String::new()));
                }
                (j, j + 1)
            }
        };
        let mut body = String::new();
        let mut found = false;
        while i < self.s.len() {
            let mut j = i;
            while j < self.s.len() && self.s[j] != '\n' {
                j += 1;
            }
            let mut line: String = self.s[i..j].iter().collect();
            if strip_tabs {
                line = line.trim_start_matches('\t').to_string();
            }
            i = (j + 1).min(self.s.len());
            if line == delim {
                found = true;
                break;
            }
            body.push_str(&line);
            body.push('\n');
        }
        if !found {
            if !self.heredoc_eof_ok {
                return Err(PErr::Incomplete(String::new()));
            }
            self.warnings.push(format!(
                "warning: here-document at line 1 delimited by end-of-file (wanted `{}')",
                delim
            ));
            i = self.s.len();
        }
        self.heredoc_jump = Some((nl, i));
        if quoted {
            Ok(Word(vec![Part::Quoted(body)]))
        } else {
            let w = self.nested_here_word(&body)?;
            Ok(Word(vec![Part::Dq(w.0)]))
        }
    }
}

fn is_redir_op(o: &str) -> bool {
    matches!(
        o,
        "<" | ">" | ">>" | ">|" | ">&" | "<&" | "&>" | "&>>" | "<<" | "<<-" | "<<<" | "<>"
    )
}

fn is_func_name(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(['/', '$', '`', '\'', '"', '\\', '='])
        && !TERMINATORS.contains(&s)
        && !matches!(s, "if" | "for" | "while" | "until" | "case" | "{" | "!")
}

/// Whether a command's name is a declaration builtin, whose arguments are
/// assignments.
fn declares(w: &Word) -> bool {
    w.as_plain()
        .is_some_and(|w| matches!(w, "declare" | "local" | "typeset" | "export" | "readonly"))
}

/// `NAME=value` or `NAME+=value` at the start of a simple command.
fn as_assignment(word: &Word) -> Option<Assign> {
    let first = match word.0.first() {
        Some(Part::Lit(s)) => s,
        _ => return None,
    };
    let eq = first.find('=')?;
    let (name, append) = match first[..eq].strip_suffix('+') {
        Some(n) => (n, true),
        None => (&first[..eq], false),
    };
    if !is_name(name) && crate::lexer::subscripted(name).is_none() {
        return None;
    }
    let mut parts = Vec::new();
    let rest = &first[eq + 1..];
    if let Some(after) = rest.strip_prefix('~') {
        // Tilde after `=` expands like at a word start.
        let end = after.find('/').unwrap_or(after.len());
        parts.push(Part::Tilde(after[..end].to_string()));
        if end < after.len() {
            parts.push(Part::Lit(after[end..].to_string()));
        }
    } else if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_string()));
    }
    parts.extend(word.0[1..].iter().cloned());
    Some(Assign {
        name: name.to_string(),
        append,
        value: Word(parts),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(src: &str) -> Result<Vec<List>, PErr> {
        let mut p = Parser::new(src, BTreeMap::new());
        let mut out = vec![];
        while let Some(l) = p.next_command()? {
            out.push(l);
        }
        Ok(out)
    }

    #[test]
    fn incomplete_inputs() {
        for src in [
            "echo 'abc",
            "echo \"abc",
            "if true; then",
            "for x in a b; do",
            "echo a |",
            "echo a &&",
            "cat <<EOF\nabc",
            "echo \\",
            "f() {",
            "case x in",
            "echo $(ls",
            "( echo",
        ] {
            assert!(
                matches!(parse_all(src), Err(PErr::Incomplete(_))),
                "{:?} -> {:?}",
                src,
                parse_all(src)
            );
        }
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(parse_all("fi"), Err(PErr::Syntax("fi".into())));
        assert_eq!(parse_all("echo )"), Err(PErr::Syntax(")".into())));
        assert_eq!(parse_all("if then fi"), Err(PErr::Syntax("then".into())));
        assert_eq!(parse_all("; ls"), Err(PErr::Syntax(";".into())));
    }

    #[test]
    fn complete_inputs() {
        for src in [
            "echo hi",
            "cat <<EOF\nabc\nEOF",
            "cat <<EOF | wc -l\na\nb\nEOF\necho done",
            "if true; then echo; fi",
            "f() { echo; }",
            "case x in a|b) echo;; *) ;; esac",
            "for ((i=0;i<3;i++)); do echo $i; done",
            "[[ -f x && $a == b* ]]",
            "echo $((1+2)) ${x:-y} `date`",
        ] {
            assert!(parse_all(src).is_ok(), "{:?} -> {:?}", src, parse_all(src));
        }
    }

    #[test]
    fn aliases_expand_in_command_position() {
        let mut a = BTreeMap::new();
        a.insert("k".to_string(), "kubectl".to_string());
        a.insert("ls".to_string(), "ls -l".to_string());
        let mut p = Parser::new("k get pods; ls", a);
        let l = p.next_command().unwrap().unwrap();
        let cmd = &l.0[0].0.first.cmds[0].0;
        match cmd {
            Cmd::Simple(s) => assert_eq!(s.words[0].as_plain(), Some("kubectl")),
            _ => panic!(),
        }
        match &l.0[1].0.first.cmds[0].0 {
            Cmd::Simple(s) => assert_eq!(s.words.len(), 2),
            _ => panic!(),
        }
    }
}
