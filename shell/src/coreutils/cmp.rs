//! GNU diffutils 3.8 `cmp`: the first byte where two files differ, every
//! differing byte (`-l`), or only the status (`-s`).

use super::Ctx;

fn usage(ctx: &mut Ctx, what: &str) -> i32 {
    ctx.err(&format!(
        "cmp: {what}\ncmp: Try 'cmp --help' for more information.\n"
    ));
    2
}

/// A byte as `cmp -b` shows it (cat -v's notation).
fn shown(b: u8) -> String {
    let (meta, b) = if b >= 0x80 { ("M-", b - 0x80) } else { ("", b) };
    match b {
        0x7f => format!("{meta}^?"),
        0..=0x1f => format!("{meta}^{}", (b + 0x40) as char),
        _ => format!("{meta}{}", b as char),
    }
}

/// `SKIP` of -i or an operand: bytes, with an optional multiplier suffix.
fn skip_value(s: &str) -> Option<usize> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok()?;
    let mult = match &s[digits.len()..] {
        "" => 1,
        "kB" => 1000,
        "K" | "KiB" => 1024,
        "MB" => 1_000_000,
        "M" | "MiB" => 1 << 20,
        "GB" => 1_000_000_000,
        "G" | "GiB" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(mult)
}

pub fn cmp(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (mut bytes, mut list, mut silent) = (false, false, false);
    let mut limit: Option<usize> = None;
    let mut skips = [0usize; 2];
    let mut operands: Vec<String> = vec![];
    let mut i = 1;
    let mut only_operands = false;
    while let Some(a) = argv.get(i) {
        i += 1;
        if only_operands || a == "-" || !a.starts_with('-') {
            operands.push(a.clone());
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        let (name, inline) = match a.strip_prefix("--") {
            Some(long) => match long.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            },
            None => {
                // Clusters of short flags; -n and -i take a value.
                let mut chars = a[1..].chars();
                let mut name = String::new();
                let mut inline = None;
                for c in chars.by_ref() {
                    match c {
                        'b' => bytes = true,
                        'l' => list = true,
                        's' => silent = true,
                        'n' | 'i' => {
                            name = c.to_string();
                            let rest: String = chars.clone().collect();
                            inline = (!rest.is_empty()).then_some(rest);
                            break;
                        }
                        _ => return usage(ctx, &format!("invalid option -- '{c}'")),
                    }
                }
                if name.is_empty() {
                    continue;
                }
                (name, inline)
            }
        };
        let mut value = |ctx: &mut Ctx, long: &str| -> Result<String, i32> {
            match inline.clone().or_else(|| {
                let v = argv.get(i).cloned();
                i += 1;
                v
            }) {
                Some(v) => Ok(v),
                None => Err(usage(
                    ctx,
                    &format!("option requires an argument -- '{long}'"),
                )),
            }
        };
        match name.as_str() {
            "print-bytes" => bytes = true,
            "verbose" => list = true,
            "quiet" | "silent" => silent = true,
            "n" | "bytes" => match value(ctx, "n") {
                Ok(v) => match skip_value(&v) {
                    Some(n) => limit = Some(n),
                    None => return usage(ctx, &format!("invalid --bytes value '{v}'")),
                },
                Err(st) => return st,
            },
            "i" | "ignore-initial" => match value(ctx, "i") {
                Ok(v) => {
                    let (a, b) = v.split_once(':').unwrap_or((&v, &v));
                    match (skip_value(a), skip_value(b)) {
                        (Some(x), Some(y)) => skips = [x, y],
                        _ => return usage(ctx, &format!("invalid --ignore-initial value '{v}'")),
                    }
                }
                Err(st) => return st,
            },
            "version" => {
                ctx.out("cmp (GNU diffutils) 3.8\n");
                return 0;
            }
            "help" => {
                ctx.out("Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]\nCompares two files byte by byte.\n");
                return 0;
            }
            _ => return usage(ctx, &format!("unrecognized option '{a}'")),
        }
    }
    if operands.is_empty() {
        return usage(ctx, "missing operand after 'cmp'");
    }
    if operands.len() > 4 {
        return usage(ctx, &format!("extra operand '{}'", operands[4]));
    }
    for (k, s) in operands.iter().skip(2).enumerate() {
        match skip_value(s) {
            Some(n) => skips[k] = n,
            None => return usage(ctx, &format!("invalid --ignore-initial value '{s}'")),
        }
    }
    if list && silent {
        return usage(ctx, "options -l and -s are incompatible");
    }
    let names = [
        operands[0].clone(),
        operands.get(1).cloned().unwrap_or_else(|| "-".into()),
    ];
    let mut data: [Vec<u8>; 2] = [vec![], vec![]];
    for k in 0..2 {
        match ctx.read(&names[k]) {
            Ok(s) => data[k] = s.into_bytes(),
            Err(e) => {
                if !silent {
                    ctx.err(&format!("cmp: {}: {}\n", names[k], e.msg()));
                }
                return 2;
            }
        }
    }
    let a = data[0].get(skips[0]..).unwrap_or(&[]);
    let b = data[1].get(skips[1]..).unwrap_or(&[]);
    let end = limit.unwrap_or(usize::MAX);
    let common = a.len().min(b.len()).min(end);
    let width = a.len().max(b.len()).to_string().len();
    let mut line = 1;
    let mut differ = false;
    for n in 0..common {
        if a[n] == b[n] {
            if a[n] == b'\n' {
                line += 1;
            }
            continue;
        }
        differ = true;
        if silent {
            return 1;
        }
        if list {
            let row = match bytes {
                true => format!(
                    "{:>width$} {:3o} {:<4} {:3o} {}\n",
                    n + 1,
                    a[n],
                    shown(a[n]),
                    b[n],
                    shown(b[n])
                ),
                false => format!("{:>width$} {:3o} {:3o}\n", n + 1, a[n], b[n]),
            };
            ctx.out(&row);
            continue;
        }
        let mut text = format!(
            "{} {} differ: byte {}, line {line}",
            names[0],
            names[1],
            n + 1
        );
        if bytes {
            text.push_str(&format!(
                " is {:3o} {} {:3o} {}",
                a[n],
                shown(a[n]),
                b[n],
                shown(b[n])
            ));
        }
        ctx.out(&format!("{text}\n"));
        return 1;
    }
    // One ends first (within the limit): EOF on it.
    if a.len().min(end) != b.len().min(end) {
        if !silent {
            let (short, len) = match a.len() < b.len() {
                true => (&names[0], a.len()),
                false => (&names[1], b.len()),
            };
            let text = match (len, list) {
                (0, _) => format!("cmp: EOF on {short} which is empty\n"),
                (_, true) => format!("cmp: EOF on {short} after byte {len}\n"),
                (_, false) => format!("cmp: EOF on {short} after byte {len}, in line {line}\n"),
            };
            ctx.err(&text);
        }
        return 1;
    }
    i32::from(differ)
}
