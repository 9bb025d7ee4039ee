//! Virtual time. The engine never reads the wall clock: the host advances the
//! `Clock` (the browser from a timer, the CLI from real time or `sleep`, tests
//! by jumping forward).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the Unix epoch, in virtual time.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Time(pub i64);

/// The moment every cluster starts at: a fixed date, so output never depends on when it ran.
pub const EPOCH: Time = Time(1_748_768_400_000); // 2025-06-01T09:00:00Z

impl Time {
    pub fn from_secs(s: i64) -> Time {
        Time(s * 1000)
    }
    pub fn secs(self) -> i64 {
        self.0.div_euclid(1000)
    }
    pub fn plus_millis(self, ms: i64) -> Time {
        Time(self.0 + ms)
    }
    pub fn plus_secs(self, s: i64) -> Time {
        Time(self.0 + s * 1000)
    }

    /// RFC 3339 with whole seconds and `Z`, as Kubernetes writes metav1.Time.
    pub fn rfc3339(self) -> String {
        let secs = self.secs();
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            y,
            m,
            d,
            rem / 3600,
            (rem / 60) % 60,
            rem % 60
        )
    }

    /// Parses the RFC 3339 form `rfc3339` writes (also accepts fractional seconds and offsets).
    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(|c| c.is_ascii_digit()).count();
            rest = &frac[n..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 => {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (rest.get(1..3)?.parse::<i64>().ok()? * 3600
                    + rest.get(4..6)?.parse::<i64>().ok()? * 60)
            }
            _ => return None,
        };
        let days = days_from_civil(y, mo, d);
        Some(Time::from_secs(
            days * 86_400 + h * 3600 + mi * 60 + se - offset,
        ))
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

/// The cluster's clock: only ever moves forward, and only when the host says so.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clock {
    now: Time,
}

impl Clock {
    pub fn starting_at(t: Time) -> Clock {
        Clock { now: t }
    }
    pub fn now(&self) -> Time {
        self.now
    }
    pub fn advance_millis(&mut self, ms: i64) {
        if ms > 0 {
            self.now = self.now.plus_millis(ms);
        }
    }
}

// Howard Hinnant's civil calendar algorithms.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_prints_as_rfc3339() {
        assert_eq!(EPOCH.rfc3339(), "2025-06-01T09:00:00Z");
        assert_eq!(Time(0).rfc3339(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn rfc3339_round_trips() {
        let t = EPOCH.plus_secs(86_400 * 400 + 3_723);
        assert_eq!(Time::parse_rfc3339(&t.rfc3339()), Some(t));
        assert_eq!(
            Time::parse_rfc3339("2025-06-01T10:00:00+01:00"),
            Some(EPOCH)
        );
        assert_eq!(Time::parse_rfc3339("garbage"), None);
    }
}
