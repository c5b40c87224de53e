//! `server backup PATH` and `server restore PATH`: a consistent copy of the SQLite
//! database and of every stored document, made while the server runs, and brought back
//! into an empty installation.
//!
//! The database is copied with `VACUUM INTO`, which reads one snapshot of it (WAL mode
//! lets the server go on writing meanwhile) and writes a compact, self-contained file.
//! The documents are copied after it, so every document the copied database names was
//! stored before the copy began; a document uploaded during the backup may be copied
//! without its row, which the restore leaves out. PostgreSQL is backed up with
//! `pg_dump` (see the README); its documents are copied here all the same.
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, EntityTrait};
use tokio::io::AsyncWriteExt;

use crate::{
    settings::{DatabaseKind, Settings},
    storage::Storage,
};

/// The database file inside a backup folder.
pub const DATABASE_FILE: &str = "portal.db";
/// The documents' folder inside a backup folder.
pub const FILES_DIR: &str = "dokument";

/// What a backup or restore copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// Whether the database was copied (SQLite), not left to `pg_dump` (PostgreSQL).
    pub database: bool,
    pub documents: usize,
    pub bytes: u64,
}

/// The SQLite database file `settings` name, or `None` for PostgreSQL.
pub fn sqlite_file(settings: &Settings) -> Option<PathBuf> {
    if settings.database_kind != DatabaseKind::Sqlite {
        return None;
    }
    let url = settings.database_url.expose();
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or(path);
    Some(PathBuf::from(path))
}

/// Copies the database (SQLite) and every stored document into `target`, a folder that
/// must not exist yet or be empty.
pub async fn backup(settings: &Settings, target: &Path) -> anyhow::Result<Copied> {
    if target.exists() && std::fs::read_dir(target)?.next().is_some() {
        bail!(
            "säkerhetskopian ska skrivas till en tom mapp, men {} innehåller redan filer",
            target.display()
        );
    }
    std::fs::create_dir_all(target.join(FILES_DIR))
        .with_context(|| format!("kunde inte skapa {}", target.display()))?;
    let database = match settings.database_kind {
        DatabaseKind::Sqlite => {
            let db = crate::db::connect(settings).await?;
            let file = target.join(DATABASE_FILE);
            let file = file
                .to_str()
                .context("backup folder's path is not UTF-8")?
                .replace('\'', "''");
            db.execute_unprepared(&format!("VACUUM INTO '{file}'"))
                .await
                .context("kunde inte kopiera databasen")?;
            db.close().await?;
            true
        }
        DatabaseKind::Postgres => false,
    };
    let storage = Storage::from_settings(&settings.storage, settings.upload_max_bytes)?;
    let mut copied = Copied {
        database,
        documents: 0,
        bytes: 0,
    };
    for key in storage.keys().await? {
        let (_, mut stream) = match storage.open(&key).await {
            Ok(found) => found,
            // Removed since the listing, with its row: nothing to keep.
            Err(object_store::Error::NotFound { .. }) => continue,
            Err(error) => return Err(error.into()),
        };
        let path = target.join(FILES_DIR).join(&key);
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let mut file = tokio::fs::File::create(&path).await?;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            copied.bytes += chunk.len() as u64;
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        copied.documents += 1;
    }
    Ok(copied)
}

/// Brings a backup from `source` into the installation `settings` name, which must be
/// empty: no database file (SQLite) and no stored documents. Documents no row of the
/// copied database names (uploaded while the backup ran) are left out.
pub async fn restore(settings: &Settings, source: &Path) -> anyhow::Result<Copied> {
    let storage = Storage::from_settings(&settings.storage, settings.upload_max_bytes)?;
    if !storage.keys().await?.is_empty() {
        bail!("dokumentlagret innehåller redan dokument; återställ bara till en tom installation");
    }
    let database = match sqlite_file(settings) {
        Some(file) => {
            let copy = source.join(DATABASE_FILE);
            if !copy.is_file() {
                bail!("{} finns inte i säkerhetskopian", copy.display());
            }
            if file.exists() && std::fs::metadata(&file)?.len() > 0 {
                bail!(
                    "databasen {} finns redan; återställ bara till en tom installation",
                    file.display()
                );
            }
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(&copy, &file)
                .with_context(|| format!("kunde inte kopiera databasen till {}", file.display()))?;
            true
        }
        None => false,
    };
    // The keys the database names, when it is here to ask.
    let named: Option<std::collections::HashSet<String>> = if database {
        let db = crate::db::connect(settings).await?;
        crate::db::migrate(&db).await?;
        let keys = stored_keys(&db).await?;
        db.close().await?;
        Some(keys)
    } else {
        None
    };
    let mut copied = Copied {
        database,
        documents: 0,
        bytes: 0,
    };
    let root = source.join(FILES_DIR);
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        let Ok(mut entries) = tokio::fs::read_dir(&folder).await else {
            continue;
        };
        while let Some(entry) = entries.next_entry().await? {
            let path = entry.path();
            if entry.file_type().await?.is_dir() {
                folders.push(path);
                continue;
            }
            let key = path
                .strip_prefix(&root)?
                .to_str()
                .context("a document's name is not UTF-8")?
                .replace(std::path::MAIN_SEPARATOR, "/");
            if named.as_ref().is_some_and(|keys| !keys.contains(&key)) {
                continue;
            }
            let bytes = tokio::fs::read(&path).await?;
            copied.bytes += bytes.len() as u64;
            storage.restore(&key, bytes.into()).await?;
            copied.documents += 1;
        }
    }
    Ok(copied)
}

/// Every storage key a row names (every stored document is an attachment row).
async fn stored_keys(
    db: &sea_orm::DatabaseConnection,
) -> anyhow::Result<std::collections::HashSet<String>> {
    use app::backend::entities::attachment;
    Ok(attachment::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.storage_key)
        .collect())
}
