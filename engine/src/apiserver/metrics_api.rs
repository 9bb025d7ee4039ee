//! metrics.k8s.io/v1beta1 as metrics-server serves it through the
//! aggregator: PodMetrics and NodeMetrics built at request time from the
//! points of metrics-server's last two scrapes (`Storage`). A pod is listed
//! when the pod list (with the request's selectors) finds it and every one
//! of its containers has two points; labels come from the pod or node,
//! `creationTimestamp` is the request's time, `window` the time between the
//! points.

use super::{ApiServer, ListOptions};
use crate::api::aggregated_resources::METRICS_GROUP;
use crate::api::quantity::canonical;
use crate::api::registry::ApiResource;
use crate::api::status::StatusDetails;
use crate::api::{meta, Status};
use crate::clock::Time;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// One container's usage as served.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerPoint {
    pub name: String,
    pub cpu_nanocores: u64,
    pub memory_bytes: u64,
}

/// A pod or node with usable points: usage at `timestamp` over `window_ms`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    pub namespace: String,
    pub name: String,
    pub timestamp: i64,
    pub window_ms: i64,
    pub containers: Vec<ContainerPoint>,
}

/// What metrics-server holds in memory (lost when its container restarts).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storage {
    /// The metrics-server container this memory belongs to: pod uid and start.
    pub instance: Option<(String, i64)>,
    pub last_scrape: Option<i64>,
    /// The last scrape's raw points: (namespace, pod, container) → start time.
    pub last_points: Vec<(String, String, String, i64)>,
    pub last_nodes: Vec<String>,
    pub pods: Vec<Served>,
    /// Nodes: one pseudo-container holding the node's usage.
    pub nodes: Vec<Served>,
}

/// Go's `time.Duration.String()` for whole milliseconds (`1m0s`, `45.5s`).
pub fn go_duration(ms: i64) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let secs = if rest % 1000 == 0 {
        format!("{}s", rest / 1000)
    } else {
        let s = format!("{}.{:03}", rest / 1000, rest % 1000);
        format!("{}s", s.trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

fn cpu(nanocores: u64) -> String {
    canonical(&format!("{nanocores}n"))
}

fn memory(bytes: u64) -> String {
    if bytes.is_multiple_of(1024) {
        canonical(&format!("{}Ki", bytes / 1024))
    } else {
        bytes.to_string()
    }
}

fn not_found(kind: &str, name: &str) -> Status {
    Status {
        code: 404,
        reason: "NotFound".into(),
        message: format!("{kind}.{METRICS_GROUP} \"{name}\" not found"),
        details: Some(Box::new(StatusDetails {
            name: name.into(),
            group: METRICS_GROUP.into(),
            kind: kind.into(),
            causes: vec![],
        })),
    }
}

impl ApiServer {
    fn core(&self, name: &str) -> Option<ApiResource> {
        self.registry
            .resources()
            .iter()
            .find(|r| r.group.is_empty() && r.name == name)
            .cloned()
    }

    /// Whether `r` is served by metrics-server rather than the store.
    pub(crate) fn is_metrics(r: &ApiResource) -> bool {
        r.group == METRICS_GROUP
    }

    fn metrics_object(&self, r: &ApiResource, source: &Value, m: &Served) -> Value {
        let mut metadata = Map::new();
        metadata.insert("name".into(), json!(meta::name(source)));
        if r.namespaced {
            metadata.insert("namespace".into(), json!(meta::namespace(source)));
        }
        metadata.insert("creationTimestamp".into(), json!(self.now.rfc3339()));
        if let Some(l) = source["metadata"].get("labels") {
            metadata.insert("labels".into(), l.clone());
        }
        let mut obj = json!({
            "kind": r.kind,
            "apiVersion": r.api_version(),
            "metadata": metadata,
            "timestamp": Time(m.timestamp).rfc3339(),
            "window": go_duration(m.window_ms),
        });
        let usage = |c: &ContainerPoint| json!({"cpu": cpu(c.cpu_nanocores), "memory": memory(c.memory_bytes)});
        if r.namespaced {
            obj["containers"] = m
                .containers
                .iter()
                .map(|c| json!({"name": c.name, "usage": usage(c)}))
                .collect();
        } else if let Some(c) = m.containers.first() {
            obj["usage"] = usage(c);
        }
        obj
    }

    fn served(&self, r: &ApiResource, namespace: &str, name: &str) -> Option<&Served> {
        let list = if r.namespaced {
            &self.metrics.pods
        } else {
            &self.metrics.nodes
        };
        list.iter()
            .find(|m| m.name == name && (!r.namespaced || m.namespace == namespace))
    }

    pub(crate) fn metrics_get(
        &self,
        r: &ApiResource,
        namespace: &str,
        name: &str,
    ) -> Result<Value, Status> {
        let (source_kind, kind, shown) = if r.namespaced {
            ("pods", "podmetrics", format!("{namespace}/{name}"))
        } else {
            ("nodes", "nodemetrics", name.to_string())
        };
        let source = self
            .core(source_kind)
            .and_then(|s| self.store.get(&Self::key(&s, namespace, name)).cloned());
        match (source, self.served(r, namespace, name)) {
            (Some(source), Some(m)) => Ok(self.metrics_object(r, &source, m)),
            _ => Err(not_found(kind, &shown)),
        }
    }

    pub(crate) fn metrics_list(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
    ) -> Result<Vec<Value>, Status> {
        let source_kind = if r.namespaced { "pods" } else { "nodes" };
        let Some(source) = self.core(source_kind) else {
            return Ok(vec![]);
        };
        let sources = self.store_list(&source, namespace, opts)?;
        Ok(sources
            .iter()
            .filter_map(|s| {
                let m = self.served(r, meta::namespace(s), meta::name(s))?;
                Some(self.metrics_object(r, s, m))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_prints_them() {
        assert_eq!(go_duration(60_000), "1m0s");
        assert_eq!(go_duration(15_000), "15s");
        assert_eq!(go_duration(45_500), "45.5s");
        assert_eq!(go_duration(3_723_010), "1h2m3.01s");
    }

    #[test]
    fn quantities_as_metrics_server_builds_them() {
        assert_eq!(cpu(2_000_000), "2m");
        assert_eq!(cpu(0), "0");
        assert_eq!(memory(3 * 1024 * 1024), "3Mi");
        assert_eq!(memory(512 * 1024), "512Ki");
    }
}
