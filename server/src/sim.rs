//! The one simulated cluster a server serves, and how its virtual clock
//! follows real time.

use kubeplay_engine::apiserver::ApiServer;
use kubeplay_engine::{Cluster, Preset};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// The cluster and its pacing. Lives behind a mutex ([`Shared`]); every
/// request locks it, calls [`Sim::sync`], works, and lets go before any I/O.
pub struct Sim {
    pub cluster: Cluster,
    pub seed: u64,
    /// Virtual milliseconds per real millisecond; 0 = time moves only when told.
    speed: f64,
    last: Instant,
    /// Fractions of a virtual millisecond not yet applied.
    carry: f64,
}

pub type Shared = Arc<Mutex<Sim>>;

/// Locks the simulation; a panic in an earlier request does not make it unusable.
pub fn lock(shared: &Shared) -> MutexGuard<'_, Sim> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sim {
    pub fn new(preset: Preset, seed: u64, speed: f64) -> Sim {
        Sim {
            cluster: Cluster::new(preset, seed),
            seed,
            speed: if speed.is_finite() && speed > 0.0 {
                speed
            } else {
                0.0
            },
            last: Instant::now(),
            carry: 0.0,
        }
    }

    /// Advances virtual time by the real time elapsed since the last call, × speed.
    pub fn sync(&mut self) {
        let now = Instant::now();
        let real_ms = now.duration_since(self.last).as_secs_f64() * 1000.0;
        self.last = now;
        if self.speed == 0.0 {
            return;
        }
        let ms = real_ms * self.speed + self.carry;
        let whole = ms.floor();
        self.carry = ms - whole;
        if whole >= 1.0 {
            self.cluster.tick(whole.min(1e12) as i64);
        }
    }

    /// Advances virtual time at once (the control endpoint; waiting watches).
    pub fn advance(&mut self, ms: i64) {
        self.cluster.tick(ms);
    }

    /// Lets every control loop react to the last request, without moving time.
    pub fn settle(&mut self) {
        self.cluster.world_mut().settle();
    }

    /// Whether time stands still unless told to move (speed 0).
    pub fn stepped(&self) -> bool {
        self.speed == 0.0
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    pub fn api(&self) -> &ApiServer {
        &self.cluster.world().api
    }

    pub fn api_mut(&mut self) -> &mut ApiServer {
        &mut self.cluster.world_mut().api
    }
}
