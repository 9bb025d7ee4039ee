//! Certificate signing requests (PKCS #10): made and self-signed with a
//! key, read from PEM, checked.

use crate::keys::{pem_block, Key};
use crate::name::Name;
use crate::PkiError;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::RsaPublicKey;
use sha2::Sha256;
use x509_cert::der::asn1::BitString;
use x509_cert::der::{DecodePem, Encode, EncodePem};
use x509_cert::request::{CertReq, CertReqInfo, Version};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

#[derive(Clone, Debug)]
pub struct Request(pub(crate) CertReq);

impl Request {
    /// A request for `subject`, signed by `key` (openssl `req -new`).
    pub fn new(key: &Key, subject: &Name) -> Result<Request, PkiError> {
        let info = CertReqInfo {
            version: Version::V1,
            subject: subject.0.clone(),
            public_key: key.public_key_info(),
            attributes: Default::default(),
        };
        let der = info.to_der().map_err(|_| PkiError::BadDer)?;
        let signature = SigningKey::<Sha256>::new(key.rsa().clone())
            .sign(&der)
            .to_vec();
        Ok(Request(CertReq {
            info,
            algorithm: AlgorithmIdentifierOwned {
                oid: "1.2.840.113549.1.1.11"
                    .parse()
                    .map_err(|_| PkiError::BadDer)?,
                parameters: Some(x509_cert::der::asn1::Null.into()),
            },
            signature: BitString::from_bytes(&signature).map_err(|_| PkiError::BadDer)?,
        }))
    }

    /// `CERTIFICATE REQUEST` (or the older `NEW CERTIFICATE REQUEST`).
    pub fn from_pem(text: &str) -> Result<Request, PkiError> {
        let block = pem_block(text, "CERTIFICATE REQUEST")
            .or_else(|| pem_block(text, "NEW CERTIFICATE REQUEST").map(|b| b.replace("NEW ", "")))
            .ok_or(PkiError::NoPem)?;
        CertReq::from_pem(block.as_bytes())
            .map(Request)
            .map_err(|_| PkiError::BadDer)
    }

    pub fn to_pem(&self) -> String {
        self.0
            .to_pem(x509_cert::der::pem::LineEnding::LF)
            .unwrap_or_default()
    }

    pub fn subject(&self) -> Name {
        Name(self.0.info.subject.clone())
    }

    pub fn public_key_info(&self) -> SubjectPublicKeyInfoOwned {
        self.0.info.public_key.clone()
    }

    pub(crate) fn public_key(&self) -> Option<RsaPublicKey> {
        let der = self.0.info.public_key.to_der().ok()?;
        RsaPublicKey::from_public_key_der(&der).ok()
    }

    /// Whether the request is signed by the key it carries.
    pub fn self_signed(&self) -> bool {
        let (Some(pk), Ok(der)) = (self.public_key(), self.0.info.to_der()) else {
            return false;
        };
        let Ok(sig) = Signature::try_from(self.0.signature.raw_bytes()) else {
            return false;
        };
        VerifyingKey::<Sha256>::new(pk).verify(&der, &sig).is_ok()
    }

    pub fn signature(&self) -> &[u8] {
        self.0.signature.raw_bytes()
    }
}
