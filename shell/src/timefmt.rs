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
pub fn strftime(fmt: &str, ms: i64) -> String {
    let t = from_millis(ms);
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&t.year.to_string()),
            Some('y') => out.push_str(&format!("{:02}", t.year.rem_euclid(100))),
            Some('C') => out.push_str(&format!("{:02}", t.year / 100)),
            Some('m') => out.push_str(&format!("{:02}", t.month)),
            Some('d') => out.push_str(&format!("{:02}", t.day)),
            Some('e') => out.push_str(&format!("{:2}", t.day)),
            Some('H') => out.push_str(&format!("{:02}", t.hour)),
            Some('I') => out.push_str(&format!("{:02}", (t.hour + 11) % 12 + 1)),
            Some('M') => out.push_str(&format!("{:02}", t.min)),
            Some('S') => out.push_str(&format!("{:02}", t.sec)),
            Some('p') => out.push_str(if t.hour < 12 { "AM" } else { "PM" }),
            Some('a') => out.push_str(DAYS[t.wday as usize]),
            Some('A') => out.push_str(LONG_DAYS[t.wday as usize]),
            Some('b') | Some('h') => out.push_str(MONTHS[(t.month - 1) as usize]),
            Some('B') => out.push_str(LONG_MONTHS[(t.month - 1) as usize]),
            Some('j') => out.push_str(&format!("{:03}", t.yday + 1)),
            Some('u') => out.push_str(&(if t.wday == 0 { 7 } else { t.wday }).to_string()),
            Some('w') => out.push_str(&t.wday.to_string()),
            Some('s') => out.push_str(&ms.div_euclid(1000).to_string()),
            Some('N') => out.push_str(&format!("{:09}", ms.rem_euclid(1000) * 1_000_000)),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('F') => out.push_str(&strftime("%Y-%m-%d", ms)),
            Some('T') => out.push_str(&strftime("%H:%M:%S", ms)),
            Some('D') => out.push_str(&strftime("%m/%d/%y", ms)),
            Some('R') => out.push_str(&strftime("%H:%M", ms)),
            Some('c') => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", ms)),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
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
}
