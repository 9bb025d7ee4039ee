//! HTTP over the simulated network: URLs, requests, what each kind of
//! server answers (headers, bodies, error pages) and writes to its access
//! log, and one `fetch` that curl and wget share.

use super::api_tls::{TlsError, Trust};
use super::route::{Origin, Reach};
use super::view::{LogLine, View};
use super::Forward;
use crate::apiserver::ApiServer;
use crate::images::{Http, Server, NGINX_404};

/// `scheme://host:port/path?query`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// From the first `/` on, `/` when empty.
    pub path: String,
}

impl Url {
    /// Parses a URL the way curl does: no scheme means http.
    pub fn parse(s: &str) -> Result<Url, String> {
        let (scheme, rest) = match s.split_once("://") {
            Some((sc, r)) => (sc.to_ascii_lowercase(), r),
            None => ("http".to_string(), s),
        };
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err(format!("Protocol \"{scheme}\" not supported")),
        };
        let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(cut);
        let path = path.split('#').next().unwrap_or("");
        let path = if path.starts_with('?') {
            format!("/{path}")
        } else if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        };
        let authority = authority.rsplit('@').next().unwrap_or("");
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (h, after) = v6
                .split_once(']')
                .ok_or("Port number was not a decimal number between 0 and 65535")?;
            (h.to_string(), after.strip_prefix(':').unwrap_or(""))
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p),
                None => (authority.to_string(), ""),
            }
        };
        if host.is_empty() {
            return Err("No host part in the URL".into());
        }
        let port = if port.is_empty() {
            default_port
        } else {
            port.parse::<u16>().map_err(|_| {
                "Port number was not a decimal number between 0 and 65535".to_string()
            })?
        };
        Ok(Url {
            scheme,
            host,
            port,
            path,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub user_agent: String,
    /// Headers the client was told to add (`curl -H`), in order.
    pub headers: Vec<(String, String)>,
    /// What the client trusts when the server speaks TLS.
    pub trust: Trust,
    /// The request body (curl's `-d`).
    pub body: String,
}

impl Request {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The bearer token of an `Authorization: Bearer …` header.
    pub fn bearer(&self) -> Option<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .find_map(|(_, v)| v.strip_prefix("Bearer "))
            .map(str::trim)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// `HTTP/1.1 200 OK`.
    pub fn status_line(&self) -> String {
        format!("HTTP/1.1 {} {}", self.status, reason(self.status))
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Why a request got no HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Unresolved,
    Refused,
    Timeout,
    /// The connection closed without a response (not an HTTP server, or a
    /// port-forward that could not reach the pod).
    EmptyReply,
    /// The client refused the server's certificate before sending anything.
    Tls(TlsError),
}

/// What one request came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The address connected to (`Connecting to nginx (10.96.0.12:80)`).
    pub ip: String,
    pub result: Result<Response, Failure>,
    /// Lines a background kubectl printed meanwhile (`Handling connection for 8080`).
    pub notes: String,
    /// The server spoke TLS (an API server), with a certificate curl
    /// cannot verify without the cluster's CA.
    pub tls: bool,
}

/// What the kubelet writes to a port-forward's error stream when nothing
/// listens on the port in the pod (kubelet `portforward` with the docker
/// runtime's network-namespace dialer).
pub fn forward_refused(uid: &str, remote: u16) -> String {
    format!("error forwarding port {remote} to pod {uid}, uid : failed to execute portforward in network namespace: failed to connect to localhost:{remote} inside namespace, IPv4: dial tcp4 127.0.0.1:{remote}: connect: connection refused IPv6 dial tcp6 [::1]:{remote}: connect: connection refused ")
}

/// `Thu, 03 Dec 2026 12:02:48 GMT`.
pub fn http_date(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = crate::images::civil(ms);
    let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let wd = days[ms.div_euclid(86_400_000).rem_euclid(7) as usize];
    format!(
        "{wd}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} GMT",
        MONTHS[(mo - 1) as usize]
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `03/Dec/2026:12:02:48 +0000` (nginx's and Apache's `$time_local`).
fn log_time(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = crate::images::civil(ms);
    format!(
        "{d:02}/{}/{y:04}:{h:02}:{mi:02}:{s:02} +0000",
        MONTHS[(mo - 1) as usize]
    )
}

impl View {
    /// Sends `req` to `url` from `origin` and reads the answer.
    /// `api` answers what `kubectl proxy` passes on (the learner's machine only).
    pub fn fetch(
        &mut self,
        origin: Origin,
        url: &Url,
        req: &Request,
        api: Option<&mut ApiServer>,
    ) -> Fetched {
        let Some(ip) = self.resolve(origin, &url.host) else {
            return Fetched {
                ip: String::new(),
                result: Err(Failure::Unresolved),
                notes: String::new(),
                tls: false,
            };
        };
        let reach = self.connect(origin, &ip, url.port);
        let mut notes = String::new();
        let tls = reach == Reach::ApiServer && url.scheme == "https";
        let result = match reach {
            Reach::ApiServer if tls => match req.trust.check(&self.api_cert, &url.host) {
                Ok(()) => Ok(super::api_endpoint::answer(self.now, req, api)),
                Err(e) => Err(Failure::Tls(e)),
            },
            Reach::ApiServer => Ok(super::api_endpoint::plain_http(self.now)),
            Reach::Refused => Err(Failure::Refused),
            Reach::Timeout => Err(Failure::Timeout),
            Reach::Pod { pod, port, client } => self.serve(pod, port, req, &client),
            Reach::Listener(i) => self.through_listener(i, req, api, &mut notes),
        };
        Fetched {
            ip,
            result,
            notes,
            tls,
        }
    }

    /// A connection to a port kubectl opened on the learner's machine.
    fn through_listener(
        &mut self,
        i: usize,
        req: &Request,
        api: Option<&mut ApiServer>,
        notes: &mut String,
    ) -> Result<Response, Failure> {
        let l = self.net.listeners[i].clone();
        match &l.forward {
            Forward::Proxy => Ok(super::proxy_api::handle(self, req, api.as_deref())),
            Forward::Pod {
                namespace,
                pod,
                uid,
                remote,
            } => {
                notes.push_str(&format!("Handling connection for {}\n", l.port));
                let Some(p) = self.pod(namespace, pod).filter(|p| &p.uid == uid) else {
                    return Err(Failure::EmptyReply);
                };
                let ip = p.ip.clone();
                match self.to_pod(&ip, *remote, "127.0.0.1") {
                    Reach::Pod { pod, port, client } => self.serve(pod, port, req, &client),
                    _ => {
                        notes.push_str(&format!(
                            "E{} portforward.go:424] \"Unhandled Error\" err=\"an error occurred forwarding {} -> {remote}: {}\"\n",
                            klog_time(self.now),
                            l.port,
                            forward_refused(uid, *remote)
                        ));
                        Err(Failure::EmptyReply)
                    }
                }
            }
        }
    }

    /// The program listening on `port` in pod `i` answers `req`.
    pub fn serve(
        &mut self,
        i: usize,
        port: u16,
        req: &Request,
        client: &str,
    ) -> Result<Response, Failure> {
        let pod = &self.pods[i];
        let Some((container, _, http, since)) =
            pod.open.iter().find(|(_, p, ..)| *p == port).cloned()
        else {
            return Err(Failure::Refused);
        };
        let now = self.now;
        let date = http_date(now);
        let path = req.path.split('?').next().unwrap_or("/").to_string();
        let (status, headers, body, server) = match http {
            Http::None => return Err(Failure::EmptyReply),
            Http::Root { body, server } => {
                let found = matches!(path.as_str(), "/" | "/index.html");
                root_answer(server, found, body, &date)
            }
            Http::Any { body, server } => {
                let body = body.replace("$HOSTNAME", &pod.hostname);
                any_answer(server, body, &date)
            }
            Http::HealthyFor { ok_ms, then_status } => {
                let (status, body) = if path != "/healthz" {
                    (404, "404 page not found\n".to_string())
                } else if now - since < ok_ms {
                    (200, "ok".to_string())
                } else {
                    (then_status, format!("error: {}", go_seconds(now - since)))
                };
                let ct = "text/plain; charset=utf-8";
                let headers = vec![
                    ("Content-Type".into(), ct.into()),
                    ("X-Content-Type-Options".into(), "nosniff".into()),
                    ("Date".into(), date.clone()),
                    ("Content-Length".into(), body.len().to_string()),
                ];
                (status, headers, body, Server::Go)
            }
            Http::ReadyzAfter { ready_ms } => {
                let (status, body) = if path == "/readyz" && now - since < ready_ms {
                    (500, "readyz check failed\n".to_string())
                } else {
                    (200, "ok".to_string())
                };
                let headers = vec![
                    ("Content-Type".into(), "text/plain; charset=utf-8".into()),
                    ("X-Content-Type-Options".into(), "nosniff".into()),
                    ("Date".into(), date.clone()),
                    ("Content-Length".into(), body.len().to_string()),
                ];
                (status, headers, body, Server::Go)
            }
        };
        self.served.push((pod.namespace.clone(), pod.name.clone()));
        self.waited_ms += pod.busy_ms;
        let sent = if req.method == "HEAD" { 0 } else { body.len() };
        let line = format!("{} {} HTTP/1.1", req.method, req.path);
        let log = match server {
            Server::Nginx => Some(format!(
                "{client} - - [{}] \"{line}\" {status} {sent} \"-\" \"{}\" \"-\"\n",
                log_time(now),
                req.user_agent
            )),
            Server::Httpd => Some(format!(
                "{client} - - [{}] \"{line}\" {status} {sent}\n",
                log_time(now)
            )),
            _ => None,
        };
        if let Some(text) = log {
            self.logs.push(LogLine {
                namespace: pod.namespace.clone(),
                pod: pod.name.clone(),
                container,
                text,
            });
        }
        Ok(Response {
            status,
            headers,
            body: if req.method == "HEAD" {
                String::new()
            } else {
                body
            },
        })
    }
}

type Answer = (u16, Vec<(String, String)>, String, Server);

fn h(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

/// A static file server's answer for `/` (its index) or anything else (404).
fn root_answer(server: Server, found: bool, index: &str, date: &str) -> Answer {
    match (server, found) {
        (Server::Nginx, true) => (
            200,
            vec![
                h("Server", "nginx/1.27.5"),
                h("Date", date),
                h("Content-Type", "text/html"),
                h("Content-Length", &index.len().to_string()),
                // The image's index.html: built 2025-04-16 12:01:11 UTC.
                h("Last-Modified", "Wed, 16 Apr 2025 12:01:11 GMT"),
                h("Connection", "keep-alive"),
                h("ETag", &format!("\"67ff9c07-{:x}\"", index.len())),
                h("Accept-Ranges", "bytes"),
            ],
            index.to_string(),
            server,
        ),
        (Server::Nginx, false) => (
            404,
            vec![
                h("Server", "nginx/1.27.5"),
                h("Date", date),
                h("Content-Type", "text/html"),
                h("Content-Length", &NGINX_404.len().to_string()),
                h("Connection", "keep-alive"),
            ],
            NGINX_404.to_string(),
            server,
        ),
        (_, true) => (
            200,
            vec![
                h("Date", date),
                h("Server", "Apache/2.4.63 (Unix)"),
                h("Last-Modified", "Mon, 11 Jun 2007 18:53:14 GMT"),
                h("ETag", "\"2d-432a5e4a73a80\""),
                h("Accept-Ranges", "bytes"),
                h("Content-Length", &index.len().to_string()),
                h("Content-Type", "text/html"),
            ],
            index.to_string(),
            server,
        ),
        (_, false) => {
            let body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";
            (
                404,
                vec![
                    h("Date", date),
                    h("Server", "Apache/2.4.63 (Unix)"),
                    h("Content-Length", &body.len().to_string()),
                    h("Content-Type", "text/html; charset=iso-8859-1"),
                ],
                body.to_string(),
                server,
            )
        }
    }
}

/// An application that answers every path with one body.
fn any_answer(server: Server, body: String, date: &str) -> Answer {
    let headers = match server {
        Server::NodeChunked => vec![
            h("Content-Type", "text/plain"),
            h("Date", date),
            h("Connection", "keep-alive"),
            h("Transfer-Encoding", "chunked"),
        ],
        Server::Node => vec![
            h("Date", date),
            h("Connection", "keep-alive"),
            h("Content-Length", &body.len().to_string()),
        ],
        Server::ApachePhp => vec![
            h("Date", date),
            h("Server", "Apache/2.4.10 (Debian)"),
            h("X-Powered-By", "PHP/5.6.14"),
            h("Vary", "Accept-Encoding"),
            h("Content-Length", &body.len().to_string()),
            h("Content-Type", "text/html; charset=UTF-8"),
        ],
        _ => vec![
            h("Date", date),
            h("Content-Length", &body.len().to_string()),
            h("Content-Type", "text/plain; charset=utf-8"),
        ],
    };
    (200, headers, body, server)
}

/// Go's `%v` of a float64 number of seconds (`10.002`).
fn go_seconds(ms: i64) -> String {
    let s = format!("{:.3}", ms as f64 / 1000.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// klog's `MMDD HH:MM:SS.uuuuuu   PID` header.
pub(crate) fn klog_time(ms: i64) -> String {
    let (_, mo, d, h, mi, s, milli) = crate::images::civil(ms);
    format!(
        "{mo:02}{d:02} {h:02}:{mi:02}:{s:02}.{:06}   24181",
        milli * 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = Url::parse("localhost:8080").unwrap();
        assert_eq!(
            (u.scheme.as_str(), u.host.as_str(), u.port, u.path.as_str()),
            ("http", "localhost", 8080, "/")
        );
        let u = Url::parse(
            "http://127.0.0.1:8001/api/v1/namespaces/default/services/bootcamp-svc/proxy/",
        )
        .unwrap();
        assert_eq!(
            u.path,
            "/api/v1/namespaces/default/services/bootcamp-svc/proxy/"
        );
        let u = Url::parse("nginx?x=1").unwrap();
        assert_eq!((u.host.as_str(), u.path.as_str()), ("nginx", "/?x=1"));
        assert!(Url::parse("ftp://x").is_err());
        assert_eq!(Url::parse("https://k").unwrap().port, 443);
    }

    #[test]
    fn dates() {
        // 2025-06-01T09:00:10Z was a Sunday.
        assert_eq!(
            http_date(1_748_768_410_123),
            "Sun, 01 Jun 2025 09:00:10 GMT"
        );
        assert_eq!(log_time(1_748_768_410_123), "01/Jun/2025:09:00:10 +0000");
        assert_eq!(NGINX_404.len(), 153);
    }
}
