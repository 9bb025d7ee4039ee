//! The types whose JSON is not their message: times, durations, quantities,
//! int-or-string, raw JSON, and apiextensions' JSON-schema unions.

use super::wire::{Reader, Writer};
use base64::Engine;
use kubeplay_engine::clock::Time;
use serde_json::{json, Value};

const META: &str = "k8s.io.apimachinery.pkg.apis.meta.v1.";
const APIEXT: &str = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";

pub fn is_special(ty: &str) -> bool {
    matches!(
        ty,
        "k8s.io.apimachinery.pkg.apis.meta.v1.Time"
            | "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime"
            | "k8s.io.apimachinery.pkg.apis.meta.v1.Duration"
            | "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1"
            | "k8s.io.apimachinery.pkg.runtime.RawExtension"
            | "k8s.io.apimachinery.pkg.util.intstr.IntOrString"
            | "k8s.io.apimachinery.pkg.api.resource.Quantity"
            | "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON"
    )
}

/// Fields 1..=3 of a small message, each as varint or bytes.
fn fields(b: &[u8]) -> Result<[(u64, &[u8]); 3], String> {
    let mut out: [(u64, &[u8]); 3] = [(0, &[]); 3];
    let mut r = Reader::new(b);
    while let Some((num, wire)) = r.key()? {
        match (num, wire) {
            (1..=3, 0) => out[num as usize - 1].0 = r.varint()?,
            (1..=3, 2) => out[num as usize - 1].1 = r.bytes()?,
            _ => r.skip(wire)?,
        }
    }
    Ok(out)
}

fn raw_json(raw: &[u8]) -> Value {
    if raw.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(raw).unwrap_or(Value::Null)
}

fn text(b: &[u8]) -> Result<String, String> {
    String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8 in a string field".to_string())
}

/// A special type's JSON, or None when `ty` is an ordinary message.
pub fn decode(ty: &str, b: &[u8]) -> Option<Result<Value, String>> {
    let short = ty.strip_prefix(META).unwrap_or(ty);
    let f = match fields(b) {
        Ok(f) => f,
        Err(e) => return is_special(ty).then_some(Err(e)),
    };
    Some(Ok(match short {
        "Time" => match f[0].0 as i64 {
            0 => Value::Null,
            s => json!(Time::from_secs(s).rfc3339()),
        },
        "MicroTime" => match f[0].0 as i64 {
            0 => Value::Null,
            s => json!(micro_time(s, f[1].0 as i64)),
        },
        "Duration" => json!(go_duration(f[0].0 as i64)),
        "FieldsV1" => raw_json(f[0].1),
        "k8s.io.apimachinery.pkg.runtime.RawExtension" => raw_json(f[0].1),
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString" => {
            if f[0].0 == 1 {
                json!(text(f[2].1).ok()?)
            } else {
                json!(f[1].0 as i32)
            }
        }
        "k8s.io.apimachinery.pkg.api.resource.Quantity" => json!(text(f[0].1).ok()?),
        _ if ty == format!("{APIEXT}JSON") => raw_json(f[0].1),
        _ => return None,
    }))
}

/// `2025-06-01T09:00:00.123456Z`, MicroTime's JSON.
fn micro_time(secs: i64, nanos: i64) -> String {
    let base = Time::from_secs(secs).rfc3339();
    format!("{}.{:06}Z", base.trim_end_matches('Z'), nanos / 1000)
}

/// Writes a special type's message, or returns false when `ty` is not one.
pub fn encode(ty: &str, v: &Value, w: &mut Writer) -> Result<bool, String> {
    let short = ty.strip_prefix(META).unwrap_or(ty);
    match short {
        "Time" | "MicroTime" => {
            let s = v.as_str().unwrap_or("");
            if !s.is_empty() {
                let t = Time::parse_rfc3339(s).ok_or_else(|| format!("bad time {s:?}"))?;
                w.int(1, t.secs());
                let nanos = s
                    .split_once('.')
                    .map(|(_, f)| {
                        let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
                        format!("{digits:0<9}")[..9].parse::<i64>().unwrap_or(0)
                    })
                    .unwrap_or(0);
                if nanos != 0 {
                    w.int(2, nanos);
                }
            }
        }
        "Duration" => w.int(1, parse_go_duration(v.as_str().unwrap_or("0s"))?),
        "FieldsV1"
        | "k8s.io.apimachinery.pkg.runtime.RawExtension"
        | "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON" => {
            if !v.is_null() {
                w.bytes(1, &serde_json::to_vec(v).unwrap_or_default());
            }
        }
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString" => match v {
            Value::String(s) => {
                w.int(1, 1);
                w.bytes(3, s.as_bytes());
            }
            _ => {
                w.int(1, 0);
                w.int(2, v.as_i64().unwrap_or(0));
            }
        },
        "k8s.io.apimachinery.pkg.api.resource.Quantity" => {
            let s = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            w.bytes(1, s.as_bytes());
        }
        _ => return Ok(false),
    }
    Ok(true)
}

pub fn base64_encode(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

pub fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .map_err(|e| format!("illegal base64 data: {e}"))
}

/// Go's `time.Duration.String()` of nanoseconds: `1h0m0s`, `1.5s`, `300ms`, `0s`.
pub fn go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let neg = if ns < 0 { "-" } else { "" };
    let u = ns.unsigned_abs();
    let frac = |v: u64, unit: u64| {
        let whole = v / unit;
        let rest = v % unit;
        if rest == 0 {
            return whole.to_string();
        }
        let digits = unit.to_string().len() - 1;
        let f = format!("{rest:0digits$}");
        format!("{whole}.{}", f.trim_end_matches('0'))
    };
    if u < 1_000 {
        return format!("{neg}{u}ns");
    }
    if u < 1_000_000 {
        return format!("{neg}{}µs", frac(u, 1_000));
    }
    if u < 1_000_000_000 {
        return format!("{neg}{}ms", frac(u, 1_000_000));
    }
    let secs = u / 1_000_000_000;
    let sub = u % 1_000_000_000;
    let s = frac((secs % 60) * 1_000_000_000 + sub, 1_000_000_000);
    let (h, m) = (secs / 3600, (secs / 60) % 60);
    match (h, m) {
        (0, 0) => format!("{neg}{s}s"),
        (0, m) => format!("{neg}{m}m{s}s"),
        (h, m) => format!("{neg}{h}h{m}m{s}s"),
    }
}

/// Go's `time.ParseDuration`, to nanoseconds.
pub fn parse_go_duration(s: &str) -> Result<i64, String> {
    let bad = || format!("time: invalid duration {s:?}");
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let num: f64 = rest[..n].parse().map_err(|_| bad())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(bad()),
        };
        total += num * unit;
        rest = &rest[u..];
    }
    Ok(if neg { -total } else { total } as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_writes_them() {
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(90_000_000_000), "1m30s");
        assert_eq!(go_duration(300_000_000), "300ms");
        for s in ["1h0m0s", "1.5s", "1m30s", "300ms", "0s"] {
            assert_eq!(go_duration(parse_go_duration(s).unwrap()), s);
        }
        assert!(parse_go_duration("5 minutes").is_err());
    }

    #[test]
    fn int_or_string_and_times_round_trip() {
        for v in [json!(8080), json!("http"), json!("2025-06-01T09:00:00Z")] {
            let ty = if v.as_str().is_some_and(|s| s.contains('T')) {
                "k8s.io.apimachinery.pkg.apis.meta.v1.Time"
            } else {
                "k8s.io.apimachinery.pkg.util.intstr.IntOrString"
            };
            let mut w = Writer::default();
            assert!(encode(ty, &v, &mut w).unwrap());
            assert_eq!(decode(ty, &w.buf).unwrap().unwrap(), v);
        }
        assert_eq!(
            micro_time(1_748_768_400, 123_456_000),
            "2025-06-01T09:00:00.123456Z"
        );
    }
}
