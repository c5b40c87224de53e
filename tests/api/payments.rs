//! Payments: the plan made at justering and changed by the officer, holding a payment,
//! the payment order prepared by one person and attested by another, its pain.001 file
//! (validated against the official XSD with xmllint) exported once, and the payment on
//! the case's timeline; every forbidden step.
use std::collections::HashMap;
use std::path::PathBuf;

use app::backend::command::{CommandError, Ctx};
use app::backend::entities::{application, association, domain_event, payment};
use app::features::assessment::commands as assessment;
use app::features::committee::commands as committee;
use app::features::payments::{self, commands, PaymentStatus};
use chrono::Duration;
use portal_tests::{create_user, TestApp};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::assessment::{office, seed_assessment, Office};

const PASSWORD: &str = "ett långt lösenord";

pub(crate) fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The office's case attested, granted in full at a meeting today and justerad today;
/// the association has a bankgiro number. Answers the amount granted.
pub(crate) async fn granted(o: &Office) -> i64 {
    let ctx = o.app.ctx();
    association_giro(&o.app, o.case, "5050-1055", "").await;
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
    let today = ctx.today.to_string();
    let meeting = committee::create_meeting(
        &ctx,
        o.officer,
        &form(&[
            ("organ", "ofu"),
            ("datum", &today),
            ("sista_dag", &today),
            ("plats", "Stadshuset"),
        ]),
    )
    .await
    .unwrap();
    committee::add_to_agenda(&ctx, o.officer, meeting, &[o.case])
        .await
        .unwrap();
    let item = app::backend::entities::agenda_item::Entity::find()
        .filter(app::backend::entities::agenda_item::Column::ApplicationId.eq(o.case))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    committee::decide(&ctx, o.officer, item.id, &form(&[("beslut", "beviljad")]))
        .await
        .unwrap();
    committee::justify(&ctx, o.officer, meeting, &today)
        .await
        .unwrap();
    application::Entity::find_by_id(o.case)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap()
        .requested_ore
}

async fn association_giro(app: &TestApp, case: Uuid, bankgiro: &str, plusgiro: &str) {
    let row = application::Entity::find_by_id(case)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    association::Entity::update_many()
        .col_expr(association::Column::Bankgiro, Expr::value(bankgiro))
        .col_expr(association::Column::Plusgiro, Expr::value(plusgiro))
        .filter(association::Column::Id.eq(row.association_id))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn payments_of(app: &TestApp, case: Uuid) -> Vec<payment::Model> {
    payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(case))
        .order_by_asc(payment::Column::Number)
        .all(&app.db)
        .await
        .unwrap()
}

async fn events_of(app: &TestApp, case: Uuid) -> Vec<String> {
    domain_event::Entity::find()
        .filter(domain_event::Column::AggregateId.eq(case))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect()
}

/// The folder of the official pain.001 XSDs shipped by PyPI's `sepaxml` in the tests'
/// Python environment (`make test-deps` installs it).
fn pain001_xsd() -> PathBuf {
    let python = std::env::var("PORTAL_SMTP_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = std::process::Command::new(&python)
        .args([
            "-c",
            "import os, sepaxml; print(os.path.dirname(sepaxml.__file__))",
        ])
        .output()
        .expect("the tests' Python (make test-deps)");
    assert!(
        out.status.success(),
        "sepaxml is not installed in {python}: run make test-deps ({})",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
        .join("schemas")
        .join("pain.001.001.03.xsd")
}

fn validate(xml: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("order.xml");
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(pain001_xsd())
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; make test-deps installs it)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[tokio::test]
async fn a_grant_is_planned_split_attested_by_two_exported_once_and_paid() {
    let o = office().await;
    let granted = granted(&o).await;
    let today = o.app.ctx().today;

    // Justering planned one payment of the whole amount, due at once; the officer sees
    // that it would be paid before laga kraft.
    let planned = payments_of(&o.app, o.case).await;
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].amount_ore, granted);
    assert_eq!(planned[0].due_on, Some(today));
    assert_eq!(planned[0].decided_bankgiro, "5050-1055");
    let officer = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let plan_page = payments::plan_href(o.case);
    let page = o
        .app
        .get_as(&officer, &plan_page)
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("sker på kommunens risk"), "{page}");

    // A plan that does not add up is refused by the field, with what was typed kept.
    let bad = o
        .app
        .post_form_as(
            Some(&officer),
            &format!("{plan_page}/plan"),
            "typ_1=procent&varde_1=150&villkor_1=datum&datum_1=2026-12-01",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("som hela procent, 1–100") && html.contains(r#"value="150""#),
        "{html}"
    );
    let short = o
        .app
        .post_form_as(
            Some(&officer),
            &format!("{plan_page}/plan"),
            &format!("typ_1=procent&varde_1=40&villkor_1=datum&datum_1={today}"),
        )
        .await;
    assert_eq!(short.status(), 422);
    assert_eq!(
        payments_of(&o.app, o.case).await.len(),
        1,
        "nothing changed"
    );

    // 40 % now, the rest when the follow-up report is approved.
    let split = o
        .app
        .post_form_as(
            Some(&officer),
            &format!("{plan_page}/plan"),
            &format!("typ_1=procent&varde_1=40&villkor_1=datum&datum_1={today}&typ_2=rest&villkor_2=aterrapport"),
        )
        .await;
    assert_eq!(split.status(), 303);
    let plan = payments_of(&o.app, o.case).await;
    assert_eq!(plan.len(), 2);
    assert_eq!(plan[0].amount_ore + plan[1].amount_ore, granted);
    assert_eq!(plan[0].amount_ore, granted * 40 / 100 / 100 * 100);
    assert_eq!(plan[1].due_on, None);
    assert_eq!(plan[1].condition, payments::AFTER_FOLLOW_UP);

    // The association changes its bankgiro after the decision: the finance unit is warned.
    association_giro(&o.app, o.case, "5555-5551", "").await;
    create_user(&o.app.db, "finance", "karin@stad.se", PASSWORD).await;
    create_user(&o.app.db, "finance", "anders@stad.se", PASSWORD).await;
    let k = o.app.sign_in("karin@stad.se", PASSWORD).await;
    let a = o.app.sign_in("anders@stad.se", PASSWORD).await;
    let finance = o.app.get_as(&k, payments::FINANCE).await;
    assert_eq!(finance.status(), 200);
    assert_eq!(finance.headers()["cache-control"], "no-store");
    let finance = finance.text().await.unwrap();
    assert!(
        finance.contains(
            "Kontot har ändrats efter beslutet: från bankgiro 5050-1055 till bankgiro 5555-5551"
        ),
        "{finance}"
    );
    // Officers and applicants do not reach the finance pages.
    assert_eq!(
        o.app.get_as(&officer, payments::FINANCE).await.status(),
        404
    );

    // Karin prepares the order; only the due payment goes in.
    let prepared = o
        .app
        .post_form_as(
            Some(&k),
            "/ekonomi/utbetalningar/ny",
            &format!("utbetalningsdag={today}"),
        )
        .await;
    assert_eq!(prepared.status(), 303);
    let batch_page = prepared.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let plan = payments_of(&o.app, o.case).await;
    assert_eq!(plan[0].status, PaymentStatus::Batched.as_str());
    assert_eq!(plan[0].paid_bankgiro, "5555-5551");
    assert_eq!(plan[1].status, PaymentStatus::Planned.as_str());

    // The plan is locked now.
    let locked = o
        .app
        .post_form_as(
            Some(&officer),
            &format!("{plan_page}/plan"),
            &format!("typ_1=procent&varde_1=100&villkor_1=datum&datum_1={today}"),
        )
        .await;
    assert_eq!(locked.status(), 409);

    // No file before attestation; Karin may not attest her own order; an officer is
    // not the finance unit.
    assert_eq!(
        o.app
            .get_as(&k, &format!("{batch_page}/fil"))
            .await
            .status(),
        409
    );
    let own = o
        .app
        .post_form_as(Some(&k), &format!("{batch_page}/attestera"), "")
        .await;
    assert_eq!(own.status(), 409);
    assert!(own
        .text()
        .await
        .unwrap()
        .contains("En annan person ska attestera den."));
    let outsider = o
        .app
        .post_form_as(Some(&officer), &format!("{batch_page}/attestera"), "")
        .await;
    assert_eq!(outsider.status(), 404);
    let attested = o
        .app
        .post_form_as(Some(&a), &format!("{batch_page}/attestera"), "")
        .await;
    assert_eq!(attested.status(), 303);

    // Marking it paid needs the file sent first.
    let early = o
        .app
        .post_form_as(
            Some(&a),
            &format!("{batch_page}/betald"),
            &format!("betaldag={today}"),
        )
        .await;
    assert_eq!(early.status(), 409);

    // The file: valid pain.001.001.03, the payment to the current bankgiro.
    let first = o.app.get_as(&a, &format!("{batch_page}/fil")).await;
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("x-earlier-export").is_none());
    let first = first.bytes().await.unwrap();
    validate(&first).unwrap();
    let xml = String::from_utf8(first.to_vec()).unwrap();
    let amount = app::features::payments::pain001::amount(plan[0].amount_ore);
    assert!(
        xml.contains(&format!(r#"<InstdAmt Ccy="SEK">{amount}</InstdAmt>"#)),
        "{xml}"
    );
    assert!(
        xml.contains("<Id>55555551</Id>") && xml.contains("<Prtry>BGNR</Prtry>"),
        "{xml}"
    );
    assert!(xml.contains("<NbOfTxs>1</NbOfTxs>"), "{xml}");
    // A second download says so and gives the very same file.
    let second = o.app.get_as(&k, &format!("{batch_page}/fil")).await;
    assert_eq!(second.status(), 200);
    assert!(second.headers().get("x-earlier-export").is_some());
    assert_eq!(second.bytes().await.unwrap(), first);
    let page = o.app.get_as(&k, &batch_page).await.text().await.unwrap();
    assert!(page.contains("Filen hämtades första gången av"), "{page}");

    // Paid: not in the future; then on the case's timeline.
    let tomorrow = (today + Duration::days(1)).to_string();
    let ahead = o
        .app
        .post_form_as(
            Some(&a),
            &format!("{batch_page}/betald"),
            &format!("betaldag={tomorrow}"),
        )
        .await;
    assert_eq!(ahead.status(), 422);
    let paid = o
        .app
        .post_form_as(
            Some(&a),
            &format!("{batch_page}/betald"),
            &format!("betaldag={today}"),
        )
        .await;
    assert_eq!(paid.status(), 303);
    let plan = payments_of(&o.app, o.case).await;
    assert_eq!(plan[0].status, PaymentStatus::Paid.as_str());
    assert_eq!(plan[0].paid_on, Some(today));
    let events = events_of(&o.app, o.case).await;
    for kind in ["payment.planned", "payment.batched", "payment.paid"] {
        assert!(events.iter().any(|e| e == kind), "{kind} in {events:?}");
    }
    let applicant = o.app.sign_in("sara@example.se", PASSWORD).await;
    let theirs = o
        .app
        .get_as(&applicant, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        theirs.contains("betalades ut till bankgiro 5555-5551"),
        "{theirs}"
    );
    // The totals: paid this year, the rest waits for the follow-up.
    let finance = o
        .app
        .get_as(&k, payments::FINANCE)
        .await
        .text()
        .await
        .unwrap();
    let paid_kr = app::domain::money::format_kr(plan[0].amount_ore);
    assert!(finance.contains(&paid_kr), "{finance}");
}

#[tokio::test]
async fn payments_are_held_wait_for_their_day_and_need_a_giro_number() {
    let o = office().await;
    granted(&o).await;
    let ctx = o.app.ctx();
    let karin = create_user(&o.app.db, "finance", "karin@stad.se", PASSWORD).await;
    let today = ctx.today;
    let payment = payments_of(&o.app, o.case).await.remove(0);

    // Held: the reason is required, and a held payment is not due.
    let no_reason = commands::hold(&ctx, o.officer, payment.id, Some(" ")).await;
    assert!(matches!(no_reason, Err(CommandError::Invalid(_))));
    commands::hold(
        &ctx,
        o.officer,
        payment.id,
        Some("Revisionen granskar föreningen."),
    )
    .await
    .unwrap();
    let nothing = commands::prepare(&ctx, karin, &today.to_string()).await;
    assert!(
        matches!(nothing, Err(CommandError::Conflict(_))),
        "{nothing:?}"
    );
    // Only officers hold payments; finance cannot.
    let refused = commands::hold(&ctx, karin, payment.id, None).await;
    assert!(matches!(refused, Err(CommandError::Forbidden(_))));
    commands::hold(&ctx, o.officer, payment.id, None)
        .await
        .unwrap();
    // Releasing twice is a conflict, not a second change.
    assert!(matches!(
        commands::hold(&ctx, o.officer, payment.id, None).await,
        Err(CommandError::Conflict(_))
    ));

    // A payment on a later day is not due before it; one without a giro number never is.
    commands::set_plan(
        &ctx,
        o.officer,
        o.case,
        &form(&[
            ("typ_1", "procent"),
            ("varde_1", "100"),
            ("villkor_1", "datum"),
            ("datum_1", &(today + Duration::days(10)).to_string()),
        ]),
    )
    .await
    .unwrap();
    assert!(commands::prepare(&ctx, karin, &today.to_string())
        .await
        .is_err());
    let later = Ctx {
        today: today + Duration::days(10),
        ..ctx.clone()
    };
    association_giro(&o.app, o.case, "", "").await;
    assert!(commands::prepare(&later, karin, &later.today.to_string())
        .await
        .is_err());
    association_giro(&o.app, o.case, "", "90 01 22-3").await;
    // A past execution day is refused.
    let past = commands::prepare(&later, karin, "2020-01-01").await;
    assert!(matches!(past, Err(CommandError::Invalid(_))));
    let batch = commands::prepare(&later, karin, &later.today.to_string())
        .await
        .unwrap();
    // Cancelled before attestation: the payment is due again.
    commands::cancel(&later, karin, batch).await.unwrap();
    let again = payments_of(&o.app, o.case).await.remove(0);
    assert_eq!(again.status, PaymentStatus::Planned.as_str());
    assert_eq!(again.batch_id, None);
}

#[tokio::test]
async fn a_rejected_case_has_nothing_to_pay() {
    let o = office().await;
    let ctx = o.app.ctx();
    // Not decided: no plan to change.
    let none = commands::set_plan(
        &ctx,
        o.officer,
        o.case,
        &form(&[
            ("typ_1", "procent"),
            ("varde_1", "100"),
            ("datum_1", "2026-12-01"),
        ]),
    )
    .await;
    assert!(matches!(none, Err(CommandError::Conflict(_))), "{none:?}");
    assert!(payments_of(&o.app, o.case).await.is_empty());
}
