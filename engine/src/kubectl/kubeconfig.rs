//! The kubeconfig file (`~/.kube/config`, or `$KUBECONFIG`, or
//! `--kubeconfig`) in the virtual file system: contexts, clusters, users,
//! the current context and its namespace.

use super::errors::CmdError;
use super::flags::Parsed;
use super::printers::yaml;
use super::Env;
use crate::api::meta;
use kubeplay_shell::Vfs;
use serde_json::{json, Value};

/// The shell's exported variables.
pub type Vars = std::collections::BTreeMap<String, String>;

pub const DEFAULT_PATH: &str = "/root/.kube/config";

/// Where minikube's kubeconfig says its API server is.
pub const MINIKUBE_SERVER: &str = "https://192.168.49.2:8443";

/// What `minikube start` writes (docs/facts/minikube-v1.33.md).
pub fn minikube(last_update: &str) -> String {
    let ext = |name: &str| json!([{"extension": {"last-update": last_update, "provider": "minikube.sigs.k8s.io", "version": "v1.36.0"}, "name": name}]);
    yaml::to_yaml(&json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority": "/root/.minikube/ca.crt", "extensions": ext("cluster_info"),
                                  "server": MINIKUBE_SERVER}, "name": "minikube"}],
        "contexts": [{"context": {"cluster": "minikube", "extensions": ext("context_info"),
                                  "namespace": "default", "user": "minikube"}, "name": "minikube"}],
        "current-context": "minikube",
        "kind": "Config",
        "preferences": {},
        "users": [{"name": "minikube", "user": {"client-certificate": "/root/.minikube/profiles/minikube/client.crt",
                                                "client-key": "/root/.minikube/profiles/minikube/client.key"}}],
    }))
}

/// The minikube node's /etc/kubernetes/admin.conf: kubeadm's, for the
/// cluster minikube names `mk`, reached through the control-plane alias of
/// the node's /etc/hosts (minikube's kubeadm template: clusterName mk,
/// controlPlaneEndpoint control-plane.minikube.internal:8443).
pub const MINIKUBE_ADMIN_PATH: &str = "/etc/kubernetes/admin.conf";
pub const MINIKUBE_ADMIN_SERVER: &str = "https://control-plane.minikube.internal:8443";

pub fn minikube_admin() -> String {
    yaml::to_yaml(&json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": MINIKUBE_CA_DATA,
                                  "server": MINIKUBE_ADMIN_SERVER}, "name": "mk"}],
        "contexts": [{"context": {"cluster": "mk", "user": "kubernetes-admin"}, "name": "kubernetes-admin@mk"}],
        "current-context": "kubernetes-admin@mk",
        "kind": "Config",
        "preferences": {},
        "users": [{"name": "kubernetes-admin", "user": {"client-certificate-data": KIND_CERT_DATA,
                                                        "client-key-data": KIND_KEY_DATA}}],
    }))
}

/// What `kind create cluster` writes: cluster, context and user `kind-kind`,
/// the apiserver at the port docker publishes on 127.0.0.1, credentials inline.
pub fn kind(port: u16) -> String {
    kind_named("kind", port)
}

/// The same for a cluster named `name`: everything is `kind-<name>`.
pub fn kind_named(name: &str, port: u16) -> String {
    yaml::to_yaml(&kind_doc(name, &format!("https://127.0.0.1:{port}")))
}

/// kind's kubeconfig for cluster `name` with its API server at `server`
/// (kind's KINDFromRawKubeadm: kubeadm's admin.conf renamed `kind-<name>`).
pub fn kind_doc(name: &str, server: &str) -> Value {
    let id = format!("kind-{name}");
    json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": KIND_CA_DATA,
                                  "server": server}, "name": id}],
        "contexts": [{"context": {"cluster": id, "user": id}, "name": id}],
        "current-context": id,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": id, "user": {"client-certificate-data": KIND_CERT_DATA,
                                        "client-key-data": KIND_KEY_DATA}}],
    })
}

/// kind's WriteMerged (pkg/cluster/internal/kubeconfig/internal/kubeconfig/
/// merge.go): its cluster, user and context replace the entries of the same
/// name or are appended, and its context becomes the current one.
pub fn merge_kind(existing: &mut Value, kind: &Value) {
    if !existing.is_object() {
        *existing = json!({});
    }
    let others = ["apiVersion", "kind", "preferences"];
    if !others.iter().any(|k| existing.get(*k).is_some()) {
        for k in others {
            existing[k] = kind[k].clone();
        }
    }
    for field in ["clusters", "users", "contexts"] {
        let entry = kind[field][0].clone();
        let mut list = existing
            .get(field)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        match list.iter_mut().find(|e| e["name"] == entry["name"]) {
            Some(e) => *e = entry,
            None => list.push(entry),
        }
        existing[field] = Value::Array(list);
    }
    existing["current-context"] = kind["current-context"].clone();
    kind_omit_empty(existing);
}

/// kind's RemoveKIND (remove.go): drops the `kind-<name>` cluster, user and
/// context, and unsets the current context if it was that one. True if
/// anything changed.
pub fn remove_kind(cfg: &mut Value, name: &str) -> bool {
    let key = format!("kind-{name}");
    let mut mutated = false;
    for field in ["clusters", "users", "contexts"] {
        if let Some(list) = cfg.get_mut(field).and_then(Value::as_array_mut) {
            let before = list.len();
            list.retain(|e| e["name"] != key.as_str());
            mutated |= list.len() != before;
        }
    }
    if cfg["current-context"] == key.as_str() {
        cfg["current-context"] = json!("");
        mutated = true;
    }
    kind_omit_empty(cfg);
    mutated
}

/// kind writes the file from its own Config type, whose lists and current
/// context are `omitempty` (types.go).
fn kind_omit_empty(cfg: &mut Value) {
    if let Some(obj) = cfg.as_object_mut() {
        obj.retain(|k, v| match k.as_str() {
            "clusters" | "users" | "contexts" => v.as_array().is_some_and(|a| !a.is_empty()),
            "current-context" => v.as_str().is_some_and(|s| !s.is_empty()),
            _ => true,
        });
    }
}

// Stand-ins for kind's generated PEM blocks (base64 of a PEM header; no real keys).
const KIND_CA_DATA: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmtpbmQta2luZCBjbHVzdGVyIENBCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K";
const MINIKUBE_CA_DATA: &str =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCm1pbmlrdWJlQ0EKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";
const KIND_CERT_DATA: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmt1YmVybmV0ZXMtYWRtaW4KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";
const KIND_KEY_DATA: &str = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQprdWJlcm5ldGVzLWFkbWluCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==";

/// The files under ~/.minikube that minikube's kubeconfig names: the
/// cluster CA and its key (the real ones the certificate signer uses, so a
/// user's certificate can be signed with openssl as minikube tutorials
/// do) and the user's client certificate and key (stand-ins), with their
/// modes.
pub fn minikube_files() -> Vec<(&'static str, String, u32)> {
    let pem =
        |kind: &str, what: &str| format!("-----BEGIN {kind}-----\n{what}\n-----END {kind}-----\n");
    vec![
        (
            "/root/.minikube/ca.crt",
            crate::controllers::serviceaccount::CA_CRT.to_string(),
            0o644,
        ),
        (
            "/root/.minikube/ca.key",
            crate::cluster_ca::CA_KEY.to_string(),
            0o600,
        ),
        (
            "/root/.minikube/profiles/minikube/client.crt",
            pem("CERTIFICATE", "minikube-user"),
            0o644,
        ),
        (
            "/root/.minikube/profiles/minikube/client.key",
            pem("RSA PRIVATE KEY", "minikube-user"),
            0o600,
        ),
    ]
}

/// The CA certificates the kubeconfigs carry inline (PEM text).
pub fn inline_cas() -> Vec<String> {
    [MINIKUBE_CA_DATA, KIND_CA_DATA]
        .iter()
        .map(|d| String::from_utf8_lossy(&crate::kubelet::env::decode_base64(d)).into_owned())
        .collect()
}

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
        Self::path_in(env.env, env.cwd, p.str("kubeconfig"))
    }

    /// The same from the shell's variables, its directory and `--kubeconfig`.
    pub fn path_in(vars: &Vars, cwd: &str, flag: Option<&str>) -> String {
        if let Some(k) = flag.filter(|s| !s.is_empty()) {
            return crate::kubectl::manifests::absolute(cwd, k);
        }
        if let Some(k) = vars
            .get("KUBECONFIG")
            .and_then(|k| k.split(':').find(|s| !s.is_empty()))
        {
            return crate::kubectl::manifests::absolute(cwd, k);
        }
        DEFAULT_PATH.into()
    }

    pub fn load(env: &Env, p: &Parsed) -> Result<Kubeconfig, CmdError> {
        Self::load_at(env.vfs, Self::path(env, p))
    }

    /// The kubeconfig at `path` (an empty one when there is no file).
    pub fn load_at(vfs: &Vfs, path: String) -> Result<Kubeconfig, CmdError> {
        let doc = match vfs.read(&path) {
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
