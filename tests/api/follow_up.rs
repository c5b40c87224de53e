//! Follow-up reports and reclaims: the report periods made at justering, the report
//! against the application's own budget (a line more than 10 % off needs a comment, the
//! accounts must be attached), the officer's request for changes and approval with a
//! reclaim (first kept back from the instalment waiting for the report, the rest by
//! letter), the finance unit following it until paid, the overview's exports; the
//! reminders once per due date, following a changed date; the missing report blocking
//! the next application.
use app::backend::command::CommandError;
use app::backend::entities::{domain_event, follow_up as report_table, outbox, payment, reclaim};
use app::features::follow_up::{self, commands, Report, ReportStatus};
use app::features::payments::commands as payments;
use chrono::Days;
use portal_tests::{create_user, fixtures, TestApp};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::assessment::office;
use crate::payments::{form, granted};

const PASSWORD: &str = "ett långt lösenord";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n";

async fn report_row(app: &TestApp, case: Uuid) -> report_table::Model {
    report_table::Entity::find()
        .filter(report_table::Column::ApplicationId.eq(case))
        .order_by_asc(report_table::Column::Number)
        .one(&app.db)
        .await
        .unwrap()
        .expect("justering made the report")
}

async fn mails(app: &TestApp, kind: &str) -> Vec<serde_json::Value> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("email"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.payload)
        .filter(|p| p["kind"] == kind)
        .collect()
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

/// Every answer of the report: each activity held as planned, every goal reached, each
/// line's actual amount from `actual` (the budget itself when `None`), a comment on each.
fn answers(report: &Report, revision: i32, actual: Option<i64>, comment: bool) -> String {
    answer_pairs(report, revision, actual, comment)
        .iter()
        .map(|(k, v)| format!("{k}={}", portal_tests::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn answer_pairs(
    report: &Report,
    revision: i32,
    actual: Option<i64>,
    comment: bool,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = vec![
        ("version".into(), revision.to_string()),
        (
            "redogorelse".into(),
            "Vi höll samtalsgrupper varje vecka hela året.".into(),
        ),
        ("kvinnor".into(), "60".into()),
        ("man".into(), "40".into()),
    ];
    for (i, _) in report.activities.iter().enumerate() {
        pairs.push((format!("genomfort_{}", i + 1), "10".into()));
        pairs.push((format!("deltagare_{}", i + 1), "12".into()));
    }
    for (i, _) in report.goals.iter().enumerate() {
        pairs.push((format!("mal_{}", i + 1), "ja".into()));
    }
    for (lines, amount, note) in [
        (&report.income, "intakt", "intakt_kommentar"),
        (&report.costs, "kostnad", "kostnad_kommentar"),
    ] {
        for (i, line) in lines.iter().enumerate() {
            let ore = actual.unwrap_or(line.budget_ore);
            pairs.push((format!("{amount}_{}", i + 1), (ore / 100).to_string()));
            if comment {
                pairs.push((
                    format!("{note}_{}", i + 1),
                    "Verksamheten blev mindre.".into(),
                ));
            }
        }
    }
    pairs
}

#[tokio::test]
async fn a_report_against_the_budget_is_reviewed_and_unused_money_reclaimed_until_paid() {
    let o = office().await;
    let grant = granted(&o).await;
    let ctx = o.app.ctx();
    let today = ctx.today;

    // Justering made the report: one period, due three months after it ends (never
    // sooner than a month from the decision), with the application's rows.
    let row = report_row(&o.app, o.case).await;
    assert_eq!((row.number, row.of), (1, 1));
    assert_eq!(row.granted_ore, grant);
    assert!(row.due_on >= today + Days::new(30));
    let report: Report = serde_json::from_str(&row.content).unwrap();
    assert!(!report.costs.is_empty() && !report.activities.is_empty());
    assert!(report.income.iter().all(|l| l.label != "Sökt från nämnden"));

    // Half now, half when the report is approved.
    payments::set_plan(
        &ctx,
        o.officer,
        o.case,
        &form(&[
            ("typ_1", "procent"),
            ("varde_1", "50"),
            ("villkor_1", "datum"),
            ("datum_1", &today.to_string()),
            ("typ_2", "rest"),
            ("villkor_2", "aterrapport"),
        ]),
    )
    .await
    .unwrap();

    // The association sees the report; another association and the public do not.
    let sara = o.app.sign_in("sara@example.se", PASSWORD).await;
    let page = follow_up::report_href(o.case, 1);
    let shown = o.app.get_as(&sara, &page).await;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["cache-control"], "no-store");
    let html = shown.text().await.unwrap();
    assert!(html.contains("Budget mot utfall"), "{html}");
    let case_page = o
        .app
        .get_as(&sara, &format!("/ansokningar/{}", o.case))
        .await
        .text()
        .await
        .unwrap();
    assert!(case_page.contains(&page), "the case links its report");
    let other = create_user(&o.app.db, "applicant", "nils@example.se", PASSWORD).await;
    fixtures::association_with_owner(&o.app.db, "556016-0680", other).await;
    let nils = o.app.sign_in("nils@example.se", PASSWORD).await;
    assert_eq!(o.app.get_as(&nils, &page).await.status(), 404);
    let stranger = o
        .app
        .post_form_as(Some(&nils), &page, &answers(&report, 0, None, false))
        .await;
    assert_eq!(stranger.status(), 404);

    // A bad number is refused by its field and everything typed comes back.
    let bad = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            "version=0&atgard=spara&redogorelse=Utkast+som+ska+finnas+kvar&genomfort_1=m%C3%A5nga",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("Skriv ett heltal"), "{html}");
    assert!(html.contains("Utkast som ska finnas kvar"), "{html}");
    assert_eq!(
        report_row(&o.app, o.case).await.revision,
        0,
        "nothing saved"
    );

    // Sending in: every cost at zero is more than 10 % off the budget, so each needs a
    // comment, and the accounts are missing.
    let refused = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            &format!("{}&atgard=skicka", answers(&report, 0, Some(0), false)),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("skiljer sig mer än 10 procent"), "{html}");
    assert!(
        html.contains("Bifoga den ekonomiska redovisningen"),
        "{html}"
    );
    assert_eq!(
        report_row(&o.app, o.case).await.status,
        ReportStatus::Due.as_str()
    );

    // The accounts through the shared storage.
    let uploaded = o
        .app
        .post_multipart_as(
            &sara,
            &format!("{page}/bilagor"),
            &[
                ("dokumenttyp", None, b"ekonomisk-redovisning"),
                ("fil", Some("redovisning 2026.pdf"), PDF),
            ],
        )
        .await;
    assert_eq!(uploaded.status(), 303);
    let row = report_row(&o.app, o.case).await;
    let stored: Report = serde_json::from_str(&row.content).unwrap();
    assert_eq!(stored.documents.len(), 1);
    let file = o
        .app
        .get_as(&sara, &format!("/dokument/{}", stored.documents[0].id))
        .await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);

    // A stale form (saved before the upload) is refused and kept, not written over it.
    let stale = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            &format!("{}&atgard=spara", answers(&report, 0, Some(0), true)),
        )
        .await;
    assert_eq!(stale.status(), 409);

    let sent = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            &format!(
                "{}&atgard=skicka",
                answers(&report, row.revision, Some(0), true)
            ),
        )
        .await;
    assert_eq!(sent.status(), 303, "{}", sent.text().await.unwrap());
    assert_eq!(
        report_row(&o.app, o.case).await.status,
        ReportStatus::Submitted.as_str()
    );
    // Sent in, it cannot be changed.
    let late = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            &format!(
                "{}&atgard=spara",
                answers(&report, row.revision + 1, None, true)
            ),
        )
        .await;
    assert_eq!(late.status(), 409);

    // The officer asks for changes; a request without a message is refused.
    let officer = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let review = follow_up::review_href(o.case, 1);
    let listed = o
        .app
        .get_as(&officer, follow_up::OVERVIEW)
        .await
        .text()
        .await
        .unwrap();
    assert!(listed.contains("Väntar på granskning") && listed.contains(&review));
    let empty = o
        .app
        .post_form_as(Some(&officer), &review, "beslut=andringar&meddelande=")
        .await;
    assert_eq!(empty.status(), 422);
    let changes = o
        .app
        .post_form_as(
            Some(&officer),
            &review,
            "beslut=andringar&meddelande=Bifoga+revisionsber%C3%A4ttelsen.",
        )
        .await;
    assert_eq!(changes.status(), 303);
    assert_eq!(mails(&o.app, "follow_up_reviewed").await.len(), 1);
    let row = report_row(&o.app, o.case).await;
    assert_eq!(row.status, ReportStatus::Changes.as_str());
    let again = o
        .app
        .post_form_as(
            Some(&sara),
            &page,
            &format!(
                "{}&atgard=skicka",
                answers(&report, row.revision, Some(0), true)
            ),
        )
        .await;
    assert_eq!(again.status(), 303);

    // Approved with a reclaim: nothing was spent, so the whole grant is unused. The
    // half not paid yet is kept back; the other half is claimed back by letter.
    let no_reason = o
        .app
        .post_form_as(Some(&officer), &review, "beslut=aterkrav&belopp=&skal=")
        .await;
    assert_eq!(no_reason.status(), 422);
    let too_much = o
        .app
        .post_form_as(
            Some(&officer),
            &review,
            &format!("beslut=aterkrav&belopp={}&skal=x", grant / 100 + 1),
        )
        .await;
    assert_eq!(too_much.status(), 422);
    let waiting = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(o.case))
        .filter(payment::Column::Number.eq(2))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap()
        .amount_ore;
    let decided = o
        .app
        .post_form_as(
            Some(&officer),
            &review,
            "beslut=aterkrav&belopp=&skal=Verksamheten+genomf%C3%B6rdes+utan+kostnader.",
        )
        .await;
    assert_eq!(decided.status(), 303);
    assert_eq!(
        report_row(&o.app, o.case).await.status,
        ReportStatus::Approved.as_str()
    );
    let instalments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(o.case))
        .all(&o.app.db)
        .await
        .unwrap();
    assert_eq!(instalments.len(), 1, "the waiting instalment was kept back");
    let claim = reclaim::Entity::find()
        .filter(reclaim::Column::ApplicationId.eq(o.case))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claim.computed_ore, grant);
    assert_eq!(claim.amount_ore, grant - waiting);
    assert_eq!(claim.due_on, today + Days::new(30));
    let letters = mails(&o.app, "reclaim_decided").await;
    assert_eq!(letters.len(), 1);
    let letter = &letters[0]["data"];
    assert_eq!(letter["bankgiro"], "5050-1055");
    assert!(letter["calculation"]
        .as_str()
        .unwrap()
        .contains("dras av från delbetalningen"));

    // The finance unit follows it until paid.
    create_user(&o.app.db, "finance", "karin@stad.se", PASSWORD).await;
    let karin = o.app.sign_in("karin@stad.se", PASSWORD).await;
    let list = o
        .app
        .get_as(&karin, follow_up::RECLAIMS)
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains(&claim.reference), "{list}");
    let future = o
        .app
        .post_form_as(
            Some(&karin),
            &format!("{}/{}/betald", follow_up::RECLAIMS, claim.id),
            &format!("betaldag={}", today + Days::new(1)),
        )
        .await;
    assert_eq!(future.status(), 422);
    assert_eq!(
        o.app
            .post_form_as(
                Some(&officer),
                &format!("{}/{}/betald", follow_up::RECLAIMS, claim.id),
                &format!("betaldag={today}"),
            )
            .await
            .status(),
        404,
        "officers do not register payments"
    );
    let paid = o
        .app
        .post_form_as(
            Some(&karin),
            &format!("{}/{}/betald", follow_up::RECLAIMS, claim.id),
            &format!("betaldag={today}"),
        )
        .await;
    assert_eq!(paid.status(), 303);

    // The overview counts it, as CSV and as a workbook.
    let csv = o.app.get_as(&karin, "/ekonomi/oversikt.csv").await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("Återkrävt (kr)"), "{csv}");
    let kronor = ((grant - waiting) / 100).to_string();
    assert!(
        csv.lines()
            .skip(1)
            .any(|l| l.split(';').filter(|c| *c == kronor).count() >= 2),
        "reclaimed and repaid: {csv}"
    );
    let xlsx = o.app.get_as(&karin, "/ekonomi/oversikt.xlsx").await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));

    let events = events_of(&o.app, o.case).await;
    for expected in [
        "follow_up.submitted",
        "follow_up.changes_requested",
        "follow_up.approved",
        "reclaim.decided",
        "reclaim.paid",
    ] {
        assert!(
            events.iter().any(|e| e == expected),
            "{expected}: {events:?}"
        );
    }
}

#[tokio::test]
async fn reminders_go_once_per_due_date_follow_a_new_date_and_a_late_report_blocks_applying() {
    let o = office().await;
    granted(&o).await;
    let ctx = o.app.ctx();
    let today = ctx.today;
    let set_due = |day: chrono::NaiveDate| {
        let db = o.app.db.clone();
        let case = o.case;
        async move {
            report_table::Entity::update_many()
                .col_expr(report_table::Column::DueOn, Expr::value(day))
                .filter(report_table::Column::ApplicationId.eq(case))
                .exec(&db)
                .await
                .unwrap();
        }
    };
    let stages = || async {
        mails(&o.app, "follow_up_reminder")
            .await
            .into_iter()
            .map(|m| m["data"]["stage"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };

    // Far ahead: nothing. Thirty days ahead: once, however often the worker looks.
    set_due(today + Days::new(90)).await;
    assert_eq!(commands::remind(&ctx).await.unwrap(), 0);
    set_due(today + Days::new(30)).await;
    assert_eq!(commands::remind(&ctx).await.unwrap(), 1);
    assert_eq!(commands::remind(&ctx).await.unwrap(), 0);
    assert_eq!(stages().await, ["before"]);

    // The officer moves the date: the reminder follows it.
    let moved = (today + Days::new(10)).to_string();
    commands::set_due(&ctx, o.officer, o.case, 1, &moved)
        .await
        .unwrap();
    let past = commands::set_due(&ctx, o.officer, o.case, 1, "2020-01-01").await;
    assert!(matches!(past, Err(CommandError::Invalid(_))));
    assert_eq!(commands::remind(&ctx).await.unwrap(), 1);
    assert_eq!(commands::remind(&ctx).await.unwrap(), 0);

    // On the day, and once overdue.
    set_due(today).await;
    assert_eq!(commands::remind(&ctx).await.unwrap(), 1);
    assert_eq!(commands::remind(&ctx).await.unwrap(), 0);
    set_due(today - Days::new(1)).await;
    assert_eq!(commands::remind(&ctx).await.unwrap(), 1);
    assert_eq!(commands::remind(&ctx).await.unwrap(), 0);
    let mut sent = stages().await;
    sent.sort();
    assert_eq!(sent, ["before", "before", "due", "overdue"]);

    // Overdue, it blocks a new application in the same programme, with the reason.
    let association = app::backend::entities::application::Entity::find_by_id(o.case)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap()
        .association_id;
    let blocked = app::features::applications::commands::start(
        &ctx,
        o.owner,
        association,
        crate::applications::TIME_LIMITED,
    )
    .await;
    match blocked {
        Err(CommandError::Conflict(message)) => {
            assert!(message.contains("återrapporten"), "{message}")
        }
        other => panic!("expected the report to block: {other:?}"),
    }
    let sara = o.app.sign_in("sara@example.se", PASSWORD).await;
    let list = o
        .app
        .get_as(&sara, &format!("/foreningar/{association}/ansokningar"))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("förrän återrapporten för"), "{list}");
    let officer = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let overdue = o
        .app
        .get_as(&officer, follow_up::OVERVIEW)
        .await
        .text()
        .await
        .unwrap();
    assert!(overdue.contains("Försenade (1)"), "{overdue}");
}

#[tokio::test]
async fn where_the_committee_decides_a_reclaim_is_a_proposal_until_its_decision_is_recorded() {
    use app::backend::entities::{application, grant_programme};
    let o = office().await;
    let grant = granted(&o).await;
    let ctx = o.app.ctx();
    let today = ctx.today;
    let programme = application::Entity::find_by_id(o.case)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap()
        .programme_id;
    grant_programme::Entity::update_many()
        .col_expr(
            grant_programme::Column::ReclaimByCommittee,
            Expr::value(true),
        )
        .filter(grant_programme::Column::Id.eq(programme))
        .exec(&o.app.db)
        .await
        .unwrap();

    // The report through the commands: nothing was spent.
    let document = app::features::representatives::commands::StoredDocument {
        key: format!("2026/{}", Uuid::now_v7()),
        kind: app::domain::document::FileKind::Pdf,
        size: 1000,
        sha256: "0".repeat(64),
        file_name: "redovisning.pdf".into(),
    };
    commands::attach(
        &ctx,
        o.owner,
        o.case,
        1,
        "ekonomisk-redovisning",
        Ok(document),
    )
    .await
    .unwrap();
    let row = report_row(&o.app, o.case).await;
    let report: Report = serde_json::from_str(&row.content).unwrap();
    let answers: std::collections::HashMap<String, String> =
        answer_pairs(&report, row.revision, Some(0), true)
            .into_iter()
            .collect();
    commands::save(&ctx, o.owner, o.case, 1, &answers, true)
        .await
        .unwrap();

    // The officer's reclaim is a proposal: no letter, nothing for the finance unit.
    let officer = o.app.sign_in("emelie@stad.se", PASSWORD).await;
    let review = follow_up::review_href(o.case, 1);
    let proposed = o
        .app
        .post_form_as(
            Some(&officer),
            &review,
            "beslut=aterkrav&belopp=&skal=Inget+av+bidraget+anv%C3%A4ndes.",
        )
        .await;
    assert_eq!(proposed.status(), 303);
    assert!(proposed.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("sparat=forslag"));
    let claim = reclaim::Entity::find()
        .filter(reclaim::Column::ApplicationId.eq(o.case))
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claim.status, commands::RECLAIM_PROPOSED);
    assert!(mails(&o.app, "reclaim_decided").await.is_empty());
    create_user(&o.app.db, "finance", "karin@stad.se", PASSWORD).await;
    let karin = o.app.sign_in("karin@stad.se", PASSWORD).await;
    let list = o
        .app
        .get_as(&karin, follow_up::RECLAIMS)
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains(&claim.reference), "{list}");
    let page = o.app.get_as(&officer, &review).await.text().await.unwrap();
    assert!(
        page.contains("Registrera nämndens beslut om återkrav"),
        "{page}"
    );

    // The committee's decision: a meeting in the future and a § that is no number are
    // refused by their fields; then the letter goes.
    let decision = format!("{review}/aterkrav");
    let bad = o
        .app
        .post_form_as(
            Some(&officer),
            &decision,
            &format!("sammantradesdag={}&paragraf=x", today + Days::new(1)),
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("Nämnden kan inte ha beslutat efter i dag."),
        "{html}"
    );
    assert!(html.contains("Ange paragrafen"), "{html}");
    let recorded = o
        .app
        .post_form_as(
            Some(&officer),
            &decision,
            &format!("sammantradesdag={today}&paragraf=%C2%A7+14"),
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let claim = reclaim::Entity::find_by_id(claim.id)
        .one(&o.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claim.status, "decided");
    assert_eq!(claim.decided_how, "av socialnämnden, § 14");
    assert_eq!(claim.amount_ore, grant, "nothing waited to be kept back");
    let letters = mails(&o.app, "reclaim_decided").await;
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["data"]["decided_by"], "av socialnämnden, § 14");
    let again = o
        .app
        .post_form_as(
            Some(&officer),
            &decision,
            &format!("sammantradesdag={today}&paragraf=14"),
        )
        .await;
    assert_eq!(again.status(), 409);
}
