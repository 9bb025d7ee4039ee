//! The editor in the built site: `vi hello.txt` opens it over the terminal,
//! typed text is saved with Ctrl-S and `cat` shows it; Esc quits without
//! writing; `kubectl edit` of a deployment opens its YAML, and the saved
//! change scales it. Needs `trunk build --release` first (scripts/test.sh
//! does it).

use fantoccini::key::Key;
use fantoccini::Locator;
use kubeplay_e2e::{built_site, Browser, ChromeDriver};
use std::time::{Duration, Instant};

const PROMPT: &str = "root@minikube:~#";
const EDITOR: &str = "[data-testid=editor]";
const TEXT: &str = "[data-testid=editor-text]";

#[tokio::test(flavor = "multi_thread")]
async fn vi_and_kubectl_edit_in_the_browser() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;
    browser.open_fresh(&server.url, PROMPT).await;

    // vi: type, Ctrl-S, and the file holds it.
    browser.type_line("vi hello.txt").await;
    browser
        .wait_for_element(EDITOR, Duration::from_secs(10))
        .await;
    assert_eq!(
        browser.text_of("[data-testid=editor-name]").await,
        "hello.txt"
    );
    let text = browser
        .client
        .find(Locator::Css(TEXT))
        .await
        .expect("the text");
    text.send_keys("hello from vi\nsecond line")
        .await
        .expect("typing");
    browser.screenshot("editor-vi").await;
    text.send_keys(&format!("{}s{}", Key::Control, Key::Null))
        .await
        .expect("Ctrl-S");
    wait_gone(&browser, EDITOR).await;
    browser.type_line("cat hello.txt").await;
    let screen = browser
        .wait_for_text("second line", Duration::from_secs(10))
        .await;
    assert!(
        screen.contains("\nhello from vi\nsecond line\n"),
        "cat shows what was saved:\n{screen}"
    );

    // Esc quits without writing.
    browser.type_line("nano unsaved.txt").await;
    browser
        .wait_for_element(EDITOR, Duration::from_secs(10))
        .await;
    let text = browser
        .client
        .find(Locator::Css(TEXT))
        .await
        .expect("the text");
    text.send_keys(&format!("never saved{}", Key::Escape))
        .await
        .expect("Esc");
    wait_gone(&browser, EDITOR).await;
    browser.type_line("ls unsaved.txt").await;
    browser
        .wait_for_text(
            "cannot access 'unsaved.txt': No such file or directory",
            Duration::from_secs(10),
        )
        .await;

    // kubectl edit: the deployment's YAML; the saved change is sent.
    browser
        .type_line("kubectl create deployment web --image=nginx")
        .await;
    browser
        .wait_for_text("deployment.apps/web created", Duration::from_secs(10))
        .await;
    browser.type_line("kubectl edit deploy web").await;
    browser
        .wait_for_element(EDITOR, Duration::from_secs(10))
        .await;
    let name = browser.text_of("[data-testid=editor-name]").await;
    assert!(name.starts_with("kubectl-edit-"), "{name}");
    let replaced = browser
        .client
        .execute(
            "const t = document.querySelector(arguments[0]);\
             const before = t.value; t.value = before.replace('replicas: 1', 'replicas: 3');\
             return t.value !== before;",
            vec![TEXT.into()],
        )
        .await
        .expect("script");
    assert_eq!(replaced, true, "the YAML has replicas: 1");
    let shot = browser.screenshot("editor-kubectl-edit").await;
    println!("screenshot: {}", shot.display());
    browser.click("[data-testid=editor-save]").await;
    wait_gone(&browser, EDITOR).await;
    browser
        .wait_for_text("deployment.apps/web edited", Duration::from_secs(10))
        .await;
    browser
        .type_line("kubectl get deploy web -o jsonpath='replicas={.spec.replicas}{\"\\n\"}'")
        .await;
    browser
        .wait_for_text("replicas=3", Duration::from_secs(10))
        .await;
    browser.screenshot("editor-after").await;
    browser.close().await;
}

/// Waits until nothing matches `css` (the editor closed).
async fn wait_gone(browser: &Browser, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while browser.client.find(Locator::Css(css)).await.is_ok() {
        assert!(Instant::now() < deadline, "{css} is still there");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
