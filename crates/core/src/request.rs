//! "Request files from anyone": a page, shared by a pre-signed link, through which anyone
//! can send files into a new folder of the owner's bucket. The files go into a folder that
//! holds nothing yet (`PREFIX/Files received 2026-11-28 14.32/`), so the page can never
//! replace one of the owner's files; the page itself lives in s3share's own folder
//! (`PREFIX/.s3share/requests/…/index.html`, see `managed`) and ends with its link.

use chrono::{DateTime, Local, Utc};

use super::body_checksum::is_cloudflare_r2;
use super::client::Session;
use super::error::{Error, Result};
use super::expiry::Expiry;
use super::history::{HistoryEntry, ManagedRecord};
use super::location::{S3Location, key_name};
use super::managed::{ManagedFolder, ManagedKind};
use super::pages::request_page::{PageUploads, RequestPage, render_request_page};
use super::post_policy::PostRules;
use super::s3_error::from_sdk;
use super::share::ShareLink;

/// The largest a POST upload can be (S3's single-request limit, 5 GiB).
pub const MAX_SIZE_LIMIT: u64 = 5 << 30;
/// How many files a page of PUT slots takes.
pub const PUT_SLOTS: usize = 20;

/// How a request page sends files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RequestUploads {
    /// A signed POST form: any number of files, each size checked by the server.
    Form,
    /// Pre-signed PUT links (services without POST Object, such as Cloudflare R2): up to
    /// `slots` files, their size checked by the page only, stored under numbered names.
    PutSlots { slots: usize },
}

impl RequestUploads {
    /// What to tell the person making the request, when there is something to know.
    pub fn note(self) -> Option<String> {
        match self {
            Self::Form => None,
            Self::PutSlots { slots } => Some(crate::tr!("input-request-no-form", count = slots)),
        }
    }
}

/// What to make.
#[derive(Clone, Debug)]
pub struct RequestOptions {
    /// The folder the files go below (`s3://bucket/PREFIX/`).
    pub folder: S3Location,
    pub expiry: Expiry,
    /// The largest file accepted, in bytes.
    pub max_size: u64,
    /// Force PUT slots even where POST Object works (tests, and services that refuse
    /// POST without being recognised).
    pub force_put_slots: bool,
}

impl RequestOptions {
    pub fn new(folder: S3Location, expiry: Expiry, max_size: u64) -> Result<Self> {
        if max_size == 0 || max_size > MAX_SIZE_LIMIT {
            return Err(Error::invalid(
                "max size",
                crate::tr!("input-request-max-size"),
            ));
        }
        Ok(Self {
            folder: folder.as_folder(),
            expiry,
            max_size,
            force_put_slots: false,
        })
    }
}

/// A request made: its page's link and where files will arrive.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FileRequest {
    /// The page to share (a pre-signed GET of its `index.html`).
    pub page: ShareLink,
    /// The new folder the files arrive in.
    pub received: S3Location,
    /// Where the page lives (removed with it when it ends).
    pub managed: ManagedFolder,
    pub uploads: RequestUploads,
    pub max_size: u64,
}

impl FileRequest {
    /// The history line: the received folder as what was shared, the page's folder as
    /// the managed thing.
    pub fn history_entry(&self, connection: &str, keep_url: bool) -> HistoryEntry {
        HistoryEntry::from_managed(
            connection,
            &self.page,
            &self.received,
            ManagedRecord::new(self.managed.clone(), 0),
            keep_url,
        )
    }

    /// The received folder's own name ("Files received 2026-11-28 14.32").
    pub fn folder_name(&self) -> &str {
        key_name(&self.received.key)
    }
}

/// "Files received 2026-11-28 14.32" in the owner's local time (dots: some tools dislike
/// colons in names).
pub fn received_folder_name(at: DateTime<Utc>) -> String {
    format!(
        "Files received {}",
        at.with_timezone(&Local).format("%Y-%m-%d %H.%M")
    )
}

impl Session {
    /// A folder below `base` named for `at` that holds nothing yet (" (2)", " (3)"… when
    /// the name is taken).
    async fn new_received_folder(
        &self,
        base: &S3Location,
        at: DateTime<Utc>,
    ) -> Result<S3Location> {
        let name = received_folder_name(at);
        for n in 1..=100 {
            let leaf = if n == 1 {
                name.clone()
            } else {
                format!("{name} ({n})")
            };
            let folder = S3Location::new(&base.bucket, format!("{}{leaf}/", base.key))?;
            let page = self.list_page(&folder, true, None, Some(1)).await?;
            if page.objects.is_empty() && page.folders.is_empty() {
                return Ok(folder);
            }
        }
        Err(Error::invalid(
            "folder",
            crate::tr!("input-request-folder-taken", name = name.as_str()),
        ))
    }

    /// Makes a file request: a new folder for the files, an upload page (a POST form, or
    /// PUT slots where the service has no POST Object), published and shared.
    pub async fn request_files(&self, options: &RequestOptions) -> Result<FileRequest> {
        let base = options.folder.as_folder();
        let managed = self
            .new_managed_folder(
                &base.bucket,
                &base.key,
                ManagedKind::Request,
                options.expiry,
            )
            .await?;
        let received = self.new_received_folder(&base, self.now_utc()).await?;
        // An empty folder object, as S3 consoles make: the folder shows in listings from
        // now on, before anything arrives (the form can only add keys below it).
        let client = self.client_for(&received.bucket).await?;
        client
            .put_object()
            .bucket(&received.bucket)
            .key(&received.key)
            .body(Vec::new().into())
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&received.bucket), Some(&received.key))))?;
        match self.request_page(options, &base, &managed, &received).await {
            Ok(made) => Ok(made),
            Err(e) => {
                // Nothing half-made is left behind: the page's folder (s3share's own), and
                // the empty folder object made above a moment ago (no form was out yet to
                // put anything below it; removing it removes nothing else).
                if let Err(cleanup) = self.remove_managed(&managed).await {
                    tracing::warn!(error = %cleanup, "could not remove a half-made request page; cleanup will when it ends");
                }
                if let Err(cleanup) = self.delete_object(&received).await {
                    tracing::warn!(error = %cleanup, "could not remove the empty folder of a failed request");
                }
                Err(e)
            }
        }
    }

    /// The upload page of a request whose folders exist: signed, stored and shared.
    async fn request_page(
        &self,
        options: &RequestOptions,
        base: &S3Location,
        managed: &ManagedFolder,
        received: &S3Location,
    ) -> Result<FileRequest> {
        let use_slots = options.force_put_slots || is_cloudflare_r2(self.endpoint_url());
        let form = if use_slots {
            None
        } else {
            self.post_form(PostRules {
                bucket: base.bucket.clone(),
                key_prefix: received.key.clone(),
                max_size: options.max_size,
                expires_at: managed.ends_at,
            })
            .await?
        };
        let mut links = Vec::new();
        let uploads = if let Some(form) = &form {
            PageUploads::Form(form)
        } else {
            for n in 1..=PUT_SLOTS {
                let tag = hex::encode(rand::random::<[u8; 4]>());
                let object =
                    S3Location::new(&base.bucket, format!("{}file {n:02} {tag}", received.key))?;
                links.push(
                    self.upload_link_for_new_file(
                        &object,
                        options.expiry,
                        Some("application/octet-stream"),
                    )
                    .await?,
                );
            }
            PageUploads::Slots(&links)
        };
        let kind = match uploads {
            PageUploads::Form(_) => RequestUploads::Form,
            PageUploads::Slots(links) => RequestUploads::PutSlots { slots: links.len() },
        };
        let html = render_request_page(&RequestPage {
            folder_name: key_name(&received.key),
            max_size: options.max_size,
            expires_at: managed.ends_at,
            uploads,
        });
        let page = self.publish_page(managed, html, options.expiry).await?;
        Ok(FileRequest {
            page,
            received: received.clone(),
            managed: managed.clone(),
            uploads: kind,
            max_size: options.max_size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_received_folder_is_named_for_a_person() {
        let at = DateTime::parse_from_rfc3339("2026-11-28T14:32:10Z")
            .unwrap()
            .to_utc();
        let name = received_folder_name(at);
        assert!(name.starts_with("Files received 2026-11-2"), "{name}");
        assert!(!name.contains(':') && !name.contains('/'));
        assert_eq!(key_name("in/Files received x/"), "Files received x");
        assert_eq!(key_name("Files received x/"), "Files received x");
    }

    #[test]
    fn sizes_outside_what_a_post_can_carry_are_refused() {
        let folder = S3Location::new("bucket", "in/").unwrap();
        let expiry = Expiry::parse("1h").unwrap();
        assert!(RequestOptions::new(folder.clone(), expiry, 0).is_err());
        assert!(RequestOptions::new(folder.clone(), expiry, MAX_SIZE_LIMIT + 1).is_err());
        assert!(RequestOptions::new(folder, expiry, MAX_SIZE_LIMIT).is_ok());
    }

    #[test]
    fn only_put_slots_come_with_a_note() {
        assert_eq!(RequestUploads::Form.note(), None);
        let note = RequestUploads::PutSlots { slots: 20 }.note().unwrap();
        assert!(note.contains("no form uploads: the page takes up to 20 files"));
        let one = RequestUploads::PutSlots { slots: 1 }.note().unwrap();
        assert!(one.contains("up to 1 file,"), "{one}");
    }
}
