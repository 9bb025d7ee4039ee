//! GNU coreutils 9 `timeout`: runs a program (never a builtin or a
//! function: it execs a file) and kills it at a deadline on the host's
//! clock. The host's waiting programs (`sleep`, `kubectl get -w`,
//! `tail -f`) stop at the deadline (`Programs::set_deadline`); anything
//! else the command runs stops as the clock passes it (`Exec::timeouts`).

use crate::exec::{Exec, Flow};

const TRY: &str = "Try 'timeout --help' for more information.\n";

/// `timeout [OPTION] DURATION COMMAND [ARG]...`
pub fn timeout(ex: &mut Exec, argv: &[String], temp: &[(String, String)]) -> Flow {
    match argv.get(1).map(String::as_str) {
        Some("--help") => {
            ex.out("Usage: timeout [OPTION] DURATION COMMAND [ARG]...\n  or:  timeout [OPTION]\nRuns COMMAND and stops it if it still runs after DURATION (s, m, h or d).\n");
            ex.set_status(0);
            return Flow::Next;
        }
        Some("--version") => {
            ex.out("timeout (GNU coreutils) 8.32\n");
            ex.set_status(0);
            return Flow::Next;
        }
        _ => {}
    }
    let opts = match Options::parse(&argv[1..]) {
        Ok(o) => o,
        Err(text) => return fail(ex, &text),
    };
    let rest = &argv[1 + opts.used..];
    let [duration, command @ ..] = rest else {
        return fail(ex, "");
    };
    if command.is_empty() {
        return fail(ex, "");
    }
    let Some(ms) = interval_ms(duration) else {
        return fail(
            ex,
            &format!("timeout: invalid time interval ‘{duration}’\n"),
        );
    };
    if let Some(k) = &opts.kill_after {
        if interval_ms(k).is_none() {
            return fail(ex, &format!("timeout: invalid time interval ‘{k}’\n"));
        }
    }
    // 0 disables the timeout.
    let at = (ms > 0).then(|| ex.sh.now.saturating_add(ms));
    let outer = ex.progs.deadline();
    if let Some(at) = at {
        ex.timeouts.push(at);
        ex.progs.set_deadline(Some(outer.map_or(at, |o| o.min(at))));
    }
    let ran = ex.exec_program(command, temp);
    if at.is_some() {
        ex.timeouts.pop();
        ex.progs.set_deadline(outer);
    }
    if let Err(e) = ran {
        ex.err(&format!(
            "timeout: failed to run command ‘{}’: {}\n",
            command[0],
            e.msg()
        ));
        ex.set_status(e.status());
        return Flow::Next;
    }
    let fired = at.is_some_and(|at| ex.sh.now >= at) && ex.timed_out;
    if !fired {
        return ran.unwrap_or(Flow::Next);
    }
    // Killed at the deadline: everything the command ran unwinds to here.
    ex.dead = false;
    ex.timed_out = false;
    ex.check_deadlines();
    if opts.verbose {
        ex.err(&format!(
            "timeout: sending signal {} to command ‘{}’\n",
            opts.signal.0, command[0]
        ));
    }
    let killed = 128 + opts.signal.1;
    // SIGKILL reaches timeout itself too (one process group); busybox's
    // timeout execs the command itself, so the signal is what ends it.
    let busybox = ex.sh.sh_flavor == crate::ShFlavor::Ash;
    let status = if opts.preserve || opts.signal.1 == 9 || busybox {
        killed
    } else {
        124
    };
    ex.set_status(status);
    Flow::Next
}

fn fail(ex: &mut Exec, text: &str) -> Flow {
    ex.err(&format!("{text}{TRY}"));
    ex.set_status(125);
    Flow::Next
}

struct Options {
    /// How many arguments the options took.
    used: usize,
    /// The signal's name (without SIG) and number.
    signal: (String, i32),
    kill_after: Option<String>,
    preserve: bool,
    verbose: bool,
}

impl Options {
    /// getopt_long with "+k:s:v": options stop at the first operand.
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            used: 0,
            signal: ("TERM".into(), 15),
            kill_after: None,
            preserve: false,
            verbose: false,
        };
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if a == "--" {
                i += 1;
                break;
            }
            if let Some(long) = a.strip_prefix("--") {
                let (name, value) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                let known = [
                    "foreground",
                    "kill-after",
                    "preserve-status",
                    "signal",
                    "verbose",
                ];
                let matches: Vec<&str> = known
                    .iter()
                    .copied()
                    .filter(|k| k.starts_with(name))
                    .collect();
                let [full] = matches.as_slice() else {
                    return Err(format!("timeout: unrecognized option '{a}'\n"));
                };
                let takes = matches!(*full, "kill-after" | "signal");
                let value = match (takes, value) {
                    (true, Some(v)) => Some(v),
                    (true, None) => {
                        i += 1;
                        match args.get(i) {
                            Some(v) => Some(v.clone()),
                            None => {
                                return Err(format!(
                                    "timeout: option '--{full}' requires an argument\n"
                                ))
                            }
                        }
                    }
                    (false, Some(_)) => {
                        return Err(format!(
                            "timeout: option '--{full}' doesn't allow an argument\n"
                        ))
                    }
                    (false, None) => None,
                };
                o.set(full, value)?;
                i += 1;
                continue;
            }
            if a.len() < 2 || !a.starts_with('-') {
                break;
            }
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                match c {
                    'v' => o.verbose = true,
                    'k' | 's' => {
                        let rest: String = chars[j + 1..].iter().collect();
                        let value = if !rest.is_empty() {
                            rest
                        } else {
                            i += 1;
                            match args.get(i) {
                                Some(v) => v.clone(),
                                None => {
                                    return Err(format!(
                                        "timeout: option requires an argument -- '{c}'\n"
                                    ))
                                }
                            }
                        };
                        o.set(if c == 'k' { "kill-after" } else { "signal" }, Some(value))?;
                        break;
                    }
                    _ => return Err(format!("timeout: invalid option -- '{c}'\n")),
                }
                j += 1;
            }
            i += 1;
        }
        o.used = i;
        Ok(o)
    }

    fn set(&mut self, name: &str, value: Option<String>) -> Result<(), String> {
        match name {
            "verbose" => self.verbose = true,
            "preserve-status" => self.preserve = true,
            "kill-after" => self.kill_after = value,
            "signal" => {
                let v = value.unwrap_or_default();
                self.signal =
                    signal(&v).ok_or_else(|| format!("timeout: ‘{v}’: invalid signal\n"))?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// A signal by name (with or without SIG; coreutils also knows IO as
/// POLL) or number: its name and number.
fn signal(s: &str) -> Option<(String, i32)> {
    let n = match s.trim_start_matches("SIG") {
        "POLL" => Some(29),
        _ => crate::signals::number(s),
    }?;
    Some((crate::signals::name(n)?, n))
}

/// GNU's interval: a non-negative floating number with an optional
/// s/m/h/d suffix; `inf` and `infinity` too.
fn interval_ms(a: &str) -> Option<i64> {
    let (num, factor) = match a.char_indices().last()? {
        (i, 's') => (&a[..i], 1.0),
        (i, 'm') => (&a[..i], 60.0),
        (i, 'h') => (&a[..i], 3600.0),
        (i, 'd') => (&a[..i], 86400.0),
        _ => (a, 1.0),
    };
    let n: f64 = match num {
        "inf" | "infinity" => f64::INFINITY,
        _ if num.starts_with(['+', '-']) || num.is_empty() => return None,
        _ => num.parse().ok().filter(|n: &f64| n.is_finite())?,
    };
    if n < 0.0 {
        return None;
    }
    Some((n * factor * 1000.0).min(1e15) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_gnu_s() {
        assert_eq!(interval_ms("2"), Some(2000));
        assert_eq!(interval_ms(".5"), Some(500));
        assert_eq!(interval_ms("1m"), Some(60_000));
        assert_eq!(interval_ms("1e0"), Some(1000));
        assert_eq!(interval_ms("inf"), Some(1e15 as i64));
        assert_eq!(interval_ms("2x"), None);
        assert_eq!(interval_ms("-1"), None);
        assert_eq!(interval_ms("s"), None);
    }

    #[test]
    fn signals_by_name_or_number() {
        assert_eq!(signal("KILL"), Some(("KILL".into(), 9)));
        assert_eq!(signal("SIGINT"), Some(("INT".into(), 2)));
        assert_eq!(signal("9"), Some(("KILL".into(), 9)));
        assert_eq!(signal("POLL"), Some(("IO".into(), 29)));
        assert_eq!(signal("FOO"), None);
    }
}
