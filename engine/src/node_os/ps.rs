//! procps-ng 3.3.17's `ps` on the node: its three option syntaxes (UNIX
//! `-ef`, BSD `aux`, GNU `--sort`) parsed as ps/parser.c does — a second
//! pass reads a failed UNIX line as BSD, so `ps -aux` works — the
//! selection rules of ps/select.c, the formats of sortformat.c (`-f`, `-F`,
//! `-l`, `-j`, `u`, `j`, `l`, `s`, `v`, `-o`/`o`/`--format`, `-O`/`O`),
//! sorting, forests, and output.c's column layout (`show_one_proc`, whose
//! wide values push the next columns right, and the terminal width that
//! cuts the last column when stdout is a terminal).

use super::procs::{self, Proc};
use super::ps_columns::{self as cols, Just, Spec};
use super::{Node, BASH_PID, TTY};
use kubeplay_shell::{Output, Vfs};

const VERSION: &str = "ps from procps-ng 3.3.17\n";
/// Where the kernel keeps the last PID it handed out.
pub const LAST_PID: &str = "/proc/sys/kernel/ns_last_pid";
/// procps' OUTBUF_SIZE: the width when nothing limits it.
const OUTBUF: usize = 4095;
const HERTZ: u64 = 100;

// simple_select bits (common.h).
const SS_U_A: u32 = 1;
const SS_U_D: u32 = 2;
const SS_B_X: u32 = 4;
const SS_B_G: u32 = 8;
const SS_B_A: u32 = 16;

// format_flags.
const FF_UF: u32 = 1;
const FF_UL: u32 = 2;
const FF_BJ: u32 = 4;
const FF_BL: u32 = 8;
const FF_BS: u32 = 16;
const FF_BU: u32 = 32;
const FF_BV: u32 = 64;
const FF_LX: u32 = 128;
const FF_LM: u32 = 256;
const FF_FC: u32 = 512;

// format_modifiers.
const FM_C: u32 = 1;
const FM_J: u32 = 2;
const FM_Y: u32 = 4;
const FM_F: u32 = 8;
const FM_M: u32 = 16;
const FM_P: u32 = 32;

#[derive(Clone, Debug)]
enum Sel {
    Pid(Vec<u32>),
    Ppid(Vec<u32>),
    Euid(Vec<u32>),
    Ruid(Vec<u32>),
    Egid(Vec<u32>),
    Rgid(Vec<u32>),
    Sess(Vec<u32>),
    Pgrp(Vec<u32>),
    Comm(Vec<String>),
    /// Some(true): our terminal; Some(false): none; None: another one.
    Tty(Vec<Option<bool>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Header {
    None,
    Multi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SfKind {
    /// -o, o, --format
    Format,
    /// -O: preloaded with the SysV defaults
    UnixO,
    /// O: preloaded with the BSD defaults (or a sort spec)
    BsdO,
    Sort,
}

#[derive(Clone, Default)]
struct Opts {
    all: bool,
    simple: u32,
    prefer_bsd: bool,
    negate: bool,
    running_only: bool,
    lists: Vec<Sel>,
    format_flags: u32,
    modifiers: u32,
    sf: Vec<(String, SfKind)>,
    header: Option<Header>,
    forest: Option<char>,
    w_count: u32,
    cols: Option<usize>,
    bsd_c: bool,
    bsd_e: bool,
    numeric: bool,
    unix_f: bool,
    threads: u32,
}

/// What ends ps before it prints a table.
enum Exit {
    Help(Option<String>),
    Version,
    Specifiers,
}

/// A column as this run prints it.
#[derive(Clone)]
struct Col {
    spec: &'static Spec,
    head: String,
    width: usize,
}

/// Runs `ps ARGS` on the node; `tty`: stdout is the terminal, `width`
/// its columns.
pub fn run(node: &Node, args: &[String], vfs: &mut Vfs, tty: bool, width: usize) -> Output {
    let mut out = Output::default();
    let opts = match parse(args) {
        Ok(Ok(o)) => o,
        Ok(Err(exit)) => {
            match exit {
                Exit::Version => out.out(VERSION),
                Exit::Specifiers => {
                    for s in cols::SPECS.iter().filter(|s| printable(s.name)) {
                        out.out(format!("{:<12.12} {:<8.8}\n", s.name, s.head));
                    }
                }
                Exit::Help(section) => out.out(help(section.as_deref())),
            }
            return out;
        }
        Err(e) => {
            out.err(format!("error: {e}\n"));
            out.err(usage_tail());
            out.status = 1;
            return out;
        }
    };
    let pid = own_pid(node, vfs);
    let cmdline = std::iter::once("ps")
        .chain(args.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let table = procs::table(node, Some((pid, &cmdline)));
    // The format and sort lists (errors here also sent ps to its BSD pass,
    // which gave up the same way).
    let (columns, sort) = match formats(&opts) {
        Ok(x) => x,
        Err(e) => {
            out.err(format!("error: {e}\n"));
            out.err(usage_tail());
            out.status = 1;
            return out;
        }
    };
    let ctx = Ctx {
        node,
        opts: &opts,
        tpgid: pid,
    };
    let mut shown: Vec<&Proc> = table.iter().filter(|p| ctx.wanted(p)).collect();
    let mut screen = if tty { width } else { OUTBUF };
    if let Some(c) = opts.cols {
        screen = c;
    }
    if opts.w_count == 1 && screen < 132 {
        screen = 132;
    }
    if opts.w_count > 1 {
        screen = OUTBUF;
    }
    let active = active_cols(&columns, screen);
    let mut lines: Vec<String> = vec![];
    let headers = !columns.iter().all(|c| c.head.is_empty()) && opts.header != Some(Header::None);
    if opts.forest.is_some() || !sort.is_empty() {
        let mut keys = sort.clone();
        if opts.forest.is_some() {
            if keys.is_empty() {
                keys.push(("start_time".to_string(), false));
            }
            keys.insert(0, ("ppid".to_string(), false));
        }
        shown.sort_by(|a, b| {
            for (k, rev) in &keys {
                let o = ctx.compare(k, a, b);
                if o != std::cmp::Ordering::Equal {
                    return if *rev { o.reverse() } else { o };
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    let rows: Vec<(&Proc, String)> = match opts.forest {
        Some(style) => forest(&shown, style),
        None => shown.iter().map(|p| (*p, String::new())).collect(),
    };
    for (i, (p, prefix)) in rows.iter().enumerate() {
        if headers && (i == 0 || (opts.header == Some(Header::Multi) && i % 23 == 0)) {
            lines.push(render(&columns, None, &ctx, "", active));
        }
        lines.push(render(&columns, Some(p), &ctx, prefix, active));
    }
    if rows.is_empty() {
        if headers {
            lines.push(render(&columns, None, &ctx, "", active));
        }
        out.status = 1;
    }
    for l in lines {
        out.out(l);
    }
    out
}

fn printable(name: &str) -> bool {
    !matches!(
        name,
        "addr"
            | "cpu"
            | "end_code"
            | "re"
            | "sl"
            | "start_code"
            | "taskid"
            | "tsess"
            | "tsession"
            | "tsid"
            | "acflag"
            | "acflg"
            | "argc"
            | "blocked_"
            | "cnswap"
            | "context_"
            | "cstime"
            | "cutime"
            | "inblk"
            | "inblock"
            | "jid"
            | "jobc"
            | "ktrace"
            | "ktracep"
            | "lim"
            | "logname"
            | "longtname"
            | "m_dt"
            | "m_lrs"
            | "m_trs"
            | "msgrcv"
            | "msgsnd"
            | "nsignals"
            | "nsigs"
            | "nswap"
            | "nvcsw"
            | "nivcsw"
            | "nwchan_"
            | "oublk"
            | "oublock"
            | "p_ru"
            | "paddr"
            | "pagein"
            | "pcpu_"
            | "pending_"
            | "pgrp_"
            | "pmem_"
            | "policy"
            | "pset"
            | "psxpri"
            | "rgroup_"
            | "rssize_"
            | "sess_"
            | "sigcatch_"
            | "sigignore_"
            | "sigmask_"
            | "stackp_"
            | "svgid"
            | "svuid"
            | "systime"
            | "tdev"
            | "trss"
            | "tsiz"
            | "u_procp"
            | "ucomm_"
            | "upr"
            | "uprocp"
            | "usrpri"
            | "usertime"
            | "vm_data"
            | "vm_exe"
            | "vm_lib"
            | "vm_lock"
            | "vm_stack"
            | "xstat"
    )
}

/// This ps's PID: the node's PID clock, past every pod's block and past
/// the last PID handed out (kept in the kernel's counter, so two runs at
/// one instant differ).
fn own_pid(node: &Node, vfs: &mut Vfs) -> u32 {
    let last: u32 = vfs
        .read(LAST_PID)
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(0);
    let top = node
        .pods
        .iter()
        .filter(|p| !p.host_network)
        .map(|p| p.key)
        .max()
        .unwrap_or(0);
    let clock = node
        .pid_clock(node.now)
        .saturating_add(256u32.saturating_mul(top))
        .saturating_add(220);
    let taken: Vec<u32> = procs::table(node, None).iter().map(|p| p.pid).collect();
    let mut pid = clock.max(last.saturating_add(1)).max(BASH_PID + 1);
    while taken.contains(&pid) {
        pid += 1;
    }
    if pid >= super::PID_MAX {
        pid = 301;
    }
    vfs.write(LAST_PID, &format!("{pid}\n"));
    pid
}

// ---------------------------------------------------------------- parsing

fn parse(args: &[String]) -> Result<Result<Opts, Exit>, String> {
    let first = parse_pass(args, false);
    let first_err = match first {
        Ok(Ok(o)) => match finish(o) {
            Ok(o) => return Ok(Ok(o)),
            Err(e) => e,
        },
        Ok(Err(exit)) => return Ok(Err(exit)),
        Err(e) => e,
    };
    // The second chance: every option read as BSD.
    match parse_pass(args, true) {
        Ok(Ok(o)) => match finish(o) {
            Ok(o) => Ok(Ok(o)),
            Err(_) => Err(first_err),
        },
        Ok(Err(exit)) => Ok(Err(exit)),
        Err(_) => Err(first_err),
    }
}

/// What parse_all_options leaves for the later checks to judge.
fn finish(mut o: Opts) -> Result<Opts, String> {
    if o.forest.is_some() && o.threads != 0 {
        return Err("thread display conflicts with forest display".into());
    }
    formats(&o)?;
    select_setup(&mut o)?;
    Ok(o)
}

fn select_setup(o: &mut Opts) -> Result<(), String> {
    if o.simple == 0 && !o.prefer_bsd {
        return Ok(());
    }
    let switch = if o.simple & (SS_U_A | SS_U_D) == 0 {
        o.simple | SS_B_G
    } else {
        o.simple
    };
    match switch {
        x if x == SS_U_A | SS_U_D || x == SS_U_A || x == SS_U_D => {}
        x if x == SS_B_G || x == SS_B_G | SS_B_A || x == SS_B_G | SS_B_X => {}
        x if x == SS_B_G | SS_B_X | SS_B_A => {
            o.all = true;
            o.simple = 0;
        }
        _ => return Err("process selection options conflict".into()),
    }
    Ok(())
}

fn parse_pass(args: &[String], force_bsd: bool) -> Result<Result<Opts, Exit>, String> {
    let mut o = Opts {
        prefer_bsd: force_bsd,
        ..Default::default()
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let b = a.as_bytes();
        let kind = match b.first() {
            Some(c) if c.is_ascii_alphabetic() => 'b',
            Some(c) if c.is_ascii_digit() => 'p',
            Some(b'+') => 'p',
            Some(b'-') => match b.get(1) {
                Some(c) if c.is_ascii_alphabetic() => 's',
                Some(c) if c.is_ascii_digit() => 'p',
                Some(b'-') => match b.get(2) {
                    Some(c) if c.is_ascii_alphabetic() => 'g',
                    _ => 'f',
                },
                _ => 'f',
            },
            _ => 'f',
        };
        let step = match kind {
            'g' => gnu(&mut o, args, &mut i)?,
            's' if !force_bsd => sysv(&mut o, args, &mut i)?,
            's' => {
                o.prefer_bsd = true;
                bsd(&mut o, args, &mut i)?
            }
            'b' => {
                if force_bsd {
                    return Err("way bad".into());
                }
                o.prefer_bsd = true;
                bsd(&mut o, args, &mut i)?
            }
            'p' => {
                o.prefer_bsd = true;
                trailing_pids(&mut o, &args[i..])?;
                i = args.len();
                None
            }
            _ => return Err("garbage option".into()),
        };
        if let Some(exit) = step {
            return Ok(Err(exit));
        }
        i += 1;
    }
    Ok(Ok(o))
}

/// The argument of an option letter: the rest of the word, else the next.
fn opt_arg<'a>(rest: &'a str, args: &'a [String], i: &mut usize) -> Option<&'a str> {
    if !rest.is_empty() {
        return Some(rest);
    }
    let next = args.get(*i + 1).filter(|a| !a.is_empty())?;
    *i += 1;
    Some(next)
}

fn items(arg: &str, what: &str) -> Result<Vec<String>, String> {
    let mut need = true;
    let mut out = vec![];
    let mut cur = String::new();
    for c in arg.chars().chain(std::iter::once('\0')) {
        if matches!(c, ' ' | ',' | '\t' | '\0') {
            if need {
                return Err(format!("improper {what}"));
            }
            need = true;
            out.push(std::mem::take(&mut cur));
        } else {
            need = false;
            cur.push(c);
        }
    }
    Ok(out)
}

fn pid_list(arg: &str) -> Result<Vec<u32>, String> {
    items(arg, "list")?
        .iter()
        .map(|s| {
            let n = strtoul(s).ok_or("process ID list syntax error")?;
            if !(1..=0x7fff_ffff).contains(&n) {
                return Err("process ID out of range".to_string());
            }
            Ok(n as u32)
        })
        .collect()
}

/// C's strtoul with base 0 over the whole string.
fn strtoul(s: &str) -> Option<u64> {
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (h, 16)
    } else if s.len() > 1 && s.starts_with('0') {
        (&s[1..], 8)
    } else {
        (s, 10)
    };
    u64::from_str_radix(digits, radix).ok()
}

fn uid_list(arg: &str, negate: bool) -> Result<Vec<u32>, String> {
    items(arg, "list")?
        .iter()
        .map(|s| match strtoul(s) {
            Some(n) if n > 0xffff_fffe && !negate => Err("user ID out of range".to_string()),
            Some(n) => Ok(n as u32),
            None => match procs::user_id(s) {
                Some(u) => Ok(u),
                None if negate => Ok(u32::MAX),
                None => Err("user name does not exist".to_string()),
            },
        })
        .collect()
}

fn gid_list(arg: &str, negate: bool) -> Result<Vec<u32>, String> {
    items(arg, "list")?
        .iter()
        .map(|s| match strtoul(s) {
            Some(n) if n > 0xffff_fffe && !negate => Err("group ID out of range".to_string()),
            Some(n) => Ok(n as u32),
            None => match super::files::GROUPS.iter().find(|(n, _)| n == s) {
                Some((_, g)) => Ok(*g),
                None if negate => Ok(u32::MAX),
                None => Err("group name does not exist".to_string()),
            },
        })
        .collect()
}

fn tty_list(arg: &str) -> Result<Vec<Option<bool>>, String> {
    items(arg, "list")?
        .iter()
        .map(|s| match s.as_str() {
            "-" | "?" => Ok(Some(false)),
            "pts/1" | "1" | "/dev/pts/1" => Ok(Some(true)),
            // The container's own console: nothing runs on it.
            "pts/0" | "0" | "/dev/pts/0" | "/dev/console" | "console" | "co" => Ok(None),
            _ => Err("TTY could not be found".to_string()),
        })
        .collect()
}

fn sysv(o: &mut Opts, args: &[String], i: &mut usize) -> Result<Option<Exit>, String> {
    let word = args[*i].clone();
    let flags = &word[1..];
    for (k, c) in flags.char_indices() {
        let rest = &flags[k + c.len_utf8()..];
        match c {
            'A' | 'e' => o.all = true,
            'C' => {
                let arg = opt_arg(rest, args, i).ok_or("list of command names must follow -C")?;
                o.lists.push(Sel::Comm(items(arg, "list")?));
                return Ok(None);
            }
            'F' => {
                o.modifiers |= FM_F;
                o.format_flags |= FF_UF;
                o.unix_f = true;
            }
            'G' => {
                let arg = opt_arg(rest, args, i).ok_or("list of real groups must follow -G")?;
                o.lists.push(Sel::Rgid(gid_list(arg, o.negate)?));
                return Ok(None);
            }
            'H' => o.forest = Some('u'),
            'L' => o.threads |= 1,
            'M' | 'Z' => o.modifiers |= FM_M,
            'N' => o.negate = true,
            'O' => {
                let arg =
                    opt_arg(rest, args, i).ok_or("format or sort specification must follow -O")?;
                o.sf.push((arg.to_string(), SfKind::UnixO));
                return Ok(None);
            }
            'P' => o.modifiers |= FM_P,
            'T' => o.threads |= 2,
            'U' => {
                let arg = opt_arg(rest, args, i).ok_or("list of real users must follow -U")?;
                o.lists.push(Sel::Ruid(uid_list(arg, o.negate)?));
                return Ok(None);
            }
            'V' => {
                if args.len() > 1 {
                    return Err("the option is exclusive: -V".into());
                }
                return Ok(Some(Exit::Version));
            }
            'a' => o.simple |= SS_U_A,
            'c' => o.modifiers |= FM_C,
            'd' => o.simple |= SS_U_D,
            'f' => {
                o.format_flags |= FF_UF;
                o.unix_f = true;
            }
            'g' => {
                let arg = opt_arg(rest, args, i)
                    .ok_or("list of session leaders OR effective group names must follow -g")?;
                if let Ok(l) = pid_list(arg) {
                    o.lists.push(Sel::Sess(l));
                } else if let Ok(l) = gid_list(arg, o.negate) {
                    o.lists.push(Sel::Egid(l));
                } else {
                    return Err("list of session leaders OR effective group IDs was invalid".into());
                }
                return Ok(None);
            }
            'j' => o.modifiers |= FM_J,
            'l' => o.format_flags |= FF_UL,
            'm' => o.threads |= 4,
            'o' => {
                let arg = opt_arg(rest, args, i).ok_or("format specification must follow -o")?;
                o.sf.push((arg.to_string(), SfKind::Format));
                return Ok(None);
            }
            'p' | 'q' => {
                let arg = opt_arg(rest, args, i).ok_or(if c == 'p' {
                    "list of process IDs must follow -p"
                } else {
                    "List of process IDs must follow -q."
                })?;
                o.lists.push(Sel::Pid(pid_list(arg)?));
                return Ok(None);
            }
            's' => {
                let arg = opt_arg(rest, args, i).ok_or("list of session IDs must follow -s")?;
                o.lists.push(Sel::Sess(pid_list(arg)?));
                return Ok(None);
            }
            't' => {
                let arg = opt_arg(rest, args, i)
                    .ok_or("list of terminals (pty, tty...) must follow -t")?;
                o.lists.push(Sel::Tty(tty_list(arg)?));
                return Ok(None);
            }
            'u' => {
                let arg = opt_arg(rest, args, i).ok_or("list of users must follow -u")?;
                o.lists.push(Sel::Euid(uid_list(arg, o.negate)?));
                return Ok(None);
            }
            'w' => o.w_count += 1,
            'x' => return Err("must set personality to get -x option".into()),
            'y' => o.modifiers |= FM_Y,
            '-' => return Err("embedded '-' among SysV options makes no sense".into()),
            _ => return Err("unsupported SysV option".into()),
        }
    }
    Ok(None)
}

fn bsd(o: &mut Opts, args: &[String], i: &mut usize) -> Result<Option<Exit>, String> {
    let word = args[*i].clone();
    let flags = word.strip_prefix('-').unwrap_or(&word);
    for (k, c) in flags.char_indices() {
        let rest = &flags[k + c.len_utf8()..];
        match c {
            '0'..='9' => {
                o.lists.push(Sel::Pid(pid_list(&flags[k..])?));
                return Ok(None);
            }
            'H' => o.threads |= 8,
            'L' => {
                if args.len() > 1 {
                    return Err("the option is exclusive: L".into());
                }
                return Ok(Some(Exit::Specifiers));
            }
            'M' => o.threads |= 16,
            'O' => {
                let arg =
                    opt_arg(rest, args, i).ok_or("format or sort specification must follow O")?;
                o.sf.push((arg.to_string(), SfKind::BsdO));
                return Ok(None);
            }
            'S' => {}
            'T' => o.lists.push(Sel::Tty(vec![Some(true)])),
            'U' => {
                let arg = opt_arg(rest, args, i).ok_or("list of users must follow U")?;
                o.lists.push(Sel::Euid(uid_list(arg, o.negate)?));
                return Ok(None);
            }
            'V' => {
                if args.len() > 1 {
                    return Err("the option is exclusive: V".into());
                }
                return Ok(Some(Exit::Version));
            }
            'W' => return Err("obsolete W option not supported (you have a /dev/drum?)".into()),
            'X' => o.format_flags |= FF_LX,
            'Z' => o.modifiers |= FM_M,
            'a' => o.simple |= SS_B_A,
            'c' => o.bsd_c = true,
            'e' => o.bsd_e = true,
            'f' => o.forest = Some('b'),
            'g' => o.simple |= SS_B_G,
            'h' => {
                if o.header.is_some() {
                    return Err("only one heading option may be specified".into());
                }
                o.header = Some(Header::None);
            }
            'j' => o.format_flags |= FF_BJ,
            'k' => {
                let arg =
                    opt_arg(rest, args, i).ok_or("long sort specification must follow 'k'")?;
                o.sf.push((arg.to_string(), SfKind::Sort));
                return Ok(None);
            }
            'l' => o.format_flags |= FF_BL,
            'm' => o.format_flags |= FF_LM,
            'n' => o.numeric = true,
            'o' => {
                let arg = opt_arg(rest, args, i).ok_or("format specification must follow o")?;
                o.sf.push((arg.to_string(), SfKind::Format));
                return Ok(None);
            }
            'p' | 'q' => {
                let arg = opt_arg(rest, args, i).ok_or(if c == 'p' {
                    "list of process IDs must follow p"
                } else {
                    "List of process IDs must follow q."
                })?;
                o.lists.push(Sel::Pid(pid_list(arg)?));
                return Ok(None);
            }
            'r' => o.running_only = true,
            's' => o.format_flags |= FF_BS,
            't' => {
                match opt_arg(rest, args, i) {
                    None => o.lists.push(Sel::Tty(vec![Some(true)])),
                    Some(arg) => o.lists.push(Sel::Tty(tty_list(arg)?)),
                }
                return Ok(None);
            }
            'u' => o.format_flags |= FF_BU,
            'v' => o.format_flags |= FF_BV,
            'w' => o.w_count += 1,
            'x' => o.simple |= SS_B_X,
            '-' => return Err("embedded '-' among BSD options makes no sense".into()),
            _ => return Err("unsupported option (BSD syntax)".into()),
        }
    }
    Ok(None)
}

fn gnu(o: &mut Opts, args: &[String], i: &mut usize) -> Result<Option<Exit>, String> {
    let word = args[*i].clone();
    let s = &word[2..];
    let sl = s.find([':', '=']).unwrap_or(s.len());
    if sl > 15 {
        return Err("unknown gnu long option".into());
    }
    let (name, tail) = (&s[..sl], &s[sl..]);
    // grab_gnu_arg: after = or :, else the next word.
    let grab = |i: &mut usize| -> Option<String> {
        match tail.chars().next() {
            Some('=' | ':') => Some(tail[1..].to_string()).filter(|a| !a.is_empty()),
            Some(_) => None,
            None => {
                let next = args.get(*i + 1).filter(|a| !a.is_empty())?.clone();
                *i += 1;
                Some(next)
            }
        }
    };
    let no_arg = |what: &str| -> Result<(), String> {
        if tail.is_empty() {
            Ok(())
        } else {
            Err(format!("option --{what} does not take an argument"))
        }
    };
    match name {
        "Group" => {
            let a = grab(i).ok_or("list of real groups must follow --Group")?;
            o.lists.push(Sel::Rgid(gid_list(&a, o.negate)?));
        }
        "User" => {
            let a = grab(i).ok_or("list of real users must follow --User")?;
            o.lists.push(Sel::Ruid(uid_list(&a, o.negate)?));
        }
        "cols" | "columns" | "width" => {
            let n = grab(i)
                .and_then(|a| strtoul(&a))
                .filter(|n| (1..2_000_000_000).contains(n))
                .ok_or("number of columns must follow --cols, --width, or --columns")?;
            o.cols = Some(n as usize);
        }
        "context" => o.format_flags |= FF_FC,
        "cumulative" => no_arg("cumulative")?,
        "deselect" => {
            no_arg("deselect")?;
            o.negate = true;
        }
        "forest" => {
            no_arg("forest")?;
            o.forest = Some('g');
        }
        "format" => {
            let a = grab(i).ok_or("format specification must follow --format")?;
            o.sf.push((a, SfKind::Format));
        }
        "group" => {
            let a = grab(i).ok_or("list of effective groups must follow --group")?;
            o.lists.push(Sel::Egid(gid_list(&a, o.negate)?));
        }
        "header" | "headers" | "heading" | "headings" => {
            no_arg("heading")?;
            if o.header.is_some() {
                return Err("only one heading option may be specified".into());
            }
            o.header = Some(Header::Multi);
        }
        "no-header" | "no-headers" | "no-heading" | "no-headings" | "noheader" | "noheaders"
        | "noheading" | "noheadings" => {
            no_arg("no-heading")?;
            if o.header.is_some() {
                return Err("only one heading option may be specified".into());
            }
            o.header = Some(Header::None);
        }
        "help" => return Ok(Some(Exit::Help(grab(i)))),
        "info" => return Ok(Some(Exit::Version)),
        "lines" | "rows" => {
            grab(i)
                .and_then(|a| strtoul(&a))
                .filter(|n| (1..2_000_000_000).contains(n))
                .ok_or("number of rows must follow --rows or --lines")?;
        }
        "pid" | "quick-pid" => {
            let a = grab(i).ok_or(if name == "pid" {
                "list of process IDs must follow --pid"
            } else {
                "List of process IDs must follow --quick-pid."
            })?;
            o.lists.push(Sel::Pid(pid_list(&a)?));
        }
        "ppid" => {
            let a = grab(i).ok_or("list of process IDs must follow --ppid")?;
            o.lists.push(Sel::Ppid(pid_list(&a)?));
        }
        "sid" => {
            let a = grab(i).ok_or("some sid thing(s) must follow --sid")?;
            o.lists.push(Sel::Sess(pid_list(&a)?));
        }
        "sort" => {
            let a = grab(i).ok_or("long sort specification must follow --sort")?;
            o.sf.push((a, SfKind::Sort));
        }
        "tty" => {
            let a = grab(i).ok_or("list of ttys must follow --tty")?;
            o.lists.push(Sel::Tty(tty_list(&a)?));
        }
        "user" => {
            let a = grab(i).ok_or("list of effective users must follow --user")?;
            o.lists.push(Sel::Euid(uid_list(&a, o.negate)?));
        }
        "version" => {
            if args.len() > 1 {
                return Err("the option is exclusive: --version".into());
            }
            return Ok(Some(Exit::Version));
        }
        _ => return Err("unknown gnu long option".into()),
    }
    Ok(None)
}

/// `ps 123 -5 +7`: PIDs, process groups and sessions at the end.
fn trailing_pids(o: &mut Opts, rest: &[String]) -> Result<(), String> {
    let (mut pids, mut groups, mut sessions) = (vec![], vec![], vec![]);
    for a in rest {
        let (list, s) = match a.as_bytes().first() {
            Some(b'-') => (&mut groups, &a[1..]),
            Some(b'+') => (&mut sessions, &a[1..]),
            _ => (&mut pids, a.as_str()),
        };
        let n = strtoul(s).ok_or("process ID list syntax error")?;
        if !(1..=0x7fff_ffff).contains(&n) {
            return Err("process ID out of range".into());
        }
        list.push(n as u32);
    }
    if !pids.is_empty() {
        o.lists.push(Sel::Pid(pids));
    }
    if !groups.is_empty() {
        o.lists.push(Sel::Pgrp(groups));
    }
    if !sessions.is_empty() {
        o.lists.push(Sel::Sess(sessions));
    }
    Ok(())
}

// ---------------------------------------------------------------- formats

fn one_spec(name: &str, head: Option<&str>) -> Option<Vec<Col>> {
    if let Some(s) = cols::spec(name) {
        let mut w = if s.pidmax {
            // digits of pid_max - 1 (4194303), at least the header's.
            7.max(s.head.len())
        } else {
            s.width
        };
        let head = match head {
            Some(h) => {
                w = w.max(h.chars().count());
                h.to_string()
            }
            None => s.head.to_string(),
        };
        return Some(vec![Col {
            spec: s,
            head,
            width: w,
        }]);
    }
    let m = cols::macro_of(name)?;
    m.split(',')
        .map(|n| one_spec(n, None))
        .collect::<Option<Vec<_>>>()
        .map(|v| v.concat())
}

/// A `-o` list: columns, `name=HEADER` (the last item's header takes the
/// rest of the list), `name:WIDTH`.
/// What separates the items of a `-o` or `--sort` list.
fn list_sep(c: char) -> bool {
    matches!(c, ' ' | ',' | '\t' | '\n')
}

/// How many items a `-o`/`--sort` list names, as procps checks it: no
/// empty item before a separator (`improper format list`), at least one
/// (`empty format list`). `what` is `format` or `sort`.
fn count_items(text: &str, what: &str) -> Result<usize, String> {
    let mut need = true;
    let mut count = 0;
    for c in text.chars() {
        if list_sep(c) {
            if need {
                return Err(format!("improper {what} list"));
            }
            need = true;
        } else {
            if need {
                count += 1;
            }
            need = false;
        }
    }
    if count == 0 {
        return Err(format!("empty {what} list"));
    }
    Ok(count)
}

fn format_list(text: &str) -> Result<Vec<Col>, String> {
    let sep = list_sep;
    let count = count_items(text, "format")?;
    let mut buf = text.to_string();
    // A trailing separator (checked above: only one) is dropped.
    if buf.ends_with(sep) {
        buf.pop();
    }
    let mut out = vec![];
    let mut walk = buf.as_str();
    for left in (0..count).rev() {
        let (item, next) = match walk.find(sep) {
            Some(k) if left > 0 => (&walk[..k], &walk[k + 1..]),
            _ => (walk, ""),
        };
        let (spec, head) = match item.split_once('=') {
            Some((s, h)) => (s, Some(h)),
            None => (item, None),
        };
        let (spec, width) = match spec.split_once(':') {
            Some((s, w)) => {
                let ok =
                    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) && !w.starts_with('0');
                if !ok {
                    return Err("column widths must be unsigned decimal numbers".into());
                }
                (s, w.parse::<usize>().ok())
            }
            None => (spec, None),
        };
        let mut cols = one_spec(spec, head)
            .ok_or_else(|| format!("unknown user-defined format specifier \"{spec}\""))?;
        if let Some(w) = width {
            if cols.len() > 1 {
                return Err("can not set width for a macro (multi-column) format specifier".into());
            }
            cols[0].width = w;
        }
        out.extend(cols);
        walk = next;
    }
    Ok(out)
}

/// Sort keys: a column's name and whether it sorts in reverse.
type SortKeys = Vec<(String, bool)>;

fn sort_list(text: &str) -> Result<SortKeys, String> {
    let sep = list_sep;
    count_items(text, "sort")?;
    text.split(sep)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (key, rev) = match s.strip_prefix('-') {
                Some(k) => (k, true),
                None => (s.strip_prefix('+').unwrap_or(s), false),
            };
            cols::spec(key)
                .map(|_| (key.to_string(), rev))
                .ok_or_else(|| "unknown sort specifier".to_string())
        })
        .collect()
}

/// The columns and sort keys the options ask for (sortformat.c's
/// process_sf_options).
fn formats(o: &Opts) -> Result<(Vec<Col>, SortKeys), String> {
    let mut list: Vec<Col> = vec![];
    let mut sort = vec![];
    let mut user_format = false;
    for (text, kind) in &o.sf {
        match kind {
            SfKind::Sort => sort.extend(sort_list(text)?),
            SfKind::Format => {
                list.extend(format_list(text)?);
                user_format = true;
            }
            SfKind::UnixO | SfKind::BsdO => {
                if user_format {
                    return Err("option -O can not follow other format options".into());
                }
                // O is a sort spec when it parses as one and no format.
                if *kind == SfKind::BsdO && format_list(text).is_err() {
                    sort.extend(sort_list(text)?);
                    continue;
                }
                let trailer = if *kind == SfKind::UnixO {
                    "END_SYS5"
                } else {
                    "END_BSD"
                };
                list.extend(one_spec("pid", None).unwrap_or_default());
                list.extend(format_list(text)?);
                list.extend(one_spec(trailer, None).unwrap_or_default());
                user_format = true;
            }
        }
    }
    if user_format {
        if o.format_flags != 0 {
            return Err("conflicting format options".into());
        }
        if o.modifiers != 0 {
            return Err("can not use output modifiers with user-defined output".into());
        }
        return Ok((list, sort));
    }
    let spec = match o.format_flags {
        0 | FF_UF | FF_UL => None,
        x if x == FF_UF | FF_UL => None,
        FF_BJ => Some("OL_j"),
        FF_BL => Some("OL_l"),
        FF_BS => Some("OL_s"),
        FF_BU => Some("OL_u"),
        FF_BV => Some("OL_v"),
        FF_LX => Some("OL_X"),
        FF_LM => Some("OL_m"),
        FF_FC => Some("FLASK_context"),
        _ => return Err("conflicting format options".into()),
    };
    let Some(spec) = spec else {
        return Ok((sysv_list(o)?, sort));
    };
    let mut list = one_spec(spec, None).unwrap_or_default();
    let pos = |list: &Vec<Col>, head: &str| list.iter().position(|c| c.head == head);
    if o.modifiers & FM_J != 0 {
        let at = pos(&list, "PPID")
            .or_else(|| pos(&list, "PID"))
            .map_or(0, |p| p + 1);
        list.insert(at, one_spec("pgid", None).unwrap_or_default().remove(0));
        let at = pos(&list, "PGID").map_or(0, |p| p + 1);
        list.insert(at, one_spec("sid", None).unwrap_or_default().remove(0));
    }
    if o.modifiers & FM_M != 0 {
        list.insert(0, one_spec("label", None).unwrap_or_default().remove(0));
    }
    Ok((list, sort))
}

/// generate_sysv_list: the UNIX formats (default, -f, -F, -l, -j, -Z...).
fn sysv_list(o: &Opts) -> Result<Vec<Col>, String> {
    let ff = o.format_flags;
    let fm = o.modifiers;
    if fm & FM_Y != 0 && ff & FF_UL == 0 {
        return Err("modifier -y without format -l makes no sense".into());
    }
    let mut names: Vec<&str> = vec![];
    if o.prefer_bsd {
        names.push(if ff != 0 { "cmd" } else { "args" });
        names.push("bsdtime");
        if ff & FF_UL == 0 {
            names.push("stat");
        }
    } else {
        names.push(if ff & FF_UF != 0 { "cmd" } else { "ucmd" });
        names.push("time");
    }
    names.push("tname");
    if ff & FF_UF != 0 {
        names.push("stime");
    }
    if fm & FM_F != 0 {
        if fm & FM_P == 0 {
            names.push("psr");
        }
        if !(ff & FF_UL != 0 && fm & FM_Y != 0) {
            names.push("rss");
        }
    }
    if ff & FF_UL != 0 {
        names.push("wchan");
    }
    if fm & FM_F != 0 || ff & FF_UL != 0 {
        names.push("sz");
    }
    if ff & FF_UL != 0 {
        names.push(if fm & FM_Y != 0 { "rss" } else { "addr_1" });
    }
    if fm & FM_C != 0 {
        names.push("pri");
        names.push("class");
    } else if ff & FF_UL != 0 {
        names.push("ni");
        names.push("opri");
    }
    if ff & (FF_UF | FF_UL) != 0 && fm & FM_C == 0 {
        names.push("c");
    }
    if fm & FM_P != 0 {
        names.push("psr");
    }
    if fm & FM_J != 0 {
        names.push("sid");
        names.push("pgid");
    }
    if ff & (FF_UF | FF_UL) != 0 {
        names.push("ppid");
    }
    if o.threads & 2 != 0 {
        names.push("spid");
    }
    names.push("pid");
    if ff & FF_UF != 0 {
        names.push("uid_hack");
    } else if ff & FF_UL != 0 {
        names.push("uid");
    }
    if ff & FF_UL != 0 {
        names.push("s");
        if fm & FM_Y == 0 {
            names.push("f");
        }
    }
    if fm & FM_M != 0 {
        names.push("label");
    }
    Ok(names
        .iter()
        .rev()
        .filter_map(|n| one_spec(n, None))
        .flatten()
        .collect())
}

// ---------------------------------------------------------------- selection

struct Ctx<'a> {
    node: &'a Node,
    opts: &'a Opts,
    /// The terminal's foreground process group: the ps's.
    tpgid: u32,
}

impl Ctx<'_> {
    fn wanted(&self, p: &Proc) -> bool {
        let o = self.opts;
        let mut ok = o.all;
        if !ok && (o.simple != 0 || o.lists.is_empty()) {
            ok = self.table_accept(p);
        }
        if !ok {
            ok = o.lists.iter().any(|s| listed(s, p));
        }
        if o.running_only && p.state != 'R' && p.state != 'D' {
            ok = false;
        }
        ok != o.negate
    }

    fn table_accept(&self, p: &Proc) -> bool {
        let o = self.opts;
        let bits: u32 = if o.simple == 0 && !o.prefer_bsd {
            0xaa00
        } else {
            let switch = if o.simple & (SS_U_A | SS_U_D) == 0 {
                o.simple | SS_B_G
            } else {
                o.simple
            };
            match switch {
                x if x == SS_U_A | SS_U_D => 0x3f3f,
                SS_U_A => 0x0303,
                SS_U_D => 0x3333,
                SS_B_G => 0x0a0a,
                x if x == SS_B_G | SS_B_A => 0x0f0f,
                x if x == SS_B_G | SS_B_X => 0xaaaa,
                _ => 0xffff,
            }
        };
        let index = u32::from(p.uid == 0)
            | (u32::from(p.session_leader()) << 1)
            | (u32::from(!p.tty) << 2)
            | (u32::from(p.tty) << 3);
        bits & (1 << index) != 0
    }

    fn compare(&self, key: &str, a: &Proc, b: &Proc) -> std::cmp::Ordering {
        let n = |p: &Proc| -> Option<f64> {
            Some(match key {
                "pid" | "tgid" | "tid" | "lwp" | "spid" => f64::from(p.pid),
                "ppid" => f64::from(p.ppid),
                "pgid" | "pgrp" => f64::from(p.pgid),
                "sid" | "sess" | "session" => f64::from(p.sid),
                "uid" | "euid" | "ruid" | "suid" | "fuid" => f64::from(p.uid),
                "gid" | "egid" | "rgid" => f64::from(p.gid),
                "rss" | "rsz" | "rssize" | "%mem" | "pmem" => p.rss as f64,
                "vsz" | "vsize" | "sz" => p.vsz as f64,
                "%cpu" | "pcpu" | "c" | "cp" => self.pcpu(p) as f64,
                "time" | "cputime" | "bsdtime" | "cputimes" => (p.cpu_ms / 10) as f64,
                "start_time" | "stime" | "start" | "lstart" | "bsdstart" => p.start as f64,
                "etime" | "etimes" => -(p.start as f64),
                "nlwp" | "thcount" => f64::from(p.threads),
                "ni" | "nice" => f64::from(p.nice),
                "pri" => f64::from(19 - p.nice),
                _ => return None,
            })
        };
        match (n(a), n(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
            _ => {
                let spec = cols::spec(key);
                let text = |p: &Proc| spec.map(|s| self.value(s, p, OUTBUF).0).unwrap_or_default();
                text(a).cmp(&text(b))
            }
        }
    }

    /// %CPU in tenths: CPU time over the seconds it has lived.
    fn pcpu(&self, p: &Proc) -> u64 {
        let secs = ((self.node.now - p.start).max(0) / 1000) as u64;
        let jiffies = p.cpu_ms / 10;
        (jiffies * 1000 / HERTZ).checked_div(secs).unwrap_or(0)
    }

    /// A cell: its text, and how many screen cells it takes.
    fn value(&self, s: &Spec, p: &Proc, max_rightward: usize) -> (String, usize) {
        let now = self.node.now;
        let secs_alive = ((now - p.start).max(0) / 1000) as u64;
        let text = match s.name {
            "pid" | "tgid" | "tid" | "lwp" | "spid" => p.pid.to_string(),
            "ppid" => p.ppid.to_string(),
            "pgid" | "pgrp" => p.pgid.to_string(),
            "sid" | "sess" | "session" => p.sid.to_string(),
            "tpgid" => {
                if p.tty {
                    self.tpgid.to_string()
                } else {
                    "-1".into()
                }
            }
            "user" | "uname" | "euser" | "ruser" | "suser" | "fuser" | "uid_hack" => {
                let name = procs::user_name(p.uid).map(String::from);
                return user_cell(name, p.uid, self.opts.numeric, max_rightward);
            }
            "group" | "egroup" | "rgroup" | "sgroup" | "fgroup" => {
                let name = procs::group_name(p.gid).map(String::from);
                return user_cell(name, p.gid, self.opts.numeric, max_rightward);
            }
            "uid" | "euid" | "ruid" | "suid" | "fuid" => p.uid.to_string(),
            "gid" | "egid" | "rgid" | "sgid" | "fgid" => p.gid.to_string(),
            "%cpu" | "pcpu" => {
                let v = self.pcpu(p);
                if v > 999 {
                    format!("{}", v / 10)
                } else {
                    format!("{}.{}", v / 10, v % 10)
                }
            }
            "c" => format!("{:2}", (self.pcpu(p) / 10).min(99)),
            "cp" => format!("{:3}", self.pcpu(p).min(999)),
            "%mem" | "pmem" => {
                let v = (p.rss * 1000 / self.node.mem_kb.max(1)).min(999);
                format!("{:2}.{}", v / 10, v % 10)
            }
            "vsz" | "vsize" => p.vsz.to_string(),
            "rss" | "rsz" | "rssize" => p.rss.to_string(),
            "sz" => (p.vsz / 4).to_string(),
            "tty" | "tname" | "tt" => {
                if p.tty {
                    TTY.into()
                } else {
                    "?".into()
                }
            }
            "stat" => {
                let mut s = p.state.to_string();
                if p.nice < 0 {
                    s.push('<');
                }
                if p.nice > 0 {
                    s.push('N');
                }
                if p.session_leader() {
                    s.push('s');
                }
                if p.threads > 1 {
                    s.push('l');
                }
                if p.tty && p.pgid == self.tpgid {
                    s.push('+');
                }
                s
            }
            "s" | "state" => p.state.to_string(),
            "start_time" | "stime" => stime(p.start, now),
            "start" => {
                let mut c: Vec<char> = super::ctime(p.start).chars().collect();
                for k in [8, 11] {
                    if c[k] == ' ' {
                        c[k] = '0';
                    }
                }
                if p.start / 1000 + 86_400 > now / 1000 {
                    c[11..19].iter().collect()
                } else {
                    format!("  {}", c[4..10].iter().collect::<String>())
                }
            }
            "bsdstart" => {
                let c = super::ctime(p.start);
                if now / 1000 - p.start / 1000 > 86_400 {
                    c[4..10].to_string()
                } else {
                    c[10..16].to_string()
                }
            }
            "lstart" => super::ctime(p.start),
            "time" | "cputime" => {
                let t = p.cpu_ms / 10 / HERTZ;
                let (d, h, m, s) = (t / 86_400, t / 3600 % 24, t / 60 % 60, t % 60);
                if d > 0 {
                    format!("{d}-{h:02}:{m:02}:{s:02}")
                } else {
                    format!("{h:02}:{m:02}:{s:02}")
                }
            }
            "cputimes" | "times" => (p.cpu_ms / 10 / HERTZ).to_string(),
            "bsdtime" => {
                let u = p.cpu_ms / 10 / HERTZ;
                format!("{:3}:{:02}", u / 60, u % 60)
            }
            "etime" => {
                let t = secs_alive;
                let (d, h, m, s) = (t / 86_400, t / 3600 % 24, t / 60 % 60, t % 60);
                let mut out = String::new();
                if d > 0 {
                    out.push_str(&format!("{d}-"));
                }
                if d > 0 || h > 0 {
                    out.push_str(&format!("{h:02}:"));
                }
                out.push_str(&format!("{m:02}:{s:02}"));
                out
            }
            "etimes" => secs_alive.to_string(),
            "nlwp" | "thcount" => p.threads.to_string(),
            "ni" | "nice" => p.nice.to_string(),
            "pri" => (19 - p.nice).to_string(),
            "opri" | "intpri" => (80 + p.nice).to_string(),
            "priority" => (20 + p.nice).to_string(),
            "psr" => (p.pid % self.node.cpus.max(1)).to_string(),
            // PF_SUPERPRIV (4); forked without exec too (1): nginx's workers.
            "f" | "flags" => {
                if p.args.ends_with("worker process") {
                    "5".into()
                } else {
                    "4".into()
                }
            }
            "wchan" => {
                if p.state == 'R' || p.wchan == "-" {
                    "-".into()
                } else {
                    p.wchan.chars().take(max_rightward).collect()
                }
            }
            "nwchan" => {
                if p.state == 'R' {
                    "-".into()
                } else {
                    format!("{:x}", (super::hash(p.wchan) & 0xff_ffff) as u32)
                }
            }
            "label" | "context" => p.label.into(),
            "cls" | "class" | "policy" => "TS".into(),
            "rtprio" => "-".into(),
            "sched" => "0".into(),
            "comm" | "ucmd" | "ucomm" => {
                let t = if self.opts.unix_f && !self.opts.bsd_c {
                    p.args.clone()
                } else {
                    p.comm.clone()
                };
                return cut(&t, max_rightward);
            }
            "args" | "cmd" | "command" => {
                let t = if self.opts.bsd_c {
                    p.comm.clone()
                } else {
                    p.args.clone()
                };
                return cut(&t, max_rightward);
            }
            "fname" => p.comm.chars().take(8).collect(),
            "unit" => {
                if p.unit.is_empty() {
                    "-".into()
                } else {
                    p.unit.into()
                }
            }
            _ => "-".into(),
        };
        let cells = text.chars().count();
        (text, cells)
    }
}

fn listed(s: &Sel, p: &Proc) -> bool {
    match s {
        Sel::Pid(l) => l.contains(&p.pid),
        Sel::Ppid(l) => l.contains(&p.ppid),
        Sel::Euid(l) | Sel::Ruid(l) => l.contains(&p.uid),
        Sel::Egid(l) | Sel::Rgid(l) => l.contains(&p.gid),
        Sel::Sess(l) => l.contains(&p.sid),
        Sel::Pgrp(l) => l.contains(&p.pgid),
        Sel::Comm(l) => l.iter().any(|c| {
            let c: String = c.chars().take(63).collect();
            p.comm == c || (p.comm.len() == 15 && c.len() >= 15 && c.starts_with(&p.comm))
        }),
        Sel::Tty(l) => l.contains(&Some(p.tty)),
    }
}

fn cut(text: &str, max: usize) -> (String, usize) {
    let t: String = text.chars().take(max).collect();
    let n = t.chars().count();
    (t, n)
}

/// do_pr_name: a name too wide for its column ends in `+`.
fn user_cell(name: Option<String>, id: u32, numeric: bool, max: usize) -> (String, usize) {
    match name {
        Some(n) if !numeric => {
            let len = n.chars().count();
            if len <= max {
                return (n, len);
            }
            if max >= 1 {
                let mut t: String = n.chars().take(max - 1).collect();
                t.push('+');
                return (t, max);
            }
            let t = id.to_string();
            let l = t.len();
            (t, l)
        }
        _ => {
            let t = id.to_string();
            let l = t.len();
            (t, l)
        }
    }
}

/// pr_stime: the time today, else the month and day, else the year.
fn stime(start: i64, now: i64) -> String {
    let (y, mo, d, h, mi, _) = super::civil(start);
    let (ny, nmo, nd, ..) = super::civil(now);
    if y != ny {
        format!("{y}")
    } else if (mo, d) != (nmo, nd) {
        format!("{}{d:02}", super::MONTHS[(mo - 1) as usize])
    } else {
        format!("{h:02}:{mi:02}")
    }
}

// ---------------------------------------------------------------- layout

/// check_header_width: a multiple of the screen that fits the columns.
fn active_cols(cols: &[Col], screen: usize) -> usize {
    let mut total = 0;
    let mut was_normal = 0;
    for (i, c) in cols.iter().enumerate() {
        total += match c.spec.just {
            Just::Unlimited if i + 1 == cols.len() => 3,
            _ => c.width,
        };
        total += was_normal;
        was_normal = 1;
    }
    let mut i = 0;
    loop {
        i += 1;
        let active = screen * i;
        if active >= total || active >= OUTBUF / 2 {
            return active.min(OUTBUF);
        }
    }
}

/// show_one_proc: one line (the header when `p` is None).
fn render(cols: &[Col], p: Option<&Proc>, ctx: &Ctx, forest: &str, active: usize) -> String {
    let mut line = String::new();
    let (mut correct, mut actual, mut dospace) = (0i64, 0i64, 0i64);
    let active = active as i64;
    for (i, c) in cols.iter().enumerate() {
        let last = i + 1 == cols.len();
        let mut tmpspace = 0;
        let max_rightward = if !last {
            c.width as i64
        } else {
            tmpspace = correct - actual;
            if tmpspace < 1 {
                tmpspace = dospace;
                active - actual - tmpspace
            } else {
                active - correct.max(actual)
            }
        };
        let max_rightward = max_rightward.clamp(0, OUTBUF as i64 - 1) as usize;
        let (mut text, mut amount) = match p {
            None => (c.head.clone(), c.head.chars().count()),
            Some(p) => {
                let is_cmd = matches!(
                    c.spec.name,
                    "args" | "cmd" | "command" | "comm" | "ucmd" | "ucomm"
                );
                if is_cmd && !forest.is_empty() {
                    let (t, n) = ctx.value(c.spec, p, max_rightward.saturating_sub(forest.len()));
                    let full = format!("{forest}{t}");
                    let (full, _) = cut(&full, max_rightward);
                    let cells = full.chars().count();
                    let _ = n;
                    (full, cells)
                } else {
                    ctx.value(c.spec, p, max_rightward)
                }
            }
        };
        let leftpad = match c.spec.just {
            Just::Left => 0,
            Just::Right | Just::Signal => (c.width as i64 - amount as i64).max(0),
            Just::User => {
                if ctx.opts.numeric {
                    (c.width as i64 - amount as i64).max(0)
                } else {
                    0
                }
            }
            Just::Wchan | Just::Unlimited => {
                if active - actual - tmpspace < 1 {
                    text = text.chars().take(1).collect();
                    amount = text.chars().count();
                }
                0
            }
        };
        let mut space = correct - actual + leftpad;
        if space < 1 {
            space = dospace;
        }
        space = space.min(144);
        line.extend(std::iter::repeat_n(' ', space.max(0) as usize));
        line.push_str(&text);
        if last {
            break;
        }
        actual += space + amount as i64;
        correct += c.width as i64;
        dospace = 1;
        correct += 1;
    }
    line.push('\n');
    line
}

/// The forest (`f`, `--forest`, `-H`): each root, then its children
/// depth first, with the ASCII art (BSD/GNU) or indentation (UNIX -H);
/// PID 1's children stay at its level.
fn forest<'a>(procs: &[&'a Proc], style: char) -> Vec<(&'a Proc, String)> {
    let mut out = vec![];
    let n = procs.len();
    for i in (0..n).rev() {
        let parent_listed = procs.iter().any(|q| q.pid == procs[i].ppid);
        if !parent_listed {
            tree(procs, i, 0, false, &mut String::new(), style, &mut out);
        }
    }
    out
}

fn tree<'a>(
    procs: &[&'a Proc],
    me: usize,
    level: usize,
    sibling: bool,
    prefix: &mut String,
    style: char,
    out: &mut Vec<(&'a Proc, String)>,
) {
    if level > 0 {
        prefix.truncate(level - 1);
        prefix.push(if sibling { '+' } else { 'L' });
    } else {
        prefix.clear();
    }
    out.push((procs[me], art(prefix, style)));
    let pid = procs[me].pid;
    let children: Vec<usize> = (0..procs.len()).filter(|&j| procs[j].ppid == pid).collect();
    if children.is_empty() {
        return;
    }
    if level > 0 {
        prefix.truncate(level - 1);
        prefix.push(if sibling { '|' } else { ' ' });
    }
    for (k, &c) in children.iter().enumerate() {
        let more = k + 1 < children.len();
        let next = if pid == 1 && style != 'u' {
            level
        } else {
            level + 1
        };
        tree(procs, c, next, more, prefix, style, out);
        prefix.truncate(level);
    }
}

fn art(prefix: &str, style: char) -> String {
    prefix
        .chars()
        .map(|c| {
            if style == 'u' {
                "  "
            } else {
                match c {
                    'L' | '+' => " \\_ ",
                    '|' => " |  ",
                    _ => "    ",
                }
            }
        })
        .collect()
}

// ---------------------------------------------------------------- help

fn usage_tail() -> String {
    "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n".into()
}

fn help(section: Option<&str>) -> String {
    let which = match section {
        Some("simple" | "s") => 0,
        Some("list" | "l") => 1,
        Some("output" | "o") => 2,
        Some("threads" | "t") => 3,
        Some("misc" | "m") => 4,
        Some("all" | "a") => 5,
        _ => 6,
    };
    let mut out = String::from("\nUsage:\n ps [options]\n");
    if which == 0 || which == 5 {
        out.push_str("\nBasic options:\n -A, -e               all processes\n -a                   all with tty, except session leaders\n  a                   all with tty, including other users\n -d                   all except session leaders\n -N, --deselect       negate selection\n  r                   only running processes\n  T                   all processes on this terminal\n  x                   processes without controlling ttys\n");
    }
    if which == 1 || which == 5 {
        out.push_str("\nSelection by list:\n -C <command>         command name\n -G, --Group <GID>    real group id or name\n -g, --group <group>  session or effective group name\n -p, p, --pid <PID>   process id\n        --ppid <PID>  parent process id\n -q, q, --quick-pid <PID>\n                      process id (quick mode)\n -s, --sid <session>  session id\n -t, t, --tty <tty>   terminal\n -u, U, --user <UID>  effective user id or name\n -U, --User <UID>     real user id or name\n\n  The selection options take as their argument either:\n    a comma-separated list e.g. '-u root,nobody' or\n    a blank-separated list e.g. '-p 123 4567'\n");
    }
    if which == 2 || which == 5 {
        out.push_str("\nOutput formats:\n -F                   extra full\n -f                   full-format, including command lines\n  f, --forest         ascii art process tree\n -H                   show process hierarchy\n -j                   jobs format\n  j                   BSD job control format\n -l                   long format\n  l                   BSD long format\n -M, Z                add security data (for SELinux)\n -O <format>          preloaded with default columns\n  O <format>          as -O, with BSD personality\n -o, o, --format <format>\n                      user-defined format\n  s                   signal format\n  u                   user-oriented format\n  v                   virtual memory format\n  X                   register format\n -y                   do not show flags, show rss vs. addr (used with -l)\n     --context        display security context (for SELinux)\n     --headers        repeat header lines, one per page\n     --no-headers     do not print header at all\n     --cols, --columns, --width <num>\n                      set screen width\n     --rows, --lines <num>\n                      set screen height\n");
    }
    if which == 3 || which == 5 {
        out.push_str("\nShow threads:\n  H                   as if they were processes\n -L                   possibly with LWP and NLWP columns\n -m, m                after processes\n -T                   possibly with SPID column\n");
    }
    if which == 4 || which == 5 {
        out.push_str("\nMiscellaneous options:\n -c                   show scheduling class with -l option\n  c                   show true command name\n  e                   show the environment after command\n  k,    --sort        specify sort order as: [+|-]key[,[+|-]key[,...]]\n  L                   show format specifiers\n  n                   display numeric uid and wchan\n  S,    --cumulative  include some dead child process data\n -y                   do not show flags, show rss (only with -l)\n -V, V, --version     display version information and exit\n -w, w                unlimited output width\n\n        --help <simple|list|output|threads|misc|all>\n                      display help and exit\n");
    }
    if which == 6 {
        out.push_str("\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n");
    }
    out.push_str("\nFor more details see ps(1).\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(spec: &str) -> Vec<Col> {
        format_list(spec).unwrap()
    }

    #[test]
    fn headers_take_the_rest_of_the_list_only_for_the_last_item() {
        let c = cols("pid=P,user=U");
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].head.as_str(), c[1].head.as_str()), ("P", "U"));
        // Items are counted at the delimiters first: each `=` ends at the
        // next one but the last item's.
        let c = cols("pid,nice=NICE,tty=TERMINAL,comm");
        assert_eq!(c.len(), 4);
        assert_eq!(
            (c[1].head.as_str(), c[2].head.as_str()),
            ("NICE", "TERMINAL")
        );
        assert_eq!(
            format_list("pid,comm=A,B").err().as_deref(),
            Some("unknown user-defined format specifier \"B\"")
        );
        assert_eq!(
            format_list("pid,,comm").err().as_deref(),
            Some("improper format list")
        );
        assert_eq!(
            format_list("pid,foo").err().as_deref(),
            Some("unknown user-defined format specifier \"foo\"")
        );
    }

    #[test]
    fn pid_columns_are_as_wide_as_pid_max() {
        assert_eq!(cols("pid")[0].width, 7);
        assert_eq!(cols("pid")[0].head, "PID");
    }

    #[test]
    fn the_unix_pass_fails_and_bsd_reads_dash_aux() {
        let args: Vec<String> = ["-aux"].iter().map(|s| s.to_string()).collect();
        let o = match parse(&args) {
            Ok(Ok(o)) => o,
            _ => panic!("ps -aux parses"),
        };
        assert_eq!(o.format_flags, FF_BU);
        assert!(o.all);
        let args: Vec<String> = ["--foo"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            parse(&args).err().as_deref(),
            Some("unknown gnu long option")
        );
        let args: Vec<String> = ["-Q"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            parse(&args).err().as_deref(),
            Some("unsupported SysV option")
        );
    }

    #[test]
    fn sysv_lists() {
        let o = Opts {
            format_flags: FF_UF,
            ..Default::default()
        };
        let heads: Vec<String> = sysv_list(&o).unwrap().into_iter().map(|c| c.head).collect();
        assert_eq!(
            heads,
            ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]
        );
        let o = Opts {
            format_flags: FF_UL,
            ..Default::default()
        };
        let heads: Vec<String> = sysv_list(&o).unwrap().into_iter().map(|c| c.head).collect();
        assert_eq!(
            heads,
            [
                "F", "S", "UID", "PID", "PPID", "C", "PRI", "NI", "ADDR", "SZ", "WCHAN", "TTY",
                "TIME", "CMD"
            ]
        );
    }

    #[test]
    fn user_names_too_long_end_in_a_plus() {
        assert_eq!(
            user_cell(Some("systemd-network".into()), 102, false, 8).0,
            "systemd+"
        );
        assert_eq!(user_cell(None, 65535, false, 8).0, "65535");
        assert_eq!(user_cell(Some("root".into()), 0, true, 8).0, "0");
    }

    #[test]
    fn start_times() {
        let t = crate::clock::EPOCH.0;
        assert_eq!(stime(t, t + 60_000), "09:00");
        assert_eq!(stime(t, t + 86_400_000), "Jun01");
    }
}
