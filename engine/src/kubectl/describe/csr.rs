//! `describe certificatesigningrequest` (describeCertificateSigningRequest):
//! requestor, signer, duration and status, then the subject of the PKCS#10
//! request itself, read from its DER.

use super::events::{self, Ref};
use super::{map, rfc1123z, s, Ctx, Writer};
use crate::api::Status;

/// The subject's attributes a pkix.Name keeps, in describe's order.
#[derive(Default)]
struct Subject {
    common_name: String,
    serial_number: String,
    organization: Vec<String>,
    organizational_unit: Vec<String>,
    country: Vec<String>,
    locality: Vec<String>,
    province: Vec<String>,
    street_address: Vec<String>,
    postal_code: Vec<String>,
}

/// One DER element at `at`: (tag, content range, end).
fn element(der: &[u8], at: usize) -> Option<(u8, std::ops::Range<usize>, usize)> {
    let tag = *der.get(at)?;
    let first = *der.get(at + 1)? as usize;
    let (len, start) = if first < 0x80 {
        (first, at + 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *der.get(at + 2 + i)? as usize;
        }
        (len, at + 2 + n)
    };
    let end = start.checked_add(len).filter(|e| *e <= der.len())?;
    Some((tag, start..end, end))
}

/// The elements inside a constructed element's content.
fn children(der: &[u8], range: std::ops::Range<usize>) -> Vec<(u8, std::ops::Range<usize>)> {
    let mut out = vec![];
    let mut at = range.start;
    while at < range.end {
        let Some((tag, content, end)) = element(der, at) else {
            break;
        };
        out.push((tag, content));
        at = end;
    }
    out
}

/// The subject of a PEM `CERTIFICATE REQUEST`, or x509's complaint.
fn parse_subject(request_b64: &str) -> Result<Subject, String> {
    let pem =
        String::from_utf8_lossy(&crate::kubelet::env::decode_base64(request_b64)).into_owned();
    let body = pem
        .split("-----BEGIN CERTIFICATE REQUEST-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END CERTIFICATE REQUEST-----").next())
        .ok_or("PEM block type must be CERTIFICATE REQUEST")?;
    let der = crate::kubelet::env::decode_base64(body);
    let malformed = || "x509: malformed certificate request".to_string();
    let (_, outer, _) = element(&der, 0).ok_or_else(malformed)?;
    let info = children(&der, outer);
    let (_, info_range) = info.first().cloned().ok_or_else(malformed)?;
    let fields = children(&der, info_range);
    let (_, name_range) = fields.get(1).cloned().ok_or_else(malformed)?;
    let mut subject = Subject::default();
    for (_, rdn) in children(&der, name_range) {
        for (_, atv) in children(&der, rdn) {
            let parts = children(&der, atv);
            let (Some((_, oid)), Some((_, value))) = (parts.first(), parts.get(1)) else {
                continue;
            };
            let value = String::from_utf8_lossy(&der[value.clone()]).into_owned();
            match &der[oid.clone()] {
                [0x55, 0x04, 0x03] => subject.common_name = value,
                [0x55, 0x04, 0x05] => subject.serial_number = value,
                [0x55, 0x04, 0x06] => subject.country.push(value),
                [0x55, 0x04, 0x07] => subject.locality.push(value),
                [0x55, 0x04, 0x08] => subject.province.push(value),
                [0x55, 0x04, 0x09] => subject.street_address.push(value),
                [0x55, 0x04, 0x0a] => subject.organization.push(value),
                [0x55, 0x04, 0x0b] => subject.organizational_unit.push(value),
                [0x55, 0x04, 0x11] => subject.postal_code.push(value),
                _ => {}
            }
        }
    }
    Ok(subject)
}

/// printListHelper: the values one under the other, the first on the
/// title's line.
fn list(w: &mut Writer, title: &str, values: &[String]) {
    if !values.is_empty() {
        w.write(0, &format!("\t{title}:\t{}\n", values.join("\n\t\t")));
    }
}

pub fn describe(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let csr = ctx.get("certificatesigningrequests", "", name)?;
    let subject = parse_subject(s(&csr, &["spec", "request"]))
        .map_err(|e| Status::client(format!("Error parsing CSR: {e}")))?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    // labels.FormatLabels: `k=v,k2=v2` on one line (values as they are).
    let format = |m: Vec<(&str, &str)>| -> String {
        let mut m = m;
        m.sort();
        let text: Vec<String> = m.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if text.is_empty() {
            "<none>".into()
        } else {
            text.join(",")
        }
    };
    w.write(
        0,
        &format!("Labels:\t{}\n", format(map(&csr, &["metadata", "labels"]))),
    );
    let annotations = format(map(&csr, &["metadata", "annotations"]));
    w.write(0, &format!("Annotations:\t{annotations}\n"));
    let created = csr["metadata"]["creationTimestamp"].as_str();
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(created)));
    w.write(
        0,
        &format!("Requesting User:\t{}\n", s(&csr, &["spec", "username"])),
    );
    let signer = s(&csr, &["spec", "signerName"]);
    if !signer.is_empty() {
        w.write(0, &format!("Signer:\t{signer}\n"));
    }
    if let Some(secs) = csr["spec"]["expirationSeconds"].as_i64() {
        let d = crate::api::table::human_duration(secs * 1000);
        w.write(0, &format!("Requested Duration:\t{d}\n"));
    }
    let status = crate::api::printers::certificatesigningrequest::status(&csr);
    w.write(0, &format!("Status:\t{status}\n"));
    w.write(0, "Subject:\n");
    w.write(0, &format!("\tCommon Name:\t{}\n", subject.common_name));
    w.write(0, &format!("\tSerial Number:\t{}\n", subject.serial_number));
    list(&mut w, "Organization", &subject.organization);
    list(&mut w, "Organizational Unit", &subject.organizational_unit);
    list(&mut w, "Country", &subject.country);
    list(&mut w, "Locality", &subject.locality);
    list(&mut w, "Province", &subject.province);
    list(&mut w, "StreetAddress", &subject.street_address);
    list(&mut w, "PostalCode", &subject.postal_code);
    if ctx.show_events {
        events::section(ctx, &Ref::of(&csr), &mut w);
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_that_is_not_a_pem_csr_is_refused_in_x509_words() {
        let err = parse_subject("aGVsbG8=").err();
        assert_eq!(
            err.as_deref(),
            Some("PEM block type must be CERTIFICATE REQUEST")
        );
    }
}
