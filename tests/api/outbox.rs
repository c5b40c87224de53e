//! The event-driven backend: events and outbox rows in one transaction, the worker, the
//! mail it keeps as files without SMTP, the recipient's choices, the admin's views.
use std::time::Duration;

use app::backend::{
    entities::{domain_event, outbox},
    events::{self, Effect},
    outbox::status,
    preferences,
};
use app::notifications::MailKind;
use portal_tests::{
    create_user,
    fixtures::{event_for, mail_to},
    spawn_app, wait_until, TestApp,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, TransactionTrait,
};
use uuid::Uuid;

const PASSWORD: &str = "en lång och ovanlig fras";

async fn rows_with_status(app: &TestApp, wanted: app::backend::outbox::OutboxStatus) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(wanted))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_transaction_that_rolls_back_leaves_no_event_and_no_outbox_row() {
    let app = spawn_app().await;
    let txn = app.db.begin().await.unwrap();
    events::record(
        &txn,
        event_for(Uuid::now_v7()),
        vec![mail_to("a@example.se")],
    )
    .await
    .unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(
        domain_event::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);

    let txn = app.db.begin().await.unwrap();
    events::record(
        &txn,
        event_for(Uuid::now_v7()),
        vec![mail_to("a@example.se")],
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(
        domain_event::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn the_event_log_refuses_updates_and_deletes() {
    let app = spawn_app().await;
    let id = events::record(&app.db, event_for(Uuid::now_v7()), Vec::new())
        .await
        .unwrap();
    let row = domain_event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut changed: domain_event::ActiveModel = row.into();
    changed.event_type = Set("something.else".into());
    assert!(
        changed.update(&app.db).await.is_err(),
        "an event cannot be changed"
    );
    assert!(
        domain_event::Entity::delete_by_id(id)
            .exec(&app.db)
            .await
            .is_err(),
        "nor deleted"
    );
    assert!(app
        .db
        .execute_unprepared("DELETE FROM domain_event")
        .await
        .is_err());
    assert_eq!(
        domain_event::Entity::find().count(&app.db).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn signing_in_mails_a_notice_that_is_kept_as_an_eml_file_with_a_stable_message_id() {
    let app = spawn_app().await;
    let user = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    app.sign_in("sara@example.se", PASSWORD).await;

    let history = events::history(&app.db, "user", user).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].event_type, "account.signed_in");

    wait_until(Duration::from_secs(10), "the notice to be sent", || async {
        rows_with_status(&app, status::DONE).await == 1
    })
    .await;
    let row = outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(
        row.event_id,
        Some(history[0].id),
        "the outbox row points at its event"
    );
    let file = app.data_dir().join("mail").join(format!("{}.eml", row.id));
    let mail = std::fs::read_to_string(&file).expect("the mail is kept as a file");
    assert!(
        mail.contains(&format!("Message-ID: <{}@localhost>", row.id)),
        "{mail}"
    );
    assert!(
        mail.contains("To: \"Test applicant\" <sara@example.se>")
            || mail.contains("sara@example.se")
    );
    assert!(mail.contains("text/plain") && mail.contains("text/html"));
}

#[tokio::test]
async fn a_person_who_turned_the_notice_off_gets_no_mail() {
    let app = spawn_app().await;
    let user = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    wait_until(Duration::from_secs(10), "the first notice", || async {
        rows_with_status(&app, status::DONE).await == 1
    })
    .await;

    // Untick every box on the settings page and save.
    let saved = app
        .post_form_as(Some(&cookie), "/mina-sidor/installningar", "")
        .await;
    assert_eq!(saved.status(), 303);
    assert!(!preferences::wants(&app.db, user, MailKind::SignInNotice)
        .await
        .unwrap());
    let page = app
        .get_as(&cookie, "/mina-sidor/installningar")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Dina val är sparade") || page.contains("name=\"sign_in_notice\""));
    assert!(
        !page.contains("checked"),
        "the box shows as unticked: {page}"
    );

    app.sign_in("sara@example.se", PASSWORD).await;
    wait_until(
        Duration::from_secs(10),
        "the second notice to be skipped",
        || async { rows_with_status(&app, status::SKIPPED).await == 1 },
    )
    .await;
    let files = std::fs::read_dir(app.data_dir().join("mail"))
        .unwrap()
        .count();
    assert_eq!(files, 1, "only the first notice was written");
}

#[tokio::test]
async fn required_mail_cannot_be_turned_off() {
    let app = spawn_app().await;
    let user = create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    preferences::set(&app.db, user, MailKind::TestMail, false)
        .await
        .unwrap();
    assert!(preferences::wants(&app.db, user, MailKind::TestMail)
        .await
        .unwrap());
}

#[tokio::test]
async fn an_admin_sends_a_test_mail_and_sees_it_on_the_sent_mail_page() {
    let app = spawn_app().await;
    create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let admin = app.sign_in("admin@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;

    let refused = app
        .post_form_as(Some(&officer), "/admin/utskick/testmejl", "")
        .await;
    assert_eq!(refused.status(), 404, "only admins may send test mail");

    let sent = app
        .post_form_as(Some(&admin), "/admin/utskick/testmejl", "")
        .await;
    assert_eq!(sent.status(), 303);
    let test_mails = || async {
        outbox::Entity::find()
            .filter(outbox::Column::Status.eq(status::DONE))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|row| row.payload["kind"] == "test_mail")
            .collect::<Vec<_>>()
    };
    wait_until(Duration::from_secs(10), "the test mail", || async {
        test_mails().await.len() == 1
    })
    .await;
    let id = test_mails().await[0].id;

    let page = app
        .get_as(&admin, "/admin/skickad-e-post")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Testmejl från Föreningsportalen"), "{page}");
    assert!(page.contains(&format!("/admin/skickad-e-post/{id}.eml")));
    let download = app
        .get_as(&admin, &format!("/admin/skickad-e-post/{id}.eml"))
        .await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "message/rfc822");
    let refused = app
        .get_as(&officer, &format!("/admin/skickad-e-post/{id}.eml"))
        .await;
    assert_eq!(refused.status(), 404);
}

#[tokio::test]
async fn staff_get_live_queue_events_and_nobody_else_does() {
    let app = spawn_app().await;
    create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    create_user(&app.db, "officer", "emelie@example.se", PASSWORD).await;
    let applicant = app.sign_in("sara@example.se", PASSWORD).await;
    let officer = app.sign_in("emelie@example.se", PASSWORD).await;

    assert_eq!(app.get("/handlaggning/live").await.status(), 401);
    assert_eq!(
        app.get_as(&applicant, "/handlaggning/live").await.status(),
        403
    );

    let mut stream = app.get_as(&officer, "/handlaggning/live").await;
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));

    let case_id = Uuid::now_v7();
    let live = app::live::LiveEvent {
        event: "case_created".into(),
        case_id,
        dnr: Some("SOF 2026/1".into()),
        state: "submitted".into(),
    };
    events::record(&app.db, event_for(case_id), vec![Effect::Live(live)])
        .await
        .unwrap();
    app.signal.notify();

    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !received.contains(&case_id.to_string()) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("the event arrives within 10 s")
            .unwrap()
            .expect("the stream stays open");
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(received.contains("event: case_created"), "{received}");
    assert!(received.contains("SOF 2026/1"));
    assert!(
        received.contains("retry: 2000"),
        "browsers are told to reconnect: {received}"
    );

    // A reconnecting browser that says what it saw last gets nothing twice, and one
    // that missed the event gets it from the backlog.
    let row = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("live"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut replay = app
        .client
        .get(format!("{}/handlaggning/live", app.address))
        .header("cookie", &officer)
        .header("last-event-id", Uuid::nil().to_string())
        .send()
        .await
        .unwrap();
    let mut backlog = String::new();
    while !backlog.contains(&row.id.to_string()) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), replay.chunk())
            .await
            .expect("the backlog arrives")
            .unwrap()
            .unwrap();
        backlog.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(backlog.contains(&format!("id: {}", row.id)));
}

#[tokio::test]
async fn on_postgres_staff_connected_to_another_instance_see_the_change_too() {
    use portal_tests::Backend;
    if Backend::current() != Backend::Postgres {
        eprintln!("runs in the PostgreSQL suite (several instances need PostgreSQL)");
        return;
    }
    let first = spawn_app().await;
    // The second instance runs no worker: whatever it shows came over LISTEN/NOTIFY.
    let mut settings = first.settings.clone();
    settings.worker.in_process = false;
    let second = server::startup::Application::build(settings).await.unwrap();
    let second_address = format!("http://{}", second.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let second = tokio::spawn(second.run_until(async {
        let _ = stopped.await;
    }));

    create_user(&first.db, "officer", "emelie@example.se", PASSWORD).await;
    let officer = first.sign_in("emelie@example.se", PASSWORD).await;
    let mut stream = first
        .client
        .get(format!("{second_address}/handlaggning/live"))
        .header("cookie", &officer)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    // Wait for the stream's opening line, so the subscription is in place.
    let mut received = String::new();
    while !received.contains("ansluten") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        received.push_str(&String::from_utf8_lossy(&chunk));
    }

    let case_id = Uuid::now_v7();
    let live = app::live::LiveEvent {
        event: "case_changed".into(),
        case_id,
        dnr: Some("SOF 2026/7".into()),
        state: "assigned".into(),
    };
    events::record(&first.db, event_for(case_id), vec![Effect::Live(live)])
        .await
        .unwrap();
    while !received.contains(&case_id.to_string()) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
            .await
            .expect("the change reaches the other instance")
            .unwrap()
            .unwrap();
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(received.contains("event: case_changed"));
    // Shutting an instance down ends its open streams instead of waiting for them.
    let _ = stop.send(());
    let mut ended = false;
    while !ended {
        match tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await {
            Ok(Ok(Some(_))) => {}
            Ok(Ok(None)) | Ok(Err(_)) => ended = true,
            Err(_) => panic!("the stream did not end when its instance shut down"),
        }
    }
    second.await.unwrap().unwrap();
}
