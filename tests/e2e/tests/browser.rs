//! The built site in headless Chromium: the first prompt appears, `kubectl
//! get nodes` prints the node table, and a new namespace shows up in the
//! diagram. Needs `trunk build --release` first (scripts/test.sh does it).

use kubeplay_e2e::{dist_dir, Browser, ChromeDriver, StaticServer};
use std::time::{Duration, Instant};

const PROMPT: &str = "root@minikube:~#";
const HEADER: &str = "NAME       STATUS   ROLES           AGE   VERSION";
const ROW: &str = "minikube   Ready    control-plane";

#[tokio::test(flavor = "multi_thread")]
async fn terminal_and_diagram_in_the_browser() {
    let dist = dist_dir();
    assert!(
        dist.join("index.html").exists(),
        "no {}/index.html: run `trunk build --release` first",
        dist.display()
    );
    let server = StaticServer::start(&dist);
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;

    let loading = Instant::now();
    browser
        .client
        .goto(&server.url)
        .await
        .expect("open the page");
    browser.wait_for_text(PROMPT, Duration::from_secs(20)).await;
    let in_page = browser
        .client
        .execute(
            "return document.querySelector('[data-testid=terminal]').dataset.firstPromptMs",
            vec![],
        )
        .await
        .expect("first prompt time");
    println!(
        "first prompt: {in_page} ms after navigation start (in the page); {:?} for the test",
        loading.elapsed()
    );
    browser.screenshot("first-prompt").await;
    browser
        .wait_for_element("[data-testid=node-minikube]", Duration::from_secs(5))
        .await;

    browser.type_line("kubectl get nodes").await;
    let screen = browser.wait_for_text(HEADER, Duration::from_secs(10)).await;
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines
        .iter()
        .position(|l| *l == HEADER)
        .expect("the header line");
    assert!(
        lines[header + 1].starts_with(ROW),
        "expected a {ROW:?} row, the terminal shows:\n{screen}"
    );
    browser.screenshot("get-nodes").await;

    browser.type_line("kubectl create namespace demo").await;
    browser
        .wait_for_text("namespace/demo created", Duration::from_secs(10))
        .await;
    browser
        .wait_for_element("[data-testid=namespace-demo]", Duration::from_secs(5))
        .await;
    // Let the diagram's appear/slide transitions (0.35 s) settle first.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let shot = browser.screenshot("namespace-demo").await;
    println!("screenshot: {}", shot.display());

    // A watch streams as the clock moves, until Ctrl-C.
    browser.type_line("kubectl run web --image=nginx").await;
    browser
        .wait_for_text("pod/web created", Duration::from_secs(10))
        .await;
    browser.type_line("kubectl get pods -w").await;
    let screen = browser
        .wait_for_text("1/1     Running", Duration::from_secs(60))
        .await;
    assert!(
        !screen.trim_end().ends_with(PROMPT),
        "no prompt while the watch runs:\n{screen}"
    );
    browser.screenshot("get-pods-watch").await;
    browser.ctrl_c().await;
    let screen = browser.wait_for_text("^C", Duration::from_secs(10)).await;
    assert!(
        screen.trim_end().ends_with(PROMPT),
        "the prompt is back after Ctrl-C:\n{screen}"
    );

    browser.close().await;
}
