//! jq's filter language (the common subset): a lexer and a recursive-descent
//! parser following jq 1.7's grammar precedence (src/parser.y):
//! `|` < `,` < `//` < `or` < `and` < comparisons < `+ -` < `* / %` < postfix.

use super::value::V;

const MAX_DEPTH: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    Expr(Box<E>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum E {
    Id,
    Recurse,
    Lit(V),
    Str(Vec<Part>),
    Format(String),
    Index(Box<E>, Box<E>),
    Slice(Box<E>, Option<Box<E>>, Option<Box<E>>),
    Iter(Box<E>),
    Try(Box<E>),
    Pipe(Box<E>, Box<E>),
    Comma(Box<E>, Box<E>),
    Neg(Box<E>),
    Bin(&'static str, Box<E>, Box<E>),
    And(Box<E>, Box<E>),
    Or(Box<E>, Box<E>),
    Alt(Box<E>, Box<E>),
    Arr(Option<Box<E>>),
    Obj(Vec<(E, Option<E>)>),
    Call(String, Vec<E>),
    Var(String),
    As(Box<E>, String, Box<E>),
    If(Box<E>, Box<E>, Option<Box<E>>),
    Reduce(Box<E>, String, Box<E>, Box<E>),
    /// `lhs op rhs` for `=`, `|=`, `+=`, `-=`, `*=`, `/=`, `%=`, `//=`.
    Assign(&'static str, Box<E>, Box<E>),
    TryCatch(Box<E>, Option<Box<E>>),
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Dot,
    DotDot,
    Field(String),
    Ident(String),
    Var(String),
    Format(String),
    Num(f64),
    Str(Vec<Part>),
    P(&'static str),
}

/// Longest first, so `//=` wins over `//` and `==` over `=`.
const PUNCT: &[&str] = &[
    "//=", "|=", "+=", "-=", "*=", "/=", "%=", "//", "==", "!=", "<=", ">=", "|", ",", "(", ")",
    "[", "]", "{", "}", ":", ";", "?", "<", ">", "+", "-", "*", "/", "%", "=",
];

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// jq's wording for a syntax error (the bison message is approximated).
fn syntax(what: &str) -> String {
    format!("syntax error, unexpected {}", what)
}

fn lex(src: &str, depth: usize) -> Result<Vec<T>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '.' {
            if cs.get(i + 1) == Some(&'.') {
                out.push(T::DotDot);
                i += 2;
                continue;
            }
            let mut j = i + 1;
            if j < cs.len() && (cs[j].is_ascii_alphabetic() || cs[j] == '_') {
                while j < cs.len() && ident_char(cs[j]) {
                    j += 1;
                }
                out.push(T::Field(cs[i + 1..j].iter().collect()));
                i = j;
                continue;
            }
            if !cs.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                out.push(T::Dot);
                i += 1;
                continue;
            }
        }
        if c.is_ascii_digit() || c == '.' {
            let mut j = i;
            while j < cs.len() && (cs[j].is_ascii_digit() || cs[j] == '.') {
                j += 1;
            }
            if j < cs.len() && (cs[j] == 'e' || cs[j] == 'E') {
                j += 1;
                if j < cs.len() && (cs[j] == '+' || cs[j] == '-') {
                    j += 1;
                }
                while j < cs.len() && cs[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let t: String = cs[i..j].iter().collect();
            let n = t.parse::<f64>().map_err(|_| syntax("INVALID_CHARACTER"))?;
            out.push(T::Num(n));
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' || c == '$' || c == '@' {
            let mut j = i + 1;
            while j < cs.len()
                && (ident_char(cs[j]) || (cs[j] == ':' && cs.get(j + 1) == Some(&':')))
            {
                j += if cs[j] == ':' { 2 } else { 1 };
            }
            let w: String = cs[i + 1..j].iter().collect();
            out.push(match c {
                '$' | '@' if w.is_empty() => return Err(syntax("INVALID_CHARACTER")),
                '$' => T::Var(w),
                '@' => T::Format(w),
                _ => T::Ident(format!("{}{}", c, w)),
            });
            i = j;
            continue;
        }
        if c == '"' {
            let (parts, j) = lex_str(&cs, i + 1, depth)?;
            out.push(T::Str(parts));
            i = j;
            continue;
        }
        let rest: String = cs[i..cs.len().min(i + 3)].iter().collect();
        match PUNCT.iter().find(|p| rest.starts_with(*p)) {
            Some(p) => {
                out.push(T::P(p));
                i += p.len();
            }
            None => return Err(syntax("INVALID_CHARACTER")),
        }
    }
    Ok(out)
}

/// A string literal from after its opening quote; `\(...)` interpolates.
fn lex_str(cs: &[char], mut i: usize, depth: usize) -> Result<(Vec<Part>, usize), String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        match c {
            '"' => {
                if !lit.is_empty() || parts.is_empty() {
                    parts.push(Part::Lit(lit));
                }
                return Ok((parts, i));
            }
            '\\' => {
                let Some(&e) = cs.get(i) else { break };
                i += 1;
                match e {
                    'n' => lit.push('\n'),
                    't' => lit.push('\t'),
                    'r' => lit.push('\r'),
                    'b' => lit.push('\u{8}'),
                    'f' => lit.push('\u{c}'),
                    '"' | '\\' | '/' => lit.push(e),
                    'u' => {
                        let h: String = cs.get(i..i + 4).unwrap_or(&[]).iter().collect();
                        let n =
                            u32::from_str_radix(&h, 16).map_err(|_| syntax("INVALID_CHARACTER"))?;
                        lit.push(char::from_u32(n).unwrap_or('\u{fffd}'));
                        i += 4;
                    }
                    '(' => {
                        let start = i;
                        let mut level = 1;
                        let mut in_str = false;
                        while i < cs.len() {
                            match cs[i] {
                                '\\' if in_str => i += 1,
                                '"' => in_str = !in_str,
                                '(' if !in_str => level += 1,
                                ')' if !in_str => {
                                    level -= 1;
                                    if level == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                            i += 1;
                        }
                        if i >= cs.len() {
                            break;
                        }
                        let inner: String = cs[start..i].iter().collect();
                        i += 1;
                        if !lit.is_empty() {
                            parts.push(Part::Lit(std::mem::take(&mut lit)));
                        }
                        parts.push(Part::Expr(Box::new(parse_at(&inner, depth + 1)?)));
                    }
                    _ => return Err(syntax("INVALID_CHARACTER")),
                }
            }
            c => lit.push(c),
        }
    }
    Err(syntax(
        "$end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END",
    ))
}

pub fn parse(src: &str) -> Result<E, String> {
    parse_at(src, 0)
}

fn parse_at(src: &str, depth: usize) -> Result<E, String> {
    if depth > MAX_DEPTH {
        return Err("syntax error, nesting too deep".into());
    }
    let toks = lex(src, depth)?;
    let mut p = P {
        t: toks,
        i: 0,
        depth,
    };
    if p.t.is_empty() {
        return Ok(E::Id);
    }
    let e = p.pipe(false)?;
    match p.peek() {
        None => Ok(e),
        Some(t) => Err(syntax(&describe(t))),
    }
}

fn describe(t: &T) -> String {
    match t {
        T::Dot => "'.'".into(),
        T::DotDot => "..".into(),
        T::Field(_) => "FIELD".into(),
        T::Ident(s) if KEYWORDS.contains(&s.as_str()) => s.clone(),
        T::Ident(_) => "IDENT".into(),
        T::Var(_) => "'$'".into(),
        T::Format(_) => "FORMAT".into(),
        T::Num(_) => "LITERAL".into(),
        T::Str(_) => "QQSTRING_START".into(),
        T::P(p) if p.len() == 1 => format!("'{}'", p),
        T::P(p) => p.to_string(),
    }
}

const KEYWORDS: &[&str] = &[
    "if", "then", "elif", "else", "end", "as", "reduce", "and", "or", "def", "catch",
];

struct P {
    t: Vec<T>,
    i: usize,
    depth: usize,
}

type R = Result<E, String>;

fn bx(e: E) -> Box<E> {
    Box::new(e)
}

impl P {
    fn peek(&self) -> Option<&T> {
        self.t.get(self.i)
    }
    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Some(T::P(x)) if *x == p)
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(T::Ident(x)) if x == w)
    }
    fn unexpected(&self) -> String {
        match self.peek() {
            Some(t) => syntax(&describe(t)),
            None => syntax("$end"),
        }
    }
    fn expect(&mut self, p: &str) -> Result<(), String> {
        if self.is(p) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn expect_word(&mut self, w: &str) -> Result<(), String> {
        if self.is_word(w) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("syntax error, nesting too deep".into());
        }
        Ok(())
    }

    /// Pipe level; `no_comma` for object values.
    fn pipe(&mut self, no_comma: bool) -> R {
        self.enter()?;
        let r = self.pipe_inner(no_comma);
        self.depth -= 1;
        r
    }

    fn pipe_inner(&mut self, no_comma: bool) -> R {
        let lhs = if no_comma { self.alt()? } else { self.comma()? };
        if self.is_word("as") {
            self.i += 1;
            let Some(T::Var(v)) = self.peek().cloned() else {
                return Err(self.unexpected());
            };
            self.i += 1;
            self.expect("|")?;
            let body = self.pipe(no_comma)?;
            return Ok(E::As(bx(lhs), v, bx(body)));
        }
        if self.is("|") {
            self.i += 1;
            let rhs = self.pipe(no_comma)?;
            return Ok(E::Pipe(bx(lhs), bx(rhs)));
        }
        Ok(lhs)
    }

    fn comma(&mut self) -> R {
        let mut l = self.alt()?;
        while self.is(",") {
            self.i += 1;
            let r = self.alt()?;
            l = E::Comma(bx(l), bx(r));
        }
        Ok(l)
    }

    fn alt(&mut self) -> R {
        let l = self.assign()?;
        if self.is("//") {
            self.i += 1;
            self.enter()?;
            let r = self.alt();
            self.depth -= 1;
            return Ok(E::Alt(bx(l), bx(r?)));
        }
        Ok(l)
    }

    /// Assignments are non-associative and bind tighter than `//`.
    fn assign(&mut self) -> R {
        let l = self.or()?;
        for op in ["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="] {
            if self.is(op) {
                self.i += 1;
                let r = self.or()?;
                return Ok(E::Assign(op, bx(l), bx(r)));
            }
        }
        Ok(l)
    }

    fn or(&mut self) -> R {
        let mut l = self.and()?;
        while self.is_word("or") {
            self.i += 1;
            let r = self.and()?;
            l = E::Or(bx(l), bx(r));
        }
        Ok(l)
    }

    fn and(&mut self) -> R {
        let mut l = self.cmp()?;
        while self.is_word("and") {
            self.i += 1;
            let r = self.cmp()?;
            l = E::And(bx(l), bx(r));
        }
        Ok(l)
    }

    fn cmp(&mut self) -> R {
        let l = self.additive()?;
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if self.is(op) {
                self.i += 1;
                let r = self.additive()?;
                return Ok(E::Bin(op, bx(l), bx(r)));
            }
        }
        Ok(l)
    }

    fn additive(&mut self) -> R {
        let mut l = self.mult()?;
        loop {
            let op = if self.is("+") {
                "+"
            } else if self.is("-") {
                "-"
            } else {
                return Ok(l);
            };
            self.i += 1;
            let r = self.mult()?;
            l = E::Bin(op, bx(l), bx(r));
        }
    }

    fn mult(&mut self) -> R {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(T::P(p)) if ["*", "/", "%"].contains(p) => *p,
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.unary()?;
            l = E::Bin(op, bx(l), bx(r));
        }
    }

    fn unary(&mut self) -> R {
        if self.is("-") {
            self.i += 1;
            self.enter()?;
            let e = self.unary();
            self.depth -= 1;
            return Ok(E::Neg(bx(e?)));
        }
        self.postfix()
    }

    fn postfix(&mut self) -> R {
        let mut e = self.primary()?;
        loop {
            match self.peek().cloned() {
                Some(T::Field(n)) => {
                    self.i += 1;
                    e = E::Index(bx(e), bx(E::Lit(V::Str(n))));
                }
                Some(T::Dot) => match self.t.get(self.i + 1) {
                    Some(T::Str(s)) => {
                        let s = E::Str(s.clone());
                        self.i += 2;
                        e = E::Index(bx(e), bx(s));
                    }
                    Some(T::P("[")) => self.i += 1,
                    _ => return Err(syntax("'.'")),
                },
                Some(T::P("[")) => {
                    self.i += 1;
                    e = self.bracket(e)?;
                }
                Some(T::P("?")) => {
                    self.i += 1;
                    e = E::Try(bx(e));
                }
                _ => return Ok(e),
            }
        }
    }

    /// After `[` following a term: `[]`, `[e]`, `[a:b]`.
    fn bracket(&mut self, t: E) -> R {
        if self.is("]") {
            self.i += 1;
            return Ok(E::Iter(bx(t)));
        }
        if self.is(":") {
            self.i += 1;
            let hi = self.pipe(false)?;
            self.expect("]")?;
            return Ok(E::Slice(bx(t), None, Some(bx(hi))));
        }
        let idx = self.pipe(false)?;
        if self.is(":") {
            self.i += 1;
            let hi = if self.is("]") {
                None
            } else {
                Some(bx(self.pipe(false)?))
            };
            self.expect("]")?;
            return Ok(E::Slice(bx(t), Some(bx(idx)), hi));
        }
        self.expect("]")?;
        Ok(E::Index(bx(t), bx(idx)))
    }

    fn primary(&mut self) -> R {
        self.enter()?;
        let r = self.primary_inner();
        self.depth -= 1;
        r
    }

    fn primary_inner(&mut self) -> R {
        let Some(t) = self.peek().cloned() else {
            return Err(syntax("$end"));
        };
        self.i += 1;
        Ok(match t {
            T::Dot => match self.peek() {
                Some(T::Str(s)) => {
                    let s = E::Str(s.clone());
                    self.i += 1;
                    E::Index(bx(E::Id), bx(s))
                }
                _ => E::Id,
            },
            T::DotDot => E::Recurse,
            T::Field(n) => E::Index(bx(E::Id), bx(E::Lit(V::Str(n)))),
            T::Num(n) => E::Lit(V::Num(n)),
            T::Str(s) => E::Str(s),
            T::Format(f) => E::Format(f),
            T::Var(v) => E::Var(v),
            T::P("(") => {
                let e = self.pipe(false)?;
                self.expect(")")?;
                e
            }
            T::P("[") => {
                if self.is("]") {
                    self.i += 1;
                    E::Arr(None)
                } else {
                    let e = self.pipe(false)?;
                    self.expect("]")?;
                    E::Arr(Some(bx(e)))
                }
            }
            T::P("{") => self.object()?,
            T::Ident(w) => match w.as_str() {
                "true" => E::Lit(V::Bool(true)),
                "false" => E::Lit(V::Bool(false)),
                "null" => E::Lit(V::Null),
                "if" => self.if_rest()?,
                "try" => {
                    let body = self.postfix()?;
                    let handler = if self.is_word("catch") {
                        self.i += 1;
                        Some(bx(self.postfix()?))
                    } else {
                        None
                    };
                    E::TryCatch(bx(body), handler)
                }
                "reduce" => {
                    let src = self.postfix()?;
                    self.expect_word("as")?;
                    let Some(T::Var(v)) = self.peek().cloned() else {
                        return Err(self.unexpected());
                    };
                    self.i += 1;
                    self.expect("(")?;
                    let init = self.pipe(false)?;
                    self.expect(";")?;
                    let upd = self.pipe(false)?;
                    self.expect(")")?;
                    E::Reduce(bx(src), v, bx(init), bx(upd))
                }
                k if KEYWORDS.contains(&k) => {
                    self.i -= 1;
                    return Err(self.unexpected());
                }
                _ => {
                    let mut args = Vec::new();
                    if self.is("(") {
                        self.i += 1;
                        loop {
                            args.push(self.pipe(false)?);
                            if self.is(";") {
                                self.i += 1;
                                continue;
                            }
                            self.expect(")")?;
                            break;
                        }
                    }
                    E::Call(w, args)
                }
            },
            _ => {
                self.i -= 1;
                return Err(self.unexpected());
            }
        })
    }

    fn if_rest(&mut self) -> R {
        let c = self.pipe(false)?;
        self.expect_word("then")?;
        let t = self.pipe(false)?;
        let e = if self.is_word("elif") {
            self.i += 1;
            Some(bx(self.if_rest()?))
        } else if self.is_word("else") {
            self.i += 1;
            let e = self.pipe(false)?;
            self.expect_word("end")?;
            Some(bx(e))
        } else {
            self.expect_word("end")?;
            None
        };
        Ok(E::If(bx(c), bx(t), e))
    }

    fn object(&mut self) -> R {
        let mut fields = Vec::new();
        if self.is("}") {
            self.i += 1;
            return Ok(E::Obj(fields));
        }
        loop {
            let Some(t) = self.peek().cloned() else {
                return Err(syntax("$end"));
            };
            self.i += 1;
            let key = match t {
                T::Ident(w) => E::Lit(V::Str(w)),
                T::Var(v) => {
                    if !self.is(":") {
                        fields.push((E::Lit(V::Str(v.clone())), Some(E::Var(v))));
                        if self.next_field()? {
                            continue;
                        }
                        return Ok(E::Obj(fields));
                    }
                    E::Var(v)
                }
                T::Str(s) => E::Str(s),
                T::Num(n) => E::Lit(V::Num(n)),
                T::P("(") => {
                    let e = self.pipe(false)?;
                    self.expect(")")?;
                    e
                }
                _ => {
                    self.i -= 1;
                    return Err(self.unexpected());
                }
            };
            let val = if self.is(":") {
                self.i += 1;
                Some(self.pipe(true)?)
            } else {
                None
            };
            fields.push((key, val));
            if !self.next_field()? {
                return Ok(E::Obj(fields));
            }
        }
    }

    /// After an object field: true on `,`, false on `}`.
    fn next_field(&mut self) -> Result<bool, String> {
        if self.is(",") {
            self.i += 1;
            return Ok(true);
        }
        self.expect("}")?;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_and_pipes() {
        assert!(parse(".items[].metadata.name").is_ok());
        assert!(parse(r#".a."key-with-dash" | .["k"], .[0], .[-1], .a?"#).is_ok());
        assert!(parse(
            r#"{a: .x, b, "c": 1, (.k): 2, $v} | [.[] | select(.a == 1 and .b != 2 or (.c | not))]"#
        )
        .is_ok());
        assert!(parse(r#""x\(.a + 1)y""#).is_ok());
        assert!(parse("if . then 1 elif 2 then 3 else 4 end").is_ok());
        assert!(parse("reduce .[] as $x (0; . + $x)").is_ok());
        assert!(parse(".a.b = 1 | .c |= . + 1 | .d += 2 | .e //= 3").is_ok());
        assert!(parse("try error(\"x\") catch .").is_ok());
    }

    #[test]
    fn rejects_bad_filters_without_panicking() {
        for s in [
            ".a |", "[", "{a:", ".[", "\"\\(", "((((", "if", "$", ".a..", "}", "{(1", "@",
            "\"\\u12",
        ] {
            assert!(parse(s).is_err(), "{}", s);
        }
        let deep = "(".repeat(5000);
        assert!(parse(&deep).is_err());
        let deep = "-".repeat(5000);
        assert!(parse(&deep).is_err());
        let deep = "\"\\(".repeat(500);
        assert!(parse(&deep).is_err());
    }
}
