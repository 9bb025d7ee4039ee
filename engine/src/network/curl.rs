//! `curl` (8.x): the options people type in tutorials, its messages and
//! exit codes, over the simulated network. Time spent waiting (a connect
//! that times out) is virtual: the caller moves its clock by `elapsed_ms`.

use super::api_tls::{TlsError, Trust};
use super::http::{Failure, Request, Url};
use super::route::Origin;
use super::view::View;
use crate::apiserver::ApiServer;
use kubeplay_shell::{Output, Vfs};

/// A path as the shell resolves it against `cwd`.
fn resolve(cwd: &str, path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", cwd.trim_end_matches('/'))
    }
}

/// Where curl runs: the network as seen from there, and its files.
pub struct Ctx<'a> {
    pub view: &'a mut View,
    pub origin: Origin<'a>,
    pub api: Option<&'a mut ApiServer>,
    pub vfs: &'a mut Vfs,
    pub cwd: &'a str,
    /// `curl/8.5.0`: the User-Agent this build sends.
    pub agent: &'a str,
    /// Whether stdout is the terminal: curl shows its progress meter on
    /// stderr when it writes the body anywhere else (a pipe, a file).
    pub stdout_tty: bool,
}

/// What a run printed and how long it took.
pub struct Ran {
    pub out: Output,
    pub elapsed_ms: i64,
    /// Printed by background kubectls the requests went through.
    pub terminal: String,
}

/// Linux gives up a TCP connect after 6 SYN retransmissions (~127 s), and
/// curl reports the time it waited.
const SYN_TIMEOUT_MS: i64 = 133_907;

/// The progress meter's two header lines (tool_progress.c).
const METER_HEAD: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

const TRY: &str = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/// How a data option sends its value (`@file` for the first two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Data {
    /// `-d`/`--data`: a file's line ends are stripped.
    Ascii,
    /// `--data-binary`: a file as it is.
    Binary,
    /// `--data-raw`: no `@file`.
    Raw,
}

#[derive(Default)]
struct Opts {
    silent: bool,
    show_error: bool,
    include: bool,
    head: bool,
    verbose: bool,
    fail: bool,
    output: Option<String>,
    /// `-O`: save under the URL's last path segment.
    remote_name: bool,
    method: Option<String>,
    write_out: Option<String>,
    agent: Option<String>,
    max_time_ms: Option<i64>,
    connect_timeout_ms: Option<i64>,
    /// `-d`/`--data-raw`/`--data-binary` values, in order (`@file` read
    /// when sent); curl joins several with `&`.
    data: Vec<(String, Data)>,
    /// `-k`: accept a certificate it cannot verify.
    insecure: bool,
    /// `--cacert FILE`: the CAs to verify the server with.
    cacert: Option<String>,
    /// `-H 'Name: value'`, in order.
    headers: Vec<(String, String)>,
    urls: Vec<String>,
}

/// What curl adds to its error 60 (a certificate it does not accept).
const ADVICE: &str = "More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.";

/// curl's code and message for a certificate it refused.
fn tls_failure(e: &TlsError) -> (i32, String) {
    match e {
        TlsError::BadCaFile(path) => (77, format!("error setting certificate file: {path}")),
        TlsError::Unverified => (
            60,
            format!("SSL certificate problem: unable to get local issuer certificate\n{ADVICE}"),
        ),
        TlsError::NameMismatch(host) => (
            60,
            format!("SSL: no alternative certificate subject name matches target host name '{host}'\n{ADVICE}"),
        ),
    }
}

/// Options that take a value, by short and long name.
const WITH_VALUE: &[(&str, &str)] = &[
    ("o", "output"),
    ("X", "request"),
    ("H", "header"),
    ("d", "data"),
    ("w", "write-out"),
    ("A", "user-agent"),
    ("m", "max-time"),
    ("u", "user"),
    ("e", "referer"),
    ("b", "cookie"),
    ("", "connect-timeout"),
    ("", "data-raw"),
    ("", "data-binary"),
    ("", "retry"),
    ("", "cacert"),
    ("", "resolve"),
];
const FLAGS: &[(&str, &str)] = &[
    ("s", "silent"),
    ("S", "show-error"),
    ("i", "include"),
    ("I", "head"),
    ("v", "verbose"),
    ("L", "location"),
    ("O", "remote-name"),
    ("k", "insecure"),
    ("f", "fail"),
    ("", "no-progress-meter"),
    ("", "compressed"),
    ("", "http1.1"),
    ("", "fail-with-body"),
    ("4", "ipv4"),
];

fn seconds(v: &str) -> Option<i64> {
    v.parse::<f64>()
        .ok()
        .filter(|s| *s >= 0.0)
        .map(|s| (s * 1000.0) as i64)
}

fn set(o: &mut Opts, long: &str, value: Option<&str>) -> Result<(), String> {
    let v = value.unwrap_or("");
    match long {
        "silent" => o.silent = true,
        "show-error" => o.show_error = true,
        "include" => o.include = true,
        "head" => o.head = true,
        "verbose" => o.verbose = true,
        "fail" | "fail-with-body" => o.fail = true,
        "insecure" => o.insecure = true,
        "output" => o.output = Some(v.to_string()),
        "remote-name" => o.remote_name = true,
        "request" => o.method = Some(v.to_string()),
        "write-out" => o.write_out = Some(v.to_string()),
        "user-agent" => o.agent = Some(v.to_string()),
        // `@file` names a file, except for --data-raw.
        "data" => o.data.push((v.to_string(), Data::Ascii)),
        "data-binary" => o.data.push((v.to_string(), Data::Binary)),
        "data-raw" => o.data.push((v.to_string(), Data::Raw)),
        "cacert" => o.cacert = Some(v.to_string()),
        // `Name: value`; curl sends `Name;` as an empty header and drops `Name:`.
        "header" => {
            if let Some((name, value)) = v.split_once(':') {
                let value = value.trim_start();
                if !value.is_empty() {
                    o.headers.push((name.to_string(), value.to_string()));
                }
            }
        }
        "max-time" | "connect-timeout" => {
            let ms = seconds(v).ok_or_else(|| {
                format!("curl: option --{long}: expected a proper numerical parameter\n{TRY}")
            })?;
            if long == "max-time" {
                o.max_time_ms = Some(ms);
            } else {
                o.connect_timeout_ms = Some(ms);
            }
        }
        _ => {}
    }
    Ok(())
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if FLAGS.iter().any(|(_, l)| *l == name) {
                set(&mut o, name, None)?;
            } else if WITH_VALUE.iter().any(|(_, l)| *l == name) {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        let v = args.get(i).cloned().ok_or_else(|| {
                            format!("curl: option --{name}: requires parameter\n{TRY}")
                        })?;
                        i += 1;
                        v
                    }
                };
                set(&mut o, name, Some(&v))?;
            } else {
                return Err(format!("curl: option --{name}: is unknown\n{TRY}"));
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j].to_string();
                j += 1;
                if let Some((_, long)) = FLAGS.iter().find(|(s, _)| *s == c) {
                    set(&mut o, long, None)?;
                } else if let Some((_, long)) = WITH_VALUE.iter().find(|(s, _)| *s == c) {
                    let rest: String = chars[j..].iter().collect();
                    let v = if !rest.is_empty() {
                        j = chars.len();
                        rest
                    } else {
                        let v = args.get(i).cloned().ok_or_else(|| {
                            format!("curl: option -{c}: requires parameter\n{TRY}")
                        })?;
                        i += 1;
                        v
                    };
                    set(&mut o, long, Some(&v))?;
                } else {
                    return Err(format!("curl: option -{c}: is unknown\n{TRY}"));
                }
            }
        } else {
            o.urls.push(a.clone());
        }
    }
    Ok(o)
}

/// `-w` text: `%{http_code}` and friends, `\n`.
fn write_out(fmt: &str, code: u16, url: &str, ip: &str, size: usize) -> String {
    fmt.replace("%{http_code}", &format!("{code:03}"))
        .replace("%{response_code}", &format!("{code:03}"))
        .replace("%{url_effective}", url)
        .replace("%{remote_ip}", ip)
        .replace("%{size_download}", &size.to_string())
        .replace("\\n", "\n")
        .replace("\\t", "\t")
}

pub fn run(mut ctx: Ctx, args: &[String]) -> Ran {
    let mut out = Output::default();
    let mut elapsed_ms = 0;
    let mut terminal = String::new();
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            out.err(e);
            out.status = 2;
            return Ran {
                out,
                elapsed_ms,
                terminal,
            };
        }
    };
    if o.urls.is_empty() {
        out.err(format!("curl: no URL specified\n{TRY}"));
        out.status = 2;
        return Ran {
            out,
            elapsed_ms,
            terminal,
        };
    }
    let show_errors = !o.silent || o.show_error;
    for raw in &o.urls {
        let url = match Url::parse(raw) {
            Ok(u) => u,
            Err(e) => {
                if e.starts_with("Protocol") {
                    out.status = 1;
                    if show_errors {
                        out.err(format!("curl: (1) {e} or disabled in libcurl\n"));
                    }
                } else {
                    out.status = 3;
                    if show_errors {
                        out.err(format!("curl: (3) URL rejected: {e}\n"));
                    }
                }
                continue;
            }
        };
        let method = o.method.clone().unwrap_or_else(|| {
            if o.head {
                "HEAD".into()
            } else if !o.data.is_empty() {
                "POST".into()
            } else {
                "GET".into()
            }
        });
        // -O names the file after the URL before any transfer (tool_operate.c).
        let output = match (&o.output, o.remote_name) {
            (None, true) => {
                let name = url.path.rsplit('/').next().unwrap_or("");
                if name.is_empty() {
                    out.status = 23;
                    out.err("curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n");
                    continue;
                }
                Some(name.to_string())
            }
            (o, _) => o.clone(),
        };
        // Saving to a file shows the progress meter, also when the transfer fails.
        let to_stdout = matches!(output.as_deref(), None | Some("-"));
        let meter = !(o.silent || (to_stdout && ctx.stdout_tty));
        let agent = o.agent.clone().unwrap_or_else(|| ctx.agent.to_string());
        let trust = match (&o.cacert, o.insecure) {
            (_, true) => Trust::Insecure,
            (Some(path), false) => Trust::CaFile {
                path: path.clone(),
                contents: ctx.vfs.read(&resolve(ctx.cwd, path)).map(String::from),
            },
            (None, false) => Trust::System,
        };
        let body: Vec<String> = o
            .data
            .iter()
            .map(
                |(v, how)| match v.strip_prefix('@').filter(|_| *how != Data::Raw) {
                    Some(path) => {
                        let text = ctx.vfs.read(&resolve(ctx.cwd, path)).unwrap_or("");
                        match how {
                            // -d strips the file's line ends; --data-binary keeps them.
                            Data::Ascii => text.replace(['\n', '\r'], ""),
                            _ => text.to_string(),
                        }
                    }
                    None => v.clone(),
                },
            )
            .collect();
        let body = body.join("&");
        // After the -H headers, curl adds the body's length and, unless
        // told otherwise, the form encoding.
        let mut headers = o.headers.clone();
        if !o.data.is_empty() {
            headers.push(("Content-Length".into(), body.len().to_string()));
            if !o
                .headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                headers.push((
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ));
            }
        }
        let req = Request {
            method: method.clone(),
            path: url.path.clone(),
            user_agent: agent.clone(),
            headers,
            trust,
            body,
        };
        let fetched = ctx
            .view
            .fetch(ctx.origin, &url, &req, ctx.api.as_deref_mut());
        terminal.push_str(&fetched.notes);
        let host_port = if fetched.ip.contains(':') {
            format!("[{}]:{}", fetched.ip, url.port)
        } else {
            format!("{}:{}", fetched.ip, url.port)
        };
        if o.verbose && !fetched.ip.is_empty() {
            out.err(format!("*   Trying {host_port}...\n"));
        }
        let fail = |out: &mut Output, code: i32, msg: String| {
            out.status = code;
            if meter {
                out.err(format!(
                    "{METER_HEAD}\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
                ));
            }
            if show_errors {
                out.err(format!("curl: ({code}) {msg}\n"));
            }
        };
        let resp = match fetched.result {
            Err(Failure::Unresolved) => {
                fail(&mut out, 6, format!("Could not resolve host: {}", url.host));
                continue;
            }
            Err(Failure::Refused) => {
                fail(
                    &mut out,
                    7,
                    format!(
                        "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                        url.host, url.port
                    ),
                );
                continue;
            }
            Err(Failure::Timeout) => {
                let limit = [o.max_time_ms, o.connect_timeout_ms]
                    .into_iter()
                    .flatten()
                    .min();
                match limit {
                    Some(ms) if ms < SYN_TIMEOUT_MS => {
                        elapsed_ms += ms;
                        let msg = if Some(ms) == o.max_time_ms {
                            format!("Connection timed out after {} milliseconds", ms + 1)
                        } else {
                            format!(
                                "Failed to connect to {} port {} after {} ms: Timeout was reached",
                                url.host,
                                url.port,
                                ms + 1
                            )
                        };
                        fail(&mut out, 28, msg);
                    }
                    _ => {
                        elapsed_ms += SYN_TIMEOUT_MS;
                        fail(
                            &mut out,
                            28,
                            format!(
                                "Failed to connect to {} port {} after {SYN_TIMEOUT_MS} ms: Couldn't connect to server",
                                url.host, url.port
                            ),
                        );
                    }
                }
                continue;
            }
            Err(Failure::Tls(e)) => {
                let (code, msg) = tls_failure(&e);
                fail(&mut out, code, msg);
                continue;
            }
            Err(Failure::EmptyReply) => {
                if o.verbose {
                    out.err(format!(
                        "* Connected to {} ({}) port {}\n",
                        url.host, fetched.ip, url.port
                    ));
                }
                fail(&mut out, 52, "Empty reply from server".into());
                continue;
            }
            Ok(r) => r,
        };
        if url.scheme == "https" && !fetched.tls {
            fail(
                &mut out,
                35,
                "OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number".into(),
            );
            continue;
        }
        let status_line = resp.status_line();
        if o.verbose {
            let host_header = if url.port == 80 {
                url.host.clone()
            } else {
                format!("{}:{}", url.host, url.port)
            };
            let mut v = format!(
                "* Connected to {} ({}) port {}\n> {method} {} HTTP/1.1\n> Host: {host_header}\n> User-Agent: {agent}\n> Accept: */*\n{}> \n< {status_line}\n",
                url.host,
                fetched.ip,
                url.port,
                url.path,
                req.headers
                    .iter()
                    .map(|(k, v)| format!("> {k}: {v}\n"))
                    .collect::<String>()
            );
            for (k, val) in &resp.headers {
                v.push_str(&format!("< {k}: {val}\n"));
            }
            v.push_str("< \n");
            out.err(v);
        }
        if o.fail && resp.status >= 400 {
            fail(
                &mut out,
                22,
                format!("The requested URL returned error: {}", resp.status),
            );
            continue;
        }
        let mut text = String::new();
        if o.include || o.head {
            text.push_str(&format!("{status_line}\r\n"));
            for (k, val) in &resp.headers {
                text.push_str(&format!("{k}: {val}\r\n"));
            }
            text.push_str("\r\n");
        }
        if !o.head {
            text.push_str(&resp.body);
        }
        if meter {
            let n = text.len();
            let speed = format!("{}k", n.max(1));
            out.err(format!(
                "{METER_HEAD}100 {n:>5}  100 {n:>5}    0     0  {speed:>5}      0 --:--:-- --:--:-- --:--:-- {speed:>5}\n",
            ));
        }
        match output.as_deref() {
            None | Some("-") => out.out(text),
            Some("/dev/null") => {}
            Some(path) => {
                let full = if path.starts_with('/') {
                    path.to_string()
                } else {
                    format!("{}/{path}", ctx.cwd.trim_end_matches('/'))
                };
                ctx.vfs.write(&full, &text);
            }
        }
        if o.verbose {
            out.err(format!(
                "* Connection #0 to host {} left intact\n",
                url.host
            ));
        }
        if let Some(fmt) = &o.write_out {
            out.out(write_out(
                fmt,
                resp.status,
                raw,
                &fetched.ip,
                resp.body.len(),
            ));
        }
    }
    Ran {
        out,
        elapsed_ms,
        terminal,
    }
}
