//! `s3share upload FILE... s3://BUCKET/PREFIX/`: several files at once, one progress bar
//! for all bytes on a terminal, links printed in the order the files were given.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::{StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

use super::{history, print_lines};
use crate::core::format::human_size;
use crate::core::upload::UploadOptions;
use crate::core::{Error, Expiry, LinkMode, Result, S3Location, Session, ShareRequest};

pub async fn run(
    session: &Session,
    files: Vec<String>,
    destination: &S3Location,
    link_expiry: Option<Expiry>,
    options: &UploadOptions,
) -> Result<()> {
    if !destination.key.is_empty() && !destination.key.ends_with('/') {
        return Err(Error::invalid(
            "destination",
            format!("\"{destination}\" must be a bucket or a folder ending in /"),
        ));
    }
    let mut jobs = Vec::new();
    let mut total = 0;
    for file in files {
        let path = PathBuf::from(&file);
        let meta = std::fs::metadata(&path).map_err(|source| Error::LocalFile {
            path: path.clone(),
            source,
        })?;
        if !meta.is_file() {
            return Err(Error::invalid("file", format!("\"{file}\" is not a file")));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::invalid("file", format!("\"{file}\" is not a file")))?;
        let object = S3Location::new(&destination.bucket, format!("{}{name}", destination.key))?;
        total += meta.len();
        jobs.push((path, object));
    }

    let cancel = CancellationToken::new();
    {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        });
    }
    let bar = progress_bar(total, jobs.len());
    let done_bytes = Arc::new(std::sync::atomic::AtomicU64::new(0));
    // With several files, files go in parallel and each file's parts one at a time.
    let per_file = UploadOptions {
        jobs: if jobs.len() > 1 { 1 } else { options.jobs },
        ..*options
    };
    let uploads = futures_util::stream::iter(jobs.into_iter().map(|(path, object)| {
        let bar = bar.clone();
        let done_bytes = Arc::clone(&done_bytes);
        let cancel = cancel.clone();
        async move {
            let base = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let progress = {
                let bar = bar.clone();
                let done_bytes = Arc::clone(&done_bytes);
                let base = Arc::clone(&base);
                Arc::new(move |sent: u64| {
                    let previous = base.swap(sent, std::sync::atomic::Ordering::Relaxed);
                    let now = if sent >= previous {
                        done_bytes.fetch_add(sent - previous, std::sync::atomic::Ordering::Relaxed)
                            + (sent - previous)
                    } else {
                        done_bytes.fetch_sub(previous - sent, std::sync::atomic::Ordering::Relaxed)
                            - (previous - sent)
                    };
                    bar.set_position(now);
                })
            };
            let uploaded = session
                .upload_file_with(&path, &object, None, &per_file, progress, cancel)
                .await?;
            bar.println(format!(
                "uploaded {} ({})",
                uploaded.object,
                human_size(uploaded.size)
            ));
            Ok::<_, Error>(uploaded)
        }
    }))
    .buffered(options.jobs.max(1));
    let uploaded: Vec<_> = uploads.try_collect().await?;
    bar.finish_and_clear();

    if let Some(expiry) = link_expiry {
        let mut links = Vec::new();
        for file in uploaded {
            links.push(
                session
                    .share_link(&ShareRequest {
                        object: file.object,
                        expiry,
                        mode: LinkMode::Inline,
                        check_exists: false,
                    })
                    .await?,
            );
        }
        history::record(session, &links);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        print_lines(&urls)?;
    }
    Ok(())
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
