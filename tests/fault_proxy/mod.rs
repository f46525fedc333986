//! A small HTTP proxy on 127.0.0.1 in front of the embedded S3 server that misbehaves on
//! request: answers like an SSE-KMS bucket (random ETags, `x-amz-server-side-encryption:
//! aws:kms`), drops connections, answers 5xx/403, damages bodies, slows PUTs, refuses
//! aborts, and counts how many requests are in flight at once. Requests keep their Host
//! header, so signatures made for the proxy's address verify upstream.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;

/// What the proxy does wrong, changeable while it runs.
#[derive(Default)]
pub struct Faults {
    /// Answer like an SSE-KMS bucket: ETags are random hex, not MD5s.
    pub kms: AtomicBool,
    /// Close the connection without an answer for this many PUTs.
    pub drop_puts: AtomicUsize,
    /// Answer `503 SlowDown` to this many PUTs.
    pub slow_down_puts: AtomicUsize,
    /// Flip one byte in the body of this many PUTs (the signed Content-MD5 stays).
    pub damage_puts: AtomicUsize,
    /// Answer `403 AccessDenied` to PUTs whose path contains this text.
    pub deny_puts_to: Mutex<Option<String>>,
    /// Hold every PUT this long before forwarding it.
    pub put_delay_ms: AtomicU64,
    /// Answer `500` to every AbortMultipartUpload.
    pub refuse_aborts: AtomicBool,
    /// Answer `400 AuthorizationHeaderMalformed` with this region in the body only.
    pub region_in_body: Mutex<Option<String>>,
    /// Answer like a service that ignores `x-amz-checksum-crc32c`: a PUT carrying one is
    /// answered 200 with a made-up ETag, and neither checked nor stored.
    pub ignore_crc32c: AtomicBool,
    /// Answer a ranged GET like a server that ignores `Range`: `200`, no `Content-Range`,
    /// and after the bytes asked for, [`IGNORED_RANGE_MORE`] bytes more ("more\n" lines),
    /// streamed, with the `Content-Length` of it all. How much of it the client pulled is
    /// counted ([`FaultProxy::ignored_range_sent`]).
    pub ignore_range: AtomicBool,
}

/// What a server ignoring `Range` sends after the bytes asked for: far more than any
/// preview reads, so a client that does not stop is seen (and is slow).
pub const IGNORED_RANGE_MORE: u64 = 128 * 1024 * 1024;

pub struct FaultProxy {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    counters: Arc<Counters>,
}

#[derive(Default)]
struct Counters {
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    requests: AtomicUsize,
    /// CreateMultipartUpload requests seen.
    multipart_starts: AtomicUsize,
    /// PUTs that carried each kind of body checksum.
    puts_with_content_md5: AtomicUsize,
    puts_with_crc32c: AtomicUsize,
    /// Bytes of answers to ranged GETs with `ignore_range` on that the client pulled
    /// (as far as the connection's buffers let the proxy send them).
    ignored_range_sent: AtomicU64,
    /// Every GET seen: its path and its `Range` header.
    gets: Mutex<Vec<(String, Option<String>)>>,
    /// Random ETag given out → the server's own (CompleteMultipartUpload must list them).
    etags: Mutex<HashMap<String, String>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`) on its own thread.
    pub fn start(upstream: &str) -> Self {
        let upstream = upstream.trim_end_matches('/').to_owned();
        let faults = Arc::new(Faults::default());
        let counters = Arc::new(Counters::default());
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let (faults, counters) = (Arc::clone(&faults), Arc::clone(&counters));
            std::thread::Builder::new()
                .name("fault-proxy".to_owned())
                .spawn(move || {
                    let runtime = tokio::runtime::Builder::new_multi_thread()
                        .worker_threads(2)
                        .enable_all()
                        .build()
                        .expect("proxy runtime");
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                        tx.send(listener.local_addr().unwrap()).unwrap();
                        serve(listener, upstream, faults, counters).await;
                    });
                })
                .expect("proxy thread");
        }
        let addr = rx.recv().expect("proxy address");
        Self {
            addr,
            faults,
            counters,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The most requests that were in flight at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.counters.max_in_flight.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::SeqCst)
    }

    /// PUTs seen so far carrying `Content-MD5`, and carrying `x-amz-checksum-crc32c`.
    pub fn puts_by_checksum(&self) -> (usize, usize) {
        (
            self.counters.puts_with_content_md5.load(Ordering::SeqCst),
            self.counters.puts_with_crc32c.load(Ordering::SeqCst),
        )
    }

    pub fn multipart_starts(&self) -> usize {
        self.counters.multipart_starts.load(Ordering::SeqCst)
    }

    /// Every GET seen so far: its path (percent-decoded) and its `Range` header.
    pub fn gets(&self) -> Vec<(String, Option<String>)> {
        self.counters.gets.lock().unwrap().clone()
    }

    /// See [`Faults::ignore_range`].
    pub fn ignored_range_sent(&self) -> u64 {
        self.counters.ignored_range_sent.load(Ordering::SeqCst)
    }

    pub fn reset_counts(&self) {
        self.counters.max_in_flight.store(0, Ordering::SeqCst);
        self.counters.requests.store(0, Ordering::SeqCst);
    }
}

async fn serve(
    listener: tokio::net::TcpListener,
    upstream: String,
    faults: Arc<Faults>,
    counters: Arc<Counters>,
) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("proxy client");
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            continue;
        };
        let (client, upstream, faults, counters) = (
            client.clone(),
            upstream.clone(),
            Arc::clone(&faults),
            Arc::clone(&counters),
        );
        tokio::spawn(async move {
            let service = service_fn(move |request: http::Request<hyper::body::Incoming>| {
                let (client, upstream, faults, counters) = (
                    client.clone(),
                    upstream.clone(),
                    Arc::clone(&faults),
                    Arc::clone(&counters),
                );
                async move {
                    let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    counters.max_in_flight.fetch_max(now, Ordering::SeqCst);
                    counters.requests.fetch_add(1, Ordering::SeqCst);
                    let answer = handle(request, &client, &upstream, &faults, &counters).await;
                    counters.in_flight.fetch_sub(1, Ordering::SeqCst);
                    answer
                }
            });
            let _ = ConnBuilder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(socket), service)
                .await;
        });
    }
}

#[derive(Debug, thiserror::Error)]
#[error("connection dropped on purpose")]
struct Dropped;

fn take_one(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn s3_error(status: u16, code: &str, extra: &str) -> http::Response<s3s::Body> {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{code} (fault proxy)</Message>{extra}</Error>"
    );
    let mut response = http::Response::new(s3s::Body::from(body));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    response.headers_mut().insert(
        "content-type",
        http::HeaderValue::from_static("application/xml"),
    );
    response
}

fn random_etag() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The body of a ranged GET's answer when the range is ignored: `first` (what the server
/// gave for the range), then `more` bytes of "more\n" lines, counted as they are pulled.
struct IgnoredRange {
    first: Option<Bytes>,
    more: u64,
    counters: Arc<Counters>,
}

impl futures_util::Stream for IgnoredRange {
    type Item = Result<Bytes, s3s::StdError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let chunk = if let Some(first) = self.first.take() {
            first
        } else if self.more == 0 {
            return std::task::Poll::Ready(None);
        } else {
            let len = self.more.min(64 * 1024);
            self.more -= len;
            Bytes::from(b"more\n".repeat(64 * 1024 / 5 + 1)[..len as usize].to_vec())
        };
        self.counters
            .ignored_range_sent
            .fetch_add(chunk.len() as u64, Ordering::SeqCst);
        std::task::Poll::Ready(Some(Ok(chunk)))
    }
}

impl s3s::stream::ByteStream for IgnoredRange {}

async fn handle(
    request: http::Request<hyper::body::Incoming>,
    client: &reqwest::Client,
    upstream: &str,
    faults: &Faults,
    counters: &Arc<Counters>,
) -> Result<http::Response<s3s::Body>, Dropped> {
    let (parts, body) = request.into_parts();
    let mut chunks = s3s::Body::from(body);
    let mut body = Vec::new();
    while let Some(chunk) = chunks.next().await {
        body.extend_from_slice(&chunk.map_err(|_| Dropped)?);
    }
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let is_put = parts.method == http::Method::PUT;
    let is_abort = parts.method == http::Method::DELETE && query.contains("uploadId=");
    let is_complete = parts.method == http::Method::POST && query.contains("uploadId=");
    let kms = faults.kms.load(Ordering::SeqCst);
    if parts.method == http::Method::POST
        && query.split('&').any(|p| p == "uploads" || p == "uploads=")
    {
        counters.multipart_starts.fetch_add(1, Ordering::SeqCst);
    }

    if parts.method == http::Method::GET {
        let path = percent_encoding::percent_decode_str(parts.uri.path())
            .decode_utf8_lossy()
            .into_owned();
        let range = parts
            .headers
            .get(http::header::RANGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        counters.gets.lock().unwrap().push((path, range));
    }
    if let Some(region) = faults.region_in_body.lock().unwrap().clone() {
        let signed_for = format!("/{region}/s3/aws4_request");
        let credential = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .unwrap_or_else(|| {
                percent_encoding::percent_decode_str(&query)
                    .decode_utf8_lossy()
                    .into_owned()
            });
        if !credential.contains(&signed_for) {
            return Ok(s3_error(
                400,
                "AuthorizationHeaderMalformed",
                &format!("<Region>{region}</Region>"),
            ));
        }
    }
    if is_put {
        if parts.headers.contains_key("content-md5") {
            counters
                .puts_with_content_md5
                .fetch_add(1, Ordering::SeqCst);
        }
        if parts.headers.contains_key("x-amz-checksum-crc32c") {
            counters.puts_with_crc32c.fetch_add(1, Ordering::SeqCst);
        }
        if faults.ignore_crc32c.load(Ordering::SeqCst)
            && parts.headers.contains_key("x-amz-checksum-crc32c")
        {
            let mut response = http::Response::new(s3s::Body::empty());
            response.headers_mut().insert(
                "etag",
                http::HeaderValue::from_str(&format!("\"{}\"", random_etag())).unwrap(),
            );
            return Ok(response);
        }
        if take_one(&faults.drop_puts) {
            return Err(Dropped);
        }
        if take_one(&faults.slow_down_puts) {
            return Ok(s3_error(503, "SlowDown", ""));
        }
        let denied = faults.deny_puts_to.lock().unwrap().clone();
        if denied.is_some_and(|text| {
            percent_encoding::percent_decode_str(parts.uri.path())
                .decode_utf8_lossy()
                .contains(&text)
        }) {
            return Ok(s3_error(403, "AccessDenied", ""));
        }
        let delay = faults.put_delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        if !body.is_empty() && take_one(&faults.damage_puts) {
            let middle = body.len() / 2;
            body[middle] ^= 0xFF;
        }
    }
    if is_abort && faults.refuse_aborts.load(Ordering::SeqCst) {
        return Ok(s3_error(500, "InternalError", ""));
    }
    if is_complete && kms {
        // Like S3, refuse a part list whose ETags are not the ones given out for the parts
        // (the body is signed, so it is checked, not rewritten).
        let text = String::from_utf8_lossy(&body).replace("&quot;", "\"");
        let given = counters.etags.lock().unwrap();
        let all_known = text
            .split("<ETag>")
            .skip(1)
            .filter_map(|rest| rest.split("</ETag>").next())
            .all(|etag| given.contains_key(etag.trim_matches('"')));
        if !all_known {
            return Ok(s3_error(400, "InvalidPart", ""));
        }
    }

    let url = format!(
        "{upstream}{}",
        parts.uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut forward = client.request(parts.method.clone(), &url);
    for (name, value) in &parts.headers {
        // Content-Length can be a signed header: it is passed on as sent (the body is
        // passed on whole, damaged or not, with its length unchanged).
        if name != http::header::TRANSFER_ENCODING {
            forward = forward.header(name, value);
        }
    }
    let answer = forward
        .body(Bytes::from(body))
        .send()
        .await
        .map_err(|_| Dropped)?;
    let status = answer.status();

    let mut headers = answer.headers().clone();
    let mut answer_body = answer.bytes().await.map_err(|_| Dropped)?.to_vec();
    if parts.method != http::Method::HEAD {
        headers.remove(http::header::CONTENT_LENGTH);
    }
    headers.remove(http::header::TRANSFER_ENCODING);
    if kms && status.is_success() {
        headers.insert(
            "x-amz-server-side-encryption",
            http::HeaderValue::from_static("aws:kms"),
        );
        if let Some(real) = headers.get("etag").and_then(|v| v.to_str().ok()) {
            let real = real.trim_matches('"').to_owned();
            let fake = random_etag();
            counters.etags.lock().unwrap().insert(fake.clone(), real);
            headers.insert(
                "etag",
                http::HeaderValue::from_str(&format!("\"{fake}\"")).unwrap(),
            );
        }
        if is_complete {
            let text = String::from_utf8_lossy(&answer_body).into_owned();
            if let (Some(start), Some(end)) = (text.find("<ETag>"), text.find("</ETag>")) {
                let replaced = format!(
                    "{}<ETag>\"{}\"{}",
                    &text[..start],
                    random_etag(),
                    &text[end..]
                );
                answer_body = replaced.into_bytes();
            }
        }
    }
    if parts.method == http::Method::GET
        && status == http::StatusCode::PARTIAL_CONTENT
        && faults.ignore_range.load(Ordering::SeqCst)
    {
        headers.remove(http::header::CONTENT_RANGE);
        let length = answer_body.len() as u64 + IGNORED_RANGE_MORE;
        headers.insert(
            http::header::CONTENT_LENGTH,
            http::HeaderValue::from(length),
        );
        let body: s3s::stream::DynByteStream = Box::pin(IgnoredRange {
            first: Some(Bytes::from(answer_body)),
            more: IGNORED_RANGE_MORE,
            counters: Arc::clone(counters),
        });
        let mut response = http::Response::new(s3s::Body::from(body));
        *response.headers_mut() = headers;
        return Ok(response);
    }
    let mut response = http::Response::new(s3s::Body::from(answer_body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}
