//! File requests against the embedded server (s3s checks POST policies and their
//! signatures): what the page posts lands byte-identical in the new folder; a file over
//! the cap, a key outside the folder, a changed policy and an ended page are refused by
//! the server; the PUT-slot fallback (Cloudflare R2) works and never replaces a file; the
//! CLI prints the page and records it.

mod common;

use std::time::Duration;

use common::*;
use s3share_core::request::{FileRequest, RequestUploads, received_folder_name};
use s3share_core::{Expiry, ObjectEntry, S3Location, Session};

struct Form {
    url: String,
    fields: Vec<(String, String)>,
    prefix: String,
}

async fn page(request: &FileRequest) -> String {
    let response = http_client().get(&request.page.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    response.text().await.unwrap()
}

async fn form_of(request: &FileRequest) -> Form {
    let html = page(request).await;
    assert_eq!(data(&html, "mode"), "form");
    Form {
        url: data(&html, "url"),
        fields: serde_json::from_str(&data(&html, "fields")).unwrap(),
        prefix: data(&html, "prefix"),
    }
}

/// Posts as the page does: its fields (Content-Type among them), then key and the file
/// (last).
async fn post(form: &Form, fields: &[(String, String)], key: &str, body: &[u8]) -> (u16, String) {
    let mut multipart = reqwest::multipart::Form::new();
    for (name, value) in fields {
        multipart = multipart.text(name.clone(), value.clone());
    }
    multipart = multipart.text("key", key.to_owned()).part(
        "file",
        reqwest::multipart::Part::bytes(body.to_vec()).file_name("contract.pdf"),
    );
    let response = http_client()
        .post(&form.url)
        .multipart(multipart)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn files_posted_as_the_page_posts_them_arrive_byte_identical_in_a_new_folder() {
    let session = session().await;
    let bucket = bucket(&session, "req-ok").await;
    let request = make_request(&session, &bucket, Expiry::ONE_HOUR, 1000).await;
    assert_eq!(request.uploads, RequestUploads::Form);
    assert!(
        request
            .received
            .key
            .starts_with("clients/acme/Files received "),
        "{}",
        request.received.key
    );
    assert!(
        request
            .page
            .object
            .key
            .starts_with("clients/acme/.s3share/requests/")
    );
    let form = form_of(&request).await;
    assert_eq!(form.prefix, request.received.key);
    assert_eq!(form.url, format!("{}/{bucket}", server().endpoint()));

    let one: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
    let key = format!("{}contract (1a2b3c).pdf", form.prefix);
    let (status, body) = post(&form, &form.fields, &key, &one).await;
    assert_eq!(status, 201, "{body}");
    let two = b"second file".to_vec();
    let key2 = format!("{}notes é.txt", form.prefix);
    let (status, body) = post(&form, &form.fields, &key2, &two).await;
    assert_eq!(status, 201, "{body}");

    assert_eq!(get_bytes(&session, &bucket, &key).await, one);
    assert_eq!(get_bytes(&session, &bucket, &key2).await, two);
    assert_eq!(received(&session, &request).await.len(), 2);
    // Stored as a download, whatever the file is: nothing sent runs on the bucket's origin.
    let head = session
        .head_object(&S3Location::new(&bucket, &key).unwrap())
        .await
        .unwrap();
    assert_eq!(
        head.content_type.as_deref(),
        Some("application/octet-stream")
    );
}

/// What the request's folder holds (every file in it, however deep).
async fn received(session: &Session, request: &FileRequest) -> Vec<ObjectEntry> {
    let listing = session.list_all(&request.received, true).await.unwrap();
    listing.objects
}

async fn get_bytes(session: &Session, bucket: &str, key: &str) -> Vec<u8> {
    let link = session
        .share_link(&s3share_core::ShareRequest::new(
            S3Location::new(bucket, key).unwrap(),
            Expiry::ONE_HOUR,
            s3share_core::LinkMode::Inline,
        ))
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{key}");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn the_server_refuses_files_over_the_cap_keys_outside_the_folder_and_changed_policies() {
    let session = session().await;
    let bucket = bucket(&session, "req-refuse").await;
    put(
        &session,
        &bucket,
        "clients/acme/contract.pdf",
        b"the owner's file",
    )
    .await;
    let request = make_request(&session, &bucket, Expiry::ONE_HOUR, 100).await;
    let form = form_of(&request).await;

    // One byte over the cap.
    let key = format!("{}big.bin", form.prefix);
    let (status, body) = post(&form, &form.fields, &key, &[1; 101]).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("EntityTooLarge"), "{body}");

    // An existing file of the owner's, beside the new folder: refused, left as it was.
    let (status, body) = post(&form, &form.fields, "clients/acme/contract.pdf", b"evil").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("InvalidPolicyDocument"), "{body}");
    assert_eq!(
        get_bytes(&session, &bucket, "clients/acme/contract.pdf").await,
        b"the owner's file"
    );

    // Any other type than the policy's (a page that would run on the bucket's origin).
    for content_type in ["text/html", "application/pdf", ""] {
        let mut fields = form.fields.clone();
        let field = fields
            .iter_mut()
            .find(|(n, _)| n == "Content-Type")
            .unwrap();
        assert_eq!(field.1, "application/octet-stream");
        field.1 = content_type.to_owned();
        let html = format!("{}page.html", form.prefix);
        let (status, body) = post(&form, &fields, &html, b"<script>alert(1)</script>").await;
        assert_eq!(status, 400, "{content_type}: {body}");
        assert!(body.contains("InvalidPolicyDocument"), "{body}");
    }
    let without: Vec<_> = form
        .fields
        .iter()
        .filter(|(n, _)| n != "Content-Type")
        .cloned()
        .collect();
    let (status, body) = post(&form, &without, &key, b"no type").await;
    assert_eq!(status, 400, "{body}");

    // A policy with a bigger cap, its signature kept: the signature no longer matches.
    let mut fields = form.fields.clone();
    let policy = fields.iter_mut().find(|(n, _)| n == "policy").unwrap();
    use base64::Engine as _;
    let engine = base64::engine::general_purpose::STANDARD;
    let text = String::from_utf8(engine.decode(&policy.1).unwrap()).unwrap();
    assert!(text.contains("[\"content-length-range\",1,100]"), "{text}");
    policy.1 = engine.encode(text.replace(",1,100]", ",1,100000]"));
    let (status, body) = post(&form, &fields, &key, &[1; 101]).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("SignatureDoesNotMatch"), "{body}");

    assert_eq!(received(&session, &request).await, []);
}

#[tokio::test]
async fn a_form_posted_after_the_page_ended_is_refused() {
    let session = session().await;
    let bucket = bucket(&session, "req-expired").await;
    // Long enough to be read on a busy machine; then the test waits for its end.
    let request = make_request(&session, &bucket, Expiry::from_secs(10).unwrap(), 1000).await;
    let form = form_of(&request).await;
    let left = (request.page.expires_at - session.now_utc()).num_milliseconds();
    tokio::time::sleep(Duration::from_millis(
        u64::try_from(left).unwrap_or(0) + 1100,
    ))
    .await;
    let key = format!("{}late.txt", form.prefix);
    let (status, body) = post(&form, &form.fields, &key, b"too late").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("AccessDenied"), "{body}");
    assert!(body.to_ascii_lowercase().contains("expired"), "{body}");
    assert_eq!(received(&session, &request).await, []);
}

#[tokio::test]
async fn the_folder_for_received_files_is_always_a_new_one() {
    let session = session().await;
    let bucket = bucket(&session, "req-new").await;
    // Whatever minute the request is made in, a folder of that name exists already.
    let now = session.now_utc();
    for at in [now, now + chrono::Duration::minutes(1)] {
        let key = format!("clients/acme/{}/mine.txt", received_folder_name(at));
        put(&session, &bucket, &key, b"mine").await;
    }
    let request = make_request(&session, &bucket, Expiry::ONE_HOUR, 1000).await;
    assert!(
        request.received.key.ends_with(" (2)/"),
        "{}",
        request.received.key
    );
    assert_eq!(received(&session, &request).await, []);
}

#[tokio::test]
async fn without_post_object_the_page_carries_put_slots_that_never_replace_a_file() {
    let session = session().await;
    let bucket = bucket(&session, "req-slots").await;
    let request = make_put_slots_request(&session, &bucket, 1000).await;
    assert_eq!(request.uploads, RequestUploads::PutSlots { slots: 20 });
    let html = page(&request).await;
    assert_eq!(data(&html, "mode"), "slots");
    assert!(html.contains("This page takes up to 20 files."));
    let slots: Vec<serde_json::Value> = serde_json::from_str(&data(&html, "slots")).unwrap();
    assert_eq!(slots.len(), 20);

    let send = |slot: &serde_json::Value, body: &'static [u8]| {
        let mut put = http_client()
            .put(slot["url"].as_str().unwrap())
            .body(body.to_vec());
        for header in slot["headers"].as_array().unwrap() {
            put = put.header(header[0].as_str().unwrap(), header[1].as_str().unwrap());
        }
        put.send()
    };
    assert_eq!(send(&slots[0], b"first").await.unwrap().status(), 200);
    // The same slot again (the page opened a second time): refused, the first file kept.
    assert_eq!(send(&slots[0], b"second").await.unwrap().status(), 412);
    assert_eq!(send(&slots[1], b"second").await.unwrap().status(), 200);
    let mut bodies = Vec::new();
    for object in &received(&session, &request).await {
        assert!(object.key.starts_with(&request.received.key));
        bodies.push(get_bytes(&session, &bucket, &object.key).await);
    }
    bodies.sort();
    assert_eq!(bodies, [b"first".to_vec(), b"second".to_vec()]);
}

#[test]
fn the_cli_prints_the_page_says_where_files_arrive_and_records_it() {
    let session_bucket = server().block_on(async {
        let session = session().await;
        bucket(&session, "req-cli").await
    });
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| cli_in(home.path(), args);
    let location = format!("s3://{session_bucket}/inbox/");
    let out = run(&[
        "request",
        &location,
        "--expires",
        "2h",
        "--max-size",
        "10MiB",
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let url = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(url.contains("/inbox/.s3share/requests/"), "{url}");
    assert!(
        stderr.contains(&format!("files will arrive in {location}Files received ")),
        "{stderr}"
    );
    assert!(stderr.contains("up to 10.5 MB each"), "{stderr}");
    assert!(!stderr.contains("X-Amz-Signature"), "{stderr}");

    let out = run(&["request", &location, "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["uploads"]["kind"], "form");
    assert_eq!(json["max_size"], 1u64 << 30);
    assert!(
        json["received"]["key"]
            .as_str()
            .unwrap()
            .starts_with("inbox/Files received ")
    );

    let out = run(&["history", "--json"]);
    let history: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = history.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    for entry in entries {
        assert_eq!(entry["managed"]["folder"]["kind"], "request");
        assert_eq!(entry["managed"]["files"], 0);
        assert!(
            entry["key"]
                .as_str()
                .unwrap()
                .starts_with("inbox/Files received ")
        );
    }

    let out = run(&["request", &location, "--max-size", "6GiB"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 GiB"));
}
