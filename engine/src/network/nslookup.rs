//! busybox `nslookup` inside a pod, asking the cluster's DNS (CoreDNS at
//! the kube-dns ClusterIP). Two generations answer differently:
//! - up to 1.28 (the docs' `busybox:1.28`): libc's resolver, so the pod's
//!   search path applies; `Address N: IP NAME` with each address's PTR name;
//!   a miss is `nslookup: can't resolve 'HOST'` on stderr, status 1.
//! - 1.29 on (`busybox`, alpine): its own resolver, which applies the search
//!   path only to names without a dot and prints every answer it gets
//!   (`** server can't find NAME: NXDOMAIN` for each A and AAAA miss).
//!
//! Layouts from busybox's nslookup.c (1.28.4, 1.37.0) and real pod output.

use super::curl::Ran;
use super::route::Origin;
use super::view::View;
use kubeplay_shell::Output;

const USAGE_OLD: &str = "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n";
const USAGE_NEW: &str = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n";

/// Runs `nslookup ARGS` from `origin`; `old` picks busybox 1.28's resolver.
pub fn run(view: &View, origin: Origin, old: bool, args: &[String]) -> Ran {
    let mut out = Output::default();
    let host = args.iter().find(|a| !a.starts_with('-'));
    match host {
        Some(host) if !(old && (args.len() > 2 || args[0].starts_with('-'))) => {
            let server = dns_server(view);
            out.status = if old {
                classic(view, origin, host, &server, &mut out)
            } else {
                modern(view, origin, host, &server, &mut out)
            };
        }
        _ => {
            out.err(if old { USAGE_OLD } else { USAGE_NEW });
            out.status = 1;
        }
    }
    Ran {
        out,
        elapsed_ms: 0,
        terminal: String::new(),
    }
}

/// The nameserver of a pod's resolv.conf: the kube-dns Service.
fn dns_server(view: &View) -> String {
    view.service("kube-system", "kube-dns")
        .and_then(|s| s["spec"]["clusterIP"].as_str())
        .unwrap_or("10.96.0.10")
        .to_string()
}

/// What a name resolves to, and under which full name: an address as
/// itself, else the first of the resolver's candidates with records.
fn addresses(view: &View, names: &[String]) -> Option<(String, Vec<String>)> {
    names
        .iter()
        .find_map(|n| view.lookup_all(n).map(|ips| (n.clone(), ips)))
}

fn is_address(host: &str) -> bool {
    host.parse::<std::net::IpAddr>().is_ok()
}

/// busybox 1.28: `print_host` for the server, then for HOST.
fn classic(view: &View, origin: Origin, host: &str, server: &str, out: &mut Output) -> i32 {
    let print = |out: &mut Output, header: &str, name: &str, ips: &[String]| {
        out.out(format!("{header:<10} {name}\n"));
        for (i, ip) in ips.iter().enumerate() {
            let ptr = view.reverse(ip).unwrap_or_default();
            out.out(format!("Address {}: {ip} {ptr}\n", i + 1));
        }
    };
    print(out, "Server:", server, &[server.to_string()]);
    out.out("\n");
    let found = if is_address(host) {
        Some(vec![host.to_string()])
    } else {
        addresses(view, &view.search_names(origin, host)).map(|(_, ips)| ips)
    };
    match found {
        Some(ips) => {
            print(out, "Name:", host, &ips);
            0
        }
        None => {
            out.err(format!("nslookup: can't resolve '{host}'\n"));
            1
        }
    }
}

/// busybox 1.29+: every query's answer as it comes (A first, then AAAA,
/// which CoreDNS answers empty for IPv4 Services).
fn modern(view: &View, origin: Origin, host: &str, server: &str, out: &mut Output) -> i32 {
    out.out(format!("Server:\t\t{server}\nAddress:\t{server}:53\n\n"));
    if is_address(host) {
        let arpa: Vec<&str> = host.split('.').rev().collect();
        let arpa = format!("{}.in-addr.arpa", arpa.join("."));
        return match view.reverse(host) {
            Some(name) => {
                out.out(format!("{arpa}\tname = {name}\n\n"));
                0
            }
            None => {
                out.out(format!("** server can't find {arpa}: NXDOMAIN\n\n"));
                1
            }
        };
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    // Only a name without a dot goes through the search path.
    let names = if host.contains('.') {
        vec![host.clone()]
    } else {
        let mut names = view.search_names(origin, &host);
        names.pop();
        names
    };
    let mut status = 0;
    let mut misses = String::new();
    for name in &names {
        match view.lookup_all(name) {
            Some(ips) => {
                for ip in ips {
                    out.out(format!("Name:\t{name}\nAddress: {ip}\n"));
                }
                out.out("\n");
            }
            None => {
                status = 1;
                misses.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n").repeat(2));
            }
        }
    }
    out.out(misses);
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{Cluster, Preset};

    fn ask(c: &mut Cluster, old: bool, args: &[&str]) -> (String, String, i32) {
        let view = View::of(c.world_mut());
        let origin = Origin::Pod {
            namespace: "default",
            ip: "10.244.0.99",
        };
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let ran = run(&view, origin, old, &args);
        (ran.out.stdout(), ran.out.stderr(), ran.out.status)
    }

    #[test]
    fn busybox_128_resolves_through_the_search_path() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let (out, err, status) = ask(&mut c, true, &["kubernetes.default"]);
        assert_eq!(
            out,
            "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n"
        );
        assert_eq!((err.as_str(), status), ("", 0));
        let (_, err, status) = ask(&mut c, true, &["myservice"]);
        assert_eq!(
            (err.as_str(), status),
            ("nslookup: can't resolve 'myservice'\n", 1)
        );
    }

    #[test]
    fn newer_busybox_searches_only_dotless_names() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let (out, _, status) = ask(&mut c, false, &["kubernetes.default.svc.cluster.local"]);
        assert_eq!(
            out,
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n"
        );
        assert_eq!(status, 0);
        let (out, _, status) = ask(&mut c, false, &["kubernetes.default"]);
        assert!(out.ends_with("** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n"));
        assert_eq!(status, 1);
    }
}
