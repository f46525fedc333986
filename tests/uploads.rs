//! Uploads through pre-signed URLs against the embedded S3 server: single PUT and
//! multipart, parallel parts, cancel, an outage mid-upload, and many small files.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use common::*;
use s3share_core::demo::{DemoServer, DemoServerOptions};
use s3share_core::upload::{MIB, UploadOptions};
use s3share_core::{Error, S3Location, Secret, Session};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;

fn write_random_file(path: &std::path::Path, size: usize) -> Vec<u8> {
    let mut data = vec![0u8; size];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for chunk in data.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let bytes = x.to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
    std::fs::write(path, &data).unwrap();
    Sha256::digest(&data).to_vec()
}

async fn download_sha256(session: &Session, object: &S3Location) -> Vec<u8> {
    let link = session
        .share_link(&s3share_core::ShareRequest {
            object: object.clone(),
            expiry: s3share_core::Expiry::ONE_HOUR,
            mode: s3share_core::LinkMode::Inline,
            check_exists: true,
        })
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    Sha256::digest(response.bytes().await.unwrap()).to_vec()
}

fn no_progress() -> s3share_core::upload::ProgressFn {
    Arc::new(|_| {})
}

/// Files s3s-fs keeps for unfinished multipart uploads and parts being written.
fn leftover_upload_files(root: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".upload") || n.starts_with(".tmp."))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_file_goes_multipart_in_parallel_and_reads_back_identical() {
    let session = session().await;
    let bucket = bucket(&session, "multipart").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("video.mp4");
    let expected = write_random_file(&file, 200 * MIB as usize);
    let object = S3Location::new(&bucket, "big/video.mp4").unwrap();

    // Watch the server's folder: parts being received show up as temporary files.
    let done = Arc::new(AtomicBool::new(false));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let done = Arc::clone(&done);
        let most_at_once = Arc::clone(&most_at_once);
        let root = server().root().to_owned();
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let now = std::fs::read_dir(&root)
                    .map(|d| {
                        d.flatten()
                            .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp."))
                            .count()
                    })
                    .unwrap_or(0);
                most_at_once.fetch_max(now, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    let options = UploadOptions {
        part_size: 8 * MIB,
        jobs: 4,
        ..Default::default()
    };
    let last_progress = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let progress = {
        let last = Arc::clone(&last_progress);
        Arc::new(move |sent: u64| last.store(sent, Ordering::Relaxed))
    };
    let uploaded = session
        .upload_file_with(
            &file,
            &object,
            None,
            &options,
            progress,
            CancellationToken::new(),
        )
        .await
        .unwrap();
    done.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert_eq!(uploaded.size, 200 * MIB);
    assert_eq!(last_progress.load(Ordering::Relaxed), 200 * MIB);
    assert!(
        most_at_once.load(Ordering::Relaxed) >= 2,
        "parts should arrive in parallel (saw at most {})",
        most_at_once.load(Ordering::Relaxed)
    );
    assert_eq!(download_sha256(&session, &object).await, expected);
    let info = session.head_object(&object).await.unwrap();
    assert!(info.etag.unwrap().ends_with("-25"), "multipart ETag");
    assert_eq!(info.content_type.as_deref(), Some("video/mp4"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_leaves_no_object_and_no_open_upload() {
    // A server of its own: other tests' uploads must not show up in its folder.
    let storage = tempfile::tempdir().unwrap();
    let server = DemoServer::start(DemoServerOptions {
        root: storage.path().to_owned(),
        port: 0,
        keys: None,
    })
    .await
    .unwrap();
    let session = Session::connect(&server.connection("cancel"))
        .await
        .unwrap();
    let bucket = "cancel".to_owned();
    session.create_bucket(&bucket).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    write_random_file(&file, 100 * MIB as usize);
    let object = S3Location::new(&bucket, "big.bin").unwrap();
    let cancel = CancellationToken::new();
    let progress = {
        let cancel = cancel.clone();
        Arc::new(move |sent: u64| {
            if sent > 20 * MIB {
                cancel.cancel();
            }
        })
    };
    let options = UploadOptions {
        part_size: 8 * MIB,
        ..Default::default()
    };
    let err = session
        .upload_file_with(&file, &object, None, &options, progress, cancel)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    let missing = session.head_object(&object).await.unwrap_err();
    assert!(matches!(missing, Error::NoSuchKey { .. }), "{missing:?}");
    // The aborted upload's parts are gone (s3s-fs has no ListMultipartUploads; its folder
    // shows open uploads as .upload-* files). No waiting: the server finishes a part still
    // being written before it aborts, and refuses one that arrives later.
    let left = leftover_upload_files(server.root());
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_outage_is_plain_and_a_retry_after_restart_succeeds() {
    let storage = tempfile::tempdir().unwrap();
    let options = |port| DemoServerOptions {
        root: storage.path().to_owned(),
        port,
        keys: Some((ACCESS_KEY_ID.to_owned(), Secret::new(SECRET_ACCESS_KEY))),
    };
    let server = DemoServer::start(options(0)).await.unwrap();
    let port: u16 = server
        .endpoint()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let session = Session::connect(&server.connection("outage"))
        .await
        .unwrap();
    session.create_bucket("outage").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    let expected = write_random_file(&file, 40 * MIB as usize);
    let object = S3Location::new("outage", "report.pdf").unwrap();

    // Stop the server once a few MiB have gone out.
    let server = Arc::new(server);
    let progress = {
        let server = Arc::clone(&server);
        Arc::new(move |sent: u64| {
            if sent > 4 * MIB {
                server.stop();
            }
        })
    };
    let upload = UploadOptions {
        attempts: 2,
        ..Default::default()
    };
    let err = session
        .upload_file_with(
            &file,
            &object,
            None,
            &upload,
            progress,
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("Could not reach the storage service")
    );
    drop(server);

    // Back up on the same port and folder: Retry gives the identical object.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let _restarted = DemoServer::start(options(port)).await.unwrap();
    session
        .upload_file_with(
            &file,
            &object,
            None,
            &upload,
            no_progress(),
            CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(download_sha256(&session, &object).await, expected);
}

/// A progress callback that appends to `file` once `after` bytes were sent.
fn append_after(file: &std::path::Path, after: u64) -> s3share_core::upload::ProgressFn {
    let file = file.to_owned();
    let appended = AtomicBool::new(false);
    Arc::new(move |sent: u64| {
        if sent > after && !appended.swap(true, Ordering::Relaxed) {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&file)
                .unwrap();
            f.write_all(b"more lines").unwrap();
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_changes_while_uploading_is_reported_and_never_stored_half_changed() {
    let session = session().await;
    let bucket = bucket(&session, "changing").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("growing.log");
    let original = write_random_file(&file, 8 * MIB as usize);
    let object = S3Location::new(&bucket, "growing.log").unwrap();
    let err = session
        .upload_file(
            &file,
            &object,
            None,
            append_after(&file, MIB),
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::FileChanged { .. }), "{err:?}");
    // One PUT: the server checked the digest taken before sending, so what it stored is
    // the file exactly as it was when the upload started — kept, not deleted, not shared.
    assert_eq!(download_sha256(&session, &object).await, original);

    // Multipart: the upload is not completed, so nothing appears (or is replaced).
    let big = dir.path().join("big.log");
    write_random_file(&big, 12 * MIB as usize);
    let object = S3Location::new(&bucket, "big.log").unwrap();
    let options = UploadOptions {
        multipart_threshold: 5 * MIB,
        part_size: 5 * MIB,
        jobs: 1,
        ..UploadOptions::default()
    };
    let err = session
        .upload_file_with(
            &big,
            &object,
            None,
            &options,
            append_after(&big, MIB),
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::FileChanged { .. }), "{err:?}");
    assert!(matches!(
        session.head_object(&object).await.unwrap_err(),
        Error::NoSuchKey { .. }
    ));
}

#[test]
fn a_thousand_small_files_all_arrive() {
    let bucket = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(async { common::bucket(&common::session().await, "many").await });
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..1000 {
        let path = dir.path().join(format!("note {i:04}.txt"));
        std::fs::write(&path, format!("note number {i}")).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    let mut args: Vec<&str> = vec!["upload", "--jobs", "8"];
    args.extend(paths.iter().map(String::as_str));
    let destination = format!("s3://{bucket}/notes/");
    args.push(&destination);
    let out = cli(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = cli(&["ls", &destination, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&listing.stdout).unwrap();
    let objects = json["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 1000);
    let stored =
        std::fs::read_to_string(server().root().join(&bucket).join("notes/note 0999.txt")).unwrap();
    assert_eq!(stored, "note number 999");
}
