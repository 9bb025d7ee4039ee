//! The catalogue of simulated container images, as data: how big each is
//! (pull time and `Image size`), its ENTRYPOINT/CMD and environment, which
//! tools it ships (a shell or not), the files it holds, and the programs it
//! runs — their log lines, ports, environment requirements and fate.
//! Adding an image is adding a row to `catalogue.rs`.

mod catalogue;
mod hello_world;
mod registry;
mod system_logs;
mod texts;
pub mod userland;

pub use catalogue::CATALOGUE;
pub use registry::{pull_error, Runtime};
pub use texts::{NGINX_404, NGINX_INDEX};

/// What a simulated program does once its log is printed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Then {
    /// Keeps running until stopped (web servers, databases).
    Serve,
    /// Exits with `code` after `after_ms` (read from env `after_env` in
    /// seconds when set), printing `last_words` first.
    Exit {
        after_ms: i64,
        after_env: Option<&'static str>,
        code: i32,
        last_words: &'static str,
    },
    /// Allocates `mib_per_sec` more memory every second until the memory
    /// limit kills it (OOMKilled) — or forever without a limit.
    Leak { mib_per_sec: u32 },
    /// Keeps running and burns the millicores of CPU the environment
    /// variable `env` asks for (the program's `cpu_milli` without it), as
    /// far as the container's CPU limit lets it.
    Burn { env: &'static str },
    /// Keeps running; every request a second costs `milli_per_rps`
    /// millicores on top of the idle CPU (hpa-example's PHP loop).
    Busy { milli_per_rps: u32 },
}

/// Which HTTP server answers: its headers, error pages and access log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// nginx 1.27.5: `Server:` header, CRLF error pages, the `main` access
    /// log format on stdout.
    Nginx,
    /// Apache httpd 2.4.63 (the httpd image): common log format on stdout.
    Httpd,
    /// Apache 2.4.10 + PHP 5.6 (hpa-example): logs to a file, not stdout.
    ApachePhp,
    /// A node.js `http` server writing its body in pieces (chunked).
    NodeChunked,
    /// A node.js `http` server ending with one body (Content-Length).
    Node,
    /// Go's net/http.
    Go,
}

/// How a program answers HTTP on its ports (for probes, curl).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Http {
    /// Not HTTP: a TCP connect succeeds, a GET fails.
    None,
    /// 200 with `body` on `/` (and `/index.html`), 404 elsewhere (nginx, httpd).
    Root { body: &'static str, server: Server },
    /// 200 with `body` on every path (node apps); `$HOSTNAME` is the pod's.
    Any { body: &'static str, server: Server },
    /// The docs' liveness server: `/healthz` answers 200 for `ok_ms` after
    /// the start, then `then_status`.
    HealthyFor { ok_ms: i64, then_status: u16 },
    /// metrics-server: `/readyz` answers 500 until `ready_ms` after the
    /// start (its storage holds two scrapes), every other path 200.
    ReadyzAfter { ready_ms: i64 },
}

/// An environment requirement: one of `any_of` set and non-empty, else the
/// program prints `stderr` and exits with `exit_code`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Requirement {
    pub any_of: &'static [&'static str],
    pub stderr: &'static str,
    pub exit_code: i32,
}

/// A program the image ships that the simulation knows how to run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Program {
    /// Names it answers to as argv[0] (basename); `*` answers to any.
    pub names: &'static [&'static str],
    pub requires: Option<Requirement>,
    /// Startup output. `{iso}`, `{redis}`, `{mysql}`, `{pg}` become the start
    /// time in that program's format; `$HOSTNAME` the pod's host name.
    pub log: &'static str,
    pub ports: &'static [u16],
    pub http: Http,
    pub then: Then,
    /// CPU (millicores) and memory (MiB) it uses when idle.
    pub cpu_milli: u32,
    pub memory_mib: u32,
}

/// Which userland the image has (decides whether `sh`, `ls`, `cat` exist).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tools {
    /// Nothing but the image's own programs (hello-world, distroless).
    None,
    /// busybox/alpine: `sh` and the usual applets, no `bash`.
    Busybox,
    /// Debian/Ubuntu based: `sh`, `bash` and coreutils.
    Gnu,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Image {
    /// Repository as users write it (`nginx`, `gcr.io/google-samples/kubernetes-bootcamp`).
    pub repository: &'static str,
    /// Tags that differ from the default behaviour (`v2` of bootcamp); `None` row = default.
    pub tag: Option<&'static str>,
    pub size_bytes: u64,
    /// Registry download time at 1x, in milliseconds.
    pub pull_ms: i64,
    pub entrypoint: &'static [&'static str],
    pub cmd: &'static [&'static str],
    pub env: &'static [(&'static str, &'static str)],
    pub tools: Tools,
    pub programs: &'static [Program],
    /// Files the image holds besides the tools' own (path, content).
    pub files: &'static [(&'static str, &'static str)],
}

impl Image {
    /// The program answering to `name` (a path's basename), if the image ships it.
    pub fn program(&self, name: &str) -> Option<&'static Program> {
        let base = name.rsplit('/').next().unwrap_or(name);
        self.programs
            .iter()
            .find(|p| p.names.iter().any(|n| *n == base || *n == "*"))
    }

    pub fn has_shell(&self) -> bool {
        self.tools != Tools::None
    }
}

/// A parsed image reference: repository (without `docker.io/library/`) and tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub repository: String,
    pub tag: String,
}

/// Parses an image reference as the container runtime does. `Err` is the
/// reference parser's complaint (the kubelet reports InvalidImageName).
pub fn parse(image: &str) -> Result<Reference, String> {
    let valid = !image.is_empty()
        && image
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/:@".contains(c))
        && !image.starts_with(['/', '.', '-', ':'])
        && !image.ends_with(['/', ':']);
    if !valid {
        return Err("invalid reference format".into());
    }
    let name = image.split('@').next().unwrap_or(image);
    let (name, tag) = match name.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, t),
        _ => (name, "latest"),
    };
    let repository = name
        .strip_prefix("docker.io/library/")
        .or_else(|| name.strip_prefix("docker.io/"))
        .or_else(|| name.strip_prefix("library/"))
        .unwrap_or(name);
    Ok(Reference {
        repository: repository.into(),
        tag: tag.into(),
    })
}

/// The catalogue entry for an image reference, if the simulated registry
/// has it: a row for that exact tag first, then one for the release it is
/// a patch or libc variant of (`1.28.4`, `1.28-musl` → `1.28`), else the
/// repository's default row.
pub fn lookup(reference: &Reference) -> Option<&'static Image> {
    let rows = || {
        CATALOGUE
            .iter()
            .filter(|i| i.repository == reference.repository)
    };
    let tag = reference.tag.as_str();
    let same_release = |row: &str| {
        tag.strip_prefix(row).is_some_and(|rest| {
            let patch = rest
                .strip_prefix('.')
                .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()));
            patch || ["-musl", "-glibc", "-uclibc"].contains(&rest)
        })
    };
    rows()
        .find(|i| i.tag == Some(tag))
        .or_else(|| rows().find(|i| i.tag.is_some_and(same_release)))
        .or_else(|| rows().find(|i| i.tag.is_none()))
}

/// Where a program's log is rendered: the names and addresses its lines
/// mention.
pub struct LogHost<'a> {
    /// The pod's host name (the node's name for host-network pods).
    pub hostname: &'a str,
    pub pod_ip: &'a str,
    /// The cluster API server's secure port: 8443 on minikube, 6443 on kind
    /// (it also tells their certificate and etcd directories apart).
    pub api_port: u16,
    /// The leader-election holder identity of the component, if it elects:
    /// lines marked `{elect}` print only then, `{leader}` names the holder.
    pub leader: Option<&'a str>,
}

/// The kernel every simulated node reports (`nodeInfo.kernelVersion`); nginx
/// names it in its `OS:` line.
pub const NODE_KERNEL: &str = "5.15.0-139-generic";

/// The start time in a program's own log format, and the host's names.
/// `{klog}` and `{zap}` (the Kubernetes components' headers) advance a few
/// hundred microseconds with each line, as a starting process's lines do.
pub fn render_log(log: &str, start_ms: i64, host: &LogHost) -> String {
    let (y, mo, d, h, mi, s, ms) = civil(start_ms);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let weekday = DAYS[(start_ms.div_euclid(86_400_000) + 4).rem_euclid(7) as usize];
    let month = MONTHS[(mo - 1) as usize];
    let minikube = host.api_port == 8443;
    let (pki, etcd_data) = if minikube {
        ("/var/lib/minikube/certs", "/var/lib/minikube/etcd")
    } else {
        ("/etc/kubernetes/pki", "/var/lib/etcd")
    };
    // kind names its nodes <cluster>-control-plane[N] and <cluster>-worker[N].
    let cluster = if minikube {
        "minikube"
    } else {
        ["-control-plane", "-worker"]
            .iter()
            .find_map(|role| host.hostname.rfind(role).map(|i| &host.hostname[..i]))
            .unwrap_or("kind")
    };
    let elected: String;
    let log = if log.contains("{elect}") {
        elected = log
            .lines()
            .filter_map(|l| match (l.strip_prefix("{elect}"), host.leader) {
                (None, _) => Some(l.to_string()),
                (Some(l), Some(holder)) => Some(l.replace("{leader}", holder)),
                (Some(_), None) => None,
            })
            .map(|l| l + "\n")
            .collect();
        elected.as_str()
    } else {
        log
    };
    let text = advancing(log, "{klog}", start_ms, |t| {
        let (_, mo, d, h, mi, s, _) = civil(t / 1000);
        format!("{mo:02}{d:02} {h:02}:{mi:02}:{s:02}.{:06}", t % 1_000_000)
    });
    let text = advancing(&text, "{zap}", start_ms, |t| {
        let (y, mo, d, h, mi, s, _) = civil(t / 1000);
        format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}Z",
            t % 1_000_000
        )
    });
    text.replace(
        "{mongo}",
        &format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}+00:00"),
    )
    .replace(
        "{apache}",
        &format!("{weekday} {month} {d:02} {h:02}:{mi:02}:{s:02}.{ms:03}000 {y:04}"),
    )
    .replace(
        "{iso}",
        &format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"),
    )
    .replace(
        "{redis}",
        &format!("{d:02} {month} {y:04} {h:02}:{mi:02}:{s:02}.{ms:03}"),
    )
    .replace(
        "{mysql}",
        &format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}+00:00"),
    )
    .replace(
        "{pg}",
        &format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03} UTC"),
    )
    .replace(
        "{rfc3339}",
        &format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
    )
    .replace(
        "{nginx}",
        &format!("{y:04}/{mo:02}/{d:02} {h:02}:{mi:02}:{s:02}"),
    )
    .replace("{kernel}", NODE_KERNEL)
    .replace("{apiport}", &host.api_port.to_string())
    .replace("{pki}", pki)
    .replace("{etcd_data}", etcd_data)
    .replace("{cluster}", cluster)
    .replace("$HOSTNAME", host.hostname)
    .replace("$POD_IP", host.pod_ip)
}

/// Replaces each `mark` with `format(t)`, `t` in microseconds starting at
/// `start_ms` and growing by a deterministic few hundred µs per occurrence.
fn advancing(text: &str, mark: &str, start_ms: i64, format: impl Fn(i64) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut t = start_ms.saturating_mul(1000) + 117;
    for (i, piece) in text.split(mark).enumerate() {
        if i > 0 {
            out.push_str(&format(t));
            t += 150 + (i as i64 * 7919) % 613;
        }
        out.push_str(piece);
    }
    out
}

/// Unix milliseconds to (year, month, day, hour, minute, second, millisecond), UTC.
pub(crate) fn civil(ms: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms.rem_euclid(1000),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_releases_and_libc_variants_find_their_release_row() {
        let row = |r: &str| lookup(&parse(r).unwrap()).and_then(|i| i.tag);
        assert_eq!(row("busybox:1.28"), Some("1.28"));
        assert_eq!(row("busybox:1.28.4"), Some("1.28"));
        assert_eq!(row("busybox:1.28-musl"), Some("1.28"));
        assert_eq!(row("busybox:1.27.2"), Some("1.27"));
        assert_eq!(row("busybox:1.280"), None);
        assert_eq!(row("busybox:1.36.1"), None);
    }

    #[test]
    fn references() {
        assert_eq!(parse("nginx").unwrap().tag, "latest");
        assert_eq!(parse("nginx:1.17.2-alpine").unwrap().tag, "1.17.2-alpine");
        assert_eq!(
            parse("docker.io/library/nginx:1.25").unwrap().repository,
            "nginx"
        );
        assert!(parse("nginx;1.17.2-alpine").is_err());
        assert!(parse("Nginx").is_err());
        assert!(lookup(&parse("hello-world").unwrap()).is_some());
        assert!(lookup(&parse("no-such-image").unwrap()).is_none());
    }

    #[test]
    fn election_lines_need_a_leader() {
        let log = "a\n{elect}b {leader}\nc\n";
        let mut host = LogHost {
            hostname: "h",
            pod_ip: "10.0.0.1",
            api_port: 6443,
            leader: None,
        };
        assert_eq!(render_log(log, 0, &host), "a\nc\n");
        host.leader = Some("h_1");
        assert_eq!(render_log(log, 0, &host), "a\nb h_1\nc\n");
    }

    #[test]
    fn tagged_rows_win() {
        let v2 = lookup(&parse("gcr.io/google-samples/kubernetes-bootcamp:v2").unwrap()).unwrap();
        assert_eq!(v2.tag, Some("v2"));
        let v1 = lookup(&parse("gcr.io/google-samples/kubernetes-bootcamp:v1").unwrap()).unwrap();
        assert_eq!(v1.tag, None);
    }

    #[test]
    fn log_times() {
        // 2025-06-01T09:00:10.123Z
        let t = 1_748_768_410_123;
        let host = LogHost {
            hostname: "h",
            pod_ip: "10.0.0.1",
            api_port: 8443,
            leader: None,
        };
        assert_eq!(
            render_log("{iso}|{redis}|{mysql}|{pg}|{apache}|{nginx}|{rfc3339}|$POD_IP", t, &host),
            "2025-06-01T09:00:10.123Z|01 Jun 2025 09:00:10.123|2025-06-01 09:00:10+00:00|2025-06-01 09:00:10.123 UTC|Sun Jun 01 09:00:10.123000 2025|2025/06/01 09:00:10|2025-06-01T09:00:10Z|10.0.0.1"
        );
        // Component headers advance line by line; the paths follow the port.
        assert_eq!(
            render_log("I{klog} {pki}\n{zap} {etcd_data} {cluster}", t, &host),
            "I0601 09:00:10.123117 /var/lib/minikube/certs\n2025-06-01T09:00:10.123117Z /var/lib/minikube/etcd minikube"
        );
        let kind = LogHost {
            hostname: "dev-worker2",
            pod_ip: "172.18.0.2",
            api_port: 6443,
            leader: Some("dev-control-plane_x"),
        };
        assert_eq!(
            render_log("{klog}|{klog}|{pki}|{cluster}", t, &kind),
            "0601 09:00:10.123117|0601 09:00:10.123830|/etc/kubernetes/pki|dev"
        );
    }

    #[test]
    fn programs_by_basename() {
        let nginx = lookup(&parse("nginx").unwrap()).unwrap();
        assert!(nginx.program("/usr/sbin/nginx").is_some());
        assert!(nginx.program("redis-server").is_none());
        assert!(nginx.has_shell());
        let hello = lookup(&parse("hello-world").unwrap()).unwrap();
        assert!(!hello.has_shell());
    }
}
