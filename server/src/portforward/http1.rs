//! HTTP/1.1 on a forwarded connection: the requests a client (curl, a
//! browser) writes, read off the data stream, and the simulated program's
//! answers written back as bytes.

use kubeplay_engine::network::http::{reason, Request, Response};

/// A request head larger than this closes the connection.
pub const MAX_HEAD: usize = 64 * 1024;

/// What the front of `buf` holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A whole request and how many bytes it took.
    Request(Request, usize),
    NeedMore,
    /// Not HTTP, or too large: the connection closes.
    Bad,
}

pub fn parse(buf: &[u8]) -> Parsed {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() > MAX_HEAD {
            Parsed::Bad
        } else {
            Parsed::NeedMore
        };
    };
    let head = String::from_utf8_lossy(&buf[..end]);
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(path), Some(version)) = (first.next(), first.next(), first.next())
    else {
        return Parsed::Bad;
    };
    if !version.starts_with("HTTP/") || method.is_empty() {
        return Parsed::Bad;
    }
    let mut agent = String::new();
    let mut length = 0usize;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        if k.eq_ignore_ascii_case("user-agent") {
            agent = v.to_string();
        } else if k.eq_ignore_ascii_case("content-length") {
            match v.parse::<usize>() {
                Ok(n) if n <= crate::http::MAX_BODY => length = n,
                _ => return Parsed::Bad,
            }
        }
    }
    let total = end + 4 + length;
    if buf.len() < total {
        return Parsed::NeedMore;
    }
    Parsed::Request(
        Request {
            method: method.to_string(),
            path: path.to_string(),
            user_agent: if agent.is_empty() { "-".into() } else { agent },
            ..Default::default()
        },
        total,
    )
}

/// The answer as it goes over the wire (a chunked body chunked).
pub fn write(resp: &Response, head_only: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    let mut chunked = false;
    for (k, v) in &resp.headers {
        chunked |= k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked");
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if head_only {
        return bytes;
    }
    if chunked {
        if !resp.body.is_empty() {
            bytes.extend_from_slice(format!("{:x}\r\n", resp.body.len()).as_bytes());
            bytes.extend_from_slice(resp.body.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"0\r\n\r\n");
    } else {
        bytes.extend_from_slice(resp.body.as_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_curls_request() {
        let req = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\nGET";
        let Parsed::Request(r, used) = parse(req) else {
            panic!("a request");
        };
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/"));
        assert_eq!(r.user_agent, "curl/8.5.0");
        assert_eq!(parse(&req[used..]), Parsed::NeedMore);
        assert_eq!(parse(b"\x16\x03\x01 hello\r\n\r\n"), Parsed::Bad);
        assert_eq!(
            parse(b"POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"),
            Parsed::NeedMore
        );
    }

    #[test]
    fn writes_a_chunked_body_in_chunks() {
        let r = Response {
            status: 200,
            headers: vec![("Transfer-Encoding".into(), "chunked".into())],
            body: "hi".into(),
        };
        assert_eq!(
            String::from_utf8(write(&r, false)).unwrap(),
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
        );
    }
}
