//! Client-side oracle: `kubectl config ...` needs no server, so the real
//! kubectl v1.33 runs the same commands on the same kubeconfig file and the
//! outputs must be identical, byte for byte.

use kubeplay_engine::{Cluster, Preset};
use std::path::PathBuf;
use std::process::Command;

const COMMANDS: &[&str] = &[
    "config view",
    "config view -o json",
    "config view --minify",
    "config view --minify -o jsonpath={.clusters[0].cluster.server}",
    "config view -o jsonpath={.contexts[*].name}",
    "config get-contexts",
    "config get-contexts minikube",
    "config get-contexts nope",
    "config current-context",
    "config use-context nope",
    "config use-context minikube",
    "config set-context dev --namespace=dev --cluster=minikube --user=minikube",
    "config get-contexts",
    "config set-context dev --namespace=staging",
    "config use-context dev",
    "config current-context",
    "config view --minify",
    "config rename-context dev staging",
    "config get-clusters",
    "config get-users",
    "config delete-context staging",
    "config use-context minikube",
    "config delete-context nope",
    "config get-contexts",
];

fn real_kubectl() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");
    p.is_file().then_some(p)
}

#[test]
fn kubectl_config_matches_the_real_kubectl() {
    let Some(kubectl) = real_kubectl() else {
        eprintln!("kubectl.1.33 is not installed here: nothing to compare against");
        return;
    };
    let dir = std::env::temp_dir().join(format!("kubeplay-config-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("config");
    let shown = path.display().to_string();

    let mut cluster = Cluster::new(Preset::Minikube, 1);
    let initial = cluster.run("cat ~/.kube/config").stdout();
    std::fs::write(&path, &initial).expect("write kubeconfig");
    cluster.run(&format!(
        "mkdir -p {} && cp ~/.kube/config {shown}",
        dir.display()
    ));
    cluster.run(&format!("export KUBECONFIG={shown}"));

    let mut mismatches = vec![];
    for c in COMMANDS {
        let ours = cluster.run(&format!("kubectl {c}"));
        let real = Command::new(&kubectl)
            .args(c.split_whitespace())
            .env("KUBECONFIG", &path)
            .output()
            .expect("kubectl runs");
        let real_out = String::from_utf8_lossy(&real.stdout);
        let real_err = String::from_utf8_lossy(&real.stderr);
        let real_status = real.status.code().unwrap_or(-1);
        if ours.stdout() != real_out || ours.stderr() != real_err || ours.status != real_status {
            mismatches.push(format!(
                "kubectl {c}\n--- real (exit {real_status})\n{real_out}{real_err}--- ours (exit {})\n{}{}",
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

/// `config set-credentials` with certificate files that exist both on the
/// real disk (for kubectl.1.33) and in the playground's file system, at the
/// same paths.
#[test]
fn set_credentials_matches_the_real_kubectl() {
    let Some(kubectl) = real_kubectl() else {
        eprintln!("kubectl.1.33 is not installed here: nothing to compare against");
        return;
    };
    let dir = std::env::temp_dir().join(format!("kubeplay-creds-oracle-{}", std::process::id()));
    let certs = std::env::temp_dir().join(format!("kubeplay-creds-certs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::create_dir_all(&certs).expect("temp dir");
    let path = dir.join("config");
    let shown = path.display().to_string();
    let mut cluster = Cluster::new(Preset::Minikube, 1);
    let initial = cluster.run("cat ~/.kube/config").stdout();
    std::fs::write(&path, &initial).expect("write kubeconfig");
    cluster.run(&format!("mkdir -p {} {}", dir.display(), certs.display()));
    cluster.run(&format!("cp ~/.kube/config {shown}"));
    cluster.run(&format!("export KUBECONFIG={shown}"));
    let mut files = vec![];
    for (folder, name, content) in [
        (&dir, "in.crt", "CERT IN CONFIG DIR\n"),
        (&certs, "a.crt", "CERTDATA\n"),
        (&certs, "a.key", "KEYDATA\n"),
    ] {
        let f = folder.join(name);
        std::fs::write(&f, content).expect("write cert");
        cluster.run(&format!(
            "printf '{}' > {}",
            content.replace('\n', "\\n"),
            f.display()
        ));
        files.push(f.display().to_string());
    }
    let (inside, crt, key) = (&files[0], &files[1], &files[2]);
    let commands = vec![
        "config set-credentials bob --token=abc".to_string(),
        "config set-credentials alice --username=a --password=p".to_string(),
        format!("config set-credentials carol --client-certificate={crt} --client-key={key}"),
        format!("config set-credentials dave --client-certificate={crt} --client-key={key} --embed-certs"),
        format!("config set-credentials erin --client-certificate={inside}"),
        format!("config set-credentials frank --client-certificate={crt}.nope --embed-certs"),
        "config set-credentials gina --embed-certs".to_string(),
        "config set-credentials bob --username=x".to_string(),
        "config set-credentials bob --token=".to_string(),
        "config set-credentials hank --token=t --username=u".to_string(),
        "config view".to_string(),
        "config set-credentials bob --token=secret".to_string(),
        "config view".to_string(),
        "config view --raw".to_string(),
        "config get-users".to_string(),
    ];
    let mut mismatches = vec![];
    for c in &commands {
        let ours = cluster.run(&format!("kubectl {c}"));
        let real = Command::new(&kubectl)
            .args(c.split_whitespace())
            .env("KUBECONFIG", &path)
            .output()
            .expect("kubectl runs");
        let real_out = String::from_utf8_lossy(&real.stdout);
        let real_err = String::from_utf8_lossy(&real.stderr);
        let real_status = real.status.code().unwrap_or(-1);
        if ours.stdout() != real_out || ours.stderr() != real_err || ours.status != real_status {
            mismatches.push(format!(
                "kubectl {c}\n--- real (exit {real_status})\n{real_out}{real_err}--- ours (exit {})\n{}{}",
                ours.status,
                ours.stdout(),
                ours.stderr()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&certs);
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}
