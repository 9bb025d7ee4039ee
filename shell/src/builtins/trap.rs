//! `trap`: commands the shell runs on its way out (EXIT), after a failing
//! command (ERR) or on a signal, and their listing (`trap -p`).

use crate::exec::{Exec, Flow};

/// Signals as `trap -p` names them, with their numbers.
const SIGNALS: &[(&str, u32)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
];

/// The pseudo-signals, in the order `trap -p` lists them before the rest.
const PSEUDO: &[&str] = &["EXIT", "DEBUG", "RETURN", "ERR"];

/// A signal as the user wrote it (`INT`, `SIGINT`, `2`, `exit`, `0`) in the
/// name `trap -p` prints; None when bash does not know it.
fn canonical(spec: &str) -> Option<String> {
    let upper = spec.to_ascii_uppercase();
    if upper == "0" || upper == "EXIT" {
        return Some("EXIT".into());
    }
    if let Some(p) = PSEUDO.iter().find(|p| **p == upper) {
        return Some(p.to_string());
    }
    if let Ok(n) = spec.parse::<u32>() {
        return SIGNALS
            .iter()
            .find(|(_, k)| *k == n)
            .map(|(s, _)| s.to_string());
    }
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    SIGNALS
        .iter()
        .find(|(s, _)| *s == name)
        .map(|(s, _)| s.to_string())
}

/// Where a trap sorts in a listing: pseudo-signals first, then by number.
fn order(name: &str) -> u32 {
    match PSEUDO.iter().position(|p| *p == name) {
        Some(0) => 0,
        Some(_) => 1000,
        None => SIGNALS
            .iter()
            .find(|(s, _)| *s == name)
            .map_or(999, |(_, n)| *n),
    }
}

fn listing(ex: &Exec, only: &[String]) -> String {
    let traps = match (&ex.shown_traps, ex.sh.traps.is_empty()) {
        (Some(parent), true) => parent,
        _ => &ex.sh.traps,
    };
    let mut traps: Vec<(&String, &String)> = traps
        .iter()
        .filter(|(k, _)| only.is_empty() || only.contains(k))
        .collect();
    traps.sort_by_key(|(k, _)| (order(k), k.to_string()));
    traps
        .iter()
        .map(|(k, v)| format!("trap -- {} {k}\n", super::quote_single(v)))
        .collect()
}

pub fn trap(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut args: Vec<String> = argv[1..].to_vec();
    let print = args.first().is_some_and(|a| a == "-p");
    if print || args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    if print || args.is_empty() {
        let mut names = vec![];
        for a in &args {
            match canonical(a) {
                Some(n) => names.push(n),
                None => return invalid(ex, a),
            }
        }
        let text = listing(ex, &names);
        ex.out(&text);
        return 0;
    }
    // `trap N SIG...` with a number first resets, as `trap - SIG...` does.
    let first = args.remove(0);
    let (action, signals) =
        if args.is_empty() || canonical(&first).is_some_and(|_| first.parse::<u32>().is_ok()) {
            let mut all = vec![first];
            all.extend(args);
            (None, all)
        } else if first == "-" {
            (None, args)
        } else {
            (Some(first), args)
        };
    let mut st = 0;
    ex.shown_traps = None;
    for s in signals {
        match canonical(&s) {
            Some(name) => match &action {
                Some(a) => {
                    ex.sh.traps.insert(name, a.clone());
                }
                None => {
                    ex.sh.traps.remove(&name);
                }
            },
            None => st = invalid(ex, &s),
        }
    }
    st
}

fn invalid(ex: &mut Exec, spec: &str) -> i32 {
    ex.errp(&format!("trap: {spec}: invalid signal specification"));
    1
}

/// Runs the EXIT trap, if any, once (the shell is ending).
pub fn run_exit_trap(ex: &mut Exec) {
    if let Some(action) = ex.sh.traps.remove("EXIT") {
        let st = ex.sh.status;
        let _: Flow = ex.run_script(&action, false);
        ex.set_status(st);
    }
}

/// Runs the ERR trap after a command failed; `$?` is its status and stays
/// so afterwards.
pub fn run_err_trap(ex: &mut Exec) {
    if let Some(action) = ex.sh.traps.get("ERR").cloned() {
        let st = ex.sh.status;
        // The trap's own failures do not trigger it again.
        let saved = ex.sh.traps.remove("ERR");
        let _: Flow = ex.run_script(&action, false);
        if let Some(s) = saved {
            ex.sh.traps.entry("ERR".into()).or_insert(s);
        }
        ex.set_status(st);
    }
}
