//! `Content-MD5` checked before anything is stored, as S3 does.
//!
//! s3s-fs compares `Content-MD5` on PutObject only after it has moved the new file into
//! place (so a damaged upload still replaces the old file), and not at all on UploadPart.
//! Here the request body is wrapped in a stream that fails at its end when the digest
//! differs: s3s-fs then never renames its temporary file in, and the answer becomes
//! `400 BadDigest`, like S3's.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;
use md5::{Digest, Md5};
use s3s::stream::{ByteStream, RemainingLength};

/// Set when a body did not match its `Content-MD5`.
#[derive(Clone, Default)]
pub(super) struct DigestVerdict(Arc<AtomicBool>);

impl DigestVerdict {
    pub(super) fn mismatched(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Wraps the body of a PUT that carries `Content-MD5`; other requests pass unchanged.
pub(super) fn checked_request(
    request: http::Request<hyper::body::Incoming>,
) -> (http::Request<s3s::Body>, Option<DigestVerdict>) {
    let expected = (request.method() == http::Method::PUT)
        .then(|| request.headers().get("content-md5"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| aws_smithy_types::base64::decode(v).ok())
        .and_then(|bytes| <[u8; 16]>::try_from(bytes).ok());
    let (parts, body) = request.into_parts();
    let body = s3s::Body::from(body);
    let Some(expected) = expected else {
        return (http::Request::from_parts(parts, body), None);
    };
    let verdict = DigestVerdict::default();
    let checked = CheckedBody {
        inner: body,
        hasher: Md5::new(),
        expected,
        verdict: verdict.clone(),
    };
    let stream: s3s::stream::DynByteStream = Box::pin(checked);
    (
        http::Request::from_parts(parts, s3s::Body::from(stream)),
        Some(verdict),
    )
}

pub(super) fn bad_digest_response() -> http::Response<s3s::Body> {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>BadDigest</Code>\
                <Message>The Content-MD5 you specified did not match what was received.</Message></Error>";
    let mut response = http::Response::new(s3s::Body::from(body.to_owned()));
    *response.status_mut() = http::StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/xml"),
    );
    response
}

struct CheckedBody {
    inner: s3s::Body,
    hasher: Md5,
    expected: [u8; 16],
    verdict: DigestVerdict,
}

#[derive(Debug, thiserror::Error)]
#[error("the body does not match its Content-MD5")]
struct BadDigest;

impl Stream for CheckedBody {
    type Item = Result<Bytes, s3s::StdError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                this.hasher.update(&bytes);
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(None) => {
                let actual: [u8; 16] = std::mem::take(&mut this.hasher).finalize().into();
                if actual == this.expected {
                    Poll::Ready(None)
                } else {
                    this.verdict.0.store(true, Ordering::Release);
                    Poll::Ready(Some(Err(Box::new(BadDigest))))
                }
            }
            other => other,
        }
    }
}

impl ByteStream for CheckedBody {
    fn remaining_length(&self) -> RemainingLength {
        self.inner.remaining_length()
    }
}
