//! The clusterrole-aggregation controller: a ClusterRole with an
//! `aggregationRule` gets the rules of every ClusterRole its selectors pick
//! (by name order, each rule once) — how `admin`, `edit` and `view` take in
//! the `aggregate-to-*` roles, the built-in ones and any a user adds.

use crate::api::meta;
use crate::api::selector::Selector;
use crate::apiserver::{ApiServer, ListOptions};
use crate::controllers::replicaset::selector_string;
use serde_json::Value;

pub fn reconcile(api: &mut ApiServer) {
    let Some(r) = api.registry().resolve("clusterroles").cloned() else {
        return;
    };
    // Shared, not copied: most passes change nothing.
    let shared = api
        .list_shared(&r, None, &ListOptions::default())
        .unwrap_or_default();
    let roles: Vec<&Value> = shared.iter().map(|r| &**r).collect();
    for role in roles.iter().copied() {
        let Some(selectors) =
            meta::at(role, &["aggregationRule", "clusterRoleSelectors"]).and_then(Value::as_array)
        else {
            continue;
        };
        let rules = aggregate(role, selectors, &roles);
        if role.get("rules") == Some(&rules) {
            continue;
        }
        let mut next = role.clone();
        next["rules"] = rules;
        let _ = api.update(&r, "", next);
    }
}

/// The rules the selectors pick, in the controller's order.
fn aggregate(role: &Value, selectors: &[Value], roles: &[&Value]) -> Value {
    let mut sorted: Vec<&Value> = roles.to_vec();
    sorted.sort_by_key(|r| meta::name(r).to_string());
    let mut rules: Vec<Value> = vec![];
    for sel in selectors {
        let Ok(selector) = Selector::parse(&selector_string(Some(sel))) else {
            continue;
        };
        for other in &sorted {
            if meta::name(other) == meta::name(role) || !selector.matches(&meta::labels(other)) {
                continue;
            }
            for rule in other
                .get("rules")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !rules.contains(rule) {
                    rules.push(rule.clone());
                }
            }
        }
    }
    Value::Array(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn picks_labelled_roles_in_name_order_once() {
        let admin = json!({"metadata": {"name": "admin"},
            "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"agg": "true"}}]}});
        let rule_a = json!({"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]});
        let rule_b = json!({"verbs": ["list"], "apiGroups": [""], "resources": ["pods"]});
        let roles = [
            admin.clone(),
            json!({"metadata": {"name": "z", "labels": {"agg": "true"}}, "rules": [rule_a.clone()]}),
            json!({"metadata": {"name": "a", "labels": {"agg": "true"}}, "rules": [rule_b.clone(), rule_a.clone()]}),
            json!({"metadata": {"name": "m"}, "rules": [{"verbs": ["*"]}]}),
        ];
        let sels = admin["aggregationRule"]["clusterRoleSelectors"]
            .as_array()
            .unwrap();
        let refs: Vec<&Value> = roles.iter().collect();
        assert_eq!(aggregate(&admin, sels, &refs), json!([rule_b, rule_a]));
    }
}
