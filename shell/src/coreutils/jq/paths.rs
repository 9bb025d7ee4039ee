//! Path expressions (jq's `path(f)`): which places of the input a filter
//! names, for assignment (`=`, `|=`, `+=`, …), `del`, `paths`, `getpath`.

use super::eval::{Ev, Vars};
use super::parse::E;
use super::value::{to_json, V};

pub type Path = Vec<V>;

const MAX_INDEX: f64 = 1_000_000.0;
/// Paths from `getpath` are data; longer ones would nest values unboundedly.
const MAX_PATH: usize = 256;

fn err(s: String) -> V {
    V::Str(s)
}

/// The value at a path (null where it runs out, like jq's getpath).
pub fn get(root: &V, path: &[V]) -> Result<V, V> {
    let mut cur = root.clone();
    for k in path {
        if cur == V::Null {
            return Ok(V::Null);
        }
        cur = super::eval::index(&cur, k)?;
    }
    Ok(cur)
}

/// A copy of `root` with the value at `path` replaced (jq's setpath).
pub fn set(root: &V, path: &[V], val: V) -> Result<V, V> {
    let Some((k, rest)) = path.split_first() else {
        return Ok(val);
    };
    match (root, k) {
        (V::Obj(_) | V::Null, V::Str(s)) => {
            let mut m = match root {
                V::Obj(m) => m.clone(),
                _ => Vec::new(),
            };
            let child = root.get(s).cloned().unwrap_or(V::Null);
            V::set(&mut m, s.clone(), set(&child, rest, val)?);
            Ok(V::Obj(m))
        }
        (V::Arr(_) | V::Null, V::Num(n)) => {
            let mut a = match root {
                V::Arr(a) => a.clone(),
                _ => Vec::new(),
            };
            let i = if *n < 0.0 {
                a.len() as f64 + n.floor()
            } else {
                n.floor()
            };
            if i < 0.0 {
                return Err(err("Out of bounds negative array index".into()));
            }
            if i > MAX_INDEX {
                return Err(err("Array index too large".into()));
            }
            let i = i as usize;
            if i >= a.len() {
                a.resize(i + 1, V::Null);
            }
            a[i] = set(&a[i], rest, val)?;
            Ok(V::Arr(a))
        }
        _ => super::eval::index(root, k).map(|_| root.clone()),
    }
}

/// A copy of `root` without the value at `path`.
fn delete(root: &V, path: &[V]) -> Result<V, V> {
    let Some((k, rest)) = path.split_first() else {
        return Ok(V::Null);
    };
    match (root, k) {
        (V::Null, _) => Ok(V::Null),
        (V::Obj(m), V::Str(s)) => {
            let mut m = m.clone();
            if rest.is_empty() {
                m.retain(|(n, _)| n != s);
            } else if let Some(e) = m.iter_mut().find(|(n, _)| n == s) {
                e.1 = delete(&e.1, rest)?;
            }
            Ok(V::Obj(m))
        }
        (V::Arr(a), V::Num(n)) => {
            let mut a = a.clone();
            let i = if *n < 0.0 {
                a.len() as f64 + n.floor()
            } else {
                n.floor()
            };
            if i >= 0.0 && (i as usize) < a.len() {
                let i = i as usize;
                if rest.is_empty() {
                    a.remove(i);
                } else {
                    a[i] = delete(&a[i], rest)?;
                }
            }
            Ok(V::Arr(a))
        }
        _ => Err(err(format!(
            "Cannot delete field at {} index of {}",
            k.kind(),
            root.kind()
        ))),
    }
}

/// jq's delpaths: deletes the longest / last paths first so indices hold.
pub fn delete_all(root: &V, mut paths: Vec<Path>) -> Result<V, V> {
    paths.sort_by(|a, b| V::Arr(b.clone()).cmp(&V::Arr(a.clone())));
    let mut cur = root.clone();
    for p in paths {
        cur = delete(&cur, &p)?;
    }
    Ok(cur)
}

/// Every path below a value, in jq's `paths` order (pre-order, no root).
pub fn all(v: &V, prefix: &mut Path, out: &mut Vec<Path>) {
    let kids: Vec<(V, &V)> = match v {
        V::Arr(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| (V::Num(i as f64), x))
            .collect(),
        V::Obj(m) => m.iter().map(|(k, x)| (V::Str(k.clone()), x)).collect(),
        _ => return,
    };
    for (k, x) in kids {
        prefix.push(k);
        out.push(prefix.clone());
        all(x, prefix, out);
        prefix.pop();
    }
}

impl Ev {
    /// The paths a filter names in `input`, each with its value.
    pub fn paths(&mut self, e: &E, input: &V, vars: &Vars) -> Result<Vec<(Path, V)>, V> {
        self.tick()?;
        let one = |v: &V| Ok(vec![(Vec::new(), v.clone())]);
        match e {
            E::Id => one(input),
            E::Recurse | E::Call(_, _) if matches!(e, E::Recurse) || is_call(e, "recurse", 0) => {
                let mut ps = Vec::new();
                all(input, &mut Vec::new(), &mut ps);
                let mut out = vec![(Vec::new(), input.clone())];
                for p in ps {
                    let v = get(input, &p)?;
                    out.push((p, v));
                }
                Ok(out)
            }
            E::Index(t, k) => {
                let keys = self.run(k, input, vars)?;
                let mut out = Vec::new();
                for (p, v) in self.paths(t, input, vars)? {
                    for key in &keys {
                        let x = if v == V::Null {
                            V::Null
                        } else {
                            super::eval::index(&v, key)?
                        };
                        let mut q = p.clone();
                        q.push(key.clone());
                        out.push((q, x));
                    }
                }
                Ok(out)
            }
            E::Iter(t) => {
                let mut out = Vec::new();
                for (p, v) in self.paths(t, input, vars)? {
                    let kids: Vec<(V, V)> = match &v {
                        V::Arr(a) => a
                            .iter()
                            .enumerate()
                            .map(|(i, x)| (V::Num(i as f64), x.clone()))
                            .collect(),
                        V::Obj(m) => m
                            .iter()
                            .map(|(k, x)| (V::Str(k.clone()), x.clone()))
                            .collect(),
                        V::Null => Vec::new(),
                        _ => return Err(err(format!("Cannot iterate over {}", v.kind()))),
                    };
                    for (k, x) in kids {
                        let mut q = p.clone();
                        q.push(k);
                        out.push((q, x));
                    }
                }
                Ok(out)
            }
            E::Try(x) => Ok(self.paths(x, input, vars).unwrap_or_default()),
            E::Pipe(a, b) => {
                let mut out = Vec::new();
                for (p, v) in self.paths(a, input, vars)? {
                    for (q, w) in self.paths(b, &v, vars)? {
                        let mut r = p.clone();
                        r.extend(q);
                        out.push((r, w));
                    }
                }
                Ok(out)
            }
            E::Comma(a, b) => {
                let mut out = self.paths(a, input, vars)?;
                out.extend(self.paths(b, input, vars)?);
                Ok(out)
            }
            E::If(c, t, f) => {
                let mut out = Vec::new();
                for cv in self.run(c, input, vars)? {
                    if cv.truthy() {
                        out.extend(self.paths(t, input, vars)?);
                    } else if let Some(f) = f {
                        out.extend(self.paths(f, input, vars)?);
                    } else {
                        out.push((Vec::new(), input.clone()));
                    }
                }
                Ok(out)
            }
            E::Alt(a, b) => {
                let ps: Vec<(Path, V)> = self
                    .paths(a, input, vars)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(_, v)| v.truthy())
                    .collect();
                if ps.is_empty() {
                    self.paths(b, input, vars)
                } else {
                    Ok(ps)
                }
            }
            E::Call(n, args) if n == "select" && args.len() == 1 => Ok(self
                .run(&args[0], input, vars)?
                .into_iter()
                .filter(V::truthy)
                .map(|_| (Vec::new(), input.clone()))
                .collect()),
            E::Call(n, args) if n == "empty" && args.is_empty() => Ok(Vec::new()),
            E::Call(n, args) if (n == "first" || n == "last") && args.is_empty() => {
                let k = V::Num(if n == "first" { 0.0 } else { -1.0 });
                Ok(vec![(vec![k.clone()], get(input, &[k])?)])
            }
            E::Call(n, args) if n == "getpath" && args.len() == 1 => {
                let mut out = Vec::new();
                for p in self.run(&args[0], input, vars)? {
                    let V::Arr(p) = p else {
                        return Err(err("Path must be specified as an array".into()));
                    };
                    if p.len() > MAX_PATH {
                        return Err(err("path too long (playground limit)".into()));
                    }
                    let v = get(input, &p).unwrap_or(V::Null);
                    out.push((p, v));
                }
                Ok(out)
            }
            _ => {
                let v = self
                    .run(e, input, vars)?
                    .into_iter()
                    .next()
                    .unwrap_or(V::Null);
                Err(err(format!(
                    "Invalid path expression with result {}",
                    to_json(&v, None)
                )))
            }
        }
    }

    /// `lhs op rhs` assignments, as jq 1.7 defines them (src/builtin.jq).
    pub fn assign(
        &mut self,
        op: &str,
        lhs: &E,
        rhs: &E,
        input: &V,
        vars: &Vars,
    ) -> Result<Vec<V>, V> {
        let paths: Vec<Path> = self
            .paths(lhs, input, vars)?
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        if op == "|=" {
            let mut cur = input.clone();
            let mut gone = Vec::new();
            for p in paths {
                let old = get(&cur, &p)?;
                match self.run(rhs, &old, vars)?.into_iter().next() {
                    Some(v) => cur = set(&cur, &p, v)?,
                    None => gone.push(p),
                }
            }
            return Ok(vec![delete_all(&cur, gone)?]);
        }
        let mut out = Vec::new();
        for v in self.run(rhs, input, vars)? {
            let mut cur = input.clone();
            for p in &paths {
                let nv = match op {
                    "=" => v.clone(),
                    "//=" => {
                        let old = get(&cur, p)?;
                        if old.truthy() {
                            old
                        } else {
                            v.clone()
                        }
                    }
                    _ => super::eval::arith(&op[..1], &get(&cur, p)?, &v)?,
                };
                cur = set(&cur, p, nv)?;
            }
            out.push(cur);
        }
        Ok(out)
    }
}

fn is_call(e: &E, name: &str, n: usize) -> bool {
    matches!(e, E::Call(c, a) if c == name && a.len() == n)
}
