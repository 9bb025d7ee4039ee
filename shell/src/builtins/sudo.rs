//! sudo, for the playground's root user: it runs a program (never a shell
//! builtin or function) with sudo's own options taken off.

use super::info::program_path;
use crate::exec::{Exec, Flow};

const USAGE: &str = "usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group]
            [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
";

/// Options that take a value.
const VALUED: &[&str] = &[
    "-u", "-g", "-h", "-p", "-r", "-t", "-C", "-D", "-R", "-T", "-U",
];

pub fn sudo(ex: &mut Exec, argv: &[String]) -> Flow {
    let mut i = 1;
    let mut vars = vec![];
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if VALUED.contains(&a.as_str()) {
            i += 2;
        } else if a.starts_with('-') && a.len() > 1 {
            i += 1;
        } else if a.contains('=') && !a.starts_with('=') {
            vars.push(
                a.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string())),
            );
            i += 1;
        } else {
            break;
        }
    }
    let Some(name) = argv.get(i) else {
        ex.err(USAGE);
        ex.set_status(1);
        return Flow::Next;
    };
    let runnable = name.contains('/') && ex.sh.vfs.exists(&ex.resolve(name))
        || program_path(ex, name).is_some();
    if !runnable {
        ex.err(&format!("sudo: {name}: command not found\n"));
        if super::NAMES.contains(&name.as_str()) {
            ex.err(&format!(
                "sudo: \"{name}\" is a shell built-in command, it cannot be run directly.\n\
                 sudo: the -s option may be used to run a privileged shell.\n\
                 sudo: the -D option may be used to run a command in a specific directory.\n"
            ));
        }
        ex.set_status(1);
        return Flow::Next;
    }
    let temp: Vec<(String, String)> = vars.into_iter().flatten().collect();
    // /usr/bin/echo and friends behave as the builtins do.
    if super::lookup(name).is_some() {
        return ex.with_temp_vars(&temp, |ex| {
            let st = super::lookup(name).map_or(0, |b| b(ex, &argv[i..]));
            ex.set_status(st);
            Flow::Next
        });
    }
    ex.run_external(&argv[i..], &temp)
}
