//! One try of a request and what wget makes of the answer (wget 1.21.4
//! `src/http.c` gethttp and the end of http_loop, `src/connect.c`,
//! `src/host.c`): resolving, connecting, the status or the server's
//! head (`-S`), redirects, errors, `--spider`, the length, saving the body
//! with its progress, and the summary line.

use super::{file_name, header, progress, shown, Level, Try, Wget, AGENT, SYN_TIMEOUT_MS};
use crate::network::api_tls::{TlsError, Trust};
use crate::network::http::{reason, Failure, Request, Response, Url};
use crate::network::route::{is_ip, Origin};

impl Wget<'_> {
    /// gethttp up to the response head: resolve, connect, send, read.
    pub(super) fn try_once(&mut self, url: &Url) -> Try {
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
            headers: self.o.headers.clone(),
            trust: if self.o.check_certificate {
                self.trust()
            } else {
                Trust::Insecure
            },
            body: String::new(),
        };
        // The request goes out now: later tries later (logs, notes).
        self.ctx.view.now = self.now + self.elapsed_ms;
        let waited = self.ctx.view.waited_ms;
        let fetched = self
            .ctx
            .view
            .fetch(self.ctx.origin, url, &req, self.ctx.api.as_deref_mut());
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
            Err(Failure::Tls(e)) => {
                if !reuse {
                    self.log(Level::Verbose, "connected.\n");
                }
                self.conn = None;
                let complaints = self.cert_complaints("ERROR", &host, Some(&e));
                self.log(
                    Level::NotQuiet,
                    &format!("{complaints}To connect to {host} insecurely, use `--no-check-certificate'.\n"),
                );
                return Try::Fatal(5);
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
        if url.scheme == "https" && fetched.tls {
            if !self.o.check_certificate {
                let e = self.trust().check(&self.ctx.view.api_cert, &host).err();
                let complaints = self.cert_complaints("WARNING", &host, e.as_ref());
                self.log(Level::NotQuiet, &complaints);
            }
        } else if url.scheme == "https" {
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
    pub(super) fn finish(&mut self, url: &Url, resp: Response, count: u32) -> i32 {
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

impl Wget<'_> {
    /// What verifies the server: `--ca-certificate`, else the system's CAs.
    fn trust(&self) -> Trust {
        match &self.o.ca_certificate {
            Some(path) => {
                let full = if path.starts_with('/') {
                    path.clone()
                } else {
                    format!("{}/{path}", self.ctx.cwd.trim_end_matches('/'))
                };
                Trust::CaFile {
                    path: path.clone(),
                    contents: self.ctx.vfs.read(&full).map(String::from),
                }
            }
            None => Trust::System,
        }
    }

    /// `src/openssl.c`'s lines about a certificate it could not accept
    /// (`ERROR`, or `WARNING` under `--no-check-certificate`): the
    /// issuer it does not know, and the name the certificate lacks.
    fn cert_complaints(&self, severity: &str, host: &str, e: Option<&TlsError>) -> String {
        let cert = &self.ctx.view.api_cert;
        let mut out = String::new();
        if matches!(e, Some(TlsError::Unverified | TlsError::BadCaFile(_))) {
            out.push_str(&format!(
                "{severity}: cannot verify {host}'s certificate, issued by ‘CN={}’:\n  Unable to locally verify the issuer's authority.\n",
                cert.issuer
            ));
        }
        if e.is_some() && !cert.covers(host) {
            out.push_str(&format!(
                "{severity}: no certificate subject alternative name matches\n\trequested host name ‘{host}’.\n"
            ));
        }
        out
    }
}
