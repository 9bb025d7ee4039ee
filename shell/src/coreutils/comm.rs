//! comm: the lines two sorted files have alone and in common.

use super::{getopt, Ctx, Opts};

/// Splits records on `delim`; a last record without one still counts.
pub fn records(s: &str, delim: char) -> Vec<&str> {
    let mut v: Vec<&str> = s.split(delim).collect();
    if s.is_empty() || s.ends_with(delim) {
        v.pop();
    }
    v
}

/// Reads the two file operands GNU's comm and join take, or reports
/// the missing/extra operand and returns the exit status.
/// The line end `-z` / `--zero-terminated` chooses (comm and join).
pub fn line_end(o: &Opts) -> char {
    if o.has('z') || o.long("zero-terminated") {
        '\0'
    } else {
        '\n'
    }
}

pub fn two_inputs(ctx: &mut Ctx, prog: &str, args: &[String]) -> Result<[String; 2], i32> {
    let usage = |ctx: &mut Ctx, what: String| {
        ctx.err(&format!(
            "{}: {}\nTry '{} --help' for more information.\n",
            prog, what, prog
        ));
        1
    };
    match args.len() {
        0 => return Err(usage(ctx, "missing operand".into())),
        1 => return Err(usage(ctx, format!("missing operand after ‘{}’", args[0]))),
        2 => {}
        // join quotes this one with plain quotes, comm with curly ones.
        _ if prog == "join" => return Err(usage(ctx, format!("extra operand '{}'", args[2]))),
        _ => return Err(usage(ctx, format!("extra operand ‘{}’", args[2]))),
    }
    let mut data = [String::new(), String::new()];
    for (k, a) in args.iter().enumerate() {
        match ctx.read(a) {
            Ok(s) => data[k] = s,
            Err(e) => {
                ctx.err(&format!("{}: {}: {}\n", prog, a, e.msg()));
                return Err(1);
            }
        }
    }
    Ok(data)
}

pub fn comm(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let o = match getopt(
        ctx,
        "comm",
        argv,
        "123z",
        "",
        &[
            "check-order",
            "nocheck-order",
            "output-delimiter=",
            "total",
            "zero-terminated",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let [a, b] = match two_inputs(ctx, "comm", &o.args) {
        Ok(d) => d,
        Err(s) => return s,
    };
    let eol = line_end(&o);
    let sep = match o.long_val("output-delimiter") {
        Some("") => "\0".to_string(),
        Some(d) => d.to_string(),
        None => "\t".to_string(),
    };
    let show = [!o.has('1'), !o.has('2'), !o.has('3')];
    // Unsorted input is reported once per file; by default only after an
    // unpairable line, as GNU does, and it fails at the end.
    let check = if o.long("nocheck-order") {
        0
    } else if o.long("check-order") {
        2
    } else {
        1
    };
    let files = [records(&a, eol), records(&b, eol)];
    let mut at = [0usize, 0usize];
    let mut totals = [0u64; 3];
    let mut warned = [false, false];
    let mut unpairable = false;
    let mut out = String::new();
    while at[0] < files[0].len() || at[1] < files[1].len() {
        let order = match (files[0].get(at[0]), files[1].get(at[1])) {
            (Some(x), Some(y)) => x.cmp(y),
            (None, _) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Less,
        };
        let (col, line) = match order {
            std::cmp::Ordering::Equal => (2, files[1][at[1]]),
            std::cmp::Ordering::Less => (0, files[0][at[0]]),
            std::cmp::Ordering::Greater => (1, files[1][at[1]]),
        };
        unpairable |= col != 2;
        totals[col] += 1;
        if show[col] {
            for _ in show[..col].iter().filter(|s| **s) {
                out.push_str(&sep);
            }
            out.push_str(line);
            out.push(eol);
        }
        for f in 0..2 {
            let step = (f == 0 && order.is_le()) || (f == 1 && order.is_ge());
            if !step {
                continue;
            }
            at[f] += 1;
            let disordered = at[f] < files[f].len() && files[f][at[f] - 1] > files[f][at[f]];
            if disordered && !warned[f] && (check == 2 || (check == 1 && unpairable)) {
                warned[f] = true;
                ctx.out(&std::mem::take(&mut out));
                ctx.err(&format!("comm: file {} is not in sorted order\n", f + 1));
                if check == 2 {
                    return 1;
                }
            }
        }
    }
    if o.long("total") {
        out.push_str(&format!(
            "{}{sep}{}{sep}{}{sep}total{}",
            totals[0], totals[1], totals[2], eol
        ));
    }
    ctx.out(&out);
    if warned[0] || warned[1] {
        ctx.err("comm: input is not in sorted order\n");
        return 1;
    }
    0
}
