//! The control-plane static pods kubeadm v1.33 writes to
//! /etc/kubernetes/manifests on a minikube node (cmd/kubeadm/app/phases/
//! controlplane/manifests.go and etcd/local.go, with minikube's kubeadm
//! config: certificatesDir /var/lib/minikube/certs, etcd dataDir
//! /var/lib/minikube/etcd, clusterName mk, its extraArgs). What kubectl
//! already shows of these pods — image, resources, labels — is read from
//! their mirror pods, so the manifest and the API agree; the command
//! lines, probes and volumes are kubeadm's. The node's `ps` shows the same
//! command lines (`command`), so the presets could take their containers
//! from here too.

use serde_json::{json, Map, Value};

/// The four static pods, in kubeadm's order.
pub const COMPONENTS: [&str; 4] = [
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
];

const CERTS: &str = "/var/lib/minikube/certs";
const ETCD_DATA: &str = "/var/lib/minikube/etcd";
/// minikube's default admission plugins (pkg/util DefaultAdmissionControllers).
const ADMISSION: &str = "NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota";

/// Where the control plane runs: the node, its address, the apiserver port.
pub struct Place<'a> {
    pub node: &'a str,
    pub ip: &'a str,
    pub port: u16,
}

/// minikube's: node `minikube`, 192.168.49.2, port 8443.
pub const MINIKUBE: Place<'static> = Place {
    node: "minikube",
    ip: "192.168.49.2",
    port: 8443,
};

/// The container command kubeadm gives `component` (flags sorted by name,
/// as kubeadm's ArgumentsToCommand writes them).
pub fn command(component: &str, at: &Place) -> Option<Vec<String>> {
    let ip = at.ip;
    let c = |rest: &str| format!("{CERTS}/{rest}");
    let flags: Vec<(&str, String)> = match component {
        "etcd" => vec![
            ("advertise-client-urls", format!("https://{ip}:2379")),
            ("cert-file", c("etcd/server.crt")),
            ("client-cert-auth", "true".into()),
            ("data-dir", ETCD_DATA.into()),
            ("experimental-initial-corrupt-check", "true".into()),
            ("experimental-watch-progress-notify-interval", "5s".into()),
            ("initial-advertise-peer-urls", format!("https://{ip}:2380")),
            ("initial-cluster", format!("{}=https://{ip}:2380", at.node)),
            ("key-file", c("etcd/server.key")),
            (
                "listen-client-urls",
                format!("https://127.0.0.1:2379,https://{ip}:2379"),
            ),
            ("listen-metrics-urls", "http://127.0.0.1:2381".into()),
            ("listen-peer-urls", format!("https://{ip}:2380")),
            ("name", at.node.into()),
            ("peer-cert-file", c("etcd/peer.crt")),
            ("peer-client-cert-auth", "true".into()),
            ("peer-key-file", c("etcd/peer.key")),
            ("peer-trusted-ca-file", c("etcd/ca.crt")),
            ("proxy-refresh-interval", "70000".into()),
            ("snapshot-count", "10000".into()),
            ("trusted-ca-file", c("etcd/ca.crt")),
        ],
        "kube-apiserver" => vec![
            ("advertise-address", ip.into()),
            ("allow-privileged", "true".into()),
            ("authorization-mode", "Node,RBAC".into()),
            ("client-ca-file", c("ca.crt")),
            ("enable-admission-plugins", ADMISSION.into()),
            ("enable-bootstrap-token-auth", "true".into()),
            ("etcd-cafile", c("etcd/ca.crt")),
            ("etcd-certfile", c("apiserver-etcd-client.crt")),
            ("etcd-keyfile", c("apiserver-etcd-client.key")),
            ("etcd-servers", "https://127.0.0.1:2379".into()),
            (
                "kubelet-client-certificate",
                c("apiserver-kubelet-client.crt"),
            ),
            ("kubelet-client-key", c("apiserver-kubelet-client.key")),
            (
                "kubelet-preferred-address-types",
                "InternalIP,ExternalIP,Hostname".into(),
            ),
            ("proxy-client-cert-file", c("front-proxy-client.crt")),
            ("proxy-client-key-file", c("front-proxy-client.key")),
            ("requestheader-allowed-names", "front-proxy-client".into()),
            ("requestheader-client-ca-file", c("front-proxy-ca.crt")),
            (
                "requestheader-extra-headers-prefix",
                "X-Remote-Extra-".into(),
            ),
            ("requestheader-group-headers", "X-Remote-Group".into()),
            ("requestheader-username-headers", "X-Remote-User".into()),
            ("secure-port", at.port.to_string()),
            (
                "service-account-issuer",
                "https://kubernetes.default.svc.cluster.local".into(),
            ),
            ("service-account-key-file", c("sa.pub")),
            ("service-account-signing-key-file", c("sa.key")),
            ("service-cluster-ip-range", "10.96.0.0/12".into()),
            ("tls-cert-file", c("apiserver.crt")),
            ("tls-private-key-file", c("apiserver.key")),
        ],
        "kube-controller-manager" => {
            let conf = "/etc/kubernetes/controller-manager.conf".to_string();
            vec![
                ("allocate-node-cidrs", "true".into()),
                ("authentication-kubeconfig", conf.clone()),
                ("authorization-kubeconfig", conf.clone()),
                ("bind-address", "127.0.0.1".into()),
                ("client-ca-file", c("ca.crt")),
                ("cluster-cidr", "10.244.0.0/16".into()),
                ("cluster-name", "mk".into()),
                ("cluster-signing-cert-file", c("ca.crt")),
                ("cluster-signing-key-file", c("ca.key")),
                ("controllers", "*,bootstrapsigner,tokencleaner".into()),
                ("kubeconfig", conf),
                ("leader-elect", "false".into()),
                ("requestheader-client-ca-file", c("front-proxy-ca.crt")),
                ("root-ca-file", c("ca.crt")),
                ("service-account-private-key-file", c("sa.key")),
                ("service-cluster-ip-range", "10.96.0.0/12".into()),
                ("use-service-account-credentials", "true".into()),
            ]
        }
        "kube-scheduler" => {
            let conf = "/etc/kubernetes/scheduler.conf".to_string();
            vec![
                ("authentication-kubeconfig", conf.clone()),
                ("authorization-kubeconfig", conf.clone()),
                ("bind-address", "127.0.0.1".into()),
                ("kubeconfig", conf),
                ("leader-elect", "false".into()),
            ]
        }
        _ => return None,
    };
    let mut argv = vec![component.to_string()];
    argv.extend(flags.into_iter().map(|(k, v)| format!("--{k}={v}")));
    Some(argv)
}

/// kubeadm's probes (staticpod.LivenessProbe, ReadinessProbe, StartupProbe;
/// the startup one's 24 failures are the 4m health-check timeout).
fn probe(kind: &str, host: &str, path: &str, port: u16, scheme: &str) -> Value {
    let get = json!({"host": host, "path": path, "port": port, "scheme": scheme});
    match kind {
        "liveness" => json!({"failureThreshold": 8, "httpGet": get, "initialDelaySeconds": 10,
                             "periodSeconds": 10, "timeoutSeconds": 15}),
        "readiness" => json!({"failureThreshold": 3, "httpGet": get, "periodSeconds": 1,
                              "timeoutSeconds": 15}),
        _ => json!({"failureThreshold": 24, "httpGet": get, "initialDelaySeconds": 10,
                    "periodSeconds": 10, "timeoutSeconds": 15}),
    }
}

/// A hostPath volume and its mount, as kubeadm pairs them.
struct Mount {
    name: &'static str,
    path: &'static str,
    file: bool,
    read_only: bool,
}

const fn mount(name: &'static str, path: &'static str, file: bool, read_only: bool) -> Mount {
    Mount {
        name,
        path,
        file,
        read_only,
    }
}

/// The CA directories kubeadm finds on an Ubuntu host (no /etc/pki).
const CA_MOUNTS: [Mount; 4] = [
    mount("ca-certs", "/etc/ssl/certs", false, true),
    mount("etc-ca-certificates", "/etc/ca-certificates", false, true),
    mount(
        "usr-local-share-ca-certificates",
        "/usr/local/share/ca-certificates",
        false,
        true,
    ),
    mount(
        "usr-share-ca-certificates",
        "/usr/share/ca-certificates",
        false,
        true,
    ),
];

fn mounts(component: &str) -> Vec<Mount> {
    let mut m: Vec<Mount> = match component {
        "etcd" => vec![
            mount("etcd-certs", "/var/lib/minikube/certs/etcd", false, false),
            mount("etcd-data", ETCD_DATA, false, false),
        ],
        "kube-apiserver" => {
            let mut m = CA_MOUNTS.to_vec();
            m.push(mount("k8s-certs", CERTS, false, true));
            m
        }
        "kube-controller-manager" => {
            let mut m = CA_MOUNTS.to_vec();
            m.push(mount(
                "flexvolume-dir",
                "/usr/libexec/kubernetes/kubelet-plugins/volume/exec",
                false,
                false,
            ));
            m.push(mount("k8s-certs", CERTS, false, true));
            m.push(mount(
                "kubeconfig",
                "/etc/kubernetes/controller-manager.conf",
                true,
                true,
            ));
            m
        }
        _ => vec![mount(
            "kubeconfig",
            "/etc/kubernetes/scheduler.conf",
            true,
            true,
        )],
    };
    // kubeadm sorts the volumes by name.
    m.sort_by_key(|v| v.name);
    m
}

impl Clone for Mount {
    fn clone(&self) -> Mount {
        mount(self.name, self.path, self.file, self.read_only)
    }
}

/// What kubeadm would have defaulted, for a mirror pod that is missing.
fn default_image(component: &str) -> &'static str {
    match component {
        "etcd" => "registry.k8s.io/etcd:3.5.21-0",
        "kube-apiserver" => "registry.k8s.io/kube-apiserver:v1.33.1",
        "kube-controller-manager" => "registry.k8s.io/kube-controller-manager:v1.33.1",
        _ => "registry.k8s.io/kube-scheduler:v1.33.1",
    }
}

fn default_requests(component: &str) -> Value {
    match component {
        "etcd" => json!({"cpu": "100m", "memory": "100Mi"}),
        "kube-apiserver" => json!({"cpu": "250m"}),
        "kube-controller-manager" => json!({"cpu": "200m"}),
        _ => json!({"cpu": "100m"}),
    }
}

/// The manifest kubeadm wrote for `component`, given its mirror pod (the
/// API's view; None if it is gone).
pub fn manifest(component: &str, at: &Place, mirror: Option<&Value>) -> Value {
    let spec_container = mirror.and_then(|m| {
        m["spec"]["containers"]
            .as_array()?
            .iter()
            .find(|c| c["name"] == component)
            .cloned()
    });
    let from_mirror = |field: &str| spec_container.as_ref().and_then(|c| c.get(field)).cloned();
    let command = from_mirror("command")
        .filter(|c| c.as_array().is_some_and(|a| !a.is_empty()))
        .unwrap_or_else(|| json!(command(component, at).unwrap_or_default()));
    let image = from_mirror("image").unwrap_or_else(|| json!(default_image(component)));
    let resources = from_mirror("resources")
        .unwrap_or_else(|| json!({"requests": default_requests(component)}));
    let (host, port, scheme, live, ready, startup) = match component {
        "etcd" => (
            "127.0.0.1",
            2381,
            "HTTP",
            "/livez",
            Some("/readyz"),
            "/readyz",
        ),
        "kube-apiserver" => (at.ip, at.port, "HTTPS", "/livez", Some("/readyz"), "/livez"),
        "kube-controller-manager" => ("127.0.0.1", 10257, "HTTPS", "/healthz", None, "/healthz"),
        _ => (
            "127.0.0.1",
            10259,
            "HTTPS",
            "/livez",
            Some("/readyz"),
            "/livez",
        ),
    };
    let mut container = Map::new();
    container.insert("command".into(), command);
    container.insert("image".into(), image);
    container.insert("imagePullPolicy".into(), json!("IfNotPresent"));
    container.insert(
        "livenessProbe".into(),
        probe("liveness", host, live, port, scheme),
    );
    container.insert("name".into(), json!(component));
    if let Some(path) = ready {
        container.insert(
            "readinessProbe".into(),
            probe("readiness", host, path, port, scheme),
        );
    }
    container.insert("resources".into(), resources);
    container.insert(
        "startupProbe".into(),
        probe("startup", host, startup, port, scheme),
    );
    let ms = mounts(component);
    // etcd mounts its data directory first (kubeadm lists them so).
    let mount_order: Vec<&Mount> = if component == "etcd" {
        ms.iter().rev().collect()
    } else {
        ms.iter().collect()
    };
    container.insert(
        "volumeMounts".into(),
        Value::Array(
            mount_order
                .iter()
                .map(|m| {
                    let mut v = json!({"mountPath": m.path, "name": m.name});
                    if m.read_only {
                        v["readOnly"] = json!(true);
                    }
                    v
                })
                .collect(),
        ),
    );
    let volumes: Vec<Value> = ms
        .iter()
        .map(|m| {
            let kind = if m.file {
                "FileOrCreate"
            } else {
                "DirectoryOrCreate"
            };
            json!({"hostPath": {"path": m.path, "type": kind}, "name": m.name})
        })
        .collect();
    let mut metadata = json!({
        "creationTimestamp": null,
        "labels": {"component": component, "tier": "control-plane"},
        "name": component,
        "namespace": "kube-system",
    });
    match component {
        "etcd" => {
            metadata["annotations"] = json!({
                "kubeadm.kubernetes.io/etcd.advertise-client-urls": format!("https://{}:2379", at.ip)
            })
        }
        "kube-apiserver" => {
            metadata["annotations"] = json!({
                "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint":
                    format!("{}:{}", at.ip, at.port)
            })
        }
        _ => {}
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": metadata,
        "spec": {
            "containers": [Value::Object(container)],
            "hostNetwork": true,
            "priority": 2000001000,
            "priorityClassName": "system-node-critical",
            "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
            "volumes": volumes,
        },
        "status": {},
    })
}

/// The static pod a mirror pod stands for: `component-<node>` with the
/// kubelet's file source.
pub fn component_of(pod: &Value) -> Option<&'static str> {
    let file = pod["metadata"]["annotations"]["kubernetes.io/config.source"] == "file";
    let label = pod["metadata"]["labels"]["component"].as_str()?;
    COMPONENTS.iter().copied().find(|c| file && *c == label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::printers::yaml::to_yaml;

    #[test]
    fn the_scheduler_manifest_is_kubeadms() {
        let text = to_yaml(&manifest("kube-scheduler", &MINIKUBE, None));
        assert_eq!(
            text,
            "apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=false
    image: registry.k8s.io/kube-scheduler:v1.33.1
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /livez
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: kube-scheduler
    readinessProbe:
      failureThreshold: 3
      httpGet:
        host: 127.0.0.1
        path: /readyz
        port: 10259
        scheme: HTTPS
      periodSeconds: 1
      timeoutSeconds: 15
    resources:
      requests:
        cpu: 100m
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: 127.0.0.1
        path: /livez
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /etc/kubernetes/scheduler.conf
      name: kubeconfig
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/kubernetes/scheduler.conf
      type: FileOrCreate
    name: kubeconfig
status: {}
"
        );
    }

    #[test]
    fn etcd_mounts_its_data_first_and_lists_volumes_by_name() {
        let m = manifest("etcd", &MINIKUBE, None);
        let c = &m["spec"]["containers"][0];
        assert_eq!(c["volumeMounts"][0]["name"], "etcd-data");
        assert_eq!(m["spec"]["volumes"][0]["name"], "etcd-certs");
        assert_eq!(
            c["command"][6],
            "--experimental-watch-progress-notify-interval=5s"
        );
        assert!(c.get("readinessProbe").is_some());
        let kcm = manifest("kube-controller-manager", &MINIKUBE, None);
        assert!(kcm["spec"]["containers"][0].get("readinessProbe").is_none());
    }
}
