//! s3share's own folder in a bucket (`.s3share/`): pages are published there and shared,
//! ended folders are cleaned up, and nothing of the user's is ever touched.

mod common;

use common::*;
use s3share_core::managed::{ManagedFolder, ManagedKind};
use s3share_core::pages::{PageParts, render};
use s3share_core::{Expiry, S3Location};

#[tokio::test]
async fn a_published_page_opens_as_html_until_it_is_taken_back() {
    let session = session().await;
    let bucket = bucket(&session, "pages").await;
    let folder = session
        .new_managed_folder(&bucket, "trip/", ManagedKind::Page, Expiry::ONE_HOUR)
        .await
        .unwrap();
    let html = render(&PageParts {
        title: "Lisbon <photos>",
        body: maud::html! { p { "two files" } },
        script: None,
        talks_to_bucket: false,
    });
    let link = session
        .publish_page(&folder, html.clone(), Expiry::ONE_HOUR)
        .await
        .unwrap();
    assert!(link.object.key.starts_with("trip/.s3share/pages/"));
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), html);
    // The folder's end is the link's end, to the second.
    assert!((link.expires_at - folder.ends_at).num_seconds().abs() <= 1);

    assert_eq!(session.remove_managed(&folder).await.unwrap(), 1);
    let gone = http_client().get(&link.url).send().await.unwrap();
    assert!(
        matches!(gone.status().as_u16(), 403 | 404),
        "{}",
        gone.status()
    );
}

#[tokio::test]
async fn cleanup_removes_only_ended_folders_of_s3share() {
    let session = session().await;
    let bucket = bucket(&session, "clean").await;
    let past = session.now_utc() - chrono::Duration::minutes(5);
    let ended = ManagedFolder::new(&bucket, "", ManagedKind::Copy, past);
    let working = session
        .new_managed_folder(&bucket, "", ManagedKind::Page, Expiry::ONE_HOUR)
        .await
        .unwrap();
    let users = [
        "report.pdf".to_owned(),
        // A user's own file that looks like ours but is not inside a managed folder.
        ".s3share/pages/notes.txt".to_owned(),
        format!(
            ".s3share/pages/{}",
            ended.prefix().rsplit('/').nth(1).unwrap()
        ),
    ];
    for key in &users {
        put(&session, &bucket, key, b"mine").await;
    }
    for object in [ended.object("a.pdf"), ended.object("index.html")] {
        put(&session, &bucket, &object.key, b"ours").await;
    }
    put(
        &session,
        &bucket,
        &working.object("index.html").key,
        b"ours",
    )
    .await;

    let report = session.clean_ended(&bucket, "").await.unwrap();
    assert_eq!(report.removed, vec![ended.clone()]);
    assert_eq!(report.objects_removed, 2);
    assert_eq!(report.still_working, 1);
    for key in &users {
        let object = S3Location::new(&bucket, key.as_str()).unwrap();
        assert!(session.object_exists(&object).await.unwrap(), "{key} lost");
    }
    assert!(
        session
            .object_exists(&working.object("index.html"))
            .await
            .unwrap()
    );
    assert!(!session.object_exists(&ended.object("a.pdf")).await.unwrap());
}

#[tokio::test]
async fn nothing_is_made_inside_s3share_s_own_folders() {
    let session = session().await;
    let bucket = bucket(&session, "nested").await;
    let outer = session
        .new_managed_folder(&bucket, "", ManagedKind::Page, Expiry::ONE_HOUR)
        .await
        .unwrap();
    for base in [
        outer.prefix(),
        format!("{}inner/", outer.prefix()),
        ".s3share/".to_owned(),
    ] {
        let err = session
            .new_managed_folder(&bucket, &base, ManagedKind::Request, Expiry::ONE_HOUR)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("s3share's own folder"),
            "{base}: {err}"
        );
    }
}
