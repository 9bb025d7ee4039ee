//! `diff [-u|-U N] [-q] [-N] FILE1 FILE2` (GNU diffutils): the normal
//! format, or unified with the files' times; exit 0 when equal, 1 when
//! different, 2 on trouble. (`-U` takes only the default context of 3.)

use super::Ctx;
use crate::line_diff;

pub fn diff(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let (mut unified, mut brief, mut new_file) = (false, false, false);
    let mut files = vec![];
    let mut i = 1;
    while i < argv.len() {
        match argv[i].as_str() {
            "-u" | "--unified" => unified = true,
            "-U" => {
                unified = true;
                i += 1;
            }
            s if s.starts_with("-U") || s.starts_with("--unified=") => unified = true,
            "-q" | "--brief" => brief = true,
            "-N" | "--new-file" => new_file = true,
            "-uN" | "-Nu" => {
                unified = true;
                new_file = true;
            }
            "--" => {
                files.extend(argv[i + 1..].iter().cloned());
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                ctx.err(&format!("diff: invalid option -- '{c}'\ndiff: Try 'diff --help' for more information.\n"));
                return 2;
            }
            s => files.push(s.to_string()),
        }
        i += 1;
    }
    let [a, b] = files.as_slice() else {
        let what = if files.len() < 2 { "missing" } else { "extra" };
        let after = files.last().map(String::as_str).unwrap_or("diff");
        ctx.err(&format!(
            "diff: {what} operand after '{after}'\ndiff: Try 'diff --help' for more information.\n"
        ));
        return 2;
    };
    let read = |ctx: &mut Ctx, name: &str| -> Result<(String, i64), i32> {
        let path = ctx.path(name);
        if name != "-" && ctx.vfs.is_dir(&path) {
            ctx.err(&format!("diff: {name}: Is a directory\n"));
            return Err(2);
        }
        let mtime = ctx.vfs.stat(&path).map_or(0, |n| n.mtime);
        match ctx.read(name) {
            Ok(t) => Ok((t, mtime)),
            Err(_) if new_file => Ok((String::new(), 0)),
            Err(e) => {
                ctx.err(&format!("diff: {name}: {}\n", e.msg()));
                Err(2)
            }
        }
    };
    let ((from, t1), (to, t2)) = match (read(ctx, a), read(ctx, b)) {
        (Ok(x), Ok(y)) => (x, y),
        _ => return 2,
    };
    if from == to {
        return 0;
    }
    if brief {
        ctx.out(&format!("Files {a} and {b} differ\n"));
        return 1;
    }
    if unified {
        let stamp = |ms: i64| crate::timefmt::strftime("%Y-%m-%d %H:%M:%S.%N +0000", ms);
        ctx.out(&format!("--- {a}\t{}\n+++ {b}\t{}\n", stamp(t1), stamp(t2)));
        ctx.out(&line_diff::hunks(&from, &to));
    } else {
        ctx.out(&line_diff::normal(&from, &to));
    }
    1
}
