//! The PersistentVolume controller (`pkg/controller/volume/persistentvolume`):
//! binds claims to volumes (a pre-bound volume's claim, else the smallest
//! Available volume that fits), hands claims of a provisioning StorageClass
//! to its external provisioner (ExternalProvisioning), waits for the first
//! consumer (WaitForFirstConsumer), and moves volumes whose claim is gone to
//! Released. It resyncs every 15s, repeating the events of a waiting claim.

use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::api::ApiResource;
use crate::apiserver::{ApiServer, ListOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use serde_json::{json, Value};

const SOURCE: Source = Source {
    component: "persistentvolume-controller",
    host: String::new(),
};
/// `--pvclaimbinder-sync-period`.
const RESYNC_MS: i64 = 15_000;
pub const ANN_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const ANN_PROVISIONER_BETA: &str = "volume.beta.kubernetes.io/storage-provisioner";
const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

pub struct Res {
    pub pvcs: ApiResource,
    pub pvs: ApiResource,
    pub classes: ApiResource,
    pub pods: ApiResource,
}

pub fn resources(api: &ApiServer) -> Option<Res> {
    let r = |n: &str| api.registry().resolve(n).cloned();
    Some(Res {
        pvcs: r("persistentvolumeclaims")?,
        pvs: r("persistentvolumes")?,
        classes: r("storageclasses")?,
        pods: r("pods")?,
    })
}

fn storage(v: &Value, path: &[&str]) -> i128 {
    meta::str_at(v, path)
        .and_then(Quantity::parse)
        .map_or(0, |q| q.milli_value())
}

fn modes(v: &Value, path: &[&str]) -> Vec<String> {
    meta::at(v, path)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str().map(String::from))
        .collect()
}

fn class_of(v: &Value) -> &str {
    meta::str_at(v, &["spec", "storageClassName"]).unwrap_or("")
}

fn uid(v: &Value) -> &str {
    meta::str_at(v, &["metadata", "uid"]).unwrap_or("")
}

/// Records a waiting claim's event once per resync period (the first sync
/// and every 15s after the claim's creation).
fn record_periodic(api: &mut ApiServer, pvc: &Value, kind: &str, reason: &str, msg: &str) {
    let now = api.now().0;
    let created = meta::str_at(pvc, &["metadata", "creationTimestamp"])
        .and_then(Time::parse_rfc3339)
        .map_or(now, |t| t.0);
    let tick = created + (now - created).div_euclid(RESYNC_MS) * RESYNC_MS;
    if !recorder::recorded_since(api, pvc, reason, msg, Time(tick)) {
        recorder::record(api, pvc, None, kind, reason, msg, &SOURCE);
    }
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(res) = resources(api) else {
        return;
    };
    let pvs = api
        .list(&res.pvs, None, &ListOptions::default())
        .unwrap_or_default();
    let pvcs = api
        .list(&res.pvcs, None, &ListOptions::default())
        .unwrap_or_default();
    for pv in &pvs {
        sync_volume(api, &res, pv, &pvcs);
    }
    let pvs = api
        .list(&res.pvs, None, &ListOptions::default())
        .unwrap_or_default();
    for pvc in pvcs {
        sync_claim(api, &res, pvc, &pvs);
    }
}

/// A volume's phase: Bound to a live claim, Released once it is gone, else Available.
fn sync_volume(api: &mut ApiServer, res: &Res, pv: &Value, pvcs: &[Value]) {
    let phase = meta::str_at(pv, &["status", "phase"]).unwrap_or("");
    let want = match meta::at(pv, &["spec", "claimRef"]).filter(|c| c.is_object()) {
        None => "Available",
        Some(c) => {
            let claim = pvcs.iter().find(|p| {
                meta::name(p) == c["name"].as_str().unwrap_or("")
                    && meta::namespace(p) == c["namespace"].as_str().unwrap_or("")
            });
            match claim {
                Some(p)
                    if c["uid"]
                        .as_str()
                        .is_none_or(|u| u.is_empty() || u == uid(p)) =>
                {
                    if phase == "Released" || phase == "Failed" {
                        phase
                    } else if meta::str_at(p, &["spec", "volumeName"]) == Some(meta::name(pv)) {
                        "Bound"
                    } else {
                        // Pre-bound to a claim not yet bound to it: the claim's sync binds.
                        if phase.is_empty() || phase == "Pending" {
                            "Available"
                        } else {
                            phase
                        }
                    }
                }
                _ if c["uid"].as_str().is_none_or(str::is_empty) => "Available",
                _ => {
                    if phase == "Failed" {
                        "Failed"
                    } else {
                        "Released"
                    }
                }
            }
        }
    };
    if phase != want {
        set_volume_phase(api, res, pv.clone(), want);
    }
}

fn set_volume_phase(api: &mut ApiServer, res: &Res, mut pv: Value, phase: &str) -> Option<Value> {
    pv["status"]["phase"] = json!(phase);
    pv["status"]["lastPhaseTransitionTime"] = json!(api.now().rfc3339());
    api.write_status(&res.pvs, "", pv).ok()
}

fn sync_claim(api: &mut ApiServer, res: &Res, pvc: Value, pvs: &[Value]) {
    if meta::at(&pvc, &["metadata", "deletionTimestamp"]).is_some() {
        return;
    }
    let phase = meta::str_at(&pvc, &["status", "phase"]).unwrap_or("Pending");
    let volume_name = meta::str_at(&pvc, &["spec", "volumeName"]).unwrap_or("");
    if phase == "Bound" {
        if !volume_name.is_empty() && !pvs.iter().any(|p| meta::name(p) == volume_name) {
            set_claim_lost(api, res, pvc);
        }
        return;
    }
    // A volume pre-bound to this claim (a provisioned one), or the one it names.
    let pre_bound = pvs.iter().find(|pv| {
        let c = &pv["spec"]["claimRef"];
        c["name"] == meta::name(&pvc)
            && c["namespace"] == meta::namespace(&pvc)
            && c["uid"]
                .as_str()
                .is_none_or(|u| u.is_empty() || u == uid(&pvc))
    });
    let named = (!volume_name.is_empty())
        .then(|| pvs.iter().find(|pv| meta::name(pv) == volume_name))
        .flatten();
    if let Some(pv) = pre_bound.or(named) {
        bind(api, res, &pvc, pv, pre_bound.is_none());
        return;
    }
    if !volume_name.is_empty() {
        return;
    }
    if let Some(pv) = best_match(&pvc, pvs) {
        bind(api, res, &pvc, pv, true);
        return;
    }
    let class_name = class_of(&pvc).to_string();
    if class_name.is_empty() {
        let msg = "no persistent volumes available for this claim and no storage class is set";
        record_periodic(api, &pvc, "Normal", "FailedBinding", msg);
        return;
    }
    let Ok(class) = api.get(&res.classes, "", &class_name) else {
        // The controller's lister reports the singular resource name.
        let msg = format!("storageclass.storage.k8s.io \"{class_name}\" not found");
        record_periodic(api, &pvc, "Warning", "ProvisioningFailed", &msg);
        return;
    };
    let provisioner = meta::str_at(&class, &["provisioner"])
        .unwrap_or("")
        .to_string();
    let wffc = meta::str_at(&class, &["volumeBindingMode"]) == Some("WaitForFirstConsumer");
    let mut pvc = pvc;
    if wffc && meta::str_at(&pvc, &["metadata", "annotations", ANN_SELECTED_NODE]).is_none() {
        // The scheduler picks the node when a pod using the claim is placed
        // (VolumeBinding); standing in for it, the node of a scheduled consumer.
        match consumer_node(api, res, &pvc) {
            Some(node) => {
                pvc["metadata"]["annotations"][ANN_SELECTED_NODE] = json!(node);
                match api.update(&res.pvcs, meta::namespace(&pvc), pvc.clone()) {
                    Ok(p) => pvc = p,
                    Err(_) => return,
                }
            }
            None => {
                let msg = "waiting for first consumer to be created before binding";
                record_periodic(api, &pvc, "Normal", "WaitForFirstConsumer", msg);
                return;
            }
        }
    }
    if provisioner == "kubernetes.io/no-provisioner" {
        return;
    }
    let annotated = meta::str_at(&pvc, &["metadata", "annotations", ANN_PROVISIONER])
        == Some(provisioner.as_str());
    if !annotated {
        let m = meta::metadata_mut(&mut pvc);
        let a = m.entry("annotations").or_insert_with(|| json!({}));
        if !a.is_object() {
            *a = json!({});
        }
        a[ANN_PROVISIONER_BETA] = json!(provisioner);
        a[ANN_PROVISIONER] = json!(provisioner);
        match api.update(&res.pvcs, meta::namespace(&pvc), pvc.clone()) {
            Ok(p) => pvc = p,
            Err(_) => return,
        }
    }
    let msg = format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
    record_periodic(api, &pvc, "Normal", "ExternalProvisioning", &msg);
}

/// The node of a scheduled pod that mounts `pvc`.
fn consumer_node(api: &ApiServer, res: &Res, pvc: &Value) -> Option<String> {
    api.list(
        &res.pods,
        Some(meta::namespace(pvc)),
        &ListOptions::default(),
    )
    .unwrap_or_default()
    .into_iter()
    .filter(|p| uses_claim(p, meta::name(pvc)))
    .find_map(|p| {
        meta::str_at(&p, &["spec", "nodeName"])
            .filter(|n| !n.is_empty())
            .map(String::from)
    })
}

pub fn uses_claim(pod: &Value, claim: &str) -> bool {
    meta::at(pod, &["spec", "volumes"])
        .and_then(Value::as_array)
        .is_some_and(|vs| {
            vs.iter()
                .any(|v| v["persistentVolumeClaim"]["claimName"] == claim)
        })
}

/// The smallest Available, unclaimed volume of the claim's class that fits.
fn best_match<'a>(pvc: &Value, pvs: &'a [Value]) -> Option<&'a Value> {
    let want = storage(pvc, &["spec", "resources", "requests", "storage"]);
    let want_modes = modes(pvc, &["spec", "accessModes"]);
    let mode = meta::str_at(pvc, &["spec", "volumeMode"]).unwrap_or("Filesystem");
    pvs.iter()
        .filter(|pv| meta::at(pv, &["spec", "claimRef"]).is_none_or(Value::is_null))
        .filter(|pv| meta::str_at(pv, &["status", "phase"]) == Some("Available"))
        .filter(|pv| meta::at(pv, &["metadata", "deletionTimestamp"]).is_none())
        .filter(|pv| class_of(pv) == class_of(pvc))
        .filter(|pv| meta::str_at(pv, &["spec", "volumeMode"]).unwrap_or("Filesystem") == mode)
        .filter(|pv| {
            let have = modes(pv, &["spec", "accessModes"]);
            want_modes.iter().all(|m| have.contains(m))
        })
        .filter(|pv| storage(pv, &["spec", "capacity", "storage"]) >= want)
        .min_by_key(|pv| {
            (
                storage(pv, &["spec", "capacity", "storage"]),
                meta::name(pv).to_string(),
            )
        })
}

/// Binds both ways: the volume's claimRef (and its bound-by-controller
/// annotation when the controller chose it), then the claim.
fn bind(api: &mut ApiServer, res: &Res, pvc: &Value, pv: &Value, by_controller: bool) {
    let mut pv = pv.clone();
    let claim_ref = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "name": meta::name(pvc),
        "namespace": meta::namespace(pvc),
        "resourceVersion": meta::str_at(pvc, &["metadata", "resourceVersion"]).unwrap_or(""),
        "uid": uid(pvc),
    });
    let ref_ok = pv["spec"]["claimRef"]["uid"] == claim_ref["uid"];
    if !ref_ok {
        pv["spec"]["claimRef"] = claim_ref;
        if by_controller {
            let m = meta::metadata_mut(&mut pv);
            let a = m.entry("annotations").or_insert_with(|| json!({}));
            if a.is_object() {
                a[ANN_BOUND_BY_CONTROLLER] = json!("yes");
            }
        }
        pv = match api.update(&res.pvs, "", pv) {
            Ok(p) => p,
            Err(_) => return,
        };
    }
    if meta::str_at(&pv, &["status", "phase"]) != Some("Bound") {
        if let Some(p) = set_volume_phase(api, res, pv.clone(), "Bound") {
            pv = p;
        }
    }
    let mut claim = pvc.clone();
    claim["spec"]["volumeName"] = json!(meta::name(&pv));
    {
        let m = meta::metadata_mut(&mut claim);
        let a = m.entry("annotations").or_insert_with(|| json!({}));
        if !a.is_object() {
            *a = json!({});
        }
        a[ANN_BIND_COMPLETED] = json!("yes");
        a[ANN_BOUND_BY_CONTROLLER] = json!("yes");
    }
    let Ok(claim) = api.update(&res.pvcs, meta::namespace(pvc), claim) else {
        return;
    };
    let mut claim = claim;
    claim["status"] = json!({
        "phase": "Bound",
        "accessModes": pv["spec"]["accessModes"].clone(),
        "capacity": pv["spec"]["capacity"].clone(),
    });
    let _ = api.write_status(&res.pvcs, meta::namespace(pvc), claim);
}

fn set_claim_lost(api: &mut ApiServer, res: &Res, mut pvc: Value) {
    pvc["status"]["phase"] = json!("Lost");
    let ns = meta::namespace(&pvc).to_string();
    let _ = api.write_status(&res.pvcs, &ns, pvc.clone());
    let msg = "Bound claim has lost its PersistentVolume. Data on the volume is lost!";
    recorder::record(api, &pvc, None, "Warning", "ClaimLost", msg, &SOURCE);
}

/// The next resync of a claim still waiting.
pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    let Some(res) = resources(api) else {
        return vec![];
    };
    api.list(&res.pvcs, None, &ListOptions::default())
        .unwrap_or_default()
        .iter()
        .filter(|p| meta::str_at(p, &["status", "phase"]).unwrap_or("Pending") == "Pending")
        .filter_map(|p| {
            let created = meta::str_at(p, &["metadata", "creationTimestamp"])
                .and_then(Time::parse_rfc3339)?
                .0;
            let k = (now - created).div_euclid(RESYNC_MS) + 1;
            Some(created + k * RESYNC_MS)
        })
        .collect()
}
