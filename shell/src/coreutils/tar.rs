//! `tar` (create, extract, list) in the ustar format, with busybox's or
//! GNU tar's messages: what `kubectl cp` runs in a container (`tar cf -
//! PATH` to copy out, `tar -xmf - -C DIR` to copy in). Archives travel as
//! text: headers are ASCII and NULs, and file contents are the VFS's text.

use super::Ctx;
use crate::vfs::{parent, resolve, Kind, Vfs};

const BLOCK: usize = 512;

#[derive(Default)]
struct Opts {
    create: bool,
    extract: bool,
    list: bool,
    verbose: bool,
    file: Option<String>,
    dir: Option<String>,
    paths: Vec<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = args.iter().peekable();
    let mut first = true;
    while let Some(a) = it.next() {
        // The first word may be bundled letters without a dash (`cf`, `xvf`).
        let letters = if let Some(l) = a.strip_prefix("--") {
            match l.split_once('=') {
                Some(("file", v)) => o.file = Some(v.into()),
                Some(("directory", v)) => o.dir = Some(v.into()),
                _ => match l {
                    "create" => o.create = true,
                    "extract" | "get" => o.extract = true,
                    "list" => o.list = true,
                    "verbose" => o.verbose = true,
                    "touch" | "no-same-owner" | "no-same-permissions" => {}
                    _ => return Err(format!("unrecognized option '--{l}'")),
                },
            }
            first = false;
            continue;
        } else if let Some(l) = a.strip_prefix('-').filter(|l| !l.is_empty()) {
            l.to_string()
        } else if first {
            a.clone()
        } else {
            o.paths.push(a.clone());
            continue;
        };
        first = false;
        for c in letters.chars() {
            match c {
                'c' => o.create = true,
                'x' => o.extract = true,
                't' => o.list = true,
                'v' => o.verbose = true,
                'm' | 'o' | 'p' => {}
                'f' => {
                    o.file = Some(
                        it.next()
                            .ok_or("option requires an argument -- 'f'")?
                            .clone(),
                    )
                }
                'C' => {
                    o.dir = Some(
                        it.next()
                            .ok_or("option requires an argument -- 'C'")?
                            .clone(),
                    )
                }
                'z' | 'j' | 'J' => return Err("compression is not available here".into()),
                _ => return Err(format!("invalid option -- '{c}'")),
            }
        }
    }
    Ok(o)
}

/// The failure status: busybox exits 1, GNU tar 2.
fn failed(ctx: &Ctx) -> i32 {
    if ctx.busybox {
        1
    } else {
        2
    }
}

/// Prints busybox's or GNU tar's words for a fatal error; its status.
fn fatal(ctx: &mut Ctx, busybox: &str, gnu: &str) -> i32 {
    let text = if ctx.busybox { busybox } else { gnu };
    ctx.err(text);
    failed(ctx)
}

pub fn tar(ctx: &mut Ctx, args: &[String]) -> i32 {
    let o = match parse(args.get(1..).unwrap_or_default()) {
        Ok(o) => o,
        Err(e) => {
            ctx.err(&format!("tar: {e}\n"));
            return failed(ctx);
        }
    };
    let base = match &o.dir {
        Some(d) => {
            let d = ctx.path(d);
            if !ctx.vfs.is_dir(&d) {
                let dir = o.dir.as_deref().unwrap_or("");
                return fatal(
                    ctx,
                    &format!("tar: can't change directory to '{dir}': No such file or directory\n"),
                    &format!("tar: {dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n"),
                );
            }
            d
        }
        None => ctx.cwd.to_string(),
    };
    match (o.create, o.extract || o.list) {
        (true, false) => create(ctx, &o, &base),
        (false, true) => extract(ctx, &o, &base),
        _ => fatal(
            ctx,
            "tar: need to specify one of -c/-x/-t\n",
            "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n",
        ),
    }
}

/// One ustar header block for `name`.
fn header(name: &str, mode: u32, size: usize, mtime_s: i64, dir: bool) -> Vec<u8> {
    let mut h = vec![0u8; BLOCK];
    let put = |h: &mut Vec<u8>, at: usize, len: usize, s: &str| {
        let b = s.as_bytes();
        let n = b.len().min(len);
        h[at..at + n].copy_from_slice(&b[..n]);
    };
    let (prefix, short) = if name.len() > 100 {
        match name[..name.len().min(156)].rfind('/') {
            Some(i) if name.len() - i - 1 <= 100 => (&name[..i], &name[i + 1..]),
            _ => ("", name),
        }
    } else {
        ("", name)
    };
    put(&mut h, 0, 100, short);
    put(&mut h, 100, 8, &format!("{:07o}", mode & 0o7777));
    put(&mut h, 108, 8, "0000000");
    put(&mut h, 116, 8, "0000000");
    put(&mut h, 124, 12, &format!("{size:011o}"));
    put(&mut h, 136, 12, &format!("{:011o}", mtime_s.max(0)));
    h[156] = if dir { b'5' } else { b'0' };
    put(&mut h, 257, 6, "ustar");
    put(&mut h, 263, 2, "00");
    put(&mut h, 265, 32, "root");
    put(&mut h, 297, 32, "root");
    put(&mut h, 345, 155, prefix);
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    put(&mut h, 148, 8, &format!("{sum:06o}\0 "));
    h
}

fn create(ctx: &mut Ctx, o: &Opts, base: &str) -> i32 {
    if o.paths.is_empty() {
        return fatal(
            ctx,
            "tar: empty archive\n",
            "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n",
        );
    }
    let mut archive: Vec<u8> = vec![];
    let mut status = 0;
    let mut warned = false;
    for p in &o.paths {
        let member_root = p.trim_start_matches('/');
        if member_root.len() != p.len() && !warned {
            warned = true;
            ctx.err(if ctx.busybox {
                "tar: removing leading '/' from member names\n"
            } else {
                "tar: Removing leading `/' from member names\n"
            });
        }
        let abs = resolve(base, p);
        if !ctx.vfs.exists(&abs) {
            let text = if ctx.busybox {
                format!("tar: {p}: No such file or directory\n")
            } else {
                format!("tar: {p}: Cannot stat: No such file or directory\n")
            };
            ctx.err(&text);
            status = failed(ctx);
            continue;
        }
        let member_root = member_root.trim_end_matches('/');
        for member in append_tree(ctx.vfs, &abs, member_root, &mut archive) {
            if o.verbose {
                ctx.err(&format!("{member}\n"));
            }
        }
    }
    archive.extend(std::iter::repeat_n(0u8, 2 * BLOCK));
    if !ctx.busybox {
        // GNU tar fills the last 10240-byte record.
        let record = 20 * BLOCK;
        let pad = (record - archive.len() % record) % record;
        archive.extend(std::iter::repeat_n(0u8, pad));
    }
    let text = String::from_utf8_lossy(&archive).into_owned();
    match o.file.as_deref() {
        None | Some("-") => ctx.out(&text),
        Some(f) => {
            let path = ctx.path(f);
            ctx.vfs.write(&path, &text);
        }
    }
    if status != 0 && !ctx.busybox {
        ctx.err("tar: Exiting with failure status due to previous errors\n");
    }
    status
}

/// Appends `abs` (a file, or a directory and all below it) to `archive`
/// as members named from `member_root`; returns the member names.
fn append_tree(vfs: &Vfs, abs: &str, member_root: &str, archive: &mut Vec<u8>) -> Vec<String> {
    let mut names = vec![];
    for path in vfs.subtree(abs) {
        let Some(node) = vfs.stat(&path) else {
            continue;
        };
        let rel = path.strip_prefix(abs).unwrap_or("");
        let member = format!("{member_root}{rel}");
        let mtime = node.mtime / 1000;
        match &node.kind {
            Kind::Dir => archive.extend(header(&format!("{member}/"), node.mode, 0, mtime, true)),
            Kind::File(text) => {
                archive.extend(header(&member, node.mode, text.len(), mtime, false));
                archive.extend(text.as_bytes());
                let pad = (BLOCK - text.len() % BLOCK) % BLOCK;
                archive.extend(std::iter::repeat_n(0u8, pad));
            }
            Kind::Null | Kind::Zero | Kind::Random => continue,
        }
        names.push(member);
    }
    names
}

/// The archive `kubectl cp` streams into a container (Go's archive/tar):
/// `path` and everything below it, named from `member`, then the end.
pub fn archive(vfs: &Vfs, path: &str, member: &str) -> String {
    let mut bytes = vec![];
    append_tree(vfs, path, member.trim_matches('/'), &mut bytes);
    bytes.extend(std::iter::repeat_n(0u8, 2 * BLOCK));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A header's octal number field.
fn octal(field: &[u8]) -> usize {
    let s: String = field
        .iter()
        .take_while(|&&b| b != 0 && b != b' ')
        .map(|&b| b as char)
        .collect();
    usize::from_str_radix(s.trim(), 8).unwrap_or(0)
}

fn text(field: &[u8]) -> String {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

fn extract(ctx: &mut Ctx, o: &Opts, base: &str) -> i32 {
    let input = match o.file.as_deref() {
        None | Some("-") => std::mem::take(&mut ctx.stdin),
        Some(f) => match ctx.read(f) {
            Ok(t) => t,
            Err(e) => {
                ctx.err(&format!("tar: can't open '{f}': {}\n", e.msg()));
                return failed(ctx);
            }
        },
    };
    let data = input.into_bytes();
    let mut at = 0;
    let mut long_name: Option<String> = None;
    let mut saw_header = false;
    while at + BLOCK <= data.len() {
        let h = &data[at..at + BLOCK];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        saw_header = true;
        let size = octal(&h[124..136]);
        let body_start = at + BLOCK;
        let body_end = (body_start + size).min(data.len());
        let body = &data[body_start..body_end];
        at = body_start + size.div_ceil(BLOCK) * BLOCK;
        let prefix = text(&h[345..500]);
        let mut member = text(&h[0..100]);
        if !prefix.is_empty() && &h[257..262] == b"ustar" {
            member = format!("{prefix}/{member}");
        }
        match h[156] {
            // PAX extended header: take its path.
            b'x' => {
                let records = String::from_utf8_lossy(body);
                long_name = records.lines().find_map(|l| {
                    let (_, kv) = l.split_once(' ')?;
                    kv.strip_prefix("path=").map(String::from)
                });
                continue;
            }
            b'L' => {
                long_name = Some(text(body));
                continue;
            }
            b'g' => continue,
            _ => {}
        }
        let member = long_name.take().unwrap_or(member);
        let rel = member.trim_start_matches('/').trim_end_matches('/');
        if rel.is_empty() {
            continue;
        }
        if o.verbose || o.list {
            ctx.out(&format!("{member}\n"));
        }
        if o.list {
            continue;
        }
        let path = resolve(base, rel);
        if h[156] == b'5' {
            let _ = ctx.vfs.mkdir_p(&path);
            continue;
        }
        let _ = ctx.vfs.mkdir_p(parent(&path));
        let content = String::from_utf8_lossy(body).into_owned();
        if let Err(e) = ctx.vfs.write_checked(&path, &content, false) {
            ctx.err(&format!("tar: can't open '{rel}': {}\n", e.msg()));
            return failed(ctx);
        }
    }
    if !saw_header && data.iter().any(|&b| b != 0) {
        return fatal(
            ctx,
            "tar: invalid tar magic\n",
            "tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n",
        );
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_a_valid_checksum() {
        let h = header("tmp/a.txt", 0o644, 5, 0, false);
        let stored = octal(&h[148..156]);
        let mut copy = h.clone();
        copy[148..156].copy_from_slice(b"        ");
        let sum: usize = copy.iter().map(|&b| b as usize).sum();
        assert_eq!(stored, sum);
        assert_eq!(text(&h[0..100]), "tmp/a.txt");
        assert_eq!(octal(&h[124..136]), 5);
    }
}
