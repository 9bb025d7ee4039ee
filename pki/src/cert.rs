//! Certificates: issued from a spec and signed with the issuer's key, or
//! read from PEM; verified against an issuer.

use crate::der_time::{time_of, unix_of};
use crate::keys::{pem_block, Key};
use crate::name::Name;
use crate::PkiError;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPublicKey;
use sha1::Digest;
use sha2::Sha256;
use x509_cert::certificate::{TbsCertificate, Version};
use x509_cert::der::asn1::{BitString, Ia5String, OctetString};
use x509_cert::der::oid::db::rfc5280;
use x509_cert::der::oid::AssociatedOid;
use x509_cert::der::{Decode, DecodePem, Encode, EncodePem};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::Validity;
use x509_cert::Certificate;

/// sha256WithRSAEncryption.
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";

/// The extensions an issued certificate carries (none: a v1 certificate,
/// as `openssl x509 -req` makes without `-extfile`).
#[derive(Clone, Debug, Default)]
pub struct Extensions {
    /// Subject and authority key identifiers (`req -x509`, the signer).
    pub key_ids: bool,
    /// basicConstraints, critical: CA:TRUE or CA:FALSE.
    pub ca: Option<bool>,
    /// Kubernetes usage names (`digital signature`, `key encipherment`,
    /// `cert sign`, `client auth`, `server auth`): keyUsage (critical) and
    /// extendedKeyUsage, in Go's x509 order, as the cluster's signer and
    /// minikube write them.
    pub usages: Vec<String>,
    /// subjectAltName: `DNS:name` and `IP:a.b.c.d` entries.
    pub alt_names: Vec<String>,
    /// Extensions from an openssl config section (`-extfile`), in its
    /// order; openssl then adds the key identifiers.
    pub listed: Vec<Listed>,
}

/// One line of an openssl extension section.
#[derive(Clone, Debug)]
pub enum Listed {
    /// `basicConstraints = [critical,]CA:TRUE|FALSE`.
    Basic { critical: bool, ca: bool },
    /// `keyUsage = [critical,]digitalSignature, keyEncipherment, …`.
    KeyUsage { critical: bool, names: Vec<String> },
    /// `extendedKeyUsage = [critical,]serverAuth, clientAuth`.
    ExtKeyUsage { critical: bool, names: Vec<String> },
    /// `subjectAltName = DNS:…, IP:…`.
    AltNames(Vec<String>),
}

impl Extensions {
    pub fn is_empty(&self) -> bool {
        !self.key_ids
            && self.ca.is_none()
            && self.usages.is_empty()
            && self.alt_names.is_empty()
            && self.listed.is_empty()
    }
}

/// What to issue: subject, key, validity (unix seconds), serial, extensions.
pub struct CertSpec<'a> {
    pub subject: &'a Name,
    pub public_key: SubjectPublicKeyInfoOwned,
    pub serial: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub extensions: Extensions,
    /// The issuer and its key; `None`: self-signed with `key`.
    pub issuer: Option<&'a Cert>,
    pub key: &'a Key,
}

#[derive(Clone, Debug)]
pub struct Cert(pub(crate) Certificate);

impl Cert {
    pub fn issue(spec: CertSpec) -> Result<Cert, PkiError> {
        let issuer_name = spec
            .issuer
            .map_or(&spec.subject.0, |i| &i.0.tbs_certificate.subject)
            .clone();
        let ski = key_id(&spec.public_key);
        let issuer_ski = match spec.issuer {
            Some(i) => i
                .subject_key_id()
                .unwrap_or_else(|| key_id(&i.0.tbs_certificate.subject_public_key_info)),
            None => ski.clone(),
        };
        let exts = extensions(&spec.extensions, &ski, &issuer_ski, spec.issuer.is_some())?;
        let algorithm = AlgorithmIdentifierOwned {
            oid: SHA256_WITH_RSA.parse().map_err(|_| PkiError::BadDer)?,
            parameters: Some(x509_cert::der::asn1::Null.into()),
        };
        let tbs = TbsCertificate {
            version: if exts.is_empty() {
                Version::V1
            } else {
                Version::V3
            },
            serial_number: SerialNumber::new(&spec.serial).map_err(|_| PkiError::BadDer)?,
            signature: algorithm.clone(),
            issuer: issuer_name,
            validity: Validity {
                not_before: time_of(spec.not_before)?,
                not_after: time_of(spec.not_after)?,
            },
            subject: spec.subject.0.clone(),
            subject_public_key_info: spec.public_key,
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: (!exts.is_empty()).then_some(exts),
        };
        let der = tbs.to_der().map_err(|_| PkiError::BadDer)?;
        let signer = SigningKey::<Sha256>::new(spec.key.rsa().clone());
        let signature = signer
            .try_sign(&der)
            .map_err(|_| PkiError::BadSignature)?
            .to_vec();
        Ok(Cert(Certificate {
            tbs_certificate: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&signature).map_err(|_| PkiError::BadDer)?,
        }))
    }

    /// The first `CERTIFICATE` PEM block.
    pub fn from_pem(text: &str) -> Result<Cert, PkiError> {
        let block = pem_block(text, "CERTIFICATE").ok_or(PkiError::NoPem)?;
        Certificate::from_pem(block.as_bytes())
            .map(Cert)
            .map_err(|_| PkiError::BadDer)
    }

    pub fn to_pem(&self) -> String {
        self.0
            .to_pem(x509_cert::der::pem::LineEnding::LF)
            .unwrap_or_default()
    }

    pub fn subject(&self) -> Name {
        Name(self.0.tbs_certificate.subject.clone())
    }

    pub fn issuer(&self) -> Name {
        Name(self.0.tbs_certificate.issuer.clone())
    }

    pub fn serial(&self) -> Vec<u8> {
        self.0.tbs_certificate.serial_number.as_bytes().to_vec()
    }

    pub fn not_before(&self) -> i64 {
        unix_of(&self.0.tbs_certificate.validity.not_before)
    }

    pub fn not_after(&self) -> i64 {
        unix_of(&self.0.tbs_certificate.validity.not_after)
    }

    /// 1 or 3.
    pub fn version(&self) -> u8 {
        self.0.tbs_certificate.version as u8 + 1
    }

    pub(crate) fn public_key(&self) -> Option<RsaPublicKey> {
        let der = self
            .0
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .ok()?;
        RsaPublicKey::from_public_key_der(&der).ok()
    }

    /// (modulus, exponent) of an RSA subject key.
    pub fn rsa_public(&self) -> Option<(Vec<u8>, u64)> {
        let k = self.public_key()?;
        let e = k
            .e()
            .to_bytes_be()
            .iter()
            .fold(0u64, |a, b| a << 8 | *b as u64);
        Some((k.n().to_bytes_be(), e))
    }

    /// Whether `key` is this certificate's key (Go's X509KeyPair check).
    pub fn matches_key(&self, key: &Key) -> bool {
        self.public_key().is_some_and(|p| p == key.public())
    }

    /// Whether `issuer`'s key signed this certificate.
    pub fn signed_by(&self, issuer: &Cert) -> bool {
        let (Some(pk), Ok(tbs)) = (issuer.public_key(), self.0.tbs_certificate.to_der()) else {
            return false;
        };
        let Ok(sig) = Signature::try_from(self.0.signature.raw_bytes()) else {
            return false;
        };
        VerifyingKey::<Sha256>::new(pk).verify(&tbs, &sig).is_ok()
    }

    pub fn signature(&self) -> &[u8] {
        self.0.signature.raw_bytes()
    }

    pub fn subject_key_id(&self) -> Option<Vec<u8>> {
        self.extension_values()
            .into_iter()
            .find(|e| e.extn_id == SubjectKeyIdentifier::OID)
            .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
            .map(|s| s.0.as_bytes().to_vec())
    }

    pub(crate) fn extension_values(&self) -> Vec<Extension> {
        self.0
            .tbs_certificate
            .extensions
            .clone()
            .unwrap_or_default()
    }

    pub(crate) fn tbs(&self) -> &TbsCertificate {
        &self.0.tbs_certificate
    }

    /// The SHA-1 of the DER (`openssl x509 -fingerprint`).
    pub fn fingerprint_sha1(&self) -> Vec<u8> {
        let der = self.0.to_der().unwrap_or_default();
        sha1::Sha1::digest(der).to_vec()
    }

    /// `-----BEGIN PUBLIC KEY-----` of the subject key.
    pub fn public_pem(&self) -> String {
        use rsa::pkcs8::EncodePublicKey;
        self.public_key()
            .and_then(|k| k.to_public_key_pem(rsa::pkcs8::LineEnding::LF).ok())
            .unwrap_or_default()
    }

    /// The SHA-256 of the DER (`openssl x509 -fingerprint -sha256`).
    pub fn fingerprint_sha256(&self) -> Vec<u8> {
        let der = self.0.to_der().unwrap_or_default();
        Sha256::digest(der).to_vec()
    }
}

/// The key identifier openssl and Go use: SHA-1 of the public key bits.
pub(crate) fn key_id(spki: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    sha1::Sha1::digest(spki.subject_public_key.raw_bytes()).to_vec()
}

fn extension<T: AssociatedOid + Encode>(critical: bool, v: &T) -> Result<Extension, PkiError> {
    Ok(Extension {
        extn_id: T::OID,
        critical,
        extn_value: OctetString::new(v.to_der().map_err(|_| PkiError::BadDer)?)
            .map_err(|_| PkiError::BadDer)?,
    })
}

/// In the order their makers write them: Go's x509 for the cluster's
/// certificates (key usages, basic constraints, then the key identifiers:
/// the subject's for a CA, the issuer's unless self-signed), openssl's
/// v3_ca otherwise (key identifiers, then basic constraints); `-addext`
/// names last.
fn extensions(
    e: &Extensions,
    ski: &[u8],
    issuer_ski: &[u8],
    issued: bool,
) -> Result<Vec<Extension>, PkiError> {
    let octets = |b: &[u8]| OctetString::new(b.to_vec()).map_err(|_| PkiError::BadDer);
    let basic = |ca| {
        extension(
            true,
            &BasicConstraints {
                ca,
                path_len_constraint: None,
            },
        )
    };
    let subject_id = || extension(false, &SubjectKeyIdentifier(octets(ski)?));
    let authority = || {
        extension(
            false,
            &AuthorityKeyIdentifier {
                key_identifier: Some(octets(issuer_ski)?),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            },
        )
    };
    let mut out = Vec::new();
    if !e.listed.is_empty() {
        for l in &e.listed {
            out.push(listed(l)?);
        }
        out.push(subject_id()?);
        out.push(authority()?);
        return Ok(out);
    }
    if !e.usages.is_empty() {
        let has = |u: &str| e.usages.iter().any(|x| x == u);
        let mut bits = flagset::FlagSet::<KeyUsages>::default();
        for (name, bit) in [
            ("digital signature", KeyUsages::DigitalSignature),
            ("key encipherment", KeyUsages::KeyEncipherment),
            ("cert sign", KeyUsages::KeyCertSign),
        ] {
            if has(name) {
                bits |= bit;
            }
        }
        if !bits.is_empty() {
            out.push(extension(true, &KeyUsage(bits))?);
        }
        let mut purposes = vec![];
        if has("client auth") {
            purposes.push(rfc5280::ID_KP_CLIENT_AUTH);
        }
        if has("server auth") {
            purposes.push(rfc5280::ID_KP_SERVER_AUTH);
        }
        if !purposes.is_empty() {
            out.push(extension(false, &ExtendedKeyUsage(purposes))?);
        }
        if let Some(ca) = e.ca {
            out.push(basic(ca)?);
        }
        if e.key_ids && e.ca == Some(true) {
            out.push(subject_id()?);
        }
        if e.key_ids && issued {
            out.push(authority()?);
        }
    } else {
        if e.key_ids {
            out.push(subject_id()?);
            out.push(authority()?);
        }
        if let Some(ca) = e.ca {
            out.push(basic(ca)?);
        }
    }
    if !e.alt_names.is_empty() {
        let names = e
            .alt_names
            .iter()
            .map(|n| alt_name(n))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(extension(false, &SubjectAltName(names))?);
    }
    Ok(out)
}

/// An openssl config line's extension; an unknown name is an error.
fn listed(l: &Listed) -> Result<Extension, PkiError> {
    let bad = |n: &str| PkiError::BadName(n.to_string());
    match l {
        Listed::Basic { critical, ca } => extension(
            *critical,
            &BasicConstraints {
                ca: *ca,
                path_len_constraint: None,
            },
        ),
        Listed::KeyUsage { critical, names } => {
            let mut bits = flagset::FlagSet::<KeyUsages>::default();
            for n in names {
                bits |= match n.as_str() {
                    "digitalSignature" => KeyUsages::DigitalSignature,
                    "nonRepudiation" => KeyUsages::NonRepudiation,
                    "keyEncipherment" => KeyUsages::KeyEncipherment,
                    "dataEncipherment" => KeyUsages::DataEncipherment,
                    "keyAgreement" => KeyUsages::KeyAgreement,
                    "keyCertSign" => KeyUsages::KeyCertSign,
                    "cRLSign" => KeyUsages::CRLSign,
                    other => return Err(bad(other)),
                };
            }
            extension(*critical, &KeyUsage(bits))
        }
        Listed::ExtKeyUsage { critical, names } => {
            let mut purposes = vec![];
            for n in names {
                purposes.push(match n.as_str() {
                    "serverAuth" => rfc5280::ID_KP_SERVER_AUTH,
                    "clientAuth" => rfc5280::ID_KP_CLIENT_AUTH,
                    other => return Err(bad(other)),
                });
            }
            extension(*critical, &ExtendedKeyUsage(purposes))
        }
        Listed::AltNames(names) => {
            let names = names
                .iter()
                .map(|n| alt_name(n))
                .collect::<Result<Vec<_>, _>>()?;
            extension(false, &SubjectAltName(names))
        }
    }
}

fn alt_name(entry: &str) -> Result<GeneralName, PkiError> {
    let bad = || PkiError::BadName(entry.to_string());
    let (kind, value) = entry.split_once(':').ok_or_else(bad)?;
    match kind.trim() {
        "DNS" => Ok(GeneralName::DnsName(
            Ia5String::new(value.trim()).map_err(|_| bad())?,
        )),
        "IP" => {
            let ip: std::net::IpAddr = value.trim().parse().map_err(|_| bad())?;
            let bytes = match ip {
                std::net::IpAddr::V4(v) => v.octets().to_vec(),
                std::net::IpAddr::V6(v) => v.octets().to_vec(),
            };
            Ok(GeneralName::IpAddress(
                OctetString::new(bytes).map_err(|_| bad())?,
            ))
        }
        _ => Err(bad()),
    }
}
