//! A small backtracking regex engine for grep, sed, awk and `[[ =~ ]]`:
//! POSIX basic and extended syntax with the GNU extensions people use
//! (`\+ \? \|` in BRE, `\w \s \b \< \>`, back-references). A step budget
//! keeps pathological patterns from hanging the playground.

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class(Box<Class>),
    Start,
    End,
    /// `\``, `\'`: the very ends of the subject even in multiline mode.
    BufStart,
    BufEnd,
    WordB(bool),
    WordStart,
    WordEnd,
    Group(Box<Node>, usize),
    Alt(Vec<Node>),
    Concat(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Backref(usize),
}

#[derive(Debug, Clone)]
struct Class {
    neg: bool,
    ranges: Vec<(char, char)>,
    named: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Regex {
    root: Node,
    groups: usize,
    icase: bool,
    /// `.` matches a newline (sed's pattern space, POSIX regcomp).
    dot_nl: bool,
    /// sed's M flag: `^`/`$` also match around newlines, and neither `.`
    /// nor `[^...]` match one.
    multiline: bool,
}

pub type Caps = Vec<Option<(usize, usize)>>;

struct P<'a> {
    cs: &'a [char],
    i: usize,
    ere: bool,
    groups: usize,
    depth: usize,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl P<'_> {
    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }
    fn peek2(&self) -> Option<char> {
        self.cs.get(self.i + 1).copied()
    }

    fn at_alt_end(&self) -> bool {
        match self.peek() {
            None => true,
            Some('|') if self.ere => true,
            Some(')') if self.ere && self.depth > 0 => true,
            Some('\\') if !self.ere => {
                matches!(self.peek2(), Some('|'))
                    || (matches!(self.peek2(), Some(')')) && self.depth > 0)
            }
            _ => false,
        }
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.concat()?];
        loop {
            if self.ere && self.peek() == Some('|') {
                self.i += 1;
            } else if !self.ere && self.peek() == Some('\\') && self.peek2() == Some('|') {
                self.i += 2;
            } else {
                break;
            }
            alts.push(self.concat()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Concat(vec![]))
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items: Vec<Node> = Vec::new();
        while !self.at_alt_end() {
            let first = items.is_empty();
            let atom = self.atom(first)?;
            let atom = self.quantifiers(atom)?;
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn quantifiers(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (min, max) = match (self.peek(), self.peek2()) {
                (Some('*'), _) => {
                    self.i += 1;
                    (0, None)
                }
                (Some('+'), _) if self.ere => {
                    self.i += 1;
                    (1, None)
                }
                (Some('?'), _) if self.ere => {
                    self.i += 1;
                    (0, Some(1))
                }
                (Some('\\'), Some('+')) if !self.ere => {
                    self.i += 2;
                    (1, None)
                }
                (Some('\\'), Some('?')) if !self.ere => {
                    self.i += 2;
                    (0, Some(1))
                }
                (Some('{'), _) if self.ere => match self.bounds(1)? {
                    Some(b) => b,
                    None => return Ok(atom),
                },
                (Some('\\'), Some('{')) if !self.ere => match self.bounds(2)? {
                    Some(b) => b,
                    None => return Err("Invalid preceding regular expression".into()),
                },
                _ => return Ok(atom),
            };
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` after an opener of `skip` chars.
    fn bounds(&mut self, skip: usize) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.i;
        let mut j = self.i + skip;
        let num = |j: &mut usize, cs: &[char]| -> Option<u32> {
            let s = *j;
            while *j < cs.len() && cs[*j].is_ascii_digit() {
                *j += 1;
            }
            if *j == s {
                None
            } else {
                cs[s..*j].iter().collect::<String>().parse().ok()
            }
        };
        let min = num(&mut j, self.cs);
        let mut max = min;
        if self.cs.get(j) == Some(&',') {
            j += 1;
            max = num(&mut j, self.cs);
        }
        let close_ok = if self.ere {
            self.cs.get(j) == Some(&'}')
        } else {
            self.cs.get(j) == Some(&'\\') && self.cs.get(j + 1) == Some(&'}')
        };
        if !close_ok || (min.is_none() && max.is_none()) {
            self.i = start;
            if self.ere {
                return Ok(None);
            }
            return Err("Unmatched \\{".into());
        }
        self.i = j + if self.ere { 1 } else { 2 };
        let min = min.unwrap_or(0).min(1000);
        let max = max.map(|m| m.min(1000));
        if let Some(m) = max {
            if m < min {
                return Err("Invalid content of \\{\\}".into());
            }
        }
        Ok(Some((min, max)))
    }

    fn atom(&mut self, first: bool) -> Result<Node, String> {
        let c = self.peek().ok_or("unexpected end")?;
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' if self.ere || first => Node::Start,
            '$' if self.ere || self.at_alt_end() => Node::End,
            '*' if first => Node::Char('*'),
            '+' | '?' if self.ere && first => Node::Char(c),
            '[' => self.bracket()?,
            '(' if self.ere => self.group()?,
            ')' if self.ere => Node::Char(')'),
            '\\' => {
                let e = self.peek().ok_or("Trailing backslash")?;
                self.i += 1;
                match e {
                    '(' if !self.ere => self.group()?,
                    '1'..='9' => Node::Backref(e as usize - '0' as usize),
                    'w' | 'W' => Node::Class(Box::new(Class {
                        neg: e == 'W',
                        ranges: vec![('_', '_')],
                        named: vec!["alnum".into()],
                    })),
                    's' | 'S' => Node::Class(Box::new(Class {
                        neg: e == 'S',
                        ranges: vec![],
                        named: vec!["space".into()],
                    })),
                    'd' | 'D' => Node::Class(Box::new(Class {
                        neg: e == 'D',
                        ranges: vec![('0', '9')],
                        named: vec![],
                    })),
                    'b' => Node::WordB(true),
                    'B' => Node::WordB(false),
                    '<' => Node::WordStart,
                    '>' => Node::WordEnd,
                    '`' => Node::BufStart,
                    '\'' => Node::BufEnd,
                    'n' => Node::Char('\n'),
                    't' => Node::Char('\t'),
                    other => Node::Char(other),
                }
            }
            c => Node::Char(c),
        })
    }

    fn group(&mut self) -> Result<Node, String> {
        self.groups += 1;
        let idx = self.groups;
        self.depth += 1;
        if self.depth > 100 {
            return Err("Regular expression too big".into());
        }
        let inner = self.alt()?;
        self.depth -= 1;
        if self.ere && self.peek() == Some(')') {
            self.i += 1;
        } else if !self.ere && self.peek() == Some('\\') && self.peek2() == Some(')') {
            self.i += 2;
        } else {
            return Err("Unmatched ( or \\(".into());
        }
        Ok(Node::Group(Box::new(inner), idx))
    }

    fn bracket(&mut self) -> Result<Node, String> {
        let mut cl = Class {
            neg: false,
            ranges: vec![],
            named: vec![],
        };
        if self.peek() == Some('^') {
            cl.neg = true;
            self.i += 1;
        }
        let mut first = true;
        loop {
            let c = self.peek().ok_or("Unmatched [, [^, [:, [., or [=")?;
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                let rest: String = self.cs[self.i + 1..].iter().collect();
                if let Some(end) = rest.find(":]") {
                    cl.named.push(rest[..end].to_string());
                    self.i += 1 + rest[..end].chars().count() + 2;
                    continue;
                }
            }
            if self.peek() == Some('-') && self.peek2().is_some_and(|h| h != ']') {
                let hi = self.peek2().unwrap_or(c);
                self.i += 2;
                cl.ranges.push((c, hi));
            } else {
                cl.ranges.push((c, c));
            }
        }
        Ok(Node::Class(Box::new(cl)))
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

struct M<'a> {
    s: &'a [char],
    icase: bool,
    dot_nl: bool,
    multiline: bool,
    steps: u64,
    depth: usize,
}

const STEP_BUDGET: u64 = 2_000_000;

impl M<'_> {
    fn eq(&self, a: char, b: char) -> bool {
        a == b || (self.icase && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn class(&self, cl: &Class, c: char) -> bool {
        let test = |c: char| {
            cl.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                || cl.named.iter().any(|n| class_has(n, c))
        };
        let mut hit = test(c);
        if !hit && self.icase {
            hit = c.to_lowercase().any(test) || c.to_uppercase().any(test);
        }
        if cl.neg && self.multiline && c == '\n' {
            return false;
        }
        hit != cl.neg
    }

    /// Whether a single-character node matches at `pos`.
    fn single(&self, n: &Node, pos: usize) -> Option<bool> {
        let c = self.s.get(pos).copied();
        match n {
            Node::Char(x) => Some(c.is_some_and(|c| self.eq(c, *x))),
            Node::Any => Some(c.is_some_and(|c| c != '\n' || (self.dot_nl && !self.multiline))),
            Node::Class(cl) => Some(c.is_some_and(|c| self.class(cl, c))),
            _ => None,
        }
    }

    fn mt(
        &mut self,
        n: &Node,
        pos: usize,
        caps: &mut Caps,
        k: &mut dyn FnMut(&mut Self, usize, &mut Caps) -> bool,
    ) -> bool {
        self.steps += 1;
        if self.steps > STEP_BUDGET || self.depth > 3000 {
            return false;
        }
        self.depth += 1;
        let r = self.mt_inner(n, pos, caps, k);
        self.depth -= 1;
        r
    }

    fn mt_inner(
        &mut self,
        n: &Node,
        pos: usize,
        caps: &mut Caps,
        k: &mut dyn FnMut(&mut Self, usize, &mut Caps) -> bool,
    ) -> bool {
        if let Some(hit) = self.single(n, pos) {
            return hit && k(self, pos + 1, caps);
        }
        let wb = |s: &[char], pos: usize| -> (bool, bool) {
            let before = pos > 0 && is_word(s[pos - 1]);
            let after = pos < s.len() && is_word(s[pos]);
            (before, after)
        };
        match n {
            Node::Start => {
                let at = pos == 0 || (self.multiline && self.s.get(pos - 1) == Some(&'\n'));
                at && k(self, pos, caps)
            }
            Node::End => {
                let at = pos == self.s.len() || (self.multiline && self.s.get(pos) == Some(&'\n'));
                at && k(self, pos, caps)
            }
            Node::BufStart => pos == 0 && k(self, pos, caps),
            Node::BufEnd => pos == self.s.len() && k(self, pos, caps),
            Node::WordB(want) => {
                let (b, a) = wb(self.s, pos);
                ((b != a) == *want) && k(self, pos, caps)
            }
            Node::WordStart => {
                let (b, a) = wb(self.s, pos);
                !b && a && k(self, pos, caps)
            }
            Node::WordEnd => {
                let (b, a) = wb(self.s, pos);
                b && !a && k(self, pos, caps)
            }
            Node::Backref(i) => {
                let Some(Some((a, b))) = caps.get(*i).copied() else {
                    return false;
                };
                let len = b - a;
                if pos + len > self.s.len() {
                    return false;
                }
                for j in 0..len {
                    if !self.eq(self.s[a + j], self.s[pos + j]) {
                        return false;
                    }
                }
                k(self, pos + len, caps)
            }
            Node::Group(inner, idx) => {
                let idx = *idx;
                let old = caps[idx];
                let ok = self.mt(inner, pos, caps, &mut |m: &mut Self, e, caps: &mut Caps| {
                    let saved = caps[idx];
                    caps[idx] = Some((pos, e));
                    if k(m, e, caps) {
                        true
                    } else {
                        caps[idx] = saved;
                        false
                    }
                });
                if !ok {
                    caps[idx] = old;
                }
                ok
            }
            Node::Alt(alts) => {
                for a in alts {
                    if self.mt(a, pos, caps, k) {
                        return true;
                    }
                }
                false
            }
            Node::Concat(items) => self.seq(items, pos, caps, k),
            Node::Repeat(inner, min, max) => {
                if self.single(inner, pos).is_some() {
                    // Fast path: count the run, then back off.
                    let mut n = 0u32;
                    let mut p = pos;
                    while max.is_none_or(|m| n < m) && self.single(inner, p) == Some(true) {
                        n += 1;
                        p += 1;
                    }
                    while n >= *min {
                        self.steps += 1;
                        if self.steps > STEP_BUDGET {
                            return false;
                        }
                        if k(self, pos + n as usize, caps) {
                            return true;
                        }
                        if n == 0 {
                            break;
                        }
                        n -= 1;
                    }
                    return false;
                }
                self.rep(inner, *min, *max, 0, pos, caps, k)
            }
            _ => false,
        }
    }

    fn seq(
        &mut self,
        items: &[Node],
        pos: usize,
        caps: &mut Caps,
        k: &mut dyn FnMut(&mut Self, usize, &mut Caps) -> bool,
    ) -> bool {
        match items.split_first() {
            None => k(self, pos, caps),
            Some((first, rest)) => {
                self.mt(first, pos, caps, &mut |m: &mut Self, p, c: &mut Caps| {
                    m.seq(rest, p, c, k)
                })
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(
        &mut self,
        inner: &Node,
        min: u32,
        max: Option<u32>,
        count: u32,
        pos: usize,
        caps: &mut Caps,
        k: &mut dyn FnMut(&mut Self, usize, &mut Caps) -> bool,
    ) -> bool {
        if max.is_none_or(|m| count < m) {
            let ok = self.mt(inner, pos, caps, &mut |m: &mut Self, p, c: &mut Caps| {
                if p == pos && count >= min {
                    return false;
                }
                m.rep(inner, min, max, count + 1, p, c, k)
            });
            if ok {
                return true;
            }
        }
        count >= min && k(self, pos, caps)
    }
}

impl Regex {
    pub fn new(pat: &str, ere: bool, icase: bool) -> Result<Regex, String> {
        let cs: Vec<char> = pat.chars().collect();
        let mut p = P {
            cs: &cs,
            i: 0,
            ere,
            groups: 0,
            depth: 0,
        };
        let root = p.alt()?;
        if p.i < cs.len() {
            return Err("Unmatched ) or \\)".into());
        }
        Ok(Regex {
            root,
            groups: p.groups,
            icase,
            dot_nl: false,
            multiline: false,
        })
    }

    /// A regex matching `s` literally (grep -F).
    pub fn literal(s: &str, icase: bool) -> Regex {
        Regex {
            root: Node::Concat(s.chars().map(Node::Char).collect()),
            groups: 0,
            icase,
            dot_nl: false,
            multiline: false,
        }
    }

    /// Matching against sed's pattern space: `.` matches a newline, and
    /// with `multiline` (the M flag) `^`/`$` match at embedded newlines.
    pub fn pattern_space(mut self, multiline: bool) -> Regex {
        self.dot_nl = true;
        self.multiline = multiline;
        self
    }

    /// How many `\(...\)` groups the pattern has.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Requires the match to be the whole line (grep -x).
    pub fn whole_line(mut self) -> Regex {
        self.root = Node::Concat(vec![Node::Start, self.root, Node::End]);
        self
    }

    /// Requires word boundaries around the match (grep -w).
    pub fn whole_word(mut self) -> Regex {
        self.root = Node::Concat(vec![Node::WordB(true), self.root, Node::WordB(true)]);
        self
    }

    /// The leftmost match starting at or after `start` (char offsets).
    pub fn find_at(&self, s: &[char], start: usize) -> Option<Caps> {
        let mut m = M {
            s,
            icase: self.icase,
            dot_nl: self.dot_nl,
            multiline: self.multiline,
            steps: 0,
            depth: 0,
        };
        for st in start..=s.len() {
            let mut caps: Caps = vec![None; self.groups + 1];
            // POSIX wants the longest match at the leftmost position: keep
            // exploring after a match and remember the longest one.
            let mut best: Option<(usize, Caps)> = None;
            let total = s.len();
            m.mt(
                &self.root,
                st,
                &mut caps,
                &mut |_m: &mut M, e, c: &mut Caps| {
                    if best.as_ref().is_none_or(|(b, _)| e > *b) {
                        best = Some((e, c.clone()));
                    }
                    e == total
                },
            );
            if let Some((e, mut c)) = best {
                c[0] = Some((st, e));
                return Some(c);
            }
            if m.steps > STEP_BUDGET {
                return None;
            }
        }
        None
    }

    pub fn is_match(&self, s: &str) -> bool {
        let cs: Vec<char> = s.chars().collect();
        self.find_at(&cs, 0).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, ere: bool, s: &str) -> Option<String> {
        let r = Regex::new(p, ere, false).unwrap();
        let cs: Vec<char> = s.chars().collect();
        r.find_at(&cs, 0)
            .and_then(|c| c[0])
            .map(|(a, b)| cs[a..b].iter().collect())
    }

    #[test]
    fn basics() {
        assert_eq!(m("a.c", false, "xxabcx"), Some("abc".into()));
        assert_eq!(m("ab*", false, "abbbc"), Some("abbb".into()));
        assert_eq!(m("^ab", false, "cab"), None);
        assert_eq!(m("b$", false, "ab"), Some("b".into()));
        assert_eq!(m("a+", true, "caaa"), Some("aaa".into()));
        assert_eq!(m("a\\+", false, "caaa"), Some("aaa".into()));
        assert_eq!(m("(ab|cd)+", true, "xcdabz"), Some("cdab".into()));
        assert_eq!(m("\\(a\\)\\1", false, "baab"), Some("aa".into()));
        assert_eq!(m("[0-9]{2,3}", true, "a12345"), Some("123".into()));
        assert_eq!(m("[[:upper:]]+", true, "abCDe"), Some("CD".into()));
        assert_eq!(m("\\bfoo\\b", true, "a foo b"), Some("foo".into()));
        assert_eq!(m("x*", true, "abc"), Some("".into()));
        assert_eq!(m("(a|ab)(c|bcd)(d*)", true, "abcd"), Some("abcd".into()));
        assert!(Regex::new("(a", true, false).is_err());
    }

    #[test]
    fn no_blowup() {
        let s: String = "a".repeat(30);
        let r = Regex::new("(a*)*b", true, false).unwrap();
        assert!(!r.is_match(&s));
        let long = "x".repeat(100_000);
        assert!(Regex::new(".*y", true, false)
            .unwrap()
            .find_at(&long.chars().collect::<Vec<_>>(), 0)
            .is_none());
    }
}
