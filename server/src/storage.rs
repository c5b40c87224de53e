//! Where uploaded documents live: streamed to a local folder under the data folder,
//! checked by their content and size while they arrive, never held whole in memory.
//! Several instances would need an object store behind the same interface.
use std::path::{Path, PathBuf};

use app::domain::document::{self, FileKind};
use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

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
    TooLarge,
    #[error("the upload broke off: {0}")]
    Interrupted(String),
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

impl UploadError {
    /// The message for the person, next to the file field.
    pub fn message(&self) -> &'static str {
        match self {
            UploadError::Empty => document::MISSING,
            UploadError::WrongKind => document::WRONG_KIND,
            UploadError::TooLarge => document::TOO_LARGE,
            UploadError::Interrupted(_) | UploadError::Io(_) => {
                "Filen kunde inte tas emot. Försök igen om en stund."
            }
        }
    }
}

/// Documents in a local folder: `<root>/<yyyy>/<uuid>`, written to `<root>/tmp` first
/// and moved into place only once complete and accepted.
#[derive(Clone, Debug)]
pub struct Storage {
    root: PathBuf,
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Streams `body` into storage, refusing it as soon as its first bytes show a kind
    /// that is not accepted or its size passes `max_bytes`.
    pub async fn put<S, E>(&self, mut body: S, max_bytes: u64) -> Result<Stored, UploadError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let temp_dir = self.root.join("tmp");
        tokio::fs::create_dir_all(&temp_dir).await?;
        let id = Uuid::now_v7();
        let temp = temp_dir.join(id.to_string());
        let written = async {
            let mut file = tokio::fs::File::create(&temp).await?;
            let mut hasher = Sha256::new();
            let mut size: u64 = 0;
            let mut head: Vec<u8> = Vec::with_capacity(document::SNIFF_BYTES);
            let mut kind = None;
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| UploadError::Interrupted(e.to_string()))?;
                size += chunk.len() as u64;
                if size > max_bytes {
                    return Err(UploadError::TooLarge);
                }
                if kind.is_none() {
                    let wanted = document::SNIFF_BYTES - head.len();
                    head.extend_from_slice(&chunk[..wanted.min(chunk.len())]);
                    if head.len() == document::SNIFF_BYTES {
                        kind = Some(document::sniff(&head).ok_or(UploadError::WrongKind)?);
                    }
                }
                hasher.update(&chunk);
                file.write_all(&chunk).await?;
            }
            if size == 0 {
                return Err(UploadError::Empty);
            }
            let kind = match kind {
                Some(kind) => kind,
                None => document::sniff(&head).ok_or(UploadError::WrongKind)?,
            };
            file.sync_all().await?;
            Ok((kind, size, hex::encode(hasher.finalize())))
        }
        .await;
        let (kind, size, sha256) = match written {
            Ok(done) => done,
            Err(error) => {
                let _ = tokio::fs::remove_file(&temp).await;
                return Err(error);
            }
        };
        let year = chrono::Utc::now().format("%Y").to_string();
        let key = format!("{year}/{id}");
        let target = self.path_of(&key);
        let moved = async {
            if let Some(parent) = target.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            tokio::fs::rename(&temp, &target).await
        }
        .await;
        if let Err(error) = moved {
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(error.into());
        }
        Ok(Stored {
            key,
            kind,
            size,
            sha256,
        })
    }

    /// Removes unfinished uploads older than `max_age` from the temporary folder: what a
    /// crash in the middle of an upload left behind. Returns how many it removed.
    pub async fn sweep_temp(&self, max_age: std::time::Duration) -> std::io::Result<usize> {
        let mut entries = match tokio::fs::read_dir(self.root.join("tmp")).await {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(error),
        };
        let mut removed = 0;
        while let Some(entry) = entries.next_entry().await? {
            let old = entry
                .metadata()
                .await?
                .modified()?
                .elapsed()
                .is_ok_and(|age| age >= max_age);
            if old {
                tokio::fs::remove_file(entry.path()).await?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Opens a stored document for reading.
    pub async fn open(&self, key: &str) -> std::io::Result<tokio::fs::File> {
        tokio::fs::File::open(self.path_of(key)).await
    }

    /// Removes a stored document (after its database row is gone, or was never written).
    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path_of(key)).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    fn path_of(&self, key: &str) -> PathBuf {
        // Keys are made here (`yyyy/uuid`); anything else never reaches the disk.
        let safe = key.split('/').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if safe {
            self.root.join(key)
        } else {
            self.root.join("invalid-key")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(
        parts: Vec<&'static [u8]>,
    ) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Unpin {
        futures_util::stream::iter(parts.into_iter().map(|p| Ok(Bytes::from_static(p))))
    }

    /// How many files lie anywhere below `dir`.
    fn files_in(dir: &Path) -> usize {
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

    #[tokio::test]
    async fn a_pdf_arriving_in_small_pieces_is_stored_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path());
        let stored = storage
            .put(chunks(vec![b"%P", b"DF-1", b".7\nhello"]), 1000)
            .await
            .unwrap();
        assert_eq!(stored.kind, FileKind::Pdf);
        assert_eq!(stored.size, 14);
        let mut hasher = Sha256::new();
        hasher.update(b"%PDF-1.7\nhello");
        assert_eq!(stored.sha256, hex::encode(hasher.finalize()));
        let read = tokio::fs::read(dir.path().join(&stored.key)).await.unwrap();
        assert_eq!(read, b"%PDF-1.7\nhello");
        assert_eq!(files_in(dir.path()), 1, "nothing left in tmp");
    }

    #[tokio::test]
    async fn a_program_named_pdf_is_refused_and_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path());
        let refused = storage
            .put(chunks(vec![b"MZ\x90\x00\x03\x00\x00\x00rest"]), 1000)
            .await;
        assert!(
            matches!(refused, Err(UploadError::WrongKind)),
            "{refused:?}"
        );
        assert_eq!(files_in(dir.path()), 0);
    }

    #[tokio::test]
    async fn a_file_over_the_limit_is_refused_while_it_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path());
        let refused = storage
            .put(chunks(vec![b"%PDF-1.7", b"0123456789", b"0123456789"]), 20)
            .await;
        assert!(matches!(refused, Err(UploadError::TooLarge)), "{refused:?}");
        assert_eq!(files_in(dir.path()), 0);
        let empty = storage.put(chunks(vec![]), 20).await;
        assert!(matches!(empty, Err(UploadError::Empty)));
    }

    #[tokio::test]
    async fn unfinished_uploads_are_swept_and_stored_documents_stay() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path());
        let kept = storage
            .put(chunks(vec![b"%PDF-1.7 kept"]), 100)
            .await
            .unwrap();
        std::fs::write(dir.path().join("tmp").join("left-by-a-crash"), b"%PDF").unwrap();
        assert_eq!(
            storage
                .sweep_temp(std::time::Duration::from_secs(3600))
                .await
                .unwrap(),
            0,
            "too young"
        );
        assert_eq!(
            storage.sweep_temp(std::time::Duration::ZERO).await.unwrap(),
            1
        );
        assert!(dir.path().join(&kept.key).exists());
    }

    #[test]
    fn keys_cannot_leave_the_folder() {
        let storage = Storage::local("/data/attachments");
        assert_eq!(
            storage.path_of("../../etc/passwd"),
            PathBuf::from("/data/attachments/invalid-key")
        );
        assert_eq!(
            storage.path_of("2026/0193a0b0-0000-7000-8000-000000000000"),
            PathBuf::from("/data/attachments/2026/0193a0b0-0000-7000-8000-000000000000")
        );
    }
}
