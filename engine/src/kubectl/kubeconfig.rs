//! The kubeconfig file (`~/.kube/config`, or `$KUBECONFIG`, or
//! `--kubeconfig`) in the virtual file system: contexts, clusters, users,
//! the current context and its namespace.

use super::errors::CmdError;
use super::flags::Parsed;
use super::printers::yaml;
use super::Env;
use crate::api::meta;
use serde_json::{json, Value};

pub const DEFAULT_PATH: &str = "/root/.kube/config";

/// What `minikube start` writes (docs/facts/minikube-v1.33.md).
pub fn minikube(last_update: &str) -> String {
    let ext = |name: &str| json!([{"extension": {"last-update": last_update, "provider": "minikube.sigs.k8s.io", "version": "v1.36.0"}, "name": name}]);
    yaml::to_yaml(&json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority": "/root/.minikube/ca.crt", "extensions": ext("cluster_info"),
                                  "server": "https://192.168.49.2:8443"}, "name": "minikube"}],
        "contexts": [{"context": {"cluster": "minikube", "extensions": ext("context_info"),
                                  "namespace": "default", "user": "minikube"}, "name": "minikube"}],
        "current-context": "minikube",
        "kind": "Config",
        "preferences": {},
        "users": [{"name": "minikube", "user": {"client-certificate": "/root/.minikube/profiles/minikube/client.crt",
                                                "client-key": "/root/.minikube/profiles/minikube/client.key"}}],
    }))
}

/// What `kind create cluster` writes: cluster, context and user `kind-kind`,
/// the apiserver at the port docker publishes on 127.0.0.1, credentials inline.
pub fn kind(port: u16) -> String {
    kind_named("kind", port)
}

/// The same for a cluster named `name`: everything is `kind-<name>`.
pub fn kind_named(name: &str, port: u16) -> String {
    let id = format!("kind-{name}");
    yaml::to_yaml(&json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": KIND_CA_DATA,
                                  "server": format!("https://127.0.0.1:{port}")}, "name": id}],
        "contexts": [{"context": {"cluster": id, "user": id}, "name": id}],
        "current-context": id,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": id, "user": {"client-certificate-data": KIND_CERT_DATA,
                                        "client-key-data": KIND_KEY_DATA}}],
    }))
}

// Stand-ins for kind's generated PEM blocks (base64 of a PEM header; no real keys).
const KIND_CA_DATA: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmtpbmQta2luZCBjbHVzdGVyIENBCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K";
const KIND_CERT_DATA: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmt1YmVybmV0ZXMtYWRtaW4KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";
const KIND_KEY_DATA: &str = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQprdWJlcm5ldGVzLWFkbWluCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==";

/// Go's time.RFC1123 in UTC: `Sun, 01 Jun 2025 09:00:00 UTC`.
pub fn rfc1123(t: crate::clock::Time) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let s = t.rfc3339();
    let day = DAYS[t.secs().div_euclid(86_400).rem_euclid(7) as usize];
    let month: usize = s[5..7].parse().unwrap_or(1);
    format!(
        "{day}, {} {} {} {} UTC",
        &s[8..10],
        MONTHS[month - 1],
        &s[0..4],
        &s[11..19]
    )
}

pub struct Kubeconfig {
    pub path: String,
    pub doc: Value,
}

impl Kubeconfig {
    /// The file kubectl reads: `--kubeconfig`, else the first of `$KUBECONFIG`, else the default.
    pub fn path(env: &Env, p: &Parsed) -> String {
        if let Some(k) = p.str("kubeconfig").filter(|s| !s.is_empty()) {
            return crate::kubectl::manifests::absolute(env.cwd, k);
        }
        if let Some(k) = env
            .env
            .get("KUBECONFIG")
            .and_then(|k| k.split(':').find(|s| !s.is_empty()))
        {
            return crate::kubectl::manifests::absolute(env.cwd, k);
        }
        DEFAULT_PATH.into()
    }

    pub fn load(env: &Env, p: &Parsed) -> Result<Kubeconfig, CmdError> {
        let path = Self::path(env, p);
        let doc = match env.vfs.read(&path) {
            None => {
                json!({"apiVersion": "v1", "kind": "Config", "clusters": null, "contexts": null,
                           "current-context": "", "preferences": {}, "users": null})
            }
            Some(text) => serde_yaml::from_str::<Value>(text).map_err(|e| {
                CmdError::Plain(format!("error loading config file \"{path}\": {e}"))
            })?,
        };
        Ok(Kubeconfig { path, doc })
    }

    pub fn save(&self, env: &mut Env) {
        env.vfs.write(&self.path, &yaml::to_yaml(&self.doc));
    }

    pub fn current_context(&self) -> &str {
        meta::str_at(&self.doc, &["current-context"]).unwrap_or("")
    }

    pub fn list(&self, field: &str) -> Vec<Value> {
        self.doc
            .get(field)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    pub fn context(&self, name: &str) -> Option<Value> {
        self.list("contexts")
            .into_iter()
            .find(|c| c["name"] == name)
    }

    /// The server of a context (the current one by default): empty when no
    /// context is set, None when the context or its cluster is missing.
    pub fn server(&self, context: Option<&str>) -> Option<String> {
        let name = context.unwrap_or(self.current_context());
        if name.is_empty() {
            return Some(String::new());
        }
        let ctx = self.context(name)?;
        let cluster = meta::str_at(&ctx, &["context", "cluster"])?.to_string();
        let entry = self
            .list("clusters")
            .into_iter()
            .find(|c| c["name"] == cluster.as_str())?;
        meta::str_at(&entry, &["cluster", "server"]).map(String::from)
    }

    /// The namespace of a context (the current one by default).
    pub fn context_namespace(&self, name: Option<&str>) -> Option<String> {
        let ctx = self.context(name.unwrap_or(self.current_context()))?;
        meta::str_at(&ctx, &["context", "namespace"])
            .filter(|s| !s.is_empty())
            .map(String::from)
    }
}
