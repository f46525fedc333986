//! "Share a copy I can take back", against the embedded server over real HTTP: the copy's
//! link downloads under the chosen name (stored on the copy, not asked of the server by
//! the link), the original is untouched, "Stop sharing" makes the link fail at once,
//! ended copies go with cleanup, big files are copied in parts.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::*;
use s3share_core::history::{History, HistoryEntry, ShareState};
use s3share_core::managed::{ManagedKind, is_managed_key};
use s3share_core::take_back::{CopyOptions, find_in_history};
use s3share_core::{
    ConnectionSettings, Error, Expiry, LinkMode, S3Location, Session, ShareRequest,
};

fn settings_for(server: &TestServer) -> ConnectionSettings {
    ConnectionSettings {
        endpoint: Some(server.endpoint()),
        ..settings()
    }
}

/// Every file the server keeps (objects and their metadata sidecars): bytes and mtime.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                dirs.push(path);
            } else {
                let modified = entry.metadata().unwrap().modified().unwrap();
                files.insert(path.clone(), (std::fs::read(&path).unwrap(), modified));
            }
        }
    }
    files
}

fn download(name: &str) -> LinkMode {
    LinkMode::Attachment {
        filename: Some(name.to_owned()),
    }
}

async fn assert_gone(url: &str) {
    let response = http_client().get(url).send().await.unwrap();
    let status = response.status().as_u16();
    assert!(
        matches!(status, 403 | 404),
        "the link still answers {status}"
    );
}

#[tokio::test]
async fn a_copy_downloads_under_the_chosen_name_and_the_original_stays_as_it_was() {
    let server = start_server();
    let session = Session::connect(&settings_for(&server)).await.unwrap();
    let bucket = bucket(&session, "copy").await;
    let body = b"%PDF-1.7 the quarterly report".repeat(100);
    put(&session, &bucket, "reports/q3 draft.pdf", &body).await;
    let original = S3Location::new(&bucket, "reports/q3 draft.pdf").unwrap();
    let before_head = session.head_object(&original).await.unwrap();
    let before = snapshot(server.root());

    let request = ShareRequest::new(original.clone(), Expiry::ONE_HOUR, download("Q3 – été.pdf"));
    let copy = session.share_copy(&request).await.unwrap();

    // The copy lives in s3share's own folder beside the file, named by the folder's end.
    assert!(
        copy.link.object.key.starts_with("reports/.s3share/shares/"),
        "{}",
        copy.link.object.key
    );
    assert!(copy.link.object.key.ends_with("/q3 draft.pdf"));
    assert_eq!(copy.record.folder.kind, ManagedKind::Copy);
    assert_eq!(copy.record.folder.base, "reports/");
    assert_eq!(copy.link.expires_at, copy.record.folder.ends_at);
    assert_eq!(copy.cost.bytes, body.len() as u64);
    assert_eq!(copy.original, original);
    // The link asks the server for nothing: the name comes from the copy itself, so it
    // holds on services that ignore response-content-disposition.
    assert!(
        !copy.link.url.contains("response-content"),
        "{}",
        copy.link.url
    );

    let response = http_client().get(&copy.link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"Q3 _ ete.pdf\"; filename*=UTF-8''Q3%20%E2%80%93%20%C3%A9t%C3%A9.pdf"
    );
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(response.bytes().await.unwrap().as_ref(), body.as_slice());

    // Every file the server held before is byte for byte as it was (the original's bytes
    // and its metadata sidecars, mtimes included); only new files (the copy's) appeared.
    let after = snapshot(server.root());
    for (path, was) in &before {
        assert_eq!(after.get(path), Some(was), "{} changed", path.display());
    }
    assert!(after.len() > before.len());
    let after_head = session.head_object(&original).await.unwrap();
    assert_eq!(after_head, before_head);
    let plain = session
        .share_link(&ShareRequest::new(
            original,
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    let response = http_client().get(&plain.url).send().await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.bytes().await.unwrap().as_ref(), body.as_slice());
}

#[tokio::test]
async fn an_inline_copy_opens_in_the_browser_with_a_type_it_can_show() {
    let session = session().await;
    let bucket = bucket(&session, "inline").await;
    put(&session, &bucket, "menu été.txt", "Café: 2 €".as_bytes()).await;
    let original = S3Location::new(&bucket, "menu été.txt").unwrap();
    let copy = session
        .share_copy(&ShareRequest::new(
            original,
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    assert!(copy.link.object.key.starts_with(".s3share/shares/"));
    let response = http_client().get(&copy.link.url).send().await.unwrap();
    assert_eq!(response.headers()["content-disposition"], "inline");
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), "Café: 2 €");
}

#[tokio::test]
async fn stop_sharing_makes_the_link_fail_at_once_and_history_says_taken_back() {
    let session = session().await;
    let bucket = bucket(&session, "unshare").await;
    put(&session, &bucket, "contract.pdf", b"signed").await;
    put(&session, &bucket, "keep.pdf", b"mine").await;
    let original = S3Location::new(&bucket, "contract.pdf").unwrap();
    let copy = session
        .share_copy(&ShareRequest::new(
            original.clone(),
            Expiry::ONE_DAY,
            download("c.pdf"),
        ))
        .await
        .unwrap();
    let plain = session
        .share_link(&ShareRequest::new(
            original.clone(),
            Expiry::ONE_DAY,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    assert_eq!(get_status(&copy.link.url).await, 200);

    let dir = tempfile::tempdir().unwrap();
    let history = History::new(dir.path().join("history.jsonl"));
    let entry = HistoryEntry::from_copy(session.name(), &copy, true);
    assert_eq!(entry.key, "contract.pdf", "history names the user's file");
    history
        .append_all(&[
            HistoryEntry::from_link(session.name(), &plain, true),
            entry.clone(),
        ])
        .unwrap();
    let now = session.now_utc();
    assert_eq!(entry.state(now), ShareState::Active);

    // Found by the id history shows, by any longer start of it, and by the link itself.
    let entries = history.load().unwrap();
    let id = entry.short_id().unwrap().to_owned();
    assert_eq!(id.len(), 8);
    for target in [
        id.clone(),
        copy.record.folder.id.clone(),
        copy.link.url.clone(),
    ] {
        assert_eq!(
            find_in_history(&entries, &target).unwrap(),
            entry,
            "{target}"
        );
    }
    // A plain link cannot be taken back, and says what to do instead.
    let refused = find_in_history(&entries, &plain.url).unwrap_err();
    assert!(matches!(refused, Error::PlainLinkCannotBeTakenBack));
    assert!(refused.to_string().contains("--copy"), "{refused}");
    let plain_entry = &entries[1];
    assert!(matches!(
        session.take_back(&history, plain_entry).await,
        Err(Error::PlainLinkCannotBeTakenBack)
    ));
    assert!(matches!(
        find_in_history(&entries, "ffffffff"),
        Err(Error::NotInHistory { .. })
    ));

    let done = session.take_back(&history, &entry).await.unwrap();
    assert_eq!(done.objects_removed, 1);
    assert_gone(&copy.link.url).await;
    // The original and its plain link are untouched.
    assert_eq!(get_status(&plain.url).await, 200);
    assert!(session.object_exists(&original).await.unwrap());
    let reloaded = history.load().unwrap();
    assert_eq!(reloaded.len(), 2);
    assert_eq!(reloaded[0].state(now), ShareState::TakenBack);
    assert_eq!(reloaded[0].state_text(now), "taken back");
    assert_eq!(
        reloaded[0].managed.as_ref().unwrap().taken_back_at,
        Some(done.at)
    );
    assert_eq!(reloaded[1].state(now), ShareState::Active);
    // Taking it back twice is harmless.
    assert_eq!(
        session
            .take_back(&history, &reloaded[0])
            .await
            .unwrap()
            .objects_removed,
        0
    );
}

async fn get_status(url: &str) -> u16 {
    http_client()
        .get(url)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_ended_copy_is_removed_by_cleanup_and_a_working_one_is_not() {
    let session = session().await;
    let bucket = bucket(&session, "ended").await;
    put(&session, &bucket, "a/photo.jpg", b"jpeg").await;
    put(&session, &bucket, "b/notes.txt", b"text").await;
    let short = session
        .share_copy(&ShareRequest::new(
            S3Location::new(&bucket, "a/photo.jpg").unwrap(),
            // Long enough to be made on a busy machine; the test waits for its end.
            Expiry::from_secs(6).unwrap(),
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    let long = session
        .share_copy(&ShareRequest::new(
            S3Location::new(&bucket, "b/notes.txt").unwrap(),
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    let entries = [
        HistoryEntry::from_copy(session.name(), &short, false),
        HistoryEntry::from_copy(session.name(), &long, false),
        // Another connection's entry is not this session's to clean.
        HistoryEntry::from_copy("elsewhere", &long, false),
    ];
    let left = (short.link.expires_at - session.now_utc()).num_milliseconds();
    tokio::time::sleep(std::time::Duration::from_millis(
        u64::try_from(left).unwrap_or(0) + 1100,
    ))
    .await;
    assert!(entries[0].state(session.now_utc()) == ShareState::Ended);

    let cleaned = session.clean_recorded(&entries).await;
    assert!(cleaned.failed.is_empty(), "{:?}", cleaned.failed);
    assert_eq!(cleaned.report.removed, vec![short.record.folder.clone()]);
    assert_eq!(cleaned.report.objects_removed, 1);
    assert_eq!(cleaned.report.still_working, 1);
    assert!(!session.object_exists(&short.link.object).await.unwrap());
    assert_gone(&short.link.url).await;
    assert!(session.object_exists(&long.link.object).await.unwrap());
    assert_eq!(get_status(&long.link.url).await, 200);
    for key in ["a/photo.jpg", "b/notes.txt"] {
        let object = S3Location::new(&bucket, key).unwrap();
        assert!(session.object_exists(&object).await.unwrap(), "{key} lost");
    }
}

#[tokio::test]
async fn a_big_file_is_copied_in_parts() {
    let session = session().await;
    let bucket = bucket(&session, "parts").await;
    // 11 MiB in parts of 5 MiB: three parts (the smallest S3 and s3s-fs allow but the last).
    let body: Vec<u8> = (0..11 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    put(&session, &bucket, "video.mp4", &body).await;
    let options = CopyOptions {
        multipart_above: 1024 * 1024,
        part_size: 5 * 1024 * 1024,
        parts_at_once: 2,
    };
    let request = ShareRequest::new(
        S3Location::new(&bucket, "video.mp4").unwrap(),
        Expiry::ONE_HOUR,
        download("Trip.mp4"),
    );
    let copy = session.share_copy_with(&request, &options).await.unwrap();
    // A multipart object's ETag ends in its number of parts.
    let head = session.head_object(&copy.link.object).await.unwrap();
    assert!(head.etag.as_deref().unwrap().ends_with("-3"), "{head:?}");
    let response = http_client().get(&copy.link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"Trip.mp4\""
    );
    assert_eq!(response.headers()["content-type"], "video/mp4");
    let got = response.bytes().await.unwrap();
    assert!(got.as_ref() == body.as_slice(), "the copy's bytes differ");
    // Nothing else appeared: no stray parts, only the original and the copy.
    let listing = session
        .list_all(&S3Location::new(&bucket, "").unwrap(), true)
        .await
        .unwrap();
    let keys: Vec<&str> = listing.objects.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.iter().filter(|k| is_managed_key(k)).count() == 1);
}

#[tokio::test]
async fn s3share_s_own_files_cannot_be_shared_as_copies_and_missing_files_are_reported() {
    let session = session().await;
    let bucket = bucket(&session, "refuse").await;
    put(&session, &bucket, "a.txt", b"a").await;
    let copy = session
        .share_copy(&ShareRequest::new(
            S3Location::new(&bucket, "a.txt").unwrap(),
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    let again = session
        .share_copy(&ShareRequest::new(
            copy.link.object.clone(),
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await;
    assert!(
        matches!(again, Err(Error::InvalidInput { .. })),
        "{again:?}"
    );
    let missing = session
        .share_copy(&ShareRequest::new(
            S3Location::new(&bucket, "nope.txt").unwrap(),
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await;
    assert!(
        matches!(missing, Err(Error::NoSuchKey { .. })),
        "{missing:?}"
    );
    // Nothing was left behind by the refused ones.
    let listing = session
        .list_all(&S3Location::new(&bucket, "").unwrap(), true)
        .await
        .unwrap();
    assert_eq!(listing.objects.len(), 2);
}

/// The CLI: `link --copy` prints the link and the cost, `history` shows the state and the
/// id, `unshare ID` takes it back, `unshare` of a plain link says it cannot, and `ls`
/// hides s3share's own folder unless `--all`.
#[test]
fn cli_link_copy_history_unshare_and_ls() {
    let bucket = bucket_with("cli-copy", &[("docs/offer.pdf", b"offer".as_slice())]);
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| cli_in(home.path(), args);
    let location = format!("s3://{bucket}/docs/offer.pdf");
    let out = run(&["link", "--copy", "--filename", "Offer 2026.pdf", &location]);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert!(url.contains("/docs/.s3share/shares/"), "{url}");
    assert!(
        stderr(&out).contains("note: Stores a second copy (5 B) until the link ends ("),
        "{}",
        stderr(&out)
    );
    let (status, body) = get(&url);
    assert_eq!((status, body.as_slice()), (200, b"offer".as_slice()));

    let plain = run(&["link", &location]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let plain_url = stdout(&plain).trim().to_owned();

    let listed = stdout(&run(&["history"]));
    let copy_line = listed
        .lines()
        .find(|l| l.contains("\tid "))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(copy_line.contains("active, works until"), "{copy_line}");
    let id = copy_line.rsplit("\tid ").next().unwrap().trim().to_owned();
    assert_eq!(id.len(), 8, "{copy_line}");

    // `ls` hides s3share's own folder unless --all.
    let ls = stdout(&run(&["ls", &format!("s3://{bucket}/docs/")]));
    assert!(!ls.contains(".s3share"), "{ls}");
    assert!(ls.contains("offer.pdf"), "{ls}");
    let all = stdout(&run(&["ls", "--all", &format!("s3://{bucket}/docs/")]));
    assert!(all.contains("docs/.s3share/"), "{all}");

    let refused = run(&["unshare", &plain_url]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("A plain pre-signed link cannot be taken back")
            && stderr(&refused).contains("--copy"),
        "{}",
        stderr(&refused)
    );
    // The signature never reaches the message, whatever was typed.
    let signature = plain_url.rsplit("X-Amz-Signature=").next().unwrap();
    assert!(
        !stderr(&refused).contains(signature),
        "{}",
        stderr(&refused)
    );
    let unknown = run(&[
        "unshare",
        &url.replace("/.s3share/shares/", "/.s3share/shares/x"),
    ]);
    assert!(!stderr(&unknown).contains(signature));

    let out = run(&["unshare", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Stopped sharing s3://"),
        "{}",
        stdout(&out)
    );
    let (status, _) = get(&url);
    assert!(matches!(status, 403 | 404), "{status}");
    assert_eq!(get(&plain_url).0, 200, "the plain link is not affected");

    let listed = stdout(&run(&["history"]));
    let copy_line = listed.lines().find(|l| l.contains("\tid ")).unwrap();
    assert!(copy_line.contains("\ttaken back\t"), "{copy_line}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["history", "--json"]).stdout).unwrap();
    let taken = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e.get("managed").is_some())
        .unwrap();
    assert!(taken["managed"]["taken_back_at"].is_string(), "{taken}");
    let gone = run(&["unshare", "0000"]);
    assert!(!gone.status.success());
    assert!(stderr(&gone).contains("Nothing in this computer's history matches"));
}

/// `unshare -` reads the id or the link from stdin (a link as an argument would show in
/// `ps`), and what it prints says what keeps working: nothing for a copy; for a page, the
/// file links it already showed.
#[test]
fn cli_unshare_reads_stdin_and_says_what_keeps_working() {
    use std::io::Write;
    use std::process::Stdio;
    let bucket = bucket_with(
        "cli-unshare-stdin",
        &[
            ("docs/a.txt", b"a".as_slice()),
            ("docs/b.txt", b"b".as_slice()),
        ],
    );
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str], input: Option<&str>| {
        let mut child = keyed_command(home.path(), &server().endpoint())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        if let Some(input) = input {
            stdin.write_all(input.as_bytes()).unwrap();
        }
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let out = run(
        &["link", "--copy", &format!("s3://{bucket}/docs/a.txt")],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert_eq!(get(&url).0, 200);

    let empty = run(&["unshare", "-"], Some("\n"));
    assert!(!empty.status.success());
    assert!(
        stderr(&empty).contains("first line of stdin"),
        "{}",
        stderr(&empty)
    );

    let out = run(&["unshare", "-"], Some(&format!("{url}\nignored\n")));
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("s3share's copy is deleted and its link stops working at once"),
        "{said}"
    );
    assert!(matches!(get(&url).0, 403 | 404));

    let out = run(&["page", &format!("s3://{bucket}/docs/")], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let page_url = stdout(&out).trim().to_owned();
    let listed = stdout(&run(&["history"], None));
    let page_line = listed
        .lines()
        .find(|l| l.contains("page · 2 files") && l.contains("\tid "))
        .unwrap_or_else(|| panic!("{listed}"));
    let id = page_line.rsplit("\tid ").next().unwrap().trim().to_owned();
    let out = run(&["unshare", "-"], Some(&format!("  {id}  \n")));
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("anyone who already opened the page keeps the file links it showed"),
        "{said}"
    );
    assert!(matches!(get(&page_url).0, 403 | 404));
}
