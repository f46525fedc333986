//! Listing buckets and folders, and looking at one object.

use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use chrono::{DateTime, Utc};

use super::client::Session;
use super::error::{Error, Result};
use super::location::S3Location;
use super::s3_error::from_sdk;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BucketInfo {
    pub name: String,
    pub created: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ObjectEntry {
    pub key: String,
    pub size: u64,
    pub last_modified: Option<DateTime<Utc>>,
    pub etag: Option<String>,
    pub storage_class: Option<String>,
}

/// One page of a folder listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ListingPage {
    /// Sub-folder prefixes, each ending in `/` (empty for recursive listings).
    pub folders: Vec<String>,
    pub objects: Vec<ObjectEntry>,
    /// Pass back to get the next page; `None` on the last page.
    pub next_token: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ObjectInfo {
    pub key: String,
    pub size: u64,
    pub content_type: Option<String>,
    pub last_modified: Option<DateTime<Utc>>,
    pub etag: Option<String>,
}

pub(crate) fn to_utc(t: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

fn size(bytes: Option<i64>) -> u64 {
    bytes.and_then(|b| u64::try_from(b).ok()).unwrap_or(0)
}

impl Session {
    pub async fn list_buckets(&self) -> Result<Vec<BucketInfo>> {
        let client = self.default_client();
        let mut buckets = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let out = client
                .list_buckets()
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| from_sdk(e, self.subject(None, None)))?;
            buckets.extend(out.buckets().iter().map(|b| BucketInfo {
                name: b.name().unwrap_or_default().to_owned(),
                created: b.creation_date().and_then(to_utc),
            }));
            match out.continuation_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_owned()),
                _ => break,
            }
        }
        buckets.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(buckets)
    }

    /// One page of `prefix`: with `recursive` false, only its direct files and
    /// sub-folders (delimiter `/`); with true, every key below it.
    pub async fn list_page(
        &self,
        folder: &S3Location,
        recursive: bool,
        token: Option<String>,
        page_size: Option<i32>,
    ) -> Result<ListingPage> {
        let client = self.client_for(&folder.bucket).await?;
        let out = client
            .list_objects_v2()
            .bucket(&folder.bucket)
            .prefix(&folder.key)
            .set_delimiter((!recursive).then(|| "/".to_owned()))
            .set_continuation_token(token)
            .set_max_keys(page_size)
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&folder.bucket), None)))?;
        let folders = out
            .common_prefixes()
            .iter()
            .filter_map(|p| p.prefix().map(str::to_owned))
            .collect();
        let objects = out
            .contents()
            .iter()
            .filter_map(|o| {
                let key = o.key()?.to_owned();
                // Some tools create zero-byte "folder markers" equal to the prefix.
                (key != folder.key).then(|| ObjectEntry {
                    key,
                    size: size(o.size()),
                    last_modified: o.last_modified().and_then(to_utc),
                    etag: o.e_tag().map(|e| e.trim_matches('"').to_owned()),
                    storage_class: o.storage_class().map(|c| c.as_str().to_owned()),
                })
            })
            .collect();
        let next_token = out
            .next_continuation_token()
            .filter(|t| !t.is_empty() && out.is_truncated() == Some(true))
            .map(str::to_owned);
        Ok(ListingPage {
            folders,
            objects,
            next_token,
        })
    }

    /// Every page of a folder, concatenated (for the CLI and tests).
    pub async fn list_all(&self, folder: &S3Location, recursive: bool) -> Result<ListingPage> {
        let mut all = ListingPage::default();
        let mut token = None;
        loop {
            let page = self.list_page(folder, recursive, token, None).await?;
            all.folders.extend(page.folders);
            all.objects.extend(page.objects);
            match page.next_token {
                Some(t) => token = Some(t),
                None => return Ok(all),
            }
        }
    }

    /// Whether a file exists at `object` (HEAD; "not found" is an answer, not an error).
    pub async fn object_exists(&self, object: &S3Location) -> Result<bool> {
        match self.head_object(object).await {
            Ok(_) => Ok(true),
            Err(Error::NoSuchKey { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// "report.pdf" → "report (1).pdf", "report (2).pdf", … the first name not taken.
    pub async fn free_name(&self, object: &S3Location) -> Result<S3Location> {
        for n in 1..1000 {
            let candidate = S3Location {
                bucket: object.bucket.clone(),
                key: numbered_key(&object.key, n),
            };
            if !self.object_exists(&candidate).await? {
                return Ok(candidate);
            }
        }
        Err(Error::invalid(
            "file name",
            "too many files with this name already; rename the file first",
        ))
    }

    pub async fn head_object(&self, object: &S3Location) -> Result<ObjectInfo> {
        let client = self.client_for(&object.bucket).await?;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        match client
            .head_object()
            .bucket(&object.bucket)
            .key(&object.key)
            .send()
            .await
        {
            Ok(out) => Ok(ObjectInfo {
                key: object.key.clone(),
                size: size(out.content_length()),
                content_type: out.content_type().map(str::to_owned),
                last_modified: out.last_modified().and_then(to_utc),
                etag: out.e_tag().map(|e| e.trim_matches('"').to_owned()),
            }),
            // HEAD answers have no body, so a 403/404 does not say why. Ask again with a
            // one-byte GET, whose answer names the reason (no such bucket, bad key...).
            Err(SdkError::ServiceError(service)) if service.err().code().is_none() => {
                let first = from_sdk(SdkError::ServiceError(service), subject);
                match client
                    .get_object()
                    .bucket(&object.bucket)
                    .key(&object.key)
                    .range("bytes=0-0")
                    .send()
                    .await
                {
                    Err(e) => Err(from_sdk(e, subject)),
                    Ok(_) => Err(first),
                }
            }
            Err(e) => Err(from_sdk(e, subject)),
        }
    }

    /// Removes an object (used to clean up after a failed upload).
    pub async fn delete_object(&self, object: &S3Location) -> Result<()> {
        let client = self.client_for(&object.bucket).await?;
        client
            .delete_object()
            .bucket(&object.bucket)
            .key(&object.key)
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&object.bucket), Some(&object.key))))?;
        Ok(())
    }

    /// Creates a bucket (demo storage and tests).
    pub async fn create_bucket(&self, bucket: &str) -> Result<()> {
        let client = self.default_client();
        match client.create_bucket().bucket(bucket).send().await {
            Ok(_) => Ok(()),
            Err(e)
                if matches!(
                    e.code(),
                    Some("BucketAlreadyOwnedByYou" | "BucketAlreadyExists")
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(from_sdk(e, self.subject(Some(bucket), None))),
        }
    }
}

/// `key` with " (n)" before its extension, in the same folder.
pub fn numbered_key(key: &str, n: u32) -> String {
    let (folder, name) = (
        crate::location::parent_prefix(key),
        crate::location::key_name(key),
    );
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    format!("{folder}{stem} ({n}){ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_names_keep_folder_and_extension() {
        assert_eq!(numbered_key("a/b/report.pdf", 1), "a/b/report (1).pdf");
        assert_eq!(numbered_key("notes", 2), "notes (2)");
        assert_eq!(numbered_key(".bashrc", 1), ".bashrc (1)");
        assert_eq!(numbered_key("x/archive.tar.gz", 3), "x/archive.tar (3).gz");
    }
}
