//! GNU coreutils (and grep/sed/awk) over the VFS. Each utility gets a
//! `Ctx` with its stdin and the VFS and writes into an ordered `Output`,
//! so stdout and stderr interleave the way the real programs' do.

pub(crate) mod awk;
mod chown;
mod cmp;
mod column;
mod comm;
mod date_input;
mod diff;
mod envsubst;
mod expand;
mod expr;
pub(crate) mod find;
mod fold;
mod fs;
mod grep;
mod join;
mod jq;
mod ln;
mod ls;
pub(crate) mod misc;
mod mktemp;
mod num;
mod od;
mod openssl;
mod sed;
mod split;
mod stat;
mod sums;
mod sysinfo;
pub(crate) mod tar;
mod text;
mod tree;
mod truncate;
mod xxd;

use crate::vfs::{resolve, Vfs, VfsError};
use crate::Output;
use std::collections::BTreeMap;

pub type Util = fn(&mut Ctx, &[String]) -> i32;

pub struct Ctx<'a> {
    pub vfs: &'a mut Vfs,
    pub cwd: &'a str,
    pub env: &'a BTreeMap<String, String>,
    pub stdin: String,
    pub out: Output,
    pub now: i64,
    pub user: &'a str,
    pub host: &'a str,
    /// Whether stdout is the terminal.
    pub tty: bool,
    /// busybox's applets (an ash image) rather than GNU's: their messages.
    pub busybox: bool,
    pub written: usize,
    pub limit: usize,
    /// A fresh draw from the shell's seeded stream (keys, serials, `rand`).
    pub draw: u64,
    /// Set by `tail -f`: it has printed what there is and now waits for
    /// more, until it is stopped (`Programs::hold`).
    pub follow: bool,
}

impl Ctx<'_> {
    pub fn out(&mut self, s: &str) {
        if self.full() {
            return;
        }
        self.written += s.len();
        self.out.out(s);
    }

    pub fn err(&mut self, s: &str) {
        self.written += s.len();
        self.out.err(s);
    }

    /// True once the run's output budget is spent: generators stop.
    pub fn full(&self) -> bool {
        self.written > self.limit
    }

    pub fn path(&self, p: &str) -> String {
        resolve(self.cwd, p)
    }

    /// Reads a file operand (`-` and `/dev/stdin` are stdin).
    pub fn read(&mut self, name: &str) -> Result<String, VfsError> {
        let p = self.path(name);
        if name == "-" || p == crate::vfs::DEV_STDIN {
            return Ok(std::mem::take(&mut self.stdin));
        }
        self.vfs.read_checked(&p).map(|s| s.to_string())
    }
}

pub fn lookup(name: &str) -> Option<Util> {
    Some(match name {
        "ls" => ls::ls,
        "mkdir" => fs::mkdir,
        "rmdir" => fs::rmdir,
        "rm" => fs::rm,
        "cp" => fs::cp,
        "mv" => fs::mv,
        "touch" => fs::touch,
        "chmod" => fs::chmod,
        "chown" => chown::chown,
        "stat" => stat::stat,
        "ln" => ln::ln,
        "unlink" => ln::unlink,
        "readlink" => ln::readlink,
        "realpath" => ln::realpath,
        "cat" => text::cat,
        "tac" => text::tac,
        "head" => text::head,
        "tail" => text::tail,
        "wc" => text::wc,
        "tee" => text::tee,
        "sort" => text::sort,
        "uniq" => text::uniq,
        "cut" => text::cut,
        "tr" => text::tr,
        "rev" => text::rev,
        "nl" => text::nl,
        "paste" => text::paste,
        "less" | "more" => text::cat,
        "grep" | "egrep" | "fgrep" => grep::grep,
        "sed" => sed::sed,
        "tar" => tar::tar,
        "jq" => jq::jq,
        "yq" => jq::yq,
        "base64" => misc::base64,
        "envsubst" => envsubst::envsubst,
        "column" => column::column,
        "diff" => diff::diff,
        "openssl" => openssl::openssl,
        "md5sum" | "sha1sum" | "sha256sum" | "sha512sum" => sums::sum,
        "expr" => expr::expr,
        "tree" => tree::tree,
        "mktemp" => mktemp::mktemp,
        "date" => misc::date,
        "seq" => misc::seq,
        "basename" => misc::basename,
        "dirname" => misc::dirname,
        "whoami" => misc::whoami,
        "hostname" => misc::hostname,
        "id" => misc::id,
        "uname" => misc::uname,
        "printenv" => misc::printenv,
        "clear" => misc::clear,
        "yes" => misc::yes,
        "sleep" => misc::sleep,
        "uptime" => misc::uptime,
        "nproc" => sysinfo::nproc,
        "groups" => sysinfo::groups,
        "cmp" => cmp::cmp,
        "comm" => comm::comm,
        "join" => join::join,
        "fold" => fold::fold,
        "expand" => expand::expand,
        "unexpand" => expand::unexpand,
        "truncate" => truncate::truncate,
        "split" => split::split,
        "od" => od::od,
        "xxd" => xxd::xxd,
        _ => return None,
    })
}

/// Every coreutil name, for completion.
pub const NAMES: &[&str] = &[
    "awk",
    "base64",
    "basename",
    "cat",
    "chmod",
    "chown",
    "clear",
    "column",
    "cmp",
    "comm",
    "cp",
    "cut",
    "date",
    "diff",
    "dirname",
    "egrep",
    "envsubst",
    "expand",
    "expr",
    "fgrep",
    "find",
    "fold",
    "gawk",
    "grep",
    "groups",
    "head",
    "hostname",
    "id",
    "join",
    "jq",
    "less",
    "ln",
    "ls",
    "mawk",
    "md5sum",
    "mkdir",
    "mktemp",
    "more",
    "mv",
    "nl",
    "nproc",
    "od",
    "openssl",
    "paste",
    "printenv",
    "readlink",
    "realpath",
    "rev",
    "rm",
    "rmdir",
    "sed",
    "seq",
    "sha1sum",
    "sha256sum",
    "sha512sum",
    "sleep",
    "sort",
    "split",
    "stat",
    "tac",
    "tail",
    "tar",
    "tee",
    "touch",
    "tr",
    "tree",
    "truncate",
    "uname",
    "unexpand",
    "uniq",
    "unlink",
    "uptime",
    "wc",
    "whoami",
    "xxd",
    "yes",
    "yq",
];

/// Parsed command-line options.
#[derive(Default, Debug)]
pub struct Opts {
    pub flags: Vec<char>,
    pub vals: Vec<(char, String)>,
    pub longs: Vec<(String, Option<String>)>,
    pub args: Vec<String>,
}

impl Opts {
    pub fn has(&self, c: char) -> bool {
        self.flags.contains(&c)
    }
    pub fn val(&self, c: char) -> Option<&str> {
        self.vals
            .iter()
            .rev()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.as_str())
    }
    pub fn long(&self, name: &str) -> bool {
        self.longs.iter().any(|(n, _)| n == name)
    }
    pub fn long_val(&self, name: &str) -> Option<&str> {
        self.longs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// GNU getopt_long, permuting: `flags` take no value, `valued` do;
/// `longs` lists accepted long options (a trailing `=` takes a value).
pub fn getopt(
    ctx: &mut Ctx,
    prog: &str,
    argv: &[String],
    flags: &str,
    valued: &str,
    longs: &[&str],
    bad_status: i32,
) -> Result<Opts, i32> {
    let mut o = Opts::default();
    let mut i = 1;
    let try_help = |ctx: &mut Ctx| {
        // GNU grep names its usage before the hint; coreutils do not.
        if prog == "grep" {
            ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
        }
        ctx.err(&format!("Try '{} --help' for more information.\n", prog));
    };
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            o.args.extend(argv[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if name == "help" {
                ctx.out(&format!("Usage: {} [OPTION]... [FILE]...\n", prog));
                return Err(0);
            }
            if name == "version" {
                ctx.out(&format!("{} (GNU coreutils) 8.32\n", prog));
                return Err(0);
            }
            let matches: Vec<&&str> = longs
                .iter()
                .filter(|l| l.trim_end_matches('=').starts_with(name))
                .collect();
            let exact = longs.iter().find(|l| l.trim_end_matches('=') == name);
            let Some(spec) = exact.or(if matches.len() == 1 {
                Some(matches[0])
            } else {
                None
            }) else {
                ctx.err(&format!("{}: unrecognized option '{}'\n", prog, a));
                try_help(ctx);
                return Err(bad_status);
            };
            let full = spec.trim_end_matches('=').to_string();
            if spec.ends_with('=') {
                let v = match val {
                    Some(v) => v,
                    None => match argv.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => {
                            ctx.err(&format!(
                                "{}: option '--{}' requires an argument\n",
                                prog, full
                            ));
                            try_help(ctx);
                            return Err(bad_status);
                        }
                    },
                };
                o.longs.push((full, Some(v)));
            } else {
                o.longs.push((full, val));
            }
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                if flags.contains(c) {
                    o.flags.push(c);
                } else if valued.contains(c) {
                    let v = if k < cs.len() {
                        let v: String = cs[k..].iter().collect();
                        k = cs.len();
                        v
                    } else if let Some(v) = argv.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        ctx.err(&format!(
                            "{}: option requires an argument -- '{}'\n",
                            prog, c
                        ));
                        try_help(ctx);
                        return Err(bad_status);
                    };
                    o.vals.push((c, v));
                } else {
                    ctx.err(&format!("{}: invalid option -- '{}'\n", prog, c));
                    try_help(ctx);
                    return Err(bad_status);
                }
            }
            continue;
        }
        o.args.push(a.clone());
    }
    Ok(o)
}

/// Splits text into lines, each without its newline.
pub fn lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.split('\n').collect();
    if s.ends_with('\n') || s.is_empty() {
        v.pop();
    }
    v
}

/// GNU's quoting of file names in messages: 'name'.
pub fn q(name: &str) -> String {
    if name.contains('\'') {
        format!("\"{}\"", name)
    } else {
        format!("'{}'", name)
    }
}
