//! jq's value: JSON with objects kept in input order (jq prints keys in
//! insertion order; serde_json's map here would sort them). Read through
//! serde so both serde_json and serde_yaml feed it; printed as jq 1.7 does.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<V>),
    Obj(Vec<(String, V)>),
}

impl V {
    /// jq's kind names (used in error texts).
    pub fn kind(&self) -> &'static str {
        match self {
            V::Null => "null",
            V::Bool(_) => "boolean",
            V::Num(_) => "number",
            V::Str(_) => "string",
            V::Arr(_) => "array",
            V::Obj(_) => "object",
        }
    }

    pub fn truthy(&self) -> bool {
        !matches!(self, V::Null | V::Bool(false))
    }

    pub fn get(&self, k: &str) -> Option<&V> {
        match self {
            V::Obj(m) => m.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets a key, keeping the first position of an existing one.
    pub fn set(m: &mut Vec<(String, V)>, k: String, v: V) {
        match m.iter_mut().find(|(n, _)| *n == k) {
            Some(e) => e.1 = v,
            None => m.push((k, v)),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            V::Null => 0,
            V::Bool(false) => 1,
            V::Bool(true) => 2,
            V::Num(_) => 3,
            V::Str(_) => 4,
            V::Arr(_) => 5,
            V::Obj(_) => 6,
        }
    }

    /// jq's total order: null < false < true < numbers < strings < arrays < objects.
    pub fn cmp(&self, o: &V) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match (self, o) {
            (V::Num(a), V::Num(b)) => a.partial_cmp(b).unwrap_or(Equal),
            (V::Str(a), V::Str(b)) => a.cmp(b),
            (V::Arr(a), V::Arr(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let c = x.cmp(y);
                    if c != Equal {
                        return c;
                    }
                }
                a.len().cmp(&b.len())
            }
            (V::Obj(a), V::Obj(b)) => {
                let ka = sorted_keys(a);
                let kb = sorted_keys(b);
                let c = ka.cmp(&kb);
                if c != Equal {
                    return c;
                }
                for k in ka {
                    let c = self
                        .get(k)
                        .unwrap_or(&V::Null)
                        .cmp(o.get(k).unwrap_or(&V::Null));
                    if c != Equal {
                        return c;
                    }
                }
                Equal
            }
            _ => self.rank().cmp(&o.rank()),
        }
    }
}

pub fn sorted_keys(m: &[(String, V)]) -> Vec<&str> {
    let mut k: Vec<&str> = m.iter().map(|(k, _)| k.as_str()).collect();
    k.sort();
    k.dedup();
    k
}

/// A number as jq prints it: integers plainly, others like C's %.17g.
pub fn num(f: f64) -> String {
    if f.is_nan() {
        return "null".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "1.7976931348623157e+308"
        } else {
            "-1.7976931348623157e+308"
        }
        .into();
    }
    if f.fract() == 0.0 && f.abs() < 1e17 {
        return format!("{}", f as i64);
    }
    let e = f.abs().log10().floor();
    if !(-5.0..17.0).contains(&e) {
        let s = format!("{:e}", f);
        return match s.split_once('e') {
            Some((m, x)) if x.starts_with('-') => format!("{}e-{:0>2}", m, &x[1..]),
            Some((m, x)) => format!("{}e+{:0>2}", m, x),
            None => s,
        };
    }
    format!("{}", f)
}

/// A JSON string literal as jq escapes it.
pub fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{7f}' => out.push_str("\\u007f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// JSON text: `indent` None is jq -c, Some(n) is n spaces per level.
pub fn to_json(v: &V, indent: Option<usize>) -> String {
    let mut s = String::new();
    write_json(v, indent, 0, &mut s);
    s
}

fn newline(indent: Option<usize>, level: usize, out: &mut String) {
    if let Some(n) = indent {
        out.push('\n');
        out.push_str(&" ".repeat(n * level));
    }
}

fn write_json(v: &V, indent: Option<usize>, level: usize, out: &mut String) {
    match v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Num(f) => out.push_str(&num(*f)),
        V::Str(s) => quote(s, out),
        V::Arr(a) if a.is_empty() => out.push_str("[]"),
        V::Obj(m) if m.is_empty() => out.push_str("{}"),
        V::Arr(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent, level + 1, out);
                write_json(x, indent, level + 1, out);
            }
            newline(indent, level, out);
            out.push(']');
        }
        V::Obj(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent, level + 1, out);
                quote(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_json(x, indent, level + 1, out);
            }
            newline(indent, level, out);
            out.push('}');
        }
    }
}

impl<'de> Deserialize<'de> for V {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<V, D::Error> {
        d.deserialize_any(Vis)
    }
}

struct Vis;

impl<'de> Visitor<'de> for Vis {
    type Value = V;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<V, E> {
        Ok(V::Null)
    }
    fn visit_none<E>(self) -> Result<V, E> {
        Ok(V::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V, D::Error> {
        V::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<V, E> {
        Ok(V::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<V, E> {
        Ok(V::Num(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<V, E> {
        Ok(V::Num(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<V, E> {
        Ok(V::Num(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<V, E> {
        Ok(V::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<V, E> {
        Ok(V::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<V, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_element()? {
            v.push(x);
        }
        Ok(V::Arr(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<V, A::Error> {
        let mut m = Vec::new();
        while let Some((k, x)) = a.next_entry::<Key, V>()? {
            V::set(&mut m, k.0, x);
        }
        Ok(V::Obj(m))
    }
}

/// A mapping key: YAML allows non-string keys; jq/yq see their text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        Ok(Key(match V::deserialize(d)? {
            V::Str(s) => s,
            V::Null => "null".into(),
            V::Bool(b) => b.to_string(),
            V::Num(f) => num(f),
            other => to_json(&other, None),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> V {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn prints_like_jq() {
        let v = parse(r#"{"b":[1,{"x":null}],"a":"s","e":{},"f":[]}"#);
        assert_eq!(
            to_json(&v, Some(2)),
            "{\n  \"b\": [\n    1,\n    {\n      \"x\": null\n    }\n  ],\n  \"a\": \"s\",\n  \"e\": {},\n  \"f\": []\n}"
        );
        assert_eq!(
            to_json(&v, None),
            r#"{"b":[1,{"x":null}],"a":"s","e":{},"f":[]}"#
        );
    }

    #[test]
    fn numbers_like_jq() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1e100), "1e+100");
        assert_eq!(num(1e20), "1e+20");
        assert_eq!(num(-2.0), "-2");
    }
}
