//! The page's state: one cluster, its time controls, and the diagram's
//! scene kept in step with the cluster's event stream (the scene learns
//! about the cluster from events, and from a full read of its objects only
//! when it starts, falls behind the stream, or the terminal's current
//! context moves to another cluster of the playground).

use crate::persist;
use crate::scene::Scene;
use crate::time::{Pacer, TimeControl, STEP_MS};
use kubeplay_engine::clock::Time;
use kubeplay_engine::cluster::view::objects_of;
use kubeplay_engine::clusters::Target;
use kubeplay_engine::editor::EditRequest;
use kubeplay_engine::events::{Change, EngineEvent, Poll};
use kubeplay_engine::{Cluster, Output, Preset};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The playground held by the page. Cheap to clone: clones share it.
#[derive(Clone)]
pub struct Playground {
    cluster: Rc<RefCell<Cluster>>,
    /// The cluster the diagram draws: the one the current context reaches
    /// (None: a server the playground does not run).
    shown: Rc<RefCell<Option<Target>>>,
    /// The next event sequence number (of the shown cluster's stream) the
    /// scene has not seen.
    cursor: Rc<Cell<u64>>,
    /// What the diagram draws.
    pub scene: RwSignal<Scene>,
    /// The terminal's current context: the diagram's title.
    pub context: RwSignal<String>,
    /// The cluster's clock, for the control bar.
    pub clock: RwSignal<Time>,
    /// Speed and pause, as the control bar sets them.
    pub time: RwSignal<TimeControl>,
    pacer: Rc<RefCell<Pacer>>,
    /// Command lines run so far (what a save has to catch up with).
    pub commands: RwSignal<u64>,
    /// When the learner last typed (`performance.now()`): saves wait for a pause.
    last_input: Rc<Cell<f64>>,
    /// The file an editor is open on (`vi FILE`, `kubectl edit`): the
    /// terminal pane draws the editor over itself.
    pub editing: RwSignal<Option<EditRequest>>,
    /// What the command printed when its editor closed, for the terminal's
    /// next poll.
    edit_output: Rc<RefCell<String>>,
}

impl Playground {
    /// A new cluster.
    pub fn new(seed: u64) -> Playground {
        Playground::with(Cluster::new(Preset::Minikube, seed))
    }

    /// The page's playground around `cluster` (a new one or a restored one).
    pub fn with(mut cluster: Cluster) -> Playground {
        cluster.set_interactive(true);
        cluster.set_streaming(true);
        cluster.set_editor(true);
        let play = Playground {
            clock: RwSignal::new(cluster.now()),
            shown: Rc::new(RefCell::new(cluster.current_target())),
            context: RwSignal::new(cluster.current_context()),
            cluster: Rc::new(RefCell::new(cluster)),
            cursor: Rc::new(Cell::new(0)),
            scene: RwSignal::new(Scene::default()),
            time: RwSignal::new(TimeControl::default()),
            pacer: Rc::default(),
            commands: RwSignal::new(0),
            last_input: Rc::new(Cell::new(f64::NEG_INFINITY)),
            editing: RwSignal::new(None),
            edit_output: Rc::default(),
        };
        play.rebuild();
        play
    }

    /// Runs one command line in the cluster's shell.
    pub fn run(&self, line: &str) -> Output {
        let output = self.cluster.borrow_mut().run(line);
        self.after_command();
        output
    }

    /// The editor closed with `saved` (None: quit without saving); what
    /// the command prints then waits for the terminal's next poll.
    pub fn finish_edit(&self, saved: Option<String>) {
        let output = self.cluster.borrow_mut().finish_edit(saved);
        let text: String = output.chunks.into_iter().map(|(_, t)| t).collect();
        self.edit_output.borrow_mut().push_str(&text);
        self.after_command();
    }

    /// A command ran or went on: the editor, the context and the diagram
    /// follow it, and a save is due.
    fn after_command(&self) {
        self.commands.update(|n| *n += 1);
        let editing = self.cluster.borrow().editing();
        if self.editing.get_untracked() != editing {
            self.editing.set(editing);
        }
        // Only a command changes the context (`config use-context`, `kind
        // create cluster`) or removes a cluster.
        let (target, context) = {
            let cluster = self.cluster.borrow();
            (cluster.current_target(), cluster.current_context())
        };
        if self.context.get_untracked() != context {
            self.context.set(context);
        }
        if *self.shown.borrow() != target {
            *self.shown.borrow_mut() = target;
            self.rebuild();
        }
        self.sync();
    }

    /// Advances the cluster's virtual clock.
    pub fn tick(&self, millis: i64) {
        self.cluster.borrow_mut().tick(millis);
        self.sync();
    }

    /// Moves the cluster's clock as far as the wall clock moved since the
    /// last call (`now` is `performance.now()`), at the chosen speed.
    pub fn advance(&self, now: f64) {
        let ms = self
            .pacer
            .borrow_mut()
            .elapsed(now, self.time.get_untracked());
        if ms > 0 {
            self.tick(ms);
        }
    }

    /// The step button: a fixed stretch of cluster time, paused or not.
    pub fn step(&self) {
        self.tick(STEP_MS);
    }

    /// The learner typed something (`now` is `performance.now()`).
    pub fn note_input(&self, now: f64) {
        self.last_input.set(now);
    }

    pub fn last_input(&self) -> f64 {
        self.last_input.get()
    }

    /// The bytes to keep in the browser's storage (`saved_at`: wall-clock
    /// milliseconds since the Unix epoch).
    pub fn save(&self, saved_at: f64) -> Vec<u8> {
        let time = self.time.get_untracked();
        persist::encode(&mut self.cluster.borrow_mut(), saved_at, time)
    }

    /// The commands the shell ran, oldest first.
    pub fn history(&self) -> Vec<String> {
        self.cluster.borrow().history().to_vec()
    }

    pub fn now(&self) -> Time {
        self.cluster.borrow().now()
    }
    /// Whether a command is still running (`kubectl get -w`).
    pub fn busy(&self) -> bool {
        self.cluster.borrow().is_streaming()
    }

    /// The terminal's size as xterm.js fits it (what `watch` draws on).
    pub fn set_terminal_size(&self, rows: u32, cols: u32) {
        self.cluster
            .borrow_mut()
            .set_terminal_size(rows as usize, cols as usize);
    }

    /// What the running command printed since the last call.
    pub fn poll_stream(&self) -> String {
        let edited = std::mem::take(&mut *self.edit_output.borrow_mut());
        edited + &self.cluster.borrow_mut().poll_stream()
    }

    /// Ctrl-C: ends the running command (an open editor quits); returns
    /// what it prints as it stops.
    pub fn interrupt(&self) -> String {
        if self.editing.get_untracked().is_some() {
            self.finish_edit(None);
            return self.poll_stream();
        }
        self.cluster.borrow_mut().interrupt()
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

    /// Applies the events the scene has not seen yet; the diagram is told
    /// only when one of them changed what it draws.
    pub fn sync(&self) {
        let cluster = self.cluster.borrow();
        let shown = self.shown.borrow();
        let world = shown.as_ref().and_then(|t| cluster.world_of(t));
        match world.map(|w| w.api.events().since(self.cursor.get())) {
            Some(Poll::Resync { .. }) => {
                drop((shown, cluster));
                return self.rebuild();
            }
            Some(Poll::Events(events)) => {
                if let Some(last) = events.last() {
                    self.cursor.set(last.seq + 1);
                    let changed = self.scene.try_update_untracked(|scene| {
                        events.iter().fold(false, |c, e| scene.apply(&e.event) | c)
                    });
                    if changed == Some(true) {
                        self.scene.notify();
                    }
                }
            }
            None => {}
        }
        let now = cluster.now();
        if self.clock.get_untracked() != now {
            self.clock.set(now);
        }
    }

    /// Draws the scene anew from the cluster's objects (after a restore, or
    /// when the event log moved past the scene), then follows the events.
    fn rebuild(&self) {
        let cluster = self.cluster.borrow();
        let mut scene = Scene::default();
        let shown = self.shown.borrow();
        if let Some(world) = shown.as_ref().and_then(|t| cluster.world_of(t)) {
            for (resource, group, object) in objects_of(world) {
                scene.apply(&EngineEvent::Object {
                    change: Change::Added,
                    name: object["metadata"]["name"].as_str().unwrap_or("").into(),
                    namespace: object["metadata"]["namespace"].as_str().map(String::from),
                    resource,
                    group,
                    object: object.into(),
                });
            }
            self.cursor.set(world.api.events().next_seq());
        }
        self.scene.set(scene);
        self.clock.set(cluster.now());
    }
}
