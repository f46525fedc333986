//! A byte range of a file as a stream of chunks for a request body, read on a blocking
//! thread a few chunks ahead of the sender: the next chunk is ready when the socket takes
//! the last one, and every byte is copied once on its way from the page cache to the
//! request (tokio's `File` copies each read a second time through its own buffer). Each
//! stream holds one blocking thread while it is sent.

use std::io::Read;

use bytes::Bytes;
use futures_util::Stream;

/// Chunk size: few enough hand-overs between threads for loopback speed, small enough for
/// smooth progress (hundreds of updates a second).
const CHUNK_BYTES: usize = 1024 * 1024;

/// Chunks read but not yet taken by the sender. Memory per stream: these, the one being
/// read and the one being sent, 4 MiB.
const CHUNKS_AHEAD: usize = 2;

/// The next `len` bytes of `file`, from where it is positioned. A read error ends the
/// stream with that error; a file shorter than `len` ends it early (the request's length
/// then refuses it). The reading thread stops when the stream is dropped. Call it inside a
/// tokio runtime.
pub(crate) fn read_ahead(
    file: std::fs::File,
    len: u64,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    let (chunks, received) = tokio::sync::mpsc::channel(CHUNKS_AHEAD);
    tokio::task::spawn_blocking(move || {
        let mut range = file.take(len);
        loop {
            let left = usize::try_from(range.limit()).unwrap_or(usize::MAX);
            if left == 0 {
                return;
            }
            let mut chunk = Vec::with_capacity(left.min(CHUNK_BYTES));
            let read = (&mut range)
                .take(CHUNK_BYTES as u64)
                .read_to_end(&mut chunk);
            let next = match read {
                Ok(0) => return,
                Ok(_) => Ok(Bytes::from(chunk)),
                Err(e) => Err(e),
            };
            let failed = next.is_err();
            // A send fails once the stream is dropped: nobody is left to read for.
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
    use futures_util::{StreamExt, TryStreamExt};
    use proptest::prelude::*;
    use std::io::{Seek, SeekFrom, Write};

    fn file_with(bytes: &[u8], offset: u64) -> std::fs::File {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        file.seek(SeekFrom::Start(offset)).unwrap();
        file
    }

    fn streamed(bytes: &[u8], offset: u64, len: u64) -> Vec<Bytes> {
        let file = file_with(bytes, offset);
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { read_ahead(file, len).try_collect().await })
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

    #[cfg(unix)]
    #[test]
    fn a_read_error_ends_the_stream_with_it() {
        // A directory opens but cannot be read.
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::open(dir.path()).unwrap();
        let outcome: std::io::Result<Vec<Bytes>> = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { read_ahead(file, 10).try_collect().await });
        assert!(outcome.is_err());
    }

    #[test]
    fn dropping_the_stream_stops_the_reading_thread() {
        let file = file_with(&vec![7; 16 * CHUNK_BYTES], 0);
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async {
                let mut stream = Box::pin(read_ahead(file, 16 * CHUNK_BYTES as u64));
                stream.next().await.unwrap().unwrap();
            });
            // Dropping a runtime waits for its blocking threads: this returns only once the
            // reader has stopped; one still waiting for room in the channel would hang here.
            drop(runtime);
            done.send(()).unwrap();
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the reading thread stopped");
    }
}
