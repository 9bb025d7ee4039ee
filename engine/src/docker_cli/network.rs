//! `docker network ls`: docker's three default networks and, once a kind
//! cluster exists, the `kind` bridge network kind creates for its nodes
//! (kind v0.29 pkg/cluster/internal/providers/docker/network.go). Sorted
//! by name as docker/cli v28.5.1 cli/command/network/list.go does.

use super::template::table;
use super::Cluster;
use crate::leases::fnv;
use kubeplay_shell::Output;

/// A network's ID: 12 hex digits, stable per name.
pub fn network_id(name: &str) -> String {
    format!(
        "{:012x}",
        fnv(&format!("network/{name}")) & 0xffff_ffff_ffff
    )
}

pub fn run(clusters: &[Cluster<'_>], args: &[&str], out: &mut Output) {
    match args {
        ["ls" | "list"] => {
            let mut nets = vec![("bridge", "bridge"), ("host", "host")];
            if !clusters.is_empty() {
                nets.push(("kind", "bridge"));
            }
            nets.push(("none", "null"));
            let mut rows = vec![["NETWORK ID", "NAME", "DRIVER", "SCOPE"]
                .map(String::from)
                .to_vec()];
            for (name, driver) in nets {
                rows.push(vec![
                    network_id(name),
                    name.into(),
                    driver.into(),
                    "local".into(),
                ]);
            }
            out.out(table(&rows));
        }
        ["ls" | "list", flag, ..] => super::flag_error(
            out,
            "network ls",
            "[OPTIONS]",
            &format!("unknown flag: {flag}"),
        ),
        [verb, ..]
            if ["connect", "create", "disconnect", "inspect", "prune", "rm"].contains(verb) =>
        {
            out.err("kubeplay: this docker knows only `docker network ls`\n");
            out.status = 1;
        }
        [verb, ..] => {
            // cli/required.go (docker/cli v28.5.1): a management command's
            // unknown subcommand.
            out.err(format!("docker: unknown command: docker network {verb}\n\nUsage:  docker network COMMAND\n\nRun 'docker network --help' for more information\n"));
            out.status = 1;
        }
        [] => {
            out.err("\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  prune       Remove all unused networks\n  rm          Remove one or more networks\n\nRun 'docker network COMMAND --help' for more information on a command.\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_ids_are_twelve_hex_digits_and_differ() {
        let (a, b) = (network_id("kind"), network_id("bridge"));
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
