//! `minikube start` (minikube v1.36.0, Kubernetes v1.33.1, docker driver): one
//! node `minikube` and the four namespaces. Facts: docs/facts/minikube-v1.33.md.

use crate::apiserver::WriteOptions;
use crate::rng::Rng;
use crate::world::World;
use serde_json::{json, Value};

pub const NODE_NAME: &str = "minikube";
pub const NODE_IP: &str = "192.168.49.2";

/// Seconds `minikube start` takes after the node registers, before the learner's prompt.
pub const STARTUP_SECS: i64 = 60;
const ADDONS_AFTER_SECS: i64 = 6;

pub(super) fn create(world: &mut World, resource: &str, namespace: &str, obj: Value) {
    let r = world
        .api
        .registry()
        .resolve(resource)
        .cloned()
        .expect("preset kinds are served");
    world
        .api
        .create(&r, namespace, obj, &WriteOptions::default())
        .expect("preset objects are valid");
}

/// A minikube node: `minikube` (the primary, control plane) or a worker
/// `minikube-mNN` that `minikube node add` made.
fn node(world: &World, rng: &mut Rng, name: &str, ip: &str, pod_cidr: &str) -> Value {
    let now = world.now().rfc3339();
    let primary = name == NODE_NAME;
    // minikube's updated_at label uses Go's layout 2006_01_02T15_04_05_0700 (UTC here).
    let updated_at = format!(
        "{}_0000",
        now.trim_end_matches('Z').replace(['-', ':'], "_")
    );
    let mut labels = super::node::kubelet_labels(name);
    labels["minikube.k8s.io/commit"] = json!("f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty");
    labels["minikube.k8s.io/name"] = json!("minikube");
    labels["minikube.k8s.io/primary"] = json!(primary.to_string());
    labels["minikube.k8s.io/updated_at"] = json!(updated_at);
    labels["minikube.k8s.io/version"] = json!("v1.36.0");
    if primary {
        super::node::add_control_plane_labels(&mut labels);
    }
    super::node::node(
        world,
        rng,
        super::node::NodeFacts {
            name,
            ip,
            pod_cidr,
            labels,
            cri_socket: "unix:///var/run/cri-dockerd.sock",
            runtime: "docker://28.1.1",
            os_image: "Ubuntu 22.04.5 LTS",
            taints: None,
            provider_id: None,
        },
    )
}

/// `minikube node add`'s worker number `n` (2 = minikube-m02): the node on
/// the next address of the `minikube` docker network, registered with its
/// kubelet. Machine IDs and UIDs come from a side stream.
pub fn add_worker(world: &mut World, n: usize) -> String {
    let name = format!("{NODE_NAME}-m{n:02}");
    let ip = format!("192.168.49.{}", n + 1);
    let cidr = format!("10.244.{}.0/24", n - 1);
    let mut rng = Rng::seeded(crate::leases::fnv(&name));
    let obj = node(world, &mut rng, &name, &ip, &cidr);
    world.api.with_rng_stream(crate::leases::fnv(&ip), |api| {
        let r = api.registry().resolve("nodes").cloned();
        if let Some(r) = r {
            let _ = api.create(&r, "", obj, &WriteOptions::default());
        }
    });
    let first_pod_ip = u32::from_be_bytes([10, 244, (n - 1) as u8, 2]);
    let mut kubelet = crate::kubelet::Kubelet::new(&name, &ip, first_pod_ip);
    kubelet.preload(super::minikube_system::PRELOADED);
    kubelet.register(&mut world.api);
    world.kubelets.push(kubelet);
    name
}

pub fn boot(world: &mut World, seed: u64) {
    let mut rng = Rng::seeded(seed ^ 0x6d69_6e69_6b75_6265);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        create(world, "namespaces", "", json!({"metadata": {"name": ns}}));
    }
    world.api.install_bootstrap_policy();
    world.api.install_system_priority_classes();
    world.api.install_default_service_cidr("10.96.0.0/12");
    let node = node(world, &mut rng, NODE_NAME, NODE_IP, "10.244.0.0/24");
    create(world, "nodes", "", node);
    // Pod IPs come from the node's 10.244.0.0/24; .1 is the bridge, .2 CoreDNS.
    let first_pod_ip = u32::from_be_bytes([10, 244, 0, 3]);
    world.kubelets.push(crate::kubelet::Kubelet::new(
        NODE_NAME,
        NODE_IP,
        first_pod_ip,
    ));
    world.kubelets[0].preload(super::minikube_system::PRELOADED);
    world.kubelets[0].register(&mut world.api);
    super::minikube_system::boot_control_plane(world, &super::minikube_system::MINIKUBE_APISERVER);
    // kubeadm installs the add-ons a few seconds after the control plane is up.
    world.advance(ADDONS_AFTER_SECS * 1000);
    super::minikube_system::boot_addons(world);
    world.advance((STARTUP_SECS - ADDONS_AFTER_SECS) * 1000);
}
