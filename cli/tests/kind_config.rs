//! `kubeplay --kind-config FILE`: the cluster a kind config describes (its
//! name names the nodes and the context), and kind's error for a bad config.

use std::process::{Command, Output};

fn kubeplay(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeplay"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kubeplay runs");
    // A failing start never reads its stdin.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("kubeplay finishes")
}

fn config_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kubeplay-kind-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("config written");
    path.display().to_string()
}

#[test]
fn a_named_config_names_the_nodes_and_the_context() {
    let path = config_file(
        "dev.yaml",
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: dev\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n- role: worker\n",
    );
    let out = kubeplay(
        &["--kind-config", &path],
        "kubectl get nodes -o name\nkubectl config current-context\nkubectl get node dev-worker3 -o jsonpath='{.spec.providerID}'\n",
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "node/dev-control-plane\nnode/dev-worker\nnode/dev-worker2\nnode/dev-worker3\nkind-dev\nkind://docker/dev/dev-worker3"
    );
    assert!(out.status.success());
}

#[test]
fn a_config_without_nodes_is_one_control_plane_named_kind() {
    let path = config_file(
        "minimal.yaml",
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n",
    );
    let out = kubeplay(&["--kind-config", &path], "kubectl get nodes -o name\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "node/kind-control-plane\n"
    );
}

#[test]
fn bad_configs_fail_as_kind_does() {
    let cases = [
        (
            "v3.yaml",
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n",
            "ERROR: failed to create cluster: unknown apiVersion: kind.x-k8s.io/v1alpha3\n",
        ),
        (
            "roles.yaml",
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: worker\n",
            "ERROR: failed to create cluster: must have at least one control-plane node\n",
        ),
    ];
    for (name, text, want) in cases {
        let path = config_file(name, text);
        let out = kubeplay(&["--kind-config", &path], "kubectl get nodes\n");
        assert_eq!(String::from_utf8_lossy(&out.stderr), want);
        assert_eq!(out.stdout, b"");
        assert_eq!(out.status.code(), Some(1));
    }
    let out = kubeplay(&["--kind-config", "/nonexistent/kind.yaml"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ERROR: failed to create cluster: error reading file: open /nonexistent/kind.yaml: no such file or directory\n"
    );
    let out = kubeplay(&["serve", "--kind-config", "/nonexistent/kind.yaml"], "");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn several_control_planes_each_run_the_control_plane_and_serve_the_kubernetes_service() {
    let path = config_file(
        "ha.yaml",
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: control-plane\n- role: control-plane\n- role: worker\n",
    );
    let out = kubeplay(
        &["--kind-config", &path],
        "kubectl get nodes\nkubectl get pods -n kube-system -l component=kube-apiserver -o wide\nkubectl get endpointslices kubernetes\nkubectl get leases -n kube-system -l apiserver.kubernetes.io/identity -o name | wc -l\n",
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\
NAME                  STATUS   ROLES           AGE   VERSION
kind-control-plane    Ready    control-plane   40s   v1.33.1
kind-control-plane2   Ready    control-plane   24s   v1.33.1
kind-control-plane3   Ready    control-plane   24s   v1.33.1
kind-worker           Ready    <none>          24s   v1.33.1
NAME                                 READY   STATUS    RESTARTS   AGE   IP           NODE                  NOMINATED NODE   READINESS GATES
kube-apiserver-kind-control-plane    1/1     Running   0          40s   172.18.0.2   kind-control-plane    <none>           <none>
kube-apiserver-kind-control-plane2   1/1     Running   0          24s   172.18.0.3   kind-control-plane2   <none>           <none>
kube-apiserver-kind-control-plane3   1/1     Running   0          24s   172.18.0.4   kind-control-plane3   <none>           <none>
NAME         ADDRESSTYPE   PORTS   ENDPOINTS                          AGE
kubernetes   IPv4          6443    172.18.0.2,172.18.0.3,172.18.0.4   40s
3
"
    );
}
