//! The terminal pane: xterm.js draws and reports keys, the pure-Rust line
//! discipline (`kubeplay-terminal`) edits the line, and the playground's
//! shell runs what is entered.

use super::editor::Editor;
use crate::state::Playground;
use crate::xterm::{FitAddon, Terminal as XTerm};
use kubeplay_terminal::{Host, LineDiscipline};
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

const OPTIONS: &str = r##"{
  "cursorBlink": true,
  "fontSize": 14,
  "lineHeight": 1.15,
  "fontFamily": "ui-monospace, 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  "scrollback": 5000,
  "theme": {
    "background": "#0d1117", "foreground": "#c9d1d9", "cursor": "#58a6ff",
    "selectionBackground": "#264f78", "black": "#484f58", "red": "#ff7b72",
    "green": "#3fb950", "yellow": "#d29922", "blue": "#58a6ff",
    "magenta": "#bc8cff", "cyan": "#39c5cf", "white": "#b1bac4"
  }
}"##;

/// How often a running command's new output is fetched, in milliseconds.
const STREAM_POLL_MS: u32 = 200;

const BANNER: &str =
    "\x1b[1;36mWelcome to Kubeplay\x1b[0m: a Kubernetes cluster simulated in your browser.\r\n\
Try \x1b[1mkubectl get nodes\x1b[0m or \x1b[1mkubectl create namespace demo\x1b[0m.\r\n\r\n";

/// The terminal pane. A restored playground gets `note` (where it came
/// from) instead of the welcome banner, and its commands as history.
#[component]
pub fn Terminal(play: Playground, note: Option<String>, restored: bool) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let shell = play.clone();
    container.on_load(move |el| attach(&el, shell, note.as_deref(), restored));
    view! {
        <div class="terminal" data-testid="terminal" node_ref=container></div>
        <Editor play />
    }
}

/// Opens xterm.js in `el` and wires it to the line discipline.
fn attach(el: &web_sys::HtmlDivElement, play: Playground, note: Option<&str>, restored: bool) {
    let options = js_sys::JSON::parse(OPTIONS).expect("terminal options are JSON");
    let term = Rc::new(XTerm::new(&options));
    let fit = FitAddon::new();
    term.load_addon(&fit);
    term.open(el);
    fit.fit();

    let discipline = Rc::new(RefCell::new(LineDiscipline::new()));
    discipline.borrow_mut().set_cols(term.cols() as usize);
    play.set_terminal_size(term.rows(), term.cols());
    if restored {
        discipline.borrow_mut().set_history(play.history());
    } else {
        term.write(BANNER);
    }
    if let Some(note) = note {
        term.write(&format!("\x1b[2m{note}\x1b[0m\r\n\r\n"));
    }
    term.write(&discipline.borrow_mut().start(&mut ShellHost(&play)));
    mark_first_prompt(el);

    let on_data = {
        let (term, discipline, play) = (term.clone(), discipline.clone(), play.clone());
        Closure::<dyn FnMut(String)>::new(move |data: String| {
            play.note_input(crate::saver::now());
            let out = discipline.borrow_mut().feed(&data, &mut ShellHost(&play));
            term.write(&out);
        })
    };
    term.on_data(&on_data);
    on_data.forget();

    // A command still running (`kubectl get -w`) prints as the clock moves.
    {
        let (term, discipline, play) = (term.clone(), discipline.clone(), play.clone());
        gloo_timers::callback::Interval::new(STREAM_POLL_MS, move || {
            if discipline.borrow().is_busy() {
                let text = play.poll_stream();
                let out = discipline
                    .borrow_mut()
                    .command_output(&text, &mut ShellHost(&play));
                if !out.is_empty() {
                    term.write(&out);
                }
            }
        })
        .forget();
    }

    // An editor closing (`vi`, `kubectl edit`) ends its command at once:
    // what it printed, the prompt, and the keyboard back here.
    {
        let (term, discipline, play) = (term.clone(), discipline.clone(), play.clone());
        Effect::new(move |was_open: Option<bool>| {
            let open = play.editing.get().is_some();
            if was_open == Some(true) && !open {
                let text = play.poll_stream();
                let out = discipline
                    .borrow_mut()
                    .command_output(&text, &mut ShellHost(&play));
                term.write(&out);
                term.focus();
            }
            open
        });
    }

    let on_resize = {
        let term = term.clone();
        Closure::<dyn FnMut()>::new(move || {
            fit.fit();
            discipline.borrow_mut().set_cols(term.cols() as usize);
            play.set_terminal_size(term.rows(), term.cols());
        })
    };
    window()
        .add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref())
        .expect("resize listener");
    on_resize.forget();
    term.focus();
}

/// Records when the first prompt was written (ms since navigation start) as
/// `data-first-prompt-ms`, for the end-to-end test's load-time check.
fn mark_first_prompt(el: &web_sys::HtmlDivElement) {
    if let Some(perf) = window().performance() {
        let ms = format!("{:.0}", perf.now());
        let _ = el.set_attribute("data-first-prompt-ms", &ms);
    }
}

/// The line discipline's view of the playground.
struct ShellHost<'a>(&'a Playground);

impl Host for ShellHost<'_> {
    fn prompt(&self) -> String {
        colour_prompt(&self.0.prompt())
    }
    fn is_complete(&self, input: &str) -> bool {
        self.0.is_complete(input)
    }
    fn complete(&self, line: &str) -> Vec<String> {
        as_words(line, self.0.complete(line))
    }
    fn run(&mut self, input: &str) -> String {
        let output = self.0.run(input);
        output.chunks.into_iter().map(|(_, text)| text).collect()
    }
    fn busy(&self) -> bool {
        self.0.busy()
    }
    fn interrupt(&mut self) -> String {
        self.0.interrupt()
    }
}

/// `root@minikube:~# ` in bash's Debian colours.
fn colour_prompt(prompt: &str) -> String {
    match prompt.split_once(':') {
        Some((who, rest)) if rest.ends_with("# ") || rest.ends_with("$ ") => {
            let (path, sigil) = rest.split_at(rest.len() - 2);
            format!("\x1b[1;32m{who}\x1b[0m:\x1b[1;34m{path}\x1b[0m{sigil}")
        }
        _ => prompt.to_string(),
    }
}

/// Completion candidates as replacements for the last word, whether the
/// engine gives words or whole lines.
fn as_words(line: &str, candidates: Vec<String>) -> Vec<String> {
    let head = &line[..line.rfind(' ').map_or(0, |i| i + 1)];
    candidates
        .into_iter()
        .map(|c| match c.strip_prefix(head) {
            Some(word) if !head.is_empty() => word.to_string(),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
#[path = "terminal_streams.rs"]
mod streams;

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn prompt_gets_colours() {
        assert_eq!(
            colour_prompt("root@minikube:~# "),
            "\x1b[1;32mroot@minikube\x1b[0m:\x1b[1;34m~\x1b[0m# "
        );
        assert_eq!(colour_prompt("> "), "> ");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn whole_line_candidates_become_words() {
        let c = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(as_words("kubectl g", c(&["kubectl get"])), c(&["get"]));
        assert_eq!(as_words("kubectl g", c(&["get"])), c(&["get"]));
        assert_eq!(as_words("kub", c(&["kubectl"])), c(&["kubectl"]));
    }
}
