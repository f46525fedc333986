//! The embedded S3 server (s3s-fs, real SigV4 and expiry checks) on 127.0.0.1 over a
//! temporary folder, with a runtime of its own: the one test server of tests and benches
//! (`tests/common` for CLI and core tests, `tests/window` for window tests and the frame
//! bench add their own helpers to it).

use std::path::{Path, PathBuf};

use s3share_core::Secret;
use s3share_core::demo::{DemoServer, DemoServerOptions};

pub struct TestServer {
    server: DemoServer,
    /// Serves the server; `None` only while dropping.
    runtime: Option<tokio::runtime::Runtime>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts a server over a folder holding `files` (bucket/key → bytes), with fixed keys
    /// or random ones. Works from synchronous and from async tests alike (the start runs on
    /// a thread of its own).
    pub fn start(files: &[(&str, &[u8])], keys: Option<(&str, &str)>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, bytes) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        let root = dir.path().to_owned();
        let keys = keys.map(|(id, secret)| (id.to_owned(), Secret::new(secret)));
        let (runtime, server) = std::thread::Builder::new()
            .name("test-s3-server".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("server runtime");
                let server = runtime
                    .block_on(DemoServer::start(DemoServerOptions {
                        root,
                        port: 0,
                        keys,
                    }))
                    .expect("start the embedded S3 server");
                (runtime, server)
            })
            .expect("server thread")
            .join()
            .expect("server start");
        Self {
            server,
            runtime: Some(runtime),
            _dir: dir,
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    /// The folder holding the buckets.
    pub fn root(&self) -> &Path {
        self.server.root()
    }

    /// Where the server keeps `bucket/key` on disk.
    pub fn path(&self, bucket_and_key: &str) -> PathBuf {
        self.root().join(bucket_and_key)
    }

    pub fn demo(&self) -> &DemoServer {
        &self.server
    }

    /// Runs `work` on the server's runtime (from synchronous code).
    pub fn block_on<F: std::future::Future>(&self, work: F) -> F::Output {
        self.runtime.as_ref().expect("running").block_on(work)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.stop();
        // Async tests drop servers inside their own runtime, where a blocking drop panics.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
