//! The built site in headless Chromium: the first prompt appears, `kubectl
//! get nodes` prints the node table, a new namespace shows up in the
//! diagram, a watch streams until Ctrl-C; the time controls pause, step
//! and speed up the cluster's clock; the cluster (objects and files)
//! survives a reload, and Reset starts a new one. Needs `trunk build
//! --release` first (scripts/test.sh does it).

use kubeplay_e2e::{built_site, Browser, ChromeDriver};
use std::time::{Duration, Instant};

const PROMPT: &str = "root@minikube:~#";
const HEADER: &str = "NAME       STATUS   ROLES           AGE   VERSION";
const ROW: &str = "minikube   Ready    control-plane";

#[tokio::test(flavor = "multi_thread")]
async fn terminal_and_diagram_in_the_browser() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;

    let loading = Instant::now();
    browser
        .client
        .goto(&server.url)
        .await
        .expect("open the page");
    browser.wait_for_text(PROMPT, Duration::from_secs(20)).await;
    first_prompt(&browser, "a new cluster", loading).await;
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

    // A watch streams as the clock moves (at 60x, to keep the test short),
    // until Ctrl-C.
    browser.click("[data-testid='speed-60']").await;
    browser.type_line("kubectl run web --image=nginx").await;
    browser
        .wait_for_text("pod/web created", Duration::from_secs(10))
        .await;
    browser.type_line("kubectl get pods -w").await;
    let screen = browser
        .wait_for_text("1/1     Running", Duration::from_secs(30))
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
    browser.click("[data-testid='speed-1']").await;
    tail_follows_until_ctrl_c(&browser).await;

    time_controls(&browser).await;
    survives_a_reload(&browser).await;
    reset_starts_a_new_cluster(&browser).await;
    browser.close().await;
}

/// Prints when the first prompt appeared (the page records it).
async fn first_prompt(browser: &Browser, what: &str, loading: Instant) {
    let in_page = browser
        .client
        .execute(
            "return document.querySelector('[data-testid=terminal]').dataset.firstPromptMs",
            vec![],
        )
        .await
        .expect("first prompt time");
    println!(
        "first prompt ({what}): {in_page} ms after navigation start (in the page); {:?} for the test",
        loading.elapsed()
    );
}

/// `tail -f` prints the file, then holds the terminal until Ctrl-C (bash
/// says 130); under `timeout` it ends by itself with 124.
async fn tail_follows_until_ctrl_c(browser: &Browser) {
    browser
        .type_line("printf '%s\\n' first \"$((6*7))-end\" > app.log; tail -f app.log")
        .await;
    let screen = browser
        .wait_for_text("42-end", Duration::from_secs(10))
        .await;
    assert!(
        !screen.trim_end().ends_with(PROMPT),
        "no prompt while tail follows:\n{screen}"
    );
    browser.ctrl_c().await;
    browser.type_line("echo tail-ended-$?").await;
    browser
        .wait_for_text("tail-ended-130", Duration::from_secs(10))
        .await;
    browser
        .type_line("timeout 2 tail -f app.log; echo timed-out-$?")
        .await;
    browser
        .wait_for_text("timed-out-124", Duration::from_secs(10))
        .await;
    browser.screenshot("tail-follow").await;
}

/// Pause stops the clock, step moves it 10 s, 60x runs it a minute a second.
async fn time_controls(browser: &Browser) {
    let clock = || async { seconds(&browser.text_of("[data-testid=clock]").await) };
    browser.click("[data-testid=pause]").await;
    let paused = clock().await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(clock().await, paused, "the clock stands still when paused");
    browser.click("[data-testid=step]").await;
    assert_eq!(clock().await, paused + 10, "step moves the clock 10 s");
    browser.click("[data-testid=pause]").await;
    browser.click("[data-testid='speed-60']").await;
    let before = clock().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let ran = clock().await - before;
    assert!(
        ran >= 20,
        "at 60x, half a second is half a minute, not {ran} s"
    );
    browser.click("[data-testid='speed-1']").await;
    browser.screenshot("time-controls").await;
}

/// A pod and a file from before a reload are there after it.
async fn survives_a_reload(browser: &Browser) {
    browser
        .type_line("echo remember-me > notes.txt && echo written")
        .await;
    browser
        .wait_for_text("written", Duration::from_secs(10))
        .await;
    browser
        .wait_for_attr(SAVE_STATUS, "data-state", "saved", Duration::from_secs(10))
        .await;
    let loading = Instant::now();
    browser.client.refresh().await.expect("reload");
    browser
        .wait_for_text("Restored your cluster", Duration::from_secs(20))
        .await;
    browser.wait_for_text(PROMPT, Duration::from_secs(5)).await;
    first_prompt(browser, "a restored cluster", loading).await;
    browser
        .wait_for_element("[data-testid=namespace-demo]", Duration::from_secs(5))
        .await;
    browser.type_line("kubectl get pods").await;
    // The screen is new after the reload: this is the pod from before it.
    let screen = browser
        .wait_for_text("Running", Duration::from_secs(10))
        .await;
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("web ") && l.contains(" 1/1 ") && l.contains(" Running ")),
        "{screen}"
    );
    browser.type_line("cat notes.txt").await;
    browser
        .wait_for_text("remember-me", Duration::from_secs(10))
        .await;
    browser.screenshot("restored").await;
}

/// Reset throws the cluster away: a new one, with nothing of the old.
async fn reset_starts_a_new_cluster(browser: &Browser) {
    browser
        .client
        .execute("window.confirm = () => true;", vec![])
        .await
        .expect("answer the confirmation");
    browser.click("[data-testid=reset]").await;
    browser
        .wait_for_text("Welcome to Kubeplay", Duration::from_secs(20))
        .await;
    let url = browser.client.current_url().await.expect("the page's URL");
    assert!(url.query().is_none(), "?fresh is dropped from {url}");
    browser.type_line("kubectl get pods; cat notes.txt").await;
    browser
        .wait_for_text(
            "cat: notes.txt: No such file or directory",
            Duration::from_secs(10),
        )
        .await;
    let screen = browser
        .wait_for_text(
            "No resources found in default namespace.",
            Duration::from_secs(5),
        )
        .await;
    assert!(!screen.contains("Restored"), "{screen}");
    browser.screenshot("reset").await;
}

const SAVE_STATUS: &str = "[data-testid=save-status]";

/// `2025-06-01 09:01:15 UTC` as seconds since midnight.
fn seconds(clock: &str) -> i64 {
    let time = clock
        .split(' ')
        .nth(1)
        .unwrap_or_else(|| panic!("a clock: {clock:?}"));
    time.split(':')
        .map(|n| n.parse::<i64>().expect("a number"))
        .fold(0, |acc, n| acc * 60 + n)
}

/// Streaming commands typed into the page: `logs -f` until Ctrl-C, and a
/// session in a container with `run -it --rm` and `attach`.
#[tokio::test(flavor = "multi_thread")]
async fn streaming_commands_in_the_browser() {
    let server = built_site();
    let driver = ChromeDriver::start();
    let browser = Browser::open(&driver).await;
    browser.open_fresh(&server.url, PROMPT).await;
    browser.click("[data-testid='speed-60']").await;

    browser.type_line("kubectl run web --image=nginx").await;
    browser
        .type_line("kubectl wait --for=condition=Ready pod/web")
        .await;
    browser
        .wait_for_text("pod/web condition met", Duration::from_secs(20))
        .await;
    browser.type_line("kubectl logs -f web").await;
    let screen = browser
        .wait_for_text("ready for start up", Duration::from_secs(10))
        .await;
    assert!(!screen.trim_end().ends_with(PROMPT), "{screen}");
    browser.ctrl_c().await;
    let screen = browser.wait_for_text("^C", Duration::from_secs(10)).await;
    assert!(screen.trim_end().ends_with(PROMPT), "{screen}");
    browser.screenshot("logs-follow").await;

    browser
        .type_line("kubectl run -it --rm bb --image=busybox --restart=Never -- sh")
        .await;
    browser
        .wait_for_text("try pressing enter.", Duration::from_secs(20))
        .await;
    browser.type_line("echo hello from $(hostname)").await;
    let screen = browser
        .wait_for_text("hello from bb", Duration::from_secs(10))
        .await;
    assert!(screen.trim_end().ends_with("/ #"), "{screen}");
    browser.screenshot("run-it-session").await;
    browser.type_line("exit").await;
    let screen = browser
        .wait_for_text("pod \"bb\" deleted", Duration::from_secs(20))
        .await;
    assert!(screen.trim_end().ends_with(PROMPT), "{screen}");

    browser
        .type_line("kubectl run -it shell --image=busybox")
        .await;
    browser.wait_for_text("/ #", Duration::from_secs(20)).await;
    browser.type_line("exit").await;
    browser
        .wait_for_text("Session ended, resume using", Duration::from_secs(10))
        .await;
    browser.type_line("clear; kubectl attach shell -it").await;
    browser
        .wait_for_text("try pressing enter.", Duration::from_secs(20))
        .await;
    browser.type_line("hostname").await;
    let screen = browser
        .wait_for_text("\nshell\n", Duration::from_secs(10))
        .await;
    assert!(screen.trim_end().ends_with("/ #"), "{screen}");
    browser.screenshot("attach-session").await;
    browser.type_line("exit").await;
    browser
        .wait_for_text("Session ended", Duration::from_secs(10))
        .await;
    browser.close().await;
}
