//! The two PriorityClasses every cluster has: kube-apiserver's
//! `scheduling/bootstrap-system-priority-classes` post-start hook creates
//! them (texts and values from k8s.io/kubernetes pkg/apis/scheduling/v1).

use super::ApiServer;
use crate::rng::Rng;
use crate::store::Key;
use serde_json::json;

const SYSTEM_PRIORITY_CLASSES: &[(&str, i64, &str)] = &[
    (
        "system-node-critical",
        2_000_001_000,
        "Used for system critical pods that must not be moved from their current node.",
    ),
    (
        "system-cluster-critical",
        2_000_000_000,
        "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    ),
];

impl ApiServer {
    /// Stores the system PriorityClasses (their uids from a side stream, so
    /// the names and uids of everything else stay as they were).
    pub fn install_system_priority_classes(&mut self) {
        let mut rng = Rng::seeded(0x7072_696f_7269_7479);
        for (name, value, description) in SYSTEM_PRIORITY_CLASSES {
            let obj = json!({
                "apiVersion": "scheduling.k8s.io/v1",
                "kind": "PriorityClass",
                "metadata": {
                    "name": name,
                    "uid": rng.uuid(),
                    "creationTimestamp": self.now.rfc3339(),
                    "generation": 1,
                },
                "value": value,
                "description": description,
                "preemptionPolicy": "PreemptLowerPriority",
            });
            let _ = self
                .store
                .create(Key::new("scheduling.k8s.io/priorityclasses", "", name), obj);
        }
        self.publish();
    }
}
