//! `grep` (and egrep/fgrep) over files, directories (-r) and stdin.

use super::{getopt, lines, Ctx};
use crate::regex::Regex;

struct Matcher {
    res: Vec<Regex>,
}

impl Matcher {
    /// All match spans in a line (char offsets), leftmost first.
    fn spans(&self, line: &[char]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= line.len() {
            let best = self
                .res
                .iter()
                .filter_map(|r| r.find_at(line, pos).and_then(|c| c[0]))
                .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            match best {
                Some((s, e)) => {
                    if e > s {
                        out.push((s, e));
                        pos = e;
                    } else {
                        pos = s + 1;
                    }
                }
                None => break,
            }
        }
        out
    }

    fn is_match(&self, line: &[char]) -> bool {
        self.res.iter().any(|r| r.find_at(line, 0).is_some())
    }
}

pub fn grep(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let prog = argv[0].as_str();
    let o = match getopt(
        ctx,
        "grep",
        argv,
        "ivcnEFGoqrRlLhHwxsPTaUIzZ",
        "efABCm",
        &[
            "ignore-case",
            "invert-match",
            "count",
            "line-number",
            "extended-regexp",
            "fixed-strings",
            "only-matching",
            "quiet",
            "silent",
            "recursive",
            "files-with-matches",
            "files-without-match",
            "no-filename",
            "with-filename",
            "word-regexp",
            "line-regexp",
            "no-messages",
            "regexp=",
            "color=",
            "colour=",
            "color",
            "colour",
            "include=",
            "exclude=",
            "max-count=",
        ],
        2,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut args = o.args.clone();
    let mut pats: Vec<String> = o
        .vals
        .iter()
        .filter(|(c, _)| *c == 'e')
        .map(|(_, v)| v.clone())
        .chain(
            o.longs
                .iter()
                .filter(|(n, _)| n == "regexp")
                .filter_map(|(_, v)| v.clone()),
        )
        .collect();
    if let Some(f) = o.val('f') {
        match ctx.read(f) {
            Ok(d) => pats.extend(lines(&d).iter().map(|s| s.to_string())),
            Err(e) => {
                ctx.err(&format!("grep: {}: {}\n", f, e.msg()));
                return 2;
            }
        }
    }
    if pats.is_empty() {
        if args.is_empty() {
            ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            return 2;
        }
        pats.extend(args.remove(0).split('\n').map(|s| s.to_string()));
    }
    let icase = o.has('i') || o.has('y') || o.long("ignore-case");
    let ere = o.has('E') || prog == "egrep" || o.long("extended-regexp") || o.has('P');
    let fixed = o.has('F') || prog == "fgrep" || o.long("fixed-strings");
    let mut res = Vec::new();
    for p in &pats {
        let r = if fixed {
            Ok(Regex::literal(p, icase))
        } else {
            Regex::new(p, ere, icase)
        };
        match r {
            Ok(mut r) => {
                if o.has('x') || o.long("line-regexp") {
                    r = r.whole_line();
                } else if o.has('w') || o.long("word-regexp") {
                    r = r.whole_word();
                }
                res.push(r);
            }
            Err(e) => {
                ctx.err(&format!("grep: {}\n", e));
                return 2;
            }
        }
    }
    let m = Matcher { res };
    let invert = o.has('v') || o.long("invert-match");
    let count = o.has('c') || o.long("count");
    let number = o.has('n') || o.long("line-number");
    let only = o.has('o') || o.long("only-matching");
    let quiet = o.has('q') || o.long("quiet") || o.long("silent");
    let list_files = o.has('l') || o.long("files-with-matches");
    let list_missing = o.has('L') || o.long("files-without-match");
    let silent_errors = o.has('s') || o.long("no-messages");
    let recursive = o.has('r') || o.has('R') || o.long("recursive");
    let max_count: Option<usize> = o
        .val('m')
        .or(o.long_val("max-count"))
        .and_then(|s| s.parse().ok());
    let after: usize = o
        .val('A')
        .or(o.val('C'))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let before: usize = o
        .val('B')
        .or(o.val('C'))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);

    // Collect (shown name, contents) for every input.
    let mut files: Vec<(String, Result<String, String>)> = Vec::new();
    let implicit_dot = recursive && args.is_empty();
    if args.is_empty() {
        args.push(if recursive { ".".into() } else { "-".into() });
    }
    for a in &args {
        let p = ctx.path(a);
        if a != "-" && ctx.vfs.is_dir(&p) {
            if !recursive {
                files.push((a.clone(), Err("Is a directory".into())));
                continue;
            }
            let mut all = ctx.vfs.subtree(&p);
            all.sort();
            for sub in all {
                if let Some(Ok(text)) = ctx.vfs.is_file(&sub).then(|| ctx.vfs.read_checked(&sub)) {
                    let rel = sub[p.len()..].trim_start_matches('/');
                    let shown = if implicit_dot {
                        rel.to_string()
                    } else if a.ends_with('/') {
                        format!("{}{}", a, rel)
                    } else {
                        format!("{}/{}", a, rel)
                    };
                    if let Some(inc) = o.long_val("include") {
                        if !crate::glob::matches(inc, crate::vfs::base(&sub)) {
                            continue;
                        }
                    }
                    files.push((shown, Ok(text.to_string())));
                }
            }
            continue;
        }
        let r = ctx.read(a).map_err(|e| e.msg().to_string());
        let shown = if a == "-" {
            "(standard input)".to_string()
        } else {
            a.clone()
        };
        files.push((shown, r));
    }
    let with_names = if o.has('h') || o.long("no-filename") {
        false
    } else {
        o.has('H') || o.long("with-filename") || files.len() > 1 || recursive
    };
    let mut any = false;
    let mut error = false;
    let mut out = String::new();
    for (name, data) in files {
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                if !silent_errors {
                    ctx.err(&format!("grep: {}: {}\n", name, e));
                }
                error = true;
                continue;
            }
        };
        let ls = lines(&data);
        let mut n_match = 0usize;
        let mut last_printed: Option<usize> = None;
        let mut pending_after = 0usize;
        for (i, l) in ls.iter().enumerate() {
            if max_count.is_some_and(|mc| n_match >= mc) {
                break;
            }
            let cs: Vec<char> = l.chars().collect();
            let hit = m.is_match(&cs) != invert;
            if !hit {
                if pending_after > 0 && !count && !list_files && !list_missing && !quiet {
                    pending_after -= 1;
                    push_line(&mut out, with_names, &name, number, i, l, '-');
                    last_printed = Some(i);
                }
                continue;
            }
            n_match += 1;
            any = true;
            if quiet {
                ctx.out(&out);
                return 0;
            }
            if count || list_files || list_missing {
                continue;
            }
            if before > 0 || after > 0 {
                let start = i.saturating_sub(before);
                let from = match last_printed {
                    Some(lp) if lp + 1 >= start => lp + 1,
                    Some(_) => {
                        out.push_str("--\n");
                        start
                    }
                    None => start,
                };
                for (j, l2) in ls.iter().enumerate().take(i).skip(from) {
                    push_line(&mut out, with_names, &name, number, j, l2, '-');
                }
            }
            if only && !invert {
                for (s, e) in m.spans(&cs) {
                    let piece: String = cs[s..e].iter().collect();
                    push_line(&mut out, with_names, &name, number, i, &piece, ':');
                }
            } else {
                push_line(&mut out, with_names, &name, number, i, l, ':');
            }
            last_printed = Some(i);
            pending_after = after;
            if out.len() > ctx.limit {
                break;
            }
        }
        if count {
            if with_names {
                out.push_str(&format!("{}:{}\n", name, n_match));
            } else {
                out.push_str(&format!("{}\n", n_match));
            }
        }
        if list_files && n_match > 0 {
            out.push_str(&format!("{}\n", name));
        }
        if list_missing && n_match == 0 {
            out.push_str(&format!("{}\n", name));
        }
    }
    ctx.out(&out);
    if error && !(quiet && any) {
        2
    } else if any {
        0
    } else {
        1
    }
}

fn push_line(
    out: &mut String,
    names: bool,
    name: &str,
    number: bool,
    i: usize,
    l: &str,
    sep: char,
) {
    if names {
        out.push_str(name);
        out.push(sep);
    }
    if number {
        out.push_str(&(i + 1).to_string());
        out.push(sep);
    }
    out.push_str(l);
    out.push('\n');
}
