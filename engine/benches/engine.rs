//! Native benchmarks of the engine's hot paths, printed as a table for
//! docs/PERFORMANCE.md: `cargo bench -p kubeplay-engine --bench engine`.
//! A plain binary (no harness): each figure is the best of a few runs.
//! Set `KUBEPLAY_BENCH_QUICK=1` for small sizes (a smoke run).

use kubeplay_engine::apiserver::managed::FieldManager;
use kubeplay_engine::apiserver::{ListOptions, PageOptions, WriteOptions};
use kubeplay_engine::clock::Time;
use kubeplay_engine::store::{Key, Store};
use kubeplay_engine::world::World;
use kubeplay_engine::{Cluster, Preset};
use serde_json::{json, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts the bytes allocated and not yet freed (memory a step retains).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn quick() -> bool {
    std::env::var_os("KUBEPLAY_BENCH_QUICK").is_some()
}

/// `KUBEPLAY_BENCH_ONLY=lists,kubectl` runs only those groups (for profiling).
fn wanted(group: &str) -> bool {
    std::env::var("KUBEPLAY_BENCH_ONLY")
        .map(|only| only.split(',').any(|g| g == group))
        .unwrap_or(true)
}

fn size(full: usize) -> usize {
    if quick() {
        (full / 50).max(10)
    } else {
        full
    }
}

/// The best of `runs` timings of `f` (setup excluded by the caller).
fn best<T>(runs: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut out = f();
    for _ in 1..runs {
        let next = f();
        if next.0 < out.0 {
            out = next;
        }
    }
    out
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let v = f();
    (start.elapsed(), v)
}

/// This process's CPU time (user + system) from /proc, in seconds (Linux;
/// 0 elsewhere): on a machine shared with other builds, wall time is an
/// upper bound and CPU time what the work cost.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are
    // the 14th and 15th of the line, in clock ticks (100 a second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: f64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// This process's CPU time in nanoseconds (`CLOCK_PROCESS_CPUTIME_ID`):
/// fine enough for a command of a millisecond, which the clock ticks of
/// `cpu_secs` are not (0 off 64-bit Linux).
fn cpu_ns() -> u64 {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
        }
        const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
        let mut t = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `t` is a valid timespec for the call to fill.
        if unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return t.sec as u64 * 1_000_000_000 + t.nsec as u64;
        }
    }
    0
}

/// The best wall time and the best CPU time of `runs` runs of `f`.
fn best_cpu<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut wall = Duration::MAX;
    let mut cpu = Duration::MAX;
    for _ in 0..runs {
        let c = cpu_ns();
        let (d, _) = timed(&mut f);
        wall = wall.min(d);
        cpu = cpu.min(Duration::from_nanos(cpu_ns().saturating_sub(c)));
    }
    (wall, cpu)
}

/// A row's figure: wall time and CPU time.
fn ms_cpu((wall, cpu): (Duration, Duration)) -> String {
    format!("{} | {} CPU", ms(wall), ms(cpu))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn pod(name: &str, i: usize) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": format!("app{}", i % 10)}},
        "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                 "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}
    })
}

fn node(name: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "status": {
            "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True"}]
        }
    })
}

/// A booted minikube world (its namespaces exist), without a terminal.
fn world() -> World {
    let mut w = World::new(1, Time::from_secs(1_748_768_400));
    kubeplay_engine::presets::boot_minikube(&mut w, 1);
    w
}

fn create_pods(w: &mut World, n: usize) {
    let r = w.api.registry().resolve("pods").cloned().unwrap();
    for i in 0..n {
        w.api
            .create(
                &r,
                "default",
                pod(&format!("p{i}"), i),
                &WriteOptions::default(),
            )
            .unwrap();
    }
}

fn store_writes() -> String {
    let n = size(100_000);
    let template = pod("x", 0);
    let (d, _) = best(3, || {
        let mut store = Store::default();
        timed(|| {
            for i in 0..n {
                let key = Key::new("/pods", "default", &format!("p{i}"));
                store.create(key, template.clone()).unwrap();
            }
        })
    });
    format!(
        "| store writes (create, {n} pods) | {:.0} writes/s |",
        n as f64 / d.as_secs_f64()
    )
}

fn api_creates() -> String {
    let n = size(10_000);
    let (d, _) = best(3, || {
        let mut w = world();
        timed(|| create_pods(&mut w, n))
    });
    format!(
        "| API create (defaults, admission, validation; {n} pods, one namespace) | {:.0} creates/s |",
        n as f64 / d.as_secs_f64()
    )
}

/// As `api_creates`, with a field manager recording managedFields (as every
/// kubectl command and component write does).
fn api_creates_managed() -> String {
    let n = size(10_000);
    let (d, _) = best(3, || {
        let mut w = world();
        w.api
            .set_field_manager(Some(FieldManager::new("kube-controller-manager")));
        timed(|| create_pods(&mut w, n))
    });
    format!(
        "| API create with managedFields ({n} pods) | {:.0} creates/s |",
        n as f64 / d.as_secs_f64()
    )
}

fn lists() -> Vec<String> {
    let n = size(10_000);
    let mut w = world();
    create_pods(&mut w, n);
    let r = w.api.registry().resolve("pods").cloned().unwrap();
    let (all, _) = best(5, || {
        timed(|| {
            w.api
                .list(&r, Some("default"), &ListOptions::default())
                .unwrap()
                .len()
        })
    });
    let (shared, _) = best(5, || {
        timed(|| {
            w.api
                .list_shared(&r, Some("default"), &ListOptions::default())
                .unwrap()
                .len()
        })
    });
    let selected = ListOptions {
        label_selector: Some("app=app3".into()),
        ..Default::default()
    };
    let (by_label, _) = best(5, || {
        timed(|| w.api.list(&r, None, &selected).unwrap().len())
    });
    let items = w
        .api
        .list(&r, Some("default"), &ListOptions::default())
        .unwrap();
    let refs: Vec<&Value> = items.iter().collect();
    let (table, _) = best(3, || timed(|| w.api.table(&r, &refs).rows.len()));
    vec![
        format!("| list {n} pods (copies: `ApiServer::list`) | {} |", ms(all)),
        format!(
            "| list {n} pods shared (`ApiServer::list_shared`, what kubectl get and the control loops read) | {} |",
            ms(shared)
        ),
        format!(
            "| list {n} pods with a label selector (1 in 10 match) | {} |",
            ms(by_label)
        ),
        format!("| server-side Table of {n} pods | {} |", ms(table)),
    ]
}

fn watch_fan_out() -> String {
    let watchers = size(100);
    let changes = size(1_000);
    let mut w = world();
    let r = w.api.registry().resolve("pods").cloned().unwrap();
    let since = w.api.revision();
    create_pods(&mut w, changes);
    let (d, delivered) = best(3, || {
        timed(|| {
            (0..watchers)
                .map(|_| w.api.watch(&r, Some("default"), since).unwrap().len())
                .sum::<usize>()
        })
    });
    format!(
        "| watch fan-out: {watchers} watchers × {changes} changes | {} ({:.0} events/s) |",
        ms(d),
        delivered as f64 / d.as_secs_f64()
    )
}

fn kubectl_commands() -> Vec<String> {
    let pods = size(1_000);
    let mut cluster = Cluster::new(Preset::Minikube, 1);
    let docs: Vec<String> = (0..100)
        .map(|i| {
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\ndata:\n  k: v{i}\n")
        })
        .collect();
    cluster.run(&format!(
        "cat > /root/many.yaml <<'EOF'\n{}EOF",
        docs.join("---\n")
    ));
    let (apply, _) = timed(|| cluster.run("kubectl apply -f /root/many.yaml"));
    let (reapply, _) = timed(|| cluster.run("kubectl apply -f /root/many.yaml"));
    let (boot, _) = timed(|| Cluster::new(Preset::Minikube, 2));
    cluster.run(&format!(
        "kubectl create deployment web --image=nginx --replicas={pods}"
    ));
    cluster.tick(120_000);
    let get = best_cpu(5, || cluster.run("kubectl get pods"));
    let wide = best_cpu(5, || cluster.run("kubectl get pods -o wide"));
    let all = best_cpu(5, || get_all(&mut cluster));
    let first = cluster.run("kubectl get pods -o name").stdout();
    let one = first.lines().next().unwrap_or("pod/x").to_string();
    let describe_cmd = format!("kubectl describe {one}");
    let describe = best_cpu(5, || cluster.run(&describe_cmd));
    let running = cluster
        .run("kubectl get pods -o name --field-selector=status.phase=Running")
        .stdout();
    let exec_cmd = format!(
        "kubectl exec {} -- ls",
        running.lines().next().unwrap_or("pod/x")
    );
    let exec = best_cpu(5, || write_cmd(&mut cluster, &exec_cmd));
    let server_get = best_cpu(5, || server_table_pages(&cluster));
    let mut i = 0;
    let write = best_cpu(5, || {
        i += 1;
        label_write(&mut cluster, i)
    });
    let get_one = best_cpu(5, || cluster.run("kubectl get deploy web"));
    let mut i = 0;
    let create_cm = best_cpu(5, || {
        i += 1;
        write_cmd(
            &mut cluster,
            &format!("kubectl create configmap bench{i} --from-literal=k=v"),
        )
    });
    let annotate_pod = best_cpu(5, || {
        i += 1;
        write_cmd(
            &mut cluster,
            &format!("kubectl annotate {one} n=v{i} --overwrite"),
        )
    });
    let scale_up = best_cpu(5, || {
        i += 1;
        write_cmd(
            &mut cluster,
            &format!("kubectl scale deploy web --replicas={}", pods + i),
        )
    });
    let pod_names: Vec<String> = cluster
        .run("kubectl get pods -o name")
        .stdout()
        .lines()
        .map(str::to_string)
        .collect();
    let mut victims = pod_names.iter().skip(1);
    let delete_pod = best_cpu(5, || {
        let victim = victims.next().map_or("pod/x", |v| v.as_str());
        write_cmd(
            &mut cluster,
            &format!("kubectl delete {victim} --wait=false"),
        )
    });
    // Each cordon is undone before the next: the pair, best of five.
    let (mut cordon, mut uncordon) = (
        (Duration::MAX, Duration::MAX),
        (Duration::MAX, Duration::MAX),
    );
    for _ in 0..5 {
        let c = best_cpu(1, || write_cmd(&mut cluster, "kubectl cordon minikube"));
        let u = best_cpu(1, || write_cmd(&mut cluster, "kubectl uncordon minikube"));
        cordon = (cordon.0.min(c.0), cordon.1.min(c.1));
        uncordon = (uncordon.0.min(u.0), uncordon.1.min(u.1));
    }
    vec![
        format!("| boot a minikube cluster (Cluster::new) | {} |", ms(boot)),
        format!(
            "| `kubectl apply -f` of 100 manifests (created) | {} |",
            ms(apply)
        ),
        format!("| the same again (unchanged) | {} |", ms(reapply)),
        format!("| `kubectl get pods` at {pods} pods | {} |", ms_cpu(get)),
        format!("| `kubectl get pods -o wide` at {pods} pods | {} |", ms_cpu(wide)),
        format!("| `kubectl get all -A` at {pods} pods | {} |", ms_cpu(all)),
        format!("| `kubectl describe pod` (one) at {pods} pods | {} |", ms_cpu(describe)),
        format!("| `kubectl exec POD -- ls` at {pods} pods | {} |", ms_cpu(exec)),
        format!(
            "| what `kubeplay serve` does for `kubectl get pods` at {pods} pods (pages of 500 as Tables, serialised; no HTTP) | {} |",
            ms_cpu(server_get)
        ),
        format!(
            "| `kubectl get deploy web` at {pods} pods | {} |",
            ms_cpu(get_one)
        ),
        format!(
            "| `kubectl label deploy web n=v… --overwrite` at {pods} pods (a write: the control loops settle after it) | {} |",
            ms_cpu(write)
        ),
        format!(
            "| `kubectl create configmap …` at {pods} pods | {} |",
            ms_cpu(create_cm)
        ),
        format!(
            "| `kubectl annotate pod … --overwrite` at {pods} pods | {} |",
            ms_cpu(annotate_pod)
        ),
        format!(
            "| `kubectl scale deploy web` one replica more at {pods} pods (its pod is created, and stays Pending) | {} |",
            ms_cpu(scale_up)
        ),
        format!(
            "| `kubectl delete pod … --wait=false` at {pods} pods (its ReplicaSet creates another) | {} |",
            ms_cpu(delete_pod)
        ),
        format!(
            "| `kubectl cordon minikube` at {pods} pods (its waiting pods stay waiting) | {} |",
            ms_cpu(cordon)
        ),
        format!(
            "| `kubectl uncordon minikube` at {pods} pods | {} |",
            ms_cpu(uncordon)
        ),
    ]
}

// Named and never inlined so that callgrind can collect one row
// (`--toggle-collect='*get_all*'`, `*label_write*`, `*write_cmd*`,
// `*server_table_pages*`).
#[inline(never)]
fn get_all(cluster: &mut Cluster) -> kubeplay_engine::Output {
    cluster.run("kubectl get all -A")
}

#[inline(never)]
fn write_cmd(cluster: &mut Cluster, cmd: &str) -> kubeplay_engine::Output {
    cluster.run(cmd)
}

#[inline(never)]
fn label_write(cluster: &mut Cluster, i: usize) -> kubeplay_engine::Output {
    cluster.run(&format!("kubectl label deploy web n=v{i} --overwrite"))
}

/// The engine's share of `kubectl get pods` through the server: every page
/// of 500 (limit/continue), converted to a Table and serialised to JSON.
#[inline(never)]
fn server_table_pages(cluster: &Cluster) -> usize {
    let api = &cluster.world().api;
    let r = api.registry().resolve("pods").cloned().unwrap();
    let mut page = PageOptions {
        limit: 500,
        continue_token: String::new(),
    };
    let mut bytes = 0;
    loop {
        let p = api
            .list_page(&r, Some("default"), &ListOptions::default(), &page)
            .unwrap();
        let refs: Vec<&Value> = p.items.iter().map(|o| &**o).collect();
        let mut t = api
            .table(&r, &refs)
            .into_json(&p.resource_version.to_string());
        p.annotate(&mut t);
        bytes += serde_json::to_vec(&t).unwrap().len();
        if p.continue_token.is_empty() {
            return bytes;
        }
        page.continue_token = p.continue_token;
    }
}

/// Reads repeated on a settled cluster, for `perf record`.
fn steady_reads() {
    let mut cluster = Cluster::new(Preset::Minikube, 1);
    cluster.run("kubectl create deployment web --image=nginx --replicas=1000");
    cluster.tick(120_000);
    let (d, _) = timed(|| read_loop(&mut cluster));
    eprintln!("40 reads: {}", ms(d));
}

#[inline(never)]
fn read_loop(cluster: &mut Cluster) {
    for _ in 0..20 {
        cluster.run("kubectl get pods");
        cluster.run("kubectl get deploy web");
    }
}

/// A Deployment of `n` replicas on a world with one more, large node (and
/// its kubelet), from `create` until every pod is Running.
fn deployment_until_running() -> String {
    let n = size(1_000);
    let mut w = world();
    let nr = w.api.registry().resolve("nodes").cloned().unwrap();
    let mut big = node("big");
    big["status"]["allocatable"]["pods"] = json!("2000");
    big["status"]["capacity"]["pods"] = json!("2000");
    w.api
        .create(&nr, "", big, &WriteOptions::default())
        .unwrap();
    w.kubelets.push(kubeplay_engine::kubelet::Kubelet::new(
        "big",
        "192.168.49.9",
        u32::from_be_bytes([10, 244, 1, 3]),
    ));
    let dr = w.api.registry().resolve("deployments").cloned().unwrap();
    let deploy = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}
    });
    let pr = w.api.registry().resolve("pods").cloned().unwrap();
    let running = |w: &World| {
        w.api
            .list_shared(&pr, Some("default"), &ListOptions::default())
            .unwrap()
            .iter()
            .filter(|p| p["status"]["phase"] == "Running")
            .count()
    };
    let (d, done) = timed(|| {
        w.api
            .create(&dr, "default", deploy, &WriteOptions::default())
            .unwrap();
        w.advance_until(600_000, |w| running(w) == n)
    });
    let virtual_s = (w.now().0 - 1_748_768_400_000) / 1000;
    format!(
        "| {n}-replica Deployment until all Running ({}; {virtual_s} s of virtual time) | {} |",
        if done {
            "all Running"
        } else {
            "NOT all Running"
        },
        ms(d)
    )
}

/// What the scheduling rows' pods ask for besides resources.
#[derive(Clone, Copy)]
enum Placement {
    Plain,
    /// Preferred anti-affinity to the pods of its app, by hostname.
    AntiAffinity,
    /// A ScheduleAnyway spread constraint by hostname.
    Spread,
}

fn scheduling(nodes: usize, pods: usize, placement: Placement) -> String {
    let mut w = world();
    let nr = w.api.registry().resolve("nodes").cloned().unwrap();
    for i in 0..nodes {
        w.api
            .create(&nr, "", node(&format!("n{i}")), &WriteOptions::default())
            .unwrap();
    }
    let r = w.api.registry().resolve("pods").cloned().unwrap();
    let empty = LIVE.load(Ordering::Relaxed);
    for i in 0..pods {
        let mut p = pod(&format!("p{i}"), i);
        let selector = json!({"matchLabels": {"app": format!("app{}", i % 10)}});
        match placement {
            Placement::Plain => {}
            Placement::AntiAffinity => {
                p["spec"]["affinity"] = json!({"podAntiAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100,
                        "podAffinityTerm": {"labelSelector": selector,
                                            "topologyKey": "kubernetes.io/hostname"}}]}});
            }
            Placement::Spread => {
                p["spec"]["topologySpreadConstraints"] = json!([{"maxSkew": 1,
                    "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway",
                    "labelSelector": selector}]);
            }
        }
        w.api
            .create(&r, "default", p, &WriteOptions::default())
            .unwrap();
    }
    let mut sched = std::mem::take(&mut w.scheduler);
    let before = LIVE.load(Ordering::Relaxed);
    let cpu = cpu_secs();
    let (d, _) = timed(|| sched.reconcile(&mut w.api));
    let cpu = cpu_secs() - cpu;
    // What the pass left behind: bindings, events, the scheduler's decisions;
    // and with the pods themselves (store, watch history, engine events).
    let retained = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    let whole = LIVE.load(Ordering::Relaxed).saturating_sub(empty);
    let bound = w
        .api
        .list_shared(&r, None, &ListOptions::default())
        .unwrap()
        .iter()
        .filter(|p| p["spec"]["nodeName"].is_string())
        .count();
    let what = match placement {
        Placement::Plain => "",
        Placement::AntiAffinity => ", preferred pod anti-affinity",
        Placement::Spread => ", topology spread",
    };
    format!(
        "| scheduling {pods} pods on {nodes} nodes ({bound} bound{what}) | {:.0} pods/s ({:.0} a CPU second); the pass retains {:.1} KB a pod, store + scheduler {:.1} KB a pod ({:.0} MB) |",
        pods as f64 / d.as_secs_f64(),
        pods as f64 / cpu.max(0.01),
        retained as f64 / 1e3 / pods as f64,
        whole as f64 / 1e3 / pods as f64,
        whole as f64 / 1e6
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mut rows = vec![];
    if wanted("writes") {
        rows.push(store_writes());
        rows.push(api_creates());
        rows.push(api_creates_managed());
    }
    if wanted("lists") {
        rows.extend(lists());
    }
    if wanted("watch") {
        rows.push(watch_fan_out());
    }
    if wanted("kubectl") {
        rows.extend(kubectl_commands());
    }
    // Profiling only (not in the table): many reads of a settled 1000-pod cluster.
    if std::env::var("KUBEPLAY_BENCH_ONLY").is_ok_and(|o| o == "steady") {
        steady_reads();
    }
    if wanted("deployment") {
        rows.push(deployment_until_running());
    }
    // `KUBEPLAY_BENCH_SCHED=NODES,PODS,plain|anti|spread`: one scheduling row.
    if let Ok(spec) = std::env::var("KUBEPLAY_BENCH_SCHED") {
        let parts: Vec<&str> = spec.split(',').collect();
        let placement = match parts.get(2).copied() {
            Some("anti") => Placement::AntiAffinity,
            Some("spread") => Placement::Spread,
            _ => Placement::Plain,
        };
        let num = |i: usize| parts.get(i).and_then(|v| v.parse().ok()).unwrap_or(1000);
        rows.push(scheduling(num(0), num(1), placement));
    } else if wanted("scheduling") {
        rows.push(scheduling(size(1_000), size(10_000), Placement::Plain));
        rows.push(scheduling(size(5_000), size(10_000), Placement::Plain));
        rows.push(scheduling(
            size(1_000),
            size(2_000),
            Placement::AntiAffinity,
        ));
        rows.push(scheduling(size(1_000), size(2_000), Placement::Spread));
    }
    // The upstream scheduler_perf scale (minutes and gigabytes): only when
    // asked for, `KUBEPLAY_BENCH_ONLY=scheduling-large`.
    if std::env::var("KUBEPLAY_BENCH_ONLY")
        .is_ok_and(|o| o.split(',').any(|g| g == "scheduling-large"))
    {
        rows.push(scheduling(size(5_000), size(150_000), Placement::Plain));
    }
    println!("| what | figure |\n|---|---|");
    for r in rows {
        println!("{r}");
    }
}
