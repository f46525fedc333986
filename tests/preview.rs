//! Previews of shared files (core::preview) against the embedded S3 server, seen through a
//! loopback proxy that records every GET and its `Range`: pictures, text, PDFs, files too
//! big to fetch and kinds that get none — and what was fetched for each.

mod common;
mod fault_proxy;
#[path = "support/pdf.rs"]
mod pdf_builder;

use std::io::Cursor;

use common::*;
use fault_proxy::FaultProxy;
use pdf_builder::pdf_of;
use s3share_core::preview::{IMAGE_CAP, NoPreview, Preview, TEXT_READ};
use s3share_core::{S3Location, Session};

/// A session whose requests pass the recording proxy.
async fn watched_session(proxy: &FaultProxy) -> Session {
    let mut settings = settings();
    settings.endpoint = Some(proxy.endpoint());
    Session::connect(&settings).await.expect("connect")
}

fn picture(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A valid PDF of `pages` empty pages, its cross-reference table pointing at each object.
fn pdf(pages: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
    ];
    objects.extend(
        (0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_owned()),
    );
    let objects: Vec<&str> = objects.iter().map(String::as_str).collect();
    pdf_of(&objects, "/Root 1 0 R")
}

/// The GETs the proxy saw for `key`, as their `Range` headers.
fn ranges_for(proxy: &FaultProxy, bucket: &str, key: &str) -> Vec<Option<String>> {
    let path = format!("/{bucket}/{key}");
    proxy
        .gets()
        .into_iter()
        .filter(|(p, _)| *p == path)
        .map(|(_, range)| range)
        .collect()
}

#[tokio::test]
async fn previews_fetch_only_what_they_show() {
    let direct = session().await;
    let bucket = bucket(&direct, "preview").await;
    let png = picture(image::ImageFormat::Png, 1200, 600);
    let jpeg = picture(image::ImageFormat::Jpeg, 64, 48);
    let text = b"first line\nsecond \x1b[31mred\x1b[0m line\nevil \xE2\x80\xAEfdp.exe\n".to_vec();
    let long_text: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("line {i}\n").into_bytes())
        .collect();
    let document = pdf(3);
    let big = vec![0u8; usize::try_from(IMAGE_CAP).unwrap() + 1];
    let zip = b"PK\x03\x04 a zip, not read".to_vec();
    let files: [(&str, &[u8]); 7] = [
        ("photo.png", &png),
        ("photo.jpg", &jpeg),
        ("notes.txt", &text),
        ("server.log", &long_text),
        ("report.pdf", &document),
        ("huge.png", &big),
        ("archive.zip", &zip),
    ];
    for (key, body) in files {
        put(&direct, &bucket, key, body).await;
    }

    let proxy = FaultProxy::start(&server().endpoint());
    let session = watched_session(&proxy).await;
    let preview = |key: &str, size: usize| {
        let session = session.clone();
        let object = S3Location::new(&bucket, key).unwrap();
        async move { session.preview(&object, size as u64, None).await.unwrap() }
    };

    // A picture: a thumbnail (at most 960 a side) of the real pixels, from one GET whose
    // range is the file's size.
    let Preview::Image {
        rgba,
        width,
        height,
        full_width,
        full_height,
    } = preview("photo.png", png.len()).await
    else {
        panic!("no picture preview");
    };
    assert_eq!((full_width, full_height), (1200, 600));
    assert_eq!((width, height), (960, 480));
    assert_eq!(&rgba[..4], &[220, 20, 20, 255], "left half is red");
    let last = rgba.len() - 4;
    assert_eq!(&rgba[last..], &[20, 20, 220, 255], "right half is blue");
    assert_eq!(
        ranges_for(&proxy, &bucket, "photo.png"),
        [Some(format!("bytes=0-{}", png.len() - 1))]
    );

    let Preview::Image {
        width,
        height,
        rgba,
        ..
    } = preview("photo.jpg", jpeg.len()).await
    else {
        panic!("no JPEG preview");
    };
    assert_eq!((width, height), (64, 48));
    // JPEG is lossy: the left edge is still mostly red.
    assert!(rgba[0] > 150 && rgba[2] < 100, "{:?}", &rgba[..4]);

    // Text: control and bidi characters shown, not obeyed.
    assert_eq!(
        preview("notes.txt", text.len()).await,
        Preview::Text {
            lines: vec![
                "first line".to_owned(),
                "second \\u{001B}[31mred\\u{001B}[0m line".to_owned(),
                "evil \\u{202E}fdp.exe".to_owned(),
            ],
            truncated: false,
        }
    );

    // A long text: only its start is asked for, and the preview says there is more.
    let Preview::Text { lines, truncated } = preview("server.log", long_text.len()).await else {
        panic!("no text preview");
    };
    assert_eq!(lines[0], "line 0");
    assert!(truncated);
    assert_eq!(
        ranges_for(&proxy, &bucket, "server.log"),
        [Some(format!("bytes=0-{}", TEXT_READ - 1))]
    );

    assert_eq!(
        preview("report.pdf", document.len()).await,
        Preview::Pdf {
            pages: Some(3),
            protected: false
        }
    );

    // Over the cap, and kinds without a preview: answered without a request.
    assert_eq!(
        preview("huge.png", big.len()).await,
        Preview::None {
            reason: NoPreview::TooBig {
                size: big.len() as u64
            }
        }
    );
    assert_eq!(
        preview("archive.zip", zip.len()).await,
        Preview::None {
            reason: NoPreview::Kind
        }
    );
    assert!(ranges_for(&proxy, &bucket, "huge.png").is_empty());
    assert!(ranges_for(&proxy, &bucket, "archive.zip").is_empty());
}

/// A picture listed small but replaced by a bigger one since: the range still caps what is
/// fetched, and the preview says the file changed instead of decoding half a picture.
#[tokio::test]
async fn a_picture_that_grew_since_it_was_listed_is_not_fetched_whole() {
    let direct = session().await;
    let bucket = bucket(&direct, "preview-grew").await;
    let png = picture(image::ImageFormat::Png, 300, 300);
    put(&direct, &bucket, "grew.png", &png).await;
    let proxy = FaultProxy::start(&server().endpoint());
    let session = watched_session(&proxy).await;
    let object = S3Location::new(&bucket, "grew.png").unwrap();
    // Listed as 100 bytes: 100 bytes asked for; the answer says the file is bigger.
    let preview = session.preview(&object, 100, None).await.unwrap();
    assert_eq!(
        preview,
        Preview::None {
            reason: NoPreview::Changed
        }
    );
    assert_eq!(
        ranges_for(&proxy, &bucket, "grew.png"),
        [Some("bytes=0-99".to_owned())]
    );
}

/// A server that ignores `Range` and sends the whole (huge) file: the text preview reads
/// no further than its cap, and says there is more.
#[tokio::test]
async fn a_server_ignoring_the_range_is_read_no_further_than_the_cap() {
    let direct = session().await;
    let bucket = bucket(&direct, "preview-norange").await;
    let log: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("line {i}\n").into_bytes())
        .collect();
    put(&direct, &bucket, "server.log", &log).await;
    let proxy = FaultProxy::start(&server().endpoint());
    proxy
        .faults
        .ignore_range
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let session = watched_session(&proxy).await;
    let object = S3Location::new(&bucket, "server.log").unwrap();
    let preview = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        session.preview(&object, log.len() as u64, None),
    )
    .await
    .expect("the preview stops reading at its cap")
    .unwrap();
    let Preview::Text { lines, truncated } = preview else {
        panic!("no text preview: {preview:?}");
    };
    assert_eq!(lines[0], "line 0");
    assert!(truncated, "more than what is shown");
    // What the proxy could push into the connection's buffers, not the 128 MiB more.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let sent = proxy.ignored_range_sent();
    assert!(
        (TEXT_READ..fault_proxy::IGNORED_RANGE_MORE / 4).contains(&sent),
        "{sent} bytes sent"
    );
}

/// A file that is gone is a plain error (the window shows "No preview: …").
#[tokio::test]
async fn a_missing_file_is_a_plain_error() {
    let direct = session().await;
    let bucket = bucket(&direct, "preview-gone").await;
    let object = S3Location::new(&bucket, "gone.txt").unwrap();
    let error = direct.preview(&object, 10, None).await.unwrap_err();
    assert!(error.to_string().contains("no longer exists"), "{error}");
}
