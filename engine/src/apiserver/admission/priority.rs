//! Priority admission (`plugin/pkg/admission/priority`): a pod's `priority` and
//! `preemptionPolicy` come from its PriorityClass, or from the global default
//! class (lowest value if several), or are 0 / PreemptLowerPriority.

use super::{forbidden, list};
use crate::api::registry::ApiResource;
use crate::api::{meta, Status};
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

/// The classes every API server creates at startup (`scheduling/v1` bootstrap).
const SYSTEM_CLASSES: [(&str, i64); 2] = [
    ("system-node-critical", 2_000_001_000),
    ("system-cluster-critical", 2_000_000_000),
];

pub fn admit(api: &ApiServer, r: &ApiResource, pod: &mut Value) -> Result<(), Status> {
    if !pod["spec"].is_object() {
        return Ok(());
    }
    let classes = list(api, "scheduling.k8s.io", "priorityclasses", None);
    let class_name = pod["spec"]["priorityClassName"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let (priority, policy) = if class_name.is_empty() {
        let default = classes
            .iter()
            .filter(|c| c["globalDefault"].as_bool() == Some(true))
            .min_by_key(|c| c["value"].as_i64().unwrap_or(0));
        match default {
            Some(c) => {
                pod["spec"]["priorityClassName"] = json!(meta::name(c));
                (
                    c["value"].as_i64().unwrap_or(0),
                    c["preemptionPolicy"].as_str().map(String::from),
                )
            }
            None => (0, Some("PreemptLowerPriority".to_string())),
        }
    } else {
        let found = classes.iter().find(|c| meta::name(c) == class_name);
        match (found, SYSTEM_CLASSES.iter().find(|(n, _)| *n == class_name)) {
            (Some(c), _) => (
                c["value"].as_i64().unwrap_or(0),
                c["preemptionPolicy"].as_str().map(String::from),
            ),
            (None, Some((_, value))) => (*value, Some("PreemptLowerPriority".to_string())),
            (None, None) => {
                return Err(forbidden(
                    r,
                    pod,
                    &format!("no PriorityClass with name {class_name} was found"),
                ));
            }
        }
    };
    if let Some(p) = pod["spec"]["priority"].as_i64() {
        if p != priority {
            return Err(forbidden(
                r,
                pod,
                &format!(
                    "the integer value of priority ({p}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name"
                ),
            ));
        }
    }
    pod["spec"]["priority"] = json!(priority);
    if let Some(policy) = policy {
        if let Some(given) = pod["spec"]["preemptionPolicy"].as_str() {
            if given != policy {
                return Err(forbidden(
                    r,
                    pod,
                    &format!(
                        "the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"
                    ),
                ));
            }
        }
        pod["spec"]["preemptionPolicy"] = json!(policy);
    }
    Ok(())
}

/// A second `globalDefault: true` PriorityClass is refused. (Upstream this is the
/// plugin's validating half, so it runs after field validation; here it runs before.)
pub fn admit_class(api: &ApiServer, r: &ApiResource, class: &Value) -> Result<(), Status> {
    if class["globalDefault"].as_bool() != Some(true) {
        return Ok(());
    }
    let existing = list(api, "scheduling.k8s.io", "priorityclasses", None);
    match existing
        .iter()
        .find(|c| c["globalDefault"].as_bool() == Some(true))
    {
        Some(c) => Err(forbidden(
            r,
            class,
            &format!(
                "PriorityClass {} is already marked as default. Only one default can exist",
                meta::name(c)
            ),
        )),
        None => Ok(()),
    }
}
