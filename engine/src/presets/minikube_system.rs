//! What kubeadm and minikube put in kube-system (and the `kubernetes`
//! Service in default) on a fresh v1.33.1 cluster: the control-plane static
//! pods, CoreDNS, kube-proxy, storage-provisioner, their Services, the default
//! StorageClass. Facts: docs/facts/minikube-v1.33.md.

use super::minikube::{create, NODE_NAME};
use crate::api::meta;
use crate::world::World;
use serde_json::{json, Value};

/// Images minikube preloads into the node.
pub const PRELOADED: &[&str] = &[
    "registry.k8s.io/kube-apiserver:v1.33.1",
    "registry.k8s.io/kube-controller-manager:v1.33.1",
    "registry.k8s.io/kube-scheduler:v1.33.1",
    "registry.k8s.io/kube-proxy:v1.33.1",
    "registry.k8s.io/etcd:3.5.21-0",
    "registry.k8s.io/coredns/coredns:v1.12.0",
    "registry.k8s.io/pause:3.10",
    "gcr.io/k8s-minikube/storage-provisioner:v5",
];

fn critical_pod_spec(containers: Value, priority_class: &str) -> Value {
    json!({
        "containers": containers,
        "hostNetwork": true,
        "priorityClassName": priority_class,
        "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
        "tolerations": [{"effect": "NoExecute", "operator": "Exists"}],
    })
}

/// A kubelet static pod, as its mirror pod appears in the API.
fn static_pod(
    world: &World,
    node: &str,
    component: &str,
    image: &str,
    cpu: &str,
    node_uid: &str,
) -> Value {
    let name = format!("{component}-{node}");
    let hash = format!(
        "{:032x}",
        u128::from(crate::rng::Rng::seeded(component.len() as u64 * 7919).next_u64()) << 64
            | u128::from(component.as_bytes()[0])
    );
    let mut container = json!({
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "name": component,
        "resources": {"requests": {"cpu": cpu}},
    });
    if component == "etcd" {
        container["resources"]["requests"]["memory"] = json!("100Mi");
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "annotations": {
                "kubernetes.io/config.hash": hash,
                "kubernetes.io/config.mirror": hash,
                "kubernetes.io/config.seen": world.now().rfc3339().replace('Z', ".000000000Z"),
                "kubernetes.io/config.source": "file",
            },
            "labels": {"component": component, "tier": "control-plane"},
            "ownerReferences": [{"apiVersion": "v1", "controller": true, "kind": "Node", "name": node, "uid": node_uid}],
        },
        "spec": critical_pod_spec(json!([container]), "system-node-critical"),
    })
}

/// Where the apiserver listens: the control-plane node's address and port.
pub struct ApiServerAddress<'a> {
    pub node: &'a str,
    pub ip: &'a str,
    pub port: i64,
    /// Whether the scheduler and controller-manager elect a leader (and so
    /// hold Leases): kubeadm's default, which minikube's kubeadm config
    /// turns off (`leader-elect: "false"` in both components' extraArgs).
    pub leader_election: bool,
}

/// minikube's apiserver: 192.168.49.2:8443 on the node `minikube`.
pub const MINIKUBE_APISERVER: ApiServerAddress = ApiServerAddress {
    node: NODE_NAME,
    ip: "192.168.49.2",
    port: 8443,
    leader_election: false,
};

pub fn boot_control_plane(world: &mut World, at: &ApiServerAddress) {
    static_pods(world, at.node);
    create(
        world,
        "services",
        "default",
        json!({"metadata": {"name": "kubernetes", "labels": {"component": "apiserver", "provider": "kubernetes"}},
               "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": at.port}]}}),
    );
    kubernetes_endpoints(world, at);
    // The control plane's components take their leases as they start.
    let node_uid = node_uid(world, at.node);
    let seed = crate::leases::fnv(&node_uid);
    world.leases = crate::leases::control_plane(&mut world.api, at.node, seed, at.leader_election);
}

/// `kubeadm join --control-plane`: the node's own etcd member and control-plane
/// static pods; its apiserver joins the `kubernetes` endpoints (the lease
/// endpoint reconciler lists every live apiserver, IPs in order).
pub fn join_control_plane(world: &mut World, node: &str, ip: &str) {
    static_pods(world, node);
    // Its apiserver announces itself; the leaders stay on the first node.
    let mut rng = crate::rng::Rng::seeded(crate::leases::fnv(&node_uid(world, node)));
    let identity = crate::leases::apiserver_identity(&mut world.api, node, &mut rng);
    world.leases.push(identity);
    for resource in ["endpoints", "endpointslices.discovery.k8s.io"] {
        let Some(r) = world.api.registry().resolve(resource).cloned() else {
            continue;
        };
        let Ok(mut obj) = world.api.get(&r, "default", "kubernetes") else {
            continue;
        };
        let addresses = if resource == "endpoints" {
            &mut obj["subsets"][0]["addresses"]
        } else {
            &mut obj["endpoints"]
        };
        if let Some(list) = addresses.as_array_mut() {
            list.push(if resource == "endpoints" {
                json!({"ip": ip})
            } else {
                json!({"addresses": [ip], "conditions": {"ready": true}})
            });
            list.sort_by_key(|a| {
                let text = a["ip"].as_str().or(a["addresses"][0].as_str());
                text.and_then(|t| t.parse::<std::net::Ipv4Addr>().ok())
            });
        }
        let _ = world.api.update(&r, "default", obj);
    }
}

fn node_uid(world: &World, node: &str) -> String {
    world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .and_then(|r| world.api.get(&r, "", node).ok())
        .and_then(|n| meta::str_at(&n, &["metadata", "uid"]).map(String::from))
        .unwrap_or_default()
}

/// The control-plane static pods a kubeadm node runs, as mirror pods.
fn static_pods(world: &mut World, node: &str) {
    let node_uid = node_uid(world, node);
    for (component, image, cpu) in [
        ("etcd", "registry.k8s.io/etcd:3.5.21-0", "100m"),
        (
            "kube-apiserver",
            "registry.k8s.io/kube-apiserver:v1.33.1",
            "250m",
        ),
        (
            "kube-controller-manager",
            "registry.k8s.io/kube-controller-manager:v1.33.1",
            "200m",
        ),
        (
            "kube-scheduler",
            "registry.k8s.io/kube-scheduler:v1.33.1",
            "100m",
        ),
    ] {
        let mut pod = static_pod(world, node, component, image, cpu, &node_uid);
        // Mirror pods are bound by the kubelet that runs them, not scheduled.
        pod["spec"]["nodeName"] = json!(node);
        create(world, "pods", "kube-system", pod);
    }
}

/// The apiserver's own endpoint behind the `kubernetes` Service.
fn kubernetes_endpoints(world: &mut World, at: &ApiServerAddress) {
    create(
        world,
        "endpoints",
        "default",
        json!({"metadata": {"name": "kubernetes", "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
               "subsets": [{"addresses": [{"ip": at.ip}], "ports": [{"name": "https", "port": at.port, "protocol": "TCP"}]}]}),
    );
    create(
        world,
        "endpointslices.discovery.k8s.io",
        "default",
        json!({"metadata": {"name": "kubernetes", "labels": {"kubernetes.io/service-name": "kubernetes"}},
               "addressType": "IPv4",
               "endpoints": [{"addresses": [at.ip], "conditions": {"ready": true}}],
               "ports": [{"name": "https", "port": at.port, "protocol": "TCP"}]}),
    );
}

pub fn boot_addons(world: &mut World) {
    service_accounts(world, &["coredns", "kube-proxy", "storage-provisioner"]);
    kube_dns(world, 1);
    let ds = kube_proxy(world);
    first_kube_proxy_pod(world, &ds);
    storage_provisioner(world);
    let lock = crate::leases::provisioner_lock(&mut world.api);
    world.leases.push(lock);
}

pub fn service_accounts(world: &mut World, names: &[&str]) {
    for sa in names {
        create(
            world,
            "serviceaccounts",
            "kube-system",
            json!({"metadata": {"name": sa}}),
        );
    }
}

/// kubeadm's CoreDNS add-on: the `kube-dns` Service and the `coredns` Deployment.
pub fn kube_dns(world: &mut World, replicas: i64) {
    create(
        world,
        "services",
        "kube-system",
        json!({"metadata": {"name": "kube-dns",
                            "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"},
                            "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"}},
               "spec": {"clusterIP": "10.96.0.10", "selector": {"k8s-app": "kube-dns"},
                        "ports": [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                                  {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                                  {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}]}}),
    );
    let coredns_container = json!({
        "args": ["-conf", "/etc/coredns/Corefile"],
        "image": "registry.k8s.io/coredns/coredns:v1.12.0",
        "imagePullPolicy": "IfNotPresent",
        "name": "coredns",
        "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"},
                  {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                  {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}],
        "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
    });
    create(
        world,
        "deployments",
        "kube-system",
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "coredns", "labels": {"k8s-app": "kube-dns"}},
               "spec": {"replicas": replicas, "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
                        "strategy": {"rollingUpdate": {"maxUnavailable": 1}, "type": "RollingUpdate"},
                        "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}},
                                     "spec": {"containers": [coredns_container], "dnsPolicy": "Default",
                                              "priorityClassName": "system-cluster-critical",
                                              "serviceAccountName": "coredns",
                                              "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"},
                                                              {"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}}}}),
    );
}

/// kubeadm's kube-proxy DaemonSet, as created (before its controller syncs).
pub fn kube_proxy(world: &mut World) -> Value {
    let proxy_template = json!({
        "metadata": {"labels": {"k8s-app": "kube-proxy"}},
        "spec": {"containers": [{"command": ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                                 "image": "registry.k8s.io/kube-proxy:v1.33.1", "imagePullPolicy": "IfNotPresent",
                                 "name": "kube-proxy", "securityContext": {"privileged": true}}],
                 "hostNetwork": true, "nodeSelector": {"kubernetes.io/os": "linux"},
                 "priorityClassName": "system-node-critical", "serviceAccountName": "kube-proxy",
                 "tolerations": [{"operator": "Exists"}]},
    });
    create(
        world,
        "daemonsets",
        "kube-system",
        json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
               "metadata": {"name": "kube-proxy", "labels": {"k8s-app": "kube-proxy"}},
               "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}}, "template": proxy_template}}),
    );
    world
        .api
        .registry()
        .resolve("daemonsets")
        .cloned()
        .and_then(|r| world.api.get(&r, "kube-system", "kube-proxy").ok())
        .unwrap_or(json!({}))
}

/// The DaemonSet controller's first sync, as it ran on the real node:
/// revision kube-proxy-6d8d76f5f5 and the node's pod (bound at once here).
fn first_kube_proxy_pod(world: &mut World, ds: &Value) {
    let ds = ds.clone();
    let hash = "6d8d76f5f5";
    let annotations = ds["metadata"].get("annotations").cloned();
    let data = crate::controllers::daemonset::revision_data(&ds);
    crate::controllers::history::ensure(&mut world.api, &ds, "DaemonSet", data, hash, annotations);
    let mut pod = crate::controllers::daemonset::pod_for_node(&ds, NODE_NAME, hash);
    pod["metadata"]["generateName"] = json!("kube-proxy-");
    pod["metadata"]["ownerReferences"] = json!([crate::controllers::owned::owner_reference(
        &ds,
        "apps/v1",
        "DaemonSet"
    )]);
    pod["spec"]["nodeName"] = json!(NODE_NAME);
    create(world, "pods", "kube-system", pod);
}

/// minikube's storage-provisioner pod and its default StorageClass.
fn storage_provisioner(world: &mut World) {
    create(
        world,
        "pods",
        "kube-system",
        json!({"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": "storage-provisioner",
                            "labels": {"addonmanager.kubernetes.io/mode": "Reconcile", "integration-test": "storage-provisioner"}},
               "spec": {"containers": [{"command": ["/storage-provisioner"], "image": "gcr.io/k8s-minikube/storage-provisioner:v5",
                                        "imagePullPolicy": "IfNotPresent", "name": "storage-provisioner"}],
                        "hostNetwork": true, "serviceAccountName": "storage-provisioner"}}),
    );
    create(
        world,
        "storageclasses",
        "",
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
               "metadata": {"name": "standard",
                            "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
                            "labels": {"addonmanager.kubernetes.io/mode": "EnsureExists"}},
               "provisioner": "k8s.io/minikube-hostpath"}),
    );
}
