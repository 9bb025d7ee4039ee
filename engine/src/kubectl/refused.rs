//! `kubectl ARGS` when nothing listens at the server its kubeconfig names (a
//! deleted kind cluster, `localhost:8080` without a current context): the
//! words parsed as kubectl parses them, then `unreachable.rs` prints what
//! kubectl v1.33.1 prints for a refused connection.

use super::flags::{self, Parsed};
use super::unreachable::{failure, Cause, Unreachable};
use super::{commands, first_positional, GLOBAL_FLAGS};
use crate::clock::Time;
use kubeplay_shell::Output;

/// The output of `kubectl <args>` when nothing answers at `server`; None
/// when the command needs no server.
pub fn run(args: &[String], server: &str, now: Time) -> Option<Output> {
    let u = Unreachable {
        server: server.to_string(),
        cause: Cause::Refused,
    };
    let (name, p) = match first_positional(args) {
        Some(pos) => {
            let command = commands()
                .iter()
                .find(|c| c.name == args[pos] || c.aliases.contains(&args[pos].as_str()));
            let mut rest: Vec<String> = args[..pos].to_vec();
            rest.extend_from_slice(&args[pos + 1..]);
            let p: Parsed = match command {
                Some(c) => super::command_line::parse(c, &args[pos], &rest)
                    .map(|l| l.parsed)
                    .unwrap_or_default(),
                None => flags::parse(&rest, &[GLOBAL_FLAGS]).unwrap_or_default(),
            };
            (command.map_or("", |c| c.name), p)
        }
        None => ("", Parsed::default()),
    };
    let ns = p
        .str("namespace")
        .filter(|n| !n.is_empty())
        .unwrap_or("default")
        .to_string();
    let mut out = Output::default();
    let f = failure(&u, name, &p, &ns, now, super::unreachable::PID)?;
    // pflag's deprecation notices come before any request.
    for w in &p.warnings {
        out.err(w.clone());
    }
    for (to_err, text) in f.chunks {
        if to_err {
            out.err(text);
        } else {
            out.out(text);
        }
    }
    out.status = f.status;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::EPOCH;

    fn run_line(line: &str, server: &str) -> Output {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        run(&args, server, EPOCH).expect("a command that needs the server")
    }

    #[test]
    fn get_tries_discovery_five_times_then_names_the_host() {
        let out = run_line("get pods", "https://127.0.0.1:40000");
        let err = out.stderr();
        assert_eq!(err.lines().count(), 6);
        assert!(err.lines().next().unwrap().starts_with("E0601 09:00:00.001000   24181 memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"https://127.0.0.1:40000/api?timeout=32s\\\": dial tcp 127.0.0.1:40000: connect: connection refused\""));
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
