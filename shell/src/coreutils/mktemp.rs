//! GNU mktemp: a new file (or `-d` directory) named from a template whose
//! trailing X's become random letters and digits (drawn from the shell's
//! seeded stream); its path on stdout.

use super::{getopt, Ctx};

const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub fn mktemp(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let longs = ["directory", "dry-run", "quiet", "tmpdir=", "suffix="];
    let o = match getopt(ctx, "mktemp", argv, "duqt", "p", &longs, 1) {
        Ok(o) => o,
        Err(st) => return st,
    };
    if o.args.len() > 1 {
        ctx.err("mktemp: too many templates\nTry 'mktemp --help' for more information.\n");
        return 1;
    }
    let dir = o.has('d') || o.long("directory");
    let given = o.args.first().cloned();
    let template = given
        .clone()
        .unwrap_or_else(|| "tmp.XXXXXXXXXX".to_string());
    let suffix = o.long_val("suffix").unwrap_or("");
    let xs = template.len() - template.trim_end_matches('X').len();
    if xs < 3 {
        ctx.err(&format!("mktemp: too few X's in template ‘{template}’\n"));
        return 1;
    }
    // Without a template, or with -t or -p, the name goes in $TMPDIR or /tmp.
    let tmpdir = o
        .val('p')
        .or(o.long_val("tmpdir"))
        .map(str::to_string)
        .or_else(|| ctx.env.get("TMPDIR").filter(|t| !t.is_empty()).cloned())
        .unwrap_or_else(|| "/tmp".to_string());
    let in_tmp = given.is_none() || o.has('t') || o.val('p').is_some() || o.long("tmpdir");
    let stem = &template[..template.len() - xs];
    let mut draw = ctx.draw;
    for _ in 0..100 {
        let mut name = stem.to_string();
        for _ in 0..xs {
            draw = draw
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            name.push(CHARS[(draw >> 33) as usize % CHARS.len()] as char);
        }
        name.push_str(suffix);
        let shown = if in_tmp {
            format!("{}/{name}", tmpdir.trim_end_matches('/'))
        } else {
            name
        };
        let path = ctx.path(&shown);
        if ctx.vfs.exists(&path) {
            continue;
        }
        let made = if o.has('u') || o.long("dry-run") {
            Ok(())
        } else if dir {
            ctx.vfs
                .mkdir(&path)
                .map(|()| ctx.vfs.set_mode(&path, 0o700))
        } else {
            ctx.vfs
                .write_checked(&path, "", false)
                .map(|()| ctx.vfs.set_mode(&path, 0o600))
        };
        if let Err(e) = made {
            if !o.has('q') {
                let what = if dir { "directory" } else { "file" };
                ctx.err(&format!(
                    "mktemp: failed to create {what} via template ‘{shown}’: {}\n",
                    e.msg()
                ));
            }
            return 1;
        }
        ctx.out(&format!("{shown}\n"));
        return 0;
    }
    1
}
