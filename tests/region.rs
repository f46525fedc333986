//! A server that names the bucket's region only in the error body, as Garage does: a
//! loopback proxy in front of the embedded server refuses anything signed for another
//! region than "garage-eu" with `400 AuthorizationHeaderMalformed` and
//! `<Region>garage-eu</Region>` (no `x-amz-bucket-region` header; HEAD answers have no
//! body at all), and forwards the rest untouched (the embedded server accepts any region).
//!
//! Before the session read that body, `s3share link` through such a server stopped with
//! "The bucket … is in another region than the one this connection uses".

mod common;

use std::sync::OnceLock;

use common::*;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3share_core::{ConnectionSettings, Expiry, S3Location, Session};

const GARAGE_REGION: &str = "garage-eu";

/// The region a request was signed for: from `Authorization` or `X-Amz-Credential`
/// (`KEY/DATE/REGION/SERVICE/aws4_request`).
fn signed_region(request: &http::Request<hyper::body::Incoming>) -> Option<String> {
    let from_header = request
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split("Credential=").nth(1))
        .map(|rest| rest.split([',', ' ']).next().unwrap_or("").to_owned());
    let from_query = || {
        url::form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
            .find(|(k, _)| k == "X-Amz-Credential")
            .map(|(_, v)| v.into_owned())
    };
    let credential = from_header.or_else(from_query)?;
    credential.split('/').nth(2).map(str::to_owned)
}

async fn garage_like(
    request: http::Request<hyper::body::Incoming>,
    upstream: String,
) -> Result<http::Response<s3s::Body>, std::convert::Infallible> {
    if let Some(region) = signed_region(&request)
        && region != GARAGE_REGION
    {
        let body = if request.method() == http::Method::HEAD {
            String::new()
        } else {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AuthorizationHeaderMalformed</Code><Message>Authorization header malformed, unexpected scope: {region}</Message><Resource>{}</Resource><Region>{GARAGE_REGION}</Region></Error>",
                request.uri().path()
            )
        };
        let response = http::Response::builder()
            .status(400)
            .header("content-type", "application/xml")
            .body(s3s::Body::from(body))
            .unwrap();
        return Ok(response);
    }
    // Forward as is: same method, path, query and headers (Host included, it is signed).
    let (parts, body) = request.into_parts();
    let mut body = s3s::Body::from(body);
    let bytes = body.store_all_limited(64 << 20).await.unwrap_or_default();
    let url = format!(
        "{upstream}{}",
        parts.uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut forward = http_client().request(parts.method.clone(), url);
    for (name, value) in &parts.headers {
        if name != http::header::CONTENT_LENGTH && name != http::header::TRANSFER_ENCODING {
            forward = forward.header(name, value);
        }
    }
    let answer = match forward.body(bytes).send().await {
        Ok(a) => a,
        Err(_) => {
            return Ok(http::Response::builder()
                .status(502)
                .body(s3s::Body::empty())
                .unwrap());
        }
    };
    let mut response = http::Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        if name != http::header::TRANSFER_ENCODING && name != http::header::CONNECTION {
            response = response.header(name, value);
        }
    }
    let bytes = answer.bytes().await.unwrap_or_default();
    Ok(response.body(s3s::Body::from(bytes)).unwrap())
}

/// The proxy's address, started once on its own thread and runtime.
fn proxy() -> &'static str {
    static PROXY: OnceLock<String> = OnceLock::new();
    PROXY.get_or_init(|| {
        let upstream = server().endpoint().trim_end_matches('/').to_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("garage-like-proxy".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                    tx.send(format!("http://{}", listener.local_addr().unwrap()))
                        .unwrap();
                    loop {
                        let Ok((socket, _)) = listener.accept().await else {
                            continue;
                        };
                        let upstream = upstream.clone();
                        tokio::spawn(async move {
                            let service =
                                service_fn(move |request| garage_like(request, upstream.clone()));
                            let _ = ConnBuilder::new(TokioExecutor::new())
                                .serve_connection(TokioIo::new(socket), service)
                                .await;
                        });
                    }
                });
            })
            .unwrap();
        rx.recv().unwrap()
    })
}

fn through_proxy() -> ConnectionSettings {
    ConnectionSettings {
        endpoint: Some(proxy().to_owned()),
        region: Some("us-east-1".to_owned()),
        ..settings()
    }
}

fn credential_scope(url: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "X-Amz-Credential")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("X-Amz-Credential in {url}"))
}

/// The proxy really refuses the wrong region (else the tests below would prove nothing).
#[test]
fn the_proxy_refuses_other_regions_with_the_region_in_the_body() {
    let bucket = bucket_with("garageraw", &[("a.txt", b"a")]);
    runtime().block_on(async {
        let response = http_client()
            .get(format!("{}/{bucket}/a.txt", proxy()))
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        assert!(response.headers().get("x-amz-bucket-region").is_none());
        let body = response.text().await.unwrap();
        assert!(body.contains("<Region>garage-eu</Region>"), "{body}");
    });
}

#[test]
fn link_through_a_garage_like_server_is_signed_for_its_region() {
    let bucket = bucket_with("garagelink", &[("docs/plan.txt", b"the plan")]);
    let out = cli_with(
        &["link", &format!("s3://{bucket}/docs/plan.txt")],
        &[
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
            ("AWS_ENDPOINT_URL", proxy()),
            ("AWS_REGION", "us-east-1"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert!(url.starts_with(proxy()), "{url}");
    assert!(
        credential_scope(&url).ends_with(&format!("/{GARAGE_REGION}/s3/aws4_request")),
        "{url}"
    );
    assert_eq!(get(&url), (200, b"the plan".to_vec()));
}

#[test]
fn upload_link_and_listing_through_a_garage_like_server() {
    let bucket = bucket_with("garageup", &[("old.txt", b"old")]);
    let env = [
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", proxy()),
        ("AWS_REGION", "us-east-1"),
    ];
    let out = cli_with(
        &["upload-link", &format!("s3://{bucket}/new.txt")],
        &env,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert!(credential_scope(&url).contains("/garage-eu/"), "{url}");
    let status = runtime().block_on(async {
        http_client()
            .put(&url)
            .header("content-type", "text/plain; charset=utf-8")
            .header("if-none-match", "*")
            .body("new")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let out = cli_with(&["ls", &format!("s3://{bucket}")], &env, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = stdout(&out);
    assert!(
        listing.contains("old.txt") && listing.contains("new.txt"),
        "{listing}"
    );
}

/// The bucket list is not about one bucket: the error names the server's region.
#[test]
fn bucket_list_names_the_region_to_use() {
    let env = [
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", proxy()),
        ("AWS_REGION", "us-east-1"),
    ];
    let out = cli_with(&["buckets"], &env, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("works in region garage-eu") && err.contains("region to garage-eu"),
        "{err}"
    );
    let out = cli_with(&["--region", GARAGE_REGION, "buckets"], &env, None);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The core learns the region once per bucket and keeps it.
#[test]
fn session_detects_and_caches_the_region_from_the_error_body() {
    let bucket = bucket_with("garagecore", &[("k.txt", b"k")]);
    runtime().block_on(async {
        let session = Session::connect(&through_proxy()).await.unwrap();
        assert_eq!(session.bucket_region(&bucket).await.unwrap(), GARAGE_REGION);
        assert_eq!(session.bucket_region(&bucket).await.unwrap(), GARAGE_REGION);
        let link = session
            .upload_link(
                &S3Location::new(&bucket, "k2.txt").unwrap(),
                Expiry::ONE_HOUR,
                None,
            )
            .await
            .unwrap();
        assert!(credential_scope(&link.url).contains("/garage-eu/"));
        let info = session
            .head_object(&S3Location::new(&bucket, "k.txt").unwrap())
            .await
            .unwrap();
        assert_eq!(info.size, 1);
    });
}
