//! Saved connections against a real Secret Service: each test starts its own D-Bus session
//! bus and an unlocked gnome-keyring-daemon (throwaway password) in a temporary HOME, then
//! drives the real `s3share` binary. Needs the `dbus` and `gnome-keyring` packages
//! (`bash .ci/run` installs them).

mod common;
#[path = "support/secret_service.rs"]
mod secret_service;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use common::*;

/// A private desktop session: D-Bus + unlocked keyring, in a temp HOME.
struct KeyringSession {
    home: tempfile::TempDir,
    bus: String,
    daemons: Vec<Child>,
}

impl KeyringSession {
    fn start() -> Self {
        let home = tempfile::tempdir().unwrap();
        let runtime_dir = home.path().join("run");
        std::fs::create_dir_all(&runtime_dir).unwrap();
        let (bus, daemons) = secret_service::start(home.path(), &runtime_dir);
        Self { home, bus, daemons }
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    /// The CLI in this session, with no AWS_* variables at all.
    fn s3share(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = clean_command(self.home());
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("XDG_RUNTIME_DIR", self.home().join("run"))
            .env("S3SHARE_LOG", "debug")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        {
            use std::io::Write;
            let mut pipe = child.stdin.take().unwrap();
            if let Some(text) = stdin {
                pipe.write_all(text.as_bytes()).unwrap();
            }
        }
        child.wait_with_output().unwrap()
    }

    /// Looks the secret up directly through the Secret Service (secret-tool).
    fn keyring_has(&self, account: &str) -> bool {
        Command::new("secret-tool")
            .args(["search", "--all", "service", "s3share", "username", account])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .output()
            .map(|o| {
                !o.stdout.is_empty() || String::from_utf8_lossy(&o.stderr).contains("secret =")
            })
            .unwrap_or(false)
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        secret_service::stop(&mut self.daemons);
    }
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_below(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn config_file(home: &Path) -> PathBuf {
    home.join(".config/s3share/connections.toml")
}

/// `connection add NAME` for the test server at `endpoint`, its secret read from stdin.
fn add_args<'a>(name: &'a str, endpoint: &'a str) -> Vec<&'a str> {
    vec![
        "connection",
        "add",
        name,
        "--provider",
        "custom",
        "--endpoint",
        endpoint,
        "--access-key-id",
        ACCESS_KEY_ID,
        "--secret-stdin",
    ]
}

#[test]
fn add_use_remove_keeps_the_secret_only_in_the_keyring() {
    let session = KeyringSession::start();
    let bucket = bucket_with("keyring", &[("contract é.pdf", b"%PDF signed")]);
    let endpoint = server().endpoint();
    let mut outputs = Vec::new();

    let add = session.s3share(
        &add_args("Office MinIO", &endpoint),
        Some(&format!("{SECRET_ACCESS_KEY}\n")),
    );
    assert!(add.status.success(), "add: {}", stderr(&add));
    outputs.push(add);
    let config = std::fs::read_to_string(config_file(session.home())).unwrap();
    assert!(config.contains("Office MinIO") && config.contains(ACCESS_KEY_ID));

    let list = session.s3share(&["connection", "list", "--json"], None);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = json[0]["id"].as_str().unwrap().to_owned();
    assert!(session.keyring_has(&id), "secret should be in the keyring");
    outputs.push(list);

    let test = session.s3share(&["connection", "test", "Office MinIO"], None);
    assert!(test.status.success(), "test: {}", stderr(&test));
    assert!(stdout(&test).contains("works"));
    outputs.push(test);

    // Use it: no AWS_* variables anywhere, only --profile NAME.
    let link = session.s3share(
        &[
            "link",
            &format!("s3://{bucket}/contract é.pdf"),
            "--profile",
            "Office MinIO",
        ],
        None,
    );
    assert!(link.status.success(), "link: {}", stderr(&link));
    let url = stdout(&link).trim().to_owned();
    let body = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let r = http_client().get(&url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.bytes().await.unwrap()
    });
    assert_eq!(body.as_ref(), b"%PDF signed");
    outputs.push(link);

    let remove = session.s3share(&["connection", "remove", "Office MinIO"], None);
    assert!(remove.status.success(), "remove: {}", stderr(&remove));
    assert!(
        !session.keyring_has(&id),
        "secret should be gone from the keyring"
    );
    outputs.push(remove);
    let after = session.s3share(&["connection", "test", "Office MinIO"], None);
    assert!(
        stderr(&after).contains("no saved connection"),
        "{}",
        stderr(&after)
    );
    outputs.push(after);

    // The secret is nowhere but the keyring: not in config/data files, stdout or stderr
    // (debug logging was on). The keyring's own storage is encrypted.
    let mut leaks = 0;
    for out in &outputs {
        leaks += stdout(out).matches(SECRET_ACCESS_KEY).count();
        leaks += stderr(out).matches(SECRET_ACCESS_KEY).count();
    }
    for dir in [".config", ".local/share/s3share", ".cache"] {
        for file in files_below(&session.home().join(dir)) {
            let bytes = std::fs::read(&file).unwrap_or_default();
            leaks += String::from_utf8_lossy(&bytes)
                .matches(SECRET_ACCESS_KEY)
                .count();
        }
    }
    assert_eq!(leaks, 0, "the secret leaked outside the keyring");
}

#[test]
fn without_a_keyring_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let out = clean_command(home.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args([
            "connection",
            "add",
            "Work",
            "--access-key-id",
            "AKIDEXAMPLE",
            "--secret-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"some-secret\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("No keyring is available"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("some-secret"));
    assert!(!config_file(home.path()).exists(), "nothing may be written");
    assert!(
        files_below(home.path()).is_empty(),
        "{:?}",
        files_below(home.path())
    );
}

#[test]
fn secrets_are_never_taken_from_arguments() {
    let home = tempfile::tempdir().unwrap();
    let out = clean_command(home.path())
        .args([
            "connection",
            "add",
            "Work",
            "--access-key-id",
            "AKID",
            "--secret",
            "x",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!config_file(home.path()).exists());
}

#[test]
fn temporary_keys_keep_their_session_end() {
    let session = KeyringSession::start();
    let bucket = bucket_with("keyringtemp", &[("report.pdf", b"%PDF temp")]);
    let endpoint = server().endpoint();
    let end = chrono::Utc::now() + chrono::Duration::hours(2);
    let end_text = end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let keys = format!("{SECRET_ACCESS_KEY}\nFwoGZXIvYXdzEXAMPLETOKEN\n");
    let add = |name: &str, expires: Option<&str>| {
        let mut args = add_args(name, &endpoint);
        args.push("--session-token");
        if let Some(at) = expires {
            args.extend(["--session-expires", at]);
        }
        session.s3share(&args, Some(&keys))
    };
    let known = add("Known end", Some(&end_text));
    assert!(known.status.success(), "add: {}", stderr(&known));
    assert!(!stderr(&known).contains("stop working early"));
    let unknown = add("Unknown end", None);
    assert!(unknown.status.success(), "add: {}", stderr(&unknown));
    assert!(
        stderr(&unknown).contains("may stop working early"),
        "{}",
        stderr(&unknown)
    );

    let list = stdout(&session.s3share(&["connection", "list"], None));
    assert!(list.contains("temporary until"), "{list}");

    let link = |name: &str| {
        let out = session.s3share(
            &[
                "link",
                &format!("s3://{bucket}/report.pdf"),
                "--expires",
                "1d",
                "--json",
                "--profile",
                name,
            ],
            None,
        );
        assert!(out.status.success(), "link: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (json, stderr(&out))
    };
    // The saved end is used: the link ends with the session, no warning.
    let (json, _) = link("Known end");
    assert_eq!(json["expiry_reason"], "credentials_session");
    assert_eq!(json["warnings"], serde_json::json!([]));
    let expires: chrono::DateTime<chrono::Utc> =
        json["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(
        (expires - end).num_seconds().abs() <= 1,
        "{expires} vs {end}"
    );
    let url = json["url"].as_str().unwrap();
    assert!(url.contains("X-Amz-Security-Token="));
    let status = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(async { http_client().get(url).send().await.unwrap().status() });
    assert_eq!(status, 200);

    // Without it: the link may die early, and that is said.
    let (json, err) = link("Unknown end");
    assert_eq!(json["expiry_reason"], "requested");
    assert_eq!(json["warnings"][0]["code"], "session_end_unknown");
    assert!(
        err.contains("may stop working before the time shown"),
        "{err}"
    );
}
