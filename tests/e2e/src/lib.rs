//! Helpers for Kubeplay's browser end-to-end tests: a tiny static file
//! server for the built site, a chromedriver process, and a headless
//! Chromium session driven through it with fantoccini.

mod chrome;
mod server;

pub use chrome::{Browser, ChromeDriver};
pub use server::StaticServer;

use std::path::PathBuf;

/// The built site: `dist/` at the repository root (or `$KUBEPLAY_DIST`).
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("KUBEPLAY_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"),
    }
}

/// The built site served on a free port; fails plainly when it was not built.
pub fn built_site() -> StaticServer {
    let dist = dist_dir();
    assert!(
        dist.join("index.html").exists(),
        "no {}/index.html: run `trunk build --release` first",
        dist.display()
    );
    StaticServer::start(&dist)
}

/// Where tests save screenshots (gitignored).
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots")
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
