//! The façade: one simulated cluster and the terminal session attached to it.
//! Hosts (the CLI, the web app, tests) use only this.

use crate::clock::{Clock, Time, EPOCH};
use crate::events::{EventLog, Poll};
use crate::rng::Rng;
use kubeplay_shell::{Output, Shell};
use serde::{Deserialize, Serialize};

/// Which cluster to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// One node `minikube`, control plane, Kubernetes v1.33.1.
    Minikube,
}

impl Preset {
    pub fn from_name(name: &str) -> Option<Preset> {
        match name {
            "minikube" => Some(Preset::Minikube),
            _ => None,
        }
    }
}

/// A whole playground: the cluster and the shell the learner types into.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    preset: Preset,
    clock: Clock,
    rng: Rng,
    events: EventLog,
    shell: Shell,
}

/// Everything needed to bring a playground back, as plain serde data.
pub type Snapshot = Cluster;

impl Cluster {
    pub fn new(preset: Preset, seed: u64) -> Cluster {
        Cluster {
            preset,
            clock: Clock::starting_at(EPOCH),
            rng: Rng::seeded(seed),
            events: EventLog::default(),
            shell: Shell::new("root", "minikube"),
        }
    }

    /// Runs one command line (it may span lines, e.g. with a here-document).
    pub fn run(&mut self, line: &str) -> Output {
        let _ = &mut self.rng;
        struct None_;
        impl kubeplay_shell::Programs for None_ {
            fn run(&mut self, _: kubeplay_shell::Invocation<'_>) -> Option<Output> {
                None
            }
            fn names(&self) -> Vec<&'static str> {
                vec![]
            }
        }
        self.shell.run(line, &mut None_)
    }

    /// Whether `input` is a whole command line, or the shell waits for more
    /// (an open quote, a here-document, a trailing `|`).
    pub fn is_complete(&self, input: &str) -> bool {
        self.shell.is_complete(input)
    }

    /// The prompt to show before the next command: `root@minikube:~# `.
    pub fn prompt(&self) -> String {
        self.shell.prompt()
    }

    /// Tab-completion candidates for `line` (the cursor at its end).
    pub fn complete(&self, line: &str) -> Vec<String> {
        let _ = line;
        vec![]
    }

    /// Advances virtual time and lets every component react.
    pub fn tick(&mut self, millis: i64) {
        self.clock.advance_millis(millis);
    }

    pub fn now(&self) -> Time {
        self.clock.now()
    }

    /// Events with sequence number `>= cursor` (start with 0 to get all).
    pub fn events_since(&self, cursor: u64) -> Poll<'_> {
        self.events.since(cursor)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.clone()
    }

    pub fn restore(snapshot: Snapshot) -> Cluster {
        snapshot
    }

    pub fn preset(&self) -> Preset {
        self.preset
    }
}
