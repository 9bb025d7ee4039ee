//! The binary Trunk builds: brings back the saved playground (or starts
//! one), then mounts the Kubeplay app on the page's body.

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let boot = kubeplay_web::boot::boot(kubeplay_web::SEED).await;
        leptos::mount::mount_to_body(move || leptos::view! { <kubeplay_web::App boot /> });
    });
}
