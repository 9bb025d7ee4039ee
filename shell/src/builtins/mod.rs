//! Shell builtins: the commands bash runs itself because they change the
//! shell (cd, export, ...) or need its internals (type, source, eval).
//! Also a few programs that need the executor (env, xargs, which, bash).

mod awk_host;
mod complete;
pub mod cond;
mod control;
mod find_host;
mod getopts;
pub(crate) mod info;
mod io;
mod nav;
mod nohup;
mod shopt;
mod sudo;
mod timeout;
pub(crate) mod trap;
mod vars;

pub use shopt::shopt_defaults;

use crate::exec::{Exec, Flow};

pub type Builtin = fn(&mut Exec, &[String]) -> i32;

/// Names `type` reports as shell builtins.
pub const NAMES: &[&str] = &[
    ".",
    ":",
    "[",
    "alias",
    "bg",
    "break",
    "builtin",
    "cd",
    "command",
    "complete",
    "compgen",
    "compopt",
    "continue",
    "declare",
    "dirs",
    "disown",
    "echo",
    "eval",
    "exec",
    "exit",
    "export",
    "false",
    "fg",
    "getopts",
    "hash",
    "help",
    "history",
    "jobs",
    "kill",
    "let",
    "local",
    "logout",
    "mapfile",
    "popd",
    "printf",
    "pushd",
    "pwd",
    "read",
    "readarray",
    "readonly",
    "return",
    "set",
    "shift",
    "shopt",
    "source",
    "test",
    "times",
    "trap",
    "true",
    "type",
    "typeset",
    "ulimit",
    "umask",
    "unalias",
    "unset",
    "wait",
];

/// Words `type` reports as shell keywords.
pub const KEYWORDS: &[&str] = &[
    "!", "[[", "]]", "case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if",
    "in", "select", "then", "time", "until", "while", "{", "}",
];

pub fn lookup(name: &str) -> Option<Builtin> {
    Some(match name {
        ":" | "true" => |_, _| 0,
        "false" => |_, _| 1,
        "cd" => nav::cd,
        "pwd" => nav::pwd,
        "pushd" | "popd" | "dirs" => nav::dirs,
        "echo" => io::echo,
        "printf" => io::printf,
        "read" => io::read,
        "mapfile" | "readarray" => io::mapfile,
        "test" | "[" => cond::test_builtin,
        "export" => vars::export,
        "unset" => vars::unset,
        "set" => vars::set,
        "shift" => vars::shift,
        "local" => vars::local,
        "declare" | "typeset" => vars::declare,
        "readonly" => vars::readonly,
        "let" => vars::let_,
        "alias" => vars::alias,
        "unalias" => vars::unalias,
        "shopt" => shopt::shopt,
        "type" => info::type_,
        "history" => info::history,
        "help" => info::help,
        "hash" => info::hash,
        "umask" => |ex, _| {
            ex.out("0022\n");
            0
        },
        "kill" => control::kill,
        "jobs" => |ex, argv| ex.jobs_builtin(argv),
        "wait" => |ex, argv| ex.wait_builtin(argv),
        "getopts" => getopts::getopts,
        "trap" => trap::trap,
        "complete" => complete::complete,
        "compopt" => complete::compopt,
        "compgen" | "disown" | "ulimit" | "times" | "bg" | "fg" => |_, _| 0,
        _ => return None,
    })
}

/// Builtins that change control flow or run other commands.
pub fn run_special(ex: &mut Exec, argv: &[String]) -> Option<Flow> {
    Some(match argv[0].as_str() {
        "break" | "continue" => control::break_continue(ex, argv),
        "return" => control::return_(ex, argv),
        "exit" | "logout" => control::exit(ex, argv),
        "eval" => control::eval(ex, argv),
        "source" | "." => control::source(ex, argv),
        "exec" | "command" | "builtin" => control::command(ex, argv),
        _ => return None,
    })
}

/// Programs that are files on a real system but need the executor.
pub const EXEC_LEVEL: &[&str] = &[
    "env", "xargs", "find", "which", "bash", "sh", "nohup", "time", "sudo", "awk", "gawk", "mawk",
    "timeout",
];

pub fn run_exec_level(ex: &mut Exec, argv: &[String], temp: &[(String, String)]) -> Option<Flow> {
    Some(match argv[0].as_str() {
        "env" => control::env(ex, argv, temp),
        "xargs" => control::xargs(ex, argv),
        "find" => find_host::run(ex, argv),
        "awk" | "gawk" | "mawk" => awk_host::run(ex, argv),
        "sudo" => sudo::sudo(ex, argv),
        "which" => {
            let st = info::which(ex, argv);
            ex.set_status(st);
            Flow::Next
        }
        "bash" | "sh" => control::bash(ex, argv),
        "nohup" => nohup::nohup(ex, argv, temp),
        "timeout" => timeout::timeout(ex, argv, temp),
        // bash's `time`: the command, then its elapsed (virtual) time; the
        // playground spends no CPU of its own to report.
        "time" => {
            let start = ex.sh.now;
            let flow = if argv.len() < 2 {
                Flow::Next
            } else {
                ex.dispatch(&argv[1..], temp)
            };
            let report = time_report(ex.sh.now - start, false);
            ex.err(&report);
            flow
        }
        _ => return None,
    })
}

/// What `time` prints after its command: the elapsed (virtual) time;
/// the playground spends no CPU of its own to report. `-p` is POSIX's form.
pub fn time_report(ms: i64, posix: bool) -> String {
    let ms = ms.max(0);
    if posix {
        return format!(
            "real {}.{:02}\nuser 0.00\nsys 0.00\n",
            ms / 1000,
            ms % 1000 / 10
        );
    }
    format!(
        "\nreal\t{}m{}.{:03}s\nuser\t0m0.000s\nsys\t0m0.000s\n",
        ms / 60_000,
        ms % 60_000 / 1000,
        ms % 1000
    )
}

/// Quotes a word the way `set -x` shows it.
pub fn quote_xtrace(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%^".contains(c))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Quotes a value for `alias` / `declare -p` style listings.
pub fn quote_single(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `bash: NAME: -X: invalid option` plus the usage line, status 2.
pub fn invalid_option(ex: &mut Exec, name: &str, opt: &str, usage: &str) -> i32 {
    ex.err(&format!(
        "bash: {}: {}: invalid option\n{}: usage: {}\n",
        name, opt, name, usage
    ));
    2
}
