//! Demo storage that survives a restart of the app. Its links point at
//! `http://127.0.0.1:PORT` and are signed with its keys; a new port or new keys at the next
//! start would end every link history still calls active. So demo storage listens on the
//! port it had last time ([`DEMO_PORT`] the first time) and keeps its keys: the access key
//! id beside the files, the secret key in the keyring like every other secret. Only when
//! the port is taken by another program (or no keyring keeps the secret) does it change,
//! and then [`DemoSession`] tells which earlier links no longer work.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::net::TcpListener;

use super::{DemoServer, random_text};
use crate::credentials::Secret;
use crate::error::{Error, Result};
use crate::secrets::{SecretStore, StoredSecret};

/// The port demo storage listens on the first time (below Linux's ephemeral range, so an
/// outgoing connection rarely holds it).
pub const DEMO_PORT: u16 = 28_213;
/// Keyring account of demo storage's secret key (service "s3share").
pub const DEMO_KEYS_ACCOUNT: &str = "demo-storage";
/// Beside the buckets: the port and access key id of the last start (no secret).
const STATE_FILE: &str = ".s3share-demo.json";
/// How long a start waits for its port to be let go (the app just quit and restarts).
const PORT_RETRIES: u32 = 5;
const PORT_RETRY_WAIT: Duration = Duration::from_millis(100);

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Kept {
    #[serde(default)]
    port: Option<u16>,
    #[serde(default)]
    access_key_id: Option<String>,
}

/// Who answers demo storage's links in this session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSession {
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    pub access_key_id: String,
    /// Set when this start had to change the port or the keys: links made before then
    /// no longer work (their server is gone or refuses their signature).
    pub restarted_at: Option<DateTime<Utc>>,
    /// Why, in a sentence for the person ("port 28213 was taken by another program").
    pub restart_reason: Option<String>,
}

impl DemoSession {
    /// Whether a demo-storage link (`url`, made at `created_at`) is still answered: it
    /// points at this server and is signed with its keys. Without the URL (history kept
    /// no links), a link made before a restart that changed port or keys is not.
    pub fn still_serves(&self, url: Option<&str>, created_at: DateTime<Utc>) -> bool {
        match url {
            Some(url) => self.signed_here(url),
            None => self.restarted_at.is_none_or(|at| created_at >= at),
        }
    }

    fn signed_here(&self, url: &str) -> bool {
        let (Ok(link), Ok(endpoint)) = (url::Url::parse(url), url::Url::parse(&self.endpoint))
        else {
            return false;
        };
        let credential = link
            .query_pairs()
            .find(|(name, _)| name == "X-Amz-Credential")
            .map(|(_, value)| value.into_owned());
        link.origin() == endpoint.origin()
            && credential.is_some_and(|c| c.split('/').next() == Some(self.access_key_id.as_str()))
    }
}

/// Demo storage started by [`start_stable`].
#[derive(Debug)]
pub struct StableDemo {
    pub server: DemoServer,
    pub session: DemoSession,
}

/// Starts demo storage over `root` on the port and with the keys of its last start
/// (`default_port` and new keys the first time); the secret key is kept in `secrets`.
pub async fn start_stable(
    root: PathBuf,
    secrets: SecretStore,
    default_port: u16,
) -> Result<StableDemo> {
    let state_path = root.join(STATE_FILE);
    let (kept, stored) = {
        let (path, secrets) = (state_path.clone(), secrets.clone());
        tokio::task::spawn_blocking(move || (read_kept(&path), secrets.load(DEMO_KEYS_ACCOUNT)))
            .await
            .map_err(|e| Error::DemoServer(e.to_string()))?
    };
    let mut reasons = Vec::new();
    let keys = match (&kept.access_key_id, stored) {
        (Some(id), Ok(Some(secret))) => Some((id.clone(), secret.secret_access_key)),
        (_, Err(e)) => {
            tracing::warn!(error = %e, "demo storage: keys not read from the keyring");
            None
        }
        _ => None,
    };
    let keys_kept = keys.is_some();
    let (access_key_id, secret) =
        keys.unwrap_or_else(|| (random_text(20).to_uppercase(), Secret::new(random_text(40))));
    let mut keys_remembered = keys_kept;
    if !keys_kept {
        if kept.access_key_id.is_some() {
            reasons.push("its keys were no longer in the keyring".to_owned());
        }
        let secrets = secrets.clone();
        let stored = StoredSecret {
            secret_access_key: secret.clone(),
            session_token: None,
        };
        let saved = tokio::task::spawn_blocking(move || secrets.save(DEMO_KEYS_ACCOUNT, &stored))
            .await
            .map_err(|e| Error::DemoServer(e.to_string()))?;
        match saved {
            Ok(()) => keys_remembered = true,
            // Keys for this session only: links of this session end with it, and the next
            // start says so (no access key id is remembered for a secret not kept).
            Err(e) => tracing::warn!(error = %e, "demo storage: keys kept for this session only"),
        }
    }
    let wanted = kept.port.unwrap_or(default_port);
    let mut fell_back = false;
    let listener = match bind_waiting(wanted).await {
        Ok(listener) => listener,
        Err(e) => {
            fell_back = true;
            tracing::info!(port = wanted, error = %e, "demo storage: port taken, using another");
            if kept.port.is_some() {
                reasons.push(format!("port {wanted} was taken by another program"));
            }
            TcpListener::bind(("127.0.0.1", 0))
                .await
                .map_err(|e| Error::DemoServer(format!("no free port: {e}")))?
        }
    };
    let server = DemoServer::serve_on(listener, &root, (access_key_id.clone(), secret))?;
    let keep = Kept {
        // A port taken this once (another program, a second window) is not given up: the
        // next start tries it again, and the links made on it work again.
        port: Some(if fell_back { wanted } else { server.port() }),
        // Remembered only while the keyring holds its secret.
        access_key_id: keys_remembered.then(|| access_key_id.clone()),
    };
    if keep.port != kept.port || keep.access_key_id != kept.access_key_id {
        let path = state_path.clone();
        let written = tokio::task::spawn_blocking(move || write_kept(&path, &keep))
            .await
            .map_err(|e| Error::DemoServer(e.to_string()))?;
        if let Err(e) = written {
            tracing::warn!(error = %e, "demo storage: port and key id not remembered");
        }
    }
    let restarted = !reasons.is_empty();
    Ok(StableDemo {
        session: DemoSession {
            endpoint: server.endpoint(),
            access_key_id,
            restarted_at: restarted.then(Utc::now),
            restart_reason: restarted.then(|| reasons.join(" and ")),
        },
        server,
    })
}

/// Binds `port`, waiting a little while it is still held (the app that had it may be
/// quitting); port 0 is never asked for here.
async fn bind_waiting(port: u16) -> std::io::Result<TcpListener> {
    let mut tries = 0;
    loop {
        match TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && tries < PORT_RETRIES => {
                tries += 1;
                tokio::time::sleep(PORT_RETRY_WAIT).await;
            }
            Err(e) => return Err(e),
        }
    }
}

fn read_kept(path: &Path) -> Kept {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "demo storage: unreadable {STATE_FILE}, starting anew");
            Kept::default()
        }),
        Err(_) => Kept::default(),
    }
}

fn write_kept(path: &Path, kept: &Kept) -> std::io::Result<()> {
    let text = serde_json::to_vec(kept).map_err(std::io::Error::other)?;
    crate::paths::write_atomically(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DEMO_BUCKET, seed_samples};
    use crate::{Expiry, LinkMode, S3Location, Session, ShareRequest};

    /// A port free right now (the default port of one test, so tests do not share one).
    async fn free_port() -> u16 {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        listener.local_addr().unwrap().port()
    }

    async fn link_to_a_sample(demo: &StableDemo) -> String {
        let session = Session::connect(&demo.server.connection("Demo storage"))
            .await
            .unwrap();
        let object = S3Location::new(DEMO_BUCKET, "Café menu – été.txt").unwrap();
        let request = ShareRequest::new(object, Expiry::ONE_DAY, LinkMode::Inline);
        session.share_link(&request).await.unwrap().url
    }

    async fn status(url: &str) -> u16 {
        reqwest::get(url).await.unwrap().status().as_u16()
    }

    /// Stops `demo` and waits until its port is let go.
    async fn stop(demo: StableDemo) {
        let port = demo.server.port();
        drop(demo);
        for _ in 0..100 {
            if TcpListener::bind(("127.0.0.1", port)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("port {port} stayed taken");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_restart_keeps_port_and_keys_so_earlier_links_still_work() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let keyring = SecretStore::memory();
        let port = free_port().await;

        let first = start_stable(root.path().to_owned(), keyring.clone(), port)
            .await
            .unwrap();
        assert_eq!(first.server.port(), port);
        assert_eq!(first.session.restarted_at, None);
        let url = link_to_a_sample(&first).await;
        assert_eq!(status(&url).await, 200);
        let state = std::fs::read_to_string(root.path().join(STATE_FILE)).unwrap();
        assert!(
            !state.contains(first.server.secret_access_key().expose()),
            "no secret on disk: {state}"
        );
        stop(first).await;

        // The app starts again: same port, same keys; the link made before still works.
        let second = start_stable(root.path().to_owned(), keyring.clone(), DEMO_PORT)
            .await
            .unwrap();
        assert_eq!(second.server.port(), port, "the remembered port");
        assert_eq!(second.session.restarted_at, None);
        assert!(second.session.still_serves(Some(&url), Utc::now()));
        assert_eq!(status(&url).await, 200);
        let second_port = second.server.port();
        stop(second).await;

        // Another program took the port meanwhile: another port, and the earlier links
        // are known to have ended.
        let squatter = TcpListener::bind(("127.0.0.1", second_port)).await.unwrap();
        let third = start_stable(root.path().to_owned(), keyring.clone(), DEMO_PORT)
            .await
            .unwrap();
        assert_ne!(third.server.port(), second_port);
        assert!(third.session.restarted_at.is_some());
        assert!(
            third
                .session
                .restart_reason
                .as_deref()
                .unwrap_or_default()
                .contains(&format!("port {second_port} was taken")),
            "{:?}",
            third.session.restart_reason
        );
        assert!(!third.session.still_serves(Some(&url), Utc::now()));
        let fresh = link_to_a_sample(&third).await;
        assert!(third.session.still_serves(Some(&fresh), Utc::now()));
        assert_eq!(status(&fresh).await, 200);
        stop(third).await;

        // Once the port is free again, demo storage is back on it: the first link works.
        drop(squatter);
        let fourth = start_stable(root.path().to_owned(), keyring, DEMO_PORT)
            .await
            .unwrap();
        assert_eq!(fourth.server.port(), port, "the port is not given up");
        assert_eq!(status(&url).await, 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keys_the_keyring_no_longer_holds_end_earlier_links() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let port = free_port().await;
        let first = start_stable(root.path().to_owned(), SecretStore::memory(), port)
            .await
            .unwrap();
        let url = link_to_a_sample(&first).await;
        let made = Utc::now();
        stop(first).await;
        // Another keyring (the session-only one is gone): new keys on the same port.
        let second = start_stable(root.path().to_owned(), SecretStore::memory(), port)
            .await
            .unwrap();
        assert_eq!(second.server.port(), port);
        assert!(second.session.restarted_at.is_some());
        assert!(!second.session.still_serves(Some(&url), made));
        assert!(!second.session.still_serves(None, made), "no URL kept");
        assert_eq!(status(&url).await, 403, "refused, as history now says");
    }
}
