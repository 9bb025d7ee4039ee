//! Unix seconds to and from X.509 times: UTCTime through 2049, then
//! GeneralizedTime (RFC 5280 4.1.2.5).

use crate::PkiError;
use std::time::Duration;
use x509_cert::der::asn1::{GeneralizedTime, UtcTime};
use x509_cert::time::Time;

/// 2050-01-01T00:00:00Z.
const UTC_TIME_END: i64 = 2_524_608_000;

pub(crate) fn time_of(secs: i64) -> Result<Time, PkiError> {
    let d = Duration::from_secs(secs.max(0) as u64);
    if secs < UTC_TIME_END {
        UtcTime::from_unix_duration(d).map(Time::UtcTime)
    } else {
        GeneralizedTime::from_unix_duration(d).map(Time::GeneralTime)
    }
    .map_err(|_| PkiError::BadDer)
}

pub(crate) fn unix_of(t: &Time) -> i64 {
    t.to_unix_duration().as_secs() as i64
}
