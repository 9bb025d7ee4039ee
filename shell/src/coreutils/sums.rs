//! md5sum, sha1sum, sha256sum, sha512sum: `HASH  NAME` per file (`-` for
//! stdin), and `-c` checking a list of them.

use super::{getopt, Ctx};
use sha2::Digest;

pub(super) fn digest(prog: &str, data: &[u8]) -> String {
    let bytes = match prog {
        "md5sum" => md5::Md5::digest(data).to_vec(),
        "sha1sum" => sha1::Sha1::digest(data).to_vec(),
        "sha512sum" => sha2::Sha512::digest(data).to_vec(),
        _ => sha2::Sha256::digest(data).to_vec(),
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sum(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let prog = argv[0].clone();
    let longs = [
        "check", "quiet", "status", "binary", "text", "tag", "strict", "warn",
    ];
    let o = match getopt(ctx, &prog, argv, "cbtw", "", &longs, 1) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let check = o.has('c') || o.long("check");
    let mut status = 0;
    for f in files {
        let data = match ctx.read(&f) {
            Ok(d) => d,
            Err(e) => {
                ctx.err(&format!("{prog}: {f}: {}\n", e.msg()));
                status = 1;
                continue;
            }
        };
        if check {
            status |= check_list(ctx, &prog, &data, o.long("quiet"), o.long("status"));
        } else {
            let line = format!("{}  {f}\n", digest(&prog, data.as_bytes()));
            ctx.out(&line);
        }
    }
    status
}

/// `-c`: each `HASH  NAME` line checked; a summary of the mismatches.
fn check_list(ctx: &mut Ctx, prog: &str, list: &str, quiet: bool, silent: bool) -> i32 {
    let (mut failed, mut missing) = (0, 0);
    let mut checked = 0;
    for line in list.lines() {
        let Some((want, name)) = line.split_once("  ").or_else(|| line.split_once(" *")) else {
            continue;
        };
        checked += 1;
        let verdict = match ctx.read(name) {
            Ok(d) if digest(prog, d.as_bytes()) == want.to_lowercase() => "OK",
            Ok(_) => {
                failed += 1;
                "FAILED"
            }
            Err(e) => {
                ctx.err(&format!("{prog}: {name}: {}\n", e.msg()));
                missing += 1;
                "FAILED open or read"
            }
        };
        if !(silent || (quiet && verdict == "OK")) {
            ctx.out(&format!("{name}: {verdict}\n"));
        }
    }
    if checked == 0 {
        ctx.err(&format!(
            "{prog}: -: no properly formatted checksum lines found\n"
        ));
        return 1;
    }
    if !silent {
        if missing > 0 {
            let s = if missing == 1 { "" } else { "s" };
            ctx.err(&format!(
                "{prog}: WARNING: {missing} listed file{s} could not be read\n"
            ));
        }
        if failed > 0 {
            let s = if failed == 1 { "" } else { "s" };
            ctx.err(&format!(
                "{prog}: WARNING: {failed} computed checksum{s} did NOT match\n"
            ));
        }
    }
    i32::from(failed + missing > 0)
}
