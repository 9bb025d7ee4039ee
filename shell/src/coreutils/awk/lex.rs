//! awk's lexer: source text to tokens. A `/` starts a regex literal
//! unless an operand precedes it (then it divides).

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Re(String),
    Name(String),
    Func(String),
    /// A name written right against `(`: a call of a user function.
    Call(String),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: [&str; 19] = [
    "BEGIN", "END", "if", "else", "while", "for", "do", "break", "continue", "next", "exit",
    "delete", "in", "print", "printf", "function", "getline", "return", "nextfile",
];
pub const BUILTIN_FUNCS: [&str; 24] = [
    "length", "substr", "index", "split", "sub", "gsub", "toupper", "tolower", "sprintf", "int",
    "match", "sqrt", "system", "rand", "srand", "close", "fflush", "strftime", "systime", "exp",
    "log", "sin", "cos", "atan2",
];
const OPS: [&str; 35] = [
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~",
    "+", "-", "*", "/", "%", "^", "<", ">", "!", "~", "?", ":", "=", "(", ")", "{", "}", ",", "|",
];

pub fn lex(src: &str) -> Result<Vec<Tok>, String> {
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
            } else if cs.get(i) == Some(&'(') {
                out.push(Tok::Call(w));
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
                            'b' => '\x08',
                            'f' => '\x0c',
                            'v' => '\x0b',
                            '0'..='7' => {
                                // Up to three octal digits.
                                let mut v = e.to_digit(8).unwrap_or(0);
                                for _ in 0..2 {
                                    match cs.get(i).and_then(|d| d.to_digit(8)) {
                                        Some(d) => {
                                            v = v * 8 + d;
                                            i += 1;
                                        }
                                        None => break,
                                    }
                                }
                                char::from_u32(v).unwrap_or('\0')
                            }
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
