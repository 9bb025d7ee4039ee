//! The running cluster without its terminal: clock, API server and the
//! control loops. Time moves only through `advance`.

use crate::apiserver::managed::FieldManager;
use crate::apiserver::ApiServer;
use crate::clock::{Clock, Time};
use crate::controllers;
use crate::kubelet::Kubelet;
use crate::loop_gates::LoopGates;
use crate::scheduler::Scheduler;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// `advance_until` checks its condition at least this often (virtual ms).
const POLL_MS: i64 = 1000;
/// Reconcile passes per instant before time moves on (guards against flapping).
const MAX_PASSES: usize = 50;
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct World {
    clock: Clock,
    pub api: ApiServer,
    pub scheduler: Scheduler,
    pub kubelets: Vec<Kubelet>,
    /// minikube addons switched on or off (`minikube addons enable`).
    #[serde(default)]
    pub addons: std::collections::BTreeMap<String, bool>,
    #[serde(default)]
    pub net: crate::network::Net,
    /// The HPA controller's memory (recommendations, scale events).
    #[serde(default)]
    pub hpa: controllers::hpa_sync::HpaState,
    /// The control plane's leases in kube-system (leader election, the
    /// apiserver's identity); the kubelets hold their node leases.
    #[serde(default)]
    pub leases: Vec<crate::leases::Renewer>,
    /// (store revision, instant) at which the last `settle` found nothing
    /// more to do: settling again then is a pass that changes nothing.
    #[serde(skip)]
    quiet_at: Option<(u64, Time)>,
    /// When the control plane stopped (`minikube stop`, `docker stop
    /// kind-control-plane`), while it is down: see control_plane.rs.
    #[serde(default)]
    pub(crate) control_plane_stopped: Option<Time>,
    /// Which control loops have nothing to do until their inputs change.
    #[serde(skip)]
    gates: LoopGates,
    /// What the kubelets read (store keys) since they last forgot which
    /// pods they stepped at this instant.
    #[serde(skip)]
    kubelet_reads: BTreeSet<String>,
    /// The ReplicaSet controller's cache of the pods each one controls.
    #[serde(skip)]
    rs_pods: controllers::replicaset_pods::OwnedPods,
    /// The workload controllers' retry back-off after failed pod creates.
    #[serde(default)]
    backoff: controllers::backoff::Backoffs,
}

impl World {
    pub fn new(seed: u64, start: Time) -> World {
        World {
            clock: Clock::starting_at(start),
            api: ApiServer::new(seed, start),
            scheduler: Scheduler::default(),
            kubelets: vec![],
            addons: Default::default(),
            net: Default::default(),
            hpa: Default::default(),
            leases: vec![],
            quiet_at: None,
            control_plane_stopped: None,
            gates: LoopGates::default(),
            kubelet_reads: BTreeSet::new(),
            rs_pods: Default::default(),
            backoff: Default::default(),
        }
    }

    pub fn now(&self) -> Time {
        self.clock.now()
    }

    /// Moves time forward by `ms`. Time jumps from one component timer to the
    /// next (a pull finishing, a back-off ending), and at each instant every
    /// control loop runs until nothing changes any more.
    pub fn advance(&mut self, ms: i64) {
        let target = self.clock.now().plus_millis(ms.max(0));
        loop {
            self.settle();
            let now = self.clock.now();
            if now >= target {
                break;
            }
            let next = self.next_wakeup(now).map_or(target, |t| t.min(target));
            self.clock.advance_millis(next.0 - now.0);
            self.api.set_now(self.clock.now());
        }
    }

    /// Reconciles until the store stops changing.
    pub fn settle(&mut self) {
        self.settle_keeping(false);
    }

    /// `settle` after commands that only made API requests (no exec,
    /// attach, network or node changes: see `Cluster::run`). When the last
    /// settle ended quiet at this instant and the commands wrote nothing the
    /// kubelets read since (pods aside: a kubelet steps a pod again when its
    /// resourceVersion changed), the kubelets keep the pods they already
    /// stepped at this instant: stepping an unchanged pod again at the same
    /// moment is a no-op (as within one settle), and at 1,000 pods it was a
    /// quarter of the pass.
    pub fn settle_after_api_writes(&mut self) {
        let keep = self.quiet_at.is_some_and(|(rev, at)| {
            at == self.now()
                && !self.kubelet_reads.contains(crate::store::ALL_READS)
                && self
                    .api
                    .complete_changes_since(rev)
                    .is_some_and(|mut changes| {
                        changes.all(|c| {
                            c.key.resource == "/pods"
                                || !self.kubelet_reads.contains(&c.key.resource)
                        })
                    })
        });
        self.settle_keeping(keep);
    }

    /// Between the requests of one command: when the last request wrote
    /// (the store moved past `before`), the control loops react before the
    /// next one, as they do between a real kubectl's requests (and as
    /// `kubeplay serve` settles after each request it answers).
    pub fn settle_between_requests(&mut self, before: &mut u64) {
        if self.api.revision() != *before {
            self.settle_after_api_writes();
        }
        *before = self.api.revision();
    }

    fn settle_keeping(&mut self, keep_stepped: bool) {
        if self.control_plane_stopped.is_some() {
            return;
        }
        self.quiet_at = None;
        if !keep_stepped {
            self.kubelets.iter_mut().for_each(Kubelet::begin_settle);
            self.kubelet_reads.clear();
        }
        for _ in 0..MAX_PASSES {
            let before = self.api.revision();
            self.reconcile();
            if self.api.revision() == before {
                self.quiet_at = Some((before, self.now()));
                break;
            }
        }
    }

    /// `settle`, unless the last one ended quiet at this very state (same
    /// store revision, same instant). Only for callers that changed nothing
    /// outside the store either (a read-only kubectl command): the control
    /// loops would see exactly what they saw when they last had nothing to do.
    pub fn settle_after_reads(&mut self) {
        if self.quiet_at != Some((self.api.revision(), self.now())) {
            self.settle();
        }
    }

    /// The earliest moment after `now` that any component has work scheduled.
    fn next_wakeup(&self, now: Time) -> Option<Time> {
        if self.control_plane_stopped.is_some() {
            return None;
        }
        let mut times: Vec<i64> = vec![];
        times.extend(controllers::namespace::next_wakeup(&self.api, now.0));
        times.extend(controllers::job::next_wakeup(&self.api, now.0));
        times.extend(controllers::deployment::next_wakeup(&self.api, now.0));
        times.extend(controllers::cronjob::next_wakeup(&self.api, now.0));
        times.extend(controllers::persistentvolume::next_wakeup(&self.api, now.0));
        times.extend(controllers::pod_gc::next_wakeup(&self.api, now.0));
        times.extend(controllers::ttl_after_finished::next_wakeup(
            &self.api, now.0,
        ));
        times.extend(self.scheduler.next_wakeup(now.0));
        times.extend(self.kubelets.iter().filter_map(|k| k.next_wakeup(now.0)));
        times.extend(crate::metrics_server::next_wakeup(
            &self.api,
            &self.kubelets,
        ));
        times.extend(controllers::hpa_sync::next_wakeup(&self.hpa));
        times.extend(self.backoff.next_wakeup(now.0));
        let renewing = |node: &str| {
            self.kubelets
                .iter()
                .any(|k| k.node == node && !k.is_stopped())
        };
        times.extend(controllers::node_lifecycle::next_wakeup(
            &self.api, &renewing,
        ));
        times.extend(controllers::taint_eviction::next_wakeup(&self.api, now.0));
        times.into_iter().filter(|t| *t > now.0).min().map(Time)
    }

    /// Advances until `done` holds or `timeout_ms` passes; true if it held.
    pub fn advance_until(&mut self, timeout_ms: i64, mut done: impl FnMut(&World) -> bool) -> bool {
        let mut waited = 0;
        while !done(self) {
            if waited >= timeout_ms {
                return false;
            }
            let step = POLL_MS.min(timeout_ms - waited);
            self.advance(step);
            waited += step;
        }
        true
    }

    /// Leases and node heartbeats brought up to now (see `leases`).
    fn keep_alive(&mut self) {
        let now = self.now().0;
        for k in &mut self.kubelets {
            k.keep_alive(&mut self.api, now);
        }
        for l in &mut self.leases {
            l.renew(&mut self.api, now);
        }
    }

    /// One pass of every control loop.
    pub fn reconcile(&mut self) {
        // The control loops act as themselves, not as the user whose command is waiting.
        let user = self.api.set_requester(Default::default());
        self.keep_alive();
        // Each component writes as its own field manager.
        let manager = self
            .api
            .set_field_manager(Some(FieldManager::new("kube-controller-manager")));
        let (gates, api, rs_pods, backoff) = (
            &mut self.gates,
            &mut self.api,
            &mut self.rs_pods,
            &mut self.backoff,
        );
        use controllers::*;
        // Most loops may sleep through a pod's new annotations.
        let pods = Some(crate::loop_gates::pod_annotations_only as _);
        gates.run("namespace", api, pods, namespace::reconcile);
        gates.run("crd", api, pods, crd::reconcile);
        gates.run("serviceaccount", api, pods, serviceaccount::reconcile);
        gates.run("sa_token_secret", api, pods, sa_token_secret::reconcile);
        // A new quota's status is computed at once (its controller syncs on
        // add), before the workload controllers create pods against it.
        gates.run("resourcequota", api, pods, resourcequota::reconcile);
        gates.run("deployment", api, pods, deployment::reconcile);
        gates.run("replicaset", api, pods, |api| {
            replicaset::reconcile(api, rs_pods, &mut backoff.replicaset)
        });
        gates.run("disruption", api, pods, disruption::reconcile);
        gates.run("daemonset", api, pods, |api| {
            daemonset::reconcile(api, &mut backoff.daemonset)
        });
        gates.run("statefulset", api, pods, |api| {
            statefulset::reconcile(api, &mut backoff.statefulset)
        });
        gates.run("persistentvolume", api, pods, persistentvolume::reconcile);
        gates.run("provisioner", api, pods, provisioner::reconcile);
        gates.run("volume_protection", api, pods, volume_protection::reconcile);
        let swept = Some(pod_gc::between_sweeps as _);
        gates.run("pod_gc", api, swept, pod_gc::reconcile);
        gates.run("node_lifecycle", api, pods, node_lifecycle::reconcile);
        gates.run("taint_eviction", api, pods, taint_eviction::reconcile);
        gates.run("cronjob", api, pods, cronjob::reconcile);
        // It reads a pod annotation: the completion index.
        gates.run("job", api, None, |api| {
            job::reconcile(api, &mut backoff.job)
        });
        gates.run(
            "ttl_after_finished",
            api,
            pods,
            ttl_after_finished::reconcile,
        );
        let unaffected = Some(garbage_collector::unaffected_by as _);
        gates.run(
            "garbage_collector",
            api,
            unaffected,
            garbage_collector::reconcile,
        );
        gates.run(
            "clusterrole_aggregation",
            api,
            pods,
            clusterrole_aggregation::reconcile,
        );
        gates.run("endpoints", api, pods, endpoints::reconcile);
        gates.run("csr_signing", api, pods, csr_signing::reconcile);
        api.set_field_manager(Some(FieldManager::new("kube-scheduler")));
        let scheduler = &mut self.scheduler;
        gates.run("scheduler", api, pods, |api| scheduler.reconcile(api));
        self.api
            .set_field_manager(Some(FieldManager::new("kubelet")));
        self.answer_main_processes();
        self.api.start_reads();
        for k in &mut self.kubelets {
            k.reconcile(&mut self.api);
        }
        self.kubelet_reads.extend(self.api.take_reads());
        crate::metrics_server::reconcile(&mut self.api, &self.kubelets);
        self.api
            .set_field_manager(Some(FieldManager::new("kube-controller-manager")));
        controllers::hpa_sync::reconcile(&mut self.api, &mut self.hpa);
        self.api.set_field_manager(manager);
        self.api.set_requester(user);
    }
}
