//! `openssl req`: a certificate request (`-new`) or a self-signed
//! certificate (`-x509`), from `-key` or a new key (`-newkey rsa:N`,
//! `-keyout`); or reads a request (`-in`, `-text`, `-subject`, `-verify`).

use super::{emit, key_bits, load_key, load_request, new_key, parse, seed, Ctx};
use kubeplay_pki::{cert_text, request_text, Cert, CertSpec, Extensions, Name, Request};

const FLAGS: &[&str] = &[
    "new", "x509", "nodes", "noenc", "noout", "text", "verify", "subject", "pubkey", "batch",
    "sha256", "sha1", "sha512", "utf8", "quiet",
];
const VALUED: &[&str] = &[
    "key",
    "newkey",
    "keyout",
    "out",
    "in",
    "subj",
    "days",
    "addext",
    "config",
    "extensions",
    "reqexts",
    "set_serial",
    "passout",
    "passin",
    "outform",
    "inform",
    "keyform",
];

/// The questions openssl asks when there is no `-subj`.
const PROMPT: &str = "You are about to be asked to enter information that will be incorporated
into your certificate request.
What you are about to enter is what is called a Distinguished Name or a DN.
There are quite a few fields but you can leave some blank
For some fields there will be a default value,
If you enter '.', the field will be left blank.
-----
";
const FIELDS: &[(&str, &str, &str)] = &[
    ("C", "Country Name (2 letter code) [AU]:", "AU"),
    (
        "ST",
        "State or Province Name (full name) [Some-State]:",
        "Some-State",
    ),
    ("L", "Locality Name (eg, city) []:", ""),
    (
        "O",
        "Organization Name (eg, company) [Internet Widgits Pty Ltd]:",
        "Internet Widgits Pty Ltd",
    ),
    ("OU", "Organizational Unit Name (eg, section) []:", ""),
    ("CN", "Common Name (e.g. server FQDN or YOUR name) []:", ""),
    ("emailAddress", "Email Address []:", ""),
];

pub fn req(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(ctx, "req", args, FLAGS, VALUED) {
        Ok(a) => a,
        Err(st) => return st,
    };
    if let Some(input) = a.val("in") {
        return show(ctx, &a, input);
    }
    let key = match (a.val("key"), a.val("newkey")) {
        (Some(path), _) => load_key(ctx, path),
        (None, spec) => {
            let bits = match key_bits(ctx, spec.unwrap_or("rsa:2048")) {
                Ok(b) => b,
                Err(st) => return st,
            };
            let key = new_key(ctx, bits, "req");
            if let Ok(k) = &key {
                // Without -keyout the new key goes where openssl.cnf says.
                let keyout = a.val("keyout").unwrap_or("privkey.pem");
                if let Err(st) = emit(ctx, Some(keyout), &k.to_pem()) {
                    return st;
                }
                ctx.err("-----\n");
            }
            key
        }
    };
    let key = match key {
        Ok(k) => k,
        Err(st) => return st,
    };
    let subject = match subject(ctx, a.val("subj")) {
        Ok(s) => s,
        Err(st) => return st,
    };
    let mut alt_names = vec![];
    for ext in a.all("addext") {
        if let Some(list) = ext.strip_prefix("subjectAltName") {
            let list = list.trim_start().trim_start_matches('=').trim();
            alt_names.extend(list.split(',').map(|s| s.trim().to_string()));
        }
    }
    let text = if a.has("x509") {
        let days: i64 = a.val("days").and_then(|d| d.parse().ok()).unwrap_or(30);
        let now = ctx.now.div_euclid(1000);
        let spec = CertSpec {
            subject: &subject,
            public_key: key.public_key_info(),
            serial: seed(ctx, "serial").serial(),
            not_before: now,
            not_after: now + days * 86_400,
            extensions: Extensions {
                key_ids: true,
                ca: Some(true),
                usages: vec![],
                alt_names,
                listed: vec![],
            },
            issuer: None,
            key: &key,
        };
        match Cert::issue(spec) {
            Ok(c) => format!(
                "{}{}",
                if a.has("text") {
                    cert_text(&c)
                } else {
                    String::new()
                },
                c.to_pem()
            ),
            Err(_) => return bad_addext(ctx),
        }
    } else {
        match Request::new(&key, &subject) {
            Ok(r) => format!(
                "{}{}",
                if a.has("text") {
                    request_text(&r)
                } else {
                    String::new()
                },
                r.to_pem()
            ),
            Err(_) => return 1,
        }
    };
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}

fn bad_addext(ctx: &mut Ctx) -> i32 {
    ctx.err("Error adding extensions defined via -addext\n");
    1
}

/// `-subj`, or the answers to openssl's questions: lines of stdin, each
/// empty line taking the default (the terminal answers every one with
/// Enter).
fn subject(ctx: &mut Ctx, subj: Option<&str>) -> Result<Name, i32> {
    if let Some(s) = subj {
        return match Name::parse_openssl_skipping(s) {
            Ok((n, skipped)) => {
                for ty in skipped {
                    ctx.err(&format!(
                        "req warning: Skipping unknown subject name attribute \"{ty}\"\n"
                    ));
                }
                Ok(n)
            }
            Err(kubeplay_pki::PkiError::BadName(msg)) => {
                ctx.err(&format!("req: subject {msg}\n"));
                Err(1)
            }
            Err(_) => Err(1),
        };
    }
    ctx.err(PROMPT);
    let input = std::mem::take(&mut ctx.stdin);
    let from_terminal = input.is_empty() && ctx.tty;
    let mut answers = input.lines();
    let mut parts = String::new();
    for (ty, question, default) in FIELDS {
        ctx.err(question);
        let answer = if from_terminal {
            Some("")
        } else {
            answers.next()
        };
        let Some(answer) = answer else {
            ctx.err("Error making certificate request\n");
            return Err(1);
        };
        let value = match answer.trim() {
            "" => *default,
            "." => "",
            v => v,
        };
        if !value.is_empty() {
            parts.push_str(&format!("/{ty}={}", value.replace('/', "\\/")));
        }
    }
    ctx.err("\n");
    Name::parse_openssl(if parts.is_empty() { "/" } else { &parts }).map_err(|_| 1)
}

/// `req -in FILE` with `-noout`, `-text`, `-subject`, `-verify`.
fn show(ctx: &mut Ctx, a: &super::Args, input: &str) -> i32 {
    let r = match load_request(ctx, input) {
        Ok(r) => r,
        Err(st) => return st,
    };
    if a.has("verify") {
        if r.self_signed() {
            ctx.err("Certificate request self-signature verify OK\n");
        } else {
            ctx.err("Certificate request self-signature verify failure\n");
            return 1;
        }
    }
    let mut text = String::new();
    if a.has("subject") {
        text.push_str(&format!("subject={}\n", r.subject().openssl()));
    }
    if a.has("text") {
        text.push_str(&request_text(&r));
    }
    if !a.has("noout") {
        text.push_str(&r.to_pem());
    }
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}
