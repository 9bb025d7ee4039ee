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

fn hex32(rng: &mut Rng) -> String {
    format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
}

fn node(world: &World, rng: &mut Rng) -> Value {
    let now = world.now().rfc3339();
    // minikube's updated_at label uses Go's layout 2006_01_02T15_04_05_0700 (UTC here).
    let updated_at = format!(
        "{}_0000",
        now.trim_end_matches('Z').replace(['-', ':'], "_")
    );
    let condition = |kind: &str, status: &str, reason: &str, message: &str| {
        json!({"type": kind, "status": status, "reason": reason, "message": message,
               "lastHeartbeatTime": now, "lastTransitionTime": now})
    };
    let machine_id = hex32(rng);
    let resources = json!({
        "cpu": "2", "ephemeral-storage": "61202244Ki", "hugepages-1Gi": "0",
        "hugepages-2Mi": "0", "memory": "8025424Ki", "pods": "110"
    });
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": NODE_NAME,
            "annotations": {
                "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/cri-dockerd.sock",
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true"
            },
            "labels": {
                "beta.kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/hostname": NODE_NAME,
                "kubernetes.io/os": "linux",
                "minikube.k8s.io/commit": "f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty",
                "minikube.k8s.io/name": "minikube",
                "minikube.k8s.io/primary": "true",
                "minikube.k8s.io/updated_at": updated_at,
                "minikube.k8s.io/version": "v1.36.0",
                "node-role.kubernetes.io/control-plane": "",
                "node.kubernetes.io/exclude-from-external-load-balancers": ""
            }
        },
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
        "status": {
            "addresses": [
                {"address": NODE_IP, "type": "InternalIP"},
                {"address": NODE_NAME, "type": "Hostname"}
            ],
            "allocatable": resources.clone(),
            "capacity": resources,
            "conditions": [
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {
                "architecture": "amd64",
                "bootID": rng.uuid(),
                "containerRuntimeVersion": "docker://28.1.1",
                "kernelVersion": "5.15.0-139-generic",
                "kubeProxyVersion": "",
                "kubeletVersion": "v1.33.1",
                "machineID": machine_id,
                "operatingSystem": "linux",
                "osImage": "Ubuntu 22.04.5 LTS",
                "systemUUID": rng.uuid()
            }
        }
    })
}

pub fn boot(world: &mut World, seed: u64) {
    let mut rng = Rng::seeded(seed ^ 0x6d69_6e69_6b75_6265);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        create(world, "namespaces", "", json!({"metadata": {"name": ns}}));
    }
    world.api.install_bootstrap_policy();
    let node = node(world, &mut rng);
    create(world, "nodes", "", node);
    // Pod IPs come from the node's 10.244.0.0/24; .1 is the bridge, .2 CoreDNS.
    let first_pod_ip = u32::from_be_bytes([10, 244, 0, 3]);
    world.kubelets.push(crate::kubelet::Kubelet::new(
        NODE_NAME,
        NODE_IP,
        first_pod_ip,
    ));
    world.kubelets[0].preload(super::minikube_system::PRELOADED);
    super::minikube_system::boot_control_plane(world);
    // kubeadm installs the add-ons a few seconds after the control plane is up.
    world.advance(ADDONS_AFTER_SECS * 1000);
    super::minikube_system::boot_addons(world);
    world.advance((STARTUP_SECS - ADDONS_AFTER_SECS) * 1000);
}
