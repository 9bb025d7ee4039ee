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
    boot_kind_named(world, seed, "kind", (1, workers), KIND_FIRST_IP);
}

/// A kind cluster `name` with (control planes, workers) nodes whose IPs
/// start at 172.18.0.`first_ip` (`kind create cluster` from the terminal).
pub fn boot_kind_named(
    world: &mut World,
    seed: u64,
    name: &str,
    (control_planes, workers): (usize, usize),
    first_ip: usize,
) {
    let shape = kind::Shape {
        cluster: name,
        control_planes,
        workers,
        first_ip,
    };
    kind::boot(world, seed, &shape);
}

/// The host number of the first kind node's IP (172.18.0.2).
pub const KIND_FIRST_IP: usize = kind::FIRST_IP;

/// `kind create cluster --config`: the config's name and nodes.
pub fn boot_kind_config(world: &mut World, seed: u64, config: &KindConfig) {
    boot_kind_named(
        world,
        seed,
        &config.name,
        (config.control_planes.into(), config.workers.into()),
        KIND_FIRST_IP,
    );
}

/// The port the kind preset's kubeconfig points at on 127.0.0.1.
pub const KIND_HOST_PORT: u16 = kind::HOST_PORT;

/// `minikube node add`: worker `n` (2 = minikube-m02); returns its name.
pub fn add_minikube_worker(world: &mut World, n: usize) -> String {
    minikube::add_worker(world, n)
}
