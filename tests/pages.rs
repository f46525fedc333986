//! "One link for many files": pages of download links, made by the core and the CLI,
//! recorded in history and cleaned up once ended (without a browser; see pages_browser.rs).

mod common;

use std::collections::HashMap;

use common::*;
use s3share_core::managed::{ManagedFolder, ManagedKind};
use s3share_core::pages::files_page::{PageFile, PageSource};
use s3share_core::{Error, Expiry, S3Location};

/// Names that must neither inject markup nor hide what they are.
const NASTY: &[(&str, &[u8])] = &[
    ("trip/<script>alert(1)<script>.txt", b"script"),
    ("trip/\"quotes\" & 'single'.txt", b"quotes and amp"),
    ("trip/invoice\u{202E}fdp.exe", b"rtl override"),
    ("trip/emoji 📄✨.txt", b"emoji"),
    ("trip/with  spaces .txt", b"spaces"),
    ("trip/day 1/IMG 0001.jpg", b"nested jpeg"),
];

/// Every `href` of the page, unescaped as a browser reads it.
fn links_of(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| {
            rest[..rest.find('"').unwrap()]
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

fn query(url: &str) -> HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// When a pre-signed URL stops working: its signing time plus its lifetime.
fn ends_of(url: &str) -> chrono::DateTime<chrono::Utc> {
    let q = query(url);
    let date = chrono::NaiveDateTime::parse_from_str(&q["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc();
    date + chrono::Duration::seconds(q["X-Amz-Expires"].parse().unwrap())
}

#[tokio::test]
async fn a_folder_page_links_every_file_under_its_own_name_and_ends_with_them() {
    let session = session().await;
    let bucket = bucket(&session, "page").await;
    for (key, body) in NASTY {
        put(&session, &bucket, key, body).await;
    }
    // s3share's own things in the folder are never listed.
    let old = ManagedFolder::new(&bucket, "trip/", ManagedKind::Page, session.now_utc());
    put(
        &session,
        &bucket,
        &old.object("index.html").key,
        b"<p>old</p>",
    )
    .await;

    let folder = S3Location::new(&bucket, "trip/").unwrap();
    let page = session
        .files_page(
            &PageSource::Folder {
                folder: folder.clone(),
                recursive: false,
            },
            Expiry::ONE_HOUR,
        )
        .await
        .unwrap();
    assert_eq!(
        page.files, 5,
        "the nested file and .s3share/ are not listed"
    );
    assert_eq!(page.shared, folder);
    assert!(page.link.object.key.starts_with("trip/.s3share/pages/"));
    assert_eq!(page.folder.ends_at, page.link.expires_at);

    let response = http_client().get(&page.link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("invoice\\u{202E}fdp.exe"), "{html}");
    assert!(!html.contains("old"));
    assert!(!html.contains("IMG 0001"));
    let links = links_of(&html);
    assert_eq!(links.len(), 5);
    // Every link ends at the page's own end, to the second.
    assert_eq!(ends_of(&page.link.url), page.link.expires_at);
    let mut names = Vec::new();
    for link in &links {
        assert_eq!(ends_of(link), page.link.expires_at, "{}", redact(link));
        let response = http_client().get(link).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let name = saved_name(response.headers()["content-disposition"].to_str().unwrap());
        let body = response.bytes().await.unwrap();
        let (_, expected) = NASTY
            .iter()
            .find(|(_, b)| *b == &body[..])
            .expect("a body of one of the files");
        names.push((name, *expected));
    }
    names.sort();
    let expected: Vec<(String, &[u8])> = vec![
        ("\"quotes\" & 'single'.txt".to_owned(), b"quotes and amp"),
        ("<script>alert(1)<script>.txt".to_owned(), b"script"),
        ("emoji 📄✨.txt".to_owned(), b"emoji"),
        // The RTL override never reaches the saved name.
        ("invoice fdp.exe".to_owned(), b"rtl override"),
        ("with spaces .txt".to_owned(), b"spaces"),
    ];
    assert_eq!(names, expected);

    // Recursive: the nested file too, shown with its path.
    let deep = session
        .files_page(
            &PageSource::Folder {
                folder,
                recursive: true,
            },
            Expiry::ONE_HOUR,
        )
        .await
        .unwrap();
    assert_eq!(deep.files, 6);
    let html = page_html(&deep.link.url).await;
    assert!(
        html.contains("<span class=\"path\">day 1/</span>IMG 0001.jpg"),
        "{html}"
    );
    assert!(!html.contains("old"), "pages never list other pages");
}

fn redact(url: &str) -> String {
    s3share_core::share::redact_url(url)
}

#[tokio::test]
async fn empty_folders_and_wrong_selections_are_refused_plainly() {
    let session = session().await;
    let bucket = bucket(&session, "nopage").await;
    put(&session, &bucket, "full/sub/a.txt", b"a").await;
    let ours = ManagedFolder::new(&bucket, "only-ours/", ManagedKind::Page, session.now_utc());
    put(&session, &bucket, &ours.object("index.html").key, b"x").await;
    for (folder, recursive) in [("full/", false), ("only-ours/", true), ("nothing/", true)] {
        let err = session
            .files_page(
                &PageSource::Folder {
                    folder: S3Location::new(&bucket, folder).unwrap(),
                    recursive,
                },
                Expiry::ONE_HOUR,
            )
            .await
            .unwrap_err();
        assert!(matches!(err, Error::EmptyFolder { .. }), "{folder}: {err}");
        let text = err.to_string();
        assert!(text.contains("no files"), "{text}");
        assert_eq!(text.contains("--recursive"), !recursive, "{text}");
    }
    let missing = session
        .files_page(
            &PageSource::Keys(vec![
                S3Location::new(&bucket, "full/sub/a.txt").unwrap(),
                S3Location::new(&bucket, "full/sub/gone.txt").unwrap(),
            ]),
            Expiry::ONE_HOUR,
        )
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::NoSuchKey { .. }), "{missing}");
    let other = unique_bucket("other");
    let mixed = session
        .files_page(
            &PageSource::Keys(vec![
                S3Location::new(&bucket, "full/sub/a.txt").unwrap(),
                S3Location::new(&other, "b.txt").unwrap(),
            ]),
            Expiry::ONE_HOUR,
        )
        .await
        .unwrap_err();
    assert!(mixed.to_string().contains("one bucket"), "{mixed}");
    // Nothing was written for any of them.
    assert_eq!(session.managed_folders(&bucket, "full/").await.unwrap(), []);
}

#[tokio::test]
async fn named_files_go_on_a_page_in_the_folder_that_holds_them() {
    let session = session().await;
    let bucket = bucket(&session, "named").await;
    put(&session, &bucket, "docs/a/one.txt", b"one").await;
    put(&session, &bucket, "docs/b/two.txt", b"two!").await;
    let page = session
        .files_page(
            &PageSource::Files {
                bucket: bucket.clone(),
                files: vec![
                    PageFile {
                        key: "docs/b/two.txt".to_owned(),
                        size: 4,
                    },
                    PageFile {
                        key: "docs/a/one.txt".to_owned(),
                        size: 3,
                    },
                ],
            },
            Expiry::ONE_DAY,
        )
        .await
        .unwrap();
    assert_eq!(page.shared.key, "docs/");
    assert_eq!(page.folder.base, "docs/");
    assert_eq!((page.files, page.total_size), (2, 7));
    let html = page_html(&page.link.url).await;
    // In the order chosen, with their paths below the common folder.
    let two = html.find("two.txt").unwrap();
    let one = html.find("one.txt").unwrap();
    assert!(two < one);
    assert!(html.contains("<title>2 files</title>"));
    assert!(html.contains("<span class=\"path\">b/</span>two.txt"));
    let links = links_of(&html);
    assert_eq!(get_async(&links[0]).await, b"two!");
    assert_eq!(get_async(&links[1]).await, b"one");
}

async fn get_async(url: &str) -> Vec<u8> {
    let response = http_client().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

#[test]
fn the_cli_makes_a_page_records_it_and_cleans_it_up_once_ended() {
    let bucket = bucket_with(
        "clipage",
        &[
            ("photos/a.jpg", b"aaa"),
            ("photos/b.jpg", b"bb"),
            ("keep.txt", b"mine"),
        ],
    );
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| cli_in(home.path(), args);
    let folder = format!("s3://{bucket}/photos/");

    let out = run(&["page", &folder, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"], 2);
    assert_eq!(json["total_size"], 5);
    let (status, body) = get(json["url"].as_str().unwrap());
    assert_eq!(status, 200);
    assert_eq!(links_of(&String::from_utf8(body).unwrap()).len(), 2);

    // Plain output: only the URL on stdout; a short page that ends soon (long enough to be
    // fetched on a busy machine; the test waits for its end below).
    let made = std::time::Instant::now();
    let out = run(&[
        "page",
        &format!("s3://{bucket}/photos/a.jpg"),
        &format!("s3://{bucket}/keep.txt"),
        "--expires",
        "10s",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert!(url.starts_with("http://") && !url.contains('\n'), "{url}");
    assert!(
        stderr(&out).contains("a page with 2 files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(get(&url).0, 200);

    let history = run(&["history"]);
    let text = stdout(&history);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains(&format!("s3://{bucket}/\tpage · 2 files")),
        "{text}"
    );
    assert!(lines[1].contains(&format!("{folder}\tpage · 2 files\tactive, works until")));
    let history = run(&["history", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert_eq!(json[0]["managed"]["folder"]["kind"], "page");
    assert_eq!(json[0]["managed"]["files"], 2);

    // Wrong uses are refused before anything is sent.
    let out = run(&[
        "page",
        &format!("s3://{bucket}/photos/a.jpg"),
        "--recursive",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&["page", &format!("s3://{bucket}/empty/")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no files"), "{}", stderr(&out));

    std::thread::sleep(std::time::Duration::from_secs(11).saturating_sub(made.elapsed()));
    let history = stdout(&run(&["history"]));
    // Ended, with the id `unshare` takes.
    assert!(
        history.lines().next().unwrap().contains("\tended\tid "),
        "{history}"
    );
    // Cleanup from the history alone: the ended page goes, the working one and the
    // user's files stay.
    let out = run(&["page", "clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("removed page s3://{bucket}/.s3share/pages/")),
        "{text}"
    );
    assert!(
        text.contains("Removed 1 ended (1 object); 1 still working."),
        "{text}"
    );
    assert!(matches!(get(&url).0, 403 | 404));
    for key in ["photos/a.jpg", "photos/b.jpg", "keep.txt"] {
        assert_eq!(get_object(&bucket, key), 200, "{key}");
    }
    let out = run(&["page", "clean", &format!("s3://{bucket}")]);
    assert!(
        stdout(&out).contains("Nothing ended to remove"),
        "{}",
        stdout(&out)
    );
}

/// The status a fresh link to `key` answers with.
fn get_object(bucket: &str, key: &str) -> u16 {
    runtime().block_on(async {
        let session = session().await;
        let object = S3Location::new(bucket, key).unwrap();
        let exists = session.object_exists(&object).await.unwrap();
        if exists { 200 } else { 404 }
    })
}
