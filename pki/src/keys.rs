//! RSA private keys: made from a seed, read from PKCS #8 or PKCS #1 PEM,
//! written as PKCS #8 (what openssl 3 writes).

use crate::PkiError;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use x509_cert::der::Decode;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

/// Where a key's (or a serial number's) randomness comes from: a ChaCha20
/// stream keyed by what the caller says makes this draw distinct.
pub struct Seed(ChaCha20Rng);

impl Seed {
    pub fn from_parts(parts: &[&[u8]]) -> Seed {
        let mut h = Sha256::new();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        Seed(ChaCha20Rng::from_seed(h.finalize().into()))
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        use rand_chacha::rand_core::RngCore;
        let mut v = vec![0; n];
        self.0.fill_bytes(&mut v);
        v
    }

    /// A positive 20-byte serial number, as openssl draws them.
    pub fn serial(&mut self) -> Vec<u8> {
        let mut s = self.bytes(20);
        s[0] &= 0x7f;
        if s[0] == 0 {
            s[0] = 0x01;
        }
        s
    }
}

#[derive(Clone, Debug)]
pub struct Key(RsaPrivateKey);

impl Key {
    /// A new key of `bits` (openssl's default 2048; 512 to 16384 accepted).
    pub fn generate(seed: &mut Seed, bits: usize) -> Option<Key> {
        // Under the fuzzer's sanitizers a 2048-bit key takes minutes: the
        // fuzz build makes small ones, to keep exploring the rest.
        #[cfg(fuzzing)]
        let bits = bits.min(512);
        RsaPrivateKey::new(&mut seed.0, bits).ok().map(Key)
    }

    /// A `PRIVATE KEY` (PKCS #8) or `RSA PRIVATE KEY` (PKCS #1) PEM block.
    pub fn from_pem(text: &str) -> Result<Key, PkiError> {
        if let Some(block) = pem_block(text, "PRIVATE KEY") {
            return RsaPrivateKey::from_pkcs8_pem(&block)
                .map(Key)
                .map_err(|_| PkiError::BadDer);
        }
        if let Some(block) = pem_block(text, "RSA PRIVATE KEY") {
            return RsaPrivateKey::from_pkcs1_pem(&block)
                .map(Key)
                .map_err(|_| PkiError::BadDer);
        }
        Err(PkiError::NoPem)
    }

    pub fn to_pem(&self) -> String {
        self.0
            .to_pkcs8_pem(LineEnding::LF)
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        &self.0
    }

    pub(crate) fn public(&self) -> RsaPublicKey {
        self.0.to_public_key()
    }

    /// The SubjectPublicKeyInfo a certificate or request carries.
    pub fn public_key_info(&self) -> SubjectPublicKeyInfoOwned {
        let der = self
            .public()
            .to_public_key_der()
            .expect("an RSA key encodes");
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).expect("it decodes again")
    }

    /// `-----BEGIN PUBLIC KEY-----` (openssl `-pubout`).
    pub fn public_pem(&self) -> String {
        self.public()
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }
}

/// The first PEM block with this label, whole (header to footer).
pub(crate) fn pem_block(text: &str, label: &str) -> Option<String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)?;
    let stop = text[start..].find(&end)? + start + end.len();
    Some(format!("{}\n", &text[start..stop]))
}
