//! `watch COMMAND`: the host side of `crate::watch`. Each run is `sh -c`
//! in a child of the terminal's shell (its exported variables, working
//! directory and files; the cluster's programs), on the engine's clock.
//! In a script it runs until its `timeout` (exit 124), or for
//! `WATCH_LIMIT_MS` of virtual time; a person at a REPL gets one screen
//! (their clock follows real time); the browser keeps it running between
//! ticks until Ctrl-C (`Cluster::poll_stream`, `Cluster::interrupt`).

use super::{fleet, Cluster, Host, TIMED_OUT};
use crate::clock::Time;
use crate::watch::Watch;
use kubeplay_shell::{Invocation, Output, ShFlavor, Shell, Vfs};
use std::collections::BTreeMap;

/// How long an unbounded watch runs in a script (as `kubectl get -w`).
const WATCH_LIMIT_MS: i64 = 600_000;

/// A watch the browser keeps on screen between ticks.
#[derive(Clone, Debug)]
pub struct Running {
    watch: Watch,
    /// The `sh` each run happens in.
    child: Shell,
    /// When the command runs next.
    next: Time,
    /// -e showed its message: nothing runs until a key (Ctrl-C).
    waiting: bool,
}

/// The `sh` a run happens in: a child of the terminal's shell.
fn child_shell(host: &str, env: &BTreeMap<String, String>, cwd: &str) -> Shell {
    let mut sh = Shell::new("root", host);
    sh.set_env(env.clone());
    sh.set_cwd(cwd);
    // /bin/sh is dash on Ubuntu; the output goes to a pipe.
    sh.set_sh_flavor(ShFlavor::Dash);
    sh.set_tty(false);
    sh
}

/// The words after `watch [OPTIONS]`, for completing the watched command
/// (`watch kubectl get po<TAB>`); other lines as they are.
pub(super) fn watched<'a, 'b>(words: &'a [&'b str]) -> &'a [&'b str] {
    if words.first() != Some(&"watch") {
        return words;
    }
    let mut i = 1;
    while let Some(w) = words.get(i) {
        match *w {
            "-n" | "--interval" | "-q" | "--equexit" => i += 2,
            w if w.starts_with('-') => i += 1,
            _ => break,
        }
    }
    &words[i.min(words.len())..]
}

impl Host<'_> {
    /// One run of the watched command in `child`, with the terminal's files.
    fn watch_run(&mut self, w: &Watch, child: &mut Shell, vfs: &mut Vfs) -> (String, i32) {
        std::mem::swap(child.vfs_mut(), vfs);
        child.set_now(self.fleet.now().0);
        let out = child.run(&w.shell_line(), self);
        std::mem::swap(child.vfs_mut(), vfs);
        w.output_of(&out)
    }

    pub(super) fn watch(&mut self, inv: Invocation<'_>) -> Output {
        let host = inv
            .env
            .get("HOSTNAME")
            .cloned()
            .unwrap_or_else(|| match self.preset {
                super::Preset::Minikube => "minikube".into(),
                _ => "kind".into(),
            });
        let mut w = match Watch::parse(&inv.argv[1..], inv.env, &host, self.term_size) {
            Ok(w) => w,
            Err(out) => return out,
        };
        let mut child = child_shell(&host, inv.env, inv.cwd);
        let streams = self.can_stream && self.interactive && self.deadline.is_none();
        let start = self.fleet.now().0;
        let bound = match (self.deadline, self.interactive || self.job.is_some()) {
            (Some(d), _) => d.0,
            (None, true) => start,
            (None, false) => start + WATCH_LIMIT_MS,
        };
        let mut out = Output::default();
        let mut text = w.start();
        loop {
            let (output, status) = self.watch_run(&w, &mut child, inv.vfs);
            let frame = w.frame(self.fleet.now(), &output, status, !streams);
            text.push_str(&frame.bytes);
            if let Some(status) = frame.exit {
                out.status = status;
                break;
            }
            if streams {
                self.watching = Some(Running {
                    next: self.fleet.now().plus_millis(w.interval_ms()),
                    watch: w,
                    child,
                    waiting: frame.waits_for_key,
                });
                break;
            }
            let now = self.fleet.now().0;
            if now + w.interval_ms() >= bound {
                // Killed while it sleeps: the signal's handler ends curses.
                self.fleet.advance((bound - now).max(0));
                text.push_str(&w.end());
                if self.deadline.is_some_and(|d| d.0 <= bound) {
                    out.status = TIMED_OUT;
                }
                break;
            }
            self.fleet.advance(w.interval_ms());
        }
        out.out(text);
        out
    }
}

impl Cluster {
    /// The terminal's rows and columns (xterm.js fitted to its pane), as
    /// watch reads them from the tty; without them it draws 80x24.
    pub fn set_terminal_size(&mut self, rows: usize, cols: usize) {
        self.term_size = Some((rows, cols)).filter(|&(r, c)| r > 0 && c > 0);
    }

    /// The browser's poll of a running watch: the next screen when its
    /// time has come, and the end of curses when it stops (-g).
    pub(super) fn poll_watch(&mut self) -> String {
        let Some(mut run) = self.watching.take() else {
            return String::new();
        };
        let now = self.now();
        // SIGWINCH: watch wakes at once to draw on the new size.
        let resized = run.watch.resize(self.term_size);
        if run.waiting || (now < run.next && !resized) {
            self.watching = Some(run);
            return String::new();
        }
        let fleet = fleet(&self.preset, &mut self.world, &mut self.more);
        let mut host = Host {
            interactive: true,
            ..Host::new(fleet, self.preset.clone(), self.term_size)
        };
        let (output, status) = host.watch_run(&run.watch, &mut run.child, self.shell.vfs_mut());
        let mut fleet = host.fleet;
        fleet.sync();
        for world in fleet.live() {
            world.settle();
        }
        let frame = run.watch.frame(now, &output, status, false);
        let step = run.watch.interval_ms().max(1);
        while run.next <= now {
            run.next = run.next.plus_millis(step);
        }
        run.waiting = frame.waits_for_key;
        if frame.exit.is_none() {
            self.watching = Some(run);
        }
        frame.bytes
    }

    /// Ctrl-C: watch's signal handler ends curses (the screen as before).
    pub(super) fn interrupt_watch(&mut self) -> Option<String> {
        self.watching.take().map(|mut run| run.watch.end())
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    #[test]
    fn completion_knows_watch_and_what_it_watches() {
        let c = Cluster::new(Preset::Minikube, 1);
        assert!(c.complete("wat").contains(&"watch".to_string()));
        assert!(c
            .complete("watch -n 1 kubectl get po")
            .contains(&"pods".to_string()));
    }

    #[test]
    fn a_person_at_the_repl_gets_one_screen_without_time_passing() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        let before = c.now();
        let o = c.run("watch -t echo hi");
        assert!(o.stdout().contains("\x1b[H\x1b[2Jhi"), "{:?}", o.stdout());
        assert!(o
            .stdout()
            .ends_with("\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>"));
        assert_eq!(c.now(), before);
        assert!(!c.is_streaming());
    }

    #[test]
    fn the_browser_redraws_on_the_clock_until_interrupted() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        let o = c.run("watch -t -n 5 'kubectl get ns --no-headers | wc -l'");
        assert!(o.stdout().contains("\x1b[2J4"), "{:?}", o.stdout());
        assert!(c.is_streaming());
        c.run("kubectl create namespace demo");
        c.tick(4000);
        assert_eq!(c.poll_stream(), "");
        c.tick(1000);
        assert_eq!(c.poll_stream(), "\x1b[H5\x1b[24;80H");
        let end = c.interrupt();
        assert_eq!(end, "\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>");
        assert!(!c.is_streaming());
    }

    #[test]
    fn under_timeout_it_ends_with_124_at_the_deadline() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let before = c.now();
        let o = c.run("timeout 5 watch -n 1 -t date +%S");
        assert_eq!(o.status, 124);
        assert_eq!(c.now().0 - before.0, 5000);
        // Five screens: seconds 00 to 04.
        assert!(
            o.stdout().contains("\x1b[2J00\x1b[24;80H\x1b[H01"),
            "{:?}",
            o.stdout()
        );
        assert!(
            o.stdout().contains("\x1b[H04\x1b[24;80H\x1b[24;1H"),
            "{:?}",
            o.stdout()
        );
    }

    #[test]
    fn it_draws_on_the_terminal_size_unless_lines_and_columns_say_otherwise() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_terminal_size(40, 120);
        let o = c.run("watch -t echo hi");
        assert!(o.stdout().contains("\x1b[1;40r"), "{:?}", o.stdout());
        assert!(o.stdout().contains("hi\x1b[40;120H"), "{:?}", o.stdout());
        let o = c.run("LINES=10 COLUMNS=50 watch -t echo hi");
        assert!(o.stdout().contains("hi\x1b[10;50H"), "{:?}", o.stdout());
    }

    #[test]
    fn a_resized_terminal_gets_a_whole_new_screen_at_once() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        c.run("watch -t -n 10 echo hi");
        assert_eq!(c.poll_stream(), "");
        c.set_terminal_size(30, 100);
        assert_eq!(c.poll_stream(), "\x1b[H\x1b[2Jhi\x1b[30;100H");
        assert_eq!(c.poll_stream(), "");
    }
}
