//! Pre-signing speed, in process: N share links (no existence check) against the embedded
//! server, after one warm-up link (which detects and caches the bucket's region).
//! Prints `s3share_presign_us_per_url=<microseconds>` for benches/all.sh.

use std::time::Instant;

use s3share_core::demo::{DemoServer, DemoServerOptions};
use s3share_core::{Expiry, LinkMode, S3Location, Secret, Session, ShareRequest};

fn main() {
    let count: u32 = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = DemoServer::start(DemoServerOptions {
            root: dir.path().to_owned(),
            port: 0,
            keys: Some(("AKBENCH".to_owned(), Secret::new("bench-secret"))),
        })
        .await
        .expect("server");
        let session = Session::connect(&server.connection("bench"))
            .await
            .expect("connect");
        session.create_bucket("bench").await.expect("bucket");
        let request = |i: u32| ShareRequest {
            object: S3Location::new("bench", format!("folder/report {i}.pdf")).unwrap(),
            expiry: Expiry::ONE_DAY,
            mode: LinkMode::Attachment { filename: None },
            check_exists: false,
        };
        session.share_link(&request(0)).await.expect("warm-up");
        let start = Instant::now();
        for i in 0..count {
            let link = session.share_link(&request(i)).await.expect("link");
            std::hint::black_box(link.url);
        }
        let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(count);
        println!("s3share_presign_us_per_url={micros:.2}");
    });
}
