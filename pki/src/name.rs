//! Distinguished names: openssl's `-subj "/CN=jane/O=dev"` in, its
//! `CN = jane, O = dev` out, and the CN and O fields Kubernetes reads as
//! user name and groups.

use crate::PkiError;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::der::asn1::{PrintableStringRef, Utf8StringRef};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Any, Tag, Tagged};
use x509_cert::name::{RdnSequence, RelativeDistinguishedName};

/// The attribute types openssl knows by short name, in its spelling.
const TYPES: &[(&str, &str)] = &[
    ("CN", "2.5.4.3"),
    ("C", "2.5.4.6"),
    ("L", "2.5.4.7"),
    ("ST", "2.5.4.8"),
    ("O", "2.5.4.10"),
    ("OU", "2.5.4.11"),
    ("serialNumber", "2.5.4.5"),
    ("emailAddress", "1.2.840.113549.1.9.1"),
    ("DC", "0.9.2342.19200300.100.1.25"),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(pub(crate) RdnSequence);

impl Name {
    /// openssl's `-subj`: `/TYPE=value` pairs, in order (`\/` escapes).
    pub fn parse_openssl(s: &str) -> Result<Name, PkiError> {
        Name::parse_openssl_skipping(s).map(|(n, _)| n)
    }

    /// The same, and the attribute types it skipped as unknown (openssl
    /// warns about each and goes on).
    pub fn parse_openssl_skipping(s: &str) -> Result<(Name, Vec<String>), PkiError> {
        let mut skipped = Vec::new();
        let Some(body) = s.strip_prefix('/') else {
            return Err(PkiError::BadName(format!(
                "name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '{s}'"
            )));
        };
        let mut rdns = Vec::new();
        for part in split_unescaped(body) {
            if part.is_empty() {
                continue;
            }
            let Some((ty, value)) = part.split_once('=') else {
                return Err(PkiError::BadName(
                    "Hit end of string before finding the '='".to_string(),
                ));
            };
            let Some(oid) = TYPES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(ty))
                .map(|(_, o)| ObjectIdentifier::new_unwrap(o))
            else {
                skipped.push(ty.to_string());
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let value = if ty.eq_ignore_ascii_case("C") {
                Any::from(PrintableStringRef::new(value).map_err(|_| PkiError::BadDer)?)
            } else {
                Any::from(Utf8StringRef::new(value).map_err(|_| PkiError::BadDer)?)
            };
            let atv = AttributeTypeAndValue { oid, value };
            let set = vec![atv].try_into().map_err(|_| PkiError::BadDer)?;
            rdns.push(RelativeDistinguishedName(set));
        }
        Ok((Name(RdnSequence(rdns)), skipped))
    }

    /// Each attribute with openssl's short name, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for rdn in &self.0 .0 {
            for atv in rdn.0.iter() {
                let oid = atv.oid.to_string();
                let ty = TYPES
                    .iter()
                    .find(|(_, o)| *o == oid)
                    .map_or(oid.clone(), |(n, _)| n.to_string());
                out.push((ty, value_text(&atv.value)));
            }
        }
        out
    }

    /// `CN = jane, O = dev`, as `openssl x509 -subject` prints it.
    pub fn openssl(&self) -> String {
        self.pairs()
            .iter()
            .map(|(t, v)| format!("{t} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The values of one attribute type, in order (`O` gives the groups).
    pub fn values(&self, ty: &str) -> Vec<String> {
        self.pairs()
            .into_iter()
            .filter(|(t, _)| t == ty)
            .map(|(_, v)| v)
            .collect()
    }
}

fn value_text(v: &Any) -> String {
    match v.tag() {
        Tag::Utf8String => Utf8StringRef::try_from(v).map(|s| s.as_str().to_string()),
        Tag::PrintableString => PrintableStringRef::try_from(v).map(|s| s.as_str().to_string()),
        _ => Ok(String::from_utf8_lossy(v.value()).into_owned()),
    }
    .unwrap_or_default()
}

/// Splits at `/` not escaped by a backslash, removing the escapes.
fn split_unescaped(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    parts.last_mut().expect("one part").push(n);
                }
            }
            '/' => parts.push(String::new()),
            c => parts.last_mut().expect("one part").push(c),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_subjects_read_in_order() {
        let n = Name::parse_openssl("/CN=jane/O=dev/O=ops").unwrap();
        assert_eq!(n.openssl(), "CN = jane, O = dev, O = ops");
        assert_eq!(n.values("O"), ["dev", "ops"]);
        assert!(Name::parse_openssl("CN=x").is_err());
        let (n, skipped) = Name::parse_openssl_skipping("/XX=y/CN=z").unwrap();
        assert_eq!(
            (n.openssl().as_str(), skipped),
            ("CN = z", vec!["XX".to_string()])
        );
    }
}
