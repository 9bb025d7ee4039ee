//! docker/go-units sizes as docker and crictl print them:
//! `HumanSizeWithPrecision` (decimal, `72.2MB`) and `BytesSize` (binary,
//! `1.465GiB`), over Go's `%.*g`.

/// Go's `%.{prec}g`: `prec` significant digits, trailing zeros dropped,
/// exponent form below 1e-4 or from 10^prec on.
pub fn go_g(v: f64, prec: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let prec = prec.max(1);
    let sci = format!("{:.*e}", prec - 1, v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= prec as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{}e{sign}{:02}", trim(mantissa), exp.abs());
    }
    let decimals = (prec as i32 - 1 - exp).max(0) as usize;
    trim(&format!("{v:.decimals$}"))
}

const DECIMAL: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
const BINARY: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];

/// getSizeAndUnit: divides by `base` while it can.
fn scaled(mut size: f64, base: f64, units: &[&'static str; 5]) -> (f64, &'static str) {
    let mut i = 0;
    while size >= base && i < units.len() - 1 {
        size /= base;
        i += 1;
    }
    (size, units[i])
}

/// `units.HumanSizeWithPrecision(size, prec)`: `72.2MB`, `0B`.
pub fn human_size(size: f64, prec: usize) -> String {
    let (v, unit) = scaled(size, 1000.0, &DECIMAL);
    format!("{}{unit}", go_g(v, prec))
}

/// `units.BytesSize(size)`: `512MiB`, `7.654GiB`.
pub fn bytes_size(size: f64) -> String {
    let (v, unit) = scaled(size, 1024.0, &BINARY);
    format!("{}{unit}", go_g(v, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_go_units_prints_them() {
        assert_eq!(human_size(72_200_000.0, 3), "72.2MB");
        assert_eq!(human_size(0.0, 3), "0B");
        assert_eq!(human_size(1_500.0, 3), "1.5kB");
        assert_eq!(human_size(999_900.0, 3), "1e+03kB");
        assert_eq!(bytes_size(8_218_034_176.0), "7.654GiB");
        assert_eq!(bytes_size(512.0 * 1024.0 * 1024.0), "512MiB");
        assert_eq!(go_g(0.00001234, 3), "1.23e-05");
    }
}
