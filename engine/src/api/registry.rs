//! The resource registry: what discovery serves, and how a type name a user
//! types (`po`, `Pod`, `pods.v1.`, `deployments.apps`) maps to a resource.

use super::builtin_resources::{BuiltinResource, BUILTIN_RESOURCES, GROUP_VERSIONS};
use serde::{Deserialize, Serialize};

/// One served resource (built-in or, later, from a CRD).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiResource {
    pub name: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub group: String,
    pub version: String,
    pub namespaced: bool,
    pub kind: String,
    pub verbs: Vec<String>,
    pub categories: Vec<String>,
}

impl ApiResource {
    fn from_builtin(b: &BuiltinResource) -> ApiResource {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        ApiResource {
            name: b.name.into(),
            singular: b.singular.into(),
            short_names: strings(b.short_names),
            group: b.group.into(),
            version: b.version.into(),
            namespaced: b.namespaced,
            kind: b.kind.into(),
            verbs: strings(b.verbs),
            categories: strings(b.categories),
        }
    }

    /// `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `pods` or `deployments.apps`: how API errors name the resource.
    pub fn qualified_name(&self) -> String {
        if self.group.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.name, self.group)
        }
    }

    /// `pod` or `deployment.apps`: how kubectl names an object in `kind/name` output.
    pub fn qualified_singular(&self) -> String {
        let kind = self.kind.to_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{}.{}", kind, self.group)
        }
    }

    /// `Namespace` or `Deployment.apps`: how Invalid errors name the kind.
    pub fn qualified_kind(&self) -> String {
        if self.group.is_empty() {
            self.kind.clone()
        } else {
            format!("{}.{}", self.kind, self.group)
        }
    }

    pub fn has_verb(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }

    /// Store key prefix: one map of objects per group and resource.
    pub fn key(&self) -> String {
        format!("{}/{}", self.group, self.name)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Registry {
    resources: Vec<ApiResource>,
    group_versions: Vec<(String, Vec<String>)>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            resources: BUILTIN_RESOURCES
                .iter()
                .map(ApiResource::from_builtin)
                .collect(),
            group_versions: GROUP_VERSIONS
                .iter()
                .map(|(g, vs)| (g.to_string(), vs.iter().map(|v| v.to_string()).collect()))
                .collect(),
        }
    }
}

impl Registry {
    pub fn resources(&self) -> &[ApiResource] {
        &self.resources
    }

    pub fn group_versions(&self) -> &[(String, Vec<String>)] {
        &self.group_versions
    }

    /// Resolves what a user typed as a resource type, the way kubectl's
    /// RESTMapper does: `pods`, `pod`, `po`, `Pod`, `pods.v1.`, `deploy.apps`,
    /// `deployments.v1.apps`. Matching is case-insensitive.
    pub fn resolve(&self, typed: &str) -> Option<&ApiResource> {
        let lower = typed.to_lowercase();
        let (name, rest) = match lower.split_once('.') {
            Some((n, r)) => (n.to_string(), Some(r.to_string())),
            None => (lower.clone(), None),
        };
        let matches_name = |r: &ApiResource| {
            r.name == name
                || r.singular == name
                || r.kind.to_lowercase() == name
                || r.short_names.contains(&name)
        };
        match rest {
            None => self.resources.iter().find(|r| matches_name(r)),
            Some(rest) => {
                // `name.version.group` (group may be empty: `pods.v1.`) or `name.group`.
                let by_version = rest.split_once('.').and_then(|(v, g)| {
                    self.resources
                        .iter()
                        .find(|r| matches_name(r) && r.version == v && r.group == g)
                });
                by_version.or_else(|| {
                    self.resources
                        .iter()
                        .find(|r| matches_name(r) && r.group == rest)
                })
            }
        }
    }

    /// The resource for an `apiVersion` and `kind` (as found in a manifest).
    pub fn for_kind(&self, api_version: &str, kind: &str) -> Option<&ApiResource> {
        let (group, version) = match api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", api_version),
        };
        self.resources
            .iter()
            .find(|r| r.kind == kind && r.group == group && r.version == version)
    }

    /// Whether a group/version is served at all.
    pub fn serves_group_version(&self, group: &str, version: &str) -> bool {
        self.group_versions
            .iter()
            .any(|(g, vs)| g == group && vs.iter().any(|v| v == version))
    }

    /// Resources in a category such as `all`.
    pub fn in_category(&self, category: &str) -> Vec<&ApiResource> {
        self.resources
            .iter()
            .filter(|r| r.categories.iter().any(|c| c == category))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_forms_kubectl_accepts() {
        let reg = Registry::default();
        for typed in ["pods", "pod", "po", "Pod", "PODS", "pods.v1.", "pod.v1."] {
            assert_eq!(
                reg.resolve(typed).map(|r| r.name.as_str()),
                Some("pods"),
                "{typed}"
            );
        }
        for typed in ["deployments.apps", "deploy", "deployment.v1.apps"] {
            assert_eq!(
                reg.resolve(typed).map(|r| r.name.as_str()),
                Some("deployments"),
                "{typed}"
            );
        }
        assert!(reg.resolve("podz").is_none());
        assert!(reg.resolve("pods.apps").is_none());
    }
}
