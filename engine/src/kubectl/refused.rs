//! What kubectl v1.33 prints when nothing answers at the server it was
//! given (a deleted kind cluster, `localhost:8080` without a current
//! context): client-go's discovery errors as klog lines, then
//! `The connection to the server HOST was refused - did you specify the
//! right host or port?` (kubectl/pkg/cmd/util/helpers.go), exit 1. The
//! number of discovery attempts differs per command; these were counted
//! with kubectl v1.33.1 against a closed port.

use super::flags::{self, Parsed};
use super::{commands, first_positional, GLOBAL_FLAGS};
use crate::clock::Time;
use kubeplay_shell::Output;

/// `scheme://host:port` split for the texts: the host as kubectl names it,
/// the address dialled, and the base URL of requests.
struct Server {
    host: String,
    dial: String,
    base: String,
}

fn parse(server: &str) -> Server {
    let (scheme, rest) = match server.split_once("://") {
        Some((s, r)) => (s.to_string(), r),
        None => ("https".to_string(), server),
    };
    let host = rest.split('/').next().unwrap_or("").to_string();
    let with_port = if host
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        host.clone()
    } else if scheme == "http" {
        format!("{host}:80")
    } else {
        format!("{host}:443")
    };
    let dial = match with_port.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => with_port,
    };
    Server {
        base: format!("{scheme}://{host}"),
        host,
        dial,
    }
}

/// memcache.go's line for one failed discovery request, at `ms`.
fn discovery_line(s: &Server, ms: i64) -> String {
    format!(
        "E{} memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"{}/api?timeout=32s\\\": dial tcp {}: connect: connection refused\"\n",
        crate::network::http::klog_time(ms),
        s.base,
        s.dial
    )
}

/// How many discovery requests a command makes before it gives up.
fn attempts(command: &str) -> usize {
    match command {
        "top" | "events" | "create" | "version" => 0,
        "run" | "api-resources" | "api-versions" | "diff" => 1,
        "explain" | "auth" => 2,
        "logs" | "exec" | "scale" | "rollout" | "wait" | "cordon" | "uncordon" | "drain"
        | "port-forward" | "attach" => 4,
        _ => 5,
    }
}

/// The output of `kubectl <args>` when nothing answers at `server`.
pub fn run(args: &[String], server: &str, now: Time) -> Output {
    let mut out = Output {
        status: 1,
        ..Default::default()
    };
    let s = parse(server);
    let refused = |s: &Server| {
        format!(
            "The connection to the server {} was refused - did you specify the right host or port?\n",
            s.host
        )
    };
    let Some(pos) = first_positional(args) else {
        out.err(refused(&s));
        return out;
    };
    let name = commands()
        .iter()
        .find(|c| c.name == args[pos] || c.aliases.contains(&args[pos].as_str()))
        .map_or("", |c| c.name);
    let mut rest: Vec<String> = args[..pos].to_vec();
    rest.extend_from_slice(&args[pos + 1..]);
    let flags = commands()
        .iter()
        .find(|c| c.name == name)
        .map_or(&[][..], |c| c.flags);
    let p: Parsed = flags::parse(&rest, &[flags, GLOBAL_FLAGS]).unwrap_or_default();
    // create -f and apply -f validate against the server's OpenAPI first.
    let file = p.all("filename").into_iter().next();
    if let (Some(file), "create" | "apply", false) = (
        file,
        name,
        p.str("validate")
            .is_some_and(|v| v == "false" || v == "ignore"),
    ) {
        out.err(format!("error: error validating \"{file}\": error validating data: failed to download openapi: Get \"{}/openapi/v2?timeout=32s\": dial tcp {}: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n", s.base, s.dial));
        return out;
    }
    for i in 0..attempts(name) {
        out.err(discovery_line(&s, now.0 + i as i64));
    }
    match name {
        "version" => out.out(super::cmd::version::CLIENT_TEXT),
        "api-resources" => out.out("NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"),
        "cluster-info" => out.out(
            "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
        ),
        "api-versions" => {
            out.err(format!("error: couldn't get available api versions from server: Get \"{}/api?timeout=32s\": dial tcp {}: connect: connection refused\n", s.base, s.dial));
            return out;
        }
        _ => {}
    }
    out.err(refused(&s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::EPOCH;

    fn run_line(line: &str, server: &str) -> Output {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        run(&args, server, EPOCH)
    }

    #[test]
    fn get_tries_discovery_five_times_then_names_the_host() {
        let out = run_line("get pods", "https://127.0.0.1:40000");
        let err = out.stderr();
        assert_eq!(err.lines().count(), 6);
        assert!(err.lines().next().unwrap().starts_with("E0601 09:00:00.000000   24181 memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"https://127.0.0.1:40000/api?timeout=32s\\\": dial tcp 127.0.0.1:40000: connect: connection refused\""));
        assert!(err.ends_with("The connection to the server 127.0.0.1:40000 was refused - did you specify the right host or port?\n"));
        assert_eq!(out.status, 1);
    }

    #[test]
    fn localhost_dials_the_loopback_address() {
        let out = run_line("top pods", "http://localhost:8080");
        assert_eq!(out.stderr(), "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
        let out = run_line("logs x", "http://localhost:8080");
        assert!(out.stderr().contains("dial tcp 127.0.0.1:8080: connect"));
        assert_eq!(out.stderr().lines().count(), 5);
    }
}
