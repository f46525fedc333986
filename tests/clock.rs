//! A computer whose clock is wrong still hands out working links: the real binary runs
//! under `faketime` (libfaketime, LD_PRELOAD) against the embedded server, which keeps the
//! real time, and the links it prints are fetched with the real clock.
//!
//! Before the session measured the service's clock, each of these links was dead on
//! arrival: two hours behind, a one-hour link had expired before it was printed ("Request
//! has expired"); two hours ahead, the server refused it as not valid yet
//! (RequestTimeTooSkewed).

mod common;

use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use common::*;

/// `s3share ARGS` with the computer's clock moved by `offset` (`-2h`, `+2h`).
fn cli_at(offset: &str, args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    // The same clean environment as `common::cli`, with faketime in front of the binary.
    let plain = clean_command(home.path());
    let mut cmd = Command::new("faketime");
    cmd.arg("-f").arg(offset).arg(plain.get_program());
    for (key, value) in plain.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("AWS_ENDPOINT_URL", server().endpoint())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .env("AWS_REGION", "us-east-1")
        .args(args);
    cmd.output()
        .expect("run faketime (install it: apt-get install faketime)")
}

/// faketime really moves the binary's clock (else these tests would prove nothing).
fn assert_clock_moved(offset: &str, hours: i64) {
    let out = Command::new("faketime")
        .args(["-f", offset, "date", "+%s"])
        .output()
        .expect("run faketime (install it: apt-get install faketime)");
    let fake: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let real = Utc::now().timestamp();
    assert!(
        (fake - real - hours * 3600).abs() < 60,
        "faketime {offset}: {fake} vs {real}"
    );
}

fn query(url: &str, name: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{name} in {url}"))
}

/// The link was signed with the real time, not the computer's.
fn assert_signed_now(url: &str) {
    let signed = chrono::NaiveDateTime::parse_from_str(&query(url, "X-Amz-Date"), "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc();
    let off = (signed - Utc::now()).num_seconds().abs();
    assert!(off < 30, "X-Amz-Date {signed} is {off} s from now");
}

fn check_link_works(offset: &str, hours: i64, direction: &str) {
    assert_clock_moved(offset, hours);
    let bucket = bucket_with("clock", &[("report.txt", b"the real report")]);
    let out = cli_at(offset, &["link", &format!("s3://{bucket}/report.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out).trim().to_owned();
    assert_signed_now(&url);
    assert_eq!(get(&url), (200, b"the real report".to_vec()), "{url}");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("Your computer's clock is 2 hours {direction}")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn link_works_when_the_clock_is_two_hours_behind() {
    check_link_works("-2h", -2, "behind");
}

#[test]
fn link_works_when_the_clock_is_two_hours_ahead() {
    check_link_works("+2h", 2, "ahead");
}

/// `--no-check` sends nothing but the region detection before signing: that answer is
/// enough to know the time. The expiry reported is in real time.
#[test]
fn unchecked_link_and_its_expiry_are_in_real_time() {
    let bucket = bucket_with("clocknc", &[("a.txt", b"abc")]);
    let out = cli_at(
        "-2h",
        &[
            "link",
            "--no-check",
            "--expires",
            "30m",
            "--json",
            &format!("s3://{bucket}/a.txt"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let url = json["url"].as_str().unwrap();
    assert_eq!(get(url), (200, b"abc".to_vec()));
    let expires: DateTime<Utc> = json["expires_at"].as_str().unwrap().parse().unwrap();
    let expected = Utc::now() + chrono::Duration::minutes(30);
    assert!(
        (expires - expected).num_seconds().abs() < 30,
        "expires_at {expires}, expected about {expected}"
    );
}

/// Uploads sign their PUT through the same session clock; the stored file is intact.
#[test]
fn upload_works_when_the_clock_is_off() {
    let bucket = bucket_with("clockup", &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, b"written on a computer with a wrong clock").unwrap();
    let out = cli_at(
        "+2h",
        &[
            "upload",
            "--link",
            file.to_str().unwrap(),
            &format!("s3://{bucket}/in/"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out)
        .lines()
        .find(|l| l.starts_with("http"))
        .unwrap_or_else(|| panic!("a link in {}", stdout(&out)))
        .to_owned();
    assert_eq!(
        get(&url),
        (200, b"written on a computer with a wrong clock".to_vec())
    );
}

/// A right clock gets no note and signs with its own time.
#[test]
fn a_right_clock_gets_no_note() {
    let bucket = bucket_with("clockok", &[("a.txt", b"a")]);
    let out = cli(&["link", &format!("s3://{bucket}/a.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_signed_now(stdout(&out).trim());
}

/// Big files go in parts, each PUT through its own pre-signed URL. Those URLs are made in
/// `core::multipart` (the lead's file), which must sign them with
/// `Session::presigning_config` like every other link; until it does, this fails with the
/// parts refused as expired / not yet valid.
#[test]
fn multipart_upload_works_when_the_clock_is_off() {
    let bucket = bucket_with("clockmp", &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    let body: Vec<u8> = (0..6 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&file, &body).unwrap();
    for offset in ["-2h", "+2h"] {
        let out = cli_at(
            offset,
            &[
                "upload",
                "--link",
                "--part-size",
                "5MiB",
                "--multipart-above",
                "5MiB",
                file.to_str().unwrap(),
                &format!(
                    "s3://{bucket}/{}/",
                    if offset.starts_with('-') {
                        "behind"
                    } else {
                        "ahead"
                    }
                ),
            ],
        );
        assert!(out.status.success(), "{offset}: {}", stderr(&out));
        let url = stdout(&out)
            .lines()
            .find(|l| l.starts_with("http"))
            .unwrap()
            .to_owned();
        let (status, got) = get(&url);
        assert_eq!(status, 200);
        assert!(got == body, "{offset}: the stored file differs");
    }
}
