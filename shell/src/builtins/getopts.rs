//! `getopts optstring name [arg ...]`: one option per call, as bash
//! parses them (OPTIND, OPTARG, clustered flags, a leading `:` for
//! silent error reporting).

use crate::exec::Exec;

pub fn getopts(ex: &mut Exec, argv: &[String]) -> i32 {
    let (Some(spec), Some(name)) = (argv.get(1), argv.get(2)) else {
        ex.err("getopts: usage: getopts optstring name [arg ...]\n");
        return 2;
    };
    let args: Vec<String> = if argv.len() > 3 {
        argv[3..].to_vec()
    } else {
        ex.sh.positional.clone()
    };
    let silent = spec.starts_with(':');
    let spec = spec.trim_start_matches(':');
    let mut optind: usize = ex
        .get_var("OPTIND")
        .and_then(|v| v.parse().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    // Where within a cluster (`-abc`) the last call stopped; a changed
    // OPTIND starts over at the argument's first letter.
    let mut pos = match ex.sh.getopts_at {
        Some((ind, p)) if ind == optind => p,
        _ => 1,
    };
    let end = |ex: &mut Exec, optind: usize| {
        ex.set_var(name, "?".into());
        ex.set_var("OPTIND", optind.to_string());
        ex.sh.getopts_at = None;
        1
    };
    let Some(arg) = args.get(optind - 1).cloned() else {
        return end(ex, optind);
    };
    if arg == "--" {
        return end(ex, optind + 1);
    }
    if !arg.starts_with('-') || arg == "-" {
        return end(ex, optind);
    }
    let chars: Vec<char> = arg.chars().collect();
    let c = chars.get(pos).copied().unwrap_or('?');
    pos += 1;
    let at_end = pos >= chars.len();
    let known = c != ':' && spec.contains(c);
    let takes_arg = known
        && spec
            .split(c)
            .nth(1)
            .is_some_and(|rest| rest.starts_with(':'));
    ex.unset_var("OPTARG");
    if !known {
        if silent {
            ex.set_var("OPTARG", c.to_string());
        } else {
            let me = ex.script.clone().unwrap_or_else(|| "bash".into());
            ex.err(&format!("{me}: illegal option -- {c}\n"));
        }
        ex.set_var(name, "?".into());
    } else if takes_arg {
        // The rest of the cluster, else the next argument, which is then
        // passed over too.
        let value = if !at_end {
            Some(chars[pos..].iter().collect::<String>())
        } else {
            args.get(optind).cloned()
        };
        optind += if at_end && value.is_some() { 2 } else { 1 };
        match value {
            Some(v) => {
                ex.set_var("OPTARG", v);
                ex.set_var(name, c.to_string());
            }
            None if silent => {
                ex.set_var("OPTARG", c.to_string());
                ex.set_var(name, ":".into());
            }
            None => {
                let me = ex.script.clone().unwrap_or_else(|| "bash".into());
                ex.err(&format!("{me}: option requires an argument -- {c}\n"));
                ex.set_var(name, "?".into());
            }
        }
        ex.set_var("OPTIND", optind.to_string());
        ex.sh.getopts_at = None;
        return 0;
    } else {
        ex.set_var(name, c.to_string());
    }
    if at_end {
        optind += 1;
        pos = 1;
    }
    ex.set_var("OPTIND", optind.to_string());
    ex.sh.getopts_at = (pos > 1).then_some((optind, pos));
    0
}
