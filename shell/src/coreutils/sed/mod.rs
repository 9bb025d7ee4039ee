//! `sed`, as GNU sed 4.9 behaves: the whole command language (hold space,
//! branches, `N`/`D`/`P` multi-line editing, `r`/`R`/`w`, `l`, `y`, `e`
//! excepted), its addresses, options, messages and exit statuses.

mod options;
mod parse;
mod run;
mod script;
mod text;

use super::Ctx;
use options::{parse_args, Arg};
use parse::{Compiler, Mode, Source};
use run::{Opts, Runner, Stop};

/// Why sed gives up, with GNU's exit statuses.
pub(super) enum Fail {
    /// A script error or misuse: status 1.
    Usage(String),
    /// GNU's "panic": an I/O problem or a missing label: status 4.
    Panic(String),
}

impl Fail {
    fn report(self, ctx: &mut Ctx) -> i32 {
        let (msg, status) = match self {
            Fail::Usage(m) => (m, 1),
            Fail::Panic(m) => (m, 4),
        };
        ctx.err(&format!("sed: {}\n", msg));
        status
    }
}

/// Status for a run stopped by its budget, like a killed process's.
const KILLED: i32 = 137;

pub fn sed(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let args = match parse_args(ctx, argv) {
        Ok(a) => a,
        Err(status) => return status,
    };
    let mut comp = Compiler::new();
    let mut mode = Mode::default();
    let mut expr_no = 0;
    let mut last_place = String::new();
    let mut compile = |ctx: &mut Ctx, comp: &mut Compiler, src: &mut Source, mode: Mode| {
        let r = comp.compile(ctx, src, mode);
        last_place = src.end_place();
        r
    };
    for a in &args.scripts {
        let r = match a {
            Arg::Ere => {
                mode.ere = true;
                continue;
            }
            Arg::Posix => {
                mode.posix = true;
                continue;
            }
            Arg::Sandbox => {
                mode.sandbox = true;
                continue;
            }
            Arg::Expr(e) => {
                expr_no += 1;
                compile(ctx, &mut comp, &mut Source::expr(e, expr_no), mode)
            }
            Arg::File(f) => match ctx.read(f) {
                Ok(text) => compile(ctx, &mut comp, &mut Source::file(&text, f), mode),
                Err(e) => Err(Fail::Panic(format!(
                    "couldn't open file {}: {}",
                    f,
                    e.msg()
                ))),
            },
        };
        if let Err(f) = r {
            return f.report(ctx);
        }
    }
    let mut files = args.operands;
    if !args
        .scripts
        .iter()
        .any(|a| matches!(a, Arg::Expr(_) | Arg::File(_)))
    {
        if files.is_empty() {
            ctx.err(&options::usage(1));
            return 1;
        }
        let script = files.remove(0);
        expr_no += 1;
        if let Err(f) = compile(ctx, &mut comp, &mut Source::expr(&script, expr_no), mode) {
            return f.report(ctx);
        }
    }
    if let Err(f) = comp.finish() {
        return f.report(ctx);
    }
    if args.in_place.is_some() && files.is_empty() {
        return Fail::Panic("no input files".into()).report(ctx);
    }
    if files.is_empty() {
        files.push("-".into());
    }
    let opts = Opts {
        quiet: args.quiet || comp.hash_n,
        separate: args.separate || args.in_place.is_some(),
        in_place: args.in_place,
        delim: if args.null_data { '\0' } else { '\n' },
        line_len: args.line_len,
        n_prints: !mode.posix && !ctx.env.contains_key("POSIXLY_CORRECT"),
        last_place,
    };
    let mut runner = Runner::new(&mut comp.prog, &opts, files);
    let result = runner.run(ctx);
    runner.flush_files(ctx);
    let bad = runner.bad;
    let status = match result {
        Ok(code) => code,
        Err(Stop::Fail(f)) => return f.report(ctx),
        Err(Stop::Limit) => return KILLED,
    };
    if bad > 0 {
        2
    } else {
        status
    }
}
