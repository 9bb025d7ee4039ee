//! The control bar: the cluster's clock, pause/resume, speed, step, whether
//! the playground is saved, and Reset.

use crate::boot::{clock_text, FRESH};
use crate::saver::{SaveState, Saver};
use crate::state::Playground;
use crate::time::{Speed, TimeControl};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What Reset asks before dropping the playground.
const CONFIRM_RESET: &str =
    "Start a new cluster? Everything in this one (objects, files, history) is lost.";

/// The control bar.
#[component]
pub fn Controls(play: Playground, saver: Saver) -> impl IntoView {
    let time = play.time;
    let clock = play.clock;
    let set = move |f: fn(&mut TimeControl)| {
        time.update(f);
        focus_terminal();
    };
    let speed_button = move |speed: Speed| {
        view! {
            <button
                class="speed"
                class:active=move || time.get().speed == speed
                data-testid=format!("speed-{}", speed.factor())
                title=format!("cluster time runs at {} wall-clock speed", speed.label())
                on:click=move |_| {
                    time.update(|t| t.speed = speed);
                    focus_terminal();
                }
            >
                {speed.label()}
            </button>
        }
    };
    let step = {
        let play = play.clone();
        move |_| {
            play.step();
            focus_terminal();
        }
    };
    let save_state = saver.state();
    let reset = move |_| {
        if window()
            .confirm_with_message(CONFIRM_RESET)
            .unwrap_or(false)
        {
            saver.stop();
            let _ = window().location().set_search(FRESH);
        }
    };
    view! {
        <div class="controls" data-testid="controls">
            <span class="clock" data-testid="clock" title="the cluster's clock">
                {move || clock_text(clock.get())}
            </span>
            <button
                class="pause"
                data-testid="pause"
                title="stop or restart the cluster's clock"
                on:click=move |_| set(|t| t.paused = !t.paused)
            >
                {move || if time.get().paused { "▶ Resume" } else { "⏸ Pause" }}
            </button>
            <span class="speeds" role="group" aria-label="speed">
                {Speed::ALL.map(speed_button)}
            </span>
            <button class="step" data-testid="step" title="advance the cluster's clock by 10 s" on:click=step>
                "+10 s"
            </button>
            <span
                class="save-status"
                data-testid="save-status"
                data-state=move || format!("{:?}", save_state.get()).to_lowercase()
                title=move || match save_state.get() {
                    SaveState::Off => "this browser gives no storage: the cluster is lost on reload",
                    _ => "the cluster is kept in this browser and comes back on reload",
                }
            >
                {move || match save_state.get() {
                    SaveState::Off => "not saved",
                    SaveState::Saved => "saved",
                    SaveState::Pending => "saving…",
                }}
            </span>
            <button class="reset" data-testid="reset" title="throw this cluster away and start a new one" on:click=reset>
                "Reset cluster"
            </button>
        </div>
    }
}

/// Gives the keyboard back to the terminal after a click on the bar.
fn focus_terminal() {
    if let Some(input) = document()
        .query_selector("textarea.xterm-helper-textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}
