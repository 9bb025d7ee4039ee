//! A registered Node as its kubelet reports it, shared by the presets: they
//! differ in names, addresses, labels and the container runtime.

use crate::rng::Rng;
use crate::world::World;
use serde_json::{json, Value};

/// What tells one preset's node from another's.
pub struct NodeFacts<'a> {
    pub name: &'a str,
    pub ip: &'a str,
    pub pod_cidr: &'a str,
    pub labels: Value,
    pub cri_socket: &'a str,
    pub runtime: &'a str,
    pub os_image: &'a str,
    /// `spec.taints` and `spec.providerID`, when the preset sets them.
    pub taints: Option<Value>,
    pub provider_id: Option<String>,
}

fn hex32(rng: &mut Rng) -> String {
    format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
}

/// The labels every kubelet puts on its node.
pub fn kubelet_labels(name: &str) -> Value {
    json!({
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
    })
}

/// The labels kubeadm adds to a control-plane node.
pub fn add_control_plane_labels(labels: &mut Value) {
    labels["node-role.kubernetes.io/control-plane"] = json!("");
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = json!("");
}

pub fn node(world: &World, rng: &mut Rng, f: NodeFacts) -> Value {
    let now = world.now().rfc3339();
    let condition = |kind: &str, status: &str, reason: &str, message: &str| {
        json!({"type": kind, "status": status, "reason": reason, "message": message,
               "lastHeartbeatTime": now, "lastTransitionTime": now})
    };
    let machine_id = hex32(rng);
    let resources = json!({
        "cpu": "2", "ephemeral-storage": "61202244Ki", "hugepages-1Gi": "0",
        "hugepages-2Mi": "0", "memory": "8025424Ki", "pods": "110"
    });
    let mut spec = json!({"podCIDR": f.pod_cidr, "podCIDRs": [f.pod_cidr]});
    if let Some(id) = f.provider_id {
        spec["providerID"] = json!(id);
    }
    if let Some(taints) = f.taints {
        spec["taints"] = taints;
    }
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": f.name,
            "annotations": {
                "kubeadm.alpha.kubernetes.io/cri-socket": f.cri_socket,
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true"
            },
            "labels": f.labels,
        },
        "spec": spec,
        "status": {
            "addresses": [
                {"address": f.ip, "type": "InternalIP"},
                {"address": f.name, "type": "Hostname"}
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
                "containerRuntimeVersion": f.runtime,
                "kernelVersion": crate::images::NODE_KERNEL,
                "kubeProxyVersion": "",
                "kubeletVersion": "v1.33.1",
                "machineID": machine_id,
                "operatingSystem": "linux",
                "osImage": f.os_image,
                "systemUUID": rng.uuid()
            }
        }
    })
}
