//! minikube's storage-provisioner (`k8s.io/minikube-hostpath`, built on
//! sig-storage-lib-external-provisioner): claims handed to it get a hostPath
//! volume `pvc-<claim uid>` under /tmp/hostpath-provisioner/<ns>/<claim>,
//! pre-bound to the claim; Released volumes it made with reclaim policy
//! Delete are deleted.

use super::persistentvolume::{resources, ANN_PROVISIONER, ANN_PROVISIONER_BETA};
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::recorder::{self, Source};
use serde_json::{json, Value};

pub const NAME: &str = "k8s.io/minikube-hostpath";
/// The library's identity: `<provisioner>_<hostname>_<uuid of this run>`
/// (its leader-election holder is `<hostname>_<uuid>`).
pub const SOURCE: Source = Source {
    component: "k8s.io/minikube-hostpath_minikube_c5d2a3f5-0d3f-4e0c-9a51-6f1f6b7d8a21",
    host: String::new(),
};
/// The holder identity of its Endpoints lock.
pub const HOLDER: &str = "minikube_c5d2a3f5-0d3f-4e0c-9a51-6f1f6b7d8a21";
/// The provisioner's own identity, stamped on what it provisions.
const IDENTITY: &str = "4a6c2f0e-2b1d-4c7e-8f3a-9d5b1e7c6a40";
const ANN_PROVISIONED_BY: &str = "pv.kubernetes.io/provisioned-by";
const PV_DIR: &str = "/tmp/hostpath-provisioner";

fn mine(pvc: &Value) -> bool {
    let a = |k: &str| meta::str_at(pvc, &["metadata", "annotations", k]);
    a(ANN_PROVISIONER).or(a(ANN_PROVISIONER_BETA)) == Some(NAME)
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(res) = resources(api) else {
        return;
    };
    if !running(api, &res.pods) {
        return;
    }
    let pvs = api
        .list(&res.pvs, None, &ListOptions::default())
        .unwrap_or_default();
    for pvc in api
        .list(&res.pvcs, None, &ListOptions::default())
        .unwrap_or_default()
    {
        let pending = meta::str_at(&pvc, &["status", "phase"]).unwrap_or("Pending") == "Pending";
        let unbound = meta::str_at(&pvc, &["spec", "volumeName"])
            .unwrap_or("")
            .is_empty();
        if !mine(&pvc)
            || !pending
            || !unbound
            || meta::at(&pvc, &["metadata", "deletionTimestamp"]).is_some()
        {
            continue;
        }
        let name = format!(
            "pvc-{}",
            meta::str_at(&pvc, &["metadata", "uid"]).unwrap_or("")
        );
        if pvs.iter().any(|pv| meta::name(pv) == name) {
            continue;
        }
        provision(api, &res.pvs, &res.classes, &pvc, &name);
    }
    // Released volumes of ours with reclaim policy Delete go away.
    for pv in pvs {
        let ours =
            meta::str_at(&pv, &["metadata", "annotations", ANN_PROVISIONED_BY]) == Some(NAME);
        let released = meta::str_at(&pv, &["status", "phase"]) == Some("Released");
        let delete =
            meta::str_at(&pv, &["spec", "persistentVolumeReclaimPolicy"]) == Some("Delete");
        if ours && released && delete && meta::at(&pv, &["metadata", "deletionTimestamp"]).is_none()
        {
            let _ = api.delete(&res.pvs, "", meta::name(&pv), &WriteOptions::default());
        }
    }
}

/// The provisioner works while its pod runs in kube-system.
fn running(api: &ApiServer, pods: &crate::api::ApiResource) -> bool {
    api.get(pods, "kube-system", "storage-provisioner")
        .is_ok_and(|p| meta::str_at(&p, &["status", "phase"]) == Some("Running"))
}

fn provision(
    api: &mut ApiServer,
    pvs_r: &crate::api::ApiResource,
    classes_r: &crate::api::ApiResource,
    pvc: &Value,
    name: &str,
) {
    let ns = meta::namespace(pvc);
    let claim = meta::name(pvc);
    let msg = format!("External provisioner is provisioning volume for claim \"{ns}/{claim}\"");
    recorder::record(api, pvc, None, "Normal", "Provisioning", &msg, &SOURCE);
    let class_name = meta::str_at(pvc, &["spec", "storageClassName"]).unwrap_or("");
    let class = api.get(classes_r, "", class_name).ok();
    let reclaim = class
        .as_ref()
        .and_then(|c| meta::str_at(c, &["reclaimPolicy"]))
        .unwrap_or("Delete");
    let mut pv = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {
            "name": name,
            "annotations": {
                "hostPathProvisionerIdentity": IDENTITY,
                ANN_PROVISIONED_BY: NAME,
            },
        },
        "spec": {
            "accessModes": pvc["spec"]["accessModes"].clone(),
            "capacity": {"storage": pvc["spec"]["resources"]["requests"]["storage"].clone()},
            "claimRef": {
                "apiVersion": "v1",
                "kind": "PersistentVolumeClaim",
                "name": claim,
                "namespace": ns,
                "resourceVersion": meta::str_at(pvc, &["metadata", "resourceVersion"]).unwrap_or(""),
                "uid": meta::str_at(pvc, &["metadata", "uid"]).unwrap_or(""),
            },
            "hostPath": {"path": format!("{PV_DIR}/{ns}/{claim}")},
            "persistentVolumeReclaimPolicy": reclaim,
            "storageClassName": class_name,
        },
    });
    if let Some(mode) = pvc["spec"].get("volumeMode") {
        pv["spec"]["volumeMode"] = mode.clone();
    }
    match api.create(pvs_r, "", pv, &WriteOptions::default()) {
        Ok(_) => {
            let msg = format!("Successfully provisioned volume {name}");
            recorder::record(
                api,
                pvc,
                None,
                "Normal",
                "ProvisioningSucceeded",
                &msg,
                &SOURCE,
            );
        }
        Err(e) => {
            let msg = format!(
                "failed to provision volume with StorageClass \"{class_name}\": {}",
                e.message
            );
            recorder::record(
                api,
                pvc,
                None,
                "Warning",
                "ProvisioningFailed",
                &msg,
                &SOURCE,
            );
        }
    }
}
