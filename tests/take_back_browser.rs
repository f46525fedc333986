//! A copy that can be taken back, in headless Chromium: the link downloads the file under
//! the chosen name (stored on the copy, not asked of the server by the link); after "Stop
//! sharing" the same link answers 403/404 in the browser too.

mod common;

#[allow(clippy::duplicate_mod)]
#[path = "support/browser.rs"]
mod browser;

use std::time::Duration;

use browser::Browser;
use common::*;
use s3share_core::history::{History, HistoryEntry};
use s3share_core::{Expiry, LinkMode, S3Location, ShareRequest};

#[tokio::test]
async fn a_copy_downloads_under_its_name_and_fails_once_taken_back() {
    let session = session().await;
    let bucket = bucket(&session, "copy-browser").await;
    let body: Vec<u8> = (0..150_000u32).map(|i| (i % 241) as u8).collect();
    put(&session, &bucket, "scans/IMG_0001.bin", &body).await;
    let request = ShareRequest::new(
        S3Location::new(&bucket, "scans/IMG_0001.bin").unwrap(),
        Expiry::ONE_HOUR,
        LinkMode::Attachment {
            filename: Some("Contrat signé.bin".to_owned()),
        },
    );
    let copy = session.share_copy(&request).await.unwrap();
    assert!(!copy.link.url.contains("response-content-disposition"));

    let browser = Browser::start().await;
    let _ = browser.client().goto(&copy.link.url).await;
    let file = browser.wait_for_download(Duration::from_secs(30)).await;
    assert_eq!(file.file_name().unwrap(), "Contrat signé.bin");
    assert_eq!(std::fs::read(&file).unwrap(), body);

    let dir = tempfile::tempdir().unwrap();
    let history = History::new(dir.path().join("history.jsonl"));
    let entry = HistoryEntry::from_copy(session.name(), &copy, false);
    history.append(&entry).unwrap();
    session.take_back(&history, &entry).await.unwrap();

    // The same link in the browser now gets the server's refusal, not the file.
    let client = browser.client();
    client.goto(&copy.link.url).await.unwrap();
    let status = client
        .execute(
            "return fetch(location.href, {cache: 'no-store'}).then(r => r.status)",
            vec![],
        )
        .await
        .unwrap();
    let status = status.as_u64().unwrap();
    assert!(
        matches!(status, 403 | 404),
        "the link still answers {status}"
    );
    let source = client.source().await.unwrap();
    assert!(
        source.contains("NoSuchKey") || source.contains("AccessDenied"),
        "{source}"
    );
    // Nothing more was downloaded.
    assert_eq!(
        std::fs::read_dir(browser.download_dir()).unwrap().count(),
        1
    );
    browser.close().await;
}
