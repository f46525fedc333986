//! What s3share keeps in a user's bucket under its own folder `.s3share/`: share pages,
//! file-request pages, password-protected files and take-back copies. This module is the
//! one place that names those folders, finds them again and removes them when they end.
//!
//! Each thing lives in a folder of its own,
//! `{base}.s3share/{kind}/{ends}-{id}/`, where `base` is the folder the user made it in
//! (empty at the top of the bucket), `ends` the UTC second its links stop working
//! (`20261128T143000Z`) and `id` 20 random hex digits. The end time is in the name so that
//! cleanup needs one listing and no reads; the random part makes the folder unguessable.
//! Only keys that parse as such a folder are ever deleted by cleanup.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::client::Session;
use super::error::{Error, Result};
use super::expiry::Expiry;
use super::history::HistoryEntry;
use super::location::S3Location;

/// The folder name s3share keeps its things under, inside any folder of a bucket.
pub const FOLDER: &str = ".s3share";

const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const ID_BYTES: usize = 10;

/// What a managed folder holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManagedKind {
    /// A page listing many files, each with its own link.
    Page,
    /// A page through which anyone can upload files into a folder.
    Request,
    /// An encrypted file and the page that decrypts it.
    Protected,
    /// A copy of a file shared instead of the original, so the link can be taken back.
    Copy,
}

impl ManagedKind {
    pub const ALL: [Self; 4] = [Self::Page, Self::Request, Self::Protected, Self::Copy];

    /// The sub-folder of `.s3share/` it lives in.
    pub fn folder_name(self) -> &'static str {
        match self {
            Self::Page => "pages",
            Self::Request => "requests",
            Self::Protected => "protected",
            Self::Copy => "shares",
        }
    }

    /// What a person calls it: "page", "file request", "protected file", "copy".
    pub fn label(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::Request => "file request",
            Self::Protected => "protected file",
            Self::Copy => "copy",
        }
    }

    fn from_folder_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.folder_name() == name)
    }
}

/// One thing s3share keeps in a bucket: a folder of its own that ends at a known time.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ManagedFolder {
    pub bucket: String,
    /// The user's folder it was made in (`""` or ending in `/`).
    pub base: String,
    pub kind: ManagedKind,
    /// When its links stop working (whole seconds, UTC).
    pub ends_at: DateTime<Utc>,
    pub id: String,
}

impl ManagedFolder {
    /// A new, unguessable folder in `base` (a folder key, `""` for the top of the bucket).
    pub fn new(bucket: &str, base: &str, kind: ManagedKind, ends_at: DateTime<Utc>) -> Self {
        let random: [u8; ID_BYTES] = rand::random();
        Self {
            bucket: bucket.to_owned(),
            base: folder_key(base),
            kind,
            ends_at: whole_seconds(ends_at),
            id: hex::encode(random),
        }
    }

    /// The folder's key prefix, ending in `/`.
    pub fn prefix(&self) -> String {
        format!(
            "{}{FOLDER}/{}/{}-{}/",
            self.base,
            self.kind.folder_name(),
            self.ends_at.format(STAMP_FORMAT),
            self.id
        )
    }

    /// The object `name` inside the folder.
    pub fn object(&self, name: &str) -> S3Location {
        S3Location {
            bucket: self.bucket.clone(),
            key: format!("{}{name}", self.prefix()),
        }
    }

    /// The folder itself, as a location.
    pub fn location(&self) -> S3Location {
        S3Location {
            bucket: self.bucket.clone(),
            key: self.prefix(),
        }
    }

    /// The managed folder a key belongs to, if it is inside one (and only then).
    pub fn containing(bucket: &str, key: &str) -> Option<Self> {
        let marker = format!("{FOLDER}/");
        let start = if key.starts_with(&marker) {
            0
        } else {
            key.find(&format!("/{marker}"))? + 1
        };
        let base = &key[..start];
        let mut rest = key[start + marker.len()..].splitn(3, '/');
        let kind = ManagedKind::from_folder_name(rest.next()?)?;
        let name = rest.next()?;
        // Only a folder (something follows its `/`) is managed, never a lone object.
        rest.next()?;
        let (stamp, id) = name.split_once('-')?;
        let is_id = id.len() == ID_BYTES * 2
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !is_id {
            return None;
        }
        let ends_at = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT)
            .ok()?
            .and_utc();
        Some(Self {
            bucket: bucket.to_owned(),
            base: base.to_owned(),
            kind,
            ends_at,
            id: id.to_owned(),
        })
    }

    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.ends_at <= now
    }
}

/// Whether a key or folder prefix is (inside) s3share's own folder; the browser hides them.
/// It runs for every row of a listing: no allocation.
pub fn is_managed_key(key: &str) -> bool {
    const AT_TOP: &str = ".s3share/";
    const INSIDE: &str = "/.s3share/";
    key.starts_with(AT_TOP) || key.contains(INSIDE)
}

fn folder_key(base: &str) -> String {
    if base.is_empty() || base.ends_with('/') {
        base.to_owned()
    } else {
        format!("{base}/")
    }
}

fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// What a cleanup did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CleanReport {
    /// Ended folders whose objects were all removed.
    pub removed: Vec<ManagedFolder>,
    /// Objects deleted in all.
    pub objects_removed: usize,
    /// Folders still working, left alone.
    pub still_working: usize,
}

/// What cleaning every place history records did (see [`Session::clean_recorded`]).
#[derive(Debug, Default)]
pub struct RecordedCleanup {
    /// All places together.
    pub report: CleanReport,
    /// Places that could not be cleaned (a bucket since deleted, keys no longer allowed):
    /// the bucket, the folder and why. The others were cleaned all the same.
    pub failed: Vec<(String, String, super::error::Error)>,
}

impl Session {
    /// The ONE cleanup of everything s3share made on this connection: every folder of a
    /// bucket that a history entry of this connection records a managed thing in (pages,
    /// file requests, protected files, take-back copies alike) is cleaned of its ended
    /// managed folders ([`clean_ended`](Self::clean_ended)). Used by `s3share page clean`
    /// and by the window when it connects.
    pub async fn clean_recorded(&self, entries: &[HistoryEntry]) -> RecordedCleanup {
        let mut places: Vec<(&str, &str)> = Vec::new();
        for entry in entries.iter().filter(|e| e.connection == self.name()) {
            if let Some(record) = &entry.managed {
                let place = (record.folder.bucket.as_str(), record.folder.base.as_str());
                if !places.contains(&place) {
                    places.push(place);
                }
            }
        }
        let mut all = RecordedCleanup::default();
        for (bucket, base) in places {
            match self.clean_ended(bucket, base).await {
                Ok(report) => {
                    all.report.removed.extend(report.removed);
                    all.report.objects_removed += report.objects_removed;
                    all.report.still_working += report.still_working;
                }
                Err(e) => all.failed.push((bucket.to_owned(), base.to_owned(), e)),
            }
        }
        all
    }

    /// A new folder that ends when a link signed now for `expiry` ends (earlier than asked
    /// when the keys are temporary).
    pub async fn new_managed_folder(
        &self,
        bucket: &str,
        base: &str,
        kind: ManagedKind,
        expiry: Expiry,
    ) -> Result<ManagedFolder> {
        // Anything made inside one of s3share's folders would be removed with it (files
        // sent to a request there included): only the user's own folders hold them.
        if is_managed_key(base) {
            return Err(Error::invalid(
                "folder",
                "s3share's own folder (.s3share) cannot hold pages, requests or copies; choose one of your folders",
            ));
        }
        let (ends_at, _, _) = self.effective_expiry(expiry).await?;
        Ok(ManagedFolder::new(bucket, base, kind, ends_at))
    }

    /// Every managed folder below `base` in `bucket`, with its objects' keys.
    pub async fn managed_folders(
        &self,
        bucket: &str,
        base: &str,
    ) -> Result<Vec<(ManagedFolder, Vec<String>)>> {
        let root = S3Location::new(bucket, format!("{}{FOLDER}/", folder_key(base)))?;
        let listing = self.list_all(&root, true).await?;
        let mut folders: Vec<(ManagedFolder, Vec<String>)> = Vec::new();
        for object in listing.objects {
            let Some(folder) = ManagedFolder::containing(bucket, &object.key) else {
                continue;
            };
            match folders.iter_mut().find(|(f, _)| *f == folder) {
                Some((_, keys)) => keys.push(object.key),
                None => folders.push((folder, vec![object.key])),
            }
        }
        Ok(folders)
    }

    /// Deletes everything in one managed folder ("stop sharing"); returns how many objects.
    /// The folder's name is checked again here, so nothing outside `.s3share/` is touched.
    pub async fn remove_managed(&self, folder: &ManagedFolder) -> Result<usize> {
        let listing = self.list_all(&folder.location(), true).await?;
        let mut removed = 0;
        for object in listing.objects {
            if ManagedFolder::containing(&folder.bucket, &object.key).as_ref() == Some(folder) {
                self.delete_object(&S3Location::new(&folder.bucket, object.key)?)
                    .await?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Removes the managed folders below `base` whose links have ended (by the service's
    /// clock); working ones are left alone.
    pub async fn clean_ended(&self, bucket: &str, base: &str) -> Result<CleanReport> {
        let now = self.now_utc();
        let mut report = CleanReport::default();
        for (folder, keys) in self.managed_folders(bucket, base).await? {
            if !folder.has_ended(now) {
                report.still_working += 1;
                continue;
            }
            for key in &keys {
                self.delete_object(&S3Location::new(bucket, key.clone())?)
                    .await?;
            }
            report.objects_removed += keys.len();
            report.removed.push(folder);
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_folder_is_found_again_from_any_key_inside_it() {
        for base in ["", "photos/", "a/b c/"] {
            for kind in ManagedKind::ALL {
                let folder =
                    ManagedFolder::new("b", base, kind, at("2026-11-28T14:30:00.750+01:00"));
                assert_eq!(folder.ends_at, at("2026-11-28T13:30:00Z"));
                let key = folder.object("index.html").key;
                assert!(key.starts_with(&format!("{base}.s3share/")), "{key}");
                assert!(is_managed_key(&key));
                assert_eq!(ManagedFolder::containing("b", &key), Some(folder.clone()));
            }
        }
    }

    #[test]
    fn folders_are_unguessable_and_distinct() {
        let ends = at("2026-11-28T13:30:00Z");
        let a = ManagedFolder::new("b", "", ManagedKind::Page, ends);
        let b = ManagedFolder::new("b", "", ManagedKind::Page, ends);
        assert_ne!(a.prefix(), b.prefix());
        assert_eq!(a.id.len(), 20);
    }

    #[test]
    fn user_keys_that_merely_look_alike_are_not_managed() {
        for key in [
            ".s3share/pages/20261128T133000Z-0123456789abcdef0123",
            ".s3share/pages/20261128T133000Z-short/index.html",
            ".s3share/other/20261128T133000Z-0123456789abcdef0123/x",
            ".s3share/pages/notadate-0123456789abcdef0123/x",
            "x.s3share/pages/20261128T133000Z-0123456789abcdef0123/x",
            "notes/.s3sharex/pages/20261128T133000Z-0123456789abcdef0123/x",
        ] {
            assert_eq!(ManagedFolder::containing("b", key), None, "{key}");
        }
        assert!(!is_managed_key("photos/x.s3share/a"));
        assert!(is_managed_key("photos/.s3share/"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn parsing_any_key_never_panics_and_only_accepts_what_it_names(key in "\\PC{0,80}") {
            if let Some(folder) = ManagedFolder::containing("b", &key) {
                prop_assert!(key.starts_with(&folder.prefix()));
            }
        }
    }
}
