//! Ephemeral (debug) containers: `kubectl debug` adds them to a running pod
//! through `pods/ephemeralcontainers`; the kubelet starts each once, never
//! restarts it, and reports it in `status.ephemeralContainerStatuses`.

use super::container::{self, Container};
use super::{prepare, Kubelet, PodRun};
use crate::api::meta;
use crate::apiserver::ApiServer;
use serde_json::Value;

impl Kubelet {
    /// Picks up debug containers new in the spec and moves them forward.
    pub(super) fn step_ephemeral(
        &mut self,
        api: &mut ApiServer,
        pod: &Value,
        run: &mut PodRun,
        pod_ip: &str,
        now: i64,
    ) {
        let specs = meta::at(pod, &["spec", "ephemeralContainers"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for spec in &specs {
            let name = spec["name"].as_str().unwrap_or("");
            if !run.ephemeral_containers.iter().any(|c| c.name == name) {
                let mut c = Container::from_spec(spec);
                c.ephemeral = true;
                // Probes are not allowed on ephemeral containers.
                c.probes.clear();
                run.ephemeral_containers.push(c);
            }
        }
        let source = self.source();
        for c in run.ephemeral_containers.iter_mut() {
            let pull = c.pull(&self.images, self.runtime);
            let mut prepare = |c: &Container| {
                prepare::proc_spec(api, pod, &c.name, &c.image, pod_ip, &self.node_ip)
            };
            for step in c.advance(now, "Never", pull, &mut prepare) {
                step.report(api, pod, c, &source, &run.namespace, &run.name);
                if let container::Step::Pulled { .. } = step {
                    self.images.insert(c.image.clone());
                }
            }
        }
    }
}
