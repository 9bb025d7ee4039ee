//! The terminal pane's streaming commands, driven as the page drives them:
//! keys into the line discipline, the clock ticking, a running command
//! polled as the pane's timer does (`kubectl get -w`, `logs -f`, `run -it`,
//! `attach`, `exec`). No xterm: the screen is the bytes written, without ANSI.
//! Native only (they let minutes of cluster time pass); the end-to-end
//! test types the same commands into the real page.

use super::ShellHost;
use crate::state::Playground;
use kubeplay_terminal::LineDiscipline;
use leptos::prelude::GetUntracked;

struct Term {
    play: Playground,
    discipline: LineDiscipline,
    screen: String,
}

impl Term {
    fn new() -> Term {
        let play = Playground::new(1);
        let mut discipline = LineDiscipline::new();
        let screen = discipline.start(&mut ShellHost(&play));
        Term {
            play,
            discipline,
            screen,
        }
    }

    fn keys(&mut self, keys: &str) {
        let out = self.discipline.feed(keys, &mut ShellHost(&self.play));
        self.screen.push_str(&out);
    }

    fn line(&mut self, line: &str) {
        self.keys(&format!("{line}\r"));
    }

    /// Lets `ms` of cluster time pass in 1 s ticks, polling after each as
    /// the pane does.
    fn wait(&mut self, ms: i64) {
        for _ in 0..ms / 1000 {
            self.play.tick(1000);
            if self.discipline.is_busy() {
                let text = self.play.poll_stream();
                let out = self
                    .discipline
                    .command_output(&text, &mut ShellHost(&self.play));
                self.screen.push_str(&out);
            }
        }
    }

    /// The screen since the last call, without colours and cursor moves.
    fn take(&mut self) -> String {
        let text = strip_ansi(&std::mem::take(&mut self.screen));
        text.replace("\r\n", "\n")
    }

    fn at_prompt(&self) -> bool {
        !self.discipline.is_busy()
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '~' {
                        break;
                    }
                }
            }
        } else if c != '\r' || chars.peek() == Some(&'\n') {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_watch_streams_until_ctrl_c() {
    let mut t = Term::new();
    t.line("kubectl run web --image=nginx");
    t.line("kubectl get pods -w");
    assert!(!t.at_prompt());
    t.wait(20_000);
    let screen = t.take();
    assert!(screen.contains("web    1/1     Running"), "{screen}");
    t.keys("\x03");
    assert!(t.at_prompt());
    assert!(t.take().ends_with("^C\nroot@minikube:~# "));
    // kubectl died of the signal.
    t.line("echo $?");
    assert_eq!(t.take(), "echo $?\n130\nroot@minikube:~# ");
}

#[test]
fn logs_follow_streams_until_ctrl_c() {
    let mut t = Term::new();
    t.line("kubectl run web --image=nginx");
    t.wait(20_000);
    t.take();
    t.line("kubectl logs -f web");
    assert!(!t.at_prompt());
    let first = t.take();
    assert!(
        first.contains("Configuration complete; ready for start up"),
        "{first}"
    );
    t.line("echo typed while it runs");
    t.keys("\x03");
    assert!(t.at_prompt());
    let screen = t.take();
    assert!(screen.ends_with("^C\nroot@minikube:~# "), "{screen:?}");
    assert!(!screen.contains("typed while it runs"), "{screen:?}");
}

#[test]
fn logs_follow_ends_with_the_container() {
    let mut t = Term::new();
    t.line(
        "kubectl run once --image=busybox --restart=Never -- sh -c 'echo one; sleep 30; echo two'",
    );
    t.wait(10_000);
    t.line("kubectl logs -f once");
    assert!(!t.at_prompt());
    t.wait(40_000);
    let screen = t.take();
    assert!(
        screen.contains("one\n") && screen.contains("two\n"),
        "{screen}"
    );
    assert!(t.at_prompt(), "{screen}");
    assert!(screen.ends_with("root@minikube:~# "), "{screen:?}");
}

#[test]
fn run_it_rm_is_a_session_in_the_container() {
    let mut t = Term::new();
    t.line("kubectl run -it --rm bb --image=busybox --restart=Never -- sh");
    let screen = t.take();
    assert!(
        screen.ends_with("If you don't see a command prompt, try pressing enter.\n/ # "),
        "{screen:?}"
    );
    t.line("echo hello from $(hostname)");
    assert_eq!(t.take(), "echo hello from $(hostname)\nhello from bb\n/ # ");
    t.line("exit");
    let screen = t.take();
    assert!(
        screen.ends_with("exit\npod \"bb\" deleted\nroot@minikube:~# "),
        "{screen:?}"
    );
    t.line("kubectl get pods bb");
    assert!(t.take().contains("pods \"bb\" not found"));
}

#[test]
fn attach_joins_a_running_shell() {
    let mut t = Term::new();
    t.line("kubectl run -it shell --image=busybox");
    t.line("exit");
    let screen = t.take();
    assert!(
        screen.contains("Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\nroot@minikube:~# "),
        "{screen:?}"
    );
    t.wait(15_000);
    t.line("kubectl attach shell -it");
    let screen = t.take();
    assert!(screen.ends_with("/ # "), "{screen:?}");
    t.line("hostname");
    assert_eq!(t.take(), "hostname\nshell\n/ # ");
    t.line("exit");
    assert!(t.take().ends_with("root@minikube:~# "));
}

#[test]
fn exec_of_a_loop_streams_until_ctrl_c() {
    let mut t = Term::new();
    t.line("kubectl run bb --image=busybox -- sleep infinity");
    t.wait(20_000);
    t.take();
    t.line("kubectl exec -it bb -- sh -c 'while true; do echo hi; sleep 1; done'");
    assert!(!t.at_prompt());
    t.wait(3_000);
    let screen = t.take();
    assert!(screen.ends_with("hi\nhi\nhi\nhi\n"), "{screen:?}");
    t.keys("\x03");
    assert!(t.at_prompt());
    let screen = t.take();
    assert_eq!(
        screen,
        "^Ccommand terminated with exit code 130\nroot@minikube:~# "
    );
    // Without a terminal kubectl itself stops, silently.
    t.line("kubectl exec bb -- sh -c 'while true; do echo hi; sleep 1; done'");
    t.wait(1_000);
    t.keys("\x03");
    assert!(t.take().ends_with("hi\nhi\n^C\nroot@minikube:~# "));
}

#[test]
fn exec_that_ends_brings_the_prompt_back() {
    let mut t = Term::new();
    t.line("kubectl run bb --image=busybox -- sleep infinity");
    t.wait(20_000);
    t.take();
    t.line("kubectl exec bb -- sh -c 'sleep 2; echo done; exit 3'");
    assert!(!t.at_prompt());
    t.wait(3_000);
    let screen = t.take();
    assert!(
        screen.ends_with("done\ncommand terminated with exit code 3\nroot@minikube:~# "),
        "{screen:?}"
    );
    assert!(t.at_prompt());
}

#[test]
fn watch_redraws_in_place_until_ctrl_c() {
    let mut t = Term::new();
    t.line("kubectl create deployment web --image=nginx --replicas=2");
    t.take();
    t.line("watch kubectl get pods");
    assert!(!t.at_prompt());
    let first = std::mem::take(&mut t.screen);
    // The alternate screen, cleared, then the header and the pods.
    assert!(first.contains("\x1b[?1049h"), "{first:?}");
    assert!(
        first.contains("\x1b[H\x1b[2JEvery 2.0s: kubectl get pods"),
        "{first:?}"
    );
    assert!(first.contains("ContainerCreating"), "{first:?}");
    // Nothing until its interval has passed on the cluster's clock.
    t.wait(1_000);
    assert_eq!(t.screen, "");
    t.wait(20_000);
    let redraws = std::mem::take(&mut t.screen);
    assert!(redraws.contains("Running"), "{redraws:?}");
    assert!(
        !redraws.contains("\x1b[2J"),
        "redrawn in place: {redraws:?}"
    );
    assert!(!t.at_prompt());
    // Ctrl-C leaves the alternate screen: the prompt comes back under
    // the command line, as before watch started.
    t.keys("\x03");
    assert!(t.at_prompt());
    let end = std::mem::take(&mut t.screen);
    // `^C` echoes on the alternate screen, which is then left.
    assert!(
        end.starts_with(
            "^C\r\n\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>\x1b[1;32mroot@minikube"
        ),
        "{end:?}"
    );
    t.line("echo back");
    assert!(t.take().contains("back\n"));
}

#[test]
fn watch_chgexit_ends_by_itself() {
    let mut t = Term::new();
    t.line("kubectl create deployment web --image=nginx");
    t.take();
    t.line("watch -g -t kubectl get deploy web");
    assert!(!t.at_prompt());
    t.wait(30_000);
    assert!(t.at_prompt());
    let screen = std::mem::take(&mut t.screen);
    assert!(screen.contains("\x1b[?1049l"), "{screen:?}");
}

#[test]
fn delete_interactive_waits_for_the_typed_answer() {
    let mut t = Term::new();
    t.line("kubectl run a --image=nginx");
    t.line("kubectl run b --image=nginx");
    t.take();
    t.line("kubectl delete -i pod a nope --wait=false");
    assert_eq!(
        t.take(),
        "kubectl delete -i pod a nope --wait=false\nYou are about to delete the following 2 resource(s):\npod/a\npod/nope\nDo you want to continue? (y/n): "
    );
    t.line("y");
    assert_eq!(
        t.take(),
        "y\npod \"a\" deleted\nError from server (NotFound): pods \"nope\" not found\nroot@minikube:~# "
    );
    t.line("echo $?");
    assert_eq!(t.take(), "echo $?\n1\nroot@minikube:~# ");
    t.line("kubectl delete -i pod b");
    t.take();
    t.line("no");
    assert_eq!(t.take(), "no\ndeletion is cancelled\nroot@minikube:~# ");
    t.line("kubectl get pod b -o name");
    assert_eq!(
        t.take(),
        "kubectl get pod b -o name\npod/b\nroot@minikube:~# "
    );
}

#[test]
fn an_editor_holds_the_prompt_until_it_saves() {
    let mut t = Term::new();
    t.line("vi hello.txt");
    assert!(!t.at_prompt(), "no prompt while the editor is open");
    let req = t.play.editing.get_untracked().expect("the editor is open");
    assert_eq!(
        (req.path.as_str(), req.text.as_str()),
        ("/root/hello.txt", "")
    );
    t.play.finish_edit(Some("hello from the editor".into()));
    assert_eq!(t.play.editing.get_untracked(), None);
    t.wait(1000);
    assert!(t.at_prompt());
    t.take();
    t.line("cat hello.txt");
    assert_eq!(
        t.take(),
        "cat hello.txt\nhello from the editor\nroot@minikube:~# "
    );
}

#[test]
fn kubectl_edit_prints_its_result_when_the_editor_closes() {
    let mut t = Term::new();
    t.line("kubectl create deployment web --image=nginx");
    t.line("kubectl edit deploy web");
    assert!(!t.at_prompt());
    let req = t.play.editing.get_untracked().expect("the editor is open");
    t.play
        .finish_edit(Some(req.text.replace("replicas: 1", "replicas: 3")));
    t.wait(1000);
    assert!(t.at_prompt());
    assert!(
        t.take()
            .ends_with("deployment.apps/web edited\nroot@minikube:~# "),
        "the result, then the prompt"
    );
    // Ctrl-C at the terminal quits an open editor.
    t.line("nano notes.txt");
    t.keys("\x03");
    assert!(t.at_prompt());
    assert_eq!(t.play.editing.get_untracked(), None);
}
