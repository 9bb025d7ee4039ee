//! Linux's signals as bash and coreutils name them: the 31 standard ones,
//! then the real-time ones 34-64 (`RTMIN`, `RTMIN+1`, ..., `RTMAX-1`,
//! `RTMAX`), as `kill -l` lists them.

const STANDARD: [&str; 31] = [
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
    "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

const RTMIN: i32 = 34;
const RTMAX: i32 = 64;

/// A signal's name without `SIG` (`KILL`, `RTMIN+2`); None for numbers
/// Linux has no signal for (0, 32, 33, past 64).
pub fn name(n: i32) -> Option<String> {
    match n {
        1..=31 => Some(STANDARD[n as usize - 1].to_string()),
        RTMIN => Some("RTMIN".into()),
        RTMAX => Some("RTMAX".into()),
        35..=49 => Some(format!("RTMIN+{}", n - RTMIN)),
        50..=63 => Some(format!("RTMAX-{}", RTMAX - n)),
        _ => None,
    }
}

/// A signal by number or name, with or without `SIG`, in any case.
pub fn number(spec: &str) -> Option<i32> {
    if let Ok(n) = spec.parse::<i32>() {
        return name(n).map(|_| n);
    }
    let upper = spec.to_ascii_uppercase();
    let bare = upper.strip_prefix("SIG").unwrap_or(&upper);
    (1..=RTMAX).find(|&n| name(n).as_deref() == Some(bare))
}

/// `kill -l`: every signal as `%2d) SIGNAME`, five to a line.
pub fn table() -> String {
    let names: Vec<(i32, String)> = (1..=RTMAX).filter_map(|n| Some((n, name(n)?))).collect();
    let mut out = String::new();
    for (i, (n, s)) in names.iter().enumerate() {
        out.push_str(&format!("{n:2}) SIG{s}"));
        out.push(if (i + 1).is_multiple_of(5) {
            '\n'
        } else {
            '\t'
        });
    }
    if !names.len().is_multiple_of(5) {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(number("kill"), Some(9));
        assert_eq!(number("SIGTERM"), Some(15));
        assert_eq!(number("RTMIN+2"), Some(36));
        assert_eq!(name(35).as_deref(), Some("RTMIN+1"));
        assert_eq!(name(63).as_deref(), Some("RTMAX-1"));
        assert_eq!(number("32"), None);
        assert_eq!(number("POLL"), None);
    }

    #[test]
    fn the_table_ends_as_bashs() {
        let t = table();
        assert!(t.starts_with(" 1) SIGHUP\t 2) SIGINT\t"));
        assert!(t.ends_with("63) SIGRTMAX-1\t64) SIGRTMAX\t\n"));
    }
}
