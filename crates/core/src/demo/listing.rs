//! ListObjects for demo storage, answering what s3s-fs answers at a fraction of the cost.
//!
//! s3s-fs lists a page by walking the whole bucket and asking tokio for each entry's type
//! and metadata, two trips to the blocking thread pool per file: a page of a 20 000-file
//! folder took over a second, and listing it all (20 pages) half a minute, for any client.
//! Here the walk runs on one blocking thread with `std::fs` (the entry's type comes with
//! the directory read), folders that cannot add anything new are not entered, and only
//! the objects on the page are asked for their size and date.
//!
//! The answer is s3s-fs's: keys in byte order; with a delimiter, files below it become
//! common prefixes; the page starts after the later of `continuation-token` and
//! `start-after`; `max-keys` (default 1 000) counts objects and prefixes together; the
//! next token is the page's last key or prefix.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use s3s::dto::{CommonPrefix, ListObjectsV2Input, ListObjectsV2Output, Object, Timestamp};
use s3s::{S3Result, s3_error};

/// One page of `input`'s listing of the bucket stored in `bucket_root`. Blocking.
pub(super) fn list_page(
    bucket_root: &Path,
    input: ListObjectsV2Input,
) -> S3Result<ListObjectsV2Output> {
    if !bucket_root.is_dir() {
        return Err(s3_error!(NoSuchBucket));
    }
    let prefix = input
        .prefix
        .as_deref()
        .unwrap_or("")
        .trim_start_matches('/');
    let delimiter = input.delimiter.as_deref().filter(|d| !d.is_empty());
    let max_keys = input.max_keys.unwrap_or(1000);
    let found = walk(bucket_root, prefix, delimiter)?;

    let resume_after = match (
        input.continuation_token.as_deref(),
        input.start_after.as_deref(),
    ) {
        (Some(token), Some(after)) => Some(token.max(after)),
        (token, after) => token.or(after),
    };
    let after = |key: &&String| resume_after.is_none_or(|marker| key.as_str() > marker);
    let mut keys = found.keys.iter().filter(after).peekable();
    let mut prefixes = found.prefixes.iter().filter(after).peekable();

    let mut objects = Vec::new();
    let mut common_prefixes = Vec::new();
    let mut last = None;
    // As s3s-fs: a negative max-keys counts as the default.
    let page_size = usize::try_from(max_keys).unwrap_or(1000);
    for _ in 0..page_size {
        let take_key = match (keys.peek(), prefixes.peek()) {
            (Some(key), Some(prefix)) => key < prefix,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_key {
            let key = keys.next().cloned().unwrap_or_default();
            last = Some(key.clone());
            if let Some(object) = object(bucket_root, key)? {
                objects.push(object);
            }
        } else {
            let prefix = prefixes.next().cloned().unwrap_or_default();
            last = Some(prefix.clone());
            common_prefixes.push(CommonPrefix {
                prefix: Some(prefix),
            });
        }
    }
    let is_truncated = page_size > 0 && (keys.peek().is_some() || prefixes.peek().is_some());
    let key_count = i32::try_from(objects.len() + common_prefixes.len())
        .map_err(|e| s3_error!(e, InternalError))?;
    Ok(ListObjectsV2Output {
        key_count: Some(key_count),
        max_keys: Some(max_keys),
        is_truncated: Some(is_truncated),
        contents: (!objects.is_empty()).then_some(objects),
        common_prefixes: (!common_prefixes.is_empty()).then_some(common_prefixes),
        next_continuation_token: if is_truncated { last } else { None },
        continuation_token: input.continuation_token,
        delimiter: input.delimiter,
        encoding_type: input.encoding_type,
        name: Some(input.bucket),
        prefix: input.prefix,
        start_after: input.start_after,
        ..Default::default()
    })
}

/// Every key and common prefix of a listing, each in byte order.
#[derive(Debug, Default, PartialEq)]
struct Found {
    keys: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

fn walk(bucket_root: &Path, prefix: &str, delimiter: Option<&str>) -> S3Result<Found> {
    let mut found = Found::default();
    let mut folders: VecDeque<(PathBuf, String)> =
        VecDeque::from([(bucket_root.to_owned(), String::new())]);
    while let Some((folder, folder_key)) = folders.pop_front() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            // A folder removed since its parent was read holds nothing any more.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !folder_key.is_empty() => {
                continue;
            }
            Err(e) => return Err(s3_error!(e, InternalError)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| s3_error!(e, InternalError))?;
            // s3s-fs lists only names that are text.
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let key = format!("{folder_key}{name}");
            let file_type = entry.file_type().map_err(|e| s3_error!(e, InternalError))?;
            if file_type.is_dir() {
                let below = format!("{key}/");
                if worth_entering(&below, prefix, delimiter, &found.prefixes) {
                    folders.push_back((entry.path(), below));
                }
            } else if let Some(rest) = key.strip_prefix(prefix) {
                match common_prefix(prefix, rest, delimiter) {
                    Some(common) => {
                        found.prefixes.insert(common);
                    }
                    None => {
                        found.keys.insert(key);
                    }
                }
            }
        }
    }
    Ok(found)
}

/// Whether a folder (`below`: its key with a trailing `/`) can hold keys under `prefix`
/// that add something: not when every key in it would fall into a common prefix that is
/// already found.
fn worth_entering(
    below: &str,
    prefix: &str,
    delimiter: Option<&str>,
    prefixes: &BTreeSet<String>,
) -> bool {
    if let Some(rest) = below.strip_prefix(prefix) {
        return common_prefix(prefix, rest, delimiter)
            .is_none_or(|common| !prefixes.contains(&common));
    }
    prefix.starts_with(below)
}

/// The common prefix a key (`prefix` + `rest`) falls into: up to and with the first
/// delimiter after the prefix; `None` when it is listed as itself.
fn common_prefix(prefix: &str, rest: &str, delimiter: Option<&str>) -> Option<String> {
    let d = delimiter?;
    let end = rest.find(d)? + d.len();
    Some(format!("{prefix}{}", &rest[..end]))
}

/// The listing entry of `key`; `None` when it went away since the folder was read.
fn object(bucket_root: &Path, key: String) -> S3Result<Option<Object>> {
    // Of the entry itself, as s3s-fs lists it (a link's own size and date).
    let metadata = match std::fs::symlink_metadata(bucket_root.join(&key)) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(s3_error!(e, InternalError)),
    };
    let modified = metadata
        .modified()
        .map_err(|e| s3_error!(e, InternalError))?;
    Ok(Some(Object {
        key: Some(key),
        last_modified: Some(Timestamp::from(modified)),
        size: Some(i64::try_from(metadata.len()).map_err(|e| s3_error!(e, InternalError))?),
        ..Default::default()
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use s3s::S3;

    use super::*;

    /// What s3s-fs itself answers for `input` (the reference this listing must equal).
    fn s3s_fs_page(
        runtime: &tokio::runtime::Runtime,
        root: &Path,
        input: ListObjectsV2Input,
    ) -> S3Result<ListObjectsV2Output> {
        let files = s3s_fs::FileSystem::new(root).unwrap();
        let request = s3s::S3Request {
            input,
            method: http::Method::GET,
            uri: http::Uri::from_static("/"),
            headers: http::HeaderMap::new(),
            extensions: http::Extensions::new(),
            credentials: None,
            region: None,
            service: None,
            trailing_headers: None,
        };
        runtime
            .block_on(files.list_objects_v2(request))
            .map(|response| response.output)
    }

    /// Keys made of few characters, so that prefixes, delimiters and markers meet them.
    fn key() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!["a", "b", "/", "-", "é", " "]),
            1..7,
        )
        .prop_map(|parts| parts.concat())
        .prop_filter("a key that is a path", |key| {
            !key.starts_with('/') && !key.ends_with('/') && !key.contains("//")
        })
    }

    /// A listing of the bucket with a random prefix, delimiter, page size and place to resume.
    fn query() -> impl Strategy<Value = ListObjectsV2Input> {
        let text = || {
            proptest::option::of(
                proptest::collection::vec(
                    prop::sample::select(vec!["a", "b", "/", "-", "é"]),
                    0..4,
                )
                .prop_map(|p| p.concat()),
            )
        };
        (
            text(),
            // s3s-fs keeps only the first byte of a delimiter in a common prefix (and panics
            // inside a character): the one-byte delimiters it gets right. Longer ones are
            // checked against S3's own rule below.
            proptest::option::of(prop::sample::select(vec!["/".to_owned(), "-".to_owned()])),
            proptest::option::of(-1..6i32),
            text(),
            text(),
        )
            .prop_map(
                |(prefix, delimiter, max_keys, start_after, continuation_token)| {
                    ListObjectsV2Input {
                        bucket: "bucket".to_owned(),
                        prefix,
                        delimiter,
                        max_keys,
                        start_after,
                        continuation_token,
                        ..Default::default()
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_page_is_the_one_s3s_fs_answers(
            keys in proptest::collection::vec(key(), 0..25),
            queries in proptest::collection::vec(query(), 8),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let root = tempfile::tempdir().unwrap();
            let bucket = root.path().join("bucket");
            std::fs::create_dir(&bucket).unwrap();
            for key in &keys {
                // A key cannot be both a file and a folder on disk: such pairs are skipped.
                let path = bucket.join(key);
                if path.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok()) && !path.exists() {
                    let _ = std::fs::write(&path, key.as_bytes());
                }
            }
            for input in queries {
                let ours = list_page(&bucket, input.clone()).map_err(|e| e.code().clone());
                let reference = s3s_fs_page(&runtime, root.path(), input.clone()).map_err(|e| e.code().clone());
                prop_assert_eq!(ours, reference, "{:?}", input);
            }
        }
    }

    #[test]
    fn a_common_prefix_ends_with_the_whole_delimiter() {
        let root = tempfile::tempdir().unwrap();
        for key in ["2026 – März/Bericht.pdf", "2026 – April.pdf", "2025.pdf"] {
            let path = root.path().join(key);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let page = list_page(
            root.path(),
            ListObjectsV2Input {
                delimiter: Some(" – ".to_owned()),
                ..Default::default()
            },
        )
        .unwrap();
        let prefixes: Vec<_> = page
            .common_prefixes
            .unwrap()
            .into_iter()
            .map(|p| p.prefix.unwrap())
            .collect();
        assert_eq!(prefixes, ["2026 – "]);
        let keys: Vec<_> = page
            .contents
            .unwrap()
            .into_iter()
            .map(|o| o.key.unwrap())
            .collect();
        assert_eq!(keys, ["2025.pdf"]);
    }

    #[test]
    fn following_the_tokens_lists_every_key_once() {
        let root = tempfile::tempdir().unwrap();
        let bucket = root.path().join("bucket");
        for i in 0..2500 {
            let path = bucket.join(format!("folder {}/scan {i:05}.pdf", i % 3));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let mut listed = Vec::new();
        let mut token = None;
        loop {
            let page = list_page(
                &bucket,
                ListObjectsV2Input {
                    bucket: "bucket".to_owned(),
                    continuation_token: token.take(),
                    ..Default::default()
                },
            )
            .unwrap();
            listed.extend(
                page.contents
                    .unwrap_or_default()
                    .into_iter()
                    .map(|o| o.key.unwrap()),
            );
            match page.next_continuation_token {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        assert_eq!(listed.len(), 2500);
        assert!(
            listed.windows(2).all(|pair| pair[0] < pair[1]),
            "in order, none twice"
        );
        let missing = list_page(&root.path().join("nothing"), ListObjectsV2Input::default());
        assert_eq!(
            missing.map_err(|e| e.code().clone()),
            Err(s3s::S3ErrorCode::NoSuchBucket)
        );
    }
}
