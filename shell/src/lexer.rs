//! Character-level scanning for the parser: operators, words with their
//! quoting, `$...` expansions, backquotes and here-document bodies. Kept on
//! the same `Parser` because `$(...)` recurses back into the grammar.

use crate::ast::{Param, ParamOp, Part, Word};
use crate::parser::{PErr, Parser, Tok};

/// Where a word ends.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A shell word: ends at a blank or an operator character.
    Normal,
    /// Inside `${...}`: ends at `}` or one of the given characters.
    Brace(&'static str),
    /// A here-document body or `$((...))`: only `$`, `` ` `` and `\` are special.
    Here,
}

const OPS3: [&str; 4] = [";;&", "<<<", "<<-", "&>>"];
const OPS2: [&str; 14] = [
    ";;", ";&", "&&", "||", "|&", "&>", "<<", "<&", "<>", ">>", ">&", ">|", "((", "))",
];
const OPS1: [&str; 7] = [";", "&", "|", "(", ")", "<", ">"];

pub fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>'
    )
}

/// `name=` or `name+=`: a word an array value may follow.
fn array_prefix(lit: &str) -> bool {
    lit.strip_suffix('=')
        .map(|n| n.strip_suffix('+').unwrap_or(n))
        .is_some_and(is_name)
}

/// `name[subscript]` split in two, if `s` is one.
pub fn subscripted(s: &str) -> Option<(&str, &str)> {
    let (base, rest) = s.split_once('[')?;
    let idx = rest.strip_suffix(']')?;
    (is_name(base) && !idx.is_empty()).then_some((base, idx))
}

pub fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn eof_quote(q: char) -> PErr {
    PErr::Incomplete(format!("unexpected EOF while looking for matching `{}'", q))
}

impl Parser {
    pub(crate) fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn cur(&self) -> Option<char> {
        self.at(self.pos)
    }

    fn starts(&self, lit: &str) -> bool {
        lit.chars()
            .enumerate()
            .all(|(i, c)| self.at(self.pos + i) == Some(c))
    }

    /// Skips blanks, line continuations and comments (not newlines).
    pub(crate) fn skip_blanks(&mut self) {
        loop {
            match self.cur() {
                Some(' ') | Some('\t') => self.pos += 1,
                Some('\\') if self.at(self.pos + 1) == Some('\n') => self.pos += 2,
                Some('#') => {
                    while self.cur().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// Consumes a newline character, jumping over here-document bodies
    /// that were read ahead.
    pub(crate) fn eat_newline(&mut self) {
        let nl = self.pos;
        self.pos += 1;
        if let Some((at, resume)) = self.heredoc_jump {
            if at == nl {
                self.pos = resume;
                self.heredoc_jump = None;
            }
        }
    }

    pub(crate) fn lex(&mut self) -> Result<Tok, PErr> {
        self.skip_blanks();
        let start = self.pos;
        let c = match self.cur() {
            None => {
                if self.s.last() == Some(&'\\') && !self.trailing_backslash_ok {
                    return Err(PErr::Incomplete(String::new()));
                }
                return Ok(Tok::Eof);
            }
            Some(c) => c,
        };
        if c == '\n' {
            self.eat_newline();
            return Ok(Tok::Newline);
        }
        if (c == '<' || c == '>') && self.at(self.pos + 1) == Some('(') {
            return self.lex_word(start);
        }
        if is_meta(c) {
            for op in OPS3.iter() {
                if self.starts(op) {
                    self.pos += 3;
                    return Ok(Tok::Op(op));
                }
            }
            for op in OPS2.iter() {
                // `((` and `))` are only recognised by the grammar itself.
                if *op == "((" || *op == "))" {
                    continue;
                }
                if self.starts(op) {
                    self.pos += 2;
                    return Ok(Tok::Op(op));
                }
            }
            for op in OPS1.iter() {
                if self.starts(op) {
                    self.pos += 1;
                    return Ok(Tok::Op(op));
                }
            }
        }
        self.lex_word(start)
    }

    fn lex_word(&mut self, start: usize) -> Result<Tok, PErr> {
        let word = self.read_word(Mode::Normal)?;
        let raw: String = self.s[start..self.pos].iter().collect();
        if !raw.is_empty()
            && raw.len() <= 4
            && raw.chars().all(|c| c.is_ascii_digit())
            && matches!(self.cur(), Some('<') | Some('>'))
        {
            return Ok(Tok::IoNum(raw.parse().unwrap_or(0)));
        }
        Ok(Tok::Word { word, raw, start })
    }

    /// Reads one word in the given mode, stopping before its terminator.
    pub(crate) fn read_word(&mut self, mode: Mode) -> Result<Word, PErr> {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let word_start = self.pos;
        fn flush(lit: &mut String, parts: &mut Vec<Part>) {
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(lit)));
            }
        }
        while let Some(c) = self.cur() {
            match mode {
                // `a[$i]=x`, `m["a b"]=y`: an assignment's subscript is kept
                // as written, blanks and all, for the assignment to expand.
                Mode::Normal
                    if c == '[' && parts.is_empty() && is_name(&lit) && !self.plain_args =>
                {
                    if let Some(end) = self.assigned_subscript_end() {
                        lit.extend(&self.s[self.pos..=end]);
                        self.pos = end + 1;
                        continue;
                    }
                }
                Mode::Normal if c == '(' && parts.is_empty() && array_prefix(&lit) => {
                    self.pos += 1;
                    let words = self.array_words()?;
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Array(words));
                    continue;
                }
                Mode::Normal if is_meta(c) => {
                    let procsub = self.pos == word_start
                        && (c == '<' || c == '>')
                        && self.at(self.pos + 1) == Some('(');
                    if !procsub {
                        break;
                    }
                    self.pos += 2;
                    let list = self.parse_sub_list()?;
                    parts.push(Part::ProcSub(Box::new(list)));
                    continue;
                }
                Mode::Brace(stops) if c == '}' || stops.contains(c) => break,
                _ => {}
            }
            match c {
                '\\' => {
                    let next = self.at(self.pos + 1);
                    match next {
                        None => {
                            if mode == Mode::Normal && !self.trailing_backslash_ok {
                                return Err(PErr::Incomplete(String::new()));
                            }
                            lit.push('\\');
                            self.pos += 1;
                        }
                        Some('\n') => self.pos += 2,
                        Some(n) if mode != Mode::Here || matches!(n, '$' | '`' | '\\') => {
                            flush(&mut lit, &mut parts);
                            parts.push(Part::Quoted(n.to_string()));
                            self.pos += 2;
                        }
                        Some(n) => {
                            lit.push('\\');
                            lit.push(n);
                            self.pos += 2;
                        }
                    }
                }
                '\'' if mode != Mode::Here => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    let mut q = String::new();
                    loop {
                        match self.cur() {
                            None => return Err(eof_quote('\'')),
                            Some('\'') => break,
                            Some(ch) => q.push(ch),
                        }
                        self.pos += 1;
                    }
                    self.pos += 1;
                    parts.push(Part::Quoted(q));
                }
                '"' if mode != Mode::Here => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    let inner = self.read_dq()?;
                    parts.push(Part::Dq(inner));
                }
                '$' => match self.read_dollar(false)? {
                    Some(p) => {
                        flush(&mut lit, &mut parts);
                        parts.push(p);
                    }
                    None => {
                        lit.push('$');
                        self.pos += 1;
                    }
                },
                '`' => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    parts.push(self.read_backtick()?);
                }
                '~' if self.pos == word_start && mode != Mode::Here => {
                    let mut j = self.pos + 1;
                    let mut name = String::new();
                    while let Some(ch) = self.at(j) {
                        if ch == '/' || is_meta(ch) || matches!(ch, '}' | ':') {
                            break;
                        }
                        name.push(ch);
                        j += 1;
                    }
                    let ok = name.is_empty()
                        || name == "+"
                        || name == "-"
                        || name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
                    if ok {
                        parts.push(Part::Tilde(name));
                        self.pos = j;
                    } else {
                        lit.push('~');
                        self.pos += 1;
                    }
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(Word(parts))
    }

    /// The inside of "...", after the opening quote.
    fn read_dq(&mut self) -> Result<Vec<Part>, PErr> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        loop {
            let c = match self.cur() {
                None => return Err(eof_quote('"')),
                Some(c) => c,
            };
            match c {
                '"' => {
                    self.pos += 1;
                    break;
                }
                '\\' => match self.at(self.pos + 1) {
                    Some('\n') => self.pos += 2,
                    Some(n) if matches!(n, '$' | '`' | '"' | '\\') => {
                        lit.push(n);
                        self.pos += 2;
                    }
                    _ => {
                        lit.push('\\');
                        self.pos += 1;
                    }
                },
                '$' => match self.read_dollar(true)? {
                    Some(p) => {
                        if !lit.is_empty() {
                            parts.push(Part::Lit(std::mem::take(&mut lit)));
                        }
                        parts.push(p);
                    }
                    None => {
                        lit.push('$');
                        self.pos += 1;
                    }
                },
                '`' => {
                    if !lit.is_empty() {
                        parts.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    self.pos += 1;
                    parts.push(self.read_backtick()?);
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(parts)
    }

    fn read_backtick(&mut self) -> Result<Part, PErr> {
        let mut text = String::new();
        loop {
            match self.cur() {
                None => return Err(eof_quote('`')),
                Some('`') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => match self.at(self.pos + 1) {
                    Some(n) if matches!(n, '$' | '`' | '\\') => {
                        text.push(n);
                        self.pos += 2;
                    }
                    _ => {
                        text.push('\\');
                        self.pos += 1;
                    }
                },
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        Ok(Part::Backtick(text))
    }

    /// At a `$`: returns the expansion, or None if the `$` is literal.
    fn read_dollar(&mut self, in_dq: bool) -> Result<Option<Part>, PErr> {
        let next = match self.at(self.pos + 1) {
            None => return Ok(None),
            Some(n) => n,
        };
        match next {
            '\'' if !in_dq => {
                self.pos += 2;
                Ok(Some(Part::Quoted(self.read_ansi_c()?)))
            }
            '"' if !in_dq => {
                self.pos += 2;
                Ok(Some(Part::Dq(self.read_dq()?)))
            }
            '(' => {
                if self.at(self.pos + 2) == Some('(') {
                    if let Some(end) = self.find_arith_end(self.pos + 3)? {
                        let inner: String = self.s[self.pos + 3..end].iter().collect();
                        self.pos = end + 2;
                        let w = self.nested_here_word(&inner)?;
                        return Ok(Some(Part::Arith(Box::new(w))));
                    }
                }
                self.pos += 2;
                let list = self.parse_sub_list()?;
                Ok(Some(Part::CmdSub(Box::new(list))))
            }
            '{' => {
                self.pos += 2;
                Ok(Some(Part::Param(Box::new(self.read_brace_param()?))))
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                self.pos += 1;
                let mut name = String::new();
                while let Some(ch) = self.cur() {
                    if ch == '_' || ch.is_ascii_alphanumeric() {
                        name.push(ch);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                Ok(Some(Part::Param(Box::new(Param {
                    name,
                    op: ParamOp::Plain,
                    braced: false,
                }))))
            }
            c if c.is_ascii_digit() || "?#@*$!-".contains(c) => {
                self.pos += 2;
                Ok(Some(Part::Param(Box::new(Param {
                    name: c.to_string(),
                    op: ParamOp::Plain,
                    braced: false,
                }))))
            }
            _ => Ok(None),
        }
    }

    /// Finds the `))` closing `$((`; None if the parens do not pair up that way.
    pub(crate) fn find_arith_end(&self, from: usize) -> Result<Option<usize>, PErr> {
        let mut depth = 0usize;
        let mut i = from;
        loop {
            match self.at(i) {
                None => {
                    return Err(PErr::Incomplete(
                        "unexpected EOF while looking for matching `)'".into(),
                    ))
                }
                Some('(') => depth += 1,
                Some(')') => {
                    if depth == 0 {
                        return Ok(if self.at(i + 1) == Some(')') {
                            Some(i)
                        } else {
                            None
                        });
                    }
                    depth -= 1;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn read_ansi_c(&mut self) -> Result<String, PErr> {
        let mut out = String::new();
        loop {
            let c = self.cur().ok_or_else(|| eof_quote('\''))?;
            self.pos += 1;
            match c {
                '\'' => break,
                '\\' => {
                    let n = self.cur().ok_or_else(|| eof_quote('\''))?;
                    self.pos += 1;
                    match n {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\x07'),
                        'b' => out.push('\x08'),
                        'e' | 'E' => out.push('\x1b'),
                        'f' => out.push('\x0c'),
                        'v' => out.push('\x0b'),
                        '0'..='7' => {
                            let mut v = n.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match self.cur().and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        v = v * 8 + d;
                                        self.pos += 1;
                                    }
                                    None => break,
                                }
                            }
                            out.push(char::from_u32(v).unwrap_or('?'));
                        }
                        'x' => {
                            let mut v = 0;
                            let mut any = false;
                            for _ in 0..2 {
                                match self.cur().and_then(|d| d.to_digit(16)) {
                                    Some(d) => {
                                        v = v * 16 + d;
                                        any = true;
                                        self.pos += 1;
                                    }
                                    None => break,
                                }
                            }
                            if any {
                                out.push(char::from_u32(v).unwrap_or('?'));
                            } else {
                                out.push_str("\\x");
                            }
                        }
                        // `\uHHHH`, `\UHHHHHHHH`: a Unicode character, in UTF-8.
                        'u' | 'U' => {
                            let max = if n == 'u' { 4 } else { 8 };
                            let (mut v, mut digits) = (0u32, 0);
                            while digits < max {
                                match self.cur().and_then(|d| d.to_digit(16)) {
                                    Some(d) => {
                                        v = v.wrapping_mul(16) + d;
                                        digits += 1;
                                        self.pos += 1;
                                    }
                                    None => break,
                                }
                            }
                            if digits == 0 {
                                out.push('\\');
                                out.push(n);
                            } else {
                                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                            }
                        }
                        '\\' | '\'' | '"' | '?' => out.push(n),
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }

    /// The `]` that closes the subscript opened at `open`, past nested
    /// brackets, `$(( ))` and `${ }` (`${a[$((${#a[@]}-1))]}`).
    fn subscript_end(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = open + 1;
        while let Some(c) = self.at(j) {
            match c {
                '[' | '(' | '{' => depth += 1,
                ')' | '}' => depth = depth.saturating_sub(1),
                ']' if depth == 0 => return Some(j),
                ']' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        None
    }

    /// After `${`: a parameter name and its operator, through the `}`.
    fn read_brace_param(&mut self) -> Result<Param, PErr> {
        let bad = |p: &mut Parser, start: usize| -> Result<Param, PErr> {
            while p.cur().is_some_and(|c| c != '}') {
                p.pos += 1;
            }
            if p.cur().is_none() {
                return Err(eof_quote('}'));
            }
            p.pos += 1;
            let text: String = p.s[start..p.pos - 1].iter().collect();
            Ok(Param {
                name: String::new(),
                op: ParamOp::Bad(format!("${{{}}}", text)),
                braced: true,
            })
        };
        let start = self.pos;
        // ${#name}: the length (but ${#} alone is the argument count).
        if self.cur() == Some('#') && !matches!(self.at(self.pos + 1), Some('}') | None) {
            self.pos += 1;
            let mut name = self.read_param_name();
            if self.cur() == Some('[') {
                let open = self.pos;
                self.pos = self.subscript_end(open).unwrap_or(self.s.len()) + 1;
                let idx: String = self.s[open + 1..self.pos.saturating_sub(1).max(open + 1)]
                    .iter()
                    .collect();
                name = format!("{name}[{}]", idx.trim());
            }
            if name.is_empty() || self.cur() != Some('}') {
                return bad(self, start);
            }
            self.pos += 1;
            return Ok(Param {
                name,
                op: ParamOp::Length,
                braced: true,
            });
        }
        if self.cur() == Some('!')
            && self
                .at(self.pos + 1)
                .is_some_and(|c| c == '_' || c.is_ascii_alphanumeric())
        {
            self.pos += 1;
            let mut name = self.read_param_name();
            // `${!a[@]}`: the array's indices.
            for all in ["[@]", "[*]"] {
                if self.starts(all) {
                    self.pos += 3;
                    name.push_str(all);
                }
            }
            // `${!prefix*}`, `${!prefix@}`: the names of the variables
            // that start with it.
            if matches!(self.cur(), Some('*' | '@')) && self.at(self.pos + 1) == Some('}') {
                name.push(self.cur().unwrap_or('*'));
                self.pos += 1;
            }
            if self.cur() != Some('}') {
                return bad(self, start);
            }
            self.pos += 1;
            return Ok(Param {
                name,
                op: ParamOp::Indirect,
                braced: true,
            });
        }
        let mut name = self.read_param_name();
        if name.is_empty() {
            return bad(self, start);
        }
        // `name[subscript]`: the subscript stays in the name, evaluated
        // when expanded (an arithmetic index, `@` or `*`).
        if self.cur() == Some('[') {
            let Some(end) = self.subscript_end(self.pos) else {
                return bad(self, start);
            };
            let idx: String = self.s[self.pos + 1..end].iter().collect();
            self.pos = end + 1;
            name = format!("{name}[{}]", idx.trim());
        }
        let c = match self.cur() {
            None => return Err(eof_quote('}')),
            Some(c) => c,
        };
        let op = match c {
            '}' => {
                self.pos += 1;
                return Ok(Param {
                    name,
                    op: ParamOp::Plain,
                    braced: true,
                });
            }
            ':' if matches!(self.at(self.pos + 1), Some('-' | '=' | '+' | '?')) => {
                let kind = self.at(self.pos + 1).unwrap_or('-');
                self.pos += 2;
                let word = self.read_word(Mode::Brace(""))?;
                ParamOp::Test {
                    colon: true,
                    kind,
                    word,
                }
            }
            ':' => {
                self.pos += 1;
                let off = self.read_word(Mode::Brace(":"))?;
                let len = if self.cur() == Some(':') {
                    self.pos += 1;
                    Some(self.read_word(Mode::Brace(""))?)
                } else {
                    None
                };
                ParamOp::Substr { off, len }
            }
            '-' | '=' | '+' | '?' => {
                self.pos += 1;
                let word = self.read_word(Mode::Brace(""))?;
                ParamOp::Test {
                    colon: false,
                    kind: c,
                    word,
                }
            }
            '#' | '%' => {
                self.pos += 1;
                let longest = self.cur() == Some(c);
                if longest {
                    self.pos += 1;
                }
                let pat = self.read_word(Mode::Brace(""))?;
                ParamOp::Trim {
                    suffix: c == '%',
                    longest,
                    pat,
                }
            }
            '/' => {
                self.pos += 1;
                let mut all = false;
                let mut anchor = None;
                match self.cur() {
                    Some('/') => {
                        all = true;
                        self.pos += 1;
                    }
                    Some(a @ ('#' | '%')) => {
                        anchor = Some(a);
                        self.pos += 1;
                    }
                    _ => {}
                }
                let pat = self.read_word(Mode::Brace("/"))?;
                let rep = if self.cur() == Some('/') {
                    self.pos += 1;
                    self.read_word(Mode::Brace(""))?
                } else {
                    Word::default()
                };
                ParamOp::Replace {
                    all,
                    anchor,
                    pat,
                    rep,
                }
            }
            '^' | ',' => {
                self.pos += 1;
                let all = self.cur() == Some(c);
                if all {
                    self.pos += 1;
                }
                ParamOp::Case {
                    upper: c == '^',
                    all,
                }
            }
            _ => return bad(self, start),
        };
        match self.cur() {
            Some('}') => {
                self.pos += 1;
                Ok(Param {
                    name,
                    op,
                    braced: true,
                })
            }
            None => Err(eof_quote('}')),
            Some(_) => bad(self, start),
        }
    }

    /// The words of `name=( ... )` after its `(`, up to the `)`: separated
    /// by blanks and newlines, `#` comments allowed.
    fn array_words(&mut self) -> Result<Vec<Word>, PErr> {
        let mut words = vec![];
        loop {
            while matches!(self.cur(), Some(' ' | '\t' | '\n')) {
                self.pos += 1;
            }
            match self.cur() {
                None => return Err(PErr::Incomplete(String::new())),
                Some(')') => {
                    self.pos += 1;
                    return Ok(words);
                }
                Some('#') => {
                    while self.cur().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                Some(c) => {
                    let w = self.read_word(Mode::Normal)?;
                    if w.0.is_empty() {
                        return Err(PErr::Syntax(c.to_string()));
                    }
                    words.push(w);
                }
            }
        }
    }

    fn read_param_name(&mut self) -> String {
        let mut name = String::new();
        match self.cur() {
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                while let Some(ch) = self.cur() {
                    if ch == '_' || ch.is_ascii_alphanumeric() {
                        name.push(ch);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(ch) = self.cur().filter(|c| c.is_ascii_digit()) {
                    name.push(ch);
                    self.pos += 1;
                }
            }
            Some(c) if "?#@*$!-".contains(c) => {
                name.push(c);
                self.pos += 1;
            }
            _ => {}
        }
        name
    }

    /// Where the `]` closing the subscript at the cursor is, if `=` or
    /// `+=` follows it (an assignment to an element).
    fn assigned_subscript_end(&self) -> Option<usize> {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut i = self.pos;
        while let Some(c) = self.at(i) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some('"') | None, '\\') => i += 1,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '\n') => return None,
                (None, '[') => depth += 1,
                (None, ']') => {
                    depth -= 1;
                    if depth == 0 {
                        let assigns = self.at(i + 1) == Some('=')
                            || (self.at(i + 1) == Some('+') && self.at(i + 2) == Some('='));
                        return assigns.then_some(i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// An associative array's subscript as one shell word: its quotes and
    /// expansions count, its blanks and operators do not end it.
    pub(crate) fn subscript_word(text: &str) -> Result<Word, PErr> {
        let mut escaped = String::new();
        let mut quote: Option<char> = None;
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some('"') | None, '\\') => {
                    escaped.push(c);
                    escaped.extend(chars.next());
                    continue;
                }
                (None, '\'' | '"') => quote = Some(c),
                (None, c) if c.is_whitespace() || is_meta(c) => escaped.push('\\'),
                _ => {}
            }
            escaped.push(c);
        }
        let mut p = Parser::new(&escaped, std::collections::BTreeMap::new());
        p.trailing_backslash_ok = true;
        p.enter()?;
        p.read_word(Mode::Normal)
    }

    /// An arithmetic text (an array subscript) as one word to expand.
    pub(crate) fn arith_word(text: &str) -> Result<Word, PErr> {
        Parser::new(text, std::collections::BTreeMap::new()).here_body(0)
    }

    /// A here-document body or an arithmetic expression as one word.
    pub(crate) fn nested_here_word(&self, text: &str) -> Result<Word, PErr> {
        Parser::new(text, self.aliases.clone()).here_body(self.depth + 1)
    }

    fn here_body(mut self, depth: usize) -> Result<Word, PErr> {
        self.trailing_backslash_ok = true;
        self.depth = depth;
        self.enter()?;
        self.read_word(Mode::Here)
    }
}
