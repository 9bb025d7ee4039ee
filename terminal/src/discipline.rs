//! The line discipline: a state machine from keys to screen bytes and
//! commands. It keeps the edited line, the cursor, the history and any
//! continuation lines, and writes ANSI that keeps the screen in step.

use crate::keys::{decode, Key};
use crate::layout::{layout, visible_width, Pos, CONTINUATION_WIDTH};
use crate::Host;

const CONTINUATION_PROMPT: &str = "> ";
const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J";
const BELL: &str = "\x07";
const BRACKETED_PASTE_ON: &str = "\x1b[?2004h";

/// Line editing for one terminal session. Feed it what the screen reports
/// and write what it returns back to the screen.
#[derive(Debug)]
pub struct LineDiscipline {
    cols: usize,
    line: Vec<char>,
    cursor: usize,
    /// Lines already entered of an input the host says is incomplete.
    pending: Option<String>,
    prompt_width: usize,
    /// Where the screen's cursor is, relative to the prompt's first row.
    screen: Pos,
    history: Vec<String>,
    /// While browsing history: the entry shown, and the line typed before.
    browsing: Option<(usize, Vec<char>)>,
    kill: Vec<char>,
    last_was_tab: bool,
    in_paste: bool,
    /// A command is running: no prompt, keys other than Ctrl-C do nothing.
    busy: bool,
    out: String,
}

impl Default for LineDiscipline {
    fn default() -> Self {
        Self::new()
    }
}

impl LineDiscipline {
    pub fn new() -> Self {
        LineDiscipline {
            cols: 80,
            line: Vec::new(),
            cursor: 0,
            pending: None,
            prompt_width: 0,
            screen: (0, 0),
            history: Vec::new(),
            browsing: None,
            kill: Vec::new(),
            last_was_tab: false,
            in_paste: false,
            busy: false,
            out: String::new(),
        }
    }

    /// Tells the discipline the terminal's width (xterm's `cols`).
    pub fn set_cols(&mut self, cols: usize) {
        self.cols = cols.max(1);
    }

    /// Commands entered so far, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// Starts from these entries (a restored session's commands).
    pub fn set_history(&mut self, entries: Vec<String>) {
        self.history = entries;
        self.browsing = None;
    }

    /// The line being edited.
    pub fn line(&self) -> String {
        self.line.iter().collect()
    }

    /// Shows the first prompt (and turns on bracketed paste).
    pub fn start(&mut self, host: &mut dyn Host) -> String {
        self.out.push_str(BRACKETED_PASTE_ON);
        self.show_prompt(host);
        self.take()
    }

    /// Handles one chunk of input as xterm.js reports it through `onData`.
    pub fn feed(&mut self, data: &str, host: &mut dyn Host) -> String {
        for key in decode(data) {
            if self.busy {
                if key == Key::Ctrl('c') {
                    let said = host.interrupt();
                    self.busy = false;
                    // A command at a remote terminal (`kubectl exec -it`)
                    // gets the key itself: that TTY echoes `^C`, not ours.
                    if !said.starts_with("^C") {
                        self.out.push_str("^C\r\n");
                    }
                    self.print(&said);
                    self.show_prompt(host);
                }
                continue;
            }
            self.key(key, host);
        }
        self.take()
    }

    /// Whether a command is running (the prompt is not shown).
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// What a running command printed since the last call; shows the prompt
    /// once the host says it has ended.
    pub fn command_output(&mut self, text: &str, host: &mut dyn Host) -> String {
        if self.busy {
            let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
            self.out.push_str(&text);
            if !host.busy() {
                self.busy = false;
                self.show_prompt(host);
            }
        }
        self.take()
    }

    fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    fn key(&mut self, key: Key, host: &mut dyn Host) {
        let was_tab = std::mem::take(&mut self.last_was_tab);
        match key {
            Key::Char(c) => self.insert(&[c]),
            Key::Tab if self.in_paste => self.insert(&[' ']),
            Key::Tab => self.complete(host, was_tab),
            Key::Enter => self.enter(host),
            Key::Backspace if self.cursor > 0 => self.delete(self.cursor - 1, self.cursor),
            Key::Delete | Key::Ctrl('d') if self.cursor < self.line.len() => {
                self.delete(self.cursor, self.cursor + 1)
            }
            Key::Left if self.cursor > 0 => self.move_cursor(self.cursor - 1),
            Key::Right if self.cursor < self.line.len() => self.move_cursor(self.cursor + 1),
            Key::Home => self.move_cursor(0),
            Key::End => self.move_cursor(self.line.len()),
            Key::WordLeft => self.move_cursor(self.word_left()),
            Key::WordRight => self.move_cursor(self.word_right()),
            Key::Up => self.history_step(true),
            Key::Down => self.history_step(false),
            Key::DeleteWordRight => self.kill_range(self.cursor, self.word_right()),
            Key::Ctrl('u') => self.kill_range(0, self.cursor),
            Key::Ctrl('k') => self.kill_range(self.cursor, self.line.len()),
            Key::Ctrl('w') => self.kill_range(self.rubout_start(), self.cursor),
            Key::Ctrl('y') => self.insert(&self.kill.clone()),
            Key::Ctrl('c') => self.interrupt(host),
            Key::Ctrl('l') => {
                self.out.push_str(CLEAR_SCREEN);
                self.redraw(host);
            }
            Key::PasteStart => self.in_paste = true,
            Key::PasteEnd => self.in_paste = false,
            _ => {}
        }
    }

    // ----- editing -----

    fn insert(&mut self, text: &[char]) {
        let at_end = self.cursor == self.line.len();
        self.line
            .splice(self.cursor..self.cursor, text.iter().copied());
        self.cursor += text.len();
        if at_end && !text.contains(&'\n') {
            // Typing at the end: just echo.
            let l = layout(self.prompt_width, &self.line, self.cols);
            self.out.extend(text);
            self.screen = *l.pos.last().expect("never empty");
            if l.pending_wrap {
                self.out.push_str("\r\n");
            }
        } else {
            self.render();
        }
    }

    fn delete(&mut self, from: usize, to: usize) {
        self.line.drain(from..to);
        self.cursor = from;
        self.render();
    }

    fn kill_range(&mut self, from: usize, to: usize) {
        if from < to {
            self.kill = self.line[from..to].to_vec();
            self.delete(from, to);
        }
    }

    fn move_cursor(&mut self, to: usize) {
        self.cursor = to;
        let target = layout(self.prompt_width, &self.line, self.cols).pos[to];
        self.move_to(target);
    }

    /// Start of the whitespace-delimited word before the cursor (Ctrl-W).
    fn rubout_start(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.line[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.line[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && !self.line[i - 1].is_alphanumeric() {
            i -= 1;
        }
        while i > 0 && self.line[i - 1].is_alphanumeric() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let mut i = self.cursor;
        while i < self.line.len() && !self.line[i].is_alphanumeric() {
            i += 1;
        }
        while i < self.line.len() && self.line[i].is_alphanumeric() {
            i += 1;
        }
        i
    }

    fn set_line(&mut self, line: Vec<char>) {
        self.cursor = line.len();
        self.line = line;
        self.render();
    }

    fn history_step(&mut self, older: bool) {
        let next = match (&self.browsing, older) {
            (None, true) if !self.history.is_empty() => Some(self.history.len() - 1),
            (Some((i, _)), true) if *i > 0 => Some(i - 1),
            (Some((i, _)), false) if i + 1 < self.history.len() => Some(i + 1),
            (Some(_), false) => None,
            _ => return,
        };
        match next {
            Some(i) => {
                let typed = match self.browsing.take() {
                    Some((_, typed)) => typed,
                    None => self.line.clone(),
                };
                self.browsing = Some((i, typed));
                self.set_line(self.history[i].chars().collect());
            }
            None => {
                let typed = self.browsing.take().map(|(_, t)| t).unwrap_or_default();
                self.set_line(typed);
            }
        }
    }

    // ----- commands -----

    fn enter(&mut self, host: &mut dyn Host) {
        self.move_cursor(self.line.len());
        self.out.push_str("\r\n");
        let line: String = self.line.iter().collect();
        let input = match self.pending.take() {
            Some(before) => format!("{before}\n{line}"),
            None => line,
        };
        self.browsing = None;
        if !host.is_complete(&input) {
            self.pending = Some(input);
            self.show_prompt(host);
            return;
        }
        if !input.trim().is_empty() && self.history.last() != Some(&input) {
            self.history.push(input.clone());
        }
        let printed = host.run(&input);
        self.print(&printed);
        if host.busy() {
            self.busy = true;
            return;
        }
        self.show_prompt(host);
    }

    fn interrupt(&mut self, host: &mut dyn Host) {
        self.move_cursor(self.line.len());
        self.out.push_str("^C\r\n");
        self.pending = None;
        self.browsing = None;
        self.show_prompt(host);
    }

    fn complete(&mut self, host: &mut dyn Host, second_tab: bool) {
        let before: String = self.line[..self.cursor].iter().collect();
        let word_start = self.line[..self.cursor]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let word: String = self.line[word_start..self.cursor].iter().collect();
        let mut candidates = host.complete(&before);
        candidates.dedup();
        match candidates.as_slice() {
            [] => self.out.push_str(BELL),
            [only] => {
                let mut text: Vec<char> = only.chars().collect();
                if !only.ends_with('/') && !only.ends_with('=') {
                    text.push(' ');
                }
                self.replace_word(word_start, text);
            }
            many => {
                let prefix = common_prefix(many);
                if prefix.chars().count() > word.chars().count() && prefix.starts_with(&word) {
                    self.replace_word(word_start, prefix.chars().collect());
                    self.last_was_tab = true;
                } else if second_tab {
                    self.list(many);
                    self.redraw(host);
                } else {
                    self.out.push_str(BELL);
                    self.last_was_tab = true;
                }
            }
        }
    }

    fn replace_word(&mut self, word_start: usize, text: Vec<char>) {
        let len = text.len();
        self.line.splice(word_start..self.cursor, text);
        self.cursor = word_start + len;
        self.render();
    }

    /// Lists completion candidates in columns under the line, like bash.
    fn list(&mut self, candidates: &[String]) {
        self.move_cursor(self.line.len());
        self.out.push_str("\r\n");
        let width = candidates
            .iter()
            .map(|c| visible_width(c))
            .max()
            .unwrap_or(0)
            + 2;
        let per_row = (self.cols / width).max(1);
        let rows = candidates.len().div_ceil(per_row);
        for row in 0..rows {
            let mut text = String::new();
            // Column-major order, as bash prints them.
            for col in 0..per_row {
                if let Some(c) = candidates.get(col * rows + row) {
                    text.push_str(c);
                    text.push_str(&" ".repeat(width - visible_width(c)));
                }
            }
            self.out.push_str(text.trim_end());
            self.out.push_str("\r\n");
        }
    }

    // ----- drawing -----

    /// Writes command output, with `\r\n` line ends, ending on a fresh line.
    fn print(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        self.out.push_str(&text);
        if !text.ends_with('\n') && !ends_with_escape(&text) {
            self.out.push_str("\r\n");
        }
    }

    fn show_prompt(&mut self, host: &mut dyn Host) {
        self.line.clear();
        self.cursor = 0;
        self.kill.clear();
        self.draw_prompt(host);
    }

    fn draw_prompt(&mut self, host: &mut dyn Host) {
        let prompt = match self.pending {
            Some(_) => CONTINUATION_PROMPT.to_string(),
            None => host.prompt(),
        };
        self.prompt_width = match self.pending {
            Some(_) => CONTINUATION_WIDTH,
            None => visible_width(&prompt),
        };
        self.out.push_str(&prompt);
        self.screen = layout(self.prompt_width, &[], self.cols).pos[0];
        if self.prompt_width > 0 && self.prompt_width.is_multiple_of(self.cols) {
            self.out.push_str("\r\n");
        }
    }

    /// Draws the prompt and the line again from the cursor's row.
    fn redraw(&mut self, host: &mut dyn Host) {
        self.draw_prompt(host);
        self.render();
    }

    /// Redraws the line after the prompt and puts the cursor in place.
    fn render(&mut self) {
        let l = layout(self.prompt_width, &self.line, self.cols);
        self.move_to(l.pos[0]);
        self.out.push_str("\x1b[J");
        for &c in &self.line {
            if c == '\n' {
                self.out.push_str("\r\n");
                self.out.push_str(CONTINUATION_PROMPT);
            } else {
                self.out.push(c);
            }
        }
        self.screen = *l.pos.last().expect("never empty");
        if l.pending_wrap {
            self.out.push_str("\r\n");
        }
        self.move_to(l.pos[self.cursor]);
    }

    fn move_to(&mut self, (row, col): Pos) {
        let (from_row, from_col) = self.screen;
        if row < from_row {
            self.out.push_str(&format!("\x1b[{}A", from_row - row));
        } else if row > from_row {
            self.out.push_str(&format!("\x1b[{}B", row - from_row));
        }
        if col != from_col {
            self.out.push('\r');
            if col > 0 {
                self.out.push_str(&format!("\x1b[{col}C"));
            }
        }
        self.screen = (row, col);
    }
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut len = first.len();
    for w in &words[1..] {
        len = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0)
            .min(len);
    }
    first[..len].to_string()
}

/// Whether `text` ends with a CSI escape sequence (e.g. `clear`'s output).
fn ends_with_escape(text: &str) -> bool {
    let Some(esc) = text.rfind('\x1b') else {
        return false;
    };
    let tail = &text[esc + 1..];
    // A two-byte sequence (`ESC >`, keypad off: curses' endwin).
    if matches!(tail, ">" | "=") {
        return true;
    }
    tail.starts_with('[')
        && tail.len() >= 2
        && tail[1..tail.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c == ';' || c == '?')
        && tail.ends_with(|c: char| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefix_of_words() {
        let w = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&w(&["get", "gen"])), "ge");
        assert_eq!(common_prefix(&w(&["a", "b"])), "");
        assert_eq!(common_prefix(&w(&["pods", "pods"])), "pods");
    }

    #[test]
    fn recognises_trailing_escapes() {
        assert!(ends_with_escape("\x1b[H\x1b[2J"));
        assert!(ends_with_escape("\x1b[?1049l\r\x1b[?1l\x1b>"));
        assert!(!ends_with_escape("\x1b[1mbold"));
        assert!(!ends_with_escape("plain"));
    }
}
