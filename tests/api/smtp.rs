//! Delivery through a real SMTP server on loopback (aiosmtpd, `tests/smtp/sink.py`).
use std::{collections::HashSet, time::Duration};

use app::backend::{entities::outbox, events, outbox::status};
use portal_tests::{
    create_user,
    fixtures::{event_for, mail_to},
    free_port, spawn_app_with, wait_until, Backend, SmtpSink, TestApp,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use server::{settings::Secret, startup::Application};
use uuid::Uuid;

/// Queues `count` mails in one transaction, as one event each.
async fn queue(app: &TestApp, count: usize, to: &str) {
    let txn = app.db.begin().await.unwrap();
    for _ in 0..count {
        events::record(&txn, event_for(Uuid::now_v7()), vec![mail_to(to)])
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
    app.signal.notify();
}

async fn count(app: &TestApp, wanted: app::backend::outbox::OutboxStatus) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(wanted))
        .count(&app.db)
        .await
        .unwrap()
}

fn fast_retries(settings: &mut server::settings::Settings) {
    settings.worker.backoff_base_ms = 50;
    settings.worker.backoff_max_ms = 400;
    settings.worker.poll_ms = 200;
}

#[tokio::test]
async fn an_smtp_server_that_is_down_for_a_while_delays_mail_but_loses_none() {
    let port = free_port();
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}")));
        settings.worker.max_attempts = 100;
        fast_retries(settings);
    })
    .await;
    queue(&app, 25, "mottagare@example.se").await;

    // Nothing listens: every mail fails and waits for its next attempt.
    wait_until(
        Duration::from_secs(15),
        "every mail to have failed at least once",
        || async {
            outbox::Entity::find()
                .filter(outbox::Column::LastError.is_not_null())
                .count(&app.db)
                .await
                .unwrap()
                == 25
        },
    )
    .await;
    assert_eq!(count(&app, status::DONE).await, 0);

    let sink = SmtpSink::start(port, &[]);
    wait_until(
        Duration::from_secs(30),
        "all 25 mails to be delivered",
        || async { count(&app, status::DONE).await == 25 },
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = sink.received();
    let unique: HashSet<_> = received.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(received.len(), 25, "each mail arrives exactly once");
    assert_eq!(unique.len(), 25);
}

#[tokio::test]
async fn a_permanently_failing_mail_ends_dead_after_the_configured_attempts_and_admins_see_it() {
    let sink = SmtpSink::start(free_port(), &["--reject", "finns-inte@example.se"]);
    let url = sink.url();
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(Secret::new(url));
        settings.worker.max_attempts = 3;
        fast_retries(settings);
    })
    .await;
    queue(&app, 1, "finns-inte@example.se").await;
    queue(&app, 1, "finns@example.se").await;

    wait_until(
        Duration::from_secs(20),
        "the failing mail to die",
        || async { count(&app, status::DEAD).await == 1 },
    )
    .await;
    let dead = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(status::DEAD))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dead.attempts, 3, "exactly the configured attempts");
    assert!(
        dead.last_error.as_deref().unwrap_or("").contains("550"),
        "{:?}",
        dead.last_error
    );
    assert_eq!(
        count(&app, status::DONE).await,
        1,
        "the good mail went through"
    );

    create_user(
        &app.db,
        "admin",
        "admin@example.se",
        "en lång och ovanlig fras",
    )
    .await;
    let admin = app
        .sign_in("admin@example.se", "en lång och ovanlig fras")
        .await;
    let page = app
        .get_as(&admin, "/admin/utskick")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("finns-inte@example.se"), "{page}");
    assert!(page.contains("Misslyckades"));
    assert!(page.contains(&format!("/admin/utskick/{}/forsok-igen", dead.id)));

    // "Försök igen" puts it back in the queue with fresh attempts (and it dies again).
    let retried = app
        .post_form_as(
            Some(&admin),
            &format!("/admin/utskick/{}/forsok-igen", dead.id),
            "",
        )
        .await;
    assert_eq!(retried.status(), 303);
    let history = events::history(&app.db, "outbox", dead.id).await.unwrap();
    assert_eq!(
        history[0].event_type, "outbox.retry_requested",
        "the retry is in the audit trail"
    );
    let after_retry = outbox::Entity::find_by_id(dead.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        after_retry.status != status::DEAD || after_retry.attempts < 3,
        "it was reset"
    );
    wait_until(
        Duration::from_secs(20),
        "the retried mail to be tried again",
        || async {
            outbox::Entity::find_by_id(dead.id)
                .one(&app.db)
                .await
                .unwrap()
                .is_some_and(|row| row.status == status::DEAD && row.attempts == 3)
        },
    )
    .await;
}

#[tokio::test]
async fn two_server_instances_on_one_postgres_database_deliver_each_of_1000_mails_once() {
    if Backend::current() != Backend::Postgres {
        eprintln!("runs in the PostgreSQL suite (several instances need PostgreSQL)");
        return;
    }
    let sink = SmtpSink::start(free_port(), &[]);
    let url = sink.url();
    let first = spawn_app_with(|settings| {
        settings.smtp_url = Some(Secret::new(url));
        fast_retries(settings);
    })
    .await;
    let second = Application::build(first.settings.clone()).await.unwrap();
    let (stop_second, stopped) = tokio::sync::oneshot::channel::<()>();
    let second = tokio::spawn(second.run_until(async {
        let _ = stopped.await;
    }));

    queue(&first, 1000, "mottagare@example.se").await;
    wait_until(
        Duration::from_secs(120),
        "1000 mails to be delivered",
        || async { count(&first, status::DONE).await == 1000 },
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let received = sink.received();
    let unique: HashSet<_> = received.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(unique.len(), 1000, "every mail arrived");
    assert_eq!(received.len(), 1000, "and none twice");
    let _ = stop_second.send(());
    second.await.unwrap().unwrap();
}

/// The attack from the hardening issue: a contact name with a line break and a `Bcc:`
/// header. It is refused at the door; and a row that holds such a name anyway (queued
/// before the check existed) goes out with a safe name, one recipient, and the mails
/// after it are delivered.
#[tokio::test]
async fn a_header_injection_in_a_name_is_refused_and_cannot_stop_the_mail() {
    let sink = SmtpSink::start(free_port(), &[]);
    let url = sink.url();
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(Secret::new(url));
        fast_retries(settings);
    })
    .await;

    let attack = "Evil\r\nBcc: x@example.se";
    let body = [
        ("name", "Kindness & Compassion"),
        ("org_number", "802534-3750"),
        ("founded_year", "2021"),
        ("members_in_city", "13"),
        ("target_group", "Alla"),
        ("postal_address", "Drottninggatan 1, 111 51 Stockholm"),
        ("contact_person", attack),
        ("email", "evil@example.se"),
        ("phone", "070-123 45 67"),
        ("password", "en lång och ovanlig fras"),
    ]
    .iter()
    .map(|(key, value)| format!("{key}={}", portal_tests::encode(value)))
    .collect::<Vec<_>>()
    .join("&");
    let refused = app.post_form_as(None, "/registrera", &body).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains(app::domain::text::HIDDEN_CHARACTERS),
        "the message is by the field"
    );

    let mut evil = mail_to("evil@example.se");
    if let events::Effect::Email(job) = &mut evil {
        job.to_name = attack.to_owned();
    }
    let txn = app.db.begin().await.unwrap();
    events::record(&txn, event_for(Uuid::now_v7()), vec![evil])
        .await
        .unwrap();
    txn.commit().await.unwrap();
    queue(&app, 3, "mottagare@example.se").await;

    wait_until(
        Duration::from_secs(20),
        "all four mails to be delivered",
        || async { count(&app, status::DONE).await == 4 },
    )
    .await;
    assert_eq!(sink.messages().len(), 4);
    for message in sink.messages() {
        assert!(
            !message
                .lines()
                .any(|line| line.to_ascii_lowercase().starts_with("bcc:")),
            "{message}"
        );
    }
    let mut recipients = sink.recipients();
    recipients.sort();
    assert_eq!(
        recipients,
        [
            "evil@example.se",
            "mottagare@example.se",
            "mottagare@example.se",
            "mottagare@example.se"
        ],
        "nobody else got a copy"
    );
    let health: serde_json::Value =
        serde_json::from_str(&app.get("/healthz").await.text().await.unwrap()).unwrap();
    assert_eq!(health["worker"], "running");
}
