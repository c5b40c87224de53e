//! Where uploaded documents live, through the `object_store` crate: a local folder by
//! default, an S3-compatible bucket when `PORTAL_STORAGE_URL=s3://…` says so. A document
//! is streamed into the store in parts as it arrives (never held whole in memory),
//! checked by its content (`infer`) and size on the way, and thrown away, with nothing
//! left behind, as soon as it is refused.
use std::{path::PathBuf, sync::Arc};

use app::domain::document::FileKind;
use axum::body::Bytes;
use futures_util::{stream::BoxStream, Stream, StreamExt};
use object_store::{
    aws::AmazonS3Builder, local::LocalFileSystem, path::Path, BackoffConfig, ClientOptions,
    ObjectStore, ObjectStoreExt, RetryConfig, WriteMultipart,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::settings::StorageSettings;

/// A document that has been stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub kind: FileKind,
    pub size: u64,
    pub sha256: String,
}

/// Why an upload was refused; nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("no file")]
    Empty,
    #[error("not an accepted kind of document")]
    WrongKind,
    #[error("larger than the limit")]
    TooLarge { max_bytes: u64 },
    #[error("the upload broke off: {0}")]
    Interrupted(String),
    #[error("storage: {0}")]
    Store(String),
}

impl UploadError {
    /// The message for the person, next to the file field.
    pub fn message(&self) -> String {
        use app::domain::document;
        match self {
            UploadError::Empty => document::MISSING.to_owned(),
            UploadError::WrongKind => document::WRONG_KIND.to_owned(),
            UploadError::TooLarge { max_bytes } => document::too_large(*max_bytes),
            UploadError::Interrupted(_) | UploadError::Store(_) => {
                "Filen kunde inte tas emot. Försök igen om en stund.".to_owned()
            }
        }
    }

    /// The status a refused upload is answered with.
    pub fn status(&self) -> http::StatusCode {
        match self {
            UploadError::WrongKind => http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            UploadError::TooLarge { .. } => http::StatusCode::PAYLOAD_TOO_LARGE,
            UploadError::Store(_) => http::StatusCode::SERVICE_UNAVAILABLE,
            UploadError::Empty | UploadError::Interrupted(_) => {
                http::StatusCode::UNPROCESSABLE_ENTITY
            }
        }
    }
}

/// How many leading bytes decide a document's kind.
const SNIFF_BYTES: usize = 8 * 1024;
/// The size of the parts a document is sent to the store in (S3's smallest part).
const PART_BYTES: usize = 5 * 1024 * 1024;

/// What the first bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sniffed {
    Kind(FileKind),
    /// A zip archive: an office document only if its entries say so.
    Zip,
    Refused,
}

/// The kind of document that starts with `head`, decided by `infer`.
fn sniff(head: &[u8]) -> Sniffed {
    match infer::get(head).map(|kind| kind.mime_type()) {
        Some("application/zip") => Sniffed::Zip,
        Some(mime) => FileKind::from_content_type(mime).map_or(Sniffed::Refused, Sniffed::Kind),
        None => Sniffed::Refused,
    }
}

/// Looks through a zip archive as it streams by for the entries that make it a Word or
/// Excel document (their names are stored uncompressed, in each entry's header and in
/// the directory at the end), carrying the tail of each chunk over to the next.
#[derive(Default)]
struct OfficeEntries {
    tail: Vec<u8>,
    found: Option<FileKind>,
}

impl OfficeEntries {
    const MARKERS: [(&'static [u8], FileKind); 2] = [
        (b"word/document.xml", FileKind::Docx),
        (b"xl/workbook.xml", FileKind::Xlsx),
    ];
    const CARRY: usize = 32;

    fn feed(&mut self, chunk: &[u8]) {
        if self.found.is_some() {
            return;
        }
        let mut window = std::mem::take(&mut self.tail);
        window.extend_from_slice(chunk);
        self.found = Self::MARKERS.iter().find_map(|(marker, kind)| {
            window
                .windows(marker.len())
                .any(|w| w == *marker)
                .then_some(*kind)
        });
        let keep = window.len().saturating_sub(Self::CARRY);
        self.tail = window.split_off(keep);
    }
}

/// The documents' store.
#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// The local folder, when the store is one (to sweep what a crash left).
    local_root: Option<PathBuf>,
    max_bytes: u64,
}

impl Storage {
    /// The store the settings name, with the largest document it accepts.
    pub fn from_settings(settings: &StorageSettings, max_bytes: u64) -> anyhow::Result<Self> {
        match settings {
            StorageSettings::Local(root) => Self::local(root, max_bytes),
            StorageSettings::S3 {
                url,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
                allow_http,
            } => {
                // A bucket that does not answer is told to the person within seconds
                // (the default retries for three minutes): a connection is given 5 s,
                // a request (a 5 MB part) 60 s, and two retries within 10 s.
                let mut builder = AmazonS3Builder::new()
                    .with_url(url)
                    .with_region(region)
                    .with_allow_http(*allow_http)
                    .with_client_options(
                        ClientOptions::new()
                            .with_allow_http(*allow_http)
                            .with_connect_timeout(std::time::Duration::from_secs(5))
                            .with_timeout(std::time::Duration::from_secs(60)),
                    )
                    .with_retry(RetryConfig {
                        backoff: BackoffConfig::default(),
                        max_retries: 2,
                        retry_timeout: std::time::Duration::from_secs(10),
                    });
                if let Some(endpoint) = endpoint {
                    builder = builder.with_endpoint(endpoint);
                }
                if let Some(key) = access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose());
                }
                Ok(Self {
                    store: Arc::new(builder.build()?),
                    local_root: None,
                    max_bytes,
                })
            }
        }
    }

    /// Documents in the folder `root` (created if missing).
    pub fn local(root: impl Into<PathBuf>, max_bytes: u64) -> anyhow::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new_with_prefix(&root)?),
            local_root: Some(root),
            max_bytes,
        })
    }

    /// The largest document accepted, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Streams `body` into the store, refusing it as soon as its first bytes show a kind
    /// that is not accepted or its size passes the limit; a zip that turns out not to be
    /// an office document is refused at its end. A refused upload is aborted, so nothing
    /// of it stays in the store.
    pub async fn put<S, E>(&self, mut body: S) -> Result<Stored, UploadError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let year = chrono::Utc::now().format("%Y").to_string();
        let key = format!("{year}/{}", Uuid::now_v7());
        let upload = self
            .store
            .put_multipart(&Path::from(key.as_str()))
            .await
            .map_err(|error| UploadError::Store(error.to_string()))?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let streamed = async {
            let mut hasher = Sha256::new();
            let mut size: u64 = 0;
            let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
            let mut sniffed = None;
            let mut office = OfficeEntries::default();
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| UploadError::Interrupted(e.to_string()))?;
                size += chunk.len() as u64;
                if size > self.max_bytes {
                    return Err(UploadError::TooLarge {
                        max_bytes: self.max_bytes,
                    });
                }
                if sniffed.is_none() {
                    let wanted = SNIFF_BYTES - head.len();
                    head.extend_from_slice(&chunk[..wanted.min(chunk.len())]);
                    if head.len() == SNIFF_BYTES {
                        sniffed = Some(sniff(&head));
                    }
                }
                if sniffed == Some(Sniffed::Refused) {
                    return Err(UploadError::WrongKind);
                }
                if sniffed.is_none() || sniffed == Some(Sniffed::Zip) {
                    office.feed(&chunk);
                }
                hasher.update(&chunk);
                writer.put(chunk);
                writer
                    .wait_for_capacity(2)
                    .await
                    .map_err(|error| UploadError::Store(error.to_string()))?;
            }
            if size == 0 {
                return Err(UploadError::Empty);
            }
            let kind = match sniffed.unwrap_or_else(|| sniff(&head)) {
                Sniffed::Kind(kind) => kind,
                Sniffed::Zip => office.found.ok_or(UploadError::WrongKind)?,
                Sniffed::Refused => return Err(UploadError::WrongKind),
            };
            Ok((kind, size, hex::encode(hasher.finalize())))
        }
        .await;
        match streamed {
            Ok((kind, size, sha256)) => {
                writer
                    .finish()
                    .await
                    .map_err(|error| UploadError::Store(error.to_string()))?;
                Ok(Stored {
                    key,
                    kind,
                    size,
                    sha256,
                })
            }
            Err(error) => {
                if let Err(abort) = writer.abort().await {
                    tracing::warn!(%abort, "aborting a refused upload failed");
                }
                Err(error)
            }
        }
    }

    /// A stored document as a stream of its bytes, with its size.
    pub async fn open(
        &self,
        key: &str,
    ) -> Result<(u64, BoxStream<'static, object_store::Result<Bytes>>), object_store::Error> {
        let found = self.store.get(&safe_path(key)?).await?;
        Ok((found.meta.size, found.into_stream()))
    }

    /// Removes a stored document (after its database row is gone, or was never written).
    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        match self.store.delete(&safe_path(key)?).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => other,
        }
    }

    /// Whether a document is in the store (for tests and the health check).
    pub async fn exists(&self, key: &str) -> Result<bool, object_store::Error> {
        match self.store.head(&safe_path(key)?).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Every stored document's key, for a backup (unfinished uploads are not listed).
    pub async fn keys(&self) -> Result<Vec<String>, object_store::Error> {
        let mut keys = Vec::new();
        let mut listing = self.store.list(None);
        while let Some(meta) = listing.next().await {
            keys.push(meta?.location.to_string());
        }
        keys.sort();
        Ok(keys)
    }

    /// Puts a document back under its key, for a restore.
    pub async fn restore(&self, key: &str, bytes: Bytes) -> Result<(), object_store::Error> {
        self.store
            .put(&safe_path(key)?, bytes.into())
            .await
            .map(drop)
    }

    /// Removes unfinished uploads older than `max_age` from a local folder: the parts a
    /// crash in the middle of an upload left behind (named `<key>#<n>`). A bucket
    /// expires them by its own lifecycle rule. Returns how many it removed.
    pub async fn sweep_unfinished(&self, max_age: std::time::Duration) -> std::io::Result<usize> {
        let Some(root) = &self.local_root else {
            return Ok(0);
        };
        let mut removed = 0;
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            let mut entries = tokio::fs::read_dir(&folder).await?;
            while let Some(entry) = entries.next_entry().await? {
                let meta = entry.metadata().await?;
                if meta.is_dir() {
                    folders.push(entry.path());
                } else if entry.file_name().to_string_lossy().contains('#')
                    && meta.modified()?.elapsed().is_ok_and(|age| age >= max_age)
                {
                    tokio::fs::remove_file(entry.path()).await?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

/// The store's path for `key`. Keys are made here (`yyyy/uuid`); anything else is
/// refused before it reaches the store.
fn safe_path(key: &str) -> Result<Path, object_store::Error> {
    let safe = key.split('/').all(|part| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    if safe {
        Ok(Path::from(key))
    } else {
        Err(object_store::Error::NotFound {
            path: "invalid key".into(),
            source: "the key was not made by the portal".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: Vec<Vec<u8>>) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Unpin {
        futures_util::stream::iter(parts.into_iter().map(|p| Ok(Bytes::from(p))))
    }

    fn bytes(parts: &[&[u8]]) -> Vec<Vec<u8>> {
        parts.iter().map(|p| p.to_vec()).collect()
    }

    /// How many files lie anywhere below `dir`.
    fn files_in(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        if e.path().is_dir() {
                            files_in(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }

    /// A zip archive whose one entry is called `name`.
    fn zip_with(name: &str) -> Vec<u8> {
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        zip.extend_from_slice(&[0; 12]);
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name.as_bytes());
        zip.extend_from_slice(&[b'x'; 9000]);
        zip
    }

    #[tokio::test]
    async fn a_pdf_arriving_in_small_pieces_is_stored_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path(), 1000).unwrap();
        let stored = storage
            .put(chunks(bytes(&[b"%P", b"DF-1", b".7\nhello"])))
            .await
            .unwrap();
        assert_eq!(stored.kind, FileKind::Pdf);
        assert_eq!(stored.size, 14);
        let mut hasher = Sha256::new();
        hasher.update(b"%PDF-1.7\nhello");
        assert_eq!(stored.sha256, hex::encode(hasher.finalize()));
        let read = tokio::fs::read(dir.path().join(&stored.key)).await.unwrap();
        assert_eq!(read, b"%PDF-1.7\nhello");
        assert_eq!(files_in(dir.path()), 1, "nothing else left behind");
        let (size, stream) = storage.open(&stored.key).await.unwrap();
        assert_eq!(size, 14);
        let read: Vec<Bytes> = stream.map(|b| b.unwrap()).collect().await;
        assert_eq!(read.concat(), b"%PDF-1.7\nhello");
        storage.delete(&stored.key).await.unwrap();
        assert!(!storage.exists(&stored.key).await.unwrap());
    }

    #[tokio::test]
    async fn a_program_named_pdf_is_refused_and_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path(), 100_000).unwrap();
        let mut program = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
        program.resize(20_000, 0);
        let refused = storage.put(chunks(vec![program])).await;
        assert!(
            matches!(refused, Err(UploadError::WrongKind)),
            "{refused:?}"
        );
        let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
        elf.resize(100, 0);
        assert!(matches!(
            storage.put(chunks(vec![elf])).await,
            Err(UploadError::WrongKind)
        ));
        assert_eq!(files_in(dir.path()), 0);
    }

    #[tokio::test]
    async fn a_zip_is_kept_only_when_it_is_an_office_document() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path(), 100_000).unwrap();
        let plain = storage.put(chunks(vec![zip_with("virus.exe")])).await;
        assert!(matches!(plain, Err(UploadError::WrongKind)), "{plain:?}");
        assert_eq!(files_in(dir.path()), 0);
        // The marker split over two chunks is still found.
        let mut word = zip_with("[Content_Types].xml");
        word.extend_from_slice(b"PK\x03\x04word/docu");
        let rest = b"ment.xml and more".to_vec();
        let stored = storage.put(chunks(vec![word, rest])).await.unwrap();
        assert_eq!(stored.kind, FileKind::Docx);
        let excel = storage.put(chunks(vec![zip_with("xl/workbook.xml")])).await;
        assert_eq!(excel.unwrap().kind, FileKind::Xlsx);
        assert_eq!(files_in(dir.path()), 2);
    }

    #[tokio::test]
    async fn a_file_over_the_limit_is_refused_while_it_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path(), 20).unwrap();
        let refused = storage
            .put(chunks(bytes(&[b"%PDF-1.7", b"0123456789", b"0123456789"])))
            .await;
        assert!(
            matches!(refused, Err(UploadError::TooLarge { max_bytes: 20 })),
            "{refused:?}"
        );
        assert_eq!(files_in(dir.path()), 0);
        let empty = storage.put(chunks(vec![])).await;
        assert!(matches!(empty, Err(UploadError::Empty)));
        assert_eq!(files_in(dir.path()), 0);
    }

    #[tokio::test]
    async fn unfinished_uploads_are_swept_and_stored_documents_stay() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path(), 100).unwrap();
        let kept = storage
            .put(chunks(bytes(&[b"%PDF-1.7 kept"])))
            .await
            .unwrap();
        let crashed = dir
            .path()
            .join(&kept.key)
            .with_file_name("left-by-a-crash#1");
        std::fs::write(crashed, b"%PDF").unwrap();
        assert_eq!(
            storage
                .sweep_unfinished(std::time::Duration::from_secs(3600))
                .await
                .unwrap(),
            0,
            "too young"
        );
        assert_eq!(
            storage
                .sweep_unfinished(std::time::Duration::ZERO)
                .await
                .unwrap(),
            1
        );
        assert!(dir.path().join(&kept.key).exists());
    }

    #[test]
    fn keys_cannot_leave_the_store() {
        assert!(safe_path("../../etc/passwd").is_err());
        assert!(safe_path("2026/0193a0b0-0000-7000-8000-000000000000").is_ok());
    }
}
