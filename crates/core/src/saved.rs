//! Saved connections: their metadata (name, provider, endpoint, region, key id) in a TOML
//! file under the platform config folder; their secrets in the keyring ([`SecretStore`]).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rand::Rng;

use super::connection::{ConnectionSettings, check_region};
use super::credentials::CredentialSource;
use super::error::{Error, Result};
use super::secrets::{SecretStore, StoredSecret};

/// The built-in connections' names (the window's switcher lists them with the saved ones).
pub const DEMO_NAME: &str = "Demo storage";
/// The AWS chain connection (environment variables, `AWS_PROFILE`, SSO).
pub const AWS_NAME: &str = "AWS";
/// Longest connection name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The rules for a connection's name, the same for the window and the CLI: not empty, not
/// a built-in name (compared without regard to case; demo storage's in every language the
/// window speaks, [`demo_labels`]), no spaces at either end, no control characters, at most
/// 64 characters.
pub fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name", crate::tr!("input-name-missing")));
    }
    if name.trim() != name {
        return Err(Error::invalid("name", crate::tr!("input-name-spaces")));
    }
    let hidden = |c: char| {
        c.is_control()
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if name.chars().any(hidden) {
        return Err(Error::invalid("name", crate::tr!("input-name-control")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            crate::tr!("input-name-too-long", max = MAX_NAME_CHARS),
        ));
    }
    let taken = |r: &str| r.to_lowercase() == name.to_lowercase();
    let reserved = if taken(AWS_NAME) {
        Some(AWS_NAME.to_owned())
    } else if taken(DEMO_NAME) || demo_labels().any(|label| taken(&label)) {
        // Named as the window shows it now.
        Some(demo_label())
    } else {
        None
    };
    if let Some(reserved) = reserved {
        return Err(Error::invalid(
            "name",
            crate::tr!("input-name-built-in", name = reserved),
        ));
    }
    Ok(())
}

/// Demo storage's name as the window shows it, in the window's language (its saved name,
/// [`DEMO_NAME`], is the same in every language).
pub fn demo_label() -> String {
    crate::tr!("connections-demo-label")
}

/// Demo storage's name in every language the window speaks: none of them can name a saved
/// connection, and history is searched by all of them.
pub fn demo_labels() -> impl Iterator<Item = String> {
    crate::i18n::Language::ALL
        .into_iter()
        .map(|language| crate::i18n::message_in(language, "connections-demo-label", None))
}

/// No two connections with one name: `connection` against `others` (itself, by id, is
/// skipped, so an edit may keep its name).
pub fn check_unique<'a>(
    connection: &SavedConnection,
    others: impl IntoIterator<Item = &'a SavedConnection>,
) -> Result<()> {
    let clash = others
        .into_iter()
        .any(|c| c.name == connection.name && c.id != connection.id);
    if clash {
        return Err(Error::invalid(
            "name",
            crate::tr!("input-name-exists", name = connection.name.as_str()),
        ));
    }
    Ok(())
}

/// Storage providers with a known endpoint pattern.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[default]
    Aws,
    R2,
    Wasabi,
    B2,
    Spaces,
    Custom,
}

impl Provider {
    pub const ALL: [Provider; 6] = [
        Provider::Aws,
        Provider::R2,
        Provider::Wasabi,
        Provider::B2,
        Provider::Spaces,
        Provider::Custom,
    ];

    /// The provider's name as a person reads it (the last one in the current language).
    pub fn label(self) -> String {
        match self {
            Provider::Aws => "AWS".to_owned(),
            Provider::R2 => "Cloudflare R2".to_owned(),
            Provider::Wasabi => "Wasabi".to_owned(),
            Provider::B2 => "Backblaze B2".to_owned(),
            Provider::Spaces => "DigitalOcean Spaces".to_owned(),
            Provider::Custom => crate::tr!("input-provider-custom"),
        }
    }

    pub fn cli_name(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::R2 => "r2",
            Provider::Wasabi => "wasabi",
            Provider::B2 => "b2",
            Provider::Spaces => "spaces",
            Provider::Custom => "custom",
        }
    }

    /// The region to suggest when the user gives none.
    pub fn default_region(self) -> &'static str {
        match self {
            Provider::R2 => "auto",
            Provider::B2 => "us-west-004",
            Provider::Spaces => "nyc3",
            _ => "us-east-1",
        }
    }

    /// The endpoint for a region (and, for R2, the Cloudflare account id).
    pub fn endpoint(self, region: &str, account_id: Option<&str>) -> Result<Option<String>> {
        Ok(match self {
            Provider::Aws => None,
            Provider::R2 => {
                let account = account_id
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .ok_or_else(|| {
                        Error::invalid("account id", crate::tr!("input-account-id-missing"))
                    })?;
                if !account.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(Error::invalid(
                        "account id",
                        crate::tr!("input-account-id-characters", account = account),
                    ));
                }
                Some(format!("https://{account}.r2.cloudflarestorage.com"))
            }
            Provider::Wasabi => Some(format!("https://s3.{region}.wasabisys.com")),
            Provider::B2 => Some(format!("https://s3.{region}.backblazeb2.com")),
            Provider::Spaces => Some(format!("https://{region}.digitaloceanspaces.com")),
            Provider::Custom => None,
        })
    }
}

impl FromStr for Provider {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Provider::ALL
            .into_iter()
            .find(|p| p.cli_name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid("provider", crate::tr!("input-provider-unknown", text = s))
            })
    }
}

/// One saved connection. Holds no secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedConnection {
    /// Stable id; the keyring account name.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub provider: Provider,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub path_style: bool,
    /// Set for key-based connections (the secret is in the keyring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// Set for connections that use an AWS profile (nothing secret is copied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_profile: Option<String>,
    /// When typed-in temporary keys (with a session token) stop working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_expires_at: Option<DateTime<Utc>>,
}

impl SavedConnection {
    pub fn new_id() -> String {
        let n: u64 = rand::rng().random();
        format!("conn-{n:016x}")
    }

    /// Settings to connect with; reads the secret from `secrets` for key-based ones.
    pub fn settings(&self, secrets: &SecretStore) -> Result<ConnectionSettings> {
        let credentials = match (&self.access_key_id, &self.aws_profile) {
            (Some(key_id), _) => {
                let stored = secrets
                    .load(&self.id)?
                    .ok_or_else(|| Error::SecretMissing {
                        name: self.name.clone(),
                    })?;
                CredentialSource::Static {
                    access_key_id: key_id.clone(),
                    secret_access_key: stored.secret_access_key,
                    session_token: stored.session_token,
                    expires_at: self.session_expires_at,
                }
            }
            (None, profile) => CredentialSource::AwsChain {
                profile: profile.clone(),
            },
        };
        Ok(ConnectionSettings {
            name: self.name.clone(),
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            path_style: self.path_style.then_some(true),
            credentials,
        })
    }

    /// Checks what can be checked without the network. The window and the CLI both save
    /// through [`ConnectionList::add`] / [`ConnectionList::update`], which call this.
    pub fn validate(&self) -> Result<()> {
        check_name(&self.name)?;
        if let Some(key) = self.access_key_id.as_deref() {
            if key.trim().is_empty() {
                return Err(Error::invalid(
                    "access key id",
                    crate::tr!("input-key-id-empty"),
                ));
            }
            if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(Error::invalid(
                    "access key id",
                    crate::tr!("input-key-id-spaces"),
                ));
            }
        }
        if let Some(region) = &self.region {
            check_region(region)?;
        }
        if self.provider == Provider::Custom && self.endpoint.is_none() {
            return Err(Error::invalid(
                "endpoint",
                crate::tr!("input-endpoint-missing"),
            ));
        }
        let endpoint_only = ConnectionSettings {
            endpoint: self.endpoint.clone(),
            ..ConnectionSettings::from_aws_chain(None)
        };
        endpoint_only.endpoint_url().map(|_| ())
    }
}

/// The connections file (`connections.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnectionList {
    #[serde(default, rename = "connection")]
    pub connections: Vec<SavedConnection>,
}

impl ConnectionList {
    /// `<config dir>/connections.toml` (e.g. ~/.config/s3share on Linux).
    pub fn default_path() -> Result<PathBuf> {
        crate::paths::config_file("connections.toml")
    }

    /// A missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                Error::invalid(
                    "connections file",
                    crate::tr!(
                        "input-connections-file-unreadable",
                        path = path.display().to_string(),
                        reason = e.message().to_string()
                    ),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(Error::ConfigFile {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes atomically (see `paths::write_atomically`): a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::ConfigFile {
            path: path.to_owned(),
            source,
        };
        let text =
            toml::to_string_pretty(self).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        crate::paths::write_atomically(path, text.as_bytes()).map_err(io)
    }

    pub fn find(&self, name: &str) -> Option<&SavedConnection> {
        self.connections.iter().find(|c| c.name == name)
    }

    /// Saves a new connection: the secret goes to `secrets` first, so a missing keyring
    /// stops everything before any file is written.
    pub fn add(
        path: &Path,
        secrets: &SecretStore,
        connection: SavedConnection,
        secret: Option<&StoredSecret>,
    ) -> Result<()> {
        connection.validate()?;
        let mut list = Self::load(path)?;
        check_unique(&connection, &list.connections)?;
        if let Some(secret) = secret {
            secrets.save(&connection.id, secret)?;
        }
        let id = connection.id.clone();
        list.connections.push(connection);
        list.save(path).inspect_err(|_| {
            let _ = secrets.delete(&id);
        })
    }

    /// Replaces the saved connection `original_id` with `connection` (same id). A typed
    /// `secret` goes to `secrets` first; a connection that now uses an AWS profile loses
    /// its stored secret.
    pub fn update(
        path: &Path,
        secrets: &SecretStore,
        original: &SavedConnection,
        connection: SavedConnection,
        secret: Option<&StoredSecret>,
    ) -> Result<()> {
        connection.validate()?;
        let mut list = Self::load(path)?;
        check_unique(&connection, &list.connections)?;
        let index = list
            .connections
            .iter()
            .position(|c| c.id == original.id)
            .ok_or_else(|| Error::NoSuchConnection {
                name: original.name.clone(),
            })?;
        if let Some(secret) = secret {
            secrets.save(&connection.id, secret)?;
        } else if connection.access_key_id.is_none() && original.access_key_id.is_some() {
            // Now uses an AWS profile: the old secret has no use any more.
            secrets.delete(&connection.id)?;
        }
        list.connections[index] = connection;
        list.save(path)
    }

    /// Removes a connection and its secret.
    pub fn remove(path: &Path, secrets: &SecretStore, name: &str) -> Result<SavedConnection> {
        let mut list = Self::load(path)?;
        let index = list
            .connections
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| Error::NoSuchConnection {
                name: name.to_owned(),
            })?;
        let removed = list.connections.remove(index);
        if removed.access_key_id.is_some() {
            secrets.delete(&removed.id)?;
        }
        list.save(path)?;
        Ok(removed)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn provider_endpoints() {
        assert_eq!(Provider::Aws.endpoint("eu-west-1", None).unwrap(), None);
        assert_eq!(
            Provider::R2
                .endpoint("auto", Some("abc123"))
                .unwrap()
                .as_deref(),
            Some("https://abc123.r2.cloudflarestorage.com")
        );
        assert!(Provider::R2.endpoint("auto", None).is_err());
        assert!(Provider::R2.endpoint("auto", Some("a/b")).is_err());
        assert_eq!(
            Provider::Wasabi
                .endpoint("eu-central-1", None)
                .unwrap()
                .as_deref(),
            Some("https://s3.eu-central-1.wasabisys.com")
        );
        assert_eq!("B2".parse::<Provider>().unwrap(), Provider::B2);
        assert!("gcs".parse::<Provider>().is_err());
    }

    #[test]
    fn file_round_trip_holds_no_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/connections.toml");
        let list = ConnectionList {
            connections: vec![connection("Work")],
        };
        list.save(&path).unwrap();
        assert_eq!(ConnectionList::load(&path).unwrap(), list);
        assert_eq!(
            ConnectionList::load(&dir.path().join("missing.toml")).unwrap(),
            ConnectionList::default()
        );
        std::fs::write(&path, "not = [valid").unwrap();
        assert!(ConnectionList::load(&path).is_err());
    }

    /// A custom connection to 127.0.0.1:9000 with an access key id (no secret).
    pub(crate) fn connection(name: &str) -> SavedConnection {
        SavedConnection {
            id: SavedConnection::new_id(),
            name: name.to_owned(),
            provider: Provider::Custom,
            endpoint: Some("http://127.0.0.1:9000".to_owned()),
            region: Some("us-east-1".to_owned()),
            path_style: true,
            access_key_id: Some("AKID".to_owned()),
            aws_profile: None,
            session_expires_at: None,
        }
    }

    #[test]
    fn names_follow_one_set_of_rules() {
        for good in ["Work", "Office MinIO", "Fotos é 📷", "AWS prod", "x"] {
            connection(good).validate().unwrap();
        }
        for bad in [
            "",
            "   ",
            " Work",
            "Work ",
            "AWS",
            "aws",
            "Demo storage",
            "demo STORAGE",
            // Demo storage as the window shows it in the other languages.
            "Demo-Speicher",
            "stockage de démo",
            "Almacenamiento de demostración",
            "a\nb",
            "tab\there",
            "esc\u{1b}[31m",
            "invoice\u{202E}fdp",
            "n".repeat(65).as_str(),
        ] {
            let err = connection(bad).validate().unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { field: "name", .. }),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn regions_and_endpoints_are_checked_before_saving() {
        let mut c = connection("Work");
        c.region = Some("eu west".to_owned());
        assert!(matches!(
            c.validate().unwrap_err(),
            Error::InvalidInput {
                field: "region",
                ..
            }
        ));
        let mut c = connection("Work");
        c.endpoint = Some("https://me:pw@minio.example".to_owned());
        assert!(matches!(
            c.validate().unwrap_err(),
            Error::InvalidInput {
                field: "endpoint",
                ..
            }
        ));
        let mut c = connection("Work");
        c.access_key_id = Some("AK ID".to_owned());
        assert!(c.validate().is_err());
    }

    #[test]
    fn add_and_update_refuse_a_taken_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("connections.toml");
        let secrets = SecretStore::memory();
        let first = connection("Work");
        ConnectionList::add(&path, &secrets, first.clone(), None).unwrap();
        let second = connection("Home");
        ConnectionList::add(&path, &secrets, second.clone(), None).unwrap();
        let err = ConnectionList::add(&path, &secrets, connection("Work"), None).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");

        let mut renamed = second.clone();
        renamed.name = "Work".to_owned();
        let err = ConnectionList::update(&path, &secrets, &second, renamed, None).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");

        // Keeping its own name, or taking a free one, is fine.
        let mut edited = second.clone();
        edited.region = Some("eu-west-1".to_owned());
        ConnectionList::update(&path, &secrets, &second, edited, None).unwrap();
        let mut renamed = second.clone();
        renamed.name = "Home NAS".to_owned();
        ConnectionList::update(&path, &secrets, &second, renamed, None).unwrap();
        let list = ConnectionList::load(&path).unwrap();
        assert_eq!(
            list.connections
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["Work", "Home NAS"]
        );
    }

    #[test]
    fn key_connections_need_their_secret() {
        let conn = SavedConnection {
            id: "x".to_owned(),
            name: "Work".to_owned(),
            provider: Provider::Aws,
            endpoint: None,
            region: None,
            path_style: false,
            access_key_id: Some("AKID".to_owned()),
            aws_profile: None,
            session_expires_at: None,
        };
        let err = conn.settings(&SecretStore::memory()).unwrap_err();
        assert!(matches!(err, Error::SecretMissing { .. }));
    }
}
