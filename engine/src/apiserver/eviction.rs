//! The `pods/eviction` subresource (policy/v1 Eviction): a pod is deleted
//! unless a PodDisruptionBudget forbids it, with the checks and texts of
//! pkg/registry/core/pod/storage/eviction.go. `kubectl drain` and the HTTP
//! server both come here.

use super::{ApiServer, WriteOptions};
use crate::api::{meta, Status};
use crate::controllers::disruption::covered_pods;
use crate::controllers::replicaset::is_ready;
use serde_json::{json, Value};

/// Why an eviction was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvictError {
    /// Any other failure (the pod is not found, more than one budget, ...).
    Status(Status),
    /// 429 TooManyRequests: a budget allows no disruption now.
    Budget {
        retry_after_seconds: i64,
        cause: String,
    },
}

pub const BUDGET_MESSAGE: &str =
    "Cannot evict pod as it would violate the pod's disruption budget.";

impl EvictError {
    pub fn code(&self) -> u16 {
        match self {
            EvictError::Status(s) => s.code,
            EvictError::Budget { .. } => 429,
        }
    }

    pub fn message(&self) -> String {
        match self {
            EvictError::Status(s) => s.message.clone(),
            EvictError::Budget { .. } => BUDGET_MESSAGE.into(),
        }
    }

    /// The Status object on the wire.
    pub fn to_json(&self) -> Value {
        match self {
            EvictError::Status(s) => s.to_json(),
            EvictError::Budget {
                retry_after_seconds,
                cause,
            } => {
                let mut v = json!({
                    "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                    "message": BUDGET_MESSAGE,
                    "reason": "TooManyRequests",
                    "details": {"causes": [{"reason": "DisruptionBudget", "message": cause}]},
                    "code": 429,
                });
                if *retry_after_seconds > 0 {
                    v["details"]["retryAfterSeconds"] = json!(retry_after_seconds);
                }
                v
            }
        }
    }
}

impl From<Status> for EvictError {
    fn from(s: Status) -> Self {
        EvictError::Status(s)
    }
}

/// Terminal and pending pods are deleted without asking any budget; a
/// terminating one is deleted again (its grace period may shorten).
fn can_ignore_pdb(pod: &Value) -> bool {
    let phase = meta::str_at(pod, &["status", "phase"]).unwrap_or("");
    matches!(phase, "Succeeded" | "Failed" | "Pending")
        || meta::at(pod, &["metadata", "deletionTimestamp"]).is_some()
}

impl ApiServer {
    /// POST pods/{name}/eviction.
    pub fn evict(&mut self, ns: &str, name: &str, opts: &WriteOptions) -> Result<(), EvictError> {
        let pods_r = self
            .registry()
            .resolve("pods")
            .cloned()
            .ok_or_else(|| Status::internal("pods are not served"))?;
        let pod = self.get(&pods_r, ns, name)?;
        if !can_ignore_pdb(&pod) {
            self.check_budget(ns, &pod, opts.dry_run)?;
        }
        self.delete(&pods_r, ns, name, opts)?;
        Ok(())
    }

    /// `checkAndDecrement`: refuse, or take one disruption from the budget.
    fn check_budget(&mut self, ns: &str, pod: &Value, dry_run: bool) -> Result<(), EvictError> {
        let Some(pdb_r) = self
            .registry()
            .resolve("poddisruptionbudgets.policy")
            .cloned()
        else {
            return Ok(());
        };
        let budgets: Vec<Value> = self
            .list(&pdb_r, Some(ns), &Default::default())
            .unwrap_or_default()
            .into_iter()
            .filter(|b| !covered_pods(b, std::slice::from_ref(pod)).is_empty())
            .collect();
        if budgets.len() > 1 {
            return Err(Status::internal(
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
            )
            .into());
        }
        let Some(pdb) = budgets.into_iter().next() else {
            return Ok(());
        };
        let pdb_name = meta::name(&pdb).to_string();
        let int = |k: &str| {
            meta::at(&pdb, &["status", k])
                .and_then(Value::as_i64)
                .unwrap_or(0)
        };
        let generation = meta::at(&pdb, &["metadata", "generation"])
            .and_then(Value::as_i64)
            .unwrap_or(0);
        // An unready pod may go while the budget is met (IfHealthyBudget).
        let (current, desired) = (int("currentHealthy"), int("desiredHealthy"));
        if !is_ready(pod) && current >= desired && desired > 0 {
            return Ok(());
        }
        if int("observedGeneration") < generation {
            return Err(EvictError::Budget {
                retry_after_seconds: 10,
                cause: format!(
                    "The disruption budget {pdb_name} is still being processed by the server."
                ),
            });
        }
        let allowed = int("disruptionsAllowed");
        if allowed < 0 {
            return Err(
                Status::forbidden_plain("pdb disruptions allowed is negative".into()).into(),
            );
        }
        if allowed == 0 {
            return Err(EvictError::Budget {
                retry_after_seconds: 0,
                cause: format!(
                    "The disruption budget {pdb_name} needs {desired} healthy pods and has {current} currently"
                ),
            });
        }
        if dry_run {
            return Ok(());
        }
        let mut next = pdb.clone();
        next["status"]["disruptionsAllowed"] = json!(allowed - 1);
        next["status"]["disruptedPods"][meta::name(pod)] = json!(self.now().rfc3339());
        self.update_status(&pdb_r, ns, next)?;
        Ok(())
    }
}
