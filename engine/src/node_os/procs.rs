//! The node's processes at one instant: systemd and its services (journald,
//! sshd, containerd, dockerd, cri-dockerd, the kubelet), a
//! containerd-shim-runc-v2 per container with the pod's `/pause` and each
//! running container's command, and the learner's bash and the ps itself.
//!
//! PIDs are a function of each process's own start (the node's PID clock,
//! see `Node::pid_clock`) and its pod's place, never of which other pods
//! exist: a process keeps its PID as others come and go. A pod's processes
//! take PIDs from the clock at its sandbox's start, offset by its key: 256
//! apart for pods with their own network (the kubelet's address order), 32
//! apart in the upper half of the block for host-network ones started at
//! one instant, so two pods do not collide however close their starts.

use super::{Container, Node, Pod, BASH_PID};
use crate::api::meta;
use crate::world::World;
use serde_json::Value;

/// One process as /proc describes it.
#[derive(Clone, Debug)]
pub struct Proc {
    pub pid: u32,
    pub ppid: u32,
    pub pgid: u32,
    pub sid: u32,
    pub uid: u32,
    pub gid: u32,
    /// On the learner's terminal (pts/1); else no controlling tty.
    pub tty: bool,
    pub state: char,
    pub nice: i32,
    pub threads: u32,
    /// Start (unix ms) and CPU used so far (ms).
    pub start: i64,
    pub cpu_ms: u64,
    /// Virtual size and resident set (KiB).
    pub vsz: u64,
    pub rss: u64,
    pub comm: String,
    pub args: String,
    pub wchan: &'static str,
    /// The AppArmor label (`ps -Z`).
    pub label: &'static str,
    /// The systemd unit whose cgroup holds it.
    pub unit: &'static str,
}

impl Proc {
    pub fn session_leader(&self) -> bool {
        self.sid == self.pid
    }
}

/// A systemd service of the node, as it was started at boot.
struct Daemon {
    pid: u32,
    /// When it started after boot (ms): dockerd and cri-dockerd were
    /// restarted by minikube's provisioning.
    after_boot: i64,
    comm: &'static str,
    args: &'static str,
    threads: u32,
    nice: i32,
    vsz: u64,
    rss: u64,
    /// CPU: a start-up burst (ms) and the share of one CPU it keeps using.
    burst_ms: u64,
    share: f64,
    wchan: &'static str,
    unit: &'static str,
    /// Part of the container runtime (stops with the node).
    runtime: bool,
}

pub const DOCKERD: &str = "/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --default-ulimit=nofile=1048576:1048576 --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem --label provider=docker --insecure-registry 10.96.0.0/12";
pub const CRI_DOCKERD: &str = "/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=registry.k8s.io/pause:3.10 --network-plugin=cni --hairpin-mode=hairpin-veth";
pub const KUBELET: &str = "/var/lib/minikube/binaries/v1.33.1/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --config=/var/lib/kubelet/config.yaml --hostname-override=minikube --kubeconfig=/etc/kubernetes/kubelet.conf --node-ip=192.168.49.2";
pub const SSHD: &str = "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups";

const DAEMONS: &[Daemon] = &[
    Daemon {
        pid: 1,
        after_boot: 0,
        comm: "systemd",
        args: "/sbin/init",
        threads: 1,
        nice: 0,
        vsz: 21_664,
        rss: 12_636,
        burst_ms: 1_380,
        share: 0.0008,
        wchan: "ep_poll",
        unit: "init.scope",
        runtime: false,
    },
    Daemon {
        pid: 94,
        after_boot: 212,
        comm: "systemd-journal",
        args: "/lib/systemd/systemd-journald",
        threads: 1,
        nice: -1,
        vsz: 35_876,
        rss: 13_024,
        burst_ms: 160,
        share: 0.0003,
        wchan: "ep_poll",
        unit: "systemd-journald.service",
        runtime: false,
    },
    Daemon {
        pid: 208,
        after_boot: 640,
        comm: "sshd",
        args: SSHD,
        threads: 1,
        nice: 0,
        vsz: 15_432,
        rss: 9_116,
        burst_ms: 20,
        share: 0.0,
        wchan: "do_sys_poll",
        unit: "ssh.service",
        runtime: false,
    },
    Daemon {
        pid: 213,
        after_boot: 700,
        comm: "containerd",
        args: "/usr/bin/containerd",
        threads: 12,
        nice: 0,
        vsz: 1_949_812,
        rss: 49_188,
        burst_ms: 620,
        share: 0.0025,
        wchan: "futex_wait_queue_me",
        unit: "containerd.service",
        runtime: true,
    },
    Daemon {
        pid: 1043,
        after_boot: 9_800,
        comm: "dockerd",
        args: DOCKERD,
        threads: 16,
        nice: 0,
        vsz: 2_195_644,
        rss: 87_436,
        burst_ms: 1_900,
        share: 0.006,
        wchan: "futex_wait_queue_me",
        unit: "docker.service",
        runtime: true,
    },
    Daemon {
        pid: 1286,
        after_boot: 12_150,
        comm: "cri-dockerd",
        args: CRI_DOCKERD,
        threads: 12,
        nice: 0,
        vsz: 1_675_408,
        rss: 28_160,
        burst_ms: 510,
        share: 0.003,
        wchan: "futex_wait_queue_me",
        unit: "cri-docker.service",
        runtime: true,
    },
];

/// The kubelet's PID (`systemctl status kubelet`'s Main PID).
pub const KUBELET_PID: u32 = 1652;

/// The main PID of a systemd unit, if its process runs.
pub fn main_pid(node: &Node, unit: &str) -> Option<(u32, &'static str)> {
    if unit == "kubelet.service" {
        return node.up.then_some((KUBELET_PID, "kubelet"));
    }
    DAEMONS
        .iter()
        .filter(|d| d.unit == unit && d.pid != 1)
        .find(|d| node.up || !d.runtime)
        .map(|d| (d.pid, d.comm))
}

/// The start (unix ms) of a unit's main process.
pub fn unit_start(node: &Node, unit: &str) -> Option<i64> {
    if unit == "kubelet.service" {
        return node.up.then_some(node.kubelet_since);
    }
    DAEMONS
        .iter()
        .find(|d| d.unit == unit)
        .map(|d| node.boot + d.after_boot)
}

fn cpu(burst: u64, share: f64, start: i64, now: i64) -> u64 {
    burst + ((now - start).max(0) as f64 * share) as u64
}

/// Every process of the node, by PID; `me`: the ps (or other program)
/// asking, with its PID and command line.
pub fn table(node: &Node, me: Option<(u32, &str)>) -> Vec<Proc> {
    let now = node.now;
    let mut out = vec![];
    for d in DAEMONS.iter().filter(|d| node.up || !d.runtime) {
        let start = node.boot + d.after_boot;
        out.push(Proc {
            pid: d.pid,
            ppid: if d.pid == 1 { 0 } else { 1 },
            pgid: d.pid,
            sid: d.pid,
            uid: 0,
            gid: 0,
            tty: false,
            state: 'S',
            nice: d.nice,
            threads: d.threads,
            start,
            cpu_ms: cpu(d.burst_ms, d.share, start, now),
            vsz: d.vsz,
            rss: d.rss,
            comm: d.comm.into(),
            args: d.args.into(),
            wchan: d.wchan,
            label: "unconfined",
            unit: d.unit,
        });
    }
    if node.up {
        let start = node.kubelet_since;
        out.push(Proc {
            pid: KUBELET_PID,
            ppid: 1,
            pgid: KUBELET_PID,
            sid: KUBELET_PID,
            uid: 0,
            gid: 0,
            tty: false,
            state: 'S',
            nice: 0,
            threads: 15,
            start,
            cpu_ms: cpu(2_800, 0.018, start, now),
            vsz: 1_940_052,
            rss: 78_112 + 1_936 * node.pods.len() as u64,
            comm: "kubelet".into(),
            args: KUBELET.into(),
            wchan: "futex_wait_queue_me",
            label: "unconfined",
            unit: "kubelet.service",
        });
        for pod in &node.pods {
            pod_procs(node, pod, &mut out);
        }
    }
    out.push(Proc {
        pid: BASH_PID,
        ppid: 0,
        pgid: BASH_PID,
        sid: BASH_PID,
        uid: 0,
        gid: 0,
        tty: true,
        state: 'S',
        nice: 0,
        threads: 1,
        start: node.session.min(now),
        cpu_ms: 30,
        vsz: 4_624,
        rss: 3_852,
        comm: "bash".into(),
        args: "bash".into(),
        wchan: "do_wait",
        label: "unconfined",
        unit: "",
    });
    if let Some((pid, args)) = me {
        let comm = args.split(' ').next().unwrap_or("");
        out.push(Proc {
            pid,
            ppid: BASH_PID,
            pgid: pid,
            sid: BASH_PID,
            uid: 0,
            gid: 0,
            tty: true,
            state: 'R',
            nice: 0,
            threads: 1,
            start: now,
            cpu_ms: 0,
            vsz: 7_060,
            rss: 1_560,
            comm: short(comm.rsplit('/').next().unwrap_or(comm)),
            args: args.into(),
            wchan: "-",
            label: "unconfined",
            unit: "",
        });
    }
    out.sort_by_key(|p| p.pid);
    out.dedup_by_key(|p| p.pid);
    out
}

/// The command name the kernel keeps: 15 bytes.
fn short(s: &str) -> String {
    s.chars().take(15).collect()
}

/// A pod's processes: its sandbox's shim and pause, then for each running
/// container a shim and the container's command (nginx: its master and a
/// worker per CPU).
fn pod_procs(node: &Node, pod: &Pod, out: &mut Vec<Proc>) {
    let now = node.now;
    let block = |t: i64| {
        let offset = if pod.host_network {
            128 + 32 * (pod.key % 4) + 256 * (pod.key / 4)
        } else {
            256 * pod.key
        };
        node.pid_clock(t).saturating_add(offset)
    };
    let base = block(pod.started);
    let containerd = 213;
    out.push(shim(base, &pod.sandbox_id, pod.started, now, containerd));
    out.push(Proc {
        pid: base + 7,
        ppid: base,
        pgid: base + 7,
        sid: base + 7,
        uid: 65_535,
        gid: 65_535,
        tty: false,
        state: 'S',
        nice: 0,
        threads: 1,
        start: pod.started + 210,
        cpu_ms: 0,
        vsz: 1_020,
        rss: 512,
        comm: "pause".into(),
        args: "/pause".into(),
        wchan: "__do_sys_pause",
        label: "docker-default (enforce)",
        unit: "",
    });
    for c in &pod.containers {
        // A first start takes PIDs from the pod's block; a restart, later
        // ones.
        let at = if c.restarts == 0 {
            base
        } else {
            block(c.started)
        };
        let shim_pid = at + 12 + 10 * c.slot.min(10);
        out.push(shim(shim_pid, &c.id, c.started - 150, now, containerd));
        container_procs(node, c, shim_pid + 5, shim_pid, out);
    }
}

fn shim(pid: u32, id: &str, start: i64, now: i64, containerd: u32) -> Proc {
    Proc {
        pid,
        ppid: 1,
        pgid: pid,
        sid: containerd,
        uid: 0,
        gid: 0,
        tty: false,
        state: 'S',
        nice: 0,
        threads: 10,
        start,
        cpu_ms: cpu(30, 0.0001, start, now),
        vsz: 1_238_544,
        rss: 13_180 + (super::hash(id) % 700),
        comm: "containerd-shim".into(),
        args: format!(
            "/usr/bin/containerd-shim-runc-v2 -namespace moby -id {id} -address /run/containerd/containerd.sock"
        ),
        wchan: "futex_wait_queue_me",
        label: "unconfined",
        unit: "containerd.service",
    }
}

/// Threads and virtual size of the binaries the catalogue's images run.
fn binary_facts(name: &str, rss: u64) -> (u32, u64) {
    match name {
        "etcd" => (12, 11_217_088),
        "kube-apiserver" => (13, 1_373_924),
        "kube-controller-manager" => (9, 838_156),
        "kube-scheduler" => (10, 768_372),
        "coredns" => (11, 1_285_344),
        "kube-proxy" => (9, 1_290_244),
        "storage-provisioner" => (7, 753_372),
        "metrics-server" => (10, 1_286_048),
        "kindnetd" => (8, 1_271_848),
        "local-path-provisioner" => (9, 1_275_112),
        "node" => (7, 885_420),
        "redis-server" => (5, 54_020),
        "postgres" => (1, 217_432),
        "mysqld" => (37, 1_803_356),
        "mongod" => (33, 1_563_140),
        "httpd" | "httpd-foreground" => (1, 6_492),
        "sleep" | "sh" | "ash" | "tail" => (1, 1_332),
        _ => (1, (rss * 3).max(2_048)),
    }
}

fn container_procs(node: &Node, c: &Container, pid: u32, ppid: u32, out: &mut Vec<Proc>) {
    let now = node.now;
    let rss = (c.memory_bytes / 1024).max(4);
    let label = if c.privileged {
        "unconfined"
    } else {
        "docker-default (enforce)"
    };
    let argv0 = c.argv.first().map(String::as_str).unwrap_or("");
    let base = argv0.rsplit('/').next().unwrap_or(argv0);
    let (threads, vsz) = binary_facts(base, rss);
    // A Go program's start-up takes some CPU; a shell's or sleep's next to none.
    let burst = if threads > 1 { 40 } else { 2 };
    let cpu_ms = cpu(burst, c.cpu_nanocores as f64 / 1e9, c.started, now);
    let main = Proc {
        pid,
        ppid,
        pgid: pid,
        sid: pid,
        uid: c.uid,
        gid: c.uid,
        tty: false,
        state: 'S',
        nice: 0,
        threads,
        start: c.started,
        cpu_ms,
        vsz,
        rss,
        comm: short(if base.is_empty() { &c.name } else { base }),
        args: if c.argv.is_empty() {
            c.name.clone()
        } else {
            c.argv.join(" ")
        },
        wchan: match (threads, base) {
            (1, "sleep") => "hrtimer_nanosleep",
            (1, _) => "do_wait",
            _ => "futex_wait_queue_me",
        },
        label,
        unit: "",
    };
    if base != "nginx" || c.image.split(['/', ':']).next() != Some("nginx") {
        out.push(main);
        return;
    }
    // nginx: a master and a worker per CPU, as the pod's own `ps` shows them.
    let master_rss = rss * 2 / 3;
    let worker_rss = ((rss - master_rss.min(rss)) / u64::from(node.cpus.max(1))).max(4);
    let master = Proc {
        threads: 1,
        vsz: 11_400,
        rss: master_rss.max(4),
        comm: "nginx".into(),
        args: crate::kubelet::nginx_master_args(&main.args),
        wchan: "sigsuspend",
        ..main
    };
    let workers: Vec<Proc> = crate::kubelet::nginx_worker_pids(pid, node.cpus)
        .map(|worker| Proc {
            pid: worker,
            ppid: pid,
            uid: crate::kubelet::NGINX_WORKER_UID,
            gid: crate::kubelet::NGINX_WORKER_UID,
            start: c.started + 30,
            cpu_ms: 0,
            vsz: 11_868,
            rss: worker_rss,
            args: "nginx: worker process".into(),
            wchan: "ep_poll",
            ..master.clone()
        })
        .collect();
    out.push(master);
    out.extend(workers);
}

/// What container `spec` of `pod` runs: its command and args (or the
/// image's entrypoint and cmd), `$(VAR)` expanded, past the image's
/// wrapper scripts; a static pod with no command runs kubeadm's.
pub fn container_argv(world: &World, pod: &Value, spec: &Value) -> Vec<String> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (command, args) = (strings(&spec["command"]), strings(&spec["args"]));
    if command.is_empty() && args.is_empty() {
        if let Some(c) = super::static_pods::component_of(pod) {
            let place = super::static_pods::MINIKUBE;
            if spec["name"] == c {
                return super::static_pods::command(c, &place).unwrap_or_default();
            }
        }
    }
    let image = spec["image"]
        .as_str()
        .and_then(crate::kubelet::process::image_of);
    let (entry, cmd) = image.map(|i| (i.entrypoint, i.cmd)).unwrap_or_default();
    let argv: Vec<String> = match (command.is_empty(), args.is_empty()) {
        (false, _) => command.into_iter().chain(args).collect(),
        (true, false) => entry.iter().map(|s| s.to_string()).chain(args).collect(),
        (true, true) => entry.iter().chain(cmd).map(|s| s.to_string()).collect(),
    };
    let ip = meta::str_at(pod, &["status", "podIP"]).unwrap_or("");
    let host_ip = meta::str_at(pod, &["status", "hostIP"]).unwrap_or(super::NODE_IP);
    let env = crate::kubelet::env::resolve(&world.api, pod, spec, ip, host_ip).unwrap_or_default();
    let argv: Vec<String> = argv
        .iter()
        .map(|a| {
            let mut out = a.clone();
            for (k, v) in &env {
                out = out.replace(&format!("$({k})"), v);
            }
            out.replace("$$", "$")
        })
        .collect();
    match image {
        Some(i) => crate::kubelet::process::runs(i, argv),
        None => argv,
    }
}

/// The user a container runs as: its securityContext's, else its pod's,
/// else the image's USER (coredns and metrics-server are not root).
pub fn container_uid(pod: &Value, spec: &Value, image: &str) -> u32 {
    let run_as = |v: &Value| v["securityContext"]["runAsUser"].as_u64();
    if let Some(u) = run_as(spec).or_else(|| run_as(&pod["spec"])) {
        return u.min(u64::from(u32::MAX)) as u32;
    }
    let repo = crate::images::parse(image)
        .map(|r| r.repository)
        .unwrap_or_default();
    match repo.as_str() {
        "registry.k8s.io/coredns/coredns" => 65_532,
        "registry.k8s.io/metrics-server/metrics-server" => 65_534,
        _ => 0,
    }
}

/// The node's users (its /etc/passwd), for names.
pub fn user_name(uid: u32) -> Option<&'static str> {
    super::files::PASSWD_USERS
        .iter()
        .find(|(_, id)| *id == uid)
        .map(|(name, _)| *name)
}

pub fn user_id(name: &str) -> Option<u32> {
    super::files::PASSWD_USERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, id)| *id)
}

pub fn group_name(gid: u32) -> Option<&'static str> {
    super::files::GROUPS
        .iter()
        .find(|(_, id)| *id == gid)
        .map(|(name, _)| *name)
}
