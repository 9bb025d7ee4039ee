//! truncate: sets file sizes (`-s N`, `+N`, `-N`, `<N`, `>N`, `/N`, `%N`,
//! `-r RFILE`), creating files unless `-c`.

use super::num::{byte_text, xstrtoumax, NumErr};
use super::{getopt, q, Ctx};

/// The VFS holds files in memory: a size past this fails as a full
/// file system would, rather than allocating it.
const MAX_SIZE: i64 = 1 << 24;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Abs,
    Rel,
    AtMost,
    AtLeast,
    RoundDown,
    RoundUp,
}

fn usage(ctx: &mut Ctx, msg: &str) -> i32 {
    ctx.err(&format!(
        "truncate: {}\nTry 'truncate --help' for more information.\n",
        msg
    ));
    1
}

/// Parses `--size`: the mode prefix and the signed size (xdectoimax).
fn parse_size(arg: &str) -> Result<(Mode, i64), String> {
    let mut s = arg.trim_start();
    let mut mode = Mode::Abs;
    for (c, m) in [
        ('<', Mode::AtMost),
        ('>', Mode::AtLeast),
        ('/', Mode::RoundDown),
        ('%', Mode::RoundUp),
    ] {
        if let Some(rest) = s.strip_prefix(c) {
            mode = m;
            s = rest.trim_start();
            break;
        }
    }
    if s.starts_with(['+', '-']) {
        if mode != Mode::Abs {
            return Err("multiple relative modifiers specified".into());
        }
        mode = Mode::Rel;
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let bad = |why: &str| format!("Invalid number: ‘{}’{}", s, why);
    let (v, err) = xstrtoumax(digits, 10, "EgGkKmMPtTYZ0");
    let v = match err {
        // A second sign is not a number.
        _ if digits.starts_with(['+', '-']) => return Err(bad("")),
        None if v <= i64::MAX as u64 => v as i64,
        None if neg && v == 1 << 63 => i64::MIN,
        None | Some(NumErr::Overflow) => {
            return Err(bad(": Value too large for defined data type"))
        }
        Some(_) => return Err(bad("")),
    };
    if matches!(mode, Mode::RoundDown | Mode::RoundUp) && v == 0 {
        return Err("division by zero".into());
    }
    Ok((mode, if neg { v.wrapping_neg() } else { v }))
}

pub fn truncate(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "truncate",
        argv,
        "co",
        "rs",
        &["no-create", "io-blocks", "reference=", "size="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut size = None;
    let sizes = o.vals.iter().filter(|(c, _)| *c == 's').map(|(_, v)| v);
    let long_sizes = o
        .longs
        .iter()
        .filter(|(n, _)| n == "size")
        .filter_map(|(_, v)| v.as_ref());
    for v in sizes.chain(long_sizes) {
        match parse_size(v) {
            Ok(s) => size = Some(s),
            Err(e) if e.starts_with("multiple") => return usage(ctx, &e),
            Err(e) => {
                ctx.err(&format!("truncate: {}\n", e));
                return 1;
            }
        }
    }
    let reference = o.val('r').or(o.long_val("reference")).map(str::to_string);
    let blocks = o.has('o') || o.long("io-blocks");
    match (&reference, size) {
        (None, None) => return usage(ctx, "you must specify either ‘--size’ or ‘--reference’"),
        (Some(_), Some((Mode::Abs, _))) => {
            return usage(
                ctx,
                "you must specify a relative ‘--size’ with ‘--reference’",
            )
        }
        (_, None) if blocks => {
            return usage(ctx, "‘--io-blocks’ was specified but ‘--size’ was not")
        }
        _ => {}
    }
    if o.args.is_empty() {
        return usage(ctx, "missing file operand");
    }
    let mut ref_size = None;
    if let Some(r) = &reference {
        match ctx.vfs.stat(&ctx.path(r)) {
            Some(n) => ref_size = Some(n.size() as i64),
            None => {
                ctx.err(&format!(
                    "truncate: cannot stat {}: No such file or directory\n",
                    q(r)
                ));
                return 1;
            }
        }
    }
    let (mode, mut amount) = size.unwrap_or((Mode::Abs, ref_size.unwrap_or(0)));
    if blocks {
        amount = amount.saturating_mul(4096);
    }
    let no_create = o.has('c') || o.long("no-create");
    let mut st = 0;
    for f in &o.args {
        let p = ctx.path(f);
        let node = ctx.vfs.stat(&p).cloned();
        let data = match node.as_ref().map(|n| &n.kind) {
            None if no_create => continue,
            Some(crate::vfs::Kind::Dir) => {
                ctx.err(&format!(
                    "truncate: cannot open {} for writing: Is a directory\n",
                    q(f)
                ));
                st = 1;
                continue;
            }
            Some(crate::vfs::Kind::File(s)) => s.clone(),
            Some(_) => continue,
            None => String::new(),
        };
        let now = ref_size
            .filter(|_| size.is_some())
            .unwrap_or(data.len() as i64);
        let new = match mode {
            Mode::Abs => amount,
            Mode::Rel => now.saturating_add(amount),
            Mode::AtMost => now.min(amount),
            Mode::AtLeast => now.max(amount),
            Mode::RoundDown => now - now % amount,
            Mode::RoundUp => match now % amount {
                0 => now,
                r => now.saturating_add(amount - r),
            },
        }
        .max(0);
        if new > MAX_SIZE {
            ctx.err(&format!(
                "truncate: failed to truncate {} at {} bytes: File too large\n",
                q(f),
                new
            ));
            st = 1;
            continue;
        }
        let new = new as usize;
        let mut bytes = data.into_bytes();
        bytes.resize(new, 0);
        if let Err(e) = ctx.vfs.write_checked(&p, &byte_text(&bytes), false) {
            ctx.err(&format!(
                "truncate: cannot open {} for writing: {}\n",
                q(f),
                e.msg()
            ));
            st = 1;
        }
    }
    st
}
