//! procps-ng `watch` (4.0.4, Ubuntu 24.04): its options and messages, and
//! one screen per run of the command, as the bytes curses writes for it.
//! The host runs the command (`sh -c`, through the terminal's shell and
//! programs) on the engine's clock; see `cluster_watch.rs`.

pub mod curses;
pub mod screen;
mod scroll;

use crate::clock::Time;
use curses::{blank_grid, Grid, Term};
use kubeplay_shell::Output;
use std::collections::BTreeMap;

/// watch.c's usage(), as 4.0.4 prints it.
const USAGE: &str = "
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -C, --no-color         do not interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -r, --no-rerun         do not rerun program on window resize
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of \"sh -c\"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
";

/// run_command's -e message on the last line (watch.c).
const ERREXIT_MESSAGE: &str = "command exit with a non-zero status, press a key to exit";

/// The long options (name, takes an argument: 0 no, 1 required, 2 optional)
/// in watch.c's order, for getopt_long's abbreviations.
const LONG: &[(&str, u8, char)] = &[
    ("color", 0, 'c'),
    ("no-color", 0, 'C'),
    ("differences", 2, 'd'),
    ("help", 0, 'h'),
    ("interval", 1, 'n'),
    ("beep", 0, 'b'),
    ("errexit", 0, 'e'),
    ("chgexit", 0, 'g'),
    ("equexit", 1, 'q'),
    ("exec", 0, 'x'),
    ("precise", 0, 'p'),
    ("no-rerun", 0, 'r'),
    ("no-title", 0, 't'),
    ("no-wrap", 0, 'w'),
    ("version", 0, 'v'),
];

/// The short options: getopt's "+bCced::ghq:n:prtwvx".
fn short_arg(c: char) -> Option<u8> {
    match c {
        'b' | 'C' | 'c' | 'e' | 'g' | 'h' | 'p' | 'r' | 't' | 'w' | 'v' | 'x' => Some(0),
        'q' | 'n' => Some(1),
        'd' => Some(2),
        _ => None,
    }
}

/// One `watch` invocation: its options and the screens drawn so far.
#[derive(Clone, Debug)]
pub struct Watch {
    interval: f64,
    beep: bool,
    color: bool,
    differences: bool,
    cumulative: bool,
    errexit: bool,
    chgexit: bool,
    equexit: Option<u32>,
    exec: bool,
    show_title: bool,
    no_wrap: bool,
    /// The command's words, and joined by spaces as the header shows it.
    argv: Vec<String>,
    command: String,
    host: String,
    stdscr: Grid,
    term: Term,
    first_screen: bool,
    cycles: u32,
    /// The size LINES and COLUMNS fix, if they do.
    fixed_rows: Option<usize>,
    fixed_cols: Option<usize>,
}

/// What a run of the command did to the watch.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The bytes written to the terminal.
    pub bytes: String,
    /// watch ended with this status (-g, -q, or -e in a script).
    pub exit: Option<i32>,
    /// -e: the message is up and watch waits for a key.
    pub waits_for_key: bool,
}

fn fail(text: String) -> Output {
    let mut out = Output::default();
    out.err(text);
    out.status = 1;
    out
}

fn usage_error(msg: &str) -> Output {
    fail(format!("watch: {msg}\n{USAGE}"))
}

/// strtod_nol_or_err: the whole argument a number, else the error.
fn number(arg: &str, what: &str) -> Result<f64, Output> {
    match arg.trim_start().parse::<f64>() {
        Ok(n) if !n.is_nan() => Ok(n),
        // An empty string leaves errno from earlier calls (as Ubuntu's does).
        _ if arg.is_empty() => Err(fail(format!(
            "watch: {what}: '': No such file or directory\n"
        ))),
        _ => Err(fail(format!("watch: {what}: '{arg}': Invalid argument\n"))),
    }
}

/// A positive whole number from LINES or COLUMNS (ncurses honours them).
fn size_from(env: &BTreeMap<String, String>, name: &str, default: usize) -> usize {
    env.get(name)
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(default)
}

impl Watch {
    /// Parses `watch`'s arguments (after `watch`). Help, version and
    /// usage errors come back as the output to print.
    pub fn parse(
        args: &[String],
        env: &BTreeMap<String, String>,
        host: &str,
        tty: Option<(usize, usize)>,
    ) -> Result<Watch, Output> {
        let mut interval = 2.0;
        if let Some(v) = env.get("WATCH_INTERVAL") {
            interval = number(v, "Could not parse interval from WATCH_INTERVAL")?;
        }
        let mut w = Watch {
            interval,
            beep: false,
            color: false,
            differences: false,
            cumulative: false,
            errexit: false,
            chgexit: false,
            equexit: None,
            exec: false,
            show_title: true,
            no_wrap: false,
            argv: vec![],
            command: String::new(),
            host: host.to_string(),
            stdscr: vec![],
            term: Term::new(1, 1),
            first_screen: true,
            cycles: 0,
            fixed_rows: None,
            fixed_cols: None,
        };
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if a == "--" {
                i += 1;
                break;
            }
            if let Some(long) = a.strip_prefix("--") {
                let (name, value) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                let exact = LONG.iter().find(|(n, _, _)| *n == name);
                let matches: Vec<_> = LONG
                    .iter()
                    .filter(|(n, _, _)| n.starts_with(name))
                    .collect();
                let &(full, has_arg, opt) = match (exact, matches.as_slice()) {
                    (Some(e), _) => e,
                    (None, [one]) => *one,
                    (None, []) => return Err(usage_error(&format!("unrecognized option '{a}'"))),
                    (None, many) => {
                        let names: Vec<String> =
                            many.iter().map(|(n, _, _)| format!("'--{n}'")).collect();
                        return Err(usage_error(&format!(
                            "option '--{name}' is ambiguous; possibilities: {}",
                            names.join(" ")
                        )));
                    }
                };
                let arg = match (has_arg, value) {
                    (0, Some(_)) => {
                        return Err(usage_error(&format!(
                            "option '--{full}' doesn't allow an argument"
                        )))
                    }
                    (1, None) => {
                        i += 1;
                        match args.get(i) {
                            Some(v) => Some(v.clone()),
                            None => {
                                return Err(usage_error(&format!(
                                    "option '--{full}' requires an argument"
                                )))
                            }
                        }
                    }
                    (_, v) => v,
                };
                if let Some(done) = w.option(opt, arg)? {
                    return Err(done);
                }
                i += 1;
                continue;
            }
            if a.len() < 2 || !a.starts_with('-') {
                break;
            }
            let chars: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k];
                let Some(kind) = short_arg(c) else {
                    return Err(usage_error(&format!("invalid option -- '{c}'")));
                };
                let rest: String = chars[k + 1..].iter().collect();
                let arg = match kind {
                    0 => None,
                    1 if !rest.is_empty() => Some(rest),
                    1 => {
                        i += 1;
                        match args.get(i) {
                            Some(v) => Some(v.clone()),
                            None => {
                                return Err(usage_error(&format!(
                                    "option requires an argument -- '{c}'"
                                )))
                            }
                        }
                    }
                    _ => (!rest.is_empty()).then_some(rest),
                };
                let took_rest = kind != 0;
                if let Some(done) = w.option(c, arg)? {
                    return Err(done);
                }
                if took_rest {
                    break;
                }
                k += 1;
            }
            i += 1;
        }
        w.interval = w.interval.clamp(0.1, u32::MAX as f64);
        if i >= args.len() {
            return Err(fail(USAGE.to_string()));
        }
        w.argv = args[i..].to_vec();
        w.command = w.argv.join(" ");
        // LINES and COLUMNS win over the terminal's own size (watch.c).
        w.fixed_rows = env.get("LINES").map(|_| size_from(env, "LINES", 24));
        w.fixed_cols = env.get("COLUMNS").map(|_| size_from(env, "COLUMNS", 80));
        w.resize(tty);
        Ok(w)
    }

    /// One option; Some(output) when watch stops there (help, version).
    fn option(&mut self, c: char, arg: Option<String>) -> Result<Option<Output>, Output> {
        let arg = arg.unwrap_or_default();
        match c {
            'b' => self.beep = true,
            'c' => self.color = true,
            'C' => self.color = false,
            'd' => {
                self.differences = true;
                self.cumulative |= !arg.is_empty();
            }
            'e' => self.errexit = true,
            'g' => self.chgexit = true,
            'q' => self.equexit = Some(number(&arg, "failed to parse argument")? as u32),
            'x' => self.exec = true,
            'n' => self.interval = number(&arg, "failed to parse argument")?,
            't' => self.show_title = false,
            'w' => self.no_wrap = true,
            'h' => {
                let mut out = Output::default();
                out.out(USAGE);
                return Ok(Some(out));
            }
            'v' => {
                let mut out = Output::default();
                out.out("watch from procps-ng 4.0.4\n");
                return Ok(Some(out));
            }
            _ => {} // -p, -r: nothing to do on a virtual clock and a fixed screen
        }
        Ok(None)
    }

    /// The time between runs.
    pub fn interval_ms(&self) -> i64 {
        (self.interval * 1000.0).round() as i64
    }

    /// What the shell runs each time: `sh -c 'COMMAND'` (system(3)), or
    /// the words themselves with -x.
    pub fn shell_line(&self) -> String {
        let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
        if self.exec {
            self.argv
                .iter()
                .map(|a| quote(a))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            format!("sh -c {}", quote(&self.command))
        }
    }

    /// What the run printed (stdout and stderr both go to the pipe), and
    /// its status; with -x a program that is not there is watch's error.
    pub fn output_of(&self, out: &Output) -> (String, i32) {
        if self.exec && out.status == 127 {
            let text = format!(
                "watch: unable to execute '{}': No such file or directory\n",
                self.argv[0]
            );
            return (text, 4);
        }
        let text = out.chunks.iter().map(|(_, t)| t.as_str()).collect();
        (text, out.status)
    }

    /// The screen's size from the terminal's (80x24 when unknown), unless
    /// LINES/COLUMNS fix it. True when it changed: as after SIGWINCH, the
    /// next screen is cleared and drawn whole (first_screen again).
    pub fn resize(&mut self, tty: Option<(usize, usize)>) -> bool {
        let (tty_rows, tty_cols) = tty.unwrap_or((24, 80));
        let rows = self.fixed_rows.unwrap_or(tty_rows).clamp(1, 1000);
        let cols = self.fixed_cols.unwrap_or(tty_cols).clamp(1, 1000);
        if self.stdscr.len() == rows && self.stdscr.first().map(Vec::len) == Some(cols) {
            return false;
        }
        let started = !self.stdscr.is_empty();
        self.stdscr = blank_grid(rows, cols);
        self.term.resize(rows, cols, started);
        self.first_screen = true;
        true
    }

    /// initscr's bytes.
    pub fn start(&mut self) -> String {
        self.term.start()
    }

    /// endwin's bytes (a signal, a timeout, or the end).
    pub fn end(&mut self) -> String {
        self.term.end()
    }

    /// One turn of watch's loop at `now`: the header, the command's output
    /// laid out, and the refresh. `key_waiting` is whether a key (or the
    /// end of input) is already there for -e to read.
    pub fn frame(&mut self, now: Time, output: &str, status: i32, key_waiting: bool) -> Frame {
        let (rows, cols) = (self.stdscr.len(), self.stdscr[0].len());
        if self.show_title {
            screen::header(
                &mut self.stdscr,
                self.interval,
                &self.command,
                &self.host,
                now,
            );
        }
        let text = if self.color {
            strip_sgr(output)
        } else {
            output.to_string()
        };
        let top = if self.show_title { 2.min(rows) } else { 0 };
        let how = screen::Fill {
            first_screen: self.first_screen,
            differences: self.differences,
            cumulative: self.cumulative,
            no_wrap: self.no_wrap,
        };
        let filled = screen::fill(&mut self.stdscr, top, &text, how);
        let mut bytes = "\x07".repeat(filled.bells);
        if status != 0 {
            if self.beep {
                bytes.push('\x07');
            }
            if self.errexit {
                screen::add_str(&mut self.stdscr, rows - 1, 0, ERREXIT_MESSAGE);
                let x = ERREXIT_MESSAGE.len().min(cols - 1);
                bytes.push_str(&self.term.refresh(&self.stdscr, (rows - 1, x)));
                if key_waiting {
                    bytes.push_str(&self.term.end());
                    return Frame {
                        bytes,
                        exit: Some(8),
                        waits_for_key: false,
                    };
                }
                return Frame {
                    bytes,
                    exit: None,
                    waits_for_key: true,
                };
            }
        }
        let mut exit_early = self.chgexit && filled.changed;
        if self.equexit.is_some() && filled.unchanged == filled.compared {
            exit_early = true;
        }
        self.first_screen = false;
        bytes.push_str(&self.term.refresh(&self.stdscr, (rows - 1, cols - 1)));
        let ends = match self.equexit {
            Some(max) if exit_early && self.cycles == max => true,
            Some(_) => {
                self.cycles = if exit_early { self.cycles + 1 } else { 0 };
                false
            }
            None => exit_early,
        };
        if ends {
            bytes.push_str(&self.term.end());
        }
        Frame {
            bytes,
            exit: ends.then_some(0),
            waits_for_key: false,
        }
    }
}

/// -c: colour and style sequences are taken as attributes, not text
/// (kept plain here: the screen model has no colours).
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if !(c.is_ascii_digit() || c == ';') {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
