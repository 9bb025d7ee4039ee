//! `openssl x509`: prints a certificate's fields (`-noout -text`,
//! `-subject`, `-dates`…), or signs a request (`-req -in CSR` with `-CA`
//! and `-CAkey`, or `-signkey`), as a user's client certificate is made
//! from a cluster's CA.

use super::{emit, load_cert, load_key, load_request, parse, seed, Args, Ctx, THREAD};
use kubeplay_pki::{
    cert_text, colon_hex, named_extensions_text, openssl_date, Cert, CertSpec, Extensions, Listed,
    Request,
};

const FLAGS: &[&str] = &[
    "noout",
    "text",
    "subject",
    "issuer",
    "dates",
    "startdate",
    "enddate",
    "serial",
    "fingerprint",
    "pubkey",
    "req",
    "CAcreateserial",
    "sha256",
    "sha1",
    "modulus",
    "nameopt",
];
const VALUED: &[&str] = &[
    "in",
    "out",
    "CA",
    "CAkey",
    "CAserial",
    "signkey",
    "days",
    "set_serial",
    "inform",
    "outform",
    "passin",
    "extfile",
    "extensions",
    "ext",
];

pub fn x509(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(ctx, "x509", args, FLAGS, VALUED) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let cert = if a.has("req") {
        match sign(ctx, &a) {
            Ok(c) => c,
            Err(st) => return st,
        }
    } else {
        let input = a.val("in").unwrap_or("-").to_string();
        match load_cert(ctx, &input) {
            Ok(c) => c,
            Err(st) => return st,
        }
    };
    let text = print(&a, args, &cert);
    if a.val("ext").is_some() && !text.contains("X509v3 ") {
        ctx.err("No extensions in certificate\n");
    }
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}

/// The fields asked for, in the order the options came, then the PEM
/// unless `-noout`.
fn print(a: &Args, args: &[String], cert: &Cert) -> String {
    let mut out = String::new();
    let sha1 = !a.has("sha256");
    for (i, arg) in args.iter().enumerate() {
        match arg.trim_start_matches('-') {
            "ext" => {
                let names: Vec<&str> = args
                    .get(i + 1)
                    .map_or(vec![], |l| l.split(',').map(str::trim).collect());
                out.push_str(&named_extensions_text(cert, &names));
            }
            "subject" => out.push_str(&format!("subject={}\n", cert.subject().openssl())),
            "issuer" => out.push_str(&format!("issuer={}\n", cert.issuer().openssl())),
            "startdate" => {
                out.push_str(&format!("notBefore={}\n", openssl_date(cert.not_before())))
            }
            "enddate" => out.push_str(&format!("notAfter={}\n", openssl_date(cert.not_after()))),
            "dates" => out.push_str(&format!(
                "notBefore={}\nnotAfter={}\n",
                openssl_date(cert.not_before()),
                openssl_date(cert.not_after())
            )),
            "serial" => out.push_str(&format!(
                "serial={}\n",
                colon_hex(&cert.serial(), true).replace(':', "")
            )),
            "fingerprint" => {
                let (name, digest) = if sha1 {
                    ("SHA1", cert.fingerprint_sha1())
                } else {
                    ("sha256", cert.fingerprint_sha256())
                };
                out.push_str(&format!(
                    "{name} Fingerprint={}\n",
                    colon_hex(&digest, true)
                ));
            }
            "modulus" => {
                let (n, _) = cert.rsa_public().unwrap_or_default();
                out.push_str(&format!(
                    "Modulus={}\n",
                    colon_hex(&n, true).replace(':', "")
                ));
            }
            "pubkey" => out.push_str(&cert.public_pem()),
            "text" => out.push_str(&cert_text(cert)),
            _ => {}
        }
    }
    if !a.has("noout") {
        out.push_str(&cert.to_pem());
    }
    out
}

/// `-req`: the request's subject and key, issued by `-CA`/`-CAkey` (or
/// self-signed with `-signkey`); a v1 certificate, as openssl makes
/// without `-extfile`.
fn sign(ctx: &mut Ctx, a: &Args) -> Result<Cert, i32> {
    let listed = match a.val("extfile") {
        Some(f) => extfile(ctx, f, a.val("extensions").unwrap_or(""))?,
        None => vec![],
    };
    let input = a.val("in").unwrap_or("-").to_string();
    let req: Request = load_request(ctx, &input)?;
    if !req.self_signed() {
        ctx.err("Certificate request self-signature did not match the contents\n");
        return Err(1);
    }
    ctx.err("Certificate request self-signature ok\n");
    ctx.err(&format!("subject={}\n", req.subject().openssl()));
    let days: i64 = a.val("days").and_then(|d| d.parse().ok()).unwrap_or(30);
    let now = ctx.now.div_euclid(1000);
    let (issuer, key) = match (a.val("CA"), a.val("signkey")) {
        (Some(ca), _) => {
            let ca_cert = load_cert(ctx, ca)?;
            let Some(ca_key_path) = a.val("CAkey").or(Some(ca)) else {
                return Err(1);
            };
            let key = load_key(ctx, ca_key_path)?;
            if !ca_cert.matches_key(&key) {
                ctx.err(&format!(
                    "CA certificate and CA private key do not match\n{THREAD}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:\n"
                ));
                return Err(1);
            }
            (Some(ca_cert), key)
        }
        (None, Some(k)) => (None, load_key(ctx, k)?),
        (None, None) => {
            ctx.err("x509: We need a private key to sign with, use -signkey or -CAkey or -CA with private key\n");
            return Err(1);
        }
    };
    let serial = match a.val("set_serial") {
        Some(s) => serial_bytes(s),
        None => next_serial(ctx, a)?,
    };
    let spec = CertSpec {
        subject: &req.subject(),
        public_key: req.public_key_info(),
        serial,
        not_before: now,
        not_after: now + days * 86_400,
        extensions: Extensions {
            key_ids: !listed.is_empty(),
            listed,
            ..Default::default()
        },
        issuer: issuer.as_ref(),
        key: &key,
    };
    Cert::issue(spec).map_err(|_| 1)
}

/// `-extfile FILE [-extensions SECTION]`: the section's extension lines.
fn extfile(ctx: &mut Ctx, file: &str, section: &str) -> Result<Vec<Listed>, i32> {
    let text = match ctx.read(file) {
        Ok(t) => t,
        Err(_) => {
            super::cannot_open(ctx, file);
            return Err(1);
        }
    };
    super::config::extensions(&super::config::sections(&text), section).map_err(|s| {
        ctx.err(&format!("Error checking extension section {s}\n"));
        1
    })
}

fn serial_bytes(s: &str) -> Vec<u8> {
    let n: u64 = match s.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).unwrap_or(0),
        None => s.parse().unwrap_or(0),
    };
    let bytes: Vec<u8> = n
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    if bytes.is_empty() || bytes[0] & 0x80 != 0 {
        [vec![0], bytes].concat()
    } else {
        bytes
    }
}

/// The serial file beside the CA (`-CAserial`, or `ca.srl` made by
/// `-CAcreateserial`): read, incremented and written back; without one, a
/// random serial.
fn next_serial(ctx: &mut Ctx, a: &Args) -> Result<Vec<u8>, i32> {
    let file = a.val("CAserial").map(str::to_string).or_else(|| {
        let ca = a.val("CA")?;
        let stem = ca.rsplit_once('.').map_or(ca, |(s, _)| s);
        Some(format!("{stem}.srl"))
    });
    let Some(file) = file else {
        return Ok(seed(ctx, "serial").serial());
    };
    let path = ctx.path(&file);
    let current = ctx.vfs.read(&path).map(|s| s.trim().to_string());
    let serial = match current {
        Some(hex) => increment(&hex_bytes(&hex)),
        None if a.has("CAcreateserial") => seed(ctx, "serial").serial(),
        None if a.val("CAserial").is_some() => {
            ctx.err(&format!("{file}: No such file or directory\n"));
            return Err(1);
        }
        None => return Ok(seed(ctx, "serial").serial()),
    };
    let text = colon_hex(&serial, true).replace(':', "");
    let _ = ctx.vfs.write_checked(&path, &text, false);
    Ok(serial)
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn increment(bytes: &[u8]) -> Vec<u8> {
    let mut v = bytes.to_vec();
    for b in v.iter_mut().rev() {
        let (n, carry) = b.overflowing_add(1);
        *b = n;
        if !carry {
            return v;
        }
    }
    [vec![1], v].concat()
}
