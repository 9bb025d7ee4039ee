//! RBAC PolicyRules broken down to single verbs (`rbac.BreakdownRule`), as
//! both the API server's escalation check and `kubectl auth can-i --list`
//! compare them.

use serde_json::Value;

/// The strings of a JSON list (missing or not a list: none).
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// One broken-down rule: groups, resources, names, urls, verbs.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub groups: Vec<String>,
    pub resources: Vec<String>,
    pub names: Vec<String>,
    pub urls: Vec<String>,
    pub verbs: Vec<String>,
}

/// `BreakdownRule`: one rule per group × resource × verb (× name), and per
/// non-resource URL × verb.
pub fn breakdown(rule: &Value) -> Vec<Rule> {
    let mut out = vec![];
    let verbs = strings(&rule["verbs"]);
    let names = strings(&rule["resourceNames"]);
    for g in strings(&rule["apiGroups"]) {
        for r in strings(&rule["resources"]) {
            for v in &verbs {
                let base = Rule {
                    groups: vec![g.clone()],
                    resources: vec![r.clone()],
                    names: vec![],
                    urls: vec![],
                    verbs: vec![v.clone()],
                };
                if names.is_empty() {
                    out.push(base);
                } else {
                    for n in &names {
                        out.push(Rule {
                            names: vec![n.clone()],
                            ..base.clone()
                        });
                    }
                }
            }
        }
    }
    for u in strings(&rule["nonResourceURLs"]) {
        for v in &verbs {
            out.push(Rule {
                groups: vec![],
                resources: vec![],
                names: vec![],
                urls: vec![u.clone()],
                verbs: vec![v.clone()],
            });
        }
    }
    out
}
