//! Builtins that describe the shell: type, which, history, help, hash.

use crate::coreutils;
use crate::exec::Exec;

pub enum Found {
    Alias(String),
    Keyword,
    Function,
    Builtin,
    File(String),
}

/// Host programs that live in /usr/local/bin on the node.
const LOCAL_BIN: &[&str] = &[
    "kubectl",
    "helm",
    "kind",
    "minikube",
    "k9s",
    "kustomize",
    "kubectx",
    "kubens",
    "stern",
    "yq",
    "jq",
];

/// Whether the shell provides `name` as a program on disk would be (a
/// coreutil, `find`, `sh`, `echo`), wherever it runs.
pub fn is_tool(name: &str) -> bool {
    coreutils::lookup(name).is_some()
        || super::EXEC_LEVEL.contains(&name)
        || matches!(
            name,
            "echo" | "printf" | "test" | "[" | "true" | "false" | "pwd" | "kill"
        )
}

/// Where a program would be installed.
pub fn program_path(ex: &Exec, name: &str) -> Option<String> {
    // A link the learner made on the PATH (`ln -s …/kubectl /usr/local/bin/k`).
    let path_var = ex.get_var("PATH").unwrap_or_default();
    if let Some(link) = ex.sh.vfs.link_on_path(&path_var, name) {
        return Some(link);
    }
    let host = ex.progs.names().contains(&name);
    if !host && !ex.progs.installed(name) {
        return None;
    }
    // jq and yq are coreutils here but live where a learner installs them.
    if (host || coreutils::lookup(name).is_some()) && LOCAL_BIN.contains(&name) {
        return Some(format!("/usr/local/bin/{}", name));
    }
    if host || is_tool(name) {
        Some(format!("/usr/bin/{}", name))
    } else {
        None
    }
}

pub fn resolve_name(ex: &Exec, name: &str) -> Option<Found> {
    if let Some(v) = ex.sh.aliases.get(name) {
        return Some(Found::Alias(v.clone()));
    }
    if super::KEYWORDS.contains(&name) {
        return Some(Found::Keyword);
    }
    if ex.sh.funcs.contains_key(name) {
        return Some(Found::Function);
    }
    if super::NAMES.contains(&name) {
        return Some(Found::Builtin);
    }
    if name.contains('/') {
        let p = ex.resolve(name);
        return ex
            .sh
            .vfs
            .stat(&p)
            .filter(|n| !n.is_dir() && n.mode & 0o111 != 0)
            .map(|_| Found::File(name.to_string()));
    }
    program_path(ex, name).map(Found::File)
}

pub fn type_(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut terse = false;
    let mut path_only = false;
    let mut names = Vec::new();
    for a in &argv[1..] {
        match a.as_str() {
            "-t" => terse = true,
            "-p" | "-P" => path_only = true,
            "-a" | "-f" => {}
            _ => names.push(a.clone()),
        }
    }
    let mut st = 0;
    for n in names {
        let found = resolve_name(ex, &n);
        let text = match (&found, terse, path_only) {
            (None, _, _) => {
                // dash and busybox ash answer on stdout, with 127.
                if ex.sh.sh_flavor != crate::shell::ShFlavor::Bash {
                    ex.out(&format!("{n}: not found\n"));
                    st = 127;
                    continue;
                }
                if !terse && !path_only {
                    ex.errp(&format!("type: {n}: not found"));
                }
                st = 1;
                continue;
            }
            (Some(Found::File(p)), _, true) => format!("{}\n", p),
            (Some(_), _, true) => continue,
            (Some(f), true, _) => format!(
                "{}\n",
                match f {
                    Found::Alias(_) => "alias",
                    Found::Keyword => "keyword",
                    Found::Function => "function",
                    Found::Builtin => "builtin",
                    Found::File(_) => "file",
                }
            ),
            (Some(Found::Alias(v)), _, _) => format!("{} is aliased to `{}'\n", n, v),
            (Some(Found::Keyword), _, _) => format!("{} is a shell keyword\n", n),
            (Some(Found::Function), _, _) => {
                let text = ex
                    .sh
                    .funcs
                    .get(&n)
                    .map(|f| crate::deparse::function(&n, &f.body))
                    .unwrap_or_default();
                format!("{} is a function\n{}\n", n, text)
            }
            (Some(Found::Builtin), _, _) => format!("{} is a shell builtin\n", n),
            (Some(Found::File(p)), _, _) => format!("{} is {}\n", n, p),
        };
        ex.out(&text);
    }
    st
}

pub fn which(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut st = 0;
    let names: Vec<&String> = argv[1..].iter().filter(|a| !a.starts_with('-')).collect();
    if names.is_empty() {
        return 1;
    }
    for n in names {
        let p = if n.contains('/') {
            let p = ex.resolve(n);
            ex.sh
                .vfs
                .stat(&p)
                .filter(|node| !node.is_dir() && node.mode & 0o111 != 0)
                .map(|_| n.to_string())
        } else {
            program_path(ex, n)
        };
        match p {
            Some(p) => ex.out(&format!("{}\n", p)),
            None => st = 1,
        }
    }
    st
}

pub fn history(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut count: Option<usize> = None;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-c" => {
                ex.sh.history.clear();
                return 0;
            }
            "-d" => {
                i += 1;
                let n = argv.get(i).and_then(|s| s.parse::<usize>().ok());
                match n {
                    Some(n) if n >= 1 && n <= ex.sh.history.len() => {
                        ex.sh.history.remove(n - 1);
                        return 0;
                    }
                    _ => {
                        let shown = argv.get(i).cloned().unwrap_or_default();
                        ex.err(&format!(
                            "bash: history: {}: history position out of range\n",
                            shown
                        ));
                        return 1;
                    }
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let opt: String = s.chars().take(2).collect();
                return super::invalid_option(
                    ex,
                    "history",
                    &opt,
                    "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]",
                );
            }
            s => match s.parse::<usize>() {
                Ok(n) => count = Some(n),
                Err(_) => {
                    ex.err(&format!(
                        "bash: history: {}: numeric argument required\n",
                        s
                    ));
                    return 1;
                }
            },
        }
        i += 1;
    }
    let len = ex.sh.history.len();
    let start = count.map(|c| len.saturating_sub(c)).unwrap_or(0);
    let mut out = String::new();
    for (k, h) in ex.sh.history.iter().enumerate().skip(start) {
        out.push_str(&format!("{:5}  {}\n", k + 1, h));
    }
    ex.out(&out);
    0
}

pub fn help(ex: &mut Exec, _argv: &[String]) -> i32 {
    ex.out(concat!(
        "GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)\n",
        "These shell commands are defined internally.  Type `help' to see this list.\n",
        "Type `help name' to find out more about the function `name'.\n",
        "Use `info bash' to find out more about the shell in general.\n",
        "Use `man -k' or `info' to find out more about commands not in this list.\n",
    ));
    0
}

pub fn hash(ex: &mut Exec, _argv: &[String]) -> i32 {
    ex.out("hash: hash table empty\n");
    0
}
