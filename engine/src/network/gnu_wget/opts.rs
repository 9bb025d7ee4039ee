//! GNU Wget 1.21.4's command line (getopt_long over `src/main.c`'s
//! option table): the options tutorials use, and getopt's and
//! `src/init.c`'s error texts (exit status 2).

/// `wget --help`, as wget 1.21.4 prints it.
pub const HELP: &str = include_str!("help.txt");

const USAGE: &str = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";

#[derive(Debug)]
pub struct Opts {
    pub quiet: bool,
    pub verbose: bool,
    pub server_response: bool,
    pub spider: bool,
    pub no_clobber: bool,
    pub output_document: Option<String>,
    pub output_file: Option<String>,
    pub prefix: Option<String>,
    pub agent: Option<String>,
    /// Seconds; None leaves the system's connect timeout, 900 s reads.
    pub connect_timeout: Option<f64>,
    pub read_timeout: f64,
    /// 0: unlimited.
    pub tries: u32,
    pub waitretry: f64,
    pub retry_connrefused: bool,
    /// `--no-check-certificate` turns it off (wget still warns).
    pub check_certificate: bool,
    pub ca_certificate: Option<String>,
    /// `--header 'Name: value'`, in order.
    pub headers: Vec<(String, String)>,
    pub help: bool,
    pub urls: Vec<String>,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            quiet: false,
            verbose: true,
            server_response: false,
            spider: false,
            no_clobber: false,
            output_document: None,
            output_file: None,
            prefix: None,
            agent: None,
            connect_timeout: None,
            read_timeout: 900.0,
            tries: 20,
            waitretry: 10.0,
            retry_connrefused: false,
            check_certificate: true,
            ca_certificate: None,
            headers: vec![],
            help: false,
            urls: vec![],
        }
    }
}

/// A parse error: what wget prints and its exit status.
pub struct Bad {
    pub text: String,
    pub status: i32,
}

fn usage_error(first: String) -> Bad {
    Bad {
        text: format!("wget: {first}\n{USAGE}"),
        status: 2,
    }
}

/// The missing-URL error (exit 1).
pub fn missing_url() -> Bad {
    Bad {
        text: format!("wget: missing URL\n{USAGE}"),
        status: 1,
    }
}

/// Long options: (name, short letter or ' ', takes a value).
const LONG: &[(&str, char, bool)] = &[
    ("quiet", 'q', false),
    ("verbose", 'v', false),
    ("no-verbose", ' ', false),
    ("server-response", 'S', false),
    ("spider", ' ', false),
    ("no-clobber", ' ', false),
    ("continue", 'c', false),
    ("output-document", 'O', true),
    ("output-file", 'o', true),
    ("append-output", 'a', true),
    ("directory-prefix", 'P', true),
    ("user-agent", 'U', true),
    ("timeout", 'T', true),
    ("connect-timeout", ' ', true),
    ("read-timeout", ' ', true),
    ("dns-timeout", ' ', true),
    ("tries", 't', true),
    ("waitretry", ' ', true),
    ("retry-connrefused", ' ', false),
    ("header", ' ', true),
    ("post-data", ' ', true),
    ("method", ' ', true),
    ("progress", ' ', true),
    ("no-check-certificate", ' ', false),
    ("no-proxy", ' ', false),
    ("inet4-only", '4', false),
    ("inet6-only", '6', false),
    ("help", 'h', false),
];

/// An option `--help` lists that kubeplay does not act on: accepted and
/// ignored (whether it takes a value: `--name=VALUE` in the help).
fn help_long(name: &str) -> Option<bool> {
    let flag = format!("--{name}");
    HELP.lines().find_map(|l| {
        let at = l.find(&flag)?;
        let rest = &l[at + flag.len()..];
        match rest.chars().next() {
            None | Some(' ') | Some(',') => Some(false),
            Some('=') => Some(true),
            Some('[') => Some(false),
            _ => None,
        }
    })
}

/// A short option of `--help` (`  -X,  --long...`): its long name.
fn help_short(c: char) -> Option<&'static str> {
    let prefix = format!("  -{c},  --");
    HELP.lines().find_map(|l| {
        let rest = l.strip_prefix(&prefix)?;
        let end = rest.find(['=', ' ', '[']).unwrap_or(rest.len());
        Some(&rest[..end])
    })
}

/// strtol as cmd_number uses it: leading digits, else 0.
fn number(com: &str, v: &str) -> Result<u32, Bad> {
    if v.eq_ignore_ascii_case("inf") {
        return Ok(0);
    }
    let t = v.trim_start();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lead: String = digits.chars().take_while(char::is_ascii_digit).collect();
    let n: u64 = lead.parse().unwrap_or(0);
    if (neg && n > 0) || n > i32::MAX as u64 {
        return Err(Bad {
            text: format!("wget: --{com}: Invalid number ‘{v}’.\n"),
            status: 2,
        });
    }
    Ok(n as u32)
}

/// simple_atof: digits with at most one `.`, an optional sign.
fn simple_atof(s: &str) -> Option<f64> {
    let s = s.trim_start();
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (mut result, mut divider, mut seen_dot, mut seen_digit) = (0.0f64, 1.0f64, false, false);
    for ch in body.chars() {
        match ch {
            '0'..='9' => {
                let d = f64::from(ch as u8 - b'0');
                if seen_dot {
                    divider *= 10.0;
                    result += d / divider;
                } else {
                    result = 10.0 * result + d;
                }
                seen_digit = true;
            }
            '.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    seen_digit.then_some(if neg { -result } else { result })
}

/// cmd_time: `30`, `1.5`, `2m`, `1h`, `1d`, `1w`.
fn time(com: &str, v: &str) -> Result<f64, Bad> {
    let t = v.trim_end();
    let (num, mult) = match t.chars().last().map(|c| c.to_ascii_lowercase()) {
        Some('s') => (&t[..t.len() - 1], 1.0),
        Some('m') => (&t[..t.len() - 1], 60.0),
        Some('h') => (&t[..t.len() - 1], 3600.0),
        Some('d') => (&t[..t.len() - 1], 86400.0),
        Some('w') => (&t[..t.len() - 1], 604800.0),
        _ => (t, 1.0),
    };
    let invalid = || Bad {
        text: format!("wget: --{com}: Invalid time period ‘{v}’\n"),
        status: 2,
    };
    let n = simple_atof(num.trim()).ok_or_else(invalid)?;
    if n < 0.0 {
        return Err(Bad {
            text: format!("wget: --{com}: Negative time period ‘{v}’\n"),
            status: 2,
        });
    }
    Ok(n * mult)
}

fn set(o: &mut Opts, name: &str, v: &str) -> Result<(), Bad> {
    match name {
        "quiet" => o.quiet = true,
        "verbose" => o.verbose = true,
        "no-verbose" => o.verbose = false,
        "server-response" => o.server_response = true,
        "spider" => o.spider = true,
        "no-clobber" => o.no_clobber = true,
        "output-document" => o.output_document = Some(v.to_string()),
        "output-file" | "append-output" => o.output_file = Some(v.to_string()),
        "directory-prefix" => o.prefix = Some(v.to_string()),
        "user-agent" => o.agent = Some(v.to_string()),
        "timeout" => {
            let t = time(name, v)?;
            o.connect_timeout = Some(t);
            o.read_timeout = t;
        }
        "connect-timeout" => o.connect_timeout = Some(time(name, v)?),
        "read-timeout" => o.read_timeout = time(name, v)?,
        "dns-timeout" => {
            time(name, v)?;
        }
        "tries" => o.tries = number(name, v)?,
        "waitretry" => o.waitretry = time(name, v)?,
        "retry-connrefused" => o.retry_connrefused = true,
        "no-check-certificate" => o.check_certificate = false,
        "ca-certificate" => o.ca_certificate = Some(v.to_string()),
        "header" => {
            if let Some((name, value)) = v.split_once(':') {
                o.headers
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        "help" => o.help = true,
        _ => {}
    }
    Ok(())
}

pub fn parse(args: &[String]) -> Result<Opts, Bad> {
    let mut o = Opts::default();
    let mut i = 0;
    let mut only_urls = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_urls || a == "-" || !a.starts_with('-') {
            o.urls.push(a.clone());
            continue;
        }
        if a == "--" {
            only_urls = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let (name, takes) = match LONG.iter().find(|(n, ..)| *n == name) {
                Some(&(n, _, t)) => (n, t),
                None => match help_long(name) {
                    Some(t) => ("", t),
                    None => return Err(usage_error(format!("unrecognized option '--{name}'"))),
                },
            };
            let value = match (takes, inline) {
                (false, Some(_)) => {
                    return Err(usage_error(format!(
                        "option '--{name}' doesn't allow an argument"
                    )))
                }
                (false, None) => String::new(),
                (true, Some(v)) => v.to_string(),
                (true, None) => {
                    let v = args.get(i).ok_or_else(|| {
                        usage_error(format!("option '--{name}' requires an argument"))
                    })?;
                    i += 1;
                    v.clone()
                }
            };
            set(&mut o, name, &value)?;
            continue;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            j += 1;
            // `-n` takes letters: `-nv`, `-nc`, `-nd`, `-nH`, `-np`.
            let entry = if c == 'n' {
                Some(("n", true))
            } else {
                LONG.iter()
                    .find(|(_, s, _)| *s == c)
                    .map(|&(n, _, t)| (n, t))
                    .or_else(|| {
                        let long = help_short(c)?;
                        Some(("", help_long(long)?))
                    })
            };
            let Some((name, takes)) = entry else {
                return Err(usage_error(format!("invalid option -- '{c}'")));
            };
            if !takes {
                set(&mut o, name, "")?;
                continue;
            }
            let value = if j < chars.len() {
                let v: String = chars[j..].iter().collect();
                j = chars.len();
                v
            } else {
                let v = args
                    .get(i)
                    .ok_or_else(|| usage_error(format!("option requires an argument -- '{c}'")))?;
                i += 1;
                v.clone()
            };
            if name == "n" {
                for l in value.chars() {
                    match l {
                        'v' => o.verbose = false,
                        'c' => o.no_clobber = true,
                        'd' | 'H' | 'p' => {}
                        _ => {
                            return Err(Bad {
                                text: format!("wget: -n: invalid option -- '{l}'\n{USAGE}"),
                                status: 2,
                            })
                        }
                    }
                }
            } else {
                set(&mut o, name, &value)?;
            }
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn clustered_short_options() {
        let o = parse(&args("-qO- http://x")).ok().unwrap();
        assert!(o.quiet);
        assert_eq!(o.output_document.as_deref(), Some("-"));
        assert_eq!(o.urls, ["http://x"]);
        let o = parse(&args("-nv -T 2 -t 3 x")).ok().unwrap();
        assert!(!o.verbose);
        assert_eq!((o.connect_timeout, o.tries), (Some(2.0), 3));
    }

    #[test]
    fn getopt_errors() {
        let e = |s: &str| parse(&args(s)).err().map(|b| (b.text, b.status)).unwrap();
        assert_eq!(
            e("--bogus").0.lines().next(),
            Some("wget: unrecognized option '--bogus'")
        );
        assert_eq!(
            e("-Z").0.lines().next(),
            Some("wget: invalid option -- 'Z'")
        );
        assert_eq!(
            e("-O").0.lines().next(),
            Some("wget: option requires an argument -- 'O'")
        );
        assert_eq!(
            e("-t -1 x"),
            ("wget: --tries: Invalid number ‘-1’.\n".into(), 2)
        );
        assert_eq!(
            e("-T x u"),
            ("wget: --timeout: Invalid time period ‘x’\n".into(), 2)
        );
        // strtol: no digits is 0, unlimited tries.
        assert_eq!(parse(&args("-t x u")).ok().unwrap().tries, 0);
    }
}
