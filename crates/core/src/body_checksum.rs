//! The checksum signed into every upload request, so the storage service itself refuses a
//! body that was damaged (or changed) on the way, before it stores or replaces anything.
//!
//! CRC32C is computed in hardware at many GB/s, so a single PUT hardly waits for it; MD5
//! (`Content-MD5`) runs at ~0.6 GB/s and is kept for services that do not check the newer
//! `x-amz-checksum-*` headers. A service that accepted a CRC32C without saying it checked
//! it (no echo in the answer) gets MD5 for the rest of the session.

use std::io::{Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use md5::{Digest, Md5};
use url::Url;

use super::error::Result;
use super::upload::{FileSnapshot, local_error};

/// Read size for digests: large reads keep the per-call overhead out of the way.
const DIGEST_READ_BYTES: usize = 4 * 1024 * 1024;

/// The header S3 checks a CRC32C against, and echoes when it did.
pub(crate) const CRC32C_HEADER: &str = "x-amz-checksum-crc32c";

/// Which checksum a service is trusted to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChecksumKind {
    Crc32c,
    Md5,
}

impl ChecksumKind {
    /// By endpoint: AWS, Cloudflare R2 and MinIO-style services check CRC32C; Wasabi,
    /// Backblaze B2 and DigitalOcean Spaces are only known to check `Content-MD5`.
    pub(crate) fn for_endpoint(endpoint: Option<&Url>) -> Self {
        const MD5_ONLY_HOSTS: [&str; 3] =
            ["wasabisys.com", "backblazeb2.com", "digitaloceanspaces.com"];
        let host = endpoint.and_then(Url::host_str).unwrap_or_default();
        let md5_only = MD5_ONLY_HOSTS
            .iter()
            .any(|suffix| host == *suffix || host.ends_with(&format!(".{suffix}")));
        if md5_only { Self::Md5 } else { Self::Crc32c }
    }
}

/// The checksum a session's uploads carry: from the endpoint at first, MD5 once the
/// service has shown that it does not check CRC32C.
#[derive(Debug)]
pub(crate) struct ChecksumChoice {
    by_endpoint: ChecksumKind,
    crc32c_unchecked: AtomicBool,
}

impl ChecksumChoice {
    pub(crate) fn for_endpoint(endpoint: Option<&Url>) -> Self {
        Self {
            by_endpoint: ChecksumKind::for_endpoint(endpoint),
            crc32c_unchecked: AtomicBool::new(false),
        }
    }

    pub(crate) fn kind(&self) -> ChecksumKind {
        if self.crc32c_unchecked.load(Ordering::Relaxed) {
            ChecksumKind::Md5
        } else {
            self.by_endpoint
        }
    }

    pub(crate) fn note_crc32c_unchecked(&self) {
        self.crc32c_unchecked.store(true, Ordering::Relaxed);
    }
}

/// A body's checksum, base64 as the headers carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BodyChecksum {
    Crc32c(String),
    Md5(String),
}

impl BodyChecksum {
    /// The checksum of a byte range of a file, read on a blocking thread; the file is
    /// opened only if it is still the one `snapshot` describes.
    pub(crate) async fn of_range(
        kind: ChecksumKind,
        path: &Path,
        snapshot: &FileSnapshot,
        offset: u64,
        len: u64,
    ) -> Result<Self> {
        let (owned, snapshot) = (path.to_owned(), *snapshot);
        tokio::task::spawn_blocking(move || {
            let mut file = snapshot.open(&owned)?;
            let mut digest = RunningDigest::new(kind);
            let mut read_all = || -> std::io::Result<()> {
                file.seek(std::io::SeekFrom::Start(offset))?;
                let mut reader = (&mut file).take(len);
                let mut buffer = vec![0; DIGEST_READ_BYTES];
                loop {
                    let read = reader.read(&mut buffer)?;
                    if read == 0 {
                        return Ok(());
                    }
                    digest.update(&buffer[..read]);
                }
            };
            read_all().map_err(local_error(&owned))?;
            Ok(digest.finish())
        })
        .await
        .map_err(|e| local_error(path)(std::io::Error::other(e)))?
    }

    /// The value for `Content-MD5`, if this is an MD5.
    pub(crate) fn content_md5(&self) -> Option<String> {
        match self {
            Self::Md5(md5) => Some(md5.clone()),
            Self::Crc32c(_) => None,
        }
    }

    /// The value for `x-amz-checksum-crc32c`, if this is a CRC32C.
    pub(crate) fn crc32c(&self) -> Option<String> {
        match self {
            Self::Crc32c(crc) => Some(crc.clone()),
            Self::Md5(_) => None,
        }
    }

    /// The MD5 in lower-case hex (as plain ETags carry it), if this is an MD5.
    pub(crate) fn md5_hex(&self) -> Option<String> {
        let Self::Md5(md5) = self else { return None };
        let bytes = aws_smithy_types::base64::decode(md5).ok()?;
        Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The answer of a service that checked this checksum says so: S3 echoes the
    /// `x-amz-checksum-*` header it verified. `Content-MD5` is checked by every service.
    pub(crate) fn was_checked_by(&self, answer: &reqwest::header::HeaderMap) -> bool {
        match self {
            Self::Md5(_) => true,
            Self::Crc32c(sent) => answer
                .get(CRC32C_HEADER)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|echoed| echoed == sent),
        }
    }
}

/// A checksum being computed.
enum RunningDigest {
    Crc32c(u32),
    Md5(Box<Md5>),
}

impl RunningDigest {
    fn new(kind: ChecksumKind) -> Self {
        match kind {
            ChecksumKind::Crc32c => Self::Crc32c(0),
            ChecksumKind::Md5 => Self::Md5(Box::default()),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Self::Crc32c(crc) => *crc = crc32c::crc32c_append(*crc, bytes),
            Self::Md5(hasher) => hasher.update(bytes),
        }
    }

    fn finish(self) -> BodyChecksum {
        use aws_smithy_types::base64::encode;
        match self {
            Self::Crc32c(crc) => BodyChecksum::Crc32c(encode(crc.to_be_bytes())),
            Self::Md5(hasher) => BodyChecksum::Md5(encode(hasher.finalize())),
        }
    }
}

/// The base64 MD5 of bytes (for tests and small bodies).
#[cfg(test)]
fn md5_of(bytes: &[u8]) -> BodyChecksum {
    let mut digest = RunningDigest::new(ChecksumKind::Md5);
    digest.update(bytes);
    digest.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_match_the_s3_documentation_encodings() {
        // CRC32C("123456789") = 0xE3069283, the standard check value.
        let mut crc = RunningDigest::new(ChecksumKind::Crc32c);
        crc.update(b"1234");
        crc.update(b"56789");
        assert_eq!(crc.finish(), BodyChecksum::Crc32c("4waSgw==".to_owned()));
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e.
        assert_eq!(
            md5_of(b""),
            BodyChecksum::Md5("1B2M2Y8AsgTpgAmY7PhCfg==".to_owned())
        );
    }

    #[test]
    fn services_known_for_md5_only_get_md5() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(ChecksumKind::for_endpoint(None), ChecksumKind::Crc32c);
        for crc in [
            "https://acc.r2.cloudflarestorage.com",
            "http://127.0.0.1:9000",
            "https://notwasabisys.com",
        ] {
            assert_eq!(
                ChecksumKind::for_endpoint(Some(&url(crc))),
                ChecksumKind::Crc32c,
                "{crc}"
            );
        }
        for md5 in [
            "https://s3.eu-central-1.wasabisys.com",
            "https://s3.us-west-004.backblazeb2.com",
            "https://fra1.digitaloceanspaces.com",
        ] {
            assert_eq!(
                ChecksumKind::for_endpoint(Some(&url(md5))),
                ChecksumKind::Md5,
                "{md5}"
            );
        }
    }

    #[test]
    fn a_service_that_ignored_a_crc_gets_md5_from_then_on() {
        let choice = ChecksumChoice::for_endpoint(None);
        assert_eq!(choice.kind(), ChecksumKind::Crc32c);
        choice.note_crc32c_unchecked();
        assert_eq!(choice.kind(), ChecksumKind::Md5);
    }

    #[test]
    fn a_crc_counts_as_checked_only_when_echoed_unchanged() {
        let sent = BodyChecksum::Crc32c("4waSgw==".to_owned());
        let mut answer = reqwest::header::HeaderMap::new();
        assert!(!sent.was_checked_by(&answer));
        answer.insert(CRC32C_HEADER, "AAAAAA==".parse().unwrap());
        assert!(!sent.was_checked_by(&answer));
        answer.insert(CRC32C_HEADER, "4waSgw==".parse().unwrap());
        assert!(sent.was_checked_by(&answer));
        assert!(md5_of(b"x").was_checked_by(&reqwest::header::HeaderMap::new()));
    }
}
