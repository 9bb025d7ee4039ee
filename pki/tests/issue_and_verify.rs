//! A CA, a request and a client certificate made the way openssl and the
//! cluster's signer make them; their texts were compared with openssl 3's
//! own `x509 -text` / `req -text` of the same PEM (identical).

use kubeplay_pki::*;

fn issue(subject: &Name, key: &Key, issuer: Option<(&Cert, &Key)>, exts: Extensions) -> Cert {
    let mut seed = Seed::from_parts(&[b"serial", subject.openssl().as_bytes()]);
    Cert::issue(CertSpec {
        subject,
        public_key: key.public_key_info(),
        serial: seed.serial(),
        not_before: 1_748_768_460,
        not_after: 1_748_768_460 + 30 * 86_400,
        extensions: exts,
        issuer: issuer.map(|(c, _)| c),
        key: issuer.map_or(key, |(_, k)| k),
    })
    .unwrap()
}

#[test]
fn a_client_certificate_is_signed_by_its_ca_and_carries_the_request_subject() {
    let mut seed = Seed::from_parts(&[b"test"]);
    let ca_key = Key::generate(&mut seed, 1024).unwrap();
    let ca_name = Name::parse_openssl("/CN=minikubeCA").unwrap();
    let ca_exts = Extensions {
        key_ids: true,
        ca: Some(true),
        ..Default::default()
    };
    let ca = issue(&ca_name, &ca_key, None, ca_exts);
    let key = Key::generate(&mut seed, 1024).unwrap();
    let req = Request::new(&key, &Name::parse_openssl("/CN=jane/O=dev/O=ops").unwrap()).unwrap();
    let req = Request::from_pem(&req.to_pem()).unwrap();
    assert!(req.self_signed());
    let client = Extensions {
        key_ids: true,
        ca: Some(false),
        usages: vec![
            "digital signature".into(),
            "key encipherment".into(),
            "client auth".into(),
        ],
        ..Default::default()
    };
    let crt = issue(&req.subject(), &key, Some((&ca, &ca_key)), client);
    let crt = Cert::from_pem(&crt.to_pem()).unwrap();
    assert!(crt.signed_by(&ca) && ca.signed_by(&ca) && !ca.signed_by(&crt));
    assert!(crt.matches_key(&key) && !crt.matches_key(&ca_key));
    assert_eq!(crt.subject().values("CN"), ["jane"]);
    assert_eq!(crt.subject().values("O"), ["dev", "ops"]);
    assert_eq!(crt.issuer().openssl(), "CN = minikubeCA");
    let text = cert_text(&crt);
    for line in [
        "        Version: 3 (0x2)\n",
        "            Not Before: Jun  1 09:01:00 2025 GMT\n",
        "            Not After : Jul  1 09:01:00 2025 GMT\n",
        "        Subject: CN = jane, O = dev, O = ops\n",
        "                Public-Key: (1024 bit)\n",
        "            X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n",
        "            X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n",
        "            X509v3 Basic Constraints: critical\n                CA:FALSE\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let key_again = Key::from_pem(&key.to_pem()).unwrap();
    assert!(crt.matches_key(&key_again));
}

#[test]
fn the_same_seed_makes_the_same_key() {
    let a = Key::generate(&mut Seed::from_parts(&[b"x"]), 512).unwrap();
    let b = Key::generate(&mut Seed::from_parts(&[b"x"]), 512).unwrap();
    let c = Key::generate(&mut Seed::from_parts(&[b"y"]), 512).unwrap();
    assert_eq!(a.to_pem(), b.to_pem());
    assert_ne!(a.to_pem(), c.to_pem());
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert_eq!(Cert::from_pem("nothing").unwrap_err(), PkiError::NoPem);
    let fake = "-----BEGIN CERTIFICATE-----\nkubernetes-admin\n-----END CERTIFICATE-----\n";
    assert!(Cert::from_pem(fake).is_err());
    assert!(Key::from_pem("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n").is_err());
    assert!(Request::from_pem("").is_err());
}
