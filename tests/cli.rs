//! The `s3share` binary as scripts use it, against the embedded S3 server.

mod common;

use common::*;
use sha2::{Digest, Sha256};

fn assert_failed_plainly(out: &std::process::Output, expected: &str) {
    assert!(!out.status.success(), "should fail: {}", stdout(out));
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout, got {:?}",
        stdout(out)
    );
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn link_prints_only_a_working_url() {
    let bucket = bucket_with("clilink", &[("dir/Café menu.txt", b"menu")]);
    let out = cli(&["link", &format!("s3://{bucket}/dir/Café menu.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    assert_eq!(get(text.trim()), (200, b"menu".to_vec()));
}

#[test]
fn seven_days_is_the_longest_and_is_signed_as_such() {
    let bucket = bucket_with("cli7d", &[("a.txt", b"a")]);
    let out = cli(&["link", &format!("s3://{bucket}/a.txt"), "--expires", "7d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("X-Amz-Expires=604800"));
}

#[test]
fn bad_expiries_are_explained_and_print_nothing() {
    let bucket = bucket_with("cliexp", &[("a.txt", b"a")]);
    let location = format!("s3://{bucket}/a.txt");
    for bad in ["0", "8d", "604801", "-5m", "soon"] {
        let out = cli(&["link", &location, &format!("--expires={bad}")]);
        assert_failed_plainly(&out, "expiry");
    }
    let out = cli(&["link", &location, "--expires", "8d"]);
    assert!(stderr(&out).contains("7 days"));
}

#[test]
fn json_output_has_url_and_expiry() {
    let bucket = bucket_with("clijson", &[("r.pdf", b"pdf")]);
    let out = cli(&[
        "link",
        &format!("s3://{bucket}/r.pdf"),
        "--attachment",
        "--filename",
        "Rapport été.pdf",
        "--expires",
        "15m",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["expiry_reason"], "requested");
    assert_eq!(json["mode"], "attachment");
    assert_eq!(json["filename"], "Rapport été.pdf");
    let expires: chrono::DateTime<chrono::Utc> =
        json["expires_at"].as_str().unwrap().parse().unwrap();
    let left = (expires - chrono::Utc::now()).num_seconds();
    assert!((890..=900).contains(&left), "{left}");
    let url = json["url"].as_str().unwrap();
    assert!(url.contains("response-content-disposition=attachment"));
    assert_eq!(get(url).0, 200);
}

#[test]
fn missing_key_and_bucket_are_named() {
    let bucket = bucket_with("climiss", &[]);
    assert_failed_plainly(
        &cli(&["link", &format!("s3://{bucket}/gone.pdf")]),
        "no longer exists",
    );
    assert_failed_plainly(
        &cli(&["link", "s3://no-such-bucket-1/x.pdf"]),
        "does not exist",
    );
    assert_failed_plainly(&cli(&["link", "s3://UPPER/x.pdf"]), "bucket");
    assert_failed_plainly(&cli(&["link", "https://example.com/x.pdf"]), "s3://");
}

#[test]
fn wrong_secret_is_rejected_in_plain_words() {
    let bucket = bucket_with("clibad", &[("a.txt", b"a")]);
    let out = cli_with(
        &["link", &format!("s3://{bucket}/a.txt")],
        &[("AWS_SECRET_ACCESS_KEY", "wrong-secret")],
        None,
    );
    assert_failed_plainly(&out, "did not accept these keys");
}

#[test]
fn no_credentials_at_all_is_explained() {
    let home = tempfile::tempdir().unwrap();
    let out = clean_command(home.path())
        .args(["--endpoint", &server().endpoint(), "buckets"])
        .output()
        .unwrap();
    assert_failed_plainly(&out, "No S3 keys were found");
}

#[test]
fn unreachable_endpoint_is_a_network_error() {
    let out = cli_with(
        &["buckets", "--endpoint", "http://127.0.0.1:9"],
        &[("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)],
        None,
    );
    assert_failed_plainly(&out, "Could not reach");
}

#[test]
fn buckets_and_ls_list_what_is_there() {
    let bucket = bucket_with(
        "clils",
        &[
            ("top.txt", b"1"),
            ("sub/inner.txt", b"22"),
            ("sub/deep/x.txt", b"333"),
        ],
    );
    let out = cli(&["buckets"]);
    assert!(
        stdout(&out).lines().any(|l| l == bucket),
        "{}",
        stdout(&out)
    );

    let out = cli(&["ls", &format!("s3://{bucket}")]);
    let text = stdout(&out);
    assert!(text.contains("sub/") && text.contains("top.txt"), "{text}");
    assert!(!text.contains("inner.txt"));

    let out = cli(&["ls", &format!("s3://{bucket}/sub"), "--recursive", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["sub/deep/x.txt", "sub/inner.txt"]);
    assert_eq!(json["objects"][1]["size"], 2);
}

#[test]
fn upload_link_works_with_plain_curl() {
    let bucket = bucket_with("cliput", &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("photo.jpg");
    std::fs::write(&file, b"\xff\xd8\xff fake jpeg").unwrap();
    let out = cli(&[
        "upload-link",
        &format!("s3://{bucket}/in/photo.jpg"),
        "--curl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        !lines[0].to_ascii_lowercase().contains("checksum"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("-H 'Content-Type: image/jpeg'"),
        "{}",
        lines[1]
    );
    // Run the printed curl command as a user would.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(lines[1])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let link = cli(&["link", &format!("s3://{bucket}/in/photo.jpg")]);
    assert_eq!(
        get(stdout(&link).trim()),
        (200, b"\xff\xd8\xff fake jpeg".to_vec())
    );
}

#[test]
fn upload_link_json_lists_the_headers_to_send() {
    let bucket = bucket_with("cliputjson", &[]);
    let out = cli(&[
        "upload-link",
        &format!("s3://{bucket}/report.csv"),
        "--content-type",
        "text/csv",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["headers"],
        // If-None-Match: the server refuses the upload if a file appears at the key first.
        serde_json::json!([["Content-Type", "text/csv"], ["If-None-Match", "*"]])
    );
    let url = json["url"].as_str().unwrap().to_owned();
    let status = runtime().block_on(async {
        http_client()
            .put(&url)
            .header("Content-Type", "text/csv")
            .header("If-None-Match", "*")
            .body("a,b\n1,2\n")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert!(status.is_success());
    // A different Content-Type than the signed one is refused.
    let status = runtime().block_on(async {
        http_client()
            .put(&url)
            .header("Content-Type", "text/plain")
            .header("If-None-Match", "*")
            .body("x")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 403);
}

/// Peak resident memory of a child process, sampled from /proc until it exits.
fn run_measuring_peak_rss(mut cmd: std::process::Command) -> (std::process::Output, u64) {
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let sampler = std::thread::spawn(move || {
        let mut peak_kib = 0u64;
        while let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
                let kib: u64 = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                peak_kib = peak_kib.max(kib);
            }
            if status.contains("State:\tZ") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        peak_kib
    });
    let out = child.wait_with_output().unwrap();
    (out, sampler.join().unwrap() * 1024)
}

#[test]
fn upload_streams_a_64_mib_file_intact() {
    let bucket = bucket_with("cliupload", &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big file é.bin");
    let mut data = vec![0u8; 64 * 1024 * 1024];
    let mut x: u32 = 12345;
    for byte in &mut data {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *byte = (x >> 16) as u8;
    }
    std::fs::write(&file, &data).unwrap();
    let expected = Sha256::digest(&data);
    drop(data);

    let home = tempfile::tempdir().unwrap();
    let mut cmd = clean_command(home.path());
    cmd.env("AWS_ENDPOINT_URL", server().endpoint())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .args([
            "upload",
            file.to_str().unwrap(),
            &format!("s3://{bucket}/up/"),
            "--link",
        ]);
    let (out, peak_rss) = run_measuring_peak_rss(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    eprintln!(
        "upload of 64 MiB: peak RSS {} MiB",
        peak_rss / (1024 * 1024)
    );
    assert!(
        peak_rss > 0 && peak_rss < 48 * 1024 * 1024,
        "peak RSS {peak_rss}"
    );

    let url = stdout(&out).trim().to_owned();
    let (status, body) = get(&url);
    assert_eq!(status, 200);
    assert_eq!(Sha256::digest(&body), expected);
    // The object is where the name says.
    let stored = server().root().join(&bucket).join("up/big file é.bin");
    assert_eq!(std::fs::metadata(stored).unwrap().len(), 64 * 1024 * 1024);
}

#[test]
fn upload_of_a_missing_file_is_plain() {
    let bucket = bucket_with("climissingfile", &[]);
    let out = cli(&[
        "upload",
        "/nonexistent/report.pdf",
        &format!("s3://{bucket}/"),
    ]);
    assert_failed_plainly(&out, "Could not read \"/nonexistent/report.pdf\"");
}

#[test]
fn help_and_version_describe_the_commands() {
    let out = cli(&["--help"]);
    let text = stdout(&out);
    for command in [
        "buckets",
        "ls",
        "link",
        "upload-link",
        "upload",
        "protect",
        "request",
        "demo-server",
    ] {
        assert!(text.contains(command), "{command} missing from --help");
    }
    let out = cli(&["--version"]);
    assert_eq!(
        stdout(&out).trim(),
        format!("s3share {}", env!("CARGO_PKG_VERSION"))
    );
}

/// A server process, killed when the test ends however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    /// Whether it printed the line telling how to stop it (it serves), before it ended.
    fn serves(&mut self) -> bool {
        use std::io::BufRead;
        std::io::BufReader::new(self.0.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("Ctrl+C"))
    }

    /// Waits up to 20 s for it to end by itself; `None` if it is still running.
    fn ended(&mut self) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            match self.0.try_wait().unwrap() {
                Some(status) => return Some(status),
                None if std::time::Instant::now() > deadline => return None,
                None => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    }
}

#[test]
fn a_second_demo_server_over_the_same_folder_is_refused_plainly() {
    let home = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let start = || {
        let mut cmd = clean_command(home.path());
        cmd.args(["demo-server", "--port", "0", "--dir"])
            .arg(folder.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        Running(cmd.spawn().unwrap())
    };
    let mut first = start();
    assert!(first.serves());

    let mut second = start();
    let status = second.ended();
    assert!(
        status.is_some_and(|s| !s.success()),
        "a second server started over the same folder"
    );
    let mut message = String::new();
    std::io::Read::read_to_string(&mut second.0.stderr.take().unwrap(), &mut message).unwrap();
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
    assert!(message.contains("already open"), "{message}");
    assert!(!message.contains("panicked"), "{message}");

    // Once the first has stopped, the folder is free again.
    drop(first);
    assert!(start().serves());
}

#[test]
fn message_lists_every_file_with_a_working_link() {
    let bucket = bucket_with("climsg", &[("a b.pdf", b"first"), ("été.txt", b"second")]);
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = clean_command(home.path());
        cmd.env("AWS_ENDPOINT_URL", server().endpoint())
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "message",
        &format!("s3://{bucket}/a b.pdf"),
        &format!("s3://{bucket}/été.txt"),
        "--expires",
        "1d",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Here are 2 files:"), "{text}");
    let urls: Vec<&str> = text.lines().filter(|l| l.starts_with("http://")).collect();
    assert_eq!(urls.len(), 2, "{text}");
    assert_eq!(get(urls[0]), (200, b"first".to_vec()));
    assert_eq!(get(urls[1]), (200, b"second".to_vec()));
    assert!(text.contains("a b.pdf (5 B)") && text.contains("Link works until"));

    let html = run(&["message", &format!("s3://{bucket}/a b.pdf"), "--html"]);
    assert!(stdout(&html).contains(">a b.pdf</a>"), "{}", stdout(&html));

    // Both commands were recorded, newest first, with the links kept by default.
    let history = run(&["history", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["key"], "a b.pdf");
    assert!(entries[2]["url"].as_str().unwrap().starts_with("http://"));
    let file = home.path().join(".local/share/s3share/history.jsonl");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // With "keep the links themselves" off, no URL is stored.
    let settings = home.path().join(".config/s3share/settings.toml");
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(&settings, "keep_links_in_history = false\n").unwrap();
    let out = run(&["link", &format!("s3://{bucket}/a b.pdf")]);
    assert!(out.status.success());
    let history = run(&["history", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert!(json[0].get("url").is_none(), "{}", json[0]);
    let plain = run(&["history"]);
    assert!(stdout(&plain).contains("works until"), "{}", stdout(&plain));
}
