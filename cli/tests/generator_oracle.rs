//! Client-side oracle for the generators: `kubectl create ... --dry-run=client`
//! (and `run`) build their objects without a server, so the real kubectl v1.33
//! runs the same commands and stdout, stderr and exit status must be identical.
//! Commands that need discovery (role, clusterrole, job --from, run) are left
//! out, but for run's own argument errors.

use kubeplay_engine::{Cluster, Preset};
use std::path::PathBuf;
use std::process::Command;

const CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBgjCCASmgAwIBAgIUBPpK1r8qYUwQ451mfJpHr7SWl9EwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMc2hvcC5leGFtcGxlMB4XDTI2MTIwMzA5MTEzM1oXDTM2MTEz
MDA5MTEzM1owFzEVMBMGA1UEAwwMc2hvcC5leGFtcGxlMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEX4a47TczP3bUKQvCh+rFLOBMuGOdK8r/gOyOphKoZxChc8uw
ExYdYVax2JT366rSfeGg7Nq2eGvfCVRwW/LVJ6NTMFEwHQYDVR0OBBYEFKq+UuTh
mNVXSdOnoJ8l8lAbCNmfMB8GA1UdIwQYMBaAFKq+UuThmNVXSdOnoJ8l8lAbCNmf
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgamEkw+H3eP6+Cw14
V2xS0QkzspgIOrifRHsA2pScC4gCIDpdo12lWwcel+3DBXY1xuZ9CNlN/RbhAFKN
qRuELDfd
-----END CERTIFICATE-----
";
/// A real self-signed P-256 pair (the real kubectl parses it).
const KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmiRV6vSUMCblTKV/
5dcazGFm5kcdbvGas92EsjmEaIqhRANCAARfhrjtNzM/dtQpC8KH6sUs4Ey4Y50r
yv+A7I6mEqhnEKFzy7ATFh1hVrHYlPfrqtJ94aDs2rZ4a98JVHBb8tUn
-----END PRIVATE KEY-----
";

/// Each command's arguments after `kubectl`; `--dry-run=client` is added unless present.
const COMMANDS: &[&[&str]] = &[
    &["create", "service", "clusterip", "web", "--tcp=80:8080"],
    &[
        "create",
        "service",
        "clusterip",
        "web",
        "--tcp=80:8080,443",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "svc",
        "clusterip",
        "hl",
        "--clusterip=None",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "service",
        "clusterip",
        "web",
        "--tcp=80:http",
        "-o",
        "json",
    ],
    &[
        "create",
        "service",
        "nodeport",
        "np",
        "--tcp=80:8080",
        "--node-port=30080",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "service",
        "loadbalancer",
        "lb",
        "--tcp=80",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "service",
        "externalname",
        "ex",
        "--external-name=example.com",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "service",
        "externalname",
        "ex",
        "--external-name=Bad_",
    ],
    &["create", "service", "clusterip", "web"],
    &["create", "service", "clusterip", "web", "--tcp=abc"],
    &["create", "service", "clusterip", "web", "--tcp=80:99999"],
    &["create", "service", "clusterip", "web", "--tcp=80:Bad_Name"],
    &["create", "service", "clusterip"],
    &["create", "service", "nodeport", "np", "--clusterip=None"],
    &[
        "create",
        "service",
        "clusterip",
        "web",
        "--tcp=80",
        "-n",
        "shop",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "service",
        "clusterip",
        "web",
        "--tcp=80",
        "-o",
        "name",
    ],
    &["create", "serviceaccount", "robot", "-o", "yaml"],
    &["create", "sa", "robot", "-o", "json"],
    &["create", "sa", "robot", "-o", "yaml", "--save-config"],
    &["create", "sa", "robot", "--validate=x"],
    &["create", "sa", "robot", "--dry-run=x"],
    &["create", "sa"],
    &["create", "job", "once", "--image=busybox", "-o", "yaml"],
    &[
        "create",
        "job",
        "once",
        "--image=busybox",
        "-o",
        "yaml",
        "--dry-run=client",
        "--",
        "echo",
        "hi",
    ],
    &["create", "job", "once"],
    &[
        "create",
        "cronjob",
        "tick",
        "--image=busybox",
        "--schedule=*/5 * * * *",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "cj",
        "tick",
        "--image=busybox",
        "--schedule=* * * * *",
        "--restart=Never",
        "-o",
        "yaml",
        "--dry-run=client",
        "--",
        "date",
    ],
    &["create", "cronjob", "tick"],
    &[
        "create",
        "quota",
        "q",
        "--hard=cpu=1000m,memory=1Gi,pods=10",
        "--scopes=BestEffort",
        "-o",
        "yaml",
    ],
    &["create", "quota", "q", "-o", "yaml"],
    &["create", "quota", "q", "--hard=cpu"],
    &[
        "create",
        "priorityclass",
        "high",
        "--value=1000",
        "--description=for the important ones",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "pc",
        "low",
        "--global-default",
        "--preemption-policy=Never",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "pdb",
        "web",
        "--selector=app=web",
        "--min-available=50%",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "poddisruptionbudget",
        "web",
        "--selector=app=web",
        "--max-unavailable=1",
        "-o",
        "yaml",
    ],
    &["create", "pdb", "web", "--selector=app=web"],
    &["create", "pdb", "web", "--min-available=1"],
    &[
        "create",
        "pdb",
        "web",
        "--selector=app=web",
        "--min-available=x",
    ],
    &[
        "create",
        "ingress",
        "simple",
        "--rule=foo.com/bar=svc1:8080,tls=my-cert",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "ingress",
        "multi",
        "--class=nginx",
        "--rule=foo.com/=svc:http",
        "--rule=foo.com/admin*=admin:8080",
        "--rule=/x=other:80,tls",
        "--annotation=a=b",
        "--default-backend=def:80",
        "-o",
        "yaml",
    ],
    &["create", "ingress", "bad", "--rule=foo.com=svc"],
    &["create", "ingress", "none"],
    &[
        "create",
        "rolebinding",
        "rb",
        "--role=reader",
        "--user=alice",
        "--group=devs",
        "--serviceaccount=default:robot",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "rolebinding",
        "rb",
        "--clusterrole=view",
        "--user=bob",
        "-o",
        "yaml",
    ],
    &["create", "rolebinding", "rb", "--user=bob"],
    &[
        "create",
        "rolebinding",
        "rb",
        "--role=r",
        "--serviceaccount=robot",
    ],
    &[
        "create",
        "clusterrolebinding",
        "crb",
        "--clusterrole=view",
        "--user=alice",
        "-o",
        "yaml",
    ],
    &["create", "clusterrolebinding", "crb", "--user=alice"],
    &[
        "create",
        "secret",
        "tls",
        "cert",
        "--cert=CERT",
        "--key=KEY",
        "-o",
        "yaml",
    ],
    &["create", "secret", "tls", "cert", "--cert=KEY", "--key=KEY"],
    &["create", "secret", "tls", "cert"],
    &[
        "create",
        "secret",
        "tls",
        "cert",
        "--cert=/nope",
        "--key=KEY",
    ],
    &[
        "create",
        "secret",
        "docker-registry",
        "reg",
        "--docker-username=u",
        "--docker-password=p",
        "--docker-email=e@x.io",
        "-o",
        "yaml",
    ],
    &[
        "create",
        "secret",
        "docker-registry",
        "reg",
        "--docker-server=r.io:5000",
        "--docker-username=u",
        "--docker-password=p",
        "-o",
        "yaml",
    ],
    &["create", "secret", "docker-registry", "reg"],
    &["create", "deployment", "web", "--image=nginx", "--tcp=80"],
    &[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "-n",
        "shop",
        "-o",
        "yaml",
    ],
    &["create", "namespace", "shop", "-o", "yaml", "--save-config"],
    &[
        "create",
        "configmap",
        "cfg",
        "--from-literal=a=1",
        "-o",
        "yaml",
    ],
    &["create", "sa", "robot", "-o", "wide"],
    &["create", "sa", "robot", "-o", "jsonpath"],
    &["create", "sa", "robot", "-o", "jsonpath={.metadata.name}"],
    &["create", "sa", "robot", "-o", "jsonpath={.metadata.name"],
    &[
        "create",
        "secret",
        "tls",
        "cert",
        "--cert=CERT",
        "--key=KEY",
        "-o",
        "jsonpath={.data.tls\\.crt}",
    ],
    &[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "--replicas=2",
        "--port=80",
        "-o",
        "json",
    ],
    &["create", "job", "once", "--image=busybox", "-o", "json"],
    &[
        "create",
        "cronjob",
        "tick",
        "--image=busybox",
        "--schedule=@hourly",
        "-o",
        "json",
    ],
    &[
        "create",
        "ingress",
        "simple",
        "--rule=foo.com/bar=svc1:8080,tls=my-cert",
        "-o",
        "json",
    ],
    &[
        "create",
        "rolebinding",
        "rb",
        "--role=reader",
        "--user=alice",
        "--serviceaccount=default:robot",
        "-o",
        "json",
    ],
    &[
        "create",
        "pdb",
        "web",
        "--selector=app=web",
        "--min-available=1",
        "-o",
        "json",
    ],
    &["create", "quota", "q", "--hard=pods=1", "-o", "json"],
    &[
        "create",
        "pc",
        "high",
        "--value=7",
        "-o",
        "json",
        "--save-config",
    ],
    &[
        "create",
        "service",
        "nodeport",
        "np",
        "--tcp=80:8080",
        "-o",
        "yaml",
        "--save-config",
    ],
    &[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "-o",
        "yaml",
        "--save-config",
    ],
    &["run", "web", "--image=nginx", "--expose"],
    &["run", "web", "--image=nginx", "--port=http"],
    &["create", "sa", "robot", "-o", "go-template={{.kind}}/{{.metadata.name}}{{\"\\n\"}}"],
    &["create", "sa", "robot", "-o", "go-template={{.metadata.name"],
    &["create", "deployment", "web", "--image=nginx", "-o", "go-template={{range .spec.template.spec.containers}}{{.name}}:{{.image}} {{end}}{{len .metadata.labels}} {{.nope}}"],
    &["create", "quota", "q", "--hard=pods=2,cpu=1", "-o", "go-template={{range $k, $v := .spec.hard}}{{printf \"%-5s|%3s\" $k $v}};{{end}}"],
    &["create", "service", "externalname"],
    &["create", "deployment"],
    &["create", "clusterrolebinding"],
    &["create", "cronjob", "--image=x"],
    &["create", "sa", "robot", "-o", "jsonpath-as-json={.metadata.name}"],
    &["create", "deployment", "web", "--image=a", "--image=b", "-o", "jsonpath-as-json={.spec.template.spec.containers[*]}"],
    &["create", "deployment", "web", "--image=a", "--image=b", "-o", "jsonpath-as-json={range .spec.template.spec.containers[*]}{.name}{end}"],
];

fn real_kubectl() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");
    p.is_file().then_some(p)
}

fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', "'\\''"))
}

#[test]
fn generators_match_the_real_kubectl() {
    let Some(kubectl) = real_kubectl() else {
        eprintln!("kubectl.1.33 is not installed here: nothing to compare against");
        return;
    };
    let dir = std::env::temp_dir().join(format!("kubeplay-gen-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let kubeconfig = dir.join("config");
    let cert = dir.join("tls.crt").display().to_string();
    let key = dir.join("tls.key").display().to_string();
    std::fs::write(&cert, CERT).unwrap();
    std::fs::write(&key, KEY).unwrap();
    // A kubeconfig pointing at a dead server: generators never call it.
    for args in [
        vec!["config", "set-cluster", "x", "--server=https://127.0.0.1:1"],
        vec!["config", "set-credentials", "x", "--token=x"],
        vec!["config", "set-context", "x", "--cluster=x", "--user=x"],
        vec!["config", "use-context", "x"],
    ] {
        Command::new(&kubectl)
            .args(args)
            .env("KUBECONFIG", &kubeconfig)
            .output()
            .expect("kubectl runs");
    }

    let mut cluster = Cluster::new(Preset::Minikube, 1);
    cluster.run(&format!("mkdir -p {}", dir.display()));
    cluster.run(&format!("cat <<'EOF' > {cert}\n{CERT}EOF"));
    cluster.run(&format!("cat <<'EOF' > {key}\n{KEY}EOF"));

    let mut mismatches = vec![];
    for c in COMMANDS {
        let mut args: Vec<String> = c
            .iter()
            .map(|a| a.replace("CERT", &cert).replace("KEY", &key))
            .collect();
        if !c.iter().any(|a| a.starts_with("--dry-run")) {
            args.push("--dry-run=client".into());
        }
        let line = args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
        let ours = cluster.run(&format!("kubectl {line}"));
        let real = Command::new(&kubectl)
            .args(&args)
            .env("KUBECONFIG", &kubeconfig)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("kubectl runs");
        let real_out = String::from_utf8_lossy(&real.stdout);
        let real_err = String::from_utf8_lossy(&real.stderr);
        let real_status = real.status.code().unwrap_or(-1);
        if ours.stdout() != real_out || ours.stderr() != real_err || ours.status != real_status {
            mismatches.push(format!(
                "kubectl {line}\n--- real (exit {real_status})\n{real_out}{real_err}--- ours (exit {})\n{}{}",
                ours.status,
                ours.stdout(),
                ours.stderr()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "compared {} commands, {} matched",
        COMMANDS.len(),
        COMMANDS.len() - mismatches.len()
    );
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}
