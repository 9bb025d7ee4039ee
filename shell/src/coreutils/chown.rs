//! `chown`: the node's shell runs as root, and every file belongs to root.
//! Ownership is not tracked, so a change is accepted and checked only (the
//! operands, the user and group names); texts from GNU coreutils chown.c.

use super::{q, Ctx};

fn usage(ctx: &mut Ctx, what: &str) -> i32 {
    ctx.err(&format!(
        "chown: {what}\nTry 'chown --help' for more information.\n"
    ));
    1
}

/// A user or group the node knows: a number, or `root` (its only named account).
fn known(id: &str) -> bool {
    id == "root" || (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

pub fn chown(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut rest: Vec<&String> = argv[1..]
        .iter()
        .filter(|a| !matches!(a.as_str(), "-R" | "-v" | "-f" | "-c" | "-h" | "--"))
        .collect();
    if rest.is_empty() {
        return usage(ctx, "missing operand");
    }
    let spec = rest.remove(0);
    if rest.is_empty() {
        return usage(ctx, &format!("missing operand after ‘{spec}’"));
    }
    let (user, group) = match spec.split_once([':', '.']) {
        Some((u, g)) => (u, Some(g)),
        None => (spec.as_str(), None),
    };
    if !user.is_empty() && !known(user) {
        ctx.err(&format!("chown: invalid user: ‘{spec}’\n"));
        return 1;
    }
    if group.is_some_and(|g| !g.is_empty() && !known(g)) {
        ctx.err(&format!("chown: invalid group: ‘{spec}’\n"));
        return 1;
    }
    let mut status = 0;
    for a in rest {
        let p = ctx.path(a);
        if ctx.vfs.stat(&p).is_none() {
            ctx.err(&format!(
                "chown: cannot access {}: No such file or directory\n",
                q(a)
            ));
            status = 1;
        }
    }
    status
}
