//! The kubeconfig a real kubectl uses, unchanged, to reach the server.

/// A kubeconfig with cluster, user and context `kubeplay`, current-context set.
pub fn kubeconfig_yaml(port: u16) -> String {
    format!(
        "apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:{port}
  name: kubeplay
contexts:
- context:
    cluster: kubeplay
    user: kubeplay
  name: kubeplay
current-context: kubeplay
preferences: {{}}
users:
- name: kubeplay
  user: {{}}
"
    )
}
