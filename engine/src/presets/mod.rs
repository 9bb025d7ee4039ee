//! Cluster presets: the objects a freshly started cluster has.

mod kind;
mod kind_config;
mod minikube;
mod minikube_system;
mod node;

use crate::world::World;

/// Builds a preset's objects into a new world (through the API server).
pub fn boot_minikube(world: &mut World, seed: u64) {
    minikube::boot(world, seed);
}

pub use kind_config::KindConfig;

/// `kind create cluster`: a control plane and `workers` workers.
pub fn boot_kind(world: &mut World, seed: u64, workers: usize) {
    kind::boot(world, seed, "kind", 1, workers);
}

/// `kind create cluster --config`: the config's name and nodes.
pub fn boot_kind_config(world: &mut World, seed: u64, config: &KindConfig) {
    kind::boot(
        world,
        seed,
        &config.name,
        config.control_planes.into(),
        config.workers.into(),
    );
}

/// The port the kind preset's kubeconfig points at on 127.0.0.1.
pub const KIND_HOST_PORT: u16 = kind::HOST_PORT;

/// `minikube node add`: worker `n` (2 = minikube-m02); returns its name.
pub fn add_minikube_worker(world: &mut World, n: usize) -> String {
    minikube::add_worker(world, n)
}
