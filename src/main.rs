//! s3share: share files from S3 (and S3-compatible storage) as working pre-signed links.
//!
//! The binary: `cli` parses the arguments and runs a command, or opens the window
//! (`s3share_gui`). Both are shells over `s3share_core`, which knows S3 and never draws.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
