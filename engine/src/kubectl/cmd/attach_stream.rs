//! An attach to a process that only writes output (`kubectl run -it NAME
//! -- sh -c 'while true; do date; sleep 1; done'`, `run --attach`): what it
//! writes appears as virtual time passes — streamed by the browser until
//! the process ends or Ctrl-C, run on in virtual time by a script until it
//! ends or the command's `timeout`. Afterwards, as kubectl's attach and run
//! do (attach.go reattachMessage, run.go): the reattach hint, `--rm`'s
//! deletion and the exit code.

use super::attach::{end_attach, WAIT_MS};
use crate::kubectl::{Env, Stream};
use crate::kubelet::AttachPoint;
use crate::world::World;
use kubeplay_shell::Output;

/// What follows the attach when the process ends.
#[derive(Clone, Debug, Default)]
pub struct After {
    /// `Session ended, resume using ...` (a terminal, restartPolicy Always).
    pub reattach_hint: Option<String>,
    /// run --restart=Never/OnFailure: report the pod's exit code.
    pub wait_exit: bool,
    /// run --rm: delete the pod.
    pub remove: bool,
}

#[derive(Clone, Debug)]
pub struct AttachFollow {
    namespace: String,
    pod: String,
    container: String,
    at: AttachPoint,
    /// Bytes of the instance's output printed so far.
    sent: usize,
    after: After,
    done: bool,
}

/// How a followed attach left the command.
#[derive(Debug, PartialEq, Eq)]
pub enum Followed {
    /// The process ended (or a script's wait ran out): the caller goes on
    /// with what kubectl does after an attach.
    Ended,
    /// Left running: the host streams it, or the command's timeout ended it.
    Left,
}

impl AttachFollow {
    pub fn new(world: &World, ns: &str, pod: &str, container: &str, after: After) -> AttachFollow {
        AttachFollow {
            namespace: ns.into(),
            pod: pod.into(),
            container: container.into(),
            at: world.attach_point(ns, pod, container),
            sent: 0,
            after,
            done: false,
        }
    }

    /// What the process wrote since the last call, and whether it ended.
    fn output(&mut self, world: &World) -> (String, bool) {
        let (text, ended) =
            world.attach_output(&self.namespace, &self.pod, &self.container, &self.at);
        let new = text.get(self.sent..).unwrap_or("").to_string();
        self.sent = text.len();
        (new, ended)
    }

    /// The host's poll: new output; when the process ends, what follows it.
    pub fn poll(&mut self, world: &mut World) -> String {
        if self.done {
            return String::new();
        }
        let (mut text, ended) = self.output(world);
        if ended {
            self.done = true;
            let mut out = Output::default();
            end_attach(
                world,
                &self.namespace,
                &self.pod,
                &self.after.reattach_hint,
                self.after.wait_exit,
                self.after.remove,
                &mut out,
            );
            text.extend(out.chunks.into_iter().map(|(_, t)| t));
        }
        text
    }

    pub fn finished(&self) -> bool {
        self.done
    }

    /// Ctrl-C: kubectl stops; with `--rm` it deletes the pod first.
    pub fn interrupt(&mut self, world: &mut World) -> String {
        if self.done || !self.after.remove {
            return String::new();
        }
        self.done = true;
        let mut out = Output::default();
        super::attach::delete_pod(world, &self.namespace, &self.pod, &mut out);
        out.chunks.into_iter().map(|(_, t)| t).collect()
    }
}

/// Follows the process: leaves it to the host (the browser), or runs it on
/// in virtual time and prints what it writes. On `Ended` the reattach hint
/// has been printed; the caller does the rest (exit code, `--rm`).
pub fn follow(env: &mut Env, mut f: AttachFollow) -> Followed {
    let bound = env.deadline.map(|d| d.0);
    if bound.is_none() && env.interactive && env.can_stream {
        env.stream = Some(Stream::Attached(Box::new(f)));
        return Followed::Left;
    }
    let now = env.world.now().0;
    let end = bound.unwrap_or(if env.interactive { now } else { now + WAIT_MS });
    loop {
        let (text, ended) = f.output(env.world);
        env.print(text);
        if ended {
            if let Some(h) = &f.after.reattach_hint {
                env.print(format!("{h}\n"));
            }
            return Followed::Ended;
        }
        if env.world.now().0 >= end {
            break;
        }
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
    }
    if bound.is_some() {
        // `timeout` stopped kubectl: nothing after the attach runs.
        env.timed_out = true;
        return Followed::Left;
    }
    // A script stops waiting (kubectl would wait as long as it runs).
    Followed::Ended
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    const LOOP: &str = "sh -c 'while true; do date; sleep 1; done'";

    fn browser() -> Cluster {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        c.run("kubectl run warm --image=busybox -- sleep 3600");
        c.tick(30_000);
        c
    }

    #[test]
    fn a_loop_streams_as_time_passes_until_ctrl_c() {
        let mut c = browser();
        let o = c.run(&format!(
            "kubectl run -it --rm loop --image=busybox -- {LOOP}"
        ));
        assert_eq!(
            o.stderr(),
            "If you don't see a command prompt, try pressing enter.\n"
        );
        assert!(c.is_streaming() && !c.in_session());
        c.tick(3_000);
        let text = c.poll_stream();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.lines().all(|l| l.ends_with(" UTC 2025")), "{text}");
        assert_eq!(c.interrupt(), "pod \"loop\" deleted\n");
        assert!(!c.is_streaming());
        assert!(c.run("kubectl get pod loop").stderr().contains("not found"));
    }

    #[test]
    fn a_script_that_ends_ends_the_stream() {
        let mut c = browser();
        c.run("kubectl run -it --rm once --image=busybox -- sh -c 'sleep 1; echo hi; sleep 1; echo bye'");
        assert!(c.is_streaming());
        c.tick(5_000);
        assert_eq!(
            c.poll_stream(),
            "hi\nbye\nSession ended, resume using 'kubectl attach once -c once -i -t' command when the pod is running\npod \"once\" deleted\n"
        );
        assert!(!c.is_streaming());
    }

    #[test]
    fn a_shell_alone_still_opens_a_session() {
        let mut c = browser();
        c.run("kubectl run -it shell --image=busybox -- sh");
        assert!(c.in_session());
        assert_eq!(c.run("echo hi").stdout(), "hi\n");
    }
}
