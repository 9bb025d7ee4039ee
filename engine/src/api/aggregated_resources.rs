//! Resources an aggregated API server (reached through an APIService)
//! serves, as its discovery lists them. They are served only while their
//! APIService is available: metrics-server's metrics.k8s.io/v1beta1
//! (`kubectl api-resources`: `nodes` NodeMetrics and `pods` PodMetrics,
//! verbs get and list, no short names).

use super::builtin_resources::BuiltinResource;

pub const METRICS_GROUP: &str = "metrics.k8s.io";
pub const METRICS_VERSION: &str = "v1beta1";

pub static METRICS_RESOURCES: &[BuiltinResource] = &[
    BuiltinResource {
        name: "nodes",
        singular: "",
        short_names: &[],
        group: METRICS_GROUP,
        version: METRICS_VERSION,
        namespaced: false,
        kind: "NodeMetrics",
        verbs: &["get", "list"],
        categories: &[],
        subresources: &[],
    },
    BuiltinResource {
        name: "pods",
        singular: "",
        short_names: &[],
        group: METRICS_GROUP,
        version: METRICS_VERSION,
        namespaced: true,
        kind: "PodMetrics",
        verbs: &["get", "list"],
        categories: &[],
        subresources: &[],
    },
];
