//! procps-ng 3.3.17's `uptime` (uptime.c, proc/whattime.c) on the node:
//! the time, how long since the node container booted, the users (none:
//! `docker exec` logs no one in) and the load averages /proc/loadavg has.

use super::Node;
use kubeplay_shell::Output;

const USAGE: &str = "\nUsage:\n uptime [options]\n\nOptions:\n -p, --pretty   show uptime in pretty format\n -h, --help     display this help and exit\n -s, --since    system up since\n -V, --version  output version information and exit\n\nFor more details see uptime(1).\n";

/// sprint_uptime: ` 09:01:00 up 1 min,  0 users,  load average: ...`
pub fn line(node: &Node, pretty: bool) -> String {
    let secs = node.uptime_secs() as i64;
    let mut buf = String::new();
    if !pretty {
        let (_, _, _, h, m, s) = super::civil(node.now);
        buf.push_str(&format!(" {h:02}:{m:02}:{s:02} "));
    }
    buf.push_str("up ");
    let minutes = secs / 60 % 60;
    let hours = secs / 3600 % 24;
    if pretty {
        let decades = secs / (60 * 60 * 24 * 365 * 10);
        let years = secs / (60 * 60 * 24 * 365) % 10;
        let weeks = secs / (60 * 60 * 24 * 7) % 52;
        let days = secs / (60 * 60 * 24) % 7;
        let mut parts = vec![];
        let unit =
            |n: i64, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
        if decades > 0 {
            parts.push(unit(decades, "decade", "decades"));
        }
        if years > 0 {
            parts.push(unit(years, "year", "years"));
        }
        if weeks > 0 {
            parts.push(unit(weeks, "week", "weeks"));
        }
        if days > 0 {
            parts.push(unit(days, "day", "days"));
        }
        if hours > 0 {
            parts.push(unit(hours, "hour", "hours"));
        }
        if minutes > 0 || secs < 60 {
            parts.push(format!(
                "{minutes} {}",
                if minutes != 1 { "minutes" } else { "minute" }
            ));
        }
        buf.push_str(&parts.join(", "));
        return buf;
    }
    let days = secs / 86_400;
    if days > 0 {
        buf.push_str(&format!("{days} day{}, ", if days != 1 { "s" } else { "" }));
    }
    if hours > 0 {
        buf.push_str(&format!("{hours:2}:{minutes:02}, "));
    } else {
        buf.push_str(&format!("{minutes} min, "));
    }
    buf.push_str(&format!("{:2} user{}, ", 0, "s"));
    let [a, b, c] = node.load_average();
    buf.push_str(&format!(" load average: {a:.2}, {b:.2}, {c:.2}"));
    buf
}

pub fn run(node: &Node, args: &[String]) -> Output {
    let mut out = Output::default();
    let mut pretty = false;
    for (i, a) in args.iter().enumerate() {
        let opts: Vec<char> = match a.strip_prefix("--") {
            Some("") => {
                if i + 1 < args.len() {
                    out.err(USAGE);
                    out.status = 1;
                    return out;
                }
                break;
            }
            Some(long) => match ["pretty", "help", "since", "version"]
                .iter()
                .filter(|l| l.starts_with(long))
                .collect::<Vec<_>>()
                .as_slice()
            {
                [one] => vec![match **one {
                    "pretty" => 'p',
                    "help" => 'h',
                    "since" => 's',
                    _ => 'V',
                }],
                [] => {
                    out.err(format!("uptime: unrecognized option '{a}'\n{USAGE}"));
                    out.status = 1;
                    return out;
                }
                _ => {
                    out.err(format!("uptime: option '{a}' is ambiguous; possibilities: '--pretty' '--help'\n{USAGE}"));
                    out.status = 1;
                    return out;
                }
            },
            None => match a.strip_prefix('-').filter(|f| !f.is_empty()) {
                Some(f) => f.chars().collect(),
                None => {
                    out.err(USAGE);
                    out.status = 1;
                    return out;
                }
            },
        };
        for c in opts {
            match c {
                'p' => pretty = true,
                'h' => {
                    out.out(USAGE);
                    return out;
                }
                's' => {
                    let since = node.boot + 500;
                    let (y, mo, d, h, m, s) = super::civil(since);
                    out.out(format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02}:{s:02}\n"));
                    return out;
                }
                'V' => {
                    out.out("uptime from procps-ng 3.3.17\n");
                    return out;
                }
                _ => {
                    out.err(format!("uptime: invalid option -- '{c}'\n{USAGE}"));
                    out.status = 1;
                    return out;
                }
            }
        }
    }
    out.out(format!("{}\n", line(node, pretty)));
    out
}
