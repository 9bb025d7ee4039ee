//! Moving around the VFS: cd, pwd (and a stub of the directory stack).

use crate::exec::Exec;

pub fn cd(ex: &mut Exec, argv: &[String]) -> i32 {
    let args: Vec<&String> = argv[1..]
        .iter()
        .skip_while(|a| matches!(a.as_str(), "-L" | "-P" | "-e" | "-@"))
        .collect();
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
    let path = ex.resolve(&target);
    match ex.sh.vfs.stat(&path) {
        Some(n) if n.is_dir() => {}
        Some(_) => {
            ex.errp(&format!("cd: {}: Not a directory", target));
            return 1;
        }
        None => {
            ex.errp(&format!("cd: {}: No such file or directory", target));
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
    let cwd = ex.sh.cwd.clone();
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
