//! sed's command line, parsed as GNU getopt_long does for it (options
//! anywhere, bundling, `--long` prefixes), and its --help/--version.

use crate::coreutils::Ctx;

/// What must happen in command-line order: scripts are compiled as they
/// come, under the -E/--posix/--sandbox given before them.
pub(super) enum Arg {
    Expr(String),
    File(String),
    Ere,
    Posix,
    Sandbox,
}

pub(super) struct Args {
    pub scripts: Vec<Arg>,
    pub operands: Vec<String>,
    pub quiet: bool,
    pub separate: bool,
    pub in_place: Option<String>,
    pub null_data: bool,
    pub line_len: u64,
}

/// Long options in GNU's table order (ambiguity messages list them so),
/// with the short option each stands for and whether it takes a value
/// (0 no, 1 required, 2 optional).
const LONGS: &[(&str, char, u8)] = &[
    ("binary", 'b', 0),
    ("regexp-extended", 'r', 0),
    ("debug", 'D', 0),
    ("expression", 'e', 1),
    ("file", 'f', 1),
    ("in-place", 'i', 2),
    ("line-length", 'l', 1),
    ("null-data", 'z', 0),
    ("zero-terminated", 'z', 0),
    ("quiet", 'n', 0),
    ("posix", 'p', 0),
    ("silent", 'n', 0),
    ("sandbox", 'S', 0),
    ("separate", 's', 0),
    ("unbuffered", 'u', 0),
    ("version", 'v', 0),
    ("help", 'h', 0),
    ("follow-symlinks", 'F', 0),
];

/// C's atoi: optional blanks and sign, then digits.
fn atoi(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut n: i64 = 0;
    for c in digits.chars().take_while(|c| c.is_ascii_digit()) {
        n = n
            .saturating_mul(10)
            .saturating_add(i64::from(c as u8 - b'0'));
    }
    if neg {
        -n
    } else {
        n
    }
}

/// Finds a long option by its name or an unambiguous prefix.
fn long_option(ctx: &mut Ctx, name: &str, arg: &str) -> Result<(&'static str, char, u8), i32> {
    if let Some(&(n, c, v)) = LONGS.iter().find(|(n, _, _)| *n == name) {
        return Ok((n, c, v));
    }
    let hits: Vec<&(&str, char, u8)> = LONGS
        .iter()
        .filter(|(n, _, _)| n.starts_with(name))
        .collect();
    match hits.as_slice() {
        [] => {
            ctx.err(&format!("sed: unrecognized option '{}'\n", arg));
            Err(bad_usage(ctx))
        }
        [&(n, c, v)] => Ok((n, c, v)),
        // Prefixes of names for the same option (--quiet, --silent).
        [first, rest @ ..] if rest.iter().all(|h| h.1 == first.1 && h.2 == first.2) => {
            Ok((first.0, first.1, first.2))
        }
        _ => {
            let names: Vec<String> = hits.iter().map(|h| format!(" '--{}'", h.0)).collect();
            ctx.err(&format!(
                "sed: option '{}' is ambiguous; possibilities:{}\n",
                arg.split('=').next().unwrap_or(arg),
                names.concat()
            ));
            Err(bad_usage(ctx))
        }
    }
}

fn bad_usage(ctx: &mut Ctx) -> i32 {
    ctx.err(&usage(1));
    1
}

/// Parses argv; `Err` carries the exit status once sed is done
/// (--help, --version, or a usage error already reported).
pub(super) fn parse_args(ctx: &mut Ctx, argv: &[String]) -> Result<Args, i32> {
    let cols = ctx.env.get("COLS").map_or(0, |c| atoi(c));
    let mut a = Args {
        scripts: Vec::new(),
        operands: Vec::new(),
        quiet: false,
        separate: false,
        in_place: None,
        null_data: false,
        line_len: if cols > 1 { (cols - 1) as u64 } else { 70 },
    };
    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if arg == "--" {
            a.operands.extend(argv[i..].iter().cloned());
            break;
        }
        let mut opts: Vec<(char, Option<String>)> = Vec::new();
        if let Some(long) = arg.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let (full, c, takes) = long_option(ctx, name, arg)?;
            let val = match (takes, val) {
                (0, Some(_)) => {
                    ctx.err(&format!(
                        "sed: option '--{}' doesn't allow an argument\n",
                        full
                    ));
                    return Err(bad_usage(ctx));
                }
                (1, None) => match argv.get(i) {
                    Some(v) => {
                        i += 1;
                        Some(v.clone())
                    }
                    None => {
                        ctx.err(&format!("sed: option '--{}' requires an argument\n", full));
                        return Err(bad_usage(ctx));
                    }
                },
                (_, v) => v,
            };
            opts.push((c, val));
        } else if arg.len() > 1 && arg.starts_with('-') {
            let cs: Vec<char> = arg.chars().skip(1).collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                let rest: String = cs[k..].iter().collect();
                match c {
                    'b' | 's' | 'n' | 'r' | 'z' | 'u' | 'E' => opts.push((c, None)),
                    // -i takes only an attached suffix.
                    'i' => {
                        opts.push(('i', (!rest.is_empty()).then_some(rest)));
                        break;
                    }
                    'e' | 'f' | 'l' => {
                        let v = if !rest.is_empty() {
                            rest
                        } else if let Some(v) = argv.get(i) {
                            i += 1;
                            v.clone()
                        } else {
                            ctx.err(&format!("sed: option requires an argument -- '{}'\n", c));
                            return Err(bad_usage(ctx));
                        };
                        opts.push((c, Some(v)));
                        break;
                    }
                    _ => {
                        ctx.err(&format!("sed: invalid option -- '{}'\n", c));
                        return Err(bad_usage(ctx));
                    }
                }
            }
        } else {
            a.operands.push(arg.clone());
            continue;
        }
        for (c, v) in opts {
            let v = v.unwrap_or_default();
            match c {
                'n' => a.quiet = true,
                'e' => a.scripts.push(Arg::Expr(v)),
                'f' => a.scripts.push(Arg::File(v)),
                'z' => a.null_data = true,
                'i' => {
                    a.separate = true;
                    // GNU makes "SUFFIX" into "*SUFFIX"; `*` is the name.
                    a.in_place = Some(if v.contains('*') {
                        v
                    } else {
                        format!("*{}", v)
                    });
                }
                'l' => a.line_len = atoi(&v).max(0) as u64,
                'p' => a.scripts.push(Arg::Posix),
                'r' | 'E' => a.scripts.push(Arg::Ere),
                's' => a.separate = true,
                'S' => a.scripts.push(Arg::Sandbox),
                'v' => {
                    ctx.out(VERSION);
                    return Err(0);
                }
                'h' => {
                    ctx.out(&usage(0));
                    return Err(0);
                }
                // -b, -u, --follow-symlinks and --debug change nothing here.
                _ => {}
            }
        }
    }
    Ok(a)
}

/// GNU's usage text: on stdout for --help (with the bug address), on
/// stderr for errors.
pub(super) fn usage(status: i32) -> String {
    let mut s = String::from(USAGE);
    if status == 0 {
        s.push_str("E-mail bug reports to: <bug-sed@gnu.org>.\n");
    }
    s
}

const USAGE: &str = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
";

const VERSION: &str = "sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built with SELinux support.
SELinux is disabled on this system.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
";
