//! metrics-server and the aggregator's view of it.
//!
//! The aggregator checks every APIService backed by a Service: Available
//! once the Service has a ready endpoint on the named port, with the
//! remote-availability controller's reasons and messages otherwise; while
//! `v1beta1.metrics.k8s.io` is available the API server serves
//! metrics.k8s.io (discovery included).
//!
//! A running metrics-server container (its image, in any namespace) scrapes
//! every kubelet when it starts and then once per `--metric-resolution`
//! (default 60s). As its storage does, it keeps the last points: a
//! container is served once it has two points with the same start time, or
//! one point between 10s and the resolution after its start (its start then
//! counts as the earlier point); a pod only when all its containers are;
//! a node from its second scrape. Usage is the kubelets' rate at the scrape
//! time; the window is the time between the two points. Its memory dies
//! with the container.

use crate::api::aggregated_resources::{METRICS_GROUP, METRICS_VERSION};
use crate::api::meta;
use crate::apiserver::metrics_api::{ContainerPoint, Served, Storage};
use crate::apiserver::{ApiServer, ListOptions};
use crate::kubelet::Kubelet;
use serde_json::{json, Value};

pub const IMAGE: &str = "registry.k8s.io/metrics-server/metrics-server";
const DEFAULT_RESOLUTION_MS: i64 = 60_000;
/// `freshContainerMinMetricsResolution`.
const FRESH_CONTAINER_MIN_MS: i64 = 10_000;

pub fn reconcile(api: &mut ApiServer, kubelets: &[Kubelet]) {
    check_apiservices(api);
    scrape_if_due(api, kubelets);
}

/// The next scrape, if a metrics-server runs.
pub fn next_wakeup(api: &ApiServer, kubelets: &[Kubelet]) -> Option<i64> {
    let (_, started, resolution) = instance(kubelets)?;
    Some(match api.metrics.last_scrape {
        Some(t)
            if api
                .metrics
                .instance
                .as_ref()
                .is_some_and(|i| i.1 == started) =>
        {
            t + resolution
        }
        _ => started,
    })
}

/// The running metrics-server: pod uid, container start, resolution.
fn instance(kubelets: &[Kubelet]) -> Option<(String, i64, i64)> {
    kubelets
        .iter()
        .flat_map(|k| k.running_image(IMAGE))
        .min_by_key(|(uid, started, _)| (*started, uid.clone()))
        .map(|(uid, started, argv)| {
            let resolution = argv
                .iter()
                .find_map(|a| a.strip_prefix("--metric-resolution="))
                .and_then(parse_duration_ms)
                .unwrap_or(DEFAULT_RESOLUTION_MS);
            (uid, started, resolution)
        })
}

/// `15s`, `1m`, `1m30s`, `500ms` as Go's ParseDuration reads them.
pub fn parse_duration_ms(s: &str) -> Option<i64> {
    let mut total = 0.0;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let n: f64 = rest[..n_end].parse().ok()?;
        let tail = &rest[n_end..];
        let (factor, len) = if tail.starts_with("ms") {
            (1.0, 2)
        } else if tail.starts_with('s') {
            (1000.0, 1)
        } else if tail.starts_with('m') {
            (60_000.0, 1)
        } else if tail.starts_with('h') {
            (3_600_000.0, 1)
        } else {
            return None;
        };
        total += n * factor;
        rest = &tail[len..];
    }
    (total >= 1.0).then_some(total as i64)
}

fn scrape_if_due(api: &mut ApiServer, kubelets: &[Kubelet]) {
    let now = api.now().0;
    let Some((uid, started, resolution)) = instance(kubelets) else {
        if api.metrics != Storage::default() {
            api.metrics = Storage::default();
        }
        return;
    };
    if api.metrics.instance != Some((uid.clone(), started)) {
        api.metrics = Storage {
            instance: Some((uid, started)),
            ..Default::default()
        };
    }
    let due = api.metrics.last_scrape.map_or(started, |t| t + resolution);
    if now < due {
        return;
    }
    let storage = &mut api.metrics;
    let last = storage.last_scrape;
    let mut points = vec![];
    let mut pods = vec![];
    let mut nodes = vec![];
    for k in kubelets {
        let mut node_cpu = 0;
        let mut node_memory = 0;
        for pod in k.usage(now) {
            let mut containers = vec![];
            let mut window = None;
            let mut complete = true;
            for c in &pod.containers {
                node_cpu += c.cpu_nanocores;
                node_memory += c.memory_bytes;
                points.push((
                    pod.namespace.clone(),
                    pod.name.clone(),
                    c.name.clone(),
                    c.started_at,
                ));
                let had_point = storage.last_points.iter().any(|(ns, p, n, s)| {
                    *ns == pod.namespace && *p == pod.name && *n == c.name && *s == c.started_at
                });
                let age = now - c.started_at;
                let w = if (FRESH_CONTAINER_MIN_MS..resolution).contains(&age) {
                    Some(age)
                } else if had_point {
                    last.map(|t| now - t)
                } else {
                    None
                };
                match w {
                    Some(w) => {
                        window.get_or_insert(w);
                        containers.push(ContainerPoint {
                            name: c.name.clone(),
                            cpu_nanocores: c.cpu_nanocores,
                            memory_bytes: c.memory_bytes,
                        });
                    }
                    None => complete = false,
                }
            }
            if let (true, Some(window_ms)) = (complete, window) {
                pods.push(Served {
                    namespace: pod.namespace,
                    name: pod.name,
                    timestamp: now,
                    window_ms,
                    containers,
                });
            }
        }
        if let (Some(t), true) = (last, storage.last_nodes.contains(&k.node)) {
            nodes.push(Served {
                namespace: String::new(),
                name: k.node.clone(),
                timestamp: now,
                window_ms: now - t,
                containers: vec![ContainerPoint {
                    name: String::new(),
                    cpu_nanocores: node_cpu,
                    memory_bytes: node_memory,
                }],
            });
        }
    }
    storage.last_points = points;
    storage.last_nodes = kubelets.iter().map(|k| k.node.clone()).collect();
    storage.last_scrape = Some(now);
    storage.pods = pods;
    storage.nodes = nodes;
}

/// The aggregator's remote availability check of each APIService with a
/// Service, and serving metrics.k8s.io while its APIService is available.
fn check_apiservices(api: &mut ApiServer) {
    let Some(r) = api
        .registry()
        .resolve("apiservices.apiregistration.k8s.io")
        .cloned()
    else {
        return;
    };
    let services = api
        .list(&r, None, &ListOptions::default())
        .unwrap_or_default();
    let mut metrics_available = false;
    for svc in services {
        let Some(service) = meta::at(&svc, &["spec", "service"]).filter(|s| s.is_object()) else {
            continue;
        };
        let (reason, message) = availability(api, service);
        let available = reason == "Passed";
        if meta::name(&svc) == format!("{METRICS_VERSION}.{METRICS_GROUP}") {
            metrics_available = available;
        }
        let status = if available { "True" } else { "False" };
        let current = meta::at(&svc, &["status", "conditions"])
            .and_then(Value::as_array)
            .and_then(|cs| cs.iter().find(|c| c["type"] == "Available"));
        let unchanged = current.is_some_and(|c| {
            c["status"] == status && c["reason"] == reason && c["message"] == message.as_str()
        });
        if unchanged {
            continue;
        }
        let since = match current {
            Some(c) if c["status"] == status => c["lastTransitionTime"].clone(),
            _ => json!(api.now().rfc3339()),
        };
        let mut next = svc.clone();
        next["status"] = json!({"conditions": [{
            "lastTransitionTime": since,
            "message": message,
            "reason": reason,
            "status": status,
            "type": "Available",
        }]});
        let _ = api.update_status(&r, "", next);
    }
    api.registry_mut().serve_metrics(metrics_available);
}

/// (reason, message) of the Available condition for a Service-backed APIService.
fn availability(api: &ApiServer, service: &Value) -> (&'static str, String) {
    let ns = service["namespace"].as_str().unwrap_or("");
    let name = service["name"].as_str().unwrap_or("");
    let port = service["port"].as_i64().unwrap_or(443);
    let get = |kind: &str| {
        let r = api.registry().resolve(kind)?.clone();
        api.get(&r, ns, name).ok()
    };
    let Some(svc) = get("services") else {
        return (
            "ServiceNotFound",
            format!("service/{name} in {ns:?} is not present"),
        );
    };
    let ports = meta::at(&svc, &["spec", "ports"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let Some(port_name) = ports
        .iter()
        .find(|p| p["port"].as_i64() == Some(port))
        .map(|p| p["name"].as_str().unwrap_or("").to_string())
    else {
        return (
            "ServicePortError",
            format!("service/{name} in {ns:?} is not listening on port {port}"),
        );
    };
    let Some(endpoints) = get("endpoints") else {
        return (
            "EndpointsNotFound",
            format!("cannot find endpoints for service/{name} in {ns:?}"),
        );
    };
    let ready = meta::at(&endpoints, &["subsets"])
        .and_then(Value::as_array)
        .is_some_and(|subsets| {
            subsets.iter().any(|s| {
                s["addresses"].as_array().is_some_and(|a| !a.is_empty())
                    && s["ports"].as_array().is_some_and(|ps| {
                        ps.iter()
                            .any(|p| p["name"].as_str().unwrap_or("") == port_name)
                    })
            })
        });
    if !ready {
        return (
            "MissingEndpoints",
            format!(
                "endpoints for service/{name} in {ns:?} have no addresses with port name {port_name:?}"
            ),
        );
    }
    ("Passed", "all checks passed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolutions_as_go_durations() {
        assert_eq!(parse_duration_ms("60s"), Some(60_000));
        assert_eq!(parse_duration_ms("15s"), Some(15_000));
        assert_eq!(parse_duration_ms("1m30s"), Some(90_000));
        assert_eq!(parse_duration_ms("x"), None);
        assert_eq!(parse_duration_ms(""), None);
    }
}
