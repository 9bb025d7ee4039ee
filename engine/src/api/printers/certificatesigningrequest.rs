//! CertificateSigningRequest: `NAME AGE SIGNERNAME REQUESTOR
//! REQUESTEDDURATION CONDITION` (`printCertificateSigningRequest`).

use super::common::{age, at, col, list, s, AGE, NAME};
use super::Printer;
use crate::api::table::human_duration;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        AGE,
        col("SignerName", "string", 0, "Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`. If empty, it will be defaulted:\n 1. If it's a kubelet client certificate, it is assigned\n    \"kubernetes.io/kube-apiserver-client-kubelet\".\n 2. If it's a kubelet serving certificate, it is assigned\n    \"kubernetes.io/kubelet-serving\".\n 3. Otherwise, it is assigned \"kubernetes.io/legacy-unknown\".\nDistribution of trust for signers happens out of band. You can select on this field using `spec.signerName`."),
        col("Requestor", "string", 0, "Base64-encoded PKCS#10 CSR data"),
        col("RequestedDuration", "string", 0, "expirationSeconds is the requested duration of validity of the issued certificate. The certificate signer may issue a certificate with a different validity duration so a client must check the delta between the notBefore and and notAfter fields in the issued certificate to determine the actual duration.\n\nThe v1.22+ in-tree implementations of the well-known Kubernetes signers will honor this field as long as the requested duration is not greater than the maximum duration they will honor per the --cluster-signing-duration CLI flag to the Kubernetes controller manager.\n\nCertificate signers may not honor this field for various reasons:\n\n  1. Old signer that is unaware of the field (such as the in-tree\n     implementations prior to v1.22)\n  2. Signer whose configured maximum is shorter than the requested duration\n  3. Signer whose configured minimum is longer than the requested duration\n\nThe minimum valid value for expirationSeconds is 600, i.e. 10 minutes."),
        col("Condition", "string", 0, "Conditions applied to the request, such as approval or denial."),
    ],
    row,
};

/// `extractCSRStatus`: any condition of the type counts, whatever its status.
pub fn status(csr: &Value) -> String {
    let has = |kind: &str| {
        list(csr, &["status", "conditions"])
            .iter()
            .any(|c| c.get("type").and_then(Value::as_str) == Some(kind))
    };
    let mut text = if has("Denied") {
        "Denied"
    } else if has("Approved") {
        "Approved"
    } else {
        "Pending"
    }
    .to_string();
    if has("Failed") {
        text.push_str(",Failed");
    }
    if !s(csr, &["status", "certificate"]).is_empty() {
        text.push_str(",Issued");
    }
    text
}

fn row(csr: &Value, now: Time) -> Vec<Value> {
    let signer = match s(csr, &["spec", "signerName"]) {
        "" => "<none>",
        n => n,
    };
    let duration = match at(csr, &["spec", "expirationSeconds"]).and_then(Value::as_i64) {
        Some(secs) => human_duration(secs * 1000),
        None => "<none>".into(),
    };
    vec![
        s(csr, &["metadata", "name"]).into(),
        age(csr, now),
        signer.into(),
        s(csr, &["spec", "username"]).into(),
        duration.into(),
        status(csr).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn csrs() {
        let mut csr = json!({"apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest",
            "metadata": {"name": "myuser", "creationTimestamp": ago(12)},
            "spec": {"signerName": "kubernetes.io/kube-apiserver-client", "username": "minikube-user",
                     "expirationSeconds": 86400, "usages": ["client auth"], "request": "LS0t"},
            "status": {}});
        assert_eq!(
            cells(&PRINTER, &csr),
            vec![
                json!("myuser"),
                json!("12s"),
                json!("kubernetes.io/kube-apiserver-client"),
                json!("minikube-user"),
                json!("24h"),
                json!("Pending")
            ]
        );
        csr["status"] = json!({"conditions": [{"type": "Approved", "status": "True", "reason": "KubectlApprove"}], "certificate": "LS0t"});
        assert_eq!(cells(&PRINTER, &csr)[5], json!("Approved,Issued"));
        csr["status"] = json!({"conditions": [{"type": "Approved", "status": "True"}, {"type": "Denied", "status": "True"}, {"type": "Failed", "status": "True"}]});
        assert_eq!(cells(&PRINTER, &csr)[5], json!("Denied,Failed"));
        csr["spec"] = json!({"username": "u"});
        assert_eq!(
            cells(&PRINTER, &csr)[2..5],
            [json!("<none>"), json!("u"), json!("<none>")]
        );
    }
}
