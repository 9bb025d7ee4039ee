//! Kubeplay's web app: one simulated cluster held in the page (kept in the
//! browser's storage across reloads), a terminal bound to it, a diagram
//! drawn from its event stream, and a bar with its clock and time controls.

pub mod boot;
pub mod components;
pub mod persist;
pub mod saver;
pub mod scene;
pub mod state;
pub mod storage;
pub mod time;
mod xterm;

use boot::Boot;
use components::{controls::Controls, diagram::Diagram, terminal::Terminal};
use leptos::prelude::*;
use saver::Saver;

// Unit tests run natively (`cargo test -p kubeplay-web --lib`) and, with
// the component tests, in headless Chromium.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The cluster's seed: the same seed and commands give the same cluster.
pub const SEED: u64 = 1;
/// How often the page advances the cluster's clock, in milliseconds.
const TICK_MS: u32 = 100;

/// The whole page: header with the control bar, terminal and diagram side
/// by side.
#[component]
pub fn App(boot: Boot) -> impl IntoView {
    let Boot {
        play,
        storage,
        note,
        restored,
    } = boot;
    {
        let play = play.clone();
        gloo_timers::callback::Interval::new(TICK_MS, move || play.advance(saver::now())).forget();
    }
    let saver = Saver::start(play.clone(), storage);
    view! {
        <div class="app" data-testid="app">
            <header class="topbar">
                <span class="logo">"⎈"</span>
                <span class="title">"Kubeplay"</span>
                <span class="subtitle">"a Kubernetes cluster in your browser"</span>
                <Controls play=play.clone() saver />
            </header>
            <main class="panes">
                <section class="pane terminal-pane">
                    <Terminal play=play.clone() note restored />
                </section>
                <section class="pane diagram-pane">
                    <Diagram scene=play.scene context=play.context />
                </section>
            </main>
        </div>
    }
}
