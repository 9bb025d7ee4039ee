//! The editor `vi FILE`, `nano FILE` and `kubectl edit` open: drawn over
//! the terminal pane while the cluster holds the edit (`Playground::editing`).
//! Save (Ctrl-S) hands the text back, Quit (Esc) closes it unsaved; the
//! terminal pane then prints what the command does and shows the prompt.

use crate::state::Playground;
use kubeplay_engine::editor::EditRequest;
use leptos::ev::KeyboardEvent;
use leptos::html::Textarea;
use leptos::prelude::*;

#[component]
pub fn Editor(play: Playground) -> impl IntoView {
    let editing = play.editing;
    // The view is reactive (Send); the playground stays on this thread.
    let play = StoredValue::new_local(play);
    // Keyed by the text: a file reopened (kubectl edit's failures on top)
    // gets a new text area, not the old one with what was typed.
    view! {
        <For
            each=move || editing.get()
            key=|req| (req.path.clone(), req.text.clone())
            children=move |req| open(play, req)
        />
    }
}

/// The editor on `req`.
fn open(play: StoredValue<Playground, LocalStorage>, req: EditRequest) -> impl IntoView {
    let text = NodeRef::<Textarea>::new();
    text.on_load(|el| {
        let _ = el.focus();
        el.set_selection_range(0, 0).ok();
    });
    let close = move |save: bool| {
        let saved = save.then(|| text.get_untracked().map(|t| t.value()));
        play.with_value(|p| p.finish_edit(saved.flatten()));
    };
    let (on_save, on_quit, on_key) = (close, close, close);
    let keys = move |ev: KeyboardEvent| {
        let save = (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s");
        if save || ev.key() == "Escape" {
            ev.prevent_default();
            on_key(save);
        }
    };
    let name = match req.path.rsplit_once('/') {
        Some((_, base)) if !base.is_empty() => base.to_string(),
        _ => "[No Name]".to_string(),
    };
    view! {
        <div class="editor" data-testid="editor" on:keydown=keys>
            <div class="editor-bar">
                <span class="editor-program">{req.editor.clone()}</span>
                <span class="editor-name" data-testid="editor-name" title=req.path.clone()>
                    {name}
                </span>
                <span class="editor-path">{req.path.clone()}</span>
                <span class="editor-hint">"Ctrl-S save · Esc quit"</span>
                <button class="save" data-testid="editor-save" on:click=move |_| on_save(true)>
                    "Save"
                </button>
                <button data-testid="editor-quit" on:click=move |_| on_quit(false)>
                    "Quit"
                </button>
            </div>
            <textarea
                class="editor-text"
                data-testid="editor-text"
                spellcheck="false"
                autocomplete="off"
                node_ref=text
            >
                // A new text area's value is its text.
                {req.text.clone()}
            </textarea>
        </div>
    }
}
