//! `s3share page`: many files as one link (a page in the bucket), and `page clean`.

use super::history;
use super::output::{print_json, print_lines, warn_links};
use s3share_core::format::{count, local_day_time, local_stamp};
use s3share_core::history::History;
use s3share_core::pages::files_page::PageSource;
use s3share_core::visible::visible;
use s3share_core::{Error, Expiry, Result, S3Location, Session};

/// One folder (its key empty or ending in `/`) or files of one bucket.
pub fn source(locations: &[String], recursive: bool) -> Result<PageSource> {
    let parsed = locations
        .iter()
        .map(|l| S3Location::parse(l))
        .collect::<Result<Vec<_>>>()?;
    if let [only] = parsed.as_slice()
        && !only.is_object()
    {
        return Ok(PageSource::Folder {
            folder: only.clone(),
            recursive,
        });
    }
    if recursive {
        return Err(Error::invalid(
            "--recursive",
            "it is for a folder (s3://BUCKET/FOLDER/, ending in /); named files are listed as they are",
        ));
    }
    if let Some(folder) = parsed.iter().find(|l| !l.is_object()) {
        return Err(Error::invalid(
            "location",
            format!("{folder} is a folder: share one folder alone, or name files"),
        ));
    }
    Ok(PageSource::Keys(parsed))
}

pub async fn make(
    session: &Session,
    source: &PageSource,
    expiry: Expiry,
    json: bool,
) -> Result<()> {
    let page = session.files_page(source, expiry).await?;
    history::record_page(session, &page);
    warn_links(&page.link.warnings);
    if json {
        print_json(&page)
    } else {
        eprintln!(
            "s3share: a page with {}, working until {}",
            page.files_text(),
            local_day_time(page.link.expires_at)
        );
        print_lines(&[&page.link.url])
    }
}

/// Removes ended managed folders: wherever this connection's history says s3share made
/// something (`Session::clean_recorded`), and in `place` if given. A place from the history
/// that fails (a bucket since deleted) is a warning; `place` failing fails the command.
pub async fn clean(session: &Session, place: Option<&S3Location>) -> Result<()> {
    let entries = match History::default_path().and_then(|path| History::new(path).load()) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("s3share: warning: the history could not be read: {e}");
            Vec::new()
        }
    };
    let recorded = session.clean_recorded(&entries).await;
    let mut report = recorded.report;
    for (bucket, base, e) in &recorded.failed {
        eprintln!(
            "s3share: warning: could not clean s3://{}/{}: {e}",
            visible(bucket),
            visible(base)
        );
    }
    // The place asked for, unless the history named it too (then it was cleaned above).
    let recorded_there = |place: &S3Location| {
        entries.iter().any(|e| {
            e.connection == session.name()
                && e.managed
                    .as_ref()
                    .is_some_and(|m| m.folder.bucket == place.bucket && m.folder.base == place.key)
        })
    };
    if let Some(place) = place.filter(|p| !recorded_there(p)) {
        let asked = session.clean_ended(&place.bucket, &place.key).await?;
        report.removed.extend(asked.removed);
        report.objects_removed += asked.objects_removed;
        report.still_working += asked.still_working;
    }
    let mut lines: Vec<String> = report
        .removed
        .iter()
        .map(|folder| {
            format!(
                "removed {} s3://{}/{} (ended {})",
                folder.kind.label(),
                visible(&folder.bucket),
                visible(&folder.prefix()),
                local_stamp(folder.ends_at)
            )
        })
        .collect();
    lines.push(if report.removed.is_empty() {
        format!(
            "Nothing ended to remove ({} still working).",
            count(report.still_working)
        )
    } else {
        format!(
            "Removed {} ended ({}); {} still working.",
            count(report.removed.len()),
            s3share_core::format::counted(report.objects_removed, "object", "objects"),
            count(report.still_working)
        )
    });
    print_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>())
}
