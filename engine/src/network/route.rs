//! Name resolution and TCP connects, as the pod network, CoreDNS and
//! kube-proxy decide them, or as the learner's own machine sees the
//! cluster (minikube with the docker driver: the node's IP is reachable,
//! ClusterIPs and pod IPs are not).

use super::view::View;
use crate::api::meta;
use serde_json::Value;

/// Where a connection starts.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// The learner's terminal.
    Host,
    /// Inside a pod (its namespace decides the DNS search path).
    Pod { namespace: &'a str, ip: &'a str },
}

/// Where a TCP connect ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// A listening program in a pod; `client` is the source address it sees.
    Pod {
        pod: usize,
        port: u16,
        client: String,
    },
    /// A port kubectl opened on the learner's machine.
    Listener(usize),
    /// A cluster's API server, at its kubeconfig address.
    ApiServer,
    /// Nothing listens (RST, or kube-proxy's reject for a Service without endpoints).
    Refused,
    /// Nothing answers at all (an address that routes nowhere).
    Timeout,
}

const LOOPBACK: &[&str] = &["127.0.0.1", "::1", "[::1]", "0.0.0.0"];

impl View {
    /// The address `host` resolves to from `origin`; None when it cannot
    /// be resolved (curl's `Could not resolve host`).
    pub fn resolve(&self, origin: Origin, host: &str) -> Option<String> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if is_ip(&host) || host == "::1" || host == "[::1]" {
            return Some(host);
        }
        if host == "localhost" {
            return Some("127.0.0.1".into());
        }
        let Origin::Pod { ip, .. } = origin else {
            return None;
        };
        // The pod's own name is in its /etc/hosts.
        if let Some(me) = self.pod_by_ip(ip) {
            if me.hostname == host {
                return Some(me.ip.clone());
            }
        }
        self.search_names(origin, &host)
            .iter()
            .find_map(|n| self.lookup(n))
    }

    /// The names a resolver tries for `host` from `origin`, in order: the
    /// pod's resolv.conf (search <ns>.svc.cluster.local svc.cluster.local
    /// cluster.local, ndots:5) puts the search domains first.
    pub fn search_names(&self, origin: Origin, host: &str) -> Vec<String> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut names = vec![];
        if let Origin::Pod { namespace, .. } = origin {
            if !host.ends_with(".cluster.local") {
                for suffix in [
                    format!("{namespace}.svc.cluster.local"),
                    "svc.cluster.local".into(),
                    "cluster.local".into(),
                ] {
                    names.push(format!("{host}.{suffix}"));
                }
            }
        }
        names.push(host);
        names
    }

    /// A cluster.local name's A record.
    fn lookup(&self, fqdn: &str) -> Option<String> {
        self.lookup_all(fqdn)?.into_iter().next()
    }

    /// Every A record CoreDNS holds for a cluster.local name: a Service's
    /// ClusterIP, a headless Service's ready endpoints, a pod's hostname
    /// under its subdomain, a dashed pod IP.
    pub fn lookup_all(&self, fqdn: &str) -> Option<Vec<String>> {
        let fqdn = fqdn.trim_end_matches('.').to_ascii_lowercase();
        let rest = fqdn.strip_suffix(".cluster.local")?;
        let labels: Vec<&str> = rest.split('.').collect();
        let found: Vec<String> = match labels.as_slice() {
            [svc, ns, "svc"] => {
                let s = self.service(ns, svc)?;
                match s["spec"]["clusterIP"].as_str() {
                    Some("None") => self
                        .ready_endpoints(s)
                        .into_iter()
                        .map(|(ip, _)| ip)
                        .collect(),
                    Some(ip) if !ip.is_empty() => vec![ip.to_string()],
                    _ => vec![],
                }
            }
            [host, svc, ns, "svc"] => {
                self.service(ns, svc)?;
                self.pods
                    .iter()
                    .filter(|p| {
                        p.namespace == *ns
                            && p.hostname == *host
                            && p.subdomain.as_deref() == Some(*svc)
                    })
                    .map(|p| p.ip.clone())
                    .take(1)
                    .collect()
            }
            [dashed, _ns, "pod"] => {
                let ip = dashed.replace('-', ".");
                if is_ip(&ip) {
                    vec![ip]
                } else {
                    vec![]
                }
            }
            _ => vec![],
        };
        (!found.is_empty()).then_some(found)
    }

    /// The PTR record CoreDNS answers for `ip`: a Service's ClusterIP names
    /// the Service; an endpoint's address names itself under its Service
    /// (by hostname, else dashed); other addresses have none.
    pub fn reverse(&self, ip: &str) -> Option<String> {
        let named = |s: &Value, label: &str| {
            let (ns, name) = (meta::namespace(s), meta::name(s));
            format!("{label}{name}.{ns}.svc.cluster.local")
        };
        if let Some(s) = self
            .services
            .iter()
            .find(|s| s["spec"]["clusterIP"].as_str() == Some(ip))
        {
            return Some(named(s, ""));
        }
        self.services.iter().find_map(|s| {
            self.ready_endpoints(s)
                .iter()
                .any(|(a, _)| a == ip)
                .then(|| {
                    let host = self
                        .pod_by_ip(ip)
                        .filter(|p| p.subdomain.as_deref() == Some(meta::name(s)))
                        .map(|p| p.hostname.clone())
                        .unwrap_or_else(|| ip.replace('.', "-"));
                    named(s, &format!("{host}."))
                })
        })
    }

    /// A TCP connect from `origin` to `ip:port`.
    pub fn connect(&mut self, origin: Origin, ip: &str, port: u16) -> Reach {
        let ip = ip.trim_start_matches('[').trim_end_matches(']');
        let node_ips: Vec<String> = self.nodes.iter().map(|(_, ip)| ip.clone()).collect();
        match origin {
            Origin::Host => {
                let api_ip = if ip == "localhost" { "127.0.0.1" } else { ip };
                if self
                    .api_servers
                    .iter()
                    .any(|(h, p)| h == api_ip && *p == port)
                {
                    return Reach::ApiServer;
                }
                if LOOPBACK.contains(&ip) || ip == "::1" {
                    let family_ok = |a: &str| {
                        a == "0.0.0.0"
                            || a == ip
                            || (a == "127.0.0.1" && ip == "0.0.0.0")
                            || (a == "localhost" && (ip == "127.0.0.1" || ip == "::1"))
                    };
                    return self
                        .net
                        .listeners
                        .iter()
                        .position(|l| l.port == port && l.addresses.iter().any(|a| family_ok(a)))
                        .map_or(Reach::Refused, Reach::Listener);
                }
                if node_ips.iter().any(|n| n == ip) {
                    return self.node_port(port, ip);
                }
                Reach::Timeout
            }
            Origin::Pod { ip: own, .. } => {
                if ip == "127.0.0.1" || ip == "::1" || ip == own {
                    return self.to_pod(own, port, "127.0.0.1");
                }
                if self.is_api_address(ip, port) {
                    return Reach::ApiServer;
                }
                if let Some((svc, sp)) = self.service_at(ip, port) {
                    return self.via_service(&svc, &sp, own);
                }
                if self.pod_by_ip(ip).is_some() {
                    return self.to_pod(ip, port, own);
                }
                if node_ips.iter().any(|n| n == ip) {
                    return self.node_port(port, own);
                }
                Reach::Timeout
            }
        }
    }

    /// A port on a node's IP: kube-proxy's NodePorts, else closed.
    fn node_port(&mut self, port: u16, _client: &str) -> Reach {
        let found = self.services.iter().find_map(|s| {
            s["spec"]["ports"].as_array()?.iter().find_map(|p| {
                (p["nodePort"].as_i64() == Some(i64::from(port))).then(|| (s.clone(), p.clone()))
            })
        });
        match found {
            // kube-proxy masquerades NodePort traffic: the pod sees its
            // node's bridge address.
            Some((svc, sp)) => self.via_service(&svc, &sp, "node"),
            None => Reach::Refused,
        }
    }

    /// The Service whose ClusterIP and port this is.
    fn service_at(&self, ip: &str, port: u16) -> Option<(Value, Value)> {
        let s = self.services.iter().find(|s| {
            s["spec"]["clusterIP"].as_str() == Some(ip)
                || s["spec"]["clusterIPs"]
                    .as_array()
                    .is_some_and(|ips| ips.iter().any(|i| i.as_str() == Some(ip)))
        })?;
        let sp = s["spec"]["ports"]
            .as_array()?
            .iter()
            .find(|p| p["port"].as_i64() == Some(i64::from(port)))?;
        Some(((**s).clone(), sp.clone()))
    }

    /// The ready endpoints of a Service: (pod IP, port by service port name).
    pub fn ready_endpoints(&self, svc: &Value) -> Vec<(String, Vec<(String, i64)>)> {
        let (ns, name) = (meta::namespace(svc), meta::name(svc));
        let mut out = vec![];
        for slice in &self.slices {
            let owner = meta::str_at(slice, &["metadata", "labels", "kubernetes.io/service-name"]);
            if meta::namespace(slice) != ns || owner != Some(name) {
                continue;
            }
            let ports: Vec<(String, i64)> = slice["ports"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                p["name"].as_str().unwrap_or("").to_string(),
                                p["port"].as_i64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            for e in slice["endpoints"].as_array().into_iter().flatten() {
                if e["conditions"]["ready"].as_bool() != Some(true) {
                    continue;
                }
                for a in e["addresses"].as_array().into_iter().flatten() {
                    if let Some(ip) = a.as_str() {
                        out.push((ip.to_string(), ports.clone()));
                    }
                }
            }
        }
        out
    }

    /// kube-proxy's choice among the ready endpoints (round-robin here),
    /// or its reject when there are none.
    fn via_service(&mut self, svc: &Value, sp: &Value, client: &str) -> Reach {
        let name = sp["name"].as_str().unwrap_or("");
        let ready = self.ready_endpoints(svc);
        if ready.is_empty() {
            return Reach::Refused;
        }
        let (ip, ports) = &ready[(self.net.picks % ready.len() as u64) as usize];
        self.net.picks += 1;
        let port = ports.iter().find(|(n, _)| n == name).map_or(0, |(_, p)| *p);
        let client = if client == "node" {
            self.pod_by_ip(ip).map(bridge_of).unwrap_or_default()
        } else {
            client.to_string()
        };
        let (ip, port) = (ip.clone(), port as u16);
        if self.is_api_address(&ip, port) {
            return Reach::ApiServer;
        }
        self.to_pod(&ip, port, &client)
    }

    /// Whether `ip:port` is where the pod network reaches the API server:
    /// the `kubernetes` Service's endpoint (the control-plane node's
    /// address and the server's port; the server itself keeps it).
    fn is_api_address(&self, ip: &str, port: u16) -> bool {
        self.slices.iter().any(|slice| {
            let of_kubernetes = meta::namespace(slice) == "default"
                && meta::str_at(slice, &["metadata", "labels", "kubernetes.io/service-name"])
                    == Some("kubernetes");
            of_kubernetes
                && slice["ports"][0]["port"].as_i64() == Some(i64::from(port))
                && slice["endpoints"][0]["addresses"][0].as_str() == Some(ip)
        })
    }

    /// A connect to a pod's IP: a listener, or a reset.
    pub fn to_pod(&self, ip: &str, port: u16, client: &str) -> Reach {
        let Some(i) = self
            .pods
            .iter()
            .position(|p| p.ip == ip && p.phase != "Succeeded" && p.phase != "Failed")
        else {
            return Reach::Timeout;
        };
        if self.pods[i].open.iter().any(|(_, p, ..)| *p == port) {
            Reach::Pod {
                pod: i,
                port,
                client: client.to_string(),
            }
        } else {
            Reach::Refused
        }
    }
}

/// The pod network's gateway on the pod's node (`x.y.z.1`): the source
/// address of traffic that comes from the node itself.
pub fn bridge_of(pod: &super::view::PodNet) -> String {
    match pod.ip.rsplit_once('.') {
        Some((net, _)) => format!("{net}.1"),
        None => pod.ip.clone(),
    }
}

pub fn is_ip(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::{Http, Server};
    use crate::network::view::PodNet;
    use crate::network::{Forward, Listener, Net};
    use serde_json::json;

    fn pod(name: &str, ip: &str, port: u16) -> PodNet {
        PodNet {
            namespace: "default".into(),
            name: name.into(),
            uid: format!("uid-{name}"),
            ip: ip.into(),
            phase: "Running".into(),
            hostname: name.into(),
            subdomain: None,
            node_ip: "192.168.49.2".into(),
            open: vec![(
                "c".into(),
                port,
                Http::Any {
                    body: "hi",
                    server: Server::Node,
                },
                0,
            )],
            busy_ms: 0,
        }
    }

    fn view() -> View {
        let mut web0 = pod("web-0", "10.244.0.7", 80);
        web0.subdomain = Some("web".into());
        View {
            now: 0,
            pods: vec![
                pod("a", "10.244.0.5", 8080),
                pod("b", "10.244.0.6", 8080),
                web0,
            ],
            services: [
                json!({"metadata": {"name": "svc", "namespace": "default"},
                       "spec": {"clusterIP": "10.96.0.20", "ports": [{"name": "http", "port": 80, "targetPort": "web", "nodePort": 30080}]}}),
                json!({"metadata": {"name": "empty", "namespace": "default"},
                       "spec": {"clusterIP": "10.96.0.21", "ports": [{"port": 80}]}}),
                json!({"metadata": {"name": "web", "namespace": "default"},
                       "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}),
                json!({"metadata": {"name": "kubernetes", "namespace": "default"},
                       "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "targetPort": 8443}]}}),
            ]
            .map(std::sync::Arc::new)
            .into(),
            slices: [
                json!({
                    "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"kubernetes.io/service-name": "kubernetes"}},
                    "ports": [{"name": "https", "port": 8443}],
                    "endpoints": [{"addresses": ["192.168.49.2"], "conditions": {"ready": true}}]
                }),
                json!({
                    "metadata": {"name": "web-x", "namespace": "default", "labels": {"kubernetes.io/service-name": "web"}},
                    "ports": [{"name": "", "port": 80}],
                    "endpoints": [{"addresses": ["10.244.0.7"], "conditions": {"ready": true}}]
                }),
                json!({
                    "metadata": {"name": "svc-x", "namespace": "default", "labels": {"kubernetes.io/service-name": "svc"}},
                    "ports": [{"name": "http", "port": 8080}],
                    "endpoints": [
                        {"addresses": ["10.244.0.5"], "conditions": {"ready": true}},
                        {"addresses": ["10.244.0.6"], "conditions": {"ready": true}},
                        {"addresses": ["10.244.0.9"], "conditions": {"ready": false}}
                    ]
                }),
            ]
            .map(std::sync::Arc::new)
            .into(),
            nodes: vec![("minikube".into(), "192.168.49.2".into())],
            net: Net {
                listeners: vec![Listener {
                    addresses: vec!["127.0.0.1".into(), "::1".into()],
                    port: 8080,
                    forward: Forward::Proxy,
                    job: Some(4243),
                }],
                picks: 0,
                exited: vec![],
            },
            logs: vec![],
            served: vec![],
            served_counts: vec![],
            waited_ms: 0,
            api_servers: vec![("127.0.0.1".into(), 46901)],
            api_cert: Default::default(),
        }
    }

    const IN_POD: Origin = Origin::Pod {
        namespace: "default",
        ip: "10.244.0.5",
    };

    #[test]
    fn dns_names_from_a_pod() {
        let v = view();
        for name in [
            "svc",
            "svc.default",
            "svc.default.svc",
            "svc.default.svc.cluster.local",
        ] {
            assert_eq!(
                v.resolve(IN_POD, name).as_deref(),
                Some("10.96.0.20"),
                "{name}"
            );
        }
        assert_eq!(
            v.resolve(IN_POD, "web-0.web.default.svc.cluster.local")
                .as_deref(),
            Some("10.244.0.7")
        );
        assert_eq!(v.resolve(IN_POD, "web").as_deref(), Some("10.244.0.7"));
        assert_eq!(
            v.resolve(IN_POD, "10-244-0-6.default.pod.cluster.local")
                .as_deref(),
            Some("10.244.0.6")
        );
        assert_eq!(v.resolve(IN_POD, "a").as_deref(), Some("10.244.0.5"));
        assert_eq!(v.resolve(IN_POD, "nosuch"), None);
        let other_ns = Origin::Pod {
            namespace: "kube-system",
            ip: "10.244.0.5",
        };
        assert_eq!(v.resolve(other_ns, "svc"), None);
        assert_eq!(
            v.resolve(other_ns, "svc.default").as_deref(),
            Some("10.96.0.20")
        );
    }

    #[test]
    fn the_host_resolves_only_addresses() {
        let v = view();
        assert_eq!(v.resolve(Origin::Host, "svc"), None);
        assert_eq!(
            v.resolve(Origin::Host, "localhost").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(
            v.resolve(Origin::Host, "10.96.0.20").as_deref(),
            Some("10.96.0.20")
        );
    }

    #[test]
    fn services_round_robin_over_ready_endpoints() {
        let mut v = view();
        let first = v.connect(IN_POD, "10.96.0.20", 80);
        let second = v.connect(IN_POD, "10.96.0.20", 80);
        let pods: Vec<_> = [first, second]
            .iter()
            .map(|r| match r {
                Reach::Pod { pod, port, .. } => (v.pods[*pod].name.clone(), *port),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(pods, [("a".to_string(), 8080), ("b".to_string(), 8080)]);
        // No endpoints: kube-proxy rejects; a port the Service lacks: nothing answers.
        assert_eq!(v.connect(IN_POD, "10.96.0.21", 80), Reach::Refused);
        assert_eq!(v.connect(IN_POD, "10.96.0.20", 81), Reach::Timeout);
    }

    #[test]
    fn pods_reach_the_api_server_through_its_service_or_its_address() {
        let mut v = view();
        assert_eq!(v.connect(IN_POD, "10.96.0.1", 443), Reach::ApiServer);
        assert_eq!(v.connect(IN_POD, "192.168.49.2", 8443), Reach::ApiServer);
        assert_eq!(v.connect(IN_POD, "192.168.49.2", 6443), Reach::Refused);
    }

    #[test]
    fn pods_nodeports_and_the_host() {
        let mut v = view();
        assert!(matches!(
            v.connect(IN_POD, "10.244.0.6", 8080),
            Reach::Pod { .. }
        ));
        assert_eq!(v.connect(IN_POD, "10.244.0.6", 80), Reach::Refused);
        assert_eq!(v.connect(IN_POD, "10.244.9.9", 80), Reach::Timeout);
        assert!(matches!(
            v.connect(Origin::Host, "192.168.49.2", 30080),
            Reach::Pod { .. }
        ));
        assert_eq!(
            v.connect(Origin::Host, "192.168.49.2", 30081),
            Reach::Refused
        );
        assert_eq!(v.connect(Origin::Host, "10.96.0.20", 80), Reach::Timeout);
        assert_eq!(v.connect(Origin::Host, "10.244.0.5", 8080), Reach::Timeout);
        assert_eq!(
            v.connect(Origin::Host, "127.0.0.1", 8080),
            Reach::Listener(0)
        );
        assert_eq!(v.connect(Origin::Host, "::1", 8080), Reach::Listener(0));
        assert_eq!(v.connect(Origin::Host, "127.0.0.1", 8081), Reach::Refused);
    }
}
