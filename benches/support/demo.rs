//! What the in-process benches share: the count given on the command line and a session
//! against the embedded server (with the bench's own keys) over a folder of the bench's own.

use std::path::Path;
use std::str::FromStr;

use s3share_core::demo::{DemoServer, DemoServerOptions};
use s3share_core::{Secret, Session};

/// The first argument that is not an option (cargo bench passes `--bench`), or `default`.
pub fn count_arg<T: FromStr>(default: T) -> T {
    std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

/// The embedded server serving `root`, and a session connected to it. Keep the server for
/// as long as the session is used: dropping it stops it.
pub async fn start(root: &Path) -> (DemoServer, Session) {
    let server = DemoServer::start(DemoServerOptions {
        root: root.to_owned(),
        port: 0,
        keys: Some(("AKBENCH".to_owned(), Secret::new("bench-secret"))),
    })
    .await
    .expect("server");
    let session = Session::connect(&server.connection("bench"))
        .await
        .expect("connect");
    (server, session)
}
