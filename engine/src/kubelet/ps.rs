//! busybox's `ps` in a container, in busybox's columns (`-o` included):
//! the container's own process (PID 1, unless it shares a PID namespace,
//! see pid_namespace.rs), the processes of the containers it shares it
//! with, and what a `kubectl exec` started.

use kubeplay_shell::Output;
use serde::{Deserialize, Serialize};

/// A process of another container in the same PID namespace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    pub pid: u32,
    /// The user as busybox names it (a bare uid when its /etc/passwd has none).
    pub user: String,
    pub args: String,
}

/// The PIDs of one run in a container: the processes already there and
/// the next PID a fork takes.
#[derive(Clone, Debug, Default)]
pub struct Pids {
    /// (pid, user, command line, started at) of what runs, by PID.
    running: Vec<(u32, String, String, i64)>,
    /// The command the run itself is: its first execution takes `pid`.
    top: Option<(u32, Vec<String>)>,
    next: u32,
}

impl Pids {
    /// The container's own process, `argv` since `at`: PID 1, or the PID
    /// after its peers' when it shares their namespace.
    pub fn main(peers: &[Peer], argv: &[String], at: i64) -> Pids {
        let pid = own_pid(peers);
        let mut running = of_peers(peers, at);
        running.push((pid, "root".into(), argv.join(" "), at));
        Pids {
            running,
            top: Some((pid, argv.to_vec())),
            next: pid.saturating_add(1),
        }
    }

    /// The `index`-th command run in the container, `argv` from `at`,
    /// beside the container's process (`main` since `since`). runc's own
    /// processes take PIDs before it: six per exec.
    pub fn exec(
        peers: &[Peer],
        main: &[String],
        since: i64,
        index: usize,
        argv: &[String],
        at: i64,
    ) -> Pids {
        let own = own_pid(peers);
        let step = 6u32.saturating_mul(index.min(100_000) as u32);
        let pid = own.saturating_add(6).saturating_add(step);
        // `sh -c 'ps aux'`: the shell execs a lone command in its place.
        let argv = lone_command(argv).unwrap_or_else(|| argv.to_vec());
        let mut running = of_peers(peers, since);
        running.push((own, "root".into(), main.join(" "), since));
        running.push((pid, "root".into(), argv.join(" "), at));
        Pids {
            running,
            top: Some((pid, argv)),
            next: pid.saturating_add(1),
        }
    }

    /// The PID of a program the run starts: the run's own command the
    /// first time it is executed, a fresh PID after that.
    pub fn start(&mut self, argv: &[String]) -> u32 {
        let base = |a: &String| a.rsplit('/').next().map(str::to_string);
        // The shell about to exec the run's lone command: already in place.
        if let Some((pid, top)) = &self.top {
            if lone_command(argv).as_ref() == Some(top) {
                return *pid;
            }
        }
        if let Some((pid, top)) = self.top.take() {
            if top.iter().map(base).eq(argv.iter().map(base)) {
                return pid;
            }
        }
        let pid = self.next;
        self.next = self.next.saturating_add(1);
        pid
    }

    /// What runs at `now` as program `pid` (`args`, started now) sees it:
    /// the peers, the container's process, the run's own, and itself.
    /// (Programs the run started before have ended.)
    pub fn listing<'a>(&'a self, pid: u32, args: &'a str, now: i64) -> Vec<Proc<'a>> {
        let mut procs: Vec<Proc<'a>> = self
            .running
            .iter()
            .map(|(p, user, args, at)| Proc {
                pid: *p,
                ppid: 0,
                user,
                args,
                elapsed_s: (now - at) / 1000,
                current: *p == pid,
            })
            .collect();
        if !procs.iter().any(|p| p.pid == pid) {
            // Forked by the run's own command.
            let ppid = self.running.last().map_or(0, |r| r.0);
            procs.push(Proc {
                pid,
                ppid,
                user: "root",
                args,
                elapsed_s: 0,
                current: true,
            });
        }
        procs.sort_by_key(|p| p.pid);
        procs
    }
}

/// The words of `sh -c SCRIPT` when SCRIPT is one plain command, which a
/// shell runs by exec, in its own place.
fn lone_command(argv: &[String]) -> Option<Vec<String>> {
    let [sh, c, script] = argv else {
        return None;
    };
    let shell = matches!(sh.rsplit('/').next(), Some("sh" | "ash" | "bash" | "dash"));
    let plain = !script.contains(|ch: char| ";&|<>$`\n(){}'\"\\*?[=#~".contains(ch));
    let words: Vec<String> = script.split_whitespace().map(String::from).collect();
    (shell && c == "-c" && plain && !words.is_empty()).then_some(words)
}

/// The container's own PID: 1, or the next after its peers'.
fn own_pid(peers: &[Peer]) -> u32 {
    peers.iter().map(|p| p.pid + 1).max().unwrap_or(1)
}

fn of_peers(peers: &[Peer], at: i64) -> Vec<(u32, String, String, i64)> {
    peers
        .iter()
        .map(|p| (p.pid, p.user.clone(), p.args.clone(), at))
        .collect()
}

/// One column of busybox ps: its `-o` name, header and width.
struct Column {
    name: &'static str,
    header: &'static str,
    width: usize,
}

const fn col(name: &'static str, header: &'static str, width: usize) -> Column {
    Column {
        name,
        header,
        width,
    }
}

/// The columns in busybox's own order (its error lists them so).
const COLUMNS: &[Column] = &[
    col("user", "USER", 8),
    col("group", "GROUP", 8),
    col("comm", "COMMAND", 16),
    col("args", "COMMAND", MAX_WIDTH),
    col("pid", "PID", 5),
    col("ppid", "PPID", 5),
    col("pgid", "PGID", 5),
    col("etime", "ELAPSED", 7),
    col("nice", "NI", 5),
    col("rgroup", "RGROUP", 8),
    col("ruser", "RUSER", 8),
    col("time", "TIME", 5),
    col("tty", "TT", 6),
    col("vsz", "VSZ", 4),
    col("sid", "SID", 5),
    col("stat", "STAT", 4),
    col("rss", "RSS", 4),
];

const MAX_WIDTH: usize = 2048;

const USAGE: &str = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n";

/// A process as ps sees it.
pub struct Proc<'a> {
    pub pid: u32,
    pub ppid: u32,
    pub user: &'a str,
    pub args: &'a str,
    /// Seconds since it started.
    pub elapsed_s: i64,
    /// The ps process itself (running, not sleeping).
    pub current: bool,
}

/// Runs `ps ARGS` over `procs`; `tty`: its output is a terminal (lines cut
/// at the terminal's width).
pub fn busybox_ps(args: &[String], procs: &[Proc<'_>], tty: bool) -> Output {
    let mut out = Output::default();
    let mut specs: Vec<String> = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) else {
            continue;
        };
        for (i, c) in flags.char_indices() {
            match c {
                'Z' | 'a' | 'A' | 'd' | 'e' | 'f' | 'l' | 'T' => {}
                'o' => {
                    let rest = &flags[i + 1..];
                    let value = if rest.is_empty() {
                        it.next().cloned()
                    } else {
                        Some(rest.to_string())
                    };
                    let Some(v) = value else {
                        out.err(format!("ps: option requires an argument -- 'o'\n{USAGE}"));
                        out.status = 1;
                        return out;
                    };
                    specs.push(v);
                    break;
                }
                _ => {
                    out.err(format!("ps: invalid option -- '{c}'\n{USAGE}"));
                    out.status = 1;
                    return out;
                }
            }
        }
    }
    if specs.is_empty() {
        specs.push("pid,user,time,args".into());
    }
    let mut cols: Vec<Shown> = vec![];
    for spec in &specs {
        match parse_o(spec) {
            Ok(mut c) => cols.append(&mut c),
            Err(name) => {
                let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
                out.err(format!(
                    "ps: bad -o argument '{name}', supported arguments: {}\n",
                    names.join(",")
                ));
                out.status = 1;
                return out;
            }
        }
    }
    let width = if tty { 79 } else { MAX_WIDTH };
    // Columns past the line's width are dropped, the first to overflow kept.
    let mut used = 0;
    if let Some(i) = cols.iter().position(|c| {
        used += c.width + 1;
        used > width
    }) {
        cols.truncate(i + 1);
    }
    if cols.iter().any(|c| !c.header.is_empty()) {
        let mut line = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i + 1 == cols.len() {
                line.push_str(&c.header);
            } else {
                line.push_str(&format!("{:<w$} ", c.header, w = c.width));
            }
        }
        out.out(format!("{}\n", cut(&line, width)));
    }
    for p in procs {
        let mut line = String::new();
        for (i, c) in cols.iter().enumerate() {
            let mut text = value(c.name, c.width, p, tty);
            if text.is_empty() {
                text = "-".into();
            }
            let len = text.chars().count() as i64;
            line.push_str(&text);
            if i + 1 < cols.len() {
                // busybox pads with "%*s": a negative width pads too.
                let pad = (c.width as i64 - len + 1).unsigned_abs() as usize;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.out(format!("{}\n", cut(&line, width)));
    }
    out
}

/// A column as this run shows it.
struct Shown {
    name: &'static str,
    header: String,
    width: usize,
}

/// `-o a,b,c=HEADER`: the columns; the header (everything after the first
/// `=`) belongs to the last one, and a non-empty one sets its width.
fn parse_o(spec: &str) -> Result<Vec<Shown>, String> {
    let (list, header) = match spec.split_once('=') {
        Some((l, h)) => (l, Some(h)),
        None => (spec, None),
    };
    let names: Vec<&str> = list.split(',').collect();
    let mut cols = vec![];
    for (i, name) in names.iter().enumerate() {
        // busybox compares the first six characters.
        let c = COLUMNS
            .iter()
            .find(|c| *name == c.name || (c.name.len() == 6 && name.starts_with(c.name)))
            .ok_or_else(|| name.to_string())?;
        let mut shown = Shown {
            name: c.name,
            header: c.header.to_string(),
            width: c.width,
        };
        if let Some(h) = header.filter(|_| i + 1 == names.len()) {
            shown.header = h.to_string();
            if !h.is_empty() {
                shown.width = h.chars().count();
            }
        }
        cols.push(shown);
    }
    Ok(cols)
}

fn cut(line: &str, width: usize) -> &str {
    match line.char_indices().nth(width) {
        Some((i, _)) => &line[..i],
        None => line,
    }
}

/// A field of `p`, as busybox prints it into `width` characters.
fn value(name: &str, width: usize, p: &Proc<'_>, tty: bool) -> String {
    let comm = p
        .args
        .split(' ')
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    match name {
        "user" | "group" | "ruser" | "rgroup" => p.user.chars().take(width).collect(),
        "comm" => comm.chars().take(15).collect(),
        "args" => p.args.to_string(),
        "pid" | "pgid" | "sid" => format!("{:>width$}", p.pid),
        "ppid" => format!("{:>width$}", p.ppid),
        "nice" => format!("{:>width$}", 0),
        "time" => clock(0),
        "etime" => clock(p.elapsed_s.max(0) as u64),
        "tty" if tty && p.current => "136,0".into(),
        "tty" => "?".into(),
        "stat" if p.current => "R".into(),
        "stat" => "S".into(),
        _ => String::new(),
    }
}

/// busybox's 5-character time: `mm:ss`, then `hhHmm`, `ddDhh`.
fn clock(secs: u64) -> String {
    let (m, s) = (secs / 60, secs % 60);
    if m < 60 {
        return format!("{m:2}:{s:02}");
    }
    let (h, m) = (m / 60, m % 60);
    if h < 24 {
        return format!("{h:2}h{m:02}");
    }
    let (d, h) = (h / 24, h % 24);
    if d < 100 {
        format!("{d:2}d{h:02}")
    } else {
        format!("{d:4}d")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], tty: bool) -> String {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let procs = [
            Proc {
                pid: 1,
                ppid: 0,
                user: "root",
                args: "sleep 3600",
                elapsed_s: 3725,
                current: false,
            },
            Proc {
                pid: 7,
                ppid: 0,
                user: "101",
                args: "ps",
                elapsed_s: 0,
                current: true,
            },
        ];
        let out = busybox_ps(&args, &procs, tty);
        out.stdout() + &out.stderr()
    }

    #[test]
    fn times_in_five_characters() {
        assert_eq!(clock(0), " 0:00");
        assert_eq!(clock(3725), " 1h02");
        assert_eq!(clock(2 * 86_400 + 3 * 3600), " 2d03");
        assert_eq!(clock(200 * 86_400), " 200d");
    }

    #[test]
    fn a_header_sets_its_column_width() {
        assert_eq!(
            run(&["-o", "pid=P", "-o", "user=U"], false),
            // busybox cuts a value to its column.
            "P U\n1 r\n7 1\n"
        );
        // Everything after the first `=` is the last column's header.
        assert_eq!(
            run(&["-o", "pid=P,user=U"], false),
            "P,user=U\n       1\n       7\n"
        );
        assert_eq!(
            run(&["-opid,user=", "-o", "etime,stat,tty"], true),
            "PID            ELAPSED STAT TT\n    1 root      1h02   S    ?\n    7 101       0:00   R    136,0\n"
        );
    }

    #[test]
    fn columns_past_the_width_are_dropped() {
        assert_eq!(run(&["-o", "args,pid"], false), "COMMAND\nsleep 3600\nps\n");
    }

    #[test]
    fn a_lone_command_replaces_its_shell() {
        let argv = |s: &[&str]| s.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lone_command(&argv(&["sh", "-c", "ps aux"])),
            Some(argv(&["ps", "aux"]))
        );
        assert_eq!(lone_command(&argv(&["sh", "-c", "ps; ls"])), None);
        assert_eq!(lone_command(&argv(&["ps", "-c", "x"])), None);
        let mut pids = Pids::exec(
            &[],
            &argv(&["sleep", "3600"]),
            0,
            1,
            &argv(&["sh", "-c", "ps"]),
            0,
        );
        assert_eq!(pids.start(&argv(&["sh", "-c", "ps"])), 13);
        assert_eq!(pids.start(&argv(&["ps"])), 13);
        assert_eq!(pids.start(&argv(&["ls"])), 14);
    }
}
