//! A byte range of a file as a stream of chunks for a request body, read on a blocking
//! thread a few chunks ahead of the sender: the next chunk is ready when the socket takes
//! the last one, and every byte is copied once on its way from the page cache to the
//! request (tokio's `File` copies each read a second time through its own buffer).

use std::io::{Read, Seek, SeekFrom};

use bytes::Bytes;
use futures_util::Stream;

/// Chunk size: few enough hand-overs between threads for loopback speed, small enough for
/// smooth progress (hundreds of updates a second).
pub(crate) const CHUNK_BYTES: usize = 1024 * 1024;

/// Chunks read but not yet sent, per stream (memory: this many MiB, plus one being read).
const CHUNKS_AHEAD: usize = 2;

/// `len` bytes of `file` from `offset`. A read error ends the stream with that error; a
/// file shorter than the range ends it early (the request's length then refuses it). The
/// reading thread stops when the stream is dropped. Call it inside a tokio runtime.
pub(crate) fn read_ahead(
    mut file: std::fs::File,
    offset: u64,
    len: u64,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    let (chunks, received) = tokio::sync::mpsc::channel(CHUNKS_AHEAD);
    tokio::task::spawn_blocking(move || {
        if let Err(e) = file.seek(SeekFrom::Start(offset)) {
            // Nobody left to tell if the stream is gone already.
            let _ = chunks.blocking_send(Err(e));
            return;
        }
        let mut range = file.take(len);
        loop {
            let mut chunk = Vec::with_capacity(CHUNK_BYTES);
            let read = (&mut range)
                .take(CHUNK_BYTES as u64)
                .read_to_end(&mut chunk);
            let next = match read {
                Ok(0) => return,
                Ok(_) => Ok(Bytes::from(chunk)),
                Err(e) => Err(e),
            };
            let failed = next.is_err();
            if chunks.blocking_send(next).is_err() || failed {
                return;
            }
        }
    });
    futures_util::stream::unfold(received, |mut received| async move {
        received.recv().await.map(|chunk| (chunk, received))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;
    use proptest::prelude::*;

    fn streamed(bytes: &[u8], offset: u64, len: u64) -> Vec<Bytes> {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { read_ahead(file, offset, len).try_collect().await })
            .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn a_range_comes_out_whole_in_chunks_of_the_chunk_size(
            size in 0usize..3 * CHUNK_BYTES + 10,
            cut in 0.0f64..1.0,
            part in 0.0f64..1.0,
        ) {
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let offset = (size as f64 * cut) as usize;
            let len = ((size - offset) as f64 * part) as usize;
            let chunks = streamed(&bytes, offset as u64, len as u64);
            prop_assert_eq!(chunks.concat(), &bytes[offset..offset + len]);
            // Every chunk but the last is full: the server sees few, large writes.
            for chunk in chunks.iter().rev().skip(1) {
                prop_assert_eq!(chunk.len(), CHUNK_BYTES);
            }
        }
    }

    #[test]
    fn a_file_shorter_than_the_range_ends_the_stream_at_its_end() {
        let chunks = streamed(b"only this", 5, 100);
        assert_eq!(chunks.concat(), b"this");
    }

    #[test]
    fn a_read_error_ends_the_stream_with_it() {
        // A directory opens but cannot be read.
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::open(dir.path()).unwrap();
        let outcome: std::io::Result<Vec<Bytes>> = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { read_ahead(file, 0, 10).try_collect().await });
        assert!(outcome.is_err());
    }
}
