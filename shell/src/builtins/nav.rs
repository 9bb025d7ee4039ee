//! Moving around the VFS: cd, pwd (and a stub of the directory stack).
//! The working directory is logical, as bash keeps it: the path as the
//! user went there, links and all; `-P` resolves them.

use crate::exec::Exec;
use crate::vfs::Canon;

pub fn cd(ex: &mut Exec, argv: &[String]) -> i32 {
    let opts: Vec<&String> = argv[1..]
        .iter()
        .take_while(|a| matches!(a.as_str(), "-L" | "-P" | "-e" | "-@"))
        .collect();
    // The last of -L and -P wins.
    let physical = opts
        .iter()
        .rev()
        .find(|a| matches!(a.as_str(), "-L" | "-P"))
        .is_some_and(|a| a.as_str() == "-P");
    let args: Vec<&String> = argv[1 + opts.len()..].iter().collect();
    let args: Vec<&String> = if args.first().map(|a| a.as_str()) == Some("--") {
        args[1..].to_vec()
    } else {
        args
    };
    if args.len() > 1 {
        ex.errp("cd: too many arguments");
        return 1;
    }
    let mut print = false;
    let target = match args.first() {
        None => match ex.get_var("HOME") {
            Some(h) => h,
            None => {
                ex.errp("cd: HOME not set");
                return 1;
            }
        },
        Some(a) if a.as_str() == "-" => match ex.get_var("OLDPWD") {
            Some(o) => {
                print = true;
                o
            }
            None => {
                ex.errp("cd: OLDPWD not set");
                return 1;
            }
        },
        Some(a) => a.to_string(),
    };
    if target.is_empty() {
        if print {
            ex.out("\n");
        }
        return 0;
    }
    let mut path = ex.resolve(&target);
    if physical {
        // `..` after a link is the target's parent here.
        let raw = match target.starts_with('/') {
            true => target.clone(),
            false => format!("{}/{}", ex.sh.cwd, target),
        };
        if let Ok(p) = ex.sh.vfs.canonical(&raw, Canon::Existing) {
            path = p;
        }
    }
    match ex.sh.vfs.stat(&path) {
        Some(n) if n.is_dir() => {}
        Some(_) => {
            ex.errp(&format!("cd: {}: Not a directory", target));
            return 1;
        }
        None => {
            let why = ex.sh.vfs.stat_error(&path, true);
            let why = why.unwrap_or(crate::vfs::VfsError::NotFound).msg();
            ex.errp(&format!("cd: {}: {}", target, why));
            return 1;
        }
    }
    let old = std::mem::replace(&mut ex.sh.cwd, path.clone());
    ex.sh.env.insert("OLDPWD".into(), old);
    ex.sh.vars.remove("OLDPWD");
    ex.set_var("PWD", path.clone());
    if print {
        ex.out(&format!("{}\n", path));
    }
    0
}

pub fn pwd(ex: &mut Exec, argv: &[String]) -> i32 {
    if let Some(bad) = argv[1..]
        .iter()
        .find(|a| a.starts_with('-') && !matches!(a.as_str(), "-L" | "-P"))
    {
        let opt: String = bad.chars().take(2).collect();
        return super::invalid_option(ex, "pwd", &opt, "pwd [-LP]");
    }
    let physical = argv[1..]
        .iter()
        .rev()
        .find(|a| matches!(a.as_str(), "-L" | "-P"))
        .is_some_and(|a| a == "-P");
    let mut cwd = ex.sh.cwd.clone();
    if physical {
        cwd = ex.sh.vfs.canonical(&cwd, Canon::Existing).unwrap_or(cwd);
    }
    ex.out(&format!("{}\n", cwd));
    0
}

pub fn dirs(ex: &mut Exec, argv: &[String]) -> i32 {
    match argv[0].as_str() {
        "pushd" => {
            let Some(dir) = argv.get(1) else {
                ex.err("bash: pushd: no other directory\n");
                return 1;
            };
            let st = cd(ex, &["cd".to_string(), dir.clone()]);
            if st == 0 {
                let shown = tilde(ex, &ex.sh.cwd.clone());
                let old = tilde(ex, &ex.get_var("OLDPWD").unwrap_or_default());
                ex.out(&format!("{} {}\n", shown, old));
            }
            st
        }
        "popd" => {
            ex.err("bash: popd: directory stack empty\n");
            1
        }
        _ => {
            let shown = tilde(ex, &ex.sh.cwd.clone());
            ex.out(&format!("{}\n", shown));
            0
        }
    }
}

fn tilde(ex: &Exec, p: &str) -> String {
    let home = ex.home();
    if p == home {
        return "~".into();
    }
    match p.strip_prefix(&format!("{}/", home)) {
        Some(r) => format!("~/{}", r),
        None => p.to_string(),
    }
}
