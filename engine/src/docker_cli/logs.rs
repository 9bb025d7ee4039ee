//! `docker logs [-t] [-n N] NODE`: what a kind node container wrote to its
//! stdout/stderr. Only the lines kindest/node's entrypoint prints (kind
//! v0.29.0 images/base/files/usr/local/bin/entrypoint, `log_info`) on a
//! Linux host with cgroup v2, no user namespace, DMI present, docker's
//! nftables rules and no IPv6 on the `kind` network; systemd's own boot
//! output after `starting init` is not reproduced. A node started again
//! runs the entrypoint again, which then finds its old address. `-f`
//! follows: nothing more comes until Ctrl-C or an enclosing `timeout`.

use super::{flag_error, Cluster};
use kubeplay_shell::Output;

/// The entrypoint's log of one boot.
fn boot(ip: &str, again: bool) -> Vec<String> {
    let mut lines: Vec<String> = [
        "ensuring we can execute mount/umount even with userns-remap",
        "remounting /sys read-only",
        "making mounts shared",
        "detected cgroup v2",
        "clearing and regenerating /etc/machine-id",
        "faking /sys/class/dmi/id/product_name to be \"kind\"",
        "faking /sys/class/dmi/id/product_uuid to be random",
        "faking /sys/devices/virtual/dmi/id/product_uuid as well",
        "setting iptables to detected mode: nft",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    lines.push(format!("detected IPv4 address: {ip}"));
    if again {
        lines.push(format!("detected old IPv4 address: {ip}"));
    }
    lines.push("detected IPv6 address: ".into());
    lines.push("starting init".into());
    lines.into_iter().map(|l| format!("INFO: {l}")).collect()
}

/// RFC 3339 with nanoseconds, as `docker logs -t` stamps lines.
fn stamp(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = crate::images::civil(ms);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:09}Z",
        milli * 1_000_000
    )
}

/// `docker logs ARGS`; `deadline_ms` is what an enclosing `timeout` leaves
/// a followed log. Returns the virtual time it ran.
pub fn run(
    clusters: &[Cluster<'_>],
    args: &[&str],
    deadline_ms: Option<i64>,
    out: &mut Output,
) -> i64 {
    let (mut times, mut tail, mut names, mut follow) = (false, None::<usize>, vec![], false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-t" | "--timestamps" => times = true,
            // A string flag: anything but a number means all lines.
            "-n" | "--tail" => match it.next() {
                Some(v) => tail = v.parse::<usize>().ok(),
                None => {
                    flag_error(
                        out,
                        "logs",
                        "[OPTIONS] CONTAINER",
                        // pflag names a shorthand `'n' in -n`.
                        &if *a == "-n" {
                            "flag needs an argument: 'n' in -n".to_string()
                        } else {
                            format!("flag needs an argument: {a}")
                        },
                    );
                    return 0;
                }
            },
            "-f" | "--follow" => follow = true,
            s if s.starts_with("--") => {
                flag_error(
                    out,
                    "logs",
                    "[OPTIONS] CONTAINER",
                    &format!("unknown flag: {s}"),
                );
                return 0;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                flag_error(
                    out,
                    "logs",
                    "[OPTIONS] CONTAINER",
                    &format!("unknown shorthand flag: '{c}' in {s}"),
                );
                return 0;
            }
            name => names.push(name),
        }
    }
    let [name] = names.as_slice() else {
        out.err("docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n");
        out.status = 1;
        return 0;
    };
    let Some((c, i)) = super::find(clusters, name) else {
        out.err(format!(
            "Error response from daemon: No such container: {name}\n"
        ));
        out.status = 1;
        return 0;
    };
    let (_, _, created, world) = &clusters[c];
    let k = &world.kubelets[i];
    let mut lines: Vec<(i64, String)> = boot(&k.node_ip, false)
        .into_iter()
        .map(|l| (created.0, l))
        .collect();
    if let Some(at) = k.started_since() {
        lines.extend(boot(&k.node_ip, true).into_iter().map(|l| (at, l)));
    }
    let skip = tail.map_or(0, |n| lines.len().saturating_sub(n));
    // The entrypoint logs to stderr (`echo ... >&2`).
    for (at, l) in &lines[skip..] {
        if times {
            out.err(format!("{} {l}\n", stamp(*at)));
        } else {
            out.err(format!("{l}\n"));
        }
    }
    if !follow || k.is_stopped() {
        return 0;
    }
    // Following: nothing more is written; it waits for Ctrl-C or the end
    // of an enclosing `timeout` (an interactive terminal streams it).
    match deadline_ms {
        Some(left) => {
            out.status = 124;
            left.max(0)
        }
        None => {
            out.err("kubeplay: `docker logs -f` waits for Ctrl-C, which a script cannot send; use `timeout N docker logs -f NODE`\n");
            out.status = 1;
            0
        }
    }
}
