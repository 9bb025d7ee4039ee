//! `docker inspect [-f F] NAME…` of node containers: the fields of the
//! daemon's container JSON a learner looks at (a subset, in the daemon's
//! order), printed as docker/cli v28.5.1 cli/command/inspect/inspector.go
//! does (one array, 4-space indent; `-f` runs a Go template per object).
//! Labels, hostname and network as kind v0.29 creates a node
//! (pkg/cluster/internal/providers/docker/provision.go).

use super::ps::role;
use super::template::execute;
use super::{container_id, find, Cluster, EXIT_CODE, IMAGE};
use crate::leases::fnv;
use kubeplay_shell::Output;
use serde_json::Value;

/// JSON with its keys in the order written (the daemon's struct order).
enum J {
    S(String),
    N(i64),
    B(bool),
    Null,
    A(Vec<J>),
    O(Vec<(&'static str, J)>),
}

fn s(v: impl Into<String>) -> J {
    J::S(v.into())
}

impl J {
    /// Go's json.Indent with "    ".
    fn write(&self, depth: usize, out: &mut String) {
        let pad = |d: usize| "    ".repeat(d);
        match self {
            J::S(v) => out.push_str(&Value::String(v.clone()).to_string()),
            J::N(n) => out.push_str(&n.to_string()),
            J::B(b) => out.push_str(&b.to_string()),
            J::Null => out.push_str("null"),
            J::A(items) if items.is_empty() => out.push_str("[]"),
            J::O(items) if items.is_empty() => out.push_str("{}"),
            J::A(items) => {
                out.push_str("[\n");
                for (i, v) in items.iter().enumerate() {
                    out.push_str(&pad(depth + 1));
                    v.write(depth + 1, out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(depth));
                out.push(']');
            }
            J::O(items) => {
                out.push_str("{\n");
                for (i, (k, v)) in items.iter().enumerate() {
                    out.push_str(&format!("{}\"{k}\": ", pad(depth + 1)));
                    v.write(depth + 1, out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(depth));
                out.push('}');
            }
        }
    }

    fn value(&self) -> Value {
        match self {
            J::S(v) => Value::String(v.clone()),
            J::N(n) => (*n).into(),
            J::B(b) => (*b).into(),
            J::Null => Value::Null,
            J::A(items) => Value::Array(items.iter().map(J::value).collect()),
            J::O(items) => Value::Object(
                items
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.value()))
                    .collect(),
            ),
        }
    }
}

/// 64 hex digits that start with the short ID `docker ps` shows.
fn long_hex(short: &str, name: &str) -> String {
    // splitmix64's finalizer spreads the FNV hash of similar names.
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let tail: String = (0..4)
        .map(|i| format!("{:016x}", mix(fnv(&format!("{short}/{name}/{i}")))))
        .collect();
    format!("{short}{}", &tail[..52])
}

/// A container's full ID.
pub fn long_id(name: &str) -> String {
    long_hex(&container_id(name), name)
}

/// A node's MAC on the kind network: docker's 02:42 prefix and the IP's
/// four bytes (how docker derives it; unverified for docker 28).
fn mac(ip: &str) -> String {
    let bytes: Vec<String> = ip
        .split('.')
        .map(|b| format!("{:02x}", b.parse::<u8>().unwrap_or(0)))
        .collect();
    format!("02:42:{}", bytes.join(":"))
}

fn container(clusters: &[Cluster<'_>], c: usize, i: usize) -> J {
    let (cluster, _, created, world) = &clusters[c];
    let k = &world.kubelets[i];
    let name = k.node.clone();
    let id = long_id(&name);
    let running = !k.is_stopped();
    let time = |t: i64| crate::clock::Time(t).rfc3339().replace('Z', ".000000000Z");
    let started = k.started_since().unwrap_or(created.0);
    let finished = k
        .stopped_since()
        .map_or("0001-01-01T00:00:00Z".to_string(), time);
    let labels = J::O(vec![
        ("io.x-k8s.kind.cluster", s(cluster.clone())),
        ("io.x-k8s.kind.role", s(role(&name))),
    ]);
    let network = J::O(vec![
        ("IPAMConfig", J::Null),
        ("Links", J::Null),
        ("Aliases", J::Null),
        ("MacAddress", s(mac(&k.node_ip))),
        ("DriverOpts", J::Null),
        ("GwPriority", J::N(0)),
        (
            "NetworkID",
            s(long_hex(&super::network::network_id("kind"), "kind")),
        ),
        (
            "EndpointID",
            s(if running {
                long_hex(&container_id(&format!("ep/{name}")), &name)
            } else {
                String::new()
            }),
        ),
        ("Gateway", s(if running { "172.18.0.1" } else { "" })),
        (
            "IPAddress",
            s(if running { k.node_ip.as_str() } else { "" }),
        ),
        ("IPPrefixLen", J::N(if running { 16 } else { 0 })),
        ("IPv6Gateway", s("")),
        ("GlobalIPv6Address", s("")),
        ("GlobalIPv6PrefixLen", J::N(0)),
        (
            "DNSNames",
            J::A(vec![s(name.clone()), s(container_id(&name))]),
        ),
    ]);
    J::O(vec![
        ("Id", s(id.clone())),
        ("Created", s(time(created.0))),
        ("Path", s("/usr/local/bin/entrypoint")),
        ("Args", J::A(vec![s("/sbin/init")])),
        (
            "State",
            J::O(vec![
                ("Status", s(if running { "running" } else { "exited" })),
                ("Running", J::B(running)),
                ("Paused", J::B(false)),
                ("Restarting", J::B(false)),
                ("OOMKilled", J::B(false)),
                ("Dead", J::B(false)),
                ("ExitCode", J::N(if running { 0 } else { EXIT_CODE.into() })),
                ("Error", s("")),
                ("StartedAt", s(time(started))),
                ("FinishedAt", s(finished)),
            ]),
        ),
        ("Name", s(format!("/{name}"))),
        ("RestartCount", J::N(0)),
        ("Driver", s("overlay2")),
        ("Platform", s("linux")),
        (
            "Config",
            J::O(vec![
                ("Hostname", s(name.clone())),
                ("Domainname", s("")),
                ("User", s("")),
                ("Tty", J::B(true)),
                ("Image", s(IMAGE)),
                (
                    "Entrypoint",
                    J::A(vec![s("/usr/local/bin/entrypoint"), s("/sbin/init")]),
                ),
                ("StopSignal", s("SIGRTMIN+3")),
                ("Labels", labels),
            ]),
        ),
        (
            "NetworkSettings",
            J::O(vec![("Networks", J::O(vec![("kind", network)]))]),
        ),
    ])
}

/// `docker inspect ARGS` (ARGS after `inspect`).
pub fn run(clusters: &[Cluster<'_>], args: &[&str], out: &mut Output) {
    let mut format: Option<String> = None;
    let mut names = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-f" | "--format" => match it.next() {
                Some(f) => format = Some(f.to_string()),
                None => {
                    return super::flag_error(
                        out,
                        "inspect",
                        "[OPTIONS] NAME|ID [NAME|ID...]",
                        &format!(
                            "flag needs an argument: {}",
                            if *a == "-f" { "'f' in -f" } else { "--format" }
                        ),
                    )
                }
            },
            _ if a.starts_with("--format=") => format = Some(a["--format=".len()..].into()),
            _ if a.starts_with("-f") && a.len() > 2 => format = Some(a[2..].into()),
            _ if a.starts_with('-') => {
                return super::flag_error(
                    out,
                    "inspect",
                    "[OPTIONS] NAME|ID [NAME|ID...]",
                    &format!("unknown flag: {a}"),
                )
            }
            _ => names.push(*a),
        }
    }
    if names.is_empty() {
        out.err("docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information\n");
        out.status = 1;
        return;
    }
    let mut found = vec![];
    let mut errors = vec![];
    for n in names {
        match find(clusters, n) {
            Some((c, i)) => found.push(container(clusters, c, i)),
            None => errors.push(format!("Error: No such object: {n}")),
        }
    }
    match format {
        None => {
            let mut text = String::new();
            J::A(found).write(0, &mut text);
            out.out(format!("{text}\n"));
        }
        Some(f) => {
            for obj in &found {
                match execute(&f, &obj.value()) {
                    Ok(t) => out.out(format!("{t}\n")),
                    Err(e) => errors.push(format!("template: {e}")),
                }
            }
        }
    }
    if !errors.is_empty() {
        out.err(format!("{}\n", errors.join("\n")));
        out.status = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_indents_as_go_json_indent_does() {
        let j = J::A(vec![J::O(vec![
            ("Id", s("x")),
            ("Args", J::A(vec![])),
            ("L", J::O(vec![("a", J::N(1))])),
        ])]);
        let mut text = String::new();
        j.write(0, &mut text);
        assert_eq!(
            text,
            "[\n    {\n        \"Id\": \"x\",\n        \"Args\": [],\n        \"L\": {\n            \"a\": 1\n        }\n    }\n]"
        );
    }

    #[test]
    fn ids_and_macs_have_docker_shapes() {
        let id = long_hex("0123456789ab", "n");
        assert_eq!(id.len(), 64);
        assert!(id.starts_with("0123456789ab"));
        assert_eq!(mac("172.18.0.2"), "02:42:ac:12:00:02");
    }
}
