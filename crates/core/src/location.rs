//! `s3://bucket/key` locations: parsing and validation (pure, no I/O).

use std::fmt;

use super::error::{Error, Result};

/// A bucket and a key (or a key prefix) inside it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct S3Location {
    pub bucket: String,
    /// Object key, or folder prefix ending in `/`, or empty for the bucket root.
    pub key: String,
}

impl S3Location {
    pub fn new(bucket: impl Into<String>, key: impl Into<String>) -> Result<Self> {
        let bucket = bucket.into();
        validate_bucket_name(&bucket)?;
        Ok(Self {
            bucket,
            key: key.into(),
        })
    }

    /// Parses `s3://bucket`, `s3://bucket/`, `s3://bucket/prefix/` or `s3://bucket/key`.
    /// The key is taken literally (no percent-decoding): S3 keys may contain `%`.
    pub fn parse(text: &str) -> Result<Self> {
        let rest = text.strip_prefix("s3://").ok_or_else(|| {
            Error::invalid(
                "location",
                crate::tr!("input-location-no-scheme", text = text),
            )
        })?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        Self::new(bucket, key)
    }

    /// Like [`parse`](Self::parse) but insists on a key that names one object.
    pub fn parse_object(text: &str) -> Result<Self> {
        let loc = Self::parse(text)?;
        if loc.key.is_empty() {
            return Err(Error::invalid(
                "location",
                crate::tr!(
                    "input-location-bucket-only",
                    text = text,
                    bucket = loc.bucket.as_str()
                ),
            ));
        }
        if loc.key.ends_with('/') {
            return Err(Error::invalid(
                "location",
                crate::tr!("input-location-folder", text = text),
            ));
        }
        Ok(loc)
    }

    /// The last path segment of the key: what a file would be called on disk.
    pub fn file_name(&self) -> &str {
        key_name(&self.key)
    }

    /// The key names one object (not the bucket root, not a folder ending in `/`).
    pub fn is_object(&self) -> bool {
        !self.key.is_empty() && !self.key.ends_with('/')
    }

    /// The folder holding the key: `a/b/` for `a/b/c.txt` and for `a/b/c/`, `""` at the top.
    pub fn parent_prefix(&self) -> &str {
        parent_prefix(&self.key)
    }

    /// The same location as a folder: the key ends in `/` (the bucket root stays empty).
    pub fn as_folder(&self) -> Self {
        let mut folder = self.clone();
        if !folder.key.is_empty() && !folder.key.ends_with('/') {
            folder.key.push('/');
        }
        folder
    }
}

// S3 keys are paths separated by `/`; these are the only places that split them.

/// The last segment of a key or folder prefix (`c.txt` of `a/b/c.txt`, `b` of `a/b/`).
pub fn key_name(key: &str) -> &str {
    key.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// The folder prefix holding a key or folder prefix, ending in `/` (or `""` at the top).
pub fn parent_prefix(key: &str) -> &str {
    let trimmed = key.trim_end_matches('/');
    trimmed.rfind('/').map_or("", |slash| &key[..=slash])
}

impl fmt::Display for S3Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

/// Checks the bucket naming rules shared by AWS and S3-compatible providers.
pub fn validate_bucket_name(name: &str) -> Result<()> {
    let bad = |reason: String| Err(Error::invalid("bucket", reason));
    if name.is_empty() {
        return Err(Error::invalid("bucket", crate::tr!("input-bucket-missing")));
    }
    if name.len() < 3 || name.len() > 63 {
        return bad(crate::tr!("input-bucket-length", name = name));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return bad(crate::tr!(
            "input-bucket-character",
            name = name,
            character = c.to_string()
        ));
    }
    let first_last_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !first_last_ok(name.chars().next()) || !first_last_ok(name.chars().last()) {
        return bad(crate::tr!("input-bucket-ends", name = name));
    }
    if name.contains("..") {
        return bad(crate::tr!("input-bucket-two-dots", name = name));
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return bad(crate::tr!("input-bucket-ip", name = name));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bucket_and_key_literally() {
        let loc = S3Location::parse("s3://my-bucket/a b/%20#?.txt").unwrap();
        assert_eq!(loc.bucket, "my-bucket");
        assert_eq!(loc.key, "a b/%20#?.txt");
        assert_eq!(loc.file_name(), "%20#?.txt");
        assert_eq!(loc.to_string(), "s3://my-bucket/a b/%20#?.txt");
    }

    #[test]
    fn bucket_only_and_prefix() {
        assert_eq!(S3Location::parse("s3://abc").unwrap().key, "");
        assert_eq!(S3Location::parse("s3://abc/").unwrap().key, "");
        assert_eq!(S3Location::parse("s3://abc/x/y/").unwrap().key, "x/y/");
    }

    #[test]
    fn object_needs_a_key() {
        for bad in ["s3://abc", "s3://abc/", "s3://abc/folder/"] {
            let err = S3Location::parse_object(bad).unwrap_err();
            assert_eq!(err.class(), "invalid_input", "{bad}");
        }
    }

    #[test]
    fn rejects_other_schemes_and_bad_buckets() {
        for bad in [
            "http://abc/k",
            "abc/k",
            "s3:///k",
            "s3://ab/k",
            "s3://Upper/k",
            "s3://under_score/k",
            "s3://-dash/k",
            "s3://dash-/k",
            "s3://a..b/k",
            "s3://192.168.1.1/k",
            &format!("s3://{}/k", "a".repeat(64)),
        ] {
            let err = S3Location::parse(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{bad}: {err}");
        }
        assert!(S3Location::parse(&format!("s3://{}/k", "a".repeat(63))).is_ok());
        assert!(S3Location::parse("s3://my.bucket-1/k").is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Names that follow the rules: 3–63 of a-z 0-9 . -, letter or digit at both
        /// ends, no "..", not an IPv4 address.
        fn bucket_name() -> impl Strategy<Value = String> {
            "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]".prop_filter("valid bucket name", |n| {
                !n.contains("..") && n.parse::<std::net::Ipv4Addr>().is_err()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn parsing_anything_never_panics(text in any::<String>()) {
                let _ = S3Location::parse(&text);
                let _ = S3Location::parse_object(&text);
                let _ = S3Location::parse(&format!("s3://{text}"));
                let _ = S3Location::parse_object(&format!("s3://{text}"));
            }

            #[test]
            fn bucket_and_key_round_trip(bucket in bucket_name(), key in any::<String>()) {
                let loc = S3Location::parse(&format!("s3://{bucket}/{key}")).unwrap();
                prop_assert_eq!(&loc.bucket, &bucket);
                prop_assert_eq!(&loc.key, &key);
                prop_assert_eq!(S3Location::parse(&loc.to_string()).unwrap(), loc.clone());
                let object = S3Location::parse_object(&loc.to_string());
                prop_assert_eq!(object.is_ok(), !key.is_empty() && !key.ends_with('/'));
                let name = loc.file_name();
                prop_assert!(!name.contains('/'));
                prop_assert!(key.trim_end_matches('/').ends_with(name));
            }

            #[test]
            fn accepted_bucket_names_follow_the_rules(name in "[a-z0-9.\\-_A-Z]{0,70}") {
                if validate_bucket_name(&name).is_ok() {
                    prop_assert!((3..=63).contains(&name.len()));
                    prop_assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'));
                    prop_assert!(!name.contains(".."));
                    prop_assert!(name.starts_with(|c: char| c.is_ascii_alphanumeric()));
                    prop_assert!(name.ends_with(|c: char| c.is_ascii_alphanumeric()));
                } else {
                    prop_assert!(matches!(validate_bucket_name(&name), Err(Error::InvalidInput { field: "bucket", .. })), "{}", name);
                }
            }

            #[test]
            fn valid_names_are_accepted(name in bucket_name()) {
                prop_assert!(validate_bucket_name(&name).is_ok(), "{}", name);
            }
        }
    }
}

#[cfg(test)]
mod key_path_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_and_parents_of_keys_and_folders() {
        assert_eq!(key_name("a/b/c.txt"), "c.txt");
        assert_eq!(key_name("a/b/"), "b");
        assert_eq!(key_name("top.txt"), "top.txt");
        assert_eq!(parent_prefix("a/b/c.txt"), "a/b/");
        assert_eq!(parent_prefix("a/b/"), "a/");
        assert_eq!(parent_prefix("a/"), "");
        assert_eq!(parent_prefix("top.txt"), "");
        let folder = S3Location::new("bucket", "in").unwrap().as_folder();
        assert_eq!(folder.key, "in/");
        assert!(!folder.is_object());
        assert_eq!(S3Location::new("bucket", "").unwrap().as_folder().key, "");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Parent and name put together give the key back (minus a folder's last `/`).
        #[test]
        fn parent_and_name_rebuild_the_key(key in "[a-z/. ]{0,24}") {
            let trimmed = key.trim_end_matches('/');
            let parent = parent_prefix(&key);
            prop_assert!(parent.is_empty() || parent.ends_with('/'));
            prop_assert!(key.starts_with(parent));
            if !trimmed.contains("//") && !trimmed.is_empty() {
                prop_assert_eq!(format!("{parent}{}", key_name(&key)), trimmed);
            }
        }
    }
}
