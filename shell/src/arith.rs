//! Shell arithmetic (`$((...))`, `((...))`, `let`): 64-bit integers with
//! C precedence, assignment operators and bash's error texts.

/// Variable access for the evaluator.
pub trait Vars {
    fn get_var(&self, name: &str) -> Option<String>;
    fn set_var(&mut self, name: &str, value: i64);
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
    Eof,
}

const OPS: [&str; 42] = [
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^",
    "?", ":", "=", "(", ")", ",", "[", "]", "#",
];

struct Ev<'a> {
    src: Vec<char>,
    pos: usize,
    tok: T,
    tok_start: usize,
    prev_start: usize,
    vars: &'a mut dyn Vars,
    depth: usize,
}

type R<X> = Result<X, (String, usize)>;

/// Evaluates `expr`; the error is bash's message without the `bash: `.
pub fn eval(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    eval_depth(expr, vars, 0)
}

fn eval_depth(expr: &str, vars: &mut dyn Vars, depth: usize) -> Result<i64, String> {
    let shown = expr.trim_start().to_string();
    let mut ev = Ev {
        src: expr.chars().collect(),
        pos: 0,
        tok: T::Eof,
        tok_start: 0,
        prev_start: 0,
        vars,
        depth,
    };
    let res = (|| {
        ev.advance()?;
        if ev.tok == T::Eof {
            return Ok(0);
        }
        let v = ev.comma(false)?;
        if ev.tok != T::Eof {
            return Err(("syntax error in expression".to_string(), ev.tok_start));
        }
        Ok(v)
    })();
    res.map_err(|(msg, at)| {
        if at == usize::MAX {
            return msg;
        }
        let tok: String = ev.src[at.min(ev.src.len())..].iter().collect();
        if let Some(m) = msg.strip_prefix('\u{0}') {
            let num: String = tok
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .collect();
            return format!("{}: {} (error token is \"{}\")", shown.trim_end(), m, num);
        }
        format!("{}: {} (error token is \"{}\")", shown, msg, tok)
    })
}

impl Ev<'_> {
    fn advance(&mut self) -> R<()> {
        while self.pos < self.src.len() && self.src[self.pos].is_whitespace() {
            self.pos += 1;
        }
        self.prev_start = self.tok_start;
        self.tok_start = self.pos;
        if self.pos >= self.src.len() {
            self.tok = T::Eof;
            return Ok(());
        }
        let c = self.src[self.pos];
        if c.is_ascii_digit() {
            let start = self.pos;
            while self.pos < self.src.len()
                && (self.src[self.pos].is_ascii_alphanumeric()
                    || self.src[self.pos] == '#'
                    || self.src[self.pos] == '_'
                    || self.src[self.pos] == '@')
            {
                self.pos += 1;
            }
            let text: String = self.src[start..self.pos].iter().collect();
            self.tok = T::Num(parse_num(&text).ok_or_else(|| {
                let msg = if text.chars().all(|c| c.is_ascii_digit()) {
                    "value too great for base"
                } else {
                    "invalid number"
                };
                // bash reports a bad number with the number alone.
                (format!("\u{0}{}", msg), start)
            })?);
            return Ok(());
        }
        if c == '_' || c.is_ascii_alphabetic() {
            let start = self.pos;
            while self.pos < self.src.len()
                && (self.src[self.pos] == '_' || self.src[self.pos].is_ascii_alphanumeric())
            {
                self.pos += 1;
            }
            self.tok = T::Name(self.src[start..self.pos].iter().collect());
            return Ok(());
        }
        for op in OPS.iter() {
            let n = op.chars().count();
            if self.src[self.pos..].iter().take(n).copied().eq(op.chars()) {
                self.pos += n;
                self.tok = T::Op(op);
                return Ok(());
            }
        }
        Err((
            "syntax error: invalid arithmetic operator".to_string(),
            self.pos,
        ))
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(&self.tok, T::Op(o) if *o == op)
    }

    fn comma(&mut self, skip: bool) -> R<i64> {
        let mut v = self.assign(skip)?;
        while self.is_op(",") {
            self.advance()?;
            v = self.assign(skip)?;
        }
        Ok(v)
    }

    fn assign(&mut self, skip: bool) -> R<i64> {
        if let T::Name(name) = self.tok.clone() {
            // Look ahead for an assignment operator without consuming.
            let save = (self.pos, self.tok.clone(), self.tok_start, self.prev_start);
            self.advance()?;
            let op = match &self.tok {
                T::Op(o) if o.ends_with('=') && !matches!(*o, "==" | "!=" | "<=" | ">=") => {
                    Some(*o)
                }
                _ => None,
            };
            if let Some(op) = op {
                self.advance()?;
                let rhs = self.assign(skip)?;
                let cur = if op == "=" { 0 } else { self.var(&name)? };
                let at = self.prev_start;
                let v = match op {
                    "=" => rhs,
                    _ => binop(&op[..op.len() - 1], cur, rhs).map_err(|m| (m, at))?,
                };
                if !skip {
                    self.vars.set_var(&name, v);
                }
                return Ok(v);
            }
            (self.pos, self.tok, self.tok_start, self.prev_start) = save;
        }
        self.ternary(skip)
    }

    fn ternary(&mut self, skip: bool) -> R<i64> {
        let c = self.binary(0, skip)?;
        if !self.is_op("?") {
            return Ok(c);
        }
        self.advance()?;
        let a = self.assign(skip || c == 0)?;
        if !self.is_op(":") {
            return Err((
                "`:' expected for conditional expression".to_string(),
                self.prev_start,
            ));
        }
        self.advance()?;
        let b = self.assign(skip || c != 0)?;
        Ok(if c != 0 { a } else { b })
    }

    fn binary(&mut self, level: usize, skip: bool) -> R<i64> {
        const LEVELS: [&[&str]; 10] = [
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.power(skip);
        }
        let mut v = self.binary(level + 1, skip)?;
        loop {
            let op = match &self.tok {
                T::Op(o) if LEVELS[level].contains(o) => *o,
                _ => return Ok(v),
            };
            self.advance()?;
            let rhs_start = self.tok_start;
            let short = (op == "&&" && v == 0) || (op == "||" && v != 0);
            let rhs = self.binary(level + 1, skip || short)?;
            v = if skip || short {
                match op {
                    "&&" => 0,
                    "||" => 1,
                    _ => 0,
                }
            } else {
                binop(op, v, rhs).map_err(|m| (m, rhs_start))?
            };
        }
    }

    fn power(&mut self, skip: bool) -> R<i64> {
        let base = self.unary(skip)?;
        if self.is_op("**") {
            self.advance()?;
            let at = self.tok_start;
            let e = self.power(skip)?;
            if skip {
                return Ok(0);
            }
            return binop("**", base, e).map_err(|m| (m, at));
        }
        Ok(base)
    }

    fn unary(&mut self, skip: bool) -> R<i64> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(("expression recursion level exceeded".into(), self.tok_start));
        }
        let r = self.unary_inner(skip);
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self, skip: bool) -> R<i64> {
        match self.tok.clone() {
            T::Op(o @ ("++" | "--")) => {
                self.advance()?;
                if let T::Name(n) = self.tok.clone() {
                    self.advance()?;
                    let v = self.var(&n)? + if o == "++" { 1 } else { -1 };
                    if !skip {
                        self.vars.set_var(&n, v);
                    }
                    return Ok(v);
                }
                let v = self.unary(skip)?;
                Ok(v)
            }
            T::Op("-") => {
                self.advance()?;
                Ok(self.unary(skip)?.wrapping_neg())
            }
            T::Op("+") => {
                self.advance()?;
                self.unary(skip)
            }
            T::Op("!") => {
                self.advance()?;
                Ok((self.unary(skip)? == 0) as i64)
            }
            T::Op("~") => {
                self.advance()?;
                Ok(!self.unary(skip)?)
            }
            _ => self.postfix(skip),
        }
    }

    fn postfix(&mut self, skip: bool) -> R<i64> {
        match self.tok.clone() {
            T::Num(n) => {
                self.advance()?;
                Ok(n)
            }
            T::Name(n) => {
                self.advance()?;
                let v = self.var(&n)?;
                if let T::Op(o @ ("++" | "--")) = self.tok {
                    self.advance()?;
                    if !skip {
                        self.vars.set_var(&n, v + if o == "++" { 1 } else { -1 });
                    }
                }
                Ok(v)
            }
            T::Op("(") => {
                self.advance()?;
                let v = self.comma(skip)?;
                if !self.is_op(")") {
                    return Err((
                        "missing `)'".to_string(),
                        if self.tok == T::Eof {
                            self.prev_start
                        } else {
                            self.tok_start
                        },
                    ));
                }
                self.advance()?;
                Ok(v)
            }
            T::Eof => Err((
                "syntax error: operand expected".to_string(),
                self.prev_start,
            )),
            _ => Err(("syntax error: operand expected".to_string(), self.tok_start)),
        }
    }

    fn var(&mut self, name: &str) -> R<i64> {
        let v = self.vars.get_var(name).unwrap_or_default();
        let t = v.trim();
        if t.is_empty() {
            return Ok(0);
        }
        if let Some(n) = parse_num(t) {
            return Ok(n);
        }
        if self.depth > 50 {
            return Err(("expression recursion level exceeded".into(), usize::MAX));
        }
        eval_depth(t, self.vars, self.depth + 10).map_err(|m| (m, usize::MAX))
    }
}

fn parse_num(t: &str) -> Option<i64> {
    if let Some((base, digits)) = t.split_once('#') {
        let b: u32 = base.parse().ok()?;
        if !(2..=64).contains(&b) {
            return None;
        }
        let mut v: i64 = 0;
        for c in digits.chars() {
            let d = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'a'..='z' => c as u32 - 'a' as u32 + 10,
                'A'..='Z' => c as u32 - 'A' as u32 + if b <= 36 { 10 } else { 36 },
                '@' => 62,
                '_' => 63,
                _ => return None,
            };
            if d >= b {
                return None;
            }
            v = v.wrapping_mul(b as i64).wrapping_add(d as i64);
        }
        return Some(v);
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u64::from_str_radix(h, 16).ok().map(|v| v as i64);
    }
    if t.len() > 1 && t.starts_with('0') {
        return u64::from_str_radix(&t[1..], 8).ok().map(|v| v as i64);
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return Some(t.parse::<u64>().map(|v| v as i64).unwrap_or(-1));
    }
    None
}

fn binop(op: &str, a: i64, b: i64) -> Result<i64, String> {
    Ok(match op {
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        "/" | "%" if b == 0 => return Err("division by 0".into()),
        "/" => a.wrapping_div(b),
        "%" => a.wrapping_rem(b),
        "**" => {
            if b < 0 {
                return Err("exponent less than 0".into());
            }
            let mut r: i64 = 1;
            for _ in 0..b.min(64) {
                r = r.wrapping_mul(a);
            }
            if b > 64 && a.abs() > 1 {
                0
            } else if b > 64 {
                a.pow((b % 2) as u32)
            } else {
                r
            }
        }
        "<<" => a.wrapping_shl(b as u32),
        ">>" => a.wrapping_shr(b as u32),
        "&" => a & b,
        "|" => a | b,
        "^" => a ^ b,
        "<" => (a < b) as i64,
        ">" => (a > b) as i64,
        "<=" => (a <= b) as i64,
        ">=" => (a >= b) as i64,
        "==" => (a == b) as i64,
        "!=" => (a != b) as i64,
        "&&" => (a != 0 && b != 0) as i64,
        "||" => (a != 0 || b != 0) as i64,
        _ => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct M(BTreeMap<String, String>);
    impl Vars for M {
        fn get_var(&self, n: &str) -> Option<String> {
            self.0.get(n).cloned()
        }
        fn set_var(&mut self, n: &str, v: i64) {
            self.0.insert(n.into(), v.to_string());
        }
    }

    fn ev(s: &str) -> Result<i64, String> {
        let mut m = M(BTreeMap::new());
        m.0.insert("x".into(), "3+4".into());
        eval(s, &mut m)
    }

    #[test]
    fn arithmetic() {
        assert_eq!(ev("1 + 2 * 3"), Ok(7));
        assert_eq!(ev("x*2"), Ok(14));
        assert_eq!(ev("2**10"), Ok(1024));
        assert_eq!(ev("7 / 2 * 3"), Ok(9));
        assert_eq!(ev("1 ? 2 : 3"), Ok(2));
        assert_eq!(ev("0x10 + 010"), Ok(24));
        assert_eq!(ev("y = 5, y + 1"), Ok(6));
        assert_eq!(ev("-3 % 2"), Ok(-1));
        assert_eq!(
            ev("1/0"),
            Err("1/0: division by 0 (error token is \"0\")".into())
        );
        assert_eq!(
            ev("1 +"),
            Err("1 +: syntax error: operand expected (error token is \"+\")".into())
        );
        assert_eq!(
            ev("a b"),
            Err("a b: syntax error in expression (error token is \"b\")".into())
        );
        assert_eq!(
            ev("2 $ 3"),
            Err("2 $ 3: syntax error: invalid arithmetic operator (error token is \"$ 3\")".into())
        );
    }
}
