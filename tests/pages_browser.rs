//! The many-files page in a real browser (headless Chromium, tests/support/browser.rs):
//! every link read from the DOM downloads the right bytes under the right name, names with
//! markup, quotes, `&`, bidi overrides, emoji and spaces stay text, nothing but the page's
//! own script runs and the Content-Security-Policy blocks nothing the page needs; it reads
//! at 1280 and 390 pixels (screenshots in `browser::shots_dir()`, pages-*.png); once ended and cleaned
//! up, its objects are gone.

mod common;

#[allow(clippy::duplicate_mod)]
#[path = "support/browser.rs"]
mod browser;

use std::time::Duration;

use browser::Browser;
use common::*;
use s3share_core::managed::ManagedKind;
use s3share_core::pages::files_page::PageSource;
use s3share_core::pages::{PageParts, render};
use s3share_core::{Expiry, S3Location};

/// (key below trip/, what the page shows, the name it saves under, body)
const FILES: &[(&str, &str, &str, &[u8])] = &[
    (
        "<script>alert(1)<script>.txt",
        "<script>alert(1)<script>.txt",
        "<script>alert(1)<script>.txt",
        b"markup",
    ),
    (
        "\"quotes\" & 'single'.txt",
        "\"quotes\" & 'single'.txt",
        "\"quotes\" & 'single'.txt",
        b"quotes and an ampersand",
    ),
    (
        "invoice\u{202E}fdp.exe",
        "invoice\\u{202E}fdp.exe",
        "invoice fdp.exe",
        b"a right-to-left override",
    ),
    (
        "emoji 📄✨.txt",
        "emoji 📄✨.txt",
        "emoji 📄✨.txt",
        b"emoji",
    ),
    (
        "with  spaces .txt",
        "with  spaces .txt",
        "with spaces .txt",
        b"spaces",
    ),
    (
        "Lisbon 2026/Day 1 — Alfama/IMG_20260412_183355 tram by the river at sunset.jpg",
        "Lisbon 2026/Day 1 — Alfama/IMG_20260412_183355 tram by the river at sunset.jpg",
        "IMG_20260412_183355 tram by the river at sunset.jpg",
        b"a long name in a folder",
    ),
];

/// The browser's console errors so far (chromedriver's `se/log`, which keeps SEVERE
/// entries without being asked: failed loads, CSP violations, script errors).
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// The console errors since the last call.
async fn console_errors(client: &fantoccini::Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.unwrap();
    log.as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn the_page_works_in_chromium_and_reads_well_on_a_phone() {
    let session = session().await;
    let bucket = bucket(&session, "pages-browser").await;
    let mut bodies = std::collections::HashMap::new();
    for (i, (key, _, _, body)) in FILES.iter().enumerate() {
        // Sizes that read differently: bytes, kilobytes, megabytes.
        let mut body = body.to_vec();
        body.resize(body.len() + i * i * 40_000, b'.');
        put(&session, &bucket, &format!("trip/{key}"), &body).await;
        bodies.insert(*key, body);
    }
    let page = session
        .files_page(
            &PageSource::Folder {
                folder: S3Location::new(&bucket, "trip/").unwrap(),
                recursive: true,
            },
            Expiry::ONE_DAY,
        )
        .await
        .unwrap();
    assert_eq!(page.files, FILES.len());

    let browser = Browser::start().await;
    let client = browser.client();
    client.goto(&page.link.url).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "trip");

    // Only the page's own script; no resource from anywhere; nothing blocked.
    let scripts = client
        .execute("return document.scripts.length", vec![])
        .await
        .unwrap();
    assert_eq!(scripts, serde_json::json!(1));
    let resources = client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(resources, serde_json::json!([]));
    assert_eq!(console_errors(client).await, Vec::<String>::new());
    // The style applied (the CSP allowed it by its hash) and the script ran (the end
    // time was rewritten from its UTC fallback into the browser's own words).
    let looks = client
        .execute(
            "const t = document.querySelector('[data-at]');
             return [getComputedStyle(document.querySelector('main')).maxWidth,
                     getComputedStyle(document.body).margin, t.textContent, t.dataset.at];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(looks[0], "704px", "44rem: the style sheet applied");
    assert_eq!(looks[1], "0px");
    let shown_end = looks[2].as_str().unwrap();
    let fallback = page
        .link
        .expires_at
        .format("%a %-d %b %Y, %H:%M UTC")
        .to_string();
    assert!(!shown_end.is_empty() && shown_end != fallback, "{looks}");
    assert_eq!(
        looks[3].as_str().unwrap(),
        page.link
            .expires_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );

    // Names as the page shows them, in order (listings are sorted by key).
    let rows = client
        .execute(
            "return Array.from(document.querySelectorAll('ul.files li')).map(li =>
               [li.querySelector('.name').textContent, li.querySelector('a').href,
                li.querySelector('a').getAttribute('aria-label')])",
            vec![],
        )
        .await
        .unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), FILES.len());
    let http = http_client();
    let mut seen = Vec::new();
    for row in rows {
        let shown = row[0].as_str().unwrap();
        let (key, _, saved, _) = FILES
            .iter()
            .find(|(_, s, ..)| *s == shown)
            .unwrap_or_else(|| panic!("unexpected name on the page: {shown:?}"));
        assert_eq!(row[2].as_str().unwrap(), format!("Download {shown}"));
        let response = http.get(row[1].as_str().unwrap()).send().await.unwrap();
        assert_eq!(response.status(), 200, "{shown}");
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert_eq!(saved_name(&disposition), *saved, "{disposition}");
        let body = response.bytes().await.unwrap();
        assert!(body == bodies[key], "{shown}: other bytes");
        seen.push(*key);
    }
    assert_eq!(seen.len(), FILES.len());

    // A real click downloads under the file's own name.
    let emoji = client
        .find(fantoccini::Locator::Css(
            "a[aria-label='Download emoji 📄✨.txt']",
        ))
        .await
        .unwrap();
    emoji.click().await.unwrap();
    let file = browser.wait_for_download(Duration::from_secs(30)).await;
    assert_eq!(file.file_name().unwrap(), "emoji 📄✨.txt");
    assert!(std::fs::read(&file).unwrap().starts_with(b"emoji"));

    // Desktop and phone: nothing wider than the screen.
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        browser.set_size(width, height).await;
        let wide = client
            .execute("return document.documentElement.scrollWidth", vec![])
            .await
            .unwrap();
        assert!(wide.as_u64().unwrap() <= u64::from(width), "{name}: {wide}");
        browser
            .screenshot(browser::shots_dir().join(format!("pages-{name}.png")))
            .await;
    }
    assert_eq!(console_errors(client).await, Vec::<String>::new());
    browser.close().await;
}

/// The console check above does see what the policy blocks: a page of the same layout
/// with a script the policy does not name runs only its own, and the other is reported.
#[tokio::test]
async fn a_script_the_policy_does_not_name_is_blocked_and_reported() {
    let session = session().await;
    let bucket = bucket(&session, "pages-csp").await;
    let folder = session
        .new_managed_folder(&bucket, "", ManagedKind::Page, Expiry::ONE_HOUR)
        .await
        .unwrap();
    let html = render(&PageParts {
        title: "Control",
        body: maud::html! { p #out { "untouched" } },
        script: Some("document.getElementById('out').textContent = 'allowed';"),
        talks_to_bucket: false,
    })
    // The same script, once more, but not the one the policy's hash names.
    .replace(
        "</body>",
        "<script>document.getElementById('out').textContent = 'injected';</script></body>",
    );
    let link = session
        .publish_page(&folder, html, Expiry::ONE_HOUR)
        .await
        .unwrap();
    let browser = Browser::start().await;
    let client = browser.client();
    client.goto(&link.url).await.unwrap();
    let out = client
        .execute("return document.getElementById('out').textContent", vec![])
        .await
        .unwrap();
    assert_eq!(out, "allowed");
    let errors = console_errors(client).await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("Content Security Policy"), "{errors:?}");
    browser.close().await;
}

#[tokio::test]
async fn an_ended_page_stops_working_and_cleanup_removes_it() {
    let session = session().await;
    let bucket = bucket(&session, "pages-end").await;
    put(&session, &bucket, "short/a.txt", b"brief").await;
    // The browser first: its start may take seconds the short page must not lose.
    let browser = Browser::start().await;
    let page = session
        .files_page(
            &PageSource::Folder {
                folder: S3Location::new(&bucket, "short/").unwrap(),
                recursive: false,
            },
            Expiry::from_secs(8).unwrap(),
        )
        .await
        .unwrap();
    let client = browser.client();
    client.goto(&page.link.url).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "short");
    let left = page.link.expires_at - session.now_utc();
    tokio::time::sleep(left.to_std().unwrap_or_default() + Duration::from_secs(1)).await;
    client.refresh().await.unwrap();
    assert_ne!(client.title().await.unwrap(), "short");
    browser.close().await;

    let report = session.clean_ended(&bucket, "short/").await.unwrap();
    assert_eq!(report.removed, vec![page.folder.clone()]);
    assert!(!session.object_exists(&page.link.object).await.unwrap());
    assert_eq!(
        session.managed_folders(&bucket, "short/").await.unwrap(),
        []
    );
    // The user's file stays.
    assert!(
        session
            .object_exists(&S3Location::new(&bucket, "short/a.txt").unwrap())
            .await
            .unwrap()
    );
}
