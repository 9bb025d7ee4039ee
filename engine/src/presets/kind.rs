//! `kind create cluster` (kind v0.29.0, node image kindest/node:v1.33.1): the
//! node `kind-control-plane` (tainted) and its workers on the docker `kind`
//! network, kubeadm's kube-system, kind's kindnet CNI and its local-path
//! storage. Facts: kind's pkg/build/nodeimage/const_cni.go and
//! const_storage.go, images/base/Dockerfile (containerd v2.1.1) at v0.29.0.

use super::minikube::create;
use super::minikube_system::{self, ApiServerAddress};
use super::node::{add_control_plane_labels, kubelet_labels, node, NodeFacts};
use crate::rng::Rng;
use crate::world::World;
use serde_json::{json, Value};

/// The port docker publishes the apiserver on (kind picks a free one).
pub const HOST_PORT: u16 = 39_583;
const KINDNETD: &str = "docker.io/kindest/kindnetd:v20250512-df8de77b";
const PROVISIONER: &str = "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a";
const HELPER: &str = "docker.io/kindest/local-path-helper:v20241212-8ac705d0";

/// Seconds from the control plane registering to the workers joining, and
/// to the learner's prompt.
const WORKERS_JOIN_AFTER_SECS: i64 = 16;
const STARTUP_SECS: i64 = 40;
const ADDONS_AFTER_SECS: i64 = 6;

/// The images baked into kindest/node:v1.33.1.
const PRELOADED: &[&str] = &[
    "registry.k8s.io/kube-apiserver:v1.33.1",
    "registry.k8s.io/kube-controller-manager:v1.33.1",
    "registry.k8s.io/kube-scheduler:v1.33.1",
    "registry.k8s.io/kube-proxy:v1.33.1",
    "registry.k8s.io/etcd:3.5.21-0",
    "registry.k8s.io/coredns/coredns:v1.12.0",
    "registry.k8s.io/pause:3.10",
    KINDNETD,
    PROVISIONER,
    HELPER,
];

/// `<cluster>-control-plane`, `<cluster>-control-plane2`, ... (kind names
/// nodes after the cluster and role; the first of a role has no number).
pub fn control_plane_name(cluster: &str, i: usize) -> String {
    role_node_name(cluster, "control-plane", i)
}

/// `<cluster>-worker`, `<cluster>-worker2`, ...
pub fn worker_name(cluster: &str, i: usize) -> String {
    role_node_name(cluster, "worker", i)
}

fn role_node_name(cluster: &str, role: &str, i: usize) -> String {
    if i == 0 {
        format!("{cluster}-{role}")
    } else {
        format!("{cluster}-{role}{}", i + 1)
    }
}

/// Node `i` (0 = control plane) on the docker `kind` network, whose
/// addresses docker hands out from 172.18.0.2 (`first` is the first host
/// number this cluster's nodes get; clusters share the network).
fn node_ip(first: usize, i: usize) -> String {
    format!("172.18.0.{}", first + i)
}

/// Node `i` on the network; control planes are tainted against workloads,
/// except the only node of a one-node cluster, whose taint and
/// load-balancer exclusion kind removes (kubeadminit/init.go).
fn add_node(
    world: &mut World,
    rng: &mut Rng,
    cluster: &str,
    (first, i, control_plane, single): (usize, usize, bool, bool),
    name: &str,
) {
    let mut labels = kubelet_labels(name);
    let taints = control_plane.then(|| {
        add_control_plane_labels(&mut labels);
        json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}])
    });
    let taints = match single {
        true => {
            if let Some(l) = labels.as_object_mut() {
                l.remove("node.kubernetes.io/exclude-from-external-load-balancers");
            }
            None
        }
        false => taints,
    };
    let ip = node_ip(first, i);
    let cidr = format!("10.244.{i}.0/24");
    let obj = node(
        world,
        rng,
        NodeFacts {
            name,
            ip: &ip,
            pod_cidr: &cidr,
            labels,
            cri_socket: "unix:///run/containerd/containerd.sock",
            runtime: "containerd://2.1.1",
            os_image: "Debian GNU/Linux 12 (bookworm)",
            taints,
            provider_id: Some(format!("kind://docker/{cluster}/{name}")),
        },
    );
    create(world, "nodes", "", obj);
    // kindnet's ptp plugin hands out .2 upwards of the node's pod CIDR.
    let first_pod_ip = u32::from_be_bytes([10, 244, i as u8, 2]);
    let mut kubelet = crate::kubelet::Kubelet::new(name, &ip, first_pod_ip);
    kubelet.runtime = crate::images::Runtime::Containerd;
    kubelet.preload(PRELOADED);
    kubelet.register(&mut world.api);
    world.kubelets.push(kubelet);
}

/// The shape of a kind cluster: its name, `control_planes` control-plane
/// nodes (more than one: kubeadm's stacked etcd, each joining after the
/// first), `workers` workers, and the first host number of its node IPs.
pub struct Shape<'a> {
    pub cluster: &'a str,
    pub control_planes: usize,
    pub workers: usize,
    pub first_ip: usize,
}

/// The first host number docker gives the first cluster on the network.
pub const FIRST_IP: usize = 2;

/// Boots the kind cluster `shape` describes.
pub fn boot(world: &mut World, seed: u64, shape: &Shape) {
    let (cluster, control_planes, workers, first) = (
        shape.cluster,
        shape.control_planes,
        shape.workers,
        shape.first_ip,
    );
    let single = control_planes.max(1) + workers == 1;
    let mut rng = Rng::seeded(seed ^ 0x6b69_6e64_6b69_6e64);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        create(world, "namespaces", "", json!({"metadata": {"name": ns}}));
    }
    world.api.install_bootstrap_policy();
    world.api.install_system_priority_classes();
    world.api.install_default_service_cidr("10.96.0.0/16");
    let control_plane = control_plane_name(cluster, 0);
    add_node(
        world,
        &mut rng,
        cluster,
        (first, 0, true, single),
        &control_plane,
    );
    let cp_ip = node_ip(first, 0);
    minikube_system::boot_control_plane(
        world,
        &ApiServerAddress {
            node: &control_plane,
            ip: &cp_ip,
            port: 6443,
            leader_election: true,
        },
    );
    world.advance(ADDONS_AFTER_SECS * 1000);
    minikube_system::service_accounts(world, &["coredns", "kube-proxy"]);
    minikube_system::kube_dns(world, 2);
    minikube_system::kube_proxy(world);
    kindnet(world);
    local_path_storage(world);
    world.advance((WORKERS_JOIN_AFTER_SECS - ADDONS_AFTER_SECS) * 1000);
    for c in 1..control_planes {
        let name = control_plane_name(cluster, c);
        add_node(world, &mut rng, cluster, (first, c, true, false), &name);
        minikube_system::join_control_plane(world, &name, &node_ip(first, c));
    }
    for w in 0..workers {
        let i = control_planes.max(1) + w;
        add_node(
            world,
            &mut rng,
            cluster,
            (first, i, false, false),
            &worker_name(cluster, w),
        );
    }
    world.advance((STARTUP_SECS - WORKERS_JOIN_AFTER_SECS) * 1000);
}

/// kind's default CNI: the kindnet DaemonSet (const_cni.go).
fn kindnet(world: &mut World) {
    minikube_system::service_accounts(world, &["kindnet"]);
    let labels = json!({"app": "kindnet", "k8s-app": "kindnet", "tier": "node"});
    let container = json!({
        "name": "kindnet-cni",
        "image": KINDNETD,
        "env": [
            {"name": "HOST_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.hostIP"}}},
            {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
            {"name": "POD_SUBNET", "value": "10.244.0.0/16"}
        ],
        "resources": {"limits": {"cpu": "100m", "memory": "50Mi"}, "requests": {"cpu": "100m", "memory": "50Mi"}},
        "securityContext": {"capabilities": {"add": ["NET_RAW", "NET_ADMIN"]}, "privileged": false},
    });
    create(
        world,
        "daemonsets",
        "kube-system",
        json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
               "metadata": {"name": "kindnet", "labels": labels},
               "spec": {"selector": {"matchLabels": {"app": "kindnet"}},
                        "template": {"metadata": {"labels": labels},
                                     "spec": {"containers": [container], "hostNetwork": true,
                                              "nodeSelector": {"kubernetes.io/os": "linux"},
                                              "serviceAccountName": "kindnet",
                                              "tolerations": [{"operator": "Exists"}]}}}}),
    );
}

/// kind's default storage: rancher's local-path-provisioner (const_storage.go).
fn local_path_storage(world: &mut World) {
    create(
        world,
        "namespaces",
        "",
        json!({"metadata": {"name": "local-path-storage"}}),
    );
    create(
        world,
        "serviceaccounts",
        "local-path-storage",
        json!({"metadata": {"name": "local-path-provisioner-service-account"}}),
    );
    create(
        world,
        "configmaps",
        "local-path-storage",
        json!({"metadata": {"name": "local-path-config"}, "data": local_path_config()}),
    );
    let container = json!({
        "name": "local-path-provisioner",
        "image": PROVISIONER,
        "imagePullPolicy": "IfNotPresent",
        "command": ["local-path-provisioner", "--debug", "start", "--helper-image", HELPER,
                    "--config", "/etc/config/config.json"],
        "volumeMounts": [{"name": "config-volume", "mountPath": "/etc/config/"}],
        "env": [
            {"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
            {"name": "CONFIG_MOUNT_PATH", "value": "/etc/config/"}
        ],
    });
    create(
        world,
        "deployments",
        "local-path-storage",
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "local-path-provisioner"},
               "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "local-path-provisioner"}},
                        "template": {"metadata": {"labels": {"app": "local-path-provisioner"}},
                                     "spec": {"nodeSelector": {"kubernetes.io/os": "linux"},
                                              "tolerations": [
                                                  {"key": "node-role.kubernetes.io/control-plane", "operator": "Equal", "effect": "NoSchedule"},
                                                  {"key": "node-role.kubernetes.io/master", "operator": "Equal", "effect": "NoSchedule"}],
                                              "serviceAccountName": "local-path-provisioner-service-account",
                                              "containers": [container],
                                              "volumes": [{"name": "config-volume", "configMap": {"name": "local-path-config"}}]}}}}),
    );
    create(
        world,
        "storageclasses",
        "",
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
               "metadata": {"name": "standard",
                            "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
               "provisioner": "rancher.io/local-path",
               "reclaimPolicy": "Delete",
               "volumeBindingMode": "WaitForFirstConsumer"}),
    );
}

fn local_path_config() -> Value {
    json!({
        "config.json": "{\n        \"nodePathMap\":[\n        {\n                \"node\":\"DEFAULT_PATH_FOR_NON_LISTED_NODES\",\n                \"paths\":[\"/var/local-path-provisioner\"]\n        }\n        ]\n}",
        "setup": "#!/bin/sh\nset -eu\nmkdir -m 0777 -p \"$VOL_DIR\"",
        "teardown": "#!/bin/sh\nset -eu\nrm -rf \"$VOL_DIR\"",
    })
}
