//! Parts and the end of their multipart upload, in order, as S3 guarantees.
//!
//! s3s-fs checks the upload id when a part *starts* and moves the part in when it ends. An
//! abort that runs in between (the user cancelled while a part was still being written)
//! deletes the upload's files, and then the late part lands as a file nobody will ever
//! remove. Here every part holds a shared lock on its upload for its whole request, and
//! Abort and Complete hold it exclusively: they wait for parts in flight, and a part that
//! arrives after them finds the upload gone and is refused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock};

#[derive(Clone, Default)]
pub(super) struct UploadOrder {
    uploads: Arc<Mutex<HashMap<String, Arc<RwLock<()>>>>>,
}

/// Held for the whole request; dropping it lets the next one on the same upload go.
pub(super) enum UploadTurn {
    Part {
        _guard: OwnedRwLockReadGuard<()>,
    },
    End {
        _guard: OwnedRwLockWriteGuard<()>,
        order: UploadOrder,
        upload_id: String,
    },
}

impl Drop for UploadTurn {
    fn drop(&mut self) {
        if let Self::End {
            order, upload_id, ..
        } = self
        {
            // The upload is over: its lock need not be kept (a late part makes a new one
            // and is refused by the server, the id being gone). Unless a request still waits
            // on it (this end failed, the upload lives on): the map and this guard are the
            // only holders otherwise.
            let mut uploads = order.lock_map();
            if uploads
                .get(upload_id.as_str())
                .is_some_and(|lock| Arc::strong_count(lock) <= 2)
            {
                uploads.remove(upload_id.as_str());
            }
        }
    }
}

impl UploadOrder {
    /// Waits for this request's turn on its multipart upload, if it belongs to one.
    pub(super) async fn turn(
        &self,
        method: &http::Method,
        query: Option<&str>,
    ) -> Option<UploadTurn> {
        let upload_id = upload_id(query?)?;
        let lock = self
            .lock_map()
            .entry(upload_id.clone())
            .or_default()
            .clone();
        match *method {
            http::Method::PUT => Some(UploadTurn::Part {
                _guard: lock.read_owned().await,
            }),
            http::Method::DELETE | http::Method::POST => Some(UploadTurn::End {
                _guard: lock.write_owned().await,
                order: self.clone(),
                upload_id,
            }),
            _ => None,
        }
    }

    fn lock_map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<RwLock<()>>>> {
        // A panic elsewhere cannot leave the map half-changed: every change is one call.
        self.uploads
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn upload_id(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "uploadId")
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn an_abort_waits_for_the_part_in_flight() {
        let order = UploadOrder::default();
        let part = order
            .turn(&http::Method::PUT, Some("partNumber=2&uploadId=u1"))
            .await
            .unwrap();
        let abort = order.turn(&http::Method::DELETE, Some("uploadId=u1"));
        tokio::pin!(abort);
        assert!(
            tokio::time::timeout(Duration::from_millis(50), &mut abort)
                .await
                .is_err(),
            "the abort must wait while a part is being written"
        );
        drop(part);
        let abort = abort.await.unwrap();
        drop(abort);
        assert!(
            order.lock_map().is_empty(),
            "a finished upload keeps no lock"
        );
    }

    #[tokio::test]
    async fn an_end_that_failed_keeps_the_lock_a_part_waits_on() {
        let order = UploadOrder::default();
        let complete = order
            .turn(&http::Method::POST, Some("uploadId=u1"))
            .await
            .unwrap();
        let part = order.turn(&http::Method::PUT, Some("partNumber=1&uploadId=u1"));
        tokio::pin!(part);
        assert!(
            tokio::time::timeout(Duration::from_millis(20), &mut part)
                .await
                .is_err()
        );
        drop(complete);
        let part = part.await.unwrap();
        // The part holds the lock: an abort arriving now waits for it, on the same lock.
        let abort = order.turn(&http::Method::DELETE, Some("uploadId=u1"));
        tokio::pin!(abort);
        assert!(
            tokio::time::timeout(Duration::from_millis(50), &mut abort)
                .await
                .is_err(),
            "the abort must wait for the part that waited on the failed completion"
        );
        drop(part);
        drop(abort.await.unwrap());
        assert!(order.lock_map().is_empty());
    }

    #[tokio::test]
    async fn parts_of_one_upload_and_other_requests_do_not_wait() {
        let order = UploadOrder::default();
        let first = order
            .turn(&http::Method::PUT, Some("partNumber=1&uploadId=u1"))
            .await;
        let second = order
            .turn(&http::Method::PUT, Some("partNumber=2&uploadId=u1"))
            .await;
        assert!(first.is_some() && second.is_some());
        assert!(
            order
                .turn(&http::Method::GET, Some("list-type=2"))
                .await
                .is_none()
        );
        assert!(order.turn(&http::Method::PUT, None).await.is_none());
    }
}
