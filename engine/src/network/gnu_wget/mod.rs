//! GNU Wget 1.21.4 (Ubuntu 24.04's) in the learner's terminal, over the
//! simulated network as the machine sees it (the same `View::fetch` host
//! curl uses). Its log goes to stderr as wget writes it when stderr is not
//! a terminal: `--DATE--  URL`, resolving and connecting, the status, the
//! length, `Saving to:`, the dot progress and the summary (texts from
//! wget's `src/http.c`, `src/connect.c`, `src/host.c`, `src/retr.c`,
//! `src/main.c`). Waiting (timeouts, retries) moves virtual time; a
//! `timeout` deadline ends it with status 124.

mod gethttp;
mod opts;
mod progress;

use super::curl::{Ctx, Ran};
use super::http::{Response, Url};
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
