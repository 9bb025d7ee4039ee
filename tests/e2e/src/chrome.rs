//! chromedriver as a child process, and a headless Chromium session through
//! it (flags for running as root on a machine without outside network).

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running chromedriver, stopped when dropped.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
}

impl ChromeDriver {
    pub fn start() -> ChromeDriver {
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = crate::free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so that dropping it also ends the
            // browsers it started, even when a test panics.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium window with its own fresh profile.
pub struct Browser {
    pub client: Client,
    profile: PathBuf,
}

impl Browser {
    pub async fn open(driver: &ChromeDriver) -> Browser {
        // One profile per browser: tests run in parallel in one process, and
        // two Chromes on one user-data-dir share (and break) a session.
        static OPENED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = std::env::temp_dir().join(format!("kubeplay-e2e-{}-{n}", std::process::id()));
        let chromium = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,800",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("a chromedriver session");
        Browser { client, profile }
    }

    /// Opens the page at `url` with a fresh cluster (`?fresh`: no saved
    /// snapshot) and waits for the terminal's `prompt`.
    pub async fn open_fresh(&self, url: &str, prompt: &str) {
        self.client
            .goto(&format!("{url}?fresh"))
            .await
            .expect("open the page");
        self.wait_for_text(prompt, Duration::from_secs(20)).await;
    }

    /// The terminal's visible rows, as text (read from xterm's DOM renderer).
    pub async fn terminal_text(&self) -> String {
        let script = "return Array.from(document.querySelectorAll('.xterm-rows > div'))\
            .map(r => r.textContent.replace(/\\u00a0/g, ' ').trimEnd()).join('\\n');";
        let value = self.client.execute(script, vec![]).await.expect("script");
        value.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the terminal shows `needle`; returns the screen text.
    pub async fn wait_for_text(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let text = self.terminal_text().await;
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; the terminal shows:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types into the terminal (xterm's hidden textarea) and presses Enter.
    pub async fn type_line(&self, line: &str) {
        let input = self
            .client
            .find(Locator::Css("textarea.xterm-helper-textarea"))
            .await
            .expect("xterm's input");
        input.send_keys(line).await.expect("typing");
        input
            .send_keys(&fantoccini::key::Key::Enter.to_string())
            .await
            .expect("Enter");
    }

    /// Presses Ctrl-C in the terminal.
    pub async fn ctrl_c(&self) {
        use fantoccini::key::Key;
        let input = self
            .client
            .find(Locator::Css("textarea.xterm-helper-textarea"))
            .await
            .expect("xterm's input");
        let chord = format!("{}c{}", Key::Control, Key::Null);
        input.send_keys(&chord).await.expect("Ctrl-C");
    }

    /// Waits until an element matching `css` exists.
    pub async fn wait_for_element(&self, css: &str, timeout: Duration) {
        self.client
            .wait()
            .at_most(timeout)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} after {timeout:?}: {e}"));
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// The text of the element matching `css`.
    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .text()
            .await
            .unwrap_or_default()
    }

    /// Waits until the element matching `css` has `attr="value"`.
    pub async fn wait_for_attr(&self, css: &str, attr: &str, value: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let found = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.attr(attr).await.ok().flatten(),
                Err(_) => None,
            };
            if found.as_deref() == Some(value) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css} has {attr}={found:?}, not {value:?}, after {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a PNG screenshot of the page under `screenshots/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = crate::screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
