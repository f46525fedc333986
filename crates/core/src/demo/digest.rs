//! `Content-MD5` and `x-amz-checksum-crc32c` checked before anything is stored, as S3 does.
//!
//! s3s-fs compares them on PutObject only after it has moved the new file into place (so
//! a damaged upload still replaces the old file), and not at all on UploadPart.
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

/// Set when a body did not match its checksum.
#[derive(Clone, Default)]
pub(super) struct DigestVerdict(Arc<AtomicBool>);

impl DigestVerdict {
    pub(super) fn mismatched(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The checksum a body must have, from its request's headers.
enum Expected {
    Md5([u8; 16]),
    Crc32c(u32),
}

impl Expected {
    fn of(request: &http::Request<hyper::body::Incoming>) -> Option<Self> {
        if request.method() != http::Method::PUT {
            return None;
        }
        let decoded = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| aws_smithy_types::base64::decode(v).ok())
        };
        if let Some(md5) = decoded("content-md5") {
            return <[u8; 16]>::try_from(md5).ok().map(Self::Md5);
        }
        let crc = decoded("x-amz-checksum-crc32c")?;
        <[u8; 4]>::try_from(crc)
            .ok()
            .map(|bytes| Self::Crc32c(u32::from_be_bytes(bytes)))
    }
}

/// A checksum being computed over a body as it streams in.
enum Running {
    Md5(Box<Md5>),
    Crc32c(Box<crc_fast::Digest>),
}

impl Running {
    fn for_expected(expected: &Expected) -> Self {
        match expected {
            Expected::Md5(_) => Self::Md5(Box::default()),
            Expected::Crc32c(_) => Self::Crc32c(Box::new(crate::body_checksum::crc32c_digest())),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Self::Md5(hasher) => hasher.update(bytes),
            Self::Crc32c(crc) => crc.update(bytes),
        }
    }

    fn matches(&mut self, expected: &Expected) -> bool {
        match (self, expected) {
            (Self::Md5(hasher), Expected::Md5(md5)) => {
                <[u8; 16]>::from(std::mem::take(hasher.as_mut()).finalize()) == *md5
            }
            (Self::Crc32c(crc), Expected::Crc32c(expected)) => {
                u32::try_from(crc.finalize()).ok() == Some(*expected)
            }
            _ => false,
        }
    }
}

/// Wraps the body of a PUT that carries `Content-MD5` or `x-amz-checksum-crc32c`; other
/// requests pass unchanged.
pub(super) fn checked_request(
    request: http::Request<hyper::body::Incoming>,
) -> (http::Request<s3s::Body>, Option<DigestVerdict>) {
    let expected = Expected::of(&request);
    let (parts, body) = request.into_parts();
    let body = s3s::Body::from(body);
    let Some(expected) = expected else {
        return (http::Request::from_parts(parts, body), None);
    };
    let verdict = DigestVerdict::default();
    let checked = CheckedBody {
        inner: body,
        running: Running::for_expected(&expected),
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
                <Message>The checksum you specified did not match what was received.</Message></Error>";
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
    running: Running,
    expected: Expected,
    verdict: DigestVerdict,
}

#[derive(Debug, thiserror::Error)]
#[error("the body does not match its checksum")]
struct BadDigest;

impl Stream for CheckedBody {
    type Item = Result<Bytes, s3s::StdError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                this.running.update(&bytes);
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(None) => {
                if this.running.matches(&this.expected) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// However a body arrives in pieces, the server's running CRC32C is the one an
        /// independent implementation computes for the whole, and nothing else matches.
        #[test]
        fn a_crc32c_checked_in_pieces_matches_the_whole_body_only(
            body in proptest::collection::vec(any::<u8>(), 0..200_000),
            cuts in proptest::collection::vec(0usize..200_000, 0..12),
            flip in any::<u32>(),
        ) {
            let whole = crc32c::crc32c(&body);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(body.len())).collect();
            cuts.extend([0, body.len()]);
            cuts.sort_unstable();
            let mut running = Running::for_expected(&Expected::Crc32c(whole));
            for piece in cuts.windows(2) {
                running.update(&body[piece[0]..piece[1]]);
            }
            let mut other = Running::for_expected(&Expected::Crc32c(whole));
            other.update(&body);
            prop_assert!(running.matches(&Expected::Crc32c(whole)));
            prop_assume!(flip != 0);
            prop_assert!(!other.matches(&Expected::Crc32c(whole ^ flip)));
        }
    }
}
