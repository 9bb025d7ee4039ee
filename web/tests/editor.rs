//! The editor component in headless Chromium (wasm-bindgen-test): `vi`
//! opens it on the file, Save writes what the text area holds, and an
//! invalid `kubectl edit` save reopens it with the reasons until Esc quits.

use kubeplay_web::components::editor::Editor;
use kubeplay_web::state::Playground;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(play: Playground) -> web_sys::Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    let element = root.clone().unchecked_into::<web_sys::HtmlElement>();
    leptos::mount::mount_to(element, move || view! { <Editor play=play.clone() /> }).forget();
    root
}

fn find<T: JsCast>(root: &web_sys::Element, css: &str) -> Option<T> {
    let el = root.query_selector(css).expect("a valid selector")?;
    Some(el.unchecked_into())
}

fn text_area(root: &web_sys::Element) -> web_sys::HtmlTextAreaElement {
    find(root, "[data-testid=editor-text]").expect("the editor's text")
}

#[wasm_bindgen_test]
async fn vi_saves_what_the_text_area_holds() {
    let play = Playground::new(1);
    let root = mount(play.clone());
    leptos::task::tick().await;
    assert!(find::<web_sys::Element>(&root, "[data-testid=editor]").is_none());
    play.run("echo old > notes.txt");
    play.run("vi notes.txt");
    leptos::task::tick().await;
    let name: web_sys::HtmlElement = find(&root, "[data-testid=editor-name]").expect("a title");
    assert_eq!(name.text_content().as_deref(), Some("notes.txt"));
    let text = text_area(&root);
    assert_eq!(
        text.value(),
        "old\n",
        "{:?} {}",
        play.editing.get_untracked(),
        root.inner_html()
    );
    text.set_value("new text");
    let save: web_sys::HtmlElement = find(&root, "[data-testid=editor-save]").expect("Save");
    save.click();
    leptos::task::tick().await;
    assert!(find::<web_sys::Element>(&root, "[data-testid=editor]").is_none());
    assert_eq!(play.run("cat notes.txt").stdout(), "new text\n");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_kubectl_edit_reopens_until_esc() {
    let play = Playground::new(1);
    let root = mount(play.clone());
    play.run("kubectl create deployment web --image=nginx");
    play.run("kubectl edit deploy web");
    leptos::task::tick().await;
    let text = text_area(&root);
    text.set_value(&text.value().replace("replicas: 1", "replicas: -1"));
    let save: web_sys::HtmlElement = find(&root, "[data-testid=editor-save]").expect("Save");
    save.click();
    let before_tick = text_area(&root).value();
    assert!(
        before_tick.contains("replicas: -1"),
        "before tick: {before_tick}"
    );
    leptos::task::tick().await;
    let again = text_area(&root).value();
    assert!(
        again.contains("# * spec.replicas: Invalid value: -1"),
        "reopened with the reason:\n{again}"
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let esc = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a key event");
    text_area(&root).dispatch_event(&esc).expect("dispatched");
    leptos::task::tick().await;
    assert!(find::<web_sys::Element>(&root, "[data-testid=editor]").is_none());
    let printed = play.poll_stream();
    assert!(
        printed.ends_with("error: Edit cancelled, no valid changes were saved.\n"),
        "{printed}"
    );
    root.remove();
}
