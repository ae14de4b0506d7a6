//! Entry point of the `gloss-worker` web worker (built by Trunk with `data-type="worker"`).

use gloo_worker::Registrable;

fn main() {
    gloss_app::worker::AnnotateWorker::registrar().register();
}
