//! coordination.k8s.io/v1 Leases and their renewal: each kubelet's node
//! lease in kube-node-lease, the control plane's leader-election leases
//! (kube-controller-manager, kube-scheduler) and the kube-apiserver identity
//! lease in kube-system.
//!
//! Renewal is lazy: a lease renews on a fixed grid (start + k·period) and
//! is written only when something settles, with the last renewal that fell
//! due. Nothing reads a lease between two instants at which the world
//! settles, so `sleep 3600` costs one write per lease, not 360.

use crate::api::meta;
use crate::apiserver::{ApiServer, WriteOptions};
use crate::clock::Time;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// kubelet `nodeLeaseDurationSeconds` (KubeletConfiguration default 40).
pub const NODE_LEASE_DURATION_S: i64 = 40;
/// The node lease controller renews every 0.25 × the duration
/// (`NodeLeaseRenewIntervalFraction`, pkg/kubelet/kubelet.go): 10 s.
pub const NODE_LEASE_RENEW_MS: i64 = NODE_LEASE_DURATION_S * 1000 / 4;
/// Leader election of kube-controller-manager and kube-scheduler
/// (`--leader-elect-lease-duration` 15s, `--leader-elect-retry-period` 2s:
/// the holder renews every retry period).
const LEADER_LEASE_DURATION_S: i64 = 15;
const LEADER_RENEW_MS: i64 = 2_000;
/// kube-apiserver identity lease (pkg/controlplane/apiserver/server.go:
/// `IdentityLeaseDurationSeconds` 3600, `IdentityLeaseRenewIntervalPeriod` 10s).
const IDENTITY_LEASE_DURATION_S: i64 = 3600;
const IDENTITY_RENEW_MS: i64 = 10_000;

/// One lease and the grid its holder renews it on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Renewer {
    pub namespace: String,
    pub name: String,
    period_ms: i64,
    /// The first renewal; later ones at `start + k * period_ms`.
    start: i64,
    /// Microseconds past the millisecond (renewTime is a MicroTime).
    micros: u32,
    /// The last renewal written.
    renewed: i64,
    /// The lease as first created, to recreate it if someone deletes it
    /// (the lease controllers create a missing lease on their next sync).
    template: Value,
    #[serde(default)]
    lock: Lock,
}

/// Where a holder keeps its record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lock {
    /// A coordination.k8s.io Lease (spec.renewTime).
    #[default]
    Lease,
    /// client-go's older Endpoints lock: a LeaderElectionRecord as JSON in
    /// the `control-plane.alpha.kubernetes.io/leader` annotation (what
    /// minikube's storage-provisioner still uses).
    Endpoints,
}

/// A LeaderElectionRecord as client-go marshals it (its fields' order).
fn leader_record(holder: &str, acquired: &str, renewed: &str) -> String {
    format!(
        r#"{{"holderIdentity":"{holder}","leaseDurationSeconds":{LEADER_LEASE_DURATION_S},"acquireTime":"{acquired}","renewTime":"{renewed}","leaderTransitions":0}}"#
    )
}

/// The Endpoints lock's annotation.
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";

/// A metav1.MicroTime: RFC 3339 with six fractional digits.
pub fn micro_time(ms: i64, micros: u32) -> String {
    let whole = Time(ms).rfc3339();
    format!(
        "{}.{:03}{:03}Z",
        whole.trim_end_matches('Z'),
        ms.rem_euclid(1000),
        micros % 1000
    )
}

fn leases(api: &ApiServer) -> Option<crate::api::ApiResource> {
    api.registry()
        .resolve("leases.coordination.k8s.io")
        .cloned()
}

impl Renewer {
    /// The latest renewal due at `now`.
    fn due(&self, now: i64) -> i64 {
        if now < self.start {
            return self.renewed.min(self.start);
        }
        self.start + (now - self.start) / self.period_ms * self.period_ms
    }

    /// Writes the renewal that fell due by `now`, if not written yet.
    pub fn renew(&mut self, api: &mut ApiServer, now: i64) {
        let due = self.due(now);
        if due <= self.renewed {
            return;
        }
        self.renewed = due;
        if self.lock == Lock::Endpoints {
            return self.renew_endpoints(api, due);
        }
        let Some(r) = leases(api) else { return };
        let time = micro_time(due, self.micros);
        match api.get(&r, &self.namespace, &self.name) {
            Ok(mut lease) => {
                lease["spec"]["renewTime"] = json!(time);
                let _ = api.write_status(&r, &self.namespace, lease);
            }
            Err(_) => {
                let mut lease = self.template.clone();
                lease["spec"]["renewTime"] = json!(time);
                if lease["spec"].get("acquireTime").is_some() {
                    lease["spec"]["acquireTime"] = json!(time);
                }
                let salt = self.start as u64 ^ due as u64;
                api.with_rng_stream(salt, |api| {
                    let _ = api.create(&r, &self.namespace, lease, &WriteOptions::default());
                });
            }
        }
    }

    /// Rewrites the record's renewTime (or the whole object, if deleted).
    fn renew_endpoints(&self, api: &mut ApiServer, due: i64) {
        let Some(r) = api.registry().resolve("endpoints").cloned() else {
            return;
        };
        let time = Time(due).rfc3339();
        let (mut obj, fresh) = match api.get(&r, &self.namespace, &self.name) {
            Ok(obj) => (obj, false),
            Err(_) => (self.template.clone(), true),
        };
        let Some(text) = obj["metadata"]["annotations"][LEADER_ANNOTATION].as_str() else {
            return;
        };
        let record: Value = serde_json::from_str(text).unwrap_or_default();
        let acquired = if fresh {
            time.clone()
        } else {
            record["acquireTime"].as_str().unwrap_or("").to_string()
        };
        let holder = record["holderIdentity"].as_str().unwrap_or("");
        obj["metadata"]["annotations"][LEADER_ANNOTATION] =
            json!(leader_record(holder, &acquired, &time));
        if fresh {
            let salt = self.start as u64 ^ due as u64;
            api.with_rng_stream(salt, |api| {
                let _ = api.create(&r, &self.namespace, obj, &WriteOptions::default());
            });
        } else {
            let _ = api.update(&r, &self.namespace, obj);
        }
    }

    /// Starts renewing again at `now` (a kubelet starting), renewing at once.
    pub fn restart(&mut self, api: &mut ApiServer, now: i64) {
        self.start = now;
        self.renewed = now - 1;
        self.renew(api, now);
    }
}

/// Creates a lease renewed every `period_ms`, its holder's renewals landing
/// `offset_us` (< 1s) past the instant it started; names and UIDs from a
/// side stream so existing names never shift.
fn create(api: &mut ApiServer, lease: Value, period_ms: i64, offset_us: u64) -> Renewer {
    let namespace = meta::namespace(&lease).to_string();
    let name = meta::name(&lease).to_string();
    let start = api.now().0 + (offset_us % 1_000_000 / 1000) as i64;
    let micros = (offset_us % 1000) as u32;
    let mut template = lease;
    template["spec"]["renewTime"] = json!(micro_time(start, micros));
    if template["spec"].get("acquireTime").is_some() {
        template["spec"]["acquireTime"] = json!(micro_time(start, micros));
    }
    if let Some(r) = leases(api) {
        let salt = fnv(&format!("{namespace}/{name}"));
        let obj = template.clone();
        api.with_rng_stream(salt, |api| {
            let _ = api.create(&r, &namespace, obj, &WriteOptions::default());
        });
    }
    Renewer {
        namespace,
        name,
        period_ms,
        start,
        micros,
        renewed: start,
        template,
        lock: Lock::Lease,
    }
}

/// minikube's storage-provisioner taking its Endpoints lock
/// `kube-system/k8s.io-minikube-hostpath` (sig-storage-lib-external-
/// provisioner: 15 s lease, renewed every 2 s retry period), and the
/// `LeaderElection` event its recorder (named `<provisioner>_<holder>`)
/// writes on it.
pub fn provisioner_lock(api: &mut ApiServer) -> Renewer {
    let holder = crate::controllers::provisioner::HOLDER;
    let now = api.now().0;
    let at = Time(now).rfc3339();
    let record = leader_record(holder, &at, &at);
    let name = "k8s.io-minikube-hostpath";
    let template = json!({
        "apiVersion": "v1", "kind": "Endpoints",
        "metadata": {"name": name, "namespace": "kube-system",
                     "annotations": {LEADER_ANNOTATION: record}},
    });
    let created = api.registry().resolve("endpoints").cloned().and_then(|r| {
        let obj = template.clone();
        api.with_rng_stream(fnv(holder), |api| {
            api.create(&r, "kube-system", obj, &WriteOptions::default())
                .ok()
        })
    });
    if let Some(obj) = created {
        let source = crate::controllers::provisioner::SOURCE;
        let message = format!("{holder} became leader");
        api.with_rng_stream(fnv(holder) ^ 1, |api| {
            crate::recorder::record(
                api,
                &obj,
                None,
                "Normal",
                "LeaderElection",
                &message,
                &source,
            );
        });
    }
    Renewer {
        namespace: "kube-system".into(),
        name: name.into(),
        period_ms: LEADER_RENEW_MS,
        start: now,
        micros: 0,
        renewed: now,
        template,
        lock: Lock::Endpoints,
    }
}

/// FNV-1a: a stable number from a name (salts, phases).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The kubelet's node lease (pkg/kubelet/nodelease.go): owned by the Node,
/// held by the node's name, no acquireTime.
pub fn node_lease(api: &mut ApiServer, node: &Value) -> Renewer {
    let name = meta::name(node).to_string();
    let uid = meta::str_at(node, &["metadata", "uid"]).unwrap_or("");
    let lease = json!({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": {"name": name, "namespace": "kube-node-lease",
                     "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": name, "uid": uid}]},
        "spec": {"holderIdentity": name, "leaseDurationSeconds": NODE_LEASE_DURATION_S},
    });
    create(api, lease, NODE_LEASE_RENEW_MS, fnv(&name))
}

/// `apiserver-` + the lowercase unpadded base32 of the first 16 bytes of
/// SHA-256(hostname) (k8s.io/apiserver/pkg/server/config.go, APIServerID).
pub fn apiserver_id(hostname: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(hostname.as_bytes());
    let alphabet = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::from("apiserver-");
    let (mut buf, mut bits) = (0u32, 0);
    for b in &hash[..16] {
        buf = (buf << 8) | *b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(alphabet[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(alphabet[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The identity lease of the kube-apiserver on `host` (one per apiserver).
pub fn apiserver_identity(api: &mut ApiServer, host: &str, rng: &mut Rng) -> Renewer {
    let id = apiserver_id(host);
    let identity = json!({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": {"name": id, "namespace": "kube-system",
                     "labels": {"apiserver.kubernetes.io/identity": "kube-apiserver",
                                "kubernetes.io/hostname": host}},
        "spec": {"holderIdentity": format!("{id}_{}", rng.uuid()),
                 "leaseDurationSeconds": IDENTITY_LEASE_DURATION_S},
    });
    create(api, identity, IDENTITY_RENEW_MS, rng.next_u64())
}

/// The control plane's leases on `host`: the kube-apiserver identity lease
/// and, with `leader_election`, the leader-election leases of
/// kube-controller-manager and kube-scheduler, each holder `<host>_<uuid>`.
pub fn control_plane(
    api: &mut ApiServer,
    host: &str,
    seed: u64,
    leader_election: bool,
) -> Vec<Renewer> {
    let mut rng = Rng::seeded(seed ^ 0x6c65_6173_6573);
    let mut out = vec![apiserver_identity(api, host, &mut rng)];
    let leaders: &[&str] = if leader_election {
        &["kube-controller-manager", "kube-scheduler"]
    } else {
        &[]
    };
    for name in leaders {
        let holder = format!("{host}_{}", rng.uuid());
        let lease = json!({
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": name, "namespace": "kube-system"},
            "spec": {"holderIdentity": holder,
                     "leaseDurationSeconds": LEADER_LEASE_DURATION_S,
                     "acquireTime": "",
                     "leaseTransitions": 0},
        });
        out.push(create(api, lease, LEADER_RENEW_MS, rng.next_u64()));
        announce_leader(api, name, &holder);
    }
    out
}

/// The new leader's `LeaderElection` event on its Lease (client-go
/// resourcelock RecordEvent), from the component's legacy recorder: the
/// scheduler records as its profile's scheduler name.
fn announce_leader(api: &mut ApiServer, name: &str, holder: &str) {
    let Some(lease) = leases(api).and_then(|r| api.get(&r, "kube-system", name).ok()) else {
        return;
    };
    let component = if name == "kube-scheduler" {
        "default-scheduler"
    } else {
        "kube-controller-manager"
    };
    let source = crate::recorder::Source {
        component,
        host: String::new(),
    };
    let message = format!("{holder} became leader");
    api.with_rng_stream(fnv(holder), |api| {
        crate::recorder::record(
            api,
            &lease,
            None,
            "Normal",
            "LeaderElection",
            &message,
            &source,
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micro_times_have_six_digits() {
        assert_eq!(
            micro_time(1_748_768_410_123, 456),
            "2025-06-01T09:00:10.123456Z"
        );
    }

    #[test]
    fn apiserver_ids_are_base32_of_the_hostname_hash() {
        // python3: base64.b32encode(sha256(b"minikube").digest()[:16]).lower()
        assert_eq!(
            apiserver_id("minikube"),
            "apiserver-kcdegeihzlqbkh65rirrc5zxju"
        );
        assert_eq!(
            apiserver_id("kind-control-plane"),
            "apiserver-c4vwjftbvpc5os2vvzle4qg27a"
        );
    }
}
