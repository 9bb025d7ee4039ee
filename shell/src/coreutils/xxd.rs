//! xxd (vim's, 2022-01-14): hex dumps (-c -g -l -s -o -d -u -e -b -a),
//! plain (-p), C include (-i, -n, -C) and the reverse (-r, -r -p).

use super::num::byte_text;
use super::Ctx;

const USAGE: &str = "Usage:
       xxd [options] [infile [outfile]]
    or
       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -n name     set the variable name used in C include output (-i).
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".
";

#[derive(PartialEq, Clone, Copy)]
enum Style {
    Normal,
    Plain,
    Include,
    Bits,
    Little,
}

/// C's strtol(s, NULL, 0) as xxd uses it: a prefix number, 0 if none.
fn strtol(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, h)
    } else if t.starts_with('0') {
        (8, t)
    } else {
        (10, t)
    };
    let mut v: i64 = 0;
    for d in digits.chars().map_while(|c| c.to_digit(radix)) {
        v = v.saturating_mul(radix as i64).saturating_add(d as i64);
    }
    if neg {
        -v
    } else {
        v
    }
}

struct Opts {
    style: Style,
    cols: Option<i64>,
    group: Option<i64>,
    len: Option<i64>,
    seek: Option<String>,
    offset: i64,
    decimal: bool,
    upper: bool,
    autoskip: bool,
    capitalize: bool,
    name: Option<String>,
    reverse: bool,
    files: Vec<String>,
}

/// xxd's own option scan: `-c8`, `-c 8`, `-cols 8`, `-ps`, `-include`...
fn parse(argv: &[String]) -> Result<Opts, ()> {
    let mut o = Opts {
        style: Style::Normal,
        cols: None,
        group: None,
        len: None,
        seek: None,
        offset: 0,
        decimal: false,
        upper: false,
        autoskip: false,
        capitalize: false,
        name: None,
        reverse: false,
        files: vec![],
    };
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if !a.starts_with('-') || a == "-" {
            o.files.push(a.clone());
            continue;
        }
        if a == "--" {
            o.files.extend(argv[i..].iter().cloned());
            break;
        }
        let p = &a[1..];
        let c = p.chars().next().unwrap_or(' ');
        // Options with a value take it attached or as the next word.
        let mut value = |name: &str| -> Result<String, ()> {
            let rest = p.strip_prefix(name).unwrap_or(&p[1..]);
            if !rest.is_empty() {
                return Ok(rest.to_string());
            }
            let v = argv.get(i).cloned().ok_or(())?;
            i += 1;
            Ok(v)
        };
        match c {
            'a' => o.autoskip = !o.autoskip,
            'b' => o.style = Style::Bits,
            'e' => o.style = Style::Little,
            'u' => o.upper = true,
            'p' => o.style = Style::Plain,
            'i' => o.style = Style::Include,
            'C' => o.capitalize = true,
            'd' => o.decimal = true,
            'r' => o.reverse = true,
            'E' => {}
            'c' => o.cols = Some(strtol(&value("cols")?)),
            'g' => o.group = Some(strtol(&value("groupsize")?)),
            'l' => o.len = Some(strtol(&value("len")?)),
            'o' => o.offset = strtol(&value("offset")?),
            's' => o.seek = Some(value("seek")?),
            'n' => o.name = Some(value("name")?),
            _ => return Err(()),
        }
    }
    if o.files.len() > 2 {
        return Err(());
    }
    Ok(o)
}

pub fn xxd(ctx: &mut Ctx, argv: &[String]) -> i32 {
    if argv.iter().skip(1).any(|a| a == "-v" || a == "-version") {
        ctx.err("xxd 2022-01-14 by Juergen Weigert et al.\n");
        return 0;
    }
    let Ok(o) = parse(argv) else {
        ctx.err(USAGE);
        return 1;
    };
    let infile = o.files.first().cloned().unwrap_or_else(|| "-".into());
    let data = match ctx.read(&infile) {
        Ok(d) => d.into_bytes(),
        Err(e) => {
            ctx.err(&format!("xxd: {}: {}\n", infile, e.msg()));
            return 2;
        }
    };
    let cols = match o.cols.filter(|&c| c != 0) {
        Some(c) => c,
        None => match o.style {
            Style::Plain => 30,
            Style::Include => 12,
            Style::Bits => 6,
            _ => 16,
        },
    };
    let dump_style = matches!(o.style, Style::Normal | Style::Bits | Style::Little);
    if cols < 1 || (dump_style && cols > 256) {
        ctx.err("xxd: invalid number of columns (max. 256).\n");
        return 1;
    }
    let cols = cols as usize;
    let out = if o.reverse {
        let shift = o.seek.as_deref().map_or(0, strtol).max(0) as usize;
        byte_text(&reverse(&data, o.style == Style::Plain, cols, shift))
    } else {
        let from = match o.seek.as_deref().map(|s| s.trim_start()) {
            None => 0,
            Some(s) => {
                let v = strtol(s);
                let rel = s.strip_prefix('+').unwrap_or(s);
                if rel.starts_with('-') {
                    data.len() as i64 + v.min(0)
                } else {
                    v
                }
            }
        };
        if from < 0 {
            ctx.err("xxd: sorry cannot seek.\n");
            return 4;
        }
        let from = (from as usize).min(data.len());
        let mut bytes = &data[from..];
        if let Some(l) = o.len.filter(|&l| l >= 0) {
            bytes = &bytes[..bytes.len().min(l as usize)];
        }
        let name = o
            .name
            .clone()
            .or(o.files.first().cloned())
            .filter(|_| infile != "-" || o.name.is_some());
        match o.style {
            Style::Plain => plain(bytes, cols, o.upper),
            Style::Include => include(bytes, cols, o.upper, name.as_deref(), o.capitalize),
            _ => dump(bytes, from as i64 + o.offset, cols, &o),
        }
    };
    match o.files.get(1) {
        Some(f) => {
            let p = ctx.path(f);
            if let Err(e) = ctx.vfs.write_checked(&p, &out, false) {
                ctx.err(&format!("xxd: {}: {}\n", f, e.msg()));
                return 3;
            }
        }
        None => ctx.out(&out),
    }
    0
}

fn hex_digits(upper: bool) -> &'static [u8; 16] {
    if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    }
}

fn plain(bytes: &[u8], cols: usize, upper: bool) -> String {
    let h = hex_digits(upper);
    let mut s = String::with_capacity(bytes.len() * 2 + bytes.len() / cols + 1);
    for line in bytes.chunks(cols) {
        for &b in line {
            s.push(h[(b >> 4) as usize] as char);
            s.push(h[(b & 15) as usize] as char);
        }
        s.push('\n');
    }
    s
}

fn include(bytes: &[u8], cols: usize, upper: bool, name: Option<&str>, capital: bool) -> String {
    // The variable name: the file name with non-alphanumerics as `_`.
    let var = name.map(|n| {
        let mut v: String = if n.starts_with(|c: char| c.is_ascii_digit()) {
            "__".into()
        } else {
            String::new()
        };
        v.extend(n.chars().map(|c| match c {
            c if c.is_ascii_alphanumeric() && capital => c.to_ascii_uppercase(),
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        }));
        v
    });
    let mut s = String::new();
    if let Some(v) = &var {
        s.push_str(&format!("unsigned char {}[] = {{\n", v));
    }
    for (k, &b) in bytes.iter().enumerate() {
        let sep = if k == 0 {
            "  "
        } else if k % cols == 0 {
            ",\n  "
        } else {
            ", "
        };
        if upper {
            s.push_str(&format!("{}0X{:02X}", sep, b));
        } else {
            s.push_str(&format!("{}0x{:02x}", sep, b));
        }
    }
    if !bytes.is_empty() {
        s.push('\n');
    }
    if let Some(v) = &var {
        let len = if capital { "LEN" } else { "len" };
        s.push_str(&format!(
            "}};\nunsigned int {}_{} = {};\n",
            v,
            len,
            bytes.len()
        ));
    }
    s
}

/// The normal, bits and little-endian dumps, with xxd's fixed columns.
fn dump(bytes: &[u8], start: i64, cols: usize, o: &Opts) -> String {
    let h = hex_digits(o.upper);
    let bits = o.style == Style::Bits;
    let little = o.style == Style::Little;
    let mut group = match o.group {
        Some(g) => g.max(0) as usize,
        None if bits => 1,
        None if little => 4,
        None => 2,
    };
    if group < 1 || group > cols {
        group = cols;
    }
    let grplen = if bits { 8 * group + 1 } else { 2 * group + 1 };
    let ascii_at = if little {
        grplen * cols.div_ceil(group) - 1
    } else {
        (grplen * cols - 1) / group
    };
    let mut s = String::new();
    let mut skip = AutoSkip::default();
    let mut last = String::new();
    for (k, line) in bytes.chunks(cols).enumerate() {
        let addr = start + (k * cols) as i64;
        let mut l: Vec<u8> = if o.decimal {
            format!("{:08}:", addr)
        } else {
            format!("{:08x}:", addr)
        }
        .into_bytes();
        let addrlen = l.len();
        l.resize(addrlen + ascii_at + 3 + cols, b' ');
        for (p, &e) in line.iter().enumerate() {
            let x = if little { p ^ (group - 1) } else { p };
            let c = addrlen + 1 + (grplen * x) / group;
            if bits {
                for i in 0..8 {
                    l[c + i] = if e & (0x80 >> i) != 0 { b'1' } else { b'0' };
                }
            } else {
                l[c] = h[(e >> 4) as usize];
                l[c + 1] = h[(e & 15) as usize];
            }
            l[addrlen + ascii_at + 3 + p] = if (32..127).contains(&e) { e } else { b'.' };
        }
        l.truncate(addrlen + ascii_at + 3 + line.len());
        l.push(b'\n');
        let text = byte_text(&l);
        let nz = if o.autoskip && line.len() == cols {
            line.iter().filter(|&&b| b != 0).count() as i64
        } else {
            1
        };
        skip.line(&mut s, &text, nz);
        last = text;
    }
    if o.autoskip && bytes.len().is_multiple_of(cols) {
        skip.line(&mut s, &last, -1);
    }
    s
}

/// xxdline: with -a a run of all-zero lines prints its first line, `*`
/// and its last (`nz` is the line's count of non-zero bytes; -1 flushes).
#[derive(Default)]
struct AutoSkip {
    seen: i64,
    held: String,
}

impl AutoSkip {
    fn line(&mut self, s: &mut String, l: &str, nz: i64) {
        if nz == 0 && self.seen == 1 {
            self.held = l.to_string();
        }
        let first = self.seen == 0;
        if nz == 0 {
            self.seen += 1;
        }
        if nz != 0 || first {
            if nz != 0 {
                if nz < 0 {
                    self.seen -= 1;
                }
                if self.seen == 2 {
                    s.push_str(&self.held);
                }
                if self.seen > 2 {
                    s.push_str("*\n");
                }
            }
            if nz >= 0 || self.seen > 0 {
                s.push_str(l);
            }
            if nz != 0 {
                self.seen = 0;
            }
        }
    }
}

/// -r: hex back to bytes. Plain style takes every hex pair; the dump
/// style places each line's bytes at its address, up to `cols` a line.
fn reverse(text: &[u8], plain: bool, cols: usize, shift: usize) -> Vec<u8> {
    let hexval = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::new();
    if plain {
        let mut hi: Option<u8> = None;
        for &c in text {
            match (hexval(c), hi) {
                (Some(d), None) => hi = Some(d),
                (Some(d), Some(h)) => {
                    out.push(h << 4 | d);
                    hi = None;
                }
                (None, _) if c.is_ascii_whitespace() => {}
                (None, _) => hi = None,
            }
        }
        return out;
    }
    for line in text.split(|&c| c == b'\n') {
        let Some(colon) = line.iter().position(|&c| c == b':') else {
            continue;
        };
        let addr = line[..colon]
            .iter()
            .filter_map(|&c| hexval(c))
            .fold(0usize, |a, d| {
                a.saturating_mul(16).saturating_add(d as usize)
            })
            .saturating_add(shift);
        if addr > 1 << 24 {
            break;
        }
        let mut bytes = Vec::new();
        let mut k = colon + 1;
        let mut spaces = 0;
        while k + 1 < line.len() + 1 && bytes.len() < cols {
            match line.get(k) {
                Some(b' ') => {
                    spaces += 1;
                    if spaces >= 2 && !bytes.is_empty() {
                        break;
                    }
                    k += 1;
                }
                Some(&c) => match (hexval(c), line.get(k + 1).and_then(|&d| hexval(d))) {
                    (Some(h), Some(l)) => {
                        bytes.push(h << 4 | l);
                        spaces = 0;
                        k += 2;
                    }
                    _ => break,
                },
                None => break,
            }
        }
        if out.len() < addr {
            out.resize(addr, 0);
        }
        for (i, b) in bytes.into_iter().enumerate() {
            if addr + i < out.len() {
                out[addr + i] = b;
            } else {
                out.push(b);
            }
        }
    }
    out
}
