//! Control loops, one file each. A controller reads desired and actual state
//! through the API server and changes the world only through it.

pub mod backoff;
pub mod clusterrole_aggregation;
pub mod crd;
pub mod cron_schedule;
pub mod cronjob;
pub mod csr_signing;
pub mod daemonset;
pub mod deployment;
mod deployment_progress;
pub mod disruption;
pub mod endpoints;
pub mod garbage_collector;
pub mod history;
pub mod hpa;
pub mod hpa_normalize;
pub mod hpa_sync;
pub mod job;
pub mod job_failure_policy;
pub mod namespace;
pub mod node_lifecycle;
pub mod owned;
pub mod persistentvolume;
pub mod pod_gc;
pub mod provisioner;
pub mod replicaset;
pub mod replicaset_pods;
pub mod resourcequota;
pub mod sa_token_secret;
pub mod serviceaccount;
pub mod statefulset;
pub mod taint_eviction;
pub mod time_zone;
pub mod ttl_after_finished;
pub mod volume_protection;
