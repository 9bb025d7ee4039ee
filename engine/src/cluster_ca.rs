//! The cluster's certificate authority: minikube's `minikubeCA`, one real
//! RSA key and certificate made once for the playground (the same in every
//! cluster, so lessons are reproducible). The certificate signer issues
//! client certificates with it (controllers/csr_signing.rs), and the API
//! server's x509 authenticator trusts the certificates it signed.

use crate::apiserver::auth::user::{UserInfo, AUTHENTICATED, CREDENTIAL_ID};
use kubeplay_pki::{Cert, CertSpec, Extensions, Key, Request, Seed};
use std::collections::BTreeMap;

/// `~/.minikube/ca.crt`, and every pod's `ca.crt`.
pub const CA_CRT: &str = include_str!("cluster_ca/ca.crt");
/// `~/.minikube/ca.key`.
pub const CA_KEY: &str = include_str!("cluster_ca/ca.key");

/// kube-controller-manager's `--cluster-signing-duration` default (1 year).
const SIGNING_SECONDS: i64 = 365 * 24 * 3600;
/// The signer backdates certificates against clock skew.
const BACKDATE_SECONDS: i64 = 5 * 60;

fn ca_cert() -> Option<Cert> {
    Cert::from_pem(CA_CRT).ok()
}

/// The certificate and its key: only signing needs the key (parsing it
/// is the costly part, so authentication does not).
fn ca() -> Option<(Cert, Key)> {
    Some((ca_cert()?, Key::from_pem(CA_KEY).ok()?))
}

/// Issues a certificate for a PEM certificate request, with the request's
/// subject and key and the CSR's usages, valid from five minutes ago for
/// `expiration_seconds` (at most a year, never past the CA).
pub fn sign(
    request_pem: &str,
    usages: &[String],
    expiration_seconds: Option<i64>,
    now_secs: i64,
    seed: &[u8],
) -> Result<String, String> {
    let request = Request::from_pem(request_pem).map_err(|e| format!("{e:?}"))?;
    let (ca, key) = ca().ok_or("the cluster CA does not load")?;
    let ttl = expiration_seconds
        .filter(|s| *s > 0)
        .map_or(SIGNING_SECONDS, |s| s.min(SIGNING_SECONDS));
    let not_before = now_secs - BACKDATE_SECONDS;
    let cert = Cert::issue(CertSpec {
        subject: &request.subject(),
        public_key: request.public_key_info(),
        serial: Seed::from_parts(&[seed]).bytes(16),
        not_before,
        not_after: (not_before + ttl).min(ca.not_after()),
        extensions: Extensions {
            key_ids: true,
            ca: Some(false),
            usages: usages.to_vec(),
            ..Default::default()
        },
        issuer: Some(&ca),
        key: &key,
    })
    .map_err(|e| format!("{e:?}"))?;
    Ok(cert.to_pem())
}

/// What the x509 authenticator makes of a client certificate: `None` when
/// the PEM holds no real certificate (the playground's stand-ins), else
/// the user it names (CN, O as groups) when the cluster CA signed it and
/// it is valid now, or `Err` (401) when not.
pub fn authenticate(cert_pem: &str, now_secs: i64) -> Option<Result<UserInfo, ()>> {
    let cert = Cert::from_pem(cert_pem).ok()?;
    let Some(ca) = ca_cert() else {
        return Some(Err(()));
    };
    let valid = cert.not_before() <= now_secs && now_secs <= cert.not_after();
    if !valid || !cert.signed_by(&ca) {
        return Some(Err(()));
    }
    let subject = cert.subject();
    let mut groups = subject.values("O");
    groups.push(AUTHENTICATED.into());
    let fingerprint: String = cert
        .fingerprint_sha256()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(Ok(UserInfo {
        name: subject.values("CN").into_iter().next().unwrap_or_default(),
        uid: String::new(),
        groups,
        extra: BTreeMap::from([(
            CREDENTIAL_ID.to_string(),
            vec![format!("X509SHA256={fingerprint}")],
        )]),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_loads_and_signs_what_it_authenticates() {
        let (ca, key) = ca().expect("the embedded CA loads");
        assert!(ca.matches_key(&key) && ca.signed_by(&ca));
        let mut seed = Seed::from_parts(&[b"jane"]);
        let jane = Key::generate(&mut seed, 1024).unwrap();
        let name = kubeplay_pki::Name::parse_openssl("/CN=jane/O=dev").unwrap();
        let csr = Request::new(&jane, &name).unwrap().to_pem();
        let now = 1_748_768_460;
        let usages = vec!["client auth".to_string()];
        let pem = sign(&csr, &usages, Some(600), now, b"s").unwrap();
        let user = authenticate(&pem, now).unwrap().unwrap();
        assert_eq!((user.name.as_str(), user.groups.len()), ("jane", 2));
        assert_eq!(user.groups[0], "dev");
        // Expired ten minutes later (backdated five minutes, lived ten).
        assert_eq!(authenticate(&pem, now + 301), Some(Err(())));
        let stand_in = "-----BEGIN CERTIFICATE-----\nminikube-user\n-----END CERTIFICATE-----\n";
        assert!(authenticate(stand_in, now).is_none());
        // A certificate the CA did not sign is refused.
        let other = Key::generate(&mut seed, 1024).unwrap();
        let self_signed = Cert::issue(CertSpec {
            subject: &name,
            public_key: other.public_key_info(),
            serial: vec![7],
            not_before: now - 10,
            not_after: now + 1000,
            extensions: Extensions::default(),
            issuer: None,
            key: &other,
        })
        .unwrap();
        assert_eq!(authenticate(&self_signed.to_pem(), now), Some(Err(())));
    }
}
