//! `docker stats [--no-stream] [-a] [--format F] [NODE…]` of kind node
//! containers (docker/cli v28.5.1 cli/command/container/stats.go and
//! formatter_stats.go). A node's figures come from its simulated pods
//! (what its kubelet reports for them) plus the node's own services
//! (systemd, containerd, kubelet), and grow with its uptime: deterministic,
//! not measured. Streaming redraws every 500 ms with the escape codes
//! docker writes; it ends at an enclosing `timeout`.

use super::template::format_rows;
use super::units::{bytes_size, human_size};
use super::{container_id, containers, flag_error, Cluster};
use kubeplay_shell::Output;
use serde_json::{json, Value};

const DEFAULT: &str = "table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}";
const HEADERS: [(&str, &str); 9] = [
    ("Container", "CONTAINER"),
    ("Name", "NAME"),
    ("ID", "CONTAINER ID"),
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET I/O"),
    ("BlockIO", "BLOCK I/O"),
    ("PIDs", "PIDS"),
];
/// The host's memory, every container's limit (the nodes' capacity).
const HOST_MEMORY: f64 = 8_025_424.0 * 1024.0;
/// What systemd, containerd and the kubelet of a node use.
const NODE_CPU_NANOCORES: u64 = 20_000_000;
const NODE_MEMORY: u64 = 120 * 1024 * 1024;
/// containerd-shim and pause per pod sandbox.
const SANDBOX_MEMORY: u64 = 9 * 1024 * 1024;
const STREAM_TICK_MS: i64 = 500;

fn pct(v: f64) -> String {
    format!("{v:.2}%")
}

/// One container's stats entry, as its formatter's fields.
fn entry(cluster: &Cluster<'_>, i: usize, asked: &str, now: i64) -> Value {
    let (_, _, created, world) = cluster;
    let k = &world.kubelets[i];
    let id = container_id(&k.node);
    let base = json!({"Container": asked, "Name": k.node, "ID": id});
    if k.is_stopped() {
        return json!({
            "Container": asked, "Name": k.node, "ID": id,
            "CPUPerc": pct(0.0), "MemUsage": "0B / 0B", "MemPerc": pct(0.0),
            "NetIO": "0B / 0B", "BlockIO": "0B / 0B", "PIDs": "0",
        });
    }
    let pods = k.usage(now);
    let cpu: u64 = NODE_CPU_NANOCORES
        + pods
            .iter()
            .flat_map(|p| &p.containers)
            .map(|c| c.cpu_nanocores)
            .sum::<u64>();
    let mem: u64 = NODE_MEMORY
        + pods
            .iter()
            .map(|p| SANDBOX_MEMORY + p.containers.iter().map(|c| c.memory_bytes).sum::<u64>())
            .sum::<u64>();
    let running: u64 = pods.iter().map(|p| p.containers.len() as u64).sum();
    let pids = 24 + 2 * pods.len() as u64 + 8 * running;
    let up_s = ((now - k.started_since().unwrap_or(created.0)).max(0) / 1000) as f64;
    let plane = k.node.contains("control-plane");
    let (rx, tx, written) = if plane {
        (4_100.0 * up_s, 6_300.0 * up_s, 21_000.0 * up_s)
    } else {
        (2_200.0 * up_s, 1_600.0 * up_s, 3_900.0 * up_s)
    };
    let mut v = base;
    v["CPUPerc"] = json!(pct(cpu as f64 / 1e9 * 100.0));
    v["MemUsage"] = json!(format!(
        "{} / {}",
        bytes_size(mem as f64),
        bytes_size(HOST_MEMORY)
    ));
    v["MemPerc"] = json!(pct(mem as f64 / HOST_MEMORY * 100.0));
    v["NetIO"] = json!(format!("{} / {}", human_size(rx, 3), human_size(tx, 3)));
    v["BlockIO"] = json!(format!("0B / {}", human_size(written, 3)));
    v["PIDs"] = json!(pids.to_string());
    v
}

/// What `docker stats` was asked: the containers (cluster, node index,
/// the name given), the format, whether to stream.
struct Asked {
    picked: Vec<(usize, usize, String)>,
    format: String,
    no_stream: bool,
}

/// Parses `docker stats ARGS`; None after printing docker's error.
fn parse(clusters: &[Cluster<'_>], args: &[&str], out: &mut Output) -> Option<Asked> {
    let usage = "[OPTIONS] [CONTAINER...]";
    let (mut no_stream, mut all, mut format) = (false, false, DEFAULT.to_string());
    let mut names = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--no-stream" => no_stream = true,
            "--no-trunc" => {}
            "-a" | "--all" => all = true,
            "--format" => match it.next() {
                Some(f) => format = f.to_string(),
                None => {
                    flag_error(out, "stats", usage, "flag needs an argument: --format");
                    return None;
                }
            },
            s if s.starts_with("--format=") => format = s["--format=".len()..].to_string(),
            s if s.starts_with("--") => {
                flag_error(out, "stats", usage, &format!("unknown flag: {s}"));
                return None;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                flag_error(
                    out,
                    "stats",
                    usage,
                    &format!("unknown shorthand flag: '{c}' in {s}"),
                );
                return None;
            }
            name => names.push(name),
        }
    }
    let mut picked = vec![];
    if names.is_empty() {
        for (c, i) in containers(clusters) {
            if all || !clusters[c].3.kubelets[i].is_stopped() {
                picked.push((c, i, clusters[c].3.kubelets[i].node.clone()));
            }
        }
    } else {
        for name in &names {
            match super::find(clusters, name) {
                Some((c, i)) => picked.push((c, i, name.to_string())),
                None => {
                    out.err(format!(
                        "Error response from daemon: No such container: {name}\n"
                    ));
                    out.status = 1;
                    return None;
                }
            }
        }
    }
    Some(Asked {
        picked,
        format,
        no_stream,
    })
}

/// One streamed frame: the table, then each of its lines again with
/// erase-line codes (the CLI appends them to the same buffer), then
/// erase-below.
fn streamed(table: &str) -> String {
    let mut text = format!("\x1b[H{table}");
    let lines: Vec<String> = text.split('\n').map(String::from).collect();
    for l in lines {
        text.push_str(&format!("{l} \x1b[K\n"));
    }
    text.push_str("\x1b[J");
    text
}

/// `docker stats` streaming in the learner's terminal (the browser): a
/// frame every 500 ms of cluster time, until Ctrl-C. Its containers are
/// those of one cluster.
#[derive(Clone, Debug)]
pub struct StatsStream {
    cluster: String,
    port: u16,
    created: crate::clock::Time,
    /// (node, the name given).
    nodes: Vec<(String, String)>,
    format: String,
    last: i64,
}

impl StatsStream {
    pub fn poll(&mut self, world: &mut crate::world::World) -> String {
        let now = world.now().0;
        if now - self.last < STREAM_TICK_MS {
            return String::new();
        }
        self.last = now;
        let idx: Vec<(usize, String)> = self
            .nodes
            .iter()
            .filter_map(|(n, asked)| {
                let i = world.kubelets.iter().position(|k| &k.node == n)?;
                Some((i, asked.clone()))
            })
            .collect();
        let cluster: Cluster<'_> = (self.cluster.clone(), self.port, self.created, world);
        let rows: Vec<Value> = idx
            .iter()
            .map(|(i, asked)| entry(&cluster, *i, asked, now))
            .collect();
        match format_rows(&self.format, &rows, &HEADERS) {
            Ok(table) => streamed(&table),
            Err(_) => String::new(),
        }
    }
}

/// `docker stats ARGS` streaming in an interactive terminal: the stream
/// and the cluster it follows; None when it does not stream (`--no-stream`,
/// an error, containers of several clusters).
pub fn stream(
    fleet: &mut crate::clusters::Fleet,
    args: &[String],
) -> Option<(StatsStream, crate::clusters::Target)> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ["stats", rest @ ..] = args.as_slice() else {
        return None;
    };
    let boot_kind = fleet.boot_kind.clone();
    let now = fleet.now().0;
    let clusters = fleet.kind_clusters_mut();
    let asked = parse(&clusters, rest, &mut Output::default())?;
    let first = asked.picked.first()?.0;
    if asked.no_stream || asked.picked.iter().any(|(c, ..)| *c != first) {
        return None;
    }
    let (name, port, created, world) = &clusters[first];
    let target = if boot_kind.as_deref() == Some(name.as_str()) {
        crate::clusters::Target::Boot
    } else {
        crate::clusters::Target::Port(*port)
    };
    let nodes = asked
        .picked
        .iter()
        .map(|(_, i, asked)| (world.kubelets[*i].node.clone(), asked.clone()))
        .collect();
    let s = StatsStream {
        cluster: name.clone(),
        port: *port,
        created: *created,
        nodes,
        format: asked.format,
        last: now,
    };
    Some((s, target))
}

/// `docker stats ARGS`; `deadline_ms` is what an enclosing `timeout`
/// leaves it. Returns the virtual time it ran.
pub fn run(
    clusters: &[Cluster<'_>],
    now: i64,
    args: &[&str],
    deadline_ms: Option<i64>,
    out: &mut Output,
) -> i64 {
    let Some(Asked {
        picked,
        format,
        no_stream,
    }) = parse(clusters, args, out)
    else {
        return 0;
    };
    let frame = |at: i64| -> Result<String, String> {
        let rows: Vec<Value> = picked
            .iter()
            .map(|(c, i, asked)| entry(&clusters[*c], *i, asked, at))
            .collect();
        format_rows(&format, &rows, &HEADERS)
    };
    if no_stream {
        match frame(now) {
            Ok(text) => out.out(text),
            Err(e) => {
                out.err(format!("template: {e}\n"));
                out.status = 1;
            }
        }
        return 0;
    }
    let Some(left) = deadline_ms else {
        out.err("kubeplay: `docker stats` streams until Ctrl-C, which a script cannot send; use `docker stats --no-stream` or `timeout N docker stats`\n");
        out.status = 1;
        return 0;
    };
    let mut t = STREAM_TICK_MS;
    while t < left {
        let Ok(table) = frame(now + t) else { break };
        out.out(streamed(&table));
        t += STREAM_TICK_MS;
    }
    out.status = 124;
    left.max(0)
}

#[cfg(test)]
mod tests {
    use crate::cluster::{Cluster, Preset};

    #[test]
    fn a_terminal_gets_a_frame_every_half_second_until_ctrl_c() {
        let mut c = Cluster::new(Preset::Kind, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        let first = c.run("docker stats kind-control-plane");
        assert_eq!(first.stdout(), "");
        assert!(c.is_streaming());
        c.tick(200);
        assert_eq!(c.poll_stream(), "");
        c.tick(400);
        let frame = c.poll_stream();
        assert!(frame.starts_with("\x1b[HCONTAINER ID"), "{frame:?}");
        assert!(frame.contains("kind-control-plane") && frame.ends_with("\x1b[J"));
        c.interrupt();
        assert!(!c.is_streaming());
        // A script (no terminal polling it) gets one table with --no-stream.
        let mut s = Cluster::new(Preset::Kind, 1);
        let out = s.run("docker stats --no-stream kind-worker");
        assert!(out.stdout().starts_with("CONTAINER ID   NAME"));
    }
}
