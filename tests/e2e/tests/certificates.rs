//! Real cryptography in the browser build: openssl makes an RSA key and a
//! self-signed certificate inside the page (seeded, no OS randomness),
//! `kubectl create secret tls` takes them, and a user's request is
//! approved, issued by the cluster's CA and used as a kubeconfig
//! credential. Needs `trunk build --release` first (scripts/test.sh).

use kubeplay_e2e::{built_site, Browser, ChromeDriver};
use std::time::{Duration, Instant};

const PROMPT: &str = "root@minikube:~#";

#[tokio::test(flavor = "multi_thread")]
async fn keys_certificates_and_a_signed_user_in_the_browser() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;
    browser.open_fresh(&server.url, PROMPT).await;

    let started = Instant::now();
    browser
        .type_line(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt \
             -subj /CN=shop.example.com 2>/dev/null && \
             kubectl create secret tls shop --cert=tls.crt --key=tls.key",
        )
        .await;
    browser
        .wait_for_text("secret/shop created", Duration::from_secs(60))
        .await;
    // Reported, not asserted: the key's generation is the page's own work.
    println!(
        "a 2048-bit key, a certificate and the secret: {} ms in the page",
        started.elapsed().as_millis()
    );
    browser
        .type_line("openssl x509 -in tls.crt -noout -subject")
        .await;
    browser
        .wait_for_text("subject=CN = shop.example.com", Duration::from_secs(10))
        .await;

    browser
        .type_line(
            "openssl req -new -newkey rsa:2048 -nodes -keyout jane.key -out jane.csr \
             -subj /CN=jane/O=dev 2>/dev/null && openssl x509 -req -in jane.csr \
             -CA ~/.minikube/ca.crt -CAkey ~/.minikube/ca.key -out jane.crt 2>/dev/null && \
             kubectl config set-credentials jane --client-key=jane.key --client-certificate=jane.crt",
        )
        .await;
    browser
        .wait_for_text("User \"jane\" set.", Duration::from_secs(60))
        .await;
    browser.type_line("kubectl --user=jane get pods").await;
    let screen = browser
        .wait_for_text(
            "User \"jane\" cannot list resource",
            Duration::from_secs(10),
        )
        .await;
    assert!(
        screen.contains("Error from server (Forbidden): pods is forbidden"),
        "{screen}"
    );
    browser.screenshot("certificates").await;
    browser.close().await;
}
