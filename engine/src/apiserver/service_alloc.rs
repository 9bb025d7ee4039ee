//! Service allocation on create (`pkg/registry/core/service/storage/alloc.go`,
//! DEFAULTS.md §6, VALIDATION.md §7): IP family fields, ClusterIP(s), node ports
//! and the health-check node port. Runs after admission and before validation,
//! so an allocation error is the only error reported.
//!
//! ClusterIPs come from the default ServiceCIDR (`service_cidr.rs`: minikube's
//! 10.96.0.0/12, kind's 10.96.0.0/16); node ports from 30000-32767.

// `Status` is the API server's error everywhere (`create` returns it unboxed too).
#![allow(clippy::result_large_err)]

use super::{ApiServer, ListOptions};
use crate::api::registry::ApiResource;
use crate::api::{meta, FieldError, Status};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

const NODE_PORTS: (u64, u64) = (30000, 32767);

impl ApiServer {
    pub(crate) fn allocate_service(
        &mut self,
        r: &ApiResource,
        svc: &mut Value,
    ) -> Result<(), Status> {
        let Some(spec) = svc.get("spec").filter(|s| s.is_object()) else {
            return Ok(());
        };
        let ty = spec["type"].as_str().unwrap_or("ClusterIP").to_string();
        if ty == "ExternalName" {
            return Ok(());
        }
        let name = meta::name(svc).to_string();
        let (taken_ips, taken_ports) = self.allocated(r);
        let cidr = self.service_cidr();
        let invalid = |field: &str, value: String, detail: String| {
            Status::invalid(r, &name, vec![FieldError::invalid(field, &value, &detail)])
        };

        // IP families: SingleStack IPv4, except selector-less headless services.
        let headless = spec["clusterIP"].as_str() == Some("None");
        let selectorless = spec["selector"].as_object().is_none_or(|m| m.is_empty());
        if spec["ipFamilyPolicy"].is_null() {
            let policy = if headless && selectorless {
                "RequireDualStack"
            } else {
                "SingleStack"
            };
            svc["spec"]["ipFamilyPolicy"] = json!(policy);
        }
        let no_families = svc["spec"]["ipFamilies"]
            .as_array()
            .is_none_or(|a| a.is_empty());
        if no_families {
            let dual = headless && selectorless && svc["spec"]["ipFamilyPolicy"] != "SingleStack";
            svc["spec"]["ipFamilies"] = if dual {
                json!(["IPv4", "IPv6"])
            } else {
                json!(["IPv4"])
            };
        }

        // ClusterIP and clusterIPs, kept in sync.
        let mut ip = svc["spec"]["clusterIP"].as_str().unwrap_or("").to_string();
        if ip.is_empty() {
            ip = svc["spec"]["clusterIPs"][0]
                .as_str()
                .unwrap_or("")
                .to_string();
        }
        if ip.is_empty() {
            ip = self.next_ip(cidr, &taken_ips).to_string();
        } else if ip != "None" {
            if let Ok(addr) = ip.parse::<Ipv4Addr>() {
                let bad = |why: &str| {
                    invalid(
                        "spec.clusterIPs",
                        format!("[]string{{{ip:?}}}"),
                        format!("failed to allocate IP {ip}: {why}"),
                    )
                };
                if !in_cidr(cidr, addr) {
                    return Err(bad("the provided network does not match the current range"));
                }
                if taken_ips.contains(&u32::from(addr)) {
                    return Err(bad("provided IP is already allocated"));
                }
            }
        }
        svc["spec"]["clusterIP"] = json!(ip);
        if svc["spec"]["clusterIPs"]
            .as_array()
            .is_none_or(|a| a.is_empty())
        {
            svc["spec"]["clusterIPs"] = json!([ip]);
        }

        // Node ports: ports sharing a port number share one node port.
        let allocate_lb = svc["spec"]["allocateLoadBalancerNodePorts"]
            .as_bool()
            .unwrap_or(true);
        let wants_node_ports = ty == "NodePort" || (ty == "LoadBalancer" && allocate_lb);
        let mut used = taken_ports;
        if ty == "NodePort" || ty == "LoadBalancer" {
            let ports: Vec<Value> = svc["spec"]["ports"].as_array().cloned().unwrap_or_default();
            let mut by_port: Vec<(i64, u64)> = vec![];
            for (i, p) in ports.iter().enumerate() {
                // Decoding rejects a port that is not an object; never index into one.
                if !p.is_object() {
                    continue;
                }
                let requested = p["nodePort"].as_u64().unwrap_or(0);
                if requested == 0 && !wants_node_ports {
                    continue;
                }
                let port = p["port"].as_i64().unwrap_or(0);
                let shared = by_port.iter().find(|(k, _)| *k == port).map(|(_, v)| *v);
                let np = match (shared, requested) {
                    (Some(s), 0) => s,
                    (Some(s), n) if n == s => s,
                    (_, 0) => {
                        // A later port with the same number may ask for a specific one.
                        let later = ports[i..]
                            .iter()
                            .find(|q| {
                                q["port"].as_i64() == Some(port)
                                    && q["nodePort"].as_u64().unwrap_or(0) != 0
                            })
                            .and_then(|q| q["nodePort"].as_u64());
                        match later {
                            Some(n) => take_port(&mut used, n).map_err(|e| {
                                invalid(&format!("spec.ports[{i}].nodePort"), n.to_string(), e)
                            })?,
                            None => self.next_port(&mut used),
                        }
                    }
                    (_, n) => take_port(&mut used, n).map_err(|e| {
                        invalid(&format!("spec.ports[{i}].nodePort"), n.to_string(), e)
                    })?,
                };
                by_port.push((port, np));
                svc["spec"]["ports"][i]["nodePort"] = json!(np);
            }
        }
        let local = svc["spec"]["externalTrafficPolicy"].as_str() == Some("Local");
        if ty == "LoadBalancer" && local {
            match svc["spec"]["healthCheckNodePort"].as_u64().unwrap_or(0) {
                0 => svc["spec"]["healthCheckNodePort"] = json!(self.next_port(&mut used)),
                n => {
                    take_port(&mut used, n)
                        .map_err(|e| invalid("spec.healthCheckNodePort", n.to_string(), e))?;
                }
            }
        }
        Ok(())
    }

    /// The ClusterIPs and node ports every existing Service holds.
    fn allocated(&self, r: &ApiResource) -> (BTreeSet<u32>, BTreeSet<u64>) {
        let (mut ips, mut ports) = (BTreeSet::new(), BTreeSet::new());
        for s in self
            .list(r, None, &ListOptions::default())
            .unwrap_or_default()
        {
            for ip in s["spec"]["clusterIPs"].as_array().into_iter().flatten() {
                if let Some(a) = ip.as_str().and_then(|x| x.parse::<Ipv4Addr>().ok()) {
                    ips.insert(u32::from(a));
                }
            }
            for p in s["spec"]["ports"].as_array().into_iter().flatten() {
                ports.extend(p["nodePort"].as_u64().filter(|n| *n != 0));
            }
            ports.extend(
                s["spec"]["healthCheckNodePort"]
                    .as_u64()
                    .filter(|n| *n != 0),
            );
        }
        (ips, ports)
    }

    /// A random free IP, from above the reserved low band first (offset
    /// min(max(16, size/16), 256)), as the v1.33 allocator picks dynamic IPs.
    fn next_ip(&mut self, cidr: (u32, u32), taken: &BTreeSet<u32>) -> Ipv4Addr {
        let size: u64 = (1u64 << (32 - cidr.1)) - 2;
        let offset = (size / 16).clamp(16, 256);
        let first = u64::from(cidr.0) + 1;
        for _ in 0..64 {
            let cand = (first + offset + self.rng_mut().below(size - offset)) as u32;
            if !taken.contains(&cand) {
                return Ipv4Addr::from(cand);
            }
        }
        let free = (first..first + size)
            .map(|a| a as u32)
            .find(|a| !taken.contains(a));
        Ipv4Addr::from(free.unwrap_or(first as u32))
    }

    /// A random free node port, upper band (above offset 86 for the default range) first.
    fn next_port(&mut self, used: &mut BTreeSet<u64>) -> u64 {
        let (lo, hi) = NODE_PORTS;
        let size = hi - lo + 1;
        let offset = (size / 32).clamp(16, 128);
        for _ in 0..64 {
            let cand = lo + offset + self.rng_mut().below(size - offset);
            if used.insert(cand) {
                return cand;
            }
        }
        let free = (lo + offset..=hi)
            .chain(lo..lo + offset)
            .find(|p| !used.contains(p));
        let port = free.unwrap_or(lo);
        used.insert(port);
        port
    }
}

fn in_cidr(cidr: (u32, u32), addr: Ipv4Addr) -> bool {
    let mask = u32::MAX << (32 - cidr.1);
    u32::from(addr) & mask == cidr.0
}

/// Claims a requested node port, or says why not (the port allocator's texts).
fn take_port(used: &mut BTreeSet<u64>, port: u64) -> Result<u64, String> {
    let (lo, hi) = NODE_PORTS;
    if !(lo..=hi).contains(&port) {
        return Err(format!(
            "provided port is not in the valid range. The range of valid ports is {lo}-{hi}"
        ));
    }
    if !used.insert(port) {
        return Err("provided port is already allocated".into());
    }
    Ok(port)
}
