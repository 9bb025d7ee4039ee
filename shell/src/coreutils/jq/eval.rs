//! Evaluates a parsed jq filter against one input. Outputs are collected
//! eagerly; a step budget and a nesting cap keep hostile filters bounded.
//! Error texts follow jq 1.7 (src/jv_aux.c, src/builtin.c, src/execute.c).

use super::parse::{Part, E};
use super::paths;
use super::value::{num, sorted_keys, to_json, V};
use crate::coreutils::misc::{b64_decode, b64_encode};
use crate::regex::Regex;

const MAX_STEPS: u64 = 5_000_000;
const MAX_NEST: usize = 256;
const MAX_LEN: usize = 1_000_000;

pub type Vars = Vec<(String, V)>;

pub struct Ev {
    steps: u64,
    depth: usize,
    /// yq's traversal: indexing a scalar gives null, iterating it nothing.
    pub lenient: bool,
}

type Out = Result<Vec<V>, V>;

fn err(s: String) -> V {
    V::Str(s)
}

/// A value as jq quotes it in messages (`number (5)`), cut like jq 1.7 does.
fn show(v: &V) -> String {
    let s = to_json(v, None);
    let s = if s.chars().count() > 11 {
        format!("{}...", s.chars().take(10).collect::<String>())
    } else {
        s
    };
    format!("{} ({})", v.kind(), s)
}

fn nest(v: &V) -> usize {
    match v {
        V::Arr(a) => 1 + a.iter().map(nest).max().unwrap_or(0),
        V::Obj(m) => 1 + m.iter().map(|(_, x)| nest(x)).max().unwrap_or(0),
        _ => 0,
    }
}

/// Names of the builtins (name/arity) this jq knows.
const BUILTINS: &[(&str, usize)] = &[
    ("empty", 0),
    ("not", 0),
    ("length", 0),
    ("utf8bytelength", 0),
    ("keys", 0),
    ("keys_unsorted", 0),
    ("values", 0),
    ("has", 1),
    ("map", 1),
    ("map_values", 1),
    ("select", 1),
    ("error", 0),
    ("error", 1),
    ("to_entries", 0),
    ("from_entries", 0),
    ("with_entries", 1),
    ("first", 0),
    ("last", 0),
    ("first", 1),
    ("last", 1),
    ("type", 0),
    ("add", 0),
    ("any", 0),
    ("all", 0),
    ("any", 1),
    ("all", 1),
    ("range", 1),
    ("range", 2),
    ("tostring", 0),
    ("tonumber", 0),
    ("ascii_downcase", 0),
    ("ascii_upcase", 0),
    ("sort", 0),
    ("sort_by", 1),
    ("unique", 0),
    ("min", 0),
    ("max", 0),
    ("reverse", 0),
    ("contains", 1),
    ("startswith", 1),
    ("endswith", 1),
    ("ltrimstr", 1),
    ("rtrimstr", 1),
    ("split", 1),
    ("join", 1),
    ("test", 1),
    ("tojson", 0),
    ("fromjson", 0),
    ("recurse", 0),
    ("limit", 2),
    ("arrays", 0),
    ("objects", 0),
    ("strings", 0),
    ("numbers", 0),
    ("booleans", 0),
    ("nulls", 0),
    ("iterables", 0),
    ("scalars", 0),
    ("flatten", 0),
    ("group_by", 1),
    ("unique_by", 1),
    ("min_by", 1),
    ("max_by", 1),
    ("floor", 0),
    ("sqrt", 0),
    ("env", 0),
    ("in", 1),
    ("index", 1),
    ("isempty", 1),
    ("del", 1),
    ("paths", 0),
    ("getpath", 1),
    ("to_number", 0),
    ("nan", 0),
    ("infinite", 0),
    ("path", 1),
    ("ascii", 0),
    ("splits", 1),
    ("input", 0),
    ("debug", 0),
    ("halt", 0),
];

/// jq's compile-time check: the first call to an unknown function.
pub fn undefined(e: &E, vars: &[String]) -> Option<String> {
    let sub = |x: &E| undefined(x, vars);
    match e {
        E::Call(n, args) => {
            if !BUILTINS.contains(&(n.as_str(), args.len())) {
                return Some(format!("{}/{} is not defined", n, args.len()));
            }
            args.iter().find_map(sub)
        }
        E::Var(v) if v != "ENV" && v != "__loc__" && !vars.contains(v) => {
            Some(format!("${} is not defined", v))
        }
        E::Str(parts) => parts.iter().find_map(|p| match p {
            Part::Expr(x) => sub(x),
            Part::Lit(_) => None,
        }),
        E::Format(f)
            if ![
                "text", "json", "base64", "base64d", "csv", "tsv", "sh", "uri", "html",
            ]
            .contains(&f.as_str()) =>
        {
            Some(format!("{} is not a valid format", f))
        }
        E::Assign(_, a, b) => sub(a).or_else(|| sub(b)),
        E::TryCatch(a, b) => sub(a).or_else(|| b.as_deref().and_then(sub)),
        E::Index(a, b)
        | E::Pipe(a, b)
        | E::Comma(a, b)
        | E::Bin(_, a, b)
        | E::And(a, b)
        | E::Or(a, b)
        | E::Alt(a, b) => sub(a).or_else(|| sub(b)),
        E::Slice(a, b, c) => sub(a)
            .or_else(|| b.as_deref().and_then(sub))
            .or_else(|| c.as_deref().and_then(sub)),
        E::Iter(a) | E::Try(a) | E::Neg(a) => sub(a),
        E::Arr(a) => a.as_deref().and_then(sub),
        E::Obj(fs) => fs
            .iter()
            .find_map(|(k, v)| sub(k).or_else(|| v.as_ref().and_then(sub))),
        E::As(src, v, body) => sub(src).or_else(|| {
            let mut vs = vars.to_vec();
            vs.push(v.clone());
            undefined(body, &vs)
        }),
        E::Reduce(src, v, init, upd) => sub(src).or_else(|| sub(init)).or_else(|| {
            let mut vs = vars.to_vec();
            vs.push(v.clone());
            undefined(upd, &vs)
        }),
        E::If(c, t, e) => sub(c)
            .or_else(|| sub(t))
            .or_else(|| e.as_deref().and_then(sub)),
        _ => None,
    }
}

pub fn index(t: &V, k: &V) -> Result<V, V> {
    Ok(match (t, k) {
        (V::Obj(_), V::Str(s)) => t.get(s).cloned().unwrap_or(V::Null),
        (V::Arr(a), V::Num(n)) => {
            let i = n.floor();
            let i = if i < 0.0 { a.len() as f64 + i } else { i };
            if !(0.0..a.len() as f64).contains(&i) {
                V::Null
            } else {
                a[i as usize].clone()
            }
        }
        (V::Null, V::Str(_) | V::Num(_) | V::Obj(_)) => V::Null,
        (_, V::Str(s)) => {
            let mut q = String::new();
            super::value::quote(s, &mut q);
            return Err(err(format!("Cannot index {} with {}", t.kind(), q)));
        }
        _ => return Err(err(format!("Cannot index {} with {}", t.kind(), k.kind()))),
    })
}

fn iter(v: &V) -> Out {
    match v {
        V::Arr(a) => Ok(a.clone()),
        V::Obj(m) => Ok(m.iter().map(|(_, x)| x.clone()).collect()),
        _ => Err(err(format!("Cannot iterate over {}", show(v)))),
    }
}

fn slice_bounds(len: usize, lo: &V, hi: &V) -> Result<(usize, usize), V> {
    let f = |v: &V, d: f64| -> Result<usize, V> {
        let n = match v {
            V::Null => d,
            V::Num(n) => n.floor(),
            _ => {
                return Err(err(
                    "Start and end indices of an array slice must be numbers".into(),
                ))
            }
        };
        let n = if n < 0.0 { len as f64 + n } else { n };
        Ok(n.clamp(0.0, len as f64) as usize)
    };
    let a = f(lo, 0.0)?;
    let b = f(hi, len as f64)?;
    Ok((a, b.max(a)))
}

pub fn arith(op: &str, a: &V, b: &V) -> Result<V, V> {
    let verb = match op {
        "+" => "added",
        "-" => "subtracted",
        "*" => "multiplied",
        "/" => "divided",
        _ => "divided",
    };
    let fail = || err(format!("{} and {} cannot be {}", show(a), show(b), verb));
    Ok(match (op, a, b) {
        ("+", V::Null, x) | ("+", x, V::Null) => x.clone(),
        (_, V::Num(x), V::Num(y)) => match op {
            "+" => V::Num(x + y),
            "-" => V::Num(x - y),
            "*" => V::Num(x * y),
            "/" if *y == 0.0 => {
                return Err(err(format!(
                    "{} and {} cannot be divided because the divisor is zero",
                    show(a),
                    show(b)
                )))
            }
            "/" => V::Num(x / y),
            _ => {
                let (x, y) = (*x as i64, *y as i64);
                if y == 0 {
                    return Err(err(format!(
                        "{} and {} cannot be divided because the divisor is zero",
                        show(a),
                        show(b)
                    )));
                }
                V::Num(x.wrapping_rem(y) as f64)
            }
        },
        ("+", V::Str(x), V::Str(y)) => V::Str(format!("{}{}", x, y)),
        ("+", V::Arr(x), V::Arr(y)) => V::Arr(x.iter().chain(y).cloned().collect()),
        ("+", V::Obj(x), V::Obj(y)) => {
            let mut m = x.clone();
            for (k, v) in y {
                V::set(&mut m, k.clone(), v.clone());
            }
            V::Obj(m)
        }
        ("-", V::Arr(x), V::Arr(y)) => {
            V::Arr(x.iter().filter(|v| !y.contains(v)).cloned().collect())
        }
        ("*", V::Str(s), V::Num(n)) | ("*", V::Num(n), V::Str(s)) => {
            if *n <= 0.0 {
                V::Null
            } else if s.len() as f64 * n > MAX_LEN as f64 {
                return Err(fail());
            } else {
                V::Str(s.repeat((*n).ceil().max(1.0) as usize))
            }
        }
        ("*", V::Obj(_), V::Obj(_)) => deep_merge(a, b),
        ("/", V::Str(x), V::Str(y)) => split(x, y),
        _ => return Err(fail()),
    })
}

fn deep_merge(a: &V, b: &V) -> V {
    match (a, b) {
        (V::Obj(x), V::Obj(y)) => {
            let mut m = x.clone();
            for (k, v) in y {
                let nv = match a.get(k) {
                    Some(old @ V::Obj(_)) if matches!(v, V::Obj(_)) => deep_merge(old, v),
                    _ => v.clone(),
                };
                V::set(&mut m, k.clone(), nv);
            }
            V::Obj(m)
        }
        _ => b.clone(),
    }
}

fn split(s: &str, sep: &str) -> V {
    if s.is_empty() {
        return V::Arr(vec![]);
    }
    if sep.is_empty() {
        return V::Arr(s.chars().map(|c| V::Str(c.to_string())).collect());
    }
    V::Arr(s.split(sep).map(|x| V::Str(x.to_string())).collect())
}

fn contains(a: &V, b: &V) -> Result<bool, V> {
    Ok(match (a, b) {
        (V::Obj(_), V::Obj(y)) => {
            for (k, v) in y {
                match a.get(k) {
                    Some(av) if contains(av, v)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (V::Arr(x), V::Arr(y)) => {
            for v in y {
                let mut found = false;
                for u in x {
                    if contains(u, v)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    return Ok(false);
                }
            }
            true
        }
        (V::Str(x), V::Str(y)) => x.contains(y.as_str()),
        _ if a.kind() == b.kind() => a == b,
        _ => {
            return Err(err(format!(
                "{} and {} cannot have their containment checked",
                show(a),
                show(b)
            )))
        }
    })
}

fn tostring(v: &V) -> String {
    match v {
        V::Str(s) => s.clone(),
        _ => to_json(v, None),
    }
}

fn length(v: &V) -> Result<V, V> {
    Ok(V::Num(match v {
        V::Null => 0.0,
        V::Bool(_) => return Err(err(format!("{} has no length", show(v)))),
        V::Num(n) => n.abs(),
        V::Str(s) => s.chars().count() as f64,
        V::Arr(a) => a.len() as f64,
        V::Obj(m) => m.len() as f64,
    }))
}

fn keys(v: &V, sorted: bool) -> Result<V, V> {
    match v {
        V::Obj(m) => {
            let ks: Vec<V> = if sorted {
                sorted_keys(m)
                    .into_iter()
                    .map(|k| V::Str(k.into()))
                    .collect()
            } else {
                m.iter().map(|(k, _)| V::Str(k.clone())).collect()
            };
            Ok(V::Arr(ks))
        }
        V::Arr(a) => Ok(V::Arr((0..a.len()).map(|i| V::Num(i as f64)).collect())),
        _ => Err(err(format!("{} has no keys", show(v)))),
    }
}

fn sort(mut a: Vec<V>) -> Vec<V> {
    a.sort_by(|x, y| x.cmp(y));
    a
}

fn csv_tsv(v: &V, csv: bool) -> Result<String, V> {
    let V::Arr(a) = v else {
        return Err(err(format!(
            "{} cannot be {}-formatted, only an array can be",
            show(v),
            if csv { "csv" } else { "tsv" }
        )));
    };
    let mut out = Vec::new();
    for x in a {
        out.push(match x {
            V::Null => String::new(),
            V::Bool(b) => b.to_string(),
            V::Num(n) => num(*n),
            V::Str(s) if csv => format!("\"{}\"", s.replace('"', "\"\"")),
            V::Str(s) => s
                .replace('\\', "\\\\")
                .replace('\t', "\\t")
                .replace('\n', "\\n")
                .replace('\r', "\\r"),
            _ => return Err(err(format!("{} is not valid in a csv row", show(x)))),
        });
    }
    Ok(out.join(if csv { "," } else { "\t" }))
}

fn format(f: &str, v: &V) -> Result<String, V> {
    Ok(match f {
        "json" => to_json(v, None),
        "base64" => b64_encode(tostring(v).as_bytes()),
        "base64d" => {
            let s = tostring(v);
            match b64_decode(s.trim_end_matches('=')).or_else(|| b64_decode(&s)) {
                Some(b) => String::from_utf8_lossy(&b).into_owned(),
                None => return Err(err(format!("{} is not valid base64 data", show(v)))),
            }
        }
        "csv" => csv_tsv(v, true)?,
        "tsv" => csv_tsv(v, false)?,
        "sh" => match v {
            V::Arr(a) => a.iter().map(sh_quote).collect::<Vec<_>>().join(" "),
            _ => sh_quote(v),
        },
        _ => tostring(v),
    })
}

fn sh_quote(v: &V) -> String {
    match v {
        V::Str(s) => format!("'{}'", s.replace('\'', "'\\''")),
        _ => tostring(v),
    }
}

impl Ev {
    pub fn new() -> Ev {
        Ev {
            steps: 0,
            depth: 0,
            lenient: false,
        }
    }

    /// Counts one step of the budget.
    pub fn tick(&mut self) -> Result<(), V> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(err("evaluation too long (playground limit)".into()));
        }
        Ok(())
    }

    pub fn run(&mut self, e: &E, input: &V, vars: &Vars) -> Out {
        self.tick()?;
        if self.depth > MAX_NEST {
            return Err(err("filter nested too deeply (playground limit)".into()));
        }
        self.depth += 1;
        let r = self.eval(e, input, vars);
        self.depth -= 1;
        r
    }

    /// One output or the first error; for arguments that take a single value.
    fn each<F>(&mut self, e: &E, input: &V, vars: &Vars, mut f: F) -> Out
    where
        F: FnMut(&mut Ev, V) -> Out,
    {
        let mut out = Vec::new();
        for v in self.run(e, input, vars)? {
            out.extend(f(self, v)?);
        }
        Ok(out)
    }

    fn eval(&mut self, e: &E, input: &V, vars: &Vars) -> Out {
        Ok(match e {
            E::Id => vec![input.clone()],
            E::Recurse => {
                let mut out = Vec::new();
                recurse(input, &mut out);
                out
            }
            E::Lit(v) => vec![v.clone()],
            E::Str(parts) => {
                let mut acc = vec![String::new()];
                for p in parts {
                    match p {
                        Part::Lit(s) => acc.iter_mut().for_each(|a| a.push_str(s)),
                        Part::Expr(x) => {
                            let vs = self.run(x, input, vars)?;
                            let mut next = Vec::new();
                            for a in &acc {
                                for v in &vs {
                                    next.push(format!("{}{}", a, tostring(v)));
                                }
                            }
                            acc = next;
                        }
                    }
                }
                acc.into_iter().map(V::Str).collect()
            }
            E::Format(f) => vec![V::Str(format(f, input)?)],
            E::Index(t, k) => {
                let ts = self.run(t, input, vars)?;
                let ks = self.run(k, input, vars)?;
                let mut out = Vec::new();
                for tv in &ts {
                    for kv in &ks {
                        match index(tv, kv) {
                            Err(_) if self.lenient => out.push(V::Null),
                            r => out.push(r?),
                        }
                    }
                }
                out
            }
            E::Slice(t, lo, hi) => {
                let lo = match lo {
                    Some(x) => self.run(x, input, vars)?.pop().unwrap_or(V::Null),
                    None => V::Null,
                };
                let hi = match hi {
                    Some(x) => self.run(x, input, vars)?.pop().unwrap_or(V::Null),
                    None => V::Null,
                };
                let mut out = Vec::new();
                for tv in self.run(t, input, vars)? {
                    out.push(match &tv {
                        V::Null => V::Null,
                        V::Arr(a) => {
                            let (x, y) = slice_bounds(a.len(), &lo, &hi)?;
                            V::Arr(a[x..y].to_vec())
                        }
                        V::Str(s) => {
                            let cs: Vec<char> = s.chars().collect();
                            let (x, y) = slice_bounds(cs.len(), &lo, &hi)?;
                            V::Str(cs[x..y].iter().collect())
                        }
                        _ => return Err(err(format!("Cannot index {} with object", tv.kind()))),
                    });
                }
                out
            }
            E::Iter(t) => self.each(t, input, vars, |ev, v| match iter(&v) {
                Err(_) if ev.lenient => Ok(vec![]),
                r => r,
            })?,
            E::Try(x) => self.run(x, input, vars).unwrap_or_default(),
            E::Pipe(a, b) => self.each(a, input, vars, |ev, v| ev.run(b, &v, vars))?,
            E::Comma(a, b) => {
                let mut out = self.run(a, input, vars)?;
                out.extend(self.run(b, input, vars)?);
                out
            }
            E::Neg(x) => self.each(x, input, vars, |_, v| match v {
                V::Num(n) => Ok(vec![V::Num(-n)]),
                _ => Err(err(format!("{} cannot be negated", show(&v)))),
            })?,
            E::Bin(op, a, b) => {
                let rs = self.run(b, input, vars)?;
                let ls = self.run(a, input, vars)?;
                let mut out = Vec::new();
                for r in &rs {
                    for l in &ls {
                        out.push(match *op {
                            "==" => V::Bool(l.cmp(r).is_eq()),
                            "!=" => V::Bool(!l.cmp(r).is_eq()),
                            "<" => V::Bool(l.cmp(r).is_lt()),
                            "<=" => V::Bool(l.cmp(r).is_le()),
                            ">" => V::Bool(l.cmp(r).is_gt()),
                            ">=" => V::Bool(l.cmp(r).is_ge()),
                            _ => arith(op, l, r)?,
                        });
                    }
                }
                out
            }
            E::And(a, b) | E::Or(a, b) => {
                let is_and = matches!(e, E::And(..));
                let mut out = Vec::new();
                for l in self.run(a, input, vars)? {
                    if l.truthy() != is_and {
                        out.push(V::Bool(!is_and));
                        continue;
                    }
                    for r in self.run(b, input, vars)? {
                        out.push(V::Bool(r.truthy()));
                    }
                }
                out
            }
            E::Alt(a, b) => {
                let ls: Vec<V> = self
                    .run(a, input, vars)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(V::truthy)
                    .collect();
                if ls.is_empty() {
                    self.run(b, input, vars)?
                } else {
                    ls
                }
            }
            E::Arr(None) => vec![V::Arr(vec![])],
            E::Arr(Some(x)) => vec![V::Arr(self.run(x, input, vars)?)],
            E::Obj(fields) => {
                let mut objs = vec![Vec::new()];
                for (k, v) in fields {
                    let ks = self.run(k, input, vars)?;
                    let vs = match v {
                        Some(v) => self.run(v, input, vars)?,
                        None => match (k, ks.first()) {
                            (E::Lit(_) | E::Str(_), Some(V::Str(s))) => {
                                vec![index(input, &V::Str(s.clone()))?]
                            }
                            _ => self.run(k, input, vars)?,
                        },
                    };
                    let mut next = Vec::new();
                    for o in &objs {
                        for kv in &ks {
                            let V::Str(ks) = kv else {
                                return Err(err("Object keys must be strings".into()));
                            };
                            for vv in &vs {
                                let mut m: Vec<(String, V)> = o.clone();
                                V::set(&mut m, ks.clone(), vv.clone());
                                next.push(m);
                            }
                        }
                    }
                    if next.len() > MAX_LEN {
                        return Err(err("too many objects (playground limit)".into()));
                    }
                    objs = next;
                }
                objs.into_iter().map(V::Obj).collect()
            }
            E::Var(n) => match vars.iter().rev().find(|(k, _)| k == n) {
                Some((_, v)) => vec![v.clone()],
                None => vec![V::Obj(vec![])],
            },
            E::As(src, name, body) => self.each(src, input, vars, |ev, v| {
                let mut vs = vars.clone();
                vs.push((name.clone(), v));
                ev.run(body, input, &vs)
            })?,
            E::Reduce(src, name, init, upd) => {
                let items = self.run(src, input, vars)?;
                let mut out = Vec::new();
                for mut acc in self.run(init, input, vars)? {
                    for it in &items {
                        let mut vs = vars.clone();
                        vs.push((name.clone(), it.clone()));
                        acc = self.run(upd, &acc, &vs)?.pop().unwrap_or(V::Null);
                        if nest(&acc) > MAX_NEST {
                            return Err(err("value nested too deeply (playground limit)".into()));
                        }
                    }
                    out.push(acc);
                }
                out
            }
            E::If(c, t, f) => self.each(c, input, vars, |ev, cv| {
                if cv.truthy() {
                    ev.run(t, input, vars)
                } else {
                    match f {
                        Some(f) => ev.run(f, input, vars),
                        None => Ok(vec![input.clone()]),
                    }
                }
            })?,
            E::Call(name, args) => self.call(name, args, input, vars)?,
            E::Assign(op, l, r) => self.assign(op, l, r, input, vars)?,
            E::TryCatch(body, handler) => match self.run(body, input, vars) {
                Ok(v) => v,
                Err(x) => match handler {
                    Some(h) => self.run(h, &x, vars)?,
                    None => vec![],
                },
            },
        })
    }

    fn call(&mut self, name: &str, args: &[E], input: &V, vars: &Vars) -> Out {
        let one = |v: V| Ok(vec![v]);
        let arg = |ev: &mut Ev, i: usize| ev.run(&args[i], input, vars);
        match (name, args.len()) {
            ("empty", 0) => Ok(vec![]),
            ("not", 0) => one(V::Bool(!input.truthy())),
            ("length", 0) => one(length(input)?),
            ("utf8bytelength", 0) => match input {
                V::Str(s) => one(V::Num(s.len() as f64)),
                _ => Err(err(format!(
                    "{} only strings have UTF-8 byte length",
                    show(input)
                ))),
            },
            ("keys", 0) => one(keys(input, true)?),
            ("keys_unsorted", 0) => one(keys(input, false)?),
            ("values", 0) => Ok(if *input == V::Null {
                vec![]
            } else {
                vec![input.clone()]
            }),
            ("has", 1) => self.each(&args[0], input, vars, |_, k| {
                Ok(vec![V::Bool(match (input, &k) {
                    (V::Obj(_), V::Str(s)) => input.get(s).is_some(),
                    (V::Arr(a), V::Num(n)) => *n >= 0.0 && *n < a.len() as f64,
                    _ => {
                        return Err(err(format!(
                            "Cannot check whether {} has a {} key",
                            input.kind(),
                            k.kind()
                        )))
                    }
                })])
            }),
            ("in", 1) => self.each(&args[0], input, vars, |ev, o| {
                ev.call("has", &[E::Lit(input.clone())], &o, vars)
            }),
            ("map", 1) => {
                let mut out = Vec::new();
                for v in iter(input)? {
                    out.extend(self.run(&args[0], &v, vars)?);
                }
                one(V::Arr(out))
            }
            ("map_values", 1) => match input {
                V::Obj(m) => {
                    let mut o = Vec::new();
                    for (k, v) in m {
                        if let Some(x) = self.run(&args[0], v, vars)?.into_iter().next() {
                            o.push((k.clone(), x));
                        }
                    }
                    one(V::Obj(o))
                }
                _ => {
                    let mut o = Vec::new();
                    for v in iter(input)? {
                        o.extend(self.run(&args[0], &v, vars)?.into_iter().next());
                    }
                    one(V::Arr(o))
                }
            },
            ("select", 1) => Ok(self
                .run(&args[0], input, vars)?
                .into_iter()
                .filter(V::truthy)
                .map(|_| input.clone())
                .collect()),
            ("error", 0) => Err(input.clone()),
            ("error", 1) => Err(arg(self, 0)?.into_iter().next().unwrap_or(V::Null)),
            ("to_entries", 0) => match input {
                V::Obj(m) => one(V::Arr(
                    m.iter()
                        .map(|(k, v)| {
                            V::Obj(vec![
                                ("key".into(), V::Str(k.clone())),
                                ("value".into(), v.clone()),
                            ])
                        })
                        .collect(),
                )),
                _ => Err(err(format!("{} has no keys", show(input)))),
            },
            ("from_entries", 0) => {
                let mut m = Vec::new();
                for e in iter(input)? {
                    let k = ["key", "k", "name", "Name", "Key", "K"]
                        .iter()
                        .find_map(|n| e.get(n).filter(|v| v.truthy()))
                        .cloned()
                        .unwrap_or(V::Null);
                    let v = ["value", "v", "Value", "V"]
                        .iter()
                        .find_map(|n| e.get(n))
                        .cloned()
                        .unwrap_or(V::Null);
                    let k = match k {
                        V::Str(s) => s,
                        V::Num(_) | V::Bool(_) => tostring(&k),
                        V::Null => "null".into(),
                        _ => return Err(err(format!("Cannot use {} as object key", show(&k)))),
                    };
                    V::set(&mut m, k, v);
                }
                one(V::Obj(m))
            }
            ("with_entries", 1) => {
                let es = self.call("to_entries", &[], input, vars)?;
                let mapped = self.call("map", args, &es[0], vars)?;
                self.call("from_entries", &[], &mapped[0], vars)
            }
            ("first", 0) => one(index(input, &V::Num(0.0))?),
            ("last", 0) => one(index(input, &V::Num(-1.0))?),
            ("first", 1) => Ok(arg(self, 0)?.into_iter().take(1).collect()),
            ("last", 1) => Ok(arg(self, 0)?.pop().into_iter().collect()),
            ("limit", 2) => {
                let ns = arg(self, 0)?;
                let mut out = Vec::new();
                for n in ns {
                    let n = match n {
                        V::Num(n) if n > 0.0 => n as usize,
                        _ => 0,
                    };
                    out.extend(arg(self, 1)?.into_iter().take(n));
                }
                Ok(out)
            }
            ("isempty", 1) => one(V::Bool(arg(self, 0)?.is_empty())),
            ("type", 0) => one(V::Str(input.kind().into())),
            ("add", 0) => {
                let mut acc = V::Null;
                for v in iter(input)? {
                    acc = arith("+", &acc, &v)?;
                }
                one(acc)
            }
            ("any", 0) => one(V::Bool(iter(input)?.iter().any(V::truthy))),
            ("all", 0) => one(V::Bool(iter(input)?.iter().all(V::truthy))),
            ("any", 1) | ("all", 1) => {
                let mut res = Vec::new();
                for v in iter(input)? {
                    res.extend(self.run(&args[0], &v, vars)?);
                }
                one(V::Bool(if name == "any" {
                    res.iter().any(V::truthy)
                } else {
                    res.iter().all(V::truthy)
                }))
            }
            ("range", 1) | ("range", 2) => {
                let (lo, hi) = if args.len() == 1 {
                    (vec![V::Num(0.0)], arg(self, 0)?)
                } else {
                    (arg(self, 0)?, arg(self, 1)?)
                };
                let mut out = Vec::new();
                for l in &lo {
                    for h in &hi {
                        let (V::Num(l), V::Num(h)) = (l, h) else {
                            return Err(err("Range bounds must be numeric".into()));
                        };
                        let mut x = *l;
                        while x < *h {
                            if out.len() >= MAX_LEN {
                                return Err(err("range too long (playground limit)".into()));
                            }
                            out.push(V::Num(x));
                            x += 1.0;
                        }
                    }
                }
                Ok(out)
            }
            ("tostring", 0) => one(V::Str(tostring(input))),
            ("tonumber", 0) | ("to_number", 0) => match input {
                V::Num(_) => one(input.clone()),
                V::Str(s) => match s.trim().parse::<f64>() {
                    Ok(n) if !s.trim().is_empty() => one(V::Num(n)),
                    _ => Err(err(format!("Cannot parse '{}' as JSON", s))),
                },
                _ => Err(err(format!("{} cannot be parsed as a number", show(input)))),
            },
            ("ascii_downcase", 0) | ("ascii_upcase", 0) => match input {
                V::Str(s) => one(V::Str(if name == "ascii_downcase" {
                    s.to_ascii_lowercase()
                } else {
                    s.to_ascii_uppercase()
                })),
                _ => Err(err(format!(
                    "{} cannot be {}",
                    show(input),
                    if name == "ascii_downcase" {
                        "lowercased"
                    } else {
                        "uppercased"
                    }
                ))),
            },
            ("sort", 0) => match input {
                V::Arr(a) => one(V::Arr(sort(a.clone()))),
                _ => Err(err(format!(
                    "{} cannot be sorted, as it is not an array",
                    show(input)
                ))),
            },
            ("sort_by", 1) | ("group_by", 1) | ("unique_by", 1) | ("min_by", 1) | ("max_by", 1) => {
                let V::Arr(a) = input else {
                    return Err(err(format!("Cannot index {} with number", input.kind())));
                };
                let mut keyed = Vec::new();
                for v in a {
                    keyed.push((V::Arr(self.run(&args[0], v, vars)?), v.clone()));
                }
                keyed.sort_by(|x, y| x.0.cmp(&y.0));
                one(match name {
                    "sort_by" => V::Arr(keyed.into_iter().map(|(_, v)| v).collect()),
                    "min_by" => keyed.first().map(|x| x.1.clone()).unwrap_or(V::Null),
                    "max_by" => keyed.last().map(|x| x.1.clone()).unwrap_or(V::Null),
                    _ => {
                        let mut groups: Vec<(V, Vec<V>)> = Vec::new();
                        for (k, v) in keyed {
                            match groups.last_mut() {
                                Some((gk, g)) if *gk == k => g.push(v),
                                _ => groups.push((k, vec![v])),
                            }
                        }
                        if name == "group_by" {
                            V::Arr(groups.into_iter().map(|(_, g)| V::Arr(g)).collect())
                        } else {
                            V::Arr(
                                groups
                                    .into_iter()
                                    .filter_map(|(_, g)| g.into_iter().next())
                                    .collect(),
                            )
                        }
                    }
                })
            }
            ("unique", 0) => {
                let mut a = sort(iter(input)?);
                a.dedup();
                one(V::Arr(a))
            }
            ("min", 0) => one(sort(iter(input)?).into_iter().next().unwrap_or(V::Null)),
            ("max", 0) => one(sort(iter(input)?).pop().unwrap_or(V::Null)),
            ("reverse", 0) => match input {
                V::Str(s) => one(V::Str(s.chars().rev().collect())),
                V::Null => one(V::Arr(vec![])),
                _ => {
                    let mut a = iter(input)?;
                    a.reverse();
                    one(V::Arr(a))
                }
            },
            ("flatten", 0) => {
                fn flat(v: &V, out: &mut Vec<V>) {
                    match v {
                        V::Arr(a) => a.iter().for_each(|x| flat(x, out)),
                        _ => out.push(v.clone()),
                    }
                }
                let mut out = Vec::new();
                for v in iter(input)? {
                    flat(&v, &mut out);
                }
                one(V::Arr(out))
            }
            ("contains", 1) => self.each(&args[0], input, vars, |_, b| {
                Ok(vec![V::Bool(contains(input, &b)?)])
            }),
            ("startswith", 1)
            | ("endswith", 1)
            | ("ltrimstr", 1)
            | ("rtrimstr", 1)
            | ("split", 1)
            | ("join", 1)
            | ("test", 1)
            | ("index", 1)
            | ("splits", 1) => self
                .each(&args[0], input, vars, |_, b| {
                    Ok(vec![strfn(name, input, &b)?])
                })
                .map(|v| {
                    if name == "splits" {
                        v.into_iter()
                            .flat_map(|x| iter(&x).unwrap_or_default())
                            .collect()
                    } else {
                        v
                    }
                }),
            ("tojson", 0) => one(V::Str(to_json(input, None))),
            ("fromjson", 0) => match input {
                V::Str(s) => serde_json::from_str::<V>(s)
                    .map(|v| vec![v])
                    .map_err(|_| err(format!("{} cannot be parsed as JSON", show(input)))),
                _ => Err(err(format!("{} cannot be parsed as JSON", show(input)))),
            },
            ("recurse", 0) => self.eval(&E::Recurse, input, vars),
            ("arrays", 0)
            | ("objects", 0)
            | ("strings", 0)
            | ("numbers", 0)
            | ("booleans", 0)
            | ("nulls", 0)
            | ("iterables", 0)
            | ("scalars", 0) => {
                let k = input.kind();
                let keep = match name {
                    "iterables" => k == "array" || k == "object",
                    "scalars" => k != "array" && k != "object",
                    _ => name.strip_suffix('s') == Some(k),
                };
                Ok(if keep { vec![input.clone()] } else { vec![] })
            }
            ("floor", 0) | ("sqrt", 0) => match input {
                V::Num(n) => one(V::Num(if name == "floor" { n.floor() } else { n.sqrt() })),
                _ => Err(err(format!("{} number required", show(input)))),
            },
            ("env", 0) => one(V::Obj(vec![])),
            ("path", 1) => Ok(self
                .paths(&args[0], input, vars)?
                .into_iter()
                .map(|(p, _)| V::Arr(p))
                .collect()),
            ("paths", 0) => {
                let mut ps = Vec::new();
                paths::all(input, &mut Vec::new(), &mut ps);
                Ok(ps.into_iter().map(V::Arr).collect())
            }
            ("getpath", 1) => self.each(&args[0], input, vars, |_, p| match p {
                V::Arr(p) => Ok(vec![paths::get(input, &p).unwrap_or(V::Null)]),
                _ => Err(err("Path must be specified as an array".into())),
            }),
            ("del", 1) => {
                let ps = self
                    .paths(&args[0], input, vars)?
                    .into_iter()
                    .map(|(p, _)| p)
                    .collect();
                one(paths::delete_all(input, ps)?)
            }
            ("ascii", 0) | ("input", 0) | ("halt", 0) => Err(err(format!(
                "{}/{} is not supported in this playground",
                name,
                args.len()
            ))),
            ("debug", 0) => one(input.clone()),
            ("nan", 0) => one(V::Num(f64::NAN)),
            ("infinite", 0) => one(V::Num(f64::INFINITY)),
            _ => Err(err(format!("{}/{} is not defined", name, args.len()))),
        }
    }
}

impl Default for Ev {
    fn default() -> Self {
        Ev::new()
    }
}

fn recurse(v: &V, out: &mut Vec<V>) {
    out.push(v.clone());
    match v {
        V::Arr(a) => a.iter().for_each(|x| recurse(x, out)),
        V::Obj(m) => m.iter().for_each(|(_, x)| recurse(x, out)),
        _ => {}
    }
}

/// String builtins taking one argument.
fn strfn(name: &str, a: &V, b: &V) -> Result<V, V> {
    if name == "join" {
        let mut s = String::new();
        let sep = match b {
            V::Str(x) => x.clone(),
            _ => {
                return Err(err(format!(
                    "{} and {} cannot be added",
                    show(&V::Str(String::new())),
                    show(b)
                )))
            }
        };
        for (i, x) in iter(a)?.iter().enumerate() {
            if i > 0 {
                s.push_str(&sep);
            }
            match x {
                V::Null => {}
                V::Str(t) => s.push_str(t),
                V::Num(_) | V::Bool(_) => s.push_str(&tostring(x)),
                _ => return Err(err(format!("Cannot join with {}", x.kind()))),
            }
        }
        return Ok(V::Str(s));
    }
    let (V::Str(x), V::Str(y)) = (a, b) else {
        return match name {
            "ltrimstr" | "rtrimstr" => Ok(a.clone()),
            "startswith" => Err(err("startswith() requires string inputs".into())),
            "endswith" => Err(err("endswith() requires string inputs".into())),
            "split" => Err(err("split input and separator must be strings".into())),
            _ => Err(err(format!(
                "{} cannot be matched, as it is not a string",
                show(a)
            ))),
        };
    };
    Ok(match name {
        "startswith" => V::Bool(x.starts_with(y.as_str())),
        "endswith" => V::Bool(x.ends_with(y.as_str())),
        "ltrimstr" => V::Str(x.strip_prefix(y.as_str()).unwrap_or(x).to_string()),
        "rtrimstr" => V::Str(x.strip_suffix(y.as_str()).unwrap_or(x).to_string()),
        "split" => split(x, y),
        "index" => match x.find(y.as_str()) {
            Some(i) if !y.is_empty() => V::Num(x[..i].chars().count() as f64),
            _ => V::Null,
        },
        "splits" => match Regex::new(y, true, false) {
            Ok(_) => split(x, y),
            Err(e) => {
                return Err(err(format!(
                    "{} (at offset 0) is not a valid regex: {}",
                    y, e
                )))
            }
        },
        _ => match Regex::new(y, true, false) {
            Ok(r) => V::Bool(r.is_match(x)),
            Err(e) => {
                return Err(err(format!(
                    "{} (at offset 0) is not a valid regex: {}",
                    y, e
                )))
            }
        },
    })
}
