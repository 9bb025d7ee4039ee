//! X.509 as the playground needs it: RSA keys, certificate signing
//! requests and certificates, read and written as PEM, signed with
//! SHA-256 and RSA (PKCS #1 v1.5), the way openssl and the Kubernetes
//! certificate signer make them.
//!
//! Nothing here reads a clock or the operating system's randomness: the
//! caller passes the instant and a seed, so a key made in a lesson is the
//! same key every time the lesson runs.

mod cert;
mod der_time;
mod keys;
mod name;
mod request;
mod text;

pub use cert::{Cert, CertSpec, Extensions, Listed};
pub use keys::{Key, Seed};
pub use name::Name;
pub use request::Request;
pub use text::{cert_text, named_extensions_text, openssl_date, request_text};

/// Why a PEM input could not be used (openssl and Go name these their own way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PkiError {
    /// No PEM block of the wanted kind.
    NoPem,
    /// A PEM block whose DER does not parse.
    BadDer,
    /// A subject string that is not `/TYPE=value/...`.
    BadName(String),
    /// A signature that does not verify.
    BadSignature,
}

/// Hex bytes the way openssl prints them: `ab:cd:…`.
pub fn colon_hex(bytes: &[u8], upper: bool) -> String {
    bytes
        .iter()
        .map(|b| {
            if upper {
                format!("{b:02X}")
            } else {
                format!("{b:02x}")
            }
        })
        .collect::<Vec<_>>()
        .join(":")
}
