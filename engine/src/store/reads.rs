//! Which resources a piece of code read from the store, for the control
//! loops' gates (see `world/loop_gates.rs`): a loop that wrote nothing is
//! not run again at the same instant until one of these resources changes.

use std::cell::RefCell;
use std::collections::BTreeSet;

/// Off until `start`; reads record their resource (store key prefix:
/// `/pods`, `apps/deployments`). `ALL` stands for a read of every change.
#[derive(Default, Debug)]
pub struct ReadLog(RefCell<Option<BTreeSet<String>>>);

/// Recorded by a read of the whole change history.
pub const ALL: &str = "*";

impl ReadLog {
    pub fn start(&self) {
        *self.0.borrow_mut() = Some(BTreeSet::new());
    }

    /// The resources read since `start`; stops recording.
    pub fn take(&self) -> BTreeSet<String> {
        self.0.borrow_mut().take().unwrap_or_default()
    }

    pub fn note(&self, resource: &str) {
        if let Some(set) = self.0.borrow_mut().as_mut() {
            if !set.contains(resource) {
                set.insert(resource.to_string());
            }
        }
    }
}

/// A copy of a store does not inherit a recording in progress.
impl Clone for ReadLog {
    fn clone(&self) -> Self {
        ReadLog::default()
    }
}
