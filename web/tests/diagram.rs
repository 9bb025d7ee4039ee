//! The diagram component in headless Chromium (wasm-bindgen-test): it draws
//! the cluster's node, a namespace appears once it is created, a
//! deployment's pods appear on the node and follow their status, and the
//! diagram follows the current context to another cluster.

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
    mount_with(scene, None)
}

/// Mounts the diagram, titled with `context` when given.
fn mount_with(scene: RwSignal<Scene>, context: Option<RwSignal<String>>) -> web_sys::Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    let element = root.clone().unchecked_into::<web_sys::HtmlElement>();
    let diagram = move || match context {
        Some(context) => view! { <Diagram scene=scene context /> }.into_any(),
        None => view! { <Diagram scene=scene /> }.into_any(),
    };
    leptos::mount::mount_to(element, diagram).forget();
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
        });
    });
    leptos::task::tick().await;
    assert!(has(&root, "[data-testid=namespace-team-a]"));
}

/// The learner's pods (namespace default) the diagram draws on node
/// `node`: (data-testid, data-status). The node's kube-system pods are
/// drawn too.
fn pods_on(root: &web_sys::Element, node: &str) -> Vec<(String, String)> {
    let css = format!("[data-testid=node-{node}] .pod[data-namespace=default]");
    let list = root.query_selector_all(&css).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| {
            let attr = |a| e.get_attribute(a).unwrap_or_default();
            (attr("data-testid"), attr("data-status"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_deployments_pods_appear_on_the_node_and_follow_their_status() {
    let play = Playground::new(7);
    let root = mount_with(play.scene, Some(play.context));
    play.run("kubectl create deployment web --image=nginx --replicas=3");
    play.tick(1_000);
    leptos::task::tick().await;
    let early = pods_on(&root, "minikube");
    assert_eq!(
        early.len(),
        3,
        "three pods on the node: {}",
        root.inner_html()
    );
    assert!(early
        .iter()
        .all(|(id, _)| id.starts_with("pod-default/web-")));
    assert!(
        early
            .iter()
            .all(|(_, status)| status == "ContainerCreating"),
        "{early:?}"
    );
    play.tick(60_000);
    leptos::task::tick().await;
    let running = pods_on(&root, "minikube");
    assert_eq!(running.len(), 3);
    assert!(running.iter().all(|(_, s)| s == "Running"), "{running:?}");

    play.run("kubectl scale deploy web --replicas=6");
    play.tick(60_000);
    leptos::task::tick().await;
    let six = pods_on(&root, "minikube");
    assert_eq!(six.len(), 6, "{six:?}");
    let victim = six[0].0.trim_start_matches("pod-default/").to_string();
    play.run(&format!("kubectl delete pod {victim} --wait=false"));
    play.tick(60_000);
    leptos::task::tick().await;
    let after = pods_on(&root, "minikube");
    assert_eq!(after.len(), 6, "a replacement: {after:?}");
    assert!(
        !after.iter().any(|(id, _)| id.ends_with(&victim)),
        "{after:?}"
    );

    // Another cluster of the playground: the diagram draws the context's.
    play.run("kind create cluster");
    leptos::task::tick().await;
    assert!(
        has(&root, "[data-testid=node-kind-control-plane]"),
        "{}",
        root.inner_html()
    );
    assert!(!has(&root, "[data-testid=node-minikube]"));
    assert!(root.inner_html().contains("Cluster · kind-kind"));
    play.run("kubectl config use-context minikube");
    leptos::task::tick().await;
    assert!(root.inner_html().contains("Cluster · minikube"));
    assert_eq!(pods_on(&root, "minikube").len(), 6);
}
