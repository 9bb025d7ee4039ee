//! `awk`: placeholder.

use super::Ctx;

pub fn awk(ctx: &mut Ctx, _argv: &[String]) -> i32 {
    ctx.err("awk: not yet\n");
    2
}
