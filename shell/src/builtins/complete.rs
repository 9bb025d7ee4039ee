//! bash's `complete`: registers, lists (`-p`, in bash's hash-table order)
//! and removes (`-r`) programmable completions. The playground's own tab
//! completion reads them to complete `k get po<TAB>` as kubectl after
//! `complete -o default -F __start_kubectl k`.

use crate::exec::Exec;

const USAGE: &str = "complete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]\n";

/// `-o` options in the order bash prints them.
const OPTIONS: &[&str] = &[
    "bashdefault",
    "default",
    "dirnames",
    "filenames",
    "noquote",
    "nosort",
    "nospace",
    "plusdirs",
];

/// Action letters in the order bash prints them.
const LETTERS: &str = "abcdefgjksuv";

#[derive(Default)]
struct Spec {
    options: Vec<&'static str>,
    letters: Vec<char>,
    /// -G -W -P -S -X -C (quoted when printed) and -F, by letter.
    args: Vec<(char, String)>,
}

impl Spec {
    /// The `complete -p` line for `name`.
    fn line(&self, name: &str) -> String {
        let mut out = String::from("complete");
        for o in OPTIONS.iter().filter(|o| self.options.contains(o)) {
            out.push_str(&format!(" -o {o}"));
        }
        for c in LETTERS.chars().filter(|c| self.letters.contains(c)) {
            out.push_str(&format!(" -{c}"));
        }
        for flag in ['G', 'W', 'P', 'S', 'X', 'C', 'F'] {
            if let Some((_, v)) = self.args.iter().rev().find(|(f, _)| *f == flag) {
                let v = match flag {
                    'F' => v.clone(),
                    _ => super::quote_single(v),
                };
                out.push_str(&format!(" -{flag} {v}"));
            }
        }
        format!("{out} {name}")
    }
}

pub fn complete(ex: &mut Exec, argv: &[String]) -> i32 {
    let mut spec = Spec::default();
    let (mut print, mut remove) = (false, false);
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            match c {
                'p' => print = true,
                'r' => remove = true,
                'D' | 'E' | 'I' => {}
                c if LETTERS.contains(c) => spec.letters.push(c),
                'o' | 'A' | 'G' | 'W' | 'F' | 'C' | 'X' | 'P' | 'S' => {
                    let rest: String = chars[j + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else {
                        i += 1;
                        match argv.get(i) {
                            Some(v) => v.clone(),
                            None => {
                                ex.err(&format!(
                                    "bash: complete: -{c}: option requires an argument\n{USAGE}"
                                ));
                                return 2;
                            }
                        }
                    };
                    if c == 'o' {
                        match OPTIONS.iter().find(|o| **o == value) {
                            Some(o) => spec.options.push(o),
                            None => {
                                ex.err(&format!("bash: complete: {value}: invalid option name\n"));
                                return 2;
                            }
                        }
                    } else if c != 'A' {
                        spec.args.push((c, value));
                    }
                    break;
                }
                _ => {
                    ex.err(&format!("bash: complete: -{c}: invalid option\n{USAGE}"));
                    return 2;
                }
            }
            j += 1;
        }
        i += 1;
    }
    let names = &argv[i..];
    let nothing = spec.options.is_empty() && spec.letters.is_empty() && spec.args.is_empty();
    if remove {
        if names.is_empty() {
            ex.sh.completions = Default::default();
            return 0;
        }
        return each(ex, names, |ex, n| {
            let had = ex.sh.completions.get(n).is_some();
            ex.sh.completions.remove(n);
            had
        });
    }
    if print || (nothing && names.is_empty()) {
        if names.is_empty() {
            let all: String = ex
                .sh
                .completions
                .entries_from(512)
                .iter()
                .map(|(_, line)| format!("{line}\n"))
                .collect();
            ex.out(&all);
            return 0;
        }
        return each(ex, names, |ex, n| match ex.sh.completions.get(n).cloned() {
            Some(line) => {
                ex.out(&format!("{line}\n"));
                true
            }
            None => false,
        });
    }
    for n in names {
        ex.sh.completions.insert(n.clone(), spec.line(n));
    }
    0
}

/// Runs `f` for each name; a name it has no specification for is an error.
fn each(ex: &mut Exec, names: &[String], mut f: impl FnMut(&mut Exec, &str) -> bool) -> i32 {
    let mut st = 0;
    for n in names {
        if !f(ex, n) {
            ex.err(&format!(
                "bash: complete: {n}: no completion specification\n"
            ));
            st = 1;
        }
    }
    st
}

/// `compopt` outside a completion function: there is nothing to change.
pub fn compopt(ex: &mut Exec, _argv: &[String]) -> i32 {
    ex.err("bash: compopt: not currently executing completion function\n");
    1
}
