//! Kubeplay's web app: one simulated cluster held in the page, a terminal
//! bound to it, and a diagram drawn from its event stream.

pub mod components;
pub mod scene;
pub mod state;
mod xterm;

use components::{diagram::Diagram, terminal::Terminal};
use leptos::prelude::*;
use state::Playground;

// Unit tests run natively (`cargo test -p kubeplay-web --lib`) and, with
// the component tests, in headless Chromium.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The cluster's seed: the same seed and commands give the same cluster.
const SEED: u64 = 1;
/// How often the page advances the cluster's clock, in milliseconds.
const TICK_MS: u32 = 100;

/// The whole page: header, terminal and diagram side by side.
#[component]
pub fn App() -> impl IntoView {
    let play = Playground::new(SEED);
    {
        let play = play.clone();
        gloo_timers::callback::Interval::new(TICK_MS, move || play.tick(TICK_MS.into())).forget();
    }
    view! {
        <div class="app" data-testid="app">
            <header class="topbar">
                <span class="logo">"⎈"</span>
                <span class="title">"Kubeplay"</span>
                <span class="subtitle">"a Kubernetes cluster in your browser"</span>
            </header>
            <main class="panes">
                <section class="pane terminal-pane">
                    <Terminal play=play.clone() />
                </section>
                <section class="pane diagram-pane">
                    <Diagram scene=play.scene />
                </section>
            </main>
        </div>
    }
}
