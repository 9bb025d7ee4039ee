//! Kubeplay's engine: a whole Kubernetes cluster as one deterministic simulation.
//! No DOM, no wall clock, no threads, no OS randomness: it builds for native and wasm32.

pub mod clock;
pub mod cluster;
pub mod events;
pub mod rng;

pub use cluster::{Cluster, Preset, Snapshot};
pub use kubeplay_shell::{Output, Stream};
pub mod api;
pub mod apiserver;
pub mod store;
pub mod controllers;
pub mod kubectl;
pub mod patch;
pub mod presets;
pub mod world;
