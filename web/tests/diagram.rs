//! The diagram component in headless Chromium (wasm-bindgen-test): it draws
//! the cluster's node, and a namespace appears once it is created.

use kubeplay_engine::events::{Change, EngineEvent};
use kubeplay_web::components::diagram::Diagram;
use kubeplay_web::scene::Scene;
use kubeplay_web::state::Playground;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the diagram for `scene` in a fresh element of the page.
fn mount(scene: RwSignal<Scene>) -> web_sys::Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    let element = root.clone().unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(element, move || view! { <Diagram scene=scene /> }).forget();
    root
}

fn has(root: &web_sys::Element, css: &str) -> bool {
    root.query_selector(css)
        .expect("a valid selector")
        .is_some()
}

#[wasm_bindgen_test]
async fn draws_the_clusters_node_and_a_new_namespace() {
    let play = Playground::new(7);
    let root = mount(play.scene);
    leptos::task::tick().await;
    assert!(
        has(&root, "[data-testid=node-minikube]"),
        "no node in {}",
        root.inner_html()
    );
    assert!(!has(&root, "[data-testid=namespace-demo]"));
    play.run("kubectl create namespace demo");
    leptos::task::tick().await;
    assert!(
        has(&root, "[data-testid=namespace-demo]"),
        "no namespace in {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn follows_the_events_it_is_given() {
    let scene = RwSignal::new(Scene::default());
    let root = mount(scene);
    leptos::task::tick().await;
    assert!(root.inner_html().contains("waiting for nodes"));
    scene.update(|s| {
        s.apply(&EngineEvent::Object {
            change: Change::Added,
            resource: "namespaces".into(),
            group: String::new(),
            namespace: None,
            name: "team-a".into(),
            object: serde_json::json!({"metadata": {"name": "team-a"}}).into(),
        })
    });
    leptos::task::tick().await;
    assert!(has(&root, "[data-testid=namespace-team-a]"));
}
