//! Kubeplay's engine: a whole Kubernetes cluster as one deterministic simulation.
//! No DOM, no wall clock, no threads, no OS randomness: it builds for native and wasm32.

pub mod api;
pub mod apiserver;
pub mod clock;
pub mod cluster;
pub mod cluster_ca;
pub mod clusters;
pub mod control_plane;
pub mod controllers;
mod docker_cli;
pub mod editor;
pub mod events;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod go_duration;
pub mod images;
mod kind_cli;
pub mod kubectl;
pub mod kubelet;
pub mod leases;
mod loop_gates;
pub mod metrics_server;
mod minikube_cli;
pub mod network;
pub mod node_os;
pub mod presets;
pub mod recorder;
pub mod rng;
pub mod scheduler;
pub mod store;
pub mod watch;
pub mod world;

pub use cluster::{Cluster, Preset, Snapshot};
pub use kubeplay_shell::{Output, Stream};
pub use presets::KindConfig;
