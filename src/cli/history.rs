//! `s3share history`, and recording the links the CLI makes.

use chrono::Utc;

use super::args::ConnectionArgs;
use super::output::{print_json, print_lines};
use s3share_core::format::{files_count, local_stamp};
use s3share_core::history::{History, HistoryEntry};
use s3share_core::managed::ManagedKind;
use s3share_core::pages::files_page::FilesPage;
use s3share_core::preferences::Preferences;
use s3share_core::protect::ProtectedFile;
use s3share_core::request::FileRequest;
use s3share_core::take_back::{ShareCopy, find_in_history};
use s3share_core::visible::visible;
use s3share_core::{Error, Result, Session, ShareLink};

/// Records links in the history. A history that cannot be written is worth a warning,
/// not a failed command: the link itself is fine.
pub fn record(session: &Session, links: &[ShareLink]) {
    let keep_url = keep_urls();
    let entries: Vec<HistoryEntry> = links
        .iter()
        .map(|link| HistoryEntry::from_link(session.name(), link, keep_url))
        .collect();
    append(&entries);
}

/// Records a protected file's page, under the file's own name, with its managed folder.
pub fn record_protected(session: &Session, protected: &ProtectedFile) {
    append(&[protected.history_entry(session.name(), keep_urls())]);
}

/// Fails closed: with no settings folder there is no telling whether links may be kept.
fn keep_urls() -> bool {
    Preferences::default_path()
        .map(|p| Preferences::load(&p).keep_links_in_history)
        .unwrap_or(false)
}

fn append(entries: &[HistoryEntry]) {
    let result = History::default_path().and_then(|path| History::new(path).append_all(entries));
    if let Err(e) = result {
        eprintln!("s3share: warning: the link was made but not added to the history: {e}");
    }
}

/// Records a file request (its page, and the folder files arrive in).
pub fn record_request(session: &Session, request: &FileRequest) {
    append(&[request.history_entry(session.name(), keep_urls())]);
}

/// Records a link to a copy that can be taken back (with the folder it lives in).
pub fn record_copy(session: &Session, copy: &ShareCopy) {
    append(&[HistoryEntry::from_copy(session.name(), copy, keep_urls())]);
}

/// Records a page of files, under the folder it shares, with its managed folder.
pub fn record_page(session: &Session, page: &FilesPage) {
    append(&[page.history_entry(session.name(), keep_urls())]);
}

pub fn show(json: bool) -> Result<()> {
    let entries = History::new(History::default_path()?).load()?;
    if json {
        return print_json(&entries);
    }
    let now = Utc::now();
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let mut state = e.state_text(now);
            for warning in &e.warnings {
                state.push_str(&format!(" ({})", warning.short()));
            }
            // Names come from shared buckets: no raw line breaks, tabs or bidi overrides.
            // A page shares a folder: what it is says more than the folder's name.
            let name = match &e.managed {
                Some(record) if record.folder.kind == ManagedKind::Page => {
                    std::borrow::Cow::Owned(record.label())
                }
                _ => visible(e.filename.as_deref().unwrap_or(&e.key)),
            };
            let mut line = format!(
                "{}\t{}\ts3://{}/{}\t{name}\t{state}",
                local_stamp(e.created_at),
                visible(&e.connection),
                visible(&e.bucket),
                visible(&e.key)
            );
            // What `s3share unshare` takes.
            if let Some(id) = e.short_id() {
                line.push_str(&format!("\tid {id}"));
            }
            line
        })
        .collect();
    print_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `unshare -`: the id or link on the first line of stdin, so a signed link never shows as
/// a process argument (`ps`, shell history).
fn target_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::invalid("id", format!("could not read stdin: {e}")))?;
    let target = line.trim();
    if target.is_empty() {
        return Err(Error::invalid(
            "id",
            "with -, give the id `s3share history` shows (or the link) on the first line of stdin",
        ));
    }
    Ok(target.to_owned())
}

/// `s3share unshare ID|URL|-`: finds the entry in history, connects with the connection it
/// was made with (unless one is given), deletes the copy and marks the entry taken back.
pub async fn unshare(args: &ConnectionArgs, target: &str, json: bool) -> Result<()> {
    let target = if target == "-" {
        target_from_stdin()?
    } else {
        target.to_owned()
    };
    let history = History::new(History::default_path()?);
    let entry = find_in_history(&history.load()?, &target)?;
    let settings = super::connections::resolve_for(args, &entry.connection).await?;
    super::output::warn_plaintext(&settings);
    let session = Session::connect(&settings).await?;
    let done = session.take_back(&history, &entry).await?;
    if json {
        return print_json(&done);
    }
    let effect = entry.stop_sharing_effect().unwrap_or_default();
    print_lines(&[&format!(
        "Stopped sharing s3://{}/{}: {effect} ({} removed from {}).",
        visible(&entry.bucket),
        visible(&entry.key),
        files_count(done.objects_removed),
        visible(&done.folder.prefix()),
    )])
}
