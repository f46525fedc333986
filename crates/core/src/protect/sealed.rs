//! The password-protected file format ("sealed"), written here and read by the decrypting
//! page's script (`page.js`) with WebCrypto.
//!
//! ```text
//! header   "S3SHPROT" · version 1 · PBKDF2 iterations (u32 BE) · salt (16 B)
//!          · nonce prefix (7 B) · chunk size (u32 BE)                         40 bytes, plain
//! check    AES-GCM tag of nothing, nonce (prefix, 0, CHECK)                  16 bytes
//! label    AES-GCM of 1024 bytes: name length (u16 BE) · name · type length
//!          (u16 BE) · content type · zeros; nonce (prefix, 0, MORE)           1040 bytes
//! data     chunks of `chunk size` plaintext bytes + 16-byte tag, the last one 0..=chunk
//!          size bytes; nonce (prefix, n, MORE) for chunk n = 1, 2, …, and (prefix, n, LAST)
//!          for the last one
//! ```
//!
//! The key is PBKDF2-HMAC-SHA256 (600 000 iterations) of the password in Unicode NFC,
//! salted; AES-256-GCM with the whole header as associated data of every piece. A nonce
//! is the 7-byte random prefix, the piece's counter (u32 BE) and a flag byte, so pieces
//! cannot be reordered, dropped or duplicated (the counter) and the file cannot be cut
//! at a chunk boundary (only the last chunk carries LAST). The check tag tells a wrong
//! password (or a changed header) from a changed file. The name and content type are
//! inside the label, padded to a fixed size: without the password only the size shows.

use std::io::{self, Read, Write};

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
use unicode_normalization::UnicodeNormalization;

use crate::credentials::Secret;
use crate::error::{Error, Result};

pub const MAGIC: &[u8; 8] = b"S3SHPROT";
pub const VERSION: u8 = 1;
/// PBKDF2-HMAC-SHA256 iterations for new files (OWASP's 2023 advice for SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// Files asking for more are refused: a changed header must not freeze the reader.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Plaintext bytes per chunk in new files.
pub const CHUNK_SIZE: u32 = 1 << 20;
pub const MAX_CHUNK_SIZE: u32 = 16 << 20;
pub const SALT_LEN: usize = 16;
pub const PREFIX_LEN: usize = 7;
pub const TAG_LEN: usize = 16;
pub const HEADER_LEN: usize = MAGIC.len() + 1 + 4 + SALT_LEN + PREFIX_LEN + 4;
/// The label's plaintext size: every name and type take the same room.
pub const LABEL_LEN: usize = 1024;
/// Bytes before the first data chunk.
pub const PREAMBLE_LEN: usize = HEADER_LEN + TAG_LEN + LABEL_LEN + TAG_LEN;

const FLAG_MORE: u8 = 0;
const FLAG_LAST: u8 = 1;
const FLAG_CHECK: u8 = 2;

/// What the file is called and what it is, sealed with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub content_type: String,
}

impl Label {
    /// The padded plaintext, or a refusal when name and type do not fit.
    fn encode(&self) -> Result<Vec<u8>> {
        let (name, kind) = (self.name.as_bytes(), self.content_type.as_bytes());
        if name.is_empty() {
            return Err(Error::invalid(
                "file name",
                crate::tr!("input-protect-no-name"),
            ));
        }
        if 2 + name.len() + 2 + kind.len() > LABEL_LEN {
            return Err(Error::invalid(
                "file name",
                crate::tr!("input-protect-name-too-long"),
            ));
        }
        let mut out = Vec::with_capacity(LABEL_LEN + TAG_LEN);
        for part in [name, kind] {
            out.extend_from_slice(&u16::try_from(part.len()).unwrap_or(u16::MAX).to_be_bytes());
            out.extend_from_slice(part);
        }
        out.resize(LABEL_LEN, 0);
        Ok(out)
    }

    fn decode(plain: &[u8]) -> Option<Self> {
        let (name, rest) = take_field(plain)?;
        let (kind, _) = take_field(rest)?;
        Some(Self {
            name: String::from_utf8(name.to_vec()).ok()?,
            content_type: String::from_utf8(kind.to_vec()).ok()?,
        })
    }
}

fn take_field(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = usize::from(u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]));
    let rest = bytes.get(2..)?;
    (rest.len() >= len).then(|| rest.split_at(len))
}

/// The plain part at the start of a sealed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub nonce_prefix: [u8; PREFIX_LEN],
    pub chunk_size: u32,
}

impl Header {
    /// A header for a new file: fresh random salt and nonce prefix.
    pub fn new_random() -> Self {
        Self {
            iterations: ITERATIONS,
            salt: rand::random(),
            nonce_prefix: rand::random(),
            chunk_size: CHUNK_SIZE,
        }
    }

    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        let mut at = 0;
        for part in [
            &MAGIC[..],
            &[VERSION],
            &self.iterations.to_be_bytes(),
            &self.salt,
            &self.nonce_prefix,
            &self.chunk_size.to_be_bytes(),
        ] {
            out[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        out
    }

    /// Reads and checks the header; `None` when this is no sealed file s3share can open.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let bytes = bytes.get(..HEADER_LEN)?;
        let (magic, rest) = bytes.split_at(MAGIC.len());
        let (version, rest) = rest.split_at(1);
        let (iterations, rest) = rest.split_at(4);
        let (salt, rest) = rest.split_at(SALT_LEN);
        let (nonce_prefix, chunk_size) = rest.split_at(PREFIX_LEN);
        let header = Self {
            iterations: u32::from_be_bytes(iterations.try_into().ok()?),
            salt: salt.try_into().ok()?,
            nonce_prefix: nonce_prefix.try_into().ok()?,
            chunk_size: u32::from_be_bytes(chunk_size.try_into().ok()?),
        };
        let sane = magic == MAGIC
            && version == [VERSION]
            && (1..=MAX_ITERATIONS).contains(&header.iterations)
            && (1..=MAX_CHUNK_SIZE).contains(&header.chunk_size);
        sane.then_some(header)
    }

    fn nonce(&self, counter: u32, flag: u8) -> Nonce<Aes256Gcm> {
        let mut nonce = [0u8; 12];
        nonce[..PREFIX_LEN].copy_from_slice(&self.nonce_prefix);
        nonce[PREFIX_LEN..PREFIX_LEN + 4].copy_from_slice(&counter.to_be_bytes());
        nonce[11] = flag;
        nonce.into()
    }

    fn chunk(&self) -> usize {
        usize::try_from(self.chunk_size).unwrap_or(usize::MAX)
    }
}

/// The size of the sealed file for `plain_len` bytes of content in chunks of `chunk_size`.
pub fn sealed_len(plain_len: u64, chunk_size: u32) -> u64 {
    let chunks = plain_len.div_ceil(u64::from(chunk_size)).max(1);
    PREAMBLE_LEN as u64 + plain_len + chunks * TAG_LEN as u64
}

/// The checks a password gets before anything is encrypted with it.
pub fn check_password(password: &Secret) -> Result<()> {
    if password.expose().chars().count() < 8 {
        return Err(Error::invalid(
            "password",
            crate::tr!("input-password-too-short"),
        ));
    }
    Ok(())
}

/// A header and the key derived for it: seals a file, or opens one.
pub struct SealKey {
    header: Header,
    header_bytes: [u8; HEADER_LEN],
    cipher: Aes256Gcm,
}

/// Why sealing stopped.
#[derive(Debug)]
pub enum SealError {
    /// The name or type cannot be sealed (empty, too long).
    Label(Error),
    Read(io::Error),
    Write(io::Error),
    /// The content went past the size limit (it grew while being read, or was too big).
    TooBig,
}

impl SealKey {
    /// Derives the key (PBKDF2: about a second; call it off async workers).
    pub fn derive(password: &Secret, header: Header) -> Self {
        let password: String = password.expose().nfc().collect();
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<pbkdf2::sha2::Sha256>(
            password.as_bytes(),
            &header.salt,
            header.iterations,
            &mut key,
        );
        let cipher = Aes256Gcm::new(&key.into());
        Self {
            header_bytes: header.to_bytes(),
            header,
            cipher,
        }
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    fn seal_piece(&self, counter: u32, flag: u8, piece: &mut [u8]) -> Tag<Aes256Gcm> {
        self.cipher
            .encrypt_inout_detached(
                &self.header.nonce(counter, flag),
                &self.header_bytes,
                piece.into(),
            )
            .expect("a chunk is far below AES-GCM's length limit")
    }

    fn open_piece(&self, counter: u32, flag: u8, sealed: &[u8]) -> Option<Vec<u8>> {
        let (body, tag) = sealed.split_at_checked(sealed.len().checked_sub(TAG_LEN)?)?;
        let tag = Tag::<Aes256Gcm>::try_from(tag).ok()?;
        let mut plain = body.to_vec();
        self.cipher
            .decrypt_inout_detached(
                &self.header.nonce(counter, flag),
                &self.header_bytes,
                plain.as_mut_slice().into(),
                &tag,
            )
            .ok()?;
        Some(plain)
    }

    /// Writes the sealed form of `label` and everything `content` holds into `out`,
    /// reading and encrypting one chunk at a time; refuses content past `limit` bytes.
    /// `progress` hears the plaintext bytes sealed so far. Returns the content's size.
    pub fn seal(
        &self,
        label: &Label,
        mut content: impl Read,
        mut out: impl Write,
        limit: u64,
        mut progress: impl FnMut(u64),
    ) -> std::result::Result<u64, SealError> {
        let mut label_bytes = label.encode().map_err(SealError::Label)?;
        out.write_all(&self.header_bytes)
            .map_err(SealError::Write)?;
        let check = self.seal_piece(0, FLAG_CHECK, &mut []);
        out.write_all(&check).map_err(SealError::Write)?;
        let tag = self.seal_piece(0, FLAG_MORE, &mut label_bytes);
        out.write_all(&label_bytes).map_err(SealError::Write)?;
        out.write_all(&tag).map_err(SealError::Write)?;

        let chunk = self.header.chunk();
        let mut current = vec![0u8; chunk];
        let mut next = vec![0u8; chunk];
        let mut current_len = read_full(&mut content, &mut current).map_err(SealError::Read)?;
        let mut total = current_len as u64;
        let mut counter: u32 = 1;
        loop {
            if total > limit {
                return Err(SealError::TooBig);
            }
            // A full chunk may be the last one: only the next read can tell.
            let next_len = if current_len == chunk {
                read_full(&mut content, &mut next).map_err(SealError::Read)?
            } else {
                0
            };
            let last = next_len == 0;
            let piece = &mut current[..current_len];
            let tag = self.seal_piece(counter, if last { FLAG_LAST } else { FLAG_MORE }, piece);
            out.write_all(piece).map_err(SealError::Write)?;
            out.write_all(&tag).map_err(SealError::Write)?;
            progress(total);
            if last {
                break;
            }
            std::mem::swap(&mut current, &mut next);
            current_len = next_len;
            total += next_len as u64;
            counter = counter.checked_add(1).ok_or(SealError::TooBig)?;
        }
        out.flush().map_err(SealError::Write)?;
        Ok(total)
    }

    /// Opens a whole sealed file held in memory (what the page does in the browser).
    pub fn open(&self, sealed: &[u8]) -> Result<Opened> {
        if sealed.get(..HEADER_LEN) != Some(&self.header_bytes[..]) {
            return Err(Error::ProtectedFileDamaged);
        }
        let check = sealed
            .get(HEADER_LEN..HEADER_LEN + TAG_LEN)
            .ok_or(Error::ProtectedFileDamaged)?;
        self.open_piece(0, FLAG_CHECK, check)
            .ok_or(Error::WrongPassword)?;
        let label = sealed
            .get(HEADER_LEN + TAG_LEN..PREAMBLE_LEN)
            .and_then(|piece| self.open_piece(0, FLAG_MORE, piece))
            .and_then(|plain| Label::decode(&plain))
            .ok_or(Error::ProtectedFileDamaged)?;

        let step = self.header.chunk() + TAG_LEN;
        let mut rest = &sealed[PREAMBLE_LEN..];
        let mut content = Vec::with_capacity(rest.len());
        let mut counter: u32 = 1;
        loop {
            let last = rest.len() <= step;
            let (piece, after) = rest.split_at(if last { rest.len() } else { step });
            let flag = if last { FLAG_LAST } else { FLAG_MORE };
            let plain = self
                .open_piece(counter, flag, piece)
                .ok_or(Error::ProtectedFileDamaged)?;
            content.extend_from_slice(&plain);
            if last {
                break;
            }
            rest = after;
            counter = counter.checked_add(1).ok_or(Error::ProtectedFileDamaged)?;
        }
        Ok(Opened { label, content })
    }
}

/// A sealed file, opened.
#[derive(Debug, PartialEq, Eq)]
pub struct Opened {
    pub label: Label,
    pub content: Vec<u8>,
}

/// Opens a sealed file with its password: [`Error::WrongPassword`] when the password (or
/// the header) is not the one it was sealed with, [`Error::ProtectedFileDamaged`] when
/// anything after the header was changed, cut or reordered.
pub fn open(password: &Secret, sealed: &[u8]) -> Result<Opened> {
    let header = Header::parse(sealed).ok_or(Error::ProtectedFileDamaged)?;
    SealKey::derive(password, header).open(sealed)
}

/// Fills `buf` unless the reader ends first; returns how much was read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;

    const PASSWORD: &str = "correct horse battery staple";

    /// One real (600 000-iteration) key for every case, with a chunk size small enough
    /// that a few hundred bytes make many chunks.
    fn key(chunk_size: u32) -> SealKey {
        static BASE: OnceLock<(Header, [u8; 32])> = OnceLock::new();
        let (header, raw) = BASE.get_or_init(|| {
            let header = Header::new_random();
            let mut raw = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<pbkdf2::sha2::Sha256>(
                PASSWORD.as_bytes(),
                &header.salt,
                header.iterations,
                &mut raw,
            );
            (header, raw)
        });
        let header = Header {
            chunk_size,
            ..header.clone()
        };
        SealKey {
            header_bytes: header.to_bytes(),
            header,
            cipher: Aes256Gcm::new(&(*raw).into()),
        }
    }

    fn label() -> Label {
        Label {
            name: "Relevé «été» 2026.pdf".to_owned(),
            content_type: "application/pdf".to_owned(),
        }
    }

    fn seal(key: &SealKey, content: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        key.seal(&label(), content, &mut out, u64::MAX, |_| {})
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        out
    }

    /// Byte ranges of the data chunks in a sealed file.
    fn chunks(sealed: &[u8], chunk_size: u32) -> Vec<std::ops::Range<usize>> {
        let step = chunk_size as usize + TAG_LEN;
        let mut out = Vec::new();
        let mut at = PREAMBLE_LEN;
        loop {
            let end = (at + step).min(sealed.len());
            let last = sealed.len() - at <= step;
            out.push(at..if last { sealed.len() } else { end });
            if last {
                return out;
            }
            at = end;
        }
    }

    #[test]
    fn the_real_derivation_opens_and_a_wrong_password_is_told() {
        let password = Secret::new("Pässwörd 2026");
        let key = SealKey::derive(&password, Header::new_random());
        let sealed = seal(&key, b"secret contract");
        let opened = open(&password, &sealed).unwrap();
        assert_eq!(opened.content, b"secret contract");
        assert_eq!(opened.label, label());
        let wrong = open(&Secret::new("Passwörd 2026"), &sealed).unwrap_err();
        assert!(matches!(wrong, Error::WrongPassword), "{wrong:?}");
    }

    #[test]
    fn passwords_are_compared_in_one_unicode_form() {
        // "é" typed as one character, or as "e" and a combining accent.
        let key = SealKey::derive(&Secret::new("caf\u{e9} au lait"), Header::new_random());
        let sealed = seal(&key, b"x");
        assert!(open(&Secret::new("cafe\u{301} au lait"), &sealed).is_ok());
    }

    #[test]
    fn sizes_are_predicted_and_reveal_nothing_of_the_name() {
        for len in [0usize, 1, 63, 64, 65, 640] {
            let sealed = seal(&key(64), &vec![7u8; len]);
            assert_eq!(sealed.len() as u64, sealed_len(len as u64, 64), "{len}");
        }
        let key = key(64);
        let mut short = Vec::new();
        let mut long = Vec::new();
        let named = |name: &str| Label {
            name: name.to_owned(),
            content_type: "text/plain".to_owned(),
        };
        key.seal(&named("a"), &b"x"[..], &mut short, u64::MAX, |_| {})
            .unwrap();
        key.seal(
            &named(&"b".repeat(200)),
            &b"x"[..],
            &mut long,
            u64::MAX,
            |_| {},
        )
        .unwrap();
        assert_eq!(short.len(), long.len());
        let haystack = String::from_utf8_lossy(&long);
        assert!(!haystack.contains("bbbb") && !haystack.contains("text/plain"));
    }

    #[test]
    fn content_past_the_limit_is_refused() {
        let mut out = Vec::new();
        let err = key(64).seal(&label(), &[1u8; 200][..], &mut out, 199, |_| {});
        assert!(matches!(err, Err(SealError::TooBig)));
        let mut out = Vec::new();
        assert_eq!(
            key(64)
                .seal(&label(), &[1u8; 200][..], &mut out, 200, |_| {})
                .unwrap(),
            200
        );
    }

    #[test]
    fn names_too_long_and_short_passwords_are_refused() {
        let long = Label {
            name: "n".repeat(1100),
            content_type: "text/plain".to_owned(),
        };
        assert!(
            key(64)
                .seal(&long, &b""[..], Vec::new(), u64::MAX, |_| {})
                .is_err()
        );
        assert!(check_password(&Secret::new("seven77")).is_err());
        assert!(check_password(&Secret::new("éight888")).is_ok());
    }

    #[test]
    fn a_changed_header_is_refused_before_any_key_is_made() {
        let sealed = seal(&key(64), b"abc");
        for (at, value) in [(0, b'X'), (8, 2), (9, 0xFF), (HEADER_LEN - 1, 0)] {
            let mut bad = sealed.clone();
            bad[at] = value;
            assert!(Header::parse(&bad).is_none(), "byte {at}");
        }
        assert!(Header::parse(&sealed[..HEADER_LEN - 1]).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn sealed_content_opens_as_it_was(
            content in proptest::collection::vec(any::<u8>(), 0..700),
            chunk_size in 1u32..100,
            name in "[^\u{0}]{1,60}",
            content_type in "[a-z]{1,10}/[a-z0-9.+-]{1,20}",
        ) {
            let key = key(chunk_size);
            let label = Label { name, content_type };
            let mut sealed = Vec::new();
            let size = key.seal(&label, &content[..], &mut sealed, u64::MAX, |_| {}).unwrap();
            prop_assert_eq!(size, content.len() as u64);
            prop_assert_eq!(sealed.len() as u64, sealed_len(size, chunk_size));
            let opened = key.open(&sealed).unwrap();
            prop_assert_eq!(opened.content, content);
            prop_assert_eq!(opened.label, label);
        }

        #[test]
        fn any_changed_byte_is_refused(
            content in proptest::collection::vec(any::<u8>(), 0..300),
            chunk_size in 1u32..64,
            at in any::<proptest::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let key = key(chunk_size);
            let mut sealed = seal(&key, &content);
            let at = at.index(sealed.len());
            sealed[at] ^= flip;
            let err = key.open(&sealed).unwrap_err();
            if at < HEADER_LEN + TAG_LEN {
                // The header and the check tag: indistinguishable from a wrong password.
                prop_assert!(matches!(err, Error::WrongPassword | Error::ProtectedFileDamaged));
            } else {
                prop_assert!(matches!(err, Error::ProtectedFileDamaged), "{:?}", err);
            }
        }

        #[test]
        fn a_cut_or_lengthened_file_is_refused(
            content in proptest::collection::vec(any::<u8>(), 0..300),
            chunk_size in 1u32..64,
            cut in any::<proptest::sample::Index>(),
            extra in proptest::collection::vec(any::<u8>(), 1..80),
        ) {
            let key = key(chunk_size);
            let sealed = seal(&key, &content);
            let cut = cut.index(sealed.len());
            prop_assert!(key.open(&sealed[..cut]).is_err());
            let mut longer = sealed.clone();
            longer.extend_from_slice(&extra);
            prop_assert!(key.open(&longer).is_err());
        }

        #[test]
        fn reordered_dropped_or_repeated_chunks_are_refused(
            content in proptest::collection::vec(any::<u8>(), 2..400),
            chunk_size in 1u32..32,
            pick in any::<(proptest::sample::Index, proptest::sample::Index)>(),
        ) {
            let key = key(chunk_size);
            let sealed = seal(&key, &content);
            let ranges = chunks(&sealed, chunk_size);
            prop_assume!(ranges.len() >= 2);
            let (a, b) = (pick.0.index(ranges.len()), pick.1.index(ranges.len()));
            let piece = |i: usize| sealed[ranges[i].clone()].to_vec();
            let rebuild = |order: &[usize]| {
                let mut out = sealed[..PREAMBLE_LEN].to_vec();
                for &i in order {
                    out.extend(piece(i));
                }
                out
            };
            let all: Vec<usize> = (0..ranges.len()).collect();
            // Dropped.
            let dropped: Vec<usize> = all.iter().copied().filter(|&i| i != a).collect();
            prop_assert!(key.open(&rebuild(&dropped)).is_err());
            // Repeated.
            let mut repeated = all.clone();
            repeated.insert(a, a);
            prop_assert!(key.open(&rebuild(&repeated)).is_err());
            // Swapped (two different chunks of different content).
            if piece(a) != piece(b) {
                let mut swapped = all.clone();
                swapped.swap(a, b);
                prop_assert!(key.open(&rebuild(&swapped)).is_err());
            }
        }
    }
}
