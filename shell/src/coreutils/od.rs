//! od: octal (and other) dumps, laid out as GNU od.c lays them out:
//! `-t` types [doux][1248CSIL], f[48FD], a, c and the `z` trailer,
//! the traditional letters (-b -c -d -o -x ...), -A, -j, -N, -v, -w,
//! and the traditional `+OFFSET` operand.

use super::num::{fatal_text, xstrtoumax};
use super::{getopt, Ctx};

#[derive(Clone, Copy, PartialEq)]
enum Fmt {
    Signed,
    Unsigned,
    Octal,
    Hex,
    Float,
    Named,
    Char,
}

#[derive(Clone, Copy)]
struct Spec {
    fmt: Fmt,
    size: usize,
    width: usize,
    pad: usize,
    trailer: bool,
}

/// decode_format_string: one `-t` argument, possibly several types.
fn decode(s: &str, specs: &mut Vec<Spec>) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        let (fmt, size, width) = match c {
            b'd' | b'o' | b'u' | b'x' => {
                let size = match b.get(i) {
                    Some(b'C') => 1,
                    Some(b'S') => 2,
                    Some(b'I') => 4,
                    Some(b'L') => 8,
                    _ => 0,
                };
                let size = if size > 0 {
                    i += 1;
                    size
                } else {
                    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                    let n: usize = match s[i..i + digits].parse::<u64>() {
                        Ok(n) => usize::try_from(n).unwrap_or(usize::MAX),
                        Err(_) if digits == 0 => 4,
                        Err(_) => return Err(format!("invalid type string ‘{}’", s)),
                    };
                    i += digits;
                    if ![1, 2, 4, 8].contains(&n) {
                        return Err(format!(
                            "invalid type string ‘{}’;\nthis system doesn't provide a {}-byte integral type",
                            s, n
                        ));
                    }
                    n
                };
                let k = size.trailing_zeros() as usize;
                let (fmt, width) = match c {
                    b'd' => (Fmt::Signed, [4, 6, 11, 20][k]),
                    b'o' => (Fmt::Octal, [3, 6, 11, 22][k]),
                    b'u' => (Fmt::Unsigned, [3, 5, 10, 20][k]),
                    _ => (Fmt::Hex, size * 2),
                };
                (fmt, size, width)
            }
            b'f' => {
                let size = match b.get(i) {
                    Some(b'F') => 4,
                    Some(b'D') => 8,
                    Some(b'L') => 16,
                    _ => 0,
                };
                let size = if size > 0 {
                    i += 1;
                    size
                } else {
                    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                    let n = if digits == 0 {
                        8
                    } else {
                        s[i..i + digits].parse::<usize>().unwrap_or(usize::MAX)
                    };
                    i += digits;
                    n
                };
                match size {
                    4 => (Fmt::Float, 4, 15),
                    8 => (Fmt::Float, 8, 24),
                    // x86's 80-bit long double is not modelled.
                    16 => return Err(format!("invalid type string ‘{}’: long double is not supported here", s)),
                    n => {
                        return Err(format!(
                            "invalid type string ‘{}’;\nthis system doesn't provide a {}-byte floating point type",
                            s, n
                        ))
                    }
                }
            }
            b'a' => (Fmt::Named, 1, 3),
            b'c' => (Fmt::Char, 1, 3),
            _ => {
                let ch = s[i - 1..].chars().next().unwrap_or('?');
                return Err(format!("invalid character '{}' in type string ‘{}’", ch, s));
            }
        };
        let trailer = b.get(i) == Some(&b'z');
        if trailer {
            i += 1;
        }
        specs.push(Spec {
            fmt,
            size,
            width,
            pad: 0,
            trailer,
        });
    }
    Ok(())
}

const NAMES: [&str; 33] = [
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr",
    "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc",
    "fs", "gs", "rs", "us", "sp",
];

/// C's `%.*g`: `prec` significant digits, trailing zeros dropped.
fn fmt_g(x: f64, prec: usize) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.into();
    }
    let p = prec.max(1);
    let e = format!("{:.*e}", p - 1, x);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        format!(
            "{}e{}{:02}",
            trim(mant.to_string()),
            sign,
            exp.unsigned_abs()
        )
    } else {
        trim(format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x))
    }
}

/// ftoastr: the shortest `%g` that reads back as the same value.
fn float_text(bytes: &[u8]) -> String {
    if let Ok(b4) = <[u8; 4]>::try_from(bytes) {
        let x = f32::from_le_bytes(b4);
        let start = if x.abs() < f32::MIN_POSITIVE { 1 } else { 6 };
        (start..=9)
            .map(|p| fmt_g(x as f64, p))
            .find(|s| s.parse::<f32>().ok() == Some(x))
            .unwrap_or_else(|| fmt_g(x as f64, 9))
    } else {
        let x = f64::from_le_bytes(<[u8; 8]>::try_from(bytes).unwrap_or([0; 8]));
        let start = if x.abs() < f64::MIN_POSITIVE { 1 } else { 15 };
        (start..=17)
            .map(|p| fmt_g(x, p))
            .find(|s| s.parse::<f64>().ok() == Some(x))
            .unwrap_or_else(|| fmt_g(x, 17))
    }
}

fn item(spec: &Spec, bytes: &[u8]) -> String {
    let mut v = 0u64;
    for (k, &b) in bytes.iter().enumerate() {
        v |= (b as u64) << (8 * k);
    }
    let w = spec.width;
    match spec.fmt {
        Fmt::Octal => format!("{:0w$o}", v),
        Fmt::Hex => format!("{:0w$x}", v),
        Fmt::Unsigned => v.to_string(),
        Fmt::Signed => {
            let shift = 64 - 8 * bytes.len() as u32;
            (((v << shift) as i64) >> shift).to_string()
        }
        Fmt::Float => float_text(bytes),
        Fmt::Named => {
            let c = (bytes[0] & 0x7f) as usize;
            match c {
                127 => "del".into(),
                0..=32 => NAMES[c].into(),
                _ => (c as u8 as char).to_string(),
            }
        }
        Fmt::Char => match bytes[0] {
            0 => "\\0".into(),
            7 => "\\a".into(),
            8 => "\\b".into(),
            12 => "\\f".into(),
            b'\n' => "\\n".into(),
            b'\r' => "\\r".into(),
            b'\t' => "\\t".into(),
            11 => "\\v".into(),
            c @ 32..=126 => (c as char).to_string(),
            c => format!("{:03o}", c),
        },
    }
}

struct Layout {
    specs: Vec<Spec>,
    per_block: usize,
    radix: u32,
    addr_width: usize,
}

impl Layout {
    fn address(&self, at: u64) -> String {
        match self.radix {
            8 => format!("{:0w$o}", at, w = self.addr_width),
            10 => format!("{:0w$}", at, w = self.addr_width),
            16 => format!("{:0w$x}", at, w = self.addr_width),
            _ => String::new(),
        }
    }

    /// write_block: one line per type for `n` real bytes of `block`.
    fn block(&self, out: &mut String, at: u64, n: usize, block: &[u8]) {
        for (i, s) in self.specs.iter().enumerate() {
            if i == 0 {
                out.push_str(&self.address(at));
            } else {
                out.push_str(&" ".repeat(self.addr_width));
            }
            let fields = self.per_block / s.size;
            let blank = (self.per_block - n) / s.size;
            let mut pad_left = s.pad;
            for f in (blank + 1..=fields).rev() {
                let next = s.pad * (f - 1) / fields;
                let k = fields - f;
                let text = item(s, &block[k * s.size..(k + 1) * s.size]);
                let w = pad_left - next + s.width;
                out.push_str(&format!("{:>w$}", text));
                pad_left = next;
            }
            if s.trailer {
                let pad = s.pad * blank / fields;
                out.push_str(&" ".repeat(blank * s.width + pad));
                out.push_str("  >");
                for &c in &block[..n] {
                    out.push(if (32..127).contains(&c) {
                        c as char
                    } else {
                        '.'
                    });
                }
                out.push('<');
            }
            out.push('\n');
        }
    }
}

/// parse_old_offset: `[+]N[b|B]`, octal unless `0x` (hex); with a `.`
/// GNU means decimal, though its suffix check then refuses the `.`.
fn old_offset(s: &str) -> Option<u64> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let radix = if s.contains('.') {
        10
    } else if s.starts_with("0x") || s.starts_with("0X") {
        16
    } else {
        8
    };
    match xstrtoumax(s, radix, "Bb") {
        (v, None) if !s.is_empty() => Some(v),
        _ => None,
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

pub fn od(ctx: &mut Ctx, argv: &[String]) -> i32 {
    // -w takes an optional attached value (`-w8`); getopt has no such
    // kind, so take it out first.
    let mut width: Option<Option<String>> = None;
    let mut args = vec![argv[0].clone()];
    let mut ended = false;
    for a in &argv[1..] {
        ended |= a == "--";
        match a.strip_prefix("-w") {
            Some(v) if !ended => width = Some((!v.is_empty()).then(|| v.to_string())),
            _ if !ended && a == "--width" => width = Some(None),
            _ => match a.strip_prefix("--width=") {
                Some(v) if !ended => width = Some(Some(v.to_string())),
                _ => args.push(a.clone()),
            },
        }
    }
    let o = match getopt(
        ctx,
        "od",
        &args,
        "abcdDefFhHiIlLoOsxXBv",
        "AjNt",
        &[
            "address-radix=",
            "skip-bytes=",
            "read-bytes=",
            "format=",
            "output-duplicates",
            "traditional",
            "endian=",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let fail = |ctx: &mut Ctx, msg: &str| {
        ctx.err(&format!("od: {}\n", msg));
        1
    };
    let mut specs = Vec::new();
    let mut radix = 8;
    let mut addr_width = 7;
    let mut skip = 0u64;
    let mut limit: Option<u64> = None;
    let mut modern = width.is_some();
    // Traditional letters, then -t and the valued options, in order.
    for &c in &o.flags {
        let t = match c {
            'a' => "a",
            'b' => "o1",
            'c' => "c",
            'D' => "u4",
            'd' => "u2",
            'e' | 'F' => "fD",
            'f' => "fF",
            'H' | 'X' => "x4",
            'i' => "dI",
            'l' | 'I' | 'L' => "dL",
            'O' => "o4",
            'o' | 'B' => "o2",
            's' => "d2",
            'x' | 'h' => "x2",
            _ => {
                modern = true;
                continue;
            }
        };
        if let Err(e) = decode(t, &mut specs) {
            return fail(ctx, &e);
        }
    }
    let longs = o.longs.iter().filter_map(|(n, v)| {
        let c = match n.as_str() {
            "address-radix" => 'A',
            "skip-bytes" => 'j',
            "read-bytes" => 'N',
            "format" => 't',
            _ => return None,
        };
        Some((c, v.clone().unwrap_or_default(), format!("--{}", n)))
    });
    let shorts = o
        .vals
        .iter()
        .map(|(c, v)| (*c, v.clone(), format!("-{}", c)));
    for (c, v, name) in shorts.chain(longs) {
        modern = true;
        match c {
            'A' => match v.chars().next() {
                Some('d') => (radix, addr_width) = (10, 7),
                Some('o') => (radix, addr_width) = (8, 7),
                Some('x') => (radix, addr_width) = (16, 6),
                Some('n') => (radix, addr_width) = (0, 0),
                other => {
                    let ch = other.map(String::from).unwrap_or_default();
                    return fail(
                        ctx,
                        &format!("invalid output address radix '{}'; it must be one character from [doxn]", ch),
                    );
                }
            },
            'j' | 'N' => match xstrtoumax(&v, 0, "bEGKkMmPTYZ0") {
                (n, None) => {
                    if c == 'j' {
                        skip = n;
                    } else {
                        limit = Some(n);
                    }
                }
                (_, Some(e)) => return fail(ctx, &fatal_text(e, &name, &v)),
            },
            _ => {
                if let Err(e) = decode(&v, &mut specs) {
                    return fail(ctx, &e);
                }
            }
        }
    }
    if o.long("output-duplicates") || o.has('v') {
        modern = true;
    }
    let mut files = o.args.clone();
    if !modern || o.long("traditional") {
        let n = files.len();
        if n == 1 && files[0].starts_with('+') {
            if let Some(v) = old_offset(&files[0]) {
                skip = v;
                files.clear();
            }
        } else if n == 2 && files[1].starts_with(|c: char| c == '+' || c.is_ascii_digit()) {
            if let Some(v) = old_offset(&files[1]) {
                skip = v;
                files.pop();
            }
        }
    }
    let end = match limit {
        Some(n) => match skip.checked_add(n) {
            Some(e) => Some(e),
            None => return fail(ctx, "skip-bytes + read-bytes is too large"),
        },
        None => None,
    };
    if specs.is_empty() {
        let _ = decode("o2", &mut specs);
    }
    if files.is_empty() {
        files.push("-".into());
    }
    let mut data = Vec::new();
    let mut ok = true;
    let mut opened = false;
    for f in &files {
        match ctx.read(f) {
            Ok(s) => {
                data.extend_from_slice(s.as_bytes());
                opened = true;
            }
            Err(e) => {
                ctx.err(&format!("od: {}: {}\n", f, e.msg()));
                ok = false;
            }
        }
    }
    if !opened {
        return 1;
    }
    if skip > data.len() as u64 {
        return fail(ctx, "cannot skip past end of combined input");
    }
    let lcm = specs.iter().fold(1, |l, s| l / gcd(l, s.size) * s.size);
    let per_block = match width {
        Some(w) => {
            let w = match w {
                None => 32,
                Some(v) => match xstrtoumax(&v, 10, "") {
                    (n, None) => usize::try_from(n).unwrap_or(usize::MAX),
                    (_, Some(e)) => return fail(ctx, &fatal_text(e, "-w", &v)),
                },
            };
            if w != 0 && w % lcm == 0 && w <= 1 << 16 {
                w
            } else {
                ctx.err(&format!(
                    "od: warning: invalid width {}; using {} instead\n",
                    w, lcm
                ));
                lcm
            }
        }
        None if lcm < 16 => lcm * (16 / lcm),
        None => lcm,
    };
    let block_width = specs
        .iter()
        .map(|s| (s.width + 1) * (per_block / s.size))
        .max()
        .unwrap_or(0);
    for s in &mut specs {
        s.pad = block_width - s.width * (per_block / s.size);
    }
    let layout = Layout {
        specs,
        per_block,
        radix,
        addr_width,
    };
    let from = skip as usize;
    let to = end.map_or(data.len(), |e| e.min(data.len() as u64) as usize);
    let input = &data[from..to.max(from)];
    let squeeze = !(o.has('v') || o.long("output-duplicates"));
    let mut out = String::new();
    let mut at = skip;
    let mut prev: Option<&[u8]> = None;
    let mut starred = false;
    for chunk in input.chunks(per_block) {
        let n = chunk.len();
        if n == per_block && squeeze && prev == Some(chunk) {
            if !starred {
                out.push_str("*\n");
                starred = true;
            }
        } else {
            starred = false;
            let padded = n.div_ceil(lcm) * lcm;
            let mut block = chunk.to_vec();
            block.resize(per_block.max(padded), 0);
            layout.block(&mut out, at, n, &block);
        }
        prev = Some(chunk);
        at += n as u64;
        if out.len() > ctx.limit {
            break;
        }
    }
    if radix != 0 {
        out.push_str(&layout.address(at));
        out.push('\n');
    }
    ctx.out(&out);
    i32::from(!ok)
}
