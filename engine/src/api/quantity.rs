//! Kubernetes resource quantities (`500m`, `1Gi`, `1e3`) as apimachinery's
//! `resource.Quantity` (v0.33) parses and prints them.
//!
//! A quantity is held exactly, in nano-units (everything finer is rounded up,
//! away from zero, as `ParseQuantity` does). `Display` is `Quantity.String()`:
//! the parsed string itself when `ParseQuantity` judged it canonical (and so
//! cached it), else the canonical form: the fewest digits with the exponent a
//! multiple of 3 and an SI suffix (`1500m`, `2k`), or for binary quantities a
//! power-of-1024 suffix (`1536Mi`) when the value is a whole number of bytes.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The value times 10^9.
    nanos: i128,
    pub format: Format,
    /// The string `ParseQuantity` kept because it was already canonical.
    cached: Option<String>,
    /// The scale of the int64 fast-path amount (`None` after the inf.Dec path).
    fast_scale: Option<i32>,
}

const NANO: i128 = 1_000_000_000;
/// `maxAllowed`: the largest int64, in units.
const MAX_NANOS: i128 = (i64::MAX as i128) * NANO;

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// `x / d` rounded away from zero.
fn div_away(x: i128, d: i128) -> i128 {
    let q = x / d;
    if x % d == 0 {
        q
    } else if x < 0 {
        q - 1
    } else {
        q + 1
    }
}

struct Parts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// `parseQuantityString`.
fn split(s: &str) -> Option<Parts<'_>> {
    let b = s.as_bytes();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < b.len() && b[pos] == b'0' {
        pos += 1;
    }
    if pos == b.len() {
        return Some(Parts {
            positive,
            num: "0",
            denom: "",
            suffix: "",
        });
    }
    let start = pos;
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    let mut denom = "";
    if pos < b.len() && b[pos] == b'.' {
        pos += 1;
        let d = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[d..pos];
    }
    let suffix_start = pos;
    while pos < b.len() && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < b.len() && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos != b.len() {
        return None;
    }
    Some(Parts {
        positive,
        num,
        denom,
        suffix: &s[suffix_start..],
    })
}

/// `suffixer.interpret`: (base, exponent, format).
fn interpret(suffix: &str) -> Option<(u32, i32, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "" => dec(0),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) => {
            let e: i64 = suffix[1..].parse().ok()?;
            Some((10, i32::try_from(e).ok()?, Format::DecimalExponent))
        }
        _ => None,
    }
}

impl Quantity {
    /// The zero quantity (what a missing map entry gives).
    pub fn zero() -> Quantity {
        Quantity {
            nanos: 0,
            format: Format::DecimalSI,
            cached: None,
            fast_scale: Some(0),
        }
    }

    /// `resource.ParseQuantity`; `None` where it would fail (or the value is
    /// beyond what this representation holds).
    pub fn parse(s: &str) -> Option<Quantity> {
        if s.is_empty() {
            return None;
        }
        if s == "0" {
            return Some(Quantity {
                cached: Some("0".into()),
                ..Quantity::zero()
            });
        }
        let p = split(s)?;
        let (base, exponent, mut format) = interpret(p.suffix)?;
        let digits: String = [p.num, p.denom].concat();
        let d: i128 = digits.parse().ok()?;
        let d = if p.positive { d } else { -d };

        // The int64 fast path: decides whether the string is kept and the scale.
        let mut fast_scale = None;
        let mut cached = None;
        let fast = match format {
            Format::BinarySI if p.denom.is_empty() => {
                let precision = 15 - p.num.len() as i32 - (exponent as f32 * 3.0 / 10.0) as i32 - 1;
                precision >= 0
            }
            Format::BinarySI => false,
            _ => 18 - (p.num.len() + p.denom.len()) as i32 >= 0,
        };
        if fast {
            let scale = if base == 2 {
                0
            } else {
                exponent - p.denom.len() as i32
            };
            let mantissa: i64 = if base == 2 { 1i64 << exponent } else { 1 };
            let shifted = &digits;
            if scale >= -9 {
                if let Ok(v) = shifted.parse::<i64>() {
                    if v.checked_mul(mantissa).is_some() {
                        fast_scale = Some(scale);
                        let keep = if base == 2 {
                            exponent % 10 == 0 && v & 0x07 != 0
                        } else {
                            scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0')
                        };
                        if keep {
                            cached = Some(s.to_string());
                        }
                    }
                }
            }
        }

        // The exact value in nanos, rounded up (away from zero) to a nano.
        let frac = p.denom.len() as i32;
        let nanos = if base == 10 {
            let e = exponent - frac + 9;
            if e >= 0 {
                d.checked_mul(pow10(e as u32)?)?
            } else {
                div_away(d, pow10((-e) as u32)?)
            }
        } else {
            let v = d.checked_mul(1i128.checked_shl(exponent as u32)?)?;
            let e = 9 - frac;
            if e >= 0 {
                v.checked_mul(pow10(e as u32)?)?
            } else {
                div_away(v, pow10((-e) as u32)?)
            }
        };
        let mut nanos = nanos;
        if fast_scale.is_none() && format == Format::BinarySI {
            nanos = nanos.clamp(-MAX_NANOS, MAX_NANOS);
            if nanos != 0 && nanos.abs() < NANO {
                format = Format::DecimalSI;
            }
        }
        Some(Quantity {
            nanos,
            format,
            cached,
            fast_scale,
        })
    }

    /// The zero quantity as a constant (`Quantity::zero()` for `const` uses).
    pub const ZERO: Quantity = Quantity {
        nanos: 0,
        format: Format::DecimalSI,
        cached: None,
        fast_scale: Some(0),
    };

    /// The value times 10^9.
    pub fn nanos(&self) -> i128 {
        self.nanos
    }

    /// `MilliValue()`: the value in thousandths, rounded up (`100m` → 100,
    /// `1Gi` → 1073741824000); what the scheduler compares requests in.
    pub fn milli_value(&self) -> i128 {
        let d = NANO / 1000;
        (self.nanos + d - 1).div_euclid(d)
    }

    /// `Value()`: whole units, rounded up.
    pub fn value(&self) -> i128 {
        (self.nanos + NANO - 1).div_euclid(NANO)
    }

    /// `Add`: the receiver's format is kept (a zero receiver takes the other's).
    pub fn plus(&self, other: &Quantity) -> Quantity {
        Quantity {
            nanos: self.nanos + other.nanos,
            format: if self.nanos == 0 {
                other.format
            } else {
                self.format
            },
            cached: None,
            fast_scale: None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `Quantity.RoundUp(scale)`: rounds away from zero to 10^scale, dropping the
    /// kept string unless it was already that coarse.
    pub fn round_up(&mut self, scale: i32) {
        if let Some(s) = self.fast_scale {
            if s >= scale {
                return;
            }
        }
        self.cached = None;
        if scale > -9 {
            if let Some(unit) = pow10((scale + 9) as u32) {
                self.nanos = div_away(self.nanos, unit) * unit;
            }
        }
        self.fast_scale = Some(scale);
    }

    /// As the v1 defaulting rounds every ResourceList value: up to milli-units.
    pub fn rounded_to_milli(mut self) -> Quantity {
        self.round_up(-3);
        self
    }

    fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || self.nanos % NANO != 0)
        {
            format = Format::DecimalSI;
        }
        if format == Format::BinarySI {
            let (mut amount, mut exp) = (self.nanos / NANO, 0);
            while amount.abs() >= 1024 && amount % 1024 == 0 {
                amount /= 1024;
                exp += 1;
            }
            let suffix = match exp {
                1 => "Ki",
                2 => "Mi",
                3 => "Gi",
                4 => "Ti",
                5 => "Pi",
                6 => "Ei",
                _ => "",
            };
            return format!("{amount}{suffix}");
        }
        let (mut amount, mut exp) = (self.nanos, -9i32);
        while amount.abs() >= 10 && amount % 10 == 0 {
            amount /= 10;
            exp += 1;
        }
        while exp % 3 != 0 {
            amount *= 10;
            exp -= 1;
        }
        let suffix = match format {
            Format::DecimalExponent if exp == 0 => String::new(),
            Format::DecimalExponent => format!("e{exp}"),
            _ => match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => "",
            }
            .to_string(),
        };
        format!("{amount}{suffix}")
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cached {
            Some(s) => f.write_str(s),
            None => f.write_str(&self.canonical()),
        }
    }
}

/// `Quantity.String()` of a quantity as written; text that does not parse is
/// returned unchanged (the API server would have rejected it).
pub fn canonical(s: &str) -> String {
    Quantity::parse(s).map_or_else(|| s.to_string(), |q| q.to_string())
}

/// A value of a v1 `ResourceList` as the API server holds it: defaulting has
/// rounded it up to milli-units.
pub fn resource_list_value(s: &str) -> String {
    Quantity::parse(s).map_or_else(|| s.to_string(), |q| q.rounded_to_milli().to_string())
}

#[cfg(test)]
mod tests {

    #[test]
    fn milli_values_for_the_scheduler() {
        let m = |s: &str| Quantity::parse(s).map(|q| q.milli_value());
        assert_eq!(m("100m"), Some(100));
        assert_eq!(m("2"), Some(2000));
        assert_eq!(m("0.5"), Some(500));
        assert_eq!(m("128Mi"), Some(128 * 1024 * 1024 * 1000));
        assert_eq!(m("1G"), Some(1_000_000_000_000));
        assert_eq!(m("1n"), Some(1));
        assert_eq!(m("x"), None);
    }

    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).expect(s).to_string()
    }

    #[test]
    fn canonical_strings_are_kept() {
        for s in [
            "0",
            "500m",
            "100m",
            "1",
            "10",
            "1k",
            "1500",
            "1500m",
            "1Gi",
            "3Gi",
            "100Mi",
            "1e3",
            "128974848",
        ] {
            assert_eq!(c(s), s);
        }
    }

    #[test]
    fn decimal_values_are_canonicalised() {
        assert_eq!(c("0.5"), "500m");
        assert_eq!(c("1000m"), "1");
        assert_eq!(c("2000"), "2k");
        assert_eq!(c("1.0"), "1");
        assert_eq!(c("0.1"), "100m");
        assert_eq!(c("1.5k"), "1500");
        assert_eq!(c("0m"), "0");
        assert_eq!(c("00"), "0");
        assert_eq!(c("+2000m"), "2");
        assert_eq!(c("-0.5"), "-500m");
        assert_eq!(c("1000000n"), "1m");
        assert_eq!(c("12e6"), "12e6");
        assert_eq!(c("1.5e3"), "1500");
        assert_eq!(c("1200e3"), "1200e3");
        assert_eq!(c("12000e3"), "12e6");
        assert_eq!(c("1000M"), "1G");
    }

    #[test]
    fn tiny_values_round_up_to_a_nano() {
        assert_eq!(c("0.0000000001"), "1n");
        assert_eq!(c("0.0000000015"), "2n");
        assert_eq!(c("-0.0000000015"), "-2n");
    }

    #[test]
    fn binary_values_are_canonicalised() {
        assert_eq!(c("1024Mi"), "1Gi");
        assert_eq!(c("2048Ki"), "2Mi");
        assert_eq!(c("8Mi"), "8Mi");
        assert_eq!(c("1.5Gi"), "1536Mi");
        assert_eq!(c("0.5Gi"), "512Mi");
        assert_eq!(c("1.5Ki"), "1536");
        assert_eq!(c("0.5Ki"), "512");
        assert_eq!(c("1.1Gi"), "1181116006400m");
        assert_eq!(c("0Gi"), "0");
        assert_eq!(c("1000Ki"), "1000Ki");
    }

    #[test]
    fn bad_quantities_do_not_parse() {
        for s in ["", "abc", "1K", "1.2.3", "1Gi1", "1e", "--1"] {
            assert!(Quantity::parse(s).is_none(), "{s}");
        }
        assert_eq!(canonical("1K"), "1K");
    }

    #[test]
    fn resource_lists_round_up_to_milli() {
        assert_eq!(resource_list_value("1500u"), "2m");
        assert_eq!(resource_list_value("1n"), "1m");
        assert_eq!(resource_list_value("250m"), "250m");
        assert_eq!(resource_list_value("1Gi"), "1Gi");
        assert_eq!(resource_list_value("0.5"), "500m");
        assert_eq!(Quantity::zero().to_string(), "0");
    }
}
