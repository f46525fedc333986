//! Everything that knows S3: connections, credentials, listing, signing, uploads and the
//! embedded local server. Never imports egui: the CLI, the GUI and the tests share it.

pub mod aws_files;
pub mod body_checksum;
pub mod browse;
pub mod checksum_probe;
pub mod client;
pub mod connection;
pub mod connection_input;
pub mod credentials;
pub mod demo;
pub mod disposition;
pub mod error;
pub mod expiry;
pub mod format;
pub mod history;
pub mod link_check;
pub mod location;
pub mod logging;
pub mod managed;
pub mod message;
pub mod multipart;
pub mod pages;
pub mod part_size;
pub mod paths;
pub mod pending_uploads;
pub mod post_policy;
pub mod preferences;
pub mod protect;
pub mod request;
pub mod s3_error;
pub mod saved;
pub mod saved_ops;
pub mod secrets;
pub mod share;
pub mod upload;
pub mod upload_plan;
pub mod visible;

pub use browse::{BucketInfo, ListingPage, ObjectEntry, ObjectInfo};
pub use client::Session;
pub use connection::ConnectionSettings;
pub use credentials::{CredentialSource, Secret};
pub use disposition::LinkMode;
pub use error::{Error, Result};
pub use expiry::Expiry;
pub use location::S3Location;
pub use share::{ExpiryReason, LinkWarning, ShareLink, ShareRequest, UploadLink};
