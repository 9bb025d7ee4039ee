//! The running cluster without its terminal: clock, API server and the
//! control loops. Time moves only through `advance`.

use crate::apiserver::ApiServer;
use crate::clock::{Clock, Time};
use crate::controllers;
use crate::kubelet::Kubelet;
use crate::scheduler::Scheduler;
use serde::{Deserialize, Serialize};

/// Controllers run at least this often (virtual milliseconds).
const STEP_MS: i64 = 1000;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct World {
    clock: Clock,
    pub api: ApiServer,
    pub scheduler: Scheduler,
    pub kubelets: Vec<Kubelet>,
}

impl World {
    pub fn new(seed: u64, start: Time) -> World {
        World {
            clock: Clock::starting_at(start),
            api: ApiServer::new(seed, start),
            scheduler: Scheduler::default(),
            kubelets: vec![],
        }
    }

    pub fn now(&self) -> Time {
        self.clock.now()
    }

    /// Moves time forward by `ms`, letting every controller react along the way.
    pub fn advance(&mut self, ms: i64) {
        let mut left = ms.max(0);
        while left > 0 {
            let step = left.min(STEP_MS);
            self.clock.advance_millis(step);
            left -= step;
            self.api.set_now(self.clock.now());
            self.reconcile();
        }
    }

    /// Advances in steps until `done` holds or `timeout_ms` passes; true if it held.
    pub fn advance_until(&mut self, timeout_ms: i64, mut done: impl FnMut(&World) -> bool) -> bool {
        let mut waited = 0;
        while !done(self) {
            if waited >= timeout_ms {
                return false;
            }
            self.advance(STEP_MS.min(timeout_ms - waited));
            waited += STEP_MS;
        }
        true
    }

    /// One pass of every control loop.
    pub fn reconcile(&mut self) {
        controllers::namespace::reconcile(&mut self.api);
        controllers::deployment::reconcile(&mut self.api);
        controllers::replicaset::reconcile(&mut self.api);
        controllers::garbage_collector::reconcile(&mut self.api);
        self.scheduler.reconcile(&mut self.api);
        for k in &mut self.kubelets {
            k.reconcile(&mut self.api);
        }
    }
}
