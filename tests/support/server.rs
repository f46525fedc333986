//! The embedded S3 server (s3s-fs, real SigV4 and expiry checks) on 127.0.0.1 over a
//! folder, with its own runtime: the one way tests and benches start it (`tests/common`
//! for the CLI and core tests, `tests/window` for the window tests and the frame bench).

use std::path::Path;

use s3share_core::Secret;
use s3share_core::demo::{DemoServer, DemoServerOptions};

/// Starts the server over `root` (keys: fixed ones, or random when `None`). The runtime
/// serves it: keep it alive as long as the server is used.
pub fn start(root: &Path, keys: Option<(&str, &str)>) -> (tokio::runtime::Runtime, DemoServer) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("server runtime");
    let server = runtime
        .block_on(DemoServer::start(DemoServerOptions {
            root: root.to_owned(),
            port: 0,
            keys: keys.map(|(id, secret)| (id.to_owned(), Secret::new(secret))),
        }))
        .expect("start the embedded S3 server");
    (runtime, server)
}
