//! Secret keys live in the operating system's keyring (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows), or — when the user chooses it because no keyring
//! is available — in memory for this session only. Never in a file.
//!
//! Keyring calls can block (a locked keyring may show an unlock prompt): call these from a
//! blocking thread (`tokio::task::spawn_blocking`), never from the UI thread.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::credentials::Secret;
use super::error::{Error, Result};

/// Keyring service name; the account is the connection id.
pub const KEYRING_SERVICE: &str = "s3share";

/// The secret half of a connection's keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSecret {
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    secret_access_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    session_token: Option<String>,
}

impl StoredSecret {
    fn encode(&self) -> String {
        serde_json::to_string(&Wire {
            secret_access_key: self.secret_access_key.expose().to_owned(),
            session_token: self.session_token.as_ref().map(|t| t.expose().to_owned()),
        })
        .unwrap_or_default()
    }

    fn decode(text: &str) -> Option<Self> {
        let wire: Wire = serde_json::from_str(text).ok()?;
        Some(Self {
            secret_access_key: Secret::new(wire.secret_access_key),
            session_token: wire.session_token.map(Secret::new),
        })
    }
}

/// Where secrets are kept.
#[derive(Clone, Debug)]
pub enum SecretStore {
    /// The operating system's keyring.
    Keyring,
    /// This process only; gone when the app closes.
    Memory(Arc<Mutex<HashMap<String, StoredSecret>>>),
}

impl SecretStore {
    pub fn memory() -> Self {
        SecretStore::Memory(Arc::default())
    }

    pub fn save(&self, connection_id: &str, secret: &StoredSecret) -> Result<()> {
        match self {
            SecretStore::Keyring => entry(connection_id)?
                .set_password(&secret.encode())
                .map_err(keyring_error),
            SecretStore::Memory(map) => {
                map.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(connection_id.to_owned(), secret.clone());
                Ok(())
            }
        }
    }

    /// `Ok(None)` when nothing is stored for this connection.
    pub fn load(&self, connection_id: &str) -> Result<Option<StoredSecret>> {
        match self {
            SecretStore::Keyring => match entry(connection_id)?.get_password() {
                Ok(text) => Ok(StoredSecret::decode(&text)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(keyring_error(e)),
            },
            SecretStore::Memory(map) => Ok(map
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(connection_id)
                .cloned()),
        }
    }

    /// Removes the secret; removing one that is not there is fine.
    pub fn delete(&self, connection_id: &str) -> Result<()> {
        match self {
            SecretStore::Keyring => match entry(connection_id)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keyring_error(e)),
            },
            SecretStore::Memory(map) => {
                map.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(connection_id);
                Ok(())
            }
        }
    }
}

/// Runs a keyring call on a blocking thread: it may wait for an unlock prompt, and must
/// hold up neither the async workers nor the window.
pub async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::KeyringUnavailable {
            detail: e.to_string(),
        })?
}

fn entry(connection_id: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, connection_id).map_err(keyring_error)
}

fn keyring_error(e: keyring::Error) -> Error {
    // The detail names the platform failure; it never contains the secret.
    Error::KeyringUnavailable {
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip() {
        let store = SecretStore::memory();
        let secret = StoredSecret {
            secret_access_key: Secret::new("s"),
            session_token: Some(Secret::new("t")),
        };
        store.save("c1", &secret).unwrap();
        assert_eq!(store.load("c1").unwrap(), Some(secret));
        store.delete("c1").unwrap();
        assert_eq!(store.load("c1").unwrap(), None);
        store.delete("c1").unwrap();
    }

    #[test]
    fn wire_format_round_trip_and_debug_is_redacted() {
        let secret = StoredSecret {
            secret_access_key: Secret::new("abc/def+ghi"),
            session_token: None,
        };
        assert_eq!(StoredSecret::decode(&secret.encode()), Some(secret.clone()));
        assert!(!format!("{secret:?}").contains("abc"));
    }
}
