//! `s3share protect FILE s3://BUCKET/PREFIX/ [--expires DUR]`: the file is encrypted here
//! with a password and shared as a page that opens it in the recipient's browser. The
//! password comes from stdin when stdin is not a terminal (its first line), else from a
//! prompt without echo (asked twice): never from an argument.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::history;
use super::output::{print_lines, warn_links};
use s3share_core::format::human_size;
use s3share_core::protect::{ProtectRequest, ProtectStep};
use s3share_core::visible::visible;
use s3share_core::{Error, Result, Secret, Session};

/// The password, before anything else is done.
pub fn read_password() -> Result<Secret> {
    let password = if std::io::stdin().is_terminal() {
        let ask = |prompt: &str| {
            rpassword::prompt_password(prompt)
                .map_err(|e| Error::invalid("password", format!("could not read it: {e}")))
        };
        let first = ask("Password for the file: ")?;
        if ask("The same password again: ")? != first {
            return Err(Error::invalid("password", "the two passwords differ"));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::invalid("password", format!("could not read stdin: {e}")))?;
        // Only the line end: spaces can be part of a password.
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    let password = Secret::new(password);
    s3share_core::protect::sealed::check_password(&password)?;
    Ok(password)
}

pub async fn run(session: &Session, request: ProtectRequest) -> Result<()> {
    let cancel = CancellationToken::new();
    {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        });
    }
    let terminal = std::io::stderr().is_terminal();
    let progress = Arc::new(move |step: ProtectStep| {
        if !terminal {
            return;
        }
        match step {
            ProtectStep::Fetching(done) => eprint!("\rFetching: {:<25}", human_size(done)),
            ProtectStep::DerivingKey => eprint!("\rPreparing the key…                    "),
            ProtectStep::Sealing(done) => eprint!("\rEncrypting: {:<24}", human_size(done)),
            ProtectStep::Uploading(sent) => eprint!("\rUploading: {:<25}", human_size(sent)),
        }
    });
    let result = session.protect(&request, progress, cancel).await;
    if terminal {
        eprint!("\r{:<40}\r", "");
    }
    let protected = result?;
    history::record_protected(session, &protected);
    warn_links(&protected.link.warnings);
    eprintln!(
        "Protected \"{}\" ({}). Send the link below, and the password another way (a call, a message).",
        visible(&protected.name),
        human_size(protected.size)
    );
    print_lines(&[&protected.link.url])
}
