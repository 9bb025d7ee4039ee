//! What the node is and who runs the shell: nproc, groups.

use super::{getopt, Ctx};

/// The simulated node's processors.
const CPUS: u64 = 2;

pub fn nproc(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "nproc", argv, "", "", &["all", "ignore="], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    if let Some(extra) = o.args.first() {
        ctx.err(&format!(
            "nproc: extra operand ‘{}’\nTry 'nproc --help' for more information.\n",
            extra
        ));
        return 1;
    }
    let ignore = match o.long_val("ignore") {
        Some(v) => match super::num::xdectoumax(v, 0, u64::MAX, "", "invalid number") {
            Ok(n) => n,
            Err(e) => {
                ctx.err(&format!("nproc: {}\n", e));
                return 1;
            }
        },
        None => 0,
    };
    // Like glibc's OpenMP-aware count: OMP_NUM_THREADS caps the answer
    // unless --all asks for the hardware.
    let omp = ctx
        .env
        .get("OMP_NUM_THREADS")
        .and_then(|v| v.split(',').next()?.trim().parse::<u64>().ok())
        .filter(|&n| n > 0);
    let n = match omp {
        Some(n) if !o.long("all") => n,
        _ => CPUS,
    };
    ctx.out(&format!("{}\n", n.saturating_sub(ignore).max(1)));
    0
}

pub fn groups(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(ctx, "groups", argv, "", "", &[], 1) {
        Ok(o) => o,
        Err(s) => return s,
    };
    // Every account here has just its own group (root is root's).
    let me = ctx.user.to_string();
    if o.args.is_empty() {
        ctx.out(&format!("{}\n", me));
        return 0;
    }
    let mut st = 0;
    for u in &o.args {
        if *u == me || u == "root" {
            ctx.out(&format!("{} : {}\n", u, u));
        } else {
            ctx.err(&format!("groups: ‘{}’: no such user\n", u));
            st = 1;
        }
    }
    st
}
