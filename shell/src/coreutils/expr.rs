//! GNU expr: each argument a token; `|` and `&`, comparisons, `+ -`,
//! `* / %`, `STRING : REGEX`, and `length`, `substr`, `index`, `match`.
//! Exit 0 when the value is neither empty nor 0, 1 when it is, 2 on a
//! usage error.

use super::Ctx;

#[derive(Clone, Debug)]
enum V {
    Int(i128),
    Str(String),
}

impl V {
    fn text(&self) -> String {
        match self {
            V::Int(n) => n.to_string(),
            V::Str(s) => s.clone(),
        }
    }
    fn int(&self) -> Option<i128> {
        match self {
            V::Int(n) => Some(*n),
            V::Str(s) => s.trim().parse().ok().filter(|_| !s.trim().is_empty()),
        }
    }
    fn null(&self) -> bool {
        match self {
            V::Int(n) => *n == 0,
            V::Str(s) => s.is_empty() || s.parse::<i128>() == Ok(0) && !s.starts_with('+'),
        }
    }
}

struct P<'a> {
    t: &'a [String],
    i: usize,
}

type R = Result<V, String>;

impl P<'_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }

    fn after(&mut self, op: &str) -> Result<(), String> {
        if self.i >= self.t.len() {
            return Err(format!("syntax error: missing argument after ‘{op}’"));
        }
        Ok(())
    }

    fn or(&mut self) -> R {
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            self.after("|")?;
            let r = self.and()?;
            l = if l.null() {
                if r.null() {
                    V::Int(0)
                } else {
                    r
                }
            } else {
                l
            };
        }
        Ok(l)
    }

    fn and(&mut self) -> R {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            self.after("&")?;
            let r = self.cmp()?;
            l = if l.null() || r.null() { V::Int(0) } else { l };
        }
        Ok(l)
    }

    fn cmp(&mut self) -> R {
        let mut l = self.add()?;
        while let Some(op @ ("=" | "==" | "!=" | "<" | "<=" | ">" | ">=")) = self.peek() {
            let op = op.to_string();
            self.i += 1;
            self.after(&op)?;
            let r = self.add()?;
            let ord = match (l.int(), r.int()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => l.text().cmp(&r.text()),
            };
            use std::cmp::Ordering::*;
            let yes = match op.as_str() {
                "=" | "==" => ord == Equal,
                "!=" => ord != Equal,
                "<" => ord == Less,
                "<=" => ord != Greater,
                ">" => ord == Greater,
                _ => ord != Less,
            };
            l = V::Int(i128::from(yes));
        }
        Ok(l)
    }

    fn arith(&mut self, ops: &[&str], next: fn(&mut Self) -> R) -> R {
        let mut l = next(self)?;
        while let Some(op) = self.peek().filter(|o| ops.contains(o)) {
            let op = op.to_string();
            self.i += 1;
            self.after(&op)?;
            let r = next(self)?;
            let (Some(a), Some(b)) = (l.int(), r.int()) else {
                return Err("non-integer argument".into());
            };
            l = V::Int(match op.as_str() {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                _ if b == 0 => return Err("division by zero".into()),
                "/" => a / b,
                _ => a % b,
            });
        }
        Ok(l)
    }

    fn add(&mut self) -> R {
        self.arith(&["+", "-"], Self::mul)
    }

    fn mul(&mut self) -> R {
        self.arith(&["*", "/", "%"], Self::colon)
    }

    fn colon(&mut self) -> R {
        let mut l = self.primary()?;
        while self.peek() == Some(":") {
            self.i += 1;
            self.after(":")?;
            let r = self.primary()?;
            l = matches(&l.text(), &r.text())?;
        }
        Ok(l)
    }

    fn word(&mut self, op: &str) -> Result<String, String> {
        let w = self
            .t
            .get(self.i)
            .cloned()
            .ok_or_else(|| format!("syntax error: missing argument after ‘{op}’"))?;
        self.i += 1;
        Ok(w)
    }

    fn primary(&mut self) -> R {
        let Some(tok) = self.peek().map(str::to_string) else {
            return Err("syntax error: missing argument".into());
        };
        self.i += 1;
        match tok.as_str() {
            "(" => {
                let v = self.or()?;
                if self.peek() != Some(")") {
                    return Err("syntax error: expecting ‘)’".into());
                }
                self.i += 1;
                Ok(v)
            }
            "length" => Ok(V::Int(self.word("length")?.chars().count() as i128)),
            "substr" => {
                let s = self.word("substr")?;
                let (pos, len) = (self.word("substr")?, self.word("substr")?);
                let (Ok(pos), Ok(len)) = (pos.parse::<i128>(), len.parse::<i128>()) else {
                    return Ok(V::Str(String::new()));
                };
                if pos < 1 || len < 1 {
                    return Ok(V::Str(String::new()));
                }
                Ok(V::Str(
                    s.chars()
                        .skip(pos as usize - 1)
                        .take(len as usize)
                        .collect(),
                ))
            }
            "index" => {
                let s = self.word("index")?;
                let chars = self.word("index")?;
                let at = s
                    .chars()
                    .position(|c| chars.contains(c))
                    .map_or(0, |p| p + 1);
                Ok(V::Int(at as i128))
            }
            "match" => {
                let s = self.word("match")?;
                let re = self.word("match")?;
                matches(&s, &re)
            }
            "+" => Ok(V::Str(self.word("+")?)),
            _ => Ok(V::Str(tok)),
        }
    }
}

/// `STRING : REGEX`: a basic regex anchored at the start; the first
/// group's text if it has one, else the length matched.
fn matches(s: &str, re: &str) -> R {
    let anchored = format!("^{}", re.strip_prefix('^').unwrap_or(re));
    let rx = crate::regex::Regex::new(&anchored, false, false)
        .map_err(|_| "Invalid regular expression".to_string())?;
    let cs: Vec<char> = s.chars().collect();
    let text = |span: Option<(usize, usize)>| -> String {
        span.map(|(a, b)| cs[a..b].iter().collect())
            .unwrap_or_default()
    };
    let has_group = re.contains("\\(");
    Ok(
        match rx
            .find_at(&cs, 0)
            .filter(|c| c[0].is_some_and(|(a, _)| a == 0))
        {
            Some(caps) if has_group => V::Str(text(caps.get(1).copied().flatten())),
            Some(caps) => V::Int(caps[0].map_or(0, |(a, b)| b - a) as i128),
            None if has_group => V::Str(String::new()),
            None => V::Int(0),
        },
    )
}

pub fn expr(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let args = &argv[1..];
    if args.is_empty() {
        ctx.err("expr: missing operand\nTry 'expr --help' for more information.\n");
        return 2;
    }
    let mut p = P { t: args, i: 0 };
    let v = match p.or() {
        Ok(v) => v,
        Err(e) => {
            ctx.err(&format!("expr: {e}\n"));
            return 2;
        }
    };
    if let Some(extra) = p.peek() {
        ctx.err(&format!(
            "expr: syntax error: unexpected argument ‘{extra}’\n"
        ));
        return 2;
    }
    ctx.out(&format!("{}\n", v.text()));
    i32::from(v.null())
}
