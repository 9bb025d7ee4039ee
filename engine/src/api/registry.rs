//! The resource registry: what discovery serves, and how a type name a user
//! types (`po`, `Pod`, `pods.v1.`, `deployments.apps`) maps to a resource.

use super::aggregated_resources::{METRICS_GROUP, METRICS_RESOURCES, METRICS_VERSION};
use super::builtin_resources::{BuiltinResource, BUILTIN_RESOURCES, GROUP_VERSIONS};
use serde::{Deserialize, Serialize};

/// One served resource (built-in or from a CRD).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Subresources served, e.g. `status`, `scale`.
    #[serde(default)]
    pub subresources: Vec<String>,
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
            subresources: strings(b.subresources),
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

    pub fn has_subresource(&self, sub: &str) -> bool {
        self.subresources.iter().any(|s| s == sub)
    }

    /// Whether this resource comes from a CustomResourceDefinition.
    pub fn is_custom(&self) -> bool {
        !BUILTIN_RESOURCES
            .iter()
            .chain(METRICS_RESOURCES)
            .any(|b| b.group == self.group && b.name == self.name)
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
    /// `resource.group` of a second resource with the short name `typed`,
    /// when the first match wins over it.
    pub fn shadowed_by_short_name(&self, typed: &str) -> Option<String> {
        let name = typed.to_lowercase();
        let winner = self.resolve(&name)?;
        if !winner.short_names.contains(&name) {
            return None;
        }
        self.resources
            .iter()
            .find(|r| r.short_names.contains(&name) && r.group != winner.group)
            .map(|r| format!("{}.{}", r.name, r.group))
    }

    pub fn resolve(&self, typed: &str) -> Option<&ApiResource> {
        let lower = typed.to_lowercase();
        let (name, rest) = match lower.split_once('.') {
            Some((n, r)) => (n.to_string(), Some(r.to_string())),
            None => (lower.clone(), None),
        };
        let matches_name = |r: &ApiResource| {
            r.name == name
                || r.singular == name
                // Kinds are ASCII (DNS-1035 once lowercased): no allocation.
                || r.kind.eq_ignore_ascii_case(&name)
                || r.short_names.contains(&name)
        };
        match rest {
            None => self.resources.iter().find(|r| matches_name(r)),
            Some(rest) => {
                // `name.version.group` (group may be empty: `pods.v1.`) or `name.group`.
                let by_version = rest.split_once('.').and_then(|(v, g)| {
                    let in_version = |r: &&ApiResource| r.version == v && r.group == g;
                    self.resources
                        .iter()
                        .filter(in_version)
                        .find(|r| matches_name(r))
                        // kubectl's shortcut expander keeps no version: `hpa.v1.autoscaling`
                        // is the preferred version's; only a full name reaches v1.
                        .or_else(|| {
                            let other = other_versions()
                                .iter()
                                .filter(in_version)
                                .find(|r| matches_name(r))?;
                            if other.short_names.contains(&name) {
                                return self
                                    .resources
                                    .iter()
                                    .find(|r| r.group == other.group && r.name == other.name);
                            }
                            Some(other)
                        })
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
            .chain(other_versions())
            .find(|r| r.kind == kind && r.group == group && r.version == version)
    }

    /// Whether a group/version is served at all.
    pub fn serves_group_version(&self, group: &str, version: &str) -> bool {
        self.group_versions
            .iter()
            .any(|(g, vs)| g == group && vs.iter().any(|v| v == version))
    }

    /// Serves a CRD's resource (replacing what it served before) in the
    /// versions given, the first being the preferred one.
    pub fn serve_custom(&mut self, r: ApiResource, versions: Vec<String>) {
        self.remove_custom(&r.group, &r.name);
        let group = r.group.clone();
        self.resources.push(r);
        if let Some((_, vs)) = self.group_versions.iter_mut().find(|(g, _)| *g == group) {
            for v in versions {
                if !vs.contains(&v) {
                    vs.push(v);
                }
            }
            vs.sort_by(|a, b| version_priority(a).cmp(&version_priority(b)).then(a.cmp(b)));
        } else {
            let mut versions = versions;
            versions.sort_by(|a, b| version_priority(a).cmp(&version_priority(b)).then(a.cmp(b)));
            // CRD groups come after the built-in ones (lower group priority), by name.
            let pos = self
                .group_versions
                .iter()
                .position(|(g, _)| {
                    !GROUP_VERSIONS.iter().any(|(bg, _)| bg == g) && g.as_str() > group.as_str()
                })
                .unwrap_or(self.group_versions.len());
            self.group_versions.insert(pos, (group, versions));
        }
    }

    /// Stops serving a CRD's resource; its group goes when nothing else serves it.
    pub fn remove_custom(&mut self, group: &str, name: &str) {
        let before = self.resources.len();
        self.resources
            .retain(|r| !(r.group == group && r.name == name && r.is_custom()));
        if before == self.resources.len() {
            return;
        }
        let used: Vec<String> = self
            .resources
            .iter()
            .filter(|r| r.group == group)
            .map(|r| r.version.clone())
            .collect();
        if used.is_empty() && !GROUP_VERSIONS.iter().any(|(g, _)| *g == group) {
            self.group_versions.retain(|(g, _)| g != group);
        }
    }

    /// Serves (or stops serving) metrics.k8s.io, as the aggregator does
    /// while metrics-server's APIService is (not) available. Its group
    /// priority (100) puts it after every other group.
    pub fn serve_metrics(&mut self, on: bool) {
        let served = self.serves_group_version(METRICS_GROUP, METRICS_VERSION);
        if on == served {
            return;
        }
        self.resources.retain(|r| r.group != METRICS_GROUP);
        self.group_versions.retain(|(g, _)| g != METRICS_GROUP);
        if on {
            self.resources
                .extend(METRICS_RESOURCES.iter().map(ApiResource::from_builtin));
            self.group_versions
                .push((METRICS_GROUP.into(), vec![METRICS_VERSION.into()]));
        }
    }

    /// Resources in a category such as `all`.
    pub fn in_category(&self, category: &str) -> Vec<&ApiResource> {
        self.resources
            .iter()
            .filter(|r| r.categories.iter().any(|c| c == category))
            .collect()
    }
}

/// Built-in resources also served in a version other than their preferred
/// one, which discovery lists and kubectl can name (`hpa.v1.autoscaling`,
/// an `autoscaling/v1` manifest): HorizontalPodAutoscalers in autoscaling/v1.
fn other_versions() -> &'static [ApiResource] {
    static OTHER: std::sync::OnceLock<Vec<ApiResource>> = std::sync::OnceLock::new();
    OTHER.get_or_init(|| {
        BUILTIN_RESOURCES
            .iter()
            .filter(|b| (b.group, b.name) == ("autoscaling", "horizontalpodautoscalers"))
            .map(|b| ApiResource {
                version: "v1".into(),
                ..ApiResource::from_builtin(b)
            })
            .collect()
    })
}

/// Kube-aware version order (`version.CompareKubeAwareVersionStrings`): GA
/// before beta before alpha, higher numbers first; other strings last.
pub fn version_priority(v: &str) -> (u8, i64, i64) {
    let Some(rest) = v.strip_prefix('v') else {
        return (3, 0, 0);
    };
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let Ok(major) = digits.parse::<i64>() else {
        return (3, 0, 0);
    };
    let tail = &rest[digits.len()..];
    let stage = |t: &str, name: &str| -> Option<i64> {
        t.strip_prefix(name).and_then(|n| n.parse::<i64>().ok())
    };
    if tail.is_empty() {
        (0, -major, 0)
    } else if let Some(n) = stage(tail, "beta") {
        (1, -major, -n)
    } else if let Some(n) = stage(tail, "alpha") {
        (2, -major, -n)
    } else {
        (3, 0, 0)
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
