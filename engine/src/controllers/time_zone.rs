//! The few IANA time zones a CronJob's `timeZone` may name here: fixed
//! offsets, and the US and EU daylight-saving rules (Go's `time.LoadLocation`
//! reads the full tz database; a name not listed is "unknown").

use crate::clock::{civil_from_days, days_from_civil};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Dst {
    None,
    /// Second Sunday of March 02:00 local → first Sunday of November 02:00 local.
    Us,
    /// Last Sunday of March 01:00 UTC → last Sunday of October 01:00 UTC.
    Eu,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zone {
    /// Standard offset from UTC, in minutes.
    std_minutes: i64,
    dst: Dst,
}

pub const UTC: Zone = Zone {
    std_minutes: 0,
    dst: Dst::None,
};

const ZONES: &[(&str, i64, Dst)] = &[
    ("UTC", 0, Dst::None),
    ("Etc/UTC", 0, Dst::None),
    ("GMT", 0, Dst::None),
    ("Etc/GMT", 0, Dst::None),
    ("Asia/Tokyo", 540, Dst::None),
    ("Asia/Seoul", 540, Dst::None),
    ("Asia/Shanghai", 480, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Hong_Kong", 480, Dst::None),
    ("Asia/Taipei", 480, Dst::None),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Calcutta", 330, Dst::None),
    ("Asia/Dubai", 240, Dst::None),
    ("Asia/Jakarta", 420, Dst::None),
    ("Australia/Brisbane", 600, Dst::None),
    ("America/Phoenix", -420, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("America/New_York", -300, Dst::Us),
    ("America/Chicago", -360, Dst::Us),
    ("America/Denver", -420, Dst::Us),
    ("America/Los_Angeles", -480, Dst::Us),
    ("America/Toronto", -300, Dst::Us),
    ("America/Vancouver", -480, Dst::Us),
    ("Europe/London", 0, Dst::Eu),
    ("Europe/Dublin", 0, Dst::Eu),
    ("Europe/Lisbon", 0, Dst::Eu),
    ("Europe/Paris", 60, Dst::Eu),
    ("Europe/Berlin", 60, Dst::Eu),
    ("Europe/Madrid", 60, Dst::Eu),
    ("Europe/Rome", 60, Dst::Eu),
    ("Europe/Amsterdam", 60, Dst::Eu),
    ("Europe/Brussels", 60, Dst::Eu),
    ("Europe/Vienna", 60, Dst::Eu),
    ("Europe/Zurich", 60, Dst::Eu),
    ("Europe/Stockholm", 60, Dst::Eu),
    ("Europe/Oslo", 60, Dst::Eu),
    ("Europe/Copenhagen", 60, Dst::Eu),
    ("Europe/Warsaw", 60, Dst::Eu),
    ("Europe/Prague", 60, Dst::Eu),
    ("Europe/Athens", 120, Dst::Eu),
    ("Europe/Helsinki", 120, Dst::Eu),
    ("Europe/Kiev", 120, Dst::Eu),
    ("Europe/Kyiv", 120, Dst::Eu),
];

/// `time.LoadLocation`: `""` and `UTC` are UTC; `Etc/GMT+5` is UTC-5 (POSIX sign).
pub fn load(name: &str) -> Result<Zone, String> {
    if name.is_empty() {
        return Ok(UTC);
    }
    if let Some((_, m, dst)) = ZONES.iter().find(|(n, _, _)| *n == name) {
        return Ok(Zone {
            std_minutes: *m,
            dst: *dst,
        });
    }
    if let Some(rest) = name.strip_prefix("Etc/GMT") {
        if let Ok(h) = rest.parse::<i64>() {
            if (-14..=12).contains(&h) && (rest.starts_with('+') || rest.starts_with('-')) {
                return Ok(Zone {
                    std_minutes: -h * 60,
                    dst: Dst::None,
                });
            }
        }
    }
    Err(format!("unknown time zone {name}"))
}

/// Unix seconds of `hour:00` UTC on the `nth` (1-based; 0 = last) Sunday of a month.
fn sunday(year: i64, month: i64, nth: i64, hour_utc: i64) -> i64 {
    let day = if nth == 0 {
        let last = days_from_civil(year, month + 1, 1) - 1;
        last - (last + 4).rem_euclid(7) // 1970-01-01 was a Thursday (weekday 4).
    } else {
        let first = days_from_civil(year, month, 1);
        first + (7 - (first + 4).rem_euclid(7)) % 7 + (nth - 1) * 7
    };
    day * 86_400 + hour_utc * 3600
}

impl Zone {
    /// Offset from UTC in seconds at the UTC instant `t` (unix seconds).
    pub fn offset_at(&self, t: i64) -> i64 {
        let std = self.std_minutes * 60;
        let (year, _, _) = civil_from_days(t.div_euclid(86_400));
        let summer = match self.dst {
            Dst::None => false,
            Dst::Us => {
                // 02:00 local standard time, 02:00 local daylight time.
                let start = sunday(year, 3, 2, 0) + 2 * 3600 - std;
                let end = sunday(year, 11, 1, 0) + 2 * 3600 - (std + 3600);
                (start..end).contains(&t)
            }
            Dst::Eu => (sunday(year, 3, 0, 1)..sunday(year, 10, 0, 1)).contains(&t),
        };
        std + if summer { 3600 } else { 0 }
    }

    /// The UTC instant of a local wall-clock time (unix seconds, local).
    pub fn to_utc(&self, local: i64) -> i64 {
        let guess = local - self.offset_at(local - self.std_minutes * 60);
        local - self.offset_at(guess)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_daylight_saving() {
        let ny = load("America/New_York").unwrap();
        // 2025-06-01T12:00:00Z is summer (EDT, -4h); 2025-01-15 is winter (EST, -5h).
        assert_eq!(ny.offset_at(1_748_779_200), -4 * 3600);
        assert_eq!(ny.offset_at(1_736_942_400), -5 * 3600);
        let paris = load("Europe/Paris").unwrap();
        assert_eq!(paris.offset_at(1_748_779_200), 2 * 3600);
        assert_eq!(load("Etc/GMT+5").unwrap().offset_at(0), -5 * 3600);
        assert_eq!(
            load("Mars/Olympus"),
            Err("unknown time zone Mars/Olympus".into())
        );
    }
}
