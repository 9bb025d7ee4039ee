//! GNU Wget 1.21.4 (Ubuntu 24.04's) in the learner's terminal, over the
//! simulated network as the machine sees it (the same `View::fetch` host
//! curl uses). Its log goes to stderr as wget writes it when stderr is not
//! a terminal: `--DATE--  URL`, resolving and connecting, the status, the
//! length, `Saving to:`, the dot progress and the summary (texts from
//! wget's `src/http.c`, `src/connect.c`, `src/host.c`, `src/retr.c`,
//! `src/main.c`). Waiting (timeouts, retries) moves virtual time; a
//! `timeout` deadline ends it with status 124.

mod opts;
mod progress;

use super::curl::{Ctx, Ran};
use super::http::{reason, Failure, Request, Response, Url};
use super::route::{is_ip, Origin};
use kubeplay_shell::Output;
use opts::Opts;

/// The User-Agent wget 1.21.4 sends.
pub const AGENT: &str = "Wget/1.21.4";

/// Linux gives up a TCP connect after its SYN retries.
const SYN_TIMEOUT_MS: i64 = 127_000;

/// How long retries without end (`-t 0`) go on when no `timeout` bounds
/// them: the run stops there as if interrupted (status 130).
const UNBOUNDED_MS: i64 = 600_000;

/// What one retrieval came to: an exit status (`src/exits.c`), or the
/// deadline of an enclosing `timeout` reached.
enum End {
    Code(i32),
    Killed,
}

/// What one try of a request came to (`gethttp`'s results).
enum Try {
    /// Retried while tries remain (timeouts, no data).
    Retry,
    /// Ends the retrieval with this exit status.
    Fatal(i32),
    Killed,
    Redirect(Url),
    Answer(Response),
}

/// wget's log levels (`src/log.h`): LOG_VERBOSE, LOG_NOTQUIET,
/// LOG_NONVERBOSE, LOG_ALWAYS.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Verbose,
    NotQuiet,
    NonVerbose,
    Always,
}

struct Wget<'a> {
    ctx: Ctx<'a>,
    o: Opts,
    out: Output,
    /// The log, when `-o FILE` sends it to a file.
    log_file: Option<String>,
    now: i64,
    elapsed_ms: i64,
    deadline_ms: Option<i64>,
    terminal: String,
    /// The persistent connection (host, port) an answer left open.
    conn: Option<(String, u16)>,
    /// Host names already resolved (wget caches them for the run).
    resolved: Vec<String>,
    downloaded: u64,
    files: u32,
    dl_secs: f64,
    /// stderr is a terminal: the bar instead of dots.
    tty: bool,
}

/// Runs wget; `deadline_ms` is how long an enclosing `timeout` leaves it;
/// `tty`: its stderr is the learner's terminal (the bar progress).
pub fn run(ctx: Ctx, args: &[String], deadline_ms: Option<i64>, tty: bool) -> Ran {
    let mut out = Output::default();
    let o = match opts::parse(args) {
        Ok(o) if o.help => {
            out.out(opts::HELP);
            return ran(out, 0, String::new());
        }
        Ok(o) if o.urls.is_empty() => Err(opts::missing_url()),
        other => other,
    };
    let o = match o {
        Ok(o) => o,
        Err(bad) => {
            out.err(bad.text);
            out.status = bad.status;
            return ran(out, 0, String::new());
        }
    };
    let now = ctx.view.now;
    let o_log_to_terminal = o.output_file.is_none();
    let mut w = Wget {
        log_file: o.output_file.as_ref().map(|_| String::new()),
        ctx,
        o,
        out,
        now,
        elapsed_ms: 0,
        deadline_ms,
        terminal: String::new(),
        conn: None,
        resolved: vec![],
        downloaded: 0,
        files: 0,
        dl_secs: 0.0,
        tty: tty && o_log_to_terminal,
    };
    let status = w.main();
    w.out.status = status;
    if let (Some(path), Some(text)) = (w.o.output_file.clone(), w.log_file.take()) {
        let full = w.path(&path);
        w.ctx.vfs.write(&full, &text);
    }
    ran(w.out, w.elapsed_ms, w.terminal)
}

fn ran(out: Output, elapsed_ms: i64, terminal: String) -> Ran {
    Ran {
        out,
        elapsed_ms,
        terminal,
    }
}

/// `http://localhost:8080/`: the URL as wget prints it.
fn shown(url: &Url) -> String {
    let host = if url.host.contains(':') {
        format!("[{}]", url.host)
    } else {
        url.host.to_ascii_lowercase()
    };
    let default = if url.scheme == "https" { 443 } else { 80 };
    let port = if url.port == default {
        String::new()
    } else {
        format!(":{}", url.port)
    };
    format!("{}://{host}{port}{}", url.scheme, url.path)
}

/// The local file name wget picks from a URL (`url_file_name`).
fn file_name(url: &Url) -> String {
    let (path, query) = match url.path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url.path.as_str(), None),
    };
    let last = path.rsplit('/').next().unwrap_or("");
    let base = if last.is_empty() { "index.html" } else { last };
    match query {
        Some(q) => format!("{base}?{q}"),
        None => base.to_string(),
    }
}

fn header<'r>(resp: &'r Response, name: &str) -> Option<&'r str> {
    resp.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

impl Wget<'_> {
    fn main(&mut self) -> i32 {
        // `-O FILE` is opened (truncated) before anything is fetched.
        if let Some(doc) = self.o.output_document.clone().filter(|d| d != "-") {
            let full = self.path(&doc);
            if let Err(e) = self.ctx.vfs.write_checked(&full, "", false) {
                self.out.err(format!("{doc}: {}\n", e.msg()));
                return 1;
            }
        }
        let mut status = 0;
        let urls = self.o.urls.clone();
        for raw in &urls {
            let code = match self.parse_url(raw) {
                Ok(url) => match self.retrieve(url) {
                    End::Code(c) => c,
                    End::Killed if self.deadline_ms.is_none() => return 130,
                    End::Killed => return 124,
                },
                Err(text) => {
                    self.log(Level::NotQuiet, &format!("{raw}: {text}.\n"));
                    1
                }
            };
            // inform_exit_status: the lowest non-zero status wins.
            if code != 0 && (status == 0 || code < status) {
                status = code;
            }
        }
        if urls.len() > 1 && self.downloaded > 0 {
            let wall = self.elapsed_ms as f64 / 1000.0 + self.dl_secs + 0.001;
            let text = format!(
                "FINISHED --{}--\nTotal wall clock time: {}\nDownloaded: {} files, {} in {} ({})\n",
                self.tms(),
                progress::secs_to_human(wall),
                self.files,
                progress::human_readable(self.downloaded),
                progress::secs_to_human(self.dl_secs),
                progress::retr_rate(self.downloaded, self.dl_secs)
            );
            self.log(Level::NotQuiet, &text);
        }
        status
    }

    fn path(&self, p: &str) -> String {
        if p.starts_with('/') {
            p.to_string()
        } else {
            format!("{}/{p}", self.ctx.cwd.trim_end_matches('/'))
        }
    }

    /// `src/url.c`'s parse errors; no scheme means http.
    fn parse_url(&self, raw: &str) -> Result<Url, String> {
        if let Some((scheme, _)) = raw.split_once("://") {
            let s = scheme.to_ascii_lowercase();
            if s != "http" && s != "https" {
                return Err(format!("Unsupported scheme ‘{scheme}’"));
            }
        }
        Url::parse(raw).map_err(|e| {
            if e.starts_with("Port") {
                "Bad port number".to_string()
            } else {
                "Invalid host name".to_string()
            }
        })
    }

    fn log(&mut self, level: Level, text: &str) {
        let shown = match level {
            Level::Verbose => self.o.verbose && !self.o.quiet,
            Level::NotQuiet => !self.o.quiet,
            Level::NonVerbose => !self.o.verbose && !self.o.quiet,
            Level::Always => true,
        };
        if !shown {
            return;
        }
        match &mut self.log_file {
            Some(f) => f.push_str(text),
            None => self.out.err(text.to_string()),
        }
    }

    /// `2026-12-04 07:04:55` (datetime_str; the machine runs in UTC).
    fn tms(&self) -> String {
        let (y, mo, d, h, mi, s, _) = crate::images::civil(self.now + self.elapsed_ms);
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }

    /// Waits `ms` of virtual time; false when the deadline came first.
    /// Without one, unlimited retries (`-t 0`) stop after `UNBOUNDED_MS`,
    /// as a learner would interrupt them.
    fn wait(&mut self, ms: i64) -> bool {
        let bound = self
            .deadline_ms
            .or((self.o.tries == 0).then_some(UNBOUNDED_MS));
        let until = self.elapsed_ms.saturating_add(ms.max(0));
        match bound {
            Some(left) if until >= left => {
                self.elapsed_ms = left.max(self.elapsed_ms);
                false
            }
            _ => {
                self.elapsed_ms = until;
                true
            }
        }
    }

    /// http_loop: tries, retries and their waits, and what came of them.
    fn retrieve(&mut self, first: Url) -> End {
        let mut url = first;
        let mut count: u32 = 0;
        let mut redirects = 0;
        loop {
            count += 1;
            if count > 1 {
                // sleep_between_retrievals: try N waits N-1 s, at most --waitretry.
                let secs = f64::from(count - 1).min(self.o.waitretry);
                if !self.wait((secs * 1000.0) as i64) {
                    return End::Killed;
                }
            }
            if self.o.spider {
                self.log(
                    Level::Verbose,
                    "Spider mode enabled. Check if remote file exists.\n",
                );
            }
            if self.o.verbose {
                let tries = if count > 1 {
                    format!("(try:{count:>2})  ")
                } else {
                    String::new()
                };
                let line = format!("--{}--  {tries}{}\n", self.tms(), shown(&url));
                self.log(Level::NotQuiet, &line);
            }
            match self.try_once(&url) {
                Try::Killed => return End::Killed,
                Try::Fatal(code) => return End::Code(code),
                Try::Retry => {
                    let last = self.o.tries != 0 && count >= self.o.tries;
                    self.log(
                        Level::Verbose,
                        if last {
                            "Giving up.\n\n"
                        } else {
                            "Retrying.\n\n"
                        },
                    );
                    if last {
                        return End::Code(4);
                    }
                }
                Try::Redirect(next) => {
                    redirects += 1;
                    if redirects > 20 {
                        self.log(Level::NotQuiet, "20 redirections exceeded.\n");
                        return End::Code(8);
                    }
                    url = next;
                    count = 0;
                }
                Try::Answer(resp) => return End::Code(self.finish(&url, resp, count)),
            }
        }
    }

    /// gethttp up to the response head: resolve, connect, send, read.
    fn try_once(&mut self, url: &Url) -> Try {
        let host = url.host.to_ascii_lowercase();
        let numeric = is_ip(&host) || host.contains(':');
        let reuse = self.conn.as_ref() == Some(&(host.clone(), url.port));
        if reuse {
            let at = if host.contains(':') {
                format!("[{host}]:{}", url.port)
            } else {
                format!("{host}:{}", url.port)
            };
            self.log(
                Level::Verbose,
                &format!("Reusing existing connection to {at}.\n"),
            );
        } else {
            let resolved = self.ctx.view.resolve(Origin::Host, &host);
            if !numeric && !self.resolved.contains(&host) {
                self.log(Level::Verbose, &format!("Resolving {host} ({host})... "));
                match &resolved {
                    None => {
                        self.log(Level::Verbose, "failed: Name or service not known.\n");
                        self.log(
                            Level::NotQuiet,
                            &format!("wget: unable to resolve host address ‘{host}’\n"),
                        );
                        return Try::Fatal(4);
                    }
                    Some(ip) => {
                        self.log(Level::Verbose, &format!("{ip}\n"));
                        self.resolved.push(host.clone());
                    }
                }
            }
            let ip = resolved.unwrap_or_else(|| host.clone());
            let line = if numeric {
                if ip.contains(':') {
                    format!("Connecting to [{ip}]:{}... ", url.port)
                } else {
                    format!("Connecting to {ip}:{}... ", url.port)
                }
            } else {
                format!("Connecting to {host} ({host})|{ip}|:{}... ", url.port)
            };
            self.log(Level::Verbose, &line);
        }
        let req = Request {
            method: if self.o.spider { "HEAD" } else { "GET" }.into(),
            path: url.path.clone(),
            user_agent: self.o.agent.clone().unwrap_or_else(|| AGENT.into()),
        };
        // The request goes out now: later tries later (logs, notes).
        self.ctx.view.now = self.now + self.elapsed_ms;
        let waited = self.ctx.view.waited_ms;
        let fetched = self
            .ctx
            .view
            .fetch(self.ctx.origin, url, &req, self.ctx.api);
        let server_ms = self.ctx.view.waited_ms - waited;
        let notes: String = if reuse {
            // A reused connection is not a new one to the port-forward.
            fetched
                .notes
                .lines()
                .filter(|l| !l.starts_with("Handling connection for"))
                .map(|l| format!("{l}\n"))
                .collect()
        } else {
            fetched.notes
        };
        self.terminal.push_str(&notes);
        let resp = match fetched.result {
            Err(Failure::Unresolved) => {
                self.log(
                    Level::NotQuiet,
                    &format!("wget: unable to resolve host address ‘{host}’\n"),
                );
                return Try::Fatal(4);
            }
            Err(Failure::Refused) => {
                self.conn = None;
                self.log(Level::NotQuiet, "failed: Connection refused.\n");
                return if self.o.retry_connrefused {
                    Try::Retry
                } else {
                    Try::Fatal(4)
                };
            }
            Err(Failure::Timeout) => {
                self.conn = None;
                let limit = match self.o.connect_timeout {
                    Some(s) if s > 0.0 => ((s * 1000.0) as i64).min(SYN_TIMEOUT_MS),
                    _ => SYN_TIMEOUT_MS,
                };
                if !self.wait(limit) {
                    return Try::Killed;
                }
                self.log(Level::NotQuiet, "failed: Connection timed out.\n");
                return Try::Retry;
            }
            Err(Failure::EmptyReply) => {
                if !reuse {
                    self.log(Level::Verbose, "connected.\n");
                }
                self.conn = None;
                self.log(Level::Verbose, "HTTP request sent, awaiting response... ");
                self.log(Level::NotQuiet, "No data received.\n");
                return Try::Retry;
            }
            Ok(r) => r,
        };
        if !reuse {
            self.log(Level::Verbose, "connected.\n");
        }
        if url.scheme == "https" {
            self.conn = None;
            self.log(
                Level::NotQuiet,
                "OpenSSL: error:0A00010B:SSL routines::wrong version number\nUnable to establish SSL connection.\n",
            );
            return Try::Fatal(4);
        }
        self.log(Level::Verbose, "HTTP request sent, awaiting response... ");
        // A busy server answers late; past the read timeout wget gives up on it.
        let read_ms = (self.o.read_timeout * 1000.0) as i64;
        if read_ms > 0 && server_ms > read_ms {
            if !self.wait(read_ms) {
                return Try::Killed;
            }
            self.conn = None;
            self.log(
                Level::NotQuiet,
                "Read error (Connection timed out) in headers.\n",
            );
            return Try::Retry;
        }
        if !self.wait(server_ms) {
            return Try::Killed;
        }
        if self.o.server_response {
            self.log(Level::Verbose, "\n");
            let mut head = format!("  {}\n", resp.status_line());
            for (k, v) in &resp.headers {
                head.push_str(&format!("  {k}: {v}\n"));
            }
            self.log(Level::Always, &head);
        } else {
            let line = format!("{:>2} {}\n", resp.status, reason(resp.status));
            self.log(Level::Verbose, &line);
        }
        let close = header(&resp, "Connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        self.conn = (!close).then(|| (host.clone(), url.port));
        if (300..400).contains(&resp.status) {
            if let Some(loc) = header(&resp, "Location").map(String::from) {
                self.log(Level::Verbose, &format!("Location: {loc} [following]\n"));
                let next = if loc.starts_with('/') {
                    Url {
                        path: loc,
                        ..url.clone()
                    }
                } else {
                    match Url::parse(&loc) {
                        Ok(u) => u,
                        Err(_) => return Try::Fatal(8),
                    }
                };
                return Try::Redirect(next);
            }
        }
        Try::Answer(resp)
    }

    /// The rest of gethttp and http_loop for an answer: errors, spider,
    /// the length, saving the body and the summary line.
    fn finish(&mut self, url: &Url, resp: Response, count: u32) -> i32 {
        if !(200..300).contains(&resp.status) {
            if self.o.spider {
                self.log(
                    Level::NotQuiet,
                    "Remote file does not exist -- broken link!!!\n",
                );
            } else {
                let line = format!(
                    "{} ERROR {}: {}.\n",
                    self.tms(),
                    resp.status,
                    reason(resp.status)
                );
                self.log(Level::NotQuiet, &line);
            }
            self.log(Level::Verbose, "\n");
            return 8;
        }
        let length: Option<u64> =
            header(&resp, "Content-Length").and_then(|v| v.trim().parse().ok());
        let ctype = header(&resp, "Content-Type").map(String::from);
        let mut line = String::from("Length: ");
        match length {
            Some(n) => {
                line.push_str(&n.to_string());
                if n >= 1024 {
                    line.push_str(&format!(" ({})", progress::human_readable(n)));
                }
            }
            None => line.push_str("unspecified"),
        }
        match &ctype {
            Some(t) => line.push_str(&format!(" [{t}]\n")),
            None => line.push('\n'),
        }
        self.log(Level::Verbose, &line);
        if self.o.spider {
            let html = ctype
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
            self.log(
                Level::Verbose,
                if html {
                    "Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n"
                } else {
                    "Remote file exists.\n\n"
                },
            );
            let line = format!(
                "{} URL: {} {:>2} {}\n",
                self.tms(),
                shown(url),
                resp.status,
                reason(resp.status)
            );
            self.log(Level::NonVerbose, &line);
            return 0;
        }
        let to_stdout = self.o.output_document.as_deref() == Some("-");
        let name = match &self.o.output_document {
            Some(d) if d == "-" => "-".to_string(),
            Some(d) => d.clone(),
            None => self.unique_name(url),
        };
        let saving = if to_stdout { "STDOUT" } else { name.as_str() };
        self.log(Level::Verbose, &format!("Saving to: ‘{saving}’\n"));
        let len = resp.body.len() as u64;
        if self.o.verbose {
            let drawn = if self.tty {
                let shown = if to_stdout { "-" } else { name.as_str() };
                progress::bar(shown, len, length)
            } else {
                progress::dots(len, length)
            };
            self.log(Level::Verbose, &drawn);
        }
        if to_stdout {
            self.out.out(resp.body.clone());
        } else {
            let full = self.path(&name);
            let append = self.o.output_document.is_some();
            if self.o.prefix.is_some() {
                // `-P DIR` is created as needed (mkalldirs).
                let dir = full.rsplit_once('/').map_or("/", |(d, _)| d).to_string();
                let _ = self.ctx.vfs.mkdir_p(&dir);
            }
            if let Err(e) = self.ctx.vfs.write_checked(&full, &resp.body, append) {
                let line = format!("\nCannot write to ‘{name}’ ({}).\n", e.msg());
                self.log(Level::NotQuiet, &line);
                return 3;
            }
        }
        let secs = progress::download_secs(len);
        self.elapsed_ms += (secs * 1000.0) as i64;
        self.dl_secs += secs;
        self.downloaded += len;
        self.files += 1;
        let rate = progress::retr_rate(len, secs);
        let size = match length {
            Some(n) => format!("{len}/{n}"),
            None => len.to_string(),
        };
        let line = if to_stdout {
            format!("{} ({rate}) - written to stdout [{size}]\n\n", self.tms())
        } else {
            format!("{} ({rate}) - ‘{name}’ saved [{size}]\n\n", self.tms())
        };
        self.log(Level::Verbose, &line);
        let line = format!(
            "{} URL:{} [{size}] -> \"{name}\" [{count}]\n",
            self.tms(),
            shown(url)
        );
        self.log(Level::NonVerbose, &line);
        0
    }

    /// The file name, with `.1`, `.2`, ... when it exists (`unique_name`).
    fn unique_name(&self, url: &Url) -> String {
        let base = file_name(url);
        let base = match &self.o.prefix {
            Some(p) => format!("{}/{base}", p.trim_end_matches('/')),
            None => base,
        };
        let mut name = base.clone();
        let mut n = 0;
        while self.ctx.vfs.exists(&self.path(&name)) {
            n += 1;
            name = format!("{base}.{n}");
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_names_as_wget_shows_them() {
        let u = Url::parse("localhost:8080").unwrap();
        assert_eq!(shown(&u), "http://localhost:8080/");
        assert_eq!(file_name(&u), "index.html");
        let u = Url::parse("http://LocalHost:80/a/b.txt?x=1").unwrap();
        assert_eq!(shown(&u), "http://localhost/a/b.txt?x=1");
        assert_eq!(file_name(&u), "b.txt?x=1");
    }
}
