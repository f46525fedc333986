//! The file-request page in headless Chromium (WebDriver) against the embedded server:
//! files attached through the page's file input arrive byte-identical; a file over the
//! cap is refused by the page before sending, and by the server when the page's own check
//! is out of the way; a page used after it ended says so in plain words; a key outside
//! the folder is refused by the server. Screenshots at desktop and phone widths go to
//! `browser::shots_dir()`, request-*.png.

mod common;

#[allow(clippy::duplicate_mod)]
#[path = "support/browser.rs"]
mod browser;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use browser::Browser;
use common::*;
use fantoccini::Locator;
use s3share_core::request::FileRequest;
use s3share_core::{Expiry, S3Location, Session};

fn file(dir: &Path, name: &str, len: usize) -> (PathBuf, Vec<u8>) {
    let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 253) as u8).collect();
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

/// The status lines of the page's file rows, in order.
async fn statuses(browser: &Browser) -> Vec<String> {
    let value = browser
        .client()
        .execute(
            "return Array.from(document.querySelectorAll('#list li .name > div:last-child')).map(e => e.textContent)",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

async fn wait_for_statuses(
    browser: &Browser,
    what: &str,
    done: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = statuses(browser).await;
        if done(&now) {
            return now;
        }
        assert!(Instant::now() < deadline, "waiting for {what}: {now:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn attach(browser: &Browser, paths: &[&Path]) {
    let input = browser
        .client()
        .find(Locator::Css("#files"))
        .await
        .expect("the file input");
    let list = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    input.send_keys(&list).await.expect("attach files");
}

/// Opens the request's page and waits until its file input is there.
async fn open_page(browser: &Browser, request: &FileRequest) {
    browser.client().goto(&request.page.url).await.unwrap();
    browser
        .client()
        .wait()
        .for_element(Locator::Css("#files"))
        .await
        .unwrap();
}

/// Attaches `paths`, waits until the page lists `rows` files in all, and presses Send.
/// Returns the statuses as they were just before sending.
async fn attach_and_send(browser: &Browser, paths: &[&Path], rows: usize) -> Vec<String> {
    attach(browser, paths).await;
    let listed = wait_for_statuses(browser, "the files listed", |s| s.len() == rows).await;
    browser
        .client()
        .find(Locator::Css("#send"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    listed
}

/// Waits until every file the page lists says it was received.
async fn wait_all_received(browser: &Browser) -> Vec<String> {
    wait_for_statuses(browser, "all received", |s| {
        s.iter().all(|t| t == "Received ✓")
    })
    .await
}

async fn stored(session: &Session, request: &FileRequest) -> Vec<(String, Vec<u8>)> {
    let listing = session.list_all(&request.received, true).await.unwrap();
    let mut out = Vec::new();
    for object in listing.objects {
        if object.key == request.received.key {
            continue; // the folder object itself
        }
        let link = session
            .share_link(&s3share_core::ShareRequest::new(
                S3Location::new(&request.received.bucket, &object.key).unwrap(),
                Expiry::ONE_HOUR,
                s3share_core::LinkMode::Inline,
            ))
            .await
            .unwrap();
        let bytes = http_client().get(&link.url).send().await.unwrap().bytes();
        // Whatever the browser says the file is, it is stored as a download.
        let head = session
            .head_object(&S3Location::new(&request.received.bucket, &object.key).unwrap())
            .await
            .unwrap();
        assert_eq!(
            head.content_type.as_deref(),
            Some("application/octet-stream"),
            "{}",
            object.key
        );
        let name = object.key[request.received.key.len()..].to_owned();
        out.push((name, bytes.await.unwrap().to_vec()));
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_sent_from_the_page_arrive_and_refusals_are_said_plainly() {
    let session = session().await;
    let bucket = bucket(&session, "req-browser").await;
    let request = make_request(&session, &bucket, Expiry::ONE_HOUR, 2000).await;
    let dir = tempfile::tempdir().unwrap();
    let (contract, contract_bytes) = file(dir.path(), "signed contract.pdf", 1500);
    let (photo, photo_bytes) = file(dir.path(), "photo é.jpg", 2000);
    let (big, _) = file(dir.path(), "scan.tiff", 2001);

    let browser = Browser::start().await;
    open_page(&browser, &request).await;
    let ready = attach_and_send(&browser, &[&contract, &photo], 2).await;
    assert_eq!(ready, ["Ready to send", "Ready to send"]);
    let done = wait_all_received(&browser).await;
    assert_eq!(done.len(), 2);
    let summary = browser
        .client()
        .find(Locator::Css("#summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(summary, "2 files received.");

    let files = stored(&session, &request).await;
    assert_eq!(files.len(), 2, "{files:?}");
    // "photo é (1a2b3c).jpg", "signed contract (4d5e6f).pdf": the name, a tag, the type.
    let (photo_name, photo_stored) = &files[0];
    let (contract_name, contract_stored) = &files[1];
    assert!(photo_name.starts_with("photo é (") && photo_name.ends_with(").jpg"));
    assert!(contract_name.starts_with("signed contract (") && contract_name.ends_with(").pdf"));
    assert_eq!(photo_stored, &photo_bytes);
    assert_eq!(contract_stored, &contract_bytes);

    // One byte over the cap: the page refuses it before sending anything.
    attach(&browser, &[&big]).await;
    let now = wait_for_statuses(&browser, "the big file refused", |s| s.len() == 3).await;
    assert_eq!(
        now[2],
        "Too big: this file is 2,001 bytes and the limit is 2,000 bytes. It was not sent."
    );
    browser.set_size(1280, 900).await;
    browser
        .screenshot(browser::shots_dir().join("request-1280.png"))
        .await;
    browser.set_size(390, 844).await;
    browser
        .screenshot(browser::shots_dir().join("request-390.png"))
        .await;

    // With the page's own check out of the way, the server refuses it, and the page says so.
    browser
        .client()
        .execute(
            "document.getElementById('send-form').dataset.max = '1000000000'",
            vec![],
        )
        .await
        .unwrap();
    attach_and_send(&browser, &[&big], 4).await;
    let now = wait_for_statuses(&browser, "the server's refusal", |s| {
        s[3].starts_with("Too big")
    })
    .await;
    assert_eq!(
        now[3],
        "Too big: the storage refuses files over 2.0 KB. It was not sent."
    );
    assert_eq!(stored(&session, &request).await.len(), 2);

    // A key outside the request's folder, posted with the page's own signed fields.
    let html = page_html(&request.page.url).await;
    let fields: Vec<(String, String)> = serde_json::from_str(&data(&html, "fields")).unwrap();
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name, value);
    }
    form = form
        .text("key", "clients/acme/outside.txt")
        .part("file", reqwest::multipart::Part::bytes(b"x".to_vec()));
    let url = format!("{}/{bucket}", server().endpoint());
    let refused = http_client()
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("InvalidPolicyDocument")
    );
    assert!(
        session
            .head_object(&S3Location::new(&bucket, "clients/acme/outside.txt").unwrap())
            .await
            .is_err()
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_used_after_it_ended_says_so() {
    let session = session().await;
    let bucket = bucket(&session, "req-browser-end").await;
    let dir = tempfile::tempdir().unwrap();
    let (late, _) = file(dir.path(), "late.txt", 10);
    // The browser first: the page's own link works for 10 seconds only (time enough to
    // open it on a busy machine), then the test waits until it has ended.
    let browser = Browser::start().await;
    let request = make_request(&session, &bucket, Expiry::from_secs(10).unwrap(), 2000).await;
    open_page(&browser, &request).await;
    let left = (request.page.expires_at - chrono::Utc::now()).num_milliseconds();
    tokio::time::sleep(Duration::from_millis(
        u64::try_from(left).unwrap_or(0) + 1500,
    ))
    .await;
    attach_and_send(&browser, &[&late], 1).await;
    let now = wait_for_statuses(&browser, "the refusal", |s| s[0].starts_with("This page")).await;
    assert_eq!(
        now[0],
        "This page has expired, so the file was not sent. Ask the person who sent you the link for a new one."
    );
    browser.set_size(390, 844).await;
    browser
        .screenshot(browser::shots_dir().join("request-expired-390.png"))
        .await;
    assert!(stored(&session, &request).await.is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_post_object_the_page_sends_through_put_slots_and_skips_a_used_one() {
    let session = session().await;
    let bucket = bucket(&session, "req-browser-slots").await;
    let request = make_put_slots_request(&session, &bucket, 2000).await;
    let dir = tempfile::tempdir().unwrap();
    let (one, one_bytes) = file(dir.path(), "one.txt", 700);
    let (two, two_bytes) = file(dir.path(), "two.txt", 900);

    // The first slot was used already (the page was opened before, say).
    let html = page_html(&request.page.url).await;
    let slots: Vec<serde_json::Value> = serde_json::from_str(&data(&html, "slots")).unwrap();
    let mut put = http_client()
        .put(slots[0]["url"].as_str().unwrap())
        .body(b"earlier".to_vec());
    for header in slots[0]["headers"].as_array().unwrap() {
        put = put.header(header[0].as_str().unwrap(), header[1].as_str().unwrap());
    }
    assert_eq!(put.send().await.unwrap().status(), 200);

    let browser = Browser::start().await;
    open_page(&browser, &request).await;
    attach_and_send(&browser, &[&one, &two], 2).await;
    wait_all_received(&browser).await;
    let mut bodies: Vec<Vec<u8>> = stored(&session, &request)
        .await
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect();
    bodies.sort();
    let mut expected = vec![b"earlier".to_vec(), one_bytes, two_bytes];
    expected.sort();
    assert_eq!(bodies, expected);
    browser.set_size(390, 844).await;
    browser
        .screenshot(browser::shots_dir().join("request-slots-390.png"))
        .await;
    browser.close().await;
}
