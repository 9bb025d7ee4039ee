//! Resource quantities (`k8s.io/apimachinery/pkg/api/resource`): parsing, the
//! milli round-up of `SetDefaults_ResourceList`, and the canonical form every
//! quantity is serialized in (`0.5` → `500m`, `1000m` → `1`, `1.5Gi` → `1536Mi`).
//!
//! A quantity is held exactly as `mantissa × 10^exp`; binary suffixes are
//! multiplied out on parse, which is exact because `2^n / 10^d` always has a
//! finite decimal expansion.

use serde_json::Value;
use std::cmp::Ordering;

/// How a quantity was written, which decides how it is printed back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, ... (powers of 1024).
    BinarySI,
    /// `m`, `k`, `M`, ... or no suffix.
    DecimalSI,
    /// `1e3`, `5E-3`.
    DecimalExponent,
}

#[derive(Clone, Copy, Debug)]
pub struct Quantity {
    mantissa: i128,
    exp: i32,
    pub format: Format,
}

const DECIMAL_SUFFIXES: &[(&str, i32)] = &[
    ("n", -9),
    ("u", -6),
    ("m", -3),
    ("", 0),
    ("k", 3),
    ("M", 6),
    ("G", 9),
    ("T", 12),
    ("P", 15),
    ("E", 18),
];
const BINARY_SUFFIXES: &[&str] = &["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// `a / b` rounded away from zero.
fn div_away(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b == 0 {
        q
    } else {
        q + a.signum()
    }
}

impl Quantity {
    /// Parses `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$` the way `ParseQuantity` does
    /// (including its round-up to nano precision). `None` for anything it rejects.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        let (negative, rest) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(num_len);
        let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
        if (int_part.is_empty() && frac_part.is_empty()) || frac_part.contains('.') {
            return None;
        }
        let mut mantissa: i128 = 0;
        for c in int_part.chars().chain(frac_part.chars()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(c as u8 - b'0'))?;
        }
        let mut exp = -(frac_part.len() as i32);
        let format = if let Some(&(_, e)) = DECIMAL_SUFFIXES.iter().find(|(sfx, _)| *sfx == suffix)
        {
            exp += e;
            Format::DecimalSI
        } else if let Some(k) = BINARY_SUFFIXES[1..].iter().position(|b| *b == suffix) {
            mantissa = mantissa.checked_mul(1i128.checked_shl(10 * (k as u32 + 1))?)?;
            Format::BinarySI
        } else if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) {
            let e: i32 = suffix[1..].parse().ok()?;
            exp = exp.checked_add(e)?;
            Format::DecimalExponent
        } else {
            return None;
        };
        if negative {
            mantissa = -mantissa;
        }
        let mut q = Quantity {
            mantissa,
            exp,
            format,
        };
        q.round_up(-9);
        q.normalize();
        Some(q)
    }

    /// A quantity as it appears in JSON: a string, or a bare number (`cpu: 1`).
    pub fn from_json(v: &Value) -> Option<Quantity> {
        match v {
            Value::String(s) => Quantity::parse(s),
            Value::Number(n) => Quantity::parse(&n.to_string()),
            _ => None,
        }
    }

    fn normalize(&mut self) {
        if self.mantissa == 0 {
            self.exp = 0;
            return;
        }
        while self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exp += 1;
        }
    }

    /// `Quantity.RoundUp(scale)`: drops digits below `10^scale`, away from zero.
    pub fn round_up(&mut self, scale: i32) {
        if self.exp >= scale {
            return;
        }
        let drop = (scale - self.exp) as u32;
        self.mantissa = match pow10(drop) {
            Some(d) => div_away(self.mantissa, d),
            None => self.mantissa.signum(),
        };
        self.exp = scale;
        self.normalize();
    }

    pub fn is_positive(&self) -> bool {
        self.mantissa > 0
    }

    /// Both mantissas at the smaller exponent (None on overflow).
    fn aligned(&self, other: &Quantity) -> Option<(i128, i128, i32)> {
        let e = self.exp.min(other.exp);
        let a = self.mantissa.checked_mul(pow10((self.exp - e) as u32)?)?;
        let b = other.mantissa.checked_mul(pow10((other.exp - e) as u32)?)?;
        Some((a, b, e))
    }

    pub fn add(&self, other: &Quantity) -> Quantity {
        match self.aligned(other) {
            Some((a, b, e)) => {
                let mut q = Quantity {
                    mantissa: a.saturating_add(b),
                    exp: e,
                    format: self.format,
                };
                q.normalize();
                q
            }
            None => *self,
        }
    }

    pub fn cmp(&self, other: &Quantity) -> Ordering {
        match self.aligned(other) {
            Some((a, b, _)) => a.cmp(&b),
            // Only astronomically different magnitudes overflow.
            None => self.exp.cmp(&other.exp),
        }
    }

    /// The value as an integer, if it is one (and fits).
    fn as_integer(&self) -> Option<i128> {
        if self.exp < 0 {
            return None;
        }
        self.mantissa.checked_mul(pow10(self.exp as u32)?)
    }

    /// The canonical string (`Quantity.String()`).
    pub fn canonical(&self) -> String {
        if self.mantissa == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = self.cmp(&Quantity::int(1024)) == Ordering::Less
                && self.cmp(&Quantity::int(-1024)) == Ordering::Greater;
            match self.as_integer() {
                Some(mut n) if !small => {
                    let mut k = 0;
                    while n % 1024 == 0 && k < BINARY_SUFFIXES.len() - 1 {
                        n /= 1024;
                        k += 1;
                    }
                    return format!("{n}{}", BINARY_SUFFIXES[k]);
                }
                _ => format = Format::DecimalSI,
            }
        }
        let (mut m, mut e) = (self.mantissa, self.exp);
        let r = e.rem_euclid(3);
        if r != 0 {
            m = m.saturating_mul(pow10(r as u32).unwrap_or(1));
            e -= r;
        }
        let suffix = match format {
            Format::DecimalSI => DECIMAL_SUFFIXES
                .iter()
                .find(|(_, x)| *x == e)
                .map(|(s, _)| s.to_string())
                .unwrap_or_else(|| format!("e{e}")),
            _ if e == 0 => String::new(),
            _ => format!("e{e}"),
        };
        format!("{m}{suffix}")
    }

    pub fn int(n: i64) -> Quantity {
        let mut q = Quantity {
            mantissa: i128::from(n),
            exp: 0,
            format: Format::DecimalSI,
        };
        q.normalize();
        q
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

/// Rewrites one quantity in canonical form (unparsable values are left alone).
pub fn canonicalize(v: &mut Value) {
    if let Some(q) = Quantity::from_json(v) {
        *v = Value::String(q.canonical());
    }
}

/// `SetDefaults_ResourceList`: every value rounded up to milli precision, canonical.
pub fn resource_list(v: Option<&mut Value>) {
    let Some(map) = v.and_then(Value::as_object_mut) else {
        return;
    };
    for val in map.values_mut() {
        if let Some(mut q) = Quantity::from_json(val) {
            q.round_up(-3);
            *val = Value::String(q.canonical());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canon(s: &str) -> String {
        Quantity::parse(s).expect(s).canonical()
    }

    fn rounded(v: Value) -> String {
        let mut q = Quantity::from_json(&v).unwrap();
        q.round_up(-3);
        q.canonical()
    }

    #[test]
    fn canonical_forms() {
        for (input, want) in [
            ("0.5", "500m"),
            ("1000m", "1"),
            ("1500m", "1500m"),
            ("1.5Gi", "1536Mi"),
            ("1024Mi", "1Gi"),
            ("0.5Ki", "512"),
            ("1Ki", "1Ki"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("129M", "129M"),
            ("123Mi", "123Mi"),
            ("1000", "1k"),
            ("2000000", "2M"),
            ("100", "100"),
            ("0", "0"),
            ("0m", "0"),
            ("1e3", "1e3"),
            ("12e2", "1200"),
            ("1E3", "1e3"),
            ("1E", "1E"),
            ("1.0", "1"),
            ("-0.5", "-500m"),
            ("1n", "1n"),
            ("1.1Gi", "1181116006400m"),
            ("+2", "2"),
        ] {
            assert_eq!(canon(input), want, "{input}");
        }
        for bad in ["", ".", "1Z", "abc", "1.2.3", "1Gi3", "Ki"] {
            assert!(Quantity::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn resource_lists_round_up_to_milli() {
        assert_eq!(rounded(json!("0.0001")), "1m");
        assert_eq!(rounded(json!("0.1234")), "124m");
        assert_eq!(rounded(json!(1)), "1");
        assert_eq!(rounded(json!(0.5)), "500m");
        assert_eq!(rounded(json!("100n")), "1m");
        assert_eq!(rounded(json!("64Mi")), "64Mi");
    }

    #[test]
    fn arithmetic() {
        let a = Quantity::parse("500m").unwrap();
        let b = Quantity::parse("0.5").unwrap();
        assert_eq!(a.add(&b), Quantity::parse("1").unwrap());
        assert_eq!(a.cmp(&Quantity::parse("1").unwrap()), Ordering::Less);
        assert_eq!(
            Quantity::parse("1Gi").unwrap(),
            Quantity::parse("1024Mi").unwrap()
        );
    }
}
