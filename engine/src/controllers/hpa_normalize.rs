//! How the HPA controller turns a metric's proposal into the replica count
//! it sets (`normalizeDesiredReplicas*` in horizontal.go): stabilization
//! over the recent recommendations (5 minutes for scale-down without a
//! `behavior`, the behavior's windows with one), the scale rate (at most
//! double or +4 without a behavior, the behavior's policies with one) and
//! min/max replicas, with the AbleToScale/ScalingLimited reasons and
//! messages it reports. The per-HPA memory is kept in `Memory`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `--horizontal-pod-autoscaler-downscale-stabilization`.
pub const DOWNSCALE_STABILIZATION_MS: i64 = 5 * 60 * 1000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleEvent {
    pub change: i32,
    pub at: i64,
    pub outdated: bool,
}

/// What the controller remembers about one HPA.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub recommendations: Vec<(i32, i64)>,
    pub up_events: Vec<ScaleEvent>,
    pub down_events: Vec<ScaleEvent>,
}

/// A condition to set: (type, reason, message); status True unless noted.
pub type Condition = (&'static str, bool, &'static str, &'static str);

pub struct Outcome {
    pub replicas: i32,
    pub able_to_scale: Condition,
    pub scaling_limited: Condition,
}

/// One `HPAScalingRules` as the API server defaulted it.
struct Rules {
    window_s: i64,
    select: String,
    policies: Vec<(String, i32, i64)>,
}

fn rules(v: &Value, default_window_s: i64) -> Rules {
    Rules {
        window_s: v["stabilizationWindowSeconds"]
            .as_i64()
            .unwrap_or(default_window_s),
        select: v["selectPolicy"].as_str().unwrap_or("Max").to_string(),
        policies: v["policies"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|p| {
                (
                    p["type"].as_str().unwrap_or("").to_string(),
                    p["value"].as_i64().unwrap_or(0) as i32,
                    p["periodSeconds"].as_i64().unwrap_or(0),
                )
            })
            .collect(),
    }
}

impl Memory {
    pub fn record_initial(&mut self, current: i32, now: i64) {
        if self.recommendations.is_empty() {
            self.recommendations.push((current, now));
        }
    }

    /// `normalizeDesiredReplicas` (no behavior).
    pub fn normalize(
        &mut self,
        current: i32,
        desired: i32,
        min: i32,
        max: i32,
        now: i64,
    ) -> Outcome {
        let cutoff = now - DOWNSCALE_STABILIZATION_MS;
        let mut stabilized = desired;
        let mut old = None;
        for (i, (rec, at)) in self.recommendations.iter().enumerate() {
            if *at < cutoff {
                old = Some(i);
            } else if *rec > stabilized {
                stabilized = *rec;
            }
        }
        match old {
            Some(i) => self.recommendations[i] = (desired, now),
            None => self.recommendations.push((desired, now)),
        }
        let able = if stabilized != desired {
            ("AbleToScale", true, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
        } else {
            (
                "AbleToScale",
                true,
                "ReadyForNewScale",
                "recommended size matches current size",
            )
        };
        let scale_up_limit = (2 * current).max(4);
        let (max_allowed, reason, message) = if max > scale_up_limit {
            (
                scale_up_limit,
                "ScaleUpLimit",
                "the desired replica count is increasing faster than the maximum scale rate",
            )
        } else {
            (
                max,
                "TooManyReplicas",
                "the desired replica count is more than the maximum replica count",
            )
        };
        let (replicas, reason, message) = if stabilized < min {
            (
                min,
                "TooFewReplicas",
                "the desired replica count is less than the minimum replica count",
            )
        } else if stabilized > max_allowed {
            (max_allowed, reason, message)
        } else {
            (
                stabilized,
                "DesiredWithinRange",
                "the desired count is within the acceptable range",
            )
        };
        Outcome {
            replicas,
            able_to_scale: able,
            scaling_limited: ("ScalingLimited", replicas != stabilized, reason, message),
        }
    }

    /// `normalizeDesiredReplicasWithBehaviors`.
    pub fn normalize_with_behavior(
        &mut self,
        behavior: &Value,
        current: i32,
        desired: i32,
        min: i32,
        max: i32,
        now: i64,
    ) -> Outcome {
        let up = rules(&behavior["scaleUp"], 0);
        let down = rules(&behavior["scaleDown"], DOWNSCALE_STABILIZATION_MS / 1000);
        let up_cutoff = now - up.window_s * 1000;
        let down_cutoff = now - down.window_s * 1000;
        let (mut up_rec, mut down_rec) = (desired, desired);
        let mut old = None;
        for (i, (rec, at)) in self.recommendations.iter().enumerate() {
            if *at > up_cutoff {
                up_rec = up_rec.min(*rec);
            }
            if *at > down_cutoff {
                down_rec = down_rec.max(*rec);
            }
            if *at < up_cutoff && *at < down_cutoff {
                old = Some(i);
            }
        }
        let stabilized = current.max(up_rec).min(down_rec);
        match old {
            Some(i) => self.recommendations[i] = (desired, now),
            None => self.recommendations.push((desired, now)),
        }
        let able = if stabilized == desired {
            (
                "AbleToScale",
                true,
                "ReadyForNewScale",
                "recommended size matches current size",
            )
        } else if desired >= current {
            ("AbleToScale", true, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
        } else {
            ("AbleToScale", true, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
        };
        let mut replicas = stabilized;
        let mut reason = "DesiredWithinRange";
        let mut message = "the desired count is within the acceptable range";
        if stabilized > current {
            let limit = self.scale_up_limit(current, &up, now).max(current);
            let (allowed, r, m) = if max > limit {
                (
                    limit,
                    "ScaleUpLimit",
                    "the desired replica count is increasing faster than the maximum scale rate",
                )
            } else {
                (
                    max,
                    "TooManyReplicas",
                    "the desired replica count is more than the maximum replica count",
                )
            };
            if stabilized > allowed {
                (replicas, reason, message) = (allowed, r, m);
            }
        } else if stabilized < current {
            let limit = self.scale_down_limit(current, &down, now).min(current);
            let (allowed, r, m) = if min < limit {
                (
                    limit,
                    "ScaleDownLimit",
                    "the desired replica count is decreasing faster than the maximum scale rate",
                )
            } else {
                (
                    min,
                    "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count",
                )
            };
            if stabilized < allowed {
                (replicas, reason, message) = (allowed, r, m);
            }
        }
        Outcome {
            replicas,
            able_to_scale: able,
            scaling_limited: ("ScalingLimited", replicas != stabilized, reason, message),
        }
    }

    fn changed_within(events: &[ScaleEvent], period_s: i64, now: i64) -> i32 {
        let cutoff = now - period_s * 1000;
        events
            .iter()
            .filter(|e| e.at > cutoff)
            .map(|e| e.change)
            .sum()
    }

    fn period_start(&self, current: i32, period_s: i64, now: i64) -> i32 {
        current - Self::changed_within(&self.up_events, period_s, now)
            + Self::changed_within(&self.down_events, period_s, now)
    }

    fn scale_up_limit(&self, current: i32, r: &Rules, now: i64) -> i32 {
        if r.select == "Disabled" {
            return current;
        }
        let min = r.select == "Min";
        let mut result = if min { i32::MAX } else { i32::MIN };
        for (kind, value, period) in &r.policies {
            let start = self.period_start(current, *period, now);
            let proposed = if kind == "Pods" {
                start + value
            } else {
                (f64::from(start) * (1.0 + f64::from(*value) / 100.0)).ceil() as i32
            };
            result = if min {
                result.min(proposed)
            } else {
                result.max(proposed)
            };
        }
        result
    }

    fn scale_down_limit(&self, current: i32, r: &Rules, now: i64) -> i32 {
        if r.select == "Disabled" {
            return current;
        }
        let min = r.select == "Min";
        let mut result = if min { i32::MIN } else { i32::MAX };
        for (kind, value, period) in &r.policies {
            let start = self.period_start(current, *period, now);
            let proposed = if kind == "Pods" {
                start - value
            } else {
                (f64::from(start) * (1.0 - f64::from(*value) / 100.0)) as i32
            };
            result = if min {
                result.max(proposed)
            } else {
                result.min(proposed)
            };
        }
        result
    }

    /// `storeScaleEvent`: only HPAs with a behavior keep them.
    pub fn store_scale_event(&mut self, behavior: &Value, previous: i32, new: i32, now: i64) {
        if behavior.is_null() {
            return;
        }
        let (events, rules, change) = if new > previous {
            (&mut self.up_events, &behavior["scaleUp"], new - previous)
        } else {
            (
                &mut self.down_events,
                &behavior["scaleDown"],
                previous - new,
            )
        };
        let longest = rules["policies"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p["periodSeconds"].as_i64())
            .max()
            .unwrap_or(0);
        let cutoff = now - longest * 1000;
        let mut old = None;
        for (i, e) in events.iter_mut().enumerate() {
            if e.at < cutoff {
                e.outdated = true;
            }
            if e.outdated {
                old = Some(i);
            }
        }
        let event = ScaleEvent {
            change,
            at: now,
            outdated: false,
        };
        match old {
            Some(i) => events[i] = event,
            None => events.push(event),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scale_down_waits_for_the_stabilization_window() {
        let mut m = Memory::default();
        m.record_initial(1, 0);
        let o = m.normalize(1, 5, 1, 10, 15_000);
        assert_eq!((o.replicas, o.scaling_limited.2), (4, "ScaleUpLimit"));
        let o = m.normalize(4, 1, 1, 10, 60_000);
        assert_eq!((o.replicas, o.able_to_scale.2), (5, "ScaleDownStabilized"));
        // Five minutes after the last high recommendation it may go down.
        let o = m.normalize(4, 1, 1, 10, 15_000 + DOWNSCALE_STABILIZATION_MS + 1);
        assert_eq!(o.replicas, 1);
        assert_eq!(o.scaling_limited.2, "DesiredWithinRange");
    }

    #[test]
    fn min_and_max_replicas() {
        let mut m = Memory::default();
        let o = m.normalize(2, 0, 1, 10, DOWNSCALE_STABILIZATION_MS * 2);
        assert_eq!(
            (o.replicas, o.scaling_limited.1, o.scaling_limited.2),
            (1, true, "TooFewReplicas")
        );
        let mut m = Memory::default();
        let o = m.normalize(4, 9, 1, 5, 0);
        assert_eq!((o.replicas, o.scaling_limited.2), (5, "TooManyReplicas"));
    }

    #[test]
    fn behavior_policies_limit_the_rate() {
        let behavior = json!({
            "scaleUp": {"selectPolicy": "Max", "stabilizationWindowSeconds": 0,
                "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]},
            "scaleDown": {"selectPolicy": "Max", "stabilizationWindowSeconds": 0,
                "policies": [{"type": "Percent", "value": 50, "periodSeconds": 60}]},
        });
        let mut m = Memory::default();
        let o = m.normalize_with_behavior(&behavior, 2, 6, 1, 10, 0);
        assert_eq!((o.replicas, o.scaling_limited.2), (3, "ScaleUpLimit"));
        m.store_scale_event(&behavior, 2, 3, 0);
        // Within the minute the one pod allowed is used up.
        let o = m.normalize_with_behavior(&behavior, 3, 6, 1, 10, 15_000);
        assert_eq!(o.replicas, 3);
        let o = m.normalize_with_behavior(&behavior, 3, 6, 1, 10, 61_000);
        assert_eq!(o.replicas, 4);
        // Down by at most half.
        let o = m.normalize_with_behavior(&behavior, 8, 1, 1, 10, 200_000);
        assert_eq!((o.replicas, o.scaling_limited.2), (4, "ScaleDownLimit"));
    }
}
