//! expand and unexpand: tabs to spaces and back, with GNU's tab-stop
//! lists (`-t 4`, `-t 2,5`, `-t 2,/8`, `-t 2,+4`), byte columns.

use super::fold::obsolete_digits;
use super::num::byte_text;
use super::{getopt, Ctx};

/// Parsed tab stops (expand-common.c).
#[derive(Default)]
struct Stops {
    list: Vec<u64>,
    /// After the list: every multiple of this (`/N`) ...
    extend: u64,
    /// ... or every N columns past the last stop (`+N`).
    increment: u64,
    /// A single size: every multiple of it.
    size: u64,
}

impl Stops {
    fn parse(&mut self, s: &str) -> Result<(), String> {
        let b = s.as_bytes();
        let (mut have, mut val, mut ext, mut inc) = (false, 0u64, false, false);
        let mut i = 0;
        let push = |st: &mut Stops, val: u64, ext: bool, inc: bool| -> Result<(), String> {
            if ext {
                if st.extend != 0 {
                    return Err("'/' specifier only allowed with the last value".into());
                }
                st.extend = val;
            } else if inc {
                if st.increment != 0 {
                    return Err("'+' specifier only allowed with the last value".into());
                }
                st.increment = val;
            } else {
                st.list.push(val);
            }
            Ok(())
        };
        while i < b.len() {
            let c = b[i];
            if c == b',' || c == b' ' || c == b'\t' {
                if have {
                    push(self, val, ext, inc)?;
                }
                have = false;
            } else if c == b'/' || c == b'+' {
                if have {
                    return Err(format!(
                        "'{}' specifier not at start of number: ‘{}’",
                        c as char,
                        &s[i..]
                    ));
                }
                ext = c == b'/';
                inc = c == b'+';
            } else if c.is_ascii_digit() {
                if !have {
                    (val, have) = (0, true);
                }
                match val
                    .checked_mul(10)
                    .and_then(|v| v.checked_add((c - b'0') as u64))
                {
                    Some(v) => val = v,
                    None => {
                        let len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                        let start = s[..i].trim_end_matches(|c: char| c.is_ascii_digit()).len();
                        return Err(format!("tab stop is too large ‘{}’", &s[start..i + len]));
                    }
                }
            } else {
                return Err(format!(
                    "tab size contains invalid character(s): ‘{}’",
                    &s[(0..=i).rev().find(|&k| s.is_char_boundary(k)).unwrap_or(0)..]
                ));
            }
            i += 1;
        }
        if have {
            push(self, val, ext, inc)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), &'static str> {
        let mut prev = 0;
        for &t in &self.list {
            if t == 0 {
                return Err("tab size cannot be 0");
            }
            if t <= prev {
                return Err("tab sizes must be ascending");
            }
            prev = t;
        }
        if self.increment != 0 && self.extend != 0 {
            return Err("'/' specifier is mutually exclusive with '+'");
        }
        if self.list.is_empty() {
            self.size = [self.extend, self.increment, 8]
                .into_iter()
                .find(|&v| v != 0)
                .unwrap_or(8);
        } else if self.list.len() == 1 && self.extend == 0 && self.increment == 0 {
            self.size = self.list[0];
        }
        Ok(())
    }

    /// The next stop after `col`, or None past the last one.
    fn next(&self, col: u64, index: &mut usize) -> Option<u64> {
        if self.size != 0 {
            return Some(col + (self.size - col % self.size));
        }
        while *index < self.list.len() {
            if col < self.list[*index] {
                return Some(self.list[*index]);
            }
            *index += 1;
        }
        if self.extend != 0 {
            return Some(col + (self.extend - col % self.extend));
        }
        if self.increment != 0 {
            let end = self.list[self.list.len() - 1];
            return Some(col + (self.increment - (col - end) % self.increment));
        }
        None
    }
}

/// Options, the concatenated inputs (GNU reads files as one stream) and
/// the status their reading left.
type Setup = (Stops, super::Opts, Vec<u8>, i32);

fn setup(ctx: &mut Ctx, argv: &[String], prog: &str, flags: &str) -> Result<Setup, i32> {
    let argv = obsolete_digits(argv, "-t", "t");
    let longs: &[&str] = if prog == "expand" {
        &["initial", "tabs="]
    } else {
        &["all", "first-only", "tabs="]
    };
    let o = getopt(ctx, prog, &argv, flags, "t", longs, 1)?;
    let mut stops = Stops::default();
    let specs = o
        .longs
        .iter()
        .filter_map(|(n, v)| (n == "tabs").then_some(v.as_deref()).flatten());
    for spec in o.vals.iter().map(|(_, v)| v.as_str()).chain(specs) {
        if let Err(e) = stops.parse(spec) {
            ctx.err(&format!("{}: {}\n", prog, e));
            return Err(1);
        }
    }
    if let Err(e) = stops.finish() {
        ctx.err(&format!("{}: {}\n", prog, e));
        return Err(1);
    }
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut data = Vec::new();
    let mut st = 0;
    for f in &files {
        match ctx.read(f) {
            Ok(s) => data.extend_from_slice(s.as_bytes()),
            Err(e) => {
                ctx.err(&format!("{}: {}: {}\n", prog, f, e.msg()));
                st = 1;
            }
        }
    }
    Ok((stops, o, data, st))
}

pub fn expand(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (stops, o, data, st) = match setup(ctx, argv, "expand", "i") {
        Ok(v) => v,
        Err(s) => return s,
    };
    let whole = !(o.has('i') || o.long("initial"));
    // A far tab stop could ask for gigabytes of spaces: stop at the budget.
    let room = ctx.limit.saturating_sub(ctx.written) + 1;
    let mut out: Vec<u8> = Vec::new();
    let (mut col, mut index, mut convert) = (0u64, 0usize, true);
    for &c in &data {
        let mut c = c;
        if convert {
            if c == b'\t' {
                let next = stops.next(col, &mut index).unwrap_or(col + 1);
                let n = (next - col - 1).min(room as u64) as usize;
                out.resize(out.len() + n, b' ');
                col = next;
                c = b' ';
            } else if c == b'\x08' {
                col = col.saturating_sub(1);
                index = index.saturating_sub(1);
            } else {
                col += 1;
            }
            convert &= whole || c == b' ' || c == b'\t';
        }
        out.push(c);
        if c == b'\n' {
            (col, index, convert) = (0, 0, true);
        }
        if out.len() > room {
            break;
        }
    }
    ctx.out(&byte_text(&out));
    st
}

pub fn unexpand(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (stops, o, data, st) = match setup(ctx, argv, "unexpand", "a") {
        Ok(v) => v,
        Err(s) => return s,
    };
    let given = !o.vals.is_empty() || o.long("tabs");
    let whole = (o.has('a') || o.long("all") || given) && !o.long("first-only");
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    // unexpand.c's loop, line by line; None stands for end of input.
    while i <= data.len() {
        let (mut convert, mut col, mut index) = (true, 0u64, 0usize);
        let mut one_blank_before_stop = false;
        let mut prev_blank = true;
        let mut pending: Vec<u8> = Vec::new();
        loop {
            let c = data.get(i).copied();
            i += 1;
            let mut c = c;
            if convert {
                let blank = matches!(c, Some(b' ' | b'\t'));
                if blank {
                    let next = stops.next(col, &mut index);
                    convert = next.is_some();
                    if let Some(next) = next {
                        if c == Some(b'\t') {
                            col = next;
                            if !pending.is_empty() {
                                pending[0] = b'\t';
                            }
                        } else {
                            col += 1;
                            if !(prev_blank && col == next) {
                                if col == next {
                                    one_blank_before_stop = true;
                                }
                                pending.push(b' ');
                                prev_blank = true;
                                continue;
                            }
                            c = Some(b'\t');
                            if !pending.is_empty() {
                                pending[0] = b'\t';
                            }
                        }
                        pending.truncate(usize::from(one_blank_before_stop));
                    }
                } else if c == Some(b'\x08') {
                    col = col.saturating_sub(1);
                    index = index.saturating_sub(1);
                } else {
                    col += 1;
                }
                if !pending.is_empty() {
                    if pending.len() > 1 && one_blank_before_stop {
                        pending[0] = b'\t';
                    }
                    out.append(&mut pending);
                    one_blank_before_stop = false;
                }
                prev_blank = blank;
                convert &= whole || blank;
            }
            match c {
                None => break,
                Some(b) => out.push(b),
            }
            if c == Some(b'\n') {
                break;
            }
        }
    }
    ctx.out(&byte_text(&out));
    st
}
