//! `openssl x509 -text` and `openssl req -text`: openssl 3's layout.

use crate::cert::Cert;
use crate::request::Request;
use crate::{colon_hex, Name};
use rsa::traits::PublicKeyParts;
use rsa::RsaPublicKey;
use x509_cert::der::oid::db::rfc5280;
use x509_cert::der::oid::AssociatedOid;
use x509_cert::der::{DateTime, Decode};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;

/// `Dec  5 02:26:58 2026 GMT`.
pub fn openssl_date(secs: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let since_epoch = std::time::Duration::from_secs(secs.max(0) as u64);
    let Ok(t) = DateTime::from_unix_duration(since_epoch) else {
        return String::new();
    };
    format!(
        "{} {:>2} {:02}:{:02}:{:02} {} GMT",
        MONTHS[usize::from(t.month().clamp(1, 12)) - 1],
        t.day(),
        t.hour(),
        t.minutes(),
        t.seconds(),
        t.year()
    )
}

/// Hex bytes wrapped `per_line` to a line, each line indented.
fn hex_block(bytes: &[u8], per_line: usize, indent: usize) -> String {
    let mut out = String::new();
    let chunks: Vec<&[u8]> = bytes.chunks(per_line).collect();
    for (i, c) in chunks.iter().enumerate() {
        out.push_str(&" ".repeat(indent));
        out.push_str(&colon_hex(c, false));
        if i + 1 < chunks.len() {
            out.push(':');
        }
        out.push('\n');
    }
    out
}

fn public_key_text(key: Option<RsaPublicKey>) -> String {
    let mut out = String::from("        Subject Public Key Info:\n");
    let Some(k) = key else {
        out.push_str("            Public Key Algorithm: unknown\n");
        return out;
    };
    out.push_str("            Public Key Algorithm: rsaEncryption\n");
    out.push_str(&format!(
        "                Public-Key: ({} bit)\n",
        k.size() * 8
    ));
    out.push_str("                Modulus:\n");
    let mut modulus = k.n().to_bytes_be();
    if modulus.first().is_some_and(|b| b & 0x80 != 0) {
        modulus.insert(0, 0);
    }
    out.push_str(&hex_block(&modulus, 15, 20));
    let e = k
        .e()
        .to_bytes_be()
        .iter()
        .fold(0u64, |a, b| a << 8 | *b as u64);
    out.push_str(&format!("                Exponent: {e} (0x{e:x})\n"));
    out
}

fn signature_text(sig: &[u8]) -> String {
    format!(
        "    Signature Algorithm: sha256WithRSAEncryption\n    Signature Value:\n{}",
        hex_block(sig, 18, 8)
    )
}

pub fn cert_text(c: &Cert) -> String {
    let tbs = c.tbs();
    let version = c.version();
    let serial = c.serial();
    let mut out = format!(
        "Certificate:\n    Data:\n        Version: {} (0x{:x})\n",
        version,
        version - 1
    );
    if serial.len() <= 8 {
        let n = serial.iter().fold(0u64, |a, b| a << 8 | *b as u64);
        out.push_str(&format!("        Serial Number: {n} (0x{n:x})\n"));
    } else {
        out.push_str(&format!(
            "        Serial Number:\n            {}\n",
            colon_hex(&serial, false)
        ));
    }
    out.push_str("        Signature Algorithm: sha256WithRSAEncryption\n");
    out.push_str(&format!("        Issuer: {}\n", c.issuer().openssl()));
    out.push_str("        Validity\n");
    out.push_str(&format!(
        "            Not Before: {}\n            Not After : {}\n",
        openssl_date(c.not_before()),
        openssl_date(c.not_after())
    ));
    out.push_str(&format!(
        "        Subject: {}\n",
        Name(tbs.subject.clone()).openssl()
    ));
    out.push_str(&public_key_text(c.public_key()));
    let exts = c.extension_values();
    if !exts.is_empty() {
        out.push_str("        X509v3 extensions:\n");
        for e in &exts {
            out.push_str(&extension_text(e, 12));
        }
    }
    out.push_str(&signature_text(c.signature()));
    out
}

pub fn request_text(r: &Request) -> String {
    let mut out = format!(
        "Certificate Request:\n    Data:\n        Version: 1 (0x0)\n        Subject: {}\n",
        r.subject().openssl()
    );
    out.push_str(&public_key_text(r.public_key()));
    out.push_str("        Attributes:\n            (none)\n            Requested Extensions:\n");
    out.push_str(&signature_text(r.signature()));
    out
}

/// `openssl x509 -ext NAME,…`: those of the certificate's extensions, in
/// its order, each as `-text` shows it without the indentation.
pub fn named_extensions_text(c: &Cert, names: &[&str]) -> String {
    const NAMES: [(&str, &str); 6] = [
        ("subjectAltName", "2.5.29.17"),
        ("keyUsage", "2.5.29.15"),
        ("extendedKeyUsage", "2.5.29.37"),
        ("basicConstraints", "2.5.29.19"),
        ("subjectKeyIdentifier", "2.5.29.14"),
        ("authorityKeyIdentifier", "2.5.29.35"),
    ];
    let wanted: Vec<&str> = NAMES
        .iter()
        .filter(|(n, _)| names.contains(n))
        .map(|(_, oid)| *oid)
        .collect();
    c.extension_values()
        .iter()
        .filter(|e| wanted.contains(&e.extn_id.to_string().as_str()))
        .map(|e| extension_text(e, 0))
        .collect()
}

/// One extension as `-text` shows it: its name line at `indent`, its
/// value four columns further.
fn extension_text(e: &Extension, indent: usize) -> String {
    let (pad, more) = (" ".repeat(indent), " ".repeat(indent + 4));
    let v = e.extn_value.as_bytes();
    let (name, body) = if e.extn_id == SubjectKeyIdentifier::OID {
        let id = SubjectKeyIdentifier::from_der(v).map(|s| s.0.as_bytes().to_vec());
        (
            "Subject Key Identifier",
            colon_hex(&id.unwrap_or_default(), true),
        )
    } else if e.extn_id == AuthorityKeyIdentifier::OID {
        let id = AuthorityKeyIdentifier::from_der(v)
            .ok()
            .and_then(|a| a.key_identifier)
            .map(|k| k.as_bytes().to_vec());
        (
            "Authority Key Identifier",
            colon_hex(&id.unwrap_or_default(), true),
        )
    } else if e.extn_id == BasicConstraints::OID {
        let ca = BasicConstraints::from_der(v).is_ok_and(|b| b.ca);
        (
            "Basic Constraints",
            format!("CA:{}", if ca { "TRUE" } else { "FALSE" }),
        )
    } else if e.extn_id == KeyUsage::OID {
        let names = [
            (KeyUsages::DigitalSignature, "Digital Signature"),
            (KeyUsages::NonRepudiation, "Non Repudiation"),
            (KeyUsages::KeyEncipherment, "Key Encipherment"),
            (KeyUsages::DataEncipherment, "Data Encipherment"),
            (KeyUsages::KeyAgreement, "Key Agreement"),
            (KeyUsages::KeyCertSign, "Certificate Sign"),
            (KeyUsages::CRLSign, "CRL Sign"),
        ];
        let ku = KeyUsage::from_der(v).ok();
        let shown: Vec<&str> = names
            .iter()
            .filter(|(f, _)| ku.as_ref().is_some_and(|k| k.0.contains(*f)))
            .map(|(_, n)| *n)
            .collect();
        ("Key Usage", shown.join(", "))
    } else if e.extn_id == ExtendedKeyUsage::OID {
        let purposes = ExtendedKeyUsage::from_der(v)
            .map(|u| u.0)
            .unwrap_or_default();
        let shown: Vec<String> = purposes
            .iter()
            .map(|p| {
                if *p == rfc5280::ID_KP_CLIENT_AUTH {
                    "TLS Web Client Authentication".to_string()
                } else if *p == rfc5280::ID_KP_SERVER_AUTH {
                    "TLS Web Server Authentication".to_string()
                } else {
                    p.to_string()
                }
            })
            .collect();
        ("Extended Key Usage", shown.join(", "))
    } else if e.extn_id == SubjectAltName::OID {
        let names = SubjectAltName::from_der(v).map(|s| s.0).unwrap_or_default();
        let shown: Vec<String> = names
            .iter()
            .map(|n| match n {
                GeneralName::DnsName(d) => format!("DNS:{}", d.as_str()),
                GeneralName::IpAddress(ip) => {
                    let b = ip.as_bytes();
                    if b.len() == 4 {
                        format!("IP Address:{}.{}.{}.{}", b[0], b[1], b[2], b[3])
                    } else {
                        format!("IP Address:{}", colon_hex(b, true))
                    }
                }
                _ => "othername:<unsupported>".to_string(),
            })
            .collect();
        ("Subject Alternative Name", shown.join(", "))
    } else {
        return format!(
            "{pad}{}:{}\n{more}{}\n",
            e.extn_id,
            if e.critical { " critical" } else { " " },
            colon_hex(v, false)
        );
    };
    format!(
        "{pad}X509v3 {name}:{}\n{more}{body}\n",
        if e.critical { " critical" } else { " " }
    )
}
