//! The binary Trunk builds: mounts the Kubeplay app on the page's body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kubeplay_web::App);
}
