//! The checksum signed into every upload request, so the storage service itself refuses a
//! body that was damaged (or changed) on the way, before it stores or replaces anything.
//!
//! CRC32C is computed in hardware at many GB/s, so a single PUT hardly waits for it; MD5
//! (`Content-MD5`, ~0.6 GB/s) is checked by every S3-compatible service. A service that
//! ignored an `x-amz-checksum-crc32c` would store a damaged body over the user's file, so
//! CRC32C is used only where the service is known to check it (AWS, Cloudflare R2) or has
//! proven it does: it refused a test part with a wrong CRC32C (`Session::probe_crc32c`).

use std::io::{Read, Seek};
use std::path::Path;

use aws_smithy_types::base64::encode;
use md5::{Digest, Md5};
use url::Url;

use super::error::{Error, Result};
use super::upload::{FileSnapshot, local_error};

/// Read size for digests: large enough that the per-read cost disappears, small enough to
/// stay in a core's L2 cache, so the checksum reads what `read` has just written there.
const DIGEST_READ_BYTES: usize = 256 * 1024;

/// The header S3 checks a CRC32C against.
pub(crate) const CRC32C_HEADER: &str = "x-amz-checksum-crc32c";

/// Below this size an upload signs an MD5 without asking whether the service checks
/// CRC32C: MD5 then costs milliseconds, less than the probe.
pub(crate) const CRC32C_WORTH_PROBING: u64 = 8 * 1024 * 1024;

/// Which checksum a service is trusted to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChecksumKind {
    Crc32c,
    Md5,
}

impl ChecksumKind {
    /// What the endpoint alone tells: AWS and Cloudflare R2 check CRC32C; for any other
    /// service it is not known.
    fn known_for_endpoint(endpoint: Option<&Url>) -> Option<Self> {
        const CRC32C_HOSTS: [&str; 3] = [
            "amazonaws.com",
            "amazonaws.com.cn",
            "r2.cloudflarestorage.com",
        ];
        let Some(endpoint) = endpoint else {
            return Some(Self::Crc32c);
        };
        CRC32C_HOSTS
            .iter()
            .any(|suffix| host_is(endpoint, suffix))
            .then_some(Self::Crc32c)
    }
}

/// Whether the endpoint's host is `domain` or a name below it.
fn host_is(endpoint: &Url, domain: &str) -> bool {
    let host = endpoint.host_str().unwrap_or_default();
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Cloudflare R2, known by its endpoint (it has no POST Object: file requests use
/// pre-signed PUT slots there).
pub(crate) fn is_cloudflare_r2(endpoint: Option<&Url>) -> bool {
    endpoint.is_some_and(|e| host_is(e, "r2.cloudflarestorage.com"))
}

/// The checksum a session's uploads carry, once known: from the endpoint, or learned
/// from the probe on the first upload big enough to ask (asked once, however many uploads
/// start together).
#[derive(Debug)]
pub(crate) struct ChecksumChoice {
    by_endpoint: Option<ChecksumKind>,
    probed: tokio::sync::OnceCell<ChecksumKind>,
}

impl ChecksumChoice {
    pub(crate) fn for_endpoint(endpoint: Option<&Url>) -> Self {
        Self {
            by_endpoint: ChecksumKind::known_for_endpoint(endpoint),
            probed: tokio::sync::OnceCell::new(),
        }
    }

    pub(crate) fn known(&self) -> Option<ChecksumKind> {
        self.by_endpoint.or_else(|| self.probed.get().copied())
    }

    /// What is known, or what `probe` finds (run by the first caller only).
    pub(crate) async fn known_or_probed(
        &self,
        probe: impl std::future::Future<Output = ChecksumKind>,
    ) -> ChecksumKind {
        match self.by_endpoint {
            Some(kind) => kind,
            None => *self.probed.get_or_init(|| probe).await,
        }
    }
}

/// A body's checksum, base64 as the headers carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BodyChecksum {
    Crc32c(String),
    Md5(String),
}

impl BodyChecksum {
    /// The checksum of a byte range of a file, read on blocking threads; the file is
    /// opened only if it is still the one `snapshot` describes. A big CRC32C is computed
    /// in segments side by side and combined: a single PUT waits for it, so it is the one
    /// part of the upload that more cores make shorter.
    pub(crate) async fn of_range(
        kind: ChecksumKind,
        path: &Path,
        snapshot: &FileSnapshot,
        offset: u64,
        len: u64,
    ) -> Result<Self> {
        match kind {
            ChecksumKind::Md5 => {
                let md5 = fold_range(path, snapshot, offset, len, Md5::new(), |md5, bytes| {
                    md5.update(bytes);
                })
                .await?;
                Ok(Self::Md5(encode(md5.finalize())))
            }
            ChecksumKind::Crc32c => {
                let crc =
                    crc32c_in_segments(path, snapshot, offset, len, parallel_segments(len)).await?;
                Ok(Self::Crc32c(encode(crc.to_be_bytes())))
            }
        }
    }

    /// The header that carries this checksum, lower case as signed, and its value.
    pub(crate) fn header(&self) -> (&'static str, &str) {
        match self {
            Self::Md5(md5) => ("content-md5", md5),
            Self::Crc32c(crc) => (CRC32C_HEADER, crc),
        }
    }

    /// The value for `x-amz-checksum-crc32c`, if this is a CRC32C.
    pub(crate) fn crc32c(&self) -> Option<String> {
        match self {
            Self::Crc32c(crc) => Some(crc.clone()),
            Self::Md5(_) => None,
        }
    }
}

/// How many pieces to checksum side by side: one per core (at most 4), and none smaller
/// than 16 MiB (below that, starting threads costs more than it saves).
fn parallel_segments(len: u64) -> u64 {
    const MIN_SEGMENT: u64 = 16 * 1024 * 1024;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    (len / MIN_SEGMENT).clamp(1, cores as u64)
}

/// The CRC32C of a byte range, computed as `segments` pieces side by side and combined.
async fn crc32c_in_segments(
    path: &Path,
    snapshot: &FileSnapshot,
    offset: u64,
    len: u64,
    segments: u64,
) -> Result<u32> {
    let segment_len = len.div_ceil(segments.max(1)).max(1);
    let pieces = (0..len.div_ceil(segment_len).max(1)).map(|i| {
        let start = i * segment_len;
        (offset + start, segment_len.min(len - start))
    });
    let crcs = futures_util::future::try_join_all(pieces.map(|(start, piece_len)| async move {
        let crc = fold_range(
            path,
            snapshot,
            start,
            piece_len,
            crc32c_digest(),
            |crc, bytes| {
                crc.update(bytes);
            },
        )
        .await?;
        Ok::<_, Error>((crc.finalize(), piece_len))
    }))
    .await?;
    let whole = crcs.into_iter().fold(0, |whole, (crc, piece_len)| {
        crc_fast::checksum_combine(crc_fast::CrcAlgorithm::Crc32Iscsi, whole, crc, piece_len)
    });
    // A CRC-32 fills the low 32 bits.
    Ok(whole as u32)
}

/// A running CRC32C (CRC-32/ISCSI, the one S3 calls CRC32C), computed with the carry-less
/// multiply instructions of the CPU where it has them: about twice as fast as the CRC32C
/// instruction alone, and this checksum is read through once before a single PUT starts and
/// again by the embedded server.
pub(crate) fn crc32c_digest() -> crc_fast::Digest {
    crc_fast::Digest::new(crc_fast::CrcAlgorithm::Crc32Iscsi)
}

/// Reads a byte range of the file on a blocking thread, folding each piece into `state`.
async fn fold_range<T: Send + 'static>(
    path: &Path,
    snapshot: &FileSnapshot,
    offset: u64,
    len: u64,
    mut state: T,
    update: fn(&mut T, &[u8]),
) -> Result<T> {
    let (owned, snapshot) = (path.to_owned(), *snapshot);
    tokio::task::spawn_blocking(move || {
        let mut file = snapshot.open(&owned)?;
        let mut read_all = || -> std::io::Result<()> {
            file.seek(std::io::SeekFrom::Start(offset))?;
            let mut reader = (&mut file).take(len);
            let mut buffer = vec![0; DIGEST_READ_BYTES];
            loop {
                let read = reader.read(&mut buffer)?;
                if read == 0 {
                    return Ok(());
                }
                update(&mut state, &buffer[..read]);
            }
        };
        read_all().map_err(local_error(&owned))?;
        Ok(state)
    })
    .await
    .map_err(|e| local_error(path)(std::io::Error::other(e)))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn file_with(bytes: &[u8]) -> (tempfile::NamedTempFile, FileSnapshot) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let snapshot = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(FileSnapshot::take(file.path()))
            .unwrap();
        (file, snapshot)
    }

    fn checksum_of(kind: ChecksumKind, bytes: &[u8]) -> BodyChecksum {
        let (file, snapshot) = file_with(bytes);
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(BodyChecksum::of_range(
                kind,
                file.path(),
                &snapshot,
                0,
                snapshot.len,
            ))
            .unwrap()
    }

    #[test]
    fn known_values_in_the_encodings_s3_uses() {
        // CRC32C("123456789") = 0xE3069283, the standard check value.
        assert_eq!(
            checksum_of(ChecksumKind::Crc32c, b"123456789"),
            BodyChecksum::Crc32c("4waSgw==".to_owned())
        );
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e.
        let md5 = checksum_of(ChecksumKind::Md5, b"");
        assert_eq!(
            md5,
            BodyChecksum::Md5("1B2M2Y8AsgTpgAmY7PhCfg==".to_owned())
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn a_crc_made_in_segments_equals_one_pass(
            bytes in proptest::collection::vec(any::<u8>(), 0..5000),
            cut in 0.0f64..1.0,
            segments in 1u64..7,
        ) {
            let (file, snapshot) = file_with(&bytes);
            let offset = (bytes.len() as f64 * cut) as usize;
            let runtime = tokio::runtime::Runtime::new().unwrap();
            let segmented = runtime
                .block_on(crc32c_in_segments(
                    file.path(),
                    &snapshot,
                    offset as u64,
                    (bytes.len() - offset) as u64,
                    segments,
                ))
                .unwrap();
            prop_assert_eq!(segmented, crc32c::crc32c(&bytes[offset..]));
        }
    }

    #[test]
    fn a_crc_of_several_mib_in_segments_equals_an_independent_one() {
        // Larger than a read and than crc-fast's wide blocks, so every path of both runs.
        let mut x: u32 = 7;
        let bytes: Vec<u8> = (0..3 * DIGEST_READ_BYTES + 12_345)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        let (file, snapshot) = file_with(&bytes);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        for segments in 1..=4 {
            let crc = runtime
                .block_on(crc32c_in_segments(
                    file.path(),
                    &snapshot,
                    0,
                    bytes.len() as u64,
                    segments,
                ))
                .unwrap();
            assert_eq!(crc, crc32c::crc32c(&bytes), "{segments} segments");
        }
    }

    #[test]
    fn only_aws_and_r2_are_known_to_check_crc32c() {
        let known = |s: &str| ChecksumChoice::for_endpoint(Some(&Url::parse(s).unwrap())).known();
        assert_eq!(
            ChecksumChoice::for_endpoint(None).known(),
            Some(ChecksumKind::Crc32c)
        );
        for crc in [
            "https://s3.eu-west-1.amazonaws.com",
            "https://s3.cn-north-1.amazonaws.com.cn",
            "https://acc.r2.cloudflarestorage.com",
        ] {
            assert_eq!(known(crc), Some(ChecksumKind::Crc32c), "{crc}");
        }
        for unknown in [
            "http://127.0.0.1:9000",
            "https://minio.example.com",
            "https://notamazonaws.com",
            "https://s3.eu-central-1.wasabisys.com",
            "https://s3.us-west-004.backblazeb2.com",
        ] {
            assert_eq!(known(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn the_service_is_probed_once_and_what_it_showed_is_kept() {
        let choice =
            ChecksumChoice::for_endpoint(Some(&Url::parse("http://127.0.0.1:9000").unwrap()));
        let probes = std::sync::atomic::AtomicUsize::new(0);
        let probe = || async {
            probes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            ChecksumKind::Crc32c
        };
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let kinds = runtime.block_on(async {
            futures_util::join!(
                choice.known_or_probed(probe()),
                choice.known_or_probed(probe())
            )
        });
        assert_eq!(kinds, (ChecksumKind::Crc32c, ChecksumKind::Crc32c));
        assert_eq!(probes.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(choice.known(), Some(ChecksumKind::Crc32c));
    }
}
