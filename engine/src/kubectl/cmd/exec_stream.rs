//! `kubectl exec POD -- sh -c 'while true; do echo hi; sleep 1; done'`: a
//! command that takes virtual time prints as the time passes — streamed by
//! the browser until it ends or Ctrl-C, run on in virtual time by a script
//! until it ends, the command's `timeout`, or the wait a script gives an
//! attach (`attach::WAIT_MS`), as `run -it` does (`attach_stream.rs`).
//!
//! How it ends, as kubectl's exec does (kubectl pkg/cmd/exec/exec.go,
//! client-go tools/remotecommand): the command's exit code (v4.go's
//! `command terminated with exit code N`); the container stopping kills it
//! (137, SIGKILL); Ctrl-C with a terminal (`-it`: pkg/util/term puts it in
//! raw mode) goes to the command, whose TTY echoes `^C` and which dies of
//! SIGINT (130); without one kubectl itself dies and prints nothing
//! (pkg/util/interrupt). A node going down closes the stream: an empty
//! error stream is success (errorstream.go), so nothing is printed.

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
    /// `-it` at a terminal: one terminal for both streams, Ctrl-C goes to
    /// the command, and its shell is told its output is a terminal.
    tty: bool,
    start: i64,
    /// The latest simulation of the command, valid before `horizon`.
    run: ExecResult,
    horizon: i64,
    /// Output written up to this moment was printed.
    shown: i64,
    /// When the container stops, once known (a deletion's grace period):
    /// the pod may be gone by the next look.
    dies_at: Option<i64>,
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
        tty: bool,
        start: i64,
        first: ExecResult,
    ) -> ExecFollow {
        ExecFollow {
            namespace: namespace.into(),
            place,
            argv: argv.to_vec(),
            stdin: stdin.into(),
            tty,
            start,
            run: first,
            horizon: start + crate::kubelet::process::EXEC_BOUND_MS,
            shown: start - 1,
            dies_at: None,
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
        if let Some(at) = world.exec_container_exit(&self.place) {
            self.dies_at = Some(at);
        }
        let end = world.exec_end(&self.place);
        let cut = match end {
            Some(ExecEnd::Container(at)) => at.min(self.dies_at.unwrap_or(at)).min(now),
            Some(ExecEnd::Node(at)) => at.min(now),
            None => now,
        };
        if self.run.ended_at.is_none() && !stopped_by_limits(&self.run) && cut >= self.horizon {
            let until = cut + (cut - self.start).max(MIN_WINDOW_MS);
            if let Ok(run) = world.exec_window(
                &self.namespace,
                &self.place,
                &self.argv,
                &self.stdin,
                self.tty,
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
            (_, Some(ExecEnd::Node(_))) => Some(0),
            _ => None,
        };
        self.done = code.is_some();
        (chunks, code)
    }

    /// What the command wrote since the last look, each piece marked
    /// stderr or not, and its exit code once it ended (`kubeplay serve`
    /// sends these on the exec channels).
    pub fn poll_streams(&mut self, world: &mut World) -> (Vec<(bool, String)>, Option<i32>) {
        self.step(world, i64::MAX)
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
    pub fn interrupt(&mut self, world: &mut World) -> String {
        if self.done {
            return String::new();
        }
        self.done = true;
        if self.tty {
            world.exec_stopped(&self.place);
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

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    const LOOP: &str = "sh -c 'while true; do echo hi; sleep 1; done'";

    /// The browser: a person at a terminal that keeps commands running.
    fn browser(preset: Preset) -> Cluster {
        let mut c = Cluster::new(preset, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        c.run("kubectl run bb --image=busybox -- sleep infinity");
        c.tick(30_000);
        c
    }

    #[test]
    fn a_loop_streams_until_ctrl_c_at_its_terminal() {
        let mut c = browser(Preset::Minikube);
        let o = c.run(&format!("kubectl exec -it bb -- {LOOP}"));
        assert_eq!(o.stdout(), "hi\n");
        assert!(c.is_streaming() && !c.in_session());
        c.tick(3_000);
        assert_eq!(c.poll_stream(), "hi\nhi\nhi\n");
        // The TTY echoes ^C; sh dies of SIGINT.
        assert_eq!(c.interrupt(), "^Ccommand terminated with exit code 130\n");
        assert!(!c.is_streaming());
        assert_eq!(c.run("kubectl get pod bb").status, 0);
    }

    #[test]
    fn without_a_terminal_ctrl_c_stops_kubectl_silently() {
        let mut c = browser(Preset::Minikube);
        for flags in ["", "-i ", "-t "] {
            let o = c.run(&format!("kubectl exec {flags}bb -- {LOOP}"));
            assert_eq!(o.stdout(), "hi\n", "{flags}");
            c.tick(2_000);
            assert_eq!(c.poll_stream(), "hi\nhi\n", "{flags}");
            assert_eq!(c.interrupt(), "", "{flags}");
            assert!(!c.is_streaming());
        }
    }

    #[test]
    fn a_command_that_ends_ends_the_stream_with_its_code() {
        let mut c = browser(Preset::Minikube);
        let o = c.run("kubectl exec deploy/missing -- ls");
        assert_ne!(o.status, 0);
        c.run("kubectl exec bb -- sh -c 'sleep 2; echo done; exit 3'");
        assert!(c.is_streaming());
        c.tick(1_000);
        assert_eq!(c.poll_stream(), "");
        c.tick(1_000);
        assert_eq!(
            c.poll_stream(),
            "done\ncommand terminated with exit code 3\n"
        );
        assert!(!c.is_streaming());
    }

    #[test]
    fn a_loop_goes_on_past_the_first_hour() {
        let mut c = browser(Preset::Minikube);
        c.run("kubectl exec bb -- sh -c 'i=0; while true; do i=$((i+1)); echo $i; sleep 60; done'");
        for _ in 0..90 {
            c.tick(60_000);
            c.poll_stream();
        }
        c.tick(60_000);
        assert_eq!(c.poll_stream(), "92\n");
        assert!(c.is_streaming());
    }

    #[test]
    fn the_pods_deletion_kills_the_command() {
        let mut c = browser(Preset::Minikube);
        c.run(&format!("kubectl exec bb -- {LOOP}"));
        c.tick(1_000);
        assert_eq!(c.poll_stream(), "hi\n");
        // sleep as PID 1 ignores SIGTERM: SIGKILL after the 30s grace period.
        c.run("kubectl delete pod bb --wait=false");
        c.tick(29_000);
        assert_eq!(c.poll_stream().lines().count(), 29);
        c.tick(5_000);
        let text = c.poll_stream();
        assert!(
            text.ends_with("hi\ncommand terminated with exit code 137\n"),
            "{text}"
        );
        assert!(text.lines().count() <= 3, "{text}");
        assert!(!c.is_streaming());
    }

    #[test]
    fn the_nodes_stop_closes_the_stream() {
        let mut c = browser(Preset::Kind);
        let node = c
            .run("kubectl get pod bb -o jsonpath={.spec.nodeName}")
            .stdout();
        c.run(&format!("kubectl exec bb -- {LOOP}"));
        c.run(&format!("docker stop {node}"));
        c.tick(1_000);
        assert_eq!(c.poll_stream(), "");
        assert!(!c.is_streaming());
    }

    #[test]
    fn ctrl_c_stops_what_the_command_writes() {
        let mut c = browser(Preset::Minikube);
        c.run("kubectl exec -it bb -- sh -c 'while true; do date >> /tmp/d; sleep 1; done'");
        c.tick(3_000);
        c.interrupt();
        c.tick(10_000);
        // Written at 0, 1 and 2 s; the write after the sleep that ends at 3 s
        // comes a hair after Ctrl-C.
        assert_eq!(
            c.run("kubectl exec bb -- wc -l /tmp/d").stdout(),
            "3 /tmp/d\n"
        );
    }

    #[test]
    fn the_native_repl_prints_it_all_at_once() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.run("kubectl run bb --image=busybox -- sleep 3600");
        c.tick(30_000);
        let o = c.run("kubectl exec bb -- sh -c 'for i in 1 2; do sleep 1; echo $i; done'");
        assert_eq!(o.stdout(), "1\n2\n");
        assert!(!c.is_streaming());
    }
}
