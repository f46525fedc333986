//! One error type for the whole core. Each variant knows how to say, in plain words,
//! what went wrong and what the user can do next. The GUI and the CLI render it once.

use std::path::PathBuf;

/// Everything the core can fail with, in classes a user understands.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user typed or chose is not acceptable.
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    /// No credentials could be found anywhere.
    #[error(
        "No S3 keys were found. Add a connection, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pick an AWS profile."
    )]
    NoCredentials,

    /// The server does not know these keys, or the secret does not match.
    #[error(
        "The storage service did not accept these keys. Check the access key ID and the secret key of this connection."
    )]
    CredentialsRejected,

    /// Temporary credentials (a session) have run out.
    #[error(
        "The sign-in for this connection has expired. Sign in again (for AWS SSO: `aws sso login`) or use permanent keys."
    )]
    CredentialsExpired,

    /// The keys are valid but not allowed to do this.
    #[error(
        "Access denied to {what}. Ask whoever manages the storage account to allow it for these keys."
    )]
    AccessDenied { what: String },

    #[error("The bucket \"{bucket}\" does not exist. Check its name, or refresh the bucket list.")]
    NoSuchBucket { bucket: String },

    #[error("This file no longer exists: \"{key}\" in bucket \"{bucket}\". Refresh the folder.")]
    NoSuchKey { bucket: String, key: String },

    #[error("{}", wrong_region_message(bucket, region.as_deref()))]
    WrongRegion {
        bucket: String,
        region: Option<String>,
    },

    #[error(
        "This computer's clock is too far off from the storage service's. Set the date and time automatically in your system settings, then try again."
    )]
    ClockSkew,

    #[error(
        "Could not reach the storage service at {endpoint}. Check your internet connection (and the endpoint address), then try again."
    )]
    Network { endpoint: String },

    #[error(
        "The storage service had a problem (HTTP {status}). Try again in a minute; if it keeps happening, check the provider's status page."
    )]
    Server { status: u16 },

    #[error("The storage service refused the request ({code}). Details: {message}")]
    Refused { code: String, message: String },

    #[error("Could not read \"{}\": {source}.", path.display())]
    LocalFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("\"{}\" changed while it was being uploaded, so it was not shared. Upload it again once it is no longer being written.", path.display())]
    FileChanged { path: PathBuf },

    #[error(
        "The upload of \"{key}\" did not arrive intact ({detail}). Nothing was shared and nothing in the bucket was removed; try the upload again."
    )]
    UploadCorrupted { key: String, detail: String },

    #[error(
        "No keyring is available on this computer (the system's password store is not running or stays locked), so the secret key cannot be saved. s3share never writes keys to a file: unlock or install a keyring (GNOME Keyring, KWallet), or keep the keys for this session only."
    )]
    KeyringUnavailable { detail: String },

    #[error(
        "The keyring has no secret for the connection \"{name}\". Edit the connection and enter its secret key again."
    )]
    SecretMissing { name: String },

    #[error("There is no saved connection named \"{name}\". See `s3share connection list`.")]
    NoSuchConnection { name: String },

    #[error("Could not save the connection list in {}: {source}.", path.display())]
    ConfigFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Cancelled.")]
    Cancelled,

    #[error("The local S3 server could not start: {0}")]
    DemoServer(String),

    #[error(
        "Two files would be uploaded as \"{key}\": \"{}\" and \"{}\". Nothing was sent; upload them to different folders or rename one.",
        first.display(),
        second.display()
    )]
    SameDestination {
        key: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error(
        "There is already a file named \"{key}\" in bucket \"{bucket}\". Choose another name, or allow replacing it (--replace)."
    )]
    ObjectExists { bucket: String, key: String },
    /// An AWS profile (or the environment) wants keys from the EC2 instance or ECS
    /// container metadata service, which s3share never asks.
    #[error("{}", metadata_message(profile.as_deref(), what))]
    MetadataCredentials {
        /// The AWS profile that asked for it; `None` when the environment did.
        profile: Option<String>,
        /// What asked: `credential_source = Ec2InstanceMetadata`, or an environment variable.
        what: String,
    },
}

fn metadata_message(profile: Option<&str>, what: &str) -> String {
    let asker = match profile {
        Some(p) => {
            format!("The AWS profile \"{p}\" takes its keys from a cloud metadata service ({what})")
        }
        None => format!("Keys are expected from a cloud metadata service ({what} is set)"),
    };
    format!(
        "{asker}, and s3share does not use instance or container metadata (a desktop is not a cloud server). Give the profile access keys, AWS SSO or a credential_process, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a connection with access keys."
    )
}

fn wrong_region_message(bucket: &str, region: Option<&str>) -> String {
    match region {
        // Not about one bucket (the bucket list): the server itself names its region.
        Some(r) if bucket.is_empty() => format!(
            "This storage service works in region {r}, not the one this connection uses. Set the connection's region to {r}."
        ),
        Some(r) => format!(
            "The bucket \"{bucket}\" is in region {r}, not the one this connection uses. Set the connection's region to {r}."
        ),
        None => format!(
            "The bucket \"{bucket}\" is in another region than the one this connection uses. Set the connection's region to the bucket's region."
        ),
    }
}

impl Error {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// Short machine-readable class name (used in `--json` output and logs).
    pub fn class(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::NoCredentials => "no_credentials",
            Error::CredentialsRejected => "credentials_rejected",
            Error::CredentialsExpired => "credentials_expired",
            Error::AccessDenied { .. } => "access_denied",
            Error::NoSuchBucket { .. } => "no_such_bucket",
            Error::NoSuchKey { .. } => "no_such_key",
            Error::WrongRegion { .. } => "wrong_region",
            Error::ClockSkew => "clock_skew",
            Error::Network { .. } => "network",
            Error::Server { .. } => "server_error",
            Error::Refused { .. } => "refused",
            Error::LocalFile { .. } => "local_file",
            Error::FileChanged { .. } => "file_changed",
            Error::UploadCorrupted { .. } => "upload_corrupted",
            Error::KeyringUnavailable { .. } => "keyring_unavailable",
            Error::SecretMissing { .. } => "secret_missing",
            Error::NoSuchConnection { .. } => "no_such_connection",
            Error::ConfigFile { .. } => "config_file",
            Error::Cancelled => "cancelled",
            Error::DemoServer(_) => "demo_server",
            Error::SameDestination { .. } => "same_destination",
            Error::ObjectExists { .. } => "object_exists",
            Error::MetadataCredentials { .. } => "metadata_credentials",
        }
    }

    /// Worth retrying the same request unchanged (network trouble, server hiccup).
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Network { .. } | Error::Server { .. })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
