//! awk values and their conversions: numbers print as integers when
//! whole, else `%.6g` (mawk's CONVFMT/OFMT); printf formatting.

#[derive(Clone, Debug)]
pub enum Val {
    Num(f64),
    Str(String),
    /// Input-derived text that compares as a number if it looks like one.
    StrNum(String),
}

pub fn fmt_num(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        fmt_g(n, 6)
    }
}

pub fn fmt_g(v: f64, prec: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return if v.is_nan() {
            if v.is_sign_negative() { "-nan" } else { "nan" }.into()
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

pub fn looks_numeric(s: &str) -> Option<f64> {
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

pub fn str_to_num(s: &str) -> f64 {
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
    pub fn num(&self) -> f64 {
        match self {
            Val::Num(n) => *n,
            Val::Str(s) | Val::StrNum(s) => str_to_num(s),
        }
    }
    pub fn string(&self) -> String {
        match self {
            Val::Num(n) => fmt_num(*n),
            Val::Str(s) | Val::StrNum(s) => s.clone(),
        }
    }
    pub fn truthy(&self) -> bool {
        match self {
            Val::Num(n) => *n != 0.0,
            Val::Str(s) => !s.is_empty(),
            Val::StrNum(s) => match looks_numeric(s) {
                Some(n) => n != 0.0,
                None => !s.is_empty(),
            },
        }
    }
    pub fn numeric_for_cmp(&self) -> Option<f64> {
        match self {
            Val::Num(n) => Some(*n),
            Val::StrNum(s) => looks_numeric(s),
            Val::Str(_) => None,
        }
    }
}

/// printf-style formatting with awk values (first one is the format).
/// Too few arguments is mawk's run-time error: `Err` holds the text
/// formatted before the conversion that had none.
pub fn sprintf(vals: &[Val]) -> Result<String, String> {
    let Some(fmt) = vals.first() else {
        return Ok(String::new());
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
        let Some(v) = vals.get(ai).cloned() else {
            return Err(out);
        };
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
            // A number is a byte (mawk keeps the low 8 bits); a string
            // gives its first character, or a NUL when empty.
            'c' => match v {
                Val::Num(n) => char::from((n as i64 & 0xff) as u8).to_string(),
                other => other.string().chars().next().unwrap_or('\0').to_string(),
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
        // Widths count bytes, as mawk's do.
        let n = body.len();
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
    Ok(out)
}
