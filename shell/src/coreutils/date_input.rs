//! The date strings `date -d` understands, the common part of GNU's
//! parse-datetime: `now`/`today`/`yesterday`/`tomorrow`, `@SECONDS`, ISO
//! dates with an optional time and zone (`2024-01-15`, `2024-01-15
//! 10:30`, `2024-02-29T10:00:00Z`), and relative items (`+1 day`, `2 hours
//! ago`, `next week`) after or instead of them. All in UTC, as the
//! playground's clock is.

const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` with an optional `[T ]HH:MM[:SS[.fff]]` and zone (`Z`,
/// `UTC`, `+HH:MM`, `+HHMM`); the rest of the text is returned.
fn absolute(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let mut ms = days_from_civil(y, m, d) * DAY_MS;
    let mut rest = &s[10..];
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '));
    if let Some(t) = time.filter(|t| t.as_bytes().get(2) == Some(&b':')) {
        let tb = t.as_bytes();
        let two = |at: usize| -> Option<i64> {
            let x = t.get(at..at + 2)?;
            x.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| x.parse().ok())?
        };
        let (h, mi) = (two(0)?, two(3)?);
        let mut used = 5;
        let mut sec = 0;
        if tb.get(5) == Some(&b':') {
            sec = two(6)?;
            used = 8;
            if tb.get(8) == Some(&b'.') {
                used = 9 + t[9..].bytes().take_while(u8::is_ascii_digit).count();
            }
        }
        if h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        ms += (h * 3600 + mi * 60 + sec) * 1000;
        rest = &t[used..];
        let zone = rest.trim_start();
        if let Some(z) = zone.strip_prefix('Z').or_else(|| zone.strip_prefix("UTC")) {
            rest = z;
        } else if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
            let digits: String = zone[1..].chars().filter(|c| *c != ':').take(4).collect();
            if digits.len() == 4 && digits.bytes().all(|c| c.is_ascii_digit()) {
                let off: i64 =
                    digits[..2].parse::<i64>().ok()? * 60 + digits[2..].parse::<i64>().ok()?;
                ms -= if sign == '+' { off } else { -off } * 60_000;
                let taken = 1 + if zone[1..].starts_with(|c: char| c.is_ascii_digit())
                    && zone.get(3..4) == Some(":")
                {
                    5
                } else {
                    4
                };
                rest = &zone[taken.min(zone.len())..];
            }
        }
    }
    Some((ms, rest))
}

/// Adds `n` months, the day kept where the month has it (GNU overflows
/// into the next month; so does this).
fn add_months(ms: i64, n: i64) -> i64 {
    let within = ms.rem_euclid(DAY_MS);
    let (y, m, d) = crate::timefmt::civil(ms.div_euclid(DAY_MS));
    let (m, d) = (i64::from(m), i64::from(d));
    let total = y * 12 + (m - 1) + n;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    days_from_civil(ny, nm, 1) * DAY_MS + (d - 1) * DAY_MS + within
}

/// Relative items: `[+|-]N unit [ago]`, `next|last unit`, one after another.
fn relative(mut ms: i64, text: &str) -> Option<i64> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let (n, unit_at) = match w.as_str() {
            "next" => (1, i + 1),
            "last" => (-1, i + 1),
            "ago" => return None,
            _ => {
                // `+1`, `-2`, `3`, or a number glued to its unit (`+1day`).
                let digits_end = w
                    .char_indices()
                    .find(|(k, c)| !(c.is_ascii_digit() || (*k == 0 && (*c == '+' || *c == '-'))))
                    .map_or(w.len(), |(k, _)| k);
                match w[..digits_end].parse::<i64>() {
                    Ok(n) if digits_end < w.len() => {
                        let unit = w[digits_end..].to_string();
                        let (ms2, used) = apply_unit(ms, n, &unit, words.get(i + 1))?;
                        ms = ms2;
                        i += 1 + used;
                        continue;
                    }
                    Ok(n) => (n, i + 1),
                    Err(_) => (1, i),
                }
            }
        };
        let unit = words.get(unit_at)?;
        let (ms2, used) = apply_unit(ms, n, unit, words.get(unit_at + 1))?;
        ms = ms2;
        i = unit_at + 1 + used;
    }
    Some(ms)
}

/// One unit applied `n` times (negated by a following `ago`): the new
/// time and whether `ago` was used.
fn apply_unit(ms: i64, n: i64, unit: &str, next: Option<&String>) -> Option<(i64, usize)> {
    let ago = next.is_some_and(|w| w == "ago");
    let n = if ago { -n } else { n };
    let unit = unit
        .strip_suffix('s')
        .filter(|u| u.len() > 2)
        .unwrap_or(unit);
    let out = match unit {
        "sec" | "second" => ms + n * 1000,
        "min" | "minute" => ms + n * 60_000,
        "hour" => ms + n * 3_600_000,
        "day" => ms + n * DAY_MS,
        "week" => ms + n * 7 * DAY_MS,
        "fortnight" => ms + n * 14 * DAY_MS,
        "month" => add_months(ms, n),
        "year" => add_months(ms, n * 12),
        _ => return None,
    };
    Some((out, usize::from(ago)))
}

/// The moment `text` names, with `now` as the base; None when GNU date
/// would call it an invalid date (or it is beyond this subset).
pub fn parse(text: &str, now: i64) -> Option<i64> {
    let t = text.trim();
    if let Some(secs) = t.strip_prefix('@') {
        return secs.trim().parse::<i64>().ok().map(|s| s * 1000);
    }
    let lower = t.to_lowercase();
    let (base, rest) = match lower.split_whitespace().next() {
        None => return Some(now - now.rem_euclid(DAY_MS)),
        Some("now") => (now, lower["now".len()..].to_string()),
        Some("today") => (now, lower["today".len()..].to_string()),
        Some("yesterday") => (now - DAY_MS, lower["yesterday".len()..].to_string()),
        Some("tomorrow") => (now + DAY_MS, lower["tomorrow".len()..].to_string()),
        _ => match absolute(t) {
            Some((ms, rest)) => (ms, rest.to_string()),
            None => (now, t.to_string()),
        },
    };
    relative(base, &rest)
}

#[cfg(test)]
mod tests {
    use super::parse;

    const NOW: i64 = 1_748_768_400_000; // 2025-06-01T09:00:00Z

    #[test]
    fn absolute_and_relative_dates_as_gnu_date_reads_them() {
        let at = |s: &str| parse(s, NOW);
        assert_eq!(at("2025-06-01"), Some(1_748_736_000_000));
        assert_eq!(at("2025-06-01 09:00"), Some(NOW));
        assert_eq!(at("2025-06-01T09:00:00Z"), Some(NOW));
        assert_eq!(at("2025-06-01T11:00:00+02:00"), Some(NOW));
        assert_eq!(at("+1 day"), Some(NOW + 86_400_000));
        assert_eq!(at("2 hours ago"), Some(NOW - 7_200_000));
        assert_eq!(at("tomorrow"), Some(NOW + 86_400_000));
        assert_eq!(at("next week"), Some(NOW + 7 * 86_400_000));
        assert_eq!(at("2025-01-31 +1 month"), Some(1_740_960_000_000)); // Mar 3
        assert_eq!(at("@0"), Some(0));
        assert_eq!(at("2025-02-30"), None);
        assert_eq!(at("soon"), None);
    }
}
