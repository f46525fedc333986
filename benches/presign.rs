//! Pre-signing speed, in process: N share links (no existence check) against the embedded
//! server, after one warm-up link (which detects and caches the bucket's region).
//! Prints `s3share_presign_us_per_url=<microseconds>` for benches/all.sh.

use std::time::Instant;

use s3share_core::{Expiry, LinkMode, S3Location, ShareRequest};

#[path = "support/demo.rs"]
mod demo;

fn main() {
    let count: u32 = demo::count_arg(5000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_server, session) = demo::start(dir.path()).await;
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
