//! kube-controller-manager's csrsigning: an approved
//! CertificateSigningRequest for one of the built-in `kubernetes.io/`
//! signers gets its certificate from the cluster CA in
//! `status.certificate` (`kubectl get csr` then shows `Approved,Issued`).
//! A request whose usages its signer does not allow gets a Failed
//! condition instead.

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};
use crate::cluster_ca;
use serde_json::{json, Value};

/// The signers kube-controller-manager runs with the cluster CA.
const SIGNERS: &[&str] = &[
    "kubernetes.io/kube-apiserver-client",
    "kubernetes.io/kube-apiserver-client-kubelet",
    "kubernetes.io/kubelet-serving",
    "kubernetes.io/legacy-unknown",
];

/// What a client certificate may be used for (validAPIServerClientUsages).
const CLIENT_USAGES: &[&str] = &["digital signature", "key encipherment", "client auth"];

fn condition(csr: &Value, kind: &str) -> bool {
    meta::at(csr, &["status", "conditions"])
        .and_then(Value::as_array)
        .is_some_and(|cs| cs.iter().any(|c| c["type"] == kind))
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(r) = api
        .registry()
        .resolve("certificatesigningrequests.certificates.k8s.io")
        .cloned()
    else {
        return;
    };
    let pending: Vec<Value> = api
        .list_shared(&r, None, &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|c| {
            condition(c, "Approved")
                && !condition(c, "Denied")
                && !condition(c, "Failed")
                && meta::str_at(c, &["status", "certificate"]).is_none_or(str::is_empty)
                && meta::str_at(c, &["spec", "signerName"]).is_some_and(|s| SIGNERS.contains(&s))
        })
        .map(|c| (*c).clone())
        .collect();
    let now = api.now();
    for mut csr in pending {
        let usages: Vec<String> = meta::at(&csr, &["spec", "usages"])
            .and_then(Value::as_array)
            .map(|u| {
                u.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let signer = meta::str_at(&csr, &["spec", "signerName"]).unwrap_or("");
        if signer == SIGNERS[0] {
            if let Some(bad) = usages.iter().find(|u| !CLIENT_USAGES.contains(&u.as_str())) {
                let failed = json!({"type": "Failed", "status": "True",
                    "reason": "SignerValidationFailure",
                    "message": format!("invalid usage for client certificate: {bad}"),
                    "lastUpdateTime": now.rfc3339(), "lastTransitionTime": now.rfc3339()});
                if let Some(cs) = csr["status"]["conditions"].as_array_mut() {
                    cs.push(failed);
                }
                let _ = api.update_status(&r, "", csr);
                continue;
            }
        }
        // spec.request holds the PEM bytes (base64 in JSON).
        let request = meta::str_at(&csr, &["spec", "request"]).unwrap_or("");
        let pem =
            String::from_utf8_lossy(&crate::kubelet::env::decode_base64(request)).into_owned();
        let expiration = meta::at(&csr, &["spec", "expirationSeconds"]).and_then(Value::as_i64);
        let uid = meta::str_at(&csr, &["metadata", "uid"])
            .unwrap_or("")
            .to_string();
        // An unparseable request is logged by the real signer and left alone.
        let Ok(cert) = cluster_ca::sign(&pem, &usages, expiration, now.secs(), uid.as_bytes())
        else {
            continue;
        };
        csr["status"]["certificate"] =
            json!(crate::apiserver::defaults::secret::base64(cert.as_bytes()));
        let _ = api.update_status(&r, "", csr);
    }
}
