//! MultiCIDRServiceAllocator (GA and on by default in v1.33): the default
//! `kubernetes` ServiceCIDR the apiserver's `kubernetes-service-cidr-controller`
//! creates from `--service-cluster-ip-range`, and one IPAddress object per
//! allocated ClusterIP, written by the apiserver's ipallocator
//! (`pkg/registry/core/service/ipallocator/ipallocator.go`) and deleted when
//! the Service goes.

use super::ApiServer;
use crate::api::meta;
use crate::rng::Rng;
use crate::store::Key;
use serde_json::{json, Value};
use std::net::Ipv4Addr;

const SERVICE_CIDRS: &str = "networking.k8s.io/servicecidrs";
const IP_ADDRESSES: &str = "networking.k8s.io/ipaddresses";
/// The name the default ServiceCIDR always has (`DefaultServiceCIDRName`).
const DEFAULT_NAME: &str = "kubernetes";
/// Added by kube-controller-manager's servicecidrs controller.
const FINALIZER: &str = "networking.k8s.io/service-cidr-finalizer";
/// `LabelManagedBy` value of the ipallocator (`ControllerName`).
const MANAGED_BY: &str = "ipallocator.k8s.io";
/// minikube's `--service-cluster-ip-range`, the range when none is stored.
const FALLBACK: (u32, u32) = (0x0a60_0000, 12);

impl ApiServer {
    /// Stores the default ServiceCIDR, Ready as its controller reports it (the
    /// condition carries a message and no reason). Its uid comes from a side
    /// stream, so every other name and uid stays as it was.
    pub fn install_default_service_cidr(&mut self, cidr: &str) {
        let mut rng = Rng::seeded(0x7365_7276_6963_6563);
        let now = self.now.rfc3339();
        let obj = json!({
            "apiVersion": "networking.k8s.io/v1",
            "kind": "ServiceCIDR",
            "metadata": {
                "name": DEFAULT_NAME,
                "uid": rng.uuid(),
                "creationTimestamp": now,
                "finalizers": [FINALIZER],
            },
            "spec": {"cidrs": [cidr]},
            "status": {"conditions": [{
                "type": "Ready",
                "status": "True",
                "lastTransitionTime": now,
                "reason": "",
                "message": "Kubernetes default Service CIDR is ready",
            }]},
        });
        let _ = self
            .store
            .create(Key::new(SERVICE_CIDRS, "", DEFAULT_NAME), obj);
        self.publish();
    }

    /// The range ClusterIPs come from: the default ServiceCIDR's first CIDR.
    pub(crate) fn service_cidr(&self) -> (u32, u32) {
        let stored = self
            .store
            .get(&Key::new(SERVICE_CIDRS, "", DEFAULT_NAME))
            .and_then(|o| o["spec"]["cidrs"][0].as_str().and_then(parse_cidr));
        stored.unwrap_or(FALLBACK)
    }

    /// Records the IPAddress objects of a Service about to be stored.
    pub(crate) fn claim_service_ips(&mut self, svc: &Value) {
        let (ns, name) = (meta::namespace(svc), meta::name(svc));
        for ip in cluster_ips(svc) {
            // A side stream per address and moment: never shifts other names.
            let salt = u64::from(u32::from(ip)) ^ (self.store.revision() << 32);
            let uid = Rng::seeded(salt ^ 0x6970_6164_6472).uuid();
            let obj = json!({
                "apiVersion": "networking.k8s.io/v1",
                "kind": "IPAddress",
                "metadata": {
                    "name": ip.to_string(),
                    "uid": uid,
                    "creationTimestamp": self.now.rfc3339(),
                    "labels": {
                        "ipaddress.kubernetes.io/ip-family": "IPv4",
                        "ipaddress.kubernetes.io/managed-by": MANAGED_BY,
                    },
                },
                "spec": {"parentRef": {"resource": "services", "namespace": ns, "name": name}},
            });
            let _ = self
                .store
                .create(Key::new(IP_ADDRESSES, "", &ip.to_string()), obj);
        }
    }

    /// Releases the IPAddress objects of a Service that is gone.
    pub(crate) fn release_service_ips(&mut self, svc: &Value) {
        for ip in cluster_ips(svc) {
            let _ = self
                .store
                .delete(&Key::new(IP_ADDRESSES, "", &ip.to_string()));
        }
    }
}

/// The IPv4 ClusterIPs a Service holds (none for headless or ExternalName).
fn cluster_ips(svc: &Value) -> Vec<Ipv4Addr> {
    svc["spec"]["clusterIPs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|ip| ip.as_str()?.parse().ok())
        .collect()
}

/// `10.96.0.0/12` as (network, prefix bits).
fn parse_cidr(cidr: &str) -> Option<(u32, u32)> {
    let (ip, bits) = cidr.split_once('/')?;
    let bits: u32 = bits.parse().ok().filter(|b| (8..=30).contains(b))?;
    Some((u32::from(ip.parse::<Ipv4Addr>().ok()?), bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_parse_as_the_flag_writes_them() {
        assert_eq!(parse_cidr("10.96.0.0/12"), Some((0x0a60_0000, 12)));
        assert_eq!(parse_cidr("10.96.0.0/16"), Some((0x0a60_0000, 16)));
        assert_eq!(parse_cidr("10.96.0.0"), None);
        assert_eq!(parse_cidr("nonsense/12"), None);
    }

    #[test]
    fn only_ipv4_cluster_ips_are_claimed() {
        let svc = json!({"spec": {"clusterIPs": ["10.96.0.10", "None", "fd00::1"]}});
        assert_eq!(cluster_ips(&svc), vec![Ipv4Addr::new(10, 96, 0, 10)]);
    }
}
