//! systemd 249's `systemctl` (Ubuntu 22.04) on the node: `status` of its
//! services (kubelet with kubeadm's drop-in, docker, containerd,
//! cri-docker, ssh, journald; crio installed but disabled), `is-active`,
//! `is-enabled`, `list-units`, `cat`, with systemd's layout: the state
//! glyph and colours on a terminal, the CGroup tree and journal lines cut
//! to its width (`-l` keeps them whole), relative times as
//! format_timestamp_relative writes them. Changing units is not simulated.

use super::procs::{self, Proc};
use super::Node;
use kubeplay_shell::{Output, Vfs};

const GREEN: &str = "\x1b[0;1;32m";
const NORMAL: &str = "\x1b[0m";

/// A unit the node has.
struct Unit {
    name: &'static str,
    aliases: &'static [&'static str],
    description: &'static str,
    path: &'static str,
    dropins: &'static [(&'static str, &'static str)],
    file_state: &'static str,
    preset: Option<&'static str>,
    docs: &'static [&'static str],
    triggered_by: &'static [&'static str],
    /// Runs with the node's container runtime (stops with it).
    runtime: bool,
    /// Installed but never started.
    dead: bool,
    tasks_limited: bool,
    status: Option<&'static str>,
}

const UNITS: &[Unit] = &[
    Unit {
        name: "containerd.service",
        aliases: &["containerd"],
        description: "containerd container runtime",
        path: "/lib/systemd/system/containerd.service",
        dropins: &[],
        file_state: "disabled",
        preset: Some("enabled"),
        docs: &["https://containerd.io"],
        triggered_by: &[],
        runtime: true,
        dead: false,
        tasks_limited: false,
        status: None,
    },
    Unit {
        name: "cri-docker.service",
        aliases: &["cri-docker"],
        description: "CRI Interface for Docker Application Container Engine",
        path: "/lib/systemd/system/cri-docker.service",
        dropins: &[("/etc/systemd/system/cri-docker.service.d", "10-cni.conf")],
        file_state: "disabled",
        preset: Some("enabled"),
        docs: &["https://docs.mirantis.com"],
        triggered_by: &["cri-docker.socket"],
        runtime: true,
        dead: false,
        tasks_limited: false,
        status: None,
    },
    Unit {
        name: "crio.service",
        aliases: &["crio", "cri-o"],
        description: "Container Runtime Interface for OCI (CRI-O)",
        path: "/lib/systemd/system/crio.service",
        dropins: &[],
        file_state: "disabled",
        preset: Some("enabled"),
        docs: &["https://github.com/cri-o/cri-o"],
        triggered_by: &[],
        runtime: false,
        dead: true,
        tasks_limited: false,
        status: None,
    },
    Unit {
        name: "docker.service",
        aliases: &["docker"],
        description: "Docker Application Container Engine",
        path: "/lib/systemd/system/docker.service",
        dropins: &[],
        file_state: "enabled",
        preset: Some("enabled"),
        docs: &["https://docs.docker.com"],
        triggered_by: &["docker.socket"],
        runtime: true,
        dead: false,
        tasks_limited: false,
        status: None,
    },
    Unit {
        name: "kubelet.service",
        aliases: &["kubelet"],
        description: "kubelet: The Kubernetes Node Agent",
        path: super::files::KUBELET_SERVICE_PATH,
        dropins: &[("/etc/systemd/system/kubelet.service.d", "10-kubeadm.conf")],
        file_state: "disabled",
        preset: Some("enabled"),
        docs: &["http://kubernetes.io/docs/"],
        triggered_by: &[],
        runtime: true,
        dead: false,
        tasks_limited: true,
        status: None,
    },
    Unit {
        name: "ssh.service",
        aliases: &["ssh", "sshd", "sshd.service"],
        description: "OpenBSD Secure Shell server",
        path: "/lib/systemd/system/ssh.service",
        dropins: &[],
        file_state: "enabled",
        preset: Some("enabled"),
        docs: &["man:sshd(8)", "man:sshd_config(5)"],
        triggered_by: &[],
        runtime: false,
        dead: false,
        tasks_limited: true,
        status: None,
    },
    Unit {
        name: "systemd-journald.service",
        aliases: &["systemd-journald"],
        description: "Journal Service",
        path: "/lib/systemd/system/systemd-journald.service",
        dropins: &[],
        file_state: "static",
        preset: None,
        docs: &["man:systemd-journald.service(8)", "man:journald.conf(5)"],
        triggered_by: &["systemd-journald-dev-log.socket", "systemd-journald.socket"],
        runtime: false,
        dead: false,
        tasks_limited: true,
        status: Some("Processing requests..."),
    },
];

fn find(name: &str) -> Option<&'static Unit> {
    let name = name.strip_suffix(".service").unwrap_or(name);
    UNITS
        .iter()
        .find(|u| u.name.trim_end_matches(".service") == name || u.aliases.contains(&name))
}

fn running(node: &Node, u: &Unit) -> bool {
    !u.dead && (node.up || !u.runtime)
}

/// systemd's format_timestamp: `Sun 2025-06-01 08:59:50 UTC`.
fn timestamp(ms: i64) -> String {
    let (y, mo, d, h, mi, s) = super::civil(ms);
    format!(
        "{} {y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC",
        super::weekday(ms)
    )
}

/// format_timestamp_relative (systemd 249).
fn relative(ms: i64, now: i64) -> String {
    let d = (now - ms).max(0) / 1000;
    let (min, hour, day) = (60, 3600, 86_400);
    if d >= 2 * day {
        format!("{} days ago", d / day)
    } else if d >= 25 * hour {
        format!("1 day {}h ago", (d - day) / hour)
    } else if d >= 6 * hour {
        format!("{}h ago", d / hour)
    } else if d >= hour {
        format!("{}h {}min ago", d / hour, d % hour / min)
    } else if d >= 5 * min {
        format!("{}min ago", d / min)
    } else if d >= min {
        format!("{}min {}s ago", d / min, d % min)
    } else if d >= 1 {
        format!("{d}s ago")
    } else {
        format!("{}ms ago", (now - ms).max(1))
    }
}

/// format_bytes: one decimal in the largest unit.
fn bytes(b: u64) -> String {
    let units = [
        ("E", 1u64 << 60),
        ("P", 1 << 50),
        ("T", 1 << 40),
        ("G", 1 << 30),
        ("M", 1 << 20),
        ("K", 1 << 10),
    ];
    // format_bytes_full: the tenth from the next unit down, in integers.
    for (i, (u, f)) in units.iter().enumerate() {
        if b >= *f {
            let tenth = match units.get(i + 1) {
                Some((_, below)) => b / below * 10 / 1024 % 10,
                None => b * 10 / f % 10,
            };
            return format!("{}.{tenth}{u}", b / f);
        }
    }
    format!("{b}B")
}

/// format_timespan with millisecond accuracy: `4.003s`, `8min 7.550s`.
fn timespan(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let mut parts = vec![];
    let mut rest = ms;
    for (unit, size) in [("h", 3_600_000u64), ("min", 60_000)] {
        if rest >= size {
            parts.push(format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    if rest > 0 {
        let (s, m) = (rest / 1000, rest % 1000);
        if m == 0 {
            parts.push(format!("{s}s"));
        } else {
            parts.push(format!("{s}.{m:03}s"));
        }
    }
    parts.join(" ")
}

/// ellipsize_mem: keep the start and end, `…` between (percent at the start).
fn ellipsize(s: &str, width: usize, percent: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= width || width < 3 {
        return s.to_string();
    }
    let x = (width - 1) * percent / 100;
    let tail = width - x - 1;
    let mut out: String = chars[..x].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// get_process_cmdline with a column budget: the end cut to `…`.
fn cut_end(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn quoted_cmdline(p: &Proc) -> String {
    if p.args.contains(' ') && p.comm == "sshd" {
        format!("\"{}\"", p.args)
    } else {
        p.args.clone()
    }
}

/// The journal lines a unit wrote (the last `n`), as `journalctl -u` shows them.
fn journal(node: &Node, u: &Unit) -> Vec<(String, String)> {
    let host = super::NODE;
    let start = procs::unit_start(node, u.name).unwrap_or(node.boot);
    let pid = procs::main_pid(node, u.name).map_or(0, |p| p.0);
    let stamp = |t: i64| -> String {
        let (_, mo, d, h, mi, s) = super::civil(t);
        format!(
            "{} {d:02} {h:02}:{mi:02}:{s:02}",
            super::MONTHS[(mo - 1) as usize]
        )
    };
    let iso = |t: i64| -> String {
        let (y, mo, d, h, mi, s) = super::civil(t);
        format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:09}Z",
            (t.rem_euclid(1000) * 1_000_000) + (super::hash(&t.to_string()) % 1_000_000) as i64
        )
    };
    let mut lines: Vec<(i64, String, String)> = vec![];
    match u.name {
        "kubelet.service" => {
            lines.push((
                start,
                "systemd[1]".into(),
                "Started kubelet: The Kubernetes Node Agent.".into(),
            ));
            for pod in &node.pods {
                let Some(first) = pod.containers.iter().map(|c| c.started).max() else {
                    continue;
                };
                // The tracker sees the pod running a few hundred ms later.
                let t = first + 380 + (super::hash(&pod.uid) % 60) as i64;
                let (_, mo, d, h, mi, s) = super::civil(t);
                let micros = t.rem_euclid(1000) * 1000 + (super::hash(&pod.name) % 1000) as i64;
                let dur = (first - pod.started) as f64 / 1000.0 + 0.412_318;
                let created = {
                    let (y, mo, d, h, mi, s) = super::civil(pod.started);
                    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} +0000 UTC")
                };
                let running = {
                    let (y, mo, d, h, mi, s) = super::civil(first);
                    format!(
                        "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{:09} +0000 UTC m=+{:.9}",
                        first.rem_euclid(1000) * 1_000_000 + 7_301,
                        (first - node.kubelet_since) as f64 / 1000.0 + 0.000_007
                    )
                };
                lines.push((
                    t,
                    format!("kubelet[{pid}]"),
                    format!(
                        "I{mo:02}{d:02} {h:02}:{mi:02}:{s:02}.{micros:06}    {pid} pod_startup_latency_tracker.go:104] \"Observed pod startup duration\" pod=\"{}/{}\" podStartSLOduration={dur:.9} podStartE2EDuration=\"{dur:.9}s\" podCreationTimestamp=\"{created}\" firstStartedPulling=\"0001-01-01 00:00:00 +0000 UTC\" lastFinishedPulling=\"0001-01-01 00:00:00 +0000 UTC\" observedRunningTime=\"{running}\" watchObservedRunningTime=\"{running}\"",
                        pod.namespace, pod.name
                    ),
                ));
            }
        }
        "docker.service" => {
            for (k, m) in [
                "Starting up",
                "[graphdriver] using prior storage driver: overlay2",
                "Loading containers: start.",
                "Loading containers: done.",
                "Docker daemon",
                "Daemon has completed initialization",
                "API listen on /var/run/docker.sock",
                "API listen on [::]:2376",
            ]
            .iter()
            .enumerate()
            {
                let t = start + 40 * k as i64;
                let msg = if *m == "Docker daemon" {
                    format!("time=\"{}\" level=info msg=\"Docker daemon\" commit=01f442b containerd-snapshotter=false storage-driver=overlay2 version=28.1.1", iso(t))
                } else {
                    format!("time=\"{}\" level=info msg=\"{m}\"", iso(t))
                };
                lines.push((t, format!("dockerd[{pid}]"), msg));
            }
            lines.push((
                start + 360,
                "systemd[1]".into(),
                "Started Docker Application Container Engine.".into(),
            ));
        }
        "containerd.service" => {
            for (k, m) in [
                "starting containerd\" revision=05044ec0a9a75232cad458027ca83437aae3f4da version=1.7.27",
                "serving...\" address=/run/containerd/containerd.sock.ttrpc",
                "serving...\" address=/run/containerd/containerd.sock",
                "containerd successfully booted in 0.048217s",
            ]
            .iter()
            .enumerate()
            {
                let t = start + 20 * k as i64;
                let msg = if m.contains('"') {
                    format!("time=\"{}\" level=info msg=\"{m}", iso(t))
                } else {
                    format!("time=\"{}\" level=info msg=\"{m}\"", iso(t))
                };
                lines.push((t, format!("containerd[{pid}]"), msg));
            }
            lines.push((
                start + 100,
                "systemd[1]".into(),
                "Started containerd container runtime.".into(),
            ));
        }
        "cri-docker.service" => {
            for (k, m) in [
                "Connecting to docker on the Endpoint unix:///var/run/docker.sock",
                "Start docker client with request timeout 0s",
                "Hairpin mode is set to hairpin-veth",
                "Loaded network plugin cni",
                "Docker cri networking managed by network plugin cni",
                "Setting cgroupDriver systemd",
                "Docker cri received runtime config &RuntimeConfig{NetworkConfig:&NetworkConfig{PodCidr:,},}",
                "Starting the GRPC backend for the Docker CRI interface.",
                "Start cri-dockerd grpc backend",
            ]
            .iter()
            .enumerate()
            {
                let t = start + 15 * k as i64;
                let (y, mo, d, h, mi, s) = super::civil(t);
                lines.push((
                    t,
                    format!("cri-dockerd[{pid}]"),
                    format!("time=\"{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z\" level=info msg=\"{m}\""),
                ));
            }
            lines.push((
                start + 150,
                "systemd[1]".into(),
                "Started CRI Interface for Docker Application Container Engine.".into(),
            ));
        }
        "ssh.service" => {
            lines.push((
                start - 20,
                "systemd[1]".into(),
                "Starting OpenBSD Secure Shell server...".into(),
            ));
            lines.push((
                start,
                format!("sshd[{pid}]"),
                "Server listening on 0.0.0.0 port 22.".into(),
            ));
            lines.push((
                start,
                format!("sshd[{pid}]"),
                "Server listening on :: port 22.".into(),
            ));
            lines.push((
                start + 2,
                "systemd[1]".into(),
                "Started OpenBSD Secure Shell server.".into(),
            ));
        }
        "systemd-journald.service" => {
            lines.push((
                start,
                format!("systemd-journald[{pid}]"),
                "Journal started".into(),
            ));
            lines.push((start, format!("systemd-journald[{pid}]"), "Runtime Journal (/run/log/journal/f6c8b8d2a7e64bdc9a1c4f2e0d3b5a71) is 8.0M, max 64.1M, 56.1M free.".into()));
        }
        _ => {}
    }
    lines.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
    lines
        .into_iter()
        .filter(|l| l.0 <= node.now)
        .map(|(t, who, msg)| (format!("{} {host} {who}: ", stamp(t)), msg))
        .collect()
}

struct Flags {
    full: bool,
    lines: usize,
    quiet: bool,
    units_type: Option<String>,
    state: Option<String>,
    all: bool,
    no_legend: bool,
}

pub fn run(node: &Node, args: &[String], vfs: &Vfs, tty: bool, width: usize) -> Output {
    let mut f = Flags {
        full: !tty,
        lines: 10,
        quiet: false,
        units_type: None,
        state: None,
        all: false,
        no_legend: false,
    };
    let mut words: Vec<String> = vec![];
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        let mut value = |name: &str, inline: Option<&str>| -> Result<String, Output> {
            match inline {
                Some(v) => Ok(v.to_string()),
                None => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        Ok(v.clone())
                    }
                    None => Err(super::fail(
                        format!("systemctl: option '{name}' requires an argument\n"),
                        1,
                    )),
                },
            }
        };
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            match name {
                "full" => f.full = true,
                "no-pager" | "no-ask-password" | "system" | "plain" | "no-block" => {}
                "quiet" => f.quiet = true,
                "all" => f.all = true,
                "no-legend" => f.no_legend = true,
                "lines" => match value("--lines", inline) {
                    Ok(v) => match v.parse() {
                        Ok(n) => f.lines = n,
                        Err(_) => return super::fail(format!("Failed to parse lines '{v}'\n"), 1),
                    },
                    Err(out) => return out,
                },
                "type" => match value("--type", inline) {
                    Ok(v) => f.units_type = Some(v),
                    Err(out) => return out,
                },
                "state" => match value("--state", inline) {
                    Ok(v) => f.state = Some(v),
                    Err(out) => return out,
                },
                "version" => {
                    let mut out = Output::default();
                    out.out("systemd 249 (249.11-0ubuntu3.12)\n+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT +GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY -P11KIT -QRENCODE +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified\n");
                    return out;
                }
                "help" => {
                    let mut out = Output::default();
                    out.out("systemctl [OPTIONS...] COMMAND ...\n\nQuery or send control commands to the system manager.\n\nSee the systemctl(1) man page for details.\n");
                    return out;
                }
                _ => return super::fail(format!("systemctl: unrecognized option '{a}'\n"), 1),
            }
            continue;
        }
        if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            let chars: Vec<char> = short.chars().collect();
            for (k, c) in chars.iter().enumerate() {
                match c {
                    'l' => f.full = true,
                    'q' => f.quiet = true,
                    'a' => f.all = true,
                    'n' | 't' => {
                        let rest: String = chars[k + 1..].iter().collect();
                        let v = if rest.is_empty() {
                            match args.get(i) {
                                Some(v) => {
                                    i += 1;
                                    v.clone()
                                }
                                None => {
                                    return super::fail(
                                        format!(
                                            "systemctl: option requires an argument -- '{c}'\n"
                                        ),
                                        1,
                                    )
                                }
                            }
                        } else {
                            rest
                        };
                        if *c == 'n' {
                            match v.parse() {
                                Ok(n) => f.lines = n,
                                Err(_) => {
                                    return super::fail(format!("Failed to parse lines '{v}'\n"), 1)
                                }
                            }
                        } else {
                            f.units_type = Some(v);
                        }
                        break;
                    }
                    _ => return super::fail(format!("systemctl: invalid option -- '{c}'\n"), 1),
                }
            }
            continue;
        }
        words.push(a.to_string());
    }
    let verb = words
        .first()
        .cloned()
        .unwrap_or_else(|| "list-units".into());
    let units = if words.is_empty() {
        &[][..]
    } else {
        &words[1..]
    };
    match verb.as_str() {
        "status" => status(node, units, &f, tty, width),
        "is-active" => is_active(node, units, &f),
        "is-enabled" => is_enabled(units, &f),
        "is-failed" => {
            let mut out = Output::default();
            for _ in units {
                if !f.quiet {
                    out.out("active\n");
                }
            }
            out.status = 1;
            out
        }
        "list-units" => list_units(node, &f),
        "cat" => cat(units, vfs),
        "start" | "stop" | "restart" | "reload" | "enable" | "disable" | "mask" | "unmask"
        | "daemon-reload" | "kill" | "reset-failed" | "try-restart" | "reload-or-restart"
        | "poweroff" | "reboot" | "halt" => {
            let mut out = Output::default();
            out.err(format!(
                "kubeplay: `systemctl {verb}` would change the node's services, which is not simulated\n"
            ));
            out.status = 1;
            out
        }
        _ => super::fail(format!("Unknown command verb {verb}.\n"), 1),
    }
}

fn status(node: &Node, units: &[String], f: &Flags, tty: bool, width: usize) -> Output {
    let mut out = Output::default();
    if units.is_empty() {
        out.err("kubeplay: `systemctl status` of the whole system is not simulated; name a unit (kubelet, docker, containerd, cri-docker, ssh)\n");
        out.status = 1;
        return out;
    }
    let table = procs::table(node, None);
    let mut first = true;
    for name in units {
        let Some(u) = find(name) else {
            let unit = if name.contains('.') {
                name.clone()
            } else {
                format!("{name}.service")
            };
            out.err(format!("Unit {unit} could not be found.\n"));
            out.status = 4;
            continue;
        };
        if !first {
            out.out("\n");
        }
        first = false;
        let up = running(node, u);
        let (on, off) = if tty && up { (GREEN, NORMAL) } else { ("", "") };
        let glyph = if up { "●" } else { "○" };
        let mut s = format!("{on}{glyph}{off} {} - {}\n", u.name, u.description);
        let preset = u
            .preset
            .map(|p| format!("; vendor preset: {p}"))
            .unwrap_or_default();
        s.push_str(&format!(
            "     Loaded: loaded ({}; {}{preset})\n",
            u.path, u.file_state
        ));
        for (k, (dir, file)) in u.dropins.iter().enumerate() {
            let label = if k == 0 {
                "    Drop-In: "
            } else {
                "             "
            };
            s.push_str(&format!("{label}{dir}\n             └─{file}\n"));
        }
        let start = procs::unit_start(node, u.name);
        match (up, start) {
            (true, Some(t)) => s.push_str(&format!(
                "     Active: {on}active (running){off} since {}; {}\n",
                timestamp(t),
                relative(t, node.now)
            )),
            _ => s.push_str("     Active: inactive (dead)\n"),
        }
        for (k, t) in u.triggered_by.iter().enumerate() {
            let label = if k == 0 {
                "TriggeredBy: "
            } else {
                "             "
            };
            let (on, off) = if tty { (GREEN, NORMAL) } else { ("", "") };
            s.push_str(&format!("{label}{on}●{off} {t}\n"));
        }
        for (k, d) in u.docs.iter().enumerate() {
            let label = if k == 0 {
                "       Docs: "
            } else {
                "             "
            };
            s.push_str(&format!("{label}{d}\n"));
        }
        if !up {
            if !f.quiet {
                out.out(s);
            }
            if out.status == 0 {
                out.status = 3;
            }
            continue;
        }
        if u.name == "ssh.service" {
            s.push_str(&format!(
                "    Process: {} ExecStartPre=/usr/sbin/sshd -t (code=exited, status=0/SUCCESS)\n",
                procs::main_pid(node, u.name).map_or(0, |p| p.0) - 3
            ));
        }
        let procs_in: Vec<&Proc> = table.iter().filter(|p| p.unit == u.name).collect();
        if let Some((pid, comm)) = procs::main_pid(node, u.name) {
            s.push_str(&format!("   Main PID: {pid} ({comm})\n"));
        }
        if let Some(st) = u.status {
            s.push_str(&format!("     Status: \"{st}\"\n"));
        }
        let tasks: u32 = procs_in.iter().map(|p| p.threads).sum();
        if u.tasks_limited {
            let limit = node.mem_kb / 128 * 15 / 100;
            s.push_str(&format!("      Tasks: {tasks} (limit: {limit})\n"));
        } else {
            s.push_str(&format!("      Tasks: {tasks}\n"));
        }
        let rss: u64 = procs_in.iter().map(|p| p.rss).sum();
        s.push_str(&format!("     Memory: {}\n", bytes(rss * 1024 + 1_843_200)));
        let cpu: u64 = procs_in.iter().map(|p| p.cpu_ms).sum();
        s.push_str(&format!("        CPU: {}\n", timespan(cpu)));
        s.push_str(&format!("     CGroup: /system.slice/{}\n", u.name));
        for (k, p) in procs_in.iter().enumerate() {
            let branch = if k + 1 == procs_in.len() {
                "└─"
            } else {
                "├─"
            };
            let prefix = format!("             {branch}{} ", p.pid);
            let cmd = quoted_cmdline(p);
            let cmd = if f.full {
                cmd
            } else {
                cut_end(&cmd, width.saturating_sub(prefix.chars().count()))
            };
            s.push_str(&format!("{prefix}{cmd}\n"));
        }
        let lines = journal(node, u);
        let shown = &lines[lines.len().saturating_sub(f.lines)..];
        if !shown.is_empty() && f.lines > 0 {
            s.push('\n');
            for (prefix, msg) in shown {
                // journalctl's short output: the message cut in its middle
                // to what the prefix leaves of the line.
                let room = width.saturating_sub(prefix.chars().count());
                let msg = if f.full || room == 0 {
                    msg.clone()
                } else {
                    ellipsize(msg, room, 90)
                };
                s.push_str(&format!("{prefix}{msg}\n"));
            }
        }
        if !f.quiet {
            out.out(s);
        }
    }
    out
}

fn is_active(node: &Node, units: &[String], f: &Flags) -> Output {
    let mut out = Output::default();
    if units.is_empty() {
        return super::fail("Too few arguments.\n", 1);
    }
    let mut any = false;
    for name in units {
        let active = find(name).is_some_and(|u| running(node, u));
        any |= active;
        if !f.quiet {
            out.out(if active { "active\n" } else { "inactive\n" });
        }
    }
    if !any {
        out.status = 3;
    }
    out
}

fn is_enabled(units: &[String], f: &Flags) -> Output {
    let mut out = Output::default();
    if units.is_empty() {
        return super::fail("Too few arguments.\n", 1);
    }
    let mut enabled = false;
    for name in units {
        match find(name) {
            Some(u) => {
                enabled |= matches!(u.file_state, "enabled" | "static");
                if !f.quiet {
                    out.out(format!("{}\n", u.file_state));
                }
            }
            None => {
                let unit = if name.contains('.') {
                    name.clone()
                } else {
                    format!("{name}.service")
                };
                out.err(format!(
                    "Failed to get unit file state for {unit}: No such file or directory\n"
                ));
                out.status = 1;
                return out;
            }
        }
    }
    if !enabled {
        out.status = 1;
    }
    out
}

fn list_units(node: &Node, f: &Flags) -> Output {
    let mut out = Output::default();
    let rows: Vec<&Unit> = UNITS
        .iter()
        .filter(|u| f.all || running(node, u))
        .filter(|u| {
            f.state.as_deref().is_none_or(|s| {
                s.split(',').any(|s| match s {
                    "running" | "active" => running(node, u),
                    "inactive" | "dead" => !running(node, u),
                    _ => false,
                })
            })
        })
        .collect();
    if f.units_type.as_deref().is_some_and(|t| t != "service") {
        out.out("0 loaded units listed. Pass --all to see loaded but inactive units, too.\nTo show all installed unit files use 'systemctl list-unit-files'.\n");
        return out;
    }
    let w = rows.iter().map(|u| u.name.len()).max().unwrap_or(4).max(4);
    if !f.no_legend {
        out.out(format!(
            "  {:<w$} LOAD   ACTIVE   SUB     DESCRIPTION\n",
            "UNIT"
        ));
    }
    for u in &rows {
        let (active, sub) = if running(node, u) {
            ("active  ", "running")
        } else {
            ("inactive", "dead   ")
        };
        out.out(format!(
            "  {:<w$} loaded {active} {sub} {}\n",
            u.name, u.description
        ));
    }
    if !f.no_legend {
        out.out(format!("\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n{} loaded units listed.", rows.len()));
        if !f.all {
            out.out(" Pass --all to see loaded but inactive units, too.");
        }
        out.out("\nTo show all installed unit files use 'systemctl list-unit-files'.\n");
    }
    out
}

fn cat(units: &[String], vfs: &Vfs) -> Output {
    let mut out = Output::default();
    if units.is_empty() {
        return super::fail("Too few arguments.\n", 1);
    }
    for (k, name) in units.iter().enumerate() {
        let Some(u) = find(name) else {
            let unit = if name.contains('.') {
                name.clone()
            } else {
                format!("{name}.service")
            };
            out.err(format!("No files found for {unit}.\n"));
            out.status = 1;
            continue;
        };
        let mut files = vec![u.path.to_string()];
        files.extend(u.dropins.iter().map(|(d, f)| format!("{d}/{f}")));
        let texts: Vec<(String, &str)> = files
            .iter()
            .filter_map(|p| vfs.read(p).map(|t| (p.clone(), t)))
            .collect();
        if texts.is_empty() {
            out.err(format!(
                "kubeplay: the unit files of {} are not on this node's file system\n",
                u.name
            ));
            out.status = 1;
            continue;
        }
        if k > 0 {
            out.out("\n");
        }
        for (n, (p, t)) in texts.iter().enumerate() {
            if n > 0 {
                out.out("\n");
            }
            out.out(format!("# {p}\n{t}"));
            if !t.ends_with('\n') {
                out.out("\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systemd_formats() {
        assert_eq!(relative(0, 70_000), "1min 10s ago");
        assert_eq!(relative(0, 6_180_000), "1h 43min ago");
        assert_eq!(relative(0, 400_000), "6min ago");
        assert_eq!(bytes(146_905_088), "140.0M");
        assert_eq!(bytes(146_905_088 + 104_858), "140.1M");
        assert_eq!(timespan(487_550), "8min 7.550s");
        assert_eq!(timespan(4_003), "4.003s");
        assert_eq!(timespan(350), "350ms");
        assert_eq!(cut_end("abcdef", 4), "abc…");
        assert_eq!(ellipsize("abcdefghij", 5, 90), "abc…j");
        assert!(find("sshd").is_some_and(|u| u.name == "ssh.service"));
        assert!(find("kubelet.service").is_some());
        assert!(find("nope").is_none());
    }
}
