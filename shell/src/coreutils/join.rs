//! join: relational join of two files sorted on a field, following
//! GNU join.c's merge loop (so pairing, `-a`/`-v` and the order warnings
//! come out in the same places).

use super::comm::{line_end, records, two_inputs};
use super::{getopt, Ctx};
use std::cmp::Ordering;

struct Line<'a> {
    text: &'a str,
    fields: Vec<&'a str>,
}

/// Output item of `-o`: file 0 is the join field of whichever side has it.
#[derive(Clone, Copy)]
struct Item {
    file: usize,
    field: usize,
}

/// Splits a line: on each `tab` byte, or on runs of blanks (leading ones
/// skipped, trailing ones leaving an empty last field, as GNU does).
fn fields(text: &str, tab: Option<char>) -> Vec<&str> {
    if text.is_empty() {
        return vec![];
    }
    match tab {
        Some('\n') => vec![text],
        Some(t) => text.split(t).collect(),
        None => {
            let blank = |c: char| c == ' ' || c == '\t';
            let mut v = Vec::new();
            let mut rest = text.trim_start_matches(blank);
            if rest.is_empty() {
                return v;
            }
            loop {
                let end = rest.find(blank).unwrap_or(rest.len());
                v.push(&rest[..end]);
                if end == rest.len() {
                    return v;
                }
                rest = rest[end..].trim_start_matches(blank);
                if rest.is_empty() {
                    v.push("");
                    return v;
                }
            }
        }
    }
}

struct Join<'a> {
    keys: [usize; 2],
    ignore_case: bool,
    tab: Option<char>,
    empty: Option<String>,
    format: Option<Vec<Item>>,
    auto: Option<[usize; 2]>,
    unpaired: [bool; 2],
    paired: bool,
    eol: char,
    names: [&'a str; 2],
    /// 0: --nocheck-order, 1: default, 2: --check-order.
    check: u8,
    warned: [bool; 2],
    unpairable: bool,
    out: String,
    err: String,
    /// Output budget: a cross product of long runs can be huge.
    limit: usize,
}

impl<'a> Join<'a> {
    fn keycmp(&self, a: &Line, b: &Line, fa: usize, fb: usize) -> Ordering {
        let x = a.fields.get(fa).copied().unwrap_or("");
        let y = b.fields.get(fb).copied().unwrap_or("");
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        if self.ignore_case {
            x.bytes()
                .map(|c| c.to_ascii_lowercase())
                .cmp(y.bytes().map(|c| c.to_ascii_lowercase()))
        } else {
            x.cmp(y)
        }
    }

    fn field(&mut self, line: Option<&Line>, n: usize) {
        match line.and_then(|l| l.fields.get(n)) {
            Some(f) if !f.is_empty() => self.out.push_str(f),
            _ => {
                if let Some(e) = &self.empty {
                    self.out.push_str(e);
                }
            }
        }
    }

    fn sep(&self) -> char {
        match self.tab {
            Some(t) if t != '\n' => t,
            _ => ' ',
        }
    }

    /// prjoin: one output line for a pair (`None`: the unpaired side).
    fn print(&mut self, l1: Option<&Line>, l2: Option<&Line>) {
        let sep = self.sep();
        let (side, key) = if l1.is_none() {
            (l2, self.keys[1])
        } else {
            (l1, self.keys[0])
        };
        if let Some(items) = self.format.clone() {
            for (k, it) in items.iter().enumerate() {
                if k > 0 {
                    self.out.push(sep);
                }
                match it.file {
                    0 => self.field(side, key),
                    1 => self.field(l1, it.field),
                    _ => self.field(l2, it.field),
                }
            }
        } else {
            self.field(side, key);
            for (f, line) in [l1, l2].into_iter().enumerate() {
                let n = match self.auto {
                    Some(a) => a[f],
                    None => line.map_or(0, |l| l.fields.len()),
                };
                let key = self.keys[f];
                for i in (0..n).filter(|&i| i != key) {
                    self.out.push(sep);
                    self.field(line, i);
                }
            }
        }
        self.out.push(self.eol);
    }

    /// The order check GNU makes as each line is read.
    fn check_order(&mut self, prev: &Line, cur: &Line, file: usize, line_no: usize) -> bool {
        if self.check == 0 || self.warned[file] || (self.check == 1 && !self.unpairable) {
            return true;
        }
        let k = self.keys[file];
        if self.keycmp(prev, cur, k, k) == Ordering::Greater {
            self.err.push_str(&format!(
                "join: {}:{}: is not sorted: {}\n",
                self.names[file], line_no, cur.text
            ));
            self.warned[file] = true;
            return self.check != 2;
        }
        true
    }
}

fn lines(s: &str, eol: char, tab: Option<char>) -> Vec<Line<'_>> {
    records(s, eol)
        .into_iter()
        .map(|text| Line {
            text,
            fields: fields(text, tab),
        })
        .collect()
}

/// Parses a `-o` list: `0`, `1.N`, `2.N` separated by commas or blanks.
fn parse_format(spec: &str) -> Result<Vec<Item>, String> {
    let mut v = Vec::new();
    for s in spec.split([',', ' ', '\t']) {
        let file = match s.as_bytes().first() {
            Some(b'0') if s.len() == 1 => {
                v.push(Item { file: 0, field: 0 });
                continue;
            }
            Some(b'0') => return Err(format!("invalid field specifier: ‘{}’", s)),
            Some(b'1') => 1,
            Some(b'2') => 2,
            _ => return Err(format!("invalid file number in field spec: ‘{}’", s)),
        };
        if s.as_bytes().get(1) != Some(&b'.') {
            return Err(format!("invalid field specifier: ‘{}’", s));
        }
        v.push(Item {
            file,
            field: field_number(&s[2..])?,
        });
    }
    Ok(v)
}

/// A 1-based field number, as a 0-based index.
fn field_number(s: &str) -> Result<usize, String> {
    match super::num::xstrtoumax(s, 10, "") {
        (_, Some(super::num::NumErr::Overflow)) => Ok(usize::MAX),
        (n, None) if n > 0 => Ok(usize::try_from(n - 1).unwrap_or(usize::MAX)),
        _ => Err(format!("invalid field number: ‘{}’", s)),
    }
}

pub fn join(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "join",
        argv,
        "iz",
        "aevo12jt",
        &[
            "ignore-case",
            "check-order",
            "nocheck-order",
            "zero-terminated",
            "header",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let fail = |ctx: &mut Ctx, msg: String| {
        ctx.err(&format!("join: {}\n", msg));
        1
    };
    let mut keys = [0usize, 0usize];
    let mut unpaired = [false, false];
    let mut paired = true;
    let mut format: Option<Vec<Item>> = None;
    let mut auto = false;
    let mut tab = None;
    for (c, v) in &o.vals {
        match c {
            'a' | 'v' => {
                if *c == 'v' {
                    paired = false;
                }
                match v.as_str() {
                    "1" => unpaired[0] = true,
                    "2" => unpaired[1] = true,
                    _ => return fail(ctx, format!("invalid field number: ‘{}’", v)),
                }
            }
            '1' | '2' | 'j' => {
                let n = match field_number(v) {
                    Ok(n) => n,
                    Err(e) => return fail(ctx, e),
                };
                match c {
                    '1' => keys[0] = n,
                    '2' => keys[1] = n,
                    _ => keys = [n, n],
                }
            }
            'o' if v == "auto" => auto = true,
            'o' => match parse_format(v) {
                Ok(items) => format.get_or_insert_with(Vec::new).extend(items),
                Err(e) => return fail(ctx, e),
            },
            't' => {
                let mut cs = v.chars();
                tab = Some(match (cs.next(), cs.next()) {
                    (None, _) => '\n',
                    (Some(t), None) => t,
                    _ if v == "\\0" => '\0',
                    _ => return fail(ctx, format!("multi-character tab ‘{}’", v)),
                });
            }
            _ => {}
        }
    }
    let [a, b] = match two_inputs(ctx, "join", &o.args) {
        Ok(d) => d,
        Err(s) => return s,
    };
    let eol = line_end(&o);
    let files = [lines(&a, eol, tab), lines(&b, eol, tab)];
    let mut j = Join {
        keys,
        ignore_case: o.has('i') || o.long("ignore-case"),
        tab,
        empty: o.val('e').map(str::to_string),
        format,
        auto: None,
        unpaired,
        paired,
        eol,
        names: [&o.args[0], &o.args[1]],
        check: if o.long("nocheck-order") {
            0
        } else if o.long("check-order") {
            2
        } else {
            1
        },
        warned: [false, false],
        unpairable: false,
        out: String::new(),
        err: String::new(),
        limit: ctx.limit.saturating_sub(ctx.written) + 1,
    };
    if auto && j.format.is_none() {
        j.auto = Some([0, 1].map(|f| files[f].first().map_or(0, |l| l.fields.len())));
    }
    let ok = run(&mut j, &files, o.long("header"));
    let (out, err) = (std::mem::take(&mut j.out), std::mem::take(&mut j.err));
    ctx.out(&out);
    ctx.err(&err);
    if !ok {
        return 1;
    }
    if j.warned[0] || j.warned[1] {
        ctx.err("join: input is not in sorted order\n");
        return 1;
    }
    0
}

/// The merge. Returns false when --check-order stopped it.
fn run(j: &mut Join, files: &[Vec<Line>; 2], header: bool) -> bool {
    let mut at = [0usize, 0usize];
    // Reading line `at[f]` of file `f` (advance_seq/get_line): checks order.
    let mut prev: [Option<usize>; 2] = [None, None];
    let limit = j.limit;
    macro_rules! read {
        ($f:expr, $i:expr) => {{
            let (f, i): (usize, usize) = ($f, $i);
            if i < files[f].len() {
                if let Some(p) = prev[f] {
                    if !j.check_order(&files[f][p], &files[f][i], f, i + 1) {
                        return false;
                    }
                }
                prev[f] = Some(i);
                true
            } else {
                false
            }
        }};
    }
    let mut have = [read!(0, 0), read!(1, 0)];
    if header && (have[0] || have[1]) {
        let l1 = have[0].then(|| &files[0][0]);
        let l2 = have[1].then(|| &files[1][0]);
        j.print(l1, l2);
        prev = [None, None];
        for f in 0..2 {
            if have[f] {
                at[f] = 1;
                have[f] = read!(f, 1);
            }
        }
    }
    while have[0] && have[1] {
        if j.out.len() > limit {
            return true;
        }
        let (k0, k1) = (j.keys[0], j.keys[1]);
        let diff = j.keycmp(&files[0][at[0]], &files[1][at[1]], k0, k1);
        if diff != Ordering::Equal {
            let f = if diff == Ordering::Less { 0 } else { 1 };
            if j.unpaired[f] {
                let l = &files[f][at[f]];
                if f == 0 {
                    j.print(Some(l), None);
                } else {
                    j.print(None, Some(l));
                }
            }
            at[f] += 1;
            have[f] = read!(f, at[f]);
            j.unpairable = true;
            continue;
        }
        // The runs of equal keys on each side.
        let mut end = at;
        loop {
            end[0] += 1;
            if !read!(0, end[0]) {
                break;
            }
            if j.keycmp(&files[0][end[0]], &files[1][at[1]], k0, k1) != Ordering::Equal {
                break;
            }
        }
        loop {
            end[1] += 1;
            if !read!(1, end[1]) {
                break;
            }
            if j.keycmp(&files[0][at[0]], &files[1][end[1]], k0, k1) != Ordering::Equal {
                break;
            }
        }
        if j.paired {
            for x in at[0]..end[0] {
                for y in at[1]..end[1] {
                    j.print(Some(&files[0][x]), Some(&files[1][y]));
                    if j.out.len() > limit {
                        return true;
                    }
                }
            }
        }
        at = end;
        have = [at[0] < files[0].len(), at[1] < files[1].len()];
    }
    // The tails: unpaired lines, and the rest of the order check.
    let checktail = j.check != 0 && !(j.warned[0] && j.warned[1]);
    for f in 0..2 {
        if !(have[f] && (j.unpaired[f] || checktail)) {
            continue;
        }
        if have[1 - f] {
            j.unpairable = true;
        }
        let mut i = at[f];
        loop {
            if j.unpaired[f] {
                let l = &files[f][i];
                if f == 0 {
                    j.print(Some(l), None);
                } else {
                    j.print(None, Some(l));
                }
            }
            i += 1;
            if !read!(f, i) || (j.warned[f] && !j.unpaired[f]) {
                break;
            }
        }
    }
    true
}
