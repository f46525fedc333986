//! `s3share protect` end to end: the CLI encrypts a file into the embedded server, and the
//! page it prints opens it in headless Chromium — a wrong password is told so, the right
//! one saves the original bytes under the original name, a changed file is refused.
//! Screenshots go to `browser::shots_dir()` (desktop and phone widths).

mod common;

#[allow(clippy::duplicate_mod)]
#[path = "support/browser.rs"]
mod browser;

use std::path::Path;
use std::time::{Duration, Instant};

use browser::Browser;
use common::*;
use fantoccini::{Client, Locator};
use s3share_core::S3Location;
use s3share_core::managed::ManagedKind;

const PASSWORD: &str = "Tramway 28 à Lisbonne";
const WRONG_MESSAGE: &str = "That password does not open this file.";
const DAMAGED_MESSAGE: &str = "This file was changed or cut short after it was protected";

/// Runs `s3share protect` with the password on stdin; returns the page's URL.
fn protect(file: &Path, destination: &str, password: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let stdin = dir.path().join("password");
    std::fs::write(&stdin, format!("{password}\n")).unwrap();
    cli_with(
        &[
            "protect",
            file.to_str().unwrap(),
            destination,
            "--expires",
            "1h",
        ],
        &[("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)],
        Some(&stdin),
    )
}

async fn status_text(client: &Client) -> String {
    client
        .find(Locator::Id("status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until the page's status line contains `expected`.
async fn wait_for_status(client: &Client, expected: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = status_text(client).await;
        if text.contains(expected) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "the page never said {expected:?}; it says {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn try_password(client: &Client, password: &str) {
    let field = client.find(Locator::Id("password")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(password).await.unwrap();
    client
        .find(Locator::Id("open"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn the_page_opens_the_file_with_the_right_password_only() {
    let session = session().await;
    let bucket = bucket(&session, "protect").await;
    let dir = tempfile::tempdir().unwrap();
    let name = "Relevé d'été ✓ 2026.pdf";
    let file = dir.path().join(name);
    // Several 1 MiB chunks and a partial last one.
    let content: Vec<u8> = (0..2_600_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&file, &content).unwrap();

    let out = protect(&file, &format!("s3://{bucket}/docs/"), PASSWORD);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert!(url.starts_with(&server().endpoint()), "{url}");
    assert!(
        stderr(&out).contains("Relevé d'été ✓ 2026.pdf"),
        "{}",
        stderr(&out)
    );

    // One protected folder, holding nothing that names or shows the file.
    let folders = session.managed_folders(&bucket, "docs/").await.unwrap();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let (folder, keys) = &folders[0];
    assert_eq!(folder.kind, ManagedKind::Protected);
    let mut names: Vec<&str> = keys.iter().map(|k| k.rsplit('/').next().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["data", "index.html"]);
    let data_key = folder.object("data").key;
    let stored = std::fs::read(server().path(&format!("{bucket}/{data_key}"))).unwrap();
    let page = std::fs::read_to_string(
        server().path(&format!("{bucket}/{}", folder.object("index.html").key)),
    )
    .unwrap();
    assert!(
        !page.contains("Relev") && !page.contains("pdf"),
        "the page names the file"
    );
    // The sealed bytes are random-looking: a short word like "pdf" turns up by chance in
    // megabytes of them; the name and the type, whole, never do unless they were stored.
    for part in ["Relevé d'été ✓ 2026.pdf", "application/pdf"] {
        assert!(
            !stored.windows(part.len()).any(|w| w == part.as_bytes()),
            "the data shows {part:?}"
        );
    }
    assert!(
        !stored
            .windows(64)
            .any(|w| content.windows(64).next() == Some(w))
    );

    let browser = Browser::start().await;
    let client = browser.client();
    client.goto(&url).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "A password-protected file");
    browser
        .screenshot(browser::shots_dir().join("protect-desktop.png"))
        .await;

    try_password(client, "Tramway 28 a Lisbonne").await;
    wait_for_status(client, WRONG_MESSAGE).await;
    browser
        .screenshot(browser::shots_dir().join("protect-wrong-password.png"))
        .await;
    assert!(
        std::fs::read_dir(browser.download_dir())
            .unwrap()
            .next()
            .is_none(),
        "a wrong password saved something"
    );

    try_password(client, PASSWORD).await;
    let saved = browser.wait_for_download(Duration::from_secs(60)).await;
    assert_eq!(saved.file_name().unwrap().to_str().unwrap(), name);
    assert!(
        std::fs::read(&saved).unwrap() == content,
        "the saved file differs"
    );
    wait_for_status(client, "The file is open.").await;
    let shown = client
        .find(Locator::Id("name"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(shown, name);
    browser
        .screenshot(browser::shots_dir().join("protect-opened-desktop.png"))
        .await;
    browser.set_size(390, 844).await;
    browser
        .screenshot(browser::shots_dir().join("protect-opened-phone.png"))
        .await;
    client.refresh().await.unwrap();
    browser
        .screenshot(browser::shots_dir().join("protect-phone.png"))
        .await;
    std::fs::remove_file(&saved).unwrap();

    // Someone with write access changes one byte of the sealed file.
    let mut tampered = stored.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    put(&session, &bucket, &data_key, &tampered).await;
    client.refresh().await.unwrap();
    try_password(client, PASSWORD).await;
    wait_for_status(client, DAMAGED_MESSAGE).await;
    browser
        .screenshot(browser::shots_dir().join("protect-tampered-phone.png"))
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        std::fs::read_dir(browser.download_dir())
            .unwrap()
            .next()
            .is_none(),
        "a changed file was saved"
    );

    // Cut short at a chunk boundary: refused too.
    let cut = stored.len() - (stored.len() - 1096) % (1_048_576 + 16);
    put(&session, &bucket, &data_key, &stored[..cut]).await;
    client.refresh().await.unwrap();
    try_password(client, PASSWORD).await;
    wait_for_status(client, DAMAGED_MESSAGE).await;
    browser.close().await;
}

#[test]
fn a_file_too_big_for_a_browser_is_refused_before_anything_is_uploaded() {
    let bucket = bucket_with("protect-big", &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.iso");
    // Sparse: no disk space used.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(600_000_000)
        .unwrap();
    let out = protect(&file, &format!("s3://{bucket}/"), PASSWORD);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "\"huge.iso\" (600 MB) is larger than 500 MB, the most a password page can open"
        ),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    let listed = runtime().block_on(async {
        let session = session().await;
        session
            .list_all(&S3Location::new(&bucket, "").unwrap(), true)
            .await
            .unwrap()
            .objects
    });
    assert!(listed.is_empty(), "{listed:?}");
}

#[test]
fn plain_http_to_another_computer_is_refused_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, b"x").unwrap();
    let stdin = dir.path().join("password");
    std::fs::write(&stdin, format!("{PASSWORD}\n")).unwrap();
    // A documentation address (TEST-NET-1): nothing answers there.
    let out = cli_with(
        &["protect", file.to_str().unwrap(), "s3://bucket/"],
        &[
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
            ("AWS_ENDPOINT_URL", "http://192.0.2.1:9000"),
        ],
        Some(&stdin),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("A password page cannot work over http://192.0.2.1:9000: browsers decrypt only on https:// pages"),
        "{err}"
    );
}

#[test]
fn a_short_password_is_refused_and_none_is_taken_from_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, b"x").unwrap();
    let out = protect(&file, "s3://bucket/", "short");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("password: use at least 8 characters"),
        "{}",
        stderr(&out)
    );
    let out = cli(&[
        "protect",
        file.to_str().unwrap(),
        "s3://bucket/",
        "--password",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--password"), "{}", stderr(&out));
}

#[tokio::test]
async fn the_core_seals_what_the_page_serves_and_a_cancel_leaves_nothing() {
    use s3share_core::Secret;
    use s3share_core::protect::{ProtectRequest, sealed};
    use std::sync::Arc;
    use tokio_util::sync::CancellationToken;

    let session = session().await;
    let bucket = bucket(&session, "protect-core").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes\u{202E}txt.md");
    std::fs::write(&file, b"# Minutes\n").unwrap();
    let request = ProtectRequest {
        file: file.clone(),
        destination: S3Location::new(&bucket, "").unwrap(),
        expiry: s3share_core::Expiry::ONE_HOUR,
        password: Secret::new(PASSWORD),
        name: None,
    };
    let steps = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = steps.clone();
    let protected = session
        .protect(
            &request,
            Arc::new(move |step| seen.lock().unwrap().push(step)),
            CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(protected.name, "notes\u{202E}txt.md");
    assert_eq!(protected.size, 10);
    assert!(!steps.lock().unwrap().is_empty());

    let response = http_client().get(&protected.link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Content-Security-Policy") && html.contains("connect-src 'self'"));
    assert!(!html.contains("notes"));

    let stored =
        std::fs::read(server().path(&format!("{bucket}/{}", protected.folder.object("data").key)))
            .unwrap();
    assert_eq!(stored.len() as u64, protected.sealed_size);
    let opened = sealed::open(&Secret::new(PASSWORD), &stored).unwrap();
    assert_eq!(opened.content, b"# Minutes\n");
    // Saved under a name that cannot disguise itself.
    assert_eq!(opened.label.name, "notes txt.md");
    assert_eq!(opened.label.content_type, "text/markdown; charset=utf-8");
    assert!(matches!(
        sealed::open(&Secret::new("not the password"), &stored),
        Err(s3share_core::Error::WrongPassword)
    ));

    let cancel = CancellationToken::new();
    cancel.cancel();
    let before = session.managed_folders(&bucket, "").await.unwrap().len();
    let err = session
        .protect(&request, Arc::new(|_| {}), cancel)
        .await
        .unwrap_err();
    assert!(matches!(err, s3share_core::Error::Cancelled), "{err:?}");
    assert_eq!(
        session.managed_folders(&bucket, "").await.unwrap().len(),
        before
    );
}

#[tokio::test]
async fn a_file_already_in_the_bucket_is_protected_beside_it_and_left_as_it_was() {
    use s3share_core::Secret;
    use s3share_core::protect::{ProtectStep, sealed};
    use std::sync::Arc;
    use tokio_util::sync::CancellationToken;

    let session = session().await;
    let bucket = bucket(&session, "protect-object").await;
    let body: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    put(&session, &bucket, "contracts/Vertrag für Ö.pdf", &body).await;
    let object = S3Location::new(&bucket, "contracts/Vertrag für Ö.pdf").unwrap();
    let steps = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = steps.clone();
    let protected = session
        .protect_object(
            &object,
            s3share_core::Expiry::ONE_HOUR,
            Secret::new(PASSWORD),
            Arc::new(move |step| seen.lock().unwrap().push(step)),
            CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(protected.name, "Vertrag für Ö.pdf");
    assert_eq!(protected.folder.base, "contracts/");
    assert!(
        steps
            .lock()
            .unwrap()
            .contains(&ProtectStep::Fetching(body.len() as u64))
    );
    let stored =
        std::fs::read(server().path(&format!("{bucket}/{}", protected.folder.object("data").key)))
            .unwrap();
    let opened = sealed::open(&Secret::new(PASSWORD), &stored).unwrap();
    assert_eq!(opened.content, body);
    assert_eq!(opened.label.name, "Vertrag für Ö.pdf");
    // The original is untouched.
    assert_eq!(
        std::fs::read(server().path(&format!("{bucket}/contracts/Vertrag für Ö.pdf"))).unwrap(),
        body
    );
    // A file that is not there is said so before anything is made.
    let missing = S3Location::new(&bucket, "contracts/gone.pdf").unwrap();
    let err = session
        .protect_object(
            &missing,
            s3share_core::Expiry::ONE_HOUR,
            Secret::new(PASSWORD),
            Arc::new(|_| {}),
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, s3share_core::Error::NoSuchKey { .. }),
        "{err:?}"
    );
}

#[test]
fn the_page_is_kept_in_history_under_the_files_name() {
    let bucket = bucket_with("protect-history", &[]);
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("Reçu.txt");
    std::fs::write(&file, b"paid").unwrap();
    let mut protect = keyed_command(home.path(), &server().endpoint());
    protect
        .args([
            "protect",
            file.to_str().unwrap(),
            &format!("s3://{bucket}/in/"),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = protect.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let history = keyed_command(home.path(), &server().endpoint())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let entry = &entries[0];
    assert_eq!(entry["filename"], "Reçu.txt");
    assert_eq!(entry["bucket"], bucket.as_str());
    assert!(
        entry["key"]
            .as_str()
            .unwrap()
            .starts_with("in/.s3share/protected/")
    );
    assert!(entry["key"].as_str().unwrap().ends_with("/index.html"));
    assert_eq!(entry["managed"]["folder"]["kind"], "protected");
    assert_eq!(entry["managed"]["files"], 1);
}
