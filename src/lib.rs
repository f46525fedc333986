//! s3share: share files from S3 (and S3-compatible storage) as working pre-signed links.
//!
//! `core` knows S3 and never draws; `cli` is a thin shell over it.

pub mod cli;
pub mod core;
pub mod gui;
