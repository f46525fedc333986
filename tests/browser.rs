//! The headless-Chromium harness itself (tests/support/browser.rs): a page stored in the
//! embedded server opens through a pre-signed link, and a download lands in the browser's
//! own folder.

mod common;

#[allow(clippy::duplicate_mod)]
#[path = "support/browser.rs"]
mod browser;

use std::time::Duration;

use browser::Browser;
use common::*;
use fantoccini::Locator;
use s3share_core::{Expiry, LinkMode, S3Location, ShareRequest};

async fn put_typed(bucket: &str, key: &str, content_type: &str, body: &[u8]) {
    let session = session().await;
    let object = S3Location::new(bucket, key).unwrap();
    let link = session
        .upload_link(&object, Expiry::ONE_HOUR, Some(content_type))
        .await
        .expect("upload link");
    let mut request = http_client().put(&link.url).body(body.to_vec());
    for (name, value) in &link.headers {
        request = request.header(name, value);
    }
    assert!(request.send().await.unwrap().status().is_success());
}

async fn link(bucket: &str, key: &str, mode: LinkMode) -> String {
    let request = ShareRequest {
        object: S3Location::new(bucket, key).unwrap(),
        expiry: Expiry::ONE_HOUR,
        mode,
        check_exists: true,
    };
    session().await.share_link(&request).await.unwrap().url
}

#[tokio::test]
async fn opens_a_stored_page_through_a_presigned_link() {
    let session = session().await;
    let bucket = bucket(&session, "browser").await;
    let page = "<!doctype html><html><head><meta charset=utf-8><title>Bonjour été</title></head>\
                <body><p id=greeting>Hello from the bucket</p>\
                <p id=width></p><script>document.getElementById('width').textContent = \
                String(window.innerWidth)</script></body></html>";
    put_typed(
        &bucket,
        "page/index.html",
        "text/html; charset=utf-8",
        page.as_bytes(),
    )
    .await;
    let url = link(&bucket, "page/index.html", LinkMode::Inline).await;

    let browser = Browser::start().await;
    let client = browser.client();
    client.goto(&url).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "Bonjour été");
    let text = client
        .find(Locator::Id("greeting"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text, "Hello from the bucket");
    let width = client
        .find(Locator::Id("width"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(width, "1280");

    browser.set_size(390, 844).await;
    let inner = client
        .execute("return [window.innerWidth, window.innerHeight]", vec![])
        .await
        .unwrap();
    assert_eq!(inner, serde_json::json!([390, 844]));
    let shot = browser::shots_dir().join("harness-phone.png");
    browser.screenshot(&shot).await;
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    browser.close().await;
}

#[tokio::test]
async fn a_download_lands_in_the_browsers_folder() {
    let session = session().await;
    let bucket = bucket(&session, "browser-dl").await;
    let body: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    put(&session, &bucket, "data/report.bin", &body).await;
    let url = link(
        &bucket,
        "data/report.bin",
        LinkMode::Attachment {
            filename: Some("Rapport été.bin".to_owned()),
        },
    )
    .await;

    let browser = Browser::start().await;
    // Navigating to an attachment starts a download (the page stays where it was).
    let _ = browser.client().goto(&url).await;
    let file = browser.wait_for_download(Duration::from_secs(30)).await;
    assert_eq!(file.file_name().unwrap(), "Rapport été.bin");
    assert_eq!(std::fs::read(&file).unwrap(), body);
    assert_eq!(file.parent().unwrap(), browser.download_dir());
}
