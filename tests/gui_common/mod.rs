//! Shared by the window tests about saved connections (`gui_connections`, `gui_no_keyring`):
//! a private HOME and session bus set up before anything reads them, a private Secret
//! Service (dbus-daemon + unlocked gnome-keyring-daemon), and kittest helpers.
//!
//! The keyring crate sets up its store once per process, so each binary decides once, at
//! its start, which bus it sees.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Arc, Mutex, OnceLock};

use egui_kittest::Harness;
use s3share_gui::App;

#[path = "../support/secret_service.rs"]
mod secret_service;
#[path = "../window/mod.rs"]
mod window;

pub use window::{
    MemoryStorage, click, click_button, has_text, type_into, wait_for, wait_for_label,
    wait_for_text,
};

/// The process's HOME, XDG dirs and D-Bus address, set once before any thread reads them.
pub struct Env {
    pub home: PathBuf,
    /// Daemons of the private Secret Service (none without a keyring).
    daemons: Mutex<Vec<Child>>,
}

impl Env {
    pub fn config_dir(&self) -> PathBuf {
        self.home.join(".config/s3share")
    }

    pub fn connections_file(&self) -> PathBuf {
        self.config_dir().join("connections.toml")
    }

    /// Stops the keyring daemons (tests call it at their end; statics are never dropped).
    pub fn stop(&self) {
        secret_service::stop(&mut self.daemons.lock().unwrap());
    }
}

/// Sets up the process environment once: a temporary HOME (XDG dirs inside), no AWS_*
/// variables, and either a private Secret Service (`keyring = true`) or a bus address that
/// leads nowhere.
pub fn env(keyring: bool) -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let home = tempfile::tempdir().unwrap().keep();
        let runtime_dir = home.join("run");
        std::fs::create_dir_all(&runtime_dir).unwrap();
        let mut daemons = Vec::new();
        let bus = if keyring {
            let (bus, started) = secret_service::start(&home, &runtime_dir);
            daemons = started;
            bus
        } else {
            "unix:path=/nonexistent/s3share-test-bus".to_owned()
        };
        let aws: Vec<String> = std::env::vars()
            .map(|(k, _)| k)
            .filter(|k| k.starts_with("AWS_"))
            .collect();
        // SAFETY: runs once, first thing in the test, before this process starts any thread
        // of its own (runtimes, the S3 server, the keyring) that could read the environment.
        #[allow(unsafe_code)]
        unsafe {
            for key in aws {
                std::env::remove_var(key);
            }
            std::env::set_var("HOME", &home);
            std::env::set_var("XDG_CONFIG_HOME", home.join(".config"));
            std::env::set_var("XDG_DATA_HOME", home.join(".local/share"));
            std::env::set_var("XDG_CACHE_HOME", home.join(".cache"));
            std::env::set_var("XDG_RUNTIME_DIR", &runtime_dir);
            std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus);
            std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        }
        Env {
            home,
            daemons: Mutex::new(daemons),
        }
    })
}

/// Looks a secret up directly through the Secret Service (secret-tool).
pub fn keyring_has(account: &str) -> bool {
    Command::new("secret-tool")
        .args(["search", "--all", "service", "s3share", "username", account])
        .output()
        .map(|o| !o.stdout.is_empty() || String::from_utf8_lossy(&o.stderr).contains("secret ="))
        .unwrap_or(false)
}

/// How often `needle` occurs in the files below `dir`.
pub fn occurrences_below(dir: &Path, needle: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            count += occurrences_below(&path, needle);
        } else {
            let bytes = std::fs::read(&path).unwrap_or_default();
            count += String::from_utf8_lossy(&bytes).matches(needle).count();
        }
    }
    count
}

/// Everything the window would persist: its own storage plus egui's memory (text field
/// states included), as eframe writes them.
pub fn persisted_text(harness: &mut Harness<'_, App>) -> String {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    // As eframe stores egui's memory (RON, under its own key).
    let memory = harness.ctx.memory(|m| m.clone());
    eframe::set_value(&mut storage, "egui", &memory);
    assert!(storage.0.contains_key("egui"), "egui memory serializes");
    storage.0.values().cloned().collect()
}

pub fn copied(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    log.lock().unwrap().clone()
}
