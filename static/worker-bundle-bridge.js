// Loaded after gloss-worker.js only when a web worker cannot start (see src/ui/fallback.rs).
// wasm-bindgen's no-modules glue declares `let wasm_bindgen` at the top level of a classic
// script: a global binding that is not a property of `window`. This file shares that scope and
// hands the binding to the page's Rust code without eval.
self.glossWorkerBundle = wasm_bindgen;
