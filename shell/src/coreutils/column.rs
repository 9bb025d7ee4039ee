//! `column -t` (util-linux): whitespace-separated (or `-s` separated)
//! fields aligned in columns two spaces apart (`-o` another separator);
//! empty lines are dropped. Without `-t` the lines pass through.

use super::Ctx;

pub fn column(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut table = false;
    let mut sep: Option<String> = None;
    let mut gap = "  ".to_string();
    let mut files = vec![];
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        let value = |i: &mut usize, short: &str| -> Option<String> {
            if a.len() > short.len() {
                Some(a[short.len()..].to_string())
            } else {
                *i += 1;
                argv.get(*i).cloned()
            }
        };
        match a.as_str() {
            "-t" | "--table" => table = true,
            s if s.starts_with("-s") => sep = value(&mut i, "-s"),
            s if s.starts_with("-o") => gap = value(&mut i, "-o").unwrap_or_default(),
            "-ts" => {
                table = true;
                i += 1;
                sep = argv.get(i).cloned();
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                ctx.err(&format!(
                    "column: invalid option -- '{c}'\nTry 'column --help' for more information.\n"
                ));
                return 1;
            }
            _ => files.push(a.clone()),
        }
        i += 1;
    }
    let mut text = String::new();
    if files.is_empty() {
        text = std::mem::take(&mut ctx.stdin);
    }
    for f in &files {
        match ctx.read(f) {
            Ok(t) => text.push_str(&t),
            Err(e) => {
                ctx.err(&format!("column: {f}: {}\n", e.msg()));
                return 1;
            }
        }
    }
    if !table {
        ctx.out(&text);
        return 0;
    }
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match &sep {
            Some(s) => l
                .split(|c| s.contains(c))
                .filter(|f| !f.is_empty())
                .collect(),
            None => l.split_whitespace().collect(),
        })
        .collect();
    let mut widths: Vec<usize> = vec![];
    for r in &rows {
        for (k, f) in r.iter().enumerate() {
            let w = f.chars().count();
            match widths.get_mut(k) {
                Some(x) => *x = (*x).max(w),
                None => widths.push(w),
            }
        }
    }
    let mut out = String::new();
    for r in &rows {
        for (k, f) in r.iter().enumerate() {
            out.push_str(f);
            if k + 1 < r.len() {
                let pad = widths[k] - f.chars().count();
                out.push_str(&" ".repeat(pad));
                out.push_str(&gap);
            }
        }
        out.push('\n');
    }
    ctx.out(&out);
    0
}
