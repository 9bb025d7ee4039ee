//! A Job's `podFailurePolicy` (`pod_failure_policy.go`): the first rule whose
//! exit codes or pod conditions match a failed pod decides — FailJob ends the
//! Job, Ignore keeps the failure off the back-off count, Count counts it.

use crate::api::meta;
use serde_json::Value;

/// What the policy makes of a failed pod.
#[derive(Debug, PartialEq)]
pub struct Verdict {
    /// FailJob's message for the Job's FailureTarget/Failed condition.
    pub fail_job: Option<String>,
    /// Whether the failure counts against backoffLimit.
    pub count: bool,
}

fn rule_action(rule: &Value) -> &str {
    rule["action"].as_str().unwrap_or("")
}

/// The first terminated, non-zero container status the requirement matches.
fn exit_code_match<'a>(pod: &'a Value, req: &Value) -> Option<(&'a str, i64)> {
    let name = req["containerName"].as_str();
    let values: Vec<i64> = req["values"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    ["containerStatuses", "initContainerStatuses"]
        .iter()
        .flat_map(|k| {
            meta::at(pod, &["status", k])
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .find_map(|c| {
            let code = c["state"]["terminated"]["exitCode"].as_i64()?;
            let cname = c["name"].as_str().unwrap_or("");
            if code == 0 || name.is_some_and(|n| n != cname) {
                return None;
            }
            let hit = match req["operator"].as_str() {
                Some("In") => values.contains(&code),
                Some("NotIn") => !values.contains(&code),
                _ => false,
            };
            hit.then_some((cname, code))
        })
}

fn condition_match<'a>(pod: &'a Value, patterns: &[Value]) -> Option<&'a str> {
    meta::at(pod, &["status", "conditions"])
        .and_then(Value::as_array)?
        .iter()
        .find(|c| {
            patterns
                .iter()
                .any(|p| c["type"] == p["type"] && c["status"] == p["status"])
        })
        .and_then(|c| c["type"].as_str())
}

/// `matchPodFailurePolicy` for a failed pod.
pub fn judge(job: &Value, pod: &Value) -> Verdict {
    let counted = Verdict {
        fail_job: None,
        count: true,
    };
    let Some(rules) =
        meta::at(job, &["spec", "podFailurePolicy", "rules"]).and_then(Value::as_array)
    else {
        return counted;
    };
    let (ns, name) = (meta::namespace(pod), meta::name(pod));
    for (i, rule) in rules.iter().enumerate() {
        let hit = if rule["onExitCodes"].is_object() {
            exit_code_match(pod, &rule["onExitCodes"]).map(|(c, code)| {
                format!("Container {c} for pod {ns}/{name} failed with exit code {code} matching FailJob rule at index {i}")
            })
        } else if let Some(patterns) = rule["onPodConditions"].as_array() {
            condition_match(pod, patterns).map(|t| {
                format!("Pod {ns}/{name} has condition {t} matching FailJob rule at index {i}")
            })
        } else {
            None
        };
        let Some(message) = hit else {
            continue;
        };
        match rule_action(rule) {
            "Ignore" => {
                return Verdict {
                    fail_job: None,
                    count: false,
                }
            }
            "FailJob" => {
                return Verdict {
                    fail_job: Some(message),
                    count: true,
                }
            }
            "Count" | "FailIndex" => return counted,
            _ => {}
        }
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job() -> Value {
        json!({"spec": {"podFailurePolicy": {"rules": [
            {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]},
            {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
        ]}}})
    }

    #[test]
    fn exit_codes_fail_the_job() {
        let pod = json!({"metadata": {"name": "p", "namespace": "default"}, "status": {"phase": "Failed",
            "containerStatuses": [{"name": "main", "state": {"terminated": {"exitCode": 42}}}]}});
        assert_eq!(
            judge(&job(), &pod).fail_job.as_deref(),
            Some("Container main for pod default/p failed with exit code 42 matching FailJob rule at index 1")
        );
    }

    #[test]
    fn disruptions_are_ignored() {
        let pod = json!({"metadata": {"name": "p", "namespace": "default"}, "status": {"phase": "Failed",
            "conditions": [{"type": "DisruptionTarget", "status": "True"}]}});
        assert_eq!(
            judge(&job(), &pod),
            Verdict {
                fail_job: None,
                count: false
            }
        );
        let other = json!({"metadata": {"name": "p", "namespace": "default"}, "status": {"phase": "Failed"}});
        assert_eq!(
            judge(&job(), &other),
            Verdict {
                fail_job: None,
                count: true
            }
        );
    }
}
