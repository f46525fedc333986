//! The trust promises under faults, against the embedded S3 server behind a misbehaving
//! loopback proxy (tests/fault_proxy): encrypted-bucket ETags, damaged bodies, dropped
//! connections, 5xx answers, refused aborts, slow PUTs. Nothing is lost, nothing is left
//! open, and the number of requests in flight stays small.

mod common;
mod fault_proxy;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::*;
use fault_proxy::FaultProxy;
use s3share_core::upload::{MIB, UploadOptions};
use s3share_core::{Error, Expiry, LinkMode, S3Location, Session, ShareRequest};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;

/// A server of the test's own (its files show open uploads) behind a fault proxy.
struct Rig {
    server: TestServer,
    proxy: FaultProxy,
}

fn rig() -> Rig {
    let server = start_server();
    let proxy = FaultProxy::start(&server.endpoint());
    Rig { server, proxy }
}

impl Rig {
    async fn session(&self) -> Session {
        let mut settings = settings();
        settings.endpoint = Some(self.proxy.endpoint());
        Session::connect(&settings).await.expect("connect")
    }

    fn bucket(&self, prefix: &str) -> String {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { bucket(&self.session().await, prefix).await })
    }

    /// Multipart uploads s3s-fs still holds open (and their parts).
    fn open_uploads(&self) -> Vec<String> {
        std::fs::read_dir(self.server.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".upload"))
            .collect()
    }

    fn command(&self, home: &Path) -> std::process::Command {
        keyed_command(home, &self.proxy.endpoint())
    }

    fn cli(&self, home: &Path, args: &[&str]) -> std::process::Output {
        self.command(home).args(args).output().unwrap()
    }

    /// `upload` of `files` into `destination` in 5 MiB parts (multipart above 5 MiB).
    fn small_parts_upload(
        &self,
        home: &Path,
        files: &[&Path],
        destination: &str,
    ) -> std::process::Command {
        let mut command = self.command(home);
        command
            .args(["upload", "--multipart-above", "5MiB", "--part-size", "5MiB"])
            .args(files)
            .arg(destination);
        command
    }

    #[track_caller]
    fn assert_none_open(&self) {
        let open = self.open_uploads();
        assert!(open.is_empty(), "{open:?}");
    }
}

fn random_bytes(size: usize, seed: u64) -> Vec<u8> {
    let mut data = vec![0u8; size];
    let mut x = seed | 1;
    for chunk in data.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
    }
    data
}

fn write_file(dir: &Path, name: &str, data: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path
}

/// Small parts, so a few MiB already go multipart.
fn multipart_options() -> UploadOptions {
    UploadOptions {
        multipart_threshold: 5 * MIB,
        part_size: 5 * MIB,
        jobs: 2,
        ..UploadOptions::default()
    }
}

/// Uploads `data` to `object` from a local file of its own, without progress reports or
/// cancel.
async fn upload(
    session: &Session,
    object: &S3Location,
    data: &[u8],
    options: &UploadOptions,
) -> s3share_core::Result<s3share_core::upload::UploadedFile> {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "upload", data);
    session
        .upload_file_with(
            &path,
            object,
            None,
            options,
            Arc::new(|_| {}),
            CancellationToken::new(),
        )
        .await
}

/// What a recipient gets through a share link (fetched over HTTP).
async fn fetched(session: &Session, object: &S3Location) -> Vec<u8> {
    let link = session
        .share_link(&ShareRequest {
            object: object.clone(),
            expiry: Expiry::ONE_HOUR,
            mode: LinkMode::Inline,
            check_exists: true,
        })
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

fn sha(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

/// A recipient gets exactly `expected` through a share link (compared by hash: the files
/// are big).
async fn assert_serves(session: &Session, object: &S3Location, expected: &[u8], what: &str) {
    let served = fetched(session, object).await;
    assert_eq!(sha(&served), sha(expected), "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encrypted_bucket_single_multipart_and_replace_all_succeed_with_identical_bytes() {
    let rig = rig();
    rig.proxy.faults.kms.store(true, Ordering::SeqCst);
    let session = rig.session().await;
    let bucket = bucket(&session, "kms").await;

    let small = random_bytes(300_000, 1);
    let object = S3Location::new(&bucket, "contract.pdf").unwrap();
    upload(&session, &object, &small, &multipart_options())
        .await
        .expect("single PUT to a KMS bucket");
    assert_serves(&session, &object, &small, "single PUT").await;

    let big = random_bytes(12 * MIB as usize, 2);
    let object = S3Location::new(&bucket, "video.mp4").unwrap();
    upload(&session, &object, &big, &multipart_options())
        .await
        .expect("multipart upload to a KMS bucket");
    assert_serves(&session, &object, &big, "multipart").await;

    // Replacing an existing file: before, the new upload was judged "damaged" and the
    // object deleted, so the old file was gone too.
    let newer = random_bytes(11 * MIB as usize, 3);
    upload(&session, &object, &newer, &multipart_options())
        .await
        .expect("replacing a file on a KMS bucket");
    assert_serves(&session, &object, &newer, "replaced").await;
    rig.assert_none_open();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_body_is_refused_by_the_server_and_the_old_file_stays() {
    let rig = rig();
    let proxy = &rig.proxy;
    let session = rig.session().await;
    let bucket = bucket(&session, "damaged").await;
    let old = random_bytes(7 * MIB as usize, 4);
    let object = S3Location::new(&bucket, "report.pdf").unwrap();
    put(&session, &bucket, "report.pdf", &old).await;

    for (name, size, options) in [
        ("single", 2 * MIB as usize, UploadOptions::default()),
        ("multipart", 12 * MIB as usize, multipart_options()),
    ] {
        // Every body is damaged on the way: each try is refused (BadDigest) and nothing
        // replaces the old file.
        proxy.faults.damage_puts.store(usize::MAX, Ordering::SeqCst);
        let newer = random_bytes(size, 5);
        let err = upload(&session, &object, &newer, &options)
            .await
            .expect_err(name);
        assert!(
            matches!(err, Error::UploadCorrupted { .. }),
            "{name}: {err:?}"
        );
        assert!(
            err.to_string()
                .contains("nothing in the bucket was removed"),
            "{err}"
        );
        assert_serves(&session, &object, &old, name).await;

        // One damaged body is simply sent again.
        proxy.faults.damage_puts.store(1, Ordering::SeqCst);
        upload(&session, &object, &newer, &options)
            .await
            .expect(name);
        assert_serves(&session, &object, &newer, name).await;
        put(&session, &bucket, "report.pdf", &old).await;
    }
    rig.assert_none_open();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_sign_a_crc32c_once_the_service_proved_it_checks_one() {
    let rig = rig();
    let proxy = &rig.proxy;
    let session = rig.session().await;
    let bucket = bucket(&session, "checksums").await;
    let object = S3Location::new(&bucket, "photo.jpg").unwrap();

    // A small file: MD5 costs little, nothing is asked.
    let small = random_bytes(3 * MIB as usize, 6);
    upload(&session, &object, &small, &UploadOptions::default())
        .await
        .expect("small upload");
    assert_eq!(
        proxy.puts_by_checksum(),
        (1, 0),
        "(Content-MD5, CRC32C) PUTs"
    );
    assert_eq!(proxy.multipart_starts(), 0);

    // A big one: the service is asked once (a test part with a wrong CRC32C, refused,
    // its upload aborted), then the file goes with its CRC32C.
    let big = random_bytes(12 * MIB as usize, 7);
    upload(&session, &object, &big, &UploadOptions::default())
        .await
        .expect("single PUT with a CRC32C");
    assert_eq!(proxy.puts_by_checksum(), (1, 2));
    assert_eq!(proxy.multipart_starts(), 1, "the probe");
    assert_serves(&session, &object, &big, "single PUT with a CRC32C").await;

    // Multipart: every part carries its CRC32C; the service is not asked again.
    upload(&session, &object, &big, &multipart_options())
        .await
        .expect("multipart upload with CRC32C parts");
    assert_eq!(proxy.puts_by_checksum(), (1, 5), "three parts");
    assert_eq!(proxy.multipart_starts(), 2);
    assert_serves(&session, &object, &big, "multipart with CRC32C parts").await;

    // Damage on the way is refused by the CRC32C as it was by the MD5.
    proxy.faults.damage_puts.store(usize::MAX, Ordering::SeqCst);
    let newer = random_bytes(10 * MIB as usize, 8);
    let err = upload(&session, &object, &newer, &UploadOptions::default())
        .await
        .expect_err("damaged");
    assert!(matches!(err, Error::UploadCorrupted { .. }), "{err:?}");
    proxy.faults.damage_puts.store(0, Ordering::SeqCst);
    assert_serves(&session, &object, &big, "the file before the damage stays").await;
    rig.assert_none_open();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_that_ignores_crc32c_gets_md5_and_the_old_file_is_never_at_risk() {
    let rig = rig();
    let proxy = &rig.proxy;
    let session = rig.session().await;
    let bucket = bucket(&session, "ignores").await;
    let object = S3Location::new(&bucket, "report.pdf").unwrap();
    let old = random_bytes(MIB as usize, 9);
    put(&session, &bucket, "report.pdf", &old).await;

    // The test part with a wrong CRC32C is accepted: the service does not check it, so
    // the file goes with an MD5, which refuses the damage.
    proxy.faults.ignore_crc32c.store(true, Ordering::SeqCst);
    proxy.faults.damage_puts.store(usize::MAX, Ordering::SeqCst);
    let newer = random_bytes(12 * MIB as usize, 10);
    let err = upload(&session, &object, &newer, &UploadOptions::default())
        .await
        .expect_err("damaged on the way");
    assert!(matches!(err, Error::UploadCorrupted { .. }), "{err:?}");
    assert_serves(&session, &object, &old, "the old file stays").await;
    let (md5_puts, crc_puts) = proxy.puts_by_checksum();
    assert_eq!(crc_puts, 1, "only the probe carried a CRC32C");
    assert!(md5_puts >= 1);

    proxy.faults.damage_puts.store(0, Ordering::SeqCst);
    for options in [UploadOptions::default(), multipart_options()] {
        upload(&session, &object, &newer, &options)
            .await
            .expect("upload with MD5");
        assert_serves(&session, &object, &newer, "upload with MD5").await;
    }
    assert_eq!(proxy.puts_by_checksum().1, 1, "asked once per session");
    rig.assert_none_open();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_that_must_not_replace_is_refused_by_the_server_when_a_file_appeared() {
    let rig = rig();
    let session = rig.session().await;
    let bucket = bucket(&session, "appeared").await;
    let object = S3Location::new(&bucket, "minutes.txt").unwrap();
    // The window checked the name was free; meanwhile someone else stored a file there.
    put(&session, &bucket, "minutes.txt", b"theirs").await;
    for (size, threshold) in [(1000, 5 * MIB), (11 * MIB as usize, 5 * MIB)] {
        let options = UploadOptions {
            keep_existing: true,
            multipart_threshold: threshold,
            ..multipart_options()
        };
        let err = upload(&session, &object, &random_bytes(size, 10), &options)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::ObjectExists { .. }), "{size}: {err:?}");
        assert_eq!(fetched(&session, &object).await, b"theirs");
    }
    rig.assert_none_open();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_and_slow_down_answers_are_retried() {
    let rig = rig();
    let proxy = &rig.proxy;
    let session = rig.session().await;
    let bucket = bucket(&session, "flaky").await;
    for (name, size) in [("small.bin", 100_000), ("big.bin", 11 * MIB as usize)] {
        proxy.faults.drop_puts.store(1, Ordering::SeqCst);
        proxy.faults.slow_down_puts.store(1, Ordering::SeqCst);
        let data = random_bytes(size, 6);
        let object = S3Location::new(&bucket, name).unwrap();
        upload(&session, &object, &data, &multipart_options())
            .await
            .expect(name);
        assert_serves(&session, &object, &data, name).await;
    }
}

#[test]
fn one_failing_file_among_several_aborts_the_others_multipart_uploads() {
    let rig = rig();
    let proxy = &rig.proxy;
    let bucket = rig.bucket("partial");
    let dir = tempfile::tempdir().unwrap();
    let big = write_file(dir.path(), "big.bin", &random_bytes(24 * MIB as usize, 7));
    let bad = write_file(dir.path(), "bad.txt", b"this one is refused");
    *proxy.faults.deny_puts_to.lock().unwrap() = Some("bad.txt".to_owned());
    proxy.faults.put_delay_ms.store(300, Ordering::SeqCst);
    let home = tempfile::tempdir().unwrap();
    let destination = format!("s3://{bucket}/in/");
    let out = rig
        .small_parts_upload(home.path(), &[&big, &bad], &destination)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Access denied"), "{}", stderr(&out));
    // The refused file's PUT was held long enough for the big file's upload to open
    // (after the one that asked whether the service checks CRC32C).
    assert_eq!(proxy.multipart_starts(), 2);
    rig.assert_none_open();
    assert!(pending_notes(home.path()).is_empty());
}

#[test]
fn ctrl_c_aborts_the_multipart_upload_in_flight() {
    let rig = rig();
    let proxy = &rig.proxy;
    let bucket = rig.bucket("ctrlc");
    let dir = tempfile::tempdir().unwrap();
    let big = write_file(dir.path(), "big.bin", &random_bytes(30 * MIB as usize, 8));
    proxy.faults.put_delay_ms.store(400, Ordering::SeqCst);
    let home = tempfile::tempdir().unwrap();
    let destination = format!("s3://{bucket}/");
    let child = rig
        .small_parts_upload(home.path(), &[&big], &destination)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(
        || !rig.open_uploads().is_empty(),
        "the multipart upload to start",
    );
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Cancelled"), "{}", stderr(&out));
    rig.assert_none_open();
    assert!(pending_notes(home.path()).is_empty());
}

#[test]
fn an_abort_that_fails_is_remembered_and_done_on_the_next_start() {
    let rig = rig();
    let proxy = &rig.proxy;
    let bucket = rig.bucket("remember");
    let dir = tempfile::tempdir().unwrap();
    let big = write_file(dir.path(), "big.bin", &random_bytes(12 * MIB as usize, 9));
    *proxy.faults.deny_puts_to.lock().unwrap() = Some("big.bin".to_owned());
    proxy.faults.refuse_aborts.store(true, Ordering::SeqCst);
    let home = tempfile::tempdir().unwrap();
    let destination = format!("s3://{bucket}/");
    let out = rig
        .small_parts_upload(home.path(), &[&big], &destination)
        .output()
        .unwrap();
    assert!(!out.status.success());
    // The upload's, and the one that asked whether the service checks CRC32C.
    assert_eq!(pending_notes(home.path()).len(), 2);
    assert_eq!(rig.open_uploads().len(), 2, "the aborts were refused");

    // The next start (any command) aborts it.
    proxy.faults.refuse_aborts.store(false, Ordering::SeqCst);
    let out = rig.cli(home.path(), &["ls", &destination]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pending_notes(home.path()).is_empty());
    rig.assert_none_open();
}

#[test]
fn many_files_keep_few_requests_in_flight() {
    let rig = rig();
    let proxy = &rig.proxy;
    let bucket = rig.bucket("bounded");
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..400 {
        std::fs::write(folder.join(format!("f{i:04}.txt")), format!("file {i}")).unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let destination = format!("s3://{bucket}/");
    proxy.reset_counts();
    let out = rig.cli(
        home.path(),
        &[
            "upload",
            "--jobs",
            "4",
            "--link",
            folder.to_str().unwrap(),
            &destination,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 400);
    assert!(proxy.requests() >= 800, "{} requests", proxy.requests());
    assert!(
        proxy.max_in_flight() <= 8,
        "{} requests were in flight at once",
        proxy.max_in_flight()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_for_a_big_selection_are_made_a_few_at_a_time() {
    let rig = rig();
    let proxy = &rig.proxy;
    let session = rig.session().await;
    let bucket = bucket(&session, "selection").await;
    for i in 0..50 {
        put(&session, &bucket, &format!("f{i}.txt"), b"x").await;
    }
    let requests: Vec<ShareRequest> = (0..2000)
        .map(|i| ShareRequest {
            object: S3Location::new(&bucket, format!("f{}.txt", i % 50)).unwrap(),
            expiry: Expiry::ONE_HOUR,
            mode: LinkMode::Inline,
            check_exists: true,
        })
        .collect();
    proxy.reset_counts();
    let links = session.share_links(&requests).await.unwrap();
    assert_eq!(links.len(), 2000);
    assert!(links[7].url.contains("f7.txt"));
    assert!(proxy.max_in_flight() <= 8, "{}", proxy.max_in_flight());
}

/// Multipart uploads the app has noted as open (see core::pending_uploads).
fn pending_notes(home: &Path) -> Vec<String> {
    std::fs::read_dir(home.join(".local/share/s3share/pending-uploads"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn wait_for(condition: impl Fn() -> bool, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A file request whose page cannot be stored leaves nothing behind: neither the page's
/// folder in `.s3share/` nor the empty "Files received …" folder made for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_page_is_refused_leaves_no_folder_behind() {
    let rig = rig();
    let session = rig.session().await;
    let bucket = bucket(&session, "req-fail").await;
    *rig.proxy.faults.deny_puts_to.lock().unwrap() = Some("index.html".to_owned());
    let folder = S3Location::new(&bucket, "in/").unwrap();
    let options =
        s3share_core::request::RequestOptions::new(folder.clone(), Expiry::ONE_HOUR, 1000).unwrap();
    let failed = session.request_files(&options).await;
    assert!(failed.is_err(), "{failed:?}");
    // What the server keeps on disk (s3s-fs lists no empty folder object, so look there).
    let kept = || {
        let mut found = Vec::new();
        let mut dirs = vec![rig.server.root().join(&bucket)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                found.push(path.display().to_string());
                if path.is_dir() {
                    dirs.push(path);
                }
            }
        }
        found
    };
    let left = kept();
    assert!(
        !left
            .iter()
            .any(|p| p.contains("Files received") || p.contains("index.html")),
        "{left:?}"
    );

    // With the page allowed, the same request is made (the refusal was the only fault).
    *rig.proxy.faults.deny_puts_to.lock().unwrap() = None;
    let made = session.request_files(&options).await.unwrap();
    let left = kept();
    let leaf = made.folder_name();
    assert!(left.iter().any(|p| p.ends_with(leaf)), "{left:?}");
    assert!(left.iter().any(|p| p.contains("index.html")), "{left:?}");
}
