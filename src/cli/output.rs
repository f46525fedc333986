//! What the command line prints: results on stdout (lines or JSON), warnings on stderr.

use std::io::Write;

use s3share_core::{ConnectionSettings, Error, LinkWarning, Result};

/// One line on stderr per kind of warning the links carry (stdout stays only the links).
pub fn warn_links(warnings: &[LinkWarning]) {
    let mut said = Vec::new();
    for w in warnings {
        if !said.contains(w) {
            eprintln!("s3share: warning: {w}");
            said.push(*w);
        }
    }
}

/// Plain http to another computer: said once on stderr, the command still runs.
pub fn warn_plaintext(settings: &ConnectionSettings) {
    if let Some(warning) = settings.plaintext_warning() {
        eprintln!("s3share: warning: {warning}");
    }
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Refused {
        code: "json".to_owned(),
        message: e.to_string(),
    })?;
    print_lines(&[&text])
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
pub fn print_lines(lines: &[&str]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    Ok(())
}
