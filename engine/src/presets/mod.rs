//! Cluster presets: the objects a freshly started cluster has.

mod kind;
mod minikube;
mod minikube_system;
mod node;

use crate::world::World;

/// Builds a preset's objects into a new world (through the API server).
pub fn boot_minikube(world: &mut World, seed: u64) {
    minikube::boot(world, seed);
}

/// `kind create cluster`: a control plane and `workers` workers.
pub fn boot_kind(world: &mut World, seed: u64, workers: usize) {
    kind::boot(world, seed, workers);
}

/// The port the kind preset's kubeconfig points at on 127.0.0.1.
pub const KIND_HOST_PORT: u16 = kind::HOST_PORT;
