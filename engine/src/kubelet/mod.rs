//! A simulated kubelet, one per node: it runs the pods bound to its node —
//! sandbox, image pulls, container starts, exits, restarts with back-off,
//! graceful stops — and reports it all through the API server as pod status
//! and events, with the real reasons and messages (EVENTS.md §3).

mod attach;
pub use attach::AttachPoint;
mod container;
pub(crate) mod env;
mod ephemeral;
mod exec;
mod exec_stream;
pub use exec_stream::{ExecEnd, ExecPlace};
mod listen;
mod main_net;
mod nginx_cli;
mod node_status;
mod pid_namespace;
pub use pid_namespace::{nginx_master_args, nginx_worker_pids, NGINX_WORKER_UID};
mod probe;
pub mod process;
mod ps;
mod status;
/// A stable fake sha256 digest (64 hex digits) of a name.
pub(crate) use status::digest as fake_digest;
mod usage;
mod volume_files;

pub use listen::Listening;
pub use probe::ExecResult;
pub use usage::{ContainerUsage, PodUsage};

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use container::{Container, State};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// How long the pod sandbox (network namespace, pause container) takes.
const SANDBOX_MS: i64 = 1_000;
/// Volume setup retries back off from 500ms, doubling, to 2m2s.
const MOUNT_RETRY_START_MS: i64 = 500;
const MOUNT_RETRY_MAX_MS: i64 = 122_000;

/// One pod as this kubelet runs it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PodRun {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub started_at: i64,
    pub ip: Option<String>,
    pub containers: Vec<Container>,
    /// `spec.initContainers`, run in order before `containers`.
    #[serde(default)]
    pub init_containers: Vec<Container>,
    /// `spec.ephemeralContainers` (kubectl debug), never restarted.
    #[serde(default)]
    pub ephemeral_containers: Vec<Container>,
    pub killing: bool,
    /// While a volume cannot be set up: when to try again, and the wait after that.
    #[serde(default)]
    mount_retry: Option<(i64, i64)>,
    /// When the pod answered requests lately (`World::record_request`):
    /// busy servers' CPU follows their rate.
    #[serde(default)]
    pub requests: Vec<(i64, u32)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Kubelet {
    pub node: String,
    pub node_ip: String,
    /// Image references already on the node.
    images: BTreeSet<String>,
    pods: BTreeMap<String, PodRun>,
    next_ip: u32,
    /// Pods already moved forward in this instant, by uid, with the
    /// resourceVersion and time seen: a later pass of the same `settle` skips them
    /// unless the pod changed (stepping again at the same moment is a no-op).
    #[serde(skip)]
    stepped: BTreeMap<String, (String, i64)>,
    /// The node lease this kubelet renews.
    #[serde(default)]
    lease: Option<crate::leases::Renewer>,
    /// When the node was stopped (`docker stop`), while it is.
    #[serde(default)]
    stopped: Option<i64>,
    /// When the node was last started again.
    #[serde(default)]
    restarted: Option<i64>,
    /// The next periodic node status report (lastHeartbeatTime).
    #[serde(default)]
    report_at: i64,
    /// Pods whose sandbox died while the node was stopped.
    #[serde(default)]
    lost_sandboxes: BTreeSet<String>,
    /// The node's container runtime (it words failed pulls).
    #[serde(default)]
    pub runtime: crate::images::Runtime,
}

impl Kubelet {
    pub fn new(node: &str, node_ip: &str, pod_cidr_base: u32) -> Kubelet {
        Kubelet {
            node: node.into(),
            node_ip: node_ip.into(),
            images: BTreeSet::new(),
            pods: BTreeMap::new(),
            next_ip: pod_cidr_base,
            stepped: BTreeMap::new(),
            lease: None,
            stopped: None,
            restarted: None,
            report_at: 0,
            lost_sandboxes: BTreeSet::new(),
            runtime: crate::images::Runtime::Docker,
        }
    }

    /// A new instant (or a command ran): every pod is stepped again.
    pub fn begin_settle(&mut self) {
        self.stepped.clear();
    }

    /// The pod is stepped again in this instant (its main process got
    /// network answers).
    fn unstep(&mut self, uid: &str) {
        self.stepped.remove(uid);
    }

    /// Images already on the node before any pod asks (minikube's preload).
    pub fn preload(&mut self, images: &[&str]) {
        self.images.extend(images.iter().map(|i| i.to_string()));
    }

    /// The image references the node's runtime holds (`crictl images`).
    pub fn images(&self) -> impl Iterator<Item = &str> {
        self.images.iter().map(String::as_str)
    }

    /// Whether the node's runtime holds `image` (`kind load` asks).
    pub fn has_image(&self, image: &str) -> bool {
        self.images.contains(image)
    }

    fn source(&self) -> Source {
        Source {
            component: "kubelet",
            host: self.node.clone(),
        }
    }

    fn allocate_ip(&mut self) -> String {
        let n = self.next_ip;
        self.next_ip += 1;
        format!(
            "{}.{}.{}.{}",
            n >> 24,
            (n >> 16) & 255,
            (n >> 8) & 255,
            n & 255
        )
    }

    /// The earliest moment after `now` one of this node's pods has something to do.
    pub fn next_wakeup(&self, now: i64) -> Option<i64> {
        if self.is_stopped() {
            return None;
        }
        self.pods
            .values()
            .flat_map(|run| {
                let sandbox = run.ip.is_none().then_some(run.started_at + SANDBOX_MS);
                sandbox
                    .into_iter()
                    .chain(run.mount_retry.map(|(at, _)| at))
                    .chain(run.containers.iter().filter_map(Container::next_wakeup))
                    .chain(
                        run.init_containers
                            .iter()
                            .chain(&run.ephemeral_containers)
                            .filter_map(Container::next_wakeup),
                    )
            })
            .filter(|t| *t > now)
            .min()
    }

    pub fn reconcile(&mut self, api: &mut ApiServer) {
        if self.is_stopped() {
            return;
        }
        let Some(r) = api.registry().resolve("pods").cloned() else {
            return;
        };
        let opts = ListOptions {
            field_selector: Some(format!("spec.nodeName={}", self.node)),
            ..Default::default()
        };
        let pods = api.list_shared(&r, None, &opts).unwrap_or_default();
        let now = api.now().0;
        let live: BTreeSet<String> = pods
            .iter()
            .map(|p| {
                meta::str_at(p, &["metadata", "uid"])
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let gone: Vec<String> = self
            .pods
            .keys()
            .filter(|u| !live.contains(*u))
            .cloned()
            .collect();
        for uid in gone {
            if let Some(run) = self.pods.remove(&uid) {
                api.forget_logs(&run.namespace, &run.name);
            }
        }
        for pod in pods {
            let uid = meta::str_at(&pod, &["metadata", "uid"])
                .unwrap_or("")
                .to_string();
            let rv = meta::str_at(&pod, &["metadata", "resourceVersion"]).unwrap_or("");
            if self
                .stepped
                .get(&uid)
                .is_some_and(|(seen, at)| seen == rv && *at == now)
            {
                continue;
            }
            if !self.pods.contains_key(&uid) {
                if meta::at(&pod, &["metadata", "deletionTimestamp"]).is_some() {
                    let _ = api.delete(&r, meta::namespace(&pod), meta::name(&pod), &grace_zero());
                    continue;
                }
                let run = self.admit(&pod, now);
                self.pods.insert(uid.clone(), run);
            }
            self.report_lost_sandbox(api, &pod, &uid);
            self.step(api, &pod, &uid, now);
            self.stepped.insert(uid, (rv.to_string(), now));
        }
    }

    /// A pod newly bound here: the sandbox starts, every container waits.
    fn admit(&mut self, pod: &Value, now: i64) -> PodRun {
        let list = |field: &str| {
            meta::at(pod, &["spec", field])
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let inits = list("initContainers");
        let has_init = !inits.is_empty();
        let containers = list("containers")
            .iter()
            .map(|c| Container::from_spec_in(c, false, has_init))
            .collect();
        let init_containers = inits
            .iter()
            .map(|c| Container::from_spec_in(c, true, true))
            .collect();
        PodRun {
            namespace: meta::namespace(pod).into(),
            name: meta::name(pod).into(),
            uid: meta::str_at(pod, &["metadata", "uid"]).unwrap_or("").into(),
            started_at: now,
            ip: None,
            containers,
            init_containers,
            ephemeral_containers: vec![],
            killing: false,
            mount_retry: None,
            requests: vec![],
        }
    }

    /// Moves one pod forward to `now`, then reports its status.
    fn step(&mut self, api: &mut ApiServer, pod: &Value, uid: &str, now: i64) {
        let source = self.source();
        let restart_policy = meta::str_at(pod, &["spec", "restartPolicy"])
            .unwrap_or("Always")
            .to_string();
        let deleting = meta::at(pod, &["metadata", "deletionTimestamp"]).is_some();
        let mut needs_ip = self.pods.get(uid).is_some_and(|r| r.ip.is_none())
            && now - self.pods[uid].started_at >= SANDBOX_MS;
        if needs_ip && !deleting && !self.volumes_ready(api, pod, uid, now) {
            needs_ip = false;
        }
        if needs_ip && !deleting {
            // Host-network pods share the node's address.
            let host_network =
                meta::at(pod, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true);
            let ip = if host_network {
                self.node_ip.clone()
            } else {
                self.allocate_ip()
            };
            if let Some(run) = self.pods.get_mut(uid) {
                run.ip = Some(ip);
            }
        }
        let Some(mut run) = self.pods.remove(uid) else {
            return;
        };
        if deleting {
            if !run.killing {
                run.killing = true;
                // The deletion's grace period, else the pod's.
                let grace = meta::at(pod, &["metadata", "deletionGracePeriodSeconds"])
                    .or_else(|| meta::at(pod, &["spec", "terminationGracePeriodSeconds"]))
                    .and_then(Value::as_i64)
                    .unwrap_or(30);
                for c in run
                    .containers
                    .iter_mut()
                    .chain(run.init_containers.iter_mut())
                    .chain(run.ephemeral_containers.iter_mut())
                {
                    if matches!(c.state, State::Running { .. }) {
                        let msg = format!("Stopping container {}", c.name);
                        recorder::record(
                            api,
                            pod,
                            Some(&c.field_path()),
                            "Normal",
                            "Killing",
                            &msg,
                            &source,
                        );
                    }
                    if c.stop(now, grace) {
                        recorder::record(
                            api,
                            pod,
                            Some(&c.field_path()),
                            "Warning",
                            "FailedPreStopHook",
                            "PreStopHook failed",
                            &source,
                        );
                    }
                }
            }
            if run
                .containers
                .iter()
                .chain(&run.init_containers)
                .chain(&run.ephemeral_containers)
                .all(|c| c.stopped_by(now))
            {
                // The kubelet reports the stopped containers, then finishes the deletion.
                for c in run
                    .containers
                    .iter_mut()
                    .chain(run.init_containers.iter_mut())
                    .chain(run.ephemeral_containers.iter_mut())
                {
                    c.mark_stopped(now);
                }
                let last = status::pod_status(pod, &run, &self.node_ip, now);
                if let Some(r) = api.registry().resolve("pods").cloned() {
                    if pod.get("status") != Some(&last) {
                        let mut next = pod.clone();
                        next["status"] = last;
                        let _ = api.write_status(&r, &run.namespace, next);
                    }
                    let _ = api.delete(&r, &run.namespace, &run.name, &grace_zero());
                }
                api.forget_logs(&run.namespace, &run.name);
                return;
            }
        } else if let Some(pod_ip) = run.ip.clone() {
            // Init containers one after another; a sidecar only has to start.
            let init_policy = if restart_policy == "Never" {
                "Never"
            } else {
                "OnFailure"
            };
            let mut initialized = true;
            for c in run.init_containers.iter_mut() {
                let policy = if c.sidecar { "Always" } else { init_policy };
                let pull = c.pull(&self.images, self.runtime);
                let mut prepare = |c: &Container| {
                    prepare::proc_spec(api, pod, &c.name, &c.image, &pod_ip, &self.node_ip)
                };
                for step in c.advance(now, policy, pull, &mut prepare) {
                    step.report(api, pod, c, &source, &run.namespace, &run.name);
                    if let container::Step::Pulled { .. } = step {
                        self.images.insert(c.image.clone());
                    }
                }
                if !c.init_done() {
                    initialized = false;
                    break;
                }
            }
            let main = if initialized {
                &mut run.containers[..]
            } else {
                &mut []
            };
            for c in main {
                let pull = c.pull(&self.images, self.runtime);
                let mut prepare = |c: &Container| {
                    prepare::proc_spec(api, pod, &c.name, &c.image, &pod_ip, &self.node_ip)
                };
                for step in c.advance(now, &restart_policy, pull, &mut prepare) {
                    step.report(api, pod, c, &source, &run.namespace, &run.name);
                    if let container::Step::Pulled { .. } = step {
                        self.images.insert(c.image.clone());
                    }
                }
            }
            self.step_ephemeral(api, pod, &mut run, &pod_ip, now);
        }
        if !deleting {
            probes::run(api, pod, &mut run, now, &source);
        }
        let desired = status::pod_status(pod, &run, &self.node_ip, now);
        if pod.get("status") != Some(&desired) {
            let mut next = pod.clone();
            next["status"] = desired;
            if let Some(r) = api.registry().resolve("pods").cloned() {
                let _ = api.write_status(&r, &run.namespace, next);
            }
        }
        self.pods.insert(uid.to_string(), run);
    }
}

impl Kubelet {
    /// Sets up the pod's configMap/secret volumes; while one cannot be, the
    /// pod waits (ContainerCreating) and FailedMount is reported at each
    /// retry. True once every volume is ready.
    fn volumes_ready(&mut self, api: &mut ApiServer, pod: &Value, uid: &str, now: i64) -> bool {
        let Some(run) = self.pods.get_mut(uid) else {
            return false;
        };
        let (due, wait) = run.mount_retry.unwrap_or((now, MOUNT_RETRY_START_MS));
        if now < due {
            return false;
        }
        match volume_files::volume_files(api, pod, &Value::Null) {
            Ok(_) => {
                run.mount_retry = None;
                true
            }
            Err((volume, err)) => {
                run.mount_retry = Some((now + wait, (wait * 2).min(MOUNT_RETRY_MAX_MS)));
                let msg = format!("MountVolume.SetUp failed for volume \"{volume}\" : {err}");
                let source = self.source();
                recorder::record(api, pod, None, "Warning", "FailedMount", &msg, &source);
                false
            }
        }
    }
}

mod probes {
    //! Runs the pod's due probes and acts on them: Unhealthy events, the
    //! readiness verdict, and restarts after failed liveness/startup probes.
    use super::container::Container;
    use super::probe::{self, Kind, PodView};
    use super::PodRun;
    use crate::api::meta;
    use crate::apiserver::ApiServer;
    use crate::recorder::{self, Source};
    use serde_json::Value;

    fn ports(pod: &Value, name: &str) -> Vec<(String, i64)> {
        meta::at(pod, &["spec", "containers"])
            .and_then(Value::as_array)
            .and_then(|cs| cs.iter().find(|c| c["name"] == name))
            .and_then(|c| c["ports"].as_array())
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap_or("").to_string(),
                            p["containerPort"].as_i64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn run(api: &mut ApiServer, pod: &Value, run: &mut PodRun, now: i64, source: &Source) {
        let Some(ip) = run.ip.clone() else {
            return;
        };
        let grace = meta::at(pod, &["spec", "terminationGracePeriodSeconds"])
            .and_then(Value::as_i64)
            .unwrap_or(30);
        let restart_policy = meta::str_at(pod, &["spec", "restartPolicy"]).unwrap_or("Always");
        // Sidecars (init containers that keep running) are probed too.
        let inits = run.init_containers.len();
        let mut all = std::mem::take(&mut run.init_containers);
        all.append(&mut run.containers);
        run.containers = all;
        probe_containers(api, pod, run, now, source, &ip, grace, restart_policy);
        let main = run.containers.split_off(inits);
        run.init_containers = std::mem::replace(&mut run.containers, main);
    }

    #[allow(clippy::too_many_arguments)]
    fn probe_containers(
        api: &mut ApiServer,
        pod: &Value,
        run: &mut PodRun,
        now: i64,
        source: &Source,
        ip: &str,
        grace: i64,
        restart_policy: &str,
    ) {
        for i in 0..run.containers.len() {
            // Probes whose time came, oldest first (time may have jumped).
            for _ in 0..1000 {
                let due = run.containers[i].due_probes(now);
                let Some(&pi) = due
                    .iter()
                    .min_by_key(|&&pi| run.containers[i].probes[pi].next_at)
                else {
                    break;
                };
                let c = &run.containers[i];
                let t = c.probes[pi].next_at;
                let Some(own) = c.process.as_ref() else {
                    break;
                };
                let view = PodView {
                    ip,
                    containers: run
                        .containers
                        .iter()
                        .filter_map(|o| o.process.as_ref().map(|p| (p, ports(pod, &o.name))))
                        .collect(),
                };
                let result = probe::check(&c.probes[pi], own, &view, t);
                let c: &mut Container = &mut run.containers[i];
                let kind = c.probes[pi].kind;
                let fp = c.field_path();
                if let Err(out) = &result {
                    let msg = format!(
                        "{} probe failed: {}",
                        kind.label(),
                        out.trim_end_matches('\n')
                    );
                    recorder::record(api, pod, Some(&fp), "Warning", "Unhealthy", &msg, source);
                }
                c.probes[pi].record(result.is_ok());
                let failed = !c.probes[pi].ok;
                if failed && matches!(kind, Kind::Liveness | Kind::Startup) {
                    let what = if kind == Kind::Liveness {
                        "liveness"
                    } else {
                        "startup"
                    };
                    let tail = if restart_policy == "Never" {
                        ""
                    } else {
                        ", will be restarted"
                    };
                    let msg = format!("Container {} failed {what} probe{tail}", c.name);
                    recorder::record(api, pod, Some(&fp), "Normal", "Killing", &msg, source);
                    c.kill(t, grace);
                }
            }
        }
    }
}

mod prepare {
    //! What a container start needs from the API: its argv, environment
    //! and mounted files.
    use super::env;
    use super::process::ProcSpec;
    use super::volume_files;
    use crate::api::meta;
    use crate::api::quantity::Quantity;
    use crate::apiserver::ApiServer;
    use crate::images;
    use serde_json::Value;

    fn strings(v: &Value) -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// ENTRYPOINT/CMD rules: command replaces the entrypoint (and drops
    /// CMD), args replace CMD; `$(VAR)` expands in both.
    pub fn container_argv(
        spec: &Value,
        img: Option<&images::Image>,
        environment: &env::Env,
    ) -> Vec<String> {
        let command = strings(&spec["command"]);
        let args = strings(&spec["args"]);
        let (entry, cmd) = img.map(|i| (i.entrypoint, i.cmd)).unwrap_or_default();
        let argv: Vec<String> = match (command.is_empty(), args.is_empty()) {
            (false, _) => command.into_iter().chain(args).collect(),
            (true, false) => entry.iter().map(|s| s.to_string()).chain(args).collect(),
            (true, true) => entry.iter().chain(cmd).map(|s| s.to_string()).collect(),
        };
        argv.iter().map(|a| expand_arg(a, environment)).collect()
    }

    pub fn proc_spec(
        api: &ApiServer,
        pod: &Value,
        name: &str,
        image: &str,
        pod_ip: &str,
        node_ip: &str,
    ) -> Result<ProcSpec, String> {
        let spec = ["containers", "initContainers", "ephemeralContainers"]
            .iter()
            .filter_map(|f| meta::at(pod, &["spec", f]).and_then(Value::as_array))
            .flatten()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap_or(Value::Null);
        let resolved = env::resolve(api, pod, &spec, pod_ip, node_ip)?;
        let mut files = volume_files::volume_files(api, pod, &spec).unwrap_or_default();
        let img = images::parse(image).ok().as_ref().and_then(images::lookup);
        // A host-network pod shares the node's UTS namespace: its name.
        let host_network =
            meta::at(pod, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true);
        let node_name = meta::str_at(pod, &["spec", "nodeName"]).filter(|_| host_network);
        let hostname = node_name
            .or_else(|| meta::str_at(pod, &["spec", "hostname"]))
            .unwrap_or(meta::name(pod))
            .to_string();
        // The kubelet's managed /etc/hosts and the ClusterFirst resolv.conf.
        let mut hosts = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n".to_string();
        hosts.push_str(&format!("{pod_ip}\t{hostname}\n"));
        files.entry("/etc/hosts".into()).or_insert(hosts);
        let ns = meta::namespace(pod);
        files.entry("/etc/resolv.conf".into()).or_insert(format!(
            "nameserver 10.96.0.10\nsearch {ns}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n"
        ));
        let mut environment = env::Env::new();
        for (k, v) in img.map(|i| i.env).unwrap_or_default() {
            environment.insert(k.to_string(), v.to_string());
        }
        environment.insert("HOSTNAME".into(), hostname.clone());
        environment.extend(resolved.clone());
        environment
            .entry("HOME".into())
            .or_insert_with(|| "/root".into());
        let mut argv = container_argv(&spec, img, &environment);
        if argv.is_empty() {
            argv.extend(img.and_then(super::process::own_binary));
        }
        let memory_limit_mib = spec["resources"]["limits"]["memory"]
            .as_str()
            .and_then(Quantity::parse)
            .map(|q| (q.value() / (1024 * 1024)) as u64);
        let cpu_limit_milli = spec["resources"]["limits"]["cpu"]
            .as_str()
            .and_then(Quantity::parse)
            .map(|q| q.milli_value().max(0) as u64);
        Ok(ProcSpec {
            image: image.to_string(),
            argv,
            env: environment,
            workdir: spec["workingDir"].as_str().map(String::from),
            hostname,
            pod_ip: pod_ip.to_string(),
            memory_limit_mib,
            cpu_limit_milli,
            files,
            stdin: spec["stdin"].as_bool() == Some(true),
            api_port: api_port(api),
            leader: leader(api, pod, name),
            pid_peers: super::pid_namespace::peers(api, pod, name),
        })
    }

    /// Who holds the kube-system Lease named after the container: the
    /// control-plane components that elect a leader log their election.
    fn leader(api: &ApiServer, pod: &Value, container: &str) -> Option<String> {
        if meta::namespace(pod) != "kube-system" {
            return None;
        }
        let r = api.registry().resolve("leases.coordination.k8s.io")?;
        let lease = api.get(r, "kube-system", container).ok()?;
        lease["spec"]["holderIdentity"].as_str().map(String::from)
    }

    /// The API server's port: the `kubernetes` Service's target port.
    fn api_port(api: &ApiServer) -> u16 {
        api.registry()
            .resolve("services")
            .and_then(|r| api.get(r, "default", "kubernetes").ok())
            .and_then(|s| s["spec"]["ports"][0]["targetPort"].as_u64())
            .and_then(|p| u16::try_from(p).ok())
            .unwrap_or(8443)
    }

    /// `$(VAR)` in command and args; unknown references stay as written.
    fn expand_arg(a: &str, env: &env::Env) -> String {
        let mut out = a.to_string();
        for (k, v) in env {
            out = out.replace(&format!("$({k})"), v);
        }
        out.replace("$$", "$")
    }
}

fn grace_zero() -> WriteOptions {
    WriteOptions {
        grace_period: Some(0),
        ..Default::default()
    }
}
