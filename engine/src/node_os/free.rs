//! procps-ng 3.3.17's `free` (free.c) over the node's memory: a kic
//! container sees the host's /proc/meminfo, whose MemTotal is the node's
//! memory capacity. What is used is the host's own share plus every node
//! process (the same resident sizes `ps` shows); page cache and slab grow
//! with uptime and what runs.

use super::procs;
use super::Node;
use crate::clusters::Fleet;
use kubeplay_shell::Output;

/// The host's processes and kernel besides the node's (KiB).
const HOST_USED_KB: u64 = 1_012_360;

/// /proc/meminfo's figures (KiB).
pub struct Mem {
    pub total: u64,
    pub free: u64,
    pub available: u64,
    pub buffers: u64,
    /// `Cached` (shmem included).
    pub cached: u64,
    pub shmem: u64,
    pub sreclaimable: u64,
    pub sunreclaim: u64,
    pub anon: u64,
    pub mapped: u64,
    pub kernel_stack: u64,
    pub page_tables: u64,
}

impl Mem {
    /// What `free` calls used: all but free, buffers and cache.
    pub fn used(&self) -> u64 {
        self.total
            .saturating_sub(self.free)
            .saturating_sub(self.buffers)
            .saturating_sub(self.cached + self.sreclaimable)
    }
}

pub fn mem(node: &Node) -> Mem {
    let up = node.uptime_secs().min(7_200.0) as u64;
    let table = procs::table(node, None);
    let rss: u64 = table.iter().map(|p| p.rss).sum();
    let tokens = node.pods.iter().filter(|p| p.api_access.is_some()).count() as u64;
    let total = node.mem_kb;
    let used = HOST_USED_KB + rss;
    let buffers = 94_212 + up * 3;
    let shmem = 4_860 + 12 * tokens;
    let cached = 2_106_544 + up * 60 + shmem;
    let sreclaimable = 201_368 + up * 4;
    let free = total.saturating_sub(used + buffers + cached + sreclaimable);
    let available = (free + buffers + cached + sreclaimable)
        .saturating_sub(shmem + 205_000)
        .min(total);
    Mem {
        total,
        free,
        available,
        buffers,
        cached,
        shmem,
        sreclaimable,
        sunreclaim: 138_544 + 96 * table.len() as u64,
        anon: used.saturating_sub(312_000),
        mapped: 402_116 + rss / 5,
        kernel_stack: 9_120 + 16 * table.iter().map(|p| u64::from(p.threads)).sum::<u64>(),
        page_tables: 8_644 + rss / 120,
    }
}

const USAGE: &str = "\nUsage:\n free [options]\n\nOptions:\n -b, --bytes         show output in bytes\n     --kilo          show output in kilobytes\n     --mega          show output in megabytes\n     --giga          show output in gigabytes\n     --tera          show output in terabytes\n     --peta          show output in petabytes\n -k, --kibi          show output in kibibytes\n -m, --mebi          show output in mebibytes\n -g, --gibi          show output in gibibytes\n     --tebi          show output in tebibytes\n     --pebi          show output in pebibytes\n -h, --human         show human-readable output\n     --si            use powers of 1000 not 1024\n -l, --lohi          show detailed low and high memory statistics\n -t, --total         show total for RAM + swap\n -s N, --seconds N   repeat printing every N seconds\n -c N, --count N     repeat printing N times, then exit\n -w, --wide          wide output\n\n     --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see free(1).\n";

#[derive(Default)]
struct Args {
    exponent: u32,
    si: bool,
    human: bool,
    lohi: bool,
    total: bool,
    wide: bool,
    repeat_ms: Option<i64>,
    count: Option<i64>,
}

enum Parsed {
    Run(Args),
    Done(Output),
}

fn usage_error(out: &mut Output) {
    out.err(USAGE);
    out.status = 1;
}

fn parse(args: &[String]) -> Parsed {
    let mut a = Args::default();
    let mut out = Output::default();
    let mut unit_set = false;
    let mut set_unit = |a: &mut Args, exp: u32, si: bool, out: &mut Output| -> bool {
        if unit_set {
            out.err("free: Multiple unit options doesn't make sense.\n");
            out.status = 1;
            return false;
        }
        unit_set = true;
        a.exponent = exp;
        a.si |= si;
        true
    };
    let mut i = 0;
    let mut operands = false;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if let Some(long) = arg.strip_prefix("--") {
            if long.is_empty() {
                operands = i < args.len();
                break;
            }
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            const LONGS: &[&str] = &[
                "bytes", "kilo", "mega", "giga", "tera", "peta", "kibi", "mebi", "gibi", "tebi",
                "pebi", "human", "si", "lohi", "total", "seconds", "count", "wide", "help",
                "version",
            ];
            let matches: Vec<&&str> = LONGS.iter().filter(|l| l.starts_with(name)).collect();
            let full = match (LONGS.contains(&name), matches.as_slice()) {
                (true, _) => name,
                (false, [one]) => one,
                (false, []) => {
                    out.err(format!("free: unrecognized option '--{name}'\n"));
                    usage_error(&mut out);
                    return Parsed::Done(out);
                }
                _ => {
                    out.err(format!("free: option '--{name}' is ambiguous\n"));
                    usage_error(&mut out);
                    return Parsed::Done(out);
                }
            };
            let takes = matches!(full, "seconds" | "count");
            if !takes && value.is_some() {
                out.err(format!(
                    "free: option '--{full}' doesn't allow an argument\n"
                ));
                usage_error(&mut out);
                return Parsed::Done(out);
            }
            let value = if takes {
                match value.or_else(|| {
                    let v = args.get(i).cloned();
                    i += 1;
                    v
                }) {
                    Some(v) => Some(v),
                    None => {
                        out.err(format!("free: option '--{full}' requires an argument\n"));
                        usage_error(&mut out);
                        return Parsed::Done(out);
                    }
                }
            } else {
                None
            };
            let ok = match full {
                "bytes" => set_unit(&mut a, 1, false, &mut out),
                "kilo" => set_unit(&mut a, 2, true, &mut out),
                "mega" => set_unit(&mut a, 3, true, &mut out),
                "giga" => set_unit(&mut a, 4, true, &mut out),
                "tera" => set_unit(&mut a, 5, true, &mut out),
                "peta" => set_unit(&mut a, 6, true, &mut out),
                "kibi" => set_unit(&mut a, 2, false, &mut out),
                "mebi" => set_unit(&mut a, 3, false, &mut out),
                "gibi" => set_unit(&mut a, 4, false, &mut out),
                "tebi" => set_unit(&mut a, 5, false, &mut out),
                "pebi" => set_unit(&mut a, 6, false, &mut out),
                "human" => {
                    a.human = true;
                    true
                }
                "si" => {
                    a.si = true;
                    true
                }
                "lohi" => {
                    a.lohi = true;
                    true
                }
                "total" => {
                    a.total = true;
                    true
                }
                "wide" => {
                    a.wide = true;
                    true
                }
                "seconds" => seconds(&mut a, value.as_deref().unwrap_or(""), &mut out),
                "count" => count(&mut a, value.as_deref().unwrap_or(""), &mut out),
                "help" => {
                    out.out(USAGE);
                    return Parsed::Done(out);
                }
                _ => {
                    out.out("free from procps-ng 3.3.17\n");
                    return Parsed::Done(out);
                }
            };
            if !ok {
                return Parsed::Done(out);
            }
            continue;
        }
        let Some(flags) = arg.strip_prefix('-').filter(|f| !f.is_empty()) else {
            operands = true;
            continue;
        };
        for (k, c) in flags.char_indices() {
            let rest = &flags[k + 1..];
            let ok = match c {
                'b' => set_unit(&mut a, 1, false, &mut out),
                'k' => set_unit(&mut a, 2, false, &mut out),
                'm' => set_unit(&mut a, 3, false, &mut out),
                'g' => set_unit(&mut a, 4, false, &mut out),
                'h' => {
                    a.human = true;
                    true
                }
                'l' => {
                    a.lohi = true;
                    true
                }
                't' => {
                    a.total = true;
                    true
                }
                'w' => {
                    a.wide = true;
                    true
                }
                'V' => {
                    out.out("free from procps-ng 3.3.17\n");
                    return Parsed::Done(out);
                }
                's' | 'c' => {
                    let value = if rest.is_empty() {
                        let v = args.get(i).cloned();
                        i += 1;
                        v
                    } else {
                        Some(rest.to_string())
                    };
                    let Some(v) = value else {
                        out.err(format!("free: option requires an argument -- '{c}'\n"));
                        usage_error(&mut out);
                        return Parsed::Done(out);
                    };
                    let ok = if c == 's' {
                        seconds(&mut a, &v, &mut out)
                    } else {
                        count(&mut a, &v, &mut out)
                    };
                    if !ok {
                        return Parsed::Done(out);
                    }
                    break;
                }
                _ => {
                    out.err(format!("free: invalid option -- '{c}'\n"));
                    usage_error(&mut out);
                    return Parsed::Done(out);
                }
            };
            if !ok {
                return Parsed::Done(out);
            }
        }
    }
    if operands {
        usage_error(&mut out);
        return Parsed::Done(out);
    }
    Parsed::Run(a)
}

/// strtod_nol_or_err: digits with `.` or `,` as the point.
fn seconds(a: &mut Args, v: &str, out: &mut Output) -> bool {
    let t = v.trim_start();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = match t.find(['.', ',']) {
        Some(k) => (&t[..k], Some(&t[k + 1..])),
        None => (t, None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let ok = !v.is_empty() && digits(int) && frac.is_none_or(digits);
    if !ok {
        out.err(format!(
            "free: seconds argument failed: '{v}': Invalid argument\n"
        ));
        out.status = 1;
        return false;
    }
    let text = format!(
        "{}.{}",
        if int.is_empty() { "0" } else { int },
        frac.unwrap_or("0")
    );
    let n: f64 = text.parse().unwrap_or(0.0) * if neg { -1.0 } else { 1.0 };
    let micros = (1_000_000.0 * n) as i64;
    if micros < 1 {
        out.err(format!(
            "free: seconds argument `{v}' is not positive number\n"
        ));
        out.status = 1;
        return false;
    }
    a.repeat_ms = Some((micros / 1000).max(1));
    true
}

fn count(a: &mut Args, v: &str, out: &mut Output) -> bool {
    match v.parse::<i64>() {
        Ok(n) if n >= 1 => {
            a.count = Some(n);
            a.repeat_ms.get_or_insert(1000);
            true
        }
        Ok(_) => {
            out.err(format!(
                "free: failed to parse count argument: '{v}': Numerical result out of range\n"
            ));
            out.status = 1;
            false
        }
        Err(_) => {
            out.err(format!("free: failed to parse count argument: '{v}'\n"));
            out.status = 1;
            false
        }
    }
}

/// scale_size: KiB as the options ask.
fn scale(size: u64, a: &Args) -> String {
    let base: f32 = if a.si { 1000.0 } else { 1024.0 };
    if a.exponent == 0 && !a.human {
        return size.to_string();
    }
    if !a.human {
        if a.exponent == 1 {
            return (size * 1024).to_string();
        }
        let v = (size as f64 * 1024.0) / f64::from(base).powi(a.exponent as i32 - 1);
        return (v as i64).to_string();
    }
    let ups = ['B', 'K', 'M', 'G', 'T', 'P'];
    let mut buf = String::new();
    for (idx, up) in ups.iter().enumerate() {
        let i = idx as i32 + 1;
        if i == 1 {
            buf = format!("{}{}", size * 1024, up);
            if buf.len() <= 4 {
                return buf;
            }
            continue;
        }
        let v = ((size / 1024) as f32) * base / base.powi(i - 2);
        if !a.si {
            buf = format!("{v:.1}{up}i");
            if buf.len() <= 5 {
                return buf;
            }
            buf = format!("{}{up}i", v as i64);
            if buf.len() <= 5 {
                return buf;
            }
        } else {
            buf = format!("{v:.1}{up}");
            if buf.len() <= 4 {
                return buf;
            }
            buf = format!("{}{up}", v as i64);
            if buf.len() <= 4 {
                return buf;
            }
        }
    }
    buf
}

fn table(node: &Node, a: &Args) -> String {
    let m = mem(node);
    let mut s = String::new();
    if a.wide {
        s.push_str("               total        used        free      shared     buffers       cache   available\n");
    } else {
        s.push_str(
            "               total        used        free      shared  buff/cache   available\n",
        );
    }
    let cache = m.cached + m.sreclaimable;
    s.push_str(&format!("{:<9}", "Mem:"));
    s.push_str(&format!("{:>11}", scale(m.total, a)));
    for v in [m.used(), m.free, m.shmem] {
        s.push_str(&format!(" {:>11}", scale(v, a)));
    }
    if a.wide {
        s.push_str(&format!(" {:>11}", scale(m.buffers, a)));
        s.push_str(&format!(" {:>11}", scale(cache, a)));
    } else {
        s.push_str(&format!(" {:>11}", scale(m.buffers + cache, a)));
    }
    s.push_str(&format!(" {:>11}\n", scale(m.available, a)));
    if a.lohi {
        s.push_str(&format!(
            "{:<9}{:>11} {:>11} {:>11}\n",
            "Low:",
            scale(m.total, a),
            scale(m.total - m.free, a),
            scale(m.free, a)
        ));
        s.push_str(&format!(
            "{:<9}{:>11} {:>11} {:>11}\n",
            "High:",
            scale(0, a),
            scale(0, a),
            scale(0, a)
        ));
    }
    s.push_str(&format!(
        "{:<9}{:>11} {:>11} {:>11}\n",
        "Swap:",
        scale(0, a),
        scale(0, a),
        scale(0, a)
    ));
    if a.total {
        s.push_str(&format!(
            "{:<9}{:>11} {:>11} {:>11}\n",
            "Total:",
            scale(m.total, a),
            scale(m.used(), a),
            scale(m.free, a)
        ));
    }
    s
}

/// `free ARGS` on the boot cluster's node (`-s`/`-c` wait on its clock).
pub fn run(fleet: &mut Fleet, args: &[String]) -> Output {
    let a = match parse(args) {
        Parsed::Run(a) => a,
        Parsed::Done(out) => return out,
    };
    let mut out = Output::default();
    let Some(every) = a.repeat_ms else {
        out.out(table(&Node::observe(fleet.boot), &a));
        return out;
    };
    let Some(count) = a.count else {
        out.err("kubeplay: `free -s` without `-c` prints until interrupted, which is not simulated; add `-c N`\n");
        out.status = 1;
        return out;
    };
    for n in 0..count {
        out.out(table(&Node::observe(fleet.boot), &a));
        if n + 1 < count {
            out.out("\n");
            fleet.advance(every);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn human(kb: u64) -> String {
        scale(
            kb,
            &Args {
                human: true,
                ..Default::default()
            },
        )
    }

    #[test]
    fn human_sizes_as_procps_scales_them() {
        assert_eq!(human(8_025_424), "7.7Gi");
        assert_eq!(human(0), "0B");
        // 3.3.17 divides by 1024 in integers first: whole MiB only.
        assert_eq!(human(4_908), "4.0Mi");
        assert_eq!(human(1_003), "0.0Ki");
        let mebi = Args {
            exponent: 3,
            ..Default::default()
        };
        assert_eq!(scale(8_025_424, &mebi), "7837");
    }

    #[test]
    fn errors() {
        let run = |a: &[&str]| match parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>()) {
            Parsed::Done(o) => o.stderr().lines().next().unwrap_or("").to_string(),
            Parsed::Run(_) => String::new(),
        };
        assert_eq!(run(&["-x"]), "free: invalid option -- 'x'");
        assert_eq!(
            run(&["-m", "-g"]),
            "free: Multiple unit options doesn't make sense."
        );
        assert_eq!(
            run(&["-c", "0"]),
            "free: failed to parse count argument: '0': Numerical result out of range"
        );
        assert_eq!(
            run(&["-s", "x"]),
            "free: seconds argument failed: 'x': Invalid argument"
        );
        assert_eq!(run(&["--foo"]), "free: unrecognized option '--foo'");
    }
}
