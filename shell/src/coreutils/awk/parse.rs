//! awk's parser: tokens to a program of pattern-action items and
//! function definitions (recursive descent, one level per precedence).

use super::lex::Tok;
use super::value::fmt_num;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub enum Expr {
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
    /// A user-defined function's call.
    UCall(String, Vec<Expr>),
    /// `getline [var]` from the main input, `< file` or `cmd |`.
    Getline(GetSrc, Option<Box<Expr>>),
    Group(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum GetSrc {
    Main,
    File(Box<Expr>),
    Cmd(Box<Expr>),
}

/// Where `print`/`printf` write: `> file`, `>> file`, `| cmd`.
#[derive(Clone, Debug)]
pub enum Redir {
    File(Expr),
    Append(Expr),
    Pipe(Expr),
}

#[derive(Clone, Debug)]
pub enum Stmt {
    Print(Vec<Expr>, Option<Redir>),
    Printf(Vec<Expr>, Option<Redir>),
    Return(Option<Expr>),
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
    NextFile,
    Exit(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Vec<Expr>>),
}

pub enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

pub struct Item {
    pub pat: Pattern,
    pub action: Option<Vec<Stmt>>,
}

pub struct Func {
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
}

pub struct Program {
    pub items: Vec<Item>,
    pub funcs: HashMap<String, Rc<Func>>,
}

pub struct P {
    pub t: Vec<Tok>,
    pub i: usize,
    pub no_in: bool,
    pub no_gt: bool,
    /// Inside a function body (`return` is legal there).
    pub in_func: bool,
    /// Functions called, checked against the definitions at the end.
    pub called: Vec<String>,
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
            Tok::Name(n) | Tok::Func(n) | Tok::Call(n) => n.clone(),
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

    pub fn program(&mut self, lines: usize) -> PR<Program> {
        let mut items = Vec::new();
        let mut funcs: HashMap<String, Rc<Func>> = HashMap::new();
        loop {
            self.nl();
            if matches!(self.peek(), Tok::Eof) {
                break;
            }
            if self.is_kw("function") {
                self.i += 1;
                let (Tok::Name(name) | Tok::Call(name)) = self.next() else {
                    self.i -= 1;
                    return Err(self.syntax());
                };
                self.expect_op("(")?;
                let mut params: Vec<String> = Vec::new();
                while !self.is_op(")") {
                    let Tok::Name(a) = self.next() else {
                        self.i -= 1;
                        return Err(self.syntax());
                    };
                    if params.contains(&a) {
                        return Err(format!("line 1: {} is duplicated in argument list", a));
                    }
                    params.push(a);
                    if self.is_op(",") {
                        self.i += 1;
                        self.opt_nl();
                    } else if !self.is_op(")") {
                        return Err(self.syntax());
                    }
                }
                self.i += 1;
                self.opt_nl();
                self.in_func = true;
                let body = self.block()?;
                self.in_func = false;
                if funcs.contains_key(&name) {
                    return Err(format!("line 1: redefinition of {}", name));
                }
                funcs.insert(name, Rc::new(Func { params, body }));
                continue;
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
        if let Some(f) = self.called.iter().find(|f| !funcs.contains_key(*f)) {
            return Err(format!("line {}: function {} never defined", lines + 1, f));
        }
        Ok(Program { items, funcs })
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
            Tok::Kw("nextfile") => {
                self.i += 1;
                Stmt::NextFile
            }
            Tok::Kw("return") => {
                if !self.in_func {
                    return Err("line 1: return outside function body".into());
                }
                self.i += 1;
                Stmt::Return(self.optional_expr()?)
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
                Stmt::Exit(self.optional_expr()?)
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
                                | Some(Tok::Op("|"))
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
                        | Tok::Op("|")
                )
            {
                args = self.expr_list()?;
            }
            self.no_gt = saved;
            let redirect = match self.peek() {
                Tok::Op(">") => {
                    self.i += 1;
                    Some(Redir::File(self.concat_expr()?))
                }
                Tok::Op(">>") => {
                    self.i += 1;
                    Some(Redir::Append(self.concat_expr()?))
                }
                Tok::Op("|") => {
                    self.i += 1;
                    Some(Redir::Pipe(self.concat_expr()?))
                }
                _ => None,
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

    /// The expression after `return` or `exit`, if the statement goes on.
    fn optional_expr(&mut self) -> PR<Option<Expr>> {
        let ends = matches!(
            self.peek(),
            Tok::Newline | Tok::Eof | Tok::Op(";") | Tok::Op("}")
        );
        if ends {
            Ok(None)
        } else {
            self.expr().map(Some)
        }
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
        let mut l = self.concat_expr()?;
        // `cmd | getline [var]` binds looser than concatenation.
        while self.is_op("|") && matches!(self.t.get(self.i + 1), Some(Tok::Kw("getline"))) {
            self.i += 2;
            let var = self.getline_var()?;
            l = Expr::Getline(GetSrc::Cmd(Box::new(l)), var);
        }
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
            Tok::Num(_) | Tok::Str(_) | Tok::Re(_) | Tok::Name(_) | Tok::Func(_) | Tok::Call(_) => {
                true
            }
            Tok::Kw("getline") => true,
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
            Tok::Call(f) => {
                self.expect_op("(")?;
                let mut args = Vec::new();
                if !self.is_op(")") {
                    let saved = (self.no_in, self.no_gt);
                    self.no_in = false;
                    self.no_gt = false;
                    args = self.expr_list()?;
                    self.no_in = saved.0;
                    self.no_gt = saved.1;
                }
                self.expect_op(")")?;
                if !self.called.contains(&f) {
                    self.called.push(f.clone());
                }
                Ok(Expr::UCall(f, args))
            }
            Tok::Kw("getline") => {
                let var = self.getline_var()?;
                if self.is_op("<") {
                    self.i += 1;
                    let file = self.postfix()?;
                    return Ok(Expr::Getline(GetSrc::File(Box::new(file)), var));
                }
                Ok(Expr::Getline(GetSrc::Main, var))
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

    /// The optional variable after `getline`: a name, element or field.
    fn getline_var(&mut self) -> PR<Option<Box<Expr>>> {
        if matches!(self.peek(), Tok::Name(_)) || self.is_op("$") {
            return Ok(Some(Box::new(self.primary()?)));
        }
        Ok(None)
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
