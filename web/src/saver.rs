//! Keeps the playground saved in the browser's storage. Saving serializes
//! the whole cluster on the page's only thread, so it waits until the
//! learner stops typing, follows each command, and otherwise comes only
//! after the clock moved a while — and the slower saves are, the rarer.

use crate::state::Playground;
use crate::storage::Storage;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Where the playground is kept in the database.
pub const KEY: &str = "cluster";
/// How often the saver looks whether a save is due, in milliseconds.
const CHECK_MS: u32 = 250;
/// How long the keyboard must be quiet before a save.
const QUIET_MS: f64 = 700.0;
/// Cluster time that warrants a save without a command.
const CLOCK_EVERY_MS: i64 = 10_000;
/// The least wall-clock time between saves the clock alone asks for...
const MIN_GAP_MS: f64 = 5_000.0;
/// ...and at least this many times what the last save cost.
const COST_FACTOR: f64 = 25.0;

/// Where things stand when the saver looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// `performance.now()`.
    pub real: f64,
    /// When the learner last typed (`performance.now()`).
    pub last_input: f64,
    /// Command lines run so far.
    pub commands: u64,
    /// The cluster's clock (ms).
    pub clock: i64,
}

/// When to save.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    /// The moment of the last save, and what it cost (ms).
    last: Option<(Moment, f64)>,
}

impl Policy {
    /// A policy whose last save was at `at` (the cluster as loaded).
    pub fn from(at: Moment) -> Policy {
        Policy {
            last: Some((at, 0.0)),
        }
    }

    pub fn due(&self, now: Moment) -> bool {
        if now.real - now.last_input < QUIET_MS {
            return false;
        }
        let Some((last, cost)) = self.last else {
            return true;
        };
        if now.commands != last.commands {
            return true;
        }
        now.clock - last.clock >= CLOCK_EVERY_MS
            && now.real - last.real >= MIN_GAP_MS.max(cost * COST_FACTOR)
    }

    pub fn saved(&mut self, at: Moment, cost: f64) {
        self.last = Some((at, cost));
    }
}

/// The save indicator's state, for the control bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// No storage (the browser refused it): nothing is kept.
    Off,
    /// Every command so far is saved.
    Saved,
    /// A command ran since the last save.
    Pending,
}

/// The running saver. Cheap to clone.
#[derive(Clone)]
pub struct Saver {
    play: Playground,
    storage: Option<Storage>,
    policy: Rc<RefCell<Policy>>,
    busy: Rc<Cell<bool>>,
    /// Set by Reset: what is running now must not be saved any more.
    stopped: Rc<Cell<bool>>,
    /// Commands covered by the last save.
    pub saved_commands: RwSignal<u64>,
    /// The last save: bytes written and milliseconds spent serializing.
    pub last_save: RwSignal<(usize, f64)>,
}

impl Saver {
    /// Starts saving `play` into `storage` (if there is one).
    pub fn start(play: Playground, storage: Option<Storage>) -> Saver {
        let saver = Saver {
            policy: Rc::new(RefCell::new(Policy::from(moment(&play)))),
            saved_commands: RwSignal::new(play.commands.get_untracked()),
            play,
            storage,
            busy: Rc::default(),
            stopped: Rc::default(),
            last_save: RwSignal::new((0, 0.0)),
        };
        if saver.storage.is_some() {
            let s = saver.clone();
            gloo_timers::callback::Interval::new(CHECK_MS, move || {
                let now = moment(&s.play);
                if s.policy.borrow().due(now) {
                    s.save(now);
                }
            })
            .forget();
            saver.save_when_hidden();
        }
        saver
    }

    /// The save indicator's state, as a signal.
    pub fn state(&self) -> Signal<SaveState> {
        let (on, saved, commands) = (
            self.storage.is_some(),
            self.saved_commands,
            self.play.commands,
        );
        Signal::derive(move || {
            if !on {
                SaveState::Off
            } else if saved.get() == commands.get() {
                SaveState::Saved
            } else {
                SaveState::Pending
            }
        })
    }

    /// No more saves (the page is about to start a new cluster).
    pub fn stop(&self) {
        self.stopped.set(true);
    }

    fn save(&self, at: Moment) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        if self.busy.get() || self.stopped.get() {
            return;
        }
        self.busy.set(true);
        let started = now();
        let bytes = self.play.save(js_sys::Date::now());
        let cost = now() - started;
        self.policy.borrow_mut().saved(at, cost);
        self.last_save.set((bytes.len(), cost));
        let s = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match storage.put(KEY, &bytes).await {
                Ok(()) => s.saved_commands.set(at.commands),
                Err(e) => web_sys::console::warn_2(&"Kubeplay: saving failed:".into(), &e),
            }
            s.busy.set(false);
        });
    }

    /// A tab being hidden may be closed next: save what changed.
    fn save_when_hidden(&self) {
        let s = self.clone();
        let on_hidden = Closure::<dyn FnMut()>::new(move || {
            let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
            let now = moment(&s.play);
            let changed =
                s.policy.borrow().last.is_none_or(|(last, _)| {
                    last.commands != now.commands || last.clock != now.clock
                });
            if hidden && changed {
                s.save(now);
            }
        });
        let _ = document().add_event_listener_with_callback(
            "visibilitychange",
            on_hidden.as_ref().unchecked_ref(),
        );
        on_hidden.forget();
    }
}

fn moment(play: &Playground) -> Moment {
    Moment {
        real: now(),
        last_input: play.last_input(),
        commands: play.commands.get_untracked(),
        clock: play.now().0,
    }
}

/// `performance.now()`: milliseconds since the page started.
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn at(real: f64, last_input: f64, commands: u64, clock: i64) -> Moment {
        Moment {
            real,
            last_input,
            commands,
            clock,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_command_is_saved_once_the_keyboard_is_quiet() {
        let mut p = Policy::from(at(0.0, -1e9, 0, 0));
        assert!(!p.due(at(100.0, -1e9, 0, 100)), "nothing happened");
        assert!(!p.due(at(1000.0, 900.0, 1, 1000)), "still typing");
        assert!(p.due(at(1700.0, 900.0, 1, 1700)));
        p.saved(at(1700.0, 900.0, 1, 1700), 3.0);
        assert!(!p.due(at(1800.0, 900.0, 1, 1800)));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_clock_alone_saves_rarely_and_less_often_when_saving_is_slow() {
        let mut p = Policy::from(at(0.0, -1e9, 0, 0));
        assert!(!p.due(at(4000.0, -1e9, 0, 40_000)), "too soon");
        assert!(!p.due(at(5000.0, -1e9, 0, 9_999)), "the clock hardly moved");
        assert!(p.due(at(5000.0, -1e9, 0, 10_000)));
        p.saved(at(5000.0, -1e9, 0, 10_000), 400.0);
        assert!(
            !p.due(at(12_000.0, -1e9, 0, 80_000)),
            "a slow save waits 10 s"
        );
        assert!(p.due(at(15_000.0, -1e9, 0, 80_000)));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_first_save_needs_only_a_quiet_keyboard() {
        let p = Policy::default();
        assert!(p.due(at(1000.0, 0.0, 0, 0)));
        assert!(!p.due(at(100.0, 0.0, 0, 0)));
    }
}
