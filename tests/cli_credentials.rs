//! The real binary against the embedded S3 server: temporary keys whose end is unknown are
//! said to make links that may stop early (stderr, `--json`, history); plain http to another
//! computer is warned about; endpoints, regions, part sizes and connection names are checked
//! before anything is sent or saved.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const SESSION_TOKEN: &str = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN";
const EARLY: &str = "may stop working before the time shown";

/// The binary with the test server's keys (and `env` on top), HOME kept in `home`.
fn run_in(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    keyed_command(home, &server().endpoint())
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("run s3share")
}

/// `connection add NAME --access-key-id AKID --secret-stdin` and `more`, with no keyring
/// on the bus and nothing on stdin.
fn add_without_keyring(home: &Path, name: &str, more: &[&str]) -> Output {
    clean_command(home)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args([
            "connection",
            "add",
            name,
            "--access-key-id",
            "AKID",
            "--secret-stdin",
        ])
        .args(more)
        .stdin(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[track_caller]
fn assert_refused(out: &Output, expected: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit 2 for bad input: {err}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", stdout(out));
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
}

#[test]
fn session_token_without_an_end_is_said_everywhere() {
    let bucket = bucket_with("clitoken", &[("offer.pdf", b"%PDF offer")]);
    let home = tempfile::tempdir().unwrap();
    let location = format!("s3://{bucket}/offer.pdf");
    let token = [("AWS_SESSION_TOKEN", SESSION_TOKEN)];

    // Plain: the URL alone on stdout, the warning as one line on stderr.
    let out = run_in(home.path(), &["link", &location], &token);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(url.contains("X-Amz-Security-Token="), "{url}");
    assert_eq!(get(&url), (200, b"%PDF offer".to_vec()));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("s3share: warning:") && err.contains(EARLY),
        "{err}"
    );
    assert!(!err.contains(SESSION_TOKEN));

    // --json: a warnings array with a code and the same sentence.
    let out = run_in(home.path(), &["link", &location, "--json"], &token);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["warnings"][0]["code"], "session_end_unknown");
    assert!(
        json["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains(EARLY)
    );
    assert_eq!(json["expiry_reason"], "requested");

    // Upload links and messages say it too.
    let out = run_in(
        home.path(),
        &["upload-link", &format!("s3://{bucket}/in.pdf"), "--json"],
        &token,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["warnings"][0]["code"], "session_end_unknown");
    assert!(stderr(&out).contains(EARLY));
    let out = run_in(home.path(), &["message", &location], &token);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(EARLY));

    // The history marks those links.
    let history = run_in(home.path(), &["history", "--json"], &[]);
    let entries: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 3, "two links and one message");
    for entry in entries {
        assert_eq!(entry["warnings"][0], "session_end_unknown", "{entry}");
    }
    let plain = stdout(&run_in(home.path(), &["history"], &[]));
    assert!(plain.contains("may stop early"), "{plain}");
}

#[test]
fn permanent_keys_and_known_ends_carry_no_warning() {
    let bucket = bucket_with("clinotoken", &[("a.txt", b"a")]);
    let home = tempfile::tempdir().unwrap();
    let location = format!("s3://{bucket}/a.txt");
    let out = run_in(home.path(), &["link", &location, "--json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["warnings"], serde_json::json!([]));

    // A session whose end is known (AWS_CREDENTIAL_EXPIRATION, as aws-vault and
    // `aws configure export-credentials` set it): the link ends with it, and that is said
    // through expiry_reason, not as a warning.
    let end = chrono::Utc::now() + chrono::Duration::hours(2);
    let end_text = end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let out = run_in(
        home.path(),
        &["link", &location, "--expires", "1d", "--json"],
        &[
            ("AWS_SESSION_TOKEN", SESSION_TOKEN),
            ("AWS_CREDENTIAL_EXPIRATION", &end_text),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["warnings"], serde_json::json!([]));
    assert_eq!(json["expiry_reason"], "credentials_session");
    let expires: chrono::DateTime<chrono::Utc> =
        json["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(
        (expires - end).num_seconds().abs() <= 1,
        "{expires} vs {end}"
    );
    assert_eq!(get(json["url"].as_str().unwrap()).0, 200);
}

#[test]
fn plain_http_to_another_computer_is_warned_about() {
    let home = tempfile::tempdir().unwrap();
    // Loopback: no word.
    let bucket = bucket_with("cliplain", &[("a.txt", b"a")]);
    let out = run_in(home.path(), &["link", &format!("s3://{bucket}/a.txt")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // 0.0.0.0 is not loopback by name (and refuses at once here): the link is still made
    // offline, with the warning on stderr.
    let out = run_in(
        home.path(),
        &["link", "s3://bucket/a.txt", "--no-check"],
        &[("AWS_ENDPOINT_URL", "http://0.0.0.0:1")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("http://0.0.0.0:1/"));
    let err = stderr(&out);
    assert!(
        err.contains("s3share: warning: http://0.0.0.0:1 is plain http to another computer")
            && err.contains("unencrypted"),
        "{err}"
    );

    // Saving such a connection says it before anything else (here the keyring is missing).
    let out = add_without_keyring(
        home.path(),
        "Office",
        &[
            "--provider",
            "custom",
            "--endpoint",
            "http://192.168.1.10:9000",
        ],
    );
    let err = stderr(&out);
    assert!(
        err.contains("http://192.168.1.10:9000 is plain http to another computer"),
        "{err}"
    );
}

#[test]
fn endpoints_regions_and_part_sizes_are_checked_first() {
    let home = tempfile::tempdir().unwrap();
    let out = run_in(
        home.path(),
        &["link", "s3://reports/a.txt", "--no-check"],
        &[("AWS_ENDPOINT_URL", "https://user:hunter2@127.0.0.1:9")],
    );
    assert_refused(&out, "must not contain a user name or password");
    assert!(!stderr(&out).contains("hunter2"));
    for bad in [
        "http://127.0.0.1:9/?x=1",
        "http://127.0.0.1:9/#top",
        "http://127.0.0.1:9/?",
    ] {
        let out = run_in(
            home.path(),
            &["link", "s3://reports/a.txt", "--no-check"],
            &[("AWS_ENDPOINT_URL", bad)],
        );
        assert_refused(&out, "must not contain ? or #");
    }
    for bad in ["eu west 1", "eu-west-1/s3", "x\ny", "région"] {
        let out = run_in(
            home.path(),
            &["link", "s3://reports/a.txt", "--no-check", "--region", bad],
            &[],
        );
        assert_refused(&out, "region");
        assert!(!stderr(&out).contains('\u{0}'));
    }

    let file = home.path().join("small.bin");
    std::fs::write(&file, b"x").unwrap();
    let file = file.to_str().unwrap();
    for bad in ["1MiB", "5242879", "6GiB", "0"] {
        let out = run_in(
            home.path(),
            &["upload", file, "s3://bucket/", "--part-size", bad],
            &[],
        );
        assert_refused(&out, "between 5 MiB and 5 GiB");
    }
}

#[test]
fn connection_names_follow_the_windows_rules() {
    let home = tempfile::tempdir().unwrap();
    for (name, expected) in [
        ("AWS", "built-in connection"),
        ("aws", "built-in connection"),
        ("Demo storage", "built-in connection"),
        ("", "give the connection a name"),
        (" Work", "must not start or end with a space"),
        ("two\nlines", "control characters"),
    ] {
        let out = add_without_keyring(home.path(), name, &[]);
        assert_refused(&out, expected);
    }
    assert!(
        !home
            .path()
            .join(".config/s3share/connections.toml")
            .exists()
    );

    // A session end needs a token, must parse and must lie ahead.
    for (args, expected) in [
        (
            vec!["--session-expires", "2030-01-01 10:00"],
            "--session-token",
        ),
        (
            vec!["--session-token", "--session-expires", "next tuesday"],
            "is not a date and time",
        ),
        (
            vec![
                "--session-token",
                "--session-expires",
                "2020-01-01T00:00:00Z",
            ],
            "has passed",
        ),
    ] {
        let out = add_without_keyring(home.path(), "Temp", &args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}
