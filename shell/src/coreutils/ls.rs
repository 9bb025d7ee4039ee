//! `ls`: GNU's listing, long format and its column layout for terminals
//! (including its habit of padding columns with tabs).

use super::{getopt, q, Ctx};
use crate::timefmt::ls_date;
use crate::vfs::{base, Kind, Node};

struct Entry {
    name: String,
    path: String,
    node: Node,
}

pub fn mode_of(n: &Node) -> String {
    let t = match n.kind {
        Kind::Dir => 'd',
        Kind::File(_) => '-',
        Kind::Null | Kind::Zero | Kind::Random => 'c',
    };
    let mut s = String::new();
    s.push(t);
    let m = n.mode;
    for shift in [6, 3, 0] {
        let bits = (m >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        let x = bits & 1 != 0;
        let special = match shift {
            0 => m & 0o1000 != 0,
            3 => m & 0o2000 != 0,
            _ => m & 0o4000 != 0,
        };
        s.push(match (x, special, shift) {
            (true, true, 0) => 't',
            (false, true, 0) => 'T',
            (true, true, _) => 's',
            (false, true, _) => 'S',
            (true, false, _) => 'x',
            (false, false, _) => '-',
        });
    }
    s
}

fn blocks(n: &Node) -> u64 {
    match &n.kind {
        Kind::Dir => 4,
        Kind::File(s) => (s.len() as u64).div_ceil(4096) * 4,
        Kind::Null | Kind::Zero | Kind::Random => 0,
    }
}

fn human(size: u64) -> String {
    if size < 1024 {
        return size.to_string();
    }
    let units = ['K', 'M', 'G', 'T'];
    let mut v = size as f64 / 1024.0;
    let mut u = 0;
    while v >= 1024.0 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        let r = (v * 10.0).ceil() / 10.0;
        if r >= 10.0 {
            format!("{}{}", r as u64, units[u])
        } else {
            format!("{:.1}{}", r, units[u])
        }
    } else {
        format!("{}{}", v.ceil() as u64, units[u])
    }
}

/// GNU's indent(): tabs every 8 columns, then spaces.
fn indent(out: &mut String, mut from: usize, to: usize) {
    while from < to {
        if to / 8 > (from + 1) / 8 {
            out.push('\t');
            from += 8 - from % 8;
        } else {
            out.push(' ');
            from += 1;
        }
    }
}

/// Lays names out in columns, top to bottom, as `ls` does on a terminal.
pub fn columns(names: &[String], width: usize) -> String {
    let n = names.len();
    if n == 0 {
        return String::new();
    }
    let lens: Vec<usize> = names.iter().map(|s| s.chars().count()).collect();
    let max_cols = (width / 3).clamp(1, n);
    let mut best_cols = 1;
    let mut best_widths = vec![lens.iter().copied().max().unwrap_or(0)];
    for cols in 1..=max_cols {
        let rows = n.div_ceil(cols);
        let mut w = vec![0usize; cols];
        for (i, &l) in lens.iter().enumerate() {
            let c = i / rows;
            let real = l + if c == cols - 1 { 0 } else { 2 };
            if w[c] < real {
                w[c] = real;
            }
        }
        if w.iter().sum::<usize>() < width {
            best_cols = cols;
            best_widths = w;
        }
    }
    let rows = n.div_ceil(best_cols);
    let mut out = String::new();
    for r in 0..rows {
        let mut pos = 0;
        let mut i = r;
        let mut c = 0;
        loop {
            out.push_str(&names[i]);
            if i + rows >= n {
                break;
            }
            let w = best_widths[c];
            indent(&mut out, pos + lens[i], pos + w);
            pos += w;
            i += rows;
            c += 1;
        }
        out.push('\n');
    }
    out
}

struct Flags {
    all: bool,
    almost: bool,
    long: bool,
    one: bool,
    human: bool,
    dir: bool,
    recursive: bool,
    time: bool,
    size: bool,
    reverse: bool,
    classify: bool,
    slash: bool,
    no_group: bool,
    numeric: bool,
}

fn sort_entries(v: &mut [Entry], f: &Flags) {
    v.sort_by(|a, b| a.name.cmp(&b.name));
    if f.time {
        v.sort_by_key(|e| std::cmp::Reverse(e.node.mtime));
    } else if f.size {
        v.sort_by_key(|e| std::cmp::Reverse(e.node.size()));
    }
    if f.reverse {
        v.reverse();
    }
}

fn decorate(e: &Entry, f: &Flags) -> String {
    let mut s = e.name.clone();
    if f.classify || f.slash {
        if e.node.is_dir() {
            s.push('/');
        } else if f.classify && e.node.mode & 0o111 != 0 {
            s.push('*');
        }
    }
    s
}

fn render(ctx: &Ctx, entries: &[Entry], f: &Flags, with_total: bool) -> String {
    let mut out = String::new();
    if f.long {
        if with_total {
            let t: u64 = entries.iter().map(|e| blocks(&e.node)).sum();
            let t = if f.human {
                human(t * 1024)
            } else {
                t.to_string()
            };
            out.push_str(&format!("total {}\n", t));
        }
        let nlink = |e: &Entry| -> usize {
            if e.node.is_dir() {
                2 + ctx
                    .vfs
                    .list(&e.path)
                    .map(|l| {
                        l.iter()
                            .filter(|n| {
                                ctx.vfs
                                    .is_dir(&format!("{}/{}", e.path.trim_end_matches('/'), n))
                            })
                            .count()
                    })
                    .unwrap_or(0)
            } else {
                1
            }
        };
        let size = |e: &Entry| -> String {
            match e.node.kind {
                Kind::Null => "1, 3".into(),
                Kind::Zero => "1, 5".into(),
                Kind::Random if e.path.ends_with("/random") => "1, 8".into(),
                Kind::Random => "1, 9".into(),
                _ if f.human => human(e.node.size() as u64),
                _ => e.node.size().to_string(),
            }
        };
        let owner = if f.numeric { "0" } else { "root" };
        let links: Vec<String> = entries.iter().map(|e| nlink(e).to_string()).collect();
        let sizes: Vec<String> = entries.iter().map(size).collect();
        let lw = links.iter().map(|s| s.len()).max().unwrap_or(1);
        let sw = sizes.iter().map(|s| s.len()).max().unwrap_or(1);
        for (i, e) in entries.iter().enumerate() {
            let group = if f.no_group {
                String::new()
            } else {
                format!("{} ", owner)
            };
            out.push_str(&format!(
                "{} {:>lw$} {} {}{:>sw$} {} {}\n",
                mode_of(&e.node),
                links[i],
                owner,
                group,
                sizes[i],
                ls_date(e.node.mtime, ctx.now),
                decorate(e, f),
                lw = lw,
                sw = sw
            ));
        }
        return out;
    }
    let names: Vec<String> = entries.iter().map(|e| decorate(e, f)).collect();
    if f.one || !ctx.tty {
        for n in names {
            out.push_str(&n);
            out.push('\n');
        }
        return out;
    }
    let width = ctx
        .env
        .get("COLUMNS")
        .and_then(|c| c.parse().ok())
        .unwrap_or(80);
    columns(&names, width)
}

fn dir_entries(ctx: &Ctx, dir: &str, f: &Flags) -> Vec<Entry> {
    let mut v = Vec::new();
    if f.all {
        for (name, p) in [
            (".", dir.to_string()),
            ("..", crate::vfs::parent(dir).to_string()),
        ] {
            if let Some(n) = ctx.vfs.stat(&p) {
                v.push(Entry {
                    name: name.into(),
                    path: p,
                    node: n.clone(),
                });
            }
        }
    }
    for name in ctx.vfs.list(dir).unwrap_or_default() {
        if name.starts_with('.') && !f.all && !f.almost {
            continue;
        }
        let p = if dir == "/" {
            format!("/{}", name)
        } else {
            format!("{}/{}", dir, name)
        };
        if let Some(n) = ctx.vfs.stat(&p) {
            v.push(Entry {
                name,
                path: p,
                node: n.clone(),
            });
        }
    }
    sort_entries(&mut v, f);
    v
}

pub fn ls(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "ls",
        argv,
        "aAlL1hdRtSrFpgGnoic",
        "wIT",
        &[
            "all",
            "almost-all",
            "human-readable",
            "directory",
            "recursive",
            "reverse",
            "classify",
            "color=",
            "color",
            "width=",
            "format=",
            "sort=",
            "group-directories-first",
            "full-time",
            "time-style=",
        ],
        2,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let f = Flags {
        all: o.has('a') || o.long("all"),
        almost: o.has('A') || o.long("almost-all"),
        long: o.has('l') || o.has('g') || o.has('n') || o.has('o') || o.long("full-time"),
        one: o.has('1'),
        human: o.has('h') || o.long("human-readable"),
        dir: o.has('d') || o.long("directory"),
        recursive: o.has('R') || o.long("recursive"),
        time: o.has('t') || o.long_val("sort") == Some("time"),
        size: o.has('S') || o.long_val("sort") == Some("size"),
        reverse: o.has('r') || o.long("reverse"),
        classify: o.has('F') || o.long("classify"),
        slash: o.has('p'),
        no_group: o.has('G') || o.has('o'),
        numeric: o.has('n'),
    };
    let mut args = o.args.clone();
    if args.is_empty() {
        args.push(".".into());
    }
    let mut status = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for a in &args {
        let p = ctx.path(a);
        match ctx.vfs.stat(&p) {
            None => {
                let why = if ctx.vfs.read_checked(&p) == Err(crate::vfs::VfsError::NotDir) {
                    "Not a directory"
                } else {
                    "No such file or directory"
                };
                ctx.err(&format!("ls: cannot access {}: {}\n", q(a), why));
                status = 2;
            }
            Some(n) => {
                let e = Entry {
                    name: a.clone(),
                    path: p.clone(),
                    node: n.clone(),
                };
                if n.is_dir() && !f.dir {
                    dirs.push(e);
                } else {
                    files.push(e);
                }
            }
        }
    }
    sort_entries(&mut files, &f);
    sort_entries(&mut dirs, &f);
    let mut out = String::new();
    if !files.is_empty() {
        out.push_str(&render(ctx, &files, &f, false));
    }
    let show_headers = args.len() > 1 || f.recursive;
    let mut first = files.is_empty();
    let mut queue: Vec<(String, String)> = dirs
        .iter()
        .map(|d| (d.name.clone(), d.path.clone()))
        .collect();
    let mut qi = 0;
    while qi < queue.len() {
        if ctx.written + out.len() > ctx.limit {
            break;
        }
        let (shown, path) = queue[qi].clone();
        qi += 1;
        if !first {
            out.push('\n');
        }
        first = false;
        if show_headers {
            out.push_str(&format!("{}:\n", shown));
        }
        let entries = dir_entries(ctx, &path, &f);
        out.push_str(&render(ctx, &entries, &f, true));
        if f.recursive {
            let subs: Vec<(String, String)> = entries
                .iter()
                .filter(|e| e.node.is_dir() && e.name != "." && e.name != "..")
                .map(|e| {
                    let s = if shown.ends_with('/') {
                        format!("{}{}", shown, e.name)
                    } else {
                        format!("{}/{}", shown, e.name)
                    };
                    (s, e.path.clone())
                })
                .collect();
            for (k, s) in subs.into_iter().enumerate() {
                queue.insert(qi + k, s);
            }
        }
    }
    let _ = base;
    ctx.out(&out);
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_layout_matches_gnu() {
        let names: Vec<String> = [
            "alpha",
            "beta",
            "delta-long-name-here",
            "dir1",
            "epsilon",
            "eta",
            "gamma",
            "iota",
            "kappa",
            "lambda",
            "mu",
            "nu",
            "omicron",
            "pi",
            "rho",
            "sigma",
            "tau",
            "theta",
            "upsilon",
            "xi",
            "zeta",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = columns(&names, 80);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "alpha\t\t      dir1     gamma  lambda  omicron  sigma  upsilon"
        );
        assert_eq!(human(4096), "4.0K");
        assert_eq!(human(123), "123");
    }
}
