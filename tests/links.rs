//! Share links against the embedded S3 server: every link is fetched over real HTTP.

mod common;

use common::*;
use s3share_core::{Error, Expiry, LinkMode, S3Location, ShareRequest};

fn request(bucket: &str, key: &str, expiry: Expiry, mode: LinkMode) -> ShareRequest {
    ShareRequest {
        object: S3Location::new(bucket, key).unwrap(),
        expiry,
        mode,
        check_exists: true,
    }
}

#[tokio::test]
async fn links_work_for_tricky_keys() {
    let session = session().await;
    let bucket = bucket(&session, "tricky").await;
    for (i, key) in TRICKY_KEYS.iter().enumerate() {
        let body = format!("contents of {key} #{i}");
        put(&session, &bucket, key, body.as_bytes()).await;
        let link = session
            .share_link(&request(&bucket, key, Expiry::ONE_HOUR, LinkMode::Inline))
            .await
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        let response = http_client().get(&link.url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{key}: {}", link.url);
        assert_eq!(response.bytes().await.unwrap(), body.as_bytes(), "{key}");
    }
}

#[tokio::test]
async fn attachment_carries_the_encoded_file_name() {
    let session = session().await;
    let bucket = bucket(&session, "attach").await;
    put(&session, &bucket, "doc.pdf", b"%PDF-1.4 hello").await;
    let mode = LinkMode::Attachment {
        filename: Some("Contrat signé \"final\".pdf".to_owned()),
    };
    let link = session
        .share_link(&request(&bucket, "doc.pdf", Expiry::ONE_DAY, mode))
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        disposition,
        "attachment; filename=\"Contrat signe _final_.pdf\"; filename*=UTF-8''Contrat%20sign%C3%A9%20%22final%22.pdf"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"%PDF-1.4 hello");
    let secs = (link.expires_at - link.created_at).num_seconds();
    assert!((86_399..=86_401).contains(&secs), "{secs}");
}

#[tokio::test]
async fn download_without_a_name_uses_the_keys_file_name() {
    let session = session().await;
    let bucket = bucket(&session, "noname").await;
    put(&session, &bucket, "folder/Café.txt", b"x").await;
    let mode = LinkMode::Attachment { filename: None };
    let link = session
        .share_link(&request(&bucket, "folder/Café.txt", Expiry::ONE_HOUR, mode))
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''Caf%C3%A9.txt"),
        "{disposition}"
    );
}

#[tokio::test]
async fn inline_sets_a_displayable_type_for_generic_objects() {
    let session = session().await;
    let bucket = bucket(&session, "inline").await;
    // Stored as application/pdf by its name; a .txt stored with a generic type gets text/plain.
    let object = S3Location::new(&bucket, "notes.txt").unwrap();
    let link = session
        .upload_link(&object, Expiry::ONE_HOUR, Some("application/octet-stream"))
        .await
        .unwrap();
    let put = http_client()
        .put(&link.url)
        .header("Content-Type", "application/octet-stream")
        .body("héllo")
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success());
    let link = session
        .share_link(&request(
            &bucket,
            "notes.txt",
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    let response = http_client().get(&link.url).send().await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(response.headers()["content-disposition"], "inline");
}

#[tokio::test]
async fn tampered_and_expired_links_are_refused() {
    let session = session().await;
    let bucket = bucket(&session, "refuse").await;
    put(&session, &bucket, "secret.txt", b"data").await;
    let good = session
        .share_link(&request(
            &bucket,
            "secret.txt",
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    // Flip one hex digit of the signature.
    let sig_at = good.url.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let mut tampered = good.url.clone().into_bytes();
    tampered[sig_at] = if tampered[sig_at] == b'0' { b'1' } else { b'0' };
    let tampered = String::from_utf8(tampered).unwrap();
    let response = http_client().get(&tampered).send().await.unwrap();
    assert_eq!(response.status(), 403);
    // Changing the key under a valid signature is refused too.
    let moved = good.url.replace("secret.txt", "secret2.txt");
    assert_eq!(
        http_client().get(&moved).send().await.unwrap().status(),
        403
    );

    let short = session
        .share_link(&request(
            &bucket,
            "secret.txt",
            Expiry::from_secs(1).unwrap(),
            LinkMode::Inline,
        ))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let response = http_client().get(&short.url).send().await.unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.text().await.unwrap().contains("expired"));
    // The long link still works.
    assert_eq!(
        http_client().get(&good.url).send().await.unwrap().status(),
        200
    );
}

#[tokio::test]
async fn wrong_secret_is_reported_and_its_links_refused() {
    let good = session().await;
    let bucket = bucket(&good, "wrongsecret").await;
    put(&good, &bucket, "a.txt", b"a").await;
    let bad = s3share_core::Session::connect(&settings_with_secret("not-the-secret"))
        .await
        .unwrap();
    let err = bad
        .share_link(&request(
            &bucket,
            "a.txt",
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::CredentialsRejected), "{err:?}");
    let unchecked = ShareRequest {
        check_exists: false,
        ..request(&bucket, "a.txt", Expiry::ONE_HOUR, LinkMode::Inline)
    };
    let link = bad.share_link(&unchecked).await.unwrap();
    assert_eq!(
        http_client().get(&link.url).send().await.unwrap().status(),
        403
    );
}

#[tokio::test]
async fn missing_objects_and_buckets_give_specific_errors() {
    let session = session().await;
    let bucket = bucket(&session, "missing").await;
    let err = session
        .share_link(&request(
            &bucket,
            "nope.pdf",
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::NoSuchKey { key, .. } if key == "nope.pdf"),
        "{err:?}"
    );
    assert!(err.to_string().contains("no longer exists"));
    let err = session
        .share_link(&request(
            "no-such-bucket-here",
            "x.pdf",
            Expiry::ONE_HOUR,
            LinkMode::Inline,
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NoSuchBucket { .. }), "{err:?}");
}

#[tokio::test]
async fn temporary_credentials_cap_the_expiry() {
    use s3share_core::{CredentialSource, ExpiryReason, Secret};
    let mut settings = settings();
    let session_end = chrono::Utc::now() + chrono::Duration::minutes(30);
    settings.credentials = CredentialSource::Static {
        access_key_id: ACCESS_KEY_ID.to_owned(),
        secret_access_key: Secret::new(SECRET_ACCESS_KEY),
        session_token: Some(Secret::new("session-token")),
        expires_at: Some(session_end),
    };
    let session = s3share_core::Session::connect(&settings).await.unwrap();
    let object = S3Location::new("any-bucket", "k.txt").unwrap();
    let unchecked = |expiry| ShareRequest {
        object: object.clone(),
        expiry,
        mode: LinkMode::Inline,
        check_exists: false,
    };
    // The embedded server does not know session tokens; only the computed expiry is
    // checked here (unchecked links sign without asking the server).
    let link = session
        .share_link(&unchecked(Expiry::ONE_DAY))
        .await
        .unwrap();
    assert!(link.url.contains("X-Amz-Security-Token=session-token"));
    assert_eq!(link.expiry_reason, ExpiryReason::CredentialsSession);
    assert!((link.expires_at - session_end).num_seconds().abs() <= 1);
    let short = session
        .share_link(&unchecked(Expiry::FIFTEEN_MINUTES))
        .await
        .unwrap();
    assert_eq!(short.expiry_reason, ExpiryReason::Requested);
}

/// Links for many files at once, signed by the fast signer (the embedded server's plain
/// endpoint never needs the SDK's presigner): each received through a PUT link signed the
/// same way, with the headers it names, then fetched as a download under its own name.
#[tokio::test]
async fn fast_signed_put_and_get_links_round_trip() {
    let session = session().await;
    let bucket = bucket(&session, "fastsign").await;
    let keys = [
        "dossier/Café crème+½ #1?.txt",
        "日本語/ファイル 名.txt",
        "percent%2Fslash/a%b&c=d;e.txt",
        "tab\there.txt",
    ];
    for (i, key) in keys.iter().enumerate() {
        let object = S3Location::new(&bucket, *key).unwrap();
        let upload = session
            .upload_link_for_new_file(&object, Expiry::FIFTEEN_MINUTES, None)
            .await
            .unwrap();
        let mut put = http_client().put(&upload.url);
        for (name, value) in &upload.headers {
            put = put.header(name, value);
        }
        let body = format!("body {i} of {key}");
        let response = put.body(body.clone()).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "{key}: {}",
            response.status()
        );
    }
    let mode = LinkMode::Attachment {
        filename: Some("Relevé « final ».txt".to_owned()),
    };
    let objects = keys.map(|k| S3Location::new(&bucket, k).unwrap());
    let requests: Vec<ShareRequest> = ShareRequest::for_each(objects, Expiry::ONE_DAY, &mode)
        .into_iter()
        .map(|r| r.with_check(false))
        .collect();
    let links = session.share_links(&requests).await.unwrap();
    for (i, (key, link)) in keys.iter().zip(&links).enumerate() {
        let response = http_client().get(&link.url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{key}");
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"Releve"),
            "{key}"
        );
        let expected = format!("body {i} of {key}");
        assert_eq!(
            response.bytes().await.unwrap(),
            expected.as_bytes(),
            "{key}"
        );
    }
}
