//! File-system coreutils: mkdir, rmdir, rm, cp, mv, touch, chmod (stat
//! is in stat.rs, ln and realpath in ln.rs).

use super::{getopt, q, Ctx};
use crate::vfs::{base, parent, Kind, VfsError};

fn missing(ctx: &mut Ctx, prog: &str, what: &str) -> i32 {
    ctx.err(&format!(
        "{}: {}\nTry '{} --help' for more information.\n",
        prog, what, prog
    ));
    1
}

pub fn mkdir(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "mkdir",
        argv,
        "pv",
        "m",
        &["parents", "verbose", "mode="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.args.is_empty() {
        return missing(ctx, "mkdir", "missing operand");
    }
    let parents = o.has('p') || o.long("parents");
    let mut st = 0;
    for a in &o.args {
        let made = if parents {
            mkdir_parents(ctx, a, o.has('v'))
        } else {
            let p = ctx.path(a);
            let r = ctx.vfs.mkdir(&p).map_err(|e| (a.as_str(), e));
            if r.is_ok() && o.has('v') {
                ctx.out(&format!("mkdir: created directory {}\n", q(a)));
            }
            r
        };
        if let Err((name, e)) = made {
            ctx.err(&format!(
                "mkdir: cannot create directory ‘{}’: {}\n",
                name,
                e.msg()
            ));
            st = 1;
        }
    }
    st
}

/// `mkdir -p`: each missing directory on the way, named as typed; the
/// error names the one that failed (a file or a dangling link in the way).
fn mkdir_parents<'a>(ctx: &mut Ctx, a: &'a str, verbose: bool) -> Result<(), (&'a str, VfsError)> {
    let mut names: Vec<&str> = a
        .char_indices()
        .filter(|&(i, c)| c == '/' && i > 0 && !a[..i].ends_with('/'))
        .map(|(i, _)| &a[..i])
        .collect();
    if !a.trim_end_matches('/').is_empty() {
        names.push(a);
    }
    for (k, name) in names.iter().enumerate() {
        let p = ctx.path(name);
        match ctx.vfs.stat(&p) {
            Some(n) if n.is_dir() => continue,
            Some(_) if k + 1 < names.len() => return Err((name, VfsError::NotDir)),
            Some(_) => return Err((name, VfsError::Exists)),
            None => ctx.vfs.mkdir(&p).map_err(|e| (*name, e))?,
        }
        if verbose {
            ctx.out(&format!("mkdir: created directory {}\n", q(name)));
        }
    }
    Ok(())
}

pub fn rmdir(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "rmdir", argv, "pv", "", &["parents", "verbose"], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.args.is_empty() {
        return missing(ctx, "rmdir", "missing operand");
    }
    let mut st = 0;
    for a in &o.args {
        let p = ctx.path(a);
        let r = match ctx.vfs.lstat(&p) {
            Some(n) if !n.is_dir() => Err(VfsError::NotDir),
            _ => ctx.vfs.remove(&p),
        };
        if let Err(e) = r {
            ctx.err(&format!("rmdir: failed to remove {}: {}\n", q(a), e.msg()));
            st = 1;
        }
    }
    st
}

pub fn rm(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "rm",
        argv,
        "rRfivd",
        "",
        &[
            "recursive",
            "force",
            "verbose",
            "dir",
            "interactive",
            "no-preserve-root",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let force = o.has('f') || o.long("force");
    let recursive = o.has('r') || o.has('R') || o.long("recursive");
    if o.args.is_empty() {
        if force {
            return 0;
        }
        return missing(ctx, "rm", "missing operand");
    }
    let mut st = 0;
    for a in &o.args {
        let p = ctx.path(a);
        if p == "/" {
            ctx.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            st = 1;
            continue;
        }
        if a == "." || a == ".." || a.ends_with("/.") || a.ends_with("/..") {
            ctx.err(&format!(
                "rm: refusing to remove '.' or '..' directory: skipping {}\n",
                q(a)
            ));
            st = 1;
            continue;
        }
        // A link goes, not what it points at; `link/` names the target.
        let node = if a.ends_with('/') {
            ctx.vfs.stat(&p)
        } else {
            ctx.vfs.lstat(&p)
        };
        match node {
            None => {
                if !force {
                    let e = ctx.vfs.stat_error(&p, a.ends_with('/'));
                    let e = e.unwrap_or(VfsError::NotFound);
                    ctx.err(&format!("rm: cannot remove {}: {}\n", q(a), e.msg()));
                    st = 1;
                }
            }
            Some(n) if n.is_dir() => {
                if recursive {
                    ctx.vfs.remove_all(&p);
                    if o.has('v') {
                        ctx.out(&format!("removed directory {}\n", q(a)));
                    }
                } else if o.has('d') {
                    if let Err(e) = ctx.vfs.remove(&p) {
                        ctx.err(&format!("rm: cannot remove {}: {}\n", q(a), e.msg()));
                        st = 1;
                    }
                } else {
                    ctx.err(&format!("rm: cannot remove {}: Is a directory\n", q(a)));
                    st = 1;
                }
            }
            Some(_) => {
                let _ = ctx.vfs.remove(&p);
                if o.has('v') {
                    ctx.out(&format!("removed {}\n", q(a)));
                }
            }
        }
    }
    st
}

/// Which symbolic links cp follows: its -P, -L and -H.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Deref {
    Never,
    Always,
    CommandLine,
}

/// How deep `cp -rL` goes before it stops following (a link loop).
const COPY_DEPTH: usize = 64;

/// Copies `src` to `dst`, recursively for directories; `follow` says
/// whether a link at `src` is copied as its target or as a link, `deref`
/// the same for links below it.
fn copy_tree(ctx: &mut Ctx, src: &str, dst: &str, follow: bool, deref: bool, depth: usize) {
    let node = if follow {
        ctx.vfs.stat(src)
    } else {
        ctx.vfs.lstat(src)
    };
    let Some(mut n) = node.cloned() else {
        return;
    };
    n.mtime = ctx.vfs.now();
    if !n.is_dir() {
        ctx.vfs.put(dst, n);
        return;
    }
    if !ctx.vfs.is_dir(dst) {
        ctx.vfs.put(dst, n);
    }
    if depth >= COPY_DEPTH {
        return;
    }
    for name in ctx.vfs.list(src).unwrap_or_default() {
        let (s, d) = (format!("{src}/{name}"), format!("{dst}/{name}"));
        copy_tree(ctx, &s, &d, deref, deref, depth + 1);
    }
}

fn copy_or_move(ctx: &mut Ctx, argv: &[String], mv: bool) -> i32 {
    let prog = if mv { "mv" } else { "cp" };
    let o = match getopt(
        ctx,
        prog,
        argv,
        "rRfivnpauTPdLH",
        "t",
        &[
            "recursive",
            "force",
            "verbose",
            "no-clobber",
            "interactive",
            "archive",
            "target-directory=",
            "no-dereference",
            "dereference",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let recursive =
        mv || o.has('r') || o.has('R') || o.has('a') || o.long("recursive") || o.long("archive");
    // The last of -P/-d/-a, -L and -H wins; a recursive copy keeps links.
    let mut deref = None;
    for c in &o.flags {
        match c {
            'P' | 'd' | 'a' => deref = Some(Deref::Never),
            'L' => deref = Some(Deref::Always),
            'H' => deref = Some(Deref::CommandLine),
            _ => {}
        }
    }
    if o.long("no-dereference") || o.long("archive") {
        deref = Some(Deref::Never);
    }
    if o.long("dereference") {
        deref = Some(Deref::Always);
    }
    let deref = match deref {
        _ if mv => Deref::Never,
        Some(d) => d,
        None if recursive => Deref::Never,
        None => Deref::Always,
    };
    let mut args = o.args.clone();
    let target_dir = o.val('t').map(|s| s.to_string());
    if args.is_empty() {
        return missing(ctx, prog, "missing file operand");
    }
    let dest = match target_dir {
        Some(t) => t,
        None => {
            if args.len() == 1 {
                return missing(
                    ctx,
                    prog,
                    &format!("missing destination file operand after {}", q(&args[0])),
                );
            }
            args.pop().unwrap_or_default()
        }
    };
    let dpath = ctx.path(&dest);
    let dest_is_dir = ctx.vfs.is_dir(&dpath);
    if args.len() > 1 && !dest_is_dir {
        let why = if ctx.vfs.exists(&dpath) {
            "Not a directory"
        } else {
            "No such file or directory"
        };
        ctx.err(&format!("{}: target {}: {}\n", prog, q(&dest), why));
        return 1;
    }
    let mut st = 0;
    for a in &args {
        let sp = ctx.path(a);
        let follow = deref != Deref::Never;
        let snode = if follow {
            ctx.vfs.stat(&sp)
        } else {
            ctx.vfs.lstat(&sp)
        };
        let Some(snode) = snode.cloned() else {
            let e = ctx
                .vfs
                .stat_error(&sp, follow)
                .unwrap_or(VfsError::NotFound);
            ctx.err(&format!("{}: cannot stat {}: {}\n", prog, q(a), e.msg()));
            st = 1;
            continue;
        };
        let target = if dest_is_dir {
            let b = base(&sp);
            if dpath == "/" {
                format!("/{}", b)
            } else {
                format!("{}/{}", dpath, b)
            }
        } else {
            dpath.clone()
        };
        let shown_target = if dest_is_dir {
            format!("{}/{}", dest.trim_end_matches('/'), base(&sp))
        } else {
            dest.clone()
        };
        if snode.is_dir() && !recursive {
            ctx.err(&format!(
                "cp: -r not specified; omitting directory {}\n",
                q(a)
            ));
            st = 1;
            continue;
        }
        // One file under two names: a link copied onto what it names, or
        // two hard links.
        let same = if mv || snode.is_symlink() {
            ctx.vfs.file_id(&sp, false) == ctx.vfs.file_id(&target, false)
        } else {
            ctx.vfs.file_id(&target, true).is_some()
                && ctx.vfs.file_id(&sp, true) == ctx.vfs.file_id(&target, true)
        };
        if same || target == sp {
            ctx.err(&format!(
                "{}: {} and {} are the same file\n",
                prog,
                q(a),
                q(&shown_target)
            ));
            st = 1;
            continue;
        }
        if target.starts_with(&format!("{}/", sp)) {
            let msg = if mv {
                format!(
                    "mv: cannot move {} to a subdirectory of itself, {}\n",
                    q(a),
                    q(&shown_target)
                )
            } else {
                format!(
                    "cp: cannot copy a directory, {}, into itself, {}\n",
                    q(a),
                    q(&shown_target)
                )
            };
            ctx.err(&msg);
            st = 1;
            continue;
        }
        match ctx.vfs.stat(&target).map(|n| n.is_dir()) {
            Some(true) if !snode.is_dir() => {
                ctx.err(&format!(
                    "{}: cannot overwrite directory {} with non-directory\n",
                    prog,
                    q(&shown_target)
                ));
                st = 1;
                continue;
            }
            Some(false) if snode.is_dir() => {
                ctx.err(&format!(
                    "{}: cannot overwrite non-directory {} with directory {}\n",
                    prog,
                    q(&shown_target),
                    q(a)
                ));
                st = 1;
                continue;
            }
            _ => {}
        }
        if (o.has('n') || o.long("no-clobber")) && ctx.vfs.lstat(&target).is_some() {
            continue;
        }
        if !ctx.vfs.is_dir(parent(&target)) {
            let e = if ctx.vfs.exists(parent(&target)) {
                "Not a directory"
            } else {
                "No such file or directory"
            };
            let verb = if mv {
                "cannot move"
            } else {
                "cannot create regular file"
            };
            if mv {
                ctx.err(&format!(
                    "mv: {} {} to {}: {}\n",
                    verb,
                    q(a),
                    q(&shown_target),
                    e
                ));
            } else {
                ctx.err(&format!("cp: {} {}: {}\n", verb, q(&shown_target), e));
            }
            st = 1;
            continue;
        }
        if mv {
            if let Err(e) = ctx.vfs.rename(&sp, &target) {
                ctx.err(&format!(
                    "mv: cannot move {} to {}: {}\n",
                    q(a),
                    q(&shown_target),
                    e.msg()
                ));
                st = 1;
                continue;
            }
        } else if snode.is_dir() || snode.is_symlink() {
            if snode.is_symlink() && !ctx.vfs.lstat(&target).is_some_and(|n| n.is_dir()) {
                let _ = ctx.vfs.remove(&target);
            }
            copy_tree(ctx, &sp, &target, follow, deref == Deref::Always, 0);
        } else {
            if ctx.vfs.lstat(&target).is_some_and(|n| n.is_symlink()) && !ctx.vfs.exists(&target) {
                let msg = match ctx.vfs.stat_error(&target, true) {
                    Some(VfsError::Loop) => format!(
                        "cp: cannot stat {}: {}\n",
                        q(&shown_target),
                        VfsError::Loop.msg()
                    ),
                    _ => format!(
                        "cp: not writing through dangling symlink {}\n",
                        q(&shown_target)
                    ),
                };
                ctx.err(&msg);
                st = 1;
                continue;
            }
            let data = match &snode.kind {
                Kind::File(s) => s.clone(),
                _ => String::new(),
            };
            if let Err(e) = ctx.vfs.write_checked(&target, &data, false) {
                ctx.err(&format!(
                    "cp: cannot create regular file {}: {}\n",
                    q(&shown_target),
                    e.msg()
                ));
                st = 1;
                continue;
            }
            if snode.mode & 0o111 != 0 {
                ctx.vfs.set_mode(&target, snode.mode);
            }
        }
        if o.has('v') {
            let verb = if mv { "renamed " } else { "" };
            ctx.out(&format!("{}{} -> {}\n", verb, q(a), q(&shown_target)));
        }
    }
    st
}

pub fn cp(ctx: &mut Ctx, argv: &[String]) -> i32 {
    copy_or_move(ctx, argv, false)
}

pub fn mv(ctx: &mut Ctx, argv: &[String]) -> i32 {
    copy_or_move(ctx, argv, true)
}

pub fn touch(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "touch",
        argv,
        "acmh",
        "dtr",
        &["no-create", "date=", "reference="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.args.is_empty() {
        return missing(ctx, "touch", "missing file operand");
    }
    let mut st = 0;
    for a in &o.args {
        let p = ctx.path(a);
        if o.has('c') && !ctx.vfs.exists(&p) {
            continue;
        }
        // -h: the link itself, never its target.
        let r = if o.has('h') {
            ctx.vfs.touch_link(&p)
        } else {
            ctx.vfs.touch(&p)
        };
        if let Err(e) = r {
            ctx.err(&format!("touch: cannot touch {}: {}\n", q(a), e.msg()));
            st = 1;
        }
    }
    st
}

fn apply_mode(old: u32, spec: &str, is_dir: bool) -> Option<u32> {
    if !spec.is_empty() && spec.chars().all(|c| c.is_digit(8)) {
        return u32::from_str_radix(spec, 8).ok();
    }
    let mut mode = old;
    for clause in spec.split(',') {
        let cs: Vec<char> = clause.chars().collect();
        let mut i = 0;
        let mut who = 0u32;
        while i < cs.len() && "ugoa".contains(cs[i]) {
            who |= match cs[i] {
                'u' => 0o700,
                'g' => 0o070,
                'o' => 0o007,
                _ => 0o777,
            };
            i += 1;
        }
        let umask_default = who == 0;
        if who == 0 {
            who = 0o777;
        }
        if i >= cs.len() {
            return None;
        }
        while i < cs.len() {
            let op = cs[i];
            if !"+-=".contains(op) {
                return None;
            }
            i += 1;
            let mut bits = 0u32;
            while i < cs.len() && "rwxXst".contains(cs[i]) {
                bits |= match cs[i] {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' if is_dir || old & 0o111 != 0 => 0o111,
                    't' => 0o1000,
                    _ => 0,
                };
                i += 1;
            }
            let mut mask = bits & (who | 0o7000);
            if umask_default && op == '+' {
                mask &= !0o022;
            }
            match op {
                '+' => mode |= mask,
                '-' => mode &= !mask,
                _ => mode = (mode & !who) | mask,
            }
        }
    }
    Some(mode)
}

pub fn chmod(ctx: &mut Ctx, argv: &[String]) -> i32 {
    // Modes like -x look like options: take the first non-file operand.
    let mut rest: Vec<String> = argv[1..]
        .iter()
        .filter(|a| !matches!(a.as_str(), "-R" | "-v" | "-f" | "-c"))
        .cloned()
        .collect();
    if rest.is_empty() {
        return missing(ctx, "chmod", "missing operand");
    }
    let spec = rest.remove(0);
    if rest.is_empty() {
        return missing(ctx, "chmod", &format!("missing operand after ‘{}’", spec));
    }
    let mut st = 0;
    for a in &rest {
        let p = ctx.path(a);
        let Some(n) = ctx.vfs.stat(&p).cloned() else {
            if ctx.vfs.lstat(&p).is_some() {
                ctx.err(&format!(
                    "chmod: cannot operate on dangling symlink {}\n",
                    q(a)
                ));
            } else {
                ctx.err(&format!(
                    "chmod: cannot access {}: No such file or directory\n",
                    q(a)
                ));
            }
            st = 1;
            continue;
        };
        match apply_mode(n.mode, &spec, n.is_dir()) {
            Some(m) => ctx.vfs.set_mode(&p, m),
            None => {
                ctx.err(&format!(
                    "chmod: invalid mode: ‘{}’\nTry 'chmod --help' for more information.\n",
                    spec
                ));
                return 1;
            }
        }
    }
    st
}
