//! awk's built-in functions, and the splitting and substitution they
//! share with field splitting.

use super::interp::Interp;
use super::parse::Expr;
use super::value::{sprintf, Val};
use crate::regex::Regex;
use std::collections::BTreeMap;

impl Interp<'_> {
    pub fn call(&mut self, f: &str, args: &[Expr]) -> Val {
        let arg = |me: &mut Interp, i: usize| -> Val {
            match args.get(i) {
                Some(e) => me.eval(e),
                None => Val::Str(String::new()),
            }
        };
        match f {
            "length" => {
                if args.is_empty() {
                    return Val::Num(self.record.len() as f64);
                }
                if let Some(Expr::Var(n)) = args.first() {
                    if self.has_array(n) {
                        return Val::Num(self.array(n).len() as f64);
                    }
                }
                // mawk counts bytes.
                Val::Num(arg(self, 0).string().len() as f64)
            }
            "substr" => {
                let s: Vec<char> = arg(self, 0).string().chars().collect();
                let start = arg(self, 1).num();
                let len = if args.len() > 2 {
                    Some(arg(self, 2).num())
                } else {
                    None
                };
                Val::Str(substr(&s, start, len))
            }
            "index" => {
                let s = arg(self, 0).string();
                let t = arg(self, 1).string();
                Val::Num(match s.find(&t) {
                    Some(p) => p as f64 + 1.0,
                    None => 0.0,
                })
            }
            "split" => {
                let s = arg(self, 0).string();
                let sep = if args.len() > 2 {
                    match &args[2] {
                        Expr::Re(r) => r.clone(),
                        e => self.eval(e).string(),
                    }
                } else {
                    self.fs()
                };
                let parts = split_fields(&s, &sep, self.regex_cache());
                if let Some(Expr::Var(n)) = args.get(1) {
                    let m = self.array(n);
                    m.clear();
                    for (i, p) in parts.iter().enumerate() {
                        m.insert((i + 1).to_string(), Val::StrNum(p.clone()));
                    }
                }
                Val::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let pat = match args.first() {
                    Some(Expr::Re(r)) => r.clone(),
                    Some(e) => self.eval(e).string(),
                    None => return Val::Num(0.0),
                };
                let rep = arg(self, 1).string();
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let s = self.eval(&target).string();
                let Some(re) = self.regex(&pat) else {
                    return Val::Num(0.0);
                };
                let (new, n) = awk_sub(&re, &s, &rep, f == "gsub");
                if n > 0 {
                    self.assign(&target, Val::Str(new));
                }
                Val::Num(n as f64)
            }
            "match" => {
                let s = arg(self, 0).string();
                let pat = match args.get(1) {
                    Some(Expr::Re(r)) => r.clone(),
                    Some(e) => self.eval(e).string(),
                    None => String::new(),
                };
                let cs: Vec<char> = s.chars().collect();
                let (start, len) = match self
                    .regex(&pat)
                    .and_then(|re| re.find_at(&cs, 0))
                    .and_then(|c| c[0])
                {
                    Some((a, b)) => (a as f64 + 1.0, (b - a) as f64),
                    None => (0.0, -1.0),
                };
                self.set_var("RSTART", Val::Num(start));
                self.set_var("RLENGTH", Val::Num(len));
                Val::Num(start)
            }
            "toupper" => Val::Str(arg(self, 0).string().to_uppercase()),
            "tolower" => Val::Str(arg(self, 0).string().to_lowercase()),
            "int" => Val::Num(arg(self, 0).num().trunc()),
            "sqrt" => Val::Num(arg(self, 0).num().sqrt()),
            "exp" => Val::Num(arg(self, 0).num().exp()),
            "log" => Val::Num(arg(self, 0).num().ln()),
            "sin" => Val::Num(arg(self, 0).num().sin()),
            "cos" => Val::Num(arg(self, 0).num().cos()),
            "atan2" => {
                let y = arg(self, 0).num();
                Val::Num(y.atan2(arg(self, 1).num()))
            }
            "rand" => Val::Num(self.rand.next()),
            "srand" => {
                let seed = if args.is_empty() {
                    (self.host.now() / 1000) as f64
                } else {
                    arg(self, 0).num()
                };
                Val::Num(self.rand.seed(seed))
            }
            "systime" => Val::Num((self.host.now() / 1000) as f64),
            "strftime" => {
                let fmt = if args.is_empty() {
                    "%c".to_string()
                } else {
                    arg(self, 0).string()
                };
                let secs = if args.len() > 1 {
                    arg(self, 1).num() as i64
                } else {
                    self.host.now() / 1000
                };
                // The node's clock is UTC: local time and `utc` agree.
                if args.len() > 2 {
                    arg(self, 2);
                }
                Val::Str(crate::timefmt::strftime(&fmt, secs.saturating_mul(1000)))
            }
            "system" => {
                let cmd = arg(self, 0).string();
                Val::Num(self.system(&cmd) as f64)
            }
            "close" => {
                let name = arg(self, 0).string();
                Val::Num(self.close(&name) as f64)
            }
            "fflush" => {
                let name = if args.is_empty() {
                    None
                } else {
                    Some(arg(self, 0).string())
                };
                Val::Num(self.fflush(name.as_deref()) as f64)
            }
            "sprintf" => {
                let vals: Vec<Val> = args.iter().map(|e| self.eval(e)).collect();
                match sprintf(&vals) {
                    Ok(s) => Val::Str(s),
                    Err(_) => {
                        let fmt = vals.first().map(|v| v.string()).unwrap_or_default();
                        self.runtime_error(&format!(
                            "not enough arguments passed to sprintf(\"{}\")",
                            fmt
                        ));
                        Val::Str(String::new())
                    }
                }
            }
            _ => Val::Str(String::new()),
        }
    }
}

/// mawk 1.3.4 20200120's substr: start and length truncate toward zero,
/// and a start before 1 lengthens (not shortens) the piece: its
/// `substr("hello", 0, 2)` is "he" and `substr("hello", -1, 3)` "hell".
fn substr(s: &[char], start: f64, len: Option<f64>) -> String {
    let clamp = |v: f64| v.trunc().clamp(-1e15, 1e15) as i64;
    let b = clamp(start);
    let n = s.len() as i64;
    let count = match len {
        None => n,
        Some(l) => {
            if l.is_nan() {
                return String::new();
            }
            let l = clamp(l);
            if b < 1 {
                l.saturating_sub(b)
            } else {
                l
            }
        }
    };
    let from = b.max(1);
    let to = from.saturating_add(count.max(0)).min(n + 1);
    if to <= from {
        return String::new();
    }
    s[(from - 1) as usize..(to - 1) as usize].iter().collect()
}

/// glibc's random(3) (TYPE_3, the additive feedback generator): mawk on
/// Ubuntu draws from it, so `srand(1); print rand()` matches.
pub struct Rand {
    r: Vec<i32>,
    k: usize,
    seed: f64,
}

impl Rand {
    pub fn new(draw: u64) -> Rand {
        let mut r = Rand {
            r: Vec::new(),
            k: 0,
            seed: 0.0,
        };
        r.seed((draw % 2_147_483_647) as f64);
        r
    }

    /// Seeds the generator; the previous seed.
    pub fn seed(&mut self, s: f64) -> f64 {
        let prev = self.seed;
        self.seed = s;
        let mut seed = (s as i64 as u32) as i64;
        if seed == 0 {
            seed = 1;
        }
        let mut r = vec![0i32; 34];
        r[0] = seed as i32;
        for i in 1..31 {
            let hi = r[i - 1] as i64 / 127_773;
            let lo = r[i - 1] as i64 % 127_773;
            let mut w = 16_807 * lo - 2_836 * hi;
            if w < 0 {
                w += 2_147_483_647;
            }
            r[i] = w as i32;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        self.r = r;
        self.k = 34;
        for _ in 0..310 {
            self.raw();
        }
        prev
    }

    fn raw(&mut self) -> u32 {
        let v = self.r[(self.k - 31) % 34].wrapping_add(self.r[(self.k - 3) % 34]);
        self.r[self.k % 34] = v;
        self.k = (self.k + 1) % 34 + 34;
        (v as u32) >> 1
    }

    pub fn next(&mut self) -> f64 {
        self.raw() as f64 / 2_147_483_648.0
    }
}

pub fn split_fields(s: &str, fs: &str, cache: &mut BTreeMap<String, Regex>) -> Vec<String> {
    if fs == " " {
        return s.split_whitespace().map(|x| x.to_string()).collect();
    }
    if s.is_empty() {
        return vec![];
    }
    // Any other single character separates literally, `.` and `|` too.
    if let (Some(c), 1) = (fs.chars().next(), fs.chars().count()) {
        return s.split(c).map(|x| x.to_string()).collect();
    }
    let re = match cache.get(fs) {
        Some(r) => r.clone(),
        None => match Regex::new(fs, true, false) {
            Ok(r) => {
                cache.insert(fs.to_string(), r.clone());
                r
            }
            Err(_) => return vec![s.to_string()],
        },
    };
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut last = 0;
    let mut pos = 0;
    while pos <= cs.len() {
        match re.find_at(&cs, pos).and_then(|c| c[0]) {
            Some((a, b)) if b > a => {
                out.push(cs[last..a].iter().collect());
                last = b;
                pos = b;
            }
            Some((a, _)) => pos = a + 1,
            None => break,
        }
    }
    out.push(cs[last..].iter().collect());
    out
}

pub fn awk_sub(re: &Regex, s: &str, rep: &str, global: bool) -> (String, usize) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut last = 0;
    let mut n = 0;
    while pos <= cs.len() {
        let Some((a, b)) = re.find_at(&cs, pos).and_then(|c| c[0]) else {
            break;
        };
        out.extend(&cs[last..a]);
        let matched: String = cs[a..b].iter().collect();
        let mut rc = rep.chars().peekable();
        while let Some(c) = rc.next() {
            match c {
                '\\' if rc.peek() == Some(&'&') => {
                    out.push('&');
                    rc.next();
                }
                '&' => out.push_str(&matched),
                c => out.push(c),
            }
        }
        n += 1;
        last = b;
        if b == a {
            if a < cs.len() {
                out.push(cs[a]);
            }
            last = a + 1;
            pos = a + 1;
        } else {
            pos = b;
        }
        if !global {
            break;
        }
    }
    if last < cs.len() {
        out.extend(&cs[last..]);
    }
    (out, n)
}
