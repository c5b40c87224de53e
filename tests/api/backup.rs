//! Backups: `server backup` copies the SQLite database and every stored document while
//! the portal is being written to; `server restore` brings them into an empty
//! installation, where every case and byte-identical documents are found. On
//! PostgreSQL the README's `pg_dump` procedure is run once, into a new database.
use app::backend::entities::{application, attachment};
use app::features::applications::commands;
use portal_tests::{spawn_app, Backend};
use sea_orm::{ConnectionTrait, Database, EntityTrait, PaginatorTrait};
use sha2::{Digest, Sha256};
use std::sync::{
    atomic::{AtomicBool, AtomicUsize, Ordering},
    Arc,
};

use super::applications::{registered, TIME_LIMITED};

/// A small PDF that differs by `n`, so every upload is kept as a file of its own.
fn pdf(n: usize) -> Vec<u8> {
    format!("%PDF-1.4\n% dokument {n}\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n")
        .into_bytes()
}

#[tokio::test]
async fn a_backup_made_under_write_load_restores_every_case_and_document() {
    if Backend::current() == Backend::Postgres {
        return pg_dump_and_restore().await;
    }
    let app = Arc::new(spawn_app().await);
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;
    let upload = {
        let (app, cookie) = (app.clone(), cookie.clone());
        move |n: usize| {
            let app = app.clone();
            let cookie = cookie.clone();
            async move {
                let content = pdf(n);
                let name = format!("Stadgar {n}.pdf");
                app.post_multipart_as(
                    &cookie,
                    &format!("/ansokningar/{id}/bilagor"),
                    &[
                        ("document_type", None, b"stadgar".as_slice()),
                        ("document", Some(name.as_str()), content.as_slice()),
                    ],
                )
                .await
                .status()
            }
        }
    };
    for n in 0..5 {
        assert_eq!(upload(n).await, 303);
    }

    // Uploads go on while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let load = {
        let (stop, sent) = (stop.clone(), sent.clone());
        let upload = upload.clone();
        tokio::spawn(async move {
            let mut n = 100;
            while !stop.load(Ordering::Relaxed) {
                if upload(n).await == 303 {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                n += 1;
            }
        })
    };
    while sent.load(Ordering::Relaxed) < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: Vec<attachment::Model> = attachment::Entity::find().all(&app.db).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("kopia");
    let copied = server::backup::backup(&app.settings, &target)
        .await
        .unwrap();
    stop.store(true, Ordering::Relaxed);
    load.await.unwrap();
    assert!(copied.database);
    assert!(copied.documents >= before.len(), "{copied:?}");
    // A second backup into the same folder is refused: nothing is overwritten.
    assert!(server::backup::backup(&app.settings, &target)
        .await
        .is_err());

    // Restored into an empty installation.
    let fresh = tempfile::tempdir().unwrap();
    let mut settings = app.settings.clone();
    settings.data_dir = fresh.path().to_path_buf();
    settings.database_url = server::settings::Secret::new(format!(
        "sqlite://{}?mode=rwc",
        fresh.path().join("portal.db").display()
    ));
    settings.storage = server::settings::StorageSettings::Local(fresh.path().join("attachments"));
    let restored = server::backup::restore(&settings, &target).await.unwrap();
    assert!(restored.database);
    let db = server::db::connect(&settings).await.unwrap();
    let check = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
    assert!(application::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .is_some());
    let rows = attachment::Entity::find().all(&db).await.unwrap();
    // Every document stored before the backup began is there, byte for byte; every row
    // of the copy has its document, and no document is without its row.
    for earlier in &before {
        assert!(
            rows.iter().any(|r| r.id == earlier.id),
            "{} lost",
            earlier.file_name
        );
    }
    let storage = server::storage::Storage::from_settings(&settings.storage, 1 << 30).unwrap();
    // The test fixtures' representative documents name keys with no file behind them.
    let source = server::storage::Storage::from_settings(&app.settings.storage, 1 << 30)
        .unwrap()
        .keys()
        .await
        .unwrap();
    let rows: Vec<&attachment::Model> = rows
        .iter()
        .filter(|r| source.contains(&r.storage_key))
        .collect();
    assert!(rows.len() >= 5);
    for row in &rows {
        let (_, mut stream) = storage.open(&row.storage_key).await.unwrap();
        let mut hasher = Sha256::new();
        use futures_util::StreamExt;
        while let Some(chunk) = stream.next().await {
            hasher.update(chunk.unwrap());
        }
        assert_eq!(
            format!("{:x}", hasher.finalize()),
            row.sha256,
            "{}",
            row.file_name
        );
    }
    let mut named: Vec<String> = rows.iter().map(|r| r.storage_key.clone()).collect();
    named.sort();
    named.dedup();
    assert_eq!(storage.keys().await.unwrap(), named, "no orphan documents");
    assert_eq!(restored.documents, named.len());
    // A restore into an installation that is not empty is refused.
    db.close().await.unwrap();
    assert!(server::backup::restore(&settings, &target).await.is_err());
}

/// The README's procedure: `pg_dump -Fc` of the running portal's database, then
/// `pg_restore` into a new, empty database, where every case is found.
async fn pg_dump_and_restore() {
    let app = spawn_app().await;
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    let cases = application::Entity::find().count(&app.db).await.unwrap();
    let url = app.settings.database_url.expose().to_owned();
    let folder = tempfile::tempdir().unwrap();
    let dump = folder.path().join("portal.dump");
    let status = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(&dump)
        .arg(&url)
        .status()
        .expect("pg_dump is installed");
    assert!(status.success());
    let name = format!("portal_restore_{}", uuid::Uuid::new_v4().simple());
    let (base, _) = url.rsplit_once('/').unwrap();
    let admin = Database::connect(format!("{base}/test")).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let target = format!("{base}/{name}");
    let status = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(&target)
        .arg(&dump)
        .status()
        .expect("pg_restore is installed");
    assert!(status.success());
    let restored = Database::connect(&target).await.unwrap();
    assert_eq!(
        application::Entity::find().count(&restored).await.unwrap(),
        cases
    );
    restored.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
}
