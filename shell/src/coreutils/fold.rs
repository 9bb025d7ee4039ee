//! fold: wraps lines at a width, byte by byte as GNU fold 9 does
//! (columns: tabs to multiples of 8, backspace and CR move back).

use super::num::{byte_text, xdectoumax};
use super::{getopt, Ctx};

/// GNU's obsolete `-N` (width N) and `-N,M` (tab stops) options, as the
/// option they stand for: `-72` becomes `-w 72` (`flag`). An operand of
/// an option in `valued` (`-w -1`) is left alone.
pub fn obsolete_digits(argv: &[String], flag: &str, valued: &str) -> Vec<String> {
    let mut v = vec![argv[0].clone()];
    let mut rest = argv[1..].iter();
    let mut operand = false;
    for a in rest.by_ref() {
        if a == "--" {
            v.push(a.clone());
            break;
        }
        let was_operand = std::mem::replace(
            &mut operand,
            a.len() == 2 && a.starts_with('-') && valued.contains(&a[1..]),
        );
        match a.strip_prefix('-') {
            Some(d) if !was_operand && d.starts_with(|c: char| c.is_ascii_digit()) => {
                v.push(flag.to_string());
                v.push(d.to_string());
            }
            _ => v.push(a.clone()),
        }
    }
    v.extend(rest.cloned());
    v
}

fn column(col: usize, c: u8, bytes: bool) -> usize {
    match c {
        _ if bytes => col + 1,
        b'\x08' => col.saturating_sub(1),
        b'\r' => 0,
        b'\t' => col + 8 - col % 8,
        _ => col + 1,
    }
}

/// fold.c's fold_file over one input.
fn fold_text(data: &[u8], width: usize, bytes: bool, spaces: bool, out: &mut Vec<u8>) {
    let mut line: Vec<u8> = Vec::new();
    let mut col = 0usize;
    for &c in data {
        if c == b'\n' {
            line.push(c);
            out.append(&mut line);
            col = 0;
            continue;
        }
        loop {
            col = column(col, c, bytes);
            if col <= width {
                line.push(c);
                break;
            }
            if spaces {
                if let Some(blank) = line.iter().rposition(|&b| b == b' ' || b == b'\t') {
                    let rest = line.split_off(blank + 1);
                    out.append(&mut line);
                    out.push(b'\n');
                    line = rest;
                    col = line.iter().fold(0, |k, &b| column(k, b, bytes));
                    continue;
                }
            }
            if line.is_empty() {
                line.push(c);
                break;
            }
            out.append(&mut line);
            out.push(b'\n');
            col = 0;
        }
    }
    out.append(&mut line);
}

pub fn fold(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let argv = obsolete_digits(argv, "-w", "w");
    let o = match getopt(
        ctx,
        "fold",
        &argv,
        "bs",
        "w",
        &["bytes", "spaces", "width="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut width = 80;
    if let Some(w) = o.val('w').or(o.long_val("width")) {
        match xdectoumax(w, 1, u64::MAX - 9, "", "invalid number of columns") {
            Ok(n) => width = usize::try_from(n).unwrap_or(usize::MAX - 9),
            Err(e) => {
                ctx.err(&format!("fold: {}\n", e));
                return 1;
            }
        }
    }
    let bytes = o.has('b') || o.long("bytes");
    let spaces = o.has('s') || o.long("spaces");
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut st = 0;
    for f in &files {
        match ctx.read(f) {
            Ok(data) => {
                let mut out = Vec::new();
                fold_text(data.as_bytes(), width, bytes, spaces, &mut out);
                ctx.out(&byte_text(&out));
            }
            Err(e) => {
                ctx.err(&format!("fold: {}: {}\n", f, e.msg()));
                st = 1;
            }
        }
    }
    st
}
