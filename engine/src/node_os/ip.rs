//! iproute2 5.15's `ip` (ip/ip.c, ipaddress.c, iproute.c) on the node:
//! lo, Docker's docker0 (down: pods use the CNI bridge), minikube's bridge
//! CNI `bridge` (10.244.0.1/16) with a veth per pod sandbox that has its
//! own network, and eth0 on the `minikube` docker network with the MAC
//! Docker derives from 192.168.49.2. Objects and commands match by
//! prefix as `matches()` does; the layouts are print_linkinfo's and
//! print_addrinfo's, `-br` and `-o` included.

use super::Node;
use kubeplay_shell::Output;

/// eth0's index in the node and its peer's on the host.
const ETH0_INDEX: u32 = 15;
const ETH0_PEER: u32 = 16;

struct Iface {
    index: u32,
    name: String,
    /// `@ifN`: the veth peer's index in its namespace.
    peer: Option<u32>,
    flags: &'static str,
    mtu: u32,
    master: Option<&'static str>,
    state: &'static str,
    qlen: Option<u32>,
    loopback: bool,
    mac: String,
    netnsid: Option<u32>,
    v4: Option<(String, u32, Option<String>, &'static str)>,
    v6: Vec<(String, u32, &'static str)>,
}

fn mac_from(seed: &str, prefix: &[u8]) -> [u8; 6] {
    let h = super::hash(seed).to_be_bytes();
    let mut m = [0u8; 6];
    for (i, b) in m.iter_mut().enumerate() {
        *b = prefix.get(i).copied().unwrap_or(h[i]);
    }
    if prefix.is_empty() {
        // A random, locally administered unicast address.
        m[0] = (m[0] & 0xfc) | 0x02;
    }
    m
}

fn mac_text(m: &[u8; 6]) -> String {
    m.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The EUI-64 link-local address of a MAC.
fn link_local(m: &[u8; 6]) -> String {
    let groups = [
        u16::from(m[0] ^ 0x02) << 8 | u16::from(m[1]),
        u16::from(m[2]) << 8 | 0xff,
        0xfe00 | u16::from(m[3]),
        u16::from(m[4]) << 8 | u16::from(m[5]),
    ];
    format!(
        "fe80::{}",
        groups
            .iter()
            .map(|g| format!("{g:x}"))
            .collect::<Vec<_>>()
            .join(":")
    )
}

/// The index the node's namespace gave the veth of the pod with `key`:
/// docker0 took 2, the bridge 3, then one per sandbox in order, past eth0's.
fn veth_index(key: u32) -> u32 {
    let i = key + 4;
    if i >= ETH0_INDEX {
        i + 1
    } else {
        i
    }
}

fn interfaces(node: &Node) -> Vec<Iface> {
    let docker0 = mac_from("docker0", &[0x02, 0x42]);
    let bridge = mac_from("minikube/bridge", &[]);
    let eth0 = [0x02, 0x42, 0xc0, 0xa8, 0x31, 0x02];
    let mut out = vec![
        Iface {
            index: 1,
            name: "lo".into(),
            peer: None,
            flags: "LOOPBACK,UP,LOWER_UP",
            mtu: 65536,
            master: None,
            state: "UNKNOWN",
            qlen: Some(1000),
            loopback: true,
            mac: "00:00:00:00:00:00".into(),
            netnsid: None,
            v4: Some(("127.0.0.1".into(), 8, None, "host")),
            v6: vec![("::1".into(), 128, "host")],
        },
        Iface {
            index: 2,
            name: "docker0".into(),
            peer: None,
            flags: "NO-CARRIER,BROADCAST,MULTICAST,UP",
            mtu: 1500,
            master: None,
            state: "DOWN",
            qlen: None,
            loopback: false,
            mac: mac_text(&docker0),
            netnsid: None,
            v4: Some((
                "172.17.0.1".into(),
                16,
                Some("172.17.255.255".into()),
                "global",
            )),
            v6: vec![],
        },
    ];
    let sandboxes: Vec<&super::Pod> = node.pods.iter().filter(|p| !p.host_network).collect();
    out.push(Iface {
        index: 3,
        name: "bridge".into(),
        peer: None,
        flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
        mtu: 1500,
        master: None,
        state: "UP",
        qlen: Some(1000),
        loopback: false,
        mac: mac_text(&bridge),
        netnsid: None,
        v4: Some((
            "10.244.0.1".into(),
            16,
            Some("10.244.255.255".into()),
            "global",
        )),
        v6: vec![(link_local(&bridge), 64, "link")],
    });
    for (n, pod) in sandboxes.iter().enumerate() {
        let mac = mac_from(&format!("{}/veth", pod.uid), &[]);
        out.push(Iface {
            index: veth_index(pod.key),
            name: format!("veth{:08x}", super::hash(&pod.uid) as u32),
            peer: Some(2),
            flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
            mtu: 1500,
            master: Some("bridge"),
            state: "UP",
            qlen: None,
            loopback: false,
            mac: mac_text(&mac),
            netnsid: Some(n as u32 + 1),
            v4: None,
            v6: vec![(link_local(&mac), 64, "link")],
        });
    }
    out.push(Iface {
        index: ETH0_INDEX,
        name: "eth0".into(),
        peer: Some(ETH0_PEER),
        flags: "BROADCAST,MULTICAST,UP,LOWER_UP",
        mtu: 1500,
        master: None,
        state: "UP",
        qlen: None,
        loopback: false,
        mac: mac_text(&eth0),
        netnsid: Some(0),
        v4: Some((
            super::NODE_IP.into(),
            24,
            Some("192.168.49.255".into()),
            "global",
        )),
        v6: vec![],
    });
    out.sort_by_key(|i| i.index);
    out
}

/// iproute2's matches(): `arg` abbreviates `word`.
fn matches(arg: &str, word: &str) -> bool {
    !arg.is_empty() && word.starts_with(arg)
}

#[derive(Default)]
struct Opts {
    family: Option<u8>,
    brief: bool,
    oneline: bool,
    details: bool,
}

fn usage() -> Output {
    let mut out = Output::default();
    out.err("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n                    -4 | -6 | -M | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n                    -c[olor]}\n");
    out.status = 255;
    out
}

fn fail(text: String, status: i32) -> Output {
    super::fail(text, status)
}

const OBJECTS: &[&str] = &[
    "address",
    "addrlabel",
    "maddress",
    "route",
    "rule",
    "neighbor",
    "neighbour",
    "ntable",
    "ntbl",
    "link",
    "l2tp",
    "fou",
    "ila",
    "macsec",
    "tunnel",
    "tunl",
    "tuntap",
    "tap",
    "token",
    "tcpmetrics",
    "tcp_metrics",
    "monitor",
    "xfrm",
    "mroute",
    "mrule",
    "netns",
    "netconf",
    "vrf",
    "sr",
    "nexthop",
    "mptcp",
    "ioam",
    "help",
];

pub fn run(node: &Node, args: &[String]) -> Output {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') {
            break;
        }
        let opt = a
            .strip_prefix('-')
            .map(|s| s.strip_prefix('-').unwrap_or(s))
            .unwrap_or(a);
        let opt = format!("-{opt}");
        let m = |w: &str| matches(&opt, w);
        match opt.as_str() {
            "-4" => o.family = Some(4),
            "-6" => o.family = Some(6),
            "-0" => o.family = Some(0),
            _ if m("-family") => {
                i += 1;
                match args.get(i).map(String::as_str) {
                    Some("inet") => o.family = Some(4),
                    Some("inet6") => o.family = Some(6),
                    Some("link") => o.family = Some(0),
                    Some("help") | None => return usage(),
                    Some(f) => {
                        return fail(
                            format!(
                                "Error: argument \"{f}\" is wrong: invalid protocol family\n\n"
                            ),
                            255,
                        )
                    }
                }
            }
            _ if m("-brief") => o.brief = true,
            _ if m("-oneline") => o.oneline = true,
            _ if m("-details") => o.details = true,
            _ if m("-Version") => {
                let mut out = Output::default();
                out.out("ip utility, iproute2-5.15.0, libbpf 0.5.0\n");
                return out;
            }
            _ if m("-help") => return usage(),
            _ if m("-stats")
                || m("-statistics")
                || m("-resolve")
                || m("-human")
                || m("-human-readable")
                || m("-iec")
                || m("-Numeric")
                || m("-all")
                || m("-timestamp")
                || m("-tshort")
                || m("-force")
                || opt.starts_with("-c") => {}
            _ => {
                return fail(
                    format!("Option \"{a}\" is unknown, try \"ip -help\".\n"),
                    255,
                )
            }
        }
        i += 1;
    }
    let rest = &args[i..];
    let Some(object) = rest.first() else {
        return usage();
    };
    let Some(found) = OBJECTS.iter().find(|w| matches(object, w)) else {
        return fail(
            format!("Object \"{object}\" is unknown, try \"ip help\".\n"),
            1,
        );
    };
    let cmd = &rest[1..];
    match *found {
        "address" => address(node, &o, cmd),
        "link" => link(node, &o, cmd),
        "route" => route(node, &o, cmd),
        "neighbor" | "neighbour" => neigh(node, cmd),
        "help" => usage(),
        other => {
            let mut out = Output::default();
            out.err(format!(
                "kubeplay: `ip {other}` is not simulated on this node; `ip address`, `ip link`, `ip route` and `ip neigh` are\n"
            ));
            out.status = 1;
            out
        }
    }
}

/// The words after `show` (`dev NAME`, `NAME`, `up`).
fn show_filter(cmd: &[String], object: &str) -> Result<(Option<String>, bool), Output> {
    let mut dev = None;
    let mut up = false;
    let mut k = 0;
    while k < cmd.len() {
        let w = cmd[k].as_str();
        if w == "dev" {
            k += 1;
            match cmd.get(k) {
                Some(d) => dev = Some(d.clone()),
                None => {
                    return Err(fail(
                        "Command line is not complete. Try option \"help\"\n".into(),
                        255,
                    ))
                }
            }
        } else if w == "up" {
            up = true;
        } else if matches!(
            w,
            "scope" | "to" | "label" | "type" | "master" | "table" | "proto"
        ) {
            k += 1;
        } else if w == "help" {
            return Err(fail(format!("Usage: ip {object} show [ dev NAME ]\n"), 255));
        } else if dev.is_none() {
            dev = Some(w.to_string());
        } else {
            return Err(fail(
                format!("Error: either \"dev\" is duplicate, or \"{w}\" is a garbage.\n"),
                255,
            ));
        }
        k += 1;
    }
    Ok((dev, up))
}

/// The subcommand: `show`/`list`/`lst` (the default), else an error or
/// a change the simulation does not make.
fn subcommand<'a>(cmd: &'a [String], object: &str, known: &[&str]) -> Result<&'a [String], Output> {
    let Some(first) = cmd.first() else {
        return Ok(cmd);
    };
    if ["list", "show", "lst"].iter().any(|w| matches(first, w)) {
        return Ok(&cmd[1..]);
    }
    if let Some(w) = known.iter().find(|w| matches(first, w)) {
        let mut out = Output::default();
        out.err(format!(
            "kubeplay: `ip {object} {w}` would change the node's network, which is not simulated\n"
        ));
        out.status = 2;
        return Err(out);
    }
    if matches(first, "help") {
        return Err(fail(
            format!("Usage: ip {object} {{ add | del | show }} ...\n"),
            255,
        ));
    }
    Err(fail(
        format!("Command \"{first}\" is unknown, try \"ip {object} help\".\n"),
        255,
    ))
}

fn name_and_link(i: &Iface) -> String {
    match i.peer {
        Some(p) => format!("{}@if{p}", i.name),
        None => i.name.clone(),
    }
}

/// The interfaces `ip OBJECT [show] [dev NAME] [up]` lists, or its error
/// (a verb it does not simulate, a bad filter, a missing device).
fn shown_interfaces(
    node: &Node,
    cmd: &[String],
    object: &str,
    verbs: &[&str],
) -> Result<Vec<Iface>, Output> {
    let cmd = subcommand(cmd, object, verbs)?;
    let (dev, up) = show_filter(cmd, object)?;
    let ifaces = interfaces(node);
    if let Some(d) = &dev {
        if !ifaces.iter().any(|i| &i.name == d) {
            return Err(fail(format!("Device \"{d}\" does not exist.\n"), 1));
        }
    }
    Ok(ifaces
        .into_iter()
        .filter(|i| dev.as_ref().is_none_or(|d| &i.name == d))
        .filter(|i| !up || i.flags.contains("UP"))
        .collect())
}

fn link_line(i: &Iface, link_mode: bool) -> String {
    let mut s = format!(
        "{}: {}: <{}> mtu {} qdisc noqueue ",
        i.index,
        name_and_link(i),
        i.flags,
        i.mtu
    );
    if let Some(m) = i.master {
        s.push_str(&format!("master {m} "));
    }
    s.push_str(&format!("state {} ", i.state));
    if link_mode {
        s.push_str("mode DEFAULT ");
    }
    s.push_str("group default ");
    if let Some(q) = i.qlen {
        s.push_str(&format!("qlen {q}"));
    }
    s
}

fn ether_line(i: &Iface) -> String {
    let kind = if i.loopback { "loopback" } else { "ether" };
    let brd = if i.loopback {
        "00:00:00:00:00:00"
    } else {
        "ff:ff:ff:ff:ff:ff"
    };
    let mut s = format!("    link/{kind} {} brd {brd}", i.mac);
    if let Some(n) = i.netnsid {
        s.push_str(&format!(" link-netnsid {n}"));
    }
    s
}

fn address(node: &Node, o: &Opts, cmd: &[String]) -> Output {
    let verbs = [
        "add", "change", "replace", "delete", "flush", "save", "restore",
    ];
    let shown = match shown_interfaces(node, cmd, "address", &verbs) {
        Ok(s) => s,
        Err(out) => return out,
    };
    let mut out = Output::default();
    let want4 = o.family.is_none() || o.family == Some(4);
    let want6 = o.family.is_none() || o.family == Some(6);
    for i in &shown {
        let v4: Vec<String> =
            i.v4.iter()
                .filter(|_| want4)
                .map(|(a, p, brd, scope)| {
                    let mut s = format!("inet {a}/{p} ");
                    if let Some(b) = brd {
                        s.push_str(&format!("brd {b} "));
                    }
                    s.push_str(&format!("scope {scope} {}", i.name));
                    s
                })
                .collect();
        let v6: Vec<String> =
            i.v6.iter()
                .filter(|_| want6)
                .map(|(a, p, scope)| format!("inet6 {a}/{p} scope {scope} "))
                .collect();
        if o.family.is_some() && o.family != Some(0) && v4.is_empty() && v6.is_empty() {
            continue;
        }
        if o.brief {
            let mut s = format!("{:<16} {:<14} ", name_and_link(i), i.state);
            if o.family == Some(0) {
                s.push_str(&format!("{} <{}> ", i.mac, i.flags));
            } else {
                for (a, p, ..) in i.v4.iter().filter(|_| want4) {
                    s.push_str(&format!("{a}/{p} "));
                }
                for (a, p, _) in i.v6.iter().filter(|_| want6) {
                    s.push_str(&format!("{a}/{p} "));
                }
            }
            out.out(format!("{s}\n"));
            continue;
        }
        let lft = "       valid_lft forever preferred_lft forever";
        if o.oneline {
            if o.family.is_none() || o.family == Some(0) {
                out.out(format!("{}\\{}\n", link_line(i, false), ether_line(i)));
            }
            for a in v4.iter().chain(&v6) {
                out.out(format!("{}: {}    {a}\\{lft}\n", i.index, i.name));
            }
            continue;
        }
        if o.family.is_none() || o.family == Some(0) {
            out.out(format!("{}\n{}\n", link_line(i, false), ether_line(i)));
        } else {
            out.out(format!("{}\n", link_line(i, false)));
        }
        if o.family == Some(0) {
            continue;
        }
        for a in v4.iter().chain(&v6) {
            out.out(format!("    {a}\n{lft}\n"));
        }
    }
    out
}

fn link(node: &Node, o: &Opts, cmd: &[String]) -> Output {
    let verbs = [
        "add", "delete", "set", "change", "property", "xstats", "afstats",
    ];
    let shown = match shown_interfaces(node, cmd, "link", &verbs) {
        Ok(s) => s,
        Err(out) => return out,
    };
    let mut out = Output::default();
    for i in &shown {
        if o.brief {
            out.out(format!(
                "{:<16} {:<14} {} <{}> \n",
                name_and_link(i),
                i.state,
                i.mac,
                i.flags
            ));
        } else if o.oneline {
            out.out(format!("{}\\{}\n", link_line(i, true), ether_line(i)));
        } else {
            out.out(format!("{}\n{}\n", link_line(i, true), ether_line(i)));
        }
    }
    out
}

fn routes() -> Vec<(&'static str, String)> {
    vec![
        ("eth0", "default via 192.168.49.1 dev eth0 ".to_string()),
        (
            "bridge",
            "10.244.0.0/16 dev bridge proto kernel scope link src 10.244.0.1 ".to_string(),
        ),
        (
            "docker0",
            "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown "
                .to_string(),
        ),
        (
            "eth0",
            "192.168.49.0/24 dev eth0 proto kernel scope link src 192.168.49.2 ".to_string(),
        ),
    ]
}

fn route(node: &Node, o: &Opts, cmd: &[String]) -> Output {
    if let Some(first) = cmd.first() {
        if matches(first, "get") {
            return route_get(node, &cmd[1..]);
        }
    }
    let cmd = match subcommand(
        cmd,
        "route",
        &[
            "add", "change", "replace", "prepend", "append", "test", "delete", "flush", "save",
            "restore",
        ],
    ) {
        Ok(c) => c,
        Err(out) => return out,
    };
    let mut dev = None;
    let mut k = 0;
    while k < cmd.len() {
        match cmd[k].as_str() {
            "dev" | "oif" => {
                k += 1;
                dev = cmd.get(k).cloned();
            }
            "table" | "proto" | "scope" | "type" => k += 1,
            _ => {}
        }
        k += 1;
    }
    if let Some(d) = &dev {
        if !interfaces(node).iter().any(|i| &i.name == d) {
            return fail(format!("Cannot find device \"{d}\"\n"), 1);
        }
    }
    let mut out = Output::default();
    if o.family == Some(6) {
        return out;
    }
    for (d, line) in routes() {
        if dev.as_deref().is_none_or(|x| x == d) {
            out.out(format!("{line}\n"));
        }
    }
    out
}

fn route_get(node: &Node, args: &[String]) -> Output {
    let target = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "to" | "from" | "iif" | "oif" | "mark"))
        .find(|a| a.parse::<std::net::Ipv4Addr>().is_ok());
    let Some(t) = target else {
        return match args.first() {
            Some(a) => fail(
                format!("Error: any valid prefix is expected rather than \"{a}\".\n"),
                1,
            ),
            None => fail("need at least a destination address\n".into(), 1),
        };
    };
    let ip: std::net::Ipv4Addr = t.parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED);
    let o = ip.octets();
    let line = if o[0] == 127 {
        format!("local {t} dev lo src 127.0.0.1 uid 0 \n    cache <local> \n")
    } else if t == super::NODE_IP || t == "10.244.0.1" || t == "172.17.0.1" {
        format!("local {t} dev lo src {t} uid 0 \n    cache <local> \n")
    } else if o[0] == 10 && o[1] == 244 {
        format!("{t} dev bridge src 10.244.0.1 uid 0 \n    cache \n")
    } else if o[0] == 172 && o[1] == 17 {
        format!("{t} dev docker0 src 172.17.0.1 uid 0 \n    cache \n")
    } else if o[0] == 192 && o[1] == 168 && o[2] == 49 {
        format!("{t} dev eth0 src 192.168.49.2 uid 0 \n    cache \n")
    } else {
        format!("{t} via 192.168.49.1 dev eth0 src 192.168.49.2 uid 0 \n    cache \n")
    };
    let _ = node;
    let mut out = Output::default();
    out.out(line);
    out
}

fn neigh(node: &Node, cmd: &[String]) -> Output {
    let cmd = match subcommand(
        cmd,
        "neigh",
        &["add", "delete", "change", "replace", "flush", "get"],
    ) {
        Ok(c) => c,
        Err(out) => return out,
    };
    let _ = cmd;
    let gateway = mac_from("minikube-network-gateway", &[0x02, 0x42]);
    let mut out = Output::default();
    out.out(format!(
        "192.168.49.1 dev eth0 lladdr {} REACHABLE\n",
        mac_text(&gateway)
    ));
    for p in node.pods.iter().filter(|p| !p.host_network) {
        if let Some(ip) = &p.ip {
            // The pod's eth0: the MAC the bridge plugin gave it.
            let mac = mac_from(&format!("{}/eth0", p.uid), &[]);
            out.out(format!("{ip} dev bridge lladdr {} STALE\n", mac_text(&mac)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_local_addresses_come_from_the_mac() {
        assert_eq!(
            link_local(&[0x02, 0x42, 0xc0, 0xa8, 0x31, 0x02]),
            "fe80::42:c0ff:fea8:3102"
        );
        assert_eq!(veth_index(0), 4);
        assert_eq!(veth_index(11), 16);
        assert!(matches("a", "address") && matches("ro", "route") && !matches("x", "route"));
    }
}
