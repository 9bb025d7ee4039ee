//! `openssl verify` (a certificate against `-CAfile`, at `-attime` or
//! now: `FILE: OK`, or openssl's error line for the first failure from
//! the root down) and `openssl dgst` / `openssl sha256`.

use super::{parse, read_input, Ctx};
use kubeplay_pki::Cert;

pub fn verify(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(
        ctx,
        "verify",
        args,
        &["verbose", "x509_strict"],
        &["CAfile", "attime", "untrusted"],
    ) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let mut roots = vec![];
    if let Some(f) = a.val("CAfile") {
        let text = match read_input(ctx, f, "certificate file") {
            Ok(t) => t,
            Err(st) => {
                ctx.err("Unable to load certificate file\n");
                return st + 1;
            }
        };
        roots = all_certs(&text);
    }
    let at = a
        .val("attime")
        .and_then(|t| t.parse::<i64>().ok())
        .unwrap_or(ctx.now.div_euclid(1000));
    let mut status = 0;
    for file in &a.rest {
        let Ok(text) = read_input(ctx, file, "certificate file") else {
            ctx.err("Unable to load certificate file\n");
            status = 2;
            continue;
        };
        let Ok(cert) = Cert::from_pem(&text) else {
            ctx.err(&format!(
                "Could not read certificate file from {file}\nUnable to load certificate file\n"
            ));
            status = 2;
            continue;
        };
        let failures = check(&cert, &roots, at);
        if failures.is_empty() {
            ctx.out(&format!("{file}: OK\n"));
            continue;
        }
        for (subject, code, depth, why) in failures {
            ctx.err(&format!(
                "{subject}\nerror {code} at {depth} depth lookup: {why}\n"
            ));
        }
        ctx.err(&format!("error {file}: verification failed\n"));
        status = 2;
    }
    status
}

fn all_certs(text: &str) -> Vec<Cert> {
    text.split_inclusive("-----END CERTIFICATE-----")
        .filter_map(|block| Cert::from_pem(block).ok())
        .collect()
}

type Failure = (String, u32, usize, &'static str);

/// The chain from `cert` to a trusted root, checked from the root down.
/// Like openssl's verify callback, an expired certificate is reported and
/// the check goes on; any other error ends it.
fn check(cert: &Cert, roots: &[Cert], at: i64) -> Vec<Failure> {
    let trusted = roots
        .iter()
        .any(|r| r.fingerprint_sha256() == cert.fingerprint_sha256());
    let issuer = roots
        .iter()
        .find(|r| r.subject() == cert.issuer() && !trusted);
    let failure = |c: &Cert, code, depth, why| (c.subject().openssl(), code, depth, why);
    if !trusted && issuer.is_none() {
        let self_signed = cert.subject() == cert.issuer() && cert.signed_by(cert);
        return vec![if self_signed {
            failure(cert, 18, 0, "self-signed certificate")
        } else {
            failure(cert, 20, 0, "unable to get local issuer certificate")
        }];
    }
    if issuer.is_some_and(|ca| !cert.signed_by(ca)) {
        return vec![failure(cert, 7, 0, "certificate signature failure")];
    }
    let chain: Vec<&Cert> = std::iter::once(cert).chain(issuer).collect();
    let mut found = vec![];
    for (depth, c) in chain.iter().enumerate().rev() {
        if at < c.not_before() {
            found.push(failure(c, 9, depth, "certificate is not yet valid"));
            break;
        }
        if at > c.not_after() {
            found.push(failure(c, 10, depth, "certificate has expired"));
        }
    }
    found
}

/// `openssl dgst [-sha256|-sha1|-sha512|-md5] [-r] [FILE...]`, and
/// `openssl sha256 FILE` (the digest named as a command).
pub fn dgst(ctx: &mut Ctx, cmd: &str, args: &[String]) -> i32 {
    let algos = ["sha256", "sha1", "sha512", "md5"];
    let mut flags = vec!["r", "hex"];
    flags.extend(algos);
    let a = match parse(ctx, cmd, args, &flags, &["out"]) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let chosen = algos.iter().find(|x| a.has(x) || cmd == **x).copied();
    // openssl 3.0 names SHA-256 `SHA256` when it is only the default.
    let (prog, label) = match chosen {
        Some("sha1") => ("sha1sum", "SHA1"),
        Some("sha512") => ("sha512sum", "SHA2-512"),
        Some("md5") => ("md5sum", "MD5"),
        Some(_) => ("sha256sum", "SHA2-256"),
        None => ("sha256sum", "SHA256"),
    };
    let files = if a.rest.is_empty() {
        vec!["-".to_string()]
    } else {
        a.rest.clone()
    };
    let mut status = 0;
    for f in files {
        let data = match ctx.read(&f) {
            Ok(d) => d,
            Err(e) => {
                ctx.err(&format!(
                    "{cmd}: Can't open \"{f}\" for reading, {}\n",
                    e.msg()
                ));
                status = 1;
                continue;
            }
        };
        let hex = crate::coreutils::sums::digest(prog, data.as_bytes());
        let name = if f == "-" { "stdin" } else { f.as_str() };
        let line = if a.has("r") {
            format!("{hex} *{name}\n")
        } else {
            format!("{label}({name})= {hex}\n")
        };
        ctx.out(&line);
    }
    status
}
