//! The streaming subresources driven by the real kubectl v1.33 over its
//! default WebSocket transports: `kubectl port-forward` (SPDY/3.1 tunnelled
//! in a WebSocket) answering HTTP from this host, and `kubectl attach`.
//! Skipped (passing) without a kubectl v1.33 (`$KUBECTL_1_33`).

mod common;

use kubeplay_server::kubeconfig_yaml;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn real_kubectl() -> Option<PathBuf> {
    let p = std::env::var_os("KUBECTL_1_33")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/google-cloud-sdk/bin/kubectl.1.33"));
    p.is_file().then_some(p)
}

struct Env {
    kubectl: PathBuf,
    kubeconfig: PathBuf,
    port: u16,
}

impl Env {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.kubectl);
        c.arg("--kubeconfig").arg(&self.kubeconfig).args(args);
        c
    }

    fn run(&self, args: &[&str]) -> (String, String, i32) {
        let out = self
            .cmd(args)
            .stdin(Stdio::null())
            .output()
            .expect("kubectl runs");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    }

    fn advance(&self, secs: u32) {
        let r = common::request(
            self.port,
            "POST",
            &format!("/kubeplay/advance?seconds={secs}"),
            &[],
            b"",
        );
        assert_eq!(r.code, 200);
    }
}

fn setup(name: &str) -> Option<(kubeplay_server::Server, Env)> {
    let Some(kubectl) = real_kubectl() else {
        println!("streams: no kubectl v1.33 found (set KUBECTL_1_33); skipped");
        return None;
    };
    let server = common::start(7);
    let dir = std::env::temp_dir().join(format!("kubeplay-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let kubeconfig = dir.join("kubeconfig");
    std::fs::write(&kubeconfig, kubeconfig_yaml(server.port())).expect("kubeconfig");
    let port = server.port();
    Some((
        server,
        Env {
            kubectl,
            kubeconfig,
            port,
        },
    ))
}

/// A port-forward running in the background; killed when dropped.
struct Forward {
    child: Child,
    out: BufReader<std::process::ChildStdout>,
}

impl Forward {
    fn start(env: &Env, args: &[&str]) -> Forward {
        let mut child = env
            .cmd(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("port-forward starts");
        let out = BufReader::new(child.stdout.take().expect("stdout"));
        Forward { child, out }
    }

    fn line(&mut self) -> String {
        let mut l = String::new();
        self.out.read_line(&mut l).expect("a line");
        l
    }

    /// Stops kubectl and returns what it wrote to stderr.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let _ = self.child.wait();
        err
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free local port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `GET path` on 127.0.0.1:port as curl sends it; the whole answer (the
/// server may keep the connection: read up to Content-Length).
fn http_get(port: u16, path: &str) -> Result<String, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = vec![];
    let mut buf = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => return Err(e.to_string()),
        }
        let text = String::from_utf8_lossy(&raw);
        if let Some(end) = text.find("\r\n\r\n") {
            let len = text[..end]
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|n| n.trim().parse::<usize>().ok());
            if len.is_some_and(|n| raw.len() >= end + 4 + n) {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

#[test]
fn real_kubectl_port_forwards_to_the_simulated_program() {
    let Some((_server, env)) = setup("portforward") else {
        return;
    };
    env.run(&[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "--replicas=2",
    ]);
    env.run(&["expose", "deployment", "web", "--port=80"]);
    env.run(&["run", "bb", "--image=busybox", "--", "sleep", "3600"]);
    env.advance(30);
    for target in ["pod/bb", "deploy/web", "svc/web"] {
        let local = free_port();
        let pair = format!("{local}:80");
        let mut pf = Forward::start(&env, &["port-forward", target, &pair]);
        assert_eq!(
            pf.line(),
            format!("Forwarding from 127.0.0.1:{local} -> 80\n")
        );
        assert_eq!(pf.line(), format!("Forwarding from [::1]:{local} -> 80\n"));
        let answer = http_get(local, "/");
        if target == "pod/bb" {
            // Nothing listens on 80 in busybox: the kubelet's error, and kubectl gives up.
            assert_eq!(answer.as_deref().unwrap_or(""), "");
            assert_eq!(pf.line(), format!("Handling connection for {local}\n"));
            let err = pf.stop();
            assert!(
                err.contains(&format!(
                    "an error occurred forwarding {local} -> 80: error forwarding port 80 to pod "
                )),
                "{err}"
            );
            continue;
        }
        let answer = answer.expect("an answer");
        assert!(
            answer.starts_with("HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\n"),
            "{answer}"
        );
        assert!(
            answer.contains("<title>Welcome to nginx!</title>"),
            "{answer}"
        );
        let missing = http_get(local, "/nope").expect("an answer");
        assert!(
            missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
            "{missing}"
        );
        assert_eq!(pf.line(), format!("Handling connection for {local}\n"));
        pf.stop();
    }
    // The pods' access logs show the requests, from 127.0.0.1 inside the pod.
    let (out, err, _) = env.run(&["logs", "deploy/web", "--tail=1"]);
    assert!(out.contains("127.0.0.1 - - ["), "{out}");
    assert!(
        out.contains("\"GET /nope HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\""),
        "{out}"
    );
    assert!(err.starts_with("Found 2 pods, using pod/web-"), "{err}");
    // A pod that is not there.
    let (_, err, code) = env.run(&["port-forward", "pod/nope", "1:80"]);
    assert_eq!(
        (err.as_str(), code),
        ("Error from server (NotFound): pods \"nope\" not found\n", 1)
    );
}

#[test]
fn real_kubectl_attaches_over_websockets() {
    let Some((_server, env)) = setup("attach") else {
        return;
    };
    env.run(&[
        "run",
        "shell",
        "--image=busybox",
        "-i",
        "--attach=false",
        "--",
        "sh",
    ]);
    env.run(&["run", "web", "--image=nginx"]);
    env.advance(20);
    let mut child = env
        .cmd(&["attach", "-i", "shell"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("attach starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"echo hi\nhostname\nls /nope\nexit 3\n")
        .expect("stdin written");
    let out = child.wait_with_output().expect("attach ends");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\nshell\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "If you don't see a command prompt, try pressing enter.\nls: cannot access '/nope': No such file or directory\n"
    );
    assert_eq!(out.status.code(), Some(0));
    // `exit 3` ended the container's main process: it restarts.
    let (out, _, _) = env.run(&[
        "get",
        "pod",
        "shell",
        "-o",
        "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}",
    ]);
    assert_eq!(out, "3");
    // A container that is not running yet.
    env.run(&["run", "later", "--image=nginx"]);
    let (_, err, code) = env.run(&["attach", "later"]);
    assert_eq!(
        (err.as_str(), code),
        (
            "If you don't see a command prompt, try pressing enter.\nerror: unable to upgrade connection: container later not found in pod later_default\n",
            1
        )
    );
}
