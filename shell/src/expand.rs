//! Word expansion, in bash's order: braces, tilde, parameters, command
//! substitution, arithmetic, then field splitting, globbing and quote
//! removal. Quoting is tracked per piece so that only unquoted results are
//! split and globbed.

use crate::ast::{Param, ParamOp, Part, Word};
use crate::exec::Exec;
use crate::glob;

/// A piece of an expanded word.
enum Seg {
    Text {
        text: String,
        quoted: bool,
        split: bool,
    },
    /// Between the arguments of a quoted `"$@"`.
    Break,
}

#[derive(Default)]
struct Field {
    text: String,
    pat: String,
    glob: bool,
}

const MAX_BRACE_WORDS: usize = 100_000;

impl Exec<'_> {
    /// Expands command words into argument strings.
    pub fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for w in words {
            for bw in brace_expand(w) {
                let mut segs = Vec::new();
                self.segments(&bw.0, false, &mut segs)?;
                for f in self.build_fields(segs) {
                    if f.glob {
                        let shopt = |name: &str| self.sh.shopts.contains(name);
                        let how = glob::How {
                            dotglob: shopt("dotglob"),
                            nocase: shopt("nocaseglob"),
                        };
                        let hits = glob::expand(&self.sh.vfs, &self.sh.cwd, &f.pat, how);
                        if !hits.is_empty() {
                            out.extend(hits);
                            continue;
                        }
                        if shopt("failglob") {
                            return Err(format!("no match: {}", f.text));
                        }
                        if shopt("nullglob") {
                            continue;
                        }
                    }
                    out.push(f.text);
                }
                if out.len() > MAX_BRACE_WORDS {
                    return Err("argument list too long".into());
                }
            }
        }
        Ok(out)
    }

    /// Expands a word to one string: no splitting, no globbing.
    pub fn expand_string(&mut self, w: &Word) -> Result<String, String> {
        let mut segs = Vec::new();
        self.segments(&w.0, false, &mut segs)?;
        let mut s = String::new();
        for seg in segs {
            match seg {
                Seg::Text { text, .. } => s.push_str(&text),
                Seg::Break => s.push(' '),
            }
        }
        Ok(s)
    }

    /// Expands a word into a shell pattern: quoted text matches literally.
    pub fn expand_pattern(&mut self, w: &Word) -> Result<String, String> {
        let mut segs = Vec::new();
        self.segments(&w.0, false, &mut segs)?;
        let mut s = String::new();
        for seg in segs {
            match seg {
                Seg::Text {
                    text, quoted: true, ..
                } => s.push_str(&glob::escape(&text)),
                Seg::Text { text, .. } => s.push_str(&text),
                Seg::Break => s.push(' '),
            }
        }
        Ok(s)
    }

    fn ifs(&self) -> String {
        self.get_var("IFS").unwrap_or_else(|| " \t\n".into())
    }

    fn build_fields(&self, segs: Vec<Seg>) -> Vec<Field> {
        let ifs = self.ifs();
        let mut fields = Vec::new();
        let mut cur = Field::default();
        let mut exists = false;
        for seg in segs {
            match seg {
                Seg::Break => {
                    fields.push(std::mem::take(&mut cur));
                    exists = false;
                }
                Seg::Text {
                    text, quoted: true, ..
                } => {
                    cur.pat.push_str(&glob::escape(&text));
                    cur.text.push_str(&text);
                    exists = true;
                }
                Seg::Text {
                    text, split: false, ..
                } => {
                    if text.contains(['*', '?', '[']) {
                        cur.glob = true;
                    }
                    cur.pat.push_str(&text);
                    cur.text.push_str(&text);
                    exists = true;
                }
                Seg::Text { text, .. } => {
                    for ch in text.chars() {
                        if ifs.contains(ch) {
                            if ch.is_whitespace() {
                                if exists {
                                    fields.push(std::mem::take(&mut cur));
                                    exists = false;
                                }
                            } else {
                                fields.push(std::mem::take(&mut cur));
                                exists = false;
                            }
                            continue;
                        }
                        if matches!(ch, '*' | '?' | '[') {
                            cur.glob = true;
                        }
                        if ch == '\\' {
                            cur.pat.push('\\');
                        }
                        cur.pat.push(ch);
                        cur.text.push(ch);
                        exists = true;
                    }
                }
            }
        }
        if exists {
            fields.push(cur);
        }
        fields
    }

    fn segments(&mut self, parts: &[Part], in_dq: bool, out: &mut Vec<Seg>) -> Result<(), String> {
        for part in parts {
            if self.dead {
                return Err(String::new());
            }
            match part {
                Part::Lit(s) => out.push(Seg::Text {
                    text: s.clone(),
                    quoted: in_dq,
                    split: false,
                }),
                Part::Quoted(s) => out.push(Seg::Text {
                    text: s.clone(),
                    quoted: true,
                    split: false,
                }),
                Part::Dq(inner) => {
                    let before = out.len();
                    self.segments(inner, true, out)?;
                    let only_at = matches!(inner.as_slice(),
                        [Part::Param(p)] if self.word_list(p).is_some()
                            || self.slice_source(p).is_some_and(|(_, _, star)| !star));
                    if out.len() == before && !only_at {
                        out.push(Seg::Text {
                            text: String::new(),
                            quoted: true,
                            split: false,
                        });
                    }
                }
                Part::Tilde(user) => {
                    let t = self.tilde(user);
                    out.push(Seg::Text {
                        text: t,
                        quoted: true,
                        split: false,
                    });
                }
                Part::Param(p) => {
                    // `${@:2}`, `${a[@]:1:2}`: a slice of the list, one
                    // word per element in double quotes (`[*]` joins).
                    if let Some((items, positional, star)) = self.slice_source(p) {
                        let ParamOp::Substr { off, len } = &p.op else {
                            continue;
                        };
                        let items = self.slice(items, positional, off, len.as_ref())?;
                        if in_dq && !star {
                            push_words(out, items);
                        } else {
                            let sep = match (in_dq, self.ifs().chars().next()) {
                                (true, Some(c)) => c.to_string(),
                                (true, None) => String::new(),
                                (false, _) => " ".into(),
                            };
                            out.push(Seg::Text {
                                text: items.join(&sep),
                                quoted: in_dq,
                                split: !in_dq,
                            });
                        }
                        continue;
                    }
                    if let (true, Some(args)) = (in_dq, self.word_list(p)) {
                        // "$@", "${a[@]}" and "${!a[@]}": one word each.
                        push_words(out, args);
                        continue;
                    }
                    let v = self.param(p, in_dq)?;
                    out.push(Seg::Text {
                        text: v,
                        quoted: in_dq,
                        split: !in_dq,
                    });
                }
                Part::CmdSub(list) => {
                    let s = self.capture(list);
                    out.push(Seg::Text {
                        text: s.trim_end_matches('\n').to_string(),
                        quoted: in_dq,
                        split: !in_dq,
                    });
                }
                Part::Backtick(text) => {
                    let s = self.capture_text(text);
                    out.push(Seg::Text {
                        text: s.trim_end_matches('\n').to_string(),
                        quoted: in_dq,
                        split: !in_dq,
                    });
                }
                Part::Arith(w) => {
                    let text = self.expand_string(w)?;
                    let v = crate::arith::eval(&text, self)?;
                    out.push(Seg::Text {
                        text: v.to_string(),
                        quoted: in_dq,
                        split: !in_dq,
                    });
                }
                // An argument of a declaration builtin (`declare a=(…)`):
                // the elements expanded as in an assignment, each quoted
                // so the builtin can take them apart again.
                Part::Array(words) => {
                    let items = self.expand_words(words)?;
                    let quoted: Vec<String> = items
                        .iter()
                        .map(|i| crate::builtins::quote_single(i))
                        .collect();
                    out.push(Seg::Text {
                        text: format!("({})", quoted.join(" ")),
                        quoted: true,
                        split: false,
                    })
                }
                Part::ProcSub(list) => {
                    let s = self.capture(list);
                    let path = self.procsub_path(&s);
                    out.push(Seg::Text {
                        text: path,
                        quoted: true,
                        split: false,
                    });
                }
            }
        }
        Ok(())
    }

    fn tilde(&self, user: &str) -> String {
        match user {
            "" => self.home(),
            "+" => self.get_var("PWD").unwrap_or_default(),
            "-" => self.get_var("OLDPWD").unwrap_or_else(|| "~-".to_string()),
            "root" => "/root".into(),
            u if u == self.sh.user => self.home(),
            u => format!("~{}", u),
        }
    }

    /// The value of a parameter by name, including the special ones.
    pub fn lookup_param(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.sh.status.to_string()),
            "#" => Some(self.sh.positional.len().to_string()),
            "@" | "*" => Some(self.sh.positional.join(" ")),
            "$" => Some("4242".into()),
            "PPID" => Some("1".into()),
            "!" => self.sh.last_bg.map(|p| p.to_string()),
            // A script's name as run, `bash -c`'s first argument, else bash.
            "0" => Some(self.script.clone().unwrap_or_else(|| "bash".into())),
            "-" => Some("himBHs".into()),
            "LINENO" => Some(self.lineno.to_string()),
            "RANDOM" => Some(((self.sh.random >> 33) % 32768).to_string()),
            "SECONDS" => Some("0".into()),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                if i == 0 {
                    return Some("bash".into());
                }
                self.sh.positional.get(i - 1).cloned()
            }
            _ => self.get_var(name),
        }
    }

    /// For a slice of a list (`${@:o:l}`, `${a[@]:o:l}`, and the `*`
    /// forms): the list, whether it is the positional parameters, and
    /// whether it is a `*` form.
    fn slice_source(&self, p: &Param) -> Option<(Vec<String>, bool, bool)> {
        if !matches!(p.op, ParamOp::Substr { .. }) {
            return None;
        }
        match (p.name.as_str(), crate::lexer::subscripted(&p.name)) {
            ("@" | "*", _) => Some((self.sh.positional.clone(), true, p.name == "*")),
            (_, Some((base, i @ ("@" | "*")))) => Some((self.array_items(base), false, i == "*")),
            _ => None,
        }
    }

    /// bash's list slice: the offset counts elements (from `$0` for the
    /// positional parameters; from the end when negative).
    fn slice(
        &mut self,
        items: Vec<String>,
        positional: bool,
        off: &Word,
        len: Option<&Word>,
    ) -> Result<Vec<String>, String> {
        let mut list = items;
        if positional {
            let zero = self.lookup_param("0").unwrap_or_default();
            list.insert(0, zero);
        }
        let n = list.len() as i64;
        let off_s = self.expand_string(off)?;
        let mut o = crate::arith::eval(&off_s, self)?;
        if o < 0 {
            o += n;
            if o < 0 {
                return Ok(vec![]);
            }
        }
        let o = o.min(n);
        let end = match len {
            None => n,
            Some(l) => {
                let ls = self.expand_string(l)?;
                let l = crate::arith::eval(&ls, self)?;
                if l < 0 {
                    return Err(format!("{}: substring expression < 0", ls.trim()));
                }
                (o + l).min(n)
            }
        };
        Ok(list[o as usize..end as usize].to_vec())
    }

    /// The words of `"$@"`, `"${a[@]}"` and `"${!a[@]}"` (the indices):
    /// parameters that expand to one word per element inside double quotes.
    fn word_list(&self, p: &Param) -> Option<Vec<String>> {
        if p.name == "@" && p.op == ParamOp::Plain {
            return Some(self.sh.positional.clone());
        }
        match (crate::lexer::subscripted(&p.name), &p.op) {
            (Some((base, "@")), ParamOp::Plain) => Some(self.array_items(base)),
            (Some((base, "@")), ParamOp::Indirect) => Some(self.array_indices(base)),
            (None, ParamOp::Indirect) => p.name.strip_suffix('@').map(|x| self.names_with(x)),
            _ => None,
        }
    }

    /// The names of the set variables that start with `prefix`, sorted.
    fn names_with(&self, prefix: &str) -> Vec<String> {
        let sh = &self.sh;
        let mut names: Vec<String> = (sh.env.keys())
            .chain(sh.vars.keys())
            .chain(sh.arrays.keys())
            .chain(sh.assocs.keys())
            .filter(|n| n.starts_with(prefix))
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn param(&mut self, p: &Param, in_dq: bool) -> Result<String, String> {
        if let (ParamOp::Indirect, Some((base, "@" | "*"))) =
            (&p.op, crate::lexer::subscripted(&p.name))
        {
            return Ok(self.array_indices(base).join(" "));
        }
        if p.op == ParamOp::Indirect && crate::lexer::subscripted(&p.name).is_none() {
            if let Some(prefix) = p.name.strip_suffix(['*', '@']) {
                return Ok(self.names_with(prefix).join(" "));
            }
        }
        // `${a[i+1]}`: the subscript's arithmetic is done first; an
        // associative array's key is expanded instead.
        let mut assoc_value: Option<Option<String>> = None;
        if let Some((base, idx)) = crate::lexer::subscripted(&p.name) {
            if p.op == ParamOp::Length && matches!(idx, "@" | "*") {
                return Ok(self.array_items(base).len().to_string());
            }
            if self.is_assoc(base) && !matches!(idx, "@" | "*") {
                let key = self.assoc_key(idx)?;
                assoc_value = Some(self.sh.assocs.get(base).and_then(|m| m.get(&key)).cloned());
            } else if !matches!(idx, "@" | "*") {
                let n = self.subscript(idx)?;
                let p = Param {
                    name: format!("{base}[{n}]"),
                    op: p.op.clone(),
                    braced: p.braced,
                };
                if n.to_string() != idx {
                    return self.param(&p, in_dq);
                }
            }
        }
        if p.name == "RANDOM" {
            self.sh.next_random();
        }
        // `"$*"` and `"${a[*]}"` join with IFS's first character.
        let star_of = |name: &str| match crate::lexer::subscripted(name) {
            Some((base, "*")) => Some(Some(base.to_string())),
            _ if name == "*" => Some(None),
            _ => None,
        };
        let val = if let Some(v) = assoc_value {
            v
        } else if let (Some(of), true) = (star_of(&p.name), in_dq) {
            let sep = self
                .ifs()
                .chars()
                .next()
                .map(String::from)
                .unwrap_or_default();
            let items = match of {
                Some(base) => self.array_items(&base),
                None => self.sh.positional.clone(),
            };
            Some(items.join(&sep))
        } else {
            self.lookup_param(&p.name)
        };
        // `set -u`: an unset parameter is an error, unless the expansion
        // itself says what to use instead.
        if val.is_none()
            && self.sh.opts.nounset
            && !matches!(p.op, ParamOp::Test { .. })
            && !matches!(p.name.as_str(), "@" | "*")
        {
            let shown = if p.name.chars().all(|c| c.is_ascii_digit()) {
                format!("${}", p.name)
            } else {
                p.name.clone()
            };
            return Err(format!("{shown}: unbound variable"));
        }
        match &p.op {
            ParamOp::Plain => Ok(val.unwrap_or_default()),
            ParamOp::Length => Ok(if p.name == "@" || p.name == "*" {
                self.sh.positional.len().to_string()
            } else {
                val.unwrap_or_default().chars().count().to_string()
            }),
            ParamOp::Test { colon, kind, word } => {
                let missing = match &val {
                    None => true,
                    Some(v) => *colon && v.is_empty(),
                };
                match kind {
                    '-' => {
                        if missing {
                            self.expand_string(word)
                        } else {
                            Ok(val.unwrap_or_default())
                        }
                    }
                    '=' => {
                        if missing {
                            let v = self.expand_string(word)?;
                            if !crate::lexer::is_name(&p.name) {
                                return Err(format!("${}: cannot assign in this way", p.name));
                            }
                            self.set_var(&p.name, v.clone());
                            Ok(v)
                        } else {
                            Ok(val.unwrap_or_default())
                        }
                    }
                    '+' => {
                        if missing {
                            Ok(String::new())
                        } else {
                            self.expand_string(word)
                        }
                    }
                    _ => {
                        if missing {
                            let msg = self.expand_string(word)?;
                            let msg = if msg.is_empty() {
                                if *colon {
                                    "parameter null or not set".to_string()
                                } else {
                                    "parameter not set".to_string()
                                }
                            } else {
                                msg
                            };
                            Err(format!("{}: {}", p.name, msg))
                        } else {
                            Ok(val.unwrap_or_default())
                        }
                    }
                }
            }
            ParamOp::Trim {
                suffix,
                longest,
                pat,
            } => {
                let v = val.unwrap_or_default();
                let pat = self.expand_pattern(pat)?;
                let chars: Vec<char> = v.chars().collect();
                Ok(if *suffix {
                    match glob::match_suffix(&pat, &v, *longest) {
                        Some(n) => chars[..n].iter().collect(),
                        None => v,
                    }
                } else {
                    match glob::match_prefix(&pat, &v, *longest) {
                        Some(n) => chars[n..].iter().collect(),
                        None => v,
                    }
                })
            }
            ParamOp::Replace {
                all,
                anchor,
                pat,
                rep,
            } => {
                let v = val.unwrap_or_default();
                let pat = self.expand_pattern(pat)?;
                let rep = self.expand_string(rep)?;
                Ok(replace(&v, &pat, &rep, *all, *anchor))
            }
            ParamOp::Substr { off, len } => {
                let v = val.unwrap_or_default();
                let chars: Vec<char> = v.chars().collect();
                let n = chars.len() as i64;
                let off_s = self.expand_string(off)?;
                let mut o = crate::arith::eval(&off_s, self)?;
                if o < 0 {
                    o += n;
                    if o < 0 {
                        return Ok(String::new());
                    }
                }
                let o = o.min(n);
                let end = match len {
                    None => n,
                    Some(l) => {
                        let ls = self.expand_string(l)?;
                        let l = crate::arith::eval(&ls, self)?;
                        if l < 0 {
                            if n + l < o {
                                return Err(format!("{}: substring expression < 0", ls.trim()));
                            }
                            n + l
                        } else {
                            (o + l).min(n)
                        }
                    }
                };
                Ok(chars[o as usize..end as usize].iter().collect())
            }
            ParamOp::Case { upper, all } => {
                let v = val.unwrap_or_default();
                let conv = |c: char| -> String {
                    if *upper {
                        c.to_uppercase().collect()
                    } else {
                        c.to_lowercase().collect()
                    }
                };
                Ok(if *all {
                    v.chars().map(conv).collect()
                } else {
                    let mut cs = v.chars();
                    match cs.next() {
                        Some(c) => conv(c) + cs.as_str(),
                        None => String::new(),
                    }
                })
            }
            ParamOp::Indirect => match val {
                Some(target) if !target.is_empty() => {
                    Ok(self.lookup_param(&target).unwrap_or_default())
                }
                _ => Err(format!("{}: invalid indirect expansion", p.name)),
            },
            ParamOp::Bad(text) => Err(format!("{}: bad substitution", text)),
        }
    }
}

fn replace(v: &str, pat: &str, rep: &str, all: bool, anchor: Option<char>) -> String {
    let chars: Vec<char> = v.chars().collect();
    match anchor {
        Some('#') => match glob::match_prefix(pat, v, true) {
            Some(n) => format!("{}{}", rep, chars[n..].iter().collect::<String>()),
            None => v.to_string(),
        },
        Some(_) => match glob::match_suffix(pat, v, true) {
            Some(n) => format!("{}{}", chars[..n].iter().collect::<String>(), rep),
            None => v.to_string(),
        },
        None => {
            if pat.is_empty() {
                return v.to_string();
            }
            let mut out = String::new();
            let mut i = 0;
            while i <= chars.len() {
                match glob::find(pat, &chars, i) {
                    Some((start, len)) if len > 0 => {
                        out.extend(&chars[i..start]);
                        out.push_str(rep);
                        i = start + len;
                        if !all {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            if i < chars.len() {
                out.extend(&chars[i..]);
            }
            out
        }
    }
}

/// Bash's brace expansion on the unquoted literal pieces of a word.
pub fn brace_expand(w: &Word) -> Vec<Word> {
    let mut out = Vec::new();
    expand_into(w, &mut out, 0);
    if out.len() > MAX_BRACE_WORDS {
        return vec![w.clone()];
    }
    out
}

fn expand_into(w: &Word, out: &mut Vec<Word>, depth: usize) {
    if depth > 20 || out.len() > MAX_BRACE_WORDS {
        out.push(w.clone());
        return;
    }
    for (i, part) in w.0.iter().enumerate() {
        let Part::Lit(s) = part else { continue };
        if let Some((pre, alts, post)) = find_brace(s) {
            for alt in alts {
                let mut parts = w.0[..i].to_vec();
                parts.push(Part::Lit(format!("{}{}{}", pre, alt, post)));
                parts.extend(w.0[i + 1..].iter().cloned());
                let nw = Word(merge_lits(parts));
                expand_into(&nw, out, depth + 1);
                if out.len() > MAX_BRACE_WORDS {
                    return;
                }
            }
            return;
        }
    }
    out.push(w.clone());
}

fn merge_lits(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for p in parts {
        if let (Some(Part::Lit(a)), Part::Lit(b)) = (out.last_mut(), &p) {
            a.push_str(b);
            continue;
        }
        if matches!(&p, Part::Lit(s) if s.is_empty()) {
            continue;
        }
        out.push(p);
    }
    out
}

/// The first expandable `{...}` in `s`: (before, alternatives, after).
fn find_brace(s: &str) -> Option<(String, Vec<String>, String)> {
    let cs: Vec<char> = s.chars().collect();
    for i in 0..cs.len() {
        if cs[i] != '{' {
            continue;
        }
        let mut depth = 0;
        let mut commas = Vec::new();
        let mut close = None;
        for (j, &c) in cs.iter().enumerate().skip(i) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                ',' if depth == 1 => commas.push(j),
                _ => {}
            }
        }
        let Some(close) = close else { continue };
        let pre: String = cs[..i].iter().collect();
        let post: String = cs[close + 1..].iter().collect();
        if !commas.is_empty() {
            let mut alts = Vec::new();
            let mut start = i + 1;
            for &c in commas.iter().chain(std::iter::once(&close)) {
                alts.push(cs[start..c].iter().collect());
                start = c + 1;
            }
            return Some((pre, alts, post));
        }
        let inner: String = cs[i + 1..close].iter().collect();
        if let Some(seq) = sequence(&inner) {
            return Some((pre, seq, post));
        }
    }
    None
}

fn sequence(inner: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = inner.split("..").collect();
    if parts.len() != 2 && parts.len() != 3 {
        return None;
    }
    let step: i64 = match parts.get(2) {
        Some(s) => s.parse().ok()?,
        None => 1,
    };
    let step = step.unsigned_abs().max(1) as i64;
    if let (Ok(a), Ok(b)) = (parts[0].parse::<i64>(), parts[1].parse::<i64>()) {
        let count = (a - b).unsigned_abs() / step as u64 + 1;
        if count > MAX_BRACE_WORDS as u64 {
            return None;
        }
        let pad = |s: &str| s.trim_start_matches('-').starts_with('0') && s.len() > 1;
        let width = if pad(parts[0]) || pad(parts[1]) {
            parts[0].len().max(parts[1].len())
        } else {
            0
        };
        let mut out = Vec::new();
        let mut x = a;
        loop {
            out.push(if width > 0 {
                if x < 0 {
                    format!("-{:0w$}", -x, w = width - 1)
                } else {
                    format!("{:0w$}", x, w = width)
                }
            } else {
                x.to_string()
            });
            if x == b || (a < b && x + step > b) || (a > b && x - step < b) {
                break;
            }
            x = if a < b { x + step } else { x - step };
        }
        return Some(out);
    }
    let (ca, cb) = (single_char(parts[0])?, single_char(parts[1])?);
    let (a, b) = (ca as i64, cb as i64);
    let mut out = Vec::new();
    let mut x = a;
    loop {
        out.push(char::from_u32(x as u32)?.to_string());
        if x == b || (a < b && x + step > b) || (a > b && x - step < b) {
            break;
        }
        x = if a < b { x + step } else { x - step };
    }
    Some(out)
}

fn single_char(s: &str) -> Option<char> {
    let mut cs = s.chars();
    let c = cs.next()?;
    if cs.next().is_some() || !c.is_ascii_alphabetic() {
        return None;
    }
    Some(c)
}

/// Approximate source text of a word, for error messages.
pub fn word_source(w: &Word) -> String {
    let mut s = String::new();
    for p in &w.0 {
        part_source(p, &mut s);
    }
    s
}

fn part_source(p: &Part, s: &mut String) {
    match p {
        Part::Lit(t) => s.push_str(t),
        Part::Quoted(t) => {
            s.push('\'');
            s.push_str(t);
            s.push('\'');
        }
        Part::Dq(inner) => {
            s.push('"');
            for p in inner {
                part_source(p, s);
            }
            s.push('"');
        }
        Part::Param(p) => {
            if p.op == ParamOp::Plain {
                s.push('$');
                s.push_str(&p.name);
            } else {
                s.push_str(&format!("${{{}}}", p.name));
            }
        }
        Part::CmdSub(_) => s.push_str("$(...)"),
        Part::Backtick(t) => s.push_str(&format!("`{}`", t)),
        Part::Arith(w) => s.push_str(&format!("$(({}))", word_source(w))),
        Part::Tilde(u) => {
            s.push('~');
            s.push_str(u);
        }
        Part::ProcSub(_) => s.push_str("<(...)"),
        Part::Array(words) => {
            let inner: Vec<String> = words.iter().map(word_source).collect();
            s.push_str(&format!("({})", inner.join(" ")));
        }
    }
}

/// Quoted words, one per item (`"$@"` and its kin).
fn push_words(out: &mut Vec<Seg>, items: Vec<String>) {
    for (i, a) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Seg::Break);
        }
        out.push(Seg::Text {
            text: a,
            quoted: true,
            split: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(w: &str) -> Vec<String> {
        brace_expand(&Word::lit(w))
            .into_iter()
            .map(|w| w.as_plain().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn braces() {
        assert_eq!(texts("a{b,c}d"), vec!["abd", "acd"]);
        assert_eq!(texts("{1..3}"), vec!["1", "2", "3"]);
        assert_eq!(texts("{3..1}"), vec!["3", "2", "1"]);
        assert_eq!(texts("{01..03}"), vec!["01", "02", "03"]);
        assert_eq!(texts("{a..c}"), vec!["a", "b", "c"]);
        assert_eq!(texts("{1..10..4}"), vec!["1", "5", "9"]);
        assert_eq!(texts("{a,{b,c}}"), vec!["a", "b", "c"]);
        assert_eq!(texts("{x}"), vec!["{x}"]);
        assert_eq!(texts("{a,b}{1,2}"), vec!["a1", "a2", "b1", "b2"]);
    }

    #[test]
    fn replaces() {
        assert_eq!(replace("a-b-c", "-", "+", false, None), "a+b-c");
        assert_eq!(replace("a-b-c", "-", "+", true, None), "a+b+c");
        assert_eq!(replace("abc", "a", "x", false, Some('#')), "xbc");
    }
}
