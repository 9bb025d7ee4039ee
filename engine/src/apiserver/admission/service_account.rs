//! ServiceAccount admission (`plugin/pkg/admission/serviceaccount`, DEFAULTS.md §4.3):
//! `serviceAccountName: default` when empty, the SA must exist, and unless
//! automount is off every container gets the projected `kube-api-access-xxxxx`
//! token volume mounted. Mirror pods are left alone.

use super::{forbidden, resource};
use crate::api::registry::ApiResource;
use crate::api::Status;
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

const VOLUME_PREFIX: &str = "kube-api-access-";
const MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";

pub fn admit(
    api: &mut ApiServer,
    r: &ApiResource,
    namespace: &str,
    pod: &mut Value,
) -> Result<(), Status> {
    if super::annotation(pod, MIRROR_ANNOTATION).is_some() || !pod["spec"].is_object() {
        return Ok(());
    }
    let name = match pod["spec"]["serviceAccountName"].as_str() {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => {
            pod["spec"]["serviceAccountName"] = json!("default");
            "default".to_string()
        }
    };
    // The deprecated alias is written equal to the name by v1 conversion.
    pod["spec"]["serviceAccount"] = json!(name);
    let lookup = |api: &ApiServer| {
        resource(api, "", "serviceaccounts").and_then(|r| api.get(&r, namespace, &name).ok())
    };
    let mut sa = lookup(api);
    if sa.is_none() && name == "default" && namespace_active(api, namespace) {
        // The apiserver retries `default` for a while (getServiceAccount:
        // 10 attempts) because the controller creates it right after the
        // namespace: in that time the controller does.
        as_controller(api, |api| {
            crate::controllers::serviceaccount::ensure_namespace(api, namespace)
        });
        sa = lookup(api);
    }
    let sa = sa.ok_or_else(|| {
            forbidden(
                r,
                pod,
                &format!(
                    "error looking up service account {namespace}/{name}: serviceaccount \"{name}\" not found"
                ),
            )
        })?;
    let automount = pod["spec"]["automountServiceAccountToken"]
        .as_bool()
        .or_else(|| sa["automountServiceAccountToken"].as_bool())
        .unwrap_or(true);
    if automount {
        mount_token(api, pod);
    }
    let has_pull_secrets = pod["spec"]["imagePullSecrets"]
        .as_array()
        .is_some_and(|a| !a.is_empty());
    if !has_pull_secrets {
        let secrets: Vec<Value> = sa["imagePullSecrets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| json!({"name": s.get("name").cloned().unwrap_or(json!(""))}))
            .collect();
        if !secrets.is_empty() {
            pod["spec"]["imagePullSecrets"] = Value::Array(secrets);
        }
    }
    Ok(())
}

fn namespace_active(api: &ApiServer, namespace: &str) -> bool {
    resource(api, "", "namespaces")
        .and_then(|r| api.get(&r, "", namespace).ok())
        .is_some_and(|ns| ns["status"]["phase"] == "Active")
}

/// Runs `f` with the controller manager's identity and field manager.
fn as_controller(api: &mut ApiServer, f: impl FnOnce(&mut ApiServer)) {
    use crate::apiserver::managed::FieldManager;
    let user = api.set_requester(Default::default());
    let manager = api.set_field_manager(Some(FieldManager::new("kube-controller-manager")));
    f(api);
    api.set_field_manager(manager);
    api.set_requester(user);
}

fn mount_token(api: &mut ApiServer, pod: &mut Value) {
    let existing = pod["spec"]["volumes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["name"].as_str())
        .find(|n| n.starts_with(VOLUME_PREFIX))
        .map(String::from);
    let has_volume = existing.is_some();
    let volume_name = match existing {
        Some(n) => n,
        None => format!("{VOLUME_PREFIX}{}", api.rng_mut().name_suffix(5)),
    };
    let mount = json!({"mountPath": MOUNT_PATH, "name": volume_name, "readOnly": true});
    let mut needs_volume = false;
    for key in ["initContainers", "containers"] {
        let Some(containers) = pod["spec"].get_mut(key).and_then(Value::as_array_mut) else {
            continue;
        };
        for c in containers.iter_mut().filter(|c| c.is_object()) {
            let mounted = c["volumeMounts"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|m| m["mountPath"].as_str() == Some(MOUNT_PATH));
            if mounted {
                continue;
            }
            if !c["volumeMounts"].is_array() {
                c["volumeMounts"] = json!([]);
            }
            c["volumeMounts"]
                .as_array_mut()
                .expect("just made an array")
                .push(mount.clone());
            needs_volume = true;
        }
    }
    if needs_volume && !has_volume {
        if !pod["spec"]["volumes"].is_array() {
            pod["spec"]["volumes"] = json!([]);
        }
        pod["spec"]["volumes"]
            .as_array_mut()
            .expect("just made an array")
            .push(token_volume(&volume_name));
    }
}

/// The projected volume of `TokenVolumeSource` (upstream: 3 sources; 3607 s = 1 h + 7 s).
pub fn token_volume(name: &str) -> Value {
    json!({
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]
        }
    })
}
