//! `ls`: GNU's listing, long format and its column layout for terminals
//! (including its habit of padding columns with tabs).

use super::{getopt, q, Ctx};
use crate::timefmt::ls_date;
use crate::vfs::{Canon, Kind, Node, VfsError};

struct Entry {
    name: String,
    path: String,
    node: Node,
    /// Whether `node` is what a link at `path` points at.
    followed: bool,
    /// A link ls was asked to follow and could not: shown as `l?????????`.
    broken: bool,
}

impl Entry {
    fn new(name: String, path: String, node: &Node, followed: bool) -> Entry {
        Entry {
            name,
            path,
            node: node.clone(),
            followed,
            broken: false,
        }
    }

    /// st_nlink of what the entry shows.
    fn nlink(&self, ctx: &Ctx) -> usize {
        match self.followed {
            true => ctx
                .vfs
                .canonical(&self.path, Canon::Existing)
                .map_or(1, |p| ctx.vfs.links(&p)),
            false => ctx.vfs.links(&self.path),
        }
    }
}

pub fn mode_of(n: &Node) -> String {
    let t = match n.kind {
        _ if n.is_symlink() => 'l',
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
        _ if n.is_symlink() => 0,
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
    /// -L: every link followed; -H: those named on the command line.
    deref_all: bool,
    deref_args: bool,
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

/// `-F`'s and `-p`'s mark after a name.
fn indicator(n: &Node, f: &Flags) -> &'static str {
    match () {
        _ if !f.classify && !f.slash => "",
        _ if n.is_dir() => "/",
        _ if !f.classify => "",
        _ if n.is_symlink() => "@",
        _ if n.mode & 0o111 != 0 => "*",
        _ => "",
    }
}

fn decorate(ctx: &Ctx, e: &Entry, f: &Flags) -> String {
    let mut s = e.name.clone();
    match &e.node.link {
        // The long format shows where a link goes, marked as its target.
        Some(t) if f.long && !e.broken => {
            s.push_str(" -> ");
            s.push_str(t);
            if let Some(target) = ctx.vfs.stat(&e.path) {
                s.push_str(indicator(target, f));
            }
        }
        _ => s.push_str(indicator(&e.node, f)),
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
        let size = |e: &Entry| -> String {
            match e.node.kind {
                _ if e.broken => "?".into(),
                _ if e.node.is_symlink() => e.node.size().to_string(),
                Kind::Null => "1, 3".into(),
                Kind::Zero => "1, 5".into(),
                Kind::Random if e.path.ends_with("/random") => "1, 8".into(),
                Kind::Random => "1, 9".into(),
                _ if f.human => human(e.node.size() as u64),
                _ => e.node.size().to_string(),
            }
        };
        let owner = if f.numeric { "0" } else { "root" };
        let links: Vec<String> = entries
            .iter()
            .map(|e| match e.broken {
                true => "?".into(),
                false => e.nlink(ctx).to_string(),
            })
            .collect();
        let sizes: Vec<String> = entries.iter().map(size).collect();
        let dates: Vec<String> = entries
            .iter()
            .map(|e| match e.broken {
                true => "?".into(),
                false => ls_date(e.node.mtime, ctx.now),
            })
            .collect();
        let lw = links.iter().map(|s| s.len()).max().unwrap_or(1);
        let sw = sizes.iter().map(|s| s.len()).max().unwrap_or(1);
        let dw = dates.iter().map(|s| s.chars().count()).max().unwrap_or(1);
        let ow = owner.len();
        for (i, e) in entries.iter().enumerate() {
            let (mode, user) = match e.broken {
                true => ("l?????????".to_string(), "?"),
                false => (mode_of(&e.node), owner),
            };
            let group = if f.no_group {
                String::new()
            } else {
                format!("{:<ow$} ", user)
            };
            out.push_str(&format!(
                "{} {:>lw$} {:<ow$} {}{:>sw$} {:>dw$} {}\n",
                mode,
                links[i],
                user,
                group,
                sizes[i],
                dates[i],
                decorate(ctx, e, f),
            ));
        }
        return out;
    }
    let names: Vec<String> = entries.iter().map(|e| decorate(ctx, e, f)).collect();
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

/// A directory's entries; links are shown as links unless -L, when one
/// that leads nowhere is a `broken` entry and a minor failure (`status`).
fn dir_entries(ctx: &mut Ctx, dir: &str, shown: &str, f: &Flags, status: &mut i32) -> Vec<Entry> {
    let mut v = Vec::new();
    if f.all {
        for (name, p) in [
            (".", dir.to_string()),
            ("..", crate::vfs::parent(dir).to_string()),
        ] {
            if let Some(n) = ctx.vfs.stat(&p) {
                v.push(Entry::new(name.into(), p, n, true));
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
        let followed = if f.deref_all { ctx.vfs.stat(&p) } else { None };
        if let Some(n) = followed {
            v.push(Entry::new(name, p, n, true));
        } else if let Some(n) = ctx.vfs.lstat(&p) {
            let mut e = Entry::new(name, p, n, false);
            if f.deref_all && n.is_symlink() {
                e.broken = true;
                // Only what needs the target's details finds it missing.
                if f.long || f.classify {
                    let why = ctx.vfs.stat_error(&e.path, true);
                    let why = why.unwrap_or(VfsError::NotFound).msg();
                    // ls names it as the directory was named, `.` left out.
                    let name = match shown {
                        "." => e.name.clone(),
                        s if s.ends_with('/') => format!("{s}{}", e.name),
                        s => format!("{s}/{}", e.name),
                    };
                    ctx.err(&format!("ls: cannot access {}: {}\n", q(&name), why));
                    *status = (*status).max(1);
                }
            }
            v.push(e);
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
        "aAlLH1hdRtSrFpgGnoic",
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
            "dereference",
            "dereference-command-line",
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
        deref_all: o.has('L') || o.long("dereference"),
        deref_args: o.has('H') || o.long("dereference-command-line"),
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
        match operand(ctx, a, &p, &f) {
            Err(why) => {
                ctx.err(&format!("ls: cannot access {}: {}\n", q(a), why.msg()));
                status = 2;
            }
            Ok((n, followed)) => {
                let e = Entry::new(a.clone(), p.clone(), &n, followed);
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
    // -RL: each directory once, whatever links lead back to it.
    let mut listed: Vec<String> = vec![];
    while qi < queue.len() {
        if ctx.written + out.len() > ctx.limit {
            break;
        }
        let (shown, path) = queue[qi].clone();
        qi += 1;
        if f.recursive {
            let id = ctx.vfs.file_id(&path, true).unwrap_or_default();
            if listed.contains(&id) {
                ctx.err(&format!(
                    "ls: {}: not listing already-listed directory\n",
                    shown
                ));
                status = 2;
                continue;
            }
            listed.push(id);
        }
        if !first {
            out.push('\n');
        }
        first = false;
        if show_headers {
            out.push_str(&format!("{}:\n", shown));
        }
        let entries = dir_entries(ctx, &path, &shown, &f, &mut status);
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
    ctx.out(&out);
    status
}

/// What a command-line operand shows as, and whether its link was
/// followed. Plain `ls` follows a link to a directory; -l, -d and -F
/// show the link; -H and -L follow it; a trailing slash always does.
fn operand(ctx: &Ctx, name: &str, p: &str, f: &Flags) -> Result<(Node, bool), VfsError> {
    let trailing = name.ends_with('/') && p != "/";
    let keep_link = !f.deref_all && !f.deref_args && (f.long || f.dir || f.classify);
    let node = if trailing || !keep_link {
        match ctx.vfs.stat(p) {
            Some(n) if trailing && !n.is_dir() => return Err(VfsError::NotDir),
            Some(n) if n.is_dir() || f.deref_all || f.deref_args || trailing => {
                return Ok((n.clone(), true))
            }
            None if f.deref_all || f.deref_args || trailing => {
                return Err(ctx.vfs.stat_error(p, true).unwrap_or(VfsError::NotFound))
            }
            // ELOOP is an error even here: only a missing target falls back.
            None if ctx.vfs.stat_error(p, true) == Some(VfsError::Loop) => {
                return Err(VfsError::Loop)
            }
            _ => ctx.vfs.lstat(p),
        }
    } else {
        ctx.vfs.lstat(p)
    };
    node.cloned()
        .map(|n| (n, false))
        .ok_or_else(|| ctx.vfs.stat_error(p, false).unwrap_or(VfsError::NotFound))
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
