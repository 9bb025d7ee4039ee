//! Making and reading links: ln, unlink, readlink and realpath, with
//! GNU coreutils 9.1's options, messages and statuses.

use super::{getopt, q, Ctx};
use crate::vfs::{base, parent, Canon, VfsError};

/// GNU's quotef: a name bare unless the shell would need it quoted.
fn quotef(name: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./-+,:=@%^".contains(c);
    if !name.is_empty() && name.chars().all(plain) {
        name.to_string()
    } else {
        q(name)
    }
}

/// An operand as an absolute path that still holds its `.` and `..`,
/// for lookups that must read them after the links (realpath).
fn raw(ctx: &Ctx, name: &str) -> String {
    if name.starts_with('/') {
        name.to_string()
    } else {
        format!("{}/{}", ctx.cwd, name)
    }
}

/// `path` relative to the directory `dir` (both canonical).
fn relpath(path: &str, dir: &str) -> String {
    let p: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let d: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let common = p.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; d.len() - common];
    parts.extend(&p[common..]);
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

fn usage_error(ctx: &mut Ctx, prog: &str, what: &str) -> i32 {
    ctx.err(&format!(
        "{prog}: {what}\nTry '{prog} --help' for more information.\n"
    ));
    1
}

/// What one `ln` run was asked to do.
struct Ln {
    symbolic: bool,
    force: bool,
    relative: bool,
    logical: bool,
    verbose: bool,
}

pub fn ln(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "ln",
        argv,
        "sfinTvrLP",
        "t",
        &[
            "symbolic",
            "force",
            "interactive",
            "no-dereference",
            "no-target-directory",
            "target-directory=",
            "verbose",
            "relative",
            "logical",
            "physical",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let how = Ln {
        symbolic: o.has('s') || o.long("symbolic"),
        force: o.has('f') || o.long("force"),
        relative: o.has('r') || o.long("relative"),
        // -L and -P: the last one given wins.
        logical: o.flags.iter().rev().find(|c| matches!(c, 'L' | 'P')) == Some(&'L')
            || o.long("logical"),
        verbose: o.has('v') || o.long("verbose"),
    };
    let no_deref = o.has('n') || o.long("no-dereference");
    let no_target = o.has('T') || o.long("no-target-directory");
    let mut files = o.args.clone();
    let mut dir = o
        .val('t')
        .or(o.long_val("target-directory"))
        .map(str::to_string);
    if how.relative && !how.symbolic {
        ctx.err("ln: cannot do --relative without --symbolic\n");
        return 1;
    }
    if dir.is_some() && no_target {
        ctx.err("ln: cannot combine --target-directory and --no-target-directory\n");
        return 1;
    }
    if files.is_empty() {
        return usage_error(ctx, "ln", "missing file operand");
    }
    if let Some(d) = &dir {
        let p = ctx.path(d);
        match ctx.vfs.stat(&p) {
            None => {
                let e = ctx.vfs.stat_error(&p, true).unwrap_or(VfsError::NotFound);
                ctx.err(&format!("ln: failed to access {}: {}\n", q(d), e.msg()));
                return 1;
            }
            Some(n) if !n.is_dir() => {
                ctx.err(&format!("ln: target {} is not a directory\n", q(d)));
                return 1;
            }
            Some(_) => {}
        }
    } else if no_target {
        match files.len() {
            1 => {
                let what = format!("missing destination file operand after {}", q(&files[0]));
                return usage_error(ctx, "ln", &what);
            }
            2 => {}
            _ => return usage_error(ctx, "ln", &format!("extra operand {}", q(&files[2]))),
        }
    } else if files.len() == 1 {
        dir = Some(".".into());
    } else {
        let last = files[files.len() - 1].clone();
        let p = ctx.path(&last);
        let node = match () {
            _ if last.is_empty() => None,
            _ if no_deref => ctx.vfs.lstat(&p),
            _ => ctx.vfs.stat(&p),
        };
        if node.is_some_and(|n| n.is_dir()) {
            dir = files.pop();
        } else if files.len() > 2 || last.ends_with("/.") || last.ends_with("/..") {
            let e = ctx
                .vfs
                .stat_error(&p, !no_deref)
                .unwrap_or(VfsError::NotDir);
            ctx.err(&format!("ln: target {}: {}\n", q(&last), e.msg()));
            return 1;
        }
    }
    let mut st = 0;
    match dir {
        Some(d) => {
            for f in &files {
                let name = f.trim_end_matches('/');
                let name = base(if name.is_empty() { "/" } else { name });
                let dest = if d.ends_with('/') {
                    format!("{d}{name}")
                } else {
                    format!("{d}/{name}")
                };
                if !link_one(ctx, &how, f, &dest) {
                    st = 1;
                }
            }
        }
        None => {
            if !link_one(ctx, &how, &files[0], &files[1]) {
                st = 1;
            }
        }
    }
    st
}

/// Makes one link `dest` to `source` (do_link); false after an error.
fn link_one(ctx: &mut Ctx, how: &Ln, source: &str, dest: &str) -> bool {
    let sp = ctx.path(source);
    let dp = ctx.path(dest);
    if !how.symbolic {
        // An empty name names nothing (not the working directory).
        let node = match () {
            _ if source.is_empty() => None,
            _ if how.logical => ctx.vfs.stat(&sp),
            _ => ctx.vfs.lstat(&sp),
        };
        match node {
            None => {
                let e = ctx.vfs.stat_error(&sp, how.logical);
                let e = e.unwrap_or(VfsError::NotFound);
                ctx.err(&format!(
                    "ln: failed to access {}: {}\n",
                    q(source),
                    e.msg()
                ));
                return false;
            }
            Some(n) if n.is_dir() => {
                ctx.err(&format!(
                    "ln: {}: hard link not allowed for directory\n",
                    quotef(source)
                ));
                return false;
            }
            Some(_) => {}
        }
    }
    let target = if how.relative {
        // convert_abs_rel: from the link's directory to the source, both
        // with their links resolved.
        let from = ctx.vfs.canonical(&raw(ctx, source), Canon::Missing);
        let dir = ctx.vfs.canonical(parent(&dp), Canon::Missing);
        match (from, dir) {
            (Ok(f), Ok(d)) => relpath(&f, &d),
            _ => source.to_string(),
        }
    } else {
        source.to_string()
    };
    if how.force {
        if let Some(existing) = ctx.vfs.lstat(&dp) {
            if existing.is_dir() {
                ctx.err(&format!(
                    "ln: {}: cannot overwrite directory\n",
                    quotef(dest)
                ));
                return false;
            }
            // Never remove the name the link is to be made from.
            let src_id = if how.symbolic {
                ctx.vfs.file_id(&sp, true)
            } else {
                ctx.vfs.file_id(&sp, how.logical)
            };
            let same_name =
                ctx.vfs.file_id(&dp, false) == src_id && (ctx.vfs.links(&dp) == 1 || sp == dp);
            if src_id.is_some() && same_name {
                ctx.err(&format!(
                    "ln: {} and {} are the same file\n",
                    q(source),
                    q(dest)
                ));
                return false;
            }
            let _ = ctx.vfs.remove(&dp);
        }
    }
    let made = if dest.is_empty() {
        Err(VfsError::NotFound)
    } else if dest.ends_with('/') && !ctx.vfs.is_dir(&dp) {
        // A name with a trailing slash can only be a directory.
        Err(if ctx.vfs.lstat(&dp).is_some() {
            VfsError::Exists
        } else {
            VfsError::NotFound
        })
    } else if how.symbolic {
        ctx.vfs.symlink(&target, &dp)
    } else if how.logical {
        match ctx.vfs.canonical(&sp, Canon::Existing) {
            Ok(real) => ctx.vfs.hard_link(&real, &dp),
            Err(e) => Err(e),
        }
    } else {
        ctx.vfs.hard_link(&sp, &dp)
    };
    match made {
        Ok(()) => {
            if how.verbose {
                let arrow = if how.symbolic { '-' } else { '=' };
                ctx.out(&format!("{} {arrow}> {}\n", q(dest), q(&target)));
            }
            true
        }
        Err(e) => {
            let msg = match (how.symbolic, e) {
                (true, _) if target.is_empty() => format!(
                    "failed to create symbolic link {} -> {}",
                    q(dest),
                    q(&target)
                ),
                (true, _) => format!("failed to create symbolic link {}", q(dest)),
                (false, VfsError::Exists) => format!("failed to create hard link {}", q(dest)),
                (false, _) => format!("failed to create hard link {} => {}", q(dest), q(source)),
            };
            ctx.err(&format!("ln: {msg}: {}\n", e.msg()));
            false
        }
    }
}

pub fn unlink(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "unlink", argv, "", "", &[], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let name = match o.args.as_slice() {
        [] => return usage_error(ctx, "unlink", "missing operand"),
        [name] => name,
        [_, extra, ..] => return usage_error(ctx, "unlink", &format!("extra operand ‘{extra}’")),
    };
    let p = ctx.path(name);
    let r = match ctx.vfs.lstat(&p) {
        Some(n) if n.is_dir() => Err(VfsError::IsDir),
        Some(_) => ctx.vfs.remove(&p),
        None => Err(ctx.vfs.stat_error(&p, false).unwrap_or(VfsError::NotFound)),
    };
    match r {
        Ok(()) => 0,
        Err(e) => {
            ctx.err(&format!("unlink: cannot unlink {}: {}\n", q(name), e.msg()));
            1
        }
    }
}

pub fn readlink(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "readlink",
        argv,
        "femnqsvz",
        "",
        &[
            "canonicalize",
            "canonicalize-existing",
            "canonicalize-missing",
            "no-newline",
            "quiet",
            "silent",
            "verbose",
            "zero",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    // The last of -f, -e and -m wins.
    let mut canon = None;
    for c in &o.flags {
        match c {
            'f' => canon = Some(Canon::AllButLast),
            'e' => canon = Some(Canon::Existing),
            'm' => canon = Some(Canon::Missing),
            _ => {}
        }
    }
    for (l, _) in &o.longs {
        match l.as_str() {
            "canonicalize" => canon = Some(Canon::AllButLast),
            "canonicalize-existing" => canon = Some(Canon::Existing),
            "canonicalize-missing" => canon = Some(Canon::Missing),
            _ => {}
        }
    }
    let verbose = (o.has('v') || o.long("verbose"))
        && !(o.has('q') || o.has('s') || o.long("quiet") || o.long("silent"));
    let zero = o.has('z') || o.long("zero");
    let mut no_newline = o.has('n') || o.long("no-newline");
    if o.args.is_empty() {
        return usage_error(ctx, "readlink", "missing operand");
    }
    if no_newline && o.args.len() > 1 {
        ctx.err("readlink: ignoring --no-newline with multiple arguments\n");
        no_newline = false;
    }
    let end = if zero {
        "\0"
    } else if no_newline {
        ""
    } else {
        "\n"
    };
    let mut st = 0;
    for a in &o.args {
        let r = match canon {
            _ if a.is_empty() => Err(VfsError::NotFound),
            Some(need) => ctx.vfs.canonical(&raw(ctx, a), need),
            None => ctx.vfs.readlink(&ctx.path(a)).map(str::to_string),
        };
        match r {
            Ok(s) => ctx.out(&format!("{s}{end}")),
            Err(e) => {
                if verbose {
                    ctx.err(&format!("readlink: {}: {}\n", quotef(a), e.msg()));
                }
                st = 1;
            }
        }
    }
    st
}

pub fn realpath(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "realpath",
        argv,
        "emLPqsz",
        "",
        &[
            "canonicalize-existing",
            "canonicalize-missing",
            "logical",
            "physical",
            "quiet",
            "strip",
            "no-symlinks",
            "zero",
            "relative-to=",
            "relative-base=",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut need = Canon::AllButLast;
    for c in &o.flags {
        match c {
            'e' => need = Canon::Existing,
            'm' => need = Canon::Missing,
            _ => {}
        }
    }
    if o.long("canonicalize-existing") {
        need = Canon::Existing;
    }
    if o.long("canonicalize-missing") {
        need = Canon::Missing;
    }
    let strip = o.has('s') || o.long("strip") || o.long("no-symlinks");
    let logical =
        o.flags.iter().rev().find(|c| matches!(c, 'L' | 'P')) == Some(&'L') || o.long("logical");
    let quiet = o.has('q') || o.long("quiet");
    let end = if o.has('z') || o.long("zero") {
        "\0"
    } else {
        "\n"
    };
    if o.args.is_empty() {
        return usage_error(ctx, "realpath", "missing operand");
    }
    // How one operand (or a --relative-* directory) canonicalizes.
    let canon = |ctx: &Ctx, name: &str, need: Canon| -> Result<String, VfsError> {
        if name.is_empty() {
            return Err(VfsError::NotFound);
        }
        let path = if logical || strip {
            ctx.path(name)
        } else {
            raw(ctx, name)
        };
        if !strip {
            return ctx.vfs.canonical(&path, need);
        }
        let missing = match need {
            Canon::Missing => None,
            Canon::Existing => ctx.vfs.stat_error(&path, false),
            Canon::AllButLast => ctx.vfs.stat_error(parent(&path), true),
        };
        missing.map_or(Ok(path), Err)
    };
    let mut dirs = vec![];
    for opt in ["relative-to", "relative-base"] {
        let Some(d) = o.long_val(opt) else {
            dirs.push(None);
            continue;
        };
        match canon(ctx, d, need) {
            Ok(p) => dirs.push(Some(p)),
            Err(e) => {
                ctx.err(&format!("realpath: {}: {}\n", quotef(d), e.msg()));
                return 1;
            }
        }
    }
    let (to, base_dir) = (dirs[0].clone(), dirs[1].clone());
    let under = |p: &str, d: &str| d == "/" || p == d || p.starts_with(&format!("{d}/"));
    let mut st = 0;
    for a in &o.args {
        match canon(ctx, a, need) {
            Ok(p) => {
                let shown = match (&to, &base_dir) {
                    (_, Some(b)) if !under(&p, b) => p,
                    (Some(t), Some(b)) if !under(t, b) => p,
                    (Some(t), _) => relpath(&p, t),
                    (None, Some(b)) => relpath(&p, b),
                    (None, None) => p,
                };
                ctx.out(&format!("{shown}{end}"));
            }
            Err(e) => {
                if !quiet {
                    ctx.err(&format!("realpath: {}: {}\n", quotef(a), e.msg()));
                }
                st = 1;
            }
        }
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relpath("/tmp/a", "/tmp/x/y"), "../../a");
        assert_eq!(relpath("/tmp/x", "/tmp/x"), ".");
        assert_eq!(relpath("/tmp/x/y", "/tmp"), "x/y");
        assert_eq!(quotef("a b"), "'a b'");
        assert_eq!(quotef(""), "''");
        assert_eq!(quotef("d/x"), "d/x");
    }
}
