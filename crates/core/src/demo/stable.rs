//! Demo storage that survives a restart of the app. Its links point at
//! `http://127.0.0.1:PORT` and are signed with its keys; a new port or new keys at the next
//! start would end every link history still calls active. So demo storage listens on the
//! port it had last time ([`DEMO_PORT`] the first time) and keeps its keys: the access key
//! id beside the files, the secret key in the keyring like every other secret. Only when
//! the port is taken by another program (or no keyring keeps the secret) does it change,
//! and then [`DemoSession`] tells which earlier links no longer work, and why.
//!
//! One server at a time: demo storage locks its folder ([`LOCK_FILE`]); a second window (or
//! `s3share demo-server` over the same folder) is told it is open in the first
//! ([`Error::DemoInUse`]) rather than starting a second server on another port, calling the
//! first one's links ended and writing the same files.

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
/// Beside the buckets: locked while a window runs demo storage over them.
pub const LOCK_FILE: &str = ".s3share-demo.lock";
/// How long a start waits for its port to be let go (the app just quit and restarts).
const PORT_RETRIES: u32 = 5;
const PORT_RETRY_WAIT: Duration = Duration::from_millis(100);

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Kept {
    /// The port links should point at (also when this session had to use another).
    #[serde(default)]
    port: Option<u16>,
    /// The id of the keys the keyring keeps (kept while the keyring cannot be read).
    #[serde(default)]
    access_key_id: Option<String>,
    /// The last session's keys were for that session only: its links ended with it.
    #[serde(default)]
    session_only_keys: bool,
    /// The port the last session ran on because [`Kept::port`] was taken.
    #[serde(default)]
    fallback_port: Option<u16>,
}

/// Why links made with demo storage before this start no longer work. The window words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DemoRestart {
    /// Its port (where earlier links point) is taken by another program: it runs on
    /// another for now, and is back on `port` at a start when that is free.
    PortTaken { port: u16 },
    /// The keyring no longer holds its keys: it has new ones.
    KeysGone,
    /// The keyring could not be read: keys for this session only (the kept ones are used
    /// again at a start that can read it).
    KeyringUnreadable,
    /// Last session's keys were for that session only (no keyring kept them).
    EarlierKeysNotKept,
    /// Last session ran on `port` because its own was taken: links made then point there.
    EarlierFallbackPort { port: u16 },
}

impl DemoRestart {
    /// True when every link made before this start no longer works (not only the last
    /// session's).
    pub fn ends_all_earlier_links(&self) -> bool {
        matches!(
            self,
            DemoRestart::PortTaken { .. } | DemoRestart::KeysGone | DemoRestart::KeyringUnreadable
        )
    }
}

/// Why demo storage running now does not answer one link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkGone {
    /// It points at demo storage on another port (`None`: no port read from it).
    OtherPort { port: Option<u16> },
    /// It is signed with keys demo storage no longer has.
    OtherKeys,
    /// No link kept; it was made before demo storage started afresh.
    MadeBeforeRestart,
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
    /// Why links made earlier no longer work (empty: they all still do).
    pub restart: Vec<DemoRestart>,
    /// No keyring keeps this session's keys: its links stop working when the app closes.
    pub session_only_keys: bool,
}

impl DemoSession {
    /// Whether a demo-storage link (`url`, made at `created_at`) is still answered: it
    /// points at this server and is signed with its keys. Without the URL (history kept
    /// no links), a link made before a restart that changed port or keys is not.
    pub fn still_serves(&self, url: Option<&str>, created_at: DateTime<Utc>) -> bool {
        self.gone(url, created_at).is_none()
    }

    /// Why a demo-storage link is no longer answered; `None` while it is.
    pub fn gone(&self, url: Option<&str>, created_at: DateTime<Utc>) -> Option<LinkGone> {
        let Some(url) = url else {
            return self
                .restarted_at
                .filter(|at| created_at < *at)
                .map(|_| LinkGone::MadeBeforeRestart);
        };
        let (Ok(link), Ok(endpoint)) = (url::Url::parse(url), url::Url::parse(&self.endpoint))
        else {
            return Some(LinkGone::OtherPort { port: None });
        };
        if link.origin() != endpoint.origin() {
            return Some(LinkGone::OtherPort { port: link.port() });
        }
        let credential = link
            .query_pairs()
            .find(|(name, _)| name == "X-Amz-Credential")
            .map(|(_, value)| value.into_owned());
        let signed_here =
            credential.is_some_and(|c| c.split('/').next() == Some(self.access_key_id.as_str()));
        (!signed_here).then_some(LinkGone::OtherKeys)
    }
}

/// Demo storage started by [`start_stable`].
#[derive(Debug)]
pub struct StableDemo {
    pub server: DemoServer,
    pub session: DemoSession,
}

/// Where demo storage keeps its secret key (the keyring; a test's own in tests).
trait KeyStore: Send + Sync + 'static {
    fn load(&self) -> Result<Option<Secret>>;
    fn save(&self, secret: &Secret) -> Result<()>;
}

impl KeyStore for SecretStore {
    fn load(&self) -> Result<Option<Secret>> {
        SecretStore::load(self, DEMO_KEYS_ACCOUNT).map(|s| s.map(|s| s.secret_access_key))
    }

    fn save(&self, secret: &Secret) -> Result<()> {
        let stored = StoredSecret {
            secret_access_key: secret.clone(),
            session_token: None,
        };
        SecretStore::save(self, DEMO_KEYS_ACCOUNT, &stored)
    }
}

/// Starts demo storage over `root` on the port and with the keys of its last start
/// (`default_port` and new keys the first time); the secret key is kept in `secrets`.
/// [`Error::DemoInUse`] when another window (or `s3share demo-server`) runs demo storage
/// over `root`.
pub async fn start_stable(
    root: PathBuf,
    secrets: SecretStore,
    default_port: u16,
) -> Result<StableDemo> {
    start_with(root, std::sync::Arc::new(secrets), default_port).await
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::DemoServer(e.to_string()))
}

async fn start_with(
    root: PathBuf,
    keys: std::sync::Arc<dyn KeyStore>,
    default_port: u16,
) -> Result<StableDemo> {
    let state_path = root.join(STATE_FILE);
    let (hold, kept, stored) = {
        let (root, path, keys) = (root.clone(), state_path.clone(), keys.clone());
        blocking(move || {
            // Locked first: a second window reads nothing, changes nothing.
            let hold = lock_folder(&root)?;
            Ok::<_, Error>((hold, read_kept(&path), keys.load()))
        })
        .await??
    };
    let mut restart = Vec::new();
    if kept.session_only_keys {
        restart.push(DemoRestart::EarlierKeysNotKept);
    }
    let new_keys = || (random_text(20).to_uppercase(), Secret::new(random_text(40)));
    // The keys of this session, the key id to remember, and whether the keys end with it.
    let ((access_key_id, secret), remembered_id, session_only_keys) = match (
        &kept.access_key_id,
        stored,
    ) {
        (Some(id), Ok(Some(secret))) => ((id.clone(), secret), Some(id.clone()), false),
        // The keyring could not be read (locked, its service not answering): the kept
        // secret may still be there, so nothing is saved over it and its id stays.
        (id, Err(e)) => {
            tracing::warn!(error = %e, "demo storage: keys not read; keys for this session only");
            if id.is_some() {
                restart.push(DemoRestart::KeyringUnreadable);
            }
            (new_keys(), id.clone(), true)
        }
        // None kept (the first start, or the keyring lost them): new keys, kept.
        (id, Ok(_)) => {
            if id.is_some() {
                restart.push(DemoRestart::KeysGone);
            }
            let (access_key_id, secret) = new_keys();
            let (keys, saving) = (keys.clone(), secret.clone());
            match blocking(move || keys.save(&saving)).await? {
                Ok(()) => ((access_key_id.clone(), secret), Some(access_key_id), false),
                // No access key id is remembered for a secret not kept.
                Err(e) => {
                    tracing::warn!(error = %e, "demo storage: keys kept for this session only");
                    ((access_key_id, secret), None, true)
                }
            }
        }
    };
    let wanted = kept.port.unwrap_or(default_port);
    let mut fell_back = false;
    let listener = match bind_waiting(wanted).await {
        Ok(listener) => listener,
        Err(e) => {
            fell_back = true;
            tracing::info!(port = wanted, error = %e, "demo storage: port taken, using another");
            if kept.port.is_some() {
                restart.push(DemoRestart::PortTaken { port: wanted });
            }
            TcpListener::bind(("127.0.0.1", 0))
                .await
                .map_err(|e| Error::DemoServer(format!("no free port: {e}")))?
        }
    };
    let mut server = DemoServer::serve_on(listener, &root, (access_key_id.clone(), secret))?;
    server.hold = hold;
    if let Some(port) = kept.fallback_port
        && port != server.port()
    {
        restart.push(DemoRestart::EarlierFallbackPort { port });
    }
    let keep = Kept {
        // A port taken this once (another program) is not given up: the next start tries
        // it again, and the links made on it work again.
        port: Some(wanted),
        access_key_id: remembered_id,
        session_only_keys,
        // Links made in this session point here: the next start says they ended.
        fallback_port: fell_back.then(|| server.port()),
    };
    let path = state_path.clone();
    if let Err(e) = blocking(move || write_kept(&path, &keep)).await? {
        tracing::warn!(error = %e, "demo storage: port and key id not remembered");
    }
    let restarted = restart.iter().any(DemoRestart::ends_all_earlier_links);
    Ok(StableDemo {
        session: DemoSession {
            endpoint: server.endpoint(),
            access_key_id,
            restarted_at: restarted.then(Utc::now),
            restart,
            session_only_keys,
        },
        server,
    })
}

/// Locks [`LOCK_FILE`] in `root` for as long as the file is held. [`Error::DemoInUse`]
/// while another window or `s3share demo-server` holds it; `None` where this file system
/// cannot lock (demo storage then runs unlocked, as before).
pub fn lock_folder(root: &Path) -> Result<Option<std::fs::File>> {
    let opened = std::fs::create_dir_all(root).and_then(|()| {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(root.join(LOCK_FILE))
    });
    let file = match opened {
        Ok(file) => file,
        Err(e) => {
            tracing::warn!(error = %e, "demo storage: its folder is not locked");
            return Ok(None);
        }
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::DemoInUse),
        Err(std::fs::TryLockError::Error(e)) => {
            tracing::warn!(error = %e, "demo storage: its folder is not locked");
            Ok(None)
        }
    }
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
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use super::*;
    use crate::demo::{DEMO_BUCKET, seed_samples};
    use crate::{Expiry, LinkMode, S3Location, Session, ShareRequest};

    /// Starts demo storage on a port free right now (tests do not share one). Another test
    /// may take that port between the look and the start: then it tries another.
    async fn start_on_a_free_port(root: &Path, keys: Arc<dyn KeyStore>) -> (StableDemo, u16) {
        for _ in 0..10 {
            let port = {
                let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
                listener.local_addr().unwrap().port()
            };
            let demo = start_with(root.to_owned(), keys.clone(), port)
                .await
                .unwrap();
            if demo.server.port() == port {
                return (demo, port);
            }
            stop(demo).await;
            std::fs::remove_file(root.join(STATE_FILE)).unwrap();
        }
        panic!("no free port stayed free");
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

    /// A keyring that can be made to fail, counting saves.
    #[derive(Default)]
    struct TestKeyring {
        kept: std::sync::Mutex<Option<Secret>>,
        unreadable: AtomicBool,
        no_keyring: AtomicBool,
        saves: AtomicUsize,
    }

    impl KeyStore for TestKeyring {
        fn load(&self) -> Result<Option<Secret>> {
            if self.unreadable.load(Ordering::SeqCst) || self.no_keyring.load(Ordering::SeqCst) {
                return Err(Error::KeyringUnavailable {
                    detail: "not answering".into(),
                });
            }
            Ok(self.kept.lock().unwrap().clone())
        }

        fn save(&self, secret: &Secret) -> Result<()> {
            // An unreadable keyring may well take a save (and lose the kept secret).
            if self.no_keyring.load(Ordering::SeqCst) {
                return Err(Error::KeyringUnavailable {
                    detail: "not answering".into(),
                });
            }
            self.saves.fetch_add(1, Ordering::SeqCst);
            *self.kept.lock().unwrap() = Some(secret.clone());
            Ok(())
        }
    }

    fn kept(root: &Path) -> Kept {
        read_kept(&root.join(STATE_FILE))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_restart_keeps_port_and_keys_so_earlier_links_still_work() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let keyring: Arc<dyn KeyStore> = Arc::new(SecretStore::memory());

        let (first, port) = start_on_a_free_port(root.path(), keyring.clone()).await;
        assert_eq!(first.session.restarted_at, None);
        assert_eq!(first.session.restart, []);
        assert!(!first.session.session_only_keys);
        let url = link_to_a_sample(&first).await;
        assert_eq!(status(&url).await, 200);
        let state = std::fs::read_to_string(root.path().join(STATE_FILE)).unwrap();
        assert!(
            !state.contains(first.server.secret_access_key().expose()),
            "no secret on disk: {state}"
        );
        stop(first).await;

        // The app starts again: same port, same keys; the link made before still works.
        let second = start_with(root.path().to_owned(), keyring.clone(), DEMO_PORT)
            .await
            .unwrap();
        assert_eq!(second.server.port(), port, "the remembered port");
        assert_eq!(second.session.restarted_at, None);
        assert_eq!(second.session.restart, []);
        assert!(second.session.still_serves(Some(&url), Utc::now()));
        assert_eq!(status(&url).await, 200);
        stop(second).await;

        // Another program took the port meanwhile: another port, and the earlier links
        // are known to have ended, and why.
        let squatter = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let third = start_with(root.path().to_owned(), keyring.clone(), DEMO_PORT)
            .await
            .unwrap();
        let third_port = third.server.port();
        assert_ne!(third_port, port);
        assert!(third.session.restarted_at.is_some());
        assert_eq!(third.session.restart, [DemoRestart::PortTaken { port }]);
        assert_eq!(
            third.session.gone(Some(&url), Utc::now()),
            Some(LinkGone::OtherPort { port: Some(port) })
        );
        let fresh = link_to_a_sample(&third).await;
        assert!(third.session.still_serves(Some(&fresh), Utc::now()));
        assert_eq!(status(&fresh).await, 200);
        stop(third).await;

        // Once the port is free again, demo storage is back on it: the first link works,
        // and the links of the session on the other port are known to have ended.
        drop(squatter);
        let fourth = start_with(root.path().to_owned(), keyring, DEMO_PORT)
            .await
            .unwrap();
        assert_eq!(fourth.server.port(), port, "the port is not given up");
        assert_eq!(status(&url).await, 200);
        assert_eq!(
            fourth.session.restart,
            [DemoRestart::EarlierFallbackPort { port: third_port }]
        );
        assert_eq!(
            fourth.session.restarted_at, None,
            "earlier links still work"
        );
        assert_eq!(
            fourth.session.gone(Some(&fresh), Utc::now()),
            Some(LinkGone::OtherPort {
                port: Some(third_port)
            })
        );
        stop(fourth).await;
        // Said once: the start after that has nothing to tell.
        let fifth = start_with(
            root.path().to_owned(),
            SecretStore::memory().into_keys(),
            port,
        )
        .await
        .unwrap();
        assert!(
            !fifth
                .session
                .restart
                .iter()
                .any(|r| matches!(r, DemoRestart::EarlierFallbackPort { .. }))
        );
    }

    impl SecretStore {
        fn into_keys(self) -> Arc<dyn KeyStore> {
            Arc::new(self)
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keys_the_keyring_no_longer_holds_end_earlier_links() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let (first, port) =
            start_on_a_free_port(root.path(), SecretStore::memory().into_keys()).await;
        let url = link_to_a_sample(&first).await;
        let made = Utc::now();
        stop(first).await;
        // Another keyring (the session-only one is gone): new keys on the same port.
        let second = start_with(
            root.path().to_owned(),
            SecretStore::memory().into_keys(),
            port,
        )
        .await
        .unwrap();
        assert_eq!(second.server.port(), port);
        assert!(second.session.restarted_at.is_some());
        assert_eq!(second.session.restart, [DemoRestart::KeysGone]);
        assert_eq!(
            second.session.gone(Some(&url), made),
            Some(LinkGone::OtherKeys)
        );
        assert_eq!(
            second.session.gone(None, made),
            Some(LinkGone::MadeBeforeRestart),
            "no URL kept"
        );
        assert_eq!(status(&url).await, 403, "refused, as history now says");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_keyring_that_cannot_be_read_once_does_not_replace_the_kept_keys() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let keyring = Arc::new(TestKeyring::default());
        let (first, port) = start_on_a_free_port(root.path(), keyring.clone()).await;
        let url = link_to_a_sample(&first).await;
        let id = first.session.access_key_id.clone();
        stop(first).await;
        let saves = keyring.saves.load(Ordering::SeqCst);
        assert!(saves >= 1, "the first start kept its keys");

        // The keyring does not answer this once: keys for this session only, nothing saved.
        keyring.unreadable.store(true, Ordering::SeqCst);
        let second = start_with(root.path().to_owned(), keyring.clone(), port)
            .await
            .unwrap();
        assert!(second.session.session_only_keys);
        assert_eq!(second.session.restart, [DemoRestart::KeyringUnreadable]);
        assert_eq!(
            keyring.saves.load(Ordering::SeqCst),
            saves,
            "nothing saved over"
        );
        assert_eq!(
            kept(root.path()).access_key_id.as_deref(),
            Some(id.as_str())
        );
        let session_link = link_to_a_sample(&second).await;
        stop(second).await;

        // It answers again: the kept keys are back, and the first link works again.
        keyring.unreadable.store(false, Ordering::SeqCst);
        let third = start_with(root.path().to_owned(), keyring.clone(), port)
            .await
            .unwrap();
        assert_eq!(third.session.access_key_id, id);
        assert_eq!(status(&url).await, 200);
        assert_eq!(third.session.restart, [DemoRestart::EarlierKeysNotKept]);
        assert_eq!(third.session.restarted_at, None);
        assert_eq!(
            third.session.gone(Some(&session_link), Utc::now()),
            Some(LinkGone::OtherKeys)
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn without_a_keyring_the_keys_are_said_to_be_for_this_session_only() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let keyring = Arc::new(TestKeyring::default());
        keyring.no_keyring.store(true, Ordering::SeqCst);
        let (first, port) = start_on_a_free_port(root.path(), keyring.clone()).await;
        assert!(first.session.session_only_keys, "said at once");
        assert_eq!(first.session.restart, []);
        assert!(kept(root.path()).session_only_keys);
        stop(first).await;
        let second = start_with(root.path().to_owned(), keyring, port)
            .await
            .unwrap();
        assert_eq!(second.session.restart, [DemoRestart::EarlierKeysNotKept]);
        assert!(second.session.session_only_keys);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_second_window_is_told_demo_storage_is_open_in_the_first() {
        let root = tempfile::tempdir().unwrap();
        seed_samples(root.path()).unwrap();
        let keyring = SecretStore::memory().into_keys();
        let (first, port) = start_on_a_free_port(root.path(), keyring.clone()).await;
        let url = link_to_a_sample(&first).await;
        let state = std::fs::read(root.path().join(STATE_FILE)).unwrap();

        let second = start_with(root.path().to_owned(), keyring.clone(), port).await;
        assert!(matches!(second, Err(Error::DemoInUse)), "{second:?}");
        assert_eq!(
            std::fs::read(root.path().join(STATE_FILE)).unwrap(),
            state,
            "nothing changed"
        );
        assert_eq!(status(&url).await, 200);
        stop(first).await;

        // Once the first window let go, the next start is the usual one.
        let third = start_with(root.path().to_owned(), keyring, port)
            .await
            .unwrap();
        assert_eq!(third.session.restart, []);
        assert_eq!(status(&url).await, 200);
    }
}
