//! The minikube node as its own terminal sees it: the learner works inside
//! the node container (`docker exec -it minikube bash`), a kicbase v0.0.47
//! machine (Ubuntu 22.04.5, systemd, Docker 28.1.1 with cri-dockerd, the
//! kubelet kubeadm installed). `Node::observe` reads the instant from the
//! world — the Node object, the kubelet and the pods bound to it — and the
//! tools print it as the real ones would: procps-ng 3.3.17's `ps`, `free`
//! and `uptime` (ps.rs, free.rs, uptime.rs), coreutils 8.32's `df`
//! (df.rs), iproute2 5.15's `ip` (ip.rs), systemd 249's `systemctl`
//! (systemctl.rs). procs.rs is the process table they share; files.rs and
//! static_pods.rs the files kubeadm, minikube and Docker left on the node.
//!
//! Nothing here reads a wall clock: boot time, PIDs and counters derive
//! from the node's registration time and the virtual clock.

mod df;
mod files;
mod free;
mod ip;
mod procs;
mod ps;
mod ps_columns;
pub mod static_pods;
mod systemctl;
mod uptime;

pub use files::write_node_files;

use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::apiserver::ListOptions;
use crate::clusters::Fleet;
use crate::world::World;
use kubeplay_shell::{Invocation, Output};
use serde_json::Value;

/// The node the minikube terminal is.
pub const NODE: &str = "minikube";
pub const NODE_IP: &str = "192.168.49.2";

/// The host programs the node adds to the terminal (besides the shell's).
pub const PROGRAMS: &[&str] = &["df", "free", "ip", "ps", "systemctl", "uptime"];

/// The node container started this long before the node registered
/// (`minikube start`: container, provisioning, `kubeadm init`).
const BOOT_BEFORE_REGISTRATION_MS: i64 = 37_000;
/// kubeadm starts the kubelet 10 s before it registers the node.
const KUBELET_BEFORE_REGISTRATION_MS: i64 = 10_000;
/// The learner's `docker exec -it minikube bash` came when `minikube start`
/// finished (the preset's startup), and bash got the PID `$$` reports.
const SESSION_AFTER_REGISTRATION_MS: i64 = 60_000;
pub const BASH_PID: u32 = 4242;
/// The terminal `docker exec -it` allocated (pts/0 is the container's own
/// `-t` console).
pub const TTY: &str = "pts/1";
/// The first address the minikube kubelet hands out (10.244.0.3).
const FIRST_POD_IP: u32 = u32::from_be_bytes([10, 244, 0, 3]);

/// What the node is at one instant.
pub struct Node {
    pub now: i64,
    /// The node container's start (systemd's boot).
    pub boot: i64,
    /// When the kubelet started (restarted with `minikube start`).
    pub kubelet_since: i64,
    /// The kubelet (and with it the container runtime) runs.
    pub up: bool,
    /// When the learner's bash started.
    pub session: i64,
    pub cpus: u32,
    /// Node capacity: memory (KiB) and the /var file system (KiB).
    pub mem_kb: u64,
    pub disk_kb: u64,
    /// The pods whose sandbox runs here, in start order.
    pub pods: Vec<Pod>,
}

/// A pod with a running sandbox on the node.
pub struct Pod {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub host_network: bool,
    pub ip: Option<String>,
    /// When the kubelet started its sandbox (`status.startTime`).
    pub started: i64,
    /// Its place among the pods: the kubelet's address order for pods
    /// with their own IP, the order among same-instant host-network ones.
    pub key: u32,
    /// The docker ID of its pause container.
    pub sandbox_id: String,
    /// The projected service-account volume, if it has one.
    pub api_access: Option<String>,
    /// The sum of its containers' memory limits, if every one has one.
    pub memory_limit_kb: Option<u64>,
    pub containers: Vec<Container>,
}

/// A running container of a pod.
pub struct Container {
    pub name: String,
    /// Docker's container ID (the pod status's `containerID`).
    pub id: String,
    pub image: String,
    pub started: i64,
    /// Its index among the pod's containers (init containers first).
    pub slot: u32,
    pub restarts: i64,
    pub argv: Vec<String>,
    pub uid: u32,
    pub privileged: bool,
    pub cpu_nanocores: u64,
    pub memory_bytes: u64,
}

impl Node {
    /// The node `minikube` of `world` now.
    pub fn observe(world: &World) -> Node {
        let now = world.now().0;
        let node = get(world, "nodes", "", NODE);
        let registered = node
            .as_ref()
            .and_then(|n| meta::str_at(n, &["metadata", "creationTimestamp"]))
            .and_then(crate::clock::Time::parse_rfc3339)
            .map_or(crate::clock::EPOCH.0, |t| t.0);
        let capacity = |what: &str| {
            node.as_ref()
                .and_then(|n| meta::str_at(n, &["status", "capacity", what]))
                .and_then(Quantity::parse)
                .map(|q| q.value())
        };
        let kubelet = world.kubelets.iter().find(|k| k.node == NODE);
        let up = kubelet.is_some_and(|k| !k.is_stopped());
        let kubelet_since = kubelet
            .and_then(|k| k.started_since())
            .unwrap_or(registered - KUBELET_BEFORE_REGISTRATION_MS);
        let boot = kubelet_since - (BOOT_BEFORE_REGISTRATION_MS - KUBELET_BEFORE_REGISTRATION_MS);
        let mut n = Node {
            now,
            boot,
            kubelet_since,
            up,
            session: registered + SESSION_AFTER_REGISTRATION_MS,
            cpus: capacity("cpu").map_or(2, |c| c.clamp(1, 256) as u32),
            mem_kb: capacity("memory").map_or(8_025_424, |m| (m / 1024).max(1) as u64),
            disk_kb: capacity("ephemeral-storage").map_or(61_202_244, |d| (d / 1024).max(1) as u64),
            pods: vec![],
        };
        if let (true, Some(k)) = (up, kubelet) {
            n.pods = pods(world, &k.usage(now), now);
        }
        n
    }

    /// Seconds since boot.
    pub fn uptime_secs(&self) -> f64 {
        (self.now - self.boot).max(0) as f64 / 1000.0
    }

    /// The 1, 5 and 15 minute load averages: the run queue of `minikube
    /// start` (kubeadm, image loads) decaying to the steady one of the
    /// running components, as the kernel's exponential averages do.
    pub fn load_average(&self) -> [f64; 3] {
        let busy_until = self.kubelet_since + KUBELET_BEFORE_REGISTRATION_MS + 15_000;
        let steady = 0.28
            + self
                .pods
                .iter()
                .flat_map(|p| &p.containers)
                .map(|c| c.cpu_nanocores as f64 / 1e9)
                .sum::<f64>()
                * 1.6;
        let steady = if self.up { steady } else { 0.02 };
        let startup = 1.85;
        [60.0, 300.0, 900.0].map(|tau: f64| {
            let busy = (busy_until.min(self.now) - self.boot).max(0) as f64 / 1000.0;
            let after = (self.now - busy_until).max(0) as f64 / 1000.0;
            let at_busy_end = startup * (1.0 - (-busy / tau).exp());
            let decay = (-after / tau).exp();
            at_busy_end * decay + steady * (1.0 - decay)
        })
    }

    /// The node's PID counter at `t`: what the boot and `kubeadm init` used
    /// by the time the node registered, then the forks of a busy start (80
    /// a second while the control plane comes up, 30 while minikube
    /// installs the add-ons), the learner's `docker exec`, then 15 a
    /// second (probes, the runtime's helpers). Wraps at pid_max.
    pub fn pid_clock(&self, t: i64) -> u32 {
        let registered = self.kubelet_since + KUBELET_BEFORE_REGISTRATION_MS;
        let since = (t - registered).max(0);
        let raw = if since < 10_000 {
            1700 + since * 80 / 1000
        } else if since <= SESSION_AFTER_REGISTRATION_MS {
            2500 + (since - 10_000) * 30 / 1000
        } else {
            4300 + (since - SESSION_AFTER_REGISTRATION_MS) * 15 / 1000
        };
        wrap_pid(raw)
    }
}

/// /proc/sys/kernel/pid_max of the host (systemd's default on 64-bit).
pub const PID_MAX: u32 = 4_194_304;

fn wrap_pid(raw: i64) -> u32 {
    let max = i64::from(PID_MAX);
    if raw < max {
        raw.max(1) as u32
    } else {
        (301 + (raw - 301) % (max - 301)) as u32
    }
}

fn get(world: &World, resource: &str, ns: &str, name: &str) -> Option<Value> {
    let r = world.api.registry().resolve(resource)?;
    world.api.get(r, ns, name).ok()
}

fn ms(v: Option<&str>) -> Option<i64> {
    v.and_then(crate::clock::Time::parse_rfc3339).map(|t| t.0)
}

/// The pods with a sandbox on the node, their running containers joined
/// with what the kubelet reports using.
fn pods(world: &World, usage: &[crate::kubelet::PodUsage], now: i64) -> Vec<Pod> {
    let Some(r) = world.api.registry().resolve("pods") else {
        return vec![];
    };
    let opts = ListOptions {
        field_selector: Some(format!("spec.nodeName={NODE}")),
        ..Default::default()
    };
    let listed = world.api.list_shared(r, None, &opts).unwrap_or_default();
    let mut out: Vec<Pod> = vec![];
    for pod in listed.iter() {
        let phase = meta::str_at(pod, &["status", "phase"]).unwrap_or("");
        let Some(started) = ms(meta::str_at(pod, &["status", "startTime"])) else {
            continue;
        };
        let ip = meta::str_at(pod, &["status", "podIP"]).map(String::from);
        if matches!(phase, "Succeeded" | "Failed") || ip.is_none() || started > now {
            continue;
        }
        let host_network =
            meta::at(pod, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true);
        let uid = meta::str_at(pod, &["metadata", "uid"])
            .unwrap_or("")
            .to_string();
        let (namespace, name) = (meta::namespace(pod), meta::name(pod));
        let used = usage
            .iter()
            .find(|u| u.namespace == namespace && u.name == name);
        let specs: Vec<&Value> = ["initContainers", "containers"]
            .iter()
            .filter_map(|f| meta::at(pod, &["spec", f]).and_then(Value::as_array))
            .flatten()
            .collect();
        let statuses: Vec<&Value> = ["initContainerStatuses", "containerStatuses"]
            .iter()
            .filter_map(|f| meta::at(pod, &["status", f]).and_then(Value::as_array))
            .flatten()
            .collect();
        let mut containers = vec![];
        for (slot, spec) in specs.iter().enumerate() {
            let cname = spec["name"].as_str().unwrap_or("");
            let Some(u) = used.and_then(|u| u.containers.iter().find(|c| c.name == cname)) else {
                continue;
            };
            let status = statuses.iter().find(|s| s["name"] == cname);
            let id = status
                .and_then(|s| s["containerID"].as_str())
                .map(|c| c.trim_start_matches("docker://").to_string())
                .unwrap_or_else(|| crate::kubelet::fake_digest(&format!("{uid}/{cname}/0")));
            let restarts = status.and_then(|s| s["restartCount"].as_i64()).unwrap_or(0);
            let image = spec["image"].as_str().unwrap_or("").to_string();
            containers.push(Container {
                name: cname.to_string(),
                id,
                argv: procs::container_argv(world, pod, spec),
                uid: procs::container_uid(pod, spec, &image),
                privileged: spec["securityContext"]["privileged"].as_bool() == Some(true),
                image,
                started: u.started_at,
                slot: slot as u32,
                restarts,
                cpu_nanocores: u.cpu_nanocores,
                memory_bytes: u.memory_bytes,
            });
        }
        let api_access = meta::at(pod, &["spec", "volumes"])
            .and_then(Value::as_array)
            .and_then(|vs| {
                vs.iter()
                    .filter(|v| v.get("projected").is_some())
                    .find_map(|v| v["name"].as_str())
                    .filter(|n| n.starts_with("kube-api-access-"))
                    .map(String::from)
            });
        let limits: Vec<Option<u64>> = specs
            .iter()
            .map(|c| {
                c["resources"]["limits"]["memory"]
                    .as_str()
                    .and_then(Quantity::parse)
                    .map(|q| (q.value() / 1024).max(0) as u64)
            })
            .collect();
        let memory_limit_kb = if limits.iter().all(Option::is_some) && !limits.is_empty() {
            Some(limits.iter().flatten().sum())
        } else {
            None
        };
        let key = if host_network {
            0
        } else {
            ip.as_deref()
                .and_then(|i| i.parse::<std::net::Ipv4Addr>().ok())
                .map_or(0, |a| u32::from(a).wrapping_sub(FIRST_POD_IP) % 65_536)
        };
        out.push(Pod {
            namespace: namespace.to_string(),
            name: name.to_string(),
            sandbox_id: crate::kubelet::fake_digest(&format!("{uid}/POD")),
            uid,
            host_network,
            ip,
            started,
            key,
            api_access,
            memory_limit_kb,
            containers,
        });
    }
    // Host-network pods started at the same instant: in name order.
    out.sort_by(|a, b| {
        (a.started, !a.host_network, a.key, &a.name).cmp(&(
            b.started,
            !b.host_network,
            b.key,
            &b.name,
        ))
    });
    let mut i = 0;
    while i < out.len() {
        let mut j = i;
        let mut rank = 0;
        while j < out.len() && out[j].started == out[i].started {
            if out[j].host_network {
                out[j].key = rank;
                rank += 1;
            }
            j += 1;
        }
        i = j;
    }
    out.sort_by(|a, b| (a.started, a.key, &a.name).cmp(&(b.started, b.key, &b.name)));
    out
}

/// Runs node program `inv.argv[0]` on the boot cluster; `cols`: the
/// terminal's width when the host knows it.
pub fn run(fleet: &mut Fleet, inv: Invocation<'_>, cols: Option<usize>) -> Output {
    let name = inv.argv[0].clone();
    let args = &inv.argv[1..];
    let width = inv
        .env
        .get("COLUMNS")
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or(cols)
        .unwrap_or(80);
    let tty = inv.stdout_tty;
    let node = Node::observe(fleet.boot);
    files::refresh_proc(inv.vfs, &node);
    match name.as_str() {
        "ps" => ps::run(&node, args, inv.vfs, tty, width),
        "free" => free::run(fleet, args),
        "df" => df::run(&node, args, inv.vfs, inv.cwd),
        "ip" => ip::run(&node, args),
        "systemctl" => systemctl::run(&node, args, inv.vfs, tty, width),
        "uptime" => uptime::run(&node, args),
        _ => Output::default(),
    }
}

/// A program's usage error: `text` on stderr, status `code`.
fn fail(text: impl Into<String>, code: i32) -> Output {
    let mut out = Output::default();
    out.err(text);
    out.status = code;
    out
}

/// Unix ms to (year, month, day, hour, minute, second), UTC (the node's zone).
fn civil(ms: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (y, mo, d, h, mi, s, _) = crate::images::civil(ms);
    (y, mo, d, h, mi, s)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

fn weekday(ms: i64) -> &'static str {
    DAYS[(ms.div_euclid(86_400_000) + 4).rem_euclid(7) as usize]
}

/// C's `ctime`: `Sun Jun  1 09:00:00 2025`.
fn ctime(ms: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(ms);
    format!(
        "{} {} {d:2} {h:02}:{mi:02}:{s:02} {y}",
        weekday(ms),
        MONTHS[(mo - 1) as usize]
    )
}

/// A stable hash of a name (the node's fixed choices: MACs, veth names).
fn hash(s: &str) -> u64 {
    crate::leases::fnv(s)
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    fn pid_of(ps: &str, needle: &str) -> u32 {
        let line = ps
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle} in\n{ps}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    #[test]
    fn the_node_runs_the_kubelet_and_the_static_pods_commands() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let o = c.run("ps auxww");
        assert_eq!(o.status, 0);
        let ps = o.stdout();
        assert!(
            ps.starts_with(
                "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
            ),
            "{ps}"
        );
        assert!(ps.contains("root           1 "), "{ps}");
        assert_eq!(
            pid_of(&ps, "/var/lib/minikube/binaries/v1.33.1/kubelet"),
            1652
        );
        for needle in [
            "etcd --advertise-client-urls=https://192.168.49.2:2379",
            "kube-apiserver --advertise-address=192.168.49.2",
            "kube-controller-manager --allocate-node-cidrs=true",
            "kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
            "/coredns -conf /etc/coredns/Corefile",
            "/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf",
            "/storage-provisioner",
            "/usr/bin/cri-dockerd",
            "ps auxww",
        ] {
            assert!(ps.contains(needle), "no {needle} in\n{ps}");
        }
        let st = c.run("systemctl status kubelet").stdout();
        assert!(st.contains("Main PID: 1652 (kubelet)"), "{st}");
        assert_eq!(c.run("systemctl is-active kubelet").stdout(), "active\n");
    }

    #[test]
    fn a_pods_processes_keep_their_pids_and_new_ones_get_higher_pids() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl run web --image=nginx");
        c.run("kubectl run sleeper --image=busybox -- sleep 3600");
        c.tick(30_000);
        let before = c.run("ps -eo pid,args").stdout();
        let sleep = pid_of_first(&before, "sleep 3600");
        assert!(before.contains("nginx: master process"), "{before}");
        c.run("kubectl delete pod web");
        c.tick(30_000);
        let after = c.run("ps -eo pid,args").stdout();
        assert!(!after.contains("nginx: master process"), "{after}");
        assert_eq!(pid_of_first(&after, "sleep 3600"), sleep);
        let last = |ps: &str| -> u32 {
            let l = ps.lines().last().unwrap();
            l.split_whitespace().next().unwrap().parse().unwrap()
        };
        let (a, b) = (
            last(&c.run("ps -e -o pid=,comm=").stdout()),
            last(&c.run("ps -e -o pid=,comm=").stdout()),
        );
        assert!(b > a && a > 4242, "{a} {b}");
    }

    fn pid_of_first(ps: &str, needle: &str) -> u32 {
        let line = ps
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle} in\n{ps}"));
        line.split_whitespace().next().unwrap().parse().unwrap()
    }

    #[test]
    fn other_presets_have_no_node_programs() {
        let mut c = Cluster::new(Preset::Kind, 1);
        let o = c.run("ps aux");
        assert_eq!(o.status, 127);
        assert!(o.stderr().contains("command not found"), "{:?}", o.stderr());
    }
}
