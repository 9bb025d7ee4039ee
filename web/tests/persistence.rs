//! Keeping the playground in the browser (wasm-bindgen-test in headless
//! Chromium): a saved playground goes through the real IndexedDB and comes
//! back with its objects, files, history and time controls; the clock
//! follows the speed, stands still when paused, and steps.

use kubeplay_web::persist;
use kubeplay_web::state::Playground;
use kubeplay_web::storage::Storage;
use kubeplay_web::time::{Speed, TimeControl, STEP_MS};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_playground_survives_indexeddb() {
    let play = Playground::new(1);
    play.run("kubectl create namespace kept");
    play.run("echo remember-me > notes.txt");
    play.tick(5_000);
    play.time.set(TimeControl {
        speed: Speed::X60,
        paused: true,
    });
    let bytes = play.save(1.7e12);

    let storage = Storage::open("kubeplay-test").await.expect("IndexedDB");
    storage.put("cluster", &bytes).await.expect("put");
    let again = Storage::open("kubeplay-test").await.expect("IndexedDB");
    let back = again.get("cluster").await.expect("get").expect("stored");
    assert_eq!(back, bytes);

    let (cluster, header) = persist::decode(&back).expect("decodes");
    assert_eq!(header.time.speed, Speed::X60);
    assert!(header.time.paused);
    let restored = Playground::with(cluster);
    assert_eq!(restored.now(), play.now());
    assert_eq!(restored.clock.get_untracked(), play.now());
    assert!(restored
        .scene
        .with_untracked(|s| s.namespaces.contains_key("kept")));
    assert_eq!(restored.run("cat notes.txt").stdout(), "remember-me\n");
    assert!(restored.history().iter().any(|h| h.contains("notes.txt")));

    again.delete("cluster").await.expect("delete");
    assert_eq!(again.get("cluster").await.expect("get"), None);
}

#[wasm_bindgen_test]
fn the_clock_follows_the_speed() {
    let play = Playground::new(1);
    let start = play.now().0;
    play.advance(1000.0);
    assert_eq!(play.now().0, start, "the first call only starts the pacer");
    play.advance(1500.0);
    assert_eq!(play.now().0, start + 500);
    play.time.update(|t| t.speed = Speed::X60);
    play.advance(2000.0);
    assert_eq!(play.now().0, start + 500 + 30_000);
    play.time.update(|t| t.paused = true);
    play.advance(9000.0);
    assert_eq!(play.now().0, start + 30_500);
    play.step();
    assert_eq!(play.now().0, start + 30_500 + STEP_MS);
    assert_eq!(play.clock.get_untracked(), play.now());
}
