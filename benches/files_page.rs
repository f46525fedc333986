//! A share page for N files (default 1 000), in process against the embedded server:
//! list the folder, sign a download link per file and the page's link, render the page and
//! upload it. After one warm-up page (region detection, connections), prints the median
//! of 5 as `s3share_files_page_ms=<milliseconds>` for benches/all.sh, and the page's size.

use std::time::Instant;

use s3share_core::pages::files_page::PageSource;
use s3share_core::{Expiry, S3Location};

#[path = "support/demo.rs"]
mod demo;

fn main() {
    let count: usize = demo::count_arg(1000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        // The files are written straight into the server's folder: only the page is timed.
        let folder = dir.path().join("bench").join("photos");
        std::fs::create_dir_all(&folder).expect("folder");
        for i in 0..count {
            std::fs::write(folder.join(format!("IMG {i:05}.jpg")), b"jpeg").expect("file");
        }
        let (_server, session) = demo::start(dir.path()).await;
        let source = PageSource::Folder {
            folder: S3Location::new("bench", "photos/").expect("location"),
            recursive: false,
        };
        let warm = session
            .files_page(&source, Expiry::ONE_DAY)
            .await
            .expect("page");
        assert_eq!(warm.files, count);
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let page = session
                .files_page(&source, Expiry::ONE_DAY)
                .await
                .expect("page");
            times.push(start.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(page.link.url);
        }
        times.sort_by(f64::total_cmp);
        let html = std::fs::metadata(
            dir.path().join("bench").join(
                warm.link
                    .object
                    .key
                    .replace('/', std::path::MAIN_SEPARATOR_STR),
            ),
        )
        .map(|m| m.len())
        .unwrap_or(0);
        println!("s3share_files_page_ms={:.1}", times[2]);
        println!("s3share_files_page_bytes={html}");
    });
}
