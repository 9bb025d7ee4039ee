//! Small coreutils: base64, date, seq, basename, dirname, whoami, hostname,
//! id, uname, printenv, clear, yes, sleep, uptime.

use super::{getopt, Ctx};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        if c == b'=' || c.is_ascii_whitespace() {
            continue;
        }
        let v = B64.iter().position(|&x| x == c)? as u32;
        buf = buf << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

pub fn base64(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "base64",
        argv,
        "di",
        "w",
        &["decode", "ignore-garbage", "wrap="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let file = o.args.first().cloned().unwrap_or_else(|| "-".into());
    let data = match ctx.read(&file) {
        Ok(d) => d,
        Err(e) => {
            ctx.err(&format!("base64: {}: {}\n", file, e.msg()));
            return 1;
        }
    };
    if o.has('d') || o.long("decode") {
        match b64_decode(&data) {
            Some(bytes) => {
                ctx.out(&String::from_utf8_lossy(&bytes));
                0
            }
            None => {
                ctx.err("base64: invalid input\n");
                1
            }
        }
    } else {
        let wrap: usize = o
            .val('w')
            .or(o.long_val("wrap"))
            .and_then(|s| s.parse().ok())
            .unwrap_or(76);
        let enc = b64_encode(data.as_bytes());
        let mut out = String::new();
        if wrap == 0 {
            out.push_str(&enc);
        } else {
            let b = enc.as_bytes();
            for (k, chunk) in b.chunks(wrap).enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
            }
            if !enc.is_empty() {
                out.push('\n');
            }
        }
        ctx.out(&out);
        0
    }
}

/// `-I[TIMESPEC]`/`--iso-8601[=TIMESPEC]` and `--rfc-3339=TIMESPEC`: the
/// strftime format each names (UTC, so the zone is +00:00).
fn iso_format(arg: &str) -> Option<Result<&'static str, String>> {
    let (rfc, spec) = if let Some(v) = arg.strip_prefix("--rfc-3339=") {
        (true, v)
    } else if let Some(v) = arg.strip_prefix("--iso-8601") {
        (
            false,
            v.strip_prefix('=')
                .unwrap_or(if v.is_empty() { "date" } else { v }),
        )
    } else if let Some(v) = arg.strip_prefix("-I") {
        (false, if v.is_empty() { "date" } else { v })
    } else {
        return None;
    };
    Some(match (rfc, spec) {
        (_, "date") => Ok("%Y-%m-%d"),
        (false, "hours") => Ok("%Y-%m-%dT%H+00:00"),
        (false, "minutes") => Ok("%Y-%m-%dT%H:%M+00:00"),
        (false, "seconds") => Ok("%Y-%m-%dT%H:%M:%S+00:00"),
        (false, "ns") => Ok("%Y-%m-%dT%H:%M:%S,%N+00:00"),
        (true, "seconds") => Ok("%Y-%m-%d %H:%M:%S+00:00"),
        (true, "ns") => Ok("%Y-%m-%d %H:%M:%S.%N+00:00"),
        _ => Err(spec.to_string()),
    })
}

pub fn date(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut iso: Option<&'static str> = None;
    let mut rest = vec![];
    for (i, a) in argv.iter().enumerate() {
        match iso_format(a).filter(|_| i > 0) {
            Some(Ok(f)) => iso = Some(f),
            Some(Err(spec)) => {
                let which = if a.starts_with("--rfc") {
                    "--rfc-3339"
                } else {
                    "--iso-8601"
                };
                ctx.err(&format!("date: invalid argument ‘{spec}’ for ‘{which}’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\nTry 'date --help' for more information.\n"));
                return 1;
            }
            None => rest.push(a.clone()),
        }
    }
    let argv = &rest;
    let o = match getopt(
        ctx,
        "date",
        argv,
        "uRI",
        "dr",
        &["utc", "iso-8601", "rfc-2822", "date="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut ms = ctx.now;
    if let Some(d) = o.val('d').or(o.long_val("date")) {
        match super::date_input::parse(d, ms) {
            Some(at) => ms = at,
            None => {
                ctx.err(&format!("date: invalid date ‘{}’\n", d));
                return 1;
            }
        }
    }
    let fmt = o.args.iter().find_map(|a| a.strip_prefix('+'));
    if let Some(bad) = o.args.iter().find(|a| !a.starts_with('+')) {
        let text = if fmt.is_some() {
            format!("date: extra operand ‘{bad}’\nTry 'date --help' for more information.\n")
        } else {
            format!("date: invalid date ‘{bad}’\n")
        };
        ctx.err(&text);
        return 1;
    }
    let s = if let Some(f) = iso.filter(|_| fmt.is_none()) {
        crate::timefmt::strftime(f, ms)
    } else if let Some(f) = fmt {
        crate::timefmt::strftime(f, ms)
    } else if o.has('R') || o.long("rfc-2822") {
        crate::timefmt::strftime("%a, %d %b %Y %H:%M:%S +0000", ms)
    } else if o.has('I') || o.long("iso-8601") {
        crate::timefmt::strftime("%Y-%m-%d", ms)
    } else {
        crate::timefmt::date_default(ms)
    };
    ctx.out(&format!("{}\n", s));
    0
}

fn seq_num(ctx: &mut Ctx, s: &str) -> Option<f64> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            ctx.err(&format!(
                "seq: invalid floating point argument: ‘{}’\nTry 'seq --help' for more information.\n",
                s
            ));
            None
        }
    }
}

pub fn seq(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut sep = "\n".to_string();
    let mut width = false;
    let mut nums = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "-s" => {
                i += 1;
                sep = argv.get(i).cloned().unwrap_or_default();
            }
            "-w" => width = true,
            s if s.starts_with("-s") && s.len() > 2 => sep = s[2..].to_string(),
            s if s.starts_with('-')
                && s.len() > 1
                && !s[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.') =>
            {
                ctx.err(&format!(
                    "seq: invalid option -- '{}'\nTry 'seq --help' for more information.\n",
                    s.chars().nth(1).unwrap_or('-')
                ));
                return 1;
            }
            _ => nums.push(a.clone()),
        }
        i += 1;
    }
    if nums.is_empty() {
        ctx.err("seq: missing operand\nTry 'seq --help' for more information.\n");
        return 1;
    }
    if nums.len() > 3 {
        ctx.err(&format!(
            "seq: extra operand ‘{}’\nTry 'seq --help' for more information.\n",
            nums[3]
        ));
        return 1;
    }
    let mut vals = Vec::new();
    for n in &nums {
        match seq_num(ctx, n) {
            Some(v) => vals.push(v),
            None => return 1,
        }
    }
    let (first, step, last) = match vals.len() {
        1 => (1.0, 1.0, vals[0]),
        2 => (vals[0], 1.0, vals[1]),
        _ => (vals[0], vals[1], vals[2]),
    };
    if step == 0.0 {
        ctx.err(&format!(
            "seq: invalid Zero increment value: ‘{}’\nTry 'seq --help' for more information.\n",
            nums[1]
        ));
        return 1;
    }
    let decimals = nums
        .iter()
        .take(if nums.len() == 3 {
            2
        } else {
            nums.len().min(1)
        })
        .map(|n| n.split_once('.').map(|(_, d)| d.len()).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let fmt = |v: f64| -> String {
        if decimals > 0 {
            format!("{:.*}", decimals, v)
        } else {
            format!("{}", v.round() as i64)
        }
    };
    let w = if width {
        fmt(first).len().max(fmt(last).len())
    } else {
        0
    };
    let mut out = String::new();
    let mut k = 0u64;
    loop {
        let v = first + step * k as f64;
        if (step > 0.0 && v > last + 1e-9) || (step < 0.0 && v < last - 1e-9) {
            break;
        }
        if k > 0 {
            out.push_str(&sep);
        }
        let s = fmt(v);
        if width && s.len() < w {
            out.push_str(&"0".repeat(w - s.len()));
        }
        out.push_str(&s);
        k += 1;
        if out.len() + ctx.written > ctx.limit + 1 {
            break;
        }
    }
    if k > 0 {
        out.push('\n');
    }
    ctx.out(&out);
    0
}

pub fn basename(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "basename",
        argv,
        "az",
        "s",
        &["multiple", "suffix="],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.args.is_empty() {
        ctx.err("basename: missing operand\nTry 'basename --help' for more information.\n");
        return 1;
    }
    let suffix = o.val('s').or(o.long_val("suffix")).map(|s| s.to_string());
    let multiple = o.has('a') || suffix.is_some();
    let (names, suffix) = if multiple {
        (o.args.clone(), suffix)
    } else {
        if o.args.len() > 2 {
            ctx.err(&format!(
                "basename: extra operand ‘{}’\nTry 'basename --help' for more information.\n",
                o.args[2]
            ));
            return 1;
        }
        (vec![o.args[0].clone()], o.args.get(1).cloned())
    };
    let mut out = String::new();
    for n in names {
        let t = n.trim_end_matches('/');
        let mut b = if t.is_empty() && n.starts_with('/') {
            "/".to_string()
        } else {
            t.rsplit('/').next().unwrap_or("").to_string()
        };
        if let Some(s) = &suffix {
            if b.len() > s.len() && b.ends_with(s.as_str()) {
                b.truncate(b.len() - s.len());
            }
        }
        out.push_str(&b);
        out.push('\n');
    }
    ctx.out(&out);
    0
}

pub fn dirname(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let args: Vec<&String> = argv[1..]
        .iter()
        .filter(|a| !a.starts_with('-') || a.len() == 1)
        .collect();
    if args.is_empty() {
        ctx.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
        return 1;
    }
    let mut out = String::new();
    for n in args {
        let t = n.trim_end_matches('/');
        let d = match t.rfind('/') {
            None if n.starts_with('/') => "/".to_string(),
            None => ".".to_string(),
            Some(i) => {
                let d = t[..i].trim_end_matches('/');
                if d.is_empty() {
                    "/".to_string()
                } else {
                    d.to_string()
                }
            }
        };
        out.push_str(&d);
        out.push('\n');
    }
    ctx.out(&out);
    0
}

pub fn whoami(ctx: &mut Ctx, _argv: &[String]) -> i32 {
    let u = ctx.user.to_string();
    ctx.out(&format!("{}\n", u));
    0
}

pub fn hostname(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let all = argv.iter().any(|a| a == "-I");
    if all || argv.iter().any(|a| a == "-i") {
        // The host's addresses as /etc/hosts gives them (a pod's own IP in
        // a container); the node's when there is no such file.
        let hosts = ctx.vfs.read("/etc/hosts").unwrap_or("").to_string();
        let ips: Vec<&str> = hosts
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| {
                let mut words = l.split_whitespace();
                let ip = words.next()?;
                words.any(|n| n == ctx.host).then_some(ip)
            })
            .collect();
        let ips = if ips.is_empty() {
            "192.168.49.2".to_string()
        } else {
            ips.join(" ")
        };
        // GNU's -I lists interfaces' addresses, each followed by a space.
        match all && !ctx.busybox {
            true => ctx.out(&format!("{ips} \n")),
            false => ctx.out(&format!("{ips}\n")),
        }
        return 0;
    }
    let h = ctx.host.to_string();
    ctx.out(&format!("{}\n", h));
    0
}

pub fn id(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let root = ctx.user == "root";
    let (uid, name) = if root {
        (0, "root".to_string())
    } else {
        (1000, ctx.user.to_string())
    };
    let s = match argv.get(1).map(|s| s.as_str()) {
        Some("-u") => uid.to_string(),
        Some("-g") => uid.to_string(),
        Some("-un") | Some("-nu") => name,
        Some("-gn") | Some("-ng") => name,
        _ => format!("uid={0}({1}) gid={0}({1}) groups={0}({1})", uid, name),
    };
    ctx.out(&format!("{}\n", s));
    0
}

pub fn uname(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "uname",
        argv,
        "asnrvmpio",
        "",
        &[
            "all",
            "kernel-name",
            "nodename",
            "kernel-release",
            "machine",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let host = ctx.host.to_string();
    let all = o.has('a') || o.long("all");
    let fields = [
        ('s', "Linux".to_string()),
        ('n', host),
        // The node's kernel, as `kubectl describe node` and /proc/version
        // name it (containers share it).
        ('r', "5.15.0-139-generic".to_string()),
        (
            'v',
            "#149-Ubuntu SMP Fri Apr 11 22:06:13 UTC 2025".to_string(),
        ),
        ('m', "x86_64".to_string()),
        ('o', "GNU/Linux".to_string()),
    ];
    let mut parts = Vec::new();
    for (c, v) in &fields {
        if all || o.has(*c) {
            parts.push(v.clone());
        }
    }
    if parts.is_empty() {
        parts.push("Linux".into());
    }
    ctx.out(&format!("{}\n", parts.join(" ")));
    0
}

pub fn printenv(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let env = ctx.env.clone();
    if argv.len() == 1 {
        let mut out = String::new();
        for (k, v) in &env {
            out.push_str(&format!("{}={}\n", k, v));
        }
        ctx.out(&out);
        return 0;
    }
    let mut st = 0;
    for n in &argv[1..] {
        match env.get(n) {
            Some(v) => ctx.out(&format!("{}\n", v)),
            None => st = 1,
        }
    }
    st
}

pub fn clear(ctx: &mut Ctx, _argv: &[String]) -> i32 {
    ctx.out("\x1b[H\x1b[2J\x1b[3J");
    0
}

pub fn yes(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let word = if argv.len() > 1 {
        argv[1..].join(" ")
    } else {
        "y".into()
    };
    let line = format!("{}\n", word);
    // No reader ever stops us: on a terminal write until the output
    // budget is spent; into a pipe, enough for any `head`.
    let room = if ctx.tty {
        ctx.limit.saturating_sub(ctx.written) + 1
    } else {
        (64 * 1024).min(ctx.limit.saturating_sub(ctx.written))
    };
    let n = room / line.len().max(1) + 1;
    ctx.out(&line.repeat(n.min(1 << 20)));
    0
}

pub fn sleep(ctx: &mut Ctx, argv: &[String]) -> i32 {
    if argv.len() < 2 {
        ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
    }
    0
}

pub fn uptime(ctx: &mut Ctx, _argv: &[String]) -> i32 {
    let t = crate::timefmt::strftime("%H:%M:%S", ctx.now);
    ctx.out(&format!(
        " {} up 10 min,  0 users,  load average: 0.42, 0.35, 0.20\n",
        t
    ));
    0
}
