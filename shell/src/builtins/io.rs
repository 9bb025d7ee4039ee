//! Builtins that read and write text: echo, printf, read.

use crate::exec::Exec;

/// Expands echo -e / printf %b escapes. Returns (text, stop) where stop
/// means `\c` was seen and output ends there.
pub fn escapes(s: &str, printf_style: bool) -> (String, bool) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c != '\\' || i + 1 >= cs.len() {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let e = cs[i];
        i += 1;
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'c' => return (out, true),
            'e' | 'E' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '"' if printf_style => out.push('"'),
            '\'' if printf_style => out.push('\''),
            '0'..='7' => {
                // echo wants \0NNN; printf takes \NNN.
                let (mut v, mut n) = (0u32, 0);
                let mut j = i - 1;
                if e == '0' && !printf_style {
                    j = i;
                } else if e != '0' && !printf_style {
                    out.push('\\');
                    out.push(e);
                    continue;
                }
                while n < 3 && j < cs.len() && cs[j].is_digit(8) {
                    v = v * 8 + cs[j].to_digit(8).unwrap_or(0);
                    j += 1;
                    n += 1;
                }
                i = j;
                out.push(char::from_u32(v & 0xff).unwrap_or('?'));
            }
            'x' => {
                let (mut v, mut n) = (0u32, 0);
                while n < 2 && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
            }
            'u' | 'U' => {
                let max = if e == 'u' { 4 } else { 8 };
                let (mut v, mut n) = (0u32, 0);
                while n < max && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v.wrapping_mul(16) + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push('\\');
                    out.push(e);
                } else {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

pub fn echo(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut newline = true;
    let mut interpret = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a.len() < 2 || !a.starts_with('-') || !a[1..].chars().all(|c| "neE".contains(c)) {
            break;
        }
        for c in a[1..].chars() {
            match c {
                'n' => newline = false,
                'e' => interpret = true,
                _ => interpret = false,
            }
        }
        i += 1;
    }
    let mut text = argv[i..].join(" ");
    if interpret {
        let (t, stop) = escapes(&text, false);
        text = t;
        if stop {
            ex.out(&text);
            return 0;
        }
    }
    if newline {
        text.push('\n');
    }
    ex.out(&text);
    0
}

/// Shell-quotes like `printf %q`.
pub fn shell_quote(s: &str) -> String {
    if s.is_empty() {
        return "''".into();
    }
    if s.chars().any(|c| c.is_control()) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\x1b' => out.push_str("\\E"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\{:03o}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if " \t!\"#$&'()*,;<>?[\\]^`{|}".contains(c) || (i == 0 && (c == '~' || c == '=')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn parse_int(s: &str) -> Result<i64, (i64, String)> {
    let t = s.trim_start();
    if let Some(rest) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return Ok(rest.chars().next().map(|c| c as i64).unwrap_or(0));
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    let valid: String = digits.chars().take_while(|c| c.is_digit(radix)).collect();
    let v = i64::from_str_radix(&valid, radix).unwrap_or(0);
    let v = if neg { -v } else { v };
    if valid.len() == digits.len() && !digits.is_empty() {
        Ok(v)
    } else if s.trim().is_empty() {
        Ok(0)
    } else {
        Err((v, s.to_string()))
    }
}

fn c_exp(v: f64, prec: usize, upper: bool) -> String {
    if !v.is_finite() {
        return format!("{}", v);
    }
    let s = format!("{:.*e}", prec, v);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let r = format!("{}e{}{:02}", mant, if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

fn c_general(v: f64, prec: usize, alt: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if v == 0.0 {
        return "0".into();
    }
    let exp = v.abs().log10().floor() as i32;
    let s = if exp < -4 || exp >= p as i32 {
        c_exp(v, p - 1, false)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v)
    };
    if alt {
        return s;
    }
    // Drop trailing zeros of the fraction.
    match s.split_once('e') {
        Some((m, e)) if m.contains('.') => {
            format!("{}e{}", m.trim_end_matches('0').trim_end_matches('.'), e)
        }
        None if s.contains('.') => s.trim_end_matches('0').trim_end_matches('.').to_string(),
        _ => s,
    }
}

fn pad(s: String, width: usize, left: bool, zero: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s;
    }
    let fill = width - n;
    if left {
        format!("{}{}", s, " ".repeat(fill))
    } else if zero {
        let (sign, rest) = if s.starts_with('-') || s.starts_with('+') {
            s.split_at(1)
        } else {
            ("", s.as_str())
        };
        format!("{}{}{}", sign, "0".repeat(fill), rest)
    } else {
        format!("{}{}", " ".repeat(fill), s)
    }
}

/// Formats one pass of `fmt`; returns (text, args used, stop at \c).
fn format_once(
    ex: &mut Exec,
    fmt: &[char],
    args: &[String],
    used: &mut usize,
    status: &mut i32,
) -> (String, bool) {
    let mut out = String::new();
    let mut i = 0;
    let next_arg = |used: &mut usize| -> Option<String> {
        let a = args.get(*used).cloned();
        if a.is_some() {
            *used += 1;
        }
        a
    };
    while i < fmt.len() {
        let c = fmt[i];
        if c == '\\' {
            let mut j = i + 1;
            // Find the extent of this escape and reuse the shared decoder.
            if j < fmt.len() {
                let e = fmt[j];
                j += 1;
                let max = match e {
                    '0'..='7' => 2,
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let mut n = 0;
                while n < max
                    && j < fmt.len()
                    && (if e == 'x' || e == 'u' || e == 'U' {
                        fmt[j].is_ascii_hexdigit()
                    } else {
                        fmt[j].is_digit(8)
                    })
                {
                    j += 1;
                    n += 1;
                }
            }
            let piece: String = fmt[i..j].iter().collect();
            if piece == "\\c" {
                // Only %b arguments honour \c; in the format it is literal.
                out.push_str("\\c");
                i = j;
                continue;
            }
            let (t, _) = escapes(&piece, true);
            out.push_str(&t);
            i = j;
            continue;
        }
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i < fmt.len() && fmt[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        let (mut left, mut zero, mut plus, mut space, mut alt) =
            (false, false, false, false, false);
        while i < fmt.len() && "-0+ #".contains(fmt[i]) {
            match fmt[i] {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' => space = true,
                _ => alt = true,
            }
            i += 1;
        }
        let mut width = 0usize;
        if i < fmt.len() && fmt[i] == '*' {
            let w = next_arg(used)
                .map(|a| parse_int(&a).unwrap_or(0))
                .unwrap_or(0);
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
            i += 1;
        }
        while i < fmt.len() && fmt[i].is_ascii_digit() {
            width = width.saturating_mul(10) + fmt[i].to_digit(10).unwrap_or(0) as usize;
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if i < fmt.len() && fmt[i] == '.' {
            i += 1;
            let mut p = 0usize;
            if i < fmt.len() && fmt[i] == '*' {
                p = next_arg(used)
                    .map(|a| parse_int(&a).unwrap_or(0).max(0) as usize)
                    .unwrap_or(0);
                i += 1;
            }
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                p = p.saturating_mul(10) + fmt[i].to_digit(10).unwrap_or(0) as usize;
                i += 1;
            }
            prec = Some(p);
        }
        // Length modifiers mean nothing here.
        while i < fmt.len() && "hlLjzt".contains(fmt[i]) {
            i += 1;
        }
        let width = width.min(10_000);
        let prec = prec.map(|p| p.min(10_000));
        let Some(&conv) = fmt.get(i) else {
            out.push('%');
            break;
        };
        // `%(FORMAT)T`: strftime of an epoch second (none or -1: now).
        if conv == '(' {
            let rest: String = fmt[i + 1..].iter().collect();
            if let Some(end) = rest.find(")T") {
                i += 1 + end + 2;
                let secs = match next_arg(used).as_deref() {
                    None | Some("-1") | Some("-2") => ex.sh.now.div_euclid(1000),
                    Some(a) => parse_int(a).unwrap_or_else(|(v, bad)| {
                        ex.err(&format!("bash: printf: {bad}: invalid number\n"));
                        *status = 1;
                        v
                    }),
                };
                let tf = if end == 0 { "%X" } else { &rest[..end] };
                let mut s = crate::timefmt::strftime(tf, secs.saturating_mul(1000));
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                out.push_str(&pad(s, width, left, false));
                continue;
            }
        }
        i += 1;
        let piece = match conv {
            's' | 'q' | 'b' | 'c' => {
                let a = next_arg(used).unwrap_or_default();
                let mut s = match conv {
                    'q' => shell_quote(&a),
                    'b' => {
                        let (t, stop) = escapes(&a, false);
                        if stop {
                            out.push_str(&pad(t, width, left, false));
                            return (out, true);
                        }
                        t
                    }
                    'c' => a.chars().next().map(String::from).unwrap_or_default(),
                    _ => a,
                };
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                pad(s, width, left, false)
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let a = next_arg(used).unwrap_or_default();
                let v = match parse_int(&a) {
                    Ok(v) => v,
                    Err((v, bad)) => {
                        ex.err(&format!("bash: printf: {}: invalid number\n", bad));
                        *status = 1;
                        v
                    }
                };
                let mut s = match conv {
                    'o' => format!("{}{:o}", if alt { "0" } else { "" }, v),
                    'x' => format!("{}{:x}", if alt && v != 0 { "0x" } else { "" }, v),
                    'X' => format!("{}{:X}", if alt && v != 0 { "0X" } else { "" }, v),
                    'u' => (v as u64).to_string(),
                    _ => v.unsigned_abs().to_string(),
                };
                if let Some(p) = prec {
                    while s.len() < p {
                        s.insert(0, '0');
                    }
                }
                if conv == 'd' || conv == 'i' {
                    if v < 0 {
                        s.insert(0, '-');
                    } else if plus {
                        s.insert(0, '+');
                    } else if space {
                        s.insert(0, ' ');
                    }
                }
                pad(s, width, left, zero && prec.is_none())
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let a = next_arg(used).unwrap_or_default();
                let v: f64 = match a.trim().parse() {
                    Ok(v) => v,
                    Err(_) if a.trim().is_empty() => 0.0,
                    Err(_) => {
                        ex.err(&format!("bash: printf: {}: invalid number\n", a));
                        *status = 1;
                        0.0
                    }
                };
                let p = prec.unwrap_or(6);
                let mut s = match conv {
                    'f' | 'F' => format!("{:.*}", p, v),
                    'e' | 'E' => c_exp(v, p, conv == 'E'),
                    _ => c_general(v, p, alt),
                };
                if v >= 0.0 && plus {
                    s.insert(0, '+');
                } else if v >= 0.0 && space {
                    s.insert(0, ' ');
                }
                pad(s, width, left, zero)
            }
            other => {
                ex.err(&format!(
                    "bash: printf: `{}': invalid format character\n",
                    other
                ));
                *status = 1;
                return (out, true);
            }
        };
        out.push_str(&piece);
    }
    (out, false)
}

pub fn printf(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut i = 1;
    let mut var = None;
    if argv.get(1).map(|s| s.as_str()) == Some("-v") {
        var = argv.get(2).cloned();
        i = 3;
    }
    if argv.get(i).map(|s| s.as_str()) == Some("--") {
        i += 1;
    }
    let Some(fmt) = argv.get(i) else {
        ex.err("printf: usage: printf [-v var] format [arguments]\n");
        return 2;
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let args = &argv[i + 1..];
    let mut used = 0;
    let mut status = 0;
    let mut out = String::new();
    loop {
        let before = used;
        let (s, stop) = format_once(ex, &fmt, args, &mut used, &mut status);
        out.push_str(&s);
        if stop || used >= args.len() || used == before || out.len() > ex.bytes_left() {
            break;
        }
    }
    match var {
        Some(v) => ex.set_var(&v, out),
        None => ex.out(&out),
    }
    status
}

/// Field splitting by IFS, as `read -a` does it: IFS whitespace around a
/// field is dropped and runs of it separate once; each other IFS
/// character ends a field (an empty one too), but a trailing one adds none.
fn split_fields(line: &str, ifs: &str) -> Vec<String> {
    let is_ws = |c: char| ifs.contains(c) && c.is_whitespace();
    let trimmed = line.trim_matches(is_ws);
    let mut fields = vec![];
    let mut cur = String::new();
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        if !ifs.contains(c) {
            cur.push(c);
            continue;
        }
        let mut hard = !c.is_whitespace();
        while let Some(&n) = chars.peek() {
            if is_ws(n) || (ifs.contains(n) && !hard) {
                hard |= !n.is_whitespace();
                chars.next();
            } else {
                break;
            }
        }
        fields.push(std::mem::take(&mut cur));
    }
    if !cur.is_empty() {
        fields.push(cur);
    }
    fields
}

/// `mapfile`/`readarray [-t] [-n COUNT] [-s SKIP] [ARRAY]`: stdin's lines
/// into an array (MAPFILE by default), their newlines kept unless -t.
pub fn mapfile(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut strip = false;
    let (mut count, mut skip) = (0usize, 0usize);
    let mut name = "MAPFILE".to_string();
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-t" => strip = true,
            "-n" | "-s" => {
                i += 1;
                let n = argv.get(i).and_then(|v| v.parse().ok()).unwrap_or(0);
                if a == "-n" {
                    count = n;
                } else {
                    skip = n;
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {
                ex.err(&format!("bash: {}: {s}: invalid option\n{}: usage: {} [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]\n", argv[0], argv[0], argv[0]));
                return 2;
            }
            s => name = s.to_string(),
        }
        i += 1;
    }
    let mut items = vec![];
    let mut seen = 0;
    while count == 0 || items.len() < count {
        let Some((line, nl)) = ex.read_line() else {
            break;
        };
        seen += 1;
        if seen <= skip {
            continue;
        }
        items.push(if strip || !nl {
            line
        } else {
            format!("{line}\n")
        });
    }
    ex.set_array(&name, items, false);
    0
}

pub fn read(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut raw = false;
    let mut names = Vec::new();
    let mut array: Option<String> = None;
    let mut nchars: Option<usize> = None;
    let mut delim = '\n';
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-r" => raw = true,
            "-s" | "-e" => {}
            // `-a NAME` (also clustered, `-ra NAME`): the fields go to an array.
            s if s.starts_with('-') && s.ends_with('a') && !s.starts_with("--") => {
                raw |= s.contains('r');
                i += 1;
                array = argv.get(i).cloned();
            }
            "-p" | "-t" | "-u" | "-i" => i += 1,
            "-n" | "-N" => {
                i += 1;
                nchars = argv.get(i).and_then(|s| s.parse().ok());
            }
            "-d" => {
                i += 1;
                delim = argv.get(i).and_then(|s| s.chars().next()).unwrap_or('\0');
            }
            s if s.starts_with('-') && s.len() > 1 => {
                if s.contains('r') {
                    raw = true;
                }
            }
            s => names.push(s.to_string()),
        }
        i += 1;
    }
    // Read the line (or up to the delimiter / N characters).
    let (mut line, complete) = if let Some(n) = nchars {
        let all = ex.take_stdin_peek();
        let taken: String = all.chars().take(n).collect();
        ex.consume_stdin(taken.len());
        (taken.clone(), !taken.is_empty())
    } else if delim != '\n' {
        let all = ex.take_stdin_peek();
        match all.find(delim) {
            Some(p) => {
                ex.consume_stdin(p + delim.len_utf8());
                (all[..p].to_string(), true)
            }
            None => {
                ex.consume_stdin(all.len());
                (all, false)
            }
        }
    } else {
        let mut acc = String::new();
        let mut done = false;
        let mut got_any = false;
        while let Some((l, nl)) = ex.read_line() {
            got_any = true;
            if !raw && l.ends_with('\\') && nl {
                acc.push_str(&l[..l.len() - 1]);
                continue;
            }
            acc.push_str(&l);
            done = nl;
            break;
        }
        if !got_any {
            if names.is_empty() {
                ex.set_var("REPLY", String::new());
            }
            for n in &names {
                ex.set_var(n, String::new());
            }
            return 1;
        }
        (acc, done)
    };
    if !raw {
        let mut out = String::new();
        let mut esc = false;
        for c in line.chars() {
            if esc {
                out.push(c);
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else {
                out.push(c);
            }
        }
        line = out;
    }
    if let Some(name) = array {
        let ifs = ex.get_var("IFS").unwrap_or_else(|| " \t\n".into());
        let fields = split_fields(&line, &ifs);
        ex.set_array(&name, fields, false);
        return if complete { 0 } else { 1 };
    }
    if names.is_empty() {
        ex.set_var("REPLY", line);
        return if complete { 0 } else { 1 };
    }
    let ifs = ex.get_var("IFS").unwrap_or_else(|| " \t\n".into());
    let is_ifs = |c: char| ifs.contains(c);
    let mut rest = line.trim_start_matches(|c: char| is_ifs(c) && c.is_whitespace());
    for (k, n) in names.iter().enumerate() {
        if k + 1 == names.len() {
            let v = rest.trim_end_matches(|c: char| is_ifs(c) && c.is_whitespace());
            ex.set_var(n, v.to_string());
        } else {
            let end = rest.find(is_ifs).unwrap_or(rest.len());
            ex.set_var(n, rest[..end].to_string());
            rest = &rest[end..];
            let mut cs = rest.chars();
            // One delimiter (plus surrounding whitespace) separates fields.
            if let Some(c) = cs.next() {
                if !c.is_whitespace() {
                    rest = cs.as_str();
                }
            }
            rest = rest.trim_start_matches(|c: char| is_ifs(c) && c.is_whitespace());
        }
    }
    if complete {
        0
    } else {
        1
    }
}
