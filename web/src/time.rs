//! The page's time controls: how fast the cluster's clock follows the
//! wall clock (1x, 10x, 60x), pause, and step. The engine stays
//! deterministic: the page only chooses how many milliseconds to tick.

use serde::{Deserialize, Serialize};

/// How far the step button moves a cluster, in milliseconds.
pub const STEP_MS: i64 = 10_000;
/// The most wall-clock time one tick accounts for: a tab the browser put to
/// sleep (or a suspended laptop) wakes to a bounded jump, not hours at once.
const MAX_GAP_MS: f64 = 60_000.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speed {
    #[default]
    X1,
    X10,
    X60,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::X1, Speed::X10, Speed::X60];

    pub fn factor(self) -> f64 {
        match self {
            Speed::X1 => 1.0,
            Speed::X10 => 10.0,
            Speed::X60 => 60.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::X1 => "1×",
            Speed::X10 => "10×",
            Speed::X60 => "60×",
        }
    }
}

/// What the control bar sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeControl {
    pub speed: Speed,
    pub paused: bool,
}

/// Turns wall-clock instants (`performance.now()`) into cluster
/// milliseconds to tick, carrying fractions so that no time is lost.
#[derive(Clone, Debug, Default)]
pub struct Pacer {
    last: Option<f64>,
    carry: f64,
}

impl Pacer {
    /// The cluster milliseconds that passed since the last call.
    pub fn elapsed(&mut self, now: f64, control: TimeControl) -> i64 {
        let real = match self.last.replace(now) {
            Some(last) => (now - last).clamp(0.0, MAX_GAP_MS),
            None => 0.0,
        };
        if control.paused {
            self.carry = 0.0;
            return 0;
        }
        let scaled = real * control.speed.factor() + self.carry;
        let whole = scaled.floor();
        self.carry = scaled - whole;
        whole as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn at(speed: Speed) -> TimeControl {
        TimeControl {
            speed,
            paused: false,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn speed_scales_wall_clock_time() {
        let mut p = Pacer::default();
        assert_eq!(p.elapsed(1000.0, at(Speed::X1)), 0, "the first call starts");
        assert_eq!(p.elapsed(1100.0, at(Speed::X1)), 100);
        assert_eq!(p.elapsed(1200.0, at(Speed::X10)), 1000);
        assert_eq!(p.elapsed(1300.0, at(Speed::X60)), 6000);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fractions_are_carried() {
        let mut p = Pacer::default();
        p.elapsed(0.0, at(Speed::X1));
        let total: i64 = (1..=10)
            .map(|i| p.elapsed(i as f64 * 100.25, at(Speed::X1)))
            .sum();
        assert_eq!(total, 1002);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn paused_time_does_not_count_and_gaps_are_bounded() {
        let mut p = Pacer::default();
        let paused = TimeControl {
            speed: Speed::X60,
            paused: true,
        };
        p.elapsed(0.0, at(Speed::X1));
        assert_eq!(p.elapsed(5000.0, paused), 0);
        assert_eq!(p.elapsed(5100.0, at(Speed::X1)), 100, "resumes from now");
        assert_eq!(p.elapsed(3_605_100.0, at(Speed::X1)), 60_000);
        assert_eq!(p.elapsed(3_605_000.0, at(Speed::X1)), 0, "never backwards");
    }
}
