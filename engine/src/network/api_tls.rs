//! The API server's serving certificate as a client meets it: signed by
//! the cluster's CA (minikube's `minikubeCA`, kubeadm's `kubernetes` on
//! kind), valid for the names kubeadm and minikube put in it; and the
//! check a client makes before it sends anything (`-k`, `--cacert FILE`,
//! or the machine's own CA store, which does not know the cluster's CA).

use crate::controllers::serviceaccount::CA_CRT;
use crate::images::Runtime;
use crate::world::World;

/// Who signed the certificate and the names it is valid for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServingCert {
    /// The CA's common name (`minikubeCA`, `kubernetes`).
    pub issuer: String,
    /// Its subject alternative names, DNS names and IPs alike.
    pub names: Vec<String>,
}

impl ServingCert {
    /// The certificate `world`'s API server presents: minikube's (its
    /// apiserver.crt) or kubeadm's on a kind node. Reads as the system.
    pub fn of(world: &World) -> ServingCert {
        let control_plane = world.kubelets.first();
        let (node, node_ip) = control_plane
            .map(|k| (k.node.clone(), k.node_ip.clone()))
            .unwrap_or_default();
        let service_ip = world
            .api
            .registry()
            .resolve("services")
            .and_then(|r| world.api.get(r, "default", "kubernetes").ok())
            .and_then(|s| s["spec"]["clusterIP"].as_str().map(String::from))
            .unwrap_or_else(|| "10.96.0.1".into());
        let in_cluster = [
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local",
            "localhost",
        ]
        .map(String::from);
        let kind = control_plane.is_some_and(|k| k.runtime == Runtime::Containerd);
        let (issuer, own) = if kind {
            ("kubernetes", vec![node])
        } else {
            (
                "minikubeCA",
                vec![
                    "minikubeCA".into(),
                    "control-plane.minikube.internal".into(),
                ],
            )
        };
        let mut names = own;
        names.extend(in_cluster);
        names.extend([service_ip, node_ip, "127.0.0.1".into()]);
        if !kind {
            names.push("10.0.0.1".into());
        }
        ServingCert {
            issuer: issuer.into(),
            names,
        }
    }

    /// Whether the certificate names `host` (curl and wget check this).
    pub fn covers(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.names.contains(&host)
    }
}

/// What a client trusts when it checks a server's certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Trust {
    /// `curl -k`, `wget --no-check-certificate`, busybox's wget (which
    /// does not check at all).
    #[default]
    Insecure,
    /// The machine's CA store: public CAs only.
    System,
    /// `--cacert PATH` and what the file holds (None: it cannot be read).
    CaFile {
        path: String,
        contents: Option<String>,
    },
}

/// Why a client refused the server before sending its request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsError {
    /// The CA file is missing or holds no certificate (curl's 77).
    BadCaFile(String),
    /// Signed by a CA the client does not trust.
    Unverified,
    /// Trusted, but not issued for the name the client asked for.
    NameMismatch(String),
}

impl Trust {
    /// The client's verdict on `cert` when it connected to `host`.
    pub fn check(&self, cert: &ServingCert, host: &str) -> Result<(), TlsError> {
        match self {
            Trust::Insecure => Ok(()),
            Trust::System => Err(TlsError::Unverified),
            Trust::CaFile { path, contents } => {
                let contents = contents.as_deref().unwrap_or("");
                if !contents.contains("-----BEGIN CERTIFICATE-----") {
                    Err(TlsError::BadCaFile(path.clone()))
                } else if !is_cluster_ca(contents) {
                    Err(TlsError::Unverified)
                } else if !cert.covers(host.trim_start_matches('[').trim_end_matches(']')) {
                    Err(TlsError::NameMismatch(host.to_string()))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// Whether a CA file holds a cluster's CA: the one pods and ~/.minikube
/// hold, or the one a kubeconfig carries inline. (The playground's
/// clusters share one CA; a real one's certificate is its own.)
fn is_cluster_ca(contents: &str) -> bool {
    contents.contains(CA_CRT.trim_end())
        || crate::kubectl::kubeconfig::inline_cas()
            .iter()
            .any(|ca| contents.contains(ca.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert() -> ServingCert {
        ServingCert {
            issuer: "minikubeCA".into(),
            names: vec!["kubernetes.default.svc".into(), "10.96.0.1".into()],
        }
    }

    #[test]
    fn a_client_trusts_the_cluster_ca_only_for_the_certificates_names() {
        let ca = |contents: Option<&str>| Trust::CaFile {
            path: "ca.crt".into(),
            contents: contents.map(String::from),
        };
        assert_eq!(Trust::Insecure.check(&cert(), "x"), Ok(()));
        assert_eq!(
            Trust::System.check(&cert(), "10.96.0.1"),
            Err(TlsError::Unverified)
        );
        assert_eq!(
            ca(Some(CA_CRT)).check(&cert(), "kubernetes.default.svc"),
            Ok(())
        );
        assert_eq!(ca(Some(CA_CRT)).check(&cert(), "10.96.0.1"), Ok(()));
        assert_eq!(
            ca(Some(CA_CRT)).check(&cert(), "kubernetes"),
            Err(TlsError::NameMismatch("kubernetes".into()))
        );
        let other = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        assert_eq!(
            ca(Some(other)).check(&cert(), "10.96.0.1"),
            Err(TlsError::Unverified)
        );
        assert_eq!(
            ca(None).check(&cert(), "10.96.0.1"),
            Err(TlsError::BadCaFile("ca.crt".into()))
        );
        assert_eq!(
            ca(Some("not a pem")).check(&cert(), "10.96.0.1"),
            Err(TlsError::BadCaFile("ca.crt".into()))
        );
    }
}
