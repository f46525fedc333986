//! The embedded local S3 server: s3s + s3s-fs over a directory, on 127.0.0.1. It checks
//! SigV4 signatures and link expiry like the real thing. Used for demo storage (a fresh
//! install works with no account), `s3share demo-server`, and every integration test.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use rand::Rng;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

mod digest;
mod listing;
mod stable;
mod store;

pub use stable::{
    DEMO_KEYS_ACCOUNT, DEMO_PORT, DemoRestart, DemoSession, LinkGone, StableDemo, lock_folder,
    start_stable,
};

use super::connection::ConnectionSettings;
use super::credentials::{CredentialSource, Secret};
use super::error::{Error, Result};

/// Region the demo server pretends to be in (it answers no region of its own).
pub const DEMO_REGION: &str = "us-east-1";
/// Bucket created and filled by [`seed_samples`].
pub const DEMO_BUCKET: &str = "demo";

#[derive(Clone, Debug, Default)]
pub struct DemoServerOptions {
    /// Directory holding the buckets (one sub-directory each).
    pub root: PathBuf,
    /// 0 = any free port.
    pub port: u16,
    /// Keys to accept; generated when `None`.
    pub keys: Option<(String, Secret)>,
}

/// A running server. Stops when dropped.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    access_key_id: String,
    secret_access_key: Secret,
    root: PathBuf,
    stop: CancellationToken,
    /// Demo storage's lock on its folder ([`start_stable`]): let go with the server.
    hold: Option<std::fs::File>,
}

impl DemoServer {
    pub async fn start(options: DemoServerOptions) -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", options.port))
            .await
            .map_err(|e| Error::DemoServer(format!("port {}: {e}", options.port)))?;
        let keys = options
            .keys
            .unwrap_or_else(|| (random_text(20).to_uppercase(), Secret::new(random_text(40))));
        Self::serve_on(listener, &options.root, keys)
    }

    /// Serves the buckets in `root` on `listener`, accepting `keys` (access key id, secret).
    fn serve_on(listener: TcpListener, root: &Path, keys: (String, Secret)) -> Result<Self> {
        let fail =
            |what: &str, e: &dyn std::fmt::Display| Error::DemoServer(format!("{what}: {e}"));
        std::fs::create_dir_all(root).map_err(|e| fail("cannot create the storage folder", &e))?;
        let root = root
            .canonicalize()
            .map_err(|e| fail("storage folder", &e))?;
        let (access_key_id, secret_access_key) = keys;
        let fs = store::DemoStore::new(&root)
            .map_err(|e| Error::DemoServer(format!("storage folder: {e:?}")))?;
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(
            access_key_id.clone(),
            secret_access_key.expose().to_owned(),
        ));
        builder.set_config(Arc::new(PostFormConfig::default()));
        let s3 = builder.build();
        let addr = listener.local_addr().map_err(|e| fail("address", &e))?;
        let stop = CancellationToken::new();
        tokio::spawn(serve(listener, s3, stop.clone()));
        tracing::info!(%addr, root = %root.display(), "local S3 server started");
        Ok(Self {
            addr,
            access_key_id,
            secret_access_key,
            root,
            stop,
            hold: None,
        })
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn secret_access_key(&self) -> &Secret {
        &self.secret_access_key
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Settings to connect to this server.
    pub fn connection(&self, name: &str) -> ConnectionSettings {
        ConnectionSettings {
            name: name.to_owned(),
            endpoint: Some(self.endpoint()),
            region: Some(DEMO_REGION.to_owned()),
            path_style: Some(true),
            credentials: CredentialSource::Static {
                access_key_id: self.access_key_id.clone(),
                secret_access_key: self.secret_access_key.clone(),
                session_token: None,
                expires_at: None,
            },
        }
    }

    pub fn stop(&self) {
        self.stop.cancel();
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

async fn serve(listener: TcpListener, s3: s3s::service::S3Service, stop: CancellationToken) {
    let http = ConnBuilder::new(TokioExecutor::new());
    // Connections are tracked so that stopping the server really stops it, mid-transfer
    // included (the app is quitting, or a test simulates an outage).
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let socket = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => socket,
                Err(e) => {
                    tracing::warn!(error = %e, "local S3 server: accept failed");
                    continue;
                }
            },
            () = stop.cancelled() => break,
        };
        while connections.try_join_next().is_some() {}
        let s3 = s3.clone();
        let service = service_fn(move |request: http::Request<hyper::body::Incoming>| {
            let overrides = response_overrides(request.uri().query());
            let s3 = s3.clone();
            async move {
                let (request, digest) = digest::checked_request(request);
                let post_form = is_post_form(&request);
                let mut response = POST_FORM.scope(post_form, s3.call(request)).await?;
                if digest
                    .as_ref()
                    .is_some_and(digest::DigestVerdict::mismatched)
                {
                    return Ok(digest::bad_digest_response());
                }
                if response.status().is_success() {
                    response.headers_mut().extend(overrides);
                }
                Ok::<_, s3s::HttpError>(response)
            }
        });
        let conn = http
            .serve_connection(TokioIo::new(socket), service)
            .into_owned();
        connections.spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    connections.abort_all();
}

tokio::task_local! {
    /// Whether the request being served is a browser form upload (POST Object).
    static POST_FORM: bool;
}

/// A browser form upload: a multipart POST (to a bucket; s3s routes nothing else there).
fn is_post_form<B>(request: &http::Request<B>) -> bool {
    request.method() == http::Method::POST
        && request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// s3s's settings, with one difference for form uploads. s3s refuses a POST whose
/// `x-amz-date` is more than 15 minutes from its clock (its limit for pre-signed URLs); S3
/// itself takes a signed form until the policy's `expiration`, which s3s checks as well.
/// A file-request page is signed once and used for days, so for form uploads (and only
/// those) the date may be as old as the longest link, 7 days; the policy's expiration
/// still ends the form. Every other request keeps s3s's 15 minutes.
#[derive(Debug)]
struct PostFormConfig {
    normal: Arc<s3s::config::S3Config>,
    post_form: Arc<s3s::config::S3Config>,
}

impl Default for PostFormConfig {
    fn default() -> Self {
        let normal = s3s::config::S3Config::default();
        let mut post_form = normal.clone();
        post_form.presigned_url_max_skew_time_secs = 7 * 24 * 3600;
        Self {
            normal: Arc::new(normal),
            post_form: Arc::new(post_form),
        }
    }
}

impl s3s::config::S3ConfigProvider for PostFormConfig {
    fn snapshot(&self) -> Arc<s3s::config::S3Config> {
        if POST_FORM.try_with(|form| *form).unwrap_or(false) {
            self.post_form.clone()
        } else {
            self.normal.clone()
        }
    }
}

/// S3 lets a signed GET override response headers (`response-content-disposition`, ...);
/// s3s-fs does not apply them, so the server does it here, as S3 itself would.
fn response_overrides(query: Option<&str>) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    let Some(query) = query else {
        return headers;
    };
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let header = match name.as_ref() {
            "response-content-disposition" => http::header::CONTENT_DISPOSITION,
            "response-content-type" => http::header::CONTENT_TYPE,
            "response-cache-control" => http::header::CACHE_CONTROL,
            "response-content-language" => http::header::CONTENT_LANGUAGE,
            "response-content-encoding" => http::header::CONTENT_ENCODING,
            "response-expires" => http::header::EXPIRES,
            _ => continue,
        };
        if let Ok(value) = http::HeaderValue::from_str(&value) {
            headers.insert(header, value);
        }
    }
    headers
}

fn random_text(len: usize) -> String {
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// The sample files of demo storage: (key, contents).
pub const SAMPLE_FILES: &[(&str, &[u8])] = &[
    (
        "Welcome to s3share.pdf",
        include_bytes!("../../assets/demo/welcome.pdf"),
    ),
    (
        "Lisbon tram.jpg",
        include_bytes!("../../assets/demo/tram.jpg"),
    ),
    (
        "Café menu – été.txt",
        include_bytes!("../../assets/demo/menu.txt"),
    ),
    (
        "Reports 2026/Quarterly summary.txt",
        include_bytes!("../../assets/demo/summary.txt"),
    ),
];

/// Where demo storage keeps its files: `<data dir>/demo-storage`.
pub fn default_storage_dir() -> Result<PathBuf> {
    crate::paths::data_path("demo-storage")
}

/// Creates the demo bucket with the sample files, once: files the user has deleted or
/// changed since are left alone.
pub fn seed_samples(root: &Path) -> Result<()> {
    let bucket = root.join(DEMO_BUCKET);
    let marker = root.join(".s3share-seeded");
    if marker.exists() {
        return Ok(());
    }
    let io = |e: std::io::Error| Error::DemoServer(format!("cannot create the sample files: {e}"));
    for (key, contents) in SAMPLE_FILES {
        let path = bucket.join(key);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&path, contents).map_err(io)?;
    }
    std::fs::write(&marker, b"").map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_only_response_parameters() {
        let h = response_overrides(Some(
            "response-content-disposition=attachment%3B%20filename%3D%22a.txt%22&X-Amz-Expires=60&response-content-type=text%2Fplain",
        ));
        assert_eq!(h.len(), 2);
        assert_eq!(
            h[http::header::CONTENT_DISPOSITION],
            "attachment; filename=\"a.txt\""
        );
        assert_eq!(h[http::header::CONTENT_TYPE], "text/plain");
        assert!(response_overrides(None).is_empty());
    }
}
