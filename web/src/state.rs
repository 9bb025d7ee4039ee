//! The page's state: one cluster, and the diagram's scene kept in step with
//! the cluster's event stream (the scene learns about the cluster from
//! events only, never by reading the cluster's objects directly).

use crate::scene::Scene;
use kubeplay_engine::events::Poll;
use kubeplay_engine::{Cluster, Output, Preset};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The playground held by the page. Cheap to clone: clones share it.
#[derive(Clone)]
pub struct Playground {
    cluster: Rc<RefCell<Cluster>>,
    /// The next event sequence number the scene has not seen.
    cursor: Rc<Cell<u64>>,
    /// What the diagram draws.
    pub scene: RwSignal<Scene>,
}

impl Playground {
    pub fn new(seed: u64) -> Playground {
        let play = Playground {
            cluster: Rc::new(RefCell::new({
                let mut c = Cluster::new(Preset::Minikube, seed);
                c.set_interactive(true);
                c.set_streaming(true);
                c
            })),
            // Sequence numbers start at 1; asking from 0 reads as "behind
            // the log" (Resync) to the engine's EventLog.
            cursor: Rc::new(Cell::new(1)),
            scene: RwSignal::new(Scene::default()),
        };
        play.sync();
        play
    }

    /// Runs one command line in the cluster's shell.
    pub fn run(&self, line: &str) -> Output {
        let output = self.cluster.borrow_mut().run(line);
        self.sync();
        output
    }

    /// Advances the cluster's virtual clock.
    pub fn tick(&self, millis: i64) {
        self.cluster.borrow_mut().tick(millis);
        self.sync();
    }

    /// Whether a command is still running (`kubectl get -w`).
    pub fn busy(&self) -> bool {
        self.cluster.borrow().is_streaming()
    }

    /// What the running command printed since the last call.
    pub fn poll_stream(&self) -> String {
        self.cluster.borrow_mut().poll_stream()
    }

    /// Ctrl-C: ends the running command.
    pub fn interrupt(&self) {
        self.cluster.borrow_mut().interrupt();
    }

    pub fn prompt(&self) -> String {
        self.cluster.borrow().prompt()
    }

    pub fn is_complete(&self, input: &str) -> bool {
        self.cluster.borrow().is_complete(input)
    }

    pub fn complete(&self, line: &str) -> Vec<String> {
        self.cluster.borrow().complete(line)
    }

    /// Applies the events the scene has not seen yet.
    pub fn sync(&self) {
        let cluster = self.cluster.borrow();
        match cluster.events_since(self.cursor.get()) {
            Poll::Events(events) => {
                if let Some(last) = events.last() {
                    self.cursor.set(last.seq + 1);
                    self.scene.update(|scene| {
                        for e in &events {
                            scene.apply(&e.event);
                        }
                    });
                }
            }
            // The log has moved past us. The engine has no full read yet, so
            // keep what we have and continue from the newest event.
            Poll::Resync { next } => self.cursor.set(next),
        }
    }
}
