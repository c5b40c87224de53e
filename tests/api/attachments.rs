//! Attachments of applications: several files per form, kinds decided by content, the
//! limit, one copy per content, download only for the association and staff, delete and
//! replace while in draft, and the same on a real S3-compatible server (moto).
use app::backend::entities::attachment;
use app::features::applications::commands;
use portal_tests::{create_user, spawn_app, spawn_app_with, S3Server, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::applications::{fill, registered, TIME_LIMITED};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00";

/// A zip archive whose entries are `names`, each holding `content` uncompressed.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, content) in entries {
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(content);
    }
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 18]);
    out
}

fn docx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

fn odt() -> Vec<u8> {
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ])
}

struct Draft {
    app: TestApp,
    id: Uuid,
    owner: Uuid,
    cookie: String,
}

async fn draft(app: TestApp) -> Draft {
    let (association, owner) = registered(&app, "802534-3750", "sara@example.se").await;
    let id = commands::start(&app.ctx(), owner, association, TIME_LIMITED)
        .await
        .unwrap();
    let cookie = app.sign_in("sara@example.se", "ett långt lösenord").await;
    Draft {
        app,
        id,
        owner,
        cookie,
    }
}

impl Draft {
    async fn upload(&self, kind: &str, files: &[(&str, &[u8])]) -> reqwest::Response {
        let mut parts: Vec<(&str, Option<&str>, &[u8])> =
            vec![("document_type", None, kind.as_bytes())];
        for (name, content) in files {
            parts.push(("document", Some(*name), *content));
        }
        self.app
            .post_multipart_as(
                &self.cookie,
                &format!("/ansokningar/{}/bilagor", self.id),
                &parts,
            )
            .await
    }

    async fn rows(&self) -> Vec<attachment::Model> {
        attachment::Entity::find()
            .filter(attachment::Column::ApplicationId.eq(self.id))
            .all(&self.app.db)
            .await
            .unwrap()
    }

    fn local_files(&self) -> usize {
        fn walk(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| {
                            if e.path().is_dir() {
                                walk(&e.path())
                            } else {
                                1
                            }
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        walk(&self.app.data_dir().join("attachments"))
    }
}

#[tokio::test]
async fn several_documents_of_every_accepted_kind_are_kept_once_and_downloaded_safely() {
    let d = draft(spawn_app().await).await;
    let sent = d
        .upload(
            "stadgar",
            &[("Stadgar.pdf", PDF), ("Stadgar (foto).png", PNG)],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let office = d
        .upload(
            "ovrigt",
            &[
                ("Plan.docx", &docx()),
                ("Plan.odt", &odt()),
                ("Stadgar kopia.pdf", PDF),
            ],
        )
        .await;
    assert_eq!(office.status(), 303);
    assert!(
        office.headers()["location"]
            .to_str()
            .unwrap()
            .contains("dubblett"),
        "the same content twice is said"
    );
    let rows = d.rows().await;
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.content_type.as_str()).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "application/pdf",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "image/png",
        ]
    );
    assert_eq!(d.local_files(), 4, "the duplicate's bytes are not kept");

    let page = d
        .app
        .get_as(&d.cookie, &format!("/ansokningar/{}/bilagor", d.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Plan.docx") && page.contains("Word"),
        "{page}"
    );

    let pdf = rows
        .iter()
        .find(|r| r.content_type == "application/pdf")
        .unwrap();
    let download = d
        .app
        .get_as(&d.cookie, &format!("/dokument/{}", pdf.id))
        .await;
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);

    // Someone of another association gets 404, for the document and the page.
    create_user(
        &d.app.db,
        "applicant",
        "kim@example.se",
        "ett långt lösenord",
    )
    .await;
    let other = d.app.sign_in("kim@example.se", "ett långt lösenord").await;
    assert_eq!(
        d.app
            .get_as(&other, &format!("/dokument/{}", pdf.id))
            .await
            .status(),
        404
    );
    assert_eq!(
        d.app
            .get_as(&other, &format!("/ansokningar/{}/bilagor", d.id))
            .await
            .status(),
        404
    );
    let foreign = d
        .app
        .post_multipart_as(
            &other,
            &format!("/ansokningar/{}/bilagor", d.id),
            &[
                ("document_type", None, b"stadgar"),
                ("document", Some("x.pdf"), b"%PDF-1.4 other"),
            ],
        )
        .await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(d.local_files(), 4, "nothing of a refused upload is kept");
}

#[tokio::test]
async fn a_renamed_program_a_plain_zip_and_a_file_over_the_limit_are_refused_and_nothing_is_kept() {
    let d = draft(spawn_app_with(|s| s.upload_max_bytes = 1024 * 1024).await).await;
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec();
    program.resize(30_000, 0);
    let refused = d.upload("stadgar", &[("Stadgar.pdf", &program)]).await;
    assert_eq!(refused.status(), 415);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Filen är inte en PDF"), "{page}");
    assert!(page.contains("Stadgar.pdf"), "the refused file is named");

    let archive = zip(&[("program.exe", b"MZ")]);
    let zipped = d.upload("stadgar", &[("Stadgar.docx", &archive)]).await;
    assert_eq!(zipped.status(), 415);

    let mut large = PDF.to_vec();
    large.resize(1024 * 1024 + 1, b'0');
    let too_large = d.upload("stadgar", &[("Stor.pdf", &large)]).await;
    assert_eq!(too_large.status(), 413);
    assert!(too_large.text().await.unwrap().contains("större än 1 MB"));

    // One good and one bad file in the same form: neither is kept.
    let mixed = d
        .upload("stadgar", &[("Stadgar.pdf", PDF), ("virus.pdf", &program)])
        .await;
    assert_eq!(mixed.status(), 415);
    let no_type = d.upload("", &[("Stadgar.pdf", PDF)]).await;
    assert_eq!(no_type.status(), 422);
    assert!(no_type
        .text()
        .await
        .unwrap()
        .contains("Välj vilken handling det är."));

    assert!(d.rows().await.is_empty());
    assert_eq!(d.local_files(), 0);
}

#[tokio::test]
async fn a_draft_deletes_and_replaces_its_documents_and_a_submitted_one_cannot() {
    let d = draft(spawn_app().await).await;
    assert_eq!(
        d.upload("stadgar", &[("Gamla stadgar.pdf", PDF)])
            .await
            .status(),
        303
    );
    let old = d.rows().await.remove(0);
    let new_pdf = b"%PDF-1.4\nnya stadgar\n";
    let replaced = d
        .app
        .post_multipart_as(
            &d.cookie,
            &format!("/ansokningar/{}/bilagor", d.id),
            &[
                ("replaces", None, old.id.to_string().as_bytes()),
                ("document_type", None, b"stadgar"),
                ("document", Some("Nya stadgar.pdf"), new_pdf),
            ],
        )
        .await;
    assert_eq!(replaced.status(), 303);
    let rows = d.rows().await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].file_name, "Nya stadgar.pdf");
    assert_eq!(rows[0].document_type.as_deref(), Some("stadgar"));
    assert_eq!(
        d.local_files(),
        1,
        "the replaced document is gone from storage"
    );

    let removed = d
        .app
        .post_form_as(
            Some(&d.cookie),
            &format!("/ansokningar/{}/bilagor/{}/ta-bort", d.id, rows[0].id),
            "",
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert!(d.rows().await.is_empty());
    assert_eq!(d.local_files(), 0);

    // Submitted: the documents are part of the case and stay.
    fill(&d.app, d.owner, d.id).await;
    commands::submit(&d.app.ctx(), d.owner, d.id, "k")
        .await
        .unwrap();
    let kept = d.rows().await.remove(0);
    let refused = d
        .app
        .post_form_as(
            Some(&d.cookie),
            &format!("/ansokningar/{}/bilagor/{}/ta-bort", d.id, kept.id),
            "",
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert_eq!(d.upload("ovrigt", &[("Sent.pdf", PDF)]).await.status(), 409);
    assert_eq!(
        attachment::Entity::find()
            .filter(attachment::Column::ApplicationId.eq(d.id))
            .count(&d.app.db)
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn documents_go_to_an_s3_bucket_when_one_is_configured() {
    let s3 = S3Server::start();
    s3.create_bucket().await;
    let settings = s3.settings();
    let d = draft(spawn_app_with(move |s| s.storage = settings).await).await;
    let mut big = PDF.to_vec();
    // Over one part (5 MB), so the upload really is sent in parts.
    big.resize(6 * 1024 * 1024, b'%');
    assert_eq!(
        d.upload("stadgar", &[("Stadgar.pdf", &big), ("Foto.png", PNG)])
            .await
            .status(),
        303
    );
    let rows = d.rows().await;
    assert_eq!(rows.len(), 2);
    let mut keys = s3.keys().await;
    keys.sort();
    let mut expected: Vec<String> = rows.iter().map(|r| r.storage_key.clone()).collect();
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(d.local_files(), 0, "nothing in the local folder");

    let pdf = rows
        .iter()
        .find(|r| r.content_type == "application/pdf")
        .unwrap();
    let download = d
        .app
        .get_as(&d.cookie, &format!("/dokument/{}", pdf.id))
        .await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().await.unwrap().len(), big.len());

    let mut program = b"\x7fELF\x02\x01\x01\x00".to_vec();
    program.resize(10_000, 0);
    assert_eq!(
        d.upload("stadgar", &[("a.pdf", &program)]).await.status(),
        415
    );
    assert_eq!(
        s3.keys().await.len(),
        2,
        "a refused upload leaves nothing in the bucket"
    );

    let removed = d
        .app
        .post_form_as(
            Some(&d.cookie),
            &format!("/ansokningar/{}/bilagor/{}/ta-bort", d.id, pdf.id),
            "",
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(s3.keys().await.len(), 1);
}

#[tokio::test]
async fn a_bucket_that_is_down_gives_a_clear_error_within_seconds_and_nothing_half_stored() {
    let mut s3 = S3Server::start();
    s3.create_bucket().await;
    let settings = s3.settings();
    let d = draft(spawn_app_with(move |s| s.storage = settings).await).await;
    assert_eq!(
        d.upload("stadgar", &[("Stadgar.pdf", PDF)]).await.status(),
        303
    );

    // The bucket goes away: the person is told at once, by the file field, and no row
    // is written.
    s3.stop();
    let asked = std::time::Instant::now();
    let refused = d.upload("stadgar", &[("Foto.png", PNG)]).await;
    assert!(
        asked.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        asked.elapsed()
    );
    println!("refused with the bucket down after {:?}", asked.elapsed());
    assert_eq!(refused.status(), 503);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Filen kunde inte tas emot. Försök igen om en stund."),
        "{page}"
    );
    assert_eq!(d.rows().await.len(), 1);

    // Back again: the same upload works.
    let s3 = S3Server::start_on(s3.port);
    s3.create_bucket().await;
    assert_eq!(
        d.upload("stadgar", &[("Foto.png", PNG)]).await.status(),
        303
    );
    assert_eq!(d.rows().await.len(), 2);
    assert_eq!(
        s3.keys().await.len(),
        1,
        "only the new upload: moto forgot the first"
    );
}

/// A small filesystem (tmpfs) mounted for the test's documents, unmounted at the end.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// `None` where this user may not mount (the test then says so and passes).
    fn mount(dir: std::path::PathBuf, size: &str) -> Option<Self> {
        std::fs::create_dir_all(&dir).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Self(dir))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test]
async fn a_full_disk_gives_a_clear_error_and_leaves_no_partial_document() {
    let root = tempfile::tempdir().unwrap();
    let store = root.path().join("dokument");
    let Some(_disk) = SmallDisk::mount(store.clone(), "256k") else {
        eprintln!("SKIPPED: mounting a small tmpfs needs root; the full-disk test did not run");
        return;
    };
    let local = store.clone();
    let d = draft(
        spawn_app_with(move |s| s.storage = server::settings::StorageSettings::Local(local)).await,
    )
    .await;
    let files = || {
        let mut names: Vec<String> = Vec::new();
        let mut folders = vec![store.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                if entry.path().is_dir() {
                    folders.push(entry.path());
                } else {
                    names.push(entry.file_name().to_string_lossy().into_owned());
                }
            }
        }
        names
    };
    assert_eq!(
        d.upload("stadgar", &[("Stadgar.pdf", PDF)]).await.status(),
        303
    );
    assert_eq!(files().len(), 1);

    // Larger than the space left: refused by its field, no row, nothing half-written.
    let mut big = PDF.to_vec();
    big.resize(400 * 1024, b'%');
    let refused = d.upload("budget", &[("Budget.pdf", &big)]).await;
    assert_eq!(refused.status(), 503);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Filen kunde inte tas emot. Försök igen om en stund."),
        "{page}"
    );
    assert_eq!(d.rows().await.len(), 1);
    assert_eq!(files().len(), 1, "no partial file: {:?}", files());

    // Space enough for a small one: the portal goes on.
    assert_eq!(d.upload("budget", &[("Foto.png", PNG)]).await.status(), 303);
    assert_eq!(d.rows().await.len(), 2);
}
