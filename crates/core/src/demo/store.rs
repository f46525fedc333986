//! Demo storage's S3 service: s3s-fs, with a CompleteMultipartUpload as cheap as S3's and
//! a listing that does not walk the bucket through tokio's thread pool (`listing.rs`).
//!
//! s3s-fs completes a multipart upload by reading every part again, hashing it with MD5 a
//! second time and copying it through a 64 KiB buffer: for 512 MiB, over a second on one
//! core after the last part has arrived, with the user's progress bar at 100 % — time S3
//! itself does not take. Here each part's MD5 (s3s-fs computes it anyway, for the part's
//! ETag) is kept when the part is stored; completing copies the parts in the kernel
//! (`std::io::copy` uses `copy_file_range`) and derives S3's ETag, the MD5 of the parts'
//! MD5s followed by `-N`, from them. A part whose MD5 was not kept (the server restarted
//! between the part and the end) is hashed while it is copied, as before.
//!
//! Every other operation is s3s-fs's own, and the files keep its layout so that an object reads
//! the same whichever path stored it (all in the storage folder; B and K are the bucket
//! and key in URL-safe base64): the upload's owner in `.upload-ID.json`, parts in
//! `.upload_id-ID.part-N`, attributes in `.bucket-B.object-K[.upload-ID].metadata.json`,
//! the ETag in `.bucket-B.object-K.internal.json`. Temporary files are named like s3s-fs's
//! (`.tmp.….internal.part`), so its start removes any that a crash left.
//!
//! Unlike s3s-fs, and like S3, a completion that fails (a part missing or too small, a
//! condition not met) changes nothing: the upload can still be completed or aborted.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine as _;
use md5::{Digest, Md5};
use path_absolutize::Absolutize;
use s3s::dto::{
    AbortMultipartUploadInput, AbortMultipartUploadOutput, CompleteMultipartUploadInput,
    CompleteMultipartUploadOutput, CompletedMultipartUpload, CopyObjectInput, CopyObjectOutput,
    CreateBucketInput, CreateBucketOutput, CreateMultipartUploadInput, CreateMultipartUploadOutput,
    DeleteBucketInput, DeleteBucketOutput, DeleteObjectInput, DeleteObjectOutput,
    DeleteObjectsInput, DeleteObjectsOutput, ETag, ETagCondition, GetBucketLocationInput,
    GetBucketLocationOutput, GetObjectInput, GetObjectOutput, HeadBucketInput, HeadBucketOutput,
    HeadObjectInput, HeadObjectOutput, ListBucketsInput, ListBucketsOutput, ListObjectsInput,
    ListObjectsOutput, ListObjectsV2Input, ListObjectsV2Output, ListPartsInput, ListPartsOutput,
    PutObjectInput, PutObjectOutput, UploadPartCopyInput, UploadPartCopyOutput, UploadPartInput,
    UploadPartOutput,
};
use s3s::{S3, S3Error, S3Request, S3Response, S3Result, s3_error};
use uuid::Uuid;

/// S3's smallest part, but for the last one.
const MIN_PART_SIZE: u64 = 5 * 1024 * 1024;

/// What was stored for one part, kept to complete its upload without reading it twice.
#[derive(Clone, Copy, Debug, PartialEq)]
struct StoredPart {
    md5: [u8; 16],
    len: u64,
}

/// One part's record, locked while the part is being written: two writes of the same part
/// can then never leave one's MD5 beside the other's bytes.
type PartSlot = Arc<tokio::sync::Mutex<Option<StoredPart>>>;

/// How many completions are remembered to answer a repeated CompleteMultipartUpload (a
/// client's retry after a timeout) with the same ETag, as S3 does.
const REMEMBERED_COMPLETIONS: usize = 256;

pub(super) struct DemoStore {
    files: s3s_fs::FileSystem,
    /// The storage folder (canonical, as s3s-fs resolves it).
    root: PathBuf,
    books: Arc<Books>,
}

/// What the store keeps in memory about uploads in progress and just completed; shared
/// with a completion's blocking work, which may outlive its request.
#[derive(Default)]
struct Books {
    parts: Mutex<HashMap<(Uuid, i32), PartSlot>>,
    /// One upload's turn, as S3 orders them: parts share it for as long as they are
    /// written, Complete and Abort take it alone. s3s-fs checks the upload id when a part
    /// *starts* and moves the part in when it ends: an abort in between (the user cancelled
    /// while a part was being written) would delete the upload's files, and the late part
    /// would land as a file nobody ever removes. So Abort and Complete wait for parts in
    /// flight, and a part after them finds the upload gone and is refused. A completion
    /// keeps the turn until its work on disk is over, even when its request was given up
    /// meanwhile (a client's timeout).
    uploads: Locks<Uuid, tokio::sync::RwLock<()>>,
    /// One lock per object: a PUT or copy holds it while it checks its conditions and
    /// writes, a completion while it checks its conditions again and puts its object in
    /// place. So `If-None-Match: *` means what it says when two uploads of one name meet.
    objects: Locks<PathBuf, tokio::sync::Mutex<()>>,
    completed: Mutex<Completions>,
}

/// Locks by name, made when first asked for and let go once nobody holds or waits for one.
struct Locks<K, L>(Mutex<HashMap<K, Arc<L>>>);

impl<K, L> Default for Locks<K, L> {
    fn default() -> Self {
        Self(Mutex::default())
    }
}

impl<K: Eq + std::hash::Hash + Clone, L: Default> Locks<K, L> {
    fn get(&self, name: &K) -> Arc<L> {
        locked(&self.0).entry(name.clone()).or_default().clone()
    }

    /// Call once the lock from [`get`](Self::get) is dropped.
    fn release(&self, name: &K) {
        let mut locks = locked(&self.0);
        if locks
            .get(name)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            locks.remove(name);
        }
    }
}

/// The latest completed uploads, oldest first out.
#[derive(Default)]
struct Completions {
    by_id: HashMap<Uuid, Completed>,
    order: VecDeque<Uuid>,
}

/// A completed upload, for a repeated request to complete it.
struct Completed {
    bucket: String,
    key: String,
    e_tag: String,
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every change under these locks is one call: a panic cannot leave one half-made.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Books {
    fn slot(&self, upload_id: Uuid, number: i32) -> PartSlot {
        locked(&self.parts)
            .entry((upload_id, number))
            .or_default()
            .clone()
    }

    /// What was kept of a part, if it was stored since the server started.
    async fn stored(&self, upload_id: Uuid, number: i32) -> Option<StoredPart> {
        let slot = locked(&self.parts).get(&(upload_id, number)).cloned()?;
        *slot.lock().await
    }

    fn forget_parts(&self, upload_id: Uuid) {
        locked(&self.parts).retain(|(id, _), _| *id != upload_id);
    }

    /// The ETag of this upload if it was completed already (for the same bucket and key).
    fn completed_before(&self, upload_id: Uuid, bucket: &str, key: &str) -> Option<String> {
        locked(&self.completed)
            .by_id
            .get(&upload_id)
            .filter(|done| done.bucket == bucket && done.key == key)
            .map(|done| done.e_tag.clone())
    }

    fn was_completed(&self, upload_id: Uuid) -> bool {
        locked(&self.completed).by_id.contains_key(&upload_id)
    }

    fn remember_completed(&self, upload_id: Uuid, done: Completed) {
        let mut completed = locked(&self.completed);
        if completed.order.len() >= REMEMBERED_COMPLETIONS
            && let Some(oldest) = completed.order.pop_front()
        {
            completed.by_id.remove(&oldest);
        }
        completed.order.push_back(upload_id);
        completed.by_id.insert(upload_id, done);
    }
}

impl DemoStore {
    pub(super) fn new(root: &Path) -> Result<Self, s3s_fs::Error> {
        Ok(Self {
            files: s3s_fs::FileSystem::new(root)?,
            root: root.to_owned(),
            books: Arc::default(),
        })
    }

    /// The record of a part just stored under the ETag s3s-fs gave it (its MD5, in hex).
    async fn stored_part(
        &self,
        upload_id: Uuid,
        number: i32,
        e_tag: Option<&ETag>,
    ) -> Option<StoredPart> {
        let md5 = <[u8; 16]>::try_from(hex::decode(e_tag?.value()).ok()?).ok()?;
        let len = tokio::fs::metadata(part_path(&self.root, upload_id, number))
            .await
            .ok()?
            .len();
        Some(StoredPart { md5, len })
    }

    /// Runs `store` (s3s-fs storing part `number`) in the upload's shared turn and with the
    /// part's record locked; keeps what was stored under the ETag `e_tag_of` finds.
    async fn in_part_turn<O>(
        &self,
        upload_id: Uuid,
        number: i32,
        store: impl Future<Output = S3Result<S3Response<O>>>,
        e_tag_of: impl Fn(&O) -> Option<&ETag>,
    ) -> S3Result<S3Response<O>> {
        let answer = {
            let lock = self.books.uploads.get(&upload_id);
            let _turn = lock.read().await;
            let slot = self.books.slot(upload_id, number);
            let mut record = slot.lock().await;
            *record = None;
            let answer = store.await;
            if let Ok(answer) = &answer {
                *record = self
                    .stored_part(upload_id, number, e_tag_of(&answer.output))
                    .await;
            }
            answer
        };
        self.books.uploads.release(&upload_id);
        answer
    }

    async fn store_part(
        &self,
        req: S3Request<UploadPartInput>,
    ) -> S3Result<S3Response<UploadPartOutput>> {
        check_key(&req.input.key)?;
        let Ok(upload_id) = Uuid::parse_str(&req.input.upload_id) else {
            return self.files.upload_part(req).await;
        };
        let number = req.input.part_number;
        self.in_part_turn(upload_id, number, self.files.upload_part(req), |out| {
            out.e_tag.as_ref()
        })
        .await
    }

    async fn store_copied_part(
        &self,
        req: S3Request<UploadPartCopyInput>,
    ) -> S3Result<S3Response<UploadPartCopyOutput>> {
        check_key(&req.input.key)?;
        check_copy_source(&req.input.copy_source)?;
        let Ok(upload_id) = Uuid::parse_str(&req.input.upload_id) else {
            return self.files.upload_part_copy(req).await;
        };
        let number = req.input.part_number;
        self.in_part_turn(upload_id, number, self.files.upload_part_copy(req), |out| {
            out.copy_part_result.as_ref()?.e_tag.as_ref()
        })
        .await
    }

    /// Runs `write` (s3s-fs storing the object at `bucket`/`key`) holding the object's lock.
    async fn in_object_turn<O>(
        &self,
        bucket: &str,
        key: &str,
        write: impl Future<Output = S3Result<S3Response<O>>>,
    ) -> S3Result<S3Response<O>> {
        check_key(key)?;
        let path = object_path(&self.root, bucket, key)?;
        let answer = {
            let lock = self.books.objects.get(&path);
            let _alone = lock.lock().await;
            write.await
        };
        self.books.objects.release(&path);
        answer
    }

    async fn list(&self, input: ListObjectsV2Input) -> S3Result<ListObjectsV2Output> {
        let bucket_root = object_path(&self.root, &input.bucket, "")?;
        tokio::task::spawn_blocking(move || super::listing::list_page(&bucket_root, input))
            .await
            .map_err(|e| s3_error!(InternalError, "{e}"))?
    }

    async fn abort(
        &self,
        req: S3Request<AbortMultipartUploadInput>,
    ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
        check_key(&req.input.key)?;
        let Ok(upload_id) = Uuid::parse_str(&req.input.upload_id) else {
            return self.files.abort_multipart_upload(req).await;
        };
        let answer = {
            let lock = self.books.uploads.get(&upload_id);
            let _alone = lock.write().await;
            // S3's answer for an upload that is over (s3s-fs says AccessDenied): a client
            // then knows there is nothing left to abort.
            let marker = upload_marker_path(&self.root, upload_id);
            if self.books.was_completed(upload_id)
                || !tokio::fs::try_exists(&marker).await.unwrap_or(true)
            {
                Err(s3_error!(NoSuchUpload))
            } else {
                self.files.abort_multipart_upload(req).await
            }
        };
        if answer.is_ok() {
            self.books.forget_parts(upload_id);
        }
        self.books.uploads.release(&upload_id);
        answer
    }

    async fn complete(
        &self,
        req: S3Request<CompleteMultipartUploadInput>,
    ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
        let owner = req.credentials.map(|c| c.access_key);
        let CompleteMultipartUploadInput {
            bucket,
            key,
            upload_id,
            multipart_upload,
            if_match,
            if_none_match,
            ..
        } = req.input;
        check_key(&key)?;
        let numbers = part_numbers(multipart_upload)?;
        let upload_id = Uuid::parse_str(&upload_id).map_err(|_| s3_error!(NoSuchUpload))?;
        let object_path = object_path(&self.root, &bucket, &key)?;
        let alone = self.books.uploads.get(&upload_id).write_owned().await;
        let e_tag = if let Some(e_tag) = self.books.completed_before(upload_id, &bucket, &key) {
            drop(alone);
            self.books.uploads.release(&upload_id);
            e_tag
        } else {
            let mut parts = Vec::with_capacity(numbers.len());
            for number in numbers {
                let stored = self.books.stored(upload_id, number).await;
                parts.push(PartToJoin { number, stored });
            }
            let completion = Completion {
                root: self.root.clone(),
                upload_id,
                object_path,
                bucket: bucket.clone(),
                key: key.clone(),
                owner,
                if_match,
                if_none_match,
                parts,
            };
            let books = Arc::clone(&self.books);
            // Everything that must follow the work on disk happens with it, under the
            // upload's lock: this request may be given up meanwhile (a client's timeout),
            // and its retry must then find the upload completed.
            tokio::task::spawn_blocking(move || {
                let object_lock = books.objects.get(&completion.object_path);
                let result = completion.run(&object_lock);
                drop(object_lock);
                books.objects.release(&completion.object_path);
                match &result {
                    Ok(e_tag) => {
                        books.forget_parts(upload_id);
                        books.remember_completed(
                            upload_id,
                            Completed {
                                bucket: completion.bucket.clone(),
                                key: completion.key.clone(),
                                e_tag: e_tag.clone(),
                            },
                        );
                    }
                    Err(e) if *e.code() == s3s::S3ErrorCode::NoSuchUpload => {
                        books.forget_parts(upload_id);
                    }
                    Err(_) => {}
                }
                drop(alone);
                books.uploads.release(&upload_id);
                result
            })
            .await
            .map_err(|e| s3_error!(InternalError, "{e}"))??
        };
        Ok(S3Response::new(CompleteMultipartUploadOutput {
            bucket: Some(bucket),
            key: Some(key),
            e_tag: Some(ETag::Strong(e_tag)),
            ..Default::default()
        }))
    }
}

/// The part numbers a completion lists, in S3's ascending order.
fn part_numbers(upload: Option<CompletedMultipartUpload>) -> S3Result<Vec<i32>> {
    let parts = upload.and_then(|u| u.parts).unwrap_or_default();
    if parts.is_empty() {
        return Err(s3_error!(InvalidPart, "You must specify at least one part"));
    }
    let numbers = parts
        .iter()
        .map(|part| {
            part.part_number
                .ok_or_else(|| s3_error!(InvalidRequest, "missing part number"))
        })
        .collect::<S3Result<Vec<i32>>>()?;
    if numbers.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(s3_error!(
            InvalidPartOrder,
            "The list of parts was not in ascending order"
        ));
    }
    Ok(numbers)
}

struct PartToJoin {
    number: i32,
    stored: Option<StoredPart>,
}

/// A completion's work on disk, all of it blocking file I/O (run off the server's tasks).
struct Completion {
    root: PathBuf,
    upload_id: Uuid,
    bucket: String,
    key: String,
    object_path: PathBuf,
    owner: Option<String>,
    if_match: Option<ETagCondition>,
    if_none_match: Option<ETagCondition>,
    parts: Vec<PartToJoin>,
}

impl Completion {
    /// Joins the parts into the object and ends the upload; answers the object's ETag.
    /// Nothing changes unless the object can be put in place: until then the upload can
    /// still be completed or aborted.
    fn run(&self, object_lock: &tokio::sync::Mutex<()>) -> S3Result<String> {
        self.check_owner()?;
        self.check_conditions()?;
        let (joined, e_tag) = self.join_parts()?;
        let mut e_tag_file = TempFile::create(&self.root)?;
        e_tag_file.write_all(serde_json::json!({ "e_tag": e_tag }).to_string().as_bytes())?;
        let info_path = internal_info_path(&self.root, &self.bucket, &self.key);
        if let Some(folder) = self.object_path.parent() {
            std::fs::create_dir_all(folder).map_err(internal)?;
        }
        {
            let _alone = object_lock.blocking_lock();
            // Again: another upload may have stored the key while the parts were joined.
            self.check_conditions()?;
            // The replaced object's ETag and checksums must not outlive it, whatever happens.
            remove_if_present(&info_path)?;
            joined.keep_as(&self.object_path)?;
            // The object is in place: what follows tidies up. It is told, not failed: the
            // client's upload has worked.
            tidy("its ETag", e_tag_file.keep_as(&info_path));
            tidy("its attributes", self.move_attributes());
        }
        tidy("its parts", self.remove_parts());
        // Last: an upload whose end was cut short can still be aborted.
        tidy(
            "the upload",
            remove_if_present(&upload_marker_path(&self.root, self.upload_id)),
        );
        Ok(e_tag)
    }

    /// The attributes given when the upload was created become the object's; the replaced
    /// object's go (S3 keeps nothing of an object a new one replaces).
    fn move_attributes(&self) -> S3Result<()> {
        let upload_attributes =
            metadata_path(&self.root, &self.bucket, &self.key, Some(self.upload_id));
        let object_attributes = metadata_path(&self.root, &self.bucket, &self.key, None);
        match std::fs::rename(&upload_attributes, &object_attributes) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => remove_if_present(&object_attributes),
            Err(e) => Err(internal(e)),
        }
    }

    fn check_owner(&self) -> S3Result<()> {
        let marker = upload_marker_path(&self.root, self.upload_id);
        let content = match std::fs::read(marker) {
            Ok(content) => content,
            Err(e) if e.kind() == ErrorKind::NotFound => return Err(s3_error!(NoSuchUpload)),
            Err(e) => return Err(internal(e)),
        };
        let owner: Option<String> =
            serde_json::from_slice(&content).map_err(|e| s3_error!(e, InternalError))?;
        if owner != self.owner {
            return Err(s3_error!(AccessDenied));
        }
        Ok(())
    }

    fn check_conditions(&self) -> S3Result<()> {
        let exists = self.object_path.is_file();
        if self
            .if_none_match
            .as_ref()
            .is_some_and(ETagCondition::is_any)
            && exists
        {
            return Err(s3_error!(PreconditionFailed, "Object already exists"));
        }
        let Some(condition) = &self.if_match else {
            return Ok(());
        };
        if !exists {
            return Err(s3_error!(PreconditionFailed, "Object does not exist"));
        }
        if let Some(expected) = condition.as_etag()
            && !expected.strong_cmp(&ETag::Strong(self.current_e_tag()?))
        {
            return Err(s3_error!(PreconditionFailed, "ETag does not match"));
        }
        Ok(())
    }

    /// The ETag of the object there now: as stored, else (plain uploads) its MD5.
    fn current_e_tag(&self) -> S3Result<String> {
        let stored = std::fs::read(internal_info_path(&self.root, &self.bucket, &self.key))
            .ok()
            .and_then(|content| serde_json::from_slice::<serde_json::Value>(&content).ok())
            .and_then(|info| info.get("e_tag")?.as_str().map(str::to_owned));
        if let Some(e_tag) = stored {
            return Ok(e_tag);
        }
        let mut object = File::open(&self.object_path).map_err(internal)?;
        let md5 = copy_hashing(&mut object, &mut std::io::sink()).map_err(internal)?;
        Ok(hex::encode(md5))
    }

    /// The parts, one after the other, in a temporary file; and S3's ETag for them.
    fn join_parts(&self) -> S3Result<(TempFile, String)> {
        let mut lengths = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let path = part_path(&self.root, self.upload_id, part.number);
            match std::fs::metadata(&path) {
                Ok(metadata) => lengths.push(metadata.len()),
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    return Err(s3_error!(
                        InvalidPart,
                        "Part {} was not uploaded",
                        part.number
                    ));
                }
                Err(e) => return Err(internal(e)),
            }
        }
        let last = self.parts.len() - 1;
        if let Some(index) = lengths[..last].iter().position(|len| *len < MIN_PART_SIZE) {
            return Err(s3_error!(
                EntityTooSmall,
                "Part {} is smaller than 5 MiB and not the last one",
                self.parts[index].number
            ));
        }
        let mut joined = TempFile::create(&self.root)?;
        let mut md5_of_md5s = Md5::new();
        // One part open at a time: an upload may have thousands.
        for (part, len) in self.parts.iter().zip(lengths) {
            let mut file =
                File::open(part_path(&self.root, self.upload_id, part.number)).map_err(internal)?;
            let md5 = match part.stored {
                Some(stored) if stored.len == len => {
                    let copied = copy_file(&mut file, joined.file()).map_err(internal)?;
                    if copied != len {
                        return Err(s3_error!(InternalError, "part {} changed", part.number));
                    }
                    stored.md5
                }
                _ => copy_hashing(&mut file, joined.file()).map_err(internal)?,
            };
            md5_of_md5s.update(md5);
        }
        let e_tag = format!(
            "{}-{}",
            hex::encode(md5_of_md5s.finalize()),
            self.parts.len()
        );
        Ok((joined, e_tag))
    }

    /// The upload's part files: the ones joined and any the completion did not list.
    fn remove_parts(&self) -> S3Result<()> {
        let prefix = format!(".upload_id-{}.part-", self.upload_id);
        for entry in std::fs::read_dir(&self.root).map_err(internal)? {
            let entry = entry.map_err(internal)?;
            if entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(&prefix))
            {
                remove_if_present(&entry.path())?;
            }
        }
        Ok(())
    }
}

/// A file being written in the storage folder, removed unless kept.
struct TempFile {
    path: PathBuf,
    file: File,
    kept: bool,
}

impl TempFile {
    fn create(root: &Path) -> S3Result<Self> {
        // s3s-fs removes `.tmp.*.internal.part` files when it starts.
        let path = root.join(format!(".tmp.s3share-{}.internal.part", Uuid::new_v4()));
        let file = File::create(&path).map_err(internal)?;
        Ok(Self {
            path,
            file,
            kept: false,
        })
    }

    fn file(&mut self) -> &mut File {
        &mut self.file
    }

    fn write_all(&mut self, bytes: &[u8]) -> S3Result<()> {
        self.file.write_all(bytes).map_err(internal)
    }

    /// Moves it to `path` in one step: readers see the old file or the new one, whole.
    fn keep_as(mut self, path: &Path) -> S3Result<()> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(internal)?;
        }
        std::fs::rename(&self.path, path).map_err(internal)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Copies a whole file: in the kernel on Linux (`copy_file_range`, which `std::io::copy`
/// uses between files), elsewhere through a large buffer (std's own is 8 KiB).
fn copy_file(from: &mut File, to: &mut File) -> std::io::Result<u64> {
    if cfg!(target_os = "linux") {
        return std::io::copy(from, to);
    }
    copy_through(from, to, |_| {})
}

/// Copies `from` to `to` through a 1 MiB buffer, showing each piece to `seen`.
fn copy_through(
    from: &mut File,
    to: &mut impl Write,
    mut seen: impl FnMut(&[u8]),
) -> std::io::Result<u64> {
    let mut buffer = vec![0; 1 << 20];
    let mut copied = 0;
    loop {
        let read = from.read(&mut buffer)?;
        if read == 0 {
            return Ok(copied);
        }
        seen(&buffer[..read]);
        to.write_all(&buffer[..read])?;
        copied += read as u64;
    }
}

/// A step after the object is in place that did not work: said in the log, not failed.
fn tidy(what: &str, result: S3Result<()>) {
    if let Err(e) = result {
        tracing::warn!(error = %e, "demo storage: an upload was completed, but removing or moving {what} failed");
    }
}

fn copy_hashing(from: &mut File, to: &mut impl Write) -> std::io::Result<[u8; 16]> {
    let mut md5 = Md5::new();
    copy_through(from, to, |piece| md5.update(piece))?;
    Ok(md5.finalize().into())
}

fn remove_if_present(path: &Path) -> S3Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(internal(e)),
        _ => Ok(()),
    }
}

fn internal(e: std::io::Error) -> S3Error {
    s3_error!(e, InternalError)
}

/// S3 takes any key; demo storage keeps one file per key in its bucket's folder, so a key
/// that would name a file elsewhere — a `.` or `..` between its slashes, or a key that
/// starts at the root (`/…`, and on Windows `C:\…`) — reaches another bucket or s3s-fs's
/// own records beside the buckets: it is refused, for every operation.
fn check_key(key: &str) -> S3Result<()> {
    let separators: &[char] = if cfg!(windows) { &['/', '\\'] } else { &['/'] };
    let leaves_its_bucket = key.starts_with(separators)
        || key
            .split(separators)
            .any(|part| part == "." || part == "..")
        || Path::new(key).components().any(|part| {
            matches!(
                part,
                std::path::Component::Prefix(_) | std::path::Component::RootDir
            )
        });
    if leaves_its_bucket {
        return Err(s3_error!(
            InvalidArgument,
            "Demo storage cannot keep a key that starts with a slash or has \".\" or \"..\" between slashes"
        ));
    }
    Ok(())
}

fn check_copy_source(source: &s3s::dto::CopySource) -> S3Result<()> {
    match source {
        s3s::dto::CopySource::Bucket { key, .. } => check_key(key),
        _ => Ok(()),
    }
}

/// s3s-fs's record of who started an upload: while it is there, the upload is open.
fn upload_marker_path(root: &Path, upload_id: Uuid) -> PathBuf {
    root.join(format!(".upload-{upload_id}.json"))
}

fn part_path(root: &Path, upload_id: Uuid, number: i32) -> PathBuf {
    root.join(format!(".upload_id-{upload_id}.part-{number}"))
}

/// Where s3s-fs keeps an object (with an empty key: the bucket's folder), never outside
/// the storage folder.
fn object_path(root: &Path, bucket: &str, key: &str) -> S3Result<PathBuf> {
    Path::new(bucket)
        .join(key)
        .absolutize_virtually(root)
        .map(|path| path.into_owned())
        .map_err(|e| s3_error!(e, InvalidArgument, "The key leads outside the bucket"))
}

fn metadata_path(root: &Path, bucket: &str, key: &str, upload_id: Option<Uuid>) -> PathBuf {
    let upload = upload_id
        .map(|id| format!(".upload-{id}"))
        .unwrap_or_default();
    root.join(format!(
        ".bucket-{}.object-{}{upload}.metadata.json",
        base64_name(bucket),
        base64_name(key)
    ))
}

fn internal_info_path(root: &Path, bucket: &str, key: &str) -> PathBuf {
    root.join(format!(
        ".bucket-{}.object-{}.internal.json",
        base64_name(bucket),
        base64_name(key)
    ))
}

fn base64_name(name: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(name)
}

/// `impl S3`: the operations listed first are s3s-fs's as they are; those listed `keyed`
/// are s3s-fs's once their key is known to stay in its bucket.
macro_rules! s3_over_files {
    (
        plain { $($operation:ident($input:ident) -> $output:ident;)* }
        keyed { $($keyed:ident($keyed_input:ident) -> $keyed_output:ident;)* }
    ) => {
        #[async_trait::async_trait]
        impl S3 for DemoStore {
            $(
                async fn $operation(
                    &self,
                    req: S3Request<$input>,
                ) -> S3Result<S3Response<$output>> {
                    self.files.$operation(req).await
                }
            )*

            $(
                async fn $keyed(
                    &self,
                    req: S3Request<$keyed_input>,
                ) -> S3Result<S3Response<$keyed_output>> {
                    check_key(&req.input.key)?;
                    self.files.$keyed(req).await
                }
            )*

            async fn copy_object(
                &self,
                req: S3Request<CopyObjectInput>,
            ) -> S3Result<S3Response<CopyObjectOutput>> {
                check_copy_source(&req.input.copy_source)?;
                let (bucket, key) = (req.input.bucket.clone(), req.input.key.clone());
                self.in_object_turn(&bucket, &key, self.files.copy_object(req)).await
            }

            async fn put_object(
                &self,
                req: S3Request<PutObjectInput>,
            ) -> S3Result<S3Response<PutObjectOutput>> {
                let (bucket, key) = (req.input.bucket.clone(), req.input.key.clone());
                self.in_object_turn(&bucket, &key, self.files.put_object(req)).await
            }

            async fn delete_objects(
                &self,
                req: S3Request<DeleteObjectsInput>,
            ) -> S3Result<S3Response<DeleteObjectsOutput>> {
                for object in &req.input.delete.objects {
                    check_key(&object.key)?;
                }
                self.files.delete_objects(req).await
            }

            async fn list_objects_v2(
                &self,
                req: S3Request<ListObjectsV2Input>,
            ) -> S3Result<S3Response<ListObjectsV2Output>> {
                self.list(req.input).await.map(S3Response::new)
            }

            async fn list_objects(
                &self,
                req: S3Request<ListObjectsInput>,
            ) -> S3Result<S3Response<ListObjectsOutput>> {
                // Version 1 is version 2 with `marker` for `start-after`, as in s3s-fs.
                let page = self.list(req.input.into()).await?;
                Ok(S3Response::new(ListObjectsOutput {
                    contents: page.contents,
                    common_prefixes: page.common_prefixes,
                    delimiter: page.delimiter,
                    encoding_type: page.encoding_type,
                    name: page.name,
                    prefix: page.prefix,
                    max_keys: page.max_keys,
                    is_truncated: page.is_truncated,
                    next_marker: page.next_continuation_token,
                    ..Default::default()
                }))
            }

            async fn upload_part(
                &self,
                req: S3Request<UploadPartInput>,
            ) -> S3Result<S3Response<UploadPartOutput>> {
                self.store_part(req).await
            }

            async fn upload_part_copy(
                &self,
                req: S3Request<UploadPartCopyInput>,
            ) -> S3Result<S3Response<UploadPartCopyOutput>> {
                self.store_copied_part(req).await
            }

            async fn complete_multipart_upload(
                &self,
                req: S3Request<CompleteMultipartUploadInput>,
            ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
                self.complete(req).await
            }

            async fn abort_multipart_upload(
                &self,
                req: S3Request<AbortMultipartUploadInput>,
            ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
                self.abort(req).await
            }
        }
    };
}

s3_over_files! {
    plain {
        create_bucket(CreateBucketInput) -> CreateBucketOutput;
        delete_bucket(DeleteBucketInput) -> DeleteBucketOutput;
        get_bucket_location(GetBucketLocationInput) -> GetBucketLocationOutput;
        head_bucket(HeadBucketInput) -> HeadBucketOutput;
        list_buckets(ListBucketsInput) -> ListBucketsOutput;
    }
    keyed {
        delete_object(DeleteObjectInput) -> DeleteObjectOutput;
        get_object(GetObjectInput) -> GetObjectOutput;
        head_object(HeadObjectInput) -> HeadObjectOutput;
        create_multipart_upload(CreateMultipartUploadInput) -> CreateMultipartUploadOutput;
        list_parts(ListPartsInput) -> ListPartsOutput;
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_s3::Client;
    use aws_sdk_s3::primitives::ByteStream;
    use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};

    use super::*;
    use crate::Session;
    use crate::demo::{DemoServer, DemoServerOptions};

    const BUCKET: &str = "parts";

    async fn start(root: &Path, keys: Option<(String, crate::credentials::Secret)>) -> DemoServer {
        DemoServer::start(DemoServerOptions {
            root: root.to_owned(),
            port: 0,
            keys,
        })
        .await
        .unwrap()
    }

    async fn client_of(server: &DemoServer) -> Client {
        let session = Session::connect(&server.connection("test")).await.unwrap();
        let client = session.default_client();
        let _ = client.create_bucket().bucket(BUCKET).send().await;
        client
    }

    /// A new server over an empty folder (kept while the folder is), and a client with its bucket.
    async fn fresh() -> (tempfile::TempDir, DemoServer, Client) {
        let dir = tempfile::tempdir().unwrap();
        let server = start(dir.path(), None).await;
        let client = client_of(&server).await;
        (dir, server, client)
    }

    /// Bytes unlike each other from part to part (a part that went missing or twice shows).
    fn bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    /// S3's ETag of a multipart object, worked out from its parts.
    fn multipart_e_tag(parts: &[&[u8]]) -> String {
        let mut md5_of_md5s = Md5::new();
        for part in parts {
            md5_of_md5s.update(Md5::digest(part));
        }
        format!("{}-{}", hex::encode(md5_of_md5s.finalize()), parts.len())
    }

    async fn create(client: &Client, key: &str, content_type: Option<&str>) -> String {
        client
            .create_multipart_upload()
            .bucket(BUCKET)
            .key(key)
            .set_content_type(content_type.map(str::to_owned))
            .send()
            .await
            .unwrap()
            .upload_id
            .unwrap()
    }

    async fn send_part(
        client: &Client,
        key: &str,
        upload_id: &str,
        number: i32,
        body: &[u8],
    ) -> CompletedPart {
        let sent = client
            .upload_part()
            .bucket(BUCKET)
            .key(key)
            .upload_id(upload_id)
            .part_number(number)
            .body(ByteStream::from(body.to_vec()))
            .send()
            .await
            .unwrap();
        CompletedPart::builder()
            .part_number(number)
            .e_tag(sent.e_tag.unwrap())
            .build()
    }

    async fn complete(
        client: &Client,
        key: &str,
        upload_id: &str,
        parts: Vec<CompletedPart>,
    ) -> Result<String, String> {
        client
            .complete_multipart_upload()
            .bucket(BUCKET)
            .key(key)
            .upload_id(upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .if_none_match("*")
            .send()
            .await
            .map(|done| done.e_tag.unwrap().trim_matches('"').to_owned())
            .map_err(|e| {
                let e = e.into_service_error();
                e.meta().code().unwrap_or("no code").to_owned()
            })
    }

    /// Starts a PUT of 2 KiB to `url` (with `headers`) and returns once s3s-fs is writing
    /// it (its temporary file is there), half sent; the second half goes through `more`.
    async fn send_slowly(
        url: String,
        headers: Vec<(&'static str, String)>,
        root: &Path,
    ) -> (
        tokio::task::JoinHandle<reqwest::Result<reqwest::Response>>,
        tokio::sync::mpsc::Sender<std::io::Result<bytes::Bytes>>,
    ) {
        let (more, body) = tokio::sync::mpsc::channel::<std::io::Result<bytes::Bytes>>(1);
        let body = futures_util::stream::unfold(body, |mut body| async move {
            body.recv().await.map(|piece| (piece, body))
        });
        let mut request = reqwest::Client::new()
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, 2048)
            .body(reqwest::Body::wrap_stream(body));
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let sending = tokio::spawn(request.send());
        more.send(Ok(bytes::Bytes::from(vec![1; 1024])))
            .await
            .unwrap();
        let writing = || {
            std::fs::read_dir(root)
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".tmp."))
        };
        for _ in 0..500 {
            if writing() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(writing(), "the upload is being written");
        (sending, more)
    }

    /// Aborts the upload; the service's error code if it refuses.
    async fn abort(client: &Client, key: &str, upload_id: &str) -> Result<(), String> {
        client
            .abort_multipart_upload()
            .bucket(BUCKET)
            .key(key)
            .upload_id(upload_id)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| {
                let e = e.into_service_error();
                e.meta().code().unwrap_or("no code").to_owned()
            })
    }

    async fn read_back(client: &Client, key: &str) -> (Vec<u8>, String) {
        let got = client
            .get_object()
            .bucket(BUCKET)
            .key(key)
            .send()
            .await
            .unwrap();
        let e_tag = got.e_tag.clone().unwrap().trim_matches('"').to_owned();
        (got.body.collect().await.unwrap().to_vec(), e_tag)
    }

    fn temporary_files(root: &Path) -> Vec<String> {
        std::fs::read_dir(root)
            .unwrap()
            .filter_map(|entry| entry.unwrap().file_name().into_string().ok())
            .filter(|name| name.starts_with(".tmp.") || name.contains(".part-"))
            .collect()
    }

    #[tokio::test]
    async fn completing_joins_the_parts_under_s3s_etag_and_leaves_no_part_behind() {
        let (_dir, server, client) = fresh().await;
        let (first, second, last) = (bytes(5 << 20, 1), bytes((5 << 20) + 3, 2), bytes(1000, 3));
        let upload_id = create(&client, "joined.bin", Some("image/png")).await;
        // Sent out of order, as parallel parts arrive.
        let p3 = send_part(&client, "joined.bin", &upload_id, 3, &last).await;
        let p1 = send_part(&client, "joined.bin", &upload_id, 1, &first).await;
        let p2 = send_part(&client, "joined.bin", &upload_id, 2, &second).await;
        let e_tag = complete(&client, "joined.bin", &upload_id, vec![p1, p2, p3])
            .await
            .unwrap();

        let expected = multipart_e_tag(&[&first, &second, &last]);
        assert_eq!(e_tag, expected);
        let (body, stored_e_tag) = read_back(&client, "joined.bin").await;
        assert!(
            body == [first, second, last].concat(),
            "the object is the parts in order"
        );
        assert_eq!(stored_e_tag, expected, "GET answers the completion's ETag");
        let head = client
            .head_object()
            .bucket(BUCKET)
            .key("joined.bin")
            .send()
            .await
            .unwrap();
        assert_eq!(
            head.content_type(),
            Some("image/png"),
            "the upload's attributes"
        );
        assert!(
            temporary_files(server.root()).is_empty(),
            "{:?}",
            temporary_files(server.root())
        );
        assert!(
            server.root().read_dir().unwrap().all(|e| {
                !e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".upload-")
            }),
            "the upload is over"
        );
    }

    #[tokio::test]
    async fn a_restart_between_the_parts_and_the_end_still_gives_the_right_etag() {
        let dir = tempfile::tempdir().unwrap();
        let server = start(dir.path(), None).await;
        let keys = (
            server.access_key_id().to_owned(),
            server.secret_access_key().clone(),
        );
        let client = client_of(&server).await;
        let (first, last) = (bytes(5 << 20, 7), bytes(10, 8));
        let upload_id = create(&client, "restarted.bin", None).await;
        let p1 = send_part(&client, "restarted.bin", &upload_id, 1, &first).await;
        let p2 = send_part(&client, "restarted.bin", &upload_id, 2, &last).await;
        drop(server);

        // The new server kept no MD5 of the parts: it hashes them while joining.
        let server = start(dir.path(), Some(keys)).await;
        let client = client_of(&server).await;
        let e_tag = complete(&client, "restarted.bin", &upload_id, vec![p1, p2])
            .await
            .unwrap();
        assert_eq!(e_tag, multipart_e_tag(&[&first, &last]));
        assert!(read_back(&client, "restarted.bin").await.0 == [first, last].concat());
    }

    #[tokio::test]
    async fn a_part_sent_again_counts_with_its_new_content() {
        let (_dir, _server, client) = fresh().await;
        let (old, new, last) = (bytes(5 << 20, 1), bytes(5 << 20, 9), bytes(5, 4));
        let upload_id = create(&client, "again.bin", None).await;
        send_part(&client, "again.bin", &upload_id, 1, &old).await;
        let p1 = send_part(&client, "again.bin", &upload_id, 1, &new).await;
        let p2 = send_part(&client, "again.bin", &upload_id, 2, &last).await;
        let e_tag = complete(&client, "again.bin", &upload_id, vec![p1, p2])
            .await
            .unwrap();
        assert_eq!(e_tag, multipart_e_tag(&[&new, &last]));
        assert!(read_back(&client, "again.bin").await.0 == [new, last].concat());
    }

    #[tokio::test]
    async fn a_completion_that_fails_changes_nothing_and_the_upload_can_still_end() {
        let (_dir, server, client) = fresh().await;
        let (small, big, last) = (bytes(1000, 1), bytes(5 << 20, 2), bytes(10, 3));
        let upload_id = create(&client, "kept.bin", None).await;
        let small_first = send_part(&client, "kept.bin", &upload_id, 1, &small).await;
        let p2 = send_part(&client, "kept.bin", &upload_id, 2, &last).await;

        let too_small = complete(
            &client,
            "kept.bin",
            &upload_id,
            vec![small_first, p2.clone()],
        )
        .await;
        assert_eq!(too_small, Err("EntityTooSmall".to_owned()));
        let missing = CompletedPart::builder()
            .part_number(5)
            .e_tag("\"00\"")
            .build();
        let not_sent = complete(&client, "kept.bin", &upload_id, vec![p2.clone(), missing]).await;
        assert_eq!(not_sent, Err("InvalidPart".to_owned()));
        let backwards = complete(
            &client,
            "kept.bin",
            &upload_id,
            vec![p2.clone(), p2.clone()],
        )
        .await;
        assert_eq!(backwards, Err("InvalidPartOrder".to_owned()));
        assert!(
            client
                .head_object()
                .bucket(BUCKET)
                .key("kept.bin")
                .send()
                .await
                .is_err(),
            "no object"
        );
        assert!(
            temporary_files(server.root())
                .iter()
                .all(|name| !name.starts_with(".tmp.")),
            "{:?}",
            temporary_files(server.root())
        );

        // The upload is still there: part 1 sent again, big enough, and it completes.
        let p1 = send_part(&client, "kept.bin", &upload_id, 1, &big).await;
        let e_tag = complete(&client, "kept.bin", &upload_id, vec![p1, p2])
            .await
            .unwrap();
        assert_eq!(e_tag, multipart_e_tag(&[&big, &last]));
    }

    /// An object stored by a plain PUT, with attributes of its own.
    async fn put_page(client: &Client, key: &str, body: &'static [u8]) {
        client
            .put_object()
            .bucket(BUCKET)
            .key(key)
            .content_type("text/html")
            .content_disposition("attachment")
            .body(ByteStream::from_static(body))
            .send()
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn an_object_already_there_is_kept_when_the_upload_asks_so() {
        let (_dir, server, client) = fresh().await;
        put_page(&client, "taken.txt", b"the user's own").await;
        let upload_id = create(&client, "taken.txt", None).await;
        let p1 = send_part(&client, "taken.txt", &upload_id, 1, b"new").await;
        assert_eq!(
            complete(&client, "taken.txt", &upload_id, vec![p1]).await,
            Err("PreconditionFailed".to_owned())
        );
        assert_eq!(read_back(&client, "taken.txt").await.0, b"the user's own");
        abort(&client, "taken.txt", &upload_id)
            .await
            .expect("the upload is still there to abort");
        assert!(temporary_files(server.root()).is_empty());
    }

    #[tokio::test]
    async fn completing_again_answers_the_same_etag_as_s3_does_for_a_retry() {
        let (_dir, _server, client) = fresh().await;
        let upload_id = create(&client, "twice.bin", None).await;
        let p1 = send_part(&client, "twice.bin", &upload_id, 1, b"once").await;
        let first = complete(&client, "twice.bin", &upload_id, vec![p1.clone()]).await;
        // A retry after a lost answer: If-None-Match must not fail on its own object.
        let again = complete(&client, "twice.bin", &upload_id, vec![p1]).await;
        assert_eq!(first, Ok(multipart_e_tag(&[b"once"])));
        assert_eq!(again, first);
        assert_eq!(
            abort(&client, "twice.bin", &upload_id).await,
            Err("NoSuchUpload".to_owned()),
            "completed: nothing to abort"
        );
    }

    #[tokio::test]
    async fn a_key_that_would_leave_its_bucket_is_refused_everywhere() {
        let (_dir, server, client) = fresh().await;
        client.create_bucket().bucket("other").send().await.unwrap();
        let put = |key: &str| {
            client
                .put_object()
                .bucket(BUCKET)
                .key(key)
                .body(ByteStream::from_static(b"x"))
                .send()
        };
        // s3s keeps a key's leading slash; s3s-fs then took it as a path from the root.
        let absolute = format!("{}/other/planted.txt", server.root().display());
        for key in [
            "../other/planted.txt",
            "a/../../other/planted.txt",
            "./x",
            "a/./b",
            &absolute,
        ] {
            let refused = put(key).await.expect_err(key).into_service_error();
            assert_eq!(refused.meta().code(), Some("InvalidArgument"), "{key}");
        }
        let multipart = client
            .create_multipart_upload()
            .bucket(BUCKET)
            .key("../other/planted.txt")
            .send()
            .await
            .expect_err("refused");
        assert_eq!(
            multipart.into_service_error().meta().code(),
            Some("InvalidArgument")
        );
        let delete = client
            .delete_objects()
            .bucket(BUCKET)
            .delete(
                aws_sdk_s3::types::Delete::builder()
                    .objects(
                        aws_sdk_s3::types::ObjectIdentifier::builder()
                            .key("../other/kept.txt")
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .expect_err("refused");
        assert_eq!(
            delete.into_service_error().meta().code(),
            Some("InvalidArgument")
        );
        assert!(!server.root().join("other/planted.txt").exists());
        assert!(!server.root().join("planted.txt").exists());
        // A dot in a name is fine.
        put("reports/.hidden/v1.2..final.txt").await.unwrap();
    }

    #[tokio::test]
    async fn an_abort_waits_for_the_part_being_written_and_leaves_no_file() {
        let (_dir, server, client) = fresh().await;
        let upload_id = create(&client, "slow.bin", None).await;
        let url = client
            .upload_part()
            .bucket(BUCKET)
            .key("slow.bin")
            .upload_id(&upload_id)
            .part_number(1)
            .presigned(
                aws_sdk_s3::presigning::PresigningConfig::expires_in(
                    std::time::Duration::from_secs(300),
                )
                .unwrap(),
            )
            .await
            .unwrap()
            .uri()
            .to_owned();
        let (part, more) = send_slowly(url, Vec::new(), server.root()).await;
        let root = server.root().to_owned();

        let abort_later = tokio::spawn({
            let client = client.clone();
            let upload_id = upload_id.clone();
            async move { abort(&client, "slow.bin", &upload_id).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(
            !abort_later.is_finished(),
            "the abort waits for the part in flight"
        );
        more.send(Ok(bytes::Bytes::from(vec![2; 1024])))
            .await
            .unwrap();
        drop(more);
        assert_eq!(part.await.unwrap().unwrap().status(), 200);
        abort_later.await.unwrap().expect("aborted after the part");
        assert!(
            temporary_files(&root).is_empty(),
            "{:?}",
            temporary_files(&root)
        );
        // The upload is over: a second abort hears so (S3's 404, not s3s-fs's 403).
        assert_eq!(
            abort(&client, "slow.bin", &upload_id).await,
            Err("NoSuchUpload".to_owned()),
            "nothing left to abort"
        );
    }

    #[tokio::test]
    async fn two_uploads_of_a_new_name_that_meet_keep_the_first() {
        let (_dir, server, client) = fresh().await;
        let presigning = aws_sdk_s3::presigning::PresigningConfig::expires_in(
            std::time::Duration::from_secs(300),
        )
        .unwrap();
        let url = client
            .put_object()
            .bucket(BUCKET)
            .key("contract.pdf")
            .if_none_match("*")
            .presigned(presigning)
            .await
            .unwrap()
            .uri()
            .to_owned();
        let headers = vec![("if-none-match", "*".to_owned())];
        let (first, more) = send_slowly(url, headers, server.root()).await;

        // The second upload of the name arrives while the first is being written.
        let second = tokio::spawn({
            let client = client.clone();
            async move {
                client
                    .put_object()
                    .bucket(BUCKET)
                    .key("contract.pdf")
                    .if_none_match("*")
                    .body(ByteStream::from_static(b"second"))
                    .send()
                    .await
            }
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        more.send(Ok(bytes::Bytes::from(vec![2; 1024])))
            .await
            .unwrap();
        drop(more);
        assert_eq!(first.await.unwrap().unwrap().status(), 200);
        let refused = second
            .await
            .unwrap()
            .expect_err("the name is taken by then");
        assert_eq!(
            refused.raw_response().map(|r| r.status().as_u16()),
            Some(412)
        );
        let (body, _) = read_back(&client, "contract.pdf").await;
        assert_eq!(
            body,
            [vec![1; 1024], vec![2; 1024]].concat(),
            "the first stays"
        );
    }

    #[tokio::test]
    async fn a_replaced_object_keeps_none_of_the_old_ones_attributes() {
        let (_dir, _server, client) = fresh().await;
        put_page(&client, "report.pdf", b"old").await;
        let upload_id = create(&client, "report.pdf", None).await;
        let p1 = send_part(&client, "report.pdf", &upload_id, 1, b"new").await;
        client
            .complete_multipart_upload()
            .bucket(BUCKET)
            .key("report.pdf")
            .upload_id(&upload_id)
            .multipart_upload(CompletedMultipartUpload::builder().parts(p1).build())
            .send()
            .await
            .unwrap();
        let head = client
            .head_object()
            .bucket(BUCKET)
            .key("report.pdf")
            .send()
            .await
            .unwrap();
        assert_ne!(head.content_type(), Some("text/html"));
        assert_eq!(head.content_disposition(), None);
        assert_eq!(
            head.e_tag().map(|e| e.trim_matches('"').to_owned()),
            Some(multipart_e_tag(&[b"new"]))
        );
    }
}
