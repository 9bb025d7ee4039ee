//! stat: the default layout, and `-c`/`--format`/`--printf` directives
//! with printf-style flags, width and precision as GNU stat.c reads them.

use super::{getopt, q, Ctx};
use crate::vfs::{Canon, Kind, Node, VfsError};

/// One directive's value, formatted the way its printf conversion is.
enum Val {
    Str(String),
    Int(i64),
    /// `%a`: octal, with `#` meaning a leading 0.
    Oct(u64),
}

/// When a file last changed: the VFS keeps one time, so access, change
/// and modification are all it.
fn time_text(ms: i64) -> String {
    crate::timefmt::strftime("%Y-%m-%d %H:%M:%S.%N +0000", ms)
}

/// A stable stand-in for an inode number, from what identifies the file
/// (`Vfs::file_id`: one for all its hard links).
fn inode(id: &str) -> i64 {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    (h % 4_000_000 + 100_000) as i64
}

fn blocks(n: &Node) -> i64 {
    match n.kind {
        _ if n.is_symlink() => 0,
        Kind::Dir => 8,
        Kind::File(_) => (n.size() as i64 + 4095) / 4096 * 8,
        _ => 0,
    }
}

fn kind_text(n: &Node) -> &'static str {
    match n.kind {
        _ if n.is_symlink() => "symbolic link",
        Kind::Dir => "directory",
        Kind::File(ref s) if s.is_empty() => "regular empty file",
        Kind::File(_) => "regular file",
        Kind::Null | Kind::Zero | Kind::Random => "character special file",
    }
}

struct File<'a> {
    name: &'a str,
    /// What identifies the file (for `%i`).
    id: &'a str,
    node: &'a Node,
    links: i64,
}

/// `%N`: the quoted name, and where a link points.
fn quoted_name(f: &File) -> String {
    match &f.node.link {
        Some(t) => format!("{} -> {}", q(f.name), q(t)),
        None => q(f.name),
    }
}

fn value(f: &File, c: char) -> Option<Val> {
    let n = f.node;
    Some(match c {
        'n' => Val::Str(f.name.to_string()),
        'N' => Val::Str(quoted_name(f)),
        's' => Val::Int(n.size() as i64),
        'a' => Val::Oct((n.mode & 0o7777) as u64),
        'A' => Val::Str(super::ls::mode_of(n)),
        'U' | 'G' => Val::Str("root".into()),
        'u' | 'g' => Val::Int(0),
        'F' => Val::Str(kind_text(n).into()),
        'h' => Val::Int(f.links),
        'i' => Val::Int(inode(f.id)),
        'b' => Val::Int(blocks(n)),
        'B' => Val::Int(512),
        'o' => Val::Int(4096),
        'm' => Val::Str("/".into()),
        'x' | 'y' | 'z' => Val::Str(time_text(n.mtime)),
        'X' | 'Y' | 'Z' => Val::Int(n.mtime.div_euclid(1000)),
        'w' => Val::Str("-".into()),
        'W' => Val::Int(0),
        _ => return None,
    })
}

/// Applies a directive's flags, width and precision (`spec` is what sat
/// between `%` and the conversion).
fn render(spec: &str, v: Val) -> String {
    let flags: String = spec
        .chars()
        .take_while(|c| "'-+ #0I".contains(*c))
        .collect();
    let rest = &spec[flags.len()..];
    let (w, p) = match rest.split_once('.') {
        Some((w, p)) => (w, Some(p.parse::<usize>().unwrap_or(0))),
        None => (rest, None),
    };
    // Widths past any terminal are clamped: they only pad.
    let width = w.parse::<usize>().unwrap_or(0).min(4096);
    let p = p.map(|p| p.min(4096));
    let left = flags.contains('-');
    let (sign, body, zero_ok) = match v {
        Val::Str(s) => {
            let s = match p {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            (String::new(), s, false)
        }
        Val::Int(i) => {
            let digits = format!("{:0>1$}", i.unsigned_abs(), p.unwrap_or(0));
            let sign = if i < 0 {
                "-"
            } else if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            (sign.to_string(), digits, p.is_none())
        }
        Val::Oct(o) => {
            let mut digits = format!("{:0>1$o}", o, p.unwrap_or(0));
            if flags.contains('#') && !digits.starts_with('0') {
                digits.insert(0, '0');
            }
            (String::new(), digits, p.is_none())
        }
    };
    let len = sign.chars().count() + body.chars().count();
    let fill = width.saturating_sub(len);
    if left {
        format!("{}{}{}", sign, body, " ".repeat(fill))
    } else if flags.contains('0') && zero_ok {
        format!("{}{}{}", sign, "0".repeat(fill), body)
    } else {
        format!("{}{}{}", " ".repeat(fill), sign, body)
    }
}

/// print_it: expands one format for one file. Err is a fatal directive.
fn expand(ctx: &mut Ctx, fmt: &str, f: &File, escapes: bool) -> Result<String, String> {
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c == '%' {
            let start = i;
            while i < cs.len() && "'-+ #0I".contains(cs[i]) {
                i += 1;
            }
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if i < cs.len() && cs[i] == '.' {
                i += 1;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let spec: String = cs[start..i].iter().collect();
            match cs.get(i) {
                None | Some('%') => {
                    if !spec.is_empty() {
                        let conv = cs.get(i).map(|c| c.to_string()).unwrap_or_default();
                        return Err(format!("‘%{}{}’: invalid directive", spec, conv));
                    }
                    out.push('%');
                }
                Some(&conv) => match value(f, conv) {
                    Some(v) => out.push_str(&render(&spec, v)),
                    None => out.push('?'),
                },
            }
            i += 1;
        } else if c == '\\' && escapes {
            match cs.get(i) {
                None => {
                    ctx.err("stat: warning: backslash at end of format\n");
                    out.push('\\');
                }
                Some(d) if d.is_digit(8) => {
                    let mut v = 0u32;
                    let mut k = 0;
                    while k < 3 && cs.get(i).is_some_and(|d| d.is_digit(8)) {
                        v = v * 8 + cs[i].to_digit(8).unwrap_or(0);
                        i += 1;
                        k += 1;
                    }
                    out.push(char::from_u32(v & 0xff).unwrap_or('?'));
                }
                Some('x') if cs.get(i + 1).is_some_and(|d| d.is_ascii_hexdigit()) => {
                    i += 1;
                    let mut v = 0u32;
                    let mut k = 0;
                    while k < 2 && cs.get(i).is_some_and(|d| d.is_ascii_hexdigit()) {
                        v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                        i += 1;
                        k += 1;
                    }
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
                Some(&e) => {
                    i += 1;
                    out.push(match e {
                        'a' => '\x07',
                        'b' => '\x08',
                        'e' => '\x1b',
                        'f' => '\x0c',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'v' => '\x0b',
                        '"' | '\\' => e,
                        _ => {
                            ctx.err(&format!("stat: warning: unrecognized escape '\\{}'\n", e));
                            e
                        }
                    });
                }
            }
        } else {
            out.push(c);
        }
        if out.len() > ctx.limit {
            break;
        }
    }
    Ok(out)
}

pub fn stat(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "stat",
        argv,
        "L",
        "c",
        &["format=", "printf=", "dereference", "cached="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.args.is_empty() {
        ctx.err("stat: missing operand\nTry 'stat --help' for more information.\n");
        return 1;
    }
    // The last of -c/--format/--printf wins; only --printf reads escapes
    // and leaves out the newline.
    let mut format: Option<(String, bool)> = None;
    for (c, v) in &o.vals {
        if *c == 'c' {
            format = Some((v.clone(), false));
        }
    }
    for (n, v) in &o.longs {
        match (n.as_str(), v) {
            ("format", Some(v)) => format = Some((v.clone(), false)),
            ("printf", Some(v)) => format = Some((v.clone(), true)),
            _ => {}
        }
    }
    // A link itself unless -L (or a trailing slash) says its target.
    let follow = o.has('L') || o.long("dereference");
    let mut st = 0;
    for a in &o.args {
        let p = ctx.path(a);
        let follow = follow || (a.ends_with('/') && p != "/");
        let node = if follow {
            ctx.vfs.stat(&p)
        } else {
            ctx.vfs.lstat(&p)
        };
        let Some(n) = node.cloned() else {
            let e = ctx.vfs.stat_error(&p, follow).unwrap_or(VfsError::NotFound);
            ctx.err(&format!("stat: cannot statx {}: {}\n", q(a), e.msg()));
            st = 1;
            continue;
        };
        let key = match follow {
            true => ctx.vfs.canonical(&p, Canon::Existing).unwrap_or(p.clone()),
            false => p.clone(),
        };
        let id = ctx.vfs.file_id(&key, false).unwrap_or_default();
        let file = File {
            name: a,
            id: &id,
            node: &n,
            links: ctx.vfs.links(&key) as i64,
        };
        match &format {
            Some((fmt, printf)) => match expand(ctx, fmt, &file, *printf) {
                Ok(mut s) => {
                    if !printf {
                        s.push('\n');
                    }
                    ctx.out(&s);
                }
                Err(e) => {
                    ctx.err(&format!("stat: {}\n", e));
                    return 1;
                }
            },
            None => {
                ctx.out(&format!(
                    "  File: {}\n  Size: {:<15} Blocks: {:<10} IO Block: 4096   {}\nAccess: ({:04o}/{})  Uid: (    0/    root)   Gid: (    0/    root)\nModify: {}\n",
                    match &n.link {
                        Some(t) => format!("{a} -> {t}"),
                        None => a.to_string(),
                    },
                    n.size(),
                    blocks(&n),
                    kind_text(&n),
                    n.mode,
                    super::ls::mode_of(&n),
                    time_text(n.mtime)
                ));
            }
        }
    }
    st
}
