//! Shared test harness: one embedded S3 server (s3s-fs, real SigV4 checks) per test binary
//! on 127.0.0.1, with known keys; helpers to make buckets and objects and to run the CLI.
#![allow(dead_code)]

// Each shared test module stands alone; a test binary using two of them has two copies.
#[allow(clippy::duplicate_mod)]
#[path = "../support/server.rs"]
mod server;

pub use server::TestServer;

#[path = "../support/html.rs"]
mod html;

// Not every test binary reads a page.
#[allow(unused_imports)]
pub use html::data;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use s3share_core::request::{FileRequest, RequestOptions};
use s3share_core::{ConnectionSettings, Expiry, S3Location, Secret, Session};

pub const ACCESS_KEY_ID: &str = "AKTESTS3SHARE0000001";
pub const SECRET_ACCESS_KEY: &str = "test-secret-key-for-s3share-integration";

/// The server lives on its own thread and runtime, so it outlives each test's runtime and
/// can be started from inside an async test.
pub fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(start_server)
}

/// A server of its own, for tests that look at the server's files (open uploads).
pub fn start_server() -> TestServer {
    TestServer::start(&[], Some((ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
}

pub fn settings() -> ConnectionSettings {
    settings_with_secret(SECRET_ACCESS_KEY)
}

pub fn settings_with_secret(secret: &str) -> ConnectionSettings {
    ConnectionSettings {
        name: "test".to_owned(),
        endpoint: Some(server().endpoint()),
        region: Some("us-east-1".to_owned()),
        path_style: None,
        credentials: s3share_core::CredentialSource::Static {
            access_key_id: ACCESS_KEY_ID.to_owned(),
            secret_access_key: Secret::new(secret),
            session_token: None,
            expires_at: None,
        },
    }
}

pub async fn session() -> Session {
    Session::connect(&settings()).await.expect("connect")
}

/// A fresh bucket name per test, so tests never see each other's objects.
pub fn unique_bucket(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub async fn bucket(session: &Session, prefix: &str) -> String {
    let name = unique_bucket(prefix);
    session.create_bucket(&name).await.expect("create bucket");
    name
}

/// Stores an object through a pre-signed PUT (the same path users take).
pub async fn put(session: &Session, bucket: &str, key: &str, body: &[u8]) {
    let object = S3Location::new(bucket, key).unwrap();
    let link = session
        .upload_link(&object, Expiry::ONE_HOUR, None)
        .await
        .expect("upload link");
    let mut request = http_client().put(&link.url).body(body.to_vec());
    for (name, value) in &link.headers {
        request = request.header(name, value);
    }
    let response = request.send().await.expect("PUT");
    assert!(
        response.status().is_success(),
        "PUT {key}: {}",
        response.status()
    );
}

pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Runs the real `s3share` binary against the test server, with no other AWS settings
/// (HOME points to an empty folder so no ~/.aws is read).
pub fn cli(args: &[&str]) -> Output {
    cli_with(args, &[("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)], None)
}

pub fn cli_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&Path>) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = clean_command(home.path());
    cmd.env("AWS_ENDPOINT_URL", server().endpoint())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_REGION", "us-east-1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(file) = stdin {
        cmd.stdin(std::fs::File::open(file).unwrap());
    }
    cmd.args(args).output().expect("run s3share")
}

/// The binary with every AWS_* variable removed and HOME/XDG dirs in `home`.
pub fn clean_command(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_s3share"));
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("S3SHARE_LOG");
    cmd
}

/// The binary (see [`clean_command`]) with the test server's keys, talking to `endpoint`.
pub fn keyed_command(home: &Path, endpoint: &str) -> Command {
    let mut cmd = clean_command(home);
    cmd.env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .env("AWS_REGION", "us-east-1");
    cmd
}

/// Asks for files into `clients/acme/` in `bucket` (a page that posts with POST Object).
pub async fn make_request(
    session: &Session,
    bucket: &str,
    expiry: Expiry,
    max: u64,
) -> FileRequest {
    session
        .request_files(&acme_request(bucket, expiry, max))
        .await
        .expect("request")
}

/// The same for an hour, with the page that sends through PUT slots instead (as for a
/// service without POST Object).
pub async fn make_put_slots_request(session: &Session, bucket: &str, max: u64) -> FileRequest {
    let mut options = acme_request(bucket, Expiry::ONE_HOUR, max);
    options.force_put_slots = true;
    session.request_files(&options).await.expect("request")
}

fn acme_request(bucket: &str, expiry: Expiry, max: u64) -> RequestOptions {
    let folder = S3Location::new(bucket, "clients/acme/").unwrap();
    RequestOptions::new(folder, expiry, max).unwrap()
}

/// Runs the binary (see [`keyed_command`]) against the test server, HOME kept in `home`.
pub fn cli_in(home: &Path, args: &[&str]) -> Output {
    keyed_command(home, &server().endpoint())
        .args(args)
        .output()
        .expect("run s3share")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Keys that break naive URL building: reserved and unsafe characters, non-ASCII.
pub const TRICKY_KEYS: &[&str] = &[
    "plain.txt",
    "with space.txt",
    "plus+sign.txt",
    "percent%20literal%.txt",
    "hash#tag.txt",
    "question?mark.txt",
    "equals=and&amp;.txt",
    "semi;colon.txt",
    "paren(thesis).txt",
    "bra[ck]ets.txt",
    "tilde~file.txt",
    "quotes'single\"double.txt",
    "nested/deeper/folder/file.txt",
    "accents/Résumé été.txt",
    "cjk/報告書.txt",
    "emoji 📄✨.txt",
    "combining e\u{301}\u{301}.txt",
    "comma,star*at@dollar$.txt",
    "back`tick^caret|pipe.txt",
];

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A bucket with the given objects, made through the core.
pub fn bucket_with(prefix: &str, objects: &[(&str, &[u8])]) -> String {
    runtime().block_on(async {
        let session = session().await;
        let bucket = bucket(&session, prefix).await;
        for (key, body) in objects {
            put(&session, &bucket, key, body).await;
        }
        bucket
    })
}

/// GETs a link as a recipient would: status and body.
pub fn get(url: &str) -> (u16, Vec<u8>) {
    runtime().block_on(async {
        let response = http_client().get(url).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.bytes().await.unwrap().to_vec())
    })
}

/// The name a browser saves a download under, from its `Content-Disposition`.
pub fn saved_name(disposition: &str) -> String {
    if let Some(encoded) = disposition.split("filename*=UTF-8''").nth(1) {
        return percent_encoding::percent_decode_str(encoded.split(';').next().unwrap())
            .decode_utf8()
            .unwrap()
            .into_owned();
    }
    disposition
        .split("filename=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches('"')
        .to_owned()
}

/// A page's HTML, fetched through its link.
pub async fn page_html(url: &str) -> String {
    http_client()
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}
