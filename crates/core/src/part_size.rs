//! S3's limits on multipart part sizes, checked where options come in (CLI flags), so a
//! wrong size is refused in words before anything is sent.

use super::error::{Error, Result};
use super::upload::{MIB, MIN_PART_SIZE, UploadOptions};

/// S3's largest part (5 GiB).
pub const MAX_PART_SIZE: u64 = 5 * 1024 * MIB;

/// A part size S3 accepts: 5 MiB to 5 GiB.
pub fn check_part_size(bytes: u64) -> Result<u64> {
    if (MIN_PART_SIZE..=MAX_PART_SIZE).contains(&bytes) {
        return Ok(bytes);
    }
    let shown = if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        crate::tr!("input-part-size-bytes", count = bytes)
    };
    let reason = if bytes < MIN_PART_SIZE {
        crate::tr!("input-part-size-too-small", size = shown)
    } else {
        crate::tr!("input-part-size-too-large", size = shown)
    };
    Err(Error::invalid("part size", reason))
}

impl UploadOptions {
    /// Options from what a user gave, checked: `part_size` within S3's limits, `jobs` at
    /// least 1.
    pub fn checked(jobs: usize, part_size: u64, multipart_threshold: u64) -> Result<Self> {
        if jobs == 0 {
            return Err(Error::invalid("jobs", crate::tr!("input-jobs-zero")));
        }
        Ok(Self {
            jobs,
            part_size: check_part_size(part_size)?,
            multipart_threshold,
            ..Self::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_sizes_within_s3_limits() {
        assert_eq!(check_part_size(5 * MIB).unwrap(), 5 * MIB);
        assert_eq!(check_part_size(MAX_PART_SIZE).unwrap(), MAX_PART_SIZE);
        for bad in [0, 1, 5 * MIB - 1, MAX_PART_SIZE + 1, u64::MAX] {
            let err = check_part_size(bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "part size",
                        ..
                    }
                ),
                "{bad}"
            );
            assert!(err.to_string().contains("between 5 MiB and 5 GiB"));
        }
        assert!(
            check_part_size(MIB)
                .unwrap_err()
                .to_string()
                .contains("1 MiB is too small")
        );
        let options = UploadOptions::checked(2, 8 * MIB, 64 * MIB).unwrap();
        assert_eq!((options.jobs, options.part_size), (2, 8 * MIB));
        assert!(UploadOptions::checked(0, 8 * MIB, 64 * MIB).is_err());
    }
}
