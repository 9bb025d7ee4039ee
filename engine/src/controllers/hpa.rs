//! The HorizontalPodAutoscaler's replica calculation (the controller's
//! `GetResourceReplicas`): desired = ceil(ready pods × utilization/target),
//! no change within the 0.1 tolerance, missing metrics assumed at the
//! request (100%, or the target if higher) when scaling down and at zero
//! when scaling up, unready pods at zero when scaling up, and no scaling
//! when those assumptions flip the direction (`hpa_sync` runs the loop).

/// How the controller sees one pod of the target (its `groupPods`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PodState {
    /// Ready with a metric (millicores of usage).
    Ready(i64),
    /// Pending, or not ready within the CPU initialization period.
    Unready,
    /// Running and ready but metrics-server has nothing for it yet.
    Missing,
    /// Being deleted or Failed: left out entirely.
    Ignored,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSample {
    pub name: String,
    /// A container without a request of the resource, if any.
    pub container_without_request: Option<String>,
    /// Sum of the containers' requests of the resource (millicores).
    pub request: i64,
    pub state: PodState,
}

/// The default `--horizontal-pod-autoscaler-tolerance`.
pub const TOLERANCE: f64 = 0.1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    pub replicas: i32,
    /// Current utilization, percent of request (what TARGETS shows).
    pub utilization: i32,
    /// Average usage of the pods with metrics (millicores).
    pub raw_average: i64,
}

fn within(ratio: f64) -> bool {
    (1.0 - TOLERANCE..=1.0 + TOLERANCE).contains(&ratio)
}

/// `GetResourceUtilizationRatio`: total usage over total request, as an
/// integer percent, then over the target.
fn ratio(values: &[(i64, i64)], target: i32) -> Result<(f64, i32, i64), String> {
    let used: i64 = values.iter().map(|(u, _)| u).sum();
    let requested: i64 = values.iter().map(|(_, r)| r).sum();
    if requested == 0 {
        return Err("no metrics returned matched known pods".into());
    }
    let utilization = (used * 100 / requested) as i32;
    Ok((
        f64::from(utilization) / f64::from(target),
        utilization,
        used / values.len() as i64,
    ))
}

/// The desired replica count for a resource-utilization metric, or the
/// controller's error text.
pub fn resource_replicas(
    current: i32,
    target_utilization: i32,
    resource: &str,
    pods: &[PodSample],
) -> Result<Computed, String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let with_metrics: Vec<&PodSample> = pods
        .iter()
        .filter(|p| matches!(p.state, PodState::Ready(_)))
        .collect();
    if with_metrics.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    if let Some((p, c)) = pods
        .iter()
        .find_map(|p| Some((p, p.container_without_request.as_ref()?)))
    {
        return Err(format!(
            "missing request for {resource} in container {c} of Pod {}",
            p.name
        ));
    }
    let mut values: Vec<(i64, i64)> = with_metrics
        .iter()
        .map(|p| match p.state {
            PodState::Ready(u) => (u, p.request),
            _ => unreachable!("filtered to ready pods"),
        })
        .collect();
    let (usage_ratio, utilization, raw_average) = ratio(&values, target_utilization)?;
    let done = |replicas| Computed {
        replicas,
        utilization,
        raw_average,
    };
    let unready: Vec<&PodSample> = pods
        .iter()
        .filter(|p| p.state == PodState::Unready)
        .collect();
    let missing: Vec<&PodSample> = pods
        .iter()
        .filter(|p| p.state == PodState::Missing)
        .collect();
    let scale_up_with_unready = !unready.is_empty() && usage_ratio > 1.0;
    if !scale_up_with_unready && missing.is_empty() {
        if within(usage_ratio) {
            return Ok(done(current));
        }
        return Ok(done((usage_ratio * values.len() as f64).ceil() as i32));
    }
    if usage_ratio < 1.0 {
        let fallback = i64::from(target_utilization.max(100));
        values.extend(
            missing
                .iter()
                .map(|p| (p.request * fallback / 100, p.request)),
        );
    } else if usage_ratio > 1.0 {
        values.extend(missing.iter().map(|p| (0, p.request)));
    }
    if scale_up_with_unready {
        values.extend(unready.iter().map(|p| (0, p.request)));
    }
    let (new_ratio, _, _) = ratio(&values, target_utilization)?;
    if within(new_ratio)
        || (usage_ratio < 1.0 && new_ratio > 1.0)
        || (usage_ratio > 1.0 && new_ratio < 1.0)
    {
        return Ok(done(current));
    }
    let replicas = (new_ratio * values.len() as f64).ceil() as i32;
    if (new_ratio < 1.0 && replicas > current) || (new_ratio > 1.0 && replicas < current) {
        return Ok(done(current));
    }
    Ok(done(replicas))
}

/// `calcPlainMetricReplicas` for an AverageValue target (millis): the
/// proposal and the average usage of the pods with metrics.
pub fn raw_replicas(current: i32, target: i64, pods: &[PodSample]) -> Result<(i32, i64), String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let mut values: Vec<i64> = pods
        .iter()
        .filter_map(|p| match p.state {
            PodState::Ready(u) => Some(u),
            _ => None,
        })
        .collect();
    if values.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    let ratio_of = |vs: &[i64]| {
        let usage = vs.iter().sum::<i64>() / vs.len() as i64;
        (usage as f64 / target as f64, usage)
    };
    let (usage_ratio, usage) = ratio_of(&values);
    let unready = pods.iter().filter(|p| p.state == PodState::Unready).count();
    let missing = pods.iter().filter(|p| p.state == PodState::Missing).count();
    let scale_up_with_unready = unready > 0 && usage_ratio > 1.0;
    if !scale_up_with_unready && missing == 0 {
        if within(usage_ratio) {
            return Ok((current, usage));
        }
        return Ok(((usage_ratio * values.len() as f64).ceil() as i32, usage));
    }
    if usage_ratio < 1.0 {
        values.extend(std::iter::repeat_n(target, missing));
    } else if usage_ratio > 1.0 {
        values.extend(std::iter::repeat_n(0, missing));
    }
    if scale_up_with_unready {
        values.extend(std::iter::repeat_n(0, unready));
    }
    let (new_ratio, _) = ratio_of(&values);
    if within(new_ratio)
        || (usage_ratio < 1.0 && new_ratio > 1.0)
        || (usage_ratio > 1.0 && new_ratio < 1.0)
    {
        return Ok((current, usage));
    }
    let replicas = (new_ratio * values.len() as f64).ceil() as i32;
    if (new_ratio < 1.0 && replicas > current) || (new_ratio > 1.0 && replicas < current) {
        return Ok((current, usage));
    }
    Ok((replicas, usage))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, request: i64, state: PodState) -> PodSample {
        PodSample {
            name: name.into(),
            container_without_request: None,
            request,
            state,
        }
    }

    #[test]
    fn scales_up_in_proportion_to_utilization() {
        // php-apache under load: 250% of a 200m request, target 50%.
        let pods = [pod("a", 200, PodState::Ready(500))];
        let c = resource_replicas(1, 50, "cpu", &pods).unwrap();
        assert_eq!((c.replicas, c.utilization, c.raw_average), (5, 250, 500));
    }

    #[test]
    fn no_change_within_tolerance() {
        let pods = [
            pod("a", 100, PodState::Ready(54)),
            pod("b", 100, PodState::Ready(54)),
        ];
        assert_eq!(resource_replicas(2, 50, "cpu", &pods).unwrap().replicas, 2);
        let pods = [pod("a", 100, PodState::Ready(56))];
        assert_eq!(resource_replicas(1, 50, "cpu", &pods).unwrap().replicas, 2);
    }

    #[test]
    fn scales_down_when_idle() {
        let pods: Vec<_> = (0..4)
            .map(|i| pod(&format!("p{i}"), 200, PodState::Ready(1)))
            .collect();
        let c = resource_replicas(4, 50, "cpu", &pods).unwrap();
        assert_eq!((c.replicas, c.utilization), (0, 0));
    }

    #[test]
    fn missing_metrics_count_as_the_request_when_scaling_down() {
        // 2 pods at 10% and 2 without metrics: assumed 100%, so the
        // average is 55% against 50%: within tolerance, no change.
        let pods = [
            pod("a", 100, PodState::Ready(10)),
            pod("b", 100, PodState::Ready(10)),
            pod("c", 100, PodState::Missing),
            pod("d", 100, PodState::Missing),
        ];
        assert_eq!(resource_replicas(4, 50, "cpu", &pods).unwrap().replicas, 4);
    }

    #[test]
    fn unready_pods_count_as_zero_when_scaling_up() {
        // One pod at 200%, three starting up: (200+0+0+0)/4 = 50% of 100%
        // target flips the direction, so nothing changes.
        let pods = [
            pod("a", 100, PodState::Ready(200)),
            pod("b", 100, PodState::Unready),
            pod("c", 100, PodState::Unready),
            pod("d", 100, PodState::Unready),
        ];
        assert_eq!(resource_replicas(4, 100, "cpu", &pods).unwrap().replicas, 4);
        // At 600% the three unready pods still leave 150%: ceil(1.5 × 4) = 6.
        let pods = [
            pod("a", 100, PodState::Ready(600)),
            pod("b", 100, PodState::Unready),
            pod("c", 100, PodState::Unready),
            pod("d", 100, PodState::Unready),
        ];
        assert_eq!(resource_replicas(4, 100, "cpu", &pods).unwrap().replicas, 6);
    }

    #[test]
    fn average_value_targets() {
        // Two pods at 300m against 200m each: ceil(1.5 × 2) = 3.
        let pods = [
            pod("a", 0, PodState::Ready(300)),
            pod("b", 0, PodState::Ready(300)),
        ];
        assert_eq!(raw_replicas(2, 200, &pods).unwrap(), (3, 300));
        assert_eq!(raw_replicas(2, 290, &pods).unwrap(), (2, 300));
    }

    #[test]
    fn errors_have_the_controller_texts() {
        assert_eq!(
            resource_replicas(1, 50, "cpu", &[]).unwrap_err(),
            "no pods returned by selector while calculating replica count"
        );
        assert_eq!(
            resource_replicas(1, 50, "cpu", &[pod("a", 100, PodState::Unready)]).unwrap_err(),
            "did not receive metrics for targeted pods (pods might be unready)"
        );
    }
}
