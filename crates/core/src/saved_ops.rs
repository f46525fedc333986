//! What the window and the CLI do with saved connections, in one place: open one (its
//! secret read on a blocking thread), resolve `--profile NAME`, save, test and remove.
//! Keyring calls may wait for an unlock prompt, so they run through [`off_thread`].

use std::path::{Path, PathBuf};

use super::client::Session;
use super::connection::ConnectionSettings;
use super::credentials::CredentialSource;
use super::error::{Error, Result};
use super::saved::{ConnectionList, SavedConnection};
use super::secrets::{SecretStore, StoredSecret, off_thread};

/// Settings to connect with: a secret typed just now (`typed`, kept in memory, the keyring
/// untouched) or else the one in `secrets` (read on a blocking thread).
pub async fn settings_of(
    connection: SavedConnection,
    typed: Option<StoredSecret>,
    secrets: SecretStore,
) -> Result<ConnectionSettings> {
    match typed {
        Some(secret) => {
            let memory = SecretStore::memory();
            memory.save(&connection.id, &secret)?;
            connection.settings(&memory)
        }
        None => off_thread(move || connection.settings(&secrets)).await,
    }
}

/// The saved connection called `name` (connections.toml, secret from the keyring), with
/// the region and path-style of `flags` on top. `Ok(None)`: no saved connection of that name.
pub async fn find_saved(
    name: &str,
    flags: Option<&ConnectionSettings>,
) -> Result<Option<ConnectionSettings>> {
    let name = name.to_owned();
    let found = off_thread(move || {
        let list = ConnectionList::load(&ConnectionList::default_path()?)?;
        list.find(&name)
            .map(|saved| saved.settings(&SecretStore::Keyring))
            .transpose()
    })
    .await?;
    Ok(found.map(|mut settings| {
        if let Some(flags) = flags {
            if flags.region.is_some() {
                settings.region.clone_from(&flags.region);
            }
            if flags.path_style == Some(true) {
                settings.path_style = Some(true);
            }
        }
        settings
    }))
}

/// `--profile NAME`, the same for the CLI and the window: the saved connection of that
/// name first (with the other flags on top), else the AWS profile NAME as given.
pub async fn resolve_profile(flags: ConnectionSettings) -> Result<ConnectionSettings> {
    match &flags.credentials {
        CredentialSource::AwsChain {
            profile: Some(name),
        } => Ok(find_saved(name, Some(&flags)).await?.unwrap_or(flags)),
        _ => Ok(flags),
    }
}

/// The saved connections in `path` (blocking thread).
pub async fn load_saved(path: PathBuf) -> Result<Vec<SavedConnection>> {
    tokio::task::spawn_blocking(move || ConnectionList::load(&path))
        .await
        .map_err(|e| Error::invalid("connections file", e.to_string()))?
        .map(|list| list.connections)
}

/// Adds (`original` None) or updates a saved connection, with the keyring: the secret goes
/// there first, so a missing keyring stops everything before the file is written.
pub async fn save_connection(
    path: PathBuf,
    original: Option<SavedConnection>,
    connection: SavedConnection,
    secret: Option<StoredSecret>,
) -> Result<SavedConnection> {
    off_thread(move || {
        save_blocking(
            &path,
            &SecretStore::Keyring,
            original.as_ref(),
            connection,
            secret,
        )
    })
    .await
}

fn save_blocking(
    path: &Path,
    secrets: &SecretStore,
    original: Option<&SavedConnection>,
    connection: SavedConnection,
    secret: Option<StoredSecret>,
) -> Result<SavedConnection> {
    match original {
        None => ConnectionList::add(path, secrets, connection.clone(), secret.as_ref())?,
        Some(original) => {
            ConnectionList::update(path, secrets, original, connection.clone(), secret.as_ref())?
        }
    }
    Ok(connection)
}

/// Removes the saved connection `name` and its secret from the keyring.
pub async fn remove_connection(path: PathBuf, name: String) -> Result<SavedConnection> {
    off_thread(move || ConnectionList::remove(&path, &SecretStore::Keyring, &name)).await
}

/// What a connection test saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TestOutcome {
    /// The names of the buckets the keys can list.
    Buckets(Vec<String>),
    /// The one bucket asked about is reachable, in this region.
    Bucket { name: String, region: String },
}

/// Connects with `settings` and lists the buckets, or with `bucket` looks up that one
/// bucket (for keys that may not list them).
pub async fn test_connection(
    settings: &ConnectionSettings,
    bucket: Option<&str>,
) -> Result<TestOutcome> {
    let session = Session::connect(settings).await?;
    match bucket {
        Some(bucket) => Ok(TestOutcome::Bucket {
            name: bucket.to_owned(),
            region: session.bucket_region(bucket).await?,
        }),
        None => Ok(TestOutcome::Buckets(
            session
                .list_buckets()
                .await?
                .into_iter()
                .map(|b| b.name)
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::StoredSecret;

    #[test]
    fn saving_adds_then_updates_through_the_list_rules() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("connections.toml");
        let secrets = SecretStore::memory();
        let connection = crate::saved::tests::connection("Work");
        let secret = StoredSecret {
            secret_access_key: crate::Secret::new("s"),
            session_token: None,
        };
        save_blocking(&path, &secrets, None, connection.clone(), Some(secret)).unwrap();
        assert!(secrets.load(&connection.id).unwrap().is_some());
        let mut renamed = connection.clone();
        renamed.name = "Home".to_owned();
        save_blocking(&path, &secrets, Some(&connection), renamed, None).unwrap();
        let list = ConnectionList::load(&path).unwrap();
        assert_eq!(list.connections.len(), 1);
        assert_eq!(list.connections[0].name, "Home");
        assert!(
            secrets.load(&connection.id).unwrap().is_some(),
            "secret kept"
        );
    }
}
