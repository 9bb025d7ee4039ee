//! Hand-written bindings to the vendored xterm.js ES modules
//! (`static/vendor/xterm/`, copied to `dist/vendor/xterm/` by Trunk and
//! imported relative to the app's JavaScript glue).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./vendor/xterm/xterm.mjs")]
extern "C" {
    /// xterm.js's `Terminal`: draws bytes and reports keys.
    pub type Terminal;

    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Terminal;

    #[wasm_bindgen(method)]
    pub fn open(this: &Terminal, parent: &web_sys::HtmlElement);

    #[wasm_bindgen(method)]
    pub fn write(this: &Terminal, data: &str);

    #[wasm_bindgen(method)]
    pub fn focus(this: &Terminal);

    /// Registers the key/paste listener; returns an `IDisposable`.
    #[wasm_bindgen(method, js_name = onData)]
    pub fn on_data(this: &Terminal, listener: &Closure<dyn FnMut(String)>) -> JsValue;

    #[wasm_bindgen(method, js_name = loadAddon)]
    pub fn load_addon(this: &Terminal, addon: &FitAddon);

    #[wasm_bindgen(method, getter)]
    pub fn cols(this: &Terminal) -> u32;

    #[wasm_bindgen(method, getter)]
    pub fn rows(this: &Terminal) -> u32;
}

#[wasm_bindgen(raw_module = "./vendor/xterm/addon-fit.mjs")]
extern "C" {
    /// Sizes the terminal to its container.
    pub type FitAddon;

    #[wasm_bindgen(constructor)]
    pub fn new() -> FitAddon;

    #[wasm_bindgen(method)]
    pub fn fit(this: &FitAddon);
}
