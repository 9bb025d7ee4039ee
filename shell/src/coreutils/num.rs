//! gnulib's number parsing for option arguments (xstrtoumax and the
//! xdectoumax/xstrtol_fatal messages built on it), shared by the tools
//! whose sizes and counts take GNU's multiplier suffixes.

/// Why a number did not parse, as gnulib's `strtol_error` has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumErr {
    Invalid,
    Overflow,
    BadSuffix,
}

/// `strtoumax` on the text's prefix: the value (saturated), whether it
/// overflowed, and how many bytes were used (0: no number).
fn strtou(s: &[u8], base: u32) -> (u64, bool, usize) {
    let mut i = 0;
    while i < s.len() && (s[i] == b' ' || (9..=13).contains(&s[i])) {
        i += 1;
    }
    if i < s.len() && s[i] == b'+' {
        i += 1;
    }
    let mut base = base;
    let hex_prefix = s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit());
    if (base == 0 || base == 16) && hex_prefix {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if s.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    let start = i;
    let (mut v, mut over) = (0u64, false);
    while let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(base)) {
        match v
            .checked_mul(base as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(n) => v = n,
            None => over = true,
        }
        i += 1;
    }
    if i == start {
        return (0, false, 0);
    }
    (if over { u64::MAX } else { v }, over, i)
}

/// gnulib `xstrtoumax`: the value (saturated on overflow) and the error.
/// `suffixes` lists the accepted multiplier letters; a `0` among them
/// allows `KB` (powers of 1000) and `KiB` after the letter.
pub fn xstrtoumax(s: &str, base: u32, suffixes: &str) -> (u64, Option<NumErr>) {
    let b = s.as_bytes();
    let lead = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    if b.get(lead) == Some(&b'-') {
        return (0, Some(NumErr::Invalid));
    }
    let (mut v, over, used) = strtou(b, base);
    let mut err = over.then_some(NumErr::Overflow);
    let rest = &s[used..];
    if used == 0 {
        match rest.chars().next() {
            Some(c) if suffixes.contains(c) => v = 1,
            _ => return (0, Some(NumErr::Invalid)),
        }
    }
    let Some(first) = rest.chars().next() else {
        return (v, err);
    };
    if !suffixes.contains(first) {
        return (v, Some(NumErr::BadSuffix));
    }
    let second = &rest.as_bytes()[first.len_utf8()..];
    let (mut base, mut len) = (1024u64, 1);
    if suffixes.contains('0') && "EGgkKMmPTtYZ".contains(first) {
        if second.starts_with(b"iB") {
            len = 3;
        } else if second.starts_with(b"B") || second.starts_with(b"D") {
            base = 1000;
            len = 2;
        }
    }
    let power = match first {
        'b' => Some((512, 1)),
        'c' => Some((1, 1)),
        'w' => Some((2, 1)),
        'k' | 'K' => Some((base, 1)),
        'M' | 'm' => Some((base, 2)),
        'G' | 'g' => Some((base, 3)),
        'T' | 't' => Some((base, 4)),
        'P' => Some((base, 5)),
        'E' => Some((base, 6)),
        'Z' => Some((base, 7)),
        'Y' => Some((base, 8)),
        _ => None,
    };
    let Some((m, times)) = power else {
        return (v, Some(NumErr::BadSuffix));
    };
    for _ in 0..times {
        match v.checked_mul(m) {
            Some(n) => v = n,
            None => {
                v = u64::MAX;
                err = Some(NumErr::Overflow);
            }
        }
    }
    if rest.len() > len {
        err = Some(NumErr::BadSuffix);
    }
    (v, err)
}

/// gnulib `xdectoumax`: a decimal in `[min, max]`, or the complete
/// diagnostic line, e.g. "invalid number of columns: ‘0’: Numerical
/// result out of range".
pub fn xdectoumax(s: &str, min: u64, max: u64, suffixes: &str, what: &str) -> Result<u64, String> {
    let (v, err) = xstrtoumax(s, 10, suffixes);
    let why = match err {
        None if (min..=max).contains(&v) => return Ok(v),
        None if v > (i32::MAX / 2) as u64 => ": Value too large for defined data type",
        None => ": Numerical result out of range",
        Some(NumErr::Overflow) => ": Value too large for defined data type",
        Some(_) => "",
    };
    Err(format!("{}: ‘{}’{}", what, s, why))
}

/// gnulib `xstrtol_fatal`'s text for option `opt` (as typed: `-N` or
/// `--read-bytes`).
pub fn fatal_text(err: NumErr, opt: &str, arg: &str) -> String {
    match err {
        NumErr::Invalid => format!("invalid {} argument '{}'", opt, arg),
        NumErr::BadSuffix => format!("invalid suffix in {} argument '{}'", opt, arg),
        NumErr::Overflow => format!("{} argument '{}' too large", opt, arg),
    }
}

/// A byte range of text as a String. The VFS holds text, so bytes cut
/// out of a multibyte character read as U+FFFD, as `head -c` does.
pub fn byte_text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_errors() {
        assert_eq!(xstrtoumax("1K", 10, "kKM0"), (1024, None));
        assert_eq!(xstrtoumax("1KB", 10, "kKM0"), (1000, None));
        assert_eq!(xstrtoumax("2KiB", 10, "kKM0"), (2048, None));
        assert_eq!(xstrtoumax("0x10", 0, ""), (16, None));
        assert_eq!(xstrtoumax("010", 0, ""), (8, None));
        assert_eq!(xstrtoumax("-1", 10, "").1, Some(NumErr::Invalid));
        assert_eq!(xstrtoumax("5x", 10, "").1, Some(NumErr::BadSuffix));
        assert_eq!(
            xstrtoumax("99999999999999999999999", 10, "").1,
            Some(NumErr::Overflow)
        );
        assert_eq!(
            xstrtoumax("9999999999999999Y", 10, "Y").1,
            Some(NumErr::Overflow)
        );
        assert!(xdectoumax("0", 1, 9, "", "n")
            .unwrap_err()
            .ends_with("range"));
    }
}
