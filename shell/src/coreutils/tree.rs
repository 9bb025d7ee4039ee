//! tree 2.1: a directory's contents drawn with box lines (a continued
//! branch is `│`, two no-break spaces and a space, as tree writes it), names in byte
//! order, hidden ones only with `-a`; `-L` limits the depth, `-d` shows
//! directories only; then the count of directories and files.

use super::{getopt, Ctx};
use crate::vfs::Kind;

struct Walk {
    all: bool,
    dirs_only: bool,
    max: usize,
    dirs: usize,
    files: usize,
    out: String,
}

impl Walk {
    fn dir(&mut self, ctx: &Ctx, path: &str, prefix: &str, depth: usize) {
        if depth >= self.max {
            return;
        }
        let mut names = ctx.vfs.list(path).unwrap_or_default();
        names.retain(|n| self.all || !n.starts_with('.'));
        let child = |n: &str| format!("{}/{n}", path.trim_end_matches('/'));
        if self.dirs_only {
            names.retain(|n| ctx.vfs.is_dir(&child(n)));
        }
        names.sort();
        for (i, name) in names.iter().enumerate() {
            let last = i + 1 == names.len();
            let p = child(name);
            self.out.push_str(&format!(
                "{prefix}{}{name}\n",
                if last { "└── " } else { "├── " }
            ));
            if ctx.vfs.is_dir(&p) {
                self.dirs += 1;
                let deeper = format!("{prefix}{}", if last { "    " } else { "│\u{a0}\u{a0} " });
                self.dir(ctx, &p, &deeper, depth + 1);
            } else {
                self.files += 1;
            }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn tree(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "tree", argv, "adf", "L", &[], 2) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let mut w = Walk {
        all: o.has('a'),
        dirs_only: o.has('d'),
        max: o
            .val('L')
            .and_then(|l| l.parse().ok())
            .unwrap_or(usize::MAX),
        dirs: 0,
        files: 0,
        out: String::new(),
    };
    let roots = if o.args.is_empty() {
        vec![".".to_string()]
    } else {
        o.args.clone()
    };
    let mut status = 0;
    for r in &roots {
        let p = ctx.path(r);
        match ctx.vfs.stat(&p).map(|n| matches!(n.kind, Kind::Dir)) {
            Some(true) => {
                w.out.push_str(&format!("{r}\n"));
                let before = (w.dirs, w.files);
                w.dir(ctx, &p, "", 0);
                // The directory itself counts once it holds something.
                if (w.dirs, w.files) != before {
                    w.dirs += 1;
                }
            }
            Some(false) => {
                w.out.push_str(&format!("{r}  [error opening dir]\n"));
                w.files += 1;
            }
            None => {
                w.out.push_str(&format!("{r}  [error opening dir]\n"));
                status = 2;
            }
        }
    }
    let dirs = plural(w.dirs, "directory", "directories");
    let summary = if w.dirs_only {
        dirs
    } else {
        format!("{dirs}, {}", plural(w.files, "file", "files"))
    };
    w.out.push_str(&format!("\n{summary}\n"));
    ctx.out(&w.out);
    status
}
