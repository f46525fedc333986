//! `s3share upload` with folders (relative paths kept, symbolic links never followed),
//! two files for one name (refused before anything is sent), and `upload-link` on a
//! name that is taken (refused unless --replace) — the real binary against the embedded
//! S3 server.

mod common;

use common::*;
use s3share_core::S3Location;

fn keys_in(bucket: &str) -> Vec<String> {
    let out = cli(&["ls", "--recursive", "--json", &format!("s3://{bucket}/")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<String> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .collect();
    keys.sort();
    keys
}

#[test]
fn folders_upload_recursively_and_symbolic_links_are_skipped_and_listed() {
    let bucket = bucket_with("folders", &[]);
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("Trip");
    std::fs::create_dir_all(trip.join("day 1/évening")).unwrap();
    std::fs::write(trip.join("day 1/a.jpg"), b"photo a").unwrap();
    std::fs::write(trip.join("day 1/évening/b.jpg"), b"photo b").unwrap();
    std::fs::write(trip.join("notes.txt"), b"notes").unwrap();
    let secret = dir.path().join("outside-secret.txt");
    std::fs::write(&secret, b"must not be uploaded").unwrap();
    std::os::unix::fs::symlink(&secret, trip.join("secret-link.txt")).unwrap();
    std::os::unix::fs::symlink("..", trip.join("parent")).unwrap();
    std::os::unix::fs::symlink("/etc", trip.join("etc")).unwrap();
    std::os::unix::fs::symlink(".", trip.join("day 1/loop")).unwrap();
    let single = dir.path().join("cover.txt");
    std::fs::write(&single, b"cover").unwrap();

    let destination = format!("s3://{bucket}/in/");
    let out = cli(&[
        "upload",
        "--link",
        trip.to_str().unwrap(),
        single.to_str().unwrap(),
        &destination,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        keys_in(&bucket),
        [
            "in/Trip/day 1/a.jpg",
            "in/Trip/day 1/évening/b.jpg",
            "in/Trip/notes.txt",
            "in/cover.txt"
        ]
    );
    let err = stderr(&out);
    for link in ["secret-link.txt", "parent", "etc", "loop"] {
        assert!(
            err.lines().any(|l| l.starts_with("skipped ")
                && l.contains(link)
                && l.contains("symbolic link")),
            "{link} not listed as skipped:\n{err}"
        );
    }
    // One link per uploaded file, and each works.
    let printed = stdout(&out);
    let links: Vec<&str> = printed.lines().collect();
    assert_eq!(links.len(), 4);
    let body = fetch::blocking_get(links[1]);
    assert_eq!(body, b"photo b");
}

#[test]
fn two_files_for_one_name_are_refused_before_anything_is_sent() {
    let bucket = bucket_with("twice", &[]);
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("x.txt"), sub).unwrap();
    }
    let out = cli(&[
        "upload",
        dir.path().join("a/x.txt").to_str().unwrap(),
        dir.path().join("b/x.txt").to_str().unwrap(),
        &format!("s3://{bucket}/in/"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"in/x.txt\""), "{err}");
    assert!(stdout(&out).is_empty());
    assert!(keys_in(&bucket).is_empty(), "something was sent");
}

#[test]
fn upload_link_refuses_a_taken_name_unless_replace() {
    let bucket = bucket_with("taken", &[]);
    let object = S3Location::new(&bucket, "contract.pdf").unwrap();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        put(
            &session().await,
            &bucket,
            &object.key,
            b"the signed original",
        )
        .await;
    });
    let location = format!("s3://{bucket}/contract.pdf");
    let out = cli(&["upload-link", &location]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("already a file named \"contract.pdf\""),
        "{err}"
    );
    assert!(err.contains("--replace"), "{err}");

    let out = cli(&["upload-link", "--replace", &location]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("http://127.0.0.1:"));

    // A link for a free name never replaces a file that appears there meanwhile.
    let free = format!("s3://{bucket}/contract (1).pdf");
    let out = cli(&["upload-link", "--json", &free]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        put(
            &session().await,
            &bucket,
            "contract (1).pdf",
            b"someone else's",
        )
        .await;
        let mut request = http_client()
            .put(link["url"].as_str().unwrap())
            .body(b"the upload".to_vec());
        for header in link["headers"].as_array().unwrap() {
            request = request.header(header[0].as_str().unwrap(), header[1].as_str().unwrap());
        }
        assert_eq!(request.send().await.unwrap().status(), 412);
    });
    let stored = std::fs::read(server().root().join(&bucket).join("contract (1).pdf")).unwrap();
    assert_eq!(stored, b"someone else's");
}

mod fetch {
    /// GET from a plain thread (the CLI tests are not async).
    pub fn blocking_get(url: &str) -> Vec<u8> {
        let url = url.to_owned();
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                let response = super::http_client().get(&url).send().await.unwrap();
                assert_eq!(response.status(), 200);
                response.bytes().await.unwrap().to_vec()
            })
    }
}
