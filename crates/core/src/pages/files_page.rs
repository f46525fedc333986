//! "One link for many files": a page listing files, each with its own download link, all
//! ending together with the page.
//!
//! The files come from a folder listing (optionally recursive), from a selection whose
//! sizes are already known (the window's rows), or from keys named one by one (the CLI,
//! which looks each up). Every download link is signed in one batch
//! ([`Session::sign_downloads`]): one start time, so every link and the page's own link end
//! at the same second, and no request per file. The page is stored in a managed folder
//! (`{base}.s3share/pages/…/index.html`) of the folder the files are in and shared with a
//! pre-signed link.

use chrono::{DateTime, SecondsFormat, Utc};
use futures_util::{StreamExt, TryStreamExt};
use maud::{Markup, html};

use super::{PAGE_NAME, PageParts, render};
use crate::client::Session;
use crate::disposition::{LinkMode, sanitize_file_name};
use crate::error::{Error, Result};
use crate::expiry::Expiry;
use crate::format::{count, files_count, human_size};
use crate::history::{HistoryEntry, ManagedRecord};
use crate::location::{S3Location, key_name, parent_prefix};
use crate::managed::{ManagedFolder, ManagedKind, is_managed_key};
use crate::share::ShareLink;
use crate::visible::visible;

/// The most files one page lists: its HTML grows by about 1 KB per file.
pub const MAX_FILES: usize = 10_000;

/// Files looked up at once when they are named one by one.
const LOOKUPS_AT_ONCE: usize = 8;

/// Shows each `[data-at]` time in the viewer's own time zone and language. Without
/// script the UTC text written into the page stays.
const SCRIPT: &str = r#"(function () {
  var options = { weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  document.querySelectorAll("[data-at]").forEach(function (el) {
    var at = new Date(el.getAttribute("data-at"));
    if (!isNaN(at.getTime())) { el.textContent = at.toLocaleString(undefined, options); }
  });
})();
"#;

/// One file of a page: its key and size.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PageFile {
    pub key: String,
    pub size: u64,
}

/// What a page lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageSource {
    /// The files in a folder (a key prefix ending in `/`, or `""` for the whole bucket);
    /// with `recursive`, also those in its folders, shown with their relative paths.
    Folder { folder: S3Location, recursive: bool },
    /// Files of one bucket whose sizes are known already (a selection in a listing).
    Files {
        bucket: String,
        files: Vec<PageFile>,
    },
    /// Files of one bucket named one by one: each is looked up (it must exist).
    Keys(Vec<S3Location>),
}

/// A published page of files.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FilesPage {
    /// The page's own link (opens in the browser); it ends with every link on it.
    #[serde(flatten)]
    pub link: ShareLink,
    /// Where the page lives; removing it (or cleanup once it ended) removes the page.
    pub folder: ManagedFolder,
    /// The folder shared, or the folder holding every file shared.
    pub shared: S3Location,
    /// How many files the page lists, and their size together.
    pub files: usize,
    pub total_size: u64,
}

impl FilesPage {
    /// Its history line: the page's link under the folder it shares, with its folder (so
    /// it can be taken back and is cleaned up when it ends).
    pub fn history_entry(&self, connection: &str, keep_url: bool) -> HistoryEntry {
        HistoryEntry::from_managed(
            connection,
            &self.link,
            &self.shared,
            ManagedRecord::new(self.folder.clone(), self.files),
            keep_url,
        )
    }
}

/// The files a page will list, resolved: one bucket, the folder they are shown relative
/// to, and the files in page order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageContents {
    pub shared: S3Location,
    pub files: Vec<PageFile>,
}

impl PageContents {
    fn new(shared: S3Location, files: Vec<PageFile>) -> Result<Self> {
        if files.len() > MAX_FILES {
            return Err(Error::invalid(
                "files",
                crate::tr!(
                    "input-page-too-many",
                    shown = count(files.len()),
                    max = count(MAX_FILES)
                ),
            ));
        }
        Ok(Self { shared, files })
    }

    /// The files of explicitly named keys: one bucket, shown relative to the folder
    /// that holds them all.
    fn of_files(bucket: &str, files: Vec<PageFile>) -> Result<Self> {
        let mut seen = std::collections::HashSet::new();
        let mut unique = Vec::with_capacity(files.len());
        for file in files {
            if file.key.is_empty() || file.key.ends_with('/') {
                return Err(Error::invalid(
                    "file",
                    crate::tr!("input-page-folder-not-file", key = file.key.as_str()),
                ));
            }
            if is_managed_key(&file.key) {
                return Err(Error::invalid(
                    "file",
                    crate::tr!("input-page-own-file", key = file.key.as_str()),
                ));
            }
            if seen.insert(file.key.clone()) {
                unique.push(file);
            }
        }
        if unique.is_empty() {
            return Err(Error::invalid(
                "files",
                crate::tr!("input-page-choose-file"),
            ));
        }
        let base = common_folder(unique.iter().map(|f| f.key.as_str()));
        Self::new(S3Location::new(bucket, base)?, unique)
    }

    /// How a file is named on the page: its path below the shared folder.
    pub fn shown_path<'a>(&self, file: &'a PageFile) -> &'a str {
        file.key
            .strip_prefix(self.shared.key.as_str())
            .unwrap_or(&file.key)
    }

    pub fn total_size(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// The folder (`""` or ending in `/`) holding every key.
fn common_folder<'a>(keys: impl IntoIterator<Item = &'a str>) -> String {
    let mut common: Option<&str> = None;
    for key in keys {
        let parent = parent_prefix(key);
        common = Some(match common {
            None => parent,
            Some(c) => {
                let mut end = 0;
                for (i, (a, b)) in c.bytes().zip(parent.bytes()).enumerate() {
                    if a != b {
                        break;
                    }
                    if a == b'/' {
                        end = i + 1;
                    }
                }
                &c[..end]
            }
        });
    }
    common.unwrap_or("").to_owned()
}

/// The name a file downloads under: its own, made safe (or "file" if nothing is left).
fn download_name(key: &str) -> String {
    sanitize_file_name(key_name(key)).unwrap_or_else(|_| "file".to_owned())
}

/// The page's title: the shared folder's name (or the bucket's), else "3 files".
fn title(contents: &PageContents, from_folder: bool) -> String {
    if from_folder {
        let name = key_name(&contents.shared.key);
        let name = if name.is_empty() {
            contents.shared.bucket.as_str()
        } else {
            name
        };
        visible(name).into_owned()
    } else {
        files_count(contents.files.len())
    }
}

/// "Fri 28 Nov 2026, 13:30 UTC": what the page says until its script shows local time.
fn utc_text(at: DateTime<Utc>) -> String {
    at.format("%a %-d %b %Y, %H:%M UTC").to_string()
}

/// The page's HTML. `urls[i]` is the download link of `contents.files[i]`.
pub fn page_html(
    contents: &PageContents,
    urls: &[String],
    expires_at: DateTime<Utc>,
    from_folder: bool,
) -> String {
    let title = title(contents, from_folder);
    let summary = format!(
        "{} · {}",
        files_count(contents.files.len()),
        human_size(contents.total_size())
    );
    let body: Markup = html! {
        p.muted { (summary) }
        p {
            "The links work until "
            strong {
                time datetime=(expires_at.to_rfc3339_opts(SecondsFormat::Secs, true))
                    data-at=(expires_at.to_rfc3339_opts(SecondsFormat::Secs, true)) {
                    (utc_text(expires_at))
                }
            }
            "."
        }
        div.card {
            ul.files.links {
                @for (file, url) in contents.files.iter().zip(urls) {
                    @let path = visible(contents.shown_path(file));
                    @let (dir, name) = split_path(&path);
                    li {
                        span.name {
                            @if !dir.is_empty() { span.path { (dir) } }
                            (name)
                        }
                        span.size { (human_size(file.size)) }
                        a.button href=(url) aria-label={ "Download " (path) } { "Download" }
                    }
                }
            }
        }
    };
    render(&PageParts {
        title: &title,
        body,
        script: Some(SCRIPT),
        talks_to_bucket: false,
    })
}

/// "day 1/IMG 1.jpg" → ("day 1/", "IMG 1.jpg").
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => path.split_at(i + 1),
        None => ("", path),
    }
}

impl Session {
    /// The files `source` names, checked: one bucket, no folders, none of s3share's own
    /// (`.s3share/`), at least one, at most [`MAX_FILES`].
    pub async fn page_contents(&self, source: &PageSource) -> Result<PageContents> {
        match source {
            PageSource::Folder { folder, recursive } => {
                let folder = folder.as_folder();
                let listing = self.list_all(&folder, *recursive).await?;
                let files: Vec<PageFile> = listing
                    .objects
                    .into_iter()
                    .filter(|o| !o.key.ends_with('/') && !is_managed_key(&o.key))
                    .map(|o| PageFile {
                        key: o.key,
                        size: o.size,
                    })
                    .collect();
                if files.is_empty() {
                    return Err(Error::EmptyFolder {
                        bucket: folder.bucket.clone(),
                        folder: folder.key.clone(),
                        recursive: *recursive,
                    });
                }
                PageContents::new(folder, files)
            }
            PageSource::Files { bucket, files } => PageContents::of_files(bucket, files.clone()),
            PageSource::Keys(objects) => {
                let Some(first) = objects.first() else {
                    return Err(Error::invalid(
                        "files",
                        crate::tr!("input-page-choose-file"),
                    ));
                };
                if let Some(other) = objects.iter().find(|o| o.bucket != first.bucket) {
                    return Err(Error::invalid(
                        "files",
                        crate::tr!(
                            "input-page-one-bucket",
                            first = first.bucket.as_str(),
                            other = other.bucket.as_str()
                        ),
                    ));
                }
                if let Some(folder) = objects.iter().find(|o| !o.is_object()) {
                    return Err(Error::invalid(
                        "file",
                        crate::tr!("input-page-folder-alone", folder = folder.to_string()),
                    ));
                }
                let files: Vec<PageFile> = futures_util::stream::iter(objects.clone())
                    .map(|object| async move {
                        let info = self.head_object(&object).await?;
                        Ok::<_, Error>(PageFile {
                            key: object.key,
                            size: info.size,
                        })
                    })
                    .buffered(LOOKUPS_AT_ONCE)
                    .try_collect()
                    .await?;
                PageContents::of_files(&first.bucket, files)
            }
        }
    }

    /// Makes and publishes the page of `source`: signs a download link per file (each
    /// saves under the file's own name) and the page's link, all ending together, stores
    /// the page in a managed folder beside the files and returns its link.
    pub async fn files_page(&self, source: &PageSource, expiry: Expiry) -> Result<FilesPage> {
        let contents = self.page_contents(source).await?;
        self.publish_files_page(
            &contents,
            matches!(source, PageSource::Folder { .. }),
            expiry,
        )
        .await
    }

    /// [`files_page`](Self::files_page) for contents already resolved.
    pub async fn publish_files_page(
        &self,
        contents: &PageContents,
        from_folder: bool,
        expiry: Expiry,
    ) -> Result<FilesPage> {
        let bucket = &contents.shared.bucket;
        let mut keys: Vec<(String, LinkMode)> = contents
            .files
            .iter()
            .map(|f| {
                (
                    f.key.clone(),
                    LinkMode::Attachment {
                        filename: Some(download_name(&f.key)),
                    },
                )
            })
            .collect();
        // The end time is part of the folder's name and known once signed: sign the files,
        // name the folder with their end, then sign the page with the same start time.
        let batch = self.sign_downloads(bucket, &keys, expiry).await?;
        let folder = ManagedFolder::new(
            bucket,
            &contents.shared.key,
            ManagedKind::Page,
            batch.expires_at,
        );
        let page = folder.object(PAGE_NAME);
        keys.clear();
        keys.push((page.key.clone(), LinkMode::Inline));
        let html = page_html(contents, &batch.urls, batch.expires_at, from_folder);
        let published = async {
            self.store_page(&folder, html).await?;
            self.sign_downloads_at(bucket, &keys, expiry, batch.created_at)
                .await
        };
        let mut page_link = match published.await {
            Ok(link) => link,
            Err(e) => {
                // A page stored (or half-stored) without its link is of no use: removed.
                if let Err(cleanup) = self.remove_managed(&folder).await {
                    tracing::warn!(error = %cleanup, "could not remove a half-made page; cleanup will when it ends");
                }
                return Err(e);
            }
        };
        // One key signed, one URL back.
        let url = page_link.urls.swap_remove(0);
        Ok(FilesPage {
            link: ShareLink {
                url,
                object: page,
                mode: LinkMode::Inline,
                created_at: batch.created_at,
                expires_at: batch.expires_at,
                expiry_reason: batch.expiry_reason,
                info: None,
                warnings: batch.warnings,
            },
            folder,
            shared: contents.shared.clone(),
            files: contents.files.len(),
            total_size: contents.total_size(),
        })
    }
}

impl FilesPage {
    /// "page with 12 files, works until …" parts for feedback: "12 files".
    pub fn files_text(&self) -> String {
        files_count(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(key: &str, size: u64) -> PageFile {
        PageFile {
            key: key.to_owned(),
            size,
        }
    }

    #[test]
    fn named_files_are_shown_below_the_folder_they_share() {
        assert_eq!(common_folder(["a/b/c.txt", "a/b/d/e.txt"]), "a/b/");
        assert_eq!(common_folder(["a/bc/x", "a/bd/y"]), "a/");
        assert_eq!(common_folder(["x", "a/y"]), "");
        assert_eq!(common_folder(["trip/IMG 1.jpg"]), "trip/");
        let contents = PageContents::of_files(
            "bkt",
            vec![
                file("trip/day 1/a.jpg", 1),
                file("trip/b.jpg", 2),
                file("trip/b.jpg", 2),
            ],
        )
        .unwrap();
        assert_eq!(contents.shared.key, "trip/");
        assert_eq!(contents.files.len(), 2, "a key named twice is listed once");
        assert_eq!(contents.shown_path(&contents.files[0]), "day 1/a.jpg");
        assert_eq!(contents.total_size(), 3);
    }

    #[test]
    fn folders_and_s3share_s_own_files_are_refused() {
        for bad in ["trip/", "", "trip/.s3share/pages/x/index.html"] {
            let err = PageContents::of_files("bkt", vec![file(bad, 0)]).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{bad}: {err}");
        }
        assert!(PageContents::of_files("bkt", Vec::new()).is_err());
    }

    #[test]
    fn names_cannot_inject_markup_and_hidden_characters_show() {
        let contents = PageContents::of_files(
            "bkt",
            vec![
                file("in/<script>alert(1)</script>.txt", 10),
                file("in/\"quoted\" & 'single'.txt", 2_500_000),
                file("in/invoice\u{202E}fdp.exe", 1),
                file("in/sub/line\nbreak.txt", 1),
            ],
        )
        .unwrap();
        let urls: Vec<String> = (0..4)
            .map(|i| format!("http://127.0.0.1:1/b/{i}?X-Amz-Signature=ab&x=<y>"))
            .collect();
        let at = DateTime::parse_from_rfc3339("2026-11-28T13:30:00Z")
            .unwrap()
            .to_utc();
        let html = page_html(&contents, &urls, at, false);
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.txt"));
        assert!(html.contains("&quot;quoted&quot; &amp; 'single'.txt"));
        assert!(html.contains("invoice\\u{202E}fdp.exe"));
        assert!(!html.contains('\u{202E}'));
        assert!(html.contains("<span class=\"path\">sub/</span>line\\nbreak.txt"));
        assert!(
            html.contains("x=&lt;y&gt;"),
            "URLs are escaped in attributes too"
        );
        assert!(html.contains("data-at=\"2026-11-28T13:30:00Z\""));
        assert!(html.contains("Sat 28 Nov 2026, 13:30 UTC"));
        assert!(html.contains("4 files · 2.5 MB"));
        assert!(html.contains("<title>4 files</title>"));
    }

    #[test]
    fn download_names_are_the_files_own_made_safe() {
        assert_eq!(download_name("a/Lisbon tram.jpg"), "Lisbon tram.jpg");
        assert_eq!(download_name("a/x\u{202E}gpj.exe"), "x gpj.exe");
        assert_eq!(download_name("a/..."), "file");
    }
}
