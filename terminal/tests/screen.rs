//! Drives the line discipline with keys as xterm.js reports them and checks
//! the visible screen through the `vt100` crate's terminal model.

use kubeplay_terminal::{Host, LineDiscipline};

/// A fake shell: `$ ` prompt, a line with an odd number of `'` is
/// incomplete, completion from a fixed word list, `run` echoes the input.
#[derive(Default)]
struct FakeHost {
    ran: Vec<String>,
    /// `watch` keeps running until Ctrl-C or `finish`.
    watching: bool,
    /// What Ctrl-C makes the running command print.
    on_interrupt: String,
}

const WORDS: &[&str] = &[
    "kubectl",
    "get",
    "describe",
    "delete",
    "deployments",
    "pods",
];

impl Host for FakeHost {
    fn prompt(&self) -> String {
        "\x1b[32m$\x1b[0m ".into()
    }
    fn is_complete(&self, input: &str) -> bool {
        input.matches('\'').count().is_multiple_of(2)
    }
    fn complete(&self, line: &str) -> Vec<String> {
        let word = line.rsplit(' ').next().unwrap_or("");
        WORDS
            .iter()
            .filter(|w| w.starts_with(word))
            .map(|w| w.to_string())
            .collect()
    }
    fn run(&mut self, input: &str) -> String {
        self.ran.push(input.to_string());
        match input {
            "clear" => "\x1b[H\x1b[2J".into(),
            "nonl" => "no newline".into(),
            "watch" => {
                self.watching = true;
                "first\n".into()
            }
            _ => format!("ran [{input}]\n"),
        }
    }
    fn busy(&self) -> bool {
        self.watching
    }
    fn interrupt(&mut self) -> String {
        self.watching = false;
        std::mem::take(&mut self.on_interrupt)
    }
}

struct Screen {
    vt: vt100::Parser,
    term: LineDiscipline,
    host: FakeHost,
}

impl Screen {
    fn new(cols: u16) -> Screen {
        let mut s = Screen {
            vt: vt100::Parser::new(12, cols, 0),
            term: LineDiscipline::new(),
            host: FakeHost::default(),
        };
        s.term.set_cols(cols as usize);
        let bytes = s.term.start(&mut s.host);
        s.vt.process(bytes.as_bytes());
        s
    }
    fn keys(&mut self, data: &str) -> &mut Self {
        let bytes = self.term.feed(data, &mut self.host);
        self.vt.process(bytes.as_bytes());
        self
    }
    fn streamed(&mut self, text: &str) -> &mut Self {
        let bytes = self.term.command_output(text, &mut self.host);
        self.vt.process(bytes.as_bytes());
        self
    }
    fn rows(&self) -> Vec<String> {
        let cols = self.vt.screen().size().1;
        let mut rows: Vec<String> = self
            .vt
            .screen()
            .rows(0, cols)
            .map(|r| r.trim_end().to_string())
            .collect();
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        rows
    }
    fn cursor(&self) -> (u16, u16) {
        self.vt.screen().cursor_position()
    }
}

#[test]
fn typing_and_running_a_command() {
    let mut s = Screen::new(40);
    assert_eq!(s.rows(), vec!["$"]);
    s.keys("kubectl get pods\r");
    assert_eq!(
        s.rows(),
        vec!["$ kubectl get pods", "ran [kubectl get pods]", "$"]
    );
    assert_eq!(s.cursor(), (2, 2));
    assert_eq!(s.host.ran, vec!["kubectl get pods"]);
}

#[test]
fn cursor_movement_and_editing_in_the_middle() {
    let mut s = Screen::new(40);
    s.keys("get pods")
        .keys("\x1b[D\x1b[D\x1b[D\x1b[D") // Left x4: before "pods"
        .keys("all ")
        .keys("\x01kubectl ") // Ctrl-A, insert at start
        .keys("\x05s"); // Ctrl-E, append
    assert_eq!(s.rows(), vec!["$ kubectl get all podss"]);
    s.keys("\x7f").keys("\x1b[H\x1b[3~"); // Backspace, Home, Delete
    assert_eq!(s.rows(), vec!["$ ubectl get all pods"]);
    assert_eq!(s.cursor(), (0, 2));
}

#[test]
fn kill_keys() {
    let mut s = Screen::new(40);
    s.keys("kubectl get pods\x17"); // Ctrl-W
    assert_eq!(s.rows(), vec!["$ kubectl get"]);
    s.keys("\x1b[D\x1b[D\x0b"); // Left Left Ctrl-K
    assert_eq!(s.rows(), vec!["$ kubectl ge"]);
    s.keys("\x15"); // Ctrl-U
    assert_eq!(s.rows(), vec!["$"]);
    s.keys("\x19"); // Ctrl-Y yanks it back
    assert_eq!(s.rows(), vec!["$ kubectl ge"]);
}

#[test]
fn history_up_and_down() {
    let mut s = Screen::new(40);
    s.keys("one\rtwo\r").keys("thr");
    s.keys("\x1b[A");
    assert_eq!(s.rows().last().unwrap(), "$ two");
    s.keys("\x1b[A\x1b[A");
    assert_eq!(s.rows().last().unwrap(), "$ one");
    s.keys("\x1b[B");
    assert_eq!(s.rows().last().unwrap(), "$ two");
    s.keys("\x1b[B");
    assert_eq!(s.rows().last().unwrap(), "$ thr");
    s.keys("\x1b[A\r");
    assert_eq!(s.host.ran, vec!["one", "two", "two"]);
    assert_eq!(s.term.history(), ["one", "two"]);
}

#[test]
fn tab_completes_one_candidate() {
    let mut s = Screen::new(40);
    s.keys("kub\t");
    assert_eq!(s.rows(), vec!["$ kubectl"]);
    assert_eq!(s.term.line(), "kubectl ");
    s.keys("g\tpo\t");
    assert_eq!(s.term.line(), "kubectl get pods ");
}

#[test]
fn tab_twice_lists_several_candidates() {
    let mut s = Screen::new(40);
    s.keys("kubectl de\t");
    assert_eq!(s.term.line(), "kubectl de");
    s.keys("\t");
    assert_eq!(
        s.rows(),
        vec![
            "$ kubectl de",
            "describe     delete       deployments",
            "$ kubectl de"
        ]
    );
    assert_eq!(s.cursor(), (2, 12));
    s.keys("l\t");
    assert_eq!(s.term.line(), "kubectl delete ");
}

#[test]
fn tab_extends_to_the_common_prefix() {
    let mut s = Screen::new(40);
    s.keys("kubectl d\t");
    assert_eq!(s.term.line(), "kubectl de");
    s.keys("\t");
    assert_eq!(s.rows().len(), 3, "second Tab lists: {:?}", s.rows());
}

#[test]
fn ctrl_c_abandons_the_line() {
    let mut s = Screen::new(40);
    s.keys("kubectl get\x1b[D\x1b[D\x03");
    assert_eq!(s.rows(), vec!["$ kubectl get^C", "$"]);
    assert!(s.host.ran.is_empty());
    assert_eq!(s.term.line(), "");
}

#[test]
fn ctrl_l_clears_and_redraws() {
    let mut s = Screen::new(40);
    s.keys("one\rtwo\rkubectl\x1b[D\x0c");
    assert_eq!(s.rows(), vec!["$ kubectl"]);
    assert_eq!(s.cursor(), (0, 8));
}

#[test]
fn continuation_collects_lines_until_complete() {
    let mut s = Screen::new(40);
    s.keys("echo 'a\r");
    assert_eq!(s.rows(), vec!["$ echo 'a", ">"]);
    s.keys("b\r");
    assert_eq!(s.rows(), vec!["$ echo 'a", "> b", ">"]);
    s.keys("c'\r");
    assert_eq!(s.host.ran, vec!["echo 'a\nb\nc'"]);
    assert_eq!(
        s.rows(),
        vec!["$ echo 'a", "> b", "> c'", "ran [echo 'a", "b", "c']", "$"]
    );
    // Ctrl-C abandons a continuation.
    s.keys("echo '\r\x03x\r");
    assert_eq!(s.host.ran.last().unwrap(), "x");
}

#[test]
fn pasted_lines_run_in_order() {
    let mut s = Screen::new(40);
    s.keys("\x1b[200~echo 1\recho\t2\recho 3\x1b[201~");
    assert_eq!(s.host.ran, vec!["echo 1", "echo 2"]);
    assert_eq!(s.term.line(), "echo 3");
    s.keys("\r");
    assert_eq!(s.host.ran.len(), 3);
    // Without bracketed paste markers too, \r\n counting once.
    s.keys("a\r\nb\r\n");
    assert_eq!(s.host.ran[3..], ["a", "b"]);
}

#[test]
fn long_lines_wrap_and_edit_across_rows() {
    let mut s = Screen::new(10);
    s.keys("12345678"); // "$ " + 8 = exactly one full row
    assert_eq!(s.rows(), vec!["$ 12345678"]);
    assert_eq!(s.cursor(), (1, 0));
    s.keys("abc");
    assert_eq!(s.rows(), vec!["$ 12345678", "abc"]);
    s.keys("\x01X");
    assert_eq!(s.rows(), vec!["$ X1234567", "8abc"]);
    assert_eq!(s.cursor(), (0, 3));
    s.keys("\x05\x7f\x7f\x7f\x7f");
    assert_eq!(s.rows(), vec!["$ X1234567"]);
    assert_eq!(s.cursor(), (1, 0));
    s.keys("\x7f");
    assert_eq!(s.rows(), vec!["$ X123456"]);
    assert_eq!(s.cursor(), (0, 9));
    s.keys("\r");
    assert_eq!(s.rows()[1..], ["ran [X1234", "56]", "$"]);
}

#[test]
fn output_without_newline_and_clear() {
    let mut s = Screen::new(40);
    s.keys("nonl\r");
    assert_eq!(s.rows(), vec!["$ nonl", "no newline", "$"]);
    s.keys("clear\r");
    assert_eq!(s.rows(), vec!["$"]);
    assert_eq!(s.cursor(), (0, 2));
}

#[test]
fn history_recalls_multi_line_inputs() {
    let mut s = Screen::new(40);
    s.keys("echo 'a\rb'\r\x1b[A");
    assert_eq!(s.rows()[4..], ["$ echo 'a", "> b'"]);
    s.keys("\r");
    assert_eq!(s.host.ran, vec!["echo 'a\nb'", "echo 'a\nb'"]);
}

#[test]
fn a_running_command_streams_until_ctrl_c() {
    let mut s = Screen::new(40);
    s.keys("watch\r");
    assert_eq!(s.rows(), vec!["$ watch", "first"]);
    assert!(s.term.is_busy());
    // Keys other than Ctrl-C do nothing while it runs.
    s.keys("ls\r").streamed("second\n");
    assert_eq!(s.rows(), vec!["$ watch", "first", "second"]);
    s.keys("\x03");
    assert_eq!(s.rows(), vec!["$ watch", "first", "second", "^C", "$"]);
    assert!(!s.host.watching && !s.term.is_busy());
    assert_eq!(s.host.ran, vec!["watch"]);
}

#[test]
fn a_remote_terminal_echoes_ctrl_c_itself() {
    let mut s = Screen::new(40);
    s.keys("watch\r");
    s.host.on_interrupt = "^Ccommand terminated with exit code 130\n".into();
    s.keys("\x03");
    assert_eq!(
        s.rows(),
        vec![
            "$ watch",
            "first",
            "^Ccommand terminated with exit code 130",
            "$"
        ]
    );
}

#[test]
fn a_command_that_ends_by_itself_brings_the_prompt_back() {
    let mut s = Screen::new(40);
    s.keys("watch\r");
    s.host.watching = false;
    s.streamed("last\n");
    assert_eq!(s.rows(), vec!["$ watch", "first", "last", "$"]);
}
