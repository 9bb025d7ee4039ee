//! The network for a container's main process (a load generator's `wget`
//! loop). A simulation cannot know what the cluster answers at a moment
//! still to come, so it stops at a network call; when the world reaches
//! that moment it makes the call for real (`World::answer_main_processes`)
//! and the process is simulated again, replaying the answers it got. Once
//! the run has repeated the same call with the same answer, output, period
//! and files `STEADY_AFTER` times in a loop, it is taken to be steady: from
//! then on a rate model goes on without the shell, making a few real calls
//! per batch (round-robin through a Service repeats with its endpoints) and
//! counting the rest, so an hour of a 10 ms loop is not 360,000 shell
//! iterations. Deterministic: answers depend only on the world at their
//! moment.

use super::process::{image_of, ProcHost, Process};
use super::Kubelet;
use crate::network::{InPod, LogLine, View};
use crate::world::World;
use kubeplay_shell::{Output, Stream, Vfs};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identical iterations before a loop is taken to be steady.
const STEADY_AFTER: usize = 16;
/// Calls answered one by one before a process that never settles is left
/// running silently (each answer re-simulates from the start).
const MAX_ANSWERS: usize = 1_000;
/// Real calls per steady batch: enough to see a Service's round-robin repeat.
const REAL_PER_BATCH: usize = 32;
/// A steady loop's output and load are produced at least this often.
pub const BATCH_MS: i64 = 5_000;
/// Requests are counted in buckets of this many ms (the CPU model's grain).
const BUCKET_MS: i64 = 100;

/// One answered network call of the main process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetAnswer {
    pub out: Output,
    pub elapsed_ms: i64,
    /// The files after the call, when it wrote any (`wget -O file`).
    pub vfs: Option<Vfs>,
}

/// A call waiting for its moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetCall {
    pub at: i64,
    pub name: String,
    pub args: Vec<String>,
    pub cwd: String,
    pub vfs: Vfs,
}

/// A loop repeating `call`: the next one at `next_at`, each `sleep_ms`
/// plus its answer's time after the one before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Steady {
    pub call: NetCall,
    pub next_at: i64,
    pub sleep_ms: i64,
    /// Whether the answer's text is part of the output (not redirected).
    pub echoed: bool,
    /// What else one iteration prints, after the answer.
    pub rest: String,
}

/// One network call seen in a run.
#[derive(Clone, Debug)]
pub struct CallMark {
    pub at: i64,
    pub key: String,
    /// Output entries written before the call.
    pub mark: usize,
}

fn text_of(out: &Output) -> String {
    out.chunks.iter().map(|(_, t)| t.as_str()).collect()
}

impl ProcHost<'_, '_> {
    /// A main process's `wget`/`curl`: the recorded answer, or the run
    /// stops here until the world answers.
    pub(super) fn net_call(
        &mut self,
        name: String,
        args: &[String],
        vfs: &mut Vfs,
        cwd: &str,
    ) -> Output {
        let key = format!("{name}\0{}\0{cwd}", args.join("\0"));
        self.calls.push(CallMark {
            at: self.now,
            key,
            mark: self.output.len(),
        });
        if let Some(a) = self.answers.and_then(|all| all.get(self.used)) {
            self.used += 1;
            if let Some(files) = &a.vfs {
                *vfs = files.clone();
            }
            if a.elapsed_ms > 0 {
                self.wait(a.elapsed_ms);
            }
            return a.out.clone();
        }
        self.pending = Some(NetCall {
            at: self.now,
            name,
            args: args.to_vec(),
            cwd: cwd.to_string(),
            vfs: vfs.clone(),
        });
        self.halted = true;
        Output::default()
    }
}

/// Whether a run that stopped at a call has been repeating it: the same
/// call, answer, period and output `STEADY_AFTER` times in a loop, with
/// no file changed meanwhile.
pub(super) fn steady(host: &ProcHost, answers: &[NetAnswer], script: &str) -> Option<Steady> {
    let pending = host.pending.as_ref()?;
    let looped = script
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "while" | "until" | "for"));
    let n = host.calls.len();
    if !looped || n <= STEADY_AFTER || answers.len() < n - 1 {
        return None;
    }
    let last = &host.calls[n - STEADY_AFTER - 1..];
    let period = last[1].at - last[0].at;
    let same_calls = last
        .windows(2)
        .all(|w| w[1].key == w[0].key && w[1].at - w[0].at == period);
    let got = &answers[n - STEADY_AFTER - 1..n - 1];
    let answer = &got[0];
    if period <= 0 || !same_calls || answer.vfs.is_some() || got.iter().any(|a| a != answer) {
        return None;
    }
    let texts: Vec<String> = last
        .windows(2)
        .map(|w| {
            host.output[w[0].mark..w[1].mark]
                .iter()
                .map(|(_, t)| t.as_str())
                .collect()
        })
        .collect();
    if texts.iter().any(|t| *t != texts[0]) {
        return None;
    }
    let files_still = host
        .snapshots
        .as_ref()
        .and_then(|s| s.last())
        .is_some_and(|(t, _)| *t <= last[0].at);
    let sleep_ms = period - answer.elapsed_ms;
    if !files_still || sleep_ms < 0 {
        return None;
    }
    let said = text_of(&answer.out);
    let (echoed, rest) = match texts[0].strip_prefix(&said) {
        Some(rest) if !said.is_empty() => (true, rest.to_string()),
        _ => (false, texts[0].clone()),
    };
    Some(Steady {
        call: pending.clone(),
        next_at: pending.at,
        sleep_ms,
        echoed,
        rest,
    })
}

/// One real call of a steady batch and what it left in the view.
struct Rep {
    text: String,
    elapsed_ms: i64,
    served: Vec<(String, String)>,
    logs: Vec<LogLine>,
}

/// The shortest period the targets of the real calls repeat with.
fn cycle(reps: &[Rep]) -> usize {
    (1..=reps.len())
        .find(|c| (0..reps.len()).all(|j| reps[j].served == reps[j % c].served))
        .unwrap_or(reps.len())
        .max(1)
}

impl Process {
    /// When the network next needs the world: a waiting call's moment, or
    /// a steady loop's next batch.
    pub(super) fn net_wakeup(&self) -> Option<i64> {
        if let Some(c) = &self.pending {
            return Some(c.at);
        }
        self.steady.as_ref().map(|s| s.next_at + BATCH_MS)
    }

    /// Whether a call is due by `now` (and before the process ended).
    fn net_due(&self, now: i64) -> bool {
        let end = self.exit.as_ref().map_or(now, |e| e.at.min(now));
        self.pending.as_ref().is_some_and(|c| c.at <= end)
            || self.steady.as_ref().is_some_and(|s| s.next_at <= end)
    }

    /// Answers the calls due by `now` through the pod's network.
    fn answer_network(&mut self, now: i64, net: &mut InPod) {
        let end = self.exit.as_ref().map_or(now, |e| e.at.min(now));
        let image = image_of(&self.spec.image);
        while let Some(call) = self.pending.take_if(|c| c.at <= end) {
            let mut vfs = call.vfs.clone();
            let answer = match net.run_tool(image, &call.name, &call.args, &mut vfs, &call.cwd) {
                Some(ran) => NetAnswer {
                    out: ran.out,
                    elapsed_ms: ran.elapsed_ms,
                    vfs: (!vfs.same_files(&call.vfs)).then_some(vfs),
                },
                None => NetAnswer {
                    out: Output {
                        chunks: vec![(Stream::Stderr, format!("sh: {}: not found\n", call.name))],
                        status: 127,
                    },
                    elapsed_ms: 0,
                    vfs: None,
                },
            };
            self.answers.push(answer);
            if self.answers.len() > MAX_ANSWERS {
                self.frozen = true;
                return;
            }
            // Simulated again from the start with one more answer.
            self.horizon = self.started_at;
            self.extend_to(now);
        }
        if self.steady.is_some() {
            self.run_steady(end, net);
        }
    }

    /// The rate model: every iteration due by `end`, a few of them real.
    fn run_steady(&mut self, end: i64, net: &mut InPod) {
        let Some(mut st) = self.steady.take() else {
            return;
        };
        let image = image_of(&self.spec.image);
        let mut reps: Vec<Rep> = vec![];
        let mut period_of_targets = None;
        let mut text = String::new();
        let mut buckets: BTreeMap<(i64, String, String), u32> = BTreeMap::new();
        let mut last_at = None;
        let mut i = 0usize;
        while st.next_at <= end {
            let k = if i < REAL_PER_BATCH {
                let (s0, l0) = (net.view.served.len(), net.view.logs.len());
                let mut vfs = st.call.vfs.clone();
                let ran = net.run_tool(image, &st.call.name, &st.call.args, &mut vfs, &st.call.cwd);
                let (text, elapsed_ms) =
                    ran.map_or((String::new(), 0), |r| (text_of(&r.out), r.elapsed_ms));
                reps.push(Rep {
                    text,
                    elapsed_ms,
                    served: net.view.served.drain(s0..).collect(),
                    logs: net.view.logs.drain(l0..).collect(),
                });
                i
            } else {
                let c = *period_of_targets.get_or_insert_with(|| cycle(&reps));
                net.view.net.picks += 1;
                i % c
            };
            let rep = &reps[k];
            if st.echoed {
                text.push_str(&rep.text);
            }
            text.push_str(&st.rest);
            let bucket = st.next_at - st.next_at.rem_euclid(BUCKET_MS);
            for (ns, pod) in &rep.served {
                *buckets
                    .entry((bucket, ns.clone(), pod.clone()))
                    .or_default() += 1;
            }
            net.view.logs.extend(rep.logs.iter().cloned());
            last_at = Some(st.next_at);
            st.next_at += (rep.elapsed_ms + st.sleep_ms).max(1);
            i += 1;
        }
        if let (Some(at), false) = (last_at, text.is_empty()) {
            self.output.push((at, text));
        }
        for ((at, ns, pod), n) in buckets {
            net.view.served_counts.push((ns, pod, at, n));
        }
        self.steady = Some(st);
    }
}

impl Kubelet {
    /// Containers whose main process has a network call due by `now`:
    /// (pod uid, container, namespace, pod IP).
    fn net_due(&self, now: i64) -> Vec<(String, String, String, String)> {
        let mut out = vec![];
        for run in self.pods.values() {
            let Some(ip) = &run.ip else { continue };
            for c in run.init_containers.iter().chain(&run.containers) {
                if c.process.as_ref().is_some_and(|p| p.net_due(now)) {
                    out.push((
                        run.uid.clone(),
                        c.name.clone(),
                        run.namespace.clone(),
                        ip.clone(),
                    ));
                }
            }
        }
        out
    }

    fn process_mut(&mut self, uid: &str, container: &str) -> Option<&mut Process> {
        let run = self.pods.get_mut(uid)?;
        run.init_containers
            .iter_mut()
            .chain(run.containers.iter_mut())
            .find(|c| c.name == container)?
            .process
            .as_mut()
    }
}

impl World {
    /// Makes the main processes' network calls that are due, as the pod
    /// network has it now; the kubelet then steps those pods again.
    pub fn answer_main_processes(&mut self) {
        let now = self.now().0;
        let due: Vec<(usize, Vec<_>)> = self
            .kubelets
            .iter()
            .enumerate()
            .map(|(i, k)| (i, k.net_due(now)))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        if due.is_empty() {
            return;
        }
        let mut view = View::of(self);
        for (i, calls) in due {
            let kubelet = &mut self.kubelets[i];
            for (uid, container, namespace, ip) in calls {
                let Some(p) = kubelet.process_mut(&uid, &container) else {
                    continue;
                };
                let mut in_pod = InPod {
                    view: &mut view,
                    namespace,
                    ip,
                    api: Some(&mut self.api),
                };
                p.answer_network(now, &mut in_pod);
                kubelet.unstep(&uid);
            }
        }
        view.apply(self);
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    fn cpu_of(c: &Cluster, prefix: &str) -> Vec<u64> {
        c.world()
            .usage()
            .into_iter()
            .flat_map(|(_, pods)| pods)
            .filter(|p| p.name.starts_with(prefix))
            .map(|p| p.containers[0].cpu_nanocores / 1_000_000)
            .collect()
    }

    fn php_apache(c: &mut Cluster) {
        c.run("kubectl create deployment php-apache --image=registry.k8s.io/hpa-example");
        c.run("kubectl set resources deployment php-apache --requests=cpu=200m --limits=cpu=500m");
        c.run("kubectl expose deployment php-apache --port=80");
        c.run("sleep 30");
    }

    #[test]
    fn a_wget_loop_loads_a_service_at_its_rate() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        php_apache(&mut c);
        assert_eq!(cpu_of(&c, "php-apache"), vec![1]);
        c.run("kubectl run load --image=busybox:1.28 --restart=Never -- /bin/sh -c \"while sleep 0.01; do wget -q -O- http://php-apache; done\"");
        c.run("sleep 60");
        // Each request takes 50 m·s of CPU, 100 ms at the 500m limit: with
        // the 10 ms sleep, 90 requests in the 10 s window: 450m + 1m idle.
        assert_eq!(cpu_of(&c, "php-apache"), vec![451]);
        let steady = c.world().kubelets.iter().any(|k| {
            k.pods.values().any(|r| {
                r.containers
                    .iter()
                    .any(|ct| ct.process.as_ref().is_some_and(|p| p.steady.is_some()))
            })
        });
        assert!(steady, "the loop runs on the rate model");
        let log = c.run("kubectl logs load");
        assert!(log.stdout().starts_with("OK!OK!OK!"), "{}", log.stdout());
        // 60 s at 110 ms a request (the image pull and start came first).
        let n = log.stdout().matches("OK!").count();
        assert!((400..=560).contains(&n), "{n}");
        c.run("kubectl delete pod load");
        c.run("sleep 15");
        assert_eq!(cpu_of(&c, "php-apache"), vec![1]);
    }

    #[test]
    fn a_single_call_is_answered_at_its_moment() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create deployment web --image=nginx");
        c.run("kubectl expose deployment web --port=80");
        c.run("kubectl run once --image=busybox --restart=Never -- sh -c 'sleep 40; wget -q -O- http://web | head -n 4; wget -q -O- http://nope; echo done $?'");
        c.run("sleep 60");
        let log = c.run("kubectl logs once");
        assert_eq!(
            log.stdout(),
            "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\nwget: bad address 'nope'\ndone 1\n"
        );
        let phase = c.run("kubectl get pod once -o jsonpath={.status.phase}");
        assert_eq!(phase.stdout(), "Succeeded");
    }
}
