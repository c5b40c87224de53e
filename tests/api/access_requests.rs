//! Someone who finds their association already registered asks its owners for access:
//! the address is confirmed by a link first, then an owner answers with an invitation
//! or a refusal.
use std::time::Duration;

use app::backend::entities::access_request;
use portal_tests::{
    create_user, fixtures::association_with_owner, kept_mails, link_in, spawn_app, wait_until,
    TestApp,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use uuid::Uuid;

const PASSWORD: &str = "en lång och ovanlig fras";
const REQUEST: &str =
    "org_number=8025343750&name=Nils+Ek&email=nils%40example.se&message=Jag+%C3%A4r+ny+kass%C3%B6r.";

/// The token of the newest confirmation link sent to `to`.
async fn confirmation_token(app: &TestApp, to: &str) -> String {
    let prefix = "be-om-atkomst/bekrafta?token=";
    wait_until(Duration::from_secs(10), "the confirmation mail", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains(to) && m.contains(prefix))
    })
    .await;
    let mail = kept_mails(&app.data_dir())
        .into_iter()
        .rev()
        .find(|m| m.contains(to) && m.contains(prefix))
        .unwrap();
    link_in(&mail, prefix)
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned()
}

/// An owner's answer to a request: `bjud-in` or `avsla`.
async fn answer(
    app: &TestApp,
    cookie: &str,
    association: Uuid,
    request: Uuid,
    action: &str,
) -> reqwest::Response {
    app.post_form_as(
        Some(cookie),
        &format!("/foreningar/{association}/forfragningar/{request}/{action}"),
        "",
    )
    .await
}

/// An owner and an association, and a confirmed request from nils@example.se.
async fn confirmed_request(app: &TestApp) -> (Uuid, access_request::Model) {
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_with_owner(&app.db, "802534-3750", owner).await;
    let asked = app
        .post_form_as(None, "/registrera/be-om-atkomst", REQUEST)
        .await;
    assert_eq!(asked.status(), 303);
    let token = confirmation_token(app, "nils@example.se").await;
    let confirmed = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst/bekrafta",
            &format!("token={token}"),
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let request = access_request::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    (id, request)
}

#[tokio::test]
async fn a_second_registration_leads_to_a_confirmed_request_the_owner_answers_with_an_invitation() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_with_owner(&app.db, "802534-3750", owner).await;

    let registration = app
        .post_form_as(
            None,
            "/registrera",
            "name=Kindness&org_number=802534-3750&founded_year=2021&members_in_city=13&target_group=Alla&postal_address=Stockholm&contact_person=Nils+Ek&email=nils%40example.se&phone=070-1234567&password=en+l%C3%A5ng+och+ovanlig+fras",
        )
        .await;
    assert_eq!(registration.status(), 409);
    let page = registration.text().await.unwrap();
    assert!(
        page.contains(r#"href="/registrera/be-om-atkomst?org=802534-3750""#),
        "the page offers to ask for access: {page}"
    );

    let asked = app
        .post_form_as(None, "/registrera/be-om-atkomst", REQUEST)
        .await;
    assert_eq!(asked.status(), 303);
    let token = confirmation_token(&app, "nils@example.se").await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    let before = app
        .get_as(&cookie, &format!("/foreningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !before.contains("Jag är ny kassör."),
        "owners hear nothing before the address is confirmed"
    );
    assert!(!kept_mails(&app.data_dir())
        .iter()
        .any(|m| m.contains("sara@example.se") && m.contains("Förfrågan om tillgång")));

    let page = app
        .get(&format!("/registrera/be-om-atkomst/bekrafta?token={token}"))
        .await;
    assert_eq!(
        page.status(),
        200,
        "opening the link changes nothing by itself"
    );
    let shown = page.text().await.unwrap();
    assert!(
        shown.contains("Nils Ek")
            && shown.contains("Förening 802534-3750")
            && shown.contains("Jag är ny kassör."),
        "the page shows what is about to be sent: {shown}"
    );
    let confirmed = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst/bekrafta",
            &format!("token={token}"),
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let reused = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst/bekrafta",
            &format!("token={token}"),
        )
        .await;
    assert_eq!(reused.status(), 400, "the link works once");
    let used = app
        .get(&format!("/registrera/be-om-atkomst/bekrafta?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(used.contains("Länken fungerar inte"), "{used}");
    wait_until(Duration::from_secs(10), "the owner's mail", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains("sara@example.se") && m.contains("Nils Ek"))
    })
    .await;
    let again = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst",
            "org_number=8025343750&name=Someone+Else&email=nils%40example.se&message=Changed",
        )
        .await;
    assert_eq!(again.status(), 303);
    wait_until(
        Duration::from_secs(10),
        "the 'already waiting' mail",
        || async {
            kept_mails(&app.data_dir()).iter().any(|m| {
                m.contains("nils@example.se") && m.contains("redan en bekräftad förfrågan")
            })
        },
    )
    .await;
    assert_eq!(
        access_request::Entity::find().count(&app.db).await.unwrap(),
        1,
        "asking twice is one request"
    );

    let page = app
        .get_as(&cookie, &format!("/foreningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Jag är ny kassör."), "{page}");
    let request = access_request::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let invited = answer(&app, &cookie, id, request.id, "bjud-in").await;
    assert_eq!(invited.status(), 303);
    wait_until(Duration::from_secs(10), "the invitation", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains("nils@example.se") && m.contains("inbjudan?token="))
    })
    .await;
    let answered = access_request::Entity::find_by_id(request.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answered.outcome.as_deref(), Some("invited"));
    let twice = answer(&app, &cookie, id, request.id, "avsla").await;
    assert_eq!(
        twice.status(),
        404,
        "an answered request is not answered again"
    );
}

#[tokio::test]
async fn requests_for_unknown_numbers_or_with_bad_fields_are_refused_by_the_field() {
    let app = spawn_app().await;
    let unknown = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst",
            "org_number=556036-0793&name=Nils&email=nils%40example.se",
        )
        .await;
    assert_eq!(unknown.status(), 422);
    let page = unknown.text().await.unwrap();
    assert!(
        page.contains("Ingen förening med det organisationsnumret"),
        "{page}"
    );
    assert!(
        page.contains(r#"value="nils@example.se""#),
        "what was typed stays"
    );

    let bad = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst",
            "org_number=802534-3751&name=&email=x",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    for field in ["org_number", "name", "email"] {
        assert!(
            page.contains(&format!(r##"href="#falt-{field}""##)),
            "{field}"
        );
    }
    assert_eq!(
        access_request::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn one_ip_sends_at_most_five_requests_in_fifteen_minutes() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    association_with_owner(&app.db, "802534-3750", owner).await;
    for n in 0..5 {
        let asked = app
            .post_form_as(
                None,
                "/registrera/be-om-atkomst",
                &format!("org_number=802534-3750&name=N&email=n{n}%40example.se"),
            )
            .await;
        assert_eq!(asked.status(), 303);
    }
    let sixth = app
        .post_form_as(
            None,
            "/registrera/be-om-atkomst",
            "org_number=802534-3750&name=N&email=sixth%40example.se",
        )
        .await;
    assert_eq!(sixth.status(), 429);
    assert!(sixth.text().await.unwrap().contains("Försök igen om"));
    assert_eq!(
        access_request::Entity::find().count(&app.db).await.unwrap(),
        5
    );
}

#[tokio::test]
async fn only_an_owner_answers_a_request_and_answered_ones_are_swept_after_thirty_days() {
    let app = spawn_app().await;
    let (id, request) = confirmed_request(&app).await;
    let other = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    association_with_owner(&app.db, "556036-0793", other).await;
    let kim = app.sign_in("kim@example.se", PASSWORD).await;
    let refused = answer(&app, &kim, id, request.id, "bjud-in").await;
    assert_eq!(refused.status(), 404);
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    let declined = answer(&app, &cookie, id, request.id, "avsla").await;
    assert_eq!(declined.status(), 303);
    let answered = access_request::Entity::find_by_id(request.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answered.outcome.as_deref(), Some("declined"));

    let now = chrono::Utc::now();
    assert_eq!(
        app::features::access_requests::commands::sweep(&app.db, now)
            .await
            .unwrap(),
        0,
        "kept for a while after the answer"
    );
    assert_eq!(
        app::features::access_requests::commands::sweep(&app.db, now + chrono::Duration::days(31))
            .await
            .unwrap(),
        1
    );
}

/// The access requests' commands, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use app::backend::command::CommandError;
    use app::features::access_requests::{
        commands::{self, Answer, Ask},
        field, UNKNOWN_ORG_NUMBER,
    };
    use app::features::membership::commands::Inviter;
    use portal_tests::{create_user, fixtures::association_with_owner, spawn_app};

    #[tokio::test]
    async fn a_request_names_a_registered_association_and_only_its_owners_answer() {
        let app = spawn_app().await;
        let ctx = app.ctx();
        let problems = commands::check(&Ask::default()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [field::ORG_NUMBER, field::NAME, field::EMAIL],
            "every problem at once"
        );

        let asking = Ask {
            org_number: "802534-3750".into(),
            name: "Nils Ek".into(),
            email: "nils@example.se".into(),
            message: String::new(),
        };
        let unknown = commands::ask(&ctx, commands::check(&asking).unwrap()).await;
        assert!(
            matches!(&unknown, Err(CommandError::Invalid(p)) if p[0].1 == UNKNOWN_ORG_NUMBER),
            "{unknown:?}"
        );

        let owner = create_user(
            &app.db,
            "applicant",
            "sara@example.se",
            "en lång och ovanlig fras",
        )
        .await;
        let stranger = create_user(
            &app.db,
            "applicant",
            "x@example.se",
            "en lång och ovanlig fras",
        )
        .await;
        let id = association_with_owner(&app.db, "802534-3750", owner).await;
        commands::ask(&ctx, commands::check(&asking).unwrap())
            .await
            .unwrap();
        let request = app::backend::entities::access_request::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let by_stranger = commands::answer(
            &ctx,
            id,
            request.id,
            Inviter {
                id: stranger,
                name: "X",
            },
            Answer::Decline,
        )
        .await;
        assert!(matches!(by_stranger, Err(CommandError::NotFound)));
        // Not confirmed yet: not the owners' to answer either.
        let too_early = commands::answer(
            &ctx,
            id,
            request.id,
            Inviter {
                id: owner,
                name: "Sara",
            },
            Answer::Decline,
        )
        .await;
        assert!(matches!(too_early, Err(CommandError::NotFound)));
        let lapsed = commands::confirm(&ctx, "inte-en-giltig-länk").await;
        assert!(matches!(lapsed, Err(CommandError::Conflict(_))));
    }

    use sea_orm::EntityTrait;
}
