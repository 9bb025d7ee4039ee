//! The engine's event stream: every store change (and, later, every component
//! step) as one typed event. The UI and lessons learn about the cluster from
//! this stream only; subscribers read it by sequence number.

use crate::clock::Time;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How a stored object changed (the watch event types of the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Added,
    Modified,
    Deleted,
}

/// One thing that happened in the cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EngineEvent {
    /// An object was created, changed or removed in the store.
    Object {
        change: Change,
        /// Resource (plural) and API group: `("namespaces", "")`, `("deployments", "apps")`.
        resource: String,
        group: String,
        namespace: Option<String>,
        name: String,
        /// The object after the change (before it, for `Deleted`), shared
        /// with the store (a write is not copied for the stream).
        object: std::sync::Arc<serde_json::Value>,
    },
    /// The scheduler decided about a pod: the node it chose (None when no
    /// node fits), a summary (rejections counted, the chosen node's
    /// scores) and, when no node fits, every node's verdict.
    Scheduled {
        namespace: String,
        pod: String,
        node: Option<String>,
        summary: crate::scheduler::Summary,
        verdicts: Option<std::sync::Arc<Vec<crate::scheduler::NodeVerdict>>>,
    },
}

/// An event with its place in the stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sequenced {
    pub seq: u64,
    pub at: Time,
    pub event: EngineEvent,
}

/// A bounded log of events. A subscriber that falls more than `capacity`
/// events behind is told to resync from a full read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventLog {
    next_seq: u64,
    capacity: usize,
    events: VecDeque<Sequenced>,
}

/// What a subscriber gets when it polls.
#[derive(Debug, PartialEq)]
pub enum Poll<'a> {
    /// The events after the cursor, in order.
    Events(Vec<&'a Sequenced>),
    /// The cursor is older than the log: rebuild from `Cluster::objects()`, then continue from `next`.
    Resync { next: u64 },
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog {
            next_seq: 1,
            capacity: 50_000,
            events: VecDeque::new(),
        }
    }
}

impl EventLog {
    pub fn push(&mut self, at: Time, event: EngineEvent) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.events.push_back(Sequenced { seq, at, event });
        while self.events.len() > self.capacity {
            self.events.pop_front();
        }
    }

    /// The sequence number the next event will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Lends out the past events (a saved snapshot leaves them out: its
    /// subscribers rebuild from the objects); `put_events` gives them back.
    pub(crate) fn take_events(&mut self) -> VecDeque<Sequenced> {
        std::mem::take(&mut self.events)
    }

    pub(crate) fn put_events(&mut self, events: VecDeque<Sequenced>) {
        self.events = events;
    }

    /// Events with `seq >= cursor`.
    pub fn since(&self, cursor: u64) -> Poll<'_> {
        match self.events.front() {
            // Only events that were dropped (the log no longer starts at 1) force a resync.
            Some(first) if cursor < first.seq && first.seq > 1 => Poll::Resync {
                next: self.next_seq,
            },
            // Sequence numbers are consecutive: the cursor's place is found
            // by subtraction, so a subscriber polling every frame does not
            // walk the whole log.
            Some(first) => {
                let skip = cursor.saturating_sub(first.seq) as usize;
                Poll::Events(self.events.range(skip.min(self.events.len())..).collect())
            }
            None => Poll::Events(vec![]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(n: &str) -> EngineEvent {
        EngineEvent::Object {
            change: Change::Added,
            resource: "namespaces".into(),
            group: String::new(),
            namespace: None,
            name: n.into(),
            object: Default::default(),
        }
    }

    #[test]
    fn cursor_zero_gets_everything_until_events_are_dropped() {
        let mut log = EventLog {
            capacity: 2,
            ..EventLog::default()
        };
        log.push(Time(0), ev("a"));
        assert!(matches!(log.since(0), Poll::Events(e) if e.len() == 1));
        log.push(Time(0), ev("b"));
        log.push(Time(0), ev("c"));
        assert_eq!(log.since(0), Poll::Resync { next: 4 });
        assert!(matches!(log.since(2), Poll::Events(e) if e.len() == 2));
        assert!(matches!(log.since(3), Poll::Events(e) if e.len() == 1 && e[0].seq == 3));
        assert!(matches!(log.since(9), Poll::Events(e) if e.is_empty()));
    }
}
