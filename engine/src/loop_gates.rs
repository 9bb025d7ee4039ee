//! The control loops wake on changes, as informer-driven controllers do.
//!
//! A loop's pass is a function of what it reads from the store, the instant
//! and its own memory. When a pass wrote nothing, running it again at the
//! same instant before anything it read has changed would read the same
//! objects, take the same branches and again write nothing: it is skipped.
//! Which resources a pass read is recorded by the store as it runs, so no
//! loop has to declare (and keep true) a list of its inputs.
//!
//! At 1,000 pods a write such as `kubectl label deploy` otherwise costs one
//! pass of every loop, most of which never look at Deployments.

use crate::apiserver::ApiServer;
use crate::clock::Time;
use crate::store::{WatchRecord, ALL_READS};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Changes a loop knows cannot give it work although it read their resource.
pub type Ignorable = fn(&ApiServer, &WatchRecord) -> bool;

/// A pod update that changed only its annotations (`kubectl annotate pod`).
/// Of the control loops here only the Job controller reads a pod's
/// annotations to decide a write (the completion index), and it does not
/// take this. (The ReplicaSet controller here ranks excess pods by
/// readiness and age; a real one also reads pod-deletion-cost, but only to
/// pick among excess pods, and a quiet ReplicaSet has none.)
pub fn pod_annotations_only(_: &ApiServer, change: &WatchRecord) -> bool {
    let Some(previous) = change.previous.as_deref() else {
        return false;
    };
    change.key.resource == "/pods" && same_but_annotations(previous, &change.object)
}

/// Whether two versions of an object differ at most in their annotations
/// (and so in what every write changes: resourceVersion, managedFields).
fn same_but_annotations(a: &Value, b: &Value) -> bool {
    const WRITE_ONLY: [&str; 3] = ["annotations", "managedFields", "resourceVersion"];
    fn metadata(v: &Value) -> Option<&Map<String, Value>> {
        v.get("metadata").and_then(Value::as_object)
    }
    match (a.as_object(), b.as_object(), metadata(a), metadata(b)) {
        (Some(a), Some(b), Some(ma), Some(mb)) => {
            same_except(a, b, &["metadata"]) && same_except(ma, mb, &WRITE_ONLY)
        }
        _ => false,
    }
}

/// Whether two maps hold the same entries, `skip`ped keys aside (an
/// unequal order reads as a difference: the safe answer).
fn same_except(a: &Map<String, Value>, b: &Map<String, Value>, skip: &[&str]) -> bool {
    fn kept<'a>(
        m: &'a Map<String, Value>,
        skip: &'a [&str],
    ) -> impl Iterator<Item = (&'a String, &'a Value)> + 'a {
        m.iter().filter(|(k, _)| !skip.contains(&k.as_str()))
    }
    kept(a, skip).eq(kept(b, skip))
}

/// CustomResourceDefinitions change the registry every loop resolves
/// resources through: a change to them wakes every loop.
const CRDS: &str = "apiextensions.k8s.io/customresourcedefinitions";

/// The last pass of each loop that wrote nothing, by loop name.
#[derive(Clone, Debug, Default)]
pub struct LoopGates {
    quiet: BTreeMap<&'static str, QuietPass>,
}

#[derive(Clone, Debug)]
struct QuietPass {
    at: Time,
    revision: u64,
    reads: BTreeSet<String>,
}

impl LoopGates {
    /// Runs `pass` unless its last pass wrote nothing at this instant and no
    /// change since touches what it read (`ignorable` changes aside).
    pub fn run(
        &mut self,
        name: &'static str,
        api: &mut ApiServer,
        ignorable: Option<Ignorable>,
        pass: impl FnOnce(&mut ApiServer),
    ) {
        if let Some(q) = self.quiet.get_mut(name) {
            if q.still_quiet(api, ignorable) {
                // Nothing since was for it: the next check starts from here.
                q.revision = api.revision();
                return;
            }
        }
        let before = api.revision();
        api.start_reads();
        pass(api);
        let reads = api.take_reads();
        if api.revision() == before {
            let at = api.now();
            self.quiet.insert(
                name,
                QuietPass {
                    at,
                    revision: before,
                    reads,
                },
            );
        } else {
            self.quiet.remove(name);
        }
    }
}

impl QuietPass {
    fn still_quiet(&self, api: &ApiServer, ignorable: Option<Ignorable>) -> bool {
        if self.at != api.now() {
            return false;
        }
        let Some(mut changes) = api.complete_changes_since(self.revision) else {
            return false;
        };
        let everything = self.reads.contains(ALL_READS);
        !changes.any(|c| {
            let resource = c.key.resource.as_str();
            resource == CRDS
                || ((everything || self.reads.contains(resource))
                    && !ignorable.is_some_and(|skip| skip(api, c)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::ApiResource;
    use serde_json::json;

    fn resource(api: &ApiServer, name: &str) -> ApiResource {
        api.registry().resolve(name).cloned().unwrap()
    }

    /// A loop that lists ConfigMaps and counts its passes.
    fn counting(runs: &mut u32) -> impl FnOnce(&mut ApiServer) + '_ {
        move |api| {
            let r = resource(api, "configmaps");
            let _ = api.list_shared(&r, None, &Default::default());
            *runs += 1;
        }
    }

    fn create(api: &mut ApiServer, plural: &str, name: &str) {
        let r = resource(api, plural);
        let kind = r.kind.clone();
        let obj = json!({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, "namespace": "default"}});
        api.create(&r, "default", obj, &Default::default()).unwrap();
    }

    fn api() -> ApiServer {
        let mut api = ApiServer::new(1, Time(0));
        let r = resource(&api, "namespaces");
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}});
        api.create(&r, "", ns, &Default::default()).unwrap();
        api
    }

    #[test]
    fn a_quiet_loop_sleeps_until_what_it_read_changes_or_time_moves() {
        let mut api = api();
        let mut gates = LoopGates::default();
        let mut runs = 0;
        gates.run("cm", &mut api, None, counting(&mut runs));
        gates.run("cm", &mut api, None, counting(&mut runs));
        assert_eq!(runs, 1, "nothing changed: skipped");
        create(&mut api, "secrets", "s");
        gates.run("cm", &mut api, None, counting(&mut runs));
        assert_eq!(runs, 1, "a Secret is not what it reads");
        create(&mut api, "configmaps", "c");
        gates.run("cm", &mut api, None, counting(&mut runs));
        assert_eq!(runs, 2, "a ConfigMap is");
        api.set_now(Time(1000));
        gates.run("cm", &mut api, None, counting(&mut runs));
        assert_eq!(runs, 3, "time moved");
    }

    #[test]
    fn a_pod_update_of_annotations_alone_is_ignorable() {
        let mut api = api();
        let r = resource(&api, "pods");
        let spec = json!({"containers": [{"name": "c", "image": "nginx"}],
            "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
            "terminationGracePeriodSeconds": 30});
        let pod = json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "namespace": "default"}, "spec": spec});
        api.create(&r, "default", pod, &Default::default()).unwrap();
        let write = |api: &mut ApiServer, path: &str| {
            let mut pod = api.get(&r, "default", "p").unwrap();
            pod["metadata"][path] = json!({"k": "v"});
            api.update(&r, "default", pod).unwrap();
            let last = api.complete_changes_since(api.revision() - 1);
            pod_annotations_only(api, last.unwrap().next().unwrap())
        };
        assert!(write(&mut api, "annotations"));
        assert!(!write(&mut api, "labels"));
    }

    #[test]
    fn a_loop_that_wrote_runs_again() {
        let mut api = api();
        let mut gates = LoopGates::default();
        let mut n = 0;
        for _ in 0..2 {
            gates.run("writer", &mut api, None, |api| {
                n += 1;
                if n == 1 {
                    create(api, "configmaps", "first");
                }
            });
        }
        assert_eq!(n, 2);
    }
}
