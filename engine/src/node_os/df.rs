//! coreutils 8.32's `df` (src/df.c) over the node container's mounts: the
//! overlay root and the `minikube` volume at /var on the host's disk
//! (whose size is the node's ephemeral-storage capacity), Docker's /dev
//! and /dev/shm, minikube's tmpfs /run and /tmp; then what the runtime and
//! the kubelet mounted for the pods (each container's overlay, each
//! sandbox's shm, each service-account token's tmpfs). Duplicate devices
//! are filtered as filter_mount_list does, sizes printed by gnulib's
//! human_readable (rounding up).

use super::{Node, Pod};
use kubeplay_shell::{Output, Vfs};

/// The host's disk that backs / and /var.
const DISK: &str = "/dev/sda1";
/// What the host's file system held before minikube (KiB), and what the
/// kicbase image and the preloaded images take.
const DISK_BASE_USED_KB: u64 = 13_914_176;
/// ext4 keeps 5% for root: not available to others.
const RESERVED_PERCENT: u64 = 5;

/// A mounted file system.
#[derive(Clone)]
struct Mount {
    source: String,
    target: String,
    fstype: &'static str,
    /// The device number (equal for bind mounts of one file system).
    dev: u32,
    /// Block figures (KiB): size, free, available to users.
    size: u64,
    free: u64,
    avail: u64,
    inodes: u64,
    ifree: u64,
    dummy: bool,
}

impl Mount {
    fn tmpfs(source: &str, target: String, dev: u32, size: u64, used: u64, files: u64) -> Mount {
        let inodes = (size / 4).max(16_384);
        Mount {
            source: source.into(),
            target,
            fstype: "tmpfs",
            dev,
            size,
            free: size - used.min(size),
            avail: size - used.min(size),
            inodes,
            ifree: inodes - files,
            dummy: false,
        }
    }

    fn dummy(source: &str, target: &str, fstype: &'static str, dev: u32) -> Mount {
        Mount {
            source: source.into(),
            target: target.into(),
            fstype,
            dev,
            size: 0,
            free: 0,
            avail: 0,
            inodes: 0,
            ifree: 0,
            dummy: true,
        }
    }
}

/// The disk's used KiB now: the base, the images pulled since, every
/// container's writable layer and logs growing with its age.
fn disk_used(node: &Node) -> u64 {
    let layers: u64 = node
        .pods
        .iter()
        .flat_map(|p| &p.containers)
        .map(|c| 24 + ((node.now - c.started).max(0) / 1000) as u64 / 30)
        .sum();
    let logs = (node.uptime_secs() as u64) * 3;
    DISK_BASE_USED_KB + layers + logs + 48 * node.pods.len() as u64
}

fn disk(node: &Node, source: &str, target: String, fstype: &'static str, dev: u32) -> Mount {
    let size = node.disk_kb;
    let used = disk_used(node).min(size);
    let free = size - used;
    let reserved = size * RESERVED_PERCENT / 100;
    let inodes = size / 16;
    Mount {
        source: source.into(),
        target,
        fstype,
        dev,
        size,
        free,
        avail: free.saturating_sub(reserved),
        inodes,
        ifree: inodes.saturating_sub(412_338 + 40 * node.pods.len() as u64),
        dummy: false,
    }
}

/// /proc/self/mounts of the node, in mount order.
fn mounts(node: &Node) -> Vec<Mount> {
    let half_mem = node.mem_kb / 2;
    let mut m = vec![
        disk(node, "overlay", "/".into(), "overlay", 50),
        Mount::dummy("proc", "/proc", "proc", 22),
        Mount::tmpfs("tmpfs", "/dev".into(), 51, 65_536, 0, 17),
        Mount::dummy("devpts", "/dev/pts", "devpts", 52),
        Mount::dummy("mqueue", "/dev/mqueue", "mqueue", 53),
        Mount::dummy("sysfs", "/sys", "sysfs", 21),
        Mount::dummy("cgroup", "/sys/fs/cgroup", "cgroup2", 26),
        Mount::tmpfs("shm", "/dev/shm".into(), 54, 65_536, 0, 1),
        disk(node, DISK, "/var".into(), "ext4", 2049),
        Mount::tmpfs("tmpfs", "/run".into(), 55, half_mem, 9_832, 612),
        Mount::tmpfs("tmpfs", "/tmp".into(), 56, half_mem, 8, 3),
        disk(node, DISK, "/lib/modules".into(), "ext4", 2049),
        disk(node, DISK, "/etc/resolv.conf".into(), "ext4", 2049),
        disk(node, DISK, "/etc/hostname".into(), "ext4", 2049),
        disk(node, DISK, "/etc/hosts".into(), "ext4", 2049),
    ];
    let mut dev = 60;
    for pod in &node.pods {
        pod_mounts(node, pod, &mut dev, &mut m);
    }
    m
}

fn layer_id(container: &str) -> String {
    crate::kubelet::fake_digest(&format!("{container}/layer"))
}

fn pod_mounts(node: &Node, pod: &Pod, dev: &mut u32, m: &mut Vec<Mount>) {
    let mut next = || {
        *dev += 1;
        *dev
    };
    if let Some(vol) = &pod.api_access {
        let size = pod.memory_limit_kb.unwrap_or(node.mem_kb);
        let target = format!(
            "/var/lib/kubelet/pods/{}/volumes/kubernetes.io~projected/{vol}",
            pod.uid
        );
        m.push(Mount::tmpfs("tmpfs", target, next(), size, 12, 9));
    }
    let d = next();
    m.push(disk(
        node,
        "overlay",
        format!(
            "/var/lib/docker/overlay2/{}/merged",
            layer_id(&pod.sandbox_id)
        ),
        "overlay",
        d,
    ));
    m.push(Mount::tmpfs(
        "shm",
        format!("/var/lib/docker/containers/{}/mounts/shm", pod.sandbox_id),
        next(),
        65_536,
        0,
        1,
    ));
    for c in &pod.containers {
        let d = next();
        m.push(disk(
            node,
            "overlay",
            format!("/var/lib/docker/overlay2/{}/merged", layer_id(&c.id)),
            "overlay",
            d,
        ));
    }
}

/// filter_mount_list: one entry per device — a real device name beats a
/// pseudo one, else the mount nearer the root wins.
fn filter(list: &[Mount], all: bool) -> Vec<Mount> {
    if all {
        return list.to_vec();
    }
    let mut kept: Vec<Mount> = vec![];
    for me in list.iter().filter(|m| !m.dummy) {
        match kept.iter().position(|k| k.dev == me.dev) {
            None => kept.push(me.clone()),
            Some(i) => {
                let seen = &kept[i];
                let nearer = seen.target.len() > me.target.len();
                let real_wins = me.source.contains('/') && !seen.source.contains('/');
                let overmount = seen.source != me.source && seen.target == me.target;
                // Bind mounts of a subdirectory (the volume, /etc/hosts)
                // never replace the one nearer the device's root.
                let below_root = me.target != "/var" && me.source == DISK;
                if real_wins || (nearer && !below_root) || overmount {
                    kept[i] = me.clone();
                }
            }
        }
    }
    kept
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Default,
    Human,
    Inodes,
    Posix,
}

struct Opts {
    mode: Mode,
    /// (block size, human options: autoscale, SI, base 1024)
    block: u64,
    autoscale: bool,
    base1024: bool,
    all: bool,
    print_type: bool,
    total: bool,
    types: Vec<String>,
    excluded: Vec<String>,
    files: Vec<String>,
}

const TRY: &str = "Try 'df --help' for more information.\n";

/// gnulib's human_readable for KiB amounts (exact integer arithmetic,
/// rounding up, as df asks).
fn human(n: u64, from: u64, to: u64, autoscale: bool, base1024: bool) -> String {
    let base: u64 = if base1024 { 1024 } else { 1000 };
    let (mut amt, mut tenths, mut rounding): (u128, u64, u64);
    if to <= from && from.is_multiple_of(to) {
        amt = u128::from(n) * u128::from(from / to);
        tenths = 0;
        rounding = 0;
    } else {
        let divisor = to / from.max(1);
        let r10 = (n % divisor) * 10;
        let r2 = (r10 % divisor) * 2;
        amt = u128::from(n / divisor);
        tenths = r10 / divisor;
        rounding = if r2 < divisor {
            u64::from(0 < r2)
        } else {
            2 + u64::from(divisor < r2)
        };
    }
    let mut exponent = 0;
    let mut decimal = None;
    let b = u128::from(base);
    if autoscale && b <= amt {
        loop {
            let r10 = (amt % b) as u64 * 10 + tenths;
            let r2 = (r10 % base) * 2 + (rounding >> 1);
            amt /= b;
            tenths = r10 / base;
            rounding = if r2 < base {
                u64::from(r2 + rounding != 0)
            } else {
                2 + u64::from(base < r2 + rounding)
            };
            exponent += 1;
            if !(b <= amt && exponent < 8) {
                break;
            }
        }
        if amt < 10 {
            if rounding > 0 {
                tenths += 1;
                rounding = 0;
                if tenths == 10 {
                    amt += 1;
                    tenths = 0;
                }
            }
            if amt < 10 {
                decimal = Some(tenths);
                tenths = 0;
                rounding = 0;
            }
        }
    }
    if tenths + rounding > 0 {
        amt += 1;
        if autoscale && amt == b && exponent < 8 {
            exponent += 1;
            decimal = Some(0);
            amt = 1;
        }
    }
    let mut s = amt.to_string();
    if let Some(t) = decimal {
        s.push('.');
        s.push_str(&t.to_string());
    }
    if autoscale && exponent > 0 {
        let letters = ['K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
        s.push(if !base1024 && exponent == 1 {
            'k'
        } else {
            letters[exponent - 1]
        });
    }
    s
}

fn parse_size(arg: &str) -> Option<(u64, bool, bool)> {
    // -B SIZE: an integer and an optional unit (K, M, G...; KB = 1000).
    let (digits, unit): (String, String) = {
        let k = arg.find(|c: char| !c.is_ascii_digit()).unwrap_or(arg.len());
        (arg[..k].to_string(), arg[k..].to_string())
    };
    let n: u64 = if digits.is_empty() {
        1
    } else {
        digits.parse().ok()?
    };
    let (mult, si): (u64, bool) = match unit.as_str() {
        "" => (1, false),
        "K" | "KiB" => (1024, false),
        "M" | "MiB" => (1024 * 1024, false),
        "G" | "GiB" => (1 << 30, false),
        "T" | "TiB" => (1 << 40, false),
        "KB" | "kB" => (1000, true),
        "MB" => (1_000_000, true),
        "GB" => (1_000_000_000, true),
        _ => return None,
    };
    Some((n.checked_mul(mult)?, si, digits.is_empty()))
}

fn parse(args: &[String]) -> Result<Opts, Output> {
    let mut o = Opts {
        mode: Mode::Default,
        block: 1024,
        autoscale: false,
        base1024: true,
        all: false,
        print_type: false,
        total: false,
        types: vec![],
        excluded: vec![],
        files: vec![],
    };
    let err = |text: String| {
        let mut out = Output::default();
        out.err(text);
        out.status = 1;
        out
    };
    let (mut human_set, mut posix) = (false, false);
    let mut i = 0;
    let mut only_files = false;
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        if only_files || a == "-" || !a.starts_with('-') {
            o.files.push(a);
            continue;
        }
        if a == "--" {
            only_files = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            const LONGS: &[&str] = &[
                "all",
                "block-size",
                "inodes",
                "human-readable",
                "si",
                "local",
                "output",
                "portability",
                "print-type",
                "sync",
                "no-sync",
                "total",
                "type",
                "exclude-type",
                "help",
                "version",
            ];
            let found: Vec<&&str> = LONGS.iter().filter(|l| l.starts_with(name)).collect();
            let full = match (LONGS.contains(&name), found.as_slice()) {
                (true, _) => name,
                (false, [one]) => one,
                (false, []) => return Err(err(format!("df: unrecognized option '{a}'\n{TRY}"))),
                _ => {
                    let list: Vec<String> = found.iter().map(|l| format!(" '--{l}'")).collect();
                    return Err(err(format!(
                        "df: option '{a}' is ambiguous; possibilities:{}\n{TRY}",
                        list.concat()
                    )));
                }
            };
            let needs = matches!(full, "block-size" | "type" | "exclude-type");
            if value.is_some() && !needs && full != "output" {
                return Err(err(format!(
                    "df: option '--{full}' doesn't allow an argument\n{TRY}"
                )));
            }
            let value = if needs && value.is_none() {
                match args.get(i) {
                    Some(v) => {
                        i += 1;
                        Some(v.clone())
                    }
                    None => {
                        return Err(err(format!(
                            "df: option '--{full}' requires an argument\n{TRY}"
                        )))
                    }
                }
            } else {
                value
            };
            match full {
                "all" => o.all = true,
                "block-size" => {
                    let v = value.unwrap_or_default();
                    let Some((size, si, _)) = parse_size(&v) else {
                        return Err(err(format!("df: invalid --block-size argument '{v}'\n")));
                    };
                    o.block = size;
                    o.autoscale = false;
                    o.base1024 = !si;
                    human_set = true;
                }
                "inodes" => o.mode = Mode::Inodes,
                "human-readable" => {
                    o.autoscale = true;
                    o.base1024 = true;
                    o.block = 1;
                    human_set = true;
                }
                "si" => {
                    o.autoscale = true;
                    o.base1024 = false;
                    o.block = 1;
                    human_set = true;
                }
                "portability" => posix = true,
                "print-type" => o.print_type = true,
                "total" => o.total = true,
                "type" => o.types.push(value.unwrap_or_default()),
                "exclude-type" => o.excluded.push(value.unwrap_or_default()),
                "help" => {
                    let mut out = Output::default();
                    out.out(HELP);
                    return Err(out);
                }
                "version" => {
                    let mut out = Output::default();
                    out.out("df (GNU coreutils) 8.32\nCopyright (C) 2020 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Torbjorn Granlund, David MacKenzie, and Paul Eggert.\n");
                    return Err(out);
                }
                _ => {}
            }
            continue;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < flags.len() {
            let c = flags[k];
            k += 1;
            match c {
                'a' => o.all = true,
                'i' => o.mode = Mode::Inodes,
                'h' => {
                    o.autoscale = true;
                    o.base1024 = true;
                    o.block = 1;
                    human_set = true;
                }
                'H' => {
                    o.autoscale = true;
                    o.base1024 = false;
                    o.block = 1;
                    human_set = true;
                }
                'k' => {
                    o.autoscale = false;
                    o.block = 1024;
                    human_set = true;
                }
                'm' => {
                    o.autoscale = false;
                    o.block = 1024 * 1024;
                    human_set = true;
                }
                'l' | 'v' => {}
                'P' => posix = true,
                'T' => o.print_type = true,
                'B' | 't' | 'x' | 'F' => {
                    let rest: String = flags[k..].iter().collect();
                    k = flags.len();
                    let value = if rest.is_empty() {
                        match args.get(i) {
                            Some(v) => {
                                i += 1;
                                v.clone()
                            }
                            None => {
                                return Err(err(format!(
                                    "df: option requires an argument -- '{c}'\n{TRY}"
                                )))
                            }
                        }
                    } else {
                        rest
                    };
                    match c {
                        'B' => {
                            let Some((size, si, _)) = parse_size(&value) else {
                                return Err(err(format!("df: invalid -B argument '{value}'\n")));
                            };
                            o.block = size;
                            o.autoscale = false;
                            o.base1024 = !si;
                            human_set = true;
                        }
                        'x' => o.excluded.push(value),
                        _ => o.types.push(value),
                    }
                }
                _ => return Err(err(format!("df: invalid option -- '{c}'\n{TRY}"))),
            }
        }
    }
    if !human_set && posix {
        o.block = 1024;
    }
    if o.mode != Mode::Inodes {
        if o.autoscale {
            o.mode = Mode::Human;
        } else if posix {
            o.mode = Mode::Posix;
        }
    }
    if let Some(t) = o.types.iter().find(|t| o.excluded.contains(t)) {
        return Err(err(format!(
            "df: file system type '{t}' both selected and excluded\n"
        )));
    }
    Ok(o)
}

/// The header of the size column for a block size (`1K-blocks`).
fn blocks_header(block: u64, posix: bool) -> String {
    if posix {
        return format!("{block}-blocks");
    }
    let by1000 = block.is_multiple_of(1000);
    let by1024 = block.is_multiple_of(1024);
    let num = if by1024 || !by1000 {
        human(block, 1, 1, true, true).replace(".0", "")
    } else {
        format!("{}B", human(block, 1, 1, true, false).replace(".0", ""))
    };
    format!("{num}-blocks")
}

pub fn run(node: &Node, args: &[String], vfs: &Vfs, cwd: &str) -> Output {
    let o = match parse(args) {
        Ok(o) => o,
        Err(out) => return out,
    };
    let mut out = Output::default();
    let list = mounts(node);
    let wanted = |m: &Mount| {
        (o.types.is_empty() || o.types.iter().any(|t| t == m.fstype))
            && !o.excluded.iter().any(|t| t == m.fstype)
    };
    let mut rows: Vec<&Mount> = vec![];
    let mut named: Vec<(Mount, String)> = vec![];
    let listed = !o.files.is_empty();
    if listed {
        for f in &o.files {
            let path = crate::kubectl::manifests::absolute(cwd, f);
            let exists = vfs.exists(&path)
                || list
                    .iter()
                    .any(|m| m.target == path || m.target.starts_with(&format!("{path}/")));
            if !exists {
                out.err(format!("df: {f}: No such file or directory\n"));
                out.status = 1;
                continue;
            }
            // The mount whose target is the longest prefix of the path.
            let best = list
                .iter()
                .filter(|m| {
                    m.target == "/"
                        || path == m.target
                        || path.starts_with(&format!("{}/", m.target))
                })
                .max_by_key(|m| m.target.len());
            if let Some(m) = best.filter(|m| wanted(m)) {
                named.push(((*m).clone(), f.clone()));
            }
        }
    }
    let filtered = filter(&list, o.all);
    if !listed {
        rows = filtered
            .iter()
            .filter(|m| wanted(m))
            .filter(|m| o.all || m.size > 0)
            .collect();
    }
    let shown: Vec<&Mount> = if listed {
        named.iter().map(|(m, _)| m).collect()
    } else {
        rows.clone()
    };
    if shown.is_empty() {
        if out.status == 0 {
            out.err("df: no file systems processed\n");
            out.status = 1;
        }
        return out;
    }
    // Columns: (header, min width, right aligned).
    let mut heads: Vec<(String, usize, bool)> = vec![("Filesystem".into(), 14, false)];
    if o.print_type {
        heads.push(("Type".into(), 4, false));
    }
    match o.mode {
        Mode::Inodes => {
            heads.push(("Inodes".into(), 5, true));
            heads.push(("IUsed".into(), 5, true));
            heads.push(("IFree".into(), 5, true));
            heads.push(("IUse%".into(), 4, true));
        }
        Mode::Human => {
            heads.push(("Size".into(), 5, true));
            heads.push(("Used".into(), 5, true));
            heads.push(("Avail".into(), 5, true));
            heads.push(("Use%".into(), 4, true));
        }
        Mode::Posix => {
            heads.push((blocks_header(o.block, true), 5, true));
            heads.push(("Used".into(), 5, true));
            heads.push(("Available".into(), 5, true));
            heads.push(("Capacity".into(), 4, true));
        }
        Mode::Default => {
            heads.push((blocks_header(o.block, false), 5, true));
            heads.push(("Used".into(), 5, true));
            heads.push(("Available".into(), 5, true));
            heads.push(("Use%".into(), 4, true));
        }
    }
    heads.push(("Mounted on".into(), 0, false));
    let mut table: Vec<Vec<String>> = vec![heads.iter().map(|h| h.0.clone()).collect()];
    let fmt = |n: u64| -> String {
        if o.mode == Mode::Inodes {
            n.to_string()
        } else {
            human(n, 1024, o.block, o.autoscale, o.base1024)
        }
    };
    let pct = |used: u64, avail: u64| -> String {
        if used + avail == 0 {
            "-".into()
        } else {
            let u100 = used * 100;
            let t = used + avail;
            format!("{}%", u100 / t + u64::from(!u100.is_multiple_of(t)))
        }
    };
    let mut totals = [0u64; 3];
    let mut add_row = |m: &Mount, file_target: Option<&str>, table: &mut Vec<Vec<String>>| {
        let (total, used, avail) = if o.mode == Mode::Inodes {
            (m.inodes, m.inodes - m.ifree, m.ifree)
        } else {
            (m.size, m.size - m.free, m.avail)
        };
        totals[0] += total;
        totals[1] += used;
        totals[2] += avail;
        let mut row = vec![m.source.clone()];
        if o.print_type {
            row.push(m.fstype.into());
        }
        if m.dummy && o.mode != Mode::Inodes {
            row.extend(["0", "0", "0", "-"].map(String::from));
        } else {
            row.push(fmt(total));
            row.push(fmt(used));
            row.push(fmt(avail));
            row.push(pct(used, avail));
        }
        row.push(file_target.unwrap_or(&m.target).to_string());
        table.push(row);
    };
    if listed {
        for (m, _) in &named {
            add_row(m, None, &mut table);
        }
    } else {
        for m in &rows {
            add_row(m, None, &mut table);
        }
    }
    if o.total {
        let mut row = vec!["total".to_string()];
        if o.print_type {
            row.push("-".into());
        }
        row.push(fmt(totals[0]));
        row.push(fmt(totals[1]));
        row.push(fmt(totals[2]));
        row.push(pct(totals[1], totals[2]));
        row.push("-".into());
        table.push(row);
    }
    let widths: Vec<usize> = heads
        .iter()
        .enumerate()
        .map(|(c, h)| {
            table
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
                .max(h.1)
        })
        .collect();
    for row in &table {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push(' ');
            }
            let last = c + 1 == row.len();
            let w = widths[c];
            if heads[c].2 {
                line.push_str(&format!("{cell:>w$}"));
            } else if last {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}"));
            }
        }
        line.push('\n');
        out.out(line);
    }
    out
}

const HELP: &str = "Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help     display this help and exit
      --version  output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

FIELD_LIST is a comma-separated list of columns to be included.  Valid
field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',
'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/df>
or available locally via: info '(coreutils) df invocation'
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_round_up() {
        let h = |kb: u64| human(kb, 1024, 1, true, true);
        assert_eq!(h(61_202_244), "59G");
        assert_eq!(h(4_012_712), "3.9G");
        assert_eq!(h(65_536), "64M");
        assert_eq!(h(0), "0");
        assert_eq!(h(12), "12K");
        assert_eq!(h(8), "8.0K");
        assert_eq!(h(9_832), "9.7M");
        assert_eq!(human(61_202_244, 1024, 1, true, false), "63G");
        assert_eq!(human(61_202_244, 1024, 1024, false, true), "61202244");
        assert_eq!(human(65_536, 1024, 1024 * 1024, false, true), "64");
        assert_eq!(blocks_header(1024, false), "1K-blocks");
        assert_eq!(blocks_header(1024 * 1024, false), "1M-blocks");
    }
}
