//! Go's `time.ParseDuration`, with its error texts: kubectl's duration flags
//! and client settings are read with it, so a learner's typo gets Go's words.

/// Milliseconds in a Go duration such as `1h30m`, `1.5s`, `-2m`, `300ms`.
/// Sub-millisecond parts are truncated (the engine's clock counts ms).
pub fn parse_ms(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let (neg, mut s) = match orig.as_bytes().first() {
        Some(b'-') => (true, &orig[1..]),
        Some(b'+') => (false, &orig[1..]),
        _ => (false, orig),
    };
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total_ns: u128 = 0;
    while !s.is_empty() {
        if !(s.starts_with('.') || s.starts_with(|c: char| c.is_ascii_digit())) {
            return Err(invalid());
        }
        let int_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (int, rest) = s.split_at(int_end);
        let (frac, rest) = match rest.strip_prefix('.') {
            Some(r) => {
                let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
                r.split_at(end)
            }
            None => ("", rest),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(invalid());
        }
        let unit_end = rest
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (unit, rest) = rest.split_at(unit_end);
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {}", quote(orig)));
        }
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    quote(unit),
                    quote(orig)
                ))
            }
        };
        let whole: u128 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| invalid())?
        };
        let mut part = whole.checked_mul(scale).ok_or_else(invalid)?;
        let mut denom: u128 = 1;
        for d in frac.bytes().take(30) {
            denom *= 10;
            part += u128::from(d - b'0') * scale / denom;
        }
        total_ns = total_ns.checked_add(part).ok_or_else(invalid)?;
        // Go's Duration is an int64 of nanoseconds.
        if total_ns > i64::MAX as u128 {
            return Err(invalid());
        }
        s = rest;
    }
    let ms = (total_ns / 1_000_000) as i64;
    Ok(if neg { -ms } else { ms })
}

/// kubectl's `--request-timeout`: whole seconds, or a Go duration
/// (client-go clientcmd.ParseTimeout). None: the value is refused.
pub fn parse_timeout_ms(s: &str) -> Option<i64> {
    if let Ok(secs) = s.parse::<i64>() {
        if secs >= 0 {
            return Some(secs.saturating_mul(1000));
        }
    }
    parse_ms(s).ok()
}

/// The text kubectl prints (after `error: `) for a refused --request-timeout.
pub const INVALID_TIMEOUT: &str = "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)";

/// Go's quote() in package time: double quotes, `"` and `\` escaped, bytes
/// outside printable ASCII as \xNN.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations_as_go_does() {
        assert_eq!(parse_ms("0"), Ok(0));
        assert_eq!(parse_ms("1h30m"), Ok(5_400_000));
        assert_eq!(parse_ms("1.5s"), Ok(1_500));
        assert_eq!(parse_ms(".5m"), Ok(30_000));
        assert_eq!(parse_ms("-2m"), Ok(-120_000));
        assert_eq!(parse_ms("+300ms"), Ok(300));
        assert_eq!(parse_ms("1500us"), Ok(1));
    }

    #[test]
    fn refuses_with_go_texts() {
        assert_eq!(
            parse_ms("5"),
            Err("time: missing unit in duration \"5\"".into())
        );
        assert_eq!(parse_ms(""), Err("time: invalid duration \"\"".into()));
        assert_eq!(parse_ms("s"), Err("time: invalid duration \"s\"".into()));
        assert_eq!(parse_ms("."), Err("time: invalid duration \".\"".into()));
        assert_eq!(
            parse_ms("3x"),
            Err("time: unknown unit \"x\" in duration \"3x\"".into())
        );
        assert_eq!(
            parse_ms("1\u{fa}"),
            Err("time: unknown unit \"\\xc3\\xba\" in duration \"1\\xc3\\xba\"".into())
        );
        assert!(parse_ms("9999999999h").is_err());
    }

    #[test]
    fn request_timeouts_as_client_go_reads_them() {
        assert_eq!(parse_timeout_ms("15"), Some(15_000));
        assert_eq!(parse_timeout_ms("2m"), Some(120_000));
        assert_eq!(parse_timeout_ms("0"), Some(0));
        assert_eq!(parse_timeout_ms("-1"), None);
        assert_eq!(parse_timeout_ms("1.5"), None);
        assert_eq!(parse_timeout_ms("15\u{fa}"), None);
    }
}
