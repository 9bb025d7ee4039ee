//! Conditions: the `test` / `[` builtin and the `[[ ... ]]` command.

use crate::ast::CondTok;
use crate::exec::Exec;

/// A file test or string test taking one operand.
fn unary(ex: &Exec, op: &str, arg: &str) -> Option<bool> {
    let path = ex.resolve(arg);
    let node = if arg.is_empty() {
        None
    } else {
        ex.sh.vfs.stat(&path)
    };
    Some(match op {
        "-z" => arg.is_empty(),
        "-n" => !arg.is_empty(),
        "-e" | "-a" => node.is_some(),
        "-f" => node.is_some_and(|n| matches!(n.kind, crate::vfs::Kind::File(_))),
        "-d" => node.is_some_and(|n| n.is_dir()),
        "-s" => node.is_some_and(|n| n.size() > 0),
        "-r" | "-w" => node.is_some(),
        "-x" => node.is_some_and(|n| n.mode & 0o111 != 0),
        "-c" => node.is_some_and(|n| n.is_char_device()),
        // The name itself, not what it points at.
        "-L" | "-h" => !arg.is_empty() && ex.sh.vfs.lstat(&path).is_some_and(|n| n.is_symlink()),
        "-b" | "-p" | "-S" | "-t" | "-g" | "-u" | "-k" | "-N" => false,
        "-O" | "-G" => node.is_some(),
        "-v" => ex.lookup_param(arg).is_some(),
        _ => return None,
    })
}

fn is_binary(op: &str) -> bool {
    matches!(
        op,
        "=" | "=="
            | "!="
            | "<"
            | ">"
            | "-eq"
            | "-ne"
            | "-lt"
            | "-le"
            | "-gt"
            | "-ge"
            | "-nt"
            | "-ot"
            | "-ef"
    )
}

fn int(s: &str) -> Result<i64, String> {
    let t = s.trim();
    t.parse::<i64>()
        .map_err(|_| format!("{}: integer expression expected", s))
}

fn binary(ex: &Exec, a: &str, op: &str, b: &str) -> Result<bool, String> {
    Ok(match op {
        "=" | "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "-eq" => int(a)? == int(b)?,
        "-ne" => int(a)? != int(b)?,
        "-lt" => int(a)? < int(b)?,
        "-le" => int(a)? <= int(b)?,
        "-gt" => int(a)? > int(b)?,
        "-ge" => int(a)? >= int(b)?,
        "-nt" | "-ot" => {
            let ma = ex.sh.vfs.stat(&ex.resolve(a)).map(|n| n.mtime);
            let mb = ex.sh.vfs.stat(&ex.resolve(b)).map(|n| n.mtime);
            match (ma, mb) {
                (Some(x), Some(y)) => {
                    if op == "-nt" {
                        x > y
                    } else {
                        x < y
                    }
                }
                (Some(_), None) => op == "-nt",
                (None, Some(_)) => op == "-ot",
                _ => false,
            }
        }
        // One file: through links, or two hard links' names.
        "-ef" => {
            let id = |p: &str| ex.sh.vfs.file_id(&ex.resolve(p), true);
            id(a).is_some() && id(a) == id(b)
        }
        _ => return Err(format!("{}: binary operator expected", op)),
    })
}

struct TestParser<'a, 'b> {
    ex: &'a Exec<'b>,
    args: &'a [String],
    i: usize,
}

impl TestParser<'_, '_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.i).map(|s| s.as_str())
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self.peek() == Some("-o") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self.peek() == Some("-a") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, String> {
        if self.peek() == Some("!") {
            self.i += 1;
            return Ok(!self.not()?);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<bool, String> {
        let a = match self.peek() {
            None => return Err("argument expected".into()),
            Some(a) => a.to_string(),
        };
        if a == "(" {
            self.i += 1;
            let v = self.or()?;
            if self.peek() != Some(")") {
                return Err("`)' expected".into());
            }
            self.i += 1;
            return Ok(v);
        }
        if let Some(op) = self.args.get(self.i + 1) {
            if is_binary(op) {
                let b = match self.args.get(self.i + 2) {
                    Some(b) => b.clone(),
                    None => return Err(format!("{}: unary operator expected", a)),
                };
                self.i += 3;
                return binary(self.ex, &a, op, &b);
            }
        }
        if a.starts_with('-') && a.len() == 2 {
            if let Some(arg) = self.args.get(self.i + 1) {
                if let Some(v) = unary(self.ex, &a, arg) {
                    self.i += 2;
                    return Ok(v);
                }
            }
        }
        self.i += 1;
        Ok(!a.is_empty())
    }
}

/// Evaluates `test` arguments with POSIX's rules for up to four.
pub fn eval_test(ex: &Exec, args: &[String]) -> Result<bool, String> {
    let n = args.len();
    match n {
        0 => return Ok(false),
        1 => return Ok(!args[0].is_empty()),
        2 => {
            if args[0] == "!" {
                return Ok(args[1].is_empty());
            }
            return match unary(ex, &args[0], &args[1]) {
                Some(v) => Ok(v),
                None => Err(format!("{}: unary operator expected", args[0])),
            };
        }
        3 => {
            if is_binary(&args[1]) {
                return binary(ex, &args[0], &args[1], &args[2]);
            }
            if args[1] == "-a" || args[1] == "-o" {
                let (a, b) = (!args[0].is_empty(), !args[2].is_empty());
                return Ok(if args[1] == "-a" { a && b } else { a || b });
            }
            if args[0] == "!" {
                return eval_test(ex, &args[1..]).map(|v| !v);
            }
            if args[0] == "(" && args[2] == ")" {
                return Ok(!args[1].is_empty());
            }
            return Err(format!("{}: binary operator expected", args[1]));
        }
        4 => {
            if args[0] == "!" {
                return eval_test(ex, &args[1..]).map(|v| !v);
            }
            if args[0] == "(" && args[3] == ")" {
                return eval_test(ex, &args[1..3]);
            }
        }
        _ => {}
    }
    let mut p = TestParser { ex, args, i: 0 };
    let v = p.or()?;
    if p.i < n {
        return Err("too many arguments".into());
    }
    Ok(v)
}

pub fn test_builtin(ex: &mut Exec, argv: &[String]) -> i32 {
    let name = argv[0].as_str();
    let mut args = &argv[1..];
    if name == "[" {
        if args.last().map(|s| s.as_str()) != Some("]") {
            ex.err("bash: [: missing `]'\n");
            return 2;
        }
        args = &args[..args.len() - 1];
    }
    match eval_test(ex, args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            ex.err(&format!("bash: {}: {}\n", name, e));
            2
        }
    }
}

/// Evaluates `[[ ... ]]`. Err("") means a syntax error already reported.
pub fn eval_cond(ex: &mut Exec, toks: &[CondTok]) -> Result<bool, String> {
    let mut p = CondParser { toks, i: 0 };
    let v = p.or(ex)?;
    if p.i < toks.len() {
        return Err("syntax error in conditional expression".into());
    }
    Ok(v)
}

struct CondParser<'a> {
    toks: &'a [CondTok],
    i: usize,
}

impl CondParser<'_> {
    fn is_op(&self, op: &str) -> bool {
        matches!(self.toks.get(self.i), Some(CondTok::Op(o)) if o == op)
    }

    fn or(&mut self, ex: &mut Exec) -> Result<bool, String> {
        let mut v = self.and(ex)?;
        while self.is_op("||") {
            self.i += 1;
            if v {
                self.skip_and(ex)?;
            } else {
                v = self.and(ex)?;
            }
        }
        Ok(v)
    }

    fn skip_and(&mut self, ex: &mut Exec) -> Result<(), String> {
        // Evaluation with side effects is rare in [[ ]]: just evaluate.
        self.and(ex).map(|_| ())
    }

    fn and(&mut self, ex: &mut Exec) -> Result<bool, String> {
        let mut v = self.not(ex)?;
        while self.is_op("&&") {
            self.i += 1;
            let r = self.not(ex)?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self, ex: &mut Exec) -> Result<bool, String> {
        if self.is_op("!") {
            self.i += 1;
            return Ok(!self.not(ex)?);
        }
        if self.is_op("(") {
            self.i += 1;
            let v = self.or(ex)?;
            if !self.is_op(")") {
                return Err("syntax error in conditional expression".into());
            }
            self.i += 1;
            return Ok(v);
        }
        self.primary(ex)
    }

    fn word(&mut self, ex: &mut Exec) -> Result<Option<String>, String> {
        match self.toks.get(self.i) {
            Some(CondTok::Word(w)) => {
                self.i += 1;
                Ok(Some(ex.expand_string(w)?))
            }
            _ => Ok(None),
        }
    }

    fn primary(&mut self, ex: &mut Exec) -> Result<bool, String> {
        let first = match self.toks.get(self.i) {
            Some(CondTok::Word(w)) => w.clone(),
            _ => return Err("syntax error in conditional expression".into()),
        };
        let plain = first.as_plain().map(|s| s.to_string());
        // Unary operator?
        if let Some(op) = plain.as_deref() {
            if op.starts_with('-') && op.len() == 2 {
                if let Some(CondTok::Word(_)) = self.toks.get(self.i + 1) {
                    let next_is_binop = matches!(self.toks.get(self.i + 2),
                        Some(CondTok::Word(w)) if w.as_plain().is_some_and(is_cond_binop));
                    if !next_is_binop && unary(ex, op, "").is_some() {
                        self.i += 1;
                        let arg = self.word(ex)?.unwrap_or_default();
                        return Ok(unary(ex, op, &arg).unwrap_or(false));
                    }
                }
            }
        }
        let left = self.word(ex)?.unwrap_or_default();
        let op = match self.toks.get(self.i) {
            Some(CondTok::Word(w)) if w.as_plain().is_some_and(is_cond_binop) => {
                w.as_plain().unwrap_or("").to_string()
            }
            Some(CondTok::Op(o)) if o == "<" || o == ">" => o.clone(),
            _ => return Ok(!left.is_empty()),
        };
        self.i += 1;
        let right_tok = self.toks.get(self.i).cloned();
        self.i += 1;
        match op.as_str() {
            "==" | "=" | "!=" => {
                let pat = match right_tok {
                    Some(CondTok::Word(w)) => ex.expand_pattern(&w)?,
                    _ => return Err("syntax error in conditional expression".into()),
                };
                let m = crate::glob::matches(&pat, &left);
                Ok(if op == "!=" { !m } else { m })
            }
            "=~" => {
                let re = match right_tok {
                    Some(CondTok::Regex(w)) | Some(CondTok::Word(w)) => ex.expand_string(&w)?,
                    _ => return Err("syntax error in conditional expression".into()),
                };
                let Ok(r) = crate::regex::Regex::new(&re, true, false) else {
                    return Ok(false);
                };
                // BASH_REMATCH: the match, then each group ("" unmatched).
                let cs: Vec<char> = left.chars().collect();
                let groups: Vec<String> = r
                    .find_at(&cs, 0)
                    .map(|caps| {
                        caps.iter()
                            .map(|g| {
                                g.map(|(a, b)| cs[a..b].iter().collect())
                                    .unwrap_or_default()
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let hit = !groups.is_empty();
                ex.set_array("BASH_REMATCH", groups, false);
                Ok(hit)
            }
            _ => {
                let right = match right_tok {
                    Some(CondTok::Word(w)) => ex.expand_string(&w)?,
                    _ => return Err("syntax error in conditional expression".into()),
                };
                if op.starts_with('-') && !matches!(op.as_str(), "-nt" | "-ot" | "-ef") {
                    let a = crate::arith::eval(&left, ex)?;
                    let b = crate::arith::eval(&right, ex)?;
                    return binary(ex, &a.to_string(), &op, &b.to_string());
                }
                binary(ex, &left, &op, &right)
            }
        }
    }
}

fn is_cond_binop(s: &str) -> bool {
    is_binary(s) || s == "=~"
}
