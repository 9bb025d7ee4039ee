//! What kubectl v1.33.1 prints when no API server answers: a stopped control
//! plane (`docker stop kind-control-plane`, `minikube stop
//! --keep-context-active`) or a kubeconfig without a current context (after
//! `minikube stop`, kubectl falls back to http://localhost:8080).
//!
//! Facts read off kubectl.1.33 against a closed port: how many discovery
//! errors client-go's memcache.go logs before a command gives up (it differs
//! per command), and how each command words the failure (cmdutil's
//! StandardErrorMessage, the create generators' `failed to create X: Post`,
//! apply's OpenAPI download). A host without a route (minikube's stopped
//! container) fails the same way with `no route to host`, and
//! StandardErrorMessage then says `Unable to connect to the server`.

use super::flags::Parsed;
use crate::clock::Time;

/// How the connection fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Nothing listens on the port (127.0.0.1:PORT of a stopped kind node).
    Refused,
    /// The address is gone (the stopped minikube container's 192.168.49.2).
    NoRoute,
}

/// The server kubectl tried, as its kubeconfig names it.
#[derive(Clone, Debug)]
pub struct Unreachable {
    /// `https://127.0.0.1:39999` or `http://localhost:8080`.
    pub server: String,
    pub cause: Cause,
}

/// The process id klog prints for every kubectl run: any will do.
pub const PID: u32 = 24181;

/// kubectl's fallback when the kubeconfig has no current context.
pub const NO_CONTEXT_SERVER: &str = "http://localhost:8080";

impl Unreachable {
    /// `host:port` as in the server URL.
    fn host(&self) -> String {
        let rest = self.server.split("://").nth(1).unwrap_or(&self.server);
        let host = rest.split('/').next().unwrap_or(rest);
        if host.contains(':') {
            return host.to_string();
        }
        let port = if self.server.starts_with("http://") {
            80
        } else {
            443
        };
        format!("{host}:{port}")
    }

    fn base(&self) -> &str {
        self.server.trim_end_matches('/')
    }

    /// Go's dial error; a name is dialled at its resolved address.
    fn dial(&self) -> String {
        let host = self.host();
        let addr = match host.strip_prefix("localhost:") {
            Some(port) => format!("127.0.0.1:{port}"),
            None => host,
        };
        let why = match self.cause {
            Cause::Refused => "connection refused",
            Cause::NoRoute => "no route to host",
        };
        format!("dial tcp {addr}: connect: {why}")
    }

    /// StandardErrorMessage of the failed request.
    fn standard(&self) -> String {
        match self.cause {
            Cause::Refused => format!(
                "The connection to the server {} was refused - did you specify the right host or port?\n",
                self.host()
            ),
            Cause::NoRoute => format!("Unable to connect to the server: {}\n", self.dial()),
        }
    }

    /// client-go's discovery error as klog prints it (E, date, time, pid).
    fn discovery_errors(&self, n: usize, now: Time, pid: u32) -> String {
        let stamp = now.rfc3339();
        let (date, time) = (&stamp[5..10], &stamp[11..19]);
        let date = date.replace('-', "");
        (0..n)
            .map(|i| {
                format!(
                    "E{date} {time}.{:06} {pid:>7} memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"{}/api?timeout=32s\\\": {}\"\n",
                    1000 + i * 1500,
                    self.base(),
                    self.dial()
                )
            })
            .collect()
    }
}

/// What a command prints when its server does not answer, in order.
#[derive(Default)]
pub struct Failure {
    pub stdout: String,
    pub stderr: String,
    /// (to stderr, text) as written.
    pub chunks: Vec<(bool, String)>,
    pub status: i32,
}

impl Failure {
    fn out(&mut self, s: &str) {
        self.stdout.push_str(s);
        self.chunks.push((false, s.to_string()));
    }
    fn err(&mut self, s: &str) {
        self.stderr.push_str(s);
        self.chunks.push((true, s.to_string()));
    }
}

/// The failure of `kubectl <command> ...` (`p`: its parsed flags and words).
/// None: the command needs no server (config, kustomize, completion, help,
/// the create generators' `--dry-run=client`).
pub fn failure(
    u: &Unreachable,
    command: &str,
    p: &Parsed,
    namespace: &str,
    now: Time,
    pid: u32,
) -> Option<Failure> {
    let sub = p.args.first().map(String::as_str).unwrap_or("");
    let dry_client = p.str("dry-run") == Some("client");
    let mut f = Failure {
        status: 1,
        ..Failure::default()
    };
    let standard = |f: &mut Failure, logged: usize| {
        f.err(&u.discovery_errors(logged, now, pid));
        f.err(&u.standard());
    };
    match command {
        "config" | "kustomize" | "completion" | "options" | "plugin" | "help" => return None,
        "version" => {
            f.out(super::cmd::version::CLIENT_TEXT);
            f.err(&u.standard());
        }
        "apply" | "create" | "replace" if p.has("filename") || p.has("kustomize") => {
            let file = p.all("filename").first().cloned().unwrap_or_default();
            if p.str("validate") == Some("false") || p.str("validate") == Some("ignore") {
                unrecognized(u, &mut f, &file, now, pid);
            } else {
                f.err(&format!(
                    "error: error validating \"{file}\": error validating data: failed to download openapi: Get \"{}/openapi/v2?timeout=32s\": {}; if you choose to ignore these errors, turn validation off with --validate=false\n",
                    u.base(),
                    u.dial()
                ));
            }
        }
        "delete" | "diff" if p.has("filename") => {
            let file = p.all("filename").first().cloned().unwrap_or_default();
            unrecognized(u, &mut f, &file, now, pid);
            if command == "diff" {
                f.status = 2;
            }
        }
        "create" => match generator_post(sub, p, namespace) {
            _ if dry_client && !matches!(sub, "role" | "clusterrole") && !p.has("from") => {
                return None
            }
            Some((what, path)) => {
                let dry = if p.str("dry-run") == Some("server") {
                    "dryRun=All&"
                } else {
                    ""
                };
                let colon = if what == "secret" { "" } else { ":" };
                let query = if sub == "token" {
                    String::new()
                } else {
                    format!("?{dry}fieldManager=kubectl-create&fieldValidation=Strict")
                };
                f.err(&format!(
                    "error: failed to create {what}{colon} Post \"{}{path}{query}\": {}\n",
                    u.base(),
                    u.dial()
                ));
            }
            None if matches!(sub, "role" | "clusterrole") => standard(&mut f, 2),
            None if p.has("from") => standard(&mut f, 4),
            None => standard(&mut f, 0),
        },
        "api-versions" => {
            f.err(&u.discovery_errors(1, now, pid));
            f.err(&format!(
                "error: couldn't get available api versions from server: Get \"{}/api?timeout=32s\": {}\n",
                u.base(),
                u.dial()
            ));
        }
        "api-resources" => {
            f.out("NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n");
            standard(&mut f, 1);
        }
        "cluster-info" => {
            f.err(&u.discovery_errors(5, now, pid));
            f.out(
                "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
            );
            f.err(&u.standard());
        }
        "auth" if sub == "can-i" => {
            f.err(&u.discovery_errors(2, now, pid));
            if let Some(resource) = p.args.get(2) {
                f.err(&format!(
                    "Warning: the server doesn't have a resource type '{}'\n\n",
                    resource.split('/').next().unwrap_or(resource)
                ));
            }
            f.err(&u.standard());
        }
        "debug" => {
            if !p.has("profile") {
                f.err("--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n");
            }
            standard(&mut f, 4);
        }
        "get" if p.has("raw") => standard(&mut f, 0),
        "top" | "events" | "cp" | "auth" => standard(&mut f, 0),
        "run" => standard(&mut f, 1),
        "explain" | "taint" => standard(&mut f, 2),
        "logs" | "exec" | "rollout" | "wait" | "port-forward" | "attach" | "set" | "drain"
        | "cordon" | "uncordon" => standard(&mut f, 4),
        _ => standard(&mut f, 5),
    }
    Some(f)
}

/// `unable to recognize`: the REST mapping of a file's object failed.
fn unrecognized(u: &Unreachable, f: &mut Failure, file: &str, now: Time, pid: u32) {
    f.err(&u.discovery_errors(1, now, pid));
    f.err(&format!(
        "error: unable to recognize \"{file}\": Get \"{}/api?timeout=32s\": {}\n",
        u.base(),
        u.dial()
    ));
}

/// The create generators that POST without asking discovery first: the
/// noun in their `failed to create` and the path they post to.
fn generator_post(sub: &str, p: &Parsed, ns: &str) -> Option<(String, String)> {
    let namespaced = |group: &str, plural: &str| format!("/{group}/namespaces/{ns}/{plural}");
    let (what, path) = match sub {
        "deployment" | "deploy" => (
            "deployment".into(),
            namespaced("apis/apps/v1", "deployments"),
        ),
        "configmap" | "cm" => ("configmap".into(), namespaced("api/v1", "configmaps")),
        "secret" => ("secret".into(), namespaced("api/v1", "secrets")),
        "job" if !p.has("from") => ("job".into(), namespaced("apis/batch/v1", "jobs")),
        "cronjob" | "cj" => ("cronjob".into(), namespaced("apis/batch/v1", "cronjobs")),
        "serviceaccount" | "sa" => (
            "serviceaccount".into(),
            namespaced("api/v1", "serviceaccounts"),
        ),
        "quota" | "resourcequota" => ("quota".into(), namespaced("api/v1", "resourcequotas")),
        "ingress" | "ing" => (
            "ingress".into(),
            namespaced("apis/networking.k8s.io/v1", "ingresses"),
        ),
        "poddisruptionbudget" | "pdb" => (
            "poddisruptionbudgets".into(),
            namespaced("apis/policy/v1", "poddisruptionbudgets"),
        ),
        "rolebinding" => (
            "rolebinding".into(),
            namespaced("apis/rbac.authorization.k8s.io/v1", "rolebindings"),
        ),
        "clusterrolebinding" => (
            "clusterrolebinding".into(),
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings".into(),
        ),
        "priorityclass" | "pc" => (
            "priorityclass".into(),
            "/apis/scheduling.k8s.io/v1/priorityclasses".into(),
        ),
        "service" | "svc" => {
            let kind = match p.args.get(1).map(String::as_str) {
                Some("nodeport") => "NodePort",
                Some("loadbalancer") => "LoadBalancer",
                Some("externalname") => "ExternalName",
                _ => "ClusterIP",
            };
            (format!("{kind} service"), namespaced("api/v1", "services"))
        }
        "token" => {
            let sa = p.args.get(1).map(String::as_str).unwrap_or("default");
            (
                "token".into(),
                namespaced("api/v1", &format!("serviceaccounts/{sa}/token")),
            )
        }
        _ => return None,
    };
    Some((what, path))
}

/// Fails the command as kubectl would when the server in effect does not
/// answer: the kubeconfig names no context (kubectl dials localhost:8080),
/// or this cluster's control plane is stopped. Returns the exit status.
pub fn refuse_if_down(env: &mut super::Env, command: &str, p: &Parsed) -> Option<i32> {
    let k = super::kubeconfig::Kubeconfig::load(env, p).ok()?;
    let server = match p.str("server").filter(|s| !s.is_empty()) {
        Some(s) => s.to_string(),
        None => k.server(p.str("context").filter(|c| !c.is_empty()))?,
    };
    let u = if server.is_empty() {
        Unreachable {
            server: NO_CONTEXT_SERVER.into(),
            cause: Cause::Refused,
        }
    } else if !env.world.control_plane_running() {
        // kind publishes the API on the host's loopback (nothing listens
        // once the node stops); minikube's node address is gone instead.
        let local = server.contains("://127.0.0.1") || server.contains("://localhost");
        Unreachable {
            server,
            cause: if local {
                Cause::Refused
            } else {
                Cause::NoRoute
            },
        }
    } else {
        return None;
    };
    // Files are read before any request: a missing one fails as such.
    let missing = p.all("filename").iter().any(|f| {
        f != "-" && !f.contains("://") && !env.vfs.exists(&super::manifests::absolute(env.cwd, f))
    });
    if missing {
        return None;
    }
    let ns = env.namespace(p);
    let f = failure(&u, command, p, &ns, env.world.now(), PID)?;
    for (to_err, text) in f.chunks {
        if to_err {
            env.eprint(text);
        } else {
            env.print(text);
        }
    }
    Some(f.status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::flags::{self, Flag, FlagKind};

    fn parsed(args: &[&str]) -> Parsed {
        const FLAGS: &[Flag] = &[
            Flag::new("filename", FlagKind::StringSlice, "", "").short('f'),
            Flag::new("dry-run", FlagKind::String, "none", ""),
            Flag::new("validate", FlagKind::String, "strict", ""),
            Flag::new("raw", FlagKind::String, "", ""),
        ];
        let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        flags::parse(&argv, &[FLAGS]).unwrap()
    }

    fn kind() -> Unreachable {
        Unreachable {
            server: "https://127.0.0.1:39999".into(),
            cause: Cause::Refused,
        }
    }

    const AT: Time = Time(1_748_768_400_000);

    #[test]
    fn get_logs_five_discovery_errors_then_the_refusal() {
        let f = failure(&kind(), "get", &parsed(&["pods"]), "default", AT, 4242).unwrap();
        let lines: Vec<&str> = f.stderr.lines().collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(
            lines[0],
            "E0601 09:00:00.001000    4242 memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"https://127.0.0.1:39999/api?timeout=32s\\\": dial tcp 127.0.0.1:39999: connect: connection refused\""
        );
        assert_eq!(
            lines[5],
            "The connection to the server 127.0.0.1:39999 was refused - did you specify the right host or port?"
        );
        assert_eq!(f.status, 1);
    }

    #[test]
    fn no_context_dials_localhost_at_its_address() {
        let u = Unreachable {
            server: NO_CONTEXT_SERVER.into(),
            cause: Cause::Refused,
        };
        let f = failure(&u, "version", &parsed(&[]), "default", AT, 1).unwrap();
        assert_eq!(
            f.stdout,
            "Client Version: v1.33.1\nKustomize Version: v5.6.0\n"
        );
        assert_eq!(
            f.stderr,
            "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
        );
        let f = failure(&u, "api-versions", &parsed(&[]), "default", AT, 1).unwrap();
        assert!(f.stderr.ends_with("error: couldn't get available api versions from server: Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused\n"));
    }

    #[test]
    fn no_route_is_unable_to_connect() {
        let u = Unreachable {
            server: "https://192.168.49.2:8443".into(),
            cause: Cause::NoRoute,
        };
        let f = failure(&u, "top", &parsed(&["pods"]), "default", AT, 1).unwrap();
        assert_eq!(
            f.stderr,
            "Unable to connect to the server: dial tcp 192.168.49.2:8443: connect: no route to host\n"
        );
    }

    #[test]
    fn generators_post_and_files_validate() {
        let f = failure(
            &kind(),
            "create",
            &parsed(&["deployment", "web", "--dry-run=server"]),
            "dev",
            AT,
            1,
        )
        .unwrap();
        assert_eq!(f.stderr, "error: failed to create deployment: Post \"https://127.0.0.1:39999/apis/apps/v1/namespaces/dev/deployments?dryRun=All&fieldManager=kubectl-create&fieldValidation=Strict\": dial tcp 127.0.0.1:39999: connect: connection refused\n");
        assert!(failure(
            &kind(),
            "create",
            &parsed(&["deployment", "web", "--dry-run=client"]),
            "dev",
            AT,
            1
        )
        .is_none());
        let f = failure(
            &kind(),
            "apply",
            &parsed(&["-f", "p.yaml"]),
            "default",
            AT,
            1,
        )
        .unwrap();
        assert_eq!(f.stderr, "error: error validating \"p.yaml\": error validating data: failed to download openapi: Get \"https://127.0.0.1:39999/openapi/v2?timeout=32s\": dial tcp 127.0.0.1:39999: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n");
        let f = failure(
            &kind(),
            "diff",
            &parsed(&["-f", "p.yaml"]),
            "default",
            AT,
            1,
        )
        .unwrap();
        assert_eq!(f.status, 2);
        assert!(f.stderr.ends_with("error: unable to recognize \"p.yaml\": Get \"https://127.0.0.1:39999/api?timeout=32s\": dial tcp 127.0.0.1:39999: connect: connection refused\n"));
    }
}
