//! `awk`: a tree-walking interpreter for the everyday subset: patterns
//! and actions, BEGIN/END, fields, NR/NF/FS/OFS, arrays, control flow,
//! printf and the common string functions. Ubuntu's awk is mawk; number
//! formatting follows it (integers plain, others `%.6g`).

use super::{getopt, Ctx};
use crate::regex::Regex;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Re(String),
    Name(String),
    Func(String),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: [&str; 16] = [
    "BEGIN", "END", "if", "else", "while", "for", "do", "break", "continue", "next", "exit",
    "delete", "in", "print", "printf", "function",
];
const BUILTIN_FUNCS: [&str; 14] = [
    "length", "substr", "index", "split", "sub", "gsub", "toupper", "tolower", "sprintf", "int",
    "match", "sqrt", "system", "rand",
];
const OPS: [&str; 34] = [
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~",
    "+", "-", "*", "/", "%", "^", "<", ">", "!", "~", "?", ":", "=", "(", ")", "{", "}", ",",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out: Vec<Tok> = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '\\' && cs.get(i + 1) == Some(&'\n') {
            i += 2;
            continue;
        }
        if c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' || c == ';' {
            out.push(if c == '\n' {
                Tok::Newline
            } else {
                Tok::Op(";")
            });
            i += 1;
            continue;
        }
        if c == '[' || c == ']' {
            out.push(Tok::Op(if c == '[' { "[" } else { "]" }));
            i += 1;
            continue;
        }
        if c == '$' {
            out.push(Tok::Op("$"));
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let s = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '.') {
                if (cs[i] == 'e' || cs[i] == 'E') && matches!(cs.get(i + 1), Some('+') | Some('-'))
                {
                    i += 1;
                }
                i += 1;
            }
            let t: String = cs[s..i].iter().collect();
            let v = if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0)
            } else {
                t.parse().unwrap_or(0.0)
            };
            out.push(Tok::Num(v));
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let s = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            let w: String = cs[s..i].iter().collect();
            if let Some(k) = KEYWORDS.iter().find(|k| **k == w) {
                out.push(Tok::Kw(k));
            } else if BUILTIN_FUNCS.contains(&w.as_str()) {
                out.push(Tok::Func(w));
            } else if w == "getline" {
                return Err("getline is not supported".into());
            } else {
                out.push(Tok::Name(w));
            }
            continue;
        }
        if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&ch) = cs.get(i) else {
                    return Err("runaway string constant".into());
                };
                i += 1;
                match ch {
                    '"' => break,
                    '\\' => {
                        let e = cs.get(i).copied().unwrap_or('\\');
                        i += 1;
                        let mapped = match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '\\' => '\\',
                            '"' => '"',
                            '/' => '/',
                            'a' => '\x07',
                            other => {
                                s.push('\\');
                                other
                            }
                        };
                        s.push(mapped);
                    }
                    ch => s.push(ch),
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        if c == '/' {
            let operand_before = matches!(
                out.last(),
                Some(Tok::Num(_))
                    | Some(Tok::Str(_))
                    | Some(Tok::Name(_))
                    | Some(Tok::Op(")"))
                    | Some(Tok::Op("]"))
                    | Some(Tok::Op("$"))
                    | Some(Tok::Op("++"))
                    | Some(Tok::Op("--"))
            );
            if !operand_before {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&ch) = cs.get(i) else {
                        return Err("runaway regular expression".into());
                    };
                    i += 1;
                    if ch == '/' {
                        break;
                    }
                    if ch == '\\' && cs.get(i) == Some(&'/') {
                        s.push('/');
                        i += 1;
                        continue;
                    }
                    if ch == '\\' {
                        if let Some(&n) = cs.get(i) {
                            s.push('\\');
                            s.push(n);
                            i += 1;
                            continue;
                        }
                    }
                    s.push(ch);
                }
                out.push(Tok::Re(s));
                continue;
            }
        }
        let mut found = false;
        for op in OPS.iter() {
            let n = op.len();
            if cs[i..].iter().take(n).copied().eq(op.chars()) {
                out.push(Tok::Op(op));
                i += n;
                found = true;
                break;
            }
        }
        if !found {
            return Err(format!(
                "syntax error at source line 1: unexpected character '{}'",
                c
            ));
        }
    }
    out.push(Tok::Eof);
    Ok(out)
}

#[derive(Clone, Debug)]
enum Expr {
    Num(f64),
    Str(String),
    Re(String),
    Var(String),
    Field(Box<Expr>),
    Index(String, Vec<Expr>),
    Assign(Box<Expr>, &'static str, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    In(Vec<Expr>, String),
    Match(bool, Box<Expr>, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Plus(Box<Expr>),
    IncDec(bool, bool, Box<Expr>),
    Call(String, Vec<Expr>),
    Group(Box<Expr>),
}

#[derive(Clone, Debug)]
enum Stmt {
    Print(Vec<Expr>, Option<(bool, Expr)>),
    Printf(Vec<Expr>, Option<(bool, Expr)>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(
        Option<Box<Stmt>>,
        Option<Expr>,
        Option<Box<Stmt>>,
        Box<Stmt>,
    ),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Vec<Expr>>),
}

enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

struct Item {
    pat: Pattern,
    action: Option<Vec<Stmt>>,
}

struct P {
    t: Vec<Tok>,
    i: usize,
    no_in: bool,
    no_gt: bool,
}

type PR<T> = Result<T, String>;

impl P {
    fn peek(&self) -> &Tok {
        self.t.get(self.i).unwrap_or(&Tok::Eof)
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        self.i += 1;
        t
    }
    fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Tok::Op(x) if *x == o)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Tok::Kw(x) if *x == k)
    }
    fn expect_op(&mut self, o: &str) -> PR<()> {
        if self.is_op(o) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }
    fn syntax(&self) -> String {
        let near = match self.peek() {
            Tok::Num(n) => fmt_num(*n),
            Tok::Str(s) => format!("\"{}\"", s),
            Tok::Re(s) => format!("/{}/", s),
            Tok::Name(n) | Tok::Func(n) => n.clone(),
            Tok::Kw(k) => k.to_string(),
            Tok::Op(o) => o.to_string(),
            Tok::Newline => "end of line".into(),
            Tok::Eof => "end of file".into(),
        };
        format!("line 1: syntax error at or near {}", near)
    }
    fn nl(&mut self) {
        while matches!(self.peek(), Tok::Newline) || self.is_op(";") {
            self.i += 1;
        }
    }
    fn opt_nl(&mut self) {
        while matches!(self.peek(), Tok::Newline) {
            self.i += 1;
        }
    }

    fn program(&mut self) -> PR<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            self.nl();
            if matches!(self.peek(), Tok::Eof) {
                break;
            }
            if self.is_kw("function") {
                return Err("user-defined functions are not supported".into());
            }
            let pat = if self.is_kw("BEGIN") {
                self.i += 1;
                Pattern::Begin
            } else if self.is_kw("END") {
                self.i += 1;
                Pattern::End
            } else if self.is_op("{") {
                Pattern::All
            } else {
                let a = self.expr()?;
                if self.is_op(",") {
                    self.i += 1;
                    self.opt_nl();
                    Pattern::Range(a, self.expr()?)
                } else {
                    Pattern::Expr(a)
                }
            };
            let action = if self.is_op("{") {
                Some(self.block()?)
            } else {
                if matches!(pat, Pattern::Begin | Pattern::End) {
                    return Err(self.syntax());
                }
                None
            };
            items.push(Item { pat, action });
        }
        Ok(items)
    }

    fn block(&mut self) -> PR<Vec<Stmt>> {
        self.expect_op("{")?;
        let mut v = Vec::new();
        loop {
            self.nl();
            if self.is_op("}") {
                self.i += 1;
                return Ok(v);
            }
            if matches!(self.peek(), Tok::Eof) {
                return Err("line 2: missing } near end of file".into());
            }
            v.push(self.stmt()?);
        }
    }

    fn simple_or_block(&mut self) -> PR<Stmt> {
        self.opt_nl();
        if self.is_op(";") {
            self.i += 1;
            return Ok(Stmt::Block(vec![]));
        }
        self.stmt()
    }

    fn end_stmt(&mut self) -> PR<()> {
        match self.peek() {
            Tok::Newline | Tok::Op(";") => {
                self.i += 1;
                Ok(())
            }
            Tok::Op("}") | Tok::Eof => Ok(()),
            _ => Err(self.syntax()),
        }
    }

    fn stmt(&mut self) -> PR<Stmt> {
        if self.is_op("{") {
            return Ok(Stmt::Block(self.block()?));
        }
        let t = self.peek().clone();
        let s = match t {
            Tok::Kw("if") => {
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                let then = self.simple_or_block()?;
                let save = self.i;
                self.nl();
                if self.is_kw("else") {
                    self.i += 1;
                    let e = self.simple_or_block()?;
                    return Ok(Stmt::If(c, Box::new(then), Some(Box::new(e))));
                }
                self.i = save;
                return Ok(Stmt::If(c, Box::new(then), None));
            }
            Tok::Kw("while") => {
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                if self.is_op(";") {
                    self.i += 1;
                    return Ok(Stmt::While(c, Box::new(Stmt::Block(vec![]))));
                }
                let body = self.simple_or_block()?;
                return Ok(Stmt::While(c, Box::new(body)));
            }
            Tok::Kw("do") => {
                self.i += 1;
                let body = self.simple_or_block()?;
                self.nl();
                if !self.is_kw("while") {
                    return Err(self.syntax());
                }
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                Stmt::Do(Box::new(body), c)
            }
            Tok::Kw("for") => {
                self.i += 1;
                self.expect_op("(")?;
                if let (Tok::Name(v), Tok::Kw("in"), Tok::Name(a)) = (
                    self.t.get(self.i).cloned().unwrap_or(Tok::Eof),
                    self.t.get(self.i + 1).cloned().unwrap_or(Tok::Eof),
                    self.t.get(self.i + 2).cloned().unwrap_or(Tok::Eof),
                ) {
                    if matches!(self.t.get(self.i + 3), Some(Tok::Op(")"))) {
                        self.i += 4;
                        let body = self.simple_or_block()?;
                        return Ok(Stmt::ForIn(v, a, Box::new(body)));
                    }
                }
                let init = if self.is_op(";") {
                    None
                } else {
                    Some(Box::new(self.simple_stmt()?))
                };
                self.expect_op(";")?;
                self.opt_nl();
                let cond = if self.is_op(";") {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.expect_op(";")?;
                self.opt_nl();
                let step = if self.is_op(")") {
                    None
                } else {
                    Some(Box::new(self.simple_stmt()?))
                };
                self.expect_op(")")?;
                if self.is_op(";") {
                    self.i += 1;
                    return Ok(Stmt::For(init, cond, step, Box::new(Stmt::Block(vec![]))));
                }
                let body = self.simple_or_block()?;
                return Ok(Stmt::For(init, cond, step, Box::new(body)));
            }
            Tok::Kw("next") => {
                self.i += 1;
                Stmt::Next
            }
            Tok::Kw("break") => {
                self.i += 1;
                Stmt::Break
            }
            Tok::Kw("continue") => {
                self.i += 1;
                Stmt::Continue
            }
            Tok::Kw("exit") => {
                self.i += 1;
                let e = if matches!(
                    self.peek(),
                    Tok::Newline | Tok::Eof | Tok::Op(";") | Tok::Op("}")
                ) {
                    None
                } else {
                    Some(self.expr()?)
                };
                Stmt::Exit(e)
            }
            Tok::Kw("delete") => {
                self.i += 1;
                let Tok::Name(n) = self.next() else {
                    return Err(self.syntax());
                };
                if self.is_op("[") {
                    self.i += 1;
                    let idx = self.expr_list()?;
                    self.expect_op("]")?;
                    Stmt::Delete(n, Some(idx))
                } else {
                    Stmt::Delete(n, None)
                }
            }
            _ => self.simple_stmt()?,
        };
        self.end_stmt()?;
        Ok(s)
    }

    fn simple_stmt(&mut self) -> PR<Stmt> {
        if self.is_kw("print") || self.is_kw("printf") {
            let is_printf = self.is_kw("printf");
            self.i += 1;
            let mut args = Vec::new();
            let saved = self.no_gt;
            self.no_gt = true;
            if self.is_op("(") {
                // `print (a, b)` or `print (a) b`: try the grouped form.
                let save = self.i;
                self.i += 1;
                let list = self.expr_list();
                if let Ok(list) = list {
                    if self.is_op(")")
                        && matches!(
                            self.t.get(self.i + 1),
                            Some(Tok::Newline)
                                | Some(Tok::Eof)
                                | Some(Tok::Op(";"))
                                | Some(Tok::Op("}"))
                                | Some(Tok::Op(">"))
                                | Some(Tok::Op(">>"))
                        )
                    {
                        self.i += 1;
                        args = list;
                    } else {
                        self.i = save;
                    }
                } else {
                    self.i = save;
                }
            }
            if args.is_empty()
                && !matches!(
                    self.peek(),
                    Tok::Newline
                        | Tok::Eof
                        | Tok::Op(";")
                        | Tok::Op("}")
                        | Tok::Op(">")
                        | Tok::Op(">>")
                )
            {
                args = self.expr_list()?;
            }
            self.no_gt = saved;
            let redirect = if self.is_op(">") || self.is_op(">>") {
                let append = self.is_op(">>");
                self.i += 1;
                Some((append, self.concat_expr()?))
            } else {
                None
            };
            return Ok(if is_printf {
                Stmt::Printf(args, redirect)
            } else {
                Stmt::Print(args, redirect)
            });
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn expr_list(&mut self) -> PR<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.is_op(",") {
            self.i += 1;
            self.opt_nl();
            v.push(self.expr()?);
        }
        Ok(v)
    }

    fn expr(&mut self) -> PR<Expr> {
        let lhs = self.ternary()?;
        let op = match self.peek() {
            Tok::Op(o) if matches!(*o, "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=") => *o,
            _ => return Ok(lhs),
        };
        if !matches!(lhs, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
            return Err(self.syntax());
        }
        self.i += 1;
        self.opt_nl();
        let rhs = self.expr()?;
        Ok(Expr::Assign(Box::new(lhs), op, Box::new(rhs)))
    }

    fn ternary(&mut self) -> PR<Expr> {
        let c = self.or()?;
        if !self.is_op("?") {
            return Ok(c);
        }
        self.i += 1;
        self.opt_nl();
        let a = self.ternary()?;
        self.opt_nl();
        self.expect_op(":")?;
        self.opt_nl();
        let b = self.ternary()?;
        Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)))
    }

    fn or(&mut self) -> PR<Expr> {
        let mut l = self.and()?;
        while self.is_op("||") {
            self.i += 1;
            self.opt_nl();
            l = Expr::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> PR<Expr> {
        let mut l = self.in_expr()?;
        while self.is_op("&&") {
            self.i += 1;
            self.opt_nl();
            l = Expr::And(Box::new(l), Box::new(self.in_expr()?));
        }
        Ok(l)
    }

    fn in_expr(&mut self) -> PR<Expr> {
        let mut l = self.match_expr()?;
        while self.is_kw("in") && !self.no_in {
            self.i += 1;
            let Tok::Name(a) = self.next() else {
                return Err(self.syntax());
            };
            l = Expr::In(vec![l], a);
        }
        Ok(l)
    }

    fn match_expr(&mut self) -> PR<Expr> {
        let mut l = self.cmp()?;
        loop {
            let neg = if self.is_op("~") {
                false
            } else if self.is_op("!~") {
                true
            } else {
                return Ok(l);
            };
            self.i += 1;
            let r = self.cmp()?;
            l = Expr::Match(neg, Box::new(l), Box::new(r));
        }
    }

    fn cmp(&mut self) -> PR<Expr> {
        let l = self.concat_expr()?;
        let op = match self.peek() {
            Tok::Op(o) if matches!(*o, "<" | "<=" | "==" | "!=" | ">=") => *o,
            Tok::Op(">") if !self.no_gt => ">",
            _ => return Ok(l),
        };
        self.i += 1;
        let r = self.concat_expr()?;
        Ok(Expr::Bin(op, Box::new(l), Box::new(r)))
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Tok::Num(_) | Tok::Str(_) | Tok::Re(_) | Tok::Name(_) | Tok::Func(_) => true,
            Tok::Op(o) => matches!(*o, "$" | "(" | "!" | "-" | "+" | "++" | "--"),
            _ => false,
        }
    }

    fn concat_expr(&mut self) -> PR<Expr> {
        let mut l = self.additive()?;
        while self.starts_operand() && !self.is_op("-") && !self.is_op("+") && !self.is_op("!") {
            let r = self.additive()?;
            l = Expr::Concat(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn additive(&mut self) -> PR<Expr> {
        let mut l = self.mul()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o) if matches!(*o, "+" | "-") => *o,
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.mul()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn mul(&mut self) -> PR<Expr> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o) if matches!(*o, "*" | "/" | "%") => *o,
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.unary()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn unary(&mut self) -> PR<Expr> {
        if self.is_op("!") {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.is_op("-") {
            self.i += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.is_op("+") {
            self.i += 1;
            return Ok(Expr::Plus(Box::new(self.unary()?)));
        }
        self.power()
    }

    fn power(&mut self) -> PR<Expr> {
        let b = self.postfix()?;
        if self.is_op("^") {
            self.i += 1;
            let e = self.unary()?;
            return Ok(Expr::Bin("^", Box::new(b), Box::new(e)));
        }
        Ok(b)
    }

    fn postfix(&mut self) -> PR<Expr> {
        if self.is_op("++") || self.is_op("--") {
            let inc = self.is_op("++");
            self.i += 1;
            let e = self.postfix()?;
            return Ok(Expr::IncDec(true, inc, Box::new(e)));
        }
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..))
            && (self.is_op("++") || self.is_op("--"))
        {
            let inc = self.is_op("++");
            self.i += 1;
            return Ok(Expr::IncDec(false, inc, Box::new(e)));
        }
        Ok(e)
    }

    fn primary(&mut self) -> PR<Expr> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Re(r) => Ok(Expr::Re(r)),
            Tok::Op("$") => {
                let e = self.postfix_noinc()?;
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Op("(") => {
                let saved = (self.no_in, self.no_gt);
                self.no_in = false;
                self.no_gt = false;
                let e = self.expr()?;
                if self.is_op(",") {
                    // (a, b) in arr
                    let mut list = vec![e];
                    while self.is_op(",") {
                        self.i += 1;
                        list.push(self.expr()?);
                    }
                    self.expect_op(")")?;
                    self.no_in = saved.0;
                    self.no_gt = saved.1;
                    if !self.is_kw("in") {
                        return Err(self.syntax());
                    }
                    self.i += 1;
                    let Tok::Name(a) = self.next() else {
                        return Err(self.syntax());
                    };
                    return Ok(Expr::In(list, a));
                }
                self.expect_op(")")?;
                self.no_in = saved.0;
                self.no_gt = saved.1;
                Ok(Expr::Group(Box::new(e)))
            }
            Tok::Func(f) => {
                let mut args = Vec::new();
                if self.is_op("(") {
                    self.i += 1;
                    if !self.is_op(")") {
                        let saved = (self.no_in, self.no_gt);
                        self.no_in = false;
                        self.no_gt = false;
                        args = self.expr_list()?;
                        self.no_in = saved.0;
                        self.no_gt = saved.1;
                    }
                    self.expect_op(")")?;
                } else if f != "length" {
                    return Err(self.syntax());
                }
                Ok(Expr::Call(f, args))
            }
            Tok::Name(n) => {
                if self.is_op("[") {
                    self.i += 1;
                    let idx = self.expr_list()?;
                    self.expect_op("]")?;
                    return Ok(Expr::Index(n, idx));
                }
                Ok(Expr::Var(n))
            }
            _ => {
                self.i -= 1;
                Err(self.syntax())
            }
        }
    }

    fn postfix_noinc(&mut self) -> PR<Expr> {
        if self.is_op("-") {
            self.i += 1;
            return Ok(Expr::Neg(Box::new(self.primary()?)));
        }
        if self.is_op("++") || self.is_op("--") {
            let inc = self.is_op("++");
            self.i += 1;
            let e = self.primary()?;
            return Ok(Expr::IncDec(true, inc, Box::new(e)));
        }
        self.primary()
    }
}

// ---- values ---------------------------------------------------------

#[derive(Clone, Debug)]
enum Val {
    Num(f64),
    Str(String),
    /// Input-derived text that compares as a number if it looks like one.
    StrNum(String),
}

fn fmt_num(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        fmt_g(n, 6)
    }
}

fn fmt_g(v: f64, prec: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return if v.is_nan() {
            "nan".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let p = prec.max(1);
    let exp = v.abs().log10().floor() as i32;
    if exp < -4 || exp >= p as i32 {
        let s = format!("{:.*e}", p - 1, v);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        let e: i32 = e.parse().unwrap_or(0);
        format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let s = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

fn looks_numeric(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let t2 = t.strip_prefix(['+', '-']).unwrap_or(t);
    if t2.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        t.parse::<f64>().ok()
    } else {
        None
    }
}

fn str_to_num(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    let b = t.as_bytes();
    let mut seen_dot = false;
    let mut seen_e = false;
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_digit()
            || ((c == b'-' || c == b'+') && (end == 0 || matches!(b[end - 1], b'e' | b'E')))
        {
            end += 1;
        } else if c == b'.' && !seen_dot && !seen_e {
            seen_dot = true;
            end += 1;
        } else if (c == b'e' || c == b'E') && !seen_e && end > 0 {
            seen_e = true;
            end += 1;
        } else {
            break;
        }
    }
    let mut slice = &t[..end];
    while !slice.is_empty() && slice.parse::<f64>().is_err() {
        slice = &slice[..slice.len() - 1];
    }
    slice.parse().unwrap_or(0.0)
}

impl Val {
    fn num(&self) -> f64 {
        match self {
            Val::Num(n) => *n,
            Val::Str(s) | Val::StrNum(s) => str_to_num(s),
        }
    }
    fn string(&self) -> String {
        match self {
            Val::Num(n) => fmt_num(*n),
            Val::Str(s) | Val::StrNum(s) => s.clone(),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            Val::Num(n) => *n != 0.0,
            Val::Str(s) => !s.is_empty(),
            Val::StrNum(s) => match looks_numeric(s) {
                Some(n) => n != 0.0,
                None => !s.is_empty(),
            },
        }
    }
    fn numeric_for_cmp(&self) -> Option<f64> {
        match self {
            Val::Num(n) => Some(*n),
            Val::StrNum(s) => looks_numeric(s),
            Val::Str(_) => None,
        }
    }
}

enum Flow {
    Normal,
    Next,
    Exit,
    Break,
    Continue,
}

struct Interp {
    vars: BTreeMap<String, Val>,
    arrays: BTreeMap<String, BTreeMap<String, Val>>,
    fields: Vec<String>,
    record: String,
    nf: usize,
    out: String,
    files: Vec<(String, String, bool)>,
    steps: u64,
    limit: usize,
    exit_code: i32,
    regex_cache: BTreeMap<String, Regex>,
    ranges: Vec<bool>,
    err: Option<String>,
}

const AWK_STEP_LIMIT: u64 = 2_000_000;

impl Interp {
    fn var(&self, n: &str) -> Val {
        match n {
            "NF" => Val::Num(self.nf as f64),
            _ => self.vars.get(n).cloned().unwrap_or(Val::Str(String::new())),
        }
    }

    fn fs(&self) -> String {
        self.var("FS").string()
    }

    fn split_record(&mut self) {
        let fs = self.fs();
        self.fields = split_fields(&self.record, &fs, &mut self.regex_cache);
        self.nf = self.fields.len();
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
            self.record = v;
            self.split_record();
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

    fn regex(&mut self, pat: &str) -> Option<Regex> {
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

    fn key(&mut self, idx: &[Expr]) -> String {
        let sep = self
            .vars
            .get("SUBSEP")
            .map(|v| v.string())
            .unwrap_or_else(|| "\x1c".into());
        let parts: Vec<String> = idx.iter().map(|e| self.eval(e).string()).collect();
        parts.join(&sep)
    }

    fn assign(&mut self, target: &Expr, v: Val) {
        match target {
            Expr::Var(n) => {
                if n == "NF" {
                    self.nf = v.num().max(0.0) as usize;
                    self.rebuild_record();
                } else {
                    self.vars.insert(n.clone(), v);
                }
            }
            Expr::Field(e) => {
                let i = self.eval(e).num().max(0.0) as usize;
                self.set_field(i, v.string());
            }
            Expr::Index(n, idx) => {
                let k = self.key(idx);
                self.arrays.entry(n.clone()).or_default().insert(k, v);
            }
            Expr::Group(e) => self.assign(e, v),
            _ => {}
        }
    }

    fn eval(&mut self, e: &Expr) -> Val {
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
                self.arrays
                    .entry(n.clone())
                    .or_default()
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
                Val::Num(self.arrays.get(arr).is_some_and(|a| a.contains_key(&k)) as i32 as f64)
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
                    _ => {
                        if (*op == "/" || *op == "%") && y.num() == 0.0 {
                            self.err = Some("awk: division by zero".into());
                            return Val::Num(0.0);
                        }
                        Val::Num(arith(op, x.num(), y.num()))
                    }
                }
            }
            Expr::Concat(a, b) => {
                let mut s = self.eval(a).string();
                s.push_str(&self.eval(b).string());
                if s.len() > self.limit {
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
        }
    }

    fn call(&mut self, f: &str, args: &[Expr]) -> Val {
        let arg = |me: &mut Interp, i: usize| -> Val {
            match args.get(i) {
                Some(e) => me.eval(e),
                None => Val::Str(String::new()),
            }
        };
        match f {
            "length" => {
                if args.is_empty() {
                    return Val::Num(self.record.chars().count() as f64);
                }
                if let Some(Expr::Var(n)) = args.first() {
                    if let Some(a) = self.arrays.get(n) {
                        return Val::Num(a.len() as f64);
                    }
                }
                Val::Num(arg(self, 0).string().chars().count() as f64)
            }
            "substr" => {
                let s: Vec<char> = arg(self, 0).string().chars().collect();
                let start = arg(self, 1).num().round();
                let len = if args.len() > 2 {
                    arg(self, 2).num().round()
                } else {
                    f64::INFINITY
                };
                let from = start.max(1.0);
                let to = (start + len).min(s.len() as f64 + 1.0);
                if to <= from {
                    return Val::Str(String::new());
                }
                Val::Str(s[(from as usize - 1)..(to as usize - 1)].iter().collect())
            }
            "index" => {
                let s = arg(self, 0).string();
                let t = arg(self, 1).string();
                Val::Num(match s.find(&t) {
                    Some(p) => s[..p].chars().count() as f64 + 1.0,
                    None => 0.0,
                })
            }
            "split" => {
                let s = arg(self, 0).string();
                let sep = if args.len() > 2 {
                    match &args[2] {
                        Expr::Re(r) => r.clone(),
                        e => self.eval(e).string(),
                    }
                } else {
                    self.fs()
                };
                let parts = split_fields(&s, &sep, &mut self.regex_cache);
                if let Some(Expr::Var(n)) = args.get(1) {
                    let mut m = BTreeMap::new();
                    for (i, p) in parts.iter().enumerate() {
                        m.insert((i + 1).to_string(), Val::StrNum(p.clone()));
                    }
                    self.arrays.insert(n.clone(), m);
                }
                Val::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let pat = match args.first() {
                    Some(Expr::Re(r)) => r.clone(),
                    Some(e) => self.eval(e).string(),
                    None => return Val::Num(0.0),
                };
                let rep = arg(self, 1).string();
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let s = self.eval(&target).string();
                let Some(re) = self.regex(&pat) else {
                    return Val::Num(0.0);
                };
                let (new, n) = awk_sub(&re, &s, &rep, f == "gsub");
                if n > 0 {
                    self.assign(&target, Val::Str(new));
                }
                Val::Num(n as f64)
            }
            "match" => {
                let s = arg(self, 0).string();
                let pat = match args.get(1) {
                    Some(Expr::Re(r)) => r.clone(),
                    Some(e) => self.eval(e).string(),
                    None => String::new(),
                };
                let cs: Vec<char> = s.chars().collect();
                let (start, len) = match self
                    .regex(&pat)
                    .and_then(|re| re.find_at(&cs, 0))
                    .and_then(|c| c[0])
                {
                    Some((a, b)) => (a as f64 + 1.0, (b - a) as f64),
                    None => (0.0, -1.0),
                };
                self.vars.insert("RSTART".into(), Val::Num(start));
                self.vars.insert("RLENGTH".into(), Val::Num(len));
                Val::Num(start)
            }
            "toupper" => Val::Str(arg(self, 0).string().to_uppercase()),
            "tolower" => Val::Str(arg(self, 0).string().to_lowercase()),
            "int" => Val::Num(arg(self, 0).num().trunc()),
            "sqrt" => Val::Num(arg(self, 0).num().sqrt()),
            "rand" => Val::Num(0.237_788_4),
            "system" => Val::Num(0.0),
            "sprintf" => {
                let vals: Vec<Val> = args.iter().map(|e| self.eval(e)).collect();
                Val::Str(sprintf(&vals))
            }
            _ => Val::Str(String::new()),
        }
    }

    fn emit(&mut self, text: &str, redirect: &Option<(bool, Expr)>) {
        match redirect {
            None => self.out.push_str(text),
            Some((append, e)) => {
                let name = self.eval(e).string();
                match self.files.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(f) => f.1.push_str(text),
                    None => self.files.push((name, text.to_string(), *append)),
                }
            }
        }
        if self.out.len() > self.limit {
            self.err = Some(String::new());
        }
    }

    fn exec(&mut self, s: &Stmt) -> Flow {
        self.steps += 1;
        if self.steps > AWK_STEP_LIMIT || self.err.is_some() {
            if self.err.is_none() {
                self.err = Some("awk: program ran too long: stopped".into());
            }
            return Flow::Exit;
        }
        match s {
            Stmt::Print(args, redir) => {
                let ofs = self.var("OFS").string();
                let ors = self
                    .vars
                    .get("ORS")
                    .map(|v| v.string())
                    .unwrap_or_else(|| "\n".into());
                let text = if args.is_empty() {
                    self.record.clone()
                } else {
                    let parts: Vec<String> = args
                        .iter()
                        .map(|a| {
                            let v = self.eval(a);
                            match v {
                                Val::Num(n) if n != n.trunc() => {
                                    let ofmt = self
                                        .vars
                                        .get("OFMT")
                                        .map(|v| v.string())
                                        .unwrap_or_else(|| "%.6g".into());
                                    sprintf(&[Val::Str(ofmt), Val::Num(n)])
                                }
                                v => v.string(),
                            }
                        })
                        .collect();
                    parts.join(&ofs)
                };
                self.emit(&format!("{}{}", text, ors), redir);
                Flow::Normal
            }
            Stmt::Printf(args, redir) => {
                let vals: Vec<Val> = args.iter().map(|e| self.eval(e)).collect();
                let text = sprintf(&vals);
                self.emit(&text, redir);
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
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                }
                Flow::Normal
            }
            Stmt::Do(body, c) => {
                loop {
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                    if !self.eval(c).truthy() {
                        break;
                    }
                }
                Flow::Normal
            }
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.exec(i);
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c).truthy() {
                            break;
                        }
                    }
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                    if let Some(s) = step {
                        self.exec(s);
                    }
                    if self.steps > AWK_STEP_LIMIT {
                        return self.exec(&Stmt::Block(vec![]));
                    }
                }
                Flow::Normal
            }
            Stmt::ForIn(v, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for k in keys {
                    self.vars.insert(v.clone(), Val::StrNum(k));
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                }
                Flow::Normal
            }
            Stmt::Block(v) => {
                for s in v {
                    match self.exec(s) {
                        Flow::Normal => {}
                        f => return f,
                    }
                }
                Flow::Normal
            }
            Stmt::Next => Flow::Next,
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e).num() as i32;
                }
                Flow::Exit
            }
            Stmt::Break => Flow::Break,
            Stmt::Continue => Flow::Continue,
            Stmt::Delete(n, idx) => {
                match idx {
                    Some(idx) => {
                        let k = self.key(idx);
                        if let Some(a) = self.arrays.get_mut(n) {
                            a.remove(&k);
                        }
                    }
                    None => {
                        self.arrays.remove(n);
                    }
                }
                Flow::Normal
            }
        }
    }
}

fn arith(op: &str, a: f64, b: f64) -> f64 {
    match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => {
            if b == 0.0 {
                0.0
            } else {
                a / b
            }
        }
        "%" => {
            if b == 0.0 {
                0.0
            } else {
                a % b
            }
        }
        "^" => a.powf(b),
        _ => 0.0,
    }
}

fn split_fields(s: &str, fs: &str, cache: &mut BTreeMap<String, Regex>) -> Vec<String> {
    if fs == " " {
        return s.split_whitespace().map(|x| x.to_string()).collect();
    }
    if s.is_empty() {
        return vec![];
    }
    // Any other single character separates literally, `.` and `|` too.
    if let (Some(c), 1) = (fs.chars().next(), fs.chars().count()) {
        return s.split(c).map(|x| x.to_string()).collect();
    }
    let re = match cache.get(fs) {
        Some(r) => r.clone(),
        None => match Regex::new(fs, true, false) {
            Ok(r) => {
                cache.insert(fs.to_string(), r.clone());
                r
            }
            Err(_) => return vec![s.to_string()],
        },
    };
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut last = 0;
    let mut pos = 0;
    while pos <= cs.len() {
        match re.find_at(&cs, pos).and_then(|c| c[0]) {
            Some((a, b)) if b > a => {
                out.push(cs[last..a].iter().collect());
                last = b;
                pos = b;
            }
            Some((a, _)) => pos = a + 1,
            None => break,
        }
    }
    out.push(cs[last..].iter().collect());
    out
}

fn awk_sub(re: &Regex, s: &str, rep: &str, global: bool) -> (String, usize) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut last = 0;
    let mut n = 0;
    while pos <= cs.len() {
        let Some((a, b)) = re.find_at(&cs, pos).and_then(|c| c[0]) else {
            break;
        };
        out.extend(&cs[last..a]);
        let matched: String = cs[a..b].iter().collect();
        let mut rc = rep.chars().peekable();
        while let Some(c) = rc.next() {
            match c {
                '\\' if rc.peek() == Some(&'&') => {
                    out.push('&');
                    rc.next();
                }
                '&' => out.push_str(&matched),
                c => out.push(c),
            }
        }
        n += 1;
        last = b;
        if b == a {
            if a < cs.len() {
                out.push(cs[a]);
            }
            last = a + 1;
            pos = a + 1;
        } else {
            pos = b;
        }
        if !global {
            break;
        }
    }
    if last < cs.len() {
        out.extend(&cs[last..]);
    }
    (out, n)
}

/// printf-style formatting with awk values (first one is the format).
fn sprintf(vals: &[Val]) -> String {
    let Some(fmt) = vals.first() else {
        return String::new();
    };
    let fmt: Vec<char> = fmt.string().chars().collect();
    let mut ai = 1;
    let mut out = String::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let mut spec = String::from("%");
        while i < fmt.len() && "-+ #0".contains(fmt[i]) {
            spec.push(fmt[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < fmt.len() && (fmt[i].is_ascii_digit() || fmt[i] == '*') {
            if fmt[i] == '*' {
                width.push_str(&(vals.get(ai).map(|v| v.num() as i64).unwrap_or(0)).to_string());
                ai += 1;
            } else {
                width.push(fmt[i]);
            }
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if fmt.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                p.push(fmt[i]);
                i += 1;
            }
            prec = Some(p.parse().unwrap_or(0));
        }
        let Some(&conv) = fmt.get(i) else {
            out.push_str(&spec);
            break;
        };
        i += 1;
        let v = vals.get(ai).cloned().unwrap_or(Val::Str(String::new()));
        ai += 1;
        let left = spec.contains('-');
        let zero = spec.contains('0');
        let w: usize = width.parse::<usize>().unwrap_or(0).min(10_000);
        let body = match conv {
            'd' | 'i' => {
                let n = v.num().trunc() as i64;
                let mut s = n.unsigned_abs().to_string();
                if let Some(p) = prec {
                    while s.len() < p {
                        s.insert(0, '0');
                    }
                }
                if n < 0 {
                    s.insert(0, '-');
                } else if spec.contains('+') {
                    s.insert(0, '+');
                }
                s
            }
            'o' => format!("{:o}", v.num() as i64),
            'x' => format!("{:x}", v.num() as i64),
            'X' => format!("{:X}", v.num() as i64),
            'u' => format!("{}", v.num() as u64),
            'c' => match v {
                Val::Num(n) => char::from_u32(n as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                other => other
                    .string()
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
            },
            's' => {
                let s = v.string();
                match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }
            }
            'f' | 'F' => format!("{:.*}", prec.unwrap_or(6), v.num()),
            'e' | 'E' => {
                let s = format!("{:.*e}", prec.unwrap_or(6), v.num());
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let e: i32 = e.parse().unwrap_or(0);
                let r = format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs());
                if conv == 'E' {
                    r.to_uppercase()
                } else {
                    r
                }
            }
            'g' | 'G' => fmt_g(v.num(), prec.unwrap_or(6)),
            other => format!("%{}", other),
        };
        let n = body.chars().count();
        if n >= w {
            out.push_str(&body);
        } else if left {
            out.push_str(&body);
            out.push_str(&" ".repeat(w - n));
        } else if zero && !matches!(conv, 's' | 'c') {
            let (sign, rest) = if body.starts_with('-') || body.starts_with('+') {
                body.split_at(1)
            } else {
                ("", body.as_str())
            };
            out.push_str(sign);
            out.push_str(&"0".repeat(w - n));
            out.push_str(rest);
        } else {
            out.push_str(&" ".repeat(w - n));
            out.push_str(&body);
        }
    }
    out
}

fn unescape_fs(s: &str) -> String {
    match s {
        "\\t" | "t" => "\t".into(),
        _ => s.replace("\\t", "\t"),
    }
}

pub fn awk(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "awk",
        argv,
        "",
        "Fvf",
        &["field-separator=", "assign="],
        2,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut args = o.args.clone();
    let src = match o.val('f') {
        Some(f) => match ctx.read(f) {
            Ok(s) => s,
            Err(e) => {
                ctx.err(&format!("awk: couldn't open file {}: {}\n", f, e.msg()));
                return 2;
            }
        },
        None => {
            if args.is_empty() {
                ctx.err("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n");
                return 2;
            }
            args.remove(0)
        }
    };
    let toks = match lex(&src) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("awk: {}\n", e));
            return 2;
        }
    };
    let mut p = P {
        t: toks,
        i: 0,
        no_in: false,
        no_gt: false,
    };
    let items = match p.program() {
        Ok(i) => i,
        Err(e) => {
            ctx.err(&format!("awk: {}\n", e));
            return 2;
        }
    };
    let mut it = Interp {
        vars: BTreeMap::new(),
        arrays: BTreeMap::new(),
        fields: vec![],
        record: String::new(),
        nf: 0,
        out: String::new(),
        files: vec![],
        steps: 0,
        limit: ctx.limit.saturating_sub(ctx.written),
        exit_code: 0,
        regex_cache: BTreeMap::new(),
        ranges: vec![false; items.len()],
        err: None,
    };
    for (k, v) in [
        ("FS", " "),
        ("OFS", " "),
        ("ORS", "\n"),
        ("SUBSEP", "\x1c"),
        ("OFMT", "%.6g"),
    ] {
        it.vars.insert(k.into(), Val::Str(v.into()));
    }
    it.vars.insert("NR".into(), Val::Num(0.0));
    if let Some(fs) = o.val('F').or(o.long_val("field-separator")) {
        it.vars.insert("FS".into(), Val::Str(unescape_fs(fs)));
    }
    let mut env_arr = BTreeMap::new();
    for (k, v) in ctx.env.iter() {
        env_arr.insert(k.clone(), Val::Str(v.clone()));
    }
    it.arrays.insert("ENVIRON".into(), env_arr);
    for (c, v) in &o.vals {
        if *c == 'v' {
            if let Some((k, val)) = v.split_once('=') {
                it.vars.insert(
                    k.to_string(),
                    Val::StrNum(val.replace("\\n", "\n").replace("\\t", "\t")),
                );
            }
        }
    }
    let mut exited = false;
    for item in &items {
        if matches!(item.pat, Pattern::Begin) {
            if let Some(a) = &item.action {
                if matches!(it.exec(&Stmt::Block(a.clone())), Flow::Exit) {
                    exited = true;
                    break;
                }
            }
        }
    }
    let has_main = items.iter().any(|i| !matches!(i.pat, Pattern::Begin));
    let mut st = 0;
    if !exited && has_main {
        let files: Vec<String> = if args.iter().all(|a| a.contains('=') && !a.starts_with('=')) {
            let mut v: Vec<String> = args.clone();
            v.push("-".into());
            v
        } else {
            args.clone()
        };
        let mut nr = 0usize;
        'files: for f in files {
            if let Some((k, v)) = f.split_once('=') {
                if crate::lexer::is_name(k) {
                    it.vars.insert(k.to_string(), Val::StrNum(v.to_string()));
                    continue;
                }
            }
            let data = match ctx.read(&f) {
                Ok(d) => d,
                Err(e) => {
                    ctx.err(&format!("awk: cannot open \"{}\" ({})\n", f, e.msg()));
                    st = 2;
                    continue;
                }
            };
            it.vars.insert(
                "FILENAME".into(),
                Val::Str(if f == "-" { String::new() } else { f.clone() }),
            );
            let mut fnr = 0usize;
            for line in super::lines(&data) {
                nr += 1;
                fnr += 1;
                it.vars.insert("NR".into(), Val::Num(nr as f64));
                it.vars.insert("FNR".into(), Val::Num(fnr as f64));
                it.record = line.to_string();
                it.split_record();
                for (idx, item) in items.iter().enumerate() {
                    let hit = match &item.pat {
                        Pattern::Begin | Pattern::End => continue,
                        Pattern::All => true,
                        Pattern::Expr(e) => it.eval(e).truthy(),
                        Pattern::Range(a, b) => {
                            if it.ranges[idx] {
                                if it.eval(b).truthy() {
                                    it.ranges[idx] = false;
                                }
                                true
                            } else if it.eval(a).truthy() {
                                it.ranges[idx] = !it.eval(b).truthy();
                                true
                            } else {
                                false
                            }
                        }
                    };
                    if !hit {
                        continue;
                    }
                    let flow = match &item.action {
                        Some(a) => it.exec(&Stmt::Block(a.clone())),
                        None => it.exec(&Stmt::Print(vec![], None)),
                    };
                    match flow {
                        Flow::Next => break,
                        Flow::Exit => {
                            exited = true;
                            break 'files;
                        }
                        _ => {}
                    }
                }
                if it.err.is_some() {
                    break 'files;
                }
            }
        }
    }
    let _ = exited;
    if it
        .err
        .as_deref()
        .is_none_or(|e| e.is_empty() || !e.contains("too long"))
    {
        for item in &items {
            if matches!(item.pat, Pattern::End) {
                if let Some(a) = &item.action {
                    if matches!(it.exec(&Stmt::Block(a.clone())), Flow::Exit) {
                        break;
                    }
                }
            }
        }
    }
    let out = std::mem::take(&mut it.out);
    ctx.out(&out);
    for (name, text, append) in std::mem::take(&mut it.files) {
        if name == "/dev/stderr" {
            ctx.err(&text);
            continue;
        }
        if name == "/dev/stdout" {
            ctx.out(&text);
            continue;
        }
        let p = ctx.path(&name);
        let _ = ctx.vfs.write_checked(&p, &text, append);
    }
    if let Some(e) = it.err {
        if !e.is_empty() {
            ctx.err(&format!("{}\n", e));
            return 2;
        }
    }
    if st != 0 {
        return st;
    }
    it.exit_code
}
