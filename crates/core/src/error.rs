//! One error type for the whole core. Each variant knows how to say, in plain words,
//! what went wrong and what the user can do next. The GUI and the CLI render it once.
//! The sentences are in the catalogue (`locales/*/errors.ftl`), in the current language
//! (English for the CLI, which never sets another).

use std::path::PathBuf;

use crate::tr;

/// Everything the core can fail with, in classes a user understands.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user typed or chose is not acceptable.
    #[error("{}", tr!("error-invalid-input", field = field_words(field), reason = shown(reason)))]
    InvalidInput { field: &'static str, reason: String },

    /// No credentials could be found anywhere.
    #[error("{}", tr!("error-no-credentials"))]
    NoCredentials,

    /// The server does not know these keys, or the secret does not match.
    #[error("{}", tr!("error-credentials-rejected"))]
    CredentialsRejected,

    /// Temporary credentials (a session) have run out.
    #[error("{}", tr!("error-credentials-expired"))]
    CredentialsExpired,

    /// The keys are valid but not allowed to do this.
    #[error("{}", tr!("error-access-denied", what = shown(what)))]
    AccessDenied { what: String },

    #[error("{}", tr!("error-no-such-bucket", bucket = shown(bucket)))]
    NoSuchBucket { bucket: String },

    #[error("{}", tr!("error-no-such-key", key = shown(key), bucket = shown(bucket)))]
    NoSuchKey { bucket: String, key: String },

    #[error("{}", wrong_region_message(bucket, region.as_deref()))]
    WrongRegion {
        bucket: String,
        region: Option<String>,
    },

    #[error("{}", tr!("error-clock-skew"))]
    ClockSkew,

    #[error("{}", tr!("error-network", endpoint = shown(endpoint)))]
    Network { endpoint: String },

    #[error("{}", tr!("error-server", status = status.to_string()))]
    Server { status: u16 },

    #[error("{}", tr!("error-refused", code = shown(code), message = shown(message)))]
    Refused { code: String, message: String },

    #[error("{}", tr!("error-local-file", path = shown_path(path), reason = shown(&source.to_string())))]
    LocalFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", tr!("error-file-changed", path = shown_path(path)))]
    FileChanged { path: PathBuf },

    #[error("{}", tr!("error-upload-corrupted", key = shown(key), detail = shown(detail)))]
    UploadCorrupted { key: String, detail: String },

    #[error("{}", tr!("error-keyring-unavailable"))]
    KeyringUnavailable { detail: String },

    #[error("{}", tr!("error-secret-missing", name = shown(name)))]
    SecretMissing { name: String },

    #[error("{}", tr!("error-no-such-connection", name = shown(name)))]
    NoSuchConnection { name: String },

    #[error("{}", tr!("error-config-file", path = shown_path(path), reason = shown(&source.to_string())))]
    ConfigFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", tr!("error-cancelled"))]
    Cancelled,

    #[error("{}", tr!("error-demo-server", reason = shown(.0)))]
    DemoServer(String),

    #[error("{}", tr!("error-demo-in-use"))]
    DemoInUse,

    /// This computer's trusted certificates could not be read (uploads need them to check
    /// the service they talk to).
    #[error("{}", tr!("error-certificates", reason = shown(detail)))]
    Certificates { detail: String },

    #[error("{}", tr!(
        "error-same-destination",
        key = shown(key),
        first = shown_path(first),
        second = shown_path(second)
    ))]
    SameDestination {
        key: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error("{}", tr!("error-object-exists", key = shown(key), bucket = shown(bucket)))]
    ObjectExists { bucket: String, key: String },

    /// "Stop sharing" of a plain pre-signed link: it cannot be revoked.
    #[error("{}", tr!("error-plain-link-cannot-be-taken-back"))]
    PlainLinkCannotBeTakenBack,

    /// Nothing in the history matches what `unshare` was given.
    #[error("{}", tr!("error-not-in-history", what = shown(what)))]
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
    #[error("{}", tr!(
        "error-too-big-to-protect",
        name = shown(name),
        size = crate::i18n::locale_format::human_size(*size),
        limit = crate::i18n::locale_format::human_size(*limit)
    ))]
    TooBigToProtect { name: String, size: u64, limit: u64 },

    /// Browsers decrypt (WebCrypto) only on secure pages: https, or this computer.
    #[error("{}", tr!("error-password-page-needs-https", endpoint = shown(endpoint)))]
    PasswordPageNeedsHttps { endpoint: String },

    /// The password does not open a protected file (or its header was changed).
    #[error("{}", tr!("error-wrong-password"))]
    WrongPassword,

    /// A protected file was changed, cut short or reordered after it was protected.
    #[error("{}", tr!("error-protected-file-damaged"))]
    ProtectedFileDamaged,
}

fn empty_folder_message(bucket: &str, folder: &str, recursive: bool) -> String {
    let bucket = shown(bucket);
    let folder = shown(folder);
    match (folder.is_empty(), recursive) {
        (true, true) => tr!("error-empty-bucket", bucket = bucket),
        (true, false) => tr!("error-empty-bucket-direct", bucket = bucket),
        (false, true) => tr!("error-empty-folder", folder = folder, bucket = bucket),
        (false, false) => tr!(
            "error-empty-folder-direct",
            folder = folder,
            bucket = bucket
        ),
    }
}

fn metadata_message(profile: Option<&str>, what: &str) -> String {
    match profile {
        Some(p) => tr!("error-metadata-profile", profile = shown(p), what = what),
        None => tr!("error-metadata-environment", what = what),
    }
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
    match region.map(shown) {
        // Not about one bucket (the bucket list): the server itself names its region.
        Some(region) if bucket.is_empty() => tr!("error-wrong-region-service", region = region),
        Some(region) => tr!(
            "error-wrong-region-bucket",
            bucket = bucket,
            region = region
        ),
        None => tr!("error-wrong-region-unknown", bucket = bucket),
    }
}

/// The fields of [`Error::InvalidInput`] that the catalogue names (`locales/*/input.ftl`).
const FIELDS: [(&str, &str); 23] = [
    ("destination", "input-field-destination"),
    ("file", "input-field-file"),
    ("files", "input-field-files"),
    ("file name", "input-field-file-name"),
    ("part size", "input-field-part-size"),
    ("jobs", "input-field-jobs"),
    ("location", "input-field-location"),
    ("bucket", "input-field-bucket"),
    ("expiry", "input-field-expiry"),
    ("endpoint", "input-field-endpoint"),
    ("path-style", "input-field-path-style"),
    ("AWS profile", "input-field-aws-profile"),
    ("access key ID", "input-field-access-key-id"),
    ("access key id", "input-field-access-key-id-lower"),
    ("secret access key", "input-field-secret-access-key"),
    ("session end", "input-field-session-end"),
    ("password", "input-field-password"),
    ("max size", "input-field-max-size"),
    ("folder", "input-field-folder"),
    ("name", "input-field-name"),
    ("account id", "input-field-account-id"),
    ("provider", "input-field-provider"),
    ("connections file", "input-field-connections-file"),
];

/// The name of a field in an [`Error::InvalidInput`], in the current language (the field
/// itself stays English: tests and `--json` match on it; English words are the field).
fn field_words(field: &str) -> String {
    FIELDS.iter().find(|(f, _)| *f == field).map_or_else(
        || field.to_owned(),
        |(_, id)| crate::i18n::message(id, None),
    )
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
            Error::Certificates { .. } => "certificates",
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
            Error::Certificates {
                detail: name.to_owned(),
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

    /// The CLI (English) shows a field exactly as the core names it; every other language
    /// has its own word for each.
    #[test]
    fn input_fields_read_as_themselves_in_english_and_are_translated() {
        use crate::i18n::{Language, message_in};
        for (field, id) in FIELDS {
            assert_eq!(message_in(Language::English, id, None), field);
            for language in [Language::German, Language::French, Language::Spanish] {
                let word = message_in(language, id, None);
                assert!(
                    !word.is_empty() && !word.contains(id),
                    "{id} in {language:?}"
                );
            }
        }
        assert_eq!(
            message_in(Language::German, "input-field-password", None),
            "Passwort"
        );
    }
}
