//! Cluster presets: the objects a freshly started cluster has.

mod minikube;
mod minikube_system;

use crate::world::World;

/// Builds a preset's objects into a new world (through the API server).
pub fn boot_minikube(world: &mut World, seed: u64) {
    minikube::boot(world, seed);
}
