//! Shared by the window tests about saved connections (`gui_connections`, `gui_no_keyring`):
//! a private HOME and session bus set up before anything reads them, a private Secret
//! Service (dbus-daemon + unlocked gnome-keyring-daemon), and kittest helpers.
//!
//! The keyring crate sets up its store once per process, so each binary decides once, at
//! its start, which bus it sees.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_gui::App;

#[path = "../window/mod.rs"]
mod window;

pub use window::{click, has_text, wait_for, wait_for_label, wait_for_text};

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
        for daemon in self.daemons.lock().unwrap().iter_mut().rev() {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
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
            let (bus, started) = start_secret_service(&home, &runtime_dir);
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

/// dbus-daemon + gnome-keyring-daemon unlocked with a throwaway password (as tests/keyring.rs).
/// The daemons are returned and killed by [`Env::stop`] (or die with the test process).
#[allow(clippy::zombie_processes)]
fn start_secret_service(home: &Path, runtime_dir: &Path) -> (String, Vec<Child>) {
    let mut dbus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (package dbus) is needed for keyring tests; bash .ci/run installs it");
    let mut address = String::new();
    {
        use std::io::BufRead;
        let stdout = dbus.stdout.take().unwrap();
        std::io::BufReader::new(stdout)
            .read_line(&mut address)
            .unwrap();
    }
    let bus = address.trim().to_owned();
    assert!(bus.starts_with("unix:"), "no bus address: {bus:?}");
    let mut keyring = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env("HOME", home)
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gnome-keyring-daemon (package gnome-keyring) is needed; bash .ci/run installs it");
    {
        use std::io::Write;
        let mut stdin = keyring.stdin.take().unwrap();
        stdin.write_all(b"throwaway-test-password").unwrap();
    }
    for _ in 0..100 {
        let out = Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.secrets",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .output()
            .unwrap();
        if String::from_utf8_lossy(&out.stdout).contains("boolean true") {
            return (bus, vec![dbus, keyring]);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the Secret Service did not start");
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

/// eframe storage in memory: what the window would write to its app.ron.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
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

pub fn click_button(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run_ok();
}

/// Types into the field labelled `label` (replacing what was there).
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

pub fn copied(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    log.lock().unwrap().clone()
}
