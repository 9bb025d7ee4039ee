//! Bad and stalled clients: every request gets a Status with its HTTP code
//! (or its connection closed), never a panic or a hang, and the server
//! keeps answering everyone else meanwhile.

mod common;

use common::{get, request, start};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn assert_status(r: &common::Response, code: u16, reason: &str) {
    assert_eq!(r.code, code, "{}", r.text());
    let v = r.json();
    assert_eq!(v["kind"], "Status");
    assert_eq!(v["reason"], reason, "{v}");
}

/// Opens a WebSocket to `path` offering `protocol`; the stream after the
/// 101, or the refusal's head and body.
fn websocket(port: u16, path: &str, protocol: &str) -> Result<TcpStream, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: {protocol}\r\n\r\n"
    )
    .expect("handshake");
    let mut head = vec![];
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut b) {
            Ok(1) => head.push(b[0]),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    if text.starts_with("HTTP/1.1 101") {
        Ok(s)
    } else {
        let mut rest = vec![];
        let _ = s.read_to_end(&mut rest);
        Err(format!("{text}{}", String::from_utf8_lossy(&rest)))
    }
}

/// A masked client frame.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0x80 | opcode];
    if payload.len() < 126 {
        out.push(0x80 | payload.len() as u8);
    } else {
        out.push(0x80 | 126);
        out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    }
    let mask = [1u8, 2, 3, 4];
    out.extend_from_slice(&mask);
    out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    out
}

/// Reads until the server closes (or 10 s pass); true if it closed.
fn closes(s: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
}

#[test]
fn streaming_subresources_refuse_what_they_cannot_serve() {
    let s = start(3);
    let p = s.port();
    let pf = "/api/v1/namespaces/default/pods/nope/portforward";
    assert_status(&request(p, "POST", pf, &[], b""), 404, "NotFound");
    assert_status(
        &request(
            p,
            "DELETE",
            "/api/v1/namespaces/kube-system/pods/etcd-minikube/attach",
            &[],
            b"",
        ),
        405,
        "MethodNotAllowed",
    );
    // kubectl's SPDY fallback: a Status, not a hang.
    let etcd = "/api/v1/namespaces/kube-system/pods/etcd-minikube/portforward";
    let r = request(
        p,
        "POST",
        etcd,
        &[("Upgrade", "SPDY/3.1"), ("Connection", "Upgrade")],
        b"",
    );
    assert_status(&r, 400, "BadRequest");
    let refused = websocket(p, etcd, "v5.channel.k8s.io").expect_err("refused");
    assert!(refused.starts_with("HTTP/1.1 400"), "{refused}");
}

#[test]
fn garbage_on_an_upgraded_connection_closes_it() {
    let s = start(3);
    let p = s.port();
    let etcd = "/api/v1/namespaces/kube-system/pods/etcd-minikube";
    // Not SPDY: a data frame for a stream never opened, then a frame header
    // announcing 16 MiB.
    let mut pf = websocket(
        p,
        &format!("{etcd}/portforward"),
        "SPDY/3.1+portforward.k8s.io",
    )
    .expect("upgraded");
    pf.write_all(&frame(2, b"\x00\x00\x00\x07\x00\x00\x00\x02hi"))
        .expect("write");
    pf.write_all(&frame(2, b"\x80\x03\x00\x01\x00\xff\xff\xff"))
        .expect("write");
    assert!(closes(&mut pf), "the session ends");
    // A SYN_STREAM whose header block does not inflate.
    let mut pf = websocket(
        p,
        &format!("{etcd}/portforward"),
        "SPDY/3.1+portforward.k8s.io",
    )
    .expect("upgraded");
    let mut syn =
        b"\x80\x03\x00\x01\x00\x00\x00\x0e\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00".to_vec();
    syn.extend_from_slice(b"\x78\x01zz");
    pf.write_all(&frame(2, &syn)).expect("write");
    assert!(closes(&mut pf), "the session ends");
    // attach: a client frame announcing more than the server accepts.
    let mut at = websocket(
        p,
        &format!("{etcd}/attach?container=etcd&stdin=true&stdout=true"),
        "v5.channel.k8s.io",
    )
    .expect("upgraded");
    at.write_all(&[0x82, 0xff, 0, 0, 0, 0, 0x10, 0, 0, 0])
        .expect("write");
    assert!(closes(&mut at), "the session ends");
    assert_eq!(get(p, "/readyz").text(), "ok");
}

#[test]
fn a_stalled_or_endless_body_does_not_hold_the_server() {
    let s = start(3);
    let p = s.port();
    // Half a body, never finished: others are served meanwhile.
    let mut stalled = TcpStream::connect(("127.0.0.1", p)).expect("connect");
    stalled
        .write_all(b"POST /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"metadata\":")
        .expect("write");
    let mut half_head = TcpStream::connect(("127.0.0.1", p)).expect("connect");
    half_head.write_all(b"GET /api/v1/na").expect("write");
    assert_eq!(get(p, "/readyz").text(), "ok");
    assert_eq!(get(p, "/api/v1/namespaces/default").code, 200);
    // A chunked body with no length that goes on past 3 MiB: 413.
    let mut endless = TcpStream::connect(("127.0.0.1", p)).expect("connect");
    endless.set_read_timeout(Some(Duration::from_secs(20))).ok();
    endless
        .write_all(b"POST /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        .expect("write");
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
    for _ in 0..60 {
        if endless.write_all(chunk.as_bytes()).is_err() {
            break;
        }
    }
    let mut answer = vec![0u8; 12];
    let _ = endless.read_exact(&mut answer);
    assert_eq!(String::from_utf8_lossy(&answer), "HTTP/1.1 413");
    drop(stalled);
    drop(half_head);
}
