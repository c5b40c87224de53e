use app::backend::entities::{app_user, application, association, association_member, attachment};
use app::features::applications::Status;
use portal_tests::{spawn_app, spawn_app_with};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::startup::Application;

#[tokio::test]
async fn a_fresh_database_is_migrated_and_holds_no_accounts() {
    let app = spawn_app().await;
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(association::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn demo_mode_loads_the_seed_association_its_case_another_draft_and_the_accounts_once() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let users = app_user::Entity::find().all(&app.db).await.unwrap();
    let mut roles: Vec<_> = users.iter().map(|u| u.role.as_str()).collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            "admin",
            "applicant",
            "applicant",
            "approver",
            "approver",
            "finance",
            "finance",
            "officer"
        ]
    );
    assert!(users
        .iter()
        .all(|u| u.password_hash.starts_with("$argon2id$")));

    let associations = association::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(
        associations.len(),
        10,
        "Kindness, Läxhjälp, seven with cases and Street Minds"
    );
    let kindness = associations
        .iter()
        .find(|a| a.org_number == "802534-3750")
        .unwrap();
    assert_eq!(kindness.name, "Kindness & Compassion");
    let owners = association_member::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(owners.len(), 2);
    assert!(owners.iter().all(|o| o.role.as_str() == "owner"));

    // The OFU seed's application, decided as in the seed; the association's application
    // for 2027, open; another association's draft.
    let applications = application::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(applications.len(), 12);
    // The other cases stand at every stage, so the queue and the committee show work.
    for stage in [
        Status::Submitted,
        Status::Assessed,
        Status::Attested,
        Status::OnAgenda,
        Status::Granted,
        Status::Rejected,
    ] {
        assert!(applications.iter().any(|a| a.status == stage), "{stage:?}");
    }
    // The two granted cases have their follow-up reports due within two months, one of
    // them Kindness & Compassion's, for Sara Lind to write.
    let reports = app::backend::entities::follow_up::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(reports.len(), 2);
    let today = app::backend::time::today();
    assert!(reports
        .iter()
        .all(|r| r.due_on > today && r.due_on <= today + chrono::Duration::days(60)));
    assert!(reports.iter().any(|r| r.association_id == kindness.id));
    // The Bostad Först seed's partnership: ended on its last date, six half-year reports
    // approved, the autumn 2023 one with the seed's figures and its tjänsteutlåtande;
    // Kindness & Compassion's active one with a report sent back for changes and one due.
    use app::backend::entities::{partnership, partnership_report};
    let partnerships = partnership::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(partnerships.len(), 2);
    let bostad_forst = partnerships
        .iter()
        .find(|p| p.dnr == "SOF 2023/202")
        .unwrap();
    let standing =
        app::features::partnerships::commands::terms_of(bostad_forst).standing(today, None);
    assert_eq!(standing.ends_on.to_string(), "2026-06-30");
    let seed_reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(bostad_forst.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(seed_reports.len(), 6);
    assert!(seed_reports.iter().all(|r| r.status == "approved"));
    let autumn = seed_reports.iter().find(|r| r.number == 1).unwrap();
    let content: app::features::partnerships::PartnerReport =
        serde_json::from_str(&autumn.content).unwrap();
    assert_eq!(content.activities.len(), 10);
    assert_eq!(
        (content.per_day_min, content.per_day_max),
        (Some(2), Some(6))
    );
    assert_eq!((content.women, content.men), (Some(26), Some(74)));
    assert!(!autumn.statement.is_empty());
    let active = partnerships
        .iter()
        .find(|p| p.association_id == kindness.id)
        .unwrap();
    let active_reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(active.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(active_reports.iter().any(|r| r.status == "changes"));
    assert!(active_reports.iter().any(|r| r.status == "due"));
    let seed = applications
        .iter()
        .find(|a| a.association_id == kindness.id && a.status == Status::Rejected)
        .unwrap();
    assert_eq!(seed.activity_name, "Etablering av ett självhjälpscenter");
    assert_eq!(seed.requested_ore, 50_000_000);
    assert!(seed.dnr.as_deref().unwrap().starts_with("SOF 2023/"));
    assert!(!seed.unbalanced, "the seed's budget balances at 1 600 000");
    assert_eq!(
        seed.submitted_at.unwrap().date_naive().to_string(),
        "2023-10-02"
    );
    let attested: Vec<(String, String)> = app::backend::entities::case_attestation::Entity::find()
        .filter(app::backend::entities::case_attestation::Column::ApplicationId.eq(seed.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.attested_at.date_naive().to_string()))
        .collect();
    assert_eq!(attested.len(), 2);
    assert!(attested.contains(&("Lina Blombergsson".into(), "2023-11-30".into())));
    assert!(attested.contains(&("Jörgen Nordin".into(), "2023-11-30".into())));
    let notice = app::features::committee::queries::notice(&app.db, seed.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(notice.meeting, "12 december 2023");
    assert_eq!(notice.outcome.as_deref(), Some("Avslagen"));
    assert_eq!(notice.justered.as_deref(), Some("12 december 2023"));
    let case = applications
        .iter()
        .find(|a| a.association_id == kindness.id && a.status == Status::Submitted)
        .unwrap();
    assert_eq!(
        case.activity_name,
        "Samtalsgrupper för unga tjejer med psykisk ohälsa"
    );
    assert!(case.dnr.as_deref().unwrap().starts_with("SOF "));
    assert_eq!(
        attachment::Entity::find()
            .filter(attachment::Column::ApplicationId.eq(case.id))
            .count(&app.db)
            .await
            .unwrap(),
        3
    );
    assert!(applications
        .iter()
        .any(|a| a.association_id != kindness.id && a.status == Status::Draft));

    // A second start on the same database loads nothing more.
    let again = Application::build(app.settings.clone()).await.unwrap();
    drop(again);
    assert_eq!(app_user::Entity::find().count(&app.db).await.unwrap(), 8);
    assert_eq!(
        association::Entity::find().count(&app.db).await.unwrap(),
        10
    );
    assert_eq!(
        application::Entity::find().count(&app.db).await.unwrap(),
        12
    );
}
