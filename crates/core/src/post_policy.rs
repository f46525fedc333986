//! Browser uploads straight to a bucket: an HTML form (or a script's `FormData`) posted to
//! the bucket's own URL with a signed POST policy (AWS SigV4 "POST Object"). The policy
//! fixes what the form may do — a key prefix, a size range, an expiry, the success
//! status — and the signature (from the `aws-sigv4` crate's signing key, never our own
//! HMAC) proves the owner allowed it. Anyone holding the form can upload only that.

use std::time::SystemTime;

use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::client::Session;
use super::error::{Error, Result};

/// The one algorithm POST policies are signed with here.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The status a successful POST answers with (an XML body the page does not need).
pub const SUCCESS_STATUS: &str = "201";

/// The one type an uploaded file is stored with, as the PUT slots do: a file sent as
/// `text/html` and served back from the bucket's own address would run there (beside the
/// request page and its signed form). Browsers download `application/octet-stream`.
pub const UPLOAD_CONTENT_TYPE: &str = "application/octet-stream";

/// What a form may upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostRules {
    pub bucket: String,
    /// Every key must start with this (a folder key ending in `/`).
    pub key_prefix: String,
    /// The largest file, in bytes (the smallest is 1 byte).
    pub max_size: u64,
    /// When the form stops working.
    pub expires_at: DateTime<Utc>,
}

/// A signed form: where to post and the fields to send (among them `Content-Type`,
/// always [`UPLOAD_CONTENT_TYPE`]) before `key` and the file (which goes last). Its
/// `Debug` hides the signature and the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct PostForm {
    /// The bucket's own URL (path-style or virtual-hosted, as the connection addresses it).
    pub url: String,
    pub fields: Vec<(String, String)>,
    pub rules: PostRules,
}

impl std::fmt::Debug for PostForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<(&str, &str)> = self
            .fields
            .iter()
            .map(|(name, value)| {
                let secret = matches!(
                    name.as_str(),
                    "x-amz-signature" | "x-amz-security-token" | "policy"
                );
                (name.as_str(), if secret { "<redacted>" } else { value })
            })
            .collect();
        f.debug_struct("PostForm")
            .field("url", &self.url)
            .field("fields", &fields)
            .field("rules", &self.rules)
            .finish()
    }
}

/// The policy document: every field the form sends is named in a condition (S3 refuses
/// forms with fields the policy does not mention).
fn policy_json(
    rules: &PostRules,
    credential: &str,
    amz_date: &str,
    session_token: Option<&str>,
) -> String {
    let mut conditions = vec![
        serde_json::json!({ "bucket": rules.bucket }),
        serde_json::json!(["starts-with", "$key", rules.key_prefix]),
        serde_json::json!(["content-length-range", 1, rules.max_size]),
        serde_json::json!({ "success_action_status": SUCCESS_STATUS }),
        serde_json::json!(["eq", "$Content-Type", UPLOAD_CONTENT_TYPE]),
        serde_json::json!({ "x-amz-algorithm": ALGORITHM }),
        serde_json::json!({ "x-amz-credential": credential }),
        serde_json::json!({ "x-amz-date": amz_date }),
    ];
    if let Some(token) = session_token {
        conditions.push(serde_json::json!({ "x-amz-security-token": token }));
    }
    serde_json::json!({
        "expiration": rules.expires_at.format("%Y-%m-%dT%H:%M:%S.000Z").to_string(),
        "conditions": conditions,
    })
    .to_string()
}

/// Signs `rules` for `url` with the keys and region given, at `now` (the service's time).
pub(crate) fn sign_post_form(
    url: &str,
    region: &str,
    credentials: &aws_credential_types::Credentials,
    rules: PostRules,
    now: SystemTime,
) -> PostForm {
    let time = DateTime::<Utc>::from(now);
    let amz_date = time.format("%Y%m%dT%H%M%SZ").to_string();
    let credential = format!(
        "{}/{}/{region}/s3/aws4_request",
        credentials.access_key_id(),
        time.format("%Y%m%d")
    );
    let token = credentials.session_token();
    let policy = base64::engine::general_purpose::STANDARD.encode(policy_json(
        &rules,
        &credential,
        &amz_date,
        token,
    ));
    // SigV4 for POST: the string to sign is the base64 policy itself.
    let key = aws_sigv4::sign::v4::generate_signing_key(
        credentials.secret_access_key(),
        now,
        region,
        "s3",
    );
    let signature = aws_sigv4::sign::v4::calculate_signature(key, policy.as_bytes());
    let mut fields = vec![
        ("Content-Type".to_owned(), UPLOAD_CONTENT_TYPE.to_owned()),
        ("policy".to_owned(), policy),
        (
            "success_action_status".to_owned(),
            SUCCESS_STATUS.to_owned(),
        ),
        ("x-amz-algorithm".to_owned(), ALGORITHM.to_owned()),
        ("x-amz-credential".to_owned(), credential),
        ("x-amz-date".to_owned(), amz_date),
    ];
    if let Some(token) = token {
        fields.push(("x-amz-security-token".to_owned(), token.to_owned()));
    }
    fields.push(("x-amz-signature".to_owned(), signature));
    PostForm {
        url: url.to_owned(),
        fields,
        rules,
    }
}

impl Session {
    /// A signed form for uploads into `rules.key_prefix` of `rules.bucket`. `Ok(None)` when
    /// this bucket's endpoint needs a signer other than plain SigV4 (S3 Express, access
    /// points): no form can be signed for it here.
    pub async fn post_form(&self, rules: PostRules) -> Result<Option<PostForm>> {
        if !rules.key_prefix.ends_with('/') || rules.key_prefix.len() <= 1 {
            return Err(Error::invalid(
                "folder",
                "uploads need a folder of their own (a name ending in /)",
            ));
        }
        if rules.max_size == 0 {
            return Err(Error::invalid(
                "size",
                "the largest file must be at least 1 byte",
            ));
        }
        let region = self.region_for_signing(&rules.bucket).await;
        let Some((url, signing_region, credentials)) =
            self.bucket_url_for_signing(&region, &rules.bucket).await?
        else {
            return Ok(None);
        };
        Ok(Some(sign_post_form(
            &url,
            &signing_region,
            &credentials,
            rules,
            self.now(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::Credentials;
    use std::time::Duration;

    fn rules() -> PostRules {
        PostRules {
            bucket: "b".to_owned(),
            key_prefix: "in/Files received/".to_owned(),
            max_size: 1000,
            expires_at: DateTime::parse_from_rfc3339("2026-11-28T14:30:00Z")
                .unwrap()
                .to_utc(),
        }
    }

    fn field<'a>(form: &'a PostForm, name: &str) -> Option<&'a str> {
        form.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_policy_names_every_field_and_the_signature_is_sigv4s() {
        let creds = Credentials::new("AKID", "SECRET", None, None, "test");
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        let form = sign_post_form("http://127.0.0.1:9/b", "eu-west-1", &creds, rules(), now);
        let policy = base64::engine::general_purpose::STANDARD
            .decode(field(&form, "policy").unwrap())
            .unwrap();
        let policy: serde_json::Value = serde_json::from_slice(&policy).unwrap();
        assert_eq!(policy["expiration"], "2026-11-28T14:30:00.000Z");
        let conditions = policy["conditions"].to_string();
        for expected in [
            r#"["starts-with","$key","in/Files received/"]"#,
            r#"["content-length-range",1,1000]"#,
            r#"["eq","$Content-Type","application/octet-stream"]"#,
            r#"{"success_action_status":"201"}"#,
            r#"{"x-amz-credential":"AKID/20261118/eu-west-1/s3/aws4_request"}"#,
            r#"{"x-amz-date":"20261118T110640Z"}"#,
        ] {
            assert!(conditions.contains(expected), "{expected} in {conditions}");
        }
        assert_eq!(field(&form, "x-amz-security-token"), None);
        // The same key and policy signed again give the same signature; another secret not.
        let again = sign_post_form("http://127.0.0.1:9/b", "eu-west-1", &creds, rules(), now);
        assert_eq!(
            field(&form, "x-amz-signature"),
            field(&again, "x-amz-signature")
        );
        let other = Credentials::new("AKID", "OTHER", None, None, "test");
        let other = sign_post_form("http://127.0.0.1:9/b", "eu-west-1", &other, rules(), now);
        assert_ne!(
            field(&form, "x-amz-signature"),
            field(&other, "x-amz-signature")
        );
        assert_eq!(field(&form, "x-amz-signature").unwrap().len(), 64);
    }

    /// Posts `form` with `key` and `body` as a browser does (the file last).
    async fn post(form: &PostForm, key: &str, body: &[u8]) -> (u16, String) {
        post_as(form, key, body, UPLOAD_CONTENT_TYPE).await
    }

    /// Posts with the form's `Content-Type` field set to `content_type`.
    async fn post_as(form: &PostForm, key: &str, body: &[u8], content_type: &str) -> (u16, String) {
        const BOUNDARY: &str = "s3share-test-boundary";
        let mut data = Vec::new();
        let fields = form
            .fields
            .iter()
            .map(|(n, v)| {
                let v = if n == "Content-Type" { content_type } else { v };
                (n.as_str(), v)
            })
            .chain([("key", key)]);
        for (name, value) in fields {
            data.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        data.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes(),
        );
        data.extend_from_slice(body);
        data.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let response = reqwest::Client::new()
            .post(&form.url)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(data)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// S3 takes a signed form until its policy's expiration, however long ago it was
    /// signed; the embedded server does too (s3s alone would stop it after 15 minutes),
    /// and still refuses it once the policy has ended.
    #[tokio::test]
    async fn the_embedded_server_takes_a_form_signed_long_ago_until_its_policy_ends() {
        use crate::demo::{DemoServer, DemoServerOptions};
        let dir = tempfile::tempdir().unwrap();
        let server = DemoServer::start(DemoServerOptions {
            root: dir.path().to_owned(),
            port: 0,
            keys: None,
        })
        .await
        .unwrap();
        let session = Session::connect(&server.connection("t")).await.unwrap();
        session.create_bucket("forms").await.unwrap();
        let creds = Credentials::new(
            server.access_key_id(),
            server.secret_access_key().expose(),
            None,
            None,
            "t",
        );
        let url = format!("{}/forms", server.endpoint());
        let rules = |ends: DateTime<Utc>| PostRules {
            bucket: "forms".to_owned(),
            key_prefix: "in/".to_owned(),
            max_size: 100,
            expires_at: ends,
        };
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let later = Utc::now() + chrono::Duration::hours(1);
        let old = sign_post_form(&url, "us-east-1", &creds, rules(later), an_hour_ago);
        let (status, body) = post(&old, "in/a.txt", b"hello").await;
        assert_eq!(status, 201, "{body}");
        // Stored as the form says, whatever type the file part claims.
        let head = session
            .client_for("forms")
            .await
            .unwrap()
            .head_object()
            .bucket("forms")
            .key("in/a.txt")
            .send()
            .await
            .unwrap();
        assert_eq!(head.content_type(), Some(UPLOAD_CONTENT_TYPE));
        // A page that would run on the bucket's address is refused.
        let (status, body) = post_as(&old, "in/page.html", b"<script>", "text/html").await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("InvalidPolicyDocument"), "{body}");

        let ended = Utc::now() - chrono::Duration::seconds(1);
        let form = sign_post_form(&url, "us-east-1", &creds, rules(ended), SystemTime::now());
        let (status, body) = post(&form, "in/b.txt", b"hello").await;
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("expired"), "{body}");

        // Other requests keep s3s's 15 minutes: a link signed an hour ahead is refused.
        let ahead = SystemTime::now() + Duration::from_secs(3600);
        let config = aws_sdk_s3::presigning::PresigningConfig::builder()
            .start_time(ahead)
            .expires_in(Duration::from_secs(60))
            .build()
            .unwrap();
        let link = session
            .client_for("forms")
            .await
            .unwrap()
            .get_object()
            .bucket("forms")
            .key("in/a.txt")
            .presigned(config)
            .await
            .unwrap();
        let status = reqwest::get(link.uri()).await.unwrap().status();
        assert_eq!(status, 403);
    }

    #[test]
    fn temporary_keys_sign_their_token_in_and_debug_hides_it() {
        let creds = Credentials::new("AKID", "SECRET", Some("TOKEN123".to_owned()), None, "t");
        let form = sign_post_form(
            "https://b.s3.amazonaws.com",
            "us-east-1",
            &creds,
            rules(),
            SystemTime::now(),
        );
        assert_eq!(field(&form, "x-amz-security-token"), Some("TOKEN123"));
        let policy = base64::engine::general_purpose::STANDARD
            .decode(field(&form, "policy").unwrap())
            .unwrap();
        assert!(String::from_utf8(policy).unwrap().contains("TOKEN123"));
        let debug = format!("{form:?}");
        assert!(!debug.contains("TOKEN123"), "{debug}");
        assert!(!debug.contains(field(&form, "x-amz-signature").unwrap()));
    }
}
