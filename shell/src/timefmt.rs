//! Calendar arithmetic on virtual unix time (always UTC): the shell never
//! reads a clock, the host sets "now" before each run.

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    pub month: u32, // 1..=12
    pub day: u32,   // 1..=31
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    pub wday: u32, // 0 = Sunday
    pub yday: u32, // 0-based
}

pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Howard Hinnant's days-to-civil algorithm.
pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn from_millis(ms: i64) -> Tm {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil(days);
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = if month > 2 && is_leap(year) { 1 } else { 0 };
    Tm {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        min: (rem % 3600 / 60) as u32,
        sec: (rem % 60) as u32,
        wday: (days + 4).rem_euclid(7) as u32,
        yday: CUM[(month - 1) as usize] + day - 1 + leap,
    }
}

/// `date`'s default output: `Sun Jun  1 09:00:00 UTC 2025`.
pub fn date_default(ms: i64) -> String {
    strftime("%a %b %e %H:%M:%S %Z %Y", ms)
}

/// The date column of `ls -l`: time of day for recent files, else the year.
pub fn ls_date(mtime: i64, now: i64) -> String {
    const HALF_YEAR_MS: i64 = 31_556_952_000 / 2;
    if now - mtime > HALF_YEAR_MS || mtime - now > 3_600_000 {
        strftime("%b %e  %Y", mtime)
    } else {
        strftime("%b %e %H:%M", mtime)
    }
}

/// A subset of strftime(3), enough for `date +FORMAT`.
/// GNU strftime on UTC: the conversions `date +FORMAT` uses, with GNU's
/// flags (`-` no padding, `_` spaces, `0` zeros, `^` upper case, `#`
/// opposite case) and a field width (`%10Y`).
pub fn strftime(fmt: &str, ms: i64) -> String {
    let t = from_millis(ms);
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let start = i - 1;
        let mut flag = None;
        while let Some(&f) = chars.get(i).filter(|f| "-_0^#".contains(**f)) {
            flag = Some(f);
            i += 1;
        }
        let mut width: Option<usize> = None;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            width = Some(width.unwrap_or(0) * 10 + d as usize);
            i += 1;
        }
        let colons = chars[i..].iter().take_while(|c| **c == ':').count();
        i += colons;
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        match field(&t, ms, conv, colons) {
            Some(Field::Num(n, w, pad)) => out.push_str(&number(n, w, pad, flag, width)),
            Some(Field::Text(s)) => out.push_str(&text(&s, conv, flag, width)),
            None => out.extend(&chars[start..i]),
        }
    }
    out
}

/// What one conversion gives: a number with its default width and
/// padding, or text.
enum Field {
    Num(i64, usize, char),
    Text(String),
}

fn field(t: &Tm, ms: i64, conv: char, colons: usize) -> Option<Field> {
    let num = |n: i64, w: usize| Some(Field::Num(n, w, '0'));
    let spaced = |n: i64, w: usize| Some(Field::Num(n, w, ' '));
    let text = |s: &str| Some(Field::Text(s.to_string()));
    let hour12 = i64::from((t.hour + 11) % 12 + 1);
    let monday_based = i64::from((t.wday + 6) % 7);
    match conv {
        'Y' => num(t.year, 1),
        'y' => num(t.year.rem_euclid(100), 2),
        'C' => num(t.year.div_euclid(100), 2),
        'G' => num(iso_week(t).0, 1),
        'g' => num(iso_week(t).0.rem_euclid(100), 2),
        'm' => num(i64::from(t.month), 2),
        'd' => num(i64::from(t.day), 2),
        'e' => spaced(i64::from(t.day), 2),
        'H' => num(i64::from(t.hour), 2),
        'k' => spaced(i64::from(t.hour), 2),
        'I' => num(hour12, 2),
        'l' => spaced(hour12, 2),
        'M' => num(i64::from(t.min), 2),
        'S' => num(i64::from(t.sec), 2),
        'j' => num(i64::from(t.yday) + 1, 3),
        'u' => num(monday_based + 1, 1),
        'w' => num(i64::from(t.wday), 1),
        'U' => num((i64::from(t.yday) + 7 - i64::from(t.wday)) / 7, 2),
        'W' => num((i64::from(t.yday) + 7 - monday_based) / 7, 2),
        'V' => num(iso_week(t).1, 2),
        'q' => num(i64::from((t.month - 1) / 3 + 1), 1),
        's' => num(ms.div_euclid(1000), 1),
        'N' => num(ms.rem_euclid(1000) * 1_000_000, 9),
        'p' => text(if t.hour < 12 { "AM" } else { "PM" }),
        'P' => text(if t.hour < 12 { "am" } else { "pm" }),
        'a' => text(DAYS[t.wday as usize]),
        'A' => text(LONG_DAYS[t.wday as usize]),
        'b' | 'h' => text(MONTHS[(t.month - 1) as usize]),
        'B' => text(LONG_MONTHS[(t.month - 1) as usize]),
        'Z' => text("UTC"),
        'z' => text(["+0000", "+00:00", "+00:00:00", "+00"].get(colons)?),
        'F' => text(&strftime("%Y-%m-%d", ms)),
        'T' | 'X' => text(&strftime("%H:%M:%S", ms)),
        'D' | 'x' => text(&strftime("%m/%d/%y", ms)),
        'R' => text(&strftime("%H:%M", ms)),
        'r' => text(&strftime("%I:%M:%S %p", ms)),
        'c' => text(&strftime("%a %b %e %H:%M:%S %Y", ms)),
        'n' => text("\n"),
        't' => text("\t"),
        '%' => text("%"),
        _ => None,
    }
}

fn number(n: i64, w: usize, pad: char, flag: Option<char>, width: Option<usize>) -> String {
    let digits = n.abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    let (pad, w) = match flag {
        Some('-') => return format!("{sign}{digits}"),
        Some('_') => (' ', width.unwrap_or(w)),
        Some('0') => ('0', width.unwrap_or(w)),
        _ => (pad, width.unwrap_or(w)),
    };
    let fill = w.saturating_sub(digits.len() + sign.len());
    match pad {
        '0' => format!("{sign}{}{digits}", "0".repeat(fill)),
        _ => format!("{}{sign}{digits}", " ".repeat(fill)),
    }
}

fn text(s: &str, conv: char, flag: Option<char>, width: Option<usize>) -> String {
    let s = match flag {
        Some('^') => s.to_uppercase(),
        // `#` swaps the case of names (GNU: upper case, lower for %Z).
        Some('#') if conv == 'Z' => s.to_lowercase(),
        Some('#') if "aAbBhp".contains(conv) => s.to_uppercase(),
        _ => s.to_string(),
    };
    let fill = width.unwrap_or(0).saturating_sub(s.chars().count());
    let pad = if flag == Some('0') { "0" } else { " " };
    format!("{}{s}", pad.repeat(fill))
}

/// The ISO 8601 week-numbering year and week (weeks start on Monday; week
/// 1 holds the year's first Thursday).
fn iso_week(t: &Tm) -> (i64, i64) {
    let weekday = i64::from((t.wday + 6) % 7) + 1;
    let week = (i64::from(t.yday) + 1 - weekday + 10) / 7;
    let weeks_in = |year: i64| {
        let jan1 = (weekday_of_jan1(t, year) + 6) % 7 + 1;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if jan1 == 4 || (leap && jan1 == 3) {
            53
        } else {
            52
        }
    };
    if week < 1 {
        (t.year - 1, weeks_in(t.year - 1))
    } else if week > weeks_in(t.year) {
        (t.year + 1, 1)
    } else {
        (t.year, week)
    }
}

/// The weekday (0 = Sunday) of January 1st of `year`, counted from `t`.
fn weekday_of_jan1(t: &Tm, year: i64) -> i64 {
    let days_in = |y: i64| {
        if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        }
    };
    let this_jan1 = (i64::from(t.wday) - i64::from(t.yday)).rem_euclid(7);
    match year - t.year {
        0 => this_jan1,
        -1 => (this_jan1 - days_in(year)).rem_euclid(7),
        _ => (this_jan1 + days_in(t.year)).rem_euclid(7),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_dates() {
        // 2025-06-01T09:00:00Z
        let ms = 1_748_768_400_000;
        assert_eq!(date_default(ms), "Sun Jun  1 09:00:00 UTC 2025");
        assert_eq!(strftime("%F %T %j", ms), "2025-06-01 09:00:00 152");
        assert_eq!(ls_date(ms, ms), "Jun  1 09:00");
        assert_eq!(ls_date(0, ms), "Jan  1  1970");
    }

    #[test]
    fn iso_weeks_and_gnu_flags() {
        // 2024-12-31 is in ISO week 1 of 2025; 2021-01-01 in week 53 of 2020.
        assert_eq!(strftime("%V %G %U %W", 1_735_603_200_000), "01 2025 52 53");
        assert_eq!(strftime("%V %G %g", 1_609_459_200_000), "53 2020 20");
        assert_eq!(
            strftime("%-d|%_H|%^a|%#Z|%10Y|%:z", 0),
            "1| 0|THU|utc|0000001970|+00:00"
        );
    }
}
