//! Command-line flags as spf13/pflag parses them for kubectl: `--f=v`,
//! `--f v`, `-f v`, `-fv`, `-f=v`, grouped bool shorthands (`-it`), `--`
//! ending flags, flags anywhere among the arguments.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    Bool,
    String,
    /// Repeatable; also split on commas (pflag's StringSlice).
    StringSlice,
    /// Repeatable; kept whole (pflag's StringArray).
    StringArray,
    Int,
    /// A Go time.Duration (`30s`, `1m0s`): checked as it is given (Go's
    /// time.ParseDuration), kept as text, shown unquoted in help.
    Duration,
    /// A value kept as text but shown unquoted in help (pflag's map and
    /// klog's module-spec flags: `--aggregation-rule=:`, `--vmodule=`).
    Unquoted,
}

#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
    pub default: &'static str,
    pub usage: &'static str,
    /// pflag's MarkDeprecated message: the flag still works, is left out of
    /// help, and each use prints `Flag --X has been deprecated, MSG`.
    pub deprecated: Option<&'static str>,
}

impl Flag {
    pub const fn new(
        long: &'static str,
        kind: FlagKind,
        default: &'static str,
        usage: &'static str,
    ) -> Flag {
        Flag {
            long,
            short: None,
            kind,
            default,
            usage,
            deprecated: None,
        }
    }
    pub const fn short(mut self, c: char) -> Flag {
        self.short = Some(c);
        self
    }
    pub const fn deprecated(mut self, msg: &'static str) -> Flag {
        self.deprecated = Some(msg);
        self
    }
}

/// `--record`, which kubectl v1.33 still accepts on the commands that take
/// genericclioptions.RecordFlags (cli-runtime record_flags.go AddFlags;
/// replace adds none: its RecordFlags is nil).
pub const RECORD: Flag = Flag::new(
    "record",
    FlagKind::Bool,
    "false",
    "Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.",
)
.deprecated("--record will be removed in the future");

/// What was parsed: flag values by long name, and the positional arguments.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    values: BTreeMap<&'static str, Vec<String>>,
    /// Defaults of the flags this command knows, for those not given.
    defaults: BTreeMap<&'static str, &'static str>,
    pub args: Vec<String>,
    /// Arguments after `--` (for exec and friends), also in `args`.
    pub dash_index: Option<usize>,
    /// Every flag given, in command-line order, with its value as typed
    /// (`true` for a bool without one): what pflag's ParseAll hands back.
    pub occurrences: Vec<(&'static str, String)>,
    /// pflag's deprecation notices, one per use of a deprecated flag.
    pub warnings: Vec<String>,
    /// What `--record` writes (`command_line::change_cause`).
    pub change_cause: String,
}

impl Parsed {
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
    /// The flag's value: as given, else its default (None if neither).
    pub fn str(&self, long: &str) -> Option<&str> {
        match self.values.get(long) {
            Some(v) => v.last().map(|s| s.as_str()),
            None => self.defaults.get(long).copied(),
        }
    }
    pub fn all(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }
    /// Forgets a flag that was given (for commands that ignore one they accept).
    pub fn unset(&mut self, long: &str) {
        self.values.remove(long);
    }
    /// Long names of the flags given on the command line.
    pub fn given(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.values.keys().copied()
    }
    pub fn bool(&self, long: &str) -> bool {
        self.str(long).is_some_and(|v| v == "true")
    }
    pub fn int(&self, long: &str) -> Option<i64> {
        self.str(long).and_then(|v| v.parse().ok())
    }
}

fn find_long<'a>(flags: &'a [&'a [Flag]], name: &str) -> Option<&'a Flag> {
    flags.iter().flat_map(|s| s.iter()).find(|f| f.long == name)
}

fn find_short<'a>(flags: &'a [&'a [Flag]], c: char) -> Option<&'a Flag> {
    flags
        .iter()
        .flat_map(|s| s.iter())
        .find(|f| f.short == Some(c))
}

fn parse_bool(v: &str) -> Option<&'static str> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some("true"),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some("false"),
        _ => None,
    }
}

fn store(p: &mut Parsed, f: &Flag, value: &str, shown: &str) -> Result<(), String> {
    p.occurrences.push((f.long, value.to_string()));
    if let Some(msg) = f.deprecated {
        // pflag FlagSet.Set (flag.go).
        p.warnings
            .push(format!("Flag --{} has been deprecated, {msg}\n", f.long));
    }
    let value = match f.kind {
        FlagKind::Bool => parse_bool(value)
            .ok_or_else(|| {
                format!("invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax")
            })?
            .to_string(),
        FlagKind::Int => {
            value.parse::<i64>().map_err(|_| {
                format!("invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax")
            })?;
            value.to_string()
        }
        // pflag's DurationVar parses as it stores: Go's time.ParseDuration.
        FlagKind::Duration => {
            crate::go_duration::parse_ms(value)
                .map_err(|e| format!("invalid argument \"{value}\" for \"{shown}\" flag: {e}"))?;
            value.to_string()
        }
        _ => value.to_string(),
    };
    let entry = p.values.entry(f.long).or_default();
    match f.kind {
        FlagKind::StringSlice => entry.extend(value.split(',').map(String::from)),
        FlagKind::StringArray => entry.push(value),
        _ => *entry = vec![value],
    }
    Ok(())
}

fn shown(f: &Flag) -> String {
    match f.short {
        Some(c) => format!("-{c}, --{}", f.long),
        None => format!("--{}", f.long),
    }
}

/// Parses `argv` (without the command words) against the flag sets.
/// Errors carry pflag's text (kubectl prefixes `error: `).
pub fn parse(argv: &[String], flags: &[&[Flag]]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    for f in flags.iter().flat_map(|s| s.iter()) {
        if matches!(
            f.kind,
            FlagKind::Bool
                | FlagKind::String
                | FlagKind::Int
                | FlagKind::Duration
                | FlagKind::Unquoted
        ) {
            p.defaults.entry(f.long).or_insert(f.default);
        }
    }
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.dash_index = Some(p.args.len());
            p.args.extend(argv[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let f = find_long(flags, name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match (inline, f.kind) {
                (Some(v), _) => v,
                (None, FlagKind::Bool) => "true".into(),
                // pflag's NoOptDefVal: a bare `--dry-run` takes no argument.
                (None, _) if f.long == "dry-run" => "unchanged".into(),
                (None, _) => {
                    let v = argv
                        .get(i)
                        .ok_or_else(|| format!("flag needs an argument: --{name}"))?;
                    i += 1;
                    v.clone()
                }
            };
            store(&mut p, f, &value, &shown(f))?;
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let f = find_short(flags, c)
                    .ok_or_else(|| format!("unknown shorthand flag: '{c}' in {a}"))?;
                let rest: String = chars[j + 1..].iter().collect();
                if f.kind == FlagKind::Bool {
                    if let Some(v) = rest.strip_prefix('=') {
                        store(&mut p, f, v, &shown(f))?;
                        break;
                    }
                    store(&mut p, f, "true", &shown(f))?;
                    j += 1;
                    continue;
                }
                let value = if let Some(v) = rest.strip_prefix('=') {
                    v.to_string()
                } else if !rest.is_empty() {
                    rest
                } else {
                    let v = argv
                        .get(i)
                        .ok_or_else(|| format!("flag needs an argument: '{c}' in {a}"))?;
                    i += 1;
                    v.clone()
                };
                store(&mut p, f, &value, &shown(f))?;
                break;
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        Flag::new("namespace", FlagKind::String, "", "").short('n'),
        Flag::new("output", FlagKind::String, "", "").short('o'),
        Flag::new("all-namespaces", FlagKind::Bool, "false", "").short('A'),
        Flag::new("stdin", FlagKind::Bool, "false", "").short('i'),
        Flag::new("tty", FlagKind::Bool, "false", "").short('t'),
        Flag::new("replicas", FlagKind::Int, "1", ""),
    ];

    fn p(args: &[&str]) -> Result<Parsed, String> {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&v, &[FLAGS])
    }

    #[test]
    fn every_form_pflag_accepts() {
        let r = p(&["pods", "-n", "kube-system", "-owide", "x"]).unwrap();
        assert_eq!(r.str("namespace"), Some("kube-system"));
        assert_eq!(r.str("output"), Some("wide"));
        assert_eq!(r.args, ["pods", "x"]);
        assert_eq!(p(&["--namespace=a"]).unwrap().str("namespace"), Some("a"));
        assert_eq!(p(&[]).unwrap().int("replicas"), Some(1));
        assert!(!p(&[]).unwrap().has("replicas"));
        assert_eq!(p(&["-n=a"]).unwrap().str("namespace"), Some("a"));
        let it = p(&["-it", "--", "sh", "-c", "x"]).unwrap();
        assert!(it.bool("stdin") && it.bool("tty"));
        assert_eq!(it.args, ["sh", "-c", "x"]);
    }

    #[test]
    fn pflag_error_texts() {
        assert_eq!(p(&["--foo"]).unwrap_err(), "unknown flag: --foo");
        assert_eq!(p(&["-z"]).unwrap_err(), "unknown shorthand flag: 'z' in -z");
        assert_eq!(p(&["-n"]).unwrap_err(), "flag needs an argument: 'n' in -n");
        assert_eq!(
            p(&["--namespace"]).unwrap_err(),
            "flag needs an argument: --namespace"
        );
        assert_eq!(
            p(&["--replicas=x"]).unwrap_err(),
            "invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"
        );
    }
}
