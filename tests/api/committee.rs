//! The committee: a meeting, the attested case on its agenda with its §, the decision,
//! the justering with the legal clock, and the decision letter; every forbidden step.
use app::backend::command::CommandError;
use app::backend::entities::{agenda_item, outbox};
use app::features::applications::Status;
use app::features::assessment::commands as assessment;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::assessment::{body, office, seed_assessment, status};

const PASSWORD: &str = "ett långt lösenord";

#[tokio::test]
async fn an_attested_case_is_decided_at_a_meeting_and_the_letter_says_when_it_wins_laga_kraft() {
    let o = office().await;
    let ctx = o.app.ctx();
    assessment::declare(&ctx, o.officer, o.case, Some(false), "")
        .await
        .unwrap();
    assessment::save(&ctx, o.officer, o.case, &seed_assessment(true), true)
        .await
        .unwrap();
    for approver in [o.chief, o.head] {
        assessment::declare(&ctx, approver, o.case, Some(false), "")
            .await
            .unwrap();
        assessment::attest(&ctx, approver, o.case).await.unwrap();
    }
    assert_eq!(status(&o.app, o.case).await, Status::Attested);

    let cookie = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let today = app::backend::time::today().to_string();
    let refused = o
        .app
        .post_form_as(
            Some(&cookie),
            "/handlaggning/moten",
            "organ=&datum=imorgon&sista_dag=&plats=",
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Välj nämnd eller utskott.")
            && html.contains("Skriv var sammanträdet hålls."),
        "{html}"
    );
    let created = o
        .app
        .post_form_as(
            Some(&cookie),
            "/handlaggning/moten",
            &format!("organ=ofu&datum={today}&sista_dag={today}&plats=Stadshuset"),
        )
        .await;
    assert_eq!(created.status(), 303);
    let meeting_page = created.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let meeting = meeting_page.rsplit('/').next().unwrap().to_owned();

    let added = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{meeting_page}/dagordning"),
            &format!("arenden={}", o.case),
        )
        .await;
    assert_eq!(added.status(), 303);
    assert_eq!(status(&o.app, o.case).await, Status::OnAgenda);
    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::ApplicationId.eq(o.case))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.paragraph, 1);
    assert!(item.immediate, "the proposal said justeras omedelbart");

    // Not justerad before every § is decided.
    let early = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{meeting_page}/justera"),
            &format!("justerad={today}"),
        )
        .await;
    assert_eq!(early.status(), 409);
    assert!(early
        .text()
        .await
        .unwrap()
        .contains("§ 1 är inte beslutad än."));

    // A partial grant needs an amount below the one asked for.
    let decide = format!("/handlaggning/dagordning/{}/beslut", item.id);
    let bad = o
        .app
        .post_form_as(
            Some(&cookie),
            &decide,
            &format!("mote={meeting}&beslut=delvis_beviljad&belopp=900000"),
        )
        .await;
    assert_eq!(bad.status(), 422);
    let decided = o
        .app
        .post_form_as(
            Some(&cookie),
            &decide,
            &format!("mote={meeting}&beslut=som-forslaget&jav=Kim+Ek"),
        )
        .await;
    assert_eq!(decided.status(), 303);
    assert_eq!(status(&o.app, o.case).await, Status::Rejected);
    let page = o
        .app
        .get_as(&cookie, &meeting_page)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Kim Ek deltar inte i handläggningen på grund av jäv."),
        "{page}"
    );

    let future = (app::backend::time::today() + chrono::Duration::days(3)).to_string();
    let ahead = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{meeting_page}/justera"),
            &format!("justerad={future}"),
        )
        .await;
    assert_eq!(ahead.status(), 422);
    let justered = o
        .app
        .post_form_as(
            Some(&cookie),
            &format!("{meeting_page}/justera"),
            &format!("justerad={today}"),
        )
        .await;
    assert_eq!(justered.status(), 303);

    // The letter to the association: the decision, the motivation, how to appeal.
    let letters: Vec<serde_json::Value> = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&o.app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .filter(|p| p["kind"] == "decision_letter")
        .collect();
    assert_eq!(letters.len(), 1, "one member, one letter");
    assert_eq!(letters[0]["to"], "sara@example.se");
    assert_eq!(letters[0]["data"]["outcome"], "Avslagen");
    assert_eq!(letters[0]["data"]["paragraph"], 1);
    let clock = app::domain::legal_clock::clock(app::backend::time::today());
    let force = app::domain::programme_window::long_date(clock.legal_force);
    assert_eq!(letters[0]["data"]["legal_force"], force.as_str());

    // The applicant reads the decision and the legal clock.
    let applicant = o.app.sign_in("sara@example.se", PASSWORD).await;
    let theirs = o
        .app
        .get_as(&applicant, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        theirs.contains("Avslagen")
            && theirs.contains(&format!("vinner beslutet laga kraft {force}")),
        "{theirs}"
    );

    // The tjänsteutlåtande in the seed's structure, for staff only.
    let report = o
        .app
        .get_as(
            &cookie,
            &format!("/handlaggning/arenden/{}/tjansteutlatande", o.case),
        )
        .await
        .text()
        .await
        .unwrap();
    for part in [
        "Förvaltningens förslag till beslut",
        "Organisations- och föreningsutskottet avslår ansökan om tidsbegränsat bidrag från Förening 802534-3750",
        "Paragrafen justeras omedelbart.",
        "Sammanfattning",
        "Ärendets beredning",
        "Budget för sökt verksamhet",
        "Summa intäkter",
        "Förvaltningens bedömning",
        "Kompletterar socialtjänstens verksamheter",
        "Bedömning: uppfyller inte.",
        "Jämställdhetsanalys",
        "Förvaltningens synpunkter och förslag",
        "Attesterat av",
        "Detta dokument har godkänts digitalt",
    ] {
        assert!(report.contains(part), "{part} in {report}");
    }
    assert_eq!(
        o.app
            .get_as(
                &applicant,
                &format!("/handlaggning/arenden/{}/tjansteutlatande", o.case)
            )
            .await
            .status(),
        404
    );

    // The same report as a PDF, read back with pdftotext: sections, figures, å ä ö.
    let pdf_path = format!("/handlaggning/arenden/{}/tjansteutlatande.pdf", o.case);
    let pdf = o.app.get_as(&cookie, &pdf_path).await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    let text = portal_tests::pdf_text(&bytes);
    for part in [
        "Förvaltningens förslag till beslut",
        "Organisations- och föreningsutskottet avslår ansökan",
        "Paragrafen justeras omedelbart.",
        "Sammanfattning",
        "Ärendets beredning",
        "Budget för sökt verksamhet",
        "Summa intäkter",
        "500 000",
        "Förvaltningens bedömning",
        "Kompletterar socialtjänstens verksamheter",
        "Bedömning: uppfyller inte.",
        "Jämställdhetsanalys",
        "Attesterat av",
        "Detta dokument har godkänts digitalt",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(o.app.get_as(&applicant, &pdf_path).await.status(), 404);

    // After justering nothing changes: no new decision, no withdrawal.
    let again = o
        .app
        .post_form_as(
            Some(&cookie),
            &decide,
            &format!("mote={meeting}&beslut=beviljad"),
        )
        .await;
    assert_eq!(again.status(), 409);
    let withdraw = app::features::applications::commands::withdraw(&ctx, o.owner, o.case).await;
    assert!(
        matches!(withdraw, Err(CommandError::Conflict(_))),
        "{withdraw:?}"
    );
    // And a decided case cannot be assessed again.
    let reassess = assessment::save(&ctx, o.officer, o.case, &seed_assessment(false), false).await;
    assert!(
        matches!(reassess, Err(CommandError::Conflict(_))),
        "{reassess:?}"
    );
    let _ = body;
}
