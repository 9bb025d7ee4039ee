//! What each running container uses, as the kubelet's resource metrics
//! report it to metrics-server: the serving program's idle CPU and memory
//! from the image catalogue, a leak's growth over time, a burner's chosen
//! CPU, a bare shell's crumbs; CPU never above the container's limit.

use super::container::State;
use super::Kubelet;
use crate::images::Then;
use crate::world::World;
use serde::{Deserialize, Serialize};

/// Busy servers' CPU follows the requests of the last this many ms.
const RATE_WINDOW_MS: i64 = 10_000;

/// A shell or `sleep` as the main process: next to nothing.
const SHELL_MEMORY_BYTES: u64 = 512 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerUsage {
    pub name: String,
    pub cpu_nanocores: u64,
    pub memory_bytes: u64,
    /// When the container started (metrics-server keys its points on it).
    #[serde(default)]
    pub started_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodUsage {
    pub namespace: String,
    pub name: String,
    /// Running containers only (sidecars included), in spec order.
    pub containers: Vec<ContainerUsage>,
}

impl Kubelet {
    /// Usage of every pod on this node with a running container, at `now`.
    pub fn usage(&self, now: i64) -> Vec<PodUsage> {
        let mut out = vec![];
        for run in self.pods.values() {
            let containers: Vec<ContainerUsage> = run
                .init_containers
                .iter()
                .chain(&run.containers)
                .filter_map(|c| {
                    let State::Running { started_at } = c.state else {
                        return None;
                    };
                    let p = c.process.as_ref()?;
                    let (cpu_m, mem) = match p.serving_at(now) {
                        Some((prog, since)) => {
                            let mut mib = u64::from(prog.memory_mib);
                            let mut cpu = u64::from(prog.cpu_milli);
                            match prog.then {
                                Then::Leak { mib_per_sec } => {
                                    mib += u64::from(mib_per_sec)
                                        * ((now - since).max(0) as u64 / 1000);
                                }
                                Then::Busy { milli_per_rps } => {
                                    let recent: u64 = run
                                        .requests
                                        .iter()
                                        .filter(|(t, _)| *t > now - RATE_WINDOW_MS && *t <= now)
                                        .map(|(_, n)| u64::from(*n))
                                        .sum();
                                    cpu += u64::from(milli_per_rps) * recent * 1000
                                        / RATE_WINDOW_MS as u64;
                                }
                                Then::Burn { env } => {
                                    if let Some(m) =
                                        p.spec.env.get(env).and_then(|v| v.parse().ok())
                                    {
                                        cpu = m;
                                    }
                                }
                                _ => {}
                            }
                            (cpu, mib * 1024 * 1024)
                        }
                        None => (0, SHELL_MEMORY_BYTES),
                    };
                    let cpu_m = p.spec.cpu_limit_milli.map_or(cpu_m, |l| cpu_m.min(l));
                    Some(ContainerUsage {
                        name: c.name.clone(),
                        cpu_nanocores: cpu_m * 1_000_000,
                        memory_bytes: mem,
                        started_at,
                    })
                })
                .collect();
            if !containers.is_empty() {
                out.push(PodUsage {
                    namespace: run.namespace.clone(),
                    name: run.name.clone(),
                    containers,
                });
            }
        }
        out.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        out
    }
}

impl Kubelet {
    /// The running containers of `repository` on this node: pod uid, the
    /// container's start and its argv.
    pub fn running_image(&self, repository: &str) -> Vec<(String, i64, Vec<String>)> {
        let mut out = vec![];
        for run in self.pods.values() {
            for c in &run.containers {
                let State::Running { started_at } = c.state else {
                    continue;
                };
                let same = crate::images::parse(&c.image).is_ok_and(|r| r.repository == repository);
                if same {
                    let argv = c.process.as_ref().map(|p| p.spec.argv.clone());
                    out.push((run.uid.clone(), started_at, argv.unwrap_or_default()));
                }
            }
        }
        out
    }
}

impl Kubelet {
    /// `count` requests answered by the pod at `at` (what a Service's
    /// traffic does to a busy server's CPU); the last minute is kept.
    pub fn record_requests(&mut self, namespace: &str, name: &str, at: i64, count: u32) -> bool {
        let Some(run) = self
            .pods
            .values_mut()
            .find(|r| r.namespace == namespace && r.name == name)
        else {
            return false;
        };
        run.requests.retain(|(t, _)| *t > at - 60_000);
        match run.requests.last_mut() {
            Some((t, n)) if *t == at => *n += count,
            _ => run.requests.push((at, count)),
        }
        true
    }
}

impl World {
    /// The pod `namespace/name` answered a request now: the hook for the
    /// network model (a load generator's wget) and for tests.
    pub fn record_request(&mut self, namespace: &str, name: &str) -> bool {
        let now = self.now().0;
        self.record_requests(namespace, name, now, 1)
    }

    /// `count` requests the pod answered at `at` (the rate model's batches).
    pub fn record_requests(&mut self, namespace: &str, name: &str, at: i64, count: u32) -> bool {
        self.kubelets
            .iter_mut()
            .any(|k| k.record_requests(namespace, name, at, count))
    }

    /// Every node's pods' usage now (what metrics-server would scrape).
    pub fn usage(&self) -> Vec<(String, Vec<PodUsage>)> {
        let now = self.now().0;
        self.kubelets
            .iter()
            .map(|k| (k.node.clone(), k.usage(now)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    fn pod_usage(c: &Cluster, name: &str) -> Option<(u64, u64)> {
        c.world()
            .usage()
            .into_iter()
            .flat_map(|(_, pods)| pods)
            .find(|p| p.name == name)
            .map(|p| (p.containers[0].cpu_nanocores, p.containers[0].memory_bytes))
    }

    #[test]
    fn idle_servers_and_leaks() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl run web --image=nginx:1.27");
        c.run("kubectl run leak --image=kubeplay/memory-leak");
        c.run("sleep 30");
        assert_eq!(pod_usage(&c, "web"), Some((1_000_000, 3 * 1024 * 1024)));
        let (_, before) = pod_usage(&c, "leak").unwrap();
        c.run("sleep 10");
        let (_, after) = pod_usage(&c, "leak").unwrap();
        assert_eq!(after - before, 100 * 1024 * 1024);
    }

    #[test]
    fn busy_servers_follow_their_request_rate() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl run php --image=registry.k8s.io/hpa-example");
        c.run("sleep 30");
        assert_eq!(pod_usage(&c, "php").map(|u| u.0), Some(1_000_000));
        // 20 requests a second for 10 seconds: 20 × 50m on top of idle.
        for _ in 0..10 {
            for _ in 0..20 {
                assert!(c.world_mut().record_request("default", "php"));
            }
            c.run("sleep 1");
        }
        assert_eq!(pod_usage(&c, "php").map(|u| u.0), Some(901_000_000));
        c.run("sleep 20");
        assert_eq!(pod_usage(&c, "php").map(|u| u.0), Some(1_000_000));
        assert!(!c.world_mut().record_request("default", "nope"));
    }

    #[test]
    fn burners_are_throttled_at_their_limit() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create deployment b --image=kubeplay/cpu-burn");
        c.run("kubectl set resources deployment b --limits=cpu=300m");
        c.run("sleep 30");
        let burn = c
            .world()
            .usage()
            .into_iter()
            .flat_map(|(_, p)| p)
            .find(|p| p.name.starts_with("b-"));
        assert_eq!(
            burn.map(|p| p.containers[0].cpu_nanocores),
            Some(300_000_000)
        );
    }

    #[test]
    fn oom_killed_at_the_limit() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: hog\nspec:\n  containers:\n  - name: hog\n    image: kubeplay/memory-leak\n    resources:\n      limits:\n        memory: 50Mi\nEOF");
        c.run("sleep 20");
        let out = c.run("kubectl get pod hog -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'");
        assert_eq!(out.stdout(), "OOMKilled 137");
    }
}
