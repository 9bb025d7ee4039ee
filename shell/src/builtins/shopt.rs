//! bash 5.1's `shopt`: the options and their defaults in an interactive
//! shell, `-s`/`-u`/`-q`/`-p`; nullglob, failglob, dotglob and nocaseglob
//! change how globs expand (`Exec::expand_words`).

use crate::exec::Exec;
use std::collections::BTreeSet;

/// bash 5.1's options in its own order, and whether each starts on.
const OPTIONS: &[(&str, bool)] = &[
    ("autocd", false),
    ("assoc_expand_once", false),
    ("cdable_vars", false),
    ("cdspell", false),
    ("checkhash", false),
    ("checkjobs", false),
    ("checkwinsize", true),
    ("cmdhist", true),
    ("compat31", false),
    ("compat32", false),
    ("compat40", false),
    ("compat41", false),
    ("compat42", false),
    ("compat43", false),
    ("compat44", false),
    ("complete_fullquote", true),
    ("direxpand", false),
    ("dirspell", false),
    ("dotglob", false),
    ("execfail", false),
    ("expand_aliases", true),
    ("extdebug", false),
    ("extglob", false),
    ("extquote", true),
    ("failglob", false),
    ("force_fignore", true),
    ("globasciiranges", true),
    ("globstar", false),
    ("gnu_errfmt", false),
    ("histappend", false),
    ("histreedit", false),
    ("histverify", false),
    ("hostcomplete", true),
    ("huponexit", false),
    ("inherit_errexit", false),
    ("interactive_comments", true),
    ("lastpipe", false),
    ("lithist", false),
    ("localvar_inherit", false),
    ("localvar_unset", false),
    ("login_shell", false),
    ("mailwarn", false),
    ("no_empty_cmd_completion", false),
    ("nocaseglob", false),
    ("nocasematch", false),
    ("nullglob", false),
    ("progcomp", true),
    ("progcomp_alias", false),
    ("promptvars", true),
    ("restricted_shell", false),
    ("shift_verbose", false),
    ("sourcepath", true),
    ("xpg_echo", false),
];

/// The options an interactive bash starts with on.
pub fn shopt_defaults() -> BTreeSet<String> {
    OPTIONS
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| n.to_string())
        .collect()
}

/// `shopt [-pqsu] [optname ...]`
pub fn shopt(ex: &mut Exec, argv: &[String]) -> i32 {
    let (mut set, mut unset, mut quiet, mut print) = (false, false, false, false);
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        for c in a[1..].chars() {
            match c {
                's' => set = true,
                'u' => unset = true,
                'q' => quiet = true,
                'p' => print = true,
                _ => {
                    ex.err(&format!(
                        "bash: shopt: -{c}: invalid option\nshopt: usage: shopt [-pqsu] [-o] [optname ...]\n"
                    ));
                    return 2;
                }
            }
        }
        i += 1;
    }
    if set && unset {
        ex.err("bash: shopt: cannot set and unset shell options simultaneously\n");
        return 1;
    }
    let names = &argv[i..];
    let line = |name: &str, on: bool, print: bool| match print {
        true => format!("shopt -{} {name}\n", if on { 's' } else { 'u' }),
        false => format!("{name:<15}\t{}\n", if on { "on" } else { "off" }),
    };
    if names.is_empty() {
        // Without names: every option, or those -s/-u asks for.
        let mut out = String::new();
        for (name, _) in OPTIONS {
            let on = ex.sh.shopts.contains(*name);
            if (set && !on) || (unset && on) {
                continue;
            }
            out.push_str(&line(name, on, print));
        }
        if !quiet {
            ex.out(&out);
        }
        return 0;
    }
    let mut st = 0;
    for name in names {
        if !OPTIONS.iter().any(|(n, _)| n == name) {
            ex.err(&format!("bash: shopt: {name}: invalid shell option name\n"));
            st = 1;
            continue;
        }
        if set {
            ex.sh.shopts.insert(name.clone());
        } else if unset {
            ex.sh.shopts.remove(name);
        } else {
            let on = ex.sh.shopts.contains(name);
            if !quiet {
                ex.out(&line(name, on, print));
            }
            if !on {
                st = 1;
            }
        }
    }
    st
}
