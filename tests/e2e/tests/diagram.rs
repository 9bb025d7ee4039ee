//! The diagram as a learner watches it in the built site: a deployment's
//! pods appear on the node and turn Running, scaling adds pods, a deleted
//! pod goes and its replacement comes, and the diagram follows
//! `kubectl config use-context` to another cluster of the playground and
//! back. Needs `trunk build --release` first (scripts/test.sh does it).

use kubeplay_e2e::{built_site, Browser, ChromeDriver};
use std::time::{Duration, Instant};

const PROMPT: &str = "root@minikube:~#";
/// The learner's pods on the node (the node's kube-system pods are drawn too).
const ON_MINIKUBE: &str = "[data-testid=node-minikube] .pod[data-namespace=default]";

/// The pods the diagram draws under `css`: (data-testid, data-status).
async fn pods(browser: &Browser, css: &str) -> Vec<(String, String)> {
    let script = format!(
        "return Array.from(document.querySelectorAll({css:?}))\
         .map(p => [p.dataset.testid, p.dataset.status || '']);"
    );
    let value = browser
        .client
        .execute(&script, vec![])
        .await
        .expect("script");
    serde_json::from_value(value).expect("pairs")
}

/// Waits until the pods under `css` satisfy `ok`; returns them.
async fn wait_for_pods(
    browser: &Browser,
    css: &str,
    what: &str,
    ok: impl Fn(&[(String, String)]) -> bool,
) -> Vec<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = pods(browser, css).await;
        if ok(&now) {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "the diagram never showed {what}; it has {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn all_running(pods: &[(String, String)], n: usize) -> bool {
    pods.len() == n && pods.iter().all(|(_, s)| s == "Running")
}

#[tokio::test(flavor = "multi_thread")]
async fn pods_on_the_diagram() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;
    browser.open_fresh(&server.url, PROMPT).await;

    browser
        .type_line("kubectl create deployment web --image=nginx --replicas=3")
        .await;
    browser
        .wait_for_text("deployment.apps/web created", Duration::from_secs(10))
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let shot = browser.screenshot("diagram-created").await;
    println!("screenshot: {}", shot.display());
    // At 1x the pods are still being created: they are on the node already.
    let early = wait_for_pods(&browser, ON_MINIKUBE, "three pods", |p| p.len() == 3).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let shot = browser.screenshot("diagram-creating").await;
    println!("screenshot: {} {early:?}", shot.display());
    browser.click("[data-testid='speed-10']").await;
    wait_for_pods(&browser, ON_MINIKUBE, "three Running pods", |p| {
        all_running(p, 3)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let shot = browser.screenshot("diagram-running").await;
    println!("screenshot: {}", shot.display());
    assert!(
        early.iter().any(|(_, s)| s != "Running"),
        "the diagram showed the pods before they ran: {early:?}"
    );

    browser
        .type_line("kubectl scale deploy web --replicas=6")
        .await;
    let six = wait_for_pods(&browser, ON_MINIKUBE, "six Running pods", |p| {
        all_running(p, 6)
    })
    .await;
    let victim = six[0].0.rsplit('/').next().expect("a pod name").to_string();
    browser
        .type_line(&format!("kubectl delete pod {victim}"))
        .await;
    browser
        .wait_for_text(
            &format!("pod \"{victim}\" deleted"),
            Duration::from_secs(20),
        )
        .await;
    let after = wait_for_pods(&browser, ON_MINIKUBE, "a replacement", |p| {
        all_running(p, 6) && !p.iter().any(|(id, _)| id.ends_with(&format!("/{victim}")))
    })
    .await;
    println!("after deleting {victim}: {after:?}");
    let shot = browser.screenshot("diagram-six").await;
    println!("screenshot: {}", shot.display());

    // Another cluster: the diagram draws the context's cluster.
    browser.type_line("kind create cluster").await;
    browser
        .wait_for_text("Have a nice day!", Duration::from_secs(30))
        .await;
    browser
        .wait_for_element(
            "[data-testid=node-kind-control-plane]",
            Duration::from_secs(10),
        )
        .await;
    assert!(pods(&browser, ON_MINIKUBE).await.is_empty());
    tokio::time::sleep(Duration::from_millis(400)).await;
    let shot = browser.screenshot("diagram-kind").await;
    println!("screenshot: {}", shot.display());
    browser
        .type_line("kubectl config use-context minikube")
        .await;
    wait_for_pods(&browser, ON_MINIKUBE, "the six pods again", |p| {
        all_running(p, 6)
    })
    .await;
    browser.close().await;
}

/// Frames the page drew in two seconds, and the longest gap between two.
async fn frames(browser: &Browser) -> (u64, f64) {
    let script = "const done = arguments[arguments.length - 1];
        let n = 0, last = performance.now(), worst = 0;
        const start = last;
        const step = t => {
            n++; worst = Math.max(worst, t - last); last = t;
            if (t - start < 2000) requestAnimationFrame(step); else done([n, worst]);
        };
        requestAnimationFrame(step);";
    let value = browser
        .client
        .execute_async(script, vec![])
        .await
        .expect("frames");
    serde_json::from_value(value).expect("a pair")
}

/// Not a test: how smooth the page stays while 300 pods roll out at 10x
/// (110 fit on minikube, the rest wait in the unscheduled lane). Run with
/// `cargo test -p kubeplay-e2e --test diagram -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn hundreds_of_pods_frame_rate() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;
    browser.open_fresh(&server.url, PROMPT).await;
    println!(
        "idle: {:?} (frames, longest gap ms)",
        frames(&browser).await
    );
    browser.click("[data-testid='speed-10']").await;
    browser
        .type_line("kubectl create deployment big --image=nginx --replicas=300")
        .await;
    println!("rolling out: {:?}", frames(&browser).await);
    wait_for_pods(&browser, ".pod[data-namespace=default]", "300 pods", |p| {
        p.len() == 300
    })
    .await;
    println!("300 pods: {:?}", frames(&browser).await);
    let shot = browser.screenshot("diagram-300").await;
    println!("screenshot: {}", shot.display());
    browser.close().await;
}
