//! A private Secret Service for tests: a D-Bus session bus and an unlocked
//! gnome-keyring-daemon (throwaway password) for one HOME, as a desktop session would have.
//! Shared by the keyring tests of the CLI (`tests/keyring.rs`) and of the window
//! (`tests/gui_common`). Needs the `dbus` and `gnome-keyring` packages (`bash .ci/run`
//! installs them).

use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The bus address and the daemons (dbus first). Kill the daemons when done
/// (`stop`); they also die with the test process.
#[allow(clippy::zombie_processes)]
pub fn start(home: &Path, runtime_dir: &Path) -> (String, Vec<Child>) {
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
    wait_for_secret_service(&bus);
    (bus, vec![dbus, keyring])
}

/// The daemon registers on the bus asynchronously; wait until it answers.
fn wait_for_secret_service(bus: &str) {
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
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .output()
            .unwrap();
        if String::from_utf8_lossy(&out.stdout).contains("boolean true") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the Secret Service did not start");
}

/// Stops the daemons, the keyring before its bus.
pub fn stop(daemons: &mut [Child]) {
    for daemon in daemons.iter_mut().rev() {
        let _ = daemon.kill();
        let _ = daemon.wait();
    }
}
