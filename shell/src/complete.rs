//! Tab completion: command names for the first word of a command, file
//! and directory names (relative to the cwd) for the others.

use crate::shell::Shell;
use crate::Programs;

/// Splits off the word being completed and says whether it is in command
/// position (first word, or right after `|`, `;`, `&&`, `(`...).
fn last_word(line: &str) -> (String, bool) {
    let mut word = String::new();
    let mut cmd_pos = true;
    let mut in_word_cmd = true;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None => match c {
                '\'' | '"' => quote = Some(c),
                ' ' | '\t' | '\n' => {
                    if !word.is_empty() {
                        let w = std::mem::take(&mut word);
                        // Assignments and some keywords keep command position.
                        cmd_pos = (in_word_cmd && w.contains('='))
                            || matches!(
                                w.as_str(),
                                "sudo"
                                    | "time"
                                    | "then"
                                    | "do"
                                    | "else"
                                    | "if"
                                    | "while"
                                    | "until"
                                    | "!"
                                    | "{"
                                    | "exec"
                                    | "command"
                                    | "xargs"
                                    | "watch"
                                    | "env"
                            );
                        in_word_cmd = cmd_pos;
                    }
                }
                '|' | ';' | '&' | '(' | ')' | '`' => {
                    word.clear();
                    cmd_pos = true;
                    in_word_cmd = true;
                }
                c => word.push(c),
            },
        }
    }
    (word, cmd_pos && in_word_cmd)
}

pub fn complete(sh: &Shell, line: &str, programs: &dyn Programs) -> Vec<String> {
    let (word, cmd_pos) = last_word(line);
    let mut out: Vec<String> = Vec::new();
    if cmd_pos && !word.contains('/') {
        let names = crate::builtins::NAMES
            .iter()
            .chain(crate::builtins::KEYWORDS.iter())
            .chain(crate::coreutils::NAMES.iter())
            .chain(crate::builtins::EXEC_LEVEL.iter())
            .map(|s| s.to_string())
            .chain(programs.names().into_iter().map(|s| s.to_string()))
            .chain(sh.aliases.keys().cloned())
            .chain(sh.funcs.keys().cloned());
        out.extend(names.filter(|n| n.starts_with(&word)));
    } else {
        // Files: split the word into a directory part and a name prefix.
        let (dir_part, prefix) = match word.rfind('/') {
            Some(i) => (&word[..=i], &word[i + 1..]),
            None => ("", word.as_str()),
        };
        let home = sh
            .env
            .get("HOME")
            .cloned()
            .unwrap_or_else(|| "/root".into());
        let dir_real = if dir_part.is_empty() {
            sh.cwd.clone()
        } else if let Some(rest) = dir_part.strip_prefix("~/") {
            crate::vfs::resolve(&home, rest)
        } else {
            crate::vfs::resolve(&sh.cwd, dir_part)
        };
        if let Some(names) = sh.vfs.list(&dir_real) {
            for n in names {
                if !n.starts_with(prefix) || (n.starts_with('.') && !prefix.starts_with('.')) {
                    continue;
                }
                let full = format!("{}/{}", dir_real.trim_end_matches('/'), n);
                let slash = if sh.vfs.is_dir(&full) { "/" } else { "" };
                out.push(format!("{}{}{}", dir_part, n, slash));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
