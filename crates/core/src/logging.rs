//! The log on stderr (`S3SHARE_LOG=debug`, `trace` …) for the CLI and the window alike.
//!
//! Everything the log writes passes through [`redact_secrets`] on its way out: whatever a
//! library logs (a request URI at trace level, a reqwest error that embeds the URL, a
//! canonical request with the session token), no `X-Amz-Signature`, `X-Amz-Security-Token`,
//! `X-Amz-Credential` or `Authorization … Signature=` value reaches stderr. One place, so a
//! new log line anywhere cannot leak a working link.

use std::io::Write;

use tracing_subscriber::fmt::MakeWriter;

use super::share::redact_secrets;

/// Starts the log: level from `S3SHARE_LOG` (default `warn`), redacted, no colours (escape
/// codes between a name and its value would hide it from the redaction).
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("S3SHARE_LOG")
        // The SDK warns about things s3share reports itself, once, in its own words
        // (a refused credential source; a link cut short by the end of a session). The
        // embedded server's s3s logs every refused body as an ERROR, the checksum probe's
        // deliberately wrong part included; the client side reports what matters.
        .unwrap_or_else(|_| {
            tracing_subscriber::EnvFilter::new(
                "warn,aws_config=error,aws_runtime::auth=error,s3s::service=off",
            )
        });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(RedactingStderr)
        .try_init();
}

/// Makes a [`RedactingWriter`] over stderr for each log event.
#[derive(Clone, Copy, Debug, Default)]
pub struct RedactingStderr;

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = RedactingWriter<std::io::Stderr>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter::new(std::io::stderr())
    }
}

/// Collects what is written and passes it on redacted, whole lines at a time (a secret
/// never spans a line break), the rest when dropped.
pub struct RedactingWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> RedactingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, upto: usize) -> std::io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        let text = String::from_utf8_lossy(&chunk);
        self.inner.write_all(redact_secrets(&text).as_bytes())
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.emit(self.pending.len());
        }
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_redacted_even_when_written_in_pieces() {
        let mut out = Vec::new();
        {
            let mut writer = RedactingWriter::new(&mut out);
            // Split in the middle of the name and of the value.
            writer.write_all(b"uri=http://h/b?X-Amz-Sig").unwrap();
            writer.write_all(b"nature=00ff").unwrap();
            writer
                .write_all(b"aa&X-Amz-Security-Token=tok%2B\nnext ")
                .unwrap();
            writer.write_all(b"Signature=1234").unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "uri=http://h/b?X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED\nnext Signature=REDACTED"
        );
    }
}
