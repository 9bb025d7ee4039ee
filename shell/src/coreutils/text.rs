//! Text-stream coreutils: cat, tac, head, tail, wc, tee, sort, uniq, cut,
//! tr, rev, nl.

use super::{getopt, lines, q, Ctx};
use crate::vfs::VfsError;

/// Reads each operand (stdin if none) and reports GNU-style errors.
fn inputs(ctx: &mut Ctx, prog: &str, args: &[String]) -> (Vec<(String, String)>, i32) {
    let mut out = Vec::new();
    let mut st = 0;
    let list: Vec<String> = if args.is_empty() {
        vec!["-".into()]
    } else {
        args.to_vec()
    };
    for a in list {
        match ctx.read(&a) {
            Ok(s) => out.push((a, s)),
            Err(e) => {
                ctx.err(&format!("{}: {}: {}\n", prog, a, e.msg()));
                st = 1;
            }
        }
    }
    (out, st)
}

pub fn cat(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let prog = argv[0].clone();
    let o = match getopt(
        ctx,
        &prog,
        argv,
        "nbEAsTvuet",
        "",
        &[
            "number",
            "number-nonblank",
            "show-ends",
            "show-all",
            "squeeze-blank",
            "show-tabs",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let number = o.has('n') || o.long("number");
    let nonblank = o.has('b') || o.long("number-nonblank");
    let ends = o.has('E') || o.has('A') || o.has('e') || o.long("show-ends") || o.long("show-all");
    let show_np = o.has('v') || o.has('A') || o.has('e') || o.has('t');
    let tabs = o.has('T') || o.has('A') || o.has('t') || o.long("show-tabs") || o.long("show-all");
    let list: Vec<String> = if o.args.is_empty() {
        vec!["-".into()]
    } else {
        o.args.clone()
    };
    let mut st = 0;
    let mut n = 0;
    for a in list {
        let data = match ctx.read(&a) {
            Ok(s) => s,
            Err(e) => {
                ctx.err(&format!("{}: {}: {}\n", prog, a, e.msg()));
                st = 1;
                continue;
            }
        };
        if !(number || nonblank || ends || tabs || show_np) {
            ctx.out(&data);
            continue;
        }
        let mut out = String::new();
        for piece in data.split_inclusive('\n') {
            let (line, nl) = match piece.strip_suffix('\n') {
                Some(l) => (l, true),
                None => (piece, false),
            };
            if nonblank && !line.is_empty() || number && !nonblank {
                n += 1;
                out.push_str(&format!("{:6}\t", n));
            }
            for ch in line.chars() {
                match ch {
                    '\t' if tabs => out.push_str("^I"),
                    '\t' => out.push('\t'),
                    c if show_np && (c as u32) < 32 => {
                        out.push('^');
                        out.push(char::from_u32(c as u32 + 64).unwrap_or('?'));
                    }
                    '\u{7f}' if show_np => out.push_str("^?"),
                    c => out.push(c),
                }
            }
            if nl {
                if ends {
                    out.push('$');
                }
                out.push('\n');
            }
        }
        ctx.out(&out);
    }
    st
}

pub fn tac(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (ins, st) = inputs(ctx, "tac", &argv[1..]);
    for (_, d) in ins {
        let mut out = String::new();
        for l in lines(&d).iter().rev() {
            out.push_str(l);
            out.push('\n');
        }
        ctx.out(&out);
    }
    st
}

/// `-5` means `-n 5` for head and tail.
fn numeric_shorthand(argv: &[String]) -> Vec<String> {
    argv.iter()
        .enumerate()
        .map(|(i, a)| {
            let after_opt =
                i > 1 && matches!(argv[i - 1].as_str(), "-n" | "-c" | "--lines" | "--bytes");
            if i > 0
                && !after_opt
                && a.len() > 1
                && a.starts_with('-')
                && a[1..].chars().all(|c| c.is_ascii_digit())
            {
                format!("-n{}", &a[1..])
            } else {
                a.clone()
            }
        })
        .collect()
}

fn parse_count(ctx: &mut Ctx, prog: &str, s: &str, what: &str) -> Option<(i64, bool)> {
    let plus = s.starts_with('+');
    let t = s.trim_start_matches('+');
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (num, mult) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => {
            let m = match &t[i..] {
                "b" => 512,
                "k" | "K" | "KiB" => 1024,
                "kB" => 1000,
                "M" | "MiB" => 1 << 20,
                "MB" => 1_000_000,
                "G" | "GiB" => 1 << 30,
                _ => 0,
            };
            (&t[..i], m)
        }
        None => (t, 1),
    };
    match num.parse::<i64>() {
        Ok(n) if mult > 0 => Some((if neg { -n * mult } else { n * mult }, plus)),
        _ => {
            ctx.err(&format!("{}: invalid number of {}: ‘{}’\n", prog, what, s));
            None
        }
    }
}

fn head_tail(ctx: &mut Ctx, argv: &[String], tail: bool) -> i32 {
    let prog = if tail { "tail" } else { "head" };
    let argv = numeric_shorthand(argv);
    let o = match getopt(
        ctx,
        prog,
        &argv,
        if tail { "qvfF" } else { "qv" },
        if tail { "ncs" } else { "nc" },
        if tail {
            &[
                "lines=",
                "bytes=",
                "quiet",
                "silent",
                "verbose",
                "follow",
                "retry",
                "sleep-interval=",
                "pid=",
                "max-unchanged-stats=",
            ]
        } else {
            &["lines=", "bytes=", "quiet", "silent", "verbose"]
        },
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let (count, bytes) = match (
        o.val('c').or(o.long_val("bytes")),
        o.val('n').or(o.long_val("lines")),
    ) {
        (Some(c), _) => (c.to_string(), true),
        (None, Some(n)) => (n.to_string(), false),
        _ => ("10".to_string(), false),
    };
    let what = if bytes { "bytes" } else { "lines" };
    let Some((n, plus)) = parse_count(ctx, prog, &count, what) else {
        return 1;
    };
    let list: Vec<String> = if o.args.is_empty() {
        vec!["-".into()]
    } else {
        o.args.clone()
    };
    let headers = (list.len() > 1 && !o.has('q')) || o.has('v');
    let follow = tail && (o.has('f') || o.has('F') || o.long("follow"));
    let retry = o.has('F') || o.long("retry");
    // Files tail -f goes on reading: a pipe on stdin is not one (POSIX).
    let mut followed = 0;
    let mut st = 0;
    let mut first = true;
    for a in &list {
        let data = match ctx.read(a) {
            Ok(s) => s,
            Err(e) => {
                let why = e.msg();
                if e == VfsError::IsDir {
                    ctx.err(&format!("{}: error reading {}: {}\n", prog, q(a), why));
                    if follow {
                        ctx.err(&format!(
                            "tail: {a}: cannot follow end of this type of file; giving up on this name\n"
                        ));
                    }
                } else {
                    ctx.err(&format!(
                        "{}: cannot open {} for reading: {}\n",
                        prog,
                        q(a),
                        why
                    ));
                }
                st = 1;
                if retry && e != VfsError::IsDir {
                    followed += 1;
                }
                continue;
            }
        };
        if a != "-" {
            followed += 1;
        }
        if headers {
            let name = if a == "-" {
                "standard input"
            } else {
                a.as_str()
            };
            ctx.out(&format!(
                "{}==> {} <==\n",
                if first { "" } else { "\n" },
                name
            ));
        }
        first = false;
        let out = if bytes {
            let b = data.as_bytes();
            let len = b.len() as i64;
            let (s, e) = if tail {
                if plus {
                    ((n - 1).clamp(0, len), len)
                } else {
                    ((len - n.abs()).max(0), len)
                }
            } else if n < 0 {
                (0, (len + n).max(0))
            } else {
                (0, n.min(len))
            };
            String::from_utf8_lossy(&b[s as usize..e as usize]).into_owned()
        } else {
            let pieces: Vec<&str> = data.split_inclusive('\n').collect();
            let len = pieces.len() as i64;
            let (s, e) = if tail {
                if plus {
                    ((n - 1).clamp(0, len), len)
                } else {
                    ((len - n.abs()).max(0), len)
                }
            } else if n < 0 {
                (0, (len + n).max(0))
            } else {
                (0, n.min(len))
            };
            pieces[s as usize..e as usize].concat()
        };
        ctx.out(&out);
    }
    if follow {
        if followed == 0 && list.iter().any(|a| a != "-") {
            ctx.err("tail: no files remaining\n");
            return 1;
        }
        ctx.follow = followed > 0;
    }
    st
}

pub fn head(ctx: &mut Ctx, argv: &[String]) -> i32 {
    head_tail(ctx, argv, false)
}

pub fn tail(ctx: &mut Ctx, argv: &[String]) -> i32 {
    head_tail(ctx, argv, true)
}

pub fn wc(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "wc",
        argv,
        "lwcmL",
        "",
        &["lines", "words", "bytes", "chars", "max-line-length"],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut sel = [
        o.has('l') || o.long("lines"),
        o.has('w') || o.long("words"),
        o.has('m') || o.long("chars"),
        o.has('c') || o.long("bytes"),
        o.has('L') || o.long("max-line-length"),
    ];
    if !sel.iter().any(|b| *b) {
        sel = [true, true, false, true, false];
    }
    let list: Vec<String> = if o.args.is_empty() {
        vec!["-".into()]
    } else {
        o.args.clone()
    };
    let mut rows: Vec<([usize; 5], Option<String>)> = Vec::new();
    let mut st = 0;
    let mut regular_total = 0usize;
    let mut min_width = 1;
    let mut first_failed = false;
    for (i, a) in list.iter().enumerate() {
        match ctx.read(a) {
            Ok(d) => {
                if a == "-" {
                    min_width = 7;
                } else {
                    regular_total += d.len();
                }
                let counts = [
                    d.matches('\n').count(),
                    d.split_whitespace().count(),
                    d.chars().count(),
                    d.len(),
                    d.lines().map(|l| l.chars().count()).max().unwrap_or(0),
                ];
                rows.push((
                    counts,
                    if o.args.is_empty() {
                        None
                    } else {
                        Some(a.clone())
                    },
                ));
            }
            Err(e) => {
                if i == 0 {
                    first_failed = true;
                }
                ctx.err(&format!("wc: {}: {}\n", a, e.msg()));
                st = 1;
            }
        }
    }
    let mut width = 1;
    if !first_failed {
        let mut t = regular_total;
        while t >= 10 {
            width += 1;
            t /= 10;
        }
        width = width.max(min_width);
    }
    let nsel = sel.iter().filter(|b| **b).count();
    if nsel == 1 && list.len() == 1 {
        width = 1;
    }
    if list.len() > 1 {
        let mut tot = [0usize; 5];
        for (c, _) in &rows {
            for k in 0..4 {
                tot[k] += c[k];
            }
            tot[4] = tot[4].max(c[4]);
        }
        rows.push((tot, Some("total".into())));
    }
    let mut out = String::new();
    for (c, name) in rows {
        let mut parts = Vec::new();
        for k in 0..5 {
            if sel[k] {
                parts.push(format!("{:>w$}", c[k], w = width));
            }
        }
        out.push_str(&parts.join(" "));
        if let Some(n) = name {
            out.push(' ');
            out.push_str(&n);
        }
        out.push('\n');
    }
    ctx.out(&out);
    st
}

pub fn tee(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "tee", argv, "ai", "", &["append"], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let data = std::mem::take(&mut ctx.stdin);
    let mut st = 0;
    for a in &o.args {
        let p = ctx.path(a);
        // The terminal's own streams, as /dev/std* name them.
        match p.as_str() {
            "/dev/stdout" => {
                ctx.out(&data);
                continue;
            }
            "/dev/stderr" => {
                ctx.err(&data);
                continue;
            }
            _ => {}
        }
        if let Err(e) = ctx.vfs.write_checked(&p, &data, o.has('a')) {
            ctx.err(&format!("tee: {}: {}\n", a, e.msg()));
            st = 1;
        }
    }
    ctx.out(&data);
    st
}

/// The part of a line `sort -k` compares.
fn sort_key(line: &str, key: &Key, sep: Option<char>) -> String {
    let fields: Vec<&str> = match sep {
        Some(c) => line.split(c).collect(),
        None => {
            // Blank-separated fields keep their leading blanks.
            let mut v = Vec::new();
            let mut start = 0;
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
                while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                    i += 1;
                }
                v.push(&line[start..i]);
                start = i;
            }
            v
        }
    };
    let s = key.start.saturating_sub(1);
    if s >= fields.len() {
        return String::new();
    }
    let e = key.end.unwrap_or(fields.len()).min(fields.len()).max(s + 1);
    let joiner = sep.map(|c| c.to_string()).unwrap_or_default();
    fields[s..e].join(&joiner)
}

struct Key {
    start: usize,
    end: Option<usize>,
    /// How the key compares: its own ordering letters, else the global ones.
    order: Order,
    reverse: bool,
}

/// sort's ordering options.
#[derive(Clone, Copy, Default)]
struct Order {
    numeric: bool,
    human: bool,
    fold: bool,
    version: bool,
}

/// `-V`: digit runs compare as numbers, the rest as text (filevercmp's
/// common case: `1.2.9` before `1.2.10`).
fn version_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = vec![];
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let c = match (x, y) {
            ((true, p), (true, q)) => {
                let (p, q) = (p.trim_start_matches('0'), q.trim_start_matches('0'));
                p.len().cmp(&q.len()).then_with(|| p.cmp(q))
            }
            ((_, p), (_, q)) => p.cmp(q),
        };
        if c != std::cmp::Ordering::Equal {
            return c;
        }
    }
    ca.len().cmp(&cb.len())
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() || c == '.' || (i == 0 && c == '-') {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

fn human_num(s: &str) -> f64 {
    let t = s.trim();
    let v = num_prefix(t);
    let suffix = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
    let m = match suffix.chars().next() {
        Some('K') | Some('k') => 1e3,
        Some('M') => 1e6,
        Some('G') => 1e9,
        Some('T') => 1e12,
        _ => 1.0,
    };
    v * m
}

pub fn sort(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "sort",
        argv,
        "rnuhfbsVcM",
        "ktoS",
        &[
            "reverse",
            "numeric-sort",
            "unique",
            "human-numeric-sort",
            "ignore-case",
            "key=",
            "field-separator=",
            "output=",
            "version-sort",
            "stable",
        ],
        2,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut data = String::new();
    let list: Vec<String> = if o.args.is_empty() {
        vec!["-".into()]
    } else {
        o.args.clone()
    };
    for a in &list {
        match ctx.read(a) {
            Ok(s) => {
                data.push_str(&s);
                if !s.is_empty() && !s.ends_with('\n') {
                    data.push('\n');
                }
            }
            Err(e) => {
                ctx.err(&format!("sort: cannot read: {}: {}\n", a, e.msg()));
                return 2;
            }
        }
    }
    let global = Order {
        numeric: o.has('n') || o.long("numeric-sort"),
        human: o.has('h') || o.long("human-numeric-sort"),
        fold: o.has('f') || o.long("ignore-case"),
        version: o.has('V') || o.long("version-sort"),
    };
    let reverse = o.has('r') || o.long("reverse");
    let sep = o
        .val('t')
        .or(o.long_val("field-separator"))
        .and_then(|s| s.chars().next());
    let mut keys = Vec::new();
    for (c, v) in &o.vals {
        if *c != 'k' {
            continue;
        }
        let (a, b) = match v.split_once(',') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (v.clone(), None),
        };
        let parse = |s: &str| -> (Option<usize>, String) {
            let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            let flags: String = s.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            (digits.parse().ok(), flags)
        };
        let (start, f1) = parse(&a);
        let (end, f2) = b.as_deref().map(parse).unwrap_or((None, String::new()));
        let Some(start) = start.filter(|s| *s > 0) else {
            ctx.err(&format!(
                "sort: invalid number at field start: invalid count at start of ‘{}’\n",
                v
            ));
            return 2;
        };
        let flags = f1 + &f2;
        // A key with ordering letters of its own takes none of the global ones.
        let order = if flags.chars().any(|c| "nhfVgM".contains(c)) {
            Order {
                numeric: flags.contains('n') || flags.contains('g'),
                human: flags.contains('h'),
                fold: flags.contains('f'),
                version: flags.contains('V'),
            }
        } else {
            global
        };
        keys.push(Key {
            start,
            end,
            order,
            reverse: flags.contains('r'),
        });
    }
    let mut ls: Vec<&str> = lines(&data);
    let cmp_key = |a: &str, b: &str, order: Order| -> std::cmp::Ordering {
        if order.human {
            return human_num(a)
                .partial_cmp(&human_num(b))
                .unwrap_or(std::cmp::Ordering::Equal);
        }
        if order.numeric {
            return num_prefix(a)
                .partial_cmp(&num_prefix(b))
                .unwrap_or(std::cmp::Ordering::Equal);
        }
        if order.version {
            return version_cmp(a, b);
        }
        if order.fold {
            return a.to_uppercase().cmp(&b.to_uppercase());
        }
        a.cmp(b)
    };
    let compare = |a: &&str, b: &&str| -> std::cmp::Ordering {
        if keys.is_empty() {
            let c = cmp_key(a, b, global);
            return c;
        }
        for k in &keys {
            let ka = sort_key(a, k, sep);
            let kb = sort_key(b, k, sep);
            let mut c = cmp_key(&ka, &kb, k.order);
            if k.reverse {
                c = c.reverse();
            }
            if c != std::cmp::Ordering::Equal {
                return c;
            }
        }
        std::cmp::Ordering::Equal
    };
    let stable = o.has('s') || o.long("stable");
    ls.sort_by(|a, b| {
        let c = compare(a, b);
        if c == std::cmp::Ordering::Equal && !stable && !o.has('u') {
            a.cmp(b)
        } else {
            c
        }
    });
    if reverse {
        ls.reverse();
    }
    if o.has('u') || o.long("unique") {
        ls.dedup_by(|a, b| compare(a, b) == std::cmp::Ordering::Equal);
    }
    let mut out = String::new();
    for l in ls {
        out.push_str(l);
        out.push('\n');
    }
    if let Some(path) = o.val('o') {
        let p = ctx.path(path);
        let _ = ctx.vfs.write_checked(&p, &out, false);
        return 0;
    }
    ctx.out(&out);
    0
}

pub fn uniq(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "uniq",
        argv,
        "cdui",
        "",
        &["count", "repeated", "unique", "ignore-case"],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let input = o.args.first().cloned().unwrap_or_else(|| "-".into());
    let data = match ctx.read(&input) {
        Ok(d) => d,
        Err(e) => {
            ctx.err(&format!("uniq: {}: {}\n", input, e.msg()));
            return 1;
        }
    };
    let icase = o.has('i');
    let eq = |a: &str, b: &str| {
        if icase {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for l in lines(&data) {
        match groups.last_mut() {
            Some((g, n)) if eq(g, l) => *n += 1,
            _ => groups.push((l, 1)),
        }
    }
    let mut out = String::new();
    for (l, n) in groups {
        if (o.has('d') && n < 2) || (o.has('u') && n > 1) {
            continue;
        }
        if o.has('c') || o.long("count") {
            out.push_str(&format!("{:7} {}\n", n, l));
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    if let Some(outp) = o.args.get(1) {
        let p = ctx.path(outp);
        let _ = ctx.vfs.write_checked(&p, &out, false);
        return 0;
    }
    ctx.out(&out);
    0
}

/// A cut list like `1,3-5,7-`: (start, end) 1-based inclusive.
fn parse_list(s: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    for part in s.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return None;
        }
        v.push((a, b));
    }
    Some(v)
}

pub fn cut(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "cut",
        argv,
        "sn",
        "dfcb",
        &[
            "delimiter=",
            "fields=",
            "characters=",
            "bytes=",
            "only-delimited",
            "complement",
            "output-delimiter=",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let fields = o.val('f').or(o.long_val("fields"));
    let chars = o
        .val('c')
        .or(o.val('b'))
        .or(o.long_val("characters"))
        .or(o.long_val("bytes"));
    let (spec, by_field) = match (fields, chars) {
        (Some(_), Some(_)) => {
            ctx.err(
                "cut: only one list may be specified\nTry 'cut --help' for more information.\n",
            );
            return 1;
        }
        (Some(f), None) => (f.to_string(), true),
        (None, Some(c)) => (c.to_string(), false),
        (None, None) => {
            ctx.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
            return 1;
        }
    };
    let Some(ranges) = parse_list(&spec) else {
        ctx.err(&format!(
            "cut: invalid field value ‘{}’\nTry 'cut --help' for more information.\n",
            spec
        ));
        return 1;
    };
    let delim = o
        .val('d')
        .or(o.long_val("delimiter"))
        .unwrap_or("\t")
        .to_string();
    if delim.chars().count() != 1 {
        ctx.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
        return 1;
    }
    let d = delim.chars().next().unwrap_or('\t');
    let out_delim = o
        .long_val("output-delimiter")
        .map(|s| s.to_string())
        .unwrap_or_else(|| d.to_string());
    let complement = o.long("complement");
    let sel = |i: usize| ranges.iter().any(|&(a, b)| i >= a && i <= b) != complement;
    let (ins, st) = inputs(ctx, "cut", &o.args);
    let mut out = String::new();
    for (_, data) in ins {
        for l in lines(&data) {
            if by_field {
                if !l.contains(d) {
                    if !o.has('s') {
                        out.push_str(l);
                        out.push('\n');
                    }
                    continue;
                }
                let picked: Vec<&str> = l
                    .split(d)
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, f)| f)
                    .collect();
                out.push_str(&picked.join(&out_delim));
            } else {
                let picked: String = l
                    .chars()
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, c)| c)
                    .collect();
                out.push_str(&picked);
            }
            out.push('\n');
        }
    }
    ctx.out(&out);
    st
}

/// Expands a tr set: ranges, classes and escapes.
fn tr_set(s: &str) -> Vec<char> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let esc = |c: char| match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '\\' => '\\',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        other => other,
    };
    while i < cs.len() {
        if cs[i] == '[' && cs.get(i + 1) == Some(&':') {
            let rest: String = cs[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let name = &rest[..end];
                let range: Vec<char> = (0u8..=127).map(|b| b as char).collect();
                let pick: Vec<char> = match name {
                    "lower" => ('a'..='z').collect(),
                    "upper" => ('A'..='Z').collect(),
                    "digit" => ('0'..='9').collect(),
                    "alpha" => ('A'..='Z').chain('a'..='z').collect(),
                    "alnum" => ('0'..='9').chain('A'..='Z').chain('a'..='z').collect(),
                    "space" => vec![' ', '\t', '\n', '\r', '\x0b', '\x0c'],
                    "blank" => vec![' ', '\t'],
                    "punct" => range
                        .iter()
                        .copied()
                        .filter(|c| c.is_ascii_punctuation())
                        .collect(),
                    "xdigit" => ('0'..='9').chain('A'..='F').chain('a'..='f').collect(),
                    "cntrl" => range
                        .iter()
                        .copied()
                        .filter(|c| c.is_ascii_control())
                        .collect(),
                    _ => vec![],
                };
                out.extend(pick);
                i += 2 + end + 2;
                continue;
            }
        }
        let c = if cs[i] == '\\' && i + 1 < cs.len() {
            i += 1;
            esc(cs[i])
        } else {
            cs[i]
        };
        if cs.get(i + 1) == Some(&'-') && i + 2 < cs.len() {
            let hi = if cs[i + 2] == '\\' && i + 3 < cs.len() {
                i += 1;
                esc(cs[i + 2])
            } else {
                cs[i + 2]
            };
            if hi >= c {
                let mut x = c as u32;
                while x <= hi as u32 && out.len() < 100_000 {
                    if let Some(ch) = char::from_u32(x) {
                        out.push(ch);
                    }
                    x += 1;
                }
            }
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

pub fn tr(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "tr",
        argv,
        "dscC",
        "",
        &["delete", "squeeze-repeats", "complement"],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let delete = o.has('d');
    let squeeze = o.has('s');
    let complement = o.has('c') || o.has('C');
    if o.args.is_empty() {
        ctx.err("tr: missing operand\nTry 'tr --help' for more information.\n");
        return 1;
    }
    if !delete && !squeeze && o.args.len() < 2 {
        ctx.err(&format!("tr: missing operand after ‘{}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n", o.args[0]));
        return 1;
    }
    let set1 = tr_set(&o.args[0]);
    let set2 = o.args.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let in1 = |c: char| set1.contains(&c) != complement;
    let data = std::mem::take(&mut ctx.stdin);
    let mut out = String::new();
    let mut last: Option<char> = None;
    for c in data.chars() {
        let mapped = if delete {
            if in1(c) {
                continue;
            }
            Some(c)
        } else if !(set2.is_empty() || squeeze && o.args.len() < 2) {
            if in1(c) {
                let idx = if complement {
                    set2.len() - 1
                } else {
                    set1.iter().position(|&x| x == c).unwrap_or(0)
                };
                Some(*set2.get(idx).unwrap_or_else(|| set2.last().unwrap_or(&c)))
            } else {
                Some(c)
            }
        } else {
            Some(c)
        };
        let Some(m) = mapped else { continue };
        if squeeze {
            let sq_set = if set2.is_empty() || delete {
                &set1
            } else {
                &set2
            };
            let in_sq = if set2.is_empty() || delete {
                sq_set.contains(&m) != complement
            } else {
                sq_set.contains(&m)
            };
            if in_sq && last == Some(m) {
                continue;
            }
        }
        last = Some(m);
        out.push(m);
    }
    ctx.out(&out);
    0
}

pub fn rev(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (ins, st) = inputs(ctx, "rev", &argv[1..]);
    let mut out = String::new();
    for (_, d) in ins {
        for l in lines(&d) {
            out.extend(l.chars().rev());
            out.push('\n');
        }
    }
    ctx.out(&out);
    st
}

pub fn nl(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (ins, st) = inputs(
        ctx,
        "nl",
        &argv[1..]
            .iter()
            .filter(|a| !a.starts_with('-'))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let mut out = String::new();
    let mut n = 0;
    for (_, d) in ins {
        for l in lines(&d) {
            if l.is_empty() {
                out.push_str("       \n");
            } else {
                n += 1;
                out.push_str(&format!("{:6}\t{}\n", n, l));
            }
        }
    }
    ctx.out(&out);
    st
}

pub fn paste(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "paste", argv, "s", "d", &["serial", "delimiters="], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let delims: Vec<char> = o
        .val('d')
        .or(o.long_val("delimiters"))
        .unwrap_or("\t")
        .replace("\\t", "\t")
        .replace("\\n", "\n")
        .chars()
        .collect();
    let delim = |i: usize| delims.get(i % delims.len().max(1)).copied().unwrap_or('\t');
    let (mut ins, st) = inputs(ctx, "paste", &o.args);
    // Several `-`: each takes the next line of stdin in turn.
    let dashes: Vec<usize> = (0..ins.len()).filter(|&i| ins[i].0 == "-").collect();
    if dashes.len() > 1 && !(o.has('s') || o.long("serial")) {
        let all: String = dashes
            .iter()
            .map(|&i| std::mem::take(&mut ins[i].1))
            .collect();
        for (k, line) in lines(&all).iter().enumerate() {
            let col = &mut ins[dashes[k % dashes.len()]].1;
            col.push_str(line);
            col.push('\n');
        }
    }
    let mut out = String::new();
    if o.has('s') || o.long("serial") {
        for (_, d) in &ins {
            for (i, l) in lines(d).iter().enumerate() {
                if i > 0 {
                    out.push(delim(i - 1));
                }
                out.push_str(l);
            }
            out.push('\n');
        }
    } else {
        let cols: Vec<Vec<&str>> = ins.iter().map(|(_, d)| lines(d)).collect();
        let rows = cols.iter().map(|c| c.len()).max().unwrap_or(0);
        for r in 0..rows {
            for (i, c) in cols.iter().enumerate() {
                if i > 0 {
                    out.push(delim(i - 1));
                }
                out.push_str(c.get(r).copied().unwrap_or(""));
            }
            out.push('\n');
        }
    }
    ctx.out(&out);
    st
}
