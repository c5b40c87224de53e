//! Who may act for an association: a member sends in the document that names its
//! representatives, an officer verifies them until a date, and only they may submit.
use std::time::Duration;

use app::backend::entities::{attachment, representative, representative_proof};
use app::features::representatives::queries as representatives;
use chrono::{Months, Utc};
use portal_tests::{
    create_user, fixtures::association_with_owner, kept_mails, spawn_app_with, wait_until, TestApp,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use uuid::Uuid;

const PASSWORD: &str = "en lång och ovanlig fras";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

struct Setting {
    app: TestApp,
    association: Uuid,
    owner: Uuid,
    owner_cookie: String,
}

async fn setting() -> Setting {
    // The limit these tests were written for (the default is 25 MB).
    let app = spawn_app_with(|s| s.upload_max_bytes = 10 * 1024 * 1024).await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let association = association_with_owner(&app.db, "802534-3750", owner).await;
    let owner_cookie = app.sign_in("sara@example.se", PASSWORD).await;
    Setting {
        app,
        association,
        owner,
        owner_cookie,
    }
}

/// An officer's decision on a proof, as the decision form posts it.
async fn decide(app: &TestApp, cookie: &str, proof: Uuid, form: &str) -> reqwest::Response {
    app.post_form_as(
        Some(cookie),
        &format!("/handlaggning/foretradare/{proof}"),
        form,
    )
    .await
}

fn next_spring() -> String {
    (Utc::now().date_naive() + Months::new(4)).to_string()
}

async fn send_proof(
    setting: &Setting,
    file_name: &str,
    content: &[u8],
    named: &[Uuid],
    meeting: &str,
) -> reqwest::Response {
    let ids: Vec<String> = named.iter().map(Uuid::to_string).collect();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("document", Some(file_name), content)];
    for id in &ids {
        parts.push(("named", None, id.as_bytes()));
    }
    parts.push(("next_annual_meeting", None, meeting.as_bytes()));
    setting
        .app
        .post_multipart_as(
            &setting.owner_cookie,
            &format!("/foreningar/{}/foretradare", setting.association),
            &parts,
        )
        .await
}

fn stored_files(setting: &Setting) -> usize {
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
    walk(&setting.app.data_dir().join("attachments"))
}

#[tokio::test]
async fn an_officer_verifies_the_named_representatives_until_the_next_annual_meeting() {
    let s = setting().await;
    let app = &s.app;
    let today = Utc::now().date_naive();
    assert!(
        !representatives::is_verified(&app.db, s.association, s.owner, today)
            .await
            .unwrap()
    );

    let sent = send_proof(&s, "Protokoll årsmöte.pdf", PDF, &[s.owner], &next_spring()).await;
    assert_eq!(sent.status(), 303);
    assert_eq!(stored_files(&s), 1);
    let file = attachment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.content_type, "application/pdf");
    assert_eq!(file.file_name, "Protokoll årsmöte.pdf");
    assert_eq!(file.size_bytes, PDF.len() as i64);

    // The member can fetch it back; the page says it waits.
    let download = app
        .get_as(&s.owner_cookie, &format!("/dokument/{}", file.id))
        .await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
    let page = app
        .get_as(&s.owner_cookie, &format!("/foreningar/{}", s.association))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("väntar på granskning"), "{page}");

    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;
    let list = app
        .get_as(&officer, "/handlaggning/foretradare")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Förening 802534-3750"), "{list}");
    let proof = representative_proof::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let detail = app
        .get_as(&officer, &format!("/handlaggning/foretradare/{}", proof.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        detail.contains(&format!(r#"value="{}""#, next_spring())),
        "the form offers the next annual meeting as the end date"
    );
    assert_eq!(
        app.get_as(&officer, &format!("/dokument/{}", file.id))
            .await
            .status(),
        200,
        "officers read the document"
    );

    let too_long = (today + Months::new(16)).to_string();
    let refused = decide(
        app,
        &officer,
        proof.id,
        &format!(
            "decision=godkann&named={}&valid_until={too_long}&note=",
            s.owner
        ),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("högst 15 månader"));
    assert_eq!(
        representative::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    let approved = decide(
        app,
        &officer,
        proof.id,
        &format!(
            "decision=godkann&named={}&valid_until={}&note=",
            s.owner,
            next_spring()
        ),
    )
    .await;
    assert_eq!(approved.status(), 303);
    assert!(
        representatives::is_verified(&app.db, s.association, s.owner, today)
            .await
            .unwrap()
    );
    let after_the_meeting = today + Months::new(5);
    assert!(
        !representatives::is_verified(&app.db, s.association, s.owner, after_the_meeting)
            .await
            .unwrap(),
        "the verification ends with its date"
    );
    wait_until(Duration::from_secs(10), "the verification mail", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains("sara@example.se") && m.contains("verifierade"))
    })
    .await;
    let page = app
        .get_as(&s.owner_cookie, &format!("/foreningar/{}", s.association))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Du är verifierad företrädare"), "{page}");
    let mine = app
        .get_as(&s.owner_cookie, "/mina-sidor")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        mine.contains(&format!(
            "verifierad företrädare till och med {}",
            next_spring()
        )),
        "{mine}"
    );

    let again = decide(
        app,
        &officer,
        proof.id,
        &format!(
            "decision=godkann&named={}&valid_until={}",
            s.owner,
            next_spring()
        ),
    )
    .await;
    assert_eq!(again.status(), 409, "a document is decided once");

    let export: serde_json::Value = serde_json::from_str(
        &app.get_as(&s.owner_cookie, "/mina-sidor/mina-uppgifter.json")
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        export["verified_representative"][0]["valid_until"],
        next_spring()
    );
    assert_eq!(
        export["uploaded_documents"][0]["file"],
        "Protokoll årsmöte.pdf"
    );
}

#[tokio::test]
async fn an_upload_from_another_site_is_refused_and_nothing_is_stored() {
    let s = setting().await;
    let response = s
        .app
        .client
        .post(format!("{}/foreningar/{}/foretradare", s.app.address, s.association))
        .header("content-type", "multipart/form-data; boundary=x")
        .header("sec-fetch-site", "cross-site")
        .header("cookie", &s.owner_cookie)
        .body("--x\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(stored_files(&s), 0);
}

#[tokio::test]
async fn a_refusal_needs_a_note_and_the_association_is_told_what_is_missing() {
    let s = setting().await;
    let app = &s.app;
    assert_eq!(
        send_proof(
            &s,
            "protokoll.png",
            b"\x89PNG\r\n\x1a\nrest-of-image",
            &[s.owner],
            &next_spring()
        )
        .await
        .status(),
        303
    );
    create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    let admin = app.sign_in("admin@example.se", PASSWORD).await;
    let proof = representative_proof::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let without_note = decide(app, &admin, proof.id, "decision=avsla&note=").await;
    assert_eq!(without_note.status(), 422);
    let refused = decide(
        app,
        &admin,
        proof.id,
        "decision=avsla&note=Protokollet+saknar+justering.",
    )
    .await;
    assert_eq!(refused.status(), 303);
    wait_until(Duration::from_secs(10), "the refusal mail", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains("Protokollet saknar justering."))
    })
    .await;
    assert_eq!(
        representative::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_document_is_judged_by_its_content_and_size_and_nothing_is_kept_on_refusal() {
    let s = setting().await;
    let app = &s.app;
    let program = send_proof(
        &s,
        "protokoll.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00This program",
        &[s.owner],
        &next_spring(),
    )
    .await;
    assert_eq!(program.status(), 415);
    let page = program.text().await.unwrap();
    assert!(
        page.contains("Filen är inte en PDF, JPEG eller PNG"),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"value="{}""#, next_spring())),
        "what was typed stays"
    );

    let mut large = PDF.to_vec();
    large.resize(10 * 1024 * 1024 + 1, b'0');
    let too_large = send_proof(&s, "stor.pdf", &large, &[s.owner], &next_spring()).await;
    assert_eq!(too_large.status(), 413);
    let page = too_large.text().await.unwrap();
    assert!(page.contains("större än 10 MB"));
    assert!(
        page.contains(&format!(r#"value="{}""#, next_spring())),
        "what was typed stays"
    );

    let nobody = send_proof(&s, "protokoll.pdf", PDF, &[], &next_spring()).await;
    assert_eq!(nobody.status(), 422);
    assert!(nobody
        .text()
        .await
        .unwrap()
        .contains("Välj minst en person"));

    let stranger = Uuid::now_v7();
    let outsider = send_proof(&s, "protokoll.pdf", PDF, &[stranger], &next_spring()).await;
    assert_eq!(
        outsider.status(),
        422,
        "only people on the account can be named"
    );

    let past = send_proof(&s, "protokoll.pdf", PDF, &[s.owner], "2020-01-01").await;
    assert_eq!(past.status(), 422);

    assert_eq!(stored_files(&s), 0, "no refused document is kept");
    assert_eq!(attachment::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        representative_proof::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn another_associations_applicant_never_gets_the_document() {
    let s = setting().await;
    let app = &s.app;
    send_proof(&s, "protokoll.pdf", PDF, &[s.owner], &next_spring()).await;
    let file = attachment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let other = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    association_with_owner(&app.db, "556036-0793", other).await;
    let kim = app.sign_in("kim@example.se", PASSWORD).await;
    let response = app.get_as(&kim, &format!("/dokument/{}", file.id)).await;
    assert_eq!(response.status(), 404);
    assert!(!response.text().await.unwrap().contains("%PDF"));
    let proof = representative_proof::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let decided = decide(
        app,
        &kim,
        proof.id,
        &format!(
            "decision=godkann&named={other}&valid_until={}",
            next_spring()
        ),
    )
    .await;
    assert_eq!(decided.status(), 404, "applicants cannot verify anyone");
    assert_eq!(
        representative::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_file_far_over_the_limit_gets_the_form_back_with_a_swedish_message() {
    let s = setting().await;
    let mut huge = PDF.to_vec();
    huge.resize(15 * 1024 * 1024, b'0');
    let response = send_proof(&s, "stor.pdf", &huge, &[s.owner], &next_spring()).await;
    assert_eq!(response.status(), 413);
    let page = response.text().await.unwrap();
    assert!(page.contains("större än 10 MB"), "{page}");
    assert!(page.contains("<html lang=\"sv\""));
    assert_eq!(stored_files(&s), 0);
}

#[tokio::test]
async fn representatives_who_leave_the_account_no_longer_act_for_it() {
    use app::backend::entities::association_member;
    use sea_orm::ActiveValue::Set;
    let s = setting().await;
    let app = &s.app;
    let nils = create_user(&app.db, "applicant", "nils@example.se", PASSWORD).await;
    association_member::Entity::insert(association_member::ActiveModel {
        association_id: Set(s.association),
        user_id: Set(nils),
        role: Set(app::domain::role::MemberRole::Member),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
    send_proof(&s, "protokoll.pdf", PDF, &[s.owner, nils], &next_spring()).await;
    let first = representative_proof::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // A newer document replaces the one waiting; deciding the old one is refused.
    send_proof(&s, "protokoll-2.pdf", PDF, &[s.owner, nils], &next_spring()).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;
    let stale = decide(
        app,
        &officer,
        first.id,
        &format!(
            "decision=godkann&named={}&valid_until={}",
            s.owner,
            next_spring()
        ),
    )
    .await;
    assert_eq!(stale.status(), 409);
    assert!(stale
        .text()
        .await
        .unwrap()
        .contains("redan granskat eller har ersatts"));

    let pending = representative_proof::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.status == app::features::representatives::ProofStatus::Pending)
        .unwrap();
    let approved = decide(
        app,
        &officer,
        pending.id,
        &format!(
            "decision=godkann&named={}&named={nils}&valid_until={}",
            s.owner,
            next_spring()
        ),
    )
    .await;
    assert_eq!(approved.status(), 303);
    let today = Utc::now().date_naive();
    assert!(
        representatives::is_verified(&app.db, s.association, nils, today)
            .await
            .unwrap()
    );

    // Approvers attest proposals; they do not read the association's documents.
    create_user(&app.db, "approver", "jorgen@example.se", PASSWORD).await;
    let approver = app.sign_in("jorgen@example.se", PASSWORD).await;
    assert_eq!(
        app.get_as(&approver, &format!("/dokument/{}", pending.attachment_id))
            .await
            .status(),
        404
    );

    let removed = app
        .post_form_as(
            Some(&s.owner_cookie),
            &format!("/foreningar/{}/medlemmar/{nils}/ta-bort", s.association),
            "",
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert!(
        !representatives::is_verified(&app.db, s.association, nils, today)
            .await
            .unwrap()
    );
    assert!(
        representatives::is_verified(&app.db, s.association, s.owner, today)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn representatives_are_reminded_once_thirty_days_before_their_verification_ends() {
    let s = setting().await;
    let app = &s.app;
    let today = Utc::now().date_naive();
    let soon = today + chrono::Days::new(20);
    send_proof(&s, "protokoll.pdf", PDF, &[s.owner], &next_spring()).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;
    let proof = representative_proof::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let approved = decide(
        app,
        &officer,
        proof.id,
        &format!("decision=godkann&named={}&valid_until={soon}", s.owner),
    )
    .await;
    assert_eq!(approved.status(), 303);
    let early = today - chrono::Days::new(20);
    let ctx = |today| app::backend::command::Ctx { today, ..app.ctx() };
    use app::features::representatives::commands::remind_of_ending_verifications;
    assert_eq!(
        remind_of_ending_verifications(&ctx(early)).await.unwrap(),
        0,
        "not before thirty days ahead"
    );
    assert_eq!(
        remind_of_ending_verifications(&ctx(today)).await.unwrap(),
        1
    );
    assert_eq!(
        remind_of_ending_verifications(&ctx(today)).await.unwrap(),
        0,
        "once"
    );
    wait_until(Duration::from_secs(10), "the reminder", || async {
        kept_mails(&app.data_dir()).iter().any(|m| {
            m.contains("sara@example.se")
                && m.contains(&soon.to_string())
                && m.contains("Skicka in protokollet från årsmötet")
        })
    })
    .await;
}

/// The commands themselves, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use super::*;
    use app::backend::command::CommandError;
    use app::features::representatives::commands::{self, Decide, SendProof, StoredDocument};
    use app::features::representatives::field;

    fn document() -> StoredDocument {
        StoredDocument {
            key: "ab/abcdef".into(),
            kind: app::domain::document::FileKind::Pdf,
            size: 42,
            sha256: "0".repeat(64),
            file_name: "protokoll.pdf".into(),
        }
    }

    #[tokio::test]
    async fn a_proof_needs_a_document_someone_on_the_account_and_a_coming_meeting() {
        let s = setting().await;
        let refused = commands::send_proof(
            &s.app.ctx(),
            SendProof {
                association_id: s.association,
                sent_by: s.owner,
                document: Err("Välj en fil.".into()),
                named: vec![Uuid::now_v7().to_string()],
                next_annual_meeting: "2001-01-01".into(),
            },
        )
        .await;
        let Err(CommandError::Invalid(problems)) = refused else {
            panic!("refused as invalid: {refused:?}");
        };
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [field::DOCUMENT, field::NAMED, field::NEXT_ANNUAL_MEETING]
        );
        assert_eq!(
            representative_proof::Entity::find()
                .count(&s.app.db)
                .await
                .unwrap(),
            0
        );
    }

    #[tokio::test]
    async fn a_proof_is_decided_once_and_a_refusal_needs_a_note() {
        let s = setting().await;
        let officer = create_user(&s.app.db, "officer", "officer@example.se", PASSWORD).await;
        let proof = commands::send_proof(
            &s.app.ctx(),
            SendProof {
                association_id: s.association,
                sent_by: s.owner,
                document: Ok(document()),
                named: vec![s.owner.to_string()],
                next_annual_meeting: next_spring(),
            },
        )
        .await
        .unwrap();
        let refusal = |note: &str| Decide {
            proof_id: proof,
            officer,
            approve: false,
            named: Vec::new(),
            valid_until: String::new(),
            note: note.into(),
        };
        let Err(CommandError::Invalid(problems)) =
            commands::decide(&s.app.ctx(), refusal("  ")).await
        else {
            panic!("a refusal without a note is refused");
        };
        assert_eq!(problems[0].0, field::NOTE);
        commands::decide(&s.app.ctx(), refusal("Protokollet saknar justering."))
            .await
            .unwrap();
        let again = commands::decide(&s.app.ctx(), refusal("En gång till.")).await;
        assert!(
            matches!(&again, Err(CommandError::Conflict(message)) if message == commands::ALREADY_DECIDED),
            "{again:?}"
        );
        let missing = commands::decide(
            &s.app.ctx(),
            Decide {
                proof_id: Uuid::now_v7(),
                ..refusal("x")
            },
        )
        .await;
        assert!(matches!(missing, Err(CommandError::NotFound)));
    }
}
