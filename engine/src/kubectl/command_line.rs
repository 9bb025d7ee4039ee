//! Which flags a kubectl command line is parsed with: as cobra does, the
//! words find the deepest subcommand (`rollout history`, `create secret
//! tls`), and that subcommand's own flag set — with kubectl's global flags it
//! does not shadow — parses the whole line. The flags come from the tables
//! help lists (one source for both), plus the deprecated ones help hides.

use super::cmd::create_sub;
use super::errors::CmdError;
use super::flags::{self, Flag, FlagKind, Parsed};
use super::{help, Command, GLOBAL_FLAGS};

/// A command line parsed against its subcommand's flags.
pub struct Line {
    /// The words after `kubectl` naming the subcommand (`set image`).
    pub path: &'static str,
    pub parsed: Parsed,
}

/// The flags subcommand `path` declares itself (deprecated ones included).
pub fn own_flags(path: &str) -> Vec<&'static Flag> {
    match super::commands().iter().find(|c| c.name == path) {
        Some(c) => c.flags.iter().collect(),
        None => create_sub::flags(path)
            .or_else(|| help::topic(path).map(|t| t.flags.iter().collect()))
            .unwrap_or_default(),
    }
}

/// `path`'s own flags, then the global ones: a global flag whose name the
/// subcommand declares again is not added (cobra's AddFlagSet keeps the
/// first), so its shorthand goes too (`config set-context -n` is unknown).
pub fn flag_set(path: &str) -> Vec<Flag> {
    let own = own_flags(path);
    let globals = GLOBAL_FLAGS
        .iter()
        .filter(|g| !own.iter().any(|f| f.long == g.long));
    own.iter().copied().chain(globals).copied().collect()
}

/// cobra's Find: from top-level command `command`, the first word that is
/// not a flag (nor, by stripFlags' guess, a flag's value) names a
/// subcommand by name or alias; repeat from there.
pub fn find_path(command: &Command, rest: &[String]) -> &'static str {
    let Some(mut topic) = help::topic(command.name) else {
        return command.name;
    };
    let mut words: Vec<String> = rest.to_vec();
    loop {
        let set = flag_set(topic.path);
        let Some(i) = first_word(&words, &set) else {
            return topic.path;
        };
        let next = help::children(topic.path)
            .into_iter()
            .find(|t| t.name() == words[i] || t.aliases.contains(&words[i].as_str()));
        match next {
            Some(t) => {
                topic = t;
                words.remove(i);
            }
            None => return topic.path,
        }
    }
}

/// Index of the first non-flag word, as cobra's stripFlags guesses: a flag
/// it does not know as a bool takes the next word as its value.
fn first_word(words: &[String], set: &[Flag]) -> Option<usize> {
    let is_bool = |f: Option<&Flag>| f.is_some_and(|f| f.kind == FlagKind::Bool);
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w == "--" {
            return None;
        }
        let takes_value = if let Some(name) = w.strip_prefix("--") {
            !name.contains('=') && !is_bool(set.iter().find(|f| f.long == name))
        } else if w.len() == 2 && w.starts_with('-') {
            let c = w.chars().nth(1);
            !is_bool(set.iter().find(|f| f.short == c))
        } else if w.starts_with('-') && w.len() > 1 {
            false
        } else {
            return Some(i);
        };
        i += if takes_value { 2 } else { 1 };
    }
    None
}

/// Parses `rest` (the line without the command word `word`) with the flags
/// of the subcommand it names. Errors name that subcommand's help.
pub fn parse(command: &Command, word: &str, rest: &[String]) -> Result<Line, CmdError> {
    let path = find_path(command, rest);
    let set = flag_set(path);
    let mut parsed = flags::parse(rest, &[&set]).map_err(|msg| CmdError::Flag {
        msg,
        command: format!("kubectl {path}"),
    })?;
    parsed.change_cause = change_cause(word, &parsed);
    Ok(Line { path, parsed })
}

/// What `--record` writes to `kubernetes.io/change-cause`: the binary's
/// name, the arguments, then every flag as ` --name=value` in the order
/// given (cli-runtime record_flags.go parseCommandArguments).
fn change_cause(word: &str, p: &Parsed) -> String {
    let mut s = format!("kubectl {word}");
    for a in &p.args {
        s.push(' ');
        s.push_str(a);
    }
    for (name, value) in &p.occurrences {
        s.push_str(&format!(" --{name}={value}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::commands;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    fn command(name: &str) -> &'static Command {
        commands().iter().find(|c| c.name == name).unwrap()
    }

    #[test]
    fn words_find_the_subcommand_as_cobra_does() {
        let path = |c, l| find_path(command(c), &words(l));
        assert_eq!(path("rollout", "history deploy/web"), "rollout history");
        assert_eq!(path("rollout", "-n x undo deploy/web"), "rollout undo");
        assert_eq!(path("top", "po -A"), "top pod");
        assert_eq!(path("create", "secret tls x"), "create secret tls");
        assert_eq!(path("create", "deploy web --image=x"), "create deployment");
        // An unknown flag is taken to have a value: `undo` is that value.
        assert_eq!(path("rollout", "--foo undo deploy/web"), "rollout");
        assert_eq!(path("set", "deploy/web image"), "set");
        assert_eq!(path("get", "pods"), "get");
    }

    /// Every subcommand path refuses a flag only a sibling declares, naming
    /// its own help (kubectl v1.33: `unknown flag`, `See 'kubectl set image
    /// --help'`), and accepts its own flags and the global ones.
    #[test]
    fn every_subcommand_parses_its_own_flags() {
        let mut report = vec![];
        let mut refused = 0;
        for t in help::topics().filter(|t| !t.parent().is_empty()) {
            let first = t.path.split(' ').next().unwrap_or("");
            let Some(c) = commands().iter().find(|c| c.name == first) else {
                continue;
            };
            let mut line = words(t.path);
            line.remove(0);
            let own = own_flags(t.path);
            for f in &own {
                let mut given = line.clone();
                given.push(format!("--{}", f.long));
                match f.kind {
                    FlagKind::Bool => {}
                    FlagKind::Duration => given.push("1s".into()),
                    _ => given.push("1".into()),
                }
                if let Err(e) = parse(c, first, &given) {
                    report.push(format!(
                        "{}: refuses its --{}: {}",
                        t.path,
                        f.long,
                        e.text()
                    ));
                }
            }
            let mut given = line.clone();
            given.extend(words("--namespace x --v=2 --kubeconfig k"));
            if t.path != "config set-context" {
                given.push("-n=y".into());
            }
            if let Err(e) = parse(c, first, &given) {
                report.push(format!("{}: refuses global flags: {}", t.path, e.text()));
            }
            let siblings = help::children(t.parent());
            let foreign = siblings
                .iter()
                .flat_map(|s| own_flags(s.path))
                .find(|f| !flag_set(t.path).iter().any(|o| o.long == f.long));
            let Some(foreign) = foreign else { continue };
            let mut given = line.clone();
            given.push(format!("--{}=1", foreign.long));
            let want = format!(
                "error: unknown flag: --{}\nSee 'kubectl {} --help' for usage.\n",
                foreign.long, t.path
            );
            match parse(c, first, &given) {
                Err(e) if e.text() == want => refused += 1,
                Err(e) => report.push(format!("{}: {:?}", t.path, e.text())),
                Ok(_) => report.push(format!("{}: accepts --{}", t.path, foreign.long)),
            }
        }
        assert!(report.is_empty(), "\n{}", report.join("\n"));
        // set, rollout, top, auth, config, apply, cluster-info, plugin, create.
        assert!(refused >= 50, "only {refused} subcommands checked");
    }

    #[test]
    fn a_local_flag_shadows_the_global_one() {
        let c = command("config");
        let e = parse(c, "config", &words("set-context x -n y"))
            .err()
            .unwrap();
        assert_eq!(
            e.text(),
            "error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n"
        );
    }

    #[test]
    fn record_is_deprecated_and_names_the_command_line() {
        let c = command("set");
        let l = parse(c, "set", &words("image -n default deploy/web a=b --record")).unwrap();
        assert_eq!(l.path, "set image");
        assert_eq!(
            l.parsed.warnings,
            ["Flag --record has been deprecated, --record will be removed in the future\n"]
        );
        assert_eq!(
            l.parsed.change_cause,
            "kubectl set image deploy/web a=b --namespace=default --record=true"
        );
        assert!(parse(c, "set", &words("env deploy/web --record")).is_err());
    }
}
