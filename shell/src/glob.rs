//! Shell patterns (`*`, `?`, `[...]`): matching for `case`, `${x#pat}`,
//! `[[ == ]]`, and pathname expansion against the VFS. A backslash in a
//! pattern makes the next character literal (quoted text is escaped so).

use crate::vfs::Vfs;

#[derive(Debug, Clone)]
enum Tok {
    Ch(char),
    Any,
    Star,
    /// negated, items (single chars as (c, c) ranges), classes
    Class(bool, Vec<(char, char)>, Vec<String>),
}

fn compile(pat: &str) -> Vec<Tok> {
    let cs: Vec<char> = pat.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '\\' if i + 1 < cs.len() => {
                out.push(Tok::Ch(cs[i + 1]));
                i += 2;
                continue;
            }
            '*' => {
                if !matches!(out.last(), Some(Tok::Star)) {
                    out.push(Tok::Star);
                }
            }
            '?' => out.push(Tok::Any),
            '[' => {
                if let Some((tok, next)) = bracket(&cs, i) {
                    out.push(tok);
                    i = next;
                    continue;
                }
                out.push(Tok::Ch('['));
            }
            c => out.push(Tok::Ch(c)),
        }
        i += 1;
    }
    out
}

/// Parses `[...]` starting at `cs[i] == '['`; None if it is not closed.
fn bracket(cs: &[char], i: usize) -> Option<(Tok, usize)> {
    let mut j = i + 1;
    let neg = matches!(cs.get(j), Some('!') | Some('^'));
    if neg {
        j += 1;
    }
    let mut items = Vec::new();
    let mut classes = Vec::new();
    let mut first = true;
    loop {
        let c = *cs.get(j)?;
        if c == ']' && !first {
            return Some((Tok::Class(neg, items, classes), j + 1));
        }
        first = false;
        if c == '[' && cs.get(j + 1) == Some(&':') {
            let rest: String = cs[j + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                classes.push(rest[..end].to_string());
                j += 2 + rest[..end].chars().count() + 2;
                continue;
            }
        }
        let lo = if c == '\\' && j + 1 < cs.len() {
            j += 1;
            cs[j]
        } else {
            c
        };
        if cs.get(j + 1) == Some(&'-') && cs.get(j + 2).is_some_and(|&h| h != ']') {
            let hi = cs[j + 2];
            items.push((lo, hi));
            j += 3;
        } else {
            items.push((lo, lo));
            j += 1;
        }
    }
}

fn class_has(name: &str, c: char) -> bool {
    match name {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_control(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && c != ' ',
        _ => false,
    }
}

fn tok_matches(t: &Tok, c: char) -> bool {
    match t {
        Tok::Ch(x) => *x == c,
        Tok::Any => true,
        Tok::Star => true,
        Tok::Class(neg, items, classes) => {
            let hit = items.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                || classes.iter().any(|n| class_has(n, c));
            hit != *neg
        }
    }
}

fn match_toks(p: &[Tok], s: &[char]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() {
            if let Tok::Star = p[pi] {
                star = Some((pi, si));
                pi += 1;
                continue;
            }
            if tok_matches(&p[pi], s[si]) {
                pi += 1;
                si += 1;
                continue;
            }
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|t| matches!(t, Tok::Star))
}

/// Whether the whole of `s` matches the pattern.
pub fn matches(pat: &str, s: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    match_toks(&compile(pat), &s)
}

/// Whether the pattern has an unescaped `*`, `?` or `[`.
pub fn has_glob(pat: &str) -> bool {
    let mut esc = false;
    for c in pat.chars() {
        if esc {
            esc = false;
            continue;
        }
        match c {
            '\\' => esc = true,
            '*' | '?' | '[' => return true,
            _ => {}
        }
    }
    false
}

/// Makes literal text safe to embed in a pattern.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Removes pattern escapes.
pub fn unescape(pat: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in pat.chars() {
        if !esc && c == '\\' {
            esc = true;
            continue;
        }
        esc = false;
        out.push(c);
    }
    out
}

/// Length in chars of the shortest/longest prefix of `s` matching `pat`.
pub fn match_prefix(pat: &str, s: &str, longest: bool) -> Option<usize> {
    let toks = compile(pat);
    let cs: Vec<char> = s.chars().collect();
    let mut range: Vec<usize> = (0..=cs.len()).collect();
    if longest {
        range.reverse();
    }
    range.into_iter().find(|&n| match_toks(&toks, &cs[..n]))
}

/// Start (in chars) of the shortest/longest suffix of `s` matching `pat`.
pub fn match_suffix(pat: &str, s: &str, longest: bool) -> Option<usize> {
    let toks = compile(pat);
    let cs: Vec<char> = s.chars().collect();
    let mut range: Vec<usize> = (0..=cs.len()).collect();
    if !longest {
        range.reverse();
    }
    range.into_iter().find(|&n| match_toks(&toks, &cs[n..]))
}

/// First (start, len) in chars where `pat` matches inside `s`, longest at
/// the leftmost position, as `${x/pat/rep}` wants.
pub fn find(pat: &str, s: &[char], from: usize) -> Option<(usize, usize)> {
    let toks = compile(pat);
    for start in from..=s.len() {
        for end in (start..=s.len()).rev() {
            if match_toks(&toks, &s[start..end]) {
                if end == start && toks.iter().any(|t| !matches!(t, Tok::Star)) {
                    continue;
                }
                return Some((start, end - start));
            }
        }
    }
    None
}

/// Pathname expansion: every existing path matching the pattern, sorted;
/// empty if none (the caller then keeps the word as it was).
/// The `shopt` options that change what a glob matches.
#[derive(Clone, Copy, Debug, Default)]
pub struct How {
    /// `*` matches names that start with a dot too.
    pub dotglob: bool,
    /// Letters match either case.
    pub nocase: bool,
}

pub fn expand(vfs: &Vfs, cwd: &str, pat: &str, how: How) -> Vec<String> {
    let absolute = pat.starts_with('/');
    let comps: Vec<&str> = pat.split('/').filter(|c| !c.is_empty()).collect();
    if comps.is_empty() {
        return vec![];
    }
    // (display prefix, real directory)
    let mut cur: Vec<(String, String)> = vec![if absolute {
        ("/".to_string(), "/".to_string())
    } else {
        (String::new(), cwd.to_string())
    }];
    for (idx, comp) in comps.iter().enumerate() {
        let last = idx + 1 == comps.len();
        let mut next = Vec::new();
        for (shown, real) in &cur {
            let join = |name: &str| -> (String, String) {
                let s = if shown.is_empty() || shown.ends_with('/') {
                    format!("{}{}", shown, name)
                } else {
                    format!("{}/{}", shown, name)
                };
                let r = if real == "/" {
                    format!("/{}", name)
                } else {
                    format!("{}/{}", real, name)
                };
                (s, r)
            };
            if !has_glob(comp) {
                let name = unescape(comp);
                let (s, r) = join(&name);
                if name == "." || name == ".." {
                    let r = crate::vfs::resolve(real, &name);
                    next.push((s, r));
                } else if vfs.exists(&r) && (last || vfs.is_dir(&r)) {
                    next.push((s, r));
                }
                continue;
            }
            let Some(names) = vfs.list(real) else {
                continue;
            };
            for name in names {
                let dot =
                    name.starts_with('.') && !comp.starts_with('.') && !comp.starts_with("\\.");
                if dot && !how.dotglob {
                    continue;
                }
                let hit = match how.nocase {
                    true => matches(&comp.to_lowercase(), &name.to_lowercase()),
                    false => matches(comp, &name),
                };
                if hit {
                    let (s, r) = join(&name);
                    if last || vfs.is_dir(&r) {
                        next.push((s, r));
                    }
                }
            }
        }
        cur = next;
        if cur.is_empty() {
            return vec![];
        }
    }
    let trailing = pat.ends_with('/');
    let mut out: Vec<String> = cur
        .into_iter()
        .filter(|(_, r)| !trailing || vfs.is_dir(r))
        .map(|(s, _)| if trailing { format!("{}/", s) } else { s })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("*.yml", "pod.yml"));
        assert!(!matches("*.yml", "pod.yaml"));
        assert!(matches("p?d", "pod"));
        assert!(matches("[a-c]x", "bx"));
        assert!(matches("[!a-c]x", "dx"));
        assert!(matches("\\*", "*"));
        assert!(!matches("\\*", "a"));
        assert!(matches("[[:digit:]]*", "1abc"));
        assert_eq!(match_prefix("*/", "a/b/c", false), Some(2));
        assert_eq!(match_prefix("*/", "a/b/c", true), Some(4));
        assert_eq!(match_suffix(".*", "a.tar.gz", false), Some(5));
        assert_eq!(match_suffix(".*", "a.tar.gz", true), Some(1));
    }
}
