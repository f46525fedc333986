//! One error type for the whole core. Each variant knows how to say, in plain words,
//! what went wrong and what the user can do next. The GUI and the CLI render it once.

use std::path::PathBuf;

/// Everything the core can fail with, in classes a user understands.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user typed or chose is not acceptable.
    #[error("{field}: {}", shown(reason))]
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
        "Access denied to {}. Ask whoever manages the storage account to allow it for these keys.",
        shown(what)
    )]
    AccessDenied { what: String },

    #[error(
        "The bucket \"{}\" does not exist. Check its name, or refresh the bucket list.",
        shown(bucket)
    )]
    NoSuchBucket { bucket: String },

    #[error(
        "This file no longer exists: \"{}\" in bucket \"{}\". Refresh the folder.",
        shown(key),
        shown(bucket)
    )]
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
        "Could not reach the storage service at {}. Check your internet connection (and the endpoint address), then try again.",
        shown(endpoint)
    )]
    Network { endpoint: String },

    #[error(
        "The storage service had a problem (HTTP {status}). Try again in a minute; if it keeps happening, check the provider's status page."
    )]
    Server { status: u16 },

    #[error(
        "The storage service refused the request ({}). Details: {}",
        shown(code),
        shown(message)
    )]
    Refused { code: String, message: String },

    #[error("Could not read \"{}\": {}.", shown_path(path), shown(&source.to_string()))]
    LocalFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "\"{}\" changed while it was being uploaded, so it was not shared. Upload it again once it is no longer being written.",
        shown_path(path)
    )]
    FileChanged { path: PathBuf },

    #[error(
        "The upload of \"{}\" did not arrive intact ({}). Nothing was shared and nothing in the bucket was removed; try the upload again.",
        shown(key),
        shown(detail)
    )]
    UploadCorrupted { key: String, detail: String },

    #[error(
        "No keyring is available on this computer (the system's password store is not running or stays locked), so the secret key cannot be saved. s3share never writes keys to a file: unlock or install a keyring (GNOME Keyring, KWallet), or keep the keys for this session only."
    )]
    KeyringUnavailable { detail: String },

    #[error(
        "The keyring has no secret for the connection \"{}\". Edit the connection and enter its secret key again.",
        shown(name)
    )]
    SecretMissing { name: String },

    #[error(
        "There is no saved connection named \"{}\". See `s3share connection list`.",
        shown(name)
    )]
    NoSuchConnection { name: String },

    #[error("Could not save the connection list in {}: {}.", shown_path(path), shown(&source.to_string()))]
    ConfigFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Cancelled.")]
    Cancelled,

    #[error("The local S3 server could not start: {}", shown(.0))]
    DemoServer(String),

    #[error(
        "Demo storage is already open in another S3 Share window. Use it there, or close that window and connect again."
    )]
    DemoInUse,

    #[error(
        "Two files would be uploaded as \"{}\": \"{}\" and \"{}\". Nothing was sent; upload them to different folders or rename one.",
        shown(key),
        shown_path(first),
        shown_path(second)
    )]
    SameDestination {
        key: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error(
        "There is already a file named \"{}\" in bucket \"{}\". Choose another name, or allow replacing it (--replace).",
        shown(key),
        shown(bucket)
    )]
    ObjectExists { bucket: String, key: String },

    /// "Stop sharing" of a plain pre-signed link: it cannot be revoked.
    #[error(
        "A plain pre-signed link cannot be taken back: it works until it ends (short of deleting or renaming the file itself). Next time, share a copy you can take back: `s3share link --copy`, or \"Share a copy I can take back\" in the window."
    )]
    PlainLinkCannotBeTakenBack,

    /// Nothing in the history matches what `unshare` was given.
    #[error(
        "Nothing in this computer's history matches \"{}\". `s3share history` shows the id of each link you can take back.",
        shown(what)
    )]
    NotInHistory { what: String },
    /// A page of files was asked for a folder that has none to list.
    #[error("{}", empty_folder_message(bucket, folder, *recursive))]
    EmptyFolder {
        bucket: String,
        /// The folder's key prefix (`""` for the top of the bucket).
        folder: String,
        /// Whether folders inside it were looked into too.
        recursive: bool,
    },

    /// An AWS profile (or the environment) wants keys from the EC2 instance or ECS
    /// container metadata service, which s3share never asks.
    #[error("{}", metadata_message(profile.as_deref(), what))]
    MetadataCredentials {
        /// The AWS profile that asked for it; `None` when the environment did.
        profile: Option<String>,
        /// What asked: `credential_source = Ec2InstanceMetadata`, or an environment variable.
        what: String,
    },

    /// A file is too big for a password page: the recipient's browser decrypts in memory.
    #[error(
        "\"{}\" ({}) is larger than {}, the most a password page can open: the recipient's browser decrypts the file in memory. Share it with a plain link, or split it into smaller files.",
        shown(name),
        crate::format::human_size(*size),
        crate::format::human_size(*limit)
    )]
    TooBigToProtect { name: String, size: u64, limit: u64 },

    /// Browsers decrypt (WebCrypto) only on secure pages: https, or this computer.
    #[error(
        "A password page cannot work over {}: browsers decrypt only on https:// pages (or on this computer), and this connection uses plain http to another computer. Use the server's https:// address for this connection.",
        shown(endpoint)
    )]
    PasswordPageNeedsHttps { endpoint: String },

    /// The password does not open a protected file (or its header was changed).
    #[error("That password does not open this file. Check it (capitals, accents) and try again.")]
    WrongPassword,

    /// A protected file was changed, cut short or reordered after it was protected.
    #[error(
        "This protected file was changed or cut short after it was protected, so it was not opened. Ask the sender to share it again."
    )]
    ProtectedFileDamaged,
}

fn empty_folder_message(bucket: &str, folder: &str, recursive: bool) -> String {
    let place = if folder.is_empty() {
        format!("the bucket \"{}\"", shown(bucket))
    } else {
        format!("\"{}\" in bucket \"{}\"", shown(folder), shown(bucket))
    };
    if recursive {
        format!("There are no files in {place}, so there is nothing to put on a page.")
    } else {
        format!(
            "There are no files directly in {place}, so there is nothing to put on a page. To include the files in its folders, share it with --recursive."
        )
    }
}

fn metadata_message(profile: Option<&str>, what: &str) -> String {
    let asker = match profile {
        Some(p) => {
            format!(
                "The AWS profile \"{}\" takes its keys from a cloud metadata service ({what})",
                shown(p)
            )
        }
        None => format!("Keys are expected from a cloud metadata service ({what} is set)"),
    };
    format!(
        "{asker}, and s3share does not use instance or container metadata (a desktop is not a cloud server). Give the profile access keys, AWS SSO or a credential_process, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a connection with access keys."
    )
}

/// Text from elsewhere (a key, a server's message, a path) as it may appear in a sentence:
/// control and bidi characters made visible, signatures and tokens taken out.
fn shown(text: &str) -> String {
    super::share::redact_secrets(&super::visible::visible(text)).into_owned()
}

fn shown_path(path: &std::path::Path) -> String {
    shown(&path.display().to_string())
}

fn wrong_region_message(bucket: &str, region: Option<&str>) -> String {
    let bucket = shown(bucket);
    let region = region.map(shown);
    let region = region.as_deref();
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
            Error::DemoInUse => "demo_in_use",
            Error::SameDestination { .. } => "same_destination",
            Error::ObjectExists { .. } => "object_exists",
            Error::MetadataCredentials { .. } => "metadata_credentials",
            Error::TooBigToProtect { .. } => "too_big_to_protect",
            Error::PasswordPageNeedsHttps { .. } => "password_page_needs_https",
            Error::WrongPassword => "wrong_password",
            Error::ProtectedFileDamaged => "protected_file_damaged",
            Error::PlainLinkCannotBeTakenBack => "plain_link_cannot_be_taken_back",
            Error::NotInHistory { .. } => "not_in_history",
            Error::EmptyFolder { .. } => "empty_folder",
        }
    }

    /// Worth retrying the same request unchanged (network trouble, server hiccup).
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Network { .. } | Error::Server { .. })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant that carries text from elsewhere, with a forged-looking name.
    fn with_name(name: &str) -> Vec<Error> {
        vec![
            Error::invalid("location", format!("\"{name}\" must start with s3://")),
            Error::AccessDenied {
                what: name.to_owned(),
            },
            Error::NoSuchBucket {
                bucket: name.to_owned(),
            },
            Error::EmptyFolder {
                bucket: name.to_owned(),
                folder: name.to_owned(),
                recursive: false,
            },
            Error::NoSuchKey {
                bucket: name.to_owned(),
                key: name.to_owned(),
            },
            Error::WrongRegion {
                bucket: name.to_owned(),
                region: Some(name.to_owned()),
            },
            Error::Network {
                endpoint: name.to_owned(),
            },
            Error::Refused {
                code: name.to_owned(),
                message: name.to_owned(),
            },
            Error::LocalFile {
                path: PathBuf::from(name),
                source: std::io::Error::other(name.to_owned()),
            },
            Error::FileChanged {
                path: PathBuf::from(name),
            },
            Error::UploadCorrupted {
                key: name.to_owned(),
                detail: name.to_owned(),
            },
            Error::SecretMissing {
                name: name.to_owned(),
            },
            Error::NoSuchConnection {
                name: name.to_owned(),
            },
            Error::ConfigFile {
                path: PathBuf::from(name),
                source: std::io::Error::other(name.to_owned()),
            },
            Error::DemoServer(name.to_owned()),
        ]
    }

    #[test]
    fn messages_never_echo_control_or_bidi_characters() {
        for error in with_name("a\nhttps://evil.example/x\n.pdf") {
            let text = error.to_string();
            assert!(
                !text.lines().any(|l| l.starts_with("https://evil.example")),
                "{}: {text}",
                error.class()
            );
            assert!(text.contains("a\\nhttps://evil.example/x\\n.pdf"), "{text}");
        }
        for error in with_name("invoice\u{202E}fdp.exe\u{1b}[2J\r") {
            let text = error.to_string();
            assert!(
                !text.contains('\u{202E}') && !text.contains('\u{1b}') && !text.contains('\r'),
                "{}: {text}",
                error.class()
            );
            assert!(text.contains("invoice\\u{202E}fdp.exe"), "{text}");
        }
    }

    #[test]
    fn messages_never_carry_a_signature() {
        let url = "http://h/b/k?X-Amz-Security-Token=tok3n&X-Amz-Signature=0123abcd";
        for error in with_name(url) {
            let text = error.to_string();
            assert!(
                !text.contains("0123abcd") && !text.contains("tok3n"),
                "{}: {text}",
                error.class()
            );
        }
    }

    #[test]
    fn ordinary_names_are_shown_as_they_are() {
        let error = Error::NoSuchKey {
            bucket: "photos".to_owned(),
            key: "Lisbon/報告 é 👍.jpg".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "This file no longer exists: \"Lisbon/報告 é 👍.jpg\" in bucket \"photos\". Refresh the folder."
        );
    }
}
