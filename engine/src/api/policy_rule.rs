//! RBAC PolicyRules broken down to single verbs (`rbac.BreakdownRule`), as
//! both the API server's escalation check and `kubectl auth can-i --list`
//! compare them, and compacted again as `can-i --list` and `describe role`
//! print them (kubectl's `pkg/util/rbac`).

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

impl Rule {
    /// Go's `PolicyRule.String()`, which kubectl sorts the rules it prints by.
    pub fn go_string(&self) -> String {
        format!(
            "&PolicyRule{{Verbs:[{}],APIGroups:[{}],Resources:[{}],ResourceNames:[{}],NonResourceURLs:[{}],}}",
            self.verbs.join(" "),
            self.groups.join(" "),
            self.resources.join(" "),
            self.names.join(" "),
            self.urls.join(" ")
        )
    }
}

/// `CompactRules`: simple rules on the same group/resource/name merge their verbs.
pub fn compact(rules: Vec<Rule>) -> Vec<Rule> {
    let mut out: Vec<Rule> = vec![];
    let mut simple: Vec<Rule> = vec![];
    for r in rules {
        if r.urls.is_empty() && r.groups.len() == 1 && r.resources.len() == 1 && r.names.len() <= 1
        {
            if let Some(existing) = simple
                .iter_mut()
                .find(|s| s.groups == r.groups && s.resources == r.resources && s.names == r.names)
            {
                for v in r.verbs {
                    if !existing.verbs.contains(&v) {
                        existing.verbs.push(v);
                    }
                }
                continue;
            }
            simple.push(r);
        } else {
            out.push(r);
        }
    }
    out.extend(simple);
    out
}

/// A role's rules broken down, compacted and sorted, as `describe role` lists them.
pub fn compact_sorted(rules: &[Value]) -> Vec<Rule> {
    let broken = rules.iter().flat_map(breakdown).collect();
    let mut out = compact(broken);
    out.sort_by_key(Rule::go_string);
    out
}

/// `CombineResourceGroup`: `deployments.apps/scale`.
pub fn resource_group(r: &Rule) -> String {
    let Some(first) = r.resources.first() else {
        return String::new();
    };
    let (res, sub) = match first.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (first.as_str(), None),
    };
    let mut s = res.to_string();
    if let Some(g) = r.groups.first().filter(|g| !g.is_empty()) {
        s.push('.');
        s.push_str(g);
    }
    if let Some(sub) = sub {
        s.push('/');
        s.push_str(sub);
    }
    s
}
