//! busybox `wget` (1.36/1.37) inside a container: `wget -qO- URL`, `-O FILE`,
//! `-T SEC`, `--spider`; its messages on stderr and exit status 1 on errors.

use super::curl::{Ctx, Ran};
use super::http::{Failure, Request, Url};
use kubeplay_shell::Output;

/// A connect that nobody answers fails after Linux's SYN retries.
const SYN_TIMEOUT_MS: i64 = 127_000;
/// busybox's default `-T`.
const DEFAULT_TIMEOUT_S: i64 = 900;

struct Opts {
    quiet: bool,
    output: Option<String>,
    timeout_s: i64,
    spider: bool,
    agent: String,
    prefix: Option<String>,
    urls: Vec<String>,
}

fn usage() -> String {
    "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form 'header: value') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon't validate the server's certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n".into()
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        quiet: false,
        output: None,
        timeout_s: DEFAULT_TIMEOUT_S,
        spider: false,
        agent: "Wget".into(),
        prefix: None,
        urls: vec![],
    };
    let mut i = 0;
    let value = |i: &mut usize, rest: String, name: char| -> Result<String, String> {
        if !rest.is_empty() {
            return Ok(rest);
        }
        let v = args
            .get(*i)
            .cloned()
            .ok_or_else(|| format!("wget: option requires an argument -- '{name}'\n{}", usage()))?;
        *i += 1;
        Ok(v)
    };
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (long.to_string(), String::new()),
            };
            match name.as_str() {
                "quiet" => o.quiet = true,
                "spider" => o.spider = true,
                "output-document" => o.output = Some(value(&mut i, inline, 'O')?),
                "timeout" => {
                    o.timeout_s = value(&mut i, inline, 'T')?.parse().unwrap_or(0);
                }
                "user-agent" => o.agent = value(&mut i, inline, 'U')?,
                "directory-prefix" => o.prefix = Some(value(&mut i, inline, 'P')?),
                "header" | "post-data" | "tries" => {
                    value(&mut i, inline, 't')?;
                }
                "no-check-certificate" | "continue" | "server-response" | "no-verbose" => {}
                _ => return Err(format!("wget: unrecognized option '--{name}'\n{}", usage())),
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let rest: String = chars[j..].iter().collect();
                match c {
                    'q' => o.quiet = true,
                    'c' | 'S' => {}
                    'O' | 'T' | 'U' | 'P' | 't' | 'o' | 'Y' => {
                        let v = value(&mut i, rest, c)?;
                        j = chars.len();
                        match c {
                            'O' => o.output = Some(v),
                            'T' => o.timeout_s = v.parse().unwrap_or(0),
                            'U' => o.agent = v,
                            'P' => o.prefix = Some(v),
                            _ => {}
                        }
                    }
                    _ => {
                        return Err(format!("wget: invalid option -- '{c}'\n{}", usage()));
                    }
                }
            }
        } else {
            o.urls.push(a);
        }
    }
    if o.urls.is_empty() {
        return Err(usage());
    }
    Ok(o)
}

/// busybox's progress line when stderr is not a terminal (80 columns).
fn progress(name: &str, size: usize, known: bool) -> String {
    let mut s = format!("{name:<20.20}");
    if known {
        s.push_str(&format!("{:>4}% |{}|", 100, "*".repeat(31)));
    }
    s.push_str(&format!("{size:>6} "));
    if known {
        s.push_str("  0:00:00 ETA\n");
    } else {
        s.push_str(" --:--:-- ETA\n");
    }
    s
}

pub fn run(mut ctx: Ctx, args: &[String]) -> Ran {
    let mut out = Output::default();
    let mut elapsed_ms = 0;
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            out.err(e);
            out.status = 1;
            return Ran {
                out,
                elapsed_ms,
                terminal: String::new(),
            };
        }
    };
    for raw in &o.urls {
        let url = match Url::parse(raw) {
            Ok(u) if u.scheme == "http" => u,
            _ => {
                out.err(format!("wget: not an http or ftp url: {raw}\n"));
                out.status = 1;
                return Ran {
                    out,
                    elapsed_ms,
                    terminal: String::new(),
                };
            }
        };
        let req = Request {
            method: "GET".into(),
            path: url.path.clone(),
            user_agent: o.agent.clone(),
            ..Default::default()
        };
        let fetched = ctx
            .view
            .fetch(ctx.origin, &url, &req, ctx.api.as_deref_mut());
        let die = |out: &mut Output, msg: String| {
            out.err(format!("wget: {msg}\n"));
            out.status = 1;
        };
        if fetched.result == Err(Failure::Unresolved) {
            die(&mut out, format!("bad address '{}'", url.host));
            return Ran {
                out,
                elapsed_ms,
                terminal: String::new(),
            };
        }
        if !o.quiet {
            out.err(format!(
                "Connecting to {} ({}:{})\n",
                url.host, fetched.ip, url.port
            ));
        }
        let resp = match fetched.result {
            Err(Failure::Refused) => {
                die(
                    &mut out,
                    format!(
                        "can't connect to remote host ({}): Connection refused",
                        fetched.ip
                    ),
                );
                return Ran {
                    out,
                    elapsed_ms,
                    terminal: String::new(),
                };
            }
            Err(Failure::Timeout) => {
                if o.timeout_s > 0 && o.timeout_s * 1000 < SYN_TIMEOUT_MS {
                    elapsed_ms += o.timeout_s * 1000;
                    die(&mut out, "download timed out".into());
                } else {
                    elapsed_ms += SYN_TIMEOUT_MS;
                    die(
                        &mut out,
                        format!(
                            "can't connect to remote host ({}): Connection timed out",
                            fetched.ip
                        ),
                    );
                }
                return Ran {
                    out,
                    elapsed_ms,
                    terminal: String::new(),
                };
            }
            Err(_) => {
                die(&mut out, "error getting response".into());
                return Ran {
                    out,
                    elapsed_ms,
                    terminal: String::new(),
                };
            }
            Ok(r) => r,
        };
        if resp.status >= 400 {
            die(
                &mut out,
                format!("server returned error: {}", resp.status_line()),
            );
            return Ran {
                out,
                elapsed_ms,
                terminal: String::new(),
            };
        }
        if o.spider {
            if !o.quiet {
                out.err("remote file exists\n");
            }
            continue;
        }
        let known = resp
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("Content-Length"));
        let to_stdout = o.output.as_deref() == Some("-");
        if to_stdout {
            if !o.quiet {
                out.err("writing to stdout\n");
            }
            out.out(resp.body.clone());
            if !o.quiet {
                out.err(progress("-", resp.body.len(), known));
                out.err("written to stdout\n");
            }
            continue;
        }
        let name = match &o.output {
            Some(n) => n.clone(),
            None => {
                let last = url
                    .path
                    .split('?')
                    .next()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("");
                let base = if last.is_empty() { "index.html" } else { last };
                match &o.prefix {
                    Some(p) => format!("{}/{base}", p.trim_end_matches('/')),
                    None => base.to_string(),
                }
            }
        };
        let full = if name.starts_with('/') {
            name.clone()
        } else {
            format!("{}/{name}", ctx.cwd.trim_end_matches('/'))
        };
        if o.output.is_none() && ctx.vfs.exists(&full) {
            die(&mut out, format!("can't open '{name}': File exists"));
            return Ran {
                out,
                elapsed_ms,
                terminal: String::new(),
            };
        }
        if !o.quiet {
            out.err(format!("saving to '{name}'\n"));
        }
        ctx.vfs.write(&full, &resp.body);
        if !o.quiet {
            let shown = name.rsplit('/').next().unwrap_or(&name);
            out.err(progress(shown, resp.body.len(), known));
            out.err(format!("'{name}' saved\n"));
        }
    }
    Ran {
        out,
        elapsed_ms,
        terminal: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines() {
        assert_eq!(
            progress("-", 615, true),
            "-                    100% |*******************************|   615   0:00:00 ETA\n"
        );
        assert_eq!(
            progress("-", 58, false),
            "-                       58  --:--:-- ETA\n"
        );
    }
}
