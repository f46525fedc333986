//! "Share a copy I can take back": a pre-signed link cannot be revoked, so instead of the
//! user's file, s3share shares a server-side copy of it kept in a managed folder
//! (`{folder}.s3share/shares/{ends}-{id}/{name}`). "Stop sharing" deletes the copy and the
//! link answers 403/404 at once; when the link ends, cleanup removes the copy.
//!
//! The copy carries its own `Content-Disposition` and `Content-Type` (metadata directive
//! REPLACE), so the download name holds even on services that ignore the
//! `response-content-disposition` override of a signed GET (SeaweedFS, Supabase). The
//! original is only read, never written: its bytes and metadata stay as they were.

use aws_sdk_s3::types::{
    CompletedMultipartUpload, CompletedPart, MetadataDirective, TaggingDirective,
};
use chrono::{DateTime, Utc};
use futures_util::{StreamExt, TryStreamExt};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::browse::ObjectInfo;
use super::client::{PresignInput, PresignedOperation, Session};
use super::disposition::{LinkMode, content_disposition, guess_content_type, inline_content_type};
use super::error::{Error, Result};
use super::history::{History, HistoryEntry, ManagedRecord};
use super::location::S3Location;
use super::managed::{ManagedFolder, ManagedKind};
use super::pending_uploads::PendingUpload;
use super::s3_error::from_sdk;
use super::share::{ShareLink, ShareRequest, redact_url};

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// The largest object one CopyObject request may copy on S3.
pub const LARGEST_SINGLE_COPY: u64 = 5 * GIB;

/// S3's limits for the parts of a multipart copy.
const SMALLEST_PART: u64 = 5 * MIB;
const LARGEST_PART: u64 = 5 * GIB;
const MOST_PARTS: u64 = 10_000;

/// How the copy is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyOptions {
    /// Objects larger than this are copied in parts (UploadPartCopy); one CopyObject
    /// takes at most 5 GiB, so this is capped there.
    pub multipart_above: u64,
    /// The size of each part (5 MiB to 5 GiB; raised when 10 000 parts would not do).
    pub part_size: u64,
    /// Parts copied at once.
    pub parts_at_once: usize,
}

impl Default for CopyOptions {
    fn default() -> Self {
        Self {
            multipart_above: LARGEST_SINGLE_COPY,
            part_size: 512 * MIB,
            parts_at_once: 4,
        }
    }
}

impl CopyOptions {
    fn in_parts(&self, size: u64) -> bool {
        size > self.multipart_above.min(LARGEST_SINGLE_COPY)
    }

    fn part_size_for(&self, size: u64) -> u64 {
        self.part_size
            .max(size.div_ceil(MOST_PARTS))
            .clamp(SMALLEST_PART, LARGEST_PART)
    }
}

/// What a copy costs: its size, stored a second time in the bucket until the link ends
/// (or until "Stop sharing"). Its `Display` is the sentence the CLI and the window show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CopyCost {
    /// Bytes stored twice.
    pub bytes: u64,
    /// When cleanup may remove the copy (the link's end).
    pub until: DateTime<Utc>,
}

/// The one-line note shown before a copy is made ("Share a copy I can take back").
pub fn copy_cost_note(bytes: u64) -> String {
    crate::tr!(
        "share-copy-cost",
        size = crate::i18n::locale_format::human_size(bytes)
    )
}

impl std::fmt::Display for CopyCost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}); \"Stop sharing\" (s3share unshare) removes it sooner.",
            copy_cost_note(self.bytes),
            super::format::local_day_time(self.until)
        )
    }
}

/// A link to a copy that can be taken back. `link.object` is the copy.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShareCopy {
    #[serde(flatten)]
    pub link: ShareLink,
    /// The user's file that was copied (never modified).
    pub original: S3Location,
    /// Where the copy lives, for history and "Stop sharing".
    pub record: ManagedRecord,
    pub cost: CopyCost,
}

impl std::fmt::Debug for ShareCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `ShareLink`'s own Debug hides the signature.
        f.debug_struct("ShareCopy")
            .field("link", &self.link)
            .field("original", &self.original)
            .field("record", &self.record)
            .field("cost", &self.cost)
            .finish()
    }
}

/// A copy source names the key percent-encoded (`bucket/a%20b.pdf`), slashes kept.
const COPY_SOURCE_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn copy_source(object: &S3Location) -> String {
    format!(
        "{}/{}",
        object.bucket,
        utf8_percent_encode(&object.key, COPY_SOURCE_ESCAPES)
    )
}

/// The headers stored on the copy.
struct CopyHeaders {
    content_type: String,
    content_disposition: String,
    /// The original's, when it has one (a gzip-stored file must stay readable).
    content_encoding: Option<String>,
    content_language: Option<String>,
    /// The original's ETag: the copy fails rather than mix two versions of a file that
    /// changes while it is copied.
    if_match: Option<String>,
}

/// A copy is private to whoever holds its link: no shared cache keeps it after it is
/// taken back.
const COPY_CACHE_CONTROL: &str = "private, no-store";

impl Session {
    /// Copies `request.object` server-side into a new managed folder beside it and shares
    /// the copy with a pre-signed GET that ends when the folder does. The download name
    /// and content type are stored on the copy. Whatever fails, no half-made copy is left.
    pub async fn share_copy(&self, request: &ShareRequest) -> Result<ShareCopy> {
        self.share_copy_with(request, &CopyOptions::default()).await
    }

    /// [`share_copy`](Self::share_copy) with explicit copy settings (part sizes).
    pub async fn share_copy_with(
        &self,
        request: &ShareRequest,
        options: &CopyOptions,
    ) -> Result<ShareCopy> {
        let original = &request.object;
        if !original.is_object() {
            return Err(Error::invalid("file", "pick a file, not a folder"));
        }
        if super::managed::is_managed_key(&original.key) {
            return Err(Error::invalid(
                "file",
                "this is one of s3share's own files (in .s3share/); share the original instead",
            ));
        }
        let mode = match &request.mode {
            LinkMode::Attachment { filename: None } => LinkMode::Attachment {
                filename: Some(original.file_name().to_owned()),
            },
            other => other.clone(),
        };
        let disposition = content_disposition(&mode)?;
        // Always looked at: the copy needs its size, type, encoding and version.
        let (info, headers) = self.look_at_original(original, &mode, disposition).await?;
        let region = self.bucket_region(&original.bucket).await?;
        let (ends_at, expiry_reason, warnings) = self.effective_expiry(request.expiry).await?;
        let folder = ManagedFolder::new(
            &original.bucket,
            original.parent_prefix(),
            ManagedKind::Copy,
            ends_at,
        );
        let copy = folder.object(original.file_name());
        let made = async {
            if options.in_parts(info.size) {
                self.copy_in_parts(original, &copy, info.size, &headers, options)
                    .await?;
            } else {
                self.copy_whole(original, &copy, &headers).await?;
            }
            self.sign_copy_link(&copy, &region, folder.ends_at).await
        };
        let url = match made.await {
            Ok(url) => url,
            Err(e) => {
                // A copy made but not shared (or half-made) is not left behind.
                if let Err(cleanup) = self.remove_managed(&folder).await {
                    tracing::warn!(error = %cleanup, "could not remove an unshared copy; cleanup will when it ends");
                }
                return Err(e);
            }
        };
        tracing::debug!(url = %redact_url(&url), "made a link to a copy");
        let link = ShareLink {
            url,
            object: copy,
            mode,
            created_at: self.now_utc(),
            expires_at: folder.ends_at,
            expiry_reason,
            info: Some(info.clone()),
            warnings,
        };
        Ok(ShareCopy {
            link,
            original: original.clone(),
            cost: CopyCost {
                bytes: info.size,
                until: folder.ends_at,
            },
            record: ManagedRecord {
                folder,
                files: 1,
                taken_back_at: None,
            },
        })
    }

    /// HEADs the original once: what the copy needs (size, type, encoding, language,
    /// version). A bare 403/404 is diagnosed by `head_object` (no such file, no such
    /// bucket, keys rejected).
    async fn look_at_original(
        &self,
        original: &S3Location,
        mode: &LinkMode,
        content_disposition: String,
    ) -> Result<(ObjectInfo, CopyHeaders)> {
        let client = self.client_for(&original.bucket).await?;
        let out = match client
            .head_object()
            .bucket(&original.bucket)
            .key(&original.key)
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) => {
                let first = from_sdk(e, self.subject(Some(&original.bucket), Some(&original.key)));
                return Err(self.head_object(original).await.err().unwrap_or(first));
            }
        };
        let info = ObjectInfo {
            key: original.key.clone(),
            size: out
                .content_length()
                .and_then(|n| u64::try_from(n).ok())
                .unwrap_or(0),
            content_type: out.content_type().map(str::to_owned),
            last_modified: out.last_modified().and_then(super::browse::to_utc),
            etag: out.e_tag().map(|e| e.trim_matches('"').to_owned()),
        };
        let headers = CopyHeaders {
            content_type: stored_content_type(mode, &info, original),
            content_disposition,
            content_encoding: out.content_encoding().map(str::to_owned),
            content_language: out.content_language().map(str::to_owned),
            if_match: out.e_tag().map(|e| format!("\"{}\"", e.trim_matches('"'))),
        };
        Ok((info, headers))
    }

    /// One CopyObject (up to 5 GiB).
    async fn copy_whole(
        &self,
        original: &S3Location,
        copy: &S3Location,
        headers: &CopyHeaders,
    ) -> Result<()> {
        let client = self.client_for(&copy.bucket).await?;
        client
            .copy_object()
            .bucket(&copy.bucket)
            .key(&copy.key)
            .copy_source(copy_source(original))
            .set_copy_source_if_match(headers.if_match.clone())
            .metadata_directive(MetadataDirective::Replace)
            // The original's tags stay with the original.
            .tagging_directive(TaggingDirective::Replace)
            .content_type(&headers.content_type)
            .content_disposition(&headers.content_disposition)
            .cache_control(COPY_CACHE_CONTROL)
            .set_content_encoding(headers.content_encoding.clone())
            .set_content_language(headers.content_language.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&original.bucket), Some(&original.key))))?;
        Ok(())
    }

    /// A multipart upload of the copy whose parts are UploadPartCopy ranges of the
    /// original, a few at once; aborted on any failure (and noted until then, so a killed
    /// process's upload is aborted on the next start like any other).
    async fn copy_in_parts(
        &self,
        original: &S3Location,
        copy: &S3Location,
        size: u64,
        headers: &CopyHeaders,
        options: &CopyOptions,
    ) -> Result<()> {
        let client = self.client_for(&copy.bucket).await?;
        let subject = self.subject(Some(&original.bucket), Some(&original.key));
        let created = client
            .create_multipart_upload()
            .bucket(&copy.bucket)
            .key(&copy.key)
            .content_type(&headers.content_type)
            .content_disposition(&headers.content_disposition)
            .cache_control(COPY_CACHE_CONTROL)
            .set_content_encoding(headers.content_encoding.clone())
            .set_content_language(headers.content_language.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, subject))?;
        let pending = PendingUpload {
            connection: self.name().to_owned(),
            endpoint: self.endpoint_label().to_owned(),
            bucket: copy.bucket.clone(),
            key: copy.key.clone(),
            upload_id: created.upload_id().unwrap_or_default().to_owned(),
            pid: std::process::id(),
            started_at: Utc::now(),
        };
        if let Some(journal) = self.pending_uploads() {
            journal.remember(&pending);
        }
        let upload_id = pending.upload_id.as_str();
        let part_size = options.part_size_for(size);
        let part_count = size.div_ceil(part_size).max(1);
        let source = copy_source(original);
        let copy_all = async {
            let mut parts: Vec<CompletedPart> = futures_util::stream::iter(0..part_count)
                .map(|index| {
                    let client = &client;
                    let source = &source;
                    async move {
                        let first = index * part_size;
                        let last = (first + part_size).min(size).saturating_sub(1);
                        let number = i32::try_from(index + 1).unwrap_or(i32::MAX);
                        let out = client
                            .upload_part_copy()
                            .bucket(&copy.bucket)
                            .key(&copy.key)
                            .upload_id(upload_id)
                            .part_number(number)
                            .copy_source(source)
                            .copy_source_range(format!("bytes={first}-{last}"))
                            .set_copy_source_if_match(headers.if_match.clone())
                            .send()
                            .await
                            .map_err(|e| from_sdk(e, subject))?;
                        let etag = out
                            .copy_part_result()
                            .and_then(|r| r.e_tag())
                            .unwrap_or_default()
                            .to_owned();
                        Ok::<_, Error>(
                            CompletedPart::builder()
                                .part_number(number)
                                .e_tag(etag)
                                .build(),
                        )
                    }
                })
                .buffer_unordered(options.parts_at_once.max(1))
                .try_collect()
                .await?;
            parts.sort_by_key(|p| p.part_number());
            client
                .complete_multipart_upload()
                .bucket(&copy.bucket)
                .key(&copy.key)
                .upload_id(upload_id)
                .multipart_upload(
                    CompletedMultipartUpload::builder()
                        .set_parts(Some(parts))
                        .build(),
                )
                .send()
                .await
                .map_err(|e| from_sdk(e, subject))?;
            Ok::<_, Error>(())
        };
        match copy_all.await {
            Ok(()) => {
                if let Some(journal) = self.pending_uploads() {
                    journal.forget(upload_id);
                }
                Ok(())
            }
            Err(e) => {
                self.abort_upload(&pending).await;
                Err(e)
            }
        }
    }

    /// A GET of the copy that ends exactly when its folder does (cleanup goes by the
    /// folder's name). No response overrides: the copy's own headers name the download.
    async fn sign_copy_link(
        &self,
        copy: &S3Location,
        region: &str,
        ends_at: DateTime<Utc>,
    ) -> Result<String> {
        let now = self.now_utc();
        if ends_at <= now {
            return Err(Error::invalid(
                "link lifetime",
                "the link would have ended before the copy was made; choose a longer time",
            ));
        }
        // X-Amz-Date is a whole second, so whole seconds from it end the link at `ends_at`
        // (at least one second, for a link of one second made late in its second).
        let left = u64::try_from(ends_at.timestamp() - now.timestamp())
            .unwrap_or(0)
            .max(1);
        let config = self.presigning_config(std::time::Duration::from_secs(left))?;
        let input = PresignInput {
            operation: PresignedOperation::GetObject,
            bucket: &copy.bucket,
            key: &copy.key,
            query: &[],
            headers: &[],
        };
        let (url, _) = self.presign(region, &input, config).await?;
        Ok(url)
    }
}

/// The history entry `s3share unshare` means: `id_or_url` is a short id from
/// `s3share history` (any unambiguous start of a managed folder's id), or a link itself.
/// A link to s3share's own folder is found by the folder id in its path (so it works even
/// when history keeps no links); any other link is a plain pre-signed link, which cannot
/// be taken back.
pub fn find_in_history(entries: &[HistoryEntry], id_or_url: &str) -> Result<HistoryEntry> {
    let text = id_or_url.trim();
    let not_found = || Error::NotInHistory {
        what: redact_url(text),
    };
    let id = if let Ok(url) = url::Url::parse(text)
        && matches!(url.scheme(), "http" | "https")
    {
        let path = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy();
        match ManagedFolder::containing("", path.trim_start_matches('/')) {
            Some(folder) => folder.id,
            None => return Err(Error::PlainLinkCannotBeTakenBack),
        }
    } else {
        let id = text.to_ascii_lowercase();
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::invalid(
                "id",
                "give the id `s3share history` shows (like 3f9a0c1e), or the link itself",
            ));
        }
        id
    };
    let mut found = entries.iter().filter(|e| {
        e.managed
            .as_ref()
            .is_some_and(|m| m.folder.id.starts_with(&id))
    });
    let first = found.next().ok_or_else(not_found)?;
    let same_folder = |e: &&HistoryEntry| {
        e.managed.as_ref().map(|m| &m.folder) == first.managed.as_ref().map(|m| &m.folder)
    };
    if !found.all(|e| same_folder(&e)) {
        return Err(Error::invalid(
            "id",
            format!("\"{id}\" is the start of several links' ids; type more of it"),
        ));
    }
    Ok(first.clone())
}

/// What "Stop sharing" did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TakenBack {
    pub folder: ManagedFolder,
    /// Objects deleted (0 when cleanup or an earlier "Stop sharing" had removed them).
    pub objects_removed: usize,
    pub at: DateTime<Utc>,
}

impl Session {
    /// "Stop sharing": deletes the managed folder `entry` records (its link then answers
    /// 403/404; what may keep working a while, [`ManagedRecord::stop_sharing_effect`]
    /// says) and marks the entry taken back in `history` (on a blocking thread). A
    /// plain link is refused with [`Error::PlainLinkCannotBeTakenBack`].
    pub async fn take_back(&self, history: &History, entry: &HistoryEntry) -> Result<TakenBack> {
        let done = self.stop_sharing(entry).await?;
        let (history, folder, at) = (history.clone(), done.folder.clone(), done.at);
        tokio::task::spawn_blocking(move || history.mark_taken_back(&folder, at))
            .await
            .map_err(|e| Error::invalid("history", e.to_string()))??;
        Ok(done)
    }

    /// The bucket side of [`take_back`](Self::take_back): deletes what `entry` records,
    /// leaving the history to the caller (the window's history store).
    pub async fn stop_sharing(&self, entry: &HistoryEntry) -> Result<TakenBack> {
        let folder = self.folder_to_take_back(entry)?;
        let objects_removed = self.remove_managed(&folder).await?;
        Ok(TakenBack {
            folder,
            objects_removed,
            at: self.now_utc(),
        })
    }

    /// Copies for several files, one after another, all or none: if one fails, the copies
    /// already made are removed again.
    pub async fn share_copies(&self, requests: &[ShareRequest]) -> Result<Vec<ShareCopy>> {
        let mut made: Vec<ShareCopy> = Vec::with_capacity(requests.len());
        for request in requests {
            match self.share_copy(request).await {
                Ok(copy) => made.push(copy),
                Err(e) => {
                    for copy in &made {
                        if let Err(cleanup) = self.remove_managed(&copy.record.folder).await {
                            tracing::warn!(error = %cleanup, "could not remove a copy of a failed batch; cleanup will when it ends");
                        }
                    }
                    return Err(e);
                }
            }
        }
        Ok(made)
    }

    /// The folder of `entry`, if this session may remove it.
    pub fn folder_to_take_back(&self, entry: &HistoryEntry) -> Result<ManagedFolder> {
        let record = entry
            .managed
            .as_ref()
            .ok_or(Error::PlainLinkCannotBeTakenBack)?;
        if entry.connection != self.name() {
            return Err(Error::invalid(
                "connection",
                format!(
                    "this link was made with the connection \"{}\"; take it back with that connection (--profile NAME)",
                    crate::visible::visible(&entry.connection)
                ),
            ));
        }
        Ok(record.folder.clone())
    }
}

/// The type stored on the copy: for a link that opens in the browser, one the browser
/// can show (as a plain link would announce it); else the original's, or from the name.
fn stored_content_type(mode: &LinkMode, info: &ObjectInfo, original: &S3Location) -> String {
    let stored = info
        .content_type
        .as_deref()
        .filter(|t| !t.trim().is_empty());
    let shown = match mode {
        LinkMode::Inline => inline_content_type(stored, &original.key),
        LinkMode::Attachment { .. } => None,
    };
    shown
        .or_else(|| stored.map(str::to_owned))
        .unwrap_or_else(|| guess_content_type(original.file_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_stay_within_s3_limits() {
        let options = CopyOptions::default();
        assert!(!options.in_parts(5 * GIB));
        assert!(options.in_parts(5 * GIB + 1));
        // Asking for copies in parts above 10 GiB still copies 6 GiB in parts.
        let later = CopyOptions {
            multipart_above: 10 * GIB,
            ..options
        };
        assert!(later.in_parts(6 * GIB));
        assert_eq!(options.part_size_for(6 * GIB), 512 * MIB);
        // 5 TiB in at most 10 000 parts.
        let huge = 5 * 1024 * GIB;
        assert!(huge.div_ceil(options.part_size_for(huge)) <= MOST_PARTS);
        let tiny = CopyOptions {
            part_size: 1,
            ..options
        };
        assert_eq!(tiny.part_size_for(20 * MIB), SMALLEST_PART);
    }

    #[test]
    fn copy_sources_are_percent_encoded_with_slashes_kept() {
        let object = S3Location::new("bbb", "a b/Café?#%+.pdf").unwrap();
        assert_eq!(copy_source(&object), "bbb/a%20b/Caf%C3%A9%3F%23%25%2B.pdf");
    }

    #[test]
    fn the_cost_is_said_in_plain_words() {
        assert_eq!(
            copy_cost_note(4_200_000),
            "Stores a second copy (4.2 MB) until the link ends"
        );
        let cost = CopyCost {
            bytes: 4_200_000,
            until: Utc::now(),
        };
        let text = cost.to_string();
        assert!(text.starts_with("Stores a second copy (4.2 MB) until the link ends ("));
        assert!(text.contains("Stop sharing"), "{text}");
    }

    #[test]
    fn inline_copies_get_a_type_the_browser_shows() {
        let object = S3Location::new("bbb", "notes.txt").unwrap();
        let info = ObjectInfo {
            key: object.key.clone(),
            size: 1,
            content_type: Some("application/octet-stream".to_owned()),
            last_modified: None,
            etag: None,
        };
        assert_eq!(
            stored_content_type(&LinkMode::Inline, &info, &object),
            "text/plain; charset=utf-8"
        );
        let download = LinkMode::Attachment { filename: None };
        assert_eq!(
            stored_content_type(&download, &info, &object),
            "application/octet-stream"
        );
        let untyped = ObjectInfo {
            content_type: None,
            ..info
        };
        assert_eq!(
            stored_content_type(&download, &untyped, &object),
            "text/plain; charset=utf-8"
        );
    }
}
