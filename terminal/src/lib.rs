//! Kubeplay's terminal line discipline, in pure Rust (no web dependencies).
//!
//! A screen (xterm.js in the browser) only draws bytes and reports keys. This
//! crate turns the reported keys into an edited command line, and the edits
//! into the ANSI bytes that show them: prompt, cursor movement, history,
//! Tab completion, Ctrl-C, Ctrl-L, continuation lines (`> `) and pastes.
//! What a command means is the [`Host`]'s business.
//!
//! ```
//! use kubeplay_terminal::{Host, LineDiscipline};
//! struct Echo;
//! impl Host for Echo {
//!     fn prompt(&self) -> String { "$ ".into() }
//!     fn is_complete(&self, _: &str) -> bool { true }
//!     fn complete(&self, _: &str) -> Vec<String> { vec![] }
//!     fn run(&mut self, input: &str) -> String { format!("{input}\n") }
//! }
//! let mut term = LineDiscipline::new();
//! let mut host = Echo;
//! assert!(term.start(&mut host).ends_with("$ "));
//! let bytes = term.feed("hi\r", &mut host);
//! assert_eq!(bytes, "hi\r\nhi\r\n$ ");
//! ```

mod discipline;
mod keys;
mod layout;

pub use discipline::LineDiscipline;
pub use keys::{decode, Key};

/// What the line discipline needs from the program behind the terminal.
pub trait Host {
    /// The prompt shown before a new command (may contain ANSI colours).
    fn prompt(&self) -> String;
    /// Whether `input` is a whole command, or the shell waits for more lines
    /// (an open quote, a here-document). `input` may span several lines.
    fn is_complete(&self, input: &str) -> bool;
    /// Completion candidates for the word that ends `line` (the text before
    /// the cursor). Each candidate replaces that whole word.
    fn complete(&self, line: &str) -> Vec<String>;
    /// Runs a complete input and returns what it printed (`\n` line ends).
    fn run(&mut self, input: &str) -> String;
    /// Whether the last command is still running (a `kubectl get -w`): the
    /// prompt waits until it ends or Ctrl-C interrupts it.
    fn busy(&self) -> bool {
        false
    }
    /// Ctrl-C while busy; returns what the command prints as it stops.
    /// Text that starts with `^C` is a remote terminal's echo of the key
    /// (`kubectl exec -it`): the discipline then echoes nothing itself.
    fn interrupt(&mut self) -> String {
        String::new()
    }
}
