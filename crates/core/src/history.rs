//! The shared-links history: one JSON object per line in `<data dir>/history.jsonl`,
//! readable only by the user (0600). With "keep the links themselves" off, URLs are not
//! stored, only what was shared, when, and until when.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::disposition::LinkMode;
use super::error::{Error, Result};
use super::location::S3Location;
use super::managed::{ManagedFolder, ManagedKind};
use super::paths;
use super::share::{LinkWarning, ShareLink, redact_url};

/// One shared link. Its `Debug` hides the link's signature and session token.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    pub created_at: DateTime<Utc>,
    pub connection: String,
    pub bucket: String,
    pub key: String,
    /// "inline" or "attachment".
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What was said about the link when it was made (e.g. it may stop early).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<LinkWarning>,
    /// For a page, file request, password-protected file or take-back copy: the folder
    /// s3share keeps it in. `None` for a plain link to the user's own file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed: Option<ManagedRecord>,
}

/// Where a page, request, protected file or copy lives, and whether it was taken back.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ManagedRecord {
    pub folder: ManagedFolder,
    /// How many files it shares (a page) — 1 for a protected file or a copy, 0 for a request.
    #[serde(default)]
    pub files: usize,
    /// When "Stop sharing" removed it (its links then answer 403/404).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_back_at: Option<DateTime<Utc>>,
}

impl ManagedRecord {
    /// A thing just made, sharing `files` files (0 for a request).
    pub fn new(folder: ManagedFolder, files: usize) -> Self {
        Self {
            folder,
            files,
            taken_back_at: None,
        }
    }
}

impl ManagedRecord {
    /// What history calls it: "page · 40 files", "file request", "protected file", "copy".
    pub fn label(&self) -> String {
        match self.folder.kind {
            ManagedKind::Page => crate::tr!(
                "history-page-label",
                count = self.files,
                // Fluent prints numbers ungrouped; "1 000 files" as everywhere else.
                shown = crate::format::count(self.files)
            ),
            kind => kind.label().to_owned(),
        }
    }

    /// How its link works, for history's detail line.
    pub fn mode_text(&self) -> String {
        match self.folder.kind {
            ManagedKind::Page => crate::tr!("history-mode-page"),
            ManagedKind::Request => crate::tr!("history-mode-request"),
            ManagedKind::Protected => crate::tr!("history-mode-protected"),
            ManagedKind::Copy => crate::tr!("history-mode-copy"),
        }
    }

    /// What "Stop sharing" does to it, the same words in the CLI and the window. Only a
    /// copy and a protected file are gone at once for everyone: a page's viewers keep the
    /// file links it showed them, and an open request page keeps its signed form.
    pub fn stop_sharing_effect(&self) -> String {
        let ends = crate::i18n::locale_format::local_day_time(self.folder.ends_at);
        match self.folder.kind {
            ManagedKind::Copy => crate::tr!("history-effect-copy"),
            ManagedKind::Protected => crate::tr!("history-effect-protected"),
            ManagedKind::Page => crate::tr!("history-effect-page", ends = ends),
            ManagedKind::Request => crate::tr!("history-effect-request", ends = ends),
        }
    }
}

/// Where a shared thing stands, as history shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareState {
    Active,
    Ended,
    TakenBack,
}

impl ShareState {
    /// The word history shows for it, the same in the CLI and the window.
    pub fn label(self) -> String {
        match self {
            Self::Active => crate::tr!("history-state-active"),
            Self::Ended => crate::tr!("history-state-ended"),
            Self::TakenBack => crate::tr!("history-state-taken-back"),
        }
    }
}

impl std::fmt::Display for ShareState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// How many hex digits of a managed folder's id history shows as its short id.
pub const SHORT_ID_LEN: usize = 8;

impl std::fmt::Debug for HistoryEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HistoryEntry")
            .field("created_at", &self.created_at)
            .field("connection", &self.connection)
            .field("bucket", &self.bucket)
            .field("key", &self.key)
            .field("mode", &self.mode)
            .field("filename", &self.filename)
            .field("expires_at", &self.expires_at)
            .field("url", &self.url.as_deref().map(redact_url))
            .field("warnings", &self.warnings)
            .field("managed", &self.managed)
            .finish()
    }
}

impl HistoryEntry {
    pub fn from_link(connection: &str, link: &ShareLink, keep_url: bool) -> Self {
        Self {
            created_at: link.created_at,
            connection: connection.to_owned(),
            bucket: link.object.bucket.clone(),
            key: link.object.key.clone(),
            mode: link.mode.name().to_owned(),
            filename: link.mode.filename().map(str::to_owned),
            expires_at: link.expires_at,
            url: keep_url.then(|| link.url.clone()),
            warnings: link.warnings.clone(),
            managed: None,
        }
    }

    /// A link to a copy that can be taken back: the entry names the user's file (what was
    /// shared) and records the managed folder the copy lives in.
    pub fn from_copy(connection: &str, copy: &super::take_back::ShareCopy, keep_url: bool) -> Self {
        let mut entry = Self::from_link(connection, &copy.link, keep_url);
        entry.bucket.clone_from(&copy.original.bucket);
        entry.key.clone_from(&copy.original.key);
        entry.managed = Some(copy.record.clone());
        entry
    }

    /// The id `s3share history` shows and `s3share unshare` takes: the first digits of
    /// the managed folder's random id. `None` for a plain link.
    pub fn short_id(&self) -> Option<&str> {
        let id = &self.managed.as_ref()?.folder.id;
        Some(id.get(..SHORT_ID_LEN).unwrap_or(id))
    }

    /// Whether "Stop sharing" can take it back: it lives in s3share's own folder and was
    /// not taken back yet (an ended one can still be removed before cleanup gets to it).
    pub fn can_take_back(&self) -> bool {
        self.managed
            .as_ref()
            .is_some_and(|m| m.taken_back_at.is_none())
    }

    /// What history says about where it stands, the same in the CLI and the window:
    /// "active, works until Fri 28 Nov, 14:03", "ended", "taken back".
    pub fn state_text(&self, now: DateTime<Utc>) -> String {
        match self.state(now) {
            ShareState::Active => crate::tr!(
                "history-state-active-until",
                time = crate::i18n::locale_format::local_day_time(self.expires_at)
            ),
            state => state.label(),
        }
    }

    /// A page, request, protected file or copy: `link` is its page's (or copy's) link,
    /// `shared` the folder or file it shares, which history shows.
    pub fn from_managed(
        connection: &str,
        link: &ShareLink,
        shared: &S3Location,
        record: ManagedRecord,
        keep_url: bool,
    ) -> Self {
        Self {
            bucket: shared.bucket.clone(),
            key: shared.key.clone(),
            filename: None,
            managed: Some(record),
            ..Self::from_link(connection, link, keep_url)
        }
    }

    /// What "Stop sharing" does to it ([`ManagedRecord::stop_sharing_effect`]); `None`
    /// for a plain link, which cannot be taken back.
    pub fn stop_sharing_effect(&self) -> Option<String> {
        self.managed
            .as_ref()
            .map(ManagedRecord::stop_sharing_effect)
    }

    /// Active, ended, or taken back ("Stop sharing").
    pub fn state(&self, now: DateTime<Utc>) -> ShareState {
        match &self.managed {
            Some(ManagedRecord {
                taken_back_at: Some(_),
                ..
            }) => ShareState::TakenBack,
            _ if self.is_expired(now) => ShareState::Ended,
            _ => ShareState::Active,
        }
    }

    /// The mode the link was made with (see [`LinkMode::from_download`]).
    pub fn link_mode(&self) -> LinkMode {
        LinkMode::from_download(self.mode == "attachment", self.filename.clone())
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at <= now
    }
}

/// How far apart the end times of two copies of one link may be. Copy link signs anew on
/// every click, so copying a file four times in a few minutes gives four links whose ends
/// are a few minutes apart; a link made the next day ends a day later and is another link.
pub const SAME_LINK_ENDS_WITHIN: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

impl HistoryEntry {
    /// Whether `other` is a re-copy of the same link, as a person would see it: the same
    /// file (connection, bucket and key), opened the same way (in the browser, or
    /// downloaded under the same name), ending at about the same time (within
    /// [`SAME_LINK_ENDS_WITHIN`]), and both plain links. A page, file request,
    /// password-protected file or take-back copy lives in a folder of its own and is
    /// stopped on its own, so it is never a copy of anything else.
    pub fn same_link(&self, other: &Self) -> bool {
        self.managed.is_none()
            && other.managed.is_none()
            && self.connection == other.connection
            && self.bucket == other.bucket
            && self.key == other.key
            && self.mode == other.mode
            && self.filename == other.filename
            && (self.expires_at - other.expires_at).abs() <= SAME_LINK_ENDS_WITHIN
    }
}

/// One line of history as the window shows it: a link and its re-copies (see
/// [`HistoryEntry::same_link`]), as positions in the list [`group_copies`] was given,
/// latest made first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkGroup {
    members: Vec<usize>,
}

impl LinkGroup {
    /// The copies, latest made first (never empty).
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// The latest copy: the one the line shows and copies again.
    pub fn latest(&self) -> usize {
        self.members[0]
    }

    /// How many times the link was copied.
    pub fn copies(&self) -> usize {
        self.members.len()
    }

    /// When the latest copy was made.
    pub fn made_at(&self, entries: &[HistoryEntry]) -> DateTime<Utc> {
        entries[self.latest()].created_at
    }

    /// When the last of its copies stops working.
    pub fn ends_at(&self, entries: &[HistoryEntry]) -> DateTime<Utc> {
        self.members
            .iter()
            .map(|&i| entries[i].expires_at)
            .max()
            .unwrap_or_else(|| entries[self.latest()].expires_at)
    }

    /// Active while any copy still works (plain links are never taken back; a managed
    /// entry is a group of its own, with its own state).
    pub fn state(&self, entries: &[HistoryEntry], now: DateTime<Utc>) -> ShareState {
        let latest = &entries[self.latest()];
        match latest.state(now) {
            ShareState::Ended if self.ends_at(entries) > now => ShareState::Active,
            state => state,
        }
    }
}

/// `entries` (any order) as history lines: re-copies of the same link together, each
/// line's copies latest made first, lines by their latest copy, latest first. A copy joins
/// the line of the latest copy of the same link when it is the [`HistoryEntry::same_link`]
/// as that one (so a line spans at most [`SAME_LINK_ENDS_WITHIN`] of end times).
pub fn group_copies(entries: &[HistoryEntry]) -> Vec<LinkGroup> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    // Latest made first; equal times keep the list's order (newest first in the file).
    order.sort_by(|&a, &b| entries[b].created_at.cmp(&entries[a].created_at));
    let mut groups: Vec<LinkGroup> = Vec::new();
    // The line a plain link's next older copy may join, by what makes it the same link.
    let mut open: std::collections::HashMap<(&str, &str, &str, &str, Option<&str>), usize> =
        std::collections::HashMap::new();
    for i in order {
        let entry = &entries[i];
        if entry.managed.is_some() {
            groups.push(LinkGroup { members: vec![i] });
            continue;
        }
        let identity = (
            entry.connection.as_str(),
            entry.bucket.as_str(),
            entry.key.as_str(),
            entry.mode.as_str(),
            entry.filename.as_deref(),
        );
        match open.get(&identity) {
            Some(&g) if entries[groups[g].latest()].same_link(entry) => {
                groups[g].members.push(i);
            }
            _ => {
                open.insert(identity, groups.len());
                groups.push(LinkGroup { members: vec![i] });
            }
        }
    }
    groups
}

/// The history file.
///
/// Several processes write it at once (the window and any number of CLIs), so:
/// - an append is one `write` of one whole line to a file opened with `O_APPEND`: lines
///   from different processes never mix, and none overwrites another;
/// - a rewrite (removing a line, clearing) holds an exclusive lock on `history.jsonl.lock`
///   beside it, writes a private temporary file in the same folder and renames it over the
///   history; appends hold a shared lock on the same file, so none lands in a file that is
///   being replaced (it would be lost with it);
/// - the history, its lock and the temporary file are created 0600 whatever the umask (and
///   a history found with wider permissions is narrowed); a temporary file is removed on
///   every failure path, so no stray copy of the links is left behind.
#[derive(Clone, Debug)]
pub struct History {
    path: PathBuf,
}

impl History {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// `<data dir>/history.jsonl` (e.g. ~/.local/share/s3share on Linux).
    pub fn default_path() -> Result<PathBuf> {
        paths::data_path("history.jsonl")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self) -> impl Fn(std::io::Error) -> Error + '_ {
        |source| Error::ConfigFile {
            path: self.path.clone(),
            source,
        }
    }

    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// Opens (creating it 0600) the lock file beside the history and locks it: shared for
    /// appends, exclusive for rewrites. Unlocked when the returned file is dropped.
    fn lock(&self, exclusive: bool) -> Result<File> {
        paths::create_private_dir(self.dir()).map_err(self.io())?;
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(".lock");
        let lock = private_options()
            .open(self.dir().join(name))
            .map_err(self.io())?;
        if exclusive {
            lock.lock().map_err(self.io())?;
        } else {
            lock.lock_shared().map_err(self.io())?;
        }
        Ok(lock)
    }

    pub fn append(&self, entry: &HistoryEntry) -> Result<()> {
        self.append_all(std::slice::from_ref(entry))
    }

    /// Adds entries at the end, one `write` per line.
    pub fn append_all(&self, entries: &[HistoryEntry]) -> Result<()> {
        let _lock = self.lock(false)?;
        let mut file = private_options()
            .append(true)
            .open(&self.path)
            .map_err(self.io())?;
        make_private(&file).map_err(self.io())?;
        for entry in entries {
            let mut line =
                serde_json::to_vec(entry).map_err(|e| self.io()(std::io::Error::other(e)))?;
            line.push(b'\n');
            // One call: with O_APPEND the whole line goes in at the end, or nothing does.
            let written = file.write(&line).map_err(self.io())?;
            if written != line.len() {
                return Err(self.io()(std::io::Error::new(
                    std::io::ErrorKind::WriteZero,
                    "the disk took only part of a history line",
                )));
            }
        }
        Ok(())
    }

    fn read_text(&self) -> Result<String> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(self.io()(e)),
        }
    }

    /// Newest first. Lines that cannot be read (a crash mid-write) are skipped.
    pub fn load(&self) -> Result<Vec<HistoryEntry>> {
        let mut entries: Vec<HistoryEntry> = self
            .read_text()?
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect();
        entries.reverse();
        Ok(entries)
    }

    /// Removes the entries for which `keep` is false; rewrites the file atomically. Lines
    /// this version cannot read are kept as they are.
    pub fn retain(&self, keep: impl Fn(&HistoryEntry) -> bool) -> Result<()> {
        let _lock = self.lock(true)?;
        self.remove_stale_temporaries();
        let text = self.read_text()?;
        let mut kept = String::with_capacity(text.len());
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<HistoryEntry>(line) {
                Ok(entry) if !keep(&entry) => {}
                _ => {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
        }
        paths::write_atomically(&self.path, kept.as_bytes()).map_err(self.io())
    }

    /// Changes entries in place: `change` returns true for each entry it changed. Rewrites
    /// the file atomically under the exclusive lock (like [`retain`](Self::retain)), so
    /// appends by other processes meanwhile are kept. Returns how many entries changed.
    pub fn update(&self, mut change: impl FnMut(&mut HistoryEntry) -> bool) -> Result<usize> {
        let _lock = self.lock(true)?;
        self.remove_stale_temporaries();
        let text = self.read_text()?;
        let mut out = String::with_capacity(text.len());
        let mut changed = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let changed_entry = serde_json::from_str::<HistoryEntry>(line)
                .ok()
                .and_then(|mut entry| change(&mut entry).then_some(entry));
            match changed_entry {
                Some(entry) => {
                    changed += 1;
                    let json = serde_json::to_string(&entry)
                        .map_err(|e| self.io()(std::io::Error::other(e)))?;
                    out.push_str(&json);
                }
                None => out.push_str(line),
            }
            out.push('\n');
        }
        if changed == 0 {
            return Ok(0);
        }
        paths::write_atomically(&self.path, out.as_bytes()).map_err(self.io())?;
        Ok(changed)
    }

    /// Marks the entries of `folder` taken back at `at` ("Stop sharing" removed it).
    pub fn mark_taken_back(&self, folder: &ManagedFolder, at: DateTime<Utc>) -> Result<usize> {
        self.update(|entry| match &mut entry.managed {
            Some(record) if record.folder == *folder && record.taken_back_at.is_none() => {
                record.taken_back_at = Some(at);
                true
            }
            _ => false,
        })
    }

    /// Temporary files left by a rewrite that was killed half-way (only the holder of the
    /// exclusive lock makes one, so any found now is stale).
    fn remove_stale_temporaries(&self) {
        let Ok(dir) = std::fs::read_dir(self.dir()) else {
            return;
        };
        for entry in dir.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // `.history-*.tmp`: how earlier versions named theirs (they may hold links).
            let earlier = name.starts_with(".history-") && name.ends_with(paths::TEMP_SUFFIX);
            if earlier || paths::is_temporary_of(&self.path, &name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    pub fn clear(&self) -> Result<()> {
        let _lock = self.lock(true)?;
        self.remove_stale_temporaries();
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.io()(e)),
        }
    }
}

/// Created readable and writable by the owner only: the file can hold working links.
fn private_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Narrows an existing file that others could read (made by an older version, or by hand).
fn make_private(file: &File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(paths::private_permissions())?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, expires_in_secs: i64, url: Option<&str>) -> HistoryEntry {
        HistoryEntry {
            created_at: Utc::now(),
            connection: "Work".to_owned(),
            bucket: "b".to_owned(),
            key: key.to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: Utc::now() + chrono::Duration::seconds(expires_in_secs),
            url: url.map(str::to_owned),
            warnings: Vec::new(),
            managed: None,
        }
    }

    /// A plain link to `key` made `made_min` minutes ago, ending `ends_min` minutes from now.
    fn made(key: &str, made_min: i64, ends_min: i64) -> HistoryEntry {
        let now: DateTime<Utc> = "2026-11-28T12:00:00Z".parse().unwrap();
        HistoryEntry {
            created_at: now - chrono::Duration::minutes(made_min),
            expires_at: now + chrono::Duration::minutes(ends_min),
            ..entry(key, 0, None)
        }
    }

    fn keys(entries: &[HistoryEntry], groups: &[LinkGroup]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| {
                g.members()
                    .iter()
                    .map(|&i| {
                        format!(
                            "{}@{}",
                            entries[i].key,
                            entries[i].created_at.format("%H:%M")
                        )
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn re_copies_of_one_link_are_one_line_latest_first() {
        // Copied four times in three minutes (a day each), plus another file between.
        let entries = vec![
            made("a.pdf", 0, 1440),
            made("b.pdf", 1, 1440),
            made("a.pdf", 1, 1439),
            made("a.pdf", 2, 1438),
            made("a.pdf", 3, 1437),
        ];
        let groups = group_copies(&entries);
        assert_eq!(
            keys(&entries, &groups),
            [
                vec!["a.pdf@12:00", "a.pdf@11:59", "a.pdf@11:58", "a.pdf@11:57"],
                vec!["b.pdf@11:59"],
            ]
        );
        assert_eq!(groups[0].copies(), 4);
        assert_eq!(groups[0].latest(), 0);
        assert_eq!(groups[0].ends_at(&entries), entries[0].expires_at);
        assert_eq!(groups[0].made_at(&entries), entries[0].created_at);
        // The order given does not matter: the file lists oldest first, a load newest first.
        let mut reversed = entries.clone();
        reversed.reverse();
        assert_eq!(
            keys(&reversed, &group_copies(&reversed)),
            keys(&entries, &groups)
        );
    }

    #[test]
    fn what_makes_another_link() {
        let base = made("a.pdf", 0, 60);
        let other = |change: &dyn Fn(&mut HistoryEntry)| {
            let mut e = made("a.pdf", 1, 60);
            change(&mut e);
            e
        };
        assert!(base.same_link(&other(&|_| {})));
        let different: [&dyn Fn(&mut HistoryEntry); 7] = [
            &|e| e.connection = "Home".to_owned(),
            &|e| e.bucket = "c".to_owned(),
            &|e| e.key = "A.pdf".to_owned(),
            &|e| e.mode = "attachment".to_owned(),
            &|e| e.filename = Some("a.pdf".to_owned()),
            // Made the next day: it ends a day later.
            &|e| e.expires_at += chrono::Duration::days(1),
            &|e| {
                e.managed = Some(ManagedRecord::new(
                    ManagedFolder::new("b", "", ManagedKind::Copy, e.expires_at),
                    1,
                ));
            },
        ];
        for change in different {
            let e = other(change);
            assert!(!base.same_link(&e), "{e:?}");
            assert_eq!(group_copies(&[base.clone(), e]).len(), 2);
        }
        // Ends up to ten minutes apart are re-copies; eleven are not.
        assert!(base.same_link(&other(&|e| e.expires_at += chrono::Duration::minutes(10))));
        assert!(!base.same_link(&other(&|e| e.expires_at -= chrono::Duration::minutes(11))));
        // Two take-back copies of one file at once are two things to stop.
        let copy = other(&|e| {
            e.managed = Some(ManagedRecord::new(
                ManagedFolder::new("b", "", ManagedKind::Copy, e.expires_at),
                1,
            ));
        });
        assert_eq!(group_copies(&[copy.clone(), copy]).len(), 2);
    }

    #[test]
    fn a_line_spans_ten_minutes_of_ends_at_most() {
        // Copied every five minutes for half an hour (one-hour links): the ends drift.
        let entries: Vec<HistoryEntry> = (0..7).map(|i| made("a.pdf", i * 5, 60 - i * 5)).collect();
        let groups = group_copies(&entries);
        let sizes: Vec<usize> = groups.iter().map(LinkGroup::copies).collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(sizes.iter().sum::<usize>(), entries.len());
    }

    #[test]
    fn a_line_works_while_any_copy_does() {
        let now: DateTime<Utc> = "2026-11-28T12:00:00Z".parse().unwrap();
        // The latest copy was a short one that has ended; an earlier one still works.
        let entries = vec![made("a.pdf", 0, -1), made("a.pdf", 5, 5)];
        let groups = group_copies(&entries);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].state(&entries, now), ShareState::Active);
        assert_eq!(groups[0].ends_at(&entries), entries[1].expires_at);
        let ended = vec![made("a.pdf", 0, -1), made("a.pdf", 5, -3)];
        assert_eq!(
            group_copies(&ended)[0].state(&ended, now),
            ShareState::Ended
        );
    }

    #[test]
    fn stop_sharing_says_what_each_kind_keeps_doing() {
        let ends = Utc::now() + chrono::Duration::hours(2);
        let record = |kind| ManagedRecord {
            folder: ManagedFolder::new("b", "", kind, ends),
            files: 2,
            taken_back_at: None,
        };
        let when = super::super::format::local_day_time(record(ManagedKind::Page).folder.ends_at);
        let gone_at_once = "stops working at once";
        for kind in [ManagedKind::Copy, ManagedKind::Protected] {
            let effect = record(kind).stop_sharing_effect();
            assert!(effect.contains(gone_at_once), "{effect}");
            assert!(!effect.contains(" but "), "{effect}");
        }
        let page = record(ManagedKind::Page).stop_sharing_effect();
        assert!(
            page.contains("anyone who already opened the page keeps the file links it showed"),
            "{page}"
        );
        assert!(page.contains(&when), "{page}");
        let request = record(ManagedKind::Request).stop_sharing_effect();
        assert!(
            request.contains("a browser that still has it open can send files until the form ends"),
            "{request}"
        );
        assert!(request.contains(&when), "{request}");
        for effect in [page, request] {
            assert!(!effect.contains("  "), "{effect}");
        }
        // Each kind has its own detail line; none calls a copy a page.
        assert!(!record(ManagedKind::Copy).mode_text().contains("page"));
        assert!(
            record(ManagedKind::Protected)
                .mode_text()
                .contains("password")
        );
    }

    #[test]
    fn survives_reopening_newest_first_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/history.jsonl");
        History::new(path.clone())
            .append(&entry("old", -10, Some("http://x/old")))
            .unwrap();
        History::new(path.clone())
            .append(&entry("new", 3600, None))
            .unwrap();
        let entries = History::new(path.clone()).load().unwrap();
        assert_eq!(
            entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["new", "old"]
        );
        assert!(entries[1].is_expired(Utc::now()));
        assert!(!entries[0].is_expired(Utc::now()));
        assert_eq!(entries[0].url, None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let history = History::new(path.clone());
        history.retain(|e| e.key != "old").unwrap();
        assert_eq!(history.load().unwrap().len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        history.clear().unwrap();
        assert!(history.load().unwrap().is_empty());
    }

    #[test]
    fn warnings_are_kept_and_old_lines_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("history.jsonl"));
        let mut warned = entry("temp", 60, None);
        warned.warnings = vec![LinkWarning::SessionEndUnknown];
        history.append(&warned).unwrap();
        history.append(&entry("plain", 60, None)).unwrap();
        let text = std::fs::read_to_string(history.path()).unwrap();
        assert!(
            text.contains("\"warnings\":[\"session_end_unknown\"]"),
            "{text}"
        );
        assert_eq!(text.matches("warnings").count(), 1, "{text}");
        let entries = history.load().unwrap();
        assert_eq!(entries[0].warnings, []);
        assert_eq!(entries[1].warnings, [LinkWarning::SessionEndUnknown]);
    }

    #[test]
    fn damaged_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let history = History::new(path.clone());
        history.append(&entry("a", 60, None)).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"broken\n")
            .unwrap();
        assert_eq!(history.load().unwrap().len(), 1);
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn concurrent_appends_and_rewrites_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let history = History::new(path.clone());
        for i in 0..50 {
            history
                .append(&entry(&format!("remove-me-{i}"), 60, Some("http://x/r")))
                .unwrap();
        }
        let writers: Vec<_> = (0..8)
            .map(|w| {
                let history = history.clone();
                std::thread::spawn(move || {
                    for i in 0..200 {
                        let url = format!("http://x/{w}/{i}?X-Amz-Signature={}", "f".repeat(64));
                        history
                            .append(&entry(&format!("w{w}-{i}"), 60, Some(&url)))
                            .unwrap();
                    }
                })
            })
            .collect();
        // Rewrites while the appends run: each removes some of the first lines.
        for i in 0..50 {
            let key = format!("remove-me-{i}");
            history.retain(|e| e.key != key).unwrap();
        }
        for writer in writers {
            writer.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            serde_json::from_str::<HistoryEntry>(line).unwrap();
        }
        let entries = history.load().unwrap();
        assert_eq!(
            entries.len(),
            8 * 200,
            "every link kept, every removal done"
        );
        for w in 0..8 {
            for i in 0..200 {
                let key = format!("w{w}-{i}");
                assert!(entries.iter().any(|e| e.key == key), "{key} lost");
            }
        }
        assert_eq!(
            files_in(dir.path()),
            ["history.jsonl", "history.jsonl.lock"]
        );
    }

    #[test]
    fn taking_back_rewrites_one_entry_and_loses_no_concurrent_append() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("history.jsonl"));
        let ends = Utc::now() + chrono::Duration::hours(1);
        let folder = ManagedFolder::new("b", "", super::super::managed::ManagedKind::Copy, ends);
        let mut copy = entry("copy.pdf", 3600, None);
        copy.managed = Some(ManagedRecord {
            folder: folder.clone(),
            files: 1,
            taken_back_at: None,
        });
        history.append(&copy).unwrap();
        let writer = {
            let history = history.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    history.append(&entry(&format!("w{i}"), 60, None)).unwrap();
                }
            })
        };
        let at = Utc::now();
        assert_eq!(history.mark_taken_back(&folder, at).unwrap(), 1);
        writer.join().unwrap();
        // Already taken back: nothing to change, nothing rewritten.
        assert_eq!(history.mark_taken_back(&folder, Utc::now()).unwrap(), 0);
        let entries = history.load().unwrap();
        assert_eq!(entries.len(), 201);
        let taken = entries.iter().find(|e| e.key == "copy.pdf").unwrap();
        assert_eq!(taken.state(Utc::now()), ShareState::TakenBack);
        assert_eq!(taken.managed.as_ref().unwrap().taken_back_at, Some(at));
        assert_eq!(taken.state_text(Utc::now()), "taken back");
        assert_eq!(taken.short_id(), Some(&folder.id[..8]));
        assert!(!taken.can_take_back());
        let plain = entries.iter().find(|e| e.key == "w0").unwrap();
        assert!(
            plain
                .state_text(Utc::now())
                .starts_with("active, works until ")
        );
        assert_eq!(plain.short_id(), None);
        assert!(!plain.can_take_back());
    }

    #[cfg(unix)]
    #[test]
    fn a_history_readable_by_others_is_narrowed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, "").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        History::new(path.clone())
            .append(&entry("a", 60, Some("http://x/a")))
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn rewrites_leave_no_temporary_file_and_keep_unknown_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let history = History::new(path.clone());
        history.append(&entry("a", 60, Some("http://x/a"))).unwrap();
        // A rewrite killed half-way (an older run) left its temporary file.
        std::fs::write(dir.path().join(".history-killed.tmp"), "http://x/secret\n").unwrap();
        // A line from a newer version this one cannot read.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"future\":1}\n")
            .unwrap();
        history.append(&entry("b", 60, None)).unwrap();
        history.retain(|e| e.key != "a").unwrap();
        assert_eq!(
            files_in(dir.path()),
            ["history.jsonl", "history.jsonl.lock"]
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("{\"future\":1}\n"), "{text}");
        assert_eq!(history.load().unwrap().len(), 1);
        // A rewrite that cannot finish (here: the rename, onto a folder) leaves nothing.
        let blocker = dir.path().join("blocker");
        std::fs::create_dir_all(blocker.join("inside")).unwrap();
        assert!(paths::write_atomically(&blocker, b"http://x/secret\n").is_err());
        assert_eq!(
            files_in(dir.path()),
            ["blocker", "history.jsonl", "history.jsonl.lock"]
        );
    }
}

#[cfg(test)]
mod words_tests {
    use crate::i18n::{Language, args, message_in, set_arg};

    fn counted(language: Language, id: &str, count: usize) -> String {
        let mut a = args();
        set_arg(&mut a, "count", count);
        set_arg(&mut a, "shown", crate::format::count(count));
        message_in(language, id, Some(&a))
    }

    #[test]
    fn history_counts_read_right_in_each_language() {
        use Language::*;
        assert_eq!(counted(English, "history-button", 1), "History (1 link)");
        assert_eq!(counted(English, "history-button", 3), "History (3 links)");
        assert_eq!(counted(German, "history-button", 1), "Verlauf (1 Link)");
        // French counts 0 as one; English and Spanish do not.
        assert_eq!(counted(French, "history-button", 0), "Historique (0 lien)");
        assert_eq!(
            counted(Spanish, "history-button", 0),
            "Historial (0 enlaces)"
        );
        assert_eq!(
            counted(English, "history-copied-times", 4),
            "copied 4 times"
        );
        assert_eq!(counted(Spanish, "history-copied-times", 1), "copiado 1 vez");
        assert_eq!(counted(English, "history-page-label", 1), "page · 1 file");
        assert_eq!(
            counted(English, "history-page-label", 1000),
            "page · 1\u{202f}000 files"
        );
        assert_eq!(
            counted(German, "history-page-label", 2),
            "Seite · 2 Dateien"
        );
    }
}
