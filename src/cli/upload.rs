//! `s3share upload FILE|FOLDER... s3://BUCKET/PREFIX/`: files and folders (recursively,
//! relative paths kept, symbolic links skipped), one progress bar for all bytes on a
//! terminal, links printed in the order the files were given. The first failure cancels
//! the rest, and every upload in flight is aborted before the command ends.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;

use super::history;
use super::output::print_lines;
use s3share_core::format::human_size;
use s3share_core::upload::{UploadOptions, UploadedFile};
use s3share_core::upload_plan::{PlannedFile, plan_uploads};
use s3share_core::visible::visible;
use s3share_core::{Error, Expiry, LinkMode, Result, S3Location, Session, ShareRequest};

pub async fn run(
    session: &Session,
    paths: Vec<String>,
    destination: &S3Location,
    link_expiry: Option<Expiry>,
    options: &UploadOptions,
) -> Result<()> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let plan = {
        let destination = destination.clone();
        tokio::task::spawn_blocking(move || plan_uploads(&paths, &destination))
            .await
            .map_err(|e| Error::invalid("files", e.to_string()))??
    };
    for skipped in &plan.skipped {
        eprintln!(
            "skipped {}: {}",
            visible(&skipped.path.display().to_string()),
            skipped.reason
        );
    }
    if plan.files.is_empty() {
        return Err(Error::invalid(
            "files",
            "nothing to upload: what was given holds no regular files (see the skipped lines above)",
        ));
    }
    let cancel = CancellationToken::new();
    {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
                // A second Ctrl+C does not wait for the aborts: the open uploads are
                // noted, and the next start aborts them.
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        });
    }
    let total = plan.total_bytes();
    let bar = progress_bar(total, plan.files.len());
    let done_bytes = Arc::new(AtomicU64::new(0));
    // With several files, files go in parallel and each file's parts one at a time.
    let per_file = UploadOptions {
        jobs: if plan.files.len() > 1 {
            1
        } else {
            options.jobs
        },
        ..*options
    };
    let uploads = futures_util::stream::iter(plan.files.into_iter().map(|file| {
        let (bar, done_bytes, cancel) = (bar.clone(), Arc::clone(&done_bytes), cancel.clone());
        async move {
            let result = upload_one(session, &file, &per_file, &bar, &done_bytes, &cancel).await;
            if result.is_err() {
                // One failure stops the others; each aborts its own multipart upload.
                cancel.cancel();
            }
            result
        }
    }))
    .buffered(options.jobs.max(1));
    // Every upload is awaited to its end (so aborts happen) before the first real failure
    // is reported; "Cancelled" of the others is only its consequence.
    let results: Vec<Result<UploadedFile>> = uploads.collect().await;
    bar.finish_and_clear();
    let mut uploaded = Vec::with_capacity(results.len());
    let mut first_error = None;
    for result in results {
        match result {
            Ok(file) => uploaded.push(file),
            Err(Error::Cancelled) if first_error.is_some() => {}
            Err(e) => {
                if first_error.is_none() || matches!(first_error, Some(Error::Cancelled)) {
                    first_error = Some(e);
                }
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }

    if let Some(expiry) = link_expiry {
        // Just uploaded: no need to ask whether they exist.
        let requests: Vec<ShareRequest> = uploaded
            .into_iter()
            .map(|file| ShareRequest::new(file.object, expiry, LinkMode::Inline).with_check(false))
            .collect();
        let links = session.share_links(&requests).await?;
        history::record(session, &links);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        print_lines(&urls)?;
    }
    Ok(())
}

async fn upload_one(
    session: &Session,
    file: &PlannedFile,
    options: &UploadOptions,
    bar: &indicatif::ProgressBar,
    done_bytes: &Arc<AtomicU64>,
    cancel: &CancellationToken,
) -> Result<UploadedFile> {
    if cancel.is_cancelled() {
        return Err(Error::Cancelled);
    }
    let base = Arc::new(AtomicU64::new(0));
    let progress = {
        let (bar, done_bytes) = (bar.clone(), Arc::clone(done_bytes));
        Arc::new(move |sent: u64| {
            let previous = base.swap(sent, Ordering::Relaxed);
            let now = if sent >= previous {
                done_bytes.fetch_add(sent - previous, Ordering::Relaxed) + (sent - previous)
            } else {
                done_bytes.fetch_sub(previous - sent, Ordering::Relaxed) - (previous - sent)
            };
            bar.set_position(now);
        })
    };
    let uploaded = session
        .upload_file_with(
            &file.path,
            &file.object,
            None,
            options,
            progress,
            cancel.clone(),
        )
        .await?;
    bar.println(format!(
        "uploaded {} ({})",
        visible(&uploaded.object.to_string()),
        human_size(uploaded.size)
    ));
    Ok(uploaded)
}

fn progress_bar(total: u64, files: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(if files == 1 {
        "uploading".to_owned()
    } else {
        format!("uploading {files} files")
    });
    bar
}
