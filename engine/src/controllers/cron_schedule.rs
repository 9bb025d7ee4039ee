//! Cron schedules as the CronJob controller parses them (robfig/cron v3
//! `ParseStandard`): five fields (minute hour day-of-month month
//! day-of-week) with lists, ranges, steps, `*`/`?`, month and weekday names,
//! the `@yearly`…`@hourly` descriptors, `@every <duration>`, and an optional
//! `TZ=`/`CRON_TZ=` prefix.

use super::time_zone::{self, Zone};
use crate::clock::{civil_from_days, days_from_civil};

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    minutes: u64,
    hours: u64,
    dom: u64,
    months: u64,
    dow: u64,
    /// `*` (or `?`) in day-of-month or day-of-week: both day fields must match.
    day_star: bool,
    zone: Zone,
    /// `@every`: a fixed interval in seconds instead of fields.
    every: Option<i64>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

struct Bounds {
    min: u32,
    max: u32,
    names: &'static [&'static str],
    name_base: u32,
}

const MINUTE: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
    name_base: 0,
};
const HOUR: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
    name_base: 0,
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
    name_base: 0,
};
const MONTH: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &MONTHS,
    name_base: 1,
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &DAYS,
    name_base: 0,
};

fn value(s: &str, b: &Bounds) -> Result<u32, String> {
    let lower = s.to_ascii_lowercase();
    if let Some(i) = b.names.iter().position(|n| *n == lower) {
        return Ok(i as u32 + b.name_base);
    }
    s.parse::<u32>().map_err(|_| {
        format!("failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax")
    })
}

/// One comma-separated part: `*`, `a`, `a-b`, each with an optional `/step`.
fn range(expr: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let (span, step) = match expr.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (expr, None),
    };
    if expr.matches('/').count() > 1 {
        return Err(format!("too many slashes: {expr}"));
    }
    let star = span == "*" || span == "?";
    let (start, end) = if star {
        (b.min, b.max)
    } else {
        match span.split_once('-') {
            Some((a, z)) => {
                if z.contains('-') {
                    return Err(format!("too many hyphens: {expr}"));
                }
                (value(a, b)?, value(z, b)?)
            }
            None => {
                let v = value(span, b)?;
                (v, if step.is_some() { b.max } else { v })
            }
        }
    };
    let step = match step {
        Some(s) => {
            let v = s.parse::<u32>().map_err(|_| {
                format!(
                    "failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax"
                )
            })?;
            if v == 0 {
                return Err(format!("step of range should be a positive number: {expr}"));
            }
            v
        }
        None => 1,
    };
    if start < b.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    let mut bits = 0u64;
    let mut v = start;
    while v <= end {
        bits |= 1 << v;
        v += step;
    }
    Ok((bits, star && step == 1))
}

fn field(text: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let mut bits = 0;
    let mut star = false;
    for part in text.split(',') {
        let (b2, s) = range(part, b)?;
        bits |= b2;
        star |= s;
    }
    Ok((bits, star))
}

impl Schedule {
    pub fn parse(spec: &str) -> Result<Schedule, String> {
        let spec = spec.trim();
        if spec.is_empty() {
            return Err("empty spec string".into());
        }
        let mut zone = time_zone::UTC;
        let mut rest = spec;
        if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
            let (tz, r) = spec.split_once(' ').unwrap_or((spec, ""));
            let name = tz.split_once('=').map(|x| x.1).unwrap_or("");
            zone =
                time_zone::load(name).map_err(|e| format!("provided bad location {name}: {e}"))?;
            rest = r.trim();
        }
        let fields: Vec<&str> = if let Some(d) = rest.strip_prefix('@') {
            if let Some(dur) = d.strip_prefix("every ") {
                let secs = crate::go_duration::parse_ms(dur.trim())
                    .map_err(|e| format!("failed to parse duration {rest}: {e}"))?
                    / 1000;
                return Ok(Schedule {
                    minutes: 0,
                    hours: 0,
                    dom: 0,
                    months: 0,
                    dow: 0,
                    day_star: false,
                    zone,
                    every: Some(secs.max(1)),
                });
            }
            match d {
                "yearly" | "annually" => vec!["0", "0", "1", "1", "*"],
                "monthly" => vec!["0", "0", "1", "*", "*"],
                "weekly" => vec!["0", "0", "*", "*", "0"],
                "daily" | "midnight" => vec!["0", "0", "*", "*", "*"],
                "hourly" => vec!["0", "*", "*", "*", "*"],
                _ => return Err(format!("unrecognized descriptor: {rest}")),
            }
        } else {
            rest.split_whitespace().collect()
        };
        if fields.len() != 5 {
            return Err(format!(
                "expected exactly 5 fields, found {}: [{}]",
                fields.len(),
                fields.join(" ")
            ));
        }
        let (minutes, _) = field(fields[0], &MINUTE)?;
        let (hours, _) = field(fields[1], &HOUR)?;
        let (dom, dom_star) = field(fields[2], &DOM)?;
        let (months, _) = field(fields[3], &MONTH)?;
        let (dow, dow_star) = field(fields[4], &DOW)?;
        Ok(Schedule {
            minutes,
            hours,
            dom,
            months,
            dow,
            day_star: dom_star || dow_star,
            zone,
            every: None,
        })
    }

    /// The schedule in the CronJob's `timeZone` (a `TZ=` prefix wins).
    pub fn in_zone(mut self, zone: Zone, schedule_has_tz: bool) -> Schedule {
        if !schedule_has_tz {
            self.zone = zone;
        }
        self
    }

    fn day_matches(&self, days: i64) -> bool {
        let (_, _, d) = civil_from_days(days);
        let weekday = (days + 4).rem_euclid(7);
        let dom = self.dom & (1 << d) != 0;
        let dow = self.dow & (1 << weekday) != 0;
        if self.day_star {
            dom && dow
        } else {
            dom || dow
        }
    }

    /// The first activation strictly after `after` (unix seconds), or None
    /// within five years (as robfig gives up).
    pub fn next(&self, after: i64) -> Option<i64> {
        if let Some(every) = self.every {
            // `@every` rounds down to whole seconds and starts from `after`.
            return Some(after + every);
        }
        let local = after + self.zone.offset_at(after);
        let start = (local.div_euclid(60) + 1) * 60;
        let first_day = start.div_euclid(86_400);
        for day in first_day..first_day + 5 * 366 {
            let (_, m, _) = civil_from_days(day);
            if self.months & (1 << m) == 0 || !self.day_matches(day) {
                continue;
            }
            for h in 0..24i64 {
                if self.hours & (1 << h) == 0 {
                    continue;
                }
                for min in 0..60i64 {
                    if self.minutes & (1 << min) == 0 {
                        continue;
                    }
                    let t = day * 86_400 + h * 3600 + min * 60;
                    if t >= start {
                        let utc = self.zone.to_utc(t);
                        if utc > after {
                            return Some(utc);
                        }
                    }
                }
            }
        }
        let _ = days_from_civil;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_748_768_400; // 2025-06-01T09:00:00Z, a Sunday

    #[test]
    fn every_minute_and_steps() {
        let s = Schedule::parse("* * * * *").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 60));
        assert_eq!(s.next(T0 + 1), Some(T0 + 60));
        let s = Schedule::parse("*/5 * * * *").unwrap();
        assert_eq!(s.next(T0 + 60), Some(T0 + 300));
        let s = Schedule::parse("10-20/5 9 * * *").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 600));
    }

    #[test]
    fn descriptors_names_and_days() {
        let s = Schedule::parse("@hourly").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 3600));
        let s = Schedule::parse("@daily").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 15 * 3600));
        // Monday 00:00 after Sunday 09:00.
        let s = Schedule::parse("0 0 * * MON").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 15 * 3600));
        // dom and dow both restricted: either matches (the 1st is Sunday, today).
        let s = Schedule::parse("0 10 1 * 1").unwrap();
        assert_eq!(s.next(T0), Some(T0 + 3600));
        let s = Schedule::parse("0 2 * JAN-mar *").unwrap();
        assert!(s.next(T0).is_some());
    }

    #[test]
    fn time_zones() {
        let s = Schedule::parse("CRON_TZ=Asia/Tokyo 0 19 * * *").unwrap();
        // 19:00 JST is 10:00 UTC.
        assert_eq!(s.next(T0), Some(T0 + 3600));
        let tz = time_zone::load("America/New_York").unwrap();
        let s = Schedule::parse("0 6 * * *").unwrap().in_zone(tz, false);
        // 06:00 EDT is 10:00 UTC.
        assert_eq!(s.next(T0), Some(T0 + 3600));
    }

    #[test]
    fn errors_read_like_robfig() {
        assert_eq!(
            Schedule::parse("* * *").unwrap_err(),
            "expected exactly 5 fields, found 3: [* * *]"
        );
        assert_eq!(
            Schedule::parse("60 * * * *").unwrap_err(),
            "end of range (60) above maximum (59): 60"
        );
        assert!(Schedule::parse("@fortnightly").is_err());
        assert_eq!(
            Schedule::parse("@every 5m").unwrap().next(T0),
            Some(T0 + 300)
        );
    }
}
