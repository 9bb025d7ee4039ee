//! `kubectl exec POD -- sh -c 'while true; do echo hi; sleep 1; done'`: a
//! command that takes virtual time prints as the time passes — streamed by
//! the browser until it ends or Ctrl-C, run on in virtual time by a script
//! until it ends, the command's `timeout`, or the wait a script gives an
//! attach (`attach::WAIT_MS`), as `run -it` does (`attach_stream.rs`).
//!
//! How it ends, as kubectl's exec does (exec.go, client-go remotecommand):
//! the command's exit code (`command terminated with exit code N`); the
//! container stopping kills it (137, SIGKILL); Ctrl-C with a terminal
//! (`-it`, raw mode) goes to the command, whose TTY echoes `^C` and which
//! dies of SIGINT (130); without one kubectl itself dies and prints nothing.

use super::attach::WAIT_MS;
use crate::kubectl::errors::CmdError;
use crate::kubectl::{Env, Stream};
use crate::kubelet::{ExecEnd, ExecPlace, ExecResult};
use crate::world::World;

/// How far past the needed moment a simulation again looks (fewer re-runs;
/// as a container's main process does).
const MIN_WINDOW_MS: i64 = 60_000;
/// The exit code of a command killed by SIGKILL, as the runtime reports it.
const KILLED: i32 = 137;
/// The exit code of a command killed by SIGINT (Ctrl-C at its terminal).
const INTERRUPTED: i32 = 130;

#[derive(Clone, Debug)]
pub struct ExecFollow {
    namespace: String,
    place: ExecPlace,
    argv: Vec<String>,
    stdin: String,
    /// `-it`: one terminal for both streams, and Ctrl-C goes to the command.
    tty: bool,
    /// `-t`: what the command's shell was told its output is (as the first run).
    shell_tty: bool,
    start: i64,
    /// The latest simulation of the command, valid before `horizon`.
    run: ExecResult,
    horizon: i64,
    /// Output written up to this moment was printed.
    shown: i64,
    done: bool,
}

/// The text kubectl prints for a command's exit code (exec.go returns the
/// CodeExitError; cmdutil prints its message).
pub fn exit_text(code: i32) -> String {
    format!("command terminated with exit code {code}\n")
}

impl ExecFollow {
    /// The exec started at `start` and simulated once (`first`, up to the
    /// exec bound) at `start`.
    pub fn new(
        namespace: &str,
        place: ExecPlace,
        argv: &[String],
        stdin: &str,
        (tty, shell_tty): (bool, bool),
        start: i64,
        first: ExecResult,
    ) -> ExecFollow {
        ExecFollow {
            namespace: namespace.into(),
            place,
            argv: argv.to_vec(),
            stdin: stdin.into(),
            tty,
            shell_tty,
            start,
            run: first,
            horizon: start + crate::kubelet::process::EXEC_BOUND_MS,
            shown: start - 1,
            done: false,
        }
    }

    /// Whether a first run is one to stream: it takes virtual time (it
    /// ended later than it started, or runs on past the bound), rather than
    /// ending at once or being stopped by the shell's limits.
    pub fn takes_time(first: &ExecResult, start: i64) -> bool {
        match first.ended_at {
            Some(at) => at > start,
            None => !stopped_by_limits(first),
        }
    }

    /// What the command wrote after the last call up to `min(now, limit)`,
    /// and its exit code if it ended by then.
    fn step(&mut self, world: &mut World, limit: i64) -> (Vec<(bool, String)>, Option<i32>) {
        if self.done {
            return (vec![], None);
        }
        let now = world.now().0.min(limit);
        let end = world.exec_end(&self.place);
        let cut = match end {
            Some(ExecEnd::Container(at)) => at.min(now),
            _ => now,
        };
        if self.run.ended_at.is_none() && !stopped_by_limits(&self.run) && cut >= self.horizon {
            let until = cut + (cut - self.start).max(MIN_WINDOW_MS);
            if let Ok(run) = world.exec_window(
                &self.namespace,
                &self.place,
                &self.argv,
                &self.stdin,
                self.shell_tty,
                self.start,
                until,
            ) {
                self.run = run;
                self.horizon = until;
            }
        }
        let chunks = self
            .run
            .timed
            .iter()
            .filter(|(t, ..)| *t > self.shown && *t <= cut)
            .map(|(_, err, text)| (*err, text.clone()))
            .collect();
        self.shown = cut;
        let code = match (self.run.ended_at, end) {
            (Some(at), _) if at <= cut => Some(self.run.exit_code),
            (_, Some(ExecEnd::Container(_))) => Some(KILLED),
            // The node went down with its kubelet: the stream closes.
            (_, Some(ExecEnd::Node)) => Some(0),
            _ => None,
        };
        self.done = code.is_some();
        (chunks, code)
    }

    /// The host's poll: new output; when the command ends, its exit code's text.
    pub fn poll(&mut self, world: &mut World) -> String {
        let (chunks, code) = self.step(world, i64::MAX);
        let mut text: String = chunks.into_iter().map(|(_, t)| t).collect();
        if let Some(code) = code.filter(|c| *c != 0) {
            text.push_str(&exit_text(code));
        }
        text
    }

    pub fn finished(&self) -> bool {
        self.done
    }

    /// Ctrl-C. With a terminal it reaches the command: the TTY echoes
    /// `^C` and the command dies of SIGINT. Without one kubectl dies of
    /// it and prints nothing.
    pub fn interrupt(&mut self) -> String {
        if self.done {
            return String::new();
        }
        self.done = true;
        if self.tty {
            format!("^C{}", exit_text(INTERRUPTED))
        } else {
            String::new()
        }
    }

    fn print(&self, env: &mut Env, chunks: Vec<(bool, String)>) {
        for (stderr, text) in chunks {
            if stderr && !self.tty {
                env.eprint(text);
            } else {
                env.print(text);
            }
        }
    }
}

/// The shell's step or output limit stopped the run (it printed why).
fn stopped_by_limits(run: &ExecResult) -> bool {
    run.ended_at.is_none() && run.stderr.contains("limit exceeded (")
}

/// The exit code as kubectl exec ends with it.
fn ended(code: i32) -> Result<(), CmdError> {
    if code == 0 {
        return Ok(());
    }
    Err(CmdError::Exit {
        text: exit_text(code),
        code,
    })
}

/// Prints what the command wrote at its start, then leaves it to the host
/// (the browser) or runs it on in virtual time.
pub fn follow(env: &mut Env, mut f: ExecFollow) -> Result<(), CmdError> {
    let (chunks, code) = f.step(env.world, i64::MAX);
    f.print(env, chunks);
    if let Some(code) = code {
        return ended(code);
    }
    let bound = env.deadline.map(|d| d.0);
    if bound.is_none() && env.interactive && env.can_stream {
        env.stream = Some(Stream::Exec(Box::new(f)));
        return Ok(());
    }
    let end = bound.unwrap_or(env.world.now().0 + WAIT_MS);
    while env.world.now().0 < end {
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
        // `timeout` stops kubectl at its moment: what comes then is not seen.
        let limit = if bound.is_some() { end - 1 } else { end };
        let (chunks, code) = f.step(env.world, limit);
        f.print(env, chunks);
        if let Some(code) = code {
            return ended(code);
        }
    }
    if bound.is_some() {
        env.timed_out = true;
    }
    // Otherwise a script stops waiting (kubectl would wait as long as it runs).
    Ok(())
}
